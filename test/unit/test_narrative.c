/*
 * Unit tests of the narrative claims (src/gd_narrative.c).  No PostgreSQL.
 * Prints one line per failed check and a final "N passed, N failed".
 *
 * Run from the repository root (reads test/data/parse/jinshan-2024.txt).
 */
#include "gd_narrative.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static char *
read_fixture(const char *name, size_t *len)
{
	char		path[256];

	snprintf(path, sizeof(path), "test/data/parse/%s", name);
	return test_read_file(path, len);
}

#define MAXC 64
static gd_claim claims[MAXC];

static size_t
find(const char *text)
{
	return gd_find_claims(text, strlen(text), claims, MAXC);
}

/* The one claim of a kind (and group) in claims[0..n); NULL unless exactly one. */
static const gd_claim *
the_claim(size_t n, gd_claim_kind kind, int group)
{
	const gd_claim *found = NULL;

	for (size_t i = 0; i < n && i < MAXC; i++)
		if (claims[i].kind == kind && (group < 0 || claims[i].group == group))
		{
			if (found != NULL)
				return NULL;
			found = &claims[i];
		}
	return found;
}

static gd_claim_check ck;

static gd_claim_status
status_of(const gd_claim *c, const gd_report *r)
{
	if (c == NULL)
	{
		ck.status = (gd_claim_status) -1;
		return ck.status;
	}
	gd_check_claim(c, r, &ck);
	return ck.status;
}

#define HU (1u << GD_ROUND_HALF_UP)
#define LR (1u << GD_ROUND_LARGEST_REMAINDER)
#define PL (1u << GD_ROUND_PLUG_LAST)

static void
test_jinshan(void)
{
	gd_report	r;
	size_t		len = 0;
	char	   *text = read_fixture("jinshan-2024.txt", &len);
	size_t		n;
	static const struct
	{
		gd_claim_kind kind;
		int			group;
		int64_t		stated;
		int			decimals;
		const char *text;
	}			want[] = {
		{GD_CLAIM_RECEIVED, -1, 617, 0, "617"},
		{GD_CLAIM_HANDLED, -1, 482, 0, "482"},
		{GD_CLAIM_CARRIED_OVER, -1, 18, 0, "18"},
		{GD_CLAIM_CARRIED_FORWARD, -1, 153, 0, "153"},
		{GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED, 153, 0, "153"},
		{GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED, 3174, 2, "31.74%"},
		{GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD, 16, 0, "16"},
		{GD_CLAIM_GROUP_PERCENT, GD_GROUP_WITHHELD, 332, 2, "3.32%"},
		{GD_CLAIM_GROUP_COUNT, GD_GROUP_UNABLE, 160, 0, "160"},
		{GD_CLAIM_GROUP_PERCENT, GD_GROUP_UNABLE, 332, 1, "33.2%"},
		{GD_CLAIM_GROUP_COUNT, GD_GROUP_NOT_PROCESSED, 1, 0, "1"},
		{GD_CLAIM_GROUP_PERCENT, GD_GROUP_NOT_PROCESSED, 21, 2, "0.21%"},
		{GD_CLAIM_GROUP_COUNT, GD_GROUP_OTHER, 152, 0, "152"},
		{GD_CLAIM_GROUP_PERCENT, GD_GROUP_OTHER, 3153, 2, "31.53%"},
		{GD_CLAIM_REVIEW_TOTAL, -1, 22, 0, "22"},
		{GD_CLAIM_REVIEW_CORRECTED, -1, 3, 0, "3"},
		{GD_CLAIM_SUIT_TOTAL, -1, 9, 0, "9"},
		{GD_CLAIM_SUIT_CORRECTED, -1, 2, 0, "2"},
	};
	const size_t nwant = sizeof(want) / sizeof(want[0]);

	CHECK(text != NULL);
	if (text == NULL)
		return;
	jinshan(&r);
	n = gd_find_claims(text, len, claims, MAXC);
	CHECK(n == nwant);
	for (size_t i = 0; i < n && i < nwant; i++)
	{
		CHECK(claims[i].kind == want[i].kind);
		CHECK(claims[i].group == want[i].group);
		CHECK(claims[i].stated == want[i].stated);
		CHECK(claims[i].decimals == want[i].decimals);
		CHECK_STR(claims[i].stated_text, want[i].text);
		CHECK(claims[i].line == 19);
		gd_check_claim(&claims[i], &r, &ck);
		if (want[i].kind == GD_CLAIM_SUIT_TOTAL || want[i].kind == GD_CLAIM_SUIT_CORRECTED)
			CHECK(ck.status == GD_CLAIM_UNCONFIRMED);
		else
			CHECK(ck.status == GD_CLAIM_AGREES);
		if (ck.status != GD_CLAIM_AGREES && ck.status != GD_CLAIM_UNCONFIRMED)
			printf("  %s\n", ck.message);
	}
	if (n != nwant)
		return;

	/* phrases, including the parenthetical asides */
	CHECK_STR(claims[0].phrase, "受理政府信息公开申请617件");
	CHECK_STR(claims[2].phrase, "上年度结转申请18件");
	CHECK_STR(claims[3].phrase, "153件结转至下年度");
	CHECK_STR(claims[13].phrase, "其他处理152件(含申请人主动撤销106件),占31.53%");
	CHECK_STR(claims[15].phrase, "行政复议22件,纠错3件");

	/* counts: messages with the line, the stated and the table's value */
	gd_check_claim(&claims[0], &r, &ck);
	CHECK(ck.computed == 617);
	CHECK_STR(ck.computed_text, "617");
	CHECK_STR(ck.message, "line 19「受理政府信息公开申请617件」: states 617, which agrees with "
			  "三 requests, row new_received「一、本年新收政府信息公开申请数量」, column total「总计」 = 617");
	gd_check_claim(&claims[15], &r, &ck);
	CHECK(ck.status == GD_CLAIM_AGREES && ck.computed == 3);
	CHECK_HAS(ck.message, "四 appeals, block review「行政复议」, cell corrected「结果纠正」 = 3");

	/* percentages: 31.74 every method; 33.2 at one decimal; 31.53 plug_last only */
	gd_check_claim(&claims[5], &r, &ck);
	CHECK(ck.methods == (HU | LR | PL));
	CHECK(ck.computed == 3174);
	CHECK_STR(ck.computed_text, "31.7427…% (31.74 half_up, 31.74 largest_remainder, 31.74 plug_last)");
	gd_check_claim(&claims[9], &r, &ck);
	CHECK(ck.status == GD_CLAIM_AGREES);
	CHECK(ck.methods & HU);
	CHECK(ck.methods & PL);
	CHECK(ck.computed == 332);
	CHECK_STR(ck.computed_text, "33.195…% (33.2 half_up, 33.2 largest_remainder, 33.2 plug_last)");
	CHECK_HAS(ck.message, "160 of 482 (三(七) 总计) = 33.195…%, rounded to 1 decimal: 33.2 half_up, "
			  "33.2 largest_remainder, 33.2 plug_last: agrees with half_up, largest_remainder and plug_last");
	gd_check_claim(&claims[13], &r, &ck);
	CHECK(ck.status == GD_CLAIM_AGREES);
	CHECK(ck.methods == PL);
	CHECK(ck.computed == 3154);	/* half_up would print 31.54 */
	CHECK_STR(ck.computed_text, "31.5352…% (31.54 half_up, 31.54 largest_remainder, 31.53 plug_last)");
	CHECK_HAS(ck.message, "states 31.53% for group other「其他处理」");
	CHECK_HAS(ck.message, "152 of 482 (三(七) 总计) = 31.5352…%, rounded to 2 decimals: 31.54 half_up, "
			  "31.54 largest_remainder, 31.53 plug_last: agrees with plug_last");
	CHECK(gd_claims_rounding_methods(claims, n, &r) == PL);

	/* litigation: suit_after_review is not known */
	gd_check_claim(&claims[16], &r, &ck);
	CHECK(ck.status == GD_CLAIM_UNCONFIRMED);
	CHECK_STR(ck.computed_text, "NULL");
	CHECK_HAS(ck.message, "line 19「行政诉讼9件」: states 9, which cannot be confirmed");
	CHECK_HAS(ck.message, "block suit_after_review「行政诉讼 — 复议后起诉」, cell total「总计」 is not known (NULL)");
	CHECK_HAS(ck.message, "block suit_direct「行政诉讼 — 未经复议直接起诉」, cell total「总计」 is 7");
	gd_check_claim(&claims[17], &r, &ck);
	CHECK(ck.status == GD_CLAIM_UNCONFIRMED);
	CHECK_HAS(ck.message, "cell corrected「结果纠正」 is not known (NULL)");

	/* with the lost block restored (total 2, corrected 0) both agree */
	set_cell(&r, GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_UPHELD), 2);
	set_cell(&r, GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_CORRECTED), 0);
	set_cell(&r, GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_OTHER), 0);
	set_cell(&r, GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_PENDING), 0);
	set_cell(&r, GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_TOTAL), 2);
	CHECK(status_of(&claims[16], &r) == GD_CLAIM_AGREES && ck.computed == 9);
	CHECK(status_of(&claims[17], &r) == GD_CLAIM_AGREES && ck.computed == 2);

	/* only max written, all counted */
	CHECK(gd_find_claims(text, len, claims, 2) == nwant);
	CHECK(gd_find_claims(text, len, NULL, 0) == nwant);
	free(text);
}

static void
test_differs(void)
{
	gd_report	r;
	size_t		n;

	jinshan(&r);
	n = find("二、依申请公开\n\n本年度共受理政府信息公开申请600件，答复482件。\n");
	CHECK(n == 2);
	CHECK(status_of(the_claim(n, GD_CLAIM_RECEIVED, -1), &r) == GD_CLAIM_DIFFERS);
	CHECK(ck.computed == 617);
	CHECK_STR(ck.message, "line 3「受理政府信息公开申请600件」: states 600, but "
			  "三 requests, row new_received「一、本年新收政府信息公开申请数量」, column total「总计」 is 617");
	CHECK(status_of(the_claim(n, GD_CLAIM_HANDLED, -1), &r) == GD_CLAIM_AGREES);

	/* a group percentage that no method gives */
	n = find("不予公开16件，占3.5%");
	CHECK(n == 2);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_WITHHELD), &r) == GD_CLAIM_DIFFERS);
	CHECK(ck.methods == 0);
	CHECK_HAS(ck.message, "line 1「不予公开16件,占3.5%」: states 3.5% for group withheld「不予公开」");
	CHECK_HAS(ck.message, "agrees with no rounding method");
	CHECK(gd_claims_rounding_methods(claims, n, &r) == 0);

	/* a group count that differs */
	n = find("无法提供161件");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_UNABLE), &r) == GD_CLAIM_DIFFERS);
	CHECK_HAS(ck.message, "but 三 requests, group unable「无法提供」, column total「总计」 (the sum of its rows) is 160");
}

static void
test_one_decimal(void)
{
	gd_report	r;
	size_t		n;
	const gd_claim *c;

	jinshan(&r);

	/*
	 * At one decimal: half_up 31.7 3.3 33.2 0.2 31.5, largest_remainder
	 * 31.8 3.3 33.2 0.2 31.5, plug_last 31.7 3.3 33.2 0.2 31.6.
	 */
	n = find("予以公开及部分公开153件，占31.7%；不予公开16件，占3.3%；无法提供160件，占33.2%；"
			 "不予处理1件，占0.2%；其他处理152件，占31.6%。");
	CHECK(n == 10);
	c = the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED);
	CHECK(c != NULL && c->stated == 317 && c->decimals == 1);
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES && ck.methods == (HU | PL));
	CHECK_STR(ck.computed_text, "31.742…% (31.7 half_up, 31.8 largest_remainder, 31.7 plug_last)");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_OTHER), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == PL);
	CHECK(gd_claims_rounding_methods(claims, n, &r) == PL);

	/* 31.8 is largest_remainder's, at one decimal */
	n = find("予以公开及部分公开153件，占31.8%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == LR);

	/* the rounding interval: 33.195… lies in [33.15, 33.25) but not [33.05, 33.15) */
	n = find("无法提供160件，占33.1%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_DIFFERS);
	CHECK(ck.computed == 332);

	/* no decimals, and more than two (zeros beyond the second) */
	n = find("予以公开及部分公开153件，占32%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == (HU | LR | PL));
	n = find("其他处理152件，占31.530%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == PL);
	n = find("其他处理152件，占31.535%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == HU);
	CHECK_HAS(ck.message, "rounded to 3 decimals: 31.535 half_up; to 2 decimals: 31.54 largest_remainder, "
			  "31.53 plug_last: agrees with half_up");
}

static void
test_full_width(void)
{
	gd_report	r;
	size_t		n;
	const gd_claim *c;

	jinshan(&r);
	n = find("全区共受理政府信息公开申请６１７件，予以公开及部分公开１５３件，占３１．７４％；"
			 "行政复议２２件，纠错３件。");
	CHECK(n == 5);
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->stated == 617);
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
	c = the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED);
	CHECK(c != NULL && c->stated == 3174 && c->decimals == 2);
	if (c)
		CHECK_STR(c->stated_text, "31.74%");
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_CORRECTED, -1), &r) == GD_CLAIM_AGREES);

	/* thousands separators, spaces before 件, percent in brackets */
	n = find("受理申请 1,234 件；答复１，２３４件；不予公开 16 件（占 3.32 ％）");
	CHECK(n == 4);
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->stated == 1234);
	if (c)
		CHECK_STR(c->stated_text, "1234");
	c = the_claim(n, GD_CLAIM_HANDLED, -1);
	CHECK(c != NULL && c->stated == 1234);
	c = the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_WITHHELD);
	CHECK(c != NULL && c->stated == 332);
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
}

static void
test_traditional(void)
{
	gd_report	r;
	size_t		n;

	jinshan(&r);
	n = find("全區共受理政府資訊公開申請617件，答覆482件（含上年度結轉申請18件，"
			 "另有153件結轉至下年度繼續辦理），予以公開及部分公開153件，佔31.74%；"
			 "其他處理152件，佔31.53%。行政復議22件，糾錯3件；行政訴訟9件。");
	CHECK(n == 11);
	CHECK(status_of(the_claim(n, GD_CLAIM_RECEIVED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_HANDLED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_CARRIED_OVER, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_CARRIED_FORWARD, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_OTHER), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_TOTAL, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_CORRECTED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_SUIT_TOTAL, -1), &r) == GD_CLAIM_UNCONFIRMED);
	if (n > 0)
		CHECK_STR(claims[0].phrase, "受理政府资讯公开申请617件");
}

static void
test_split_lines(void)
{
	gd_report	r;
	size_t		n;
	const gd_claim *c;

	jinshan(&r);
	/* keyword, filler and number split by PDF extraction, a blank line between */
	n = find("（二）依申请公开方面\r\n\r\n2024年，全区共受\n理政府信息公开申\n\n请\n617件，答复 482\n件，其他处理\n152件，\n占31.\n53%。");
	CHECK(n == 4);
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->line == 7);
	if (c)
		CHECK_STR(c->phrase, "受理政府信息公开申请617件");
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
	CHECK_HAS(ck.message, "line 7「受理政府信息公开申请617件」");
	c = the_claim(n, GD_CLAIM_HANDLED, -1);
	CHECK(c != NULL && c->line == 7 && c->stated == 482);
	c = the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_OTHER);
	CHECK(c != NULL && c->line == 9);
	/* a break after the decimal point: the point keeps the number whole */
	c = the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_OTHER);
	CHECK(c != NULL && c->line == 10 && c->stated == 3153 && c->decimals == 2);
	if (c)
		CHECK_STR(c->phrase, "其他处理152件,占31.53%");
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);

	/* digits on either side of a line break are not joined: 61 / 7 is no claim */
	n = find("受理申请61\n7件");
	CHECK(n == 0);
	n = find("受理申请\n617件");
	CHECK(n == 1 && claims[0].stated == 617 && claims[0].line == 2);
}

static void
test_no_claims(void)
{
	size_t		n;

	CHECK(find("") == 0);
	CHECK(gd_find_claims(NULL, 0, claims, MAXC) == 0);
	CHECK(gd_find_claims(NULL, 10, claims, MAXC) == 0);
	CHECK(find("本年度报告根据《中华人民共和国政府信息公开条例》编制。全年通过门户网站发布各类信息 12524 条。") == 0);
	/* answering web messages is not answering requests */
	CHECK(find("完善网民留言办理机制，及时规范答复留言 376 件。") == 0);
	/* table rows: tabs stop every pattern */
	CHECK(find("一、本年新收政府信息公开申请数量\t\t582\t30\t0\t0\t1\t4\t617\t\n"
			   "四、结转下年度继续办理\t\t\t149\t4\t0\t0\t0\t0\t153\n") == 0);
	CHECK(find("四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t\t\t\t\t行政诉讼\n") == 0);
	/* a count with a decimal point, a percent without its 占 */
	CHECK(find("受理申请617.5件") == 0);
	n = find("予以公开及部分公开153件31.74%");
	CHECK(n == 1 && claims[0].kind == GD_CLAIM_GROUP_COUNT);
	/* too many digits: a claim still, unreadable (test_unreadable) */
	CHECK(find("受理申请12345678901234567890件") == 1 && claims[0].unreadable);
}

static void
test_invalid_bytes(void)
{
	gd_report	r;
	size_t		n;
	static const char bad[] = "\xff\xfe受理\xc0\xaf申请617件\xed\xa0\x80答复482件\xe4\xbb";
	static const char nul[] = "受理申请617件\0答复482件";
	const char *full = "受理申请617件";

	jinshan(&r);
	/* invalid bytes around and between: what is whole is still read */
	n = gd_find_claims(bad, sizeof(bad) - 1, claims, MAXC);
	CHECK(n == 1);
	CHECK(n >= 1 && claims[0].kind == GD_CLAIM_HANDLED && claims[0].stated == 482);
	/* 受理?? breaks the first phrase: not a filler */
	/* a NUL inside: the text goes on */
	n = gd_find_claims(nul, sizeof(nul) - 1, claims, MAXC);
	CHECK(n == 2);
	/* truncated inside 件: every length, no claim until 件 is whole */
	for (size_t l = 0; l <= strlen(full); l++)
	{
		n = gd_find_claims(full, l, claims, MAXC);
		CHECK(n == (l == strlen(full) ? 1u : 0u));
	}
	/* all byte values */
	{
		char		all[512];

		for (int i = 0; i < 512; i++)
			all[i] = (char) (i * 7 + 3);
		(void) gd_find_claims(all, sizeof(all), claims, MAXC);
		CHECK(1);
	}
	/* a phrase longer than the field: cut on a whole character */
	{
		char		text[1024] = "受理";
		size_t		l;

		for (int i = 0; i < 12; i++)
			strcat(text, "政府信息公开申请");
		strcat(text, "617件");
		n = find(text);
		CHECK(n == 1);
		l = strlen(claims[0].phrase);
		CHECK(l < sizeof(claims[0].phrase));
		CHECK(l % 3 == 0);		/* all three-byte characters */
		CHECK(status_of(&claims[0], &r) == GD_CLAIM_AGREES);
	}
}

static void
test_unconfirmed(void)
{
	gd_report	r;
	size_t		n;

	/* a row of the group unknown: its count and percent are unconfirmed */
	jinshan(&r);
	r.isnull[GD_REQ_CELL(GD_ROW_WITHHELD_QUERY_MATTER, GD_COL_TOTAL)] = true;
	r.isnull[GD_REQ_CELL(GD_ROW_WITHHELD_QUERY_MATTER, GD_COL_NATURAL_PERSON)] = true;
	n = find("不予公开16件，占3.32%；其他处理152件，占31.53%；予以公开及部分公开153件，占31.74%");
	CHECK(n == 6);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD), &r) == GD_CLAIM_UNCONFIRMED);
	CHECK_HAS(ck.message, "withheld_query_matter「三(三)8 属于行政查询事项」");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_WITHHELD), &r) == GD_CLAIM_UNCONFIRMED);
	/* half_up still confirms 31.74; plug_last's 31.53 needs every group */
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK(ck.methods == HU);
	CHECK_STR(ck.computed_text, "31.7427…% (31.74 half_up, ? largest_remainder, ? plug_last)");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_OTHER), &r) == GD_CLAIM_UNCONFIRMED);
	CHECK_HAS(ck.message, "group withheld「不予公开」 is not known (NULL): cannot be confirmed");
	CHECK(gd_claims_rounding_methods(claims, n, &r) == HU);

	/* handled total not printed: the sum of the groups */
	jinshan(&r);
	for (int c = 0; c < GD_NCOLS; c++)
		r.isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, c)] = true;
	n = find("答复482件");
	CHECK(status_of(the_claim(n, GD_CLAIM_HANDLED, -1), &r) == GD_CLAIM_AGREES);
	CHECK_HAS(ck.message, "(not printed: the sum of the five groups)");

	/* a section not given */
	jinshan(&r);
	r.present[GD_SEC_REQUESTS] = false;
	n = find("受理申请617件");
	CHECK(status_of(the_claim(n, GD_CLAIM_RECEIVED, -1), &r) == GD_CLAIM_UNCONFIRMED);
	gd_report_init(&r, GD_TMPL_2021);
	CHECK(status_of(&claims[0], &r) == GD_CLAIM_UNCONFIRMED);
	CHECK_HAS(ck.message, "row new_received「一、本年新收政府信息公开申请数量」, column total「总计」 is not known (NULL)");

	/* a whole of 0: no percentage */
	jinshan(&r);
	for (int row = 0; row < GD_NROWS; row++)
		set_row(&r, row, 0, 0, 0, 0, 0, 0, 0);
	n = find("予以公开及部分公开0件，占0%");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, -1), &r) == GD_CLAIM_UNCONFIRMED);
	CHECK(gd_claims_rounding_methods(claims, n, &r) == 0);

	/* claims from elsewhere, out of range */
	{
		gd_claim	c;

		memset(&c, 'x', sizeof(c));	/* not even terminated */
		c.kind = (gd_claim_kind) 99;
		c.group = 1000;
		c.decimals = 50;
		c.line = 1;
		c.unreadable = false;	/* a bool holds no other value */
		jinshan(&r);
		CHECK(status_of(&c, &r) == GD_CLAIM_UNCONFIRMED);
		c.kind = GD_CLAIM_GROUP_PERCENT;
		CHECK(status_of(&c, &r) == GD_CLAIM_UNCONFIRMED);
		c.kind = GD_CLAIM_ROW_COUNT;
		c.group = -5;
		CHECK(status_of(&c, &r) == GD_CLAIM_UNCONFIRMED);
	}
}

/* A figure too long to read is a claim too: unconfirmed, saying why. */
static void
test_unreadable(void)
{
	gd_report	r;
	size_t		n;

	jinshan(&r);
	n = find("全区共受理政府信息公开申请1234567890123456件，答复482件，予以公开及部分公开153件，占31.7412345678%");
	CHECK(n == 4);
	CHECK(status_of(the_claim(n, GD_CLAIM_RECEIVED, -1), &r) == GD_CLAIM_UNCONFIRMED);
	CHECK(the_claim(n, GD_CLAIM_RECEIVED, -1)->unreadable);
	CHECK_STR(the_claim(n, GD_CLAIM_RECEIVED, -1)->stated_text, "1234567890123456");
	CHECK_HAS(ck.message, "states 1234567890123456, a figure too long to read (at most 15 digits, 6 after the point): not checked");
	CHECK_STR(ck.computed_text, "NULL");
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED), &r) == GD_CLAIM_UNCONFIRMED);
	CHECK_STR(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED)->stated_text, "31.7412345678%");
	CHECK(status_of(the_claim(n, GD_CLAIM_HANDLED, -1), &r) == GD_CLAIM_AGREES);
	/* longer than stated_text holds: cut, with "..." */
	n = find("受理123456789012345678901234567890123456789件");
	CHECK(n == 1 && claims[0].unreadable);
	CHECK_STR(claims[0].stated_text, "1234567890123456789012345678...");
	/* a count with decimals is still no count */
	CHECK(find("受理12.5件") == 0);
}

static void
test_rows_and_variants(void)
{
	gd_report	r;
	size_t		n;

	jinshan(&r);
	/* 予以公开 and 部分公开 printed apart: rows */
	n = find("予以公开138件，部分公开15件，不予以公开16件，不予以处理1件");
	CHECK(n == 4);
	CHECK(status_of(the_claim(n, GD_CLAIM_ROW_COUNT, GD_ROW_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK_HAS(ck.message, "row disclosed「三(一) 予以公开」");
	CHECK(status_of(the_claim(n, GD_CLAIM_ROW_COUNT, GD_ROW_PARTIALLY_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_NOT_PROCESSED), &r) == GD_CLAIM_AGREES);

	/* 予以公开N件（含部分公开M件）: N is the group, M the row */
	n = find("予以公开153件（含部分公开15件），占31.74%");
	CHECK(n == 3);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_ROW_COUNT, GD_ROW_PARTIALLY_DISCLOSED), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_GROUP_PERCENT, GD_GROUP_DISCLOSED), &r) == GD_CLAIM_AGREES);
	/* in the order the figures appear */
	CHECK(n == 3 && claims[1].kind == GD_CLAIM_ROW_COUNT && claims[2].kind == GD_CLAIM_GROUP_PERCENT);

	/* a row's own share is not read */
	n = find("予以公开138件，占28.63%");
	CHECK(n == 1 && claims[0].kind == GD_CLAIM_ROW_COUNT);

	/* other spellings */
	n = find("本年度新收政府信息公开申请617件，上年结转18件，办结482件，结转下年度继续办理153件。"
			 "被申请行政复议案件22起，其中维持16起、纠正3起；行政诉讼9件，均未被纠错。");
	CHECK(n == 7);
	CHECK(status_of(the_claim(n, GD_CLAIM_RECEIVED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_CARRIED_OVER, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_HANDLED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_CARRIED_FORWARD, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_TOTAL, -1), &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_CORRECTED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(the_claim(n, GD_CLAIM_SUIT_CORRECTED, -1) == NULL);
	CHECK(gd_claims_rounding_methods(claims, n, &r) == 0);	/* no percentages */

	CHECK_STR(gd_claim_kind_name(GD_CLAIM_GROUP_PERCENT), "group_percent");
	CHECK(gd_claim_kind_name((gd_claim_kind) 42) == NULL);
}

/*
 * The method figures at two decimals are those of gd_outcome_shares: random
 * reports, their narratives printed with each method's figures, must agree
 * with that method.
 */
static void
test_methods_match_core(void)
{
	unsigned	seed = 12345;
	int			bad = 0;

	for (int iter = 0; iter < 3000; iter++)
	{
		gd_report	r;
		gd_outcomes o;
		int64_t		h[GD_NGROUPS];
		bool		known[GD_NGROUPS];
		int64_t		counts[GD_NGROUPS];
		int64_t		sum = 0;
		static const int rows[GD_NGROUPS] = {GD_ROW_DISCLOSED, GD_ROW_WITHHELD_STATE_SECRET,
		GD_ROW_UNABLE_NOT_HELD, GD_ROW_REJECTED_PETITION, GD_ROW_OTHER_OTHER};
		static const char *const labels[GD_NGROUPS] = {"予以公开及部分公开", "不予公开",
		"无法提供", "不予处理", "其他处理"};

		gd_report_init(&r, GD_TMPL_2021);
		for (int row = 0; row < GD_NROWS; row++)
			set_row(&r, row, 0, 0, 0, 0, 0, 0, 0);
		for (int g = 0; g < GD_NGROUPS; g++)
		{
			seed = seed * 1103515245u + 12345u;
			counts[g] = (seed >> 8) % (iter % 3 == 0 ? 7 : iter % 3 == 1 ? 300 : 100000);
			set_cell(&r, GD_REQ_CELL(rows[g], GD_COL_TOTAL), (long) counts[g]);
			sum += counts[g];
		}
		if (sum == 0)
			continue;
		set_cell(&r, GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL), (long) sum);
		gd_outcome_counts(&r, &o);
		for (int m = 0; m < GD_NMETHODS; m++)
		{
			char		text[1024] = "";
			gd_claim	cl[20];
			size_t		n;
			bool		negative = false;

			gd_outcome_shares(&o, (gd_round_method) m, h, known);
			/* plug_last can give the last group -0.01: no report prints that */
			for (int g = 0; g < GD_NGROUPS; g++)
				negative = negative || h[g] < 0;
			if (negative)
				continue;
			for (int g = 0; g < GD_NGROUPS; g++)
			{
				char		pct[32];

				gd_format_hundredths(h[g], pct);
				snprintf(text + strlen(text), sizeof(text) - strlen(text),
						 "%s%ld件，占%s%%；", labels[g], (long) counts[g], pct);
			}
			n = gd_find_claims(text, strlen(text), cl, 20);
			if (n != 10 || !(gd_claims_rounding_methods(cl, n, &r) & (1u << m)))
			{
				if (bad++ < 5)
					printf("  method %s not recognised in %s\n", gd_round_method_names[m], text);
			}
		}
	}
	CHECK(bad == 0);
}

/*
 * The fold the parser reads with (gd_fold): Kangxi radicals, compatibility
 * ideographs, enclosed numerals, zero-width characters.
 */
static void
test_shared_fold(void)
{
	gd_report	r;
	size_t		n;
	const gd_claim *c;

	jinshan(&r);
	/* 行 as the Kangxi radical ⾏ (U+2F8F), as some PDFs extract it */
	n = find("\u2F8F政复议22件，纠错3件；\u2F8F政诉讼9件。");
	c = the_claim(n, GD_CLAIM_REVIEW_TOTAL, -1);
	CHECK(c != NULL && c->stated == 22);
	if (c)
		CHECK_STR(c->phrase, "行政复议22件");
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_CORRECTED, -1), &r) == GD_CLAIM_AGREES);
	CHECK(the_claim(n, GD_CLAIM_SUIT_TOTAL, -1) != NULL);
	/* ⾏ with the traditional 復 and 議 */
	n = find("\u2F8F政復議22件。");
	CHECK(status_of(the_claim(n, GD_CLAIM_REVIEW_TOTAL, -1), &r) == GD_CLAIM_AGREES);
	/* 不 as the compatibility ideograph U+F967; full-width digits */
	n = find("\uF967予公开５件。");
	c = the_claim(n, GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD);
	CHECK(c != NULL && c->stated == 5);
	/* enclosed numerals: ①②③ are 1 2 3, one number */
	n = find("受理申请①②③件");
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->stated == 123);
	if (c)
		CHECK_STR(c->stated_text, "123");
	/* ⑽ expands to "(10)": a bracket, so not the count of 受理 */
	n = find("受理申请⑽件");
	CHECK(the_claim(n, GD_CLAIM_RECEIVED, -1) == NULL);
	/* a zero-width space inside a number is dropped, not a break */
	n = find("受理申请6\u200B17件");
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->stated == 617);
	CHECK(status_of(c, &r) == GD_CLAIM_AGREES);
	/* the line of an expanded character is its input line */
	n = find("受理申请\n\u2474617件");
	CHECK(n == 0);
	n = find("受理\n申请\uFF16\uFF11\uFF17件");
	c = the_claim(n, GD_CLAIM_RECEIVED, -1);
	CHECK(c != NULL && c->line == 2);
}

int
main(void)
{
	test_jinshan();
	test_differs();
	test_one_decimal();
	test_full_width();
	test_traditional();
	test_shared_fold();
	test_split_lines();
	test_no_claims();
	test_invalid_bytes();
	test_unconfirmed();
	test_unreadable();
	test_rows_and_variants();
	test_methods_match_core();
	return test_summary();
}
