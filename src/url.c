#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int url_parse(const char *s, struct url *u)
{
	const char *p = strstr(s, "://");
	const char *h, *end, *colon;

	memset(u, 0, sizeof(*u));
	u->path = "";
	if (p) {
		size_t n = (size_t)(p - s);

		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)s[i]) && !strchr("+-.", s[i]))
				p = NULL;
		if (p && n && n < sizeof(u->scheme)) {
			for (size_t i = 0; i < n; i++)
				u->scheme[i] = (char)tolower((unsigned char)s[i]);
			u->has_scheme = true;
			s = p + 3;
		}
	}
	h = s;
	end = h + strcspn(h, "/?#");
	/*
	 * [userinfo@]host[:port]: the host follows the last '@' of the
	 * authority (RFC 3986 3.2; '@' is not allowed in the userinfo
	 * unencoded, nor in a host).
	 */
	for (const char *a = end; a > h; a--)
		if (a[-1] == '@') {
			u->userinfo = h;
			u->userinfo_len = (size_t)(a - 1 - h);
			h = a;
			break;
		}
	/* An IPv6 literal keeps its colons: a port follows the ']'. */
	p = *h == '[' ? memchr(h, ']', (size_t)(end - h)) : NULL;
	if (!p)
		p = h;
	colon = memchr(p, ':', (size_t)(end - p));
	if (colon) {
		u->host = h;
		u->host_len = (size_t)(colon - h);
		u->port = colon + 1;
		u->port_len = (size_t)(end - colon - 1);
	} else {
		u->host = h;
		u->host_len = (size_t)(end - h);
	}
	/* path always points into the input, so offsets can be taken */
	u->path = end;
	if (*end == '/')
		u->path_len = strcspn(end, "?#");
	u->has_query = strpbrk(end, "?#") != NULL;
	return u->host_len ? 0 : -1;
}

size_t url_userinfo_secret(const struct url *u, size_t *from)
{
	const char *colon;

	*from = 0;
	if (!u->userinfo)
		return 0;
	colon = memchr(u->userinfo, ':', u->userinfo_len);
	if (!colon)
		return u->userinfo_len;
	*from = (size_t)(colon + 1 - u->userinfo);
	return u->userinfo_len - *from;
}

size_t url_path_trimmed(const struct url *u)
{
	size_t n = u->path_len;

	while (n && u->path[n - 1] == '/')
		n--;
	return n;
}

bool url_path_ends_with(const struct url *u, const char *suffix)
{
	size_t n = url_path_trimmed(u), m = strlen(suffix);

	return n >= m && !memcmp(u->path + n - m, suffix, m);
}

bool url_host_names_polaris(const struct url *u)
{
	for (size_t i = 0; i + 7 <= u->host_len; i++)
		if (!strncasecmp(u->host + i, "polaris", 7))
			return true;
	return false;
}

bool url_path_is_polaris_base(const struct url *u)
{
	static const char base[] = "/api/catalog";
	size_t n = url_path_trimmed(u), m = sizeof(base) - 1;

	/* case differences are FP210's (url_path_has_upper) */
	return n >= m && !strncasecmp(u->path + n - m, base, m);
}

bool url_path_has_upper(const struct url *u)
{
	/* host names are case-insensitive: only the path matters */
	for (size_t i = 0; i < u->path_len; i++) {
		if (u->path[i] == '%' && i + 2 < u->path_len &&
		    isxdigit((unsigned char)u->path[i + 1]) &&
		    isxdigit((unsigned char)u->path[i + 2]))
			i += 2;	/* %7C and %7c are the same octet */
		else if (isupper((unsigned char)u->path[i]))
			return true;
	}
	return false;
}

static bool host_is(const struct url *u, const char *name)
{
	/* host names are case-insensitive (RFC 4343) */
	return u->host_len == strlen(name) &&
	       !strncasecmp(u->host, name, u->host_len);
}

static bool host_ends_with(const struct url *u, const char *suffix)
{
	size_t m = strlen(suffix);

	return u->host_len > m &&
	       !strncasecmp(u->host + u->host_len - m, suffix, m);
}

bool url_host_is_local(const struct url *u)
{
	if (host_is(u, "localhost") || host_is(u, "0.0.0.0") ||
	    host_is(u, "[::1]") || !strncmp(u->host, "127.", 4))
		return true;
	if (u->host_len && u->host[0] == '[')
		return false;	/* an IPv6 literal other than [::1] */
	if (!memchr(u->host, '.', u->host_len))
		return true;	/* a docker-compose or k8s service name */
	return host_ends_with(u, ".local") ||
	       host_ends_with(u, ".localhost") ||
	       host_ends_with(u, ".svc") ||
	       host_ends_with(u, ".svc.cluster.local") ||
	       host_ends_with(u, ".internal");
}

bool url_is_plain_http_remote(const struct url *u)
{
	return u->has_scheme && !strcmp(u->scheme, "http") &&
	       !url_host_is_local(u);
}
