/*
 * A unified diff by longest common subsequence over lines.  The inputs
 * are profiles.yml files (a few hundred lines), so the O(n*m) table is
 * fine; past a size cap the whole file is shown as replaced, which is
 * still a correct diff.
 */
#include <stdlib.h>
#include <string.h>

#include "floe/diff.h"
#include "secret.h"
#include "strbuf.h"

#define MAX_CELLS (4u * 1024 * 1024)
#define CONTEXT 3

struct line {
	const char *s;
	size_t len;		/* without the newline */
	int newline;		/* 0 for a last line without '\n' */
	const struct line *shown;	/* the same line, secrets masked */
};

static struct line *split(const char *s, size_t len, size_t *nr)
{
	struct line *v;
	size_t n = 0, cap = 1;

	for (size_t i = 0; i < len; i++)
		cap += s[i] == '\n';
	v = calloc(cap, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (s + i)) : len - i;

		v[n].s = s + i;
		v[n].len = l;
		v[n].newline = nl != NULL;
		n++;
		i += l + (nl ? 1 : 0);
	}
	*nr = n;
	return v;
}

static int same(const struct line *a, const struct line *b)
{
	return a->len == b->len && a->newline == b->newline &&
	       !memcmp(a->s, b->s, a->len);
}

enum op { KEEP, DEL, ADD };

struct edit {
	enum op op;
	size_t ai, bi;		/* line indices */
};

static int emit_line(struct strbuf *sb, char tag, const struct line *l)
{
	if (strbuf_addch(sb, tag) || strbuf_add(sb, l->s, l->len) ||
	    strbuf_addch(sb, '\n'))
		return -1;
	if (!l->newline &&
	    strbuf_adds(sb, "\\ No newline at end of file\n"))
		return -1;
	return 0;
}

/*
 * Lines are compared as they are and shown masked (secret.h): a pair
 * "-  client_secret: ***" / "+  client_secret: ***" says the secret
 * changed without saying what it is.
 */
static int hunks(struct strbuf *sb, const struct edit *e, size_t ne,
		 const struct line *a, const struct line *b)
{
	size_t i = 0;

	while (i < ne) {
		size_t first, last, j, start, end, as = 0, bs = 0, ac = 0,
		       bc = 0;

		while (i < ne && e[i].op == KEEP)
			i++;
		if (i == ne)
			break;
		/* a hunk: changes joined by at most 2*CONTEXT kept lines */
		first = last = j = i;
		while (j < ne) {
			size_t k = j;

			if (e[j].op != KEEP) {
				last = j++;
				continue;
			}
			while (k < ne && e[k].op == KEEP)
				k++;
			if (k == ne || k - j > 2 * CONTEXT)
				break;
			j = k;
		}
		start = first > CONTEXT ? first - CONTEXT : 0;
		end = last + 1 + CONTEXT < ne ? last + 1 + CONTEXT : ne;
		for (size_t k = start; k < end; k++) {
			if (e[k].op != ADD && !ac++)
				as = e[k].ai + 1;
			if (e[k].op != DEL && !bc++)
				bs = e[k].bi + 1;
		}
		if (!ac)
			as = e[start].ai;	/* "-N,0": after line N */
		if (!bc)
			bs = e[start].bi;
		if (strbuf_addf(sb, "@@ -%zu,%zu +%zu,%zu @@\n", as, ac, bs,
				bc))
			return -1;
		for (size_t k = start; k < end; k++) {
			const struct line *l = e[k].op == ADD ? &b[e[k].bi]
							     : &a[e[k].ai];

			l = l->shown;
			char tag = e[k].op == KEEP ? ' '
				   : e[k].op == DEL ? '-' : '+';

			if (emit_line(sb, tag, l))
				return -1;
		}
		i = end;
	}
	return 0;
}

enum floe_err floe_diff(const char *a_name, const char *a, size_t a_len,
			const char *b_name, const char *b, size_t b_len,
			char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf ma = STRBUF_INIT, mb = STRBUF_INIT;
	struct line *la = NULL, *lb = NULL, *sa = NULL, *sb_ = NULL;
	size_t nsa = 0, nsb = 0;
	struct edit *e = NULL;
	unsigned *t = NULL;
	size_t na = 0, nb = 0, ne = 0;
	enum floe_err err = FLOE_ERR_NOMEM;

	if (a_len == b_len && (!a_len || !memcmp(a, b, a_len))) {
		*out = strbuf_detach(&sb, len);
		return *out ? FLOE_OK : FLOE_ERR_NOMEM;
	}
	la = split(a, a_len, &na);
	lb = split(b, b_len, &nb);
	e = calloc(na + nb + 1, sizeof(*e));
	if (!la || !lb || !e ||
	    floe_secret_mask_yaml(&ma, a, a_len) ||
	    floe_secret_mask_yaml(&mb, b, b_len))
		goto out;
	sa = split(ma.buf ? ma.buf : "", ma.len, &nsa);
	sb_ = split(mb.buf ? mb.buf : "", mb.len, &nsb);
	if (!sa || !sb_)
		goto out;
	if (nsa != na || nsb != nb) {	/* cannot happen: masking keeps lines */
		err = FLOE_ERR_INTERNAL;
		goto out;
	}
	for (size_t i = 0; i < na; i++)
		la[i].shown = &sa[i];
	for (size_t i = 0; i < nb; i++)
		lb[i].shown = &sb_[i];

	if ((na + 1) * (nb + 1) <= MAX_CELLS) {
		size_t i = 0, j = 0, w = nb + 1;

		/* t[i][j] = LCS length of a[i..] and b[j..] */
		t = calloc((na + 1) * (nb + 1), sizeof(*t));
		if (!t)
			goto out;
		for (size_t x = na; x-- > 0;)
			for (size_t y = nb; y-- > 0;)
				t[x * w + y] = same(&la[x], &lb[y])
					? t[(x + 1) * w + y + 1] + 1
					: t[(x + 1) * w + y] > t[x * w + y + 1]
					? t[(x + 1) * w + y] : t[x * w + y + 1];
		while (i < na || j < nb) {
			if (i < na && j < nb && same(&la[i], &lb[j])) {
				e[ne++] = (struct edit){ KEEP, i++, j++ };
			} else if (i < na && (j == nb || t[(i + 1) * w + j] >=
						       t[i * w + j + 1])) {
				/* deletions first, as diff(1) shows them */
				e[ne++] = (struct edit){ DEL, i++, j };
			} else {
				e[ne++] = (struct edit){ ADD, i, j++ };
			}
		}
	} else {
		for (size_t i = 0; i < na; i++)
			e[ne++] = (struct edit){ DEL, i, 0 };
		for (size_t j = 0; j < nb; j++)
			e[ne++] = (struct edit){ ADD, na, j };
	}
	if (strbuf_addf(&sb, "--- %s\n+++ %s\n", a_name, b_name) ||
	    hunks(&sb, e, ne, la, lb))
		goto out;
	*out = strbuf_detach(&sb, len);
	if (*out)
		err = FLOE_OK;
out:
	strbuf_release(&sb);
	free(la);
	free(lb);
	free(sa);
	free(sb_);
	strbuf_release(&ma);
	strbuf_release(&mb);
	free(e);
	free(t);
	return err;
}
