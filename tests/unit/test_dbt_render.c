/*
 * Unit tests for src/engine/dbt_render.c: dbt-duckdb's rendering per
 * release, and the database name it derives from `path`.  The expected
 * names were produced by dbt-duckdb's own code (Python's urlparse() and
 * os.path.splitext(), credentials.py path_derived_database_name()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engine/dbt_render.h"

static void test_dbt_render_rows_follow_the_releases(void **state)
{
	(void)state;
	assert_true(fe_dbt_renders(FE_DBT_SECRETS_PER_CURSOR, FE_V(1, 9, 0)));
	assert_false(fe_dbt_renders(FE_DBT_SECRETS_PER_CURSOR, FE_V(1, 9, 1)));
	assert_true(fe_dbt_renders(FE_DBT_SECRET_HEADERS_QUOTED,
				   FE_V(1, 9, 0)));
	assert_false(fe_dbt_renders(FE_DBT_SECRET_HEADERS_QUOTED,
				    FE_V(1, 9, 1)));
	assert_false(fe_dbt_renders(FE_DBT_SECRET_SCOPE_LINES, FE_V(1, 9, 2)));
	assert_true(fe_dbt_renders(FE_DBT_SECRET_SCOPE_LINES, FE_V(1, 9, 3)));
	assert_false(fe_dbt_renders(FE_DBT_DATABASE_MAY_BE_ALIAS,
				    FE_V(1, 9, 3)));
	assert_true(fe_dbt_renders(FE_DBT_DATABASE_MAY_BE_ALIAS,
				   FE_V(1, 9, 4)));
	assert_false(fe_dbt_renders(FE_DBT_ESCAPE_QUOTES, FE_V(1, 10, 1)));
	assert_true(fe_dbt_renders(FE_DBT_ESCAPE_QUOTES, FE_V(1, 11, 0)));
	assert_false(fe_dbt_renders(FE_DBT_OPTION_QUOTED_NEEDS_TWO,
				    FE_V(1, 10, 1)));
	assert_true(fe_dbt_renders(FE_DBT_OPTION_QUOTED_NEEDS_TWO,
				   FE_V(1, 11, 0)));
	assert_true(fe_dbt_renders(FE_DBT_MD_USER_AGENT_TO_CONFIG,
				   FE_V(1, 9, 0)));
	assert_true(fe_dbt_renders(FE_DBT_MD_USER_AGENT_TO_CONFIG,
				   FE_V(1, 11, 0)));
	assert_false(fe_dbt_renders(FE_DBT_RENDER_NR, FE_V(1, 11, 0)));
	/* every row cites its commit and tag */
	for (unsigned i = 0; i < FE_DBT_RENDER_NR; i++) {
		const struct fe_dbt_render_row *r =
			fe_dbt_render_row((enum fe_dbt_render)i);

		assert_non_null(r);
		assert_non_null(strchr(r->source, '('));
		assert_true(r->first >= FE_V(1, 9, 0));
	}
	assert_null(fe_dbt_render_row(FE_DBT_RENDER_NR));
}

static void test_dbt_path_database_is_pythons(void **state)
{
	static const struct {
		const char *path, *name, *name_1_9_4;
	} cases[] = {
		{ NULL, "memory", "memory" },
		{ ":memory:", "memory", "memory" },
		{ "dev.duckdb", "dev", "dev" },
		{ "/data/warehouse/prod.duckdb", "prod", "prod" },
		{ "md:", "my_db", "my_db" },
		{ "md:analytics", "analytics", "analytics" },
		{ "motherduck:x?token=1", "x", "x" },
		{ "s3://bucket/dir/file.duckdb?v=1#f", "file", "file" },
		{ "s3://bucket/", "", "" },
		{ ".duckdb", ".duckdb", ".duckdb" },
		{ "..x", "..x", "..x" },
		{ "a.b.c", "a.b", "a.b" },
		{ "dir/a.duckdb;v=1", "a", "a" },
		{ "ducklake:metadata.ducklake", "metadata", "metadata" },
		{ "ducklake:md:foo.ducklake", "foo", "md:foo" },
		{ "DuckLake:s3://b/cat.ducklake", "cat", "cat" },
		{ "C:/x/y.db", "y", "y" },
		{ "http://h/p;q/a.db;z", "a", "a" },
		{ "file:///tmp/z.duckdb", "z", "z" },
		{ "quickstart_catalog", "quickstart_catalog",
		  "quickstart_catalog" },
		{ "1abc:x.db", "1abc:x", "1abc:x" },
		{ "a+b:x/y.db", "y", "y" },
		{ "postgres:dbname=x host=h", "dbname=x host=h",
		  "dbname=x host=h" },
		{ "", "", "" },
		{ "/", "", "" },
		{ "a/b/", "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		const char *n;

		n = fe_dbt_path_database(cases[i].path, FE_V(1, 11, 0), &len);
		if (len != strlen(cases[i].name) ||
		    strncmp(n, cases[i].name, len))
			fail_msg("%s: '%.*s', not '%s'", cases[i].path,
				 (int)len, n, cases[i].name);
		n = fe_dbt_path_database(cases[i].path, FE_V(1, 9, 4), &len);
		if (len != strlen(cases[i].name_1_9_4) ||
		    strncmp(n, cases[i].name_1_9_4, len))
			fail_msg("%s (1.9.4): '%.*s', not '%s'", cases[i].path,
				 (int)len, n, cases[i].name_1_9_4);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dbt_render_rows_follow_the_releases),
		cmocka_unit_test(test_dbt_path_database_is_pythons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
