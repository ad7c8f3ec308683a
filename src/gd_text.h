/*
 * gd_text.h — what the two readers of report text (gd_parse.c,
 * gd_narrative.c) share: strict UTF-8 decoding and encoding, the one table
 * of traditional characters they map to simplified ones, and the one
 * character fold (gd_fold) both read text through.  Plain C, no postgres.h;
 * the fold needs utf8proc (link with -lutf8proc).
 */
#ifndef GD_TEXT_H
#define GD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decode the character at s (n bytes available): its length, 1 to 4, or 0
 * when s does not start with a valid UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF are invalid).
 */
extern size_t gd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Is s[0..len) valid UTF-8, as gd_utf8_decode reads it (no overlong forms,
 * no surrogates, nothing past U+10FFFF)?
 */
extern bool gd_utf8_valid(const char *s, size_t len);

/* Encode cp (at most U+10FFFF) into out, which has room for 4 bytes. */
extern size_t gd_utf8_encode(uint32_t cp, char *out);

/*
 * The length of the longest prefix of s[0..len) that ends on a whole
 * character: a character cut at len is left out (to truncate text safely).
 */
extern size_t gd_utf8_prefix(const char *s, size_t len);

/* The same, at most max bytes. */
static inline size_t
gd_utf8_cut(const char *s, size_t len, size_t max)
{
	return len <= max ? len : gd_utf8_prefix(s, max);
}

/*
 * The simplified form of a traditional character that report labels and
 * phrases use (開→开, 處→处, 請→请, 總→总, 複→复, …); cp itself otherwise.
 * Both are in the BMP and take three bytes in UTF-8.
 */
extern uint32_t gd_simplify(uint32_t cp);

/*
 * The character fold of both readers: one input code point becomes 0 to
 * GD_FOLD_MAX code points, so that every spelling of a label or a figure
 * reads the same.  In order, the first rule that applies:
 *
 *   1. tab stays '\t'; printable ASCII stays as it is;
 *   2. other controls (C0, DEL, C1 including U+0085) → ' ';
 *   3. Unicode spaces (U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 *      U+202F, U+205F, U+3000) → ' ';
 *   4. zero-width and invisible characters (U+00AD soft hyphen,
 *      U+200B..U+200D, U+2060, U+FEFF byte order mark) → nothing (dropped);
 *   5. minus and hyphens (U+2010, U+2011, U+2013 en dash, U+2212, U+FE58,
 *      U+FE63) → '-';
 *   6. otherwise the NFKC form of the code point on its own (utf8proc):
 *      full-width forms become ASCII (Ａ１，→ A1,), Kangxi radicals and CJK
 *      compatibility ideographs become unified ideographs (⾏ U+2F8F → 行),
 *      and some characters expand: ① → "1", ⑴ → "(1)", ㈠ → "(一)",
 *      ﹙ → "(", … → "...", ㍻ → "平成"; each code point of the result then
 *      goes through rules 3 and 5 (︲ U+FE32 → en dash → '-') and through
 *      gd_simplify (traditional → simplified, also after NFKC: ⾨ → 門 → 门).
 *
 * What it does not do: it looks at one code point at a time, so it never
 * composes across input code points (e + U+0301 stay two, as the input had
 * them; NFKC of a whole text would make é); no case folding; em dash
 * U+2014, 〇, Chinese numerals (一, 二), 、 and 。 stay as they are; '\n'
 * and '\r' are controls here (rule 2): readers that keep lines handle them
 * before folding.  Hangul syllables stay composed.  Unassigned code points
 * stay as they are.
 */
#define GD_FOLD_MAX 18			/* the longest NFKC form of one code point */

/*
 * Fold cp (at most U+10FFFF, not a surrogate) into out: returns how many
 * code points were written, 0 when cp is dropped (rule 4).  A space outcome
 * is out[0] == ' ' and 1.  ASCII costs a comparison; CJK ideographs a
 * gd_simplify lookup; utf8proc is called only for the rest.
 */
extern int	gd_fold(uint32_t cp, uint32_t out[GD_FOLD_MAX]);

#define GD_FOLD_DROP 0xFFFFFFFFu

/*
 * The fold for readers that keep one code point out per code point in (the
 * parser, whose offsets map each normalised character back to its input
 * character): the fold when it is one code point, GD_FOLD_DROP when it is
 * dropped, and cp itself (not folded) when it expands to several, so ① and
 * ㈠ stay as they are there.
 */
extern uint32_t gd_fold1(uint32_t cp);

/*
 * A bounded string builder for messages: gd_sb_printf appends to buf (len
 * bytes, always NUL-terminated when len > 0; cut short on a whole UTF-8
 * character when full, nothing appended after) and keeps in used the length
 * the whole text needs.
 */
typedef struct gd_sbuf
{
	char	   *buf;
	size_t		len;
	size_t		used;
} gd_sbuf;

#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
extern void gd_sb_printf(gd_sbuf *b, const char *fmt,...);

/* A builder over buf (len bytes), which it leaves empty. */
static inline void
gd_sb_init(gd_sbuf *b, char *buf, size_t len)
{
	b->buf = buf;
	b->len = len;
	b->used = 0;
	if (len > 0)
		buf[0] = '\0';
}

#endif							/* GD_TEXT_H */
