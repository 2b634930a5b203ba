/*
 * Unit tests for the YAML writer (src/yaml_emit.c): which strings stay
 * plain, and that what it writes reads back as the same strings.
 *
 * A plain scalar must read back as a str both in PyYAML's YAML 1.1
 * SafeLoader (what dbt uses) and in a YAML 1.2 core-schema reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "floe/yaml.h"
#include "yaml_emit.h"

/* Emit one mapping of `n` key/value strings; returns the text. */
static char *emit_map(const char *const *kv, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct yemit e;

	assert_int_equal(yemit_init(&e, &sb), 0);
	yemit_map_start(&e);
	for (size_t i = 0; i < n; i++)
		yemit_kv(&e, kv[2 * i], kv[2 * i + 1]);
	yemit_map_end(&e);
	assert_int_equal(yemit_finish(&e), 0);
	return strbuf_detach(&sb, NULL);
}

/* Emit `key: value` and return the text. */
static char *emit_one(const char *key, const char *value)
{
	const char *kv[] = { key, value };

	return emit_map(kv, 1);
}

/* Parse `text` and check that key `key` reads back as the str `want`. */
static void assert_reads_back(const char *text, const char *key,
			      const char *want, size_t want_len)
{
	struct floe_doc *doc = NULL;
	struct floe_diags d = FLOE_DIAGS_INIT;
	const struct floe_node *v;

	assert_int_equal(floe_yaml_parse("t.yml", text, strlen(text), NULL,
					 &doc, &d), FLOE_OK);
	assert_int_equal(d.nr, 0);
	v = floe_map_get(doc->root, key);
	assert_non_null(v);
	assert_int_equal(v->kind, FLOE_NODE_SCALAR);
	assert_true(floe_node_is_str(v));
	assert_int_equal(v->len, want_len);
	assert_memory_equal(v->value, want, want_len);
	floe_doc_free(doc);
	floe_diags_release(&d);
}

static void test_emit_quotes_yaml11_booleans_and_nulls(void **state)
{
	static const char *const words[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF", "true", "True", "TRUE", "false",
		"False", "FALSE", "y", "Y", "n", "N", "~", "null", "Null",
		"NULL", "",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (yemit_plain_ok(words[i]))
			fail_msg("'%s' would be written plain", words[i]);
	}
}

static void test_emit_quotes_yaml11_numbers_and_timestamps(void **state)
{
	static const char *const words[] = {
		"123", "0", "-1", "+1", "0x1F", "0b101", "010", "1_000",
		"1:30", "190:20:30", "1.5", "1.", ".5", "1.5e3", "-.inf",
		".inf", ".Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
		"<<", "=",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (yemit_plain_ok(words[i]))
			fail_msg("'%s' would be written plain", words[i]);
	}
}

static void test_emit_quotes_yaml12_numbers(void **state)
{
	/* strings to PyYAML, numbers to a YAML 1.2 core-schema reader */
	static const char *const words[] = {
		"1e3", "1E3", "1e-3", "2e10", "0o17", "0o0",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		assert_int_equal(floe_yaml_resolve(words[i], strlen(words[i])),
				 FLOE_TYPE_STR);
		if (yemit_plain_ok(words[i]))
			fail_msg("'%s' would be written plain", words[i]);
	}
}

static void test_emit_leaves_identifiers_paths_versions_plain(void **state)
{
	static const char *const words[] = {
		"polaris_catalog", "floe_demo", "dev", "iceberg", "a",
		"_x", "/data/warehouse/db.duckdb", "s3/bucket/path",
		"1.4.3", "v1.4.3", "2001-12", "0o9", "0x", "1e", "e3",
		"my-catalog", "a.b.c", "PRINCIPAL_ROLE", "x1_000",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!yemit_plain_ok(words[i]))
			fail_msg("'%s' would be quoted", words[i]);
	}
}

static void test_emit_quotes_a_leading_dash_or_colon(void **state)
{
	(void)state;
	assert_false(yemit_plain_ok("-"));
	assert_false(yemit_plain_ok("-x"));
	assert_false(yemit_plain_ok("---"));
	assert_false(yemit_plain_ok(":x"));
	assert_false(yemit_plain_ok("a:b"));
	assert_false(yemit_plain_ok(".hidden"));
	/* a dash inside stays plain */
	assert_true(yemit_plain_ok("x-"));
}

static void test_emit_quotes_spaces_quotes_and_indicators(void **state)
{
	static const char *const words[] = {
		"a b", "a\tb", "a\nb", "'x'", "\"x\"", "{x}", "[x]", "x#y",
		"&a", "*a", "!tag", "%x", "@x", "`x`", "a,b", "?x", "|",
		">", "{{ env_var('X') }}", "caf\xc3\xa9",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (yemit_plain_ok(words[i]))
			fail_msg("'%s' would be written plain", words[i]);
	}
}

static void test_emit_small_mapping_gives_the_exact_text(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct yemit e;
	char *out;

	(void)state;
	assert_int_equal(yemit_init(&e, &sb), 0);
	yemit_map_start(&e);
	yemit_str(&e, "floe_demo");
	yemit_map_start(&e);
	yemit_kv(&e, "target", "dev");
	yemit_str(&e, "outputs");
	yemit_map_start(&e);
	yemit_str(&e, "dev");
	yemit_map_start(&e);
	yemit_kv(&e, "type", "duckdb");
	yemit_kv(&e, "path", "/tmp/x.duckdb");
	yemit_kv_int(&e, "threads", 4);
	yemit_kv(&e, "port", "8181");
	yemit_kv(&e, "flag", "on");
	yemit_str(&e, "extensions");
	yemit_seq_start(&e);
	yemit_str(&e, "iceberg");
	yemit_str(&e, "httpfs");
	yemit_seq_end(&e);
	yemit_map_end(&e);
	yemit_map_end(&e);
	yemit_map_end(&e);
	yemit_map_end(&e);
	assert_int_equal(yemit_finish(&e), 0);
	out = strbuf_detach(&sb, NULL);
	assert_string_equal(out, "floe_demo:\n"
			    "  target: dev\n"
			    "  outputs:\n"
			    "    dev:\n"
			    "      type: duckdb\n"
			    "      path: /tmp/x.duckdb\n"
			    "      threads: 4\n"
			    "      port: \"8181\"\n"
			    "      flag: \"on\"\n"
			    "      extensions:\n"
			    "      - iceberg\n"
			    "      - httpfs\n");
	free(out);
}

static void test_emit_quoted_values_are_double_quoted(void **state)
{
	char *out = emit_one("a", "");

	(void)state;
	assert_string_equal(out, "a: \"\"\n");
	free(out);
	out = emit_one("-k", "1e3");
	assert_string_equal(out, "\"-k\": \"1e3\"\n");
	free(out);
	out = emit_one("a", "x: y");
	assert_string_equal(out, "a: \"x: y\"\n");
	free(out);
}

static void test_emit_never_folds_a_long_value(void **state)
{
	char value[301], *out;

	(void)state;
	/* spaces every 10 characters: foldable, were there a width */
	for (size_t i = 0; i < 300; i++)
		value[i] = i % 10 == 9 ? ' ' : (char)('a' + i % 10);
	value[299] = 'z';
	value[300] = '\0';
	out = emit_one("k", value);
	assert_int_equal(strlen(out), 3 + 1 + 300 + 1 + 1);
	assert_memory_equal(out, "k: \"", 4);
	assert_memory_equal(out + 4, value, 300);
	assert_string_equal(out + 304, "\"\n");
	assert_reads_back(out, "k", value, 300);
	free(out);
}

static void test_emit_never_folds_a_long_plain_value(void **state)
{
	char value[301], *out;

	(void)state;
	for (size_t i = 0; i < 300; i++)
		value[i] = i % 10 == 9 ? '/' : (char)('a' + i % 10);
	value[300] = '\0';
	assert_true(yemit_plain_ok(value));
	out = emit_one("k", value);
	assert_int_equal(strlen(out), 3 + 300 + 1);
	assert_memory_equal(out, "k: ", 3);
	assert_memory_equal(out + 3, value, 300);
	assert_string_equal(out + 303, "\n");
	free(out);
}

static void test_emit_keeps_non_ascii_as_utf8(void **state)
{
	/* "café ☕" */
	const char *v = "caf\xc3\xa9 \xe2\x98\x95";
	char *out = emit_one("name", v);

	(void)state;
	assert_string_equal(out, "name: \"caf\xc3\xa9 \xe2\x98\x95\"\n");
	assert_reads_back(out, "name", v, strlen(v));
	free(out);
}

static void test_emit_newline_and_quotes_round_trip(void **state)
{
	static const char *const values[] = {
		"line one\nline two", "say \"hi\"", "it's", "back\\slash",
		"tab\there", "\n", "trailing space ", " leading",
		"a: b # c", "{{ env_var('SECRET') }}", "- x", "yes", "010",
		"1e3", "~",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char *out = emit_one("k", values[i]);

		assert_reads_back(out, "k", values[i], strlen(values[i]));
		free(out);
	}
}

static void test_emit_newline_is_an_escape_in_one_line(void **state)
{
	char *out = emit_one("k", "a\nb \"q\"");

	(void)state;
	assert_string_equal(out, "k: \"a\\nb \\\"q\\\"\"\n");
	free(out);
}

static void test_emit_retypable_keys_round_trip(void **state)
{
	static const char *const kv[] = {
		"yes", "1", "null", "2", "1.5", "3", "8181", "4",
	};
	char *out = emit_map(kv, 4);

	(void)state;
	assert_string_equal(out, "\"yes\": \"1\"\n\"null\": \"2\"\n"
			    "\"1.5\": \"3\"\n\"8181\": \"4\"\n");
	for (size_t i = 0; i < 4; i++)
		assert_reads_back(out, kv[2 * i], kv[2 * i + 1], 1);
	free(out);
}

static void test_emit_errors_are_sticky(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct yemit e;

	(void)state;
	assert_int_equal(yemit_init(&e, &sb), 0);
	/* a mapping end with no mapping open: libyaml refuses it */
	yemit_map_start(&e);
	yemit_str(&e, "k");
	yemit_map_end(&e);
	assert_int_equal(e.failed, 1);
	yemit_str(&e, "v");
	yemit_map_end(&e);
	assert_int_equal(yemit_finish(&e), -1);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_emit_quotes_yaml11_booleans_and_nulls),
		cmocka_unit_test(
			test_emit_quotes_yaml11_numbers_and_timestamps),
		cmocka_unit_test(test_emit_quotes_yaml12_numbers),
		cmocka_unit_test(
			test_emit_leaves_identifiers_paths_versions_plain),
		cmocka_unit_test(test_emit_quotes_a_leading_dash_or_colon),
		cmocka_unit_test(
			test_emit_quotes_spaces_quotes_and_indicators),
		cmocka_unit_test(test_emit_small_mapping_gives_the_exact_text),
		cmocka_unit_test(test_emit_quoted_values_are_double_quoted),
		cmocka_unit_test(test_emit_never_folds_a_long_value),
		cmocka_unit_test(test_emit_never_folds_a_long_plain_value),
		cmocka_unit_test(test_emit_keeps_non_ascii_as_utf8),
		cmocka_unit_test(test_emit_newline_and_quotes_round_trip),
		cmocka_unit_test(test_emit_newline_is_an_escape_in_one_line),
		cmocka_unit_test(test_emit_retypable_keys_round_trip),
		cmocka_unit_test(test_emit_errors_are_sticky),
	};

	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
