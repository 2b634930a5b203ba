/*
 * Unit tests for the credentials rules (src/lint/rule_credentials.c,
 * FP401-FP417), through floe_lint() on in-memory profiles.
 *
 * Only FP4xx findings are looked at: the other families judge the same
 * profiles on their own.  Every literal secret below is "CANARY-5c3f",
 * and every finding is checked not to repeat it.
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
#include "strbuf.h"

#define CANARY "CANARY-5c3f"

/* One option line of the attach item (line 13 onward, 12 spaces in). */
#define O(k, v) "            " k ": " v "\n"
#define ENDPOINT O("endpoint", "http://polaris:8181/api/catalog") \
	O("oauth2_server_uri", "http://polaris:8181/api/catalog/v1/oauth/tokens")
#define ID O("client_id", "\"{{ env_var('POLARIS_CLIENT_ID') }}\"")
#define SECRET O("client_secret", "\"{{ env_var('POLARIS_CLIENT_SECRET') }}\"")
#define SCOPE O("oauth2_scope", "PRINCIPAL_ROLE:data_engineer")

/* The output's keys are on lines 5-7, 6 spaces in; `attach:` on line 8. */
static const char head[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      path: \":memory:\"\n"
	"      extensions: [httpfs, iceberg]\n";

static const char attach_head[] =
	"      attach:\n"
	"        - path: demo_catalog\n"
	"          alias: polaris_catalog\n"
	"          type: iceberg\n"
	"          options:\n";

/* Lint head + body; no finding may repeat the canary secret. */
static void lint_body(struct fx *f, const char *body)
{
	fx_lint(f, head, body, NULL);
	for (size_t i = 0; i < f->diags.nr; i++)
		if (strstr(f->diags.items[i].message, CANARY) ||
		    strstr(f->diags.items[i].message, "5c3f"))
			fail_msg("a secret leaked: %s", f->diags.items[i].message);
}

/* Lint one attach item with these options, after `before` (secrets...). */
static void lint_attach(struct fx *f, const char *before, const char *options)
{
	struct strbuf body = STRBUF_INIT;

	strbuf_adds(&body, before);
	strbuf_adds(&body, attach_head);
	strbuf_adds(&body, options);
	assert_int_equal(strbuf_error(&body), 0);
	lint_body(f, body.buf);
	strbuf_release(&body);
}

/* Exactly these FP4xx rules fired (space-separated, in report order). */
static void assert_family(const struct fx *f, const char *want)
{
	fx_assert_rules(f, "FP400", "FP499", want);
}

/* ---- FP401 ---- */

static void test_secret_option_and_inline_names_them(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SECRET
		    O("SECRET", "polaris_secret"));
	assert_family(f, "FP401");
	fx_assert_at(f, "FP401", 17, 21);
	fx_assert_says(f, "FP401", "inline options ('oauth2_server_uri', "
		    "'client_id', 'client_secret')");
}

static void test_secret_with_only_a_scope_inline_is_refused(void **state)
{
	struct fx *f = *state;

	/* any inline oauth2 option, even the scope alone, makes the
	 * extension build its own secret */
	lint_body(f, "      attach:\n"
		     "        - path: demo_catalog\n"
		     "          type: iceberg\n"
		     "          secret: polaris_secret\n"
		     "          options:\n"
		     "            endpoint: http://polaris:8181/api/catalog\n"
		     "            oauth2_scope: PRINCIPAL_ROLE:x\n");
	assert_family(f, "FP401");
	fx_assert_says(f, "FP401", "inline options ('oauth2_scope')");
}

static void test_dropped_options_and_empty_secret_are_not_given(void **state)
{
	struct fx *f = *state;

	/* dbt-duckdb drops None and False; an empty secret is skipped */
	lint_body(f, "      attach:\n"
		     "        - path: demo_catalog\n"
		     "          type: iceberg\n"
		     "          secret: polaris_secret\n"
		     "          options:\n"
		     "            endpoint: http://polaris:8181/api/catalog\n"
		     "            client_id:\n"
		     "            token: null\n");
	assert_null(fx_find(f, "FP401"));
	lint_attach(f, "", ENDPOINT ID SECRET SCOPE
		    O("secret", "\"{{ env_var('ICEBERG_SECRET', '') }}\""));
	assert_family(f, "");
}

static void test_empty_secret_field_falls_back_to_the_option(void **state)
{
	struct fx *f = *state;

	/* dbt-duckdb writes options['secret'] when the field is falsy */
	lint_body(f, "      attach:\n"
		     "        - path: demo_catalog\n"
		     "          type: iceberg\n"
		     "          secret: ''\n"
		     "          options:\n"
		     "            endpoint: http://polaris:8181/api/catalog\n"
		     "            secret: polaris_secret\n"
		     "            client_id: a\n");
	assert_family(f, "FP401 FP402");
	fx_assert_at(f, "FP401", 14, 21);
}

static void test_sigv4_secret_is_not_oauth(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SECRET
		    O("authorization_type", "sigv4")
		    O("secret", "aws_secret"));
	assert_null(fx_find(f, "FP401"));
	assert_null(fx_find(f, "FP403"));
}

/* ---- FP402 ---- */

static void test_client_secret_without_id(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT SECRET SCOPE O("client_id", "null"));
	assert_family(f, "FP402");
	fx_assert_at(f, "FP402", 15, 28);
	fx_assert_says(f, "FP402", "client_secret without client_id. ");
	fx_assert_says(f, "FP402", "'client_id' for authorization_type");
}

static void test_token_needs_no_client_secret(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID
		    O("token", "\"{{ env_var('DBT_ENV_SECRET_TOKEN') }}\""));
	assert_family(f, "");
	/* authorization_type none: no token request at all */
	lint_attach(f, "", O("endpoint", "http://polaris:8181/api/catalog")
		    ID O("authorization_type", "none"));
	assert_family(f, "");
}

static void test_plugin_and_iceberg_secret_pairs(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      secrets:\n"
		     "        - type: ICEBERG\n"
		     "          client_id: floe\n"
		     "          endpoint: http://polaris:8181/api/catalog\n"
		     "      plugins:\n"
		     "        - module: floe_dbt.plugins.polaris\n"
		     "          config:\n"
		     "            catalog_uri: http://polaris:8181/api/catalog\n"
		     "            client_secret: \"{{ env_var('S') }}\"\n");
	assert_family(f, "FP402 FP402");
	fx_assert_finding(f, "FP402", 10, 22, "client_id without client_secret "
		       "in an iceberg secret. ");
	fx_assert_finding(f, "FP402", 16, 28, "client_secret without client_id "
		       "in the Polaris plugin config. ");
}

/* ---- FP403 ---- */

static void test_any_iceberg_secret_is_used_when_nothing_is_inline(
	void **state)
{
	struct fx *f = *state;
	static const char secrets[] =
		"      secrets:\n"
		"        - type: iceberg\n"
		"          client_id: \"{{ env_var('ID') }}\"\n"
		"          client_secret: \"{{ env_var('SECRET') }}\"\n"
		"          oauth2_server_uri: "
		"http://polaris:8181/api/catalog/v1/oauth/tokens\n";

	lint_attach(f, secrets, O("endpoint", "http://polaris:8181/api/catalog"));
	assert_family(f, "");
	/* an inline option makes the extension skip the secret */
	lint_attach(f, secrets, O("endpoint", "http://polaris:8181/api/catalog")
		    SCOPE);
	assert_family(f, "FP403");
	fx_assert_at(f, "FP403", 14, 11);
	fx_assert_says(f, "FP403", "Its inline oauth2 options make the extension "
		    "request a token without client_id");
}

static void test_authorization_type_decides(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", O("endpoint", "http://polaris:8181/api/catalog")
		    O("authorization_type", "OAuth2"));
	assert_family(f, "FP403");
	fx_assert_at(f, "FP403", 9, 11);
	fx_assert_says(f, "FP403", "no client_id and client_secret, no token and "
		    "no secret, the ATTACH fails");
	lint_attach(f, "", O("endpoint", "http://polaris:8181/api/catalog")
		    O("authorization_type", "none"));
	assert_family(f, "");
	lint_attach(f, "", O("endpoint_type", "glue"));
	assert_family(f, "");
	/* not known before run time: silent */
	lint_attach(f, "", O("endpoint", "http://polaris:8181/api/catalog")
		    O("authorization_type",
		      "\"{{ env_var('POLARIS_AUTH') }}\""));
	assert_family(f, "");
}

static void test_plugin_without_credentials(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      plugins:\n"
		     "        - module: demo.dbt.plugins.polaris\n"
		     "          config:\n"
		     "            catalog_uri: http://polaris:8181/api/catalog\n"
		     "            warehouse: demo_catalog\n"
		     "            s3_secret_access_key: \"{{ env_var('K') }}\"\n"
		     "        - module: other.plugin\n"
		     "          config: {}\n");
	assert_family(f, "FP403");
	fx_assert_at(f, "FP403", 10, 11);
	fx_assert_says(f, "FP403", "the Polaris plugin config has no client_id "
		    "and no client_secret");
}

static void test_iceberg_secret_without_credentials(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "      secrets:\n"
		       "        - type: iceberg\n"
		       "          name: polaris_secret\n"
		       "          endpoint: http://polaris:8181/api/catalog\n",
		    O("endpoint", "http://polaris:8181/api/catalog")
		    O("secret", "polaris_secret"));
	assert_family(f, "FP403");
	fx_assert_at(f, "FP403", 9, 11);
	fx_assert_says(f, "FP403", "this iceberg secret has no credentials");
}

/*
 * A secret's type as DuckDB reads it (fe_secret_type_is(), observed on
 * 1.4.3 and 1.5.6): each spelling below is the iceberg type, so the
 * secret is judged as one; "' iceberg'" is no type DuckDB has.
 */
static void test_iceberg_secret_type_spellings(void **state)
{
	static const char *const iceberg[] = {
		"iceberg", "\"'iceberg'\"", "\" iceberg\"", "ICEBERG",
		"'\"iceberg\"'", "\"'ICEBERG'\"", NULL
	};
	struct fx *f = *state;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; iceberg[i]; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "      secrets:\n"
			    "        - type: %s\n"
			    "          name: polaris_secret\n"
			    "          endpoint: http://polaris:8181/api/catalog\n",
			    iceberg[i]);
		assert_int_equal(strbuf_error(&sb), 0);
		lint_attach(f, sb.buf,
			    O("endpoint", "http://polaris:8181/api/catalog")
			    O("secret", "polaris_secret"));
		if (fx_count(f, "FP403") != 1)
			fail_msg("type: %s is not taken for iceberg", iceberg[i]);
		fx_assert_at(f, "FP403", 9, 11);
		fx_assert_says(f, "FP403", "this iceberg secret has no "
			       "credentials");
	}
	lint_attach(f, "      secrets:\n"
		       "        - type: \"' iceberg'\"\n"
		       "          name: polaris_secret\n"
		       "          endpoint: http://polaris:8181/api/catalog\n",
		    O("endpoint", "http://polaris:8181/api/catalog")
		    O("secret", "polaris_secret"));
	assert_int_equal(fx_count(f, "FP403"), 0);
	strbuf_release(&sb);
}

/* ---- FP404 ---- */

static void test_literals_where_secrets_live(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      settings:\n"
		     "        S3_SECRET_ACCESS_KEY: " CANARY "\n"
		     "      secrets:\n"
		     "        - type: gcs\n"
		     "          key_id: GOOG1E\n"
		     "          secret: " CANARY "\n"
		     "        - type: iceberg\n"
		     "          name: polaris_secret\n"
		     "          client_id: floe\n"
		     "          client_secret: " CANARY "\n"
		     "          secret: not-a-parameter-here\n"
		     "      attach:\n"
		     "        - path: demo_catalog\n"
		     "          type: iceberg\n"
		     "          secret: polaris_secret\n"
		     "          options:\n"
		     "            endpoint: http://polaris:8181/api/catalog\n"
		     "      remote:\n"
		     "        host: localhost\n"
		     "        password: 12345678\n");
	/* the iceberg secret's `secret` key is no parameter of it: FP411 */
	assert_family(f, "FP404 FP404 FP404 FP404 FP411");
	fx_assert_finding(f, "FP411", 18, 11, "'secret' is an ATTACH option");
	fx_assert_finding(f, "FP404", 9, 31, "'S3_SECRET_ACCESS_KEY' is a secret "
		       "written in the file");
	fx_assert_finding(f, "FP404", 13, 19, "'secret' is a secret written");
	fx_assert_finding(f, "FP404", 17, 26, "'client_secret' is a secret");
	fx_assert_finding(f, "FP404", 27, 19, "'password' is a secret");
}

static void test_empty_bool_and_jinja_values_are_not_literal(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "''")
		    O("token", "true")
		    O("password", "\"{{ env_var('DBT_ENV_SECRET_PW', '') }}\""));
	assert_null(fx_find(f, "FP404"));
}

static void test_env_default_is_committed_but_never_shown(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"{{ env_var('POLARIS_CLIENT_SECRET', "
		      "default='" CANARY "') }}\""));
	assert_family(f, "FP404");
	fx_assert_at(f, "FP404", 17, 28);
	fx_assert_says(f, "FP404", "the default of "
		    "env_var('POLARIS_CLIENT_SECRET') is a secret committed");
	/* the environment does not change what the file holds */
	f->opt.use_env = true;
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"{{ env_var('POLARIS_CLIENT_SECRET', "
		      "default='" CANARY "') }}\""));
	assert_family(f, "FP404");
}

static void test_secret_var_default_anywhere(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT SECRET SCOPE
		    O("client_id", "\"{{ env_var('DBT_ENV_SECRET_ID', '"
		      CANARY "') }}\""));
	assert_family(f, "FP404");
	fx_assert_says(f, "FP404", "env_var('DBT_ENV_SECRET_ID')");
	/* a plain variable's default outside secret keys is fine */
	lint_attach(f, "", ENDPOINT SECRET SCOPE
		    O("client_id", "\"{{ env_var('POLARIS_ID', 'floe') }}\""));
	assert_family(f, "");
}

static void test_shell_variable_is_named_as_such(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"${POLARIS_CLIENT_SECRET}\""));
	assert_family(f, "FP404");
	fx_assert_says(f, "FP404", "'client_secret' is a shell variable written "
		    "as literal text. dbt does not expand");
}

static void test_anchor_reports_once_where_written(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      secrets:\n"
		     "        - &s3 {type: s3, key_id: k, secret: " CANARY "}\n"
		     "        - *s3\n");
	assert_family(f, "FP404");
	fx_assert_at(f, "FP404", 9, 45);
}

/* The credentials masking hides beyond the first five kinds (src/secret.c). */
static void test_literals_of_every_kind_masking_hides(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      settings:\n"
		     "        s3_session_token: " CANARY "\n"
		     "        azure_storage_connection_string: \"AccountName=a;"
		     "AccountKey=" CANARY "\"\n"
		     "        http_proxy_password: " CANARY "\n"
		     "      secrets:\n"
		     "        - type: http\n"
		     "          bearer_token: " CANARY "\n"
		     "          extra_http_headers:\n"
		     "            X-API-Key: " CANARY "\n"
		     "            X-Auth-Token: " CANARY "\n"
		     "            Proxy-Authorization: Basic " CANARY "\n"
		     "            Cookie: session=" CANARY "\n"
		     "            Accept: application/json\n"
		     "      filesystems:\n"
		     "        - fs: s3\n"
		     "          key: AKIA\n"
		     "          secret: " CANARY "\n"
		     "      attach:\n"
		     "        - path: \"host=db password='" CANARY "' user=u\"\n"
		     "          type: postgres\n");
	assert_family(f, "FP404 FP404 FP404 FP404 FP404 FP404 FP404 FP404 "
		      "FP404 FP404");
	fx_assert_finding(f, "FP404", 9, 27, "'s3_session_token' is a secret");
	fx_assert_finding(f, "FP404", 10, 42, "'azure_storage_connection_"
			  "string' holds a credential written in the file (its "
			  "AccountKey parameter)");
	fx_assert_finding(f, "FP404", 11, 30, "'http_proxy_password' is a");
	fx_assert_finding(f, "FP404", 14, 25, "'bearer_token' is a secret");
	fx_assert_finding(f, "FP404", 16, 24, "'X-API-Key' is a secret");
	fx_assert_finding(f, "FP404", 17, 27, "'X-Auth-Token' is a secret");
	fx_assert_finding(f, "FP404", 18, 34, "'Proxy-Authorization' is a");
	fx_assert_finding(f, "FP404", 19, 21, "'Cookie' is a secret");
	fx_assert_finding(f, "FP404", 24, 19, "'secret' is a secret");
	fx_assert_finding(f, "FP404", 26, 17, "'path' holds a credential "
			  "written in the file (its password parameter)");
}

/* The exact cases of the finding: a token in a MotherDuck path. */
static void test_motherduck_token_in_the_path(void **state)
{
	struct fx *f = *state;

	fx_lint(f, "floe:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n"
		"      path: \"md:mydb?motherduck_token=" CANARY "\"\n", NULL);
	assert_family(f, "FP404");
	fx_assert_finding(f, "FP404", 6, 13, "'path' holds a credential written "
			  "in the file (its motherduck_token parameter)");
	assert_null(strstr(fx_find(f, "FP404")->message, "5c3f"));
	/* read from the environment, in part (FP408's) or whole */
	fx_lint(f, "floe:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n"
		"      path: \"md:mydb?motherduck_token={{ env_var("
		"'DBT_ENV_SECRET_MD') }}\"\n", NULL);
	assert_family(f, "FP408");
	fx_lint(f, "floe:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n"
		"      path: \"md:mydb?motherduck_token=${MD_TOKEN}\"\n", NULL);
	assert_family(f, "");
}

/* What is not a literal credential, though masking may hide it. */
static void test_near_misses_of_the_new_kinds(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      settings:\n"
		     "        s3_session_token: ''\n"
		     "        s3_access_key_id: AKIAIOSFODNN7EXAMPLE\n"
		     "        azure_storage_connection_string: \"AccountName=a;"
		     "EndpointSuffix=core.windows.net\"\n"
		     "      secrets:\n"
		     "        - type: http\n"
		     "          bearer_token: \"{{ env_var('DBT_ENV_SECRET_B') }}\"\n"
		     "          extra_http_headers:\n"
		     "            Authorization: \"{{ env_var('DBT_ENV_SECRET_A') }}\"\n"
		     "            X-Iceberg-Access-Delegation: vended-credentials\n"
		     "            X-Request-Id: abc\n"
		     "        - type: azure\n"
		     "          connection_string: \"AccountName=a;AccountKey={{ "
		     "env_var('DBT_ENV_SECRET_K') }}\"\n"
		     "      attach:\n"
		     "        - path: \"postgresql://dbt@db:5432/shop\"\n"
		     "          type: postgres\n"
		     "          secret: pg_secret\n"
		     "        - path: \"host=db password={{ env_var('DBT_ENV_"
		     "SECRET_PG') }}\"\n"
		     "          type: postgres\n");
	/* two secrets joined with text: FP408's, not a literal */
	assert_family(f, "FP408 FP408");
}

/* FP406 asks the same values: a header read from a plain variable. */
static void test_env_prefix_on_a_header(void **state)
{
	struct fx *f = *state;

	fx_set_level(f, "FP406", FLOE_LEVEL_INFO);
	lint_body(f, "      secrets:\n"
		     "        - type: http\n"
		     "          extra_http_headers:\n"
		     "            Authorization: \"{{ env_var('AUTH') }}\"\n"
		     "      attach:\n"
		     "        - path: \"{{ env_var('DB_PATH') }}\"\n");
	assert_family(f, "FP406");
	fx_assert_finding(f, "FP406", 11, 28, "'Authorization' is read from "
			  "'AUTH'");
}

/* ---- FP405 ---- */

static void test_scope_shapes(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *scope, *says;
	} bad[] = {
		{ "principal_role:ALL", "(the prefix is case-sensitive); "
		  "write PRINCIPAL_ROLE:ALL" },
		{ "\"PRINCIPAL_ROLE:a  PRINCIPAL_ROLE:b\"", "has an empty "
		  "scope" },
		{ "\" PRINCIPAL_ROLE:a\"", "has an empty scope" },
		{ "\"PRINCIPAL_ROLE:\"", "'PRINCIPAL_ROLE:' names no role" },
		{ "\"principal_role:\"", "'principal_role:' is not "
		  "PRINCIPAL_ROLE:<role>. Polaris answers the token request "
		  "with invalid_scope; write PRINCIPAL_ROLE:ALL or "
		  "PRINCIPAL_ROLE:<role>" },
		{ "\"PRINCIPAL_ROLE:a,PRINCIPAL_ROLE:b\"", "joins two scopes "
		  "with ','" },
		{ "\"\"", "oauth2_scope is empty" },
		{ "session:role:analyst", "'session:role:analyst' is not "
		  "PRINCIPAL_ROLE:<role>" },
		{ "42", "'42' is not PRINCIPAL_ROLE:<role>. Polaris answers "
		  "the token request with invalid_scope; write "
		  "PRINCIPAL_ROLE:42" },
		{ "\"{{ env_var('SCOPE', 'catalog') }}\"", "'catalog' is not "
		  "PRINCIPAL_ROLE:<role>. Polaris answers the token request "
		  "with invalid_scope; write PRINCIPAL_ROLE:catalog" },
	};
	char opts[1024];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(opts, sizeof(opts), "%s%s%s            oauth2_scope: "
			 "%s\n", ENDPOINT, ID, SECRET, bad[i].scope);
		lint_attach(f, "", opts);
		assert_family(f, "FP405");
		fx_assert_at(f, "FP405", 17, 27);
		fx_assert_says(f, "FP405", bad[i].says);
	}
}

static void test_good_and_unknown_scopes_are_silent(void **state)
{
	struct fx *f = *state;

	/* a trailing space is dropped by Java's split */
	lint_attach(f, "", ENDPOINT ID SECRET
		    O("oauth2_scope", "\"PRINCIPAL_ROLE:a PRINCIPAL_ROLE:b \""));
	assert_family(f, "");
	lint_attach(f, "", ENDPOINT ID SECRET
		    O("oauth2_scope", "\"{{ env_var('POLARIS_SCOPE') }}\""));
	assert_family(f, "");
	lint_attach(f, "", ENDPOINT ID SECRET
		    O("oauth2_scope", "\"{{ var('scope') }}\""));
	assert_family(f, "");
}

static void test_plugin_and_secret_scopes(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      secrets:\n"
		     "        - type: iceberg\n"
		     "          client_id: a\n"
		     "          client_secret: \"{{ env_var('S') }}\"\n"
		     "          oauth2_scope: ALL\n"
		     "      plugins:\n"
		     "        - module: floe_dbt.plugins.polaris\n"
		     "          config:\n"
		     "            client_id: a\n"
		     "            client_secret: \"{{ env_var('S') }}\"\n"
		     "            scope: data_engineer\n");
	assert_family(f, "FP405 FP405");
	fx_assert_finding(f, "FP405", 12, 25, "oauth2_scope 'ALL' is not");
	fx_assert_finding(f, "FP405", 18, 20, "scope 'data_engineer' is not "
		       "PRINCIPAL_ROLE:<role>");
}

/* ---- FP406 ---- */

static void test_env_prefix_is_opt_in(void **state)
{
	struct fx *f = *state;
	static const char opts[] = ENDPOINT ID SECRET SCOPE;

	lint_attach(f, "      secrets:\n"
		       "        - type: s3\n"
		       "          secret: \"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\"\n",
		    opts);
	assert_family(f, "");
	fx_set_level(f, "FP406", FLOE_LEVEL_INFO);
	lint_attach(f, "      secrets:\n"
		       "        - type: s3\n"
		       "          secret: \"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\"\n",
		    opts);
	assert_family(f, "FP406 FP406");
	assert_int_equal(fx_find(f, "FP406")->severity, FLOE_SEV_INFO);
	fx_assert_finding(f, "FP406", 10, 19, "'secret' is read from "
		       "'AWS_SECRET_ACCESS_KEY', which dbt does not scrub");
	fx_assert_finding(f, "FP406", 10, 19, "rename the variable to "
		       "DBT_ENV_SECRET_AWS_SECRET_ACCESS_KEY");
	fx_assert_finding(f, "FP406", 19, 28, "'client_secret' is read from "
		       "'POLARIS_CLIENT_SECRET'");
}

static void test_env_prefix_names_the_plain_variable(void **state)
{
	struct fx *f = *state;

	fx_set_level(f, "FP406", FLOE_LEVEL_WARNING);
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"{{ env_var('DBT_ENV_SECRET_A') }}"
		      "{{ env_var('B') }}\""));
	fx_assert_says(f, "FP406", "from 'B'");
	assert_int_equal(fx_find(f, "FP406")->severity, FLOE_SEV_WARNING);
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret",
		      "\"{{ env_var('DBT_ENV_SECRET_POLARIS') }}\""));
	assert_family(f, "");
}

/* ---- FP407 / FP408 ---- */

static void test_several_secret_vars_anywhere(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      settings:\n"
		     "        custom: \"{{ env_var('DBT_ENV_SECRET_A') }}:"
		     "{{ env_var('DBT_ENV_SECRET_B') }}"
		     "{{ env_var('DBT_ENV_SECRET_C') }}\"\n");
	assert_family(f, "FP407");
	fx_assert_at(f, "FP407", 9, 17);
	fx_assert_says(f, "FP407", "this value reads 3 DBT_ENV_SECRET_ variables");
	/* two secrets only: FP407 says it, FP408 does not repeat it */
	lint_body(f, "      settings:\n"
		     "        custom: \"{{ env_var('DBT_ENV_SECRET_A') }}"
		     "{{ env_var('DBT_ENV_SECRET_B') }}\"\n");
	assert_family(f, "FP407");
}

static void test_secret_var_with_text_around(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret",
		      "\"x-{{ env_var('DBT_ENV_SECRET_POLARIS') }}\""));
	assert_family(f, "FP408");
	fx_assert_says(f, "FP408", "the DBT_ENV_SECRET_ variable "
		    "'DBT_ENV_SECRET_POLARIS' is joined with other text");
	/*
	 * a literal block scalar's final newline is dropped by Jinja's lexer
	 * (dbt leaves keep_trailing_newline off: "{{ x }}\n" renders x
	 * alone, checked with Jinja2 3.1.6), so `|` is the variable alone;
	 * `|+` over a blank line keeps one newline, joined with it
	 */
	lint_attach(f, "", ENDPOINT ID SCOPE
		    "            client_secret: |\n"
		    "              {{ env_var('DBT_ENV_SECRET_POLARIS') }}\n");
	assert_family(f, "");
	lint_attach(f, "", ENDPOINT ID SCOPE
		    "            client_secret: |+\n"
		    "              {{ env_var('DBT_ENV_SECRET_POLARIS') }}\n"
		    "\n");
	assert_family(f, "FP408");
	/* another (plain) variable in the same value */
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"{{ env_var('DBT_ENV_SECRET_A') }}"
		      "{{ env_var('SUFFIX', '') }}\""));
	assert_family(f, "FP408");
}

static void test_secret_var_expression(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret",
		      "\"{{ env_var('DBT_ENV_SECRET_X') ~ 'suffix' }}\""));
	assert_family(f, "FP408");
	fx_assert_says(f, "FP408", "the expression cannot see the secret of "
		    "'DBT_ENV_SECRET_X'. It acts on dbt's placeholder");
	/* a filter on a plain variable beside it is not on the secret,
	 * but the secret still has company */
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret", "\"{{ env_var('DBT_ENV_SECRET_X') }}"
		      "{{ env_var('Y', '') | trim }}\""));
	fx_assert_says(f, "FP408", "is joined with other text");
	/* text around a plain variable is fine */
	lint_attach(f, "", O("endpoint",
			     "\"http://{{ env_var('H', 'polaris') }}:8181/api/"
			     "catalog\"") ID SECRET SCOPE);
	assert_family(f, "");
	/* a malformed call is FP004's: nothing here */
	lint_attach(f, "", ENDPOINT ID SCOPE
		    O("client_secret",
		      "\"{{ env_var(DBT_ENV_SECRET_X) | trim }}\""));
	assert_family(f, "");
}

/* ---- FP409 / FP410 ---- */

static void test_persistent_only_as_a_yaml_bool(void **state)
{
	struct fx *f = *state;
	static const char tail[] =
		"          client_id: a\n"
		"          client_secret: \"{{ env_var('S') }}\"\n";
	char body[1024];

	snprintf(body, sizeof(body), "      secrets:\n"
		 "        - type: Iceberg\n"
		 "          persistent: yes\n%s", tail);
	lint_body(f, body);
	assert_family(f, "FP409");
	fx_assert_at(f, "FP409", 10, 11);
	/* the string 'true' gives a temporary secret */
	snprintf(body, sizeof(body), "      secrets:\n"
		 "        - type: iceberg\n"
		 "          persistent: 'true'\n%s", tail);
	lint_body(f, body);
	assert_family(f, "");
	/* persistent S3 secrets are another matter */
	lint_body(f, "      secrets:\n"
		     "        - type: s3\n"
		     "          persistent: true\n"
		     "          provider: credential_chain\n");
	assert_family(f, "");
}

static void test_missing_type_shapes(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      secrets:\n"
		     "        - TYPE: s3\n"
		     "          provider: credential_chain\n"
		     "        - type:\n"
		     "          provider: credential_chain\n"
		     "        - s3\n"
		     "        - type: s3\n"
		     "          provider: credential_chain\n"
		     "        - type: \"''\"\n"		/* 16: the '' literal */
		     "          provider: credential_chain\n"
		     "        - type: \"' '\"\n"	/* a blank: not empty */
		     "          provider: credential_chain\n");
	/* ' ' is a type DuckDB looks up, and has not: FP414's */
	assert_family(f, "FP410 FP410 FP410 FP410 FP414");
	fx_assert_at(f, "FP414", 18, 17);
	fx_assert_says(f, "FP414", "no secret type ' '");
	assert_int_equal(f->diags.items[3].loc.start.line, 16);
	assert_non_null(strstr(f->diags.items[3].message, "has an empty "
			       "'type'"));
	fx_assert_at(f, "FP410", 9, 11);
	fx_assert_says(f, "FP410", "has 'TYPE' but no 'type'");
	assert_string_equal(f->diags.items[1].message,
			    "this secrets entry has an empty 'type'. DuckDB "
			    "cannot create a secret without one; add type: s3 "
			    "(or iceberg, gcs, ...)");
	assert_int_equal(f->diags.items[2].loc.start.line, 13);
	assert_non_null(strstr(f->diags.items[2].message, "is a string, not a "
			       "mapping with 'type'"));
}

/*
 * FP414 and FP415 judge what dbt-duckdb writes: str() of the value
 * PyYAML makes (True, 16 for 0x10, 1.5, 2001-12-14), and no name at all
 * for a falsy one (0.0, false).  Each answer was asked of the 1.4.3 and
 * 1.5.6 engines: SECRET inf parses, SECRET 2001-12-14 does not, TYPE
 * True is "Secret type 'true' not found".
 */
static void test_secret_type_and_name_as_python_prints_them(void **state)
{
	struct fx *f = *state;

	lint_body(f, "      secrets:\n"
		     "        - {type: http, name: 1.5}\n"	/* 9 */
		     "        - {type: http, name: .inf}\n"
		     "        - {type: http, name: 0.0}\n"
		     "        - {type: http, name: 2001-12-14}\n"
		     "        - {type: http, name: false}\n"
		     "        - {type: true, name: ok1}\n"	/* 14 */
		     "        - {type: 0x10, name: ok2}\n"
		     "        - {type: 7.0, name: ok3}\n"	/* not judged */
		     "        - {type: http, name: Default}\n");
	assert_family(f, "FP414 FP414 FP415 FP415 FP415");
	fx_assert_says(f, "FP414", "no secret type 'true'");
	assert_int_equal(f->diags.items[0].loc.start.line, 14);
	assert_non_null(strstr(f->diags.items[1].message,
			       "no secret type '16'"));
	fx_assert_says(f, "FP415", "the secret name '1.5' is not one SQL");
	assert_int_equal(f->diags.items[3].loc.start.line, 12);
	assert_non_null(strstr(f->diags.items[4].message,
			       "'Default' is a keyword"));
}

/* Lint `body` after the head without its extensions (lines 1-6). */
static void lint_bare(struct fx *f, const char *body)
{
	static const char bare[] =
		"floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      path: \":memory:\"\n";

	fx_lint(f, bare, body, NULL);
}

/*
 * FP415 reports a storage the release lacks only when no extension can
 * register one; FP409 sees IN local_file, and says nothing of a secret
 * CREATE SECRET refuses (IN memory with persistent: true).
 */
static void test_secret_name_storage(void **state)
{
	struct fx *f = *state;

	lint_bare(f, "      extensions: [parquet, json]\n"
		     "      secrets:\n"
		     "        - {type: http, name: a IN vault}\n"
		     "        - {type: http, name: b IN Local_File}\n"
		     "        - {type: http, name: c /* x */ IN \"memory\"}\n");
	assert_family(f, "FP415");
	fx_assert_says(f, "FP415", "\"Secret storage 'vault' not found!\"");
	/* an extension beyond a fresh database's, a plugin, an s3 secret
	 * (httpfs autoloads): each may register the storage */
	lint_bare(f, "      extensions: [spatial]\n"
		     "      secrets:\n"
		     "        - {type: http, name: a IN vault}\n");
	assert_family(f, "");
	lint_bare(f, "      plugins:\n"
		     "        - module: excel\n"
		     "      secrets:\n"
		     "        - {type: http, name: a IN vault}\n");
	assert_family(f, "");
	lint_bare(f, "      secrets:\n"
		     "        - {type: http, name: a IN vault}\n"
		     "        - {type: s3, provider: credential_chain}\n");
	assert_family(f, "");
	/* allow_persistent_secrets changes DuckDB's message: none quoted */
	lint_bare(f, "      config_options:\n"
		     "        allow_persistent_secrets: false\n"
		     "      secrets:\n"
		     "        - {type: http, name: a IN vault}\n");
	assert_family(f, "FP415");
	fx_assert_says(f, "FP415", "does not have. CREATE SECRET fails; its");
	/* a keyword after IN, a comment eating the " (": whatever loads */
	lint_bare(f, "      extensions: [spatial]\n"
		     "      secrets:\n"
		     "        - {type: s3, name: a IN data}\n"
		     "        - {type: s3, name: b -- c}\n");
	assert_family(f, "FP415 FP415");
	fx_assert_says(f, "FP415", "names a storage that is a keyword");
	assert_non_null(strstr(fx_nth(f, "FP415", 1)->message,
			       "ends in a -- comment"));
	/* FP409: IN local_file, once with persistent: true; not IN memory */
#define TOKEN ", token: \"{{ env_var('T') }}\"}\n"
	lint_bare(f, "      secrets:\n"
		     "        - {type: iceberg, name: a IN local_file" TOKEN
		     "        - {type: iceberg, name: b IN local_file, "
		     "persistent: true" TOKEN
		     "        - {type: iceberg, name: c IN memory, "
		     "persistent: true" TOKEN);
#undef TOKEN
	assert_family(f, "FP409 FP409 FP415");
	fx_assert_at(f, "FP409", 8, 33);
	fx_assert_says(f, "FP409", "its name's 'IN local_file' stores it");
	fx_assert_says(f, "FP415", "picks the temporary storage memory");
}

static void test_generated_profile_is_clean(void **state)
{
	struct fx *f = *state;

	/* what `floe-profiles generate examples/platform.yaml` writes */
	lint_body(f, "      secrets:\n"
		     "      - type: s3\n"
		     "        region: us-east-1\n"
		     "        key_id: \"{{ env_var('AWS_ACCESS_KEY_ID') }}\"\n"
		     "        secret: \"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\"\n"
		     "      attach:\n"
		     "      - path: demo_catalog\n"
		     "        alias: polaris_catalog\n"
		     "        type: iceberg\n"
		     "        options:\n"
		     "          endpoint: \"http://polaris:8181/api/catalog\"\n"
		     "          oauth2_server_uri: \"http://polaris:8181/api/"
		     "catalog/v1/oauth/tokens\"\n"
		     "          client_id: \"{{ env_var('POLARIS_CLIENT_ID') }}\"\n"
		     "          client_secret: \"{{ env_var('POLARIS_CLIENT_"
		     "SECRET') }}\"\n"
		     "          oauth2_scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"\n"
		     "          access_delegation_mode: none\n");
	assert_family(f, "");
}

/* ---- FP412 ---- */

static void test_empty_client_id_without_token(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "      secrets:\n"
		       "        - type: iceberg\n"
		       "          name: polaris_secret\n"
		       "          client_id: ''\n"
		       "          client_secret: \"{{ env_var('S') }}\"\n",
		    ENDPOINT SECRET SCOPE O("client_id", "''"));
	assert_family(f, "FP412 FP412");
	fx_assert_at(f, "FP412", 22, 24);	/* the attach's, then the secret's */
	assert_int_equal(fx_nth(f, "FP412", 1)->loc.start.line, 11);
}

/* A token is used as is: no token request reads the client id. */
static void test_empty_client_id_beside_a_token(void **state)
{
	struct fx *f = *state;

	lint_attach(f, "      secrets:\n"
		       "        - type: iceberg\n"
		       "          name: polaris_secret\n"
		       "          client_id: ''\n"
		       "          token: \"{{ env_var('DBT_ENV_SECRET_T') }}\"\n",
		    O("endpoint", "http://polaris:8181/api/catalog")
		    O("token", "\"{{ env_var('DBT_ENV_SECRET_TOK') }}\"")
		    O("client_id", "''"));
	assert_family(f, "");
}

/* ---- FP417 ---- */

/* A temporary and a persistent secret named `name1` and `name2`, then an
 * attach item whose SECRET is `secret`, with `more` after it. */
static void lint_two_storages(struct fx *f, const char *pre,
			      const char *name1, const char *name2,
			      const char *secret, const char *more)
{
	struct strbuf body = STRBUF_INIT;

	strbuf_adds(&body, pre);
	strbuf_addf(&body,
		    "      secrets:\n"
		    "        - type: iceberg\n"			/* 9 */
		    "          name: %s\n"
		    "          token: \"{{ env_var('T') }}\"\n"
		    "          endpoint: http://polaris:8181/api/catalog\n"
		    "        - type: s3\n"			/* 13 */
		    "          name: %s\n"
		    "          persistent: true\n"
		    "      attach:\n"
		    "        - path: demo_catalog\n"
		    "          type: iceberg\n"
		    "          secret: %s\n%s",			/* 19 */
		    name1, name2, secret, more);
	assert_int_equal(strbuf_error(&body), 0);
	lint_body(f, body.buf);
	strbuf_release(&body);
}

static void test_secret_name_held_by_two_storages(void **state)
{
	struct fx *f = *state;

	lint_two_storages(f, "", "pol", "POL", "Pol", "");
	assert_family(f, "FP417");
	fx_assert_at(f, "FP417", 19, 19);
	fx_assert_says(f, "FP417", "the ATTACH's SECRET 'Pol' names a "
		       "temporary secret (line 9) and a persistent one "
		       "(line 13)");
	fx_assert_says(f, "FP417", "\"Ambiguity detected for secret name "
		       "'Pol', secret occurs in multiple storage backends.\"");
	/* IN local_file persists too; IN memory is the temporary storage;
	 * the option's SECRET when the field is not given */
	lint_two_storages(f, "", "pol IN memory", "pol IN local_file", "''",
			  "          options:\n"
			  "            secret: pol\n");
	assert_family(f, "FP417");
	fx_assert_at(f, "FP417", 21, 21);
	/* a secret's value is never shown: *** for the name */
	lint_two_storages(f, "", "pol", "pol",
			  "\"{{ env_var('DBT_ENV_SECRET_N', 'pol') }}\"", "");
	assert_family(f, "FP404 FP417");	/* FP404: the default */
	fx_assert_says(f, "FP417", "SECRET '***' names");
	fx_assert_says(f, "FP417", "secret name '***', secret occurs");
}

static void test_secret_name_held_once_or_not_known(void **state)
{
	struct fx *f = *state;

	/* different names; a name known only at run time; quotes */
	lint_two_storages(f, "", "pol", "pol_s3", "pol", "");
	assert_family(f, "");
	lint_two_storages(f, "", "pol", "\"{{ env_var('N') }}\"", "pol", "");
	assert_family(f, "");
	lint_two_storages(f, "", "pol", "pol", "'\"pol\"'", "");
	assert_family(f, "");
	/* persistence known only at run time */
	lint_body(f, "      secrets:\n"
		     "        - {type: http, name: pol}\n"
		     "        - {type: http, name: pol, persistent: "
		     "\"{{ env_var('P') | as_bool }}\"}\n"
		     "      attach:\n"
		     "        - {path: w, type: iceberg, secret: pol}\n");
	assert_family(f, "");
	/* ... even beside a temporary and a persistent one: which two
	 * collide is not known */
	lint_body(f, "      secrets:\n"
		     "        - {type: http, name: pol}\n"
		     "        - {type: http, name: pol, persistent: true}\n"
		     "        - {type: http, name: pol, persistent: "
		     "\"{{ env_var('P') | as_bool }}\"}\n"
		     "      attach:\n"
		     "        - {path: w, type: iceberg, secret: pol}\n");
	assert_family(f, "");
	/* the last of each storage is the one kept, and named */
	lint_body(f, "      secrets:\n"
		     "        - {type: http, name: pol}\n"
		     "        - {type: http, name: pol, persistent: true}\n"
		     "        - {type: http, name: pol}\n"
		     "      attach:\n"
		     "        - {path: w, type: iceberg, secret: pol}\n");
	assert_family(f, "FP417");
	fx_assert_says(f, "FP417", "a temporary secret (line 11) and a "
		       "persistent one (line 10)");
	/* inline OAuth2 options: FP401's refusal comes first */
	lint_two_storages(f, "", "pol", "pol", "pol",
			  "          options:\n"
			  "            token: \"{{ env_var('T') }}\"\n");
	assert_family(f, "FP401");
	/* sigv4 and none are not judged */
	lint_two_storages(f, "", "pol", "pol", "pol",
			  "          options:\n"
			  "            authorization_type: sigv4\n");
	assert_family(f, "");
	/* allow_persistent_secrets off: FP416, the CREATE fails first */
	lint_two_storages(f, "      config_options:\n"
			     "        allow_persistent_secrets: false\n",
			  "pol", "pol", "pol", "");
	assert_family(f, "FP416");
	/* no SECRET: the default secret is not looked up by name */
	lint_body(f, "      secrets:\n"
		     "        - {type: iceberg, name: pol, token: x}\n"
		     "        - {type: iceberg, name: pol, token: x, "
		     "persistent: true}\n"
		     "      attach:\n"
		     "        - {path: w, type: iceberg}\n");
	assert_int_equal(fx_count(f, "FP417"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_secret_option_and_inline_names_them),
		T(test_secret_with_only_a_scope_inline_is_refused),
		T(test_dropped_options_and_empty_secret_are_not_given),
		T(test_empty_secret_field_falls_back_to_the_option),
		T(test_sigv4_secret_is_not_oauth),
		T(test_client_secret_without_id),
		T(test_token_needs_no_client_secret),
		T(test_plugin_and_iceberg_secret_pairs),
		T(test_any_iceberg_secret_is_used_when_nothing_is_inline),
		T(test_authorization_type_decides),
		T(test_plugin_without_credentials),
		T(test_iceberg_secret_without_credentials),
		T(test_iceberg_secret_type_spellings),
		T(test_literals_where_secrets_live),
		T(test_empty_bool_and_jinja_values_are_not_literal),
		T(test_env_default_is_committed_but_never_shown),
		T(test_secret_var_default_anywhere),
		T(test_shell_variable_is_named_as_such),
		T(test_anchor_reports_once_where_written),
		T(test_literals_of_every_kind_masking_hides),
		T(test_motherduck_token_in_the_path),
		T(test_near_misses_of_the_new_kinds),
		T(test_env_prefix_on_a_header),
		T(test_scope_shapes),
		T(test_good_and_unknown_scopes_are_silent),
		T(test_plugin_and_secret_scopes),
		T(test_env_prefix_is_opt_in),
		T(test_env_prefix_names_the_plain_variable),
		T(test_several_secret_vars_anywhere),
		T(test_secret_var_with_text_around),
		T(test_secret_var_expression),
		T(test_persistent_only_as_a_yaml_bool),
		T(test_missing_type_shapes),
		T(test_secret_type_and_name_as_python_prints_them),
		T(test_secret_name_storage),
		T(test_generated_profile_is_clean),
		T(test_empty_client_id_without_token),
		T(test_empty_client_id_beside_a_token),
		T(test_secret_name_held_by_two_storages),
		T(test_secret_name_held_once_or_not_known),
	};

	return cmocka_run_group_tests_name("lint_credentials", tests, NULL,
					   NULL);
}
