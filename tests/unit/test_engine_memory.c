/*
 * fe_memory_setting() and fe_memory_parse() held to the real engine:
 * every row src/engine/data/tools/probe_memory.py wrote for every
 * release (src/engine/data/duckdb-memory/VERSION.tsv).
 *
 *   detect rows  the settings whose SET of '4gigs' reached the memory
 *                parser: the table knows each as a memory setting of
 *                that release, and no other setting the probes name;
 *   memory rows  each memory setting and probe value: where SET said OK
 *                the model says OK; where the parser refused it, the
 *                model refuses it with the engine's words; where a
 *                setting's own check refused it after the parser
 *                (block_allocator_memory above the virtual memory), the
 *                model lets it through, as the parser does, except no
 *                limit where the setting refuses it on every machine
 *                (FE_MEM_NO_LIMIT: then the engine said REFUSED).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "fixture.h"

#define MAX_NAMES 64

struct tally {
	size_t ok, refused, own, detect, no_limit;
	const char *names[MAX_NAMES];	/* every setting the probes name */
	size_t nr_names;
};

static void remember(struct tally *n, const char *name)
{
	for (size_t i = 0; i < n->nr_names; i++)
		if (!strcmp(n->names[i], name))
			return;
	assert_true(n->nr_names < MAX_NAMES);
	n->names[n->nr_names++] = strdup(name);
}

static void check_row(unsigned v, char **col, const char *where,
		      struct tally *n)
{
	struct fe_mem_refusal r;
	struct fe_mem_setting s;
	enum fe_mem_parser parser = fe_memory_setting(col[1], v, &s);
	enum fe_mem_verdict verdict;
	char want[1024];

	if (parser == FE_MEM_NONE)
		fail_msg("%s: not a memory setting in the table", where);
	if (!strcmp(col[0], "detect")) {
		n->detect++;
		return;
	}
	verdict = fe_memory_parse(col[2], &s, v, &r);
	if (verdict == FE_MEM_NO_LIMIT) {
		/* the setting's refusal of no limit: the engine's REFUSED */
		if (strcmp(col[3], "REFUSED"))
			fail_msg("%s: the model says the setting refuses no "
				 "limit, the engine \"%s\"", where, col[3]);
		n->no_limit++;
		return;
	}
	if (!strcmp(col[3], "OK") || !strcmp(col[3], "REFUSED")) {
		if (verdict != FE_MEM_OK)
			fail_msg("%s: the model refuses it (%d), the engine "
				 "\"%s\"", where, verdict, col[3]);
		if (strcmp(col[3], "OK"))
			n->own++;
		else
			n->ok++;
		return;
	}
	n->refused++;
	if (verdict == FE_MEM_OK)
		fail_msg("%s: the model takes it, the engine \"%s\"", where,
			 col[3]);
	snprintf(want, sizeof(want), "%s%s%s", r.before, r.quoted, r.after);
	if (strcmp(want, col[3]))
		fail_msg("%s: engine said \"%s\", the model \"%s\"", where,
			 col[3], want);
}

static void check_release(const struct fe_release *rel, struct tally *n)
{
	const char *detected[MAX_NAMES];
	size_t nr_detected = 0;
	struct fx_probe probe;
	char *col[5];

	fx_probe_open(&probe, "duckdb-memory", rel->name,
		      "src/engine/data/tools/extract_all.sh --only memory");
	while (fx_probe_row(&probe, col, 5)) {
		char where[512];

		snprintf(where, sizeof(where), "%s %s %s '%s'", rel->name,
			 col[0], col[1], col[2]);
		remember(n, col[1]);
		if (!strcmp(col[0], "detect")) {
			assert_true(nr_detected < MAX_NAMES);
			detected[nr_detected++] = n->names[n->nr_names - 1];
			for (size_t i = 0; i + 1 < n->nr_names; i++)
				if (!strcmp(n->names[i], col[1]))
					detected[nr_detected - 1] = n->names[i];
		}
		check_row(rel->version, col, where, n);
	}
	fx_probe_close(&probe);
	/* no setting of the probes is a memory setting where not detected */
	for (size_t i = 0; i < n->nr_names; i++) {
		bool found = false;

		for (size_t k = 0; k < nr_detected; k++)
			found |= !strcmp(detected[k], n->names[i]);
		struct fe_mem_setting s;

		if (!found && fe_memory_setting(n->names[i], rel->version,
						&s) != FE_MEM_NONE)
			fail_msg("%s: %s is no memory setting there", rel->name,
				 n->names[i]);
	}
}

static void test_engine_memory_every_probe(void **state)
{
	struct tally n;
	size_t releases = 0;

	(void)state;
	memset(&n, 0, sizeof(n));
	/* twice: the second pass sees every name the probes have */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fe_release_count(); i++) {
			const struct fe_release *rel = fe_release_at(i);

			if (rel->flags & FE_REL_UNRELEASED)
				continue;
			check_release(rel, &n);
			releases += pass;
		}
	assert_true(releases >= 13);
	assert_true(n.detect >= releases * 8 * 2);
	assert_true(n.ok > releases * 60);
	assert_true(n.refused > releases * 40);
	assert_true(n.own > 0);
	assert_true(n.no_limit >= releases * 2);
	for (size_t i = 0; i < n.nr_names; i++)
		free((char *)n.names[i]);
}

/* What dbt-duckdb writes for YAML values, on the default release. */
static void test_engine_memory_dbt_renderings(void **state)
{
	static const struct {
		const char *text;
		enum fe_mem_verdict verdict;
	} cases[] = {
		{ "4GB", FE_MEM_OK },
		{ "4", FE_MEM_UNKNOWN_UNIT },	/* memory_limit: 4 */
		{ "0", FE_MEM_UNKNOWN_UNIT },
		{ "None", FE_MEM_NO_NUMBER },	/* memory_limit: (empty) */
		{ "True", FE_MEM_NO_NUMBER },
		{ "-1", FE_MEM_OK },		/* no limit */
		{ "none", FE_MEM_OK },
		{ "80%", FE_MEM_UNKNOWN_UNIT },
		{ "4 gigs", FE_MEM_UNKNOWN_UNIT },
		{ "1e400GB", FE_MEM_TOO_LARGE },
	};
	struct fe_mem_refusal r;
	struct fe_mem_setting s, none;

	(void)state;
	assert_int_equal(fe_memory_setting("threads", FE_DUCKDB_DEFAULT,
					   &none), FE_MEM_NONE);
	assert_int_equal(fe_memory_setting("MEMORY_LIMIT", FE_DUCKDB_DEFAULT,
					   &s), FE_MEM_LIMIT);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (fe_memory_parse(cases[i].text, &s, FE_DUCKDB_DEFAULT,
				    &r) != cases[i].verdict)
			fail_msg("'%s'", cases[i].text);
	/* 1.4 takes any size; the unit is quoted lower-cased, cut at 60 */
	assert_int_equal(fe_memory_parse("1e400GB", &s, FE_V(1, 4, 3), &r),
			 FE_MEM_OK);
	assert_int_equal(fe_memory_parse("4GIGS", &s, FE_V(1, 4, 3), &r),
			 FE_MEM_UNKNOWN_UNIT);
	assert_string_equal(r.quoted, "gigs");
	assert_int_equal(fe_memory_parse("4€€€€€€€€€€€€€€€€€€€€€€€", &s,
					 FE_DUCKDB_DEFAULT, &r),
			 FE_MEM_UNKNOWN_UNIT);
	assert_true(strlen(r.quoted) <= 60 && strlen(r.quoted) % 3 == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_memory_every_probe),
		cmocka_unit_test(test_engine_memory_dbt_renderings),
	};

	return cmocka_run_group_tests_name("engine_memory", tests, NULL,
					   NULL);
}
