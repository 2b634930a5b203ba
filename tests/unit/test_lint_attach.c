/*
 * Unit tests for the attach-shape rules (src/lint/rule_attach.c,
 * FP301-FP312), through floe_lint() on in-memory profiles.
 *
 * The golden cases (tests/golden/lint/FP3*) pin one hit and one near miss
 * per rule; these tests cover what is easy to get subtly wrong: where a
 * finding lands when the text comes through an anchor or a `<<` merge,
 * case-insensitive option names, the did-you-mean hints, values that can
 * only be rendered at run time (silence), and the cases where DuckDB never
 * sees an option at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "engine/data/facts.h"
#include "lint/rules.h"

/* ---- pieces of profiles.yml ---- */

#define HEAD								\
	"floe:\n"							\
	"  target: dev\n"						\
	"  outputs:\n"							\
	"    dev:\n"							\
	"      type: duckdb\n"						\
	"      path: \":memory:\"\n"					\
	"      extensions: [httpfs, iceberg]\n"				\
	"      attach:\n"
/* The options of a correct Polaris attach, at 12 spaces. */
#define GOOD_OPTIONS							\
	"            endpoint: http://polaris:8181/api/catalog\n"	\
	"            oauth2_server_uri: "				\
	"http://polaris:8181/api/catalog/v1/oauth/tokens\n"		\
	"            client_id: \"{{ env_var('POLARIS_CLIENT_ID') }}\"\n" \
	"            client_secret: \"{{ env_var('POLARIS_CLIENT_SECRET')" \
	" }}\"\n"							\
	"            oauth2_scope: PRINCIPAL_ROLE:x\n"
/* An iceberg attach item with extra option lines (at 12 spaces). */
#define ITEM_WITH(extra)						\
	"        - path: demo_catalog\n"				\
	"          alias: polaris_catalog\n"				\
	"          type: iceberg\n"					\
	"          options:\n"						\
	GOOD_OPTIONS							\
	extra

/* The nth (0-based) finding of `rule`; it must exist. */
static const struct floe_diag *nth(const struct fx *f, const char *rule,
				   size_t n)
{
	const struct floe_diag *g = fx_nth(f, rule, n);

	if (!g)
		fail_msg("no finding %s", rule);
	return g;
}

static void assert_at(const struct floe_diag *d, unsigned line,
		      unsigned column)
{
	assert_int_equal(d->loc.start.line, line);
	assert_int_equal(d->loc.start.column, column);
}

/* Nothing at all from the attach family (FP3xx). */
static void assert_no_attach_findings(const struct fx *f)
{
	fx_assert_rules(f, "FP300", "FP399", "");
}

/* ---- merges and anchors: reported where the text is written ---- */

static void test_merged_options_reported_at_the_anchor(void **state)
{
	struct fx *f = *state;
	/* the typo is written once (line 15) and reaches two outputs */
	static const char text[] =
		HEAD					/* 1-8 */
		"        - path: demo_catalog\n"	/* 9 */
		"          alias: polaris_catalog\n"
		"          type: iceberg\n"
		"          options: &polaris\n"		/* 12 */
		"            endpoint: http://polaris:8181/api/catalog\n"
		"            oauth2_server_uri: http://polaris:8181/api/"
		"catalog/v1/oauth/tokens\n"
		"            oauth_scope: PRINCIPAL_ROLE:x\n"	/* 15 */
		"            client_id: \"{{ env_var('ID') }}\"\n"
		"            client_secret: \"{{ env_var('SECRET') }}\"\n"
		"    ci:\n"
		"      type: duckdb\n"
		"      extensions: [httpfs, iceberg]\n"
		"      attach:\n"
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          options:\n"
		"            <<: *polaris\n"
		"            Endpoint: http://polaris:8181/api/catalog\n";

	fx_lint(f, text, NULL);
	assert_int_equal(fx_count(f, "FP305"), 1);
	assert_at(nth(f, "FP305", 0), 15, 13);
	assert_non_null(strstr(nth(f, "FP305", 0)->message,
			       "did you mean 'oauth2_scope'?"));
	/* ci: 'Endpoint' (line 26) repeats the merged 'endpoint' (line 13) */
	assert_int_equal(fx_count(f, "FP304"), 1);
	assert_at(nth(f, "FP304", 0), 26, 13);
	assert_non_null(strstr(nth(f, "FP304", 0)->message, "(line 13)"));
}

static void test_merged_attach_fields_reported_at_the_anchor(void **state)
{
	struct fx *f = *state;
	/* `catalog:` comes into the second item through the merge */
	static const char text[] =
		HEAD
		"        - &base\n"			/* 9 */
		"          path: demo_catalog\n"
		"          catalog: demo_catalog\n"	/* 11 */
		"          type: iceberg\n"
		"          options:\n"
		GOOD_OPTIONS				/* 14-18 */
		"        - <<: *base\n"			/* 19 */
		"          alias: polaris_catalog\n";

	fx_lint(f, text, NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_at(nth(f, "FP301", 0), 11, 11);
	assert_non_null(strstr(nth(f, "FP301", 0)->message,
			       "goes in path"));
	assert_int_equal(fx_count(f, "FP310"), 0);
}

/* ---- FP301 ---- */

static void test_iceberg_option_beside_path(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          ENDPOINT: http://polaris:8181/api/catalog\n"
		"          Alias: polaris_catalog\n"
		"          options:\n"
		GOOD_OPTIONS, NULL);
	assert_int_equal(fx_count(f, "FP301"), 2);
	assert_at(nth(f, "FP301", 0), 11, 11);
	assert_non_null(strstr(nth(f, "FP301", 0)->message,
			       "move it under options"));
	/* fields are case-sensitive: 'Alias' is unknown */
	assert_at(nth(f, "FP301", 1), 12, 11);
	assert_non_null(strstr(nth(f, "FP301", 1)->message,
			       "did you mean 'alias'?"));
}

static void test_unknown_field_on_a_duckdb_attachment(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("")
		"        - path: /tmp/other.duckdb\n"
		"          readonly: true\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_non_null(strstr(nth(f, "FP301", 0)->message,
			       "did you mean 'read_only'?"));
}

/* ---- FP302 ---- */

static void test_false_dropped_only_where_it_matters(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            SUPPORT_STAGE_CREATE: off\n"	/* 18: hit */
		"            read_only: false\n"
		"            encode_entire_prefix: false\n"
		"            support_nested_namespaces: 'false'\n"
		"            made_up_option: false\n")
		"        - path: /tmp/other.duckdb\n"
		"          options:\n"
		"            some_flag: false\n", NULL);
	assert_int_equal(fx_count(f, "FP302"), 1);
	assert_at(nth(f, "FP302", 0), 18, 35);
	assert_non_null(strstr(nth(f, "FP302", 0)->message, "(true)"));
	/* a dropped unknown option never reaches the extension */
	assert_int_equal(fx_count(f, "FP305"), 0);
}

/* ---- FP303 ---- */

static void test_conflict_keys_are_case_sensitive(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          secret: polaris_secret\n"
		"          options:\n"
		"            TYPE: iceberg\n"
		"            Secret: polaris_secret\n"
		"            endpoint: http://polaris:8181/api/catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP303"), 0);
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          secret: polaris_secret\n"
		"          options:\n"
		"            secret: polaris_secret\n"	/* 13 */
		"            endpoint: http://polaris:8181/api/catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP303"), 1);
	assert_at(nth(f, "FP303", 0), 13, 13);
	assert_non_null(strstr(nth(f, "FP303", 0)->message, "(line 11)"));
}

static void test_conflict_needs_a_truthy_field(void **state)
{
	struct fx *f = *state;

	/*
	 * an empty type and an unrenderable one say nothing, nor does a
	 * read_only that fails the schema first (FP312)
	 */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: ''\n"
		"          read_only: false\n"
		"          options:\n"
		"            type: iceberg\n"
		"            read_only: true\n"
		GOOD_OPTIONS
		"        - path: other\n"
		"          type: \"{{ env_var('KIND') }}\"\n"
		"          read_only: 'true'\n"
		"          options:\n"
		"            type: iceberg\n"
		"            read_only: true\n"
		GOOD_OPTIONS, NULL);
	assert_int_equal(fx_count(f, "FP303"), 0);
	assert_int_equal(fx_count(f, "FP312"), 1);
}

/* ---- FP304 ---- */

static void test_duplicate_case_ignores_dropped_values(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            PURGE_REQUESTED: true\n"
		"            purge_requested: ~\n"), NULL);
	assert_int_equal(fx_count(f, "FP304"), 0);
}

/* ---- FP305 ---- */

static void test_unknown_options_case_insensitive(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            Default_Region: us-east-1\n"
		"            STAGE_CREATE_TABLES: 'true'\n"
		"            Oauth2_Scopes: PRINCIPAL_ROLE:x\n"	/* 20 */
		"            uri: http://polaris:8181/api/catalog\n"), NULL);
	assert_int_equal(fx_count(f, "FP305"), 2);
	assert_at(nth(f, "FP305", 0), 20, 13);
	/* DuckDB lower-cases the name in its error */
	assert_non_null(strstr(nth(f, "FP305", 0)->message,
			       "\"Unhandled options found: oauth2_scopes\"; "
			       "did you mean 'oauth2_scope'?"));
	/* uri: only the extension's unreleased main has it */
	assert_non_null(strstr(nth(f, "FP305", 1)->message,
			       "no option 'uri'. It is the unreleased "
			       "main's name of 'endpoint'"));
}

static void test_unknown_options_only_for_iceberg(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("")
		"        - path: postgresql://db/app\n"
		"          alias: app\n"
		"          type: postgres\n"
		"          options:\n"
		"            schema: public\n", NULL);
	assert_int_equal(fx_count(f, "FP305"), 0);
}

/* ---- FP306 ---- */

static void test_option_values(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            access_delegation_mode: Vended-Credentials\n"
		"            authorization_type: \"'sigv4'\"\n"
		"            oauth2_grant_type: refresh_token\n"), NULL);
	assert_int_equal(fx_count(f, "FP306"), 2);
	assert_non_null(strstr(nth(f, "FP306", 0)->message,
			       "write 'vended_credentials', with an "
			       "underscore"));
	assert_non_null(strstr(nth(f, "FP306", 1)->message,
			       "Unsupported option ('refresh_token')"));
}

static void test_option_values_unrenderable_are_silent(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            access_delegation_mode: \"{{ env_var('MODE') "
		"| lower }}\"\n"
		"            authorization_type: \"{{ var('auth') }}\"\n"
		"            oauth2_grant_type: \"{{ env_var('GRANT') }}\"\n"), NULL);
	assert_int_equal(fx_count(f, "FP306"), 0);
}

/* ---- FP307 ---- */

static const char *fake_env(const char *name)
{
	return !strcmp(name, "WH") ? "S3://lake/wh" : NULL;
}

static void test_warehouse_rendered_from_the_environment(void **state)
{
	struct fx *f = *state;
	static const char text[] =
		HEAD
		"        - path: \"{{ env_var('WH') }}\"\n"	/* 9 */
		"          type: iceberg\n"
		"          options:\n"
		GOOD_OPTIONS;

	/* no default: dbt needs the environment, so nothing is said */
	fx_lint(f, text, NULL);
	assert_int_equal(fx_count(f, "FP307"), 0);
	f->opt.use_env = true;
	f->opt.getenv_fn = fake_env;
	fx_lint(f, text, NULL);
	assert_int_equal(fx_count(f, "FP307"), 1);
	assert_at(nth(f, "FP307", 0), 9, 17);
	assert_non_null(strstr(nth(f, "FP307", 0)->message,
			       "'S3://lake/wh'"));
}

static void test_warehouse_only_for_iceberg(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("")
		"        - path: s3://lake/db.duckdb\n"
		"          alias: lake\n"
		"          read_only: true\n", NULL);
	assert_int_equal(fx_count(f, "FP307"), 0);
}

/* ---- FP308 ---- */

static void test_alias_rendering(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD
		"        - path: a.duckdb\n"
		"          alias: \"{{ env_var('A', 'my.db') }}\"\n"
		"        - path: b.duckdb\n"
		"          alias: \"{{ env_var('B') }}\"\n"
		"        - path: c.duckdb\n"
		"          alias: ''\n"
		"        - path: d.duckdb\n"
		"          alias: \"{{ var('d') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP308"), 1);
	assert_at(nth(f, "FP308", 0), 10, 18);
	assert_non_null(strstr(nth(f, "FP308", 0)->message, "e.g. 'my_db'"));
}

/*
 * Where the alias stands in the ATTACH decides two of FP308's verdicts: a
 * -- comment eats the options after it, and 1.5.x trims a \v that ends
 * the statement.  lint_alias_last(): TYPE or READ_ONLY follow, nothing
 * does without type, secret, read_only and options or with options
 * to_sql() skips (False, None), and a value known only at run time
 * leaves it unknown (silent where it matters).
 */
static void test_alias_where_it_stands(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *alias, *rest;
		unsigned version;
		size_t found;
	} cases[] = {
		{ "\"lake -- c\"", "          type: duckdb\n", 0, 1 },
		{ "\"lake -- c\"", "          read_only: true\n", 0, 1 },
		{ "\"lake -- c\"", "", 0, 0 },
		{ "\"lake -- c\"", "          read_only: false\n"
		  "          options: {}\n", 0, 0 },
		/* to_sql() writes BLOCK_SIZE 16384, and SECRET s (1.9.4
		 * on); not a False bool, nor None */
		{ "\"lake -- c\"", "          options:\n"
		  "            block_size: 16384\n", 0, 1 },
		{ "\"lake -- c\"", "          secret: s\n", 0, 1 },
		{ "\"lake -- c\"", "          options:\n"
		  "            foo: false\n            bar: null\n", 0, 0 },
		{ "\"lake -- c\"", "          options:\n"
		  "            foo: \"{{ env_var('F', 'x') }}\"\n", 0, 1 },
		{ "\"lake -- c\"", "          options:\n"
		  "            foo: \"{{ env_var('F', 'False') | as_bool }}\"\n",
		  0, 0 },
		{ "\"lake -- c\"", "          options:\n"
		  "            foo: \"{{ var('f') }}\"\n", 0, 0 },
		{ "\"lake -- c\"", "          type: \"{{ var('t') }}\"\n", 0,
		  0 },
		/* Jinja's lexer drops one trailing newline: of two, one is
		 * left to end the comment */
		{ "\"lake -- c\\n\"", "          type: duckdb\n", 0, 1 },
		{ "\"lake -- c\\n\\n\"", "          type: duckdb\n", 0, 0 },
		{ "\"lake /* c */\"", "          type: duckdb\n", 0, 0 },
		{ "\"hr\\v\"", "", FE_V(1, 5, 6), 0 },
		{ "\"hr\\v\"", "", FE_V(1, 4, 3), 1 },
		{ "\"hr\\v\"", "          type: duckdb\n", FE_V(1, 5, 6), 1 },
		/* options follow: 1.5.6 trims only the statement's end */
		{ "\"hr\\v\"", "          options:\n"
		  "            block_size: 16384\n", FE_V(1, 5, 6), 1 },
		/* unknown: 1.5.6 takes it last, not before options */
		{ "\"hr\\v\"", "          options:\n"
		  "            foo: \"{{ var('f') }}\"\n", FE_V(1, 5, 6), 0 },
		{ "\"hr\\v\"", "          options:\n"
		  "            block_size: 16384\n", FE_V(1, 4, 3), 1 },
	};
	char text[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "        - path: a.duckdb\n"
			 "          alias: %s\n%s", cases[i].alias,
			 cases[i].rest);
		f->opt.duckdb_version = cases[i].version;
		fx_lint(f, HEAD, text, NULL);
		if (fx_count(f, "FP308") != cases[i].found)
			fail_msg("alias %s with [%s] on %u: %zu FP308, not %zu",
				 cases[i].alias, cases[i].rest,
				 cases[i].version, fx_count(f, "FP308"),
				 cases[i].found);
	}
	f->opt.duckdb_version = 0;
}

/* ---- FP309 ---- */

static void test_extensions_for_plugins(void **state)
{
	struct fx *f = *state;
	/* floe's plugin ATTACHes with DuckDB's iceberg extension ... */
	static const char floe_plugin[] =
		"floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      plugins:\n"
		"        - module: floe_dbt.plugins.polaris\n"	/* 7 */
		"          config:\n"
		"            catalog_uri: http://polaris:8181/api/catalog\n"
		"            warehouse: demo_catalog\n";
	/* ... the demo one goes through PyIceberg */
	static const char demo_plugin[] =
		"floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      extensions: [httpfs, parquet]\n"
		"      plugins:\n"
		"        - module: demo.dbt.plugins.polaris\n"
		"          config:\n"
		"            catalog_uri: http://polaris:8181/api/catalog\n"
		"            warehouse: demo_catalog\n";

	fx_lint(f, floe_plugin, NULL);
	assert_int_equal(fx_count(f, "FP309"), 1);
	assert_at(nth(f, "FP309", 0), 7, 11);
	assert_non_null(strstr(nth(f, "FP309", 0)->message,
			       "httpfs and iceberg are not"));
	fx_lint(f, demo_plugin, NULL);
	assert_int_equal(fx_count(f, "FP309"), 0);
}

static void test_extensions_unrenderable_are_silent(void **state)
{
	struct fx *f = *state;

	fx_lint(f, "floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      extensions:\n"
		"        - HTTPFS\n"
		"        - \"{{ env_var('CATALOG_EXTENSION') }}\"\n"
		"      attach:\n"
		ITEM_WITH(""), NULL);
	assert_int_equal(fx_count(f, "FP309"), 0);
}

/* ---- FP310 ---- */

static void test_attach_item_not_a_mapping(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("")
		"        - demo_catalog\n", NULL);		/* 18 */
	assert_int_equal(fx_count(f, "FP310"), 1);
	assert_at(nth(f, "FP310", 0), 18, 11);
	assert_non_null(strstr(nth(f, "FP310", 0)->message, "not a string"));
}

/* ---- FP311 ---- */

static void test_endpoint_missing_needs_certainty(void **state)
{
	struct fx *f = *state;

	/* no credentials at all: any iceberg secret may bring one */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n", NULL);
	assert_int_equal(fx_count(f, "FP311"), 0);
	/* a secret defined elsewhere (a plugin, persistent storage) */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          secret: polaris_secret\n", NULL);
	assert_int_equal(fx_count(f, "FP311"), 0);
	/* endpoint_type (glue, s3_tables) needs no endpoint */
	fx_lint(f, HEAD
		"        - path: \"123456789012\"\n"
		"          type: iceberg\n"
		"          options:\n"
		"            endpoint_type: glue\n"
		"            client_id: x\n", NULL);
	assert_int_equal(fx_count(f, "FP311"), 0);
	/* an open catalog: no secret is consulted */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"		/* 9 */
		"          options:\n"			/* 10 */
		"            TYPE: ICEBERG\n"
		"            Authorization_Type: NONE\n", NULL);
	assert_int_equal(fx_count(f, "FP311"), 1);
	assert_at(nth(f, "FP311", 0), 10, 11);
}

/* ---- one root cause, one finding (lint_implied[] in rules.c) ---- */

static void test_consequence_of_a_misplaced_option_is_not_repeated(
	void **state)
{
	struct fx *f = *state;

	/* endpoint on the item: FP301, and not also FP311 "no endpoint" */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          endpoint: http://polaris:8181/api/catalog\n"	/* 11 */
		"          options:\n"
		"            client_id: x\n"
		"            client_secret: \"{{ env_var('S') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_at(nth(f, "FP301", 0), 11, 11);
	assert_int_equal(fx_count(f, "FP311"), 0);
	/* oauth2_server_uri on the item: FP301, and not also FP209 */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          oauth2_server_uri: "
		"http://polaris:8181/api/catalog/v1/oauth/tokens\n"
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n"
		"            client_id: x\n"
		"            client_secret: \"{{ env_var('S') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_int_equal(fx_count(f, "FP209"), 0);
	/* read_only from env_var(): FP312, and not also FP006's warning;
	 * a threads from env_var() beside it keeps its FP006 */
	fx_lint(f, "floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      threads: \"{{ env_var('T', '4') }}\"\n"
		"      attach:\n"
		"        - path: a.duckdb\n"
		"          read_only: \"{{ env_var('RO', 'true') }}\"\n"
		"        - path: b.duckdb\n"
		"          is_ducklake: \"{{ env_var('DL', 'true') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP312"), 2);
	assert_int_equal(fx_count(f, "FP006"), 1);
	assert_at(nth(f, "FP006", 0), 6, 16);
	/* client_id and client_secret on the item: FP301 twice, and not
	 * also FP403 "no credentials" (dbt refuses the profile first) */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          client_id: x\n"				/* 11 */
		"          client_secret: \"{{ env_var('S') }}\"\n"
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 2);
	assert_at(nth(f, "FP301", 0), 11, 11);
	assert_int_equal(fx_count(f, "FP403"), 0);
	/* client_id under options, client_secret on the item: FP301, and
	 * not also FP402 "client_id without client_secret" */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          CLIENT_SECRET: \"{{ env_var('S') }}\"\n"	/* 11 */
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n"
		"            client_id: x\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_at(nth(f, "FP301", 0), 11, 11);
	assert_int_equal(fx_count(f, "FP402"), 0);
	assert_int_equal(fx_count(f, "FP403"), 0);
}

static void test_an_unrelated_root_cause_keeps_both_findings(void **state)
{
	struct fx *f = *state;

	/* another key on the item does not explain the missing endpoint */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          catalog: demo\n"
		"          options:\n"
		"            client_id: x\n"
		"            client_secret: \"{{ env_var('S') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_int_equal(fx_count(f, "FP311"), 1);
	/* the endpoint misplaced on one item explains nothing of another */
	fx_lint(f, HEAD
		"        - path: a\n"
		"          alias: a\n"
		"          type: iceberg\n"
		"          endpoint: http://polaris:8181/api/catalog\n"
		"          options:\n"
		"            client_id: x\n"
		"        - path: b\n"
		"          alias: b\n"
		"          type: iceberg\n"
		"          options:\n"
		"            client_id: x\n", NULL);
	assert_int_equal(fx_count(f, "FP301"), 1);
	assert_int_equal(fx_count(f, "FP311"), 1);
	assert_at(nth(f, "FP311", 0), 18, 11);	/* item b */
}

/* Every implication names two rules that exist, and no rule itself. */
static void test_implications_name_known_rules(void **state)
{
	(void)state;
	assert_true(lint_implied_nr > 0);
	for (size_t i = 0; i < lint_implied_nr; i++) {
		assert_non_null(floe_rule_get(lint_implied[i].rule));
		assert_non_null(floe_rule_get(lint_implied[i].cause));
		assert_int_not_equal(lint_implied[i].rule,
				     lint_implied[i].cause);
	}
}

static void test_consequence_returns_when_the_cause_is_off(void **state)
{
	struct fx *f = *state;
	enum floe_level *levels = calloc(floe_rule_count(), sizeof(*levels));
	const struct floe_rule *r = floe_rule_find("FP301");

	assert_non_null(levels);
	assert_non_null(r);
	for (size_t i = 0; i < floe_rule_count(); i++)
		if (floe_rule_at(i) == r)
			levels[i] = FLOE_LEVEL_OFF;
	f->opt.levels = levels;
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          endpoint: http://polaris:8181/api/catalog\n"
		"          options:\n"
		"            client_id: x\n", NULL);
	/* nothing reports the root cause, so its consequence is shown */
	assert_int_equal(fx_count(f, "FP301"), 0);
	assert_int_equal(fx_count(f, "FP311"), 1);
	/* ... and says what is true: the credentials are misplaced */
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          client_id: x\n"				/* 11 */
		"          client_secret: \"{{ env_var('S') }}\"\n"
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP403"), 1);
	assert_at(nth(f, "FP403", 0), 11, 11);
	assert_non_null(strstr(nth(f, "FP403", 0)->message,
			       "credentials are on the attach item, not "
			       "under options"));
	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          type: iceberg\n"
		"          client_secret: \"{{ env_var('S') }}\"\n"	/* 11 */
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n"
		"            client_id: x\n", NULL);
	assert_int_equal(fx_count(f, "FP402"), 1);
	assert_at(nth(f, "FP402", 0), 11, 11);
	assert_non_null(strstr(nth(f, "FP402", 0)->message,
			       "'client_secret' is on the attach item"));
	f->opt.levels = NULL;
	free(levels);
}

/* ---- FP312 ---- */

static void test_read_only_from_jinja(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("")
		"        - path: a.duckdb\n"		/* 18 */
		"          read_only: \"{{ env_var('RO', 'true') }}\"\n"
		"        - path: b.duckdb\n"
		"          read_only: \"{{ env_var('RO', 'True') | as_bool "
		"}}\"\n"
		"        - path: c.duckdb\n"
		"          read_only: on\n"
		/* var() may give a bool (--vars '{ro: true}') */
		"        - path: d.duckdb\n"
		"          read_only: \"{{ var('ro') }}\"\n", NULL);
	assert_int_equal(fx_count(f, "FP312"), 1);
	assert_at(nth(f, "FP312", 0), 19, 22);
	assert_non_null(strstr(nth(f, "FP312", 0)->message, "'| as_bool'"));
}

/* ---- FP320: the region of vended credentials, with --env ---- */

/* The environment of one run, "NAME=VALUE" strings (NULL-terminated). */
static const char *const *run_env;

static const char *run_getenv(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; run_env && run_env[i]; i++)
		if (!strncmp(run_env[i], name, n) && run_env[i][n] == '=')
			return run_env[i] + n + 1;
	return NULL;
}

/* FP320 findings of the vended attach, with `env` and `extra` output
 * keys (indented by 6). */
static size_t vended_region(struct fx *f, bool use_env,
			    const char *const *env, const char *extra)
{
	run_env = env;
	f->opt.use_env = use_env;
	f->opt.getenv_fn = run_getenv;
	fx_lint(f, HEAD ITEM_WITH(""), extra, NULL);
	f->opt.use_env = false;
	f->opt.getenv_fn = NULL;
	return fx_count(f, "FP320");
}

static void test_vended_region_reads_the_environment(void **state)
{
	struct fx *f = *state;
	static const char *const none[] = { NULL };
	static const char *const region[] = { "AWS_REGION=eu-west-1", NULL };
	static const char *const fallback[] = {
		"AWS_DEFAULT_REGION=eu-west-1", NULL };
	/* the first variable set ends the search, even empty */
	static const char *const empty[] = { "AWS_REGION=",
		"AWS_DEFAULT_REGION=eu-west-1", NULL };
	static const char s3_region[] =
		"      config_options:\n        s3_region: eu-west-1\n";

	/* without --env the run's environment is not lint's to guess */
	assert_int_equal(vended_region(f, false, none, ""), 0);
	assert_int_equal(vended_region(f, true, none, ""), 1);
	assert_non_null(strstr(nth(f, "FP320", 0)->message,
			       "add default_region"));
	assert_int_equal(vended_region(f, true, region, ""), 0);
	assert_int_equal(vended_region(f, true, fallback, ""), 0);
	assert_int_equal(vended_region(f, true, none, s3_region), 0);
	assert_int_equal(vended_region(f, true, empty, s3_region), 1);
	assert_non_null(strstr(nth(f, "FP320", 0)->message,
			       "AWS_REGION is set but empty"));
	/* 1.5.1 kept DuckDB's default region (iceberg_behavior.def) */
	f->opt.duckdb_version = FE_V(1, 5, 1);
	assert_int_equal(vended_region(f, true, none, ""), 0);
	f->opt.duckdb_version = 0;
}

/* ---- FP321 ---- */

static void test_threads_into_the_catalog(void **state)
{
	struct fx *f = *state;

	/* database: polaris_catalog sends every model into the catalog */
	fx_lint(f, HEAD ITEM_WITH("            access_delegation_mode: none\n"),
		"      threads: 8\n      database: polaris_catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP321"), 1);
	assert_non_null(strstr(nth(f, "FP321", 0)->message, "threads: 8"));
	/* READ_ONLY as an option is read-only too */
	fx_lint(f, HEAD ITEM_WITH("            access_delegation_mode: none\n"
				  "            read_only: true\n"),
		"      threads: 8\n      database: polaris_catalog\n", NULL);
	assert_int_equal(fx_count(f, "FP321"), 0);
	/* a database dbt renders only at run time */
	fx_lint(f, HEAD ITEM_WITH("            access_delegation_mode: none\n"),
		"      threads: 8\n      database: \"{{ env_var('DB') }}\"\n",
		NULL);
	assert_int_equal(fx_count(f, "FP321"), 0);
}

/* ---- FP322 ---- */

/* Headers in the attach options are never sent; their values (a token,
 * say) never appear in the finding. */
static void test_headers_in_attach_options(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH("            extra_http_headers:\n"
				  "              Authorization: Bearer s3cr3t-tok\n"),
		NULL);
	assert_int_equal(fx_count(f, "FP322"), 1);
	assert_null(strstr(nth(f, "FP322", 0)->message, "s3cr3t"));
	assert_non_null(strstr(nth(f, "FP322", 0)->message,
			       "iceberg entry of secrets:"));
	fx_lint(f, HEAD ITEM_WITH("            extra_http_headers: "
				  "\"MAP {'X-Api-Key': 's3cr3t-tok'}\"\n"),
		NULL);
	assert_int_equal(fx_count(f, "FP322"), 1);
	assert_null(strstr(nth(f, "FP322", 0)->message, "s3cr3t"));
	/* dropped (a YAML false or null): nothing is meant to be sent */
	fx_lint(f, HEAD ITEM_WITH("            extra_http_headers:\n"), NULL);
	assert_int_equal(fx_count(f, "FP322"), 0);
	/* DuckDB 1.4 has no such option: FP305's */
	f->opt.duckdb_version = FE_V(1, 4, 3);
	fx_lint(f, HEAD ITEM_WITH("            extra_http_headers: {a: b}\n"),
		NULL);
	assert_int_equal(fx_count(f, "FP322"), 0);
	assert_int_equal(fx_count(f, "FP305"), 1);
	f->opt.duckdb_version = 0;
}

/* ---- FP009: the types dbt's credentials schema holds a field to ---- */

/*
 * An attach field of the wrong YAML type is reported on its value, and
 * only there: the iceberg rules that read the item see no options and no
 * type, and say nothing of their own.  Null and a rendered string pass.
 */
static void test_attach_field_types_are_schema_checked(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD
		"        - path: demo_catalog\n"
		"          alias: 123\n"
		"          type: iceberg\n"
		"          options: [endpoint, client_id]\n", NULL);
	assert_int_equal(fx_count(f, "FP009"), 2);
	fx_assert_finding(f, "FP009", 10, 18, "attach 'alias' is an integer, "
			  "not a string");
	fx_assert_finding(f, "FP009", 12, 20, "attach 'options' is a list, "
			  "not a mapping");
	/* options that are no mapping are not "no endpoint" or "no
	 * credentials" too: dbt stops at the schema */
	fx_assert_rules(f, "FP200", "FP499", "");

	fx_lint(f, HEAD
		"        - path: lake.duckdb\n"
		"          alias: \"{{ env_var('ALIAS', 'lake') }}\"\n"
		"          type: ~\n"
		"          secret: ~\n"
		"          options: ~\n", NULL);
	assert_int_equal(fx_count(f, "FP009"), 0);

	/* a list field written as a string: a Jinja one may render a list */
	fx_lint(f, "floe:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n"
		"      attach: \"{{ var('attachments') }}\"\n"
		"      module_paths: lib\n", NULL);
	assert_int_equal(fx_count(f, "FP009"), 1);
	fx_assert_finding(f, "FP009", 7, 21, "'module_paths' is a string, "
			  "not a list");
}

/* ---- a correct profile says nothing ---- */

static void test_generated_shape_is_clean(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD ITEM_WITH(
		"            access_delegation_mode: none\n"
		"            default_region: us-east-1\n"), NULL);
	assert_no_attach_findings(f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

/*
 * An alias taken by an earlier item, compared case-insensitively: the
 * same finding for a short list (each item against the earlier ones)
 * and a long one (a set of the aliases seen), on the later item only.
 */
static void test_alias_taken_by_an_earlier_item_short_and_long(void **state)
{
	struct fx *f = *state;

	for (unsigned nr = 3; nr <= 20; nr += 17) {
		char body[2048];
		size_t len = 0;

		for (unsigned i = 0; i < nr; i++)
			len += (size_t)snprintf(body + len, sizeof(body) - len,
						"        - path: db%u.duckdb\n"
						"          alias: %s%u\n", i,
						i + 1 == nr ? "A" : "a",
						i + 1 == nr ? 1 : i);
		fx_lint(f, HEAD, body, NULL);
		assert_int_equal(fx_count(f, "FP318"), 1);
		/* the last item's alias, on its line */
		fx_assert_finding(f, "FP318", 8 + 2 * nr, 18,
				  "'A1' is already taken by an earlier attach "
				  "item");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_merged_options_reported_at_the_anchor),
		T(test_attach_field_types_are_schema_checked),
		T(test_alias_taken_by_an_earlier_item_short_and_long),
		T(test_merged_attach_fields_reported_at_the_anchor),
		T(test_iceberg_option_beside_path),
		T(test_unknown_field_on_a_duckdb_attachment),
		T(test_false_dropped_only_where_it_matters),
		T(test_conflict_keys_are_case_sensitive),
		T(test_conflict_needs_a_truthy_field),
		T(test_duplicate_case_ignores_dropped_values),
		T(test_unknown_options_case_insensitive),
		T(test_unknown_options_only_for_iceberg),
		T(test_option_values),
		T(test_option_values_unrenderable_are_silent),
		T(test_warehouse_rendered_from_the_environment),
		T(test_warehouse_only_for_iceberg),
		T(test_alias_rendering),
		T(test_alias_where_it_stands),
		T(test_extensions_for_plugins),
		T(test_extensions_unrenderable_are_silent),
		T(test_attach_item_not_a_mapping),
		T(test_endpoint_missing_needs_certainty),
		T(test_consequence_of_a_misplaced_option_is_not_repeated),
		T(test_an_unrelated_root_cause_keeps_both_findings),
		T(test_consequence_returns_when_the_cause_is_off),
		T(test_implications_name_known_rules),
		T(test_read_only_from_jinja),
		T(test_vended_region_reads_the_environment),
		T(test_threads_into_the_catalog),
		T(test_headers_in_attach_options),
		T(test_generated_shape_is_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
