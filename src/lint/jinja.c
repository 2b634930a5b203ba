/*
 * Just enough of dbt's Jinja to read profiles.yml values statically.
 *
 * dbt renders every string in profiles.yml as a Jinja template whose only
 * functions are env_var() and var() (SecretContext).  We understand
 * `{{ env_var('NAME') }}`, `{{ env_var("NAME", 'default') }}` and the
 * keyword form `default=`, with text around them; anything else inside
 * {{ }} (filters, var(), arithmetic) makes the value "not statically
 * renderable", and the rules then say nothing about it.
 */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"
#include "strbuf.h"

struct scan {
	const char *p, *end;
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p))
		s->p++;
}

static int accept(struct scan *s, const char *tok)
{
	size_t n = strlen(tok);

	skip_ws(s);
	if ((size_t)(s->end - s->p) >= n && !memcmp(s->p, tok, n)) {
		s->p += n;
		return 1;
	}
	return 0;
}

/* A quoted string literal ('...' or "..."): its body. */
static int string_lit(struct scan *s, const char **body, size_t *len)
{
	char q;
	const char *start;

	skip_ws(s);
	if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
		return 0;
	q = *s->p++;
	start = s->p;
	while (s->p < s->end && *s->p != q) {
		if (*s->p == '\\' && s->p + 1 < s->end)
			s->p++;
		s->p++;
	}
	if (s->p >= s->end)
		return 0;
	*body = start;
	*len = (size_t)(s->p - start);
	s->p++;
	return 1;
}

/* A bare number literal, for env_var('X', 8). */
static int number_lit(struct scan *s, const char **body, size_t *len)
{
	const char *start;

	skip_ws(s);
	start = s->p;
	while (s->p < s->end && ((*s->p >= '0' && *s->p <= '9') ||
				 *s->p == '.' || *s->p == '-'))
		s->p++;
	*body = start;
	*len = (size_t)(s->p - start);
	return *len > 0;
}

static int ident(struct scan *s, const char **name, size_t *len)
{
	const char *start;

	skip_ws(s);
	start = s->p;
	while (s->p < s->end && (*s->p == '_' || (*s->p >= 'a' && *s->p <= 'z') ||
				 (*s->p >= 'A' && *s->p <= 'Z') ||
				 (*s->p >= '0' && *s->p <= '9')))
		s->p++;
	*name = start;
	*len = (size_t)(s->p - start);
	return *len > 0;
}

/* The end of a {{ ... }} block: the first "}}" outside quotes. */
static const char *block_end(const char *p, const char *end)
{
	char q = 0;

	for (; p + 1 < end; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (p[0] == '}' && p[1] == '}') {
			return p;
		}
	}
	return NULL;
}

struct render {
	struct lint_ctx *ctx;
	struct lint_jinja *j;
	struct strbuf out;
	int dynamic;		/* cannot be rendered statically */
	struct lint_env_call *calls;	/* optional: each call, in order */
	size_t nr_calls, max_calls;
};

/* One {{ expression }}: an env_var call, or something else. */
static void expression(struct render *r, const char *p, const char *end)
{
	struct scan s = { p, end };
	const char *name, *var, *dflt = NULL;
	size_t name_len, var_len, dflt_len = 0;
	const char *value = NULL;
	struct lint_env_call *call = NULL;
	char *var_z;

	if (!ident(&s, &name, &name_len) || name_len != 7 ||
	    memcmp(name, "env_var", 7) || !accept(&s, "(")) {
		r->j->has_other = true;
		r->dynamic = 1;
		return;
	}
	r->j->nr_env++;
	if (!string_lit(&s, &var, &var_len) || !var_len) {
		r->j->malformed = true;
		r->j->problem = "env_var() needs the variable name as a "
				"quoted string";
		r->dynamic = 1;
		return;
	}
	if (r->calls && r->nr_calls < r->max_calls) {
		struct lint_env_call *c = &r->calls[r->nr_calls++];

		memset(c, 0, sizeof(*c));
		c->name = var;
		c->name_len = var_len > 80 ? 80 : (int)var_len;
		c->secret = var_len >= 15 && !memcmp(var, "DBT_ENV_SECRET_", 15);
		call = c;
	}
	if (accept(&s, ",")) {
		struct scan save = s;
		const char *kw;
		size_t kw_len;

		if (!(ident(&s, &kw, &kw_len) && kw_len == 7 &&
		      !memcmp(kw, "default", 7) && accept(&s, "=")))
			s = save;
		if (!string_lit(&s, &dflt, &dflt_len) &&
		    !number_lit(&s, &dflt, &dflt_len)) {
			r->j->malformed = true;
			r->j->problem = "the default of env_var() must be a "
					"quoted string";
			r->dynamic = 1;
			return;
		}
		if (call) {
			call->has_default = true;
			call->default_len = dflt_len;
		}
	}
	if (!accept(&s, ")")) {
		r->j->malformed = true;
		r->j->problem = "env_var() takes a name and an optional "
				"default, then ')'";
		r->dynamic = 1;
		return;
	}
	var_z = arena_strndup(r->ctx->arena, var, var_len);
	if (!var_z) {
		r->ctx->err = FLOE_ERR_NOMEM;
		r->dynamic = 1;
		return;
	}
	if (!r->j->first_env)
		r->j->first_env = var_z;
	if (!strncmp(var_z, "DBT_ENV_SECRET_", 15))
		r->j->nr_secret_env++;
	if (!dflt)
		r->j->nr_no_default++;
	skip_ws(&s);
	if (s.p < s.end) {
		if (*s.p == '|')
			r->j->has_filter = true;
		else
			r->j->has_other = true;
		if (call) {
			call->filtered = *s.p == '|';
			call->operated = *s.p != '|';
		}
		r->dynamic = 1;
		return;
	}
	if (r->ctx->opt->use_env) {
		const char *(*get)(const char *) = r->ctx->opt->getenv_fn;

		value = get ? get(var_z) : getenv(var_z);
	}
	if (value) {
		if (strbuf_adds(&r->out, value))
			r->ctx->err = FLOE_ERR_NOMEM;
	} else if (dflt) {
		if (strbuf_add(&r->out, dflt, dflt_len))
			r->ctx->err = FLOE_ERR_NOMEM;
	} else {
		r->dynamic = 1;	/* dbt would stop: env var required */
	}
}

static void run(struct render *r, const struct floe_node *n)
{
	const char *p, *end;

	memset(r->j, 0, sizeof(*r->j));
	strbuf_init(&r->out);
	r->dynamic = 0;
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_STR) {
		r->dynamic = 1;
		return;
	}
	p = n->value;
	end = p + n->len;
	while (p < end) {
		const char *open = NULL;

		for (const char *q = p; q + 1 < end; q++)
			if (q[0] == '{' && (q[1] == '{' || q[1] == '%' ||
					    q[1] == '#')) {
				open = q;
				break;
			}
		if (!open) {
			r->j->has_text = true;
			if (strbuf_add(&r->out, p, (size_t)(end - p)))
				r->ctx->err = FLOE_ERR_NOMEM;
			break;
		}
		if (open > p) {
			r->j->has_text = true;
			if (strbuf_add(&r->out, p, (size_t)(open - p)))
				r->ctx->err = FLOE_ERR_NOMEM;
		}
		r->j->has_jinja = true;
		if (open[1] != '{') {
			/* {% statements %} and {# comments #} */
			r->j->has_other = true;
			r->dynamic = 1;
			break;
		}
		{
			const char *close = block_end(open + 2, end);

			if (!close) {
				r->j->malformed = true;
				r->j->problem = "'{{' is not closed by '}}'";
				r->dynamic = 1;
				break;
			}
			expression(r, open + 2, close);
			p = close + 2;
		}
	}
}

void lint_jinja_scan(struct lint_ctx *ctx, const struct floe_node *n,
		     struct lint_jinja *out)
{
	struct render r = { ctx, out, STRBUF_INIT, 0, NULL, 0, 0 };

	run(&r, n);
	strbuf_release(&r.out);
}

size_t lint_env_calls(struct lint_ctx *ctx, const struct floe_node *n,
		      struct lint_env_call *calls, size_t max)
{
	struct lint_jinja j;
	struct render r = { ctx, &j, STRBUF_INIT, 0, calls, 0, max };

	run(&r, n);
	strbuf_release(&r.out);
	return j.malformed ? 0 : r.nr_calls;
}

const char *lint_render(struct lint_ctx *ctx, const struct floe_node *n)
{
	struct lint_jinja j;
	struct render r = { ctx, &j, STRBUF_INIT, 0, NULL, 0, 0 };
	const char *s = NULL;

	run(&r, n);
	if (!r.dynamic && !j.malformed) {
		s = arena_strndup(ctx->arena, r.out.buf, r.out.len);
		if (!s)
			ctx->err = FLOE_ERR_NOMEM;
	}
	strbuf_release(&r.out);
	return s;
}

bool lint_is_literal(const struct floe_node *n)
{
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type == FLOE_TYPE_NULL)
		return false;
	for (size_t i = 0; i + 1 < n->len; i++)
		if (n->value[i] == '{' && (n->value[i + 1] == '{' ||
					   n->value[i + 1] == '%'))
			return false;
	return true;
}
