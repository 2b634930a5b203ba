/*
 * floe-profiles: lint dbt profiles.yml files.
 *
 * floe_lint() reads one profiles.yml and appends a diagnostic for every
 * finding.  Each finding carries a rule id from the registry (FPnnn, never
 * renumbered) so that configuration, suppression comments, SARIF and the
 * docs all speak of the same rules.
 */
#ifndef FLOE_LINT_H
#define FLOE_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/yaml.h"

/* The level of a rule after configuration. */
enum floe_level {
	FLOE_LEVEL_DEFAULT = 0,	/* the rule's own severity */
	FLOE_LEVEL_OFF,
	FLOE_LEVEL_INFO,
	FLOE_LEVEL_WARNING,
	FLOE_LEVEL_ERROR
};

/* (The pointers first and the small members together: the loader steps
 * over every word of the registry to relocate it, docs/DESIGN.md
 * "Start-up".) */
struct floe_rule {
	const char *id;		/* "FP101" */
	const char *name;	/* "secret-manager-setting" */
	const char *family;	/* "settings", "endpoint", ... */
	const char *summary;	/* one line, no final period */
	const char *help;	/* why it breaks, bad and good example, fix */
	enum floe_severity severity;	/* default severity */
	bool opt_in;		/* off unless the configuration enables it */
	bool level_fixed;	/* the configuration cannot change its level */
	bool unsuppressible;	/* no suppression comment silences it */
};

/** The number of rules in the registry. */
size_t floe_rule_count(void);

/**
 * Rule `i` (0 <= i < floe_rule_count()), in id order; the same row as
 * floe_rule_get(i + 1).
 */
const struct floe_rule *floe_rule_at(size_t i);

/** A rule by id ("FP101", any case) or name; NULL if none. */
const struct floe_rule *floe_rule_find(const char *id_or_name);

/** The rule of a handle (a diagnostic's `rule`); NULL for FLOE_RULE_NONE. */
const struct floe_rule *floe_rule_get(enum floe_rule_id id);

/** The handle of a registry row (from floe_rule_at() or _find()). */
enum floe_rule_id floe_rule_code(const struct floe_rule *r);

struct floe_lint_options {
	/* target, use_env, getenv_fn and limits are floe_lint()'s: it loads
	 * the profiles model with them; floe_lint_profiles() takes them from
	 * the model it is given */
	const char *target;		/* lint only this output; NULL = all */
	bool use_env;			/* render env_var() from the environment */
	/* getenv-like lookup for use_env; NULL means getenv */
	const char *(*getenv_fn)(const char *name);
	const struct floe_platform *platform;	/* optional cross-check */
	const char *catalog;		/* platform catalog; NULL = default */
	/* a platform per output (check --platform TARGET=FILE); returns
	 * NULL to use `platform`; may itself be NULL */
	const struct floe_platform *(*platform_for)(const char *output,
						    void *arg);
	void *platform_arg;
	const char *alias;		/* the alias generate would write;
					 * NULL = "polaris_catalog" */
	/* the catalog server of every iceberg attach (--catalog-flavor,
	 * lint.catalog_flavor: one of floe_catalog_flavor_names()); NULL =
	 * recognised per attach (docs/lint.md, "Catalog flavors") */
	const char *catalog_flavor;
	/* findings about this file from elsewhere (check --verify): moved
	 * into the result before levels, suppressions and de-duplication
	 * apply, so they are treated like lint's own */
	struct floe_diags *merge;
	/* per-rule level overrides, indexed like floe_rule_at(); may be NULL */
	const enum floe_level *levels;
	struct floe_yaml_limits limits;	/* zero = defaults */
	/* the releases to lint for, FE_V encoding (src/engine/data/facts.h:
	 * 1.4.3 is 10403); 0 = the default, the newest release known (docs/
	 * lint.md "Versions").  A version newer than every known one is
	 * linted as the newest, with one FP105 finding; any other unknown
	 * one makes floe_lint return FLOE_ERR_USAGE. */
	unsigned duckdb_version;
	unsigned dbt_duckdb_version;
	/*
	 * An output written exactly as an earlier one of the file that
	 * nothing was reported of is quiet too, and its rules are not run
	 * (docs/DESIGN.md "Scale").  With this set they are, and a finding
	 * of theirs makes the lint fail with FLOE_ERR_INTERNAL: for tests
	 * and fuzzing, which hold the shortcut to the rules.
	 */
	bool recheck_quiet;
};

/** The catalog flavor names, NULL-terminated ("polaris", ...). */
const char *const *floe_catalog_flavor_names(void);

/**
 * Lint one profiles.yml held in memory.
 * \param[in]  file  display name (borrowed; must outlive the diags).
 * \param[out] diags findings are appended; each has a rule id.
 * \return FLOE_OK when the file could be examined (whatever it contains;
 *         a YAML syntax error is a finding, FP001), FLOE_ERR_TOO_BIG,
 *         FLOE_ERR_USAGE (--target names no output in any profile is a
 *         finding, not this; a duckdb_version or dbt_duckdb_version
 *         the tables do not know is), or FLOE_ERR_NOMEM.
 */
enum floe_err floe_lint(const char *file, const char *buf, size_t len,
			const struct floe_lint_options *opt,
			struct floe_diags *diags);

/**
 * Lint one profiles.yml already loaded with floe_profiles_load(): the
 * same as floe_lint(), but the model decides the output filter (its
 * options' target) and how values are read (use_env, getenv_fn); those
 * fields and `limits` of opt are not used.  The front end's findings
 * (model->diags) are copied into diags first.  A model loaded with
 * floe_profiles_load_text() whose file has a suppression comment has its
 * text read again (floe_profiles_text()): FLOE_ERR_IO when that fails
 * (the text's errnum says why: FLOE_IO_ECHANGED, it changed).
 */
enum floe_err floe_lint_profiles(const struct floe_profiles *model,
				const struct floe_lint_options *opt,
				struct floe_diags *diags);

/**
 * Apply configured levels (indexed like floe_rule_at(), that is by
 * handle - 1) to the findings
 * d->items[base..] that were reported outside floe_lint (the YAML front
 * end, verify): an `off` rule's findings and their notes are removed, the
 * others take the configured severity.  FP001 is never changed.
 */
void floe_lint_apply_levels(struct floe_diags *d, size_t base,
			    const enum floe_level *levels);

struct floe_project;	/* owns the names of the files it reported on */

/**
 * Check a dbt project against its profiles and the platform (FP601-FP604):
 * dbt_project.yml's profile exists, every source meant for the catalog
 * names the attach alias and a namespace the platform declares, and no
 * source names a database the profile does not attach.
 * \param[in]  dir     the dbt project folder (holds dbt_project.yml).
 * \param[in]  profiles the loaded profiles files (floe_profiles_load);
 *                     the profile dbt_project.yml names is looked up in
 *                     them, and its output is the one the model selects.
 * \param[in]  opt     as for floe_lint (levels, platform, alias; use_env
 *                     for dbt_project.yml and the model files).
 * \param[out] keep    on FLOE_OK, owner of the file names the diags point
 *                     to; free with floe_project_free after the diags.
 * \return FLOE_OK, FLOE_ERR_IO (no readable dbt_project.yml; errno in
 *         *errnum), FLOE_ERR_NOMEM.
 */
enum floe_err floe_project_check(const char *dir,
				 const struct floe_profiles *const *profiles,
				 size_t nr_profiles,
				 const struct floe_lint_options *opt,
				 struct floe_diags *diags,
				 struct floe_project **keep, int *errnum);

void floe_project_free(struct floe_project *p);

/**
 * The files the project check read and reported on, with their text
 * (owned by p), for the report's fingerprints (struct floe_report_file):
 * dbt_project.yml and every model file with findings.  Returns 1 and sets
 * the three for file i when it has its text, else 0.
 */
size_t floe_project_nr_files(const struct floe_project *p);
int floe_project_file(const struct floe_project *p, size_t i,
		      const char **name, const char **text, size_t *len);

#endif
