/*
 * The library's one contract (include/floe/error.h), held for every
 * public entry point that reads an input:
 *  - FLOE_OK: the result was produced (out-parameters set); the input's
 *    problems, errors included, are in the diagnostics;
 *  - FLOE_ERR_INPUT: the input's errors kept the result from being
 *    produced; an error-level diagnostic says why; out-parameters are
 *    untouched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "floe/config.h"
#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/profiles.h"
#include "floe/sql.h"
#include "floe/yaml.h"

/* Not YAML: an unterminated quoted scalar. */
static const char broken[] = "a: \"b\n";

/* A marker an out-parameter must still hold after a failed call. */
static char untouched_mark;
#define UNTOUCHED ((void *)&untouched_mark)

/* The call kept its out-parameter and said why with an error. */
static void assert_refused(enum floe_err err, const void *out,
			   const struct floe_diags *d)
{
	assert_int_equal(err, FLOE_ERR_INPUT);
	assert_ptr_equal(out, UNTOUCHED);
	assert_true(d->nr_errors > 0);
}

static void test_contract_yaml_parse(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_doc *doc = UNTOUCHED;

	(void)state;
	assert_refused(floe_yaml_parse("t.yml", broken, strlen(broken), NULL,
				       &doc, &d), doc, &d);
	floe_diags_release(&d);
	assert_int_equal(floe_yaml_parse("t.yml", "a: 1\n", 5, NULL, &doc,
					 &d), FLOE_OK);
	assert_ptr_not_equal(doc, UNTOUCHED);
	floe_doc_free(doc);
}

static void test_contract_platform_load(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform *p = UNTOUCHED;

	(void)state;
	assert_refused(floe_platform_load("p.yaml", broken, strlen(broken),
					  NULL, &p, &d), p, &d);
	floe_diags_release(&d);
}

static void test_contract_config_load(void **state)
{
	static const char good[] = "rules:\n  - id: FP101\n    level: off\n";
	static const char unknown[] = "rules:\n  - id: FP999\n    level: off\n";
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_config *c = UNTOUCHED;
	unsigned long parses;

	(void)state;
	assert_refused(floe_config_load("c.yaml", broken, strlen(broken), &c,
					&d), c, &d);
	floe_diags_release(&d);
	/* a semantic error too: the file reads, the configuration does not */
	assert_refused(floe_config_load("c.yaml", unknown, strlen(unknown), &c,
					&d), c, &d);
	floe_diags_release(&d);
	/* a valid file is parsed once, by libcyaml: not by our front end */
	parses = floe_yaml_parse_count();
	assert_int_equal(floe_config_load("c.yaml", good, strlen(good), &c,
					  &d), FLOE_OK);
	assert_int_equal(floe_yaml_parse_count(), parses);
	assert_ptr_not_equal(c, UNTOUCHED);
	assert_int_equal(d.nr, 0);
	floe_config_free(c);
}

static void test_contract_generate(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform *p = NULL;
	struct floe_gen_target t;
	struct floe_gen_options opt;
	char *buf = NULL, *out = UNTOUCHED;
	size_t len, olen = 7;
	int errnum = 0;

	(void)state;
	/* the platform binds, but generate refuses its scope */
	assert_int_equal(floe_read_file("tests/data/platform/bad-scope.yaml",
					FLOE_YAML_MAX_BYTES, &buf, &len, &errnum),
			 FLOE_OK);
	assert_int_equal(floe_platform_load("bad-scope.yaml", buf, len, NULL,
					    &p, &d), FLOE_OK);
	assert_int_equal(d.nr_errors, 0);
	memset(&t, 0, sizeof(t));
	memset(&opt, 0, sizeof(opt));
	t.name = "dev";
	t.platform = p;
	opt.targets = &t;
	opt.nr_targets = 1;
	assert_refused(floe_generate(&opt, &out, &olen, &d), out, &d);
	assert_int_equal(olen, 7);
	floe_diags_release(&d);
	floe_platform_free(p);
	free(buf);
}

static void test_contract_sql_plan(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_sql_options opt;
	struct floe_sql_plan *plan = UNTOUCHED;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	assert_refused(floe_sql_plan("p.yml", broken, strlen(broken), &opt,
				     &plan, &d), plan, &d);
	floe_diags_release(&d);
}

/* A diagnosis is a result: lint returns FLOE_OK on a file it refuses. */
static void test_contract_lint_and_the_model(void **state)
{
	struct fx *f = *state;
	struct floe_profiles_options po;
	struct floe_profiles *m = UNTOUCHED;

	fx_lint(f, broken, NULL);
	assert_true(f->diags.nr_errors > 0);
	fx_assert_rules(f, "FP001", "FP001", "FP001");
	memset(&po, 0, sizeof(po));
	assert_int_equal(floe_profiles_load("p.yml", broken, strlen(broken),
					    &po, &m), FLOE_OK);
	assert_ptr_not_equal(m, UNTOUCHED);
	assert_true(m->diags.nr_errors > 0);
	floe_profiles_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_yaml_parse),
		cmocka_unit_test(test_contract_platform_load),
		cmocka_unit_test(test_contract_config_load),
		cmocka_unit_test(test_contract_generate),
		cmocka_unit_test(test_contract_sql_plan),
		cmocka_unit_test_setup_teardown(
			test_contract_lint_and_the_model, fx_setup,
			fx_teardown),
	};

	return cmocka_run_group_tests_name("contract", tests, NULL, NULL);
}
