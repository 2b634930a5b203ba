/*
 * ascii: character classes the readers share, independent of the locale,
 * and the one byte search of a text for a word (internal).
 */
#ifndef FLOE_ASCII_H
#define FLOE_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The value of a hexadecimal digit (either case), or -1. */
static inline int ascii_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* An ASCII letter in lower case; any other byte as it is. */
static inline unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* The ASCII letters of s lower-cased in place, other bytes as they are
 * (DuckDB's StringUtil::Lower, tolower() in the C locale); s. */
static inline char *ascii_lower_str(char *s)
{
	for (char *c = s; *c; c++)
		*c = (char)ascii_lower((unsigned char)*c);
	return s;
}

/* The first n bytes of s into d, lower-cased as ascii_lower_str() does,
 * with a NUL after them (d holds n + 1 bytes); n. */
static inline size_t ascii_lower_copy(char *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i] = (char)ascii_lower((unsigned char)s[i]);
	d[n] = '\0';
	return n;
}

/*
 * Whether the first bytes of a and b already decide that they differ
 * case-insensitively (both ASCII and not the same letter): a lookup in a
 * table of names (hundreds of rows, nearly all of them differing from
 * the name at the first letter) otherwise costs a call per row, and lint
 * looks names up several times per output.  Beyond ASCII, strcasecmp()
 * decides.
 */
static inline bool ascii_first_differs(const char *a, const char *b)
{
	unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

	return x < 0x80 && y < 0x80 && ascii_lower(x) != ascii_lower(y);
}

/* strcasecmp(a, b) == 0, the first bytes compared inline first. */
static inline bool ascii_same_ci(const char *a, const char *b)
{
	return !ascii_first_differs(a, b) && !strcasecmp(a, b);
}

/* strcasecmp() in the C locale: ASCII letters folded to lower case. */
static inline int ascii_cmp_ci(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = ascii_lower((unsigned char)*a);
		unsigned char y = ascii_lower((unsigned char)*b);

		if (x != y || !x)
			return x - y;
	}
}

/*
 * s[0..m) is `low` (lower-case ASCII) ignoring ASCII case, as
 * strncasecmp() in the C locale compares them: a NUL or a byte past
 * ASCII in s matches no letter of `low`.  Inline, without a call: for
 * names compared at their known length.
 */
static inline bool ascii_same_lower_n(const char *s, const char *low,
				      size_t m)
{
	for (size_t i = 0; i < m; i++)
		if (ascii_lower((unsigned char)s[i]) != (unsigned char)low[i])
			return false;
	return true;
}

/* The same for strncasecmp(a, b, n) == 0, n > 0. */
static inline bool ascii_same_ci_n(const char *a, const char *b, size_t n)
{
	return !ascii_first_differs(a, b) && !strncasecmp(a, b, n);
}

/* Whether the n bytes at p hold `needle` (not NUL-terminated: memchr). */
static inline bool ascii_contains(const char *p, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	const char *end = p + n;

	while (m && (size_t)(end - p) >= m) {
		p = memchr(p, needle[0], (size_t)(end - p) - m + 1);
		if (!p)
			return false;
		if (!memcmp(p, needle, m))
			return true;
		p++;
	}
	return !m;
}

#endif
