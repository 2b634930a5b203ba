/*
 * Unit tests for src/secret.c: the one answer to "is this secret?" --
 * key names, connection strings, YAML text for diffs, DBT_ENV_SECRET_.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "secret.h"

static void test_secret_keys(void **state)
{
	(void)state;
	assert_true(floe_secret_key("password"));
	assert_true(floe_secret_key("client_secret"));
	assert_true(floe_secret_key("SECRET"));
	assert_true(floe_secret_key("token"));
	assert_true(floe_secret_key("session_token"));
	assert_true(floe_secret_key("s3_secret_access_key"));
	assert_true(floe_secret_key("azure_storage_connection_string"));
	assert_true(floe_secret_key("account_key"));
	assert_true(floe_secret_key("Authorization"));
	assert_true(floe_secret_key("my_api_secret"));
	/* near misses: the secret manager's settings, ids, names */
	assert_false(floe_secret_key("allow_persistent_secrets"));
	assert_false(floe_secret_key("secret_directory"));
	assert_false(floe_secret_key("key_id"));
	assert_false(floe_secret_key("client_id"));
	assert_false(floe_secret_key("secrets"));
	assert_false(floe_secret_key("tokens_url"));
	assert_false(floe_secret_key(NULL));
	assert_true(floe_secret_header_map("extra_http_headers"));
	assert_false(floe_secret_header_map("options"));
}

/* Which headers of a header map are credentials by their name (FP404). */
static void test_credential_headers(void **state)
{
	(void)state;
	assert_true(floe_secret_header("Authorization"));
	assert_true(floe_secret_header("proxy-authorization"));
	assert_true(floe_secret_header("Cookie"));
	assert_true(floe_secret_header("X-API-Key"));
	assert_true(floe_secret_header("Api-Key"));
	assert_true(floe_secret_header("X-Auth-Token"));
	assert_true(floe_secret_header("X-Amz-Security-Token"));
	assert_true(floe_secret_header("X-Client-Secret"));
	assert_false(floe_secret_header("X-Iceberg-Access-Delegation"));
	assert_false(floe_secret_header("Accept"));
	assert_false(floe_secret_header("X-Request-Id"));
	assert_false(floe_secret_header("Set-Cookie-Policy"));
	assert_false(floe_secret_header(""));
	assert_false(floe_secret_header(NULL));
	assert_true(floe_secret_conn_key("connection_string"));
	assert_true(floe_secret_conn_key("AZURE_STORAGE_CONNECTION_STRING"));
	assert_false(floe_secret_conn_key("account_key"));
	assert_false(floe_secret_conn_key("path"));
	assert_false(floe_secret_conn_key(NULL));
}

static void check_conn(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(floe_secret_mask_conn(&sb, in, strlen(in), "***"), 0);
	assert_string_equal(sb.buf ? sb.buf : "", want);
	strbuf_release(&sb);
}

/* The key test as first written, with the C library's strncasecmp(). */
static bool ref_has(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++)
		if (!strncasecmp(s + i, needle, m))
			return true;
	return false;
}

static bool ref_ends(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);

	return n >= m && !strncasecmp(s + n - m, suf, m);
}

static bool ref_secret_key_n(const char *key, size_t n)
{
	static const char *const exact[] = {
		"token", "account_key", "connection_string", "private_key",
		"authorization", "secret_access_key", "pwd", "passwd",
		"accountkey", "sharedaccesssignature", "sas_token", "sig",
		"proxy_password", "api_key", "apikey", "x-api-key",
	};

	if (!n)
		return false;
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strlen(exact[i]) == n && !strncasecmp(key, exact[i], n))
			return true;
	return ref_ends(key, n, "secret") || ref_ends(key, n, "_token") ||
	       ref_ends(key, n, "connection_string") ||
	       ref_has(key, n, "password") ||
	       ref_has(key, n, "secret_access_key");
}

static unsigned classify_ref(const char *key)
{
	bool k = floe_secret_key(key);

	return (k ? FLOE_SECRET_KEY : 0) |
	       (floe_secret_header(key) ? FLOE_SECRET_HEADER : 0) |
	       (!k && floe_secret_header_map(key) ? FLOE_SECRET_HEADER_MAP : 0);
}

/* The fast key test answers as the plain one, on every case and byte. */
static void test_secret_keys_match_the_plain_definition(void **state)
{
	static const char *const parts[] = {
		"", "token", "TOKEN", "_token", "_Token", "secret", "SeCrEt",
		"password", "PASSWORD", "passwor", "secret_access_key",
		"SECRET_ACCESS_KEY", "connection_string", "sig", "pwd",
		"api_key", "x-api-key", "key_id", "type", "\xc3\xa9", "\x80",
		"p", "s", "_", "@", "Authorization", "headers", "-", "cookie",
		"http_headers",
	};
	const size_t nr = sizeof(parts) / sizeof(parts[0]);
	size_t checked = 0;

	(void)state;
	for (size_t a = 0; a < nr; a++)
		for (size_t b = 0; b < nr; b++)
			for (size_t c = 0; c < nr; c += 3) {
				const char *p[3] = { parts[a], parts[b],
						     parts[c] };
				char key[96];
				size_t n = 0;

				/* "@" stands for a NUL byte inside the key */
				for (int k = 0; k < 3; k++) {
					size_t l = strlen(p[k]);

					memcpy(key + n, p[k], l);
					if (!strcmp(p[k], "@"))
						key[n] = '\0';
					n += l;
				}
				key[n] = '\0';
				if (floe_secret_key_n(key, n) !=
				    ref_secret_key_n(key, n))
					fail_msg("key '%.*s' (%zu bytes)",
						 (int)n, key, n);
				/* the one-pass classifier answers as the
				 * three questions it stands for */
				if (floe_secret_classify(key, strlen(key)) !=
				    classify_ref(key))
					fail_msg("classify '%s'", key);
				checked++;
			}
	assert_true(checked > 1000);
	assert_true(floe_secret_header_map("EXTRA_HTTP_HEADERS"));
	assert_true(floe_secret_header_map("Http_Headers"));
	assert_true(floe_secret_header_map("headers"));
	assert_false(floe_secret_header_map("header"));
	assert_false(floe_secret_header_map("extra_http_headers_x"));
	assert_false(floe_secret_header_map(NULL));
}

static void test_secret_connection_strings(void **state)
{
	(void)state;
	check_conn("postgres:dbname=x host=h password=pw user=u",
		   "postgres:dbname=x host=h password=*** user=u");
	check_conn("host=h password='a b' port=1",
		   "host=h password='***' port=1");
	check_conn("postgresql://u:pw@h:5432/db",
		   "postgresql://u:***@h:5432/db");
	check_conn("http://host:8181/api", "http://host:8181/api");
	check_conn("DefaultEndpointsProtocol=https;AccountName=a;"
		   "AccountKey=k;EndpointSuffix=x",
		   "DefaultEndpointsProtocol=https;AccountName=a;"
		   "AccountKey=***;EndpointSuffix=x");
	check_conn("s3://bucket/db.duckdb?x=1", "s3://bucket/db.duckdb?x=1");
	check_conn("host=h passwd=pw", "host=h passwd=***");
	check_conn("demo_catalog", "demo_catalog");
}

static void check_yaml(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(floe_secret_mask_yaml(&sb, in, strlen(in)), 0);
	assert_string_equal(sb.buf ? sb.buf : "", want);
	strbuf_release(&sb);
}

static void test_secret_yaml_lines(void **state)
{
	(void)state;
	check_yaml("a:\n  client_secret: s\n  client_id: id\n",
		   "a:\n  client_secret: ***\n  client_id: id\n");
	/* a reference to the environment is not a secret */
	check_yaml("  secret: \"{{ env_var('X') }}\"\n",
		   "  secret: \"{{ env_var('X') }}\"\n");
	check_yaml("  secret: \"{{ env_var('X', 'dflt') }}\"\n",
		   "  secret: ***\n");
	check_yaml("- type: http\n  extra_http_headers:\n    X-A: v\n"
		   "    Authorization: >\n      Bearer t\n  scope: s\n",
		   "- type: http\n  extra_http_headers:\n    X-A: ***\n"
		   "    Authorization: |-\n      ***\n  scope: s\n");
	check_yaml("  password: |\n    p1\n    p2\n  host: h",
		   "  password: |-\n    ***\n    ***\n  host: h");
	check_yaml("  config: {client_secret: s, uri: u}\n",
		   "  config: {client_secret: ***, uri: u}\n");
	check_yaml("  - path: \"postgres:host=h password=p\"\n",
		   "  - path: \"postgres:host=h password=***\"\n");
	check_yaml("  \"token\": t\n", "  \"token\": ***\n");
}

static void test_secret_env_scrub(void **state)
{
	char *m;

	(void)state;
	setenv("DBT_ENV_SECRET_UNIT_A", "hunter2", 1);
	setenv("DBT_ENV_SECRET_UNIT_B", "hunter2-long", 1);
	setenv("DBT_ENV_SECRET_UNIT_EMPTY", "", 1);
	setenv("NOT_SECRET_UNIT", "plain", 1);
	m = floe_secret_scrub_env(strdup("scope 'hunter2-long' and hunter2, "
					 "plain"));
	assert_non_null(m);
	assert_string_equal(m, "scope '***' and ***, plain");
	free(m);
	m = floe_secret_scrub_env(strdup("nothing here"));
	assert_string_equal(m, "nothing here");
	free(m);
	unsetenv("DBT_ENV_SECRET_UNIT_A");
	unsetenv("DBT_ENV_SECRET_UNIT_B");
	unsetenv("DBT_ENV_SECRET_UNIT_EMPTY");
}

/* The credential headers floe_secret_header_next() finds in s, as
 * "name=value;" each. */
static void header_pairs(const char *s, char *out, size_t size)
{
	size_t pos = 0, name, name_len, start, len, o = 0;

	out[0] = '\0';
	while (floe_secret_header_next(s, strlen(s), &pos, &name, &name_len,
				       &start, &len))
		o += (size_t)snprintf(out + o, size - o, "%.*s=%.*s;",
				      (int)name_len, s + name, (int)len,
				      s + start);
}

static void test_secret_header_strings(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* DuckDB's map literal, a struct literal, JSON, '=' pairs */
		{ "map {'Authorization': 'Bearer t1', 'X-Trace': 'x'}",
		  "Authorization=Bearer t1;" },
		{ "{'X-API-Key': 'k', 'Cookie':'c=1'}", "X-API-Key=k;Cookie=c=1;" },
		{ "{\"Proxy-Authorization\": \"Basic x\"}",
		  "Proxy-Authorization=Basic x;" },
		{ "map {'x-auth-token' = 'v'}", "x-auth-token=v;" },
		/* near misses: not a credential header, a value that names
		 * one, a doubled quote inside, no value, unclosed, unquoted */
		{ "{'X-Trace': 'Authorization'}", "" },
		{ "{'User-Agent': 'it''s', 'Cookie': 'a''b'}", "Cookie=a''b;" },
		{ "{'Authorization'}", "" },
		{ "{'Authorization': 'Bearer", "" },
		{ "Authorization: Bearer x", "" },
	};
	char got[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		header_pairs(cases[i].in, got, sizeof(got));
		if (strcmp(got, cases[i].want))
			fail_msg("%s: got '%s', want '%s'", cases[i].in, got,
				 cases[i].want);
	}
}

/* floe_secret_scrub_texts(): the texts lint holds for one output. */
static void test_secret_texts_scrub(void **state)
{
	static const char *const texts[] = { "cat", "catalog", "", "x y" };
	char *m, *same;

	(void)state;
	/* the longest at a place first; every place; an empty text none */
	m = floe_secret_scrub_texts(strdup("alias 'catalog' of cat, x y."),
				    texts, 4);
	assert_non_null(m);
	assert_string_equal(m, "alias '***' of ***, ***.");
	free(m);
	same = strdup("nothing here");
	m = floe_secret_scrub_texts(same, texts, 4);
	assert_ptr_equal(m, same);	/* untouched: not copied */
	m = floe_secret_scrub_texts(m, texts, 0);
	assert_ptr_equal(m, same);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret_keys),
		cmocka_unit_test(test_credential_headers),
		cmocka_unit_test(test_secret_keys_match_the_plain_definition),
		cmocka_unit_test(test_secret_connection_strings),
		cmocka_unit_test(test_secret_header_strings),
		cmocka_unit_test(test_secret_yaml_lines),
		cmocka_unit_test(test_secret_env_scrub),
		cmocka_unit_test(test_secret_texts_scrub),
	};

	return cmocka_run_group_tests_name("secret", tests, NULL, NULL);
}
