/*
 * url: split an http(s) URL into its parts (internal).  Just enough for
 * comparing catalog endpoints and token URIs; no percent-decoding.
 */
#ifndef FLOE_URL_H
#define FLOE_URL_H

#include <stdbool.h>
#include <stddef.h>

struct url {
	bool has_scheme;
	char scheme[16];	/* lower-cased; "" without a scheme */
	const char *host;	/* points into the input */
	size_t host_len;
	const char *port;	/* NULL when absent */
	size_t port_len;
	const char *path;	/* into the input; path_len 0 or from '/' */
	size_t path_len;
	bool has_query;		/* '?' or '#' present */
};

/** 0 on success; -1 when there is no host at all. */
int url_parse(const char *s, struct url *u);

/** The path without trailing slashes. */
size_t url_path_trimmed(const struct url *u);

/** True if the path (trailing '/' ignored) ends with `suffix`. */
bool url_path_ends_with(const struct url *u, const char *suffix);

/**
 * The Polaris facts both generate and lint (FP207, FP210) test a catalog
 * URL with, so that generate warns exactly where lint would.
 */

/** True if the host names Polaris ("polaris" in it, any case). */
bool url_host_names_polaris(const struct url *u);

/** True if the path (trailing '/' ignored) ends in /api/catalog, any case. */
bool url_path_is_polaris_base(const struct url *u);

/** True if the path has an upper-case ASCII letter. */
bool url_path_has_upper(const struct url *u);

/** True if the host is loopback or a single-label/cluster-local name. */
bool url_host_is_local(const struct url *u);

/** True if the URL is plain http:// to a host that is not local (FP206,
 * and generate's warning of it). */
bool url_is_plain_http_remote(const struct url *u);

#endif
