/*
 * Folders as arguments: `lint DIR` and `check DIR` check the profiles
 * files under DIR.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "cli.h"
#include "floe/fileio.h"

/* Folders that hold no profile of the project: git, dbt's output, dbt's
 * installed packages. */
static const char *const skipped[] = { ".git", "target", "dbt_packages" };

static int push(struct cli_paths *p, char *path)
{
	if (!path)
		return -1;
	if (ALLOC_GROW(p->items, p->nr + 1, p->alloc)) {
		free(path);
		return -1;
	}
	p->items[p->nr++] = path;
	return 0;
}

static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	int slash = d && dir[d - 1] == '/';
	char *out = malloc(d + !slash + n + 1);

	if (!out)
		return NULL;
	memcpy(out, dir, d);
	if (!slash)
		out[d++] = '/';
	memcpy(out + d, name, n + 1);
	return out;
}

static int is_profiles(const char *name, const char *const *globs,
		       size_t nr_globs)
{
	if (!strcmp(name, "profiles.yml"))
		return 1;
	for (size_t i = 0; i < nr_globs; i++)
		if (!fnmatch(globs[i], name, 0))
			return 1;
	return 0;
}

/* Collect the profiles files under `dir` into `p` (unsorted). */
static int walk(const char *dir, const char *const *globs, size_t nr_globs,
		struct floe_diags *failures, struct cli_paths *p)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!d && errno == ENOMEM)	/* opendir() allocates */
		return cli_internal(FLOE_ERR_NOMEM);
	if (!d)
		return cli_fail(failures, dir, "cannot read the folder '%s': %s",
				dir, strerror(errno));
	while (!ret && (e = readdir(d))) {
		struct stat st;
		char *path;
		size_t i;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		for (i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++)
			if (!strcmp(e->d_name, skipped[i]))
				break;
		if (i < sizeof(skipped) / sizeof(skipped[0]))
			continue;
		path = join(dir, e->d_name);
		if (!path) {
			ret = cli_internal(FLOE_ERR_NOMEM);
			break;
		}
		/* a link to a folder is not followed: no loops */
		if (lstat(path, &st)) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			ret = walk(path, globs, nr_globs, failures, p);
			free(path);
		} else if (is_profiles(e->d_name, globs, nr_globs) &&
			   !stat(path, &st) && S_ISREG(st.st_mode)) {
			if (push(p, path))
				ret = cli_internal(FLOE_ERR_NOMEM);
		} else {
			free(path);
		}
	}
	closedir(d);
	return ret;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_expand_paths(char **args, int nr, const char *const *globs,
		     size_t nr_globs, struct floe_diags *failures,
		     struct cli_paths *out)
{
	for (int i = 0; i < nr; i++) {
		struct stat st;
		size_t first = out->nr;
		int ret;

		if (strcmp(args[i], "-") && !stat(args[i], &st) &&
		    S_ISDIR(st.st_mode)) {
			ret = walk(args[i], globs, nr_globs, failures, out);
			if (ret)
				return ret;
			/* checking nothing must not look like passing */
			if (out->nr == first)
				return cli_fail(failures, args[i], "no profiles.yml "
						"file under '%s'", args[i]);
			qsort(out->items + first, out->nr - first,
			      sizeof(*out->items), by_name);
		} else if (push(out, strdup(args[i]))) {
			return cli_internal(FLOE_ERR_NOMEM);
		}
	}
	return 0;
}

void cli_paths_release(struct cli_paths *p)
{
	for (size_t i = 0; i < p->nr; i++)
		free(p->items[i]);
	free(p->items);
	p->items = NULL;
	p->nr = p->alloc = 0;
}

int cli_read_input(const char *path, const char *name, size_t max,
		   char **buf, size_t *len)
{
	int errnum;
	enum floe_err err = floe_read_file(path, max, buf, len, &errnum);

	if (err == FLOE_ERR_IO)
		return cli_error("cannot read '%s': %s", name,
				 floe_io_strerror(errnum));
	if (err == FLOE_ERR_TOO_BIG)
		return cli_error("'%s' is larger than %zu bytes (raise it with "
				 "--max-size)", name, max);
	if (err != FLOE_OK)
		return cli_internal(err);
	return EXIT_CLEAN;
}
