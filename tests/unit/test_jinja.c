/*
 * Unit tests for the one Jinja reader (src/jinja.c) that lint and sql
 * share, and for lint and sql agreeing through it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
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
	n.len = (uint32_t)strlen(s);
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

/* A block ends at the first "}}" outside quotes, escaped quotes kept
 * inside; a name with an escape is unescaped, one without is as written. */
static void test_jinja_block_ends_outside_quotes(void **state)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	assert_string_equal(read_str(a, "{{ env_var('A}}B', 'x}}y') }}",
				     NULL, &j), "x}}y");
	assert_string_equal(j.first_env, "A}}B");
	assert_string_equal(read_str(a, "{{ env_var(\"it\\\"s}}\", 'd') }}z",
				     NULL, &j), "dz");
	assert_string_equal(j.first_env, "it\"s}}");
	assert_string_equal(read_str(a, "{{ env_var('X', 'a}b') }}", NULL,
				     &j), "a}b");
	assert_null(read_str(a, "{{ env_var('X', 'v') } }}", NULL, &j));
	assert_true(j.dynamic);
	assert_false(j.malformed);
	assert_null(read_str(a, "{{ env_var('X', 'v }}", NULL, &j));
	assert_true(j.malformed);
	assert_null(read_str(a, "{{ env_var('X', \"v') }}", NULL, &j));
	assert_true(j.malformed);
	assert_string_equal(read_str(a, "{{ env_var('A\\x42', 'd') }}", NULL,
				     &j), "d");
	assert_string_equal(j.first_env, "AB");
	assert_null(read_str(a, "{{ env_var('') }}", NULL, &j));
	assert_true(j.malformed);
	assert_null(read_str(a, "{{ env_var('A' 'B) }}", NULL, &j));
	assert_true(j.malformed);
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

/* dbt's env_var(self, var, default=None) called as Python allows */
static void test_jinja_env_var_keywords_and_none_default(void **state)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	assert_string_equal(read_str(a, "{{ env_var(var='A', default='d') }}",
				     NULL, &j), "d");
	assert_false(j.malformed);
	assert_string_equal(j.first_env, "A");
	assert_true(j.calls[0].has_default);
	assert_string_equal(read_str(a, "{{ env_var(default = 'd' ,var= \"B\")"
				     " }}", NULL, &j), "d");
	assert_false(j.malformed);
	assert_string_equal(j.first_env, "B");
	/* None is no default: nothing to render without the environment */
	assert_null(read_str(a, "{{ env_var('C', none) }}", NULL, &j));
	assert_false(j.malformed);
	assert_false(j.calls[0].has_default);
	assert_int_equal(j.nr_no_default, 1);
	assert_null(read_str(a, "{{ env_var(var='C', default=None) }}", NULL,
			     &j));
	assert_false(j.malformed);
	assert_int_equal(j.nr_no_default, 1);
	/* what Python refuses */
	assert_null(read_str(a, "{{ env_var(var='C', 'd') }}", NULL, &j));
	assert_true(j.malformed);
	assert_null(read_str(a, "{{ env_var(default='d') }}", NULL, &j));
	assert_true(j.malformed);
	/* not a keyword but a comparison, and a variable as the default:
	 * expressions the reader does not model, unknown (Jinja renders
	 * env_var('C', nonesuch) as '' when C is unset) */
	assert_null(read_str(a, "{{ env_var(var == 'C') }}", NULL, &j));
	assert_true(j.dynamic && !j.malformed);
	assert_null(read_str(a, "{{ env_var('C', nonesuch) }}", NULL, &j));
	assert_true(j.dynamic && !j.malformed);
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
	struct jinja_cache c = { 0 };
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

/*
 * lint empties the cache after each output and resets the readings'
 * arena with it: a value read again is parsed again into the fresh
 * arena, not found in a stale slot.  A table grown large and left
 * nearly empty is released rather than cleared (issue 12: clearing a
 * 2 MB table after each of many small outputs).
 */
static void test_jinja_cache_clear_forgets_every_reading(void **state)
{
	struct arena *a = arena_new();
	struct jinja_cache c = { 0 };
	struct floe_node tpl = str_node("{{ env_var('A', 'x') }}");
	struct floe_node many[200];
	char text[200][32];
	const struct jinja_read *r1, *r2;
	struct jinja_read tmp;

	(void)state;
	assert_int_equal(jinja_read_ref(&c, a, &tpl, NULL, &tmp, &r1),
			 FLOE_OK);
	assert_int_equal(c.nr, 1);
	jinja_cache_clear(&c);
	assert_int_equal(c.nr, 0);
	assert_non_null(c.slots);	/* a small table is kept */
	arena_reset(a);
	assert_int_equal(jinja_read_ref(&c, a, &tpl, NULL, &tmp, &r2),
			 FLOE_OK);
	assert_int_equal(c.nr, 1);	/* read again, cached again */
	assert_string_equal(r2->text, "x");

	for (int i = 0; i < 200; i++) {
		snprintf(text[i], sizeof(text[i]), "{{ env_var('V%d') }}", i);
		many[i] = str_node(text[i]);
		assert_int_equal(jinja_read_ref(&c, a, &many[i], NULL, &tmp,
						&r1), FLOE_OK);
	}
	assert_true(c.cap > 64);
	jinja_cache_clear(&c);		/* full enough: cleared */
	assert_int_equal(c.nr, 0);
	assert_non_null(c.slots);
	assert_int_equal(jinja_read_ref(&c, a, &tpl, NULL, &tmp, &r1),
			 FLOE_OK);
	jinja_cache_clear(&c);		/* 1 of more than 64: released */
	assert_null(c.slots);
	assert_int_equal(c.cap, 0);
	jinja_cache_release(&c);
	arena_free(a);
}

/*
 * With a keep arena, a text written in many nodes (in every output of a
 * profile) is parsed once: the nodes share one reading, which stays
 * across clears; past JINJA_TEXTS_KEPT texts, or past
 * JINJA_TEXT_KEPT_MAX bytes, a text is read per node as before.
 */
static void test_jinja_cache_keeps_a_reading_per_text(void **state)
{
	struct arena *a = arena_new(), *keep = arena_new();
	struct jinja_cache c = { 0 };
	char same[2][32], text[JINJA_TEXTS_KEPT + 1][32], name[16];
	char lng[JINJA_TEXT_KEPT_MAX + 32];
	struct floe_node n1, n2, n3, many;
	const struct jinja_read *r1, *r2, *r3;
	struct jinja_read tmp;

	(void)state;
	assert_non_null(a);
	assert_non_null(keep);
	c.keep = keep;
	snprintf(same[0], sizeof(same[0]), "{{ env_var('A', 'x') }}");
	snprintf(same[1], sizeof(same[1]), "%s", same[0]);
	n1 = str_node(same[0]);
	n2 = str_node(same[1]);
	assert_int_equal(jinja_read_ref(&c, a, &n1, NULL, &tmp, &r1),
			 FLOE_OK);
	jinja_cache_clear(&c);
	arena_reset(a);
	assert_int_equal(jinja_read_ref(&c, a, &n2, NULL, &tmp, &r2),
			 FLOE_OK);
	assert_ptr_equal(r1, r2);	/* one parse, kept across the clear */
	assert_string_equal(r2->text, "x");
	assert_int_equal(c.nr_texts, 1);

	for (size_t i = 0; i <= JINJA_TEXTS_KEPT; i++) {
		snprintf(text[i], sizeof(text[i]), "{{ env_var('V%zu') }}",
			 i);
		snprintf(name, sizeof(name), "V%zu", i);
		many = str_node(text[i]);
		assert_int_equal(jinja_read_ref(&c, a, &many, NULL, &tmp,
						&r1), FLOE_OK);
		assert_string_equal(r1->calls[0].name, name);
		jinja_cache_clear(&c);
	}
	assert_int_equal(c.nr_texts, JINJA_TEXTS_KEPT);
	memset(lng, 'x', sizeof(lng) - 1);
	lng[sizeof(lng) - 1] = '\0';
	memcpy(lng, "{{ 1 }}", 7);
	n3 = str_node(lng);
	assert_int_equal(jinja_read_ref(&c, a, &n3, NULL, &tmp, &r3),
			 FLOE_OK);
	assert_int_equal(c.nr_texts, JINJA_TEXTS_KEPT);
	jinja_cache_release(&c);
	assert_int_equal(c.nr_texts, 0);
	assert_null(c.texts);
	arena_free(a);
	arena_free(keep);
}

static const char *native_env(const char *name)
{
	if (!strcmp(name, "RO"))
		return "yes";
	if (!strcmp(name, "DBT_ENV_SECRET_X"))
		return "True";
	return NULL;
}

/* The filters after an operand, and what they get, are recorded. */
static void test_jinja_records_filters_and_their_operand(void **state)
{
	struct arena *a = arena_new();
	struct jinja_opts env = { true, native_env, false };
	struct jinja_read j;

	(void)state;
	read_str(a, "{{ env_var('RO', 'True') | as_bool }}", NULL, &j);
	assert_string_equal(j.calls[0].filters, "as_bool");
	assert_string_equal(j.native.filters, "as_bool");
	assert_string_equal(j.native.var, "RO");
	assert_string_equal(j.native.value, "True");
	assert_false(j.native.from_env);
	/* --env: the environment's value */
	read_str(a, "{{ env_var('RO', 'True') | as_bool }}", &env, &j);
	assert_string_equal(j.native.value, "yes");
	assert_true(j.native.from_env);
	/* a chain, with arguments; a literal operand */
	read_str(a, "{{ env_var('X') | default('a|b', true) | as_number }}",
		 NULL, &j);
	assert_string_equal(j.calls[0].filters, "default|as_number");
	assert_null(j.native.value);
	read_str(a, "{{ 'yes' 'no' | as_bool }}", NULL, &j);
	assert_string_equal(j.native.filters, "as_bool");
	assert_null(j.native.var);
	assert_string_equal(j.native.value, "yesno");
	read_str(a, "{{ 12 | as_bool }}", NULL, &j);
	assert_string_equal(j.native.value, "12");
	/* a set secret reaches the filter as dbt's placeholder */
	read_str(a, "{{ env_var('DBT_ENV_SECRET_X', '1') | as_bool }}", &env,
		 &j);
	assert_true(j.native.placeholder);
	assert_null(j.native.value);
	/* not only filters, or not the whole template: no native reading */
	read_str(a, "{{ env_var('RO') | as_bool == 1 }}", NULL, &j);
	assert_true(j.calls[0].filtered);
	assert_null(j.calls[0].filters);
	assert_null(j.native.filters);
	read_str(a, " {{ env_var('RO', 'x') | as_bool }}", NULL, &j);
	assert_string_equal(j.calls[0].filters, "as_bool");
	assert_null(j.native.filters);
	read_str(a, "{{ 'a' | as_bool }}{{ 'b' }}", NULL, &j);
	assert_null(j.native.filters);
	read_str(a, "{{ env_var('RO', 'x') }}", NULL, &j);
	assert_null(j.native.filters);
	arena_free(a);
}

static enum jinja_verdict verdict(const char *f, const char *v)
{
	return jinja_native_verdict(f, v, strlen(v));
}

/* As Python's ast.literal_eval reads them (dbt-common jinja.py). */
static void test_jinja_native_verdicts_follow_literal_eval(void **state)
{
	static const char *const bools[] = { "True", "False", " True",
					     "False \n", NULL };
	static const char *const not_bools[] = { "true", "yes", "1", "0", "",
						 "TRUE", "None", "'True'",
						 "Tru e", NULL };
	static const char *const numbers[] = { "4", "-1", "+ 2", "0.5", "1.",
					       ".5", "1e3", "1E-3", "1_000",
					       "0x1F", "0o17", "0b101", "00",
					       "0_0", "08.5", " 7 ", NULL };
	static const char *const not_numbers[] = { "True", "four", "01",
						   "1_", "1__0", "1+2",
						   "1j", "--1", "inf", "",
						   "0x", "1e", "'4'", NULL };

	(void)state;
	for (size_t i = 0; bools[i]; i++)
		assert_int_equal(verdict("as_bool", bools[i]), JINJA_ACCEPTED);
	for (size_t i = 0; not_bools[i]; i++)
		assert_int_equal(verdict("as_bool", not_bools[i]),
				 JINJA_REFUSED);
	for (size_t i = 0; numbers[i]; i++)
		assert_int_equal(verdict("as_number", numbers[i]),
				 JINJA_ACCEPTED);
	for (size_t i = 0; not_numbers[i]; i++)
		assert_int_equal(verdict("as_number", not_numbers[i]),
				 JINJA_REFUSED);
	/* never refused, or not modelled: unknown */
	assert_int_equal(verdict("as_native", "yes"), JINJA_UNKNOWN);
	assert_int_equal(verdict("as_text", "yes"), JINJA_UNKNOWN);
	assert_int_equal(verdict("as_bool", "(True)"), JINJA_UNKNOWN);
	assert_int_equal(verdict("as_number", "1 # n"), JINJA_UNKNOWN);
	assert_int_equal(verdict("as_bool", "\nTrue"), JINJA_UNKNOWN);
	assert_int_equal(verdict("as_bool", "vrai\xc3\xa9"), JINJA_UNKNOWN);
}

/* Render t; the text dbt's native rendering gives, or NULL. */
static const char *native(struct arena *a, const char *t,
			  enum jinja_type *type, struct strbuf *sb)
{
	struct jinja_read j;

	read_str(a, t, NULL, &j);
	strbuf_reset(sb);
	if (!jinja_native_render(&j.native, sb, type))
		return NULL;
	return sb->buf;
}

/*
 * What dbt renders a filtered value to, as dbt-common's native
 * environment (quoted_native_concat) does, checked with Jinja2 3.1 and
 * dbt-common's markers; and NULL for what is not modelled.
 */
static void test_jinja_native_render_gives_what_dbt_renders(void **state)
{
	static const struct {
		const char *t, *want;
		enum jinja_type type;
	} cases[] = {
		{ "{{ env_var('TH', '4') | as_number }}", "4", JINJA_INT },
		{ "{{ env_var('PIO', 'False') | as_bool }}", "False",
		  JINJA_BOOL },
		{ "{{ env_var('MEM', '4GB') | lower }}", "4gb", JINJA_STR },
		{ "{{ env_var('P', '  /tmp/x.duckdb  ') | trim }}",
		  "/tmp/x.duckdb", JINJA_STR },
		{ "{{ env_var('P', ' True ') | trim | as_bool }}", "True",
		  JINJA_BOOL },
		{ "{{ env_var('P', 'True') | as_bool | lower }}", "true",
		  JINJA_STR },
		/* string (soft_str) keeps the marker before it */
		{ "{{ env_var('P', 'True') | as_bool | string }}", "True",
		  JINJA_BOOL },
		{ "{{ env_var('P', '4') | as_number | string | string }}", "4",
		  JINJA_INT },
		{ "{{ env_var('P', 'True') | as_bool | string | lower }}",
		  "true", JINJA_STR },
		{ "{{ env_var('P', '4.5') | as_number }}", "4.5",
		  JINJA_FLOAT },
		{ "{{ env_var('P', '0.5') | as_number }}", "0.5",
		  JINJA_FLOAT },
		{ "{{ env_var('P', '-4') | as_number }}", "-4", JINJA_INT },
		{ "{{ env_var('P', ' 7 ') | as_number }}", "7", JINJA_INT },
		{ "{{ env_var('P', 'abc') | as_text }}", "abc", JINJA_STR },
		{ "{{ env_var('P', 'True') | as_native }}", "True",
		  JINJA_BOOL },
		{ "{{ env_var('P', '12') | as_native }}", "12", JINJA_INT },
		{ "{{ 4 | as_number }}", "4", JINJA_INT },
		{ "{{ 4 | string }}", "4", JINJA_STR },
		{ "{{ env_var('P', 'ab') | upper }}", "AB", JINJA_STR },
		/* str() would not be the text, or not modelled */
		{ "{{ env_var('P', '1_000') | as_number }}", NULL, 0 },
		{ "{{ env_var('P', '4.50') | as_number }}", NULL, 0 },
		{ "{{ env_var('P', '0x1F') | as_number }}", NULL, 0 },
		{ "{{ env_var('P', '0.00001') | as_number }}", NULL, 0 },
		{ "{{ env_var('P', 'abc') | as_native }}", NULL, 0 },
		{ "{{ 4.50 | as_number }}", NULL, 0 },
		{ "{{ env_var('P', 'x ') | trim('x') }}", NULL, 0 },
		{ "{{ env_var('P', 'x') | replace('x', 'y') }}", NULL, 0 },
		{ "{{ env_var('P', 'x') | default('y') }}", NULL, 0 },
		{ "{{ env_var('P', '\u00c9') | lower }}", NULL, 0 },
		{ "{{ env_var('P') | lower }}", NULL, 0 },
		{ "{{ env_var('DBT_ENV_SECRET_P', 'True') | as_bool }}", NULL,
		  0 },
		/* refused by dbt (FP240): never a value */
		{ "{{ env_var('P', 'yes') | as_bool }}", NULL, 0 },
		{ "{{ env_var('P', 'True') | as_number }}", NULL, 0 },
		{ "{{ env_var('P', '4') | as_bool }}", NULL, 0 },
		/* text around: not one operand */
		{ "x{{ env_var('P', 'A') | lower }}", NULL, 0 },
	};
	struct arena *a = arena_new();
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum jinja_type type;
		const char *got = native(a, cases[i].t, &type, &sb);

		if (!cases[i].want) {
			if (got)
				fail_msg("%s: rendered as %s", cases[i].t, got);
			assert_int_equal(type, JINJA_STR);
			continue;
		}
		if (!got)
			fail_msg("%s: not rendered", cases[i].t);
		assert_string_equal(got, cases[i].want);
		assert_int_equal(type, cases[i].type);
	}
	strbuf_release(&sb);
	arena_free(a);
}

static const char native_profile[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      path: \":memory:\"\n"
	"      attach:\n"
	"        - path: /tmp/a.duckdb\n"
	"          read_only: \"{{ env_var('RO', 'True') | as_bool }}\"\n"
	"      settings:\n"
	"        x: \"{{ env_var('DBT_ENV_SECRET_X') | as_bool }}\"\n";

static size_t count_at(const struct floe_diags *d, unsigned line,
		       const char *needle)
{
	size_t nr = 0;

	for (size_t i = 0; i < d->nr; i++)
		if (d->items[i].loc.start.line == line &&
		    strstr(d->items[i].message, needle))
			nr++;
	return nr;
}

/* lint (FP240) and sql (FP702) refuse the same values, --env included. */
static void test_jinja_lint_and_sql_refuse_a_non_bool_for_as_bool(
	void **state)
{
	struct floe_lint_options lo;
	struct floe_sql_options so;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_sql_plan *plan = NULL;
	size_t len = sizeof(native_profile) - 1;

	(void)state;
	memset(&lo, 0, sizeof(lo));
	assert_int_equal(floe_lint("p.yml", native_profile, len, &lo, &d),
			 FLOE_OK);
	assert_int_equal(count_at(&d, 9, "'| as_bool'"), 0);	/* True */
	floe_diags_release(&d);
	lo.use_env = true;
	lo.getenv_fn = native_env;
	assert_int_equal(floe_lint("p.yml", native_profile, len, &lo, &d),
			 FLOE_OK);
	assert_int_equal(count_at(&d, 9, "'| as_bool' gets 'yes', which is "
				  "not True or False: dbt refuses"), 1);
	assert_int_equal(count_at(&d, 9, "value of env var 'RO' (--env)"), 1);
	/* the secret's placeholder is FP408's, not FP240's */
	assert_int_equal(count_at(&d, 11, "'| as_bool' gets"), 0);
	floe_diags_release(&d);

	memset(&so, 0, sizeof(so));
	so.use_env = true;
	so.getenv_fn = native_env;
	assert_int_equal(floe_sql_plan("p.yml", native_profile, len, &so,
				       &plan, &d), FLOE_OK);
	assert_int_equal(count_at(&d, 9, "'| as_bool' gets 'yes'"), 1);
	assert_int_equal(count_at(&d, 11, "gets dbt's placeholder for "
				  "'DBT_ENV_SECRET_X'"), 1);
	/* the secret's value ("True") is never quoted */
	for (size_t i = 0; i < d.nr; i++)
		assert_null(strstr(d.items[i].message, "'True'"));
	floe_sql_plan_free(plan);
	floe_diags_release(&d);
}

/* A value read for a template; expectations in one place. */
struct form {
	const char *tpl;
	const char *text;	/* the rendering (NULL: none) */
	const char *name;	/* calls[0].name (NULL: no call kept) */
	bool has_default;	/* calls[0].has_default */
	bool dynamic;
	bool malformed;
	const char *problem;	/* a substring of it, when malformed */
};

static void check_forms(const struct form *f, size_t nr)
{
	struct arena *a = arena_new();
	struct jinja_read j;

	for (size_t i = 0; i < nr; i++) {
		const char *text = read_str(a, f[i].tpl, NULL, &j);

		print_message("%s\n", f[i].tpl);
		if (f[i].text)
			assert_string_equal(text, f[i].text);
		else
			assert_null(text);
		assert_int_equal(j.dynamic, f[i].dynamic);
		assert_int_equal(j.malformed, f[i].malformed);
		assert_int_equal(j.nr_env, 1);
		if (f[i].problem)
			assert_non_null(strstr(j.problem, f[i].problem));
		if (f[i].name) {
			assert_int_equal(j.nr_calls, 1);
			assert_string_equal(j.calls[0].name, f[i].name);
			assert_string_equal(j.first_env, f[i].name);
			assert_int_equal(j.calls[0].has_default,
					 f[i].has_default);
		} else if (!f[i].malformed) {
			assert_int_equal(j.nr_calls, 0);
			assert_null(j.first_env);
		}
	}
	arena_free(a);
}

/*
 * Jinja2's grammar allows a trailing comma after a call's last argument:
 * the call is read, its name and default known (jinja2 3.1 renders each
 * of these, through dbt's env_var(var, default=None)).
 */
static void test_jinja_trailing_comma_is_read(void **state)
{
	static const struct form f[] = {
		{ "{{ env_var('N', 'x',) }}", "x", "N", true, false, false,
		  NULL },
		{ "{{ env_var('N', 'x' ,\n ) }}", "x", "N", true, false,
		  false, NULL },
		{ "{{ env_var('N', default='x',) }}", "x", "N", true, false,
		  false, NULL },
		{ "{{ env_var(default='x', var='N',) }}", "x", "N", true,
		  false, false, NULL },
		{ "{{ env_var('N', 'x' 'y',) }}", "xy", "N", true, false,
		  false, NULL },
		{ "{{ env_var('N', 4,) }}", "4", "N", true, false, false,
		  NULL },
		{ "{{ env_var('N', -1,) }}", "-1", "N", true, false, false,
		  NULL },
		/* no default: unknown to lint, as without the comma */
		{ "{{ env_var('N',) }}", NULL, "N", false, false, false,
		  NULL },
		{ "{{ env_var(var='N',) }}", NULL, "N", false, false, false,
		  NULL },
		{ "{{ env_var('N', none,) }}", NULL, "N", false, false,
		  false, NULL },
	};

	(void)state;
	check_forms(f, sizeof(f) / sizeof(f[0]));
}

/*
 * What the reader does not model inside the arguments ('~', brackets,
 * filters, conditionals, variables, *args) is computed by dbt: the value
 * is dynamic (unknown, no finding), never malformed.  A known name is
 * still kept, with a default of unknown size.
 */
static void test_jinja_arguments_not_modelled_are_dynamic(void **state)
{
	static const struct form f[] = {
		{ "{{ env_var('A' ~ 'B') }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var(('N')) }}", NULL, NULL, false, true, false,
		  NULL },
		{ "{{ env_var(('N'), 'x') }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var('N' | lower, 'x') }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var(dbt_version, 'x') }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var(*['N', 'x']) }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var(**{'var': 'N'}) }}", NULL, NULL, false, true,
		  false, NULL },
		{ "{{ env_var('N', 'a' ~ 'b') }}", NULL, "N", true, true,
		  false, NULL },
		{ "{{ env_var('N', ('x')) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', 'x' if y else 'z') }}", NULL, "N", true,
		  true, false, NULL },
		{ "{{ env_var('N', 'x' | upper) }}", NULL, "N", true, true,
		  false, NULL },
		{ "{{ env_var('N', NAME) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', default=main) }}", NULL, "N", true, true,
		  false, NULL },
		{ "{{ env_var('N', true) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', 0.50) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', 1e3) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', -0) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', ['x']) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', *['x']) }}", NULL, "N", true, true, false,
		  NULL },
		{ "{{ env_var('N', 'a' ~ 'b',) }}", NULL, "N", true, true,
		  false, NULL },
		{ "{{ env_var('N', 'a' ~ 'b') | as_number }}", NULL, "N",
		  true, true, false, NULL },
		{ "x{{ env_var('A' ~ 'B', 'd') }}y", NULL, NULL, false, true,
		  false, NULL },
	};
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	check_forms(f, sizeof(f) / sizeof(f[0]));
	/* a default not modelled is not a missing one, and not a size */
	assert_null(read_str(a, "{{ env_var('N', 'a' ~ 'b') }}", NULL, &j));
	assert_int_equal(j.nr_no_default, 0);
	assert_int_equal(j.calls[0].default_len, 0);
	assert_false(j.missing);
	assert_true(j.has_other);
	/* its filters are recorded, their operand is not known */
	assert_null(read_str(a, "{{ env_var('A' ~ 'B') | as_number }}", NULL,
			     &j));
	assert_true(j.has_filter);
	assert_null(j.native.value);
	assert_null(j.native.var);
	arena_free(a);
}

/*
 * What Jinja2 or Python refuses stays malformed (jinja2 3.1 raises each:
 * TypeError, TemplateSyntaxError, or UndefinedError for a bare name).
 */
static void test_jinja_calls_jinja_refuses_are_malformed(void **state)
{
	static const struct form f[] = {
		{ "{{ env_var('N', 'd', 'e') }}", NULL, NULL, false, true,
		  true, "a name and an optional default" },
		{ "{{ env_var('N', 'd', 'e',) }}", NULL, NULL, false, true,
		  true, "a name and an optional default" },
		{ "{{ env_var('N', default='x', var='M') }}", NULL, NULL,
		  false, true, true, "the variable twice" },
		{ "{{ env_var('N', var='M') }}", NULL, NULL, false, true,
		  true, "the variable twice" },
		{ "{{ env_var(var='N', var='M') }}", NULL, NULL, false, true,
		  true, "the variable twice" },
		{ "{{ env_var('N', 'x', default='y') }}", NULL, NULL, false,
		  true, true, "the default twice" },
		{ "{{ env_var(var='N', 'x') }}", NULL, NULL, false, true,
		  true, "positional argument cannot follow" },
		{ "{{ env_var(default='x', 'N') }}", NULL, NULL, false, true,
		  true, "positional argument cannot follow" },
		{ "{{ env_var(*x, 'N') }}", NULL, NULL, false, true, true,
		  "positional argument cannot follow" },
		{ "{{ env_var(**x, default='d') }}", NULL, NULL, false, true,
		  true, "cannot follow **" },
		{ "{{ env_var(NAME) }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var(NAME, 'x') }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var(none) }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var(true) }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var(4) }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var() }}", NULL, NULL, false, true, true,
		  "needs the variable name" },
		{ "{{ env_var(,) }}", NULL, NULL, false, true, true,
		  "an empty argument" },
		{ "{{ env_var('N',,) }}", NULL, NULL, false, true, true,
		  "an empty argument" },
		{ "{{ env_var('N', default=) }}", NULL, NULL, false, true,
		  true, "an empty argument" },
		{ "{{ env_var('N', *) }}", NULL, NULL, false, true, true,
		  "an empty argument" },
		{ "{{ env_var('N', dflt='x') }}", NULL, NULL, false, true,
		  true, "only the arguments var and default" },
		{ "{{ env_var('N', 1'2') }}", NULL, NULL, false, true, true,
		  "side by side" },
		{ "{{ env_var('N', x 'y') }}", NULL, NULL, false, true, true,
		  "side by side" },
		{ "{{ env_var('N', 'x' ~ 'y' }}", NULL, NULL, false, true,
		  true, "then ')'" },
	};

	(void)state;
	check_forms(f, sizeof(f) / sizeof(f[0]));
}

static const char forms_profile[] =
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      type: duckdb\n"
	"      settings:\n"
	"        memory_limit: \"{{ env_var('MEM', '4GB',) }}\"\n"
	"        temp_directory: \"{{ env_var('T' ~ 'D', '/tmp') }}\"\n";

/* sql reads through the same reader: the comma's default, the rest as
 * written (dynamic), and lint finds nothing in either. */
static void test_jinja_lint_and_sql_agree_on_trailing_comma_and_dynamic(
	void **state)
{
	struct floe_lint_options lo;
	struct floe_sql_options so;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_sql_plan *plan = NULL;
	size_t len = sizeof(forms_profile) - 1;
	bool mem = false, tmp = false;

	(void)state;
	memset(&lo, 0, sizeof(lo));
	assert_int_equal(floe_lint("p.yml", forms_profile, len, &lo, &d),
			 FLOE_OK);
	for (size_t i = 0; i < d.nr; i++)
		assert_null(strstr(d.items[i].message, "cannot render"));
	floe_diags_release(&d);
	memset(&so, 0, sizeof(so));
	assert_int_equal(floe_sql_plan("p.yml", forms_profile, len, &so,
				       &plan, &d), FLOE_OK);
	for (size_t i = 0; i < d.nr; i++)
		assert_null(strstr(d.items[i].message, "cannot render"));
	assert_int_equal(plan->nr, 1);
	for (size_t i = 0; i < plan->conns[0].nr; i++) {
		const struct floe_sql_stmt *st = &plan->conns[0].stmts[i];

		if (st->kind != FLOE_SQL_SET)
			continue;
		if (!strcmp(st->value, "4GB"))
			mem = true;
		if (!strcmp(st->value, "{{ env_var('T' ~ 'D', '/tmp') }}"))
			tmp = true;
	}
	assert_true(mem);
	assert_true(tmp);
	floe_sql_plan_free(plan);
	floe_diags_release(&d);
}

/*
 * Jinja's lexer before the parse (checked with Jinja2 3.1.6, and over
 * 1,728 templates by tests/jinja/check_lexing.py): \r\n and \r read as
 * \n, one trailing newline dropped, templated or not; a '-' inside a tag
 * strips Python's whitespace beside it; {+ changes nothing; a comment is
 * no node, so one filtered {{ }} beside comments and stripped blanks is
 * still rendered natively (its filters known), and text left beside it
 * is not.
 */
static void test_jinja_reads_the_template_as_jinjas_lexer(void **state)
{
	static const struct {
		const char *in, *out;
		bool native, has_text;
	} rows[] = {
		{ "{{ env_var('X', 'v') }}\n", "v", true, false },
		{ "{{ env_var('X', 'v') }}\r\n", "v", true, false },
		{ "{{ env_var('X', 'v') }}\n\n", "v\n", false, true },
		{ "  {{- env_var('X', 'v') -}} \n ", "v", true, false },
		{ "\xC2\xA0{{- env_var('X', 'v') }}", "v", true, false },
		{ "\xE3\x80\x80{{- env_var('X', 'v') }}", "v", true,
		  false },
		{ "a {{- env_var('X', 'v') }}", "av", false, true },
		{ "{# c #}{{ env_var('X', 'v') }}{# d #}", "v", true,
		  false },
		{ " {# c #}{{ env_var('X', 'v') }}", " v", false, true },
		{ " {#- c -#} {{ env_var('X', 'v') }}", "v", true,
		  false },
		{ "{#-#} {{ env_var('X', 'v') }}", " v", false, true },
		{ "{{+ env_var('X', 'v') }}", "v", true, false },
		{ "{{ env_var('X', 'v') -}}\xE2\x80\xA8", "v", true,
		  false },
		{ "a\r\nb", "a\nb", false, true },
		{ "a\rb\n", "a\nb", false, true },
		{ "a\n\n", "a\n", false, true },
	};
	static const char call[] = "env_var('X', 'v')";
	struct arena *a = arena_new();
	struct jinja_read j;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = read_str(a, rows[i].in, NULL, &j);
		const char *at = strstr(rows[i].in, call);
		char filtered[128];

		if (!got || strcmp(got, rows[i].out) ||
		    j.has_text != rows[i].has_text)
			fail_msg("%zu: '%s' read '%s', text %d", i,
				 rows[i].in, got ? got : "(null)", j.has_text);
		if (!at)
			continue;
		/* the same with a filter: one node, rendered natively */
		snprintf(filtered, sizeof(filtered), "%.*s | lower%s",
			 (int)((size_t)(at - rows[i].in) + sizeof(call) - 1),
			 rows[i].in, at + sizeof(call) - 1);
		read_str(a, filtered, NULL, &j);
		if (!!j.native.filters != rows[i].native)
			fail_msg("%zu: '%s' native %d", i, filtered,
				 !!j.native.filters);
	}
	/* an unclosed comment, "{#}" included, is refused as Jinja does */
	read_str(a, "{{ env_var('X', 'v') }}{#}", NULL, &j);
	assert_true(j.malformed);
	read_str(a, "{# c", NULL, &j);
	assert_true(j.malformed);
	/* "{{-}}" has no expression */
	read_str(a, "{{-}}", NULL, &j);
	assert_true(j.dynamic);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_jinja_adjacent_literals_are_joined_as_jinja2_does),
		cmocka_unit_test(
			test_jinja_reads_the_template_as_jinjas_lexer),
		cmocka_unit_test(
			test_jinja_literals_are_unescaped_as_python_does),
		cmocka_unit_test(test_jinja_block_ends_outside_quotes),
		cmocka_unit_test(test_jinja_env_var_keywords_and_none_default),
		cmocka_unit_test(
			test_jinja_missing_variable_is_unknown_or_a_placeholder),
		cmocka_unit_test(test_jinja_environment_wins_over_the_default),
		cmocka_unit_test(
			test_jinja_other_expressions_and_malformed_calls_are_dynamic),
		cmocka_unit_test(
			test_jinja_lint_and_sql_agree_on_adjacent_literals),
		cmocka_unit_test(
			test_jinja_literal_is_not_copied_and_templates_are_cached),
		cmocka_unit_test(
			test_jinja_cache_clear_forgets_every_reading),
		cmocka_unit_test(
			test_jinja_cache_keeps_a_reading_per_text),
		cmocka_unit_test(
			test_jinja_records_filters_and_their_operand),
		cmocka_unit_test(
			test_jinja_native_verdicts_follow_literal_eval),
		cmocka_unit_test(
			test_jinja_native_render_gives_what_dbt_renders),
		cmocka_unit_test(
			test_jinja_lint_and_sql_refuse_a_non_bool_for_as_bool),
		cmocka_unit_test(test_jinja_trailing_comma_is_read),
		cmocka_unit_test(
			test_jinja_arguments_not_modelled_are_dynamic),
		cmocka_unit_test(
			test_jinja_calls_jinja_refuses_are_malformed),
		cmocka_unit_test(
		    test_jinja_lint_and_sql_agree_on_trailing_comma_and_dynamic),
	};

	return cmocka_run_group_tests_name("jinja", tests, NULL, NULL);
}
