/*
 * The platform binder's building blocks (internal).
 *
 * Two files describe a platform: floe-runtime's platform.yaml
 * (src/platform.c) and the successor floe's manifest.yaml
 * (src/manifest.c).  Both are bound into the same struct floe_platform
 * with the same typed getters, so a field has one type rule and one
 * message, whichever file it comes from.  Each getter names the field by
 * `path` and its key, reports at the offending node, and never repeats a
 * secret's value.
 */
#ifndef FLOE_PLATFORM_INT_H
#define FLOE_PLATFORM_INT_H

#include "floe/platform.h"

#define PLAT_PATH_MAX 256

struct binder {
	const char *file;
	struct floe_diags *diags;
	enum floe_err err;	/* FLOE_ERR_NOMEM wins over FLOE_ERR_INPUT */
};

void plat_report(struct binder *b, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
	FLOE_PRINTF(4, 5);

#define ERR(b, at, ...) plat_report(b, FLOE_SEV_ERROR, at, __VA_ARGS__)
#define WARN(b, at, ...) plat_report(b, FLOE_SEV_WARNING, at, __VA_ARGS__)

/* "path.key" into `out` (PLAT_PATH_MAX bytes); "key" when path is "". */
void plat_join(char *out, const char *path, const char *key);

/* A scalar quoted and cut to fit `size` (at least 6), for messages. */
const char *plat_show(const struct floe_node *n, char *buf, size_t size);

/* "a string ('x')", "a mapping", ... for messages. */
const char *plat_describe_value(const struct floe_node *n, char *buf,
				size_t size);

/* Warn about keys of `map` that are not in `known` (NULL-terminated). */
void plat_check_keys(struct binder *b, const struct floe_node *map,
		     const char *path, const char *const *known);

/*
 * A str field.  Returns the string, `dflt` when the key is absent, or
 * NULL after reporting an error (wrong type, or missing when required).
 */
const char *plat_get_str(struct binder *b, const struct floe_node *map,
			 const char *key, const char *path,
			 const char *dflt, int required,
			 const struct floe_node **node);

/* A bool field (a YAML boolean, never a string); `dflt` when absent. */
int plat_get_bool(struct binder *b, const struct floe_node *map,
		  const char *key, const char *path, int dflt);

/* An enum field: the index of the value in `vals`, `dflt` if absent. */
int plat_get_enum(struct binder *b, const struct floe_node *map,
		  const char *key, const char *path,
		  const char *const *vals, int dflt,
		  const struct floe_node **node);

/* A secret_ref name: letters, digits, '_' and '-', at most 253. */
int plat_valid_ref_name(const char *s);

/*
 * A str-or-{secret_ref} field.  `secret` marks a field whose literal
 * value must never appear (client_secret): a literal is an error that
 * does not repeat it.
 */
void plat_get_value(struct binder *b, const struct floe_node *map,
		    const char *key, const char *path, int secret,
		    struct floe_value *out);

/* 1 when `n` is a mapping, else an error naming `path` and 0. */
int plat_expect_map(struct binder *b, const struct floe_node *n,
		    const char *path);

/* floe's enum values, in the order of the enums in floe/platform.h. */
extern const char *const plat_catalog_types[];
extern const char *const plat_compute_types[];

/* manifest.c */

/* True when the root mapping says it is a manifest (apiVersion, kind). */
int plat_is_manifest(const struct floe_node *root);

/* Bind a manifest's tree (p->doc) into `p`; problems go to `b`. */
void plat_bind_manifest(struct binder *b, struct floe_platform *p,
			const struct floe_platform_options *opt);

#endif
