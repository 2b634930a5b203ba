/*
 * floe-profiles fuzzing: the code paths each harness runs on one input.
 *
 * Each tests/fuzz/fuzz_<name>.c defines floe_fuzz_<name>() and, unless
 * FLOE_FUZZ_NO_MAIN is defined, the libFuzzer entry point that calls it.
 * tests/fuzz/replay.c runs the same functions on files without libFuzzer.
 * A broken invariant aborts (libFuzzer reports it as a crash).
 */
#ifndef FLOE_FUZZ_H
#define FLOE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void floe_fuzz_yaml(const uint8_t *data, size_t size);
void floe_fuzz_lint(const uint8_t *data, size_t size);
void floe_fuzz_platform(const uint8_t *data, size_t size);
void floe_fuzz_sql(const uint8_t *data, size_t size);
void floe_fuzz_manifest(const uint8_t *data, size_t size);
void floe_fuzz_check(const uint8_t *data, size_t size);
void floe_fuzz_config(const uint8_t *data, size_t size);
void floe_fuzz_fix(const uint8_t *data, size_t size);

struct floe_platform;
struct floe_diags;

/* fuzz_platform.c: a loaded platform's lookups, attach plan, generate and
 * the lint of what generate wrote; frees p. */
void floe_fuzz_platform_use(struct floe_platform *p);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop on a broken invariant, saying which. */
#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* fuzz_util.c */

/* A fixed getenv for use_env: a few names have values, some odd. */
const char *floe_fuzz_getenv(const char *name);

/* A platform file that must load (FUZZ_CHECK); the caller keeps it. */
struct floe_platform *floe_fuzz_load_fixed(const char *name, const char *buf,
					   size_t len);

/* The fixed platform.yaml (one Polaris catalog, S3 storage) that lint
 * and check are run against, loaded once. */
struct floe_platform *floe_fuzz_fixed_platform(void);

/* True if s[0..len) is well-formed UTF-8 (no surrogates, no overlongs). */
int floe_fuzz_utf8_valid(const char *s, size_t len);

/* True if s[0..len) is exactly one RFC 8259 JSON value (and spaces). */
int floe_fuzz_json_valid(const char *s, size_t len);

/* Check a rendered buffer: NUL-terminated at len, no NUL before it. */
void floe_fuzz_check_buf(const char *buf, size_t len);

/*
 * Check d->items[base..]: each has a message, a known rule when it has
 * one, and, when `utf8` (the input was UTF-8), a UTF-8 message.
 */
void floe_fuzz_check_diags(const struct floe_diags *d, size_t base, int utf8);

#endif
