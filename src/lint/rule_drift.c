/*
 * Drift: the profile held against what `generate` would write from the
 * platform file (FP214-FP218; lint --platform and check).
 *
 * The baseline is the attach planner that generate writes from
 * (floe_gen_attach, src/attach_plan.c), not a second reading of the
 * platform, so the two cannot disagree; neither calls the other.  Differences that
 * change nothing are not drift: quoting, key order, comments, spaces
 * inside {{ }}, the quote style of env_var() arguments, a trailing '/'
 * on a URL, and a DBT_ENV_SECRET_ prefix on a variable name.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "engine/engine.h"
#include "rules.h"
#include "url.h"


/*
 * A value normalised for comparison: no spaces inside {{ }}, one quote
 * style, no DBT_ENV_SECRET_ prefix, no trailing '/'.  In the scratch
 * arena (it is never longer than s); NULL, ctx->err set, without memory.
 */
static const char *norm(struct lint_ctx *ctx, const char *s)
{
	static const char prefix[] = "DBT_ENV_SECRET_";
	struct arena *a = lint_scratch(ctx);
	size_t o = 0, len = strlen(s);
	int in_jinja = 0;
	char *buf = a ? arena_alloc_uninit(a, len + 1) : NULL;

	if (!buf) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '{' && s[i + 1] == '{')
			in_jinja = 1;
		else if (s[i] == '}' && s[i + 1] == '}')
			in_jinja = 0;
		if (in_jinja && (s[i] == ' ' || s[i] == '\t'))
			continue;
		if (in_jinja && s[i] == 'D' &&
		    !strncmp(s + i, prefix, sizeof(prefix) - 1)) {
			i += sizeof(prefix) - 2;
			continue;
		}
		buf[o++] = s[i] == '"' && in_jinja ? '\'' : s[i];
	}
	while (o && buf[o - 1] == '/')
		o--;
	buf[o] = '\0';
	return buf;
}

/* Whether a and b differ once normalised: 1, 0, -1 without memory. */
static int norms_differ(struct lint_ctx *ctx, const char *a, const char *b)
{
	const char *x = norm(ctx, a), *y = x ? norm(ctx, b) : NULL;

	return y ? strcmp(x, y) != 0 : -1;
}

/*
 * Does the profile's value differ from what generate writes?  1 yes,
 * 0 no, -1 cannot tell (a value rendered only at run time).
 */
static int differs(struct lint_ctx *ctx, const struct floe_node *n,
		   const char *want)
{
	const char *have;

	if (!n || !want)
		return -1;
	if (strstr(want, "{{")) {
		/* generate writes a reference: compare the templates */
		if (!floe_node_is_str(n))
			return 1;
		if (!strcmp(n->value, want))	/* as written: the norms too */
			return 0;
		return norms_differ(ctx, n->value, want);
	}
	have = lint_render(ctx, n);
	if (!have)
		return -1;
	if (!strcmp(have, want))
		return 0;
	return norms_differ(ctx, have, want);
}

/*
 * differs() for a token URI: a literal one is the same when it reaches
 * the same token endpoint, written otherwise (host or scheme case, an
 * explicit default port, empty path parts: url_same_token_uri, as
 * FP201 compares).
 */
static int token_uri_differs(struct lint_ctx *ctx, const struct floe_node *n,
			     const char *want)
{
	const char *have;

	if (!n || !want || strstr(want, "{{"))
		return differs(ctx, n, want);
	have = lint_render(ctx, n);
	if (!have)
		return -1;
	if (url_same_token_uri_text(have, want))
		return 0;
	return differs(ctx, n, want);
}

static const struct lint_conn *the_conn(struct lint_ctx *ctx,
					const struct lint_output *out,
					size_t *n)
{
	const struct lint_conn *conns;

	if (!lint_expected(ctx))
		return NULL;
	*n = lint_conns(ctx, out, &conns);
	return lint_platform_conn(ctx, conns, *n);
}

void check_platform_token_uri(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct lint_conn *c;
	const struct floe_gen_attach *e;
	const struct floe_node *at = NULL;
	size_t n = 0;

	c = the_conn(ctx, out, &n);
	if (!c || c->kind != LINT_CONN_ATTACH || !c->token_uri)
		return;		/* derived by the plugin; FP209 if missing */
	e = lint_expected(ctx);
	if (token_uri_differs(ctx, c->token_uri, e->token_uri) != 1)
		return;
	for (size_t i = 0; i < e->catalog->nr_properties; i++)
		if (!strcmp(e->catalog->properties[i].key,
			    "oauth2-server-uri"))
			at = e->catalog->properties[i].value_node;
	lint_report(ctx, c->token_uri, "the token URI is not the one generate "
		    "writes. generate writes '%s', from %s (%s)", e->token_uri,
		    at ? "the catalog's oauth2-server-uri" : "the catalog uri",
		    lint_platform_at(ctx, at ? at : e->catalog->uri.node));
}

/*
 * The mode the extension reads from a value written: itself when it is
 * one of the extension's (which lower-cases it: 'NONE' is none), NULL
 * for an empty one (not given: the default applies), "" for one it
 * refuses (FP306's, FP305's on a release without the option) and for
 * one known only at run time.
 */
static const char *delegation_read(struct lint_ctx *ctx, const char *have)
{
	static const char opt[] = "access_delegation_mode";
	const char *const *values;

	if (!have)
		return "";
	if (!*have && fe_iceberg_option_empty_unset(opt, ctx->duckdb_version))
		return NULL;
	values = fe_iceberg_option_values(opt, ctx->duckdb_version);
	for (size_t i = 0; values && values[i]; i++)
		if (fe_iceberg_option_value_is(opt, ctx->duckdb_version, have,
					       values[i]))
			return values[i];
	return "";
}

void check_platform_access_delegation(struct lint_ctx *ctx,
				      const struct lint_output *out)
{
	const struct lint_conn *c;
	const struct floe_gen_attach *e;
	const struct floe_node *mode = NULL, *at;
	const char *have = NULL, *read = NULL;
	size_t n = 0;

	c = the_conn(ctx, out, &n);
	if (!c)
		return;
	e = lint_expected(ctx);
	if (c->kind == LINT_CONN_ATTACH) {
		const struct floe_pair *p = lint_get_ci(c->options,
						       "access_delegation_mode");

		mode = p ? p->value : NULL;
	}
	if (mode) {
		have = lint_render(ctx, mode);
		read = delegation_read(ctx, have);
		if (read && (!*read || !strcmp(read, e->delegation)))
			return;
	}
	if (read) {
		at = mode;
	} else {
		/* left out (or empty): the extension's default applies */
		have = fe_iceberg_option_default("access_delegation_mode",
						 ctx->duckdb_version,
						 FE_CATALOG_REST);
		if (!have || !strcmp(e->delegation, have))
			return;
		at = mode ? mode
		     : c->kind == LINT_CONN_ATTACH && c->options ? c->options
								 : c->item;
	}
	lint_report(ctx, at, "access delegation is '%s', but the platform says "
		    "'%s'.%s The platform sets it at %s", have, e->delegation,
		    read ? "" : mode ? " The profile's is empty, so DuckDB's "
		    "default applies." : " The profile sets none, so DuckDB's "
		    "default applies.",
		    lint_platform_at(ctx, e->catalog->access_delegation_node
					  ? e->catalog->access_delegation_node
					  : e->catalog->name_node));
}

void check_platform_alias(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *c;
	const char *want = lint_expected_alias(ctx), *have;
	size_t n = 0;

	c = the_conn(ctx, out, &n);
	if (!c || c->kind != LINT_CONN_ATTACH || !c->alias)
		return;
	have = lint_render(ctx, c->alias);
	if (have && strcmp(have, want))
		lint_report(ctx, c->alias, "the alias is '%s', but generate "
			    "writes '%s'. The alias generate writes is set "
			    "with --alias or generate.alias in "
			    ".floe-profiles.yaml", have, want);
}

static void credential(struct lint_ctx *ctx, const struct floe_node *n,
		       const char *want, const struct floe_value *v,
		       const char *what)
{

	if (!n || differs(ctx, n, want) != 1)
		return;
	if (v->kind == FLOE_VALUE_SECRET_REF)
		lint_report(ctx, n, "%s does not read the variable generate "
			    "writes. generate writes '%s', from secret_ref "
			    "'%s' (%s)", what, want, v->text,
			    lint_platform_at(ctx, v->node));
	else	/* a literal client id: not a secret, so it is shown */
		lint_report(ctx, n, "%s is not the one generate writes. "
			    "generate writes '%s', from %s", what, want,
			    lint_platform_at(ctx, v->node));
}

void check_platform_credential_env(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct lint_conn *c;
	const struct floe_gen_attach *e;
	size_t n = 0;

	c = the_conn(ctx, out, &n);
	if (!c)
		return;
	e = lint_expected(ctx);
	credential(ctx, c->client_id, e->client_id,
		   &e->catalog->credentials.client_id, "client_id");
	/* never show a secret: only the variable names are compared */
	if (c->client_secret && !lint_is_literal(c->client_secret))
		credential(ctx, c->client_secret, e->client_secret,
			   &e->catalog->credentials.client_secret,
			   "client_secret");
}

void check_platform_catalog_attached(struct lint_ctx *ctx,
				     const struct lint_output *out)
{
	const struct lint_conn *conns;
	const struct floe_gen_attach *e = lint_expected(ctx);
	size_t n;

	if (!e)
		return;
	n = lint_conns(ctx, out, &conns);
	if (lint_platform_conn(ctx, conns, n))
		return;
	lint_report(ctx, out->key, "output '%s' attaches no iceberg catalog "
		    "that is the platform's catalogs.%s.%s The platform "
		    "declares it at %s", out->name, e->catalog->name,
		    n ? " No attach alias or warehouse matches it." : "",
		    lint_platform_at(ctx, e->catalog->name_node));
}
