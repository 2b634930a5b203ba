/*
 * The command-line front end: argv in, library calls, diagnostics out.
 * Only this folder prints or exits.
 */
#ifndef FLOE_CLI_H
#define FLOE_CLI_H

#include <stdio.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/report.h"
#include "parse-options.h"

/* Exit codes: documented in docs/cli.md and the man page; never renumber. */
enum cli_exit {
	EXIT_CLEAN = 0,		/* done; no error-level findings */
	EXIT_FINDINGS = 1,	/* the input has errors */
	EXIT_USAGE = 2,		/* bad usage, or a file could not be read/written */
	EXIT_INTERNAL = 3	/* out of memory or a library failure */
};

int cmd_generate(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_completion(int argc, char **argv);

/* The command table (main.c), ended by a NULL name. */
struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const struct cli_usage *usage;
	/* what the arguments are, for the completions: "@file", "@rules"
	 * (rule ids and names), "@commands", words, or NULL (none) */
	const char *args;
	int hidden;			/* not in the command list */
};

extern const struct cli_command cli_commands[];
extern const struct cli_option cli_global_options[];

struct floe_config;

/*
 * Load the configuration: `path` if given, none with `no_config`, else
 * .floe-profiles.yaml found from the current folder up to the repository
 * root.  Prints problems; returns an exit code (EXIT_USAGE on a bad file).
 * With `problems`, the problems of a `path` given by the caller are also
 * appended there (they name `path`, which the caller keeps alive).
 */
int cli_load_config(const char *path, int no_config,
		    struct floe_config **out, struct floe_diags *problems);

/*
 * `path` relative to the folder that holds `file` (both may be relative
 * to the current folder); malloc'd, or NULL when either does not exist
 * (errno ENOENT) or memory ran out (errno ENOMEM).
 */
char *cli_relative_to(const char *path, const char *file);

/*
 * `path` relative to `root` when it lies under it, else NULL (errno
 * ENOMEM when memory ran out).
 */
char *cli_path_under(const char *path, const char *root);

/*
 * --format: auto (github under GitHub Actions, else text) or a format
 * name; --color: auto (-1), always (1), never (0).  Both print their
 * error and return EXIT_USAGE, else EXIT_CLEAN.
 */
int cli_parse_format(const char *s, enum floe_format *out);
int cli_parse_color(const char *s, int *out);

/*
 * The values of --format and --color, for the shell completions
 * ("@formats": auto and the library's floe_format_names).
 */
#define CLI_FORMAT_VALUES "@formats"
#define CLI_COLOR_VALUES "auto always never"
/* floe_catalog_flavor_names(), for completions */
#define CLI_FLAVOR_VALUES "@flavors"
/* --catalog-flavor NAME into a `const char *` (OPT_CALLBACK_AT) */
int cli_opt_catalog_flavor(const struct cli_option *opt, const char *value,
			   void *base);

/*
 * Colour only text: as --color asks; else never with NO_COLOR (set, not
 * empty); else always with FORCE_COLOR or CLICOLOR_FORCE (set, not empty,
 * not "0"); else on a terminal whose TERM is not dumb.
 */
int cli_use_color(enum floe_format format, int color);

/*
 * For the github and SARIF formats: point every diagnostic's file name
 * at its path relative to the repository root (what GitHub matches),
 * when it lies under it.  The new names live in `n` until released.
 * Returns 0, or -1 when memory ran out (names may be half renamed: the
 * caller stops with exit 3).
 */
struct cli_names {
	const char **from;
	char **to;
	size_t nr;
};

int cli_repo_relative(struct floe_diags *d, struct cli_names *n);
void cli_names_release(struct cli_names *n);

/* Give the texts the names cli_repo_relative() gave their findings. */
struct floe_report_file;
void cli_rename_texts(struct floe_report_file *t, size_t nr,
		      const struct cli_names *n);

/*
 * What a report in `format` needs before it is printed: in the formats
 * that GitHub or GitLab read (github, SARIF, gitlab), the findings `d`,
 * the `failures` and the texts `t` named from the repository root, the
 * new names held in `n[0]` and `n[1]` until released; other formats are
 * left alone.  Returns 0, or -1 when memory ran out.
 */
int cli_report_repo_relative(enum floe_format format, struct floe_diags *d,
			     struct floe_diags *failures,
			     struct floe_report_file *t, size_t nr,
			     struct cli_names n[2]);

/*
 * The report of a command that finds (lint, check, upgrade-check,
 * verify): the findings `d` in `format`, with what kept the run from
 * checking everything (`failures`), rendered whole before anything is
 * written, so that memory running out cannot leave it half-written.
 * Then `log` (NULL: none), the command's own account for stderr, goes to
 * stderr and the report to stdout.  `color` as --color gives it (auto:
 * -1); `rules_url` NULL: this version's docs/rules.md.
 * Returns 0, or the exit code after saying what went wrong (EXIT_INTERNAL
 * when memory ran out, EXIT_USAGE when stdout could not be written).
 */
struct cli_report {
	enum floe_format format;
	int color;
	const char *rules_url;
	const struct floe_report_file *files;	/* the files read */
	size_t nr_files;
	const struct floe_diags *failures;
	const char *log;
	size_t log_len;
};

int cli_print_report(const struct floe_diags *d, const struct cli_report *r);

/* "3 errors, 1 warning in 2 files" on stderr. */
void cli_summary(const struct floe_diags *d, size_t files);

/* The same, then with a baseline (--baseline) how many findings it hid
 * and how many of its own are gone. */
struct floe_baseline;
void cli_summary_baseline(const struct floe_diags *d, size_t files,
			  const struct floe_baseline *b, size_t hidden);

/**
 * Print diagnostics as `file:line:col: severity: message [rule]`: the
 * report's gcc format, and the count of what the list's cap dropped.
 * Returns 0, or -1 when memory ran out (then nothing was printed: the
 * caller says "out of memory" and exits 3).
 */
int print_diags_gcc(const struct floe_diags *d, FILE *f);

/*
 * print_diags_gcc() in two steps, for a command that must render all it
 * prints before it writes anything (so that memory running out cannot
 * leave its output half-written): the text into *out (malloc'd, *len
 * bytes); 0, or -1 when memory ran out.
 */
int cli_render_diags(const struct floe_diags *d, char **out, size_t *len);

/*
 * Something kept the run from checking all it was given (exit 2): say
 * so on stderr, and append it to `failures` for the report, so that a
 * machine format never reads as a clean run.  `file` is borrowed (NULL:
 * none).  Returns EXIT_USAGE, or EXIT_INTERNAL when memory ran out
 * (said too).
 */
int cli_fail(struct floe_diags *failures, const char *file,
	     const char *fmt, ...) FLOE_PRINTF(3, 4);

/*
 * `floe-profiles: <msg>` on stderr, for a usage or I/O error: returns
 * EXIT_USAGE, so that callers `return cli_error(...)`.
 */
int cli_error(const char *fmt, ...) FLOE_PRINTF(1, 2);

/* floe_strerror(err) as a cli_error(); returns EXIT_INTERNAL. */
int cli_internal(enum floe_err err);

/* Keep main()'s command line for cli_run_in_twin() (a static build). */
void cli_save_argv(int argc, char **argv);

/*
 * In a statically linked floe-profiles, run this command line again in
 * floe-profiles-verify, the dynamic twin that can load DuckDB
 * (src/cli/twin.c): returns only with an exit code when that fails.  In a
 * dynamic build, returns -1: go on here.
 */
int cli_run_in_twin(void);

/*
 * --max-size: a byte count with an optional k/M/G suffix.  Prints its
 * error and returns EXIT_USAGE, else EXIT_CLEAN.
 */
int cli_parse_max_size(const char *s, size_t *out);

struct floe_platform_var;

/*
 * --set NAME=VALUE, a value for a manifest's {NAME} placeholders: split
 * in place (argv is ours) into vars[*nr]; NAME is a letter or '_', then
 * letters, digits and '_'.  Prints its error and returns EXIT_USAGE,
 * else EXIT_CLEAN.
 */
int cli_parse_set(char *arg, struct floe_platform_var *vars, size_t *nr,
		  size_t max);

/* The files to check, after folders were expanded; all owned. */
struct cli_paths {
	char **items;
	size_t nr, alloc;
};

/*
 * lint DIR, check DIR: each argument that is a folder becomes the
 * profiles.yml files under it (and those whose name matches one of
 * `globs`), sorted by path, skipping .git, target and dbt_packages and
 * not following links to folders; the other arguments stay as given.
 * A folder with none, or that cannot be read, is a usage error, said
 * as cli_fail() says it.  Returns an exit code.
 */
int cli_expand_paths(char **args, int nr, const char *const *globs,
		     size_t nr_globs, struct floe_diags *failures,
		     struct cli_paths *out);
void cli_paths_release(struct cli_paths *p);

/*
 * Read the one input file of sql or upgrade-check (`path`, "-" for
 * stdin; `name` in messages) into *buf (malloc'd), at most `max` bytes.
 * A file that cannot be read or is too large is a usage error, said on
 * stderr.  Returns an exit code.
 */
int cli_read_input(const char *path, const char *name, size_t max,
		   char **buf, size_t *len);

/* An option callback for --max-size into a size_t at opt->offset. */
int cli_opt_max_size(const struct cli_option *opt, const char *value,
		     void *base);

/* --dbt-duckdb-version into a struct floe_dbt_version at opt->offset. */
/* --duckdb-version / --dbt-duckdb-version into an unsigned at
 * opt->offset (floe/versions.h encoding): a usage error naming the known
 * releases unless it is one of them or newer. */
int cli_opt_duckdb_version(const struct cli_option *opt, const char *value,
			   void *base);
int cli_opt_dbt_duckdb_version(const struct cli_option *opt,
			       const char *value, void *base);
int cli_opt_dbt_version(const struct cli_option *opt, const char *value,
			void *base);

/* Each command's usage and its one option table (parse-options.h). */
extern const struct cli_usage generate_usage;
extern const struct cli_usage lint_usage;
extern const struct cli_usage check_usage;
extern const struct cli_usage rules_usage;
extern const struct cli_usage sql_usage;
extern const struct cli_usage verify_usage;
extern const struct cli_usage upgrade_usage;
extern const struct cli_usage explain_usage;
extern const struct cli_usage help_usage;
extern const struct cli_usage completion_usage;

#endif
