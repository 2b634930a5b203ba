/*
 * Unit tests for diagnostics (src/diag.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/diag.h"
#include "strbuf.h"

static int setup(void **state)
{
	struct floe_diags *d = calloc(1, sizeof(*d));

	if (!d)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct floe_diags *d = *state;

	floe_diags_release(d);
	free(d);
	return 0;
}

static struct floe_loc at(const char *file, unsigned line, unsigned column)
{
	struct floe_loc loc = { file, { line, column }, { line, column + 1 } };

	return loc;
}

/* Add a diagnostic whose message is its name, to check orders by. */
static void add(struct floe_diags *d, enum floe_severity sev,
		const char *file, unsigned line, unsigned column,
		const char *name)
{
	assert_int_equal(floe_diags_addf(d, sev, FLOE_RULE_NONE,
					 at(file, line, column), "%s", name),
			 0);
}

/* The messages in order, joined by spaces. */
static void assert_order(const struct floe_diags *d, const char *want)
{
	struct strbuf got = STRBUF_INIT;

	for (size_t i = 0; i < d->nr; i++) {
		if (i)
			strbuf_addch(&got, ' ');
		strbuf_adds(&got, d->items[i].message);
	}
	assert_int_equal(strbuf_error(&got), 0);
	assert_string_equal(got.buf, want);
	strbuf_release(&got);
}

static void test_diag_addf_formats_and_stores_everything(void **state)
{
	struct floe_diags *d = *state;
	struct floe_loc loc = { "p.yml", { 3, 7 }, { 3, 12 } };
	const struct floe_diag *g;

	assert_int_equal(floe_diags_addf(d, FLOE_SEV_ERROR, FLOE_FP004, loc,
					 "%s is %d, expected %.1f", "threads",
					 -4, 1.5),
			 0);
	assert_int_equal(d->nr, 1);
	g = &d->items[0];
	assert_int_equal(g->severity, FLOE_SEV_ERROR);
	assert_int_equal(g->rule, FLOE_FP004);
	assert_string_equal(g->loc.file, "p.yml");
	assert_int_equal(g->loc.start.line, 3);
	assert_int_equal(g->loc.start.column, 7);
	assert_int_equal(g->loc.end.line, 3);
	assert_int_equal(g->loc.end.column, 12);
	assert_string_equal(g->message, "threads is -4, expected 1.5");

	add(d, FLOE_SEV_NOTE, NULL, 0, 0, "");
	assert_int_equal(d->items[1].rule, FLOE_RULE_NONE);
	assert_null(d->items[1].loc.file);
	assert_string_equal(d->items[1].message, "");
}

static void test_diag_counts_each_severity(void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_ERROR, "a", 1, 1, "e1");
	add(d, FLOE_SEV_WARNING, "a", 1, 1, "w1");
	add(d, FLOE_SEV_NOTE, "a", 1, 1, "n1");
	add(d, FLOE_SEV_ERROR, "a", 1, 1, "e2");
	add(d, FLOE_SEV_INFO, "a", 1, 1, "i1");
	assert_int_equal(d->nr, 5);
	assert_int_equal(d->nr_errors, 2);
	assert_int_equal(d->nr_warnings, 1);
	assert_int_equal(d->nr_infos, 1);
}

static void test_diag_long_messages_are_kept_whole(void **state)
{
	struct floe_diags *d = *state;
	char big[5001];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(floe_diags_addf(d, FLOE_SEV_INFO, FLOE_RULE_NONE,
					 at("f", 1, 1), "<%s>", big),
			 0);
	assert_int_equal(strlen(d->items[0].message), 5002);
	assert_memory_equal(d->items[0].message + 1, big, 5000);
}

static void vadd(struct floe_diags *d, const char *fmt, ...)
	FLOE_PRINTF(2, 3);
static void vadd(struct floe_diags *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	assert_int_equal(floe_diags_vaddf(d, FLOE_SEV_WARNING, FLOE_FP101,
					  at("v.yml", 2, 3), fmt, ap),
			 0);
	va_end(ap);
}

static void test_diag_vaddf_is_addf_with_a_va_list(void **state)
{
	struct floe_diags *d = *state;

	vadd(d, "%s=%u", "k", 7u);
	assert_int_equal(d->nr, 1);
	assert_string_equal(d->items[0].message, "k=7");
	assert_int_equal(d->items[0].rule, FLOE_FP101);
	assert_int_equal(d->nr_warnings, 1);
}

static void test_diag_sort_orders_by_file_then_line_and_column(
	void **state)
{
	struct floe_diags *d = *state;
	/* distinct pointers to equal names are the same file */
	char b2[] = "b.yml";

	add(d, FLOE_SEV_ERROR, "b.yml", 9, 1, "b9:1");
	add(d, FLOE_SEV_ERROR, "a.yml", 1, 1, "a1:1");
	add(d, FLOE_SEV_WARNING, b2, 2, 10, "b2:10");
	add(d, FLOE_SEV_INFO, "b.yml", 2, 3, "b2:3");
	add(d, FLOE_SEV_ERROR, "a.yml", 0, 0, "a0:0");
	add(d, FLOE_SEV_ERROR, "c.yml", 1, 1, "c1:1");
	add(d, FLOE_SEV_ERROR, b2, 10, 1, "b10:1");

	floe_diags_sort(d);
	/* b appeared first, then a, then c; 0:0 (whole file) comes first */
	assert_order(d, "b2:3 b2:10 b9:1 b10:1 a0:0 a1:1 c1:1");
	assert_int_equal(d->nr, 7);
	assert_int_equal(d->nr_errors, 5);
}

static void test_diag_sort_keeps_notes_after_their_parent(void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_ERROR, "p.yml", 8, 1, "dup");
	add(d, FLOE_SEV_NOTE, "p.yml", 2, 1, "dup-note1");
	add(d, FLOE_SEV_NOTE, "other.yml", 1, 1, "dup-note2");
	add(d, FLOE_SEV_WARNING, "p.yml", 5, 1, "warn");
	add(d, FLOE_SEV_NOTE, "p.yml", 9, 1, "warn-note");
	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "first");

	floe_diags_sort(d);
	assert_order(d, "first warn warn-note dup dup-note1 dup-note2");
	/* notes' own files do not rank the files */
	assert_int_equal(d->items[5].severity, FLOE_SEV_NOTE);
}

static void test_diag_sort_keeps_a_leading_note_as_its_own_group(
	void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_NOTE, "p.yml", 5, 1, "orphan");
	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "e");
	add(d, FLOE_SEV_NOTE, "p.yml", 9, 9, "e-note");

	floe_diags_sort(d);
	assert_order(d, "e e-note orphan");
}

static void test_diag_sort_is_stable(void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_WARNING, "p.yml", 3, 4, "one");
	add(d, FLOE_SEV_ERROR, "p.yml", 3, 4, "two");
	add(d, FLOE_SEV_NOTE, "p.yml", 1, 1, "two-note");
	add(d, FLOE_SEV_INFO, "p.yml", 1, 1, "zero");
	add(d, FLOE_SEV_WARNING, "p.yml", 3, 4, "three");
	add(d, FLOE_SEV_ERROR, NULL, 3, 4, "nofile1");
	add(d, FLOE_SEV_ERROR, NULL, 1, 1, "nofile2");

	floe_diags_sort(d);
	assert_order(d, "zero one two two-note three nofile2 nofile1");

	/* sorting a sorted list changes nothing */
	floe_diags_sort(d);
	assert_order(d, "zero one two two-note three nofile2 nofile1");
}

static void test_diag_sort_of_short_lists_is_harmless(void **state)
{
	struct floe_diags *d = *state;

	floe_diags_sort(d);
	assert_int_equal(d->nr, 0);
	add(d, FLOE_SEV_NOTE, "p.yml", 1, 1, "only");
	floe_diags_sort(d);
	assert_order(d, "only");
}

static void test_diag_sort_handles_many_diagnostics(void **state)
{
	struct floe_diags *d = *state;

	/* lines 500, 499, ..., 1, each with a note */
	for (unsigned i = 500; i > 0; i--) {
		assert_int_equal(floe_diags_addf(d, FLOE_SEV_WARNING, FLOE_RULE_NONE,
						 at("p.yml", i, 1), "%u", i),
				 0);
		assert_int_equal(floe_diags_addf(d, FLOE_SEV_NOTE, FLOE_RULE_NONE,
						 at("p.yml", 1, 1), "n%u", i),
				 0);
	}
	floe_diags_sort(d);
	for (unsigned i = 0; i < 500; i++) {
		char want[16];

		snprintf(want, sizeof(want), "%u", i + 1);
		assert_string_equal(d->items[2 * i].message, want);
		assert_int_equal(d->items[2 * i].loc.start.line, i + 1);
		snprintf(want, sizeof(want), "n%u", i + 1);
		assert_string_equal(d->items[2 * i + 1].message, want);
	}
}

/*
 * The sort against a plain reference on a shuffled list: groups ordered
 * by their file's first appearance (names compared, not pointers), then
 * line and column, stable; notes stay after their finding.
 */
static void test_diag_sort_matches_a_stable_reference(void **state)
{
	struct floe_diags *d = *state;
	static char names[2][4][8] = {
		{ "a.yml", "b.yml", "c.yml", "d.yml" },
		{ "a.yml", "b.yml", "c.yml", "d.yml" },	/* other pointers */
	};
	enum { N = 3000 };
	unsigned seed = 12345, file[N], line[N];
	size_t order[N], nr = 0, rank[4], files = 0, first[4] = { 0 };

	for (size_t i = 0; i < N; i++) {
		char msg[32];

		seed = seed * 1103515245u + 12345u;
		file[i] = (seed >> 16) % 4;
		line[i] = (seed >> 8) % 50;	/* many ties */
		snprintf(msg, sizeof(msg), "g%zu", i);
		assert_int_equal(floe_diags_addf(d, FLOE_SEV_WARNING,
						 FLOE_RULE_NONE,
						 at(names[i % 2][file[i]],
						    line[i], 1),
						 "%s", msg), 0);
		if (seed % 3 == 0) {	/* a note, from another file */
			snprintf(msg, sizeof(msg), "n%zu", i);
			assert_int_equal(floe_diags_addf(d, FLOE_SEV_NOTE,
							 FLOE_RULE_NONE,
							 at("z.yml", 1, 1),
							 "%s", msg), 0);
		}
	}
	/* the reference: ranks by first appearance, then a stable
	 * insertion of group indexes */
	for (size_t i = 0; i < N; i++)
		if (!first[file[i]]) {
			first[file[i]] = 1;
			rank[file[i]] = files++;
		}
	for (size_t i = 0; i < N; i++) {
		size_t k = nr;

		while (k > 0 && (rank[file[order[k - 1]]] > rank[file[i]] ||
				 (rank[file[order[k - 1]]] == rank[file[i]] &&
				  line[order[k - 1]] > line[i]))) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
		nr++;
	}
	floe_diags_sort(d);
	for (size_t i = 0, j = 0; i < N; i++) {
		char want[32];

		snprintf(want, sizeof(want), "g%zu", order[i]);
		assert_true(j < d->nr);
		assert_string_equal(d->items[j].message, want);
		j++;
		if (j < d->nr && d->items[j].severity == FLOE_SEV_NOTE) {
			snprintf(want, sizeof(want), "n%zu", order[i]);
			assert_string_equal(d->items[j].message, want);
			j++;
		}
	}
}

static void test_diag_cap_drops_and_counts_dropped(void **state)
{
	struct floe_diags *d = *state;

	d->cap = 3;
	add(d, FLOE_SEV_WARNING, "p.yml", 1, 1, "w1");
	add(d, FLOE_SEV_WARNING, "p.yml", 2, 1, "w2");
	add(d, FLOE_SEV_WARNING, "p.yml", 3, 1, "w3");
	add(d, FLOE_SEV_ERROR, "p.yml", 4, 1, "e4");	/* returns 0 */
	add(d, FLOE_SEV_NOTE, "p.yml", 4, 1, "n4");
	assert_int_equal(d->nr, 3);
	assert_int_equal(d->dropped, 2);
	assert_order(d, "w1 w2 w3");
	/* an error beyond the cap still counts: the run must fail */
	assert_int_equal(d->nr_errors, 1);
	assert_int_equal(d->nr_warnings, 3);
}

static void test_diag_default_cap_applies_when_cap_is_zero(void **state)
{
	struct floe_diags *d = *state;

	for (size_t i = 0; i < FLOE_DIAGS_DEFAULT_CAP + 2; i++)
		assert_int_equal(floe_diags_addf(d, FLOE_SEV_INFO, FLOE_RULE_NONE,
						 at("p.yml", 1, 1), "%zu", i),
				 0);
	assert_int_equal(d->nr, FLOE_DIAGS_DEFAULT_CAP);
	assert_int_equal(d->dropped, 2);
	assert_int_equal(d->nr_infos, FLOE_DIAGS_DEFAULT_CAP + 2);
	assert_string_equal(d->items[FLOE_DIAGS_DEFAULT_CAP - 1].message,
			    "9999");
}

static void test_diag_remove_takes_the_notes_and_keeps_counts(void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "e1");
	add(d, FLOE_SEV_NOTE, "p.yml", 2, 1, "e1-note");
	add(d, FLOE_SEV_NOTE, "p.yml", 3, 1, "e1-note2");
	add(d, FLOE_SEV_WARNING, "p.yml", 4, 1, "w1");
	add(d, FLOE_SEV_INFO, "p.yml", 5, 1, "i1");
	floe_diags_remove(d, 0);
	assert_order(d, "w1 i1");
	assert_int_equal(d->nr_errors, 0);
	assert_int_equal(d->nr_warnings, 1);
	assert_int_equal(d->nr_infos, 1);
	floe_diags_remove(d, 7);	/* past the end: nothing */
	assert_int_equal(d->nr, 2);
	floe_diags_set_severity(d, 0, FLOE_SEV_ERROR);
	assert_int_equal(d->items[0].severity, FLOE_SEV_ERROR);
	assert_int_equal(d->nr_errors, 1);
	assert_int_equal(d->nr_warnings, 0);
	floe_diags_truncate(d, 1);
	assert_order(d, "w1");
	assert_int_equal(d->nr_infos, 0);
	assert_int_equal(d->nr_errors, 1);
}

static void test_diag_dedupe_keeps_the_first_of_equal_findings(void **state)
{
	struct floe_diags *d = *state;

	assert_int_equal(floe_diags_addf(d, FLOE_SEV_ERROR, FLOE_FP101,
					 at("p.yml", 3, 4), "same"), 0);
	add(d, FLOE_SEV_NOTE, "p.yml", 1, 1, "its note");
	assert_int_equal(floe_diags_addf(d, FLOE_SEV_ERROR, FLOE_FP102,
					 at("p.yml", 3, 4), "same"), 0);
	assert_int_equal(floe_diags_addf(d, FLOE_SEV_ERROR, FLOE_FP101,
					 at("p.yml", 3, 4), "same"), 0);
	add(d, FLOE_SEV_NOTE, "p.yml", 1, 1, "the repeat's note");
	assert_int_equal(floe_diags_addf(d, FLOE_SEV_ERROR, FLOE_FP101,
					 at("p.yml", 3, 5), "same"), 0);
	assert_true(floe_diags_same(&d->items[0], &d->items[3]));
	assert_false(floe_diags_same(&d->items[0], &d->items[2]));
	floe_diags_dedupe(d, 0);
	assert_order(d, "same its note same same");
	assert_int_equal(d->items[2].rule, FLOE_FP102);
	assert_int_equal(d->items[3].loc.start.column, 5);
	assert_int_equal(d->nr_errors, 3);
}

/*
 * A note goes with its finding: a repeat's notes go with it, and a kept
 * finding keeps its notes even when an earlier finding has the same note.
 * Findings before `base` are not touched, nor compared with.
 */
static void test_diag_dedupe_notes_go_with_their_finding(void **state)
{
	struct floe_diags *d = *state;

	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "before");
	add(d, FLOE_SEV_ERROR, "p.yml", 2, 1, "a");
	add(d, FLOE_SEV_NOTE, "p.yml", 9, 1, "declared here");
	add(d, FLOE_SEV_ERROR, "p.yml", 3, 1, "b");
	add(d, FLOE_SEV_NOTE, "p.yml", 9, 1, "declared here");
	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "before");
	add(d, FLOE_SEV_ERROR, "p.yml", 2, 1, "a");
	add(d, FLOE_SEV_NOTE, "p.yml", 9, 1, "declared here");
	add(d, FLOE_SEV_NOTE, "p.yml", 8, 1, "and here");
	add(d, FLOE_SEV_WARNING, "p.yml", 4, 1, "c");
	floe_diags_dedupe(d, 1);
	assert_order(d, "before a declared here b declared here before c");
	assert_int_equal(d->nr_errors, 4);
	assert_int_equal(d->nr_warnings, 1);
	floe_diags_dedupe(d, 0);
	assert_order(d, "before a declared here b declared here c");
	assert_int_equal(d->nr_errors, 3);
	floe_diags_dedupe(d, d->nr);	/* an empty range */
	floe_diags_dedupe(d, d->nr + 5);
	assert_int_equal(d->nr, 6);
}

/*
 * The most findings a list keeps (the default cap, 10,000), each repeated
 * in an order that puts repeats both near and far: every first one is kept
 * in its place, every repeat goes, with its fix.
 */
static void test_diag_dedupe_of_many_keeps_the_first_in_order(void **state)
{
	struct floe_diags *d = *state;
	const size_t distinct = 2500, n = FLOE_DIAGS_DEFAULT_CAP;

	for (size_t i = 0; i < n; i++) {
		/* 0..2499, 0..2499 backwards, then twice more mixed */
		size_t v = i < distinct ? i
			   : i < 2 * distinct ? 2 * distinct - 1 - i
			   : (i * 7919) % distinct;

		assert_int_equal(floe_diags_addf(d, FLOE_SEV_WARNING,
						 FLOE_FP101,
						 at("p.yml",
						    (unsigned)(v % 50) + 1,
						    (unsigned)(v / 50) + 1),
						 "m%zu", v % 3), 0);
		d->items[d->nr - 1].fix = calloc(1, sizeof(struct floe_fix));
		assert_non_null(d->items[d->nr - 1].fix);
	}
	assert_int_equal(d->nr, n);
	floe_diags_dedupe(d, 0);
	assert_int_equal(d->nr, distinct);
	assert_int_equal(d->nr_warnings, distinct);
	for (size_t i = 0; i < distinct; i++) {
		char want[16];

		snprintf(want, sizeof(want), "m%zu", i % 3);
		assert_int_equal(d->items[i].loc.start.line, i % 50 + 1);
		assert_int_equal(d->items[i].loc.start.column, i / 50 + 1);
		assert_string_equal(d->items[i].message, want);
	}
}

static void test_diag_release_resets_and_keeps_the_cap(void **state)
{
	struct floe_diags *d = *state;

	d->cap = 1;
	add(d, FLOE_SEV_ERROR, "p.yml", 1, 1, "e");
	add(d, FLOE_SEV_WARNING, "p.yml", 1, 1, "dropped");
	floe_diags_release(d);
	assert_null(d->items);
	assert_int_equal(d->nr, 0);
	assert_int_equal(d->alloc, 0);
	assert_int_equal(d->nr_errors, 0);
	assert_int_equal(d->nr_warnings, 0);
	assert_int_equal(d->nr_infos, 0);
	assert_int_equal(d->dropped, 0);
	assert_int_equal(d->cap, 1);

	/* reusable, and releasing twice is fine */
	add(d, FLOE_SEV_INFO, "p.yml", 1, 1, "again");
	assert_order(d, "again");
	floe_diags_release(d);
	floe_diags_release(d);
	assert_int_equal(d->nr, 0);
}

static void test_diag_init_macro_is_an_empty_list(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;

	(void)state;
	assert_null(d.items);
	assert_int_equal(d.nr + d.alloc + d.cap + d.dropped, 0);
	add(&d, FLOE_SEV_ERROR, "p.yml", 1, 1, "x");
	assert_int_equal(d.nr_errors, 1);
	floe_diags_release(&d);
}

static void test_diag_severity_names(void **state)
{
	(void)state;
	assert_string_equal(floe_severity_name(FLOE_SEV_NOTE), "note");
	assert_string_equal(floe_severity_name(FLOE_SEV_INFO), "info");
	assert_string_equal(floe_severity_name(FLOE_SEV_WARNING), "warning");
	assert_string_equal(floe_severity_name(FLOE_SEV_ERROR), "error");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_diag_addf_formats_and_stores_everything),
		T(test_diag_counts_each_severity),
		T(test_diag_long_messages_are_kept_whole),
		T(test_diag_vaddf_is_addf_with_a_va_list),
		T(test_diag_sort_orders_by_file_then_line_and_column),
		T(test_diag_sort_keeps_notes_after_their_parent),
		T(test_diag_sort_keeps_a_leading_note_as_its_own_group),
		T(test_diag_sort_is_stable),
		T(test_diag_sort_of_short_lists_is_harmless),
		T(test_diag_sort_handles_many_diagnostics),
		T(test_diag_sort_matches_a_stable_reference),
		T(test_diag_cap_drops_and_counts_dropped),
		T(test_diag_default_cap_applies_when_cap_is_zero),
		T(test_diag_remove_takes_the_notes_and_keeps_counts),
		T(test_diag_dedupe_keeps_the_first_of_equal_findings),
		T(test_diag_dedupe_notes_go_with_their_finding),
		T(test_diag_dedupe_of_many_keeps_the_first_in_order),
		T(test_diag_release_resets_and_keeps_the_cap),
		T(test_diag_init_macro_is_an_empty_list),
		T(test_diag_severity_names),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
