/*
 * The engine's facts (src/engine/): lint, sql and generate give the same
 * answer on every row of every table, and the disagreements the tables
 * replaced stay fixed.
 *
 * Each table is walked row by row; for every row a profile (or platform)
 * is built that exercises it, and each consumer's verdict is compared
 * with the engine's.  A new row is therefore tested by the time it is
 * added.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "cli/cli.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "engine/flavor.h"
#include "fixture.h"
#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/sql.h"

static const char platform_head[] =
	"catalogs:\n"
	"  default:\n"
	"    uri: \"https://polaris.example.com/api/catalog\"\n"
	"    warehouse: wh\n"
	"    access_delegation: vended-credentials\n"
	"    credentials:\n"
	"      mode: oauth2\n"
	"      client_id: reader\n"
	"      client_secret: {secret_ref: reader-secret}\n"
	"      scope: \"PRINCIPAL_ROLE:reader\"\n";

/* A profile around one output body (indented by 6). */
static void profile(char *buf, size_t size, const char *body)
{
	snprintf(buf, size,
		 "p:\n"
		 "  target: dev\n"
		 "  outputs:\n"
		 "    dev:\n"
		 "      type: duckdb\n"
		 "      extensions: [httpfs, iceberg]\n"
		 "%s", body);
}

/*
 * The message of the last `rule` finding lint gives for DuckDB `duckdb`
 * and dbt-duckdb `dbt` (0: the defaults), copied to msg[size]; false
 * when there is none.
 */
static bool lint_finding(const char *yaml, const char *rule, unsigned duckdb,
			 unsigned dbt, char *msg, size_t size)
{
	struct floe_lint_options opt;
	struct floe_diags d = FLOE_DIAGS_INIT;
	bool found = false;

	memset(&opt, 0, sizeof(opt));
	opt.duckdb_version = duckdb;
	opt.dbt_duckdb_version = dbt;
	assert_int_equal(floe_lint("profiles.yml", yaml, strlen(yaml), &opt,
				   &d), FLOE_OK);
	for (size_t i = 0; i < d.nr; i++)
		if (fx_id(&d.items[i]) && !strcmp(fx_id(&d.items[i]), rule)) {
			found = true;
			if (size)
				snprintf(msg, size, "%s", d.items[i].message);
		}
	floe_diags_release(&d);
	return found;
}

/* Does lint, for DuckDB `version` (0: the default), report `rule`? */
static bool lint_says_at(const char *yaml, const char *rule,
			 unsigned version)
{
	return lint_finding(yaml, rule, version, 0, NULL, 0);
}

static bool lint_says(const char *yaml, const char *rule)
{
	return lint_says_at(yaml, rule, 0);
}

/* Does sql (dbt-duckdb `dbt`, "" = the latest) refuse the profile? */
static bool sql_refuses(const char *yaml, const char *dbt)
{
	struct floe_sql_options opt;
	struct floe_sql_plan *plan = NULL;
	struct floe_diags d = FLOE_DIAGS_INIT;
	bool refused;

	memset(&opt, 0, sizeof(opt));
	opt.missing_env = -1;
	if (*dbt)
		assert_int_equal(floe_dbt_version_parse(dbt,
							&opt.dbt_version), 0);
	assert_int_equal(floe_sql_plan("profiles.yml", yaml, strlen(yaml),
				       &opt, &plan, &d), FLOE_OK);
	refused = d.nr_errors > 0;
	floe_sql_plan_free(plan);
	floe_diags_release(&d);
	return refused;
}

/*
 * Does generate refuse the platform?  (alias NULL: the default)  With
 * `out`, the profile on FLOE_OK (the caller frees it).
 */
static enum floe_err generate_out(const char *yaml, const char *alias,
				  char **profile)
{
	struct floe_platform *p = NULL;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_gen_target t = { "dev", NULL, NULL };
	struct floe_gen_options opt;
	enum floe_err err;
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(floe_platform_load("platform.yaml", yaml,
					    strlen(yaml), NULL, &p, &d),
			 FLOE_OK);
	memset(&opt, 0, sizeof(opt));
	t.platform = p;
	opt.targets = &t;
	opt.nr_targets = 1;
	opt.alias = alias;
	err = floe_generate(&opt, &out, &len, &d);
	if (profile)
		*profile = out;
	else
		free(out);
	floe_platform_free(p);
	floe_diags_release(&d);
	return err;
}

static enum floe_err generate(const char *yaml, const char *alias)
{
	return generate_out(yaml, alias, NULL);
}

/*
 * Does generate write the property under `settings:`, where dbt-duckdb
 * SETs it?  (A start-up setting goes to config_options instead.)
 */
static bool gen_sets(const char *yaml, const char *name)
{
	char *out = NULL, key[128];
	const char *s, *e;
	bool found = false;

	if (generate_out(yaml, NULL, &out) != FLOE_OK)
		return false;
	snprintf(key, sizeof(key), "        %s:", name);
	s = strstr(out, "\n      settings:\n");
	/* the block's lines are indented by 8 */
	for (e = s ? s + strlen("\n      settings:\n") : NULL;
	     e && !strncmp(e, "        ", 8);
	     e = strchr(e, '\n') + 1)
		if (!strncmp(e, key, strlen(key)))
			found = true;
	free(out);
	return found;
}

/* ---- DuckDB settings ---- */

/*
 * fe_setting_find() is a binary search: the table must stay sorted by
 * name, case-folded, and every name, in any case, at every release a
 * row names, must find what a scan of the whole table in order finds.
 */
static const struct fe_setting *setting_scan(const char *name, unsigned v)
{
	const struct fe_setting *s;

	for (size_t i = 0; (s = fe_setting_at(i)); i++)
		if (!ascii_cmp_ci(s->name, name) && s->first <= v &&
		    (s->last == FE_V_OPEN || v <= s->last))
			return s;
	return NULL;
}

static void test_engine_settings_sorted_and_found(void **state)
{
	const struct fe_setting *s, *prev = NULL;
	char upper[256];

	(void)state;
	for (size_t i = 0; (s = fe_setting_at(i)); prev = s, i++) {
		unsigned v[] = { s->first, s->last == FE_V_OPEN ?
				 s->first : s->last, s->first + 1 };
		size_t n = strlen(s->name);

		if (prev)
			assert_true(ascii_cmp_ci(prev->name, s->name) <= 0);
		assert_true(n < sizeof(upper));
		for (size_t k = 0; k <= n; k++)
			upper[k] = (char)(s->name[k] >= 'a' && s->name[k] <= 'z' ?
					   s->name[k] - ('a' - 'A') : s->name[k]);
		for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
			assert_ptr_equal(fe_setting_find(s->name, v[k]),
					 setting_scan(s->name, v[k]));
			assert_ptr_equal(fe_setting_find(upper, v[k]),
					 setting_scan(s->name, v[k]));
		}
		assert_non_null(fe_setting_find(s->name, FE_ANY));
	}
	assert_true(prev != NULL);
	assert_null(fe_setting_find("", FE_ANY));
	assert_null(fe_setting_find("zzzz_no_such_setting", FE_ANY));
	assert_null(fe_setting_find("!", FE_ANY));
	assert_null(fe_setting_find(NULL, FE_ANY));
}

/*
 * fe_setting_extension() is a binary search too: its table must stay
 * sorted by name, case-folded, one row a name, and find each name in
 * any case at the releases of its row, and only there.
 */
static const struct {
	const char *name, *extension;
	unsigned first, last;
} ext_settings[] = {
#define DUCKDB_EXTENSION_SETTING(name, extension, first, last) \
	{ name, extension, first, last },
#include "engine/data/duckdb_extension_settings.def"
#undef DUCKDB_EXTENSION_SETTING
};

static void test_engine_extension_settings_sorted_and_found(void **state)
{
	size_t nr = sizeof(ext_settings) / sizeof(ext_settings[0]);
	char upper[256];

	(void)state;
	assert_true(nr > 1);
	for (size_t i = 0; i < nr; i++) {
		const char *name = ext_settings[i].name;
		size_t n = strlen(name);

		if (i)
			assert_true(ascii_cmp_ci(ext_settings[i - 1].name,
						 name) < 0);
		assert_true(n < sizeof(upper));
		for (size_t k = 0; k <= n; k++)
			upper[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ?
					  name[k] - ('a' - 'A') : name[k]);
		assert_string_equal(fe_setting_extension(name,
					ext_settings[i].first),
				    ext_settings[i].extension);
		assert_string_equal(fe_setting_extension(upper,
					ext_settings[i].first),
				    ext_settings[i].extension);
		assert_null(fe_setting_extension(name,
						 ext_settings[i].first - 1));
		if (ext_settings[i].last != FE_V_OPEN)
			assert_null(fe_setting_extension(name,
					ext_settings[i].last + 1));
	}
	assert_null(fe_setting_extension("", FE_ANY));
	assert_null(fe_setting_extension("zzzz_no_such_setting", FE_ANY));
	assert_null(fe_setting_extension(NULL, FE_ANY));
}

static void test_engine_settings_lint_and_generate_agree(void **state)
{
	static const struct {
		const char *yaml;	/* the value as written */
		int truth;		/* as DuckDB casts it */
		const char *text;	/* as dbt-duckdb writes it: str() */
	} values[] = {
		{ "true", 1, "True" }, { "false", 0, "False" },
		{ "'true'", 1, "true" }, { "off", 0, "False" },
		{ "'/tmp/x'", -1, "/tmp/x" },
	};
	char yaml[2048], body[512];

	(void)state;
	assert_true(fe_setting_count() > 0);
	/* gen_sets() sees a setting that is SET */
	snprintf(yaml, sizeof(yaml), "%scompute:\n  default:\n    type: "
		 "duckdb\n    properties:\n      memory_limit: 4GB\n",
		 platform_head);
	assert_true(gen_sets(yaml, "memory_limit"));
	/* lint, for every release, refuses what that release refuses */
	for (size_t i = 0; fe_setting_at(i); i++) {
		const struct fe_setting *s = fe_setting_at(i);

		for (size_t r = 0; fe_release_at(r); r++) {
			unsigned v = fe_release_at(r)->version;
			unsigned why;

			if (v == FE_V_MAIN || !fe_setting_find(s->name, v))
				continue;
			/* dbt-duckdb writes a YAML true as 'True'; a type
			 * that does not take it fails the cast first, and
			 * only FP110 speaks (probed: duckdb-casts/) */
			bool casts = fe_setting_cast(s->type, "True") !=
				     FE_CAST_FAILS;

			why = fe_setting_refusal(s->name, 1, v);
			snprintf(body, sizeof(body),
				 "      settings:\n        %s: true\n",
				 s->name);
			profile(yaml, sizeof(yaml), body);
			if ((lint_says_at(yaml, "FP101", v) ||
			     lint_says_at(yaml, "FP102", v)) !=
			    (why != 0 && casts))
				fail_msg("%s: true on %s: engine %s", s->name,
					 fe_release_at(r)->name,
					 !casts ? "fails the cast" : why ?
					 "refuses" : "accepts");
			/* a setting that takes one of a few words refuses
			 * 'True' itself, after the cast (duckdb-words/) */
			struct fe_words w;
			bool word = casts &&
				    fe_setting_words(s->name, v, FE_WORDS_SET,
						     &w) &&
				    !fe_words_take(&w, "True");

			if (lint_says_at(yaml, "FP110", v) != (!casts || word))
				fail_msg("%s: true on %s: FP110 %s", s->name,
					 fe_release_at(r)->name,
					 casts && !word ? "but it casts and "
					 "is no refused word" : "missing");
		}
	}
	for (size_t i = 0; fe_setting_at(i); i++) {
		const struct fe_setting *s = fe_setting_at(i);

		if (!fe_setting_find(s->name, FE_DUCKDB_DEFAULT))
			continue;	/* not in the release lint targets */
		/* in a platform's compute, threads is dbt's, not a SET */
		if (!strcmp(s->name, "threads"))
			continue;
		for (size_t j = 0; j < sizeof(values) / sizeof(values[0]);
		     j++) {
			unsigned why = fe_setting_refusal(s->name,
							  values[j].truth,
							  FE_DUCKDB_DEFAULT);
			bool lint_refuses, gen_sets_it;
			/* a value that fails the cast is FP110's alone */
			bool casts = fe_setting_cast(s->type, values[j].text) !=
				     FE_CAST_FAILS;

			snprintf(body, sizeof(body),
				 "      settings:\n        %s: %s\n", s->name,
				 values[j].yaml);
			profile(yaml, sizeof(yaml), body);
			lint_refuses = lint_says(yaml, "FP101") ||
				       lint_says(yaml, "FP102");
			assert_int_equal(lint_says(yaml, "FP101"),
					 casts &&
					 (why & FE_SET_SECRET_MANAGER) != 0);
			/* ... and a word setting's refusal of a non-word */
			struct fe_words w;
			bool word = casts &&
				    fe_setting_words(s->name, FE_DUCKDB_DEFAULT,
						     FE_WORDS_SET, &w) &&
				    !fe_words_take(&w, values[j].text);

			assert_int_equal(lint_says(yaml, "FP110"),
					 !casts || word);
			snprintf(yaml, sizeof(yaml),
				 "%scompute:\n  default:\n    type: duckdb\n"
				 "    properties:\n      %s: %s\n",
				 platform_head, s->name, values[j].yaml);
			/* generate never SETs what the engine refuses
			 * (it goes to config_options, or is refused) */
			gen_sets_it = gen_sets(yaml, s->name);
			if (lint_refuses != (why != 0 && casts) ||
			    (gen_sets_it && why != 0))
				fail_msg("%s: %s: engine %s, lint %s, generate "
					 "%s", s->name, values[j].yaml,
					 why ? "refuses" : "accepts",
					 lint_refuses ? "refuses" : "accepts",
					 gen_sets_it ? "sets it" : "does not");
		}
	}
}

/* duckdb-1.4.3-observed.md: SET allow_community_extensions is OK for
 * both values on 1.4; from 1.5.0 the engine refuses `true` on a running
 * database (data/duckdb-settings/1.5.0.tsv).  generate used to refuse it
 * while lint said nothing. */
static void test_engine_allow_community_extensions_is_accepted(void **state)
{
	char yaml[2048];

	(void)state;
	assert_int_equal(fe_setting_refusal("allow_community_extensions", 1,
					    FE_V(1, 4, 3)), 0);
	assert_int_equal(fe_setting_refusal("allow_community_extensions", 0,
					    FE_V(1, 4, 3)), 0);
	assert_int_equal(fe_setting_refusal("allow_community_extensions", 1,
					    FE_V(1, 5, 0)),
			 FE_SET_STARTUP_RELAX);
	assert_int_equal(fe_setting_refusal("allow_community_extensions", 0,
					    FE_V(1, 5, 6)), 0);
	snprintf(yaml, sizeof(yaml), "%scompute:\n  default:\n    type: "
		 "duckdb\n    properties:\n      allow_community_extensions: "
		 "true\n", platform_head);
	assert_int_equal(generate(yaml, NULL), FLOE_OK);
	/* the value decides for a relaxing setting, not the name */
	assert_int_equal(fe_setting_refusal("enable_external_access", 0,
					    FE_DUCKDB_DEFAULT), 0);
	assert_int_equal(fe_setting_refusal("ENABLE_EXTERNAL_ACCESS", 1,
					    FE_DUCKDB_DEFAULT),
			 FE_SET_STARTUP_RELAX);
	assert_int_equal(fe_setting_refusal("enable_external_access", -1,
					    FE_DUCKDB_DEFAULT), 0);
	assert_int_equal(fe_setting_refusal("secret_directory", -1,
					    FE_DUCKDB_DEFAULT),
			 FE_SET_SECRET_MANAGER);
	assert_int_equal(fe_setting_refusal("no_such_setting", 1,
					    FE_DUCKDB_DEFAULT), 0);
	/* disable_database_invalidation: two rows, one per release line */
	assert_int_equal(fe_setting_refusal("disable_database_invalidation",
					    0, FE_V(1, 4, 3)), 0);
	assert_int_equal(fe_setting_refusal("disable_database_invalidation",
					    0, FE_V(1, 5, 0)),
			 FE_SET_STARTUP_ONLY);
}

/* The compute properties generate copies are settings SET accepts. */
static void test_engine_generate_copies_only_runtime_settings(void **state)
{
	static const char *const copied[] = {
		"memory_limit", "max_memory", "temp_directory",
		"max_temp_directory_size", "preserve_insertion_order",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		const struct fe_setting *s = fe_setting_find(
			copied[i], FE_DUCKDB_DEFAULT);

		assert_non_null(s);
		assert_int_equal(s->flags & (FE_SET_SECRET_MANAGER |
					     FE_SET_STARTUP_ONLY |
					     FE_SET_STARTUP_RELAX |
					     FE_SET_INIT_ONLY), 0);
	}
}

/* ---- dbt-duckdb's attach schema ---- */

/* An attach item with the field `name: value` and, unless it is the
 * field itself, a path. */
static void attach_profile(char *buf, size_t size, const char *name,
			   const char *value)
{
	char body[512];

	snprintf(body, sizeof(body),
		 "      attach:\n"
		 "        - %s: %s\n"
		 "%s",
		 name, value,
		 strcmp(name, "path") ? "          path: other.duckdb\n" : "");
	profile(buf, size, body);
}

static bool lint_refuses_attach(const char *yaml)
{
	return lint_says(yaml, "FP301") || lint_says(yaml, "FP310") ||
	       lint_says(yaml, "FP312");
}

static void test_engine_attach_schema_lint_and_sql_agree(void **state)
{
	/* a value of each YAML type, and whether each type fits */
	static const struct {
		const char *yaml;
		enum fe_yaml_type type;
	} values[] = {
		{ "true", FE_T_BOOL }, { "'true'", FE_T_STR },
		{ "{a: b}", FE_T_MAP },
	};
	char yaml[2048];

	(void)state;
	for (size_t i = 0; fe_dbt_attach_field_at(i); i++) {
		const struct fe_dbt_key *f = fe_dbt_attach_field_at(i);
		bool nullable = f->flags & FE_FIELD_NULLABLE;
		bool lint, sql;

		/* null: refused unless Optional (read_only: null) */
		attach_profile(yaml, sizeof(yaml), f->name, "null");
		lint = lint_refuses_attach(yaml);
		sql = sql_refuses(yaml, "");
		if (lint != !nullable || sql != !nullable)
			fail_msg("%s: null: engine %s, lint %s, sql %s",
				 f->name, nullable ? "accepts" : "refuses",
				 lint ? "refuses" : "accepts",
				 sql ? "refuses" : "accepts");
		/* the types both check: booleans, and the required path */
		for (size_t j = 0; j < sizeof(values) / sizeof(values[0]);
		     j++) {
			bool wrong = values[j].type != f->type;

			if (f->type != FE_T_BOOL &&
			    !(f->flags & FE_FIELD_REQUIRED))
				continue;
			attach_profile(yaml, sizeof(yaml), f->name,
				       values[j].yaml);
			lint = lint_says(yaml, "FP310") ||
			       lint_says(yaml, "FP312");
			sql = sql_refuses(yaml, "");
			if (lint != wrong || sql != wrong)
				fail_msg("%s: %s: engine %s, lint %s, sql %s",
					 f->name, values[j].yaml,
					 wrong ? "refuses" : "accepts",
					 lint ? "refuses" : "accepts",
					 sql ? "refuses" : "accepts");
		}
	}
	/* a required field missing, and a key that is not a field */
	profile(yaml, sizeof(yaml), "      attach:\n        - alias: a\n");
	assert_true(lint_refuses_attach(yaml));
	assert_true(sql_refuses(yaml, ""));
	attach_profile(yaml, sizeof(yaml), "catalog", "x");
	assert_true(lint_refuses_attach(yaml));
	assert_true(sql_refuses(yaml, ""));
}

/* sql holds each release to its own schema: options from 1.9.4. */
static void test_engine_attach_schema_follows_the_dbt_duckdb_release(
	void **state)
{
	char yaml[2048];

	(void)state;
	attach_profile(yaml, sizeof(yaml), "options", "{a: b}");
	assert_true(sql_refuses(yaml, "1.9.3"));
	assert_false(sql_refuses(yaml, "1.9.4"));
	assert_null(fe_dbt_attach_field("options", FE_V(1, 9, 3)));
	assert_non_null(fe_dbt_attach_field("options", FE_V(1, 9, 4)));
	attach_profile(yaml, sizeof(yaml), "is_ducklake", "true");
	assert_true(sql_refuses(yaml, "1.9.4"));
	assert_false(sql_refuses(yaml, "1.9.5"));
}

/* issue 8: `read_only: null` made lint exit 1 while sql exited 0. */
static void test_engine_read_only_null_is_refused_by_both(void **state)
{
	char yaml[2048];

	(void)state;
	attach_profile(yaml, sizeof(yaml), "read_only", "null");
	assert_true(lint_says(yaml, "FP312"));
	assert_true(sql_refuses(yaml, ""));
	attach_profile(yaml, sizeof(yaml), "alias", "null");
	assert_false(lint_refuses_attach(yaml));
	assert_false(sql_refuses(yaml, ""));
}

static void test_engine_output_keys_are_known_to_lint(void **state)
{
	char yaml[2048], body[256];

	(void)state;
	for (size_t i = 0; fe_dbt_output_key_at(i); i++) {
		const struct fe_dbt_key *k = fe_dbt_output_key_at(i);

		if (!strcmp(k->name, "type"))
			continue;
		snprintf(body, sizeof(body), "      %s: null\n", k->name);
		profile(yaml, sizeof(yaml), body);
		if (lint_says(yaml, "FP007"))
			fail_msg("%s: lint calls it unknown", k->name);
	}
	profile(yaml, sizeof(yaml), "      setings: {}\n");
	assert_true(lint_says(yaml, "FP007"));
}

/* A line giving Remote's required field `name` when `r` is another of
 * Remote's fields. */
static const char *remote_field(const struct fe_dbt_nested *r,
				const char *name, const char *value)
{
	static char line[4][64];
	static unsigned next;
	char *buf = line[next++ % 4];

	if (strcmp(r->parent, "remote") || !strcmp(r->field.name, name))
		return "";
	snprintf(buf, sizeof(line[0]), "          %s: %s\n", name, value);
	return buf;
}

/*
 * remote and retries hold dbt-duckdb's Remote and Retries (credentials.py,
 * 1.9.0-25573c2): the table answers for their fields, and FP009 refuses
 * exactly what a field's row refuses, by the Draft 7 "integer" for the
 * numbers (4.0 passes, 4.5 and true do not).
 */
static void test_engine_nested_fields_lint_agrees(void **state)
{
	/* a value, and the types it passes as (bit per enum fe_yaml_type;
	 * 0 for null) */
	static const struct {
		const char *yaml;
		unsigned passes;
	} values[] = {
		{ "~", 0 },
		{ "'5'", 1u << FE_T_STR },
		{ "5", 1u << FE_T_INT },
		{ "4.0", 1u << FE_T_INT },
		{ "4.5", 0 },
		{ ".inf", 0 },
		{ "true", 1u << FE_T_BOOL },
		{ "[a]", 1u << FE_T_LIST },
		{ "{a: b}", 1u << FE_T_MAP },
		{ "\"{{ env_var('X') | as_number }}\"", ~0u },
	};
	const struct fe_dbt_key *f;
	char yaml[2048], body[512];
	size_t n = 0;

	(void)state;
	f = fe_dbt_nested_field("remote", "port", FE_DBT_DUCKDB_OLDEST);
	assert_non_null(f);
	assert_int_equal(f->type, FE_T_INT);
	assert_true(f->flags & FE_FIELD_REQUIRED);
	f = fe_dbt_nested_field("retries", "query_attempts",
				FE_DBT_DUCKDB_DEFAULT);
	assert_non_null(f);
	assert_true(f->flags & FE_FIELD_NULLABLE);
	assert_null(fe_dbt_nested_field("retries", "port",
					FE_DBT_DUCKDB_DEFAULT));
	assert_null(fe_dbt_nested_field("remote", "Port",
					FE_DBT_DUCKDB_DEFAULT));
	f = fe_dbt_output_key("threads", FE_DBT_DUCKDB_DEFAULT);
	assert_non_null(f);
	assert_int_equal(f->type, FE_T_INT);
	assert_true(f->flags & FE_FIELD_CORE);
	assert_false(f->flags & FE_FIELD_NULLABLE);

	for (size_t i = 0; fe_dbt_nested_field_at(i); i++, n++) {
		const struct fe_dbt_nested *r = fe_dbt_nested_field_at(i);

		assert_ptr_equal(fe_dbt_nested_field(r->parent, r->field.name,
						     FE_DBT_DUCKDB_DEFAULT),
				 &r->field);
		assert_non_null(fe_dbt_output_key(r->parent,
						  FE_DBT_DUCKDB_DEFAULT));
		for (size_t j = 0; j < sizeof(values) / sizeof(values[0]);
		     j++) {
			bool wrong = !strcmp(values[j].yaml, "~")
				     ? !(r->field.flags & FE_FIELD_NULLABLE)
				     : !(values[j].passes &
					 (1u << r->field.type));
			bool lint;

			/* Remote's required fields given, but the one
			 * tested */
			snprintf(body, sizeof(body),
				 "      %s:\n%s%s%s          %s: %s\n",
				 r->parent,
				 remote_field(r, "host", "h"),
				 remote_field(r, "port", "1"),
				 remote_field(r, "user", "u"),
				 r->field.name, values[j].yaml);
			profile(yaml, sizeof(yaml), body);
			lint = lint_says(yaml, "FP009");
			if (lint != wrong)
				fail_msg("%s.%s: %s: engine %s, lint %s",
					 r->parent, r->field.name,
					 values[j].yaml,
					 wrong ? "refuses" : "accepts",
					 lint ? "refuses" : "accepts");
		}
	}
	assert_int_equal(n, 7);
	/* List[str]: each item a string */
	profile(yaml, sizeof(yaml),
		"      retries:\n"
		"        retryable_exceptions: [IOException, 5]\n");
	assert_true(lint_says(yaml, "FP009"));
	profile(yaml, sizeof(yaml),
		"      retries:\n"
		"        retryable_exceptions: [IOException, 'HTTPException']\n");
	assert_false(lint_says(yaml, "FP009"));
	/* threads: dbt-core's ProfileConfig, not Optional */
	for (size_t j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
		bool wrong = !(values[j].passes & (1u << FE_T_INT));

		snprintf(body, sizeof(body), "      threads: %s\n",
			 values[j].yaml);
		profile(yaml, sizeof(yaml), body);
		if (lint_says(yaml, "FP009") != wrong)
			fail_msg("threads: %s: lint %s", values[j].yaml,
				 wrong ? "accepts" : "refuses");
	}
}

/* ---- the iceberg extension's options ---- */

static void test_engine_iceberg_options_lint_agrees(void **state)
{
	char yaml[2048], body[512];

	(void)state;
	for (size_t i = 0; fe_iceberg_option_at(i); i++) {
		const struct fe_iceberg_option *o = fe_iceberg_option_at(i);

		/* under options: unknown (FP305) exactly in the releases
		 * the table has no row for */
		snprintf(body, sizeof(body),
			 "      attach:\n"
			 "        - path: wh\n"
			 "          type: iceberg\n"
			 "          options:\n"
			 "            endpoint: http://polaris:8181/api/catalog\n"
			 "            %s: 'x'\n", o->name);
		profile(yaml, sizeof(yaml), body);
		for (size_t r = 0; fe_release_at(r); r++) {
			unsigned v = fe_release_at(r)->version;
			bool known = fe_iceberg_option_find(o->name, v);

			if (v == FE_V_MAIN)
				continue;	/* never linted for */
			if (lint_says_at(yaml, "FP305", v) == known)
				fail_msg("%s: lint for %s %s", o->name,
					 fe_release_at(r)->name,
					 known ? "refuses it" : "misses it");
		}
		if (fe_dbt_attach_field(o->name, FE_DBT_DUCKDB_DEFAULT))
			continue;	/* type, read_only: item fields */
		/* on the item: FP301 names it an iceberg option */
		snprintf(body, sizeof(body),
			 "      attach:\n"
			 "        - path: wh\n"
			 "          type: iceberg\n"
			 "          %s: 'x'\n", o->name);
		profile(yaml, sizeof(yaml), body);
		if (!lint_says(yaml, "FP301"))
			fail_msg("%s: no FP301 on the item", o->name);
	}
	/* a release the option is not in: the engine says so */
	assert_null(fe_iceberg_option_find("support_stage_create",
					   FE_V(1, 5, 4)));
	assert_non_null(fe_iceberg_option_find("support_stage_create",
					       FE_V(1, 5, 3)));
	assert_null(fe_iceberg_option_find("access_delegation_mode",
					   FE_V(1, 4, 0)));
	assert_non_null(fe_iceberg_option_find("SIGV4_REGION", FE_ANY));
	assert_null(fe_iceberg_option_find("sigv4_region", FE_V(1, 5, 0)));
	assert_true(fe_iceberg_option_inline_oauth2("client_id",
						    FE_V(1, 4, 3)));
	assert_false(fe_iceberg_option_inline_oauth2("extra_http_headers",
						     FE_V(1, 4, 3)));
	assert_true(fe_iceberg_option_inline_oauth2("extra_http_headers",
						    FE_V(1, 5, 0)));
	assert_non_null(fe_iceberg_secret_param_find("oauth2_scope",
						     FE_V(1, 4, 3)));
	assert_null(fe_iceberg_secret_param_find("refresh_token",
						 FE_V(1, 4, 3)));
	assert_null(fe_iceberg_secret_param_find("default_region", FE_ANY));
}

/*
 * FP302 reports a dropped false exactly where the engine's default for the
 * release and the kind of catalog is true: every BOOL option of every
 * release has a default for both kinds (an endpoint_type turns
 * purge_requested on and the stage and delete options off).
 */
static void test_engine_option_defaults_lint_agrees(void **state)
{
	char yaml[2048], body[512];

	(void)state;
	for (size_t i = 0; fe_iceberg_option_at(i); i++) {
		const struct fe_iceberg_option *o = fe_iceberg_option_at(i);

		if (o->kind != FE_OPT_BOOL || !strcmp(o->name, "read_only"))
			continue;
		for (int aws = 0; aws < 2; aws++) {
			snprintf(body, sizeof(body),
				 "      attach:\n"
				 "        - path: \"123456789012\"\n"
				 "          type: iceberg\n"
				 "          options:\n"
				 "            %s\n"
				 "            %s: false\n",
				 aws ? "endpoint_type: glue"
				 : "endpoint: http://polaris:8181/api/catalog",
				 o->name);
			profile(yaml, sizeof(yaml), body);
			for (size_t r = 0; fe_release_at(r); r++) {
				unsigned v = fe_release_at(r)->version;
				const char *d = fe_iceberg_option_default(
					o->name, v, aws ? FE_CATALOG_AWS
					: FE_CATALOG_REST);

				if (v == FE_V_MAIN ||
				    !fe_iceberg_option_find(o->name, v))
					continue;
				if (!d)
					fail_msg("%s: no default on %s", o->name,
						 fe_release_at(r)->name);
				if (lint_says_at(yaml, "FP302", v) !=
				    !strcmp(d, "true"))
					fail_msg("%s%s on %s: FP302 and the "
						 "default (%s) disagree",
						 o->name, aws ? " (glue)" : "",
						 fe_release_at(r)->name, d);
			}
		}
	}
	/* the finding's cases: AWS turns these around */
	assert_string_equal(fe_iceberg_option_default("purge_requested",
		FE_V(1, 5, 6), FE_CATALOG_AWS), "true");
	assert_string_equal(fe_iceberg_option_default("purge_requested",
		FE_V(1, 4, 3), FE_CATALOG_REST), "false");
	assert_string_equal(fe_iceberg_option_default("stage_create_tables",
		FE_V(1, 5, 6), FE_CATALOG_AWS), "false");
	assert_string_equal(fe_iceberg_option_default("support_stage_create",
		FE_V(1, 4, 3), FE_CATALOG_AWS), "false");
	assert_string_equal(fe_iceberg_option_default(
		"remove_files_on_delete", FE_V(1, 5, 4), FE_CATALOG_REST),
		"true");
	assert_null(fe_iceberg_option_default("remove_files_on_delete",
					      FE_V(1, 5, 3), FE_CATALOG_REST));
	/* not BOOL: what FP213 and FP215 say a profile without them gets */
	for (size_t r = 0; fe_release_at(r); r++) {
		unsigned v = fe_release_at(r)->version;

		assert_string_equal(fe_iceberg_option_default("oauth2_scope",
			v, FE_CATALOG_REST), "PRINCIPAL_ROLE:ALL");
		assert_string_equal(fe_iceberg_option_default(
			"access_delegation_mode", v, FE_CATALOG_REST),
			"vended_credentials");
	}
	/* the extension lower-cases an ENUM value before comparing */
	assert_true(fe_iceberg_option_value_is("access_delegation_mode",
		FE_V(1, 4, 3), "NONE", "none"));
	assert_true(fe_iceberg_option_value_is("access_delegation_mode",
		FE_V(1, 5, 5), "Vended_Credentials", "vended_credentials"));
	assert_false(fe_iceberg_option_value_is("access_delegation_mode",
		FE_V(1, 5, 5), "vended-credentials", "vended_credentials"));
}

/*
 * An empty endpoint_type, authorization_type or access_delegation_mode is
 * skipped by the extension; an empty oauth2_grant_type is refused.  FP306
 * follows the engine's answer for every option with a set of values.
 */
static void test_engine_empty_option_values_lint_agrees(void **state)
{
	char yaml[2048], body[512];

	(void)state;
	for (size_t i = 0; fe_iceberg_option_at(i); i++) {
		const struct fe_iceberg_option *o = fe_iceberg_option_at(i);

		if (!fe_iceberg_option_values(o->name, FE_ANY))
			continue;
		snprintf(body, sizeof(body),
			 "      attach:\n"
			 "        - path: wh\n"
			 "          type: iceberg\n"
			 "          options:\n"
			 "            endpoint: http://polaris:8181/api/catalog\n"
			 "            %s: ''\n", o->name);
		profile(yaml, sizeof(yaml), body);
		if (lint_says(yaml, "FP306") ==
		    fe_iceberg_option_empty_unset(o->name, FE_DUCKDB_DEFAULT))
			fail_msg("%s: '' and FP306 disagree", o->name);
	}
	assert_true(fe_iceberg_option_empty_unset("endpoint_type",
						  FE_V(1, 4, 0)));
	assert_true(fe_iceberg_option_empty_unset("ACCESS_DELEGATION_MODE",
						  FE_V(1, 4, 1)));
	assert_false(fe_iceberg_option_empty_unset("access_delegation_mode",
						   FE_V(1, 4, 0)));
	assert_false(fe_iceberg_option_empty_unset("oauth2_grant_type",
						   FE_ANY));
	assert_false(fe_iceberg_option_empty_unset("endpoint", FE_ANY));
}

/* lint's FP309 and verify's installed-extension check read DuckDB's
 * extension aliases from the engine: `https` loads httpfs. */
static void test_engine_extension_aliases(void **state)
{
	char yaml[2048];

	(void)state;
	assert_string_equal(fe_extension_canonical("HTTPS", FE_DUCKDB_DEFAULT),
			    "httpfs");
	assert_string_equal(fe_extension_canonical("s3", FE_ANY), "httpfs");
	/* per release: 1.4.0 has them all (the engine says so) */
	assert_string_equal(fe_extension_canonical("https", FE_V(1, 4, 0)),
			    "httpfs");
	assert_string_equal(fe_extension_canonical("odbc", FE_V(1, 4, 5)),
			    "odbc");
	assert_string_equal(fe_extension_canonical("odbc", FE_V(1, 5, 0)),
			    "odbc_scanner");
	assert_string_equal(fe_extension_canonical("iceberg", FE_ANY),
			    "iceberg");
	snprintf(yaml, sizeof(yaml),
		 "p:\n  target: dev\n  outputs:\n    dev:\n"
		 "      type: duckdb\n      extensions: [https, iceberg]\n"
		 "      attach:\n        - path: wh\n          type: iceberg\n"
		 "          options:\n"
		 "            endpoint: http://polaris:8181/api/catalog\n");
	assert_false(lint_says(yaml, "FP309"));
	snprintf(yaml, sizeof(yaml),
		 "p:\n  target: dev\n  outputs:\n    dev:\n"
		 "      type: duckdb\n      extensions: [sqlite, iceberg]\n"
		 "      attach:\n        - path: wh\n          type: iceberg\n"
		 "          options:\n"
		 "            endpoint: http://polaris:8181/api/catalog\n");
	assert_true(lint_says(yaml, "FP309"));
}

/* FP401: the inline OAuth2 options are the engine's, extra_http_headers
 * (1.5+) included: beside a secret the extension refuses it too. */
static void test_engine_inline_oauth2_options_in_lint(void **state)
{
	char yaml[2048], body[512];

	(void)state;
	snprintf(body, sizeof(body),
		 "      attach:\n        - path: wh\n          type: iceberg\n"
		 "          secret: s\n          options:\n"
		 "            endpoint: http://polaris:8181/api/catalog\n"
		 "            extra_http_headers: {Polaris-Realm: r}\n");
	profile(yaml, sizeof(yaml), body);
	assert_true(lint_says(yaml, "FP401"));
	snprintf(body, sizeof(body),
		 "      attach:\n        - path: wh\n          type: iceberg\n"
		 "          secret: s\n          options:\n"
		 "            endpoint: http://polaris:8181/api/catalog\n"
		 "            default_region: eu-west-1\n");
	profile(yaml, sizeof(yaml), body);
	assert_false(lint_says(yaml, "FP401"));
}

/* ---- names after ATTACH ... AS ---- */

static void check_refused_alias(const char *word, const char *rule)
{
	char yaml[2048], body[256];

	if (floe_is_identifier(word))
		fail_msg("%s: floe_is_identifier accepts it", word);
	snprintf(body, sizeof(body), "      attach:\n        - path: x.db\n"
		 "          alias: '%s'\n", word);
	profile(yaml, sizeof(yaml), body);
	if (!lint_says(yaml, rule))
		fail_msg("%s: lint accepts it (%s)", word, rule);
	if (generate(platform_head, word) != FLOE_ERR_USAGE)
		fail_msg("%s: generate accepts it", word);
}

static void test_engine_refused_aliases_lint_and_generate_agree(
	void **state)
{
	(void)state;
	/* 105 keywords; system, main, and temp twice (1.4.0 and 1.4.1+);
	 * the same spelled in other case: MAIN (1.4.x only), SYSTEM, and
	 * TEMP twice */
	assert_int_equal(fe_alias_keyword_count() +
			 fe_database_name_count(), 113);
	for (size_t i = 0; fe_alias_keyword_at(i); i++)
		check_refused_alias(fe_alias_keyword_at(i), "FP308");
	for (size_t i = 0; fe_database_name_at(i); i++)
		/* a database name is no syntax error: FP318 */
		check_refused_alias(fe_database_name_at(i), "FP318");
	assert_true(floe_is_identifier("polaris_catalog"));
	assert_int_equal(generate(platform_head, "polaris_catalog"), FLOE_OK);
	assert_int_equal(fe_alias_check("SELECT", FE_DUCKDB_DEFAULT),
			 FE_ALIAS_KEYWORD);
	assert_int_equal(fe_alias_check("main", FE_DUCKDB_DEFAULT),
			 FE_ALIAS_DATABASE);
	assert_int_equal(fe_alias_check("a-b", FE_DUCKDB_DEFAULT),
			 FE_ALIAS_NOT_WORD);
}

/*
 * fe_attach_type_is(): the TYPE dbt-duckdb writes raw.  Each answer was
 * observed on 1.4.3 and 1.5.6 (ATTACH 'wh' AS c (TYPE <s>) asks for the
 * extension named so).
 */
static void test_engine_attach_type(void **state)
{
	static const char *const iceberg[] = {
		"iceberg", " iceberg ", "'iceberg'", "\"iceberg\"", "'ICEBERG'",
		"ICEBERG", NULL
	};
	static const char *const other[] = {
		"'ice''berg'", "iceberg_x", "'iceberg '", "'iceberg", "ice berg",
		"", NULL
	};

	(void)state;
	for (size_t i = 0; iceberg[i]; i++)
		if (!fe_attach_type_is(iceberg[i], "iceberg"))
			fail_msg("TYPE %s loads iceberg", iceberg[i]);
	for (size_t i = 0; other[i]; i++)
		if (fe_attach_type_is(other[i], "iceberg"))
			fail_msg("TYPE %s is not iceberg", other[i]);
	assert_false(fe_attach_type_is(NULL, "iceberg"));
}

/*
 * fe_secret_type_is(): a secret's type, which dbt-duckdb writes raw into
 * CREATE SECRET (type {type}).  Each answer was observed on 1.4.3 and
 * 1.5.6: CREATE SECRET (TYPE <s>, client_id 'x') without the extension
 * says "Secret type 'iceberg' does not exist, but it exists in the
 * iceberg extension" for the first list, "Secret type ' iceberg' not
 * found" (or a syntax error) for the second.
 */
static void test_engine_secret_type(void **state)
{
	static const char *const iceberg[] = {
		"iceberg", " iceberg", "'iceberg'", "ICEBERG", "\"iceberg\"",
		"'ICEBERG'", NULL
	};
	static const char *const other[] = {
		"' iceberg'", "'iceberg '", "''", "ice berg", "s3", NULL
	};

	(void)state;
	for (size_t i = 0; iceberg[i]; i++)
		if (!fe_secret_type_is(iceberg[i], "iceberg"))
			fail_msg("TYPE %s is the iceberg secret type", iceberg[i]);
	for (size_t i = 0; other[i]; i++)
		if (fe_secret_type_is(other[i], "iceberg"))
			fail_msg("TYPE %s is not iceberg", other[i]);
	/* s3 alike: 'S3', "S3" and S3 are s3 */
	assert_true(fe_secret_type_is("'S3'", "s3"));
	assert_true(fe_secret_type_is("\"S3\"", "s3"));
	assert_true(fe_secret_type_is("S3", "s3"));
	assert_false(fe_secret_type_is(NULL, "iceberg"));
}

/*
 * The secret types of duckdb_secrets.def, as probe_secrets.py read them
 * (src/engine/data/duckdb-secrets/): what CREATE SECRET (TYPE t) finds
 * on each release, lower-cased as DuckDB looks it up.
 */
static void test_engine_secret_type_table(void **state)
{
	char buf[64];
	size_t n = 0;

	(void)state;
	assert_string_equal(fe_secret_type_name(" 'S3'", buf, sizeof(buf)),
			    "s3");
	assert_string_equal(fe_secret_type_name("\"GCS\"", buf, sizeof(buf)),
			    "gcs");
	assert_string_equal(fe_secret_type_name("'s3 '", buf, sizeof(buf)),
			    "s3 ");
	assert_null(fe_secret_type_name("ice berg", buf, sizeof(buf)));
	assert_null(fe_secret_type_name("iceberg", buf, 4));	/* too long */
	/* the engine's own, and the extensions' autoload names */
	assert_string_equal(fe_secret_type_extension("http", FE_V(1, 4, 3)),
			    "");
	assert_string_equal(fe_secret_type_extension("s3", FE_V(1, 4, 3)),
			    "httpfs");
	assert_string_equal(fe_secret_type_extension("iceberg",
						     FE_V(1, 5, 6)),
			    "iceberg");
	/* uc, rds and quack arrived in 1.5.3 */
	assert_null(fe_secret_type_extension("uc", FE_V(1, 5, 2)));
	assert_string_equal(fe_secret_type_extension("uc", FE_V(1, 5, 3)),
			    "unity_catalog");
	assert_int_equal(fe_secret_type_first("rds"), FE_V(1, 5, 3));
	assert_int_equal(fe_secret_type_first("s3"), FE_V(1, 4, 0));
	assert_int_equal(fe_secret_type_first("s4"), 0);
	assert_null(fe_secret_type_extension("S3", FE_V(1, 4, 3)));
	assert_null(fe_secret_type_extension("", FE_V(1, 4, 3)));
	assert_null(fe_secret_type_extension("motherduck", FE_V(1, 5, 6)));
	while (fe_secret_type_at(n, FE_V(1, 4, 3)))
		n++;
	assert_int_equal(n, 11);	/* http and ten of extensions */
	/* the extensions whose types are all known: the table's, and the
	 * statically linked ones that add none */
	assert_true(fe_extension_secret_types_known("httpfs", FE_V(1, 4, 3)));
	assert_true(fe_extension_secret_types_known("parquet", FE_V(1, 4, 3)));
	assert_false(fe_extension_secret_types_known("unity_catalog",
						     FE_V(1, 4, 3)));
	assert_false(fe_extension_secret_types_known("motherduck",
						     FE_V(1, 5, 6)));
	assert_false(fe_extension_secret_types_known("spatial", FE_V(1, 5, 6)));
	assert_false(fe_extension_secret_types_known("", FE_V(1, 5, 6)));
}

/* duckdb_secrets.def's name forms: what the probe saw on each release */
static const struct {
	const char *form;
	bool persistent;
	const char *cls, *name, *storage;
	bool stored;
	unsigned first, last;
} name_forms[] = {
#define DUCKDB_SECRET_TYPE(t, e, first, last)
#define DUCKDB_SECRETLESS_EXTENSION(e, first, last)
#define DUCKDB_SECRET_STORAGE(st, p, first, last)
#define DUCKDB_SECRET_STORAGE_KEYWORD(w, first, last)
#define DUCKDB_SECRET_PERSISTENT_DISABLED(m, first, last)
#define DUCKDB_SECRET_NAME_FORM(f, p, c, n, st, stored, first, last) \
	{ f, p, c, n, st, stored, first, last },
#include "engine/duckdb_secrets.def"
#undef DUCKDB_SECRET_TYPE
#undef DUCKDB_SECRETLESS_EXTENSION
#undef DUCKDB_SECRET_STORAGE
#undef DUCKDB_SECRET_STORAGE_KEYWORD
#undef DUCKDB_SECRET_PERSISTENT_DISABLED
#undef DUCKDB_SECRET_NAME_FORM
};

/* The probe's class of a fe_secret_name_parse() answer. */
static const char *name_form_class(enum fe_secret_name_refusal r)
{
	switch (r) {
	case FE_SECRET_NAME_OK:
		return "ok";
	case FE_SECRET_NAME_NO_STORAGE:
		return "storage";
	case FE_SECRET_NAME_TEMPORARY_STORAGE:
		return "temporary-storage";
	case FE_SECRET_NAME_KEYWORD:
	case FE_SECRET_NAME_NOT_WORD:
	case FE_SECRET_NAME_COMMENT:
	case FE_SECRET_NAME_STORAGE_KEYWORD:
		break;
	}
	return "syntax";
}

/*
 * fe_secret_name_parse() against every name form probe_secrets.py ran as
 * dbt-duckdb writes it, on the first and the last release of each row:
 * the same answer, and for a secret created the same name, storage and
 * persistence (duckdb_secrets()).
 */
static void test_engine_secret_name_forms(void **state)
{
	const size_t nr = sizeof(name_forms) / sizeof(name_forms[0]);
	struct fe_secret_name sn;

	(void)state;
	assert_true(nr > 100);
	for (size_t i = 0; i < nr; i++) {
		unsigned vers[2] = { name_forms[i].first, name_forms[i].last };

		for (size_t v = 0; v < 2 && vers[v]; v++) {
			enum fe_secret_name_refusal r = fe_secret_name_parse(
				name_forms[i].form, name_forms[i].persistent,
				vers[v], &sn);
			const char *storage = *sn.storage ? sn.storage
					      : sn.persistent ? "local_file"
					      : "memory";

			if (strcmp(name_form_class(r), name_forms[i].cls))
				fail_msg("SECRET%s [%s] on %u: %s, not %s",
					 name_forms[i].persistent ?
					 " PERSISTENT" : "", name_forms[i].form,
					 vers[v], name_form_class(r),
					 name_forms[i].cls);
			if (r != FE_SECRET_NAME_OK)
				continue;
			if (strcmp(sn.name, name_forms[i].name) ||
			    strcmp(storage, name_forms[i].storage) ||
			    sn.persistent != name_forms[i].stored)
				fail_msg("SECRET [%s] on %u: '%s' in %s (%d), "
					 "not '%s' in %s (%d)",
					 name_forms[i].form, vers[v], sn.name,
					 storage, sn.persistent,
					 name_forms[i].name,
					 name_forms[i].storage,
					 name_forms[i].stored);
		}
	}
	/* which refusal, where the probe says only "syntax" */
	assert_int_equal(fe_secret_name_parse("x -- c", false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_COMMENT);
	assert_int_equal(fe_secret_name_parse("x IN local_file -- c", true,
					      FE_V(1, 5, 6), &sn),
			 FE_SECRET_NAME_COMMENT);
	assert_int_equal(fe_secret_name_parse("x IN default", false,
					      FE_V(1, 4, 3), &sn),
			 FE_SECRET_NAME_STORAGE_KEYWORD);
	assert_int_equal(fe_secret_name_parse("x IN data", false,
					      FE_V(1, 4, 3), &sn),
			 FE_SECRET_NAME_STORAGE_KEYWORD);
	assert_int_equal(fe_secret_name_parse("default", false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_KEYWORD);
	assert_int_equal(fe_secret_name_parse("x IN", false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_NOT_WORD);
	assert_int_equal(fe_secret_name_parse(NULL, false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_NOT_WORD);
	/* \v is no blank to scan.l: refused inside and at either end
	 * (the engine, 1.4.3 and 1.5.6; the second review) */
	assert_int_equal(fe_secret_name_parse("lake\vIN memory", false,
					      FE_V(1, 5, 6), &sn),
			 FE_SECRET_NAME_NOT_WORD);
	assert_int_equal(fe_secret_name_parse("\va", false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_NOT_WORD);
	assert_int_equal(fe_secret_name_parse("a\v", false, FE_V(1, 4, 3),
					      &sn), FE_SECRET_NAME_NOT_WORD);
	/* the storage, lower-cased, whatever the release has */
	assert_int_equal(fe_secret_name_parse("x IN MotherDuck", false,
					      FE_V(1, 5, 6), &sn),
			 FE_SECRET_NAME_NO_STORAGE);
	assert_string_equal(sn.storage, "motherduck");
	assert_string_equal(sn.name, "x");
	/* the same lexer after ATTACH ... AS: comments are blanks */
	assert_int_equal(fe_alias_parse("x /* c */", false, FE_V(1, 4, 3)),
			 FE_ALIAS_OK);
}

/*
 * fe_alias_parse(): DuckDB's lexer after ATTACH ... AS.  Each answer was
 * observed on 1.4.3, 1.5.0 and 1.5.6 (ATTACH ':memory:' AS <s>).
 */
static void test_engine_alias_parse_lexer(void **state)
{
	static const char *const ok[] = {
		"café", "lake$1", "\"my-cat\"", "\"select\"", "\"a\"\"b\"",
		"\"has space\"", "ü$_9", "日本", "_$", "é1", "  sp  ",
		"\xc2\xa0" "nb\xc2\xa0", "ab\xe2\x80\x83" "", "polaris_catalog",
		NULL
	};
	static const char *const not_word[] = {
		"$x", "1a", "a-b", "a.b", "a b", "\"\"", "\"ab", "\"x\"y",
		"'sq'", "U&\"d\\0061t\"", "a\xc2\xa0" "b", "", "   ", NULL
	};

	(void)state;
	for (size_t i = 0; ok[i]; i++)
		if (fe_alias_parse(ok[i], false, FE_DUCKDB_DEFAULT) != FE_ALIAS_OK)
			fail_msg("'%s' parses after AS", ok[i]);
	for (size_t i = 0; not_word[i]; i++)
		if (fe_alias_parse(not_word[i], false, FE_ANY) != FE_ALIAS_NOT_WORD)
			fail_msg("'%s' does not parse after AS", not_word[i]);
	/* a bare keyword is refused, a quoted one is a name */
	assert_int_equal(fe_alias_parse("SELECT", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_KEYWORD);
	assert_int_equal(fe_alias_parse(" select ", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_KEYWORD);
	assert_int_equal(fe_alias_parse("\"SELECT\"", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_OK);
	/* a database name, quoted or not (FP318's) */
	assert_int_equal(fe_alias_parse("main", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_DATABASE);
	assert_int_equal(fe_alias_parse("\"main\"", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_DATABASE);
	/* reserved only as spelled, from 1.5 (duckdb-names/) */
	assert_int_equal(fe_alias_parse("\"Main\"", false, FE_DUCKDB_DEFAULT),
			 FE_ALIAS_OK);
	assert_int_equal(fe_alias_parse("\"Main\"", false, FE_V(1, 4, 3)),
			 FE_ALIAS_DATABASE);
	/* every keyword fe_alias_check() refuses, fe_alias_parse() too */
	for (size_t i = 0; fe_alias_keyword_at(i); i++)
		assert_int_equal(fe_alias_parse(fe_alias_keyword_at(i), false, FE_ANY),
				 FE_ALIAS_KEYWORD);
	/* generate's --alias stays a plain ASCII word */
	assert_int_equal(fe_alias_check("café", FE_ANY), FE_ALIAS_NOT_WORD);
}

static const struct {
	const char *form;
	bool options;
	const char *cls, *name;
	unsigned first, last;
} alias_forms[] = {
#define DUCKDB_ALIAS_KEYWORD(word, first, last)
#define DUCKDB_DATABASE_NAME(name, first, last, flags)
#define DUCKDB_STATEMENT_TRIM(first, last)
#define DUCKDB_ALIAS_FORM(f, o, c, n, first, last) { f, o, c, n, first, last },
#include "engine/duckdb_names.def"
#undef DUCKDB_ALIAS_KEYWORD
#undef DUCKDB_DATABASE_NAME
#undef DUCKDB_STATEMENT_TRIM
#undef DUCKDB_ALIAS_FORM
};

/* The probe's class of a fe_alias_parse() answer. */
static const char *alias_form_class(enum fe_alias_refusal r)
{
	switch (r) {
	case FE_ALIAS_OK:
	case FE_ALIAS_DATABASE:
		return "ok";
	case FE_ALIAS_COMMENT:
		return "eaten";
	case FE_ALIAS_NOT_WORD:
	case FE_ALIAS_KEYWORD:
		break;
	}
	return "syntax";
}

/*
 * fe_alias_parse() and fe_alias_name() against every alias form
 * extract_names.py ran as dbt-duckdb writes it, ending the statement or
 * followed by options, on the first and the last release of each row:
 * the same answer, and for a database attached the same name.
 */
static void test_engine_alias_forms(void **state)
{
	const size_t nr = sizeof(alias_forms) / sizeof(alias_forms[0]);
	char name[256];

	(void)state;
	assert_true(nr > 80);
	for (size_t i = 0; i < nr; i++) {
		unsigned vers[2] = { alias_forms[i].first, alias_forms[i].last };
		bool last = !alias_forms[i].options;

		for (size_t v = 0; v < 2 && vers[v]; v++) {
			const char *form = alias_forms[i].form;
			enum fe_alias_refusal r = fe_alias_parse(form, last,
								 vers[v]);
			const char *got = fe_alias_name(form, last, vers[v],
							name, sizeof(name));

			if (strcmp(alias_form_class(r), alias_forms[i].cls))
				fail_msg("AS [%s]%s on %u: %s, not %s", form,
					 last ? "" : " (...)", vers[v],
					 alias_form_class(r),
					 alias_forms[i].cls);
			if (strcmp(alias_forms[i].cls, "syntax") &&
			    (!got || strcmp(got, alias_forms[i].name)))
				fail_msg("AS [%s]%s on %u: name '%s', not '%s'",
					 form, last ? "" : " (...)", vers[v],
					 got ? got : "(none)",
					 alias_forms[i].name);
		}
	}
}

/* fe_duckdb_path_database(): the names the real engine gave (every
 * release 1.4.0-1.5.6; a path ending in '/', each release's own), and
 * the paths it leaves to an extension. */
static void test_engine_duckdb_path_database(void **state)
{
	static const struct {
		const char *path, *type;
		bool ine;
		const char *name;	/* NULL: not known statically */
	} cases[] = {
		{ "/tmp/b/x.duckdb", NULL, false, "x" },
		{ "x.db", "", false, "x" },
		{ "X.duckdb", "DuckDB", false, "X" },
		{ "dir/x", NULL, false, "x" },
		{ "x.tar.duckdb", NULL, false, "x" },
		{ ".h.duckdb", NULL, false, "h" },
		{ "a/..x.duckdb", NULL, false, "x" },
		{ "a/b.", NULL, false, "b" },
		{ "a/main.duckdb", NULL, false, "main_db" },
		{ "temp.db", NULL, false, "temp_db" },
		{ "a/system.db", NULL, false, "system_db" },
		{ "a/MAIN.db", NULL, false, "MAIN" },
		{ "a/memory.db", NULL, false, "memory" },
		{ ":memory:", NULL, false, "memory" },
		{ "", NULL, false, "memory" },
		{ "a/r.db", "sqlite", true, "r" },
		{ "a/r.db", "SQLITE", false, NULL },
		{ "warehouse", "iceberg", true, NULL },
		{ "md:x", NULL, true, NULL },
		{ "s3://bucket/x.duckdb", NULL, true, NULL },
		{ "sqlite:a/r.db", NULL, true, NULL },
		{ ":memory:foo", NULL, true, NULL },
		{ "a/..", NULL, true, NULL },
		/* a path ending in '/' (duckdb-files/ slash rows): 1.5.x
		 * attaches it without the slashes, named so */
		{ "a/b/", NULL, true, "b" },
		{ "lake.duckdb//", NULL, false, "lake" },
		{ "x.tar.duckdb/", "duckdb", false, "x" },
		{ "Temp.duckdb/", NULL, true, "Temp" },
		{ "a/main.duckdb/", NULL, true, "main_db" },
		{ "/", NULL, true, NULL },
		{ "a/r.db/", "sqlite", true, NULL },
	};
	/* 1.4.x: IF NOT EXISTS names it so before it fails to open the
	 * file; plain ATTACH fails first.  No release: not named. */
	static const struct {
		const char *path;
		bool ine;
		unsigned version;
		const char *name;
	} slash[] = {
		{ "lake.duckdb/", true, FE_V(1, 4, 3), "lake" },
		{ "lake.duckdb/", false, FE_V(1, 4, 3), NULL },
		{ "lake.duckdb/", false, FE_V(1, 5, 0), "lake" },
		{ "lake.duckdb/", true, FE_ANY, NULL },
		{ "lake.duckdb/", true, FE_V(1, 3, 2), NULL },
	};

	(void)state;
	assert_int_equal(fe_path_slash(FE_V(1, 4, 0)), FE_SLASH_FAILS);
	assert_int_equal(fe_path_slash(FE_V(1, 4, 5)), FE_SLASH_FAILS);
	assert_int_equal(fe_path_slash(FE_V(1, 5, 0)), FE_SLASH_DROPPED);
	assert_int_equal(fe_path_slash(FE_DUCKDB_DEFAULT), FE_SLASH_DROPPED);
	assert_int_equal(fe_path_slash(FE_ANY), FE_SLASH_UNKNOWN);
	for (size_t i = 0; i < sizeof(slash) / sizeof(slash[0]); i++) {
		size_t len = 0;
		const char *name = fe_duckdb_path_database(
			slash[i].path, NULL, slash[i].ine, slash[i].version,
			&len);

		if (!slash[i].name ? name != NULL
		    : !name || len != strlen(slash[i].name) ||
		      memcmp(name, slash[i].name, len))
			fail_msg("'%s' (%s, %u): '%.*s'", slash[i].path,
				 slash[i].ine ? "IF NOT EXISTS" : "plain",
				 slash[i].version, name ? (int)len : 6,
				 name ? name : "(none)");
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = 0;
		const char *name = fe_duckdb_path_database(
			cases[i].path, cases[i].type, cases[i].ine,
			FE_DUCKDB_DEFAULT, &len);

		if (!cases[i].name) {
			if (name)
				fail_msg("'%s' named '%.*s'", cases[i].path,
					 (int)len, name);
			continue;
		}
		if (!name || len != strlen(cases[i].name) ||
		    memcmp(name, cases[i].name, len))
			fail_msg("'%s' is named '%s'", cases[i].path,
				 cases[i].name);
	}
}

/* fe_alias_check() bisects the keywords: sorted, one row a word, each
 * found in any case, and a word between two of them is no keyword. */
static void test_engine_alias_keywords_sorted_and_found(void **state)
{
	char upper[64], between[70];

	(void)state;
	for (size_t i = 0; fe_alias_keyword_at(i); i++) {
		const char *w = fe_alias_keyword_at(i);
		size_t n = strlen(w);

		if (i)
			assert_true(ascii_cmp_ci(fe_alias_keyword_at(i - 1),
						 w) < 0);
		assert_true(n < sizeof(upper));
		for (size_t k = 0; k <= n; k++)
			upper[k] = (char)(w[k] >= 'a' && w[k] <= 'z' ?
					  w[k] - ('a' - 'A') : w[k]);
		assert_int_equal(fe_alias_check(w, FE_ANY), FE_ALIAS_KEYWORD);
		assert_int_equal(fe_alias_check(upper, FE_ANY),
				 FE_ALIAS_KEYWORD);
		snprintf(between, sizeof(between), "%s_x", w);
		assert_int_not_equal(fe_alias_check(between, FE_ANY),
				     FE_ALIAS_KEYWORD);
	}
}

/*
 * FP318 on a reserved or existing database name, per release and per
 * form of ATTACH: dbt-duckdb 1.11.0 writes ATTACH IF NOT EXISTS, 1.9.4
 * plain ATTACH (dbt_render.def).  duckdb_names.def is the engine's word
 * (extract_names.py): temp is silently taken under IF NOT EXISTS on
 * 1.4.0 and refused from 1.4.1; system is refused by plain ATTACH and
 * silently taken under IF NOT EXISTS; main is refused by both.
 */
/* FP318's verdict: 'r' DuckDB reserves the name, 'n' ATTACH does
 * nothing, 'f' ATTACH fails as the name exists, 0 no FP318 */
static int fp318_at(const char *name, unsigned duckdb, unsigned dbt)
{
	char yaml[2048], body[256], m[1024];

	snprintf(body, sizeof(body), "      attach:\n        - path: x.db\n"
		 "          alias: %s\n", name);
	profile(yaml, sizeof(yaml), body);
	if (!lint_finding(yaml, "FP318", duckdb, dbt, m, sizeof(m)))
		return 0;
	return strstr(m, "reserved name") ? 'r'
	       : strstr(m, "does nothing") ? 'n'
	       : strstr(m, "Ambiguous reference") ? 'a'
	       : strstr(m, "INTERNAL Error") ? 'i'
	       : strstr(m, "already exists") ? 'f' : '?';
}

static void test_engine_database_names_per_release(void **state)
{
	static const char *const names[] = { "system", "temp", "main" };

	(void)state;
	for (size_t i = 0; fe_release_at(i); i++) {
		unsigned v = fe_release_at(i)->version;

		if (!fe_release_find(v))
			continue;	/* main: no engine to read */
		for (size_t k = 0; k < 3; k++) {
			unsigned f = fe_database_name(names[k], v);

			assert_true(f != 0);
			assert_int_equal(fp318_at(names[k], v, FE_V(1, 11, 0)),
					 f & FE_DB_RESERVED_IF_NOT_EXISTS ? 'r'
					 : f & FE_DB_EXISTS ? 'n' : 0);
			assert_int_equal(fp318_at(names[k], v, FE_V(1, 9, 4)),
					 f & FE_DB_RESERVED ? 'r' : 0);
		}
	}
	/* the releases the engine says differ, by name */
	assert_int_equal(fp318_at("temp", FE_V(1, 4, 0), FE_V(1, 11, 0)), 'n');
	assert_int_equal(fp318_at("temp", FE_V(1, 4, 1), FE_V(1, 11, 0)), 'r');
	assert_int_equal(fp318_at("system", FE_V(1, 5, 6), FE_V(1, 11, 0)),
			 'n');
	assert_int_equal(fp318_at("system", FE_V(1, 5, 6), FE_V(1, 9, 4)),
			 'r');
	assert_int_equal(fp318_at("catalog", FE_V(1, 4, 0), FE_V(1, 11, 0)),
			 0);
	/*
	 * Spelled in other case: the reserved check is DuckDB's exact
	 * compare, so MAIN and Temp attach (duckdb-names/: the query of
	 * system.information_schema.tables after the ATTACH).  Every
	 * release, both forms of ATTACH: lint follows the rows.
	 */
	for (size_t i = 0; fe_release_at(i); i++) {
		static const char *const spelt[] = { "MAIN", "Main", "TEMP",
						     "Temp", "SYSTEM",
						     "System" };
		unsigned v = fe_release_at(i)->version;

		if (!fe_release_find(v))
			continue;
		for (size_t k = 0; k < 6; k++) {
			unsigned f = fe_database_name(spelt[k], v);

			assert_true(!f || (f & FE_DB_OTHER_CASE));
			assert_false(f & (FE_DB_RESERVED |
					  FE_DB_RESERVED_IF_NOT_EXISTS));
			assert_int_equal(fp318_at(spelt[k], v, FE_V(1, 11, 0)),
				f & FE_DB_INVALIDATES_IF_NOT_EXISTS ? 'i'
				: f & FE_DB_AMBIGUOUS_IF_NOT_EXISTS ? 'a'
				: f & FE_DB_EXISTS ? 'n' : 0);
			assert_int_equal(fp318_at(spelt[k], v, FE_V(1, 9, 4)),
				f & FE_DB_INVALIDATES ? 'i'
				: f & FE_DB_AMBIGUOUS ? 'a' : 0);
		}
	}
	/* the finding: MAIN and Main attach and break nothing dbt-duckdb
	 * runs on 1.5.x; on 1.4.x its list of relations fails */
	assert_int_equal(fp318_at("MAIN", FE_V(1, 5, 6), FE_V(1, 11, 0)), 0);
	assert_int_equal(fp318_at("Main", FE_V(1, 5, 0), FE_V(1, 11, 0)), 0);
	assert_int_equal(fp318_at("MAIN", FE_V(1, 4, 3), FE_V(1, 11, 0)), 'a');
	assert_int_equal(fp318_at("Temp", FE_V(1, 5, 6), FE_V(1, 11, 0)), 'i');
	assert_int_equal(fp318_at("TEMP", FE_V(1, 4, 0), FE_V(1, 11, 0)), 'n');
	assert_int_equal(fp318_at("SYSTEM", FE_V(1, 5, 6), FE_V(1, 9, 4)),
			 'i');
	assert_int_equal(fe_database_name("MAIN", FE_V(1, 5, 6)), 0);
	assert_int_equal(fe_database_name("main", FE_V(1, 5, 6)),
			 FE_DB_RESERVED | FE_DB_RESERVED_IF_NOT_EXISTS);
}

/*
 * The database a `path` opens, by the rule dbt-duckdb's credentials.py
 * applies (fe_dbt_path_database()): lint's FP318 and generate refuse the same
 * paths when the attach alias is that name, and take the near misses.
 */
static void test_engine_main_database_lint_and_generate_agree(void **state)
{
	static const struct {
		const char *path, *name;
		bool motherduck;
	} cases[] = {
		{ ":memory:", "memory", false },
		{ "data/polaris_catalog.duckdb", "polaris_catalog", false },
		{ "/abs/dir.d/polaris_catalog", "polaris_catalog", false },
		{ "polaris_catalog.tar.db", "polaris_catalog.tar", false },
		{ "s3://bucket/x/polaris_catalog.db?x=1", "polaris_catalog",
		  false },
		{ "credentials:polaris_catalog.duckdb", "polaris_catalog",
		  false },
		{ "..polaris_catalog", "..polaris_catalog", false },
		{ "md:polaris_catalog", "polaris_catalog", true },
		{ "md:", "my_db", true },
		{ "MotherDuck:lake", "lake", true },
		{ "c:polaris_catalog.db", "polaris_catalog", false },
		{ "dir/polaris_catalog.db;x=1", "polaris_catalog", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		const char *name = fe_dbt_path_database(cases[i].path,
							FE_DBT_DUCKDB_DEFAULT,
							&len);
		bool md = fe_dbt_path_is_motherduck(cases[i].path);
		char yaml[2048], body[512];
		bool hit;

		if (len != strlen(cases[i].name) ||
		    strncmp(name, cases[i].name, len) || md !=
		    cases[i].motherduck)
			fail_msg("%s: '%.*s'%s", cases[i].path, (int)len, name,
				 md ? " (MotherDuck)" : "");
		if (!floe_is_identifier(cases[i].name))
			continue;	/* no alias can be it */
		hit = !cases[i].motherduck;
		snprintf(body, sizeof(body), "      path: '%s'\n      attach:\n"
			 "        - path: x.db\n          alias: %s\n",
			 cases[i].path, cases[i].name);
		profile(yaml, sizeof(yaml), body);
		if (lint_says(yaml, "FP318") != hit)
			fail_msg("%s: lint %s", cases[i].path,
				 hit ? "misses it" : "reports it");
		snprintf(body, sizeof(body), "%s"
			 "compute:\n  default:\n    type: duckdb\n"
			 "    properties:\n      path: '%s'\n",
			 platform_head, cases[i].path);
		if ((generate(body, cases[i].name) == FLOE_ERR_INPUT) != hit)
			fail_msg("%s: generate %s", cases[i].path,
				 hit ? "writes it" : "refuses it");
		/* a near miss: another alias */
		if (generate(body, "polaris_catalog_x") != FLOE_OK)
			fail_msg("%s: generate refuses another alias",
				 cases[i].path);
	}
}

/*
 * A path with no file name: dbt-duckdb cannot name its database and
 * raises on every release (fe_dbt_path_database() gives length 0); lint's
 * FP319 and generate refuse the same paths, database: given or not, and
 * take the near misses.
 */
static void test_engine_path_without_name_lint_and_generate_agree(void **state)
{
	static const struct {
		const char *path;
		bool refused;
	} cases[] = {
		{ "/tmp/", true },
		{ "data/", true },
		{ "#frag", true },
		{ "s3://bucket/dir/", true },
		{ "dir/?x=1", true },
		{ "ducklake:/tmp/", true },
		{ "data/dev.duckdb", false },
		{ "data/.duckdb", false },
		{ "md:", false },
		{ ":memory:", false },
	};
	static const unsigned dbt[] = { FE_V(1, 9, 0), FE_V(1, 9, 4),
					FE_V(1, 11, 0) };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yaml[2048], body[512];
		size_t len;

		for (size_t v = 0; v < sizeof(dbt) / sizeof(dbt[0]); v++) {
			fe_dbt_path_database(cases[i].path, dbt[v], &len);
			if ((len == 0) != cases[i].refused)
				fail_msg("%s: named %zu", cases[i].path, len);
			snprintf(body, sizeof(body), "      path: '%s'\n"
				 "      database: x\n", cases[i].path);
			profile(yaml, sizeof(yaml), body);
			/* with database: x a named path is FP319 too */
			if (cases[i].refused &&
			    !lint_finding(yaml, "FP319", 0, dbt[v], NULL, 0))
				fail_msg("%s: lint misses it", cases[i].path);
			snprintf(body, sizeof(body), "      path: '%s'\n",
				 cases[i].path);
			profile(yaml, sizeof(yaml), body);
			if (lint_finding(yaml, "FP319", 0, dbt[v], NULL, 0) !=
			    cases[i].refused)
				fail_msg("%s: lint %s", cases[i].path,
					 cases[i].refused ? "misses it"
							  : "reports it");
		}
		snprintf(body, sizeof(body), "%s"
			 "compute:\n  default:\n    type: duckdb\n"
			 "    properties:\n      path: '%s'\n",
			 platform_head, cases[i].path);
		if ((generate(body, NULL) == FLOE_ERR_INPUT) !=
		    cases[i].refused)
			fail_msg("%s: generate %s", cases[i].path,
				 cases[i].refused ? "writes it" : "refuses it");
	}
}

/*
 * access_mode read_only cannot launch an in-memory database
 * (fe_open_refusal(), observed on 1.4.3 and 1.5.6): lint's FP102 and
 * generate refuse it with no path or ':memory:', and take a file or
 * another mode.
 */
static void test_engine_read_only_in_memory_lint_and_generate_agree(
	void **state)
{
	static const struct {
		const char *path, *mode;	/* path NULL: none */
		bool refused;
	} cases[] = {
		{ NULL, "read_only", true },
		{ ":memory:", "read_only", true },
		{ ":memory:", "READ_ONLY", true },
		{ NULL, "read_write", false },
		{ NULL, "automatic", false },
		{ "data/dev.duckdb", "read_only", false },
		{ "md:my_db", "read_only", false },
	};

	(void)state;
	assert_non_null(fe_open_refusal("", "read_only", FE_DUCKDB_DEFAULT));
	assert_string_equal(fe_open_refusal(NULL, "read_only",
					    FE_V(1, 4, 3)),
			    "Catalog Error: Cannot launch in-memory database "
			    "in read-only mode!");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yaml[2048], body[512], path[128] = "";

		if ((fe_open_refusal(cases[i].path, cases[i].mode,
				     FE_DUCKDB_DEFAULT) != NULL) !=
		    cases[i].refused)
			fail_msg("%s %s: engine", cases[i].path,
				 cases[i].mode);
		if (cases[i].path)
			snprintf(path, sizeof(path), "      path: '%s'\n",
				 cases[i].path);
		snprintf(body, sizeof(body), "%s      config_options:\n"
			 "        access_mode: %s\n", path, cases[i].mode);
		profile(yaml, sizeof(yaml), body);
		if (lint_says(yaml, "FP102") != cases[i].refused)
			fail_msg("%s %s: lint %s", cases[i].path,
				 cases[i].mode,
				 cases[i].refused ? "misses it" : "reports it");
		snprintf(body, sizeof(body), "%s"
			 "compute:\n  default:\n    type: duckdb\n"
			 "    properties:\n      access_mode: %s\n%s",
			 platform_head, cases[i].mode,
			 cases[i].path ? path : "      threads: 2\n");
		if ((generate(body, NULL) == FLOE_ERR_INPUT) !=
		    cases[i].refused)
			fail_msg("%s %s: generate %s", cases[i].path,
				 cases[i].mode,
				 cases[i].refused ? "writes it" : "refuses it");
	}
}

/* ---- releases and versions ---- */

static void test_engine_releases(void **state)
{
	unsigned use = 1, first = 0, last = 0;
	char buf[FE_VERSION_BUF], names[512];

	(void)state;
	/* the default is the newest release of the table */
	assert_int_equal(FE_DUCKDB_DEFAULT, fe_duckdb_newest());
	assert_int_equal(fe_duckdb_oldest(), FE_V(1, 4, 0));
	assert_non_null(fe_release_find(FE_V(1, 4, 3)));
	assert_null(fe_release_find(FE_V_MAIN));	/* not a release */
	assert_int_equal(fe_version_parse("1.4.3", false), FE_V(1, 4, 3));
	assert_int_equal(fe_version_parse("v1.5.10", false), FE_V(1, 5, 10));
	assert_int_equal(fe_version_parse("1.5", false), 0);
	assert_int_equal(fe_version_parse("1.10", true), FE_V(1, 10, 0));
	assert_int_equal(fe_version_parse("1.4.3x", false), 0);
	assert_int_equal(fe_version_parse("1.4.100", false), 0);
	assert_int_equal(fe_version_parse("", false), 0);
	assert_string_equal(fe_version_str(FE_V(1, 5, 6), buf), "1.5.6");
	assert_string_equal(fe_version_str(FE_V_MAIN, buf), "main");
	assert_int_equal(fe_duckdb_version_fit(FE_V(1, 4, 3), &use),
			 FE_VERSION_KNOWN);
	assert_int_equal(use, FE_V(1, 4, 3));
	assert_int_equal(fe_duckdb_version_fit(FE_V(1, 6, 0), &use),
			 FE_VERSION_NEWER);
	assert_int_equal(use, fe_duckdb_newest());
	assert_int_equal(fe_duckdb_version_fit(FE_V(1, 3, 2), &use),
			 FE_VERSION_UNKNOWN);
	assert_int_equal(fe_duckdb_version_fit(FE_V(1, 4, 9), &use),
			 FE_VERSION_UNKNOWN);
	assert_int_equal(fe_dbt_duckdb_version_fit(FE_V(1, 9, 4), &use),
			 FE_VERSION_KNOWN);
	assert_int_equal(fe_dbt_duckdb_version_fit(FE_V(1, 12, 0), &use),
			 FE_VERSION_NEWER);
	assert_int_equal(use, FE_DBT_DUCKDB_DEFAULT);
	assert_int_equal(fe_dbt_duckdb_version_fit(FE_V(1, 8, 9), &use),
			 FE_VERSION_UNKNOWN);
	assert_true(fe_release_names(names, sizeof(names)) < sizeof(names));
	assert_non_null(strstr(names, "1.4.0, 1.4.1"));
	assert_null(strstr(names, "main"));
	/* spans, renames, extensions */
	assert_true(fe_iceberg_option_span("support_stage_create", &first,
					   &last));
	assert_int_equal(first, FE_V(1, 4, 0));
	assert_int_equal(last, FE_V(1, 5, 3));
	assert_true(fe_iceberg_option_span("uri", &first, &last));
	assert_int_equal(first, FE_V_MAIN);
	assert_false(fe_iceberg_option_span("nope", &first, &last));
	assert_true(fe_setting_span("allow_community_extensions", &first,
				    &last));
	assert_int_equal(first, FE_V(1, 4, 0));
	assert_int_equal(last, FE_V_OPEN);
	assert_true(fe_iceberg_secret_param_span("refresh_token", &first,
						 &last));
	assert_int_equal(first, FE_V(1, 5, 0));
	assert_null(fe_iceberg_option_renamed("support_stage_create",
					      FE_V(1, 5, 3)));
	assert_string_equal(fe_iceberg_option_renamed("SUPPORT_STAGE_CREATE",
						      FE_V(1, 5, 4))->to,
			    "stage_create_tables");
	assert_string_equal(fe_setting_extension("s3_region",
						 FE_DUCKDB_DEFAULT), "httpfs");
	assert_null(fe_setting_extension("http_proxy", FE_DUCKDB_DEFAULT));
	assert_null(fe_setting_extension("memory_limit", FE_DUCKDB_DEFAULT));
	assert_true(fe_extension_known("httpfs"));
	assert_false(fe_extension_known("spatial_xyz"));
	/* oauth2_grant_type is a string the extension compares */
	assert_non_null(fe_iceberg_option_values("oauth2_grant_type",
						 FE_DUCKDB_DEFAULT));
}

/* ---- catalog flavors ---- */

static void expect_flavor(const char *endpoint, const char *endpoint_type,
			  enum fe_flavor want)
{
	const char *why = NULL;
	enum fe_flavor got = fe_flavor_recognize(endpoint, endpoint_type,
						 &why);

	if (got != want)
		fail_msg("%s: flavor %s, expected %s", endpoint ? endpoint
			 : endpoint_type, fe_flavor_info(got)->name,
			 fe_flavor_info(want)->name);
	if (want != FE_FLAVOR_UNKNOWN && !why)
		fail_msg("%s: no reason given", endpoint);
}

/* The order lint and sql both take (docs/lint.md, "Catalog flavors"). */
static void test_engine_flavor_decision_order(void **state)
{
	const char *why = NULL;

	(void)state;
	/* endpoint_type wins over all */
	assert_int_equal(fe_flavor_decide("glue", FE_FLAVOR_NESSIE,
					  FE_FLAVOR_POLARIS, "p",
					  "http://lakekeeper:8181", &why),
			 FE_FLAVOR_GLUE);
	assert_string_equal(why, "its endpoint_type is glue");
	/* then the option or configuration, over the platform */
	assert_int_equal(fe_flavor_decide(NULL, FE_FLAVOR_NESSIE,
					  FE_FLAVOR_POLARIS, "p",
					  "http://lakekeeper:8181", &why),
			 FE_FLAVOR_NESSIE);
	assert_string_equal(why,
			    "--catalog-flavor or lint.catalog_flavor says so");
	/* then the platform, over the endpoint's shape */
	assert_int_equal(fe_flavor_decide(NULL, FE_FLAVOR_UNKNOWN,
					  FE_FLAVOR_REST, "the platform",
					  "http://lakekeeper:8181", &why),
			 FE_FLAVOR_REST);
	assert_string_equal(why, "the platform");
	/* then the endpoint; nothing tells: unknown, no reason */
	assert_int_equal(fe_flavor_decide(NULL, FE_FLAVOR_UNKNOWN,
					  FE_FLAVOR_UNKNOWN, NULL,
					  "http://lakekeeper:8181", &why),
			 FE_FLAVOR_LAKEKEEPER);
	assert_int_equal(fe_flavor_decide(NULL, FE_FLAVOR_UNKNOWN,
					  FE_FLAVOR_UNKNOWN, NULL,
					  "https://catalog.acme.example", &why),
			 FE_FLAVOR_UNKNOWN);
	assert_null(why);
	assert_int_equal(fe_flavor_decide("s3_tables", FE_FLAVOR_UNKNOWN,
					  FE_FLAVOR_UNKNOWN, NULL, NULL, NULL),
			 FE_FLAVOR_S3_TABLES);
}

static void test_engine_flavor_recognition(void **state)
{
	struct strbuf_like { char buf[256]; } names = { "" };
	const char *const *n = fe_flavor_names();

	(void)state;
	/* the extension's own setups (duckdb-iceberg test/configs) */
	expect_flavor("http://0.0.0.0:8181/api/catalog", NULL,
		      FE_FLAVOR_POLARIS);
	expect_flavor("http://localhost:8181/catalog", NULL,
		      FE_FLAVOR_LAKEKEEPER);
	expect_flavor("http://127.0.0.1:19120/iceberg/", NULL,
		      FE_FLAVOR_NESSIE);
	expect_flavor("http://127.0.0.1:9001/iceberg", NULL,
		      FE_FLAVOR_GRAVITINO);
	expect_flavor("http://127.0.0.1:8181", NULL, FE_FLAVOR_REST_FIXTURE);
	expect_flavor("https://catalog.cloudflarestorage.com/a/b", NULL,
		      FE_FLAVOR_R2);
	expect_flavor(NULL, "GLUE", FE_FLAVOR_GLUE);
	expect_flavor(NULL, "s3_tables", FE_FLAVOR_S3_TABLES);
	expect_flavor("https://glue.us-east-1.amazonaws.com/iceberg", NULL,
		      FE_FLAVOR_GLUE);
	expect_flavor("https://x.cloud.databricks.com/api/2.1/unity-catalog/"
		      "iceberg-rest", NULL, FE_FLAVOR_UNITY);
	/* the host names the server; Polaris at the root is still Polaris */
	expect_flavor("http://polaris:8181", NULL, FE_FLAVOR_POLARIS);
	expect_flavor("http://lakekeeper:8181", NULL, FE_FLAVOR_LAKEKEEPER);
	/* nothing tells: floe's default applies */
	expect_flavor("https://catalog.acme.example", NULL, FE_FLAVOR_UNKNOWN);
	expect_flavor("https://iceberg.acme.example/iceberg", NULL,
		      FE_FLAVOR_UNKNOWN);
	expect_flavor(NULL, NULL, FE_FLAVOR_UNKNOWN);
	assert_string_equal(fe_flavor_info(FE_FLAVOR_UNKNOWN)->name,
			    "polaris");
	assert_true(fe_flavor_has(FE_FLAVOR_UNKNOWN,
				  FE_FLAVOR_PRINCIPAL_ROLE_SCOPE));
	assert_false(fe_flavor_has(FE_FLAVOR_LAKEKEEPER,
				   FE_FLAVOR_PRINCIPAL_ROLE_SCOPE));
	assert_false(fe_flavor_has(FE_FLAVOR_GRAVITINO,
				   FE_FLAVOR_WAREHOUSE_REQUIRED));
	/* the names, and the list the usage errors give, in table order */
	for (size_t i = 0; n[i]; i++) {
		assert_int_equal(fe_flavor_by_name(n[i]), (int)i + 1);
		strncat(names.buf, i ? ", " : "", sizeof(names.buf) - 1 -
			strlen(names.buf));
		strncat(names.buf, n[i], sizeof(names.buf) - 1 -
			strlen(names.buf));
	}
	assert_string_equal(names.buf, fe_flavor_list());
	assert_int_equal(fe_flavor_by_name("nope"), FE_FLAVOR_UNKNOWN);
}

/* No variable is set: the environment of a run that gives no region. */
static const char *no_env(const char *name)
{
	(void)name;
	return NULL;
}

/* iceberg_behavior.def: FP320 holds exactly where the row does. */
static void test_engine_vended_region_lint_agrees(void **state)
{
	static const char yaml[] =
		"p:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      extensions: [httpfs, iceberg]\n"
		"      attach:\n"
		"        - path: wh\n"
		"          alias: lake\n"
		"          type: iceberg\n"
		"          options:\n"
		"            endpoint: http://polaris:8181/api/catalog\n"
		"            client_id: x\n"
		"            client_secret: \"{{ env_var('S') }}\"\n";
	unsigned first = 0, last = 0;

	(void)state;
	assert_true(fe_iceberg_behavior_span("vended_region_required", &first,
					     &last));
	assert_int_equal(first, FE_V(1, 5, 2));
	assert_false(fe_iceberg_behavior_span("nope", &first, &last));
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *r = fe_release_at(i);
		struct floe_lint_options opt;
		struct floe_diags d = FLOE_DIAGS_INIT;
		bool found = false;

		if (r->flags & FE_REL_UNRELEASED)
			continue;
		memset(&opt, 0, sizeof(opt));
		opt.duckdb_version = r->version;
		opt.use_env = true;
		opt.getenv_fn = no_env;
		assert_int_equal(floe_lint("profiles.yml", yaml, strlen(yaml),
					   &opt, &d), FLOE_OK);
		for (size_t k = 0; k < d.nr; k++)
			if (fx_id(&d.items[k]) &&
			    !strcmp(fx_id(&d.items[k]), "FP320"))
				found = true;
		floe_diags_release(&d);
		assert_int_equal(found, fe_iceberg_behavior(
			"vended_region_required", r->version));
	}
}

/* Does linting `yaml` at release `v` report `rule`? */
static bool lint_reports(const char *yaml, unsigned v, const char *rule)
{
	struct floe_lint_options opt;
	struct floe_diags d = FLOE_DIAGS_INIT;
	bool found = false;

	memset(&opt, 0, sizeof(opt));
	opt.duckdb_version = v;
	opt.use_env = true;
	opt.getenv_fn = no_env;
	assert_int_equal(floe_lint("profiles.yml", yaml, strlen(yaml), &opt,
				   &d), FLOE_OK);
	for (size_t k = 0; k < d.nr; k++)
		if (fx_id(&d.items[k]) && !strcmp(fx_id(&d.items[k]), rule))
			found = true;
	floe_diags_release(&d);
	return found;
}

/*
 * iceberg_behavior.def: FP210 holds exactly where endpoint_lowercased
 * does (to 1.5.3, duckdb-iceberg 1352a5622), FP225 exactly where
 * sigv4_endpoint_scheme_breaks does (to 1.5.2, 8d7684967).
 */
static void test_engine_endpoint_rows_lint_agrees(void **state)
{
	static const char upper[] =
		"p:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      extensions: [httpfs, iceberg]\n"
		"      attach:\n"
		"        - path: wh\n"
		"          alias: lake\n"
		"          type: iceberg\n"
		"          options:\n"
		"            endpoint: http://polaris:8181/api/Catalog\n"
		"            oauth2_server_uri: http://polaris:8181/api/Catalog"
		"/v1/oauth/tokens\n"
		"            client_id: x\n"
		"            client_secret: \"{{ env_var('S') }}\"\n";
	static const char sigv4[] =
		"p:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      type: duckdb\n"
		"      extensions: [httpfs, iceberg]\n"
		"      secrets:\n"
		"        - type: s3\n"
		"          provider: credential_chain\n"
		"          region: us-east-1\n"
		"      attach:\n"
		"        - path: '123456789012'\n"
		"          alias: lake\n"
		"          type: iceberg\n"
		"          options:\n"
		"            endpoint: https://glue.us-east-1.amazonaws.com/"
		"iceberg\n"
		"            authorization_type: sigv4\n";
	unsigned first = 0, last = 0;

	(void)state;
	assert_true(fe_iceberg_behavior_span("endpoint_lowercased", &first,
					     &last));
	assert_int_equal(first, FE_V(1, 4, 0));
	assert_int_equal(last, FE_V(1, 5, 3));
	assert_true(fe_iceberg_behavior_span("sigv4_endpoint_scheme_breaks",
					     &first, &last));
	assert_int_equal(first, FE_V(1, 4, 0));
	assert_int_equal(last, FE_V(1, 5, 2));
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *r = fe_release_at(i);

		if (r->flags & FE_REL_UNRELEASED)
			continue;
		assert_int_equal(lint_reports(upper, r->version, "FP210"),
				 fe_iceberg_behavior("endpoint_lowercased",
						     r->version));
		assert_int_equal(lint_reports(sigv4, r->version, "FP225"),
				 fe_iceberg_behavior(
					 "sigv4_endpoint_scheme_breaks",
					 r->version));
	}
}

/* The probed refusals after a restrictor (duckdb_locks.def), on the
 * oldest and the newest release: the lock refuses everything but the
 * settings of the connection, its own SET included; external access
 * off refuses the three settings that widen or move file access. */
static void test_engine_settings_refused_after_a_restrictor(void **state)
{
	static const unsigned vers[] = { FE_V(1, 4, 0), FE_V(1, 5, 6) };

	(void)state;
	for (size_t i = 0; i < sizeof(vers) / sizeof(vers[0]); i++) {
		unsigned v = vers[i];

		assert_true(fe_setting_restricts("lock_configuration", 1, v));
		assert_true(fe_setting_restricts("Enable_External_Access", 0,
						 v));
		assert_false(fe_setting_restricts("lock_configuration", 0, v));
		assert_false(fe_setting_restricts("enable_external_access", 1,
						  v));
		assert_false(fe_setting_restricts("threads", 1, v));
		assert_non_null(strstr(fe_setting_refused_after(
			"lock_configuration", 1, "THREADS", v),
			"the configuration has been locked"));
		assert_non_null(fe_setting_refused_after(
			"lock_configuration", 1, "lock_configuration", v));
		assert_null(fe_setting_refused_after("lock_configuration", 1,
						     "search_path", v));
		assert_null(fe_setting_refused_after("lock_configuration", 1,
						     "schema", v));
		assert_null(fe_setting_refused_after("lock_configuration", 0,
						     "threads", v));
		assert_non_null(fe_setting_refused_after(
			"enable_external_access", 0, "temp_directory", v));
		assert_non_null(fe_setting_refused_after(
			"enable_external_access", 0, "allowed_paths", v));
		assert_null(fe_setting_refused_after(
			"enable_external_access", 0, "threads", v));
		assert_null(fe_setting_refused_after(
			"enable_external_access", 0, "enable_external_access",
			v));
	}
}

/* The did-you-mean lists, made on first use: every row's name in table
 * order, NULL-terminated, the same list at the second call. */
static void check_names(const char *const *names,
			const char *(*name_at)(size_t), size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_string_equal(names[i], name_at(i));
	assert_null(names[n]);
}

static const char *setting_at(size_t i)
{
	return fe_setting_at(i)->name;
}

static const char *option_at(size_t i)
{
	return fe_iceberg_option_at(i)->name;
}

static const char *output_key_at(size_t i)
{
	return fe_dbt_output_key_at(i)->name;
}

static const char *attach_field_at(size_t i)
{
	return fe_dbt_attach_field_at(i)->name;
}

static size_t rows(const void *(*at)(size_t))
{
	size_t n = 0;

	while (at(n))
		n++;
	return n;
}

static const void *option_row(size_t i)
{
	return fe_iceberg_option_at(i);
}

static const void *output_key_row(size_t i)
{
	return fe_dbt_output_key_at(i);
}

static const void *attach_field_row(size_t i)
{
	return fe_dbt_attach_field_at(i);
}

static void test_engine_name_lists(void **state)
{
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		check_names(fe_setting_names(), setting_at,
			    fe_setting_count());
		check_names(fe_iceberg_option_names(), option_at,
			    rows(option_row));
		check_names(fe_dbt_output_key_names(), output_key_at,
			    rows(output_key_row));
		check_names(fe_dbt_attach_field_names(), attach_field_at,
			    rows(attach_field_row));
	}
	assert_ptr_equal(fe_setting_names(), fe_setting_names());
}

#define T(f) cmocka_unit_test(f)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_engine_settings_sorted_and_found),
		T(test_engine_name_lists),
		T(test_engine_settings_refused_after_a_restrictor),
		T(test_engine_extension_settings_sorted_and_found),
		T(test_engine_alias_keywords_sorted_and_found),
		T(test_engine_alias_parse_lexer),
		T(test_engine_attach_type),
		T(test_engine_secret_type),
		T(test_engine_secret_type_table),
		T(test_engine_secret_name_forms),
		T(test_engine_alias_forms),
		T(test_engine_duckdb_path_database),
		T(test_engine_settings_lint_and_generate_agree),
		T(test_engine_allow_community_extensions_is_accepted),
		T(test_engine_generate_copies_only_runtime_settings),
		T(test_engine_attach_schema_lint_and_sql_agree),
		T(test_engine_attach_schema_follows_the_dbt_duckdb_release),
		T(test_engine_read_only_null_is_refused_by_both),
		T(test_engine_output_keys_are_known_to_lint),
		T(test_engine_nested_fields_lint_agrees),
		T(test_engine_iceberg_options_lint_agrees),
		T(test_engine_refused_aliases_lint_and_generate_agree),
		T(test_engine_database_names_per_release),
		T(test_engine_main_database_lint_and_generate_agree),
		T(test_engine_path_without_name_lint_and_generate_agree),
		T(test_engine_read_only_in_memory_lint_and_generate_agree),
		T(test_engine_flavor_recognition),
		T(test_engine_flavor_decision_order),
		T(test_engine_extension_aliases),
		T(test_engine_inline_oauth2_options_in_lint),
		T(test_engine_releases),
		T(test_engine_vended_region_lint_agrees),
		T(test_engine_endpoint_rows_lint_agrees),
		T(test_engine_option_defaults_lint_agrees),
		T(test_engine_empty_option_values_lint_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
