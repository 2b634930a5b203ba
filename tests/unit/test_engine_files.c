/*
 * One database file under two paths: fe_database_file_key() held to what
 * every release's engine did (src/engine/data/duckdb-files/VERSION.tsv,
 * tools/probe_files.py), and its cases one by one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "engine/engine.h"
#include "fixture.h"

/* the probe's scratch folder, written <dir> in its rows */
static void place(char *out, size_t size, const char *path)
{
	if (!strncmp(path, "<dir>", 5))
		snprintf(out, size, "/probe-dir%s", path + 5);
	else
		snprintf(out, size, "%s", path);
}

/*
 * Equal keys: the engine refused the second ATTACH as a conflict, in both
 * forms (no false alarm).  A conflict the keys do not show is allowed only
 * where the key is documented as not judging: a relative path against an
 * absolute one, and ".." under FE_FILE_NORMALIZED.
 */
static void test_engine_files_every_probe(void **state)
{
	size_t releases = 0, same = 0, unjudged = 0;

	(void)state;
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);
		struct fx_probe probe;
		char *col[5];

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		releases++;
		assert_int_not_equal(fe_file_identity(rel->version),
				     FE_FILE_UNKNOWN);
		fx_probe_open(&probe, "duckdb-files", rel->name,
			      "src/engine/data/tools/extract_all.sh --only "
			      "files");
		while (fx_probe_row(&probe, col, 5)) {
			char a[256], b[256], ka[256], kb[256];
			size_t na, nb;
			bool conflict, one;

			if (!strcmp(col[0], "slash"))
				continue;	/* below */
			place(a, sizeof(a), col[1]);
			place(b, sizeof(b), col[2]);
			conflict = strstr(col[3], "Unique file handle conflict");
			assert_true(!conflict ==
				    !strstr(col[4], "Unique file handle "
						    "conflict"));
			na = fe_database_file_key(a, rel->version, ka);
			nb = fe_database_file_key(b, rel->version, kb);
			one = na && nb && !strcmp(ka, kb);
			if (one && !conflict)
				fail_msg("%s: '%s' and '%s' are one file to the "
					 "model, two to the engine", rel->name,
					 a, b);
			if (conflict && !one) {
				bool mixed = (*a == '/') != (*b == '/');

				if (!mixed && !strstr(a, "..") &&
				    !strstr(b, ".."))
					fail_msg("%s: '%s' and '%s' are one file "
						 "to the engine, not judged",
						 rel->name, a, b);
				unjudged++;
			}
			same += one;
		}
		fx_probe_close(&probe);
	}
	assert_true(releases >= 13);
	assert_true(same >= releases * 2);
	assert_true(unjudged > 0);
}

/*
 * A path ending in '/' (the probe's `slash` rows): fe_path_slash() and the
 * name fe_duckdb_path_database() gives, held to every release's engine.
 * The name is checked where the engine shows it: the database attached
 * without AS, or the taken name IF NOT EXISTS did nothing under; where the
 * ATTACH failed ("Is a directory") plain ATTACH gives no name.
 */
static void test_engine_files_slash_rows(void **state)
{
	size_t rows = 0, named = 0, failed = 0;

	(void)state;
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);
		enum fe_path_slash slash;
		struct fx_probe probe;
		char *col[5];

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		slash = fe_path_slash(rel->version);
		assert_int_not_equal(slash, FE_SLASH_UNKNOWN);
		fx_probe_open(&probe, "duckdb-files", rel->name,
			      "src/engine/data/tools/extract_all.sh --only "
			      "files");
		while (fx_probe_row(&probe, col, 5)) {
			char path[256];

			if (strcmp(col[0], "slash"))
				continue;
			rows++;
			place(path, sizeof(path), col[1]);
			for (int form = 0; form < 2; form++) {
				const char *out = col[3 + form], *want = NULL;
				const char *name;
				char got[128];
				size_t len = 0;

				name = fe_duckdb_path_database(path, NULL, form,
							       rel->version,
							       &len);
				snprintf(got, sizeof(got), "%.*s",
					 name ? (int)len : 0, name ? name : "");
				if (strstr(out, "Is a directory")) {
					assert_int_equal(slash, FE_SLASH_FAILS);
					failed++;
					if (!form && name)
						fail_msg("%s: plain '%s' fails, "
							 "named '%s'", rel->name,
							 path, got);
					continue;
				}
				if (!strncmp(col[2], "taken:", 6) && form) {
					want = col[2] + 6;	/* nothing done */
				} else if (!strcmp(col[2], "-") &&
					   !strncmp(out, "OK: ", 4) && out[4]) {
					assert_int_equal(slash,
							 FE_SLASH_DROPPED);
					want = out + 4;	/* name=path */
				}
				if (!want)
					continue;
				if (!name || strncasecmp(want, got, len) ||
				    (want[len] && want[len] != '='))
					fail_msg("%s: '%s' (%s) is '%s' to the "
						 "engine, '%s' to the model",
						 rel->name, path,
						 form ? "IF NOT EXISTS" : "plain",
						 want, got);
				named++;
			}
		}
		fx_probe_close(&probe);
	}
	assert_true(rows >= 13 * 8);
	assert_true(named > 0 && failed > 0);
}

static void test_engine_files_keys(void **state)
{
	static const struct {
		const char *path;
		unsigned version;
		const char *key;	/* NULL: no key */
	} cases[] = {
		{ "Dev.DuckDB", FE_V(1, 4, 3), "dev.duckdb" },
		{ "./a.duckdb", FE_V(1, 4, 3), "./a.duckdb" },
		{ "./a.duckdb", FE_V(1, 5, 0), "a.duckdb" },
		{ "x//./y/a.duckdb", FE_V(1, 5, 6), "x/y/a.duckdb" },
		{ "/srv//db/./a.duckdb", FE_V(1, 5, 6), "/srv/db/a.duckdb" },
		{ "~/a.duckdb", FE_V(1, 5, 6), "~/a.duckdb" },
		{ "A.duckdb", FE_V(1, 5, 6), "A.duckdb" },
		{ "x/../a.duckdb", FE_V(1, 5, 6), NULL },
		{ "x/../a.duckdb", FE_V(1, 4, 5), "x/../a.duckdb" },
		{ ":memory:", FE_V(1, 4, 3), NULL },
		{ "", FE_V(1, 4, 3), NULL },
		{ "md:my_db", FE_V(1, 5, 6), NULL },
		{ "s3://bucket/a.duckdb", FE_V(1, 4, 3), NULL },
		{ "./", FE_V(1, 5, 6), NULL },
		{ "/", FE_V(1, 5, 6), NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char key[64];
		size_t n = fe_database_file_key(cases[i].path,
						cases[i].version, key);

		if (!cases[i].key) {
			if (n)
				fail_msg("'%s': key '%s', want none",
					 cases[i].path, key);
		} else if (!n || strcmp(key, cases[i].key) ||
			   n != strlen(key)) {
			fail_msg("'%s': key '%s', want '%s'", cases[i].path,
				 n ? key : "", cases[i].key);
		}
	}
	assert_int_equal(fe_file_identity(FE_V(1, 4, 0)), FE_FILE_TEXT_CI);
	assert_int_equal(fe_file_identity(FE_V(1, 5, 0)), FE_FILE_NORMALIZED);
}

/*
 * fe_path_names_folder(): the paths probe_files.py's `folder` rows
 * attach (every release refuses each: "Is a directory") and the files
 * beside them.
 */
static void test_path_names_folder(void **state)
{
	static const char *const folder[] = {
		"/", "//", "./", ".", "sub/./", "sub/..", "..", "../", "a/b/..//",
		NULL
	};
	static const char *const file[] = {
		"lake.duckdb", "./lake.duckdb", "..data.duckdb", "sub/.x",
		"data/../raw.duckdb", "...", "", NULL
	};

	(void)state;
	for (size_t i = 0; folder[i]; i++)
		if (!fe_path_names_folder(folder[i]))
			fail_msg("'%s' names a folder", folder[i]);
	for (size_t i = 0; file[i]; i++)
		if (fe_path_names_folder(file[i]))
			fail_msg("'%s' names no folder", file[i]);
	assert_false(fe_path_names_folder(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_files_every_probe),
		cmocka_unit_test(test_engine_files_slash_rows),
		cmocka_unit_test(test_engine_files_keys),
		cmocka_unit_test(test_path_names_folder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
