/*
 * yemit: write YAML through libyaml's emitter (internal).
 *
 * Errors are sticky: after the first failure every call is a no-op and
 * yemit_finish() reports it, so emitting code reads as a plain sequence.
 * Block style, indent 2, no line folding, UTF-8 as is.
 */
#ifndef FLOE_YAML_EMIT_H
#define FLOE_YAML_EMIT_H

#include <yaml.h>

#include "strbuf.h"

struct yemit {
	yaml_emitter_t em;
	struct strbuf *out;
	int failed;		/* 1 emitter error, 2 out of memory */
	int initialized;
};

int yemit_init(struct yemit *e, struct strbuf *out);
void yemit_map_start(struct yemit *e);
void yemit_map_end(struct yemit *e);
void yemit_seq_start(struct yemit *e);
void yemit_seq_end(struct yemit *e);
/** A string, quoted whenever a YAML 1.1 reader could retype it. */
void yemit_str(struct yemit *e, const char *s);
void yemit_int(struct yemit *e, long long v);
void yemit_kv(struct yemit *e, const char *key, const char *value);
void yemit_kv_int(struct yemit *e, const char *key, long long value);
/** Flush and release; 0 on success, -1 emitter error, -2 no memory. */
int yemit_finish(struct yemit *e);

/** True if `s` may be written as a plain scalar and read back as a str. */
int yemit_plain_ok(const char *s);

#endif
