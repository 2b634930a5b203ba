#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "strbuf.h"

int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	*state = f;
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;

	floe_diags_release(&f->diags);
	floe_diags_release(&f->pdiags);
	floe_platform_free(f->platform);
	free(f->levels);
	free(f->text);
	free(f);
	return 0;
}

void fx_lint(struct fx *f, const char *text, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, text);
	for (const char *s = text; s; s = va_arg(ap, const char *))
		strbuf_adds(&sb, s);
	va_end(ap);
	free(f->text);
	f->text = strbuf_detach(&sb, NULL);
	assert_non_null(f->text);
	floe_diags_release(&f->diags);
	assert_int_equal(floe_lint(FX_FILE, f->text, strlen(f->text), &f->opt,
				   &f->diags),
			 FLOE_OK);
}

void fx_load_platform(struct fx *f, const char *yaml)
{
	floe_platform_free(f->platform);
	f->platform = NULL;
	assert_int_equal(floe_platform_load(FX_PLATFORM, yaml, strlen(yaml),
					    NULL, &f->platform, &f->pdiags),
			 FLOE_OK);
	f->opt.platform = f->platform;
}

void fx_set_level(struct fx *f, const char *id, enum floe_level lvl)
{
	const struct floe_rule *r = floe_rule_find(id);

	if (!r)
		fail_msg("no rule %s", id);
	if (!f->levels) {
		f->levels = calloc(floe_rule_count(), sizeof(*f->levels));
		assert_non_null(f->levels);
	}
	f->levels[floe_rule_code(r) - 1] = lvl;
	f->opt.levels = f->levels;
}

const char *fx_id(const struct floe_diag *g)
{
	const struct floe_rule *r = floe_rule_get(g->rule);

	return r ? r->id : NULL;
}

const struct floe_diag *fx_nth(const struct fx *f, const char *rule,
			       size_t n)
{
	for (size_t i = 0; i < f->diags.nr; i++) {
		const char *id = fx_id(&f->diags.items[i]);

		if (id && !strcmp(id, rule) && n-- == 0)
			return &f->diags.items[i];
	}
	return NULL;
}

const struct floe_diag *fx_find(const struct fx *f, const char *rule)
{
	return fx_nth(f, rule, 0);
}

size_t fx_count(const struct fx *f, const char *rule)
{
	size_t n = 0;

	while (fx_nth(f, rule, n))
		n++;
	return n;
}

static void dump(const struct floe_diags *d)
{
	for (size_t i = 0; i < d->nr; i++)
		print_message("  %u:%u %s %s\n", d->items[i].loc.start.line,
			      d->items[i].loc.start.column,
			      fx_id(&d->items[i]) ? fx_id(&d->items[i]) : "-",
			      d->items[i].message);
}

void fx_assert_rules(const struct fx *f, const char *from, const char *to,
		     const char *want)
{
	struct strbuf got = STRBUF_INIT;

	for (size_t i = 0; i < f->diags.nr; i++) {
		const char *id = fx_id(&f->diags.items[i]);

		if (!id || strcmp(id, from) < 0 || strcmp(id, to) > 0)
			continue;
		if (got.len)
			strbuf_addch(&got, ' ');
		strbuf_adds(&got, id);
	}
	assert_int_equal(strbuf_error(&got), 0);
	if (strcmp(got.buf, want))
		dump(&f->diags);
	assert_string_equal(got.buf, want);
	strbuf_release(&got);
}

void fx_assert_at(const struct fx *f, const char *rule, unsigned line,
		  unsigned column)
{
	const struct floe_diag *g = fx_find(f, rule);

	if (!g) {
		dump(&f->diags);
		fail_msg("no %s", rule);
	}
	assert_int_equal(g->loc.start.line, line);
	assert_int_equal(g->loc.start.column, column);
}

void fx_assert_says(const struct fx *f, const char *rule, const char *text)
{
	const struct floe_diag *g = fx_find(f, rule);

	if (!g) {
		dump(&f->diags);
		fail_msg("no %s", rule);
	}
	if (!strstr(g->message, text))
		fail_msg("%s: '%s' not in '%s'", rule, text, g->message);
}

void fx_assert_finding(const struct fx *f, const char *rule, unsigned line,
		       unsigned column, const char *text)
{
	for (size_t i = 0; i < f->diags.nr; i++) {
		const struct floe_diag *g = &f->diags.items[i];
		const char *id = fx_id(g);

		if (id && !strcmp(id, rule) && g->loc.start.line == line &&
		    g->loc.start.column == column && strstr(g->message, text))
			return;
	}
	dump(&f->diags);
	fail_msg("no %s at %u:%u saying '%s'", rule, line, column, text);
}

/* ---- probes of the real engine ---- */

void fx_probe_open(struct fx_probe *p, const char *dir, const char *release,
		   const char *how)
{
	char path[4096];

	memset(p, 0, sizeof(*p));
	snprintf(path, sizeof(path),
		 FLOE_SOURCE_DIR "/src/engine/data/%s/%s.tsv", dir, release);
	p->f = fopen(path, "r");
	if (!p->f)
		fail_msg("%s: no probe of release %s (run %s)", path, release,
			 how);
}

/* \t, \n, \r and \\ as the probes escape them, in place */
static void probe_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n'
			       : *s == 'r' ? '\r' : *s;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

bool fx_probe_row(struct fx_probe *p, char **col, size_t n)
{
	while (fgets(p->line, sizeof(p->line), p->f)) {
		char *s = p->line;
		size_t nc = 0;

		p->line[strcspn(p->line, "\n")] = '\0';
		if (p->line[0] == '#' || !p->line[0])
			continue;
		if (!p->header) {
			p->header = true;
			continue;
		}
		while (nc < n) {
			col[nc++] = s;
			s = strchr(s, '\t');
			if (!s)
				break;
			*s++ = '\0';
		}
		if (nc != n || s)
			fail_msg("a probe row of %zu cells, not %zu", nc, n);
		for (size_t i = 0; i < n; i++)
			probe_unescape(col[i]);
		return true;
	}
	return false;
}

void fx_probe_close(struct fx_probe *p)
{
	assert_true(p->header);
	fclose(p->f);
}
