/*
 * arena: a bump allocator whose blocks are freed all at once (internal).
 * The YAML tree is a DAG (aliases share nodes), so per-node ownership
 * would be awkward; the document owns one arena instead.
 */
#ifndef FLOE_ARENA_H
#define FLOE_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/** Zeroed memory aligned for any type, or NULL when memory ran out. */
void *arena_alloc(struct arena *a, size_t size);
/** The same, not zeroed: for memory the caller writes whole at once. */
void *arena_alloc_uninit(struct arena *a, size_t size);
/**
 * Not zeroed, aligned to `align` (a power of two, at most that of any
 * type): for the many small objects of one type whose alignment is less
 * (a tree's nodes, 24 bytes), which would otherwise be padded to 32.
 */
void *arena_alloc_aligned(struct arena *a, size_t size, size_t align);
/** A NUL-terminated copy of `len` bytes, or NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/**
 * Free every allocation, keeping the arena for more, and one block of each
 * chain when it has the usual size (no malloc for the next small use);
 * NULL is fine.
 */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
