/*
 * libFuzzer harness: lint.
 *
 * floe_lint() on the input twice, both times with every rule at error
 * (the opt-in one too): once plain, once rendering env_var() from a fixed
 * environment and cross-checking against a fixed platform; both rerun the
 * rules of an output written as an earlier quiet one (recheck_quiet),
 * which must find nothing there either.  The findings
 * of both runs are rendered in one of the eight report formats, picked by
 * the input (all of them when replayed); every machine format must be
 * UTF-8, the JSON, gitlab and SARIF reports valid JSON, a GitHub report
 * one workflow command per line.
 */
#include <stdbool.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"
#include "fuzz.h"

#define FILE_NAME "fuzz/profiles.yml"

/* One report of d's findings in `fmt`, checked. */
static void report_check(const struct floe_diags *d, enum floe_format fmt,
			 bool color)
{
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts ro = { color, "0.1.0", &rules, NULL, NULL, 0,
				       NULL };
	char *out = NULL;
	size_t len = 0;

	FUZZ_CHECK(floe_report(fmt, d, &ro, &out, &len) == FLOE_OK);
	floe_fuzz_check_report(fmt, out, len);
	free(out);
}

/*
 * The findings in one format, picked by the input's last byte and its
 * size (so that mutations reach every format, and a corpus of files
 * ending in a newline spreads over them), text with or without colour;
 * every format under floe_fuzz_thorough (the replay of regressions).
 * Rendering all eight per input, SARIF's rule table among them, was most
 * of this harness's time.
 */
static void report_some(const struct floe_diags *d, const uint8_t *data,
			size_t size)
{
	static const enum floe_format formats[] = {
		FLOE_FORMAT_TEXT, FLOE_FORMAT_GCC, FLOE_FORMAT_JSON,
		FLOE_FORMAT_SARIF, FLOE_FORMAT_GITHUB, FLOE_FORMAT_GITLAB,
		FLOE_FORMAT_JUNIT, FLOE_FORMAT_CHECKSTYLE
	};
	size_t nr = sizeof(formats) / sizeof(formats[0]);
	size_t pick = size + (size ? data[size - 1] : 0);

	if (floe_fuzz_thorough) {
		for (size_t i = 0; i < nr; i++)
			report_check(d, formats[i], i == 0);
		report_check(d, FLOE_FORMAT_TEXT, false);
		return;
	}
	report_check(d, formats[pick % nr], (pick / nr) % 2);
}

static void lint_once(const char *buf, size_t len,
		      const struct floe_lint_options *opt,
		      struct floe_diags *d)
{
	size_t base = d->nr;

	FUZZ_CHECK(floe_lint(FILE_NAME, buf, len, opt, d) == FLOE_OK);
	for (size_t i = base; i < d->nr; i++) {
		FUZZ_CHECK(d->items[i].message != NULL);
		FUZZ_CHECK(d->items[i].severity == FLOE_SEV_NOTE ||
			   d->items[i].rule != FLOE_RULE_NONE);
		if (d->items[i].rule != FLOE_RULE_NONE)
			FUZZ_CHECK(floe_rule_get(d->items[i].rule) != NULL);
	}
}

void floe_fuzz_lint(const uint8_t *data, size_t size)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_lint_options opt;

	memset(&opt, 0, sizeof(opt));
	opt.levels = floe_fuzz_error_levels();
	opt.recheck_quiet = true;	/* the quiet outputs' shortcut, held */
	lint_once((const char *)data, size, &opt, &d);

	floe_fuzz_lint_env(&opt);
	lint_once((const char *)data, size, &opt, &d);

	/* both runs' findings, in a format the input picks */
	report_some(&d, data, size);
	floe_diags_release(&d);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_lint(data, size);
	return 0;
}
#endif
