/*
 * floe-profiles: fixes for lint's findings (lint --fix, --diff).
 *
 * A rule is fixable when it has a row in the fix table (src/lint/fixes.c,
 * one table keyed by rule id, like the rule registry).  A fixer turns one
 * finding into a struct floe_fix (include/floe/diag.h): byte-range edits
 * of the file as it was read, which touch only the bytes they must, so
 * that comments, key order, quoting, anchors and aliases elsewhere stay
 * as they are.  A fixer that is not sure gives no fix.
 *
 * A fix is safe when it keeps what the user meant (a setting moved where
 * DuckDB accepts it, a suffix the extension appends itself removed), and
 * unsafe when it may change it (a guessed option name, another host).
 */
#ifndef FLOE_FIX_H
#define FLOE_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/lint.h"
#include "floe/profiles.h"

/**
 * Whether rule `id` has a fixer, and how safe its fixes are in general
 * (a fixer may say that one fix is safer: FP305 renames an option that
 * DuckDB renamed safely, and guesses a misspelt one unsafely).
 */
bool floe_rule_fixable(enum floe_rule_id id, enum floe_fix_safety *safety);

/**
 * Attach a fix to every finding of diags->items[base..] that is about
 * the model's file and has one.  `opt` is what floe_lint_profiles() was
 * given (the releases linted for).  The model's text is read again if
 * it was read in blocks (floe_profiles_text()), only when a finding has
 * a fix.
 * \return FLOE_OK, FLOE_ERR_NOMEM, or FLOE_ERR_IO when the text cannot
 *         be read again (its errnum says why: FLOE_IO_ECHANGED, it
 *         changed).
 */
enum floe_err floe_fix_compute(const struct floe_profiles *model,
			       const struct floe_lint_options *opt,
			       struct floe_diags *diags, size_t base);

/**
 * Apply the fixes of diags' findings about `file` to buf: safe ones, and
 * unsafe ones too when `unsafe`.  A fix whose edits overlap those of a
 * fix applied before it is left for the next pass.
 * \param[out] out, out_len  a malloc'd NUL-terminated copy, edited.
 * \param[out] applied       how many fixes were applied.
 * \return FLOE_OK or FLOE_ERR_NOMEM.
 */
enum floe_err floe_fix_apply(const char *file, const char *buf, size_t len,
			     const struct floe_diags *diags, bool unsafe,
			     char **out, size_t *out_len, size_t *applied);

/* The passes one round of floe_fix_file() makes at most (ruff makes 100). */
#define FLOE_FIX_MAX_PASSES 100
/* The rounds floe_fix_file() makes at most: it stops at a text one
 * round leaves as it is. */
#define FLOE_FIX_MAX_ROUNDS 8

struct floe_fix_result {
	char *buf;		/* malloc'd: the fixed text (NUL-terminated) */
	size_t len;
	size_t applied;		/* fixes applied, over all passes */
	bool converged;		/* fixing the result again changes nothing */
};

/**
 * Fix one profiles.yml: lint it, apply its fixes, lint the result again,
 * and so on until no fix applies (at most FLOE_FIX_MAX_PASSES passes a
 * round); then rounds again until a round changes nothing (at most
 * FLOE_FIX_MAX_ROUNDS), so that fixing the result is a no-op.
 * The text is loaded with `popt` and linted with `opt`, as the CLI does.
 * \param[out] res  on FLOE_OK; res->buf is a copy even when nothing
 *                  changed.
 * \return FLOE_OK, FLOE_ERR_NOMEM or FLOE_ERR_TOO_BIG.
 */
enum floe_err floe_fix_file(const char *file, const char *buf, size_t len,
			    const struct floe_profiles_options *popt,
			    const struct floe_lint_options *opt, bool unsafe,
			    struct floe_fix_result *res);

#endif
