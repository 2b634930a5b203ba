#include "yaml_emit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/yaml.h"

static int write_handler(void *data, unsigned char *buf, size_t size)
{
	struct yemit *e = data;

	if (strbuf_add(e->out, buf, size)) {
		e->failed = 2;
		return 0;
	}
	return 1;
}

/* Why libyaml's emitter failed: 2 when it ran out of memory, else 1. */
static int emitter_error(const struct yemit *e)
{
	return e->em.error == YAML_MEMORY_ERROR ? 2 : 1;
}

int yemit_init(struct yemit *e, struct strbuf *out)
{
	yaml_event_t ev;

	memset(e, 0, sizeof(*e));
	e->out = out;
	if (!yaml_emitter_initialize(&e->em))
		return -2;
	e->initialized = 1;
	yaml_emitter_set_output(&e->em, write_handler, e);
	yaml_emitter_set_unicode(&e->em, 1);
	yaml_emitter_set_width(&e->em, -1);
	yaml_emitter_set_indent(&e->em, 2);
	yaml_emitter_set_break(&e->em, YAML_LN_BREAK);
	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
	    !yaml_emitter_emit(&e->em, &ev))
		e->failed = e->failed ? e->failed : emitter_error(e);
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
	    !yaml_emitter_emit(&e->em, &ev))
		e->failed = e->failed ? e->failed : emitter_error(e);
	return e->failed ? -e->failed : 0;
}

static void emit(struct yemit *e, yaml_event_t *ev, int ok)
{
	if (!ok) {
		e->failed = 2;
		return;
	}
	/* yaml_emitter_emit takes the event, even when it fails */
	if (!yaml_emitter_emit(&e->em, ev) && !e->failed)
		e->failed = emitter_error(e);
}

void yemit_map_start(struct yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	emit(e, &ev, yaml_mapping_start_event_initialize(
		     &ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void yemit_map_end(struct yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	emit(e, &ev, yaml_mapping_end_event_initialize(&ev));
}

void yemit_seq_start(struct yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	emit(e, &ev, yaml_sequence_start_event_initialize(
		     &ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
}

void yemit_seq_end(struct yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	emit(e, &ev, yaml_sequence_end_event_initialize(&ev));
}

int yemit_plain_ok(const char *s)
{
	/*
	 * Deliberately narrower than YAML allows: identifiers, paths and
	 * versions stay plain; anything with ':', spaces, quotes, braces or
	 * a leading indicator is double-quoted, so nobody has to know the
	 * YAML 1.1 rules to read the file.
	 */
	size_t n = strlen(s);

	if (!n || !(s[0] == '_' || s[0] == '/' ||
		    (s[0] >= '0' && s[0] <= '9') ||
		    (s[0] >= 'a' && s[0] <= 'z') ||
		    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '_' || c == '-' ||
		      c == '.' || c == '/'))
			return 0;
	}
	/* also quote what a YAML 1.2 reader would take for a number */
	if ((s[0] >= '0' && s[0] <= '9') || s[0] == '.') {
		char *end;

		(void)strtod(s, &end);
		if (!*end)
			return 0;
		/* 0o17, YAML 1.2's octal, where strtod stops at the 'o' */
		if (s[0] == '0' && s[1] == 'o' && n > 2 &&
		    strspn(s + 2, "01234567") == n - 2)
			return 0;
	}
	/* y, Y, n and N are YAML 1.1 booleans (though not to PyYAML) */
	if (n == 1 && strchr("yYnN", s[0]))
		return 0;
	return floe_yaml_resolve(s, n) == FLOE_TYPE_STR;
}

static void scalar(struct yemit *e, const char *s, size_t len,
		   yaml_scalar_style_t style, int plain_implicit)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	emit(e, &ev, yaml_scalar_event_initialize(
		     &ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)len,
		     plain_implicit, !plain_implicit, style));
}

void yemit_str(struct yemit *e, const char *s)
{
	if (yemit_plain_ok(s))
		scalar(e, s, strlen(s), YAML_PLAIN_SCALAR_STYLE, 1);
	else
		scalar(e, s, strlen(s), YAML_DOUBLE_QUOTED_SCALAR_STYLE, 0);
}

void yemit_int(struct yemit *e, long long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", v);

	scalar(e, buf, (size_t)n, YAML_PLAIN_SCALAR_STYLE, 1);
}

void yemit_kv(struct yemit *e, const char *key, const char *value)
{
	yemit_str(e, key);
	yemit_str(e, value);
}

void yemit_kv_int(struct yemit *e, const char *key, long long value)
{
	yemit_str(e, key);
	yemit_int(e, value);
}

int yemit_finish(struct yemit *e)
{
	yaml_event_t ev;
	int ret;

	if (!e->failed) {
		emit(e, &ev, yaml_document_end_event_initialize(&ev, 1));
		if (!e->failed)
			emit(e, &ev, yaml_stream_end_event_initialize(&ev));
		if (!e->failed && !yaml_emitter_flush(&e->em))
			e->failed = e->failed ? e->failed : emitter_error(e);
	}
	ret = -e->failed;
	if (e->initialized)
		yaml_emitter_delete(&e->em);
	e->initialized = 0;
	return ret;
}
