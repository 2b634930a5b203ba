/*
 * Unit tests for the rule registry (src/lint/rules.c) and the rule ids
 * (include/floe/rule_ids.h): every id of the X-macro list has its row,
 * and the public lookups agree with each other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "lint/lint_int.h"

static const struct {
	enum floe_rule_id id;
	const char *text;
} ids[] = {
#define ROW(id) { FLOE_##id, #id },
	FLOE_RULE_LIST(ROW)
#undef ROW
};

static void test_rules_every_id_has_its_row(void **state)
{
	(void)state;
	assert_int_equal(sizeof(ids) / sizeof(ids[0]), floe_rule_count());
	assert_int_equal(floe_rule_count(), FLOE_RULE__COUNT - 1);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct floe_rule *r = floe_rule_get(ids[i].id);

		if (!r)
			fail_msg("%s has no row in the registry", ids[i].text);
		assert_string_equal(r->id, ids[i].text);
		assert_non_null(r->name);
		assert_non_null(r->family);
		assert_non_null(r->summary);
		assert_non_null(r->help);
		assert_ptr_equal(floe_rule_at(i), r);
		assert_int_equal(floe_rule_code(r), ids[i].id);
		assert_ptr_equal(floe_rule_find(r->id), r);
		assert_ptr_equal(floe_rule_find(r->name), r);
	}
}

static void test_rules_ids_ascend_and_names_are_unique(void **state)
{
	(void)state;
	for (size_t i = 1; i < floe_rule_count(); i++) {
		assert_true(strcmp(floe_rule_at(i - 1)->id,
				   floe_rule_at(i)->id) < 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(floe_rule_at(j)->name,
						floe_rule_at(i)->name);
	}
}

static void test_rules_no_rule_is_no_row(void **state)
{
	(void)state;
	assert_null(floe_rule_get(FLOE_RULE_NONE));
	assert_null(floe_rule_get(FLOE_RULE__COUNT));
	assert_null(floe_rule_get((enum floe_rule_id)1000));
	assert_null(floe_rule_at(floe_rule_count()));
	assert_int_equal(floe_rule_code(NULL), FLOE_RULE_NONE);
	assert_null(floe_rule_find("FP999"));
	assert_null(floe_rule_find("no-such-rule"));
	assert_ptr_equal(floe_rule_find("fp101"), floe_rule_get(FLOE_FP101));
}

static void test_rules_only_fp001_has_a_fixed_level(void **state)
{
	(void)state;
	for (size_t i = 0; i < floe_rule_count(); i++) {
		const struct floe_rule *r = floe_rule_at(i);

		assert_int_equal(r->level_fixed,
				 floe_rule_code(r) == FLOE_FP001);
		assert_int_equal(r->unsuppressible,
				 floe_rule_code(r) == FLOE_FP001 ||
				 floe_rule_code(r) == FLOE_FP008);
	}
}

/* A level of `off` for FP001 changes nothing: nothing could be read. */
static void test_rules_fp001_ignores_its_configured_level(void **state)
{
	struct fx *f = *state;

	fx_set_level(f, "FP001", FLOE_LEVEL_OFF);
	fx_set_level(f, "FP002", FLOE_LEVEL_ERROR);
	fx_lint(f, "a: [1\n", NULL);
	fx_assert_rules(f, "FP001", "FP001", "FP001");
	assert_int_equal(fx_find(f, "FP001")->severity, FLOE_SEV_ERROR);
	fx_lint(f, "a: 1\na: 2\n", NULL);
	assert_int_equal(fx_find(f, "FP002")->severity, FLOE_SEV_ERROR);
}

/* The closest name within two edits, the first of equals, or none. */
static void test_rules_did_you_mean(void **state)
{
	static const char *const known[] = {
		"memori_limit", "memory_limit", "threads", "temp_directory",
		"abc", "abd", "a_name_longer_than_sixty_three_bytes_is_never_"
		"offered_as_a_hint", NULL
	};

	(void)state;
	assert_string_equal(lint_did_you_mean("memory_limt", known),
			    "memory_limit");
	assert_string_equal(lint_did_you_mean("memory_limit", known),
			    "memory_limit");
	assert_string_equal(lint_did_you_mean("thraeds", known), "threads");
	assert_string_equal(lint_did_you_mean("abx", known), "abc");
	assert_string_equal(lint_did_you_mean("ab", known), "abc");
	assert_string_equal(lint_did_you_mean("temp_dir", known) ? "x" : "",
			    "");
	assert_null(lint_did_you_mean("x", known));
	assert_null(lint_did_you_mean("k1234", known));
	assert_null(lint_did_you_mean("", known));
	assert_null(lint_did_you_mean("a_name_longer_than_sixty_three_bytes_"
				      "is_never_offered_as_a_hint", known));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_every_id_has_its_row),
		cmocka_unit_test(test_rules_ids_ascend_and_names_are_unique),
		cmocka_unit_test(test_rules_no_rule_is_no_row),
		cmocka_unit_test(test_rules_did_you_mean),
		cmocka_unit_test(test_rules_only_fp001_has_a_fixed_level),
		cmocka_unit_test_setup_teardown(
			test_rules_fp001_ignores_its_configured_level,
			fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
