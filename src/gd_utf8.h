/*
 * gd_utf8.h — strict UTF-8 decoding and encoding, shared by the text
 * readers (gd_parse.c, gd_narrative.c).  Plain C, no postgres.h.
 */
#ifndef GD_UTF8_H
#define GD_UTF8_H

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

#endif							/* GD_UTF8_H */
