/*
 * Build a position-keeping tree from libyaml's event stream.
 *
 * The event API (not yaml_parser_load) is used so that nesting depth,
 * alias expansion and cycles are checked while the input is read, before
 * any walker can be made to recurse or loop: libyaml 0.2.5 itself has no
 * depth limit and its loader happily builds self-referencing nodes.
 */
#include <limits.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "alloc.h"
#include "arena.h"
#include "floe/yaml.h"
#include "hash.h"
#include "pystr.h"
#include "secret.h"

/*
 * A node as the builder sees it.  What only the builder needs (the alias
 * weights, whether a node is complete) lives in the frames and the anchor
 * table, not in every node: the node is most of a document's memory.
 */
struct tnode {
	struct floe_node pub;
};

/* pub.flags: a plain `=`, PyYAML's tag:yaml.org,2002:value */
#define NODE_VALUE_KEY 1u

struct frame {
	struct tnode *node;
	/* the children so far, malloc'd; kept by the stack slot when the
	 * frame is popped, for the next collection at its depth */
	struct floe_pair *pairs;	/* raw pairs */
	const struct floe_node **items;
	size_t nr, alloc_pairs, alloc_items;
	const struct floe_node *key;	/* key waiting for its value */
	size_t weight;		/* nodes after expanding aliases */
	size_t bytes;		/* scalar bytes after expanding aliases */
	const char *anchor;	/* its anchor's name (arena), or NULL */
};

struct anchor {
	char *name;		/* in the arena */
	struct tnode *node;
	size_t weight, bytes;	/* the node's, expanded; once complete */
	int complete;		/* its end event has been seen */
};

struct builder {
	const char *file;
	const char *buf;	/* after a UTF-8 byte order mark */
	size_t len;
	size_t bom;		/* length of the skipped byte order mark */
	/* floe_yaml_parse_from(): where the text comes from (buf is NULL
	 * until an error's position needs it), and its first failure */
	const struct floe_yaml_reader *reader;
	size_t nread;
	bool bom_known;
	enum floe_err read_err;
	struct floe_yaml_limits lim;
	struct floe_diags *diags;
	struct arena *arena;
	struct frame *stack;
	size_t depth, stack_alloc;
	struct anchor *anchors;	/* open-addressing hash, size anchors_cap */
	size_t nr_anchors, anchors_cap;
	size_t alias_nodes, alias_bytes;	/* what aliases added so far */
	size_t nr_aliases;
	/* scalar texts of up to INTERN_MAX bytes, each copied once (keys and
	 * many values repeat in every output): open-addressing hash */
	struct interned {
		const char *text;
		uint32_t len, hash;
	} *interned;
	size_t nr_interned, interned_cap;
	size_t nr_scalars;	/* read so far */
	const struct floe_node *root;
	int have_root;
	enum floe_err err;	/* first hard error */
};

struct floe_yaml_limits floe_yaml_default_limits(void)
{
	struct floe_yaml_limits lim = {
		FLOE_YAML_MAX_BYTES, FLOE_YAML_MAX_DEPTH,
		FLOE_YAML_MAX_EXPANDED, FLOE_YAML_MAX_EXPANDED_BYTES
	};
	return lim;
}

/*
 * The value of a secret key is being read (`password: *x`, `token: !t`):
 * an alias or tag written there may be the secret itself, typed unquoted,
 * so messages do not quote it.
 */
static const char *shown_name(struct builder *b, const char *name)
{
	const struct frame *f = b->depth ? &b->stack[b->depth - 1] : NULL;

	if (f && f->node->pub.kind == FLOE_NODE_MAP && f->key &&
	    f->key->kind == FLOE_NODE_SCALAR &&
	    floe_secret_key_n(f->key->value, f->key->len))
		return FLOE_SECRET_MASK;
	return name;
}

static struct floe_pos mark_pos(yaml_mark_t m)
{
	struct floe_pos p;

	p.line = (unsigned)(m.line + 1);
	p.column = (unsigned)(m.column + 1);
	return p;
}

static struct floe_loc mark_loc(struct builder *b, yaml_mark_t start,
				yaml_mark_t end)
{
	struct floe_loc loc;

	loc.file = b->file;
	loc.start = mark_pos(start);
	loc.end = mark_pos(end);
	return loc;
}

/* Record an input error; returns -1 so callers can `return fail(...)`. */
static int vfail_rule(struct builder *b, enum floe_rule_id rule,
		      struct floe_loc loc, const char *fmt, va_list ap)
	FLOE_PRINTF(4, 0);
static int vfail_rule(struct builder *b, enum floe_rule_id rule,
		      struct floe_loc loc, const char *fmt, va_list ap)
{
	if (floe_diags_vaddf(b->diags, FLOE_SEV_ERROR, rule, loc, fmt, ap))
		b->err = FLOE_ERR_NOMEM;
	else if (b->err == FLOE_OK)
		b->err = FLOE_ERR_INPUT;
	return -1;
}

/* An error of rule FP001 (the file is not valid YAML); returns -1. */
static int fail(struct builder *b, struct floe_loc loc, const char *fmt, ...)
	FLOE_PRINTF(3, 4);
static int fail(struct builder *b, struct floe_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_rule(b, FLOE_RULE_YAML_SYNTAX, loc, fmt, ap);
	va_end(ap);
	return -1;
}

/* An error of another rule, reported through the same call; returns -1. */
static int fail_rule(struct builder *b, enum floe_rule_id rule,
		     struct floe_loc loc, const char *fmt, ...)
	FLOE_PRINTF(4, 5);
static int fail_rule(struct builder *b, enum floe_rule_id rule,
		     struct floe_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_rule(b, rule, loc, fmt, ap);
	va_end(ap);
	return -1;
}

static int nomem(struct builder *b)
{
	b->err = FLOE_ERR_NOMEM;
	return -1;
}

/* ---- scalar text ---- */

/*
 * A scalar's text is copied into the document's arena once per distinct
 * text: a profile's keys and most of its values are written again in
 * every output, and readers only read the text (const), never its
 * address.  Short texts only (longer ones rarely repeat, and cost their
 * hash), at most INTERN_ENTRIES of them, so that a file of distinct
 * scalars pays a bounded table (256 KB) and not one entry each, and only
 * past the first INTERN_AFTER scalars: a file of a few outputs holds
 * little twice, and would pay the table and the hashing for nothing.
 */
#define INTERN_MAX 64
#define INTERN_ENTRIES 8192
#define INTERN_AFTER 256

static struct interned *intern_slot(struct builder *b, const char *s,
				    uint32_t len, uint32_t hash)
{
	size_t mask = b->interned_cap - 1;
	size_t i = hash & mask;

	while (b->interned[i].text &&
	       (b->interned[i].hash != hash || b->interned[i].len != len ||
		memcmp(b->interned[i].text, s, len)))
		i = (i + 1) & mask;
	return &b->interned[i];
}

static const char *scalar_text(struct builder *b, const char *s, size_t len)
{
	struct interned *slot;
	uint32_t hash;

	if (len > INTERN_MAX || b->nr_scalars++ < INTERN_AFTER)
		return arena_strndup(b->arena, s, len);
	if (b->nr_interned < INTERN_ENTRIES &&
	    (b->nr_interned + 1) * 2 > b->interned_cap) {
		size_t cap = b->interned_cap ? b->interned_cap * 2 : 64;
		struct interned *old = b->interned;
		size_t old_cap = b->interned_cap;

		b->interned = calloc(cap, sizeof(*b->interned));
		if (!b->interned) {
			b->interned = old;
			return NULL;
		}
		b->interned_cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].text)
				*intern_slot(b, old[i].text, old[i].len,
					     old[i].hash) = old[i];
		free(old);
	}
	hash = (uint32_t)floe_hash_text(s, len);
	slot = intern_slot(b, s, (uint32_t)len, hash);
	if (slot->text)
		return slot->text;
	if (b->nr_interned == INTERN_ENTRIES)
		return arena_strndup(b->arena, s, len);	/* the table is full */
	slot->text = arena_strndup(b->arena, s, len);
	if (!slot->text)
		return NULL;
	slot->len = (uint32_t)len;
	slot->hash = hash;
	b->nr_interned++;
	return slot->text;
}

/* ---- anchors ---- */

static struct anchor *anchor_slot(struct builder *b, const char *name)
{
	size_t mask = b->anchors_cap - 1;
	size_t i = (size_t)floe_hash_more(FLOE_HASH_SEED, name,
						 strlen(name)) & mask;

	while (b->anchors[i].name && strcmp(b->anchors[i].name, name))
		i = (i + 1) & mask;
	return &b->anchors[i];
}

static struct anchor *anchor_find(struct builder *b, const char *name)
{
	struct anchor *a;

	if (!b->anchors_cap)
		return NULL;
	a = anchor_slot(b, name);
	return a->node ? a : NULL;
}

/* A new anchor; a scalar's is complete at once (weight 1, its bytes). */
static struct anchor *anchor_add(struct builder *b, const char *name,
				 struct tnode *node, yaml_mark_t mark)
{
	struct anchor *slot;

	if ((b->nr_anchors + 1) * 2 > b->anchors_cap) {
		size_t cap = b->anchors_cap ? b->anchors_cap * 2 : 16;
		struct anchor *old = b->anchors;
		size_t old_cap = b->anchors_cap;

		b->anchors = calloc(cap, sizeof(*b->anchors));
		if (!b->anchors) {
			b->anchors = old;
			nomem(b);
			return NULL;
		}
		b->anchors_cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].name)
				*anchor_slot(b, old[i].name) = old[i];
		free(old);
	}
	slot = anchor_slot(b, name);
	if (slot->name) {
		/* PyYAML's composer refuses this too ("found duplicate anchor"). */
		fail(b, mark_loc(b, mark, mark),
		     "duplicate anchor '&%s'; an anchor name may be defined "
		     "only once", name);
		return NULL;
	}
	slot->name = arena_strndup(b->arena, name, strlen(name));
	if (!slot->name) {
		nomem(b);
		return NULL;
	}
	slot->node = node;
	if (node->pub.kind == FLOE_NODE_SCALAR) {
		slot->weight = 1;
		slot->bytes = node->pub.len;
		slot->complete = 1;
	}
	b->nr_anchors++;
	return slot;
}

/* ---- keys: equality as PyYAML's dict sees it ---- */

struct canon {
	enum floe_type type;
	const char *text;
	size_t len;
	char buf[64];
};

static void canon_int(struct canon *c, long long v)
{
	int n = snprintf(c->buf, sizeof(c->buf), "%lld", v);

	c->type = FLOE_TYPE_INT;
	c->text = c->buf;
	c->len = (size_t)n;
}

/*
 * A float key as an exact decimal "[-]<digits>e<exp>" with no leading or
 * trailing zeros, or as an int when it is integral (1.0 == 1 in a dict).
 * PyYAML's `.nan` is one shared object, so every `.nan` key is the same.
 * Keys equal only as doubles (beyond 17 digits, or past the double
 * range) are not merged, and a mantissa too long for the buffers keeps
 * its text: both are harmless misses of a duplicate-key warning.
 */
static void canon_float(const struct floe_node *k, struct canon *c)
{
	const char *s = k->value, *end = k->value + k->len;
	char tmp[64], digits[40];
	long long exp10 = 0, e = 0;
	size_t nd = 0;
	int neg = 0, frac = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if (end - s == 4 && s[0] == '.' &&
	    ((s[1] | 0x20) == 'n' || (s[1] | 0x20) == 'i')) {
		c->text = (s[1] | 0x20) == 'n' ? "nan" : neg ? "-inf" : "inf";
		c->len = strlen(c->text);
		return;
	}
	if (memchr(s, ':', (size_t)(end - s))) {
		/* base 60 (1:30.5 is 90.5): rewrite it as a plain decimal */
		long long v = 0, part = 0;
		int n;

		for (; s < end && *s != '.'; s++) {
			if (*s == ':') {
				if (v > (LLONG_MAX - part) / 60)
					return;	/* keep the text */
				v = v * 60 + part;
				part = 0;
			} else if (*s != '_') {
				if (part > LLONG_MAX / 100)
					return;
				part = part * 10 + (*s - '0');
			}
		}
		if (v > (LLONG_MAX - part) / 60)
			return;
		n = snprintf(tmp, sizeof(tmp), "%lld%.*s", v * 60 + part,
			     (int)(end - s), s);
		if (n < 0 || (size_t)n >= sizeof(tmp))
			return;
		s = tmp;
		end = tmp + n;
	}
	for (; s < end; s++) {
		if (*s == '_')
			continue;
		if (*s == '.') {
			frac = 1;
			continue;
		}
		if (*s == 'e' || *s == 'E') {
			int eneg = s[1] == '-';

			for (s += 2; s < end && e < 100000; s++)
				e = e * 10 + (*s - '0');
			exp10 += eneg ? -e : e;
			break;
		}
		if (frac)
			exp10--;
		if (!nd && *s == '0')
			continue;	/* a leading zero */
		if (nd == sizeof(digits))
			return;
		digits[nd++] = *s;
	}
	while (nd && digits[nd - 1] == '0') {
		nd--;
		exp10++;
	}
	if (!nd) {
		canon_int(c, 0);	/* -0.0 == 0 too */
		return;
	}
	if (exp10 >= 0 && nd + (size_t)exp10 <= 18) {
		long long v = 0;

		for (size_t i = 0; i < nd; i++)
			v = v * 10 + (digits[i] - '0');
		while (exp10-- > 0)
			v *= 10;
		canon_int(c, neg ? -v : v);
		return;
	}
	c->text = c->buf;
	c->len = (size_t)snprintf(c->buf, sizeof(c->buf), "%s%.*se%lld",
				  neg ? "-" : "", (int)nd, digits, exp10);
}

static void canon_typed(const struct floe_node *k, struct canon *c)
{
	long long v;

	switch (k->type) {
	case FLOE_TYPE_NULL:
		c->text = "";
		c->len = 0;
		break;
	case FLOE_TYPE_BOOL:
		/* True == 1 and False == 0 as dict keys */
		canon_int(c, strchr("yYtToO", k->value[0]) &&
			     !(k->len == 3 && (k->value[1] == 'f' ||
					       k->value[1] == 'F')));
		break;
	case FLOE_TYPE_INT:
		if (!floe_node_int(k, &v))
			canon_int(c, v);
		break;
	case FLOE_TYPE_FLOAT:
		canon_float(k, c);
		break;
	case FLOE_TYPE_STR:
	case FLOE_TYPE_TIMESTAMP:
	case FLOE_TYPE_MERGE:
		break;
	}
}

/* A string key (nearly every key) is its own text: no call for it. */
static inline void canon_key(const struct floe_node *k, struct canon *c)
{
	c->type = k->type;
	c->text = k->value;
	c->len = k->len;
	if (k->type != FLOE_TYPE_STR)
		canon_typed(k, c);
}

static uint64_t canon_hash(const struct canon *c)
{
	unsigned char t = (unsigned char)c->type;

	return floe_hash_more(floe_hash_more(FLOE_HASH_SEED, &t, 1), c->text,
			      c->len);
}

static int canon_eq(const struct canon *a, const struct canon *b)
{
	return a->type == b->type && a->len == b->len &&
	       !memcmp(a->text, b->text, a->len);
}

/*
 * A set of pair indices keyed by the key's canonical value: find returns
 * the index of an equal key already added, or (size_t)-1.
 */
struct keyset {
	size_t *slots;		/* index + 1; 0 = empty */
	size_t cap;
};

static int keyset_init(struct keyset *s, size_t n)
{
	s->cap = 16;
	while (s->cap < n * 2)
		s->cap *= 2;
	s->slots = calloc(s->cap, sizeof(*s->slots));
	return s->slots ? 0 : -1;
}

static size_t keyset_put(struct keyset *s, const struct floe_pair *pairs,
			 size_t idx)
{
	struct canon c, o;
	size_t i;

	canon_key(pairs[idx].key, &c);
	i = (size_t)canon_hash(&c) & (s->cap - 1);
	while (s->slots[i]) {
		size_t j = s->slots[i] - 1;

		canon_key(pairs[j].key, &o);
		if (canon_eq(&c, &o))
			return j;
		i = (i + 1) & (s->cap - 1);
	}
	s->slots[i] = idx + 1;
	return (size_t)-1;
}

/* ---- building ---- */

/* place() of positions that do not pack: kept in the arena */
static int place_far(struct builder *b, struct tnode *n,
		     struct floe_pos start, struct floe_pos end)
{
	struct floe_pos *room = arena_alloc_aligned(b->arena,
						    2 * sizeof(*room),
						    alignof(struct floe_pos));

	if (!room)
		return nomem(b);
	floe_node_place(&n->pub, start, end, room);
	return 0;
}

/* Set where n is written: packed into it, or, rarely, in the arena. */
static inline int place(struct builder *b, struct tnode *n,
			struct floe_pos start, struct floe_pos end)
{
	return floe_node_pack(&n->pub, start, end) ? 0
	       : place_far(b, n, start, end);
}

static struct tnode *new_node(struct builder *b, enum floe_node_kind kind,
			      yaml_mark_t start, yaml_mark_t end)
{
	/* every field is set here: the arena need not zero it first */
	struct tnode *n = arena_alloc_aligned(b->arena, sizeof(*n),
					      alignof(struct tnode));

	if (!n) {
		nomem(b);
		return NULL;
	}
	n->pub = (struct floe_node){ .kind = kind };
	if (place(b, n, mark_pos(start), mark_pos(end)))
		return NULL;
	return n;
}

/*
 * PyYAML resolves a plain `<<` and `=` to the merge and value tags, which
 * its SafeLoader understands only as mapping keys: anywhere else they are
 * a ConstructorError ("could not determine a constructor").
 */
static int check_key_only(struct builder *b, const struct tnode *n,
			  struct floe_loc where)
{
	if (n->pub.kind != FLOE_NODE_SCALAR)
		return 0;
	if (n->pub.type == FLOE_TYPE_MERGE)
		return fail(b, where, "%s", "a plain '<<' is a merge key and "
			    "cannot be a value; quote it to write the string "
			    "'<<'");
	if (n->pub.flags & NODE_VALUE_KEY)
		return fail(b, where, "%s", "a plain '=' cannot be a value "
			    "(PyYAML reads it as YAML 1.1's value key); quote "
			    "it to write the string '='");
	return 0;
}

/*
 * Attach a finished node (or an alias to one) to the open collection;
 * `where` is where this reference to it is written, weight and bytes are
 * what it stands for once aliases are expanded.
 */
static int add_child(struct builder *b, struct tnode *n, size_t weight,
		     size_t bytes, struct floe_loc where)
{
	struct frame *f;

	if (!b->depth) {
		if (check_key_only(b, n, where))
			return -1;
		b->root = &n->pub;
		b->have_root = 1;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	/* bounded: what is written plus what alias_event() let aliases add */
	f->weight += weight;
	f->bytes += bytes;

	if (f->node->pub.kind == FLOE_NODE_SEQ) {
		if (check_key_only(b, n, where))
			return -1;
		if (ALLOC_GROW(f->items, f->nr + 1, f->alloc_items))
			return nomem(b);
		f->items[f->nr++] = &n->pub;
		return 0;
	}
	if (!f->key) {
		if (n->pub.kind == FLOE_NODE_MAP) {
			/* `key: {{ x }}` reads as {{x: null}: null} */
			return fail_rule(b, FLOE_RULE_JINJA_UNQUOTED, where,
					 "a mapping key must be a scalar, not a "
					 "mapping: an unquoted '{{ ... }}' is "
					 "read as one; quote the whole value");
		}
		if (n->pub.kind != FLOE_NODE_SCALAR)
			return fail(b, where,
				    "a mapping key must be a scalar, not %s",
				    floe_node_describe(&n->pub));
		f->key = &n->pub;
		return 0;
	}
	if (check_key_only(b, n, where))
		return -1;
	if (ALLOC_GROW(f->pairs, f->nr + 1, f->alloc_pairs))
		return nomem(b);
	f->pairs[f->nr].key = f->key;
	f->pairs[f->nr].value = &n->pub;
	f->nr++;
	f->key = NULL;
	return 0;
}

static int push(struct builder *b, struct tnode *n, const char *anchor,
		yaml_mark_t mark)
{
	struct frame *f;

	if (b->depth >= b->lim.max_depth) {
		return fail(b, mark_loc(b, mark, mark),
			    "nesting is deeper than %u levels; refusing to "
			    "read further", b->lim.max_depth);
	}
	struct anchor *a = NULL;

	if (anchor && !(a = anchor_add(b, anchor, n, mark)))
		return -1;
	if (b->depth == b->stack_alloc) {
		size_t old = b->stack_alloc;

		if (ALLOC_GROW(b->stack, b->depth + 1, b->stack_alloc))
			return nomem(b);
		memset(b->stack + old, 0,
		       (b->stack_alloc - old) * sizeof(*b->stack));
	}
	f = &b->stack[b->depth++];
	/* the slot's buffers stay for reuse */
	f->node = n;
	f->nr = 0;
	f->key = NULL;
	f->weight = 1;
	f->bytes = 0;
	f->anchor = a ? a->name : NULL;
	return 0;
}

/* A pair on its way into a mapping, and whether `<<` brought it. */
struct merging {
	struct floe_pair pair;
	bool merged;
};

static int add_pairs(struct merging **out, size_t *nr, size_t *alloc,
		     const struct floe_pair *pairs, size_t n, bool merged)
{
	for (size_t i = 0; i < n; i++) {
		if (ALLOC_GROW(*out, *nr + 1, *alloc))
			return -1;
		(*out)[*nr].pair = pairs[i];
		(*out)[*nr].merged = merged;
		(*nr)++;
	}
	return 0;
}

static int warn_duplicate(struct builder *b, const struct floe_pair *dup,
			  const struct floe_pair *first)
{
	struct floe_loc loc = floe_node_loc(b->file, dup->key);
	struct floe_pos at = floe_node_start(first->key);

	if (floe_diags_addf(b->diags, FLOE_SEV_WARNING,
			    FLOE_RULE_DUPLICATE_KEY, loc,
			    "duplicate key '%s' (first defined at %u:%u); "
			    "the last value is used, as PyYAML does",
			    dup->key->value, at.line, at.column))
		return nomem(b);
	return 0;
}

/* Up to this many keys, duplicates are found by comparing each pair. */
#define SMALL_MAP 8

/*
 * Close a mapping: warn about duplicate keys, apply `<<` merges the way
 * PyYAML's flatten_mapping does (merged pairs first, a list merged in
 * reverse so its first mapping wins, explicit keys last), then keep one
 * pair per key with dict semantics (first position, last value).
 */
static int finish_map(struct builder *b, struct frame *f)
{
	struct merging *all = NULL;
	struct floe_pair *out;
	unsigned char *bits;
	size_t nr_all = 0, alloc_all = 0, nr_out = 0;
	struct keyset seen = { NULL, 0 };
	size_t merges = 0, dups = 0;
	int ret = -1;

	/* 1. duplicates among the keys written here: each key against
	 * the first of its value (a small mapping compares them pairwise,
	 * without building a set) */
	if (f->nr <= SMALL_MAP) {
		struct canon c[SMALL_MAP];

		for (size_t i = 0; i < f->nr; i++) {
			size_t j;

			if (f->pairs[i].key->type == FLOE_TYPE_MERGE) {
				merges++;
				continue;
			}
			canon_key(f->pairs[i].key, &c[i]);
			for (j = 0; j < i; j++)
				if (f->pairs[j].key->type != FLOE_TYPE_MERGE &&
				    canon_eq(&c[j], &c[i]))
					break;
			if (j < i) {
				dups++;
				if (warn_duplicate(b, &f->pairs[i],
						   &f->pairs[j]))
					goto out;
			}
		}
	} else {
		if (keyset_init(&seen, f->nr))
			return nomem(b);
		for (size_t i = 0; i < f->nr; i++) {
			size_t j;

			if (f->pairs[i].key->type == FLOE_TYPE_MERGE) {
				merges++;
				continue;
			}
			j = keyset_put(&seen, f->pairs, i);
			if (j != (size_t)-1) {
				dups++;
				if (warn_duplicate(b, &f->pairs[i],
						   &f->pairs[j]))
					goto out;
			}
		}
		free(seen.slots);
		seen.slots = NULL;
	}
	if (!merges && !dups) {
		/* the usual mapping: its pairs as written, one copy */
		out = arena_alloc_aligned(b->arena, (f->nr ? f->nr : 1) *
					  sizeof(*out),
					  alignof(struct floe_pair));
		if (!out)
			goto oom;
		if (f->nr)
			memcpy(out, f->pairs, f->nr * sizeof(*out));
		f->node->pub.pairs = out;
		f->node->pub.nr = (uint32_t)f->nr;	/* < input size */
		ret = 0;
		goto out;
	}

	/* 2. merges */
	for (size_t i = 0; i < f->nr; i++) {
		const struct floe_node *v = f->pairs[i].value;

		if (f->pairs[i].key->type != FLOE_TYPE_MERGE)
			continue;
		if (v->kind == FLOE_NODE_MAP) {
			if (add_pairs(&all, &nr_all, &alloc_all, v->pairs,
				      v->nr, true))
				goto oom;
			continue;
		}
		if (v->kind != FLOE_NODE_SEQ) {
			fail(b, floe_node_loc(b->file, v),
			     "expected a mapping or a list of mappings to "
			     "merge with '<<', found %s",
			     floe_node_describe(v));
			goto out;
		}
		for (size_t k = v->nr; k-- > 0;) {
			if (v->items[k]->kind != FLOE_NODE_MAP) {
				fail(b, floe_node_loc(b->file, v->items[k]),
				     "expected a mapping to merge with '<<', "
				     "found %s",
				     floe_node_describe(v->items[k]));
				goto out;
			}
			if (add_pairs(&all, &nr_all, &alloc_all,
				      v->items[k]->pairs, v->items[k]->nr,
				      true))
				goto oom;
		}
	}
	for (size_t i = 0; i < f->nr; i++)
		if (f->pairs[i].key->type != FLOE_TYPE_MERGE &&
		    add_pairs(&all, &nr_all, &alloc_all, &f->pairs[i], 1,
			      false))
			goto oom;

	/* 3. dict semantics; the pairs, then a bit each: merged or not */
	/* out[0..nr_out) is written below; nothing reads past nr */
	out = arena_alloc_aligned(b->arena, (nr_all ? nr_all : 1) *
				  sizeof(*out) + (nr_all + 7) / 8,
				  alignof(struct floe_pair));
	if (!out || keyset_init(&seen, nr_all))
		goto oom;
	bits = (unsigned char *)(out + (nr_all ? nr_all : 1));
	memset(bits, 0, (nr_all + 7) / 8);
	for (size_t i = 0; i < nr_all; i++) {
		size_t j;

		out[nr_out] = all[i].pair;
		j = keyset_put(&seen, out, nr_out);
		if (j == (size_t)-1)
			j = nr_out++;
		else
			out[j] = all[i].pair;
		if (all[i].merged)
			bits[j / 8] |= (unsigned char)(1u << (j % 8));
		else
			bits[j / 8] &= (unsigned char)~(1u << (j % 8));
	}
	/* the bits follow pairs[nr]: move them up to the pairs kept */
	memmove(out + nr_out, bits, (nr_out + 7) / 8);
	f->node->pub.pairs = out;
	f->node->pub.nr = (uint32_t)nr_out;
	if (merges)
		f->node->pub.flags |= FLOE_NODE_MERGED;
	ret = 0;
	goto out;
oom:
	nomem(b);
out:
	free(seen.slots);
	free(all);
	return ret;
}

static int pop(struct builder *b, yaml_mark_t end)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct tnode *n = f->node;
	size_t weight = f->weight, bytes = f->bytes;
	const char *anchor = f->anchor;
	int ret = place(b, n, floe_node_start(&n->pub), mark_pos(end));

	if (n->pub.kind == FLOE_NODE_MAP) {
		if (finish_map(b, f))
			ret = -1;
	} else {
		const struct floe_node **items = NULL;

		if (f->nr) {
			items = arena_alloc_aligned(
				b->arena, f->nr * sizeof(*items),
				alignof(const struct floe_node *));
			if (!items)
				ret = nomem(b);
			else
				memcpy(items, f->items,
				       f->nr * sizeof(*items));
		}
		n->pub.items = items;
		n->pub.nr = (uint32_t)f->nr;
	}
	b->depth--;
	if (ret)
		return ret;
	if (anchor) {
		struct anchor *a = anchor_slot(b, anchor);

		a->weight = weight;
		a->bytes = bytes;
		a->complete = 1;
	}
	return add_child(b, n, weight, bytes,
			 floe_node_loc(b->file, &n->pub));
}

static const char *tag_suffix(const char *tag)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	if (!strncmp(tag, prefix, sizeof(prefix) - 1))
		return tag + sizeof(prefix) - 1;
	return NULL;
}

/*
 * 1-9 then digits: PyYAML's decimal int ([1-9][0-9_]*), the most common
 * number (list items, ports, threads), typed without the resolver's walk
 * through every pattern (test_yaml holds it to floe_yaml_resolve()).
 */
static bool plain_decimal(const char *s, size_t len)
{
	if (!len || s[0] < '1' || s[0] > '9')
		return false;
	for (size_t i = 1; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int scalar_event(struct builder *b, yaml_event_t *ev)
{
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct tnode *n;

	/* escapes such as \L (2 bytes, 3 once decoded) can outgrow the input */
	if (len > UINT32_MAX)
		return fail(b, mark_loc(b, ev->start_mark, ev->end_mark),
			    "a scalar of %zu bytes, more than 4 GiB", len);
	n = new_node(b, FLOE_NODE_SCALAR, ev->start_mark, ev->end_mark);
	if (!n)
		return -1;
	n->pub.value = scalar_text(b, value, len);
	if (!n->pub.value)
		return nomem(b);
	n->pub.len = (uint32_t)len;	/* refused above past UINT32_MAX */
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->pub.style = FLOE_STYLE_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->pub.style = FLOE_STYLE_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
		n->pub.style = FLOE_STYLE_LITERAL;
		break;
	case YAML_FOLDED_SCALAR_STYLE:
		n->pub.style = FLOE_STYLE_FOLDED;
		break;
	case YAML_ANY_SCALAR_STYLE:
	case YAML_PLAIN_SCALAR_STYLE:
		n->pub.style = FLOE_STYLE_PLAIN;
		break;
	}

	if (!tag || !strcmp(tag, "!")) {
		/*
		 * Like PyYAML (and the YAML 1.1 loaders before it), the
		 * non-specific tag `!` asks for implicit resolution even on a
		 * quoted scalar: `! "4"` is the integer 4.
		 */
		int plain = tag || n->pub.style == FLOE_STYLE_PLAIN;
		int decimal = plain && plain_decimal(value, len);

		n->pub.type = (unsigned char)(!plain ? FLOE_TYPE_STR
			      : decimal ? FLOE_TYPE_INT
			      : floe_yaml_resolve(value, len));
		if (plain && len == 1 && value[0] == '=')
			n->pub.flags |= NODE_VALUE_KEY;
		/*
		 * What the resolver types, PyYAML then constructs, and some
		 * texts it cannot: 0b_ is an int, and int('', 2) raises;
		 * 2023-02-30 a timestamp with no such day.
		 */
		if (!decimal && n->pub.type != FLOE_TYPE_STR &&
		    !py_constructs(&n->pub))
			return fail(b, mark_loc(b, ev->start_mark,
						ev->end_mark),
				    "PyYAML reads this value as %s but cannot "
				    "construct it, so dbt cannot load the file",
				    n->pub.type == FLOE_TYPE_INT ? "an int"
				    : n->pub.type == FLOE_TYPE_FLOAT ? "a float"
				    : n->pub.type == FLOE_TYPE_BOOL ? "a bool"
				    : "a timestamp");
	} else {
		/*
		 * An explicit standard tag: PyYAML's constructor for it must
		 * take the text (`!!float 3` is 3.0; `!!null x` is None).
		 */
		static const struct {
			const char *name;
			enum floe_type type;
		} tags[] = {
			{ "str", FLOE_TYPE_STR }, { "null", FLOE_TYPE_NULL },
			{ "bool", FLOE_TYPE_BOOL }, { "int", FLOE_TYPE_INT },
			{ "float", FLOE_TYPE_FLOAT },
			{ "timestamp", FLOE_TYPE_TIMESTAMP },
		};
		const char *s = tag_suffix(tag);
		size_t i;

		for (i = 0; s && i < sizeof(tags) / sizeof(tags[0]); i++)
			if (!strcmp(s, tags[i].name))
				break;
		if (!s || i == sizeof(tags) / sizeof(tags[0]))
			return fail(b, mark_loc(b, ev->start_mark,
						ev->end_mark),
				    "unsupported tag '%s' (dbt reads YAML "
				    "with PyYAML's safe loader)",
				    shown_name(b, tag));
		n->pub.type = tags[i].type;
		if (!py_constructs(&n->pub))
			return fail(b, mark_loc(b, ev->start_mark,
						ev->end_mark),
				    "the value does not fit its tag '%s'",
				    shown_name(b, tag));
	}
	if (ev->data.scalar.anchor &&
	    !anchor_add(b, (const char *)ev->data.scalar.anchor, n,
			ev->start_mark))
		return -1;
	return add_child(b, n, 1, len,
			 mark_loc(b, ev->start_mark, ev->end_mark));
}

static int collection_tag_ok(struct builder *b, yaml_event_t *ev,
			     const char *tag, const char *want)
{
	const char *s;

	if (!tag || !strcmp(tag, "!"))
		return 0;
	s = tag_suffix(tag);
	if (s && !strcmp(s, want))
		return 0;
	return fail(b, mark_loc(b, ev->start_mark, ev->end_mark),
		    "unsupported tag '%s' (dbt reads YAML with PyYAML's safe "
		    "loader)", shown_name(b, tag));
}

static int alias_event(struct builder *b, yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct anchor *n = anchor_find(b, name);
	struct floe_loc loc = mark_loc(b, ev->start_mark, ev->end_mark);

	if (!n)
		return fail(b, loc, "undefined alias '*%s'",
			    shown_name(b, name));
	if (!n->complete)
		return fail(b, loc, "alias '*%s' refers to a node that "
			    "contains it (an alias cycle)",
			    shown_name(b, name));
	/*
	 * The alias stands for every node and byte of its anchor, expanded:
	 * a "billion laughs" is stopped here, as is a long scalar aliased
	 * a hundred thousand times, at the first alias past a limit.
	 */
	loc.end = loc.start;
	if (n->weight > b->lim.max_expanded - b->alias_nodes)
		return fail(b, loc, "aliases expand the document by more "
			    "than %zu nodes; refusing to read it",
			    b->lim.max_expanded);
	if (n->bytes > b->lim.max_expanded_bytes - b->alias_bytes)
		return fail(b, loc, "aliases expand the document by more "
			    "than %zu bytes; refusing to read it",
			    b->lim.max_expanded_bytes);
	b->alias_nodes += n->weight;
	b->alias_bytes += n->bytes;
	b->nr_aliases++;
	return add_child(b, n->node, n->weight, n->bytes, loc);
}

/*
 * Line and column of a byte offset, counting code points and line breaks
 * as libyaml does: LF, CR, CRLF, NEL (U+0085), LS and PS (U+2028/9).
 */
static struct floe_pos offset_pos(const char *buf, size_t len, size_t off)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct floe_pos p = { 1, 1 };

	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		int brk = s[i] == '\n' ||
			  (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')) ||
			  (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85) ||
			  (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
			   (s[i + 2] == 0xA8 || s[i + 2] == 0xA9));

		if (brk) {
			p.line++;
			p.column = 1;
			/* skip the rest of a multi-byte break */
			while (i + 1 < off && (s[i + 1] & 0xC0) == 0x80)
				i++;
		} else if ((s[i] & 0xC0) != 0x80) {
			p.column++;
		}
	}
	return p;
}

static void parser_error(struct builder *b, yaml_parser_t *p)
{
	struct floe_loc loc = { b->file, { 0, 0 }, { 0, 0 } };
	int r;

	if (p->error == YAML_MEMORY_ERROR) {
		b->err = FLOE_ERR_NOMEM;
		return;
	}
	if (p->error == YAML_READER_ERROR && b->read_err != FLOE_OK) {
		b->err = b->read_err;	/* said by read_input() */
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* problem_offset counts bytes of what libyaml was given */
		size_t off = p->problem_offset + b->bom;

		if (!b->buf && b->reader && b->reader->text) {
			b->buf = b->reader->text(b->reader->arg, &b->len);
			if (b->buf && b->len >= b->bom) {	/* as read */
				b->buf += b->bom;
				b->len -= b->bom;
			}
		}
		loc.start = offset_pos(b->buf ? b->buf : "", b->buf ? b->len
				       : 0, p->problem_offset);
		loc.end = loc.start;
		if (p->problem_value != -1)
			r = floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX, loc,
					    "cannot read the input as text: "
					    "%s (byte #x%02X at offset %zu)",
					    p->problem, p->problem_value, off);
		else
			r = floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX, loc,
					    "cannot read the input as text: "
					    "%s (at offset %zu)", p->problem,
					    off);
	} else if (p->context && p->error == YAML_SCANNER_ERROR) {
		/*
		 * A scanner's context is where the token that failed begins
		 * (the opening quote of an unterminated string): that is
		 * where a person must look, so it is the primary position.
		 */
		loc.start = mark_pos(p->context_mark);
		loc.end = mark_pos(p->problem_mark);
		r = floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX, loc,
				    "%s: %s at %u:%u", p->context,
				    p->problem ? p->problem : "syntax error",
				    loc.end.line, loc.end.column);
	} else if (p->context) {
		/*
		 * A parser's context is the collection being read, which may
		 * start far above the mistake (at 1:1 for any indentation
		 * error in a profile): the problem is the primary position.
		 */
		struct floe_pos ctx = mark_pos(p->context_mark);

		loc.start = mark_pos(p->problem_mark);
		loc.end = loc.start;
		r = floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX, loc,
				    "%s (%s that starts at %u:%u)",
				    p->problem ? p->problem : "syntax error",
				    p->context, ctx.line, ctx.column);
	} else {
		loc.start = mark_pos(p->problem_mark);
		loc.end = loc.start;
		r = floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX, loc, "%s",
				    p->problem ? p->problem : "syntax error");
	}
	b->err = r ? FLOE_ERR_NOMEM : FLOE_ERR_INPUT;
}

static int handle_event(struct builder *b, yaml_event_t *ev, int *ndocs)
{
	const char *anchor, *tag;
	struct tnode *n;

	switch (ev->type) {
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if ((*ndocs)++)
			return fail(b, mark_loc(b, ev->start_mark,
						ev->end_mark),
				    "%s", "a second YAML document starts "
				    "here; dbt reads only one document per "
				    "file");
		return 0;
	case YAML_ALIAS_EVENT:
		return alias_event(b, ev);
	case YAML_SCALAR_EVENT:
		return scalar_event(b, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_map = ev->type == YAML_MAPPING_START_EVENT;

		anchor = (const char *)(is_map ? ev->data.mapping_start.anchor
					: ev->data.sequence_start.anchor);
		tag = (const char *)(is_map ? ev->data.mapping_start.tag
				     : ev->data.sequence_start.tag);
		if (collection_tag_ok(b, ev, tag, is_map ? "map" : "seq"))
			return -1;
		n = new_node(b, is_map ? FLOE_NODE_MAP : FLOE_NODE_SEQ,
			     ev->start_mark, ev->end_mark);
		if (!n)
			return -1;
		return push(b, n, anchor, ev->start_mark);
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return pop(b, ev->end_mark);
	}
	return 0;
}

static atomic_ulong parse_count;

unsigned long floe_yaml_parse_count(void)
{
	return atomic_load(&parse_count);
}

static void builder_init(struct builder *b, const char *file,
			 const struct floe_yaml_limits *limits,
			 struct floe_diags *diags)
{
	atomic_fetch_add(&parse_count, 1);
	memset(b, 0, sizeof(*b));
	b->file = file;
	b->diags = diags;
	b->lim = limits ? *limits : floe_yaml_default_limits();
	if (!b->lim.max_expanded_bytes)
		b->lim.max_expanded_bytes = FLOE_YAML_MAX_EXPANDED_BYTES;
	/* a node's len and nr are 32 bits: no input reaches 4 GiB */
	if (b->lim.max_bytes > FLOE_YAML_MAX_BYTES_CEILING)
		b->lim.max_bytes = FLOE_YAML_MAX_BYTES_CEILING;
}

/* FP001 for an input over limits.max_bytes (`len` of it at least). */
static enum floe_err too_big(struct builder *b, size_t len, int all)
{
	struct floe_loc loc = { b->file, { 0, 0 }, { 0, 0 } };

	if (floe_diags_addf(b->diags, FLOE_SEV_ERROR, FLOE_RULE_YAML_SYNTAX,
			    loc, "the file is %s%zu bytes, more than the "
			    "limit of %zu", all ? "" : "over ", len,
			    b->lim.max_bytes))
		return FLOE_ERR_NOMEM;
	return FLOE_ERR_TOO_BIG;
}

/*
 * libyaml's read handler for floe_yaml_parse_from(): the reader's bytes,
 * a UTF-8 byte order mark skipped as floe_yaml_parse() skips it.  Each
 * call fills what libyaml asks for, as libyaml's own string handler
 * does, so that libyaml decodes as far ahead, and meets a byte that is
 * not UTF-8 at the same point of the parse, as when given the whole text.
 * A failure is kept for parser_error(), libyaml told only that reading
 * failed.
 */
static int read_input(void *arg, unsigned char *ubuf, size_t size,
		      size_t *got)
{
	struct builder *b = arg;
	const struct floe_yaml_reader *r = b->reader;
	char *buf = (char *)ubuf;
	enum floe_err err = FLOE_OK;
	size_t n = 0, more = 1;

	*got = 0;
	while (err == FLOE_OK && more && n < size) {
		err = r->read(r->arg, buf + n, size - n, &more);
		n += more;
		if (b->bom_known || (n < 3 && more && err == FLOE_OK))
			continue;
		b->bom_known = true;	/* from the first 3 bytes, or all */
		if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
			b->bom = 3;
			memmove(buf, buf + 3, n - 3);
			b->nread = 3;
			n -= 3;
		}
	}
	if (err == FLOE_OK && (b->nread > b->lim.max_bytes ||
			       n > b->lim.max_bytes - b->nread))
		err = too_big(b, b->lim.max_bytes, 0);	/* a mark past a
							 * limit under 3 too */
	if (err != FLOE_OK) {
		b->read_err = err;
		return 0;
	}
	b->nread += n;
	*got = n;
	return 1;
}

/* Parse with a parser whose input is set; free what only the parse
 * needed; the document, or the failure. */
static enum floe_err run_parser(struct builder *b, yaml_parser_t *parser,
				struct floe_doc **out)
{
	struct floe_doc *doc = NULL;
	int ndocs = 0, done = 0;

	yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING);
	while (!done && b->err == FLOE_OK) {
		yaml_event_t ev;

		if (!yaml_parser_parse(parser, &ev)) {
			parser_error(b, parser);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		handle_event(b, &ev, &ndocs);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(parser);

	for (size_t i = 0; i < b->stack_alloc; i++) {
		free(b->stack[i].pairs);
		free(b->stack[i].items);
	}
	free(b->stack);
	free(b->anchors);
	free(b->interned);

	if (b->err == FLOE_OK) {
		doc = arena_alloc(b->arena, sizeof(*doc));
		if (!doc)
			b->err = FLOE_ERR_NOMEM;
	}
	if (b->err != FLOE_OK) {
		arena_free(b->arena);
		return b->err;
	}
	doc->file = b->file;
	doc->root = b->have_root ? b->root : NULL;
	doc->nr_aliases = b->nr_aliases;
	doc->arena = b->arena;
	*out = doc;
	return FLOE_OK;
}

/* The arena and the parser of a builder; FLOE_ERR_NOMEM. */
static enum floe_err start_parser(struct builder *b, yaml_parser_t *parser)
{
	b->arena = arena_new();
	if (!b->arena)
		return FLOE_ERR_NOMEM;
	if (!yaml_parser_initialize(parser)) {
		arena_free(b->arena);
		return FLOE_ERR_NOMEM;
	}
	return FLOE_OK;
}

enum floe_err floe_yaml_parse(const char *file, const char *buf, size_t len,
			      const struct floe_yaml_limits *limits,
			      struct floe_doc **out, struct floe_diags *diags)
{
	struct builder b;
	yaml_parser_t parser;

	builder_init(&b, file, limits, diags);
	if (len > b.lim.max_bytes)
		return too_big(&b, len, 1);
	/*
	 * dbt decodes the file as UTF-8 before PyYAML reads it, so a UTF-16
	 * or UTF-32 byte order mark is an error, not an encoding: libyaml is
	 * told the encoding instead of guessing it.  A UTF-8 byte order mark
	 * (which PyYAML skips) is skipped here, so that it is not counted as
	 * a column of the first line.
	 */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		b.bom = 3;
	b.buf = len ? buf + b.bom : "";	/* libyaml asserts a non-NULL input */
	b.len = len - b.bom;
	if (start_parser(&b, &parser) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)b.buf,
				     b.len);
	return run_parser(&b, &parser, out);
}

enum floe_err floe_yaml_parse_from(const char *file,
				   const struct floe_yaml_reader *reader,
				   const struct floe_yaml_limits *limits,
				   struct floe_doc **out,
				   struct floe_diags *diags)
{
	struct builder b;
	yaml_parser_t parser;

	builder_init(&b, file, limits, diags);
	b.reader = reader;
	if (start_parser(&b, &parser) != FLOE_OK)
		return FLOE_ERR_NOMEM;
	yaml_parser_set_input(&parser, read_input, &b);
	return run_parser(&b, &parser, out);
}

void floe_doc_free(struct floe_doc *doc)
{
	if (doc)
		arena_free(doc->arena);	/* the doc lives in its own arena */
}

const struct floe_pair *floe_map_pair_n(const struct floe_node *map,
					const char *key, size_t len)
{
	if (!map || map->kind != FLOE_NODE_MAP)
		return NULL;
	/* rules look names up many times per output: the length and the
	 * first byte decide most rows without a call */
	for (size_t i = 0; i < map->nr; i++) {
		const struct floe_node *k = map->pairs[i].key;

		if (k->len == len && k->type == FLOE_TYPE_STR &&
		    (!len || (k->value[0] == key[0] &&
			      !memcmp(k->value, key, len))))
			return &map->pairs[i];
	}
	return NULL;
}

/* the flags floe_node_same() compares: not how the positions are kept */
static inline bool same_flags(const struct floe_node *a,
			      const struct floe_node *b)
{
	return !((a->flags ^ b->flags) &
		 ~(unsigned)(FLOE_NODE_FAR | FLOE_NODE_ONE_LINE));
}

/* floe_node_same() of two scalars, or of two nodes that are one */
static inline bool same_scalar(const struct floe_node *a,
			       const struct floe_node *b)
{
	return a == b ||
	       (a->kind == FLOE_NODE_SCALAR && b->kind == FLOE_NODE_SCALAR &&
		a->type == b->type && a->style == b->style &&
		same_flags(a, b) && a->len == b->len &&
		(a->value == b->value || !memcmp(a->value, b->value, a->len)));
}

/* what floe_node_same() asks of a child: scalars are decided here */
static inline bool same_child(const struct floe_node *a,
			      const struct floe_node *b, size_t *budget)
{
	if (a->kind == FLOE_NODE_SCALAR || a == b) {
		if (!*budget)
			return false;
		(*budget)--;
		return same_scalar(a, b);
	}
	return floe_node_same(a, b, budget);
}

bool floe_node_same(const struct floe_node *a, const struct floe_node *b,
		    size_t *budget)
{
	if (a == b)
		return true;
	if (!a || !b || !*budget)
		return false;
	(*budget)--;
	if (a->kind == FLOE_NODE_SCALAR)
		return same_scalar(a, b);
	if (a->kind != b->kind || !same_flags(a, b) || a->nr != b->nr)
		return false;
	if (a->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < a->nr; i++)
			if (!same_child(a->items[i], b->items[i], budget))
				return false;
		return true;
	}
	for (size_t i = 0; i < a->nr; i++)
		if (floe_pair_merged(a, &a->pairs[i]) !=
		    floe_pair_merged(b, &b->pairs[i]) ||
		    !same_child(a->pairs[i].key, b->pairs[i].key, budget) ||
		    !same_child(a->pairs[i].value, b->pairs[i].value, budget))
			return false;
	return true;
}

struct floe_loc floe_node_loc(const char *file, const struct floe_node *n)
{
	struct floe_loc loc = { file, { 0, 0 }, { 0, 0 } };

	if (n)
		floe_node_span(n, &loc.start, &loc.end);
	return loc;
}

const char *floe_node_describe(const struct floe_node *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case FLOE_NODE_MAP:
		return "a mapping";
	case FLOE_NODE_SEQ:
		return "a list";
	case FLOE_NODE_SCALAR:
		break;
	}
	switch (n->type) {
	case FLOE_TYPE_STR:
		return "a string";
	case FLOE_TYPE_NULL:
		return "null";
	case FLOE_TYPE_BOOL:
		return "a boolean";
	case FLOE_TYPE_INT:
		return "an integer";
	case FLOE_TYPE_FLOAT:
		return "a float";
	case FLOE_TYPE_TIMESTAMP:
		return "a timestamp";
	case FLOE_TYPE_MERGE:
		return "a merge key";
	}
	return "a scalar";
}
