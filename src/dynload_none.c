/*
 * What a statically linked floe-profiles has instead of src/dynload.c:
 * glibc cannot load a shared library (libduckdb.so needs the shared C
 * library) into a static process, so nothing is loaded.  The CLI of such
 * a binary runs verify and check --verify in its dynamically linked twin
 * (src/cli/twin.c) and never gets here; a program linking the library
 * this way gets a clear refusal.
 */
#include <stddef.h>

#include "dynload.h"

void *dynload_open(const char *path, const char **why)
{
	(void)path;
	*why = "this program is linked statically and cannot load a shared "
	       "library";
	return NULL;
}

void *dynload_sym(void *lib, const char *name)
{
	(void)lib;
	(void)name;
	return NULL;
}
