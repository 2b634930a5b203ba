/*
 * libFuzzer harness: lint --fix.
 *
 * floe_fix_file() on the input twice: the safe fixes with the rules'
 * own levels, then every fix (--unsafe-fixes) with every rule at error
 * and env_var() rendered from a fixed environment.  Besides the
 * sanitizers, it checks what --fix promises (docs/lint.md, "Fixes"):
 *  - every fix floe_fix_compute() attaches has sorted edits inside the
 *    text, and the fixed text is NUL-terminated at its length;
 *  - a text that parsed still parses, and no rule has more error-level
 *    findings (or duplicate keys) than before;
 *  - a second --fix of the result, once the passes converged, changes
 *    nothing.
 */
#include <string.h>

#include "floe/fix.h"
#include "floe/lint.h"
#include "floe/profiles.h"
#include "fuzz.h"

#define FILE_NAME "fuzz/profiles.yml"

struct tally {
	int parsed;
	unsigned errors[FLOE_RULE__COUNT];
};

static void lint_tally(const char *buf, size_t len,
		       const struct floe_profiles_options *popt,
		       const struct floe_lint_options *opt, struct tally *t)
{
	struct floe_profiles *model = NULL;
	struct floe_diags d = FLOE_DIAGS_INIT;
	enum floe_err err;

	memset(t, 0, sizeof(*t));
	err = floe_profiles_load(FILE_NAME, buf, len, popt, &model);
	if (err == FLOE_ERR_NOMEM)
		return;
	FUZZ_CHECK(err == FLOE_OK);
	t->parsed = model->doc != NULL;
	err = floe_lint_profiles(model, opt, &d);
	FUZZ_CHECK(err == FLOE_OK || err == FLOE_ERR_USAGE ||
		   err == FLOE_ERR_TOO_BIG);
	if (err == FLOE_OK)
		FUZZ_CHECK(floe_fix_compute(model, opt, &d, 0) == FLOE_OK);
	for (size_t i = 0; i < d.nr; i++) {
		const struct floe_diag *g = &d.items[i];
		const struct floe_fix *f = g->fix;

		if ((g->severity == FLOE_SEV_ERROR || g->rule == FLOE_FP002) &&
		    g->rule < FLOE_RULE__COUNT)
			t->errors[g->rule]++;
		if (!f)
			continue;
		FUZZ_CHECK(floe_rule_fixable(g->rule, NULL));
		FUZZ_CHECK(f->nr > 0 && f->message);
		for (size_t k = 0; k < f->nr; k++) {
			FUZZ_CHECK(f->edits[k].start <= f->edits[k].end);
			FUZZ_CHECK(f->edits[k].end <= len);
			FUZZ_CHECK(!k || f->edits[k - 1].end <= f->edits[k].start);
			FUZZ_CHECK(strlen(f->edits[k].text) == f->edits[k].len);
		}
	}
	floe_diags_release(&d);
	floe_profiles_free(model);
}

static void fix_once(const char *buf, size_t len,
		     const struct floe_profiles_options *popt,
		     const struct floe_lint_options *opt, bool unsafe)
{
	struct floe_fix_result res, again;
	struct tally before, after;
	enum floe_err err;

	err = floe_fix_file(FILE_NAME, buf, len, popt, opt, unsafe, &res);
	if (err == FLOE_ERR_TOO_BIG)
		return;
	FUZZ_CHECK(err == FLOE_OK);
	FUZZ_CHECK(res.buf && res.buf[res.len] == '\0');	/* may hold NULs */
	if (!res.applied)
		FUZZ_CHECK(res.len == len && !memcmp(res.buf, buf, len));

	lint_tally(buf, len, popt, opt, &before);
	if (!res.applied) {
		/*
		 * The text is the input: linting it again, or fixing it
		 * again with the same options, is the same computation on
		 * the same bytes and gives the same answer (the checks below
		 * hold by determinism).  Skipping them halves the time of the
		 * common input that has nothing to fix.
		 */
		free(res.buf);
		return;
	}
	lint_tally(res.buf, res.len, popt, opt, &after);
	if (before.parsed)
		FUZZ_CHECK(after.parsed);
	if (before.parsed)
		for (size_t r = 0; r < FLOE_RULE__COUNT; r++)
			FUZZ_CHECK(after.errors[r] <= before.errors[r]);

	if (res.converged) {
		err = floe_fix_file(FILE_NAME, res.buf, res.len, popt, opt,
				    unsafe, &again);
		FUZZ_CHECK(err == FLOE_OK);
		FUZZ_CHECK(again.len == res.len &&
			   !memcmp(again.buf, res.buf, res.len));
		free(again.buf);
	}
	free(res.buf);
}

void floe_fuzz_fix(const uint8_t *data, size_t size)
{
	struct floe_profiles_options popt;
	struct floe_lint_options opt;

	memset(&popt, 0, sizeof(popt));
	memset(&opt, 0, sizeof(opt));
	fix_once((const char *)data, size, &popt, &opt, false);

	opt.levels = floe_fuzz_error_levels();
	popt.use_env = true;
	popt.getenv_fn = floe_fuzz_getenv;
	fix_once((const char *)data, size, &popt, &opt, true);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_fix(data, size);
	return 0;
}
#endif
