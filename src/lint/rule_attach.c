/*
 * Rules about the shape of `attach:` items (FP301-FP319), and how the
 * attached catalog is used at run time (FP320, FP321).
 *
 * dbt-duckdb's Attachment is a strict dataclass (path, type, alias,
 * secret, read_only, options, is_ducklake; anything else fails the
 * profile), and Attachment.to_sql() renders `options` as
 * `KEY_UPPER value`: a YAML true becomes a bare KEY, a YAML false or a
 * null is dropped, and only the exact keys type, secret and read_only are
 * handled apart (credentials.py).  DuckDB lower-cases the option names
 * and the iceberg extension refuses any name it does not know
 * ("Unhandled options found").  The option list is the engine's
 * (src/engine/data/iceberg_attach.def), for the DuckDB release linted
 * for; none is required.
 *
 * Every position is where the text is written: a key merged in with
 * `<<: *anchor` is reported at the anchor's definition.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "rules.h"
#include "secret.h"

/*
 * The facts (dbt-duckdb's Attachment fields, the iceberg extension's
 * options, their values and defaults) are the engine's tables
 * (src/engine/); lint asks them for the dbt-duckdb release linted for
 * (ctx->dbt_duckdb_version) and, where a name's meaning does not depend
 * on the release, for any DuckDB release (FE_ANY).  Whether the extension
 * handles an option (FP305), and which extension an `extensions:` name
 * loads (FP309: the aliases), are asked for the release linted for
 * (ctx->duckdb_version).
 */
#define LINT_DUCKDB FE_ANY

static bool in_list(const char *const *list, const char *s, bool ci)
{
	for (size_t i = 0; list[i]; i++)
		if (ci ? !strcasecmp(list[i], s) : !strcmp(list[i], s))
			return true;
	return false;
}

/* The attach list of an output, or NULL. */
static const struct floe_node *attach_list(const struct lint_output *out)
{
	const struct floe_node *a = out->model->attach;

	return a && a->kind == FLOE_NODE_SEQ ? a : NULL;
}

/* The item's `options` mapping, or NULL. */
static const struct floe_node *options_of(const struct floe_node *item)
{
	const struct floe_node *o = floe_map_get(item, "options");

	return o && o->kind == FLOE_NODE_MAP ? o : NULL;
}

/*
 * The options of an attach item that is TYPE iceberg, as the profile
 * model found them (options_of(), lint_attach_is_iceberg()), or NULL.
 */
static const struct floe_node *iceberg_options(
	const struct floe_prof_attach *a)
{
	return a->iceberg ? a->options : NULL;
}

/* item: the attach item the option belongs to, for a finding that names it */
typedef void option_fn(struct lint_ctx *ctx, const struct floe_node *item,
		       const struct floe_pair *p);

static bool is_false(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR &&
	       n->type == FLOE_TYPE_BOOL && !floe_node_true(n);
}

/* The extension's words for a value it refuses; the values are the
 * engine's (fe_iceberg_option_values). */
struct allowed {
	const char *option;
	/* the extension's message: pre, then the value and post if any */
	const char *pre, *post;
	const char *list;		/* the allowed values, for the fix */
};

static const struct allowed allowed_values[] = {
	{ "access_delegation_mode",
	  "Unrecognized access mode", NULL, "vended_credentials or none" },
	{ "authorization_type",
	  "'authorization_type' '", "' is not supported, valid options are: "
	  "none, oauth2, sigv4", "oauth2, sigv4 or none" },
	{ "oauth2_grant_type",
	  "Unsupported option ('", "') for 'oauth2_grant_type', only "
	  "supports 'client_credentials' currently",
	  "client_credentials (the default: the line can go)" },
	{ "endpoint_type",
	  "Unrecognized 'endpoint_type' (", "), accepted options are: glue, "
	  "s3_tables", "glue (AWS Glue) or s3_tables (S3 Tables)" },
};

/*
 * Which of the rules that read every iceberg option look at one: each
 * returns at once for an option outside its class, so an option is
 * classified once per output (its key's part once per lint: a function
 * of the key's text and the release) rather than asked by every rule.
 */
enum {
	OPT_FALSE = 1,		/* a YAML false: FP302 */
	OPT_NATIVE_FALSE = 2,	/* a template rendering False: FP302 */
	OPT_NO_ROW = 4,		/* no option of the release: FP305 */
	OPT_VALUES = 8,		/* an option of allowed_values[]: FP306 */
	OPT_STALENESS = 16,	/* max_table_staleness, any case */
	OPT_PREFIX = 32,	/* encode_entire_prefix, any case */
	OPT_MAP = 64		/* a MAP option of the release */
};

static unsigned option_key_class(struct lint_ctx *ctx,
				 const struct floe_node *k)
{
	const struct fe_iceberg_option *o = lint_option_row(ctx, k);
	unsigned c = !o ? OPT_NO_ROW : o->kind == FE_OPT_MAP ? OPT_MAP : 0;

	for (size_t i = 0; i < sizeof(allowed_values) /
			       sizeof(allowed_values[0]); i++)
		if (ascii_same_ci(k->value, allowed_values[i].option))
			c |= OPT_VALUES;
	if (ascii_same_ci(k->value, "max_table_staleness"))
		c |= OPT_STALENESS;
	if (ascii_same_ci(k->value, "encode_entire_prefix"))
		c |= OPT_PREFIX;
	return c;
}

static enum floe_type native_type(struct lint_ctx *ctx,
				  const struct floe_node *v, bool *is_true);

static unsigned option_class(struct lint_ctx *ctx, const struct floe_pair *p)
{
	unsigned c = lint_key_class(ctx, p->key, option_key_class);
	const struct floe_node *v = p->value;
	int nf;
	bool is_true;

	if (is_false(v)) {
		c |= OPT_FALSE;
	} else if (floe_node_is_str(v)) {
		/* a fact of the text (its reading), kept as such */
		nf = lint_value_fact(ctx, v, LINT_VF_NATIVE_FALSE);
		if (nf < 0) {
			nf = native_type(ctx, v, &is_true) == FLOE_TYPE_BOOL &&
			     !is_true;
			lint_value_fact_set(ctx, v, LINT_VF_NATIVE_FALSE, nf);
		}
		if (nf)
			c |= OPT_NATIVE_FALSE;
	}
	return c;
}

/* The options of the output's iceberg attach items, classified, in
 * ctx->lazy.options: complete unless more than fit. */
static void find_options(struct lint_ctx *ctx,
			 const struct floe_prof_output *m)
{
	const size_t max = sizeof(ctx->lazy.options) /
			   sizeof(ctx->lazy.options[0]);

	ctx->options_of = m;
	ctx->nr_options = 0;
	ctx->options_complete = true;
	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *o =
			iceberg_options(&m->attach_items[i]);

		for (size_t j = 0; o && j < o->nr; j++) {
			struct lint_option *e;

			if (!floe_node_is_str(o->pairs[j].key))
				continue;
			if (ctx->nr_options == max) {
				ctx->options_complete = false;
				return;
			}
			e = &ctx->lazy.options[ctx->nr_options++];
			e->item = m->attach_items[i].node;
			e->pair = &o->pairs[j];
			e->cls = option_class(ctx, e->pair);
		}
	}
}

/*
 * Run fn on every string-keyed option of the iceberg attach items whose
 * class is in `cls` (fn would return at once on the others), in order:
 * from the output's table while its rules run.
 */
static void each_iceberg_option(struct lint_ctx *ctx,
				const struct lint_output *out, unsigned cls,
				option_fn *fn)
{
	const struct floe_prof_output *m = out->model;

	if (ctx->conns_of == m) {
		if (ctx->options_of != m)
			find_options(ctx, m);
		if (ctx->options_complete) {
			for (size_t i = 0; i < ctx->nr_options; i++)
				if (ctx->lazy.options[i].cls & cls)
					fn(ctx, ctx->lazy.options[i].item,
					   ctx->lazy.options[i].pair);
			return;
		}
	}
	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *o =
			iceberg_options(&m->attach_items[i]);

		for (size_t j = 0; o && j < o->nr; j++)
			if (floe_node_is_str(o->pairs[j].key) &&
			    (option_class(ctx, &o->pairs[j]) & cls))
				fn(ctx, m->attach_items[i].node, &o->pairs[j]);
	}
}

static bool is_map(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_MAP;
}

static bool is_null(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL;
}

/*
 * True when to_sql() emits nothing for an option: a YAML false or a
 * null.  (The exact keys type, secret and read_only are handled apart.)
 */
static bool option_dropped(const struct floe_pair *p)
{
	const char *k = p->key->value;

	if (!is_false(p->value) && !is_null(p->value))
		return false;	/* most values: no need to look at the key */
	return strcmp(k, "type") && strcmp(k, "secret") &&
	       strcmp(k, "read_only");
}

/* An arena copy of s in lower case. */
static const char *lower(struct lint_ctx *ctx, const char *s)
{
	size_t n = strlen(s);
	char *d = arena_strndup(ctx->arena, s, n);

	if (!d) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	return ascii_lower_str(d);
}

/*
 * The value DuckDB sees for a string option: to_sql() passes a value
 * already wrapped in quotes as it is, so one layer of quotes is taken off.
 * NULL when the value cannot be rendered statically.
 */
static const char *option_text(struct lint_ctx *ctx,
			       const struct floe_node *v)
{
	const char *s = lint_render(ctx, v);
	size_t a, b;
	char *d;

	if (!s)
		return NULL;
	for (a = 0; s[a] == ' ' || s[a] == '\t' || s[a] == '\n'; a++)
		;
	b = strlen(s);
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
			 s[b - 1] == '\n'))
		b--;
	if (b - a < 2 || (s[a] != '\'' && s[a] != '"') || s[b - 1] != s[a])
		return s;
	d = arena_strndup(ctx->arena, s + a + 1, b - a - 2);
	if (!d)
		ctx->err = FLOE_ERR_NOMEM;
	return d;
}

/*
 * What dbt's native rendering makes of a string value: one {{ }} ending
 * in `| as_bool` or `| as_number` renders to a Python bool or number
 * (dbt-common's quoted_native_concat; reference dbt-duckdb-iceberg-
 * polaris.md section 7 "Types"), read as FP240 reads it (lint_native(),
 * jinja_native_verdict()).  FLOE_TYPE_BOOL (*is_true says which),
 * FLOE_TYPE_INT or FLOE_TYPE_FLOAT; FLOE_TYPE_STR when the value stays a
 * string, when dbt refuses it (FP240's finding) or when the reader
 * cannot tell.  The operand may be a secret: callers never print it.
 */
static enum floe_type native_type(struct lint_ctx *ctx,
				  const struct floe_node *v, bool *is_true)
{
	struct jinja_native nv;
	const char *p, *end;

	*is_true = false;
	if (!lint_native(ctx, v, &nv) || nv.placeholder || !nv.value ||
	    (strcmp(nv.filters, "as_bool") && strcmp(nv.filters, "as_number")) ||
	    jinja_native_verdict(nv.filters, nv.value, nv.len) !=
	    JINJA_ACCEPTED)
		return FLOE_TYPE_STR;
	for (p = nv.value, end = nv.value + nv.len;
	     p < end && (*p == ' ' || *p == '\t' || *p == '+' || *p == '-');)
		p++;
	if (!strcmp(nv.filters, "as_bool")) {
		*is_true = p < end && *p == 'T';	/* True or False */
		return FLOE_TYPE_BOOL;
	}
	/* literal_eval's int or float: 0x.. 0o.. 0b.. are ints */
	if (end - p > 1 && p[0] == '0' && strchr("xXoObB", p[1]))
		return FLOE_TYPE_INT;
	for (; p < end; p++)
		if (*p == '.' || *p == 'e' || *p == 'E')
			return FLOE_TYPE_FLOAT;
	return FLOE_TYPE_INT;
}

/* ---- FP301 ---- */

/* One key of an attach item that is not an Attachment field. */
static void unknown_field(struct lint_ctx *ctx, const struct floe_node *item,
			  const struct floe_node *k)
{
	const char *hint;

	unsigned first;
	char v[FE_VERSION_BUF], f[FE_VERSION_BUF];

	/* about the key on this item: its consequences are not repeated */
#define REPORT(...) lint_report_on(ctx, item, k->value, k, __VA_ARGS__)

	first = fe_dbt_attach_field_first(k->value);
	if (first && first > ctx->dbt_duckdb_version) {
		REPORT("dbt-duckdb %s's attachment has no field '%s'. It "
		       "arrived in %s; the profile fails validation "
		       "(\"Additional properties are not allowed ('%s' was "
		       "unexpected)\"); upgrade dbt-duckdb to %s or later.",
		       fe_version_str(ctx->dbt_duckdb_version, v), k->value,
		       fe_version_str(first, f), k->value, f);
		return;
	}
	if (lint_any_option_row(ctx, k)) {
		REPORT("'%s' is an iceberg option written on the "
		       "attach item. dbt-duckdb's attachment takes only "
		       "path, type, alias, secret, read_only, options and "
		       "is_ducklake, so the profile fails validation "
		       "(\"Additional properties are not allowed ('%s' "
		       "was unexpected)\"); move it under options",
		       k->value, k->value);
		return;
	}
	if (!strcasecmp(k->value, "catalog") ||
	    !strcasecmp(k->value, "warehouse")) {
		REPORT("dbt-duckdb's attachment has no field "
		       "'%s'. The profile fails validation "
		       "(\"Additional properties are not allowed ('%s' "
		       "was unexpected)\"); the warehouse (the Polaris "
		       "catalog name) goes in path", k->value, k->value);
		return;
	}
	hint = lint_did_you_mean(k->value, fe_dbt_attach_field_names());
	if (hint)
		REPORT("dbt-duckdb's attachment has no field "
		       "'%s'. The profile fails validation "
		       "(\"Additional properties are not allowed ('%s' "
		       "was unexpected)\"); did you mean '%s'?", k->value,
		       k->value, hint);
	else
		REPORT("dbt-duckdb's attachment has no field "
		       "'%s'. The profile fails validation "
		       "(\"Additional properties are not allowed ('%s' "
		       "was unexpected)\"); the fields are path, type, "
		       "alias, secret, read_only, options and is_ducklake",
		       k->value, k->value);
#undef REPORT
}

void check_options_outside_options(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];

		for (size_t j = 0; is_map(item) && j < item->nr; j++) {
			const struct floe_node *k = item->pairs[j].key;

			if (floe_node_is_str(k) &&
			    !lint_attach_field_row(ctx, k))
				unknown_field(ctx, item, k);
		}
	}
}

/* ---- FP302 ---- */

/*
 * The kind of catalog an iceberg item attaches, for the defaults that
 * depend on it (fe_iceberg_option_default()): an endpoint_type glue or
 * s3_tables is AWS; none, a dropped one or an empty one (which the
 * extension skips) is REST.  -1 when the value is known only at run time,
 * or is not one the extension takes (the ATTACH fails on it: FP306's).
 */
static int catalog_kind(struct lint_ctx *ctx, const struct floe_node *item)
{
	const struct floe_node *o = options_of(item);
	const struct floe_pair *et = o ? lint_get_ci(o, "endpoint_type")
				       : NULL;
	const char *const *values;
	const char *s, *lc;

	if (!et || option_dropped(et))
		return FE_CATALOG_REST;
	s = option_text(ctx, et->value);
	if (!s)
		return -1;
	if (!*s && fe_iceberg_option_empty_unset("endpoint_type",
						 ctx->duckdb_version))
		return FE_CATALOG_REST;
	values = fe_iceberg_option_values("endpoint_type",
					  ctx->duckdb_version);
	lc = lower(ctx, s);
	return lc && values && in_list(values, lc, false) ? FE_CATALOG_AWS
							   : -1;
}

/*
 * A dropped false matters only when the default that then applies is not
 * false: the default of the release linted for and of the item's kind of
 * catalog (an endpoint_type turns purge_requested on and the stage and
 * delete options off).  An option of another release is read under its
 * name there (support_stage_create / stage_create_tables); one the
 * release does not have at all changes nothing when dropped, and would
 * fail the ATTACH when quoted (FP305), so it is not reported.  When the
 * endpoint_type is known only at run time and the two defaults differ,
 * nothing is said: either could apply.
 */
static void false_option(struct lint_ctx *ctx, const struct floe_node *item,
			 const struct floe_pair *p)
{
	const struct fe_option_rename *rn;
	const char *k = p->key->value, *name = k, *dflt, *aws;
	unsigned v = ctx->duckdb_version;
	char ver[FE_VERSION_BUF];
	int kind;

	if (!is_false(p->value) || !lint_any_option_row(ctx, p->key))
		return;
	/*
	 * read_only: false means what it says; presence alone turns
	 * encode_entire_prefix on, so dropping a false one does what was
	 * meant (and quoting would not).
	 */
	if (!strcasecmp(k, "read_only") ||
	    !strcasecmp(k, "encode_entire_prefix") ||
	    !strcasecmp(k, "type") || !strcasecmp(k, "secret"))
		return;
	if ((rn = fe_iceberg_option_renamed(k, v)))
		name = rn->to;
	else if (!fe_iceberg_option_find(k, v)) {
		if (!(rn = fe_iceberg_option_former(k, v)))
			return;
		name = rn->from;
	}
	kind = catalog_kind(ctx, item);
	if (kind < 0) {
		dflt = fe_iceberg_option_default(name, v, FE_CATALOG_REST);
		aws = fe_iceberg_option_default(name, v, FE_CATALOG_AWS);
		if (!dflt || !aws || strcmp(dflt, aws))
			return;		/* depends on the endpoint_type */
	} else {
		dflt = fe_iceberg_option_default(name, v,
						 (enum fe_catalog_kind)kind);
	}
	if (dflt && !strcmp(dflt, "false"))
		return;		/* the default is the false written */
	if (name != k)
		lint_report(ctx, p->value, "'%s: %s' never reaches DuckDB. "
			    "dbt-duckdb drops an attach option whose value is "
			    "a YAML false, so the extension's default for "
			    "%s, the option's name on DuckDB %s, applies%s%s"
			    "%s%s; quote it to pass it: %s: 'false'", k,
			    p->value->value, name, fe_version_str(v, ver),
			    kind == FE_CATALOG_AWS ? " under an endpoint_type"
			    : "", dflt ? " (" : "", dflt ? dflt : "",
			    dflt ? ")" : "", name);
	else
		lint_report(ctx, p->value, "'%s: %s' never reaches DuckDB. "
			    "dbt-duckdb drops an attach option whose value is "
			    "a YAML false, so the extension's default%s%s%s%s "
			    "applies; quote it to pass it: %s: 'false'", k,
			    p->value->value, kind == FE_CATALOG_AWS
			    ? " under an endpoint_type" : "", dflt ? " (" : "",
			    dflt ? dflt : "", dflt ? ")" : "", k);
}

/*
 * A value that dbt's native rendering makes False ('| as_bool'): dbt-
 * duckdb drops it as it drops a YAML false (to_sql(): `if
 * isinstance(value, bool): if value: ...`, 1.9.4 to 1.11.0 and HEAD
 * 25573c2).  It is handed to false_option() as the YAML false it renders
 * to, at the template's place, so that FP302 says of it what it says of
 * a false written as such (its exemptions and the default it names).
 */
static void native_false_option(struct lint_ctx *ctx,
				const struct floe_node *item,
				const struct floe_pair *p)
{
	struct floe_node rendered;
	struct floe_pair q;
	bool is_true;

	if (native_type(ctx, p->value, &is_true) != FLOE_TYPE_BOOL || is_true)
		return;
	rendered = *p->value;
	rendered.type = FLOE_TYPE_BOOL;
	rendered.style = FLOE_STYLE_PLAIN;
	rendered.value = "False";
	rendered.len = 5;
	q = *p;
	q.value = &rendered;
	false_option(ctx, item, &q);
}

void check_option_false(struct lint_ctx *ctx, const struct lint_output *out)
{
	each_iceberg_option(ctx, out, OPT_FALSE, false_option);
	each_iceberg_option(ctx, out, OPT_NATIVE_FALSE, native_false_option);
}

/* ---- FP303 ---- */

/*
 * Python truth of a direct field: 1, 0, or -1 when unknown.  A value of
 * the wrong type fails the schema before to_sql() runs (FP312 and the
 * schema's own error): nothing to say here.
 */
static int field_truth(struct lint_ctx *ctx, const char *field,
		       const struct floe_node *v)
{
	const char *s;

	if (is_null(v))
		return 0;
	if (!strcmp(field, "read_only"))
		return v->kind == FLOE_NODE_SCALAR &&
		       v->type == FLOE_TYPE_BOOL ? floe_node_true(v) : -1;
	if (!floe_node_is_str(v))
		return -1;
	s = lint_render(ctx, v);
	if (!s)
		return -1;
	return *s != '\0';
}

void check_attach_option_conflict(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	static const char *const keys[] = { "type", "secret", "read_only",
					    NULL };
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const struct floe_node *o = options_of(item);

		if (!o || !o->nr)
			continue;
		for (size_t j = 0; keys[j]; j++) {
			const struct floe_pair *field =
				floe_map_pair(item, keys[j]);
			const struct floe_pair *opt = floe_map_pair(o, keys[j]);

			/* dbt-duckdb compares exact, lower-case keys */
			if (!field || !opt ||
			    field_truth(ctx, keys[j], field->value) != 1)
				continue;
			lint_report(ctx, opt->key, "'%s' is set both on the "
				    "attach item (line %u) and in its options. "
				    "dbt-duckdb stops with \"Attachment "
				    "option(s) ['%s'] specified in both "
				    "direct fields and options dict\"; keep "
				    "one of the two", keys[j],
				    floe_node_start(field->key).line, keys[j]);
		}
	}
}

/* ---- FP304 ---- */

void check_option_duplicate_case(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *o = options_of(attach->items[i]);

		for (size_t j = 1; o && j < o->nr; j++) {
			const struct floe_pair *p = &o->pairs[j];

			if (!floe_node_is_str(p->key) || option_dropped(p))
				continue;
			for (size_t k = 0; k < j; k++) {
				const struct floe_pair *q = &o->pairs[k];

				if (!floe_node_is_str(q->key) ||
				    !ascii_same_ci(q->key->value,
						   p->key->value) ||
				    option_dropped(q))
					continue;
				lint_report(ctx, p->key, "option '%s' repeats "
					    "'%s' (line %u) but for case. "
					    "dbt-duckdb upper-cases both and "
					    "DuckDB keeps the last one, so the "
					    "value on line %u is silently "
					    "ignored; keep one", p->key->value,
					    q->key->value,
					    floe_node_start(q->key).line,
					    floe_node_start(q->key).line);
				break;
			}
		}
	}
}

/* ---- FP305 ---- */

/*
 * An option of other releases than the one linted for: renamed, not yet
 * there, or gone.  True when it reported.
 */
static bool option_of_other_release(struct lint_ctx *ctx,
				    const struct floe_node *item,
				    const struct floe_pair *p,
				    const char *name)
{
	const struct fe_option_rename *rn;
	unsigned first = 0, last = 0;
	char v[FE_VERSION_BUF], f[FE_VERSION_BUF], l[FE_VERSION_BUF];

	if (!fe_iceberg_option_span(name, &first, &last))
		return false;
	fe_version_str(ctx->duckdb_version, v);
	rn = fe_iceberg_option_renamed(name, ctx->duckdb_version);
	if (rn) {
		lint_report_on(ctx, item, name, p->key, "DuckDB %s's iceberg "
			       "extension has no option '%s'. It was renamed "
			       "'%s' in %s; the ATTACH fails with \"Unhandled "
			       "options found: %s\"; write '%s' (no alias is "
			       "kept).", v, p->key->value, rn->to,
			       fe_version_str(rn->since, f), name, rn->to);
	} else if ((rn = fe_iceberg_option_former(name, ctx->duckdb_version))) {
		lint_report_on(ctx, item, name, p->key, "DuckDB %s's iceberg "
			       "extension has no option '%s'. It is the %s "
			       "name of '%s'; the ATTACH fails with "
			       "\"Unhandled options found: %s\"; write '%s'.",
			       v, p->key->value, rn->since == FE_V_MAIN
			       ? "unreleased main's"
			       : fe_version_str(rn->since, f), rn->from, name,
			       rn->from);
	} else if (first == FE_V_MAIN) {
		lint_report_on(ctx, item, name, p->key, "'%s' is an iceberg "
			       "option of no DuckDB release yet. Only "
			       "unreleased main has it; on DuckDB %s the "
			       "ATTACH fails with \"Unhandled options found: "
			       "%s\"; remove it.", p->key->value, v, name);
	} else if (ctx->duckdb_version < first) {
		lint_report_on(ctx, item, name, p->key, "DuckDB %s's iceberg "
			       "extension has no option '%s'. It arrived in "
			       "%s; the ATTACH fails with \"Unhandled options "
			       "found: %s\"; remove it or move to DuckDB %s "
			       "or later.", v, p->key->value,
			       fe_version_str(first, f), name, f);
	} else {
		lint_report_on(ctx, item, name, p->key, "DuckDB %s's iceberg "
			       "extension has no option '%s'. Its last "
			       "release was %s; the ATTACH fails with "
			       "\"Unhandled options found: %s\"; remove it.",
			       v, p->key->value, fe_version_str(last, l),
			       name);
	}
	return true;
}

static void unknown_option(struct lint_ctx *ctx, const struct floe_node *item,
			   const struct floe_pair *p)
{
	const char *name, *hint;

	if (lint_option_row(ctx, p->key) || option_dropped(p))
		return;		/* a dropped option never arrives */
	name = lower(ctx, p->key->value);
	if (!name || option_of_other_release(ctx, item, p, name))
		return;
	hint = lint_did_you_mean(name, fe_iceberg_option_names());
	if (hint && !fe_iceberg_option_find(hint, ctx->duckdb_version))
		hint = NULL;
	if (hint)
		lint_report(ctx, p->key, "the iceberg extension has no option "
			    "'%s'. The ATTACH fails with \"Unhandled options "
			    "found: %s\"; did you mean '%s'?", p->key->value,
			    name, hint);
	else
		lint_report(ctx, p->key, "the iceberg extension has no option "
			    "'%s'. The ATTACH fails with \"Unhandled options "
			    "found: %s\"; remove it or correct the name "
			    "('floe-profiles explain FP305' lists the options)",
			    p->key->value, name);
}

void check_unknown_iceberg_option(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	/* a finding names its item, so that FP317 can take the place of a
	 * renamed option's (lint_implied[]) */
	each_iceberg_option(ctx, out, OPT_NO_ROW, unknown_option);
}

/* ---- FP306 ---- */

/* Whether the value was reported. */
static bool check_value(struct lint_ctx *ctx, const struct allowed *a,
			const struct floe_pair *p)
{
	const char *const *values = fe_iceberg_option_values(a->option,
							     LINT_DUCKDB);
	const char *s = option_text(ctx, p->value);
	const char *lc, *hint = NULL;
	char error[256], fixed[128];
	size_t n;

	if (!s || !values)
		return false;	/* rendered only at run time */
	/* '' is skipped as if the option were not given */
	if (!*s && fe_iceberg_option_empty_unset(a->option, LINT_DUCKDB))
		return false;
	lc = lower(ctx, s);
	if (!lc || in_list(values, lc, false))
		return false;
	if (a->post)
		snprintf(error, sizeof(error), "%s%s%s", a->pre, s, a->post);
	else
		snprintf(error, sizeof(error), "%s", a->pre);
	/* vended-credentials: a dash for the underscore */
	n = strlen(lc);
	if (n < sizeof(fixed)) {
		for (size_t i = 0; i <= n; i++)
			fixed[i] = lc[i] == '-' ? '_' : lc[i];
		if (strcmp(fixed, lc) && in_list(values, fixed, false)) {
			lint_report(ctx, p->value, "%s '%s' is not a value the "
				    "iceberg extension accepts. The ATTACH "
				    "fails with \"%s\"; write '%s', with an "
				    "underscore", p->key->value, s, error,
				    fixed);
			return true;
		}
	}
	hint = lint_did_you_mean(lc, values);
	if (hint)
		lint_report(ctx, p->value, "%s '%s' is not a value the iceberg "
			    "extension accepts. The ATTACH fails with \"%s\"; "
			    "did you mean '%s'? (allowed: %s)", p->key->value,
			    s, error, hint, a->list);
	else
		lint_report(ctx, p->value, "%s '%s' is not a value the iceberg "
			    "extension accepts. The ATTACH fails with \"%s\"; "
			    "use %s", p->key->value, s, error, a->list);
	return true;
}

static void option_value(struct lint_ctx *ctx, const struct floe_node *item,
			 const struct floe_pair *p)
{
	size_t nr = sizeof(allowed_values) / sizeof(allowed_values[0]);
	bool said = false;

	(void)item;
	/* the verdict is one of the key's text and the value's */
	if (lint_pair_fact(ctx, p->key, p->value, LINT_PF_OPTION_VALUE) == 1)
		return;
	for (size_t k = 0; k < nr; k++)
		if (ascii_same_ci(p->key->value, allowed_values[k].option))
			said |= check_value(ctx, &allowed_values[k], p);
	if (!said && !ctx->err)
		lint_pair_fact_set(ctx, p->key, p->value,
				   LINT_PF_OPTION_VALUE, true);
}

void check_option_value(struct lint_ctx *ctx, const struct lint_output *out)
{
	each_iceberg_option(ctx, out, OPT_VALUES, option_value);
}

/* ---- FP307 ---- */

void check_warehouse_location(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	static const char *const schemes[] = {
		"s3://", "s3a://", "gs://", "abfs://", "abfss://", "az://",
		"file:", "/", NULL
	};
	const struct lint_conn *conns;
	size_t nr = lint_conns(ctx, out, &conns);

	/* the iceberg attach items, in their order */
	for (size_t i = 0; i < nr; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_node *path = c->warehouse;
		const char *s;

		if (c->kind != LINT_CONN_ATTACH || !path)
			continue;
		s = lint_render(ctx, path);
		if (!s)
			continue;	/* rendered only at run time */
		if (!*s) {
			/* Gravitino, the REST fixture: ATTACH '' is right */
			if (lint_flavor_has(c, FE_FLAVOR_WAREHOUSE_REQUIRED))
				lint_report(ctx, path, "the attach path is "
					    "empty, but for an Iceberg REST "
					    "catalog it is the warehouse. %s "
					    "needs one: the ATTACH answers 400 "
					    "\"Please specify a warehouse\"; "
					    "set it to the catalog's warehouse "
					    "name%s", fe_flavor_info(
					    c->flavor)->title,
					    lint_flavor_note(ctx, c));
			continue;
		}
		for (size_t j = 0; schemes[j]; j++) {
			if (strncasecmp(s, schemes[j], strlen(schemes[j])))
				continue;
			lint_report(ctx, path, "the attach path '%s' is a "
				    "storage location, not a warehouse. For an "
				    "Iceberg REST catalog Polaris reads it as "
				    "the catalog name: the "
				    "ATTACH answers 404 \"Unable to find "
				    "warehouse\"; use the Polaris catalog "
				    "name", s);
			break;
		}
	}
}

/* ---- FP308 ---- */

/* The test generate applies to --alias (the engine's names): a
 * suggestion is a plain ASCII word. */
static bool is_identifier(const char *s)
{
	return fe_alias_check(s, FE_DUCKDB_DEFAULT) == FE_ALIAS_OK;
}

/* A suggested identifier for s in fix[size], or NULL. */
static const char *alias_fix(const char *s, char *fix, size_t size)
{
	size_t n = strlen(s), k = 0;

	if (n + 2 > size || strchr(s, '"'))
		return NULL;	/* a quoted name is fixed by its quotes */
	if (isdigit((unsigned char)s[0]))
		fix[k++] = '_';
	for (size_t j = 0; j < n; j++)
		fix[k++] = isalnum((unsigned char)s[j]) ? s[j] : '_';
	fix[k] = '\0';
	return is_identifier(fix) ? fix : NULL;
}

void check_alias_identifier(struct lint_ctx *ctx,
			    const struct lint_output *out)
{
	static const struct lint_unquoted as = {
		"attach alias", "ATTACH ... AS", "", "alias", "_catalog"
	};
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *alias =
			floe_map_get(attach->items[i], "alias");
		const char *s = alias ? lint_render(ctx, alias) : NULL;
		enum fe_alias_refusal why;
		char buf[64];

		/* an empty alias is falsy: dbt-duckdb writes no AS at all */
		if (!s || !*s)
			continue;
		/* with options after it or not, as dbt-duckdb writes it */
		why = lint_alias_parse(ctx, alias, s,
				       lint_alias_last(ctx, attach->items[i]));
		/* a database name is FP318's: not a syntax problem */
		if (why == FE_ALIAS_KEYWORD || why == FE_ALIAS_NOT_WORD)
			lint_report_unquoted(ctx, alias, s, why, &as,
					     why == FE_ALIAS_NOT_WORD ?
					     alias_fix(s, buf, sizeof(buf)) :
					     NULL);
		else if (why == FE_ALIAS_COMMENT)
			lint_report(ctx, alias, "the attach alias '%s' ends in "
				    "a -- comment. dbt-duckdb writes the "
				    "item's options after the alias on the "
				    "same line: the comment swallows them, and "
				    "the ATTACH runs without them (TYPE and "
				    "SECRET among them); end the comment with "
				    "a line break (two at the end of the "
				    "value: dbt's Jinja drops the last), or "
				    "write /* ... */",
				    lint_shown(ctx, alias, s));
	}
}

/* ---- FP309 ---- */

/*
 * True for a connection that needs DuckDB's iceberg extension: an iceberg
 * attach item, or floe's plugin, whose configure_connection() runs ATTACH
 * (TYPE ICEBERG).  Other *.plugins.polaris modules (floe's demo one) talk
 * to the catalog through PyIceberg and need neither extension.
 */
static bool needs_iceberg(const struct lint_conn *c)
{
	const struct floe_node *mod;

	if (c->kind == LINT_CONN_ATTACH)
		return true;
	mod = floe_map_get(c->item, "module");
	return floe_node_is_str(mod) &&
	       !strcmp(mod->value, "floe_dbt.plugins.polaris");
}

void check_extension_missing(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t nr = lint_conns(ctx, out, &conns);
	const struct floe_pair *ext = floe_map_pair(out->map, "extensions");
	const struct lint_conn *first = NULL;
	bool httpfs = false, iceberg = false;
	const char *missing;

	for (size_t i = 0; i < nr && !first; i++)
		if (needs_iceberg(&conns[i]))
			first = &conns[i];
	if (!first)
		return;
	if (ext && !is_null(ext->value)) {
		if (ext->value->kind != FLOE_NODE_SEQ)
			return;		/* not a list: another problem */
		for (size_t i = 0; i < ext->value->nr; i++) {
			/* DuckDB's aliases (https and s3 load httpfs), as
			 * the release linted for applies them */
			const char *s = lint_extension_canonical(
				ctx, ext->value->items[i]);

			if (!s)
				return;	/* could be either at run time */
			httpfs |= !strcasecmp(s, "httpfs");
			iceberg |= !strcasecmp(s, "iceberg");
		}
	}
	if (httpfs && iceberg)
		return;
	missing = !httpfs && !iceberg ? "httpfs and iceberg" :
		  !httpfs ? "httpfs" : "iceberg";
	lint_report(ctx, ext ? ext->key : first->item, "%s but %s %s not in "
		    "'extensions'. The ATTACH needs the iceberg extension and "
		    "its HTTP calls need httpfs (\"'https' scheme is not "
		    "supported\"), and images that cannot download extensions "
		    "fail at connect time; list both: extensions: [httpfs, "
		    "iceberg]", first->kind == LINT_CONN_ATTACH ?
		    "an iceberg catalog is attached" :
		    "floe's Polaris plugin attaches an iceberg catalog",
		    missing, httpfs || iceberg ? "is" : "are");
}

/* ---- FP310 ---- */

void check_attach_path_missing(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const struct floe_pair *path;
		const char *where;

		if (!is_map(item)) {
			lint_report(ctx, item, "an attach item must be a "
				    "mapping with at least 'path', not %s. "
				    "dbt-duckdb fails the profile; write "
				    "'- path: <database or warehouse>'",
				    floe_node_describe(item));
			continue;
		}
		where = lint_attach_is_iceberg(item) ?
				"the warehouse (the Polaris catalog name)" :
				"the database to attach";
		path = floe_map_pair(item, "path");
		if (!path)
			lint_report(ctx, item, "this attach item has no "
				    "'path'. It is the one required field of "
				    "dbt-duckdb's attachment, and the profile "
				    "fails validation (\"'path' is a required "
				    "property\"); add 'path' with %s", where);
		else if (is_null(path->value))
			lint_report(ctx, path->key, "'path' of this attach "
				    "item is empty (null). dbt-duckdb requires "
				    "a string and the profile fails "
				    "validation; set it to %s", where);
		else if (!floe_node_is_str(path->value))
			lint_report(ctx, path->value, "'path' of this attach "
				    "item is %s, not a string. dbt-duckdb's "
				    "attachment schema wants a str and the "
				    "profile fails validation; set it to %s",
				    floe_node_describe(path->value), where);
	}
}

/* ---- FP311 ---- */

void check_iceberg_endpoint_missing(struct lint_ctx *ctx,
				    const struct lint_output *out)
{
	const struct lint_conn *conns;
	size_t nr = lint_conns(ctx, out, &conns);

	for (size_t i = 0; i < nr; i++) {
		const struct lint_conn *c = &conns[i];
		const struct floe_pair *opts;
		const char *auth = NULL, *why, *error;
		bool inline_creds = false;

		if (c->kind != LINT_CONN_ATTACH || c->endpoint ||
		    c->endpoint_type)
			continue;
		for (size_t j = 0; is_map(c->options) && j < c->options->nr;
		     j++) {
			const struct floe_node *k = c->options->pairs[j].key;

			if (floe_node_is_str(k) &&
			    fe_iceberg_option_inline_oauth2(k->value,
							    LINT_DUCKDB))
				inline_creds = true;
		}
		if (c->authorization_type)
			auth = option_text(ctx, c->authorization_type->value);
		error = "Missing 'endpoint' option for Iceberg attach";
		if (c->secret) {
			/* a named secret may carry the endpoint: only one
			 * defined here, without it, is known to lack it */
			if (!c->named_secret)
				continue;
			why = "neither in its options nor in the iceberg "
			      "secret it names";
			error = "No 'endpoint' was given to attach, and "
				"no 'endpoint' could be retrieved from the "
				"ICEBERG secret!";
		} else if (inline_creds) {
			why = "its options have inline credentials, so no "
			      "secret is consulted";
		} else if (auth && !strcasecmp(auth, "none")) {
			why = "with authorization_type none no secret is "
			      "consulted";
		} else {
			/* the extension looks up any iceberg secret, which
			 * may bring the endpoint: nothing certain to say */
			continue;
		}
		opts = floe_map_pair(c->item, "options");
		lint_report_on(ctx, c->item, "endpoint",
			       opts ? opts->key : c->item, "this iceberg "
			       "attach has no endpoint. The ATTACH fails with "
			       "\"%s\" (%s); add endpoint under options, "
			       "e.g. endpoint: http://polaris:8181/api/catalog",
			       error, why);
	}
}

/* ---- FP312 ---- */

/* One boolean field of an attach item (read_only, is_ducklake). */
static void bool_field(struct lint_ctx *ctx, const struct floe_node *item,
		       const struct fe_dbt_key *f, const struct floe_pair *p)
{
	const struct floe_node *v = p->value;
	const char *name = f->name;
	struct lint_jinja j;

	if (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
		return;
	if (v->kind != FLOE_NODE_SCALAR) {
		lint_report(ctx, v, "attach '%s' is %s, not a boolean. "
			    "dbt-duckdb's attachment schema wants a bool and "
			    "the profile fails validation; write true or "
			    "false", name, floe_node_describe(v));
		return;
	}
	if (is_null(v)) {
		if (f->flags & FE_FIELD_NULLABLE)
			return;		/* Optional[bool] */
		lint_report(ctx, p->key, "attach '%s' is empty (null), not a "
			    "boolean. dbt-duckdb's attachment schema wants a "
			    "bool and the profile fails validation (\"None is "
			    "not of type 'boolean'\"); write true or false, or "
			    "remove it", name);
		return;
	}
	if (v->type != FLOE_TYPE_STR) {
		lint_report(ctx, v, "attach '%s' is %s (%s), not a boolean. "
			    "dbt-duckdb's attachment schema wants a bool and "
			    "the profile fails validation; write true or "
			    "false", name, floe_node_describe(v), v->value);
		return;
	}
	lint_jinja_scan(ctx, v, &j);
	if (j.has_jinja) {
		/*
		 * env_var() always gives a str; a filter such as
		 * '| as_bool', or var(), may give a bool.
		 */
		if (j.has_filter || j.has_other || j.malformed || !j.nr_env)
			return;
		lint_report_on(ctx, item, name, v, "attach '%s' is rendered "
			       "from env_var() to a string, not a boolean. "
			       "dbt-duckdb's attachment schema wants a bool "
			       "and the profile fails validation; add '| "
			       "as_bool' inside the braces", name);
		return;
	}
	lint_report(ctx, v, "attach '%s' is the string '%s', not a YAML "
		    "boolean. dbt-duckdb's attachment schema wants a bool and "
		    "the profile fails validation (\"'%s' is not of type "
		    "'boolean'\"); write true or false unquoted", name,
		    v->value, v->value);
}

/* Every boolean field of dbt-duckdb's Attachment (the engine's table). */
void check_read_only_type(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);

	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];

		for (size_t k = 0; is_map(item) && k < item->nr; k++) {
			const struct floe_pair *p = &item->pairs[k];
			const struct fe_dbt_key *f =
				lint_attach_field_row(ctx, p->key);

			if (f && f->type == FE_T_BOOL)
				bool_field(ctx, item, f, p);
		}
	}
}

/* ---- FP313-FP317: option sets per authorization type, values ---- */

/*
 * The authorization type an iceberg attach uses: endpoint_type (glue,
 * s3_tables) means SigV4, else authorization_type, else OAuth2.  0 when
 * it cannot be told statically or the value is not one (FP306's).
 */
static unsigned attach_auth(struct lint_ctx *ctx, const struct floe_node *o,
			    const char **what)
{
	const struct floe_pair *et = lint_get_ci(o, "endpoint_type");
	const struct floe_pair *at = lint_get_ci(o, "authorization_type");
	const char *s;

	if (et && !option_dropped(et)) {
		s = option_text(ctx, et->value);
		if (!s)
			return 0;
		*what = !strcasecmp(s, "glue") ? "endpoint_type glue (SigV4)"
			: !strcasecmp(s, "s3_tables")
			? "endpoint_type s3_tables (SigV4)" : NULL;
		return *what ? FE_AUTH_SIGV4 : 0;
	}
	if (!at || option_dropped(at)) {
		*what = "authorization_type oauth2 (the default)";
		return FE_AUTH_OAUTH2;
	}
	s = option_text(ctx, at->value);
	if (!s)
		return 0;
	if (!strcasecmp(s, "oauth2")) {
		*what = "authorization_type oauth2";
		return FE_AUTH_OAUTH2;
	}
	if (!strcasecmp(s, "sigv4")) {
		*what = "authorization_type sigv4";
		return FE_AUTH_SIGV4;
	}
	if (!strcasecmp(s, "none")) {
		*what = "authorization_type none";
		return FE_AUTH_NONE;
	}
	return 0;
}

/* Why an option belongs to other authorization types, for the fix. */
static const char *auth_hint(unsigned auths)
{
	if (auths == FE_AUTH_OAUTH2)
		return "it is read only under authorization_type oauth2";
	if (auths == FE_AUTH_SIGV4)
		return "it is read only under authorization_type sigv4 or an "
		       "endpoint_type";
	if (auths == (FE_AUTH_OAUTH2 | FE_AUTH_SIGV4))
		return "it is read under oauth2 and sigv4, not none";
	return "it belongs to another authorization type";
}

void check_option_auth_type(struct lint_ctx *ctx,
			    const struct lint_output *out)
{
	const struct floe_prof_output *m = out->model;

	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *item = m->attach_items[i].node;
		const struct floe_node *o =
			iceberg_options(&m->attach_items[i]);
		const struct floe_node *field;
		const char *what = NULL;
		unsigned auth;

		if (!o)
			continue;
		auth = attach_auth(ctx, o, &what);
		if (!auth)
			continue;
		for (size_t j = 0; j < o->nr; j++) {
			const struct floe_pair *p = &o->pairs[j];
			const struct fe_iceberg_option *row;
			const char *name;

			if (!floe_node_is_str(p->key) || option_dropped(p))
				continue;
			/* an option of another release is FP305's */
			row = lint_option_row(ctx, p->key);
			if (!row || (row->auths & auth))
				continue;
			name = lower(ctx, p->key->value);
			if (!name)
				return;
			lint_report(ctx, p->key, "'%s' is not an option of %s. "
				    "The ATTACH fails with \"Unhandled options "
				    "found: %s\" (%s); remove it, or change the "
				    "authorization type.", p->key->value, what,
				    name, auth_hint(row->auths));
		}
		/* the item's own `secret` field is rendered as SECRET too */
		field = floe_map_get(item, "secret");
		if (auth == FE_AUTH_NONE && field && floe_node_is_str(field) &&
		    field->len && !lint_get_ci(o, "secret"))
			lint_report(ctx, field, "'secret' is not an option of "
				    "%s. The ATTACH fails with \"Unhandled "
				    "options found: secret\" (an open catalog "
				    "takes no credentials); remove it.", what);
	}
}

/*
 * FP314: an option the attach acts on, as its text: NULL when it is not
 * given, dropped, known only at run time, or empty (the extension skips
 * an empty endpoint_type or authorization_type).
 */
static const char *acted_on(struct lint_ctx *ctx, const struct floe_pair *p)
{
	const char *s;

	if (!p || option_dropped(p) || !(s = option_text(ctx, p->value)))
		return NULL;
	if (!*s && fe_iceberg_option_empty_unset(p->key->value,
						 ctx->duckdb_version))
		return NULL;
	return s;
}

void check_endpoint_type_with_auth(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct floe_prof_output *m = out->model;

	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *o =
			iceberg_options(&m->attach_items[i]);
		const struct floe_pair *et, *at;
		const char *const *values;
		const char *ets, *lc;

		if (!o)
			continue;
		et = lint_get_ci(o, "endpoint_type");
		at = lint_get_ci(o, "authorization_type");
		if (!et || !at || !(ets = acted_on(ctx, et)) ||
		    !acted_on(ctx, at))
			continue;
		/* an endpoint_type the extension does not take fails first
		 * (FP306's) */
		values = fe_iceberg_option_values("endpoint_type",
						  ctx->duckdb_version);
		lc = lower(ctx, ets);
		if (!lc || (values && !in_list(values, lc, false)))
			continue;
		lint_report(ctx, at->key, "authorization_type cannot be "
			    "combined with endpoint_type. The ATTACH fails "
			    "with \"'authorization_type' can not be combined "
			    "with 'endpoint_type'\": an endpoint_type already "
			    "means SigV4; remove authorization_type.");
	}
}

static void staleness_value(struct lint_ctx *ctx, const struct floe_node *item,
			    const struct floe_pair *p)
{
	const struct floe_node *v = p->value;
	char ver[FE_VERSION_BUF];
	enum floe_type nt;
	const char *s;
	bool is_true;

	(void)item;
	/* a release without the option refuses its name: FP305's */
	if (!ascii_same_ci(p->key->value, "max_table_staleness") ||
	    v->kind != FLOE_NODE_SCALAR || option_dropped(p) ||
	    !lint_option_row(ctx, p->key))
		return;
	nt = native_type(ctx, v, &is_true);
	if (nt != FLOE_TYPE_STR) {
		/* a Python number, written unquoted; True, a bare KEY (a
		 * BOOLEAN true); False is dropped (FP302) */
		if (nt == FLOE_TYPE_BOOL && !is_true)
			return;
		lint_report(ctx, v, "max_table_staleness renders to a %s ('| "
			    "%s'), not an interval. dbt-duckdb writes it "
			    "unquoted and the ATTACH fails with \"Conversion "
			    "Error: Unimplemented type for cast (%s -> "
			    "INTERVAL)\"; drop the filter and give a quoted "
			    "interval: '10 minutes'.",
			    nt == FLOE_TYPE_BOOL ? "boolean" : "number",
			    nt == FLOE_TYPE_BOOL ? "as_bool" : "as_number",
			    nt == FLOE_TYPE_INT ? "INTEGER"
			    : nt == FLOE_TYPE_BOOL ? "BOOLEAN" : "DECIMAL");
		return;
	}
	if (v->type == FLOE_TYPE_INT || v->type == FLOE_TYPE_FLOAT ||
	    v->type == FLOE_TYPE_BOOL) {
		lint_report(ctx, v, "max_table_staleness is a YAML %s, not an "
			    "interval. dbt-duckdb writes it unquoted and the "
			    "ATTACH fails with \"Conversion Error: "
			    "Unimplemented type for cast (%s -> INTERVAL)\"; "
			    "write a quoted interval: '%s minutes'.",
			    v->type == FLOE_TYPE_BOOL ? "boolean" : "number",
			    v->type == FLOE_TYPE_INT ? "INTEGER"
			    : v->type == FLOE_TYPE_BOOL ? "BOOLEAN"
			    : "DECIMAL", v->type == FLOE_TYPE_BOOL ? "10"
			    : v->value);
		return;
	}
	s = option_text(ctx, v);
	if (!s || fe_interval_cast(s, ctx->duckdb_version) != FE_CAST_FAILS)
		return;
	lint_report(ctx, v, "max_table_staleness '%s' is not an interval "
		    "DuckDB %s reads. The extension casts it to INTERVAL and "
		    "the ATTACH fails (a Conversion Error such as \"Could "
		    "not convert string '%s' to INTERVAL\" or \"extract "
		    "specifier ... not recognized\", or, for a count too "
		    "large, an Out of Range or Invalid Input Error); write "
		    "e.g. '10 minutes', '1 hour' or '00:10:00'.", s,
		    fe_version_str(ctx->duckdb_version, ver), s);
}

void check_staleness_interval(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	each_iceberg_option(ctx, out, OPT_STALENESS, staleness_value);
}

static void prefix_value(struct lint_ctx *ctx, const struct floe_node *item,
			 const struct floe_pair *p)
{
	const char *s;

	(void)item;
	if (!ascii_same_ci(p->key->value, "encode_entire_prefix") ||
	    option_dropped(p) || p->value->kind != FLOE_NODE_SCALAR ||
	    p->value->type == FLOE_TYPE_BOOL)
		return;
	s = option_text(ctx, p->value);
	if (!s || fe_duckdb_bool(s) != 0)
		return;
	lint_report(ctx, p->value, "encode_entire_prefix '%s' switches the "
		    "option on, not off. The iceberg extension sets it by its "
		    "presence, whatever the value; remove the line to keep it "
		    "off.", s);
}

void check_encode_prefix_value(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	each_iceberg_option(ctx, out, OPT_PREFIX, prefix_value);
}

void check_both_stage_options(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct floe_prof_output *m = out->model;

	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_node *item = m->attach_items[i].node;
		const struct floe_node *o =
			iceberg_options(&m->attach_items[i]);
		const struct floe_pair *a, *b, *gone;
		const char *kept, *name;
		char v[FE_VERSION_BUF];

		if (!o)
			continue;
		a = lint_get_ci(o, "support_stage_create");
		b = lint_get_ci(o, "stage_create_tables");
		if (!a || !b || option_dropped(a) || option_dropped(b))
			continue;
		/* at the name the release refuses: FP305's finding there
		 * (renamed: write the other) would make a duplicate key */
		if (fe_iceberg_option_find("stage_create_tables",
					   ctx->duckdb_version)) {
			gone = a;
			kept = "stage_create_tables";
		} else {
			gone = b;
			kept = "support_stage_create";
		}
		name = lower(ctx, gone->key->value);
		if (!name)
			return;
		lint_report_on(ctx, item, name, gone->key,
			       "support_stage_create and stage_create_tables "
			       "are one option under two names. DuckDB %s "
			       "knows only '%s' (the name changed in 1.5.4), "
			       "so the ATTACH fails with \"Unhandled options "
			       "found: %s\"; remove this line.",
			       fe_version_str(ctx->duckdb_version, v), kept,
			       name);
	}
}

/* ---- FP318: an alias that names a database that already exists ---- */

/*
 * The engine's verdicts on a name (duckdb_names.def, read from every
 * release): main and temp are refused only spelled so; MAIN or Temp
 * attach, and then break what follows on some releases (the queries of
 * the catalogs fail as ambiguous on 1.4.x, or with an INTERNAL Error
 * that invalidates the database); on 1.5.x MAIN breaks nothing
 * dbt-duckdb runs (only a hand-written two-part main.x name becomes
 * ambiguous), so it is not reported there.  system and memory are
 * found whatever their case.
 */

/* dbt-duckdb's name of the main database (fe_dbt_path_database();
 * memory without a path); NULL when unknown. */
static const char *path_database(struct lint_ctx *ctx,
				 const struct lint_output *out, bool *motherduck)
{
	const struct floe_node *path = out->model->path.node;
	const char *s;

	*motherduck = false;
	if (!path || (path->kind == FLOE_NODE_SCALAR &&
		      path->type == FLOE_TYPE_NULL))
		return "memory";
	if (!floe_node_is_str(path) || !(s = lint_render(ctx, path)))
		return NULL;
	*motherduck = fe_dbt_path_is_motherduck(s);
	return lint_path_database(ctx, s);
}

/*
 * fe_duckdb_path_database() of a rendered path, in the ctx arena; NULL when
 * DuckDB does not name it after the file (or out of memory: ctx->err).
 */
static const char *path_db_name(struct lint_ctx *ctx, const char *path,
				const char *type, bool if_not_exists,
				unsigned version)
{
	size_t len;
	const char *name = fe_duckdb_path_database(path, type, if_not_exists,
						   version, &len);
	char *d;

	if (!name)
		return NULL;
	if (!(d = arena_strndup(ctx->arena, name, len)))
		ctx->err = FLOE_ERR_NOMEM;
	return d;
}

/* main_catalog() of a rendered path that is not MotherDuck's */
static const void *path_catalog(struct lint_ctx *ctx, const char *s,
				struct arena *a)
{
	const char *db = lint_path_database(ctx, s), *name;

	(void)a;	/* both copies are in ctx->arena */
	if (!db)
		return NULL;
	/* a path ending in '/' is FP319's: dbt-duckdb names nothing */
	name = path_db_name(ctx, s, NULL, false, FE_ANY);
	return name || ctx->err ? name : db;
}

/*
 * The catalog name DuckDB gives the main database (duckdb.connect(path)
 * names it as an ATTACH without AS does: fe_duckdb_path_database(), which
 * cuts the file name at its first dot where dbt-duckdb's name cuts at the
 * last), else dbt-duckdb's (path_database()); *path_s the rendered path
 * (NULL without one).
 */
static const char *main_catalog(struct lint_ctx *ctx,
				const struct lint_output *out, bool *motherduck,
				const char **path_s)
{
	const struct floe_node *path = out->model->path.node;
	const char *s, *db;

	*path_s = NULL;
	if (!floe_node_is_str(path))
		return path_database(ctx, out, motherduck);
	*motherduck = false;
	if (!(s = lint_render(ctx, path)))
		return NULL;
	*motherduck = fe_dbt_path_is_motherduck(s);
	if (*motherduck)
		return lint_path_database(ctx, s);
	/* the same text names the same catalog in every output */
	db = lint_text_answer(ctx, path, s, LINT_TA_MAIN_CATALOG,
			      path_catalog);
	if (db)
		*path_s = s;
	return db;
}

/*
 * What the ATTACH does with an alias that is taken: dbt-duckdb writes
 * ATTACH IF NOT EXISTS from 1.9.5 (dbt_render.def), which does nothing
 * without an error -- the silent misrouting -- and plain ATTACH before,
 * which fails.  The engine's words are from duckdb-names/ (the real
 * engine of each release).
 */
static void report_taken(struct lint_ctx *ctx, const struct floe_node *alias,
			 const char *s, const char *what, const char *where,
			 bool if_not_exists, const char *refusal)
{
	if (if_not_exists)
		lint_report(ctx, alias, "the attach alias '%s' %s. ATTACH IF "
			    "NOT EXISTS does nothing, the catalog is never "
			    "attached and models land in %s; choose another, "
			    "e.g. '%s_catalog'.", s, what, where, s);
	else
		lint_report(ctx, alias, "the attach alias '%s' %s. The ATTACH "
			    "fails with \"%s\"; choose another, e.g. "
			    "'%s_catalog'.", s, what, refusal ? refusal : "", s);
}

/*
 * The name the database gets from a rendered alias (fe_alias_name():
 * '"main"' is main, blanks around it dropped), in the scratch arena; NULL
 * when it is not one identifier (then its ATTACH does not parse: FP308's)
 * or out of memory (ctx->err set).
 */
static const void *alias_name_of(struct lint_ctx *ctx, const char *s,
				 struct arena *a, bool last)
{
	size_t size = strlen(s) + 1;	/* a name is no longer than s */
	char *d = arena_alloc_uninit(a, size);

	if (!d) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	return fe_alias_name(s, last, ctx->duckdb_version, d, size);
}

/* ... with options after the alias */
static const void *alias_name_in(struct lint_ctx *ctx, const char *s,
				 struct arena *a)
{
	return alias_name_of(ctx, s, a, false);
}

/* ... the alias ending the statement */
static const void *alias_name_last(struct lint_ctx *ctx, const char *s,
				   struct arena *a)
{
	return alias_name_of(ctx, s, a, true);
}

/*
 * ... of `s`, n's rendered text: kept with the facts of a literal text;
 * `last` as lint_alias_last() gives it: not known, the name both ways
 * give, else NULL.
 */
static const char *alias_db_name(struct lint_ctx *ctx,
				 const struct floe_node *n, const char *s,
				 int last)
{
	const char *mid, *end;

	if (last > 0)
		return lint_text_answer(ctx, n, s, LINT_TA_ALIAS_NAME_LAST,
					alias_name_last);
	mid = lint_text_answer(ctx, n, s, LINT_TA_ALIAS_NAME, alias_name_in);
	if (!last)
		return mid;
	end = lint_text_answer(ctx, n, s, LINT_TA_ALIAS_NAME_LAST,
			       alias_name_last);
	return mid && end && !strcmp(mid, end) ? mid : NULL;
}

/* A rendered string value, "" for null, or NULL (not a string, or not
 * known statically). */
static const char *item_str(struct lint_ctx *ctx, const struct floe_node *n)
{
	if (!n || is_null(n))
		return "";
	return floe_node_is_str(n) ? lint_render(ctx, n) : NULL;
}

/*
 * The database name of an attach item: its rendered alias
 * (alias_db_name); without one -- Attachment.to_sql() writes AS only when
 * the alias is truthy, so an empty one is none -- the name DuckDB gives
 * the file of its path (fe_duckdb_path_database(), with TYPE from `type`,
 * else from options.type, as to_sql() takes it).  *derived says which;
 * *path_s is the rendered path of a derived name.  NULL when unknown.
 */
static const char *item_name(struct lint_ctx *ctx,
			     const struct floe_node *item, bool ine,
			     bool *derived, const char **path_s)
{
	const struct floe_node *opts = floe_map_get(item, "options");
	const struct floe_node *p = floe_map_get(item, "path");
	const struct floe_node *alias = floe_map_get(item, "alias");
	const char *s = item_str(ctx, alias);
	const char *type, *path;

	*derived = false;
	*path_s = NULL;
	if (!s)
		return NULL;
	if (*s)
		return alias_db_name(ctx, alias, s,
				     lint_alias_last(ctx, item));
	/* no path is FP310's, not a database named memory */
	if (!p || !floe_node_is_str(p) || !(path = lint_render(ctx, p)))
		return NULL;
	type = item_str(ctx, floe_map_get(item, "type"));
	if (type && !*type && is_map(opts))
		type = item_str(ctx, floe_map_get(opts, "type"));
	if (!type)
		return NULL;
	if (!(s = path_db_name(ctx, path, type, ine, ctx->duckdb_version)))
		return NULL;
	*derived = true;
	*path_s = path;
	return s;
}

/* item_name() without the rest. */
static const char *item_db(struct lint_ctx *ctx, const struct floe_node *item,
			   bool ine)
{
	bool derived;
	const char *path;

	return item_name(ctx, item, ine, &derived, &path);
}

/*
 * An attach item without an alias whose file DuckDB names as an existing
 * database (`what`): the same outcome as a taken alias (report_taken()).
 */
static void report_derived(struct lint_ctx *ctx, const struct floe_node *path,
			   const char *s, const char *what, const char *where,
			   bool if_not_exists, const char *refusal)
{
	if (if_not_exists)
		lint_report(ctx, path, "DuckDB names this attach '%s' after its "
			    "file, %s. Without an alias ATTACH IF NOT EXISTS "
			    "does nothing, the file is never attached and "
			    "models land in %s; give the item an alias of "
			    "its own.", s, what, where);
	else
		lint_report(ctx, path, "DuckDB names this attach '%s' after its "
			    "file, %s. Without an alias the ATTACH fails with "
			    "\"%s\"; give the item an alias of its own.", s,
			    what, refusal ? refusal : "");
}

/*
 * The key of the database file a rendered local path names on the
 * release linted for (fe_database_file_key()), in the scratch arena;
 * NULL when it is not judged, or out of memory (ctx->err set).
 */
static const char *file_key(struct lint_ctx *ctx, const char *path, bool item)
{
	struct arena *a;
	char *p, *k;
	size_t n;

	if (!path)
		return NULL;
	/* dbt-duckdb before 1.11.0 cuts the ?query from every attach path
	 * (Attachment.to_sql(): path.replace(f"?{parsed.query}", "")); a
	 * query DuckDB is given, a fragment, and path's own are not judged */
	n = strcspn(path, "?#");
	if (path[n] && (!item || strchr(path + n, '#') ||
			fe_dbt_renders(FE_DBT_QUERY_CUT_MOTHERDUCK_ONLY,
				       ctx->dbt_duckdb_version)))
		return NULL;
	a = lint_scratch(ctx);
	p = a ? arena_strndup(a, path, n) : NULL;
	k = p ? arena_alloc_uninit(a, n + 1) : NULL;
	if (!k) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	return fe_database_file_key(p, ctx->duckdb_version, k) ? k : NULL;
}

/* Is the attach item of TYPE duckdb, or of none (read as item_name()
 * reads it)? */
static bool type_is_duckdb(struct lint_ctx *ctx, const char *type)
{
	(void)ctx;
	return fe_attach_type_is(type, "duckdb");
}

static bool item_is_duckdb(struct lint_ctx *ctx, const struct floe_node *item)
{
	const struct floe_node *opts = floe_map_get(item, "options");
	const struct floe_node *t = floe_map_get(item, "type");
	const char *type = item_str(ctx, t);

	if (type && !*type && is_map(opts))
		type = item_str(ctx, t = floe_map_get(opts, "type"));
	return type && (!*type || lint_text_fact(ctx, t, type,
						 LINT_VF_TYPE_DUCKDB,
						 type_is_duckdb));
}

/* The file key of an attach item of TYPE duckdb; *path_s its rendered
 * path. */
static const char *item_file(struct lint_ctx *ctx,
			     const struct floe_node *item, const char **path_s)
{
	const struct floe_node *p = floe_map_get(item, "path");

	if (!item_is_duckdb(ctx, item) || !p || !floe_node_is_str(p) ||
	    !(*path_s = lint_render(ctx, p)))
		return NULL;
	return file_key(ctx, *path_s, true);
}

/*
 * The words DuckDB refuses a plain ATTACH of `s` with when an earlier
 * database has its name: "... already exists", or, when that database
 * is the same file to the release (`one_file_with` its name), the file
 * conflict, which the engine checks first (duckdb-files/ probes).  In
 * the scratch arena; NULL when out of memory.
 */
static const char *name_refusal(struct lint_ctx *ctx, const char *s,
				const char *one_file_with)
{
	struct strbuf sb = STRBUF_INIT;
	struct arena *a = lint_scratch(ctx);
	char *d = NULL;

	if (one_file_with)
		strbuf_addf(&sb, "Unique file handle conflict: Cannot attach "
			    "\"%s\" - the database file ... is already "
			    "attached by database \"%s\"", s, one_file_with);
	else
		strbuf_addf(&sb, "Failed to attach database: database with "
			    "name \"%s\" already exists", s);
	if (!strbuf_error(&sb) && a)
		d = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	if (!d)
		ctx->err = FLOE_ERR_NOMEM;
	return d;
}

/* Are the two rendered paths (of attach items, or a of `path` when
 * a_main) one database file to the release? */
static bool one_file(struct lint_ctx *ctx, const char *a, bool a_main,
		     const char *b)
{
	const char *ka = a ? file_key(ctx, a, !a_main) : NULL;
	const char *kb = ka && b ? file_key(ctx, b, true) : NULL;

	return ka && kb && !strcmp(ka, kb);
}

/*
 * The aliases of the attach items seen so far, compared as strcasecmp()
 * does (ASCII case folded): an open-addressing set, so that a list of
 * many items is not held against every earlier item one by one.
 */
struct alias_set {
	struct alias_slot {
		const char *name;
		size_t item;	/* the attach item that took it */
	} *slots;
	size_t cap;
};

static size_t alias_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ ascii_lower((unsigned char)*s)) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

/* The item that added an alias equal to s; else SIZE_MAX, and s is
 * added for `item`. */
static size_t alias_seen(struct alias_set *set, const char *s, size_t item)
{
	size_t k = alias_hash(s) & (set->cap - 1);

	while (set->slots[k].name) {
		if (!strcasecmp(set->slots[k].name, s))
			return set->slots[k].item;
		k = (k + 1) & (set->cap - 1);
	}
	set->slots[k].name = s;
	set->slots[k].item = item;
	return SIZE_MAX;
}

/* An attach item's rendered path, or NULL. */
static const char *item_path(struct lint_ctx *ctx,
			     const struct floe_node *item)
{
	const struct floe_node *p = floe_map_get(item, "path");

	return p && floe_node_is_str(p) ? lint_render(ctx, p) : NULL;
}

/*
 * Does DuckDB judge attach item i by its name before it opens the file,
 * on a release that cannot open a path ending in '/' (FE_SLASH_FAILS,
 * 1.4.x)?  PhysicalAttach::GetData() looks the name up under IF NOT
 * EXISTS and does nothing when a database has it; DatabaseManager::
 * AttachDatabase() then refuses a reserved name, and only then is the
 * file opened, which fails (v1.4.3 src/execution/operator/schema/
 * physical_attach.cpp, src/main/database_manager.cpp); a name taken
 * under plain ATTACH is found after that.  The probe's slash rows hold it
 * on every release (duckdb-files/: AS temp, AS memory, taken:lake,
 * Temp.duckdb/, AS Temp, MAIN.duckdb/; gen_files.py).  So true for a name
 * IF NOT EXISTS finds (the main database, an earlier item, a name every
 * database has) and a reserved one: FP318's findings; false for any
 * other, Temp and MAIN included, which break only what follows an ATTACH
 * that succeeds: the open fails first, FP319's.  Under IF NOT EXISTS true
 * too when the name is not known statically: then nothing is said.
 */
static bool slash_name_first(struct lint_ctx *ctx,
			     const struct floe_node *attach, size_t i,
			     const char *main_db, bool md, bool ine)
{
	const char *name = item_db(ctx, attach->items[i], ine);
	unsigned f;

	if (!ine)
		return name && *name &&
		       (fe_database_name(name, ctx->duckdb_version) &
			FE_DB_RESERVED);
	if (!name || !*name)
		return true;
	f = fe_database_name(name, ctx->duckdb_version);
	if ((main_db && !md && !strcasecmp(name, main_db)) ||
	    (f & (FE_DB_RESERVED_IF_NOT_EXISTS | FE_DB_EXISTS)))
		return true;
	for (size_t j = 0; j < i; j++) {
		const char *t = item_db(ctx, attach->items[j], true);

		if (t && !strcasecmp(t, name))
			return true;
	}
	return false;
}

/*
 * Does attach item `item` fail to open its file before anything else,
 * a duckdb path ending in '/' on a release that cannot open one
 * (fe_path_slash(): FE_SLASH_FAILS), unless slash_name_first()?  A path
 * that names a folder whatever its slashes is judged apart (FP319's).
 */
static bool slash_path_fails(struct lint_ctx *ctx,
			     const struct floe_node *item)
{
	const char *path;
	size_t n;

	if (fe_path_slash(ctx->duckdb_version) != FE_SLASH_FAILS)
		return false;
	path = item_path(ctx, item);
	return path && (n = strlen(path)) && path[n - 1] == '/' &&
	       !strchr(path, ':') && !fe_path_names_folder(path) &&
	       item_is_duckdb(ctx, item);
}

/*
 * What the names table says of a name spelled in other case (flags f) under
 * the form of ATTACH dbt-duckdb writes: an INTERNAL Error that invalidates
 * the database, or (1.4.x) every query of the catalogs ambiguous.  Said at
 * `at`, true when said (or out of memory).  `derived`: s is the name DuckDB
 * gives the item's file, not an alias.
 */
static bool report_other_case(struct lint_ctx *ctx, const struct floe_node *at,
			      const char *s, unsigned f, bool ine,
			      bool derived)
{
	bool invalidates = f & (ine ? FE_DB_INVALIDATES_IF_NOT_EXISTS
				    : FE_DB_INVALIDATES);
	bool ambiguous = f & (ine ? FE_DB_AMBIGUOUS_IF_NOT_EXISTS
				  : FE_DB_AMBIGUOUS);
	struct strbuf lead = STRBUF_INIT, fix = STRBUF_INIT;
	const char *base;
	char v[FE_VERSION_BUF];

	if (!invalidates && !ambiguous)
		return false;
	if (!(base = lower(ctx, s)))
		return true;
	strbuf_addf(&lead, derived ? "DuckDB names this attach '%s' after its "
				     "file, '%s' spelled in other case"
				   : "the attach alias '%s' is '%s' spelled in "
				     "other case", s, base);
	if (derived)
		strbuf_adds(&fix, "give the item an alias");
	else
		strbuf_addf(&fix, "choose another, e.g. '%s_catalog'", s);
	if (strbuf_error(&lead) || strbuf_error(&fix))
		ctx->err = FLOE_ERR_NOMEM;
	else if (invalidates)
		lint_report(ctx, at, "%s. The ATTACH, or the first query of "
			    "the databases after it, fails with \"INTERNAL "
			    "Error: Database name ... was already used by a "
			    "different database for this meta transaction\", "
			    "which invalidates the database; %s.", lead.buf,
			    fix.buf);
	else
		lint_report(ctx, at, "%s. DuckDB %s attaches it, but from then "
			    "every query of system.information_schema.tables "
			    "or duckdb_tables() fails with \"Ambiguous "
			    "reference to catalog or schema \"%s\"\", and "
			    "dbt-duckdb lists the relations that way before it "
			    "runs a model; %s.", lead.buf,
			    fe_version_str(ctx->duckdb_version, v), base,
			    fix.buf);
	strbuf_release(&lead);
	strbuf_release(&fix);
	return true;
}

/* A few items are compared with each earlier one; more go by the set. */
#define FEW_ATTACH 8

void check_alias_existing_database(struct lint_ctx *ctx,
				   const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);
	bool md, ine = fe_dbt_renders(FE_DBT_ATTACH_IF_NOT_EXISTS,
				      ctx->dbt_duckdb_version);
	const char *main_path;
	const char *main_db = main_catalog(ctx, out, &md, &main_path);
	struct alias_set set = { NULL, 0 };

	if (attach && attach->nr > FEW_ATTACH) {
		set.cap = 16;
		while (set.cap / 2 < attach->nr)
			set.cap *= 2;
		set.slots = calloc(set.cap, sizeof(*set.slots));
		if (!set.slots) {
			ctx->err = FLOE_ERR_NOMEM;
			return;
		}
	}
	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *alias =
			floe_map_get(attach->items[i], "alias");
		/* s: the database name the alias gives ('"main"' is main),
		 * or without one the name DuckDB gives the file */
		const char *path;
		bool derived;
		const char *s = item_name(ctx, attach->items[i], ine,
					  &derived, &path);
		size_t earlier = SIZE_MAX;
		const char *refusal = NULL, *earlier_db = NULL;
		const char *holder = NULL, *holder_db = NULL, *ipath;
		bool taken, by_main, same, slash;
		unsigned f;

		if (ctx->err)
			break;

		/* the earlier items' aliases, whatever is said of them */
		if (set.slots) {
			if (s)
				earlier = alias_seen(&set, s, i);
		} else {
			for (size_t k = 0; s && k < i; k++) {
				const char *t = item_db(ctx, attach->items[k],
							ine);

				if (t && !strcasecmp(s, t)) {
					earlier = k;
					earlier_db = t;
					break;
				}
			}
		}
		taken = earlier != SIZE_MAX;
		if (!s || !*s)
			continue;
		/* 1.4.x fails to open a path ending in '/' (FP319's) unless
		 * it judges the name first; then it attaches nothing, and
		 * what a name in other case breaks afterwards never comes */
		slash = slash_path_fails(ctx, attach->items[i]);
		if (slash && !slash_name_first(ctx, attach, i, main_db, md,
					       ine))
			continue;
		/* the database that has the name already, and whether it is
		 * this item's file: then IF NOT EXISTS does nothing, and no
		 * harm (the name is that file); a plain ATTACH fails with the
		 * file conflict, which DuckDB checks before the name */
		by_main = main_db && !md && !strcasecmp(s, main_db);
		if (by_main) {
			holder = main_path;
			holder_db = main_db;
		} else if (taken) {
			holder = item_path(ctx, attach->items[earlier]);
			holder_db = earlier_db ? earlier_db
				: item_db(ctx, attach->items[earlier], ine);
		}
		ipath = item_path(ctx, attach->items[i]);
		same = holder && ipath && (!strcmp(holder, ipath) ||
					   one_file(ctx, holder, by_main,
						    ipath));
		if (ctx->err)
			break;
		if (ine && same)
			continue;
		if (!ine && (by_main || taken))
			refusal = name_refusal(ctx, s, same ? holder_db : NULL);
		if (ctx->err)
			break;
		if (derived) {
			const struct floe_node *p =
				floe_map_get(attach->items[i], "path");

			/* a file named as Temp, MAIN or System is that name
			 * as an alias (duckdb-names/ probes file:<spelling>) */
			f = fe_database_name(s, ctx->duckdb_version);
			if (!slash && report_other_case(ctx, p, s, f, ine, true))
				continue;
			if (ine && (f & FE_DB_EXISTS)) {
				char where[96];

				snprintf(where, sizeof(where), "'%.80s'", s);
				report_derived(ctx, p, s, "a database every "
					       "DuckDB connection has", where,
					       true, NULL);
				continue;
			}
			if (by_main)
				report_derived(ctx, p, s, "the name of the "
					       "database 'path' opens",
					       "the local database", ine,
					       refusal);
			else if (taken)
				report_derived(ctx, p, s, "a name an earlier "
					       "attach item took", "the "
					       "database of that item", ine,
					       refusal);
			continue;
		}
		f = fe_database_name(s, ctx->duckdb_version);
		if (lint_alias_parse(ctx, alias, lint_render(ctx, alias),
				     lint_alias_last(ctx, attach->items[i])) ==
		    FE_ALIAS_KEYWORD)
			continue;	/* FP308's */
		if (f & (ine ? FE_DB_RESERVED_IF_NOT_EXISTS : FE_DB_RESERVED)) {
			lint_report(ctx, alias, "the attach alias '%s' is a "
				    "database name DuckDB reserves. The ATTACH "
				    "fails with \"Attached database name \"%s\" "
				    "cannot be used because it is a reserved "
				    "name\"; choose another, e.g. '%s_catalog'.",
				    s, s, s);
			continue;
		}
		if (!slash && report_other_case(ctx, alias, s, f, ine, false))
			continue;
		if (ine && (f & FE_DB_EXISTS)) {
			char where[96];

			snprintf(where, sizeof(where), "'%.80s'", s);
			report_taken(ctx, alias, s, "names a database every "
				     "DuckDB connection has", where, true,
				     NULL);
			continue;
		}
		if (by_main) {
			report_taken(ctx, alias, s, "is the name of the "
				     "database 'path' opens", "the local "
				     "database", ine, refusal);
			continue;
		}
		if (taken && ine)
			lint_report(ctx, alias, "the attach alias '%s' is "
				    "already taken by an earlier attach item. "
				    "ATTACH IF NOT EXISTS does nothing for this "
				    "one, so its database is never attached; "
				    "give each item its own alias.", s);
		else if (taken)
			lint_report(ctx, alias, "the attach alias '%s' is "
				    "already taken by an earlier attach item. "
				    "The ATTACH fails with \"%s\"; give each "
				    "item its own alias.", s,
				    refusal ? refusal : "");
	}
	free(set.slots);
}

/* ---- FP323: one database file attached twice ---- */

/* A file seen: its key, the database it is attached as, its path. */
struct file_seen {
	const char *key, *name, *path;
	bool main;		/* the database `path` opens */
};

struct file_set {
	struct file_seen *slots;
	size_t cap;
};

/* The entry of `key`, or the empty slot where it goes. */
static struct file_seen *file_slot(struct file_set *set, const char *key)
{
	size_t k = alias_hash(key) & (set->cap - 1);

	while (set->slots[k].key && strcmp(set->slots[k].key, key))
		k = (k + 1) & (set->cap - 1);
	return &set->slots[k];
}

static void report_file_twice(struct lint_ctx *ctx, const struct floe_node *at,
			      const char *path, const char *name,
			      const struct file_seen *first)
{
	struct strbuf p = STRBUF_INIT, fp = STRBUF_INIT;
	char v[FE_VERSION_BUF];
	const char *how = "";

	if (strcmp(path, first->path))
		how = fe_file_identity(ctx->duckdb_version) == FE_FILE_TEXT_CI
		      ? " (it compares paths as written, without case)"
		      : " (it compares absolute, normalised paths)";
	/* a path's ?query may hold a credential: masked as sql masks it */
	if (floe_secret_mask_conn(&p, path, strlen(path), FLOE_SECRET_MASK) ||
	    floe_secret_mask_conn(&fp, first->path, strlen(first->path),
				  FLOE_SECRET_MASK))
		ctx->err = FLOE_ERR_NOMEM;
	else
		lint_report(ctx, at, "'%s' is a database file already "
			    "attached, as '%s'. It is the file of %s '%s', to "
			    "DuckDB %s%s, which refuses to attach one file "
			    "twice: \"Unique file handle conflict: Cannot "
			    "attach \"%s\" - the database file ... is already "
			    "attached by database \"%s\"\", and every dbt "
			    "connection fails; drop this item and use '%s'.",
			    p.buf, first->name, first->main
			    ? "the main database, path" : "an item above, path",
			    fp.buf, fe_version_str(ctx->duckdb_version, v), how,
			    name, first->name, first->name);
	strbuf_release(&p);
	strbuf_release(&fp);
}

void check_attach_file_twice(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);
	bool md, ine = fe_dbt_renders(FE_DBT_ATTACH_IF_NOT_EXISTS,
				      ctx->dbt_duckdb_version);
	const char *main_path, *main_db, *key;
	struct file_set set;
	struct alias_set names;
	size_t files = 0;

	/* most outputs attach catalogs, not files: nothing to hold */
	for (size_t i = 0; attach && i < attach->nr; i++)
		files += item_is_duckdb(ctx, attach->items[i]);
	if (!files)
		return;
	main_db = main_catalog(ctx, out, &md, &main_path);
	set.cap = 16;
	while (set.cap / 2 < attach->nr + 1)
		set.cap *= 2;
	set.slots = calloc(set.cap, sizeof(*set.slots));
	if (!set.slots) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	if (main_db && !md && main_path &&
	    (key = file_key(ctx, main_path, false)))
		*file_slot(&set, key) = (struct file_seen){ key, main_db,
							    main_path, true };
	names.cap = set.cap;
	names.slots = calloc(names.cap, sizeof(*names.slots));
	if (!names.slots) {
		ctx->err = FLOE_ERR_NOMEM;
		free(set.slots);
		return;
	}
	for (size_t i = 0; !ctx->err && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const char *path = NULL, *name = item_db(ctx, item, ine);
		struct file_seen *e;
		unsigned f;

		if (!name || !*name)
			continue;	/* not judged */
		/* an item whose name is taken does nothing (IF NOT EXISTS)
		 * or fails, and so does one whose name DuckDB refuses or
		 * finds: FP318's, and its file is not attached */
		f = fe_database_name(name, ctx->duckdb_version);
		if ((main_db && !md && !strcasecmp(name, main_db)) ||
		    alias_seen(&names, name, i) != SIZE_MAX ||
		    (f & (ine ? FE_DB_RESERVED_IF_NOT_EXISTS | FE_DB_EXISTS |
				FE_DB_INVALIDATES_IF_NOT_EXISTS
			      : FE_DB_RESERVED | FE_DB_INVALIDATES)) ||
		    !(key = item_file(ctx, item, &path)))
			continue;
		e = file_slot(&set, key);
		if (!e->key)
			*e = (struct file_seen){ key, name, path, false };
		else if (strcasecmp(e->name, name))	/* same name: FP318 */
			report_file_twice(ctx, floe_map_get(item, "path"), path,
					  name, e);
	}
	free(set.slots);
	free(names.slots);
}

/* ---- FP319: database vs path and the attach aliases ---- */

/*
 * A path with no file name (/tmp/, data/, #frag): path_derived_database_name()
 * gives '' and __pre_deserialize__ raises, whatever `database` and
 * `remote` say (every release 1.9.0 to 1.11.0; fe_dbt_path_database()).
 */
/* Does dbt-duckdb name a database after path s? */
static bool names_db(struct lint_ctx *ctx, const char *s)
{
	size_t len;

	fe_dbt_path_database(s, ctx->dbt_duckdb_version, &len);
	return len != 0;
}

static bool path_names_nothing(struct lint_ctx *ctx,
			       const struct lint_output *out)
{
	const struct floe_node *path = out->model->path.node;
	const char *s;

	if (!path || !floe_node_is_str(path) || !(s = lint_render(ctx, path)) ||
	    lint_text_fact(ctx, path, s, LINT_VF_PATH_NAMES_DB, names_db))
		return false;
	lint_report(ctx, path, "path has no file name, so dbt-duckdb cannot "
		    "name the database and refuses the profile. It says "
		    "\"Unable to determine target database name from 'path' "
		    "field in profile\", with or without database:; end path "
		    "with a file name, e.g. dev.duckdb");
	return true;
}

/*
 * An attach item whose duckdb path ends in '/' (lake.duckdb/) names no
 * file where DuckDB cannot open it (fe_path_slash(): 1.4.x, "Cannot open
 * file ...: Is a directory"), whether the item has an alias or not; the
 * path's subject, like path_names_nothing()'s, so FP319's.  The release
 * reads the name first (under ATTACH IF NOT EXISTS, without an alias,
 * the path without the slashes): an item whose name is taken does
 * nothing instead, and a reserved name is refused (FP318's:
 * slash_name_first()).  1.5.x drops the slashes and attaches the file:
 * nothing to say here, and FP318 judges the name it gets.
 */
static void attach_path_slash(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);
	bool md = false, ine = fe_dbt_renders(FE_DBT_ATTACH_IF_NOT_EXISTS,
					      ctx->dbt_duckdb_version);
	const char *main_db = NULL, *main_path;
	bool have_main = false;
	char v[FE_VERSION_BUF];

	bool fails = fe_path_slash(ctx->duckdb_version) == FE_SLASH_FAILS;

	for (size_t i = 0; attach && !ctx->err && i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const char *path = item_path(ctx, item);
		struct strbuf p = STRBUF_INIT;
		bool folder;
		size_t n;

		if (!path || !(n = strlen(path)) || strchr(path, ':') ||
		    !item_is_duckdb(ctx, item))
			continue;
		/* a folder fails on every release, named or not */
		folder = fe_path_names_folder(path);
		if (!folder && (!fails || path[n - 1] != '/'))
			continue;
		if (!folder && ine && !have_main) {
			main_db = main_catalog(ctx, out, &md, &main_path);
			have_main = true;
		}
		if (!folder &&
		    slash_name_first(ctx, attach, i, main_db, md, ine))
			continue;
		/* a path's ?query may hold a credential */
		if (floe_secret_mask_conn(&p, path, n, FLOE_SECRET_MASK)) {
			strbuf_release(&p);
			ctx->err = FLOE_ERR_NOMEM;
			return;
		}
		if (folder)
			lint_report(ctx, floe_map_get(item, "path"), "attach "
				    "path '%s' names a folder, not a file. "
				    "DuckDB %s cannot open it as a database "
				    "and the ATTACH fails (\"IO Error: Could "
				    "not read from file ...: Is a directory\"), "
				    "and with it every dbt connection; name "
				    "the database file, e.g. "
				    "'data/lake.duckdb'.", p.buf,
				    fe_version_str(ctx->duckdb_version, v));
		else
			lint_report(ctx, floe_map_get(item, "path"), "attach "
				    "path '%s' ends in '/', so it names no "
				    "file. DuckDB %s cannot open it as a "
				    "database and the ATTACH fails (\"IO "
				    "Error: Cannot open file ...\": Is a "
				    "directory, or Not a directory when the "
				    "file exists), and with it every dbt "
				    "connection; drop the trailing '/'.",
				    p.buf,
				    fe_version_str(ctx->duckdb_version, v));
		strbuf_release(&p);
	}
}

void check_database_mismatch(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	const struct floe_node *db = out->model->database.node;
	const struct floe_node *attach = attach_list(out);
	const char *want, *s;
	bool md;

	if (path_names_nothing(ctx, out))
		return;
	attach_path_slash(ctx, out);
	if (!db || !floe_node_is_str(db) || floe_map_get(out->map, "remote") ||
	    !(s = lint_render(ctx, db)))
		return;
	want = path_database(ctx, out, &md);
	if (!want || !*want || !strcmp(s, want))
		return;
	/* dbt-duckdb >= 1.9.4 (894299d) also takes an attach alias */
	if (ctx->dbt_duckdb_version < FE_V(1, 9, 4))
		attach = NULL;
	for (size_t i = 0; attach && i < attach->nr; i++) {
		const struct floe_node *a =
			floe_map_get(attach->items[i], "alias");
		const char *t;

		if (!a || (a->kind == FLOE_NODE_SCALAR &&
			   a->type == FLOE_TYPE_NULL))
			continue;
		t = floe_node_is_str(a) ? lint_render(ctx, a) : NULL;
		if (!t || !strcmp(t, s))
			return;	/* an alias, or one known at run time */
	}
	lint_report(ctx, db, "database '%s' is neither the database of path "
		    "('%s') nor an attach alias. dbt-duckdb refuses the "
		    "profile: \"Inconsistency detected between 'path' and "
		    "'database' fields in profile\"; set database: %s, or to "
		    "an attach alias.", s, want, want);
}

/* ---- FP320: vended credentials and no region ---- */

/*
 * The region the environment gives the extension (RetrieveRegion:
 * AWS_REGION, then AWS_DEFAULT_REGION; the first one set wins, even
 * empty): 1 a region, 0 a variable set but empty (*var names it; the
 * s3_region setting is then not read), 2 neither set, -1 unknown: without
 * --env the environment of the run is not the linter's to guess.
 */
static int env_region(const struct lint_ctx *ctx, const char **var)
{
	static const char *const vars[] = { "AWS_REGION",
					    "AWS_DEFAULT_REGION" };

	if (!ctx->jopt.use_env)
		return -1;
	for (size_t i = 0; i < 2; i++) {
		const char *v = ctx->jopt.getenv_fn
				? ctx->jopt.getenv_fn(vars[i]) : getenv(vars[i]);

		if (v) {
			*var = vars[i];
			return *v ? 1 : 0;
		}
	}
	return 2;
}

/*
 * True when the output sets s3_region (settings or config_options) to
 * anything but an empty string: the extension's last fall-back.  A SET
 * from settings may be session-scoped where the extension reads the
 * global value; lint does not claim that difference.
 */
static bool s3_region_set(struct lint_ctx *ctx, const struct lint_output *out)
{
	static const char *const sections[] = { "settings", "config_options" };

	for (size_t i = 0; i < 2; i++) {
		const struct floe_node *m = floe_map_get(out->map, sections[i]);
		const struct floe_pair *p = is_map(m)
			? lint_get_ci(m, "s3_region") : NULL;
		const char *s;

		if (!p)
			continue;
		s = floe_node_is_str(p->value) ? lint_render(ctx, p->value)
					       : NULL;
		if (!s || *s)
			return true;	/* a region, or one of run time */
	}
	return false;
}

/* True when a string option is given a non-empty value (or one known
 * only at run time). */
static bool option_given(struct lint_ctx *ctx, const struct floe_node *o,
			 const char *name)
{
	const struct floe_pair *p = lint_get_ci(o, name);
	const char *s;

	if (!p || option_dropped(p))
		return false;
	s = option_text(ctx, p->value);
	return !s || *s;
}

void check_vended_region(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);
	const char *var = NULL;
	char v[FE_VERSION_BUF], fix[160];
	int env;

	if (!attach || !fe_iceberg_behavior("vended_region_required",
					    ctx->duckdb_version))
		return;
	env = env_region(ctx, &var);
	if (env < 0 || env == 1 || (env == 2 && s3_region_set(ctx, out)))
		return;
	fe_version_str(ctx->duckdb_version, v);
	for (size_t i = 0; i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const struct floe_node *o = options_of(item);
		const struct floe_pair *adm;
		const struct floe_node *at;
		const char *what = NULL, *s;
		unsigned auth;

		if (!o || !lint_attach_is_iceberg(item))
			continue;
		/* SigV4 takes the region of the catalog's S3 secret */
		auth = attach_auth(ctx, o, &what);
		if (auth != FE_AUTH_OAUTH2 && auth != FE_AUTH_NONE)
			continue;
		adm = lint_get_ci(o, "access_delegation_mode");
		if (adm && !option_dropped(adm)) {
			s = option_text(ctx, adm->value);
			if (!s || strcasecmp(s, "vended_credentials"))
				continue;	/* none, or FP306's */
		}
		if (auth == FE_AUTH_OAUTH2 &&
		    option_given(ctx, o, "default_region"))
			continue;
		if (auth == FE_AUTH_OAUTH2)
			snprintf(fix, sizeof(fix), "add default_region: "
				 "<region> to the options");
		else if (env == 0)
			snprintf(fix, sizeof(fix), "give %s a region "
				 "(authorization_type none takes no "
				 "default_region)", var);
		else
			snprintf(fix, sizeof(fix), "set s3_region in "
				 "config_options (authorization_type none takes "
				 "no default_region)");
		at = adm && !option_dropped(adm) ? adm->value
			: floe_map_pair(item, "options")->key;
		lint_report(ctx, at, "vended credentials but no region: DuckDB "
			    "%s fails on tables whose catalog vends none. The "
			    "iceberg extension looks for default_region, "
			    "AWS_REGION, AWS_DEFAULT_REGION and s3_region, and "
			    "%s, so it fails with \"No region was provided via "
			    "the vended credentials\"; %s.", v, env == 0
			    ? (!strcmp(var, "AWS_REGION")
			       ? "AWS_REGION is set but empty, which ends the "
				 "search"
			       : "AWS_DEFAULT_REGION is set but empty, which "
				 "ends the search")
			    : "neither the environment nor the profile gives "
			      "one", fix);
	}
}

/* ---- FP321: threads > 1 writing into an iceberg catalog ---- */

/* True when the attach item is read-only: the field, or the option. */
static bool attach_read_only(struct lint_ctx *ctx,
			     const struct floe_node *item)
{
	const struct floe_node *f = floe_map_get(item, "read_only");
	const struct floe_node *o = options_of(item);
	const struct floe_pair *p = o ? lint_get_ci(o, "read_only") : NULL;
	const char *s;

	if (f && !(f->kind == FLOE_NODE_SCALAR && f->type == FLOE_TYPE_BOOL
		   && !floe_node_true(f)) && !is_null(f))
		return true;	/* true, or a value lint cannot read */
	if (!p || option_dropped(p))
		return false;
	if (p->value->kind == FLOE_NODE_SCALAR &&
	    p->value->type == FLOE_TYPE_BOOL)
		return true;	/* a YAML true: a bare READ_ONLY */
	s = option_text(ctx, p->value);
	return !s || fe_duckdb_bool(s) != 0;
}

void check_threads_iceberg_write(struct lint_ctx *ctx,
				 const struct lint_output *out)
{
	const struct floe_node *attach = attach_list(out);
	const struct floe_node *threads = floe_map_get(out->map, "threads");
	const struct floe_node *db = out->model->database.node;
	const char *dbs;
	long long n;

	if (!attach || !threads || threads->kind != FLOE_NODE_SCALAR ||
	    threads->type != FLOE_TYPE_INT || floe_node_int(threads, &n) ||
	    n <= 1 || !db || !floe_node_is_str(db) ||
	    !(dbs = lint_render(ctx, db)))
		return;
	for (size_t i = 0; i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];
		const struct floe_node *alias = floe_map_get(item, "alias");
		const char *s = alias && floe_node_is_str(alias)
				? lint_render(ctx, alias) : NULL;

		if (!s || strcasecmp(s, dbs) || !lint_attach_is_iceberg(item) ||
		    attach_read_only(ctx, item))
			continue;
		lint_report(ctx, threads, "threads: %lld builds models into "
			    "iceberg catalog '%s' at once; their commits "
			    "conflict. database '%s' makes every model write "
			    "there, and concurrent CREATE SCHEMA and table "
			    "commits fail with \"Catalog write-write conflict "
			    "on create\" or a 409 commit conflict "
			    "(duckdb/dbt-duckdb#691, duckdb-iceberg#1162; no "
			    "DuckDB release retries a 409); set threads: 1, or "
			    "build the catalog's models in a run of their own "
			    "with --threads 1.", n, s, dbs);
		return;
	}
}

/* ---- FP322: extra_http_headers in the ATTACH options ---- */

/*
 * The iceberg extension reads an ATTACH option of kind FE_OPT_MAP
 * (extra_http_headers, from 1.5.0: iceberg_attach.def) only when its
 * value is a MAP, and returns without a word for anything else
 * (IcebergAuthorization::ParseExtraHttpHeaders, the same at every pin
 * from 23c7cc5 (1.5.0) to 6561bfc (1.5.6) and main 68623ff).  dbt-duckdb's
 * Attachment.to_sql() writes a string quoted (a VARCHAR, even 'MAP {...}'
 * or a value already in quotes), a mapping with str() (a STRUCT literal),
 * a list as a LIST, a number or True bare: never a MAP.  So the headers
 * are never sent.  Only CREATE SECRET casts the parameter to its MAP type:
 * a `secrets:` entry of type iceberg, which OAuth2 reads through the
 * attach item's secret (oauth2.cpp); none and SigV4 read the headers
 * only from the ATTACH options (none.cpp, sigv4.cpp).
 * The value may hold a secret: it is never printed.
 */
static void map_option(struct lint_ctx *ctx, const struct floe_node *item,
		       const struct floe_pair *p)
{
	const struct fe_iceberg_option *o = lint_option_row(ctx, p->key);
	const struct floe_node *opts;
	const char *what = NULL;
	unsigned auth;
	bool named;

	/* a release without the option refuses its name: FP305's */
	if (!o || o->kind != FE_OPT_MAP || option_dropped(p))
		return;
	opts = options_of(item);
	auth = opts ? attach_auth(ctx, opts, &what) : 0;
	if (auth == FE_AUTH_NONE || auth == FE_AUTH_SIGV4) {
		lint_report(ctx, p->key, "'%s' in the attach options is never "
			    "sent. The iceberg extension reads the headers only "
			    "from a MAP value and ignores anything else without "
			    "an error, and dbt-duckdb cannot write a MAP here (a "
			    "string is quoted, a mapping becomes a STRUCT); "
			    "under %s the headers are read only from the ATTACH "
			    "options, so a profile cannot send them: use "
			    "authorization_type oauth2 with an iceberg entry of "
			    "secrets: that holds them.", p->key->value, what);
		return;
	}
	named = floe_map_get(item, "secret") ||
		(opts && lint_get_ci(opts, "secret"));
	lint_report(ctx, p->key, "'%s' in the attach options is never sent. "
		    "The iceberg extension reads the headers only from a MAP "
		    "value and ignores anything else without an error, and "
		    "dbt-duckdb cannot write a MAP here (a string is quoted, a "
		    "mapping becomes a STRUCT); %s", p->key->value, named
		    ? "move the headers, as a mapping, into the iceberg entry "
		      "of secrets: that the attach item's secret names."
		    : "put the headers, as a mapping, in an iceberg entry of "
		      "secrets: together with the client credentials, and name "
		      "that secret in the attach item's secret instead of the "
		      "inline credentials.");
}

void check_attach_map_option(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	each_iceberg_option(ctx, out, OPT_MAP, map_option);
}
