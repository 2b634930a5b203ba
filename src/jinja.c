/*
 * The one reader of dbt's Jinja in profiles.yml values: see jinja.h.
 * Both lint (src/lint/) and sql (src/sql.c) read through it, so they
 * cannot disagree on what a value renders to.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
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

/* A bare number literal, for env_var('X', 8). */
static bool number_lit(struct scan *s, struct strbuf *out)
{
	const char *start;

	skip_ws(s);
	start = s->p;
	while (s->p < s->end && ((*s->p >= '0' && *s->p <= '9') ||
				 *s->p == '.' || *s->p == '-'))
		s->p++;
	if (s->p == start)
		return false;
	strbuf_add(out, start, (size_t)(s->p - start));
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

/*
 * `kw=` (a keyword argument, not `kw ==`): consumed when it is there.
 * dbt's env_var(var, default=None) is a Python method, so
 * env_var(var='X', default='d') is the same call as env_var('X', 'd').
 */
static bool keyword(struct scan *s, const char *kw)
{
	struct scan save = *s;

	if (ident(s, kw) && accept(s, '=') &&
	    !(s->p < s->end && *s->p == '='))
		return true;
	*s = save;
	return false;
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

/* Past a filter's arguments, at '(': balanced brackets, quotes skipped. */
static bool skip_args(struct scan *s)
{
	int depth = 0;
	char q = 0;

	for (; s->p < s->end; s->p++) {
		char c = *s->p;

		if (q) {
			if (c == '\\' && s->p + 1 < s->end)
				s->p++;
			else if (c == q)
				q = 0;
		} else if (c == '\'' || c == '"') {
			q = c;
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

/* One {{ expression }}: an env_var call, or something else. */
static void expression(struct reader *r, const char *p, const char *end)
{
	struct jinja_read *j = r->j;
	struct scan s = { p, end };
	struct strbuf var = STRBUF_INIT, dflt = STRBUF_INIT;
	struct jinja_call *call = NULL;
	bool has_dflt = false, var_kw = false, dflt_done = false, args = false;
	const char *value = NULL, *filters, *lit = NULL;
	size_t lit_len = 0;
	char *name;

	if (!ident(&s, "env_var") || !accept(&s, '(')) {
		j->has_other = true;
		j->dynamic = true;
		literal_operand(r, p, end);
		return;
	}
	j->nr_env++;
	/*
	 * env_var(default=D, var=NAME): the other order, where Python
	 * needs both by keyword
	 */
	if (keyword(&s, "default")) {
		if (none_lit(&s))
			;
		else if (string_lit(&s, &dflt) || number_lit(&s, &dflt))
			has_dflt = true;
		else {
			malformed(r, "the default of env_var() must be a "
				     "quoted string");
			goto out;
		}
		if (!accept(&s, ',') || !keyword(&s, "var")) {
			malformed(r, "env_var() needs the variable name as a "
				     "quoted string");
			goto out;
		}
		var_kw = dflt_done = true;
	} else {
		var_kw = keyword(&s, "var");
	}
	/* the name as written, unless it has escapes to undo */
	if (!plain_lit(&s, &lit, &lit_len) && string_lit(&s, &var)) {
		lit = var.buf;
		lit_len = var.len;
	}
	if (!lit_len) {
		malformed(r, "env_var() needs the variable name as a quoted "
			     "string");
		goto out;
	}
	name = arena_strndup(r->arena, lit, lit_len);
	if (!name) {
		strbuf_fail(&r->out);
		goto out;
	}
	if (j->nr_calls < JINJA_MAX_CALLS) {
		call = &j->calls[j->nr_calls++];
		memset(call, 0, sizeof(*call));
		call->name = name;
		call->name_len = lit_len;
		call->secret = !strncmp(name, "DBT_ENV_SECRET_", 15);
	}
	if (!dflt_done && accept(&s, ',')) {
		/* after var=, Python takes the default only by keyword */
		bool kw = keyword(&s, "default");

		if (var_kw && !kw) {
			malformed(r, "env_var(): a positional default cannot "
				     "follow var=");
			goto out;
		}
		if (none_lit(&s))
			;	/* default=None: no default */
		else if (string_lit(&s, &dflt) || number_lit(&s, &dflt))
			has_dflt = true;
		else {
			malformed(r, "the default of env_var() must be a "
				     "quoted string");
			goto out;
		}
	}
	if (has_dflt && call) {
		call->has_default = true;
		call->default_len = dflt.len;
	}
	if (!accept(&s, ')')) {
		malformed(r, "env_var() takes a name and an optional default, "
			     "then ')'");
		goto out;
	}
	if (!j->first_env)
		j->first_env = name;
	if (!strncmp(name, "DBT_ENV_SECRET_", 15))
		j->nr_secret_env++;
	if (!has_dflt)
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
		if (filters)
			env_operand(r, filters, args, name,
				    has_dflt ? &dflt : NULL);
		goto out;
	}
	if (!strncmp(name, "DBT_ENV_SECRET_", 15))
		j->secret_env = true;
	if (r->o && r->o->use_env)
		value = r->o->getenv_fn ? r->o->getenv_fn(name) : getenv(name);
	if (value) {
		if (rendering(r))
			strbuf_adds(&r->out, value);
	} else if (has_dflt) {
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

/*
 * Literal text, the most common value: it renders as itself, and the
 * node's own NUL-terminated text (which lives as long as the document)
 * is the rendering; nothing is copied.
 */
static void read_literal(const struct floe_node *n, struct jinja_read *out)
{
	clear_read(out);
	out->has_text = n->len > 0;
	out->text = n->value;
	out->len = n->len;
}

enum floe_err jinja_read(struct arena *a, const struct floe_node *n,
			 const struct jinja_opts *o, struct jinja_read *out)
{
	struct reader r = { a, o, out, STRBUF_INIT, 0, { 0 } };
	enum floe_err err;
	const char *p, *end, *open;

	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_STR) {
		clear_read(out);
		out->dynamic = true;
		return FLOE_OK;
	}
	p = n->value;
	end = p + n->len;
	open = find_open(p, end);
	if (!open) {
		read_literal(n, out);
		return FLOE_OK;
	}
	clear_read(out);
	while (p < end) {
		const char *close;

		if (!open) {
			out->has_text = true;
			if (rendering(&r))
				strbuf_add(&r.out, p, (size_t)(end - p));
			break;
		}
		if (open > p) {
			out->has_text = true;
			if (rendering(&r))
				strbuf_add(&r.out, p, (size_t)(open - p));
		}
		out->has_jinja = true;
		r.nr_blocks++;
		if (open[1] != '{') {
			/* {% statements %} and {# comments #} */
			out->has_other = true;
			out->dynamic = true;
			break;
		}
		close = block_end(open + 2, end);
		if (!close) {
			malformed(&r, "'{{' is not closed by '}}'");
			break;
		}
		expression(&r, open + 2, close);
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

struct jinja_cache_slot {
	const struct floe_node *node;
	struct jinja_read *read;	/* in the arena */
};

static size_t slot_of(const struct floe_node *n, size_t mask)
{
	uintptr_t h = (uintptr_t)n;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) & mask;
}

static int cache_grow(struct jinja_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 64;
	struct jinja_cache_slot *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < c->cap; i++) {
		size_t k;

		if (!c->slots[i].node)
			continue;
		k = slot_of(c->slots[i].node, cap - 1);
		while (slots[k].node)
			k = (k + 1) & (cap - 1);
		slots[k] = c->slots[i];
	}
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
	return 0;
}

enum floe_err jinja_read_ref(struct jinja_cache *c, struct arena *a,
			     const struct floe_node *n,
			     const struct jinja_opts *o, struct jinja_read *tmp,
			     const struct jinja_read **out)
{
	struct jinja_read *r;
	size_t k;

	*out = tmp;
	/* what needs no parse is not worth a slot */
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_STR)
		return jinja_read(a, n, o, tmp);
	if (!find_open(n->value, n->value + n->len)) {
		read_literal(n, tmp);
		return FLOE_OK;
	}
	if ((c->nr + 1) * 2 > c->cap && cache_grow(c))
		return FLOE_ERR_NOMEM;
	k = slot_of(n, c->cap - 1);
	while (c->slots[k].node && c->slots[k].node != n)
		k = (k + 1) & (c->cap - 1);
	if (c->slots[k].node) {
		*out = c->slots[k].read;
		return FLOE_OK;
	}
	if (jinja_read(a, n, o, tmp) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	/* the slots used, no more; copied whole */
	r = arena_alloc_uninit(a, read_size(tmp));
	if (!r)
		return FLOE_ERR_NOMEM;
	memcpy(r, tmp, read_size(tmp));
	c->slots[k].node = n;
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

void jinja_cache_clear(struct jinja_cache *c)
{
	/* a table grown by one large output is given back rather than
	 * cleared for every small output after it: the cost stays in
	 * proportion to what was read */
	if (c->cap > 64 && c->nr * 8 < c->cap) {
		jinja_cache_release(c);
		return;
	}
	if (c->nr)
		memset(c->slots, 0, c->cap * sizeof(*c->slots));
	c->nr = 0;
}

void jinja_cache_release(struct jinja_cache *c)
{
	free(c->slots);
	c->slots = NULL;
	c->nr = c->cap = 0;
}
