/*
 * Unit tests for src/manifest.c: floe's manifest.yaml bound into the
 * platform model (the same struct floe_platform as platform.yaml).
 *
 * Positions are asserted against the YAML text itself, as in
 * test_platform.c: bind_at() finds a unique piece of the input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/platform.h"

#include "bind_fixture.h"

#define FILE_NAME "manifest.yaml"
#define CANARY "CANARY-m4n1f3st"

static int setup(void **state)
{
	return bind_setup(state, FILE_NAME, CANARY);
}

static int teardown(void **state)
{
	return bind_teardown(state);
}

static const struct floe_prop *prop(const struct floe_catalog *c,
				    const char *key)
{
	for (size_t i = 0; i < c->nr_properties; i++)
		if (!strcmp(c->properties[i].key, key))
			return &c->properties[i];
	return NULL;
}

static const struct floe_node *compute_prop(const struct floe_platform *p,
					    const char *key)
{
	assert_int_equal(p->nr_compute, 1);
	return floe_map_get(p->compute[0].properties, key);
}

/* ---- the real demo manifest ---- */

static char *read_demo(size_t *len)
{
	char *buf = NULL;
	int errnum;

	assert_int_equal(floe_read_file(FLOE_SHARED_DIR "/fixtures/successor/"
					"floe__demo__02e2a7e.manifest.yaml",
					FLOE_YAML_MAX_BYTES, &buf, len,
					&errnum), FLOE_OK);
	return buf;
}

static void test_manifest_binds_the_demo(void **state)
{
	static const struct floe_platform_var slug[] = {
		{ "product_slug", "demo" }
	};
	struct bind_ctx *c = *state;
	const struct floe_catalog *cat;
	const struct floe_storage *s;
	const struct floe_node *path;
	const struct floe_prop *token;
	size_t len;
	char *buf = read_demo(&len);

	c->vars = slug;
	c->nr_vars = 1;
	buf[len] = '\0';
	assert_int_equal(bind_load(c, buf), FLOE_OK);
	c->vars = NULL;
	c->nr_vars = 0;
	assert_int_equal(c->p->format, FLOE_PLATFORM_MANIFEST);

	/* the one warning: the literal client_secret, at 56:24 */
	assert_int_equal(c->d.nr, 1);
	bind_expect_at(c, FLOE_SEV_WARNING, "environment variable "
		  "POLARIS_CLIENT_SECRET", "client_secret: demo-secret",
		  "demo-secret");
	assert_null(strstr(c->d.items[0].message, "demo-secret"));

	assert_int_equal(c->p->nr_catalogs, 1);
	cat = &c->p->catalogs[0];
	assert_string_equal(cat->name, "default");
	assert_int_equal(cat->type, FLOE_CATALOG_POLARIS);
	assert_int_equal(cat->uri.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->uri.text,
			    "http://floe-platform-polaris:8181/api/catalog");
	assert_string_equal(cat->warehouse, "floe-demo");
	assert_int_equal(cat->credentials.mode, FLOE_CRED_OAUTH2);
	assert_int_equal(cat->credentials.client_id.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->credentials.client_id.text, "demo-admin");
	assert_int_equal(cat->credentials.client_secret.kind,
			 FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->credentials.client_secret.text,
			    "polaris-client-secret");
	assert_string_equal(cat->credentials.scope, "PRINCIPAL_ROLE:ALL");
	/* credential_vending_enabled is absent: floe's default, true */
	assert_int_equal(cat->access_delegation, FLOE_DELEGATION_VENDED);
	token = prop(cat, "oauth2-server-uri");
	assert_non_null(token);
	assert_string_equal(token->value, "http://floe-platform-polaris:8181/"
			    "api/catalog/v1/oauth/tokens");

	assert_int_equal(c->p->nr_storage, 1);
	s = &c->p->storage[0];
	assert_int_equal(s->type, FLOE_STORAGE_S3);
	assert_string_equal(s->endpoint.text,
			    "http://floe-platform-minio:9000");
	assert_string_equal(s->region, "us-east-1");
	assert_string_equal(s->bucket, "floe-iceberg");
	assert_true(s->path_style_access);

	assert_int_equal(c->p->compute[0].type, FLOE_COMPUTE_DUCKDB);
	path = compute_prop(c->p, "path");
	assert_non_null(path);
	assert_string_equal(path->value, "/tmp/floe/demo.duckdb");
	/* the filled value keeps the position of what is written */
	assert_int_equal(floe_node_start(path).line, 36);
	assert_int_equal(floe_node_start(path).column, 13);
	assert_string_equal(compute_prop(c->p, "memory_limit")->value, "2GB");
	assert_string_equal(compute_prop(c->p, "threads")->value, "4");
	free(buf);
}

/* ---- secrets ---- */

static const char secret_yaml[] =
	"apiVersion: floe.dev/v1\n"
	"kind: Manifest\n"
	"plugins:\n"
	"  catalog:\n"
	"    type: polaris\n"
	"    config:\n"
	"      uri: http://polaris:8181/api/catalog\n"
	"      warehouse: demo\n"
	"      credential_vending_enabled: false\n"
	"      oauth2:\n"
	"        client_id: demo\n"
	"        client_secret: " CANARY "\n"
	"        scope: PRINCIPAL_ROLE:ALL\n"
	"  storage:\n"
	"    type: minio\n"
	"    config:\n"
	"      endpoint: http://minio:9000\n"
	"      bucket: floe-data\n"
	"      access_key_id: \"" CANARY "\"\n"
	"      secret_access_key: '" CANARY "'\n";

static void test_manifest_never_copies_a_literal_secret(void **state)
{
	struct bind_ctx *c = *state;
	struct floe_gen_target t = { "dev", NULL, NULL };
	struct floe_gen_options opt;
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(bind_load(c, secret_yaml), FLOE_OK);
	bind_expect_no_canary(c);
	assert_int_equal(c->d.nr, 3);
	bind_expect_at(c, FLOE_SEV_WARNING, "variable POLARIS_CLIENT_SECRET",
		  "client_secret: " CANARY, CANARY);
	bind_expect_at(c, FLOE_SEV_WARNING, "variable AWS_ACCESS_KEY_ID",
		  "access_key_id: \"", "\"" CANARY);
	bind_expect_at(c, FLOE_SEV_WARNING, "variable AWS_SECRET_ACCESS_KEY",
		  "secret_access_key: '", "'" CANARY);
	assert_string_equal(c->p->catalogs[0].credentials.client_secret.text,
			    "polaris-client-secret");

	/* the profile reads the variables, never the value */
	memset(&opt, 0, sizeof(opt));
	t.platform = c->p;
	opt.targets = &t;
	opt.nr_targets = 1;
	assert_int_equal(floe_generate(&opt, &out, &len, &c->d), FLOE_OK);
	assert_null(strstr(out, CANARY));
	assert_non_null(strstr(out, "client_secret: \"{{ env_var('POLARIS_"
				    "CLIENT_SECRET') }}\""));
	assert_non_null(strstr(out, "secret: \"{{ env_var('AWS_SECRET_"
				    "ACCESS_KEY') }}\""));
	bind_expect_no_canary(c);
	free(out);
}

static void test_manifest_secret_of_a_wrong_type_is_not_shown(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  catalog:\n"
		    "    type: rest\n"
		    "    config:\n"
		    "      uri: http://polaris:8181/api/catalog\n"
		    "      warehouse: demo\n"
		    "      oauth2:\n"
		    "        client_id: demo\n"
		    "        client_secret: [" CANARY "]\n");
	bind_expect_no_canary(c);
	bind_expect(c, FLOE_SEV_ERROR, "client_secret: expected a string or "
	       "{secret_ref: NAME}, found a list");
	/* a reference is accepted, as in platform.yaml; a rest catalog's
	 * variable is derived from its type */
	bind_load_clean(c, "apiVersion: floe.dev/v1\n"
		      "kind: Manifest\n"
		      "plugins:\n"
		      "  catalog:\n"
		      "    type: rest\n"
		      "    config:\n"
		      "      uri: http://polaris:8181/api/catalog\n"
		      "      warehouse: demo\n"
		      "      oauth2:\n"
		      "        client_id: demo\n"
		      "        client_secret: {secret_ref: my-secret}\n");
	assert_string_equal(c->p->catalogs[0].credentials.client_secret.text,
			    "my-secret");
	bind_load(c, "apiVersion: floe.dev/v1\n"
		"kind: Manifest\n"
		"plugins:\n"
		"  catalog:\n"
		"    type: rest\n"
		"    config:\n"
		"      uri: http://polaris:8181/api/catalog\n"
		"      warehouse: demo\n"
		"      oauth2:\n"
		"        client_id: demo\n"
		"        client_secret: 12345\n");
	bind_expect(c, FLOE_SEV_WARNING, "environment variable "
	       "REST_CLIENT_SECRET");
	assert_null(strstr(c->d.items[0].message, "12345"));
}

/* ---- placeholders ---- */

static const char placeholder_yaml[] =
	"apiVersion: floe.dev/v1\n"
	"kind: Manifest\n"
	"plugins:\n"
	"  compute:\n"
	"    type: duckdb\n"
	"    config:\n"
	"      path: /data/{team}/{product_slug}.duckdb\n"
	"      temp_directory: \"/tmp/{product_slug}\"\n"
	"  catalog:\n"
	"    type: polaris\n"
	"    config:\n"
	"      uri: http://polaris:8181/api/catalog\n"
	"      warehouse: wh_{env}\n"
	"      oauth2:\n"
	"        client_id: id-{{ x }}\n"
	"        client_secret: {secret_ref: s}\n"
	"  storage:\n"
	"    type: s3\n"
	"    config:\n"
	"      bucket: bucket-{unfilled_but_unused}\n";

static void test_manifest_reports_unfilled_placeholders(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, placeholder_yaml);
	/* each one, at its own column */
	bind_expect_at(c, FLOE_SEV_ERROR, "path: the placeholder '{team}' has no "
		  "value", "/data/{team}", "{team}");
	bind_expect_at(c, FLOE_SEV_ERROR, "path: the placeholder '{product_slug}'"
		  " has no value; floe fills it when it compiles a data "
		  "product: give it with --set product_slug=VALUE",
		  "/{product_slug}.duckdb", "{product_slug}");
	/* in a quoted scalar: at the scalar */
	bind_expect_at(c, FLOE_SEV_ERROR, "temp_directory: the placeholder",
		  "\"/tmp/{product_slug}\"", "\"");
	bind_expect_at(c, FLOE_SEV_ERROR, "warehouse: the placeholder '{env}'",
		  "wh_{env}", "{env}");
	/* Jinja is not a placeholder, and the bucket never reaches the
	 * profile */
	assert_int_equal(c->d.nr_errors, 4);
}

static void test_manifest_fills_placeholders_from_vars(void **state)
{
	static const struct floe_platform_var v[] = {
		{ "team", "sales" }, { "product_slug", "first" },
		{ "env", "prod" }, { "product_slug", "orders" },
		{ "unused", "x" }
	};
	struct bind_ctx *c = *state;
	const struct floe_catalog *cat;

	c->vars = v;
	c->nr_vars = 5;
	bind_load_clean(c, placeholder_yaml);
	c->vars = NULL;
	c->nr_vars = 0;
	/* the last value given wins */
	assert_string_equal(compute_prop(c->p, "path")->value,
			    "/data/sales/orders.duckdb");
	assert_string_equal(compute_prop(c->p, "temp_directory")->value,
			    "/tmp/orders");
	cat = &c->p->catalogs[0];
	assert_string_equal(cat->warehouse, "wh_prod");
	assert_int_equal(floe_node_start(cat->warehouse_node).column, 18);
	assert_string_equal(cat->credentials.client_id.text, "id-{{ x }}");
	assert_string_equal(c->p->storage[0].bucket,
			    "bucket-{unfilled_but_unused}");
}

/* ---- recognition ---- */

static void test_manifest_refuses_an_unknown_api_version(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, "apiVersion: floe.dev/v2\n"
		    "kind: Manifest\n"
		    "plugins: {}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "apiVersion: a string ('floe.dev/v2') "
		  "is not a manifest version floe-profiles knows; known: "
		  "'floe.dev/v1'", "floe.dev/v2", "floe.dev/v2");
	/* nothing else is read from a schema we do not know */
	assert_int_equal(c->d.nr, 1);

	bind_load_bad(c, "apiVersion: 1\nkind: Manifest\n");
	bind_expect(c, FLOE_SEV_ERROR, "apiVersion: an integer ('1') is not a "
	       "manifest version");
	bind_load_bad(c, "kind: Manifest\nplugins: {}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "apiVersion is required in a manifest "
		  "(known: 'floe.dev/v1')", "kind", "kind");
	bind_load_bad(c, "apiVersion: floe.dev/v1\nplugins: {}\n");
	bind_expect(c, FLOE_SEV_ERROR, "kind is required in a manifest");
	bind_load_bad(c, "apiVersion: floe.dev/v1\nkind: FloeSpec\n");
	bind_expect(c, FLOE_SEV_ERROR, "'FloeSpec' is a data product's floe.yaml");
	bind_load_bad(c, "apiVersion: floe.dev/v1\nkind: manifest\n");
	bind_expect(c, FLOE_SEV_ERROR, "kind: a string ('manifest') is not "
	       "'Manifest'");
}

static void test_manifest_needs_plugins_and_a_catalog(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, "apiVersion: floe.dev/v1\nkind: Manifest\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins is required");
	bind_load_bad(c, "apiVersion: floe.dev/v1\nkind: Manifest\nplugins: [a]\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "plugins: expected a mapping", "[a]",
		  "[a]");
	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  compute: {type: duckdb}\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog is required");
	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  catalog:\n"
		    "    type: polaris\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog.config is required");
	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  catalog:\n"
		    "    config: {uri: 'http://p:8181/api/catalog'}\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog.type is required");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog.config.warehouse is "
	       "required");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog.config.oauth2 is required");
	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  catalog:\n"
		    "    type: polaris\n"
		    "    config:\n"
		    "      warehouse: w\n"
		    "      oauth2: {scope: 'PRINCIPAL_ROLE:ALL'}\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.catalog.config.uri is required");
	bind_expect(c, FLOE_SEV_ERROR, "oauth2.client_id is required");
	bind_expect(c, FLOE_SEV_ERROR, "oauth2.client_secret is required");
}

static const char minimal_catalog[] =
	"  catalog:\n"
	"    type: polaris\n"
	"    config:\n"
	"      uri: http://polaris:8181/api/catalog\n"
	"      warehouse: demo\n"
	"      oauth2: {client_id: a, client_secret: {secret_ref: b}}\n";

static void test_manifest_skips_sections_and_warns_unknown_keys(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[2048];

	snprintf(yaml, sizeof(yaml),
		 "apiVersion: floe.dev/v1\n"
		 "kind: Manifest\n"
		 "metadata: 7\n"
		 "governance: [1, 2]\n"
		 "observability: {tracing: nonsense}\n"
		 "resource_presets: {small: 1}\n"
		 "scope: whatever\n"
		 "extra_top: 1\n"
		 "plugins:\n"
		 "  orchestrator: {type: dagster, config: 12}\n"
		 "  ingestion: [not, a, selection]\n"
		 "  lineage_backend: ~\n"
		 "  quality: {type: soda}\n"
		 "  warehouse_plugin: {type: x}\n"
		 "%s"
		 "    connection_secret_ref: polaris-creds\n"
		 "    version: 0.1.0\n"
		 "    colour: blue\n",
		 minimal_catalog);
	bind_load(c, yaml);
	assert_int_equal(c->d.nr_errors, 0);
	bind_expect_at(c, FLOE_SEV_WARNING, "manifest: unknown key 'extra_top' is "
		  "ignored", "extra_top", "extra_top");
	bind_expect_at(c, FLOE_SEV_WARNING, "plugins: unknown key "
		  "'warehouse_plugin'", "warehouse_plugin", "warehouse_plugin");
	bind_expect_at(c, FLOE_SEV_WARNING, "plugins.catalog: unknown key "
		  "'colour'", "colour", "colour");
	assert_int_equal(c->d.nr, 3);

	bind_load(c, "apiVersion: floe.dev/v1\n"
		"kind: Manifest\n"
		"plugins:\n"
		"  catalog:\n"
		"    type: polaris\n"
		"    config:\n"
		"      uri: http://polaris:8181/api/catalog\n"
		"      warehouse: demo\n"
		"      namespace: bronze\n"
		"      max_retries: 3\n"
		"      oauth2:\n"
		"        client_id: a\n"
		"        client_secret: {secret_ref: b}\n"
		"        refresh_margin_seconds: 60\n"
		"        audience: x\n"
		"  storage:\n"
		"    type: s3\n"
		"    config: {bucket: floe, replication: 3}\n");
	bind_expect_at(c, FLOE_SEV_WARNING, "plugins.catalog.config: unknown key "
		  "'namespace'", "namespace", "namespace");
	bind_expect_at(c, FLOE_SEV_WARNING, "plugins.catalog.config.oauth2: "
		  "unknown key 'audience'", "audience", "audience");
	bind_expect_at(c, FLOE_SEV_WARNING, "plugins.storage.config: unknown key "
		  "'replication'", "replication", "replication");
	assert_int_equal(c->d.nr, 3);
}

static void test_manifest_refuses_wrong_types(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, "apiVersion: floe.dev/v1\n"
		    "kind: Manifest\n"
		    "plugins:\n"
		    "  catalog:\n"
		    "    type: polaris\n"
		    "    config:\n"
		    "      uri: 8181\n"
		    "      warehouse: 123\n"
		    "      credential_vending_enabled: \"true\"\n"
		    "      oauth2: {client_id: a, client_secret: {secret_ref: b},"
		    " scope: [x], token_url: 1.5}\n"
		    "  storage:\n"
		    "    type: gcp\n"
		    "    config: {bucket: floe}\n"
		    "  compute:\n"
		    "    type: duckdb\n"
		    "    config: just-a-string\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "plugins.catalog.config.uri: expected a "
		  "string or {secret_ref: NAME}, found an integer ('8181')",
		  "8181", "8181");
	bind_expect_at(c, FLOE_SEV_ERROR, "plugins.catalog.config.warehouse: "
		  "expected a string, found an integer ('123')", "123", "123");
	bind_expect_at(c, FLOE_SEV_ERROR, "credential_vending_enabled: expected a "
		  "boolean", "\"true\"", "\"true\"");
	bind_expect_at(c, FLOE_SEV_ERROR, "oauth2.scope: expected a string, found "
		  "a list", "[x]", "[x]");
	bind_expect_at(c, FLOE_SEV_ERROR, "oauth2.token_url: expected a string, "
		  "found a float ('1.5')", "1.5", "1.5");
	bind_expect_at(c, FLOE_SEV_ERROR, "plugins.storage.type: a string ('gcp') "
		  "is not allowed; expected one of 's3', 'minio', 'gcs', "
		  "'azure-blob'", "gcp", "gcp");
	bind_expect_at(c, FLOE_SEV_ERROR, "plugins.compute.config: expected a "
		  "mapping", "just-a-string", "just-a-string");
}

static void test_manifest_maps_storage_types(void **state)
{
	static const struct {
		const char *type;
		enum floe_storage_type want;
	} cases[] = {
		{ "s3", FLOE_STORAGE_S3 }, { "minio", FLOE_STORAGE_S3 },
		{ "gcs", FLOE_STORAGE_GCS },
		{ "azure-blob", FLOE_STORAGE_AZURE },
	};
	struct bind_ctx *c = *state;
	char yaml[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(yaml, sizeof(yaml),
			 "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n"
			 "%s  storage:\n    type: %s\n", minimal_catalog,
			 cases[i].type);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->storage[0].type, cases[i].want);
		/* S3StorageConfig's default, unlike platform.yaml's */
		assert_true(c->p->storage[0].path_style_access);
	}
}

static void test_manifest_warns_about_a_foreign_token_url(void **state)
{
	static const struct {
		const char *type, *uri, *token;
		int warns;
	} cases[] = {
		{ "polaris", "http://p:8181/api/catalog",
		  "http://p:8181/api/catalog/v1/oauth/tokens", 0 },
		{ "polaris", "http://p:8181/api/catalog/",
		  "http://p:8181/api/catalog/v1/oauth/tokens/", 0 },
		{ "polaris", "http://p:8181/api/catalog/v1",
		  "http://p:8181/api/catalog/v1/oauth/tokens", 0 },
		{ "polaris", "http://p:8181/api/catalog",
		  "https://idp.example.com/realms/floe/token", 1 },
		{ "polaris", "http://p:8181/api/catalog",
		  "http://p:8181/api/v1/oauth/tokens", 1 },
		{ "rest", "http://p:8181/api/catalog",
		  "https://idp.example.com/realms/floe/token", 0 },
	};
	struct bind_ctx *c = *state;
	char yaml[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(yaml, sizeof(yaml),
			 "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n"
			 "  catalog:\n"
			 "    type: %s\n"
			 "    config:\n"
			 "      uri: %s\n"
			 "      warehouse: demo\n"
			 "      oauth2:\n"
			 "        client_id: a\n"
			 "        client_secret: {secret_ref: b}\n"
			 "        token_url: %s\n", cases[i].type, cases[i].uri,
			 cases[i].token);
		assert_int_equal(bind_load(c, yaml), FLOE_OK);
		assert_int_equal(c->d.nr, (size_t)cases[i].warns);
		assert_string_equal(prop(&c->p->catalogs[0],
					 "oauth2-server-uri")->value,
				    cases[i].token);
		if (cases[i].warns)
			bind_expect_at(c, FLOE_SEV_WARNING, "token_url: '", "token_"
				  "url: ", cases[i].token);
	}
}

static void test_manifest_null_token_url_is_not_set(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_clean(c, "apiVersion: floe.dev/v1\n"
		      "kind: Manifest\n"
		      "plugins:\n"
		      "  catalog:\n"
		      "    type: polaris\n"
		      "    config:\n"
		      "      uri: http://polaris:8181/api/catalog\n"
		      "      warehouse: demo\n"
		      "      oauth2:\n"
		      "        client_id: a\n"
		      "        client_secret: {secret_ref: b}\n"
		      "        token_url: ~\n"
		      "        scope:\n");
	assert_int_equal(c->p->catalogs[0].nr_properties, 0);
	assert_null(c->p->catalogs[0].credentials.scope);
}

static void test_manifest_merges_explicit_settings(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_node *props;

	bind_load_clean(c, "apiVersion: floe.dev/v1\n"
		      "kind: Manifest\n"
		      "plugins:\n"
		      "  compute:\n"
		      "    type: duckdb\n"
		      "    config:\n"
		      "      memory_limit: 2GB\n"
		      "      threads: 2\n"
		      "      settings:\n"
		      "        memory_limit: 3GB\n"
		      "        temp_directory: /tmp/t\n"
		      "  catalog:\n"
		      "    type: polaris\n"
		      "    config:\n"
		      "      uri: http://polaris:8181/api/catalog\n"
		      "      warehouse: demo\n"
		      "      oauth2: {client_id: a, client_secret: "
		      "{secret_ref: b}}\n");
	props = c->p->compute[0].properties;
	assert_int_equal(props->nr, 3);
	assert_string_equal(props->pairs[0].key->value, "memory_limit");
	/* the explicit setting wins, and is where the position points */
	assert_string_equal(props->pairs[0].value->value, "3GB");
	assert_int_equal(floe_node_start(props->pairs[0].key).line, 10);
	assert_string_equal(props->pairs[1].key->value, "threads");
	assert_string_equal(props->pairs[2].key->value, "temp_directory");
	assert_null(floe_map_get(props, "settings"));
}

/* Generate from the loaded manifest; returns the error, frees output. */
static enum floe_err gen(struct bind_ctx *c)
{
	struct floe_gen_target t = { "dev", NULL, NULL };
	struct floe_gen_options opt;
	char *out = NULL;
	size_t len = 0;
	enum floe_err err;

	memset(&opt, 0, sizeof(opt));
	t.platform = c->p;
	opt.targets = &t;
	opt.nr_targets = 1;
	err = floe_generate(&opt, &out, &len, &c->d);
	free(out);
	return err;
}

static void test_manifest_compute_must_be_duckdb(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[1024];

	snprintf(yaml, sizeof(yaml),
		 "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n"
		 "%s  compute:\n    type: spark\n", minimal_catalog);
	bind_load_clean(c, yaml);
	assert_int_equal(gen(c), FLOE_ERR_INPUT);
	bind_expect_at(c, FLOE_SEV_ERROR, "compute.default.type is 'spark'",
		  "type: spark", "spark");
	bind_load(c, "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n"
		"  compute: {config: {threads: 2}}\n");
	bind_expect(c, FLOE_SEV_ERROR, "plugins.compute.type is required");
}

static void test_manifest_vended_storage_needs_no_keys(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[1024];

	snprintf(yaml, sizeof(yaml),
		 "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n"
		 "%s  storage:\n    type: s3\n    config:\n"
		 "      bucket: lake\n      secret_access_key: " CANARY "\n",
		 minimal_catalog);
	assert_int_equal(bind_load(c, yaml), FLOE_OK);
	bind_expect_no_canary(c);
	bind_expect_at(c, FLOE_SEV_WARNING, "secret_access_key: a literal secret "
		  "(its value is not shown) is never copied into the profile, "
		  "which needs none here: the catalog vends S3 credentials",
		  "secret_access_key: " CANARY, CANARY);
	assert_null(strstr(c->d.items[0].message, "AWS_"));
	assert_int_equal(gen(c), FLOE_OK);
	bind_expect_no_canary(c);
}

static void test_manifest_and_platform_yaml_are_told_apart(void **state)
{
	struct bind_ctx *c = *state;

	/* no apiVersion and no kind: platform.yaml, whose rules apply */
	assert_int_equal(bind_load(c, "catalogs: {}\nplugins: {}\n"), FLOE_OK);
	assert_int_equal(c->p->format, FLOE_PLATFORM_YAML);
	bind_expect(c, FLOE_SEV_WARNING, "platform: unknown key 'plugins'");
	/* a key named kind is enough to read a manifest */
	bind_load_bad(c, "kind: Manifest\ncatalogs: {}\n");
	bind_expect(c, FLOE_SEV_WARNING, "manifest: unknown key 'catalogs'");
	bind_expect(c, FLOE_SEV_ERROR, "apiVersion is required");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_manifest_binds_the_demo),
		T(test_manifest_never_copies_a_literal_secret),
		T(test_manifest_secret_of_a_wrong_type_is_not_shown),
		T(test_manifest_reports_unfilled_placeholders),
		T(test_manifest_fills_placeholders_from_vars),
		T(test_manifest_refuses_an_unknown_api_version),
		T(test_manifest_needs_plugins_and_a_catalog),
		T(test_manifest_skips_sections_and_warns_unknown_keys),
		T(test_manifest_refuses_wrong_types),
		T(test_manifest_maps_storage_types),
		T(test_manifest_warns_about_a_foreign_token_url),
		T(test_manifest_null_token_url_is_not_set),
		T(test_manifest_merges_explicit_settings),
		T(test_manifest_compute_must_be_duckdb),
		T(test_manifest_vended_storage_needs_no_keys),
		T(test_manifest_and_platform_yaml_are_told_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
