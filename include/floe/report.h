/*
 * floe-profiles: render diagnostics in the formats people and CI read.
 *
 *  text        for people: a header per file, then "  L:C  severity
 *              message  [FPnnn]"; ANSI colour when asked
 *  gcc         file:line:col: severity: message [FPnnn]   (info -> note)
 *  json        an array of {kind, file, line, column, end_line,
 *              end_column, severity, rule, name, message, related}
 *  sarif       SARIF 2.1.0 with every rule's metadata (GitHub code
 *              scanning)
 *  github      GitHub Actions workflow commands (::error file=...::message)
 *  gitlab      GitLab code-quality JSON (Code Climate issues)
 *  junit       JUnit XML: a test suite per file, a failing test case per
 *              finding
 *  checkstyle  Checkstyle XML
 *
 * Every machine format (all but text and gcc) is valid UTF-8 whatever
 * bytes the file names and messages hold: an invalid sequence becomes
 * U+FFFD.
 */
#ifndef FLOE_REPORT_H
#define FLOE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/lint.h"

enum floe_format {
	FLOE_FORMAT_TEXT,
	FLOE_FORMAT_GCC,
	FLOE_FORMAT_JSON,
	FLOE_FORMAT_SARIF,
	FLOE_FORMAT_GITHUB,
	FLOE_FORMAT_GITLAB,
	FLOE_FORMAT_JUNIT,
	FLOE_FORMAT_CHECKSTYLE
};

/*
 * The rule registry a report describes, read only through the public
 * registry API (lint.h); FLOE_REPORT_RULES is the library's own.
 */
struct floe_report_rules {
	size_t (*count)(void);
	const struct floe_rule *(*at)(size_t i);
	const struct floe_rule *(*find)(const char *id_or_name);
	/* the rule of a diagnostic's handle; NULL for FLOE_RULE_NONE */
	const struct floe_rule *(*get)(enum floe_rule_id id);
};

#define FLOE_REPORT_RULES { .count = floe_rule_count, .at = floe_rule_at, \
			    .find = floe_rule_find, .get = floe_rule_get }

struct floe_report_opts {
	bool color;			/* text only */
	const char *tool_version;	/* SARIF driver version */
	/* the rules the findings name; NULL: rule names and SARIF rule
	 * metadata are left out */
	const struct floe_report_rules *rules;
	/* SARIF helpUri of a rule: rules_url "#" lower-case id (an anchor
	 * of docs/rules.md); NULL: no helpUri */
	const char *rules_url;
	/* the files that were read, with their text (borrowed): SARIF and
	 * gitlab fingerprint a finding by its line's text; junit and
	 * checkstyle list the files without findings too */
	const struct floe_report_file *files;
	size_t nr_files;
	/* what kept the run from checking everything it was given (an
	 * unreadable file, a broken platform or configuration): reported
	 * with the findings, and SARIF's executionSuccessful is false.
	 * NULL or empty when the run was complete. */
	const struct floe_diags *failures;
};

/* A file that was read, with its text (all borrowed). */
struct floe_report_file {
	const char *name;	/* as the findings name it */
	const char *buf;
	size_t len;
};

/** "text", "gcc", ... -> format; 0 on success, -1 if unknown. */
int floe_format_parse(const char *s, enum floe_format *out);

/** The format names, for usage and error messages: "text, gcc, ...". */
extern const char floe_format_names[];

/**
 * Render `d` (in its order; a note belongs to the finding before it)
 * into a malloc'd, NUL-terminated buffer.
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out untouched on failure.
 */
enum floe_err floe_report(enum floe_format fmt, const struct floe_diags *d,
			  const struct floe_report_opts *opts, char **out,
			  size_t *len);

/*
 * A finding's fingerprint, as SARIF's partialFingerprints
 * ("floeFindingHash/v1") and the gitlab format's fingerprint write it,
 * and as a baseline records it: "0123456789abcdef:1" (a hash of the rule,
 * the file name and the finding's line with its blanks normalised, then
 * the occurrence of that hash among the findings before it).  Moving the
 * line or editing other lines keeps it.
 */
#define FLOE_FINGERPRINT_SIZE 40
struct floe_fingerprint {
	char text[FLOE_FINGERPRINT_SIZE];	/* "" for a note */
};

/**
 * The fingerprints of d's items, in its order, from the files in
 * opts->files (the names the findings use are the names hashed).
 * \param[out] out  a malloc'd array of d->nr fingerprints.
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out untouched on failure.
 */
enum floe_err floe_report_fingerprints(const struct floe_diags *d,
				       const struct floe_report_opts *opts,
				       struct floe_fingerprint **out);

/**
 * A baseline of d's findings (JSON: {"version": 1, "tool":
 * "floe-profiles", "findings": [{fingerprint, rule, file, message}]};
 * docs/lint.md#baseline), which floe_baseline_parse() reads back.
 * \return FLOE_OK or FLOE_ERR_NOMEM; *out untouched on failure.
 */
enum floe_err floe_report_baseline(const struct floe_diags *d,
				   const struct floe_report_opts *opts,
				   char **out, size_t *len);

#endif
