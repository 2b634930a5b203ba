/*
 * floe-profiles: a baseline, the findings a project has accepted for now.
 *
 * `lint --write-baseline FILE` records the fingerprint of every finding
 * (floe_report_baseline(), report.h); `lint --baseline FILE` reads it
 * back here, and the findings whose fingerprint it records do not count
 * and are not shown.  The format is in docs/lint.md#baseline.
 */
#ifndef FLOE_BASELINE_H
#define FLOE_BASELINE_H

#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/report.h"

struct floe_baseline;

/**
 * Read a baseline.
 * \param[in]  file  display name for diagnostics (borrowed).
 * \param[out] out   on FLOE_OK, a baseline to free with
 *                   floe_baseline_free(); untouched otherwise.
 * \return FLOE_OK, FLOE_ERR_INPUT (not a baseline: the errors, with
 *         their positions, are in diags), FLOE_ERR_TOO_BIG or
 *         FLOE_ERR_NOMEM.
 */
enum floe_err floe_baseline_parse(const char *file, const char *buf,
				  size_t len, struct floe_baseline **out,
				  struct floe_diags *diags);

/**
 * Remove from d the findings (with their notes) whose fingerprint the
 * baseline records; fp holds the fingerprints of d's items as they were
 * (floe_report_fingerprints()).  Returns how many findings went.
 */
size_t floe_baseline_apply(struct floe_baseline *b, struct floe_diags *d,
			   const struct floe_fingerprint *fp);

/** How many recorded findings no finding matched (fixed since). */
size_t floe_baseline_unmatched(const struct floe_baseline *b);

/** How many findings the baseline records. */
size_t floe_baseline_size(const struct floe_baseline *b);

void floe_baseline_free(struct floe_baseline *b);

#endif
