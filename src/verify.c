/*
 * Run a profile's connection sequence on a real DuckDB, loaded with
 * dlopen() through its stable C API.  No DuckDB header is needed at
 * build time: the few types and functions used are declared here, as
 * DuckDB's duckdb.h declares them (the C API is stable since 1.0; the
 * tests pin 1.4.3).
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "dynload.h"
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
	char name[40];		/* held, not pointed at: src/pool.h */
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
	const char *e;
	void *dl;

	if (!path && env && *env) {
		path = env;
		how = FLOE_DUCKDB_LIB_ENV;
	}
	if (!path) {
		path = "libduckdb.so";
		how = "the loader's search path";
	}
	dl = dynload_open(path, &e);
	if (!dl) {
		/* the loader ran out of memory: not a missing library */
		if (strstr(e, "annot allocate memory"))
			return -2;
		strbuf_addf(why, "cannot load DuckDB (%s, from %s): %s", path,
			    how, e);
		return strbuf_error(why) ? -2 : -1;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		void *sym = dynload_sym(dl, symbols[i].name);

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
	if (log->duckdb_version) {
		char v[FLOE_VERSION_BUF];

		strbuf_addf(&sb, "DuckDB %s", log->duckdb_version);
		if (log->duckdb_linted)
			strbuf_addf(&sb, ", linted as %s%s",
				    floe_version_format(log->duckdb_linted, v),
				    log->duckdb_linted != log->duckdb_release
				    ? " (the newest release floe-profiles knows)"
				    : "");
		strbuf_addch(&sb, '\n');
	}
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
	unsigned version;	/* the release linted for (engine encoding) */
	bool no_download;	/* an extension download failed: offline */
	const struct floe_sql_plan *plan;
	const struct floe_sql_conn *conn;
	struct floe_diags *diags;
	enum floe_err err;
	ddb_handle db, con, cur;
	char *tmpdir, *secret_dir;
	bool hermetic;		/* secret_directory moved to tmpdir */
	const struct floe_sql_stmt *first_user;	/* of the secret manager */
	bool lock_explained;	/* the lock_configuration note is given */
	struct ext *exts;
	size_t nr_exts;
	struct strbuf msg;	/* the last DuckDB error, cleaned */
	const char *sql;	/* the statement that failed, or NULL */
	/* database files, each run on a new file of the same name in
	 * tmpdir: a path as written -> its stand-in */
	struct dbfile {
		char *path, *tmp;
	} *files;
	size_t nr_files, alloc_files;
	char *main_name;	/* the database dbt-duckdb opens */
	/* the databases the profile's attaches made, by name */
	struct attached {
		char *name;
		const struct floe_sql_stmt *st;
	} *att;
	size_t nr_att, alloc_att;
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

static void report_at(struct run *r, struct floe_loc loc,
		      enum floe_severity sev, enum floe_rule_id id,
		      const char *fmt, ...) FLOE_PRINTF(5, 6);
static void report_at(struct run *r, struct floe_loc loc,
		      enum floe_severity sev, enum floe_rule_id id,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (floe_diags_vaddf(r->diags, sev, id, loc, fmt, ap))
		nomem(r);
	va_end(ap);
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

		/* the parser's pointer at the statement, and an internal
		 * error's stack of library addresses, say nothing of the
		 * profile */
		if ((n >= 5 && !strncmp(e, "LINE ", 5)) ||
		    (n >= 12 && !strncmp(e, "Stack Trace:", 12)))
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
	/* a stand-in file is named as the profile names it */
	for (size_t i = 0; i < r->nr_files && !r->err; i++) {
		size_t from = 0;
		char *p;

		while ((p = strstr(r->msg.buf + from, r->files[i].tmp))) {
			struct strbuf t = STRBUF_INIT;

			strbuf_add(&t, r->msg.buf, (size_t)(p - r->msg.buf));
			strbuf_adds(&t, r->files[i].path);
			from = t.len;
			strbuf_adds(&t, p + strlen(r->files[i].tmp));
			if (strbuf_error(&t)) {
				strbuf_release(&t);
				nomem(r);
				break;
			}
			strbuf_release(&r->msg);
			r->msg = t;
		}
	}
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
	name = fe_extension_canonical(name, r->version);
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

/*
 * Why a SET failed, when DuckDB's words name the cause: the secret
 * manager was used, or lock_configuration locked the configuration.
 * `later`: it failed on a later cursor (it passed on the first).
 */
static void explain_secret_manager(struct run *r,
				   const struct floe_sql_stmt *st, bool later)
{
	const struct floe_sql_stmt *u = r->first_user;

	if (u && !later)
		finding(r, u, FLOE_SEV_NOTE, "the secret manager was first "
			"used here (%s), before the per-cursor SETs of "
			"'settings' run; set secret manager options in "
			"'config_options', which apply before anything else",
			u->label);
	else if (u)
		finding(r, u, FLOE_SEV_NOTE, "the secret manager was first "
			"used here (%s), after the first cursor's SETs; "
			"every new cursor runs 'settings' again, now after "
			"it; set secret manager options in 'config_options', "
			"which apply before anything else", u->label);
	else
		finding(r, st, FLOE_SEV_NOTE, "a query that uses secrets "
			"(an s3:// read, an iceberg table) makes every later "
			"cursor's SET fail; set secret manager options in "
			"'config_options'");
}

static bool locked_error(const char *msg)
{
	return strstr(msg, "the configuration has been locked") != NULL;
}

/*
 * Where lock_configuration was set (a config option, when the database
 * opens, or a SET of 'settings'), once per connection.
 */
static void explain_lock(struct run *r)
{
	const struct floe_sql_conn *c = r->conn;

	if (r->lock_explained)
		return;
	r->lock_explained = true;
	for (size_t k = 0; k < c->nr; k++) {
		const struct floe_sql_stmt *st = &c->stmts[k];

		if (!st->name || strcasecmp(st->name, "lock_configuration"))
			continue;
		if (st->kind == FLOE_SQL_CONFIG) {
			finding(r, st, FLOE_SEV_NOTE, "the configuration is "
				"locked here, when the database opens: DuckDB "
				"refuses every SET after it");
			return;
		}
		if (st->kind == FLOE_SQL_SET) {
			finding(r, st, FLOE_SEV_NOTE, "the configuration is "
				"locked here: DuckDB refuses every SET after "
				"it, and dbt runs 'settings' again on every "
				"new cursor");
			return;
		}
	}
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

static bool run_secret(struct run *r, const struct floe_sql_stmt *st)
{
	char *ext = NULL;

	if (!r->hermetic && strstr(st->sql, " PERSISTENT SECRET")) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "not run: a "
		     "persistent secret would be written outside verify's "
		     "temporary folder");
		mark_used(r, st);
		return false;
	}
	if (exec(r, r->con, st->sql)) {
		step(r, st, NULL, FLOE_STEP_OK, NULL);
		mark_used(r, st);
		return true;
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
	return false;
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

/* ---- ATTACH ---- */

/*
 * Is the TYPE as written `want`?  As DuckDB reads it (' sqlite',
 * "'ICEBERG'", "postgres"), the one reading lint and sql use.
 */
static bool type_is(const char *type, const char *want)
{
	return fe_attach_type_is(type, want);
}

/*
 * A path DuckDB opens as a local database file: no URL, no `md:`, no
 * `:memory:`; `sqlite:` and `duckdb:` prefixes are skipped (*file is
 * where the file name starts).
 */
static bool local_file(const char *path, const char **file)
{
	const char *p = path;

	*file = path;
	if (!strncasecmp(p, "sqlite:", 7) || !strncasecmp(p, "duckdb:", 7))
		p += 7;
	*file = p;
	if (!*p || !strncmp(p, ":memory:", 8) || strstr(p, "://"))
		return false;
	for (const char *q = p; *q && *q != '/'; q++)
		if (*q == ':')	/* md:, ducklake:, ...; not C:\ */
			return q - p <= 1;
	return true;
}

/*
 * A database name as it may be shown: DuckDB takes it from the path, so
 * a path that is a secret (a DBT_ENV_SECRET_ variable) gives a name that
 * is part of the secret: "***" then, as scrub_tokens() does.
 */
static const char *shown_name(const struct run *r, const char *name)
{
	for (size_t i = 0; strlen(name) >= 4 && i < r->conn->nr_secrets; i++)
		if (strstr(r->conn->secrets[i], name))
			return "***";
	return name;
}

/* The stand-in for a database file: tmpdir/dbN/<its file name>. */
static const char *stand_in(struct run *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *base = strrchr(path, '/');
	struct dbfile *f;

	for (size_t i = 0; i < r->nr_files; i++)
		if (!strcmp(r->files[i].path, path))
			return r->files[i].tmp;
	if (!r->tmpdir)
		return NULL;
	if (ALLOC_GROW(r->files, r->nr_files + 1, r->alloc_files)) {
		nomem(r);
		return NULL;
	}
	strbuf_addf(&sb, "%s/db%zu", r->tmpdir, r->nr_files);
	if (strbuf_error(&sb)) {
		nomem(r);
		return NULL;
	}
	if (mkdir(sb.buf, 0700)) {
		strbuf_release(&sb);
		return NULL;
	}
	strbuf_addf(&sb, "/%s", base ? base + 1 : path);
	f = &r->files[r->nr_files];
	f->path = strdup(path);
	f->tmp = strbuf_detach(&sb, NULL);
	if (!f->path || !f->tmp) {
		free(f->path);
		free(f->tmp);
		nomem(r);
		return NULL;
	}
	r->nr_files++;
	return f->tmp;
}

/* The path's prefix (path up to file) and the stand-in, as a literal. */
static void add_path(struct strbuf *sb, const char *path, const char *file,
		     const char *tmp)
{
	strbuf_addch(sb, '\'');
	strbuf_add(sb, path, (size_t)(file - path));
	for (; *tmp; tmp++) {
		if (*tmp == '\'')
			strbuf_addch(sb, '\'');
		strbuf_addch(sb, *tmp);
	}
	strbuf_addch(sb, '\'');
}

/*
 * The parts of `ATTACH [IF NOT EXISTS] '<path>' [AS <alias>] [(...)]` as
 * sql.c writes it: the path (malloc'd, quotes undoubled), where the text
 * after it starts, and the alias (malloc'd) or NULL.
 */
static bool split_attach(struct run *r, const char *sql, char **path,
			 const char **after, char **alias)
{
	const char *p = strchr(sql, '\'');
	struct strbuf sb = STRBUF_INIT;

	*path = *alias = NULL;
	if (!p)
		return false;
	for (p++; *p; p++) {
		if (*p == '\'' && p[1] != '\'')
			break;
		if (*p == '\'')
			p++;
		strbuf_addch(&sb, *p);
	}
	if (*p != '\'' || strbuf_error(&sb)) {
		if (strbuf_error(&sb))
			nomem(r);
		strbuf_release(&sb);
		return false;
	}
	*after = ++p;
	if (!strncmp(p, " AS ", 4)) {
		const char *a = p + 4, *e = strstr(a, " (");

		*alias = strndup(a, e ? (size_t)(e - a) : strlen(a));
		if (!*alias)
			nomem(r);
	}
	*path = strbuf_detach(&sb, NULL);
	if (!*path)
		nomem(r);
	return *path != NULL;
}

/* "name" in DuckDB's message `... "name" ...` after `marker`. */
static char *quoted_after(struct run *r, const char *msg, const char *marker)
{
	const char *p = strstr(msg, marker), *q;
	char *name;

	if (!p || !(p = strchr(p + strlen(marker), '"')) ||
	    !(q = strchr(p + 1, '"')))
		return NULL;
	name = strndup(p + 1, (size_t)(q - p - 1));
	if (!name)
		nomem(r);
	return name;
}

/* The profile key of an attach option DuckDB names (any case). */
static bool option_loc(struct run *r, const struct floe_sql_stmt *st,
		       const char *name, struct floe_loc *loc)
{
	const struct floe_node *opts = st->node &&
		st->node->kind == FLOE_NODE_MAP
		? floe_map_get(st->node, "options") : NULL;

	if (!opts || opts->kind != FLOE_NODE_MAP)
		return false;
	for (size_t i = 0; i < opts->nr; i++) {
		const struct floe_node *k = opts->pairs[i].key;

		if (floe_node_is_str(k) && !strcasecmp(k->value, name)) {
			*loc = floe_node_loc(r->plan->file, k);
			return true;
		}
	}
	return false;
}

/* Is `name` in the list "|a|b|" of databases (names match in any case)? */
static bool has_db(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list ? list : ""; (p = strchr(p, '|')); p++)
		if (!strncasecmp(p + 1, name, n) && p[n + 1] == '|')
			return true;
	return false;
}

/* What the database `name` is, for a person: one sentence. */
static void owner(struct run *r, const char *name, struct strbuf *out)
{
	for (size_t i = 0; i < r->nr_att; i++)
		if (!strcasecmp(r->att[i].name, name)) {
			strbuf_addf(out, "'%s' is the database attached at line "
				    "%u", shown_name(r, r->att[i].name),
				    r->att[i].st->loc.start.line);
			return;
		}
	if (r->main_name && !strcasecmp(r->main_name, name)) {
		if (r->conn->path && r->conn->path_loc.start.line)
			strbuf_addf(out, "'%s' is the database dbt-duckdb "
				    "opens for 'path' (line %u)",
				    shown_name(r, r->main_name),
				    r->conn->path_loc.start.line);
		else
			strbuf_addf(out, "'%s' is the in-memory database "
				    "dbt-duckdb opens when there is no 'path'",
				    r->main_name);
		return;
	}
	if (!strcasecmp(name, "system") || !strcasecmp(name, "temp"))
		strbuf_addf(out, "'%s' is one of DuckDB's own catalogs "
			    "(system, temp)", name);
	else if (!strcasecmp(name, "main"))
		strbuf_adds(out, "'main' is a name DuckDB reserves");
	else
		strbuf_addf(out, "a database '%s' exists already",
			    shown_name(r, name));
}

/*
 * FP703: the attach's name is taken.  `msg` is DuckDB's refusal, or NULL
 * when ATTACH IF NOT EXISTS succeeded without attaching anything.
 */
static void name_taken(struct run *r, const struct floe_sql_stmt *st,
		       const char *name, bool aliased, const char *msg)
{
	struct strbuf who = STRBUF_INIT;
	const struct floe_node *an = aliased && st->node &&
		st->node->kind == FLOE_NODE_MAP
		? floe_map_get(st->node, "alias") : NULL;
	struct floe_loc loc = an ? floe_node_loc(r->plan->file, an) : st->loc;
	const char *what = aliased ? "attach alias" : "this attach's database "
			   "name";

	owner(r, name, &who);
	if (strbuf_error(&who)) {
		nomem(r);
		return;
	}
	name = shown_name(r, name);
	if (!msg)
		report_at(r, loc, FLOE_SEV_ERROR, FLOE_FP703, "%s '%s' is taken: "
			  "ATTACH IF NOT EXISTS does nothing. %s, so nothing "
			  "is attached and what dbt "
			  "writes to '%s' goes there. Choose another %s.",
			  what, name, who.buf, name, aliased ? "alias"
			  : "alias (alias:)");
	else
		report_at(r, loc, FLOE_SEV_ERROR, FLOE_FP703, "%s '%s' cannot "
			  "be used: DuckDB refuses the ATTACH. %s. DuckDB "
			  "says: %s. Choose another %s.", what, name, who.buf,
			  msg, aliased ? "alias" : "alias (alias:)");
	strbuf_release(&who);
}

/* The file name's stem as DuckDB names a database after it. */
static char *derived_name(struct run *r, const char *path)
{
	const char *file, *base, *dot;
	char *name;

	if (!local_file(path, &file))
		return NULL;
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	dot = strchr(base, '.');
	name = strndup(base, dot ? (size_t)(dot - base) : strlen(base));
	if (!name)
		nomem(r);
	return name;
}

static void remember(struct run *r, const char *name,
		     const struct floe_sql_stmt *st)
{
	if (ALLOC_GROW(r->att, r->nr_att + 1, r->alloc_att)) {
		nomem(r);
		return;
	}
	r->att[r->nr_att].name = strdup(name);
	r->att[r->nr_att].st = st;
	if (r->att[r->nr_att].name)
		r->nr_att++;
	else
		nomem(r);
}

/*
 * An ATTACH that uses the secret manager whatever its path: an iceberg
 * catalog, a database server (their secrets).
 */
static bool attach_uses_secrets(const struct floe_sql_stmt *st)
{
	return type_is(st->name, "iceberg") || type_is(st->name, "postgres") ||
	       type_is(st->name, "postgres_scanner") ||
	       type_is(st->name, "mysql") ||
	       type_is(st->name, "mysql_scanner");
}

static void run_attach(struct run *r, const struct floe_sql_stmt *st)
{
	bool iceberg = type_is(st->name, "iceberg");
	bool server = type_is(st->name, "postgres") ||
		      type_is(st->name, "postgres_scanner") ||
		      type_is(st->name, "mysql") ||
		      type_is(st->name, "mysql_scanner");
	bool lake = type_is(st->name, "ducklake");
	bool file_type = !st->name || type_is(st->name, "duckdb") ||
			 type_is(st->name, "sqlite") ||
			 type_is(st->name, "sqlite_scanner") ||
			 type_is(st->name, "sqlite3");
	bool uses_secrets = iceberg || server;
	char *path = NULL, *alias = NULL, *name = NULL, *ext = NULL;
	char *before = NULL, *after = NULL;
	const char *rest = NULL, *file = NULL, *tmp = NULL;
	struct strbuf sql = STRBUF_INIT, ns = STRBUF_INIT;
	bool local;

	if (!split_attach(r, st->sql, &path, &rest, &alias)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "parses; verify "
		     "cannot read its path");
		goto out;
	}
	local = local_file(path, &file);
	lake = lake || !strncasecmp(path, "ducklake:", 9);
	uses_secrets = uses_secrets || !local;
	if (iceberg && no_fetch(r) && !installed(r, "iceberg")) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "iceberg extension "
		     "not installed (the statement parses)");
		goto used;
	}
	if (st->placeholder) {
		/* never send ${NAME} to a catalog as a credential */
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "an env var it uses "
		     "has no value (the statement parses); not run with "
		     "${NAME} placeholders");
		goto used;
	}
	if (lake) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "parses; a DuckLake "
		     "attach creates the lake's files, verify does not run "
		     "it");
		goto used;
	}
	if (local && file_type) {
		/* the same file name, in verify's temporary folder */
		if (!(tmp = stand_in(r, path))) {
			if (!r->err)
				step(r, st, NULL, FLOE_STEP_NOT_CHECKED,
				     "parses; no temporary folder to attach "
				     "its file in");
			goto out;
		}
		strbuf_add(&sql, st->sql, (size_t)(strchr(st->sql, '\'') -
						   st->sql));
		add_path(&sql, path, file, tmp);
		strbuf_adds(&sql, rest);
		/* READ_ONLY needs the file to exist: an empty database */
		if (strstr(rest, "READ_ONLY") && access(tmp, F_OK)) {
			struct strbuf pre = STRBUF_INIT;

			strbuf_adds(&pre, "ATTACH ");
			add_path(&pre, path, file, tmp);
			strbuf_addf(&pre, " AS floe_verify_new_file%s%s%s; "
				    "DETACH floe_verify_new_file",
				    st->name ? " (TYPE " : "",
				    st->name ? st->name : "",
				    st->name ? ")" : "");
			if (strbuf_error(&pre))
				nomem(r);
			else
				exec(r, r->con, pre.buf);
			strbuf_release(&pre);
		}
		if (strbuf_error(&sql)) {
			nomem(r);
			goto out;
		}
	}
	name = alias ? strdup(alias) : derived_name(r, path);
	if (alias && !name)
		nomem(r);
	before = databases(r);
	if (r->err)
		goto out;
	if (exec(r, r->con, sql.len ? sql.buf : st->sql)) {
		bool added = false;

		after = databases(r);
		/* the names in `after` that `before` lacks */
		for (char *p = after ? after + 1 : NULL; p && *p;) {
			char *bar = strchr(p, '|');

			if (!bar)
				break;
			*bar = '\0';
			if (!has_db(before, p)) {
				added = true;
				remember(r, p, st);
				if (iceberg && !ns.len)
					list_namespaces(r, p, &ns);
				else if (!ns.len)
					strbuf_addf(&ns, "attached as %s%s",
						    shown_name(r, p), tmp
						    ? " (a new file of "
						    "that name in verify's "
						    "temporary folder)" : "");
			}
			p = bar + 1;
		}
		if (!added && name) {
			name_taken(r, st, name, alias != NULL, NULL);
			step(r, st, NULL, FLOE_STEP_FAILED, "did nothing: a "
			     "database named %s exists already",
			     shown_name(r, name));
		} else {
			step(r, st, NULL, FLOE_STEP_OK, "%s", ns.len ? ns.buf
							       : "attached");
		}
	} else if (missing_offline(r, r->msg.buf, &ext)) {
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s extension not "
		     "installed (the statement parses)", ext);
	} else if (strstr(r->msg.buf, "Failed to download extension")) {
		free(ext);
		ext = quoted_after(r, r->msg.buf,
				   "Failed to download extension");
		r->no_download = true;
		step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "could not download "
		     "the %s extension; without network, use --offline",
		     ext ? ext : "needed");
	} else if (name && (strstr(r->msg.buf, "reserved name") ||
			    (strstr(r->msg.buf, "already exists") &&
			     has_db(before, name)))) {
		name_taken(r, st, name, alias != NULL, r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	} else {
		struct floe_loc loc = st->loc;
		char *opt = quoted_after(r, r->msg.buf, "Unrecognized "
					 "option for attach");

		/* at the option's key: DuckDB names it */
		if (opt)
			option_loc(r, st, opt, &loc);
		free(opt);
		report_at(r, loc, FLOE_SEV_ERROR, FLOE_FP701, "%s: %s",
			  st->label, r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	}
used:
	if (uses_secrets)
		mark_used(r, st);
out:
	free(path);
	free(alias);
	free(name);
	free(ext);
	free(before);
	free(after);
	strbuf_release(&sql);
	strbuf_release(&ns);
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
		finding(r, st, FLOE_SEV_ERROR, "%s passes on the first cursor "
			"and fails on every later one (dbt runs 'settings' "
			"again on each new cursor): %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "on a later cursor: %s",
		     r->msg.buf);
	} else {
		finding(r, st, FLOE_SEV_ERROR, "%s: %s", st->label,
			r->msg.buf);
		step(r, st, NULL, FLOE_STEP_FAILED, "%s", r->msg.buf);
	}
	if (secret_manager_error(r->msg.buf))
		explain_secret_manager(r, st, later);
	else if (locked_error(r->msg.buf))
		explain_lock(r);
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
static const char not_rendered[] = "holds Jinja that floe-profiles cannot "
				   "render (shown as written): its value "
				   "is known only when dbt runs";
static const char client_only[] = "a setting of DuckDB's Python client, "
				  "which dbt runs on; the DuckDB library "
				  "verify loads has no such setting";

/*
 * A setting the Python client registers before it connects
 * (FE_SET_CLIENT: pandas_analyze_sample, python_enable_replacements,
 * python_scan_all_frames): dbt has it, a bare libduckdb.so answers
 * "unrecognized configuration parameter".  Not checked, not refused.
 */
static bool client_setting(const struct run *r, const char *name)
{
	const struct fe_setting *s = name ? fe_setting_find(name, r->version)
					  : NULL;

	return s && (s->flags & FE_SET_CLIENT);
}

/*
 * The database dbt-duckdb opens for `path`: a local file becomes a new
 * file of the same name in tmpdir (so DuckDB names it as it names the
 * real one); in memory otherwise.
 */
static const char *main_path(struct run *r)
{
	const struct floe_sql_conn *c = r->conn;
	struct floe_sql_stmt at;
	const char *file, *tmp;

	memset(&at, 0, sizeof(at));
	at.loc = c->path_loc;
	if (c->path_dynamic) {
		step(r, &at, "path", FLOE_STEP_NOT_CHECKED, "known only at "
		     "run time; verify opens an in-memory database instead");
		return ":memory:";
	}
	if (!c->path || !strncmp(c->path, ":memory:", 8))
		return c->path ? c->path : ":memory:";
	if (!local_file(c->path, &file) || file != c->path) {
		step(r, &at, "path", FLOE_STEP_NOT_CHECKED, "not a local "
		     "database file; verify opens an in-memory database "
		     "instead");
		return ":memory:";
	}
	if (!(tmp = stand_in(r, c->path))) {
		if (!r->err)
			step(r, &at, "path", FLOE_STEP_NOT_CHECKED, "no "
			     "temporary folder; verify opens an in-memory "
			     "database instead");
		return ":memory:";
	}
	return tmp;
}

/* The name of the database opened, for FP703's messages. */
static void read_main_name(struct run *r)
{
	ddb_result res;

	memset(&res, 0, sizeof(res));
	if (r->api->query(r->con, "SELECT current_database()", &res) ==
	    DDB_SUCCESS && r->api->row_count(&res)) {
		char *v = r->api->value_varchar(&res, 0, 0);

		if (v) {
			r->main_name = strdup(v);
			if (!r->main_name)
				nomem(r);
		}
		r->api->free(v);
	}
	r->api->destroy_result(&res);
}

/* Open the database with the config options; drop the ones refused. */
static bool open_db(struct run *r)
{
	const struct floe_sql_conn *c = r->conn;
	bool *skip = calloc(c->nr + 1, sizeof(*skip));
	bool opened = false;
	const char *path;

	if (!skip) {
		nomem(r);
		return false;
	}
	path = main_path(r);
	for (size_t k = 0; k < c->nr; k++)
		if (c->stmts[k].kind == FLOE_SQL_CONFIG &&
		    !strcasecmp(c->stmts[k].name, "access_mode") &&
		    !strcasecmp(c->stmts[k].value, "read_only")) {
			step(r, &c->stmts[k], NULL, FLOE_STEP_NOT_CHECKED,
			     "verify opens an in-memory database or a new "
			     "file, which cannot be read-only");
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
			if (st->placeholder || st->dynamic ||
			    client_setting(r, st->name)) {
				if (!attempt)
					step(r, st, NULL,
					     FLOE_STEP_NOT_CHECKED, "%s",
					     st->dynamic ? not_rendered
					     : st->placeholder ? no_value
					     : client_only);
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
		if (r->api->open_ext(path, &r->db, cfg, &err) ==
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

/* Remove the files of a folder of verify's, and the folder. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char path[4096];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void remove_tmpdir(struct run *r)
{
	if (r->secret_dir)
		remove_dir(r->secret_dir);
	/* the database files and their .wal */
	for (size_t i = 0; i < r->nr_files; i++) {
		char *slash = strrchr(r->files[i].tmp, '/');

		*slash = '\0';
		remove_dir(r->files[i].tmp);
		*slash = '/';
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
	bool any_ok = false;
	bool *ok = calloc(c->nr + 1, sizeof(*ok));

	if (!ok) {
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
	read_main_name(r);
	if (r->conn->path && r->nr_files && r->main_name) {
		struct floe_sql_stmt at;

		memset(&at, 0, sizeof(at));
		at.loc = r->conn->path_loc;
		step(r, &at, "path", FLOE_STEP_OK, "opened as database %s (a "
		     "new file of that name in verify's temporary folder)",
		     shown_name(r, r->main_name));
	}
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
		if (st->dynamic) {
			/* never run template text as if it were the value */
			step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s",
			     not_rendered);
			if (st->kind == FLOE_SQL_SECRET ||
			    (st->kind == FLOE_SQL_ATTACH &&
			     attach_uses_secrets(st)))
				mark_used(r, st);
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
			if (run_secret(r, st) && st->per_cursor)
				any_ok = ok[k] = true;
			break;
		case FLOE_SQL_ATTACH:
			run_attach(r, st);
			break;
		case FLOE_SQL_SET:
			if (st->placeholder || client_setting(r, st->name))
				step(r, st, NULL, FLOE_STEP_NOT_CHECKED, "%s",
				     st->placeholder ? no_value : client_only);
			else if (run_set(r, st, r->cur, false))
				any_ok = ok[k] = true;
			break;
		case FLOE_SQL_CONFIG:
		case FLOE_SQL_FILESYSTEM:
		case FLOE_SQL_PLUGIN:
			break;
		}
	}
	/*
	 * dbt opens more than one cursor, and each runs the per-cursor
	 * statements again (initialize_cursor(): the settings, and in
	 * dbt-duckdb 1.9.0 the secrets after them).  Run those that passed
	 * once more, in the plan's order, on a new connection, as the next
	 * cursor does.  When nothing has used the secret manager yet, use
	 * it first, as the first query that reads s3:// or an iceberg
	 * table does.
	 */
	if (any_ok && !r->err) {
		ddb_handle later = NULL;

		if ((r->first_user || exec(r, r->con, "FROM duckdb_secrets()"))
		    && r->api->connect(r->db, &later) == DDB_SUCCESS) {
			for (size_t k = 0; k < c->nr && !r->err; k++) {
				const struct floe_sql_stmt *st = &c->stmts[k];

				if (!ok[k])
					continue;
				if (st->kind == FLOE_SQL_SET) {
					run_set(r, st, later, true);
				} else if (!exec(r, later, st->sql)) {
					finding(r, st, FLOE_SEV_ERROR, "%s "
						"passes on the first cursor "
						"and fails on every later one "
						"(dbt-duckdb %u.%u.%u creates "
						"secrets on each new cursor): "
						"%s", st->label,
						r->plan->version.major,
						r->plan->version.minor,
						r->plan->version.patch,
						r->msg.buf);
					step(r, st, NULL, FLOE_STEP_FAILED,
					     "on a later cursor: %s",
					     r->msg.buf);
				}
			}
			r->api->disconnect(&later);
		}
	}
out:
	free(ok);
	if (r->cur)
		r->api->disconnect(&r->cur);
	if (r->con)
		r->api->disconnect(&r->con);
	if (r->db)
		r->api->close(&r->db);
	remove_tmpdir(r);
	for (size_t i = 0; i < r->nr_files; i++) {
		free(r->files[i].path);
		free(r->files[i].tmp);
	}
	free(r->files);
	r->files = NULL;
	r->nr_files = r->alloc_files = 0;
	for (size_t i = 0; i < r->nr_att; i++)
		free(r->att[i].name);
	free(r->att);
	r->att = NULL;
	r->nr_att = r->alloc_att = 0;
	free(r->main_name);
	r->main_name = NULL;
	for (size_t i = 0; i < r->nr_exts; i++)
		free(r->exts[i].name);
	free(r->exts);
	r->exts = NULL;
	r->nr_exts = 0;
	r->first_user = NULL;
	r->lock_explained = false;
}

enum floe_version_fit floe_verify_duckdb_release(const char *library_version,
						 unsigned *release,
						 unsigned *linted)
{
	char buf[FLOE_VERSION_BUF];
	const char *s = library_version ? library_version : "";
	size_t n = 0;
	enum floe_version_fit fit;

	*release = *linted = 0;
	if (*s == 'v')
		s++;
	/* "1.5.1-dev42": the release the build leads to */
	while (n < sizeof(buf) - 1 && ((s[n] >= '0' && s[n] <= '9') ||
				       s[n] == '.'))
		n++;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (s[n] && s[n] != '-' && s[n] != '+')
		return FLOE_VERSION_INVALID;
	fit = floe_duckdb_version_parse(buf, release);
	if (fit == FLOE_VERSION_KNOWN)
		*linted = *release;
	else if (fit == FLOE_VERSION_NEWER)
		*linted = floe_duckdb_version_default();
	return fit;
}

/*
 * The release the library is, and the one to lint for; a release the
 * tables do not know is refused as --duckdb-version refuses it.
 */
static int library_release(struct api *api, const char *path,
			   unsigned *release, unsigned *linted,
			   struct strbuf *why)
{
	const char *lv = api->library_version();
	enum floe_version_fit fit;
	char known[512];

	fit = floe_verify_duckdb_release(lv, release, linted);
	if (fit == FLOE_VERSION_KNOWN || fit == FLOE_VERSION_NEWER)
		return 0;
	floe_duckdb_versions(known, sizeof(known));
	strbuf_addf(why, "the DuckDB library %s is %s, not a release "
		    "floe-profiles knows (%s): load one of those", path,
		    lv ? lv : "of no version", known);
	return strbuf_error(why) ? -2 : -1;
}

/* FP105, as lint reports it for --duckdb-version: the same words, so
 * that check --verify shows it once. */
static enum floe_err report_newer(const char *file, unsigned release,
				  unsigned linted, struct floe_diags *diags)
{
	struct floe_loc loc = { file, { 1, 1 }, { 1, 1 } };
	char asked[FLOE_VERSION_BUF], used[FLOE_VERSION_BUF];

	if (release == linted)
		return FLOE_OK;
	floe_version_format(release, asked);
	floe_version_format(linted, used);
	return floe_diags_addf(diags, FLOE_SEV_INFO, FLOE_FP105, loc,
			       "DuckDB %s is newer than the releases "
			       "floe-profiles knows; linted as %s. What %s "
			       "added is reported as unknown.", asked, used,
			       asked) ? FLOE_ERR_NOMEM : FLOE_OK;
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
	unsigned release = 0, linted = 0;
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
	if (!rc) {
		rc = library_release(&api, used, &release, &linted, &why);
		if (rc) {
			free(used);
			used = NULL;
		}
	}
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
		opt->log->duckdb_release = release;
		opt->log->duckdb_linted = linted;
		used = NULL;
		if (!opt->log->duckdb_version)
			return FLOE_ERR_NOMEM;
	}
	free(used);

	so.duckdb_version = linted;
	err = floe_sql_plan_profiles(model, &so, &plan, diags);
	if ((err == FLOE_OK || err == FLOE_ERR_INPUT) && model->doc &&
	    report_newer(model->file, release, linted, diags))
		err = FLOE_ERR_NOMEM;
	if (err == FLOE_ERR_INPUT)
		return FLOE_OK;		/* the reasons are findings */
	if (err != FLOE_OK) {
		floe_sql_plan_free(plan);
		return err;
	}
	memset(&r, 0, sizeof(r));
	r.api = &api;
	r.opt = opt;
	r.version = linted;
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
	struct floe_profiles *model = NULL;
	enum floe_err err;

	err = floe_profiles_load_with(file, buf, len, opt->target, opt->use_env,
				      opt->getenv_fn, opt->limits, &model);
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
