#ifndef FLOE_DYNLOAD_H
#define FLOE_DYNLOAD_H

/*
 * Loading a shared library at run time (verify's libduckdb.so), in a file
 * of its own so that a statically linked floe-profiles can leave it out:
 * it links src/dynload_none.c instead, and runs verify in its dynamically
 * linked twin (docs/DESIGN.md, "Start-up").
 */

/**
 * Load the library at `path` (a name without '/' goes through the
 * loader's search path).
 * \return the handle, or NULL with `*why` set to the loader's reason
 *         (static text or the loader's own, valid until the next call).
 */
void *dynload_open(const char *path, const char **why);

/** The address of `name` in a library dynload_open() returned, or NULL. */
void *dynload_sym(void *lib, const char *name);

#endif
