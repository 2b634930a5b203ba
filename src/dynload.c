/*
 * dlopen() for verify.  A library stays loaded for the life of the
 * process: unloading a C++ runtime is not safe.
 */
#include <dlfcn.h>

#include "dynload.h"

void *dynload_open(const char *path, const char **why)
{
	void *lib;

	dlerror();
	lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		*why = dlerror();
		if (!*why)
			*why = "dlopen failed";
	}
	return lib;
}

void *dynload_sym(void *lib, const char *name)
{
	return dlsym(lib, name);
}
