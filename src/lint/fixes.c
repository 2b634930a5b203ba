/*
 * THE fix table: one row per fixable rule, keyed by rule id like the
 * registry in rules.c, and the fixers.  `lint --fix`, `--diff`, SARIF's
 * `fixes` and json's `fix` all come from here (include/floe/fix.h).
 *
 * A fixer finds the finding's node in the tree by its position (the
 * tree keeps where every node is written), checks that the text there is
 * exactly what the tree says (no anchor, tag, escape or line break it
 * would have to understand), and computes byte-range edits of that text.
 * Whatever it is not sure of gives no fix: a missed fix costs the user an
 * edit, a wrong one costs them their profile.  The facts come from the
 * engine's tables (src/engine/), as the rules' do.
 *
 * Adding a fixer: a row `[FLOE_FPnnn] = { fix_<name>, FLOE_FIX_SAFE }`,
 * the function, and a case in tests/golden/fix/ (unit/test_fix fails
 * for a row without one).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "engine/engine.h"
#include "floe/fix.h"
#include "lint_int.h"
#include "secret.h"
#include "strbuf.h"
#include "url.h"

/* ---- the file's text: lines, offsets, positions ---- */

struct ftext {
	const char *buf;
	size_t len;
	size_t *line;		/* byte offset of each line's start */
	size_t nr, alloc;
};

/* Length of a line break at i (as libyaml counts them), or 0. */
static size_t brk_len(const char *buf, size_t len, size_t i)
{
	const unsigned char *s = (const unsigned char *)buf;

	if (i >= len)
		return 0;
	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
		return 2;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
		return 3;
	return 0;
}

static int ftext_init(struct ftext *t, const char *buf, size_t len)
{
	size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;

	memset(t, 0, sizeof(*t));
	t->buf = buf;
	t->len = len;
	if (ALLOC_GROW(t->line, 1, t->alloc))
		return -1;
	t->line[t->nr++] = i;
	while (i < len) {
		unsigned char c = (unsigned char)buf[i];
		size_t b;

		/* only these bytes can start a line break */
		if (c != '\n' && c != '\r' && c != 0xC2 && c != 0xE2) {
			i++;
			continue;
		}
		b = brk_len(buf, len, i);
		if (!b) {
			i++;
			continue;
		}
		i += b;
		if (ALLOC_GROW(t->line, t->nr + 1, t->alloc))
			return -1;
		t->line[t->nr++] = i;
	}
	return 0;
}

static void ftext_release(struct ftext *t)
{
	free(t->line);
	memset(t, 0, sizeof(*t));
}

static size_t cp_len(const char *buf, size_t len, size_t i)
{
	size_t n = 1;

	while (i + n < len && ((unsigned char)buf[i + n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* The byte offset of a position, or SIZE_MAX. */
static size_t off_of(const struct ftext *t, struct floe_pos p)
{
	size_t o;

	if (!p.line || p.line > t->nr || !p.column)
		return SIZE_MAX;
	o = t->line[p.line - 1];
	for (unsigned c = 1; c < p.column; c++) {
		if (o >= t->len || brk_len(t->buf, t->len, o))
			return SIZE_MAX;
		o += cp_len(t->buf, t->len, o);
	}
	return o;
}

static struct floe_pos pos_of(const struct ftext *t, size_t off)
{
	struct floe_pos p = { 1, 1 };
	size_t lo = 0, hi = t->nr;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->line[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (unsigned)(lo + 1);
	for (size_t o = t->line[lo]; o < off; o += cp_len(t->buf, t->len, o))
		p.column++;
	return p;
}

static size_t line_start(const struct ftext *t, size_t off)
{
	return t->line[pos_of(t, off).line - 1];
}

/* The offset of the line break at or after off (or the end). */
static size_t line_end(const struct ftext *t, size_t off)
{
	while (off < t->len && !brk_len(t->buf, t->len, off))
		off++;
	return off;
}

/* True when only blanks stand between the start of off's line and off. */
static bool blank_before(const struct ftext *t, size_t off)
{
	for (size_t i = line_start(t, off); i < off; i++)
		if (t->buf[i] != ' ')
			return false;
	return true;
}

/*
 * From off to the end of its line, only blanks and a comment: the
 * offset just after the line break (the end of the text when there is
 * none), else SIZE_MAX.
 */
static size_t rest_blank(const struct ftext *t, size_t off)
{
	size_t e = line_end(t, off), i = off;

	while (i < e && (t->buf[i] == ' ' || t->buf[i] == '\t'))
		i++;
	if (i < e && (t->buf[i] != '#' || i == off))
		return SIZE_MAX;
	return e + brk_len(t->buf, t->len, e);
}

/* ---- the tree, indexed by where its nodes are written ---- */

/* A pair as written in a mapping (merged pairs are not entries). */
struct fent {
	const struct floe_node *key, *value, *map;
	size_t parent;		/* the entry whose value holds map; SIZE_MAX */
};

struct pset {
	const void **slot;
	unsigned *count;
	size_t cap, nr;
};

struct fpos {
	struct floe_pos pos;
	size_t ent;
	bool is_key;
};

struct fix_ctx {
	struct lint_ctx *lint;
	struct ftext text;
	struct fent *ent;
	size_t nr_ent, alloc_ent;
	struct fpos *pos;
	size_t nr_pos;
	struct pset reach;	/* node -> how many times the walk met it */
	struct pset merged;	/* keys that `<<` copies somewhere */
	enum floe_err err;
};

static size_t phash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 29;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 17) & (cap - 1);
}

/* Count one more meeting of p; the new count, or 0 when out of memory. */
static unsigned pset_add(struct pset *s, const void *p)
{
	size_t i;

	if ((s->nr + 1) * 2 > s->cap) {
		struct pset n = { NULL, NULL, s->cap ? s->cap * 2 : 64, 0 };

		n.slot = calloc(n.cap, sizeof(*n.slot));
		n.count = calloc(n.cap, sizeof(*n.count));
		if (!n.slot || !n.count) {
			free(n.slot);
			free(n.count);
			return 0;
		}
		for (size_t k = 0; k < s->cap; k++) {
			if (!s->slot[k])
				continue;
			i = phash(s->slot[k], n.cap);
			while (n.slot[i])
				i = (i + 1) & (n.cap - 1);
			n.slot[i] = s->slot[k];
			n.count[i] = s->count[k];
			n.nr++;
		}
		free(s->slot);
		free(s->count);
		*s = n;
	}
	i = phash(p, s->cap);
	while (s->slot[i] && s->slot[i] != p)
		i = (i + 1) & (s->cap - 1);
	if (!s->slot[i]) {
		s->slot[i] = p;
		s->nr++;
	}
	return ++s->count[i];
}

static unsigned pset_get(const struct pset *s, const void *p)
{
	size_t i;

	if (!s->cap)
		return 0;
	i = phash(p, s->cap);
	while (s->slot[i] && s->slot[i] != p)
		i = (i + 1) & (s->cap - 1);
	return s->slot[i] ? s->count[i] : 0;
}

static void pset_release(struct pset *s)
{
	free(s->slot);
	free(s->count);
	memset(s, 0, sizeof(*s));
}

static void walk(struct fix_ctx *fc, const struct floe_node *n, size_t parent,
		 unsigned depth)
{
	unsigned seen;

	if (!n || fc->err || depth > FLOE_YAML_MAX_DEPTH + 2)
		return;
	seen = pset_add(&fc->reach, n);
	if (!seen) {
		fc->err = FLOE_ERR_NOMEM;
		return;
	}
	if (seen > 1)
		return;		/* an alias: walked where it is written */
	if (n->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < n->nr; i++)
			walk(fc, n->items[i], parent, depth + 1);
		return;
	}
	if (n->kind != FLOE_NODE_MAP)
		return;
	for (size_t i = 0; i < n->nr; i++) {
		const struct floe_pair *p = &n->pairs[i];
		struct fent *e;

		if (floe_pair_merged(n, p)) {
			if (!pset_add(&fc->merged, p->key))
				fc->err = FLOE_ERR_NOMEM;
			continue;
		}
		if (ALLOC_GROW(fc->ent, fc->nr_ent + 1, fc->alloc_ent)) {
			fc->err = FLOE_ERR_NOMEM;
			return;
		}
		e = &fc->ent[fc->nr_ent++];
		e->key = p->key;
		e->value = p->value;
		e->map = n;
		e->parent = parent;
		/* keys are scalars: count them as met, for pset_get */
		if (!pset_add(&fc->reach, p->key)) {
			fc->err = FLOE_ERR_NOMEM;
			return;
		}
		walk(fc, p->value, fc->nr_ent - 1, depth + 1);
	}
}

static int pos_cmp(struct floe_pos a, struct floe_pos b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.column != b.column)
		return a.column < b.column ? -1 : 1;
	return 0;
}

static int fpos_cmp(const void *a, const void *b)
{
	const struct fpos *x = a, *y = b;
	int c = pos_cmp(x->pos, y->pos);

	if (c)
		return c;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

static int index_tree(struct fix_ctx *fc, const struct floe_node *root)
{
	walk(fc, root, SIZE_MAX, 0);
	if (fc->err)
		return -1;
	if (!fc->nr_ent)
		return 0;
	fc->pos = calloc(fc->nr_ent * 2, sizeof(*fc->pos));
	if (!fc->pos) {
		fc->err = FLOE_ERR_NOMEM;
		return -1;
	}
	for (size_t i = 0; i < fc->nr_ent; i++) {
		fc->pos[fc->nr_pos++] = (struct fpos){
			floe_node_start(fc->ent[i].key), i, true };
		fc->pos[fc->nr_pos++] = (struct fpos){
			floe_node_start(fc->ent[i].value), i, false };
	}
	qsort(fc->pos, fc->nr_pos, sizeof(*fc->pos), fpos_cmp);
	return 0;
}

/*
 * The entry whose key (is_key) or value starts at p; NULL when there is
 * none, or when more than one entry's value is there (an alias).
 */
static const struct fent *find_at(const struct fix_ctx *fc,
				  struct floe_pos p, bool is_key)
{
	const struct fent *found = NULL;
	size_t lo = 0, hi = fc->nr_pos;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pos_cmp(fc->pos[mid].pos, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < fc->nr_pos && !pos_cmp(fc->pos[lo].pos, p); lo++) {
		if (fc->pos[lo].is_key != is_key)
			continue;
		if (found)
			return NULL;
		found = &fc->ent[fc->pos[lo].ent];
	}
	return found;
}

static const struct fent *parent_of(const struct fix_ctx *fc,
				    const struct fent *e)
{
	return e && e->parent != SIZE_MAX ? &fc->ent[e->parent] : NULL;
}

/* The entry of `key` (any case) written in map, or NULL. */
static const struct fent *entry_in(const struct fix_ctx *fc,
				   const struct floe_node *map, const char *key)
{
	for (size_t i = 0; i < fc->nr_ent; i++)
		if (fc->ent[i].map == map &&
		    floe_node_is_str(fc->ent[i].key) &&
		    !strcasecmp(fc->ent[i].key->value, key))
			return &fc->ent[i];
	return NULL;
}

/* A node met once, and not copied anywhere by `<<`. */
static bool single(const struct fix_ctx *fc, const struct floe_node *n)
{
	return pset_get(&fc->reach, n) == 1 && !pset_get(&fc->merged, n);
}

/*
 * A mapping met once, none of whose pairs `<<` copies into another: a
 * line added to it, or taken out, changes nothing else.
 */
static bool map_single(const struct fix_ctx *fc, const struct floe_node *map)
{
	if (!map || !single(fc, map))
		return false;
	for (size_t i = 0; i < map->nr; i++)
		if (pset_get(&fc->merged, map->pairs[i].key))
			return false;
	return true;
}

/* ---- scalars: how they are written ---- */

static bool has_jinja(const char *s)
{
	return strstr(s, "{{") || strstr(s, "{%") || strstr(s, "{#");
}

/* Can s be written as a plain scalar that reads back as the string s? */
static bool plain_ok(const char *s, size_t n)
{
	if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':' ||
	    strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F || strchr(",[]{}", c) ||
		    (c == ':' && i + 1 < n && s[i + 1] == ' ') ||
		    (c == '#' && s[i - 1 + (i == 0)] == ' '))
			return false;
	}
	return floe_yaml_resolve(s, n) == FLOE_TYPE_STR;
}

/* s written as a scalar in style st (plain falls back to single). */
static int repr(struct strbuf *sb, const char *s, size_t n,
		enum floe_style st)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return -1;	/* never across lines */
	if (st == FLOE_STYLE_PLAIN && plain_ok(s, n))
		return strbuf_add(sb, s, n);
	if (st == FLOE_STYLE_DOUBLE) {
		strbuf_addch(sb, '"');
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"' || s[i] == '\\')
				strbuf_addch(sb, '\\');
			strbuf_addch(sb, s[i]);
		}
		return strbuf_addch(sb, '"');
	}
	strbuf_addch(sb, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			strbuf_addch(sb, '\'');
		strbuf_addch(sb, s[i]);
	}
	return strbuf_addch(sb, '\'');
}

/*
 * The byte range of a scalar written on one line, exactly as the tree
 * reads it (no anchor, tag, escape or fold): 0 and [*start, *end), or
 * -1.
 */
static int scalar_at(struct fix_ctx *fc, const struct floe_node *n,
		     size_t *start, size_t *end)
{
	struct strbuf sb = STRBUF_INIT;
	struct floe_pos from, to;
	size_t s, e;
	int ok;

	if (!n || n->kind != FLOE_NODE_SCALAR)
		return -1;
	floe_node_span(n, &from, &to);
	if (from.line != to.line || strlen(n->value) != n->len)
		return -1;
	if (n->style != FLOE_STYLE_PLAIN && n->style != FLOE_STYLE_SINGLE &&
	    n->style != FLOE_STYLE_DOUBLE)
		return -1;
	s = off_of(&fc->text, from);
	e = off_of(&fc->text, to);
	if (s == SIZE_MAX || e == SIZE_MAX || e < s)
		return -1;
	if (n->style == FLOE_STYLE_PLAIN) {
		ok = e - s == n->len && !memcmp(fc->text.buf + s, n->value,
						n->len);
	} else {
		if (repr(&sb, n->value, n->len, n->style) ||
		    strbuf_error(&sb)) {
			if (strbuf_error(&sb))	/* not "cannot be fixed" */
				fc->err = FLOE_ERR_NOMEM;
			strbuf_release(&sb);
			return -1;
		}
		ok = sb.len == e - s && !memcmp(fc->text.buf + s, sb.buf,
						sb.len);
		strbuf_release(&sb);
	}
	if (!ok)
		return -1;
	*start = s;
	*end = e;
	return 0;
}

/*
 * The lines of a pair written as `key: value` on one line of its own
 * (blanks before the key, a comment after the value): 0 and the range
 * [*ls, *le) of that line, break included; -1 otherwise.  *ke is where
 * the value's text ends.
 */
static int pair_line(struct fix_ctx *fc, const struct fent *e, size_t *ls,
		     size_t *le, size_t *ke)
{
	size_t ks, kend, vs, vend;

	if (scalar_at(fc, e->key, &ks, &kend) ||
	    scalar_at(fc, e->value, &vs, &vend) ||
	    floe_node_start(e->key).line != floe_node_start(e->value).line ||
	    vs < kend)
		return -1;
	for (size_t i = kend; i < vs; i++)
		if (fc->text.buf[i] != ' ' && fc->text.buf[i] != ':')
			return -1;	/* an anchor, a tag, ... */
	if (!blank_before(&fc->text, ks))
		return -1;
	*le = rest_blank(&fc->text, vend);
	if (*le == SIZE_MAX)
		return -1;
	*ls = line_start(&fc->text, ks);
	*ke = line_end(&fc->text, vend);
	return 0;
}

/* ---- building a fix ---- */

static struct floe_fix *fix_new(struct fix_ctx *fc, enum floe_fix_safety s)
{
	struct floe_fix *f = calloc(1, sizeof(*f));

	if (!f)
		fc->err = FLOE_ERR_NOMEM;
	else
		f->safety = s;
	return f;
}

static void edit(struct fix_ctx *fc, struct floe_fix *f, size_t start,
		 size_t end, const char *text, size_t len)
{
	struct floe_edit *ed;
	char *copy;

	if (fc->err)
		return;
	copy = malloc(len + 1);
	if (!copy || ALLOC_GROW(f->edits, f->nr + 1, f->alloc)) {
		free(copy);
		fc->err = FLOE_ERR_NOMEM;
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	ed = &f->edits[f->nr++];
	ed->start = start;
	ed->end = end;
	ed->from = pos_of(&fc->text, start);
	ed->to = pos_of(&fc->text, end);
	ed->text = copy;
	ed->len = len;
}

static void edit_sb(struct fix_ctx *fc, struct floe_fix *f, size_t start,
		    size_t end, struct strbuf *sb)
{
	if (strbuf_error(sb))
		fc->err = FLOE_ERR_NOMEM;
	else
		edit(fc, f, start, end, sb->buf ? sb->buf : "", sb->len);
	strbuf_release(sb);
}

static void describe(struct fix_ctx *fc, struct floe_fix *f,
		     const char *fmt, ...) FLOE_PRINTF(3, 4);
static void describe(struct fix_ctx *fc, struct floe_fix *f,
		     const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	f->message = strbuf_detach(&sb, NULL);
	if (!f->message)
		fc->err = FLOE_ERR_NOMEM;
}

/* Replace a scalar, written as the tree reads it, by s in its style. */
static struct floe_fix *replace_scalar(struct fix_ctx *fc,
				       const struct floe_node *n,
				       const char *s, size_t len,
				       enum floe_fix_safety safety)
{
	struct strbuf sb = STRBUF_INIT;
	struct floe_fix *f;
	size_t start, end;

	if (scalar_at(fc, n, &start, &end) || repr(&sb, s, len, n->style)) {
		if (strbuf_error(&sb))	/* not "cannot be fixed" */
			fc->err = FLOE_ERR_NOMEM;
		strbuf_release(&sb);
		return NULL;
	}
	f = fix_new(fc, safety);
	if (f)
		edit_sb(fc, f, start, end, &sb);
	else
		strbuf_release(&sb);
	return f;
}

/* ---- moving a pair from one mapping to another ---- */

/*
 * Where a line goes at the end of the mapping `map` (written in block
 * style, each pair on its own line): the offset after its last pair's
 * line, and the indentation of its keys.  -1 when the mapping is not
 * written so.
 */
static int map_tail(struct fix_ctx *fc, const struct floe_node *map,
		    size_t *at, unsigned *indent)
{
	const struct fent *first = NULL, *last = NULL;
	size_t ls, le, ke, fs;

	if (!map || map->kind != FLOE_NODE_MAP || !map_single(fc, map))
		return -1;
	for (size_t i = 0; i < fc->nr_ent; i++) {
		const struct fent *e = &fc->ent[i];

		if (e->map != map)
			continue;
		if (!first || pos_cmp(floe_node_start(e->key),
				      floe_node_start(first->key)) < 0)
			first = e;
		if (!last || pos_cmp(floe_node_start(e->key),
				     floe_node_start(last->key)) > 0)
			last = e;
	}
	if (!first || pair_line(fc, last, &ls, &le, &ke))
		return -1;
	/* the first key's column: a `- ` before it is indentation too */
	fs = off_of(&fc->text, floe_node_start(first->key));
	if (fs == SIZE_MAX)
		return -1;
	for (size_t i = line_start(&fc->text, fs); i < fs; i++)
		if (fc->text.buf[i] != ' ' && (fc->text.buf[i] != '-' ||
		    i + 1 >= fs || fc->text.buf[i + 1] != ' '))
			return -1;	/* a flow mapping, ... */
	*at = le;
	*indent = floe_node_start(first->key).column - 1;
	return 0;
}

static void add_indent(struct strbuf *sb, unsigned n)
{
	while (n--)
		strbuf_addch(sb, ' ');
}

/* The text of a pair's line, from its key to its end (comment kept). */
static void add_pair_text(struct fix_ctx *fc, struct strbuf *sb,
			  const struct fent *e, size_t ke)
{
	size_t ks = off_of(&fc->text, floe_node_start(e->key));

	strbuf_add(sb, fc->text.buf + ks, ke - ks);
}

/* A line break like the file's own (its first), for inserted lines. */
static const char *eol_of(const struct ftext *t)
{
	for (size_t i = 0; i < t->len; i++) {
		size_t b = brk_len(t->buf, t->len, i);

		if (b)
			return b == 2 && t->buf[i] == '\r' ? "\r\n" : "\n";
	}
	return "\n";
}

/*
 * Insert a line at `at` (a line start, or the end of a text whose last
 * line has no break).
 */
static void insert_line(struct fix_ctx *fc, struct floe_fix *f, size_t at,
			struct strbuf *line)
{
	struct strbuf sb = STRBUF_INIT;
	const char *eol = eol_of(&fc->text);
	const struct ftext *t = &fc->text;

	if (at == t->len && t->line[t->nr - 1] != t->len) {
		/* the last line has no break: the new one comes after it */
		strbuf_adds(&sb, eol);
		strbuf_addbuf(&sb, line);
	} else {
		strbuf_addbuf(&sb, line);
		strbuf_adds(&sb, eol);
	}
	strbuf_release(line);
	edit_sb(fc, f, at, at, &sb);
}

/*
 * Delete the line of pair e; when it is the only pair of its mapping,
 * and the mapping's key line holds only that key, delete that line too.
 */
static void delete_pair(struct fix_ctx *fc, struct floe_fix *f,
			const struct fent *e, size_t ls, size_t le)
{
	const struct fent *pe = parent_of(fc, e);
	size_t pls, ple, pke, ks;

	if (pe && e->map->nr == 1 && pe->value == e->map &&
	    !scalar_at(fc, pe->key, &ks, &pke) && blank_before(&fc->text, ks)) {
		size_t i = pke;

		while (i < fc->text.len && (fc->text.buf[i] == ' ' ||
					    fc->text.buf[i] == ':'))
			i++;
		ple = line_end(&fc->text, i);
		pls = line_start(&fc->text, ks);
		if (i == ple && ple + brk_len(fc->text.buf, fc->text.len,
					      ple) == ls) {
			edit(fc, f, pls, le, "", 0);
			return;
		}
	}
	edit(fc, f, ls, le, "", 0);
}

/* Are the two values written the same? */
static bool same_text(struct fix_ctx *fc, const struct floe_node *a,
		      const struct floe_node *b)
{
	size_t as, ae, bs, be;

	return !scalar_at(fc, a, &as, &ae) && !scalar_at(fc, b, &bs, &be) &&
	       ae - as == be - bs &&
	       !memcmp(fc->text.buf + as, fc->text.buf + bs, ae - as);
}

/*
 * Move pair e into the mapping that `dest` names in `owner` (a mapping),
 * creating it when absent: before `before` (an entry of owner, its line
 * start) or at the end of owner when before is NULL.
 */
static struct floe_fix *move_pair(struct fix_ctx *fc, const struct fent *e,
				  const struct floe_node *owner,
				  const char *dest, const struct fent *before,
				  enum floe_fix_safety safety)
{
	const struct fent *de = entry_in(fc, owner, dest);
	struct strbuf line = STRBUF_INIT;
	struct floe_fix *f;
	size_t ls, le, ke, at;
	unsigned indent;

	if (!single(fc, e->key) || !map_single(fc, e->map) ||
	    pair_line(fc, e, &ls, &le, &ke))
		return NULL;
	if (de) {
		const struct fent *dup;

		if (!de->value || de->value->kind != FLOE_NODE_MAP ||
		    map_tail(fc, de->value, &at, &indent))
			return NULL;
		dup = entry_in(fc, de->value, e->key->value);
		if (dup || lint_get_ci(de->value, e->key->value)) {
			/* already there: the same value makes this a copy */
			if (!dup || !same_text(fc, dup->value, e->value))
				return NULL;
			f = fix_new(fc, safety);
			if (!f)
				return NULL;
			delete_pair(fc, f, e, ls, le);
			describe(fc, f, "delete '%s', already in %s",
				 e->key->value, dest);
			return f;
		}
		f = fix_new(fc, safety);
		if (!f)
			return NULL;
		add_indent(&line, indent);
		add_pair_text(fc, &line, e, ke);
		insert_line(fc, f, at, &line);
		delete_pair(fc, f, e, ls, le);
		describe(fc, f, "move '%s' to %s", e->key->value, dest);
		return f;
	}
	if (lint_get_ci(owner, dest))
		return NULL;	/* there, through a merge */
	/* a new mapping, as indented as its siblings */
	{
		unsigned oindent, child = floe_node_start(e->key).column - 1;
		struct strbuf head = STRBUF_INIT;

		if (before) {
			size_t bs = off_of(&fc->text,
					   floe_node_start(before->key));

			if (bs == SIZE_MAX || !blank_before(&fc->text, bs))
				return NULL;
			at = line_start(&fc->text, bs);
			oindent = floe_node_start(before->key).column - 1;
		} else if (map_tail(fc, owner, &at, &oindent)) {
			return NULL;
		}
		if (child <= oindent)
			child = oindent + 2;
		f = fix_new(fc, safety);
		if (!f)
			return NULL;
		add_indent(&head, oindent);
		strbuf_addf(&head, "%s:%s", dest, eol_of(&fc->text));
		add_indent(&head, child);
		add_pair_text(fc, &head, e, ke);
		if (at == le) {
			/* after the moved line itself: one edit */
			strbuf_adds(&head, eol_of(&fc->text));
			edit_sb(fc, f, ls, le, &head);
		} else {
			insert_line(fc, f, at, &head);
			delete_pair(fc, f, e, ls, le);
		}
		describe(fc, f, "move '%s' to a new %s", e->key->value, dest);
		return f;
	}
}

/* ---- the fixers ---- */

typedef struct floe_fix *fixer_fn(struct fix_ctx *fc,
				  const struct floe_diag *g);

/* The `settings` entry of an output and the pair e in it. */
static const struct fent *settings_entry(struct fix_ctx *fc,
					 const struct floe_diag *g,
					 const char *section)
{
	const struct fent *e = find_at(fc, g->loc.start, true);
	const struct fent *pe = parent_of(fc, e);

	if (!e || !pe || !floe_node_is_str(pe->key) ||
	    strcmp(pe->key->value, section) || pe->value != e->map ||
	    !floe_node_is_str(e->key))
		return NULL;
	return e;
}

/* FP101-FP103: a setting that must be set when the database starts. */
static struct floe_fix *fix_setting(struct fix_ctx *fc,
				    const struct floe_diag *g)
{
	const struct fent *e = settings_entry(fc, g, "settings");
	const struct fent *pe = parent_of(fc, e);
	const char *v;

	if (!e)
		return NULL;
	/* read_only in memory fails in config_options too: no move */
	if (!strcasecmp(e->key->value, "access_mode") &&
	    lint_open_refusal(fc->lint, pe->map, e->value))
		return NULL;
	/* true is allow_persistent_secrets' default: the line can go */
	v = lint_render(fc->lint, e->value);
	if (!strcasecmp(e->key->value, "allow_persistent_secrets") &&
	    e->value->kind == FLOE_NODE_SCALAR &&
	    ((e->value->type == FLOE_TYPE_BOOL && floe_node_true(e->value)) ||
	     fe_duckdb_bool(v) == 1)) {
		size_t ls, le, ke;
		struct floe_fix *f;

		if (!single(fc, e->key) || !map_single(fc, e->map) ||
		    pair_line(fc, e, &ls, &le, &ke))
			return NULL;
		f = fix_new(fc, FLOE_FIX_SAFE);
		if (!f)
			return NULL;
		delete_pair(fc, f, e, ls, le);
		describe(fc, f, "delete '%s: %.*s' (DuckDB's default)",
			 e->key->value, 16, e->value->value);
		return f;
	}
	/* the only setting: `settings:` becomes `config_options:` */
	if (e->map->nr == 1 && !entry_in(fc, pe->map, "config_options") &&
	    !lint_get_ci(pe->map, "config_options") &&
	    map_single(fc, e->map) && single(fc, pe->key)) {
		size_t ks, ke, ls, le, vke;

		if (!scalar_at(fc, pe->key, &ks, &ke) &&
		    pe->key->style == FLOE_STYLE_PLAIN &&
		    !pair_line(fc, e, &ls, &le, &vke)) {
			struct floe_fix *f = fix_new(fc, FLOE_FIX_SAFE);

			if (!f)
				return NULL;
			edit(fc, f, ks, ke, "config_options", 14);
			describe(fc, f, "move '%s' to config_options",
				 e->key->value);
			return f;
		}
	}
	return move_pair(fc, e, pe->map, "config_options", pe, FLOE_FIX_SAFE);
}

/* FP104: allow_persistent_secrets: true in config_options. */
static struct floe_fix *fix_redundant(struct fix_ctx *fc,
				      const struct floe_diag *g)
{
	const struct fent *e = settings_entry(fc, g, "config_options");
	struct floe_fix *f;
	size_t ls, le, ke;

	if (!e || !single(fc, e->key) || !map_single(fc, e->map) ||
	    pair_line(fc, e, &ls, &le, &ke))
		return NULL;
	f = fix_new(fc, FLOE_FIX_SAFE);
	if (!f)
		return NULL;
	delete_pair(fc, f, e, ls, le);
	describe(fc, f, "delete '%s' (DuckDB's default)", e->key->value);
	return f;
}

/*
 * An endpoint without what the extension appends itself: the rest
 * routes (/v1, /v1/config, [/v1]/oauth/tokens) and trailing slashes
 * cut.  The length to keep, or 0 when it is not a URL.
 */
static size_t endpoint_base(const char *s)
{
	struct url u;
	size_t off, n, base;

	if (url_parse(s, &u) || !u.has_scheme)
		return 0;
	off = (size_t)(u.path - s);
	n = url_path_trimmed(&u);
	base = n;
	for (size_t i = 0; i + 13 <= n; i++)
		if (!memcmp(u.path + i, "/oauth/tokens", 13)) {
			base = i >= 3 && !memcmp(u.path + i - 3, "/v1", 3)
			       ? i - 3 : i;
			n = 0;
			break;
		}
	if (n && url_path_ends_with(&u, "/v1/config"))
		base = n - 10;
	else if (n && url_path_ends_with(&u, "/v1"))
		base = n - 3;
	while (base && u.path[base - 1] == '/')
		base--;
	if (u.has_query && base == url_path_trimmed(&u))
		return 0;	/* a query after the path: leave it be */
	return off + base;
}

/* The value entry of a URL finding, written as a literal here. */
static const struct fent *url_entry(struct fix_ctx *fc,
				    const struct floe_diag *g)
{
	const struct fent *e = find_at(fc, g->loc.start, false);

	if (!e || !single(fc, e->value) || !floe_node_is_str(e->value) ||
	    has_jinja(e->value->value))
		return NULL;
	return e;
}

/* FP203, FP204: the endpoint's rest route or trailing '/'. */
static struct floe_fix *fix_endpoint(struct fix_ctx *fc,
				     const struct floe_diag *g)
{
	const struct fent *e = url_entry(fc, g);
	struct floe_fix *f;
	size_t keep;

	if (!e || !(keep = endpoint_base(e->value->value)) ||
	    keep >= e->value->len)
		return NULL;
	f = replace_scalar(fc, e->value, e->value->value, keep,
			   FLOE_FIX_SAFE);
	if (f)
		describe(fc, f, "remove '%s' from the endpoint",
			 e->value->value + keep);
	return f;
}

/* The token URI derived from the endpoint of the same mapping. */
static char *derived_token_uri(struct fix_ctx *fc,
			       const struct floe_node *map)
{
	const struct fent *ep = entry_in(fc, map, "endpoint");
	struct strbuf sb = STRBUF_INIT;
	size_t keep;

	if (!ep || !floe_node_is_str(ep->value) ||
	    has_jinja(ep->value->value) ||
	    !(keep = endpoint_base(ep->value->value)))
		return NULL;
	strbuf_add(&sb, ep->value->value, keep);
	strbuf_adds(&sb, "/v1/oauth/tokens");
	return strbuf_detach(&sb, NULL);
}

/* FP201 (same host: safe), FP202 (another host: unsafe). */
static struct floe_fix *fix_token_uri(struct fix_ctx *fc,
				      const struct floe_diag *g)
{
	const struct fent *e = url_entry(fc, g);
	struct floe_fix *f;
	char *uri;

	if (!e || !(uri = derived_token_uri(fc, e->map)))
		return NULL;
	if (!strcmp(uri, e->value->value)) {
		free(uri);
		return NULL;
	}
	f = replace_scalar(fc, e->value, uri, strlen(uri),
			   g->rule == FLOE_FP202 ? FLOE_FIX_UNSAFE
						 : FLOE_FIX_SAFE);
	if (f)
		describe(fc, f, "derive the token URI from the endpoint");
	free(uri);
	return f;
}

/* FP209: no oauth2_server_uri; write the one the extension derives. */
static struct floe_fix *fix_token_uri_missing(struct fix_ctx *fc,
					      const struct floe_diag *g)
{
	const struct fent *e = url_entry(fc, g);
	struct strbuf line = STRBUF_INIT;
	struct floe_fix *f;
	size_t ls, le;
	char *uri;
	bool upper = false;

	if (!e || !floe_node_is_str(e->key) ||
	    strcasecmp(e->key->value, "endpoint") ||
	    lint_get_ci(e->map, "oauth2_server_uri") ||
	    scalar_at(fc, e->value, &ls, &le))
		return NULL;
	{
		/* not pair_line: `- endpoint: ...` opens an item */
		size_t ks = off_of(&fc->text, floe_node_start(e->key));

		if (ks == SIZE_MAX || floe_node_start(e->key).line !=
				      floe_node_end(e->value).line)
			return NULL;
		le = rest_blank(&fc->text, le);
		if (le == SIZE_MAX)
			return NULL;
		for (size_t i = line_start(&fc->text, ks); i < ks; i++)
			if (fc->text.buf[i] != ' ' && fc->text.buf[i] != '-')
				return NULL;
	}
	uri = derived_token_uri(fc, e->map);
	if (!uri)
		return NULL;
	for (const char *p = uri; *p; p++)
		upper |= *p >= 'A' && *p <= 'Z';
	f = fix_new(fc, upper ? FLOE_FIX_UNSAFE : FLOE_FIX_SAFE);
	if (f) {
		add_indent(&line, floe_node_start(e->key).column - 1);
		strbuf_adds(&line, "oauth2_server_uri: ");
		repr(&line, uri, strlen(uri), e->value->style);
		insert_line(fc, f, le, &line);
		describe(fc, f, "add oauth2_server_uri: %s", uri);
	}
	free(uri);
	return f;
}

/* FP301: an iceberg option written on the attach item. */
static struct floe_fix *fix_under_options(struct fix_ctx *fc,
					  const struct floe_diag *g)
{
	const struct fent *e = find_at(fc, g->loc.start, true);

	if (!e || !floe_node_is_str(e->key) ||
	    !fe_iceberg_option_find(e->key->value, FE_ANY) ||
	    !strcasecmp(e->key->value, "type") ||
	    !strcasecmp(e->key->value, "secret"))
		return NULL;
	return move_pair(fc, e, e->map, "options", NULL, FLOE_FIX_SAFE);
}

/* FP302: a YAML false dbt-duckdb drops: quote it. */
static struct floe_fix *fix_quote_false(struct fix_ctx *fc,
					const struct floe_diag *g)
{
	const struct fent *e = find_at(fc, g->loc.start, false);
	struct floe_fix *f;
	size_t s, end;

	if (!e || !single(fc, e->value) || e->value->type != FLOE_TYPE_BOOL ||
	    e->value->style != FLOE_STYLE_PLAIN ||
	    scalar_at(fc, e->value, &s, &end))
		return NULL;
	f = fix_new(fc, FLOE_FIX_SAFE);
	if (!f)
		return NULL;
	edit(fc, f, s, end, "'false'", 7);
	describe(fc, f, "quote it: 'false'");
	return f;
}

/*
 * FP305: an option name the extension does not know.  An option DuckDB
 * renamed for the release linted for (support_stage_create became
 * stage_create_tables in 1.5.4, with no alias) takes the release's name:
 * safe.  A misspelt one takes the one name the rule suggests: a guess,
 * unsafe.  An option of another release only, nothing.
 */
static struct floe_fix *fix_option_name(struct fix_ctx *fc,
					const struct floe_diag *g)
{
	const struct fent *e = find_at(fc, g->loc.start, true);
	const struct fe_option_rename *rn;
	unsigned v = fc->lint->duckdb_version, first, last;
	char low[64], ver[FE_VERSION_BUF];
	const char *to;
	struct floe_fix *f;
	size_t n;

	if (!e || !floe_node_is_str(e->key) || !single(fc, e->key) ||
	    (n = e->key->len) >= sizeof(low))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(e->key->value[i] >= 'A' &&
				e->key->value[i] <= 'Z'
				? e->key->value[i] + 32 : e->key->value[i]);
	if ((rn = fe_iceberg_option_renamed(low, v)) ||
	    (rn = fe_iceberg_option_former(low, v))) {
		to = !strcmp(rn->from, low) ? rn->to : rn->from;
		if (lint_get_ci(e->map, to))
			return NULL;
		f = replace_scalar(fc, e->key, to, strlen(to), FLOE_FIX_SAFE);
		if (f)
			describe(fc, f, "rename '%s' to '%s', its name on DuckDB "
				 "%s", e->key->value, to,
				 fe_version_str(v, ver));
		return f;
	}
	if (fe_iceberg_option_span(low, &first, &last))
		return NULL;	/* an option of another release: remove it */
	to = lint_did_you_mean(low, fe_iceberg_option_names());
	/* a secret under a misspelt key: its value would show in --diff */
	if (!to || !fe_iceberg_option_find(to, v) || lint_get_ci(e->map, to) ||
	    floe_secret_key(to))
		return NULL;
	f = replace_scalar(fc, e->key, to, strlen(to), FLOE_FIX_UNSAFE);
	if (f)
		describe(fc, f, "rename '%s' to '%s' (a guess)",
			 e->key->value, to);
	return f;
}

/*
 * FP003 (and FP001 when its line has one): `key: {{ ... }}` read as a
 * flow mapping, or not read at all when the call has a default; the
 * file did not parse, so this one works on the line: the value from its
 * '{{' to where a comment starts outside every {{ }} (the comment kept
 * as a comment, whatever {{ }} it holds) is quoted.
 */
static struct floe_fix *fix_quote_jinja(struct fix_ctx *fc,
					const struct floe_diag *g)
{
	const struct ftext *t = &fc->text;
	size_t at = off_of(t, g->loc.start), ls, le, s, e, last = SIZE_MAX;
	struct strbuf sb = STRBUF_INIT;
	struct floe_fix *f;
	bool dq = false, sq = false;

	if (at == SIZE_MAX)
		return NULL;
	ls = line_start(t, at);
	le = line_end(t, at);
	/* the value's '{{': after "key: " or "- ", before the position */
	for (s = ls; s + 1 < le; s++)
		if (t->buf[s] == '{' && t->buf[s + 1] == '{' && s > ls &&
		    t->buf[s - 1] == ' ')
			break;
	if (s + 1 >= le || s > at)
		return NULL;
	{
		size_t p = s;

		while (p > ls && t->buf[p - 1] == ' ')
			p--;
		if (p == ls || (t->buf[p - 1] != ':' && t->buf[p - 1] != '-'))
			return NULL;
		/* nothing that opens a flow collection before the value */
		for (size_t i = ls; i < p; i++)
			if (strchr("{}[]\"'#&*!|>", t->buf[i]))
				return NULL;
	}
	/*
	 * The value ends where a comment starts: a '#' after a blank,
	 * outside every {{ }} (one inside a Jinja string, 'a #b', is the
	 * value's; one after the last '}}' is a comment, whatever {{ it
	 * holds).  An unclosed {{ is left alone.
	 */
	{
		unsigned depth = 0;

		for (e = s; e < le;) {
			if (t->buf[e] == '{' && e + 1 < le &&
			    t->buf[e + 1] == '{') {
				depth++;
				e += 2;
			} else if (depth && t->buf[e] == '}' && e + 1 < le &&
				   t->buf[e + 1] == '}') {
				depth--;
				last = e += 2;
			} else if (!depth && t->buf[e] == '#' &&
				   (t->buf[e - 1] == ' ' ||
				    t->buf[e - 1] == '\t')) {
				break;
			} else {
				e++;
			}
		}
		if (depth || last == SIZE_MAX)
			return NULL;
	}
	while (e > last && (t->buf[e - 1] == ' ' || t->buf[e - 1] == '\t'))
		e--;
	for (size_t i = s; i < e; i++) {
		unsigned char c = (unsigned char)t->buf[i];

		/* no quotes make a control character readable, and a NUL
		 * would end the edit's text early (fuzz finding 4,
		 * tests/fuzz/regressions/fix-quote-control-char); a tab is
		 * fine in quotes, unlike repr()'s single-line values */
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return NULL;
		dq |= c == '"' || c == '\\';
		sq |= c == '\'';
	}
	if (dq && sq)
		return NULL;
	strbuf_addch(&sb, dq ? '\'' : '"');
	strbuf_add(&sb, t->buf + s, e - s);
	strbuf_addch(&sb, dq ? '\'' : '"');
	f = fix_new(fc, FLOE_FIX_SAFE);
	if (!f) {
		strbuf_release(&sb);
		return NULL;
	}
	edit_sb(fc, f, s, e, &sb);
	describe(fc, f, "quote the value");
	return f;
}

/*
 * A row per rule that has a fix, found by a walk: not indexed by rule,
 * whose rows without a fix are words the loader would step over at
 * every start to relocate the fixers (docs/DESIGN.md "Start-up").
 */
struct fix_row {
	enum floe_rule_id rule;
	enum floe_fix_safety safety;	/* in general; see floe/fix.h */
	bool text_only;			/* works on a file that did not parse */
	fixer_fn *fn;
};

static const struct fix_row fix_table[] = {
	/* an unquoted '{{ env_var('X', 'd') }}' is a syntax error, FP001 */
	{ FLOE_FP001, FLOE_FIX_SAFE, true, fix_quote_jinja },
	{ FLOE_FP003, FLOE_FIX_SAFE, true, fix_quote_jinja },
	{ FLOE_FP101, FLOE_FIX_SAFE, false, fix_setting },
	{ FLOE_FP102, FLOE_FIX_SAFE, false, fix_setting },
	{ FLOE_FP103, FLOE_FIX_SAFE, false, fix_setting },
	{ FLOE_FP104, FLOE_FIX_SAFE, false, fix_redundant },
	{ FLOE_FP201, FLOE_FIX_SAFE, false, fix_token_uri },
	{ FLOE_FP202, FLOE_FIX_UNSAFE, false, fix_token_uri },
	{ FLOE_FP203, FLOE_FIX_SAFE, false, fix_endpoint },
	{ FLOE_FP204, FLOE_FIX_SAFE, false, fix_endpoint },
	{ FLOE_FP209, FLOE_FIX_SAFE, false, fix_token_uri_missing },
	{ FLOE_FP301, FLOE_FIX_SAFE, false, fix_under_options },
	{ FLOE_FP302, FLOE_FIX_SAFE, false, fix_quote_false },
	{ FLOE_FP305, FLOE_FIX_UNSAFE, false, fix_option_name },
};

static const struct fix_row *fix_row(enum floe_rule_id id)
{
	for (size_t i = 0; i < sizeof(fix_table) / sizeof(fix_table[0]); i++)
		if (fix_table[i].rule == id)
			return &fix_table[i];
	return NULL;
}

bool floe_rule_fixable(enum floe_rule_id id, enum floe_fix_safety *safety)
{
	const struct fix_row *row = fix_row(id);

	if (!row)
		return false;
	if (safety)
		*safety = row->safety;
	return true;
}

static int edit_cmp(const void *a, const void *b)
{
	const struct floe_edit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* an insertion goes before a replacement that starts there */
	return (x->end > x->start) - (y->end > y->start);
}

/* Edits sorted, not overlapping, inside the text; else drop the fix. */
static bool fix_sane(const struct floe_fix *f, size_t len)
{
	if (!f->nr || !f->message)
		return false;
	qsort(f->edits, f->nr, sizeof(*f->edits), edit_cmp);
	for (size_t i = 0; i < f->nr; i++) {
		if (f->edits[i].start > f->edits[i].end ||
		    f->edits[i].end > len)
			return false;
		if (i && f->edits[i].start < f->edits[i - 1].end)
			return false;
		if (i && f->edits[i].start == f->edits[i - 1].start &&
		    f->edits[i].start == f->edits[i].end)
			return false;
	}
	return true;
}

/*
 * Would the new text show a secret value?  Each edit is read in its
 * lines, as the masker reads a file: "client_secret: " before an
 * inserted value makes it a secret.  -1: out of memory.
 */
static int fix_secret(struct fix_ctx *fc, struct floe_fix *f)
{
	const struct ftext *t = &fc->text;

	for (size_t i = 0; i < f->nr; i++) {
		const struct floe_edit *e = &f->edits[i];
		struct strbuf line = STRBUF_INIT, sb = STRBUF_INIT;
		size_t ls = line_start(t, e->start), le = line_end(t, e->end);
		int diff;

		if (!e->len)
			continue;
		strbuf_add(&line, t->buf + ls, e->start - ls);
		strbuf_add(&line, e->text, e->len);
		if (e->text[e->len - 1] != '\n')	/* its line goes on */
			strbuf_add(&line, t->buf + e->end, le - e->end);
		if (strbuf_error(&line) ||
		    floe_secret_mask_yaml(&sb, line.buf, line.len) ||
		    strbuf_error(&sb)) {
			strbuf_release(&line);
			strbuf_release(&sb);
			return -1;
		}
		diff = sb.len != line.len || memcmp(sb.buf, line.buf, sb.len);
		strbuf_release(&line);
		strbuf_release(&sb);
		if (diff)
			f->secret = true;
	}
	return 0;
}

enum floe_err floe_fix_compute(const struct floe_profiles *model,
			       const struct floe_lint_options *opt,
			       struct floe_diags *diags, size_t base)
{
	struct lint_ctx lctx;
	struct fix_ctx fc;
	bool any = false, indexed = false;
	enum floe_err err = FLOE_OK;
	const char *text;
	size_t len;

	for (size_t i = base; i < diags->nr; i++)
		if (!diags->items[i].fix && diags->items[i].severity !=
		    FLOE_SEV_NOTE && floe_rule_fixable(diags->items[i].rule,
						       NULL))
			any = true;
	if (!any)
		return FLOE_OK;
	err = floe_profiles_text(model, &text, &len);
	if (err != FLOE_OK)
		return err;

	lint_ctx_init(&lctx);
	lctx.file = model->file;
	lctx.opt = opt;
	lint_resolve_versions(&lctx);
	lctx.jopt.use_env = model->opt.use_env;
	lctx.jopt.getenv_fn = model->opt.getenv_fn;
	lctx.diags = diags;
	lctx.arena = arena_new();
	memset(&fc, 0, sizeof(fc));
	fc.lint = &lctx;
	if (!lctx.arena || ftext_init(&fc.text, text, len)) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	for (size_t i = base; i < diags->nr && !fc.err; i++) {
		struct floe_diag *g = &diags->items[i];
		const struct fix_row *row;
		struct floe_fix *f;

		if (g->fix || g->severity == FLOE_SEV_NOTE ||
		    !floe_rule_fixable(g->rule, NULL) || !g->loc.file ||
		    strcmp(g->loc.file, model->file))
			continue;
		row = fix_row(g->rule);
		if (!row->text_only) {
			if (!model->doc)
				continue;
			if (!indexed && index_tree(&fc, model->doc->root))
				break;
			indexed = true;
		}
		f = row->fn(&fc, g);
		if (!f)
			continue;
		if (fc.err || !fix_sane(f, fc.text.len)) {
			floe_fix_free(f);
			continue;
		}
		if (fix_secret(&fc, f)) {	/* out of memory: not "no fix" */
			floe_fix_free(f);
			fc.err = FLOE_ERR_NOMEM;
			break;
		}
		g->fix = f;
	}
	if (fc.err || lctx.err)
		err = fc.err ? fc.err : lctx.err;
out:
	ftext_release(&fc.text);
	free(fc.ent);
	free(fc.pos);
	pset_release(&fc.reach);
	pset_release(&fc.merged);
	lint_release_ctx(&lctx);
	arena_free(lctx.arena);
	return err;
}

/* ---- applying fixes ---- */

static bool conflict(const struct floe_edit *a, const struct floe_edit *b)
{
	bool ai = a->start == a->end, bi = b->start == b->end;

	if (ai && bi)
		return a->start == b->start;
	if (ai)
		return b->start < a->start && a->start < b->end;
	if (bi)
		return a->start < b->start && b->start < a->end;
	return a->start < b->end && b->start < a->end;
}

/*
 * Apply the applicable fixes of `file` in order, each unless it
 * conflicts with one taken before it; with only != SIZE_MAX, the one
 * applicable fix of that rank alone.
 */
static enum floe_err apply(const char *file, const char *buf, size_t len,
			   const struct floe_diags *d, bool unsafe,
			   size_t only, char **out, size_t *out_len,
			   size_t *applied)
{
	const struct floe_edit **taken = NULL;
	size_t nr = 0, alloc = 0, rank = 0, n = 0;
	struct strbuf sb = STRBUF_INIT;
	size_t at = 0;

	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_fix *f = d->items[i].fix;
		bool ok = true;

		if (!f || (f->safety == FLOE_FIX_UNSAFE && !unsafe) ||
		    !d->items[i].loc.file || strcmp(d->items[i].loc.file, file))
			continue;
		if (only != SIZE_MAX && rank++ != only)
			continue;
		for (size_t k = 0; k < f->nr && ok; k++) {
			if (f->edits[k].end > len)
				ok = false;
			for (size_t j = 0; j < nr && ok; j++)
				if (conflict(&f->edits[k], taken[j]))
					ok = false;
		}
		if (!ok)
			continue;
		if (ALLOC_GROW(taken, nr + f->nr, alloc)) {
			free(taken);
			return FLOE_ERR_NOMEM;
		}
		for (size_t k = 0; k < f->nr; k++)
			taken[nr++] = &f->edits[k];
		n++;
	}
	/* in order of position; insertions before what starts there */
	for (size_t i = 1; i < nr; i++) {
		const struct floe_edit *cur = taken[i];
		size_t j = i;

		while (j && edit_cmp(taken[j - 1], cur) > 0) {
			taken[j] = taken[j - 1];
			j--;
		}
		taken[j] = cur;
	}
	strbuf_grow(&sb, len + 1);
	for (size_t i = 0; i < nr; i++) {
		strbuf_add(&sb, buf + at, taken[i]->start - at);
		strbuf_add(&sb, taken[i]->text, taken[i]->len);
		at = taken[i]->end;
	}
	strbuf_add(&sb, buf + at, len - at);
	strbuf_addch(&sb, '\0');	/* a buffer even when empty */
	free(taken);
	*out = strbuf_detach(&sb, out_len);
	if (!*out)
		return FLOE_ERR_NOMEM;
	(*out_len)--;
	*applied = n;
	return FLOE_OK;
}

enum floe_err floe_fix_apply(const char *file, const char *buf, size_t len,
			     const struct floe_diags *diags, bool unsafe,
			     char **out, size_t *out_len, size_t *applied)
{
	return apply(file, buf, len, diags, unsafe, SIZE_MAX, out, out_len,
		     applied);
}

/* One text, loaded, linted, with fixes. */
struct fstate {
	char *buf;
	size_t len;
	struct floe_profiles *model;
	struct floe_diags diags;
	unsigned *errors;	/* error-level findings per rule */
	bool parsed;
};

static void fstate_release(struct fstate *s)
{
	floe_diags_release(&s->diags);
	floe_profiles_free(s->model);
	free(s->errors);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

/* Load and lint s->buf (owned by s). */
static enum floe_err fstate_load(struct fstate *s, const char *file,
				 const struct floe_profiles_options *popt,
				 const struct floe_lint_options *opt)
{
	struct floe_lint_options o = *opt;
	enum floe_err err;

	o.merge = NULL;
	s->errors = calloc(FLOE_RULE__COUNT, sizeof(*s->errors));
	if (!s->errors)
		return FLOE_ERR_NOMEM;
	err = floe_profiles_load(file, s->buf, s->len, popt, &s->model);
	if (err != FLOE_OK)
		return err;
	s->parsed = s->model->doc != NULL;
	err = floe_lint_profiles(s->model, &o, &s->diags);
	if (err == FLOE_ERR_USAGE)
		err = FLOE_OK;	/* --target names no output here */
	if (err == FLOE_OK)
		err = floe_fix_compute(s->model, &o, &s->diags, 0);
	if (err != FLOE_OK)
		return err;
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct floe_diag *g = &s->diags.items[i];

		/* a duplicate key is a warning, but a fix must not make one */
		if ((g->severity == FLOE_SEV_ERROR || g->rule == FLOE_FP002) &&
		    g->rule < FLOE_RULE__COUNT)
			s->errors[g->rule]++;
	}
	return FLOE_OK;
}

/* Is `next` no worse than `cur`: parsed if cur was, no rule erring more. */
static bool no_worse(const struct fstate *cur, const struct fstate *next)
{
	if (!cur->parsed)	/* the rules never ran: all they say is new */
		return next->parsed ||
		       next->errors[FLOE_FP001] + next->errors[FLOE_FP003] <=
		       cur->errors[FLOE_FP001] + cur->errors[FLOE_FP003];
	if (!next->parsed)
		return false;
	for (size_t r = 0; r < FLOE_RULE__COUNT; r++)
		if (next->errors[r] > cur->errors[r])
			return false;
	return true;
}

/*
 * The passes: apply, lint again, until nothing applies.  Guarded, a
 * pass that makes the text worse than the one before is dropped and
 * its fixes are tried one at a time, the bad ones skipped; unguarded, a
 * fix may reveal an error that a later pass fixes (an endpoint moved
 * under options that still ends in /v1).  They start from `start`, the
 * round's text already loaded and linted (borrowed: each round lints its
 * text once); *cur is the text they end with, or empty (cur->buf NULL)
 * if no pass changed `start`.
 */
static enum floe_err passes(const char *file,
			    const struct floe_profiles_options *popt,
			    const struct floe_lint_options *opt, bool unsafe,
			    bool guarded, const struct fstate *start,
			    struct fstate *cur, struct floe_fix_result *res)
{
	struct fstate next;
	enum floe_err err = FLOE_OK;
	size_t total = 0, skip = 0;
	bool all = true;

	memset(cur, 0, sizeof(*cur));
	memset(&next, 0, sizeof(next));
	memset(res, 0, sizeof(*res));
	for (unsigned pass = 0; pass < FLOE_FIX_MAX_PASSES; pass++) {
		const struct fstate *at = cur->buf ? cur : start;
		size_t n = 0;
		bool bad;

		err = apply(file, at->buf, at->len, &at->diags, unsafe,
			    all ? SIZE_MAX : skip, &next.buf, &next.len, &n);
		if (err != FLOE_OK)
			break;
		if (!n) {
			free(next.buf);
			next.buf = NULL;
			res->converged = true;
			break;
		}
		err = fstate_load(&next, file, popt, opt);
		bad = err == FLOE_ERR_TOO_BIG ||
		      (err == FLOE_OK && (guarded ? !no_worse(at, &next)
					  : at->parsed && !next.parsed));
		if (err == FLOE_ERR_TOO_BIG)
			err = FLOE_OK;
		if (err != FLOE_OK)
			break;
		if (bad) {
			fstate_release(&next);
			if (all)
				all = false;
			else
				skip++;
			continue;
		}
		total += n;
		fstate_release(cur);
		*cur = next;
		memset(&next, 0, sizeof(next));
	}
	fstate_release(&next);
	res->applied = total;
	return err;
}

/* One round: the free passes, or the guarded ones if those end worse. */
static enum floe_err fix_round(const char *file, const char *buf, size_t len,
			       const struct floe_profiles_options *popt,
			       const struct floe_lint_options *opt, bool unsafe,
			       struct floe_fix_result *res)
{
	struct fstate orig, cur;
	struct floe_fix_result r;
	enum floe_err err;

	/* what the text is now: where the passes start, and what holds them */
	memset(&orig, 0, sizeof(orig));
	memset(&cur, 0, sizeof(cur));	/* released even if never loaded */
	orig.buf = malloc(len + 1);
	if (!orig.buf)
		return FLOE_ERR_NOMEM;
	memcpy(orig.buf, buf, len);
	orig.buf[len] = '\0';
	orig.len = len;
	err = fstate_load(&orig, file, popt, opt);
	if (err == FLOE_OK)
		err = passes(file, popt, opt, unsafe, false, &orig, &cur, &r);
	if (err == FLOE_OK && cur.buf && !no_worse(&orig, &cur)) {
		/* never worse than it was: one pass at a time, guarded */
		fstate_release(&cur);
		err = passes(file, popt, opt, unsafe, true, &orig, &cur, &r);
	}
	if (err == FLOE_OK) {
		struct fstate *end = cur.buf ? &cur : &orig;

		*res = r;
		res->buf = end->buf;
		res->len = end->len;
		end->buf = NULL;
	}
	fstate_release(&cur);
	fstate_release(&orig);
	return err;
}

/*
 * Rounds until a round changes nothing.  One round is not enough: the
 * guarded passes try fixes one at a time and stop when each one left
 * makes the text worse, but from the text they end with a free round may
 * still take several fixes together and end no worse (fuzz_fix found
 * it), so a second --fix would change the file.  Ending only at a text
 * that a round leaves as it is makes --fix idempotent by construction.
 */
enum floe_err floe_fix_file(const char *file, const char *buf, size_t len,
			    const struct floe_profiles_options *popt,
			    const struct floe_lint_options *opt, bool unsafe,
			    struct floe_fix_result *res)
{
	struct floe_fix_result r;
	size_t applied = 0;
	char *text;
	enum floe_err err = FLOE_OK;

	text = malloc(len + 1);
	if (!text)
		return FLOE_ERR_NOMEM;
	memcpy(text, buf, len);
	text[len] = '\0';
	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	for (unsigned round = 0; round < FLOE_FIX_MAX_ROUNDS; round++) {
		bool same;

		err = fix_round(file, text, len, popt, opt, unsafe, &r);
		if (err != FLOE_OK)
			break;
		same = r.len == len && !memcmp(r.buf, text, len);
		free(text);
		text = r.buf;
		len = r.len;
		if (!same)
			applied += r.applied;
		if (same || !r.converged) {
			res->converged = same && r.converged;
			break;
		}
	}
	if (err != FLOE_OK) {
		free(text);
		return err;
	}
	res->buf = text;
	res->len = len;
	res->applied = applied;
	return FLOE_OK;
}
