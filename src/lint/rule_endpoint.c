/*
 * Rules about the catalog endpoint and the OAuth2 token URI
 * (FP201-FP213).
 *
 * Every check reads the connections of an output (lint_conns): an iceberg
 * attach item, whose endpoint and token URI may come from a named iceberg
 * secret, or floe's Polaris plugin, which passes catalog_uri as ENDPOINT
 * and derives OAUTH2_SERVER_URI = catalog_uri + /v1/oauth/tokens.  Values
 * are judged as dbt would render them; one that cannot be rendered
 * statically is never reported.
 *
 * What the iceberg extension does with the URLs (IC v1.4-andium, see
 * docs/rules.md): it right-trims '/' from ENDPOINT and lower-cases it up
 * to DuckDB 1.5.3 (engine row endpoint_lowercased), appends /v1 itself,
 * prepends http:// to a URL without a scheme, and splits
 * OAUTH2_SERVER_URI on '/' dropping empty parts.  Under SigV4 the
 * endpoint is a host signed for, always https without a scheme, and up
 * to 1.5.2 it must have none (sigv4_endpoint_scheme_breaks, FP225); an
 * endpoint_type replaces the endpoint written.
 *
 * A URL's userinfo (user:password@) is split off by url_parse and the
 * checks run on the host, port and path; every URL a message shows has
 * its password masked (render_url).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "engine/engine.h"
#include "engine/flavor.h"
#include "rules.h"
#include "secret.h"
#include "strbuf.h"
#include "url.h"
#include "utf8.h"


static const char token_route[] = "/v1/oauth/tokens";

/* ---- helpers ---- */

/* A URL value as dbt renders it, split into its parts. */
struct rurl {
	const char *text;	/* as shown: its password masked */
	const char *raw;	/* as rendered: never in a message */
	struct url u;
};

/*
 * s with the secret part of its userinfo (url_userinfo_secret) replaced
 * by ***, parsed again into *u; s itself without userinfo, NULL when out
 * of memory.  Messages show URLs: a password must never be one of them.
 */
static const char *masked_url(struct lint_ctx *ctx, const char *s,
			      struct url *u)
{
	struct strbuf sb = STRBUF_INIT;
	size_t from, n = url_userinfo_secret(u, &from), at;
	char *d;

	if (!n)
		return s;
	at = (size_t)(u->userinfo - s) + from;
	if (strbuf_add(&sb, s, at) || strbuf_adds(&sb, FLOE_SECRET_MASK) ||
	    strbuf_adds(&sb, s + at + n)) {
		ctx->err = FLOE_ERR_NOMEM;
		strbuf_release(&sb);
		return NULL;
	}
	d = arena_strndup(ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	if (!d || url_parse(d, u)) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	return d;
}

/*
 * False when the value is absent, cannot be rendered or has no host.
 * r->text is the rendered URL with its password masked, r->u its parts.
 */
static bool render_url(struct lint_ctx *ctx, const struct floe_node *n,
		       struct rurl *r)
{
	r->raw = lint_url(ctx, n, &r->u);
	r->text = r->raw ? masked_url(ctx, r->raw, &r->u) : NULL;
	return r->text != NULL;
}

/* A YAML null or false: dbt-duckdb drops such an option. */
static bool dropped_value(const struct floe_node *v)
{
	return v && v->kind == FLOE_NODE_SCALAR &&
	       (v->type == FLOE_TYPE_NULL ||
		(v->type == FLOE_TYPE_BOOL && !floe_node_true(v)));
}

static bool dropped(const struct floe_pair *p)
{
	return dropped_value(p->value);
}

/* How the extension uses the endpoint written. */
enum ep_use {
	EP_UNKNOWN = -1,	/* authorization_type cannot be rendered */
	EP_REST,		/* OAuth2 or none: an http(s) base URL */
	EP_SIGV4,		/* authorization_type sigv4: a host signed for */
	EP_REPLACED		/* an endpoint_type builds its own endpoint */
};

static enum ep_use endpoint_use(struct lint_ctx *ctx, const struct lint_conn *c)
{
	const struct floe_pair *p;
	const char *s;

	if (c->kind == LINT_CONN_PLUGIN)
		return EP_REST;		/* floe's Polaris plugin: OAuth2 */
	p = c->endpoint_type;
	if (p && !dropped(p))
		return EP_REPLACED;	/* S3OrGlueAttachInternal */
	p = c->authorization_type;
	if (!p || dropped(p))
		return EP_REST;
	s = lint_render(ctx, p->value);
	if (!s)
		return EP_UNKNOWN;
	return !strcasecmp(s, "sigv4") ? EP_SIGV4 : EP_REST;
}

/*
 * The endpoint of a connection, as render_url; false also when an
 * endpoint_type replaces it (the extension never uses the one written).
 */
static bool render_endpoint(struct lint_ctx *ctx, const struct lint_conn *c,
			    struct rurl *r)
{
	return endpoint_use(ctx, c) != EP_REPLACED &&
	       render_url(ctx, c->endpoint, r);
}

static const char *endpoint_name(const struct lint_conn *c)
{
	return c->kind == LINT_CONN_PLUGIN ? "catalog_uri" : "endpoint";
}

static char *dupn(struct lint_ctx *ctx, const char *s, size_t n)
{
	char *d = arena_strndup(ctx->arena, s, n);

	if (!d)
		ctx->err = FLOE_ERR_NOMEM;
	return d;
}

static bool is_http_scheme(const struct url *u)
{
	return !strcmp(u->scheme, "http") || !strcmp(u->scheme, "https");
}

/* The port in use (url_port_in_use), as a string; NULL if out of memory. */
static const char *port_of(struct lint_ctx *ctx, const struct url *u)
{
	size_t n;
	const char *p = url_port_in_use(u, &n);

	return dupn(ctx, p, n);
}

static bool has_port(const struct url *u)
{
	return u->port && u->port_len;
}

/*
 * A path with repeated '/' collapsed and trailing '/' removed, then
 * `suffix`, in the ctx arena (NULL when out of memory).
 */
static char *norm_path(struct lint_ctx *ctx, const char *p, size_t len,
		       const char *suffix)
{
	size_t o = 0, n = strlen(suffix);
	char *d = arena_alloc_uninit(ctx->arena, len + n + 1);

	if (!d) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	for (size_t i = 0; i < len; i++)
		if (p[i] != '/' || !o || d[o - 1] != '/')
			d[o++] = p[i];
	while (o && d[o - 1] == '/')
		o--;
	memcpy(d + o, suffix, n + 1);
	return d;
}

/* The rendered URL without its trailing '/' (itself if out of memory). */
static const char *trimmed(struct lint_ctx *ctx, const char *s)
{
	size_t n = strlen(s);
	const char *d;

	while (n && s[n - 1] == '/')
		n--;
	d = dupn(ctx, s, n);
	return d ? d : s;
}

/*
 * Does the connection ask a token endpoint for a token with its client
 * credentials?  1 yes, 0 no (SigV4, no auth, a fixed token), -1 unknown
 * (authorization_type cannot be rendered).
 */
static int token_request(struct lint_ctx *ctx, const struct lint_conn *c)
{
	const struct floe_pair *p;
	const char *s;

	if (c->kind == LINT_CONN_PLUGIN)
		return 1;
	if (c->token || c->endpoint_type)
		return 0;
	p = c->authorization_type;
	if (!p)
		return 1;
	s = lint_render(ctx, p->value);
	if (!s)
		return -1;
	return !strcasecmp(s, "oauth2");
}

/*
 * The REST route an endpoint wrongly ends in (FP203), or NULL; *cut is
 * where the base URL ends in the rendered text.
 */
static const char *rest_route(const struct rurl *r, size_t *cut)
{
	const struct url *u = &r->u;
	size_t off = (size_t)(u->path - r->text), n = url_path_trimmed(u);
	const char *route = NULL;
	size_t base = 0;

	if (!u->path_len)
		return NULL;
	for (size_t i = 0; i + 13 <= n; i++)
		if (!memcmp(u->path + i, "/oauth/tokens", 13)) {
			route = "/oauth/tokens";
			base = i >= 3 && !memcmp(u->path + i - 3, "/v1", 3)
			       ? i - 3 : i;
			break;
		}
	if (!route && url_path_ends_with(u, "/v1/config")) {
		route = "/v1/config";
		base = n - 10;
	} else if (!route && url_path_ends_with(u, "/v1")) {
		route = "/v1";
		base = n - 3;
	}
	if (!route)
		return NULL;
	while (base && u->path[base - 1] == '/')
		base--;
	*cut = off + base;
	return route;
}

/* ---- FP201 and FP202: the token URI against the endpoint ---- */

/*
 * Does --platform declare this token URI (catalog property
 * oauth2-server-uri, which generate writes as is)?  Then a token
 * endpoint elsewhere, an external identity provider, is intended.  The
 * same URL written otherwise is the same (url_same_token_uri).
 */
static bool platform_token_uri(struct lint_ctx *ctx, const char *tok)
{
	const struct floe_catalog *c = ctx->catalog;

	for (size_t i = 0; c && i < c->nr_properties; i++) {
		const char *v = c->properties[i].value;

		if (v && !strcmp(c->properties[i].key, "oauth2-server-uri") &&
		    url_same_token_uri_text(tok, v))
			return true;
	}
	return false;
}

/* Both URLs of a connection that asks for a token, parsed. */
static bool token_pair(struct lint_ctx *ctx, const struct lint_conn *c,
		       struct rurl *ep, struct rurl *tok)
{
	return c->token_uri && token_request(ctx, c) == 1 &&
	       render_endpoint(ctx, c, ep) &&
	       render_url(ctx, c->token_uri, tok) &&
	       !platform_token_uri(ctx, tok->raw);
}

/* A port for a message: "'8181'", or "'443' (the https default)". */
static const char *port_desc(struct lint_ctx *ctx, const struct url *u)
{
	const char *p = port_of(ctx, u);
	struct strbuf sb = STRBUF_INIT;
	const char *d;

	if (!p)
		return "?";
	if (has_port(u) ? strbuf_addf(&sb, "'%s'", p)
			: strbuf_addf(&sb, "'%s' (the %s default)", p,
				      url_scheme_in_use(u))) {
		ctx->err = FLOE_ERR_NOMEM;
		strbuf_release(&sb);
		return "?";
	}
	d = dupn(ctx, sb.buf, sb.len);
	strbuf_release(&sb);
	return d ? d : "?";
}

/*
 * Which of scheme, port and path of the token URI differ from what the
 * endpoint gives, as one sentence in `sb`; returns how many differ.
 * Each part is url_same_token_uri's (src/url.c), which FP214 asks whole.
 */
static unsigned token_diff(struct lint_ctx *ctx, const struct url *ep,
			   const struct url *tok, struct strbuf *sb)
{
	const char *es = url_scheme_in_use(ep), *ts = url_scheme_in_use(tok);
	/* the path the endpoint gives */
	char *want = norm_path(ctx, ep->path, ep->path_len, token_route);
	char *tok_path;
	const char *part[3][3];
	unsigned nr = 0;

	if (!want)
		return 0;
	if (strcmp(es, ts)) {
		part[nr][0] = "scheme";
		part[nr][1] = ts;
		part[nr++][2] = es;
	}
	/* two implicit ports differ only with the scheme, said above */
	if ((has_port(ep) || has_port(tok)) && !url_same_port(ep, tok)) {
		part[nr][0] = "port";
		part[nr][1] = port_desc(ctx, tok);
		part[nr++][2] = port_desc(ctx, ep);
	}
	if (!url_same_path(tok->path, tok->path_len, want, strlen(want))) {
		tok_path = norm_path(ctx, tok->path, tok->path_len, "");
		if (!tok_path)
			return 0;
		part[nr][0] = "path";
		part[nr][1] = *tok_path ? tok_path : "/";
		part[nr++][2] = want;
	}
	for (unsigned i = 0; i < nr; i++) {
		bool quote = strcmp(part[i][0], "port") != 0;

		if (!part[i][1] || !part[i][2])
			return 0;	/* out of memory */
		if (strbuf_addf(sb, "%s%s %s%s%s is not the endpoint's %s%s%s",
				!i ? "Its "
				: i + 1 < nr ? ", its " : " and its ",
				part[i][0], quote ? "'" : "", part[i][1],
				quote ? "'" : "", quote ? "'" : "", part[i][2],
				quote ? "'" : ""))
			ctx->err = FLOE_ERR_NOMEM;
	}
	return ctx->err == FLOE_OK ? nr : 0;
}

void check_token_uri_mismatch(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		struct rurl ep, tok;
		struct strbuf sb = STRBUF_INIT;
		size_t cut;

		if (!lint_flavor_has(&conns[i], FE_FLAVOR_TOKEN_AT_ENDPOINT) ||
		    lint_pair_fact(ctx, conns[i].endpoint, conns[i].token_uri,
				   LINT_PF_TOKEN_URI) == 1 ||
		    !token_pair(ctx, &conns[i], &ep, &tok))
			continue;
		/* from here, the verdict is one of the two URLs' texts:
		 * another host is FP202's, a wrong endpoint FP203's */
		if (!url_same_host(&ep.u, &tok.u) || rest_route(&ep, &cut) ||
		    !token_diff(ctx, &ep.u, &tok.u, &sb)) {
			if (!ctx->err)
				lint_pair_fact_set(ctx, conns[i].endpoint,
						   conns[i].token_uri,
						   LINT_PF_TOKEN_URI, true);
		} else {
			lint_report(ctx, conns[i].token_uri, "the token URI "
				    "does not match the endpoint. %s. %s "
				    "issues tokens at <endpoint>%s, so the "
				    "token request goes to the wrong server "
				    "or route (404 or 401) and the ATTACH "
				    "fails; use '%s%s'%s", sb.buf,
				    fe_flavor_info(conns[i].flavor)->title,
				    token_route, trimmed(ctx, ep.text),
				    token_route, lint_flavor_note(ctx,
								  &conns[i]));
		}
		strbuf_release(&sb);
	}
}

void check_external_idp(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		struct rurl ep, tok;

		/* Lakekeeper, Nessie, ...: tokens come from an IdP anyway */
		if (!lint_flavor_has(&conns[i], FE_FLAVOR_TOKEN_AT_ENDPOINT) ||
		    lint_pair_fact(ctx, conns[i].endpoint, conns[i].token_uri,
				   LINT_PF_TOKEN_HOST) == 1 ||
		    !token_pair(ctx, &conns[i], &ep, &tok))
			continue;
		/* one host: a verdict of the two URLs' texts */
		if (url_same_host(&ep.u, &tok.u)) {
			lint_pair_fact_set(ctx, conns[i].endpoint,
					   conns[i].token_uri,
					   LINT_PF_TOKEN_HOST, true);
			continue;
		}
		lint_report(ctx, conns[i].token_uri, "the token URI's host "
			    "'%.*s' is not the catalog's '%.*s'. That is right "
			    "only when Polaris uses an external identity provider "
			    "(polaris.authentication.type=external), "
			    "otherwise the token request asks the wrong "
			    "server; use '%s%s', or suppress this line with "
			    "'# floe-profiles: disable=FP202' when the IdP is "
			    "intended%s", (int)tok.u.host_len, tok.u.host,
			    (int)ep.u.host_len, ep.u.host,
			    trimmed(ctx, ep.text), token_route,
			    lint_flavor_note(ctx, &conns[i]));
	}
}

/* ---- FP203-FP210: the shape of each URL ---- */

void check_endpoint_rest_route(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const char *name = endpoint_name(&conns[i]), *route, *base;
		const char *plugin;
		struct rurl ep;
		size_t cut;

		if (!render_endpoint(ctx, &conns[i], &ep) ||
		    !(route = rest_route(&ep, &cut)))
			continue;
		base = dupn(ctx, ep.text, cut);
		if (!base)
			return;
		/* floe's plugin also derives its token URI from it */
		plugin = conns[i].kind == LINT_CONN_PLUGIN
			 ? " (and the plugin's token URI, derived from it, "
			   "is wrong too)" : "";
		if (!strcmp(route, "/v1"))
			lint_report(ctx, conns[i].endpoint, "the %s ends in "
				    "'/v1', which DuckDB's iceberg extension "
				    "appends itself. It requests '%s/v1/config'"
				    " and gets 404%s; use '%s'", name,
				    trimmed(ctx, ep.text), plugin, base);
		else
			lint_report(ctx, conns[i].endpoint, "the %s contains "
				    "the REST route '%s' and is not the "
				    "catalog's base URL. The iceberg extension "
				    "appends /v1/config to it and gets 404%s; "
				    "use '%s'", name, route, plugin, base);
	}
}

static bool endpoint_is_option(const struct lint_conn *c);

void check_endpoint_trailing_slash(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		struct rurl ep;
		size_t len;

		if (!render_endpoint(ctx, &conns[i], &ep))
			continue;
		len = strlen(ep.text);
		if (!len || ep.text[len - 1] != '/')
			continue;
		/*
		 * The ATTACH option is right-trimmed (RTrim, irc_catalog.cpp
		 * at 1c0c4c6); an iceberg secret's endpoint is used as written
		 * (oauth2.cpp L153 at 1c0c4c6, L292 at 4008894), and the
		 * extension adds "/v1" to it.
		 */
		if (endpoint_is_option(&conns[i]))
			lint_report(ctx, conns[i].endpoint, "the %s ends with "
				    "'/'. DuckDB trims it, but a token URI or "
				    "platform uri derived from it gets a double "
				    "slash; write '%s'", endpoint_name(&conns[i]),
				    trimmed(ctx, ep.text));
		else
			lint_report(ctx, conns[i].endpoint, "the %s ends with "
				    "'/'. DuckDB uses an iceberg secret's "
				    "endpoint as written, so every request gets "
				    "a double slash ('...//v1/config'), which "
				    "some servers refuse; write '%s'",
				    endpoint_name(&conns[i]),
				    trimmed(ctx, ep.text));
	}
}

/*
 * The release span of an engine row as "1.5.2" (its last) and "1.5.3"
 * (the first known release after it; "" when none): for messages.
 */
static void behavior_bounds(const char *row, char last[FE_VERSION_BUF],
			    char next[FE_VERSION_BUF])
{
	unsigned first = 0, end = 0;

	last[0] = next[0] = '\0';
	if (!fe_iceberg_behavior_span(row, &first, &end))
		return;
	fe_version_str(end, last);
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *r = fe_release_at(i);

		if (r->version > end && !(r->flags & FE_REL_UNRELEASED)) {
			fe_version_str(r->version, next);
			return;
		}
	}
}

/* Does a scheme on this SigV4 endpoint break the ATTACH (FP225's)? */
static bool sigv4_scheme_breaks(const struct lint_ctx *ctx)
{
	return fe_iceberg_behavior("sigv4_endpoint_scheme_breaks",
				   ctx->duckdb_version);
}

static void scheme_check(struct lint_ctx *ctx, const struct floe_node *n,
			 const char *what, enum ep_use use)
{
	struct rurl r;

	if (!render_url(ctx, n, &r))
		return;
	if (!r.u.has_scheme) {
		/* SigV4 is https without a scheme (IC aws.cpp BuildURI,
		 * DetectScheme): only an http base URL gets http:// */
		if (use == EP_REST)
			lint_report(ctx, n, "the %s '%s' has no scheme. The "
				    "iceberg extension silently prepends "
				    "http://, so the client id and secret may "
				    "cross the network in clear text; write "
				    "'https://%s' (or 'http://' for a local "
				    "catalog)", what, r.text, r.text);
	} else if (!is_http_scheme(&r.u) &&
		   !(use == EP_SIGV4 && sigv4_scheme_breaks(ctx))) {
		lint_report(ctx, n, "the %s's scheme '%s' is not http or "
			    "https. They are the only ones the iceberg "
			    "extension speaks; write 'https://...'", what,
			    r.u.scheme);
	}
}

void check_url_missing_scheme(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		enum ep_use use = endpoint_use(ctx, &conns[i]);

		if (use == EP_REPLACED)
			continue;
		scheme_check(ctx, conns[i].endpoint,
			     endpoint_name(&conns[i]), use);
		/* no token request under SigV4 */
		if (use != EP_SIGV4)
			scheme_check(ctx, conns[i].token_uri, "token URI",
				     use);
	}
}

/* ---- FP225: a scheme on a SigV4 endpoint, up to DuckDB 1.5.2 ---- */

void check_sigv4_endpoint_scheme(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	char last[FE_VERSION_BUF], next[FE_VERSION_BUF];

	if (!sigv4_scheme_breaks(ctx))
		return;
	behavior_bounds("sigv4_endpoint_scheme_breaks", last, next);
	for (size_t i = 0; i < n; i++) {
		struct rurl ep;
		const char *bare;
		size_t service, authority;
		struct strbuf upgrade = STRBUF_INIT;

		if (endpoint_use(ctx, &conns[i]) != EP_SIGV4 ||
		    !render_endpoint(ctx, &conns[i], &ep) ||
		    !ep.u.has_scheme)
			continue;
		/* what GetAwsService and DecomposeHost read: the text up
		 * to the first '.', and up to the first '/' */
		service = strcspn(ep.text, ".");
		authority = strcspn(ep.text, "/");
		/* the host and path: a userinfo is no part of the fix */
		bare = trimmed(ctx, ep.u.host);
		if (*next && strbuf_addf(&upgrade, ", or use DuckDB >= %s, "
					 "which strips an http:// or https://",
					 next)) {
			ctx->err = FLOE_ERR_NOMEM;
			strbuf_release(&upgrade);
			return;
		}
		lint_report(ctx, conns[i].endpoint, "the SigV4 endpoint has a "
			    "scheme, which DuckDB <= %s cannot use. Its "
			    "iceberg extension takes the endpoint as a bare "
			    "host and always uses https: for '%s' it signs for "
			    "the service '%.*s' and connects to '%.*s', so the "
			    "ATTACH fails; write '%s'%s", last, ep.text,
			    (int)service, ep.text, (int)authority, ep.text,
			    bare, upgrade.len ? upgrade.buf : "");
		strbuf_release(&upgrade);
	}
}

static void http_check(struct lint_ctx *ctx, const struct floe_node *n,
		       const char *what, const char *carries)
{
	struct rurl r;

	/* a fact of the value's text (its rendering) */
	if (lint_value_fact(ctx, n, LINT_VF_NO_PLAIN_HTTP) == 1)
		return;
	if (!render_url(ctx, n, &r) || !url_is_plain_http_remote(&r.u)) {
		if (!ctx->err)
			lint_value_fact_set(ctx, n, LINT_VF_NO_PLAIN_HTTP,
					    true);
		return;
	}
	lint_report(ctx, n, "the %s uses plain http to the remote host "
		    "'%.*s'. Over it, %s cross the network in clear text; use "
		    "https://", what, (int)r.u.host_len, r.u.host, carries);
}

void check_plain_http_remote(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		enum ep_use use = endpoint_use(ctx, c);

		if (use == EP_REPLACED)
			continue;
		if (use == EP_SIGV4) {
			/* up to 1.5.2 the scheme itself fails: FP225 */
			if (!sigv4_scheme_breaks(ctx))
				http_check(ctx, c->endpoint,
					   endpoint_name(c), "the signed "
					   "catalog requests (with the AWS "
					   "session token, if any) and every "
					   "catalog answer");
			continue;
		}
		http_check(ctx, c->endpoint, endpoint_name(c),
			   c->token_uri ? "the bearer token and every "
					  "catalog answer"
					: "the client id and secret (sent to "
					  "the token route derived from it) "
					  "and the bearer token");
		http_check(ctx, c->token_uri, "token URI",
			   "the client id and secret of its Basic header");
	}
}

void check_polaris_base_path(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const char *why, *name = endpoint_name(&conns[i]);
		struct rurl ep;
		size_t cut, len, off;

		if (!render_endpoint(ctx, &conns[i], &ep) ||
		    rest_route(&ep, &cut))
			continue;	/* FP203 says what to remove */
		if (conns[i].flavor != FE_FLAVOR_POLARIS ||
		    url_path_is_polaris_base(&ep.u))
			continue;
		/* the note is built only for a finding: it is text */
		why = lint_flavor_note(ctx, &conns[i]);
		len = url_path_trimmed(&ep.u);
		off = (size_t)(ep.u.path - ep.text);
		if (!len)
			lint_report(ctx, conns[i].endpoint, "the %s has no "
				    "path, but Polaris serves the Iceberg REST "
				    "API under /api/catalog. The config and "
				    "token requests answer 404; use '%.*s/api/"
				    "catalog'%s",
				    name, (int)off, ep.text, why);
		else
			lint_report(ctx, conns[i].endpoint, "the %s's path "
				    "'%.*s' does not end in /api/catalog. "
				    "Polaris serves the Iceberg REST API "
				    "there, so the config and token requests "
				    "answer 404; use e.g. '%.*s/api/catalog'"
				    "%s", name,
				    (int)len, ep.u.path, (int)off, ep.text,
				    why);
	}
}

static void port_check(struct lint_ctx *ctx, const struct lint_conn *c,
		       const struct floe_node *n, const char *what)
{
	struct rurl r;

	if (!lint_flavor_has(c, FE_FLAVOR_MANAGEMENT_8182) ||
	    !render_url(ctx, n, &r) || r.u.port_len != 4 ||
	    memcmp(r.u.port, "8182", 4))
		return;
	lint_report(ctx, n, "the %s is on port 8182, Polaris' management "
		    "port (health and metrics), not the catalog. The "
		    "requests answer 404; use port 8181 (or your service's "
		    "catalog port)%s", what, lint_flavor_note(ctx, c));
}

void check_polaris_management_port(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		port_check(ctx, &conns[i], conns[i].endpoint,
			   endpoint_name(&conns[i]));
		port_check(ctx, &conns[i], conns[i].token_uri, "token URI");
	}
}

/* ---- FP226 ---- */

static void url_port_check(struct lint_ctx *ctx, const struct floe_node *n,
			   const struct rurl *r, const char *what)
{
	if (url_port_ok(&r->u))
		return;
	lint_report(ctx, n, "the %s's port '%.*s' is not a TCP port (1 to "
		    "65535). The connection fails or reaches another port; "
		    "write the catalog's port", what,
		    (int)utf8_cut(r->u.port, r->u.port_len, 20), r->u.port);
}

void check_url_port(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		struct rurl r;

		/* an endpoint_type's endpoint is its own */
		if (render_endpoint(ctx, c, &r))
			url_port_check(ctx, c->endpoint, &r,
				       endpoint_name(c));
		if (render_url(ctx, c->token_uri, &r))
			url_port_check(ctx, c->token_uri, &r, "token URI");
	}
}

void check_token_uri_missing(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	char last[FE_VERSION_BUF], next[FE_VERSION_BUF];
	bool bounds = false;	/* last and next, found when first said */

	for (size_t i = 0; i < n; i++) {
		const struct lint_conn *c = &conns[i];
		const char *fallback = "<endpoint>", *base = "<endpoint>";
		struct rurl ep;
		size_t cut;

		/*
		 * Only inline OAuth2 options make the extension build the
		 * token request from the attach; without any it looks up an
		 * iceberg secret, which has its own oauth2_server_uri.
		 */
		if (c->kind != LINT_CONN_ATTACH || !c->endpoint ||
		    c->token_uri || c->secret || token_request(ctx, c) != 1 ||
		    !(c->client_id || c->client_secret || c->scope ||
		      lint_get_ci(c->options, "oauth2_grant_type")))
			continue;
		if (render_endpoint(ctx, c, &ep)) {
			fallback = trimmed(ctx, ep.text);
			/* suggest the token URI of the corrected endpoint */
			base = rest_route(&ep, &cut) ? dupn(ctx, ep.text, cut)
						     : fallback;
			if (!base)
				return;
		}
		if (!bounds)
			behavior_bounds("endpoint_lowercased", last, next);
		bounds = true;
		lint_report_on(ctx, c->item, "oauth2_server_uri", c->endpoint,
			       "no oauth2_server_uri. The iceberg extension "
			       "falls back to '%s%s', a route the Iceberg "
			       "REST spec deprecates for removal (DuckDB <= "
			       "%s also lower-cases it); add "
			       "oauth2_server_uri: %s%s", fallback,
			       token_route, last, base, token_route);
	}
}

/*
 * Is the endpoint the ATTACH option ENDPOINT (or the plugin's, which it
 * passes as one)?  One from an ICEBERG secret is used as written.
 */
static bool endpoint_is_option(const struct lint_conn *c)
{
	const struct floe_pair *p;

	if (c->kind == LINT_CONN_PLUGIN)
		return true;
	p = lint_get_ci(c->options, "endpoint");
	return p && p->value == c->endpoint;
}

void check_endpoint_uppercase(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n = lint_conns(ctx, out, &conns);
	char last[FE_VERSION_BUF], next[FE_VERSION_BUF];

	/* only the releases that lower-case it (endpoint_lowercased) */
	if (!fe_iceberg_behavior("endpoint_lowercased", ctx->duckdb_version))
		return;
	behavior_bounds("endpoint_lowercased", last, next);
	for (size_t i = 0; i < n; i++) {
		struct rurl ep;
		char *low;

		if (!endpoint_is_option(&conns[i]) ||
		    !render_endpoint(ctx, &conns[i], &ep) ||
		    !url_path_has_upper(&ep.u))
			continue;
		low = dupn(ctx, ep.text, strlen(ep.text));
		if (!low)
			return;
		ascii_lower_str(low);
		lint_report(ctx, conns[i].endpoint, "the %s has upper-case "
			    "letters in its path. DuckDB's iceberg extension "
			    "lower-cases the endpoint up to %s and then "
			    "asks for another URL (404 or 401); write '%s'%s%s",
			    endpoint_name(&conns[i]), last, low,
			    *next ? ", or use DuckDB >= " : "", next);
	}
}

/* ---- FP211-FP213: the profile against the platform (--platform) ---- */

/* Same catalog server: scheme, host, port and path (trailing '/' aside). */
static bool same_catalog_url(const struct url *a, const struct url *b)
{
	size_t la = url_path_trimmed(a), lb = url_path_trimmed(b);

	return !strcmp(url_scheme_in_use(a), url_scheme_in_use(b)) &&
	       url_same_host(a, b) && url_same_port(a, b) && la == lb &&
	       !memcmp(a->path, b->path, la);
}

/*
 * The catalog base of a URL: every trailing /v1 removed, as generate
 * does with a platform uri (url_catalog_base()).  False when it has no
 * host.
 */
static bool catalog_base(struct lint_ctx *ctx, const char *text,
			 struct url *u)
{
	struct rurl r;
	size_t cut;
	const char *route, *base;

	r.text = r.raw = text;
	if (url_parse(text, &r.u))
		return false;
	route = rest_route(&r, &cut);
	if (!route || strcmp(route, "/v1")) {
		*u = r.u;
		return true;
	}
	(void)cut;
	base = dupn(ctx, text, url_catalog_base(text, &r.u));
	return base && !url_parse(base, u);
}

/* FP211 against a secret_ref uri: only an env_var() alone compares. */
static void endpoint_vs_secret(struct lint_ctx *ctx,
			       const struct lint_conn *c,
			       const struct floe_value *uri)
{
	struct lint_jinja j;
	char *env;

	lint_jinja_scan(ctx, c->endpoint, &j);
	if (j.nr_env != 1 || j.has_text || j.has_other || j.has_filter ||
	    j.malformed || !j.first_env)
		return;		/* a literal URL: the secret is unknown */
	env = floe_secret_env_name(uri->text);
	if (!env) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	if (strcmp(env, j.first_env))
		lint_report(ctx, c->endpoint, "the %s reads the env var '%s', "
			    "not the one of the platform catalog's uri. That "
			    "uri is the secret_ref '%s' (%s), which floe reads "
			    "from '%s': the profile may connect to another catalog; write "
			    "\"{{ env_var('%s') }}\"", endpoint_name(c),
			    j.first_env, uri->text,
			    lint_platform_at(ctx, uri->node), env, env);
	free(env);
}

/* FP211 against a literal uri. */
static void endpoint_vs_literal(struct lint_ctx *ctx,
				const struct lint_conn *c,
				const struct floe_value *uri)
{
	struct rurl ep;
	struct url pe, pp;
	const char *shown;

	/* the /v1 the extension adds itself is FP203's */
	if (!render_endpoint(ctx, c, &ep) ||
	    !catalog_base(ctx, ep.text, &pe) ||
	    !catalog_base(ctx, uri->text, &pp) ||
	    same_catalog_url(&pe, &pp))
		return;
	/* the platform's uri is shown too: without its password */
	if (url_parse(uri->text, &pp) ||
	    !(shown = masked_url(ctx, uri->text, &pp)))
		return;
	lint_report(ctx, c->endpoint, "the %s is not the platform catalog's "
		    "uri, so the profile connects to another catalog. It is "
		    "'%s', the platform's is '%s' (%s); regenerate the "
		    "profile with floe-profiles generate, or correct the uri",
		    endpoint_name(c), ep.text, shown,
		    lint_platform_at(ctx, uri->node));
}

/*
 * The connection meant for the platform catalog (by alias, warehouse, or
 * the only one); the others of the output may be other catalogs.
 */
static const struct lint_conn *platform_conn(struct lint_ctx *ctx,
					     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t n;

	if (!ctx->catalog)
		return NULL;
	n = lint_conns(ctx, out, &conns);
	return lint_platform_conn(ctx, conns, n);
}

void check_platform_endpoint(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *c = platform_conn(ctx, out);
	const struct floe_value *uri;

	if (!c || !c->endpoint)
		return;
	uri = &ctx->catalog->uri;
	if (!uri->text)
		return;
	if (uri->kind == FLOE_VALUE_SECRET_REF)
		endpoint_vs_secret(ctx, c, uri);
	else if (uri->kind == FLOE_VALUE_LITERAL)
		endpoint_vs_literal(ctx, c, uri);
}

void check_platform_warehouse(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct lint_conn *c = platform_conn(ctx, out);
	const char *want, *wh;

	if (!c || !ctx->catalog->warehouse)
		return;
	want = ctx->catalog->warehouse;
	wh = lint_render(ctx, c->warehouse);
	if (!wh || !strcmp(wh, want))
		return;
	lint_report(ctx, c->warehouse, "the %s '%s' is not the platform "
		    "catalog's warehouse '%s'. Polaris reads it as the "
		    "catalog name, so it answers 404 \"Unable to find "
		    "warehouse\" or reaches another catalog; use '%s' (the "
		    "platform's, %s)",
		    c->kind == LINT_CONN_PLUGIN ? "plugin's warehouse"
						: "attach path",
		    wh, want, want,
		    lint_platform_at(ctx, ctx->catalog->warehouse_node));
}

/* Next space-separated word of *s, or 0 at the end. */
static size_t next_word(const char **s)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
	return strcspn(*s, " \t");
}

static size_t count_word(const char *s, const char *w, size_t wn)
{
	size_t nr = 0, n;

	for (; (n = next_word(&s)) != 0; s += n)
		nr += n == wn && !memcmp(s, w, n);
	return nr;
}

/* Polaris reads a scope as a set of space-separated roles. */
static bool same_scope(const char *a, const char *b)
{
	const char *p = a;
	size_t n, na = 0, nb = 0;

	for (const char *q = b; (n = next_word(&q)) != 0; q += n)
		nb++;
	for (; (n = next_word(&p)) != 0; p += n) {
		na++;
		if (count_word(a, p, n) != count_word(b, p, n))
			return false;
	}
	return na == nb;
}

/*
 * The scope the extension asks for when the profile gives none: only an
 * ATTACH that builds its own secret from inline client credentials and
 * requests a token (a named secret may carry a scope or a refresh_token
 * of its own); NULL otherwise.
 */
static const char *default_scope(struct lint_ctx *ctx,
				 const struct lint_conn *c)
{
	if (c->secret || (!c->client_id && !c->client_secret) ||
	    token_request(ctx, c) != 1)
		return NULL;
	return fe_iceberg_option_default("oauth2_scope", ctx->duckdb_version,
					 FE_CATALOG_REST);
}

/* A secret's parameter as dbt-duckdb passes it: present and not None. */
static const struct floe_node *secret_param(const struct floe_node *sec,
					    const char *name)
{
	const struct floe_pair *p = lint_get_ci(sec, name);

	return p && !(p->value->kind == FLOE_NODE_SCALAR &&
		      p->value->type == FLOE_TYPE_NULL) ? p->value : NULL;
}

/*
 * FP213 for an ATTACH that takes its token from an iceberg secret: the
 * scope is the one CREATE SECRET requested the token with, the secret's
 * oauth2_scope or, left out, the extension's default
 * (CreateCatalogSecretFunction; fe_iceberg_option_default()).  A secret
 * with a token requests none, one with a refresh_token sends no scope
 * unless given (from 23c7cc5, 1.5.0), and one without client_id and
 * client_secret fails (FP402, FP403's).
 */
static void secret_scope(struct lint_ctx *ctx, const struct floe_node *sec,
			 const char *want)
{
	const struct floe_node *sc = secret_param(sec, "oauth2_scope");
	const char *got;

	if (secret_param(sec, "token"))
		return;
	if (!sc) {
		if (secret_param(sec, "refresh_token") ||
		    !secret_param(sec, "client_id") ||
		    !secret_param(sec, "client_secret"))
			return;
		got = fe_iceberg_option_default("oauth2_scope",
						ctx->duckdb_version,
						FE_CATALOG_REST);
		if (!got || same_scope(got, want))
			return;
		lint_report(ctx, sec, "this iceberg secret, which the "
			    "ATTACH uses, has no oauth2_scope. CREATE SECRET "
			    "then asks for the iceberg extension's default "
			    "'%s', not the platform's '%s', so the token "
			    "would carry other principal roles than the "
			    "platform grants and the run sees other data or "
			    "is refused; add oauth2_scope: '%s' to the secret "
			    "(the platform's, %s)", got, want, want,
			    lint_platform_at(ctx,
					ctx->catalog->credentials.scope_node));
		return;
	}
	if (!floe_node_is_str(sc) || !(got = lint_render(ctx, sc)) ||
	    same_scope(got, want))
		return;
	lint_report(ctx, sc, "the oauth2_scope '%s' is not the platform's "
		    "'%s'. The token would carry other "
		    "principal roles than the platform grants, so the run sees "
		    "other data or is refused; use '%s' (the platform's, %s)",
		    got, want, want,
		    lint_platform_at(ctx, ctx->catalog->credentials.scope_node));
}

void check_platform_scope(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct lint_conn *c = platform_conn(ctx, out);
	const char *want, *got;

	/* floe's plugin does not pass its scope to the ATTACH */
	if (!c || c->kind != LINT_CONN_ATTACH ||
	    !ctx->catalog->credentials.scope)
		return;
	want = ctx->catalog->credentials.scope;
	/* nothing inline: the scope is where the extension reads it, in
	 * the iceberg secret it looks up (SigV4 and none read none) */
	if (c->auth_secret) {
		if (token_request(ctx, c) == 1)
			secret_scope(ctx, c->auth_secret, want);
		return;
	}
	/* a YAML null or false, which dbt-duckdb drops, is left out */
	if (!c->scope || dropped_value(c->scope)) {
		got = default_scope(ctx, c);
		if (!got || same_scope(got, want))
			return;
		lint_report(ctx, c->scope ? c->scope : c->options,
			    "the profile asks for '%s' but the platform grants "
			    "'%s'. Without oauth2_scope DuckDB's iceberg "
			    "extension requests its default scope, so the token "
			    "would carry other principal roles than the "
			    "platform grants and the run sees other data or is "
			    "refused; add oauth2_scope: '%s' (the platform's, "
			    "%s)", got, want, want,
			    lint_platform_at(ctx,
					ctx->catalog->credentials.scope_node));
		return;
	}
	got = lint_render(ctx, c->scope);
	if (!got || same_scope(got, want))
		return;
	lint_report(ctx, c->scope, "the oauth2_scope '%s' is not the platform's "
		    "'%s'. The token would carry other "
		    "principal roles than the platform grants, so the run sees "
		    "other data or is refused; use '%s' (the platform's, %s)",
		    got, want, want,
		    lint_platform_at(ctx, ctx->catalog->credentials.scope_node));
}
