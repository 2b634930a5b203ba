/*
 * Unit tests for the quiet outputs' shortcut (src/lint/lint.c,
 * run_output_rules()): an output written exactly as an earlier one of
 * the file that nothing was reported of is not linted again.  What it
 * must never do is hide a finding: of an output that had one, of an
 * output that differs anywhere in its tree, or of an output held to
 * another platform.  And over every golden and real profile, doubled
 * under other profile names, the rules rerun on each skipped output
 * (recheck_quiet) find nothing, and the doubled file has twice the
 * findings of the file.
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
#include "floe/platform.h"
#include "floe/profiles.h"
#include "floe/yaml.h"

/* an output of profile p, indented under `outputs:` */
#define OUTPUT(name, endpoint)                                              \
	"    " name ":\n"                                                    \
	"      type: duckdb\n"                                               \
	"      path: \":memory:\"\n"                                         \
	"      extensions: [httpfs, iceberg]\n"                              \
	"      attach:\n"                                                    \
	"        - path: demo_catalog\n"                                     \
	"          alias: polaris_catalog\n"                                 \
	"          type: iceberg\n"                                          \
	"          options:\n"                                               \
	"            endpoint: \"" endpoint "\"\n"                           \
	"            oauth2_server_uri: "                                    \
	"\"http://polaris:8181/api/catalog/v1/oauth/tokens\"\n"              \
	"            client_id: \"{{ env_var('POLARIS_CLIENT_ID') }}\"\n"    \
	"            client_secret: "                                        \
	"\"{{ env_var('POLARIS_CLIENT_SECRET') }}\"\n"                       \
	"            oauth2_scope: \"PRINCIPAL_ROLE:ALL\"\n"

#define HEAD "p:\n  target: a\n  outputs:\n"
#define GOOD "http://polaris:8181/api/catalog"
#define V1 "http://polaris:8181/api/catalog/v1"	/* FP203 */

/* Three outputs alike, each with a finding: each is reported. */
static void test_noisy_outputs_each_reported(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD, OUTPUT("a", V1), OUTPUT("b", V1), OUTPUT("c", V1),
		NULL);
	assert_int_equal(fx_count(f, "FP203"), 3);
}

/* Outputs alike but for one text deep in the tree. */
static void test_deep_difference_reported(void **state)
{
	struct fx *f = *state;

	fx_lint(f, HEAD, OUTPUT("a", GOOD), OUTPUT("b", GOOD),
		OUTPUT("c", V1), OUTPUT("d", GOOD), NULL);
	assert_int_equal(fx_count(f, "FP203"), 1);
	/* in output c, lines 34 to 48 */
	assert_in_range(fx_find(f, "FP203")->loc.start.line, 34, 48);
}

/* ... or for its style or its type alone */
static void test_style_and_type_differences(void **state)
{
	static const char out_a[] =
		"    a:\n      type: duckdb\n      threads: 4\n";
	static const char out_b[] =
		"    b:\n      type: duckdb\n      threads: \"4\"\n";
	struct fx *f = *state;

	/* threads: "4" is a string to dbt's schema (FP009) */
	fx_lint(f, HEAD, out_a, out_b, NULL);
	assert_int_equal(fx_count(f, "FP009"), 1);
	fx_assert_at(f, "FP009", 9, 16);
}

static const struct floe_platform *platform_of_b;

static const struct floe_platform *platform_for(const char *output,
						void *arg)
{
	(void)arg;
	return !strcmp(output, "b") ? platform_of_b : NULL;
}

/* The same output held to a platform only under one name. */
static void test_other_platform_reported(void **state)
{
	static const char platform[] =
		"version: \"1.2.0\"\n"
		"catalogs:\n  default:\n    type: polaris\n"
		"    uri: \"http://other:8181/api/catalog\"\n"
		"    warehouse: demo_catalog\n"
		"    credentials:\n      mode: oauth2\n"
		"      client_id: {secret_ref: polaris-client-id}\n"
		"      client_secret: {secret_ref: polaris-client-secret}\n"
		"      scope: \"PRINCIPAL_ROLE:ALL\"\n";
	struct fx *f = *state;
	struct floe_platform *p = NULL;
	struct floe_diags pd = FLOE_DIAGS_INIT;
	size_t with, without;

	fx_lint(f, HEAD, OUTPUT("a", GOOD), OUTPUT("b", GOOD), NULL);
	without = f->diags.nr;
	assert_int_equal(floe_platform_load(FX_PLATFORM, platform,
					    strlen(platform), NULL, &p, &pd),
			 FLOE_OK);
	platform_of_b = p;
	f->opt.platform_for = platform_for;
	fx_lint(f, HEAD, OUTPUT("a", GOOD), OUTPUT("b", GOOD), NULL);
	with = f->diags.nr;
	/* output b's endpoint is not the platform's */
	assert_true(with > without);
	for (size_t i = without; i < f->diags.nr; i++)
		assert_true(f->diags.items[i].loc.start.line > 17);
	f->opt.platform_for = NULL;
	floe_platform_free(p);
	floe_diags_release(&pd);
}

/*
 * A section aliased as another section, then an output that writes the
 * list out under both: the rules read an alias as its copy (FP404 once
 * chose how to read a section by its value node, so the alias hid a
 * credential and the copy was then skipped as written alike).
 */
static void test_section_alias_and_copy(void **state)
{
	static const char *const keys[] = {
		"attach", "secrets", "plugins", "filesystems", "settings",
		"extensions", "config_options"
	};
	/* each quiet where it is written, not under every other key */
	static const char *const bodies[] = {
		"\n        - path: other.duckdb\n          secret: mysecret\n",
		"\n        - type: s3\n"
		"          key_id: \"{{ env_var('AWS_ACCESS_KEY_ID') }}\"\n"
		"          secret: \"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\"\n",
		"\n        token: t0k3n\n",
		" [httpfs]\n",
	};
	enum floe_level levels[FLOE_RULE__COUNT] = { FLOE_LEVEL_DEFAULT };
	size_t nk = sizeof(keys) / sizeof(keys[0]);
	size_t nb = sizeof(bodies) / sizeof(bodies[0]);

	(void)state;
	levels[FLOE_FP406 - 1] = FLOE_LEVEL_WARNING;	/* opt-in */
	for (size_t i = 0; i < nk; i++)
		for (size_t j = 0; j < nk; j++)
			for (size_t b = 0; b < nb && i != j; b++) {
				struct floe_lint_options opt;
				struct floe_diags d = FLOE_DIAGS_INIT;
				char text[2048];
				int n;

				n = snprintf(text, sizeof(text),
					     HEAD "    a:\n      type: duckdb\n"
					     "      path: \":memory:\"\n"
					     "      %s: &x%s      %s: *x\n"
					     "    b:\n      type: duckdb\n"
					     "      path: \":memory:\"\n"
					     "      %s:%s      %s:%s",
					     keys[i], bodies[b], keys[j],
					     keys[i], bodies[b], keys[j],
					     bodies[b]);
				assert_in_range(n, 1, sizeof(text) - 1);
				memset(&opt, 0, sizeof(opt));
				opt.recheck_quiet = true;
				opt.levels = levels;
				if (floe_lint("s.yml", text, (size_t)n, &opt,
					      &d) != FLOE_OK)
					fail_msg("%s aliased as %s, body %zu:\n%s",
						 keys[i], keys[j], b, text);
				floe_diags_release(&d);
			}
}

/*
 * The text twice, the second time with its top-level keys renamed (so
 * that it holds the same profiles under other names); NULL when a key
 * cannot be renamed so (written quoted or in flow).
 */
static char *doubled(const char *text, size_t len, size_t *out_len)
{
	size_t cap = 2 * len + 4096, n = 0;
	char *s = malloc(cap);
	const char *p = text, *end = text + len;

	assert_non_null(s);
	memcpy(s, text, len);
	n = len;
	if (len && text[len - 1] != '\n')
		s[n++] = '\n';
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		const char *colon = memchr(p, ':', l);

		if (n + l + 8 > cap) {
			free(s);
			return NULL;
		}
		if (l && p[0] != ' ' && p[0] != '\t' && p[0] != '#' &&
		    p[0] != '\n' && p[0] != '\r' && colon &&
		    strncmp(p, "---", 3) && strncmp(p, "...", 3)) {
			if (strchr("\"'{[&*!?-|>%@`", p[0])) {
				free(s);
				return NULL;
			}
			memcpy(s + n, p, (size_t)(colon - p));
			n += (size_t)(colon - p);
			memcpy(s + n, "_2", 2);
			n += 2;
			memcpy(s + n, colon, l - (size_t)(colon - p));
			n += l - (size_t)(colon - p);
		} else {
			memcpy(s + n, p, l);
			n += l;
		}
		p += l;
	}
	*out_len = n;
	return s;
}

static bool has(const char *buf, size_t len, const char *what)
{
	size_t n = strlen(what);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(buf + i, what, n))
			return true;
	return false;
}

/* Whether the front end read the text as YAML. */
static bool parsed(const char *path, const char *buf, size_t len)
{
	struct floe_profiles_options popt;
	struct floe_profiles *m = NULL;
	bool yes;

	memset(&popt, 0, sizeof(popt));
	assert_int_equal(floe_profiles_load(path, buf, len, &popt, &m),
			 FLOE_OK);
	yes = m->doc != NULL;
	floe_profiles_free(m);
	return yes;
}

/* A profile's findings in a file, once as written, once doubled. */
static void hold_file(const char *path, const struct floe_platform *plat,
		      size_t *files, size_t *held)
{
	struct floe_lint_options opt;
	struct floe_diags once = FLOE_DIAGS_INIT, twice = FLOE_DIAGS_INIT;
	char *buf = NULL, *two;
	size_t len = 0, len2 = 0;
	int errnum;

	if (floe_read_file(path, 1 << 20, &buf, &len, &errnum) != FLOE_OK)
		return;
	if (!has(buf, len, "outputs") ||
	    !(two = doubled(buf, len, &len2))) {
		free(buf);
		return;
	}
	memset(&opt, 0, sizeof(opt));
	opt.platform = plat;
	opt.recheck_quiet = true;
	if (floe_lint(path, buf, len, &opt, &once) == FLOE_OK) {
		enum floe_err err = floe_lint(path, two, len2, &opt, &twice);

		(*files)++;
		if (err != FLOE_OK)
			fail_msg("%s doubled: error %d (a skipped output's "
				 "rules found something?)", path, (int)err);
		/* a file whose anchors the copy writes again, of several
		 * documents, or with suppressions, is not twice itself */
		if (!memchr(buf, '&', len) && !has(buf, len, "---") &&
		    !has(buf, len, "floe-profiles:") &&
		    parsed(path, buf, len)) {
			if (twice.nr != 2 * once.nr)
				fail_msg("%s: %zu findings, %zu doubled", path,
					 once.nr, twice.nr);
			(*held)++;
		}
	}
	floe_diags_release(&once);
	floe_diags_release(&twice);
	free(two);
	free(buf);
}

static void hold_dir(const char *dir, const struct floe_platform *plat,
		     size_t *files, size_t *held)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;		/* a file: args, expected.stdout, ... */
	while ((e = readdir(d))) {
		char path[4096];
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".yml"))
			hold_file(path, plat, files, held);
		else if (!strchr(e->d_name, '.'))
			hold_dir(path, plat, files, held);
	}
	closedir(d);
}

static void test_doubled_corpus(void **state)
{
	static const char platform_path[] =
		FLOE_SOURCE_DIR "/examples/platform.yaml";
	struct floe_platform *plat = NULL;
	struct floe_diags pd = FLOE_DIAGS_INIT;
	char *buf = NULL;
	size_t len = 0, files = 0, held = 0;
	int errnum;

	(void)state;
	assert_int_equal(floe_read_file(platform_path, 1 << 20, &buf, &len,
					&errnum), FLOE_OK);
	assert_int_equal(floe_platform_load(platform_path, buf, len, NULL,
					    &plat, &pd), FLOE_OK);
	for (int with = 0; with < 2; with++) {
		hold_dir(FLOE_SOURCE_DIR "/tests/golden/lint",
			 with ? plat : NULL, &files, &held);
		hold_dir(FLOE_SOURCE_DIR "/tests/golden/check",
			 with ? plat : NULL, &files, &held);
		hold_dir(FLOE_SHARED_DIR "/fixtures", with ? plat : NULL,
			 &files, &held);
	}
	/* the corpus is read: hundreds of files, most of them held */
	assert_true(files > 500);
	assert_true(held > files / 2);
	floe_platform_free(plat);
	floe_diags_release(&pd);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_noisy_outputs_each_reported, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_deep_difference_reported, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_style_and_type_differences, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_other_platform_reported, fx_setup, fx_teardown),
		cmocka_unit_test(test_section_alias_and_copy),
		cmocka_unit_test(test_doubled_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
