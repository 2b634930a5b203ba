/*
 * floe-profiles: generate and check dbt-duckdb profiles for Polaris.
 */
#include <string.h>

#include "cli.h"

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage;
} commands[] = {
	{ "generate", cmd_generate,
	  "write a dbt-duckdb profiles.yml from platform.yaml",
	  generate_usage },
	{ "lint", cmd_lint,
	  "report what will break in a dbt-duckdb profiles.yml", lint_usage },
	{ "check", cmd_check,
	  "the CI gate: profiles vs platform, dbt project and themselves",
	  check_usage },
	{ "sql", cmd_sql,
	  "print the SQL dbt-duckdb runs when it connects", sql_usage },
	{ "verify", cmd_verify,
	  "run a profile's connection sequence on a real DuckDB",
	  verify_usage },
	{ "rules", cmd_rules, "list every lint rule", rules_usage },
	{ "explain", cmd_explain, "explain one lint rule", explain_usage },
	{ "help", cmd_help, "show help for a command", NULL },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("usage: floe-profiles <command> [options] [args]\n"
	      "       floe-profiles --version | --help\n\ncommands:\n", f);
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\nexit status: 0 done, 1 the input has errors, "
	      "2 usage or I/O error, 3 internal error\n"
	      "'floe-profiles help <command>' shows a command's options; "
	      "see also floe-profiles(1).\n", f);
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name) && commands[i].usage) {
			fputs(commands[i].usage, stdout);
			return EXIT_CLEAN;
		}
	cli_error("no help for '%s'", argv[1]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("floe-profiles %s\n", FLOE_VERSION);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	cli_error("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
