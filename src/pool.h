#ifndef FLOE_POOL_H
#define FLOE_POOL_H
/*
 * Static tables without pointers (docs/DESIGN.md "Start-up").
 *
 * floe-profiles is linked as a static PIE: every pointer held in a static
 * table (to a string literal, to another table) is a relocation that the
 * loader applies at each start, about 11 instructions each, before main()
 * -- 3.3 K of them were a seventh of a typical lint.  So the tables hold
 * their strings instead of pointing at them (tests/bench/relocs.py counts
 * what is left, and in which table):
 *
 * - a short string inline, as a `char name[N]` member (a reader writing
 *   row->name still gets a `const char *`).  N is checked against every
 *   row by FITS(), which fails the build for a string that would not
 *   keep its terminating NUL;
 * - long strings, or many, in one pool per table: a struct with one char
 *   array per string, each named for the line of the .def (or the table)
 *   it is written on, and the rows hold the strings' offsets in it.  The
 *   pool and the rows expand the same X-macro rows: POOL_MEMBER() in the
 *   pool's struct, POOL_OFF() in the rows, POOL_STR() to read.  Two
 *   strings of one field on one line fail the build (a duplicate member).
 */
#include <stddef.h>
#include <stdint.h>

#define POOL_CAT_(a, b) a##b
#define POOL_CAT(a, b) POOL_CAT_(a, b)

/* A member of a pool struct for string literal `s`, named `tag` and the
 * line it is written on. */
#define POOL_MEMBER(tag, s) char POOL_CAT(tag, __LINE__)[sizeof(s)];

/* The offset of the string that POOL_MEMBER(tag, ...) declared on this
 * line in pool struct `type`. */
#define POOL_OFF(type, tag) \
	((uint32_t)offsetof(type, POOL_CAT(tag, __LINE__)))

/* The string at offset `off` of pool `pool` (an object, not a pointer). */
#define POOL_STR(pool, off) ((const char *)&(pool) + (off))

/* Fail the build when string literal `s` does not fit a char[size]
 * member with its NUL (C lets a literal of exactly `size` characters
 * initialise it without one). */
#define FITS(size, s) \
	_Static_assert(sizeof(s) <= (size), "longer than its member: " s);

/* FITS() for `member` of the rows of `table`, whose size it takes from
 * the table itself (write it after the table). */
#define FITS_IN(table, member, s) FITS(sizeof((table)[0].member), s)

#endif
