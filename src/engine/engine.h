/*
 * The engine's facts: what DuckDB, its iceberg extension and dbt-duckdb
 * accept, as data tables (the .def files beside this header and, once
 * extracted per release, src/engine/data/), and the lookups that lint,
 * sql, verify and generate all ask.  No module below the CLI keeps a
 * private list of these facts.
 *
 * Every row holds for a range of releases [first, last] (FE_V encoding,
 * src/engine/data/facts.h); a lookup takes the release it answers for.
 * FE_ANY asks whether a row holds in any release the tables know.  Lint
 * answers for one release (--duckdb-version, FE_DUCKDB_DEFAULT when none
 * is chosen: the newest release of duckdb_releases.def).
 *
 * Adding a fact is adding a row to one .def file (and a test row in
 * tests/unit/test_engine.c); docs/DESIGN.md section "The engine's facts".
 */
#ifndef FLOE_ENGINE_H
#define FLOE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/data/facts.h"

/* Any release the tables know (a lookup argument, never a row value). */
#define FE_ANY 0u

/*
 * The release the tables answer for when none is chosen: the newest
 * release of data/duckdb_releases.def (unit/test_engine checks that it
 * is; fe_duckdb_newest() says the same at run time).
 */
#define FE_DUCKDB_DEFAULT FE_V(1, 5, 6)

/* ---- releases: DUCKDB_RELEASE rows ---- */

/* The tables' rows hold their strings inline, not pointers to them: a
 * static PIE relocates every pointer of a static table at start
 * (src/pool.h; engine.c checks each row fits). */
struct fe_release {
	unsigned version;
	char name[8];		/* "1.4.3", "main" */
	char npm[16];		/* the bindings the settings came from */
	char iceberg_pin[41];	/* the duckdb-iceberg commit */
	unsigned flags;		/* enum fe_release_flag */
};

size_t fe_release_count(void);
const struct fe_release *fe_release_at(size_t i);
/* The row of a release (never main's), or NULL when it is not known. */
const struct fe_release *fe_release_find(unsigned version);
/* The newest and the oldest release of the table (main excluded). */
unsigned fe_duckdb_newest(void);
unsigned fe_duckdb_oldest(void);

/*
 * "X.Y.Z" (a leading 'v' allowed; "X.Y" too when patch_optional) as FE_V,
 * or 0 when it is not a version.
 */
unsigned fe_version_parse(const char *s, bool patch_optional);

#define FE_VERSION_BUF 16
/* "1.4.3" ("main" for FE_V_MAIN), in buf. */
const char *fe_version_str(unsigned v, char buf[FE_VERSION_BUF]);

enum fe_version_fit {
	FE_VERSION_KNOWN,	/* a release of the tables */
	FE_VERSION_NEWER,	/* newer than every release: the newest is
				 * used */
	FE_VERSION_UNKNOWN	/* older, or a gap between releases */
};

/* How a DuckDB version fits the tables; *use is the release to answer
 * for (0 when unknown). */
enum fe_version_fit fe_duckdb_version_fit(unsigned version, unsigned *use);

/* The known DuckDB releases, ", "-separated, in buf (snprintf-like:
 * the length it needs). */
size_t fe_release_names(char *buf, size_t size);

/* ---- DuckDB settings: DUCKDB_SETTING rows ---- */

#define FE_SETTING_NAME_SIZE 48

struct fe_setting {
	char name[FE_SETTING_NAME_SIZE];
	unsigned first, last;
	unsigned flags;		/* enum fe_setting_flag */
	enum fe_setting_type type;	/* what SET casts the value to */
};

/* The row of setting `name` (case-insensitive) for `version`, or NULL. */
const struct fe_setting *fe_setting_find(const char *name, unsigned version);

/*
 * Why DuckDB `version` refuses `SET name = <value>` once the database
 * runs and the secret manager has been used (what dbt-duckdb's
 * `settings:` do): FE_SET_SECRET_MANAGER, FE_SET_STARTUP_ONLY,
 * FE_SET_INIT_ONLY, or FE_SET_STARTUP_RELAX when `truth` is 1 (the value
 * relaxes the setting); 0 when SET accepts it or the setting is not in
 * the tables.  `truth`: the value as a DuckDB boolean, 1, 0 or -1 when
 * it is not one (or unknown): a refusal that depends on the value is
 * then not claimed.
 */
unsigned fe_setting_refusal(const char *name, int truth, unsigned version);

/* The same for a row found already (NULL: 0).  With `truth` 1 it is
 * every refusal the row can give: 0 then means SET never refuses it,
 * whatever the value. */
unsigned fe_setting_row_refusal(const struct fe_setting *s, int truth);

/*
 * Why DuckDB `version` refuses to open the database `path` (NULL, "" or
 * ":memory:": in memory) with the start-up setting access_mode set to
 * `access_mode` (compared ignoring case, as DuckDB reads it): the
 * engine's error, or NULL when it opens.  Only what holds whatever the
 * disk says: read_only in memory ("Catalog Error: Cannot launch
 * in-memory database in read-only mode!", observed with duckdb_open_ext
 * on 1.4.3 and 1.5.6, the same text).  A file that does not exist is
 * refused in read_only too, but that is the run's to know.
 */
const char *fe_open_refusal(const char *path, const char *access_mode,
			    unsigned version);

/*
 * Once `restrictor` is SET to a value of truth `truth` (lock_configuration
 * on, enable_external_access off), DuckDB `version` refuses a later
 * `SET setting`: the engine's error (its first line), or NULL when it
 * does not.  Names are compared ignoring case.  Probed on each release
 * (src/engine/data/duckdb-locks/, duckdb_locks.def).
 */
const char *fe_setting_refused_after(const char *restrictor, int truth,
				     const char *setting, unsigned version);

/* True when SET of `name` to a value of truth `truth` makes DuckDB
 * `version` refuse some later SET (the restrictors of the table). */
bool fe_setting_restricts(const char *name, int truth, unsigned version);

/* Every setting name of the table, NULL-terminated (for did-you-mean;
 * a name with two rows is listed twice). */
const char *const *fe_setting_names(void);

/*
 * The releases a setting (or option, or secret parameter) has a row for:
 * the first and the last (FE_V_OPEN: still in the newest); false when no
 * release knows the name.  A name may be missing between the two.
 */
bool fe_setting_span(const char *name, unsigned *first, unsigned *last);

/* The extension that defines setting `name` in `version` ("httpfs"),
 * or NULL for a core setting or an unknown one. */
const char *fe_setting_extension(const char *name, unsigned version);

/* True when some setting of the tables comes from extension `name`. */
bool fe_extension_known(const char *name);

/*
 * A setting value as DuckDB casts it to BOOLEAN: 1, 0, or -1 when it is
 * not a boolean.  Probed (duckdb-casts/): true/t/yes/y/1 and
 * false/f/no/n/0, any case, nothing trimmed; not on/off.
 */
int fe_duckdb_bool(const char *s);

/* What DuckDB's cast of a setting value does (fe_setting_cast()). */
enum fe_cast {
	FE_CAST_OK,
	FE_CAST_FAILS,
	FE_CAST_UNKNOWN		/* not modelled: say nothing */
};

/*
 * Whether `SET name = '<text>'` gets past the cast of `text` to the
 * setting's input type (struct fe_setting.type).  dbt-duckdb writes
 * str(value), so a YAML true arrives as 'True' and fails to become a
 * UBIGINT: "Failed to cast value: Could not convert string 'True' to
 * UINT64", before any start-up-only or secret-manager refusal.  Each
 * answer is one the probes of every release saw
 * (src/engine/data/duckdb-casts/); a text the model does not cover is
 * FE_CAST_UNKNOWN.  FE_TYPE_VARCHAR takes anything.
 */
enum fe_cast fe_setting_cast(enum fe_setting_type type, const char *text);

/* The type as duckdb_settings() lists it ("UBIGINT", "VARCHAR[]"). */
const char *fe_setting_type_name(enum fe_setting_type type);

/*
 * The engine's error for a value that fails fe_setting_cast(): the
 * words before and after the value, e.g. "Invalid Input Error: Failed
 * to cast value: Could not convert string '" and "' to UINT64".
 */
void fe_setting_cast_words(enum fe_setting_type type, const char **before,
			   const char **after);

/*
 * What DuckDB `version` does with CAST('<text>' AS INTERVAL), as the
 * iceberg extension reads MAX_TABLE_STALENESS (DefaultCastAs(INTERVAL))
 * and dbt-duckdb passes a string option quoted: Interval::FromCString's
 * grammar (blanks, '@', numbers with a unit, implied seconds, times,
 * 'ago') and its overflow checks, step by step, with the unit names of
 * duckdb_intervals.def (probed) and duckdb_behavior.def's
 * interval_number_at_end and interval_ago_min_refused.  FE_ANY: the
 * answer every release gives, FE_CAST_UNKNOWN when they differ (and for
 * NULL).  Held to every probe of every release
 * (src/engine/data/duckdb-intervals/, tests/unit/test_engine_casts.c).
 */
enum fe_cast fe_interval_cast(const char *text, unsigned version);

/* A DUCKDB_BEHAVIOR row (duckdb_behavior.def) holds for `version`. */
bool fe_duckdb_behavior(const char *name, unsigned version);

/* ---- the iceberg extension: ICEBERG_ATTACH_OPTION / _SECRET_PARAM ---- */

struct fe_iceberg_option {
	char name[40];
	unsigned first, last;
	unsigned auths;		/* enum fe_auth */
	enum fe_opt_kind kind;
};

/* The ATTACH option `name` (case-insensitive) for `version`, or NULL. */
const struct fe_iceberg_option *fe_iceberg_option_find(const char *name,
						       unsigned version);

bool fe_iceberg_option_span(const char *name, unsigned *first,
			    unsigned *last);

/* An option renamed from `since` on; without an alias (`kept` false)
 * the old name fails from then. */
struct fe_option_rename {
	char from[24], to[24];
	unsigned since;
	bool kept;		/* the old name is still read */
};

/* The rename without alias of option `name` in effect at `version`, or
 * NULL. */
const struct fe_option_rename *fe_iceberg_option_renamed(const char *name,
							 unsigned version);

/* The rename that makes `name` the new name of another option, when
 * `version` still has the old name only; NULL otherwise. */
const struct fe_option_rename *fe_iceberg_option_former(const char *name,
							unsigned version);

/* Row i of the option table (NULL past the end), for iteration. */
const struct fe_iceberg_option *fe_iceberg_option_at(size_t i);

/* Every option name of the table, NULL-terminated (for did-you-mean). */
const char *const *fe_iceberg_option_names(void);

/*
 * The values an option takes, lower case, NULL-terminated; NULL for an
 * option without a fixed set (oauth2_grant_type is read as a string and
 * then compared, so it has a set too).
 */
const char *const *fe_iceberg_option_values(const char *name,
					    unsigned version);

/*
 * True when the extension takes an empty value of option `name` for
 * `version` as not given (endpoint_type, authorization_type,
 * access_delegation_mode: `''` changes nothing); false for every other
 * option, oauth2_grant_type included (an empty one is refused).
 */
bool fe_iceberg_option_empty_unset(const char *name, unsigned version);

/*
 * True when the extension reads the value `written` for ENUM option
 * `name` as `value` (one of fe_iceberg_option_values): it lower-cases
 * them, so 'NONE' is 'none' (engine.c cites the pins).
 */
bool fe_iceberg_option_value_is(const char *name, unsigned version,
				const char *written, const char *value);

/* The kind of catalog an iceberg ATTACH talks to, for its defaults. */
enum fe_catalog_kind {
	FE_CATALOG_REST = 0,	/* no endpoint_type (or an empty one) */
	FE_CATALOG_AWS		/* endpoint_type glue or s3_tables */
};

/*
 * The extension's default of option `name` at `version` for a catalog of
 * `kind` (an endpoint_type changes some), or NULL when the option has
 * none there: "true"/"false" for a BOOL option; access_delegation_mode
 * and oauth2_scope have theirs too.  Each row cites the pins read
 * (engine.c, option_defaults[]).
 */
const char *fe_iceberg_option_default(const char *name, unsigned version,
				      enum fe_catalog_kind kind);

/*
 * True for an inline OAuth2 option: given on the ATTACH, it makes the
 * extension build its own secret, so no iceberg secret is looked up and
 * a `secret` beside it is refused ("Both 'secret' and the following
 * oauth2 option(s) ...").  oauth2.cpp FromAttachOptions.
 */
bool fe_iceberg_option_inline_oauth2(const char *name, unsigned version);
/* The same of a row of fe_iceberg_option_find() (NULL: false). */
bool fe_iceberg_option_is_inline_oauth2(const struct fe_iceberg_option *o);

struct fe_iceberg_secret_param {
	char name[24];
	unsigned first, last;
};

/* A CREATE SECRET (TYPE iceberg) parameter for `version`, or NULL. */
const struct fe_iceberg_secret_param *fe_iceberg_secret_param_find(
	const char *name, unsigned version);

bool fe_iceberg_secret_param_span(const char *name, unsigned *first,
				  unsigned *last);

/* ---- the extension's behaviours: ICEBERG_BEHAVIOR (iceberg_behavior.def) ---- */

/*
 * True when DuckDB `version`'s iceberg extension behaves as row `name`
 * says ("vended_region_required"); the rows cite the commits read.
 */
bool fe_iceberg_behavior(const char *name, unsigned version);
bool fe_iceberg_behavior_span(const char *name, unsigned *first,
			      unsigned *last);

/* ---- dbt-duckdb's schema: DBT_OUTPUT_KEY / _CORE_KEY / _ATTACH_FIELD /
 * _NESTED_FIELD ---- */

enum fe_yaml_type {
	FE_T_STR,
	FE_T_BOOL,
	FE_T_INT,
	FE_T_MAP,
	FE_T_LIST
};

enum fe_field_flag {
	FE_FIELD_REQUIRED = 1 << 0,	/* no default: must be given */
	FE_FIELD_NULLABLE = 1 << 1,	/* Optional[...]: null is accepted */
	FE_FIELD_STR_ITEMS = 1 << 2,	/* List[str]: every item a string */
	FE_FIELD_CORE = 1 << 3		/* an output key dbt-core pops before
					 * the credentials (DBT_CORE_KEY) */
};

struct fe_dbt_key {
	char name[32];
	unsigned first, last;
	enum fe_yaml_type type;
	unsigned flags;		/* enum fe_field_flag */
};

/* A field of a dataclass an output key holds (remote, retries). */
struct fe_dbt_nested {
	char parent[16];	/* the output key */
	struct fe_dbt_key field;
};

/* The dbt-duckdb release the tables answer for when none is chosen:
 * the newest one sql models; and the oldest one modelled. */
#define FE_DBT_DUCKDB_DEFAULT FE_V(1, 11, 0)
#define FE_DBT_DUCKDB_OLDEST FE_V(1, 9, 0)

/* How a dbt-duckdb version fits (FE_DBT_DUCKDB_OLDEST ... _DEFAULT). */
enum fe_version_fit fe_dbt_duckdb_version_fit(unsigned version,
					      unsigned *use);

/* A key of a duckdb output (exact case) in dbt-duckdb `version`. */
const struct fe_dbt_key *fe_dbt_output_key(const char *name,
					   unsigned version);
/* An Attachment field (exact case) in dbt-duckdb `version`. */
const struct fe_dbt_key *fe_dbt_attach_field(const char *name,
					     unsigned version);
/* The first dbt-duckdb release with attach field `name`, 0 if none. */
unsigned fe_dbt_attach_field_first(const char *name);
/* The first dbt-duckdb release with output key `name`, 0 if none. */
unsigned fe_dbt_output_key_first(const char *name);
/* The names of each table, NULL-terminated (for did-you-mean). */
const char *const *fe_dbt_output_key_names(void);
const char *const *fe_dbt_attach_field_names(void);
/* Row i of each table (NULL past the end), for iteration. */
const struct fe_dbt_key *fe_dbt_output_key_at(size_t i);
const struct fe_dbt_key *fe_dbt_attach_field_at(size_t i);
/* Field `name` (exact case) of the dataclass that output key `parent`
 * holds, in dbt-duckdb `version`; NULL when it has none such. */
const struct fe_dbt_key *fe_dbt_nested_field(const char *parent,
					     const char *name,
					     unsigned version);
const struct fe_dbt_nested *fe_dbt_nested_field_at(size_t i);

/* ---- names after ATTACH ... AS: DUCKDB_ALIAS_KEYWORD / _DATABASE_NAME ---- */

/* what each form of ATTACH does with the name (duckdb_names.def) */
enum fe_db_flag {
	/* ATTACH IF NOT EXISTS ... AS name does nothing, without an error */
	FE_DB_EXISTS = 1 << 0,
	/* ATTACH ... AS name: "... cannot be used because it is a reserved
	 * name" */
	FE_DB_RESERVED = 1 << 1,
	/* ATTACH IF NOT EXISTS ... AS name: the same refusal */
	FE_DB_RESERVED_IF_NOT_EXISTS = 1 << 2,
	/* ATTACH ... AS name succeeds, and from then a query of
	 * system.information_schema.tables or duckdb_tables() (dbt-duckdb's
	 * list of relations, its catalog) fails: "Ambiguous reference to
	 * catalog or schema "main"" */
	FE_DB_AMBIGUOUS = 1 << 3,
	FE_DB_AMBIGUOUS_IF_NOT_EXISTS = 1 << 4,
	/* ATTACH ... AS name, or the next query of the catalogs, fails with
	 * an INTERNAL Error ("Database name ... was already used by a
	 * different database for this meta transaction") that invalidates
	 * the database */
	FE_DB_INVALIDATES = 1 << 5,
	FE_DB_INVALIDATES_IF_NOT_EXISTS = 1 << 6,
	/* the row is about the name spelled in other case (MAIN, Main): the
	 * reserved-name check compares the exact spelling, the lookups of
	 * existing databases do not */
	FE_DB_OTHER_CASE = 1 << 7
};

enum fe_alias_refusal {
	FE_ALIAS_OK = 0,
	FE_ALIAS_NOT_WORD,	/* not [A-Za-z_][A-Za-z0-9_]* */
	FE_ALIAS_KEYWORD,	/* the parser refuses it: a syntax error */
	FE_ALIAS_DATABASE,	/* a database name that exists or is
				 * reserved (fe_database_name) */
	FE_ALIAS_COMMENT	/* (fe_alias_parse) a -- comment runs to
				 * the end of the alias and eats the
				 * options written after it: the ATTACH
				 * runs without them */
};

/*
 * Whether DuckDB `version` takes `s` unquoted after ATTACH ... AS
 * (names are compared case-insensitively).
 */
enum fe_alias_refusal fe_alias_check(const char *s, unsigned version);

/*
 * Whether DuckDB `version` parses `s` written as it is after ATTACH ...
 * AS (dbt-duckdb's Attachment.to_sql() writes the alias unquoted): its
 * lexer's rules (libpg_query scan.l), wider than fe_alias_check()'s:
 *  - a bare identifier starts with a letter, '_' or any byte >= 0x80 and
 *    goes on with those, digits and '$' (café, lake$1);
 *  - a "quoted identifier" takes anything, "" for a quote, but not
 *    nothing ("zero-length delimited identifier");
 *  - blanks (scan.l `space`: no \v) and comments (-- to a line break, a
 *    nested / * * /) around it, and the Unicode spaces the parser turns
 *    into blanks first (Parser::StripUnicodeSpaces: U+00A0,
 *    U+2000-U+200B, U+202F, U+205F, U+2060, U+3000, U+FEFF), separate
 *    words: one inside a bare name splits it (a syntax error).
 * `last` says that nothing follows the alias in the statement: dbt-duckdb
 * writes no options for the item.  Then a -- comment may run to the end
 * of the alias, and a release that trims the statement (the probe's
 * DUCKDB_STATEMENT_TRIM rows, duckdb_names.def: 1.5.x) drops its
 * trailing blanks, \v included, before it lexes it; otherwise
 * FE_ALIAS_COMMENT for a -- comment that runs to the end of the alias
 * (it eats the options: the ATTACH runs without them).
 * FE_ALIAS_KEYWORD for a bare keyword (a quoted one is a name),
 * FE_ALIAS_DATABASE for a database name (fe_database_name(), the quotes
 * taken off), FE_ALIAS_NOT_WORD for anything else that is not one
 * identifier.  Held to every alias form of the names probe, on every
 * release (DUCKDB_ALIAS_FORM rows, test_engine): AS café, AS lake$1,
 * AS "my-cat", AS lake / * c * / attach; AS $x, AS 1a, AS a-b, AS "" do
 * not parse.
 */
enum fe_alias_refusal fe_alias_parse(const char *s, bool last,
				     unsigned version);

/*
 * The name the database gets from `s` written after ATTACH ... AS, as
 * fe_alias_parse() lexes it: the bare identifier, or a quoted one without
 * its quotes ("" a quote); '"main"' names main, which the binder treats
 * as the bare spelling (duckdb-names/ probes each name quoted too).  In
 * buf[size]; NULL when s is not one identifier or does not fit.
 */
const char *fe_alias_name(const char *s, bool last, unsigned version,
			  char *buf, size_t size);

/*
 * Is `s`, written after ATTACH ... (TYPE as dbt-duckdb writes it, raw:
 * `TYPE {type}`), the storage type `type`?  DuckDB reads an identifier
 * (blanks around it, "quoted" or bare) or a 'string literal', in any
 * case: ' iceberg', "'iceberg'" and ICEBERG all load the iceberg
 * extension (observed on 1.4.3).
 */
bool fe_attach_type_is(const char *s, const char *type);
/* (`type` is a bare word, lower case or "": iceberg, duckdb, s3.) */

/*
 * Is `s`, a secrets: entry's `type` as dbt-duckdb writes it into CREATE
 * SECRET (raw, `type {type}`: secrets.py _format_value at 1.9.4 to
 * 1.11.0, to_sql before), the secret type `type`?  DuckDB reads it as it
 * reads ATTACH's TYPE: an identifier (blanks around it, "quoted" or bare)
 * or a 'string literal', lower-cased, so iceberg, ' iceberg', 'ICEBERG',
 * "ICEBERG" and ICEBERG are all the iceberg type, and "' iceberg'" is
 * not ("Secret type ' iceberg' not found").  Observed on 1.4.3 and
 * 1.5.6: CREATE SECRET (TYPE <s>) without the extension names the type
 * it looked for (tests/unit/test_engine.c).
 */
bool fe_secret_type_is(const char *s, const char *type);

/*
 * The secret type DuckDB looks up for `s` (fe_secret_type_is()'s parse,
 * lower-cased as DuckDB lower-cases it) in buf[size]; NULL when `s` is
 * not one identifier or string literal, or does not fit.
 */
const char *fe_secret_type_name(const char *s, char *buf, size_t size);

/*
 * The extension whose secret type `type` (lower case) is on DuckDB
 * `version`, "" for the engine's own (http), or NULL when CREATE SECRET
 * finds no such type there ("Secret type 't' not found") unless an
 * extension loaded first registers it (duckdb_secrets.def, probed on
 * every release: CREATE SECRET (TYPE t) autoloads the extension of a
 * type its table names, and a type no table names is not found).
 */
const char *fe_secret_type_extension(const char *type, unsigned version);

/* The first release that has secret type `type`, or 0 when none. */
unsigned fe_secret_type_first(const char *type);

/* The i-th secret type of `version` (from 0), or NULL past the last. */
const char *fe_secret_type_at(size_t i, unsigned version);

/*
 * Whether the secret types extension `ext` (canonical, lower case)
 * registers on `version` are all known: it has rows of its types, or it
 * is one of the statically linked extensions that register none
 * (parquet, json, ...).  False for any other: loading it may add a type.
 */
bool fe_extension_secret_types_known(const char *ext, unsigned version);

/* ---- a secret's name, as CREATE SECRET reads it ---- */

/* What fe_secret_name_parse() makes of a secret's name. */
enum fe_secret_name_refusal {
	FE_SECRET_NAME_OK,		/* DuckDB creates the secret */
	FE_SECRET_NAME_KEYWORD,		/* the name is a keyword the
					 * parser refuses there
					 * (fe_alias_parse()'s) */
	FE_SECRET_NAME_NOT_WORD,	/* does not parse: another word or
					 * character, IN without a storage,
					 * an unterminated quote or comment */
	FE_SECRET_NAME_COMMENT,		/* a -- comment runs to the end
					 * of the name: it eats the " ("
					 * after it, a syntax error */
	FE_SECRET_NAME_STORAGE_KEYWORD,	/* IN <keyword>: syntax error */
	FE_SECRET_NAME_NO_STORAGE,	/* IN <s>, a storage the release
					 * does not have ("Secret storage 's'
					 * not found!") unless an extension
					 * loaded first registers it */
	FE_SECRET_NAME_TEMPORARY_STORAGE /* PERSISTENT IN memory: "Cannot
					 * create persistent secrets in a
					 * temporary secret storage!" */
};

/* The secret fe_secret_name_parse() reads. */
struct fe_secret_name {
	char name[256];		/* lower-cased, as the secret manager
				 * keeps it ("" for none:
				 * __default_<type>; cut to fit) */
	char storage[64];	/* IN's storage, lower-cased; "" for none */
	bool persistent;	/* a persistent storage: local_file,
				 * written to secret_directory */
};

/*
 * The i-th secret storage of a fresh database of `version` (from 0:
 * memory, local_file), or NULL past the last.
 */
const char *fe_secret_storage_at(size_t i, unsigned version);

/*
 * DuckDB's answer on release `version` to CREATE SECRET of a persistent
 * secret (PERSISTENT, or `IN local_file`) once allow_persistent_secrets
 * is off, as config_options set it at connect ("Invalid Input Error:
 * Persistent secrets are disabled. ..."); NULL where it was not probed
 * (duckdb_secrets.def DUCKDB_SECRET_PERSISTENT_DISABLED).
 */
const char *fe_secret_persistent_disabled(unsigned version);

/*
 * Whether extension `ext` (canonical, lower case) is loaded in every
 * fresh database of `version` (statically linked: parquet, json, ...),
 * so that listing it loads nothing new: no secret type, no storage.
 */
bool fe_extension_in_fresh_database(const char *ext, unsigned version);

/*
 * What DuckDB `version` makes of `s`, a secrets: entry's `name` as
 * dbt-duckdb writes it, raw, into `CREATE OR REPLACE[ PERSISTENT] SECRET
 * <s> (` with " (" on the same line (secrets.py Secret.to_sql(), 1.9.0 to
 * 1.11.0; `persistent` says whether PERSISTENT is written).  The grammar
 * is `[ColId] [IN IDENT]` (create_secret.y opt_secret_name,
 * opt_storage_specifier), read by fe_alias_parse()'s lexer with scan.l's
 * comments as blanks; the storage decides whether the secret persists:
 * local_file does, memory does not (duckdb_secrets.def, probed on every
 * release).  *out is filled as far as the parse goes.
 */
enum fe_secret_name_refusal fe_secret_name_parse(const char *s,
						 bool persistent,
						 unsigned version,
						 struct fe_secret_name *out);

/*
 * The name DuckDB gives the database of `path` opened or attached without
 * AS (AttachedDatabase::ExtractDatabaseName(), src/main/attached_database.cpp,
 * the same at v1.4.0 b8a06e4a22 through v1.5.6 069cc9f9b5):
 *  - "memory" for '' and ':memory:';
 *  - else the last '/' segment of the path up to its FIRST dot
 *    (FileSystem::ExtractBaseName(): StringUtil::Split() on '.', empty
 *    pieces dropped, so leading dots are skipped) -- not dbt-duckdb's
 *    os.path.splitext(), which cuts at the last one
 *    (fe_dbt_path_database());
 *  - main, temp and system, spelled so, get "_db" appended (MAIN stays).
 * Names are compared without case by the catalog.  Observed on the
 * libduckdb.so of every release 1.4.0-1.5.6 (npm
 * @duckdb/node-bindings-linux-x64): x.tar.duckdb -> x, .h.duckdb -> h,
 * a/b. -> b, a/main.duckdb -> main_db, a/MAIN.db -> MAIN, '' and :memory:
 * -> memory; the main database of duckdb_open(path) is named the same way;
 * ATTACH 'b/z.duckdb' after ATTACH 'a/Z.duckdb' fails with "Failed to
 * attach database: database with name "z" already exists" (on 1.4.x the
 * same folder gives "Unique file handle conflict" first) and ATTACH IF NOT
 * EXISTS does nothing.
 * `type` is the ATTACH's TYPE as written (NULL or "" for none), read as
 * fe_attach_type_is() reads it ('duckdb' is duckdb): duckdb; sqlite only
 * when `if_not_exists` (ATTACH IF NOT EXISTS 'b/r.db' (TYPE sqlite) does
 * nothing when r exists, before the extension is loaded; plain ATTACH loads
 * the extension first, not observed with it installed); any other type
 * (iceberg, postgres, ...) is named by its extension: NULL.  NULL too for
 * a path with ':' (an extension prefix, md:, ducklake:, sqlite:, or a
 * URL: an extension or file system names it) and for one whose last
 * segment has nothing but dots.  A duckdb path ending in '/' is named as
 * the path without its slashes (lake.duckdb/ is lake) where DuckDB
 * `version` gives it that name (fe_path_slash(): attached so on 1.5.x;
 * on 1.4.x named so by ATTACH IF NOT EXISTS, `if_not_exists`, before
 * the file fails to open, while plain ATTACH fails first: NULL), and
 * NULL for FE_ANY or a release without a row.  Returns a slice of path
 * (length *len) or a static string.
 */
const char *fe_duckdb_path_database(const char *path, const char *type,
				    bool if_not_exists, unsigned version,
				    size_t *len);

/* ---- one database file: DUCKDB_FILE_IDENTITY ---- */

/* How a release tells whether a path names a database file already
 * attached (duckdb_files.def, probed on every release's engine). */
enum fe_file_identity {
	FE_FILE_UNKNOWN = 0,	/* no row for the release */
	FE_FILE_TEXT_CI,	/* the path as written, without case (1.4.x) */
	FE_FILE_NORMALIZED	/* absolute and normalised, with case (1.5.x) */
};

enum fe_file_identity fe_file_identity(unsigned version);

/* What a release does with a duckdb path ending in '/' (lake.duckdb/),
 * attached (DUCKDB_PATH_SLASH, probed on every release's engine). */
enum fe_path_slash {
	FE_SLASH_UNKNOWN = 0,	/* no row for the release (or FE_ANY) */
	FE_SLASH_FAILS,		/* "Cannot open file ...: Is a directory"
				 * (1.4.x); the name is read first (without
				 * AS the path without the slashes): IF NOT
				 * EXISTS does nothing when it is taken, a
				 * reserved one is refused, and any other
				 * (Temp, MAIN) fails to open */
	FE_SLASH_DROPPED	/* attached as the path without the slashes
				 * (1.5.x) */
};

enum fe_path_slash fe_path_slash(unsigned version);

/*
 * Whether `path` names a folder whatever its slashes: its last segment,
 * trailing slashes dropped, is the root, `.` or `..` (/, //, ./, .,
 * sub/..).  Every release refuses to attach one ("Could not read from
 * file ...: Is a directory": probe_files.py's `folder` rows, which
 * gen_files.py holds to it on every release).
 */
bool fe_path_names_folder(const char *path);

/*
 * The key under which DuckDB `version` knows the database file of a
 * local path, as ATTACH (TYPE duckdb, or none) and duckdb_open() take
 * it: two paths are one file to the release -- the second ATTACH fails
 * with "Unique file handle conflict" unless it names the same database
 * under IF NOT EXISTS -- when their keys are equal.  The key is written
 * to out, which has room for strlen(path) + 1 bytes; returns its length,
 * or 0 when the path names no file it can tell from its text: '' and
 * :memory:, a path with ':' (an extension prefix such as md:, or a URL),
 * and, under FE_FILE_NORMALIZED, one with a ".." segment (a symbolic
 * link can lead elsewhere).  Under FE_FILE_NORMALIZED a relative key
 * never equals an absolute one, though they may be one file from the
 * right folder: such pairs are not judged.
 */
size_t fe_database_file_key(const char *path, unsigned version, char *out);

/*
 * FE_DB_* flags of a database name, 0 if not one: the row of its exact
 * (lower-case) spelling, or for another spelling (MAIN) the
 * FE_DB_OTHER_CASE row.
 */
unsigned fe_database_name(const char *s, unsigned version);

/* ---- the memory parser: DUCKDB_MEMORY_SETTING / _WORDS (duckdb_memory.def) ---- */

/* How a memory setting reads a value (DUCKDB_MEMORY_SETTING rows). */
enum fe_mem_parser {
	FE_MEM_NONE = 0,	/* not a memory setting */
	FE_MEM_LIMIT,		/* DBConfig::ParseMemoryLimit: a value
				 * starting with '-', and null or none,
				 * mean no limit */
	FE_MEM_BYTES		/* StringUtil::ParseFormattedBytes alone */
};

/* What a memory setting reads itself, before the parser (not
 * modelled: taken as it is). */
enum fe_mem_own {
	FE_MEM_OWN_PERCENT = 1 << 0,	/* a value ending in '%': a share
					 * of the memory */
	FE_MEM_OWN_EMPTY = 1 << 1,	/* '': no value */
	/* what the parser reads as no limit ('-1', none, a negative
	 * number) the setting refuses: an internal error
	 * (write_buffer_row_group_memory_limit, 1.5.3 on) or "cannot be
	 * greater than the virtual memory size" (block_allocator_memory) */
	FE_MEM_NO_LIMIT_REFUSED = 1 << 2
};

struct fe_mem_setting {
	enum fe_mem_parser parser;
	unsigned own;		/* enum fe_mem_own */
	bool config;		/* duckdb.connect(config=...) takes it (then
				 * with the same parser); false for a setting
				 * of the connection only */
	/* a text the setting takes itself, exactly so, before the parser
	 * (DUCKDB_MEMORY_OWN_TEXT: its default, '90% of available disk
	 * space'); NULL when none */
	const char *own_text;
};

/*
 * How DuckDB `version` reads setting `name` (case-insensitive) into *s;
 * FE_MEM_NONE (and *s zeroed) when it is not an amount of memory.
 */
enum fe_mem_parser fe_memory_setting(const char *name, unsigned version,
				     struct fe_mem_setting *s);

enum fe_mem_verdict {
	FE_MEM_OK = 0,
	FE_MEM_NO_NUMBER,	/* no number after the blanks */
	FE_MEM_BAD_NUMBER,	/* the number does not cast to DOUBLE */
	FE_MEM_UNKNOWN_UNIT,	/* none of B, KB .. TB, KiB .. TiB */
	FE_MEM_TOO_LARGE,	/* beyond 2^64 bytes */
	FE_MEM_NEGATIVE,	/* below zero, for FE_MEM_BYTES */
	FE_MEM_NO_LIMIT		/* no limit, which the setting refuses
				 * (FE_MEM_NO_LIMIT_REFUSED; no words: the
				 * engine's can name the machine) */
};

/* A value the memory parser refuses: the engine's first line is
 * before, then quoted (the number, or the unit lower-cased, cut at 60
 * bytes on a character boundary; "" for the other verdicts), then
 * after. */
struct fe_mem_refusal {
	enum fe_mem_verdict verdict;
	const char *before, *after;
	char quoted[64];
};

/*
 * What DuckDB `version` does with the text dbt-duckdb passes to memory
 * setting `s` (SET name = '<text>', or config_options): FE_MEM_OK, or
 * the parser's verdict with the engine's words in *r.  Probed on every
 * release (src/engine/data/duckdb-memory/, tools/probe_memory.py) and
 * held to the probes by tests/unit/test_engine_memory.c.  A setting's
 * own checks after the parser (block_allocator_memory above the
 * machine's memory) are not modelled.
 */
enum fe_mem_verdict fe_memory_parse(const char *text,
				    const struct fe_mem_setting *s,
				    unsigned version, struct fe_mem_refusal *r);

/* ---- settings that take one of a few words: DUCKDB_WORDS (duckdb_words.def) ---- */

/* How dbt-duckdb hands a setting's value to DuckDB. */
enum fe_words_via {
	FE_WORDS_SET = 1 << 0,		/* settings: SET name = '<text>' */
	FE_WORDS_CONFIG = 1 << 1	/* config_options: duckdb.connect(config=),
					 * duckdb_set_config() */
};

struct fe_words {
	const char *words;	/* the words, sorted, joined by '|' */
	bool any_case;		/* taken in any case (else exactly so) */
};

/*
 * The words DuckDB `version` takes, and nothing else, for setting `name`
 * (case-insensitive) handed over `via`; false when the setting is not
 * judged so there (no closed set of words, or every value refused or
 * taken that way).  Read from each release's source and confirmed on
 * its engine (src/engine/data/duckdb-words/, tools/probe_words.py), held
 * to the probes by tests/unit/test_engine_words.c.
 */
bool fe_setting_words(const char *name, unsigned version,
		      enum fe_words_via via, struct fe_words *w);

/* Is `text` one of the words of *w? */
bool fe_words_take(const struct fe_words *w, const char *text);

/* ---- extensions: DUCKDB_EXTENSION_ALIAS ---- */

/*
 * The extension DuckDB `version` installs and loads for `name`: the
 * canonical name of an alias (https -> httpfs), else `name` itself.
 */
const char *fe_extension_canonical(const char *name, unsigned version);

/* Row counts, for the tests that walk every row. */
size_t fe_setting_count(void);
const struct fe_setting *fe_setting_at(size_t i);
size_t fe_alias_keyword_count(void);
const char *fe_alias_keyword_at(size_t i);
size_t fe_database_name_count(void);
const char *fe_database_name_at(size_t i);

#endif
