/*
 * Unit tests for the endpoint and OAuth2 rules (src/lint/rule_endpoint.c,
 * FP201-FP213), through floe_lint() on in-memory profiles.
 *
 * Only FP201-FP213 findings are looked at: the other families judge the
 * same profiles on their own.
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
#include "floe/platform.h"


/* One option line of the attach item (line 13 onward, 12 spaces in). */
#define O(k, v) "            " k ": " v "\n"
#define ID O("client_id", "\"{{ env_var('POLARIS_CLIENT_ID') }}\"") \
	O("client_secret", "\"{{ env_var('POLARIS_CLIENT_SECRET') }}\"")

static const char attach_head[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      path: \":memory:\"\n"
	"      extensions: [httpfs, iceberg]\n"
	"      attach:\n"
	"        - path: demo_catalog\n"
	"          alias: polaris_catalog\n"
	"          type: iceberg\n"
	"          options:\n";

/* The plugin's config keys start on line 11, 12 spaces in. */
static const char plugin_head[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      path: \":memory:\"\n"
	"      extensions: [httpfs, iceberg]\n"
	"      plugins:\n"
	"        - module: floe_dbt.plugins.polaris\n"
	"          config:\n";

static const char platform_yaml[] =
	"version: \"1.2.0\"\n"
	"catalogs:\n"
	"  default:\n"
	"    type: polaris\n"
	"    uri: \"http://polaris:8181/api/catalog\"\n"
	"    warehouse: demo_catalog\n"
	"    credentials:\n"
	"      mode: oauth2\n"
	"      client_id:\n"
	"        secret_ref: polaris-client-id\n"
	"      client_secret:\n"
	"        secret_ref: polaris-client-secret\n"
	"      scope: \"PRINCIPAL_ROLE:DATA_ENGINEER PRINCIPAL_ROLE:X\"\n";

static void lint_text(struct fx *f, const char *head, const char *body)
{
	fx_lint(f, head, body, NULL);
}

static void lint_attach(struct fx *f, const char *options)
{
	lint_text(f, attach_head, options);
}

/* Is the rule one of FP201-FP213? */
static int ours(const struct floe_diag *g)
{
	const char *id = fx_id(g);

	return id && strcmp(id, "FP201") >= 0 && strcmp(id, "FP213") <= 0;
}

/* The number of findings of FP201-FP213. */
static size_t nr_family(const struct fx *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->diags.nr; i++)
		if (ours(&f->diags.items[i]))
			n++;
	return n;
}

/* Exactly these FP201-FP213 fired (space-separated, in report order). */
static void assert_family(const struct fx *f, const char *want)
{
	fx_assert_rules(f, "FP201", "FP213", want);
}

/* ---- FP201 / FP202 ---- */

static void test_path_only_differs(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://polaris:8181/v1/oauth/tokens\"") ID);
	assert_family(f, "FP201");
	fx_assert_at(f, "FP201", 14, 32);
	fx_assert_says(f, "FP201", "Its path '/v1/oauth/tokens' is "
		    "not the endpoint's '/api/catalog/v1/oauth/tokens'. ");
	fx_assert_says(f, "FP201", "use 'http://polaris:8181/api/catalog/v1/"
		    "oauth/tokens'");
	assert_null(strstr(fx_find(f, "FP201")->message, "scheme"));
	assert_null(strstr(fx_find(f, "FP201")->message, "port '"));
}

static void test_scheme_port_and_path_differ(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://polaris.acme.com:8181/v1/oauth/tokens\"")
		       ID);
	fx_assert_says(f, "FP201", "Its scheme 'http' is not the "
		    "endpoint's 'https', its port '8181' is not the "
		    "endpoint's '443' (the https default) and its path "
		    "'/v1/oauth/tokens' is not the endpoint's "
		    "'/api/catalog/v1/oauth/tokens'. ");
}

static void test_scheme_alone_does_not_name_the_port(void **state)
{
	struct fx *f = *state;

	/* both ports implicit: they differ only through the scheme */
	lint_attach(f, O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri", "\"http://polaris.acme.com/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	fx_assert_says(f, "FP201", "Its scheme 'http' is not the "
		    "endpoint's 'https'. ");
}

static void test_port_only_differs(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://polaris/api/catalog/v1/oauth/tokens\"") ID);
	assert_family(f, "FP201");
	fx_assert_says(f, "FP201", "Its port '80' (the http default) "
		    "is not the endpoint's '8181'. ");
}

static void test_equivalent_token_uris_are_fine(void **state)
{
	struct fx *f = *state;

	/* trailing and doubled '/', host case, an explicit default port */
	lint_attach(f, O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri", "\"https://POLARIS.acme.com:443/"
			 "api/catalog//v1/oauth/tokens/\"") ID);
	assert_int_equal(nr_family(f), 0);
}

static void test_other_host_is_fp202_only(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://login.acme.com:8443/oauth2/token\"") ID);
	assert_family(f, "FP202 FP206");
	fx_assert_at(f, "FP202", 14, 32);
	fx_assert_says(f, "FP202", "the token URI's host 'login.acme.com' is not "
		    "the catalog's 'polaris.acme.com'");
}

static void test_no_token_request_no_comparison(void **state)
{
	struct fx *f = *state;

	/* a fixed token: the token URI is never asked */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://polaris:8181/v1/oauth/tokens\"")
		       O("token", "\"{{ env_var('DBT_ENV_SECRET_T') }}\""));
	assert_int_equal(nr_family(f), 0);
	/* an authorization type that cannot be rendered */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("oauth2_server_uri",
			 "\"http://idp.acme.com/v1/oauth/tokens\"")
		       O("authorization_type", "\"{{ env_var('AUTH') }}\"")
		       ID);
	assert_family(f, "FP206");
}

static void test_platform_declared_idp_is_intended(void **state)
{
	struct fx *f = *state;
	static const char platform[] =
		"version: \"1.2.0\"\n"
		"catalogs:\n"
		"  default:\n"
		"    uri: \"https://polaris.acme.com/api/catalog\"\n"
		"    warehouse: demo_catalog\n"
		"    properties:\n"
		"      oauth2-server-uri: \"https://login.acme.com/token\"\n";
	const char *opts =
		O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		O("oauth2_server_uri", "\"https://login.acme.com/token/\"") ID;

	lint_attach(f, opts);
	assert_family(f, "FP202");
	fx_load_platform(f, platform);
	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
}

/* ---- rendering ---- */

static void test_env_var_default_is_judged(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"{{ env_var('EP', "
			 "'http://polaris:8182/api/catalog') }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', 'http://"
			 "polaris:8182/api/catalog/v1/oauth/tokens') }}\"") ID);
	assert_family(f, "FP208 FP208");
	fx_assert_at(f, "FP208", 13, 23);
	assert_int_equal(fx_nth(f, "FP208", 1)->loc.start.line, 14);
	assert_int_equal(fx_nth(f, "FP208", 1)->loc.start.column, 32);
}

static void test_unrenderable_is_silent(void **state)
{
	struct fx *f = *state;

	/* no default, a filter, another expression: nothing is known */
	lint_attach(f, O("endpoint", "\"{{ env_var('EP') }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', "
			 "'http://x.acme.com:8182/v1') | trim }}\"") ID);
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"{{ var('ep') }}/v1\"")
		       O("oauth2_server_uri", "\"{{ var('ep') }}/v1/oauth/"
			 "tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	/* a missing key is known whatever the endpoint renders to */
	lint_attach(f, O("endpoint", "\"{{ var('ep') }}/v1\"") ID);
	assert_family(f, "FP209");
	fx_assert_says(f, "FP209", "add oauth2_server_uri: <endpoint>/v1/oauth/"
		    "tokens");
}

static void test_credentials_in_url_are_never_shown(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"http://bob:s3cr3t@polaris.acme.com:"
			 "8182/API/v1/\"")
		       O("oauth2_server_uri", "\"ftp://bob:s3cr3t@idp.acme."
			 "com:8182/token\"") ID);
	assert_int_equal(nr_family(f), 0);
	for (size_t i = 0; i < f->diags.nr; i++)
		assert_null(strstr(f->diags.items[i].message, "s3cr3t"));
}

static const char *fake_env(const char *name)
{
	if (!strcmp(name, "EP"))
		return "http://polaris:8181/api/catalog/v1";
	return NULL;
}

static void test_env_rendering(void **state)
{
	struct fx *f = *state;
	const char *opts =
		O("endpoint", "\"{{ env_var('EP', "
		  "'http://polaris:8181/api/catalog') }}\"")
		O("oauth2_server_uri", "\"{{ env_var('TOK', 'http://polaris:"
		  "8181/api/catalog/v1/oauth/tokens') }}\"") ID;

	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
	f->opt.use_env = true;
	f->opt.getenv_fn = fake_env;
	lint_attach(f, opts);
	/* EP comes from the environment, TOK (unset) from its default */
	assert_family(f, "FP203");
	fx_assert_says(f, "FP203", "use 'http://polaris:8181/api/catalog'");
}

/* ---- FP203-FP210 ---- */

static void test_rest_routes(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"https://cat.acme.com/api/catalog/v1/"
			 "config\"") ID
		       O("oauth2_server_uri", "\"https://cat.acme.com/api/"
			 "catalog/v1/oauth/tokens\""));
	assert_family(f, "FP203");
	fx_assert_says(f, "FP203", "the REST route '/v1/config'");
	fx_assert_says(f, "FP203", "use 'https://cat.acme.com/api/catalog'");
	lint_attach(f, O("endpoint", "\"https://cat.acme.com/api/catalog/v1/"
			 "oauth/tokens\"") ID
		       O("oauth2_server_uri", "\"https://cat.acme.com/api/"
			 "catalog/v1/oauth/tokens\""));
	assert_family(f, "FP203");
	fx_assert_says(f, "FP203", "the REST route '/oauth/tokens'");
	fx_assert_says(f, "FP203", "use 'https://cat.acme.com/api/catalog'");
	/* '/v1' is a path segment, not any text ending in v1 */
	lint_attach(f, O("endpoint", "\"https://cat.acme.com/apiv1\"") ID
		       O("oauth2_server_uri", "\"https://cat.acme.com/apiv1/v1/"
			 "oauth/tokens\""));
	assert_int_equal(nr_family(f), 0);
}

static void test_polaris_base_path(void **state)
{
	struct fx *f = *state;

	/* a host that names polaris makes it Polaris */
	lint_attach(f, O("endpoint", "\"http://polaris:8181\"")
		       O("oauth2_server_uri",
			 "\"http://polaris:8181/v1/oauth/tokens\"") ID);
	assert_family(f, "FP207");
	fx_assert_says(f, "FP207", "use 'http://polaris:8181/api/catalog' "
		    "(catalog flavor: Polaris, because its host names "
		    "polaris)");
	/* port 8181 alone does not: iceberg-rest serves at its root there */
	lint_attach(f, O("endpoint", "\"http://catalog:8181\"")
		       O("oauth2_server_uri",
			 "\"http://catalog:8181/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	/* '/api/catalog/v1' is FP203's alone */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog/v1\"")
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	assert_family(f, "FP203");
	/* not Polaris: another REST catalog may live at its root */
	lint_attach(f, O("endpoint", "\"https://rest.acme.com\"")
		       O("oauth2_server_uri",
			 "\"https://rest.acme.com/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	/* ... unless --platform says the catalog is Polaris */
	fx_load_platform(f, platform_yaml);
	lint_attach(f, O("endpoint", "\"https://rest.acme.com/catalog\"")
		       O("oauth2_server_uri",
			 "\"https://rest.acme.com/catalog/v1/oauth/tokens\"")
		       ID);
	assert_family(f, "FP207 FP211");
	fx_assert_says(f, "FP207", "the endpoint's path '/catalog' does not end "
		    "in /api/catalog");
	fx_assert_says(f, "FP207", "because the platform catalog is of type "
		    "polaris");
}

static void test_scheme_and_http_checks(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri", "\"ftp://polaris.acme.com/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	/* each URL at its own node; an implicit http:// is not ftp */
	assert_family(f, "FP201 FP205 FP205");
	fx_assert_at(f, "FP205", 13, 23);
	fx_assert_says(f, "FP205", "'polaris.acme.com/api/catalog' has no "
		    "scheme");
	assert_int_equal(fx_nth(f, "FP205", 1)->loc.start.line, 14);
	assert_non_null(strstr(fx_nth(f, "FP205", 1)->message,
			       "scheme 'ftp' is not http or https"));
	fx_assert_says(f, "FP201", "Its scheme 'ftp' is not the "
		    "endpoint's 'http'. ");
	/* local hosts may use http; the scheme's case does not matter */
	lint_attach(f, O("endpoint", "\"HTTP://localhost:8181/api/catalog\"")
		       O("oauth2_server_uri", "\"http://localhost:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"http://polaris.default.svc.cluster."
			 "local:8181/api/catalog\"")
		       O("oauth2_server_uri", "\"http://polaris.default.svc."
			 "cluster.local:8181/api/catalog/v1/oauth/tokens\"")
		       ID);
	assert_int_equal(nr_family(f), 0);
}

static void test_uppercase(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"http://polaris:8181/API/Catalog\"")
		       O("oauth2_server_uri", "\"http://polaris:8181/API/"
			 "Catalog/v1/oauth/tokens\"") ID);
	/* the case is FP210's, not FP207's */
	assert_family(f, "FP210");
	fx_assert_says(f, "FP210", "upper-case letters in its path");
	fx_assert_says(f, "FP210", "write 'http://polaris:8181/api/catalog'");
	/* host names are case-insensitive */
	lint_attach(f, O("endpoint", "\"http://Polaris:8181/api/catalog\"")
		       O("oauth2_server_uri", "\"http://Polaris:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
}

static void test_token_uri_missing(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog/\"")
		       ID);
	assert_family(f, "FP204 FP209");
	fx_assert_at(f, "FP209", 13, 23);
	fx_assert_says(f, "FP209", "add oauth2_server_uri: http://polaris:8181/"
		    "api/catalog/v1/oauth/tokens");
	/* the extension takes everything from the secret */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("secret", "polaris_secret"));
	assert_int_equal(nr_family(f), 0);
	/* no OAuth2 */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("authorization_type", "none"));
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("authorization_type", "OAuth2") ID);
	assert_family(f, "FP209");
	/* nothing inline: an iceberg secret is looked up instead */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\""));
	assert_int_equal(nr_family(f), 0);
}

static void test_plugin(void **state)
{
	struct fx *f = *state;

	lint_text(f, plugin_head,
		  "            catalog_uri: \"http://floe-infra-polaris:8181/"
		  "api/catalog/v1\"\n"
		  "            warehouse: demo_catalog\n");
	assert_family(f, "FP203");
	fx_assert_at(f, "FP203", 11, 26);
	fx_assert_says(f, "FP203", "the catalog_uri ends in '/v1'");
	fx_assert_says(f, "FP203", "the plugin's token URI");
	/* the plugin derives its token URI: never FP201 nor FP209 */
	lint_text(f, plugin_head,
		  "            catalog_uri: \"http://polaris:8181/api/"
		  "catalog\"\n"
		  "            warehouse: demo_catalog\n");
	assert_int_equal(nr_family(f), 0);
}

/* ---- FP211-FP213 ---- */

static void test_platform_matches(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	/* a trailing '/' and the scopes' order do not matter */
	lint_attach(f, O("endpoint", "\"{{ env_var('FLOE_CATALOG_URI', "
			 "'http://polaris:8181/api/catalog') }}\"")
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID
		       O("oauth2_scope", "\"PRINCIPAL_ROLE:X  "
			 "PRINCIPAL_ROLE:DATA_ENGINEER\""));
	assert_int_equal(nr_family(f), 0);
}

static void test_platform_mismatches(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	lint_text(f,
		  "floe:\n"
		  "  target: dev\n"
		  "  outputs:\n"
		  "    dev:\n"
		  "      type: duckdb\n"
		  "      path: \":memory:\"\n"
		  "      extensions: [httpfs, iceberg]\n"
		  "      attach:\n"
		  "        - path: demo\n"
		  "          alias: polaris_catalog\n"
		  "          type: iceberg\n"
		  "          options:\n",
		  O("endpoint", "\"https://polaris:8181/api/catalog\"")
		  O("oauth2_server_uri", "\"https://polaris:8181/api/catalog/"
		    "v1/oauth/tokens\"") ID
		  O("oauth2_scope", "PRINCIPAL_ROLE:DATA_ENGINEER"));
	assert_family(f, "FP211 FP212 FP213");
	fx_assert_at(f, "FP212", 9, 17);
	fx_assert_says(f, "FP212", "the attach path 'demo' is not the platform "
		    "catalog's warehouse 'demo_catalog'. ");
	fx_assert_says(f, "FP212", "use 'demo_catalog' (the platform's, "
		    "platform.yaml:6:16)");
	fx_assert_at(f, "FP211", 13, 23);
	fx_assert_says(f, "FP211", "the endpoint is not the platform catalog's "
		    "uri, so the profile connects to another catalog. It is "
		    "'https://polaris:8181/api/catalog', the platform's is "
		    "'http://polaris:8181/api/catalog' (platform.yaml:5:10)");
	fx_assert_at(f, "FP213", 17, 27);
	fx_assert_says(f, "FP213", "(the platform's, platform.yaml:13:14)");
}

static void test_platform_other_catalogs_are_not_checked(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	/* the second attach is another catalog, not the platform's */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"")
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID
		       O("oauth2_scope", "\"PRINCIPAL_ROLE:X "
			 "PRINCIPAL_ROLE:DATA_ENGINEER\"")
		       "        - path: analytics_catalog\n"
		       "          alias: analytics\n"
		       "          type: iceberg\n"
		       "          options:\n"
		       O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		       O("oauth2_server_uri", "\"https://polaris.acme.com/api/"
			 "catalog/v1/oauth/tokens\"") ID
		       O("oauth2_scope", "PRINCIPAL_ROLE:DATA_ANALYST"));
	assert_int_equal(nr_family(f), 0);
}

static void test_platform_unrenderable_is_silent(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	lint_text(f, plugin_head,
		  "            catalog_uri: \"{{ env_var('URI') }}\"\n"
		  "            warehouse: \"{{ env_var('WH') }}\"\n"
		  "            scope: \"PRINCIPAL_ROLE:ALL\"\n");
	/* and the plugin does not pass its scope on */
	assert_int_equal(nr_family(f), 0);
}

static void test_platform_secret_ref_uri(void **state)
{
	struct fx *f = *state;
	static const char platform[] =
		"version: \"1.2.0\"\n"
		"catalogs:\n"
		"  default:\n"
		"    uri:\n"
		"      secret_ref: polaris-uri\n"
		"    warehouse: demo_catalog\n";

	fx_load_platform(f, platform);
	lint_attach(f, O("endpoint", "\"{{ env_var('POLARIS_URI') }}\"") ID
		       O("oauth2_server_uri", "\"{{ env_var('POLARIS_URI') }}"
			 "/v1/oauth/tokens\""));
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"{{ env_var('FLOE_CATALOG_URI', "
			 "'http://polaris:8181/api/catalog') }}\"") ID
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\""));
	assert_family(f, "FP211");
	fx_assert_says(f, "FP211", "reads the env var 'FLOE_CATALOG_URI', not the "
		    "one of the platform catalog's uri. That uri is the "
		    "secret_ref 'polaris-uri' (platform.yaml:5:19), which "
		    "floe reads from 'POLARIS_URI'");
	/* a literal URL cannot be compared with a secret */
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"") ID
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\""));
	assert_int_equal(nr_family(f), 0);
}

static void test_platform_uri_with_v1(void **state)
{
	struct fx *f = *state;
	static const char platform[] =
		"version: \"1.2.0\"\n"
		"catalogs:\n"
		"  default:\n"
		"    uri: \"http://polaris:8181/api/catalog/v1/\"\n"
		"    warehouse: demo_catalog\n";

	/* generate writes the uri without /v1: that is the same catalog */
	fx_load_platform(f, platform);
	lint_attach(f, O("endpoint", "\"http://polaris:8181/api/catalog\"") ID
		       O("oauth2_server_uri", "\"http://polaris:8181/api/"
			 "catalog/v1/oauth/tokens\""));
	assert_int_equal(nr_family(f), 0);
}

static void test_profile_endpoint_with_v1_is_fp203_only(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	lint_text(f, plugin_head,
		  "            catalog_uri: \"http://polaris:8181/api/catalog/"
		  "v1\"\n"
		  "            warehouse: demo_catalog\n");
	assert_family(f, "FP203");
	/* but another server is another catalog */
	lint_text(f, plugin_head,
		  "            catalog_uri: \"http://polaris2:8181/api/catalog/"
		  "v1\"\n"
		  "            warehouse: demo_catalog\n");
	assert_family(f, "FP203 FP211");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_path_only_differs),
		T(test_scheme_port_and_path_differ),
		T(test_scheme_alone_does_not_name_the_port),
		T(test_port_only_differs),
		T(test_equivalent_token_uris_are_fine),
		T(test_other_host_is_fp202_only),
		T(test_no_token_request_no_comparison),
		T(test_platform_declared_idp_is_intended),
		T(test_env_var_default_is_judged),
		T(test_unrenderable_is_silent),
		T(test_credentials_in_url_are_never_shown),
		T(test_env_rendering),
		T(test_rest_routes),
		T(test_polaris_base_path),
		T(test_scheme_and_http_checks),
		T(test_uppercase),
		T(test_token_uri_missing),
		T(test_plugin),
		T(test_platform_matches),
		T(test_platform_mismatches),
		T(test_platform_other_catalogs_are_not_checked),
		T(test_platform_unrenderable_is_silent),
		T(test_platform_secret_ref_uri),
		T(test_platform_uri_with_v1),
		T(test_profile_endpoint_with_v1_is_fp203_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
