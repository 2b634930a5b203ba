/*
 * Bind platform.yaml's node tree to struct floe_platform (a manifest.yaml
 * goes to src/manifest.c instead; floe_platform_load() tells them apart).
 *
 * floe's pydantic models are the contract (frozen, extra="forbid", lax
 * mode): a str field takes only a str (an int is not coerced), enum
 * values are lower-case and case-sensitive.  Where floe would reject a
 * file only for keys that do not matter to a dbt profile, we warn and go
 * on; see docs/platform.md for the exact policy.
 *
 * Messages name the field by its path ("catalogs.default.uri"), say what
 * was expected, and show the value found, except for secrets, whose
 * values are never repeated anywhere.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/platform.h"
#include "platform_int.h"
#include "utf8.h"

void plat_report(struct binder *b, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = floe_diags_vaddf(b->diags, sev, FLOE_RULE_NONE, floe_node_loc(b->file, at),
			     fmt, ap);
	va_end(ap);
	if (r)
		b->err = FLOE_ERR_NOMEM;
	else if (sev == FLOE_SEV_ERROR && b->err == FLOE_OK)
		b->err = FLOE_ERR_INPUT;
}

void plat_join(char *out, const char *path, const char *key)
{
	int n = snprintf(out, PLAT_PATH_MAX, "%s%s%s", path, *path ? "." : "",
			 key);

	if (n < 0 || n >= PLAT_PATH_MAX)	/* absurdly long key: mark it */
		memcpy(out + utf8_cut(out, PLAT_PATH_MAX - 1, PLAT_PATH_MAX - 4),
		       "...", 4);
}

/*
 * A scalar shown in a message: quoted, control bytes escaped, and cut
 * with "..." to fit `size` (at least 6), never inside a UTF-8 sequence.
 */
const char *plat_show(const struct floe_node *n, char *buf, size_t size)
{
	size_t o = 0, i;

	if (!n || n->kind != FLOE_NODE_SCALAR)
		return floe_node_describe(n);
	buf[o++] = '\'';
	for (i = 0; i < n->len; i++) {
		unsigned char c = (unsigned char)n->value[i];
		size_t w = c < 0x20 || c == 0x7f ? 4 : 1;

		/* room for it, the closing quote, the NUL, and "..." if
		 * more follows */
		if (o + w + 2 + (i + 1 < n->len ? 3 : 0) > size)
			break;
		if (w == 4)
			snprintf(buf + o, size - o, "\\x%02x", c);
		else
			buf[o] = (char)c;
		o += w;
	}
	if (i < n->len) {
		/* drop the start of a character the cut went through */
		while (i > 0 && ((unsigned char)n->value[i] & 0xc0) == 0x80) {
			i--;
			o--;
		}
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

const char *plat_describe_value(const struct floe_node *n, char *buf,
				size_t size)
{
	char v[80];

	if (n && n->kind == FLOE_NODE_SCALAR && n->type != FLOE_TYPE_NULL) {
		snprintf(buf, size, "%s (%s)", floe_node_describe(n),
			 plat_show(n, v, sizeof(v)));
		return buf;
	}
	return floe_node_describe(n);
}

/* Warn about keys of `map` that are not in `known` (NULL-terminated). */
void plat_check_keys(struct binder *b, const struct floe_node *map,
		     const char *path, const char *const *known)
{
	for (size_t i = 0; i < map->nr; i++) {
		const struct floe_node *k = map->pairs[i].key;
		size_t j;

		if (floe_pair_merged(map, &map->pairs[i]))
			continue;	/* reported where it is written */
		for (j = 0; known[j]; j++)
			if (floe_node_is_str(k) && !strcmp(k->value, known[j]))
				break;
		if (!known[j]) {
			char v[80];

			WARN(b, k, "%s: unknown key %s is ignored", path,
			     plat_show(k, v, sizeof(v)));
		}
	}
}

/* The value at `key` if present and not null, else NULL. */
static const struct floe_node *get(const struct floe_node *map,
				   const char *key)
{
	return floe_map_get(map, key);
}

static int is_null(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL;
}

/*
 * A str field.  Returns the string, `dflt` when the key is absent, or
 * NULL after reporting an error (wrong type, or missing when required).
 */
const char *plat_get_str(struct binder *b, const struct floe_node *map,
			 const char *key, const char *path,
			 const char *dflt, int required,
			 const struct floe_node **node)
{
	const struct floe_node *v = get(map, key);
	char full[PLAT_PATH_MAX], d[120];

	plat_join(full, path, key);
	if (node)
		*node = v;
	if (!v) {
		if (required)
			ERR(b, map, "%s is required", full);
		return dflt;
	}
	if (!floe_node_is_str(v)) {
		ERR(b, v, "%s: expected a string, found %s", full,
		    plat_describe_value(v, d, sizeof(d)));
		return NULL;
	}
	return v->value;
}

int plat_get_bool(struct binder *b, const struct floe_node *map,
		  const char *key, const char *path, int dflt)
{
	const struct floe_node *v = get(map, key);
	char full[PLAT_PATH_MAX], d[120];

	if (!v)
		return dflt;
	if (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
		return strchr("yYtT", v->value[0]) ||
		       (v->len == 2 && (v->value[0] == 'o' ||
					v->value[0] == 'O'));
	plat_join(full, path, key);
	ERR(b, v, "%s: expected a boolean (true or false), found %s", full,
	    plat_describe_value(v, d, sizeof(d)));
	return dflt;
}

/* An enum field: the index of the value in `vals`, `dflt` if absent. */
int plat_get_enum(struct binder *b, const struct floe_node *map,
		  const char *key, const char *path,
		  const char *const *vals, int dflt,
		  const struct floe_node **node)
{
	const struct floe_node *v = get(map, key);
	char full[PLAT_PATH_MAX], d[120], allowed[256];
	size_t o = 0;

	if (node)
		*node = v;
	if (!v)
		return dflt;
	if (floe_node_is_str(v))
		for (int i = 0; vals[i]; i++)
			if (!strcmp(v->value, vals[i]))
				return i;
	allowed[0] = '\0';
	for (int i = 0; vals[i] && o < sizeof(allowed); i++)
		o += (size_t)snprintf(allowed + o, sizeof(allowed) - o,
				      "%s'%s'", i ? ", " : "", vals[i]);
	plat_join(full, path, key);
	ERR(b, v, "%s: %s is not allowed; expected one of %s", full,
	    plat_describe_value(v, d, sizeof(d)), allowed);
	return dflt;
}

int plat_valid_ref_name(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 253 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

/*
 * A str-or-{secret_ref} field.  `secret` marks a field whose literal value
 * must never appear (client_secret): a literal is an error that does not
 * repeat it.
 */
void plat_get_value(struct binder *b, const struct floe_node *map,
		    const char *key, const char *path, int secret,
		    struct floe_value *out)
{
	const struct floe_node *v = get(map, key);
	char full[PLAT_PATH_MAX], d[120];

	memset(out, 0, sizeof(*out));
	plat_join(full, path, key);
	if (!v || (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL))
		return;
	out->node = v;
	if (v->kind == FLOE_NODE_MAP) {
		const struct floe_node *ref = get(v, "secret_ref");

		for (size_t i = 0; i < v->nr; i++) {
			const struct floe_node *k = v->pairs[i].key;

			if (!floe_node_is_str(k) || strcmp(k->value,
							   "secret_ref"))
				ERR(b, k, "%s: a secret reference has only "
				    "the key 'secret_ref'", full);
		}
		if (!ref) {
			ERR(b, v, "%s: expected {secret_ref: NAME}", full);
			return;
		}
		if (!floe_node_is_str(ref) ||
		    !plat_valid_ref_name(ref->value)) {
			ERR(b, ref, "%s.secret_ref: expected a name of "
			    "letters, digits, '_' and '-' that starts with a "
			    "letter or digit, found %s", full,
			    secret ? floe_node_describe(ref)
				   : plat_describe_value(ref, d, sizeof(d)));
			return;
		}
		out->kind = FLOE_VALUE_SECRET_REF;
		out->text = ref->value;
		out->node = ref;
		return;
	}
	if (secret) {
		/* Never echo it: the file itself is the leak. */
		ERR(b, v, "%s: a literal secret is not allowed here (its "
		    "value is not shown); write {secret_ref: NAME} and set "
		    "the secret in the environment", full);
		return;
	}
	if (!floe_node_is_str(v)) {
		ERR(b, v, "%s: expected a string or {secret_ref: NAME}, found "
		    "%s", full, plat_describe_value(v, d, sizeof(d)));
		return;
	}
	out->kind = FLOE_VALUE_LITERAL;
	out->text = v->value;
}

int plat_expect_map(struct binder *b, const struct floe_node *n,
		    const char *path)
{
	char d[120];

	if (n->kind == FLOE_NODE_MAP)
		return 1;
	ERR(b, n, "%s: expected a mapping, found %s", path,
	    plat_describe_value(n, d, sizeof(d)));
	return 0;
}

static const char *const cred_keys[] = {
	"mode", "client_id", "client_secret", "scope", "role_arn",
	"secret_ref", NULL
};
static const char *const cred_modes[] = {
	"static", "oauth2", "iam_role", "service_account", NULL
};

static int valid_role_arn(const char *s)
{
	/* ^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$ */
	static const char prefix[] = "arn:aws:iam::";
	size_t i = sizeof(prefix) - 1;

	if (strncmp(s, prefix, i))
		return 0;
	for (int d = 0; d < 12; d++, i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (strncmp(s + i, ":role/", 6))
		return 0;
	i += 6;
	if (!s[i])
		return 0;
	for (; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_+=,.@-", s[i]))
			return 0;
	return 1;
}

static void bind_credentials(struct binder *b, const struct floe_node *parent,
			     const char *path, struct floe_credentials *c)
{
	const struct floe_node *n = get(parent, "credentials");
	const struct floe_node *v;
	char full[PLAT_PATH_MAX], d[120];

	memset(c, 0, sizeof(*c));
	plat_join(full, path, "credentials");
	if (!n)
		return;
	if (!plat_expect_map(b, n, full))
		return;
	c->node = n;
	plat_check_keys(b, n, full, cred_keys);
	c->mode = (enum floe_cred_mode)plat_get_enum(b, n, "mode", full,
						     cred_modes,
						     FLOE_CRED_STATIC,
						     &c->mode_node);
	plat_get_value(b, n, "client_id", full, 0, &c->client_id);
	plat_get_value(b, n, "client_secret", full, 1, &c->client_secret);
	v = get(n, "scope");
	if (v && !(v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL))
		c->scope = plat_get_str(b, n, "scope", full, NULL, 0,
					&c->scope_node);
	v = get(n, "role_arn");
	if (v && !(v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL)) {
		c->role_arn = plat_get_str(b, n, "role_arn", full, NULL, 0,
					   NULL);
		if (c->role_arn && !valid_role_arn(c->role_arn))
			ERR(b, v, "%s.role_arn: %s is not an IAM role ARN "
			    "(arn:aws:iam::<12 digits>:role/<name>)", full,
			    plat_describe_value(v, d, sizeof(d)));
	}
	v = get(n, "secret_ref");
	if (v && !(v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL)) {
		c->secret_ref = plat_get_str(b, n, "secret_ref", full, NULL, 0,
					     NULL);
		if (c->secret_ref && !plat_valid_ref_name(c->secret_ref))
			ERR(b, v, "%s.secret_ref: %s is not a valid secret "
			    "name", full, plat_describe_value(v, d, sizeof(d)));
	}

	if (c->mode == FLOE_CRED_OAUTH2) {
		if (c->client_id.kind == FLOE_VALUE_UNSET &&
		    !(get(n, "client_id") && !is_null(get(n, "client_id"))))
			ERR(b, n, "%s.client_id is required when mode is "
			    "'oauth2'", full);
		if (c->client_secret.kind == FLOE_VALUE_UNSET &&
		    !(get(n, "client_secret") &&
		      !is_null(get(n, "client_secret"))))
			ERR(b, n, "%s.client_secret is required when mode is "
			    "'oauth2'", full);
	}
	if (c->mode == FLOE_CRED_IAM_ROLE &&
	    (!get(n, "role_arn") || is_null(get(n, "role_arn"))))
		ERR(b, n, "%s.role_arn is required when mode is 'iam_role'",
		    full);
}

static int valid_entry_name(const char *s)
{
	/* ^[a-zA-Z][a-zA-Z0-9_-]*$ */
	if (!isalpha((unsigned char)s[0]))
		return 0;
	for (size_t i = 1; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

/*
 * Iterate a section (a mapping of named entries): checks it is a mapping,
 * that each name is valid and each entry a mapping.  Returns the number
 * of entries, 0 when absent or broken.
 */
static size_t section(struct binder *b, const struct floe_node *root,
		      const char *key, const struct floe_node **out)
{
	const struct floe_node *s = get(root, key);
	char d[120];

	*out = NULL;
	if (!s)
		return 0;
	if (s->kind != FLOE_NODE_MAP) {
		ERR(b, s, "%s: expected a mapping of named entries, found %s",
		    key, plat_describe_value(s, d, sizeof(d)));
		return 0;
	}
	for (size_t i = 0; i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;

		if (!floe_node_is_str(k) || !valid_entry_name(k->value))
			ERR(b, k, "%s: %s is not a valid name (a letter, then "
			    "letters, digits, '_' or '-')", key,
			    plat_describe_value(k, d, sizeof(d)));
	}
	*out = s;
	return s->nr;
}

static const char *const catalog_keys[] = {
	"type", "uri", "warehouse", "namespace", "credentials",
	"access_delegation", "token_refresh_enabled", "properties", NULL
};
const char *const plat_catalog_types[] = {
	"polaris", "glue", "nessie", "rest", "hive", NULL
};
static const char *const delegations[] = {
	"none", "vended-credentials", "remote-signing", NULL
};

static int bind_properties(struct binder *b, const struct floe_node *n,
			   const char *path, struct floe_prop **out,
			   size_t *nr)
{
	char d[120];

	*out = NULL;
	*nr = 0;
	if (!n || (n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL))
		return 0;
	if (!plat_expect_map(b, n, path))
		return 0;
	if (!n->nr)
		return 0;
	*out = calloc(n->nr, sizeof(**out));
	if (!*out) {
		b->err = FLOE_ERR_NOMEM;
		return -1;
	}
	for (size_t i = 0; i < n->nr; i++) {
		const struct floe_node *k = n->pairs[i].key;
		const struct floe_node *v = n->pairs[i].value;

		if (!floe_node_is_str(k) || !floe_node_is_str(v)) {
			ERR(b, floe_node_is_str(k) ? v : k,
			    "%s: keys and values must be strings, found %s",
			    path,
			    plat_describe_value(floe_node_is_str(k) ? v : k,
						d, sizeof(d)));
			continue;
		}
		(*out)[*nr].key = k->value;
		(*out)[*nr].value = v->value;
		(*out)[*nr].key_node = k;
		(*out)[*nr].value_node = v;
		(*nr)++;
	}
	return 0;
}

static void bind_catalog(struct binder *b, const struct floe_pair *entry,
			 struct floe_catalog *c)
{
	const struct floe_node *n = entry->value;
	char path[PLAT_PATH_MAX], full[PLAT_PATH_MAX];

	c->name = entry->key->value;
	c->name_node = entry->key;
	c->token_refresh_enabled = true;
	plat_join(path, "catalogs", c->name);
	if (!plat_expect_map(b, n, path))
		return;
	plat_check_keys(b, n, path, catalog_keys);
	c->type = (enum floe_catalog_type)plat_get_enum(b, n, "type", path,
							plat_catalog_types,
							FLOE_CATALOG_POLARIS,
							&c->type_node);
	plat_get_value(b, n, "uri", path, 0, &c->uri);
	if (c->uri.kind == FLOE_VALUE_UNSET &&
	    (!get(n, "uri") || is_null(get(n, "uri"))))	/* absent or null */
		ERR(b, get(n, "uri") ? get(n, "uri") : n, "%s.uri is required",
		    path);
	c->warehouse = plat_get_str(b, n, "warehouse", path, NULL, 1,
				    &c->warehouse_node);
	if (c->warehouse && (!*c->warehouse || strlen(c->warehouse) > 255))
		ERR(b, c->warehouse_node, "%s.warehouse: must be 1 to 255 "
		    "characters", path);
	c->namespace_ = plat_get_str(b, n, "namespace", path, "default", 0,
				     NULL);
	bind_credentials(b, n, path, &c->credentials);
	c->access_delegation = (enum floe_delegation)plat_get_enum(
		b, n, "access_delegation", path, delegations,
		FLOE_DELEGATION_NONE, &c->access_delegation_node);
	c->token_refresh_enabled = plat_get_bool(b, n, "token_refresh_enabled",
						 path, 1);
	plat_join(full, path, "properties");
	bind_properties(b, get(n, "properties"), full, &c->properties,
			&c->nr_properties);
}

static const char *const storage_keys[] = {
	"type", "endpoint", "region", "bucket", "path_style_access",
	"credentials", NULL
};
static const char *const storage_types[] = {
	"s3", "gcs", "azure", "local", NULL
};

static void bind_storage(struct binder *b, const struct floe_pair *entry,
			 struct floe_storage *s)
{
	const struct floe_node *n = entry->value;
	const struct floe_node *bucket_node;
	char path[PLAT_PATH_MAX];

	s->name = entry->key->value;
	s->name_node = entry->key;
	s->region = "us-east-1";
	plat_join(path, "storage", s->name);
	if (!plat_expect_map(b, n, path))
		return;
	plat_check_keys(b, n, path, storage_keys);
	s->type = (enum floe_storage_type)plat_get_enum(b, n, "type", path,
							storage_types,
							FLOE_STORAGE_S3, NULL);
	plat_get_value(b, n, "endpoint", path, 0, &s->endpoint);
	s->region = plat_get_str(b, n, "region", path, "us-east-1", 0, NULL);
	s->bucket = plat_get_str(b, n, "bucket", path, NULL, 1, &bucket_node);
	if (s->bucket && (strlen(s->bucket) < 3 || strlen(s->bucket) > 63))
		ERR(b, bucket_node, "%s.bucket: must be 3 to 63 characters",
		    path);
	s->path_style_access = plat_get_bool(b, n, "path_style_access", path,
					     0);
	bind_credentials(b, n, path, &s->credentials);
}

static const char *const compute_keys[] = {
	"type", "properties", "credentials", NULL
};
const char *const plat_compute_types[] = {
	"duckdb", "snowflake", "bigquery", "redshift", "databricks",
	"postgres", "spark", NULL
};

static void bind_compute(struct binder *b, const struct floe_pair *entry,
			 struct floe_compute *c)
{
	const struct floe_node *n = entry->value;
	const struct floe_node *props;
	char path[PLAT_PATH_MAX], full[PLAT_PATH_MAX];

	c->name = entry->key->value;
	c->name_node = entry->key;
	plat_join(path, "compute", c->name);
	if (!plat_expect_map(b, n, path))
		return;
	plat_check_keys(b, n, path, compute_keys);
	c->type = (enum floe_compute_type)plat_get_enum(b, n, "type", path,
							plat_compute_types,
							FLOE_COMPUTE_DUCKDB,
							&c->type_node);
	props = get(n, "properties");
	plat_join(full, path, "properties");
	if (props && !(props->kind == FLOE_NODE_SCALAR &&
		       props->type == FLOE_TYPE_NULL) &&
	    plat_expect_map(b, props, full))
		c->properties = props;
	bind_credentials(b, n, path, &c->credentials);
}

static const char *const layer_keys[] = {
	"name", "description", "storage_ref", "catalog_ref", "namespace",
	"retention_days", "properties", NULL
};

static void bind_layer(struct binder *b, const struct floe_pair *entry,
		       struct floe_layer *l)
{
	const struct floe_node *n = entry->value;
	const struct floe_node *v;
	char path[PLAT_PATH_MAX], full[PLAT_PATH_MAX], d[120];
	const char *name;
	struct floe_prop *props;
	size_t nr_props;

	l->name = entry->key->value;
	l->name_node = entry->key;
	plat_join(path, "layers", l->name);
	if (!plat_expect_map(b, n, path))
		return;
	plat_check_keys(b, n, path, layer_keys);
	name = plat_get_str(b, n, "name", path, NULL, 1, &v);
	if (name && !valid_entry_name(name))
		ERR(b, v, "%s.name: %s is not a valid layer name", path,
		    plat_describe_value(v, d, sizeof(d)));
	plat_get_str(b, n, "description", path, NULL, 0, NULL);
	l->storage_ref = plat_get_str(b, n, "storage_ref", path, NULL, 1, NULL);
	l->catalog_ref = plat_get_str(b, n, "catalog_ref", path, "default", 0,
				      NULL);
	l->namespace_ = plat_get_str(b, n, "namespace", path, NULL, 1,
				     &l->namespace_node);
	v = get(n, "retention_days");
	if (v) {
		long long days;

		if (floe_node_int(v, &days) || days < 1 || days > 36500)
			ERR(b, v, "%s.retention_days: expected an integer "
			    "from 1 to 36500, found %s", path,
			    plat_describe_value(v, d, sizeof(d)));
	}
	plat_join(full, path, "properties");
	if (!bind_properties(b, get(n, "properties"), full, &props,
			     &nr_props))
		free(props);
}

static void check_layer_refs(struct binder *b, struct floe_platform *p)
{
	for (size_t i = 0; i < p->nr_layers; i++) {
		const struct floe_layer *l = &p->layers[i];
		const struct floe_node *map = l->name_node ?
			floe_map_get(floe_map_get(p->doc->root, "layers"),
				     l->name) : NULL;
		const struct floe_node *at;

		if (!map || map->kind != FLOE_NODE_MAP)
			continue;
		if (l->storage_ref && !floe_platform_storage(p,
							     l->storage_ref))
			ERR(b, floe_map_get(map, "storage_ref"),
			    "layers.%s.storage_ref: there is no storage "
			    "entry named '%s'", l->name, l->storage_ref);
		if (l->catalog_ref && !floe_platform_catalog(p,
							     l->catalog_ref)) {
			at = floe_map_get(map, "catalog_ref");
			ERR(b, at ? at : l->name_node,
			    "layers.%s.catalog_ref%s: there is no catalog "
			    "named '%s'", l->name,
			    at ? "" : " (default 'default')", l->catalog_ref);
		}
	}
}

static int valid_version(const char *s)
{
	/* ^\d+\.\d+\.\d+$ */
	for (int part = 0; part < 3; part++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
		if (part < 2 && *s++ != '.')
			return 0;
	}
	return !*s;
}

static const char *const root_keys[] = {
	"version", "layers", "infrastructure", "security", "governance",
	"storage", "catalogs", "compute", "observability", NULL
};

static void bind_root(struct binder *b, struct floe_platform *p)
{
	const struct floe_node *root = p->doc->root;
	const struct floe_node *sec, *v;
	char d[120];
	size_t n;

	if (!root || (root->kind == FLOE_NODE_SCALAR &&
		      root->type == FLOE_TYPE_NULL)) {
		struct floe_node at;
		struct floe_pos room[2], first = { 1, 1 };

		memset(&at, 0, sizeof(at));
		floe_node_place(&at, first, first, room);
		ERR(b, &at, "the platform file is empty; expected a mapping "
		    "with 'catalogs', 'storage' and 'compute'");
		return;
	}
	if (!plat_expect_map(b, root, "the platform file"))
		return;
	plat_check_keys(b, root, "platform", root_keys);

	p->version = plat_get_str(b, root, "version", "", "1.2.0", 0, &v);
	if (v && p->version && !valid_version(p->version))
		ERR(b, v, "version: %s is not a version like \"1.2.0\"",
		    plat_describe_value(v, d, sizeof(d)));

	n = section(b, root, "catalogs", &sec);
	if (n && !(p->catalogs = calloc(n, sizeof(*p->catalogs))))
		goto oom;
	for (size_t i = 0; i < n; i++)
		if (floe_node_is_str(sec->pairs[i].key))
			bind_catalog(b, &sec->pairs[i],
				     &p->catalogs[p->nr_catalogs++]);

	n = section(b, root, "storage", &sec);
	if (n && !(p->storage = calloc(n, sizeof(*p->storage))))
		goto oom;
	for (size_t i = 0; i < n; i++)
		if (floe_node_is_str(sec->pairs[i].key))
			bind_storage(b, &sec->pairs[i],
				     &p->storage[p->nr_storage++]);

	n = section(b, root, "compute", &sec);
	if (n && !(p->compute = calloc(n, sizeof(*p->compute))))
		goto oom;
	for (size_t i = 0; i < n; i++)
		if (floe_node_is_str(sec->pairs[i].key))
			bind_compute(b, &sec->pairs[i],
				     &p->compute[p->nr_compute++]);

	n = section(b, root, "layers", &sec);
	if (n && !(p->layers = calloc(n, sizeof(*p->layers))))
		goto oom;
	for (size_t i = 0; i < n; i++)
		if (floe_node_is_str(sec->pairs[i].key))
			bind_layer(b, &sec->pairs[i],
				   &p->layers[p->nr_layers++]);
	check_layer_refs(b, p);
	return;
oom:
	b->err = FLOE_ERR_NOMEM;
}

enum floe_err floe_platform_load(const char *file, const char *buf,
				 size_t len,
				 const struct floe_yaml_limits *limits,
				 struct floe_platform **out,
				 struct floe_diags *diags)
{
	struct floe_platform_options opt;

	memset(&opt, 0, sizeof(opt));
	opt.limits = limits;
	return floe_platform_load_opts(file, buf, len, &opt, out, diags);
}

enum floe_err floe_platform_load_opts(const char *file, const char *buf,
				      size_t len,
				      const struct floe_platform_options *opt,
				      struct floe_platform **out,
				      struct floe_diags *diags)
{
	struct binder b = { file, diags, FLOE_OK };
	struct floe_platform *p;
	enum floe_err err;

	p = calloc(1, sizeof(*p));
	if (!p)
		return FLOE_ERR_NOMEM;
	p->file = file;
	err = floe_yaml_parse(file, buf, len, opt->limits, &p->doc, diags);
	if (err != FLOE_OK) {
		free(p);
		return err;
	}
	/* one model, two files: what follows never asks which it was */
	if (plat_is_manifest(p->doc->root)) {
		p->format = FLOE_PLATFORM_MANIFEST;
		plat_bind_manifest(&b, p, opt);
	} else {
		bind_root(&b, p);
	}
	if (b.err != FLOE_OK) {
		floe_platform_free(p);
		return b.err;
	}
	*out = p;
	return FLOE_OK;
}

void floe_platform_free(struct floe_platform *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nr_catalogs; i++)
		free(p->catalogs[i].properties);
	free(p->catalogs);
	free(p->storage);
	free(p->compute);
	free(p->layers);
	floe_doc_free(p->doc);
	free(p);
}

const struct floe_catalog *floe_platform_catalog(const struct floe_platform *p,
						 const char *name)
{
	for (size_t i = 0; i < p->nr_catalogs; i++)
		if (!strcmp(p->catalogs[i].name, name))
			return &p->catalogs[i];
	return NULL;
}

const struct floe_storage *floe_platform_storage(const struct floe_platform *p,
						 const char *name)
{
	for (size_t i = 0; i < p->nr_storage; i++)
		if (!strcmp(p->storage[i].name, name))
			return &p->storage[i];
	return NULL;
}

const struct floe_compute *floe_platform_compute(const struct floe_platform *p,
						 const char *name)
{
	for (size_t i = 0; i < p->nr_compute; i++)
		if (!strcmp(p->compute[i].name, name))
			return &p->compute[i];
	return NULL;
}

char *floe_secret_env_name(const char *ref)
{
	size_t n = strlen(ref);
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		s[i] = ref[i] == '-' ? '_'
				     : (char)toupper((unsigned char)ref[i]);
	return s;
}
