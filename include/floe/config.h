/*
 * floe-profiles: the tool's own configuration file, .floe-profiles.yaml.
 *
 *   rules:                      # per-rule levels, by id or name
 *     - id: FP202
 *       level: off              # off | info | warning | error
 *   lint:
 *     catalog_flavor: lakekeeper  # the server of every iceberg attach
 *   generate:                   # defaults for `generate`
 *     profile_name: floe_demo
 *     target: dev
 *     alias: polaris_catalog
 *   duckdb_version: 1.5.6       # lint, check, sql, upgrade-check
 *   dbt_duckdb_version: 1.11.0
 *
 * A fixed shape, so it is bound with libcyaml (see docs/DESIGN.md).
 */
#ifndef FLOE_CONFIG_H
#define FLOE_CONFIG_H

#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/lint.h"

#define FLOE_CONFIG_NAME ".floe-profiles.yaml"

struct floe_config;

/**
 * Load a configuration held in memory.
 * \param[in]  file   display name (borrowed; must outlive the diags).
 * \param[out] out    on FLOE_OK a caller-owned config; free it with
 *                    floe_config_free(); untouched otherwise.
 * \param[out] diags  problems, positioned, are appended here.
 * \return FLOE_OK, FLOE_ERR_INPUT (the file is wrong), FLOE_ERR_NOMEM.
 */
enum floe_err floe_config_load(const char *file, const char *buf, size_t len,
			       struct floe_config **out,
			       struct floe_diags *diags);

void floe_config_free(struct floe_config *c);

/** Per-rule levels, indexed like floe_rule_at(). */
const enum floe_level *floe_config_levels(const struct floe_config *c);

/** Defaults for generate; NULL when not set. */
const char *floe_config_profile_name(const struct floe_config *c);
const char *floe_config_target(const struct floe_config *c);
const char *floe_config_alias(const struct floe_config *c);

/**
 * The DuckDB and dbt-duckdb releases to lint for (floe/versions.h
 * encoding); 0 when not set.  A version the tables do not know (other
 * than a newer one) is refused when the file is loaded.
 */
unsigned floe_config_duckdb_version(const struct floe_config *c);
unsigned floe_config_dbt_duckdb_version(const struct floe_config *c);

/**
 * `lint.catalog_flavor`: the catalog server of every iceberg attach
 * (one of floe_catalog_flavor_names()); NULL when not set.
 */
const char *floe_config_catalog_flavor(const struct floe_config *c);

/**
 * `lint.profiles`: file name globs (fnmatch) that `lint DIR` and
 * `check DIR` take besides profiles.yml.
 * \param[out] nr  how many (0 when not set).
 * \return the globs, owned by `c`; NULL when not set.
 */
const char *const *floe_config_profiles_globs(const struct floe_config *c,
					     size_t *nr);

/**
 * Look for .floe-profiles.yaml from `dir` upward, stopping after the
 * folder that holds .git (the repository root, floe_repo_root()) or at /.
 * \return a malloc'd path, or NULL when there is none (errno 0) or memory
 *         ran out (errno ENOMEM).
 */
char *floe_config_find(const char *dir);

/**
 * The repository root at or above `dir`: the nearest folder, walking up
 * from `dir`'s real path, that holds a `.git` entry (a folder, or the file
 * of a worktree or submodule).  This is the only place that walks up to
 * `.git`.
 * \return a malloc'd absolute path, or NULL when there is none (errno 0)
 *         or memory ran out (errno ENOMEM).
 */
char *floe_repo_root(const char *dir);

#endif
