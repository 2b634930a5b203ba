/*
 * The one reader of dbt's Jinja in profiles.yml values: see jinja.h.
 * Both lint (src/lint/) and sql (src/sql.c) read through it, so they
 * cannot disagree on what a value renders to.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ascii.h"
#include "hash.h"
#include "jinja.h"
#include "strbuf.h"

struct scan {
	const char *p, *end;
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
				 *s->p == '\r' || *s->p == '\n'))
		s->p++;
}

/* The punctuation `c` next, after blanks. */
static bool accept(struct scan *s, char c)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return true;
	}
	return false;
}

/*
 * One backslash escape at s->p (just after the '\'), as Python's
 * unicode-escape codec reads it (Jinja2's lexer uses it): the simple
 * escapes, octal and \xHH; any other is kept as written.
 */
static void escape(struct scan *s, struct strbuf *out)
{
	char c = *s->p++;
	const char *simple = "n\nt\tr\r\\\\''\"\"a\ab\bf\fv\v";

	for (const char *e = simple; *e; e += 2)
		if (*e == c) {
			strbuf_addch(out, e[1]);
			return;
		}
	if (c >= '0' && c <= '7') {
		unsigned v = (unsigned)(c - '0');

		for (int i = 0; i < 2 && s->p < s->end && *s->p >= '0' &&
				*s->p <= '7'; i++)
			v = v * 8 + (unsigned)(*s->p++ - '0');
		strbuf_addch(out, (char)(v & 0xff));
		return;
	}
	if (c == 'x' && s->end - s->p >= 2 && ascii_hex_value(s->p[0]) >= 0 &&
	    ascii_hex_value(s->p[1]) >= 0) {
		int v = ascii_hex_value(s->p[0]) * 16 + ascii_hex_value(s->p[1]);

		s->p += 2;
		strbuf_addch(out, (char)v);
		return;
	}
	strbuf_addch(out, '\\');
	strbuf_addch(out, c);
}

/*
 * One string literal, or several written side by side (Jinja2's parser
 * joins them, as Python does), unescaped into `out`.  False when there is
 * none, or one is not terminated.
 */
static bool string_lit(struct scan *s, struct strbuf *out)
{
	bool any = false;

	for (;;) {
		struct scan save = *s;
		char q;

		skip_ws(s);
		if (s->p >= s->end || (*s->p != '\'' && *s->p != '"')) {
			*s = save;
			return any;
		}
		q = *s->p++;
		while (s->p < s->end && *s->p != q) {
			const char *run = s->p;

			if (*s->p == '\\' && s->p + 1 < s->end) {
				s->p++;
				escape(s, out);
				continue;
			}
			/* the text up to the quote or an escape, at once */
			while (++s->p < s->end && *s->p != q && *s->p != '\\')
				;
			strbuf_add(out, run, (size_t)(s->p - run));
		}
		if (s->p >= s->end)
			return false;
		s->p++;
		any = true;
	}
}

/*
 * The common case of string_lit(): one literal with no escape and none
 * written next to it, which is its own text: [*start, *start + *len).
 * False (nothing consumed) otherwise.
 */
static bool plain_lit(struct scan *s, const char **start, size_t *len)
{
	struct scan t = *s;
	const char *close;
	char q;

	skip_ws(&t);
	if (t.p >= t.end || (*t.p != '\'' && *t.p != '"'))
		return false;
	q = *t.p++;
	close = memchr(t.p, q, (size_t)(t.end - t.p));
	if (!close || memchr(t.p, '\\', (size_t)(close - t.p)))
		return false;
	*start = t.p;
	t.p = close + 1;
	skip_ws(&t);
	if (t.p < t.end && (*t.p == '\'' || *t.p == '"'))
		return false;	/* literals side by side are joined */
	*len = (size_t)(close - *start);
	s->p = close + 1;
	return true;
}

/* Jinja's (ASCII) identifiers: [A-Za-z_][A-Za-z0-9_]* */
static bool id_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool id_char(char c)
{
	return id_start(c) || (c >= '0' && c <= '9');
}

/*
 * An integer literal as the whole of a value, for env_var('X', 8): its
 * text is what str() gives.  A float (0.50 is "0.5"), 1e3, 1_000, 007 or
 * -0 is not taken: the caller reads it as an expression it does not model.
 */
static bool int_lit(struct scan *s, struct strbuf *out)
{
	struct scan t = *s;
	const char *start;

	skip_ws(&t);
	start = t.p;
	if (t.p < t.end && *t.p == '-')
		t.p++;
	if (t.p >= t.end || *t.p < '0' || *t.p > '9')
		return false;
	/* 007 is refused by Jinja, -0 is str() "0" */
	if (*t.p == '0' && ((t.p + 1 < t.end && t.p[1] >= '0' &&
			     t.p[1] <= '9') || t.p > start))
		return false;
	while (t.p < t.end && *t.p >= '0' && *t.p <= '9')
		t.p++;
	if (t.p < t.end && (id_char(*t.p) || *t.p == '.'))
		return false;
	strbuf_add(out, start, (size_t)(t.p - start));
	s->p = t.p;
	return true;
}

static bool ident(struct scan *s, const char *want)
{
	const char *start;
	size_t n;

	skip_ws(s);
	start = s->p;
	while (s->p < s->end && (*s->p == '_' || (*s->p >= 'a' && *s->p <= 'z') ||
				 (*s->p >= 'A' && *s->p <= 'Z') ||
				 (*s->p >= '0' && *s->p <= '9')))
		s->p++;
	n = strlen(want);
	return (size_t)(s->p - start) == n && !memcmp(start, want, n);
}

/* An identifier, [A-Za-z_][A-Za-z0-9_]*, after blanks. */
static bool word(struct scan *s, const char **start, size_t *len)
{
	skip_ws(s);
	if (s->p >= s->end || !id_start(*s->p))
		return false;
	*start = s->p;
	while (s->p < s->end && id_char(*s->p))
		s->p++;
	*len = (size_t)(s->p - *start);
	return true;
}

/*
 * `kw=` (a keyword argument, not `kw ==`): consumed when it is there,
 * its name in [*start, *start + *len).  dbt's env_var(var, default=None)
 * is a Python method, so env_var(var='X', default='d') is the same call
 * as env_var('X', 'd').
 */
static bool keyword(struct scan *s, const char **start, size_t *len)
{
	struct scan save = *s;

	if (word(s, start, len) && accept(s, '=') &&
	    !(s->p < s->end && *s->p == '='))
		return true;
	*s = save;
	return false;
}

static bool is_word(const char *w, size_t len, const char *want)
{
	return strlen(want) == len && !memcmp(w, want, len);
}

/* Jinja's None (`none` or `None`): as a default, it is no default */
static bool none_lit(struct scan *s)
{
	struct scan save = *s;

	if (ident(s, "none"))
		return true;
	*s = save;
	if (ident(s, "None"))
		return true;
	*s = save;
	return false;
}

/*
 * The end of a {{ ... }} block: the first "}}" outside quotes.  The text
 * between quotes and braces is skipped with memchr(), not byte by byte.
 */
static const char *block_end(const char *p, const char *end)
{
	while (p + 1 < end) {
		const char *brace = memchr(p, '}', (size_t)(end - p - 1));
		size_t n = (size_t)((brace ? brace : end) - p);
		const char *sq = memchr(p, '\'', n), *dq = memchr(p, '"', n);
		const char *q = !sq ? dq : !dq || sq < dq ? sq : dq;

		if (!q) {
			if (!brace)
				return NULL;
			if (brace[1] == '}')
				return brace;
			p = brace + 1;
			continue;
		}
		for (p = q + 1; p + 1 < end && *p != *q; p++)
			if (*p == '\\')
				p++;	/* an escaped quote does not close */
		p++;
	}
	return NULL;
}

struct reader {
	struct arena *arena;
	const struct jinja_opts *o;
	struct jinja_read *j;
	struct strbuf out;	/* its sticky error is the reader's */
	unsigned nr_blocks;	/* {{ }}, {% %} and {# #} blocks */
	struct jinja_native native;	/* of the last filtered operand */
};

/*
 * Is the rendering still wanted?  Not once the value is dynamic, nor
 * once an env var is missing and no placeholder is rendered: jinja_read
 * keeps no text then, and nothing need be appended to it.
 */
static bool rendering(const struct reader *r)
{
	return !r->j->dynamic &&
	       !(r->j->missing && !(r->o && r->o->placeholders));
}

static void malformed(struct reader *r, const char *why)
{
	r->j->malformed = true;
	r->j->problem = why;
	r->j->dynamic = true;
}

/*
 * A bracket scan's quotes: true when *s->p opens, closes or lies in a
 * quoted string (q the open quote, 0 outside one), stepping past an
 * escaped character.
 */
static bool quoted_char(struct scan *s, char *q)
{
	char c = *s->p;

	if (*q) {
		if (c == '\\' && s->p + 1 < s->end)
			s->p++;
		else if (c == *q)
			*q = 0;
		return true;
	}
	if (c == '\'' || c == '"') {
		*q = c;
		return true;
	}
	return false;
}

/* Past a filter's arguments, at '(': balanced brackets, quotes skipped. */
static bool skip_args(struct scan *s)
{
	int depth = 0;
	char q = 0;

	for (; s->p < s->end; s->p++) {
		char c = *s->p;

		if (quoted_char(s, &q)) {
			continue;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
			s->p++;
			return true;
		}
	}
	return false;
}

/*
 * The names of the filters that follow an operand, '|'-joined (arena),
 * when nothing but `| name` or `| name(args)` follows it; else NULL.
 */
static const char *filter_names(struct reader *r, struct scan s, bool *args)
{
	struct strbuf names = STRBUF_INIT;
	const char *out = NULL;
	bool any = false;

	for (;;) {
		const char *start;

		skip_ws(&s);
		if (s.p >= s.end)
			break;
		if (*s.p != '|') {
			any = false;
			break;
		}
		s.p++;
		skip_ws(&s);
		start = s.p;
		while (s.p < s.end && (*s.p == '_' || *s.p == '.' ||
				       (*s.p >= 'a' && *s.p <= 'z') ||
				       (*s.p >= 'A' && *s.p <= 'Z') ||
				       (*s.p >= '0' && *s.p <= '9')))
			s.p++;
		if (s.p == start) {
			any = false;
			break;
		}
		if (any)
			strbuf_addch(&names, '|');
		strbuf_add(&names, start, (size_t)(s.p - start));
		any = true;
		skip_ws(&s);
		if (s.p < s.end && *s.p == '(') {
			*args = true;
			if (!skip_args(&s)) {
				any = false;
				break;
			}
		}
	}
	if (any && !strbuf_error(&names) &&
	    !(out = arena_strndup(r->arena, names.buf, names.len)))
		strbuf_fail(&r->out);
	if (strbuf_error(&names))
		strbuf_fail(&r->out);
	strbuf_release(&names);
	return out;
}

/* Record what a filter chain receives (r->native; see jinja.h). */
static void native_operand(struct reader *r, const char *filters,
			   bool args, const char *var, bool placeholder,
			   bool from_env, const char *v, size_t len)
{
	struct jinja_native *nv = &r->native;

	memset(nv, 0, sizeof(*nv));
	nv->filters = filters;
	nv->args = args;
	nv->var = var;
	nv->placeholder = placeholder;
	nv->from_env = from_env && !placeholder;
	if (!v || placeholder)
		return;
	nv->value = arena_strndup(r->arena, v, len);
	nv->len = len;
	if (!nv->value)
		strbuf_fail(&r->out);
}

/* A plain decimal number literal, Jinja's int or float: 8, 0.5. */
static bool decimal_lit(struct scan *s, struct strbuf *out)
{
	const char *start;

	skip_ws(s);
	start = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	if (s->p == start)
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return false;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	} else if (*start == '0' && s->p - start > 1) {
		return false;	/* 007: Jinja reads 7, keep out of it */
	}
	strbuf_add(out, start, (size_t)(s->p - start));
	return true;
}

/* {{ 'literal' | filters }}: what its filters receive. */
static void literal_operand(struct reader *r, const char *p, const char *end)
{
	struct scan s = { p, end };
	struct strbuf lit = STRBUF_INIT;
	const char *filters;
	bool number = false, args = false;

	if ((string_lit(&s, &lit) || (number = decimal_lit(&s, &lit))) &&
	    !strbuf_error(&lit) && (filters = filter_names(r, s, &args))) {
		native_operand(r, filters, args, NULL, false, false, lit.buf,
			       lit.len);
		r->native.number = number;
	}
	if (strbuf_error(&lit))
		strbuf_fail(&r->out);
	strbuf_release(&lit);
}

/*
 * {{ env_var(name) | filters }}: the filters get the environment's value
 * (use_env), else the default; a set DBT_ENV_SECRET_ variable (taken as
 * set without use_env, as sql does) reaches them as dbt's placeholder.
 */
static void env_operand(struct reader *r, const char *filters, bool args,
			const char *name, const struct strbuf *dflt)
{
	bool use = r->o && r->o->use_env;
	const char *env = NULL;
	bool placeholder;

	if (use)
		env = r->o->getenv_fn ? r->o->getenv_fn(name) : getenv(name);
	placeholder = !strncmp(name, "DBT_ENV_SECRET_", 15) && (env || !use);
	if (env)
		native_operand(r, filters, args, name, placeholder, true, env,
			       strlen(env));
	else
		native_operand(r, filters, args, name, placeholder, false,
			       dflt ? dflt->buf : NULL, dflt ? dflt->len : 0);
}

/*
 * Past one argument the reader does not model ('A' ~ 'B', ('N'), x |
 * upper, *args), checked as Jinja2's parser reads an expression (its
 * tokens in the order its grammar allows; precedence does not change
 * what parses): what Jinja refuses is malformed, what it takes is known
 * only when dbt runs.
 */
/* Jinja's operators that are words: `'a' if x else 'b'` is one value */
static bool operator_word(const char *w, size_t len)
{
	static const char *const ops[] = {
		"if", "else", "and", "or", "not", "in", "is"
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (is_word(w, len, ops[i]))
			return true;
	return false;
}

enum ex { EX_OK, EX_OPEN, EX_BAD, EX_DEEP };

#define EX_MAX_DEPTH 64

static enum ex ex_expr(struct scan *s, unsigned depth);

/* A string literal at s->p, consumed. */
static enum ex ex_string(struct scan *s)
{
	char q = *s->p++;

	for (; s->p < s->end; s->p++) {
		if (*s->p == '\\' && s->p + 1 < s->end)
			s->p++;
		else if (*s->p == q) {
			s->p++;
			return EX_OK;
		}
	}
	return EX_OPEN;
}

/* A number at s->p (a digit), consumed: 1_000, 1.5, 1e3, 2.5E-3. */
static void ex_number(struct scan *s)
{
	while (s->p < s->end &&
	       ((*s->p >= '0' && *s->p <= '9') || *s->p == '_' ||
		*s->p == '.' || *s->p == 'e' || *s->p == 'E' ||
		((*s->p == '+' || *s->p == '-') &&
		 (s->p[-1] == 'e' || s->p[-1] == 'E'))))
		s->p++;
}

/* A word at s->p (id_start), consumed; *w and *len name it. */
static void ex_word(struct scan *s, const char **w, size_t *len)
{
	*w = s->p;
	while (s->p < s->end && id_char(*s->p))
		s->p++;
	*len = (size_t)(s->p - *w);
}

/*
 * Expressions up to `close`, consumed: separated by ',' (a trailing one
 * and none at all allowed), by ':' too when `colon` (dict items, slices,
 * whose parts may be empty); `call` allows name=value, *x and **x.
 */
static enum ex ex_list(struct scan *s, char close, bool call, bool colon,
		       unsigned depth)
{
	bool dict = close == '}';	/* key: value, both there */
	enum ex r;

	for (;;) {
		skip_ws(s);
		if (s->p >= s->end)
			return EX_OPEN;
		if (*s->p == close) {
			s->p++;
			return EX_OK;
		}
		if (colon && !dict && *s->p == ':') {
			s->p++;		/* a slice's empty part */
			continue;
		}
		if (call && *s->p == '*') {
			s->p += s->p + 1 < s->end && s->p[1] == '*' ? 2 : 1;
		} else if (call && id_start(*s->p)) {
			struct scan t = *s;
			const char *w;
			size_t len;

			ex_word(&t, &w, &len);
			skip_ws(&t);
			if (t.p < t.end && *t.p == '=' &&
			    !(t.p + 1 < t.end && t.p[1] == '='))
				*s = (struct scan){ t.p + 1, t.end };
		}
		if ((r = ex_expr(s, depth + 1)) != EX_OK)
			return r;
		skip_ws(s);
		if (s->p >= s->end)
			return EX_OPEN;
		if (dict) {
			if (*s->p != ':')
				return EX_BAD;
			s->p++;
			if ((r = ex_expr(s, depth + 1)) != EX_OK)
				return r;
			skip_ws(s);
			if (s->p >= s->end)
				return EX_OPEN;
		}
		if (*s->p == ',' || (colon && !dict && *s->p == ':'))
			s->p++;
		else if (*s->p != close)
			return EX_BAD;
	}
}

/*
 * One expression from s->p, up to the ',', ':' or closing bracket after
 * it (not consumed).  Jinja's unary - + and not, its binary operators
 * (arithmetic, ~, comparisons, and, or, in, not in), a if b [else c],
 * postfix .name, [subscript], (call), | filter and is [not] test; strings
 * side by side are one.
 */
static enum ex ex_expr(struct scan *s, unsigned depth)
{
	/* unary: `not` is an operator where Jinja parses a not-expression
	 * (the start, after and, or, if, else, not); after an arithmetic or
	 * comparison operator it is a name, as every operator word is in a
	 * value's place (parse_primary) */
	bool want = true, str = false, test = false, unary = true;
	bool filtered = false;	/* after | name: no [ or . (parse_filter_expr) */
	const char *gap;
	unsigned ifs = 0;
	enum ex r;

	if (depth > EX_MAX_DEPTH)
		return EX_DEEP;	/* deeper than any profile: not checked */
	for (;;) {
		const char *w;
		size_t len;
		char c;

		skip_ws(s);
		if (s->p >= s->end)
			return EX_OPEN;
		c = *s->p;
		if (c == ',' || c == ')' || c == ']' || c == '}' || c == ':')
			return want ? EX_BAD : EX_OK;
		if (want || test) {
			/* an operand: is-tests take one without parentheses */
			bool was_test = test;

			test = false;
			filtered = false;
			if (c == '\'' || c == '"') {
				if ((r = ex_string(s)) != EX_OK)
					return r;
				want = false;
				str = true;
				continue;
			}
			str = false;
			if (c >= '0' && c <= '9') {
				ex_number(s);
				want = false;
				continue;
			}
			if (id_start(c)) {
				ex_word(s, &w, &len);
				if (is_word(w, len, "not") && !was_test &&
				    unary)
					continue;
				if (was_test && (is_word(w, len, "and") ||
						 is_word(w, len, "or") ||
						 is_word(w, len, "else"))) {
					s->p = w;	/* `is odd and x` */
					want = false;
					continue;
				}
				want = false;	/* a name, whatever it is */
				continue;
			}
			if (!was_test && (c == '-' || c == '+')) {
				s->p++;
				unary = false;
				continue;
			}
			if (c == '(' || c == '[' || c == '{') {
				s->p++;
				r = ex_list(s, c == '(' ? ')' : c == '[' ? ']' : '}',
					    false, c == '{', depth);
				if (r != EX_OK)
					return r;
				want = false;
				continue;
			}
			if (!was_test)
				return EX_BAD;
			want = false;	/* the test had no argument */
		}
		/* after an operand */
		if (str && (c == '\'' || c == '"')) {
			if ((r = ex_string(s)) != EX_OK)
				return r;
			continue;
		}
		str = false;
		if (id_start(c)) {
			ex_word(s, &w, &len);
			if (is_word(w, len, "and") || is_word(w, len, "or")) {
				want = unary = true;
			} else if (is_word(w, len, "in")) {
				want = true;
				unary = false;
			} else if (is_word(w, len, "if")) {
				ifs++;
				want = unary = true;
			} else if (is_word(w, len, "else") && ifs) {
				ifs--;
				want = unary = true;
			} else if (is_word(w, len, "not")) {
				struct scan t = *s;

				skip_ws(&t);
				if (t.p >= t.end || !id_start(*t.p))
					return t.p >= t.end ? EX_OPEN : EX_BAD;
				ex_word(&t, &w, &len);
				if (!is_word(w, len, "in"))
					return EX_BAD;
				*s = t;
				want = true;
				unary = false;
			} else if (is_word(w, len, "is")) {
				skip_ws(s);
				if (s->p < s->end && id_start(*s->p)) {
					struct scan t = *s;

					ex_word(&t, &w, &len);
					if (is_word(w, len, "not"))
						*s = t;
				}
				skip_ws(s);
				if (s->p >= s->end)
					return EX_OPEN;
				if (!id_start(*s->p))
					return EX_BAD;
				ex_word(s, &w, &len);	/* the test */
				while (s->p + 1 < s->end && *s->p == '.' &&
				       id_start(s->p[1])) {
					s->p++;	/* a dotted test name */
					ex_word(s, &w, &len);
				}
				test = true;
				filtered = false;
			} else {
				return EX_BAD;	/* two values side by side */
			}
			continue;
		}
		if (s->p + 1 < s->end &&
		    ((c == '/' && s->p[1] == '/') ||
		     (c == '*' && s->p[1] == '*') ||
		     ((c == '=' || c == '!' || c == '<' || c == '>') &&
		      s->p[1] == '='))) {
			s->p += 2;
			want = true;
			unary = false;
			continue;
		}
		if (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' ||
		    c == '~' || c == '<' || c == '>') {
			s->p++;
			want = true;
			unary = false;
			continue;
		}
		if (c == '[' && filtered)
			return EX_BAD;
		if (c == '|' || c == '.') {
			if (c == '.' && filtered)
				return EX_BAD;	/* the name took its dots */
			s->p++;
			gap = s->p;
			skip_ws(s);
			if (s->p >= s->end)
				return EX_OPEN;
			if (c == '.' && *s->p >= '0' && *s->p <= '9' &&
			    s->p != gap) {
				/* x . 1.5: past a blank the lexer reads a
				 * float, which is no attribute */
				struct scan t = *s;

				ex_number(&t);
				for (const char *q = s->p; q < t.p; q++)
					if (*q == '.' || *q == 'e' ||
					    *q == 'E')
						return EX_BAD;
			}
			if (c == '.' && *s->p >= '0' && *s->p <= '9') {
				/* x.0, x.1.5 (x[1][5]): after a dot Jinja's
				 * lexer reads no float, only an integer:
				 * [1-9](_?\d)* or 0(_?0)*; a letter or '_'
				 * after it is a second value */
				bool zero = *s->p == '0';

				s->p++;
				while (s->p + 1 < s->end && ((*s->p >= '0' &&
					*s->p <= '9' && !zero) ||
				       (*s->p == '_' && (zero ? s->p[1] == '0'
						: s->p[1] >= '0' &&
						  s->p[1] <= '9'))))
					s->p += *s->p == '_' ? 2 : 1;
				while (zero && s->p < s->end && *s->p == '0')
					s->p++;
				if (!zero)
					while (s->p < s->end &&
					       *s->p >= '0' && *s->p <= '9')
						s->p++;
				if (s->p < s->end && (id_char(*s->p) ||
						      (zero && *s->p >= '1' &&
						       *s->p <= '9')))
					return EX_BAD;
				continue;
			}
			if (!id_start(*s->p))
				return EX_BAD;
			ex_word(s, &w, &len);
			if (c == '|') {
				/* a filter's dotted name: |a.b */
				for (;;) {
					struct scan t = *s;

					skip_ws(&t);
					if (t.p + 1 >= t.end || *t.p != '.')
						break;
					t.p++;
					skip_ws(&t);
					if (t.p >= t.end || !id_start(*t.p))
						return t.p >= t.end ? EX_OPEN
								    : EX_BAD;
					ex_word(&t, &w, &len);
					*s = t;
				}
				filtered = true;
			}
			continue;
		}
		if (c == '(' || c == '[') {
			s->p++;
			r = ex_list(s, c == '(' ? ')' : ']', c == '(', c == '[',
				    depth);
			if (r != EX_OK)
				return r;
			continue;
		}
		return EX_BAD;	/* '=', '{', a number after a value, ... */
	}
}

/* Up to the ',' or ')' that ends an argument, outside quotes and
 * brackets (not consumed): an expression too deep to check. */
static enum ex skip_brackets(struct scan *s)
{
	int depth = 0;
	char q = 0;

	for (; s->p < s->end; s->p++) {
		char c = *s->p;

		if (quoted_char(s, &q)) {
			continue;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (!depth)
				return c == ')' ? EX_OK : EX_BAD;
			depth--;
		} else if (c == ',' && !depth) {
			return EX_OK;
		}
	}
	return EX_OPEN;
}

/* One argument checked as an expression, up to the ',' or ')' after it
 * (not consumed). */
static enum ex skip_expr(struct scan *s)
{
	struct scan start = *s;
	enum ex r = ex_expr(s, 0);

	if (r == EX_DEEP) {
		*s = start;
		return skip_brackets(s);
	}
	if (r == EX_OK && *s->p != ',' && *s->p != ')')
		return EX_BAD;	/* a ']', '}' or ':' of no bracket */
	return r;
}

/* What one argument of env_var() is. */
enum arg {
	ARG_STR,	/* string literals (joined): its text */
	ARG_INT,	/* an integer literal: its text */
	ARG_NONE,	/* none, None */
	ARG_WORD,	/* a bare name: a variable of the context */
	ARG_EXPR,	/* an expression not modelled: known when dbt runs */
	ARG_EMPTY,	/* nothing before the ',' or ')': Jinja refuses it */
	ARG_JOINED,	/* two values with no operator: Jinja refuses it */
	ARG_BAD,	/* an expression Jinja's parser refuses */
	ARG_OPEN	/* the call is not closed */
};


/*
 * One argument, up to the ',' or ')' after it (not consumed).  A string
 * or an integer is [*lit, *lit + *len): the text as written when it
 * needs no unescaping, else out's; a bare name is there too.
 */
static enum arg arg_value(struct scan *s, struct strbuf *out,
			  const char **lit, size_t *len)
{
	struct scan start;
	enum arg k;

	skip_ws(s);
	start = *s;
	if (s->p >= s->end)
		return ARG_OPEN;
	if (*s->p == ',' || *s->p == ')')
		return ARG_EMPTY;
	if (plain_lit(s, lit, len)) {
		k = ARG_STR;	/* its text as written */
	} else if (string_lit(s, out)) {
		k = ARG_STR;	/* unescaped or joined: out's text */
		*lit = out->buf;
		*len = out->len;
	} else {
		*s = start;	/* an unterminated literal left part */
		strbuf_reset(out);
		if (none_lit(s)) {
			k = ARG_NONE;
		} else if (int_lit(s, out)) {
			k = ARG_INT;
			*lit = out->buf;
			*len = out->len;
		} else if (word(s, lit, len) && !is_word(*lit, *len, "not")) {
			k = ARG_WORD;	/* `not x` is an expression */
		} else {
			k = ARG_EXPR;
		}
	}
	if (k != ARG_EXPR) {
		const char *w;
		size_t wl;
		struct scan t;

		skip_ws(s);
		if (s->p < s->end && (*s->p == ',' || *s->p == ')'))
			return k;
		t = *s;
		if (s->p < s->end && (*s->p == '\'' || *s->p == '"' ||
				      (*s->p >= '0' && *s->p <= '9') ||
				      (word(&t, &w, &wl) &&
				       !operator_word(w, wl))))
			return ARG_JOINED;
	}
	/* an expression: read again from its start, as a whole */
	*s = start;
	strbuf_reset(out);
	switch (skip_expr(s)) {
	case EX_OK:
		return ARG_EXPR;
	case EX_BAD:
		return ARG_BAD;
	default:
		return ARG_OPEN;
	}
}

/*
 * The names dbt's profile context defines as strings: env_var(dbt_version)
 * reads the variable named by the version.  Any other bare name is
 * Jinja's Undefined (or not a string), and env_var() fails on it.
 */
static bool context_string(const char *w, size_t len)
{
	return is_word(w, len, "dbt_version") ||
	       is_word(w, len, "invocation_id") ||
	       is_word(w, len, "thread_id");
}

/*
 * The arguments of env_var(, read as Jinja2's parser and Python's call
 * read them: positional ones (the name, then the default), then keyword
 * ones (var=, default=), a trailing comma allowed.  What Jinja or Python
 * refuses is malformed; an argument whose value the reader does not
 * model leaves the call dynamic (*name NULL for an unknown name).
 */
struct call_args {
	const char *name;	/* NULL: not known */
	size_t name_len;
	bool has_dflt;		/* a default that is not None */
	bool dynamic;		/* an argument not modelled */
};

static bool call_args(struct reader *r, struct scan *s, struct strbuf *var,
		      struct strbuf *dflt, struct call_args *c)
{
	unsigned npos = 0;
	bool kw_seen = false, star = false, dstar = false;
	bool var_set = false, dflt_set = false;
	const char *why = NULL;

	memset(c, 0, sizeof(*c));
	if (accept(s, ')')) {
		malformed(r, "env_var() needs the variable name as a quoted "
			     "string");
		return false;
	}
	for (;;) {
		const char *kw, *lit = NULL;
		size_t kw_len, len = 0;
		bool is_var;
		struct strbuf *into;
		enum arg k;

		skip_ws(s);
		if (s->p < s->end && *s->p == '*') {
			/* *args, **kwargs: Python spreads them when called */
			star = c->dynamic = true;
			if (s->p + 1 < s->end && s->p[1] == '*') {
				dstar = true;
				s->p++;
			}
			s->p++;
			skip_ws(s);
			if (s->p < s->end && (*s->p == ',' || *s->p == ')')) {
				why = "env_var() has an empty argument";
				break;
			}
			switch (skip_expr(s)) {
			case EX_OK:
				break;
			case EX_BAD:
				why = "env_var() has an argument Jinja cannot "
				      "parse";
				break;
			default:
				why = "env_var() takes a name and an optional "
				      "default, then ')'";
				break;
			}
			if (why)
				break;
			goto next;
		}
		if (keyword(s, &kw, &kw_len)) {
			if (dstar) {
				why = "env_var(): a keyword argument cannot "
				      "follow **";
				break;
			}
			kw_seen = true;
			if (is_word(kw, kw_len, "var")) {
				is_var = true;
			} else if (is_word(kw, kw_len, "default")) {
				is_var = false;
			} else {
				why = "env_var() takes only the arguments var "
				      "and default";
				break;
			}
		} else {
			if (kw_seen || star) {
				why = "env_var(): a positional argument cannot "
				      "follow a keyword one";
				break;
			}
			if (++npos > 2) {
				why = "env_var() takes a name and an optional "
				      "default, then ')'";
				break;
			}
			is_var = npos == 1;
		}
		if (is_var ? var_set : dflt_set) {
			why = is_var ? "env_var() is given the variable twice"
				     : "env_var() is given the default twice";
			break;
		}
		if (is_var)
			var_set = true;
		else
			dflt_set = true;
		into = is_var ? var : dflt;
		k = arg_value(s, into, &lit, &len);
		if (k == ARG_EMPTY) {
			why = "env_var() has an empty argument";
			break;
		}
		if (k == ARG_OPEN) {
			why = "env_var() takes a name and an optional default, "
			      "then ')'";
			break;
		}
		if (k == ARG_JOINED) {
			why = "env_var(): two values side by side need an "
			      "operator or a comma";
			break;
		}
		if (k == ARG_BAD) {
			why = "env_var() has an argument Jinja cannot parse";
			break;
		}
		if (is_var) {
			if (k == ARG_STR && len) {
				c->name = lit;
				c->name_len = len;
			} else if (k == ARG_EXPR ||
				   (k == ARG_WORD && context_string(lit, len))) {
				c->dynamic = true;
			} else {
				why = "env_var() needs the variable name as a "
				      "quoted string";
				break;
			}
		} else if (k == ARG_STR || k == ARG_INT) {
			c->has_dflt = true;
			if (lit != dflt->buf) {
				strbuf_reset(dflt);
				strbuf_add(dflt, lit, len);
			}
		} else if (k != ARG_NONE) {
			c->dynamic = true;	/* a variable, an expression */
		}
next:
		if (accept(s, ',')) {
			if (accept(s, ')'))
				break;	/* a trailing comma */
			continue;
		}
		if (accept(s, ')'))
			break;
		why = "env_var() takes a name and an optional default, then "
		      "')'";
		break;
	}
	if (!why && !var_set && !star)
		why = "env_var() needs the variable name as a quoted string";
	if (why) {
		malformed(r, why);
		return false;
	}
	return true;
}

/* One {{ expression }}: an env_var call, or something else. */
static void expression(struct reader *r, const char *p, const char *end)
{
	struct jinja_read *j = r->j;
	struct scan s = { p, end };
	struct strbuf var = STRBUF_INIT, dflt = STRBUF_INIT;
	struct jinja_call *call = NULL;
	struct call_args c;
	bool args = false;
	const char *value = NULL, *filters;
	char *name = NULL;

	if (!ident(&s, "env_var") || !accept(&s, '(')) {
		j->has_other = true;
		j->dynamic = true;
		literal_operand(r, p, end);
		return;
	}
	j->nr_env++;
	if (!call_args(r, &s, &var, &dflt, &c))
		goto out;
	if (c.dynamic) {
		/* dbt computes what the reader does not: silent, unknown */
		j->has_other = true;
		j->dynamic = true;
	}
	if (c.name) {
		name = arena_strndup(r->arena, c.name, c.name_len);
		if (!name) {
			strbuf_fail(&r->out);
			goto out;
		}
	}
	if (name && j->nr_calls < JINJA_MAX_CALLS) {
		call = &j->calls[j->nr_calls++];
		memset(call, 0, sizeof(*call));
		call->name = name;
		call->name_len = c.name_len;
		call->secret = !strncmp(name, "DBT_ENV_SECRET_", 15);
		/* a default not modelled is taken as one, of unknown size */
		call->has_default = c.has_dflt || c.dynamic;
		call->default_len = c.has_dflt ? dflt.len : 0;
	}
	if (name && !j->first_env)
		j->first_env = name;
	if (name && !strncmp(name, "DBT_ENV_SECRET_", 15))
		j->nr_secret_env++;
	if (!c.has_dflt && !c.dynamic)
		j->nr_no_default++;
	skip_ws(&s);
	if (s.p < s.end) {
		if (*s.p == '|')
			j->has_filter = true;
		else
			j->has_other = true;
		if (call) {
			call->filtered = *s.p == '|';
			call->operated = *s.p != '|';
		}
		j->dynamic = true;	/* a filter or an operator */
		filters = filter_names(r, s, &args);
		if (call)
			call->filters = filters;
		if (filters && name && !c.dynamic)
			env_operand(r, filters, args, name,
				    c.has_dflt ? &dflt : NULL);
		goto out;
	}
	if (c.dynamic)
		goto out;
	if (!strncmp(name, "DBT_ENV_SECRET_", 15))
		j->secret_env = true;
	if (r->o && r->o->use_env)
		value = r->o->getenv_fn ? r->o->getenv_fn(name) : getenv(name);
	if (value) {
		if (rendering(r))
			strbuf_adds(&r->out, value);
	} else if (c.has_dflt) {
		if (rendering(r))
			strbuf_add(&r->out, dflt.buf, dflt.len);
	} else {
		/* dbt stops: "Env var required but not provided" */
		if (call)
			call->missing = true;
		j->missing = true;
		if (!j->missing_name)
			j->missing_name = name;
		/* not strbuf_addf(): its vsnprintf showed in profiles */
		if (rendering(r)) {
			strbuf_add(&r->out, "${", 2);
			strbuf_adds(&r->out, name);
			strbuf_addch(&r->out, '}');
		}
	}
out:
	if (strbuf_error(&var) || strbuf_error(&dflt))
		strbuf_fail(&r->out);	/* a literal was cut short */
	strbuf_release(&var);
	strbuf_release(&dflt);
}

/* The first "{{", "{%" or "{#" in [p, end), or NULL. */
static const char *find_open(const char *p, const char *end)
{
	while (p + 1 < end) {
		const char *q = memchr(p, '{', (size_t)(end - p - 1));

		if (!q)
			return NULL;
		if (q[1] == '{' || q[1] == '%' || q[1] == '#')
			return q;
		p = q + 1;
	}
	return NULL;
}

/*
 * Clear a reading; calls[] past nr_calls is never read, so its 16 slots
 * are left as they are (this runs once per read of every value).
 */
static void clear_read(struct jinja_read *out)
{
	memset(out, 0, offsetof(struct jinja_read, calls));
}

/* The text as Jinja's lexer reads it, in `a` (NULL: out of memory). */
static char *lexed(struct arena *a, const char *v, size_t len, size_t *out)
{
	char *s = arena_alloc_uninit(a, len + 1), *p = s;

	if (!s)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		*p++ = v[i] == '\r' ? '\n' : v[i];
		if (v[i] == '\r' && i + 1 < len && v[i + 1] == '\n')
			i++;
	}
	if (p > s && p[-1] == '\n')
		p--;
	*p = '\0';
	*out = (size_t)(p - s);
	return s;
}

/*
 * The bytes of Python's whitespace (str.isspace(), which Jinja's `-`
 * strips: str.rstrip() before a tag, the regex \s after one) that start
 * at p, or 0: U+0009-000D, U+001C-001F, U+0020, U+0085, U+00A0, U+1680,
 * U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000 (Python 3.11).
 */
static size_t py_space_at(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = (size_t)(end - p);

	if (!n)
		return 0;
	if (u[0] < 0x80)
		return (u[0] >= 0x09 && u[0] <= 0x0D) ||
		       (u[0] >= 0x1C && u[0] <= 0x20);
	if (n >= 2 && u[0] == 0xC2)
		return u[1] == 0x85 || u[1] == 0xA0 ? 2 : 0;
	if (n < 3)
		return 0;
	if (u[0] == 0xE1)
		return u[1] == 0x9A && u[2] == 0x80 ? 3 : 0;
	if (u[0] == 0xE2 && u[1] == 0x80)
		return u[2] <= 0x8A || u[2] == 0xA8 || u[2] == 0xA9 ||
		       u[2] == 0xAF ? 3 : 0;
	if (u[0] == 0xE2 && u[1] == 0x81)
		return u[2] == 0x9F ? 3 : 0;
	if (u[0] == 0xE3)
		return u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	return 0;
}

/* p past the Python whitespace it starts with */
static const char *py_lstrip(const char *p, const char *end)
{
	size_t n;

	while ((n = py_space_at(p, end)))
		p += n;
	return p;
}

/* end before the Python whitespace [p, end) ends with */
static const char *py_rstrip(const char *p, const char *end)
{
	while (end > p) {
		const char *c = end - 1;

		while (c > p && ((unsigned char)*c & 0xC0) == 0x80 &&
		       end - c < 3)
			c--;	/* the start of the last character */
		if (py_space_at(c, end) != (size_t)(end - c))
			break;
		end = c;
	}
	return end;
}

/*
 * Literal text, the most common value: it renders as itself, and the
 * node's own NUL-terminated text (which lives as long as the document)
 * is the rendering; nothing is copied unless Jinja's lexer changes it.
 */
static enum floe_err read_literal(struct arena *a, const struct floe_node *n,
				  struct jinja_read *out)
{
	clear_read(out);
	out->text = n->value;
	out->len = n->len;
	if (jinja_lexer_changes(n->value, n->len) &&
	    !(out->text = lexed(a, n->value, n->len, &out->len)))
		return FLOE_ERR_NOMEM;
	out->has_text = out->len > 0;
	return FLOE_OK;
}

/*
 * A {# comment #}'s end (after "#}"), its text starting at `start`, or
 * NULL when it has none; *trim when it ends with "-#}".  Jinja ends a
 * comment at its first "#}".
 */
static const char *comment_end(const char *start, const char *end,
			       bool *trim)
{
	for (const char *p = start; p + 1 < end; p++)
		if (p[0] == '#' && p[1] == '}') {
			/* not the '-' of "{#-": "{#-#} x" keeps its blank */
			*trim = p > start && p[-1] == '-';
			return p + 2;
		}
	return NULL;
}

/* The literal run [p, end) of a template: text when not empty. */
static void literal_run(struct reader *r, const char *p, const char *end)
{
	if (p >= end)
		return;
	r->j->has_text = true;
	if (rendering(r))
		strbuf_add(&r->out, p, (size_t)(end - p));
}

const char *jinja_uncommented(struct arena *a, const struct floe_node *n,
			      size_t *len)
{
	const char *p = n->value, *end = p + n->len, *open;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	while ((open = find_open(p, end)) && open[1] != '%') {
		const char *close;
		bool trim;

		if (open[1] == '{') {	/* kept, quotes and all */
			close = block_end(open + 2, end);
			if (!close)
				break;
			strbuf_add(&sb, p, (size_t)(close + 2 - p));
			p = close + 2;
			continue;
		}
		close = comment_end(open + 2 + (open + 2 < end &&
						open[2] == '-'), end, &trim);
		if (!close)
			break;	/* unclosed: malformed, kept as written */
		strbuf_add(&sb, p, (size_t)(open - p));
		p = close;
	}
	strbuf_add(&sb, p, (size_t)(end - p));
	s = strbuf_error(&sb) ? NULL : arena_strndup(a, sb.buf, sb.len);
	*len = s ? sb.len : 0;
	strbuf_release(&sb);
	return s;
}

enum floe_err jinja_read(struct arena *a, const struct floe_node *n,
			 const struct jinja_opts *o, struct jinja_read *out)
{
	struct reader r = { a, o, out, STRBUF_INIT, 0, { 0 } };
	enum floe_err err;
	const char *p, *end, *open;
	size_t len;
	bool trim = false;	/* the last tag ended with '-' */

	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_STR) {
		clear_read(out);
		out->dynamic = true;
		return FLOE_OK;
	}
	p = n->value;
	end = p + n->len;
	open = find_open(p, end);
	if (!open)
		return read_literal(a, n, out);
	clear_read(out);
	if (jinja_lexer_changes(p, n->len)) {
		if (!(p = lexed(a, p, n->len, &len)))
			return FLOE_ERR_NOMEM;
		end = p + len;
		open = find_open(p, end);
	}
	/*
	 * Jinja's whitespace control: a '-' just inside a tag strips the
	 * Python whitespace of the text before it ({{-, {#-) or after it
	 * (-}}, -#}); a '+' after the opening ({{+) changes nothing here.
	 * A {# comment #} renders nothing and is no node of the output.
	 */
	while (p < end) {
		const char *close, *expr, *run_end = open ? open : end;
		bool strip_before = open && open + 2 < end && open[2] == '-';

		if (trim)
			p = py_lstrip(p, run_end);
		literal_run(&r, p, strip_before ? py_rstrip(p, run_end)
						: run_end);
		if (!open)
			break;
		out->has_jinja = true;
		if (open[1] == '#') {
			p = comment_end(open + 2 + strip_before, end, &trim);
			if (!p) {
				malformed(&r, "'{#' is not closed by '#}'");
				break;
			}
			open = find_open(p, end);
			continue;
		}
		r.nr_blocks++;
		if (open[1] != '{') {
			/* {% statements %} */
			out->has_other = true;
			out->dynamic = true;
			break;
		}
		close = block_end(open + 2, end);
		if (!close) {
			malformed(&r, "'{{' is not closed by '}}'");
			break;
		}
		expr = open + 2 + (open + 2 < end && (open[2] == '-' ||
						      open[2] == '+'));
		trim = close > expr && close[-1] == '-';
		expression(&r, expr, close - trim);
		p = close + 2;
		open = find_open(p, end);
	}
	/* one filtered {{ }} and nothing else: dbt's native rendering */
	if (r.nr_blocks == 1 && !out->has_text && !out->malformed)
		out->native = r.native;
	if (!strbuf_error(&r.out) && !out->dynamic &&
	    !(out->missing && !(o && o->placeholders))) {
		char *s = arena_strndup(a, r.out.buf, r.out.len);

		if (!s)
			strbuf_fail(&r.out);
		out->text = s;
		out->len = r.out.len;
	}
	err = strbuf_error(&r.out) ? FLOE_ERR_NOMEM : FLOE_OK;
	strbuf_release(&r.out);
	return err;
}

/* ---- the cache ---- */

/* The size of a reading without its unused call slots. */
static size_t read_size(const struct jinja_read *r)
{
	return offsetof(struct jinja_read, calls) +
	       r->nr_calls * sizeof(r->calls[0]);
}

/* A slot of either table: by node, or by text (then `key` is the text of
 * the node first read, `len` bytes: the document's, which outlives the
 * cache). */
struct jinja_cache_slot {
	const void *key;
	size_t hash, len;
	struct jinja_read *read;	/* in the arena (by text: keep) */
};

static size_t node_hash(const struct floe_node *n)
{
	uintptr_t h = (uintptr_t)n;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7);
}

/* Double a table (open addressing; `cap` 0: `first` slots). */
static int slots_grow(struct jinja_cache_slot **slots, size_t *cap,
		      size_t first)
{
	size_t n = *cap ? *cap * 2 : first;
	struct jinja_cache_slot *to = calloc(n, sizeof(*to));

	if (!to)
		return -1;
	for (size_t i = 0; i < *cap; i++) {
		size_t k;

		if (!(*slots)[i].key)
			continue;
		k = (*slots)[i].hash & (n - 1);
		while (to[k].key)
			k = (k + 1) & (n - 1);
		to[k] = (*slots)[i];
	}
	free(*slots);
	*slots = to;
	*cap = n;
	return 0;
}

/*
 * The reading kept for the text of n, a templated string scalar: found,
 * or read into c->keep and kept when there is room; *out NULL when the
 * table is full.  Returns FLOE_OK or FLOE_ERR_NOMEM.
 */
static enum floe_err kept_reading(struct jinja_cache *c,
				  const struct floe_node *n,
				  const struct jinja_opts *o,
				  struct jinja_read *tmp,
				  struct jinja_read **out)
{
	size_t h = floe_hash_text(n->value, n->len), k;
	struct jinja_cache_slot *t;
	struct jinja_read *r;

	*out = NULL;
	for (k = h & (c->cap_texts - 1); c->cap_texts && c->texts[k].key;
	     k = (k + 1) & (c->cap_texts - 1)) {
		t = &c->texts[k];
		if (t->hash == h && t->len == n->len &&
		    !memcmp(t->key, n->value, n->len)) {
			*out = t->read;
			return FLOE_OK;
		}
	}
	if (c->nr_texts == JINJA_TEXTS_KEPT)
		return FLOE_OK;
	if ((c->nr_texts + 1) * 2 > c->cap_texts &&
	    slots_grow(&c->texts, &c->cap_texts, 16))
		return FLOE_ERR_NOMEM;
	if (jinja_read(c->keep, n, o, tmp) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	r = arena_alloc_uninit(c->keep, read_size(tmp));
	if (!r)
		return FLOE_ERR_NOMEM;
	memcpy(r, tmp, read_size(tmp));
	for (k = h & (c->cap_texts - 1); c->texts[k].key;
	     k = (k + 1) & (c->cap_texts - 1))
		;
	t = &c->texts[k];
	t->key = n->value;
	t->len = n->len;
	t->hash = h;
	t->read = r;
	c->nr_texts++;
	*out = r;
	return FLOE_OK;
}

enum floe_err jinja_read_ref(struct jinja_cache *c, struct arena *a,
			     const struct floe_node *n,
			     const struct jinja_opts *o, struct jinja_read *tmp,
			     const struct jinja_read **out)
{
	struct jinja_read *r;
	size_t h, k;

	*out = tmp;
	/* what needs no parse is not worth a slot */
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_STR)
		return jinja_read(a, n, o, tmp);
	if (!find_open(n->value, n->value + n->len))
		return read_literal(a, n, tmp);
	if ((c->nr + 1) * 2 > c->cap && slots_grow(&c->slots, &c->cap, 64))
		return FLOE_ERR_NOMEM;
	h = node_hash(n);
	k = h & (c->cap - 1);
	while (c->slots[k].key && c->slots[k].key != n)
		k = (k + 1) & (c->cap - 1);
	if (c->slots[k].key) {
		*out = c->slots[k].read;
		return FLOE_OK;
	}
	r = NULL;
	if (c->keep && n->len <= JINJA_TEXT_KEPT_MAX &&
	    kept_reading(c, n, o, tmp, &r) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	if (!r) {
		if (jinja_read(a, n, o, tmp) != FLOE_OK)
			return FLOE_ERR_NOMEM;
		/* the slots used, no more; copied whole */
		r = arena_alloc_uninit(a, read_size(tmp));
		if (!r)
			return FLOE_ERR_NOMEM;
		memcpy(r, tmp, read_size(tmp));
	}
	c->slots[k].key = n;
	c->slots[k].hash = h;
	c->slots[k].read = r;
	c->nr++;
	*out = r;
	return FLOE_OK;
}

enum floe_err jinja_read_cached(struct jinja_cache *c, struct arena *a,
				const struct floe_node *n,
				const struct jinja_opts *o,
				struct jinja_read *out)
{
	const struct jinja_read *r;

	if (jinja_read_ref(c, a, n, o, out, &r) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	if (r != out)
		memcpy(out, r, read_size(r));
	return FLOE_OK;
}

bool jinja_has_template(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR &&
	       n->type == FLOE_TYPE_STR &&
	       find_open(n->value, n->value + n->len);
}

/* The table by node; the readings kept by text stay. */
static void release_slots(struct jinja_cache *c)
{
	free(c->slots);
	c->slots = NULL;
	c->nr = c->cap = 0;
}

void jinja_cache_clear(struct jinja_cache *c)
{
	/* a table grown by one large output is given back rather than
	 * cleared for every small output after it: the cost stays in
	 * proportion to what was read */
	if (c->cap > 64 && c->nr * 8 < c->cap) {
		release_slots(c);
		return;
	}
	if (c->nr)
		memset(c->slots, 0, c->cap * sizeof(*c->slots));
	c->nr = 0;
}

void jinja_cache_release(struct jinja_cache *c)
{
	release_slots(c);
	free(c->texts);
	c->texts = NULL;
	c->nr_texts = c->cap_texts = 0;
}
