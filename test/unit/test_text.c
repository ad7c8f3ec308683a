/*
 * test_text.c — unit tests of the shared character fold (gd_fold, gd_fold1
 * in gd_text.h): the project's rules, and, for every other code point, the
 * NFKC form utf8proc gives the code point on its own (so the fast paths of
 * gd_fold cannot drift from NFKC); and of the message builder gd_sb_printf.
 */
#include "gd_text.h"
#include "testlib.h"

#include <utf8proc.h>

/* gd_fold(cp) as UTF-8, NUL-terminated (buf: GD_FOLD_MAX * 4 + 1 bytes). */
static const char *
fold_text(uint32_t cp, char *buf)
{
	uint32_t	out[GD_FOLD_MAX];
	int			n = gd_fold(cp, out);
	size_t		len = 0;

	for (int k = 0; k < n; k++)
		len += gd_utf8_encode(out[k], buf + len);
	buf[len] = '\0';
	return buf;
}

#define CHECK_FOLD(cp, want) \
	do { char fb_[GD_FOLD_MAX * 4 + 1]; CHECK_STR(fold_text((cp), fb_), (want)); } while (0)

static void
test_rules(void)
{
	uint32_t	out[GD_FOLD_MAX];

	/* ASCII and tabs stay; controls become spaces */
	CHECK_FOLD('a', "a");
	CHECK_FOLD('~', "~");
	CHECK_FOLD('\t', "\t");
	CHECK_FOLD(0x00, " ");
	CHECK_FOLD('\r', " ");
	CHECK_FOLD(0x7F, " ");
	CHECK_FOLD(0x85, " ");
	CHECK_FOLD(0x9F, " ");
	/* Unicode spaces */
	CHECK_FOLD(0x3000, " ");
	CHECK_FOLD(0x00A0, " ");
	CHECK_FOLD(0x2003, " ");
	CHECK_FOLD(0x202F, " ");
	CHECK_FOLD(0x2029, " ");
	/* dropped: zero-width, soft hyphen, byte order mark */
	CHECK(gd_fold(0x200B, out) == 0);
	CHECK(gd_fold(0x00AD, out) == 0);
	CHECK(gd_fold(0xFEFF, out) == 0);
	CHECK(gd_fold(0x2060, out) == 0);
	CHECK(gd_fold1(0xFEFF) == GD_FOLD_DROP);
	/* minus and hyphens, also when NFKC gives them (︲ → en dash) */
	CHECK_FOLD(0x2212, "-");
	CHECK_FOLD(0x2013, "-");
	CHECK_FOLD(0xFE58, "-");
	CHECK_FOLD(0xFE63, "-");
	CHECK_FOLD(0xFE32, "-");
	CHECK_FOLD(0x2014, "—");	/* em dash stays */
	/* NFKC: full-width forms, Kangxi radicals, compatibility ideographs */
	CHECK_FOLD(0xFF10, "0");
	CHECK_FOLD(0xFF05, "%");
	CHECK_FOLD(0xFF0C, ",");
	CHECK_FOLD(0xFF21, "A");
	CHECK_FOLD(0x2F8F, "行");
	CHECK_FOLD(0x2F00, "一");
	CHECK_FOLD(0x2FD5, "龠");
	CHECK_FOLD(0x2E9F, "母");
	CHECK_FOLD(0x2EF3, "龟");		/* ⻳ → 龟 */
	CHECK_FOLD(0xF900, "豈");
	CHECK_FOLD(0x2F800, "丽");
	/* then traditional → simplified, also for what NFKC gives (⾨ → 門 → 门) */
	CHECK_FOLD(0x8B70, "议");
	CHECK_FOLD(0x2FA8, "门");
	CHECK_FOLD(0x884C, "行");
	/* expansions */
	CHECK_FOLD(0x2460, "1");		/* ① */
	CHECK_FOLD(0x2473, "20");		/* ⑳ */
	CHECK_FOLD(0x2474, "(1)");		/* ⑴ */
	CHECK_FOLD(0x2488, "1.");		/* ⒈ */
	CHECK_FOLD(0x3220, "(一)");		/* ㈠ */
	CHECK_FOLD(0x3280, "一");		/* ㊀ */
	CHECK_FOLD(0xFE59, "(");		/* ﹙ */
	CHECK_FOLD(0x2026, "...");
	CHECK_FOLD(0x337B, "平成");
	CHECK(gd_fold(0xFDFA, out) == GD_FOLD_MAX);
	/* what it does not do */
	CHECK_FOLD(0x3001, "、");
	CHECK_FOLD(0x3002, "。");
	CHECK_FOLD(0x3007, "〇");
	CHECK_FOLD(0x00E9, "é");
	CHECK_FOLD(0x0301, "\xCC\x81");	/* a combining mark on its own */
	CHECK_FOLD(0xAC00, "가");
	CHECK_FOLD('A', "A");			/* no case folding */
	CHECK_FOLD(0xD800, "\xED\xA0\x80");	/* not a character: kept */
	/* gd_fold1: one code point, or the input when the fold expands */
	CHECK(gd_fold1(0x2F8F) == 0x884C);
	CHECK(gd_fold1(0xFF11) == '1');
	CHECK(gd_fold1(0x3000) == ' ');
	CHECK(gd_fold1(0x2460) == '1');
	CHECK(gd_fold1(0x3220) == 0x3220);
	CHECK(gd_fold1(0x2474) == 0x2474);
	CHECK(gd_fold1(0x5831) == 0x62A5);	/* 報 → 报 */
}

/* Is cp one that rules 1 to 5 take before NFKC? */
static bool
ruled(uint32_t cp)
{
	return cp < 0xA0 || (cp >= 0x2000 && cp <= 0x200D) || cp == 0x00AD ||
		cp == 0x1680 || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
		cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF ||
		cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2212 ||
		cp == 0xFE58 || cp == 0xFE63;
}

/*
 * Every other code point: gd_fold equals utf8proc's NFKC of the code point
 * alone, with rules 3 and 5 and gd_simplify applied to what it gives.
 */
static void
test_against_nfkc(void)
{
	int			bad = 0;

	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++)
	{
		char		u8[4];
		size_t		len;
		utf8proc_uint8_t *ref;
		uint32_t	want[GD_FOLD_MAX * 2];
		int			nwant = 0;
		uint32_t	got[GD_FOLD_MAX];
		int			ngot;
		size_t		i = 0;

		if (ruled(cp) || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		len = gd_utf8_encode(cp, u8);
		/* utf8proc_NFKC, on len bytes rather than a C string */
		if (utf8proc_map((const utf8proc_uint8_t *) u8, (utf8proc_ssize_t) len, &ref,
						 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) < 0)
		{
			bad++;
			continue;
		}
		while (ref[i] != '\0' && nwant < GD_FOLD_MAX * 2)
		{
			uint32_t	c;
			size_t		k = gd_utf8_decode(ref + i, strlen((char *) ref + i), &c);

			if (k == 0)
				break;
			i += k;
			if (c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2212 ||
				c == 0xFE58 || c == 0xFE63)
				c = '-';
			else if (c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A))
				c = ' ';
			else
				c = gd_simplify(c);
			want[nwant++] = c;
		}
		free(ref);
		ngot = gd_fold(cp, got);
		if (ngot != nwant || memcmp(got, want, sizeof(uint32_t) * (size_t) ngot) != 0)
		{
			if (bad++ < 10)
				printf("fold of U+%04X differs from NFKC (%d vs %d code points)\n",
					   (unsigned) cp, ngot, nwant);
		}
	}
	CHECK(bad == 0);
}

/* A message cut short ends on a whole character, and nothing follows it. */
static void
test_sbuf(void)
{
	char		buf[8];
	gd_sbuf		b;
	char		big[64];
	gd_sbuf		whole;

	gd_sb_init(&b, buf, sizeof(buf));
	gd_sb_init(&whole, big, sizeof(big));

	gd_sb_printf(&b, "ab%s", "上海市");	/* 2 + 9 bytes into 7 */
	CHECK_STR(buf, "ab上");
	CHECK(b.used == 11);
	gd_sb_printf(&b, "x");
	CHECK_STR(buf, "ab上");
	CHECK(b.used == 12);
	/* the length it needed: the whole text fits a buffer of used + 1 */
	gd_sb_printf(&whole, "ab%s", "上海市");
	gd_sb_printf(&whole, "x");
	CHECK_STR(big, "ab上海市x");
	CHECK(whole.used == b.used);
	/* room for exactly the text */
	{
		char		exact[12];
		gd_sbuf		e;

		gd_sb_init(&e, exact, sizeof(exact));
		gd_sb_printf(&e, "ab%s", "上海市");
		CHECK_STR(exact, "ab上海市");
	}
}

int
main(void)
{
	test_rules();
	test_against_nfkc();
	test_sbuf();
	return test_summary();
}
