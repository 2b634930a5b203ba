#include "floe/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "secret.h"

static void count(struct floe_diags *d, enum floe_severity sev)
{
	if (sev == FLOE_SEV_ERROR)
		d->nr_errors++;
	else if (sev == FLOE_SEV_WARNING)
		d->nr_warnings++;
	else if (sev == FLOE_SEV_INFO)
		d->nr_infos++;
}

int floe_diags_vaddf(struct floe_diags *d, enum floe_severity sev,
		     enum floe_rule_id rule, struct floe_loc loc, const char *fmt,
		     va_list ap)
{
	size_t cap = d->cap ? d->cap : FLOE_DIAGS_DEFAULT_CAP;
	struct floe_diag *item;
	va_list ap2;
	char small[512], *msg;
	int n;

	/*
	 * The counts include diagnostics dropped by the cap: an error must
	 * still fail the run when ten thousand warnings came before it.
	 */
	if (d->nr >= cap) {
		d->dropped++;
		count(d, sev);
		return 0;
	}
	if (ALLOC_GROW(d->items, d->nr + 1, d->alloc))
		return -1;

	/* formatted once when it fits the stack buffer (most do) */
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -1;
	msg = malloc((size_t)n + 1);
	if (!msg)
		return -1;
	if ((size_t)n < sizeof(small))
		memcpy(msg, small, (size_t)n + 1);
	else
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	/* dbt scrubs DBT_ENV_SECRET_ values everywhere; so does every message */
	msg = floe_secret_scrub_env(msg);
	if (!msg)
		return -1;

	item = &d->items[d->nr++];
	item->severity = sev;
	item->rule = rule;
	item->loc = loc;
	item->message = msg;
	item->fix = NULL;
	count(d, sev);
	return 0;
}

int floe_diags_addf(struct floe_diags *d, enum floe_severity sev,
		    enum floe_rule_id rule, struct floe_loc loc, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = floe_diags_vaddf(d, sev, rule, loc, fmt, ap);
	va_end(ap);
	return ret;
}

int floe_diags_move(struct floe_diags *dst, struct floe_diags *src)
{
	if (!src->nr)
		return 0;
	if (src->nr > SIZE_MAX - dst->nr ||
	    ALLOC_GROW(dst->items, dst->nr + src->nr, dst->alloc))
		return -1;
	memcpy(dst->items + dst->nr, src->items, src->nr * sizeof(*src->items));
	dst->nr += src->nr;
	dst->nr_errors += src->nr_errors;
	dst->nr_warnings += src->nr_warnings;
	dst->nr_infos += src->nr_infos;
	dst->dropped += src->dropped;
	free(src->items);
	src->items = NULL;
	src->nr = src->alloc = 0;
	src->nr_errors = src->nr_warnings = src->nr_infos = src->dropped = 0;
	return 0;
}

static void uncount(struct floe_diags *d, enum floe_severity sev)
{
	if (sev == FLOE_SEV_ERROR)
		d->nr_errors--;
	else if (sev == FLOE_SEV_WARNING)
		d->nr_warnings--;
	else if (sev == FLOE_SEV_INFO)
		d->nr_infos--;
}

static void remove_one(struct floe_diags *d, size_t i)
{
	struct floe_diag *g = &d->items[i];

	uncount(d, g->severity);
	free(g->message);
	floe_fix_free(g->fix);
	memmove(g, g + 1, (d->nr - i - 1) * sizeof(*g));
	d->nr--;
}

void floe_diags_remove(struct floe_diags *d, size_t i)
{
	if (i >= d->nr)
		return;
	remove_one(d, i);
	while (i < d->nr && d->items[i].severity == FLOE_SEV_NOTE)
		remove_one(d, i);
}

void floe_diags_truncate(struct floe_diags *d, size_t nr)
{
	while (d->nr > nr)
		remove_one(d, d->nr - 1);
}

void floe_diags_set_severity(struct floe_diags *d, size_t i,
			     enum floe_severity sev)
{
	if (i >= d->nr || d->items[i].severity == sev)
		return;
	uncount(d, d->items[i].severity);
	d->items[i].severity = sev;
	count(d, sev);
}

bool floe_diags_same(const struct floe_diag *a, const struct floe_diag *b)
{
	return a->rule == b->rule && a->severity == b->severity &&
	       a->loc.start.line == b->loc.start.line &&
	       a->loc.start.column == b->loc.start.column &&
	       !strcmp(a->message, b->message);
}

/* FNV-1a over what floe_diags_same() compares. */
static size_t diag_hash(const struct floe_diag *g)
{
	uint64_t h = 14695981039346656037u;
	unsigned v[4] = { (unsigned)g->rule, (unsigned)g->severity,
			  g->loc.start.line, g->loc.start.column };
	const unsigned char *p = (const unsigned char *)v;

	for (size_t i = 0; i < sizeof(v); i++)
		h = (h ^ p[i]) * 1099511628211u;
	for (p = (const unsigned char *)g->message; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

/* The quadratic way, when there is no memory for the set. */
static void dedupe_slow(struct floe_diags *d, size_t base)
{
	for (size_t i = base; i < d->nr; i++) {
		if (d->items[i].severity == FLOE_SEV_NOTE && i > base)
			continue;	/* it goes with its finding */
		for (size_t j = i + 1; j < d->nr;)
			if (d->items[j].severity != FLOE_SEV_NOTE &&
			    floe_diags_same(&d->items[i], &d->items[j]))
				floe_diags_remove(d, j);
			else
				j++;
	}
}

/*
 * One pass: a finding goes when an earlier kept one is the same, and its
 * notes go with it.  The kept findings are in an open-addressing set of
 * indexes, so this is linear (it compared every pair before: up to 10,000
 * findings, 50 M comparisons).
 */
void floe_diags_dedupe(struct floe_diags *d, size_t base)
{
	size_t cap = 16, *set, w = base;
	bool dropping = false;

	if (base >= d->nr || d->nr - base < 2)
		return;
	while (cap / 2 < d->nr - base)
		cap *= 2;
	set = calloc(cap, sizeof(*set));	/* a kept index + 1, or 0 */
	if (!set) {
		dedupe_slow(d, base);
		return;
	}
	for (size_t i = base; i < d->nr; i++) {
		struct floe_diag *g = &d->items[i];
		size_t k = 0;

		/* a note belongs to the finding before it (a leading one
		 * stands for itself) */
		if (g->severity != FLOE_SEV_NOTE || i == base) {
			k = diag_hash(g) & (cap - 1);
			while (set[k] && !floe_diags_same(&d->items[set[k] - 1],
							  g))
				k = (k + 1) & (cap - 1);
			dropping = set[k] != 0;
		}
		if (dropping) {
			uncount(d, g->severity);
			free(g->message);
			floe_fix_free(g->fix);
			continue;
		}
		if (g->severity != FLOE_SEV_NOTE || i == base)
			set[k] = w + 1;
		if (w != i)
			d->items[w] = *g;
		w++;
	}
	d->nr = w;
	free(set);
}

void floe_fix_free(struct floe_fix *fix)
{
	if (!fix)
		return;
	for (size_t i = 0; i < fix->nr; i++)
		free(fix->edits[i].text);
	free(fix->edits);
	free(fix->message);
	free(fix);
}

void floe_diags_release(struct floe_diags *d)
{
	size_t cap = d->cap;

	for (size_t i = 0; i < d->nr; i++) {
		free(d->items[i].message);
		floe_fix_free(d->items[i].fix);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
	d->cap = cap;
}

static int same_file(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A diagnostic and the notes after it, within items[..nr). */
static size_t group_len(const struct floe_diag *items, size_t nr, size_t i)
{
	size_t len = 1;

	while (i + len < nr && items[i + len].severity == FLOE_SEV_NOTE)
		len++;
	return len;
}

static void reverse(struct floe_diag *items, size_t from, size_t to)
{
	while (from + 1 < to) {
		struct floe_diag t = items[from];

		items[from++] = items[--to];
		items[to] = t;
	}
}

/*
 * Insertion sort of the groups, in place: it allocates nothing, so it
 * cannot fail, but it is quadratic; sort_groups() below is the usual
 * way, and this one is for when memory ran out.  The sorted prefix keeps
 * its files in the order they first appeared, so a group whose file is
 * not in it stays where it is; else it goes into its file's run, after
 * every group at or before its position (stable).
 */
static void sort_in_place(struct floe_diags *d)
{
	struct floe_diag *items = d->items;

	for (size_t i = 0; i < d->nr;) {
		size_t len = group_len(items, d->nr, i), pos = i;
		const struct floe_loc *l = &items[i].loc;
		int seen = 0;

		for (size_t j = 0; j < i; j += group_len(items, i, j)) {
			const struct floe_loc *m = &items[j].loc;

			if (!same_file(m->file, l->file)) {
				if (seen) {
					pos = j;
					break;
				}
				continue;
			}
			seen = 1;
			if (m->start.line > l->start.line ||
			    (m->start.line == l->start.line &&
			     m->start.column > l->start.column)) {
				pos = j;
				break;
			}
		}
		if (pos < i) {	/* rotate items[pos..i+len) right by len */
			reverse(items, pos, i + len);
			reverse(items, pos, pos + len);
			reverse(items, pos + len, i + len);
		}
		i += len;
	}
}

/* A diagnostic and its notes, and where it sorts. */
struct sort_group {
	size_t start, len;
	size_t file;		/* rank of its file by first appearance */
	unsigned line, column;
};

static int group_after(const struct sort_group *a, const struct sort_group *b)
{
	if (a->file != b->file)
		return a->file > b->file;
	if (a->line != b->line)
		return a->line > b->line;
	return a->column > b->column;
}

static size_t hash_file(const char *f)
{
	uint64_t h = 14695981039346656037u;

	for (const unsigned char *p = (const unsigned char *)f; p && *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

/*
 * Rank every group's file by first appearance: an open-addressing set of
 * the first group of each file (index + 1).  -1 when memory ran out.
 */
static int rank_files(struct sort_group *g, size_t nr,
		      const struct floe_diag *items)
{
	size_t cap = 16, *set, files = 0;

	while (cap / 2 < nr)
		cap *= 2;
	set = calloc(cap, sizeof(*set));
	if (!set)
		return -1;
	for (size_t i = 0; i < nr; i++) {
		const char *f = items[g[i].start].loc.file;
		size_t k;

		if (i && same_file(items[g[i - 1].start].loc.file, f)) {
			g[i].file = g[i - 1].file;
			continue;
		}
		k = hash_file(f) & (cap - 1);
		while (set[k] &&
		       !same_file(items[g[set[k] - 1].start].loc.file, f))
			k = (k + 1) & (cap - 1);
		if (!set[k]) {
			set[k] = i + 1;
			g[i].file = files++;
		} else {
			g[i].file = g[set[k] - 1].file;
		}
	}
	free(set);
	return 0;
}

/*
 * A stable merge sort of the groups by (file rank, line, column), then
 * the items moved into that order: what the insertion sort gives, in
 * O(n log n).  -1 when memory ran out (nothing changed).
 */
static int sort_groups(struct floe_diags *d)
{
	struct sort_group *g = NULL, *tmp = NULL;
	struct floe_diag *items = NULL;
	size_t nr = 0, n = 0;
	int ret = -1;

	for (size_t i = 0; i < d->nr; i += group_len(d->items, d->nr, i))
		nr++;
	g = malloc(nr * sizeof(*g));
	tmp = malloc(nr * sizeof(*tmp));
	items = malloc(d->nr * sizeof(*items));
	if (!g || !tmp || !items)
		goto out;
	for (size_t i = 0; i < d->nr; n++) {
		g[n].start = i;
		g[n].len = group_len(d->items, d->nr, i);
		g[n].line = d->items[i].loc.start.line;
		g[n].column = d->items[i].loc.start.column;
		i += g[n].len;
	}
	if (rank_files(g, nr, d->items))
		goto out;
	for (size_t width = 1; width < nr; width *= 2) {
		for (size_t lo = 0; lo < nr; lo += 2 * width) {
			size_t mid = lo + width < nr ? lo + width : nr;
			size_t hi = mid + width < nr ? mid + width : nr;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi)
				tmp[k++] = group_after(&g[a], &g[b]) ? g[b++]
								     : g[a++];
			while (a < mid)
				tmp[k++] = g[a++];
			while (b < hi)
				tmp[k++] = g[b++];
		}
		{
			struct sort_group *t = g;

			g = tmp;
			tmp = t;
		}
	}
	n = 0;
	for (size_t i = 0; i < nr; i++) {
		memcpy(items + n, d->items + g[i].start,
		       g[i].len * sizeof(*items));
		n += g[i].len;
	}
	memcpy(d->items, items, d->nr * sizeof(*items));
	ret = 0;
out:
	free(g);
	free(tmp);
	free(items);
	return ret;
}

void floe_diags_sort(struct floe_diags *d)
{
	if (d->nr < 2)
		return;
	if (sort_groups(d))
		sort_in_place(d);
}

const char *floe_severity_name(enum floe_severity sev)
{
	switch (sev) {
	case FLOE_SEV_NOTE:
		return "note";
	case FLOE_SEV_INFO:
		return "info";
	case FLOE_SEV_WARNING:
		return "warning";
	case FLOE_SEV_ERROR:
		return "error";
	}
	return "error";
}
