/*
 * The baseline: what floe_report_baseline() writes, floe_baseline_parse()
 * reads back, and floe_baseline_apply() hides by the SARIF fingerprint.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "floe/baseline.h"
#include "floe/report.h"

#define FILE_A "a/profiles.yml"

static const char text[] =
	"floe:\n"
	"  settings:\n"
	"    one: 1\n"
	"    two: 2\n";

static void add(struct floe_diags *d, enum floe_severity sev,
		unsigned line, const char *msg)
{
	struct floe_loc loc = { FILE_A, { line, 5 }, { line, 8 } };

	assert_int_equal(floe_diags_addf(d, sev, FLOE_FP101, loc, "%s", msg),
			 0);
}

static struct floe_report_opts opts(struct floe_report_file *f,
				    const char *buf)
{
	struct floe_report_opts o;

	memset(&o, 0, sizeof(o));
	f->name = FILE_A;
	f->buf = buf;
	f->len = strlen(buf);
	o.files = f;
	o.nr_files = 1;
	return o;
}

static struct floe_baseline *parse(const char *json)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_baseline *b = NULL;

	assert_int_equal(floe_baseline_parse("b.json", json, strlen(json), &b,
					     &d), FLOE_OK);
	assert_int_equal(d.nr_errors, 0);
	floe_diags_release(&d);
	return b;
}

static void test_baseline_round_trip_hides_every_finding(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_report_file f;
	struct floe_report_opts o = opts(&f, text);
	struct floe_fingerprint *fp = NULL;
	struct floe_baseline *b;
	char *out = NULL;
	size_t len = 0;

	(void)state;
	add(&d, FLOE_SEV_ERROR, 3, "one");
	add(&d, FLOE_SEV_NOTE, 4, "its note");
	add(&d, FLOE_SEV_WARNING, 4, "two");
	assert_int_equal(floe_report_baseline(&d, &o, &out, &len), FLOE_OK);
	assert_non_null(strstr(out, "\"version\": 1"));
	assert_null(strstr(out, "its note"));	/* notes are not recorded */
	b = parse(out);
	assert_int_equal(floe_baseline_size(b), 2);
	assert_int_equal(floe_report_fingerprints(&d, &o, &fp), FLOE_OK);
	assert_string_equal(fp[1].text, "");	/* a note has none */
	assert_int_equal(floe_baseline_apply(b, &d, fp), 2);
	assert_int_equal(d.nr, 0);
	assert_int_equal(d.nr_errors + d.nr_warnings, 0);
	assert_int_equal(floe_baseline_unmatched(b), 0);
	free(fp);
	free(out);
	floe_baseline_free(b);
	floe_diags_release(&d);
}

/* Lines inserted above and blanks changed keep a finding's fingerprint;
 * an edit of its own line makes it a new finding. */
static void test_baseline_survives_unrelated_edits_only(void **state)
{
	static const char edited[] =
		"# a comment\n"
		"\n"
		"floe:\n"
		"  settings:\n"
		"      one:    1\n"
		"    two: 3\n";
	struct floe_diags d = FLOE_DIAGS_INIT, e = FLOE_DIAGS_INIT;
	struct floe_report_file f, g;
	struct floe_report_opts o = opts(&f, text), p = opts(&g, edited);
	struct floe_fingerprint *fp = NULL;
	struct floe_baseline *b;
	char *out = NULL;
	size_t len = 0;

	(void)state;
	add(&d, FLOE_SEV_ERROR, 3, "one");
	add(&d, FLOE_SEV_ERROR, 4, "two");
	assert_int_equal(floe_report_baseline(&d, &o, &out, &len), FLOE_OK);
	b = parse(out);
	add(&e, FLOE_SEV_ERROR, 5, "one");
	add(&e, FLOE_SEV_ERROR, 6, "two");
	assert_int_equal(floe_report_fingerprints(&e, &p, &fp), FLOE_OK);
	assert_int_equal(floe_baseline_apply(b, &e, fp), 1);
	assert_int_equal(e.nr, 1);
	assert_int_equal(e.items[0].loc.start.line, 6);
	assert_int_equal(floe_baseline_unmatched(b), 1);
	free(fp);
	free(out);
	floe_baseline_free(b);
	floe_diags_release(&d);
	floe_diags_release(&e);
}

static void test_baseline_refuses_what_it_did_not_write(void **state)
{
	static const char *const bad[] = {
		"[]",
		"{\"findings\": []}",
		"{\"version\": 2, \"findings\": []}",
		"{\"version\": 1}",
		"{\"version\": 1, \"findings\": {}}",
		"{\"version\": 1, \"findings\": [\"x\"]}",
		"{\"version\": 1, \"findings\": [{\"fingerprint\": 1}]}",
		"{\"version\": 1, \"findings\": [{\"fingerprint\": "
		"\"0123456789ABCDEF:1\"}]}",
		"{\"version\": 1, \"findings\": [{\"fingerprint\": "
		"\"0123456789abcdef:0\"}]}",
		"{\"version\": 1, \"findings\": [{\"fingerprint\": "
		"\"0123456789abcdef:1x\"}]}",
		"{\"version\": 1, \"findings\": [",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct floe_diags d = FLOE_DIAGS_INIT;
		struct floe_baseline *b = NULL;

		assert_int_equal(floe_baseline_parse("b.json", bad[i],
						     strlen(bad[i]), &b, &d),
				 FLOE_ERR_INPUT);
		assert_null(b);
		assert_true(d.nr_errors >= 1);
		assert_true(d.items[0].loc.start.line >= 1);
		floe_diags_release(&d);
	}
	floe_baseline_free(parse("{\"version\": 1, \"findings\": []}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_baseline_round_trip_hides_every_finding),
		cmocka_unit_test(test_baseline_survives_unrelated_edits_only),
		cmocka_unit_test(test_baseline_refuses_what_it_did_not_write),
	};

	return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
