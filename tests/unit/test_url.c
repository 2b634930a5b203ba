/*
 * Unit tests for url_parse and friends (src/url.c): the URL splitting
 * behind the endpoint rules and generate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "url.h"

/* Compare a (pointer, length) part of a URL with a string. */
#define assert_part(ptr, len, want)                                     \
	do {                                                            \
		assert_int_equal((len), strlen(want));                  \
		assert_memory_equal((ptr), (want), strlen(want));       \
	} while (0)

static struct url parse_ok(const char *s)
{
	struct url u;

	assert_int_equal(url_parse(s, &u), 0);
	return u;
}

static void test_url_splits_scheme_host_port_path_and_query(void **state)
{
	const char *s = "https://cat.example.com:8181/api/catalog?x=1#f";
	struct url u = parse_ok(s);

	(void)state;
	assert_true(u.has_scheme);
	assert_string_equal(u.scheme, "https");
	assert_part(u.host, u.host_len, "cat.example.com");
	assert_non_null(u.port);
	assert_part(u.port, u.port_len, "8181");
	assert_part(u.path, u.path_len, "/api/catalog");
	/* the parts point into the input, so offsets can be taken */
	assert_ptr_equal(u.host, s + 8);
	assert_ptr_equal(u.path, s + 28);
	assert_true(u.has_query);
}

static void test_url_lower_cases_the_scheme(void **state)
{
	struct url u = parse_ok("HTTPS://Host.Example.com/V1");

	(void)state;
	assert_true(u.has_scheme);
	assert_string_equal(u.scheme, "https");
	/* only the scheme: host and path keep their case */
	assert_part(u.host, u.host_len, "Host.Example.com");
	assert_part(u.path, u.path_len, "/V1");
}

static void test_url_without_scheme_is_all_host_and_path(void **state)
{
	struct url u = parse_ok("polaris:8181/api/catalog");

	(void)state;
	assert_false(u.has_scheme);
	assert_string_equal(u.scheme, "");
	assert_part(u.host, u.host_len, "polaris");
	assert_part(u.port, u.port_len, "8181");
	assert_part(u.path, u.path_len, "/api/catalog");
	assert_false(u.has_query);
}

static void test_url_without_port_or_path_has_empty_parts(void **state)
{
	struct url u = parse_ok("http://polaris");

	(void)state;
	assert_string_equal(u.scheme, "http");
	assert_part(u.host, u.host_len, "polaris");
	assert_null(u.port);
	assert_int_equal(u.port_len, 0);
	assert_int_equal(u.path_len, 0);
	assert_string_equal(u.path, "");
	assert_false(u.has_query);
}

static void test_url_query_without_path_has_an_empty_path(void **state)
{
	struct url u = parse_ok("http://h.example.com?warehouse=w");

	(void)state;
	assert_part(u.host, u.host_len, "h.example.com");
	assert_int_equal(u.path_len, 0);
	assert_true(u.has_query);
}

static void test_url_fragment_counts_as_a_query(void **state)
{
	struct url u = parse_ok("http://h.example.com/a#frag");

	(void)state;
	assert_part(u.path, u.path_len, "/a");
	assert_true(u.has_query);
}

static void test_url_with_an_empty_host_is_refused(void **state)
{
	struct url u;

	(void)state;
	assert_int_equal(url_parse("http:///api/catalog", &u), -1);
	assert_int_equal(u.host_len, 0);
	assert_part(u.path, u.path_len, "/api/catalog");
	assert_int_equal(url_parse("", &u), -1);
	assert_int_equal(url_parse("https://:8181/x", &u), -1);
	assert_part(u.port, u.port_len, "8181");
}

static void test_url_with_an_ipv4_host_splits_the_port(void **state)
{
	struct url u = parse_ok("http://10.0.0.12:8181/api/catalog/v1");

	(void)state;
	assert_part(u.host, u.host_len, "10.0.0.12");
	assert_part(u.port, u.port_len, "8181");
	assert_part(u.path, u.path_len, "/api/catalog/v1");
}

static void test_url_with_an_ipv6_host_keeps_its_colons(void **state)
{
	struct url u = parse_ok("http://[2001:db8::1]:8181/api");

	(void)state;
	assert_part(u.host, u.host_len, "[2001:db8::1]");
	assert_part(u.port, u.port_len, "8181");
	assert_part(u.path, u.path_len, "/api");
	u = parse_ok("http://[::1]/api");
	assert_part(u.host, u.host_len, "[::1]");
	assert_null(u.port);
}

static void test_url_splits_off_the_user_info(void **state)
{
	const char *s = "https://user@cat.example.com:443/x";
	struct url u = parse_ok(s);
	size_t from;

	(void)state;
	assert_part(u.userinfo, u.userinfo_len, "user");
	assert_part(u.host, u.host_len, "cat.example.com");
	assert_part(u.port, u.port_len, "443");
	assert_part(u.path, u.path_len, "/x");
	/* a user alone may be a token: all of it is secret */
	assert_int_equal(url_userinfo_secret(&u, &from), 4);
	assert_int_equal(from, 0);
	/* user:password@: the host follows the last '@', the password
	 * (after the first ':') is what is secret */
	s = "http://admin:p:w@polaris.acme.com:8182/api/catalog/v1";
	u = parse_ok(s);
	assert_part(u.userinfo, u.userinfo_len, "admin:p:w");
	assert_ptr_equal(u.userinfo, s + 7);
	assert_part(u.host, u.host_len, "polaris.acme.com");
	assert_part(u.port, u.port_len, "8182");
	assert_part(u.path, u.path_len, "/api/catalog/v1");
	assert_int_equal(url_userinfo_secret(&u, &from), 3);
	assert_memory_equal(u.userinfo + from, "p:w", 3);
	/* without a scheme too, and before an IPv6 literal */
	u = parse_ok("bob:pw@[::1]:8181/x");
	assert_false(u.has_scheme);
	assert_part(u.userinfo, u.userinfo_len, "bob:pw");
	assert_part(u.host, u.host_len, "[::1]");
	assert_part(u.port, u.port_len, "8181");
	/* an '@' in the path or query is not userinfo */
	u = parse_ok("http://h.example/a@b?c=d@e");
	assert_null(u.userinfo);
	assert_int_equal(url_userinfo_secret(&u, &from), 0);
	assert_part(u.host, u.host_len, "h.example");
	/* nothing after the '@': no host */
	assert_int_equal(url_parse("http://bob:pw@/x", &u), -1);
}

static void test_url_scheme_with_invalid_characters_is_not_one(void **state)
{
	/* "://" inside a query does not make "h/p?u=http" a scheme */
	struct url u = parse_ok("h.example.com/p?u=http://x");

	(void)state;
	assert_false(u.has_scheme);
	assert_part(u.host, u.host_len, "h.example.com");
	assert_part(u.path, u.path_len, "/p");
	assert_true(u.has_query);
}

static void test_url_path_trimmed_drops_trailing_slashes(void **state)
{
	struct url u = parse_ok("http://h/api/catalog///");

	(void)state;
	assert_int_equal(u.path_len, 15);
	assert_int_equal(url_path_trimmed(&u), 12);
	u = parse_ok("http://h/");
	assert_int_equal(u.path_len, 1);
	assert_int_equal(url_path_trimmed(&u), 0);
	u = parse_ok("http://h");
	assert_int_equal(url_path_trimmed(&u), 0);
}

static void test_url_path_ends_with_ignores_trailing_slashes(void **state)
{
	struct url u = parse_ok("http://h/api/catalog/v1/?x=1");

	(void)state;
	assert_true(url_path_ends_with(&u, "/v1"));
	assert_true(url_path_ends_with(&u, "/catalog/v1"));
	assert_true(url_path_ends_with(&u, ""));
	assert_false(url_path_ends_with(&u, "/v1/"));
	assert_false(url_path_ends_with(&u, "/V1"));
	assert_false(url_path_ends_with(&u, "/v1/config"));
	u = parse_ok("http://h/v1/config");
	assert_true(url_path_ends_with(&u, "/v1/config"));
	assert_false(url_path_ends_with(&u, "/v1"));
	/* a suffix longer than the path */
	u = parse_ok("http://h/1");
	assert_false(url_path_ends_with(&u, "/v1"));
}

/* The tests generate and lint (FP207, FP210) share. */
static void test_url_polaris_predicates(void **state)
{
	struct url u = parse_ok("http://My-POLARIS.example:8181/API/catalog/");

	(void)state;
	assert_true(url_host_names_polaris(&u));
	assert_true(url_path_is_polaris_base(&u));	/* case aside */
	assert_true(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/api/catalog/x");
	assert_false(url_path_is_polaris_base(&u));
	assert_false(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/catalog");
	assert_false(url_path_is_polaris_base(&u));
	u = parse_ok("http://POLARIS");
	assert_true(url_host_names_polaris(&u));	/* host case is fine */
	assert_false(url_path_has_upper(&u));
	assert_false(url_path_is_polaris_base(&u));
	u = parse_ok("http://polari.example/api/catalog");
	assert_false(url_host_names_polaris(&u));
	/* a percent-encoding's hex digits are not letters of the path */
	u = parse_ok("http://polaris:8181/api/catalog/main%7Cdev%2F");
	assert_false(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/api/catalog/main%7Cdev/X");
	assert_true(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/api/%ZZ");	/* not one */
	assert_true(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/api/%7");
	assert_false(url_path_has_upper(&u));
	u = parse_ok("http://polaris:8181/api/%C");
	assert_true(url_path_has_upper(&u));
}

static bool is_local(const char *s)
{
	struct url u = parse_ok(s);

	return url_host_is_local(&u);
}

static void test_url_loopback_hosts_are_local(void **state)
{
	(void)state;
	assert_true(is_local("http://localhost:8181/api"));
	assert_true(is_local("http://127.0.0.1:8181/api"));
	assert_true(is_local("http://127.1.2.3/api"));
	assert_true(is_local("http://0.0.0.0:8181"));
	assert_true(is_local("http://[::1]:8181/api"));
}

static void test_url_host_names_are_compared_without_case(void **state)
{
	(void)state;
	assert_true(is_local("http://LOCALHOST:8181/api"));
	assert_true(is_local("http://Polaris.Default.SVC:8181"));
	assert_true(is_local("http://box.Local"));
	assert_false(is_local("http://Polaris.Example.COM"));
}

static void test_url_single_label_hosts_are_local(void **state)
{
	(void)state;
	assert_true(is_local("http://polaris:8181/api/catalog"));
	assert_true(is_local("http://minio"));
	assert_true(is_local("keycloak:8080/realms/x"));
}

static void test_url_cluster_and_private_suffixes_are_local(void **state)
{
	(void)state;
	assert_true(is_local("http://polaris.default.svc:8181"));
	assert_true(is_local("http://polaris.default.svc.cluster.local/x"));
	assert_true(is_local("http://nas.local/x"));
	assert_true(is_local("http://dev.localhost/x"));
	assert_true(is_local("http://host.docker.internal:8181"));
}

static void test_url_private_addresses_are_local(void **state)
{
	(void)state;
	/* RFC 1918 and link-local IPv4, at and inside each block's edges */
	assert_true(is_local("http://10.0.0.12:8181"));
	assert_true(is_local("http://10.255.255.255/x"));
	assert_true(is_local("http://172.16.0.1/x"));
	assert_true(is_local("http://172.31.255.254/x"));
	assert_true(is_local("http://192.168.1.20:8181/api/catalog"));
	assert_true(is_local("http://169.254.169.254/x"));
	/* ... and just outside them */
	assert_false(is_local("http://172.15.255.255/x"));
	assert_false(is_local("http://172.32.0.1/x"));
	assert_false(is_local("http://192.169.0.1/x"));
	assert_false(is_local("http://11.0.0.1/x"));
	assert_false(is_local("http://169.253.0.1/x"));
	/* a name that only starts like one, or not four octets */
	assert_false(is_local("http://10.example.com/x"));
	assert_false(is_local("http://192.168.1.example.com/x"));
	assert_false(is_local("http://10.0.0.256/x"));
	assert_false(is_local("http://10.0.0.1.5/x"));
	assert_false(is_local("http://0010.0.0.1/x"));
	assert_false(is_local("http://010.0.0.1/x"));	/* octal: 8.0.0.1 */
	/* unique-local (fc00::/7) and link-local (fe80::/10) IPv6 */
	assert_true(is_local("http://[fd12:3456:789a::1]:8181/x"));
	assert_true(is_local("http://[FC00::1]/x"));
	assert_true(is_local("http://[fe80::1]/x"));
	assert_true(is_local("http://[febf::1]/x"));
	assert_false(is_local("http://[fec0::1]/x"));
	assert_false(is_local("http://[fd::1]/x"));	/* 0x00fd */
	assert_false(is_local("http://[fbff::1]/x"));
}

static void test_url_public_hosts_are_not_local(void **state)
{
	(void)state;
	assert_false(is_local("https://polaris.example.com/api/catalog"));
	assert_false(is_local("http://8.8.8.8/x"));
	assert_false(is_local("http://100.64.0.1:8181"));	/* CGNAT */
	assert_false(is_local("http://[2001:db8::1]:8181/api"));
	/* the suffix must be a whole label */
	assert_false(is_local("http://mysvc.example.com"));
	assert_false(is_local("http://notlocal.example.org"));
	assert_false(is_local("http://example.internalz"));
	assert_false(is_local("http://a.localhost.example.com"));
}

/* FP206's test, which generate's warning shares */
static void test_url_plain_http_to_a_remote_host(void **state)
{
	struct url u;

	(void)state;
	u = parse_ok("http://polaris.example.com:8181/api/catalog");
	assert_true(url_is_plain_http_remote(&u));
	u = parse_ok("HTTP://idp.example.com/token");	/* scheme lower-cased */
	assert_true(url_is_plain_http_remote(&u));
	u = parse_ok("https://polaris.example.com/api/catalog");
	assert_false(url_is_plain_http_remote(&u));
	u = parse_ok("http://polaris:8181/api/catalog");	/* a service */
	assert_false(url_is_plain_http_remote(&u));
	u = parse_ok("http://localhost:8181");
	assert_false(url_is_plain_http_remote(&u));
}

static void test_url_catalog_base(void **state)
{
	static const struct {
		const char *in, *base;
	} cases[] = {
		{ "http://h:8181/api/catalog", "http://h:8181/api/catalog" },
		{ "http://h:8181/api/catalog/", "http://h:8181/api/catalog" },
		{ "http://h:8181/api/catalog/v1", "http://h:8181/api/catalog" },
		{ "http://h:8181/api/catalog/v1/v1/", "http://h:8181/api/catalog" },
		{ "http://h:8181/api/catalog//v1", "http://h:8181/api/catalog" },
		{ "http://h/v1", "http://h" },
		/* near misses: a /v1 that is not the last part, /v10 */
		{ "http://h/v1/x", "http://h/v1/x" },
		{ "http://h/api/v10", "http://h/api/v10" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct url u;
		size_t n;

		assert_int_equal(url_parse(cases[i].in, &u), 0);
		n = url_catalog_base(cases[i].in, &u);
		if (n != strlen(cases[i].base) ||
		    strncmp(cases[i].in, cases[i].base, n))
			fail_msg("%s: base '%.*s', want '%s'", cases[i].in,
				 (int)n, cases[i].in, cases[i].base);
	}
}

/*
 * The one comparison of token URIs (lint FP201, FP202, FP214; generate's
 * token_url warning): the same endpoint written otherwise is the same.
 */
static void test_url_same_token_uri(void **state)
{
	static const char base[] =
		"https://polaris.example.com/api/catalog/v1/oauth/tokens";
	static const char *const same[] = {
		"https://POLARIS.example.com/api/catalog/v1/oauth/tokens",
		"HTTPS://polaris.example.com/api/catalog/v1/oauth/tokens",
		"https://polaris.example.com:443/api/catalog/v1/oauth/tokens",
		"https://polaris.example.com/api//catalog/v1/oauth/tokens",
		"https://polaris.example.com/api/catalog/v1/oauth/tokens/",
		"https://polaris.example.com//api/catalog/v1/oauth//tokens//",
	};
	static const char *const other[] = {
		"https://polaris.example.com/API/catalog/v1/oauth/tokens",
		"http://polaris.example.com/api/catalog/v1/oauth/tokens",
		"https://polaris.example.com:8443/api/catalog/v1/oauth/tokens",
		"https://polaris.example.com:80/api/catalog/v1/oauth/tokens",
		"https://idp.example.com/api/catalog/v1/oauth/tokens",
		"https://polaris.example.com/api/catalog/v1/oauth/token",
		"https://polaris.example.com/api/catalog/oauth/tokens",
		"https://app:pw@polaris.example.com/api/catalog/v1/oauth/tokens",
		"no host",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (!url_same_token_uri_text(same[i], base) ||
		    !url_same_token_uri_text(base, same[i]))
			fail_msg("'%s' is not taken for '%s'", same[i], base);
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (url_same_token_uri_text(other[i], base) ||
		    url_same_token_uri_text(base, other[i]))
			fail_msg("'%s' is taken for '%s'", other[i], base);
	/* without a scheme the extension prepends http:// */
	assert_true(url_same_token_uri_text("polaris:8181/v1/oauth/tokens",
					    "http://polaris:8181/v1/oauth/"
					    "tokens"));
	assert_true(url_same_token_uri_text("http://polaris/x",
					    "http://polaris:80/x"));
	assert_true(url_same_path("/", 1, "", 0));
	assert_false(url_same_path("/a", 2, "/a/b", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_url_splits_scheme_host_port_path_and_query),
		cmocka_unit_test(test_url_lower_cases_the_scheme),
		cmocka_unit_test(test_url_without_scheme_is_all_host_and_path),
		cmocka_unit_test(
			test_url_without_port_or_path_has_empty_parts),
		cmocka_unit_test(
			test_url_query_without_path_has_an_empty_path),
		cmocka_unit_test(test_url_fragment_counts_as_a_query),
		cmocka_unit_test(test_url_with_an_empty_host_is_refused),
		cmocka_unit_test(test_url_with_an_ipv4_host_splits_the_port),
		cmocka_unit_test(test_url_with_an_ipv6_host_keeps_its_colons),
		cmocka_unit_test(test_url_splits_off_the_user_info),
		cmocka_unit_test(
			test_url_scheme_with_invalid_characters_is_not_one),
		cmocka_unit_test(test_url_path_trimmed_drops_trailing_slashes),
		cmocka_unit_test(
			test_url_path_ends_with_ignores_trailing_slashes),
		cmocka_unit_test(test_url_polaris_predicates),
		cmocka_unit_test(test_url_loopback_hosts_are_local),
		cmocka_unit_test(test_url_host_names_are_compared_without_case),
		cmocka_unit_test(test_url_single_label_hosts_are_local),
		cmocka_unit_test(
			test_url_cluster_and_private_suffixes_are_local),
		cmocka_unit_test(test_url_private_addresses_are_local),
		cmocka_unit_test(test_url_catalog_base),
		cmocka_unit_test(test_url_public_hosts_are_not_local),
		cmocka_unit_test(test_url_plain_http_to_a_remote_host),
		cmocka_unit_test(test_url_same_token_uri),
	};

	return cmocka_run_group_tests_name("url", tests, NULL, NULL);
}
