/*
 * floe-profiles lint and check.
 *
 * lint reports what will break when dbt-duckdb connects with a profile;
 * check is the CI pre-deploy gate: lint with the platform cross-checks
 * (drift from what generate writes) always on, the dbt project's sources
 * held against the profile and the platform, in one report.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "floe/baseline.h"
#include "floe/config.h"
#include "floe/diff.h"
#include "floe/fileio.h"
#include "floe/fix.h"
#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/report.h"
#include "floe/verify.h"
#include "strbuf.h"

#define MAX_PLATFORMS 32
#define MAX_SETS 64

struct platform_arg {
	const char *target;		/* NULL: every other output */
	const char *path;
	char *buf;
	struct floe_platform *platform;
};

struct lint_args {
	int check;			/* the check command */
	const char *format_name;	/* --format, parsed after the others */
	enum floe_format format;
	int color;			/* -1 auto, 0 never, 1 always */
	const char *target, *catalog, *config, *stdin_name, *project, *alias;
	const char *rules_url;
	const char *baseline, *write_baseline;
	const char *catalog_flavor;	/* --catalog-flavor */
	struct platform_arg platforms[MAX_PLATFORMS];
	size_t nr_platforms;
	struct floe_platform_var sets[MAX_SETS];	/* --set */
	size_t nr_sets;
	int use_env, no_config, strict, exit_zero, quiet;
	int verify, offline;
	int fix, diff, unsafe_fixes;	/* lint --fix, --diff */
	const char *duckdb;
	size_t max;
	unsigned duckdb_version, dbt_duckdb_version;	/* 0: not given */
};

static int add_platform(struct lint_args *a, char *arg)
{
	char *eq = strchr(arg, '=');
	struct platform_arg *p;

	if (a->nr_platforms == MAX_PLATFORMS)
		return cli_error("--platform: at most %d", MAX_PLATFORMS);
	p = &a->platforms[a->nr_platforms];
	/* TARGET=FILE, unless the '=' belongs to a path ("./a=b.yaml") */
	if (eq && eq != arg && !memchr(arg, '/', (size_t)(eq - arg))) {
		if (!a->check)
			return cli_error("--platform: lint takes one platform "
					 "file; pairing outputs with platforms "
					 "(TARGET=FILE) is check's");
		*eq = '\0';
		p->target = arg;
		p->path = eq + 1;
	} else {
		p->path = arg;
	}
	for (size_t i = 0; i < a->nr_platforms; i++) {
		const char *t = a->platforms[i].target;

		if ((!t && !p->target) ||
		    (t && p->target && !strcmp(t, p->target)))
			return cli_error("--platform: more than one platform "
					 "for %s%s%s", p->target ? "target '"
					 : "the other outputs",
					 p->target ? p->target : "",
					 p->target ? "'" : "");
	}
	a->nr_platforms++;
	return EXIT_CLEAN;
}

static int opt_platform(const struct cli_option *opt, const char *value,
			void *base)
{
	struct lint_args *a = base;

	(void)opt;
	if (!a->check && a->nr_platforms)
		return cli_error("lint takes one --platform; check pairs "
				 "several with outputs");
	return add_platform(a, (char *)(uintptr_t)value);	/* argv's */
}

static int opt_set(const struct cli_option *opt, const char *value,
		   void *base)
{
	struct lint_args *a = base;

	(void)opt;
	return cli_parse_set((char *)(uintptr_t)value, a->sets, &a->nr_sets,
			     MAX_SETS);
}

static int opt_color(const struct cli_option *opt, const char *value,
		     void *base)
{
	(void)opt;
	return cli_parse_color(value, &((struct lint_args *)base)->color);
}

/* lint knows check's own options only to point at check. */
static int opt_check_only(const struct cli_option *opt, const char *value,
			  void *base)
{
	(void)value;
	(void)base;
	if (!strcmp(opt->long_name, "project"))
		return cli_error("--project belongs to 'floe-profiles check'");
	return cli_error("--%s belongs to 'floe-profiles check' (or use "
			 "'floe-profiles verify')", opt->long_name);
}

#define A struct lint_args
#define LINT_COMMON_OPTIONS \
	OPT_STRING(0, "format", A, format_name, "FORMAT", \
		   "auto (default), text, gcc, json, sarif, github,\n" \
		   "gitlab, junit, checkstyle; auto is github when\n" \
		   "GITHUB_ACTIONS=true, else text", CLI_FORMAT_VALUES), \
	OPT_STRING(0, "rules-url", A, rules_url, "URL", \
		   "SARIF helpUri base: URL#fpnnn (default: the\n" \
		   "project's docs/rules.md)", NULL), \
	OPT_CALLBACK(0, "color", "WHEN", \
		     "auto (default), always, never (text format only;\n" \
		     "NO_COLOR turns auto off)", opt_color, \
		     CLI_COLOR_VALUES), \
	OPT_STRING(0, "target", A, target, "NAME", \
		   "only the output NAME of each profile", NULL), \
	OPT_BOOL(0, "env", A, use_env, \
		 "render env_var() from the environment, not defaults"), \
	OPT_STRING(0, "config", A, config, "FILE", \
		   "use this configuration file", "@file"), \
	OPT_BOOL(0, "no-config", A, no_config, \
		 "use no configuration file"), \
	OPT_STRING(0, "stdin-filename", A, stdin_name, "NAME", \
		   "the name to report for -", NULL), \
	OPT_BOOL(0, "fix", A, fix, \
		 "rewrite the files with the safe fixes of the findings"), \
	OPT_BOOL(0, "diff", A, diff, \
		 "print the fixes as a unified diff instead (exit 1\n" \
		 "when there is one)"), \
	OPT_BOOL(0, "unsafe-fixes", A, unsafe_fixes, \
		 "with --fix or --diff, the unsafe fixes too"), \
	OPT_BOOL(0, "strict", A, strict, "warnings fail too (exit 1)"), \
	OPT_BOOL(0, "exit-zero", A, exit_zero, \
		 "exit 0 even with findings (gradual roll-out)"), \
	OPT_BOOL('q', "quiet", A, quiet, "no summary line"), \
	OPT_STRING(0, "baseline", A, baseline, "FILE", \
		   "the findings FILE records neither count nor show", \
		   "@file"), \
	OPT_STRING(0, "write-baseline", A, write_baseline, "FILE", \
		   "record every finding in FILE (- for stdout),\n" \
		   "written atomically, and exit 0", "@file"), \
	OPT_CALLBACK_AT(0, "max-size", A, max, size_t, "BYTES", \
			"largest input accepted (default: 1M)", \
			cli_opt_max_size, NULL), \
	OPT_CALLBACK_AT(0, "duckdb-version", A, duckdb_version, unsigned, \
			"X.Y.Z", "lint for this DuckDB release (default: the\n" \
			"configuration's, else the newest known)", \
			cli_opt_duckdb_version, NULL), \
	OPT_CALLBACK_AT(0, "dbt-duckdb-version", A, dbt_duckdb_version, \
			unsigned, "X.Y[.Z]", "lint for this dbt-duckdb release " \
			"(default: the\nconfiguration's, else the newest known)", \
			cli_opt_dbt_duckdb_version, NULL), \
	OPT_HELP(), \
	OPT_END()

/* --catalog-flavor (lint, check, sql): one of the engine's flavor names */
int cli_opt_catalog_flavor(const struct cli_option *opt, const char *value,
			   void *base)
{
	const char *const *names = floe_catalog_flavor_names();
	const char **to = (void *)((char *)base + opt->offset);

	struct strbuf list = STRBUF_INIT;
	int r;

	for (size_t i = 0; names[i]; i++)
		if (!strcmp(names[i], value)) {
			*to = value;
			return EXIT_CLEAN;
		}
	for (size_t i = 0; names[i]; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", names[i]);
	if (strbuf_error(&list))
		return cli_internal(FLOE_ERR_NOMEM);
	r = cli_error("--catalog-flavor: unknown flavor '%s' (%s)", value,
		      list.buf);
	strbuf_release(&list);
	return r;
}

#define LINT_ALIAS_OPTIONS \
	OPT_CALLBACK_AT(0, "catalog-flavor", A, catalog_flavor, const char *, \
			"NAME", "the catalog server of every iceberg attach\n" \
			"(default: recognised per attach)", \
			cli_opt_catalog_flavor, CLI_FLAVOR_VALUES), \
	OPT_STRING(0, "catalog", A, catalog, "NAME", \
		   "the platform catalog (default: 'default' or the only " \
		   "one)", NULL), \
	OPT_STRING(0, "alias", A, alias, "NAME", \
		   "the attach alias generate writes (default: the\n" \
		   "configuration's, else polaris_catalog)", NULL)

static const struct cli_option lint_options[] = {
	OPT_CALLBACK(0, "platform", "FILE",
		     "hold the profiles against this platform.yaml\n"
		     "(or manifest.yaml)", opt_platform, "@file"),
	OPT_CALLBACK(0, "set", "NAME=VALUE",
		     "fill the manifest's {NAME} placeholders", opt_set, NULL),
	LINT_ALIAS_OPTIONS,
	OPT_CALLBACK_F(0, "project", "DIR", "", CLI_OPT_HIDDEN,
		       opt_check_only, NULL),
	OPT_CALLBACK_F(0, "verify", NULL, "", CLI_OPT_HIDDEN | CLI_OPT_NOARG,
		       opt_check_only, NULL),
	OPT_CALLBACK_F(0, "duckdb", "PATH", "", CLI_OPT_HIDDEN,
		       opt_check_only, NULL),
	OPT_CALLBACK_F(0, "offline", NULL, "", CLI_OPT_HIDDEN | CLI_OPT_NOARG,
		       opt_check_only, NULL),
	LINT_COMMON_OPTIONS
};

static const struct cli_option check_options[] = {
	OPT_CALLBACK(0, "platform", "FILE",
		     "the platform.yaml (or manifest.yaml) the profiles\n"
		     "must match", opt_platform, "@file"),
	OPT_ALSO("platform", "TARGET=FILE",
		 "pair an output with its environment's platform;\n"
		 "repeat it (a plain FILE covers the other outputs)"),
	OPT_CALLBACK(0, "set", "NAME=VALUE",
		     "fill the manifests' {NAME} placeholders; repeat it",
		     opt_set, NULL),
	LINT_ALIAS_OPTIONS,
	OPT_STRING(0, "project", A, project, "DIR",
		   "the dbt project (dbt_project.yml, models/**/*.yml)", "@dir"),
	OPT_BOOL(0, "verify", A, verify,
		 "also run the connection sequence on a real DuckDB\n"
		 "(as floe-profiles verify does)"),
	OPT_STRING(0, "duckdb", A, duckdb, "PATH",
		   "libduckdb.so for --verify (default: $FLOE_DUCKDB_LIB,\n"
		   "then the loader's search path)", "@file"),
	OPT_BOOL(0, "offline", A, offline, "--verify downloads no extension"),
	LINT_COMMON_OPTIONS
};
#undef A

#define LINT_FOOTER \
	"exit status: 0 no error-level findings, 1 findings (warnings too " \
	"with --strict),\n" \
	"2 usage, configuration or I/O error, 3 internal error\n"

const struct cli_usage lint_usage = {
	"lint",
	"usage: floe-profiles lint [options] PROFILES.yml|DIR... (- for stdin)\n",
	"Report what will break when dbt-duckdb connects with these "
	"profiles.\n"
	"A folder stands for the profiles.yml files under it.\n",
	lint_options,
	LINT_FOOTER
};

const struct cli_usage check_usage = {
	"check",
	"usage: floe-profiles check --platform [TARGET=]PLATFORM.yaml... "
	"[options]\n"
	"                           PROFILES.yml|DIR...\n",
	"The CI pre-deploy gate: every lint rule with the platform "
	"cross-checks on\n"
	"(drift from what generate writes), and with --project the dbt "
	"project's\n"
	"sources held against the profile and the platform, in one report.\n",
	check_options,
	LINT_FOOTER
};

static int parse_args(int argc, char **argv, struct lint_args *a, int check,
		      int *nr_args)
{
	const struct cli_usage *usage = check ? &check_usage : &lint_usage;
	int r;

	memset(a, 0, sizeof(*a));
	a->check = check;
	a->color = -1;
	a->max = FLOE_YAML_MAX_BYTES;
	a->format_name = "auto";
	r = parse_options(argc, argv, usage, a, nr_args);
	if (r)
		return r;
	if (cli_parse_format(a->format_name, &a->format))
		return EXIT_USAGE;
	if (a->config && a->no_config)
		return cli_error("--config and --no-config exclude each other");
	if (!*nr_args) {
		r = cli_error("no profiles file given");
		cli_usage_print(usage, stderr);
		return r;
	}
	if (check && !a->nr_platforms) {
		r = cli_error("check needs --platform PLATFORM.yaml");
		cli_usage_print(usage, stderr);
		return r;
	}
	if (a->catalog && !a->nr_platforms)
		return cli_error("--catalog needs --platform");
	if (a->nr_sets && !a->nr_platforms)
		return cli_error("--set needs --platform");
	if ((a->duckdb || a->offline) && !a->verify)
		return cli_error("--duckdb and --offline go with --verify");
	if (a->fix && a->diff)
		return cli_error("--fix and --diff exclude each other (--diff "
				 "shows what --fix would write)");
	if (a->unsafe_fixes && !a->fix && !a->diff)
		return cli_error("--unsafe-fixes goes with --fix or --diff");
	if (a->fix)
		for (int i = 0; i < *nr_args; i++)
			if (!strcmp(argv[i], "-"))
				return cli_error("--fix cannot rewrite standard "
						 "input; use --diff");
	if (a->alias && !floe_is_identifier(a->alias))
		return cli_error("--alias: '%s' cannot follow ATTACH ... AS "
				 "unquoted: use letters, digits and '_', not a "
				 "DuckDB keyword", a->alias);
	/* last, before anything is read: a static binary runs DuckDB in its
	 * dynamic twin, with this whole command line (src/cli/twin.c) */
	if (a->verify) {
		r = cli_run_in_twin();
		if (r >= 0)
			return r;
	}
	return EXIT_CLEAN;
}

/*
 * Load one --platform; prints and returns an exit code on failure, and
 * for EXIT_USAGE records why in `failures`.
 */
static int load_platform(const struct lint_args *a, struct platform_arg *pa,
			 struct floe_diags *diags, struct floe_diags *failures)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_platform_options popt = { &lim, a->sets, a->nr_sets };
	size_t len;
	int errnum;
	enum floe_err err;

	lim.max_bytes = a->max;
	err = floe_read_file(pa->path, a->max, &pa->buf, &len, &errnum);
	if (err == FLOE_ERR_IO)
		return cli_fail(failures, pa->path, "cannot read '%s': %s",
				pa->path, floe_io_strerror(errnum));
	if (err == FLOE_ERR_TOO_BIG)
		return cli_fail(failures, pa->path, "'%s' is larger than %zu bytes "
				"(raise it with --max-size)", pa->path, a->max);
	if (err != FLOE_OK) {
		return cli_internal(err);
	}
	err = floe_platform_load_opts(pa->path, pa->buf, len, &popt,
				      &pa->platform, diags);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG) {
		if (print_diags_gcc(diags, stderr))
			return cli_internal(FLOE_ERR_NOMEM);
		/* its errors say where the platform file is broken */
		for (size_t i = 0; i < diags->nr; i++)
			if (diags->items[i].severity == FLOE_SEV_ERROR &&
			    floe_diags_addf(failures, FLOE_SEV_ERROR, FLOE_RULE_NONE,
					    diags->items[i].loc, "%s",
					    diags->items[i].message))
				return cli_internal(FLOE_ERR_NOMEM);
		return cli_fail(failures, pa->path, "the platform file '%s' has "
				"errors", pa->path);
	}
	if (err != FLOE_OK) {
		return cli_internal(err);
	}
	if (a->catalog && !floe_platform_catalog(pa->platform, a->catalog))
		return cli_fail(failures, pa->path, "--catalog: '%s' has no "
				"catalog named '%s'", pa->path, a->catalog);
	if (!a->catalog && !floe_platform_catalog(pa->platform, "default") &&
	    pa->platform->nr_catalogs != 1)
		/* checking nothing must not look like passing */
		return cli_fail(failures, pa->path, "'%s' has %zu catalogs and none "
				"is named 'default'; choose one with --catalog",
				pa->path, pa->platform->nr_catalogs);
	/* its warnings are about the platform file: shown, not counted */
	if (!a->quiet && print_diags_gcc(diags, stderr))
		return cli_internal(FLOE_ERR_NOMEM);
	floe_diags_release(diags);
	return EXIT_CLEAN;
}

/* check --platform TARGET=FILE: the platform of one output. */
static const struct floe_platform *platform_for(const char *output, void *arg)
{
	const struct lint_args *a = arg;

	for (size_t i = 0; i < a->nr_platforms; i++)
		if (a->platforms[i].target &&
		    !strcmp(a->platforms[i].target, output))
			return a->platforms[i].platform;
	for (size_t i = 0; i < a->nr_platforms; i++)
		if (!a->platforms[i].target)
			return a->platforms[i].platform;
	return NULL;
}


/* Does any profile of the loaded files have an output named `name`? */
static int has_output(struct floe_profiles *const *models, size_t n,
		      const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (floe_profiles_has_output(models[i], name))
			return 1;
	return 0;
}

/*
 * check --verify: run one file's connection sequence on a real DuckDB
 * (floe_verify) into `out`, which floe_lint then merges with its own
 * findings, so that levels, suppressions and de-duplication treat them
 * alike.  A file without the --target output gives nothing.
 */
static int verify_one(const struct lint_args *a,
		      const struct floe_profiles *model,
		      struct floe_verify_log *log, struct floe_diags *out,
		      struct floe_diags *failures)
{
	struct floe_verify_options vopt;
	enum floe_err err;

	memset(&vopt, 0, sizeof(vopt));
	vopt.duckdb = a->duckdb;
	vopt.offline = a->offline;
	vopt.log = log;
	err = floe_verify_profiles(model, &vopt, out);
	if (err == FLOE_ERR_IO) {
		int r = cli_fail(failures, NULL, "--verify: %s", log->error ?
				 log->error : "cannot load DuckDB");

		fprintf(stderr, "%s\n", floe_verify_hint());
		return r;
	}
	if (err == FLOE_ERR_USAGE) {
		floe_diags_release(out);	/* no such output here */
		return EXIT_CLEAN;
	}
	if (err != FLOE_OK) {
		return cli_internal(err);
	}
	return EXIT_CLEAN;
}

struct fix_totals {
	size_t applied;		/* fixes applied (or, with --diff, to apply) */
	size_t files;		/* files they change */
	int unconverged;	/* a file still had fixes after the last pass */
};

/*
 * lint --fix / --diff: apply the fixes of one file, pass after pass
 * (floe_fix_file).  --fix writes the file atomically, as generate -o
 * does, and *buf becomes the fixed text, which is then linted and
 * reported; --diff prints the unified diff (secrets masked) on stdout
 * and leaves *buf alone.
 */
static int fix_one(const struct lint_args *a, const char *path,
		   const char *name, char **buf, size_t *len,
		   const struct floe_profiles_options *popt,
		   const struct floe_lint_options *opt, struct fix_totals *t,
		   struct floe_diags *failures)
{
	struct floe_fix_result res;
	enum floe_err err;
	int errnum, ret = EXIT_CLEAN;

	memset(&res, 0, sizeof(res));
	err = floe_fix_file(name, *buf, *len, popt, opt, a->unsafe_fixes,
			    &res);
	if (err == FLOE_ERR_TOO_BIG)
		return EXIT_CLEAN;	/* FP001 says so when it is linted */
	if (err != FLOE_OK)
		return cli_internal(err);
	if (!res.converged)
		t->unconverged = 1;
	if (res.len == *len && !memcmp(res.buf, *buf, *len)) {
		free(res.buf);
		return EXIT_CLEAN;
	}
	t->applied += res.applied;
	t->files++;
	if (a->diff) {
		char *diff = NULL;
		size_t diff_len = 0;

		err = floe_diff(name, *buf, *len, name, res.buf, res.len,
				&diff, &diff_len);
		if (err != FLOE_OK)
			ret = cli_internal(err);
		else if (fwrite(diff, 1, diff_len, stdout) != diff_len)
			ret = cli_error("cannot write the diff: %s",
					strerror(errno));
		free(diff);
		free(res.buf);
		return ret;
	}
	err = floe_write_atomic(path, res.buf, res.len, &errnum);
	if (err == FLOE_ERR_IO) {
		t->applied -= res.applied;
		t->files--;
		free(res.buf);
		return cli_fail(failures, name, "cannot write '%s': %s", name,
				floe_io_strerror(errnum));
	}
	if (err != FLOE_OK) {
		free(res.buf);
		return cli_internal(err);
	}
	free(*buf);
	*buf = res.buf;
	*len = res.len;
	return EXIT_CLEAN;
}

/*
 * check with only TARGET=FILE pairings: the first output (of --target,
 * or any) that no platform covers, copied into buf; 0 when all are.
 */
static int unpaired_output(const struct lint_args *a,
			   struct floe_profiles *const *models, size_t n,
			   const char **name)
{
	for (size_t i = 0; i < a->nr_platforms; i++)
		if (!a->platforms[i].target)
			return 0;	/* a plain --platform covers the rest */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < models[i]->nr; j++) {
			const struct floe_profile *p = &models[i]->items[j];

			for (size_t k = 0; k < p->nr_outputs; k++) {
				const char *o = p->output_items[k].name;

				if (a->target && strcmp(o, a->target))
					continue;
				if (!platform_for(o, (void *)a)) {
					*name = o;
					return 1;
				}
			}
		}
	return 0;
}

/* --baseline: read it before anything runs; a broken one is exit 2. */
static int load_baseline(const struct lint_args *a,
			 struct floe_baseline **out,
			 struct floe_diags *failures)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *buf = NULL;
	size_t len;
	int errnum, ret = EXIT_CLEAN;
	enum floe_err err;

	err = floe_read_file(a->baseline, a->max, &buf, &len, &errnum);
	if (err == FLOE_ERR_IO)
		return cli_fail(failures, a->baseline, "--baseline: cannot "
				"read '%s': %s", a->baseline,
				floe_io_strerror(errnum));
	if (err == FLOE_ERR_TOO_BIG)
		return cli_fail(failures, a->baseline, "--baseline: '%s' is "
				"larger than %zu bytes (raise it with "
				"--max-size)", a->baseline, a->max);
	if (err != FLOE_OK)
		return cli_internal(err);
	err = floe_baseline_parse(a->baseline, buf, len, out, &d);
	free(buf);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG) {
		if (print_diags_gcc(&d, stderr)) {
			floe_diags_release(&d);
			return cli_internal(FLOE_ERR_NOMEM);
		}
		for (size_t i = 0; i < d.nr; i++)
			if (d.items[i].severity == FLOE_SEV_ERROR &&
			    floe_diags_addf(failures, FLOE_SEV_ERROR,
					    FLOE_RULE_NONE, d.items[i].loc, "%s",
					    d.items[i].message)) {
				floe_diags_release(&d);
				return cli_internal(FLOE_ERR_NOMEM);
			}
		ret = cli_fail(failures, a->baseline, "--baseline: '%s' is not "
			       "a baseline that --write-baseline wrote",
			       a->baseline);
	} else if (err != FLOE_OK) {
		ret = cli_internal(err);
	}
	floe_diags_release(&d);
	return ret;
}

/*
 * The fingerprints of the findings (floe_report_fingerprints(), which
 * SARIF's partialFingerprints print), with every file named from the
 * repository root whatever the format, so that a baseline matches from
 * any folder and in every format; and with --write-baseline the
 * baseline's text.  The names are given back before returning.
 */
static int fingerprint(const struct lint_args *a, struct floe_diags *d,
		       struct floe_report_file *texts, size_t files,
		       struct floe_fingerprint **fp, char **bl, size_t *bl_len)
{
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct cli_names names = { NULL, NULL, 0 };
	struct floe_report_opts ropts;
	const char **orig = calloc(d->nr + 1, sizeof(*orig));
	const char **orig_t = calloc(files + 1, sizeof(*orig_t));
	enum floe_err err = FLOE_ERR_NOMEM;

	if (!orig || !orig_t)
		goto out;
	for (size_t i = 0; i < d->nr; i++)
		orig[i] = d->items[i].loc.file;
	for (size_t i = 0; i < files; i++)
		orig_t[i] = texts[i].name;
	/* half-renamed findings would give wrong fingerprints */
	if (cli_repo_relative(d, &names))
		goto restore;
	cli_rename_texts(texts, files, &names);
	memset(&ropts, 0, sizeof(ropts));
	ropts.rules = &rules;
	ropts.files = texts;
	ropts.nr_files = files;
	err = floe_report_fingerprints(d, &ropts, fp);
	if (err == FLOE_OK && a->write_baseline) {
		err = floe_report_baseline(d, &ropts, bl, bl_len);
		if (err != FLOE_OK) {
			free(*fp);
			*fp = NULL;
		}
	}
restore:
	for (size_t i = 0; i < d->nr; i++)
		d->items[i].loc.file = orig[i];
	for (size_t i = 0; i < files; i++)
		texts[i].name = orig_t[i];
	cli_names_release(&names);
out:
	free(orig);
	free(orig_t);
	return err == FLOE_OK ? EXIT_CLEAN : cli_internal(err);
}

/* --write-baseline FILE: atomically, as generate -o; "-" is stdout. */
static int write_baseline(const struct lint_args *a,
			  const struct floe_diags *d, const char *bl,
			  size_t len)
{
	size_t n = d->nr_errors + d->nr_warnings + d->nr_infos;
	int errnum;
	enum floe_err err;

	if (!strcmp(a->write_baseline, "-")) {
		if (fwrite(bl, 1, len, stdout) != len || fflush(stdout))
			return cli_error("cannot write to standard output: %s",
					 strerror(errno));
	} else {
		err = floe_write_atomic(a->write_baseline, bl, len, &errnum);
		if (err == FLOE_ERR_IO)
			return cli_error("cannot write '%s': %s",
					 a->write_baseline,
					 floe_io_strerror(errnum));
		if (err != FLOE_OK)
			return cli_internal(err);
	}
	if (!a->quiet)
		fprintf(stderr, "floe-profiles: recorded %zu finding%s in "
			"%s\n", n, n == 1 ? "" : "s",
			strcmp(a->write_baseline, "-") ? a->write_baseline
						       : "the baseline");
	return EXIT_CLEAN;
}

/*
 * The dbt project's files with findings join the report's files, so that
 * their fingerprints (SARIF, gitlab, a baseline) come from their lines, as
 * a profile's do, and survive unrelated edits.  Borrowed from `project`.
 */
/* "cannot read 'name' again": its text changed or cannot be read */
static int fail_reread(struct floe_diags *failures, const char *name,
		       const struct floe_text *t)
{
	return cli_fail(failures, name, "cannot read '%s' again: %s", name,
			floe_io_strerror(t ? t->errnum : EIO));
}

/*
 * Before the report: the models of the files read in blocks are freed
 * (the report reads only the findings and the texts), then the text of
 * each such file that a finding is reported in is read again, for the
 * lines the fingerprints hash.  Returns EXIT_INTERNAL when memory ran out.
 */
static int hold_texts(struct floe_text **srcs, const bool *unread,
		      struct floe_profiles **models,
		      struct floe_report_file *texts, size_t files,
		      const struct floe_diags *diags,
		      struct floe_diags *failures)
{
	for (size_t i = 0; srcs && i < files; i++) {
		bool found = false;

		/* one that failed already was said, its findings dropped */
		if (!srcs[i] || !floe_text_streamed(srcs[i]) || unread[i])
			continue;
		floe_profiles_free(models[i]);
		models[i] = NULL;
		for (size_t j = 0; j < diags->nr && !found; j++)
			found = diags->items[j].loc.file &&
				!strcmp(diags->items[j].loc.file,
					texts[i].name);
		if (!found)
			continue;
		switch (floe_text_hold(srcs[i])) {
		case FLOE_OK:
			texts[i].buf = srcs[i]->buf;
			texts[i].len = srcs[i]->len;
			break;
		case FLOE_ERR_NOMEM:
			return cli_internal(FLOE_ERR_NOMEM);
		default:
			if (fail_reread(failures, texts[i].name, srcs[i]) ==
			    EXIT_INTERNAL)
				return EXIT_INTERNAL;
		}
	}
	return 0;
}

static int add_project_texts(const struct floe_project *project,
			     struct floe_report_file **texts, size_t *nr,
			     size_t *alloc)
{
	size_t n = floe_project_nr_files(project);

	if (ALLOC_GROW(*texts, *nr + n, *alloc))
		return cli_internal(FLOE_ERR_NOMEM);
	for (size_t i = 0; i < n; i++) {
		struct floe_report_file *t = &(*texts)[*nr];

		if (floe_project_file(project, i, &t->name, &t->buf, &t->len))
			(*nr)++;
	}
	return EXIT_CLEAN;
}

static int run(int argc, char **argv, int check)
{
	struct lint_args a;
	struct floe_lint_options opt;
	struct floe_config *config = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT, pdiags = FLOE_DIAGS_INIT;
	struct floe_diags vdiags = FLOE_DIAGS_INIT;
	struct floe_diags failures = FLOE_DIAGS_INIT;
	struct floe_verify_log vlog = FLOE_VERIFY_LOG_INIT;
	struct cli_report rep;
	struct floe_profiles_options popt;
	struct floe_profiles **models = NULL;
	char **bufs = NULL;
	struct floe_text **srcs = NULL;	/* or read in blocks */
	bool *unread = NULL;	/* read again, not what was read */
	struct floe_report_file *texts = NULL;
	struct floe_project *project = NULL;
	struct cli_names names[2] = { { NULL, NULL, 0 }, { NULL, NULL, 0 } };
	char *found = NULL, *bl = NULL;
	size_t files = 0, bl_len = 0, hidden = 0;
	size_t nr_texts = 0;	/* files, then the project's read files */
	size_t texts_alloc = 0;
	struct floe_baseline *baseline = NULL;
	struct floe_fingerprint *fp = NULL;
	struct cli_paths paths = { NULL, 0, 0 };
	struct fix_totals fixed = { 0, 0, 0 };
	int ret, r, nr_args;
	enum floe_err err;

	ret = parse_args(argc, argv, &a, check, &nr_args);
	if (ret)
		return ret == CLI_PARSE_HELP ? EXIT_CLEAN : ret;

	memset(&opt, 0, sizeof(opt));
	opt.target = a.target;
	opt.use_env = a.use_env;
	opt.catalog = a.catalog;
	opt.limits = floe_yaml_default_limits();
	opt.limits.max_bytes = a.max;

	/* found here, so that a failure can name it after the lookup */
	if (!a.config && !a.no_config &&
	    !(found = floe_config_find(".")) && errno == ENOMEM) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	ret = cli_load_config(a.config ? a.config : found, a.no_config,
			      &config, &failures);
	if (ret)
		goto report;
	if (a.baseline) {
		ret = load_baseline(&a, &baseline, &failures);
		if (ret)
			goto report;
	}
	if (config)
		opt.levels = floe_config_levels(config);
	opt.alias = a.alias ? a.alias : floe_config_alias(config);
	opt.duckdb_version = a.duckdb_version ? a.duckdb_version
					      : floe_config_duckdb_version(config);
	opt.dbt_duckdb_version = a.dbt_duckdb_version ? a.dbt_duckdb_version
				 : floe_config_dbt_duckdb_version(config);
	opt.catalog_flavor = a.catalog_flavor ? a.catalog_flavor
		: floe_config_catalog_flavor(config);
	for (size_t i = 0; i < a.nr_platforms; i++) {
		ret = load_platform(&a, &a.platforms[i], &pdiags, &failures);
		if (ret)
			goto report;
	}
	if (a.nr_platforms) {
		opt.platform_for = platform_for;
		opt.platform_arg = &a;
	}

	/* a folder stands for the profiles files under it */
	{
		size_t nr_globs;
		const char *const *globs =
			floe_config_profiles_globs(config, &nr_globs);

		ret = cli_expand_paths(argv, nr_args, globs, nr_globs,
				       &failures, &paths);
	}
	if (ret)
		goto report;

	/* each file is read and parsed once: every step below uses its model */
	bufs = calloc(paths.nr + 1, sizeof(*bufs));
	srcs = calloc(paths.nr + 1, sizeof(*srcs));
	unread = calloc(paths.nr + 1, sizeof(*unread));
	models = calloc(paths.nr + 1, sizeof(*models));
	texts = calloc(paths.nr + 1, sizeof(*texts));	/* for the report */
	texts_alloc = paths.nr + 1;
	if (!bufs || !srcs || !unread || !models || !texts) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	memset(&popt, 0, sizeof(popt));
	popt.target = a.target;
	popt.use_env = a.use_env;
	popt.limits = opt.limits;
	for (size_t i = 0; i < paths.nr; i++) {
		const char *path = paths.items[i];
		const char *name = strcmp(path, "-") ? path
				   : a.stdin_name ? a.stdin_name : "<stdin>";
		size_t len;
		int errnum;

		/*
		 * A file is read as it is parsed, not held while its tree is
		 * made, and read again only if it is reported on; --fix and
		 * --diff rewrite it, and read it whole.
		 */
		len = 0;
		if (a.fix || a.diff)
			err = floe_read_file(path, a.max, &bufs[files], &len,
					     &errnum);
		else
			err = floe_text_open(path, a.max, &srcs[files],
					     &errnum);
		if (err == FLOE_ERR_IO) {
			/* the other files are still checked; exit 2 at the end */
			if (cli_fail(&failures, name, "cannot read '%s': %s",
				     name, floe_io_strerror(errnum)) ==
			    EXIT_INTERNAL) {
				ret = EXIT_INTERNAL;	/* said */
				goto out;
			}
			continue;
		}
		if (err == FLOE_ERR_TOO_BIG) {
			struct floe_loc loc = { name, { 1, 1 }, { 1, 2 } };

			if (floe_diags_addf(&diags, FLOE_SEV_ERROR, FLOE_FP001,
					    loc, "the file is larger than the "
					    "limit of %zu bytes (raise it with "
					    "--max-size)", a.max)) {
				ret = cli_internal(FLOE_ERR_NOMEM);
				goto out;
			}
			continue;
		}
		if (err == FLOE_OK && (a.fix || a.diff)) {
			r = fix_one(&a, path, name, &bufs[files], &len, &popt,
				    &opt, &fixed, &failures);
			if (r == EXIT_INTERNAL) {
				free(bufs[files]);
				bufs[files] = NULL;
				ret = EXIT_INTERNAL;
				goto out;
			}
		}
		if (err == FLOE_OK && srcs[files])
			err = floe_profiles_load_text(name, srcs[files], &popt,
						      &models[files]);
		else if (err == FLOE_OK)
			err = floe_profiles_load(name, bufs[files], len, &popt,
						 &models[files]);
		if (err == FLOE_ERR_IO) {	/* as it was read */
			errnum = srcs[files]->errnum;
			floe_text_free(srcs[files]);
			srcs[files] = NULL;
			if (cli_fail(&failures, name, "cannot read '%s': %s",
				     name, floe_io_strerror(errnum)) ==
			    EXIT_INTERNAL) {
				ret = EXIT_INTERNAL;
				goto out;
			}
			continue;
		}
		if (err != FLOE_OK) {
			free(bufs[files]);
			bufs[files] = NULL;
			floe_text_free(srcs[files]);
			srcs[files] = NULL;
			ret = cli_internal(err);
			goto out;
		}
		texts[files].name = name;
		/* a held text (standard input, a FIFO), or one read whole
		 * for --fix; one read in blocks: hold_texts() */
		texts[files].buf = srcs[files] ? srcs[files]->buf
					       : bufs[files];
		texts[files].len = srcs[files] ? srcs[files]->len : len;
		files++;
		nr_texts = files;
	}

	/* the usage errors, before anything runs (DuckDB included) */
	if (a.target && files && !has_output(models, files, a.target)) {
		ret = cli_fail(&failures, NULL, "no profile has an output "
			       "named '%s' (--target)", a.target);
		goto report;
	}
	for (size_t i = 0; i < a.nr_platforms; i++)
		if (a.platforms[i].target && files &&
		    !has_output(models, files, a.platforms[i].target)) {
			ret = cli_fail(&failures, a.platforms[i].path,
				       "--platform %s=%s: no profile has an "
				       "output named '%s'",
				       a.platforms[i].target,
				       a.platforms[i].path,
				       a.platforms[i].target);
			goto report;
		}
	if (check && files) {
		const char *name;

		if (unpaired_output(&a, models, files, &name)) {
			ret = cli_fail(&failures, NULL, "output '%s' has no "
				       "platform to be checked against: pair "
				       "it with --platform %s=FILE, or give a "
				       "plain --platform FILE for the others",
				       name, name);
			goto report;
		}
	}

	for (size_t i = 0; i < files; i++) {
		if (a.verify) {
			ret = verify_one(&a, models[i], &vlog, &vdiags,
					 &failures);
			if (ret)
				goto report;
			opt.merge = &vdiags;
			/* lint for the DuckDB that ran, unless told otherwise
			 * on the command line (it wins over the configuration) */
			if (!a.duckdb_version && vlog.duckdb_release)
				opt.duckdb_version = vlog.duckdb_release;
		}
		size_t base = diags.nr;

		err = floe_lint_profiles(models[i], &opt, &diags);
		floe_diags_release(&vdiags);
		opt.merge = NULL;
		if (err == FLOE_ERR_USAGE)
			err = FLOE_OK;	/* --target: checked over all files */
		/* for json's `fix` and SARIF's `fixes`, which alone show
		 * them (a fix reads the text again: "Scale") */
		if (err == FLOE_OK && (a.format == FLOE_FORMAT_JSON ||
				       a.format == FLOE_FORMAT_SARIF))
			err = floe_fix_compute(models[i], &opt, &diags, base);
		if (err == FLOE_ERR_IO) {
			/*
			 * Its text, read again, is not what was read: its
			 * findings are dropped (never shown against another
			 * text, nor without their suppressions), and it is
			 * not read a third time for the report.
			 */
			floe_diags_truncate(&diags, base);
			ret = fail_reread(&failures, texts[i].name, srcs[i]);
			unread[i] = true;
			if (ret == EXIT_INTERNAL)
				goto out;
			ret = EXIT_CLEAN;
			continue;
		}
		if (err != FLOE_OK) {
			ret = cli_internal(err);
			goto out;
		}
	}
	if (a.project) {
		int errnum;

		err = floe_project_check(a.project,
					 (const struct floe_profiles *const *)
					 models, files, &opt, &diags, &project,
					 &errnum);
		if (err == FLOE_ERR_IO) {
			ret = cli_fail(&failures, NULL, "--project: cannot read "
				       "'%s/dbt_project.yml': %s", a.project,
				       floe_io_strerror(errnum));
			goto report;
		}
		if (err != FLOE_OK) {
			ret = cli_internal(err);
			goto out;
		}
		ret = add_project_texts(project, &texts, &nr_texts,
					&texts_alloc);
		if (ret)
			goto out;
	}

	if (a.verify && !a.quiet && vlog.duckdb_version) {
		char v[FLOE_VERSION_BUF];

		fprintf(stderr, "verified on DuckDB %s, linted for %s%s\n",
			vlog.duckdb_version, floe_version_format(
				a.duckdb_version ? a.duckdb_version
						 : vlog.duckdb_linted, v),
			a.duckdb_version && a.duckdb_version !=
			vlog.duckdb_release ? " (--duckdb-version)" : "");
	}

report:
	if (ret == EXIT_INTERNAL)
		goto out;
	if (hold_texts(srcs, unread, models, texts, files, &diags,
		       &failures)) {
		ret = EXIT_INTERNAL;
		goto out;
	}
	if ((a.fix || a.diff) && !a.quiet)
		fprintf(stderr, "%s %zu fix%s in %zu file%s%s\n",
			a.diff ? "would apply" : "applied", fixed.applied,
			fixed.applied == 1 ? "" : "es", fixed.files,
			fixed.files == 1 ? "" : "s", fixed.unconverged ?
			" (some fixes were left: run again)" : "");
	if (a.diff) {
		/* the diff was the output: no report */
		if (!ret)
			ret = failures.nr ? EXIT_USAGE : fixed.files ?
			      EXIT_FINDINGS : EXIT_CLEAN;
		goto out;
	}
	/* a run that stopped early (ret is EXIT_USAGE) was said on stderr:
	 * the formats for people add nothing; the machine formats report
	 * what was checked and what could not be, never a clean run */
	if (ret && (a.format == FLOE_FORMAT_TEXT ||
		    a.format == FLOE_FORMAT_GCC))
		goto out;
	floe_diags_sort(&diags);
	if (baseline || a.write_baseline) {
		r = fingerprint(&a, &diags, texts, nr_texts, &fp, &bl,
				&bl_len);
		if (r) {
			ret = r;
			goto out;
		}
	}
	if (a.write_baseline) {
		if (ret || failures.nr) {
			/* a run that missed files would forget their findings */
			fprintf(stderr, "floe-profiles: not writing '%s': the "
				"run could not check everything\n",
				a.write_baseline);
			ret = EXIT_USAGE;
		} else {
			ret = write_baseline(&a, &diags, bl, bl_len);
			goto out;
		}
	}
	if (baseline)
		hidden = floe_baseline_apply(baseline, &diags, fp);
	if (cli_report_repo_relative(a.format, &diags, &failures, texts,
				     nr_texts, names)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	memset(&rep, 0, sizeof(rep));
	rep.format = a.format;
	rep.color = a.color;
	rep.rules_url = a.rules_url;
	rep.files = texts;
	rep.nr_files = nr_texts;
	rep.failures = &failures;
	r = cli_print_report(&diags, &rep);
	if (r)
		ret = r;
	if (ret)
		goto out;
	if (a.format == FLOE_FORMAT_TEXT && !a.quiet)
		cli_summary_baseline(&diags, files, baseline, hidden);

	r = diags.nr_errors || (a.strict && diags.nr_warnings);
	ret = r && !a.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
	if (failures.nr)
		ret = EXIT_USAGE;	/* some files could not be checked */
out:
	for (size_t i = 0; models && i < files; i++)
		floe_profiles_free(models[i]);
	for (size_t i = 0; bufs && i < files; i++) {
		free(bufs[i]);
		floe_text_free(srcs[i]);
	}
	free(srcs);
	free(unread);
	free(models);
	free(bufs);
	free(texts);
	free(bl);
	free(fp);
	floe_baseline_free(baseline);
	for (size_t i = 0; i < a.nr_platforms; i++) {
		floe_platform_free(a.platforms[i].platform);
		free(a.platforms[i].buf);
	}
	floe_config_free(config);
	floe_diags_release(&diags);
	floe_diags_release(&pdiags);
	floe_diags_release(&vdiags);
	floe_diags_release(&failures);
	floe_verify_log_release(&vlog);
	floe_project_free(project);
	cli_names_release(&names[0]);
	cli_names_release(&names[1]);
	cli_paths_release(&paths);
	free(found);
	return ret;
}

int cmd_lint(int argc, char **argv)
{
	return run(argc, argv, 0);
}

int cmd_check(int argc, char **argv)
{
	return run(argc, argv, 1);
}
