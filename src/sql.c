/*
 * The statements dbt-duckdb runs when it opens a connection, rendered as
 * dbt-duckdb renders them (docs/sql-verify.md has the sources):
 *
 *   environments/__init__.py  initialize_db(): config_options at connect,
 *                             extensions, secrets, filesystems, plugins,
 *                             attach; initialize_cursor(): settings
 *   credentials.py            Attachment.to_sql()
 *   secrets.py                Secret.to_sql()
 *
 * Values go through Python's str() there, so they do here: a YAML true
 * is 'True', 4 is '4', a mapping is its dict repr.  Every string scalar
 * is a Jinja template for dbt; env_var() is rendered statically.
 *
 * Each statement is rendered twice: `sql`, with the real values, for
 * verify to run, and `shown`, with secret values masked, for people.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "alloc.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "engine/flavor.h"
#include "floe/profiles.h"
#include "floe/sql.h"
#include "jinja.h"
#include "pystr.h"
#include "secret.h"
#include "strbuf.h"

/* ---- versions ---- */

int floe_dbt_version_cmp(struct floe_dbt_version a, struct floe_dbt_version b)
{
	if (a.major != b.major)
		return a.major < b.major ? -1 : 1;
	if (a.minor != b.minor)
		return a.minor < b.minor ? -1 : 1;
	if (a.patch != b.patch)
		return a.patch < b.patch ? -1 : 1;
	return 0;
}

static int parse_part(const char **s, unsigned *out)
{
	unsigned long v = 0;
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 9999)
			return -1;
		p++;
	}
	*out = (unsigned)v;
	*s = p;
	return 0;
}

/* FLOE_DBT_DUCKDB_LATEST as a version ("1.11.0"). */
static int floe_dbt_version_parse_latest(struct floe_dbt_version *out)
{
	const char *s = FLOE_DBT_DUCKDB_LATEST;

	memset(out, 0, sizeof(*out));
	return parse_part(&s, &out->major) || *s++ != '.' ||
	       parse_part(&s, &out->minor) ? -1 : 0;
}

int floe_dbt_version_parse(const char *s, struct floe_dbt_version *out)
{
	struct floe_dbt_version v = { 0, 0, 0 }, latest;
	const struct floe_dbt_version oldest = { 1, 9, 0 };

	if (!s)
		return -1;
	if (*s == 'v')
		s++;
	if (parse_part(&s, &v.major) || *s++ != '.' ||
	    parse_part(&s, &v.minor))
		return -1;
	if (*s == '.') {
		s++;
		if (parse_part(&s, &v.patch))
			return -1;
	}
	if (*s || floe_dbt_version_cmp(v, oldest) < 0)
		return -1;
	/* a release newer than the newest we know: its rendering is
	 * unknown, so refuse rather than print 1.11's under its name */
	if (floe_dbt_version_parse_latest(&latest) == 0 &&
	    (v.major > latest.major ||
	     (v.major == latest.major && v.minor > latest.minor)))
		return -1;
	*out = v;
	return 0;
}

/* ---- the planning context ---- */

struct vec {
	void *items;
	size_t nr, alloc;
};

static int vec_push(struct vec *v, const void *item, size_t size)
{
	if (v->nr == v->alloc &&
	    alloc_grow(&v->items, size, v->nr + 1, &v->alloc))
		return -1;
	memcpy((char *)v->items + v->nr * size, item, size);
	v->nr++;
	return 0;
}

struct ctx {
	const char *file;
	const struct floe_sql_options *opt;
	struct floe_dbt_version v;
	struct floe_diags *diags;
	struct arena *arena;
	enum floe_err err;
	struct vec stmts;		/* of the connection being planned */
	struct vec secrets;		/* const char * */
	struct vec reported;		/* nodes whose Jinja was reported */
	struct vec missing;		/* env vars without a value */
	const char *path;		/* the output's `path`, rendered */
	bool path_dynamic;
	struct floe_loc path_loc;
	/* values left as written (not renderable), counted: a statement
	 * that holds one is `dynamic` (stmt_dyn0: the count when it began) */
	size_t nr_dynamic, stmt_dyn0;
	enum jinja_type native;	/* of the last string value_of() read */
	/* the output's motherduck plugin moves custom_user_agent into the
	 * connect config (md_user_agent()): config_options' is replaced,
	 * settings' is popped when md_pops_setting */
	bool md_user_agent, md_pops_setting;
};

/*
 * Does the release being planned render as row `id` of the engine's
 * table says (src/engine/dbt_render.def)?  Every difference between
 * dbt-duckdb releases is such a row, never a version compared here.
 */
static bool renders(const struct ctx *c, enum fe_dbt_render id)
{
	return fe_dbt_renders(id, FE_V(c->v.major, c->v.minor, c->v.patch));
}

static void nomem(struct ctx *c)
{
	c->err = FLOE_ERR_NOMEM;
}

static void diag(struct ctx *c, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
	FLOE_PRINTF(4, 5);
static void diag(struct ctx *c, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
{
	struct floe_loc loc = floe_node_loc(c->file, at);
	va_list ap;

	if (!at)
		loc.start.line = loc.start.column = 1;
	va_start(ap, fmt);
	if (floe_diags_vaddf(c->diags, sev, FLOE_FP702, loc, fmt, ap))
		nomem(c);
	va_end(ap);
}

static char *keep(struct ctx *c, const struct strbuf *sb)
{
	char *s = arena_strndup(c->arena, sb->buf, sb->len);

	if (!s)
		nomem(c);
	return s;
}

static char *keepf(struct ctx *c, const char *fmt, ...) FLOE_PRINTF(2, 3);
static char *keepf(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		nomem(c);
		return NULL;
	}
	s = arena_alloc(c->arena, (size_t)n + 1);
	if (!s) {
		nomem(c);
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* ---- a text rendered twice: real and masked ---- */

/*
 * Both buffers' errors are sticky (strbuf.h): a failed append leaves the
 * pair failed, later ones do nothing, and push() reads the error once.
 */
struct dual {
	struct strbuf real, shown;
};

static void dual_init(struct dual *d)
{
	strbuf_init(&d->real);
	strbuf_init(&d->shown);
}

static int dual_error(const struct dual *d)
{
	return strbuf_error(&d->real) || strbuf_error(&d->shown) ? -1 : 0;
}

static void dual_fail(struct dual *d)
{
	strbuf_fail(&d->real);
	strbuf_fail(&d->shown);
}

static void dual_release(struct dual *d)
{
	strbuf_release(&d->real);
	strbuf_release(&d->shown);
}

static void dual_add(struct dual *d, const char *s, size_t len)
{
	strbuf_add(&d->real, s, len);
	strbuf_add(&d->shown, s, len);
}

/* A built part: its error, if it has one, fails both texts. */
static void dual_addbuf(struct dual *d, const struct strbuf *sb)
{
	strbuf_addbuf(&d->real, sb);
	strbuf_addbuf(&d->shown, sb);
}

static void dual_adds(struct dual *d, const char *s)
{
	if (!s) {		/* a string that could not be allocated */
		dual_fail(d);
		return;
	}
	dual_add(d, s, strlen(s));
}

/* `real` to the real text, `shown` to the shown one. */
static void dual_split(struct dual *d, const char *real, size_t len,
		       const char *shown)
{
	strbuf_add(&d->real, real, len);
	strbuf_adds(&d->shown, shown);
}

/* ---- Python's str() and repr() of YAML values, Jinja rendered ---- */

/* A rendered value: the text str() gives, and what it is made of. */
struct val {
	enum floe_type type;	/* FLOE_TYPE_* for scalars */
	bool is_map, is_seq;
	const char *text;	/* str(value), arena */
	size_t len;
	bool secret_env;	/* rendered from a DBT_ENV_SECRET_ variable */
	bool truthy;		/* Python truthiness */
	bool none;		/* a string dbt renders as None */
};

/* ---- Jinja: the one reader (src/jinja.c), with placeholders ---- */

struct jinja {
	struct strbuf out;
	bool secret_env;
	bool missing;		/* a variable with no value: placeholder */
	bool dynamic;		/* not renderable: shown as written */
	enum jinja_type native;	/* the Python type dbt's native rendering
				 * gives (JINJA_STR unless as_bool ...) */
	const char *missing_name;	/* the first one (arena) */
	bool secret_twice;	/* two secret placeholders: dbt stops */
	bool none;		/* DBT_ENV_SECRET_ outside env_var(): None */
};

#define SECRET_ENV_PREFIX "DBT_ENV_SECRET_"

static size_t count_prefix(const char *s, size_t len)
{
	const size_t m = sizeof(SECRET_ENV_PREFIX) - 1;
	size_t nr = 0;

	for (size_t i = 0; i + m <= len; i++)
		if (!memcmp(s + i, SECRET_ENV_PREFIX, m)) {
			nr++;
			i += m - 1;
		}
	return nr;
}

/*
 * dbt's SecretRenderer after Jinja: each set DBT_ENV_SECRET_ variable was
 * rendered as a placeholder, and one greedy re.search() replaces one of
 * them with the value.  Two placeholders in one value make the match span
 * both names (os.environ[...] fails: KeyError); a value that holds
 * DBT_ENV_SECRET_ without any placeholder (written as text, or in a plain
 * variable's value) matches nothing and the value becomes None.
 */
static const char *env_get(const char *name)
{
	return getenv(name);
}

/*
 * DBT_ENV_SECRET_ written in n where it can reach the rendering: a
 * {# comment #} renders nothing, so what it holds is not searched.
 */
static size_t written_prefixes(struct ctx *c, const struct floe_node *n,
			       const struct jinja_read *r)
{
	const char *s = n->value;
	size_t len = n->len;

	if (r->has_jinja && !(s = jinja_uncommented(c->arena, n, &len))) {
		nomem(c);
		return 0;
	}
	return count_prefix(s, len);
}

static void secret_placeholders(struct ctx *c, const struct floe_node *n,
				const struct jinja_read *r, struct jinja *j)
{
	const char *(*get)(const char *) = c->opt->getenv_fn
					   ? c->opt->getenv_fn : env_get;
	size_t placeholders = 0, named = 0;
	bool brought = false;

	for (size_t i = 0; i < r->nr_calls; i++) {
		const struct jinja_call *call = &r->calls[i];
		const char *value = c->opt->use_env ? get(call->name) : NULL;

		if (call->secret) {
			named += count_prefix(call->name, call->name_len);
			/* without --env, a secret is taken to be set */
			if (!c->opt->use_env || value)
				placeholders++;
		} else if (value && strstr(value, SECRET_ENV_PREFIX)) {
			brought = true;		/* a plain value holds one */
		}
	}
	j->secret_twice = placeholders >= 2;
	j->none = !placeholders &&
		  (brought || written_prefixes(c, n, r) > named);
}

/*
 * Render a string as dbt does, through the reader lint uses: an env var
 * with neither a value nor a default becomes ${NAME} and is listed; a
 * value the reader cannot render is shown as written.
 */
static void jinja_render(struct ctx *c, const struct floe_node *n,
			 struct jinja *j)
{
	struct jinja_opts o = { c->opt->use_env, c->opt->getenv_fn, true };
	struct jinja_read r;
	const struct floe_node *written = n;

	memset(j, 0, sizeof(*j));
	strbuf_init(&j->out);
	/* Jinja's lexer's newlines: jinja_read() reads the text as it does */
	if (jinja_read(c->arena, n, &o, &r) != FLOE_OK) {
		nomem(c);
		return;
	}
	j->dynamic = r.dynamic;
	if (r.dynamic && !r.malformed &&
	    jinja_native_render(&r.native, &j->out, &j->native)) {
		/* one filtered {{ }} the library evaluates, as lint's FP240
		 * reads it: `| as_bool`, `| lower`, ... */
		j->dynamic = false;
		j->secret_env = r.native.var &&
				!strncmp(r.native.var, SECRET_ENV_PREFIX,
					 sizeof(SECRET_ENV_PREFIX) - 1);
		secret_placeholders(c, n, &r, j);
	} else if (r.dynamic) {
		/* shown as written: dbt renders it with its full Jinja */
		strbuf_reset(&j->out);
		strbuf_add(&j->out, written->value, written->len);
		c->nr_dynamic++;
	} else {
		strbuf_add(&j->out, r.text, r.len);
		j->secret_env = r.secret_env;
		j->missing = r.missing;
		j->missing_name = r.missing_name;
		secret_placeholders(c, n, &r, j);
	}
	for (size_t i = 0; !r.dynamic && i < r.nr_calls; i++) {
		const char **m = c->missing.items;
		const char *name = r.calls[i].name;
		bool seen = false;

		if (!r.calls[i].missing)
			continue;
		for (size_t k = 0; k < c->missing.nr; k++)
			if (!strcmp(m[k], name))
				seen = true;
		if (!seen && vec_push(&c->missing, &name, sizeof(name)))
			nomem(c);
	}
	if (strbuf_error(&j->out))
		nomem(c);
}

/* Report a node's Jinja problems once, however often it is rendered. */
static bool first_report(struct ctx *c, const struct floe_node *n)
{
	const struct floe_node **items = c->reported.items;

	for (size_t i = 0; i < c->reported.nr; i++)
		if (items[i] == n)
			return false;
	if (vec_push(&c->reported, &n, sizeof(n)))
		nomem(c);
	return true;
}

static void report_jinja(struct ctx *c, const struct floe_node *n,
			 const struct jinja *j)
{
	int mode = c->opt->missing_env;

	if ((j->secret_twice || j->none) && first_report(c, n)) {
		if (j->secret_twice)
			diag(c, FLOE_SEV_ERROR, n, "two DBT_ENV_SECRET_ "
			     "variables in one value: dbt stops with KeyError. "
			     "It replaces one secret per value, and its match "
			     "spans both names; give each secret a value of "
			     "its own");
		else
			diag(c, FLOE_SEV_WARNING, n, "'DBT_ENV_SECRET_' "
			     "outside env_var(): dbt renders this value as "
			     "None. Only env_var('DBT_ENV_SECRET_...') is "
			     "replaced by the secret");
		return;
	}
	if (j->dynamic && first_report(c, n))
		diag(c, FLOE_SEV_WARNING, n, "this value cannot be rendered "
		     "statically (env_var('NAME') with an optional default "
		     "is understood, and a value that is one {{ }} filtered "
		     "by as_bool, as_number, as_text, as_native, lower, "
		     "upper, trim or string); it is shown as written, and "
		     "verify does not run it");
	else if (j->missing && mode >= 0 && first_report(c, n))
		diag(c, mode ? FLOE_SEV_ERROR : FLOE_SEV_WARNING, n,
		     c->opt->use_env ? "env var '%s' is not set and has no "
		     "default: shown as ${%s}%s" : "env var '%s' has no "
		     "default (--env reads the environment): shown as "
		     "${%s}%s", j->missing_name, j->missing_name,
		     mode ? "; dbt stops with \"Env var required but not "
		     "provided\"" : "");
}

static void py_str_into(struct ctx *c, const struct floe_node *n,
			struct strbuf *sb, bool repr, bool *secret_env,
			bool *none);

/* Python's repr() of a str. */
static void py_repr_str(struct strbuf *sb, const char *s, size_t len)
{
	char q = memchr(s, '\'', len) && !memchr(s, '"', len) ? '"' : '\'';

	strbuf_addch(sb, q);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == (unsigned char)q || ch == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)ch);
		} else if (ch == '\n') {
			strbuf_adds(sb, "\\n");
		} else if (ch == '\r') {
			strbuf_adds(sb, "\\r");
		} else if (ch == '\t') {
			strbuf_adds(sb, "\\t");
		} else if (ch < 0x20 || ch == 0x7f) {
			strbuf_addf(sb, "\\x%02x", ch);
		} else {
			strbuf_addch(sb, (char)ch);
		}
	}
	strbuf_addch(sb, q);
}

/*
 * str(value) (or repr(value) for the items of a container) into sb.
 * Strings are Jinja-rendered first, as dbt renders every string.
 */
static void py_str_into(struct ctx *c, const struct floe_node *n,
			struct strbuf *sb, bool repr, bool *secret_env,
			bool *none)
{
	if (n->kind == FLOE_NODE_MAP) {
		strbuf_addch(sb, '{');
		for (size_t i = 0; i < n->nr; i++) {
			if (i)
				strbuf_adds(sb, ", ");
			py_str_into(c, n->pairs[i].key, sb, true, secret_env,
				    NULL);
			strbuf_adds(sb, ": ");
			py_str_into(c, n->pairs[i].value, sb, true,
				    secret_env, NULL);
		}
		strbuf_addch(sb, '}');
		return;
	}
	if (n->kind == FLOE_NODE_SEQ) {
		strbuf_addch(sb, '[');
		for (size_t i = 0; i < n->nr; i++) {
			if (i)
				strbuf_adds(sb, ", ");
			py_str_into(c, n->items[i], sb, true, secret_env,
				    NULL);
		}
		strbuf_addch(sb, ']');
		return;
	}
	if (n->type == FLOE_TYPE_STR) {
		struct jinja j;

		jinja_render(c, n, &j);
		report_jinja(c, n, &j);
		if (j.secret_env)
			*secret_env = true;
		if (j.none && none)
			*none = true;
		if (!repr)
			c->native = j.native;
		if (strbuf_error(&j.out))
			strbuf_fail(sb);
		else if (j.none)
			strbuf_adds(sb, "None");
		else if (repr && j.native == JINJA_STR)
			py_repr_str(sb, j.out.buf, j.out.len);
		else
			strbuf_addbuf(sb, &j.out);
		strbuf_release(&j.out);
		return;
	}
	if (repr && n->type == FLOE_TYPE_TIMESTAMP) {
		/* datetime.date(...): or, if PyYAML would not read it, the
		 * text as a str */
		if (!py_timestamp(sb, n, true))
			py_repr_str(sb, n->value, n->len);
		return;
	}
	py_scalar_str(n, sb);
}

static bool value_of(struct ctx *c, const struct floe_node *n, struct val *v)
{
	struct strbuf sb = STRBUF_INIT;

	memset(v, 0, sizeof(*v));
	v->is_map = n->kind == FLOE_NODE_MAP;
	v->is_seq = n->kind == FLOE_NODE_SEQ;
	v->type = n->kind == FLOE_NODE_SCALAR ? n->type : FLOE_TYPE_STR;
	c->native = JINJA_STR;
	py_str_into(c, n, &sb, false, &v->secret_env, &v->none);
	/* `| as_bool` / `| as_number`: dbt-duckdb gets a bool or a number */
	if (v->type == FLOE_TYPE_STR && !v->is_map && !v->is_seq &&
	    c->native != JINJA_STR)
		v->type = c->native == JINJA_BOOL ? FLOE_TYPE_BOOL
			: c->native == JINJA_INT ? FLOE_TYPE_INT
			: FLOE_TYPE_FLOAT;
	if (strbuf_error(&sb)) {
		strbuf_release(&sb);
		nomem(c);
		return false;
	}
	v->text = keep(c, &sb);
	v->len = sb.len;
	strbuf_release(&sb);
	if (!v->text)
		return false;
	if (v->none)
		v->type = FLOE_TYPE_NULL;	/* and so not truthy */
	if (v->is_map || v->is_seq)
		v->truthy = n->nr > 0;
	else if (v->type == FLOE_TYPE_NULL)
		v->truthy = false;
	else if (v->type == FLOE_TYPE_BOOL && n->type != FLOE_TYPE_BOOL)
		v->truthy = !strcmp(v->text, "True");	/* `| as_bool` */
	else if (n->type == FLOE_TYPE_BOOL)
		v->truthy = floe_node_true(n);
	else if (v->type == FLOE_TYPE_INT || v->type == FLOE_TYPE_FLOAT)
		v->truthy = !(strtod(v->text, NULL) == 0 &&
			      strcmp(v->text, "nan"));
	else
		v->truthy = v->len > 0;
	return true;
}

/* ---- secrets: which values are masked ---- */

/* What is secret is decided in one place: src/secret.c. */
static bool secret_key(const char *key)
{
	return floe_secret_key(key);
}

/* A container value with a secret key anywhere inside it. */
static bool holds_secret_key(const struct floe_node *n)
{
	if (n->kind == FLOE_NODE_MAP) {
		for (size_t i = 0; i < n->nr; i++) {
			const struct floe_node *k = n->pairs[i].key;

			const struct floe_node *v = n->pairs[i].value;

			if ((k->kind == FLOE_NODE_SCALAR &&
			     (floe_secret_key_n(k->value, k->len) ||
			      (floe_secret_header_map(k->value) &&
			       !(v->kind == FLOE_NODE_SCALAR &&
				 v->type == FLOE_TYPE_NULL)))) ||
			    holds_secret_key(v))
				return true;
		}
	} else if (n->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < n->nr; i++)
			if (holds_secret_key(n->items[i]))
				return true;
	}
	return false;
}

/*
 * A value under `key` that is masked: a credential's key, a header map
 * (every header can carry one), a container with either inside (its
 * str() shows them), or a DBT_ENV_SECRET_ rendering.
 */
static bool secret_value(const char *key, const struct floe_node *n,
			 const struct val *v)
{
	return secret_key(key) || floe_secret_header_map(key) ||
	       v->secret_env || holds_secret_key(n);
}

static void add_secret(struct ctx *c, const char *s, size_t len)
{
	char *copy;

	if (!len)
		return;
	copy = arena_strndup(c->arena, s, len);
	if (!copy || vec_push(&c->secrets, &copy, sizeof(copy)))
		nomem(c);
}

/*
 * The secret scalars inside a masked container, for verify to scrub from
 * DuckDB's messages (which may quote one value, not the whole str()):
 * every value under a secret key or a header map, or all with `all`.
 */
static void add_secret_leaves(struct ctx *c, const struct floe_node *n,
			      bool all)
{
	struct val v;

	if (n->kind == FLOE_NODE_MAP) {
		for (size_t i = 0; i < n->nr && !c->err; i++) {
			const struct floe_node *k = n->pairs[i].key;
			bool sub = all || (k->kind == FLOE_NODE_SCALAR &&
					   (secret_key(k->value) ||
					    floe_secret_header_map(k->value)));

			add_secret_leaves(c, n->pairs[i].value, sub);
		}
	} else if (n->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < n->nr && !c->err; i++)
			add_secret_leaves(c, n->items[i], all);
	} else if (all && value_of(c, n, &v)) {
		add_secret(c, v.text, v.len);
	}
}

/* ---- SQL pieces ---- */

/* '...' with ' doubled when the release escapes (1.11.0+). */
static void quoted_plain(struct ctx *c, struct dual *d, const char *s,
			 size_t len, bool mask)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'' && renders(c, FE_DBT_ESCAPE_QUOTES))
			strbuf_addch(&sb, '\'');
		strbuf_addch(&sb, s[i]);
	}
	strbuf_addch(&sb, '\'');
	if (strbuf_error(&sb))
		dual_fail(d);
	else if (mask) {
		dual_split(d, sb.buf, sb.len, "'***'");
		add_secret(c, s, len);
		if (sb.len != len + 2)
			add_secret(c, sb.buf + 1, sb.len - 2);
	} else {
		dual_add(d, sb.buf, sb.len);
	}
	strbuf_release(&sb);
}

/* A value written as it is (unquoted), masked if need be. */
static void raw(struct ctx *c, struct dual *d, const char *s, size_t len,
		bool mask)
{
	if (mask) {
		dual_split(d, s, len, "***");
		add_secret(c, s, len);
	} else {
		dual_add(d, s, len);
	}
}

/*
 * A container's repr() with every value masked and the keys kept, so a
 * masked map still reads, and parses, as one: {'X-Api-Key': '***'}.
 */
static void masked_repr(struct ctx *c, const struct floe_node *n,
			struct strbuf *sb)
{
	bool secret_env = false;

	if (n->kind == FLOE_NODE_MAP) {
		strbuf_addch(sb, '{');
		for (size_t i = 0; i < n->nr; i++) {
			if (i)
				strbuf_adds(sb, ", ");
			py_str_into(c, n->pairs[i].key, sb, true, &secret_env,
				    NULL);
			strbuf_adds(sb, ": ");
			masked_repr(c, n->pairs[i].value, sb);
		}
		strbuf_addch(sb, '}');
	} else if (n->kind == FLOE_NODE_SEQ) {
		strbuf_addch(sb, '[');
		for (size_t i = 0; i < n->nr; i++) {
			if (i)
				strbuf_adds(sb, ", ");
			masked_repr(c, n->items[i], sb);
		}
		strbuf_addch(sb, ']');
	} else {
		strbuf_adds(sb, "'***'");
	}
}

/* An unquoted value (a map's str(), a number): raw(), a map masked
 * value by value. */
static void raw_value(struct ctx *c, struct dual *d,
		      const struct floe_node *n, const struct val *v,
		      bool mask)
{
	struct strbuf sb = STRBUF_INIT;

	if (!mask || !(v->is_map || v->is_seq)) {
		raw(c, d, v->text, v->len, mask);
		return;
	}
	masked_repr(c, n, &sb);
	if (strbuf_error(&sb))
		dual_fail(d);
	else
		dual_split(d, v->text, v->len, sb.buf);
	add_secret(c, v->text, v->len);
	strbuf_release(&sb);
}

/*
 * A connection string (an attach path): quoted, with its credential
 * parameters (password=..., user:password@) masked, or all of it when it
 * came from a DBT_ENV_SECRET_ variable.  Returns the text for labels.
 */
static const char *conn_quoted(struct ctx *c, struct dual *d, const char *s,
			       size_t len, bool whole)
{
	struct strbuf m = STRBUF_INIT;
	struct dual r;
	size_t pos = 0, a, l;
	const char *label;

	if (whole) {
		quoted_plain(c, d, s, len, !c->opt->show_secrets);
		return FLOE_SECRET_MASK;
	}
	while (floe_secret_conn_next(s, len, &pos, &a, &l))
		add_secret(c, s + a, l);
	if (floe_secret_mask_conn(&m, s, len, FLOE_SECRET_MASK)) {
		dual_fail(d);
		strbuf_release(&m);
		return NULL;
	}
	dual_init(&r);
	quoted_plain(c, &r, s, len, false);
	if (c->opt->show_secrets || (m.len == len && !memcmp(m.buf, s, len))) {
		dual_addbuf(d, &r.real);
		label = s;
	} else {
		struct dual sh;

		dual_init(&sh);
		quoted_plain(c, &sh, m.buf, m.len, false);
		if (dual_error(&r) || dual_error(&sh))
			dual_fail(d);
		else
			dual_split(d, r.real.buf, r.real.len, sh.shown.buf);
		dual_release(&sh);
		label = arena_strndup(c->arena, m.buf, m.len);
		if (!label)
			nomem(c);
	}
	dual_release(&r);
	strbuf_release(&m);
	return label;
}

/*
 * A quoted value, masked whole when `mask`; otherwise with any credential
 * inside it masked as in a connection string (an endpoint's
 * user:password@, a password=... parameter), wherever it is written.
 */
static void quoted(struct ctx *c, struct dual *d, const char *s, size_t len,
		   bool mask)
{
	size_t pos = 0, a, l;

	if (!mask && floe_secret_conn_next(s, len, &pos, &a, &l))
		conn_quoted(c, d, s, len, false);
	else
		quoted_plain(c, d, s, len, mask);
}

/* Comments must stay on one line: control characters become '?'. */
static void comment_text(struct strbuf *sb, const char *s)
{
	if (!s) {		/* a string that could not be allocated */
		strbuf_fail(sb);
		return;
	}
	for (; *s; s++)
		strbuf_addch(sb, (unsigned char)*s < 0x20 ||
				 *s == 0x7f ? '?' : *s);
}

static char *clean(struct ctx *c, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	comment_text(&sb, s);
	if (strbuf_error(&sb)) {
		strbuf_release(&sb);
		nomem(c);
		return NULL;
	}
	out = keep(c, &sb);
	strbuf_release(&sb);
	return out;
}

/*
 * A statement's rendering begins: a value left as written from here to
 * its push() makes it `dynamic`.
 */
static void stmt_begin(struct ctx *c)
{
	c->stmt_dyn0 = c->nr_dynamic;
}

static void push(struct ctx *c, enum floe_sql_kind kind, bool per_cursor,
		 const struct floe_node *at, const char *origin,
		 const char *label, struct dual *d, const char *name,
		 const char *value)
{
	struct floe_sql_stmt st;

	memset(&st, 0, sizeof(st));
	st.kind = kind;
	st.per_cursor = per_cursor;
	st.loc = floe_node_loc(c->file, at);
	st.node = at;
	st.origin = origin;
	st.label = clean(c, label ? label : "");
	st.name = name;
	st.value = value;
	st.dynamic = c->nr_dynamic != c->stmt_dyn0;
	c->stmt_dyn0 = c->nr_dynamic;
	if (dual_error(d)) {
		nomem(c);
		return;
	}
	if (kind == FLOE_SQL_CONFIG || kind == FLOE_SQL_FILESYSTEM ||
	    kind == FLOE_SQL_PLUGIN) {
		st.sql = NULL;
	} else {
		st.sql = keep(c, &d->real);
	}
	st.shown = keep(c, &d->shown);
	if (c->err)
		return;
	for (size_t i = 0; i < c->missing.nr && !st.placeholder; i++) {
		const char *var = ((const char **)c->missing.items)[i];
		char *ph = keepf(c, "${%s}", var);

		if (!ph)
			return;
		st.placeholder = (st.sql && strstr(st.sql, ph)) ||
				 (value && strstr(value, ph));
	}
	if (vec_push(&c->stmts, &st, sizeof(st)))
		nomem(c);
}

/* ---- one output ---- */

struct output {
	const char *profile, *target;
	const struct floe_node *map;
	const struct floe_prof_output *m;	/* the output in the model */
};

static const char *key_str(struct ctx *c, const struct floe_node *k)
{
	struct val v;

	/* keys are not Jinja-rendered by dbt */
	if (k->type == FLOE_TYPE_STR)
		return k->value;
	if (!value_of(c, k, &v))
		return NULL;
	return v.text;
}

static void config_options(struct ctx *c, const struct floe_node *map)
{
	for (size_t i = 0; i < map->nr && !c->err; i++) {
		const struct floe_node *k = map->pairs[i].key;
		const struct floe_node *vn = map->pairs[i].value;
		const char *name = key_str(c, k);
		bool mask;
		struct val v;
		struct dual d;

		stmt_begin(c);

		if (!name || !value_of(c, vn, &v))
			return;
		if (c->md_user_agent && !strcmp(name, "custom_user_agent"))
			continue;	/* md_user_agent() shows what it becomes */
		mask = !c->opt->show_secrets && secret_value(name, vn, &v);
		if (secret_value(name, vn, &v)) {
			add_secret(c, v.text, v.len);
			add_secret_leaves(c, vn, secret_key(name) ||
					  floe_secret_header_map(name) ||
					  v.secret_env);
		}
		dual_init(&d);
		dual_adds(&d, "-- ");
		{
			struct strbuf sb = STRBUF_INIT;

			comment_text(&sb, name);
			strbuf_adds(&sb, " = ");
			dual_addbuf(&d, &sb);
			strbuf_release(&sb);
		}
		{
			struct strbuf sb = STRBUF_INIT;

			py_repr_str(&sb, v.text, v.len);
			if (strbuf_error(&sb)) {
				dual_fail(&d);
			} else if (mask) {
				dual_split(&d, "", 0, "'***'");
			} else {
				struct strbuf cl = STRBUF_INIT;

				comment_text(&cl, sb.buf);
				dual_addbuf(&d, &cl);
				strbuf_release(&cl);
			}
			strbuf_release(&sb);
		}
		push(c, FLOE_SQL_CONFIG, false, k,
		     keepf(c, "config_options.%s", name),
		     keepf(c, "config %s", name), &d, name, v.text);
		dual_release(&d);
	}
}

static bool ident_like(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static void extension_name(struct ctx *c, struct dual *d, const char *name)
{
	if (ident_like(name))
		dual_adds(d, name);
	else
		quoted(c, d, name, strlen(name), false);
}

static void extensions(struct ctx *c, const struct floe_node *seq)
{
	for (size_t i = 0; i < seq->nr && !c->err; i++) {
		const struct floe_node *it = seq->items[i];
		const char *origin = keepf(c, "extensions[%zu]", i);
		const char *name = NULL, *repo = NULL;
		struct dual d;
		struct val v;

		stmt_begin(c);

		if (it->kind == FLOE_NODE_MAP) {
			const struct floe_node *nn = floe_map_get(it, "name");
			const struct floe_node *rn = floe_map_get(it, "repo");
			bool bad = false;

			for (size_t k = 0; k < it->nr; k++) {
				const struct floe_node *key = it->pairs[k].key;

				if (!floe_node_is_str(key) ||
				    (strcmp(key->value, "name") &&
				     strcmp(key->value, "repo")))
					bad = true;
			}
			if (!nn || !rn || bad || !floe_node_is_str(nn) ||
			    !floe_node_is_str(rn)) {
				diag(c, FLOE_SEV_ERROR, it, "an extension given "
				     "as a mapping needs exactly 'name' and "
				     "'repo' (strings); dbt-duckdb stops with "
				     "\"Failed to parse extension\"");
				continue;
			}
			if (!value_of(c, nn, &v))
				return;
			name = v.text;
			if (!value_of(c, rn, &v))
				return;
			repo = v.text;
		} else if (it->kind == FLOE_NODE_SCALAR &&
			   it->type == FLOE_TYPE_STR) {
			if (!value_of(c, it, &v))
				return;
			name = v.text;
		} else {
			diag(c, FLOE_SEV_ERROR, it, "an extension must be a "
			     "name or a mapping with 'name' and 'repo', not "
			     "%s", floe_node_describe(it));
			continue;
		}
		dual_init(&d);
		if (repo) {
			/* conn.execute(f"install {ext.name} from {ext.repo}") */
			dual_adds(&d, "install ");
			dual_adds(&d, name);
			dual_adds(&d, " from ");
			dual_adds(&d, repo);
		} else {
			/* conn.install_extension(name) */
			dual_adds(&d, "INSTALL ");
			extension_name(c, &d, name);
		}
		push(c, FLOE_SQL_INSTALL, false, it, origin,
		     keepf(c, "INSTALL %s", name), &d, name, NULL);
		dual_release(&d);
		dual_init(&d);
		dual_adds(&d, "LOAD ");
		extension_name(c, &d, name);
		push(c, FLOE_SQL_LOAD, false, it, origin,
		     keepf(c, "LOAD %s", name), &d, name, NULL);
		dual_release(&d);
	}
}

static bool native_bool(struct ctx *c, const struct floe_node *n,
			bool *is_true);

/* One secret parameter line ("key 'value'"), per Secret._format_value. */
static void secret_param(struct ctx *c, struct dual *d, const char *key,
			 const struct floe_node *vn, bool mask_all)
{
	bool mask = !c->opt->show_secrets;
	struct val v;

	if (!value_of(c, vn, &v))
		return;
	if (floe_secret_header_map(key) ||
	    ((v.is_map || v.is_seq) &&
	     !renders(c, FE_DBT_SECRET_TYPED_CONTAINERS) &&
	     holds_secret_key(vn)))
		mask_all = true;	/* str() of the map: all or nothing */
	mask = mask && (mask_all || secret_key(key) || v.secret_env);
	if (mask_all || secret_key(key) || v.secret_env) {
		add_secret(c, v.text, v.len);
		add_secret_leaves(c, vn, mask_all || secret_key(key) ||
				  v.secret_env);
	}
	dual_adds(d, key);
	if ((v.is_map || v.is_seq) &&
	    renders(c, FE_DBT_SECRET_TYPED_CONTAINERS)) {
		bool map = v.is_map;

		dual_adds(d, map ? " map {" : " array [");
		for (size_t i = 0; i < vn->nr; i++) {
			struct val iv;

			if (i)
				dual_adds(d, ", ");
			if (map) {
				struct val kv;
				bool m;

				if (!value_of(c, vn->pairs[i].key, &kv) ||
				    !value_of(c, vn->pairs[i].value, &iv))
					return;
				m = mask || (!c->opt->show_secrets &&
					     (secret_key(kv.text) ||
					      iv.secret_env));
				if (mask_all || secret_key(kv.text) ||
				    iv.secret_env)
					add_secret(c, iv.text, iv.len);
				quoted(c, d, kv.text, kv.len, false);
				dual_adds(d, ": ");
				quoted(c, d, iv.text, iv.len, m);
			} else {
				if (!value_of(c, vn->items[i], &iv))
					return;
				quoted(c, d, iv.text, iv.len,
				       mask || (!c->opt->show_secrets &&
						iv.secret_env));
			}
		}
		dual_adds(d, map ? "}" : "]");
		return;
	}
	dual_adds(d, " ");
	if (!strcmp(key, "type") || !strcmp(key, "provider") ||
	    (!strcmp(key, "extra_http_headers") &&
	     !renders(c, FE_DBT_SECRET_HEADERS_QUOTED))) {
		raw_value(c, d, vn, &v, mask);
		return;
	}
	quoted(c, d, v.text, v.len, mask);
	if (!strcmp(key, "extra_http_headers") && memchr(v.text, '\'', v.len))
		diag(c, FLOE_SEV_ERROR, vn, "dbt-duckdb %u.%u.%u quotes "
		     "extra_http_headers, and the map's own quotes break "
		     "CREATE SECRET. DuckDB cannot parse it; dbt-duckdb 1.9.1 "
		     "renders the map unquoted", c->v.major, c->v.minor,
		     c->v.patch);
}

static bool scope_line(struct ctx *c, struct dual *d,
		       const struct floe_node *sn, bool *first)
{
	struct val v;

	if (!value_of(c, sn, &v))
		return false;
	dual_adds(d, *first ? "\n    " : ",\n    ");
	*first = false;
	dual_adds(d, "scope ");
	quoted(c, d, v.text, v.len, !c->opt->show_secrets && v.secret_env);
	return true;
}

static void secret(struct ctx *c, const struct floe_node *it, size_t idx,
		   const struct floe_node *at, bool per_cursor,
		   const char *origin)
{
	const struct floe_node *type = NULL, *name = NULL, *persistent = NULL;
	bool persist = false;
	const struct floe_node *provider = NULL, *scope = NULL;
	const char *name_text = NULL, *type_text;
	bool first = true, named;
	struct val v;
	struct dual d;

	stmt_begin(c);

	if (it->kind != FLOE_NODE_MAP) {
		diag(c, FLOE_SEV_ERROR, it, "a secret must be a mapping, not "
		     "%s", floe_node_describe(it));
		return;
	}
	for (size_t i = 0; i < it->nr; i++) {
		const struct floe_node *k = it->pairs[i].key;

		if (!floe_node_is_str(k))
			continue;
		if (!strcmp(k->value, "type"))
			type = it->pairs[i].value;
		else if (!strcmp(k->value, "name"))
			name = it->pairs[i].value;
		else if (!strcmp(k->value, "persistent"))
			persistent = it->pairs[i].value;
		else if (!strcmp(k->value, "provider"))
			provider = it->pairs[i].value;
		else if (!strcmp(k->value, "scope"))
			scope = it->pairs[i].value;
	}
	if (!type) {
		diag(c, FLOE_SEV_ERROR, it, "this secret has no 'type': "
		     "dbt-duckdb stops with KeyError: 'type'");
		return;
	}
	if (scope && scope->kind == FLOE_NODE_SEQ && scope->nr &&
	    !renders(c, FE_DBT_SECRET_SCOPE_LINES))
		/* scope: Optional[str] takes the list; its str() is quoted */
		diag(c, FLOE_SEV_ERROR, scope, "dbt-duckdb %u.%u.%u renders "
		     "this list as one quoted string that DuckDB cannot "
		     "parse. It writes scope '[...]' with the list's own "
		     "quotes; a list of scopes needs dbt-duckdb 1.9.3, before "
		     "that give one scope as a string",
		     c->v.major, c->v.minor, c->v.patch);
	if (name) {
		if (!value_of(c, name, &v))
			return;
		named = v.truthy;
		name_text = v.text;
	} else {
		name_text = keepf(c, "_dbt_secret_%zu", idx + 1);
		named = true;
	}
	if (!value_of(c, type, &v))
		return;
	type_text = v.text;
	dual_init(&d);
	dual_adds(&d, "CREATE");
	if (named)
		dual_adds(&d, " OR REPLACE");
	if (persistent && persistent->kind == FLOE_NODE_SCALAR &&
	    ((persistent->type == FLOE_TYPE_BOOL &&
	      floe_node_true(persistent)) ||
	     (native_bool(c, persistent, &persist) && persist)))
		dual_adds(&d, " PERSISTENT");
	dual_adds(&d, " SECRET");
	if (named) {
		dual_adds(&d, " ");
		dual_adds(&d, name_text);
	}
	dual_adds(&d, " (");
	/* to_dict() order: type, provider, [scope], then the kwargs */
	dual_adds(&d, "\n    ");
	first = false;
	secret_param(c, &d, "type", type, false);
	if (provider && provider->type != FLOE_TYPE_NULL) {
		dual_adds(&d, ",\n    ");
		secret_param(c, &d, "provider", provider, false);
	}
	if (scope && scope->type != FLOE_TYPE_NULL &&
	    !renders(c, FE_DBT_SECRET_SCOPE_LINES)) {
		dual_adds(&d, ",\n    ");
		secret_param(c, &d, "scope", scope, false);
	}
	for (size_t i = 0; i < it->nr && !c->err; i++) {
		const struct floe_node *k = it->pairs[i].key;
		const struct floe_node *vn = it->pairs[i].value;
		const char *key;

		if (floe_node_is_str(k) &&
		    (!strcmp(k->value, "type") || !strcmp(k->value, "name") ||
		     !strcmp(k->value, "persistent") ||
		     !strcmp(k->value, "provider") ||
		     !strcmp(k->value, "scope")))
			continue;
		if (vn->kind == FLOE_NODE_SCALAR && vn->type == FLOE_TYPE_NULL)
			continue;
		if (floe_node_is_str(vn)) {
			struct val nv;

			/* `value is not None`: a value rendered as None goes */
			if (!value_of(c, vn, &nv))
				break;
			if (nv.none)
				continue;
		}
		key = key_str(c, k);
		if (!key)
			break;
		dual_adds(&d, ",\n    ");
		secret_param(c, &d, key, vn, false);
	}
	if (scope && renders(c, FE_DBT_SECRET_SCOPE_LINES)) {
		if (scope->kind == FLOE_NODE_SEQ) {
			for (size_t i = 0; i < scope->nr; i++)
				if (!scope_line(c, &d, scope->items[i],
						&first))
					break;
		} else if (scope->type != FLOE_TYPE_NULL) {
			scope_line(c, &d, scope, &first);
		}
	}
	dual_adds(&d, "\n)");
	push(c, FLOE_SQL_SECRET, per_cursor, at, origin,
	     keepf(c, "CREATE SECRET %s", named ? name_text : "(unnamed)"),
	     &d, type_text, NULL);
	dual_release(&d);
}

static void secrets(struct ctx *c, const struct output *o, bool per_cursor)
{
	const struct floe_node *seq = o->m->secrets;
	const struct floe_pair *ucp = floe_map_pair(o->map,
						    "use_credential_provider");
	size_t n = 0;

	if (seq && seq->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < seq->nr && !c->err; i++)
			secret(c, seq->items[i], n++, seq->items[i],
			       per_cursor, keepf(c, "secrets[%zu]", i));
	} else if (seq && !(seq->kind == FLOE_NODE_SCALAR &&
			    seq->type == FLOE_TYPE_NULL)) {
		diag(c, FLOE_SEV_ERROR, seq, "'secrets' must be a list of "
		     "mappings, not %s", floe_node_describe(seq));
	}
	if (ucp && !c->err && !(ucp->value->kind == FLOE_NODE_SCALAR &&
				ucp->value->type == FLOE_TYPE_NULL)) {
		struct val v;
		struct dual d;
		char *sql;

		stmt_begin(c);
		if (!value_of(c, ucp->value, &v))
			return;
		if (!v.truthy)
			return;
		if (strcmp(v.text, "aws")) {
			diag(c, FLOE_SEV_ERROR, ucp->value, "dbt-duckdb "
			     "accepts only 'aws' here: ValueError: "
			     "Unsupported value for use_credential_provider");
			return;
		}
		/* __post_init__ appends {type: s3, provider: credential_chain} */
		sql = keepf(c, "CREATE OR REPLACE SECRET _dbt_secret_%zu (\n"
			    "    type s3,\n    provider credential_chain\n)",
			    n + 1);
		if (!sql)
			return;
		dual_init(&d);
		dual_adds(&d, sql);
		push(c, FLOE_SQL_SECRET, per_cursor, ucp->key,
		     "use_credential_provider",
		     keepf(c, "CREATE SECRET _dbt_secret_%zu", n + 1), &d,
		     "s3", NULL);
		dual_release(&d);
	}
}

static void filesystems(struct ctx *c, const struct floe_node *seq)
{
	for (size_t i = 0; i < seq->nr && !c->err; i++) {
		const struct floe_node *it = seq->items[i];
		const struct floe_node *fs = floe_map_get(it, "fs");
		struct val v;
		struct dual d;
		char *text;

		stmt_begin(c);

		if (it->kind != FLOE_NODE_MAP || !fs) {
			diag(c, FLOE_SEV_ERROR, it, "a filesystem must be a "
			     "mapping with 'fs': dbt-duckdb pops it "
			     "(KeyError: 'fs')");
			continue;
		}
		if (!value_of(c, fs, &v))
			return;
		{
			struct strbuf sb = STRBUF_INIT;
			bool failed;

			py_repr_str(&sb, v.text, v.len);
			failed = strbuf_error(&sb) != 0;
			text = failed ? NULL : keepf(c, "-- register_filesystem("
						     "fsspec.filesystem(%s, "
						     "...)): Python, not SQL",
						     sb.buf);
			strbuf_release(&sb);
			if (failed)
				nomem(c);
		}
		if (!text)
			return;
		dual_init(&d);
		dual_adds(&d, clean(c, text));
		push(c, FLOE_SQL_FILESYSTEM, false, it,
		     keepf(c, "filesystems[%zu]", i),
		     keepf(c, "filesystem %s", v.text), &d, v.text, NULL);
		dual_release(&d);
	}
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void plugins(struct ctx *c, const struct floe_node *seq)
{
	for (size_t i = 0; i < seq->nr && !c->err; i++) {
		const struct floe_node *it = seq->items[i];
		const struct floe_node *mod = floe_map_get(it, "module");
		struct val v;
		struct dual d;
		char *text;
		size_t before;

		stmt_begin(c);

		if (it->kind != FLOE_NODE_MAP || !mod) {
			diag(c, FLOE_SEV_ERROR, it, "a plugin must be a "
			     "mapping with 'module'");
			continue;
		}
		if (!value_of(c, mod, &v))
			return;
		text = keepf(c, "-- %s: configure_connection(conn): Python, "
			     "not SQL", v.text);
		if (!text)
			return;
		dual_init(&d);
		dual_adds(&d, clean(c, text));
		before = c->stmts.nr;
		push(c, FLOE_SQL_PLUGIN, false, it,
		     keepf(c, "plugins[%zu]", i),
		     keepf(c, "plugin %s", v.text), &d, v.text, NULL);
		dual_release(&d);
		if (c->stmts.nr > before &&
		    ends_with(v.text, "plugins.polaris")) {
			struct floe_sql_stmt *st = c->stmts.items;

			st[before].uses_secrets = true;
			st[before].flavor = "Polaris, because it is floe's "
					    "Polaris plugin";
		}
	}
}

/* urlsplit(path).query */
static void url_query(const char *path, const char **q, size_t *qlen,
		      bool *found)
{
	const char *hash = strchr(path, '#'), *qm;
	size_t n = hash ? (size_t)(hash - path) : strlen(path);

	qm = memchr(path, '?', n);
	*found = qm != NULL;
	*q = qm ? qm : path;
	*qlen = qm ? n - (size_t)(qm - path) : 0;
}

/* path.replace(f"?{parsed.query}", "") */
static char *strip_query(struct ctx *c, const char *path)
{
	const char *q;
	size_t qlen;
	bool found;
	struct strbuf sb = STRBUF_INIT;
	char *out;

	url_query(path, &q, &qlen, &found);
	if (!found || (renders(c, FE_DBT_QUERY_CUT_MOTHERDUCK_ONLY) &&
		       !fe_dbt_path_is_motherduck(path)))
		return (char *)path;
	{
		char *needle = arena_strndup(c->arena, q, qlen);

		if (!needle) {
			nomem(c);
			return NULL;
		}
		for (const char *p = path; *p;) {
			if (!strncmp(p, needle, qlen)) {
				p += qlen;
				continue;
			}
			strbuf_addch(&sb, *p++);
		}
	}
	if (strbuf_error(&sb)) {
		strbuf_release(&sb);
		nomem(c);
		return NULL;
	}
	out = keep(c, &sb);
	strbuf_release(&sb);
	return out;
}

static bool is_null(const struct floe_node *n)
{
	return !n || (n->kind == FLOE_NODE_SCALAR &&
		      n->type == FLOE_TYPE_NULL);
}

/*
 * An option value dbt-duckdb takes as already quoted, after
 * value.strip(): '...' or "..." (since 1.11.0 only with 2 characters or
 * more; before, a lone ' counted as quoted too).
 */
static bool option_quoted(const struct ctx *c, const char *s)
{
	size_t n, min = renders(c, FE_DBT_OPTION_QUOTED_NEEDS_TWO) ? 2 : 1;

	/* str.strip(): ASCII whitespace and the separators \x1c-\x1f */
	while (*s && strchr(" \t\r\n\v\f\x1c\x1d\x1e\x1f", *s))
		s++;
	n = strlen(s);
	while (n && strchr(" \t\r\n\v\f\x1c\x1d\x1e\x1f", s[n - 1]))
		n--;
	return n >= min && ((s[0] == '\'' && s[n - 1] == '\'') ||
			    (s[0] == '"' && s[n - 1] == '"'));
}

/* The dbt-duckdb release of the plan, as the engine's tables key it. */
static unsigned fe_version(const struct ctx *c)
{
	return FE_V(c->v.major, c->v.minor, c->v.patch);
}

static const char *type_name(enum fe_yaml_type t)
{
	switch (t) {
	case FE_T_STR:
		return "a string";
	case FE_T_BOOL:
		return "true or false";
	case FE_T_INT:
		return "an integer";
	case FE_T_MAP:
		return "a mapping";
	case FE_T_LIST:
		return "a list";
	}
	return "?";
}

/*
 * A string that dbt's native rendering makes a bool: one {{ }} ending in
 * `| as_bool`, on a value that is not refused (native_check() reports
 * those).  *is_true (may be NULL): the value is known to be True.
 */
static bool native_bool(struct ctx *c, const struct floe_node *n,
			bool *is_true)
{
	struct jinja_opts jo = { c->opt->use_env, c->opt->getenv_fn, false };
	struct jinja_read r;
	enum jinja_verdict v;

	if (!floe_node_is_str(n))
		return false;
	if (jinja_read(c->arena, n, &jo, &r) != FLOE_OK) {
		nomem(c);
		return false;
	}
	if (r.native.placeholder)
		return false;
	{
		struct strbuf sb = STRBUF_INIT;
		enum jinja_type t;
		bool bool_true;

		int rendered = jinja_native_render(&r.native, &sb, &t);

		if (strbuf_error(&sb)) {
			strbuf_release(&sb);
			nomem(c);
			return false;
		}
		if (rendered && t == JINJA_BOOL) {
			bool_true = !strcmp(sb.buf, "True");
			strbuf_release(&sb);
			if (is_true)
				*is_true = bool_true;
			return true;
		}
		strbuf_release(&sb);
	}
	if (!r.native.filters || strcmp(r.native.filters, "as_bool"))
		return false;
	v = jinja_native_verdict("as_bool", r.native.value, r.native.len);
	if (is_true)
		*is_true = v == JINJA_ACCEPTED &&
			   strstr(r.native.value, "True");
	return v != JINJA_REFUSED;
}

/*
 * dbt's schema check of one field `f`, written `k: v`: null where it is
 * not Optional, and the types of the boolean, string and mapping fields
 * (Optional[str] is anyOf string or null in the schema: alias: 123 is
 * refused).  False after an error.
 */
static bool field_schema(struct ctx *c, const struct floe_node *k,
			 const struct floe_node *v, const struct fe_dbt_key *f)
{
	bool ok;

	if (is_null(v)) {
		if (f->flags & FE_FIELD_NULLABLE)
			return true;
		diag(c, FLOE_SEV_ERROR, k, "'%s' must be %s, not null: dbt "
		     "rejects the profile (None is not of type '%s')",
		     f->name, type_name(f->type),
		     f->type == FE_T_BOOL ? "boolean" :
		     f->type == FE_T_MAP ? "object" : "string");
		return false;
	}
	ok = f->type == FE_T_BOOL
		? (v->kind == FLOE_NODE_SCALAR &&
		   v->type == FLOE_TYPE_BOOL) || native_bool(c, v, NULL)
		: f->type == FE_T_MAP ? v->kind == FLOE_NODE_MAP
		: f->type == FE_T_STR ? floe_node_is_str(v) : true;
	if (!ok) {
		diag(c, FLOE_SEV_ERROR, v, "'%s' must be %s, not %s",
		     f->name, type_name(f->type), floe_node_describe(v));
		return false;
	}
	return true;
}

/*
 * dbt's schema check of an attach item (dbt-duckdb's Attachment, a strict
 * dataclass), from the engine's table: unknown keys, required fields and
 * field_schema().  False after an error.
 */
static bool attach_schema(struct ctx *c, const struct floe_node *it)
{
	for (size_t i = 0; i < it->nr; i++) {
		const struct floe_node *k = it->pairs[i].key;
		const struct floe_node *v = it->pairs[i].value;
		const struct fe_dbt_key *f = floe_node_is_str(k)
			? fe_dbt_attach_field(k->value, fe_version(c)) : NULL;

		if (!f) {
			diag(c, FLOE_SEV_ERROR, k, "dbt-duckdb %u.%u.%u does "
			     "not know the attach key '%s': dbt rejects the "
			     "profile (Additional properties are not "
			     "allowed)", c->v.major, c->v.minor, c->v.patch,
			     floe_node_is_str(k) ? k->value : "?");
			return false;
		}
		if (!field_schema(c, k, v, f))
			return false;
	}
	for (size_t i = 0; fe_dbt_attach_field_at(i); i++) {
		const struct fe_dbt_key *f = fe_dbt_attach_field_at(i);

		if ((f->flags & FE_FIELD_REQUIRED) &&
		    fe_dbt_attach_field(f->name, fe_version(c)) &&
		    !floe_map_get(it, f->name)) {
			diag(c, FLOE_SEV_ERROR, it, "an attach entry needs "
			     "'%s' (%s)", f->name, type_name(f->type));
			return false;
		}
	}
	return true;
}

/*
 * The catalog server of an iceberg ATTACH, for its comment: decided as
 * lint decides it where no platform is given (engine/flavor.h):
 * endpoint_type, then --catalog-flavor or lint.catalog_flavor, then the
 * shape of the endpoint.  The phrase names no value of the profile.
 */
static const char *attach_flavor(struct ctx *c, const char *endpoint,
				 const char *endpoint_type)
{
	enum fe_flavor chosen = fe_flavor_by_name(c->opt->catalog_flavor);
	const char *why = NULL;
	enum fe_flavor f = fe_flavor_decide(endpoint_type, chosen,
					    FE_FLAVOR_UNKNOWN, NULL, endpoint,
					    &why);

	if (f == FE_FLAVOR_UNKNOWN)
		return "Polaris, floe's default: nothing names the server "
		       "(see --catalog-flavor)";
	return keepf(c, "%s, because %s", fe_flavor_info(f)->title, why);
}

static void attach(struct ctx *c, const struct floe_node *it, size_t idx)
{
	const struct floe_node *path, *type, *alias, *sec, *ro, *opts;
	const char *origin = keepf(c, "attach[%zu]", idx);
	const char *type_text = NULL, *path_text, *alias_text = NULL;
	const char *path_label = "";
	const char *endpoint = NULL, *endpoint_type = NULL;
	size_t before;
	struct val v, tv = { 0 }, sv = { 0 };
	bool type_set = false, sec_set = false, ro_set = false, first = true;
	bool ro_true = false;
	struct dual d;

	stmt_begin(c);

	if (it->kind != FLOE_NODE_MAP) {
		diag(c, FLOE_SEV_ERROR, it, "an attach entry must be a "
		     "mapping, not %s", floe_node_describe(it));
		return;
	}
	if (!attach_schema(c, it))
		return;
	path = floe_map_get(it, "path");
	type = floe_map_get(it, "type");
	alias = floe_map_get(it, "alias");
	sec = floe_map_get(it, "secret");
	ro = floe_map_get(it, "read_only");
	opts = floe_map_get(it, "options");
	/* attach_schema() refused any other kind; read only a mapping's */
	if (!opts || opts->kind != FLOE_NODE_MAP)
		opts = NULL;
	if (!value_of(c, path, &v))
		return;
	path_text = strip_query(c, v.text);
	if (!path_text)
		return;
	if (type && !is_null(type)) {
		if (!value_of(c, type, &tv))
			return;
		type_set = tv.truthy;
	}
	if (sec && !is_null(sec)) {
		if (!value_of(c, sec, &sv))
			return;
		sec_set = sv.truthy;
	}
	ro_set = ro && ro->kind == FLOE_NODE_SCALAR &&
		 ro->type == FLOE_TYPE_BOOL && floe_node_true(ro);
	if (ro && !ro_set && native_bool(c, ro, &ro_true))
		ro_set = ro_true;	/* `| as_bool` renders a real bool */
	if (alias && !is_null(alias)) {
		struct val av;

		if (!value_of(c, alias, &av))
			return;
		if (av.truthy)
			alias_text = av.text;
	}
	if (opts && opts->nr) {
		const char *conflicts[3];
		size_t nc = 0;

		if (type_set && floe_map_get(opts, "type"))
			conflicts[nc++] = "'type'";
		if (sec_set && floe_map_get(opts, "secret"))
			conflicts[nc++] = "'secret'";
		if (ro_set && floe_map_get(opts, "read_only"))
			conflicts[nc++] = "'read_only'";
		if (nc) {
			diag(c, FLOE_SEV_ERROR, opts, "Attachment option(s) "
			     "[%s%s%s%s%s] specified in both direct fields "
			     "and options dict: dbt-duckdb stops "
			     "(DbtRuntimeError)", conflicts[0],
			     nc > 1 ? ", " : "", nc > 1 ? conflicts[1] : "",
			     nc > 2 ? ", " : "", nc > 2 ? conflicts[2] : "");
			return;
		}
	}

	dual_init(&d);
	dual_adds(&d, renders(c, FE_DBT_ATTACH_IF_NOT_EXISTS)
		  ? "ATTACH IF NOT EXISTS " : "ATTACH ");
	path_label = conn_quoted(c, &d, path_text, strlen(path_text),
				 v.secret_env);
	if (!path_label)
		path_label = "";
	if (alias_text) {
		dual_adds(&d, " AS ");
		dual_adds(&d, alias_text);
	}
#define OPT_SEP() dual_adds(&d, first ? " (" : ", "), first = false
	if (type_set) {
		OPT_SEP();
		dual_adds(&d, "TYPE ");
		dual_adds(&d, tv.text);
		type_text = tv.text;
	} else if (opts && opts->nr && floe_map_pair(opts, "type")) {
		struct val ov;

		if (!value_of(c, floe_map_get(opts, "type"), &ov))
			goto out;
		OPT_SEP();
		dual_adds(&d, "TYPE ");
		dual_adds(&d, ov.text);
		type_text = ov.text;
	}
	if (sec_set) {
		OPT_SEP();
		dual_adds(&d, "SECRET ");
		dual_adds(&d, sv.text);
	} else if (opts && opts->nr && floe_map_pair(opts, "secret")) {
		struct val ov;

		if (!value_of(c, floe_map_get(opts, "secret"), &ov))
			goto out;
		OPT_SEP();
		dual_adds(&d, "SECRET ");
		dual_adds(&d, ov.text);
	}
	if (ro_set) {
		OPT_SEP();
		dual_adds(&d, "READ_ONLY");
	} else if (opts && opts->nr && floe_map_pair(opts, "read_only")) {
		struct val ov;

		if (!value_of(c, floe_map_get(opts, "read_only"), &ov))
			goto out;
		if (ov.truthy) {
			OPT_SEP();
			dual_adds(&d, "READ_ONLY");
		}
	}
	for (size_t i = 0; opts && i < opts->nr && !c->err; i++) {
		const struct floe_node *k = opts->pairs[i].key;
		const struct floe_node *vn = opts->pairs[i].value;
		struct val ov;
		char *upper;
		bool mask;

		if (!floe_node_is_str(k)) {
			diag(c, FLOE_SEV_ERROR, k, "attach option names must "
			     "be strings: dbt-duckdb calls key.upper()");
			continue;
		}
		if (!strcmp(k->value, "type") || !strcmp(k->value, "secret") ||
		    !strcmp(k->value, "read_only") || is_null(vn))
			continue;
		if (!value_of(c, vn, &ov))
			goto out;
		if (ov.none)
			continue;	/* `value is not None` */
		if (!strcasecmp(k->value, "endpoint"))
			endpoint = ov.text;
		else if (!strcasecmp(k->value, "endpoint_type"))
			endpoint_type = ov.text;
		upper = arena_strndup(c->arena, k->value, k->len);
		if (!upper) {
			nomem(c);
			goto out;
		}
		for (char *p = upper; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		mask = secret_value(k->value, vn, &ov);
		if (mask) {
			add_secret(c, ov.text, ov.len);
			add_secret_leaves(c, vn, secret_key(k->value) ||
					  floe_secret_header_map(k->value) ||
					  ov.secret_env);
		}
		mask = mask && !c->opt->show_secrets;
		if (vn->kind == FLOE_NODE_SCALAR &&
		    ov.type == FLOE_TYPE_BOOL) {	/* or `| as_bool` */
			if (ov.truthy) {
				OPT_SEP();
				dual_adds(&d, upper);
			}
			continue;
		}
		OPT_SEP();
		dual_adds(&d, upper);
		dual_adds(&d, " ");
		if (vn->kind == FLOE_NODE_SCALAR &&
		    ov.type == FLOE_TYPE_STR) {
			if (option_quoted(c, ov.text))
				raw(c, &d, ov.text, ov.len, mask);
			else
				quoted(c, &d, ov.text, ov.len, mask);
		} else {
			raw_value(c, &d, vn, &ov, mask);
		}
	}
	if (!first)
		dual_adds(&d, ")");
#undef OPT_SEP
	before = c->stmts.nr;
	push(c, FLOE_SQL_ATTACH, false, it, origin,
	     alias_text ? keepf(c, "ATTACH '%s' AS %s", path_label, alias_text)
			: keepf(c, "ATTACH '%s'", path_label),
	     &d, type_text, NULL);
	if (c->stmts.nr > before && type_text &&
	    fe_attach_type_is(type_text, "iceberg")) {
		const char *flavor = attach_flavor(c, endpoint, endpoint_type);

		if (flavor)
			((struct floe_sql_stmt *)c->stmts.items)[before]
				.flavor = flavor;
	}
out:
	dual_release(&d);
}

static void settings(struct ctx *c, const struct floe_node *map)
{
	for (size_t i = 0; i < map->nr && !c->err; i++) {
		const struct floe_node *k = map->pairs[i].key;
		const char *name = key_str(c, k);
		struct val v;
		struct dual d;
		bool mask;

		stmt_begin(c);

		if (!name || !value_of(c, map->pairs[i].value, &v))
			return;
		if (c->md_pops_setting && !strcmp(name, "custom_user_agent"))
			continue;	/* popped into the connect config */
		mask = secret_value(name, map->pairs[i].value, &v);
		if (mask) {
			add_secret(c, v.text, v.len);
			add_secret_leaves(c, map->pairs[i].value,
					  secret_key(name) ||
					  floe_secret_header_map(name) ||
					  v.secret_env);
		}
		dual_init(&d);
		/* cursor.execute(f"SET {key} = '{value}'") */
		dual_adds(&d, "SET ");
		dual_adds(&d, name);
		dual_adds(&d, " = ");
		quoted(c, &d, v.text, v.len, mask && !c->opt->show_secrets);
		push(c, FLOE_SQL_SET, true, k, keepf(c, "settings.%s", name),
		     keepf(c, "SET %s", name), &d, name, v.text);
		dual_release(&d);
	}
}

/* A section that must be a mapping (or absent / null). */
static const struct floe_node *section(struct ctx *c,
				       const struct floe_node *n,
				       const char *key,
				       enum floe_node_kind kind)
{
	if (!n || is_null(n))
		return NULL;
	if (n->kind != kind) {
		diag(c, FLOE_SEV_ERROR, n, "'%s' must be a %s, not %s: dbt "
		     "rejects the profile", key,
		     kind == FLOE_NODE_MAP ? "mapping" : "list",
		     floe_node_describe(n));
		return NULL;
	}
	return n;
}

/*
 * A string as dbt renders it, without reporting or listing anything:
 * NULL when only the run can tell (a variable without a value, or more
 * Jinja than the reader knows).
 */
static const char *quiet_text_secret(struct ctx *c, const struct floe_node *n,
				     bool *secret)
{
	struct jinja_opts o = { c->opt->use_env, c->opt->getenv_fn, false };
	struct jinja_read r;

	*secret = false;
	if (!floe_node_is_str(n))
		return NULL;
	if (jinja_read(c->arena, n, &o, &r) != FLOE_OK) {
		nomem(c);
		return NULL;
	}
	*secret = r.secret_env;
	return r.dynamic || r.missing ? NULL : r.text;
}

static const char *quiet_text(struct ctx *c, const struct floe_node *n)
{
	bool secret;

	return quiet_text_secret(c, n, &secret);
}

/*
 * dbt-duckdb's __pre_deserialize__: the database named after `path` must
 * be `database`, if that is given, or (since 1.9.4) one of the attach
 * aliases; with `remote` the check is off.  dbt refuses the profile
 * before it connects.  Before that, dbt-core checks the output against
 * the credentials' schema (Profile._credentials_from_profile():
 * validate(), then from_dict()), where `database: str` is no null, int
 * or mapping: that refusal is the one dbt gives (lint's FP009).
 */
static void database_check(struct ctx *c, const struct output *o)
{
	const struct floe_node *pn = o->m->path.node;
	const struct floe_node *dn = o->m->database.node;
	const struct floe_node *remote = floe_map_get(o->map, "remote");
	const struct floe_node *att = o->m->attach;
	const char *path = NULL, *db, *name;
	size_t len;
	bool alias = false;

	if (dn && !floe_node_is_str(dn)) {
		const struct fe_dbt_key *f =
			fe_dbt_output_key("database", fe_version(c));

		if (f && !field_schema(c, dn, dn, f))
			return;
	}
	if (pn && !is_null(pn) && !(path = quiet_text(c, pn)))
		return;		/* known only at run time */
	name = fe_dbt_path_database(path, fe_version(c), &len);
	if (!len) {
		diag(c, FLOE_SEV_ERROR, pn, "this path names no database file: "
		     "dbt-duckdb refuses the profile. It says \"Unable to "
		     "determine target database name from 'path' field in "
		     "profile\"");
		return;
	}
	if (!dn || (remote && !is_null(remote)))
		return;
	if (is_null(dn))
		db = "None";
	else if (!floe_node_is_str(dn))	/* the schema took it */
		db = dn->kind == FLOE_NODE_SCALAR ? dn->value : "?";
	else if (!(db = quiet_text(c, dn)))
		return;
	if (floe_node_is_str(dn) && strlen(db) == len &&
	    !strncmp(db, name, len))
		return;
	for (size_t i = 0; att && att->kind == FLOE_NODE_SEQ && i < att->nr;
	     i++) {
		const struct floe_node *a = floe_map_get(att->items[i], "alias");
		const char *t;

		if (!a || !floe_node_is_str(a))
			continue;
		if (!(t = quiet_text(c, a)))
			return;		/* it may be this one */
		if (floe_node_is_str(dn) && !strcmp(t, db))
			alias = true;
	}
	if (alias && renders(c, FE_DBT_DATABASE_MAY_BE_ALIAS))
		return;
	diag(c, FLOE_SEV_ERROR, dn, "database '%s' is not '%.*s', the one "
	     "the path names: dbt-duckdb refuses the profile. It says "
	     "\"Inconsistency detected between 'path' and 'database' fields "
	     "in profile\". %s", db, (int)len, name, alias
	     ? "An attach alias is accepted there from dbt-duckdb 1.9.4 on"
	     : "Set it to that name, or to an attach alias (dbt-duckdb "
	       "1.9.4 or later)");
}

/*
 * dbt's native rendering: a value that is one {{ }} ending in
 * `| as_bool` or `| as_number` must read as a bool or a number, or dbt
 * refuses the profile (jinja_native_refusal(), lint's FP240).  Under a
 * 'password' key dbt keeps what it cannot render as written.
 */
static void native_check(struct ctx *c, const struct floe_node *n,
			 unsigned depth)
{
	struct jinja_opts jo = { c->opt->use_env, c->opt->getenv_fn, false };
	struct strbuf msg = STRBUF_INIT;
	struct jinja_read r;

	if (!n || depth > FLOE_YAML_MAX_DEPTH || c->err)
		return;
	if (n->kind == FLOE_NODE_MAP) {
		for (size_t i = 0; i < n->nr; i++) {
			const struct floe_node *k = n->pairs[i].key;

			if (!(floe_node_is_str(k) &&
			      !strcmp(k->value, "password")))
				native_check(c, n->pairs[i].value, depth + 1);
		}
		return;
	}
	if (n->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < n->nr; i++)
			native_check(c, n->items[i], depth + 1);
		return;
	}
	if (!floe_node_is_str(n))
		return;
	if (jinja_read(c->arena, n, &jo, &r) != FLOE_OK) {
		nomem(c);
		return;
	}
	if (jinja_native_refusal(&r.native, &msg)) {
		if (strbuf_error(&msg))
			nomem(c);
		else
			diag(c, FLOE_SEV_ERROR, n, "%s", msg.buf);
	}
	strbuf_release(&msg);
}

/*
 * dbt-duckdb's motherduck plugin, before duckdb.connect()
 * (update_connection_config(), dbt_render.def MD_USER_AGENT_TO_CONFIG):
 *   custom = config.get("custom_user_agent") or
 *            settings.pop("custom_user_agent", None)
 *   config["custom_user_agent"] = "dbt/<dbt-core> dbt-duckdb/<release>"
 *                                 + (" " + custom if custom else "")
 * so settings' entry runs no SET (DuckDB would refuse it: "Cannot change
 * custom_user_agent setting while database is running").  dbt-core's
 * version is not known here: it is shown as <dbt-core>.
 */
/* What makes the motherduck plugin run: a MotherDuck path (the
 * output's, else an attach item's), else the plugins item naming it. */
static const struct floe_node *md_trigger(const struct floe_prof_output *m)
{
	if (m->path.text && fe_dbt_path_is_motherduck(m->path.text))
		return m->path.node;
	for (size_t i = 0; i < m->nr_attach; i++)
		if (m->attach_items[i].path.text &&
		    fe_dbt_path_is_motherduck(m->attach_items[i].path.text))
			return m->attach_items[i].path.node;
	for (size_t i = 0; i < m->nr_plugins; i++)
		if (m->plugin_items[i].module.text &&
		    !strcmp(m->plugin_items[i].module.text, "motherduck"))
			return m->plugin_items[i].module.node;
	return m->key;
}

static void md_user_agent(struct ctx *c, const struct output *o)
{
	const struct floe_prof_output *m = o->m;
	const struct floe_pair *p = NULL;
	const struct floe_node *at;
	struct strbuf sb = STRBUF_INIT, repr = STRBUF_INIT, cl = STRBUF_INIT;
	struct dual d;
	struct val v;
	bool mask = false;

	if (m->config_user_agent == 1)
		p = floe_map_pair(m->config_options, "custom_user_agent");
	else if (c->md_pops_setting && m->settings &&
		 m->settings->kind == FLOE_NODE_MAP)
		p = floe_map_pair(m->settings, "custom_user_agent");
	at = p ? p->key : md_trigger(m);
	stmt_begin(c);
	strbuf_addf(&sb, "dbt/<dbt-core> dbt-duckdb/%u.%u.%u", c->v.major,
		    c->v.minor, c->v.patch);
	if (p) {
		if (!value_of(c, p->value, &v)) {
			strbuf_release(&sb);
			return;
		}
		if (v.truthy) {
			strbuf_addch(&sb, ' ');
			strbuf_add(&sb, v.text, v.len);
		}
		if (secret_value("custom_user_agent", p->value, &v)) {
			add_secret(c, v.text, v.len);
			mask = !c->opt->show_secrets;
		}
	}
	py_repr_str(&repr, sb.buf, sb.len);
	comment_text(&cl, repr.buf);
	dual_init(&d);
	dual_adds(&d, "-- custom_user_agent = ");
	if (strbuf_error(&sb) || strbuf_error(&repr))
		dual_fail(&d);
	else if (mask)
		dual_split(&d, "", 0, "'***'");
	else
		dual_addbuf(&d, &cl);
	push(c, FLOE_SQL_CONFIG, false, at,
	     "plugins.motherduck (custom_user_agent)",
	     "config custom_user_agent", &d, "custom_user_agent",
	     keep(c, &sb));
	dual_release(&d);
	strbuf_release(&cl);
	strbuf_release(&repr);
	strbuf_release(&sb);
}

static void plan_output(struct ctx *c, const struct output *o)
{
	const struct floe_node *n;
	const struct floe_node *pn = o->m->path.node;
	bool old = renders(c, FE_DBT_SECRETS_PER_CURSOR);

	database_check(c, o);
	/* the database dbt-duckdb opens, for verify */
	c->path = NULL;
	c->path_dynamic = false;
	c->path_loc = floe_node_loc(c->file, pn);
	if (pn && !is_null(pn)) {
		bool secret;

		c->path = quiet_text_secret(c, pn, &secret);
		c->path_dynamic = !c->path;
		/* verify scrubs it (and the name DuckDB takes from it) */
		if (c->path && secret)
			add_secret(c, c->path, strlen(c->path));
	}
	native_check(c, o->map, 0);
	c->md_user_agent = renders(c, FE_DBT_MD_USER_AGENT_TO_CONFIG) &&
			   o->m->motherduck_plugin == 1;
	c->md_pops_setting = c->md_user_agent &&
			     o->m->config_user_agent == 0;
	if ((n = section(c, o->m->config_options, "config_options", FLOE_NODE_MAP)))
		config_options(c, n);
	if (c->md_user_agent)
		md_user_agent(c, o);
	if ((n = section(c, o->m->extensions, "extensions", FLOE_NODE_SEQ)))
		extensions(c, n);
	if (!old)
		secrets(c, o, false);
	if ((n = section(c, o->m->filesystems, "filesystems", FLOE_NODE_SEQ)))
		filesystems(c, n);
	if ((n = section(c, o->m->plugins, "plugins", FLOE_NODE_SEQ)))
		plugins(c, n);
	if ((n = section(c, o->m->attach, "attach", FLOE_NODE_SEQ)))
		for (size_t i = 0; i < n->nr && !c->err; i++)
			attach(c, n->items[i], i);
	if ((n = section(c, o->m->settings, "settings", FLOE_NODE_MAP)))
		settings(c, n);
	/* up to 1.9.0 secrets were created per cursor, after settings */
	if (old)
		secrets(c, o, true);
}

/* ---- walking the file ---- */

static int finish_conn(struct ctx *c, struct vec *conns, const char *profile,
		       const char *target)
{
	struct floe_sql_conn conn;
	struct floe_sql_stmt *stmts = NULL;
	const char **secrets = NULL;

	memset(&conn, 0, sizeof(conn));
	conn.profile = profile;
	conn.target = target;
	conn.path = c->path;
	conn.path_dynamic = c->path_dynamic;
	conn.path_loc = c->path_loc;
	c->path = NULL;
	c->path_dynamic = false;
	if (c->stmts.nr) {
		stmts = arena_alloc(c->arena, c->stmts.nr * sizeof(*stmts));
		if (!stmts)
			return -1;
		memcpy(stmts, c->stmts.items, c->stmts.nr * sizeof(*stmts));
	}
	if (c->secrets.nr) {
		secrets = arena_alloc(c->arena,
				      c->secrets.nr * sizeof(*secrets));
		if (!secrets)
			return -1;
		memcpy(secrets, c->secrets.items,
		       c->secrets.nr * sizeof(*secrets));
	}
	conn.stmts = stmts;
	conn.nr = c->stmts.nr;
	conn.secrets = secrets;
	conn.nr_secrets = c->secrets.nr;
	if (c->missing.nr) {
		const char **m = arena_alloc(c->arena,
					     c->missing.nr * sizeof(*m));

		if (!m)
			return -1;
		memcpy(m, c->missing.items, c->missing.nr * sizeof(*m));
		conn.missing_env = m;
		conn.nr_missing_env = c->missing.nr;
	}
	c->stmts.nr = 0;
	c->secrets.nr = 0;
	c->missing.nr = 0;
	return vec_push(conns, &conn, sizeof(conn));
}

/*
 * The target dbt picks, as the model chose it (--target, else the
 * profile's `target`, else "default"); a `target` known only at run time
 * is rendered here, with its placeholders, to be named in the error.
 */
static const char *pick_target(struct ctx *c, const struct floe_profile *prof)
{
	const struct floe_node *t = prof->target.node;
	struct val v;

	if (prof->selected)
		return prof->selected;
	if (prof->selected_from == FLOE_TARGET_NULL) {
		diag(c, FLOE_SEV_ERROR, t, "'target' is null: dbt looks for "
		     "an output named None (delete the key to use "
		     "'default')");
		return NULL;
	}
	if (prof->selected_from == FLOE_TARGET_NOT_STR) {
		diag(c, FLOE_SEV_ERROR, t, "'target' must be a name (a "
		     "string), not %s: dbt looks the output up by that value "
		     "and fails", floe_node_describe(t));
		return NULL;
	}
	if (!value_of(c, t, &v))
		return NULL;
	return v.text;
}

static void walk(struct ctx *c, const struct floe_profiles *model,
		 struct vec *conns, bool *profile_found, bool *target_found)
{
	const char *only = model->opt.target;

	for (size_t i = 0; i < model->nr && !c->err; i++) {
		const struct floe_profile *prof = &model->items[i];
		const struct floe_node *key = prof->key;
		const struct floe_prof_output *m;
		const char *name, *target;
		struct output o;

		if (!floe_node_is_str(key))
			continue;
		name = prof->name;
		if (c->opt->profile && strcmp(name, c->opt->profile))
			continue;
		*profile_found = true;
		if (!prof->is_map) {
			diag(c, FLOE_SEV_ERROR, prof->node, "profile '%s' must "
			     "be a mapping with 'target' and 'outputs', not "
			     "%s", name, floe_node_describe(prof->node));
			continue;
		}
		if (!prof->outputs || prof->outputs->kind != FLOE_NODE_MAP) {
			diag(c, FLOE_SEV_ERROR, prof->outputs ? prof->outputs
							      : key,
			     "profile '%s' has no 'outputs' mapping", name);
			continue;
		}
		target = pick_target(c, prof);
		if (!target)
			continue;
		m = prof->output ? prof->output
				 : floe_profile_output(prof, target);
		if (!m) {
			if (only)
				continue;	/* another profile may have it */
			diag(c, FLOE_SEV_ERROR,
			     prof->target.node ? prof->target.node : key,
			     "profile '%s' has no output named '%s'", name,
			     target);
			continue;
		}
		*target_found = true;
		if (!m->is_map) {
			diag(c, FLOE_SEV_ERROR, m->node, "output '%s' must be "
			     "a mapping, not %s", target,
			     floe_node_describe(m->node));
			continue;
		}
		if (!m->is_duckdb) {
			diag(c, FLOE_SEV_ERROR, m->type.node ? m->type.node
							     : m->node,
			     "output '%s' of profile '%s' is not 'type: "
			     "duckdb': dbt-duckdb does not open it", target,
			     name);
			continue;
		}
		o.profile = name;
		o.target = target;
		o.map = m->node;
		o.m = m;
		plan_output(c, &o);
		if (!c->err && finish_conn(c, conns, name, target))
			nomem(c);
	}
}

enum floe_err floe_sql_plan_profiles(const struct floe_profiles *model,
				     const struct floe_sql_options *opt,
				     struct floe_sql_plan **out,
				     struct floe_diags *diags)
{
	const char *file = model->file;
	struct floe_sql_options o = *opt;
	struct floe_sql_plan *plan = NULL;
	const struct floe_doc *doc = model->doc;
	struct vec conns = { NULL, 0, 0 };
	struct ctx c;
	bool pf = false, tf = false;
	enum floe_err err;

	/* the model decides the target and how values are read */
	o.target = model->opt.target;
	o.use_env = model->opt.use_env;
	o.getenv_fn = model->opt.getenv_fn;
	opt = &o;
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.opt = opt;
	c.diags = diags;
	c.v = opt->dbt_version;
	if (!c.v.major)
		floe_dbt_version_parse(FLOE_DBT_DUCKDB_LATEST, &c.v);
	if (floe_profiles_diags(model, diags))
		return FLOE_ERR_NOMEM;
	if (!doc)
		return model->parse_err;
	c.arena = arena_new();
	if (!c.arena) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	if (!doc->root || doc->root->kind != FLOE_NODE_MAP) {
		diag(&c, FLOE_SEV_ERROR, doc->root, "profiles.yml must be a "
		     "mapping of profile names to profiles, not %s",
		     doc->root ? floe_node_describe(doc->root) : "empty");
		err = c.err ? c.err : FLOE_ERR_INPUT;
		goto out;
	}
	walk(&c, model, &conns, &pf, &tf);
	if (c.err) {
		err = c.err;
		goto out;
	}
	if ((opt->profile && !pf) || (opt->target && !tf)) {
		struct floe_loc loc;

		memset(&loc, 0, sizeof(loc));
		loc.file = file;
		if (floe_diags_addf(diags, FLOE_SEV_ERROR, FLOE_RULE_NONE, loc,
				    opt->profile && !pf
				    ? "no profile named '%s'"
				    : "no profile has an output named '%s'",
				    opt->profile && !pf ? opt->profile
							: opt->target))
			err = FLOE_ERR_NOMEM;
		else
			err = FLOE_ERR_USAGE;
		goto out;
	}
	if (!pf) {
		struct floe_loc loc;

		memset(&loc, 0, sizeof(loc));
		loc.file = file;
		loc.start.line = loc.start.column = 1;
		err = floe_diags_addf(diags, FLOE_SEV_ERROR, FLOE_FP702, loc,
				      "no profile in this file")
		      ? FLOE_ERR_NOMEM : FLOE_ERR_INPUT;
		goto out;
	}
	plan = calloc(1, sizeof(*plan));
	if (!plan) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	plan->file = file;
	plan->version = c.v;
	plan->show_secrets = opt->show_secrets;
	plan->nr = conns.nr;
	if (conns.nr) {
		struct floe_sql_conn *cs = arena_alloc(c.arena,
						       conns.nr * sizeof(*cs));

		if (!cs) {
			free(plan);
			plan = NULL;
			err = FLOE_ERR_NOMEM;
			goto out;
		}
		memcpy(cs, conns.items, conns.nr * sizeof(*cs));
		plan->conns = cs;
	}
	plan->model = model;
	plan->arena = c.arena;
	c.arena = NULL;
	*out = plan;
	err = FLOE_OK;
out:
	free(conns.items);
	free(c.stmts.items);
	free(c.secrets.items);
	free(c.reported.items);
	free(c.missing.items);
	arena_free(c.arena);
	return err;
}

enum floe_err floe_sql_plan(const char *file, const char *buf, size_t len,
			    const struct floe_sql_options *opt,
			    struct floe_sql_plan **out,
			    struct floe_diags *diags)
{
	struct floe_profiles *model = NULL;
	enum floe_err err;

	err = floe_profiles_load_with(file, buf, len, opt->target, opt->use_env,
				      opt->getenv_fn, opt->limits, &model);
	if (err != FLOE_OK)
		return err;
	err = floe_sql_plan_profiles(model, opt, out, diags);
	if (err != FLOE_OK) {
		floe_profiles_free(model);
		return err;
	}
	(*out)->owned = model;	/* the plan points into it */
	return FLOE_OK;
}

void floe_sql_plan_free(struct floe_sql_plan *plan)
{
	if (!plan)
		return;
	arena_free(plan->arena);
	floe_profiles_free(plan->owned);
	free(plan);
}

/* ---- the script ---- */

enum floe_err floe_sql_render(const struct floe_sql_plan *plan, char **out,
			      size_t *len)
{
	struct strbuf sb = STRBUF_INIT;

	/* every append below is checked once, by strbuf_detach() */
	for (size_t i = 0; i < plan->nr; i++) {
		const struct floe_sql_conn *conn = &plan->conns[i];
		bool cursor = false;

		if (i)
			strbuf_addch(&sb, '\n');
		strbuf_adds(&sb, "-- ");
		comment_text(&sb, plan->file);
		strbuf_adds(&sb, ": profile ");
		comment_text(&sb, conn->profile);
		strbuf_adds(&sb, ", target ");
		comment_text(&sb, conn->target);
		strbuf_addf(&sb, ", as dbt-duckdb %u.%u.%u runs it\n",
			    plan->version.major, plan->version.minor,
			    plan->version.patch);
		if (!plan->show_secrets && conn->nr_secrets)
			strbuf_adds(&sb, "-- secret values are masked as "
				    "'***' (--show-secrets shows them)\n");
		strbuf_adds(&sb, "-- once, when the connection opens:\n");
		for (size_t k = 0; k < conn->nr; k++) {
			const struct floe_sql_stmt *st = &conn->stmts[k];

			if (st->per_cursor && !cursor) {
				strbuf_adds(&sb, "-- on every new cursor:\n");
				cursor = true;
			}
			strbuf_adds(&sb, "-- ");
			comment_text(&sb, plan->file);
			strbuf_addf(&sb, ":%u: ", st->loc.start.line);
			comment_text(&sb, st->origin);
			if (st->kind == FLOE_SQL_CONFIG)
				strbuf_adds(&sb, " (passed to duckdb.connect("
					    "config=...), not SQL)");
			strbuf_addch(&sb, '\n');
			if (st->flavor) {
				strbuf_adds(&sb, "-- catalog flavor: ");
				comment_text(&sb, st->flavor);
				strbuf_addch(&sb, '\n');
			}
			strbuf_adds(&sb, st->shown);
			if (st->sql)
				strbuf_addch(&sb, ';');
			strbuf_addch(&sb, '\n');
		}
		if (!conn->nr)
			strbuf_adds(&sb, "-- (nothing: no statement to "
				    "run)\n");
	}
	*out = strbuf_detach(&sb, len);
	return *out ? FLOE_OK : FLOE_ERR_NOMEM;
}
