/*
 * generate's promise: what it writes lints with zero findings against the
 * platform it came from (and with no error when generate itself warned,
 * e.g. of a Polaris uri without /api/catalog).  generate no longer lints
 * its own output (that made generate and lint call each other); the
 * promise is held here, for every platform file the tests and the
 * fixtures have, and by the fuzz harness (tests/fuzz/fuzz_platform.c)
 * for every input it tries.
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

#include "fixture.h"
#include "floe/fileio.h"
#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"

/* Generate from `path`; lint the result.  Returns 1 if generated. */
static int generate_and_lint(const char *path)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform *p = NULL;
	struct floe_gen_target t = { "dev", NULL, NULL };
	struct floe_gen_options opt;
	struct floe_lint_options lo;
	char *buf = NULL, *out = NULL;
	size_t len = 0, out_len = 0;
	int generated = 0, errnum = 0, warned;

	assert_int_equal(floe_read_file(path, 1 << 20, &buf, &len, &errnum),
			 FLOE_OK);
	if (floe_platform_load(path, buf, len, NULL, &p, &d) != FLOE_OK)
		goto out;
	memset(&opt, 0, sizeof(opt));
	t.platform = p;
	opt.targets = &t;
	opt.nr_targets = 1;
	if (floe_generate(&opt, &out, &out_len, &d) != FLOE_OK)
		goto out;
	generated = 1;
	warned = d.nr_warnings > 0;
	floe_diags_release(&d);
	memset(&lo, 0, sizeof(lo));
	lo.platform = p;
	assert_int_equal(floe_lint("<generated>", out, out_len, &lo, &d),
			 FLOE_OK);
	for (size_t i = 0; i < d.nr; i++)
		print_error("%s: %u:%u: %s [%s]\n", path,
			    d.items[i].loc.start.line,
			    d.items[i].loc.start.column, d.items[i].message,
			    fx_id(&d.items[i]) ? fx_id(&d.items[i]) : "");
	/* what generate warned about, lint may warn about too */
	if (warned ? d.nr_errors != 0 : d.nr != 0)
		fail_msg("%s: the generated profile has %zu findings:\n%s",
			 path, d.nr, out);
out:
	floe_diags_release(&d);
	floe_platform_free(p);
	free(buf);
	free(out);
	return generated;
}

/* Every *.yaml / *platform.yaml of a folder; returns how many generated. */
static size_t each_platform(const char *dir, const char *suffix)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!dp)
		return 0;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name), slen = strlen(suffix);
		char path[1024];

		if (len <= slen || strcmp(e->d_name + len - slen, suffix))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n += (size_t)generate_and_lint(path);
	}
	closedir(dp);
	return n;
}

static void test_selfcheck_generated_profiles_lint_clean(void **state)
{
	size_t n = 0;

	(void)state;
	n += each_platform(FLOE_SOURCE_DIR "/tests/data/platform", ".yaml");
	n += each_platform(FLOE_SOURCE_DIR "/examples", ".yaml");
	n += each_platform(FLOE_SHARED_DIR "/fixtures/real", "platform.yaml");
	n += each_platform(FLOE_SHARED_DIR "/fixtures/reconstructed",
			   "platform.yaml");
	/* the test data has files generate refuses, but not only those */
	assert_true(n >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selfcheck_generated_profiles_lint_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
