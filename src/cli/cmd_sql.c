/*
 * floe-profiles sql: print, in order, the statements dbt-duckdb runs when
 * it opens a connection for a profile's target.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "floe/fileio.h"
#include "floe/sql.h"

const char sql_usage[] =
	"usage: floe-profiles sql [options] PROFILES.yml (- for stdin)\n"
	"\n"
	"Print the statements dbt-duckdb runs when it opens a connection, in "
	"its order and\n"
	"exactly as it renders them, each after a comment with the profile "
	"line it comes\n"
	"from.  The output is a SQL script for the duckdb shell.\n"
	"\n"
	"options:\n"
	"      --target NAME        the output to show (default: each "
	"profile's 'target')\n"
	"      --profile NAME       only this profile (default: every "
	"profile)\n"
	"      --env                render env_var() from the environment, "
	"not defaults\n"
	"      --show-secrets       do not mask secret values as '***'\n"
	"      --dbt-duckdb-version X.Y.Z  render as this release does "
	"(default: "
	FLOE_DBT_DUCKDB_LATEST ";\n"
	"                           " FLOE_DBT_DUCKDB_OLDEST " and later)\n"
	"      --stdin-filename NAME  the name to show for -\n"
	"      --max-size BYTES     largest input accepted (default: 1M)\n"
	"  -h, --help               show this help\n"
	"\n"
	"exit status: 0 printed, 1 the profile has errors (what can be "
	"rendered is\n"
	"printed), 2 usage or I/O error, 3 internal error\n";

enum {
	OPT_TARGET = 256, OPT_PROFILE, OPT_ENV, OPT_SHOW_SECRETS,
	OPT_VERSION, OPT_STDIN_NAME, OPT_MAX_SIZE
};

int cmd_sql(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "env", no_argument, NULL, OPT_ENV },
		{ "show-secrets", no_argument, NULL, OPT_SHOW_SECRETS },
		{ "dbt-duckdb-version", required_argument, NULL, OPT_VERSION },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct floe_sql_options opt;
	struct floe_sql_plan *plan = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT;
	const char *stdin_name = NULL, *path, *name;
	char *buf = NULL, *script = NULL;
	size_t len, max = FLOE_YAML_MAX_BYTES, script_len = 0;
	int c, errnum, ret;
	enum floe_err err;

	memset(&opt, 0, sizeof(opt));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TARGET:
			opt.target = optarg;
			break;
		case OPT_PROFILE:
			opt.profile = optarg;
			break;
		case OPT_ENV:
			opt.use_env = true;
			break;
		case OPT_SHOW_SECRETS:
			opt.show_secrets = true;
			break;
		case OPT_VERSION:
			if (floe_dbt_version_parse(optarg, &opt.dbt_version)) {
				cli_error("--dbt-duckdb-version: '%s' is not a "
					  "release from " FLOE_DBT_DUCKDB_OLDEST
					  " to " FLOE_DBT_DUCKDB_LATEST
					  " (X.Y or X.Y.Z)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STDIN_NAME:
			stdin_name = optarg;
			break;
		case OPT_MAX_SIZE:
			if (cli_parse_max_size(optarg, &max))
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(sql_usage, stdout);
			return EXIT_CLEAN;
		default:
			return cli_bad_option(c, argv[optind - 1], sql_usage);
		}
	}
	if (optind >= argc) {
		cli_error("no profiles file given");
		fputs(sql_usage, stderr);
		return EXIT_USAGE;
	}
	if (optind + 1 < argc) {
		cli_error("one profiles file at a time ('%s' is extra)",
			  argv[optind + 1]);
		return EXIT_USAGE;
	}
	path = argv[optind];
	name = strcmp(path, "-") ? path : stdin_name ? stdin_name : "<stdin>";
	opt.limits = floe_yaml_default_limits();
	opt.limits.max_bytes = max;

	err = floe_read_file(path, max, &buf, &len, &errnum);
	if (err == FLOE_ERR_IO) {
		cli_error("cannot read '%s': %s", name, strerror(errnum));
		return EXIT_USAGE;
	}
	if (err == FLOE_ERR_TOO_BIG) {
		cli_error("'%s' is larger than %zu bytes (raise it with "
			  "--max-size)", name, max);
		return EXIT_USAGE;
	}
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}

	err = floe_sql_plan(name, buf, len, &opt, &plan, &diags);
	if (err == FLOE_OK)
		err = floe_sql_render(plan, &script, &script_len);
	if (err == FLOE_OK && (fwrite(script, 1, script_len, stdout) !=
			       script_len || fflush(stdout))) {
		cli_error("cannot write the output: %s", strerror(errno));
		ret = EXIT_USAGE;
		goto out;
	}
	floe_diags_sort(&diags);
	print_diags_gcc(&diags, stderr);
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
		cli_error("%s", floe_strerror(err));
		ret = EXIT_INTERNAL;
		break;
	}
out:
	free(script);
	floe_sql_plan_free(plan);
	floe_diags_release(&diags);
	free(buf);
	return ret;
}
