/*
 * floe-profiles: the platform description as typed structs.
 *
 * Two files describe a platform, and both are bound into this one model,
 * so everything downstream (generate, lint's drift rules, check) is
 * shared: floe-runtime's platform.yaml and the successor floe's
 * manifest.yaml (`apiVersion: floe.dev/v1`, `kind: Manifest`), told apart
 * by those two keys.  A manifest's positions point into the manifest; its
 * mapping onto the model is in docs/platform.md ("manifest.yaml").
 *
 * platform.yaml's schema is floe-runtime's PlatformSpec (HEAD fdde34b; see
 * docs/platform.md).  Only what a dbt profile needs is bound; the sections
 * `infrastructure`, `security`, `governance` and `observability` are
 * accepted and skipped.  Unknown keys inside a catalog, storage, compute
 * or layer entry are warnings (the real files carry such keys); wrong
 * types, unknown enum values, missing required fields and bad references
 * are errors positioned at the offending value.
 *
 * Every string points into the parsed document, which the platform owns:
 * all of it lives until floe_platform_free().
 */
#ifndef FLOE_PLATFORM_H
#define FLOE_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/yaml.h"

/* A field floe accepts as a plain string or as {secret_ref: NAME}. */
enum floe_value_kind {
	FLOE_VALUE_UNSET = 0,
	FLOE_VALUE_LITERAL,
	FLOE_VALUE_SECRET_REF
};

struct floe_value {
	enum floe_value_kind kind;
	const char *text;		/* the literal, or the ref's name */
	const struct floe_node *node;	/* where it is written */
};

enum floe_cred_mode {
	FLOE_CRED_STATIC = 0,
	FLOE_CRED_OAUTH2,
	FLOE_CRED_IAM_ROLE,
	FLOE_CRED_SERVICE_ACCOUNT
};

struct floe_credentials {
	enum floe_cred_mode mode;
	const struct floe_node *mode_node;
	struct floe_value client_id;
	struct floe_value client_secret;	/* never a literal once bound */
	const char *scope;
	const struct floe_node *scope_node;
	const char *role_arn;
	const char *secret_ref;
	const struct floe_node *node;	/* the credentials mapping, or NULL */
};

enum floe_catalog_type {
	FLOE_CATALOG_POLARIS = 0,
	FLOE_CATALOG_GLUE,
	FLOE_CATALOG_NESSIE,
	FLOE_CATALOG_REST,
	FLOE_CATALOG_HIVE
};

enum floe_delegation {
	FLOE_DELEGATION_NONE = 0,
	FLOE_DELEGATION_VENDED,		/* vended-credentials */
	FLOE_DELEGATION_REMOTE_SIGNING	/* remote-signing */
};

struct floe_prop {
	const char *key, *value;
	const struct floe_node *key_node, *value_node;
};

struct floe_catalog {
	const char *name;
	const struct floe_node *name_node;
	enum floe_catalog_type type;
	const struct floe_node *type_node;
	struct floe_value uri;
	const char *warehouse;
	const struct floe_node *warehouse_node;
	const char *namespace_;
	struct floe_credentials credentials;
	enum floe_delegation access_delegation;
	const struct floe_node *access_delegation_node;	/* NULL = default */
	bool token_refresh_enabled;
	struct floe_prop *properties;
	size_t nr_properties;
};

enum floe_storage_type {
	FLOE_STORAGE_S3 = 0,
	FLOE_STORAGE_GCS,
	FLOE_STORAGE_AZURE,
	FLOE_STORAGE_LOCAL
};

struct floe_storage {
	const char *name;
	const struct floe_node *name_node;
	enum floe_storage_type type;
	struct floe_value endpoint;	/* unset or "" means AWS S3 */
	const char *region;		/* default us-east-1 */
	const char *bucket;
	bool path_style_access;
	struct floe_credentials credentials;
};

enum floe_compute_type {
	FLOE_COMPUTE_DUCKDB = 0,
	FLOE_COMPUTE_SNOWFLAKE,
	FLOE_COMPUTE_BIGQUERY,
	FLOE_COMPUTE_REDSHIFT,
	FLOE_COMPUTE_DATABRICKS,
	FLOE_COMPUTE_POSTGRES,
	FLOE_COMPUTE_SPARK
};

struct floe_compute {
	const char *name;
	const struct floe_node *name_node;
	enum floe_compute_type type;
	const struct floe_node *type_node;
	const struct floe_node *properties;	/* the free-form mapping */
	struct floe_credentials credentials;
};

struct floe_layer {
	const char *name;		/* the map key */
	const struct floe_node *name_node;
	const char *storage_ref;
	const char *catalog_ref;	/* default "default" */
	const char *namespace_;
	const struct floe_node *namespace_node;
};

enum floe_platform_format {
	FLOE_PLATFORM_YAML = 0,		/* floe-runtime's platform.yaml */
	FLOE_PLATFORM_MANIFEST		/* floe's manifest.yaml */
};

struct floe_platform {
	const char *file;
	enum floe_platform_format format;
	const char *version;		/* default "1.2.0" */
	struct floe_catalog *catalogs;
	size_t nr_catalogs;
	struct floe_storage *storage;
	size_t nr_storage;
	struct floe_compute *compute;
	size_t nr_compute;
	struct floe_layer *layers;
	size_t nr_layers;
	struct floe_doc *doc;		/* owned */
};

/**
 * Parse and bind a platform file: a platform.yaml, or a manifest.yaml.
 * \param[in]  file   display name (borrowed; must outlive the platform).
 * \param[out] out    on FLOE_OK a caller-owned platform, free it with
 *                    floe_platform_free(); untouched otherwise.
 * \param[out] diags  every problem found is appended here.
 * \return FLOE_OK when the file is usable (warnings may have been added),
 *         FLOE_ERR_INPUT when it has errors, FLOE_ERR_TOO_BIG, or
 *         FLOE_ERR_NOMEM.
 */
enum floe_err floe_platform_load(const char *file, const char *buf,
				 size_t len,
				 const struct floe_yaml_limits *limits,
				 struct floe_platform **out,
				 struct floe_diags *diags);

/* A value for a manifest's `{NAME}` placeholders (--set NAME=VALUE). */
struct floe_platform_var {
	const char *name;	/* borrowed */
	const char *value;	/* borrowed; copied into the platform */
};

struct floe_platform_options {
	const struct floe_yaml_limits *limits;	/* NULL: the defaults */
	/*
	 * Fill `{NAME}` placeholders in the manifest values that reach the
	 * profile; a placeholder without a value is an error at its
	 * position.  platform.yaml has no placeholders.
	 */
	const struct floe_platform_var *vars;
	size_t nr_vars;
};

/**
 * floe_platform_load() with options.  `opt` may not be NULL.
 */
enum floe_err floe_platform_load_opts(const char *file, const char *buf,
				      size_t len,
				      const struct floe_platform_options *opt,
				      struct floe_platform **out,
				      struct floe_diags *diags);

void floe_platform_free(struct floe_platform *p);

const struct floe_catalog *floe_platform_catalog(const struct floe_platform *p,
						 const char *name);
const struct floe_storage *floe_platform_storage(const struct floe_platform *p,
						 const char *name);
const struct floe_compute *floe_platform_compute(const struct floe_platform *p,
						 const char *name);

/** floe's secret_ref rule: upper-case, '-' becomes '_'.  Caller frees. */
char *floe_secret_env_name(const char *ref);

#endif
