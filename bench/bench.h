/*
 * bench.h — what the benchmark programs of the pure core share: the clock,
 * and the baseline every throughput is a ratio to.
 *
 * Header only (static functions): bench_parse.c and bench_readers.c are
 * each one translation unit linked with the core (Makefile, bench/bench_%).
 */
#ifndef GD_BENCH_H
#define GD_BENCH_H

#include <stddef.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Written by what is timed, so the compiler cannot drop the work. */
static volatile size_t bench_sink;

/*
 * The baseline: one pass that counts the lines and the UTF-8 characters of
 * the text and matches nothing, the least any reader of a report must do.
 */
static inline void
bench_baseline(const char *text, size_t len)
{
	size_t		lines = 0;
	size_t		chars = 0;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		lines += c == '\n';
		chars += (c & 0xC0) != 0x80;
	}
	bench_sink += lines + chars;
}

#endif							/* GD_BENCH_H */
