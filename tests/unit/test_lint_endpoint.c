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

#include "engine/data/facts.h"
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

/* No message shows the password of a URL's userinfo. */
static void assert_masked(const struct fx *f, const char *password)
{
	for (size_t i = 0; i < f->diags.nr; i++)
		assert_null(strstr(f->diags.items[i].message, password));
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

	static const char platform_ui[] =
		"version: \"1.2.0\"\n"
		"catalogs:\n"
		"  default:\n"
		"    uri: \"https://polaris.acme.com/api/catalog\"\n"
		"    warehouse: demo_catalog\n"
		"    properties:\n"
		"      oauth2-server-uri: \"https://app:k3y@login.acme.com/"
		"token\"\n";
	const char *opts_ui =
		O("endpoint", "\"https://polaris.acme.com/api/catalog\"")
		O("oauth2_server_uri", "\"https://app:k3y@login.acme.com/"
		  "token\"") ID;

	lint_attach(f, opts);
	assert_family(f, "FP202");
	fx_load_platform(f, platform);
	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
	/* with userinfo: the URL as written is compared, not as shown */
	lint_attach(f, opts_ui);
	assert_family(f, "FP202");
	assert_masked(f, "k3y");
	fx_load_platform(f, platform_ui);
	lint_attach(f, opts_ui);
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

static void test_string_filters_are_judged(void **state)
{
	struct fx *f = *state;

	/* dbt renders `| trim` and `| lower` to a string: judged as one */
	lint_attach(f, O("endpoint", "\"{{ env_var('EP', "
			 "'http://polaris:8182/api/catalog') | trim }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', 'HTTP://"
			 "polaris:8182/api/catalog/v1/oauth/tokens') | lower "
			 "}}\"") ID);
	assert_family(f, "FP208 FP208");
	fx_assert_at(f, "FP208", 13, 23);
	assert_int_equal(fx_nth(f, "FP208", 1)->loc.start.line, 14);
	/* ... but not `| as_bool` or `| as_number`: not a string */
	lint_attach(f, O("endpoint", "\"{{ env_var('EP', "
			 "'http://polaris:8182/api/catalog') | as_number }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', "
			 "'http://x.acme.com:8182/v1') | as_bool }}\"") ID);
	assert_int_equal(nr_family(f), 0);
}

static void test_unrenderable_is_silent(void **state)
{
	struct fx *f = *state;

	/* no default, a filter not modelled, another expression: nothing
	 * is known */
	lint_attach(f, O("endpoint", "\"{{ env_var('EP') }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', "
			 "'http://x.acme.com:8182/v1') | replace('a', 'b') "
			 "}}\"") ID);
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"{{ env_var('EP') }}\"")
		       O("oauth2_server_uri", "\"{{ env_var('TOK', "
			 "'http://x.acme.com:8182/v1') | trim('/') }}\"") ID);
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
	const char *opts =
		O("endpoint", "\"http://bob:s3cr3t@polaris.acme.com:8182/API/"
		  "v1/\"")
		O("oauth2_server_uri", "\"ftp://bob:s3cr3t@idp.acme.com:8182/"
		  "token\"") ID;

	/* the checks run on host, port and path: userinfo is no reason
	 * to be silent */
	lint_attach(f, opts);
	assert_family(f, "FP202 FP203 FP204 FP205 FP206 FP208 FP208");
	assert_masked(f, "s3cr3t");
	fx_assert_says(f, "FP203", "use 'http://bob:***@polaris.acme.com:"
		       "8182/API'");
	f->opt.duckdb_version = FE_V(1, 5, 3);
	lint_attach(f, opts);
	f->opt.duckdb_version = 0;
	assert_family(f, "FP202 FP203 FP204 FP205 FP206 FP208 FP208 FP210");
	assert_masked(f, "s3cr3t");
	fx_assert_says(f, "FP210", "write 'http://bob:***@polaris.acme.com:"
		       "8182/api/v1/'");
	/* a user part alone may be a token: all of it is masked */
	lint_attach(f, O("endpoint", "\"tok3n@polaris.acme.com/api/catalog"
			 "\"") ID);
	assert_family(f, "FP205 FP209");
	assert_masked(f, "tok3n");
	fx_assert_says(f, "FP205", "'***@polaris.acme.com/api/catalog' has "
		       "no scheme");
}

/* The reviewer's cases: userinfo used to switch every check off. */
static void test_userinfo_does_not_hide_findings(void **state)
{
	struct fx *f = *state;

	lint_attach(f, O("endpoint", "http://admin:pw@polaris.acme.com/api/"
			 "catalog/v1") ID);
	assert_family(f, "FP203 FP206 FP209");
	fx_assert_says(f, "FP203", "use 'http://admin:***@polaris.acme.com/"
		       "api/catalog'");
	fx_assert_says(f, "FP206", "remote host 'polaris.acme.com'");
	assert_masked(f, ":pw@");
	/* the same without userinfo: the same findings */
	lint_attach(f, O("endpoint", "http://polaris.acme.com/api/catalog/v1")
		       ID);
	assert_family(f, "FP203 FP206 FP209");
	/* userinfo in both URLs: ports are compared, not 'pw@...' */
	lint_attach(f, O("endpoint", "http://admin:pw@polaris:8181/api/"
			 "catalog")
		       O("oauth2_server_uri", "http://admin:pw@polaris:8182/"
			 "api/catalog/v1/oauth/tokens") ID);
	assert_family(f, "FP201 FP208");
	fx_assert_says(f, "FP201", "Its port '8182' is not the endpoint's "
		       "'8181'");
	fx_assert_says(f, "FP201", "use 'http://admin:***@polaris:8181/api/"
		       "catalog/v1/oauth/tokens'");
	assert_masked(f, ":pw@");
	/* near miss: userinfo on a right pair of URLs */
	lint_attach(f, O("endpoint", "http://admin:pw@polaris:8181/api/"
			 "catalog")
		       O("oauth2_server_uri", "http://admin:pw@polaris:8181/"
			 "api/catalog/v1/oauth/tokens") ID);
	assert_int_equal(nr_family(f), 0);
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
	/* ... unless --platform says the catalog is Polaris (the scope is
	 * the platform's: without one, FP213 would say the default's) */
	fx_load_platform(f, platform_yaml);
	lint_attach(f, O("endpoint", "\"https://rest.acme.com/catalog\"")
		       O("oauth2_server_uri",
			 "\"https://rest.acme.com/catalog/v1/oauth/tokens\"")
		       O("oauth2_scope", "\"PRINCIPAL_ROLE:DATA_ENGINEER "
			 "PRINCIPAL_ROLE:X\"") ID);
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
	const char *opts =
		O("endpoint", "\"http://polaris:8181/API/Catalog\"")
		O("oauth2_server_uri", "\"http://polaris:8181/API/"
		  "Catalog/v1/oauth/tokens\"") ID;

	/* DuckDB <= 1.5.3 lower-cases the endpoint (endpoint_lowercased) */
	f->opt.duckdb_version = FE_V(1, 5, 3);
	lint_attach(f, opts);
	/* the case is FP210's, not FP207's */
	assert_family(f, "FP210");
	fx_assert_says(f, "FP210", "upper-case letters in its path");
	fx_assert_says(f, "FP210", "lower-cases the endpoint up to 1.5.3");
	fx_assert_says(f, "FP210", "write 'http://polaris:8181/api/catalog', "
		       "or use DuckDB >= 1.5.4");
	f->opt.duckdb_version = FE_V(1, 4, 3);
	lint_attach(f, opts);
	assert_family(f, "FP210");
	/* host names are case-insensitive */
	lint_attach(f, O("endpoint", "\"http://Polaris:8181/api/catalog\"")
		       O("oauth2_server_uri", "\"http://Polaris:8181/api/"
			 "catalog/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	/* so are the hex digits of %7C: lower-cased, the same URL */
	lint_attach(f, O("endpoint", "\"http://nessie:19120/iceberg/main%7C"
			 "dev\"")
		       O("oauth2_server_uri", "\"http://nessie:19120/iceberg/"
			 "main%7Cdev/v1/oauth/tokens\"") ID);
	assert_int_equal(nr_family(f), 0);
	lint_attach(f, O("endpoint", "\"http://nessie:19120/Iceberg/main%7C"
			 "dev\"")
		       O("oauth2_server_uri", "\"http://nessie:19120/Iceberg/"
			 "main%7Cdev/v1/oauth/tokens\"") ID);
	assert_family(f, "FP210");
	/* 1.5.4 keeps the case (duckdb-iceberg 1352a5622), and so does
	 * the default, the newest release */
	f->opt.duckdb_version = FE_V(1, 5, 4);
	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
	f->opt.duckdb_version = 0;
	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
}

/* An endpoint from an ICEBERG secret is used as written, any release. */
static void test_uppercase_secret_endpoint(void **state)
{
	struct fx *f = *state;
	static const char text[] =
		"floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      path: \":memory:\"\n"
		"      extensions: [httpfs, iceberg]\n"
		"      secrets:\n"
		"        - type: iceberg\n"
		"          name: cat\n"
		"          endpoint: http://polaris:8181/API/Catalog\n"
		"          client_id: \"{{ env_var('ID') }}\"\n"
		"          client_secret: \"{{ env_var('SECRET') }}\"\n"
		"          oauth2_server_uri: "
		"http://polaris:8181/API/Catalog/v1/oauth/tokens\n"
		"      attach:\n"
		"        - path: demo_catalog\n"
		"          alias: polaris_catalog\n"
		"          type: iceberg\n"
		"          secret: cat\n";

	f->opt.duckdb_version = FE_V(1, 4, 3);
	fx_lint(f, text, NULL);
	f->opt.duckdb_version = 0;
	assert_int_equal(nr_family(f), 0);
}

/* ---- SigV4: FP205, FP206 and FP225 ---- */

#define SIGV4 O("authorization_type", "sigv4")
#define GLUE_EP "glue.us-east-1.amazonaws.com/iceberg"

/* Lint at `v` and check FP201-FP213 and FP225 apart. */
static void lint_at(struct fx *f, unsigned v, const char *opts,
		    const char *family, const char *fp225)
{
	f->opt.duckdb_version = v;
	lint_attach(f, opts);
	f->opt.duckdb_version = 0;
	assert_family(f, family);
	fx_assert_rules(f, "FP225", "FP225", fp225);
}

static void test_sigv4_endpoint_scheme(void **state)
{
	struct fx *f = *state;
	static const unsigned all[] = {
		FE_V(1, 4, 0), FE_V(1, 4, 3), FE_V(1, 5, 2), FE_V(1, 5, 3),
		FE_V(1, 5, 6), 0
	};

	/* no scheme: https on every release, nothing prepends http:// */
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		lint_at(f, all[i], O("endpoint", GLUE_EP) SIGV4, "", "");
	/* the reviewer's case: a scheme breaks the ATTACH up to 1.5.2 */
	lint_at(f, FE_V(1, 4, 3), O("endpoint", "https://" GLUE_EP) SIGV4,
		"", "FP225");
	fx_assert_at(f, "FP225", 13, 23);
	fx_assert_says(f, "FP225", "signs for the service 'https://glue' and "
		       "connects to 'https:', so the ATTACH fails; write '"
		       GLUE_EP "', or use DuckDB >= 1.5.3");
	lint_at(f, FE_V(1, 5, 2), O("endpoint", "https://" GLUE_EP)
		O("authorization_type", "SigV4"), "", "FP225");
	/* http:// too, which is FP225's there, not also FP206's */
	lint_at(f, FE_V(1, 5, 2), O("endpoint", "http://" GLUE_EP) SIGV4,
		"", "FP225");
	fx_assert_says(f, "FP225", "the service 'http://glue'");
	/* and another scheme: FP225's, not FP205's */
	lint_at(f, FE_V(1, 4, 0), O("endpoint", "ftp://" GLUE_EP) SIGV4,
		"", "FP225");
	/* 1.5.3 strips http:// or https:// (duckdb-iceberg 8d7684967) */
	lint_at(f, FE_V(1, 5, 3), O("endpoint", "https://" GLUE_EP) SIGV4,
		"", "");
	lint_at(f, 0, O("endpoint", "https://" GLUE_EP) SIGV4, "", "");
	lint_at(f, FE_V(1, 5, 3), O("endpoint", "http://" GLUE_EP) SIGV4,
		"FP206", "");
	fx_assert_says(f, "FP206", "the signed catalog requests");
	lint_at(f, 0, O("endpoint", "ftp://" GLUE_EP) SIGV4, "FP205", "");
	fx_assert_says(f, "FP205", "scheme 'ftp' is not http or https");
	/* an endpoint_type replaces the endpoint written: not used */
	lint_at(f, FE_V(1, 4, 3), O("endpoint", "https://" GLUE_EP)
		O("endpoint_type", "glue"), "", "");
	lint_at(f, FE_V(1, 4, 3), O("endpoint", "http://polaris.acme.com/v1")
		O("endpoint_type", "s3_tables"), "", "");
	/* near misses: OAuth2 (the default) gets http:// prepended */
	lint_at(f, FE_V(1, 4, 3), O("endpoint", GLUE_EP) ID, "FP205 FP209",
		"");
	fx_assert_says(f, "FP205", "silently prepends http://");
	lint_at(f, FE_V(1, 4, 3), O("endpoint", "https://" GLUE_EP)
		O("authorization_type", "oauth2") ID, "FP209", "");
	/* an authorization type that cannot be rendered may be SigV4 */
	lint_at(f, FE_V(1, 4, 3), O("endpoint", GLUE_EP)
		O("authorization_type", "\"{{ env_var('AUTH') }}\"") ID,
		"", "");
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

/*
 * FP213 without oauth2_scope: an inline ATTACH then asks for the
 * extension's default scope (PRINCIPAL_ROLE:ALL); a named secret, a
 * fixed token or SigV4 asks for none of its own.
 */
static void test_platform_scope_left_out(void **state)
{
	struct fx *f = *state;
	const char *ep =
		O("endpoint", "\"http://polaris:8181/api/catalog\"")
		O("oauth2_server_uri", "\"http://polaris:8181/api/catalog/"
		  "v1/oauth/tokens\"");
	char opts[1024];

	fx_load_platform(f, platform_yaml);
	snprintf(opts, sizeof(opts), "%s%s", ep, ID);
	lint_attach(f, opts);
	assert_family(f, "FP213");
	fx_assert_says(f, "FP213", "the profile asks for 'PRINCIPAL_ROLE:ALL' "
		    "but the platform grants 'PRINCIPAL_ROLE:DATA_ENGINEER "
		    "PRINCIPAL_ROLE:X'. ");
	/* a null is dropped by dbt-duckdb: the same */
	snprintf(opts, sizeof(opts), "%s%s%s", ep, ID,
		 O("oauth2_scope", "null"));
	lint_attach(f, opts);
	assert_family(f, "FP213");
	/* a fixed token: no token request, no scope */
	snprintf(opts, sizeof(opts), "%s%s", ep,
		 O("token", "\"{{ env_var('DBT_ENV_SECRET_T') }}\""));
	lint_attach(f, opts);
	assert_int_equal(nr_family(f), 0);
	/* SigV4 asks for no token */
	lint_attach(f, O("endpoint", "\"glue.us-east-1.amazonaws.com/"
			 "iceberg\"") O("authorization_type", "sigv4"));
	assert_int_equal(fx_count(f, "FP213"), 0);
}

/*
 * An output with these secrets: and one iceberg attach item after them,
 * with these lines of its own and these options after its endpoint.
 */
static void lint_secrets_opts(struct fx *f, const char *secrets,
			      const char *item, const char *opts)
{
	fx_lint(f, "floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      path: \":memory:\"\n"
		"      extensions: [httpfs, iceberg]\n"
		"      secrets:\n", secrets,
		"      attach:\n"
		"        - path: demo_catalog\n"
		"          type: iceberg\n", item,
		"          options:\n"
		"            endpoint: \"http://polaris:8181/api/catalog\"\n",
		opts, NULL);
}

static void lint_secrets(struct fx *f, const char *secrets, const char *item)
{
	lint_secrets_opts(f, secrets, item, "");
}

/* One iceberg secret entry (8 spaces in), with extra lines after it. */
#define ICE(name, more)							\
	"        - type: iceberg\n"					\
	"          name: " name "\n"					\
	"          client_id: \"{{ env_var('POLARIS_CLIENT_ID') }}\"\n"	\
	"          client_secret: \"{{ env_var('S') }}\"\n"		\
	"          oauth2_server_uri: \"http://polaris:8181/api/catalog/v1/"\
	"oauth/tokens\"\n" more
#define GRANTED "          oauth2_scope: \"PRINCIPAL_ROLE:X " \
	"PRINCIPAL_ROLE:DATA_ENGINEER\"\n"

/*
 * FP213 with nothing inline: the extension takes the token of an
 * iceberg secret (the one SECRET names, else the one the secret manager
 * picks: a temporary one, the lowest name), requested with the secret's
 * oauth2_scope or, left out, the default.
 */
static void test_platform_scope_in_the_secret(void **state)
{
	struct fx *f = *state;

	fx_load_platform(f, platform_yaml);
	/* the only secret, picked without a name, left without a scope */
	lint_secrets(f, ICE("polaris", ""), "");
	assert_family(f, "FP213");
	fx_assert_at(f, "FP213", 9, 11);
	fx_assert_says(f, "FP213", "this iceberg secret, which the ATTACH "
		       "uses, has no oauth2_scope. CREATE SECRET then asks for "
		       "the iceberg extension's default 'PRINCIPAL_ROLE:ALL', "
		       "not the platform's ");
	/* named by the item, with another scope: reported at the scope */
	lint_secrets(f, ICE("polaris", "          oauth2_scope: "
			    "PRINCIPAL_ROLE:ALL\n") ICE("other", GRANTED),
		     "          secret: polaris\n");
	assert_family(f, "FP213");
	fx_assert_at(f, "FP213", 14, 25);
	fx_assert_says(f, "FP213", "the oauth2_scope 'PRINCIPAL_ROLE:ALL' is "
		       "not the platform's");
	/* the same, named under options in another case of its key */
	lint_secrets_opts(f, ICE("other", GRANTED) ICE("polaris", ""), "",
			  O("SECRET", "polaris"));
	assert_family(f, "FP213");
	/* the lowest name is picked: a_polaris has the platform's scope */
	lint_secrets(f, ICE("zz_old", "") ICE("a_polaris", GRANTED), "");
	assert_int_equal(nr_family(f), 0);
	/* ... and _dbt_secret_2, an unnamed one, sorts before letters */
	lint_secrets(f, ICE("a_polaris", GRANTED)
		     "        - type: iceberg\n"
		     "          client_id: x\n"
		     "          client_secret: \"{{ env_var('S') }}\"\n"
		     "          endpoint: http://polaris:8181/api/catalog\n", "");
	assert_family(f, "FP213");
	fx_assert_at(f, "FP213", 15, 11);
	/* a temporary one beats a persistent one */
	lint_secrets(f, ICE("a_polaris", "          persistent: true\n")
		     ICE("b_polaris", GRANTED), "");
	assert_int_equal(nr_family(f), 0);
	/* not known statically: silent */
	lint_secrets(f, ICE("\"{{ env_var('N') }}\"", "")
		     ICE("b_polaris", GRANTED), "");
	assert_int_equal(nr_family(f), 0);
	lint_secrets(f, ICE("a_polaris", "          persistent: true\n"), "");
	assert_int_equal(nr_family(f), 0);
	lint_secrets(f, ICE("polaris", ""), "          secret: elsewhere\n");
	assert_int_equal(nr_family(f), 0);
	/* a token, or a refresh_token without a scope: none requested */
	lint_secrets(f, ICE("polaris", "          token: \"{{ env_var('T') "
			    "}}\"\n"), "");
	assert_int_equal(nr_family(f), 0);
	lint_secrets(f, ICE("polaris", "          refresh_token: "
			    "\"{{ env_var('T') }}\"\n"), "");
	assert_int_equal(nr_family(f), 0);
	/* inline oauth2 options: the extension builds its own secret */
	lint_secrets_opts(f, ICE("polaris", ""), "", ID "  " GRANTED);
	assert_int_equal(fx_count(f, "FP213"), 0);
}

/*
 * The secret an ATTACH names, and the one the secret manager picks, go
 * by the name DuckDB keeps: CREATE SECRET's `[name] [IN storage]`, with
 * comments as blanks, lower-cased (`pol IN memory` is pol); a name CREATE
 * SECRET refuses creates no secret.
 */
static void test_platform_scope_secret_name_as_kept(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = {
		"\"pol IN memory\"", "\"Pol in MEMORY\"",
		"\"pol /* ours */ IN memory\"", "\"\\\"Pol\\\" IN memory\"",
		"\"pol -- ours\\n IN memory\"", "\"pol IN \\\"memory\\\"\"",
	};
	char secrets[1024];

	fx_load_platform(f, platform_yaml);
	/* named by the item: its scope is the secret's, here not granted */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(secrets, sizeof(secrets),
			 ICE("other", GRANTED) ICE("%s", "          "
			     "oauth2_scope: PRINCIPAL_ROLE:ALL\n"), names[i]);
		lint_secrets(f, secrets, "          secret: pol\n");
		assert_family(f, "FP213");
		fx_assert_says(f, "FP213", "the oauth2_scope "
			       "'PRINCIPAL_ROLE:ALL' is not the platform's");
	}
	/* a storage is no part of the name: `pol IN memory` is not named
	 * by 'pol IN memory' */
	lint_secrets(f, ICE("\"pol IN memory\"", ""),
		     "          secret: \"pol IN memory\"\n");
	assert_int_equal(nr_family(f), 0);
	/* a name CREATE SECRET refuses creates no secret: nothing named */
	lint_secrets(f, ICE("\"pol IN\"", ""), "          secret: pol\n");
	assert_int_equal(fx_count(f, "FP213"), 0);
	lint_secrets(f, ICE("\"pol IN memory x\"", ""),
		     "          secret: pol\n");
	assert_int_equal(fx_count(f, "FP213"), 0);
	/* two of one name in one storage: the last replaces the first
	 * (CREATE OR REPLACE) */
	lint_secrets(f, ICE("\"pol IN memory\"", GRANTED) ICE("pol", ""),
		     "          secret: pol\n");
	assert_family(f, "FP213");
	fx_assert_says(f, "FP213", "this iceberg secret, which the ATTACH "
		       "uses, has no oauth2_scope.");
	/* ... in two storages the lookup is ambiguous: not judged */
	lint_secrets(f, ICE("\"pol IN local_file\"", "") ICE("pol", ""),
		     "          secret: pol\n");
	assert_int_equal(fx_count(f, "FP213"), 0);
	/* a storage an extension may register: not known */
	lint_secrets(f, ICE("\"pol IN vault\"", ""), "          secret: pol\n");
	assert_int_equal(fx_count(f, "FP213"), 0);

	/* without a name: the lowest temporary one, by the name kept */
	lint_secrets(f, ICE("\"zz IN memory\"", "")
		     ICE("\"a_pol /* ours */ IN memory\"", GRANTED), "");
	assert_int_equal(nr_family(f), 0);
	lint_secrets(f, ICE("\"A_POL IN memory\"", "")
		     ICE("b_pol", GRANTED), "");
	assert_family(f, "FP213");
	fx_assert_at(f, "FP213", 9, 11);
	/* IN local_file persists: any temporary one wins */
	lint_secrets(f, ICE("\"a_pol IN local_file\"", "")
		     ICE("b_pol", GRANTED), "");
	assert_int_equal(nr_family(f), 0);
	/* a refused name creates no secret: the other is picked */
	lint_secrets(f, ICE("\"a_pol IN\"", GRANTED) ICE("b_pol", ""), "");
	assert_family(f, "FP213");
	fx_assert_at(f, "FP213", 15, 11);
	/* a storage an extension may register: persistence not known */
	lint_secrets(f, ICE("\"a_pol IN vault\"", GRANTED)
		     ICE("b_pol", ""), "");
	assert_int_equal(fx_count(f, "FP213"), 0);
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
		T(test_string_filters_are_judged),
		T(test_unrenderable_is_silent),
		T(test_credentials_in_url_are_never_shown),
		T(test_userinfo_does_not_hide_findings),
		T(test_env_rendering),
		T(test_rest_routes),
		T(test_polaris_base_path),
		T(test_scheme_and_http_checks),
		T(test_uppercase),
		T(test_uppercase_secret_endpoint),
		T(test_sigv4_endpoint_scheme),
		T(test_token_uri_missing),
		T(test_plugin),
		T(test_platform_matches),
		T(test_platform_scope_left_out),
		T(test_platform_scope_in_the_secret),
		T(test_platform_scope_secret_name_as_kept),
		T(test_platform_mismatches),
		T(test_platform_other_catalogs_are_not_checked),
		T(test_platform_unrenderable_is_silent),
		T(test_platform_secret_ref_uri),
		T(test_platform_uri_with_v1),
		T(test_profile_endpoint_with_v1_is_fp203_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
