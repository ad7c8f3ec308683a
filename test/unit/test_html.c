/*
 * Unit tests of the HTML reader (src/gd_html.c).  No PostgreSQL.
 * Prints one line per failed check and a final "N passed, N failed".
 *
 * Run from the repository root:  test/unit/test_html
 * It reads test/data/forms/jinshan-2024.html (and its GBK copies) and
 * test/data/parse/jinshan-2024.txt, the same report as plain text: both
 * must give the same report.
 */
#include "gd_html.h"
#include "gd_parse.h"
#include "gd_rules.h"
#include "gd_text.h"
#include "testlib.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */

/*
 * What the header promises of any output: NUL-terminated, no NUL inside,
 * valid UTF-8, lines ending in '\n', no empty line, no space next to a
 * tab, a newline or the start of a line.
 */
static void
check_output_form(const char *out, size_t len)
{
	CHECK(out[len] == '\0');
	CHECK(strlen(out) == len);
	CHECK(gd_utf8_valid(out, len));
	CHECK(len == 0 || out[len - 1] == '\n');
	CHECK(len == 0 || out[0] != '\n');
	CHECK(strstr(out, "\n\n") == NULL);
	CHECK(strstr(out, " \t") == NULL && strstr(out, "\t ") == NULL);
	CHECK(strstr(out, " \n") == NULL && strstr(out, "\n ") == NULL);
	CHECK(len == 0 || out[0] != ' ');
}

/* Convert; NULL (a failed check) when gd_html_to_text fails. */
static char *
convert(const char *html, size_t len, size_t *outlen)
{
	char	   *out = NULL;
	char		err[256];

	if (!gd_html_to_text(html, len, &out, outlen, err, sizeof(err)))
	{
		failed++;
		printf("FAIL gd_html_to_text: %s\n", err);
		return NULL;
	}
	check_output_form(out, *outlen);
	return out;
}

/* The text of a small page is exactly want. */
#define CHECK_HTML(html, want) check_html((html), (want), __FILE__, __LINE__)

static void
check_html(const char *html, const char *want, const char *file, int line)
{
	size_t		len = 0;
	char	   *out = convert(html, strlen(html), &len);

	if (out == NULL)
		return;
	check_str(out, want, file, line);
	free(out);
}

/* Convert with iconv(3); malloc'd, NUL-terminated; NULL on failure. */
static char *
recode(const char *from, const char *to, const char *in, size_t len, size_t *outlen)
{
	iconv_t		cd = iconv_open(to, from);
	size_t		cap = len * 2 + 16,
				left = cap - 1;
	char	   *out,
			   *op,
			   *ip = (char *) in;
	size_t		inleft = len;

	if (cd == (iconv_t) -1)
		return NULL;
	out = malloc(cap);
	op = out;
	if (out == NULL || iconv(cd, &ip, &inleft, &op, &left) == (size_t) -1)
	{
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t) (op - out);
	return out;
}

/* ------------------------------------------------------------------ */
/* The Jinshan report as an HTML page gives what its text gives */

static bool
same_report(const gd_parsed *a, const gd_parsed *b)
{
	int			diff = 0;

	for (int i = 0; i < GD_NCELLS; i++)
		if (a->report.isnull[i] != b->report.isnull[i] ||
			(!a->report.isnull[i] && a->report.v[i] != b->report.v[i]))
		{
			if (diff++ < 5)
				printf("  (cell %d differs: html %s%lld, text %s%lld)\n", i,
					   a->report.isnull[i] ? "NULL " : "", (long long) a->report.v[i],
					   b->report.isnull[i] ? "NULL " : "", (long long) b->report.v[i]);
		}
	return diff == 0;
}

/* The diagnostic codes of a and b, in order, are the same. */
static bool
same_codes(const gd_parsed *a, const gd_parsed *b)
{
	if (a->ndiags != b->ndiags)
		return false;
	for (int i = 0; i < a->ndiags; i++)
		if (strcmp(a->diags[i].code, b->diags[i].code) != 0)
			return false;
	return true;
}

static void
test_jinshan(void)
{
	size_t		hlen = 0,
				tlen = 0,
				olen = 0;
	char	   *html = test_read_file("test/data/forms/jinshan-2024.html", &hlen);
	char	   *text = test_read_file("test/data/parse/jinshan-2024.txt", &tlen);
	char	   *out;
	gd_parsed	fromhtml,
				fromtext;

	CHECK(html != NULL && text != NULL);
	if (html == NULL || text == NULL)
	{
		free(html);
		free(text);
		return;
	}
	CHECK(gd_looks_like_html(html, hlen));
	CHECK(!gd_looks_like_html(text, tlen));
	out = convert(html, hlen, &olen);
	if (out == NULL)
	{
		free(html);
		free(text);
		return;
	}
	/* the title line first; scripts, styles and Word's noise are gone */
	CHECK(strncmp(out, "上海市金山区 2024 年政府信息公开工作 年度报告\n", 20) == 0);
	CHECK(strstr(out, "document.write") == NULL);
	CHECK(strstr(out, "mso-") == NULL);
	CHECK(strstr(out, "<![") == NULL);
	CHECK(strstr(out, "WordDocument") == NULL);
	/* rows as lines, in the grid */
	CHECK_HAS(out, "\n一、本年新收政府信息公开申请数量\t\t\t582\t30\t0\t0\t1\t4\t617\n");
	CHECK_HAS(out, "\n三、本年度办理结果\t(一) 予以公开\t\t129\t7\t0\t0\t0\t2\t138\n");
	CHECK_HAS(out, "\n\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n");
	CHECK_HAS(out, "\n\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n");
	CHECK_HAS(out, "\n\t(四) 无法提 供\t1.本机关不掌握相关政府信息\t102\t10\t0\t0\t0\t0\t112\n");
	CHECK_HAS(out, "\n\t总计\t\t450\t27\t0\t0\t1\t4\t482\n");
	CHECK_HAS(out, "\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n");
	CHECK_HAS(out, "\n行政许可\t60805\t\t\n");
	CHECK_HAS(out, "\n结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n");
	CHECK_HAS(out, "\n\t\t\t\t\t16\t3\t1\t2\t22\t5\t2\t0\t0\t7\n");
	CHECK_HAS(out, "\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n");

	gd_parse_report(out, olen, &fromhtml);
	gd_parse_report(text, tlen, &fromtext);
	CHECK(fromhtml.found_tables && fromtext.found_tables);
	CHECK(same_report(&fromhtml, &fromtext));
	CHECK_STR(fromhtml.agency, fromtext.agency);
	CHECK_STR(fromhtml.agency, "上海市金山区");
	CHECK(fromhtml.year == 2024 && fromtext.year == 2024);
	CHECK(fromhtml.report.tmpl == fromtext.report.tmpl);
	CHECK(fromhtml.report.tmpl == GD_TMPL_2021);
	CHECK(fromhtml.report.present[GD_SEC_PROACTIVE_2019] == fromtext.report.present[GD_SEC_PROACTIVE_2019]);
	for (int s = 0; s < GD_NSECTIONS; s++)
		CHECK(fromhtml.report.present[s] == fromtext.report.present[s]);
	CHECK(fromhtml.report.isnull[GD_FEES_CELL] && fromhtml.report.text[GD_FEES_CELL] == NULL);
	/* the same damage found: 行政事业性收费 missing, section 四's shifted row */
	CHECK(same_codes(&fromhtml, &fromtext));
	for (int i = 0; i < fromhtml.ndiags; i++)
		if (strcmp(fromhtml.diags[i].code, "cell_count") == 0)
			CHECK_HAS(fromhtml.diags[i].message, "has 10 numbers for 15 cells");
	CHECK(gd_check(&fromhtml.report, NULL, NULL) == 0);
	gd_parsed_free(&fromhtml);
	gd_parsed_free(&fromtext);
	free(out);
	free(html);
	free(text);
}

/* The GBK copies: the caller converts; <meta charset="gbk"> is then ignored. */
static void
test_gbk(void)
{
	size_t		glen = 0,
				ulen = 0,
				tlen = 0,
				gtlen = 0,
				len,
				olen1 = 0,
				olen2 = 0;
	char	   *gbk = test_read_file("test/data/forms/jinshan-2024.gbk.html", &glen);
	char	   *utf = test_read_file("test/data/forms/jinshan-2024.html", &ulen);
	char	   *text = test_read_file("test/data/parse/jinshan-2024.txt", &tlen);
	char	   *gtext = test_read_file("test/data/forms/jinshan-2024.gbk.txt", &gtlen);
	char	   *conv,
			   *out1,
			   *out2,
			   *raw = NULL;
	gd_parsed	p;

	CHECK(gbk && utf && text && gtext);
	if (!(gbk && utf && text && gtext))
		goto done;
	CHECK(strstr(gbk, "charset=\"gbk\"") != NULL);

	/* every character survived GBK: converted back, the text is the fixture */
	conv = recode("GBK", "UTF-8", gtext, gtlen, &len);
	CHECK(conv != NULL && len == tlen && memcmp(conv, text, tlen) == 0);
	free(conv);

	conv = recode("GBK", "UTF-8", gbk, glen, &len);
	CHECK(conv != NULL);
	if (conv == NULL)
		goto done;
	CHECK(gd_looks_like_html(conv, len));
	out1 = convert(conv, len, &olen1);
	out2 = convert(utf, ulen, &olen2);
	CHECK(out1 && out2 && olen1 == olen2 && memcmp(out1, out2, olen1) == 0);
	free(out1);
	free(out2);
	free(conv);

	/* unconverted GBK read as UTF-8: valid output, no tables, no crash */
	if (gd_html_to_text(gbk, glen, &raw, &olen1, NULL, 0))
	{
		check_output_form(raw, olen1);
		gd_parse_report(raw, olen1, &p);
		CHECK(!p.report.present[GD_SEC_REQUESTS]);
		gd_parsed_free(&p);
		free(raw);
	}
	else
		CHECK(!"gd_html_to_text failed on GBK bytes");
done:
	free(gbk);
	free(utf);
	free(text);
	free(gtext);
}

/* ------------------------------------------------------------------ */
/* Small pages */

static void
test_grid(void)
{
	/* rowspan: the rows below keep their column positions */
	CHECK_HTML("<table><tr><td rowspan=2>a<td>b<td>c<tr><td>d<td>e</table>",
			   "a\tb\tc\n\td\te\n");
	CHECK_HTML("<table><tr><td>a<td rowspan=3>b<td>c<tr><td>d<td>e<tr><td>f<td>g<tr><td>h<td>i</table>",
			   "a\tb\tc\nd\t\te\nf\t\tg\nh\ti\n");
	/* two rowspans in a row, from different rows */
	CHECK_HTML("<table><tr><td rowspan=3>a<td>b<td>c"
			   "<tr><td rowspan=2>d<td>e<tr><td>f</table>",
			   "a\tb\tc\n\td\te\n\t\tf\n");
	/* colspan: the text, then N-1 empty fields (trailing ones too) */
	CHECK_HTML("<table><tr><td colspan=3>a<td>b<tr><td colspan=2>c</table>",
			   "a\t\t\tb\nc\t\n");
	/* both: the block is held in the rows below */
	CHECK_HTML("<table><tr><td rowspan=2 colspan=2>a<td>b<tr><td>c</table>",
			   "a\t\tb\n\t\tc\n");
	/* header rows of a report table */
	CHECK_HTML("<table><tr><th rowspan=2>项目<th colspan=2>申请人情况<th rowspan=2>总计"
			   "<tr><th>自然人<th>法人"
			   "<tr><td>一、新收<td>5<td>1<td>6</table>",
			   "项目\t申请人情况\t\t总计\n\t自然人\t法人\n一、新收\t5\t1\t6\n");
	/* thead/tbody/tfoot are transparent; a rowspan crosses them */
	CHECK_HTML("<table><thead><tr><td rowspan=2>a<td>b</thead><tbody><tr><td>c</tbody></table>",
			   "a\tb\n\tc\n");
	/* a cell outside any <tr> starts a row */
	CHECK_HTML("<table><td>a<td>b</table>", "a\tb\n");
	/* an empty row writes nothing; a row of empty cells its tabs */
	CHECK_HTML("<table><tr></tr><tr><td>&nbsp;<td> <td></table>", "\t\t\n");
	/* empty cells (whitespace, &nbsp;, Word's <o:p>) are empty fields */
	CHECK_HTML("<table><tr><td>a<td>&nbsp;<td> \n <td><p class=MsoNormal><o:p>&nbsp;</o:p></p><td>b</table>",
			   "a\t\t\t\tb\n");
	CHECK_HTML("<table><tr><td>&#160;&#12288;<td>1</table>", "\t1\n");
}

static void
test_cells(void)
{
	/* several <p>, <span>, <br> in a cell: one space, never a tab or newline */
	CHECK_HTML("<table><tr><td><p>a</p><p>b<br>c</p><td>d</table>", "a b c\td\n");
	CHECK_HTML("<table><tr><td><p>（四）无法提</p>\n<p><span>供</span></p><td>1</table>",
			   "（四）无法提 供\t1\n");
	/* inline elements flow */
	CHECK_HTML("<table><tr><td><span>（四）</span><b>无法</b><font>提供</font><td>1</table>",
			   "（四）无法提供\t1\n");
	CHECK_HTML("<table><tr><td>a\r\n\tb  c<td>\t</table>", "a b c\t\n");
	CHECK_HTML("<table><tr><td><div><ul><li>x<li>y</ul></div><td>2</table>", "x y\t2\n");
	/* Word's smart tags keep their text */
	CHECK_HTML("<p><st1:chsdate year=\"2024\">2024年</st1:chsdate>报告</p>", "2024年报告\n");
}

static void
test_nesting(void)
{
	/* a table in a cell: the outer row's text before, its rows, then the rest */
	CHECK_HTML("<table><tr><td>x<td><table><tr><td>1<td>2</table>after<td>y</table>",
			   "x\n1\t2\nafter\n\t\ty\n");
	/* a layout table around the page keeps paragraphs and tables apart */
	CHECK_HTML("<table><tr><td>nav</td></tr><tr><td><h1>T</h1><p>p1</p>"
			   "<table><tr><td>a<td>1</table><p>p2</p>"
			   "<table><tr><td>b<td>2</table></td></tr><tr><td>footer</table>",
			   "nav\nT\np1\na\t1\np2\nb\t2\nfooter\n");
	/* deeper: a layout cell holding a layout table holding the data */
	CHECK_HTML("<table><tr><td><table><tr><td><div>t</div><table><tr><td rowspan=2>a<td>1"
			   "<tr><td>2</table></table></table>",
			   "t\na\t1\n\t2\n");
	/* a caption, text outside cells: lines of their own */
	CHECK_HTML("<table><caption>表1</caption><tr><td>a<td>b</tr>stray<tr><td>c</table>",
			   "表1\na\tb\nstray\nc\n");
	/* <td>/<tr> outside tables are blocks */
	CHECK_HTML("<div>a<td>b</td>c</div>", "a\nb\nc\n");
}

static void
test_text(void)
{
	CHECK_HTML("<html><head><title> T  1 </title><meta charset=\"gbk\"></head>"
			   "<body><h1>H</h1><p>x</p></body></html>", "T 1\nH\nx\n");
	/* a <meta charset> is ignored: UTF-8 is forced */
	CHECK_HTML("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
			   "</head><body><p>政府信息公开</p></body></html>", "政府信息公开\n");
	CHECK_HTML("<p>  a \n\t b  </p>", "a b\n");
	CHECK_HTML("<p>a<br>b<br><br>c</p>", "a\nb\nc\n");
	CHECK_HTML("<p>a <b>b</b> <i>c</i></p>", "a b c\n");
	CHECK_HTML("<p>&lt;x&gt; &amp; &quot;&#20013;&#x6587;&quot; &copy;&hellip;</p>",
			   "<x> & \"中文\" ©…\n");
	CHECK_HTML("<p>a&nbsp;&nbsp;b</p>", "a b\n");
	CHECK_HTML("<p>a<script>var t = '<table>';</script><style>p{}</style><!-- c -->b"
			   "<noscript>n</noscript><select><option>o</select></p>", "ab\n");
	CHECK_HTML("<p class=MsoNormal><![if !supportLists]><span>1.<span style='font:7pt'>&nbsp;</span></span>"
			   "<![endif]>其他<o:p></o:p></p>", "1. 其他\n");
	CHECK_HTML("\xEF\xBB\xBF<p>x</p>", "x\n");
	/* invalid UTF-8 in the input: the output stays valid */
	{
		size_t		len = 0;
		char	   *out = convert("<p>a\xff\xfe b\xc3</p>", 13, &len);

		if (out)
			CHECK(strchr(out, 'a') != NULL && strchr(out, 'b') != NULL);
		free(out);
	}
}

static void
test_hostile(void)
{
	size_t		len = 0;
	char	   *out;
	char	   *big;
	size_t		n = 0;
	char		want[1100];

	/* spans over 1000, zero, negative, junk: 1 */
	snprintf(want, sizeof(want), "a\tb\tc\td");
	memset(want + 7, '\t', 1000);
	strcpy(want + 1007, "e\n");
	CHECK_HTML("<table><tr><td colspan=100000>a<td rowspan=-3>b<td colspan=1001 rowspan=x>c"
			   "<td colspan=1000>d<td rowspan=0>e</table>", want);
	CHECK_HTML("<table><tr><td colspan=99999999999999999999999>a<td>b</table>", "a\tb\n");

	/* many huge spans: the padding stays within its budget */
	big = malloc(200000);
	if (big == NULL)
		return;
	n += (size_t) sprintf(big, "<table>");
	while (n < 199000)
		n += (size_t) sprintf(big + n, "<tr><td colspan=1000 rowspan=1000>x<td>y");
	out = convert(big, n, &len);
	CHECK(out != NULL && len <= GD_HTML_PAD_BASE + (GD_HTML_PAD_PER_BYTE + 1) * n);
	free(out);

	/* deep nesting: read up to libxml2's limit, refused past it */
	n = 0;
	for (int i = 0; i < 80; i++)
		n += (size_t) sprintf(big + n, "<table><tr><td>%d", i % 10);
	out = convert(big, n, &len);
	CHECK(out != NULL && len == 160 && strncmp(out, "0\n1\n2\n", 6) == 0);
	free(out);
	n = 0;
	for (int i = 0; i < 20000; i++)
		n += (size_t) sprintf(big + n, "<div>");
	n += (size_t) sprintf(big + n, "x");
	out = NULL;
	CHECK(!gd_html_to_text(big, n, &out, &len, want, sizeof(want)));
	CHECK(out == NULL);
	CHECK_HAS(want, "nested deeper");
	free(big);
}

static void
test_odd(void)
{
	size_t		len = 99;
	char	   *out = NULL;
	char		err[64];
	static const char *const garbage[] = {
		"<table><tr><td>a<td rowsp", "<", "<<<>>>&&&;;", "</table></tr></td>x",
		"<table><table><table>", "<td rowspan=3><td><tr><tr><tr><td>", "<!--", "<![",
		"<![if x]", "&#0;&#xD800;&#x110000;&", "<html><body></html></body>x",
		"<p>\x00\x01\x02</p>", "\xff\xfe\xfd", " ", "\n\n\n",
	};

	/* empty input: "" */
	CHECK(gd_html_to_text(NULL, 0, &out, &len, err, sizeof(err)));
	CHECK(out != NULL && len == 0 && out[0] == '\0');
	free(out);
	/* plain text is one paragraph */
	CHECK_HTML("hello\nworld", "hello world\n");
	/* truncated and garbage markup: no crash, a well-formed result */
	for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++)
	{
		size_t		glen = strlen(garbage[i]);

		if (i == 11)
			glen = 10;			/* with its NUL byte */
		out = NULL;
		if (gd_html_to_text(garbage[i], glen, &out, &len, err, sizeof(err)))
		{
			check_output_form(out, len);
			free(out);
		}
		else
			CHECK(out == NULL && err[0] != '\0');
	}
	/* libxml2's error handlers are left as they were */
	{
		xmlGenericErrorFunc g = xmlGenericError;
		xmlStructuredErrorFunc s = xmlStructuredError;

		out = NULL;
		if (gd_html_to_text("<p><b>x</p></i>", 15, &out, &len, NULL, 0))
			free(out);
		CHECK(xmlGenericError == g);
		CHECK(xmlStructuredError == s);
	}
}

static void
test_sniff(void)
{
	static const char *const yes[] = {
		"<!DOCTYPE html>", "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
		"\xEF\xBB\xBF  \n<html>", "<!-- saved from url -->\n<HTML lang=zh>",
		"<?xml version=\"1.0\"?><html xmlns=\"x\">", "<TABLE border=1>", "<p>", "<meta charset=gbk>",
		"<body>", "<head>", "<title>x</title>", "<div class=x>", "<h1>", "<span>"
	};
	static const char *const no[] = {
		"", "上海市金山区 2024 年政府信息公开工作 年度报告", "<https://www.jinshan.gov.cn>",
		"< html>", "<pre>", "<!DOCTYPE svg>", "<!-- only a comment", "x<html>", "<tablet>",
		"%PDF-1.7\n<html>", "\xEF\xBB\xBF"
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!gd_looks_like_html(yes[i], strlen(yes[i])))
		{
			failed++;
			printf("FAIL gd_looks_like_html(\"%s\") is false\n", yes[i]);
		}
		else
			passed++;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (gd_looks_like_html(no[i], strlen(no[i])))
		{
			failed++;
			printf("FAIL gd_looks_like_html(\"%s\") is true\n", no[i]);
		}
		else
			passed++;
	CHECK(!gd_looks_like_html(NULL, 0));
	/* only len bytes are read */
	CHECK(!gd_looks_like_html("<html>", 3));
}

int
main(void)
{
	test_jinshan();
	test_gbk();
	test_grid();
	test_cells();
	test_nesting();
	test_text();
	test_hostile();
	test_odd();
	test_sniff();
	return test_summary();
}
