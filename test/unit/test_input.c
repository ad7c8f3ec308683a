/*
 * Unit tests of the form and encoding readers (src/gd_input.c): each form
 * of the Jinshan fixture gives the same cells as its UTF-8 text.
 */
#include "gd_input.h"
#include "gd_parse.h"
#include "testlib.h"

#include <stdio.h>
#include <string.h>

static const char *
doc_of(const char *bytes, gd_document *doc)
{
	CHECK(gd_document_read(bytes, strlen(bytes), doc));
	return doc->text ? doc->text : "";
}

static void
test_markdown(void)
{
	gd_document doc;
	const char *md =
		"# 某区 2025 年 政府信息公开工作年度报告\n"
		"\n"
		"| 类别 | 数据1 | 数据2 | 总计 |\n"
		"|---|---|---|---|\n"
		"| 1. 属于国家秘密 | 1 | 0 | 1 |\n"
		"| 结果维持 | 结果纠正 |\n"
		"|----------|:--------:|\n"
		"| 27 | 10 |\n"
		"\n"
		"not a | table\n"
		"a | b\n"
		"---|---\n"
		"1 | 2\n";

	CHECK_STR(doc_of(md, &doc),
			  "某区 2025 年 政府信息公开工作年度报告\n"
			  "\n"
			  "类别 总计\n"
			  "\n"
			  "1. 属于国家秘密\t1\t0\t1\n"
			  "结果维持 结果纠正\n"
			  "\n"
			  "27\t10\n"
			  "\n"
			  "not a | table\n"
			  "a b\n"
			  "\n"
			  "1\t2\n");
	CHECK(doc.form == GD_FORM_MARKDOWN);
	CHECK_STR(gd_form_name(doc.form), "markdown");
	gd_document_free(&doc);

	/* without a separator line, pipes are text */
	CHECK_STR(doc_of("| a | 1 |\n", &doc), "| a | 1 |\n");
	CHECK(doc.form == GD_FORM_TEXT);
	gd_document_free(&doc);

	/* a header row that holds numbers is a row of cells */
	CHECK_STR(doc_of("| 27 | 10 |\n|---|---|\n", &doc), "27\t10\n\n");
	gd_document_free(&doc);
}

static void
test_encodings(void)
{
	gd_document doc;
	/* 「申请」 in GBK: C9 EA C7 EB */
	const char gbk[] = "\xC9\xEA\xC7\xEB 1\n";
	const char bom[] = "\xEF\xBB\xBF申请 1\n";

	CHECK_STR(doc_of(gbk, &doc), "申请 1\n");
	CHECK_STR(doc.encoding, "GB18030");
	CHECK_HAS(doc.note, "GB18030");
	gd_document_free(&doc);

	CHECK_STR(doc_of(bom, &doc), "申请 1\n");
	CHECK_STR(doc.encoding, "UTF-8");
	CHECK(doc.note[0] == '\0');
	gd_document_free(&doc);

	/* UTF-16 with its byte order mark: 「申请 1」 */
	{
		const char u16[] = "\xFF\xFE\x33\x75\xF7\x8B\x20\x00\x31\x00\x0A\x00";

		CHECK(gd_document_read(u16, sizeof(u16) - 1, &doc));
		CHECK_STR(doc.text, "申请 1\n");
		CHECK_STR(doc.encoding, "UTF-16");
		gd_document_free(&doc);
	}
	/* HTML tables inside text are read as HTML */
	CHECK_STR(doc_of("# 标题\n<table><tr><td>行政许可</td><td>550</td></tr></table>\n", &doc),
			  "# 标题\n行政许可\t550\n");
	CHECK(doc.form == GD_FORM_HTML);
	gd_document_free(&doc);

	/* neither UTF-8 nor GB18030: passed on, and said so */
	CHECK(gd_document_read("\x80\x80\xff", 3, &doc));
	CHECK_STR(doc.encoding, "unknown");
	CHECK(doc.len == 3);
	gd_document_free(&doc);

	/* empty input */
	CHECK(gd_document_read(NULL, 0, &doc));
	CHECK(doc.len == 0 && doc.form == GD_FORM_TEXT);
	gd_document_free(&doc);
}

static void
test_pdf(void)
{
	gd_document doc;

	CHECK(gd_looks_like_pdf("%PDF-1.7\n", 9));
	CHECK(!gd_looks_like_pdf("PDF", 3));
	CHECK(gd_document_read("%PDF-1.4\n%\xe2\xe3\n", 13, &doc));
	CHECK(doc.form == GD_FORM_PDF && doc.text == NULL);
	gd_document_free(&doc);
}

/* Every form of the fixture: the cells of the UTF-8 text. */
static void
test_forms(void)
{
	static const char *const forms[] = {
		"test/data/forms/jinshan-2024.html",
		"test/data/forms/jinshan-2024.gbk.txt",
		"test/data/forms/jinshan-2024.gbk.html",
	};
	size_t		len;
	char	   *text = test_read_file("test/data/parse/jinshan-2024.txt", &len);
	gd_parsed	want;

	if (!text)
	{
		CHECK(!"cannot read the fixture");
		return;
	}
	gd_parse_report(text, len, &want);
	free(text);
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
	{
		char	   *bytes = test_read_file(forms[f], &len);
		gd_document doc;
		gd_parsed	p;
		int			diff = 0;

		if (!bytes)
		{
			printf("FAIL cannot read %s\n", forms[f]);
			failed++;
			continue;
		}
		CHECK(gd_document_read(bytes, len, &doc));
		gd_parse_report(doc.text, doc.len, &p);
		for (int i = 0; i < GD_NCELLS; i++)
			if (p.report.isnull[i] != want.report.isnull[i] ||
				(!p.report.isnull[i] && p.report.v[i] != want.report.v[i]))
				diff++;
		if (diff)
			printf("  (%s: %d cells differ)\n", forms[f], diff);
		CHECK(diff == 0);
		CHECK_STR(p.agency, want.agency);
		CHECK(p.year == want.year);
		CHECK(doc.form == (strstr(forms[f], ".html") ? GD_FORM_HTML : GD_FORM_TEXT));
		CHECK_STR(doc.encoding, strstr(forms[f], ".gbk.") ? "GB18030" : "UTF-8");
		gd_parsed_free(&p);
		gd_document_free(&doc);
		free(bytes);
	}
	gd_parsed_free(&want);
}

int
main(void)
{
	test_markdown();
	test_encodings();
	test_pdf();
	test_forms();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
