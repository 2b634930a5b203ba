/*
 * Catalog flavors (FP219-FP224): which Iceberg REST server each iceberg
 * attach talks to, and the rules that hold for one server only.
 *
 * The flavor of a connection is decided by lint_conns_flavor (the order
 * is engine/flavor.h's): endpoint_type, --catalog-flavor /
 * lint.catalog_flavor, the platform catalog's type for the attach meant
 * for it, the endpoint's shape.  The Polaris rules (FP201, FP202, FP207,
 * FP208, FP307's empty warehouse, FP405) ask lint_flavor_has(); the rules
 * here are the other servers' facts (catalog_flavors.def cites them).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "engine/flavor.h"
#include "rules.h"
#include "strbuf.h"
#include "url.h"


const char *const *floe_catalog_flavor_names(void)
{
	return fe_flavor_names();
}

/* The flavor of a platform catalog's type, and why, for messages. */
static enum fe_flavor platform_flavor(enum floe_catalog_type t,
				      const char **why)
{
	switch (t) {
	case FLOE_CATALOG_POLARIS:
		*why = "the platform catalog is of type polaris";
		return FE_FLAVOR_POLARIS;
	case FLOE_CATALOG_GLUE:
		*why = "the platform catalog is of type glue";
		return FE_FLAVOR_GLUE;
	case FLOE_CATALOG_NESSIE:
		*why = "the platform catalog is of type nessie";
		return FE_FLAVOR_NESSIE;
	case FLOE_CATALOG_REST:
		*why = "the platform catalog is of type rest";
		return FE_FLAVOR_REST;
	case FLOE_CATALOG_HIVE:
		break;
	}
	return FE_FLAVOR_UNKNOWN;
}

static const char *opt_text(struct lint_ctx *ctx, const struct lint_conn *c,
			    const char *key)
{
	const struct floe_pair *p = lint_get_ci(c->options, key);

	return p && floe_node_is_str(p->value) ? lint_render(ctx, p->value)
					       : NULL;
}

void lint_conns_flavor(struct lint_ctx *ctx, struct lint_conn *conns,
		       size_t n)
{
	enum fe_flavor chosen = fe_flavor_by_name(ctx->opt->catalog_flavor);
	const struct lint_conn *pc = NULL;

	if (ctx->catalog)
		pc = lint_platform_conn(ctx, conns, n);
	for (size_t i = 0; i < n; i++) {
		struct lint_conn *c = &conns[i];
		const char *why = NULL, *pwhy = NULL;
		enum fe_flavor f, pf = FE_FLAVOR_UNKNOWN;

		if (c->kind == LINT_CONN_PLUGIN) {
			c->flavor = FE_FLAVOR_POLARIS;
			c->flavor_why = "it is floe's Polaris plugin";
			continue;
		}
		if (c == pc)
			pf = platform_flavor(ctx->catalog->type, &pwhy);
		f = fe_flavor_decide(opt_text(ctx, c, "endpoint_type"), chosen,
				     pf, pwhy, c->endpoint ?
				     lint_render(ctx, c->endpoint) : NULL, &why);
		c->flavor = f;
		c->flavor_why = f == FE_FLAVOR_UNKNOWN ? NULL : why;
	}
}

const char *lint_flavor_note(struct lint_ctx *ctx, const struct lint_conn *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	if (c->flavor == FE_FLAVOR_UNKNOWN)
		return " (catalog flavor: Polaris, floe's default: nothing "
		       "names the server; see --catalog-flavor)";
	if (strbuf_addf(&sb, " (catalog flavor: %s, because %s)",
			fe_flavor_info(c->flavor)->title,
			c->flavor_why ? c->flavor_why : "it was chosen")) {
		ctx->err = FLOE_ERR_NOMEM;
		strbuf_release(&sb);
		return "";
	}
	s = arena_strndup(ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	if (!s)
		ctx->err = FLOE_ERR_NOMEM;
	return s ? s : "";
}

bool lint_flavor_has(const struct lint_conn *c, unsigned flag)
{
	return fe_flavor_has(c->flavor, flag);
}

/* ---- helpers ---- */

static bool render_url(struct lint_ctx *ctx, const struct floe_node *n,
		       const char **text, struct url *u)
{
	*text = lint_url(ctx, n, u);
	return *text && !strchr(*text, '@');
}

static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !strncasecmp(s + n - m, suffix, m);
}

/* ---- FP219: the base path of a server other than Polaris ---- */

void check_flavor_base_path(struct lint_ctx *ctx,
			    const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const struct fe_flavor_info *f = fe_flavor_info(c->flavor);
		const char *text;
		struct url u;
		size_t len, off, k;

		/* Polaris' is FP207's; a root path cannot be missing */
		if (c->flavor == FE_FLAVOR_UNKNOWN ||
		    c->flavor == FE_FLAVOR_POLARIS || !f->base_path ||
		    !*f->base_path ||
		    !render_url(ctx, c->endpoint, &text, &u))
			continue;
		len = url_path_trimmed(&u);
		/* Nessie's /iceberg/<branch> is FP220's */
		for (k = 0; k + strlen(f->base_path) <= len; k++)
			if (!strncasecmp(u.path + k, f->base_path,
					 strlen(f->base_path)))
				break;
		if (k + strlen(f->base_path) <= len &&
		    (ends_with_ci(u.path, len, f->base_path) ||
		     c->flavor == FE_FLAVOR_NESSIE))
			continue;
		off = (size_t)(u.path - text);
		lint_report(ctx, c->endpoint, "the endpoint does not end in "
			    "%s, where %s serves the Iceberg REST API. The "
			    "config request answers 404 (Lakekeeper: "
			    "\"CatalogConfig required property 'defaults' is "
			    "missing\"); use '%.*s%s'.%s", f->base_path,
			    f->title, (int)off, text, f->base_path,
			    lint_flavor_note(ctx, c));
	}
}

/* ---- FP220: a Nessie branch in the endpoint ---- */

void check_nessie_branch(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const char *text, *p;
		struct url u;
		size_t len, rest;

		if (c->flavor != FE_FLAVOR_NESSIE ||
		    !render_url(ctx, c->endpoint, &text, &u))
			continue;
		len = url_path_trimmed(&u);
		p = NULL;
		for (size_t k = 0; k + 8 <= len; k++)
			if (!strncasecmp(u.path + k, "/iceberg", 8) &&
			    (k + 8 == len || u.path[k + 8] == '/')) {
				p = u.path + k + 8;
				break;
			}
		if (!p)
			continue;
		rest = len - (size_t)(p - u.path);
		if (rest <= 1)
			continue;
		lint_report(ctx, c->endpoint, "the endpoint names a Nessie "
			    "branch ('%.*s') after /iceberg. The iceberg "
			    "extension adds the prefix Nessie returns for the "
			    "branch again, so requests go to a doubled path "
			    "(404, or an empty catalog: duckdb-iceberg#1145); "
			    "end the endpoint in /iceberg and choose the "
			    "branch with the warehouse (attach path).%s",
			    (int)rest - 1, p + 1, lint_flavor_note(ctx, c));
	}
}

/* ---- FP221: a token URI at a server that issues no tokens ---- */

void check_flavor_token_uri(struct lint_ctx *ctx,
			    const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const char *text;
		struct url u;

		if (c->flavor != FE_FLAVOR_LAKEKEEPER &&
		    c->flavor != FE_FLAVOR_NESSIE)
			continue;
		if (!render_url(ctx, c->token_uri, &text, &u) ||
		    !url_path_ends_with(&u, "/v1/oauth/tokens"))
			continue;
		lint_report(ctx, c->token_uri, "%s issues no tokens at "
			    "/v1/oauth/tokens. It takes tokens from an "
			    "OpenID provider, so this request answers 404; "
			    "use the provider's token URL, e.g. Keycloak's "
			    "https://<host>/realms/<realm>/protocol/"
			    "openid-connect/token.%s",
			    fe_flavor_info(c->flavor)->title,
			    lint_flavor_note(ctx, c));
	}
}

/* ---- FP222: the warehouse of an AWS endpoint_type ---- */

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* IC SanityCheckGlueWarehouse's five patterns. */
static bool glue_warehouse_ok(const char *w)
{
	const char *colon = strchr(w, ':'), *slash = strchr(w, '/');
	size_t n = strlen(w);

	if (!strcmp(w, ":"))
		return true;
	if (!colon && !slash)
		return n == 12 && all_digits(w, n);
	if (colon && (colon - w != 12 || !all_digits(w, 12)))
		return false;
	if (colon) {
		const char *rest = colon + 1;

		if (!*rest || strchr(rest, ':'))
			return false;
		if (!slash)
			return true;	/* account:catalog */
		/* account:catalog1/catalog2: no ':' after the '/' */
		return slash > rest && slash[1] && !strchr(slash + 1, '/') &&
		       !strchr(slash + 1, ':');
	}
	/* catalog1/catalog2 */
	return slash > w && slash[1] && !strchr(slash + 1, '/');
}

void check_aws_warehouse(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const char *w;
		size_t parts = 1;

		/* an endpoint_type is what makes the extension check it */
		if (!lint_get_ci(c->options, "endpoint_type") ||
		    !(w = lint_render(ctx, c->warehouse)))
			continue;
		if (c->flavor == FE_FLAVOR_GLUE && !glue_warehouse_ok(w))
			lint_report(ctx, c->warehouse, "the attach path '%s' "
				    "is not a Glue catalog. The ATTACH fails "
				    "with \"Invalid Glue Catalog Format\"; "
				    "write ':', a 12-digit account id, "
				    "'<account>:<catalog>', '<catalog1>/"
				    "<catalog2>' or '<account>:<catalog1>/"
				    "<catalog2>'.", w);
		if (c->flavor != FE_FLAVOR_S3_TABLES)
			continue;
		for (const char *p = w; *p; p++)
			parts += *p == ':';
		if (parts != 6 || strncmp(w, "arn:", 4))
			lint_report(ctx, c->warehouse, "the attach path '%s' "
				    "is not an S3 Tables bucket ARN. The ATTACH "
				    "fails with \"Could not parse S3 Tables ARN "
				    "warehouse value\"; write arn:aws:s3tables:"
				    "<region>:<account>:bucket/<name>.", w);
	}
}

/* ---- FP223: Glue's region comes from the S3 secret ---- */

void check_glue_region(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	const struct floe_node *secrets = out->model->secrets;
	const struct floe_node *ucp =
		floe_map_get(out->map, "use_credential_provider");
	const struct floe_node *bad = NULL;
	bool region = false;

	for (size_t i = 0; secrets && secrets->kind == FLOE_NODE_SEQ &&
			   i < secrets->nr; i++) {
		const struct floe_node *e = secrets->items[i];

		if (!lint_secret_type_is(ctx, e, "s3"))
			continue;
		if (lint_get_ci(e, "region"))
			region = true;
		else if (!bad)
			bad = e;
	}
	/* use_credential_provider: aws adds {type: s3, provider:
	 * credential_chain}, which has no region */
	if (!bad && ucp && floe_node_is_str(ucp))
		bad = ucp;
	if (region || !bad)
		return;
	for (size_t i = 0; i < n; i++) {
		if (conns[i].flavor != FE_FLAVOR_GLUE ||
		    !lint_get_ci(conns[i].options, "endpoint_type"))
			continue;
		lint_report(ctx, bad, "the S3 secret the Glue catalog uses "
			    "has no region. The ATTACH fails with \"Assumed "
			    "catalog secret ... does not have a region\", "
			    "since Glue's endpoint is built from it; add "
			    "region: <aws region> to the S3 secret.");
		return;
	}
}

/* ---- FP224: R2 takes an API token ---- */

void check_r2_token(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];

		if (c->flavor != FE_FLAVOR_R2 || c->token ||
		    !(c->client_id || c->client_secret))
			continue;
		lint_report(ctx, c->client_id ? c->client_id
					      : c->client_secret,
			    "R2 Data Catalog takes an API token, not client "
			    "credentials. With client_id/client_secret the "
			    "extension asks /v1/oauth/tokens, which R2 does not "
			    "serve; give token: \"{{ env_var('R2_TOKEN') }}\" "
			    "(an R2 API token with catalog access) instead.%s",
			    lint_flavor_note(ctx, c));
	}
}
