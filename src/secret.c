/*
 * What is secret, in one place: key names, header maps and
 * connection-string parameters (see secret.h).
 *
 * Key names are those dbt-duckdb and DuckDB's secret types treat as
 * credentials: `password` (postgres, mysql, remote), `secret`
 * (S3/GCS/R2 SECRET), `client_secret` (iceberg, azure), `token`
 * (huggingface, motherduck, iceberg), `session_token`,
 * `secret_access_key`, `account_key` and `connection_string` (azure),
 * `private_key`, `authorization`; by pattern anything ending in
 * `secret` or `_token` or containing `password` / `secret_access_key`.
 * Not the secret manager's settings (allow_persistent_secrets,
 * secret_directory), nor key ids.  Lint's FP404 and FP406 find the
 * literal credentials by the same tests (src/lint/rule_credentials.c),
 * with floe_secret_header() and floe_secret_conn_key() to say which of
 * what masking hides whole is a credential in itself.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "secret.h"

extern char **environ;

#define ENV_SECRET_PREFIX "DBT_ENV_SECRET_"

/* The longest DBT_ENV_SECRET_ value found in s, or NULL. */
static const char *env_secret_in(const char *s, const char **at)
{
	const char *best = NULL;
	size_t best_len = 0;

	*at = NULL;
	for (char **e = environ; e && *e; e++) {
		const char *eq, *v, *p;

		/*
		 * Every message asks: the first byte turns away nearly the
		 * whole environment without a call (under the fuzzers'
		 * strncmp hook those calls were a fifth of lint --fix).
		 */
		if (**e != ENV_SECRET_PREFIX[0] ||
		    strncmp(*e, ENV_SECRET_PREFIX, sizeof(ENV_SECRET_PREFIX) - 1))
			continue;
		eq = strchr(*e, '=');
		if (!eq || !eq[1])
			continue;
		v = eq + 1;
		p = strstr(s, v);
		if (p && (!*at || p < *at ||
			  (p == *at && strlen(v) > best_len))) {
			*at = p;
			best = v;
			best_len = strlen(v);
		}
	}
	return best;
}

/* The earliest of texts[0..nr) in s (the longest there), or NULL. */
struct texts {
	const char *const *texts;
	size_t nr;
};

static const char *text_in(const char *s, const char **at, const void *arg)
{
	const struct texts *t = arg;
	const char *best = NULL, *p;
	size_t best_len = 0;

	*at = NULL;
	for (size_t i = 0; i < t->nr; i++) {
		size_t n = strlen(t->texts[i]);

		if (!n || !(p = strstr(s, t->texts[i])))
			continue;
		if (!*at || p < *at || (p == *at && n > best_len)) {
			*at = p;
			best = t->texts[i];
			best_len = n;
		}
	}
	return best;
}

static const char *env_in(const char *s, const char **at, const void *arg)
{
	(void)arg;
	return env_secret_in(s, at);
}

/*
 * msg with every text that find() finds replaced by FLOE_SECRET_MASK,
 * earliest first (msg freed), or msg itself; NULL when out of memory.
 */
static char *scrub_with(char *msg,
			const char *(*find)(const char *, const char **,
					    const void *),
			const void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v, *at, *s = msg;

	if (!msg || !find(msg, &at, arg))
		return msg;
	while ((v = find(s, &at, arg))) {
		strbuf_add(&sb, s, (size_t)(at - s));
		strbuf_adds(&sb, FLOE_SECRET_MASK);
		s = at + strlen(v);
	}
	strbuf_adds(&sb, s);
	free(msg);
	return strbuf_detach(&sb, NULL);	/* NULL: out of memory */
}

char *floe_secret_scrub_env(char *msg)
{
	return scrub_with(msg, env_in, NULL);
}

char *floe_secret_scrub_texts(char *msg, const char *const *texts,
			      size_t nr)
{
	struct texts t = { texts, nr };

	return nr ? scrub_with(msg, text_in, &t) : msg;
}

/* s[0..m) is `low` (lower-case ASCII) ignoring ASCII case (ascii.h) */
#define same_ci ascii_same_lower_n

#define LEN(lit) (sizeof(lit) - 1)

static bool ends_ci(const char *s, size_t n, const char *suf, size_t m)
{
	return n >= m && same_ci(s + n - m, suf, m);
}

/* `needle` (lower-case, m > 0) anywhere in s[0..n). */
static bool has_ci(const char *s, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (ascii_lower((unsigned char)s[i]) == (unsigned char)*needle &&
		    same_ci(s + i + 1, needle + 1, m - 1))
			return true;
	return false;
}

/*
 * Every key of every mapping is asked (the profile model marks what is
 * secret, anywhere; lint asks again of each value it masks): the names
 * are compared only at their own length, picked by a switch on it, and
 * the patterns without a call per position.
 */
bool floe_secret_key_n(const char *key, size_t n)
{
#define IS(lit) (same_ci(key, lit, LEN(lit)))
	if (!key)
		return false;
	switch (n) {
	case 0: case 1: case 2:
		return false;
	case 3:
		return IS("pwd") || IS("sig");
	case 5:
		return IS("token");
	case 6:
		if (IS("passwd") || IS("apikey"))
			return true;
		break;
	case 7:
		if (IS("api_key"))
			return true;
		break;
	case 9:
		if (IS("sas_token") || IS("x-api-key"))
			return true;
		break;
	case 10:
		if (IS("accountkey"))
			return true;
		break;
	case 11:
		if (IS("account_key") || IS("private_key"))
			return true;
		break;
	case 13:
		if (IS("authorization"))
			return true;
		break;
	case 21:
		if (IS("sharedaccesssignature"))
			return true;
		break;
	default:
		break;
	}
#undef IS
	/* "connection_string", "proxy_password" and "secret_access_key"
	 * are found by the patterns */
	return ends_ci(key, n, "secret", LEN("secret")) ||
	       ends_ci(key, n, "_token", LEN("_token")) ||
	       ends_ci(key, n, "connection_string", LEN("connection_string")) ||
	       has_ci(key, n, "password", LEN("password")) ||
	       has_ci(key, n, "secret_access_key", LEN("secret_access_key"));
}

bool floe_secret_key(const char *key)
{
	return key && floe_secret_key_n(key, strlen(key));
}

/* The header map names, of `n` bytes. */
static bool header_map_n(const char *key, size_t n)
{
	return (n == LEN("extra_http_headers") &&
		same_ci(key, "extra_http_headers", n)) ||
	       (n == LEN("http_headers") && same_ci(key, "http_headers", n)) ||
	       (n == LEN("headers") && same_ci(key, "headers", n));
}

bool floe_secret_header_map(const char *key)
{
	return key && header_map_n(key, strlen(key));
}

/* A header name is shorter than this (longer ones are not judged). */
#define HEADER_NAME_MAX 64

/* floe_secret_header() of a name that floe_secret_key_n() refuses. */
static bool header_not_key(const char *name, size_t n)
{
	char k[HEADER_NAME_MAX];

	if (!n || n >= sizeof(k))
		return false;
	/* neither name has a '-' (or a '_'): the name as written */
	if (ends_ci(name, n, "authorization", LEN("authorization")) ||
	    (n == LEN("cookie") && same_ci(name, "cookie", n)))
		return true;
	/* a key's name with '_' written '-' (every key is asked: a name
	 * without '-' is the key floe_secret_key_n() refused already) */
	if (!memchr(name, '-', n))
		return false;
	for (size_t i = 0; i < n; i++)
		k[i] = name[i] == '-' ? '_' : name[i];
	return floe_secret_key_n(k, n);
}

bool floe_secret_header(const char *name)
{
	size_t n;

	if (!name)
		return false;
	n = strlen(name);
	if (!n || n >= HEADER_NAME_MAX)
		return false;
	return floe_secret_key_n(name, n) || header_not_key(name, n);
}

unsigned floe_secret_classify(const char *key, size_t n)
{
	if (!key)
		return 0;
	if (floe_secret_key_n(key, n))
		/* a header name too, if it is short enough to be one */
		return FLOE_SECRET_KEY |
		       (n && n < HEADER_NAME_MAX ? FLOE_SECRET_HEADER : 0);
	if (header_map_n(key, n))
		return FLOE_SECRET_HEADER_MAP;
	return header_not_key(key, n) ? FLOE_SECRET_HEADER : 0;
}

/* A quoted string at s[i] ('...' or "...", '' or "" a quote inside):
 * its end past the closing quote, or 0 when it is not closed. */
static size_t quoted_end(const char *s, size_t n, size_t i)
{
	char q = s[i];

	for (i++; i < n; i++)
		if (s[i] == q) {
			if (i + 1 < n && s[i + 1] == q)
				i++;	/* a doubled quote */
			else
				return i + 1;
		}
	return 0;
}

bool floe_secret_header_next(const char *s, size_t n, size_t *pos,
			     size_t *name, size_t *name_len, size_t *start,
			     size_t *len)
{
	for (size_t i = *pos; i < n; i++) {
		size_t e, v, ve;
		char k[64];

		if (s[i] != '\'' && s[i] != '"')
			continue;
		if (!(e = quoted_end(s, n, i))) {
			*pos = n;
			return false;
		}
		v = e;
		while (v < n && isspace((unsigned char)s[v]))
			v++;
		if (v >= n || (s[v] != ':' && s[v] != '=')) {
			i = e - 1;	/* a quoted value, or other text */
			continue;
		}
		for (v++; v < n && isspace((unsigned char)s[v]); v++)
			;
		if (v >= n || (s[v] != '\'' && s[v] != '"') ||
		    !(ve = quoted_end(s, n, v))) {
			i = e - 1;
			continue;
		}
		if (e - i - 2 < sizeof(k)) {
			memcpy(k, s + i + 1, e - i - 2);
			k[e - i - 2] = '\0';
			if (floe_secret_header(k)) {
				*name = i + 1;
				*name_len = e - i - 2;
				*start = v + 1;
				*len = ve - v - 2;
				*pos = ve;
				return true;
			}
		}
		i = ve - 1;	/* past the value */
	}
	*pos = n;
	return false;
}

bool floe_secret_conn_key(const char *key)
{
	return key && ends_ci(key, strlen(key), "connection_string",
			      LEN("connection_string"));
}

static bool conn_sep(char ch)
{
	return ch == ';' || ch == '&' || ch == '?' || isspace((unsigned char)ch);
}

/* The quote that ends the YAML or SQL scalar a connection string is in. */
static bool closing_quote(const char *s, size_t n, size_t i)
{
	if (s[i] != '"' && s[i] != '\'')
		return false;
	return i + 1 == n || isspace((unsigned char)s[i + 1]) ||
	       s[i + 1] == ',' || s[i + 1] == '}' || s[i + 1] == ']' ||
	       s[i + 1] == '#';
}

bool floe_secret_conn_next(const char *s, size_t n, size_t *pos,
			   size_t *start, size_t *len)
{
	/* a credential needs an '@' (user:password@) or an '=' (key=value):
	 * most values have neither, and are passed over at memchr()'s pace */
	if (*pos >= n || (!memchr(s + *pos, '@', n - *pos) &&
			  !memchr(s + *pos, '=', n - *pos))) {
		*pos = n;
		return false;
	}
	for (size_t i = *pos; i < n; i++) {
		/* scheme://user:password@host */
		if (s[i] == ':' && i + 2 < n && s[i + 1] == '/' &&
		    s[i + 2] == '/') {
			size_t a = i + 3, e = a, colon = 0, at = 0;

			while (e < n && s[e] != '/' && s[e] != '?' &&
			       !isspace((unsigned char)s[e]))
				e++;
			for (size_t k = a; k < e; k++)
				if (s[k] == '@')
					at = k;
			for (size_t k = a; at && k < at; k++)
				if (s[k] == ':') {
					colon = k;
					break;
				}
			if (at && colon && at > colon + 1) {
				*start = colon + 1;
				*len = at - colon - 1;
				*pos = at;
				return true;
			}
			i = a - 1;
			continue;
		}
		/* key=value, the key at a parameter's start */
		if (s[i] == '=' && i > 0) {
			size_t k = i, v = i + 1, e;

			while (k > 0 && !conn_sep(s[k - 1]) && s[k - 1] != ':' &&
			       s[k - 1] != '=')
				k--;
			while (k < i && isspace((unsigned char)s[k]))
				k++;
			if (!floe_secret_key_n(s + k, i - k))
				continue;
			if (v < n && (s[v] == '\'' || s[v] == '"')) {
				char q = s[v];

				e = v + 1;
				while (e < n && s[e] != q) {
					if (s[e] == '\\' && e + 1 < n)
						e++;
					e++;
				}
				*start = v + 1;
				*len = e - v - 1;
				*pos = e < n ? e + 1 : e;
			} else {
				e = v;
				while (e < n && !conn_sep(s[e]) &&
				       !closing_quote(s, n, e))
					e++;
				*start = v;
				*len = e - v;
				*pos = e;
			}
			if (!*len)
				continue;
			return true;
		}
	}
	*pos = n;
	return false;
}

int floe_secret_mask_conn(struct strbuf *out, const char *s, size_t n,
			  const char *mask)
{
	size_t pos = 0, done = 0, a, l;

	while (floe_secret_conn_next(s, n, &pos, &a, &l)) {
		strbuf_add(out, s + done, a - done);
		strbuf_adds(out, mask);
		done = a + l;
	}
	strbuf_add(out, s + done, n - done);
	return strbuf_error(out);
}

/* ---- YAML text, line by line ---- */

/* The key of a block-mapping line "  - key: value": [k, k+kl), value at v. */
static bool line_key(const char *s, size_t n, size_t *ind, size_t *k,
		     size_t *kl, size_t *v)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	while (i + 1 < n && s[i] == '-' && s[i + 1] == ' ') {
		i += 2;
		while (i < n && s[i] == ' ')
			i++;
	}
	*ind = i;
	if (i < n && (s[i] == '"' || s[i] == '\'')) {
		char q = s[i];
		size_t e = i + 1;

		while (e < n && s[e] != q)
			e++;
		if (e + 1 >= n || s[e + 1] != ':')
			return false;
		*k = i + 1;
		*kl = e - i - 1;
		*v = e + 2;
		return true;
	}
	for (size_t e = i; e < n; e++) {
		if (s[e] == ':' && (e + 1 == n || s[e + 1] == ' ')) {
			*k = i;
			*kl = e - i;
			*v = e + 1;
			return e > i;
		}
		if (s[e] == '#' && e > i && s[e - 1] == ' ')
			return false;
	}
	return false;
}

/* "{{ env_var('NAME') }}", quoted or not: a reference, not a secret. */
static bool env_ref(const char *s, size_t n)
{
	static const char pre[] = "{{ env_var('";
	size_t i = 0;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	if (n < sizeof(pre) - 1 || memcmp(s, pre, sizeof(pre) - 1))
		return false;
	i = sizeof(pre) - 1;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	return n - i == 5 && !memcmp(s + i, "') }}", 5);
}

static void mask_value(struct strbuf *out, const char *s, size_t n, size_t v)
{
	size_t i = v;

	strbuf_add(out, s, v);
	while (i < n && s[i] == ' ')
		i++;
	strbuf_add(out, s + v, i - v);
	if (env_ref(s + i, n - i))
		strbuf_add(out, s + i, n - i);
	else if (i < n)		/* a block scalar indicator stays */
		strbuf_adds(out, (s[i] == '|' || s[i] == '>')
			? (const char *)"|-" : FLOE_SECRET_MASK);
}

/* A flow mapping's "{key: value, ...}" on one line: secret keys' values. */
static void mask_flow(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf t = STRBUF_INIT;
	size_t i = 0, done = 0;

	while (i < n) {
		size_t k, e, v;

		if (s[i] != '{' && s[i] != ',') {
			i++;
			continue;
		}
		k = i + 1;
		while (k < n && s[k] == ' ')
			k++;
		e = k;
		while (e < n && s[e] != ':' && s[e] != ',' && s[e] != '}' &&
		       s[e] != '{')
			e++;
		i = e;
		if (e >= n || s[e] != ':' || !floe_secret_key_n(s + k, e - k))
			continue;
		v = e + 1;
		while (v < n && s[v] == ' ')
			v++;
		e = v;
		while (e < n && s[e] != ',' && s[e] != '}')
			e++;
		if (e > v && !env_ref(s + v, e - v)) {
			strbuf_add(&t, s + done, v - done);
			strbuf_adds(&t, FLOE_SECRET_MASK);
			done = e;
		}
		i = e;
	}
	strbuf_add(&t, s + done, n - done);
	if (strbuf_error(&t))
		strbuf_fail(out);
	else
		floe_secret_mask_conn(out, t.buf, t.len, FLOE_SECRET_MASK);
	strbuf_release(&t);
}

int floe_secret_mask_yaml(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	long hide_below = -1;	/* lines indented more than this are hidden */

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t l = nl ? (size_t)(nl - (s + i)) : n - i;
		const char *line = s + i;
		size_t ind, k, kl, v, sp = 0;
		bool key;

		while (sp < l && line[sp] == ' ')
			sp++;
		if (hide_below >= 0 && sp < l && line[sp] != '#' &&
		    (long)sp <= hide_below)
			hide_below = -1;
		key = line_key(line, l, &ind, &k, &kl, &v);
		if (hide_below >= 0 && sp < l) {
			if (key) {
				mask_value(out, line, l, v);
			} else {
				strbuf_add(out, line, sp);
				strbuf_adds(out, FLOE_SECRET_MASK);
			}
		} else if (key && (floe_secret_key_n(line + k, kl) ||
				   (kl == 18 && !strncasecmp(line + k,
					"extra_http_headers", 18)))) {
			size_t e = v;

			while (e < l && line[e] == ' ')
				e++;
			if (e == l || line[e] == '|' || line[e] == '>' ||
			    line[e] == '#')
				hide_below = (long)sp;	/* nested or block */
			if (e < l && line[e] != '#')
				mask_value(out, line, l, v);
			else
				strbuf_add(out, line, l);
		} else {
			mask_flow(out, line, l);
		}
		if (nl)
			strbuf_addch(out, '\n');
		i += l + (nl ? 1 : 0);
	}
	return strbuf_error(out);
}
