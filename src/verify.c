/*
 * Run a profile's connection sequence on a real DuckDB, loaded with
 * dlopen() through its stable C API.  No DuckDB header is needed at
 * build time: the few types and functions used are declared here, as
 * DuckDB's duckdb.h declares them (the C API is stable since 1.0; the
 * tests pin 1.4.3).
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "alloc.h"
#include "engine/engine.h"
#include "floe/verify.h"
#include "strbuf.h"

/* ---- the DuckDB C API, as duckdb.h declares it ---- */

typedef uint64_t ddb_idx;
typedef void *ddb_handle;	/* duckdb_database, _connection, _config,
				 * _extracted_statements: pointers */

enum { DDB_SUCCESS = 0 };	/* duckdb_state: DuckDBSuccess */

typedef struct {		/* duckdb_result (48 bytes on LP64) */
	ddb_idx deprecated_column_count;
	ddb_idx deprecated_row_count;
	ddb_idx deprecated_rows_changed;
	void *deprecated_columns;
	char *deprecated_error_message;
	void *internal_data;
} ddb_result;

struct api {
	int (*open_ext)(const char *path, ddb_handle *db, ddb_handle config,
			char **error);
	void (*close)(ddb_handle *db);
	int (*create_config)(ddb_handle *config);
	int (*set_config)(ddb_handle config, const char *name,
			  const char *option);
	void (*destroy_config)(ddb_handle *config);
	int (*connect)(ddb_handle db, ddb_handle *con);
	void (*disconnect)(ddb_handle *con);
	int (*query)(ddb_handle con, const char *sql, ddb_result *res);
	const char *(*result_error)(ddb_result *res);
	void (*destroy_result)(ddb_result *res);
	const char *(*library_version)(void);
	ddb_idx (*row_count)(ddb_result *res);
	char *(*value_varchar)(ddb_result *res, ddb_idx col, ddb_idx row);
	void (*free)(void *p);
	ddb_idx (*extract_statements)(ddb_handle con, const char *sql,
				      ddb_handle *out);
	const char *(*extract_statements_error)(ddb_handle extracted);
	void (*destroy_extracted)(ddb_handle *extracted);
};

static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
#define SYM(field, name) { name, offsetof(struct api, field) }
	SYM(open_ext, "duckdb_open_ext"),
	SYM(close, "duckdb_close"),
	SYM(create_config, "duckdb_create_config"),
	SYM(set_config, "duckdb_set_config"),
	SYM(destroy_config, "duckdb_destroy_config"),
	SYM(connect, "duckdb_connect"),
	SYM(disconnect, "duckdb_disconnect"),
	SYM(query, "duckdb_query"),
	SYM(result_error, "duckdb_result_error"),
	SYM(destroy_result, "duckdb_destroy_result"),
	SYM(library_version, "duckdb_library_version"),
	SYM(row_count, "duckdb_row_count"),
	SYM(value_varchar, "duckdb_value_varchar"),
	SYM(free, "duckdb_free"),
	SYM(extract_statements, "duckdb_extract_statements"),
	SYM(extract_statements_error, "duckdb_extract_statements_error"),
	SYM(destroy_extracted, "duckdb_destroy_extracted"),
#undef SYM
};

const char *floe_verify_hint(void)
{
	return "verify needs DuckDB's shared library (libduckdb.so), loaded "
	       "at run time. Get one and name it with --duckdb PATH or "
	       FLOE_DUCKDB_LIB_ENV "=PATH, or put it on the loader's "
	       "search path (LD_LIBRARY_PATH):\n"
	       "  - libduckdb-linux-amd64.zip from DuckDB's releases, or\n"
	       "  - npm: npm install --no-save --ignore-scripts --prefix DIR "
	       "@duckdb/node-bindings-linux-x64@1.4.3-r.3, then "
	       "DIR/node_modules/@duckdb/node-bindings-linux-x64/"
	       "libduckdb.so (tests/fetch-duckdb.sh does this)";
}

/*
 * Load the library: `path`, else $FLOE_DUCKDB_LIB, else "libduckdb.so"
 * through the loader's search path.  The library stays loaded for the
 * life of the process: unloading a C++ runtime is not safe.
 */
static int api_load(const char *path, struct api *a, char **used,
		    struct strbuf *why)
{
	const char *env = getenv(FLOE_DUCKDB_LIB_ENV);
	const char *how = "--duckdb";
	void *dl;

	if (!path && env && *env) {
		path = env;
		how = FLOE_DUCKDB_LIB_ENV;
	}
	if (!path) {
		path = "libduckdb.so";
		how = "the loader's search path";
	}
	dlerror();
	dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		const char *e = dlerror();

		/* the loader ran out of memory: not a missing library */
		if (e && strstr(e, "annot allocate memory"))
			return -2;
		strbuf_addf(why, "cannot load DuckDB (%s, from %s): %s", path,
			    how, e ? e : "dlopen failed");
		return strbuf_error(why) ? -2 : -1;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		void *sym = dlsym(dl, symbols[i].name);

		if (!sym) {
			strbuf_addf(why, "%s (from %s) is not a DuckDB "
				    "library: it has no %s", path, how,
				    symbols[i].name);
			return strbuf_error(why) ? -2 : -1;
		}
		memcpy((char *)a + symbols[i].offset, &sym, sizeof(sym));
	}
	*used = strdup(path);
	return *used ? 0 : -2;
}

/* ---- the log ---- */

void floe_verify_log_release(struct floe_verify_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->nr; i++) {
		free(log->steps[i].profile);
		free(log->steps[i].target);
		free(log->steps[i].label);
		free(log->steps[i].detail);
	}
	free(log->steps);
	free(log->library);
	free(log->duckdb_version);
	free(log->error);
	memset(log, 0, sizeof(*log));
}

static const char *status_name(enum floe_step_status s)
{
	switch (s) {
	case FLOE_STEP_OK:
		return "ok";
	case FLOE_STEP_FAILED:
		return "failed";
	case FLOE_STEP_NOT_CHECKED:
		return "not checked";
	}
	return "?";
}

enum floe_err floe_verify_log_render(const struct floe_verify_log *log,
				     char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	const char *profile = NULL, *target = NULL;

	/* every append below is checked once, by strbuf_detach() */
	if (log->duckdb_version)
		strbuf_addf(&sb, "DuckDB %s\n", log->duckdb_version);
	for (size_t i = 0; i < log->nr; i++) {
		const struct floe_verify_step *s = &log->steps[i];

		if (!profile || strcmp(profile, s->profile) ||
		    strcmp(target, s->target)) {
			profile = s->profile;
			target = s->target;
			strbuf_addf(&sb, "%s: profile %s, target %s\n",
				    s->loc.file ? s->loc.file : "-", profile,
				    target);
		}
		strbuf_addf(&sb, "  %-11s ", status_name(s->status));
		if (s->loc.start.line)
			strbuf_addf(&sb, "%4u  ", s->loc.start.line);
		else
			strbuf_adds(&sb, "      ");
		strbuf_adds(&sb, s->label);
		if (s->detail)
			strbuf_addf(&sb, ": %s", s->detail);
		strbuf_addch(&sb, '\n');
	}
	*out = strbuf_detach(&sb, len);
	return *out ? FLOE_OK : FLOE_ERR_NOMEM;
}

/* ---- one run ---- */

struct ext {
	char *name;
	bool installed, loaded;
};

struct run {
	struct api *api;
	const struct floe_verify_options *opt;
	bool no_download;	/* an extension download failed: offline */
	const struct floe_sql_plan *plan;
	const struct floe_sql_conn *conn;
	struct floe_diags *diags;
	enum floe_err err;
	ddb_handle db, con, cur;
	char *tmpdir, *secret_dir;
	bool hermetic;		/* secret_directory moved to tmpdir */
	const struct floe_sql_stmt *first_user;	/* of the secret manager */
	struct ext *exts;
	size_t nr_exts;
	struct strbuf msg;	/* the last DuckDB error, cleaned */
	const char *sql;	/* the statement that failed, or NULL */
};

static void nomem(struct run *r)
{
	r->err = FLOE_ERR_NOMEM;
}

static void step(struct run *r, const struct floe_sql_stmt *st,
		 const char *label, enum floe_step_status status,
		 const char *fmt, ...) FLOE_PRINTF(5, 6);
static void step(struct run *r, const struct floe_sql_stmt *st,
		 const char *label, enum floe_step_status status,
		 const char *fmt, ...)
{
	struct floe_verify_log *log = r->opt->log;
	struct floe_verify_step *s;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!log)
		return;
	if (ALLOC_GROW(log->steps, log->nr + 1, log->alloc)) {
		nomem(r);
		return;
	}
	s = &log->steps[log->nr];
	memset(s, 0, sizeof(*s));
	if (st)
		s->loc = st->loc;
	else
		s->loc.file = r->plan->file;
	s->status = status;
	s->profile = strdup(r->conn->profile);
	s->target = strdup(r->conn->target);
	s->label = strdup(label ? label : st ? st->label : "");
	if (fmt) {
		va_start(ap, fmt);
		{
			va_list ap2;
			int n;

			va_copy(ap2, ap);
			n = vsnprintf(NULL, 0, fmt, ap2);
			va_end(ap2);
			if (n >= 0 && !strbuf_grow(&sb, (size_t)n)) {
				vsnprintf(sb.buf, (size_t)n + 1, fmt, ap);
				sb.len = (size_t)n;
				s->detail = strbuf_detach(&sb, NULL);
			}
		}
		va_end(ap);
	}
	log->nr++;
	if (!s->profile || !s->target || !s->label || (fmt && !s->detail))
		nomem(r);
}

static void finding(struct run *r, const struct floe_sql_stmt *st,
		    enum floe_severity sev, const char *fmt, ...)
	FLOE_PRINTF(4, 5);
static void finding(struct run *r, const struct floe_sql_stmt *st,
		    enum floe_severity sev, const char *fmt, ...)
{
	struct floe_loc loc;
	va_list ap;

	memset(&loc, 0, sizeof(loc));
	if (st)
		loc = st->loc;
	else
		loc.file = r->plan->file;
	va_start(ap, fmt);
	/* notes belong to the finding before them and carry no rule */
	if (floe_diags_vaddf(r->diags, sev,
			     sev == FLOE_SEV_NOTE ? FLOE_RULE_NONE : FLOE_FP701, loc, fmt,
			     ap))
		nomem(r);
	va_end(ap);
}

/* Replace every secret value in sb with ***, longest first. */
static void scrub(struct run *r, struct strbuf *sb)
{
	const struct floe_sql_conn *c = r->conn;
	bool *done;

	if (!c->nr_secrets)
		return;
	done = calloc(c->nr_secrets, sizeof(*done));
	if (!done) {
		nomem(r);
		return;
	}
	for (;;) {
		size_t best = (size_t)-1, blen = 0;

		for (size_t i = 0; i < c->nr_secrets; i++) {
			size_t n = strlen(c->secrets[i]);

			if (!done[i] && n > blen) {
				best = i;
				blen = n;
			}
		}
		if (best == (size_t)-1)
			break;
		done[best] = true;
		for (char *p; (p = strstr(sb->buf, c->secrets[best]));) {
			struct strbuf t = STRBUF_INIT;

			strbuf_add(&t, sb->buf, (size_t)(p - sb->buf));
			strbuf_adds(&t, "***");
			strbuf_adds(&t, p + blen);
			if (strbuf_error(&t)) {
				strbuf_release(&t);
				nomem(r);
				free(done);
				return;
			}
			strbuf_release(sb);
			*sb = t;
		}
	}
	free(done);
}

/*
 * A "quoted" token of the message (the parser's `at or near "x"`) that
 * is part of a secret value becomes "***".
 */
static void scrub_tokens(struct run *r, struct strbuf *sb)
{
	const struct floe_sql_conn *c = r->conn;
	char *p = sb->buf;

	while ((p = strchr(p, '"'))) {
		char *q = strchr(p + 1, '"');
		size_t n;
		bool hit = false;

		if (!q)
			return;
		n = (size_t)(q - p - 1);
		for (size_t i = 0; n >= 4 && i < c->nr_secrets && !hit; i++) {
			const char *s = c->secrets[i];

			if (!r->sql || !strstr(r->sql, s))
				continue;	/* not in this statement */
			for (; *s && !hit; s++)
				hit = !strncmp(s, p + 1, n);
		}
		if (hit) {
			struct strbuf t = STRBUF_INIT;
			size_t at = (size_t)(p - sb->buf);

			strbuf_add(&t, sb->buf, at);
			strbuf_adds(&t, "\"***\"");
			strbuf_adds(&t, q + 1);
			if (strbuf_error(&t)) {
				strbuf_release(&t);
				nomem(r);
				return;
			}
			strbuf_release(sb);
			*sb = t;
			p = sb->buf + at + 5;
		} else {
			p = q + 1;
		}
	}
}

/*
 * DuckDB's message on one line: the "LINE n: ..." context (which quotes
 * the statement) is dropped, the other lines are joined.
 */
static void set_msg(struct run *r, const char *e)
{
	bool space = false;

	strbuf_reset(&r->msg);
	if (!e)
		e = "unknown error";
	while (*e) {
		const char *nl = strchr(e, '\n');
		size_t n = nl ? (size_t)(nl - e) : strlen(e);

		if (n >= 5 && !strncmp(e, "LINE ", 5))
			break;
		while (n && (e[n - 1] == ' ' || e[n - 1] == '\r'))
			n--;
		if (n) {
			if (space)
				strbuf_addch(&r->msg, ' ');
			strbuf_add(&r->msg, e, n);
			space = true;
		}
		e = nl ? nl + 1 : e + strlen(e);
	}
	if (strbuf_error(&r->msg))
		nomem(r);
	scrub(r, &r->msg);
	scrub_tokens(r, &r->msg);
}

/* Run one statement; on failure the cleaned message is in r->msg. */
static bool exec(struct run *r, ddb_handle con, const char *sql)
{
	ddb_result res;
	bool ok;

	memset(&res, 0, sizeof(res));
	ok = r->api->query(con, sql, &res) == DDB_SUCCESS;
	r->sql = sql;
	if (!ok)
		set_msg(r, r->api->result_error(&res));
	r->sql = NULL;
	r->api->destroy_result(&res);
	return ok;
}

/* Does DuckDB's parser accept it?  On failure the error is in r->msg. */
static bool parses(struct run *r, const char *sql)
{
	ddb_handle ex = NULL;
	ddb_idx n = r->api->extract_statements(r->con, sql, &ex);
	bool ok = n > 0;

	r->sql = sql;
	if (!ok)
		set_msg(r, ex ? r->api->extract_statements_error(ex) : NULL);
	r->sql = NULL;
	if (ex)
		r->api->destroy_extracted(&ex);
	return ok;
}

static struct ext *find_ext(struct run *r, const char *name)
{
	/* the engine's aliases: https is httpfs, sqlite sqlite_scanner */
	name = fe_extension_canonical(name, FE_DUCKDB_DEFAULT);
	for (size_t i = 0; i < r->nr_exts; i++)
		if (!strcasecmp(r->exts[i].name, name))
			return &r->exts[i];
	return NULL;
}

static bool installed(struct run *r, const char *name)
{
	struct ext *e = find_ext(r, name);

	return e && (e->installed || e->loaded);
}

static void read_extensions(struct run *r)
{
	ddb_result res;
	ddb_idx n;

	memset(&res, 0, sizeof(res));
	if (r->api->query(r->con, "SELECT extension_name, installed, loaded "
			  "FROM duckdb_extensions()", &res) != DDB_SUCCESS) {
		r->api->destroy_result(&res);
		return;
	}
	n = r->api->row_count(&res);
	r->exts = calloc(n ? (size_t)n : 1, sizeof(*r->exts));
	if (!r->exts) {
		nomem(r);
		r->api->destroy_result(&res);
		return;
	}
	for (ddb_idx i = 0; i < n; i++) {
		char *name = r->api->value_varchar(&res, 0, i);
		char *inst = r->api->value_varchar(&res, 1, i);
		char *load = r->api->value_varchar(&res, 2, i);

		if (name) {
			struct ext *e = &r->exts[r->nr_exts];

			e->name = strdup(name);
			e->installed = inst && !strcmp(inst, "true");
			e->loaded = load && !strcmp(load, "true");
			if (e->name)
				r->nr_exts++;
			else
				nomem(r);
		}
		r->api->free(name);
		r->api->free(inst);
		r->api->free(load);
	}
	r->api->destroy_result(&res);
}

/* The extension a failed statement needed, from DuckDB's message. */
static char *needed_ext(struct run *r, const char *msg)
{
	static const char install[] = "Install it first using \"INSTALL ";
	static const char required[] = "required extension '";
	static const char loaded[] = " extension needs to be loaded";
	const char *p, *q;
	char *name;
	size_t n = 0;

	if ((p = strstr(msg, install))) {
		p += sizeof(install) - 1;
		while (p[n] && p[n] != '"' && p[n] != ' ')
			n++;
	} else if ((p = strstr(msg, required))) {
		p += sizeof(required) - 1;
		while (p[n] && p[n] != '\'')
			n++;
	} else if ((q = strstr(msg, loaded))) {
		/* "..., the httpfs extension needs to be loaded" */
		p = q;
		while (p > msg && p[-1] != ' ')
			p--;
		n = (size_t)(q - p);
	}
	if (!p || !n)
		return NULL;
	name = strndup(p, n);
	if (!name)
		nomem(r);	/* not "needs no extension" */
	return name;
}

/* The secret manager is used from here on, as the real statement does. */
static void mark_used(struct run *r, const struct floe_sql_stmt *st)
{
	if (!r->first_user)
		r->first_user = st;
	if (!exec(r, r->con, "FROM duckdb_secrets()"))
		finding(r, st, FLOE_SEV_ERROR, "DuckDB: %s", r->msg.buf);
}

static bool secret_manager_error(const char *msg)
{
	return strstr(msg, "Changing Secret Manager settings") != NULL;
}

static void explain_secret_manager(struct run *r,
				   const struct floe_sql_stmt *st)
{
	const struct floe_sql_stmt *u = r->first_user;

	if (u)
		finding(r, u, FLOE_SEV_NOTE, "the secret manager was first "
			"used here (%s), before the per-cursor SETs of "
			"'settings' run; set secret manager options in "
			"'config_options', which apply before anything else",
			u->label);
	else
		finding(r, st, FLOE_SEV_NOTE, "a query that uses secrets "
			"(an s3:// read, an iceberg table) makes every later "
			"cursor's SET fail; set secret manager options in "
			"'config_options'");
}

/*
 * Extensions cannot be fetched: --offline, or a download already failed
 * (no network here).  What needs a missing one is then "not checked",
 * not a finding: a network problem is not a profile problem.
 */
static bool no_fetch(const struct run *r)
{
	return r->opt->offline || r->no_download;
}

/* A statement that may need an extension this DuckDB does not have. */
static bool missing_offline(struct run *r, const char *msg, char **ext)
{
	char *name = needed_ext(r, msg);

	*ext = name;
	return name && no_fetch(r) && !installed(r, name);
}

static void run_install(struct run *r, const struct floe_sql_stmt *st)
{
	if (r->opt->offline) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, installed(r, st->name)
		     ? "--offline: not run (the %s extension is installed)"
		     : "%s extension not installed; --offline downloads "
		       "nothing", st->name);
		return;
	}
	if (exec(r, r->con, st->sql)) {
		struct ext *e = find_ext(r, st->name);

		if (e)
			e->installed = true;
		step(r, st, NULL, FLOE_STEP_OK, NULL);
		return;
	}
	if (strstr(r->msg.buf, "Failed to download") ||
	    strstr(r->msg.buf, "Could not establish connection") ||
	    strstr(r->msg.buf, "Could not resolve")) {
		r->no_download = true;
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "could not download "
		     "the %s extension (%s); without network, use --offline",
		     st->name, r->msg.buf);
		return;
	}
	finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label, r->msg.buf);
	step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
}

static void run_load(struct run *r, const struct floe_sql_stmt *st)
{
	if (no_fetch(r) && !installed(r, st->name)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s extension not "
		     "installed", st->name);
		return;
	}
	if (exec(r, r->con, st->sql)) {
		struct ext *e = find_ext(r, st->name);

		if (e)
			e->loaded = true;
		step(r, st, NULL, FLOE_STEP_OK, NULL);
		return;
	}
	finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label, r->msg.buf);
	step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
}

static void run_secret(struct run *r, const struct floe_sql_stmt *st)
{
	char *ext = NULL;

	if (!r->hermetic && strstr(st->sql, " PERSISTENT SECRET")) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "not run: a "
		     "persistent secret would be written outside verify's "
		     "temporary folder");
		mark_used(r, st);
		return;
	}
	if (exec(r, r->con, st->sql)) {
		step(r, st, NULL, FLOE_STEP_OK, NULL);
		mark_used(r, st);
		return;
	}
	if (missing_offline(r, r->msg.buf, &ext)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "needs the %s "
		     "extension, not installed", ext);
	} else {
		finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	}
	free(ext);
	mark_used(r, st);
}

/* The databases attached now, as one string "|a|b|". */
static char *databases(struct run *r)
{
	struct strbuf sb = STRBUF_INIT;
	ddb_result res;

	strbuf_addch(&sb, '|');
	memset(&res, 0, sizeof(res));
	if (r->api->query(r->con, "SELECT database_name FROM "
			  "duckdb_databases() ORDER BY 1", &res) ==
	    DDB_SUCCESS) {
		for (ddb_idx i = 0; i < r->api->row_count(&res); i++) {
			char *v = r->api->value_varchar(&res, 0, i);

			if (v) {
				strbuf_adds(&sb, v);
				strbuf_addch(&sb, '|');
			}
			r->api->free(v);
		}
	}
	r->api->destroy_result(&res);
	if (strbuf_error(&sb)) {
		strbuf_release(&sb);
		nomem(r);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* The namespaces (schemas) of a newly attached catalog. */
static void list_namespaces(struct run *r, const char *db, struct strbuf *out)
{
	struct strbuf q = STRBUF_INIT;
	ddb_result res;

	strbuf_adds(&q, "SELECT schema_name FROM duckdb_schemas() WHERE "
		    "database_name = '");
	for (const char *p = db; *p; p++) {
		if (*p == '\'')
			strbuf_addch(&q, '\'');
		strbuf_addch(&q, *p);
	}
	strbuf_adds(&q, "' ORDER BY 1");
	memset(&res, 0, sizeof(res));
	if (strbuf_error(&q))
		strbuf_fail(out);
	else if (r->api->query(r->con, q.buf, &res) == DDB_SUCCESS) {
		strbuf_addf(out, "attached as %s; namespaces: ", db);
		for (ddb_idx i = 0; i < r->api->row_count(&res); i++) {
			char *v = r->api->value_varchar(&res, 0, i);

			if (v)
				strbuf_addf(out, "%s%s", i ? ", " : "", v);
			r->api->free(v);
		}
		if (!r->api->row_count(&res))
			strbuf_adds(out, "(none)");
	}
	r->api->destroy_result(&res);
	strbuf_release(&q);
	if (strbuf_error(out))
		nomem(r);
}

static void run_attach(struct run *r, const struct floe_sql_stmt *st)
{
	bool iceberg = st->name && !strcasecmp(st->name, "iceberg");
	char *before, *after, *ext = NULL;

	if (!iceberg) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "parses; verify runs "
		     "only TYPE iceberg attaches (a database file would be "
		     "created or written)");
		return;
	}
	if (no_fetch(r) && !installed(r, "iceberg")) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "iceberg extension "
		     "not installed (the statement parses)");
		mark_used(r, st);
		return;
	}
	if (st->placeholder) {
		/* never send ${NAME} to a catalog as a credential */
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "an env var it uses "
		     "has no value (the statement parses); not run with "
		     "${NAME} placeholders");
		mark_used(r, st);
		return;
	}
	before = databases(r);
	if (exec(r, r->con, st->sql)) {
		struct strbuf ns = STRBUF_INIT;

		after = databases(r);
		/* the first name in `after` that `before` lacks */
		for (char *p = after ? after + 1 : NULL; p && *p;) {
			char *bar = strchr(p, '|');
			char probe[512];

			if (!bar)
				break;
			*bar = '\0';
			snprintf(probe, sizeof(probe), "|%s|", p);
			if (before && !strstr(before, probe)) {
				list_namespaces(r, p, &ns);
				break;
			}
			p = bar + 1;
		}
		step(r, st, NULL, FLOE_STEP_OK, "%s", ns.len ? ns.buf
						       : "attached");
		strbuf_release(&ns);
		free(after);
	} else if (missing_offline(r, r->msg.buf, &ext)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s extension not "
		     "installed (the statement parses)", ext);
	} else {
		finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	}
	free(ext);
	free(before);
	mark_used(r, st);
}

static bool run_set(struct run *r, const struct floe_sql_stmt *st,
		    ddb_handle con, bool later)
{
	char *ext = NULL;

	if (exec(r, con, st->sql)) {
		if (!later)
			step(r, st, NULL, FLOE_STEP_OK, NULL);
		return true;
	}
	if (missing_offline(r, r->msg.buf, &ext)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "needs the %s "
		     "extension, not installed", ext);
		free(ext);
		return false;
	}
	free(ext);
	if (later) {
		finding(r, st, FLOE_SEV_ERROR, "%s fails on every cursor after "
			"the first query that uses secrets: %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "on a later cursor, "
		     "after a query used secrets: %s", r->msg.buf);
	} else {
		finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	}
	if (secret_manager_error(r->msg.buf))
		explain_secret_manager(r, st);
	return false;
}

/* DuckDB's own words for a config value it refused, if it has some. */
static void config_reason(struct run *r, const struct floe_sql_stmt *st)
{
	ddb_handle db = NULL, con = NULL;
	struct strbuf q = STRBUF_INIT;
	char *err = NULL;

	strbuf_addf(&q, "SET \"%s\" = '", st->name);
	for (const char *p = st->value; *p; p++) {
		if (*p == '\'')
			strbuf_addch(&q, '\'');
		strbuf_addch(&q, *p);
	}
	strbuf_addch(&q, '\'');
	set_msg(r, "DuckDB refused the value");
	if (!strbuf_error(&q) && r->api->open_ext(":memory:", &db, NULL, &err) ==
	    DDB_SUCCESS && r->api->connect(db, &con) == DDB_SUCCESS) {
		ddb_handle keep = r->con;

		r->con = con;
		if (!exec(r, con, q.buf) &&
		    strstr(r->msg.buf, "while database is running"))
			set_msg(r, "DuckDB refused the value");
		else if (!strncmp(r->msg.buf, "DuckDB refused", 14) ||
			 !r->msg.len)
			set_msg(r, "DuckDB refused the value");
		r->con = keep;
	}
	if (err)
		r->api->free(err);
	if (con)
		r->api->disconnect(&con);
	if (db)
		r->api->close(&db);
	strbuf_release(&q);
}

static const char no_value[] = "its value comes from an env var that has "
				"no value here";

/* Open the database with the config options; drop the ones refused. */
static bool open_db(struct run *r)
{
	const struct floe_sql_conn *c = r->conn;
	bool *skip = calloc(c->nr + 1, sizeof(*skip));
	bool opened = false;

	if (!skip) {
		nomem(r);
		return false;
	}
	for (size_t k = 0; k < c->nr; k++)
		if (c->stmts[k].kind == FLOE_SQL_CONFIG &&
		    !strcasecmp(c->stmts[k].name, "access_mode") &&
		    !strcasecmp(c->stmts[k].value, "read_only")) {
			step(r, &c->stmts[k], NULL, FLOE_STEP_NOT_CHECKED,
			     "verify opens an in-memory database, which "
			     "cannot be read-only");
			skip[k] = true;
		}
	for (int attempt = 0; attempt < 64 && !opened && !r->err; attempt++) {
		ddb_handle cfg = NULL;
		char *err = NULL;
		bool refused = false;

		if (r->api->create_config(&cfg) != DDB_SUCCESS) {
			r->err = FLOE_ERR_INTERNAL;
			break;
		}
		if (r->opt->offline)
			r->api->set_config(cfg, "autoinstall_known_extensions",
					   "false");
		for (size_t k = 0; k < c->nr && !refused; k++) {
			const struct floe_sql_stmt *st = &c->stmts[k];

			if (st->kind != FLOE_SQL_CONFIG || skip[k])
				continue;
			if (st->placeholder) {
				if (!attempt)
					step(r, st, NULL,
					     FLOE_STEP_NOT_CHECKED, "%s",
					     no_value);
				skip[k] = true;
				continue;
			}
			if (r->api->set_config(cfg, st->name, st->value) !=
			    DDB_SUCCESS) {
				config_reason(r, st);
				finding(r, st, FLOE_SEV_ERROR, "config option "
					"'%s': %s", st->name, r->msg.buf);
				step(r, st, NULL, FLOE_STEP_FAILED, "%s",
				     r->msg.buf);
				skip[k] = refused = true;
			}
		}
		if (refused) {
			r->api->destroy_config(&cfg);
			continue;
		}
		if (r->api->open_ext(":memory:", &r->db, cfg, &err) ==
		    DDB_SUCCESS) {
			opened = true;
		} else {
			const struct floe_sql_stmt *blame = NULL;
			size_t bk = 0;

			set_msg(r, err);
			for (size_t k = 0; k < c->nr; k++)
				if (c->stmts[k].kind == FLOE_SQL_CONFIG &&
				    !skip[k] && strstr(r->msg.buf,
						       c->stmts[k].name)) {
					blame = &c->stmts[k];
					bk = k;
					break;
				}
			finding(r, blame, FLOE_SEV_ERROR, "%s%s%s%s",
				blame ? "config option '" : "opening the "
				"database: ", blame ? blame->name : "",
				blame ? "': " : "", r->msg.buf);
			if (blame) {
				step(r, blame, NULL, FLOE_STEP_FAILED, "%s",
				     r->msg.buf);
				skip[bk] = true;
			} else {
				attempt = 64;	/* nothing left to drop */
			}
		}
		if (err)
			r->api->free(err);
		r->api->destroy_config(&cfg);
	}
	if (opened)
		for (size_t k = 0; k < c->nr; k++)
			if (c->stmts[k].kind == FLOE_SQL_CONFIG && !skip[k])
				step(r, &c->stmts[k], NULL, FLOE_STEP_OK, NULL);
	free(skip);
	return opened;
}

static void remove_tmpdir(struct run *r)
{
	if (r->secret_dir) {
		DIR *d = opendir(r->secret_dir);
		struct dirent *e;

		while (d && (e = readdir(d))) {
			char path[4096];

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", r->secret_dir,
				 e->d_name);
			unlink(path);
		}
		if (d)
			closedir(d);
		rmdir(r->secret_dir);
	}
	if (r->tmpdir)
		rmdir(r->tmpdir);
	free(r->secret_dir);
	free(r->tmpdir);
	r->secret_dir = r->tmpdir = NULL;
}

static void make_tmpdir(struct run *r)
{
	const char *base = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;

	if (!base || !*base)
		base = "/tmp";
	if (strbuf_addf(&sb, "%s/floe-verify-XXXXXX", base)) {
		nomem(r);
		return;
	}
	if (!mkdtemp(sb.buf)) {
		strbuf_release(&sb);
		return;		/* not hermetic: persistent secrets skipped */
	}
	r->tmpdir = strbuf_detach(&sb, NULL);
	if (strbuf_addf(&sb, "%s/secrets", r->tmpdir)) {
		nomem(r);
		return;
	}
	r->secret_dir = strbuf_detach(&sb, NULL);
}

/* SET secret_directory to the temporary folder, before any secret use. */
static void isolate_secrets(struct run *r)
{
	struct strbuf q = STRBUF_INIT;

	if (!r->secret_dir)
		return;
	strbuf_adds(&q, "SET secret_directory = '");
	for (const char *p = r->secret_dir; *p; p++) {
		if (*p == '\'')
			strbuf_addch(&q, '\'');
		strbuf_addch(&q, *p);
	}
	strbuf_addch(&q, '\'');
	if (strbuf_error(&q))
		nomem(r);
	else
		r->hermetic = exec(r, r->con, q.buf);
	strbuf_release(&q);
}

static void verify_conn(struct run *r)
{
	const struct floe_sql_conn *c = r->conn;
	bool any_set_ok = false;
	bool *set_ok = calloc(c->nr + 1, sizeof(*set_ok));

	if (!set_ok) {
		nomem(r);
		return;
	}

	if (c->nr_missing_env && !r->opt->use_env) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < c->nr_missing_env; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    c->missing_env[i]);
		if (strbuf_error(&sb))
			nomem(r);
		else
			step(r, NULL, "env vars", FLOE_STEP_NOT_CHECKED,
			     "%s: no default, ran with ${NAME} placeholders "
			     "(--env reads the environment)", sb.buf);
		strbuf_release(&sb);
	}
	make_tmpdir(r);
	if (!open_db(r))
		goto out;
	if (r->api->connect(r->db, &r->con) != DDB_SUCCESS) {
		finding(r, NULL, FLOE_SEV_ERROR, "DuckDB: cannot connect");
		goto out;
	}
	isolate_secrets(r);
	read_extensions(r);
	for (size_t k = 0; k < c->nr && !r->err; k++) {
		const struct floe_sql_stmt *st = &c->stmts[k];

		if (st->kind == FLOE_SQL_CONFIG)
			continue;
		if (st->kind == FLOE_SQL_FILESYSTEM) {
			step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "a Python "
			     "hook (fsspec): not run");
			continue;
		}
		if (st->kind == FLOE_SQL_PLUGIN) {
			if (st->uses_secrets) {
				step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "a "
				     "Python hook: not run; floe's Polaris "
				     "plugin attaches the catalog, so the "
				     "secret manager is marked as used");
				mark_used(r, st);
			} else {
				step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "a "
				     "Python hook: not run");
			}
			continue;
		}
		if (!parses(r, st->sql)) {
			finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label,
				r->msg.buf);
			step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
			continue;
		}
		if (st->per_cursor && !r->cur &&
		    r->api->connect(r->db, &r->cur) != DDB_SUCCESS) {
			finding(r, st, FLOE_SEV_ERROR, "DuckDB: cannot open a "
				"cursor");
			break;
		}
		switch (st->kind) {
		case FLOE_SQL_INSTALL:
			run_install(r, st);
			break;
		case FLOE_SQL_LOAD:
			run_load(r, st);
			break;
		case FLOE_SQL_SECRET:
			run_secret(r, st);
			break;
		case FLOE_SQL_ATTACH:
			run_attach(r, st);
			break;
		case FLOE_SQL_SET:
			if (st->placeholder)
				step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s",
				     no_value);
			else if (run_set(r, st, r->cur, false))
				any_set_ok = set_ok[k] = true;
			break;
		case FLOE_SQL_CONFIG:
		case FLOE_SQL_FILESYSTEM:
		case FLOE_SQL_PLUGIN:
			break;
		}
	}
	/*
	 * Settings are applied again on every cursor.  Once any query has
	 * used secrets, the secret manager's settings fail there: run the
	 * SETs that passed once more, as a later cursor would.
	 */
	if (any_set_ok && !r->first_user && !r->err) {
		ddb_handle later = NULL;

		if (exec(r, r->con, "FROM duckdb_secrets()") &&
		    r->api->connect(r->db, &later) == DDB_SUCCESS) {
			for (size_t k = 0; k < c->nr && !r->err; k++) {
				const struct floe_sql_stmt *st = &c->stmts[k];

				if (st->kind == FLOE_SQL_SET && set_ok[k])
					run_set(r, st, later, true);
			}
			r->api->disconnect(&later);
		}
	}
out:
	free(set_ok);
	if (r->cur)
		r->api->disconnect(&r->cur);
	if (r->con)
		r->api->disconnect(&r->con);
	if (r->db)
		r->api->close(&r->db);
	remove_tmpdir(r);
	for (size_t i = 0; i < r->nr_exts; i++)
		free(r->exts[i].name);
	free(r->exts);
	r->exts = NULL;
	r->nr_exts = 0;
	r->first_user = NULL;
}

enum floe_err floe_verify_profiles(const struct floe_profiles *model,
				   const struct floe_verify_options *opt,
				   struct floe_diags *diags)
{
	struct floe_sql_options so;
	struct floe_sql_plan *plan = NULL;
	struct api api;
	struct strbuf why = STRBUF_INIT;
	char *used = NULL;
	struct run r;
	enum floe_err err;
	int rc;
	struct floe_verify_options vo = *opt;

	/* the model decides the target and how env_var() is read */
	vo.target = model->opt.target;
	vo.use_env = model->opt.use_env;
	vo.getenv_fn = model->opt.getenv_fn;
	opt = &vo;

	memset(&so, 0, sizeof(so));
	so.profile = opt->profile;
	so.target = opt->target;
	so.use_env = opt->use_env;
	so.getenv_fn = opt->getenv_fn;
	so.dbt_version = opt->dbt_version;
	so.limits = opt->limits;
	so.missing_env = opt->use_env ? 1 : -1;

	rc = api_load(opt->duckdb, &api, &used, &why);
	if (rc) {
		if (opt->log && rc == -1) {
			free(opt->log->error);
			opt->log->error = strbuf_detach(&why, NULL);
		}
		strbuf_release(&why);
		return rc == -1 ? FLOE_ERR_IO : FLOE_ERR_NOMEM;
	}
	if (opt->log) {
		free(opt->log->library);
		free(opt->log->duckdb_version);
		opt->log->library = used;
		opt->log->duckdb_version = strdup(api.library_version());
		used = NULL;
		if (!opt->log->duckdb_version)
			return FLOE_ERR_NOMEM;
	}
	free(used);

	err = floe_sql_plan_profiles(model, &so, &plan, diags);
	if (err == FLOE_ERR_INPUT)
		return FLOE_OK;		/* the reasons are findings */
	if (err != FLOE_OK)
		return err;
	memset(&r, 0, sizeof(r));
	r.api = &api;
	r.opt = opt;
	r.plan = plan;
	r.diags = diags;
	strbuf_init(&r.msg);
	for (size_t i = 0; i < plan->nr && !r.err; i++) {
		r.conn = &plan->conns[i];
		verify_conn(&r);
	}
	strbuf_release(&r.msg);
	floe_sql_plan_free(plan);
	return r.err;
}

enum floe_err floe_verify(const char *file, const char *buf, size_t len,
			  const struct floe_verify_options *opt,
			  struct floe_diags *diags)
{
	struct floe_profiles_options po;
	struct floe_profiles *model = NULL;
	enum floe_err err;

	memset(&po, 0, sizeof(po));
	po.target = opt->target;
	po.use_env = opt->use_env;
	po.getenv_fn = opt->getenv_fn;
	po.limits = opt->limits;
	err = floe_profiles_load(file, buf, len, &po, &model);
	if (err != FLOE_OK)
		return err;
	err = floe_verify_profiles(model, opt, diags);
	floe_profiles_free(model);
	return err;
}

enum floe_err floe_duckdb_parse(const char *lib, const char *sql,
				size_t *count, char **error)
{
	struct api api;
	struct strbuf why = STRBUF_INIT;
	char *used = NULL, *err = NULL;
	ddb_handle db = NULL, con = NULL, ex = NULL;
	enum floe_err ret = FLOE_ERR_INTERNAL;
	int rc = api_load(lib, &api, &used, &why);
	ddb_idx n;

	if (rc) {
		*error = rc == -1 ? strbuf_detach(&why, NULL) : NULL;
		strbuf_release(&why);
		return rc == -1 ? FLOE_ERR_IO : FLOE_ERR_NOMEM;
	}
	free(used);
	if (api.open_ext(":memory:", &db, NULL, &err) != DDB_SUCCESS ||
	    api.connect(db, &con) != DDB_SUCCESS)
		goto out;
	n = api.extract_statements(con, sql, &ex);
	if (n) {
		*count = (size_t)n;
		ret = FLOE_OK;
	} else {
		const char *e = ex ? api.extract_statements_error(ex) : NULL;

		*count = 0;
		ret = FLOE_OK;
		if (e) {
			*error = strdup(e);
			ret = *error ? FLOE_ERR_INPUT : FLOE_ERR_NOMEM;
		}
	}
out:
	if (ex)
		api.destroy_extracted(&ex);
	if (err)
		api.free(err);
	if (con)
		api.disconnect(&con);
	if (db)
		api.close(&db);
	return ret;
}
