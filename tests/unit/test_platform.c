/*
 * Unit tests for src/platform.c: binding platform.yaml into typed structs.
 *
 * Positions are asserted against the YAML text itself: bind_at() finds a unique
 * piece of the input and returns its line and column, so a test says
 * "the error is at the `123` of `warehouse: 123`" rather than "at 7:16".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/fileio.h"
#include "floe/platform.h"

#include "bind_fixture.h"

#define FILE_NAME "platform.yaml"
#define CANARY "CANARY-s3cr3t-9f2b"

static int setup(void **state)
{
	return bind_setup(state, FILE_NAME, CANARY);
}

static int teardown(void **state)
{
	return bind_teardown(state);
}

/* ---- a complete file ---- */

static const char full_yaml[] =
	"version: \"1.1.0\"\n"
	"storage:\n"
	"  default:\n"
	"    type: s3\n"
	"    endpoint: \"http://localstack:4566\"\n"
	"    region: eu-west-1\n"
	"    bucket: iceberg-data\n"
	"    path_style_access: true\n"
	"    credentials:\n"
	"      mode: static\n"
	"      secret_ref: aws-credentials\n"
	"  archive:\n"
	"    type: gcs\n"
	"    endpoint:\n"
	"      secret_ref: archive-endpoint\n"
	"    bucket: floe-archive\n"
	"    credentials:\n"
	"      mode: iam_role\n"
	"      role_arn: \"arn:aws:iam::123456789012:role/floe-reader\"\n"
	"catalogs:\n"
	"  default:\n"
	"    type: rest\n"
	"    uri:\n"
	"      secret_ref: polaris-uri\n"
	"    warehouse: demo_catalog\n"
	"    namespace: analytics\n"
	"    credentials:\n"
	"      mode: oauth2\n"
	"      client_id: floe-service\n"
	"      client_secret:\n"
	"        secret_ref: polaris-client-secret\n"
	"      scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"\n"
	"    access_delegation: vended-credentials\n"
	"    token_refresh_enabled: false\n"
	"    properties:\n"
	"      oauth2-server-uri: \"https://login.example/token\"\n"
	"      rest.auth-type: oauth2\n"
	"  second:\n"
	"    uri: \"http://polaris:8181/api/catalog\"\n"
	"    warehouse: second_wh\n"
	"    credentials:\n"
	"      mode: oauth2\n"
	"      client_id: {secret_ref: polaris-client-id}\n"
	"      client_secret: {secret_ref: polaris-client-secret}\n"
	"    access_delegation: remote-signing\n"
	"compute:\n"
	"  default:\n"
	"    type: duckdb\n"
	"    properties:\n"
	"      path: /tmp/floe.duckdb\n"
	"      threads: 8\n"
	"    credentials:\n"
	"      mode: service_account\n"
	"  warehouse:\n"
	"    type: snowflake\n"
	"layers:\n"
	"  bronze:\n"
	"    name: bronze\n"
	"    description: raw data\n"
	"    storage_ref: default\n"
	"    catalog_ref: second\n"
	"    namespace: demo.bronze\n"
	"    retention_days: 30\n"
	"    properties:\n"
	"      tier: hot\n"
	"  silver:\n"
	"    name: silver\n"
	"    storage_ref: archive\n"
	"    namespace: silver\n";

static void assert_pos(const char *yaml, const struct floe_node *n,
		       const char *context, const char *sub)
{
	struct floe_pos want = bind_at(yaml, context, sub);

	assert_non_null(n);
	assert_int_equal(floe_node_start(n).line, want.line);
	assert_int_equal(floe_node_start(n).column, want.column);
}

static void test_platform_binds_every_field_of_a_full_file(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_platform *p;
	const struct floe_storage *s;
	const struct floe_catalog *cat;
	const struct floe_compute *comp;
	const struct floe_layer *l;

	bind_load_clean(c, full_yaml);
	p = c->p;
	assert_string_equal(p->file, FILE_NAME);
	assert_string_equal(p->version, "1.1.0");
	assert_non_null(p->doc);

	/* storage, in file order */
	assert_int_equal(p->nr_storage, 2);
	s = &p->storage[0];
	assert_string_equal(s->name, "default");
	assert_pos(full_yaml, s->name_node, "  default:\n    type: s3",
		   "default");
	assert_int_equal(s->type, FLOE_STORAGE_S3);
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(s->endpoint.text, "http://localstack:4566");
	assert_pos(full_yaml, s->endpoint.node, "\"http://localstack:4566\"",
		   "\"");
	assert_string_equal(s->region, "eu-west-1");
	assert_string_equal(s->bucket, "iceberg-data");
	assert_true(s->path_style_access);
	assert_int_equal(s->credentials.mode, FLOE_CRED_STATIC);
	assert_non_null(s->credentials.mode_node);
	assert_string_equal(s->credentials.secret_ref, "aws-credentials");
	assert_null(s->credentials.role_arn);
	assert_null(s->credentials.scope);
	assert_int_equal(s->credentials.client_id.kind, FLOE_VALUE_UNSET);
	assert_int_equal(s->credentials.client_secret.kind, FLOE_VALUE_UNSET);
	assert_pos(full_yaml, s->credentials.node,
		   "mode: static", "mode");

	s = &p->storage[1];
	assert_string_equal(s->name, "archive");
	assert_int_equal(s->type, FLOE_STORAGE_GCS);
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_SECRET_REF);
	assert_string_equal(s->endpoint.text, "archive-endpoint");
	assert_pos(full_yaml, s->endpoint.node, "archive-endpoint",
		   "archive-endpoint");
	assert_string_equal(s->region, "us-east-1");
	assert_string_equal(s->bucket, "floe-archive");
	assert_false(s->path_style_access);
	assert_int_equal(s->credentials.mode, FLOE_CRED_IAM_ROLE);
	assert_string_equal(s->credentials.role_arn,
			    "arn:aws:iam::123456789012:role/floe-reader");
	assert_ptr_equal(floe_platform_storage(p, "archive"), s);

	/* catalogs */
	assert_int_equal(p->nr_catalogs, 2);
	cat = floe_platform_catalog(p, "default");
	assert_ptr_equal(cat, &p->catalogs[0]);
	assert_string_equal(cat->name, "default");
	assert_int_equal(cat->type, FLOE_CATALOG_REST);
	assert_pos(full_yaml, cat->type_node, "type: rest", "rest");
	assert_int_equal(cat->uri.kind, FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->uri.text, "polaris-uri");
	assert_string_equal(cat->warehouse, "demo_catalog");
	assert_pos(full_yaml, cat->warehouse_node, "demo_catalog",
		   "demo_catalog");
	assert_string_equal(cat->namespace_, "analytics");
	assert_int_equal(cat->credentials.mode, FLOE_CRED_OAUTH2);
	assert_int_equal(cat->credentials.client_id.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->credentials.client_id.text, "floe-service");
	assert_pos(full_yaml, cat->credentials.client_id.node,
		   "floe-service", "floe-service");
	assert_int_equal(cat->credentials.client_secret.kind,
			 FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->credentials.client_secret.text,
			    "polaris-client-secret");
	assert_string_equal(cat->credentials.scope,
			    "PRINCIPAL_ROLE:DATA_ENGINEER");
	assert_pos(full_yaml, cat->credentials.scope_node,
		   "\"PRINCIPAL_ROLE:DATA_ENGINEER\"", "\"");
	assert_int_equal(cat->access_delegation, FLOE_DELEGATION_VENDED);
	assert_pos(full_yaml, cat->access_delegation_node,
		   "vended-credentials", "vended-credentials");
	assert_false(cat->token_refresh_enabled);
	assert_int_equal(cat->nr_properties, 2);
	assert_string_equal(cat->properties[0].key, "oauth2-server-uri");
	assert_string_equal(cat->properties[0].value,
			    "https://login.example/token");
	assert_pos(full_yaml, cat->properties[0].key_node,
		   "oauth2-server-uri", "oauth2-server-uri");
	assert_pos(full_yaml, cat->properties[0].value_node,
		   "\"https://login.example/token\"", "\"");
	assert_string_equal(cat->properties[1].key, "rest.auth-type");
	assert_string_equal(cat->properties[1].value, "oauth2");

	cat = floe_platform_catalog(p, "second");
	assert_ptr_equal(cat, &p->catalogs[1]);
	assert_int_equal(cat->type, FLOE_CATALOG_POLARIS);
	assert_null(cat->type_node);
	assert_int_equal(cat->uri.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->uri.text, "http://polaris:8181/api/catalog");
	assert_int_equal(cat->credentials.client_id.kind,
			 FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->credentials.client_id.text,
			    "polaris-client-id");
	assert_int_equal(cat->access_delegation,
			 FLOE_DELEGATION_REMOTE_SIGNING);
	assert_true(cat->token_refresh_enabled);
	assert_int_equal(cat->nr_properties, 0);

	/* compute */
	assert_int_equal(p->nr_compute, 2);
	comp = floe_platform_compute(p, "default");
	assert_ptr_equal(comp, &p->compute[0]);
	assert_int_equal(comp->type, FLOE_COMPUTE_DUCKDB);
	assert_non_null(comp->properties);
	assert_int_equal(comp->properties->kind, FLOE_NODE_MAP);
	assert_int_equal(comp->properties->nr, 2);
	assert_string_equal(floe_map_get(comp->properties, "path")->value,
			    "/tmp/floe.duckdb");
	assert_int_equal(floe_map_get(comp->properties, "threads")->type,
			 FLOE_TYPE_INT);
	assert_int_equal(comp->credentials.mode, FLOE_CRED_SERVICE_ACCOUNT);
	comp = floe_platform_compute(p, "warehouse");
	assert_non_null(comp);
	assert_int_equal(comp->type, FLOE_COMPUTE_SNOWFLAKE);
	assert_null(comp->properties);
	assert_null(comp->credentials.node);

	/* layers */
	assert_int_equal(p->nr_layers, 2);
	l = &p->layers[0];
	assert_string_equal(l->name, "bronze");
	assert_pos(full_yaml, l->name_node, "  bronze:", "bronze");
	assert_string_equal(l->storage_ref, "default");
	assert_string_equal(l->catalog_ref, "second");
	assert_string_equal(l->namespace_, "demo.bronze");
	assert_pos(full_yaml, l->namespace_node, "demo.bronze",
		   "demo.bronze");
	l = &p->layers[1];
	assert_string_equal(l->name, "silver");
	assert_string_equal(l->storage_ref, "archive");
	assert_string_equal(l->catalog_ref, "default");
	assert_string_equal(l->namespace_, "silver");

	/* look-ups of names that are not there */
	assert_null(floe_platform_catalog(p, "nope"));
	assert_null(floe_platform_storage(p, "nope"));
	assert_null(floe_platform_compute(p, "nope"));
	assert_null(floe_platform_catalog(p, ""));
}

static void test_platform_applies_the_documented_defaults(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_catalog *cat;
	const struct floe_storage *s;
	const struct floe_compute *comp;

	bind_load_clean(c,
		   "catalogs:\n"
		   "  default:\n"
		   "    uri: \"http://polaris:8181/api/catalog\"\n"
		   "    warehouse: w\n"
		   "storage:\n"
		   "  default:\n"
		   "    bucket: abc\n"
		   "compute:\n"
		   "  default: {}\n"
		   "layers:\n"
		   "  raw:\n"
		   "    name: raw\n"
		   "    storage_ref: default\n"
		   "    namespace: raw\n");
	assert_string_equal(c->p->version, "1.2.0");

	cat = &c->p->catalogs[0];
	assert_int_equal(cat->type, FLOE_CATALOG_POLARIS);
	assert_null(cat->type_node);
	assert_string_equal(cat->namespace_, "default");
	assert_int_equal(cat->access_delegation, FLOE_DELEGATION_NONE);
	assert_null(cat->access_delegation_node);
	assert_true(cat->token_refresh_enabled);
	assert_int_equal(cat->nr_properties, 0);
	assert_null(cat->properties);
	assert_int_equal(cat->credentials.mode, FLOE_CRED_STATIC);
	assert_null(cat->credentials.node);
	assert_null(cat->credentials.mode_node);
	assert_int_equal(cat->credentials.client_id.kind, FLOE_VALUE_UNSET);
	assert_int_equal(cat->credentials.client_secret.kind,
			 FLOE_VALUE_UNSET);
	assert_null(cat->credentials.scope);

	s = &c->p->storage[0];
	assert_int_equal(s->type, FLOE_STORAGE_S3);
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_UNSET);
	assert_null(s->endpoint.text);
	assert_string_equal(s->region, "us-east-1");
	assert_string_equal(s->bucket, "abc");
	assert_false(s->path_style_access);
	assert_int_equal(s->credentials.mode, FLOE_CRED_STATIC);

	comp = &c->p->compute[0];
	assert_int_equal(comp->type, FLOE_COMPUTE_DUCKDB);
	assert_null(comp->type_node);

	assert_string_equal(c->p->layers[0].catalog_ref, "default");

	/* every section is optional */
	bind_load_clean(c, "version: \"1.0.0\"\n");
	assert_int_equal(c->p->nr_catalogs, 0);
	assert_int_equal(c->p->nr_storage, 0);
	assert_int_equal(c->p->nr_compute, 0);
	assert_int_equal(c->p->nr_layers, 0);
	bind_load_clean(c, "catalogs: {}\nstorage: {}\ncompute: {}\nlayers: {}\n");
	assert_string_equal(c->p->version, "1.2.0");
}

static void test_platform_binds_every_enum_value(void **state)
{
	struct bind_ctx *c = *state;
	static const char *const catalog_types[] = {
		"polaris", "glue", "nessie", "rest", "hive"
	};
	static const char *const storage_types[] = {
		"s3", "gcs", "azure", "local"
	};
	static const char *const compute_types[] = {
		"duckdb", "snowflake", "bigquery", "redshift", "databricks",
		"postgres", "spark"
	};
	static const char *const delegations[] = {
		"none", "vended-credentials", "remote-signing"
	};
	static const char *const modes[] = {
		"static", "oauth2", "iam_role", "service_account"
	};
	char yaml[512];

	for (size_t i = 0; i < 5; i++) {
		snprintf(yaml, sizeof(yaml),
			 "catalogs:\n  c:\n    type: %s\n    uri: u\n"
			 "    warehouse: w\n", catalog_types[i]);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->catalogs[0].type, i);
	}
	for (size_t i = 0; i < 4; i++) {
		snprintf(yaml, sizeof(yaml),
			 "storage:\n  s:\n    type: %s\n    bucket: bkt\n",
			 storage_types[i]);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->storage[0].type, i);
	}
	for (size_t i = 0; i < 7; i++) {
		snprintf(yaml, sizeof(yaml), "compute:\n  c:\n    type: %s\n",
			 compute_types[i]);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->compute[0].type, i);
	}
	for (size_t i = 0; i < 3; i++) {
		snprintf(yaml, sizeof(yaml),
			 "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
			 "    access_delegation: %s\n", delegations[i]);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->catalogs[0].access_delegation, i);
	}
	for (size_t i = 0; i < 4; i++) {
		/* modes with requirements get what they require */
		snprintf(yaml, sizeof(yaml),
			 "compute:\n  c:\n    credentials:\n      mode: %s\n"
			 "      client_id: id\n"
			 "      client_secret: {secret_ref: s}\n"
			 "      role_arn: "
			 "\"arn:aws:iam::123456789012:role/r\"\n",
			 modes[i]);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->compute[0].credentials.mode, i);
	}
}

static void test_platform_accepts_yaml_1_1_booleans(void **state)
{
	struct bind_ctx *c = *state;
	static const struct {
		const char *text;
		bool value;
	} cases[] = {
		{ "true", true }, { "True", true }, { "yes", true },
		{ "on", true }, { "ON", true }, { "false", false },
		{ "no", false }, { "off", false }, { "Off", false },
	};
	char yaml[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(yaml, sizeof(yaml),
			 "storage:\n  s:\n    bucket: bkt\n"
			 "    path_style_access: %s\n"
			 "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
			 "    token_refresh_enabled: %s\n",
			 cases[i].text, cases[i].text);
		bind_load_clean(c, yaml);
		assert_int_equal(c->p->storage[0].path_style_access,
				 cases[i].value);
		assert_int_equal(c->p->catalogs[0].token_refresh_enabled,
				 cases[i].value);
	}
}

static void test_platform_accepts_a_string_or_a_secret_ref_for_uri_client_id_and_endpoint(
	void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_catalog *cat;
	const struct floe_storage *s;

	bind_load_clean(c,
		   "catalogs:\n"
		   "  lit:\n"
		   "    uri: \"https://polaris.example/api/catalog\"\n"
		   "    warehouse: w\n"
		   "    credentials:\n"
		   "      client_id: \"floe-dev\"\n"
		   "  ref:\n"
		   "    uri: {secret_ref: POLARIS_URI}\n"
		   "    warehouse: w\n"
		   "    credentials:\n"
		   "      client_id:\n"
		   "        secret_ref: polaris-client-id\n"
		   "storage:\n"
		   "  lit:\n"
		   "    endpoint: \"http://minio:9000\"\n"
		   "    bucket: bkt\n"
		   "  ref:\n"
		   "    endpoint: {secret_ref: s3-endpoint_1}\n"
		   "    bucket: bkt\n"
		   "  empty:\n"
		   "    endpoint: \"\"\n"
		   "    bucket: bkt\n"
		   "  absent:\n"
		   "    endpoint: ~\n"
		   "    bucket: bkt\n");

	cat = floe_platform_catalog(c->p, "lit");
	assert_int_equal(cat->uri.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->uri.text,
			    "https://polaris.example/api/catalog");
	assert_int_equal(cat->credentials.client_id.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(cat->credentials.client_id.text, "floe-dev");

	cat = floe_platform_catalog(c->p, "ref");
	assert_int_equal(cat->uri.kind, FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->uri.text, "POLARIS_URI");
	assert_pos(c->yaml, cat->uri.node, "POLARIS_URI", "POLARIS_URI");
	assert_int_equal(cat->credentials.client_id.kind,
			 FLOE_VALUE_SECRET_REF);
	assert_string_equal(cat->credentials.client_id.text,
			    "polaris-client-id");

	s = floe_platform_storage(c->p, "lit");
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(s->endpoint.text, "http://minio:9000");
	s = floe_platform_storage(c->p, "ref");
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_SECRET_REF);
	assert_string_equal(s->endpoint.text, "s3-endpoint_1");
	s = floe_platform_storage(c->p, "empty");
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_LITERAL);
	assert_string_equal(s->endpoint.text, "");
	s = floe_platform_storage(c->p, "absent");
	assert_int_equal(s->endpoint.kind, FLOE_VALUE_UNSET);
}

static void test_platform_rejects_a_malformed_secret_ref(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[512], name[300];

	bind_load_bad(c, "catalogs:\n  c:\n    warehouse: w\n"
		    "    uri: {secret_ref: a, extra: b}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.uri: a secret reference "
		  "has only the key 'secret_ref'", "extra: b", "extra");

	bind_load_bad(c, "catalogs:\n  c:\n    warehouse: w\n"
		    "    uri: {name: polaris-uri}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.uri: expected "
		  "{secret_ref: NAME}", "{name", "{");

	bind_load_bad(c, "catalogs:\n  c:\n    warehouse: w\n"
		    "    uri: {secret_ref: -polaris}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.uri.secret_ref: expected a "
		  "name", "-polaris", "-polaris");
	bind_expect(c, FLOE_SEV_ERROR, "'-polaris'");

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n"
		    "    endpoint: {secret_ref: 42}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.endpoint.secret_ref: "
		  "expected a name", "42", "42");

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n"
		    "    endpoint: {secret_ref: \"a b\"}\n");
	bind_expect(c, FLOE_SEV_ERROR, "storage.s.endpoint.secret_ref");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials:\n      client_id: [a, b]\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials.client_id: "
		  "expected a string or {secret_ref: NAME}, found a list",
		  "[a, b]", "[");

	/* 253 characters is the longest name floe accepts */
	memset(name, 'a', 253);
	name[253] = '\0';
	snprintf(yaml, sizeof(yaml), "catalogs:\n  c:\n    warehouse: w\n"
		 "    uri: {secret_ref: %s}\n", name);
	bind_load_clean(c, yaml);
	assert_int_equal(strlen(c->p->catalogs[0].uri.text), 253);
	name[253] = 'a';
	name[254] = '\0';
	snprintf(yaml, sizeof(yaml), "catalogs:\n  c:\n    warehouse: w\n"
		 "    uri: {secret_ref: %s}\n", name);
	bind_load_bad(c, yaml);
	bind_expect(c, FLOE_SEV_ERROR, "catalogs.c.uri.secret_ref");
}

static void test_platform_skips_the_sections_it_does_not_need(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_clean(c,
		   "version: \"1.2.0\"\n"
		   "infrastructure:\n"
		   "  timezone: UTC\n"
		   "  network:\n"
		   "    local_access:\n"
		   "      ports: {dagster: 30000, polaris: 30181}\n"
		   "  anything: [1, 2.5, true, ~, {nested: [deeper]}]\n"
		   "security:\n"
		   "  secret_backends:\n"
		   "    primary: external_secrets\n"
		   "  tls_version: 1.3\n"
		   "governance:\n"
		   "  compliance:\n"
		   "    frameworks: [gdpr, soc2]\n"
		   "  unknown_block: !!str tagged\n"
		   "observability:\n"
		   "  traces: true\n"
		   "  attributes:\n"
		   "    service.name: floe\n"
		   "  logging: {level: WARN, log_format: xml}\n"
		   "  compute_logs: {storage_ref: nowhere}\n"
		   "catalogs:\n"
		   "  default:\n"
		   "    uri: u\n"
		   "    warehouse: w\n");
	assert_int_equal(c->p->nr_catalogs, 1);

	/* the sections may also be null or scalars: they are not read */
	bind_load_clean(c, "infrastructure:\nsecurity: ~\ngovernance: 3\n"
		      "observability: [a]\n");
}

static void test_platform_warns_about_unknown_keys_at_the_key(void **state)
{
	struct bind_ctx *c = *state;
	static const char yaml[] =
		"catalogs:\n"
		"  default:\n"
		"    uri: u\n"
		"    warehouse: w\n"
		"    high_availability: {replicas: 3}\n"
		"    credentials:\n"
		"      mode: static\n"
		"      token_url: t\n"
		"storage:\n"
		"  default:\n"
		"    bucket: bkt\n"
		"    replication: {enabled: true}\n"
		"    credentials:\n"
		"      access_key_id:\n"
		"        secret_ref: aws-access-key-id\n"
		"compute:\n"
		"  default:\n"
		"    properties: {threads: 4}\n"
		"    engine_version: 1\n"
		"layers:\n"
		"  raw:\n"
		"    name: raw\n"
		"    storage_ref: default\n"
		"    namespace: raw\n"
		"    owner: data-team\n";

	assert_int_equal(bind_load(c, yaml), FLOE_OK);
	assert_non_null(c->p);
	assert_int_equal(c->d.nr_errors, 0);
	assert_int_equal(c->d.nr_warnings, 6);
	bind_expect_at(c, FLOE_SEV_WARNING, "catalogs.default: unknown key "
		  "'high_availability' is ignored", "high_availability",
		  "high_availability");
	bind_expect_at(c, FLOE_SEV_WARNING, "catalogs.default.credentials: "
		  "unknown key 'token_url'", "token_url", "token_url");
	bind_expect_at(c, FLOE_SEV_WARNING, "storage.default: unknown key "
		  "'replication'", "replication", "replication");
	bind_expect_at(c, FLOE_SEV_WARNING, "storage.default.credentials: "
		  "unknown key 'access_key_id'", "access_key_id:",
		  "access_key_id");
	bind_expect_at(c, FLOE_SEV_WARNING, "compute.default: unknown key "
		  "'engine_version'", "engine_version", "engine_version");
	bind_expect_at(c, FLOE_SEV_WARNING, "layers.raw: unknown key 'owner'",
		  "owner", "owner");
	/* the values bound around the unknown keys are intact */
	assert_string_equal(c->p->storage[0].bucket, "bkt");
	assert_string_equal(c->p->catalogs[0].warehouse, "w");
}

static void test_platform_rejects_a_number_where_a_string_is_expected(
	void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	bind_load_bad(c, "catalogs:\n"
		    "  default:\n"
		    "    uri: \"http://polaris:8181/api/catalog\"\n"
		    "    warehouse: 123\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.default.warehouse",
		      "warehouse: 123", "123");
	assert_non_null(strstr(g->message, "expected a string"));
	assert_non_null(strstr(g->message, "an integer ('123')"));
	assert_int_equal(c->d.nr_errors, 1);

	bind_load_bad(c, "catalogs:\n  c:\n    uri: 8181\n    warehouse: w\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.uri: expected a string or "
		  "{secret_ref: NAME}, found an integer ('8181')", "8181",
		  "8181");

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    region: 42\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.region: expected a string, "
		  "found an integer ('42')", "42", "42");

	bind_load_bad(c, "storage:\n  s:\n    bucket: true\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.bucket: expected a string, "
		  "found a boolean ('true')", "true", "true");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    namespace: 1.5\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.namespace: expected a "
		  "string, found a float ('1.5')", "1.5", "1.5");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials:\n      client_id: 1234\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials.client_id: "
		  "expected a string or {secret_ref: NAME}, found an integer "
		  "('1234')", "1234", "1234");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials:\n      scope: 7\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials.scope: "
		  "expected a string", "7", "7");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    properties:\n      retries: 3\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.properties: keys and "
		  "values must be strings, found an integer ('3')", "3", "3");

	bind_load_bad(c, "layers:\n  raw:\n    name: raw\n    storage_ref: s\n"
		    "    namespace: 2024-01-01\n"
		    "storage:\n  s:\n    bucket: bkt\n"
		    "catalogs:\n  default:\n    uri: u\n    warehouse: w\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.namespace: expected a "
		  "string, found a timestamp ('2024-01-01')", "2024-01-01",
		  "2024");

	bind_load_bad(c, "version: 1.2\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "version: expected a string, found a "
		  "float ('1.2')", "1.2", "1.2");
}

static void test_platform_rejects_a_string_where_an_integer_or_boolean_is_expected(
	void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n"
		    "    path_style_access: \"true\"\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.path_style_access",
		      "\"true\"", "\"");
	assert_non_null(strstr(g->message, "expected a boolean"));
	assert_non_null(strstr(g->message, "a string ('true')"));

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    token_refresh_enabled: 'no'\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.token_refresh_enabled: "
		  "expected a boolean (true or false), found a string ('no')",
		  "'no'", "'");

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n"
		    "    path_style_access: 1\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.path_style_access: expected "
		  "a boolean", "1\n", "1");

	bind_load_bad(c, "layers:\n  raw:\n    name: raw\n    storage_ref: s\n"
		    "    namespace: raw\n    retention_days: \"30\"\n"
		    "storage:\n  s:\n    bucket: bkt\n"
		    "catalogs:\n  default:\n    uri: u\n    warehouse: w\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.retention_days: expected "
		  "an integer from 1 to 36500, found a string ('30')",
		  "\"30\"", "\"");

	bind_load_bad(c, "layers:\n  raw:\n    name: raw\n    storage_ref: s\n"
		    "    namespace: raw\n    retention_days: 36501\n"
		    "storage:\n  s:\n    bucket: bkt\n"
		    "catalogs:\n  default:\n    uri: u\n    warehouse: w\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.retention_days", "36501",
		  "36501");

	bind_load_bad(c, "layers:\n  raw:\n    name: raw\n    storage_ref: s\n"
		    "    namespace: raw\n    retention_days: 0\n"
		    "storage:\n  s:\n    bucket: bkt\n"
		    "catalogs:\n  default:\n    uri: u\n    warehouse: w\n");
	bind_expect(c, FLOE_SEV_ERROR, "layers.raw.retention_days");

	/* integers in any form PyYAML reads as int are accepted */
	bind_load_clean(c, "layers:\n  raw:\n    name: raw\n    storage_ref: s\n"
		      "    namespace: raw\n    retention_days: 0x10\n"
		      "storage:\n  s:\n    bucket: bkt\n"
		      "catalogs:\n  default:\n    uri: u\n"
		      "    warehouse: w\n");
}

static void test_platform_rejects_an_unknown_access_delegation(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	bind_load_bad(c, "catalogs:\n"
		    "  default:\n"
		    "    uri: \"http://polaris:8181/api/catalog\"\n"
		    "    warehouse: w\n"
		    "    access_delegation: vended_credentials\n");
	assert_int_equal(c->d.nr_errors, 1);
	g = bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.default.access_delegation",
		      "vended_credentials", "vended_credentials");
	assert_non_null(strstr(g->message, "'vended_credentials'"));
	assert_non_null(strstr(g->message, "is not allowed"));
	assert_non_null(strstr(g->message, "expected one of 'none', "
			       "'vended-credentials', 'remote-signing'"));
}

static void test_platform_rejects_an_empty_access_delegation(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	bind_load_bad(c, "catalogs:\n"
		    "  default:\n"
		    "    uri: \"http://polaris:8181/api/catalog\"\n"
		    "    warehouse: w\n"
		    "    access_delegation: \"\"\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.default.access_delegation",
		      "\"\"", "\"");
	assert_non_null(strstr(g->message, "a string ('')"));
	assert_non_null(strstr(g->message, "'vended-credentials'"));

	/* null is not the default either */
	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    access_delegation: ~\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.access_delegation: null is "
		  "not allowed", "~", "~");
}

static void test_platform_rejects_unknown_type_and_mode_values(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	/* enum values are lower-case and case-sensitive */
	bind_load_bad(c, "catalogs:\n  c:\n    type: Polaris\n    uri: u\n"
		    "    warehouse: w\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.type", "Polaris",
		      "Polaris");
	assert_non_null(strstr(g->message, "'Polaris'"));
	assert_non_null(strstr(g->message, "'polaris', 'glue', 'nessie', "
			       "'rest', 'hive'"));

	bind_load_bad(c, "storage:\n  s:\n    type: minio\n    bucket: bkt\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.type", "minio", "minio");
	assert_non_null(strstr(g->message, "'s3', 'gcs', 'azure', 'local'"));

	bind_load_bad(c, "compute:\n  c:\n    type: trino\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "compute.c.type", "trino", "trino");
	assert_non_null(strstr(g->message, "'duckdb', 'snowflake'"));

	bind_load_bad(c, "compute:\n  c:\n    credentials:\n      mode: OAuth2\n");
	g = bind_expect_at(c, FLOE_SEV_ERROR, "compute.c.credentials.mode",
		      "OAuth2", "OAuth2");
	assert_non_null(strstr(g->message, "'static', 'oauth2', 'iam_role', "
			       "'service_account'"));

	bind_load_bad(c, "compute:\n  c:\n    type: [duckdb]\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "compute.c.type: a list is not allowed",
		  "[duckdb]", "[");
}

static void test_platform_reports_missing_required_fields(void **state)
{
	struct bind_ctx *c = *state;
	static const char yaml[] =
		"catalogs:\n"
		"  default:\n"
		"    warehouse: w\n"
		"  nowh:\n"
		"    uri: u\n"
		"storage:\n"
		"  nobucket:\n"
		"    region: r\n"
		"layers:\n"
		"  raw:\n"
		"    description: d\n";

	bind_load_bad(c, yaml);
	/* a missing field is reported at the entry that lacks it */
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.default.uri is required",
		  "warehouse: w", "warehouse");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.nowh.warehouse is required",
		  "uri: u", "uri");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.nobucket.bucket is required",
		  "region: r", "region");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.storage_ref is required",
		  "description: d", "description");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.name is required",
		  "description: d", "description");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.namespace is required",
		  "description: d", "description");
	assert_int_equal(c->d.nr_errors, 6);
}

static void test_platform_reports_a_null_required_field(void **state)
{
	struct bind_ctx *c = *state;

	/* null is not a value for a required field */
	bind_load_bad(c, "catalogs:\n  c:\n    uri: ~\n    warehouse: w\n");
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.uri is required", "~", "~");
	bind_load_bad(c, "catalogs:\n  c:\n    uri: null\n    warehouse: w\n");
	bind_expect(c, FLOE_SEV_ERROR, "catalogs.c.uri");
	bind_load_bad(c, "catalogs:\n  c:\n    uri:\n    warehouse: w\n");
	bind_expect(c, FLOE_SEV_ERROR, "catalogs.c.uri");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: ~\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.warehouse: expected a "
		  "string, found null", "~", "~");

	bind_load_bad(c, "storage:\n  s:\n    bucket: ~\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.bucket", "~", "~");

	/*
	 * A null credential field is "not set" (docs/platform.md), so a
	 * mode that needs it reports it missing, at the credentials mapping.
	 */
	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials:\n      mode: oauth2\n"
		    "      client_id: ~\n"
		    "      client_secret: {secret_ref: s}\n");
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials.client_id is "
		  "required when mode is 'oauth2'", "mode:", "mode");
	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials: {mode: oauth2, client_id: id, "
		    "client_secret: null}\n");
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials.client_secret is "
		  "required when mode is 'oauth2'", "{mode", "{");

	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		    "      mode: iam_role\n      role_arn: ~\n");
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.credentials.role_arn is "
		  "required when mode is 'iam_role'", "mode:", "mode");

	/* where null means "not set", it is accepted */
	bind_load_clean(c, "storage:\n  s:\n    bucket: bkt\n    endpoint: ~\n"
		      "    credentials:\n      mode: static\n"
		      "      client_id: ~\n      client_secret: ~\n"
		      "      scope: ~\n      role_arn: ~\n"
		      "      secret_ref: ~\n"
		      "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		      "    properties: ~\n");
	assert_null(c->p->storage[0].credentials.scope);
	assert_null(c->p->storage[0].credentials.role_arn);
	assert_null(c->p->storage[0].credentials.secret_ref);
	assert_int_equal(c->p->catalogs[0].nr_properties, 0);
}

static void test_platform_rejects_layer_references_to_missing_entries(
	void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;
	static const char yaml[] =
		"catalogs:\n"
		"  default:\n"
		"    uri: u\n"
		"    warehouse: w\n"
		"storage:\n"
		"  lake:\n"
		"    bucket: bkt\n"
		"layers:\n"
		"  bronze:\n"
		"    name: bronze\n"
		"    storage_ref: lakehouse\n"
		"    namespace: bronze\n"
		"  gold:\n"
		"    name: gold\n"
		"    storage_ref: lake\n"
		"    catalog_ref: analytics\n"
		"    namespace: gold\n";

	bind_load_bad(c, yaml);
	assert_int_equal(c->d.nr_errors, 2);
	g = bind_expect_at(c, FLOE_SEV_ERROR, "layers.bronze.storage_ref",
		      "lakehouse", "lakehouse");
	assert_non_null(strstr(g->message, "no storage entry named "
			       "'lakehouse'"));
	g = bind_expect_at(c, FLOE_SEV_ERROR, "layers.gold.catalog_ref",
		      "analytics", "analytics");
	assert_non_null(strstr(g->message, "no catalog named 'analytics'"));
}

static void test_platform_rejects_the_implicit_default_catalog_ref(
	void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;
	static const char yaml[] =
		"catalogs:\n"
		"  main:\n"
		"    uri: u\n"
		"    warehouse: w\n"
		"storage:\n"
		"  default:\n"
		"    bucket: bkt\n"
		"layers:\n"
		"  bronze:\n"
		"    name: bronze\n"
		"    storage_ref: default\n"
		"    namespace: bronze\n";

	bind_load_bad(c, yaml);
	assert_int_equal(c->d.nr_errors, 1);
	/* no catalog_ref is written: the error is at the layer's name */
	g = bind_expect_at(c, FLOE_SEV_ERROR, "layers.bronze.catalog_ref",
		      "  bronze:", "bronze");
	assert_non_null(strstr(g->message, "(default 'default')"));
	assert_non_null(strstr(g->message, "no catalog named 'default'"));
}

static void test_platform_rejects_invalid_entry_names(void **state)
{
	struct bind_ctx *c = *state;
	const struct floe_diag *g;

	bind_load_bad(c, "catalogs:\n"
		    "  1st:\n"
		    "    uri: u\n"
		    "    warehouse: w\n"
		    "storage:\n"
		    "  my.bucket:\n"
		    "    bucket: bkt\n"
		    "compute:\n"
		    "  _local: {}\n"
		    "  \"\": {}\n");
	assert_int_equal(c->d.nr_errors, 4);
	g = bind_expect_at(c, FLOE_SEV_ERROR, "catalogs: a string ('1st') is not "
		      "a valid name", "1st", "1st");
	assert_non_null(strstr(g->message, "a letter, then letters, digits, "
			       "'_' or '-'"));
	bind_expect_at(c, FLOE_SEV_ERROR, "storage: a string ('my.bucket')",
		  "my.bucket", "my.bucket");
	bind_expect_at(c, FLOE_SEV_ERROR, "compute: a string ('_local')",
		  "_local", "_local");
	bind_expect_at(c, FLOE_SEV_ERROR, "compute: a string ('')", "\"\"", "\"");

	/* a key that is not a string is not a name */
	bind_load_bad(c, "compute:\n  42: {}\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "compute: an integer ('42') is not a "
		  "valid name", "42", "42");

	bind_load_bad(c, "layers:\n  raw:\n    name: 9raw\n    storage_ref: s\n"
		    "    namespace: raw\n"
		    "storage:\n  s:\n    bucket: bkt\n"
		    "catalogs:\n  default:\n    uri: u\n    warehouse: w\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "layers.raw.name: a string ('9raw') is "
		  "not a valid layer name", "9raw", "9raw");

	bind_load_clean(c, "catalogs:\n  A-b_9:\n    uri: u\n    warehouse: w\n");
	assert_string_equal(c->p->catalogs[0].name, "A-b_9");
}

static void test_platform_requires_client_credentials_in_oauth2_mode(
	void **state)
{
	struct bind_ctx *c = *state;
	static const char no_secret[] =
		"catalogs:\n"
		"  default:\n"
		"    uri: u\n"
		"    warehouse: w\n"
		"    credentials:\n"
		"      mode: oauth2\n"
		"      client_id: {secret_ref: polaris-client-id}\n";
	static const char neither[] =
		"catalogs:\n"
		"  default:\n"
		"    uri: u\n"
		"    warehouse: w\n"
		"    credentials:\n"
		"      mode: oauth2\n"
		"      scope: \"PRINCIPAL_ROLE:ALL\"\n";

	bind_load_bad(c, no_secret);
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.default.credentials."
		  "client_secret is required when mode is 'oauth2'",
		  "mode: oauth2", "mode");

	bind_load_bad(c, neither);
	assert_int_equal(c->d.nr_errors, 2);
	bind_expect(c, FLOE_SEV_ERROR, "credentials.client_id is required");
	bind_expect(c, FLOE_SEV_ERROR, "credentials.client_secret is required");

	/* iam_role needs a role ARN of the right shape */
	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		    "      mode: iam_role\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.credentials.role_arn is "
		  "required when mode is 'iam_role'", "mode", "mode");
	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		    "      mode: iam_role\n"
		    "      role_arn: \"arn:aws:iam::12345:role/r\"\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.credentials.role_arn: a "
		  "string ('arn:aws:iam::12345:role/r') is not an IAM role ARN",
		  "\"arn", "\"");
	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		    "      mode: iam_role\n"
		    "      role_arn: \"arn:aws:iam::123456789012:role/a/b\"\n");
	bind_expect(c, FLOE_SEV_ERROR, "is not an IAM role ARN");

	/* the other modes require nothing */
	bind_load_clean(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		      "      mode: service_account\n");
	bind_load_clean(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		      "      mode: static\n");

	/* the credentials' own secret_ref is a plain, checked name */
	bind_load_bad(c, "storage:\n  s:\n    bucket: bkt\n    credentials:\n"
		    "      secret_ref: \"no spaces\"\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.credentials.secret_ref: a "
		  "string ('no spaces') is not a valid secret name",
		  "\"no spaces\"", "\"");
}

static void test_platform_never_repeats_a_literal_client_secret(void **state)
{
	struct bind_ctx *c = *state;
	static const char *const forms[] = {
		"      client_secret: " CANARY "\n",
		"      client_secret: \"" CANARY "\"\n",
		"      client_secret: '" CANARY "'\n",
		"      client_secret: |\n        " CANARY "\n",
		"      client_secret: [" CANARY "]\n",
		"      client_secret: {value: " CANARY "}\n",
		"      client_secret: {" CANARY ": x}\n",
		"      client_secret: {secret_ref: \"" CANARY "!\"}\n",
		"      client_secret: {secret_ref: [" CANARY "]}\n",
		"      client_secret: {secret_ref: s, extra: " CANARY "}\n",
	};
	char yaml[1024];

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(yaml, sizeof(yaml),
			 "catalogs:\n"
			 "  default:\n"
			 "    uri: u\n"
			 "    warehouse: 123\n"
			 "    credentials:\n"
			 "      mode: oauth2\n"
			 "      client_id: id\n"
			 "%s"
			 "      scope: 5\n",
			 forms[i]);
		bind_load_bad(c, yaml);
		bind_expect(c, FLOE_SEV_ERROR,
		       "catalogs.default.credentials.client_secret");
		/* the other errors are still reported */
		bind_expect(c, FLOE_SEV_ERROR, "catalogs.default.warehouse");
		bind_expect(c, FLOE_SEV_ERROR, "catalogs.default.credentials.scope");
		bind_expect_no_canary(c);
	}

	/* the plain literal: its own message, at the value */
	bind_load_bad(c, "catalogs:\n"
		    "  default:\n"
		    "    uri: u\n"
		    "    warehouse: w\n"
		    "    credentials:\n"
		    "      mode: oauth2\n"
		    "      client_id: id\n"
		    "      client_secret: " CANARY "\n");
	assert_int_equal(c->d.nr_errors, 1);
	bind_expect_at(c, FLOE_SEV_ERROR, "client_secret: a literal secret is not "
		  "allowed here", CANARY, CANARY);
	bind_expect(c, FLOE_SEV_ERROR, "{secret_ref: NAME}");
	bind_expect_no_canary(c);

	/* a duplicate key does not echo the value either */
	bind_load_bad(c, "catalogs:\n"
		    "  default:\n"
		    "    uri: u\n"
		    "    warehouse: w\n"
		    "    credentials:\n"
		    "      client_secret: {secret_ref: s}\n"
		    "      client_secret: " CANARY "\n");
	bind_expect_no_canary(c);

	/* nor do the unknown keys of storage credentials */
	assert_int_equal(bind_load(c, "storage:\n  s:\n    bucket: bkt\n"
				 "    credentials:\n"
				 "      secret_access_key: " CANARY "\n"),
			 FLOE_OK);
	bind_expect(c, FLOE_SEV_WARNING, "'secret_access_key'");
	bind_expect_no_canary(c);
}

static void test_platform_rejects_values_out_of_range(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[512], wh[300];

	bind_load_bad(c, "version: \"1.2\"\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "version: a string ('1.2') is not a "
		  "version like \"1.2.0\"", "\"1.2\"", "\"");
	bind_load_bad(c, "version: v1.2.0\n");
	bind_expect(c, FLOE_SEV_ERROR, "is not a version");
	bind_load_clean(c, "version: \"10.20.30\"\n");

	bind_load_bad(c, "storage:\n  s:\n    bucket: ab\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.s.bucket: must be 3 to 63 "
		  "characters", "ab", "ab");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: \"\"\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.warehouse: must be 1 to 255 "
		  "characters", "\"\"", "\"");

	memset(wh, 'w', 256);
	wh[256] = '\0';
	snprintf(yaml, sizeof(yaml), "catalogs:\n  c:\n    uri: u\n"
		 "    warehouse: %s\n", wh);
	bind_load_bad(c, yaml);
	bind_expect(c, FLOE_SEV_ERROR, "must be 1 to 255 characters");
	wh[255] = '\0';
	snprintf(yaml, sizeof(yaml), "catalogs:\n  c:\n    uri: u\n"
		 "    warehouse: %s\n", wh);
	bind_load_clean(c, yaml);
}

/* A field path longer than the message buffer is cut, not overrun. */
static void test_platform_reports_fields_of_an_entry_with_a_long_name(
	void **state)
{
	struct bind_ctx *c = *state;
	char yaml[1024], name[400];
	const struct floe_diag *g;

	memset(name, 'n', 300);
	name[300] = '\0';
	snprintf(yaml, sizeof(yaml), "catalogs:\n  %s:\n    warehouse: w\n"
		 "    access_delegation: bad\n"
		 "    credentials:\n      mode: oauth2\n", name);
	bind_load_bad(c, yaml);
	assert_int_equal(c->d.nr_errors, 4);
	for (size_t i = 0; i < c->d.nr; i++)
		assert_true(strlen(c->d.items[i].message) < 600);
	g = bind_expect(c, FLOE_SEV_ERROR, "...");
	assert_non_null(strstr(g->message, "catalogs.nnnn"));
}

static void test_platform_rejects_sections_and_entries_of_the_wrong_shape(
	void **state)
{
	struct bind_ctx *c = *state;

	bind_load_bad(c, "catalogs: [default]\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs: expected a mapping of named "
		  "entries, found a list", "[default]", "[");

	bind_load_bad(c, "storage:\n  default: s3://bucket\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "storage.default: expected a mapping, "
		  "found a string ('s3://bucket')", "s3://", "s3");

	bind_load_bad(c, "compute:\n  default:\n");
	bind_expect(c, FLOE_SEV_ERROR, "compute.default: expected a mapping, "
	       "found null");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    credentials: oauth2\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.credentials: expected a "
		  "mapping", "oauth2", "oauth2");

	bind_load_bad(c, "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
		    "    properties: [a]\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "catalogs.c.properties: expected a "
		  "mapping", "[a]", "[");

	bind_load_bad(c, "compute:\n  c:\n    properties: 4\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "compute.c.properties: expected a "
		  "mapping", "4", "4");
}

static void test_platform_refuses_an_empty_or_non_mapping_document(
	void **state)
{
	struct bind_ctx *c = *state;
	static const char *const empty[] = { "", "~\n", "---\n", "# only\n" };
	const struct floe_diag *g;

	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		bind_load_bad(c, empty[i]);
		g = bind_expect(c, FLOE_SEV_ERROR, "the platform file is empty");
		assert_int_equal(g->loc.start.line, 1);
		assert_int_equal(g->loc.start.column, 1);
	}
	bind_load_bad(c, "- catalogs\n");
	bind_expect_at(c, FLOE_SEV_ERROR, "the platform file: expected a mapping",
		  "- catalogs", "-");

	/* YAML errors come from the front end, and nothing is bound */
	bind_load_bad(c, "catalogs: {\n");
	bind_load_bad(c, "a: 1\n---\nb: 2\n");
}

static void test_platform_respects_the_size_limit(void **state)
{
	struct bind_ctx *c = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	static const char yaml[] = "catalogs:\n  c:\n    uri: u\n"
				   "    warehouse: w\n";

	lim.max_bytes = 10;
	bind_reset(c);
	assert_int_equal(floe_platform_load(FILE_NAME, yaml, strlen(yaml),
					    &lim, &c->p, &c->d),
			 FLOE_ERR_TOO_BIG);
	assert_null(c->p);
	lim.max_bytes = strlen(yaml);
	assert_int_equal(floe_platform_load(FILE_NAME, yaml, strlen(yaml),
					    &lim, &c->p, &c->d),
			 FLOE_OK);
	assert_non_null(c->p);
}

static void test_platform_binds_anchors_and_merge_keys(void **state)
{
	struct bind_ctx *c = *state;

	bind_load_clean(c,
		   "catalogs:\n"
		   "  default: &base\n"
		   "    uri: \"http://polaris:8181/api/catalog\"\n"
		   "    warehouse: w1\n"
		   "    credentials: &creds\n"
		   "      mode: oauth2\n"
		   "      client_id: {secret_ref: id}\n"
		   "      client_secret: {secret_ref: secret}\n"
		   "  other:\n"
		   "    <<: *base\n"
		   "    warehouse: w2\n"
		   "compute:\n"
		   "  default:\n"
		   "    credentials: *creds\n");
	assert_int_equal(c->p->nr_catalogs, 2);
	assert_string_equal(c->p->catalogs[1].uri.text,
			    "http://polaris:8181/api/catalog");
	assert_string_equal(c->p->catalogs[1].warehouse, "w2");
	assert_string_equal(c->p->catalogs[1].credentials.client_secret.text,
			    "secret");
	assert_int_equal(c->p->compute[0].credentials.mode, FLOE_CRED_OAUTH2);

	/* an unknown key that came in through a merge is reported once */
	assert_int_equal(bind_load(c, "catalogs:\n"
				 "  a: &a {uri: u, warehouse: w, extra: 1}\n"
				 "  b:\n"
				 "    <<: *a\n"),
			 FLOE_OK);
	assert_int_equal(c->d.nr_warnings, 1);
	bind_expect_at(c, FLOE_SEV_WARNING, "catalogs.a: unknown key 'extra'",
		  "extra", "extra");
}

/* A value is shown shortened, escaped, and without overrunning. */
static void test_platform_shortens_long_values_in_messages(void **state)
{
	struct bind_ctx *c = *state;
	char yaml[512], value[300];
	const struct floe_diag *g;

	/* a control character at every position around the cut */
	for (size_t prefix = 60; prefix < 90; prefix++) {
		memset(value, 'a', prefix);
		memcpy(value + prefix, "\\x01", 4);
		memset(value + prefix + 4, 'b', 100);
		value[prefix + 104] = '\0';
		snprintf(yaml, sizeof(yaml),
			 "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
			 "    access_delegation: \"%s\"\n", value);
		bind_load_bad(c, yaml);
		g = bind_expect(c, FLOE_SEV_ERROR, "access_delegation");
		assert_non_null(strstr(g->message, "...'"));
		assert_true(strlen(g->message) < 400);
		for (const char *s = g->message; *s; s++)
			assert_true((unsigned char)*s >= 0x20);
		if (prefix < 70)
			assert_non_null(strstr(g->message, "\\x01"));
	}

	/* the same for a multi-byte character at the cut */
	for (size_t prefix = 60; prefix < 90; prefix++) {
		size_t o;

		memset(value, 'a', prefix);
		o = prefix;
		for (int i = 0; i < 40; i++) {
			memcpy(value + o, "\xc3\xa9", 2);	/* é */
			o += 2;
		}
		value[o] = '\0';
		snprintf(yaml, sizeof(yaml),
			 "catalogs:\n  c:\n    uri: u\n    warehouse: w\n"
			 "    access_delegation: \"%s\"\n", value);
		bind_load_bad(c, yaml);
		g = bind_expect(c, FLOE_SEV_ERROR, "access_delegation");
		/* no lead byte without its continuation byte */
		for (const unsigned char *s = (const unsigned char *)g->message;
		     *s; s++)
			if (*s == 0xc3)
				assert_int_equal(s[1], 0xa9);
	}
}

static void test_platform_secret_env_name_follows_floes_rule(void **state)
{
	static const char *const cases[][2] = {
		{ "polaris-client-id", "POLARIS_CLIENT_ID" },
		{ "polaris-client-secret", "POLARIS_CLIENT_SECRET" },
		{ "aws-credentials", "AWS_CREDENTIALS" },
		{ "POLARIS_CLIENT_ID", "POLARIS_CLIENT_ID" },
		{ "Mixed-Case_9-x", "MIXED_CASE_9_X" },
		{ "a", "A" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = floe_secret_env_name(cases[i][0]);

		assert_non_null(s);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

/* ---- the real platform files ---- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void check_fixture(struct bind_ctx *c, const char *name, const char *buf,
			  size_t len)
{
	enum floe_err err;
	const struct floe_diag *g;

	bind_reset(c);
	err = floe_platform_load(FILE_NAME, buf, len, NULL, &c->p, &c->d);
	if (strstr(name, "floe-runtime__local__71e6c88") ||
	    strstr(name, "floe-runtime__k8s-local__9697c0b")) {
		int local = strstr(name, "__local__") != NULL;

		if (err != FLOE_ERR_INPUT) {
			bind_dump(&c->d);
			print_error("%s: expected FLOE_ERR_INPUT, got %s\n",
				    name, floe_strerror(err));
			fail();
		}
		assert_null(c->p);
		assert_int_equal(c->d.nr_errors, 1);
		g = bind_expect(c, FLOE_SEV_ERROR,
			   "catalogs.default.access_delegation");
		assert_non_null(strstr(g->message, local
				       ? "a string ('')"
				       : "a string ('vended_credentials')"));
		assert_int_equal(g->loc.start.line, local ? 56 : 139);
		assert_int_equal(g->loc.start.column, 24);
		return;
	}
	if (err != FLOE_OK || c->d.nr_errors) {
		bind_dump(&c->d);
		print_error("%s: expected FLOE_OK, got %s\n", name,
			    floe_strerror(err));
		fail();
	}
	assert_non_null(c->p);
	assert_true(c->p->nr_catalogs >= 1);
	assert_non_null(floe_platform_catalog(c->p, "default"));
}

static void test_platform_loads_every_real_fixture(void **state)
{
	struct bind_ctx *c = *state;
	const char *dir = FLOE_SHARED_DIR "/fixtures/real";
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t seen = 0, invalid = 0;

	if (!d) {
		print_error("cannot open %s\n", dir);
		fail();
	}
	while ((e = readdir(d))) {
		char path[4096];
		char *buf = NULL;
		size_t len = 0;
		int errnum;

		if (!has_suffix(e->d_name, ".platform.yaml"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (floe_read_file(path, FLOE_YAML_MAX_BYTES, &buf, &len,
				   &errnum) != FLOE_OK) {
			closedir(d);
			print_error("cannot read %s\n", path);
			fail();
		}
		print_message("  %s\n", e->d_name);
		check_fixture(c, e->d_name, buf, len);
		free(buf);
		seen++;
		if (strstr(e->d_name, "__local__71e6c88") ||
		    strstr(e->d_name, "__k8s-local__9697c0b"))
			invalid++;
	}
	closedir(d);
	assert_int_equal(invalid, 2);
	assert_true(seen >= 12);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_platform_binds_every_field_of_a_full_file),
		T(test_platform_applies_the_documented_defaults),
		T(test_platform_binds_every_enum_value),
		T(test_platform_accepts_yaml_1_1_booleans),
		T(test_platform_accepts_a_string_or_a_secret_ref_for_uri_client_id_and_endpoint),
		T(test_platform_rejects_a_malformed_secret_ref),
		T(test_platform_skips_the_sections_it_does_not_need),
		T(test_platform_warns_about_unknown_keys_at_the_key),
		T(test_platform_rejects_a_number_where_a_string_is_expected),
		T(test_platform_rejects_a_string_where_an_integer_or_boolean_is_expected),
		T(test_platform_rejects_an_unknown_access_delegation),
		T(test_platform_rejects_an_empty_access_delegation),
		T(test_platform_rejects_unknown_type_and_mode_values),
		T(test_platform_reports_missing_required_fields),
		T(test_platform_reports_a_null_required_field),
		T(test_platform_rejects_layer_references_to_missing_entries),
		T(test_platform_rejects_the_implicit_default_catalog_ref),
		T(test_platform_rejects_invalid_entry_names),
		T(test_platform_requires_client_credentials_in_oauth2_mode),
		T(test_platform_never_repeats_a_literal_client_secret),
		T(test_platform_rejects_values_out_of_range),
		T(test_platform_reports_fields_of_an_entry_with_a_long_name),
		T(test_platform_rejects_sections_and_entries_of_the_wrong_shape),
		T(test_platform_refuses_an_empty_or_non_mapping_document),
		T(test_platform_respects_the_size_limit),
		T(test_platform_binds_anchors_and_merge_keys),
		T(test_platform_shortens_long_values_in_messages),
		T(test_platform_secret_env_name_follows_floes_rule),
		T(test_platform_loads_every_real_fixture),
	};

	return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}
