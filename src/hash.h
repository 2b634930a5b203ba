/*
 * hash: the hash of a text, for the tables that hold each distinct text
 * once (internal).
 */
#ifndef FLOE_HASH_H
#define FLOE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FLOE_HASH_SEED 14695981039346656037u

/* FNV-1a of s[0..n), going on from h (FLOE_HASH_SEED to start). */
static inline uint64_t floe_hash_more(uint64_t h, const void *s, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

/*
 * A hash of a text, eight bytes at a time (FNV-1a's byte loop was most of
 * the cost of the tables that hold each distinct text once).  The last
 * word is read whole, overlapping the one before it, and a text under 8
 * bytes as two overlapping halves (or its first, middle and last bytes):
 * the length is in the seed, so every byte still counts and equal texts
 * hash equal.  Folded, so that its low bits, which index the tables, mix
 * all of them.
 */
static inline size_t floe_hash_text(const char *s, size_t len)
{
	uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15u, w;
	uint32_t lo, hi;
	const char *end = s + len;

	if (len >= 8) {
		for (; end - s > 8; s += 8) {
			memcpy(&w, s, 8);
			h = (h ^ w) * 0xFF51AFD7ED558CCDu;
			h ^= h >> 32;
		}
		memcpy(&w, end - 8, 8);
	} else if (len >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, end - 4, 4);
		w = (uint64_t)hi << 32 | lo;
	} else if (len) {
		w = (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)end[-1] << 16;
	} else {
		w = 0;
	}
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	return (size_t)(h ^ (h >> 32));
}

#endif
