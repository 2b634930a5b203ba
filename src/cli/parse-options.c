/*
 * The option parser and the usage text, from one table per command; see
 * parse-options.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse-options.h"

/* The help column: "  -o, --output FILE" is padded to it. */
#define HELP_COLUMN 27

int cli_option_is_shown(const struct cli_option *opt)
{
	return opt->type != CLI_OPT_END && !(opt->flags & CLI_OPT_HIDDEN);
}

static int parses(const struct cli_option *opt)
{
	return !(opt->flags & CLI_OPT_USAGE_ONLY);
}

static int takes_value(const struct cli_option *opt)
{
	switch (opt->type) {
	case CLI_OPT_STRING:
	case CLI_OPT_INTEGER:
		return 1;
	case CLI_OPT_CALLBACK:
		return !(opt->flags & CLI_OPT_NOARG);
	case CLI_OPT_END:
	case CLI_OPT_BOOL:
	case CLI_OPT_HELP:
		break;
	}
	return 0;
}

static void print_option(const struct cli_option *opt, FILE *f)
{
	int col;

	if (opt->short_name && opt->long_name)
		col = fprintf(f, "  -%c, --%s", opt->short_name,
			      opt->long_name);
	else if (opt->short_name)
		col = fprintf(f, "  -%c", opt->short_name);
	else
		col = fprintf(f, "      --%s", opt->long_name);
	if (opt->argh)
		col += fprintf(f, " %s", opt->argh);
	if (col <= HELP_COLUMN - 2)
		fprintf(f, "%*s", HELP_COLUMN - col, "");
	else
		fputs("  ", f);
	for (const char *p = opt->help; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", HELP_COLUMN, "");
	}
	fputc('\n', f);
}

void cli_usage_print(const struct cli_usage *u, FILE *f)
{
	fputs(u->synopsis, f);
	if (u->description)
		fprintf(f, "\n%s", u->description);
	fputs("\noptions:\n", f);
	for (const struct cli_option *o = u->options; o->type; o++)
		if (cli_option_is_shown(o))
			print_option(o, f);
	if (u->footer)
		fprintf(f, "\n%s", u->footer);
}

/* An unknown option: the message, then the usage. */
static int unknown_option(const struct cli_usage *u, const char *arg)
{
	int ret = cli_error("unknown option '%s'", arg);

	cli_usage_print(u, stderr);
	return ret;
}

static int parse_integer(const struct cli_option *opt, const char *value,
			 int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (!*value || *end || errno || v < INT_MIN || v > INT_MAX)
		return cli_error("--%s: '%s' is not an integer",
				 opt->long_name, value);
	*out = (int)v;
	return 0;
}

/* Store the option's value (NULL for a flag); 0 or an exit code. */
static int apply(const struct cli_usage *u, const struct cli_option *opt,
		 const char *value, void *base)
{
	char *at = (char *)base + opt->offset;

	switch (opt->type) {
	case CLI_OPT_BOOL:
		*(int *)(void *)at = 1;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)(void *)at = value;
		return 0;
	case CLI_OPT_INTEGER:
		return parse_integer(opt, value, (int *)(void *)at);
	case CLI_OPT_CALLBACK:
		return opt->callback(opt, value, base);
	case CLI_OPT_HELP:
		cli_usage_print(u, stdout);
		return CLI_PARSE_HELP;
	case CLI_OPT_END:
		break;
	}
	return EXIT_INTERNAL;
}

/* A long option by its exact name, else by a unique prefix. */
static const struct cli_option *find_long(const struct cli_usage *u,
					  const char *name, size_t len,
					  int *ambiguous)
{
	const struct cli_option *hit = NULL;
	size_t nr = 0;

	*ambiguous = 0;
	for (const struct cli_option *o = u->options; o->type; o++) {
		if (!o->long_name || !parses(o) ||
		    strncmp(o->long_name, name, len))
			continue;
		if (!o->long_name[len])
			return o;
		if (!hit || hit->long_name != o->long_name)
			nr++;
		hit = o;
	}
	if (nr > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return hit;
}

static const struct cli_option *find_short(const struct cli_usage *u, int c)
{
	for (const struct cli_option *o = u->options; o->type; o++)
		if (o->short_name == c && parses(o))
			return o;
	return NULL;
}

static int parse_long(const struct cli_usage *u, int argc, char **argv,
		      int *i, void *base)
{
	const char *arg = argv[*i], *name = arg + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct cli_option *opt;
	const char *value = NULL;
	int ambiguous;

	opt = find_long(u, name, len, &ambiguous);
	if (ambiguous) {
		fprintf(stderr, "floe-profiles: option '--%.*s' is ambiguous:",
			(int)len, name);
		for (const struct cli_option *o = u->options; o->type; o++)
			if (o->long_name && parses(o) &&
			    !strncmp(o->long_name, name, len) &&
			    cli_option_is_shown(o))
				fprintf(stderr, " --%s", o->long_name);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	if (!opt)
		return unknown_option(u, arg);
	if (takes_value(opt)) {
		if (eq)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return cli_error("option '%s' needs a value", arg);
	} else if (eq) {
		return cli_error("option '--%s' takes no value",
				 opt->long_name);
	}
	return apply(u, opt, value, base);
}

/* -abc: flags, up to one that takes a value (the rest, or the next). */
static int parse_short(const struct cli_usage *u, int argc, char **argv,
		       int *i, void *base)
{
	const char *p = argv[*i] + 1;

	for (; *p; p++) {
		const struct cli_option *opt = find_short(u, (unsigned char)*p);
		char flag[3] = { '-', *p, '\0' };
		int r;

		if (!opt)
			return unknown_option(u, flag);
		if (takes_value(opt)) {
			const char *value = p + 1;

			if (!*value) {
				if (*i + 1 >= argc)
					return cli_error("option '%s' needs a "
							 "value", flag);
				value = argv[++*i];
			}
			return apply(u, opt, value, base);
		}
		r = apply(u, opt, NULL, base);
		if (r)
			return r;
	}
	return 0;
}

int parse_options(int argc, char **argv, const struct cli_usage *u,
		  void *base, int *nr_args)
{
	int posix = getenv("POSIXLY_CORRECT") != NULL;
	int nr = 0, i, r = 0;
	char **args;

	/* the arguments are collected in order, then moved to argv[0..] */
	args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args)
		return cli_internal(FLOE_ERR_NOMEM);
	for (i = 1; i < argc && !r; i++) {
		const char *arg = argv[i];

		if (arg[0] != '-' || !arg[1]) {
			args[nr++] = argv[i];
			if (posix)
				break;
		} else if (!strcmp(arg, "--")) {
			break;
		} else if (arg[1] == '-') {
			r = parse_long(u, argc, argv, &i, base);
		} else {
			r = parse_short(u, argc, argv, &i, base);
		}
	}
	for (i++; !r && i < argc; i++)
		args[nr++] = argv[i];
	if (!r) {
		memcpy(argv, args, (size_t)nr * sizeof(*args));
		argv[nr] = NULL;
		*nr_args = nr;
	}
	free(args);
	return r;
}
