/*
 * Rules about `settings:` and the secret manager (FP101-FP104,
 * FP106-FP108, FP110-FP112), and the iceberg secret parameters of other
 * releases (FP109).
 *
 * dbt-duckdb applies `settings` with SET on every cursor, after the
 * connection has loaded extensions, created secrets, run plugins and
 * ATTACHed (environments/__init__.py).  What DuckDB then refuses is the
 * engine's table for the release linted for (ctx->duckdb_version;
 * src/engine/data/duckdb_settings.def, extracted from each release's
 * libduckdb.so): the refusal of some settings depends on the value
 * (relaxing a safety setting is refused, tightening it is not).
 *
 * Before any of that, SET casts the text dbt-duckdb wrote (str(value):
 * a YAML true is 'True') to the setting's input type; a value that does
 * not cast fails there, with the cast's error and nothing else (FP110),
 * so FP101, FP102 and FP108 speak only of values that cast.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "pystr.h"
#include "rules.h"
#include "strbuf.h"
#include "utf8.h"

/*
 * What dbt-duckdb writes between the quotes of SET name = '...': Python's
 * str() of the value (src/pystr.c: None, True, 4, 4.5, a date), when
 * lint knows it without running dbt; NULL for Jinja, and for a text
 * longer than buf[size].
 */
static const char *py_str(struct lint_ctx *ctx, const struct floe_node *v,
			  char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = NULL;

	if (!v || v->kind != FLOE_NODE_SCALAR)
		return NULL;
	if (v->type == FLOE_TYPE_STR)
		return lint_is_literal(v) ? lint_render(ctx, v) : NULL;
	py_scalar_str(v, &sb);
	if (strbuf_error(&sb)) {
		ctx->err = FLOE_ERR_NOMEM;
	} else if (sb.len < size) {
		memcpy(buf, sb.buf, sb.len + 1);
		s = buf;
	}
	strbuf_release(&sb);
	return s;
}

/* What a reader may not expect of py_str(): how a YAML boolean or
 * null is written ("" for the rest). */
static const char *written_as(const struct floe_node *v)
{
	if (v->type == FLOE_TYPE_BOOL)
		return floe_node_true(v) ? " (a YAML true is written 'True')"
					 : " (a YAML false is written "
					   "'False')";
	if (v->type == FLOE_TYPE_NULL)
		return " (an empty value is written 'None')";
	return "";
}

/*
 * The row of the pair's setting when SET fails to cast its value to
 * the setting's input type on the release linted for (*text: the value
 * as dbt-duckdb wrote it); NULL when it casts or lint cannot tell.
 */
static const struct fe_setting *cast_fails(struct lint_ctx *ctx,
					   const struct floe_pair *p,
					   const char **text, char *buf,
					   size_t size)
{
	const struct fe_setting *row;
	const char *t;

	if (!floe_node_is_str(p->key))
		return NULL;
	row = lint_setting_row(ctx, p->key);
	if (!row || !(t = py_str(ctx, p->value, buf, size)) ||
	    fe_setting_cast(row->type, t) != FE_CAST_FAILS)
		return NULL;
	*text = t;
	return row;
}

static bool casts(struct lint_ctx *ctx, const struct floe_pair *p)
{
	char buf[64];
	const char *t;

	return !cast_fails(ctx, p, &t, buf, sizeof(buf));
}

/* Why DuckDB refuses `SET` of the pair's setting after start-up, or 0
 * (also when the value fails its cast first: FP110).  Most settings are
 * refused whatever their value or never: the row alone says which,
 * before the value is cast or read. */
static unsigned refusal(struct lint_ctx *ctx, const struct floe_pair *p)
{
	const struct fe_setting *row;

	if (!floe_node_is_str(p->key))
		return 0;
	row = lint_setting_row(ctx, p->key);
	if (!fe_setting_row_refusal(row, 1) || !casts(ctx, p))
		return 0;
	return fe_setting_row_refusal(row, lint_setting_truth(ctx, p->value));
}

/* The output's settings, or with `config` its config_options, when a
 * mapping (as the model bound them). */
static const struct floe_node *settings_of(const struct lint_output *out,
					   bool config)
{
	const struct floe_node *s = config ? out->model->config_options
					   : out->model->settings;

	return s && s->kind == FLOE_NODE_MAP ? s : NULL;
}

void check_secret_manager_setting(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, false);

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;

		if (!(refusal(ctx, &s->pairs[i]) & FE_SET_SECRET_MANAGER))
			continue;
		lint_report(ctx, k, "'%s' under settings breaks every run. "
			    "dbt-duckdb runs SET after the ATTACH has used "
			    "the secret manager, and DuckDB refuses with "
			    "\"Changing Secret Manager settings after the "
			    "secret manager is used is not allowed!\"; delete "
			    "it (or move it to config_options)", k->value);
	}
}

/*
 * True when dbt-duckdb runs no SET for the settings entry: the
 * motherduck plugin pops `custom_user_agent` (exactly so spelt) into
 * duckdb.connect()'s config, unless config_options has a truthy one
 * (dbt_render.def MD_USER_AGENT_TO_CONFIG; the model reads both,
 * floe_prof_output.motherduck_plugin and .config_user_agent); also when
 * lint cannot tell.
 */
static bool moved_to_connect(struct lint_ctx *ctx,
			     const struct lint_output *out,
			     const struct floe_node *k)
{
	const struct floe_prof_output *o = out->model;

	return !strcmp(k->value, "custom_user_agent") &&
	       fe_dbt_renders(FE_DBT_MD_USER_AGENT_TO_CONFIG,
			      ctx->dbt_duckdb_version) &&
	       o && o->motherduck_plugin != 0 && o->config_user_agent != 1;
}

void check_startup_only_setting(struct lint_ctx *ctx,
				const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, false);
	const struct floe_pair *cp;
	const char *open;

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;
		unsigned why = refusal(ctx, &s->pairs[i]);
		const struct fe_setting *row;

		if (!(why & (FE_SET_STARTUP_ONLY | FE_SET_STARTUP_RELAX |
			     FE_SET_INIT_ONLY)) ||
		    moved_to_connect(ctx, out, k))
			continue;
		row = lint_setting_row(ctx, k);
		if ((open = lint_open_refusal(ctx, out->map,
					      s->pairs[i].value)))
			lint_report(ctx, k, "DuckDB accepts '%s' only when the "
				    "database starts. A SET fails with \"Cannot "
				    "change %s setting while database is "
				    "running\", and an in-memory database "
				    "cannot start read-only either (\"%s\"); "
				    "give path a database file, or delete it",
				    k->value, row->name, open);
		else if (why & FE_SET_INIT_ONLY)
			lint_report(ctx, k, "DuckDB accepts '%s' only when the "
				    "database starts. A SET fails with \"setting "
				    "'%s' can only be set during "
				    "initialization\"; move it to config_options", k->value, row->name);
		else
			lint_report(ctx, k, "DuckDB accepts '%s' only when the "
				    "database starts. A SET fails with \"Cannot "
				    "change %s setting while database is "
				    "running\"; move it to config_options", k->value,
				    row->name);
	}
	/* config_options: set at connect, but in memory read_only fails */
	cp = lint_get_ci(settings_of(out, true), "access_mode");
	if (cp && (open = lint_open_refusal(ctx, out->map, cp->value)))
		lint_report(ctx, cp->value, "access_mode '%s' cannot open the "
			    "in-memory database this output uses. "
			    "duckdb.connect() fails with \"%s\"; give path a "
			    "database file, or delete access_mode",
			    lint_render(ctx, cp->value), open);
}

void check_default_secret_storage(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_pair *p = lint_get_ci(settings_of(out, false),
						"default_secret_storage");

	if (p)
		lint_report(ctx, p->key, "'default_secret_storage' under "
			    "settings comes too late. It fails on DuckDB 0.10 "
			    "and 1.0 once secrets are in use, and affects only "
			    "later secrets on newer versions; set it in "
			    "config_options");
}

void check_redundant_persistent_secrets(struct lint_ctx *ctx,
					const struct lint_output *out)
{
	const struct floe_pair *p = lint_get_ci(
		settings_of(out, true), "allow_persistent_secrets");

	if (p && lint_setting_truth(ctx, p->value) == 1)
		lint_report(ctx, p->key, "'allow_persistent_secrets: true' "
			    "is DuckDB's default; the line can go");
}

/* ---- FP106-FP108: names per release ---- */

/*
 * True when `extensions:` loads `ext` (aliases count: https is httpfs).
 * `unknown`, when given, is set when an item cannot be read or names an
 * extension the tables know no settings of (it may define any name).
 */
static bool loads(struct lint_ctx *ctx, const struct lint_output *out,
		  const char *ext, bool *unknown)
{
	const struct floe_node *l = out->model->extensions;
	bool found = false;

	for (size_t i = 0; l && l->kind == FLOE_NODE_SEQ && i < l->nr; i++) {
		const char *n = lint_extension_canonical(ctx, l->items[i]);

		if (unknown && (!n || !fe_extension_known(n)))
			*unknown = true;
		if (n && ext && !strcasecmp(n, ext))
			found = true;
	}
	return found;
}

static const char *version_str(struct lint_ctx *ctx)
{
	char buf[FE_VERSION_BUF], *d;

	fe_version_str(ctx->duckdb_version, buf);
	d = arena_strndup(ctx->arena, buf, strlen(buf));
	if (!d)
		ctx->err = FLOE_ERR_NOMEM;
	return d ? d : "";
}

/*
 * `config_options` go to duckdb.connect(config=...) before anything in
 * the profile runs: no extension of `extensions` is loaded yet.  DuckDB
 * keeps a name it does not know, and when the database opens it
 * auto-loads the extension DuckDB's EXTENSION_SETTINGS table names for
 * it, or fails: "Invalid Input Error: The following options were not
 * recognized: memory_limt" (probed with duckdb_open_ext on 1.4.3 and
 * 1.5.6; DatabaseInstance::LoadExtensionSettings()).  A path of a
 * database type (md:, sqlite:, ...) loads that extension first, which
 * may take names of its own (MotherDuck's are closed source): lint
 * then says nothing of unknown names under config_options.
 */
static bool connect_loads_extension(struct lint_ctx *ctx,
				    const struct lint_output *out)
{
	const struct floe_node *n = out->model->path.node;
	const char *s, *p;

	if (!n || (n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL))
		return false;
	if (!floe_node_is_str(n) || !(s = lint_render(ctx, n)))
		return true;		/* cannot tell */
	for (p = s; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'; p++)
		;
	return *p == ':' && p - s >= 2;	/* not C:\ nor :memory: */
}

/* FP106 for one pair of `settings` (config false) or `config_options`. */
static void unknown_setting(struct lint_ctx *ctx, const struct floe_node *k,
			    bool config)
{
	unsigned first = 0, last = 0;
	const char *hint, *fails;
	char f[FE_VERSION_BUF];
	struct strbuf why = STRBUF_INIT;

	if (!floe_node_is_str(k) ||
	    lint_setting_row(ctx, k))
		return;
	/* what fails, and how */
	if (config)
		strbuf_addf(&why, "dbt-duckdb passes config_options to "
			    "duckdb.connect(), which fails with \"Invalid "
			    "Input Error: The following options were not "
			    "recognized: %s\" before the database opens",
			    k->value);
	else
		strbuf_addf(&why, "SET fails with \"Catalog Error: "
			    "unrecognized configuration parameter \"%s\"\" "
			    "and the run stops", k->value);
	if (strbuf_error(&why)) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	fails = why.buf;
	if (fe_setting_span(k->value, &first, &last) && first != FE_V_MAIN) {
		const char *brief = config ? fails : "SET fails with "
			"\"unrecognized configuration parameter\"";

		if (ctx->duckdb_version < first)
			lint_report(ctx, k, "DuckDB %s has no setting '%s'. It "
				    "arrived in %s; %s; remove it, or run "
				    "DuckDB %s or later.", version_str(ctx),
				    k->value, fe_version_str(first, f), brief,
				    f);
		else
			lint_report(ctx, k, "DuckDB %s has no setting '%s'. Its "
				    "last release was %s; %s; remove it.",
				    version_str(ctx), k->value,
				    fe_version_str(last, f), brief);
		strbuf_release(&why);
		return;
	}
	hint = lint_did_you_mean(k->value, fe_setting_names());
	if (hint && !fe_setting_find(hint, ctx->duckdb_version))
		hint = NULL;
	if (hint)
		lint_report(ctx, k, "DuckDB %s has no setting '%s'; did you "
			    "mean '%s'? %s.", version_str(ctx), k->value, hint,
			    fails);
	else
		lint_report(ctx, k, "DuckDB %s has no setting '%s'. %s; remove "
			    "it or correct the name (SELECT name FROM "
			    "duckdb_settings() lists them).", version_str(ctx),
			    k->value, fails);
	strbuf_release(&why);
}

void check_unknown_setting(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, false);
	const struct floe_node *c = settings_of(out, true);
	bool other_ext = false;

	/* an extension the tables know nothing of may define any name,
	 * once loaded: after the connection, so not for config_options */
	loads(ctx, out, NULL, &other_ext);
	for (size_t i = 0; s && !other_ext && i < s->nr; i++)
		unknown_setting(ctx, s->pairs[i].key, false);
	if (c && !connect_loads_extension(ctx, out))
		for (size_t i = 0; i < c->nr; i++)
			unknown_setting(ctx, c->pairs[i].key, true);
}

void check_extension_setting(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, false);
	const struct floe_node *c = settings_of(out, true);

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;
		const char *ext;

		if (!floe_node_is_str(k) || refusal(ctx, &s->pairs[i]))
			continue;	/* FP101/FP102 say more */
		ext = fe_setting_extension(k->value, ctx->duckdb_version);
		if (!ext || loads(ctx, out, ext, NULL))
			continue;
		lint_report(ctx, k, "'%s' needs the %s extension, not "
			    "listed in 'extensions'. DuckDB then "
			    "has to download and load %s when the SET runs, "
			    "which fails without network access (\"Extension "
			    "Autoloading Error\"); add %s to extensions.",
			    k->value, ext, ext, ext);
	}
	/*
	 * Under config_options the extension is needed when the database
	 * opens, before dbt-duckdb loads `extensions`: DuckDB auto-loads it
	 * then, auto-installing it unless it is installed, and fails
	 * without either (probed: s3_region in the config of
	 * duckdb_open_ext on 1.4.3 and 1.5.6, "To set the s3_region
	 * setting, the httpfs extension needs to be loaded. But it could
	 * not be autoloaded.").  Listing the extension does not load it in
	 * time, but installs it, so the rule asks the same as for
	 * settings.  motherduck_token's row is the hand-written one
	 * (duckdb-settings-manual.tsv): no engine says what connect does
	 * with it, so it is left out; so is a path that loads an extension
	 * of its own.
	 */
	if (!c || connect_loads_extension(ctx, out))
		return;
	for (size_t i = 0; i < c->nr; i++) {
		const struct floe_node *k = c->pairs[i].key;
		const struct fe_setting *row;
		const char *ext;

		if (!floe_node_is_str(k) ||
		    !(row = lint_setting_row(ctx, k)) ||
		    (row->flags & FE_SET_INIT_ONLY) ||
		    !(ext = fe_setting_extension(k->value,
						 ctx->duckdb_version)) ||
		    loads(ctx, out, ext, NULL))
			continue;
		lint_report(ctx, k, "'%s' needs the %s extension, not listed "
			    "in 'extensions'. duckdb.connect() sets "
			    "config_options, so DuckDB has to download and load "
			    "%s when the database opens, which fails without "
			    "network access (\"To set the %s setting, the %s "
			    "extension needs to be loaded. But it could not be "
			    "autoloaded.\"); add %s to extensions, which "
			    "installs it.", k->value, ext, ext, k->value, ext,
			    ext);
	}
}

void check_deprecated_setting(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	for (int config = 0; config < 2; config++) {
		const struct floe_node *s = settings_of(out, config);

		for (size_t i = 0; s && i < s->nr; i++) {
			const struct floe_node *k = s->pairs[i].key;
			const struct fe_setting *row;

			if (!floe_node_is_str(k))
				continue;
			row = lint_setting_row(ctx, k);
			if (!row || !(row->flags & FE_SET_DEPRECATED) ||
			    !casts(ctx, &s->pairs[i]))
				continue;
			if (config)
				lint_report(ctx, k, "DuckDB %s refuses every "
					    "value of '%s'. dbt-duckdb passes "
					    "config_options to duckdb.connect(), "
					    "which fails with \"This setting is "
					    "deprecated and can no longer be "
					    "used\" before the database opens; "
					    "remove it.", version_str(ctx),
					    k->value);
			else
				lint_report(ctx, k, "DuckDB %s refuses every "
					    "SET of '%s'. The setting is "
					    "deprecated (\"This setting is "
					    "deprecated and can no longer be "
					    "used\"); remove it.",
					    version_str(ctx), k->value);
		}
	}
}

/* ---- FP110: a value DuckDB cannot cast to the setting's type ---- */

static const char *type_fix(enum fe_setting_type t)
{
	switch (t) {
	case FE_TYPE_BOOLEAN:
		return "true or false";
	case FE_TYPE_UBIGINT:
		return "a whole number, 0 or more";
	case FE_TYPE_BIGINT:
		return "a whole number";
	case FE_TYPE_DOUBLE:
		return "a number";
	case FE_TYPE_VARCHAR_LIST:
		return "a list";
	case FE_TYPE_VARCHAR:
	case FE_TYPE_UNKNOWN:
		break;
	}
	return "a value of that type";
}

/*
 * `settings` go through SET name = '<str(value)>'; `config_options` to
 * duckdb.connect(config=...), whose Python client makes the same str()
 * of each value and sets it by name: the same cast and the same parsers,
 * with the same errors (verify shows them at connect), before the
 * database opens.  fn sees every pair of both sections.
 */
static void each_setting_value(struct lint_ctx *ctx,
			       const struct lint_output *out,
			       bool (*fn)(struct lint_ctx *ctx,
					  const struct floe_pair *p,
					  bool config),
			       unsigned quiet)
{
	for (int config = 0; config < 2; config++) {
		const struct floe_node *s = settings_of(out, config);
		unsigned fact = quiet << config;

		for (size_t i = 0; s && i < s->nr; i++) {
			const struct floe_pair *p = &s->pairs[i];

			/* a verdict of the key's text and the value's */
			if (lint_pair_fact(ctx, p->key, p->value, fact) == 1)
				continue;
			if (!fn(ctx, p, config) && !ctx->err)
				lint_pair_fact_set(ctx, p->key, p->value, fact,
						   true);
		}
	}
}

/* How dbt-duckdb hands the value over, for the messages. */
#define HANDS_OVER(config) ((config) ? "passes config_options to duckdb." \
				       "connect(), which sets " : "runs SET ")

static bool value_type(struct lint_ctx *ctx, const struct floe_pair *p,
		       bool config)
{
	const struct fe_setting *row;
	const char *text, *before, *after;
	char buf[64];
	int cut;

	row = cast_fails(ctx, p, &text, buf, sizeof(buf));
	if (!row)
		return false;
	cut = (int)utf8_cut(text, strlen(text), 60);
	fe_setting_cast_words(row->type, &before, &after);
	lint_report(ctx, p->key, "'%s' is a %s setting; this value does not "
		    "cast to it. dbt-duckdb %s%s%s'%.*s'%s, and DuckDB %s "
		    "fails with \"%s%.*s%s\" before %s; write %s.",
		    row->name, fe_setting_type_name(row->type),
		    HANDS_OVER(config), row->name, config ? " to " : " = ",
		    cut, text, written_as(p->value), version_str(ctx), before,
		    cut, text, after,
		    config ? "the database opens" : "anything else",
		    type_fix(row->type));
	return true;
}

/*
 * A setting that takes one of a few words (default_order: asc, desc ...;
 * the engine's table, duckdb_words.def): any other text is refused by
 * the setting itself, after the cast to VARCHAR (which takes anything).
 * The words are the release's, read from its source and confirmed on
 * its engine; where the engine's message names fewer ("Expected ASC or
 * DESC", yet 'descending' is taken), the table is right.
 */
static bool value_word(struct lint_ctx *ctx, const struct floe_pair *p,
		       bool config)
{
	const struct floe_node *k = p->key;
	struct fe_words w;
	struct strbuf list = STRBUF_INIT;
	const char *text;
	char buf[64];
	int cut;

	if (!floe_node_is_str(k) ||
	    !fe_setting_words(k->value, ctx->duckdb_version,
			      config ? FE_WORDS_CONFIG : FE_WORDS_SET, &w) ||
	    !(text = py_str(ctx, p->value, buf, sizeof(buf))) ||
	    fe_words_take(&w, text))
		return false;
	for (const char *s = w.words; *s; s++)
		if (*s == '|')
			strbuf_add(&list, ", ", 2);
		else
			strbuf_add(&list, s, 1);
	if (strbuf_error(&list)) {
		ctx->err = FLOE_ERR_NOMEM;
		strbuf_release(&list);
		return false;
	}
	cut = (int)utf8_cut(text, strlen(text), 60);
	lint_report(ctx, p->value, "'%s' takes one of a few words, and this "
		    "value is none of them. dbt-duckdb %s%s%s'%.*s'%s, and "
		    "DuckDB %s refuses it before %s; write one of: %s%s.",
		    k->value, HANDS_OVER(config), k->value,
		    config ? " to " : " = ", cut, text, written_as(p->value),
		    version_str(ctx),
		    config ? "the database opens" : "anything else", list.buf,
		    w.any_case ? " (in any case)" : " (exactly so)");
	strbuf_release(&list);
	return true;
}

void check_setting_value_type(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	each_setting_value(ctx, out, value_type, LINT_PF_SETTING_TYPE);
	each_setting_value(ctx, out, value_word, LINT_PF_SETTING_WORD);
}

/* ---- FP111: a memory setting's value the parser refuses ---- */

/* What to write instead, by the parser's verdict. */
static const char *memory_fix(enum fe_mem_verdict v)
{
	switch (v) {
	case FE_MEM_TOO_LARGE:
		return "a size below 16 EiB, or -1 for no limit";
	case FE_MEM_NEGATIVE:
		return "a size of 0 or more";
	default:
		return "a number and a unit, e.g. '4GB' or '512MiB'";
	}
}

static bool memory_value(struct lint_ctx *ctx, const struct floe_pair *p,
			 bool config)
{
	const struct floe_node *k = p->key, *v = p->value;
	struct fe_mem_setting ms;
	struct fe_mem_refusal r;
	const char *text;
	char buf[64];
	int cut;

	if (!floe_node_is_str(k) ||
	    !fe_memory_setting(k->value, ctx->duckdb_version, &ms) ||
	    (config && !ms.config) ||
	    !(text = py_str(ctx, v, buf, sizeof(buf))) ||
	    fe_memory_parse(text, &ms, ctx->duckdb_version, &r) == FE_MEM_OK)
		return false;
	cut = (int)utf8_cut(text, strlen(text), 60);
	if (r.verdict == FE_MEM_NO_LIMIT) {
		/* probed with SET; duckdb.connect() takes it */
		if (!config)
			lint_report(ctx, v, "'%s' refuses '%.*s', which means "
				    "no limit. dbt-duckdb runs SET %s = '%.*s', "
				    "and DuckDB %s fails (an internal error, or "
				    "a size above the machine's memory) before "
				    "anything else; write a size, e.g. '4GB'.",
				    k->value, cut, text, k->value, cut, text,
				    version_str(ctx));
		return !config;
	}
	lint_report(ctx, v, "'%s' is an amount of memory, and this value does "
		    "not parse as one. dbt-duckdb %s%s%s'%.*s'%s, and DuckDB "
		    "%s fails with \"%s%s%s\" before %s; write %s.", k->value,
		    HANDS_OVER(config), k->value, config ? " to " : " = ", cut,
		    text, (v->type == FLOE_TYPE_INT ||
				 v->type == FLOE_TYPE_FLOAT)
			  ? " (a number without a unit)" : written_as(v),
		    version_str(ctx), r.before, r.quoted, r.after,
		    config ? "the database opens" : "anything else",
		    memory_fix(r.verdict));
	return true;
}

void check_setting_memory_value(struct lint_ctx *ctx,
				const struct lint_output *out)
{
	each_setting_value(ctx, out, memory_value, LINT_PF_SETTING_MEMORY);
}

/* ---- FP109: iceberg secret parameters per release ---- */

void check_iceberg_secret_param_release(struct lint_ctx *ctx,
					const struct lint_output *out)
{
	const struct floe_node *l = out->model->secrets;

	for (size_t i = 0; l && l->kind == FLOE_NODE_SEQ && i < l->nr; i++) {
		const struct floe_node *e = l->items[i];

		if (!lint_secret_type_is(ctx, e, "iceberg"))
			continue;
		for (size_t k = 0; k < e->nr; k++) {
			const struct floe_node *key = e->pairs[k].key;
			unsigned first = 0, last = 0;
			char f[FE_VERSION_BUF];

			/* a name of no release at all is another rule's */
			if (!floe_node_is_str(key) ||
			    fe_iceberg_secret_param_find(key->value,
							 ctx->duckdb_version) ||
			    !fe_iceberg_secret_param_span(key->value, &first,
							  &last))
				continue;
			if (first == FE_V_MAIN)
				lint_report(ctx, key, "DuckDB %s's iceberg "
					    "secrets have no parameter '%s'. Only "
					    "unreleased main has it; CREATE SECRET "
					    "fails with \"Binder Error: Unknown "
					    "parameter '%s' for secret type "
					    "'iceberg'\"; remove it.",
					    version_str(ctx), key->value,
					    key->value);
			else if (ctx->duckdb_version < first)
				lint_report(ctx, key, "DuckDB %s's iceberg "
					    "secrets have no parameter '%s'. It "
					    "arrived in %s; CREATE SECRET fails "
					    "with \"Binder Error: Unknown "
					    "parameter '%s' for secret type "
					    "'iceberg'\"; remove it, or run "
					    "DuckDB %s or later.",
					    version_str(ctx), key->value,
					    fe_version_str(first, f), key->value,
					    f);
			else
				lint_report(ctx, key, "DuckDB %s's iceberg "
					    "secrets have no parameter '%s'. Its "
					    "last release was %s; CREATE SECRET "
					    "fails with \"Binder Error: Unknown "
					    "parameter '%s' for secret type "
					    "'iceberg'\"; remove it.",
					    version_str(ctx), key->value,
					    fe_version_str(last, f), key->value);
		}
	}
}

/* ---- FP112: a setting after which DuckDB refuses a later SET ---- */

/*
 * dbt-duckdb runs `settings:` on every new cursor (initialize_cursor),
 * in the order written; config_options are set once, when the database
 * opens.  Once a restrictor is on (lock_configuration true,
 * enable_external_access false: the engine's table, probed on each
 * release), DuckDB refuses some SETs: one after it in the same cursor,
 * or one of the next cursor's, the restrictor's own included.  The
 * first refusal in that order is reported, at the restrictor.
 * allowed_configs (1.5 on) lifts the lock for what it lists: a profile
 * that sets it is not judged.
 */
static void refused_later(struct lint_ctx *ctx, const struct floe_node *set,
			  const struct floe_pair *r, size_t start, bool config)
{
	char ver[FE_VERSION_BUF];
	int t;

	/* whether it restricts anything is one of its key's text and its
	 * value's */
	if (lint_pair_fact(ctx, r->key, r->value, LINT_PF_RESTRICTS_NOTHING) ==
	    1)
		return;
	if (!floe_node_is_str(r->key) || !casts(ctx, r) ||
	    (t = lint_setting_truth(ctx, r->value)) < 0 ||
	    !fe_setting_restricts(r->key->value, t, ctx->duckdb_version)) {
		if (!ctx->err)
			lint_pair_fact_set(ctx, r->key, r->value,
					   LINT_PF_RESTRICTS_NOTHING, true);
		return;
	}
	for (size_t n = 0; set && n < set->nr; n++) {
		size_t j = (start + n) % set->nr;
		const struct floe_node *k = set->pairs[j].key;
		const char *err;

		if (!floe_node_is_str(k) ||
		    !(err = fe_setting_refused_after(r->key->value, t, k->value,
						     ctx->duckdb_version)))
			continue;
		fe_version_str(ctx->duckdb_version, ver);
		lint_report(ctx, r->key, "'%s' %s breaks dbt-duckdb's %s. "
			    "Once it is %s, DuckDB %s refuses SET %s, which "
			    "dbt-duckdb runs %s: it fails with \"%s\"; %s.",
			    r->key->value, t ? "on" : "off",
			    config || j >= start ? "connection" : "next cursor",
			    t ? "on" : "off", ver, k->value,
			    config ? "on the first cursor, after config_options "
				     "opened the database"
			    : j >= start ? "after it, on the first cursor"
			    : "again on every new cursor (settings are set "
			      "per cursor)",
			    err,
			    config ? "remove it or the setting it refuses"
				   : "remove it from settings");
		return;
	}
}

void check_setting_refused_later(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	const struct floe_node *set = settings_of(out, false);
	const struct floe_node *cfg = settings_of(out, true);

	if (!set || floe_map_get(set, "allowed_configs") ||
	    floe_map_get(cfg, "allowed_configs"))
		return;
	for (size_t i = 0; cfg && i < cfg->nr; i++)
		refused_later(ctx, set, &cfg->pairs[i], 0, true);
	for (size_t i = 0; i < set->nr; i++)
		refused_later(ctx, set, &set->pairs[i], i + 1, false);
}
