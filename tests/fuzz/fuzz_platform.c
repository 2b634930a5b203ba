/*
 * libFuzzer harness: platform.yaml -> profiles.yml.
 *
 * floe_platform_load(), then floe_generate() with the default options
 * (one target, "dev") and floe_gen_attach().  What generate writes must
 * read back as YAML without errors and, as docs/lint.md promises ("a
 * profile generated from the platform passes"), lint without an error
 * against the same platform, and without any finding when generate warned
 * of nothing (generate no longer checks this itself).
 */
#include <stdbool.h>
#include <string.h>

#include "floe/generate.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/yaml.h"
#include "fuzz.h"

static void touch_value(const struct floe_value *v)
{
	if (v->kind == FLOE_VALUE_SECRET_REF) {
		char *env;

		FUZZ_CHECK(v->text != NULL);
		env = floe_secret_env_name(v->text);
		FUZZ_CHECK(env != NULL);
		free(env);
	}
}

static void touch_platform(const struct floe_platform *p)
{
	for (size_t i = 0; i < p->nr_catalogs; i++) {
		const struct floe_catalog *c = &p->catalogs[i];

		FUZZ_CHECK(c->name != NULL);
		FUZZ_CHECK(floe_platform_catalog(p, c->name) != NULL);
		touch_value(&c->uri);
		touch_value(&c->credentials.client_id);
		touch_value(&c->credentials.client_secret);
		for (size_t k = 0; k < c->nr_properties; k++)
			FUZZ_CHECK(c->properties[k].key != NULL);
	}
	for (size_t i = 0; i < p->nr_storage; i++) {
		FUZZ_CHECK(p->storage[i].name != NULL);
		FUZZ_CHECK(floe_platform_storage(p, p->storage[i].name) !=
			   NULL);
		touch_value(&p->storage[i].endpoint);
	}
	for (size_t i = 0; i < p->nr_compute; i++) {
		FUZZ_CHECK(p->compute[i].name != NULL);
		FUZZ_CHECK(floe_platform_compute(p, p->compute[i].name) !=
			   NULL);
	}
	for (size_t i = 0; i < p->nr_layers; i++)
		FUZZ_CHECK(p->layers[i].name != NULL);
}

/*
 * The generated file reads back and lints clean against its platform:
 * no error, and no finding at all when generate warned of nothing.
 * generate does not lint its own output; this is where that promise is
 * checked, for every input.
 */
static void check_generated(const struct floe_platform *p, const char *out,
			    size_t len, bool warned)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_lint_options opt;
	struct floe_doc *doc = NULL;

	FUZZ_CHECK(floe_yaml_parse("fuzz/profiles.yml", out, len, NULL, &doc,
				   &d) == FLOE_OK);
	FUZZ_CHECK(d.nr_errors == 0 && d.nr_warnings == 0);
	floe_doc_free(doc);
	floe_diags_release(&d);

	memset(&opt, 0, sizeof(opt));
	opt.platform = p;
	FUZZ_CHECK(floe_lint("fuzz/profiles.yml", out, len, &opt, &d) ==
		   FLOE_OK);
	if (d.nr_errors || (!warned && d.nr)) {
		for (size_t i = 0; i < d.nr; i++)
			fprintf(stderr, "%u:%u: %s [%s]\n",
				d.items[i].loc.start.line,
				d.items[i].loc.start.column,
				d.items[i].message,
				floe_rule_get(d.items[i].rule)
				? floe_rule_get(d.items[i].rule)->id : "");
		fprintf(stderr, "--- generated:\n%s---\n", out);
	}
	FUZZ_CHECK(d.nr_errors == 0);
	FUZZ_CHECK(warned || d.nr == 0);
	floe_diags_release(&d);
}

/*
 * What every loaded platform must survive, whatever file it came from
 * (fuzz_manifest.c uses it too): its lookups, the attach plan, and a
 * generate whose output lints clean against it.  Frees p.
 */
void floe_fuzz_platform_use(struct floe_platform *p)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_gen_target target;
	struct floe_gen_options opt;
	struct floe_gen_attach a;
	enum floe_err err;
	char *out = NULL;
	size_t len = 0;

	touch_platform(p);

	memset(&a, 0, sizeof(a));
	err = floe_gen_attach(p, NULL, &a);
	FUZZ_CHECK(err == FLOE_OK || err == FLOE_ERR_INPUT);
	if (err == FLOE_OK)
		floe_gen_attach_release(&a);

	memset(&target, 0, sizeof(target));
	target.name = FLOE_GEN_DEFAULT_TARGET;
	target.platform = p;
	memset(&opt, 0, sizeof(opt));
	opt.targets = &target;
	opt.nr_targets = 1;
	err = floe_generate(&opt, &out, &len, &d);
	FUZZ_CHECK(err == FLOE_OK || err == FLOE_ERR_INPUT);
	if (err == FLOE_OK) {
		floe_fuzz_check_buf(out, len);
		check_generated(p, out, len, d.nr_warnings > 0);
		free(out);
	} else {
		FUZZ_CHECK(d.nr_errors > 0);
	}
	floe_diags_release(&d);
	floe_platform_free(p);
}

void floe_fuzz_platform(const uint8_t *data, size_t size)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform *p = NULL;
	enum floe_err err;

	err = floe_platform_load("fuzz/platform.yaml", (const char *)data,
				 size, NULL, &p, &d);
	if (err != FLOE_OK) {
		FUZZ_CHECK(p == NULL);
		FUZZ_CHECK(err == FLOE_ERR_INPUT && d.nr_errors > 0);
		floe_diags_release(&d);
		return;
	}
	FUZZ_CHECK(p != NULL && d.nr_errors == 0);
	floe_diags_release(&d);
	floe_fuzz_platform_use(p);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_platform(data, size);
	return 0;
}
#endif
