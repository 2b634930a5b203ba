/*
 * Unit tests for the one Jinja reader (src/jinja.c) that lint and sql
 * share, and for lint and sql agreeing through it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/sql.h"
#include "jinja.h"

static struct floe_node str_node(const char *s)
{
	struct floe_node n;

	memset(&n, 0, sizeof(n));
	n.kind = FLOE_NODE_SCALAR;
	n.type = FLOE_TYPE_STR;
	n.value = s;
	n.len = strlen(s);
	return n;
}

/* Read s; the rendering, or NULL. */
static const char *read_str(struct arena *a, const char *s,
			    const struct jinja_opts *o, struct jinja_read *j)
{
	struct floe_node n = str_node(s);

	assert_int_equal(jinja_read(a, &n, o, j), FLOE_OK);
	return j->text;
}

static void test_jinja_adjacent_literals_are_joined_as_jinja2_does(void **state)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	assert_string_equal(read_str(a, "{{ env_var('MEM', '4' 'GB') }}",
				     NULL, &j), "4GB");
	assert_false(j.malformed);
	assert_int_equal(j.nr_calls, 1);
	assert_true(j.calls[0].has_default);
	assert_int_equal(j.calls[0].default_len, 3);
	assert_string_equal(read_str(a, "{{ env_var('A' \"B\", default='x'"
				     " 'y') }}", NULL, &j), "xy");
	assert_string_equal(j.first_env, "AB");
	arena_free(a);
}

static void test_jinja_literals_are_unescaped_as_python_does(void **state)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	assert_string_equal(read_str(a, "{{ env_var('X', '\\x41\\'\\n\\d') }}",
				     NULL, &j), "A'\n\\d");
	arena_free(a);
}

static void test_jinja_missing_variable_is_unknown_or_a_placeholder(
	void **state)
{
	struct arena *a = arena_new();
	struct jinja_opts sql = { false, NULL, true };
	struct jinja_read j;

	(void)state;
	/* lint: unknown, so rules stay silent */
	assert_null(read_str(a, "s3://{{ env_var('BUCKET') }}/x", NULL, &j));
	assert_true(j.missing);
	assert_false(j.dynamic);
	/* sql: the placeholder, and the variable is listed */
	assert_string_equal(read_str(a, "s3://{{ env_var('BUCKET') }}/x",
				     &sql, &j), "s3://${BUCKET}/x");
	assert_string_equal(j.missing_name, "BUCKET");
	assert_true(j.calls[0].missing);
	arena_free(a);
}

static const char *fake_env(const char *name)
{
	return strcmp(name, "MEM") ? NULL : "8GB";
}

static void test_jinja_environment_wins_over_the_default(void **state)
{
	struct arena *a = arena_new();
	struct jinja_opts env = { true, fake_env, false };
	struct jinja_read j;

	(void)state;
	assert_string_equal(read_str(a, "{{ env_var('MEM', '4GB') }}", &env,
				     &j), "8GB");
	assert_string_equal(read_str(a, "{{ env_var('OTHER', '4GB') }}", &env,
				     &j), "4GB");
	arena_free(a);
}

static void test_jinja_other_expressions_and_malformed_calls_are_dynamic(
	void **state)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	assert_null(read_str(a, "{{ env_var('T', '4') | as_number }}", NULL,
			     &j));
	assert_true(j.dynamic && j.has_filter && j.calls[0].filtered);
	assert_null(read_str(a, "{{ var('db') }}", NULL, &j));
	assert_true(j.dynamic && j.has_other);
	assert_null(read_str(a, "{{ env_var('X' }}", NULL, &j));
	assert_true(j.malformed);
	assert_null(read_str(a, "{{ env_var('X')", NULL, &j));
	assert_true(j.malformed);
	assert_null(read_str(a, "{% if x %}a{% endif %}", NULL, &j));
	assert_true(j.dynamic && !j.malformed);
	assert_string_equal(read_str(a, "plain", NULL, &j), "plain");
	assert_false(j.has_jinja);
	arena_free(a);
}

static const char adjacent[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      settings:\n"
	"        memory_limit: \"{{ env_var('MEM', '4' 'GB') }}\"\n";

/* The regression of issue 8: lint said FP004, sql said '4GB'. */
static void test_jinja_lint_and_sql_agree_on_adjacent_literals(void **state)
{
	struct floe_lint_options lo;
	struct floe_sql_options so;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_sql_plan *plan = NULL;
	const struct floe_sql_stmt *set;

	(void)state;
	memset(&lo, 0, sizeof(lo));
	assert_int_equal(floe_lint("p.yml", adjacent, sizeof(adjacent) - 1,
				   &lo, &d), FLOE_OK);
	assert_int_equal(d.nr, 0);
	memset(&so, 0, sizeof(so));
	assert_int_equal(floe_sql_plan("p.yml", adjacent, sizeof(adjacent) - 1,
				       &so, &plan, &d), FLOE_OK);
	assert_int_equal(d.nr, 0);
	assert_int_equal(plan->nr, 1);
	set = &plan->conns[0].stmts[plan->conns[0].nr - 1];
	assert_int_equal(set->kind, FLOE_SQL_SET);
	assert_string_equal(set->value, "4GB");
	floe_sql_plan_free(plan);
	floe_diags_release(&d);
}

/*
 * Literal text is read without a copy, and a cached template is parsed
 * once: lint's rules read a value many times (issue 12, section 4).
 */
static void test_jinja_literal_is_not_copied_and_templates_are_cached(
	void **state)
{
	struct arena *a = arena_new();
	struct jinja_cache c = { NULL, 0, 0 };
	struct floe_node lit = str_node("s3://bucket/{x}/path");
	struct floe_node tpl = str_node("{{ env_var('A', 'x') }}-{{ env_var("
					"'B') }}");
	struct jinja_read j, k;

	(void)state;
	assert_int_equal(jinja_read(a, &lit, NULL, &j), FLOE_OK);
	assert_ptr_equal(j.text, lit.value);
	assert_int_equal(j.len, lit.len);
	assert_true(j.has_text);
	assert_false(j.has_jinja);
	assert_int_equal(jinja_read_cached(&c, a, &lit, NULL, &j), FLOE_OK);
	assert_ptr_equal(j.text, lit.value);
	assert_int_equal(c.nr, 0);	/* nothing to parse: not cached */

	assert_int_equal(jinja_read_cached(&c, a, &tpl, NULL, &j), FLOE_OK);
	assert_int_equal(c.nr, 1);
	assert_int_equal(jinja_read_cached(&c, a, &tpl, NULL, &k), FLOE_OK);
	assert_int_equal(c.nr, 1);
	assert_int_equal(k.nr_calls, 2);
	assert_string_equal(k.calls[0].name, "A");
	assert_string_equal(k.calls[1].name, "B");
	assert_true(k.missing);
	assert_null(k.text);
	assert_ptr_equal(k.first_env, j.first_env);	/* one parse */
	assert_int_equal(jinja_read(a, &tpl, NULL, &j), FLOE_OK);
	assert_int_equal(j.nr_calls, 2);
	assert_true(j.missing);
	jinja_cache_release(&c);
	assert_int_equal(c.nr, 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_jinja_adjacent_literals_are_joined_as_jinja2_does),
		cmocka_unit_test(
			test_jinja_literals_are_unescaped_as_python_does),
		cmocka_unit_test(
			test_jinja_missing_variable_is_unknown_or_a_placeholder),
		cmocka_unit_test(test_jinja_environment_wins_over_the_default),
		cmocka_unit_test(
			test_jinja_other_expressions_and_malformed_calls_are_dynamic),
		cmocka_unit_test(
			test_jinja_lint_and_sql_agree_on_adjacent_literals),
		cmocka_unit_test(
			test_jinja_literal_is_not_copied_and_templates_are_cached),
	};

	return cmocka_run_group_tests_name("jinja", tests, NULL, NULL);
}
