/*
 * floe-profiles generate: platform.yaml (or manifest.yaml) -> profiles.yml.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/diff.h"
#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/platform.h"

const char generate_usage[] =
	"usage: floe-profiles generate [options] PLATFORM.yaml (or "
	"manifest.yaml)\n"
	"       floe-profiles generate [options] --target NAME=PLATFORM.yaml "
	"...\n"
	"\n"
	"Write a dbt-duckdb profiles.yml whose attach: entry connects to the\n"
	"platform's Polaris catalog with inline OAuth2 credentials.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE        write FILE atomically (default: stdout)\n"
	"      --check              write nothing; exit 1 with a unified diff "
	"when FILE\n"
	"                           (-o) is not what generate would write\n"
	"      --catalog NAME       catalog entry (default: 'default', or the "
	"only one)\n"
	"      --compute NAME       compute entry (default: 'default', or the "
	"only one)\n"
	"      --storage NAME       storage entry (default: 'default', the only"
	" one, or none)\n"
	"      --profile-name NAME  top-level profile name (default: floe)\n"
	"      --target NAME        output (target) name (default: dev)\n"
	"      --target NAME=FILE   one output per platform file; repeat it;\n"
	"                           the first is the profile's default target\n"
	"      --alias NAME         attach alias (default: polaris_catalog)\n"
	"      --set NAME=VALUE     fill a manifest's {NAME} placeholders; "
	"repeat it\n"
	"      --max-size BYTES     largest input accepted (default: 1M; "
	"k, M, G suffixes)\n"
	"      --config FILE        take defaults from this configuration\n"
	"      --no-config          use no configuration file (default: the "
	"nearest\n"
	"                           .floe-profiles.yaml up to the repository "
	"root)\n"
	"  -h, --help               show this help\n"
	"\n"
	"exit status: 0 written, 1 the platform file has errors (nothing is "
	"written),\n"
	"2 usage or I/O error, 3 internal error\n";

enum {
	OPT_CATALOG = 256, OPT_COMPUTE, OPT_STORAGE, OPT_PROFILE, OPT_TARGET,
	OPT_ALIAS, OPT_MAX_SIZE, OPT_CONFIG, OPT_NO_CONFIG, OPT_CHECK,
	OPT_SET
};

struct input {
	const char *target;
	const char *path;		/* as given; "-" is standard input */
	const char *name;		/* for messages and the header */
	char *rel;			/* relative to -o's folder, owned */
	char *buf;
	size_t len;
	struct floe_platform *platform;
};

static int load(struct input *in, size_t max,
		const struct floe_platform_var *vars, size_t nr_vars,
		struct floe_diags *diags)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_platform_options popt = { &lim, vars, nr_vars };
	enum floe_err err;
	int errnum;

	lim.max_bytes = max;
	in->name = strcmp(in->path, "-") ? in->path : "<stdin>";
	err = floe_read_file(in->path, max, &in->buf, &in->len, &errnum);
	if (err == FLOE_ERR_TOO_BIG) {
		struct floe_loc loc = { in->name, { 1, 1 }, { 1, 1 } };

		floe_diags_addf(diags, FLOE_SEV_ERROR, NULL, loc,
				"the file is larger than the limit of %zu "
				"bytes (raise it with --max-size)", max);
		return EXIT_FINDINGS;
	}
	if (err == FLOE_ERR_IO) {
		cli_error("cannot read '%s': %s", in->name, strerror(errnum));
		return EXIT_USAGE;
	}
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
	err = floe_platform_load_opts(in->name, in->buf, in->len, &popt,
				      &in->platform, diags);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG)
		return EXIT_FINDINGS;
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		return EXIT_INTERNAL;
	}
	return EXIT_CLEAN;
}

static int has_jinja(const char *s)
{
	return s && (strstr(s, "{{") || strstr(s, "{%") || strstr(s, "{#"));
}

/*
 * generate --check: compare with the file on disk and print a unified
 * diff that `patch -p0` applies.  A missing file counts as empty.
 */
static int check_file(const char *path, const char *want, size_t want_len)
{
	char *have = NULL, *diff = NULL;
	size_t have_len = 0, diff_len = 0;
	int errnum, ret = EXIT_CLEAN;
	enum floe_err err;

	err = floe_read_file(path, 16 * 1024 * 1024, &have, &have_len,
			     &errnum);
	if (err == FLOE_ERR_IO && errnum == ENOENT) {
		have_len = 0;
	} else if (err != FLOE_OK) {
		cli_error("cannot read '%s': %s", path,
			  err == FLOE_ERR_IO ? strerror(errnum)
					     : floe_strerror(err));
		return err == FLOE_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE;
	}
	err = floe_diff(path, have ? have : "", have_len, path, want,
			want_len, &diff, &diff_len);
	if (err != FLOE_OK) {
		cli_error("%s", floe_strerror(err));
		ret = EXIT_INTERNAL;
	} else if (diff_len) {
		fwrite(diff, 1, diff_len, stdout);
		cli_error("'%s' is not what generate writes; run the same "
			  "command without --check to update it", path);
		ret = EXIT_FINDINGS;
	}
	free(have);
	free(diff);
	return ret;
}

int cmd_generate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "compute", required_argument, NULL, OPT_COMPUTE },
		{ "storage", required_argument, NULL, OPT_STORAGE },
		{ "profile-name", required_argument, NULL, OPT_PROFILE },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "alias", required_argument, NULL, OPT_ALIAS },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "set", required_argument, NULL, OPT_SET },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct floe_gen_options opt;
	struct floe_gen_target *targets = NULL;
	struct input *inputs = NULL;
	struct floe_platform_var *vars = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT;
	const char *output = NULL, *single_target = NULL;
	const char *config_path = NULL;
	int no_config = 0, check = 0;
	struct floe_config *config = NULL;
	size_t nr = 0, nr_vars = 0, max = FLOE_YAML_MAX_BYTES;
	char *out = NULL;
	size_t out_len = 0;
	enum floe_err err;
	int c, ret = EXIT_CLEAN, errnum;

	memset(&opt, 0, sizeof(opt));
	inputs = calloc((size_t)argc, sizeof(*inputs));
	targets = calloc((size_t)argc, sizeof(*targets));
	vars = calloc((size_t)argc, sizeof(*vars));
	if (!inputs || !targets || !vars) {
		cli_error("%s", floe_strerror(FLOE_ERR_NOMEM));
		ret = EXIT_INTERNAL;
		goto out;
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		const char *eq;

		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_CATALOG:
			opt.catalog = optarg;
			break;
		case OPT_COMPUTE:
			opt.compute = optarg;
			break;
		case OPT_STORAGE:
			opt.storage = optarg;
			break;
		case OPT_PROFILE:
			opt.profile_name = optarg;
			break;
		case OPT_ALIAS:
			opt.alias = optarg;
			break;
		case OPT_TARGET:
			eq = strchr(optarg, '=');
			if (!eq) {
				single_target = optarg;
				break;
			}
			inputs[nr].target = optarg;
			inputs[nr].path = eq + 1;
			/* split NAME=FILE in place: argv is ours */
			optarg[eq - optarg] = '\0';
			nr++;
			break;
		case OPT_MAX_SIZE:
			if (cli_parse_max_size(optarg, &max)) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = 1;
			break;
		case OPT_CHECK:
			check = 1;
			break;
		case OPT_SET:
			if (cli_parse_set(optarg, vars, &nr_vars,
					  (size_t)argc)) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		case 'h':
			fputs(generate_usage, stdout);
			goto out;
		default:
			ret = cli_bad_option(c, argv[optind - 1],
					     generate_usage);
			goto out;
		}
	}

	if (check && (!output || !strcmp(output, "-"))) {
		cli_error("--check needs -o FILE: the file to compare with");
		ret = EXIT_USAGE;
		goto out;
	}
	if (config_path && no_config) {
		cli_error("--config and --no-config exclude each other");
		ret = EXIT_USAGE;
		goto out;
	}
	ret = cli_load_config(config_path, no_config, &config, NULL);
	if (ret)
		goto out;
	/* the configuration gives defaults; options win */
	if (!opt.profile_name)
		opt.profile_name = floe_config_profile_name(config);
	if (!opt.alias)
		opt.alias = floe_config_alias(config);
	if (!single_target && !nr)
		single_target = floe_config_target(config);

	if (nr && (single_target || optind < argc)) {
		cli_error("give either PLATFORM.yaml (and --target NAME) or "
			  "--target NAME=PLATFORM.yaml options, not both");
		ret = EXIT_USAGE;
		goto out;
	}
	if (!nr) {
		if (argc - optind != 1) {
			cli_error(argc == optind ? "no platform file given"
				  : "more than one platform file given");
			fputs(generate_usage, stderr);
			ret = EXIT_USAGE;
			goto out;
		}
		inputs[0].target = single_target ? single_target
						 : FLOE_GEN_DEFAULT_TARGET;
		inputs[0].path = argv[optind];
		nr = 1;
	}
	if (opt.alias && !floe_is_identifier(opt.alias)) {
		cli_error("--alias: '%s' cannot follow ATTACH ... AS "
			  "unquoted, as dbt-duckdb writes it: use letters, "
			  "digits and '_', not a DuckDB keyword", opt.alias);
		ret = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < nr; i++) {
		if (!*inputs[i].target) {
			cli_error("--target: the target name is empty");
			ret = EXIT_USAGE;
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(inputs[i].target, inputs[j].target)) {
				cli_error("--target: '%s' is given twice",
					  inputs[i].target);
				ret = EXIT_USAGE;
				goto out;
			}
	}
	/* dbt renders the `target:` value as Jinja: no tags in names */
	for (size_t i = 0; i < nr; i++)
		if (has_jinja(inputs[i].target)) {
			cli_error("--target: '%s' contains '{{', '{%%' or "
				  "'{#', which dbt would render as Jinja",
				  inputs[i].target);
			ret = EXIT_USAGE;
			goto out;
		}
	if (opt.profile_name && !*opt.profile_name) {
		cli_error("--profile-name: the name is empty");
		ret = EXIT_USAGE;
		goto out;
	}

	for (size_t i = 0; i < nr; i++) {
		int r = load(&inputs[i], max, vars, nr_vars, &diags);

		if (r > ret)
			ret = r;
		targets[i].name = inputs[i].target;
		targets[i].platform = inputs[i].platform;
		/*
		 * Written to a file, the header names the platform relative
		 * to that file's folder, so the bytes do not depend on the
		 * folder generate runs in (generate --check in CI).
		 */
		if (output && strcmp(output, "-") && strcmp(inputs[i].path, "-"))
			targets[i].source = inputs[i].rel =
				cli_relative_to(inputs[i].path, output);
	}
	if (ret != EXIT_CLEAN)
		goto out;

	opt.targets = targets;
	opt.nr_targets = nr;
	err = floe_generate(&opt, &out, &out_len, &diags);
	switch (err) {
	case FLOE_OK:
		break;
	case FLOE_ERR_INPUT:
		ret = EXIT_FINDINGS;
		goto out;
	case FLOE_ERR_USAGE:
		cli_error("invalid options");
		ret = EXIT_USAGE;
		goto out;
	case FLOE_ERR_NOMEM:
	case FLOE_ERR_IO:
	case FLOE_ERR_TOO_BIG:
	case FLOE_ERR_INTERNAL:
	case FLOE_ERR__COUNT:
		cli_error("%s", floe_strerror(err));
		ret = EXIT_INTERNAL;
		goto out;
	}

	if (check) {
		ret = check_file(output, out, out_len);
	} else if (!output || !strcmp(output, "-")) {
		if (fwrite(out, 1, out_len, stdout) != out_len ||
		    fflush(stdout)) {
			cli_error("cannot write to standard output: %s",
				  strerror(errno));
			ret = EXIT_USAGE;
		}
	} else if ((err = floe_write_atomic(output, out, out_len,
					    &errnum)) != FLOE_OK) {
		cli_error("cannot write '%s': %s", output,
			  err == FLOE_ERR_IO ? strerror(errnum)
					     : floe_strerror(err));
		ret = err == FLOE_ERR_IO ? EXIT_USAGE : EXIT_INTERNAL;
	}
out:
	floe_diags_sort(&diags);
	print_diags_gcc(&diags, stderr);
	floe_diags_release(&diags);
	for (size_t i = 0; inputs && i < nr; i++) {
		floe_platform_free(inputs[i].platform);
		free(inputs[i].buf);
		free(inputs[i].rel);
	}
	free(inputs);
	free(targets);
	free(vars);
	free(out);
	floe_config_free(config);
	return ret;
}
