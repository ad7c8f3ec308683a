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
 * The simplified form of a traditional character that report labels and
 * phrases use (開→开, 處→处, 請→请, 總→总, 複→复, …); cp itself otherwise.
 * Both are in the BMP and take three bytes in UTF-8.
 */
extern uint32_t gd_simplify(uint32_t cp);

#endif							/* GD_TEXT_H */
