#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "floe/baseline.h"
#include "floe/config.h"
#include "floe/fileio.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/sql.h"
#include "floe/versions.h"
#include "floe/yaml.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("floe-profiles: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_internal(enum floe_err err)
{
	cli_error("%s", floe_strerror(err));
	return EXIT_INTERNAL;
}

/*
 * Something kept the run from checking all it was given (exit 2): say
 * so on stderr, and keep it for the report, so that a machine format
 * never reads as a clean run.  `file` is borrowed (NULL: no file).
 * Returns EXIT_USAGE, or EXIT_INTERNAL when memory ran out.
 */
int cli_fail(struct floe_diags *failures, const char *file,
	     const char *fmt, ...)
{
	struct floe_loc loc = { file, { 0, 0 }, { 0, 0 } };
	va_list ap;
	int r;

	fputs("floe-profiles: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	va_start(ap, fmt);
	r = floe_diags_vaddf(failures, FLOE_SEV_ERROR, FLOE_RULE_NONE, loc, fmt, ap);
	va_end(ap);
	return r ? cli_internal(FLOE_ERR_NOMEM) : EXIT_USAGE;
}

/*
 * The report's gcc format is the one gcc printer; this adds the count of
 * what the list's cap dropped.
 */
int cli_render_diags(const struct floe_diags *d, char **out, size_t *len)
{
	char *text = NULL, *all;
	size_t n = 0, room;
	int w;

	if (floe_report(FLOE_FORMAT_GCC, d, NULL, &text, &n) != FLOE_OK)
		return -1;
	if (!d->dropped) {
		*out = text;
		*len = n;
		return 0;
	}
	room = n + 80;
	all = realloc(text, room);
	if (!all) {
		free(text);
		return -1;
	}
	w = snprintf(all + n, room - n, "floe-profiles: %zu more diagnostics "
		     "not shown\n", d->dropped);
	*out = all;
	*len = n + (w > 0 && (size_t)w < room - n ? (size_t)w : 0);
	return 0;
}

int print_diags_gcc(const struct floe_diags *d, FILE *f)
{
	char *out;
	size_t len;

	if (cli_render_diags(d, &out, &len))
		return -1;
	fwrite(out, 1, len, f);
	free(out);
	return 0;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v, mul = 1;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end == 'k' || *end == 'K')
		mul = 1024, end++;
	else if (*end == 'M')
		mul = 1024 * 1024, end++;
	else if (*end == 'G')
		mul = 1024 * 1024 * 1024, end++;
	if (*end || !v || v > SIZE_MAX / mul)
		return -1;
	*out = (size_t)(v * mul);
	return 0;
}

int cli_parse_max_size(const char *s, size_t *out)
{
	if (!parse_size(s, out)) {
		/* the most the YAML reader takes: read no more than that */
		if (*out > FLOE_YAML_MAX_BYTES_CEILING)
			*out = FLOE_YAML_MAX_BYTES_CEILING;
		return EXIT_CLEAN;
	}
	return cli_error("--max-size: '%s' is not a size in bytes", s);
}

int cli_parse_set(char *arg, struct floe_platform_var *vars, size_t *nr,
		  size_t max)
{
	char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return cli_error("--set: expected NAME=VALUE, found '%s'", arg);
	for (const char *p = arg; p < eq; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') ||
		      (p > arg && *p >= '0' && *p <= '9')))
			return cli_error("--set: '%.*s' is not a placeholder "
					 "name (a letter or '_', then letters, "
					 "digits and '_')", (int)(eq - arg),
					 arg);
	if (*nr == max)
		return cli_error("--set: at most %zu", max);
	*eq = '\0';
	vars[*nr].name = arg;
	vars[*nr].value = eq + 1;
	(*nr)++;
	return EXIT_CLEAN;
}

int cli_opt_max_size(const struct cli_option *opt, const char *value,
		     void *base)
{
	return cli_parse_max_size(value, (size_t *)(void *)
				  ((char *)base + opt->offset));
}

int cli_opt_dbt_version(const struct cli_option *opt, const char *value,
			void *base)
{
	struct floe_dbt_version *v = (void *)((char *)base + opt->offset);

	if (floe_dbt_version_parse(value, v))
		return cli_error("--dbt-duckdb-version: '%s' is not a release "
				 "from " FLOE_DBT_DUCKDB_OLDEST " to "
				 FLOE_DBT_DUCKDB_LATEST " (X.Y or X.Y.Z)",
				 value);
	return 0;
}

int cli_opt_duckdb_version(const struct cli_option *opt, const char *value,
			   void *base)
{
	unsigned *v = (void *)((char *)base + opt->offset);
	char known[512];

	switch (floe_duckdb_version_parse(value, v)) {
	case FLOE_VERSION_KNOWN:
	case FLOE_VERSION_NEWER:
		return 0;
	default:
		floe_duckdb_versions(known, sizeof(known));
		return cli_error("--%s: '%s' is not a DuckDB release "
				 "floe-profiles knows (%s; a newer X.Y.Z is "
				 "linted as %s)", opt->long_name, value, known,
				 strrchr(known, ' ') ? strrchr(known, ' ') + 1
						     : known);
	}
}

int cli_opt_dbt_duckdb_version(const struct cli_option *opt,
			       const char *value, void *base)
{
	unsigned *v = (void *)((char *)base + opt->offset);

	switch (floe_dbt_duckdb_version_parse(value, v)) {
	case FLOE_VERSION_KNOWN:
	case FLOE_VERSION_NEWER:
		return 0;
	default:
		return cli_error("--%s: '%s' is not a dbt-duckdb release "
				 "floe-profiles knows (" FLOE_DBT_DUCKDB_OLDEST
				 " to " FLOE_DBT_DUCKDB_LATEST ", X.Y or X.Y.Z; "
				 "a newer one is linted as "
				 FLOE_DBT_DUCKDB_LATEST ")", opt->long_name,
				 value);
	}
}

int cli_load_config(const char *path, int no_config, struct floe_config **out,
		    struct floe_diags *problems)
{
	struct floe_diags diags = FLOE_DIAGS_INIT;
	char *found = NULL, *buf = NULL;
	size_t len;
	int errnum, ret = EXIT_CLEAN;
	enum floe_err err;

	*out = NULL;
	if (no_config)
		return EXIT_CLEAN;
	if (!path) {
		found = floe_config_find(".");
		if (!found)
			return errno == ENOMEM ? cli_internal(FLOE_ERR_NOMEM)
					       : EXIT_CLEAN;
		path = found;
	}
	err = floe_read_file(path, 1024 * 1024, &buf, &len, &errnum);
	if (err != FLOE_OK) {
		cli_error("cannot read the configuration '%s': %s", path,
			  err == FLOE_ERR_IO ? floe_io_strerror(errnum)
					     : floe_strerror(err));
		ret = err == FLOE_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE;
		if (problems && found != path) {
			struct floe_loc loc = { path, { 0, 0 }, { 0, 0 } };

			if (floe_diags_addf(problems, FLOE_SEV_ERROR, FLOE_RULE_NONE, loc,
					    "cannot read the configuration: %s",
					    err == FLOE_ERR_IO
					    ? floe_io_strerror(errnum)
					    : floe_strerror(err)) &&
			    ret != EXIT_INTERNAL)
				ret = cli_internal(FLOE_ERR_NOMEM);
		}
		goto out;
	}
	err = floe_config_load(path, buf, len, out, &diags);
	if (err == FLOE_ERR_NOMEM || print_diags_gcc(&diags, stderr)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	if (err != FLOE_OK)
		ret = EXIT_USAGE;
	/* the messages name `path`: only a caller's path outlives us */
	if (ret == EXIT_USAGE && problems && found != path &&
	    floe_diags_move(problems, &diags))
		ret = cli_internal(FLOE_ERR_NOMEM);
out:
	floe_diags_release(&diags);
	free(buf);
	free(found);
	return ret;
}

int cli_print_report(const struct floe_diags *d, const struct cli_report *r)
{
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts ropts;
	char *report = NULL;
	size_t report_len = 0;
	enum floe_err err;
	int ret = 0;

	memset(&ropts, 0, sizeof(ropts));
	ropts.color = cli_use_color(r->format, r->color);
	ropts.tool_version = FLOE_VERSION;
	ropts.rules = &rules;
	ropts.rules_url = r->rules_url ? r->rules_url : FLOE_RULES_URL;
	ropts.files = r->files;
	ropts.nr_files = r->nr_files;
	ropts.failures = r->failures;
	err = floe_report(r->format, d, &ropts, &report, &report_len);
	if (err != FLOE_OK)
		return cli_internal(err);
	if (r->log)
		fwrite(r->log, 1, r->log_len, stderr);
	if (fwrite(report, 1, report_len, stdout) != report_len ||
	    fflush(stdout))
		ret = cli_error("cannot write the report: %s", strerror(errno));
	free(report);
	return ret;
}

void cli_summary(const struct floe_diags *d, size_t files)
{
	cli_summary_baseline(d, files, NULL, 0);
}

void cli_summary_baseline(const struct floe_diags *d, size_t files,
			  const struct floe_baseline *b, size_t hidden)
{
	size_t gone = b ? floe_baseline_unmatched(b) : 0;

	fprintf(stderr, "%zu error%s, %zu warning%s", d->nr_errors,
		d->nr_errors == 1 ? "" : "s", d->nr_warnings,
		d->nr_warnings == 1 ? "" : "s");
	if (d->nr_infos)
		fprintf(stderr, ", %zu info", d->nr_infos);
	fprintf(stderr, " in %zu file%s", files, files == 1 ? "" : "s");
	if (b)
		fprintf(stderr, "; %zu in the baseline not shown", hidden);
	if (gone)
		fprintf(stderr, "; %zu it records %s gone (rewrite it with "
			"--write-baseline)", gone, gone == 1 ? "is" : "are");
	fputc('\n', stderr);
}

/* Length of the next path component of p (p past any '/'). */
static size_t component(const char *p)
{
	return strcspn(p, "/");
}

char *cli_relative_to(const char *path, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir = slash ? strndup(file, (size_t)(slash - file) + 1)
			  : strdup(".");
	char *abs_path = NULL, *abs_dir = NULL, *out = NULL;
	const char *p, *d;
	size_t ups = 0, n;
	int nomem = !dir;

	if (dir) {
		abs_path = realpath(path, NULL);
		nomem = !abs_path && errno == ENOMEM;
	}
	if (abs_path) {
		abs_dir = realpath(dir, NULL);
		nomem = !abs_dir && errno == ENOMEM;
	}
	if (!abs_path || !abs_dir)
		goto out;
	/* skip the components both share */
	p = abs_path + 1;
	d = abs_dir + 1;
	while (*p && *d) {
		size_t lp = component(p), ld = component(d);

		if (lp != ld || strncmp(p, d, lp))
			break;
		p += lp + (p[lp] == '/');
		d += ld + (d[ld] == '/');
	}
	for (const char *q = d; *q; q += component(q) + (q[component(q)] ==
							 '/'))
		ups++;
	n = ups * 3 + strlen(p) + 1;
	out = malloc(n);
	if (!out) {
		nomem = 1;
		goto out;
	}
	out[0] = '\0';
	for (size_t i = 0; i < ups; i++)
		memcpy(out + i * 3, "../", 4);
	memcpy(out + ups * 3, p, strlen(p) + 1);
out:
	free(abs_path);
	free(dir);
	free(abs_dir);
	if (!out)
		errno = nomem ? ENOMEM : ENOENT;
	return out;
}

char *cli_path_under(const char *path, const char *root)
{
	char *abs = realpath(path, NULL);
	size_t n = strlen(root);
	char *out = NULL;
	int nomem = !abs && errno == ENOMEM;

	if (abs && !strncmp(abs, root, n) && abs[n] == '/') {
		out = strdup(abs + n + 1);
		nomem = !out;
	}
	free(abs);
	errno = nomem ? ENOMEM : 0;
	return out;
}

int cli_parse_format(const char *s, enum floe_format *out)
{
	if (!strcmp(s, "auto")) {
		const char *gh = getenv("GITHUB_ACTIONS");

		*out = gh && !strcmp(gh, "true") ? FLOE_FORMAT_GITHUB
						 : FLOE_FORMAT_TEXT;
		return EXIT_CLEAN;
	}
	if (!floe_format_parse(s, out))
		return EXIT_CLEAN;
	return cli_error("--format: '%s' is not one of auto, %s", s,
			 floe_format_names);
}

int cli_parse_color(const char *s, int *out)
{
	if (!strcmp(s, "always"))
		*out = 1;
	else if (!strcmp(s, "never"))
		*out = 0;
	else if (!strcmp(s, "auto"))
		*out = -1;
	else
		return cli_error("--color: '%s' is not auto, always or never",
				 s);
	return EXIT_CLEAN;
}

/* FORCE_COLOR, CLICOLOR_FORCE: set, not empty and not "0". */
static int env_forces(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

int cli_use_color(enum floe_format format, int color)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (format != FLOE_FORMAT_TEXT)
		return 0;	/* never colour a machine format */
	if (color >= 0)
		return color;	/* an explicit flag wins over NO_COLOR */
	if (no && *no)
		return 0;	/* the user's opt-out wins over a CI's force */
	if (env_forces("FORCE_COLOR") || env_forces("CLICOLOR_FORCE"))
		return 1;
	return isatty(STDOUT_FILENO) && term && strcmp(term, "dumb");
}

/*
 * For github annotations and SARIF, file names are made relative to the
 * repository root (the folder holding .git above the current one), which
 * is what GitHub matches them against.  Names outside it stay as given.
 */
int cli_repo_relative(struct floe_diags *d, struct cli_names *n)
{
	char *root = floe_repo_root(".");
	int ret = 0;

	if (!root)
		return errno == ENOMEM ? -1 : 0;
	n->from = calloc(d->nr ? d->nr : 1, sizeof(*n->from));
	n->to = calloc(d->nr ? d->nr : 1, sizeof(*n->to));
	if (!n->from || !n->to) {
		ret = -1;
		goto out;
	}
	for (size_t i = 0; i < d->nr; i++) {
		const char *f = d->items[i].loc.file;
		size_t j;

		if (!f)
			continue;
		for (j = 0; j < n->nr; j++)
			if (n->from[j] == f)
				break;
		if (j == n->nr) {
			n->from[j] = f;
			n->to[j] = cli_path_under(f, root);
			n->nr++;
			if (!n->to[j] && errno == ENOMEM) {
				ret = -1;
				goto out;
			}
		}
		if (n->to[j])
			d->items[i].loc.file = n->to[j];
	}
out:
	free(root);
	return ret;
}

void cli_rename_texts(struct floe_report_file *t, size_t nr,
		      const struct cli_names *n)
{
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < n->nr; j++)
			if (n->from[j] == t[i].name && n->to[j])
				t[i].name = n->to[j];
}

int cli_report_repo_relative(enum floe_format format, struct floe_diags *d,
			     struct floe_diags *failures,
			     struct floe_report_file *t, size_t nr,
			     struct cli_names n[2])
{
	if (format != FLOE_FORMAT_GITHUB && format != FLOE_FORMAT_SARIF &&
	    format != FLOE_FORMAT_GITLAB)
		return 0;
	if (cli_repo_relative(d, &n[0]) ||
	    cli_repo_relative(failures, &n[1]))
		return -1;
	cli_rename_texts(t, nr, &n[0]);
	return 0;
}

void cli_names_release(struct cli_names *n)
{
	for (size_t i = 0; i < n->nr; i++)
		free(n->to[i]);
	free(n->from);
	free(n->to);
}
