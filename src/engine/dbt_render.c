/*
 * dbt-duckdb's rendering per release: the rows of dbt_render.def, and
 * the database name dbt-duckdb derives from `path` (Python's urlparse()
 * and os.path.splitext(), as far as a path needs them).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "engine/dbt_render.h"
#include "pool.h"

static const struct fe_dbt_render_row rows[] = {
#define DBT_RENDER(id, first, last, source) { #id, first, last, source },
#include "engine/dbt_render.def"
#undef DBT_RENDER
};

#define DBT_RENDER(i, first, last, src) \
	FITS_IN(rows, id, #i) FITS_IN(rows, source, src)
#include "engine/dbt_render.def"
#undef DBT_RENDER

bool fe_dbt_renders(enum fe_dbt_render id, unsigned version)
{
	const struct fe_dbt_render_row *r;

	if ((size_t)id >= sizeof(rows) / sizeof(rows[0]))
		return false;
	r = &rows[id];
	return r->first <= version &&
	       (r->last == FE_V_OPEN || version <= r->last);
}

const struct fe_dbt_render_row *fe_dbt_render_row(enum fe_dbt_render id)
{
	if ((size_t)id >= sizeof(rows) / sizeof(rows[0]))
		return NULL;
	return &rows[id];
}

/* urllib.parse.uses_params: the schemes whose last segment has ;params */
static bool uses_params(const char *scheme, size_t n)
{
	static const char names[][10] = {
		"", "ftp", "hdl", "prospero", "http", "imap", "https",
		"shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms",
		"sftp", "tel"
	};

	if (n >= sizeof(names[0]))
		return false;
	/* a name of n bytes (none is empty but the first) */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!names[i][n] && (!n || names[i][n - 1]) &&
		    !strncasecmp(scheme, names[i], n))
			return true;
	return false;
}

/* urlparse(s[0..n]).scheme's length: 0 when there is none. */
static size_t url_scheme(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);

	if (!colon || colon == s || !isalpha((unsigned char)s[0]))
		return 0;
	for (const char *p = s; p < colon; p++)
		if (!isalnum((unsigned char)*p) && !strchr("+-.", *p))
			return 0;
	return (size_t)(colon - s);
}

/*
 * urlparse(s[0..n]): the scheme (lower-cased by Python: compared without
 * case here) and the path, with netloc, ?query, #fragment and ;params
 * taken off.
 */
static void url_path(const char *s, size_t n, const char **scheme,
		     size_t *scheme_len, const char **path, size_t *path_len)
{
	size_t i, start = 0, end;

	*scheme = s;
	*scheme_len = url_scheme(s, n);
	if (*scheme_len)
		start = *scheme_len + 1;
	if (n - start >= 2 && s[start] == '/' && s[start + 1] == '/') {
		start += 2;
		while (start < n && !strchr("/?#", s[start]))
			start++;
	}
	end = start;
	while (end < n && s[end] != '#' && s[end] != '?')
		end++;
	if (uses_params(*scheme, *scheme_len)) {
		size_t slash = start;

		for (i = start; i < end; i++)
			if (s[i] == '/')
				slash = i;
		for (i = slash; i < end; i++)
			if (s[i] == ';') {
				end = i;
				break;
			}
	}
	*path = s + start;
	*path_len = end - start;
}

const char *fe_dbt_path_database(const char *path, unsigned version,
				 size_t *len)
{
	const char *scheme, *p, *base, *dot = NULL;
	size_t slen, plen, blen;

	if (!path || !strcmp(path, ":memory:")) {
		*len = 6;
		return "memory";
	}
	url_path(path, strlen(path), &scheme, &slen, &p, &plen);
	/* os.path.basename */
	base = p;
	for (size_t i = 0; i < plen; i++)
		if (p[i] == '/')
			base = p + i + 1;
	blen = plen - (size_t)(base - p);
	/* os.path.splitext: the last dot, unless only dots precede it */
	for (size_t i = blen; i-- > 0;)
		if (base[i] == '.') {
			dot = base + i;
			break;
		}
	if (dot) {
		for (const char *q = base; q < dot; q++)
			if (*q != '.') {
				blen = (size_t)(dot - base);
				break;
			}
	}
	if ((slen == 2 && !strncasecmp(scheme, "md", 2)) ||
	    (slen == 10 && !strncasecmp(scheme, "motherduck", 10))) {
		if (!blen) {
			*len = 5;
			return "my_db";
		}
	} else if (slen == 8 && !strncasecmp(scheme, "ducklake", 8) &&
		   fe_dbt_renders(FE_DBT_PATH_DB_DUCKLAKE, version)) {
		/* urlparse(inferred_db_name).path */
		url_path(base, blen, &scheme, &slen, &p, &plen);
		*len = plen;
		return p;
	}
	*len = blen;
	return base;
}

bool fe_dbt_path_is_motherduck(const char *path)
{
	size_t slen;

	/* a scheme ends at a ':': most paths have none (a file's) */
	if (!path || !strchr(path, ':'))
		return false;
	slen = url_scheme(path, strlen(path));
	return (slen == 2 && !strncasecmp(path, "md", 2)) ||
	       (slen == 10 && !strncasecmp(path, "motherduck", 10));
}
