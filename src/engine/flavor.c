/*
 * Catalog flavors (flavor.h): the table of catalog_flavors.def and the
 * recognition of a server from the shape of its endpoint.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "engine/flavor.h"
#include "url.h"

static const struct fe_flavor_info flavors[FE_FLAVOR__COUNT] = {
#define CATALOG_FLAVOR(id, name, title, base, flags, source) \
	[FE_FLAVOR_##id] = { FE_FLAVOR_##id, name, title, base, flags, source },
#include "engine/catalog_flavors.def"
#undef CATALOG_FLAVOR
};

static const char *const names[] = {
#define CATALOG_FLAVOR(id, name, title, base, flags, source) name,
#include "engine/catalog_flavors.def"
#undef CATALOG_FLAVOR
	NULL
};

const struct fe_flavor_info *fe_flavor_info(enum fe_flavor f)
{
	if (f == FE_FLAVOR_UNKNOWN)
		f = FE_FLAVOR_POLARIS;
	if ((unsigned)f >= FE_FLAVOR__COUNT)
		return NULL;
	return &flavors[f];
}

enum fe_flavor fe_flavor_by_name(const char *name)
{
	for (size_t i = 1; name && i < FE_FLAVOR__COUNT; i++)
		if (!strcasecmp(flavors[i].name, name))
			return (enum fe_flavor)i;
	return FE_FLAVOR_UNKNOWN;
}

const char *const *fe_flavor_names(void)
{
	return names;
}

/* The names joined by ", " at compile time, after a first ", " to skip */
static const char name_list[] = ""
#define CATALOG_FLAVOR(id, name, title, base, flags, source) ", " name
#include "engine/catalog_flavors.def"
#undef CATALOG_FLAVOR
	;

const char *fe_flavor_list(void)
{
	return name_list + 2;
}

bool fe_flavor_has(enum fe_flavor f, unsigned flag)
{
	const struct fe_flavor_info *i = fe_flavor_info(f);

	return i && (i->flags & flag) == flag;
}

/* ---- recognition ---- */

static bool contains_ci(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);

	for (size_t i = 0; i + m <= n; i++)
		if (!strncasecmp(s + i, word, m))
			return true;
	return false;
}

static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !strncasecmp(s + n - m, suffix, m);
}

static bool port_is(const struct url *u, const char *port)
{
	return u->port && u->port_len == strlen(port) &&
	       !memcmp(u->port, port, u->port_len);
}

/*
 * A host word, a domain, a path: what each server's endpoints look like
 * (catalog_flavors.def says where each was read).  Checked in this
 * order: the path and the cloud domains are certain, the host words and
 * ports only likely.
 */
enum fe_flavor fe_flavor_recognize(const char *endpoint,
				   const char *endpoint_type,
				   const char **why)
{
	const char *dummy;
	struct url u;
	size_t plen;
	const char *host, *path;
	size_t hlen;
	static const char r2_host[] = "catalog.cloudflarestorage.com";

	if (!why)
		why = &dummy;
	*why = NULL;
	if (endpoint_type) {
		if (!strcasecmp(endpoint_type, "glue")) {
			*why = "its endpoint_type is glue";
			return FE_FLAVOR_GLUE;
		}
		if (!strcasecmp(endpoint_type, "s3_tables")) {
			*why = "its endpoint_type is s3_tables";
			return FE_FLAVOR_S3_TABLES;
		}
	}
	if (!endpoint || url_parse(endpoint, &u))
		return FE_FLAVOR_UNKNOWN;
	host = u.host;
	hlen = u.host_len;
	path = u.path;
	plen = url_path_trimmed(&u);

	/* certain: cloud services and the paths only one server uses */
	if (hlen == strlen(r2_host) && !strncasecmp(host, r2_host, hlen)) {
		*why = "its host is catalog.cloudflarestorage.com";
		return FE_FLAVOR_R2;
	}
	if (ends_with_ci(host, hlen, ".amazonaws.com")) {
		if (!strncasecmp(host, "glue.", 5)) {
			*why = "its host is AWS Glue's";
			return FE_FLAVOR_GLUE;
		}
		if (!strncasecmp(host, "s3tables.", 9)) {
			*why = "its host is S3 Tables'";
			return FE_FLAVOR_S3_TABLES;
		}
	}
	if (contains_ci(path, plen, "/unity-catalog/iceberg") ||
	    ends_with_ci(host, hlen, ".databricks.com") ||
	    ends_with_ci(host, hlen, ".azuredatabricks.net")) {
		*why = "its URL is a Unity Catalog one";
		return FE_FLAVOR_UNITY;
	}
	if (ends_with_ci(path, plen, "/api/catalog")) {
		*why = "its path ends in /api/catalog";
		return FE_FLAVOR_POLARIS;
	}
	/* likely: the server's name in the host, its usual port */
	if (contains_ci(host, hlen, "polaris")) {
		*why = "its host names polaris";
		return FE_FLAVOR_POLARIS;
	}
	if (contains_ci(host, hlen, "lakekeeper")) {
		*why = "its host names lakekeeper";
		return FE_FLAVOR_LAKEKEEPER;
	}
	if (contains_ci(host, hlen, "nessie") || port_is(&u, "19120")) {
		*why = contains_ci(host, hlen, "nessie")
		       ? "its host names nessie"
		       : "it is on port 19120, Nessie's";
		return FE_FLAVOR_NESSIE;
	}
	if (contains_ci(host, hlen, "gravitino")) {
		*why = "its host names gravitino";
		return FE_FLAVOR_GRAVITINO;
	}
	if (port_is(&u, "9001") && ends_with_ci(path, plen, "/iceberg")) {
		*why = "it is /iceberg on port 9001, Gravitino's";
		return FE_FLAVOR_GRAVITINO;
	}
	if (ends_with_ci(path, plen, "/catalog")) {
		*why = "its path ends in /catalog";
		return FE_FLAVOR_LAKEKEEPER;
	}
	if (contains_ci(host, hlen, "iceberg-rest") ||
	    contains_ci(host, hlen, "rest-fixture")) {
		*why = "its host names the Iceberg REST fixture";
		return FE_FLAVOR_REST_FIXTURE;
	}
	/* Polaris serves /api/catalog: a server at the root of 8181 is the
	 * Iceberg REST fixture's default (IC test/configs/fixture.json) */
	if (!plen && port_is(&u, "8181")) {
		*why = "it is the root of port 8181, like the Iceberg REST "
		       "fixture";
		return FE_FLAVOR_REST_FIXTURE;
	}
	return FE_FLAVOR_UNKNOWN;
}

enum fe_flavor fe_flavor_decide(const char *endpoint_type,
				enum fe_flavor chosen, enum fe_flavor platform,
				const char *platform_why, const char *endpoint,
				const char **why)
{
	const char *dummy;
	enum fe_flavor f;

	if (!why)
		why = &dummy;
	f = fe_flavor_recognize(NULL, endpoint_type, why);

	if (f != FE_FLAVOR_UNKNOWN)
		return f;
	if (chosen != FE_FLAVOR_UNKNOWN) {
		*why = "--catalog-flavor or lint.catalog_flavor says so";
		return chosen;
	}
	if (platform != FE_FLAVOR_UNKNOWN) {
		*why = platform_why;
		return platform;
	}
	return fe_flavor_recognize(endpoint, NULL, why);
}
