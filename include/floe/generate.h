/*
 * floe-profiles: platform.yaml -> dbt-duckdb profiles.yml.
 *
 * One dbt profile with one output per target.  Each output ATTACHes the
 * chosen Polaris catalog with inline OAuth2 credentials (dbt-duckdb >=
 * 1.9.4 `attach: options:`), never a secret-manager setting.  See
 * docs/generate.md for the exact output format.
 */
#ifndef FLOE_GENERATE_H
#define FLOE_GENERATE_H

#include <stddef.h>

#include "floe/attach_plan.h"
#include "floe/diag.h"
#include "floe/error.h"
#include "floe/platform.h"

struct floe_gen_target {
	const char *name;			/* output name, e.g. "dev" */
	const struct floe_platform *platform;	/* borrowed */
	const char *source;	/* name for the header; NULL: platform->file */
};

struct floe_gen_options {
	const char *profile_name;	/* NULL: "floe" */
	const char *catalog;		/* NULL: "default", or the only one */
	const char *compute;		/* NULL: "default", or the only one */
	const char *storage;		/* NULL: "default", the only one, or none */
	const char *alias;		/* NULL: "polaris_catalog" */
	const struct floe_gen_target *targets;
	size_t nr_targets;		/* >= 1; the first is the default */
};

#define FLOE_GEN_DEFAULT_PROFILE "floe"
#define FLOE_GEN_DEFAULT_TARGET "dev"

/**
 * Generate profiles.yml.
 * \param[out] out, len  on FLOE_OK a malloc'd, NUL-terminated buffer the
 *                       caller frees; untouched otherwise.
 * \param[out] diags     problems in the platform files are appended here.
 * \return FLOE_OK, FLOE_ERR_INPUT when a platform file has errors (nothing
 *         is produced), FLOE_ERR_USAGE for bad options (an alias that is
 *         not an identifier, no targets), FLOE_ERR_NOMEM, or
 *         FLOE_ERR_INTERNAL when libyaml's emitter fails.  That the
 *         output lints clean against its platform is held by the tests,
 *         not checked here (generate does not call lint).
 */
enum floe_err floe_generate(const struct floe_gen_options *opt, char **out,
			    size_t *len, struct floe_diags *diags);

#endif
