/*
 * Unit tests for src/sql.c (the statements dbt-duckdb runs) and for the
 * part of src/verify.c that proves them on DuckDB's parser.
 *
 * A profile is a small YAML string with one output; plan() renders it
 * and the tests look at single statements.  The last tests parse every
 * golden `sql` output with the real DuckDB library ($FLOE_DUCKDB_LIB):
 * each must be valid DuckDB SQL, except the cases marked with a file
 * named `parser-error-expected` (old releases that do not escape ').
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/fileio.h"
#include "floe/sql.h"
#include "floe/verify.h"

#define FILE_NAME "profiles.yml"

#define PROFILE(body)							\
	"p:\n"								\
	"  target: dev\n"						\
	"  outputs:\n"							\
	"    dev:\n"							\
	"      type: duckdb\n"						\
	body

struct fixture {
	struct floe_sql_plan *plan;
	struct floe_diags diags;
	char *script;
};

static const char *fake_env(const char *name)
{
	if (!strcmp(name, "CLIENT_ID"))
		return "from-env";
	if (!strcmp(name, "DBT_ENV_SECRET_X"))
		return "env-secret";
	if (!strcmp(name, "EMPTY"))
		return "";
	return NULL;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	floe_sql_plan_free(f->plan);
	floe_diags_release(&f->diags);
	free(f->script);
	free(f);
	return 0;
}

static void reset(struct fixture *f)
{
	floe_sql_plan_free(f->plan);
	floe_diags_release(&f->diags);
	free(f->script);
	f->plan = NULL;
	f->script = NULL;
}

static enum floe_err plan_with(struct fixture *f, const char *yaml,
			       const struct floe_sql_options *opt)
{
	size_t len;
	enum floe_err err;

	reset(f);
	err = floe_sql_plan(FILE_NAME, yaml, strlen(yaml), opt, &f->plan,
			    &f->diags);
	if (err == FLOE_OK)
		assert_int_equal(floe_sql_render(f->plan, &f->script, &len),
				 FLOE_OK);
	return err;
}

static void plan(struct fixture *f, const char *yaml)
{
	struct floe_sql_options opt;

	memset(&opt, 0, sizeof(opt));
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
}

static void plan_version(struct fixture *f, const char *yaml,
			 const char *version)
{
	struct floe_sql_options opt;

	memset(&opt, 0, sizeof(opt));
	assert_int_equal(floe_dbt_version_parse(version, &opt.dbt_version),
			 0);
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
}

/* The one statement of a kind (the n-th), as shown / as run. */
static const struct floe_sql_stmt *stmt(struct fixture *f,
					enum floe_sql_kind kind, size_t n)
{
	assert_int_equal(f->plan->nr, 1);
	for (size_t i = 0; i < f->plan->conns[0].nr; i++)
		if (f->plan->conns[0].stmts[i].kind == kind && !n--)
			return &f->plan->conns[0].stmts[i];
	fail_msg("no statement of kind %d", kind);
	return NULL;
}

static const char *shown(struct fixture *f, enum floe_sql_kind kind)
{
	return stmt(f, kind, 0)->shown;
}

static bool has_diag(struct fixture *f, enum floe_severity sev,
		     const char *text)
{
	for (size_t i = 0; i < f->diags.nr; i++)
		if (f->diags.items[i].severity == sev &&
		    strstr(f->diags.items[i].message, text))
			return true;
	return false;
}

/* ---- versions ---- */

static void test_sql_version_parses_releases_from_1_9(void **state)
{
	struct floe_dbt_version v, w;

	(void)state;
	assert_int_equal(floe_dbt_version_parse("1.9.4", &v), 0);
	assert_int_equal(v.major, 1);
	assert_int_equal(v.minor, 9);
	assert_int_equal(v.patch, 4);
	assert_int_equal(floe_dbt_version_parse("1.10", &w), 0);
	assert_int_equal(w.patch, 0);
	assert_true(floe_dbt_version_cmp(v, w) < 0);
	assert_int_equal(floe_dbt_version_parse("v1.11.0", &w), 0);
	assert_int_equal(floe_dbt_version_parse("1.8.9", &v), -1);
	assert_int_equal(floe_dbt_version_parse("1.9.x", &v), -1);
	assert_int_equal(floe_dbt_version_parse("1", &v), -1);
	assert_int_equal(floe_dbt_version_parse("", &v), -1);
}

/* ---- attach ---- */

#define ATTACH_OPTIONS(opts)						\
	PROFILE("      attach:\n"					\
		"        - path: cat\n"					\
		"          alias: c\n"					\
		"          type: iceberg\n"				\
		"          options:\n"					\
		opts)

static void test_sql_attach_renders_each_value_kind(void **state)
{
	struct fixture *f = *state;

	plan(f, ATTACH_OPTIONS("            endpoint: http://h/api/catalog\n"
			       "            quote: \"it's\"\n"
			       "            single: \"'already'\"\n"
			       "            double: '\"already\"'\n"
			       "            lone: \"'\"\n"
			       "            number: 10\n"
			       "            hex: 0x10\n"
			       "            ratio: 1.50\n"
			       "            big: 1.0e+16\n"
			       "            flag_on: true\n"
			       "            flag_off: false\n"
			       "            none: ~\n"
			       "            text_false: 'false'\n"
			       "            map: {a: 1, b: x}\n"
			       "            list: [a, 2]\n"));
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH IF NOT EXISTS 'cat' AS c (TYPE iceberg, "
			    "ENDPOINT 'http://h/api/catalog', QUOTE 'it''s', "
			    "SINGLE 'already', DOUBLE \"already\", "
			    /* 1.11.0: a lone ' is not "already quoted" */
			    "LONE '''', "
			    "NUMBER 10, HEX 16, RATIO 1.5, BIG 1e+16, FLAG_ON, "
			    "TEXT_FALSE 'false', MAP {'a': 1, 'b': 'x'}, "
			    "LIST ['a', 2])");
	/* YAML 1.1 reads the key `on` as True: key.upper() fails */
	plan(f, ATTACH_OPTIONS("            on: true\n"));
	assert_true(has_diag(f, FLOE_SEV_ERROR, "must be strings"));
}

static void test_sql_attach_quirks_follow_the_release(void **state)
{
	struct fixture *f = *state;
	const char *yaml = PROFILE("      attach:\n"
				   "        - path: \"wh?x=1&it's\"\n"
				   "          type: iceberg\n"
				   "          options:\n"
				   "            client_id: \"o'id\"\n");

	plan(f, yaml);
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH IF NOT EXISTS 'wh?x=1&it''s' (TYPE iceberg, "
			    "CLIENT_ID 'o''id')");
	plan_version(f, yaml, "1.10.2");
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH IF NOT EXISTS 'wh' (TYPE iceberg, "
			    "CLIENT_ID 'o'id')");
	plan_version(f, yaml, "1.9.4");
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH 'wh' (TYPE iceberg, CLIENT_ID 'o'id')");
	/* options arrived in 1.9.4: dbt rejects the profile before */
	plan_version(f, yaml, "1.9.3");
	assert_true(has_diag(f, FLOE_SEV_ERROR, "attach key 'options'"));
}

static void test_sql_attach_motherduck_query_is_stripped(void **state)
{
	struct fixture *f = *state;

	/* 1.11: only MotherDuck paths lose their query string; an empty
	 * query removes every '?' (str.replace("?", "")) */
	plan(f, PROFILE("      attach:\n"
			"        - path: \"md:db?motherduck_token=t\"\n"
			"        - path: \"MotherDuck:x?\"\n"
			"          alias: y\n"));
	assert_string_equal(stmt(f, FLOE_SQL_ATTACH, 0)->shown,
			    "ATTACH IF NOT EXISTS 'md:db'");
	assert_string_equal(stmt(f, FLOE_SQL_ATTACH, 1)->shown,
			    "ATTACH IF NOT EXISTS 'MotherDuck:x' AS y");
}

static void test_sql_attach_fields_and_options_conflict(void **state)
{
	struct fixture *f = *state;

	plan(f, PROFILE("      attach:\n"
			"        - path: a\n"
			"          read_only: true\n"
			"          options: {read_only: false}\n"
			"        - path: b\n"
			"          options: {read_only: 'no', secret: s, "
			"type: iceberg}\n"));
	assert_true(has_diag(f, FLOE_SEV_ERROR, "['read_only'] specified in "
			     "both"));
	/* a non-empty string is truthy for Python: READ_ONLY */
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH IF NOT EXISTS 'b' (TYPE iceberg, SECRET s, "
			    "READ_ONLY)");
	assert_string_equal(stmt(f, FLOE_SQL_ATTACH, 0)->name, "iceberg");
}

/* ---- secrets ---- */

static void test_sql_secret_renders_each_value_kind(void **state)
{
	struct fixture *f = *state;

	plan(f, PROFILE("      secrets:\n"
			"        - type: s3\n"
			"          use_ssl: false\n"
			"          port: 4566\n"
			"          region: \"o'r\"\n"
			"          provider: config\n"
			"          none: ~\n"
			"          extra_http_headers: {X-A: \"it's\"}\n"
			"          list: [a, b]\n"
			"          scope: [\"s3://a\", \"s3://b\"]\n"));
	assert_string_equal(shown(f, FLOE_SQL_SECRET),
			    "CREATE OR REPLACE SECRET _dbt_secret_1 (\n"
			    "    type s3,\n"
			    "    provider config,\n"
			    "    use_ssl 'False',\n"
			    "    port '4566',\n"
			    "    region 'o''r',\n"
			    "    extra_http_headers map {'X-A': '***'},\n"
			    "    list array ['a', 'b'],\n"
			    "    scope 's3://a',\n"
			    "    scope 's3://b'\n"
			    ")");
	/* every header value is masked; DuckDB gets the real one */
	assert_non_null(strstr(stmt(f, FLOE_SQL_SECRET, 0)->sql,
			       "extra_http_headers map {'X-A': 'it''s'}"));
}

static void test_sql_secret_name_persistent_and_type(void **state)
{
	struct fixture *f = *state;

	plan(f, PROFILE("      secrets:\n"
			"        - type: http\n"
			"          name: mine\n"
			"          persistent: true\n"
			"        - type: http\n"
			"          persistent: 'true'\n"
			"        - type: http\n"
			"          name: ~\n"
			"        - name: no_type\n"));
	assert_string_equal(stmt(f, FLOE_SQL_SECRET, 0)->shown,
			    "CREATE OR REPLACE PERSISTENT SECRET mine (\n"
			    "    type http\n)");
	/* only a YAML true makes it persistent; the index counts every
	 * entry */
	assert_string_equal(stmt(f, FLOE_SQL_SECRET, 1)->shown,
			    "CREATE OR REPLACE SECRET _dbt_secret_2 (\n"
			    "    type http\n)");
	/* a null name: no name, so no OR REPLACE */
	assert_string_equal(stmt(f, FLOE_SQL_SECRET, 2)->shown,
			    "CREATE SECRET (\n    type http\n)");
	assert_true(has_diag(f, FLOE_SEV_ERROR, "KeyError: 'type'"));
}

static void test_sql_secret_values_are_masked(void **state)
{
	struct fixture *f = *state;
	struct floe_sql_options opt;
	const char *yaml = PROFILE("      secrets:\n"
				   "        - type: s3\n"
				   "          key_id: AKIA\n"
				   "          secret: \"s'x\"\n"
				   "          session_token: tok\n"
				   "          region: \"{{ env_var('DBT_ENV_SECRET_X'"
				   ", 'r') }}\"\n"
				   "      settings:\n"
				   "        allow_persistent_secrets: true\n"
				   "        s3_secret_access_key: k\n");
	const struct floe_sql_conn *c;

	plan(f, yaml);
	assert_string_equal(shown(f, FLOE_SQL_SECRET),
			    "CREATE OR REPLACE SECRET _dbt_secret_1 (\n"
			    "    type s3,\n    key_id 'AKIA',\n"
			    "    secret '***',\n    session_token '***',\n"
			    "    region '***'\n)");
	/* what runs has the values */
	assert_non_null(strstr(stmt(f, FLOE_SQL_SECRET, 0)->sql,
			       "secret 's''x'"));
	assert_string_equal(stmt(f, FLOE_SQL_SET, 0)->shown,
			    "SET allow_persistent_secrets = 'True'");
	assert_string_equal(stmt(f, FLOE_SQL_SET, 1)->shown,
			    "SET s3_secret_access_key = '***'");
	c = &f->plan->conns[0];
	assert_true(c->nr_secrets >= 4);
	assert_non_null(strstr(f->script, "masked as '***'"));

	memset(&opt, 0, sizeof(opt));
	opt.show_secrets = true;
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	assert_non_null(strstr(shown(f, FLOE_SQL_SECRET), "secret 's''x'"));
	assert_null(strstr(f->script, "masked"));
}

/* ---- settings, extensions, config, hooks ---- */

static void test_sql_settings_and_config_use_python_str(void **state)
{
	struct fixture *f = *state;

	plan(f, PROFILE("      config_options:\n"
			"        allow_persistent_secrets: false\n"
			"        threads: 4\n"
			"      settings:\n"
			"        enable_progress_bar: yes\n"
			"        memory_limit: 4GB\n"
			"        ratio: .5\n"
			"        nothing: ~\n"
			"        dir: \"/tmp/it's\"\n"));
	assert_string_equal(stmt(f, FLOE_SQL_CONFIG, 0)->value, "False");
	assert_string_equal(stmt(f, FLOE_SQL_CONFIG, 1)->value, "4");
	assert_null(stmt(f, FLOE_SQL_CONFIG, 0)->sql);
	assert_string_equal(stmt(f, FLOE_SQL_SET, 0)->shown,
			    "SET enable_progress_bar = 'True'");
	assert_string_equal(stmt(f, FLOE_SQL_SET, 2)->shown,
			    "SET ratio = '0.5'");
	assert_string_equal(stmt(f, FLOE_SQL_SET, 3)->shown,
			    "SET nothing = 'None'");
	assert_string_equal(stmt(f, FLOE_SQL_SET, 4)->shown,
			    "SET dir = '/tmp/it''s'");
	assert_true(stmt(f, FLOE_SQL_SET, 0)->per_cursor);
	assert_int_equal(stmt(f, FLOE_SQL_SET, 0)->loc.start.line, 10);
	assert_non_null(strstr(f->script, "-- allow_persistent_secrets = "
			       "'False'\n"));
}

static void test_sql_order_is_dbt_duckdbs(void **state)
{
	struct fixture *f = *state;
	static const enum floe_sql_kind order[] = {
		FLOE_SQL_CONFIG, FLOE_SQL_INSTALL, FLOE_SQL_LOAD,
		FLOE_SQL_INSTALL, FLOE_SQL_LOAD, FLOE_SQL_SECRET,
		FLOE_SQL_FILESYSTEM, FLOE_SQL_PLUGIN, FLOE_SQL_ATTACH,
		FLOE_SQL_SET
	};
	const char *yaml = PROFILE("      settings: {threads: 1}\n"
				   "      attach: [{path: a}]\n"
				   "      plugins: [{module: "
				   "floe_dbt.plugins.polaris}]\n"
				   "      filesystems: [{fs: s3}]\n"
				   "      secrets: [{type: http}]\n"
				   "      extensions: [httpfs, {name: iceberg, "
				   "repo: core_nightly}]\n"
				   "      config_options: {threads: 2}\n");
	const struct floe_sql_conn *c;

	plan(f, yaml);
	c = &f->plan->conns[0];
	assert_int_equal(c->nr, sizeof(order) / sizeof(order[0]));
	for (size_t i = 0; i < c->nr; i++)
		assert_int_equal(c->stmts[i].kind, order[i]);
	assert_string_equal(c->stmts[3].shown, "install iceberg from "
			    "core_nightly");
	assert_true(c->stmts[7].uses_secrets);
	/* up to 1.9.0 the secrets were created per cursor, after SET */
	plan_version(f, yaml, "1.9.0");
	c = &f->plan->conns[0];
	assert_int_equal(c->stmts[c->nr - 1].kind, FLOE_SQL_SECRET);
	assert_true(c->stmts[c->nr - 1].per_cursor);
}

/* ---- env_var ---- */

static void test_sql_env_var_defaults_environment_and_placeholders(
	void **state)
{
	struct fixture *f = *state;
	struct floe_sql_options opt;
	const char *yaml = ATTACH_OPTIONS(
		"            client_id: \"{{ env_var('CLIENT_ID', 'dflt') }}\"\n"
		"            token: \"{{env_var(\\\"DBT_ENV_SECRET_X\\\")}}\"\n"
		"            scope: \"{{ env_var('NOPE') }}:{{ env_var('EMPTY',"
		" default='x') }}\"\n"
		"            joined: \"{{ env_var('NOPE2', 'a' \\\"b\\\") }}\"\n"
		"            filtered: \"{{ env_var('CLIENT_ID') | lower }}\"\n");

	memset(&opt, 0, sizeof(opt));
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	assert_string_equal(shown(f, FLOE_SQL_ATTACH),
			    "ATTACH IF NOT EXISTS 'cat' AS c (TYPE iceberg, "
			    "CLIENT_ID 'dflt', TOKEN '***', SCOPE '${NOPE}:x', "
			    "JOINED 'ab', FILTERED '{{ env_var(''CLIENT_ID'') "
			    "| lower }}')");
	assert_true(has_diag(f, FLOE_SEV_WARNING, "'DBT_ENV_SECRET_X' has no "
			     "default"));
	assert_true(has_diag(f, FLOE_SEV_WARNING, "cannot be rendered"));
	assert_int_equal(f->plan->conns[0].nr_missing_env, 2);

	opt.use_env = true;
	opt.getenv_fn = fake_env;
	opt.missing_env = 1;
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	/* a variable set to "" is found: its default is not used */
	assert_non_null(strstr(stmt(f, FLOE_SQL_ATTACH, 0)->sql,
			       "CLIENT_ID 'from-env', TOKEN 'env-secret', "
			       "SCOPE '${NOPE}:'"));
	assert_true(has_diag(f, FLOE_SEV_ERROR, "Env var required"));

	opt.missing_env = -1;
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	assert_false(has_diag(f, FLOE_SEV_ERROR, "Env var"));
	assert_int_equal(f->plan->conns[0].nr_missing_env, 1);
	assert_string_equal(f->plan->conns[0].missing_env[0], "NOPE");
}

/*
 * A statement that holds a value the library cannot render (shown as
 * written) is `dynamic`, and verify never runs it; one whose filters are
 * rendered is not.  A value left as written elsewhere (the path, an
 * attach dbt refuses) does not mark the next statement.
 */
static void test_sql_unrendered_jinja_marks_its_statement(void **state)
{
	struct fixture *f = *state;

	plan(f, PROFILE(
		"      path: \"{{ var('db') }}.duckdb\"\n"
		"      config_options:\n"
		"        threads: \"{{ env_var('TH', '4') | as_number }}\"\n"
		"        memory_limit: \"{{ env_var('M', '1GB') | replace('G', 'M') }}\"\n"
		"      secrets:\n"
		"        - type: http\n"
		"          bearer_token: \"{{ var('tok') }}\"\n"
		"        - type: http\n"
		"          bearer_token: \"{{ env_var('T', 'abc') | trim }}\"\n"
		"      attach:\n"
		"        - path: \"{{ var('x') }}\"\n"
		"          type: duckdb\n"
		"          options: {type: duckdb}\n"
		"        - path: \"{{ env_var('L', ' l.duckdb ') | trim }}\"\n"
		"      settings:\n"
		"        threads: \"{{ env_var('TH', '4') | as_number }}\"\n"
		"        memory_limit: \"{{ var('mem') }}\"\n"));
	assert_false(stmt(f, FLOE_SQL_CONFIG, 0)->dynamic);
	assert_string_equal(stmt(f, FLOE_SQL_CONFIG, 0)->value, "4");
	assert_true(stmt(f, FLOE_SQL_CONFIG, 1)->dynamic);
	assert_true(stmt(f, FLOE_SQL_SECRET, 0)->dynamic);
	assert_false(stmt(f, FLOE_SQL_SECRET, 1)->dynamic);
	/* the rendered token is masked, and known as a secret */
	assert_non_null(strstr(stmt(f, FLOE_SQL_SECRET, 1)->shown,
			       "bearer_token '***'"));
	assert_non_null(strstr(stmt(f, FLOE_SQL_SECRET, 1)->sql,
			       "bearer_token 'abc'"));
	assert_false(stmt(f, FLOE_SQL_ATTACH, 0)->dynamic);
	assert_string_equal(stmt(f, FLOE_SQL_ATTACH, 0)->sql,
			    "ATTACH IF NOT EXISTS 'l.duckdb'");
	assert_false(stmt(f, FLOE_SQL_SET, 0)->dynamic);
	assert_string_equal(stmt(f, FLOE_SQL_SET, 0)->sql,
			    "SET threads = '4'");
	assert_true(stmt(f, FLOE_SQL_SET, 1)->dynamic);
	assert_true(f->plan->conns[0].path_dynamic);
}

/* ---- selection ---- */

static void test_sql_selects_profiles_and_targets(void **state)
{
	struct fixture *f = *state;
	struct floe_sql_options opt;
	const char *yaml = "config: {send_anonymous_usage_stats: false}\n"
			   "a:\n  target: \"{{ env_var('T', 'one') }}\"\n"
			   "  outputs:\n"
			   "    one: {type: duckdb}\n"
			   "    two: {type: duckdb}\n"
			   "b:\n  outputs:\n    default: {type: duckdb}\n"
			   "    two: {type: postgres}\n";

	memset(&opt, 0, sizeof(opt));
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	assert_int_equal(f->plan->nr, 2);
	assert_string_equal(f->plan->conns[0].target, "one");
	assert_string_equal(f->plan->conns[1].target, "default");
	opt.target = "two";
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_OK);
	assert_int_equal(f->plan->nr, 1);
	assert_true(has_diag(f, FLOE_SEV_ERROR, "is not 'type: duckdb'"));
	opt.target = "three";
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_ERR_USAGE);
	opt.target = NULL;
	opt.profile = "c";
	assert_int_equal(plan_with(f, yaml, &opt), FLOE_ERR_USAGE);
	opt.profile = NULL;
	assert_int_equal(plan_with(f, "a: [1\n", &opt), FLOE_ERR_INPUT);
	assert_true(has_diag(f, FLOE_SEV_ERROR, ""));
	assert_int_equal(plan_with(f, "", &opt), FLOE_ERR_INPUT);
}

static void test_sql_comments_cannot_inject_statements(void **state)
{
	struct fixture *f = *state;

	plan(f, "\"p\\n;DROP\":\n  target: \"d\\nx\"\n  outputs:\n"
		"    \"d\\nx\":\n      type: duckdb\n"
		"      settings: {\"a\\nb\": 1}\n");
	assert_null(strstr(f->script, "\n;DROP"));
	assert_non_null(strstr(f->script, "p?;DROP"));
}

/* ---- running out of memory ---- */

/*
 * realloc() is wrapped for this test (-Wl,--wrap=realloc in
 * tests/CMakeLists.txt): with a countdown set, the realloc that brings it
 * to zero fails, once, and every later one succeeds.  That is the failure
 * a sticky buffer must not swallow: an append after it would succeed, so
 * only the buffer's error can tell that the text has a hole.
 */
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);

static long realloc_countdown = -1;
static size_t realloc_failures;

void *__wrap_realloc(void *p, size_t n)
{
	if (realloc_countdown >= 0 && realloc_countdown-- == 0) {
		realloc_failures++;
		return NULL;
	}
	return __real_realloc(p, n);
}

static const char oom_profile[] = PROFILE(
	"      config_options: {enable_object_cache: true}\n"
	"      extensions: [httpfs, {name: iceberg, repo: core}]\n"
	"      secrets:\n"
	"        - type: s3\n"
	"          key_id: \"{{ env_var('CLIENT_ID') }}\"\n"
	"          secret: \"{{ env_var('DBT_ENV_SECRET_X') }}\"\n"
	"          extra_http_headers: {Authorization: Bearer t0ken}\n"
	"          scope: [s3://a, s3://b]\n"
	"      filesystems: [{fs: s3}]\n"
	"      attach:\n"
	"        - path: \"postgres:dbname=x password=pw123 host=h\"\n"
	"          alias: pg\n"
	"          type: postgres\n"
	"          options: {schema: it's, read_only: true}\n"
	"      settings: {threads: 4, memory_limit: 4.5e3, s3_region: eu}\n");

static void test_sql_no_allocation_failure_is_swallowed(void **state)
{
	struct fixture *f = *state;
	struct floe_sql_options opt;
	char *want;
	size_t nomem = 0;

	memset(&opt, 0, sizeof(opt));
	opt.use_env = true;
	opt.getenv_fn = fake_env;
	assert_int_equal(plan_with(f, oom_profile, &opt), FLOE_OK);
	want = strdup(f->script);
	assert_non_null(want);
	for (long n = 0;; n++) {
		struct floe_sql_plan *p = NULL;
		struct floe_diags diags = FLOE_DIAGS_INIT;
		char *script = NULL;
		size_t len;
		enum floe_err err;

		realloc_failures = 0;
		realloc_countdown = n;
		err = floe_sql_plan(FILE_NAME, oom_profile,
				    strlen(oom_profile), &opt, &p, &diags);
		if (err == FLOE_OK)
			err = floe_sql_render(p, &script, &len);
		realloc_countdown = -1;
		if (!realloc_failures) {
			/* past the last realloc: the whole run succeeded */
			assert_int_equal(err, FLOE_OK);
			assert_string_equal(script, want);
		} else if (err == FLOE_OK) {
			/* a failure was survived: the text must be whole */
			if (strcmp(script, want))
				fail_msg("realloc #%ld failed and was "
					 "swallowed:\n%s", n, script);
		} else {
			assert_int_equal(err, FLOE_ERR_NOMEM);
			nomem++;
		}
		free(script);
		floe_sql_plan_free(p);
		floe_diags_release(&diags);
		if (!realloc_failures)
			break;
	}
	assert_true(nomem > 10);
	free(want);
}

static void test_verify_log_render_reports_allocation_failure(void **state)
{
	struct floe_verify_step steps[2];
	struct floe_verify_log log = FLOE_VERIFY_LOG_INIT;
	char *want = NULL, *out;
	size_t len, nomem = 0;

	(void)state;
	memset(steps, 0, sizeof(steps));
	steps[0].profile = steps[1].profile = (char *)"p";
	steps[0].target = steps[1].target = (char *)"dev";
	steps[0].label = (char *)"SET threads";
	steps[0].status = FLOE_STEP_OK;
	steps[1].label = (char *)"ATTACH 'x' AS y";
	steps[1].detail = (char *)"Catalog Error: a long enough message to make the "
			  "log grow past its first allocation of 64 bytes";
	steps[1].status = FLOE_STEP_FAILED;
	steps[1].loc.start.line = 12;
	log.duckdb_version = (char *)"v1.4.3";
	log.steps = steps;
	log.nr = 2;
	assert_int_equal(floe_verify_log_render(&log, &want, &len), FLOE_OK);
	for (long n = 0;; n++) {
		enum floe_err err;

		out = NULL;
		realloc_failures = 0;
		realloc_countdown = n;
		err = floe_verify_log_render(&log, &out, &len);
		realloc_countdown = -1;
		if (err == FLOE_OK)
			assert_string_equal(out, want);
		else
			nomem++;
		free(out);
		if (!realloc_failures)
			break;
		assert_int_equal(err, FLOE_ERR_NOMEM);
	}
	assert_true(nomem >= 2);
	free(want);
}

/* ---- the golden outputs on DuckDB's parser ---- */

static const char *duckdb_lib(void)
{
	const char *lib = getenv(FLOE_DUCKDB_LIB_ENV);
	const char *ci = getenv("CI");

	if (lib && *lib)
		return lib;
	if (ci && !strcmp(ci, "true"))
		fail_msg("CI=true but " FLOE_DUCKDB_LIB_ENV " is not set: "
			 "tests/fetch-duckdb.sh must provide DuckDB");
	return NULL;
}

static void test_sql_golden_outputs_parse_on_duckdb(void **state)
{
	const char *lib = duckdb_lib();
	const char *root = FLOE_SOURCE_DIR "/tests/golden/sql";
	DIR *d;
	struct dirent *e;
	size_t checked = 0;

	(void)state;
	if (!lib) {
		skip();
		return;
	}
	d = opendir(root);
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[4096], marker[4096];
		char *buf = NULL, *error = NULL;
		size_t len, count = 0;
		int errnum;
		FILE *m;
		enum floe_err err;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/expected.stdout", root,
			 e->d_name);
		snprintf(marker, sizeof(marker), "%s/%s/parser-error-expected",
			 root, e->d_name);
		if (floe_read_file(path, 1 << 20, &buf, &len, &errnum))
			continue;
		if (strncmp(buf, "-- ", 3)) {	/* not a script: help, ... */
			free(buf);
			continue;
		}
		err = floe_duckdb_parse(lib, buf, &count, &error);
		m = fopen(marker, "r");
		if (m) {
			fclose(m);
			if (err != FLOE_ERR_INPUT)
				fail_msg("%s: expected a parser error", path);
		} else if (err != FLOE_OK) {
			fail_msg("%s: %s", path, error ? error : "no DuckDB");
		} else if (len && strstr(buf, ";\n") && !count) {
			fail_msg("%s: no statement found", path);
		}
		free(error);
		free(buf);
		checked++;
	}
	closedir(d);
	assert_true(checked >= 5);
}

static void test_sql_duckdb_parser_rejects_a_missing_comma(void **state)
{
	const char *lib = duckdb_lib();
	char *error = NULL;
	size_t count = 0;

	(void)state;
	if (!lib) {
		skip();
		return;
	}
	assert_int_equal(floe_duckdb_parse(lib, "-- c\nSET a = 'b';\n",
					   &count, &error), FLOE_OK);
	assert_int_equal(count, 1);
	assert_int_equal(floe_duckdb_parse(lib, "ATTACH 'a' (TYPE iceberg, "
					   "CLIENT_ID 'x' CLIENT_SECRET 'y')",
					   &count, &error), FLOE_ERR_INPUT);
	assert_non_null(error);
	assert_non_null(strstr(error, "Parser Error"));
	free(error);
	error = NULL;
	assert_int_equal(floe_duckdb_parse("/nonexistent/libduckdb.so",
					   "SELECT 1", &count, &error),
			 FLOE_ERR_IO);
	assert_non_null(error);
	free(error);
}

/* verify lints for the release the library says it is, as
 * --duckdb-version would (docs/sql-verify.md, "Which DuckDB release") */
static void test_verify_lints_for_the_loaded_release(void **state)
{
	unsigned rel, lint;

	(void)state;
	assert_int_equal(floe_verify_duckdb_release("v1.4.3", &rel, &lint),
			 FLOE_VERSION_KNOWN);
	assert_int_equal(rel, 10403);
	assert_int_equal(lint, 10403);
	/* a development build: the release it leads to */
	assert_int_equal(floe_verify_duckdb_release("v1.5.1-dev42", &rel,
						    &lint), FLOE_VERSION_KNOWN);
	assert_int_equal(rel, 10501);
	assert_int_equal(lint, 10501);
	/* newer than the tables: linted as the newest known */
	assert_int_equal(floe_verify_duckdb_release("v9.0.0", &rel, &lint),
			 FLOE_VERSION_NEWER);
	assert_int_equal(rel, 90000);
	assert_int_equal(lint, floe_duckdb_version_default());
	/* older than the tables, or no version: refused */
	assert_int_equal(floe_verify_duckdb_release("v1.3.2", &rel, &lint),
			 FLOE_VERSION_UNKNOWN);
	assert_int_equal(lint, 0);
	assert_int_equal(floe_verify_duckdb_release("vX", &rel, &lint),
			 FLOE_VERSION_INVALID);
	assert_int_equal(floe_verify_duckdb_release("v1.4.3x", &rel, &lint),
			 FLOE_VERSION_INVALID);
	assert_int_equal(floe_verify_duckdb_release(NULL, &rel, &lint),
			 FLOE_VERSION_INVALID);
	assert_int_equal(rel, 0);
	assert_int_equal(lint, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sql_version_parses_releases_from_1_9),
		T(test_sql_attach_renders_each_value_kind),
		T(test_sql_attach_quirks_follow_the_release),
		T(test_sql_attach_motherduck_query_is_stripped),
		T(test_sql_attach_fields_and_options_conflict),
		T(test_sql_secret_renders_each_value_kind),
		T(test_sql_secret_name_persistent_and_type),
		T(test_sql_secret_values_are_masked),
		T(test_sql_settings_and_config_use_python_str),
		T(test_sql_order_is_dbt_duckdbs),
		T(test_sql_env_var_defaults_environment_and_placeholders),
		T(test_sql_unrendered_jinja_marks_its_statement),
		T(test_sql_selects_profiles_and_targets),
		T(test_sql_comments_cannot_inject_statements),
		T(test_sql_no_allocation_failure_is_swallowed),
		T(test_verify_log_render_reports_allocation_failure),
		T(test_sql_golden_outputs_parse_on_duckdb),
		T(test_sql_duckdb_parser_rejects_a_missing_comma),
		T(test_verify_lints_for_the_loaded_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
