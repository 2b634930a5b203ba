/*
 * Unit tests for the profiles model (src/profiles.c): dbt's choice of the
 * target, the connection parts of an output, and one parse per file in a
 * check --verify --project run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "floe/fileio.h"
#include "floe/fix.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/sql.h"
#include "floe/verify.h"

static struct floe_profiles *load(const char *text, const char *target)
{
	struct floe_profiles_options o;
	struct floe_profiles *p = NULL;

	memset(&o, 0, sizeof(o));
	o.target = target;
	assert_int_equal(floe_profiles_load("p.yml", text, strlen(text), &o,
					    &p), FLOE_OK);
	assert_non_null(p);
	return p;
}

static const char targets[] =
	"config:\n"
	"  send_anonymous_usage_stats: false\n"
	"keyed:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev: {type: duckdb}\n"
	"    prod: {type: duckdb}\n"
	"absent:\n"
	"  outputs:\n"
	"    default: {type: duckdb}\n"
	"nulled:\n"
	"  target: ~\n"
	"  outputs:\n"
	"    default: {type: duckdb}\n"
	"runtime:\n"
	"  target: \"{{ env_var('FLOE_TEST_UNSET_TARGET') }}\"\n"
	"  outputs:\n"
	"    dev: {type: duckdb}\n"
	"defaulted:\n"
	"  target: \"{{ env_var('FLOE_TEST_UNSET_TARGET', 'prod') }}\"\n"
	"  outputs:\n"
	"    prod: {type: duckdb}\n"
	"numbered:\n"
	"  target: 1\n"
	"  outputs:\n"
	"    '1': {type: duckdb}\n"
	"yes_no:\n"
	"  target: yes\n"
	"  outputs:\n"
	"    'yes': {type: duckdb}\n"
	"quoted:\n"
	"  target: '1'\n"
	"  outputs:\n"
	"    '1': {type: duckdb}\n"
	"int_key:\n"
	"  target: '1'\n"
	"  outputs:\n"
	"    1: {type: duckdb}\n";

/* dbt-core's Profile.render_profile: --target, target:, "default". */
static void test_profiles_target_follows_dbt_rule(void **state)
{
	struct floe_profiles *p = load(targets, NULL);
	const struct floe_profile *f;

	(void)state;
	assert_int_equal(p->nr, 9);		/* config: is not a profile */
	assert_non_null(p->config);
	f = floe_profiles_find(p, "keyed");
	assert_int_equal(f->selected_from, FLOE_TARGET_KEY);
	assert_string_equal(f->selected, "dev");
	assert_string_equal(f->output->name, "dev");
	f = floe_profiles_find(p, "absent");
	assert_int_equal(f->selected_from, FLOE_TARGET_DEFAULT);
	assert_string_equal(f->selected, "default");
	assert_non_null(f->output);
	f = floe_profiles_find(p, "nulled");
	assert_int_equal(f->selected_from, FLOE_TARGET_NULL);
	assert_null(f->selected);
	assert_null(f->output);		/* dbt looks for None */
	f = floe_profiles_find(p, "runtime");
	assert_int_equal(f->selected_from, FLOE_TARGET_RUNTIME);
	assert_null(f->selected);
	f = floe_profiles_find(p, "defaulted");
	assert_string_equal(f->selected, "prod");
	assert_non_null(f->output);
	/* PyYAML's 1 and True are looked up as such: never a string name */
	f = floe_profiles_find(p, "numbered");
	assert_int_equal(f->selected_from, FLOE_TARGET_NOT_STR);
	assert_null(f->selected);
	assert_null(f->output);
	f = floe_profiles_find(p, "yes_no");
	assert_int_equal(f->selected_from, FLOE_TARGET_NOT_STR);
	assert_null(f->output);
	f = floe_profiles_find(p, "quoted");
	assert_int_equal(f->selected_from, FLOE_TARGET_KEY);
	assert_string_equal(f->output->name, "1");
	f = floe_profiles_find(p, "int_key");	/* '1' is not the key 1 */
	assert_int_equal(f->selected_from, FLOE_TARGET_KEY);
	assert_null(f->output);
	floe_profiles_free(p);

	p = load(targets, "prod");
	f = floe_profiles_find(p, "keyed");
	assert_int_equal(f->selected_from, FLOE_TARGET_OPTION);
	assert_string_equal(f->own_target, "dev");
	assert_string_equal(f->output->name, "prod");
	assert_null(floe_profiles_find(p, "absent")->output);
	assert_true(floe_profiles_has_output(p, "prod"));
	assert_false(floe_profiles_has_output(p, "staging"));
	floe_profiles_free(p);
}

static const char parts[] =
	"floe:\n"
	"  outputs:\n"
	"    default:\n"
	"      type: DuckDB\n"
	"      path: \"{{ env_var('FLOE_TEST_UNSET_PATH', '/tmp/x.duckdb') }}\"\n"
	"      settings: {memory_limit: 4GB}\n"
	"      secrets:\n"
	"      - {type: iceberg, name: cat}\n"
	"      attach:\n"
	"      - path: wh\n"
	"        alias: lake\n"
	"        options: {TYPE: iceberg, SECRET: cat}\n"
	"      - {path: other.duckdb, alias: ~}\n"
	"      plugins:\n"
	"      - module: floe_dbt.plugins.polaris\n"
	"        config: {warehouse: wh}\n"
	"    broken: 3\n";

static void test_profiles_output_keeps_connection_parts(void **state)
{
	struct floe_profiles *p = load(parts, NULL);
	const struct floe_profile *f = floe_profiles_find(p, "floe");
	const struct floe_prof_output *o = f->output;

	(void)state;
	assert_int_equal(f->nr_outputs, 2);
	assert_true(o->is_map && o->is_duckdb);
	assert_string_equal(o->path.text, "/tmp/x.duckdb");
	assert_true(o->path.jinja);
	assert_int_equal(floe_node_start(o->path.node).line, 5);
	assert_int_equal(o->settings->kind, FLOE_NODE_MAP);
	assert_int_equal(o->nr_secrets, 1);
	assert_string_equal(o->secret_items[0].name.text, "cat");
	assert_int_equal(o->nr_attach, 2);
	assert_true(o->attach_items[0].iceberg);
	assert_string_equal(o->attach_items[0].alias.text, "lake");
	assert_string_equal(o->attach_items[0].secret.text, "cat");
	assert_false(o->attach_items[1].iceberg);
	assert_non_null(o->attach_items[1].alias.node);
	assert_null(o->attach_items[1].alias.text);	/* null: no text */
	assert_int_equal(o->nr_plugins, 1);
	assert_non_null(o->plugin_items[0].config);
	assert_false(floe_profile_output(f, "broken")->is_map);
	floe_profiles_free(p);
}

/* The output named `name` of a one-profile file `p`. */
static const struct floe_prof_output *out_of(struct floe_profiles *p,
					     const char *name)
{
	return floe_profile_output(floe_profiles_find(p, "md"), name);
}

static const char motherduck[] =
	"md:\n"
	"  target: local\n"
	"  outputs:\n"
	"    local: {type: duckdb, path: /tmp/x.duckdb}\n"
	"    path: {type: duckdb, path: 'MD:db'}\n"
	"    long: {type: duckdb, path: 'motherduck:db?x=1'}\n"
	"    attach: {type: duckdb, attach: [{path: a.duckdb},\n"
	"             {path: 'md:'}]}\n"
	"    plugin: {type: duckdb, plugins: [{module: excel},\n"
	"             {module: motherduck}]}\n"
	"    other: {type: duckdb, plugins: [{module: excel}]}\n"
	"    dyn: {type: duckdb, path: \"{{ var('p') }}\"}\n"
	"    dynmod: {type: duckdb, plugins: [{module: \"{{ var('m') }}\"}]}\n"
	/* config_options' custom_user_agent, as Python's bool() reads it */
	"    c1: {type: duckdb, config_options: {custom_user_agent: x}}\n"
	"    c2: {type: duckdb, config_options: {custom_user_agent: ''}}\n"
	"    c3: {type: duckdb, config_options: {custom_user_agent: 0}}\n"
	"    c4: {type: duckdb, config_options: {custom_user_agent: 0.0}}\n"
	"    c5: {type: duckdb, config_options: {custom_user_agent: false}}\n"
	"    c6: {type: duckdb, config_options: {custom_user_agent: ~}}\n"
	"    c7: {type: duckdb, config_options: {custom_user_agent: {}}}\n"
	"    c8: {type: duckdb, config_options: {custom_user_agent: [a]}}\n"
	"    c9: {type: duckdb, config_options: {custom_user_agent: 0x10}}\n"
	"    ca: {type: duckdb, config_options: {custom_user_agent: '0'}}\n"
	"    cb: {type: duckdb, config_options: {custom_user_agent: .nan}}\n"
	"    cc: {type: duckdb, config_options:\n"
	"         {custom_user_agent: \"{{ var('ua') }}\"}}\n"
	/* PyYAML: float("1.0e-400") is 0.0, float("1.0e+500") inf */
	"    cd: {type: duckdb, config_options: {custom_user_agent: 1.0e-400}}\n"
	"    ce: {type: duckdb, config_options: {custom_user_agent: 1.0e+500}}\n"
	"    cf: {type: duckdb, config_options: {custom_user_agent: -0.0}}\n"
	"    cg: {type: duckdb, config_options: {custom_user_agent: 0b0}}\n"
	"    ch: {type: duckdb, config_options:\n"
	"         {custom_user_agent: 2001-12-14}}\n";

static void test_profiles_motherduck_plugin(void **state)
{
	struct floe_profiles *p = load(motherduck, NULL);
	static const struct {
		const char *output;
		int plugin, config;
	} want[] = {
		{ "local", 0, 0 }, { "path", 1, 0 }, { "long", 1, 0 },
		{ "attach", 1, 0 }, { "plugin", 1, 0 }, { "other", 0, 0 },
		{ "dyn", -1, 0 }, { "dynmod", -1, 0 },
		{ "c1", 0, 1 }, { "c2", 0, 0 }, { "c3", 0, 0 }, { "c4", 0, 0 },
		{ "c5", 0, 0 }, { "c6", 0, 0 }, { "c7", 0, 0 }, { "c8", 0, 1 },
		{ "c9", 0, 1 }, { "ca", 0, 1 }, { "cb", 0, 1 }, { "cc", 0, -1 },
		{ "cd", 0, 0 }, { "ce", 0, 1 }, { "cf", 0, 0 }, { "cg", 0, 0 },
		{ "ch", 0, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct floe_prof_output *o = out_of(p, want[i].output);

		assert_non_null(o);
		if (o->motherduck_plugin != want[i].plugin ||
		    o->config_user_agent != want[i].config)
			fail_msg("%s: plugin %d config %d, want %d %d",
				 want[i].output, o->motherduck_plugin,
				 o->config_user_agent, want[i].plugin,
				 want[i].config);
	}
	floe_profiles_free(p);
}

static void test_profiles_text_that_is_not_yaml_still_gives_a_model(
	void **state)
{
	struct floe_profiles *p = load("a: [1\n", NULL);
	struct floe_diags d = FLOE_DIAGS_INIT;

	(void)state;
	assert_null(p->doc);
	assert_int_equal(p->parse_err, FLOE_ERR_INPUT);
	assert_int_equal(p->nr, 0);
	assert_int_equal(floe_profiles_diags(p, &d), FLOE_OK);
	assert_int_equal(d.nr, 1);
	assert_string_equal(fx_id(&d.items[0]), "FP001");
	floe_diags_release(&d);
	floe_profiles_free(p);
}

static char *read_all(const char *path, size_t *len)
{
	char *buf = NULL;
	int errnum;

	assert_int_equal(floe_read_file(path, FLOE_YAML_MAX_BYTES, &buf, len,
					&errnum), FLOE_OK);
	return buf;
}

/*
 * check --verify --project on one profile: the profile is parsed once
 * (its model), the platform once, and the project's own files once each;
 * lint, sql, verify and the project check parse nothing again.
 */
static void test_profiles_check_run_parses_each_file_once(void **state)
{
	const char *pp = "tests/golden/check/pass/profiles.yml";
	const char *plp = "tests/golden/check/pass/platform.yaml";
	const char *dir = "tests/golden/check/"
			  "FP604-source-schema-not-declared-hit/dbt";
	struct floe_profiles_options po;
	struct floe_profiles *model = NULL;
	const struct floe_profiles *models[1];
	struct floe_platform *platform = NULL;
	struct floe_lint_options lo;
	struct floe_verify_options vo;
	struct floe_sql_options so;
	struct floe_sql_plan *plan = NULL;
	struct floe_diags d = FLOE_DIAGS_INIT, v = FLOE_DIAGS_INIT;
	struct floe_project *proj = NULL;
	size_t plen, pllen;
	char *pbuf = read_all(pp, &plen), *plbuf = read_all(plp, &pllen);
	unsigned long before, after_load;
	int errnum;

	(void)state;
	before = floe_yaml_parse_count();
	memset(&po, 0, sizeof(po));
	assert_int_equal(floe_profiles_load(pp, pbuf, plen, &po, &model),
			 FLOE_OK);
	assert_int_equal(floe_platform_load(plp, plbuf, pllen, NULL,
					    &platform, &d), FLOE_OK);
	after_load = floe_yaml_parse_count();
	assert_int_equal(after_load - before, 2);

	memset(&vo, 0, sizeof(vo));
	vo.offline = true;
	switch (floe_verify_profiles(model, &vo, &v)) {
	case FLOE_OK:
	case FLOE_ERR_IO:	/* no DuckDB here: the rest still counts */
		break;
	default:
		fail_msg("floe_verify_profiles failed");
	}
	memset(&lo, 0, sizeof(lo));
	lo.platform = platform;
	lo.merge = &v;
	assert_int_equal(floe_lint_profiles(model, &lo, &d), FLOE_OK);
	memset(&so, 0, sizeof(so));
	assert_int_equal(floe_sql_plan_profiles(model, &so, &plan, &d),
			 FLOE_OK);
	models[0] = model;
	lo.merge = NULL;
	assert_int_equal(floe_project_check(dir, models, 1, &lo, &d, &proj,
					    &errnum), FLOE_OK);
	/* dbt_project.yml and models/staging/sources.yml, nothing else */
	assert_int_equal(floe_yaml_parse_count() - after_load, 2);
	assert_true(d.nr_errors > 0);	/* FP604 was found */

	floe_project_free(proj);
	floe_sql_plan_free(plan);
	floe_diags_release(&d);
	floe_diags_release(&v);
	floe_platform_free(platform);
	floe_profiles_free(model);
	free(pbuf);
	free(plbuf);
}

/* ---- a text read in blocks (floe_profiles_load_text()) ---- */

static void put_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static struct floe_profiles *load_file(const char *path,
				       struct floe_text **t)
{
	struct floe_profiles_options po;
	struct floe_profiles *p = NULL;
	int errnum;

	memset(&po, 0, sizeof(po));
	po.limits = floe_yaml_default_limits();
	*t = NULL;
	assert_int_equal(floe_text_open(path, 1 << 20, t, &errnum), FLOE_OK);
	assert_int_equal(floe_profiles_load_text(path, *t, &po, &p), FLOE_OK);
	return p;
}

/*
 * A text read in blocks is not held after the parse; the model says
 * whether it holds a directive, wherever the blocks cut it (libyaml asks
 * for 16 KiB, then what it has room for: the tag is put across every
 * offset near the first cut), and reads the whole text again when asked.
 */
static void test_profiles_text_read_in_blocks_knows_its_directives(
	void **state)
{
	static const char head[] = "p:\n  target: dev\n  outputs:\n"
				   "    dev: {type: duckdb}\n";
	char path[] = "/tmp/floe-test-profiles-XXXXXX";
	static char text[20000];
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (size_t at = 16340; at < 16400; at++) {
		struct floe_profiles *p;
		struct floe_text *t;
		const char *buf;
		size_t len, n = sizeof(head) - 1;

		memcpy(text, head, n);
		memset(text + n, ' ', at - n);
		text[at - 1] = '#';
		memcpy(text + at, FLOE_DIRECTIVE_TAG " disable=FP101\n",
		       sizeof(FLOE_DIRECTIVE_TAG " disable=FP101\n") - 1);
		n = at + sizeof(FLOE_DIRECTIVE_TAG " disable=FP101\n") - 1;
		put_file(path, text, n);
		p = load_file(path, &t);
		assert_null(p->buf);
		assert_int_equal(p->len, n);
		assert_true(p->has_directive);
		assert_int_equal(floe_profiles_text(p, &buf, &len), FLOE_OK);
		assert_int_equal(len, n);
		assert_memory_equal(buf, text, n);
		floe_profiles_free(p);
		floe_text_free(t);
		/* a near miss: the tag without its colon */
		text[at + sizeof(FLOE_DIRECTIVE_TAG) - 2] = ' ';
		put_file(path, text, n);
		p = load_file(path, &t);
		assert_false(p->has_directive);
		floe_profiles_free(p);
		floe_text_free(t);
	}
	/* after a syntax error on the first line, where the parse stopped,
	 * the rest (past libyaml's first 16 KiB) is read for its directives
	 * (FP008 says what they suppress) */
	{
		static const char tail[] = "# " FLOE_DIRECTIVE_TAG
					   " disable=FP101\n";
		struct floe_profiles *p;
		struct floe_text *t;

		memcpy(text, "a: b: c\n", 8);
		memset(text + 8, '#', 19000);
		text[8 + 19000 - 1] = '\n';
		memcpy(text + 19008, tail, sizeof(tail) - 1);
		put_file(path, text, 19008 + sizeof(tail) - 1);
		p = load_file(path, &t);
		assert_int_equal(p->parse_err, FLOE_ERR_INPUT);
		assert_true(p->has_directive);
		assert_true(t->done);
		assert_int_equal(t->len, 19008 + sizeof(tail) - 1);
		floe_profiles_free(p);
		floe_text_free(t);
	}
	unlink(path);
}

/*
 * What reads a text again after the parse fails, with FLOE_ERR_IO and
 * FLOE_IO_ECHANGED, when the file changed since: lint for its
 * directives, fixes for the text they edit.
 */
static void test_profiles_text_changed_since_the_parse_is_refused(
	void **state)
{
	static const char text[] =
		"p:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n"
		"      settings: {allow_persistent_secrets: 'true'}\n"
		"# floe-profiles: disable=FP101\n";
	char path[] = "/tmp/floe-test-profiles-XXXXXX";
	struct floe_lint_options opt;
	struct floe_diags d = { 0 };
	struct floe_profiles *p;
	struct floe_text *t;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	memset(&opt, 0, sizeof(opt));
	put_file(path, text, sizeof(text) - 1);
	p = load_file(path, &t);
	assert_true(p->has_directive);
	put_file(path, text, sizeof(text) - 2);
	assert_int_equal(floe_lint_profiles(p, &opt, &d), FLOE_ERR_IO);
	assert_int_equal(t->errnum, FLOE_IO_ECHANGED);
	floe_diags_release(&d);
	floe_profiles_free(p);
	floe_text_free(t);

	/* no directive: lint does not read it again; fixes do */
	put_file(path, text, sizeof(text) - 32);
	p = load_file(path, &t);
	assert_false(p->has_directive);
	put_file(path, text, sizeof(text) - 33);
	assert_int_equal(floe_lint_profiles(p, &opt, &d), FLOE_OK);
	assert_true(d.nr > 0);
	assert_null(t->buf);
	assert_int_equal(floe_fix_compute(p, &opt, &d, 0), FLOE_ERR_IO);
	assert_int_equal(t->errnum, FLOE_IO_ECHANGED);
	floe_diags_release(&d);
	floe_profiles_free(p);
	floe_text_free(t);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profiles_target_follows_dbt_rule),
		cmocka_unit_test(test_profiles_output_keeps_connection_parts),
		cmocka_unit_test(test_profiles_motherduck_plugin),
		cmocka_unit_test(
			test_profiles_text_read_in_blocks_knows_its_directives),
		cmocka_unit_test(
			test_profiles_text_changed_since_the_parse_is_refused),
		cmocka_unit_test(
			test_profiles_text_that_is_not_yaml_still_gives_a_model),
		cmocka_unit_test(
			test_profiles_check_run_parses_each_file_once),
	};

	return cmocka_run_group_tests_name("profiles", tests, NULL, NULL);
}
