/*
 * The one reader of dbt's Jinja in profiles.yml values (internal).
 *
 * dbt renders every string of profiles.yml as a Jinja template whose only
 * functions are env_var() and var().  jinja_read() understands literal
 * text and `{{ env_var('NAME') }}` with an optional default (positional or
 * `default=`), and with text around the calls.  A string literal is read
 * as Jinja2's lexer reads it (backslash escapes), and literals written
 * side by side are joined, as Jinja2's parser joins them
 * (`env_var('MEM', '4' 'GB')` defaults to "4GB").
 *
 * The arguments are read as Jinja2's parser and Python's call read them: a
 * trailing comma is allowed, and what either refuses (a third positional
 * argument, `var` or `default` twice, a positional argument after a
 * keyword one, an empty argument, a bare name as the variable, which is
 * Jinja's Undefined) makes the value malformed.  An argument the reader
 * does not compute ('A' ~ 'B', ('N'), a filter, a variable as the
 * default) leaves the value dynamic: dbt computes it, and lint prefers a
 * missed finding to a false alarm.
 *
 * lint and sql both read through it; they differ only in what they ask
 * for an env var with neither a value nor a default: lint leaves the
 * value unknown (and stays silent about it), sql renders the placeholder
 * ${NAME} (jinja_opts.placeholders) and lists the variable.
 */
#ifndef FLOE_JINJA_H
#define FLOE_JINJA_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "strbuf.h"
#include "floe/error.h"
#include "floe/yaml.h"

struct jinja_opts {
	bool use_env;		/* env_var() from the environment */
	const char *(*getenv_fn)(const char *name);	/* NULL: getenv */
	bool placeholders;	/* no value, no default: render ${NAME} */
};

/* The calls kept per value; more are counted, not listed. */
#define JINJA_MAX_CALLS 16

/* One env_var() call. */
struct jinja_call {
	const char *name;	/* the variable (arena, unescaped) */
	size_t name_len;
	bool has_default;
	size_t default_len;	/* the default is never kept, only its size */
	bool filtered;		/* a `|` filter follows the call */
	bool operated;		/* another operator or method follows it */
	bool secret;		/* a DBT_ENV_SECRET_ variable */
	bool missing;		/* neither a value nor a default */
	const char *filters;	/* only `|` filters follow: their names,
				 * '|'-joined ("as_bool", "trim|as_number";
				 * arena); NULL: none, or more than filters */
};

/*
 * dbt's native rendering (dbt-common's quoted_native_concat): a template
 * that is one {{ expression }} and nothing else renders to the value of
 * the expression, and when its last filter is as_bool or as_number, that
 * value must read (Python's ast.literal_eval) as a bool or as a number,
 * or dbt refuses the profile.  What the filters of such an expression
 * receive, when the reader can tell: the env var's value or default, or
 * a literal.
 */
struct jinja_native {
	const char *filters;	/* names, '|'-joined (arena); NULL: the
				 * template is not one filtered operand */
	const char *var;	/* it filters env_var(var) (arena); NULL: a
				 * literal */
	bool placeholder;	/* var is a set DBT_ENV_SECRET_ one: the
				 * filters get dbt's placeholder, not it */
	bool from_env;		/* value is the environment's (use_env) */
	const char *value;	/* the operand (arena), NULL when unknown
				 * (or a placeholder); may be a secret:
				 * never print it */
	size_t len;
	bool number;		/* the operand is a number literal ({{ 4 }}),
				 * not a string */
	bool args;		/* a filter is given arguments: trim('x') */
};

enum jinja_verdict {
	JINJA_UNKNOWN,		/* not a marker filter, or text not modelled */
	JINJA_ACCEPTED,
	JINJA_REFUSED		/* "Could not convert value ... into type" */
};

/*
 * What dbt does with `value` under the marker filter `filter`:
 * "as_bool" needs literal_eval to give True or False, "as_number" an int
 * or a float (a bool, a complex or a string is refused).  as_native and
 * as_text never refuse.  Text with parentheses, comments, escapes or
 * non-ASCII bytes is UNKNOWN: lint prefers a missed finding.
 */
enum jinja_verdict jinja_native_verdict(const char *filter, const char *v,
					size_t len);

/*
 * Does dbt refuse a value read as `nv` (one template, one `| as_bool` or
 * `| as_number`)?  Then 1, with the finding's message appended to msg
 * (lint's FP240 and sql's FP702 say the same); else 0.  A value is quoted
 * only when it cannot be a secret ('yes', 'true', '1', ...).
 */
int jinja_native_refusal(const struct jinja_native *nv, struct strbuf *msg);

/* The Python type of a value dbt's native rendering gives. */
enum jinja_type {
	JINJA_STR,
	JINJA_BOOL,
	JINJA_INT,
	JINJA_FLOAT
};

/*
 * What dbt renders a template that is one filtered operand to (`nv`),
 * when it can be told statically: str() of the value appended to out,
 * and its Python type.  The filters modelled are the markers (as_bool,
 * as_number, as_text, as_native: only the last one counts, read with
 * literal_eval as quoted_native_concat() reads it) and the string filters
 * lower, upper, trim and string, without arguments, on ASCII text.
 * Anything else (another filter, a filter with arguments, a value the
 * marker refuses, a number whose str() would not be its text) is 0:
 * the value is known only when dbt runs, and must not be used as text.
 * Returns 1 when rendered.  Out of memory is 0 with `out` failed
 * (strbuf_error()), so a caller that checks `out` cannot take it for a
 * value that is not known.
 */
int jinja_native_render(const struct jinja_native *nv, struct strbuf *out,
			enum jinja_type *type);

struct jinja_read {
	/* what the template is made of */
	bool has_jinja;		/* a {{, {% or {# anywhere */
	bool malformed;		/* an env_var call that does not parse */
	const char *problem;	/* why, when malformed (static text) */
	unsigned nr_env;	/* env_var() calls */
	unsigned nr_secret_env;	/* ... of DBT_ENV_SECRET_ variables */
	unsigned nr_no_default;	/* ... without a default */
	bool has_filter;	/* a `|` filter after a call */
	bool has_other;		/* expressions other than env_var calls */
	bool has_text;		/* literal text outside {{ }} */
	const char *first_env;	/* the first variable (arena) */
	size_t nr_calls;

	struct jinja_native native;	/* see struct jinja_native */

	/* its rendering */
	bool dynamic;		/* needs dbt's full Jinja, or malformed */
	bool missing;		/* an env var with neither value nor default */
	const char *missing_name;	/* the first such variable (arena) */
	bool secret_env;	/* a DBT_ENV_SECRET_ variable was rendered */
	const char *text;	/* the rendering (arena), or NULL: dynamic,
				 * or missing without placeholders */
	size_t len;

	/* last, so that a reading is copied and cached without the slots
	 * past nr_calls */
	struct jinja_call calls[JINJA_MAX_CALLS];
};

/*
 * Does Jinja's lexer change the text?  It reads every newline (\r\n, \r)
 * as \n and drops one trailing newline (dbt's environment leaves
 * keep_trailing_newline off), and dbt's native rendering passes every
 * string through it, templated or not (dbt-common's get_rendered()
 * returns a string early only when not native).  A plain scalar's value
 * never ends with a line break nor holds a \r: a caller may skip it.
 */
static inline bool jinja_lexer_changes(const char *p, size_t len)
{
	return len && (p[len - 1] == '\n' || memchr(p, '\r', len));
}

/*
 * The text of a string scalar with its {# comments #} left out, as the
 * reader finds them (in `a`; NULL when memory ran out): what is written
 * that can reach the output.
 */
const char *jinja_uncommented(struct arena *a, const struct floe_node *n,
			      size_t *len);

/*
 * Read a string scalar.  Anything else (a number, a mapping, NULL) is
 * dynamic: the caller renders it its own way.  A value without "{{",
 * "{%" or "{#" is read without a copy: its text is the node's own, valid
 * as long as the document.  calls[] is set only up to nr_calls.
 * Returns FLOE_OK or FLOE_ERR_NOMEM.
 */
enum floe_err jinja_read(struct arena *a, const struct floe_node *n,
			 const struct jinja_opts *o, struct jinja_read *out);

/*
 * The readings of the templated values of one document, for a reader that
 * asks about the same value many times (lint's rules do: a value is read
 * by every rule that looks at it).  Keyed by node, so it must be emptied
 * (jinja_cache_release) before its document is freed, and used with one
 * jinja_opts and one arena, which must outlive it: the arena may be reset
 * only together with jinja_cache_clear() or jinja_cache_release().
 * Zero-initialise it.
 */
struct jinja_cache {
	struct jinja_cache_slot *slots;	/* open addressing, private */
	size_t nr, cap;
	/*
	 * With `keep` (an arena that outlives every clear), a templated
	 * value is also looked up by its text, and the readings of the
	 * first JINJA_TEXTS_KEPT texts (of up to JINJA_TEXT_KEPT_MAX bytes)
	 * are kept there across jinja_cache_clear(): a value written in
	 * every output is parsed once per file.  A reading depends only on
	 * the text and the jinja_opts (it points into the arena, never into
	 * the node), so nodes of the same text share one.  The texts are
	 * the nodes': jinja_cache_release() before the document goes.
	 */
	struct arena *keep;
	struct jinja_cache_slot *texts;	/* open addressing, private */
	size_t nr_texts, cap_texts;
};

#define JINJA_TEXTS_KEPT 512
#define JINJA_TEXT_KEPT_MAX 256

/* jinja_read(), each templated value read once.  FLOE_OK or NOMEM. */
enum floe_err jinja_read_cached(struct jinja_cache *c, struct arena *a,
				const struct floe_node *n,
				const struct jinja_opts *o,
				struct jinja_read *out);

/*
 * jinja_read_cached() without the copy: *out points at the cached
 * reading (valid until the cache is emptied) or, for a value that is not
 * cached (literal text, not a string), at `tmp`, which holds it.
 */
enum floe_err jinja_read_ref(struct jinja_cache *c, struct arena *a,
			     const struct floe_node *n,
			     const struct jinja_opts *o, struct jinja_read *tmp,
			     const struct jinja_read **out);

/* Is n a string scalar with "{{", "{%" or "{#": a template to read? */
bool jinja_has_template(const struct floe_node *n);

/* Empty a cache, leaving it reusable (its `keep` arena is the caller's,
 * as are the readings in it). */
void jinja_cache_release(struct jinja_cache *c);
/* Forget every reading by node but keep the slots' memory, for a cache
 * that is emptied often (lint: after each output); a large table holding
 * few readings is released instead, so that clearing costs what was
 * read.  The readings kept by text stay. */
void jinja_cache_clear(struct jinja_cache *c);

#endif
