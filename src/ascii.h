/*
 * ascii: character classes the readers share, independent of the locale
 * (internal).
 */
#ifndef FLOE_ASCII_H
#define FLOE_ASCII_H

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

#endif
