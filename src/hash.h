/*
 * hash: the hash of a text, for the tables that hold each distinct text
 * once (internal).
 */
#ifndef FLOE_HASH_H
#define FLOE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of s[0..n), folded to a size_t. */
static inline size_t floe_hash_text(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

#endif
