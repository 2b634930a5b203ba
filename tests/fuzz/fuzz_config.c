/*
 * libFuzzer harness: the configuration file, .floe-profiles.yaml.
 *
 * floe_config_load() (libcyaml binds the fixed shape; our own front end
 * reads the text again only to position an error).  Invariants: FLOE_OK
 * means no error and a config, FLOE_ERR_INPUT at least one positioned
 * error and none; every level is one of the four; a generate.alias is
 * one ATTACH ... AS takes unquoted; the lint.profiles globs are strings.
 * The levels are then applied to one finding of every rule.
 */
#include <string.h>

#include "floe/attach_plan.h"
#include "floe/config.h"
#include "floe/lint.h"
#include "fuzz.h"

/*
 * The levels as lint and check apply them to findings from outside
 * floe_lint (floe_lint_apply_levels): one warning per rule, each with a
 * note; an `off` rule's finding goes with its note, the others take the
 * configured severity, and a rule whose level is fixed (FP001) is never changed.
 */
static void apply_levels(const enum floe_level *levels)
{
	static const enum floe_severity sev[] = {
		FLOE_SEV_WARNING, FLOE_SEV_WARNING, FLOE_SEV_INFO,
		FLOE_SEV_WARNING, FLOE_SEV_ERROR
	};
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_loc loc = { "fuzz/profiles.yml", { 1, 1 }, { 1, 2 } };
	size_t nr = floe_rule_count(), k = 0;

	for (size_t i = 0; i < nr; i++) {
		FUZZ_CHECK(!floe_diags_addf(&d, FLOE_SEV_WARNING,
					    floe_rule_code(floe_rule_at(i)),
					    loc, "finding %zu", i));
		FUZZ_CHECK(!floe_diags_addf(&d, FLOE_SEV_NOTE, FLOE_RULE_NONE,
					    loc, "note %zu", i));
	}
	floe_lint_apply_levels(&d, 0, levels);
	for (size_t i = 0; i < nr; i++) {
		const struct floe_rule *r = floe_rule_at(i);
		enum floe_rule_id id = floe_rule_code(r);

		if (levels[i] == FLOE_LEVEL_OFF && !r->level_fixed)
			continue;
		FUZZ_CHECK(k + 1 < d.nr);
		FUZZ_CHECK(d.items[k].rule == id);
		if (!r->level_fixed)
			FUZZ_CHECK(d.items[k].severity == sev[levels[i]]);
		FUZZ_CHECK(d.items[k + 1].severity == FLOE_SEV_NOTE);
		k += 2;
	}
	FUZZ_CHECK(k == d.nr);
	floe_diags_release(&d);
}

void floe_fuzz_config(const uint8_t *data, size_t size)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_config *c = NULL;
	const enum floe_level *levels;
	const char *const *globs;
	const char *alias;
	enum floe_err err;
	size_t nr = 0;

	err = floe_config_load("fuzz/.floe-profiles.yaml", (const char *)data,
			       size, &c, &d);
	floe_fuzz_check_diags(&d, 0,
			      floe_fuzz_utf8_valid((const char *)data, size));
	for (size_t i = 0; i < d.nr; i++)
		FUZZ_CHECK(d.items[i].loc.start.line >= 1 &&
			   d.items[i].loc.start.column >= 1);
	if (err != FLOE_OK) {
		FUZZ_CHECK(c == NULL);
		FUZZ_CHECK(err == FLOE_ERR_INPUT && d.nr_errors > 0);
		floe_diags_release(&d);
		return;
	}
	FUZZ_CHECK(c != NULL && d.nr_errors == 0);
	floe_diags_release(&d);

	levels = floe_config_levels(c);
	FUZZ_CHECK(levels != NULL);
	for (size_t i = 0; i < floe_rule_count(); i++)
		FUZZ_CHECK(levels[i] == FLOE_LEVEL_DEFAULT ||
			   levels[i] == FLOE_LEVEL_OFF ||
			   levels[i] == FLOE_LEVEL_INFO ||
			   levels[i] == FLOE_LEVEL_WARNING ||
			   levels[i] == FLOE_LEVEL_ERROR);
	(void)floe_config_duckdb_version(c);
	(void)floe_config_dbt_duckdb_version(c);
	(void)floe_config_profile_name(c);
	(void)floe_config_target(c);
	alias = floe_config_alias(c);
	if (alias)
		FUZZ_CHECK(floe_is_identifier(alias));
	globs = floe_config_profiles_globs(c, &nr);
	FUZZ_CHECK(globs != NULL || nr == 0);
	for (size_t i = 0; i < nr; i++)
		FUZZ_CHECK(globs[i] != NULL);

	apply_levels(levels);
	floe_config_free(c);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_config(data, size);
	return 0;
}
#endif
