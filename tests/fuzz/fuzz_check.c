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
 * the SARIF report of the findings (with the file's text, as check gives
 * it) is valid JSON.
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

static const char manifest_yaml[] =
	"apiVersion: floe.dev/v1\n"
	"kind: Manifest\n"
	"plugins:\n"
	"  compute:\n"
	"    type: duckdb\n"
	"    config:\n"
	"      path: /data/prod.duckdb\n"
	"      threads: 2\n"
	"  catalog:\n"
	"    type: polaris\n"
	"    config:\n"
	"      uri: https://polaris.example.com/api/catalog\n"
	"      warehouse: prod_wh\n"
	"      oauth2:\n"
	"        client_id: {secret_ref: polaris-client-id}\n"
	"        client_secret: {secret_ref: polaris-client-secret}\n"
	"        scope: PRINCIPAL_ROLE:ALL\n"
	"  storage:\n"
	"    type: s3\n"
	"    config:\n"
	"      bucket: lake\n"
	"      region: eu-west-1\n";

static struct floe_platform *manifest(void)
{
	static struct floe_platform *p;

	if (!p)
		p = floe_fuzz_load_fixed("fuzz/manifest.yaml", manifest_yaml,
					 sizeof(manifest_yaml) - 1);
	return p;
}

/* check --platform FILE --platform prod=MANIFEST */
static const struct floe_platform *platform_for(const char *output, void *arg)
{
	(void)arg;
	FUZZ_CHECK(output != NULL);
	if (!strcmp(output, "prod"))
		return manifest();
	return NULL;
}

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
	char *out = NULL;
	size_t len = 0;

	memset(&popt, 0, sizeof(popt));
	popt.use_env = true;
	popt.getenv_fn = floe_fuzz_getenv;
	FUZZ_CHECK(floe_profiles_load(FILE_NAME, buf, size, &popt, &m) ==
		   FLOE_OK);
	touch_model(m);

	memset(&opt, 0, sizeof(opt));
	opt.platform = floe_fuzz_fixed_platform();
	opt.platform_for = platform_for;
	err = floe_lint_profiles(m, &opt, &d);
	FUZZ_CHECK(err == FLOE_OK);
	floe_fuzz_check_diags(&d, 0, floe_fuzz_utf8_valid(buf, size));
	floe_diags_sort(&d);

	memset(&ro, 0, sizeof(ro));
	ro.tool_version = "0.1.0";
	ro.rules = &rules;
	ro.files = &file;
	ro.nr_files = 1;
	FUZZ_CHECK(floe_report(FLOE_FORMAT_SARIF, &d, &ro, &out, &len) ==
		   FLOE_OK);
	floe_fuzz_check_buf(out, len);
	FUZZ_CHECK(floe_fuzz_json_valid(out, len));
	FUZZ_CHECK(floe_fuzz_utf8_valid(out, len));
	free(out);

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
