/*
 * generate's self-check: the output is linted against its platform
 * before it is returned.  No known input makes lint reject what generate
 * writes (the fuzzer looks for one), so floe_lint is wrapped at link
 * time (-Wl,--wrap=floe_lint) to play a lint that disagrees.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"

enum floe_err __real_floe_lint(const char *file, const char *buf, size_t len,
			       const struct floe_lint_options *opt,
			       struct floe_diags *diags);
enum floe_err __wrap_floe_lint(const char *file, const char *buf, size_t len,
			       const struct floe_lint_options *opt,
			       struct floe_diags *diags);

static int disagree;		/* the wrapped lint reports an error */
static int calls;

enum floe_err __wrap_floe_lint(const char *file, const char *buf, size_t len,
			       const struct floe_lint_options *opt,
			       struct floe_diags *diags)
{
	struct floe_loc loc = { file, { 7, 5 }, { 7, 9 } };
	enum floe_err err = __real_floe_lint(file, buf, len, opt, diags);

	calls++;
	/* the real lint must hold the output against its platform */
	assert_non_null(opt->platform_for);
	if (disagree)
		floe_diags_addf(diags, FLOE_SEV_ERROR, "FP208", loc,
				"an invented disagreement");
	return err;
}

static const char platform_yaml[] =
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

static enum floe_err generate(struct floe_diags *d, char **out)
{
	struct floe_platform *p = NULL;
	struct floe_gen_target t;
	struct floe_gen_options opt;
	size_t len = 0;
	enum floe_err err;

	assert_int_equal(floe_platform_load("platform.yaml", platform_yaml,
					    sizeof(platform_yaml) - 1, NULL,
					    &p, d), FLOE_OK);
	memset(&opt, 0, sizeof(opt));
	t.name = "dev";
	t.platform = p;
	t.source = NULL;
	opt.targets = &t;
	opt.nr_targets = 1;
	err = floe_generate(&opt, out, &len, d);
	floe_platform_free(p);
	return err;
}

static void test_selfcheck_lints_the_output_it_returns(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = NULL;

	(void)state;
	disagree = 0;
	calls = 0;
	assert_int_equal(generate(&d, &out), FLOE_OK);
	assert_int_equal(calls, 1);
	assert_non_null(out);
	assert_int_equal(d.nr_errors, 0);
	free(out);
	floe_diags_release(&d);
}

static void test_selfcheck_refuses_output_lint_rejects(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = NULL;

	(void)state;
	disagree = 1;
	calls = 0;
	assert_int_equal(generate(&d, &out), FLOE_ERR_INTERNAL);
	assert_int_equal(calls, 1);
	assert_null(out);		/* nothing is returned, so nothing written */
	assert_int_equal(d.nr_errors, 1);
	assert_string_equal(d.items[0].rule, "FP208");
	assert_string_equal(d.items[0].loc.file, "<generated profile>");
	assert_int_equal(d.items[0].loc.start.line, 7);
	assert_non_null(strstr(d.items[0].message, "fails its own check"));
	assert_non_null(strstr(d.items[0].message, "an invented disagreement"));
	floe_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selfcheck_lints_the_output_it_returns),
		cmocka_unit_test(test_selfcheck_refuses_output_lint_rejects),
	};

	return cmocka_run_group_tests_name("selfcheck", tests, NULL, NULL);
}
