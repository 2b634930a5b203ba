/*
 * Reading a baseline back (the writer is floe_report_baseline()).  The
 * file is JSON, which the YAML front end reads with its limits and
 * positions, so a broken baseline is reported where it is broken.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "floe/baseline.h"
#include "floe/yaml.h"

struct entry {
	char fp[FLOE_FINGERPRINT_SIZE];
	int used;
};

struct floe_baseline {
	struct entry *items;
	size_t nr, alloc;
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->fp,
		      ((const struct entry *)b)->fp);
}

static enum floe_err fail(struct floe_diags *diags, const char *file,
				  const struct floe_node *at, const char *what)
{
	if (floe_diags_addf(diags, FLOE_SEV_ERROR, FLOE_RULE_NONE,
			    floe_node_loc(file, at), "not a floe-profiles "
			    "baseline: %s", what))
		return FLOE_ERR_NOMEM;
	return FLOE_ERR_INPUT;
}

/* "0123456789abcdef:1": 16 hex digits, ':', an occurrence from 1. */
static int valid_fingerprint(const struct floe_node *n)
{
	size_t i;

	if (!floe_node_is_str(n) || n->len >= FLOE_FINGERPRINT_SIZE ||
	    n->len < 18 || strlen(n->value) != n->len)
		return 0;
	for (i = 0; i < 16; i++)
		if (!strchr("0123456789abcdef", n->value[i]) || !n->value[i])
			return 0;
	if (n->value[16] != ':' || n->value[17] < '1' || n->value[17] > '9')
		return 0;
	for (i = 18; i < n->len; i++)
		if (n->value[i] < '0' || n->value[i] > '9')
			return 0;
	return 1;
}

static enum floe_err bind(const char *file, const struct floe_node *root,
			  struct floe_baseline *b, struct floe_diags *diags)
{
	const struct floe_node *version, *findings;

	if (!root || root->kind != FLOE_NODE_MAP)
		return fail(diags, file, root, "the file must be a JSON "
			    "object with \"version\" and \"findings\"");
	version = floe_map_get(root, "version");
	if (!version || version->kind != FLOE_NODE_SCALAR ||
	    strcmp(version->value, "1"))
		return fail(diags, file, version ? version : root,
			    "\"version\" must be 1");
	findings = floe_map_get(root, "findings");
	if (!findings || findings->kind != FLOE_NODE_SEQ)
		return fail(diags, file, findings ? findings : root,
			    "\"findings\" must be an array");
	for (size_t i = 0; i < findings->nr; i++) {
		const struct floe_node *f = findings->items[i];
		const struct floe_node *fp = floe_map_get(f, "fingerprint");

		if (!f || f->kind != FLOE_NODE_MAP)
			return fail(diags, file, f, "each finding must be an "
				    "object with a \"fingerprint\"");
		if (!valid_fingerprint(fp))
			return fail(diags, file, fp ? fp : f, "\"fingerprint\" "
				    "must be a string like "
				    "\"0123456789abcdef:1\"");
		if (ALLOC_GROW(b->items, b->nr + 1, b->alloc))
			return FLOE_ERR_NOMEM;
		memset(&b->items[b->nr], 0, sizeof(b->items[b->nr]));
		memcpy(b->items[b->nr].fp, fp->value, fp->len);
		b->nr++;
	}
	if (b->nr)
		qsort(b->items, b->nr, sizeof(*b->items), cmp_entry);
	return FLOE_OK;
}

enum floe_err floe_baseline_parse(const char *file, const char *buf,
				  size_t len, struct floe_baseline **out,
				  struct floe_diags *diags)
{
	struct floe_doc *doc = NULL;
	struct floe_baseline *b;
	enum floe_err err;

	err = floe_yaml_parse(file, buf, len, NULL, &doc, diags);
	if (err != FLOE_OK)
		return err;
	b = calloc(1, sizeof(*b));
	if (!b) {
		floe_doc_free(doc);
		return FLOE_ERR_NOMEM;
	}
	err = bind(file, doc->root, b, diags);
	floe_doc_free(doc);
	if (err != FLOE_OK) {
		floe_baseline_free(b);
		return err;
	}
	*out = b;
	return FLOE_OK;
}

static struct entry *find(struct floe_baseline *b, const char *fp)
{
	struct entry key;

	if (!b->nr || strlen(fp) >= sizeof(key.fp))
		return NULL;
	memset(&key, 0, sizeof(key));
	memcpy(key.fp, fp, strlen(fp));
	return bsearch(&key, b->items, b->nr, sizeof(*b->items), cmp_entry);
}

size_t floe_baseline_apply(struct floe_baseline *b, struct floe_diags *d,
			   const struct floe_fingerprint *fp)
{
	size_t removed = 0;

	/* from the end: removing item i (and its notes, after it) leaves
	 * the items before i, and their fingerprints, where they were */
	for (size_t i = d->nr; i-- > 0;) {
		struct entry *e;

		if (d->items[i].severity == FLOE_SEV_NOTE || !fp[i].text[0])
			continue;
		e = find(b, fp[i].text);
		if (!e)
			continue;
		e->used = 1;
		floe_diags_remove(d, i);
		removed++;
	}
	return removed;
}

size_t floe_baseline_unmatched(const struct floe_baseline *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nr; i++)
		n += !b->items[i].used;
	return n;
}

size_t floe_baseline_size(const struct floe_baseline *b)
{
	return b->nr;
}

void floe_baseline_free(struct floe_baseline *b)
{
	if (!b)
		return;
	free(b->items);
	free(b);
}
