/*
 * test_agency.c — agency identity (src/gd_agency.h, docs/domain.md §12):
 * the divisions of data/gb2260.csv and a few agencies registered as the
 * extension seeds them; the Jinshan and Hongze cases, ambiguous names,
 * unknown names and their nearest agencies, merges.
 */
#include "gd_agency.h"
#include "testlib.h"

#include <stdint.h>

/* a test arena: everything freed at the end */
typedef struct block
{
	struct block *next;
	union
	{
		long double ld;
		void	   *p;
		long long	ll;
	}			data[];
} block;

static block *blocks = NULL;

static void *
test_alloc(void *ctx, size_t n)
{
	block	   *b = malloc(sizeof(block) + n);

	(void) ctx;
	if (b == NULL)
	{
		printf("out of memory\n");
		exit(2);
	}
	b->next = blocks;
	blocks = b;
	return b->data;
}

static void
free_all(void)
{
	while (blocks)
	{
		block	   *b = blocks->next;

		free(blocks);
		blocks = b;
	}
}

static int
load_divisions(gd_agency_index *ix)
{
	size_t		len;
	char	   *csv = test_read_file("data/gb2260.csv", &len);
	char	   *line,
			   *end;
	int			n = 0;

	if (csv == NULL)
		return 0;
	for (line = csv; *line; line = end + (*end == '\n'))
	{
		end = line + strcspn(line, "\n");
		if (strncmp(line, "code,", 5) == 0 || end - line < 8)
			continue;
		gd_agency_add_division(ix, (int32_t) atol(line), line + 7, (size_t) (end - line - 7));
		n++;
	}
	free(csv);
	return n;
}

static void
add(gd_agency_index *ix, int32_t id, const char *name, int32_t region)
{
	gd_agency_add(ix, id, name, strlen(name), region);
}

static void
alias(gd_agency_index *ix, int32_t id, const char *name)
{
	gd_agency_add_alias(ix, id, name, strlen(name));
}

static gd_agency_match
resolve(gd_agency_index *ix, const char *name, int32_t region)
{
	gd_agency_match m;

	gd_agency_resolve(ix, name, strlen(name), region, &m);
	return m;
}

static int32_t
resolved(gd_agency_index *ix, const char *name, int32_t region)
{
	gd_agency_match m = resolve(ix, name, region);

	return m.status == GD_AGENCY_RESOLVED ? m.id : -(int32_t) m.status;
}

/* a county's government, as the extension script seeds it */
static void
seed_county(gd_agency_index *ix, int32_t code, const char *qualifier, const char *name)
{
	char		buf[256];

	snprintf(buf, sizeof(buf), "%s%s人民政府", qualifier, name);
	add(ix, code, buf, code);
	snprintf(buf, sizeof(buf), "%s人民政府", name);
	alias(ix, code, buf);
	alias(ix, code, name);
	snprintf(buf, sizeof(buf), "%s%s", qualifier, name);
	alias(ix, code, buf);
}

int
main(void)
{
	gd_agency_index *ix = gd_agency_index_new(test_alloc, NULL, NULL);
	gd_agency_match m;
	char		note[2048];
	int32_t		ids[8];
	char		keys[4][GD_AGENCY_KEY_MAX];
	int			n;

	CHECK(load_divisions(ix) == 3223);
	add(ix, 310000, "上海市人民政府", 310000);
	alias(ix, 310000, "上海市");
	seed_county(ix, 310116, "上海市", "金山区");
	seed_county(ix, 320813, "淮安市", "洪泽区");
	seed_county(ix, 321322, "宿迁市", "沭阳县");
	seed_county(ix, 320106, "南京市", "鼓楼区");
	seed_county(ix, 350102, "福州市", "鼓楼区");
	seed_county(ix, 320302, "徐州市", "鼓楼区");
	seed_county(ix, 410204, "开封市", "鼓楼区");
	add(ix, 1000001, "上海市科学技术委员会", 310000);
	CHECK(gd_agency_count(ix) == 9);

	/* Jinshan: the CSV's name and the title's are one agency */
	CHECK(resolved(ix, "上海市金山区人民政府", 0) == 310116);
	CHECK(resolved(ix, "上海市金山区", 0) == 310116);
	CHECK(resolved(ix, "上海市金山区", 310116) == 310116);
	CHECK(resolved(ix, "金山区人民政府", 0) == 310116);
	CHECK(resolved(ix, "上海市金山区政府", 0) == 310116);
	/* spaces, full-width forms, a compatibility ideograph: folded */
	CHECK(resolved(ix, " 上海市　金山区 人民政府\t", 0) == 310116);
	CHECK(resolved(ix, "上海市金山区人民政府（ ）", 0) != 310116);
	CHECK(resolved(ix, "上海市人民政府", 0) == 310000);
	CHECK(resolved(ix, "上海市", 0) == 310000);

	/* Hongze: 2023's title and 2024's, and the province-qualified form */
	CHECK(resolved(ix, "洪泽区人民政府", 0) == 320813);
	CHECK(resolved(ix, "淮安市洪泽区人民政府", 0) == 320813);
	CHECK(resolved(ix, "江苏省淮安市洪泽区人民政府", 0) == 320813);
	CHECK(resolved(ix, "淮安市洪泽区", 320813) == 320813);
	/* a division under another prefecture is not this one */
	m = resolve(ix, "南京市洪泽区人民政府", 0);
	CHECK(m.status == GD_AGENCY_UNKNOWN);
	CHECK_STR(m.key, "320100|洪泽区人民政府");
	CHECK(m.region == 320100);

	/* four cities have a 鼓楼区: never guessed */
	m = resolve(ix, "鼓楼区人民政府", 0);
	CHECK(m.status == GD_AGENCY_AMBIGUOUS && m.by_division && m.total == 4);
	gd_agency_note(ix, "鼓楼区人民政府", strlen("鼓楼区人民政府"), 0, &m, false, note, sizeof(note));
	CHECK_HAS(note, "「鼓楼区人民政府」 could be in 4 divisions of that name");
	CHECK_HAS(note, "福州市鼓楼区 (350102)");
	CHECK_HAS(note, "give the report's region_code or agency_id");
	/* the region code says which, or the qualified name does */
	CHECK(resolved(ix, "鼓楼区人民政府", 350102) == 350102);
	CHECK(resolved(ix, "鼓楼区人民政府", 350100) == 350102);
	CHECK(resolved(ix, "福州市鼓楼区人民政府", 0) == 350102);
	CHECK(resolved(ix, "鼓楼区", 410204) == 410204);
	/* a code of none of them does not help: still ambiguous */
	CHECK(resolve(ix, "鼓楼区人民政府", 310116).status == GD_AGENCY_AMBIGUOUS);
	/* a department of an ambiguous division is ambiguous too, never registered */
	m = resolve(ix, "鼓楼区教育局", 0);
	CHECK(m.status == GD_AGENCY_AMBIGUOUS && m.by_division);
	m = resolve(ix, "鼓楼区教育局", 320106);
	CHECK(m.status == GD_AGENCY_UNKNOWN);
	CHECK_STR(m.key, "320106|教育局");
	CHECK(m.region == 320106);

	/* two agencies of one name in two places */
	add(ix, 1000003, "教育局", 320106);
	add(ix, 1000004, "教育局", 350102);
	m = resolve(ix, "教育局", 0);
	CHECK(m.status == GD_AGENCY_AMBIGUOUS && !m.by_division && m.total == 2);
	gd_agency_note(ix, "教育局", strlen("教育局"), 0, &m, false, note, sizeof(note));
	CHECK_HAS(note, "「教育局」 fits 2 registered agencies: 教育局 (1000003), 教育局 (1000004)");
	CHECK(resolved(ix, "教育局", 320106) == 1000003);
	CHECK(resolved(ix, "教育局", 320100) == 1000003);
	m = resolve(ix, "教育局", 310116);
	CHECK(m.status == GD_AGENCY_UNKNOWN);
	CHECK_STR(m.key, "|教育局");
	CHECK(m.region == 310116);

	/* a department named with its division, qualified or not */
	add(ix, 1000005, "洪泽区教育局", 320813);
	CHECK(resolved(ix, "淮安市洪泽区教育局", 0) == 1000005);
	CHECK(resolved(ix, "洪泽区教育局", 320813) == 1000005);
	n = gd_agency_lookup_keys(ix, "淮安市洪泽区教育局", strlen("淮安市洪泽区教育局"), 0, keys, 4);
	CHECK(n == 2);
	CHECK_STR(keys[0], "320813|教育局");
	CHECK_STR(keys[1], "|淮安市洪泽区教育局");

	/* unknown names: the nearest registered agencies */
	m = resolve(ix, "上海市科委", 0);
	CHECK(m.status == GD_AGENCY_UNKNOWN);
	CHECK_STR(m.key, "310000|科委");
	n = gd_agency_nearest(ix, "上海市科委", strlen("上海市科委"), 0, ids, 3);
	CHECK(n == 3 && ids[0] == 1000001);	/* an abbreviation: every character in order */
	/* nothing in common is not near */
	CHECK(gd_agency_nearest(ix, "某局", strlen("某局"), 0, ids, 3) == 0);
	/* 沐阳县, an extraction's 沭阳县 */
	m = resolve(ix, "沐阳县", 0);
	CHECK(m.status == GD_AGENCY_UNKNOWN);
	CHECK_STR(m.key, "|沐阳县");
	n = gd_agency_nearest(ix, "沐阳县", strlen("沐阳县"), 0, ids, 3);
	CHECK(n >= 1 && ids[0] == 321322);
	/* another county's 阳县 is as near: the report's region decides */
	seed_county(ix, 130628, "保定市", "高阳县");
	n = gd_agency_nearest(ix, "沐阳县", strlen("沐阳县"), 0, ids, 3);
	CHECK(n == 2 && ids[0] == 130628 && ids[1] == 321322);
	n = gd_agency_nearest(ix, "沐阳县", strlen("沐阳县"), 321322, ids, 3);
	CHECK(n == 2 && ids[0] == 321322);
	gd_agency_note(ix, "沐阳县", strlen("沐阳县"), 321322, &m, true, note, sizeof(note));
	CHECK_HAS(note, "「沐阳县」 matches no registered agency: it is registered as a new one");
	CHECK_HAS(note, "the nearest registered: 宿迁市沭阳县人民政府 (321322)");
	gd_agency_note(ix, "沐阳县", strlen("沐阳县"), 0, &m, false, note, sizeof(note));
	CHECK(strstr(note, "nearest") == NULL);

	/* registered, then merged into the county's government */
	add(ix, 1000002, "沐阳县", 0);
	CHECK(resolved(ix, "沐阳县", 0) == 1000002);
	CHECK(gd_agency_denotes(ix, "沐阳县", strlen("沐阳县"), 1000002));
	CHECK(!gd_agency_denotes(ix, "沐阳县", strlen("沐阳县"), 321322));
	gd_agency_add_merge(ix, 1000002, 321322);
	CHECK(gd_agency_final(ix, 1000002) == 321322);
	CHECK(resolved(ix, "沐阳县", 0) == 321322);
	CHECK(gd_agency_denotes(ix, "沐阳县", strlen("沐阳县"), 321322));
	CHECK(gd_agency_denotes(ix, "沐阳县", strlen("沐阳县"), 1000002));
	CHECK(resolved(ix, "宿迁市沭阳县人民政府", 0) == 321322);

	/* the given id must be one the name can denote */
	CHECK(gd_agency_denotes(ix, "上海市金山区", strlen("上海市金山区"), 310116));
	CHECK(!gd_agency_denotes(ix, "上海市金山区", strlen("上海市金山区"), 320813));
	CHECK(gd_agency_denotes(ix, "鼓楼区人民政府", strlen("鼓楼区人民政府"), 410204));
	CHECK(gd_agency_denotes(ix, "教育局", strlen("教育局"), 1000004));

	/* names of the index */
	CHECK_STR(gd_agency_name(ix, 320813), "淮安市洪泽区人民政府");
	CHECK(gd_agency_region(ix, 1000003) == 320106);
	CHECK(gd_agency_name(ix, 42) == NULL);
	CHECK(!gd_agency_exists(ix, 42) && gd_agency_exists(ix, 1000002));
	CHECK_STR(gd_agency_division_name(ix, 310116), "上海市金山区");
	CHECK_STR(gd_agency_division_name(ix, 320800), "江苏省淮安市");
	CHECK_STR(gd_agency_division_name(ix, 320000), "江苏省");

	/* a name longer than any key: two of them differing at the end stay apart */
	{
		char		a[3100],
					b[3100];

		memset(a, 'x', 3000);
		a[3000] = '\0';
		memcpy(b, a, 3001);
		b[2999] = 'y';
		add(ix, 1000010, a, 0);
		CHECK(resolved(ix, a, 0) == 1000010);
		CHECK(resolve(ix, b, 0).status == GD_AGENCY_UNKNOWN);
	}
	/* invalid UTF-8 and an empty name do not crash */
	CHECK(resolve(ix, "\xff\xfe局", 0).status == GD_AGENCY_UNKNOWN);
	CHECK(resolve(ix, "", 0).status == GD_AGENCY_UNKNOWN);

	free_all();
	return test_summary();
}
