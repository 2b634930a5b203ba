/*
 * libFuzzer harness: the YAML front end.
 *
 * floe_yaml_parse() with the default limits, then a walk over the whole
 * tree (aliases expanded) that touches every node and checks what
 * include/floe/yaml.h promises: keys are scalars, scalars are
 * NUL-terminated, a str key appears once per mapping, and the expanded
 * tree is no larger than what is written plus max_expanded nodes and
 * max_expanded_bytes bytes of scalars.  Then floe_yaml_parse_from() of
 * the same bytes in blocks of 1 to 17 bytes (the sizes from the input)
 * must give the same result, findings and tree (the walk's sum holds
 * every position, text and type).
 */
#include <string.h>

#include "floe/yaml.h"
#include "fuzz.h"

struct walk {
	size_t visits, limit;
	unsigned long sum;
	size_t bytes, byte_limit;
};

static void touch_pos(struct walk *w, const struct floe_node *n)
{
	struct floe_loc loc = floe_node_loc("fuzz.yml", n);

	/* packed or kept apart, a node's positions come back in order */
	FUZZ_CHECK(loc.start.line >= 1 && loc.start.column >= 1);
	FUZZ_CHECK(loc.end.line > loc.start.line ||
		   (loc.end.line == loc.start.line &&
		    loc.end.column >= loc.start.column));
	w->sum += loc.start.line + loc.start.column + loc.end.line +
		  loc.end.column;
}

static void walk_node(struct walk *w, const struct floe_node *n,
		      unsigned depth)
{
	long long v;

	FUZZ_CHECK(n != NULL);
	w->visits++;
	FUZZ_CHECK(w->visits <= w->limit);
	FUZZ_CHECK(depth < 100000);
	touch_pos(w, n);
	w->sum += strlen(floe_node_describe(n));
	switch (n->kind) {
	case FLOE_NODE_SCALAR:
		FUZZ_CHECK(n->value != NULL);
		FUZZ_CHECK(n->value[n->len] == '\0');
		w->bytes += n->len;
		FUZZ_CHECK(w->bytes <= w->byte_limit);
		for (size_t i = 0; i < n->len; i++)
			w->sum += (unsigned char)n->value[i];
		w->sum += (unsigned)floe_yaml_resolve(n->value, n->len);
		w->sum += floe_node_is_str(n);
		if (!floe_node_int(n, &v))
			w->sum += (unsigned long)v;
		break;
	case FLOE_NODE_MAP:
		FUZZ_CHECK(n->nr == 0 || n->pairs != NULL);
		for (size_t i = 0; i < n->nr; i++) {
			const struct floe_node *k = n->pairs[i].key;

			FUZZ_CHECK(k != NULL && k->kind == FLOE_NODE_SCALAR);
			FUZZ_CHECK(n->pairs[i].value != NULL);
			/* a str key is found again, and only here */
			if (k->type == FLOE_TYPE_STR &&
			    strlen(k->value) == k->len && n->nr <= 64)
				FUZZ_CHECK(floe_map_pair(n, k->value) ==
					   &n->pairs[i]);
			walk_node(w, k, depth + 1);
			walk_node(w, n->pairs[i].value, depth + 1);
		}
		break;
	case FLOE_NODE_SEQ:
		FUZZ_CHECK(n->nr == 0 || n->items != NULL);
		for (size_t i = 0; i < n->nr; i++)
			walk_node(w, n->items[i], depth + 1);
		break;
	default:
		fprintf(stderr, "unknown node kind %d\n", (int)n->kind);
		abort();
	}
}

/* The fuzz input in blocks whose sizes its own bytes choose. */
struct blocks {
	const uint8_t *data;
	size_t size, at;
};

static enum floe_err read_blocks(void *arg, char *buf, size_t want,
				 size_t *got)
{
	struct blocks *b = arg;
	size_t n = 1 + (b->at < b->size ? b->data[b->at] % 17 : 0);

	if (n > want)
		n = want;
	if (n > b->size - b->at)
		n = b->size - b->at;
	memcpy(buf, b->data + b->at, n);
	b->at += n;
	*got = n;
	return FLOE_OK;
}

static const char *whole(void *arg, size_t *len)
{
	struct blocks *b = arg;

	*len = b->size;
	return (const char *)b->data;
}

/* The walk of a parse's tree (0 when none), for the other parse. */
static struct walk walk_doc(const struct floe_doc *doc, size_t size,
			    const struct floe_yaml_limits *lim)
{
	/* what is written (at most two nodes a byte: `[:,:]`) plus what
	 * the aliases may add */
	struct walk w = { 0, lim->max_expanded + 2 * size + 2, 0, 0,
			  lim->max_expanded_bytes + size };

	if (doc && doc->root)
		walk_node(&w, doc->root, 0);
	return w;
}

/* floe_yaml_parse_from() in blocks gives what the whole parse gave */
static void same_in_blocks(const uint8_t *data, size_t size,
			   const struct floe_yaml_limits *lim,
			   enum floe_err err, const struct floe_diags *d,
			   const struct walk *w)
{
	struct blocks b = { data, size, 0 };
	struct floe_yaml_reader in = { read_blocks, whole, &b };
	struct floe_diags d2 = FLOE_DIAGS_INIT;
	struct floe_doc *doc = NULL;
	struct walk w2;

	FUZZ_CHECK(floe_yaml_parse_from("fuzz.yml", &in, lim, &doc, &d2) ==
		   err);
	w2 = walk_doc(doc, size, lim);
	FUZZ_CHECK(w2.visits == w->visits && w2.sum == w->sum &&
		   w2.bytes == w->bytes);
	FUZZ_CHECK(d2.nr == d->nr);
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *x = &d->items[i], *y = &d2.items[i];

		FUZZ_CHECK(x->rule == y->rule && x->severity == y->severity);
		FUZZ_CHECK(!strcmp(x->message, y->message));
		FUZZ_CHECK(x->loc.start.line == y->loc.start.line &&
			   x->loc.start.column == y->loc.start.column &&
			   x->loc.end.line == y->loc.end.line &&
			   x->loc.end.column == y->loc.end.column);
	}
	floe_doc_free(doc);
	floe_diags_release(&d2);
}

void floe_fuzz_yaml(const uint8_t *data, size_t size)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_doc *doc = NULL;
	enum floe_err err;
	struct walk w;

	err = floe_yaml_parse("fuzz.yml", (const char *)data, size, &lim,
			      &doc, &d);
	w = walk_doc(doc, size, &lim);
	if (err == FLOE_OK) {
		FUZZ_CHECK(doc != NULL);
		floe_doc_free(doc);
	} else {
		FUZZ_CHECK(doc == NULL);
		FUZZ_CHECK(err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG);
		/* the reason is in the diags */
		FUZZ_CHECK(err == FLOE_ERR_TOO_BIG || d.nr_errors > 0);
	}
	for (size_t i = 0; i < d.nr; i++)
		FUZZ_CHECK(d.items[i].message != NULL);
	same_in_blocks(data, size, &lim, err, &d, &w);
	floe_diags_release(&d);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_yaml(data, size);
	return 0;
}
#endif
