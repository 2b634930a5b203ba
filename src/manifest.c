/*
 * Bind the successor floe's manifest.yaml to struct floe_platform.
 *
 * floe (github.com/Obsidian-Owl/floe, the rewrite of floe-runtime)
 * describes a platform in a manifest: `apiVersion: floe.dev/v1`,
 * `kind: Manifest`, and under `plugins` one selection per capability
 * ({type, version, config, connection_secret_ref}).  Three of them carry
 * what a dbt profile needs, and each becomes one entry named "default" of
 * the platform model, so the generator, lint's drift rules and check work
 * on a manifest exactly as on a platform.yaml:
 *
 *   plugins.catalog  -> catalogs.default  (floe_catalog_polaris's
 *                       PolarisCatalogConfig and OAuth2Config)
 *   plugins.storage  -> storage.default   (floe_storage_s3's S3StorageConfig)
 *   plugins.compute  -> compute.default   (its config is the properties)
 *
 * The schemas are floe's pydantic models at commit 8c6864b6; the mapping,
 * field by field, is in docs/platform.md.  The binder's policy is
 * platform.c's: strict YAML types, unknown keys in the entries that
 * matter are warnings, sections that do not affect a profile are skipped
 * whatever they contain.  Two things are the manifest's own:
 *
 *  - A literal secret (floe's demo has `client_secret: demo-secret`) is
 *    never copied: the model gets a secret reference whose environment
 *    variable is derived from the field (POLARIS_CLIENT_SECRET), and a
 *    warning at the literal names the variable, never the value.
 *  - `{name}` placeholders, which floe fills when it compiles a data
 *    product (`path: /tmp/floe/{product_slug}.duckdb`), are filled from
 *    the caller's variables (--set name=value) in every value that reaches
 *    the profile; one without a value is an error at its position.  A
 *    filled value is a new node in the document's arena, with the
 *    position of the original, so the model still points into the file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "floe/platform.h"
#include "platform_int.h"
#include "strbuf.h"
#include "url.h"

#define MANIFEST_API_VERSION "floe.dev/v1"

struct mbind {
	struct binder *b;
	struct floe_platform *p;
	const struct floe_platform_options *opt;
	struct arena *arena;		/* the document's */
};

static void oom(struct mbind *m)
{
	m->b->err = FLOE_ERR_NOMEM;
}

static int is_null(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL;
}

/* present and not null */
static const struct floe_node *get(const struct floe_node *map,
				   const char *key)
{
	const struct floe_node *v = floe_map_get(map, key);

	return is_null(v) ? NULL : v;
}

int plat_is_manifest(const struct floe_node *root)
{
	return root && root->kind == FLOE_NODE_MAP &&
	       (floe_map_pair(root, "apiVersion") ||
		floe_map_pair(root, "kind"));
}

/* ---- placeholders ---- */

static int ident_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

/* The length of a `{name}` placeholder at s, 0 when there is none. */
static size_t placeholder_at(const char *s, size_t len)
{
	size_t j = 1;

	if (len < 3 || s[0] != '{' || !ident_start(s[1]))
		return 0;
	while (j < len && ident_char(s[j]))
		j++;
	return j < len && s[j] == '}' ? j + 1 : 0;
}

static const struct floe_platform_var *lookup(const struct mbind *m,
					      const char *name, size_t len)
{
	const struct floe_platform_var *found = NULL;

	/* the last --set wins, as for any repeated option */
	for (size_t i = 0; i < m->opt->nr_vars; i++)
		if (strlen(m->opt->vars[i].name) == len &&
		    !memcmp(m->opt->vars[i].name, name, len))
			found = &m->opt->vars[i];
	return found;
}

/*
 * Where bytes [off, off + len) of a scalar are written: exact for a plain
 * scalar on one line (columns count code points), else the scalar.  The
 * node returned may keep its positions in `room`.
 */
static struct floe_node position_of(const struct floe_node *v, size_t off,
				    size_t len, struct floe_pos room[2])
{
	struct floe_node at = *v;
	struct floe_pos s = floe_node_start(v), e = floe_node_end(v);

	if (v->style == FLOE_STYLE_PLAIN && s.line == e.line) {
		for (size_t i = 0; i < off; i++)
			if (((unsigned char)v->value[i] & 0xc0) != 0x80)
				s.column++;
		e.column = s.column;
		for (size_t i = off; i < off + len; i++)
			if (((unsigned char)v->value[i] & 0xc0) != 0x80)
				e.column++;
		floe_node_place(&at, s, e, room);
	}
	return at;
}

/*
 * The node to bind for a value that reaches the profile: `v` itself, or,
 * when it holds `{name}` placeholders, a copy (same position) with each
 * filled.  NULL after reporting a placeholder that has no value, or a
 * filled value past 4 GiB (a node's len is 32 bits).
 * `{{` is left alone: it opens Jinja, which the generator refuses.
 */
static const struct floe_node *fill(struct mbind *m,
				    const struct floe_node *v,
				    const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct floe_node *copy;
	size_t i = 0, n;
	int found = 0, missing = 0;

	if (!v || v->kind != FLOE_NODE_SCALAR || v->type != FLOE_TYPE_STR)
		return v;
	while (i < v->len) {
		const struct floe_platform_var *var;

		if (v->value[i] == '{' && i + 1 < v->len &&
		    v->value[i + 1] == '{') {
			if (strbuf_add(&sb, v->value + i, 2))
				goto nomem;
			i += 2;
			continue;
		}
		n = placeholder_at(v->value + i, v->len - i);
		if (!n) {
			if (strbuf_addch(&sb, v->value[i]))
				goto nomem;
			i++;
			continue;
		}
		found = 1;
		var = lookup(m, v->value + i + 1, n - 2);
		if (var) {
			if (strbuf_adds(&sb, var->value))
				goto nomem;
		} else {
			struct floe_pos room[2];
			struct floe_node at = position_of(v, i, n, room);

			missing = 1;
			ERR(m->b, &at, "%s: the placeholder '%.*s' has no "
			    "value; floe fills it when it compiles a data "
			    "product: give it with --set %.*s=VALUE", path,
			    (int)n, v->value + i, (int)(n - 2),
			    v->value + i + 1);
		}
		i += n;
	}
	if (!found || missing) {
		strbuf_release(&sb);
		return missing ? NULL : v;
	}
	if (sb.len > UINT32_MAX) {	/* a node's len is 32 bits */
		ERR(m->b, v, "%s: the value is %zu bytes once its "
		    "placeholders are filled, more than 4 GiB", path, sb.len);
		strbuf_release(&sb);
		return NULL;
	}
	copy = arena_alloc(m->arena, sizeof(*copy));
	if (!copy)
		goto nomem;
	*copy = *v;
	copy->value = arena_strndup(m->arena, sb.buf, sb.len);
	copy->len = (uint32_t)sb.len;
	strbuf_release(&sb);
	if (!copy->value) {
		oom(m);
		return NULL;
	}
	return copy;
nomem:
	strbuf_release(&sb);
	oom(m);
	return NULL;
}

/* A str field that reaches the profile: typed, then filled. */
static const char *get_filled_str(struct mbind *m,
				  const struct floe_node *map,
				  const char *key, const char *path,
				  const char *dflt, int required,
				  const struct floe_node **node)
{
	const struct floe_node *v;
	char full[PLAT_PATH_MAX];
	const char *s = plat_get_str(m->b, map, key, path, dflt, required,
				     &v);

	if (node)
		*node = v;
	if (!s || !v)
		return s;
	plat_join(full, path, key);
	v = fill(m, v, full);
	if (node)
		*node = v;
	return v ? v->value : NULL;
}

/* A str-or-{secret_ref} field that reaches the profile. */
static void get_filled_value(struct mbind *m, const struct floe_node *map,
			     const char *key, const char *path,
			     struct floe_value *out)
{
	char full[PLAT_PATH_MAX];

	plat_get_value(m->b, map, key, path, 0, out);
	if (out->kind != FLOE_VALUE_LITERAL)
		return;
	plat_join(full, path, key);
	out->node = fill(m, out->node, full);
	if (!out->node)
		memset(out, 0, sizeof(*out));
	else
		out->text = out->node->value;
}

/* ---- secrets ---- */

/*
 * A secret field: a literal, which is never copied into the model, or
 * (`ref_ok`) {secret_ref: NAME} as in platform.yaml.  For a literal the
 * model refers to `ref_name`, whose environment variable (floe's rule:
 * upper-case, '-' becomes '_') the profile reads, and a warning at the
 * literal names that variable; with `ref_name` NULL the profile needs no
 * such value.  The literal's value is never shown.  Returns 1 when a
 * value (literal or reference) is present.
 */
static int get_secret(struct mbind *m, const struct floe_node *map,
		      const char *key, const char *path,
		      const char *ref_name, int ref_ok,
		      struct floe_value *out)
{
	const struct floe_node *v = get(map, key);
	char full[PLAT_PATH_MAX], *env;

	memset(out, 0, sizeof(*out));
	if (!v)
		return 0;
	plat_join(full, path, key);
	if (v->kind == FLOE_NODE_MAP && ref_ok) {
		plat_get_value(m->b, map, key, path, 1, out);
		return 1;
	}
	if (v->kind != FLOE_NODE_SCALAR) {
		ERR(m->b, v, "%s: expected a string%s, found %s", full,
		    ref_ok ? " or {secret_ref: NAME}" : "",
		    floe_node_describe(v));
		return 1;
	}
	if (!ref_name) {
		WARN(m->b, v, "%s: a literal secret (its value is not shown) "
		     "is never copied into the profile, which needs none "
		     "here: the catalog vends S3 credentials; take the secret "
		     "out of the manifest", full);
		return 1;
	}
	env = floe_secret_env_name(ref_name);
	if (!env) {
		oom(m);
		return 1;
	}
	out->kind = FLOE_VALUE_SECRET_REF;
	out->text = ref_name;
	out->node = v;
	WARN(m->b, v, "%s: a literal secret (its value is not shown) is "
	     "never copied into the profile, which reads it from the "
	     "environment variable %s instead; set that variable where dbt "
	     "runs, and take the secret out of the manifest%s", full, env,
	     ref_ok ? " (or write {secret_ref: NAME})" : "");
	free(env);
	return 1;
}

/* ---- plugins.catalog ---- */

static const char *const plugin_keys[] = {
	"type", "version", "config", "connection_secret_ref", NULL
};

/* PolarisCatalogConfig and OAuth2Config (floe_catalog_polaris/config.py) */
static const char *const catalog_config_keys[] = {
	"uri", "warehouse", "oauth2", "connect_timeout_seconds",
	"read_timeout_seconds", "max_retries", "credential_vending_enabled",
	NULL
};
static const char *const oauth2_keys[] = {
	"client_id", "client_secret", "token_url", "scope",
	"refresh_margin_seconds", NULL
};

/*
 * `uri` without a trailing '/' or '/v1': the endpoint the generator
 * writes, and the base of Polaris' own token endpoint.
 */
static size_t endpoint_len(const char *uri)
{
	size_t n = strlen(uri);

	while (n && uri[n - 1] == '/')
		n--;
	if (n >= 3 && !memcmp(uri + n - 3, "/v1", 3)) {
		n -= 3;
		while (n && uri[n - 1] == '/')
			n--;
	}
	return n;
}

/*
 * token_url becomes the catalog's `oauth2-server-uri` property, which
 * the generator writes as given.  For Polaris, anything but the
 * catalog's own {endpoint}/v1/oauth/tokens is a warning: right for an
 * external identity provider, a 404 on every connection otherwise.
 */
static void bind_token_url(struct mbind *m, const struct floe_node *oauth2,
			   const char *path, struct floe_catalog *c)
{
	static const char suffix[] = "/v1/oauth/tokens";
	const struct floe_node *v;
	const char *url;
	struct floe_prop *prop;
	char *own;
	size_t n;
	bool same;

	if (!get(oauth2, "token_url"))
		return;		/* absent or null: the generator derives it */
	url = get_filled_str(m, oauth2, "token_url", path, NULL, 0, &v);
	if (!url || !v)
		return;
	prop = calloc(1, sizeof(*prop));
	if (!prop) {
		oom(m);
		return;
	}
	prop->key = "oauth2-server-uri";
	prop->value = url;
	prop->key_node = floe_map_pair(oauth2, "token_url")->key;
	prop->value_node = v;
	c->properties = prop;
	c->nr_properties = 1;

	if (c->type != FLOE_CATALOG_POLARIS ||
	    c->uri.kind != FLOE_VALUE_LITERAL)
		return;
	n = endpoint_len(c->uri.text);
	own = malloc(n + sizeof(suffix));
	if (!own) {
		oom(m);
		return;
	}
	memcpy(own, c->uri.text, n);
	memcpy(own + n, suffix, sizeof(suffix));
	/* the same URL written otherwise is the same, as lint's FP214 */
	same = url_same_token_uri_text(url, own);
	free(own);
	if (same)
		return;
	WARN(m->b, v, "%s.token_url: '%s' is not the Polaris catalog's own "
	     "token endpoint '%.*s%s'; the profile uses it as given, which "
	     "is right for an external identity provider (Polaris with "
	     "authentication.type=external) and fails every connection "
	     "otherwise", path, url, (int)n, c->uri.text, suffix);
}

static void bind_catalog(struct mbind *m, const struct floe_pair *entry)
{
	const struct floe_node *sel = entry->value, *config, *oauth2;
	struct floe_catalog *c;
	struct floe_credentials *cr;
	const char *type;
	char *ref;
	size_t tlen;

	if (!plat_expect_map(m->b, sel, "plugins.catalog"))
		return;
	plat_check_keys(m->b, sel, "plugins.catalog", plugin_keys);
	c = m->p->catalogs = calloc(1, sizeof(*c));
	if (!c) {
		oom(m);
		return;
	}
	m->p->nr_catalogs = 1;
	c->name = "default";
	c->name_node = entry->key;
	c->namespace_ = "default";
	c->token_refresh_enabled = true;
	if (!floe_map_pair(sel, "type"))
		ERR(m->b, sel, "plugins.catalog.type is required (the "
		    "generator reads 'polaris' and 'rest' catalogs)");
	c->type = (enum floe_catalog_type)plat_get_enum(
		m->b, sel, "type", "plugins.catalog", plat_catalog_types,
		FLOE_CATALOG_POLARIS, &c->type_node);

	config = get(sel, "config");
	if (!config) {
		ERR(m->b, sel, "plugins.catalog.config is required: it holds "
		    "the catalog's uri, warehouse and oauth2 credentials");
		return;
	}
	if (!plat_expect_map(m->b, config, "plugins.catalog.config"))
		return;
	plat_check_keys(m->b, config, "plugins.catalog.config",
			catalog_config_keys);

	get_filled_value(m, config, "uri", "plugins.catalog.config", &c->uri);
	if (c->uri.kind == FLOE_VALUE_UNSET && !get(config, "uri"))
		ERR(m->b, floe_map_get(config, "uri") ? floe_map_get(config,
								     "uri")
						      : config,
		    "plugins.catalog.config.uri is required");
	c->warehouse = get_filled_str(m, config, "warehouse",
				      "plugins.catalog.config", NULL, 1,
				      &c->warehouse_node);
	if (c->warehouse && (!*c->warehouse || strlen(c->warehouse) > 255))
		ERR(m->b, c->warehouse_node, "plugins.catalog.config."
		    "warehouse: must be 1 to 255 characters");
	/* floe's default: Polaris vends the S3 credentials */
	c->access_delegation =
		plat_get_bool(m->b, config, "credential_vending_enabled",
			      "plugins.catalog.config", 1)
		? FLOE_DELEGATION_VENDED : FLOE_DELEGATION_NONE;
	c->access_delegation_node = floe_map_get(config,
						 "credential_vending_enabled");

	cr = &c->credentials;
	oauth2 = get(config, "oauth2");
	if (!oauth2) {
		ERR(m->b, config, "plugins.catalog.config.oauth2 is required: "
		    "the ATTACH authenticates with OAuth2 client credentials "
		    "(client_id, client_secret)");
		return;
	}
	if (!plat_expect_map(m->b, oauth2, "plugins.catalog.config.oauth2"))
		return;
	plat_check_keys(m->b, oauth2, "plugins.catalog.config.oauth2",
			oauth2_keys);
	cr->mode = FLOE_CRED_OAUTH2;
	cr->node = oauth2;

	get_filled_value(m, oauth2, "client_id",
			 "plugins.catalog.config.oauth2", &cr->client_id);
	if (cr->client_id.kind == FLOE_VALUE_UNSET && !get(oauth2,
							   "client_id"))
		ERR(m->b, oauth2, "plugins.catalog.config.oauth2.client_id "
		    "is required");

	/* the variable: <catalog type>_CLIENT_SECRET, POLARIS_... mostly */
	type = c->type_node && floe_node_is_str(c->type_node) &&
	       c->type_node->len ? c->type_node->value : "polaris";
	tlen = strlen(type);
	ref = arena_alloc(m->arena, tlen + sizeof("-client-secret"));
	if (!ref) {
		oom(m);
		return;
	}
	memcpy(ref, type, tlen);
	memcpy(ref + tlen, "-client-secret", sizeof("-client-secret"));
	if (!get_secret(m, oauth2, "client_secret",
			"plugins.catalog.config.oauth2", ref, 1,
			&cr->client_secret))
		ERR(m->b, oauth2, "plugins.catalog.config.oauth2."
		    "client_secret is required");

	if (get(oauth2, "scope"))
		cr->scope = get_filled_str(m, oauth2, "scope",
					   "plugins.catalog.config.oauth2",
					   NULL, 0, &cr->scope_node);
	bind_token_url(m, oauth2, "plugins.catalog.config.oauth2", c);
}

/* ---- plugins.storage ---- */

/* floe's storage plugin types, and what each is in the model */
static const char *const storage_types[] = {
	"s3", "minio", "gcs", "azure-blob", NULL
};
static const enum floe_storage_type storage_model[] = {
	FLOE_STORAGE_S3, FLOE_STORAGE_S3, FLOE_STORAGE_GCS, FLOE_STORAGE_AZURE
};

/* S3StorageConfig (floe_storage_s3/config.py) */
static const char *const s3_config_keys[] = {
	"endpoint", "bucket", "region", "path_style_access", "access_key_id",
	"secret_access_key", NULL
};

static void bind_storage(struct mbind *m, const struct floe_pair *entry)
{
	const struct floe_node *sel = entry->value, *config, *bucket_node;
	const struct floe_catalog *cat = m->p->nr_catalogs
					 ? &m->p->catalogs[0] : NULL;
	int vended = cat && cat->access_delegation == FLOE_DELEGATION_VENDED;
	struct floe_storage *s;
	struct floe_value ignored;
	int t;

	if (!plat_expect_map(m->b, sel, "plugins.storage"))
		return;
	plat_check_keys(m->b, sel, "plugins.storage", plugin_keys);
	s = m->p->storage = calloc(1, sizeof(*s));
	if (!s) {
		oom(m);
		return;
	}
	m->p->nr_storage = 1;
	s->name = "default";
	s->name_node = entry->key;
	s->region = "us-east-1";
	s->path_style_access = true;	/* S3StorageConfig's default */
	if (!floe_map_pair(sel, "type"))
		ERR(m->b, sel, "plugins.storage.type is required");
	t = plat_get_enum(m->b, sel, "type", "plugins.storage", storage_types,
			  0, NULL);
	s->type = storage_model[t];

	config = get(sel, "config");
	if (!config || s->type != FLOE_STORAGE_S3)
		return;		/* only an S3 entry gets a DuckDB secret */
	if (!plat_expect_map(m->b, config, "plugins.storage.config"))
		return;
	plat_check_keys(m->b, config, "plugins.storage.config",
			s3_config_keys);
	get_filled_value(m, config, "endpoint", "plugins.storage.config",
			 &s->endpoint);
	s->region = get_filled_str(m, config, "region",
				   "plugins.storage.config", "us-east-1", 0,
				   NULL);
	s->bucket = plat_get_str(m->b, config, "bucket",
				 "plugins.storage.config", NULL, 1,
				 &bucket_node);
	if (s->bucket && (strlen(s->bucket) < 3 || strlen(s->bucket) > 63))
		ERR(m->b, bucket_node, "plugins.storage.config.bucket: must "
		    "be 3 to 63 characters");
	s->path_style_access = plat_get_bool(m->b, config,
					     "path_style_access",
					     "plugins.storage.config", 1);

	/*
	 * The profile's S3 secret reads the standard AWS variables (floe's
	 * own fallback too), whatever the manifest says; see
	 * docs/generate.md.
	 */
	get_secret(m, config, "access_key_id", "plugins.storage.config",
		   vended ? NULL : "AWS_ACCESS_KEY_ID", 0, &ignored);
	get_secret(m, config, "secret_access_key", "plugins.storage.config",
		   vended ? NULL : "AWS_SECRET_ACCESS_KEY", 0, &ignored);
}

/* ---- plugins.compute ---- */

/*
 * The compute entry's properties: the config's pairs, with the pairs of
 * an explicit `config.settings` mapping after them (an explicit setting
 * wins, as in floe's DuckDB plugin), every string value filled.
 */
static const struct floe_node *compute_properties(struct mbind *m,
						  const struct floe_node *config)
{
	const struct floe_node *settings = get(config, "settings");
	struct floe_pair *pairs;
	struct floe_node *props;
	size_t nr = 0, most = config->nr;

	if (settings && !plat_expect_map(m->b, settings,
					 "plugins.compute.config.settings"))
		settings = NULL;
	if (settings)
		most += settings->nr;
	props = arena_alloc(m->arena, sizeof(*props));
	pairs = arena_alloc(m->arena, (most ? most : 1) * sizeof(*pairs));
	if (!props || !pairs) {
		oom(m);
		return NULL;
	}
	for (int pass = 0; pass < 2; pass++) {
		const struct floe_node *from = pass ? settings : config;
		const char *path = pass ? "plugins.compute.config.settings"
					: "plugins.compute.config";

		for (size_t i = 0; from && i < from->nr; i++) {
			const struct floe_pair *pr = &from->pairs[i];
			char full[PLAT_PATH_MAX];
			size_t j;

			if (!pass && floe_node_is_str(pr->key) &&
			    !strcmp(pr->key->value, "settings"))
				continue;
			for (j = 0; j < nr; j++)
				if (floe_node_is_str(pr->key) &&
				    floe_node_is_str(pairs[j].key) &&
				    !strcmp(pairs[j].key->value,
					    pr->key->value))
					break;
			pairs[j] = *pr;
			if (j == nr)
				nr++;
			if (!floe_node_is_str(pr->key))
				continue;
			plat_join(full, path, pr->key->value);
			pairs[j].value = fill(m, pr->value, full);
			if (!pairs[j].value)
				pairs[j].value = pr->value;	/* reported */
		}
	}
	*props = *config;
	props->pairs = pairs;
	props->nr = (uint32_t)nr;	/* at most config's and settings' */
	/* a new pairs array, without the bits of config's merged pairs */
	props->flags &= (unsigned char)~FLOE_NODE_MERGED;
	return props;
}

static void bind_compute(struct mbind *m, const struct floe_pair *entry)
{
	const struct floe_node *sel = entry->value, *config;
	struct floe_compute *c;

	if (!plat_expect_map(m->b, sel, "plugins.compute"))
		return;
	plat_check_keys(m->b, sel, "plugins.compute", plugin_keys);
	c = m->p->compute = calloc(1, sizeof(*c));
	if (!c) {
		oom(m);
		return;
	}
	m->p->nr_compute = 1;
	c->name = "default";
	c->name_node = entry->key;
	if (!floe_map_pair(sel, "type"))
		ERR(m->b, sel, "plugins.compute.type is required (the "
		    "generator writes profiles for 'duckdb')");
	c->type = (enum floe_compute_type)plat_get_enum(
		m->b, sel, "type", "plugins.compute", plat_compute_types,
		FLOE_COMPUTE_DUCKDB, &c->type_node);
	config = get(sel, "config");
	if (config && plat_expect_map(m->b, config, "plugins.compute.config"))
		c->properties = compute_properties(m, config);
}

/* ---- the root ---- */

/* PlatformManifest's fields (floe_core/schemas/manifest.py) */
static const char *const root_keys[] = {
	"apiVersion", "kind", "metadata", "scope", "parent_manifest",
	"plugins", "governance", "approved_plugins", "approved_sinks",
	"approved_products", "defaults", "artifacts", "observability",
	"resource_presets", NULL
};

/* PluginsConfig's categories (floe_core/schemas/plugins.py) */
static const char *const plugin_categories[] = {
	"compute", "orchestrator", "catalog", "storage", "semantic_layer",
	"ingestion", "secrets", "telemetry_backend", "lineage_backend",
	"identity", "dbt", "quality", NULL
};

/* apiVersion and kind; 0 when the rest cannot be read. */
static int check_header(struct mbind *m, const struct floe_node *root)
{
	const struct floe_node *v = floe_map_get(root, "apiVersion");
	const struct floe_node *k = floe_map_get(root, "kind");
	char d[120];
	int ok = 1;

	if (!floe_map_pair(root, "apiVersion")) {
		ERR(m->b, root, "apiVersion is required in a manifest (known: "
		    "'" MANIFEST_API_VERSION "')");
		ok = 0;
	} else if (!floe_node_is_str(v) ||
		   strcmp(v->value, MANIFEST_API_VERSION)) {
		ERR(m->b, v, "apiVersion: %s is not a manifest version "
		    "floe-profiles knows; known: '" MANIFEST_API_VERSION "'",
		    plat_describe_value(v, d, sizeof(d)));
		ok = 0;
	}
	if (!floe_map_pair(root, "kind")) {
		ERR(m->b, root, "kind is required in a manifest: 'Manifest'");
		ok = 0;
	} else if (floe_node_is_str(k) && !strcmp(k->value, "FloeSpec")) {
		ERR(m->b, k, "kind: 'FloeSpec' is a data product's floe.yaml, "
		    "not the platform; give the manifest it names under "
		    "platform.manifest");
		ok = 0;
	} else if (!floe_node_is_str(k) || strcmp(k->value, "Manifest")) {
		ERR(m->b, k, "kind: %s is not 'Manifest'",
		    plat_describe_value(k, d, sizeof(d)));
		ok = 0;
	}
	return ok;
}

void plat_bind_manifest(struct binder *b, struct floe_platform *p,
			const struct floe_platform_options *opt)
{
	const struct floe_node *root = p->doc->root, *plugins;
	const struct floe_pair *pr;
	struct mbind m = { b, p, opt, p->doc->arena };

	plat_check_keys(b, root, "manifest", root_keys);
	if (!check_header(&m, root))
		return;
	plugins = get(root, "plugins");
	if (!plugins) {
		ERR(b, root, "plugins is required: the profile comes from "
		    "plugins.catalog, plugins.storage and plugins.compute");
		return;
	}
	if (!plat_expect_map(b, plugins, "plugins"))
		return;
	plat_check_keys(b, plugins, "plugins", plugin_categories);
	/* the catalog first: storage's messages depend on its vending */
	if ((pr = floe_map_pair(plugins, "catalog")) && !is_null(pr->value))
		bind_catalog(&m, pr);
	else
		ERR(b, pr ? pr->key : plugins, "plugins.catalog is required: "
		    "the profile's ATTACH connects to that catalog");
	if ((pr = floe_map_pair(plugins, "storage")) && !is_null(pr->value))
		bind_storage(&m, pr);
	if ((pr = floe_map_pair(plugins, "compute")) && !is_null(pr->value))
		bind_compute(&m, pr);
}
