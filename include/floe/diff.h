/*
 * floe-profiles: a unified diff of two texts, for `generate --check`.
 */
#ifndef FLOE_DIFF_H
#define FLOE_DIFF_H

#include <stddef.h>

#include "floe/error.h"

/**
 * Render `a` -> `b` as a unified diff with 3 lines of context and the
 * headers "--- a_name" / "+++ b_name".  Identical texts give "".
 * \param[out] out, len  a malloc'd NUL-terminated buffer on FLOE_OK.
 * \return FLOE_OK or FLOE_ERR_NOMEM.
 */
enum floe_err floe_diff(const char *a_name, const char *a, size_t a_len,
			const char *b_name, const char *b, size_t b_len,
			char **out, size_t *len);

#endif
