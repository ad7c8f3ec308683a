/*
 * gd_model.h — the govdisclose domain model, the single source of truth.
 *
 * Codes, Chinese labels, row groups and the layout of a report's cells live
 * here, as X-macro lists (so enums and tables cannot drift apart) and as the
 * section/item/cell tables built from them in gd_model.c.  The SQL types,
 * the columns of govdisclose.report and the reference tables in docs/ are all
 * generated from these tables (src/gen_sql.c).
 *
 * Plain C: this header must not include postgres.h.
 */
#ifndef GD_MODEL_H
#define GD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every code has a Chinese label, the authoritative one (the template's
 * wording), and an English label: the terms a translator of the State
 * Council's template would use, short and consistent across the lists
 * (no two codes of one list share one; test/unit/test_labels.c).
 */

/* Section 三 columns (申请人情况): X(ENUM, code, label_zh, label_en) */
#define GD_REQUEST_COLUMNS(X) \
	X(NATURAL_PERSON, "natural_person", "自然人", "natural persons") \
	X(COMMERCIAL_ENTERPRISE, "commercial_enterprise", "法人或其他组织 — 商业企业", "legal persons or other organisations — commercial enterprises") \
	X(RESEARCH_INSTITUTION, "research_institution", "法人或其他组织 — 科研机构", "legal persons or other organisations — research institutions") \
	X(SOCIAL_WELFARE_ORG, "social_welfare_org", "法人或其他组织 — 社会公益组织", "legal persons or other organisations — public welfare organisations") \
	X(LEGAL_SERVICE_ORG, "legal_service_org", "法人或其他组织 — 法律服务机构", "legal persons or other organisations — legal service institutions") \
	X(OTHER_ORG, "other_org", "法人或其他组织 — 其他", "legal persons or other organisations — other") \
	X(TOTAL, "total", "总计", "total")

/* Outcome groups used for shares: X(ENUM, code, label_zh, label_en) */
#define GD_GROUPS(X) \
	X(DISCLOSED, "disclosed", "予以公开及部分公开", "disclosed and partially disclosed") \
	X(WITHHELD, "withheld", "不予公开", "not disclosed") \
	X(UNABLE, "unable", "无法提供", "unable to provide") \
	X(NOT_PROCESSED, "not_processed", "不予处理", "not processed") \
	X(OTHER, "other", "其他处理", "other handling")

/* Section 三 rows, template order: X(ENUM, code, label_zh, label_en, group) */
#define GD_REQUEST_ROWS(X) \
	X(NEW_RECEIVED, "new_received", "一、本年新收政府信息公开申请数量", "I. new applications received this year", NONE) \
	X(CARRIED_OVER, "carried_over", "二、上年结转政府信息公开申请数量", "II. applications carried over from the previous year", NONE) \
	X(DISCLOSED, "disclosed", "三(一) 予以公开", "III(1) disclosed", DISCLOSED) \
	X(PARTIALLY_DISCLOSED, "partially_disclosed", "三(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", "III(2) partially disclosed (information separated: counted here only, not under other outcomes)", DISCLOSED) \
	X(WITHHELD_STATE_SECRET, "withheld_state_secret", "三(三)1 属于国家秘密", "III(3)1 state secrets", WITHHELD) \
	X(WITHHELD_PROHIBITED_BY_LAW, "withheld_prohibited_by_law", "三(三)2 其他法律行政法规禁止公开", "III(3)2 disclosure prohibited by other laws or administrative regulations", WITHHELD) \
	X(WITHHELD_THREE_SAFETIES, "withheld_three_safeties", "三(三)3 危及“三安全一稳定”", "III(3)3 endangering national, public or economic security or social stability", WITHHELD) \
	X(WITHHELD_THIRD_PARTY, "withheld_third_party", "三(三)4 保护第三方合法权益", "III(3)4 protecting the lawful rights and interests of third parties", WITHHELD) \
	X(WITHHELD_INTERNAL_AFFAIRS, "withheld_internal_affairs", "三(三)5 属于三类内部事务信息", "III(3)5 internal affairs information (three categories)", WITHHELD) \
	X(WITHHELD_PROCESS_INFO, "withheld_process_info", "三(三)6 属于四类过程性信息", "III(3)6 process information (four categories)", WITHHELD) \
	X(WITHHELD_ENFORCEMENT_FILE, "withheld_enforcement_file", "三(三)7 属于行政执法案卷", "III(3)7 administrative law-enforcement case files", WITHHELD) \
	X(WITHHELD_QUERY_MATTER, "withheld_query_matter", "三(三)8 属于行政查询事项", "III(3)8 administrative inquiry matters", WITHHELD) \
	X(UNABLE_NOT_HELD, "unable_not_held", "三(四)1 本机关不掌握相关政府信息", "III(4)1 information not held by this agency", UNABLE) \
	X(UNABLE_NEEDS_CREATION, "unable_needs_creation", "三(四)2 没有现成信息需要另行制作", "III(4)2 no existing information: it would have to be created", UNABLE) \
	X(UNABLE_UNCLEAR, "unable_unclear", "三(四)3 补正后申请内容仍不明确", "III(4)3 request still unclear after amendment", UNABLE) \
	X(REJECTED_PETITION, "rejected_petition", "三(五)1 信访举报投诉类申请", "III(5)1 petitions, reports and complaints", NOT_PROCESSED) \
	X(REJECTED_REPEATED, "rejected_repeated", "三(五)2 重复申请", "III(5)2 repeated applications", NOT_PROCESSED) \
	X(REJECTED_PUBLICATION, "rejected_publication", "三(五)3 要求提供公开出版物", "III(5)3 requests for published materials", NOT_PROCESSED) \
	X(REJECTED_EXCESSIVE, "rejected_excessive", "三(五)4 无正当理由大量反复申请", "III(5)4 large numbers of repeated applications without good reason", NOT_PROCESSED) \
	X(REJECTED_RECONFIRM, "rejected_reconfirm", "三(五)5 要求行政机关确认或重新出具已获取信息", "III(5)5 requests to confirm or reissue information already obtained", NOT_PROCESSED) \
	X(OTHER_NO_CORRECTION, "other_no_correction", "三(六)1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "III(6)1 not amended in time without good reason: no longer processed", OTHER) \
	X(OTHER_NO_FEE, "other_no_fee", "三(六)2 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "III(6)2 fee not paid in time as notified: no longer processed", OTHER) \
	X(OTHER_OTHER, "other_other", "三(六)3 其他", "III(6)3 other", OTHER) \
	X(HANDLED_TOTAL, "handled_total", "三(七) 总计", "III(7) total", NONE) \
	X(CARRIED_FORWARD, "carried_forward", "四、结转下年度继续办理", "IV. carried forward to the next year", NONE)

/* Section 二 document cells: X(ENUM, code, label_zh, label_en) */
#define GD_DOC_CELLS(X) \
	X(ISSUED, "issued", "本年制发件数", "issued this year") \
	X(REPEALED, "repealed", "本年废止件数", "repealed this year") \
	X(IN_FORCE, "in_force", "现行有效件数", "currently in force")

/*
 * Section 二 items: X(ENUM, code, label_zh, label_en, cellset)
 * cellset DOC = the three document cells; COUNT = one count (本年处理决定数量);
 * AMOUNT = one decimal amount in 万元 (本年收费金额).
 */
#define GD_PROACTIVE_ITEMS(X) \
	X(RULES, "rules", "规章 (第二十条第（一）项)", "rules (Article 20(1))", DOC) \
	X(NORMATIVE_DOCUMENTS, "normative_documents", "行政规范性文件 (第二十条第（一）项)", "administrative normative documents (Article 20(1))", DOC) \
	X(LICENSING, "licensing", "行政许可 (第二十条第（五）项)", "administrative licensing (Article 20(5))", COUNT) \
	X(PUNISHMENT, "punishment", "行政处罚 (第二十条第（六）项)", "administrative penalties (Article 20(6))", COUNT) \
	X(COERCION, "coercion", "行政强制 (第二十条第（六）项)", "administrative compulsion (Article 20(6))", COUNT) \
	X(FEES, "fees", "行政事业性收费 (第二十条第（八）项)", "administrative and institutional fees (Article 20(8))", AMOUNT)

/* Section 四 cells: X(ENUM, code, label_zh, label_en) */
#define GD_APPEAL_CELLS(X) \
	X(UPHELD, "upheld", "结果维持", "upheld") \
	X(CORRECTED, "corrected", "结果纠正", "corrected") \
	X(OTHER, "other", "其他结果", "other results") \
	X(PENDING, "pending", "尚未审结", "pending") \
	X(TOTAL, "total", "总计", "total")

/* Section 四 blocks: X(ENUM, code, label_zh, label_en) */
#define GD_APPEAL_BLOCKS(X) \
	X(REVIEW, "review", "行政复议", "administrative reconsideration") \
	X(SUIT_DIRECT, "suit_direct", "行政诉讼 — 未经复议直接起诉", "administrative litigation — filed directly, without reconsideration") \
	X(SUIT_AFTER_REVIEW, "suit_after_review", "行政诉讼 — 复议后起诉", "administrative litigation — filed after reconsideration")

/*
 * The 2019 trial template's section 二 (国办公开办函〔2019〕60号), docs/domain.md §3.2.
 * Cells: X(ENUM, code, label_zh, label_en, kind).  Items: X(ENUM, code,
 * label_zh, label_en, cellset, first cell offset within the section).
 */
#define GD_DOC2019_CELLS(X) \
	X(MADE, "made", "本年新制作数量", "newly made this year", COUNT) \
	X(PUBLISHED, "published", "本年新公开数量", "newly disclosed this year", COUNT) \
	X(PUBLIC_TOTAL, "public_total", "对外公开总数量", "total publicly disclosed", COUNT)
#define GD_SERVICE2019_CELLS(X) \
	X(PREVIOUS, "previous", "上一年项目数量", "items in the previous year", COUNT) \
	X(CHANGE, "change", "本年增/减", "increase/decrease this year", SIGNED) \
	X(DECISIONS, "decisions", "处理决定数量", "decisions made", COUNT)
#define GD_FEE2019_CELLS(X) \
	X(PREVIOUS, "previous", "上一年项目数量", "items in the previous year", COUNT) \
	X(CHANGE, "change", "本年增/减", "increase/decrease this year", SIGNED)
#define GD_PROCUREMENT2019_CELLS(X) \
	X(PROJECTS, "projects", "采购项目数量", "procurement projects", COUNT) \
	X(AMOUNT, "amount", "采购总金额", "total procurement amount", AMOUNT) \
	X(UNIT, "unit", "采购总金额单位（按表中所印）", "unit of the total amount (as printed)", TEXT)
#define GD_PROACTIVE2019_ITEMS(X) \
	X(RULES, "rules", "规章 (第二十条第（一）项)", "rules (Article 20(1))", DOC2019, 0) \
	X(NORMATIVE_DOCUMENTS, "normative_documents", "规范性文件 (第二十条第（一）项)", "normative documents (Article 20(1))", DOC2019, 3) \
	X(LICENSING, "licensing", "行政许可 (第二十条第（五）项)", "administrative licensing (Article 20(5))", SERVICE2019, 6) \
	X(OTHER_SERVICES, "other_services", "其他对外管理服务事项 (第二十条第（五）项)", "other external management and service matters (Article 20(5))", SERVICE2019, 9) \
	X(PUNISHMENT, "punishment", "行政处罚 (第二十条第（六）项)", "administrative penalties (Article 20(6))", SERVICE2019, 12) \
	X(COERCION, "coercion", "行政强制 (第二十条第（六）项)", "administrative compulsion (Article 20(6))", SERVICE2019, 15) \
	X(FEES, "fees", "行政事业性收费 (第二十条第（八）项)", "administrative and institutional fees (Article 20(8))", FEE2019, 18) \
	X(PROCUREMENT, "procurement", "政府集中采购 (第二十条第（九）项)", "centralised government procurement (Article 20(9))", PROCUREMENT2019, 20)
#define GD_P19_NCELLS 23

/* The first reporting year: the 条例 took effect on 1 May 2008. */
#define GD_FIRST_YEAR 2008

/* Rules: X(ENUM, code, severity, label_zh, label_en, description) */
#define GD_RULES(X) \
	X(NONNEGATIVE, "nonnegative", ERROR, "数值非负", "non-negative values", "every count and amount is at least 0") \
	X(ROW_TOTAL, "row_total", ERROR, "行总计", "row totals", "section 三: in every row, total = the sum of the six applicant columns") \
	X(HANDLED_TOTAL, "handled_total", ERROR, "办理结果总计", "total of the outcomes", "section 三: in every column, 三(七) 总计 = the sum of rows 三(一) to 三(六)") \
	X(BALANCE, "balance", ERROR, "收结平衡", "balance of applications", "section 三: in every column, 一 + 二 = 三(七) + 四 (received + carried over = handled + carried forward)") \
	X(APPEAL_TOTAL, "appeal_total", ERROR, "复议诉讼总计", "reconsideration and litigation totals", "section 四: in every block, total = upheld + corrected + other + pending") \
	X(YEAR, "year", ERROR, "报告年度", "reporting year", "the reporting year is from 2008, the first under the 条例 (Regulations on the Disclosure of Government Information), to next year; checked by the trigger") \
	X(DUPLICATE, "duplicate", ERROR, "重复报告", "duplicate report", "a second report for the same agency and year, stored or earlier in the same statement; checked by the trigger (quarantined in quarantine mode, a unique violation otherwise)") \
	X(AMBIGUOUS_AGENCY, "ambiguous_agency", ERROR, "机关名称有歧义", "ambiguous agency name", "the agency name as printed fits more than one registered agency, or names a division several places bear (鼓楼区), and neither region_code nor agency_id says which; never settled by guessing; checked by the trigger (quarantined in quarantine mode, stored without agency_id in warning mode)") \
	X(MISSING, "missing", WARNING, "未填报", "not printed", "a section or cell the template requires is not printed (NULL)") \
	X(CONTINUITY, "continuity", WARNING, "年度结转衔接", "carry-over between years", "carried_over of year Y = carried_forward of year Y-1 for the same agency, per column") \
	X(DOCUMENTS_CONTINUITY, "documents_continuity", WARNING, "文件件数衔接", "document counts between years", "in_force(Y) = in_force(Y-1) + issued(Y) - repealed(Y) for rules and normative documents") \
	X(NARRATIVE, "narrative", WARNING, "正文数字", "figures in the text", "a figure the report's prose states (受理…件, 占…%) differs from its tables; checked when a report's text is read (parse_report, import_report, check_narrative)") \
	X(UNKNOWN_REGION, "unknown_region", WARNING, "未收录的行政区划代码", "unknown division code", "region_code (行政区划代码) is six digits but names no division in govdisclose.region: new, abolished or mistyped") \
	X(UNKNOWN_AGENCY, "unknown_agency", WARNING, "未登记的机关", "unknown agency", "the agency name as printed matches no registered agency (by name, alias or normalised form), so a new one is registered; the message names the nearest registered agencies; checked by the trigger")

#define GD_ENUM_COL(E, c, l, e) GD_COL_##E,
#define GD_ENUM_ROW(E, c, l, e, g) GD_ROW_##E,
#define GD_ENUM_GROUP(E, c, l, e) GD_GROUP_##E,
#define GD_ENUM_DOC(E, c, l, e) GD_DOC_##E,
#define GD_ENUM_PITEM(E, c, l, e, s) GD_PITEM_##E,
#define GD_ENUM_ACELL(E, c, l, e) GD_ACELL_##E,
#define GD_ENUM_BLOCK(E, c, l, e) GD_BLOCK_##E,
#define GD_ENUM_RULE(E, c, s, l, e, d) GD_RULE_##E,

enum { GD_REQUEST_COLUMNS(GD_ENUM_COL) GD_NCOLS };
enum { GD_REQUEST_ROWS(GD_ENUM_ROW) GD_NROWS };
enum { GD_GROUP_NONE = -1, GD_GROUPS(GD_ENUM_GROUP) GD_NGROUPS };
enum { GD_DOC_CELLS(GD_ENUM_DOC) GD_NDOC };
enum { GD_PROACTIVE_ITEMS(GD_ENUM_PITEM) GD_NPITEMS };
enum { GD_APPEAL_CELLS(GD_ENUM_ACELL) GD_NACELLS };
enum { GD_APPEAL_BLOCKS(GD_ENUM_BLOCK) GD_NBLOCKS };
#define GD_ENUM_P19ITEM(E, c, l, e, s, o) GD_P19_##E,
enum { GD_PROACTIVE2019_ITEMS(GD_ENUM_P19ITEM) GD_NP19ITEMS };
#define GD_ENUM_DOC19(E, c, l, e, k) GD_DOC19_##E,
enum { GD_DOC2019_CELLS(GD_ENUM_DOC19) GD_NDOC19 };
#define GD_ENUM_SVC19(E, c, l, e, k) GD_SVC19_##E,
enum { GD_SERVICE2019_CELLS(GD_ENUM_SVC19) GD_NSVC19 };
#define GD_ENUM_FEE19(E, c, l, e, k) GD_FEE19_##E,
enum { GD_FEE2019_CELLS(GD_ENUM_FEE19) GD_NFEE19 };
#define GD_ENUM_PROC19(E, c, l, e, k) GD_PROC19_##E,
enum { GD_PROCUREMENT2019_CELLS(GD_ENUM_PROC19) GD_NPROC19 };
enum { GD_RULES(GD_ENUM_RULE) GD_NRULES };

typedef enum gd_severity { GD_SEV_ERROR, GD_SEV_WARNING } gd_severity;

/* Sections, in the order their cells appear in govdisclose.report */
typedef enum gd_section_id
{
	GD_SEC_REQUESTS,			/* 三 */
	GD_SEC_PROACTIVE,			/* 二, 2021 template */
	GD_SEC_APPEALS,				/* 四 */
	GD_SEC_PROACTIVE_2019,		/* 二, 2019 trial template */
	GD_NSECTIONS
} gd_section_id;

typedef enum gd_cell_kind
{
	GD_KIND_COUNT,				/* int4, at least 0 */
	GD_KIND_SIGNED,				/* int4, a signed change (本年增/减) */
	GD_KIND_AMOUNT,				/* numeric, kept as printed, at least 0 */
	GD_KIND_TEXT				/* text as printed (a unit) */
} gd_cell_kind;

/* A code with its labels, and what kind of value a cell holds. */
typedef struct gd_label
{
	const char *code;
	const char *label_zh;
	const char *label_en;
	gd_cell_kind kind;
} gd_label;

/* The cells an item holds: a named composite, or one scalar cell. */
typedef struct gd_cellset
{
	const char *type_name;		/* SQL composite type; NULL for one scalar */
	int			ncells;
	const gd_label *cells;		/* codes NULL for a scalar */
} gd_cellset;

typedef struct gd_item
{
	const char *code;
	const char *label_zh;
	const char *label_en;
	const gd_cellset *cellset;
	int			group;			/* GD_GROUP_* or GD_GROUP_NONE */
	int			first_cell;		/* index of its first cell in gd_report.v */
} gd_item;

typedef struct gd_section
{
	const char *code;			/* requests / proactive / appeals / proactive_2019 */
	const char *numeral;		/* 三 / 二 / 四 / 二 */
	const char *label_zh;
	const char *label_en;
	const char *type_name;		/* SQL composite type of the whole section */
	const char *column_prefix;	/* of its columns in govdisclose.report */
	int			tmpl;			/* the only template it belongs to (gd_template), 0 for all */
	int			nitems;
	const gd_item *items;
	int			first_cell;
	int			ncells;
} gd_section;

/* One cell of a report, flattened: the column name in govdisclose.report. */
typedef struct gd_cell
{
	gd_section_id section;
	int			item;
	int			cell;			/* index within the item's cellset */
	const char *column_name;	/* item__cell, or item for a scalar */
} gd_cell;

/* Cell indexes: requests first, then proactive, then appeals. */
#define GD_REQ_BASE 0
#define GD_REQ_CELL(row, col) (GD_REQ_BASE + (row) * GD_NCOLS + (col))
#define GD_PRO_BASE (GD_REQ_BASE + GD_NROWS * GD_NCOLS)
#define GD_PRO_NCELLS (2 * GD_NDOC + 4)
#define GD_PRO_DOC(item, doc) (GD_PRO_BASE + (item) * GD_NDOC + (doc))	/* RULES, NORMATIVE_DOCUMENTS */
#define GD_PRO_SINGLE(item) (GD_PRO_BASE + 2 * GD_NDOC + (item) - GD_PITEM_LICENSING)
#define GD_APP_BASE (GD_PRO_BASE + GD_PRO_NCELLS)
#define GD_APP_CELL(block, c) (GD_APP_BASE + (block) * GD_NACELLS + (c))
#define GD_P19_BASE (GD_APP_BASE + GD_NBLOCKS * GD_NACELLS)
#define GD_NCELLS (GD_P19_BASE + GD_P19_NCELLS)

#define GD_FEES_CELL GD_PRO_SINGLE(GD_PITEM_FEES)

typedef struct gd_rule_def
{
	const char *code;
	gd_severity severity;
	const char *label_zh;
	const char *label_en;
	const char *description;
} gd_rule_def;

typedef struct gd_group_def
{
	const char *code;
	const char *label_zh;
	const char *label_en;
} gd_group_def;

extern const gd_section gd_sections[GD_NSECTIONS];
/* The order a report prints its sections: 二, 三, 四. */
extern const gd_section_id gd_print_order[GD_NSECTIONS];
extern const gd_rule_def gd_rules[GD_NRULES];
extern const gd_group_def gd_groups[GD_NGROUPS];
extern const gd_label gd_request_columns[GD_NCOLS];

/* The flattened cells, built once; column names are stable for the process. */
extern const gd_cell *gd_cells(void);

/* The kind of a flattened cell. */
extern gd_cell_kind gd_cell_kind_of(int cell);

/*
 * Is a cell summed when reports are added up (govdisclose.sum())?  Counts and signed changes are; a unit (text) is not, nor
 * an amount printed beside a unit of its own in the same item (the 2019
 * template's procurement: 元 in one report, 万元 in another), whose sum
 * would be a wrong number.
 */
extern bool gd_cell_summable(int cell);

/* Find a cell by its report column name; -1 when there is none. */
extern int	gd_cell_by_column(const char *name, size_t len);

/* Report metadata columns of govdisclose.report, in order. */
#define GD_META_COLUMNS(X) \
	X(AGENCY, "agency", "text NOT NULL", "发布机关 (agency)") \
	X(YEAR, "year", "int4 NOT NULL", "报告年度 (reporting year)") \
	X(TEMPLATE, "template", "text NOT NULL DEFAULT '2021'", "格式 (template: 2021, or 2019 for the trial template)") \
	X(REGION_CODE, "region_code", "text", "行政区划代码 (6-digit administrative division code)") \
	X(SOURCE, "source", "text", "来源 (URL or file the report was taken from)")

#define GD_ENUM_META(E, c, t, d) GD_META_##E,
enum { GD_META_COLUMNS(GD_ENUM_META) GD_NMETA };

/*
 * Columns of govdisclose.report after the cells, appended by later releases
 * so that its CSV layout only grows at the end (docs/domain.md §12).
 */
#define GD_TAIL_COLUMNS(X) \
	X(AGENCY_ID, "agency_id", "int4", "机关标识 (the agency's id in govdisclose.agency; left blank, enforce() resolves it from the name as printed)")

#define GD_ENUM_TAIL(E, c, t, d) GD_TAIL_##E,
enum { GD_TAIL_COLUMNS(GD_ENUM_TAIL) GD_NTAIL };

typedef struct gd_meta_def
{
	const char *name;
	const char *sql_type;
	const char *description;
} gd_meta_def;
extern const gd_meta_def gd_meta_columns[GD_NMETA];
extern const gd_meta_def gd_tail_columns[GD_NTAIL];

/*
 * Labels by code (govdisclose.label(code, lang)).  Every code of the model
 * lives in a scope: "section" (the section codes), a section code (its rows,
 * items or blocks, and its columns or cells: no two share a code within one
 * section), "group" (outcome groups) or "rule".  A code is looked up as
 * "scope.code", or bare, in every scope; a bare code found in several scopes
 * with different labels has several meanings.
 */
typedef enum gd_lang
{
	GD_LANG_ZH,					/* the authoritative Chinese labels */
	GD_LANG_EN,
	GD_NLANGS
} gd_lang;

extern const char *const gd_lang_names[GD_NLANGS];

/* What a section calls its items and their cells: row and column in 三. */
extern const char *const gd_item_noun[GD_NSECTIONS];
extern const char *const gd_cell_noun[GD_NSECTIONS];

/* The language named name ("zh", "en"), or -1. */
extern int	gd_lang_by_name(const char *name, size_t len);

typedef struct gd_code_meaning
{
	const char *scope;			/* "section", a section code, "group", "rule" */
	const char *kind;			/* "section", "row", "column", "item", "cell", "block", "outcome group", "rule" */
	const char *code;
	const char *label[GD_NLANGS];
} gd_code_meaning;

/* Every code of the model, each once per scope, in model order. */
extern int	gd_code_meaning_count(void);
extern const gd_code_meaning *gd_code_meaning_at(int i);

/*
 * The meanings of code (bare, or "scope.code"), one per distinct pair of
 * labels, in model order: at most max are stored in out.  Returns how many
 * there are; 0 for an unknown code.
 */
extern int	gd_code_meanings(const char *code, size_t len,
							 const gd_code_meaning **out, int max);

#endif							/* GD_MODEL_H */
