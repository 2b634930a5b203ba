/*
 * Generate a dbt-duckdb profiles.yml from bound platform files.
 *
 * Two passes per target: plan() checks everything and resolves every
 * value into a struct plan; emit_target() only writes.  Nothing is
 * produced when any target has an error, so a broken platform file can
 * never yield a half-right profile.
 *
 * Why each value is what it is (sources in docs/generate.md):
 *  - endpoint: the catalog uri without trailing '/', never ending in /v1
 *    (the iceberg extension appends /v1 itself);
 *  - oauth2_server_uri: always explicit (the implicit fallback is
 *    deprecated by the Iceberg REST spec), endpoint + /v1/oauth/tokens
 *    unless the catalog names an external identity provider;
 *  - access_delegation_mode: always explicit, because DuckDB defaults to
 *    vended_credentials while floe defaults to none;
 *  - no `settings:` that DuckDB refuses after the ATTACH (dbt-duckdb
 *    runs `settings` as SET on every cursor, after the ATTACH).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "engine/engine.h"
#include "floe/generate.h"
#include "floe/lint.h"
#include "strbuf.h"
#include "url.h"
#include "yaml_emit.h"

struct setting {
	const char *key;
	const char *value;
};

#define MAX_SETTINGS 8

struct plan {
	const char *target;
	const char *path;
	long long threads;
	struct setting settings[MAX_SETTINGS];
	size_t nr_settings;
	int need_aws;			/* credential_chain needs `aws` */

	const char *warehouse;
	const char *alias;
	const char *endpoint;
	const char *token_uri;
	const char *client_id;
	const char *client_secret;
	const char *scope;
	const char *delegation;
	const char *default_region;

	int s3_secret;
	const char *s3_region;
	const char *s3_endpoint;	/* host[:port] or env_var; NULL = AWS */
	int s3_path_style;
	const char *s3_use_ssl;		/* "true", "false" or NULL */
	int s3_chain;			/* provider: credential_chain */
};

struct gen {
	const struct floe_gen_options *opt;
	struct floe_diags *diags;
	struct arena *arena;
	const char *file;		/* the platform file being planned */
	enum floe_err err;
};

static void report(struct gen *g, enum floe_severity sev,
		   const struct floe_node *at, const char *fmt, ...)
	FLOE_PRINTF(4, 5);
static void report(struct gen *g, enum floe_severity sev,
		   const struct floe_node *at, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = floe_diags_vaddf(g->diags, sev, NULL, floe_node_loc(g->file, at),
			     fmt, ap);
	va_end(ap);
	if (r)
		g->err = FLOE_ERR_NOMEM;
	else if (sev == FLOE_SEV_ERROR && g->err == FLOE_OK)
		g->err = FLOE_ERR_INPUT;
}

#define ERR(g, at, ...) report(g, FLOE_SEV_ERROR, at, __VA_ARGS__)
#define WARN(g, at, ...) report(g, FLOE_SEV_WARNING, at, __VA_ARGS__)

/*
 * dbt renders every string in profiles.yml as a Jinja template, so a
 * value copied from the platform must not open a Jinja tag: dbt would
 * fail to render it, or render something else.  Returns 0 after an error.
 */
static int jinja_free(struct gen *g, const struct floe_node *at,
		      const char *section, const char *name,
		      const char *field, const char *s)
{
	if (!s || !(strstr(s, "{{") || strstr(s, "{%") || strstr(s, "{#")))
		return 1;
	ERR(g, at, "%s.%s.%s: '%s' contains '{{', '{%%' or '{#', which dbt "
	    "would render as Jinja when it reads profiles.yml", section,
	    name, field, s);
	return 0;
}

static const char *fmt(struct gen *g, const char *f, ...) FLOE_PRINTF(2, 3);
static const char *fmt(struct gen *g, const char *f, ...)
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

static const char *dupn(struct gen *g, const char *s, size_t n)
{
	char *p = arena_strndup(g->arena, s, n);

	if (!p) {
		g->err = FLOE_ERR_NOMEM;
		return "";
	}
	return p;
}

/* "{{ env_var('NAME') }}" for a secret_ref, by floe's naming rule. */
static const char *env_ref(struct gen *g, const char *ref)
{
	char name[256];
	size_t i;

	for (i = 0; ref[i] && i + 1 < sizeof(name); i++)
		name[i] = ref[i] == '-' ? '_'
			  : (ref[i] >= 'a' && ref[i] <= 'z')
			  ? (char)(ref[i] - 'a' + 'A') : ref[i];
	name[i] = '\0';
	return fmt(g, "{{ env_var('%s') }}", name);
}

/* The test the CLI, the configuration and generate apply to --alias. */
int floe_is_identifier(const char *s)
{
	return fe_alias_check(s, FE_DUCKDB_DEFAULT) == FE_ALIAS_OK;
}

/* ---- choosing entries ---- */

static const char *entry_names(struct gen *g, const char *const *names,
			       size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < n; i++)
		if (strbuf_addf(&sb, "%s'%s'", i ? ", " : "", names[i]))
			g->err = FLOE_ERR_NOMEM;
	s = dupn(g, sb.buf, sb.len);
	strbuf_release(&sb);
	return n ? s : "none";
}

/*
 * The entry `want`, else "default", else the only one.  Returns its index
 * or -1; `required` makes "nothing to choose" an error.  Errors point at
 * the section's key (or the top of the file when there is none).
 */
static long choose(struct gen *g, const struct floe_platform *p,
		   const char *section, const char *want,
		   const char *const *names, size_t n, int required,
		   const char *option)
{
	const struct floe_pair *sec = floe_map_pair(p->doc->root, section);
	struct floe_node top;
	const struct floe_node *at = &top;

	memset(&top, 0, sizeof(top));
	top.start.line = top.start.column = 1;
	top.end = top.start;
	if (sec)
		at = sec->key;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], want ? want : "default"))
			return (long)i;
	if (!want && n == 1)
		return 0;
	if (want)
		ERR(g, at, "%s: there is no entry named '%s' (the file has "
		    "%s)", section, want, entry_names(g, names, n));
	else if (n > 1 || required)
		ERR(g, at, "%s: %s; choose one with %s (the file has %s)",
		    section, n ? "there is no entry named 'default'"
			       : "the section is missing or empty",
		    option, entry_names(g, names, n));
	return -1;
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
 * Check a literal catalog URL; on success returns the endpoint to write
 * (trailing '/' and a trailing /v1 removed).
 */
static const char *endpoint_of(struct gen *g, const struct floe_catalog *c)
{
	const char *uri = c->uri.text;
	const struct floe_node *at = c->uri.node;
	struct url u;
	size_t n;

	if (strpbrk(uri, " \t\r\n")) {
		ERR(g, at, "catalogs.%s.uri: the URL contains white space",
		    c->name);
		return NULL;
	}
	if (!jinja_free(g, at, "catalogs", c->name, "uri", uri))
		return NULL;
	if (url_parse(uri, &u) && u.has_scheme) {
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
		size_t base = (size_t)(u.path - uri) + n - 3;
		const char *fixed;

		while (base && uri[base - 1] == '/')
			base--;
		fixed = dupn(g, uri, base);
		WARN(g, at, "catalogs.%s.uri: the path ends in '/v1', which "
		     "the DuckDB iceberg extension appends itself "
		     "('.../v1/v1/config' would fail); using '%s'", c->name,
		     fixed);
		return fixed;
	}
	if (c->type == FLOE_CATALOG_POLARIS && n == 0)
		WARN(g, at, "catalogs.%s.uri: a Polaris catalog is served "
		     "under '/api/catalog'; '%s' has no path, so the token "
		     "URI '%s/v1/oauth/tokens' will probably answer 404",
		     c->name, uri, uri);
	return dupn(g, uri, (size_t)(u.path - uri) + n);
}

static const char *token_uri_of(struct gen *g, const struct floe_catalog *c,
				const char *endpoint)
{
	for (size_t i = 0; i < c->nr_properties; i++) {
		const struct floe_prop *p = &c->properties[i];
		struct url u;

		if (strcmp(p->key, "oauth2-server-uri"))
			continue;
		if (url_parse(p->value, &u) || !u.has_scheme ||
		    (strcmp(u.scheme, "http") && strcmp(u.scheme, "https"))) {
			ERR(g, p->value_node, "catalogs.%s.properties."
			    "oauth2-server-uri: expected an http(s) URL, "
			    "found '%s'", c->name, p->value);
			return NULL;
		}
		if (!jinja_free(g, p->value_node, "catalogs", c->name,
				"properties.oauth2-server-uri", p->value))
			return NULL;
		if (management_port(&u)) {
			ERR(g, p->value_node, "catalogs.%s.properties."
			    "oauth2-server-uri: port 8182 is Polaris' "
			    "management port (health and metrics), not the "
			    "token endpoint, and answers 404; use 8181",
			    c->name);
			return NULL;
		}
		return p->value;
	}
	return fmt(g, "%s/v1/oauth/tokens", endpoint);
}

static void plan_catalog(struct gen *g, const struct floe_catalog *c,
			 struct plan *pl)
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
	jinja_free(g, c->warehouse_node, "catalogs", c->name, "warehouse",
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
		pl->endpoint = env_ref(g, c->uri.text);
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
			? env_ref(g, cr->client_id.text) : cr->client_id.text;
	if (cr->client_id.kind == FLOE_VALUE_LITERAL)
		jinja_free(g, cr->client_id.node, "catalogs", c->name,
			   "credentials.client_id", cr->client_id.text);
	pl->client_secret = env_ref(g, cr->client_secret.text);

	if (!cr->scope) {
		pl->scope = "PRINCIPAL_ROLE:ALL";
		WARN(g, cr->node, "catalogs.%s.credentials.scope is not set; "
		     "using 'PRINCIPAL_ROLE:ALL', which activates every role "
		     "of the principal (set a narrower scope)", c->name);
	} else if (c->type == FLOE_CATALOG_POLARIS && !scope_ok(cr->scope)) {
		ERR(g, cr->scope_node, "catalogs.%s.credentials.scope: '%s' "
		    "is not 'PRINCIPAL_ROLE:<role>' (space-separated); "
		    "Polaris answers invalid_scope", c->name, cr->scope);
	} else if (jinja_free(g, cr->scope_node, "catalogs", c->name,
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

/* ---- compute ---- */

/*
 * The compute properties generate copies into `settings` (its choice;
 * each is a DuckDB setting SET accepts at any time, which the engine
 * tests hold it to).  What DuckDB refuses is the engine's to say.
 */
static const char *const runtime_settings[] = {
	"memory_limit", "max_memory", "temp_directory",
	"max_temp_directory_size", "preserve_insertion_order", NULL
};

/* A YAML bool as true/false; -1 for a value that is not a scalar. */
static int yaml_bool_true(const struct floe_node *v)
{
	return strchr("yYtT", v->value[0]) ||
	       (v->len == 2 && strchr("oO", v->value[0]));
}

/*
 * A property value as DuckDB reads it in `SET name = '<value>'`: 1, 0,
 * or -1 when it is not a boolean (the same reading as lint's FP102).
 */
static int setting_truth(const struct floe_node *v)
{
	if (v->kind != FLOE_NODE_SCALAR)
		return -1;
	if (v->type == FLOE_TYPE_BOOL)
		return yaml_bool_true(v);
	if (v->type == FLOE_TYPE_INT)
		return strcmp(v->value, "0") != 0;
	return fe_duckdb_bool(v->value);
}

/* DuckDB setting names are case-insensitive. */
static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcasecmp(s, list[i]))
			return 1;
	return 0;
}

static void plan_compute(struct gen *g, const struct floe_compute *c,
			 struct plan *pl)
{
	const struct floe_node *props;

	pl->path = ":memory:";
	pl->threads = 4;
	if (!c)
		return;
	props = c->properties;
	if (c->type != FLOE_COMPUTE_DUCKDB) {
		ERR(g, c->type_node, "compute.%s.type is '%s'; floe-profiles "
		    "writes dbt-duckdb profiles only (choose a duckdb entry "
		    "with --compute)", c->name, c->type_node->value);
		return;
	}
	for (size_t i = 0; props && i < props->nr; i++) {
		const struct floe_node *k = props->pairs[i].key;
		const struct floe_node *v = props->pairs[i].value;
		const char *key = k->value;

		if (!floe_node_is_str(k))
			continue;
		if (!strcmp(key, "path")) {
			if (!floe_node_is_str(v) || !v->len)
				ERR(g, v, "compute.%s.properties.path: "
				    "expected a file path or ':memory:', "
				    "found %s", c->name,
				    floe_node_describe(v));
			else if (jinja_free(g, v, "compute", c->name,
					    "properties.path", v->value))
				pl->path = v->value;
		} else if (!strcmp(key, "threads")) {
			long long t;

			if (floe_node_int(v, &t) || t < 1 || t > 1024)
				ERR(g, v, "compute.%s.properties.threads: "
				    "expected an integer from 1 to 1024, "
				    "found %s%s%s%s", c->name,
				    floe_node_describe(v),
				    v->kind == FLOE_NODE_SCALAR ? " '" : "",
				    v->kind == FLOE_NODE_SCALAR ? v->value
								: "",
				    v->kind == FLOE_NODE_SCALAR ? "'" : "");
			else
				pl->threads = t;
		} else if (fe_setting_refusal(key, setting_truth(v),
					      FE_DUCKDB_DEFAULT)) {
			ERR(g, k, "compute.%s.properties.%s: dbt-duckdb "
			    "applies settings with SET after the catalog "
			    "ATTACH, and DuckDB refuses to change this one "
			    "then (secret-manager and start-up settings); it "
			    "is never written to the profile (set it in "
			    "dbt's config_options by hand if you really need "
			    "it)", c->name, key);
		} else if (in_list(key, runtime_settings)) {
			if (pl->nr_settings == MAX_SETTINGS)
				continue;
			if (v->kind != FLOE_NODE_SCALAR ||
			    v->type == FLOE_TYPE_NULL) {
				ERR(g, v, "compute.%s.properties.%s: expected "
				    "a scalar, found %s", c->name, key,
				    floe_node_describe(v));
				continue;
			}
			if (!jinja_free(g, v, "compute", c->name,
					fmt(g, "properties.%s", key), v->value))
				continue;
			pl->settings[pl->nr_settings].key = key;
			pl->settings[pl->nr_settings].value =
				v->type == FLOE_TYPE_BOOL
				? (yaml_bool_true(v) ? "true" : "false")
				: v->value;
			pl->nr_settings++;
		} else {
			WARN(g, k, "compute.%s.properties: '%s' is not used "
			     "by the generator and is ignored", c->name, key);
		}
	}
}

/* ---- storage ---- */

static void plan_storage(struct gen *g, const struct floe_storage *s,
			 const struct floe_catalog *c, struct plan *pl)
{
	const struct floe_credentials *cr = &s->credentials;

	if (c->access_delegation == FLOE_DELEGATION_VENDED) {
		/* Polaris hands out S3 credentials; give DuckDB the region. */
		if (s->type == FLOE_STORAGE_S3 && s->region && *s->region &&
		    jinja_free(g, s->name_node, "storage", s->name, "region",
			       s->region))
			pl->default_region = s->region;
		return;
	}
	if (s->type != FLOE_STORAGE_S3) {
		WARN(g, s->name_node, "storage.%s: only s3 storage gets a "
		     "DuckDB secret; reading '%s' tables needs credentials "
		     "you configure yourself", s->name,
		     s->type == FLOE_STORAGE_GCS ? "gcs"
		     : s->type == FLOE_STORAGE_AZURE ? "azure" : "local");
		return;
	}
	if (!jinja_free(g, s->name_node, "storage", s->name, "region",
			s->region))
		return;
	pl->s3_secret = 1;
	pl->s3_region = s->region;
	pl->s3_path_style = s->path_style_access;
	pl->s3_chain = cr->mode == FLOE_CRED_IAM_ROLE ||
		       cr->mode == FLOE_CRED_SERVICE_ACCOUNT;
	pl->need_aws = pl->s3_chain;

	if (s->endpoint.kind == FLOE_VALUE_SECRET_REF) {
		pl->s3_endpoint = env_ref(g, s->endpoint.text);
		WARN(g, s->endpoint.node, "storage.%s.endpoint is a secret "
		     "reference; DuckDB expects host:port there, without a "
		     "scheme, so set the variable accordingly", s->name);
	} else if (s->endpoint.kind == FLOE_VALUE_LITERAL &&
		   *s->endpoint.text) {
		struct url u;

		if (!jinja_free(g, s->endpoint.node, "storage", s->name,
				"endpoint", s->endpoint.text))
			return;
		if (url_parse(s->endpoint.text, &u)) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: '%s' "
			    "has no host", s->name, s->endpoint.text);
			return;
		}
		if (u.has_scheme && strcmp(u.scheme, "http") &&
		    strcmp(u.scheme, "https")) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: the "
			    "scheme '%s' is not http or https", s->name,
			    u.scheme);
			return;
		}
		if (url_path_trimmed(&u) || u.has_query)
			WARN(g, s->endpoint.node, "storage.%s.endpoint: "
			     "DuckDB takes only host:port; the path of '%s' "
			     "is dropped", s->name, s->endpoint.text);
		pl->s3_endpoint = dupn(g, u.host, u.host_len +
				       (u.port ? u.port_len + 1 : 0));
		if (u.has_scheme)
			pl->s3_use_ssl = strcmp(u.scheme, "https") ? "false"
								   : "true";
		else
			WARN(g, s->endpoint.node, "storage.%s.endpoint: '%s' "
			     "has no scheme; DuckDB will use https", s->name,
			     s->endpoint.text);
	}
}

/* ---- one target ---- */

static void plan_target(struct gen *g, const struct floe_gen_target *t,
			struct plan *pl)
{
	const struct floe_platform *p = t->platform;
	size_t most = p->nr_catalogs > p->nr_compute ? p->nr_catalogs
						     : p->nr_compute;
	const char **names;
	const struct floe_catalog *cat;
	const struct floe_compute *comp = NULL;
	long i;
	size_t n;

	memset(pl, 0, sizeof(*pl));
	g->file = p->file;
	pl->target = t->name;
	pl->alias = g->opt->alias ? g->opt->alias : FLOE_GEN_DEFAULT_ALIAS;
	if (p->nr_storage > most)
		most = p->nr_storage;
	names = arena_alloc(g->arena, (most ? most : 1) * sizeof(*names));
	if (!names) {
		g->err = FLOE_ERR_NOMEM;
		return;
	}

	n = p->nr_catalogs;
	for (size_t k = 0; k < n; k++)
		names[k] = p->catalogs[k].name;
	i = choose(g, p, "catalogs", g->opt->catalog, names, n, 1,
		   "--catalog");
	if (i < 0)
		return;
	cat = &p->catalogs[i];

	n = p->nr_compute;
	for (size_t k = 0; k < n; k++)
		names[k] = p->compute[k].name;
	if (n || g->opt->compute) {
		i = choose(g, p, "compute", g->opt->compute, names, n, 1,
			   "--compute");
		if (i < 0)
			return;
		comp = &p->compute[i];
	}

	plan_catalog(g, cat, pl);
	plan_compute(g, comp, pl);

	n = p->nr_storage;
	for (size_t k = 0; k < n; k++)
		names[k] = p->storage[k].name;
	/* With vended credentials storage only supplies the region: an
	 * ambiguous choice then just leaves default_region out. */
	if (!g->opt->storage && cat->access_delegation ==
	    FLOE_DELEGATION_VENDED && n > 1 && !floe_platform_storage(p,
								      "default"))
		return;
	i = choose(g, p, "storage", g->opt->storage, names, n, 0,
		   "--storage");
	if (i >= 0)
		plan_storage(g, &p->storage[i], cat, pl);
	else if (!g->opt->storage &&
		 cat->access_delegation != FLOE_DELEGATION_VENDED && !n)
		WARN(g, cat->name_node, "the platform has no storage entry "
		     "and catalogs.%s does not vend credentials; DuckDB will "
		     "have no S3 credentials to read table data", cat->name);
}

/* ---- emitting ---- */

static void emit_target(struct yemit *e, const struct plan *pl)
{
	yemit_str(e, pl->target);
	yemit_map_start(e);
	yemit_kv(e, "type", "duckdb");
	yemit_kv(e, "path", pl->path);
	yemit_kv_int(e, "threads", pl->threads);

	yemit_str(e, "extensions");
	yemit_seq_start(e);
	yemit_str(e, "httpfs");
	yemit_str(e, "iceberg");
	if (pl->need_aws)
		yemit_str(e, "aws");
	yemit_seq_end(e);

	if (pl->nr_settings) {
		yemit_str(e, "settings");
		yemit_map_start(e);
		for (size_t i = 0; i < pl->nr_settings; i++)
			yemit_kv(e, pl->settings[i].key,
				 pl->settings[i].value);
		yemit_map_end(e);
	}

	if (pl->s3_secret) {
		yemit_str(e, "secrets");
		yemit_seq_start(e);
		yemit_map_start(e);
		yemit_kv(e, "type", "s3");
		if (pl->s3_chain)
			yemit_kv(e, "provider", "credential_chain");
		yemit_kv(e, "region", pl->s3_region);
		if (pl->s3_endpoint)
			yemit_kv(e, "endpoint", pl->s3_endpoint);
		if (pl->s3_path_style)
			yemit_kv(e, "url_style", "path");
		if (pl->s3_use_ssl)
			yemit_kv(e, "use_ssl", pl->s3_use_ssl);
		if (!pl->s3_chain) {
			yemit_kv(e, "key_id",
				 "{{ env_var('AWS_ACCESS_KEY_ID') }}");
			yemit_kv(e, "secret",
				 "{{ env_var('AWS_SECRET_ACCESS_KEY') }}");
		}
		yemit_map_end(e);
		yemit_seq_end(e);
	}

	yemit_str(e, "attach");
	yemit_seq_start(e);
	yemit_map_start(e);
	yemit_kv(e, "path", pl->warehouse);
	yemit_kv(e, "alias", pl->alias);
	yemit_kv(e, "type", "iceberg");
	yemit_str(e, "options");
	yemit_map_start(e);
	yemit_kv(e, "endpoint", pl->endpoint);
	yemit_kv(e, "oauth2_server_uri", pl->token_uri);
	yemit_kv(e, "client_id", pl->client_id);
	yemit_kv(e, "client_secret", pl->client_secret);
	yemit_kv(e, "oauth2_scope", pl->scope);
	yemit_kv(e, "access_delegation_mode", pl->delegation);
	if (pl->default_region)
		yemit_kv(e, "default_region", pl->default_region);
	yemit_map_end(e);
	yemit_map_end(e);
	yemit_seq_end(e);
	yemit_map_end(e);
}

/* A file name in the header comment: one line, printable. */
static int add_sanitized(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		if (strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f
				     ? '?' : *s))
			return -1;
	return 0;
}

static const char *source_of(const struct floe_gen_target *t)
{
	return t->source ? t->source : t->platform->file;
}

static int header(struct strbuf *sb, const struct floe_gen_options *opt)
{
	if (strbuf_addf(sb, "# Generated by floe-profiles %s from ",
			FLOE_VERSION))
		return -1;
	for (size_t i = 0; i < opt->nr_targets; i++) {
		const char *file = source_of(&opt->targets[i]);
		int seen = 0;

		for (size_t j = 0; j < i; j++)
			if (!strcmp(source_of(&opt->targets[j]), file))
				seen = 1;
		if (seen)
			continue;
		if ((i && strbuf_adds(sb, ", ")) || add_sanitized(sb, file))
			return -1;
	}
	return strbuf_adds(sb, ".\n# Do not edit: change the platform file "
			   "and run floe-profiles generate again.\n");
}

/* check --platform TARGET=FILE, for the self-check: a target's platform */
static const struct floe_platform *target_platform(const char *output,
						   void *arg)
{
	const struct floe_gen_options *opt = arg;

	for (size_t i = 0; i < opt->nr_targets; i++)
		if (!strcmp(opt->targets[i].name, output))
			return opt->targets[i].platform;
	return NULL;
}

#define SELF "<generated profile>"

/*
 * The promise generate makes: what it writes lints with no error against
 * the platform it came from.  Each rule is checked by lint alone; rather
 * than trust that the generator's own checks mirror lint's, the output is
 * linted before it is returned.  A failure is a bug here, reported as an
 * internal error with lint's findings, and nothing is written.
 */
static enum floe_err self_check(const struct floe_gen_options *opt,
				const char *text, size_t len,
				struct floe_diags *diags)
{
	struct floe_lint_options lo;
	struct floe_diags found = FLOE_DIAGS_INIT;
	enum floe_err err;

	memset(&lo, 0, sizeof(lo));
	lo.platform_for = target_platform;
	lo.platform_arg = (void *)(uintptr_t)opt;
	lo.catalog = opt->catalog;
	lo.alias = opt->alias;
	err = floe_lint(SELF, text, len, &lo, &found);
	if (err == FLOE_OK && found.nr_errors) {
		for (size_t i = 0; i < found.nr; i++)
			if (found.items[i].severity == FLOE_SEV_ERROR &&
			    floe_diags_addf(diags, FLOE_SEV_ERROR,
					    found.items[i].rule,
					    found.items[i].loc, "the generated "
					    "profile fails its own check (a bug "
					    "in floe-profiles; please report "
					    "it): %s", found.items[i].message)) {
				err = FLOE_ERR_NOMEM;
				break;
			}
		if (err == FLOE_OK)
			err = FLOE_ERR_INTERNAL;
	}
	floe_diags_release(&found);
	return err;
}

enum floe_err floe_generate(const struct floe_gen_options *opt, char **out,
			    size_t *len, struct floe_diags *diags)
{
	struct gen g = { opt, diags, NULL, NULL, FLOE_OK };
	struct strbuf sb = STRBUF_INIT;
	struct plan *plans;
	struct yemit e;
	const char *alias = opt->alias ? opt->alias : FLOE_GEN_DEFAULT_ALIAS;
	int r;

	if (!opt->nr_targets || !floe_is_identifier(alias))
		return FLOE_ERR_USAGE;
	for (size_t i = 0; i < opt->nr_targets; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(opt->targets[i].name,
				    opt->targets[j].name))
				return FLOE_ERR_USAGE;
	g.arena = arena_new();
	plans = calloc(opt->nr_targets, sizeof(*plans));
	if (!g.arena || !plans) {
		arena_free(g.arena);
		free(plans);
		return FLOE_ERR_NOMEM;
	}
	for (size_t i = 0; i < opt->nr_targets; i++)
		plan_target(&g, &opt->targets[i], &plans[i]);
	if (g.err != FLOE_OK)
		goto out;

	if (header(&sb, opt) || yemit_init(&e, &sb)) {
		g.err = FLOE_ERR_NOMEM;
		goto out;
	}
	yemit_map_start(&e);
	yemit_str(&e, opt->profile_name ? opt->profile_name
					: FLOE_GEN_DEFAULT_PROFILE);
	yemit_map_start(&e);
	yemit_kv(&e, "target", opt->targets[0].name);
	yemit_str(&e, "outputs");
	yemit_map_start(&e);
	for (size_t i = 0; i < opt->nr_targets; i++)
		emit_target(&e, &plans[i]);
	yemit_map_end(&e);
	yemit_map_end(&e);
	yemit_map_end(&e);
	r = yemit_finish(&e);
	if (r) {
		g.err = r == -2 ? FLOE_ERR_NOMEM : FLOE_ERR_INTERNAL;
		goto out;
	}
	g.err = self_check(opt, sb.buf, sb.len, diags);
	if (g.err != FLOE_OK)
		goto out;
	*out = strbuf_detach(&sb, len);
	if (!*out)
		g.err = FLOE_ERR_NOMEM;
out:
	strbuf_release(&sb);
	arena_free(g.arena);
	free(plans);
	return g.err;
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
	struct floe_gen_options opt;
	struct gen g;
	struct plan pl;
	const struct floe_catalog *c = NULL;
	enum floe_err err;

	memset(out, 0, sizeof(*out));
	memset(&opt, 0, sizeof(opt));
	memset(&pl, 0, sizeof(pl));
	if (catalog)
		c = floe_platform_catalog(p, catalog);
	else if (!(c = floe_platform_catalog(p, "default")) &&
		 p->nr_catalogs == 1)
		c = &p->catalogs[0];
	if (!c)
		return FLOE_ERR_INPUT;
	g.opt = &opt;
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
