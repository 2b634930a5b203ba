/*
 * The dbt project side of `check --project` (FP601-FP605).
 *
 * dbt resolves a source as <database>.<schema>.<table>.  With a Polaris
 * catalog attached, the database must be the attach alias (the warehouse
 * name exists only on the Polaris side) and the schema an Iceberg
 * namespace the platform declares.  floe's own demo got this wrong:
 * sources said schema 'demo' while the bronze layer wrote to 'bronze'.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "alloc.h"
#include "arena.h"
#include "floe/fileio.h"
#include "rules.h"
#include "strbuf.h"

#define MAX_FILES 2000
#define MAX_WALK_DEPTH 16

struct floe_project {
	struct project_file {
		char *name;	/* the diags point to it */
		char *text;	/* kept when the file has findings: the
				 * report fingerprints them by their line */
		size_t len;
	} *files;
	size_t nr, alloc;
};

void floe_project_free(struct floe_project *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nr; i++) {
		free(p->files[i].name);
		free(p->files[i].text);
	}
	free(p->files);
	free(p);
}

int floe_project_file(const struct floe_project *p, size_t i,
		      const char **name, const char **text, size_t *len)
{
	if (!p || i >= p->nr || !p->files[i].text)
		return 0;
	*name = p->files[i].name;
	*text = p->files[i].text;
	*len = p->files[i].len;
	return 1;
}

size_t floe_project_nr_files(const struct floe_project *p)
{
	return p ? p->nr : 0;
}

/* The last file kept by keep_name() keeps its text too; *buf moves. */
static void keep_text(struct floe_project *p, char **buf, size_t len)
{
	if (!p->nr || p->files[p->nr - 1].text)
		return;
	p->files[p->nr - 1].text = *buf;
	p->files[p->nr - 1].len = len;
	*buf = NULL;
}

/* "dir/name" in a new malloc'd string, or NULL when memory runs out. */
static char *join_path(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, dir);
	strbuf_addch(&sb, '/');
	strbuf_adds(&sb, name);
	return strbuf_detach(&sb, NULL);
}

static const char *keep_name(struct floe_project *p, const char *name)
{
	char *copy;

	if (ALLOC_GROW(p->files, p->nr + 1, p->alloc))
		return NULL;
	copy = strdup(name);
	if (copy) {
		memset(&p->files[p->nr], 0, sizeof(p->files[p->nr]));
		p->files[p->nr++].name = copy;
	}
	return copy;
}

/* What the selected profile output gives dbt. */
struct target {
	const char *profile, *output;
	/* the names of the databases attach items open (every type), and
	 * of the Iceberg catalogs among them (lint_conns) */
	const char **aliases, **catalogs;
	size_t nr_aliases, nr_catalogs;
	/* an attach item whose name is not known before the run: no
	 * database can then be said to be missing */
	bool aliases_unknown;
	const char *catalog_alias;	/* the platform catalog's alias */
	const char *main_db;		/* the database of `path` */
	/* dbt_project.yml's `quoting: schema:` (true when absent: the
	 * adapter's default policy quotes) */
	bool quote_schema;
};

/* The output dbt selects in the profile (the model's choice). */
static int find_target(struct lint_ctx *ctx, const struct floe_profile *prof,
		       struct target *t)
{
	const struct floe_prof_output *m = prof->output;
	struct lint_output o;
	const struct lint_conn *conns, *c;
	size_t n;

	if (!m || !m->is_map)
		return 0;
	memset(t, 0, sizeof(*t));
	memset(&o, 0, sizeof(o));
	t->profile = prof->name;
	t->output = m->name;
	o.profile = prof->name;
	o.profile_key = prof->key;
	o.profile_map = prof->node;
	o.name = m->name;
	o.map = m->node;
	o.key = m->key;
	o.model = m;
	o.is_duckdb = true;

	ctx->rule = NULL;
	n = lint_conns(ctx, &o, &conns);
	t->aliases = arena_alloc(ctx->arena, (m->nr_attach + n + 1) *
					     sizeof(*t->aliases));
	t->catalogs = arena_alloc(ctx->arena, (n + 1) * sizeof(*t->catalogs));
	if (!t->aliases || !t->catalogs) {
		ctx->err = FLOE_ERR_NOMEM;
		return 0;
	}
	/* every attach item's database; one without a literal alias is
	 * named by DuckDB from its path, which is not modelled */
	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *an = m->attach_items[i].alias.node;
		const char *a = an && floe_node_is_str(an) && *an->value
				? lint_render(ctx, an) : NULL;

		if (a)
			t->aliases[t->nr_aliases++] = a;
		else
			t->aliases_unknown = true;
	}
	for (size_t i = 0; i < n; i++) {
		const char *a = conns[i].kind == LINT_CONN_PLUGIN
				? "polaris_catalog"
				: lint_render(ctx, conns[i].alias);

		if (!a)
			continue;
		t->catalogs[t->nr_catalogs++] = a;
		if (conns[i].kind == LINT_CONN_PLUGIN)
			t->aliases[t->nr_aliases++] = a;
	}
	c = lint_platform_conn(ctx, conns, n);
	if (c)
		t->catalog_alias = c->kind == LINT_CONN_PLUGIN
				   ? "polaris_catalog"
				   : lint_render(ctx, c->alias);
	else if (n == 1)
		t->catalog_alias = t->nr_catalogs ? t->catalogs[0] : NULL;
	if (m->database.node)
		t->main_db = m->database.text;
	else
		t->main_db = lint_path_database(ctx,
						m->path.node && m->path.text
						? m->path.text : ":memory:");
	return 1;
}

/* The namespaces the platform declares for the catalog. */
static size_t namespaces(struct lint_ctx *ctx, const char **out, size_t max)
{
	const struct floe_platform *p = ctx->platform;
	const struct floe_catalog *c = ctx->catalog;
	size_t n = 0, wl = c->warehouse ? strlen(c->warehouse) : 0;

	for (size_t i = 0; i < p->nr_layers && n < max; i++) {
		const struct floe_layer *l = &p->layers[i];
		const char *ns = l->namespace_;

		if (!ns || !l->catalog_ref || strcmp(l->catalog_ref, c->name))
			continue;
		/* Polaris drops a '<warehouse>.' prefix (floe BUG #9) */
		if (wl && !strncmp(ns, c->warehouse, wl) && ns[wl] == '.')
			ns += wl + 1;
		out[n++] = ns;
	}
	if (c->namespace_ && n < max)
		out[n++] = c->namespace_;
	return n;
}

/* DuckDB compares database names without case. */
static bool in_list(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && !strcasecmp(v[i], s))
			return true;
	return false;
}

static const char *join(struct lint_ctx *ctx, const char *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < n; i++)
		if (v[i] && !in_list(v[i], v, i))
			strbuf_addf(&sb, "%s'%s'", sb.len ? ", " : "", v[i]);
	s = strbuf_error(&sb) ? NULL : arena_strndup(ctx->arena, sb.buf,
						     sb.len);
	strbuf_release(&sb);
	if (!s) {	/* a message without its list would be a wrong one */
		ctx->err = FLOE_ERR_NOMEM;
		return "";
	}
	return s;
}

/* A `quoting:` mapping's `schema` as a YAML bool: 1, 0, or -1 when it
 * is not given (or not a bool: dbt's to judge). */
static int quoting_schema(const struct floe_node *holder)
{
	const struct floe_node *q = floe_map_get(holder, "quoting");
	const struct floe_node *v = q && q->kind == FLOE_NODE_MAP
				    ? floe_map_get(q, "schema") : NULL;

	if (!v || v->kind != FLOE_NODE_SCALAR || v->type != FLOE_TYPE_BOOL)
		return -1;
	return floe_node_true(v);
}

/*
 * FP605: a source in a nested Iceberg namespace ('a.b') whose schema dbt
 * renders unquoted.  The iceberg extension splits a quoted "a.b" into
 * namespace levels on every release, support_nested_namespaces or not
 * (src/engine/iceberg_behavior.def); unquoted, <db>.a.b.<table> has four
 * parts and DuckDB's parser refuses it.  Quoting: the table's, else the
 * source's, else dbt_project.yml's, else the adapter's (quoted).
 */
static void check_nested_namespace(struct lint_ctx *ctx,
				   const struct target *t,
				   const struct floe_node *src)
{
	const struct floe_node *name = floe_map_get(src, "name");
	const struct floe_node *dbn = floe_map_get(src, "database");
	const struct floe_node *scn = floe_map_get(src, "schema");
	const struct floe_node *tables = floe_map_get(src, "tables");
	const struct floe_node *unquoted = NULL;
	const char *db, *schema, *tn;
	int q = quoting_schema(src);
	bool source_quotes = q < 0 ? t->quote_schema : q;

	db = dbn ? lint_render(ctx, dbn) : t->main_db;
	schema = scn ? lint_render(ctx, scn)
		     : (floe_node_is_str(name) ? name->value : NULL);
	if (!db || !schema || !strchr(schema, '.') ||
	    !in_list(db, t->catalogs, t->nr_catalogs))
		return;		/* not a nested namespace of a catalog */
	for (size_t i = 0; tables && tables->kind == FLOE_NODE_SEQ &&
			   i < tables->nr && !unquoted; i++) {
		int tq = quoting_schema(tables->items[i]);

		if (!(tq < 0 ? source_quotes : tq))
			unquoted = tables->items[i];
	}
	if (!unquoted)
		return;
	tn = lint_render(ctx, floe_map_get(unquoted, "name"));
	lint_report_id(ctx, FLOE_FP605, scn ? scn : name, "nested namespace "
		       "'%s' is rendered unquoted: %s.%s.%s does not parse. "
		       "With quoting schema: false dbt writes four dotted "
		       "names, which DuckDB's parser refuses (\"NameListToString "
		       "NOT IMPLEMENTED\", duckdb-iceberg#348) whatever "
		       "support_nested_namespaces says; quote the schema "
		       "(remove schema: false), and \"%s\" is found on every "
		       "DuckDB release.", schema, db, schema, tn ? tn : "<table>",
		       schema);
}

static void check_source(struct lint_ctx *ctx, const struct target *t,
			 const struct floe_node *src)
{
	const struct floe_node *name = floe_map_get(src, "name");
	const struct floe_node *dbn = floe_map_get(src, "database");
	const struct floe_node *scn = floe_map_get(src, "schema");
	const char *db, *schema;
	const char *decl[64];
	size_t nd;
	char pos[512];

	if (!dbn)
		return;		/* the target's own database */
	db = lint_render(ctx, dbn);
	if (!db)
		return;		/* known only at run time */
	if (t->catalog_alias && !strcmp(db, t->catalog_alias)) {
		if (!ctx->catalog)
			return;
		schema = scn ? lint_render(ctx, scn)
			     : (floe_node_is_str(name) ? name->value : NULL);
		if (!schema)
			return;
		nd = namespaces(ctx, decl, 64);
		if (in_list(schema, decl, nd))
			return;
		snprintf(pos, sizeof(pos), "%s:%u:%u", ctx->platform->file,
			 floe_node_start(ctx->catalog->name_node).line,
			 floe_node_start(ctx->catalog->name_node).column);
		lint_report_id(ctx, FLOE_FP604, scn ? scn : name, "source "
			       "schema '%s' is not a namespace of the "
			       "platform's catalogs.%s. The platform (%s) "
			       "declares %s", schema, ctx->catalog->name, pos,
			       join(ctx, decl, nd));
		return;
	}
	if (ctx->catalog && ctx->catalog->warehouse &&
	    !strcmp(db, ctx->catalog->warehouse) && t->catalog_alias) {
		lint_report_id(ctx, FLOE_FP603, dbn, "database '%s' is the "
			       "catalog's warehouse, not its attach alias. "
			       "Inside DuckDB the catalog is attached as '%s'",
			       db, t->catalog_alias);
		return;
	}
	if (!t->aliases_unknown && !in_list(db, t->aliases, t->nr_aliases) &&
	    !(t->main_db && !strcasecmp(db, t->main_db))) {
		/* the main database after the aliases (room for it is
		 * kept in find_target) */
		if (t->main_db)
			t->aliases[t->nr_aliases] = t->main_db;
		lint_report_id(ctx, FLOE_FP602, dbn, "database '%s' is not "
			       "attached by profile '%s', target '%s'. It "
			       "attaches %s", db, t->profile, t->output,
			       join(ctx, t->aliases, t->nr_aliases +
				    (t->main_db != NULL)));
	}
}

static enum floe_err check_file(struct lint_ctx *ctx, struct floe_project *p,
				const char *path, const struct target *t)
{
	struct floe_doc *doc = NULL;
	const struct floe_node *sources;
	const char *name;
	char *buf = NULL;
	size_t len, base = ctx->diags->nr;
	int errnum;
	enum floe_err err;

	err = floe_read_file(path, ctx->opt->limits.max_bytes
				   ? ctx->opt->limits.max_bytes
				   : FLOE_YAML_MAX_BYTES, &buf, &len, &errnum);
	if (err == FLOE_ERR_NOMEM)
		return err;
	if (err != FLOE_OK)
		return FLOE_OK;	/* unreadable model files are dbt's matter */
	name = keep_name(p, path);
	if (!name) {
		free(buf);
		return FLOE_ERR_NOMEM;
	}
	ctx->file = name;
	err = floe_yaml_parse(name, buf, len, &ctx->opt->limits, &doc,
			      ctx->diags);
	if (err == FLOE_OK) {
		sources = floe_map_get(doc->root, "sources");
		for (size_t i = 0; sources && sources->kind == FLOE_NODE_SEQ &&
				   i < sources->nr; i++)
			if (sources->items[i]->kind == FLOE_NODE_MAP) {
				check_source(ctx, t, sources->items[i]);
				check_nested_namespace(ctx, t,
						       sources->items[i]);
			}
	} else if (err == FLOE_ERR_NOMEM) {
		free(buf);
		return err;
	}
	lint_finish_file(ctx, err == FLOE_OK ? doc : NULL, buf, len, base);
	floe_doc_free(doc);
	if (ctx->diags->nr > base)
		keep_text(p, &buf, len);
	free(buf);
	return ctx->err;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && !strcmp(name + n - 4, ".yml")) ||
	       (n > 5 && !strcmp(name + n - 5, ".yaml"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.yml under dir, sorted, so reports come in a stable order. */
static enum floe_err walk(struct lint_ctx *ctx, struct floe_project *p,
			  const char *dir, const struct target *t,
			  unsigned depth, size_t *files)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t nr = 0, alloc = 0;
	enum floe_err err = FLOE_OK;

	if (depth > MAX_WALK_DEPTH)
		return FLOE_OK;
	/* opendir() allocates: out of memory is not a missing folder */
	if (!(d = opendir(dir)))
		return errno == ENOMEM ? FLOE_ERR_NOMEM : FLOE_OK;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;	/* ., .., hidden folders */
		if (ALLOC_GROW(names, nr + 1, alloc)) {
			err = FLOE_ERR_NOMEM;
			break;
		}
		names[nr] = join_path(dir, e->d_name);
		if (!names[nr]) {
			err = FLOE_ERR_NOMEM;
			break;
		}
		nr++;
	}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nr && err == FLOE_OK; i++) {
		struct stat st;

		if (lstat(names[i], &st))
			continue;
		if (S_ISDIR(st.st_mode))
			err = walk(ctx, p, names[i], t, depth + 1, files);
		else if (S_ISREG(st.st_mode) && is_yaml(names[i]) &&
			 (*files)++ < MAX_FILES)
			err = check_file(ctx, p, names[i], t);
	}
	for (size_t i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	return err;
}

static const struct floe_profile *find_profile(
	const struct floe_profiles *const *models, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		const struct floe_profile *p = floe_profiles_find(models[i],
								  name);

		if (p)
			return p;
	}
	return NULL;
}

static const char *profile_names(struct lint_ctx *ctx,
				 const struct floe_profiles *const *models,
				 size_t n)
{
	const char *v[64];
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < models[i]->nr && k < 64; j++)
			if (floe_node_is_str(models[i]->items[j].key))
				v[k++] = models[i]->items[j].name;
	return k ? join(ctx, v, k) : "none";
}

enum floe_err floe_project_check(const char *dir,
				 const struct floe_profiles *const *profiles,
				 size_t nr_profiles,
				 const struct floe_lint_options *opt,
				 struct floe_diags *diags,
				 struct floe_project **keep, int *errnum)
{
	struct lint_ctx ctx;
	struct floe_project *p;
	struct floe_doc *proj = NULL;
	struct floe_yaml_limits lim = opt->limits;
	const struct floe_node *pn, *mp;
	const struct floe_profile *prof;
	const char *profile, *proj_name = NULL;
	char *path, *buf = NULL;
	size_t len, files = 0, base;
	struct target t;
	enum floe_err err;

	*errnum = 0;
	if (!lim.max_bytes)
		lim = floe_yaml_default_limits();
	p = calloc(1, sizeof(*p));
	path = join_path(dir, "dbt_project.yml");
	lint_ctx_init(&ctx);
	ctx.opt = opt;
	(void)lint_resolve_versions(&ctx);	/* floe_lint said it first */
	ctx.jopt.use_env = opt->use_env;
	ctx.jopt.getenv_fn = opt->getenv_fn;
	ctx.diags = diags;
	ctx.arena = arena_new();
	if (!p || !path || !ctx.arena) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	err = floe_read_file(path, lim.max_bytes, &buf, &len, errnum);
	if (err != FLOE_OK)
		goto out;
	proj_name = keep_name(p, path);
	if (!proj_name) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	base = diags->nr;
	ctx.file = proj_name;
	keep_text(p, &buf, len);	/* one small file: always kept */
	buf = p->files[p->nr - 1].text;	/* still read below, owned by p */
	err = floe_yaml_parse(proj_name, buf, len, &lim, &proj, diags);
	if (err != FLOE_OK) {
		lint_finish_file(&ctx, proj, buf, len, base);
		err = err == FLOE_ERR_INPUT ? FLOE_OK : err;
		goto out;
	}
	pn = floe_map_get(proj->root, "profile");
	profile = lint_render(&ctx, pn);
	if (!pn) {
		lint_report_id(&ctx, FLOE_FP601, NULL, "dbt_project.yml has no "
			       "'profile:'. dbt needs one to find the "
			       "connection");
		lint_finish_file(&ctx, proj, buf, len, base);
		goto out;
	}
	if (!profile) {
		lint_finish_file(&ctx, proj, buf, len, base);
		goto out;	/* rendered at run time */
	}
	prof = find_profile(profiles, nr_profiles, profile);
	if (!prof) {
		lint_report_id(&ctx, FLOE_FP601, pn, "profile '%s' is not in "
			       "the profiles given. They have %s", profile,
			       profile_names(&ctx, profiles, nr_profiles));
		lint_finish_file(&ctx, proj, buf, len, base);
		goto out;
	}
	lint_finish_file(&ctx, proj, buf, len, base);

	/* the output dbt will use (the model's choice), held against its
	 * platform; FP005 reports in the profile when there is none */
	if (!prof->selected)
		goto out;
	lint_select_platform(&ctx, prof->selected);
	if (!find_target(&ctx, prof, &t))
		goto out;
	t.quote_schema = quoting_schema(proj->root) != 0;

	mp = floe_map_get(proj->root, "model-paths");
	if (mp && mp->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < mp->nr && err == FLOE_OK; i++) {
			const char *m = lint_render(&ctx, mp->items[i]);
			char *sub;

			if (!m)
				continue;
			sub = join_path(dir, m);
			if (!sub) {
				err = FLOE_ERR_NOMEM;
				break;
			}
			err = walk(&ctx, p, sub, &t, 0, &files);
			free(sub);
		}
	} else {
		char *sub = join_path(dir, "models");

		if (!sub) {
			err = FLOE_ERR_NOMEM;
			goto out;
		}
		err = walk(&ctx, p, sub, &t, 0, &files);
		free(sub);
	}
out:
	if (err == FLOE_OK && ctx.err != FLOE_OK)
		err = ctx.err;
	floe_doc_free(proj);
	if (!proj_name)
		free(buf);	/* else p owns it */
	free(path);
	lint_release_ctx(&ctx);
	arena_free(ctx.arena);
	if (err != FLOE_OK) {
		floe_project_free(p);
		return err;
	}
	*keep = p;
	return FLOE_OK;
}
