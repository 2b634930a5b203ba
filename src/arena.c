#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
};

#define BLOCK_SIZE 16384

/*
 * The test mode (tests/oom/README.md): built with FLOE_ARENA_ONE_MALLOC,
 * every allocation is a block of its own, one malloc each, so that the
 * allocation-failure walk fails each one and not only the block it would
 * have been carved from.  A constant, so the normal build pays nothing.
 */
#ifdef FLOE_ARENA_ONE_MALLOC
#define ONE_MALLOC 1
#else
#define ONE_MALLOC 0
#endif

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void *arena_alloc_uninit(struct arena *a, size_t size)
{
	size_t align = alignof(max_align_t);
	struct block *b = a->head;
	size_t asked = size;
	void *p;

	if (size > (size_t)-1 / 2)
		return NULL;
	size = (size + align - 1) & ~(align - 1);
	if (b) {	/* after packed text, align again */
		size_t used = (b->used + align - 1) & ~(align - 1);

		b->used = used < b->size ? used : b->size;
	}
	if (ONE_MALLOC || !b || b->size - b->used < size) {
		size_t bsize = ONE_MALLOC ? asked :
			       size > BLOCK_SIZE ? size : BLOCK_SIZE;

		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += ONE_MALLOC ? asked : size;	/* the test mode's: full */
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_uninit(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	struct block *b = a->head;
	char *p;

	/* text needs no alignment: packed, not rounded up to max_align_t */
	if (len >= (size_t)-1 / 2)
		return NULL;
	if (ONE_MALLOC || !b || b->size - b->used < len + 1) {
		p = arena_alloc(a, len + 1);
		if (p)	/* it lies in the new head: give back the rounding */
			a->head->used = (size_t)((unsigned char *)p -
						 a->head->data) + len + 1;
	} else {
		p = (char *)b->data + b->used;
		b->used += len + 1;
	}
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_free(struct arena *a)
{
	struct block *b;

	if (!a)
		return;
	b = a->head;
	while (b) {
		struct block *next = b->next;

		free(b);
		b = next;
	}
	free(a);
}
