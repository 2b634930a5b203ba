/*
 * Rules about credentials (FP401-FP417): how a catalog authenticates,
 * where secrets are written, and dbt's DBT_ENV_SECRET_ variables.
 *
 * The iceberg extension's OAuth2 path (duckdb-iceberg
 * src/storage/authorization/oauth2.cpp, FromAttachOptions and
 * CreateCatalogSecretFunction): any of the six "create secret" options
 * inline makes it build its own secret -- refused together with SECRET,
 * needing client_id and client_secret unless a token is given -- and with
 * none inline it looks up an iceberg secret, by name or any at all.
 * dbt-duckdb drops an option whose value is None or False.  dbt renders
 * env_var() of a DBT_ENV_SECRET_ variable as a placeholder and swaps the
 * secret in after rendering, with one greedy re.search per value
 * (dbt-core config/renderer.py, SecretRenderer.render_value).
 *
 * No message ever repeats a secret's value, not even in part: a literal
 * secret is named by its key, an env_var() default by its variable.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "engine/engine.h"
#include "pystr.h"
#include "rules.h"
#include "secret.h"
#include "strbuf.h"
#include "utf8.h"

#define MAX_CALLS 16

/*
 * The options that make the extension build its own OAuth2 secret are
 * the engine's (fe_iceberg_option_inline_oauth2), asked for any release:
 * extra_http_headers joins them from 1.5, the release it exists in.
 */
static bool inline_oauth(const char *name)
{
	return fe_iceberg_option_inline_oauth2(name, FE_ANY);
}

/* ---- helpers ---- */

static bool name_in(const char *s, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (ascii_same_ci(s, names[i]))
			return true;
	return false;
}

/* A secret's TYPE as written, as DuckDB reads it, is one of `types`. */
static bool type_in(const char *s, const char *const *types)
{
	for (size_t i = 0; types[i]; i++)
		if (fe_secret_type_is(s, types[i]))
			return true;
	return false;
}

/* A value dbt-duckdb passes on: present, not null and not false. */
static bool given(const struct floe_node *n)
{
	if (!n)
		return false;
	if (n->kind != FLOE_NODE_SCALAR)
		return true;
	if (n->type == FLOE_TYPE_NULL)
		return false;
	return n->type != FLOE_TYPE_BOOL || floe_node_true(n);
}

/* A secret name that reaches the ATTACH: given and not rendered empty. */
static bool secret_given(struct lint_ctx *ctx, const struct floe_node *n)
{
	const char *s;

	if (!given(n))
		return false;
	s = floe_node_is_str(n) ? lint_render(ctx, n) : NULL;
	return !s || *s;
}

static const struct floe_node *opt(const struct lint_conn *c,
				   const char *key)
{
	const struct floe_pair *p = lint_get_ci(c->options, key);

	return p ? p->value : NULL;
}

/*
 * The secret name an attach passes on: dbt-duckdb writes the item's
 * `secret` when it is truthy, else the option.
 */
static const struct floe_node *conn_secret(struct lint_ctx *ctx,
					   const struct lint_conn *c)
{
	const struct floe_node *field = floe_map_get(c->item, "secret");

	if (c->kind != LINT_CONN_ATTACH)
		return NULL;
	if (secret_given(ctx, field))
		return field;
	return secret_given(ctx, opt(c, "secret")) ? opt(c, "secret") : NULL;
}

/*
 * 1 when the connection authenticates with OAuth2 (the default), 0 when
 * with something else (endpoint_type, authorization_type sigv4/none), -1
 * when that cannot be known statically.
 */
static int oauth_mode(struct lint_ctx *ctx, const struct lint_conn *c)
{
	const struct floe_node *t;
	const char *s;

	if (c->kind == LINT_CONN_PLUGIN)
		return 1;
	if (c->endpoint_type && given(c->endpoint_type->value))
		return 0;
	t = c->authorization_type ? c->authorization_type->value : NULL;
	if (!given(t))
		return 1;
	s = lint_render(ctx, t);
	if (!s)
		return -1;
	return !strcasecmp(s, "oauth2");
}

/* Any of the inline OAuth2 options. */
static bool has_inline_oauth(const struct lint_conn *c)
{
	const struct floe_node *o = c->options;

	for (size_t i = 0; o && o->kind == FLOE_NODE_MAP && i < o->nr; i++)
		if (floe_node_is_str(o->pairs[i].key) &&
		    inline_oauth(o->pairs[i].key->value) &&
		    given(o->pairs[i].value))
			return true;
	return false;
}

static const struct floe_node *secrets_of(const struct lint_output *out)
{
	const struct floe_node *s = out->model->secrets;

	return s && s->kind == FLOE_NODE_SEQ ? s : NULL;
}

static bool is_iceberg_secret(struct lint_ctx *ctx,
			      const struct floe_node *entry)
{
	return lint_secret_type_is(ctx, entry, "iceberg");
}

static const struct floe_node *get_ci(const struct floe_node *map,
				      const char *key)
{
	const struct floe_pair *p = lint_get_ci(map, key);

	return p ? p->value : NULL;
}

/* ---- env_var() calls, one by one ---- */

/*
 * lint_jinja_scan() counts the calls of a value; these rules also need
 * each call's variable, its default and what follows it.  Only run on
 * values the scan found well-formed, so a block that does not parse here
 * is simply not an env_var() call.
 */
/* The calls of a string value with well-formed Jinja; 0 otherwise. */
static size_t scan_calls(struct lint_ctx *ctx, const struct floe_node *n,
			 struct lint_jinja *j, struct lint_env_call *calls)
{
	if (!floe_node_is_str(n))
		return 0;
	lint_jinja_scan(ctx, n, j);
	if (j->malformed || !j->nr_env)
		return 0;
	return lint_env_calls(ctx, n, calls, MAX_CALLS);
}

/* ---- where secrets are written ---- */

/*
 * What a value found by walk_pair() is, decided from its key there, once
 * (the rules that look at every such value do not ask the key again).
 */
enum secret_value_kind {
	SV_SECRET,	/* a credential key's value, or a credential header's */
	SV_HEADERS,	/* a header map written as one string */
	SV_CONN		/* a path or any other string: only what a connection
			 * string or URI holds inside it is secret */
};

typedef void secret_value_fn(struct lint_ctx *ctx,
			     const struct floe_node *key,
			     const struct floe_node *value,
			     enum secret_value_kind kind);

/* How a mapping's keys are read by walk_secrets(). */
enum {
	SECRET_IS_NAME = 1,	/* `secret` names a secret (an attach item) */
	PATH_IS_CONN = 2	/* `path` may be a connection string */
};

static void walk_secrets(struct lint_ctx *ctx, const struct floe_node *n,
			 unsigned how, secret_value_fn *fn, unsigned depth);

/*
 * The values of one pair that masking hides as a credential (src/secret.c,
 * the one definition): the value of a credential key, anywhere below; a
 * header map's credential headers; and, under PATH_IS_CONN, a `path`,
 * whose connection-string credentials (password=..., user:pw@,
 * ?motherduck_token=...) literal_secret() looks for.
 */
static void walk_pair(struct lint_ctx *ctx, const struct floe_node *k,
		      const struct floe_node *v, unsigned how,
		      secret_value_fn *fn, unsigned depth)
{
	unsigned is;	/* the key, as floe_secret_classify() reads it */

	if (!floe_node_is_str(k)) {
		walk_secrets(ctx, v, how & SECRET_IS_NAME, fn, depth + 1);
		return;
	}
	is = lint_secret_class(ctx, k);
	if ((how & SECRET_IS_NAME) && ascii_same_ci(k->value, "secret")) {
		;	/* a secret's name */
	} else if (is & FLOE_SECRET_KEY) {
		if (v->kind == FLOE_NODE_SCALAR)
			fn(ctx, k, v, SV_SECRET);
		else
			walk_secrets(ctx, v, 0, fn, depth + 1);
	} else if (v->kind == FLOE_NODE_MAP && (is & FLOE_SECRET_HEADER_MAP)) {
		for (size_t j = 0; j < v->nr; j++) {
			const struct floe_node *hk = v->pairs[j].key;

			if (floe_node_is_str(hk) &&
			    floe_secret_header(hk->value) &&
			    v->pairs[j].value->kind == FLOE_NODE_SCALAR)
				fn(ctx, hk, v->pairs[j].value, SV_SECRET);
		}
	} else if (floe_node_is_str(v) && (is & FLOE_SECRET_HEADER_MAP)) {
		fn(ctx, k, v, SV_HEADERS);	/* literal_in_headers() */
	} else if ((how & PATH_IS_CONN) && k->len == 4 &&
		   !memcmp(k->value, "path", 4)) {
		if (v->kind == FLOE_NODE_SCALAR)
			fn(ctx, k, v, SV_CONN);
	} else if (floe_node_is_str(v)) {
		/* any other string: sql masks a credential inside it as in a
		 * connection string (an endpoint's user:password@); under a
		 * header's name (`api-key`) it is a credential whole */
		fn(ctx, k, v, (is & FLOE_SECRET_HEADER) ? SV_SECRET : SV_CONN);
	} else {
		walk_secrets(ctx, v, how & SECRET_IS_NAME, fn, depth + 1);
	}
}

static void walk_secrets(struct lint_ctx *ctx, const struct floe_node *n,
			 unsigned how, secret_value_fn *fn, unsigned depth)
{
	if (!n || depth > 64)
		return;
	if (n->kind == FLOE_NODE_SEQ)
		for (size_t i = 0; i < n->nr; i++)
			walk_secrets(ctx, n->items[i], how & SECRET_IS_NAME,
				     fn, depth + 1);
	else if (n->kind == FLOE_NODE_MAP)
		for (size_t i = 0; i < n->nr; i++)
			walk_pair(ctx, n->pairs[i].key, n->pairs[i].value,
				  how, fn, depth);
}

/*
 * Every value of the output that holds a secret, as masking sees it
 * (walk_secrets()), in the order written.  An attach item's `secret`,
 * and its options', names a secret; a secrets entry's `secret` is the
 * key of s3, gcs, r2 and azure secrets (and of one without a type, most
 * likely S3: FP410), no parameter of the others (an iceberg one's is
 * FP411's).  The output's `path` and an attach item's may be connection
 * strings (md:db?motherduck_token=..., postgres password=...).
 */
static void find_secret_values(struct lint_ctx *ctx,
			       const struct lint_output *out,
			       secret_value_fn *fn)
{
	static const char *const keyed_types[] = {
		"s3", "gcs", "r2", "azure", NULL
	};
	const struct floe_prof_output *m = out->model;
	const struct floe_node *o = m->node;
	/* the sections by their pairs, not by their values: one list
	 * aliased under two keys (attach: &x [...], filesystems: *x) is
	 * read under each key as that key says, as a copy of it would be
	 * (the quiet outputs' shortcut holds an alias and its copy alike) */
	const struct floe_pair *attach = floe_map_pair(o, "attach");
	const struct floe_pair *secrets = floe_map_pair(o, "secrets");

	for (size_t i = 0; o && o->kind == FLOE_NODE_MAP && i < o->nr; i++) {
		const struct floe_node *k = o->pairs[i].key;
		const struct floe_node *v = o->pairs[i].value;

		if (&o->pairs[i] == attach && v->kind == FLOE_NODE_SEQ) {
			for (size_t j = 0; j < v->nr; j++)
				walk_secrets(ctx, v->items[j],
					     SECRET_IS_NAME | PATH_IS_CONN, fn,
					     1);
		} else if (&o->pairs[i] == secrets && m->secret_items) {
			for (size_t j = 0; j < m->nr_secrets; j++) {
				const struct floe_node *t =
					m->secret_items[j].type.node;
				const char *type = floe_node_is_str(t)
					? lint_render(ctx, t) : NULL;
				bool keyed = type ? type_in(type, keyed_types)
						  : !t;

				walk_secrets(ctx, m->secret_items[j].node,
					     keyed ? 0 : SECRET_IS_NAME, fn, 1);
			}
		} else {
			walk_pair(ctx, k, v, PATH_IS_CONN, fn, 0);
		}
	}
}

/* Keep a secret value in the ctx (secret_values[]), if it fits. */
static void keep_secret_value(struct lint_ctx *ctx,
			      const struct floe_node *key,
			      const struct floe_node *value,
			      enum secret_value_kind kind)
{
	const size_t max = sizeof(ctx->secret_values) /
			   sizeof(ctx->secret_values[0]);

	if (ctx->nr_secret_values == max) {
		ctx->secret_values_complete = false;
		return;
	}
	ctx->secret_values[ctx->nr_secret_values].key = key;
	ctx->secret_values[ctx->nr_secret_values].kind = (unsigned char)kind;
	ctx->secret_values[ctx->nr_secret_values++].value = value;
}

/*
 * find_secret_values(), found once per output while its rules run (two
 * rules ask) when there are at most 32 of them, as the search finds
 * them, in order.
 */
static void each_secret_value(struct lint_ctx *ctx,
			      const struct lint_output *out,
			      secret_value_fn *fn)
{
	if (!ctx->conns_of || ctx->conns_of != out->model) {
		find_secret_values(ctx, out, fn);
		return;
	}
	if (ctx->secret_values_of != out->model) {
		ctx->secret_values_of = out->model;
		ctx->nr_secret_values = 0;
		ctx->secret_values_complete = true;
		find_secret_values(ctx, out, keep_secret_value);
	}
	if (!ctx->secret_values_complete) {
		find_secret_values(ctx, out, fn);	/* too many */
		return;
	}
	for (size_t i = 0; i < ctx->nr_secret_values; i++)
		fn(ctx, ctx->secret_values[i].key,
		   ctx->secret_values[i].value,
		   (enum secret_value_kind)ctx->secret_values[i].kind);
}

/* ---- FP401 ---- */

/* The inline OAuth2 options given in `o`, as "'a', 'b'". */
static void inline_names(struct lint_ctx *ctx, const struct floe_node *o,
			 struct strbuf *names)
{
	for (size_t k = 0; k < o->nr; k++) {
		const struct floe_node *key = o->pairs[k].key;

		if (!floe_node_is_str(key) ||
		    !inline_oauth(key->value) ||
		    !given(o->pairs[k].value))
			continue;
		if (strbuf_addf(names, "%s'%s'", names->len ? ", " : "",
				key->value))
			ctx->err = FLOE_ERR_NOMEM;
	}
}

void check_secret_and_inline(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_node *secret = conn_secret(ctx, c);
		struct strbuf names = STRBUF_INIT;

		if (!secret || !c->options || oauth_mode(ctx, c) != 1)
			continue;
		inline_names(ctx, c->options, &names);
		if (names.len)
			lint_report(ctx, secret, "a secret is named "
				    "together with inline oauth2 options. The "
				    "iceberg extension refuses the ATTACH "
				    "(\"Both 'secret' and the following oauth2 "
				    "option(s) were given ... These are "
				    "mutually exclusive\"); keep either the "
				    "secret or the inline options (%s)",
				    names.buf);
		strbuf_release(&names);
	}
}

/* ---- FP402 ---- */

/* The key `name` (in any case) of the attach item itself, or NULL. */
static const struct floe_node *item_key(const struct floe_node *item,
					const char *name)
{
	for (size_t i = 0; item && item->kind == FLOE_NODE_MAP &&
			   i < item->nr; i++) {
		const struct floe_node *k = item->pairs[i].key;

		if (floe_node_is_str(k) && ascii_same_ci(k->value, name))
			return k;
	}
	return NULL;
}

static void pair_check(struct lint_ctx *ctx, const struct floe_node *id,
		       const struct floe_node *secret, const char *where)
{
	const struct floe_node *at = given(id) ? id : secret;
	const char *has = given(id) ? "client_id" : "client_secret";
	const char *lacks = given(id) ? "client_secret" : "client_id";

	if (given(id) == given(secret))
		return;
	lint_report(ctx, at, "%s without %s%s. The token request needs "
		    "both (the iceberg extension fails with \"Missing "
		    "required parameter '%s' for authorization_type "
		    "'oauth2'\", Polaris with invalid_client); add %s, read "
		    "with env_var()", has, lacks, where, lacks, lacks);
}

void check_client_credentials_incomplete(struct lint_ctx *ctx,
					 const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	const struct floe_node *secrets = secrets_of(out);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_node *k;

		if (c->kind == LINT_CONN_PLUGIN) {
			pair_check(ctx, c->client_id, c->client_secret,
				   " in the Polaris plugin config");
			continue;
		}
		/* a token is used as is: no client credentials needed */
		if (oauth_mode(ctx, c) != 1 || given(c->token))
			continue;
		if (given(c->client_id) != given(c->client_secret) &&
		    (k = item_key(c->item, given(c->client_id)
						  ? "client_secret"
						  : "client_id"))) {
			/* the other half beside path: FP301's line, said
			 * once (lint_implied[]) */
			lint_report_on(ctx, c->item, k->value, k, "'%s' is "
				       "on the attach item, not under options "
				       "with '%s'. dbt-duckdb's attachment "
				       "has no field '%s' and refuses the "
				       "profile, and the ATTACH reads "
				       "credentials only from options; move "
				       "it under options", k->value,
				       given(c->client_id) ? "client_id"
							   : "client_secret",
				       k->value);
			continue;
		}
		pair_check(ctx, c->client_id, c->client_secret, "");
	}
	for (size_t i = 0; secrets && i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i];

		if (!is_iceberg_secret(ctx, e) || given(get_ci(e, "token")))
			continue;
		pair_check(ctx, get_ci(e, "client_id"),
			   get_ci(e, "client_secret"), " in an iceberg secret");
	}
}

/* ---- FP403 ---- */

/*
 * A credential written on the attach item itself, beside path, or NULL.
 * dbt-duckdb's Attachment has no such field (credentials.py, 1.9.0 to
 * 1.11.0: path, type, alias, secret, read_only, options, is_ducklake),
 * so the profile fails validation, FP301's finding about the key; the
 * ATTACH reads credentials only from options.  The first such key is
 * the topic FP403 follows FP301 on (lint_implied[]).
 */
static const struct floe_node *misplaced_credential(const struct lint_conn *c)
{
	static const char *const creds[] = {
		"client_id", "client_secret", "token", NULL
	};
	const struct floe_node *item = c->item;

	for (size_t i = 0; item && item->kind == FLOE_NODE_MAP &&
			   i < item->nr; i++) {
		const struct floe_node *k = item->pairs[i].key;

		if (floe_node_is_str(k) && name_in(k->value, creds))
			return k;
	}
	return NULL;
}

void check_no_credentials(struct lint_ctx *ctx, const struct lint_output *out)
{
	static const char no_creds[] = "With no client_id and client_secret, "
		"no token and no secret, the ATTACH fails "
		"(\"AUTHORIZATION_TYPE is 'oauth2', yet no 'secret' was "
		"provided, and no client_id+client_secret were provided\") "
		"or silently uses a stale persistent iceberg secret";
	static const char no_creds_inline[] = "Its inline oauth2 options "
		"make the extension request a token without client_id and "
		"client_secret (\"Missing required parameter 'client_id'\")";
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	const struct floe_node *secrets = secrets_of(out);
	bool iceberg_secret = false;

	for (size_t i = 0; secrets && i < secrets->nr; i++)
		if (is_iceberg_secret(ctx, secrets->items[i]))
			iceberg_secret = true;
	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_node *misplaced;
		bool inline_opts;

		if (c->kind == LINT_CONN_PLUGIN) {
			const struct floe_pair *cfg =
				floe_map_pair(c->item, "config");

			if (!given(c->client_id) && !given(c->client_secret))
				lint_report(ctx, cfg ? cfg->key : c->item,
					    "the Polaris plugin config has no "
					    "client_id and no client_secret. "
					    "Its token request cannot "
					    "authenticate and Polaris answers "
					    "invalid_client; add both, read "
					    "with env_var()");
			continue;
		}
		if (oauth_mode(ctx, c) != 1 || given(c->client_id) ||
		    given(c->client_secret) || given(c->token) ||
		    conn_secret(ctx, c))
			continue;
		inline_opts = has_inline_oauth(c);
		/* with nothing inline the extension uses any iceberg secret */
		if (!inline_opts && iceberg_secret)
			continue;
		misplaced = misplaced_credential(c);
		if (misplaced) {
			/* FP301's line, said once (lint_implied[]); with
			 * FP301 off, what is true of the profile */
			lint_report_on(ctx, c->item, misplaced->value,
				       misplaced, "this iceberg catalog's "
				       "credentials are on the attach item, "
				       "not under options. dbt-duckdb's "
				       "attachment has no field '%s' and "
				       "refuses the profile (\"Additional "
				       "properties are not allowed ('%s' was "
				       "unexpected)\"), and the ATTACH reads "
				       "credentials only from options; move "
				       "them under options", misplaced->value,
				       misplaced->value);
			continue;
		}
		lint_report(ctx, c->item, "this iceberg catalog has no "
			    "credentials. %s; add client_id and client_secret "
			    "under options, or authorization_type: none for "
			    "an open catalog", inline_opts ? no_creds_inline
							   : no_creds);
	}
	for (size_t i = 0; secrets && i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i];

		if (!is_iceberg_secret(ctx, e) ||
		    given(get_ci(e, "client_id")) ||
		    given(get_ci(e, "client_secret")) ||
		    given(get_ci(e, "token")))
			continue;
		lint_report(ctx, e, "this iceberg secret has no credentials. "
			    "With no client_id and client_secret and no token, "
			    "CREATE SECRET fails (\"Missing required parameter "
			    "'client_id' for authorization_type 'oauth2'\"); "
			    "add client_id and client_secret");
	}
}

/* ---- FP404 ---- */

static bool is_ident_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* ${NAME} or $NAME: a shell variable that dbt does not expand. */
static bool looks_like_shell_var(const struct floe_node *v)
{
	const char *s = v->value;
	size_t i = 1, n = v->len;

	if (v->type != FLOE_TYPE_STR || n < 2 || s[0] != '$')
		return false;
	if (s[1] == '{') {
		if (n < 4 || s[n - 1] != '}')
			return false;
		for (i = 2; i < n - 1; i++)
			if (!is_ident_char(s[i]))
				return false;
		return true;
	}
	for (; i < n; i++)
		if (!is_ident_char(s[i]) || (s[i] >= 'a' && s[i] <= 'z'))
			return false;
	return true;
}

/* A non-empty env_var() default of a secret: committed to the file. */
static void report_default(struct lint_ctx *ctx, const struct floe_node *v,
			   const struct lint_env_call *call)
{
	lint_report(ctx, v, "the default of env_var('%.*s') is a secret "
		    "committed to the file. It leaks with the repository, "
		    "and dbt uses it whenever the variable is unset; drop "
		    "the default (dbt then stops when the variable is "
		    "missing) and rotate the value if it was ever real",
		    call->name_len, call->name);
}

/* report_default() of the first non-empty default in secret value v:
 * whether there was one */
static bool first_default(struct lint_ctx *ctx, const struct floe_node *v)
{
	struct lint_jinja j;
	struct lint_env_call calls[MAX_CALLS];
	size_t nr = scan_calls(ctx, v, &j, calls);

	for (size_t i = 0; i < nr; i++)
		if (calls[i].has_default && calls[i].default_len) {
			report_default(ctx, v, &calls[i]);
			return true;
		}
	return false;
}

/* Jinja or a shell variable: a reference in a connection string. */
static bool conn_ref(const char *s, size_t n)
{
	if (n && s[0] == '$')
		return true;
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '{' && (s[i + 1] == '{' || s[i + 1] == '%' ||
				    s[i + 1] == '#'))
			return true;
	return false;
}

/*
 * A credential written literally inside a connection string, as
 * floe_secret_conn_next() finds them (the masking's); the value as
 * written, templated parts and all.  Named by its parameter, or as a
 * URI's password: never quoted.
 */
static bool literal_in_conn(struct lint_ctx *ctx, const struct floe_node *key,
			    const struct floe_node *v)
{
	const char *s = v->value;
	size_t n = v->len, pos = 0, a, l;

	/* a text found clean in an earlier output is clean again */
	if (v->type != FLOE_TYPE_STR ||
	    lint_value_fact(ctx, v, LINT_VF_CONN_CLEAN) == 1)
		return false;
	while (floe_secret_conn_next(s, n, &pos, &a, &l)) {
		size_t k = a;

		if (conn_ref(s + a, l))
			continue;
		/* key=value: the parameter's name; else user:password@ */
		if (a && (s[a - 1] == '=' ||
			  (a > 1 && (s[a - 1] == '\'' || s[a - 1] == '"') &&
			   s[a - 2] == '='))) {
			size_t e = s[a - 1] == '=' ? a - 1 : a - 2;

			k = e;
			while (k > 0 && s[k - 1] != ';' && s[k - 1] != '&' &&
			       s[k - 1] != '?' && !isspace((unsigned char)s[k - 1]) &&
			       s[k - 1] != ':' && s[k - 1] != '=')
				k--;
			lint_report(ctx, v, "'%s' holds a credential written "
				    "in the file (its %.*s parameter). "
				    "Committed to profiles.yml, it leaks with "
				    "the repository; read the whole string "
				    "with \"{{ env_var('DBT_ENV_SECRET_...') "
				    "}}\" and rotate the leaked one", key->value,
				    (int)utf8_cut(s + k, e - k, 40), s + k);
		} else {
			lint_report(ctx, v, "'%s' holds a credential written "
				    "in the file (the password of its URI). "
				    "Committed to profiles.yml, it leaks with "
				    "the repository; read the whole string "
				    "with \"{{ env_var('DBT_ENV_SECRET_...') "
				    "}}\" and rotate the leaked one", key->value);
		}
		return true;
	}
	lint_value_fact_set(ctx, v, LINT_VF_CONN_CLEAN, true);
	return false;
}

/*
 * A header map written as one string, which dbt-duckdb writes into
 * CREATE SECRET as it is (`extra_http_headers map {'Authorization':
 * 'Bearer ...'}`): each credential header with a literal value
 * (floe_secret_header_next()).  Nothing is said of a string with Jinja
 * in it: its values are known only when dbt renders it.
 */
static bool literal_in_headers(struct lint_ctx *ctx,
			       const struct floe_node *key,
			       const struct floe_node *v)
{
	size_t pos = 0, name, name_len, start, len;
	bool said = false;

	if (!lint_is_literal(v))
		return false;
	while (floe_secret_header_next(v->value, v->len, &pos, &name,
				       &name_len, &start, &len)) {
		if (!len)
			continue;	/* empty: nothing leaks */
		lint_report(ctx, v, "the header '%.*s' in the '%s' string is "
			    "a secret written in the file. Committed to "
			    "profiles.yml, it leaks with the repository; "
			    "write the headers as a mapping whose value is "
			    "\"{{ env_var('DBT_ENV_SECRET_...') }}\" and rotate "
			    "the leaked one", (int)(name_len > 64 ? 64 : name_len),
			    v->value + name, key->value);
		said = true;
	}
	return said;
}

/* FP404 of one value the secret walk found: whether it was reported */
static bool secret_said(struct lint_ctx *ctx, const struct floe_node *key,
			const struct floe_node *v, enum secret_value_kind kind)
{
	if (!v || v->kind != FLOE_NODE_SCALAR || v->type == FLOE_TYPE_BOOL)
		return false;
	if (kind == SV_HEADERS)
		return literal_in_headers(ctx, key, v);
	/* a path or a connection string: only its credentials are secret */
	if (kind == SV_CONN)
		return literal_in_conn(ctx, key, v);
	if (floe_secret_conn_key(key->value)) {
		return literal_in_conn(ctx, key, v) ||
		       first_default(ctx, v);
	}
	if (lint_is_literal(v)) {
		if (!v->len)
			return false;	/* empty: nothing leaks */
		if (looks_like_shell_var(v))
			lint_report(ctx, v, "'%s' is a shell variable written "
				    "as literal text. dbt does not expand $ "
				    "variables, so the text itself is sent as "
				    "the secret; read it with \"{{ "
				    "env_var('...') }}\"", key->value);
		else
			lint_report(ctx, v, "'%s' is a secret written in the "
				    "file. Committed to profiles.yml, it leaks "
				    "with the repository; read it with \"{{ "
				    "env_var('DBT_ENV_SECRET_...') }}\" and "
				    "rotate the leaked one", key->value);
		return true;
	}
	return first_default(ctx, v);
}

/* ... once per lint for each key and value text found quiet: the
 * verdict is one of the two texts and the kind the walk gave */
static void literal_secret(struct lint_ctx *ctx, const struct floe_node *key,
			   const struct floe_node *v,
			   enum secret_value_kind kind)
{
	unsigned fact = (unsigned)LINT_PF_SECRET << kind;

	if (lint_pair_fact(ctx, key, v, fact) == 1)
		return;
	if (!secret_said(ctx, key, v, kind) && !ctx->err)
		lint_pair_fact_set(ctx, key, v, fact, true);
}

/* The env_var() calls of a templated value with well-formed Jinja. */
static size_t template_calls(const struct lint_template *t,
			     struct lint_env_call *calls)
{
	if (t->read->malformed || !t->read->nr_env)
		return 0;
	return lint_env_calls_of(t->read, calls, MAX_CALLS);
}

void check_literal_secret(struct lint_ctx *ctx, const struct lint_output *out)
{
	each_secret_value(ctx, out, literal_secret);
}

/* A DBT_ENV_SECRET_ variable's default is a secret wherever it is. */
void check_secret_var_default(struct lint_ctx *ctx,
			      const struct lint_template *t)
{
	struct lint_env_call calls[MAX_CALLS];
	size_t nr = template_calls(t, calls);

	for (size_t i = 0; i < nr; i++)
		if (calls[i].secret && calls[i].has_default &&
		    calls[i].default_len) {
			report_default(ctx, t->node, &calls[i]);
			return;
		}
}

/* ---- FP405 ---- */

#define ROLE_PREFIX "PRINCIPAL_ROLE:"
#define ROLE_PREFIX_LEN (sizeof(ROLE_PREFIX) - 1)

static bool has_prefix_ci(const char *s, size_t n, const char *prefix)
{
	size_t m = strlen(prefix);

	return n >= m && !strncasecmp(s, prefix, m);
}

/* The position of "PRINCIPAL_ROLE:" in s[0..n), or -1. */
static long find_prefix(const char *s, size_t n)
{
	for (size_t i = 0; i + ROLE_PREFIX_LEN <= n; i++)
		if (!memcmp(s + i, ROLE_PREFIX, ROLE_PREFIX_LEN))
			return (long)i;
	return -1;
}

/*
 * Polaris' TokenRequestValidator: scope.split(" ") (trailing empty
 * strings dropped), each part must start with PRINCIPAL_ROLE: and be
 * longer than it.
 */
/* The flavor note of a finding about c's scope ("" without c): built
 * only when there is a finding. */
static const char *scope_note(struct lint_ctx *ctx, const struct lint_conn *c)
{
	return c ? lint_flavor_note(ctx, c) : "";
}

static void check_scope(struct lint_ctx *ctx, const struct floe_node *v,
			const char *what, const struct lint_conn *c)
{
	const char *s = NULL;
	size_t len, i = 0;

	/* a number is passed on as its text */
	if (floe_node_is_str(v))
		s = lint_render(ctx, v);
	else if (v && v->kind == FLOE_NODE_SCALAR &&
		 (v->type == FLOE_TYPE_INT || v->type == FLOE_TYPE_FLOAT))
		s = v->value;

	if (!s)
		return;		/* rendered only at run time */
	len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	if (!len) {
		lint_report(ctx, v, "%s is empty. Polaris requires a scope and "
			    "answers the token request with invalid_scope; "
			    "write PRINCIPAL_ROLE:ALL or PRINCIPAL_ROLE:<role>%s",
			    what, scope_note(ctx, c));
		return;
	}
	while (i <= len) {
		const char *t = s + i;
		size_t n = 0;
		int shown;
		long again;

		while (i + n < len && s[i + n] != ' ')
			n++;
		i += n + 1;
		shown = (int)utf8_cut(t, n, 64);
		if (!n) {
			lint_report(ctx, v, "%s has an empty scope (a leading "
				    "space or two spaces in a row). Polaris "
				    "splits on single spaces and answers "
				    "invalid_scope; separate the scopes with "
				    "one space%s", what, scope_note(ctx, c));
			return;
		}
		if (n < ROLE_PREFIX_LEN ||
		    memcmp(t, ROLE_PREFIX, ROLE_PREFIX_LEN)) {
			bool cased = has_prefix_ci(t, n, ROLE_PREFIX);
			const char *role = cased ? t + ROLE_PREFIX_LEN : t;
			int role_len = cased ? shown - (int)ROLE_PREFIX_LEN
					     : shown;

			if (role_len > 0 && (cased || !memchr(t, ':', n)))
				lint_report(ctx, v, "%s '%.*s' is not "
					    "PRINCIPAL_ROLE:<role>. Polaris "
					    "answers the token request with "
					    "invalid_scope%s; write "
					    "PRINCIPAL_ROLE:%.*s%s", what, shown,
					    t, cased ? " (the prefix is "
					    "case-sensitive)" : "", role_len,
					    role, scope_note(ctx, c));
			else
				lint_report(ctx, v, "%s '%.*s' is not "
					    "PRINCIPAL_ROLE:<role>. Polaris "
					    "answers the token request with "
					    "invalid_scope; write "
					    "PRINCIPAL_ROLE:ALL or "
					    "PRINCIPAL_ROLE:<role>%s", what,
					    shown, t, scope_note(ctx, c));
			return;
		}
		if (n == ROLE_PREFIX_LEN) {
			lint_report(ctx, v, "%s 'PRINCIPAL_ROLE:' names no "
				    "role. Polaris answers invalid_scope; "
				    "write PRINCIPAL_ROLE:ALL or "
				    "PRINCIPAL_ROLE:<role>%s", what,
				    scope_note(ctx, c));
			return;
		}
		again = find_prefix(t + ROLE_PREFIX_LEN, n - ROLE_PREFIX_LEN);
		if (again > 0) {
			char sep = t[ROLE_PREFIX_LEN + (size_t)again - 1];

			lint_report(ctx, v, "%s '%.*s' joins two scopes "
				    "with '%c'. Polaris splits scopes on "
				    "spaces only and looks for one role with "
				    "that whole name; separate them with a "
				    "space%s", what, shown, t, sep,
				    scope_note(ctx, c));
			return;
		}
	}
}

void check_scope_format(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	const struct floe_node *secrets = secrets_of(out);
	bool polaris = true;

	/* Polaris' scopes only (a platform catalog of type rest, Lakekeeper's
	 * 'lakekeeper', Nessie's 'catalog sign' are other servers') */
	for (size_t i = 0; i < n; i++) {
		if (!lint_flavor_has(&conns[i],
				     FE_FLAVOR_PRINCIPAL_ROLE_SCOPE)) {
			polaris = false;
			continue;
		}
		if (conns[i].scope)
			check_scope(ctx, conns[i].scope,
				    conns[i].kind == LINT_CONN_PLUGIN
				    ? "scope" : "oauth2_scope", &conns[i]);
	}
	/* an iceberg secret serves any attach: only when all are Polaris */
	for (size_t i = 0; polaris && secrets && i < secrets->nr; i++)
		if (is_iceberg_secret(ctx, secrets->items[i]))
			check_scope(ctx, get_ci(secrets->items[i],
						"oauth2_scope"),
				    "oauth2_scope", n ? &conns[0] : NULL);
}

/* ---- FP406 ---- */

static void env_not_prefixed(struct lint_ctx *ctx,
			     const struct floe_node *key,
			     const struct floe_node *v,
			     enum secret_value_kind kind)
{
	struct lint_jinja j;
	struct lint_env_call calls[MAX_CALLS];
	size_t nr;

	/* a path: only the credentials inside a connection string are */
	if (kind != SV_SECRET)
		return;
	nr = scan_calls(ctx, v, &j, calls);
	for (size_t i = 0; i < nr; i++) {
		if (calls[i].secret)
			continue;
		lint_report(ctx, v, "'%s' is read from '%.*s', which dbt does "
			    "not scrub from its logs. Only DBT_ENV_SECRET_* "
			    "values are masked in its logs and error messages; "
			    "rename the "
			    "variable to DBT_ENV_SECRET_%.*s", key->value,
			    calls[i].name_len, calls[i].name,
			    calls[i].name_len, calls[i].name);
		return;
	}
}

void check_secret_env_prefix(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	each_secret_value(ctx, out, env_not_prefixed);
}

/* ---- FP407 ---- */

void check_several_secret_vars(struct lint_ctx *ctx,
			       const struct lint_template *t)
{
	const struct jinja_read *j = t->read;

	if (!j->malformed && j->nr_secret_env >= 2)
		lint_report(ctx, t->node, "this value reads %u "
			    "DBT_ENV_SECRET_ variables. dbt swaps secret "
			    "variables in with one greedy regular expression "
			    "per value, so the match spans both names and the "
			    "lookup fails; give each secret its own value, or "
			    "combine them outside dbt", j->nr_secret_env);
}

/* ---- FP408 ---- */

void check_secret_env_filtered(struct lint_ctx *ctx,
			       const struct lint_template *t)
{
	const struct floe_node *v = t->node;
	const struct jinja_read *j = t->read;
	struct lint_env_call calls[MAX_CALLS];
	size_t nr = template_calls(t, calls);
	const struct lint_env_call *secret = NULL;

	for (size_t i = 0; i < nr; i++) {
		const struct lint_env_call *c = &calls[i];

		if (!c->secret)
			continue;
		if (c->filtered || c->operated) {
			const char *what = c->filtered ? "filter"
						       : "expression";

			lint_report(ctx, v, "the %s cannot see the secret of "
				    "'%.*s'. It acts on dbt's placeholder: "
				    "dbt renders a secret variable as a "
				    "placeholder and swaps the value in only "
				    "after rendering; remove the %s and store "
				    "the value ready to use", what,
				    c->name_len, c->name, what);
			return;
		}
		if (!secret)
			secret = c;
	}
	/* two secret variables and nothing else: FP407 says it */
	if (!secret || j->nr_secret_env != 1 ||
	    !(j->has_text || j->has_other || j->nr_env > j->nr_secret_env))
		return;
	lint_report(ctx, v, "the DBT_ENV_SECRET_ variable '%.*s' is joined "
		    "with other text in this value. dbt renders it as a "
		    "placeholder and swaps the secret in after rendering, so "
		    "nothing in the template sees the secret and any stray "
		    "text (a space, a block scalar's newline) becomes part "
		    "of it; put the whole value in the variable",
		    secret->name_len, secret->name);
}

/* ---- FP409 ---- */

static const char *secret_sql_text(struct lint_ctx *ctx,
				   const struct floe_node *v);

/*
 * Whether dbt-duckdb writes PERSISTENT for secrets entry `e`: only when
 * `persistent` is Python's True (`self.persistent is True`, secrets.py
 * Secret.to_sql(), 1.9.0 to 1.11.0), as dbt-core hands it over after
 * rendering every string natively (BaseRenderer.render_value():
 * get_rendered(value, ctx, native=True), core/dbt/config/renderer.py at
 * v1.9.0 to v1.10.0; a non-string is passed as it is).  So a YAML true
 * (true, yes, on) is, and so is a template whose native rendering gives
 * True: one {{ }} whose last filter is as_bool or as_native on the text
 * True (dbt-common's quoted_native_concat() literal_eval()s a marker).
 * A plain string ('true', "{{ env_var('P') }}", text around a {{ }}) is
 * a str, never True; 1 is an int.  Returns 1 persistent, 0 not, -1 when
 * only dbt's run can tell (an env var without --env and without a
 * default under as_bool, a filter or an expression not modelled: an
 * expression computed when dbt runs, "{{ env_var('P') == 'y' }}", gives
 * its bool; a constant one, "{{ true }}", is folded to the str 'True' by
 * Jinja2 3.1's NativeCodeGenerator._output_const_repr(), checked with
 * Jinja2 3.1.6 and quoted_native_concat(); neither is read): the rules
 * then judge the secret as not persistent, missing a finding rather
 * than making one up.
 */
int lint_secret_persistent(struct lint_ctx *ctx, const struct floe_node *e)
{
	const struct floe_node *v = floe_map_get(e, "persistent");

	if (!v)
		return 0;
	switch (lint_py_value(ctx, v)) {
	case LINT_PY_UNKNOWN:
		return -1;
	case LINT_PY_TRUE:
		return 1;
	default:
		return 0;
	}
}

/*
 * What a message says when lint_secret_persistent() finds entry `e`
 * persistent through a template (a YAML true needs no word): a sentence
 * to follow the first, " dbt renders its persistent: to True.", or "".
 * *what (unless NULL) is the key as the message names it, "persistent:
 * true" or "persistent".
 */
static const char *persistent_note(const struct floe_node *e,
				   const char **what)
{
	bool tmpl = floe_node_is_str(floe_map_get(e, "persistent"));

	if (what)
		*what = tmpl ? "persistent" : "persistent: true";
	return tmpl ? " dbt renders its persistent: to True." : "";
}

/*
 * Whether config_options turn allow_persistent_secrets off when dbt-duckdb
 * connects (duckdb.connect(config=...), before any CREATE SECRET): 1 off,
 * 0 on or not set (DuckDB's default is on), -1 known only at run time.
 * `settings:` cannot: its SET comes after the secrets (FP101).
 */
static int persistent_secrets_off(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_pair *p = lint_get_ci(out->model->config_options,
						"allow_persistent_secrets");
	int t = p ? lint_setting_truth(ctx, p->value) : 1;

	return t < 0 ? -1 : !t;
}

/*
 * fe_secret_name_parse() of entry `e`'s name as dbt-duckdb writes it
 * (`name` in *n, the text in *text); -1 for a name not written (absent,
 * or one Python finds false: `if self.name`) or not known statically.
 */
static int secret_name(struct lint_ctx *ctx, const struct floe_node *e,
		       struct fe_secret_name *sn, const struct floe_node **n,
		       const char **text)
{
	*n = floe_map_get(e, "name");
	*text = secret_sql_text(ctx, *n);
	/* a falsy name is not written: '', 0, 0.0, False */
	if (!*text || !**text || !py_truth(*n))
		return -1;
	return (int)fe_secret_name_parse(*text,
					 lint_secret_persistent(ctx, e) == 1,
					 ctx->duckdb_version, sn);
}

int lint_secret_registered(struct lint_ctx *ctx, const struct floe_node *e,
			   size_t i, struct fe_secret_name *sn)
{
	const struct floe_pair *p = floe_map_pair(e, "name");
	const struct floe_node *n, *t;
	const char *text, *type;
	char low[64];

	memset(sn, 0, sizeof(*sn));
	sn->persistent = lint_secret_persistent(ctx, e) == 1;
	if (!p) {
		/* credentials.py __post_init__: name=secret.pop("name",
		 * f"{DEFAULT_SECRET_PREFIX}{num + 1}"), 1.9.0 to 1.11.0 */
		snprintf(sn->name, sizeof(sn->name), "_dbt_secret_%zu", i + 1);
		return 1;
	}
	switch (secret_name(ctx, e, sn, &n, &text)) {
	case FE_SECRET_NAME_OK:
		/* a name that filled sn->name may have been cut: DuckDB
		 * keeps it whole (a 300-byte name on 1.4.3 and 1.5.6) */
		if (strlen(sn->name) >= sizeof(sn->name) - 1)
			return -1;
		if (*sn->name)
			return 1;
		/* written, but no ColId in it ("IN memory", a comment):
		 * CREATE SECRET without a name, as below (observed on
		 * 1.4.0 to 1.5.6: CREATE OR REPLACE SECRET IN memory (...)
		 * is __default_http) */
		break;
	case FE_SECRET_NAME_NO_STORAGE:
		return -1;	/* an extension may register the storage */
	case -1:
		/* not written, or not known statically */
		if (!(n->kind == FLOE_NODE_SCALAR &&
		      n->type == FLOE_TYPE_NULL) &&
		    (!text || (*text && py_truth(n))))
			return -1;
		break;
	default:
		return 0;	/* CREATE SECRET fails: FP415 */
	}
	/* `if self.name` (secrets.py to_sql()): CREATE SECRET without a
	 * name, which DuckDB calls __default_<type> */
	t = floe_map_get(e, "type");
	type = secret_sql_text(ctx, t);
	if (!type || !fe_secret_type_name(type, low, sizeof(low)))
		return -1;
	snprintf(sn->name, sizeof(sn->name), "__default_%s", low);
	return 1;
}

void check_persistent_iceberg_secret(struct lint_ctx *ctx,
				     const struct lint_output *out)
{
	const struct floe_node *secrets = secrets_of(out);

	for (size_t i = 0; secrets && i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i], *n;
		const struct floe_pair *p = floe_map_pair(e, "persistent");
		struct fe_secret_name sn;
		const char *text;
		int r;

		if (!is_iceberg_secret(ctx, e))
			continue;
		r = secret_name(ctx, e, &sn, &n, &text);
		if (lint_secret_persistent(ctx, e) == 1) {
			const char *what, *note = persistent_note(e, &what);

			/* unless the name makes CREATE SECRET fail */
			if (r <= 0)
				lint_report(ctx, p->key, "this iceberg "
					    "secret is persistent.%s DuckDB "
					    "writes it -- client secret and "
					    "bearer token included -- to "
					    "~/.duckdb/stored_secrets, and "
					    "later runs pick it up even after "
					    "the profile changed; drop '%s', "
					    "or use inline credentials in the "
					    "attach options", note, what);
			continue;
		}
		/* IN local_file: persistent without PERSISTENT; the
		 * storage is part of a name that may be a secret's value */
		if (r == FE_SECRET_NAME_OK && sn.persistent) {
			const char *st = lint_shown(ctx, n, text) != text
					 ? "***" : sn.storage;

			lint_report(ctx, n, "this iceberg secret is "
				    "persistent: its name's 'IN %s' stores it. "
				    "DuckDB writes it -- client secret and "
				    "bearer token included -- to ~/.duckdb/"
				    "stored_secrets, and later runs pick it up "
				    "even after the profile changed; drop "
				    "'IN %s' from the name", st, st);
		}
	}
}

/* ---- FP410 ---- */

/*
 * A type DuckDB reads as '' ("Secret type '' not found", 1.4.3 and
 * 1.5.6): dbt-duckdb writes it raw, so type: "''" is the empty literal.
 */
static bool empty_type(struct lint_ctx *ctx, const struct floe_node *t)
{
	const char *s = lint_render(ctx, t);

	return s && fe_secret_type_is(s, "");
}

void check_secret_missing_type(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	static const char fix[] = "add type: s3 (or iceberg, gcs, ...)";
	const struct floe_node *secrets = secrets_of(out);

	for (size_t i = 0; secrets && i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i];
		const struct floe_pair *p = floe_map_pair(e, "type");
		const struct floe_pair *ci = lint_get_ci(e, "type");

		if (e->kind != FLOE_NODE_MAP)
			lint_report(ctx, e, "this secrets entry is %s, not a "
				    "mapping with 'type'. dbt-duckdb reads "
				    "each secret as a mapping and pops its "
				    "'type'; %s and the secret's parameters",
				    floe_node_describe(e), fix);
		else if (!p && ci)
			lint_report(ctx, ci->key, "this secrets entry has "
				    "'%s' but no 'type'. dbt-duckdb pops the "
				    "lower-case key and fails without it; "
				    "write 'type'", ci->key->value);
		else if (!p)
			lint_report(ctx, e, "this secrets entry has no "
				    "'type'. dbt-duckdb pops 'type' from every "
				    "secret and fails without it; %s", fix);
		else if (!given(p->value) || (floe_node_is_str(p->value) &&
					       (!p->value->len ||
						empty_type(ctx, p->value))))
			lint_report(ctx, p->key, "this secrets entry has an "
				    "empty 'type'. DuckDB cannot create a "
				    "secret without one; %s", fix);
	}
}

/* ---- FP411: iceberg secrets take only the extension's parameters ---- */

void check_iceberg_secret_params(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	/* dbt-duckdb's own keys (secrets.py): not passed as parameters,
	 * or DuckDB's generic ones (SCOPE, PROVIDER) */
	static const char *const own[] = {
		"type", "name", "persistent", "provider", "scope", NULL
	};
	const struct floe_node *secrets = secrets_of(out);

	for (size_t i = 0; secrets && i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i];

		if (e->kind != FLOE_NODE_MAP || !is_iceberg_secret(ctx, e))
			continue;
		for (size_t k = 0; k < e->nr; k++) {
			const struct floe_node *key = e->pairs[k].key;
			const char *name;
			unsigned first = 0, last = 0;

			if (!floe_node_is_str(key) || name_in(key->value, own) ||
			    fe_iceberg_secret_param_find(key->value,
							 ctx->duckdb_version))
				continue;
			name = key->value;
			/* a parameter of other releases, or of unreleased
			 * main only: FP109's */
			if (fe_iceberg_secret_param_span(name, &first, &last))
				continue;
			if (fe_iceberg_option_find(name, FE_ANY))
				lint_report(ctx, key, "'%s' is an ATTACH "
					    "option, not a parameter of iceberg "
					    "secrets. CREATE SECRET fails with "
					    "\"Binder Error: Unknown parameter "
					    "'%s' for secret type 'iceberg'\"; "
					    "move it to the attach item's "
					    "options.", name, name);
			else
				lint_report(ctx, key, "'%s' is not a parameter "
					    "of iceberg secrets. CREATE SECRET "
					    "fails with \"Binder Error: Unknown "
					    "parameter '%s' for secret type "
					    "'iceberg'\"; the parameters are "
					    "client_id, client_secret, endpoint, "
					    "token, oauth2_scope, "
					    "oauth2_server_uri, oauth2_grant_type "
					    "(and from DuckDB 1.5 refresh_token, "
					    "expires_in, extra_http_headers).",
					    name, name);
		}
	}
}

/* ---- FP412: an empty client_id ---- */

static void empty_client_id(struct lint_ctx *ctx, const struct floe_node *v)
{
	const char *s;

	if (!v || !floe_node_is_str(v) || !(s = lint_render(ctx, v)) || *s)
		return;
	lint_report(ctx, v, "client_id is empty. The token request sends an "
		    "empty client id, which the catalog refuses "
		    "(invalid_client), and DuckDB 1.5 also never refreshes a "
		    "token without one (duckdb-iceberg#1378); set the client "
		    "id, read with env_var().");
}

/*
 * Not with a token: CreateCatalogSecretFunction returns as soon as
 * `token` is among the options or secret parameters, before client_id is
 * read, so no token request is made (duckdb-iceberg oauth2.cpp, at every
 * release pin from 06ca288 (1.4.0) to 6561bfc (1.5.6) and 68623ff, e.g.
 * 1c0c4c6 src/storage/authorization/oauth2.cpp:205-208, 45163a2
 * src/catalog/rest/storage/authorization/oauth2.cpp:404-407).  From 1.5
 * the client id is only kept for a later refresh, which an empty one
 * turns off exactly as a missing one does (CanRefreshUnlocked tests
 * !client_id.empty()): not a failure of its own, and FP402 does not ask
 * for a client id beside a token either.  Not version-bound, so no
 * engine row.
 */
void check_empty_client_id(struct lint_ctx *ctx,
			   const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	const struct floe_node *secrets = secrets_of(out);

	for (size_t i = 0; i < n; i++)
		if (oauth_mode(ctx, &conns[i]) == 1 && !given(conns[i].token))
			empty_client_id(ctx, conns[i].client_id);
	for (size_t i = 0; secrets && i < secrets->nr; i++)
		if (is_iceberg_secret(ctx, secrets->items[i]) &&
		    !given(get_ci(secrets->items[i], "token")))
			empty_client_id(ctx, get_ci(secrets->items[i],
						    "client_id"));
}

/* ---- FP413: use_credential_provider ---- */

void check_credential_provider(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	const struct floe_pair *p =
		floe_map_pair(out->map, "use_credential_provider");
	const struct floe_node *v;
	const char *s;

	if (!p || !given(p->value))
		return;
	v = p->value;
	if (v->kind != FLOE_NODE_SCALAR) {
		lint_report(ctx, v, "use_credential_provider is %s, not 'aws'. "
			    "dbt-duckdb refuses the profile (\"Unsupported "
			    "value for use_credential_provider\"); write aws, "
			    "or a secrets: entry.", floe_node_describe(v));
		return;
	}
	s = floe_node_is_str(v) ? lint_render(ctx, v) : v->value;
	if (!s || !*s || !strcmp(s, "aws"))
		return;
	lint_report(ctx, v, "use_credential_provider '%s' is not 'aws', the "
		    "only value dbt-duckdb takes. It refuses the profile with "
		    "\"ValueError: Unsupported value for "
		    "use_credential_provider: %s\"; write aws, or add a "
		    "secrets: entry with the provider you need.", s, s);
}

/* ---- FP414, FP415: what CREATE SECRET reads unquoted ---- */

/*
 * The text dbt-duckdb writes for a secret's `type` or `name`: str() of
 * the value, unquoted (secrets.py Secret.to_sql() and _format_value(),
 * 1.9.0 to 1.11.0): a string as dbt renders it, any other scalar as
 * Python prints what PyYAML makes of it (py_scalar_str(): True, 16 for
 * 0x10, 7.0).  NULL for a null, a collection, or a string dbt renders
 * only at run time: not judged.
 */
static const char *secret_sql_text(struct lint_ctx *ctx,
				   const struct floe_node *v)
{
	struct strbuf sb = STRBUF_INIT;
	struct arena *scratch;
	char *d;

	if (!v || v->kind != FLOE_NODE_SCALAR || v->type == FLOE_TYPE_NULL)
		return NULL;
	if (v->type == FLOE_TYPE_STR)
		return lint_render(ctx, v);
	py_scalar_str(v, &sb);
	scratch = lint_scratch(ctx);
	d = sb.failed || !scratch ? NULL
	    : arena_strndup(scratch, sb.buf, sb.len);
	strbuf_release(&sb);
	if (!d)
		ctx->err = FLOE_ERR_NOMEM;
	return d;
}

/*
 * Whether dbt-duckdb runs the output's CREATE SECRETs at all: with
 * `remote` it connects to a Buena Vista server (environments/__init__.py
 * create(): BVEnvironment), whose handle() only initialises cursors;
 * initialize_db(), which runs secrets_sql(), is local.py's alone (1.9.0
 * to 1.11.0).
 */
static bool creates_secrets(const struct lint_output *out)
{
	const struct floe_node *r = floe_map_get(out->map, "remote");

	return !r || (r->kind == FLOE_NODE_SCALAR &&
		      r->type == FLOE_TYPE_NULL);
}

/*
 * The canonical name of an `extensions:` item installed from DuckDB's
 * core repository, in low[size]; NULL for an item read only at run time,
 * or from another repository (core_nightly, community, a URL: a build
 * that may register other types than the release's).
 */
static const char *core_extension(struct lint_ctx *ctx,
				  const struct floe_node *item, char *low,
				  size_t size)
{
	const char *n = lint_extension_canonical(ctx, item), *repo;
	size_t k;

	if (!n)
		return NULL;
	if (item->kind == FLOE_NODE_MAP && floe_map_get(item, "repo")) {
		repo = lint_render(ctx, floe_map_get(item, "repo"));
		if (!repo || strcmp(repo, "core"))
			return NULL;
	}
	k = strlen(n);
	if (k >= size)
		return NULL;
	ascii_lower_copy(low, n, k);
	return low;
}

/*
 * Whether no plugin runs (Python may LOAD anything), MotherDuck is not
 * opened, and `ok(ext, version)` holds for every `extensions:` item,
 * each a core extension.
 */
static bool extensions_all(struct lint_ctx *ctx,
			   const struct lint_output *out,
			   bool (*ok)(const char *ext, unsigned version))
{
	const struct floe_prof_output *m = out->model;
	const struct floe_node *l = m->extensions;
	char low[64];

	if (m->plugins || m->motherduck_plugin)
		return false;
	if (l && l->kind != FLOE_NODE_SEQ)
		return false;
	for (size_t i = 0; l && i < l->nr; i++) {
		const char *n = core_extension(ctx, l->items[i], low,
					       sizeof(low));

		if (!n || !ok(n, ctx->duckdb_version))
			return false;
	}
	return true;
}

/*
 * Whether every secret type the output's CREATE SECRETs can find is in
 * the tables: each `extensions:` item is a core extension whose types
 * they hold (or one that adds none), no plugin runs (Python may LOAD
 * anything), and MotherDuck is not opened (its extension registers the
 * motherduck type and is in no table).
 */
static bool secret_types_known(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	return extensions_all(ctx, out, fe_extension_secret_types_known);
}

/* Whether `extensions:` loads `ext` (canonical) from the core repository. */
static bool loads_extension(struct lint_ctx *ctx,
			    const struct lint_output *out, const char *ext)
{
	const struct floe_node *l = out->model->extensions;
	char low[64];

	for (size_t i = 0; l && l->kind == FLOE_NODE_SEQ && i < l->nr; i++) {
		const char *n = core_extension(ctx, l->items[i], low,
					       sizeof(low));

		if (n && !strcmp(n, ext))
			return true;
	}
	return false;
}

/*
 * A type the release does not find, as FP414 says it: `name` is what
 * DuckDB looks up, `shown` what the message may show of it (lint_shown());
 * a masked one gets no did-you-mean and names no extension.
 */
static void report_secret_type(struct lint_ctx *ctx,
			       const struct lint_output *out,
			       const struct floe_node *t, const char *name,
			       const char *shown)
{
	const char *known[40], *hint = NULL, *ext;
	char ver[FE_VERSION_BUF], since[FE_VERSION_BUF];
	unsigned first = fe_secret_type_first(name);
	bool masked = shown != name;
	size_t nr = 0;

	fe_version_str(ctx->duckdb_version, ver);
	if (first) {
		/* the table says which release autoloads the extension for
		 * the type, not since when the extension registers it: one
		 * listed may well register it here (uc_catalog's UC) */
		ext = fe_secret_type_extension(name, FE_ANY);
		if (loads_extension(ctx, out, ext))
			return;
		if (masked)
			first = 0;	/* the generic message below */
	}
	if (first) {
		lint_report(ctx, t, "DuckDB %s finds no secret type '%s'. "
			    "CREATE SECRET fails with \"Secret type '%s' not "
			    "found\": this release autoloads no extension for "
			    "it; list the %s extension, which registers it, "
			    "in extensions:, or run DuckDB %s or later, which "
			    "autoloads it", ver, name, name, ext,
			    fe_version_str(first, since));
		return;
	}
	while (nr + 1 < sizeof(known) / sizeof(known[0]) &&
	       (known[nr] = fe_secret_type_at(nr, ctx->duckdb_version)))
		nr++;
	known[nr] = NULL;
	/* two edits from a name of digits is any short type */
	if (!masked && strpbrk(name, "abcdefghijklmnopqrstuvwxyz"))
		hint = lint_did_you_mean(name, known);
	lint_report(ctx, t, "DuckDB %s has no secret type '%s'. CREATE SECRET "
		    "fails with \"Secret type '%s' not found\"%s%s%s", ver,
		    shown, shown, hint ? "; did you mean '" :
		    "; use one of its types ('floe-profiles explain FP414' "
		    "lists them)", hint ? hint : "", hint ? "'?" : "");
}

void check_secret_type_unknown(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	const struct floe_node *secrets = secrets_of(out);
	int known = -1;		/* secret_types_known(), when asked */

	if (!secrets || !creates_secrets(out))
		return;
	for (size_t i = 0; i < secrets->nr; i++) {
		const struct floe_node *t =
			floe_map_get(secrets->items[i], "type");
		char name[64];
		const char *s, *shown;

		/* a type some extension has, a fact of the type's text */
		if (lint_value_fact(ctx, t, LINT_VF_SECRET_TYPE_HAD) == 1)
			continue;
		s = secret_sql_text(ctx, t);
		/* no type, or an empty one: FP410's; an integer is a
		 * constant DuckDB casts to its digits (type 7: '7'); a
		 * float's cast is not modelled */
		if (s && t->type == FLOE_TYPE_INT && strlen(s) < sizeof(name))
			memcpy(name, s, strlen(s) + 1);
		else if (!s || (t->type != FLOE_TYPE_STR &&
				t->type != FLOE_TYPE_BOOL) ||
			 !fe_secret_type_name(s, name, sizeof(name)))
			continue;
		if (!*name ||
		    fe_secret_type_extension(name, ctx->duckdb_version)) {
			if (*name && !ctx->err)
				lint_value_fact_set(ctx, t,
						    LINT_VF_SECRET_TYPE_HAD,
						    true);
			continue;
		}
		if (known < 0)
			known = secret_types_known(ctx, out);
		if (!known)
			continue;
		shown = lint_shown(ctx, t, name);
		report_secret_type(ctx, out, t, name, shown);
	}
}

/*
 * Whether the storages of a fresh database (duckdb_secrets.def) are all
 * the output's CREATE SECRETs can name.  An extension may register one
 * (MotherDuck's, quack's connection storage), and CREATE SECRET (TYPE t)
 * autoloads t's extension before it looks the storage up, so: no plugin,
 * no MotherDuck, `extensions:` only those a fresh database loads anyway,
 * and every secret's type the engine's own (http).
 */
static bool secret_storages_known(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_prof_output *m = out->model;
	char low[64];

	if (!extensions_all(ctx, out, fe_extension_in_fresh_database))
		return false;
	for (size_t i = 0; i < m->nr_secrets; i++) {
		const struct floe_node *t = m->secret_items[i].type.node;
		const char *s = secret_sql_text(ctx, t), *ext;

		if (!s || !fe_secret_type_name(s, low, sizeof(low)))
			return false;
		ext = fe_secret_type_extension(low, ctx->duckdb_version);
		if (!ext || *ext)
			return false;
	}
	return true;
}

/* The release's secret storages, as a message lists them: memory, ... */
static const char *storage_list(struct lint_ctx *ctx, char *buf, size_t size)
{
	const char *st;
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; (st = fe_secret_storage_at(i, ctx->duckdb_version));
	     i++) {
		int k = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
				 st);

		if (k < 0 || (size_t)k >= size - len)
			break;
		len += (size_t)k;
	}
	return buf;
}

/* FP415 for a name that parses, but that CREATE SECRET refuses. */
static void report_secret_storage(struct lint_ctx *ctx,
				  const struct lint_output *out,
				  const struct floe_node *e,
				  const struct floe_node *n, const char *s,
				  const struct fe_secret_name *sn, int r)
{
	const char *shown = lint_shown(ctx, n, s);
	char ver[FE_VERSION_BUF], list[128];
	bool masked = shown != s;

	fe_version_str(ctx->duckdb_version, ver);
	storage_list(ctx, list, sizeof(list));
	if (r == FE_SECRET_NAME_TEMPORARY_STORAGE) {
		const char *note = persistent_note(e, NULL);

		lint_report(ctx, n, "the secret name '%s' picks the temporary "
			    "storage %s, %s.%s dbt-duckdb "
			    "writes CREATE OR REPLACE PERSISTENT SECRET, which "
			    "fails with \"Cannot create persistent secrets in "
			    "a temporary secret storage!\"; drop one of them",
			    shown, masked ? "***" : sn->storage,
			    *note ? "for a persistent secret" :
			    "with persistent: true", note);
		return;
	}
	if (r == FE_SECRET_NAME_STORAGE_KEYWORD) {
		lint_report(ctx, n, "the secret name '%s' names a storage that "
			    "is a keyword. DuckDB takes only an identifier "
			    "after IN, so dbt-duckdb's CREATE OR REPLACE "
			    "SECRET %s ( is a syntax error; DuckDB %s's "
			    "storages are %s", shown, shown, ver, list);
		return;
	}
	if (!secret_storages_known(ctx, out))
		return;		/* an extension may register it */
	/* with allow_persistent_secrets off DuckDB says that instead */
	if (persistent_secrets_off(ctx, out) != 0) {
		lint_report(ctx, n, "the secret name '%s' puts the secret in "
			    "a storage DuckDB %s does not have. CREATE SECRET "
			    "fails; its storages are %s", shown, ver, list);
		return;
	}
	lint_report(ctx, n, "the secret name '%s' puts the secret in a "
		    "storage DuckDB %s does not have. CREATE SECRET fails "
		    "with \"Secret storage '%s' not found!\"; its storages "
		    "are %s", shown, ver, masked ? "***" : sn->storage, list);
}

void check_secret_name(struct lint_ctx *ctx, const struct lint_output *out)
{
	static const struct lint_unquoted secret = {
		"secret name", "CREATE OR REPLACE SECRET", " (", "name",
		"_secret"
	};
	const struct floe_node *secrets = secrets_of(out);

	if (!secrets || !creates_secrets(out))
		return;
	for (size_t i = 0; i < secrets->nr; i++) {
		const struct floe_node *n;
		struct fe_secret_name sn;
		const char *s;
		int r = secret_name(ctx, secrets->items[i], &sn, &n, &s);

		switch (r) {
		case FE_SECRET_NAME_KEYWORD:
			/* the keyword itself when more follows it */
			lint_report_unquoted(ctx, n, fe_alias_parse(
				s, false, ctx->duckdb_version) ==
				FE_ALIAS_KEYWORD ?
				s : sn.name, FE_ALIAS_KEYWORD, &secret, NULL);
			break;
		case FE_SECRET_NAME_NOT_WORD:
			lint_report_unquoted(ctx, n, s, FE_ALIAS_NOT_WORD,
					     &secret, NULL);
			break;
		case FE_SECRET_NAME_COMMENT:
			lint_report(ctx, n, "the secret name '%s' ends in a -- "
				    "comment. dbt-duckdb writes ' (' after "
				    "the name on the same line: the comment "
				    "swallows it, a syntax error; end the "
				    "comment with a line break (two at the "
				    "end of the value: dbt's Jinja drops the "
				    "last), or write /* ... */",
				    lint_shown(ctx, n, s));
			break;
		case FE_SECRET_NAME_STORAGE_KEYWORD:
		case FE_SECRET_NAME_NO_STORAGE:
		case FE_SECRET_NAME_TEMPORARY_STORAGE:
			report_secret_storage(ctx, out, secrets->items[i], n,
					      s, &sn, r);
			break;
		default:
			break;	/* not written, not known, or fine */
		}
	}
}

/* ---- FP416 ---- */

void check_secret_persistent_disabled(struct lint_ctx *ctx,
				      const struct lint_output *out)
{
	const struct floe_node *secrets = secrets_of(out);
	const char *said = fe_secret_persistent_disabled(ctx->duckdb_version);
	const struct floe_pair *off;

	if (!secrets || !said || !creates_secrets(out) ||
	    persistent_secrets_off(ctx, out) != 1)
		return;
	off = lint_get_ci(out->model->config_options,
			  "allow_persistent_secrets");
	for (size_t i = 0; i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i], *n;
		const struct floe_pair *p = floe_map_pair(e, "persistent");
		struct fe_secret_name sn;
		const char *text;
		int r = secret_name(ctx, e, &sn, &n, &text);

		if (r > 0)
			continue;	/* FP415: the name fails first */
		if (lint_secret_persistent(ctx, e) == 1) {
			const char *what, *note = persistent_note(e, &what);

			lint_report(ctx, p->key, "this secret is persistent, "
				    "but allow_persistent_secrets is off (line "
				    "%u).%s "
				    "config_options reach DuckDB before the "
				    "secrets, and it refuses their CREATE SECRET "
				    "(\"%s\"), and with it every dbt connection; "
				    "drop '%s' or that setting",
				    floe_node_start(off->key).line, note,
				    said, what);
		} else if (r == FE_SECRET_NAME_OK && sn.persistent)
			lint_report(ctx, n, "the name's IN clause makes this "
				    "secret persistent, but "
				    "allow_persistent_secrets is off (line %u). "
				    "config_options reach DuckDB before the "
				    "secrets, and it refuses their CREATE SECRET "
				    "(\"%s\"), and with it every dbt connection; "
				    "drop the IN clause or that setting",
				    floe_node_start(off->key).line, said);
	}
}

/* ---- FP417 ---- */

/*
 * An ATTACH whose SECRET names a secret that two storages of the output
 * hold (lint.c, held_secrets()): DuckDB keeps a temporary and a
 * persistent secret of one name side by side, and SecretManager::
 * GetSecretByName() throws when it finds the name in more than one
 * storage (secret_manager.cpp at v1.4.3 to v1.5.5).  The iceberg
 * extension's OAuth2 path looks the SECRET up so, as it is written,
 * before any request (GetIcebergSecret(), from 06ca288 to 68623ff), when
 * no inline OAuth2 option makes it build its own (with one, FP401's
 * refusal comes first).  Only the OAuth2 path is judged: sigv4 and the
 * endpoint types look the name up later and, at some pins, lower-cased.
 */
void check_secret_name_ambiguous(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n;

	if (!creates_secrets(out) || persistent_secrets_off(ctx, out) != 0)
		return;
	n = lint_conns(ctx, out, &conns);
	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_node *v = c->secret_passed;
		const char *s, *shown;

		if (c->kind != LINT_CONN_ATTACH || !v || !c->held[0] ||
		    !c->held[1] || oauth_mode(ctx, c) != 1 ||
		    has_inline_oauth(c) || !(s = lint_render(ctx, v)))
			continue;
		shown = lint_shown(ctx, v, s);
		lint_report(ctx, v, "the ATTACH's SECRET '%s' names a "
			    "temporary secret (line %u) and a persistent one "
			    "(line %u). DuckDB keeps both, and the iceberg "
			    "extension's lookup by name fails: \"Ambiguity "
			    "detected for secret name '%s', secret occurs in "
			    "multiple storage backends.\"; "
			    "give the two different names, or make both "
			    "temporary", shown,
			    floe_node_start(c->held[0]).line,
			    floe_node_start(c->held[1]).line, shown);
	}
}
