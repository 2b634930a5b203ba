#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"

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
			ascii_lower_copy(u->scheme, s, n);
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

bool url_port_ok(const struct url *u)
{
	unsigned long v = 0;

	if (!u->port || !u->port_len)
		return true;
	for (size_t i = 0; i < u->port_len; i++) {
		if (u->port[i] < '0' || u->port[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(u->port[i] - '0');
		if (v > 65535)
			return false;
	}
	return v != 0;
}

size_t url_catalog_base(const char *text, const struct url *u)
{
	size_t n = url_path_trimmed(u);

	while (n >= 3 && !memcmp(u->path + n - 3, "/v1", 3)) {
		n -= 3;
		while (n && u->path[n - 1] == '/')
			n--;
	}
	return (size_t)(u->path - text) + n;
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

const char *url_scheme_in_use(const struct url *u)
{
	return u->has_scheme ? u->scheme : "http";
}

bool url_same_host(const struct url *a, const struct url *b)
{
	return a->host_len == b->host_len &&
	       !strncasecmp(a->host, b->host, a->host_len);
}

const char *url_port_in_use(const struct url *u, size_t *len)
{
	const char *s = url_scheme_in_use(u);
	const char *d = !strcmp(s, "https") ? "443"
			: !strcmp(s, "http") ? "80" : "";

	if (u->port && u->port_len) {
		*len = u->port_len;
		return u->port;
	}
	*len = strlen(d);
	return d;
}

bool url_same_port(const struct url *a, const struct url *b)
{
	size_t la, lb;
	const char *pa = url_port_in_use(a, &la), *pb = url_port_in_use(b, &lb);

	return la == lb && !memcmp(pa, pb, la);
}

/* The next non-empty part of p[*i..n), its length; 0 at the end. */
static size_t next_part(const char *p, size_t n, size_t *i,
			const char **part)
{
	size_t len;

	while (*i < n && p[*i] == '/')
		(*i)++;
	*part = p + *i;
	for (len = 0; *i < n && p[*i] != '/'; (*i)++)
		len++;
	return len;
}

bool url_same_path(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;

	for (;;) {
		const char *pa, *pb;
		size_t na = next_part(a, alen, &i, &pa);
		size_t nb = next_part(b, blen, &j, &pb);

		if (na != nb || memcmp(pa, pb, na))
			return false;
		if (!na)
			return true;
	}
}

bool url_same_token_uri(const struct url *a, const struct url *b)
{
	return !strcmp(url_scheme_in_use(a), url_scheme_in_use(b)) &&
	       a->userinfo_len == b->userinfo_len &&
	       (!a->userinfo_len ||
		!memcmp(a->userinfo, b->userinfo, a->userinfo_len)) &&
	       url_same_host(a, b) && url_same_port(a, b) &&
	       url_same_path(a->path, a->path_len, b->path, b->path_len);
}

bool url_same_token_uri_text(const char *a, const char *b)
{
	struct url ua, ub;

	return !url_parse(a, &ua) && !url_parse(b, &ub) &&
	       url_same_token_uri(&ua, &ub);
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

/*
 * The host as a dotted-quad IPv4 literal: four decimal octets, none with a
 * leading zero (the resolver, inet_aton, reads 010 as octal 8).
 */
static bool host_ipv4(const struct url *u, unsigned char ip[4])
{
	const char *p = u->host, *end = u->host + u->host_len;

	for (int i = 0; i < 4; i++) {
		unsigned v = 0;
		const char *b = p;

		while (p < end && *p >= '0' && *p <= '9' && p - b < 3)
			v = v * 10 + (unsigned)(*p++ - '0');
		if (p == b || v > 255 || (*b == '0' && p - b > 1) ||
		    (i < 3 && (p == end || *p++ != '.')))
			return false;
		ip[i] = (unsigned char)v;
	}
	return p == end;
}

/*
 * A private address: RFC 1918 (10/8, 172.16/12, 192.168/16) and
 * link-local (169.254/16) IPv4; unique-local (fc00::/7, RFC 4193) and
 * link-local (fe80::/10) IPv6, read from the literal's first group.
 */
static bool host_is_private(const struct url *u)
{
	unsigned char ip[4];
	unsigned v = 0;
	size_t i;

	if (host_ipv4(u, ip))
		return ip[0] == 10 || (ip[0] == 172 && (ip[1] & 0xf0) == 16) ||
		       (ip[0] == 192 && ip[1] == 168) ||
		       (ip[0] == 169 && ip[1] == 254);
	if (u->host_len < 7 || u->host[0] != '[')
		return false;
	for (i = 1; i < 5; i++) {
		char c = u->host[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
		else
			return false;	/* fewer than 4 digits: 0xfc is not */
	}
	return u->host[i] == ':' &&
	       ((v & 0xfe00) == 0xfc00 || (v & 0xffc0) == 0xfe80);
}

bool url_host_is_local(const struct url *u)
{
	if (host_is(u, "localhost") || host_is(u, "0.0.0.0") ||
	    host_is(u, "[::1]") || !strncmp(u->host, "127.", 4))
		return true;
	/* like a service name, a private address stays in its network */
	if (host_is_private(u))
		return true;
	if (u->host_len && u->host[0] == '[')
		return false;	/* another IPv6 literal */
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
