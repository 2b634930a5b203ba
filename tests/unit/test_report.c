/*
 * Unit tests for the report formats (src/report.c): text, gcc, json,
 * sarif and github, each on a hand-built list of diagnostics.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"

/* Messages are `char *` (owned by a real list): keep them writable. */
static char msg_idp[] = "the token URI is on another host";
static char msg_note[] = "the catalog endpoint is here";
static char msg_slash[] = "the endpoint ends with '/'";
static char msg_syntax[] = "cannot read the file";

static struct floe_diag diag(enum floe_severity sev, const char *rule,
			     const char *file, unsigned line, unsigned col,
			     unsigned end_line, unsigned end_col, char *msg)
{
	struct floe_diag g;

	memset(&g, 0, sizeof(g));
	g.severity = sev;
	g.rule = rule;
	g.loc.file = file;
	g.loc.start.line = line;
	g.loc.start.column = col;
	g.loc.end.line = end_line;
	g.loc.end.column = end_col;
	g.message = msg;
	return g;
}

static struct floe_diags list(struct floe_diag *items, size_t nr)
{
	struct floe_diags d = FLOE_DIAGS_INIT;

	d.items = items;
	d.nr = d.alloc = nr;
	for (size_t i = 0; i < nr; i++) {
		if (items[i].severity == FLOE_SEV_ERROR)
			d.nr_errors++;
		else if (items[i].severity == FLOE_SEV_WARNING)
			d.nr_warnings++;
		else if (items[i].severity == FLOE_SEV_INFO)
			d.nr_infos++;
	}
	return d;
}

/* Render and check the length; the caller frees. */
static char *render(enum floe_format fmt, const struct floe_diags *d,
		    bool color)
{
	struct floe_report_opts opts = { color, "9.9.9" };
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(floe_report(fmt, d, &opts, &out, &len), FLOE_OK);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

/* Three findings in two files: warning + its note, info, then error. */
static struct floe_diag sample[4];

static struct floe_diags sample_list(void)
{
	sample[0] = diag(FLOE_SEV_WARNING, "FP202", "profiles.yml", 12, 18,
			 12, 60, msg_idp);
	sample[1] = diag(FLOE_SEV_NOTE, NULL, "profiles.yml", 9, 17, 9, 50,
			 msg_note);
	sample[2] = diag(FLOE_SEV_INFO, "FP204", "profiles.yml", 9, 17, 9,
			 50, msg_slash);
	sample[3] = diag(FLOE_SEV_ERROR, "FP001", "other/profiles.yml", 3, 1,
			 3, 1, msg_syntax);
	return list(sample, 4);
}

static size_t index_of(const char *id)
{
	for (size_t i = 0; i < floe_rule_count(); i++)
		if (!strcmp(floe_rule_at(i)->id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

static void test_report_format_names_parse(void **state)
{
	enum floe_format f = FLOE_FORMAT_TEXT;

	(void)state;
	assert_int_equal(floe_format_parse("text", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_TEXT);
	assert_int_equal(floe_format_parse("gcc", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_GCC);
	assert_int_equal(floe_format_parse("json", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_JSON);
	assert_int_equal(floe_format_parse("sarif", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_SARIF);
	assert_int_equal(floe_format_parse("github", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_GITHUB);
}

static void test_report_unknown_format_name_is_refused(void **state)
{
	enum floe_format f = FLOE_FORMAT_GCC;

	(void)state;
	assert_int_equal(floe_format_parse("TEXT", &f), -1);
	assert_int_equal(floe_format_parse("", &f), -1);
	assert_int_equal(floe_format_parse("sarif2", &f), -1);
	assert_int_equal(floe_format_parse("jso", &f), -1);
	assert_int_equal(f, FLOE_FORMAT_GCC);
}

static void test_report_text_groups_by_file(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_TEXT, &d, false);

	(void)state;
	assert_string_equal(out,
		"profiles.yml\n"
		"  12:18   warning  the token URI is on another host  [FP202]\n"
		"  9:17    note     the catalog endpoint is here\n"
		"  9:17    info     the endpoint ends with '/'  [FP204]\n"
		"\n"
		"other/profiles.yml\n"
		"  3:1     error    cannot read the file  [FP001]\n");
	free(out);
}

static void test_report_text_has_colour_only_when_asked(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_TEXT, &d, false);

	(void)state;
	assert_null(strchr(out, '\033'));
	free(out);
	d.nr = 1;
	out = render(FLOE_FORMAT_TEXT, &d, true);
	assert_string_equal(out,
		"\033[4mprofiles.yml\033[0m\n"
		"  12:18   \033[33mwarning\033[0m  the token URI is on "
		"another host  \033[2m[FP202]\033[0m\n");
	free(out);
}

static void test_report_colour_is_for_text_only(void **state)
{
	static const enum floe_format others[] = {
		FLOE_FORMAT_GCC, FLOE_FORMAT_JSON, FLOE_FORMAT_SARIF,
		FLOE_FORMAT_GITHUB,
	};
	struct floe_diags d = sample_list();

	(void)state;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		char *out = render(others[i], &d, true);

		assert_null(strchr(out, '\033'));
		free(out);
	}
}

static void test_report_gcc_lines_with_info_as_note(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_GCC, &d, false);

	(void)state;
	assert_string_equal(out,
		"profiles.yml:12:18: warning: the token URI is on another "
		"host [FP202]\n"
		"profiles.yml:9:17: note: the catalog endpoint is here\n"
		"profiles.yml:9:17: note: the endpoint ends with '/' [FP204]\n"
		"other/profiles.yml:3:1: error: cannot read the file "
		"[FP001]\n");
	free(out);
}

static void test_report_gcc_without_position_or_file(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, NULL, 0, 0, 0, 0, msg_syntax),
		diag(FLOE_SEV_WARNING, "FP202", "p.yml", 0, 0, 0, 0, msg_idp),
	};
	struct floe_diags d = list(items, 2);
	char *out = render(FLOE_FORMAT_GCC, &d, false);

	(void)state;
	assert_string_equal(out,
		"floe-profiles: error: cannot read the file\n"
		"p.yml: warning: the token URI is on another host [FP202]\n");
	free(out);
}

static void test_report_json_has_every_key_and_skips_notes(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_JSON, &d, false);

	(void)state;
	assert_string_equal(out,
		"[\n"
		"  {\"file\": \"profiles.yml\", \"line\": 12, \"column\": 18, "
		"\"end_line\": 12, \"end_column\": 60, \"severity\": "
		"\"warning\", \"rule\": \"FP202\", \"name\": "
		"\"oauth2-external-idp\", \"message\": \"the token URI is on "
		"another host\"},\n"
		"  {\"file\": \"profiles.yml\", \"line\": 9, \"column\": 17, "
		"\"end_line\": 9, \"end_column\": 50, \"severity\": \"info\", "
		"\"rule\": \"FP204\", \"name\": \"endpoint-trailing-slash\", "
		"\"message\": \"the endpoint ends with '/'\"},\n"
		"  {\"file\": \"other/profiles.yml\", \"line\": 3, "
		"\"column\": 1, \"end_line\": 3, \"end_column\": 2, "
		"\"severity\": \"error\", \"rule\": \"FP001\", \"name\": "
		"\"yaml-syntax\", \"message\": \"cannot read the file\"}\n"
		"]\n");
	free(out);
}

static void test_report_json_of_nothing_is_an_empty_array(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = render(FLOE_FORMAT_JSON, &d, false);

	(void)state;
	assert_string_equal(out, "[]\n");
	free(out);
}

static void test_report_json_escapes_strings(void **state)
{
	/* quote, backslash, \n \t \r, 0x01, 0x1f, DEL, then UTF-8 "é☕" */
	static char msg[] = "say \"hi\" C:\\dir\n\t\r\x01\x1f\x7f"
			    "caf\xc3\xa9 \xe2\x98\x95";
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, "dir \"q\"\\p.yml", 1, 2, 1, 5, msg),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_JSON, &d, false);

	(void)state;
	assert_string_equal(out,
		"[\n"
		"  {\"file\": \"dir \\\"q\\\"\\\\p.yml\", \"line\": 1, "
		"\"column\": 2, \"end_line\": 1, \"end_column\": 5, "
		"\"severity\": \"error\", \"rule\": \"\", \"name\": \"\", "
		"\"message\": \"say \\\"hi\\\" C:\\\\dir\\n\\t\\r\\u0001"
		"\\u001f\\u007fcaf\xc3\xa9 \xe2\x98\x95\"}\n"
		"]\n");
	free(out);
}

static void test_report_sarif_when_clean_has_empty_results(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = render(FLOE_FORMAT_SARIF, &d, false);
	size_t n = strlen(out);
	const char *tail = "\n    \"columnKind\": \"unicodeCodePoints\",\n"
			   "    \"results\": []\n  }]\n}\n";

	(void)state;
	assert_true(n > strlen(tail));
	assert_string_equal(out + n - strlen(tail), tail);
	assert_non_null(strstr(out, "{\n  \"$schema\": \"https://json."
				    "schemastore.org/sarif-2.1.0.json\",\n"
				    "  \"version\": \"2.1.0\",\n"));
	assert_non_null(strstr(out, "\"name\": \"floe-profiles\",\n"
				    "      \"version\": \"9.9.9\",\n"));
	free(out);
}

static void test_report_sarif_lists_every_rule_in_order(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = render(FLOE_FORMAT_SARIF, &d, false);
	const char *p = out;

	(void)state;
	for (size_t i = 0; i < floe_rule_count(); i++) {
		char want[160];

		snprintf(want, sizeof(want), "\n        {\"id\": \"%s\", "
			 "\"name\": \"%s\"", floe_rule_at(i)->id,
			 floe_rule_at(i)->name);
		p = strstr(p, want);
		if (!p)
			fail_msg("rule %zu (%s) is missing or out of order", i,
				 floe_rule_at(i)->id);
		p++;
	}
	/* no further rule entries after the last one */
	assert_null(strstr(p, "\n        {\"id\": "));
	free(out);
}

static void test_report_sarif_rule_index_is_the_rule_position(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_SARIF, &d, false);
	char want[160];

	(void)state;
	snprintf(want, sizeof(want), "{\"ruleId\": \"FP202\", "
		 "\"ruleIndex\": %zu, \"level\": \"warning\", ",
		 index_of("FP202"));
	assert_non_null(strstr(out, want));
	snprintf(want, sizeof(want), "{\"ruleId\": \"FP204\", "
		 "\"ruleIndex\": %zu, \"level\": \"note\", ",
		 index_of("FP204"));
	assert_non_null(strstr(out, want));
	snprintf(want, sizeof(want), "{\"ruleId\": \"FP001\", "
		 "\"ruleIndex\": 0, \"level\": \"error\", ");
	assert_non_null(strstr(out, want));
	/* the note is not a result */
	assert_null(strstr(out, msg_note));
	free(out);
}

static void test_report_sarif_result_has_the_exact_shape(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_WARNING, "FP202", "profiles.yml", 12, 18, 12, 60,
		     msg_idp),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_SARIF, &d, false);
	char want[512];

	(void)state;
	snprintf(want, sizeof(want),
		 "\"columnKind\": \"unicodeCodePoints\",\n"
		 "    \"results\": [\n"
		 "      {\"ruleId\": \"FP202\", \"ruleIndex\": %zu, "
		 "\"level\": \"warning\", \"message\": {\"text\": \"the token "
		 "URI is on another host\"}, \"locations\": "
		 "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
		 "\"profiles.yml\"}, \"region\": {\"startLine\": 12, "
		 "\"startColumn\": 18, \"endLine\": 12, \"endColumn\": 60}}}]}"
		 "\n    ]\n  }]\n}\n", index_of("FP202"));
	assert_non_null(strstr(out, want));
	free(out);
}

static void test_report_sarif_zero_width_region_ends_after_start(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, "a.yml", 3, 5, 3, 5, msg_syntax),
		diag(FLOE_SEV_ERROR, NULL, "b.yml", 4, 7, 0, 0, msg_syntax),
		/* an unknown column is column 1 */
		diag(FLOE_SEV_ERROR, NULL, "c.yml", 6, 0, 0, 0, msg_syntax),
		diag(FLOE_SEV_ERROR, NULL, "d.yml", 7, 0, 7, 1, msg_syntax),
	};
	struct floe_diags d = list(items, 4);
	char *out = render(FLOE_FORMAT_SARIF, &d, false);

	(void)state;
	assert_non_null(strstr(out, "\"a.yml\"}, \"region\": {\"startLine\": "
				    "3, \"startColumn\": 5, \"endLine\": 3, "
				    "\"endColumn\": 6}"));
	assert_non_null(strstr(out, "\"b.yml\"}, \"region\": {\"startLine\": "
				    "4, \"startColumn\": 7, \"endLine\": 4, "
				    "\"endColumn\": 8}"));
	assert_non_null(strstr(out, "\"c.yml\"}, \"region\": {\"startLine\": "
				    "6, \"startColumn\": 1, \"endLine\": 6, "
				    "\"endColumn\": 2}"));
	assert_non_null(strstr(out, "\"d.yml\"}, \"region\": {\"startLine\": "
				    "7, \"startColumn\": 1, \"endLine\": 7, "
				    "\"endColumn\": 2}"));
	free(out);
}

static void test_report_sarif_without_a_line_has_no_region(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, NULL, 0, 0, 0, 0, msg_syntax),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_SARIF, &d, false);

	(void)state;
	assert_non_null(strstr(out, "{\"level\": \"error\", \"message\": "
				    "{\"text\": \"cannot read the file\"}, "
				    "\"locations\": [{\"physicalLocation\": "
				    "{\"artifactLocation\": {\"uri\": "
				    "\"floe-profiles\"}}}]}"));
	assert_null(strstr(out, "\"region\""));
	free(out);
}

static void test_report_sarif_percent_encodes_the_uri(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, "my dir/a%b#c/caf\xc3\xa9 x.yml", 1,
		     1, 1, 2, msg_syntax),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_SARIF, &d, false);

	(void)state;
	assert_non_null(strstr(out, "{\"uri\": \"my%20dir/a%25b%23c/"
				    "caf%C3%A9%20x.yml\"}"));
	free(out);
}

static void test_report_sarif_renders_huge_positions(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, "a.yml", 4294967295u, 4294967294u,
		     4294967295u, 4294967295u, msg_syntax),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_SARIF, &d, false);

	(void)state;
	assert_non_null(strstr(out, "\"region\": {\"startLine\": 4294967295, "
				    "\"startColumn\": 4294967294, "
				    "\"endLine\": 4294967295, "
				    "\"endColumn\": 4294967295}"));
	free(out);
}

static void test_report_sarif_default_levels_follow_the_rules(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = render(FLOE_FORMAT_SARIF, &d, false);

	(void)state;
	assert_non_null(strstr(out, "{\"id\": \"FP001\", \"name\": "
				    "\"yaml-syntax\", \"shortDescription\": "
				    "{\"text\": \"the file is not one valid "
				    "YAML document\"}, \"fullDescription\": "));
	for (size_t i = 0; i < floe_rule_count(); i++) {
		const struct floe_rule *r = floe_rule_at(i);
		const char *level = r->opt_in ? "none"
				    : r->severity == FLOE_SEV_ERROR ? "error"
				    : r->severity == FLOE_SEV_WARNING ? "warning"
								       : "note";
		char want[160];
		const char *entry, *next, *at;

		snprintf(want, sizeof(want), "{\"id\": \"%s\", ", r->id);
		entry = strstr(out, want);
		assert_non_null(entry);
		next = strstr(entry + 1, "\n        {\"id\": ");
		snprintf(want, sizeof(want), "\"defaultConfiguration\": "
			 "{\"level\": \"%s\"}, \"properties\": {\"tags\": "
			 "[\"%s\"]}}", level, r->family);
		at = strstr(entry, want);
		assert_non_null(at);
		/* ... within this rule's entry */
		if (next)
			assert_true(at < next);
	}
	free(out);
}

static void test_report_github_commands(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_GITHUB, &d, false);

	(void)state;
	assert_string_equal(out,
		"::warning file=profiles.yml,line=12,col=18,endLine=12,"
		"endColumn=60,title=FP202 oauth2-external-idp::the token URI "
		"is on another host\n"
		"::notice file=profiles.yml,line=9,col=17,endLine=9,"
		"endColumn=50,title=FP204 endpoint-trailing-slash::the "
		"endpoint ends with '/'\n"
		"::error file=other/profiles.yml,line=3,col=1,endLine=3,"
		"endColumn=2,title=FP001 yaml-syntax::cannot read the file\n");
	free(out);
}

static void test_report_github_escapes_data_and_properties(void **state)
{
	static char msg[] = "100% sure:\r\nline two, a:b";
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, NULL, "c:/50%,x\ny.yml", 0, 0, 0, 0, msg),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_GITHUB, &d, false);

	(void)state;
	/* data: % CR LF; properties also ':' and ',' */
	assert_string_equal(out,
		"::error file=c%3A/50%25%2Cx%0Ay.yml::100%25 sure:%0D%0Aline "
		"two, a:b\n");
	free(out);
}

static void test_report_every_format_of_nothing(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out;

	(void)state;
	out = render(FLOE_FORMAT_TEXT, &d, true);
	assert_string_equal(out, "");
	free(out);
	out = render(FLOE_FORMAT_GCC, &d, false);
	assert_string_equal(out, "");
	free(out);
	out = render(FLOE_FORMAT_GITHUB, &d, false);
	assert_string_equal(out, "");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_format_names_parse),
		cmocka_unit_test(test_report_unknown_format_name_is_refused),
		cmocka_unit_test(test_report_text_groups_by_file),
		cmocka_unit_test(test_report_text_has_colour_only_when_asked),
		cmocka_unit_test(test_report_colour_is_for_text_only),
		cmocka_unit_test(test_report_gcc_lines_with_info_as_note),
		cmocka_unit_test(test_report_gcc_without_position_or_file),
		cmocka_unit_test(
			test_report_json_has_every_key_and_skips_notes),
		cmocka_unit_test(test_report_json_of_nothing_is_an_empty_array),
		cmocka_unit_test(test_report_json_escapes_strings),
		cmocka_unit_test(
			test_report_sarif_when_clean_has_empty_results),
		cmocka_unit_test(test_report_sarif_lists_every_rule_in_order),
		cmocka_unit_test(
			test_report_sarif_rule_index_is_the_rule_position),
		cmocka_unit_test(test_report_sarif_result_has_the_exact_shape),
		cmocka_unit_test(
			test_report_sarif_zero_width_region_ends_after_start),
		cmocka_unit_test(
			test_report_sarif_without_a_line_has_no_region),
		cmocka_unit_test(test_report_sarif_percent_encodes_the_uri),
		cmocka_unit_test(test_report_sarif_renders_huge_positions),
		cmocka_unit_test(
			test_report_sarif_default_levels_follow_the_rules),
		cmocka_unit_test(test_report_github_commands),
		cmocka_unit_test(
			test_report_github_escapes_data_and_properties),
		cmocka_unit_test(test_report_every_format_of_nothing),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
