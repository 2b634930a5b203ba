/*
 * libFuzzer harness: check, without --project and --verify.
 *
 * What `check` does with one profiles.yml once the platforms are loaded
 * (src/cli/cmd_lint.c): floe_profiles_load() once with env_var() rendered
 * from a fixed environment, floe_lint_profiles() with a platform per
 * output (the output `prod` against a manifest, every other one against a
 * platform.yaml), the findings sorted, their fingerprints, and a baseline
 * of them written, read back and applied.  Invariants: the model's
 * lookups agree with it; every finding has a known rule and, for UTF-8
 * input, a UTF-8 message; a baseline written from the findings reads
 * back and hides every one of them, leaving none of its entries unused;
 * a report of the findings (with the file's text, as check gives it) in
 * SARIF, gitlab, junit or checkstyle, picked by the input, is what its
 * format promises (SARIF and gitlab valid JSON, all UTF-8).
 */
#include <string.h>

#include "floe/baseline.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/report.h"
#include "floe/yaml.h"
#include "fuzz.h"

#define FILE_NAME "fuzz/profiles.yml"

static void touch_model(const struct floe_profiles *m)
{
	for (size_t i = 0; i < m->nr; i++) {
		const struct floe_profile *p = &m->items[i];

		FUZZ_CHECK(p->name != NULL);
		/* a key that is not a string (`on:`, `1:`) is not dbt's
		 * name for it, and is not found by name */
		if (floe_node_is_str(p->key))
			FUZZ_CHECK(floe_profiles_find(m, p->name) != NULL);
		for (size_t k = 0; k < p->nr_outputs; k++) {
			const char *o = p->output_items[k].name;

			FUZZ_CHECK(o != NULL);
			if (!floe_node_is_str(p->output_items[k].key))
				continue;
			FUZZ_CHECK(floe_profile_output(p, o) != NULL);
			FUZZ_CHECK(floe_profiles_has_output(m, o));
		}
		if (p->output)
			FUZZ_CHECK(p->selected != NULL);
	}
}

/* A baseline of every finding hides every finding, and all of it is used. */
static void check_baseline(struct floe_diags *d,
			   const struct floe_report_opts *ro)
{
	struct floe_diags bd = FLOE_DIAGS_INIT;
	struct floe_fingerprint *fp = NULL;
	struct floe_baseline *b = NULL;
	char *bl = NULL;
	size_t bl_len = 0, findings = 0, hidden;

	for (size_t i = 0; i < d->nr; i++)
		findings += d->items[i].severity != FLOE_SEV_NOTE;
	FUZZ_CHECK(floe_report_fingerprints(d, ro, &fp) == FLOE_OK);
	for (size_t i = 0; i < d->nr; i++)
		if (d->items[i].severity != FLOE_SEV_NOTE)
			FUZZ_CHECK(fp[i].text[0] != '\0');
	FUZZ_CHECK(floe_report_baseline(d, ro, &bl, &bl_len) == FLOE_OK);
	floe_fuzz_check_buf(bl, bl_len);
	FUZZ_CHECK(floe_fuzz_json_valid(bl, bl_len));
	FUZZ_CHECK(floe_baseline_parse("fuzz/baseline.json", bl, bl_len, &b,
				       &bd) == FLOE_OK);
	FUZZ_CHECK(bd.nr_errors == 0);
	FUZZ_CHECK(floe_baseline_size(b) == findings);
	hidden = floe_baseline_apply(b, d, fp);
	FUZZ_CHECK(hidden == findings);
	FUZZ_CHECK(floe_baseline_unmatched(b) == 0);
	FUZZ_CHECK(d->nr_errors == 0 && d->nr_warnings == 0 &&
		   d->nr_infos == 0);
	floe_baseline_free(b);
	floe_diags_release(&bd);
	free(bl);
	free(fp);
}

/*
 * The findings in one of the formats that read the files' text (SARIF
 * and gitlab fingerprint a finding by its line, junit and checkstyle
 * list the files), picked by the input's last byte and size as in
 * fuzz_lint.c; all four under floe_fuzz_thorough.  SARIF alone, with its
 * ~94 KB rule table, was half of this harness's time per input.
 */
static void report_some(const struct floe_diags *d,
			const struct floe_report_opts *ro,
			const uint8_t *data, size_t size)
{
	static const enum floe_format formats[] = {
		FLOE_FORMAT_SARIF, FLOE_FORMAT_GITLAB, FLOE_FORMAT_JUNIT,
		FLOE_FORMAT_CHECKSTYLE
	};
	size_t nr = sizeof(formats) / sizeof(formats[0]);
	size_t pick = size + (size ? data[size - 1] : 0);

	for (size_t i = 0; i < nr; i++) {
		char *out = NULL;
		size_t len = 0;

		if (!floe_fuzz_thorough && i != pick % nr)
			continue;
		FUZZ_CHECK(floe_report(formats[i], d, ro, &out, &len) ==
			   FLOE_OK);
		floe_fuzz_check_report(formats[i], out, len);
		free(out);
	}
}

void floe_fuzz_check(const uint8_t *data, size_t size)
{
	static const struct floe_report_rules rules = FLOE_REPORT_RULES;
	const char *buf = (const char *)data;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_profiles_options popt;
	struct floe_lint_options opt;
	struct floe_profiles *m = NULL;
	struct floe_report_file file = { FILE_NAME, buf, size };
	struct floe_report_opts ro;
	enum floe_err err;

	memset(&popt, 0, sizeof(popt));
	popt.use_env = true;
	popt.getenv_fn = floe_fuzz_getenv;
	FUZZ_CHECK(floe_profiles_load(FILE_NAME, buf, size, &popt, &m) ==
		   FLOE_OK);
	touch_model(m);

	memset(&opt, 0, sizeof(opt));
	opt.platform = floe_fuzz_fixed_platform();
	opt.platform_for = floe_fuzz_platform_for;
	opt.recheck_quiet = true;
	err = floe_lint_profiles(m, &opt, &d);
	FUZZ_CHECK(err == FLOE_OK);
	floe_fuzz_check_diags(&d, 0, floe_fuzz_utf8_valid(buf, size));
	floe_diags_sort(&d);

	memset(&ro, 0, sizeof(ro));
	ro.tool_version = "0.1.0";
	ro.rules = &rules;
	ro.files = &file;
	ro.nr_files = 1;
	report_some(&d, &ro, data, size);

	check_baseline(&d, &ro);
	floe_diags_release(&d);
	floe_profiles_free(m);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_check(data, size);
	return 0;
}
#endif
