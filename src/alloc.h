/*
 * alloc: the one way the library grows an array (internal).
 *
 * Every growable array is a pointer, a count of used items and a count of
 * allocated items.  ALLOC_GROW() makes room for at least `nr` items:
 *
 *	if (ALLOC_GROW(list->items, list->nr + 1, list->alloc))
 *		return FLOE_ERR_NOMEM;
 *	list->items[list->nr++] = item;
 *
 * It evaluates to 0 when there is room (growing by doubling, from 8), and
 * to -1 when memory runs out or `nr * sizeof(*x)` would overflow size_t;
 * on -1 the array and its `alloc` are untouched, so the caller's items
 * stay valid and it only has to report the failure (git's ALLOC_GROW, with
 * the error returned instead of dying).
 */
#ifndef FLOE_ALLOC_H
#define FLOE_ALLOC_H

#include <stddef.h>

/*
 * Grow the array whose pointer is stored at `slot` (any object pointer
 * type) to hold `nr` items of `size` bytes.  Use ALLOC_GROW() for typed
 * arrays; call this directly only for a `void *` array whose item size is
 * known at run time.
 */
int alloc_grow(void *slot, size_t size, size_t nr, size_t *alloc);

#define ALLOC_GROW(x, nr, alloc) \
	((size_t)(nr) <= (alloc) ? 0 \
	 : alloc_grow(&(x), sizeof(*(x)), (size_t)(nr), &(alloc)))

#endif
