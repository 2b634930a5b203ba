/*
 * floe-profiles: run a profile's connection sequence on a real DuckDB.
 *
 * floe_verify() plans the statements as floe_sql_plan() does and runs
 * them, in memory, on the DuckDB shared library loaded at run time with
 * dlopen() through its stable C API (no build-time dependency).  Every
 * failure becomes a diagnostic at the profile line the statement comes
 * from, with DuckDB's own error text (secret values scrubbed).
 *
 * The run is hermetic: the database is in memory (or, for a `path`, a
 * new file of the same name in a temporary folder), secrets are stored in
 * a temporary secret_directory, a database file an ATTACH names is a new
 * file of the same name there too, and the folder is removed afterwards.
 * An attach whose name is already a database is FP703.  Extensions are
 * installed only without `offline`.  The DuckDB release the library is
 * decides what the tables answer (floe_verify_duckdb_release()).
 *
 * What cannot run is not a finding but a step marked "not checked" in
 * the log: Python hooks (plugins, filesystems), extensions that are not
 * installed (offline), and whatever needs them.  A statement that cannot
 * run is still parsed by DuckDB (a Parser Error is a finding), and a
 * statement that would have used the secret manager marks it as used
 * (FROM duckdb_secrets()), so the settings that fail after that point
 * fail here too.
 *
 * Used by `floe-profiles verify` and by `floe-profiles check --verify`.
 */
#ifndef FLOE_VERIFY_H
#define FLOE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/sql.h"
#include "floe/versions.h"
#include "floe/yaml.h"

/* The environment variable that names the DuckDB library. */
#define FLOE_DUCKDB_LIB_ENV "FLOE_DUCKDB_LIB"

enum floe_step_status {
	FLOE_STEP_OK,
	FLOE_STEP_FAILED,	/* a diagnostic was added */
	FLOE_STEP_NOT_CHECKED	/* could not run here; `detail` says why */
};

struct floe_verify_step {
	char *profile, *target;		/* owned */
	struct floe_loc loc;		/* file borrowed */
	enum floe_step_status status;
	char *label;			/* owned: "SET memory_limit" */
	char *detail;			/* owned; may be NULL */
};

/* What ran, for people: the CLI prints it on stderr. */
struct floe_verify_log {
	char *library;		/* owned: the path given to dlopen() */
	char *duckdb_version;	/* owned: duckdb_library_version() */
	/* that version as a release (floe/versions.h encoding), and the one
	 * the fact tables answer for it: the same, or the newest known when
	 * the library is newer (floe_verify_duckdb_release) */
	unsigned duckdb_release, duckdb_linted;
	char *error;		/* owned: why DuckDB could not be loaded */
	struct floe_verify_step *steps;
	size_t nr, alloc;
};

#define FLOE_VERIFY_LOG_INIT { NULL, NULL, 0, 0, NULL, NULL, 0, 0 }

/** Free everything in the log; it is empty and reusable. */
void floe_verify_log_release(struct floe_verify_log *log);

/**
 * The log as text, one line per step ("  ok           file:12  SET x").
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out is malloc'd.
 */
enum floe_err floe_verify_log_render(const struct floe_verify_log *log,
				     char **out, size_t *len);

struct floe_verify_options {
	/* target, use_env, getenv_fn and limits are floe_verify()'s: it
	 * loads the profiles model with them; floe_verify_profiles() takes
	 * them from the model it is given */
	const char *profile;	/* NULL: every profile */
	const char *target;	/* NULL: each profile's `target` */
	/* the DuckDB library: this path; NULL: $FLOE_DUCKDB_LIB, then
	 * "libduckdb.so" through the loader's search path */
	const char *duckdb;
	bool offline;		/* no extension download (autoinstall off,
				 * no INSTALL) */
	bool use_env;		/* env_var() from the environment; a
				 * missing variable is then an error */
	const char *(*getenv_fn)(const char *name);	/* NULL: getenv */
	struct floe_dbt_version dbt_version;	/* zero: the latest */
	struct floe_yaml_limits limits;		/* zero: defaults */
	struct floe_verify_log *log;	/* optional: steps are appended */
};

/**
 * Verify one profiles.yml held in memory.
 * \param[in]  file  display name (borrowed; must outlive diags and log).
 * \param[out] diags one error per failed statement, at its profile
 *                   line, plus what floe_sql_plan() reports.
 * \return FLOE_OK when the file was examined (whatever was found);
 *         FLOE_ERR_IO when no DuckDB library could be loaded, or the
 *         one loaded is a release the fact tables do not know (older
 *         than the first, or between two): log->error says why;
 *         floe_verify_hint() says how to get one;
 *         FLOE_ERR_USAGE when the profile or target asked for does not
 *         exist; FLOE_ERR_TOO_BIG; FLOE_ERR_NOMEM.
 */
enum floe_err floe_verify(const char *file, const char *buf, size_t len,
			  const struct floe_verify_options *opt,
			  struct floe_diags *diags);

/**
 * floe_verify() on a profiles.yml already loaded (floe_profiles_load):
 * DuckDB is loaded, then the plan is made from the model with
 * floe_sql_plan_profiles() and run.  The model decides the target and
 * how env_var() is read (opt's target, use_env, getenv_fn and limits are
 * not used).  Returns as floe_verify().
 */
enum floe_err floe_verify_profiles(const struct floe_profiles *model,
				   const struct floe_verify_options *opt,
				   struct floe_diags *diags);

/**
 * The release a DuckDB library says it is (duckdb_library_version():
 * "v1.4.3"; a development build's "v1.5.1-dev42" is read as 1.5.1) and
 * the release verify and `check --verify` lint for with it, as
 * --duckdb-version would: *release is the library's release (0 when the
 * text is not a version), *linted the same release when the tables know
 * it, the newest known when it is newer (FLOE_VERSION_NEWER), 0
 * otherwise (FLOE_VERSION_UNKNOWN, FLOE_VERSION_INVALID).
 */
enum floe_version_fit floe_verify_duckdb_release(const char *library_version,
						 unsigned *release,
						 unsigned *linted);

/** How to get a DuckDB library (static text, several lines). */
const char *floe_verify_hint(void);

/**
 * Parse a SQL script with DuckDB's parser, without running it (used by
 * the tests to prove `sql` output is valid DuckDB SQL).
 * \param[in]  lib    as floe_verify_options.duckdb.
 * \param[out] error  on FLOE_ERR_INPUT, DuckDB's parser error (malloc'd).
 * \param[out] count  the number of statements, when it parses.
 * \return FLOE_OK, FLOE_ERR_INPUT (a parser error), FLOE_ERR_IO (no
 *         library; *error says why), FLOE_ERR_NOMEM.
 */
enum floe_err floe_duckdb_parse(const char *lib, const char *sql,
				size_t *count, char **error);

#endif
