/*
 * verify and check --verify in a statically linked floe-profiles.
 *
 * A static floe-profiles (FLOE_STATIC_EXE: no dynamic loader at start,
 * docs/DESIGN.md "Start-up") cannot load libduckdb.so: glibc does not
 * dlopen() a library that needs the shared C library into a static
 * process.  So it is built with a twin, floe-profiles-verify: the same
 * program linked dynamically.  The commands that load DuckDB run their
 * whole command line again in the twin, once their options are read and
 * before they read or write anything, so that what they print and exit
 * with is the twin's: the same as one dynamic binary's.  As git finds its
 * exec-path, the twin is looked for beside the binary (a build tree), then
 * where `cmake --install` puts it (FLOE_TWIN_REL, LIBEXECDIR/floe-profiles
 * relative to BINDIR).  A dynamic build defines no FLOE_TWIN_NAME and runs
 * everything itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "strbuf.h"

#ifndef FLOE_TWIN_NAME
void cli_save_argv(int argc, char **argv)
{
	(void)argc;
	(void)argv;
}

int cli_run_in_twin(void)
{
	return -1;
}
#else
/*
 * The command line as it came: option parsing moves argv's pointers, and
 * --set NAME=VALUE cuts its string in place.  One block: the pointers,
 * then the strings; NULL if it could not be allocated.
 */
static char **saved_argv;

void cli_save_argv(int argc, char **argv)
{
	size_t size = ((size_t)argc + 1) * sizeof(char *);
	char *p;

	for (int i = 0; i < argc; i++)
		size += strlen(argv[i]) + 1;
	saved_argv = malloc(size);
	if (!saved_argv)
		return;
	p = (char *)(saved_argv + argc + 1);
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		saved_argv[i] = memcpy(p, argv[i], n);
		p += n;
	}
	saved_argv[argc] = NULL;
}

/* The directory of the running binary, into `dir`; 0, or an exit code. */
static int self_dir(struct strbuf *dir)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self));
	char *slash;

	if (n < 0 || (size_t)n >= sizeof(self))
		return cli_error("cannot find %s: /proc/self/exe: %s",
				 FLOE_TWIN_NAME, n < 0 ? strerror(errno) :
				 "the path is too long");
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return cli_error("cannot find %s: /proc/self/exe is '%s'",
				 FLOE_TWIN_NAME, self);
	*slash = '\0';
	return strbuf_adds(dir, self) ? cli_internal(FLOE_ERR_NOMEM) : 0;
}

int cli_run_in_twin(void)
{
	static const char *const rel[] = { "", "/" FLOE_TWIN_REL };
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	int r = saved_argv ? self_dir(&dir) : cli_internal(FLOE_ERR_NOMEM);

	for (size_t i = 0; !r && i < sizeof(rel) / sizeof(rel[0]); i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s/%s", dir.buf, rel[i], FLOE_TWIN_NAME);
		if (strbuf_error(&path))
			r = cli_internal(FLOE_ERR_NOMEM);
		else if (!access(path.buf, X_OK))
			break;
	}
	if (!r && access(path.buf, X_OK))
		r = cli_error("this command runs DuckDB in %s, which is not "
			      "beside this binary nor in %s/%s", FLOE_TWIN_NAME,
			      dir.buf, FLOE_TWIN_REL);
	if (!r) {
		fflush(NULL);
		execv(path.buf, saved_argv);
		r = cli_error("cannot run %s: %s", path.buf, strerror(errno));
	}
	strbuf_release(&dir);
	strbuf_release(&path);
	return r;
}
#endif
