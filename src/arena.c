#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

/*
 * Two chains: `head` for memory aligned for any type, `text` for strings,
 * packed byte after byte.  Kept apart so that a string never leaves an
 * aligned allocation padding behind it: a tree allocates a node, then its
 * text, then the next node, and in one chain each string cost up to 15
 * bytes of padding (5 MB of the peak of a 10 MB generated profile).
 */
struct arena {
	struct block *head;
	struct block *text;
};

/*
 * A chain's first block is FIRST_BLOCK bytes and each next one twice the
 * one before, up to BLOCK_SIZE: most documents are small, and a lint
 * holds four arenas (the tree's, the profile model's, the rules', the
 * readings'), each with two chains, so that a small file touches little
 * memory.
 */
#define FIRST_BLOCK 1024
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

/*
 * Under AddressSanitizer a block kept by arena_reset() is poisoned, and
 * each allocation carved from it unpoisoned: a pointer kept past the
 * reset reads memory ASan reports, as it would a freed block.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

/*
 * A new block of at least `size` bytes in *chain: at its front, or, for
 * one larger than the chain's next block, behind the front block, whose
 * room is kept for the allocations that follow.
 */
static struct block *new_block(struct block **chain, size_t size)
{
	size_t grow = !*chain ? FIRST_BLOCK
		      : (*chain)->size < BLOCK_SIZE / 2 ? 2 * (*chain)->size
		      : BLOCK_SIZE;
	size_t bsize = ONE_MALLOC || size > grow ? size : grow;
	struct block *b = malloc(sizeof(*b) + bsize);

	if (!b)
		return NULL;
	b->used = 0;
	b->size = bsize;
	if (*chain && size > grow) {
		b->next = (*chain)->next;
		(*chain)->next = b;
	} else {
		b->next = *chain;
		*chain = b;
	}
	return b;
}

void *arena_alloc_aligned(struct arena *a, size_t size, size_t align)
{
	struct block *b = a->head;
	size_t at = 0;
	void *p;

	if (size > (size_t)-1 / 2)
		return NULL;
	if (b)
		at = (b->used + align - 1) & ~(align - 1);
	if (!ONE_MALLOC && b && at <= b->size && b->size - at >= size) {
		b->used = at + size;
	} else {
		b = new_block(&a->head, size);
		if (!b)
			return NULL;
		at = 0;
		/* a block made for this one is full (the test mode's are) */
		b->used = b == a->head && !ONE_MALLOC ? size : b->size;
	}
	p = b->data + at;
	UNPOISON(p, size);
	return p;
}

void *arena_alloc_uninit(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, alignof(max_align_t));
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
	struct block *b = a->text;
	char *p;

	if (len >= (size_t)-1 / 2)
		return NULL;
	if (ONE_MALLOC || !b || b->size - b->used < len + 1) {
		b = new_block(&a->text, len + 1);
		if (!b)
			return NULL;
	}
	p = (char *)b->data + b->used;
	b->used += len + 1;
	UNPOISON(p, len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void free_chain(struct block *b)
{
	while (b) {
		struct block *next = b->next;

		free(b);
		b = next;
	}
}

/* Free a chain but its front block, unless that one was made for one
 * large allocation: an arena emptied after each of many small uses does
 * not malloc again. */
static struct block *keep_front(struct block *b)
{
	if (!b || ONE_MALLOC || b->size > BLOCK_SIZE) {
		free_chain(b);
		return NULL;
	}
	free_chain(b->next);
	b->next = NULL;
	b->used = 0;
	POISON(b->data, b->size);
	return b;
}

void arena_reset(struct arena *a)
{
	if (!a)
		return;
	a->head = keep_front(a->head);
	a->text = keep_front(a->text);
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	free_chain(a->head);
	free_chain(a->text);
	free(a);
}
