/*
 * The attach entry of a platform catalog: what `generate` writes under
 * `attach:` (warehouse, endpoint, token URI, credential references,
 * scope, access delegation), and what lint's drift rules (FP214-FP218)
 * hold a profile against.  It sits below both, so that they share one
 * planner and neither calls the other (src/attach_plan.c).
 */
#ifndef FLOE_ATTACH_PLAN_H
#define FLOE_ATTACH_PLAN_H

#include "floe/error.h"
#include "floe/platform.h"

#define FLOE_GEN_DEFAULT_ALIAS "polaris_catalog"

/* The attach entry generate writes for one catalog. */
struct floe_gen_attach {
	char *warehouse;	/* all malloc'd; NULL when not written */
	char *endpoint;
	char *token_uri;
	char *client_id;
	char *client_secret;
	char *scope;
	char *delegation;
	const struct floe_catalog *catalog;	/* borrowed */
};

/**
 * What generate would write in the attach options for `catalog` (NULL:
 * "default", or the only one) of `p`.
 * \param[out] out  filled on FLOE_OK; release with floe_gen_attach_release.
 * \return FLOE_OK, FLOE_ERR_INPUT when generate would refuse the catalog,
 *         FLOE_ERR_NOMEM.
 */
enum floe_err floe_gen_attach(const struct floe_platform *p,
			      const char *catalog, struct floe_gen_attach *out);

void floe_gen_attach_release(struct floe_gen_attach *a);

/**
 * True if `s` can follow ATTACH ... AS unquoted: [A-Za-z_][A-Za-z0-9_]*
 * and not one of the names DuckDB refuses there (the engine's tables:
 * keywords and database names, src/engine/duckdb_names.def).
 */
int floe_is_identifier(const char *s);

#endif
