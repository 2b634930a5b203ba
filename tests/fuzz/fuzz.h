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

#include "floe/report.h"

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
struct floe_lint_options;

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

/*
 * 0 in the fuzzers, which check one report format per input (chosen by
 * the input's bytes); tests/fuzz/replay.c sets it to check every format
 * on every file it replays.
 */
extern int floe_fuzz_thorough;

/* A fixed getenv for use_env: a few names have values, some odd. */
const char *floe_fuzz_getenv(const char *name);

/* A platform file that must load (FUZZ_CHECK); the caller keeps it. */
struct floe_platform *floe_fuzz_load_fixed(const char *name, const char *buf,
					   size_t len);

/* The fixed platform.yaml (one Polaris catalog, S3 storage) that lint
 * and check are run against, loaded once. */
struct floe_platform *floe_fuzz_fixed_platform(void);

/* The fixed manifest (Polaris, S3, DuckDB) check holds the output
 * `prod` against, loaded once. */
struct floe_platform *floe_fuzz_fixed_manifest(void);

/* check --platform platform.yaml --platform prod=manifest.yaml: the
 * manifest for `prod`, NULL (the fixed platform) for the others. */
const struct floe_platform *floe_fuzz_platform_for(const char *output,
						   void *arg);

/* Every rule of the registry at error (the opt-in ones too). */
const enum floe_level *floe_fuzz_error_levels(void);

/* use_env with floe_fuzz_getenv(), against the fixed platform. */
void floe_fuzz_lint_env(struct floe_lint_options *opt);

/* True if s[0..len) is well-formed UTF-8 (no surrogates, no overlongs). */
int floe_fuzz_utf8_valid(const char *s, size_t len);

/* True if s[0..len) is exactly one RFC 8259 JSON value (and spaces). */
int floe_fuzz_json_valid(const char *s, size_t len);

/*
 * A SARIF report is a checked buffer, valid JSON and UTF-8.  The part
 * before its results (the header and the ~94 KB rule table) is checked
 * in full once per process; later reports that start with the same
 * bytes have only the rest checked.
 */
void floe_fuzz_check_sarif(const char *s, size_t len);

/*
 * What every report in `fmt` promises: a checked buffer; JSON, gitlab
 * and SARIF valid JSON; every machine format (not text, gcc) UTF-8
 * whatever the input holds; a GitHub report one workflow command per
 * line.
 */
void floe_fuzz_check_report(enum floe_format fmt, const char *out,
			    size_t len);

/* Check a rendered buffer: NUL-terminated at len, no NUL before it. */
void floe_fuzz_check_buf(const char *buf, size_t len);

/*
 * Check d->items[base..]: each has a message, a known rule when it has
 * one, and, when `utf8` (the input was UTF-8), a UTF-8 message.
 */
void floe_fuzz_check_diags(const struct floe_diags *d, size_t base, int utf8);

#endif
