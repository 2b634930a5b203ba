/*
 * Unit tests for the CLI's option parser (src/cli/parse-options.c): one
 * table parses argv and generates the usage.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/parse-options.h"

struct args {
	const char *output, *name;
	int flag, quiet, count;
	int calls;
	const char *seen[4];
	int hidden;
};

static int opt_collect(const struct cli_option *opt, const char *value,
		       void *base)
{
	struct args *a = base;

	(void)opt;
	if (!strcmp(value, "bad"))
		return EXIT_USAGE;
	a->seen[a->calls++ % 4] = value;
	return 0;
}

#define A struct args
static const struct cli_option options[] = {
	OPT_STRING('o', "output", A, output, "FILE", "write FILE", "@file"),
	OPT_BOOL(0, "flag", A, flag, "a flag\non two lines"),
	OPT_BOOL('q', "quiet", A, quiet, "quiet"),
	OPT_STRING(0, "name", A, name, "NAME", "a name", NULL),
	OPT_STRING(0, "names", A, name, "NAME", "a name too", NULL),
	OPT_INTEGER(0, "count", A, count, "N", "how many"),
	OPT_CALLBACK(0, "pair", "K=V", "repeatable", opt_collect, NULL),
	OPT_ALSO("pair", "K", "the other form"),
	OPT_CALLBACK(0, "a-very-long-option", "VALUE", "long", opt_collect,
		     NULL),
	{ CLI_OPT_BOOL, 0, CLI_OPT_HIDDEN, CLI_OPT_AT(A, hidden, int), "secret",
	  NULL, "no", NULL, NULL },
	OPT_HELP(),
	OPT_END()
};
#undef A

static const struct cli_usage usage = {
	"test", "usage: test [options] FILE\n", "Test things.\n", options,
	"the end\n"
};

/* A writable copy of the words: the parser moves them around. */
static char *copies[64];
static size_t nr_copies;

static int parse_words(struct args *a, int *nr, char **argv,
		       const char *const *words)
{
	int argc = 0;

	while (words[argc]) {
		argv[argc] = copies[nr_copies++ % 64] = strdup(words[argc]);
		argc++;
	}
	argv[argc] = NULL;
	memset(a, 0, sizeof(*a));
	return parse_options(argc, argv, &usage, a, nr);
}

#define parse(a, nr, words) parse_words((a), (nr), argv, (words))

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < 64; i++) {
		free(copies[i]);
		copies[i] = NULL;
	}
	nr_copies = 0;
	return 0;
}

static void test_parse_options_long_forms_and_values(void **state)
{
	static const char *const words[] = { "test", "--output=x.yml", "--name", "n", "--flag",
			 NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, words), 0);
	assert_string_equal(a.output, "x.yml");
	assert_string_equal(a.name, "n");
	assert_int_equal(a.flag, 1);
	assert_int_equal(nr, 0);
}

static void test_parse_options_short_forms_and_bundles(void **state)
{
	static const char *const argv1[] = { "test", "-ofile", "-q", NULL };
	static const char *const argv2[] = { "test", "-qo", "file", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, argv1), 0);
	assert_string_equal(a.output, "file");
	assert_int_equal(a.quiet, 1);
	assert_int_equal(parse(&a, &nr, argv2), 0);
	assert_string_equal(a.output, "file");
	assert_int_equal(a.quiet, 1);
}

static void test_parse_options_arguments_are_permuted_in_order(void **state)
{
	static const char *const words[] = { "test", "a", "-q", "-", "--name=n", "b", "--", "-q",
			 NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	unsetenv("POSIXLY_CORRECT");
	assert_int_equal(parse(&a, &nr, words), 0);
	assert_int_equal(nr, 4);
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "-");
	assert_string_equal(argv[2], "b");
	assert_string_equal(argv[3], "-q");	/* after --: an argument */
	assert_null(argv[4]);
	assert_int_equal(a.quiet, 1);
}

static void test_parse_options_posixly_correct_stops_at_an_argument(
	void **state)
{
	static const char *const words[] = { "test", "-q", "a", "--flag", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	setenv("POSIXLY_CORRECT", "1", 1);
	assert_int_equal(parse(&a, &nr, words), 0);
	unsetenv("POSIXLY_CORRECT");
	assert_int_equal(nr, 2);
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "--flag");
	assert_int_equal(a.flag, 0);
}

static void test_parse_options_repeats_last_string_wins_callback_sees_all(
	void **state)
{
	static const char *const words[] = { "test", "--name", "a", "--name=b", "--pair", "x=1",
			 "--pair=y", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, words), 0);
	assert_string_equal(a.name, "b");
	assert_int_equal(a.calls, 2);
	assert_string_equal(a.seen[0], "x=1");
	assert_string_equal(a.seen[1], "y");
}

static void test_parse_options_callback_error_stops(void **state)
{
	static const char *const words[] = { "test", "--pair", "bad", "--flag", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, words), EXIT_USAGE);
	assert_int_equal(a.flag, 0);
}

static void test_parse_options_integer_is_checked(void **state)
{
	static const char *const ok[] = { "test", "--count", "-12", NULL };
	static const char *const junk[] = { "test", "--count=12x", NULL };
	static const char *const empty[] = { "test", "--count=", NULL };
	static const char *const big[] = { "test", "--count", "99999999999", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, ok), 0);
	assert_int_equal(a.count, -12);
	assert_int_equal(parse(&a, &nr, junk), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, empty), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, big), EXIT_USAGE);
}

static void test_parse_options_usage_errors(void **state)
{
	static const char *const missing[] = { "test", "file", "--name", NULL };
	static const char *const missing_short[] = { "test", "-o", NULL };
	static const char *const unknown[] = { "test", "--frobnicate", NULL };
	static const char *const unknown_short[] = { "test", "-qz", NULL };
	static const char *const no_value[] = { "test", "--flag=1", NULL };
	static const char *const ambiguous[] = { "test", "--na", "x", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, missing), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, missing_short), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, unknown), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, unknown_short), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, no_value), EXIT_USAGE);
	assert_int_equal(parse(&a, &nr, ambiguous), EXIT_USAGE);
}

static void test_parse_options_prefixes_exact_names_win(void **state)
{
	static const char *const unique[] = { "test", "--out", "f", "--fl", NULL };
	static const char *const exact[] = { "test", "--name", "x", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, unique), 0);
	assert_string_equal(a.output, "f");
	assert_int_equal(a.flag, 1);
	/* --name is also a prefix of --names: the exact name wins */
	assert_int_equal(parse(&a, &nr, exact), 0);
	assert_string_equal(a.name, "x");
}

static void test_parse_options_hidden_parses_help_stops(void **state)
{
	static const char *const hidden[] = { "test", "--secret", NULL };
	static const char *const help[] = { "test", "-qh", "--frobnicate", NULL };
	char *argv[16];
	struct args a;
	int nr;

	(void)state;
	assert_int_equal(parse(&a, &nr, hidden), 0);
	assert_int_equal(a.hidden, 1);
	assert_int_equal(parse(&a, &nr, help), CLI_PARSE_HELP);
}

static void test_parse_options_usage_is_generated_from_the_table(
	void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	cli_usage_print(&usage, f);
	fclose(f);
	assert_string_equal(buf,
		"usage: test [options] FILE\n"
		"\n"
		"Test things.\n"
		"\n"
		"options:\n"
		"  -o, --output FILE        write FILE\n"
		"      --flag               a flag\n"
		"                           on two lines\n"
		"  -q, --quiet              quiet\n"
		"      --name NAME          a name\n"
		"      --names NAME         a name too\n"
		"      --count N            how many\n"
		"      --pair K=V           repeatable\n"
		"      --pair K             the other form\n"
		"      --a-very-long-option VALUE  long\n"
		"  -h, --help               show this help\n"
		"\n"
		"the end\n");
	free(buf);
}

/*
 * --max-size: a size in bytes with an optional k, M or G; past 4 GiB - 1
 * (the most the YAML reader takes, a node's len being 32 bits) it is
 * held there, so that no more is read than could be parsed.
 */
static void test_parse_options_max_size_is_held_to_the_ceiling(void **state)
{
	size_t v = 0;

	(void)state;
	assert_int_equal(cli_parse_max_size("1M", &v), 0);
	assert_int_equal(v, 1024 * 1024);
	assert_int_equal(cli_parse_max_size("4095M", &v), 0);
	assert_int_equal(v, (size_t)4095 * 1024 * 1024);
	assert_int_equal(cli_parse_max_size("8G", &v), 0);
	assert_int_equal(v, (size_t)UINT32_MAX);
	assert_int_equal(cli_parse_max_size("4294967296", &v), 0);
	assert_int_equal(v, (size_t)UINT32_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_parse_options_long_forms_and_values, teardown),
		cmocka_unit_test_teardown(test_parse_options_short_forms_and_bundles, teardown),
		cmocka_unit_test_teardown(
			test_parse_options_arguments_are_permuted_in_order, teardown),
		cmocka_unit_test_teardown(
			test_parse_options_posixly_correct_stops_at_an_argument, teardown),
		cmocka_unit_test_teardown(
			test_parse_options_repeats_last_string_wins_callback_sees_all, teardown),
		cmocka_unit_test_teardown(test_parse_options_callback_error_stops, teardown),
		cmocka_unit_test_teardown(test_parse_options_integer_is_checked, teardown),
		cmocka_unit_test_teardown(test_parse_options_usage_errors, teardown),
		cmocka_unit_test_teardown(test_parse_options_prefixes_exact_names_win, teardown),
		cmocka_unit_test_teardown(test_parse_options_hidden_parses_help_stops, teardown),
		cmocka_unit_test_teardown(
			test_parse_options_usage_is_generated_from_the_table, teardown),
		cmocka_unit_test(
			test_parse_options_max_size_is_held_to_the_ceiling),
	};

	return cmocka_run_group_tests_name("parse_options", tests, NULL,
					   NULL);
}
