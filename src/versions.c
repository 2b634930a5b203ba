/*
 * The releases floe-profiles knows (the engine's tables, src/engine/), as
 * the public API sees them, and upgrade-check: the profile linted for the
 * release it runs on and for the one it moves to, and the difference.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "floe/versions.h"

static enum floe_version_fit fit(enum fe_version_fit f)
{
	switch (f) {
	case FE_VERSION_KNOWN:
		return FLOE_VERSION_KNOWN;
	case FE_VERSION_NEWER:
		return FLOE_VERSION_NEWER;
	default:
		return FLOE_VERSION_UNKNOWN;
	}
}

enum floe_version_fit floe_duckdb_version_parse(const char *s, unsigned *out)
{
	unsigned v = fe_version_parse(s, false), use;

	*out = v;
	if (!v)
		return FLOE_VERSION_INVALID;
	return fit(fe_duckdb_version_fit(v, &use));
}

enum floe_version_fit floe_dbt_duckdb_version_parse(const char *s,
						    unsigned *out)
{
	unsigned v = fe_version_parse(s, true), use;

	*out = v;
	if (!v)
		return FLOE_VERSION_INVALID;
	return fit(fe_dbt_duckdb_version_fit(v, &use));
}

unsigned floe_duckdb_version_default(void)
{
	return FE_DUCKDB_DEFAULT;
}

unsigned floe_dbt_duckdb_version_default(void)
{
	return FE_DBT_DUCKDB_DEFAULT;
}

size_t floe_duckdb_versions(char *buf, size_t size)
{
	return fe_release_names(buf, size);
}

const char *floe_version_format(unsigned version, char buf[FLOE_VERSION_BUF])
{
	return fe_version_str(version, buf);
}

/* ---- upgrade-check ---- */

/* The same finding for both releases: rule and place (messages name the
 * release, so they differ). */
static bool same_place(const struct floe_diag *a, const struct floe_diag *b)
{
	return a->rule == b->rule && a->loc.start.line == b->loc.start.line &&
	       a->loc.start.column == b->loc.start.column;
}

static bool found_in(const struct floe_diags *d, const struct floe_diag *g)
{
	for (size_t i = 0; i < d->nr; i++)
		if (same_place(&d->items[i], g))
			return true;
	return false;
}

/* 0, or a version lint takes (a known one or a newer one). */
static bool known(unsigned v, bool dbt)
{
	unsigned use;

	if (!v)
		return true;
	return (dbt ? fe_dbt_duckdb_version_fit(v, &use)
		    : fe_duckdb_version_fit(v, &use)) != FE_VERSION_UNKNOWN;
}

enum floe_err floe_upgrade_check(const struct floe_profiles *model,
				 const struct floe_upgrade_options *opt,
				 struct floe_diags *diags, size_t *nr_gone)
{
	struct floe_lint_options lo;
	struct floe_diags from = FLOE_DIAGS_INIT, to = FLOE_DIAGS_INIT;
	enum floe_err err;
	size_t gone = 0;

	if (!known(opt->from_duckdb, false) || !known(opt->to_duckdb, false) ||
	    !known(opt->from_dbt_duckdb, true) ||
	    !known(opt->to_dbt_duckdb, true))
		return FLOE_ERR_USAGE;
	memset(&lo, 0, sizeof(lo));
	if (opt->lint)
		lo = *opt->lint;
	lo.merge = NULL;
	lo.duckdb_version = opt->from_duckdb;
	lo.dbt_duckdb_version = opt->from_dbt_duckdb;
	err = floe_lint_profiles(model, &lo, &from);
	if (err == FLOE_OK) {
		lo.duckdb_version = opt->to_duckdb;
		lo.dbt_duckdb_version = opt->to_dbt_duckdb ?
			opt->to_dbt_duckdb : opt->from_dbt_duckdb;
		err = floe_lint_profiles(model, &lo, &to);
	}
	/* the versions were checked above: --target naming no output,
	 * which the caller says */
	if (err == FLOE_ERR_USAGE)
		err = FLOE_OK;
	for (size_t i = 0; err == FLOE_OK && i < to.nr; i++) {
		const struct floe_diag *g = &to.items[i];

		/* a note goes with the finding before it */
		if (g->rule == FLOE_RULE_NONE || found_in(&from, g))
			continue;
		/* FP105 about the `from` side would be in `from` too */
		if (floe_diags_addf(diags, g->severity, g->rule, g->loc, "%s",
				    g->message))
			err = FLOE_ERR_NOMEM;
		for (size_t j = i + 1; err == FLOE_OK && j < to.nr &&
		     to.items[j].rule == FLOE_RULE_NONE; j++)
			if (floe_diags_addf(diags, to.items[j].severity,
					    FLOE_RULE_NONE, to.items[j].loc,
					    "%s", to.items[j].message))
				err = FLOE_ERR_NOMEM;
	}
	for (size_t i = 0; err == FLOE_OK && i < from.nr; i++)
		if (from.items[i].rule != FLOE_RULE_NONE &&
		    !found_in(&to, &from.items[i]))
			gone++;
	if (nr_gone)
		*nr_gone = gone;
	floe_diags_release(&from);
	floe_diags_release(&to);
	return err;
}
