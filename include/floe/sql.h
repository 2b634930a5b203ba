/*
 * floe-profiles: what dbt-duckdb executes when it opens a connection.
 *
 * floe_sql_plan() reads one profiles.yml and renders, for each selected
 * profile and target, the statements dbt-duckdb runs, in its order
 * (docs/sql-verify.md): connect-time `config_options`, INSTALL/LOAD for
 * `extensions`, CREATE OR REPLACE [PERSISTENT] SECRET for `secrets`,
 * `filesystems` and plugin hooks (Python: shown, never executed), ATTACH
 * for `attach`, then the per-cursor SETs for `settings`.  Each statement
 * keeps the profile position it comes from.  Values are rendered exactly
 * as the selected dbt-duckdb release renders them, quirks included.
 *
 * Strings in profiles.yml are Jinja templates for dbt: env_var() is
 * rendered from its default, or from the environment with use_env.  A
 * variable that is neither set nor defaulted becomes the placeholder
 * ${NAME} and is reported (a warning).
 */
#ifndef FLOE_SQL_H
#define FLOE_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/profiles.h"
#include "floe/yaml.h"

/* A dbt-duckdb release; renderings differ between releases. */
struct floe_dbt_version {
	unsigned major, minor, patch;
};

/* The newest release modelled, and the oldest one accepted. */
#define FLOE_DBT_DUCKDB_LATEST "1.11.0"
#define FLOE_DBT_DUCKDB_OLDEST "1.9.0"

/**
 * Parse "1.9.4" or "1.10" (patch 0).
 * \return 0, or -1 when it is not a version floe-profiles models (older
 *         than FLOE_DBT_DUCKDB_OLDEST, a minor release newer than
 *         FLOE_DBT_DUCKDB_LATEST, or not a version at all).
 */
int floe_dbt_version_parse(const char *s, struct floe_dbt_version *out);

/** <0, 0, >0 like strcmp. */
int floe_dbt_version_cmp(struct floe_dbt_version a,
			 struct floe_dbt_version b);

enum floe_sql_kind {
	FLOE_SQL_CONFIG,	/* a config_options item: not SQL */
	FLOE_SQL_INSTALL,
	FLOE_SQL_LOAD,
	FLOE_SQL_SECRET,
	FLOE_SQL_FILESYSTEM,	/* Python: register_filesystem */
	FLOE_SQL_PLUGIN,	/* Python: plugin.configure_connection */
	FLOE_SQL_ATTACH,
	FLOE_SQL_SET		/* per cursor */
};

struct floe_sql_stmt {
	enum floe_sql_kind kind;
	bool per_cursor;	/* run on every new cursor, not once */
	struct floe_loc loc;	/* the profile text it comes from */
	const char *origin;	/* "settings.allow_persistent_secrets" */
	const char *label;	/* short, masked: "SET allow_persistent_secrets" */
	const char *sql;	/* what runs (real values); NULL for CONFIG,
				 * FILESYSTEM and PLUGIN */
	const char *shown;	/* what `sql` prints: masked unless
				 * show_secrets; a comment for the kinds
				 * that are not SQL */
	const char *name;	/* CONFIG/SET: option name; INSTALL/LOAD:
				 * extension; SECRET: secret type; ATTACH:
				 * TYPE (as written) or NULL; PLUGIN: module */
	const char *value;	/* CONFIG/SET: the value as str() gives it */
	bool uses_secrets;	/* PLUGIN: known to use the secret manager
				 * (floe's Polaris plugin attaches) */
	bool placeholder;	/* holds an env var placeholder ${NAME} */
	bool dynamic;		/* holds a value left as written: Jinja the
				 * library cannot render (a filter it does
				 * not model, var(), {% %}); `sql` shows it,
				 * verify never runs it */
	const struct floe_node *node;	/* the profile node it comes from
					 * (borrowed from the model): an
					 * attach item, a settings key, ... */
	/* ATTACH of TYPE iceberg, floe's Polaris plugin: the catalog server
	 * it talks to and why ("Lakekeeper, because its host names
	 * lakekeeper"; engine/flavor.h); NULL for every other statement */
	const char *flavor;
};

/* One profile's selected output: one connection. */
struct floe_sql_conn {
	const char *profile, *target;
	const struct floe_sql_stmt *stmts;
	size_t nr;
	/* every secret value rendered into `sql`, to scrub from messages */
	const char *const *secrets;
	size_t nr_secrets;
	/* env vars rendered as ${NAME} placeholders, in order of use */
	const char *const *missing_env;
	size_t nr_missing_env;
	/* the database dbt-duckdb opens: `path` as dbt renders it; NULL when
	 * there is none (in memory) or it is known only at run time
	 * (path_dynamic); path_loc is where it is written */
	const char *path;
	bool path_dynamic;
	struct floe_loc path_loc;
};

struct floe_sql_plan {
	const char *file;		/* borrowed */
	struct floe_dbt_version version;
	bool show_secrets;
	const struct floe_sql_conn *conns;
	size_t nr;
	const struct floe_profiles *model;	/* borrowed: the plan points
						 * into it */
	struct floe_profiles *owned;	/* private: floe_sql_plan's model */
	struct arena *arena;		/* private: everything above */
};

struct floe_sql_options {
	/* target, use_env, getenv_fn and limits are floe_sql_plan()'s: it
	 * loads the profiles model with them; floe_sql_plan_profiles() takes
	 * them from the model it is given */
	const char *profile;	/* only this profile; NULL = every one */
	const char *target;	/* this output; NULL = each profile's target */
	bool use_env;		/* render env_var() from the environment */
	const char *(*getenv_fn)(const char *name);	/* NULL: getenv */
	bool show_secrets;	/* do not mask secret values in `shown` */
	/* an env var with no value: 0 a warning, 1 an error (dbt stops),
	 * -1 no diagnostic (floe_sql_conn.missing_env lists them) */
	int missing_env;
	struct floe_dbt_version dbt_version;	/* zero: the latest */
	/* the catalog server of every iceberg attach that has no
	 * endpoint_type (a name of floe_catalog_flavor_names(), as
	 * --catalog-flavor); NULL: recognised from each endpoint */
	const char *catalog_flavor;
	/* the DuckDB release (floe/versions.h encoding); 0: the newest
	 * known.  dbt-duckdb renders the same statements for every DuckDB
	 * release, so the plan does not depend on it (yet). */
	unsigned duckdb_version;
	struct floe_yaml_limits limits;		/* zero: defaults */
};

/**
 * Plan the connection sequence of every selected profile and target.
 * \param[in]  file   display name (borrowed; must outlive plan and diags).
 * \param[out] out    on FLOE_OK, a plan to free with floe_sql_plan_free().
 * \param[out] diags  YAML problems (FP001-FP003), what dbt would refuse
 *                    (errors: the statement is left out), env vars
 *                    rendered as placeholders (warnings).
 * \return FLOE_OK; FLOE_ERR_INPUT when the file cannot be read as YAML
 *         or has no profile to render; FLOE_ERR_USAGE when the profile
 *         or target asked for does not exist (a diagnostic says so);
 *         FLOE_ERR_TOO_BIG; FLOE_ERR_NOMEM.
 */
enum floe_err floe_sql_plan(const char *file, const char *buf, size_t len,
			    const struct floe_sql_options *opt,
			    struct floe_sql_plan **out,
			    struct floe_diags *diags);

/**
 * floe_sql_plan() on a profiles.yml already loaded (floe_profiles_load):
 * the model decides the target and how env_var() is read, so opt's
 * target, use_env, getenv_fn and limits are not used.  The plan borrows
 * the model, which must outlive it.  The front end's findings
 * (model->diags) are copied into diags first.
 */
enum floe_err floe_sql_plan_profiles(const struct floe_profiles *model,
				     const struct floe_sql_options *opt,
				     struct floe_sql_plan **out,
				     struct floe_diags *diags);

/** Free a plan (and the model floe_sql_plan loaded); NULL is fine. */
void floe_sql_plan_free(struct floe_sql_plan *plan);

/**
 * The plan as a SQL script: `--` comments (a header per connection, the
 * profile line before each statement, the catalog flavor of an iceberg
 * ATTACH, config options and Python hooks),
 * each statement ended by `;`.
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out is malloc'd, NUL-terminated.
 */
enum floe_err floe_sql_render(const struct floe_sql_plan *plan, char **out,
			      size_t *len);

#endif
