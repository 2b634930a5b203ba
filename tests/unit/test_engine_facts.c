/*
 * Unit tests for the version-keyed engine facts (the .def files in
 * src/engine/data/): every table compiles with the row macros of
 * facts.h, its ranges are well formed and name known versions, no name
 * holds twice at one version, and the facts observed on the real engine
 * (../shared/reference/duckdb-1.4.3-observed.md) and read from the
 * iceberg extension's source (issue 9) hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine/data/facts.h"

struct release {
	unsigned v;
	const char *name;
	const char *npm;
	const char *pin;
	unsigned flags;
};

struct row {
	const char *name;
	unsigned first, last;
	unsigned a, b;		/* flags, input type; or auths, kind */
	const char *ext;
};

static const struct release releases[] = {
#define DUCKDB_RELEASE(v, name, npm, pin, flags) {v, name, npm, pin, flags},
#include "engine/data/duckdb_releases.def"
#undef DUCKDB_RELEASE
};

static const struct row settings[] = {
#define DUCKDB_SETTING(name, first, last, flags, type) \
	{name, first, last, flags, type, NULL},
#include "engine/data/duckdb_settings.def"
#undef DUCKDB_SETTING
};

static const struct row ext_settings[] = {
#define DUCKDB_EXTENSION_SETTING(name, ext, first, last) \
	{name, first, last, 0, 0, ext},
#include "engine/data/duckdb_extension_settings.def"
#undef DUCKDB_EXTENSION_SETTING
};

static const struct row attach[] = {
#define ICEBERG_ATTACH_OPTION(name, first, last, auths, kind) \
	{name, first, last, auths, kind, NULL},
#include "engine/data/iceberg_attach.def"
#undef ICEBERG_ATTACH_OPTION
};

static const struct row secret[] = {
#define ICEBERG_SECRET_PARAM(name, first, last) {name, first, last, 0, 0, NULL},
#include "engine/data/iceberg_secret.def"
#undef ICEBERG_SECRET_PARAM
};

static const struct row ext_aliases[] = {
#define DUCKDB_EXTENSION_ALIAS(alias, ext, first, last) \
	{alias, first, last, 0, 0, ext},
#include "engine/data/duckdb_extensions.def"
#undef DUCKDB_EXTENSION_ALIAS
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool holds(const struct row *r, unsigned v)
{
	return v >= r->first && (r->last == FE_V_OPEN || v <= r->last);
}

/* The row for `name` at version v, NULL when the name is unknown there. */
static const struct row *find(const struct row *t, size_t n,
			      const char *name, unsigned v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(t[i].name, name) && holds(&t[i], v))
			return &t[i];
	return NULL;
}

static bool known_version(unsigned v)
{
	for (size_t i = 0; i < N(releases); i++)
		if (releases[i].v == v)
			return true;
	return false;
}

static void test_releases_ordered(void **state)
{
	(void)state;
	assert_true(N(releases) >= 2);
	for (size_t i = 1; i < N(releases); i++)
		assert_true(releases[i - 1].v < releases[i].v);
	/* main is the last row and the only unreleased one */
	assert_int_equal(releases[N(releases) - 1].v, FE_V_MAIN);
	for (size_t i = 0; i < N(releases); i++) {
		bool is_main = releases[i].v == FE_V_MAIN;

		assert_int_equal(!!(releases[i].flags & FE_REL_UNRELEASED),
				 is_main);
		assert_int_equal(releases[i].npm[0] == '\0', is_main);
		assert_int_equal(strlen(releases[i].pin), 40);
	}
	assert_non_null(find(settings, N(settings), "threads", FE_V(1, 4, 0)));
}

static void check_table(const struct row *t, size_t n, const char *what)
{
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &t[i];

		if (!known_version(r->first))
			fail_msg("%s %s: first %u is no known version", what,
				 r->name, r->first);
		if (r->last != FE_V_OPEN &&
		    (!known_version(r->last) || r->last < r->first))
			fail_msg("%s %s: bad last %u", what, r->name, r->last);
		/* one row per name and version */
		for (size_t k = 0; k < N(releases); k++) {
			unsigned v = releases[k].v;

			if (holds(r, v) && find(t, n, r->name, v) != r)
				fail_msg("%s %s: two rows at %s", what,
					 r->name, releases[k].name);
		}
	}
}

static void test_ranges_and_uniqueness(void **state)
{
	(void)state;
	check_table(settings, N(settings), "setting");
	check_table(ext_settings, N(ext_settings), "extension setting");
	check_table(attach, N(attach), "attach option");
	check_table(secret, N(secret), "secret parameter");
	check_table(ext_aliases, N(ext_aliases), "extension alias");
	for (size_t i = 0; i < N(attach); i++) {
		assert_true(attach[i].a != 0);
		assert_true((attach[i].a & ~(unsigned)FE_AUTH_ALL) == 0);
		assert_true(attach[i].b <= FE_OPT_MAP);
	}
	/* a core setting has the input type its engine listed; an
	 * extension's has none (not listed without the extension) */
	for (size_t i = 0; i < N(settings); i++) {
		bool ext = settings[i].a & FE_SET_EXTENSION;

		assert_true(settings[i].b <= FE_TYPE_VARCHAR_LIST);
		if (ext != (settings[i].b == FE_TYPE_UNKNOWN))
			fail_msg("setting %s: type %u with flags %#x",
				 settings[i].name, settings[i].b,
				 settings[i].a);
	}
	assert_int_equal(find(settings, N(settings), "vacuum_rebuild_indexes",
			      FE_V(1, 5, 6))->b, FE_TYPE_UBIGINT);
	assert_int_equal(find(settings, N(settings), "threads",
			      FE_V(1, 4, 3))->b, FE_TYPE_BIGINT);
	/* every extension setting is flagged so in the settings table */
	for (size_t i = 0; i < N(ext_settings); i++) {
		const struct row *s = find(settings, N(settings),
					   ext_settings[i].name,
					   ext_settings[i].first);

		assert_non_null(s);
		assert_true(s->a & FE_SET_EXTENSION);
	}
}

static unsigned setting_flags(const char *name, unsigned v)
{
	const struct row *r = find(settings, N(settings), name, v);

	if (!r)
		fail_msg("setting %s unknown at %u", name, v);
	return r->a;
}

/* duckdb-1.4.3-observed.md */
static void test_observed_on_1_4_3(void **state)
{
	const unsigned v = FE_V(1, 4, 3);
	const unsigned startup = FE_SET_STARTUP_ONLY | FE_SET_STARTUP_RELAX;

	(void)state;
	assert_true(setting_flags("allow_persistent_secrets", v) &
		    FE_SET_SECRET_MANAGER);
	assert_true(setting_flags("secret_directory", v) &
		    FE_SET_SECRET_MANAGER);
	assert_false(setting_flags("default_secret_storage", v) &
		     FE_SET_SECRET_MANAGER);
	assert_true(setting_flags("access_mode", v) & FE_SET_STARTUP_ONLY);
	assert_true(setting_flags("custom_user_agent", v) &
		    FE_SET_STARTUP_ONLY);
	assert_true(setting_flags("duckdb_api", v) & FE_SET_STARTUP_ONLY);
	assert_true(setting_flags("allow_unsigned_extensions", v) &
		    FE_SET_STARTUP_RELAX);
	assert_true(setting_flags("allow_unredacted_secrets", v) &
		    FE_SET_STARTUP_RELAX);
	assert_true(setting_flags("enable_external_access", v) &
		    FE_SET_STARTUP_RELAX);
	assert_true(setting_flags("disable_database_invalidation", v) &
		    FE_SET_STARTUP_RELAX);
	assert_false(setting_flags("allow_community_extensions", v) &
		     startup);
	assert_int_equal(setting_flags("memory_limit", v) &
			 ~(unsigned)FE_SET_ALIAS, 0);
	assert_int_equal(setting_flags("threads", v), 0);
	assert_int_equal(setting_flags("lock_configuration", v), 0);
	assert_int_equal(setting_flags("autoinstall_known_extensions", v), 0);
	/* s3_region: "the required extension 'httpfs'" */
	assert_true(setting_flags("s3_region", v) & FE_SET_EXTENSION);
	assert_string_equal(find(ext_settings, N(ext_settings), "s3_region",
				 v)->ext, "httpfs");
	assert_null(find(settings, N(settings), "memory_limt", v));
	/* not observed above, but by the extraction: 1.5 refuses =true */
	assert_true(setting_flags("allow_community_extensions", FE_V(1, 5, 0)) &
		    FE_SET_STARTUP_RELAX);
	/* by hand, from duckdb/dbt-duckdb#589 */
	assert_true(setting_flags("motherduck_token", v) & FE_SET_INIT_ONLY);
	/* the Python client's own (duckdb-python pyconnection.cpp,
	 * AddExtensionOption), on every release: not the engine's */
	for (unsigned r = FE_V(1, 4, 0); r <= FE_V(1, 5, 6);
	     r = r == FE_V(1, 4, 5) ? FE_V(1, 5, 0) : r + 1) {
		assert_int_equal(setting_flags("pandas_analyze_sample", r),
				 FE_SET_CLIENT);
		assert_int_equal(find(settings, N(settings),
				      "pandas_analyze_sample", r)->b,
				 FE_TYPE_UBIGINT);
		assert_int_equal(setting_flags("python_enable_replacements",
					       r), FE_SET_CLIENT);
		assert_int_equal(find(settings, N(settings),
				      "python_scan_all_frames", r)->b,
				 FE_TYPE_BOOLEAN);
	}
}

static const struct row *opt(const char *name, unsigned v)
{
	return find(attach, N(attach), name, v);
}

/* issue 9 section 1, field-failures-and-options.md section c */
static void test_iceberg_attach_versions(void **state)
{
	(void)state;
	assert_null(opt("access_delegation_mode", FE_V(1, 4, 0)));
	assert_non_null(opt("access_delegation_mode", FE_V(1, 4, 1)));
	assert_null(opt("default_schema", FE_V(1, 4, 1)));
	assert_non_null(opt("default_schema", FE_V(1, 4, 2)));
	assert_non_null(opt("support_stage_create", FE_V(1, 4, 0)));
	assert_non_null(opt("support_stage_create", FE_V(1, 5, 3)));
	assert_null(opt("support_stage_create", FE_V(1, 5, 4)));
	assert_null(opt("stage_create_tables", FE_V(1, 5, 3)));
	assert_non_null(opt("stage_create_tables", FE_V(1, 5, 4)));
	assert_null(opt("sigv4_region", FE_V(1, 5, 1)));
	assert_null(opt("sigv4_service", FE_V(1, 5, 1)));
	assert_int_equal(opt("sigv4_region", FE_V(1, 5, 2))->a, FE_AUTH_SIGV4);
	assert_int_equal(opt("sigv4_service", FE_V(1, 5, 2))->a,
			 FE_AUTH_SIGV4);
	assert_int_equal(opt("uri", FE_V_MAIN)->first, FE_V_MAIN);
	for (size_t i = 0; i < N(releases); i++)
		if (releases[i].v != FE_V_MAIN)
			assert_null(opt("uri", releases[i].v));
	assert_non_null(opt("endpoint", FE_V_MAIN));
	assert_null(opt("extra_http_headers", FE_V(1, 4, 4)));
	assert_int_equal(opt("extra_http_headers", FE_V(1, 5, 0))->a,
			 FE_AUTH_ALL);
	assert_int_equal(opt("encode_entire_prefix", FE_V(1, 5, 0))->b,
			 FE_OPT_PRESENCE);
	assert_int_equal(opt("max_table_staleness", FE_V(1, 5, 0))->b,
			 FE_OPT_INTERVAL);
	assert_int_equal(opt("default_region", FE_V(1, 4, 3))->a,
			 FE_AUTH_OAUTH2);
	assert_int_equal(opt("secret", FE_V(1, 4, 3))->a,
			 FE_AUTH_OAUTH2 | FE_AUTH_SIGV4);
	assert_int_equal(opt("client_id", FE_V(1, 5, 5))->a, FE_AUTH_OAUTH2);
	assert_int_equal(opt("authorization_type", FE_V(1, 4, 0))->b,
			 FE_OPT_ENUM);
	assert_int_equal(opt("support_nested_namespaces", FE_V(1, 4, 0))->b,
			 FE_OPT_BOOL);
	for (const char *const *n = (const char *const[]){
		     "disable_multi_table_commit",
		     "skip_create_table_metadata_updates",
		     "remove_files_on_delete", NULL}; *n; n++) {
		assert_null(opt(*n, FE_V(1, 5, 3)));
		assert_non_null(opt(*n, FE_V(1, 5, 4)));
	}
}

static void test_iceberg_secret_versions(void **state)
{
	(void)state;
	for (const char *const *n = (const char *const[]){
		     "client_id", "client_secret", "endpoint", "token",
		     "oauth2_scope", "oauth2_server_uri",
		     "oauth2_grant_type", NULL}; *n; n++)
		assert_non_null(find(secret, N(secret), *n, FE_V(1, 4, 0)));
	for (const char *const *n = (const char *const[]){
		     "refresh_token", "expires_in", "extra_http_headers",
		     NULL}; *n; n++) {
		assert_null(find(secret, N(secret), *n, FE_V(1, 4, 5)));
		assert_non_null(find(secret, N(secret), *n, FE_V(1, 5, 0)));
	}
	assert_null(find(secret, N(secret), "uri", FE_V(1, 5, 5)));
	assert_non_null(find(secret, N(secret), "uri", FE_V_MAIN));
	/* ATTACH-only keys are no secret parameters */
	assert_null(find(secret, N(secret), "default_region", FE_V(1, 5, 5)));
	assert_null(find(secret, N(secret), "access_delegation_mode",
			 FE_V(1, 5, 5)));
}

static void test_iceberg_extension_settings(void **state)
{
	(void)state;
	assert_true(setting_flags("unsafe_enable_version_guessing",
				  FE_V(1, 4, 0)) & FE_SET_EXTENSION);
	assert_string_equal(find(ext_settings, N(ext_settings),
				 "unsafe_enable_version_guessing",
				 FE_V(1, 4, 0))->ext, "iceberg");
	assert_null(find(settings, N(settings),
			 "iceberg_use_server_side_scan_planning",
			 FE_V(1, 5, 5)));
	assert_non_null(find(settings, N(settings),
			     "iceberg_use_server_side_scan_planning",
			     FE_V_MAIN));
}

static const char *alias_of(const char *name, unsigned v)
{
	const struct row *r = find(ext_aliases, N(ext_aliases), name, v);

	return r ? r->ext : name;
}

/* What each release's libduckdb.so answered (duckdb-extensions/), and
 * internal_aliases[] of extension_alias.cpp at the tags agrees. */
static void test_extension_aliases(void **state)
{
	(void)state;
	/* from the oldest release on, not from 1.4.3 (issue 9) */
	assert_string_equal(alias_of("https", FE_V(1, 4, 0)), "httpfs");
	assert_string_equal(alias_of("s3", FE_V(1, 4, 0)), "httpfs");
	assert_string_equal(alias_of("http", FE_V(1, 4, 2)), "httpfs");
	assert_string_equal(alias_of("md", FE_V(1, 4, 0)), "motherduck");
	assert_string_equal(alias_of("sqlite3", FE_V(1, 4, 0)),
			    "sqlite_scanner");
	/* the old name of unity_catalog, applied from 1.4.3 */
	assert_string_equal(alias_of("uc_catalog", FE_V(1, 4, 2)),
			    "uc_catalog");
	assert_string_equal(alias_of("uc_catalog", FE_V(1, 4, 3)),
			    "unity_catalog");
	/* odbc from 1.5.0 */
	assert_string_equal(alias_of("odbc", FE_V(1, 4, 5)), "odbc");
	assert_string_equal(alias_of("odbc", FE_V(1, 5, 0)), "odbc_scanner");
	assert_string_equal(alias_of("httpfs", FE_V(1, 5, 0)), "httpfs");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_releases_ordered),
		cmocka_unit_test(test_ranges_and_uniqueness),
		cmocka_unit_test(test_observed_on_1_4_3),
		cmocka_unit_test(test_iceberg_attach_versions),
		cmocka_unit_test(test_iceberg_secret_versions),
		cmocka_unit_test(test_iceberg_extension_settings),
		cmocka_unit_test(test_extension_aliases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
