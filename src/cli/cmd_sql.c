/*
 * floe-profiles sql: print, in order, the statements dbt-duckdb runs when
 * it opens a connection for a profile's target.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/sql.h"

struct sql_args {
	struct floe_sql_options opt;
	const char *stdin_name, *config;
	int use_env, show_secrets, no_config;
	size_t max;
};

#define A struct sql_args
static const struct cli_option sql_options[] = {
	OPT_STRING(0, "target", A, opt.target, "NAME",
		   "the output to show (default: each profile's 'target')",
		   NULL),
	OPT_STRING(0, "profile", A, opt.profile, "NAME",
		   "only this profile (default: every profile)", NULL),
	OPT_BOOL(0, "env", A, use_env,
		 "render env_var() from the environment, not defaults"),
	OPT_BOOL(0, "show-secrets", A, show_secrets,
		 "do not mask secret values as '***'"),
	OPT_CALLBACK_AT(0, "dbt-duckdb-version", A, opt.dbt_version,
			struct floe_dbt_version, "X.Y[.Z]",
			"render as this release does (default: "
			FLOE_DBT_DUCKDB_LATEST ";\n"
			FLOE_DBT_DUCKDB_OLDEST " and later)",
			cli_opt_dbt_version, NULL),
	OPT_CALLBACK_AT(0, "duckdb-version", A, opt.duckdb_version, unsigned,
			"X.Y.Z", "the DuckDB release the statements run on\n"
			"(default: the newest known)",
			cli_opt_duckdb_version, NULL),
	OPT_CALLBACK_AT(0, "catalog-flavor", A, opt.catalog_flavor,
			const char *, "NAME", "the catalog server of every "
			"iceberg attach, for the\ncomments (default: the "
			"configuration's, else\nrecognised per attach)",
			cli_opt_catalog_flavor, CLI_FLAVOR_VALUES),
	OPT_STRING(0, "config", A, config, "FILE",
		   "use this configuration file", "@file"),
	OPT_BOOL(0, "no-config", A, no_config, "use no configuration file"),
	OPT_STRING(0, "stdin-filename", A, stdin_name, "NAME",
		   "the name to show for -", NULL),
	OPT_CALLBACK_AT(0, "max-size", A, max, size_t, "BYTES",
			"largest input accepted (default: 1M)",
			cli_opt_max_size, NULL),
	OPT_HELP(),
	OPT_END()
};
#undef A

const struct cli_usage sql_usage = {
	"sql",
	"usage: floe-profiles sql [options] PROFILES.yml (- for stdin)\n",
	"Print the statements dbt-duckdb runs when it opens a connection, in "
	"its order and\n"
	"exactly as it renders them, each after a comment with the profile "
	"line it comes\n"
	"from.  The output is a SQL script for the duckdb shell.\n",
	sql_options,
	"exit status: 0 printed, 1 the profile has errors (what can be "
	"rendered is\n"
	"printed), 2 usage or I/O error, 3 internal error\n"
};

int cmd_sql(int argc, char **argv)
{
	struct sql_args a;
	struct floe_sql_plan *plan = NULL;
	struct floe_config *config = NULL;
	struct floe_profiles_options popt;
	struct floe_profiles *model = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT;
	const char *path, *name;
	char *buf = NULL, *script = NULL, *text = NULL;
	size_t len, script_len = 0, text_len = 0;
	int ret, nr_args;
	enum floe_err err;

	memset(&a, 0, sizeof(a));
	a.max = FLOE_YAML_MAX_BYTES;
	ret = parse_options(argc, argv, &sql_usage, &a, &nr_args);
	if (ret)
		return ret == CLI_PARSE_HELP ? EXIT_CLEAN : ret;
	if (!nr_args) {
		ret = cli_error("no profiles file given");
		cli_usage_print(&sql_usage, stderr);
		return ret;
	}
	if (nr_args > 1)
		return cli_error("one profiles file at a time ('%s' is extra)",
				 argv[1]);
	if (a.config && a.no_config)
		return cli_error("--config and --no-config exclude each other");
	/* the configuration's lint.catalog_flavor names the catalog server
	 * here too, so that sql and lint tell the same */
	ret = cli_load_config(a.config, a.no_config, &config, NULL);
	if (ret)
		return ret;
	if (!a.opt.catalog_flavor)
		a.opt.catalog_flavor = floe_config_catalog_flavor(config);
	path = argv[0];
	name = strcmp(path, "-") ? path
		: a.stdin_name ? a.stdin_name : "<stdin>";
	a.opt.use_env = a.use_env;
	a.opt.show_secrets = a.show_secrets;
	a.opt.limits = floe_yaml_default_limits();
	a.opt.limits.max_bytes = a.max;

	ret = cli_read_input(path, name, a.max, &buf, &len);
	if (ret)
		goto out;

	memset(&popt, 0, sizeof(popt));
	popt.target = a.opt.target;
	popt.use_env = a.opt.use_env;
	popt.getenv_fn = a.opt.getenv_fn;
	popt.limits = a.opt.limits;
	err = floe_profiles_load(name, buf, len, &popt, &model);
	if (err == FLOE_OK)
		err = floe_sql_plan_profiles(model, &a.opt, &plan, &diags);
	if (err == FLOE_OK)
		err = floe_sql_render(plan, &script, &script_len);
	/* the findings are rendered before anything is written: memory
	 * running out after the script went out would leave half a run */
	floe_diags_sort(&diags);
	if (err != FLOE_ERR_NOMEM && err != FLOE_ERR_INTERNAL &&
	    cli_render_diags(&diags, &text, &text_len))
		err = FLOE_ERR_NOMEM;
	if (err == FLOE_OK && (fwrite(script, 1, script_len, stdout) !=
			       script_len || fflush(stdout))) {
		ret = cli_error("cannot write the output: %s", strerror(errno));
		goto out;
	}
	if (text)
		fwrite(text, 1, text_len, stderr);
	switch (err) {
	case FLOE_OK:
		ret = diags.nr_errors ? EXIT_FINDINGS : EXIT_CLEAN;
		break;
	case FLOE_ERR_INPUT:
		ret = EXIT_FINDINGS;
		break;
	case FLOE_ERR_USAGE:
	case FLOE_ERR_TOO_BIG:
	case FLOE_ERR_IO:
		ret = EXIT_USAGE;
		break;
	case FLOE_ERR_NOMEM:
	case FLOE_ERR_INTERNAL:
	case FLOE_ERR__COUNT:
	default:
		ret = cli_internal(err);
		break;
	}
out:
	free(script);
	free(text);
	floe_sql_plan_free(plan);
	floe_profiles_free(model);
	floe_diags_release(&diags);
	floe_config_free(config);
	free(buf);
	return ret;
}
