/*
 * floe-profiles lint and check.
 *
 * lint reports what will break when dbt-duckdb connects with a profile;
 * check is the CI pre-deploy gate: lint with the platform cross-checks
 * (drift from what generate writes) always on, the dbt project's sources
 * held against the profile and the platform, in one report.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/report.h"
#include "floe/verify.h"

#define COMMON_OPTIONS \
	"      --format FORMAT      auto (default), text, gcc, json, sarif, " \
	"github,\n" \
	"                           gitlab, junit, checkstyle; auto is github " \
	"when\n" \
	"                           GITHUB_ACTIONS=true, else text\n" \
	"      --rules-url URL      SARIF helpUri base: URL#fpnnn (default: " \
	"the\n" \
	"                           project's docs/rules.md)\n" \
	"      --color WHEN         auto (default), always, never (text " \
	"format only;\n" \
	"                           NO_COLOR turns auto off)\n" \
	"      --target NAME        only the output NAME of each profile\n" \
	"      --env                render env_var() from the environment, " \
	"not defaults\n" \
	"      --config FILE        use this configuration file\n" \
	"      --no-config          use no configuration file\n" \
	"      --stdin-filename NAME  the name to report for -\n" \
	"      --strict             warnings fail too (exit 1)\n" \
	"      --exit-zero          exit 0 even with findings (gradual " \
	"roll-out)\n" \
	"  -q, --quiet              no summary line\n" \
	"      --max-size BYTES     largest input accepted (default: 1M)\n" \
	"  -h, --help               show this help\n" \
	"\n" \
	"exit status: 0 no error-level findings, 1 findings (warnings too " \
	"with --strict),\n" \
	"2 usage, configuration or I/O error, 3 internal error\n"

const char lint_usage[] =
	"usage: floe-profiles lint [options] PROFILES.yml... (- for stdin)\n"
	"\n"
	"Report what will break when dbt-duckdb connects with these "
	"profiles.\n"
	"\n"
	"options:\n"
	"      --platform FILE      hold the profiles against this platform."
	"yaml\n"
	"                           (or manifest.yaml)\n"
	"      --set NAME=VALUE     fill the manifest's {NAME} placeholders\n"
	"      --catalog NAME       the platform catalog (default: 'default' "
	"or the only one)\n"
	"      --alias NAME         the attach alias generate writes "
	"(default: the\n"
	"                           configuration's, else polaris_catalog)\n"
	COMMON_OPTIONS;

const char check_usage[] =
	"usage: floe-profiles check --platform [TARGET=]PLATFORM.yaml... "
	"[options]\n"
	"                           PROFILES.yml...\n"
	"\n"
	"The CI pre-deploy gate: every lint rule with the platform "
	"cross-checks on\n"
	"(drift from what generate writes), and with --project the dbt "
	"project's\n"
	"sources held against the profile and the platform, in one report.\n"
	"\n"
	"options:\n"
	"      --platform FILE      the platform.yaml (or manifest.yaml) the "
	"profiles\n"
	"                           must match\n"
	"      --platform TARGET=FILE  pair an output with its environment's "
	"platform;\n"
	"                           repeat it (a plain FILE covers the other "
	"outputs)\n"
	"      --set NAME=VALUE     fill the manifests' {NAME} placeholders; "
	"repeat it\n"
	"      --catalog NAME       the platform catalog (default: 'default' "
	"or the only one)\n"
	"      --alias NAME         the attach alias generate writes "
	"(default: the\n"
	"                           configuration's, else polaris_catalog)\n"
	"      --project DIR        the dbt project (dbt_project.yml, "
	"models/**/*.yml)\n"
	"      --verify             also run the connection sequence on a real "
	"DuckDB\n"
	"                           (as floe-profiles verify does)\n"
	"      --duckdb PATH        libduckdb.so for --verify (default: "
	"$FLOE_DUCKDB_LIB,\n"
	"                           then the loader's search path)\n"
	"      --offline            --verify downloads no extension\n"
	COMMON_OPTIONS;

enum {
	OPT_FORMAT = 256, OPT_COLOR, OPT_TARGET, OPT_ENV, OPT_PLATFORM,
	OPT_CATALOG, OPT_CONFIG, OPT_NO_CONFIG, OPT_STDIN_NAME, OPT_STRICT,
	OPT_EXIT_ZERO, OPT_MAX_SIZE, OPT_PROJECT, OPT_ALIAS, OPT_VERIFY,
	OPT_DUCKDB, OPT_OFFLINE, OPT_SET, OPT_RULES_URL
};

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
	enum floe_format format;
	int color;			/* -1 auto, 0 never, 1 always */
	const char *target, *catalog, *config, *stdin_name, *project, *alias;
	const char *rules_url;
	struct platform_arg platforms[MAX_PLATFORMS];
	size_t nr_platforms;
	struct floe_platform_var sets[MAX_SETS];	/* --set */
	size_t nr_sets;
	int use_env, no_config, strict, exit_zero, quiet;
	int verify, offline;
	const char *duckdb;
	size_t max;
};

static int add_platform(struct lint_args *a, char *arg)
{
	char *eq = strchr(arg, '=');
	struct platform_arg *p;

	if (a->nr_platforms == MAX_PLATFORMS) {
		cli_error("--platform: at most %d", MAX_PLATFORMS);
		return EXIT_USAGE;
	}
	p = &a->platforms[a->nr_platforms];
	/* TARGET=FILE, unless the '=' belongs to a path ("./a=b.yaml") */
	if (eq && eq != arg && !memchr(arg, '/', (size_t)(eq - arg))) {
		if (!a->check) {
			cli_error("--platform: lint takes one platform file; "
				  "pairing outputs with platforms "
				  "(TARGET=FILE) is check's");
			return EXIT_USAGE;
		}
		*eq = '\0';
		p->target = arg;
		p->path = eq + 1;
	} else {
		p->path = arg;
	}
	for (size_t i = 0; i < a->nr_platforms; i++) {
		const char *t = a->platforms[i].target;

		if ((!t && !p->target) ||
		    (t && p->target && !strcmp(t, p->target))) {
			cli_error("--platform: more than one platform for %s%s%s",
				  p->target ? "target '" : "the other outputs",
				  p->target ? p->target : "",
				  p->target ? "'" : "");
			return EXIT_USAGE;
		}
	}
	a->nr_platforms++;
	return EXIT_CLEAN;
}

static int parse_args(int argc, char **argv, struct lint_args *a, int check)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "env", no_argument, NULL, OPT_ENV },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "set", required_argument, NULL, OPT_SET },
		{ "alias", required_argument, NULL, OPT_ALIAS },
		{ "project", required_argument, NULL, OPT_PROJECT },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "duckdb", required_argument, NULL, OPT_DUCKDB },
		{ "offline", no_argument, NULL, OPT_OFFLINE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
		{ "quiet", no_argument, NULL, 'q' },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "rules-url", required_argument, NULL, OPT_RULES_URL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = check ? check_usage : lint_usage;
	const char *format = "auto";
	int c, r;

	memset(a, 0, sizeof(*a));
	a->check = check;
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
			if (cli_parse_color(optarg, &a->color))
				return EXIT_USAGE;
			break;
		case OPT_TARGET:
			a->target = optarg;
			break;
		case OPT_ENV:
			a->use_env = 1;
			break;
		case OPT_PLATFORM:
			if (!check && a->nr_platforms) {
				cli_error("lint takes one --platform; check "
					  "pairs several with outputs");
				return EXIT_USAGE;
			}
			r = add_platform(a, optarg);
			if (r)
				return r;
			break;
		case OPT_CATALOG:
			a->catalog = optarg;
			break;
		case OPT_SET:
			if (cli_parse_set(optarg, a->sets, &a->nr_sets,
					  MAX_SETS))
				return EXIT_USAGE;
			break;
		case OPT_ALIAS:
			a->alias = optarg;
			break;
		case OPT_PROJECT:
			if (!check) {
				cli_error("--project belongs to 'floe-profiles "
					  "check'");
				return EXIT_USAGE;
			}
			a->project = optarg;
			break;
		case OPT_VERIFY:
		case OPT_DUCKDB:
		case OPT_OFFLINE:
			if (!check) {
				cli_error("%s belongs to 'floe-profiles check' "
					  "(or use 'floe-profiles verify')",
					  argv[optind - 1]);
				return EXIT_USAGE;
			}
			if (c == OPT_VERIFY)
				a->verify = 1;
			else if (c == OPT_OFFLINE)
				a->offline = 1;
			else
				a->duckdb = optarg;
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
			if (cli_parse_max_size(optarg, &a->max))
				return EXIT_USAGE;
			break;
		case OPT_RULES_URL:
			a->rules_url = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			return cli_bad_option(c, argv[optind - 1], usage);
		}
	}
	if (cli_parse_format(format, &a->format))
		return EXIT_USAGE;
	if (a->config && a->no_config) {
		cli_error("--config and --no-config exclude each other");
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		cli_error("no profiles file given");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (check && !a->nr_platforms) {
		cli_error("check needs --platform PLATFORM.yaml");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (a->catalog && !a->nr_platforms) {
		cli_error("--catalog needs --platform");
		return EXIT_USAGE;
	}
	if (a->nr_sets && !a->nr_platforms) {
		cli_error("--set needs --platform");
		return EXIT_USAGE;
	}
	if ((a->duckdb || a->offline) && !a->verify) {
		cli_error("--duckdb and --offline go with --verify");
		return EXIT_USAGE;
	}
	if (a->alias && !floe_is_identifier(a->alias)) {
		cli_error("--alias: '%s' cannot follow ATTACH ... AS "
			  "unquoted: use letters, digits and '_', not a DuckDB "
			  "keyword", a->alias);
		return EXIT_USAGE;
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
				pa->path, strerror(errnum));
	if (err == FLOE_ERR_TOO_BIG)
		return cli_fail(failures, pa->path, "'%s' is larger than %zu bytes "
				"(raise it with --max-size)", pa->path, a->max);
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
	err = floe_platform_load_opts(pa->path, pa->buf, len, &popt,
				      &pa->platform, diags);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG) {
		print_diags_gcc(diags, stderr);
		/* its errors say where the platform file is broken */
		for (size_t i = 0; i < diags->nr; i++)
			if (diags->items[i].severity == FLOE_SEV_ERROR &&
			    floe_diags_addf(failures, FLOE_SEV_ERROR, NULL,
					    diags->items[i].loc, "%s",
					    diags->items[i].message))
				return EXIT_INTERNAL;
		return cli_fail(failures, pa->path, "the platform file '%s' has "
				"errors", pa->path);
	}
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
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
	if (!a->quiet)
		print_diags_gcc(diags, stderr);
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
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
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

static int run(int argc, char **argv, int check)
{
	struct lint_args a;
	struct floe_lint_options opt;
	struct floe_config *config = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT, pdiags = FLOE_DIAGS_INIT;
	struct floe_diags vdiags = FLOE_DIAGS_INIT;
	struct floe_diags failures = FLOE_DIAGS_INIT;
	struct floe_verify_log vlog = FLOE_VERIFY_LOG_INIT;
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts ropts;
	struct floe_profiles_options popt;
	struct floe_profiles **models = NULL;
	char **bufs = NULL;
	struct floe_report_file *texts = NULL;
	struct floe_project *project = NULL;
	struct cli_names names = { NULL, NULL, 0 };
	struct cli_names fnames = { NULL, NULL, 0 };
	char *report = NULL, *found = NULL;
	size_t report_len = 0, files = 0;
	int ret, r;
	enum floe_err err;

	ret = parse_args(argc, argv, &a, check);
	if (ret)
		return ret < 0 ? EXIT_CLEAN : ret;

	memset(&opt, 0, sizeof(opt));
	opt.target = a.target;
	opt.use_env = a.use_env;
	opt.catalog = a.catalog;
	opt.limits = floe_yaml_default_limits();
	opt.limits.max_bytes = a.max;

	/* found here, so that a failure can name it after the lookup */
	if (!a.config && !a.no_config)
		found = floe_config_find(".");
	ret = cli_load_config(a.config ? a.config : found, a.no_config,
			      &config, &failures);
	if (ret)
		goto report;
	if (config)
		opt.levels = floe_config_levels(config);
	opt.alias = a.alias ? a.alias : floe_config_alias(config);
	for (size_t i = 0; i < a.nr_platforms; i++) {
		ret = load_platform(&a, &a.platforms[i], &pdiags, &failures);
		if (ret)
			goto report;
	}
	if (a.nr_platforms) {
		opt.platform_for = platform_for;
		opt.platform_arg = &a;
	}

	/* each file is read and parsed once: every step below uses its model */
	bufs = calloc((size_t)argc, sizeof(*bufs));
	models = calloc((size_t)argc, sizeof(*models));
	texts = calloc((size_t)argc, sizeof(*texts));	/* for the report */
	if (!bufs || !models || !texts) {
		ret = EXIT_INTERNAL;
		goto out;
	}
	memset(&popt, 0, sizeof(popt));
	popt.target = a.target;
	popt.use_env = a.use_env;
	popt.limits = opt.limits;
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		const char *name = strcmp(path, "-") ? path
				   : a.stdin_name ? a.stdin_name : "<stdin>";
		size_t len;
		int errnum;

		err = floe_read_file(path, a.max, &bufs[files], &len, &errnum);
		if (err == FLOE_ERR_IO) {
			/* the other files are still checked; exit 2 at the end */
			if (cli_fail(&failures, name, "cannot read '%s': %s",
				     name, strerror(errnum)) == EXIT_INTERNAL) {
				ret = EXIT_INTERNAL;
				goto out;
			}
			continue;
		}
		if (err == FLOE_ERR_TOO_BIG) {
			struct floe_loc loc = { name, { 1, 1 }, { 1, 2 } };

			if (floe_diags_addf(&diags, FLOE_SEV_ERROR, "FP001",
					    loc, "the file is larger than the "
					    "limit of %zu bytes (raise it with "
					    "--max-size)", a.max)) {
				ret = EXIT_INTERNAL;
				goto out;
			}
			continue;
		}
		if (err == FLOE_OK)
			err = floe_profiles_load(name, bufs[files], len, &popt,
						 &models[files]);
		if (err != FLOE_OK) {
			free(bufs[files]);
			bufs[files] = NULL;
			ret = EXIT_INTERNAL;
			goto out;
		}
		texts[files].name = name;
		texts[files].buf = bufs[files];
		texts[files].len = len;
		files++;
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
		}
		err = floe_lint_profiles(models[i], &opt, &diags);
		floe_diags_release(&vdiags);
		opt.merge = NULL;
		if (err == FLOE_ERR_USAGE)
			err = FLOE_OK;	/* --target: checked over all files */
		if (err != FLOE_OK) {
			cli_error("%s", floe_strerror(err));
			ret = EXIT_INTERNAL;
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
				       strerror(errnum));
			goto report;
		}
		if (err != FLOE_OK) {
			cli_error("%s", floe_strerror(err));
			ret = EXIT_INTERNAL;
			goto out;
		}
	}

	if (a.verify && !a.quiet && vlog.duckdb_version)
		fprintf(stderr, "verified on DuckDB %s\n", vlog.duckdb_version);

report:
	if (ret == EXIT_INTERNAL)
		goto out;
	/* a run that stopped early (ret is EXIT_USAGE) was said on stderr:
	 * the formats for people add nothing; the machine formats report
	 * what was checked and what could not be, never a clean run */
	if (ret && (a.format == FLOE_FORMAT_TEXT ||
		    a.format == FLOE_FORMAT_GCC))
		goto out;
	floe_diags_sort(&diags);
	if (a.format == FLOE_FORMAT_GITHUB || a.format == FLOE_FORMAT_SARIF ||
	    a.format == FLOE_FORMAT_GITLAB) {
		cli_repo_relative(&diags, &names);
		cli_repo_relative(&failures, &fnames);
		cli_rename_texts(texts, files, &names);
	}
	memset(&ropts, 0, sizeof(ropts));
	ropts.color = cli_use_color(a.format, a.color);
	ropts.tool_version = FLOE_VERSION;
	ropts.rules = &rules;
	ropts.rules_url = a.rules_url ? a.rules_url : FLOE_RULES_URL;
	ropts.files = texts;
	ropts.nr_files = files;
	ropts.failures = &failures;
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
	if (ret)
		goto out;
	if (a.format == FLOE_FORMAT_TEXT && !a.quiet)
		cli_summary(&diags, files);

	r = diags.nr_errors || (a.strict && diags.nr_warnings);
	ret = r && !a.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
	if (failures.nr)
		ret = EXIT_USAGE;	/* some files could not be checked */
out:
	for (size_t i = 0; models && i < files; i++)
		floe_profiles_free(models[i]);
	for (size_t i = 0; bufs && i < files; i++)
		free(bufs[i]);
	free(models);
	free(bufs);
	free(texts);
	free(report);
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
	cli_names_release(&names);
	cli_names_release(&fnames);
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
