/*
 * fe_setting_cast() held to the real engine: every row that
 * src/engine/data/tools/probe_casts.py wrote for every release
 * (src/engine/data/duckdb-casts/VERSION.tsv).
 *
 *   cast rows   the value cast to the type alone, and SET on an ordinary
 *               setting of that type: an answer of OK or FAILS must be
 *               the engine's, and a failure must read as the engine's
 *               words (fe_setting_cast_words());
 *   order rows  every setting of a non-VARCHAR type, SET with a value
 *               that does not cast, on a fresh database and after the
 *               secret manager was used: the cast error comes first,
 *               before any start-up-only or secret-manager refusal, and
 *               the table gives the setting the type the probe used.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "fixture.h"

#define CAST_FAILED "Invalid Input Error: Failed to cast value: "

static enum fe_setting_type type_of(const char *name)
{
	for (int t = FE_TYPE_UNKNOWN; t <= FE_TYPE_VARCHAR_LIST; t++)
		if (!strcmp(fe_setting_type_name((enum fe_setting_type)t),
			    name))
			return (enum fe_setting_type)t;
	fail_msg("input type %s is not modelled", name);
	return FE_TYPE_UNKNOWN;
}

/* what probe_casts.py keeps of an error: its first line, tabs as
 * blanks, no carriage return, stripped */
static void one_line(char *s)
{
	char *w = s, *r;

	s[strcspn(s, "\n")] = '\0';
	for (r = s; *r; r++)
		if (*r != '\r')
			*w++ = *r == '\t' ? ' ' : *r;
	*w = '\0';
	while (w > s && w[-1] == ' ')
		*--w = '\0';
	for (r = s; *r == ' '; r++)
		;
	memmove(s, r, strlen(r) + 1);
}

static void expect_words(enum fe_setting_type t, const char *value,
			 const char *set, const char *where)
{
	const char *before, *after;
	char want[1024];

	fe_setting_cast_words(t, &before, &after);
	snprintf(want, sizeof(want), "%s%s%s", before, value, after);
	one_line(want);
	if (strcmp(want, set))
		fail_msg("%s: engine said \"%s\", the model \"%s\"", where,
			 set, want);
}

struct tally {
	size_t ok, fails, unknown, order;
};

static void check_release(const struct fe_release *rel, struct tally *n)
{
	struct fx_probe probe;
	char *col[6];

	fx_probe_open(&probe, "duckdb-casts", rel->name,
		      "src/engine/data/tools/extract_all.sh --only casts");
	while (fx_probe_row(&probe, col, 6)) {
		char where[256];
		enum fe_setting_type t;
		enum fe_cast c;

		t = type_of(col[1]);
		c = fe_setting_cast(t, col[3]);
		snprintf(where, sizeof(where), "%s %s %s '%s'", rel->name,
			 col[0], col[1], col[3]);
		if (!strcmp(col[0], "cast")) {
			if (c == FE_CAST_OK) {
				n->ok++;
				if (strcmp(col[4], "OK"))
					fail_msg("%s: model OK, engine \"%s\"",
						 where, col[4]);
				if (!strncmp(col[5], CAST_FAILED,
					     strlen(CAST_FAILED)))
					fail_msg("%s: model OK, SET \"%s\"",
						 where, col[5]);
			} else if (c == FE_CAST_FAILS) {
				n->fails++;
				if (!strcmp(col[4], "OK"))
					fail_msg("%s: model fails, engine OK",
						 where);
				if (strcmp(col[2], "-"))
					expect_words(t, col[3], col[5], where);
			} else {
				n->unknown++;
			}
			continue;
		}
		/* order, order_after: every setting, a value that fails */
		{
			const struct fe_setting *s =
				fe_setting_find(col[2], rel->version);

			n->order++;
			if (c != FE_CAST_FAILS)
				fail_msg("%s: the model casts it", where);
			expect_words(t, col[3], col[5], where);
			if (!s || s->type != t)
				fail_msg("%s: the table gives %s no type %s",
					 where, col[2], col[1]);
		}
	}
	fx_probe_close(&probe);
}

static void test_engine_casts_every_probe(void **state)
{
	struct tally n = { 0 };
	size_t releases = 0;

	(void)state;
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		check_release(rel, &n);
		releases++;
	}
	/* every release was read, and both answers were held to it */
	assert_true(releases >= 13);
	assert_true(n.ok > releases * 100);
	assert_true(n.fails > releases * 200);
	assert_true(n.order > releases * 100);
	/* the model leaves few of the probed values open */
	assert_true(n.unknown * 10 < n.ok + n.fails);
}

/* What dbt-duckdb writes for the usual YAML values is always decided. */
static void test_engine_casts_dbt_renderings_decided(void **state)
{
	static const char *const values[] = {
		"True", "False", "None", "1", "0", "-1", "1.5", "abc", "",
		"10GB", "4", "['a', 'b']", NULL
	};

	(void)state;
	for (int t = FE_TYPE_BOOLEAN; t <= FE_TYPE_VARCHAR_LIST; t++)
		for (size_t i = 0; values[i]; i++)
			if (fe_setting_cast((enum fe_setting_type)t,
					    values[i]) == FE_CAST_UNKNOWN &&
			    !(t == FE_TYPE_VARCHAR_LIST && values[i][0] == '['))
				fail_msg("%s '%s' is undecided",
					 fe_setting_type_name(
						 (enum fe_setting_type)t),
					 values[i]);
	assert_int_equal(fe_setting_cast(FE_TYPE_UBIGINT, "True"),
			 FE_CAST_FAILS);
	assert_int_equal(fe_setting_cast(FE_TYPE_UBIGINT, "1"), FE_CAST_OK);
	assert_int_equal(fe_setting_cast(FE_TYPE_VARCHAR, "True"),
			 FE_CAST_OK);
	assert_int_equal(fe_setting_cast(FE_TYPE_UNKNOWN, "True"),
			 FE_CAST_UNKNOWN);
	/* DuckDB's BOOLEAN has no on/off (the probes) */
	assert_int_equal(fe_duckdb_bool("on"), -1);
	assert_int_equal(fe_duckdb_bool("off"), -1);
	assert_int_equal(fe_duckdb_bool("Yes"), 1);
}

/*
 * An integer cast of an exponent is decided, not left UNKNOWN: every
 * probed exponent row of an integer type must get an answer (the probes
 * hold the answer right), except within 1 of a bound, where rounding
 * decides.  threads: '1e20' / '1e19' / '9.3e18' (verify on 1.4.3:
 * "Could not convert string '1e20' to INT64").
 */
static void test_engine_casts_exponents_decided(void **state)
{
	static const struct {
		enum fe_setting_type t;
		const char *v;
		enum fe_cast want;
	} cases[] = {
		{ FE_TYPE_BIGINT, "1e20", FE_CAST_FAILS },
		{ FE_TYPE_BIGINT, "1e19", FE_CAST_FAILS },
		{ FE_TYPE_BIGINT, "9.3e18", FE_CAST_FAILS },
		{ FE_TYPE_BIGINT, "9.2e18", FE_CAST_OK },
		{ FE_TYPE_BIGINT, "9.223372036854775807e18", FE_CAST_OK },
		{ FE_TYPE_BIGINT, "9.223372036854775808e18", FE_CAST_FAILS },
		{ FE_TYPE_BIGINT, "-9.223372036854775808e18", FE_CAST_OK },
		{ FE_TYPE_BIGINT, "1e3", FE_CAST_OK },
		{ FE_TYPE_BIGINT, "0e32768", FE_CAST_FAILS },
		{ FE_TYPE_UBIGINT, "1e19", FE_CAST_OK },
		{ FE_TYPE_UBIGINT, "9.3e18", FE_CAST_OK },
		{ FE_TYPE_UBIGINT, "1e20", FE_CAST_FAILS },
		{ FE_TYPE_UBIGINT, "-0e5", FE_CAST_FAILS },
		{ FE_TYPE_UBIGINT, "1.8446744073709551615e19", FE_CAST_OK },
		{ FE_TYPE_UBIGINT, "1.8446744073709551616e19", FE_CAST_FAILS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (fe_setting_cast(cases[i].t, cases[i].v) != cases[i].want)
			fail_msg("%s '%s': %d, want %d",
				 fe_setting_type_name(cases[i].t), cases[i].v,
				 fe_setting_cast(cases[i].t, cases[i].v),
				 cases[i].want);
}

/*
 * fe_interval_cast() held to every row tools/probe_intervals.py wrote
 * for every release (src/engine/data/duckdb-intervals/VERSION.tsv): the
 * unit rows ('1 <name>' for every name the release's parser takes) and
 * the value rows (times, signs, several parts, 'ago', overflow per
 * unit, ...).  Every answer is OK or FAILS, and it is the engine's.
 */
static void test_engine_casts_interval_every_probe(void **state)
{
	size_t releases = 0, ok = 0, fails = 0, units = 0;

	(void)state;
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);
		struct fx_probe probe;
		char *col[4];

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		releases++;
		fx_probe_open(&probe, "duckdb-intervals", rel->name,
			      "src/engine/data/tools/extract_all.sh --only "
			      "intervals");
		while (fx_probe_row(&probe, col, 4)) {
			enum fe_cast c = fe_interval_cast(col[1], rel->version);

			units += !strcmp(col[0], "unit");
			if (c == FE_CAST_OK) {
				ok++;
				if (strcmp(col[2], "OK"))
					fail_msg("%s '%s': model OK, engine "
						 "\"%s\"", rel->name, col[1],
						 col[2]);
			} else if (c == FE_CAST_FAILS) {
				fails++;
				if (!strcmp(col[2], "OK"))
					fail_msg("%s '%s': model fails, engine "
						 "OK", rel->name, col[1]);
			} else {
				fail_msg("%s '%s': not judged", rel->name,
					 col[1]);
			}
		}
		fx_probe_close(&probe);
	}
	assert_true(releases >= 13);
	assert_true(units >= releases * 60);
	assert_true(ok > releases * 300);
	assert_true(fails > releases * 200);
	/* the finding's cases: a bare number from 1.5.3 (PR #22534) */
	assert_int_equal(fe_interval_cast("10", FE_V(1, 5, 2)), FE_CAST_FAILS);
	assert_int_equal(fe_interval_cast("10", FE_V(1, 5, 3)), FE_CAST_OK);
	assert_int_equal(fe_interval_cast("10 ", FE_V(1, 4, 3)), FE_CAST_OK);
	assert_int_equal(fe_interval_cast("PT10M", FE_ANY), FE_CAST_FAILS);
	assert_int_equal(fe_interval_cast("10 fortnights", FE_ANY),
			 FE_CAST_FAILS);
	assert_int_equal(fe_interval_cast("00:10:00", FE_ANY), FE_CAST_OK);
	assert_int_equal(fe_interval_cast("10:00 ", FE_ANY), FE_CAST_FAILS);
	assert_int_equal(fe_interval_cast("10", FE_ANY), FE_CAST_UNKNOWN);
	assert_int_equal(fe_interval_cast(NULL, FE_ANY), FE_CAST_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_casts_every_probe),
		cmocka_unit_test(test_engine_casts_interval_every_probe),
		cmocka_unit_test(test_engine_casts_dbt_renderings_decided),
		cmocka_unit_test(test_engine_casts_exponents_decided),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
