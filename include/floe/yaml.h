/*
 * floe-profiles: the YAML front end.
 *
 * libyaml's event stream is turned into a tree that keeps the position of
 * every key and value, and that reads files the way dbt and floe read them
 * (both use PyYAML's SafeLoader):
 *
 *  - plain scalars are typed with PyYAML's YAML 1.1 resolvers (`yes` is a
 *    boolean, `0x10` an integer, `"4"` a string);
 *  - anchors and aliases are shared nodes (the tree is a DAG), and `<<`
 *    merge keys are applied exactly as PyYAML's flatten_mapping does;
 *  - a mapping's pairs have dict semantics: a later duplicate key wins
 *    (and is reported as a warning), the order is that of first insertion.
 *
 * It refuses, with a positioned error and in bounded time: syntax errors,
 * a second document, non-scalar keys, unknown tags, nesting deeper than
 * max_depth, aliases that add more than max_expanded nodes or
 * max_expanded_bytes bytes of scalars, alias cycles, duplicate anchors,
 * and input larger than max_bytes.
 *
 * Every node, string and pair lives in the document's arena and is freed
 * by floe_doc_free(); pointers into a document stay valid until then.
 */
#ifndef FLOE_YAML_H
#define FLOE_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "floe/diag.h"
#include "floe/error.h"

/*
 * The rule ids the front end's diagnostics carry; they are the same rules
 * for every command (see docs/rules.md).
 */
#define FLOE_RULE_YAML_SYNTAX FLOE_FP001		/* cannot be read */
#define FLOE_RULE_DUPLICATE_KEY FLOE_FP002		/* warning */
#define FLOE_RULE_JINJA_UNQUOTED FLOE_FP003	/* key is a mapping */

enum floe_node_kind {
	FLOE_NODE_SCALAR,
	FLOE_NODE_MAP,
	FLOE_NODE_SEQ
};

/* How PyYAML's SafeLoader types a scalar. */
enum floe_type {
	FLOE_TYPE_STR,
	FLOE_TYPE_NULL,
	FLOE_TYPE_BOOL,
	FLOE_TYPE_INT,
	FLOE_TYPE_FLOAT,
	FLOE_TYPE_TIMESTAMP,
	FLOE_TYPE_MERGE		/* the plain key `<<` */
};

enum floe_style {
	FLOE_STYLE_PLAIN,
	FLOE_STYLE_SINGLE,
	FLOE_STYLE_DOUBLE,
	FLOE_STYLE_LITERAL,
	FLOE_STYLE_FOLDED
};

struct floe_node;

/* 16 bytes: whether a pair came in through `<<` is floe_pair_merged(). */
struct floe_pair {
	const struct floe_node *key;	/* always a scalar */
	const struct floe_node *value;
};

/*
 * 24 bytes: a tree holds one per scalar and collection, so its size is
 * most of a document's memory (docs/DESIGN.md, "Scale").  kind, type and
 * style hold the enums above in a byte each; len and nr are 32 bits:
 * floe_yaml_parse() holds the input under 4 GiB and refuses a scalar that
 * decodes past it (`\L` is 2 bytes written, 3 decoded).
 *
 * A scalar's text and length share their places with a collection's
 * children and their count: read `value` and `len` only of a scalar,
 * `pairs` of a mapping, `items` of a sequence and `nr` of either, after
 * checking `kind` (floe_node_is_str(), floe_map_get() and the walkers
 * do).
 *
 * Where the node is written is read with floe_node_start() and
 * floe_node_end(): the two positions are packed into `where` when they
 * fit (every node of a usual file), else `where.far` points to them.
 */
struct floe_node {
	unsigned char kind;		/* enum floe_node_kind */
	/* FLOE_NODE_SCALAR (a collection's are 0) */
	unsigned char type;		/* enum floe_type */
	unsigned char style;		/* enum floe_style */
	unsigned char flags;		/* FLOE_NODE_MERGED, FLOE_NODE_FAR,
					 * FLOE_NODE_ONE_LINE; bit 0 is
					 * private to the builder */
	union {
		uint32_t len;		/* scalar: bytes of value */
		uint32_t nr;		/* collection: pairs or items */
	};
	union {
		uint64_t packed;		/* floe_node_pack() */
		const struct floe_pos *far;	/* FLOE_NODE_FAR: both */
	} where;
	union {
		const char *value;	/* scalar: NUL-terminated; may hold
					 * NULs */
		const struct floe_pair *pairs;		/* FLOE_NODE_MAP */
		const struct floe_node *const *items;	/* FLOE_NODE_SEQ */
	};
};

/*
 * flags of a mapping some of whose pairs came in through a `<<` merge:
 * its pairs are followed by a bitmap, one bit a pair (floe_pair_merged()),
 * so that the usual mapping pays nothing for the rare one.
 */
#define FLOE_NODE_MERGED 0x80u

/* flags: where.far points to the start and the end */
#define FLOE_NODE_FAR 0x40u
/* flags: where.packed holds a node on one line (the second layout) */
#define FLOE_NODE_ONE_LINE 0x20u

_Static_assert(sizeof(struct floe_node) <= 24,
	       "a node is 24 bytes (docs/DESIGN.md, \"Scale\")");

/*
 * The two layouts of where.packed, low bits first:
 *   several lines: start line 22 bits, start column 16, end line minus
 *                  start line 10, end column 16;
 *   one line:      line 24 bits, start column 28, end column minus start
 *                  column 12 (FLOE_NODE_ONE_LINE).
 * A usual file's nodes fit the first (a collection) or the second (a
 * scalar); a flow sequence on one long line fits the second.
 */
#define FLOE_PACK_BITS(v, shift, bits) \
	((unsigned)(((v) >> (shift)) & ((UINT64_C(1) << (bits)) - 1)))

/** Where `n` is written: its start and just after its end. */
static inline void floe_node_span(const struct floe_node *n,
				  struct floe_pos *start, struct floe_pos *end)
{
	uint64_t p;

	if (n->flags & FLOE_NODE_FAR) {
		*start = n->where.far[0];
		*end = n->where.far[1];
		return;
	}
	p = n->where.packed;
	if (n->flags & FLOE_NODE_ONE_LINE) {
		start->line = end->line = FLOE_PACK_BITS(p, 0, 24);
		start->column = FLOE_PACK_BITS(p, 24, 28);
		end->column = start->column + FLOE_PACK_BITS(p, 52, 12);
	} else {
		start->line = FLOE_PACK_BITS(p, 0, 22);
		start->column = FLOE_PACK_BITS(p, 22, 16);
		end->line = start->line + FLOE_PACK_BITS(p, 38, 10);
		end->column = FLOE_PACK_BITS(p, 48, 16);
	}
}

/** Where `n` is written (line 0 when unknown). */
static inline struct floe_pos floe_node_start(const struct floe_node *n)
{
	struct floe_pos start, end;

	floe_node_span(n, &start, &end);
	return start;
}

/** Just after where `n` is written. */
static inline struct floe_pos floe_node_end(const struct floe_node *n)
{
	struct floe_pos start, end;

	floe_node_span(n, &start, &end);
	return end;
}

/**
 * Pack `start` and `end` into `n` (its other flags kept); false, and `n`
 * unchanged, when they do not fit: then floe_node_place() them.
 */
static inline bool floe_node_pack(struct floe_node *n,
				  struct floe_pos start, struct floe_pos end)
{
	unsigned flags = n->flags & ~(FLOE_NODE_FAR | FLOE_NODE_ONE_LINE);

	if (start.line == end.line && end.column >= start.column &&
	    start.line < (1u << 24) && start.column < (1u << 28) &&
	    end.column - start.column < (1u << 12)) {
		n->where.packed = (uint64_t)start.line |
				  (uint64_t)start.column << 24 |
				  (uint64_t)(end.column - start.column) << 52;
		n->flags = (unsigned char)(flags | FLOE_NODE_ONE_LINE);
		return true;
	}
	if (end.line >= start.line && start.line < (1u << 22) &&
	    start.column < (1u << 16) && end.line - start.line < (1u << 10) &&
	    end.column < (1u << 16)) {
		n->where.packed = (uint64_t)start.line |
				  (uint64_t)start.column << 22 |
				  (uint64_t)(end.line - start.line) << 38 |
				  (uint64_t)end.column << 48;
		n->flags = (unsigned char)flags;
		return true;
	}
	return false;
}

/**
 * Set where `n` is written: packed when they fit, else kept in `room`
 * (two positions), which must live as long as `n` is read.
 */
static inline void floe_node_place(struct floe_node *n,
				   struct floe_pos start, struct floe_pos end,
				   struct floe_pos room[2])
{
	if (floe_node_pack(n, start, end))
		return;
	room[0] = start;
	room[1] = end;
	n->where.far = room;
	n->flags = (unsigned char)((n->flags | FLOE_NODE_FAR) &
				   ~FLOE_NODE_ONE_LINE);
}

/** Whether pair `p` of mapping `map` came in through a `<<` merge. */
static inline bool floe_pair_merged(const struct floe_node *map,
				    const struct floe_pair *p)
{
	size_t i = (size_t)(p - map->pairs);
	const unsigned char *bits;

	if (!(map->flags & FLOE_NODE_MERGED))
		return false;
	bits = (const unsigned char *)(map->pairs + map->nr);
	return bits[i / 8] & (1u << (i % 8));
}

/*
 * What a walker of the expanded tree visits is what is written plus what
 * the aliases add: the two alias limits bound the second part, so the
 * work on any document is linear in its size.
 */
struct floe_yaml_limits {
	size_t max_bytes;	/* input size cap, at most
				 * FLOE_YAML_MAX_BYTES_CEILING */
	unsigned max_depth;	/* nesting of collections */
	size_t max_expanded;	/* nodes that aliases add, all aliases */
	size_t max_expanded_bytes; /* scalar bytes that aliases add (keys
				    * included); 0: the default */
};

#define FLOE_YAML_MAX_BYTES (1024 * 1024)
/* max_bytes is held to this, whatever is asked (a node's len is 32 bits) */
#define FLOE_YAML_MAX_BYTES_CEILING ((size_t)UINT32_MAX)
#define FLOE_YAML_MAX_DEPTH 64
#define FLOE_YAML_MAX_EXPANDED 100000
#define FLOE_YAML_MAX_EXPANDED_BYTES (1024 * 1024)

struct floe_doc {
	const char *file;		/* borrowed display name */
	const struct floe_node *root;	/* NULL for an empty stream */
	/* the aliases read: with none, every node is written once in the
	 * text (no node is both a key and a value, or under two keys) */
	size_t nr_aliases;
	struct arena *arena;		/* private */
};

/** The default limits. */
struct floe_yaml_limits floe_yaml_default_limits(void);

/**
 * Parse one YAML document.
 * \param[in]  file   display name used in diagnostics (borrowed).
 * \param[in]  buf    the bytes; need not be NUL-terminated.
 * \param[in]  limits NULL for the defaults.
 * \param[out] out    on FLOE_OK a caller-owned document (free it with
 *                    floe_doc_free()); untouched otherwise.
 * \param[out] diags  syntax errors and warnings are appended here.
 * \return FLOE_OK (warnings may have been added), FLOE_ERR_INPUT when the
 *         input cannot be read as one YAML document (the reason is in
 *         the diags), FLOE_ERR_TOO_BIG, or FLOE_ERR_NOMEM.
 */
enum floe_err floe_yaml_parse(const char *file, const char *buf, size_t len,
			      const struct floe_yaml_limits *limits,
			      struct floe_doc **out, struct floe_diags *diags);

/*
 * Where floe_yaml_parse_from() reads its input: read() gives the next
 * bytes (`*got` 0 at the end) or a failure that ends the parse with it;
 * text(), which may be NULL, gives the whole input again, or NULL, for
 * the position of a byte that is not UTF-8 (an error's path only).
 */
struct floe_yaml_reader {
	enum floe_err (*read)(void *arg, char *buf, size_t size,
			      size_t *got);
	const char *(*text)(void *arg, size_t *len);
	void *arg;
};

/**
 * floe_yaml_parse() of an input read in blocks as the parse goes, not
 * held whole (docs/DESIGN.md, "Scale"): the same document, findings and
 * positions.  More than limits->max_bytes read is FLOE_ERR_TOO_BIG; a
 * failure of reader->read is returned as it is.
 */
enum floe_err floe_yaml_parse_from(const char *file,
				   const struct floe_yaml_reader *reader,
				   const struct floe_yaml_limits *limits,
				   struct floe_doc **out,
				   struct floe_diags *diags);

/**
 * How many times floe_yaml_parse() has been called in this process, for
 * tests that hold a run to one parse per file (issue 8).  Thread-safe.
 */
unsigned long floe_yaml_parse_count(void);

/** Free a document and everything in it; NULL is fine. */
void floe_doc_free(struct floe_doc *doc);

/** The pair for the `len` bytes of `key` (string keys only), or NULL
 * (also when `map` is not a mapping). */
const struct floe_pair *floe_map_pair_n(const struct floe_node *map,
					const char *key, size_t len);

/*
 * The three below are inline: every rule asks them many times per
 * output, and a literal key's length is then known when compiling.
 */

/** The pair for `key` (string keys only), or NULL. */
static inline const struct floe_pair *floe_map_pair(const struct floe_node *map,
						    const char *key)
{
	return floe_map_pair_n(map, key, strlen(key));
}

/** The value for `key` in a mapping, or NULL (also when `map` isn't one). */
static inline const struct floe_node *floe_map_get(const struct floe_node *map,
						   const char *key)
{
	const struct floe_pair *p = floe_map_pair(map, key);

	return p ? p->value : NULL;
}

/** True when `n` is a scalar that PyYAML reads as a str. */
static inline bool floe_node_is_str(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_STR;
}

/**
 * Whether `a` and `b` are written alike, wherever they are: the same kinds,
 * types, styles, texts and merge marks, pair by pair and item by item
 * (positions aside).  Compares at most *budget nodes (counted down) and
 * says false past them; a node shared through an alias is the same at
 * once.
 */
bool floe_node_same(const struct floe_node *a, const struct floe_node *b,
		    size_t *budget);

/** The location of a node in `file`. */
struct floe_loc floe_node_loc(const char *file, const struct floe_node *n);

/** "a string", "a mapping", "a boolean", ... for messages. */
const char *floe_node_describe(const struct floe_node *n);

/**
 * How PyYAML's SafeLoader would type a *plain* scalar with this text.
 * The emitter uses it to decide which strings must be quoted.
 */
enum floe_type floe_yaml_resolve(const char *s, size_t len);

/**
 * The integer value of a scalar PyYAML types as int (underscores, 0b, 0x,
 * leading-0 octal and base-60 forms included).
 * \return 0, or -1 if it is not such a scalar or does not fit.
 */
int floe_node_int(const struct floe_node *n, long long *out);

/** True for a scalar PyYAML types as a true bool (yes, true, on, y). */
bool floe_node_true(const struct floe_node *n);

/**
 * The float PyYAML constructs from a scalar it types as float
 * (construct_yaml_float: underscores dropped, .inf, .nan, base 60 summed
 * as Python does), to the bit.
 * \return 0, or -1 if it is not such a scalar.
 */
int floe_node_float(const struct floe_node *n, double *out);

#endif
