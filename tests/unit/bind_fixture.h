/*
 * The binders' shared unit-test fixture (test_platform.c, test_manifest.c):
 * one load of a platform file or manifest, and the helpers that find a
 * diagnostic and check its position against the input text itself --
 * bind_at() finds a unique piece of the input, so a test says "the error
 * is at the `123` of `warehouse: 123`" rather than "at 7:16".
 */
#ifndef FLOE_TEST_BIND_FIXTURE_H
#define FLOE_TEST_BIND_FIXTURE_H

#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/platform.h"

struct bind_ctx {
	const char *file;	/* the display name loads use */
	const char *canary;	/* a secret no diagnostic may repeat */
	const struct floe_platform_var *vars;	/* --set values; may be NULL */
	size_t nr_vars;
	const char *yaml;	/* the last input */
	struct floe_platform *p;
	struct floe_diags d;
};

/* cmocka setup/teardown: a zeroed bind_ctx for `file` in *state. */
int bind_setup(void **state, const char *file, const char *canary);
int bind_teardown(void **state);

/* Forget the previous load, so one test can load several documents. */
void bind_reset(struct bind_ctx *c);

/* Load `yaml` as c->file with c->vars (a fresh c->p and c->d). */
enum floe_err bind_load(struct bind_ctx *c, const char *yaml);

/* A document that must bind cleanly: FLOE_OK and no diagnostics. */
void bind_load_clean(struct bind_ctx *c, const char *yaml);

/* A document that must be refused; the platform stays untouched. */
void bind_load_bad(struct bind_ctx *c, const char *yaml);

/* Print every diagnostic (on a failure). */
void bind_dump(const struct floe_diags *d);

/*
 * The position of `sub` inside `context`, where `context` occurs exactly
 * once in `text`.  Columns count code points.
 */
struct floe_pos bind_at(const char *text, const char *context,
			const char *sub);

/* The first diagnostic of severity `sev` whose message holds `needle`. */
const struct floe_diag *bind_find(const struct floe_diags *d,
				  enum floe_severity sev, const char *needle);

/* As bind_find, but it must exist and name c->file. */
const struct floe_diag *bind_expect(const struct bind_ctx *c,
				    enum floe_severity sev,
				    const char *needle);

/* A diagnostic containing `needle`, located at `sub` within `context`. */
const struct floe_diag *bind_expect_at(const struct bind_ctx *c,
				       enum floe_severity sev,
				       const char *needle,
				       const char *context, const char *sub);

/* No diagnostic repeats c->canary. */
void bind_expect_no_canary(const struct bind_ctx *c);

#endif
