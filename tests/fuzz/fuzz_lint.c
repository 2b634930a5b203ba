/*
 * libFuzzer harness: lint.
 *
 * floe_lint() on the input twice, both times with every rule at error
 * (the opt-in one too): once plain, once rendering env_var() from a fixed
 * environment and cross-checking against a fixed platform.  The findings
 * of both runs are rendered in all five report formats; the JSON and SARIF reports
 * must be valid JSON (and UTF-8 when the input is), a GitHub report one
 * workflow command per line.
 */
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"
#include "fuzz.h"

#define FILE_NAME "fuzz/profiles.yml"

static void check_github(const char *s)
{
	/* every line is one workflow command */
	while (*s) {
		const char *nl = strchr(s, '\n');

		FUZZ_CHECK(!strncmp(s, "::", 2));
		FUZZ_CHECK(nl != NULL);
		FUZZ_CHECK(!memchr(s, '\r', (size_t)(nl - s)));
		s = nl + 1;
	}
}

static void report_all(const struct floe_diags *d, int utf8)
{
	static const enum floe_format formats[] = {
		FLOE_FORMAT_TEXT, FLOE_FORMAT_GCC, FLOE_FORMAT_JSON,
		FLOE_FORMAT_SARIF, FLOE_FORMAT_GITHUB, FLOE_FORMAT_GITLAB,
		FLOE_FORMAT_JUNIT, FLOE_FORMAT_CHECKSTYLE
	};
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct floe_report_opts ro = { i == 0, "0.1.0", &rules, NULL, NULL, 0, NULL };
		char *out = NULL;
		size_t len = 0;

		FUZZ_CHECK(floe_report(formats[i], d, &ro, &out, &len) ==
			   FLOE_OK);
		floe_fuzz_check_buf(out, len);
		if (formats[i] == FLOE_FORMAT_JSON ||
		    formats[i] == FLOE_FORMAT_SARIF ||
		    formats[i] == FLOE_FORMAT_GITLAB)
			FUZZ_CHECK(floe_fuzz_json_valid(out, len));
		/* every machine format is UTF-8, whatever the input holds */
		if (i >= 2)
			FUZZ_CHECK(floe_fuzz_utf8_valid(out, len));
		(void)utf8;
		if (formats[i] == FLOE_FORMAT_GITHUB)
			check_github(out);
		free(out);
	}
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
	enum floe_level levels[256];
	struct floe_lint_options opt;
	size_t nr = floe_rule_count();

	FUZZ_CHECK(nr <= sizeof(levels) / sizeof(levels[0]));
	for (size_t i = 0; i < nr; i++)
		levels[i] = FLOE_LEVEL_ERROR;

	memset(&opt, 0, sizeof(opt));
	opt.levels = levels;
	lint_once((const char *)data, size, &opt, &d);

	opt.use_env = true;
	opt.getenv_fn = floe_fuzz_getenv;
	opt.platform = floe_fuzz_fixed_platform();
	lint_once((const char *)data, size, &opt, &d);

	/* both runs' findings, in every format */
	report_all(&d, floe_fuzz_utf8_valid((const char *)data, size));
	floe_diags_release(&d);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_lint(data, size);
	return 0;
}
#endif
