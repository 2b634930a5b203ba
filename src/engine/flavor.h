/*
 * Catalog flavors: which Iceberg REST server an iceberg ATTACH talks to
 * (Polaris, Lakekeeper, Nessie, ...), and the facts that hold for it
 * (catalog_flavors.def).  lint gates the server-specific rules on it, sql
 * names it in its comments; docs/lint.md, "Catalog flavors".
 *
 * A flavor is decided, for each iceberg attach, from (first match wins):
 * its endpoint_type (glue, s3_tables: the extension sets the endpoint
 * itself), an explicit choice (--catalog-flavor, lint.catalog_flavor),
 * the platform catalog's type (for the attach meant for it), and the
 * shape of the endpoint (fe_flavor_recognize).  When nothing tells, it
 * is FE_FLAVOR_UNKNOWN: floe's default, Polaris, is assumed by the rules
 * that held before flavors existed, but no rule claims the server is
 * Polaris.
 */
#ifndef FLOE_ENGINE_FLAVOR_H
#define FLOE_ENGINE_FLAVOR_H

#include <stdbool.h>

enum fe_flavor {
	FE_FLAVOR_UNKNOWN = 0,
#define CATALOG_FLAVOR(id, name, title, base, flags, source) FE_FLAVOR_##id,
#include "engine/catalog_flavors.def"
#undef CATALOG_FLAVOR
	FE_FLAVOR__COUNT
};

/* The facts of a flavor (catalog_flavors.def `flags`). */
enum fe_flavor_flag {
	/* an empty ATTACH path (warehouse) is refused */
	FE_FLAVOR_WAREHOUSE_REQUIRED = 1 << 0,
	/* the server issues tokens at <endpoint>/v1/oauth/tokens */
	FE_FLAVOR_TOKEN_AT_ENDPOINT = 1 << 1,
	/* every scope must be PRINCIPAL_ROLE:<role> */
	FE_FLAVOR_PRINCIPAL_ROLE_SCOPE = 1 << 2,
	/* port 8182 is the management port, not the catalog */
	FE_FLAVOR_MANAGEMENT_8182 = 1 << 3,
	/* authenticates with OAuth2 (client credentials or a token) */
	FE_FLAVOR_OAUTH2 = 1 << 4,
	/* an AWS endpoint_type: SigV4, the endpoint is derived */
	FE_FLAVOR_SIGV4 = 1 << 5
};

struct fe_flavor_info {
	enum fe_flavor id;
	const char *name;	/* "polaris": --catalog-flavor's spelling */
	const char *title;	/* "Polaris": how findings name it */
	const char *base_path;	/* "/api/catalog"; "" root; NULL not fixed */
	unsigned flags;		/* enum fe_flavor_flag */
	const char *source;	/* where the row was read */
};

/*
 * The row of a flavor; FE_FLAVOR_UNKNOWN answers with Polaris' row (the
 * default), NULL only out of range.
 */
const struct fe_flavor_info *fe_flavor_info(enum fe_flavor f);

/* The flavor called `name` (case-insensitive), or FE_FLAVOR_UNKNOWN. */
enum fe_flavor fe_flavor_by_name(const char *name);

/* Every flavor name, NULL-terminated (for usage errors, did-you-mean). */
const char *const *fe_flavor_names(void);

/* The same names as one string, "polaris, lakekeeper, ...", for messages. */
const char *fe_flavor_list(void);

/* Does flavor `f` have the fact `flag`?  UNKNOWN has Polaris' facts. */
bool fe_flavor_has(enum fe_flavor f, unsigned flag);

/*
 * The flavor an iceberg ATTACH talks to, as far as its own text tells:
 * `endpoint_type` (the option's value, or NULL) and `endpoint` (the
 * rendered endpoint URL, or NULL).  *why (may be NULL) gets a static
 * phrase for messages ("its host names lakekeeper"); FE_FLAVOR_UNKNOWN
 * when nothing tells.
 */
enum fe_flavor fe_flavor_recognize(const char *endpoint,
				   const char *endpoint_type,
				   const char **why);

/*
 * The flavor of one iceberg ATTACH in the documented order (docs/lint.md,
 * "Catalog flavors"), for lint and sql alike: its `endpoint_type`, then
 * `chosen` (--catalog-flavor or lint.catalog_flavor), then `platform`
 * (the platform catalog's type, with `platform_why`; FE_FLAVOR_UNKNOWN
 * without one), then the shape of `endpoint` (rendered, or NULL).  *why
 * (may be NULL) gets a static phrase; FE_FLAVOR_UNKNOWN (Polaris assumed)
 * when nothing tells.
 */
enum fe_flavor fe_flavor_decide(const char *endpoint_type,
				enum fe_flavor chosen, enum fe_flavor platform,
				const char *platform_why, const char *endpoint,
				const char **why);

#endif
