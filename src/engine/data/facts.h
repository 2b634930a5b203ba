/*
 * Row formats of the version-keyed engine facts (src/engine/data/, the
 * .def files).
 *
 * A fact that depends on a DuckDB (or dbt-duckdb) release is a row with
 * the first and the last release it holds for, never an `if` in code.
 * Each .def file is an X-macro list: the includer defines the row macro,
 * includes the file, and undefines it.  Every .def file names, in its
 * header comment, where its rows were read (the engine library and the
 * script that extracted them, or the upstream commit and file).
 *
 * Versions are encoded as FE_V(major, minor, patch): 1.4.3 is 10403.
 * `last` is FE_V_OPEN when the fact still holds in the newest release
 * the tables know.  Unreleased development (duckdb-iceberg `main`) is the
 * pseudo-version FE_V_MAIN, above every release: a row with first ==
 * FE_V_MAIN holds for no release yet.  The known releases, oldest first,
 * are duckdb_releases.def.  Names compare case-insensitively (DuckDB and
 * the extension look settings and options up that way; the engine spells
 * a few settings in mixed case, e.g. TimeZone).  docs/engine-facts.md says where every
 * table comes from and how to regenerate it.
 *
 * Row macros:
 *   DUCKDB_RELEASE(version, name, npm, iceberg_pin, flags)
 *                                                     duckdb_releases.def
 *   DUCKDB_SETTING(name, first, last, flags, type)    duckdb_settings.def
 *   DUCKDB_EXTENSION_SETTING(name, extension, first, last)
 *                                          duckdb_extension_settings.def
 *   ICEBERG_ATTACH_OPTION(name, first, last, auths, kind)
 *                                                     iceberg_attach.def
 *   ICEBERG_SECRET_PARAM(name, first, last)           iceberg_secret.def
 *   ICEBERG_BEHAVIOR(name, first, last)   ../iceberg_behavior.def (hand-written)
 */
#ifndef FLOE_ENGINE_FACTS_H
#define FLOE_ENGINE_FACTS_H

#define FE_V(maj, min, pat) ((maj) * 10000u + (min) * 100u + (pat))
#define FE_V_OPEN 0u
/* unreleased main (duckdb-iceberg main): after every release */
#define FE_V_MAIN FE_V(99, 0, 0)

/* DUCKDB_RELEASE flags */
enum fe_release_flag {
	/* not a release: development main, no library to extract from */
	FE_REL_UNRELEASED = 1 << 0,
	/* the iceberg pin could not be read at the release tag; the row
	 * names the pin it is assumed to share (docs/engine-facts.md) */
	FE_REL_PIN_ASSUMED = 1 << 1
};

/* What the engine does with `SET name = value` after start-up. */
enum fe_setting_flag {
	/* refused for any value: "Cannot change X setting while database
	 * is running" */
	FE_SET_STARTUP_ONLY = 1 << 0,
	/* refused only when the value relaxes a safety setting
	 * (allow_unsigned_extensions=true); tightening is accepted */
	FE_SET_STARTUP_RELAX = 1 << 1,
	/* refused once the secret manager was used, for any value */
	FE_SET_SECRET_MANAGER = 1 << 2,
	/* "can only be set during initialization" (motherduck_token) */
	FE_SET_INIT_ONLY = 1 << 3,
	/* defined by an extension rather than the core (which one:
	 * duckdb_extension_settings.def); not probed, the extension cannot
	 * be loaded offline */
	FE_SET_EXTENSION = 1 << 4,
	/* another name of a setting (duckdb_settings() `aliases`); the row
	 * carries the flags of the setting it names */
	FE_SET_ALIAS = 1 << 5,
	/* every SET refused: "This setting is deprecated and can no longer
	 * be used" */
	FE_SET_DEPRECATED = 1 << 6,
	/* registered by DuckDB's Python client, which dbt runs on
	 * (DuckDBPyConnection::Connect, AddExtensionOption), not by the
	 * engine: SET and duckdb.connect(config=) take it under dbt, while
	 * a bare libduckdb.so (verify) does not know it */
	FE_SET_CLIENT = 1 << 7
};

/*
 * A setting's input type (duckdb_settings().input_type): SET casts its
 * value to it before the setting sees it (src/engine/data/duckdb-casts/).
 */
enum fe_setting_type {
	FE_TYPE_UNKNOWN,	/* an extension's setting: not listed */
	FE_TYPE_BOOLEAN,
	FE_TYPE_UBIGINT,
	FE_TYPE_BIGINT,
	FE_TYPE_DOUBLE,
	FE_TYPE_VARCHAR,
	FE_TYPE_VARCHAR_LIST	/* VARCHAR[] */
};

/* The iceberg authorization types an ATTACH option is handled under. */
enum fe_auth {
	FE_AUTH_OAUTH2 = 1 << 0,
	FE_AUTH_SIGV4 = 1 << 1,
	FE_AUTH_NONE = 1 << 2,
	FE_AUTH_ALL = FE_AUTH_OAUTH2 | FE_AUTH_SIGV4 | FE_AUTH_NONE
};

/* How the extension reads an option's value. */
enum fe_opt_kind {
	FE_OPT_STRING,
	FE_OPT_BOOL,
	FE_OPT_INTERVAL,	/* cast to INTERVAL: a YAML integer fails */
	FE_OPT_PRESENCE,	/* switched on by presence, whatever the value */
	FE_OPT_ENUM,
	FE_OPT_MAP
};

#endif
