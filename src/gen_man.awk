# src/gen_man.awk — the man page govdisclose-import(1), generated from its
# one source: the man-style block of README.md, the ``` block under the
# heading "### The command line: `govdisclose-import`".
#
#   awk -v version=0.3.0 -f src/gen_man.awk README.md > govdisclose-import.1
#
# A line in capitals at the block's margin is a section.  SYNOPSIS and
# EXAMPLES are kept as printed; the other sections are filled text, a blank
# line between paragraphs, where a line starting with "-" begins an option:
# its names up to the first run of two spaces, then its description,
# continued on the lines indented deeper than the option.  Exits 1 when the
# README has no such block.

# Text for troff: a backslash printed as itself, "-" as the ASCII
# hyphen-minus an option is typed with, no control character at the start.
function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	if (s ~ /^[.']/)
		s = "\\&" s
	return s
}

# An option's names in bold, its argument in italics: "-a, --agency NAME".
function option_tag(tag,    n, i, w, out, words) {
	n = split(tag, words, " ")
	out = ""
	for (i = 1; i <= n; i++) {
		w = words[i]
		if (w ~ /^-/) {
			sub(/,$/, "", w)
			out = out (out == "" ? "" : (words[i - 1] ~ /,$/ ? ", " : " ")) "\\fB" esc(w) "\\fR"
		} else
			out = out " \\fI" esc(w) "\\fR"
	}
	return out
}

BEGIN {
	if (version == "") {
		print "gen_man.awk: -v version=X.Y.Z is required" > "/dev/stderr"
		status = 2
		exit status
	}
	state = "before"
}

state == "before" && /^### The command line: `govdisclose-import`$/ { state = "heading"; next }
state == "heading" && /^```$/ {
	state = "in"
	print ".\\\" Generated from README.md by src/gen_man.awk: edit the README, not this file."
	printf ".TH GOVDISCLOSE\\-IMPORT 1 \"\" \"govdisclose %s\" \"User Commands\"\n", version
	next
}
state == "in" && /^```$/ { state = "done"; if (verbatim) print ".fi"; next }
state != "in" { next }

/^[A-Z][A-Z ]*$/ {
	if (verbatim)
		print ".fi"
	blank = 0
	printf ".SH \"%s\"\n", $0
	section = $0
	verbatim = (section == "SYNOPSIS" || section == "EXAMPLES")
	if (verbatim)
		print ".nf"
	next
}

# a blank line separates what follows it, not a section
/^[ \t]*$/ { blank = 1; next }
blank { print (verbatim ? ".sp" : ".PP"); blank = 0 }

verbatim {
	line = $0
	sub(/^    /, "", line)
	line = esc(line)
	# the command itself in bold where a line starts with it
	sub(/^govdisclose\\-import/, "\\fBgovdisclose\\-import\\fR", line)
	print line
	next
}

section == "NAME" {
	line = $0
	sub(/^ +/, "", line)
	sub(/ - /, " \\- ", line)
	n = index(line, " \\- ")
	print esc(substr(line, 1, n - 1)) substr(line, n, 4) esc(substr(line, n + 4))
	next
}

/^    -/ {
	line = substr($0, 5)
	n = match(line, /  +/)
	print ".TP"
	if (n == 0) {
		print option_tag(line)
	} else {
		print option_tag(substr(line, 1, n - 1))
		print esc(substr(line, n + RLENGTH))
	}
	next
}

{
	line = $0
	sub(/^ +/, "", line)
	print esc(line)
}

END {
	if (status)
		exit status
	if (state != "done") {
		print "gen_man.awk: no man-style block under \"### The command line: `govdisclose-import`\" in the README" > "/dev/stderr"
		exit 1
	}
}
