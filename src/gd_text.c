/*
 * gd_text.c — UTF-8, traditional characters and the character fold for the
 * text readers (see gd_text.h).
 */
#include "gd_text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <utf8proc.h>

size_t
gd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
	{
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0)
	{
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
			return 0;
		*cp = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) |
			(s[2] & 0x3F);
		return 3;
	}
	if (c < 0xF5)
	{
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
			(s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
			return 0;
		*cp = ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (s[1] & 0x3F) << 12) |
			((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	return 0;
}

size_t
gd_utf8_encode(uint32_t cp, char *o)
{
	if (cp < 0x80)
	{
		o[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = (char) (0xC0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = (char) (0xE0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char) (0xF0 | (cp >> 18));
	o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

bool
gd_utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		size_t		n;

		if ((unsigned char) s[i] < 0x80)
		{
			i++;
			continue;
		}
		n = gd_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
gd_utf8_prefix(const char *s, size_t len)
{
	size_t		start = len;
	size_t		need;
	unsigned char c;

	if (len == 0)
		return 0;
	/* back over continuation bytes to the last lead byte (at most 3) */
	while (start > 0 && len - start < 4 &&
		   (((unsigned char) s[start - 1]) & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return (((unsigned char) s[0]) & 0xC0) == 0x80 ? 0 : len;
	start--;
	c = (unsigned char) s[start];
	if (c < 0x80)
		need = 1;
	else if ((c & 0xE0) == 0xC0)
		need = 2;
	else if ((c & 0xF0) == 0xE0)
		need = 3;
	else if ((c & 0xF8) == 0xF0)
		need = 4;
	else
		need = 1;
	return len - start >= need ? len : start;
}

/*
 * Traditional → simplified, sorted by the traditional code point: the
 * characters of the labels and phrases the parser and the narrative reader
 * look for, as sites that serve traditional text print them.
 */
static const uint16_t trad_map[][2] = {
	{0x4E26, 0x5E76},	/* 並 → 并 */
	{0x4F48, 0x5E03},	/* 佈 → 布 */
	{0x4F54, 0x5360},	/* 佔 → 占 */
	{0x4F86, 0x6765},	/* 來 → 来 */
	{0x500B, 0x4E2A},	/* 個 → 个 */
	{0x50B3, 0x4F20},	/* 傳 → 传 */
	{0x50D1, 0x4FA8},	/* 僑 → 侨 */
	{0x50F9, 0x4EF7},	/* 價 → 价 */
	{0x512A, 0x4F18},	/* 優 → 优 */
	{0x5167, 0x5185},	/* 內 → 内 */
	{0x5247, 0x5219},	/* 則 → 则 */
	{0x5283, 0x5212},	/* 劃 → 划 */
	{0x52D5, 0x52A8},	/* 動 → 动 */
	{0x52D9, 0x52A1},	/* 務 → 务 */
	{0x52DE, 0x52B3},	/* 勞 → 劳 */
	{0x5340, 0x533A},	/* 區 → 区 */
	{0x54E1, 0x5458},	/* 員 → 员 */
	{0x554F, 0x95EE},	/* 問 → 问 */
	{0x55AE, 0x5355},	/* 單 → 单 */
	{0x570B, 0x56FD},	/* 國 → 国 */
	{0x5716, 0x56FE},	/* 圖 → 图 */
	{0x57F7, 0x6267},	/* 執 → 执 */
	{0x5831, 0x62A5},	/* 報 → 报 */
	{0x5B78, 0x5B66},	/* 學 → 学 */
	{0x5BE6, 0x5B9E},	/* 實 → 实 */
	{0x5BE9, 0x5BA1},	/* 審 → 审 */
	{0x5C07, 0x5C06},	/* 將 → 将 */
	{0x5C0D, 0x5BF9},	/* 對 → 对 */
	{0x5C64, 0x5C42},	/* 層 → 层 */
	{0x5C6C, 0x5C5E},	/* 屬 → 属 */
	{0x5EE2, 0x5E9F},	/* 廢 → 废 */
	{0x5EE3, 0x5E7F},	/* 廣 → 广 */
	{0x5EF3, 0x5385},	/* 廳 → 厅 */
	{0x5F37, 0x5F3A},	/* 強 → 强 */
	{0x5F8C, 0x540E},	/* 後 → 后 */
	{0x5F9E, 0x4ECE},	/* 從 → 从 */
	{0x5FA9, 0x590D},	/* 復 → 复 */
	{0x61C9, 0x5E94},	/* 應 → 应 */
	{0x63A1, 0x91C7},	/* 採 → 采 */
	{0x64DA, 0x636E},	/* 據 → 据 */
	{0x64EC, 0x62DF},	/* 擬 → 拟 */
	{0x6578, 0x6570},	/* 數 → 数 */
	{0x65BC, 0x4E8E},	/* 於 → 于 */
	{0x66F8, 0x4E66},	/* 書 → 书 */
	{0x6703, 0x4F1A},	/* 會 → 会 */
	{0x6771, 0x4E1C},	/* 東 → 东 */
	{0x689D, 0x6761},	/* 條 → 条 */
	{0x696D, 0x4E1A},	/* 業 → 业 */
	{0x69CB, 0x6784},	/* 構 → 构 */
	{0x6A23, 0x6837},	/* 樣 → 样 */
	{0x6A5F, 0x673A},	/* 機 → 机 */
	{0x6A94, 0x6863},	/* 檔 → 档 */
	{0x6AA2, 0x68C0},	/* 檢 → 检 */
	{0x6B0A, 0x6743},	/* 權 → 权 */
	{0x6B72, 0x5C81},	/* 歲 → 岁 */
	{0x6B78, 0x5F52},	/* 歸 → 归 */
	{0x6C7A, 0x51B3},	/* 決 → 决 */
	{0x6C92, 0x6CA1},	/* 沒 → 没 */
	{0x6CC1, 0x51B5},	/* 況 → 况 */
	{0x6E1B, 0x51CF},	/* 減 → 减 */
	{0x6E96, 0x51C6},	/* 準 → 准 */
	{0x6FDF, 0x6D4E},	/* 濟 → 济 */
	{0x70BA, 0x4E3A},	/* 為 → 为 */
	{0x7121, 0x65E0},	/* 無 → 无 */
	{0x71DF, 0x8425},	/* 營 → 营 */
	{0x7232, 0x4E3A},	/* 爲 → 为 */
	{0x7372, 0x83B7},	/* 獲 → 获 */
	{0x73FE, 0x73B0},	/* 現 → 现 */
	{0x74B0, 0x73AF},	/* 環 → 环 */
	{0x7522, 0x4EA7},	/* 產 → 产 */
	{0x7562, 0x6BD5},	/* 畢 → 毕 */
	{0x7576, 0x5F53},	/* 當 → 当 */
	{0x7642, 0x7597},	/* 療 → 疗 */
	{0x767C, 0x53D1},	/* 發 → 发 */
	{0x76E1, 0x5C3D},	/* 盡 → 尽 */
	{0x78BA, 0x786E},	/* 確 → 确 */
	{0x7A05, 0x7A0E},	/* 稅 → 税 */
	{0x7A31, 0x79F0},	/* 稱 → 称 */
	{0x7A69, 0x7A33},	/* 穩 → 稳 */
	{0x7BC0, 0x8282},	/* 節 → 节 */
	{0x7BC4, 0x8303},	/* 範 → 范 */
	{0x7CFE, 0x7EA0},	/* 糾 → 纠 */
	{0x7D00, 0x7EAA},	/* 紀 → 纪 */
	{0x7D1A, 0x7EA7},	/* 級 → 级 */
	{0x7D44, 0x7EC4},	/* 組 → 组 */
	{0x7D50, 0x7ED3},	/* 結 → 结 */
	{0x7D55, 0x7EDD},	/* 絕 → 绝 */
	{0x7D71, 0x7EDF},	/* 統 → 统 */
	{0x7D93, 0x7ECF},	/* 經 → 经 */
	{0x7DAD, 0x7EF4},	/* 維 → 维 */
	{0x7DB2, 0x7F51},	/* 網 → 网 */
	{0x7DDA, 0x7EBF},	/* 線 → 线 */
	{0x7E02, 0x603B},	/* 縂 → 总 */
	{0x7E23, 0x53BF},	/* 縣 → 县 */
	{0x7E3D, 0x603B},	/* 總 → 总 */
	{0x7E54, 0x7EC7},	/* 織 → 织 */
	{0x7E73, 0x7F34},	/* 繳 → 缴 */
	{0x7E7C, 0x7EE7},	/* 繼 → 继 */
	{0x7E8C, 0x7EED},	/* 續 → 续 */
	{0x7F70, 0x7F5A},	/* 罰 → 罚 */
	{0x806F, 0x8054},	/* 聯 → 联 */
	{0x807D, 0x542C},	/* 聽 → 听 */
	{0x81FA, 0x53F0},	/* 臺 → 台 */
	{0x8207, 0x4E0E},	/* 與 → 与 */
	{0x8209, 0x4E3E},	/* 舉 → 举 */
	{0x820A, 0x65E7},	/* 舊 → 旧 */
	{0x842C, 0x4E07},	/* 萬 → 万 */
	{0x85E5, 0x836F},	/* 藥 → 药 */
	{0x8655, 0x5904},	/* 處 → 处 */
	{0x865F, 0x53F7},	/* 號 → 号 */
	{0x885B, 0x536B},	/* 衛 → 卫 */
	{0x88DC, 0x8865},	/* 補 → 补 */
	{0x88FD, 0x5236},	/* 製 → 制 */
	{0x8907, 0x590D},	/* 複 → 复 */
	{0x8986, 0x590D},	/* 覆 → 复 */
	{0x8988, 0x6838},	/* 覈 → 核 */
	{0x898B, 0x89C1},	/* 見 → 见 */
	{0x898F, 0x89C4},	/* 規 → 规 */
	{0x8996, 0x89C6},	/* 視 → 视 */
	{0x89C0, 0x89C2},	/* 觀 → 观 */
	{0x8A08, 0x8BA1},	/* 計 → 计 */
	{0x8A0A, 0x8BAF},	/* 訊 → 讯 */
	{0x8A18, 0x8BB0},	/* 記 → 记 */
	{0x8A1F, 0x8BBC},	/* 訟 → 讼 */
	{0x8A2A, 0x8BBF},	/* 訪 → 访 */
	{0x8A2D, 0x8BBE},	/* 設 → 设 */
	{0x8A31, 0x8BB8},	/* 許 → 许 */
	{0x8A34, 0x8BC9},	/* 訴 → 诉 */
	{0x8A62, 0x8BE2},	/* 詢 → 询 */
	{0x8A8D, 0x8BA4},	/* 認 → 认 */
	{0x8ACB, 0x8BF7},	/* 請 → 请 */
	{0x8B49, 0x8BC1},	/* 證 → 证 */
	{0x8B70, 0x8BAE},	/* 議 → 议 */
	{0x8B77, 0x62A4},	/* 護 → 护 */
	{0x8B80, 0x8BFB},	/* 讀 → 读 */
	{0x8B8A, 0x53D8},	/* 變 → 变 */
	{0x8CA1, 0x8D22},	/* 財 → 财 */
	{0x8CBB, 0x8D39},	/* 費 → 费 */
	{0x8CBF, 0x8D38},	/* 貿 → 贸 */
	{0x8CC7, 0x8D44},	/* 資 → 资 */
	{0x8CFC, 0x8D2D},	/* 購 → 购 */
	{0x8ECA, 0x8F66},	/* 車 → 车 */
	{0x8F03, 0x8F83},	/* 較 → 较 */
	{0x8F49, 0x8F6C},	/* 轉 → 转 */
	{0x8FA6, 0x529E},	/* 辦 → 办 */
	{0x8FB2, 0x519C},	/* 農 → 农 */
	{0x9019, 0x8FD9},	/* 這 → 这 */
	{0x9032, 0x8FDB},	/* 進 → 进 */
	{0x904B, 0x8FD0},	/* 運 → 运 */
	{0x904E, 0x8FC7},	/* 過 → 过 */
	{0x9054, 0x8FBE},	/* 達 → 达 */
	{0x9055, 0x8FDD},	/* 違 → 违 */
	{0x905E, 0x9012},	/* 遞 → 递 */
	{0x9069, 0x9002},	/* 適 → 适 */
	{0x9078, 0x9009},	/* 選 → 选 */
	{0x9084, 0x8FD8},	/* 還 → 还 */
	{0x908A, 0x8FB9},	/* 邊 → 边 */
	{0x90F5, 0x90AE},	/* 郵 → 邮 */
	{0x9109, 0x4E61},	/* 鄉 → 乡 */
	{0x91AB, 0x533B},	/* 醫 → 医 */
	{0x92B7, 0x9500},	/* 銷 → 销 */
	{0x9304, 0x5F55},	/* 錄 → 录 */
	{0x932F, 0x9519},	/* 錯 → 错 */
	{0x93AE, 0x9547},	/* 鎮 → 镇 */
	{0x9580, 0x95E8},	/* 門 → 门 */
	{0x958B, 0x5F00},	/* 開 → 开 */
	{0x95B1, 0x9605},	/* 閱 → 阅 */
	{0x95DC, 0x5173},	/* 關 → 关 */
	{0x96AA, 0x9669},	/* 險 → 险 */
	{0x96FB, 0x7535},	/* 電 → 电 */
	{0x9801, 0x9875},	/* 頁 → 页 */
	{0x9805, 0x9879},	/* 項 → 项 */
	{0x9808, 0x987B},	/* 須 → 须 */
	{0x984C, 0x9898},	/* 題 → 题 */
	{0x984D, 0x989D},	/* 額 → 额 */
	{0x985E, 0x7C7B},	/* 類 → 类 */
	{0x9918, 0x4F59},	/* 餘 → 余 */
	{0x9928, 0x9986},	/* 館 → 馆 */
	{0x9A57, 0x9A8C},	/* 驗 → 验 */
	{0x9AD4, 0x4F53},	/* 體 → 体 */
	{0x9EDE, 0x70B9},	/* 點 → 点 */
	{0x9F4A, 0x9F50},	/* 齊 → 齐 */
	{0x9F8D, 0x9F99},	/* 龍 → 龙 */
};

uint32_t
gd_simplify(uint32_t cp)
{
	/* most characters are not traditional: a bitmap says so without a search */
	static uint64_t bits[0x10000 / 64];
	static bool built = false;
	size_t		lo = 0;
	size_t		hi = sizeof(trad_map) / sizeof(trad_map[0]);

	if (!built)
	{
		for (size_t k = 0; k < hi; k++)
			bits[trad_map[k][0] / 64] |= (uint64_t) 1 << (trad_map[k][0] % 64);
		built = true;
	}
	if (cp >= 0x10000 || !(bits[cp / 64] & ((uint64_t) 1 << (cp % 64))))
		return cp;
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (trad_map[mid][0] == cp)
			return trad_map[mid][1];
		if (trad_map[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cp;
}

/* ------------------------------------------------------------------ */
/* The fold */

#define FOLD_NONE 0xFFFFFFFEu

/*
 * Rules 2 to 5 of gd_fold for a code point that is not printable ASCII or
 * a tab: ' ', '-', GD_FOLD_DROP, or FOLD_NONE when none applies.
 */
static uint32_t
fold_rule(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return ' ';
	if (cp >= 0x2000 && cp <= 0x200A)
		return ' ';
	switch (cp)
	{
		case 0x00A0:
		case 0x1680:
		case 0x2028:
		case 0x2029:
		case 0x202F:
		case 0x205F:
		case 0x3000:
			return ' ';
		case 0x00AD:
		case 0x200B:
		case 0x200C:
		case 0x200D:
		case 0x2060:
		case 0xFEFF:
			return GD_FOLD_DROP;
		case 0x2010:
		case 0x2011:
		case 0x2013:
		case 0x2212:
		case 0xFE58:
		case 0xFE63:
			return '-';
		default:
			return FOLD_NONE;
	}
}

/*
 * NFKC of cp on its own into out (at least one code point; cp itself if
 * utf8proc reports an error).
 */
static int
nfkc_one(uint32_t cp, uint32_t out[GD_FOLD_MAX])
{
	utf8proc_int32_t buf[GD_FOLD_MAX];
	utf8proc_ssize_t n;
	int			boundclass = 0;

	/* the common case: no decomposition, or a single code point */
	n = utf8proc_decompose_char((utf8proc_int32_t) cp, buf, GD_FOLD_MAX,
								UTF8PROC_COMPOSE | UTF8PROC_COMPAT, &boundclass);
	if (n > 1 && n <= GD_FOLD_MAX)
	{
		/*
		 * Several: put combining marks in canonical order and compose what
		 * composes, as NFKC does (utf8proc_decompose orders, normalize
		 * composes; neither allocates).
		 */
		char		u8[4];
		size_t		u8len = gd_utf8_encode(cp, u8);

		n = utf8proc_decompose((const utf8proc_uint8_t *) u8, (utf8proc_ssize_t) u8len,
							   buf, GD_FOLD_MAX,
							   UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE);
		if (n > 0 && n <= GD_FOLD_MAX)
			n = utf8proc_normalize_utf32(buf, n,
										 UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE);
	}
	if (n < 1 || n > GD_FOLD_MAX)
	{
		out[0] = cp;
		return 1;
	}
	for (utf8proc_ssize_t k = 0; k < n; k++)
		out[k] = (uint32_t) buf[k];
	return (int) n;
}

/*
 * The fold of the code points that need neither rules nor utf8proc: ASCII
 * text, the CJK ideographs (which NFKC never changes) and full-width ASCII
 * (whose NFKC form is the ASCII character).  FOLD_NONE for the others.
 */
static inline uint32_t
fold_fast(uint32_t cp)
{
	if ((cp >= 0x20 && cp < 0x7F) || cp == '\t')
		return cp;
	if (cp >= 0x3400 && cp <= 0x9FFF)
		return gd_simplify(cp);
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	return FOLD_NONE;
}

int
gd_fold(uint32_t cp, uint32_t out[GD_FOLD_MAX])
{
	uint32_t	r = fold_fast(cp);
	int			n;
	int			kept = 0;

	if (r != FOLD_NONE)
	{
		out[0] = r;
		return 1;
	}
	r = fold_rule(cp);
	if (r == GD_FOLD_DROP)
		return 0;
	if (r != FOLD_NONE)
	{
		out[0] = r;
		return 1;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
	{
		out[0] = cp;
		return 1;
	}
	n = nfkc_one(cp, out);
	for (int k = 0; k < n; k++)
	{
		uint32_t	c = out[k];

		if (c >= 0x80)
		{
			r = fold_rule(c);
			if (r == GD_FOLD_DROP)
				continue;
			c = r != FOLD_NONE ? r : gd_simplify(c);
		}
		out[kept++] = c;
	}
	return kept;
}

uint32_t
gd_fold1(uint32_t cp)
{
	uint32_t	out[GD_FOLD_MAX];
	uint32_t	r = fold_fast(cp);
	int			n;

	if (r != FOLD_NONE)
		return r;
	n = gd_fold(cp, out);
	if (n == 0)
		return GD_FOLD_DROP;
	return n == 1 ? out[0] : cp;
}

void
gd_sb_printf(gd_sbuf *b, const char *fmt,...)
{
	va_list		ap;
	int			n;
	size_t		room = b->used < b->len ? b->len - b->used : 0;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->used : NULL, room, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	/* cut short on a whole character; used then passes len: nothing follows */
	if (room > 0 && (size_t) n >= room)
		b->buf[gd_utf8_prefix(b->buf, b->len - 1)] = '\0';
	b->used += (size_t) n;
}
