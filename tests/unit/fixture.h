/*
 * The unit tests' shared fixture: one lint run's state, and the helpers
 * that look at diagnostics by rule id.  Every test_<module>.c links
 * fixture.c (tests/CMakeLists.txt).
 *
 * A diagnostic names its rule by handle (enum floe_rule_id); the tests
 * speak of rules by id ("FP401") so that a failure message reads as the
 * docs do, and fx_id() is the one place that turns one into the other.
 *
 * Use:
 *	cmocka_unit_test_setup_teardown(test_x, fx_setup, fx_teardown)
 *	static void test_x(void **state)
 *	{
 *		struct fx *f = *state;
 *
 *		fx_lint(f, head, body, NULL);
 *		fx_assert_rules(f, "FP400", "FP499", "FP401 FP402");
 *	}
 */
#ifndef FLOE_TEST_FIXTURE_H
#define FLOE_TEST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "floe/diag.h"
#include "floe/lint.h"
#include "floe/platform.h"

#define FX_FILE "p.yml"
#define FX_PLATFORM "platform.yaml"

struct fx {
	struct floe_lint_options opt;
	struct floe_diags diags;	/* the last run's findings */
	struct floe_platform *platform;	/* fx_load_platform(); in opt */
	struct floe_diags pdiags;	/* ... and what loading it said */
	enum floe_level *levels;	/* fx_set_level(); in opt */
	char *text;			/* the last input fx_lint() read */
};

/* cmocka setup and teardown: a zeroed struct fx in *state, and its end. */
int fx_setup(void **state);
int fx_teardown(void **state);

/*
 * Lint the concatenation of the strings (NULL-terminated list) as
 * FX_FILE with f->opt, into a fresh f->diags; floe_lint must return
 * FLOE_OK.
 */
void fx_lint(struct fx *f, const char *text, ...)
	__attribute__((sentinel));

/* Load a platform file (it must load) and lint against it from now on. */
void fx_load_platform(struct fx *f, const char *yaml);

/* Set a rule's level, as the configuration's `rules:` does. */
void fx_set_level(struct fx *f, const char *id, enum floe_level lvl);

/* The rule id of a diagnostic ("FP401"), or NULL when it has none. */
const char *fx_id(const struct floe_diag *g);

/* The n-th (from 0) finding of `rule` in f->diags, or NULL. */
const struct floe_diag *fx_nth(const struct fx *f, const char *rule,
			       size_t n);
const struct floe_diag *fx_find(const struct fx *f, const char *rule);

/* The number of findings of `rule`. */
size_t fx_count(const struct fx *f, const char *rule);

/*
 * Exactly these findings (space-separated ids in report order) among
 * those whose id lies in [from, to] ("FP400", "FP499").
 */
void fx_assert_rules(const struct fx *f, const char *from, const char *to,
		     const char *want);

/* The first finding of `rule` starts at line:column. */
void fx_assert_at(const struct fx *f, const char *rule, unsigned line,
		  unsigned column);

/* The first finding of `rule` says `text` (a part of its message). */
void fx_assert_says(const struct fx *f, const char *rule, const char *text);

/* A finding of `rule` at line:column whose message holds `text`. */
void fx_assert_finding(const struct fx *f, const char *rule, unsigned line,
		       unsigned column, const char *text);

/*
 * A probe of the real engine, src/engine/data/<dir>/<release>.tsv, read
 * row by row (the tests that hold a model to the engine):
 * fx_probe_open() fails the test when the file is missing (`how` says
 * how to make it); fx_probe_row() skips comments and the header, splits
 * the next row into exactly `n` cells (else the test fails), undoes the
 * probes' escapes (\t, \n, \r, \\) and returns false at the end.
 */
struct fx_probe {
	FILE *f;
	bool header;
	char line[8192];
};

void fx_probe_open(struct fx_probe *p, const char *dir, const char *release,
		   const char *how);
bool fx_probe_row(struct fx_probe *p, char **col, size_t n);
void fx_probe_close(struct fx_probe *p);

#endif
