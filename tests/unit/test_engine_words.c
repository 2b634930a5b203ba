/*
 * fe_setting_words() and fe_words_take() held to the real engine: every
 * row src/engine/data/tools/probe_words.py wrote for every release
 * (src/engine/data/duckdb-words/VERSION.tsv).  For each row, and each way
 * dbt-duckdb hands a value over (SET for `settings`, duckdb_set_config()
 * for `config_options`), where the table judges the setting the model's
 * verdict is the engine's: a word it takes is OK there, and any other
 * value (case variants, blanks, 'True', two words) was refused.
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

struct tally {
	size_t rows, judged, taken, refused;
};

static void check_via(unsigned v, char **col, enum fe_words_via via,
		      const char *outcome, struct tally *n)
{
	struct fe_words w;
	bool ok = !strcmp(outcome, "OK");

	if (!fe_setting_words(col[0], v, via, &w))
		return;
	n->judged++;
	if (fe_words_take(&w, col[3]) != ok)
		fail_msg("%s '%s' via %s: the model %s it, the engine \"%s\"",
			 col[0], col[3], via == FE_WORDS_SET ? "SET" : "config",
			 ok ? "refuses" : "takes", outcome);
	if (ok)
		n->taken++;
	else
		n->refused++;
}

static void test_engine_words_every_probe(void **state)
{
	struct tally n;
	size_t releases = 0;

	(void)state;
	memset(&n, 0, sizeof(n));
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);
		struct fx_probe probe;
		char *col[6];

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		releases++;
		fx_probe_open(&probe, "duckdb-words", rel->name,
			      "src/engine/data/tools/extract_all.sh --only "
			      "words");
		while (fx_probe_row(&probe, col, 6)) {
			n.rows++;
			check_via(rel->version, col, FE_WORDS_SET, col[4], &n);
			check_via(rel->version, col, FE_WORDS_CONFIG, col[5],
				  &n);
		}
		fx_probe_close(&probe);
	}
	assert_true(releases >= 13);
	assert_true(n.judged > releases * 100);
	assert_true(n.taken > releases * 50);
	assert_true(n.refused > releases * 50);
}

/* The words the engine takes and its message does not name. */
static void test_engine_words_examples(void **state)
{
	struct fe_words w;

	(void)state;
	assert_true(fe_setting_words("default_order", FE_V(1, 4, 3),
				     FE_WORDS_SET, &w));
	assert_true(fe_words_take(&w, "descending"));
	assert_true(fe_words_take(&w, "DESC"));
	assert_false(fe_words_take(&w, "upward"));
	assert_false(fe_words_take(&w, "desc "));
	assert_false(fe_words_take(&w, ""));
	assert_true(fe_setting_words("DEFAULT_ORDER", FE_V(1, 5, 6),
				     FE_WORDS_CONFIG, &w));
	assert_true(fe_words_take(&w, "descending"));
	/* after start-up SET refuses access_mode whatever its value */
	assert_false(fe_setting_words("access_mode", FE_V(1, 4, 3),
				      FE_WORDS_SET, &w));
	assert_true(fe_setting_words("access_mode", FE_V(1, 4, 3),
				     FE_WORDS_CONFIG, &w));
	assert_true(fe_words_take(&w, "read_only"));
	assert_false(fe_words_take(&w, "bogus"));
	assert_false(fe_setting_words("threads", FE_V(1, 4, 3),
				      FE_WORDS_SET | FE_WORDS_CONFIG, &w));
	assert_null(w.words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_words_every_probe),
		cmocka_unit_test(test_engine_words_examples),
	};

	return cmocka_run_group_tests_name("engine_words", tests, NULL,
					   NULL);
}
