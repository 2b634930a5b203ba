#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int alloc_grow(void *slot, size_t size, size_t nr, size_t *alloc)
{
	size_t n = *alloc ? *alloc : 8;
	void *old, *p;

	while (n < nr)
		n = n > SIZE_MAX / 2 ? nr : n * 2;
	if (!size || n > SIZE_MAX / size)
		return -1;
	/*
	 * The slot holds a `T *`; copying it through memcpy() reads and writes
	 * it without pretending it is a `void *` lvalue.
	 */
	memcpy(&old, slot, sizeof(old));
	p = realloc(old, n * size);
	if (!p)
		return -1;
	memcpy(slot, &p, sizeof(p));
	*alloc = n;
	return 0;
}
