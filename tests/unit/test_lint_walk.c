/*
 * Unit tests for the one walk of an output's values (lint_walk_templates
 * in src/lint/lint.c): every check of the table runs once on each
 * templated value it reaches, in table order, with the value's Jinja
 * read once for all of them; literal values and keys are not visited;
 * and the findings held for a rule are reported at the rule's turn, in
 * the order and under the cap that rule-by-rule walks gave.
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
#include "lint/rules.h"

/* ---- a lint_ctx on one parsed document, and counting checks ---- */

#define MAX_SEEN 32

struct seen {
	const struct floe_node *node;
	const struct jinja_read *read;
	bool in_password;
	int check;		/* which check saw it (0, 1, 2) */
};

static struct seen seen[MAX_SEEN];
static size_t nr_seen;

static void record(const struct lint_template *t, int check)
{
	assert_true(nr_seen < MAX_SEEN);
	seen[nr_seen].node = t->node;
	seen[nr_seen].read = t->read;
	seen[nr_seen].in_password = t->in_password;
	seen[nr_seen++].check = check;
}

static void check_a(struct lint_ctx *ctx, const struct lint_template *t)
{
	assert_int_equal(ctx->rule_id, FLOE_FP004);
	record(t, 0);
}

static void check_b(struct lint_ctx *ctx, const struct lint_template *t)
{
	assert_int_equal(ctx->rule_id, FLOE_FP407);
	record(t, 1);
}

/* Reports on every value it sees. */
static void check_report(struct lint_ctx *ctx, const struct lint_template *t)
{
	record(t, 2);
	lint_report(ctx, t->node, "seen '%s'", t->node->value);
}

struct walk_fx {
	struct floe_doc *doc;
	struct floe_diags diags;
	struct floe_lint_options opt;
	struct lint_ctx ctx;
};

static void walk_setup(struct walk_fx *w, const char *yaml)
{
	memset(w, 0, sizeof(*w));
	assert_int_equal(floe_yaml_parse("w.yml", yaml, strlen(yaml), NULL,
					 &w->doc, &w->diags), FLOE_OK);
	assert_int_equal(w->diags.nr, 0);
	w->ctx.file = "w.yml";
	w->ctx.doc = w->doc;
	w->ctx.opt = &w->opt;
	w->ctx.diags = &w->diags;
	w->ctx.arena = arena_new();
	assert_non_null(w->ctx.arena);
	nr_seen = 0;
}

static void walk_teardown(struct walk_fx *w)
{
	lint_release_ctx(&w->ctx);
	arena_free(w->ctx.arena);
	floe_diags_release(&w->diags);
	floe_doc_free(w->doc);
}

/* The value of `key` in the root mapping. */
static const struct floe_node *value_of(const struct walk_fx *w,
					const char *key)
{
	const struct floe_node *n = floe_map_get(w->doc->root, key);

	assert_non_null(n);
	return n;
}

static const char walk_yaml[] =
	"lit: plain text\n"
	"num: 4\n"
	"\"{{ env_var('KEY') }}\": key templates are not visited\n"
	"one: \"{{ env_var('ONE') }}\"\n"
	"list:\n"
	"  - x\n"
	"  - \"a {{ env_var('TWO', 'd') }}\"\n"
	"  - {inner: \"{% if x %}y{% endif %}\"}\n"
	"password: \"{{ env_var('PW') | as_bool }}\"\n"
	"nested:\n"
	"  password:\n"
	"    deep: \"{# c #}\"\n"
	"again: &a \"{{ env_var('SHARED') }}\"\n"
	"alias: *a\n";

static void test_walk_each_check_once_per_templated_value(void **state)
{
	static const struct lint_template_check checks[] = {
		{ FLOE_FP004, check_a },
		{ FLOE_FP407, check_b },
	};
	/* the templated values in walk order (the alias twice) */
	static const char *const want[] = {
		"{{ env_var('ONE') }}", "a {{ env_var('TWO', 'd') }}",
		"{% if x %}y{% endif %}", "{{ env_var('PW') | as_bool }}",
		"{# c #}", "{{ env_var('SHARED') }}", "{{ env_var('SHARED') }}",
	};
	static const bool password[] = {
		false, false, false, true, true, false, false,
	};
	const size_t nr_want = sizeof(want) / sizeof(want[0]);
	struct walk_fx w;

	(void)state;
	walk_setup(&w, walk_yaml);
	lint_walk_templates(&w.ctx, w.doc->root, checks, 2, true);
	assert_int_equal(w.ctx.err, FLOE_OK);
	/* each value: check a, then check b, on the same reading */
	assert_int_equal(nr_seen, 2 * nr_want);
	for (size_t i = 0; i < nr_want; i++) {
		const struct seen *a = &seen[2 * i], *b = &seen[2 * i + 1];

		assert_int_equal(a->check, 0);
		assert_int_equal(b->check, 1);
		assert_string_equal(a->node->value, want[i]);
		assert_ptr_equal(a->node, b->node);
		assert_ptr_equal(a->read, b->read);
		assert_int_equal(a->in_password, password[i]);
		assert_int_equal(b->in_password, password[i]);
		assert_true(a->read->has_jinja);
	}
	/* the alias is the same node: read once, the same reading */
	assert_ptr_equal(seen[10].node, seen[12].node);
	assert_ptr_equal(seen[10].read, seen[12].read);
	assert_ptr_equal(seen[0].node, value_of(&w, "one"));
	/* one reading per templated node, shared with the other rules */
	assert_int_equal(w.ctx.jcache.nr, nr_want - 1);
	assert_int_equal(w.diags.nr, 0);
	walk_teardown(&w);
}

static void test_walk_no_check_no_walk(void **state)
{
	struct walk_fx w;

	(void)state;
	walk_setup(&w, walk_yaml);
	lint_walk_templates(&w.ctx, w.doc->root, NULL, 0, true);
	assert_int_equal(nr_seen, 0);
	assert_int_equal(w.ctx.jcache.nr, 0);
	walk_teardown(&w);
}

static void test_walk_literal_document_visits_nothing(void **state)
{
	static const struct lint_template_check checks[] = {
		{ FLOE_FP004, check_a },
	};
	struct walk_fx w;

	(void)state;
	walk_setup(&w, "a: b\nc: [d, 'e {', \"{ {\"]\nf: {g: 1}\n"
		   "\"{{ k }}\": v\n");
	lint_walk_templates(&w.ctx, w.doc->root, checks, 1, true);
	assert_int_equal(nr_seen, 0);
	walk_teardown(&w);
}

/* Held findings wait for lint_add_template_findings, under the cap. */
static void test_walk_held_findings_keep_the_cap(void **state)
{
	static const struct lint_template_check checks[] = {
		{ FLOE_FP004, check_report },
	};
	struct walk_fx w;

	(void)state;
	walk_setup(&w, walk_yaml);
	w.diags.cap = 5;
	assert_int_equal(floe_diags_addf(&w.diags, FLOE_SEV_ERROR,
					 FLOE_FP001, floe_node_loc("w.yml",
								   NULL),
					 "before"), 0);
	lint_walk_templates(&w.ctx, w.doc->root, checks, 1, true);
	assert_int_equal(nr_seen, 7);
	/* held, not reported yet */
	assert_int_equal(w.diags.nr, 1);
	assert_int_equal(w.diags.nr_errors, 1);
	lint_add_template_findings(&w.ctx, FLOE_FP004);
	assert_int_equal(w.ctx.err, FLOE_OK);
	/* 1 + 4 stored, 3 dropped by the cap, all 8 counted (FP004 is an
	 * error) */
	assert_int_equal(w.diags.nr, 5);
	assert_int_equal(w.diags.dropped, 3);
	assert_int_equal(w.diags.nr_errors, 8);
	assert_string_equal(w.diags.items[1].message,
			    "seen '{{ env_var('ONE') }}'");
	assert_int_equal(w.diags.items[1].rule, FLOE_FP004);
	assert_string_equal(w.diags.items[4].message,
			    "seen '{{ env_var('PW') | as_bool }}'");
	/* nothing is held any more */
	assert_true(w.ctx.template_used[FLOE_FP004]);
	assert_int_equal(w.ctx.lazy.template_found[FLOE_FP004].nr, 0);
	lint_add_template_findings(&w.ctx, FLOE_FP004);
	assert_int_equal(w.diags.nr, 5);
	walk_teardown(&w);
}

/* Without hold, findings are reported as the walk goes. */
static void test_walk_unheld_findings_are_reported(void **state)
{
	static const struct lint_template_check checks[] = {
		{ FLOE_FP004, check_report },
	};
	struct walk_fx w;

	(void)state;
	walk_setup(&w, "a: \"{{ x }}\"\n");
	lint_walk_templates(&w.ctx, w.doc->root, checks, 1, false);
	assert_int_equal(w.diags.nr, 1);
	assert_int_equal(w.diags.items[0].loc.start.line, 1);
	assert_int_equal(w.diags.items[0].loc.start.column, 4);
	walk_teardown(&w);
}

/* ---- the registry's template rules, through floe_lint ---- */

/* The rules of the registry that have a check_template. */
static void test_walk_registry_rules(void **state)
{
	static const enum floe_rule_id want[] = {
		FLOE_FP004, FLOE_FP240, FLOE_FP404, FLOE_FP407, FLOE_FP408,
	};
	size_t nr = 0;

	(void)state;
	for (size_t i = 1; i < FLOE_RULE__COUNT; i++) {
		if (!lint_rule_table[i].check_template)
			continue;
		assert_true(nr < sizeof(want) / sizeof(want[0]));
		assert_int_equal(i, want[nr]);
		nr++;
	}
	assert_int_equal(nr, sizeof(want) / sizeof(want[0]));
}

/*
 * Each template rule fires once, on values written in the opposite order
 * of the rules: the report is in rule order (as rule-by-rule walks gave),
 * not in walk order, and FP404's literal secret comes before its walk's
 * finding.
 */
static void test_walk_findings_in_rule_order(void **state)
{
	struct fx *f = *state;

	fx_lint(f,
		"floe:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      path: \"{{ env_var('DBT_ENV_SECRET_A') | upper }}\"\n"
		"      schema: \"{{ env_var('DBT_ENV_SECRET_A') }}"
		"{{ env_var('DBT_ENV_SECRET_B') }}\"\n"
		"      database: \"{{ env_var('DBT_ENV_SECRET_C', 'dflt') }}\"\n"
		"      threads: \"{{ env_var('T', 'yes') | as_number }}\"\n"
		"      role: \"{{ env_var('X' }}\"\n"
		"      secrets:\n"
		"        - type: s3\n"
		"          secret: CANARY-0000\n", NULL);
	fx_assert_rules(f, "FP004", "FP004", "FP004");
	fx_assert_at(f, "FP004", 10, 13);
	fx_assert_at(f, "FP240", 9, 16);
	fx_assert_at(f, "FP407", 7, 15);
	fx_assert_at(f, "FP408", 6, 13);
	fx_assert_rules(f, "FP240", "FP240", "FP240");
	fx_assert_rules(f, "FP404", "FP408", "FP404 FP404 FP407 FP408");
	fx_assert_at(f, "FP404", 13, 19);
	assert_int_equal(fx_nth(f, "FP404", 1)->loc.start.line, 8);
	/* FP004 before FP240 before FP404 in the report */
	{
		size_t at[3] = { 0, 0, 0 };
		static const char *const ids[] = { "FP004", "FP240", "FP404" };

		for (size_t i = 0; i < f->diags.nr; i++)
			for (size_t k = 0; k < 3; k++)
				if (fx_id(&f->diags.items[i]) &&
				    !strcmp(fx_id(&f->diags.items[i]), ids[k]) &&
				    !at[k])
					at[k] = i + 1;
		assert_true(at[0] && at[0] < at[1] && at[1] < at[2]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_each_check_once_per_templated_value),
		cmocka_unit_test(test_walk_no_check_no_walk),
		cmocka_unit_test(test_walk_literal_document_visits_nothing),
		cmocka_unit_test(test_walk_held_findings_keep_the_cap),
		cmocka_unit_test(test_walk_unheld_findings_are_reported),
		cmocka_unit_test(test_walk_registry_rules),
		cmocka_unit_test_setup_teardown(test_walk_findings_in_rule_order,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
