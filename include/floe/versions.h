/*
 * floe-profiles: the DuckDB and dbt-duckdb releases it knows, and what
 * changes for a profile between two of them (upgrade-check).
 *
 * A version is an unsigned in the engine's encoding: major * 10000 +
 * minor * 100 + patch (1.4.3 is 10403); 0 means "the default", the
 * newest release known (docs/lint.md, "Versions").
 */
#ifndef FLOE_VERSIONS_H
#define FLOE_VERSIONS_H

#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/lint.h"
#include "floe/profiles.h"

enum floe_version_fit {
	FLOE_VERSION_KNOWN,	/* a release the tables know */
	FLOE_VERSION_NEWER,	/* newer than all: linted as the newest
				 * (one info finding, FP105) */
	FLOE_VERSION_UNKNOWN,	/* older than all, or a gap between them */
	FLOE_VERSION_INVALID	/* not X.Y.Z (dbt-duckdb: X.Y too) */
};

/** Parse a DuckDB version "X.Y.Z" ("v" allowed) into *out (0 if not). */
enum floe_version_fit floe_duckdb_version_parse(const char *s,
						unsigned *out);

/** Parse a dbt-duckdb version "X.Y" or "X.Y.Z" into *out (0 if not). */
enum floe_version_fit floe_dbt_duckdb_version_parse(const char *s,
						    unsigned *out);

/** The releases used when none is chosen: the newest ones known. */
unsigned floe_duckdb_version_default(void);
unsigned floe_dbt_duckdb_version_default(void);

/**
 * The known DuckDB releases, ", "-separated, in buf (truncated to size);
 * returns the length it needs, like snprintf.
 */
size_t floe_duckdb_versions(char *buf, size_t size);

#define FLOE_VERSION_BUF 16
/** "1.4.3" in buf. */
const char *floe_version_format(unsigned version,
				char buf[FLOE_VERSION_BUF]);

struct floe_upgrade_options {
	/* the releases the profile runs on now and moves to; 0 = the
	 * default (for to_dbt_duckdb: from_dbt_duckdb, unchanged) */
	unsigned from_duckdb, to_duckdb;
	unsigned from_dbt_duckdb, to_dbt_duckdb;
	/* levels, platform, alias...: as for floe_lint_profiles (its
	 * duckdb_version and dbt_duckdb_version are not used) */
	const struct floe_lint_options *lint;
};

/**
 * What changes for a profile when it moves from one DuckDB / dbt-duckdb
 * release to another: the profile is linted for both, and the findings
 * for the target that the current release does not have are appended to
 * diags -- what breaks (errors), what becomes deprecated or risky
 * (warnings), each message with the edit.  Findings both releases share
 * are left out (lint shows them).  *nr_gone, when not NULL, is set to the
 * number of findings of the current release that the move makes go away.
 * \return FLOE_OK, FLOE_ERR_USAGE (a version the tables do not know),
 *         FLOE_ERR_NOMEM.
 */
enum floe_err floe_upgrade_check(const struct floe_profiles *model,
				 const struct floe_upgrade_options *opt,
				 struct floe_diags *diags, size_t *nr_gone);

#endif
