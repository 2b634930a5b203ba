/*
 * floe-profiles generate: platform.yaml (or manifest.yaml) -> profiles.yml.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "floe/config.h"
#include "floe/diff.h"
#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/platform.h"

struct input {
	const char *target;
	const char *path;		/* as given; "-" is standard input */
	const char *name;		/* for messages and the header */
	char *rel;			/* relative to -o's folder, owned */
	char *buf;
	size_t len;
	struct floe_platform *platform;
};

struct generate_args {
	const char *output, *catalog, *compute, *storage, *profile_name;
	const char *alias, *config, *single_target;
	int no_config, check;
	size_t max;
	struct input *inputs;		/* one per --target NAME=FILE */
	size_t nr;
	struct floe_platform_var *vars;	/* one per --set NAME=VALUE */
	size_t nr_vars, max_vars;
};

/* --target NAME, or --target NAME=FILE (repeated): one output per file. */
static int opt_target(const struct cli_option *opt, const char *value,
		      void *base)
{
	struct generate_args *a = base;
	char *arg = (char *)(uintptr_t)value;	/* argv is ours */
	char *eq = strchr(arg, '=');

	(void)opt;
	if (!eq) {
		a->single_target = arg;
		return 0;
	}
	*eq = '\0';
	a->inputs[a->nr].target = arg;
	a->inputs[a->nr].path = eq + 1;
	a->nr++;
	return 0;
}

static int opt_set(const struct cli_option *opt, const char *value,
		   void *base)
{
	struct generate_args *a = base;

	(void)opt;
	return cli_parse_set((char *)(uintptr_t)value, a->vars, &a->nr_vars,
			     a->max_vars);
}

#define A struct generate_args
static const struct cli_option generate_options[] = {
	OPT_STRING('o', "output", A, output, "FILE",
		   "write FILE atomically (default: stdout)", "@file"),
	OPT_BOOL(0, "check", A, check,
		 "write nothing; exit 1 with a unified diff when FILE\n"
		 "(-o) is not what generate would write"),
	OPT_STRING(0, "catalog", A, catalog, "NAME",
		   "catalog entry (default: 'default', or the only one)", NULL),
	OPT_STRING(0, "compute", A, compute, "NAME",
		   "compute entry (default: 'default', or the only one)", NULL),
	OPT_STRING(0, "storage", A, storage, "NAME",
		   "storage entry (default: 'default', the only one, or none)",
		   NULL),
	OPT_STRING(0, "profile-name", A, profile_name, "NAME",
		   "top-level profile name (default: floe)", NULL),
	OPT_CALLBACK(0, "target", "NAME",
		     "output (target) name (default: dev)", opt_target, NULL),
	OPT_ALSO("target", "NAME=FILE",
		 "one output per platform file; repeat it;\n"
		 "the first is the profile's default target"),
	OPT_STRING(0, "alias", A, alias, "NAME",
		   "attach alias (default: polaris_catalog)", NULL),
	OPT_CALLBACK(0, "set", "NAME=VALUE",
		     "fill a manifest's {NAME} placeholders; repeat it",
		     opt_set, NULL),
	OPT_CALLBACK_AT(0, "max-size", A, max, size_t, "BYTES",
			"largest input accepted (default: 1M; k, M, G suffixes)",
			cli_opt_max_size, NULL),
	OPT_STRING(0, "config", A, config, "FILE",
		   "take defaults from this configuration", "@file"),
	OPT_BOOL(0, "no-config", A, no_config,
		 "use no configuration file (default: the nearest\n"
		 ".floe-profiles.yaml up to the repository root)"),
	OPT_HELP(),
	OPT_END()
};
#undef A

const struct cli_usage generate_usage = {
	"generate",
	"usage: floe-profiles generate [options] PLATFORM.yaml (or "
	"manifest.yaml)\n"
	"       floe-profiles generate [options] --target NAME=PLATFORM.yaml "
	"...\n",
	"Write a dbt-duckdb profiles.yml whose attach: entry connects to the\n"
	"platform's Polaris catalog with inline OAuth2 credentials.\n",
	generate_options,
	"exit status: 0 written, 1 the platform file has errors (nothing is "
	"written),\n"
	"2 usage or I/O error, 3 internal error\n"
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

		floe_diags_addf(diags, FLOE_SEV_ERROR, FLOE_RULE_NONE, loc,
				"the file is larger than the limit of %zu "
				"bytes (raise it with --max-size)", max);
		return EXIT_FINDINGS;
	}
	if (err == FLOE_ERR_IO)
		return cli_error("cannot read '%s': %s", in->name,
				 floe_io_strerror(errnum));
	if (err != FLOE_OK)
		return cli_internal(err);
	err = floe_platform_load_opts(in->name, in->buf, in->len, &popt,
				      &in->platform, diags);
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG)
		return EXIT_FINDINGS;
	if (err != FLOE_OK)
		return cli_internal(err);
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
		ret = cli_error("cannot read '%s': %s", path,
				err == FLOE_ERR_IO ? floe_io_strerror(errnum)
						   : floe_strerror(err));
		return err == FLOE_ERR_NOMEM ? EXIT_INTERNAL : ret;
	}
	err = floe_diff(path, have ? have : "", have_len, path, want,
			want_len, &diff, &diff_len);
	if (err != FLOE_OK) {
		ret = cli_internal(err);
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
	struct generate_args a;
	struct floe_gen_options opt;
	struct floe_gen_target *targets = NULL;
	struct input *inputs = NULL;
	struct floe_platform_var *vars = NULL;
	struct floe_diags diags = FLOE_DIAGS_INIT;
	const char *output, *single_target;
	struct floe_config *config = NULL;
	size_t nr = 0;
	char *out = NULL, *diag_text = NULL;
	size_t out_len = 0, diag_len = 0;
	enum floe_err err;
	int ret = EXIT_CLEAN, errnum, nr_args;

	memset(&opt, 0, sizeof(opt));
	memset(&a, 0, sizeof(a));
	a.max = FLOE_YAML_MAX_BYTES;
	inputs = calloc((size_t)argc, sizeof(*inputs));
	targets = calloc((size_t)argc, sizeof(*targets));
	vars = calloc((size_t)argc, sizeof(*vars));
	if (!inputs || !targets || !vars) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}
	a.inputs = inputs;
	a.vars = vars;
	a.max_vars = (size_t)argc;
	ret = parse_options(argc, argv, &generate_usage, &a, &nr_args);
	nr = a.nr;
	if (ret) {
		if (ret == CLI_PARSE_HELP)
			ret = EXIT_CLEAN;
		goto out;
	}
	output = a.output;
	single_target = a.single_target;
	opt.catalog = a.catalog;
	opt.compute = a.compute;
	opt.storage = a.storage;
	opt.profile_name = a.profile_name;
	opt.alias = a.alias;

	if (a.check && (!output || !strcmp(output, "-"))) {
		ret = cli_error("--check needs -o FILE: the file to compare "
				"with");
		goto out;
	}
	if (a.config && a.no_config) {
		ret = cli_error("--config and --no-config exclude each other");
		goto out;
	}
	ret = cli_load_config(a.config, a.no_config, &config, NULL);
	if (ret)
		goto out;
	/* the configuration gives defaults; options win */
	if (!opt.profile_name)
		opt.profile_name = floe_config_profile_name(config);
	if (!opt.alias)
		opt.alias = floe_config_alias(config);
	if (!single_target && !nr)
		single_target = floe_config_target(config);

	if (nr && (single_target || nr_args)) {
		ret = cli_error("give either PLATFORM.yaml (and --target NAME) "
				"or --target NAME=PLATFORM.yaml options, not "
				"both");
		goto out;
	}
	if (!nr) {
		if (nr_args != 1) {
			ret = cli_error(!nr_args ? "no platform file given"
					: "more than one platform file given");
			cli_usage_print(&generate_usage, stderr);
			goto out;
		}
		inputs[0].target = single_target ? single_target
						 : FLOE_GEN_DEFAULT_TARGET;
		inputs[0].path = argv[0];
		nr = 1;
	}
	if (opt.alias && !floe_is_identifier(opt.alias)) {
		ret = cli_error("--alias: '%s' cannot follow ATTACH ... AS "
				"unquoted, as dbt-duckdb writes it: use "
				"letters, digits and '_', not a DuckDB keyword",
				opt.alias);
		goto out;
	}
	for (size_t i = 0; i < nr; i++) {
		if (!*inputs[i].target) {
			ret = cli_error("--target: the target name is empty");
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(inputs[i].target, inputs[j].target)) {
				ret = cli_error("--target: '%s' is given twice",
						inputs[i].target);
				goto out;
			}
	}
	/* dbt renders the `target:` value as Jinja: no tags in names */
	for (size_t i = 0; i < nr; i++)
		if (has_jinja(inputs[i].target)) {
			ret = cli_error("--target: '%s' contains '{{', '{%%' "
					"or '{#', which dbt would render as "
					"Jinja", inputs[i].target);
			goto out;
		}
	if (opt.profile_name && !*opt.profile_name) {
		ret = cli_error("--profile-name: the name is empty");
		goto out;
	}

	for (size_t i = 0; i < nr; i++) {
		int r = load(&inputs[i], a.max, vars, a.nr_vars, &diags);

		if (r > ret)
			ret = r;
		if (ret == EXIT_INTERNAL)
			goto out;
		targets[i].name = inputs[i].target;
		targets[i].platform = inputs[i].platform;
		/*
		 * Written to a file, the header names the platform relative
		 * to that file's folder, so the bytes do not depend on the
		 * folder generate runs in (generate --check in CI).
		 */
		if (output && strcmp(output, "-") && strcmp(inputs[i].path, "-")) {
			targets[i].source = inputs[i].rel =
				cli_relative_to(inputs[i].path, output);
			if (!inputs[i].rel && errno == ENOMEM) {
				ret = cli_internal(FLOE_ERR_NOMEM);
				goto out;
			}
		}
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
		ret = cli_error("invalid options");
		goto out;
	case FLOE_ERR_NOMEM:
	case FLOE_ERR_IO:
	case FLOE_ERR_TOO_BIG:
	case FLOE_ERR_INTERNAL:
	case FLOE_ERR__COUNT:
		ret = cli_internal(err);
		goto out;
	}
	/*
	 * The warnings are rendered before anything is written: memory
	 * running out once the profile is out would leave half a run.
	 */
	floe_diags_sort(&diags);
	if (cli_render_diags(&diags, &diag_text, &diag_len)) {
		ret = cli_internal(FLOE_ERR_NOMEM);
		goto out;
	}

	if (a.check) {
		ret = check_file(output, out, out_len);
	} else if (!output || !strcmp(output, "-")) {
		if (fwrite(out, 1, out_len, stdout) != out_len ||
		    fflush(stdout))
			ret = cli_error("cannot write to standard output: %s",
					strerror(errno));
	} else if ((err = floe_write_atomic(output, out, out_len,
					    &errnum)) != FLOE_OK) {
		ret = cli_error("cannot write '%s': %s", output,
				err == FLOE_ERR_IO ? floe_io_strerror(errnum)
						   : floe_strerror(err));
		if (err != FLOE_ERR_IO)
			ret = EXIT_INTERNAL;
	}
out:
	/* out of memory: that is all there is to say */
	if (diag_text && ret != EXIT_INTERNAL) {
		fwrite(diag_text, 1, diag_len, stderr);
	} else if (!diag_text && ret != EXIT_INTERNAL) {
		floe_diags_sort(&diags);
		if (print_diags_gcc(&diags, stderr))
			ret = cli_internal(FLOE_ERR_NOMEM);
	}
	free(diag_text);
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
