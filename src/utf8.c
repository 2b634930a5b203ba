#include "utf8.h"

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (len <= max)
		return len;
	/*
	 * s[max] is the first byte left out: while it continues a sequence,
	 * that sequence started inside the prefix, so drop its start too.
	 * A malformed run of continuation bytes stops after 3 steps.
	 */
	n = max;
	for (int i = 0; i < 4 && n > 0 && (p[n] & 0xC0) == 0x80; i++)
		n--;
	return (p[n] & 0xC0) == 0x80 ? max : n;
}
