/*
 * floe-profiles: generate and check dbt-duckdb profiles for Polaris.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"

const struct cli_command cli_commands[] = {
	{ "generate", cmd_generate,
	  "write a dbt-duckdb profiles.yml from platform.yaml",
	  &generate_usage, "@file", 0 },
	{ "lint", cmd_lint,
	  "report what will break in a dbt-duckdb profiles.yml", &lint_usage,
	  "@file", 0 },
	{ "check", cmd_check,
	  "the CI gate: profiles vs platform, dbt project and themselves",
	  &check_usage, "@file", 0 },
	{ "sql", cmd_sql,
	  "print the SQL dbt-duckdb runs when it connects", &sql_usage,
	  "@file", 0 },
	{ "upgrade-check", cmd_upgrade,
	  "what breaks when a profile moves to another DuckDB release",
	  &upgrade_usage, "@file", 0 },
	{ "verify", cmd_verify,
	  "run a profile's connection sequence on a real DuckDB",
	  &verify_usage, "@file", 0 },
	{ "rules", cmd_rules, "list every lint rule", &rules_usage, NULL, 0 },
	{ "explain", cmd_explain, "explain one lint rule", &explain_usage,
	  "@rules", 0 },
	{ "help", cmd_help, "show help for a command", &help_usage,
	  "@commands", 0 },
	{ "completion", cmd_completion,
	  "print a shell completion script (bash, zsh, fish)",
	  &completion_usage, "bash zsh fish", 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0 }
};

/* The options that come before a command; main() matches them itself. */
const struct cli_option cli_global_options[] = {
	OPT_HELP(),
	{ CLI_OPT_BOOL, 'V', 0, 0, "version", NULL, "print the version", NULL,
	  NULL },
	OPT_END()
};

static void usage(FILE *f)
{
	fputs("usage: floe-profiles <command> [options] [args]\n"
	      "       floe-profiles --version | --help\n\ncommands:\n", f);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!c->hidden)
			fprintf(f, "  %-13s %s\n", c->name, c->summary);
	fputs("\nexit status: 0 done, 1 the input has errors, "
	      "2 usage or I/O error, 3 internal error\n"
	      "'floe-profiles help <command>' shows a command's options; "
	      "see also floe-profiles(1).\n", f);
}

struct help_args {
	int options_json;
};

/* --options-json is for the docs test, not for people: hidden */
static const struct cli_option help_options[] = {
	{ CLI_OPT_BOOL, 0, CLI_OPT_HIDDEN,
	  CLI_OPT_AT(struct help_args, options_json, int), "options-json",
	  NULL, "print every command's options as JSON", NULL, NULL },
	OPT_HELP(),
	OPT_END()
};

const struct cli_usage help_usage = {
	"help",
	"usage: floe-profiles help [COMMAND]\n",
	"Print the command list, or the usage of COMMAND (the same text as\n"
	"'floe-profiles COMMAND --help').\n",
	help_options,
	NULL
};

static void json_options(const char *name, const struct cli_option *opts,
			 int *first)
{
	int first_opt = 1;

	printf("%s\n  \"%s\": [", *first ? "" : ",", name);
	*first = 0;
	for (const struct cli_option *o = opts; o->type; o++) {
		if (!cli_option_is_shown(o))
			continue;
		printf("%s\n    {\"short\": ", first_opt ? "" : ",");
		first_opt = 0;
		if (o->short_name)
			printf("\"-%c\"", o->short_name);
		else
			fputs("null", stdout);
		fputs(", \"long\": ", stdout);
		if (o->long_name)
			printf("\"--%s\"", o->long_name);
		else
			fputs("null", stdout);
		fputs(", \"arg\": ", stdout);
		if (o->argh)
			printf("\"%s\"", o->argh);
		else
			fputs("null", stdout);
		fputc('}', stdout);
	}
	fputs("\n  ]", stdout);
}

/* Every command's options, for tests/cli/check_options_doc.py. */
static void options_json(void)
{
	int first = 1;

	fputc('{', stdout);
	json_options("", cli_global_options, &first);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!c->hidden)
			json_options(c->name, c->usage->options, &first);
	fputs("\n}\n", stdout);
}

int cmd_help(int argc, char **argv)
{
	struct help_args a = { 0 };
	int nr_args, ret;

	ret = parse_options(argc, argv, &help_usage, &a, &nr_args);
	if (ret)
		return ret == CLI_PARSE_HELP ? EXIT_CLEAN : ret;
	if (a.options_json) {
		options_json();
		return EXIT_CLEAN;
	}
	if (!nr_args) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(argv[0], c->name)) {
			cli_usage_print(c->usage, stdout);
			return EXIT_CLEAN;
		}
	return cli_error("no help for '%s'", argv[0]);
}

static int is_global(const char *arg, int short_name)
{
	for (const struct cli_option *o = cli_global_options; o->type; o++)
		if (o->short_name == short_name)
			return (arg[1] == short_name && !arg[2]) ||
			       (arg[1] == '-' && !strcmp(arg + 2, o->long_name));
	return 0;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (is_global(argv[1], 'h')) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (is_global(argv[1], 'V')) {
		printf("floe-profiles %s\n", FLOE_VERSION);
		return EXIT_CLEAN;
	}
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->fn(argc - 1, argv + 1);
	cli_error("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}

/*
 * Whatever the command, output that did not reach standard output (a full
 * disk, a closed file) is a failed run: exit 2 with the reason, never a
 * silent 0 or 1.  A command that already failed with 2 or 3 said why.
 */
static int close_stdout(int ret)
{
	int err = 0, failed = 0;

	errno = 0;
	if (fflush(stdout)) {
		failed = 1;
		err = errno;
	}
	if (ferror(stdout))
		failed = 1;
	errno = 0;
	if (fclose(stdout)) {
		if (!err)
			err = errno;
		failed = 1;
	}
	if (!failed || ret >= EXIT_USAGE)
		return ret;
	if (err)
		cli_error("cannot write to standard output: %s", strerror(err));
	else
		cli_error("cannot write to standard output");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	cli_save_argv(argc, argv);
	return close_stdout(run(argc, argv));
}
