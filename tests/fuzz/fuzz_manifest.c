/*
 * libFuzzer harness: manifest.yaml -> profiles.yml.
 *
 * An input that does not say what it is gets the manifest's two keys
 * (`apiVersion: floe.dev/v1`, `kind: Manifest`) in front, so that the
 * mutations stay on src/manifest.c rather than on platform.yaml.  It is
 * loaded twice with floe_platform_load_opts(): without placeholder values
 * (every `{NAME}` that reaches the profile is then an error) and with a
 * few of them set (--set), some odd.  What loads must be a manifest and
 * survive what fuzz_platform.c asks of any platform: the lookups, the
 * attach plan, and a generate whose output reads back and lints clean
 * against it.
 */
#include <stdbool.h>
#include <string.h>

#include "floe/platform.h"
#include "fuzz.h"

static const char header[] = "apiVersion: floe.dev/v1\nkind: Manifest\n";

static const struct floe_platform_var vars[] = {
	{ "env", "prod" },
	{ "team", "sales" },
	{ "product_slug", "orders" },
	{ "quote", "it's \"x\" {y} #z: {{ w }}" },
	{ "empty", "" },
	{ "utf8", "caf\xc3\xa9 \xe2\x82\xac" },
};

static bool has(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(s + i, word, n))
			return true;
	return false;
}

static void load(const char *buf, size_t len, bool with_vars, bool header_added,
		 int utf8)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform_options opt;
	struct floe_platform *p = NULL;
	enum floe_err err;

	memset(&opt, 0, sizeof(opt));
	if (with_vars) {
		opt.vars = vars;
		opt.nr_vars = sizeof(vars) / sizeof(vars[0]);
	}
	err = floe_platform_load_opts("fuzz/manifest.yaml", buf, len, &opt, &p,
				      &d);
	floe_fuzz_check_diags(&d, 0, utf8);
	if (err != FLOE_OK) {
		FUZZ_CHECK(p == NULL);
		FUZZ_CHECK(err == FLOE_ERR_INPUT && d.nr_errors > 0);
		floe_diags_release(&d);
		return;
	}
	FUZZ_CHECK(p != NULL && d.nr_errors == 0);
	if (header_added)
		FUZZ_CHECK(p->format == FLOE_PLATFORM_MANIFEST);
	floe_diags_release(&d);
	floe_fuzz_platform_use(p);
}

void floe_fuzz_manifest(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	int utf8 = floe_fuzz_utf8_valid(in, size);
	bool add = !has(in, size, "apiVersion") && !has(in, size, "kind");
	char *buf = NULL;
	size_t len = size;

	if (add) {
		len = sizeof(header) - 1 + size;
		buf = malloc(len + 1);
		FUZZ_CHECK(buf != NULL);
		memcpy(buf, header, sizeof(header) - 1);
		if (size)
			memcpy(buf + sizeof(header) - 1, data, size);
		buf[len] = '\0';
		in = buf;
	}
	load(in, len, false, add, utf8);
	load(in, len, true, add, utf8);
	free(buf);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_manifest(data, size);
	return 0;
}
#endif
