/*
 * floe-profiles upgrade-check: what changes for a profile when it moves
 * from the DuckDB / dbt-duckdb release it runs on to another one.
 *
 * The library lints the profile for both releases (floe_upgrade_check);
 * this prints the findings only the target release has, in any report
 * format, and a line saying what the move is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/lint.h"
#include "floe/profiles.h"
#include "floe/versions.h"

struct upgrade_args {
	const char *format_name;
	enum floe_format format;
	const char *target, *config, *stdin_name;
	int use_env, no_config, quiet;
	size_t max;
	unsigned from, to, dbt_from, dbt_to;
};

#define A struct upgrade_args
static const struct cli_option upgrade_options[] = {
	OPT_CALLBACK_AT(0, "to", A, to, unsigned, "X.Y.Z",
			"the DuckDB release to move to", cli_opt_duckdb_version,
			NULL),
	OPT_CALLBACK_AT(0, "duckdb-version", A, from, unsigned, "X.Y.Z",
			"the DuckDB release the profile runs on now\n"
			"(default: the configuration's duckdb_version)",
			cli_opt_duckdb_version, NULL),
	OPT_CALLBACK_AT(0, "dbt-duckdb-to", A, dbt_to, unsigned, "X.Y[.Z]",
			"the dbt-duckdb release to move to (default:\n"
			"unchanged)", cli_opt_dbt_duckdb_version, NULL),
	OPT_CALLBACK_AT(0, "dbt-duckdb-version", A, dbt_from, unsigned,
			"X.Y[.Z]", "the dbt-duckdb release it runs on now\n"
			"(default: the configuration's, else the newest known)",
			cli_opt_dbt_duckdb_version, NULL),
	OPT_STRING(0, "format", A, format_name, "FORMAT",
		   "as for lint (default: auto)", CLI_FORMAT_VALUES),
	OPT_STRING(0, "target", A, target, "NAME",
		   "only the output NAME of each profile", NULL),
	OPT_BOOL(0, "env", A, use_env,
		 "render env_var() from the environment, not defaults"),
	OPT_STRING(0, "config", A, config, "FILE",
		   "use this configuration file", "@file"),
	OPT_BOOL(0, "no-config", A, no_config, "use no configuration file"),
	OPT_STRING(0, "stdin-filename", A, stdin_name, "NAME",
		   "the name to report for -", NULL),
	OPT_BOOL('q', "quiet", A, quiet, "no summary line"),
	OPT_CALLBACK_AT(0, "max-size", A, max, size_t, "BYTES",
			"largest input accepted (default: 1M)",
			cli_opt_max_size, NULL),
	OPT_HELP(),
	OPT_END()
};
#undef A

const struct cli_usage upgrade_usage = {
	"upgrade-check",
	"usage: floe-profiles upgrade-check [--to X.Y.Z] [--dbt-duckdb-to "
	"X.Y.Z] [options]\n"
	"                                   PROFILES.yml (- for stdin)\n",
	"What breaks, or becomes deprecated, when the profile moves from the "
	"DuckDB\n"
	"(and dbt-duckdb) release it runs on to another one, each finding "
	"with the\n"
	"edit.  Findings both releases share are left to lint.\n",
	upgrade_options,
	"exit status: 0 nothing breaks, 1 the move breaks the profile "
	"(errors), 2 usage,\n"
	"configuration or I/O error, 3 internal error\n"
};

/* What the move is, for the summary: "DuckDB 1.4.3 -> 1.5.6". */
static void say_move(const struct floe_upgrade_options *u,
		     const struct floe_diags *d, size_t gone)
{
	char a[FLOE_VERSION_BUF], b[FLOE_VERSION_BUF];
	unsigned dbt_from = u->from_dbt_duckdb ? u->from_dbt_duckdb
			    : floe_dbt_duckdb_version_default();
	unsigned dbt_to = u->to_dbt_duckdb ? u->to_dbt_duckdb : dbt_from;

	fprintf(stderr, "DuckDB %s -> ", floe_version_format(
		u->from_duckdb ? u->from_duckdb
			       : floe_duckdb_version_default(), a));
	fprintf(stderr, "%s, dbt-duckdb %s -> ", floe_version_format(
		u->to_duckdb ? u->to_duckdb : floe_duckdb_version_default(), b),
		floe_version_format(dbt_from, a));
	fprintf(stderr, "%s: %zu error%s, %zu warning%s", floe_version_format(
		dbt_to, b), d->nr_errors, d->nr_errors == 1 ? "" : "s",
		d->nr_warnings, d->nr_warnings == 1 ? "" : "s");
	if (d->nr_infos)
		fprintf(stderr, ", %zu info", d->nr_infos);
	fprintf(stderr, " new; %zu finding%s go%s away\n", gone,
		gone == 1 ? "" : "s", gone == 1 ? "es" : "");
}

int cmd_upgrade(int argc, char **argv)
{
	struct upgrade_args a;
	struct floe_config *config = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT, failures = FLOE_DIAGS_INIT;
	struct floe_lint_options lo;
	struct floe_upgrade_options u;
	struct floe_profiles_options popt;
	struct floe_profiles *model = NULL;
	struct cli_report rep;
	struct floe_report_file text;
	struct cli_names names[2] = { { NULL, NULL, 0 }, { NULL, NULL, 0 } };
	const char *path, *name;
	char *buf = NULL;
	size_t len = 0, gone = 0;
	int ret, nr_args;
	enum floe_err err;

	memset(&a, 0, sizeof(a));
	a.max = FLOE_YAML_MAX_BYTES;
	a.format_name = "auto";
	ret = parse_options(argc, argv, &upgrade_usage, &a, &nr_args);
	if (ret)
		return ret == CLI_PARSE_HELP ? EXIT_CLEAN : ret;
	if (cli_parse_format(a.format_name, &a.format))
		return EXIT_USAGE;
	if (a.config && a.no_config)
		return cli_error("--config and --no-config exclude each other");
	if (!nr_args) {
		ret = cli_error("no profiles file given");
		cli_usage_print(&upgrade_usage, stderr);
		return ret;
	}
	if (nr_args > 1)
		return cli_error("one profiles file at a time ('%s' is extra)",
				 argv[1]);
	if (!a.to && !a.dbt_to)
		return cli_error("upgrade-check needs the release to move to: "
				 "--to X.Y.Z (DuckDB) or --dbt-duckdb-to "
				 "X.Y.Z");
	{
		char *found = a.config || a.no_config ? NULL
			      : floe_config_find(".");

		ret = cli_load_config(a.config ? a.config : found, a.no_config,
				      &config, &failures);
		free(found);
	}
	if (ret) {
		/* the configuration's problems, positioned */
		for (size_t i = 0; i < failures.nr; i++) {
			const struct floe_diag *g = &failures.items[i];

			if (g->loc.file)
				fprintf(stderr, "%s:%u:%u: error: %s\n",
					g->loc.file, g->loc.start.line,
					g->loc.start.column, g->message);
		}
		goto out;
	}

	memset(&u, 0, sizeof(u));
	u.from_duckdb = a.from ? a.from : floe_config_duckdb_version(config);
	u.from_dbt_duckdb = a.dbt_from ? a.dbt_from
			    : floe_config_dbt_duckdb_version(config);
	u.to_duckdb = a.to ? a.to : u.from_duckdb;
	u.to_dbt_duckdb = a.dbt_to;
	if (a.to && !u.from_duckdb) {
		ret = cli_error("upgrade-check needs the DuckDB release the "
				"profile runs on now: --duckdb-version X.Y.Z, "
				"or duckdb_version in %s", FLOE_CONFIG_NAME);
		goto out;
	}
	if (a.dbt_to && !u.from_dbt_duckdb) {
		ret = cli_error("upgrade-check needs the dbt-duckdb release the "
				"profile runs on now: --dbt-duckdb-version "
				"X.Y.Z, or dbt_duckdb_version in %s",
				FLOE_CONFIG_NAME);
		goto out;
	}

	path = argv[0];
	name = strcmp(path, "-") ? path
		: a.stdin_name ? a.stdin_name : "<stdin>";
	ret = cli_read_input(path, name, a.max, &buf, &len);
	if (ret)
		goto out;
	memset(&popt, 0, sizeof(popt));
	popt.target = a.target;
	popt.use_env = a.use_env;
	popt.limits = floe_yaml_default_limits();
	popt.limits.max_bytes = a.max;
	err = floe_profiles_load(name, buf, len, &popt, &model);
	if (err != FLOE_OK) {
		ret = cli_internal(err);
		goto out;
	}
	if (a.target && !floe_profiles_has_output(model, a.target)) {
		ret = cli_error("no profile has an output named '%s' "
				"(--target)", a.target);
		goto out;
	}

	memset(&lo, 0, sizeof(lo));
	lo.levels = floe_config_levels(config);
	lo.alias = floe_config_alias(config);
	u.lint = &lo;
	err = floe_upgrade_check(model, &u, &diags, &gone);
	if (err != FLOE_OK) {
		ret = cli_internal(err);
		goto out;
	}

	floe_diags_sort(&diags);
	text.name = name;
	text.buf = buf;
	text.len = len;
	/* as lint names them, so that GitHub matches the annotations */
	if (cli_report_repo_relative(a.format, &diags, &failures, &text, 1,
				     names)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	memset(&rep, 0, sizeof(rep));
	rep.format = a.format;
	rep.color = -1;
	rep.files = &text;
	rep.nr_files = 1;
	rep.failures = &failures;
	ret = cli_print_report(&diags, &rep);
	if (ret)
		goto out;
	if (a.format == FLOE_FORMAT_TEXT && !a.quiet)
		say_move(&u, &diags, gone);
	ret = diags.nr_errors ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	cli_names_release(&names[0]);
	cli_names_release(&names[1]);
	floe_profiles_free(model);
	free(buf);
	floe_config_free(config);
	floe_diags_release(&diags);
	floe_diags_release(&failures);
	return ret;
}
