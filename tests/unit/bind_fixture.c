/*
 * The binders' shared unit-test fixture: see bind_fixture.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "bind_fixture.h"

int bind_setup(void **state, const char *file, const char *canary)
{
	struct bind_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	c->file = file;
	c->canary = canary;
	*state = c;
	return 0;
}

int bind_teardown(void **state)
{
	struct bind_ctx *c = *state;

	floe_platform_free(c->p);
	floe_diags_release(&c->d);
	free(c);
	return 0;
}

/* Forget the previous load, so one test can load several documents. */
void bind_reset(struct bind_ctx *c)
{
	floe_platform_free(c->p);
	c->p = NULL;
	floe_diags_release(&c->d);
	c->yaml = NULL;
}

enum floe_err bind_load(struct bind_ctx *c, const char *yaml)
{
	struct floe_platform_options opt = { NULL, c->vars, c->nr_vars };

	bind_reset(c);
	c->yaml = yaml;
	return floe_platform_load_opts(c->file, yaml, strlen(yaml), &opt,
				       &c->p, &c->d);
}

void bind_dump(const struct floe_diags *d)
{
	for (size_t i = 0; i < d->nr; i++)
		print_message("  %u:%u: %s: %s\n", d->items[i].loc.start.line,
			      d->items[i].loc.start.column,
			      floe_severity_name(d->items[i].severity),
			      d->items[i].message);
}

/* Load a document that must bind cleanly: FLOE_OK and no diagnostics. */
void bind_load_clean(struct bind_ctx *c, const char *yaml)
{
	enum floe_err err = bind_load(c, yaml);

	if (err != FLOE_OK || c->d.nr) {
		bind_dump(&c->d);
		print_error("expected a clean load, got %s with %zu "
			    "diagnostics\n", floe_strerror(err), c->d.nr);
		fail();
	}
	assert_non_null(c->p);
}

/* Load a document that must be refused; the platform stays untouched. */
void bind_load_bad(struct bind_ctx *c, const char *yaml)
{
	enum floe_err err = bind_load(c, yaml);

	if (err != FLOE_ERR_INPUT) {
		bind_dump(&c->d);
		print_error("expected FLOE_ERR_INPUT, got %s\n",
			    floe_strerror(err));
		fail();
	}
	assert_null(c->p);
	assert_true(c->d.nr_errors > 0);
}

/*
 * The position of `sub` inside `context`, where `context` occurs exactly
 * once in `text`.  Columns count code points.
 */
struct floe_pos bind_at(const char *text, const char *context,
			  const char *sub)
{
	const char *ctx = strstr(text, context);
	const char *p;
	struct floe_pos pos = { 1, 1 };

	if (!ctx || strstr(ctx + 1, context)) {
		print_error("'%s' must occur exactly once in the input\n",
			    context);
		fail();
	}
	p = strstr(ctx, sub);
	assert_non_null(p);
	for (const char *s = text; s < p; s++) {
		if (*s == '\n') {
			pos.line++;
			pos.column = 1;
		} else if (((unsigned char)*s & 0xc0) != 0x80) {
			pos.column++;
		}
	}
	return pos;
}

const struct floe_diag *bind_find(const struct floe_diags *d,
				    enum floe_severity sev,
				    const char *needle)
{
	for (size_t i = 0; i < d->nr; i++)
		if (d->items[i].severity == sev &&
		    strstr(d->items[i].message, needle))
			return &d->items[i];
	return NULL;
}

const struct floe_diag *bind_expect(const struct bind_ctx *c,
				      enum floe_severity sev,
				      const char *needle)
{
	const struct floe_diag *g = bind_find(&c->d, sev, needle);

	if (!g) {
		bind_dump(&c->d);
		print_error("no %s containing \"%s\"\n",
			    floe_severity_name(sev), needle);
		fail();
	}
	assert_non_null(g->loc.file);
	assert_string_equal(g->loc.file, c->file);
	return g;
}

/* A diagnostic containing `needle`, located at `sub` within `context`. */
const struct floe_diag *bind_expect_at(const struct bind_ctx *c,
					 enum floe_severity sev,
					 const char *needle,
					 const char *context, const char *sub)
{
	const struct floe_diag *g = bind_expect(c, sev, needle);
	struct floe_pos want = bind_at(c->yaml, context, sub);

	if (g->loc.start.line != want.line ||
	    g->loc.start.column != want.column) {
		bind_dump(&c->d);
		print_error("\"%s\" is at %u:%u, expected %u:%u ('%s')\n",
			    needle, g->loc.start.line, g->loc.start.column,
			    want.line, want.column, sub);
		fail();
	}
	return g;
}

void bind_expect_no_canary(const struct bind_ctx *c)
{
	for (size_t i = 0; i < c->d.nr; i++)
		if (strstr(c->d.items[i].message, c->canary)) {
			print_error("a diagnostic repeats the secret: %s\n",
				    c->d.items[i].message);
			fail();
		}
}
