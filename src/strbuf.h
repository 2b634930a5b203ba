/*
 * strbuf: a growable, always NUL-terminated byte buffer (internal).
 *
 * After strbuf_init() `buf` is never NULL.
 *
 * Errors are sticky, as in curl's dynbuf: the first append that runs out
 * of memory (or would overflow size_t) returns -1, leaves the contents as
 * they were and marks the buffer failed; from then on every append does
 * nothing and returns -1, and strbuf_detach() hands back NULL.  So a
 * sequence of appends needs one check, at the end:
 *
 *	strbuf_adds(&sb, dir);
 *	strbuf_addch(&sb, '/');
 *	strbuf_adds(&sb, name);
 *	return strbuf_detach(&sb, NULL);	// NULL: out of memory
 *
 * or strbuf_error() before the contents are used.  Checking each call's
 * return value, as older code does, still works.  strbuf_release() (and
 * only it) clears the error.
 */
#ifndef FLOE_STRBUF_H
#define FLOE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "floe/diag.h"

struct strbuf {
	char *buf;
	size_t len, alloc;	/* alloc == 0: buf points at a static "" */
	int failed;		/* an append failed: later ones do nothing */
};

#define STRBUF_INIT { .buf = strbuf_empty, .len = 0, .alloc = 0, .failed = 0 }
extern char strbuf_empty[1];

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/** Empty the contents, keeping the memory (and a sticky error). */
void strbuf_reset(struct strbuf *sb);
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) FLOE_PRINTF(2, 3);
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	FLOE_PRINTF(2, 0);
/**
 * Append src's contents; a failed src fails sb too (the part that could
 * not be built is missing, so the whole is wrong).
 */
int strbuf_addbuf(struct strbuf *sb, const struct strbuf *src);
/** Mark sb failed, as an append that ran out of memory would. */
int strbuf_fail(struct strbuf *sb);
/** -1 if any append since the last release failed, else 0. */
int strbuf_error(const struct strbuf *sb);
/**
 * Hand the buffer to the caller (free() it); the strbuf is reset.  After a
 * failed append the buffer is released instead and NULL is returned.
 */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
