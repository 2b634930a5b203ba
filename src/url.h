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
	/* user[:password] of an authority [userinfo@]host[:port] (RFC 3986
	 * 3.2.1), without its '@'; NULL when absent.  It may hold a
	 * password: never show it (url_mask_userinfo) */
	const char *userinfo;
	size_t userinfo_len;
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

/*
 * True when the URL names no port, an empty one (the scheme's), or a TCP
 * port: decimal digits, 1 to 65535.  Anything else (0, 99999, 80a)
 * reaches no server the URL means.
 */
bool url_port_ok(const struct url *u);

/*
 * The length of `text` (parsed into *u) up to its catalog base: without
 * trailing '/'s and every trailing /v1, which the iceberg extension
 * appends itself (generate writes it so, and FP211 compares so).
 */
size_t url_catalog_base(const char *text, const struct url *u);

/*
 * The length of what must be masked in the userinfo: the password after
 * the first ':' (*from is its offset in u->userinfo), or, without a ':',
 * the whole userinfo (a user part alone may be a token).  0 without
 * userinfo.
 */
size_t url_userinfo_secret(const struct url *u, size_t *from);

/** The path without trailing slashes. */
size_t url_path_trimmed(const struct url *u);

/** True if the path (trailing '/' ignored) ends with `suffix`. */
bool url_path_ends_with(const struct url *u, const char *suffix);

/**
 * The comparison of token URIs, one for lint (FP201's parts, FP202's
 * declared identity provider, FP214) and generate (a manifest's
 * token_url): the iceberg extension prepends http:// to a URL without
 * a scheme and splits OAUTH2_SERVER_URI on '/' dropping empty parts
 * (IRCEndpointBuilder::FromURL, IC v1.4-andium L67-97), and a host name
 * and a scheme have no case (RFC 3986 3.1, 3.2.2).
 */

/** The scheme a request uses: the one written, or "http" without one. */
const char *url_scheme_in_use(const struct url *u);

/** True if both name the same host, in any case. */
bool url_same_host(const struct url *a, const struct url *b);

/** The port a request uses, *len its length: the written one, or the
 * scheme's default (443 for https, 80 for http, "" otherwise). */
const char *url_port_in_use(const struct url *u, size_t *len);

/** True if both use the same port: the written one or the scheme's
 * default (443 for https, 80 for http), so ':443' on https changes
 * nothing. */
bool url_same_port(const struct url *a, const struct url *b);

/** True if two paths have the same parts once the empty ones ('//', a
 * trailing '/') are dropped; the case of a path counts. */
bool url_same_path(const char *a, size_t alen, const char *b, size_t blen);

/** True if two token URIs reach the same token endpoint: scheme, host,
 * port and path as above, and the same userinfo as written (user and
 * password are not a part that case or spelling can change); query and
 * fragment aside. */
bool url_same_token_uri(const struct url *a, const struct url *b);

/** url_same_token_uri of two URL texts; false when either has no host. */
bool url_same_token_uri_text(const char *a, const char *b);

/**
 * The Polaris facts both generate and lint (FP207, FP210) test a catalog
 * URL with, so that generate warns exactly where lint would.
 */

/** True if the host names Polaris ("polaris" in it, any case). */
bool url_host_names_polaris(const struct url *u);

/** True if the path (trailing '/' ignored) ends in /api/catalog, any case. */
bool url_path_is_polaris_base(const struct url *u);

/**
 * True if the path has an upper-case ASCII letter.  The hex digits of a
 * percent-encoding (%7C) do not count: their case is equivalent (RFC
 * 3986 2.1), so lower-casing them names the same URL.
 */
bool url_path_has_upper(const struct url *u);

/** True if the host is loopback, a private address (RFC 1918, RFC 4193,
 * link-local) or a single-label/cluster-local name. */
bool url_host_is_local(const struct url *u);

/** True if the URL is plain http:// to a host that is not local (FP206,
 * and generate's warning of it). */
bool url_is_plain_http_remote(const struct url *u);

#endif
