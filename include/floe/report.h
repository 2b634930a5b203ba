/*
 * floe-profiles: render diagnostics in the formats people and CI read.
 *
 *  text    for people: a header per file, then "  L:C  severity  message
 *          [FPnnn]"; ANSI colour when asked
 *  gcc     file:line:col: severity: message [FPnnn]   (info -> note)
 *  json    an array of {file, line, column, end_line, end_column,
 *          severity, rule, name, message}
 *  sarif   SARIF 2.1.0 with every rule's metadata (GitHub code scanning)
 *  github  GitHub Actions workflow commands (::error file=...::message)
 */
#ifndef FLOE_REPORT_H
#define FLOE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"

enum floe_format {
	FLOE_FORMAT_TEXT,
	FLOE_FORMAT_GCC,
	FLOE_FORMAT_JSON,
	FLOE_FORMAT_SARIF,
	FLOE_FORMAT_GITHUB
};

struct floe_report_opts {
	bool color;			/* text only */
	const char *tool_version;	/* SARIF driver version */
};

/** "text", "gcc", ... -> format; 0 on success, -1 if unknown. */
int floe_format_parse(const char *s, enum floe_format *out);

/**
 * Render `d` (in its order) into a malloc'd, NUL-terminated buffer.
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out untouched on failure.
 */
enum floe_err floe_report(enum floe_format fmt, const struct floe_diags *d,
			  const struct floe_report_opts *opts, char **out,
			  size_t *len);

#endif
