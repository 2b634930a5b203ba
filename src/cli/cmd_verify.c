/*
 * floe-profiles verify: run a profile's connection sequence on a real
 * DuckDB and report every failure at the profile line it comes from, in
 * lint's formats and with lint's exit codes.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "floe/fileio.h"
#include "floe/report.h"
#include "floe/verify.h"

struct verify_args {
	struct floe_verify_options opt;
	const char *format_name;	/* parsed after the other options */
	enum floe_format format;
	int color;			/* -1 auto, 0 never, 1 always */
	const char *stdin_name;
	int offline, use_env, strict, exit_zero, quiet;
	size_t max;
};

static int opt_color(const struct cli_option *opt, const char *value,
		     void *base)
{
	(void)opt;
	return cli_parse_color(value, &((struct verify_args *)base)->color);
}

#define A struct verify_args
static const struct cli_option verify_options[] = {
	OPT_STRING(0, "duckdb", A, opt.duckdb, "PATH",
		   "the DuckDB library (default: $" FLOE_DUCKDB_LIB_ENV ",\n"
		   "then libduckdb.so on the loader's search path)", "@file"),
	OPT_BOOL(0, "offline", A, offline,
		 "download nothing: no INSTALL, no extension auto-install"),
	OPT_STRING(0, "target", A, opt.target, "NAME",
		   "the output to verify (default: each profile's 'target')",
		   NULL),
	OPT_STRING(0, "profile", A, opt.profile, "NAME",
		   "only this profile (default: every profile)", NULL),
	OPT_BOOL(0, "env", A, use_env,
		 "render env_var() from the environment (a missing one is\n"
		 "an error); default: defaults, with ${NAME} placeholders"),
	OPT_CALLBACK_AT(0, "dbt-duckdb-version", A, opt.dbt_version,
			struct floe_dbt_version, "X.Y[.Z]",
			"render as this release does (default: "
			FLOE_DBT_DUCKDB_LATEST ")", cli_opt_dbt_version, NULL),
	OPT_STRING(0, "format", A, format_name, "FORMAT",
		   "auto (default), text, gcc, json, sarif, github,\n"
		   "gitlab, junit, checkstyle", CLI_FORMAT_VALUES),
	OPT_CALLBACK(0, "color", "WHEN", "auto (default), always, never",
		     opt_color, CLI_COLOR_VALUES),
	OPT_BOOL(0, "strict", A, strict, "warnings fail too (exit 1)"),
	OPT_BOOL(0, "exit-zero", A, exit_zero, "exit 0 even with findings"),
	OPT_BOOL('q', "quiet", A, quiet, "no step log and no summary on stderr"),
	OPT_STRING(0, "stdin-filename", A, stdin_name, "NAME",
		   "the name to report for -", NULL),
	OPT_CALLBACK_AT(0, "max-size", A, max, size_t, "BYTES",
			"largest input accepted (default: 1M)",
			cli_opt_max_size, NULL),
	OPT_HELP(),
	OPT_END()
};
#undef A

const struct cli_usage verify_usage = {
	"verify",
	"usage: floe-profiles verify [options] PROFILES.yml... (- for stdin)"
	"\n",
	"Run the statements dbt-duckdb runs when it connects (see "
	"'floe-profiles sql')\n"
	"on a real DuckDB, in memory, and report every failure at the "
	"profile line it\n"
	"comes from, with DuckDB's own error text.  What cannot run here "
	"(Python hooks,\n"
	"extensions that are not installed) is listed as \"not checked\" "
	"on stderr.\n",
	verify_options,
	"exit status: 0 no error-level findings, 1 findings, 2 usage or I/O "
	"error or no\n"
	"DuckDB library, 3 internal error\n"
};

static int parse_args(int argc, char **argv, struct verify_args *a,
		      int *nr_args)
{
	int r;

	memset(a, 0, sizeof(*a));
	a->color = -1;
	a->max = FLOE_YAML_MAX_BYTES;
	a->format_name = "auto";
	r = parse_options(argc, argv, &verify_usage, a, nr_args);
	if (r)
		return r;
	a->opt.offline = a->offline;
	a->opt.use_env = a->use_env;
	if (cli_parse_format(a->format_name, &a->format))
		return EXIT_USAGE;
	if (!*nr_args) {
		r = cli_error("no profiles file given");
		cli_usage_print(&verify_usage, stderr);
		return r;
	}
	return EXIT_CLEAN;
}

int cmd_verify(int argc, char **argv)
{
	struct verify_args a;
	struct floe_verify_log log = FLOE_VERIFY_LOG_INIT;
	struct floe_profiles_options popt;
	struct floe_profiles *model = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT;
	struct floe_diags failures = FLOE_DIAGS_INIT;
	struct cli_report rep;
	struct floe_report_file *texts = NULL;
	struct cli_names names[2] = { { NULL, NULL, 0 }, { NULL, NULL, 0 } };
	char **bufs = NULL, *text = NULL;
	size_t text_len = 0, files = 0, base;
	int ret, r, nr_args;
	enum floe_err err;

	ret = parse_args(argc, argv, &a, &nr_args);
	if (ret)
		return ret == CLI_PARSE_HELP ? EXIT_CLEAN : ret;
	r = cli_run_in_twin();
	if (r >= 0)
		return r;
	a.opt.limits = floe_yaml_default_limits();
	a.opt.limits.max_bytes = a.max;
	a.opt.log = &log;

	bufs = calloc((size_t)argc, sizeof(*bufs));
	texts = calloc((size_t)argc, sizeof(*texts));
	if (!bufs || !texts) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	for (int i = 0; i < nr_args; i++) {
		const char *path = argv[i];
		const char *name = strcmp(path, "-") ? path
			: a.stdin_name ? a.stdin_name : "<stdin>";
		size_t len;
		int errnum;

		err = floe_read_file(path, a.max, &bufs[i], &len, &errnum);
		/* like lint: report, check the other files, exit 2 at the end */
		if (err == FLOE_ERR_IO || err == FLOE_ERR_TOO_BIG) {
			ret = err == FLOE_ERR_IO ?
			      cli_fail(&failures, name, "cannot read '%s': %s",
				       name, floe_io_strerror(errnum)) :
			      cli_fail(&failures, name, "'%s' is larger than "
				       "%zu bytes (raise it with --max-size)",
				       name, a.max);
			if (ret == EXIT_INTERNAL)
				goto out;
			ret = EXIT_CLEAN;
			continue;
		}
		if (err != FLOE_OK) {
			ret = cli_internal(err);
			goto out;
		}
		base = diags.nr;
		memset(&popt, 0, sizeof(popt));
		popt.target = a.opt.target;
		popt.use_env = a.opt.use_env;
		popt.getenv_fn = a.opt.getenv_fn;
		popt.limits = a.opt.limits;
		err = floe_profiles_load(name, bufs[i], len, &popt, &model);
		if (err == FLOE_OK)
			err = floe_verify_profiles(model, &a.opt, &diags);
		floe_profiles_free(model);
		model = NULL;
		if (err == FLOE_ERR_IO) {
			ret = cli_fail(&failures, NULL, "%s", log.error ?
				       log.error : "cannot load DuckDB");
			fprintf(stderr, "%s\n", floe_verify_hint());
			goto report;
		}
		if (err == FLOE_ERR_USAGE) {
			/* no such profile or target in this file: say so and
			 * go on with the others */
			struct floe_diags d = FLOE_DIAGS_INIT;
			int nomem = 0;

			for (size_t k = base; k < diags.nr; k++)
				nomem |= floe_diags_addf(&d, diags.items[k].severity,
						FLOE_RULE_NONE, diags.items[k].loc, "%s",
						diags.items[k].message);
			if (nomem || print_diags_gcc(&d, stderr)) {
				floe_diags_release(&d);
				ret = cli_internal(FLOE_ERR_NOMEM);
				goto out;
			}
			/* a failure for the report: what was not verified */
			for (size_t k = 0; k < d.nr; k++)
				if (floe_diags_addf(&failures, FLOE_SEV_ERROR,
						    FLOE_RULE_NONE, d.items[k].loc, "%s",
						    d.items[k].message)) {
					floe_diags_release(&d);
					ret = cli_internal(FLOE_ERR_NOMEM);
					goto out;
				}
			floe_diags_release(&d);
			floe_diags_truncate(&diags, base);
			continue;
		}
		if (err == FLOE_ERR_TOO_BIG) {
			ret = cli_error("'%s' is too large to parse", name);
			goto out;
		}
		if (err != FLOE_OK) {
			ret = cli_internal(err);
			goto out;
		}
		texts[files].name = name;
		texts[files].buf = bufs[i];
		texts[files].len = len;
		files++;
	}

	/* printed with the report, once it is rendered */
	if (!a.quiet && floe_verify_log_render(&log, &text, &text_len)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
report:
	/* as in lint: a run that stopped early says so in machine formats */
	if (ret == EXIT_INTERNAL)
		goto out;
	if (ret && (a.format == FLOE_FORMAT_TEXT ||
		    a.format == FLOE_FORMAT_GCC))
		goto out;
	floe_diags_sort(&diags);
	if (cli_report_repo_relative(a.format, &diags, &failures, texts,
				     files, names)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	memset(&rep, 0, sizeof(rep));
	rep.format = a.format;
	rep.color = a.color;
	rep.files = texts;
	rep.nr_files = files;
	rep.failures = &failures;
	rep.log = text;
	rep.log_len = text_len;
	r = cli_print_report(&diags, &rep);
	if (r)
		ret = r;
	if (ret)
		goto out;
	if (a.format == FLOE_FORMAT_TEXT && !a.quiet)
		cli_summary(&diags, files);
	ret = (diags.nr_errors || (a.strict && diags.nr_warnings)) &&
	      !a.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
	if (failures.nr)
		ret = EXIT_USAGE;	/* some files could not be verified */
out:
	for (int i = 0; bufs && i < argc; i++)
		free(bufs[i]);
	free(bufs);
	free(text);
	floe_verify_log_release(&log);
	floe_diags_release(&diags);
	floe_diags_release(&failures);
	free(texts);
	cli_names_release(&names[0]);
	cli_names_release(&names[1]);
	return ret;
}
