#ifndef FLOE_SECRET_H
#define FLOE_SECRET_H
/*
 * What is secret: the one predicate sql, verify, the diff of
 * `generate --check` and diagnostics ask (see "Masking" in
 * docs/sql-verify.md).  A value is secret when
 *   - its key is one dbt-duckdb or DuckDB treat as a credential
 *     (floe_secret_key),
 *   - it sits in a header map (extra_http_headers: every value), or
 *   - it was rendered from a DBT_ENV_SECRET_ variable (the caller knows);
 * and inside a connection string (a postgres/mysql attach path, an
 * Azure connection_string) only the credential parameters are secret.
 */
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

#define FLOE_SECRET_MASK "***"

/*
 * msg (malloc'd) with the value of every DBT_ENV_SECRET_ environment
 * variable replaced by ***, as dbt scrubs its logs: a new malloc'd string
 * (msg freed) or msg itself; NULL when out of memory (msg freed).
 */
char *floe_secret_scrub_env(char *msg);

/*
 * msg (malloc'd) with every occurrence of texts[0..nr) (non-empty)
 * replaced by FLOE_SECRET_MASK, the earliest and longest first: the
 * returned string (msg freed) or msg itself; NULL when out of memory
 * (msg freed).
 */
char *floe_secret_scrub_texts(char *msg, const char *const *texts,
			      size_t nr);

/* A key whose value is a credential (case-insensitive). */
bool floe_secret_key(const char *key);
bool floe_secret_key_n(const char *key, size_t len);

/* A key whose value is a map of HTTP headers: every value is secret. */
bool floe_secret_header_map(const char *key);

/*
 * Of a header map's headers, those that carry a credential by their name
 * (`Authorization`, `Proxy-Authorization`, `Cookie`, and any name that
 * floe_secret_key() takes once '-' is read as '_': `X-API-Key`,
 * `X-Auth-Token`, ...).  Masking hides every header's value all the same;
 * this says which of them is a credential when written literally.
 */
bool floe_secret_header(const char *name);

/*
 * The three questions above of one key, answered in one pass (a walk
 * that asks them of every key of an output): FLOE_SECRET_KEY,
 * FLOE_SECRET_HEADER (a key that is one is both), FLOE_SECRET_HEADER_MAP.
 */
enum {
	FLOE_SECRET_KEY = 1,
	FLOE_SECRET_HEADER = 2,
	FLOE_SECRET_HEADER_MAP = 4
};
unsigned floe_secret_classify(const char *key, size_t len);

/*
 * A key whose value is a connection string (`connection_string`,
 * `azure_storage_connection_string`): masked whole as a secret key, and
 * holding a credential only where floe_secret_conn_next() finds one.
 */
bool floe_secret_conn_key(const char *key);

/*
 * The next credential inside a connection string, from *pos on:
 * `password=...` / `AccountKey=...;` parameters and the password of a
 * `scheme://user:password@host` URI.  Sets [*start, *start + *len) and
 * moves *pos past it; false when there is none.
 */
bool floe_secret_conn_next(const char *s, size_t n, size_t *pos,
			   size_t *start, size_t *len);

/*
 * The next credential header inside a header map written as one string
 * (`extra_http_headers: "map {'Authorization': 'Bearer x'}"`, which
 * dbt-duckdb writes into CREATE SECRET unquoted, as SQL): a quoted name
 * that floe_secret_header() takes, then ':' or '=', then a quoted value.
 * Sets the name [*name, *name + *name_len) and the value [*start, *start
 * + *len) (without quotes), and moves *pos past it; false when there is
 * none.
 */
bool floe_secret_header_next(const char *s, size_t n, size_t *pos,
			     size_t *name, size_t *name_len, size_t *start,
			     size_t *len);

/* s with every connection-string credential replaced by mask. */
int floe_secret_mask_conn(struct strbuf *out, const char *s, size_t n,
			  const char *mask);

/*
 * A YAML text, line for line (the same number of lines), with the values
 * of secret keys, of header maps and connection-string credentials
 * replaced by ***.  For showing a file that was never parsed (a diff).
 */
int floe_secret_mask_yaml(struct strbuf *out, const char *s, size_t n);

#endif
