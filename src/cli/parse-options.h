/*
 * A table-driven option parser, after git's parse-options.
 *
 * Each command declares ONE static table of `struct cli_option` (ended by
 * OPT_END()) inside its `struct cli_usage`.  The same table parses argv,
 * prints the usage (`-h`), feeds the shell completions (`floe-profiles
 * completion`) and the docs test (`floe-profiles help --options-json`
 * against docs/cli.md and the man page), so an option exists in exactly
 * one place.
 *
 * Values are stored at an offset into the command's argument struct
 * (`base`), which is what lets the tables be static and reachable
 * without running the command.
 *
 * What the parser accepts (as GNU getopt_long did before it):
 * - `--name VALUE`, `--name=VALUE`, `-x VALUE`, `-xVALUE`, bundled short
 *   flags (`-qh`), and a unique prefix of a long name (`--form`);
 * - options before or after the other arguments, unless POSIXLY_CORRECT
 *   is set (then the first non-option ends the options);
 * - `--` ends the options; `-` is an argument (standard input);
 * - a repeated option: a string keeps the last value, a callback sees
 *   every one.
 */
#ifndef FLOE_CLI_PARSE_OPTIONS_H
#define FLOE_CLI_PARSE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cli_opt_type {
	CLI_OPT_END,
	CLI_OPT_BOOL,		/* int: set to 1 */
	CLI_OPT_STRING,		/* const char *: the value (argv's) */
	CLI_OPT_INTEGER,	/* int: a checked decimal integer */
	CLI_OPT_CALLBACK,	/* callback(opt, value, base) */
	CLI_OPT_HELP		/* prints the usage on stdout */
};

enum cli_opt_flags {
	CLI_OPT_HIDDEN = 1 << 0,	/* parsed; not in usage, docs, completion */
	CLI_OPT_USAGE_ONLY = 1 << 1,	/* another form of the row above:
					 * shown and documented, never parsed */
	CLI_OPT_NOARG = 1 << 2		/* a callback that takes no value */
};

struct cli_option;

/* Returns 0, or an exit code after printing why. */
typedef int (*cli_opt_cb)(const struct cli_option *opt, const char *value,
			  void *base);

/* (The small members first and packed: the loader steps over every word
 * of each command's table to relocate its pointers, docs/DESIGN.md
 * "Start-up".) */
struct cli_option {
	enum cli_opt_type type;
	int short_name;			/* 'o', or 0 */
	unsigned flags;			/* enum cli_opt_flags */
	uint32_t offset;		/* of the value in `base` */
	const char *long_name;		/* "output", or NULL */
	const char *argh;		/* "FILE"; NULL for a flag */
	const char *help;		/* one line; '\n' continues it */
	cli_opt_cb callback;
	/*
	 * For the completions: "@file", "@dir", or the words a value may
	 * be ("auto always never"); NULL when nothing can be offered.
	 */
	const char *values;
};

/*
 * Compile-time check that `type.member` has type `T`: comparing pointers
 * to different types is a constraint violation (an error with -Werror).
 * Not a subtraction, which clang flags as arithmetic on a null pointer.
 */
#define CLI_OPT_TYPECHECK(type, member, T) \
	(0 * sizeof(&((type *)0)->member == (T *)0))
#define CLI_OPT_AT(type, member, T) \
	(offsetof(type, member) + CLI_OPT_TYPECHECK(type, member, T))

#define OPT_END() { CLI_OPT_END, 0, 0, 0, NULL, NULL, NULL, NULL, NULL }
#define OPT_BOOL(s, l, type, member, h) \
	{ CLI_OPT_BOOL, (s), 0, CLI_OPT_AT(type, member, int), (l), NULL, \
	  (h), NULL, NULL }
#define OPT_STRING(s, l, type, member, a, h, v) \
	{ CLI_OPT_STRING, (s), 0, CLI_OPT_AT(type, member, const char *), \
	  (l), (a), (h), NULL, (v) }
#define OPT_INTEGER(s, l, type, member, a, h) \
	{ CLI_OPT_INTEGER, (s), 0, CLI_OPT_AT(type, member, int), (l), (a), \
	  (h), NULL, NULL }
#define OPT_CALLBACK(s, l, a, h, cb, v) \
	{ CLI_OPT_CALLBACK, (s), 0, 0, (l), (a), (h), (cb), (v) }
#define OPT_CALLBACK_F(s, l, a, h, fl, cb, v) \
	{ CLI_OPT_CALLBACK, (s), (fl), 0, (l), (a), (h), (cb), (v) }
/* A callback that stores into `type.member`, of type T. */
#define OPT_CALLBACK_AT(s, l, type, member, T, a, h, cb, v) \
	{ CLI_OPT_CALLBACK, (s), 0, CLI_OPT_AT(type, member, T), (l), (a), \
	  (h), (cb), (v) }
/* A second form of the option above, for the usage and the docs only. */
#define OPT_ALSO(l, a, h) \
	{ CLI_OPT_CALLBACK, 0, CLI_OPT_USAGE_ONLY, 0, (l), (a), (h), NULL, \
	  NULL }
#define OPT_HELP() \
	{ CLI_OPT_HELP, 'h', 0, 0, "help", NULL, "show this help", NULL, NULL }

/* A command's usage: the table and the text around it. */
struct cli_usage {
	const char *name;		/* "generate" */
	const char *synopsis;		/* "usage: ..." lines, each ending '\n' */
	const char *description;	/* paragraphs, or NULL */
	const struct cli_option *options;
	const char *footer;		/* after the options, or NULL */
};

/* What parse_options() returns after printing the usage for -h. */
#define CLI_PARSE_HELP (-1)

/*
 * Parse argv[1..argc) (argv[0] is the command's name) into `base`.
 * The other arguments are moved, in order, to argv[0..*nr_args).
 * \return 0; CLI_PARSE_HELP after `-h` (the usage is on stdout); or an
 *         exit code after printing the problem (an unknown option also
 *         prints the usage on stderr).
 */
int parse_options(int argc, char **argv, const struct cli_usage *u,
		  void *base, int *nr_args);

/* The usage text generated from `u`. */
void cli_usage_print(const struct cli_usage *u, FILE *f);

/* Whether an option is shown in the usage, the docs and the completions. */
int cli_option_is_shown(const struct cli_option *opt);

#endif
