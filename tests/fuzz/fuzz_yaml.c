/*
 * libFuzzer harness: the YAML front end.
 *
 * floe_yaml_parse() with the default limits, then a walk over the whole
 * tree (aliases expanded) that touches every node and checks what
 * include/floe/yaml.h promises: keys are scalars, scalars are
 * NUL-terminated, a str key appears once per mapping, and the expanded
 * tree is no larger than what is written plus max_expanded nodes and
 * max_expanded_bytes bytes of scalars.
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

void floe_fuzz_yaml(const uint8_t *data, size_t size)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_doc *doc = NULL;
	enum floe_err err;

	err = floe_yaml_parse("fuzz.yml", (const char *)data, size, &lim,
			      &doc, &d);
	if (err == FLOE_OK) {
		FUZZ_CHECK(doc != NULL);
		if (doc->root) {
			/*
			 * what is written (at most two nodes a byte: `[:,:]`)
			 * plus what the aliases may add
			 */
			struct walk w = { 0, lim.max_expanded + 2 * size + 2,
					  0, 0, lim.max_expanded_bytes + size };

			walk_node(&w, doc->root, 0);
		}
		floe_doc_free(doc);
	} else {
		FUZZ_CHECK(doc == NULL);
		FUZZ_CHECK(err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG);
		/* the reason is in the diags */
		FUZZ_CHECK(err == FLOE_ERR_TOO_BIG || d.nr_errors > 0);
	}
	for (size_t i = 0; i < d.nr; i++)
		FUZZ_CHECK(d.items[i].message != NULL);
	floe_diags_release(&d);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_yaml(data, size);
	return 0;
}
#endif
