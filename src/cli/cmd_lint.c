/*
 * floe-profiles lint: report every known way a dbt-duckdb + Polaris
 * profile breaks, with positions, in the formats CI systems read.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/fileio.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/report.h"

const char lint_usage[] =
	"usage: floe-profiles lint [options] PROFILES.yml... (- for stdin)\n"
	"\n"
	"Report what will break when dbt-duckdb connects with these "
	"profiles.\n"
	"\n"
	"options:\n"
	"      --format FORMAT      auto (default), text, gcc, json, sarif, "
	"github;\n"
	"                           auto is github when GITHUB_ACTIONS=true, "
	"else text\n"
	"      --color WHEN         auto (default), always, never (text "
	"format only;\n"
	"                           NO_COLOR turns auto off)\n"
	"      --target NAME        lint only the output NAME of each profile\n"
	"      --env                render env_var() from the environment, "
	"not defaults\n"
	"      --platform FILE      hold the profiles against this platform."
	"yaml\n"
	"      --catalog NAME       the platform catalog (default: 'default' "
	"or the only one)\n"
	"      --config FILE        use this configuration file\n"
	"      --no-config          use no configuration file\n"
	"      --stdin-filename NAME  the name to report for -\n"
	"      --strict             warnings fail too (exit 1)\n"
	"      --exit-zero          exit 0 even with findings (gradual "
	"roll-out)\n"
	"  -q, --quiet              no summary line\n"
	"      --max-size BYTES     largest input accepted (default: 1M)\n"
	"  -h, --help               show this help\n"
	"\n"
	"exit status: 0 no error-level findings, 1 findings (warnings too with"
	" --strict),\n"
	"2 usage, configuration or I/O error, 3 internal error\n";

enum {
	OPT_FORMAT = 256, OPT_COLOR, OPT_TARGET, OPT_ENV, OPT_PLATFORM,
	OPT_CATALOG, OPT_CONFIG, OPT_NO_CONFIG, OPT_STDIN_NAME, OPT_STRICT,
	OPT_EXIT_ZERO, OPT_MAX_SIZE
};

struct lint_args {
	enum floe_format format;
	int color;			/* -1 auto, 0 never, 1 always */
	const char *target, *platform, *catalog, *config, *stdin_name;
	int use_env, no_config, strict, exit_zero, quiet;
	size_t max;
};

static int parse_format(const char *s, enum floe_format *out)
{
	if (!strcmp(s, "auto")) {
		const char *gh = getenv("GITHUB_ACTIONS");

		*out = gh && !strcmp(gh, "true") ? FLOE_FORMAT_GITHUB
						 : FLOE_FORMAT_TEXT;
		return 0;
	}
	return floe_format_parse(s, out);
}

static int use_color(const struct lint_args *a)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (a->format != FLOE_FORMAT_TEXT)
		return 0;
	if (a->color >= 0)
		return a->color;
	if (no && *no)
		return 0;
	return isatty(STDOUT_FILENO) && term && strcmp(term, "dumb");
}

static int parse_args(int argc, char **argv, struct lint_args *a)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "env", no_argument, NULL, OPT_ENV },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
		{ "quiet", no_argument, NULL, 'q' },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "auto";
	int c;

	memset(a, 0, sizeof(*a));
	a->color = -1;
	a->max = FLOE_YAML_MAX_BYTES;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			format = optarg;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "always")) {
				a->color = 1;
			} else if (!strcmp(optarg, "never")) {
				a->color = 0;
			} else if (!strcmp(optarg, "auto")) {
				a->color = -1;
			} else {
				cli_error("--color: '%s' is not auto, always "
					  "or never", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_TARGET:
			a->target = optarg;
			break;
		case OPT_ENV:
			a->use_env = 1;
			break;
		case OPT_PLATFORM:
			a->platform = optarg;
			break;
		case OPT_CATALOG:
			a->catalog = optarg;
			break;
		case OPT_CONFIG:
			a->config = optarg;
			break;
		case OPT_NO_CONFIG:
			a->no_config = 1;
			break;
		case OPT_STDIN_NAME:
			a->stdin_name = optarg;
			break;
		case OPT_STRICT:
			a->strict = 1;
			break;
		case OPT_EXIT_ZERO:
			a->exit_zero = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case OPT_MAX_SIZE:
			if (cli_parse_size(optarg, &a->max)) {
				cli_error("--max-size: '%s' is not a size in "
					  "bytes", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(lint_usage, stdout);
			return -1;
		case ':':
			cli_error("option '%s' needs a value",
				  argv[optind - 1]);
			return EXIT_USAGE;
		default:
			cli_error("unknown option '%s'", argv[optind - 1]);
			fputs(lint_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (parse_format(format, &a->format)) {
		cli_error("--format: '%s' is not one of auto, text, gcc, json, "
			  "sarif, github", format);
		return EXIT_USAGE;
	}
	if (a->config && a->no_config) {
		cli_error("--config and --no-config exclude each other");
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		cli_error("no profiles file given");
		fputs(lint_usage, stderr);
		return EXIT_USAGE;
	}
	if (a->catalog && !a->platform) {
		cli_error("--catalog needs --platform");
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}

/* Load --platform; prints and returns an exit code on failure. */
static int load_platform(const struct lint_args *a, char **buf,
			 struct floe_platform **p, struct floe_diags *diags)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	size_t len;
	int errnum;
	enum floe_err err;

	lim.max_bytes = a->max;
	err = floe_read_file(a->platform, a->max, buf, &len, &errnum);
	if (err == FLOE_ERR_IO) {
		cli_error("cannot read '%s': %s", a->platform,
			  strerror(errnum));
		return EXIT_USAGE;
	}
	if (err == FLOE_ERR_TOO_BIG) {
		cli_error("'%s' is larger than %zu bytes (raise it with "
			  "--max-size)", a->platform, a->max);
		return EXIT_USAGE;
	}
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
	err = floe_platform_load(a->platform, *buf, len, &lim, p, diags);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG) {
		print_diags_gcc(diags, stderr);
		cli_error("the platform file '%s' has errors", a->platform);
		return EXIT_USAGE;
	}
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
	if (a->catalog && !floe_platform_catalog(*p, a->catalog)) {
		cli_error("--catalog: '%s' has no catalog named '%s'",
			  a->platform, a->catalog);
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_args a;
	struct floe_lint_options opt;
	struct floe_config *config = NULL;
	struct floe_platform *platform = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT, pdiags = FLOE_DIAGS_INIT;
	struct floe_report_opts ropts;
	char *pbuf = NULL, *report = NULL;
	char **bufs = NULL;
	size_t report_len = 0, files = 0;
	int ret, r;
	enum floe_err err;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret < 0 ? EXIT_CLEAN : ret;

	memset(&opt, 0, sizeof(opt));
	opt.target = a.target;
	opt.use_env = a.use_env;
	opt.catalog = a.catalog;
	opt.limits = floe_yaml_default_limits();
	opt.limits.max_bytes = a.max;

	ret = cli_load_config(a.config, a.no_config, &config);
	if (ret)
		goto out;
	if (config)
		opt.levels = floe_config_levels(config);
	if (a.platform) {
		ret = load_platform(&a, &pbuf, &platform, &pdiags);
		if (ret)
			goto out;
		opt.platform = platform;
	}

	bufs = calloc((size_t)argc, sizeof(*bufs));
	if (!bufs) {
		ret = EXIT_INTERNAL;
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		const char *name = strcmp(path, "-") ? path
			: a.stdin_name ? a.stdin_name : "<stdin>";
		size_t len;
		int errnum;

		err = floe_read_file(path, a.max, &bufs[i], &len, &errnum);
		if (err == FLOE_ERR_IO) {
			cli_error("cannot read '%s': %s", name,
				  strerror(errnum));
			ret = EXIT_USAGE;
			goto out;
		}
		if (err == FLOE_ERR_TOO_BIG) {
			cli_error("'%s' is larger than %zu bytes (raise it "
				  "with --max-size)", name, a.max);
			ret = EXIT_USAGE;
			goto out;
		}
		if (err != FLOE_OK) {
			ret = EXIT_INTERNAL;
			goto out;
		}
		err = floe_lint(name, bufs[i], len, &opt, &diags);
		if (err == FLOE_ERR_USAGE) {
			cli_error("%s: no profile has an output named '%s'",
				  name, a.target);
			ret = EXIT_USAGE;
			goto out;
		}
		if (err != FLOE_OK) {
			cli_error("%s", floe_strerror(err));
			ret = EXIT_INTERNAL;
			goto out;
		}
		files++;
	}

	floe_diags_sort(&diags);
	memset(&ropts, 0, sizeof(ropts));
	ropts.color = use_color(&a);
	ropts.tool_version = FLOE_VERSION;
	err = floe_report(a.format, &diags, &ropts, &report, &report_len);
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		ret = EXIT_INTERNAL;
		goto out;
	}
	if (fwrite(report, 1, report_len, stdout) != report_len ||
	    fflush(stdout)) {
		cli_error("cannot write the report: %s", strerror(errno));
		ret = EXIT_USAGE;
		goto out;
	}
	if (a.format == FLOE_FORMAT_TEXT && !a.quiet)
		cli_summary(&diags, files);

	r = diags.nr_errors || (a.strict && diags.nr_warnings);
	ret = r && !a.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	for (int i = 0; bufs && i < argc; i++)
		free(bufs[i]);
	free(bufs);
	free(report);
	free(pbuf);
	floe_platform_free(platform);
	floe_config_free(config);
	floe_diags_release(&diags);
	floe_diags_release(&pdiags);
	return ret;
}
