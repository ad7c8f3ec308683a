/*
 * gd_text.h — what the two readers of report text (gd_parse.c,
 * gd_narrative.c) share: strict UTF-8 decoding and encoding, and the one
 * table of traditional characters they map to simplified ones.  Plain C,
 * no postgres.h.
 */
#ifndef GD_TEXT_H
#define GD_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the character at s (n bytes available): its length, 1 to 4, or 0
 * when s does not start with a valid UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF are invalid).
 */
extern size_t gd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

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

#endif							/* GD_TEXT_H */
