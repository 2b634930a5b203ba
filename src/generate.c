/*
 * Generate a dbt-duckdb profiles.yml from bound platform files.
 *
 * Two passes per target: plan() checks everything and resolves every
 * value into a struct plan; emit_target() only writes.  Nothing is
 * produced when any target has an error, so a broken platform file can
 * never yield a half-right profile.
 *
 * The attach entry is planned by attach_plan.c, which lint's drift rules
 * ask too; generate never calls lint.  That what it writes lints clean is
 * a promise held by the tests (test_generate, the fuzz harness), not
 * checked at run time.
 *
 * Why each value is what it is (sources in docs/generate.md): the
 * catalog's values in attach_plan.c; no `settings:` that DuckDB refuses
 * after the ATTACH (dbt-duckdb runs `settings` as SET on every cursor,
 * after the ATTACH), as the engine's tables say (src/engine/).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "attach_plan.h"
#include "floe/generate.h"
#include "strbuf.h"
#include "url.h"
#include "utf8.h"
#include "yaml_emit.h"

struct setting {
	const char *key;
	const char *value;
	const struct floe_node *node;	/* the property's value, for errors */
};

#define MAX_SETTINGS 8

struct plan {
	const char *target;
	const char *path;
	long long threads;
	struct setting settings[MAX_SETTINGS];
	size_t nr_settings;
	struct setting config[MAX_SETTINGS];	/* config_options */
	size_t nr_config;
	int need_aws;			/* credential_chain needs `aws` */

	struct attach_entry a;		/* the catalog (attach_plan.c) */
	const char *alias;
	const char *default_region;

	int s3_secret;
	const char *s3_region;
	const char *s3_endpoint;	/* host[:port] or env_var; NULL = AWS */
	int s3_path_style;
	const char *s3_use_ssl;		/* "true", "false" or NULL */
	int s3_chain;			/* provider: credential_chain */
};

struct gen {
	struct plan_ctx pc;		/* diagnostics, arena, file, error */
	const struct floe_gen_options *opt;
};

#define ERR(g, at, ...) plan_report(&(g)->pc, FLOE_SEV_ERROR, at, __VA_ARGS__)
#define WARN(g, at, ...) plan_report(&(g)->pc, FLOE_SEV_WARNING, at, \
				     __VA_ARGS__)

/* ---- choosing entries ---- */

static const char *entry_names(struct gen *g, const char *const *names,
			       size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < n; i++)
		if (strbuf_addf(&sb, "%s'%s'", i ? ", " : "", names[i]))
			g->pc.err = FLOE_ERR_NOMEM;
	s = plan_dupn(&g->pc, sb.buf, sb.len);
	strbuf_release(&sb);
	return n ? s : "none";
}

/*
 * The entry `want`, else "default", else the only one.  Returns its index
 * or -1; `required` makes "nothing to choose" an error.  Errors point at
 * the section's key (or the top of the file when there is none).
 */
static long choose(struct gen *g, const struct floe_platform *p,
		   const char *section, const char *want,
		   const char *const *names, size_t n, int required,
		   const char *option)
{
	const struct floe_pair *sec = floe_map_pair(p->doc->root, section);
	struct floe_node top;
	struct floe_pos room[2], first = { 1, 1 };
	const struct floe_node *at = &top;

	memset(&top, 0, sizeof(top));
	floe_node_place(&top, first, first, room);
	if (sec)
		at = sec->key;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], want ? want : "default"))
			return (long)i;
	if (!want && n == 1)
		return 0;
	if (want)
		ERR(g, at, "%s: there is no entry named '%s' (the file has "
		    "%s)", section, want, entry_names(g, names, n));
	else if (n > 1 || required)
		ERR(g, at, "%s: %s; choose one with %s (the file has %s)",
		    section, n ? "there is no entry named 'default'"
			       : "the section is missing or empty",
		    option, entry_names(g, names, n));
	return -1;
}

/* ---- compute ---- */

/*
 * The compute properties generate copies into `settings` (its choice;
 * each is a DuckDB setting SET accepts at any time, which the engine
 * tests hold it to).  What DuckDB refuses is the engine's to say.
 */
static const char *const runtime_settings[] = {
	"memory_limit", "max_memory", "temp_directory",
	"max_temp_directory_size", "preserve_insertion_order", NULL
};

/*
 * A property value as DuckDB reads it in `SET name = '<value>'`: 1, 0,
 * or -1 when it is not a boolean (the same reading as lint's FP102).
 */
static int setting_truth(const struct floe_node *v)
{
	if (v->kind != FLOE_NODE_SCALAR)
		return -1;
	if (v->type == FLOE_TYPE_BOOL)
		return floe_node_true(v);
	if (v->type == FLOE_TYPE_INT)
		return strcmp(v->value, "0") != 0;
	return fe_duckdb_bool(v->value);
}

/*
 * A setting DuckDB takes when the database starts but refuses, for some
 * or every value, from SET once it runs (start-up-only and secret-manager
 * settings): it goes to `config_options`, which dbt-duckdb passes to
 * duckdb.connect(), before anything else runs.
 */
static int startup_setting(const char *key)
{
	const struct fe_setting *s = fe_setting_find(key, FE_DUCKDB_DEFAULT);

	return s && (s->flags & (FE_SET_STARTUP_ONLY | FE_SET_STARTUP_RELAX |
				 FE_SET_SECRET_MANAGER));
}

/*
 * A text DuckDB cannot cast to the setting's type fails every run before
 * anything else (lint's FP110 on the profile): dbt-duckdb runs `SET key
 * = '<text>'` for `settings`, and duckdb.connect() sets `config_options`
 * to the same str() with the same cast.  Only the engine's probed
 * answers count: a text the model does not cover is let through, as
 * lint lets it through.
 */
static bool cast_fails(struct gen *g, const struct floe_compute *c,
		       const char *key, const struct floe_node *v,
		       const char *text, bool set)
{
	const struct fe_setting *s = fe_setting_find(key, FE_DUCKDB_DEFAULT);
	const char *before, *after;
	int cut;

	if (!s || fe_setting_cast(s->type, text) != FE_CAST_FAILS)
		return false;
	cut = (int)utf8_cut(text, strlen(text), 60);
	fe_setting_cast_words(s->type, &before, &after);
	ERR(g, v, "compute.%s.properties.%s: '%.*s' is not a %s; %s%s = "
	    "'%.*s'%s, and DuckDB fails with \"%s%.*s%s\"; it is never "
	    "written to the profile", c->name, key, cut, text,
	    fe_setting_type_name(s->type),
	    set ? "dbt-duckdb would run SET " : "duckdb.connect() would set ",
	    s->name, cut, text, set ? "" : " (config_options)", before, cut,
	    text, after);
	return true;
}

/*
 * What lint's FP111 says of a memory setting's value (the engine's
 * probed memory parser, fe_memory_parse()): memory_limit: 4 has no unit,
 * and DuckDB refuses it on every run.
 */
static bool memory_fails(struct gen *g, const struct floe_compute *c,
			 const char *key, const struct floe_node *v,
			 const char *text, bool set)
{
	struct fe_mem_setting ms;
	struct fe_mem_refusal r;
	int cut;

	if (!fe_memory_setting(key, FE_DUCKDB_DEFAULT, &ms) ||
	    (!set && !ms.config) ||
	    fe_memory_parse(text, &ms, FE_DUCKDB_DEFAULT, &r) == FE_MEM_OK ||
	    (!set && r.verdict == FE_MEM_NO_LIMIT))
		return false;
	cut = (int)utf8_cut(text, strlen(text), 60);
	/* no runtime_settings row refuses no limit today (the settings that
	 * do, block_allocator_memory and write_buffer_row_group_memory_limit,
	 * are not written by the generator); this keeps a row added later
	 * from quoting an empty engine message */
	if (r.verdict == FE_MEM_NO_LIMIT) {
		ERR(g, v, "compute.%s.properties.%s: '%.*s' means no limit, "
		    "which DuckDB refuses for this setting; dbt-duckdb would "
		    "run SET %s = '%.*s' and fail; write a size, e.g. '4GB'; "
		    "it is never written to the profile", c->name, key, cut,
		    text, key, cut, text);
		return true;
	}
	ERR(g, v, "compute.%s.properties.%s: '%.*s' is not an amount of "
	    "memory DuckDB reads; %s%s = '%.*s'%s, and DuckDB fails with "
	    "\"%s%s%s\"; write a number and a unit, e.g. '4GB'; it is never "
	    "written to the profile", c->name, key, cut, text,
	    set ? "dbt-duckdb would run SET " : "duckdb.connect() would set ",
	    key, cut, text, set ? "" : " (config_options)", r.before,
	    r.quoted, r.after);
	return true;
}

/*
 * What lint's FP110 says of a setting that takes one of a few words
 * (duckdb_words.def: read from the source, confirmed on the engine): any
 * other text is refused by the setting itself.  dbt-duckdb writes a YAML
 * boolean as 'True' or 'False'.
 */
static bool word_fails(struct gen *g, const struct floe_compute *c,
		       const char *key, const struct floe_node *v,
		       const char *text, bool set)
{
	struct fe_words w;
	const char *said = v->type != FLOE_TYPE_BOOL ? text
			   : floe_node_true(v) ? "True" : "False";
	char list[1024];
	size_t n = 0;
	int cut;

	if (!fe_setting_words(key, FE_DUCKDB_DEFAULT,
			      set ? FE_WORDS_SET : FE_WORDS_CONFIG, &w) ||
	    fe_words_take(&w, said))
		return false;
	for (const char *p = w.words; *p && n + 3 < sizeof(list); p++)
		if (*p == '|') {
			list[n++] = ',';
			list[n++] = ' ';
		} else {
			list[n++] = *p;
		}
	list[n] = '\0';
	cut = (int)utf8_cut(said, strlen(said), 60);
	ERR(g, v, "compute.%s.properties.%s: '%.*s' is none of the words "
	    "DuckDB takes for it; %s%s = '%.*s'%s, and DuckDB fails; write "
	    "one of: %s; it is never written to the profile", c->name, key,
	    cut, said,
	    set ? "dbt-duckdb would run SET " : "duckdb.connect() would set ",
	    key, cut, said, set ? "" : " (config_options)", list);
	return true;
}

/*
 * A scalar property as a setting value: booleans as "true"/"false".
 * `set`: the list is `settings`, which dbt-duckdb applies with SET.
 */
static void add_setting(struct gen *g, const struct floe_compute *c,
			const char *key, const struct floe_node *v, bool set,
			struct setting *list, size_t *nr)
{
	const char *text;

	if (*nr == MAX_SETTINGS)
		return;
	if (v->kind != FLOE_NODE_SCALAR || v->type == FLOE_TYPE_NULL) {
		ERR(g, v, "compute.%s.properties.%s: expected a scalar, found "
		    "%s", c->name, key, floe_node_describe(v));
		return;
	}
	if (!plan_literal_ok(&g->pc, v, "compute", c->name,
			     plan_fmt(&g->pc, "properties.%s", key), v->value))
		return;
	text = v->type == FLOE_TYPE_BOOL
	       ? (floe_node_true(v) ? "true" : "false") : v->value;
	if (cast_fails(g, c, key, v, text, set) ||
	    memory_fails(g, c, key, v, text, set) ||
	    word_fails(g, c, key, v, text, set))
		return;
	list[*nr].key = key;
	list[*nr].value = text;
	list[*nr].node = v;
	(*nr)++;
}

/* DuckDB setting names are case-insensitive. */
static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcasecmp(s, list[i]))
			return 1;
	return 0;
}

/*
 * What lint's FP102 says of access_mode: read_only with an in-memory
 * path (fe_open_refusal()): duckdb.connect() gets the config_options,
 * and DuckDB cannot launch an in-memory database read-only.  Asked once
 * the path is known, since the properties come in any order.
 */
static void open_refused(struct gen *g, const struct floe_compute *c,
			 const struct plan *pl)
{
	const char *why;

	for (size_t i = 0; i < pl->nr_config; i++)
		if (!strcasecmp(pl->config[i].key, "access_mode") &&
		    (why = fe_open_refusal(pl->path, pl->config[i].value,
					   FE_DUCKDB_DEFAULT)))
			ERR(g, pl->config[i].node, "compute.%s.properties.%s: "
			    "'%s' cannot open the in-memory database the "
			    "profile would use (no path, or ':memory:'); "
			    "duckdb.connect() would fail with \"%s\"; set "
			    "path to a database file, or remove it", c->name,
			    pl->config[i].key, pl->config[i].value, why);
}

/*
 * What lint's FP318 says of a path whose database has the catalog's
 * alias for a name (fe_dbt_path_database(), the name dbt-duckdb gives
 * it): dbt-duckdb's ATTACH IF NOT EXISTS then does nothing, and models
 * land in the local file.
 */
static void path_taken(struct gen *g, const struct floe_compute *c,
		       const struct floe_node *v, struct plan *pl)
{
	const char *name;
	size_t len;

	pl->path = v->value;
	name = fe_dbt_path_database(v->value, FE_DBT_DUCKDB_DEFAULT, &len);
	if (!len)	/* lint's FP319: every release 1.9.0 to 1.11.0 */
		ERR(g, v, "compute.%s.properties.path: '%s' has no file "
		    "name, so dbt-duckdb cannot name the database and refuses "
		    "the profile (\"Unable to determine target database name "
		    "from 'path' field in profile\"); end it with a file "
		    "name, e.g. dev.duckdb", c->name, v->value);
	else if (!fe_dbt_path_is_motherduck(v->value) &&
	    len == strlen(pl->alias) && !strncasecmp(name, pl->alias, len))
		ERR(g, v, "compute.%s.properties.path: the database this "
		    "file opens is named '%.*s', the catalog's attach alias, "
		    "so the catalog ATTACH fails or, as ATTACH IF NOT "
		    "EXISTS, does nothing and models land in the local "
		    "file; rename the file or choose another alias with "
		    "--alias", c->name, (int)len, name);
}

static void plan_compute(struct gen *g, const struct floe_compute *c,
			 struct plan *pl)
{
	const struct floe_node *props;
	bool path_refused = false;	/* then its database is unknown */

	pl->path = ":memory:";
	pl->threads = 4;
	if (!c)
		return;
	props = c->properties;
	if (c->type != FLOE_COMPUTE_DUCKDB) {
		ERR(g, c->type_node, "compute.%s.type is '%s'; floe-profiles "
		    "writes dbt-duckdb profiles only (choose a duckdb entry "
		    "with --compute)", c->name, c->type_node->value);
		return;
	}
	for (size_t i = 0; props && i < props->nr; i++) {
		const struct floe_node *k = props->pairs[i].key;
		const struct floe_node *v = props->pairs[i].value;
		const char *key = k->value;

		if (!floe_node_is_str(k))
			continue;
		if (!strcmp(key, "path")) {
			if (!floe_node_is_str(v) || !v->len)
				ERR(g, v, "compute.%s.properties.path: "
				    "expected a file path or ':memory:', "
				    "found %s", c->name,
				    floe_node_describe(v));
			else if (plan_literal_ok(&g->pc, v, "compute", c->name,
					    "properties.path", v->value))
				path_taken(g, c, v, pl);
			path_refused = pl->path != v->value;
		} else if (!strcmp(key, "threads")) {
			long long t;

			if (floe_node_int(v, &t) || t < 1 || t > 1024)
				ERR(g, v, "compute.%s.properties.threads: "
				    "expected an integer from 1 to 1024, "
				    "found %s%s%s%s", c->name,
				    floe_node_describe(v),
				    v->kind == FLOE_NODE_SCALAR ? " '" : "",
				    v->kind == FLOE_NODE_SCALAR ? v->value
								: "",
				    v->kind == FLOE_NODE_SCALAR ? "'" : "");
			else
				pl->threads = t;
		} else if (startup_setting(key)) {
			add_setting(g, c, key, v, false, pl->config,
				    &pl->nr_config);
		} else if (fe_setting_refusal(key, setting_truth(v),
					      FE_DUCKDB_DEFAULT)) {
			/* refused by SET and not a start-up setting */
			ERR(g, k, "compute.%s.properties.%s: dbt-duckdb "
			    "applies settings with SET after the catalog "
			    "ATTACH, and DuckDB refuses to change this one "
			    "then; it is never written to the profile",
			    c->name, key);
		} else if (in_list(key, runtime_settings)) {
			add_setting(g, c, key, v, true, pl->settings,
				    &pl->nr_settings);
		} else {
			WARN(g, k, "compute.%s.properties: '%s' is not used "
			     "by the generator and is ignored", c->name, key);
		}
	}
	if (!path_refused)
		open_refused(g, c, pl);
}

/* ---- storage ---- */

static void plan_storage(struct gen *g, const struct floe_storage *s,
			 const struct floe_catalog *c, struct plan *pl)
{
	const struct floe_credentials *cr = &s->credentials;

	if (c->access_delegation == FLOE_DELEGATION_VENDED) {
		/* Polaris hands out S3 credentials; give DuckDB the region. */
		if (s->type == FLOE_STORAGE_S3 && s->region && *s->region &&
		    plan_literal_ok(&g->pc, s->name_node, "storage", s->name, "region",
			       s->region))
			pl->default_region = s->region;
		return;
	}
	if (s->type != FLOE_STORAGE_S3) {
		WARN(g, s->name_node, "storage.%s: only s3 storage gets a "
		     "DuckDB secret; reading '%s' tables needs credentials "
		     "you configure yourself", s->name,
		     s->type == FLOE_STORAGE_GCS ? "gcs"
		     : s->type == FLOE_STORAGE_AZURE ? "azure" : "local");
		return;
	}
	if (!plan_literal_ok(&g->pc, s->name_node, "storage", s->name, "region",
			s->region))
		return;
	pl->s3_secret = 1;
	pl->s3_region = s->region;
	pl->s3_path_style = s->path_style_access;
	pl->s3_chain = cr->mode == FLOE_CRED_IAM_ROLE ||
		       cr->mode == FLOE_CRED_SERVICE_ACCOUNT;
	pl->need_aws = pl->s3_chain;

	if (s->endpoint.kind == FLOE_VALUE_SECRET_REF) {
		pl->s3_endpoint = plan_env_ref(&g->pc, s->endpoint.text);
		WARN(g, s->endpoint.node, "storage.%s.endpoint is a secret "
		     "reference; DuckDB expects host:port there, without a "
		     "scheme, so set the variable accordingly", s->name);
	} else if (s->endpoint.kind == FLOE_VALUE_LITERAL &&
		   *s->endpoint.text) {
		struct url u;
		int bad = url_parse(s->endpoint.text, &u);
		size_t from;

		/* never printed: user:password@ may be a real key pair */
		if (url_userinfo_secret(&u, &from)) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: the URL "
			    "holds credentials before its host "
			    "(user:password@). DuckDB takes only host:port, "
			    "and they would be lost or leak; remove them, the "
			    "storage's keys come from 'credentials' "
			    "(secret_ref)", s->name);
			return;
		}
		if (!plan_literal_ok(&g->pc, s->endpoint.node, "storage",
				     s->name, "endpoint", s->endpoint.text))
			return;
		if (bad) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: '%s' "
			    "has no host", s->name, s->endpoint.text);
			return;
		}
		if (!url_port_ok(&u)) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: the port "
			    "'%.*s' is not a TCP port (1 to 65535)", s->name,
			    (int)utf8_cut(u.port, u.port_len, 20), u.port);
			return;
		}
		if (u.has_scheme && strcmp(u.scheme, "http") &&
		    strcmp(u.scheme, "https")) {
			ERR(g, s->endpoint.node, "storage.%s.endpoint: the "
			    "scheme '%s' is not http or https", s->name,
			    u.scheme);
			return;
		}
		if (url_path_trimmed(&u) || u.has_query)
			WARN(g, s->endpoint.node, "storage.%s.endpoint: "
			     "DuckDB takes only host:port; the path of '%s' "
			     "is dropped", s->name, s->endpoint.text);
		pl->s3_endpoint = plan_dupn(&g->pc, u.host, u.host_len +
				       (u.port ? u.port_len + 1 : 0));
		if (u.has_scheme)
			pl->s3_use_ssl = strcmp(u.scheme, "https") ? "false"
								   : "true";
		else
			WARN(g, s->endpoint.node, "storage.%s.endpoint: '%s' "
			     "has no scheme; DuckDB will use https", s->name,
			     s->endpoint.text);
	}
}

/* ---- one target ---- */

static void plan_target(struct gen *g, const struct floe_gen_target *t,
			struct plan *pl)
{
	const struct floe_platform *p = t->platform;
	size_t most = p->nr_catalogs > p->nr_compute ? p->nr_catalogs
						     : p->nr_compute;
	const char **names;
	const struct floe_catalog *cat;
	const struct floe_compute *comp = NULL;
	long i;
	size_t n;

	memset(pl, 0, sizeof(*pl));
	g->pc.file = p->file;
	pl->target = t->name;
	pl->alias = g->opt->alias ? g->opt->alias : FLOE_GEN_DEFAULT_ALIAS;
	if (p->nr_storage > most)
		most = p->nr_storage;
	names = arena_alloc(g->pc.arena, (most ? most : 1) * sizeof(*names));
	if (!names) {
		g->pc.err = FLOE_ERR_NOMEM;
		return;
	}

	n = p->nr_catalogs;
	for (size_t k = 0; k < n; k++)
		names[k] = p->catalogs[k].name;
	i = choose(g, p, "catalogs", g->opt->catalog, names, n, 1,
		   "--catalog");
	if (i < 0)
		return;
	cat = &p->catalogs[i];

	n = p->nr_compute;
	for (size_t k = 0; k < n; k++)
		names[k] = p->compute[k].name;
	if (n || g->opt->compute) {
		i = choose(g, p, "compute", g->opt->compute, names, n, 1,
			   "--compute");
		if (i < 0)
			return;
		comp = &p->compute[i];
	}

	plan_catalog(&g->pc, cat, &pl->a);
	plan_compute(g, comp, pl);

	n = p->nr_storage;
	for (size_t k = 0; k < n; k++)
		names[k] = p->storage[k].name;
	/* With vended credentials storage only supplies the region: an
	 * ambiguous choice then just leaves default_region out. */
	if (!g->opt->storage && cat->access_delegation ==
	    FLOE_DELEGATION_VENDED && n > 1 && !floe_platform_storage(p,
								      "default")) {
		/* lint's FP320, said before the profile is written */
		WARN(g, cat->name_node, "catalogs.%s vends credentials, and of "
		     "the %zu storage entries none is named 'default': no "
		     "default_region is written. DuckDB >= 1.5.2 then fails "
		     "with \"No region was provided via the vended "
		     "credentials\" unless the catalog sends one; pass "
		     "--storage NAME", cat->name, n);
		return;
	}
	i = choose(g, p, "storage", g->opt->storage, names, n, 0,
		   "--storage");
	if (i >= 0)
		plan_storage(g, &p->storage[i], cat, pl);
	else if (!g->opt->storage &&
		 cat->access_delegation != FLOE_DELEGATION_VENDED && !n)
		WARN(g, cat->name_node, "the platform has no storage entry "
		     "and catalogs.%s does not vend credentials; DuckDB will "
		     "have no S3 credentials to read table data", cat->name);
}

/* ---- emitting ---- */

static void emit_target(struct yemit *e, const struct plan *pl)
{
	yemit_str(e, pl->target);
	yemit_map_start(e);
	yemit_kv(e, "type", "duckdb");
	yemit_kv(e, "path", pl->path);
	yemit_kv_int(e, "threads", pl->threads);

	yemit_str(e, "extensions");
	yemit_seq_start(e);
	yemit_str(e, "httpfs");
	yemit_str(e, "iceberg");
	if (pl->need_aws)
		yemit_str(e, "aws");
	yemit_seq_end(e);

	if (pl->nr_config) {
		yemit_str(e, "config_options");
		yemit_map_start(e);
		for (size_t i = 0; i < pl->nr_config; i++)
			yemit_kv(e, pl->config[i].key, pl->config[i].value);
		yemit_map_end(e);
	}

	if (pl->nr_settings) {
		yemit_str(e, "settings");
		yemit_map_start(e);
		for (size_t i = 0; i < pl->nr_settings; i++)
			yemit_kv(e, pl->settings[i].key,
				 pl->settings[i].value);
		yemit_map_end(e);
	}

	if (pl->s3_secret) {
		yemit_str(e, "secrets");
		yemit_seq_start(e);
		yemit_map_start(e);
		yemit_kv(e, "type", "s3");
		if (pl->s3_chain)
			yemit_kv(e, "provider", "credential_chain");
		yemit_kv(e, "region", pl->s3_region);
		if (pl->s3_endpoint)
			yemit_kv(e, "endpoint", pl->s3_endpoint);
		if (pl->s3_path_style)
			yemit_kv(e, "url_style", "path");
		if (pl->s3_use_ssl)
			yemit_kv(e, "use_ssl", pl->s3_use_ssl);
		if (!pl->s3_chain) {
			yemit_kv(e, "key_id",
				 "{{ env_var('AWS_ACCESS_KEY_ID') }}");
			yemit_kv(e, "secret",
				 "{{ env_var('AWS_SECRET_ACCESS_KEY') }}");
		}
		yemit_map_end(e);
		yemit_seq_end(e);
	}

	yemit_str(e, "attach");
	yemit_seq_start(e);
	yemit_map_start(e);
	yemit_kv(e, "path", pl->a.warehouse);
	yemit_kv(e, "alias", pl->alias);
	yemit_kv(e, "type", "iceberg");
	yemit_str(e, "options");
	yemit_map_start(e);
	yemit_kv(e, "endpoint", pl->a.endpoint);
	yemit_kv(e, "oauth2_server_uri", pl->a.token_uri);
	yemit_kv(e, "client_id", pl->a.client_id);
	yemit_kv(e, "client_secret", pl->a.client_secret);
	yemit_kv(e, "oauth2_scope", pl->a.scope);
	yemit_kv(e, "access_delegation_mode", pl->a.delegation);
	if (pl->default_region)
		yemit_kv(e, "default_region", pl->default_region);
	yemit_map_end(e);
	yemit_map_end(e);
	yemit_seq_end(e);
	yemit_map_end(e);
}

/* A file name in the header comment: one line, printable. */
static int add_sanitized(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		if (strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f
				     ? '?' : *s))
			return -1;
	return 0;
}

static const char *source_of(const struct floe_gen_target *t)
{
	return t->source ? t->source : t->platform->file;
}

static int header(struct strbuf *sb, const struct floe_gen_options *opt)
{
	if (strbuf_addf(sb, "# Generated by floe-profiles %s from ",
			FLOE_VERSION))
		return -1;
	for (size_t i = 0; i < opt->nr_targets; i++) {
		const char *file = source_of(&opt->targets[i]);
		int seen = 0;

		for (size_t j = 0; j < i; j++)
			if (!strcmp(source_of(&opt->targets[j]), file))
				seen = 1;
		if (seen)
			continue;
		if ((i && strbuf_adds(sb, ", ")) || add_sanitized(sb, file))
			return -1;
	}
	return strbuf_adds(sb, ".\n# Do not edit: change the platform file "
			   "and run floe-profiles generate again.\n");
}

enum floe_err floe_generate(const struct floe_gen_options *opt, char **out,
			    size_t *len, struct floe_diags *diags)
{
	struct gen g = { { diags, NULL, NULL, FLOE_OK }, opt };
	struct strbuf sb = STRBUF_INIT;
	struct plan *plans;
	struct yemit e;
	const char *alias = opt->alias ? opt->alias : FLOE_GEN_DEFAULT_ALIAS;
	int r;

	if (!opt->nr_targets || !floe_is_identifier(alias))
		return FLOE_ERR_USAGE;
	for (size_t i = 0; i < opt->nr_targets; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(opt->targets[i].name,
				    opt->targets[j].name))
				return FLOE_ERR_USAGE;
	g.pc.arena = arena_new();
	plans = calloc(opt->nr_targets, sizeof(*plans));
	if (!g.pc.arena || !plans) {
		arena_free(g.pc.arena);
		free(plans);
		return FLOE_ERR_NOMEM;
	}
	for (size_t i = 0; i < opt->nr_targets; i++)
		plan_target(&g, &opt->targets[i], &plans[i]);
	if (g.pc.err != FLOE_OK)
		goto out;

	if (header(&sb, opt) || yemit_init(&e, &sb)) {
		g.pc.err = FLOE_ERR_NOMEM;
		goto out;
	}
	yemit_map_start(&e);
	yemit_str(&e, opt->profile_name ? opt->profile_name
					: FLOE_GEN_DEFAULT_PROFILE);
	yemit_map_start(&e);
	yemit_kv(&e, "target", opt->targets[0].name);
	yemit_str(&e, "outputs");
	yemit_map_start(&e);
	for (size_t i = 0; i < opt->nr_targets; i++)
		emit_target(&e, &plans[i]);
	yemit_map_end(&e);
	yemit_map_end(&e);
	yemit_map_end(&e);
	r = yemit_finish(&e);
	if (r) {
		g.pc.err = r == -2 ? FLOE_ERR_NOMEM : FLOE_ERR_INTERNAL;
		goto out;
	}
	*out = strbuf_detach(&sb, len);
	if (!*out)
		g.pc.err = FLOE_ERR_NOMEM;
out:
	strbuf_release(&sb);
	arena_free(g.pc.arena);
	free(plans);
	return g.pc.err;
}
