/*
 * The attach entry of a platform catalog: what generate writes under
 * `attach:` and what lint's drift rules (FP214-FP218) expect.  Both ask
 * this module, which sits below both: generate emits the plan, drift
 * compares a profile with it, and neither calls the other.
 *
 * Why each value is what it is (sources in docs/generate.md):
 *  - endpoint: the catalog uri without trailing '/', never ending in /v1
 *    (the iceberg extension appends /v1 itself);
 *  - oauth2_server_uri: always explicit (the implicit fallback is
 *    deprecated by the Iceberg REST spec), endpoint + /v1/oauth/tokens
 *    unless the catalog names an external identity provider;
 *  - access_delegation_mode: always explicit, because DuckDB defaults to
 *    vended_credentials while floe defaults to none.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach_plan.h"
#include "engine/engine.h"
#include "secret.h"
#include "url.h"
#include "utf8.h"

void plan_report(struct plan_ctx *g, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = floe_diags_vaddf(g->diags, sev, FLOE_RULE_NONE, floe_node_loc(g->file, at),
			     fmt, ap);
	va_end(ap);
	if (r)
		g->err = FLOE_ERR_NOMEM;
	else if (sev == FLOE_SEV_ERROR && g->err == FLOE_OK)
		g->err = FLOE_ERR_INPUT;
}

#define ERR(g, at, ...) plan_report(g, FLOE_SEV_ERROR, at, __VA_ARGS__)
#define WARN(g, at, ...) plan_report(g, FLOE_SEV_WARNING, at, __VA_ARGS__)

/*
 * dbt renders every string in profiles.yml as a Jinja template, so a
 * value copied from the platform must not open a Jinja tag: dbt would
 * fail to render it, or render something else.  Returns 0 after an error.
 */
int plan_literal_ok(struct plan_ctx *g, const struct floe_node *at,
		    const char *section, const char *name, const char *field,
		    const char *s)
{
	size_t pos = 0, a, l;

	if (!s)
		return 1;
	/* first: the Jinja message below quotes the value */
	if (floe_secret_conn_next(s, strlen(s), &pos, &a, &l)) {
		ERR(g, at, "%s.%s.%s: the value holds what reads as a "
		    "credential (a URI's user:password@, or a key=value whose "
		    "key names one). generate would copy it into profiles.yml "
		    "in clear text, where lint reports it (FP404); remove it: "
		    "credentials come from secret_ref entries", section, name,
		    field);
		return 0;
	}
	if (!(strstr(s, "{{") || strstr(s, "{%") || strstr(s, "{#")))
		return 1;
	ERR(g, at, "%s.%s.%s: '%s' contains '{{', '{%%' or '{#', which dbt "
	    "would render as Jinja when it reads profiles.yml", section,
	    name, field, s);
	return 0;
}

const char *plan_fmt(struct plan_ctx *g, const char *f, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, f);
	n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0 || !(s = arena_alloc(g->arena, (size_t)n + 1))) {
		g->err = FLOE_ERR_NOMEM;
		return "";
	}
	va_start(ap, f);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

const char *plan_dupn(struct plan_ctx *g, const char *s, size_t n)
{
	char *p = arena_strndup(g->arena, s, n);

	if (!p) {
		g->err = FLOE_ERR_NOMEM;
		return "";
	}
	return p;
}

/* "{{ env_var('NAME') }}" for a secret_ref, by floe's naming rule. */
const char *plan_env_ref(struct plan_ctx *g, const char *ref)
{
	char name[256];
	size_t i;

	for (i = 0; ref[i] && i + 1 < sizeof(name); i++)
		name[i] = ref[i] == '-' ? '_'
			  : (ref[i] >= 'a' && ref[i] <= 'z')
			  ? (char)(ref[i] - 'a' + 'A') : ref[i];
	name[i] = '\0';
	return plan_fmt(g, "{{ env_var('%s') }}", name);
}

/*
 * The test the CLI, the configuration and generate apply to --alias: a
 * name some release refuses is refused, as the profile generate writes
 * may run on any of them.
 */
int floe_is_identifier(const char *s)
{
	return fe_alias_check(s, FE_ANY) == FE_ALIAS_OK;
}

/* ---- the catalog ---- */

static int scope_ok(const char *s)
{
	/*
	 * single-space-separated PRINCIPAL_ROLE:<non-empty>, as lint's FP405
	 * reads it: no empty scope, no second prefix inside a role
	 */
	static const char prefix[] = "PRINCIPAL_ROLE:";
	size_t plen = sizeof(prefix) - 1, len = strlen(s);

	while (len && s[len - 1] == ' ')
		len--;
	if (!len)
		return 0;
	for (size_t i = 0; i <= len;) {
		size_t n = 0;

		while (i + n < len && s[i + n] != ' ')
			n++;
		if (n <= plen || strncmp(s + i, prefix, plen))
			return 0;
		for (size_t k = i + plen + 1; k + plen <= i + n; k++)
			if (!strncmp(s + k, prefix, plen))
				return 0;
		i += n + 1;
	}
	return 1;
}

/* Polaris' management port (health, metrics): lint's FP208 refuses it. */
static int management_port(const struct url *u)
{
	return u->port && u->port_len == 4 && !memcmp(u->port, "8182", 4);
}

/*
 * What lint's FP206 says of a URL written, with its test (src/url.c):
 * plain http to a remote host sends credentials in clear text.
 */
static void plain_http(struct plan_ctx *g, const struct floe_node *at,
		       const char *field, const char *name, const struct url *u,
		       const char *carries)
{
	if (!url_is_plain_http_remote(u))
		return;
	WARN(g, at, "catalogs.%s.%s: plain http to the remote host '%.*s'. "
	     "Over it, %s cross the network in clear text; use https://",
	     name, field, (int)u->host_len, u->host, carries);
}

/*
 * What lint says of the endpoint written (FP207, FP210), said by
 * generate first, with the same tests (src/url.c): a Polaris catalog (its
 * type, or a host naming polaris) served elsewhere than /api/catalog,
 * and upper case in the path, which DuckDB <= 1.5.3 lower-cases.
 */
static void endpoint_shape(struct plan_ctx *g, const struct floe_catalog *c,
			   const char *endpoint)
{
	const struct floe_node *at = c->uri.node;
	struct url u;
	size_t n;

	if (!*endpoint || url_parse(endpoint, &u))
		return;		/* out of memory, or refused above */
	n = url_path_trimmed(&u);
	plain_http(g, at, "uri", c->name, &u,
		   "the bearer token and every catalog answer");
	if ((c->type == FLOE_CATALOG_POLARIS || url_host_names_polaris(&u)) &&
	    !url_path_is_polaris_base(&u)) {
		if (!n)
			WARN(g, at, "catalogs.%s.uri: a Polaris catalog is "
			     "served under '/api/catalog'; '%s' has no path, "
			     "so the token URI '%s/v1/oauth/tokens' will "
			     "probably answer 404", c->name, endpoint,
			     endpoint);
		else
			WARN(g, at, "catalogs.%s.uri: the path '%.*s' does not "
			     "end in /api/catalog. Polaris serves the Iceberg "
			     "REST API there, so the config and token requests "
			     "will probably answer 404 (taken for Polaris "
			     "because %s)", c->name, (int)n, u.path,
			     c->type == FLOE_CATALOG_POLARIS
			     ? "the catalog is of type polaris"
			     : "its host names polaris");
	}
	if (url_path_has_upper(&u)) {
		char *low = arena_strndup(g->arena, endpoint, strlen(endpoint));

		if (!low) {
			g->err = FLOE_ERR_NOMEM;
			return;
		}
		for (char *p = low + (u.path - endpoint); *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		WARN(g, at, "catalogs.%s.uri: the path has upper-case letters. "
		     "DuckDB's iceberg extension lower-cases the endpoint up "
		     "to 1.5.3 and then asks for another URL (404 or 401); "
		     "write '%s', "
		     "or use DuckDB >= 1.5.4", c->name, low);
	}
}

/*
 * A URL with credentials before its host (user:password@, or a user part
 * alone, which may be a token): generate would copy them into the
 * profile in clear text, so it refuses them, and never prints the URL.
 */
static bool has_userinfo(struct plan_ctx *g, const struct floe_node *at,
			 const char *name, const char *field,
			 const struct url *u)
{
	size_t from;

	if (!url_userinfo_secret(u, &from))
		return false;
	ERR(g, at, "catalogs.%s.%s: the URL holds credentials before its "
	    "host (user:password@). generate would copy them into "
	    "profiles.yml in clear text; remove them, the catalog's "
	    "credentials come from 'credentials' (secret_ref)", name, field);
	return true;
}

/*
 * Check a literal catalog URL; on success returns the endpoint to write
 * (trailing '/' and every trailing /v1 removed).
 */
static const char *endpoint_of(struct plan_ctx *g, const struct floe_catalog *c)
{
	const char *uri = c->uri.text;
	const struct floe_node *at = c->uri.node;
	const char *endpoint;
	struct url u;
	size_t n;
	int bad;

	if (strpbrk(uri, " \t\r\n")) {
		ERR(g, at, "catalogs.%s.uri: the URL contains white space",
		    c->name);
		return NULL;
	}
	bad = url_parse(uri, &u);
	if (has_userinfo(g, at, c->name, "uri", &u) ||
	    !plan_literal_ok(g, at, "catalogs", c->name, "uri", uri))
		return NULL;
	if (bad && u.has_scheme) {
		ERR(g, at, "catalogs.%s.uri: '%s' has no host", c->name, uri);
		return NULL;
	}
	if (!u.has_scheme) {
		ERR(g, at, "catalogs.%s.uri: '%s' has no scheme; write "
		    "'https://%s' (or 'http://' for a local catalog) so the "
		    "client secret is not sent in clear text by accident",
		    c->name, uri, uri);
		return NULL;
	}
	if (strcmp(u.scheme, "http") && strcmp(u.scheme, "https")) {
		ERR(g, at, "catalogs.%s.uri: the scheme '%s' is not http or "
		    "https", c->name, u.scheme);
		return NULL;
	}
	if (!u.host_len) {
		ERR(g, at, "catalogs.%s.uri: '%s' has no host", c->name, uri);
		return NULL;
	}
	if (!url_port_ok(&u)) {
		ERR(g, at, "catalogs.%s.uri: the port '%.*s' is not a TCP port "
		    "(1 to 65535)", c->name,
		    (int)utf8_cut(u.port, u.port_len, 20), u.port);
		return NULL;
	}
	if (management_port(&u)) {
		ERR(g, at, "catalogs.%s.uri: port 8182 is Polaris' management "
		    "port (health and metrics), not the catalog, and answers "
		    "404; use 8181", c->name);
		return NULL;
	}
	if (u.has_query) {
		ERR(g, at, "catalogs.%s.uri: a catalog URL takes no query or "
		    "fragment", c->name);
		return NULL;
	}
	/* as lint's FP203: /oauth/tokens anywhere in the path */
	if (url_path_ends_with(&u, "/v1/config") ||
	    strstr(u.path, "/oauth/tokens")) {
		ERR(g, at, "catalogs.%s.uri: '%s' is a REST route, not the "
		    "catalog base URL (for Polaris: "
		    "http(s)://<host>:8181/api/catalog)", c->name, uri);
		return NULL;
	}
	n = url_path_trimmed(&u);
	if (url_path_ends_with(&u, "/v1")) {
		/* every trailing /v1 (.../v1/v1 too), and the slashes */
		endpoint = plan_dupn(g, uri, url_catalog_base(uri, &u));
		WARN(g, at, "catalogs.%s.uri: the path ends in '/v1', which "
		     "the DuckDB iceberg extension appends itself "
		     "('.../v1/v1/config' would fail); using '%s'", c->name,
		     endpoint);
	} else {
		endpoint = plan_dupn(g, uri, (size_t)(u.path - uri) + n);
	}
	endpoint_shape(g, c, endpoint);
	return endpoint;
}

static const char *token_uri_of(struct plan_ctx *g, const struct floe_catalog *c,
				const char *endpoint)
{
	for (size_t i = 0; i < c->nr_properties; i++) {
		const struct floe_prop *p = &c->properties[i];
		struct url u;

		if (strcmp(p->key, "oauth2-server-uri"))
			continue;
		int bad = url_parse(p->value, &u);

		if (has_userinfo(g, p->value_node, c->name,
				 "properties.oauth2-server-uri", &u) ||
		    !plan_literal_ok(g, p->value_node, "catalogs", c->name,
				     "properties.oauth2-server-uri", p->value))
			return NULL;
		if (bad || !u.has_scheme ||
		    (strcmp(u.scheme, "http") && strcmp(u.scheme, "https"))) {
			ERR(g, p->value_node, "catalogs.%s.properties."
			    "oauth2-server-uri: expected an http(s) URL, "
			    "found '%s'", c->name, p->value);
			return NULL;
		}
		if (!url_port_ok(&u)) {
			ERR(g, p->value_node, "catalogs.%s.properties."
			    "oauth2-server-uri: the port '%.*s' is not a TCP "
			    "port (1 to 65535)", c->name,
			    (int)utf8_cut(u.port, u.port_len, 20), u.port);
			return NULL;
		}
		if (management_port(&u)) {
			ERR(g, p->value_node, "catalogs.%s.properties."
			    "oauth2-server-uri: port 8182 is Polaris' "
			    "management port (health and metrics), not the "
			    "token endpoint, and answers 404; use 8181",
			    c->name);
			return NULL;
		}
		plain_http(g, p->value_node, "properties.oauth2-server-uri",
			   c->name, &u, "the client id and secret of its "
			   "Basic header");
		return p->value;
	}
	return plan_fmt(g, "%s/v1/oauth/tokens", endpoint);
}

void plan_catalog(struct plan_ctx *g, const struct floe_catalog *c,
		  struct attach_entry *pl)
{
	const struct floe_credentials *cr = &c->credentials;
	const struct floe_node *cat_at = c->name_node;

	if (c->type != FLOE_CATALOG_POLARIS && c->type != FLOE_CATALOG_REST) {
		ERR(g, c->type_node, "catalogs.%s.type: '%s' is not an "
		    "Iceberg REST catalog; the generator supports 'polaris' "
		    "and 'rest'", c->name, c->type_node->value);
		return;
	}

	pl->warehouse = c->warehouse;
	/* as lint's FP307: a URL, an absolute path or a file: location */
	if (c->warehouse && !*c->warehouse)
		ERR(g, c->warehouse_node, "catalogs.%s.warehouse is empty; "
		    "the warehouse is the catalog's name in Polaris (an empty "
		    "one answers 400 'Please specify a warehouse')", c->name);
	else if (c->warehouse && (strstr(c->warehouse, "://") ||
				  *c->warehouse == '/' ||
				  !strncasecmp(c->warehouse, "file:", 5)))
		ERR(g, c->warehouse_node, "catalogs.%s.warehouse: '%s' looks "
		    "like a storage location; the warehouse is the catalog's "
		    "name in Polaris (a location answers 404 'Unable to find "
		    "warehouse')", c->name, c->warehouse);
	plan_literal_ok(g, c->warehouse_node, "catalogs", c->name, "warehouse",
		   c->warehouse);

	/*
	 * The binder refuses a file without these, so generation never
	 * starts; the checks keep this function safe on its own.
	 */
	if (c->uri.kind == FLOE_VALUE_UNSET || !c->warehouse) {
		ERR(g, cat_at, "catalogs.%s needs a uri and a warehouse",
		    c->name);
		return;
	}
	if (c->uri.kind == FLOE_VALUE_SECRET_REF) {
		/* Stays a reference: a secret is never resolved into the file. */
		pl->endpoint = plan_env_ref(g, c->uri.text);
		pl->token_uri = token_uri_of(g, c, pl->endpoint);
	} else if (c->uri.kind == FLOE_VALUE_LITERAL) {
		pl->endpoint = endpoint_of(g, c);
		if (pl->endpoint)
			pl->token_uri = token_uri_of(g, c, pl->endpoint);
	}

	if (cr->client_id.kind == FLOE_VALUE_UNSET ||
	    cr->client_secret.kind == FLOE_VALUE_UNSET) {
		ERR(g, cr->node ? cr->node : cat_at,
		    "catalogs.%s.credentials: an inline ATTACH needs OAuth2 "
		    "client credentials (mode: oauth2, client_id, "
		    "client_secret: {secret_ref: NAME})", c->name);
		return;
	}
	if (cr->mode != FLOE_CRED_OAUTH2)
		WARN(g, cr->mode_node ? cr->mode_node : cr->node,
		     "catalogs.%s.credentials.mode is not 'oauth2', but "
		     "client credentials are given; using them for OAuth2",
		     c->name);
	pl->client_id = cr->client_id.kind == FLOE_VALUE_SECRET_REF
			? plan_env_ref(g, cr->client_id.text) : cr->client_id.text;
	if (cr->client_id.kind == FLOE_VALUE_LITERAL)
		plan_literal_ok(g, cr->client_id.node, "catalogs", c->name,
			   "credentials.client_id", cr->client_id.text);
	pl->client_secret = plan_env_ref(g, cr->client_secret.text);

	if (!cr->scope) {
		pl->scope = "PRINCIPAL_ROLE:ALL";
		WARN(g, cr->node, "catalogs.%s.credentials.scope is not set; "
		     "using 'PRINCIPAL_ROLE:ALL', which activates every role "
		     "of the principal (set a narrower scope)", c->name);
	} else if (c->type == FLOE_CATALOG_POLARIS && !scope_ok(cr->scope)) {
		ERR(g, cr->scope_node, "catalogs.%s.credentials.scope: '%s' "
		    "is not 'PRINCIPAL_ROLE:<role>' (space-separated); "
		    "Polaris answers invalid_scope", c->name, cr->scope);
	} else if (plan_literal_ok(g, cr->scope_node, "catalogs", c->name,
			      "credentials.scope", cr->scope)) {
		pl->scope = cr->scope;
	}

	switch (c->access_delegation) {
	case FLOE_DELEGATION_NONE:
		pl->delegation = "none";
		break;
	case FLOE_DELEGATION_VENDED:
		pl->delegation = "vended_credentials";
		break;
	case FLOE_DELEGATION_REMOTE_SIGNING:
		ERR(g, c->access_delegation_node, "catalogs.%s."
		    "access_delegation: 'remote-signing' is not supported by "
		    "DuckDB's iceberg extension (use 'vended-credentials' or "
		    "'none')", c->name);
		break;
	}
}

static char *dup_or_null(const char *s, enum floe_err *err)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*err = FLOE_ERR_NOMEM;
	return d;
}

enum floe_err floe_gen_attach(const struct floe_platform *p,
			      const char *catalog, struct floe_gen_attach *out)
{
	struct floe_diags scratch = FLOE_DIAGS_INIT;
	struct plan_ctx g;
	struct attach_entry pl;
	const struct floe_catalog *c = NULL;
	enum floe_err err;

	memset(out, 0, sizeof(*out));
	memset(&pl, 0, sizeof(pl));
	if (catalog)
		c = floe_platform_catalog(p, catalog);
	else if (!(c = floe_platform_catalog(p, "default")) &&
		 p->nr_catalogs == 1)
		c = &p->catalogs[0];
	if (!c)
		return FLOE_ERR_INPUT;
	g.diags = &scratch;	/* the platform was checked when loaded */
	g.arena = arena_new();
	g.file = p->file;
	g.err = FLOE_OK;
	if (!g.arena)
		return FLOE_ERR_NOMEM;
	plan_catalog(&g, c, &pl);
	err = g.err;
	if (err == FLOE_OK) {
		out->catalog = c;
		out->warehouse = dup_or_null(pl.warehouse, &err);
		out->endpoint = dup_or_null(pl.endpoint, &err);
		out->token_uri = dup_or_null(pl.token_uri, &err);
		out->client_id = dup_or_null(pl.client_id, &err);
		out->client_secret = dup_or_null(pl.client_secret, &err);
		out->scope = dup_or_null(pl.scope, &err);
		out->delegation = dup_or_null(pl.delegation, &err);
		if (err != FLOE_OK)
			floe_gen_attach_release(out);
	}
	arena_free(g.arena);
	floe_diags_release(&scratch);
	return err;
}

void floe_gen_attach_release(struct floe_gen_attach *a)
{
	free(a->warehouse);
	free(a->endpoint);
	free(a->token_uri);
	free(a->client_id);
	free(a->client_secret);
	free(a->scope);
	free(a->delegation);
	memset(a, 0, sizeof(*a));
}
