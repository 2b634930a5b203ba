/*
 * strbuf: a growable, always NUL-terminated byte buffer (internal).
 *
 * After strbuf_init() `buf` is never NULL.  An append that runs out of
 * memory returns -1 and leaves the contents as they were.
 */
#ifndef FLOE_STRBUF_H
#define FLOE_STRBUF_H

#include <stddef.h>

#include "floe/diag.h"

struct strbuf {
	char *buf;
	size_t len, alloc;	/* alloc == 0: buf points at a static "" */
};

#define STRBUF_INIT { strbuf_empty, 0, 0 }
extern char strbuf_empty[1];

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) FLOE_PRINTF(2, 3);
/** Hand the buffer to the caller (free() it); the strbuf is reset. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
