/*
 * Rules about YAML and dbt's Jinja (FP004-FP007, FP009 and FP240).
 * FP001-FP003 come from the YAML front end and FP008 from the
 * suppression pass in lint.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "strbuf.h"
#include "rules.h"

void check_env_var_syntax(struct lint_ctx *ctx, const struct lint_template *t)
{
	if (t->read->malformed)
		lint_report(ctx, t->node, "dbt cannot render this value: %s",
			    t->read->problem);
}

/*
 * A number or boolean rendered from env_var() without a filter.  `item`
 * (an attach item) makes the finding one about that field of the item,
 * so that FP312's finding on the same field, which says the same and
 * more, is the one reported (lint_implied[]).
 */
static void unfiltered(struct lint_ctx *ctx, const struct floe_node *item,
		       const struct floe_node *n, const char *what,
		       const char *filter)
{
	struct lint_jinja j;

	if (!floe_node_is_str(n))
		return;
	lint_jinja_scan(ctx, n, &j);
	if (!j.nr_env || j.has_filter || j.malformed)
		return;
	if (item)
		lint_report_on(ctx, item, what, n, "%s comes from env_var() "
			       "as a string. Add '| %s' so dbt passes a %s",
			       what, filter, !strcmp(filter, "as_bool")
			       ? "boolean" : "number");
	else
		lint_report(ctx, n, "%s comes from env_var() as a string. "
			    "Add '| %s' so dbt passes a %s", what, filter,
			    !strcmp(filter, "as_bool") ? "boolean" : "number");
}

static const char *filter_for(enum fe_yaml_type t)
{
	return t == FE_T_BOOL ? "as_bool" : t == FE_T_INT ? "as_number"
							  : NULL;
}

/*
 * Whether a value of `map` is a template: unfiltered() says nothing of
 * the others (no {{ is no env_var() call), so a mapping without one is
 * not looked up key by key.
 */
static bool has_templated_value(const struct floe_node *map)
{
	for (size_t i = 0; map && map->kind == FLOE_NODE_MAP &&
			   i < map->nr; i++)
		if (jinja_has_template(map->pairs[i].value))
			return true;
	return false;
}

/*
 * The number and boolean keys are the engine's (dbt-duckdb's schema), and
 * so are the number fields of the dataclasses under remote and retries
 * (dbt validates the credentials against their schema before dbt-duckdb
 * runs, so a str fails there).
 */
void check_env_var_unfiltered_number(struct lint_ctx *ctx,
				     const struct lint_output *out)
{
	const struct floe_node *attach = out->model->attach;
	bool templated = has_templated_value(out->map);
	const char *parent = NULL;
	const struct floe_node *parent_map = NULL;

	for (size_t i = 0; templated && fe_dbt_output_key_at(i); i++) {
		const struct fe_dbt_key *k = fe_dbt_output_key_at(i);

		if (filter_for(k->type))
			unfiltered(ctx, NULL, floe_map_get(out->map, k->name),
				   k->name, filter_for(k->type));
	}
	for (size_t i = 0; fe_dbt_nested_field_at(i); i++) {
		const struct fe_dbt_nested *f = fe_dbt_nested_field_at(i);
		char what[sizeof(f->parent) + sizeof(f->field.name)];
		const struct floe_node *v;

		/* most outputs have no remote or retries: ask that first,
		 * once for the rows of one parent */
		if (!parent || strcmp(parent, f->parent)) {
			parent = f->parent;
			parent_map = floe_map_get(out->map, parent);
		}
		if (!parent_map || !filter_for(f->field.type) ||
		    !(v = floe_map_get(parent_map, f->field.name)) ||
		    !fe_dbt_nested_field(f->parent, f->field.name,
					 ctx->dbt_duckdb_version))
			continue;
		snprintf(what, sizeof(what), "%s.%s", f->parent,
			 f->field.name);
		unfiltered(ctx, NULL, v, what, filter_for(f->field.type));
	}
	for (size_t i = 0; attach && attach->kind == FLOE_NODE_SEQ &&
			   i < attach->nr; i++) {
		if (!has_templated_value(attach->items[i]))
			continue;
		for (size_t k = 0; fe_dbt_attach_field_at(k); k++) {
			const struct fe_dbt_key *f = fe_dbt_attach_field_at(k);

			if (filter_for(f->type))
				unfiltered(ctx, attach->items[i],
					   floe_map_get(attach->items[i],
							f->name),
					   f->name, filter_for(f->type));
		}
	}
}

/* ---- FP009 ---- */

/*
 * dbt-core validates the rendered output against the JSON schema of the
 * adapter's credentials before dbt-duckdb sees it (Profile.
 * _credentials_from_profile: cls.validate(data), dbt_common's
 * dbtClassMixin.validate with jsonschema's Draft7Validator).  A field
 * typed Optional[List[...]], Optional[Dict[...]] or Optional[str] is
 * {"anyOf": [{"type": ...}, {"type": "null"}]} there, so another YAML
 * type fails with "... is not valid under any of the given schemas"; a
 * plain str (path, schema) is {"type": "string"} ("123 is not of type
 * 'string'").  True when `v` may pass or is not judged: null (the caller
 * judges it where the table says whether the field is Optional), the
 * type itself, or a string dbt renders with Jinja (native rendering may
 * give a list, a mapping or a number; an env_var() number without a
 * filter is FP006's).
 */
/* Python's float.is_integer(): finite, no fraction (2^52 and up has
 * none); without libm, which nothing else links */
static bool is_whole(double d)
{
	if (!isfinite(d))
		return false;
	if ((d < 0 ? -d : d) >= 4503599627370496.0)
		return true;
	return d == (double)(long long)d;
}

static bool schema_type_ok(struct lint_ctx *ctx, const struct floe_node *v,
			   enum fe_yaml_type want)
{
	struct lint_jinja j;
	double d;

	if (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL)
		return true;
	switch (want) {
	case FE_T_LIST:
		if (v->kind == FLOE_NODE_SEQ)
			return true;
		break;
	case FE_T_MAP:
		if (v->kind == FLOE_NODE_MAP)
			return true;
		break;
	case FE_T_STR:
		return floe_node_is_str(v);
	case FE_T_BOOL:
		/* {"type": "boolean"}: "true" or 1 is not one (a template
		 * is FP006's: dbt renders it first) */
		if (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
			return true;
		break;
	case FE_T_INT:
		/* {"type": "integer"}, Draft 7's: a bool is not one, a float
		 * whose value is whole is (jsonschema/_types.py,
		 * _draft6_is_integer: 4.0 passes, 4.5 and .inf do not) */
		if (v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_INT)
			return true;
		if (v->kind == FLOE_NODE_SCALAR &&
		    v->type == FLOE_TYPE_FLOAT)
			return floe_node_float(v, &d) || is_whole(d);
		break;
	}
	if (!floe_node_is_str(v))
		return false;
	lint_jinja_scan(ctx, v, &j);
	return j.has_jinja;
}

static bool is_null(const struct floe_node *v)
{
	return v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_NULL;
}

/* Null where the row says it is not Optional, or another type. */
static bool schema_refuses(struct lint_ctx *ctx, const struct floe_node *v,
			   const struct fe_dbt_key *row)
{
	if (is_null(v))
		return !(row->flags & FE_FIELD_NULLABLE);
	return !schema_type_ok(ctx, v, row->type);
}

static const char *schema_type_name(enum fe_yaml_type t)
{
	return t == FE_T_LIST ? "a list" : t == FE_T_MAP ? "a mapping"
	       : t == FE_T_BOOL ? "a boolean" : t == FE_T_INT ? "an integer"
	       : "a string";
}

static const char *schema_type_fix(enum fe_yaml_type t)
{
	return t == FE_T_LIST ? "write it as a list of '- ' items"
	       : t == FE_T_MAP ? "write it as a mapping of key: value"
	       : t == FE_T_BOOL ? "write true or false, unquoted"
	       : t == FE_T_INT ? "write a whole number, unquoted"
			       : "write it as a string";
}

static void schema_report(struct lint_ctx *ctx, const struct lint_output *out,
			  const struct floe_node *v, const char *name,
			  enum fe_yaml_type t)
{
	lint_report(ctx, v, "'%s' is %s, not %s. dbt checks the output "
		    "against dbt-duckdb's credentials schema and refuses it "
		    "(Credentials in profile \"%s\", target \"%s\" invalid); "
		    "%s", name, floe_node_describe(v), schema_type_name(t),
		    out->profile, out->name, schema_type_fix(t));
}

/*
 * The dataclasses an output key holds (remote: Remote, retries: Retries)
 * are strict: dbt-common's dbtMashConfig gives their schema
 * "additionalProperties": False (dataclass_schema.py), and mashumaro
 * makes a field without a default required.  So a key the dataclass does
 * not have, in any case, and a required field left out are refused as a
 * wrong type is.
 */
static void check_nested_keys(struct lint_ctx *ctx,
			      const struct lint_output *out,
			      const char *parent, const struct floe_node *key,
			      const struct floe_node *map)
{
	const char *names[16];
	size_t nr = 0;

	for (size_t i = 0; nr + 1 < sizeof(names) / sizeof(names[0]); i++) {
		const struct fe_dbt_nested *row = fe_dbt_nested_field_at(i);

		if (!row)
			break;
		if (!strcmp(row->parent, parent) &&
		    fe_dbt_nested_field(parent, row->field.name,
					ctx->dbt_duckdb_version))
			names[nr++] = row->field.name;
	}
	names[nr] = NULL;
	if (!nr)
		return;		/* no dataclass (settings: a dict) */
	for (size_t i = 0; i < map->nr; i++) {
		const struct floe_node *k = map->pairs[i].key;
		const char *hint;

		if (floe_node_is_str(k) &&
		    fe_dbt_nested_field(parent, k->value,
					ctx->dbt_duckdb_version))
			continue;
		hint = floe_node_is_str(k) ? lint_did_you_mean(k->value, names)
					   : NULL;
		lint_report(ctx, k, "'%s' has no field '%s'. dbt checks the "
			    "output against dbt-duckdb's credentials schema "
			    "and refuses it (Credentials in profile \"%s\", "
			    "target \"%s\" invalid: Additional properties are "
			    "not allowed); %s%s%s", parent, k->value,
			    out->profile, out->name,
			    hint ? "did you mean '" :
			    "remove it, or correct its name",
			    hint ? hint : "", hint ? "'?" : "");
	}
	for (size_t i = 0; i < nr; i++) {
		const struct fe_dbt_key *f =
			fe_dbt_nested_field(parent, names[i],
					    ctx->dbt_duckdb_version);

		if ((f->flags & FE_FIELD_REQUIRED) &&
		    !floe_map_get(map, names[i]))
			lint_report(ctx, key, "'%s' has no '%s'. dbt checks "
				    "the output against dbt-duckdb's "
				    "credentials schema and refuses it "
				    "(Credentials in profile \"%s\", target "
				    "\"%s\" invalid: '%s' is a required "
				    "property); add %s: to %s", parent,
				    names[i], out->profile, out->name,
				    names[i], names[i], parent);
	}
}

/* The fields of the dataclass an output key holds, each held to its
 * row, then its keys (check_nested_keys()). */
static void check_nested_types(struct lint_ctx *ctx,
			       const struct lint_output *out,
			       const char *parent, const struct floe_node *key,
			       const struct floe_node *map)
{
	if (map->kind == FLOE_NODE_MAP)
		check_nested_keys(ctx, out, parent, key, map);
	for (size_t i = 0; map->kind == FLOE_NODE_MAP && i < map->nr; i++) {
		const struct floe_pair *p = &map->pairs[i];
		const struct fe_dbt_key *f;
		char name[64];

		f = floe_node_is_str(p->key)
		    ? fe_dbt_nested_field(parent, p->key->value,
					  ctx->dbt_duckdb_version) : NULL;
		if (!f)
			continue;
		snprintf(name, sizeof(name), "%s.%s", parent, f->name);
		if (schema_refuses(ctx, p->value, f)) {
			schema_report(ctx, out, p->value, name, f->type);
			continue;
		}
		/* List[str]: {"items": {"type": "string"}} */
		for (size_t k = 0; (f->flags & FE_FIELD_STR_ITEMS) &&
				   p->value->kind == FLOE_NODE_SEQ &&
				   k < p->value->nr; k++) {
			const struct floe_node *item = p->value->items[k];

			if (!is_null(item) && schema_type_ok(ctx, item,
							     FE_T_STR))
				continue;
			lint_report(ctx, item, "An item of '%s' is %s, not a "
				    "string. dbt checks the output against "
				    "dbt-duckdb's credentials schema and "
				    "refuses it (Credentials in profile "
				    "\"%s\", target \"%s\" invalid); write "
				    "it as a string", name,
				    floe_node_describe(item), out->profile,
				    out->name);
		}
	}
}

void check_schema_type(struct lint_ctx *ctx, const struct lint_output *out)
{
	const struct floe_node *attach;

	if (!out->is_duckdb)
		return;		/* other adapters have other schemas */
	/* the output's keys, each looked up in the release's schema once */
	for (size_t i = 0; out->map && out->map->kind == FLOE_NODE_MAP &&
			   i < out->map->nr; i++) {
		const struct floe_node *key = out->map->pairs[i].key;
		const struct floe_node *v = out->map->pairs[i].value;
		const struct fe_dbt_key *k;
		bool skip;

		/* a scalar's verdict is one of the key's text and its own */
		if (lint_pair_fact(ctx, key, v, LINT_PF_SCHEMA) == 1)
			continue;
		k = lint_output_key_row(ctx, key);
		/* a key of a later release is FP007's; use_credential_
		 * provider FP413's, the numbers and booleans read from
		 * env_var() FP006's */
		skip = !k || !strcmp(k->name, "use_credential_provider");
		/* null only where the key's type is not Optional (path,
		 * database, schema, external_root, the two booleans) */
		if (skip || !schema_refuses(ctx, v, k)) {
			if (!skip && !(k->flags & FE_FIELD_CORE) &&
			    k->type == FE_T_MAP && v->kind == FLOE_NODE_MAP)
				check_nested_types(ctx, out, k->name, key, v);
			else if (!ctx->err)
				lint_pair_fact_set(ctx, key, v, LINT_PF_SCHEMA,
						   true);
			continue;
		}
		if (k->flags & FE_FIELD_CORE)
			/* type and threads: dbt-core pops them before the
			 * credentials; threads goes to its ProfileConfig
			 * schema (threads: int, not Optional), type picks
			 * the adapter (is_duckdb says it is duckdb) */
			lint_report(ctx, v, "'%s' is %s, not %s. dbt-core "
				    "pops it from the output and checks it "
				    "against its own profile schema, which "
				    "refuses it (at path ['%s']: ... is not of "
				    "type '%s'); %s", k->name,
				    floe_node_describe(v),
				    schema_type_name(k->type), k->name,
				    k->type == FE_T_INT ? "integer" : "string",
				    schema_type_fix(k->type));
		else
			schema_report(ctx, out, v, k->name, k->type);
	}
	attach = out->model->attach;
	for (size_t i = 0; attach && attach->kind == FLOE_NODE_SEQ &&
			   i < attach->nr; i++) {
		const struct floe_node *item = attach->items[i];

		/* an item that is not a mapping, and path, are FP310's;
		 * the booleans FP312's */
		for (size_t k = 0; item->kind == FLOE_NODE_MAP &&
				   k < item->nr; k++) {
			const struct floe_pair *p = &item->pairs[k];
			const struct fe_dbt_key *f;

			if (lint_pair_fact(ctx, p->key, p->value,
					   LINT_PF_SCHEMA_ATTACH) == 1)
				continue;
			f = lint_attach_field_row(ctx, p->key);
			if (!f || (f->flags & FE_FIELD_REQUIRED) ||
			    (f->type != FE_T_STR && f->type != FE_T_MAP) ||
			    schema_type_ok(ctx, p->value, f->type)) {
				if (!ctx->err)
					lint_pair_fact_set(
						ctx, p->key, p->value,
						LINT_PF_SCHEMA_ATTACH, true);
				continue;
			}
			lint_report_on(ctx, item, f->name, p->value, "attach "
				       "'%s' is %s, not %s. dbt checks the "
				       "item against dbt-duckdb's attachment "
				       "schema and refuses the output "
				       "(Credentials in profile \"%s\", "
				       "target \"%s\" invalid); %s",
				       f->name, floe_node_describe(p->value),
				       schema_type_name(f->type),
				       out->profile, out->name,
				       !strcmp(f->name, "alias")
				       ? "write a name that is an SQL "
					 "identifier, e.g. db_123"
				       : schema_type_fix(f->type));
		}
	}
}

/* ---- FP240 ---- */

/*
 * dbt's SecretRenderer keeps a value it cannot render as written when a
 * key of its path is 'password' (renderer.py), so nothing is refused
 * there; everywhere else a refused marker filter stops dbt.
 */
void check_native_filter_value(struct lint_ctx *ctx,
			       const struct lint_template *t)
{
	const struct jinja_native *nv = &t->read->native;
	struct strbuf msg = STRBUF_INIT;

	/* a secret's placeholder is FP408's finding */
	if (t->in_password || !nv->filters || nv->placeholder ||
	    !jinja_native_refusal(nv, &msg)) {
		strbuf_release(&msg);
		return;
	}
	if (strbuf_error(&msg))
		ctx->err = FLOE_ERR_NOMEM;
	else
		lint_report(ctx, t->node, "%s", msg.buf);
	strbuf_release(&msg);
}

/*
 * Levenshtein distance, capped: enough for did-you-mean.  Any result of
 * `cap` or more only says "not closer than cap": a row whose every
 * entry has reached it cannot come back down.
 */
static size_t distance(const char *a, size_t la, const char *b, size_t cap)
{
	size_t lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	/* it takes at least the difference of the lengths */
	if ((la > lb ? la - lb : lb - la) >= cap)
		return cap;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t low;

		cur[0] = low = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);

			cur[j] = del < ins ? del : ins;
			if (sub < cur[j])
				cur[j] = sub;
			if (cur[j] < low)
				low = cur[j];
		}
		if (low >= cap)
			return cap;
		memcpy(prev, cur, (lb + 1) * sizeof(*prev));
	}
	return prev[lb];
}

const char *lint_did_you_mean(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = 3;	/* at most two edits */
	size_t len = strlen(word);

	/* every unknown name is held against every known one (the 360
	 * settings): only a candidate that can still win is measured */
	for (size_t i = 0; known[i]; i++) {
		size_t d = distance(word, len, known[i], best_d);

		if (d < best_d) {
			best_d = d;
			best = known[i];
		}
	}
	return best;
}

void check_unknown_output_key(struct lint_ctx *ctx,
			      const struct lint_output *out)
{
	/* dbt-duckdb DuckDBCredentials, plus what dbt-core pops itself */
	const char *const *known = fe_dbt_output_key_names();

	if (!out->is_duckdb)
		return;		/* other adapters have other keys */
	for (size_t i = 0; i < out->map->nr; i++) {
		const struct floe_node *k = out->map->pairs[i].key;
		const char *hint;
		size_t j;

		/* a row of the release is a known name (the rows' names
		 * are the list), asked first: it is kept per key text */
		if (!floe_node_is_str(k) || lint_output_key_row(ctx, k))
			continue;
		for (j = 0; known[j]; j++)	/* the first byte inline */
			if (k->value[0] == known[j][0] &&
			    !strcmp(k->value, known[j]))
				break;
		if (known[j]) {
			/* a key of a later release (dbt_duckdb.def) */
			char v[FE_VERSION_BUF], f[FE_VERSION_BUF];
			unsigned first = fe_dbt_output_key_first(k->value);

			if (first > ctx->dbt_duckdb_version)
				lint_report(ctx, k, "dbt-duckdb %s ignores the "
					    "unknown key '%s'. It arrived in %s; "
					    "upgrade dbt-duckdb to %s or later, "
					    "or remove it",
					    fe_version_str(ctx->dbt_duckdb_version,
							   v), k->value,
					    fe_version_str(first, f), f);
			continue;
		}
		if (!strcmp(k->value, "vars")) {
			lint_report(ctx, k, "'vars' in an output is ignored. "
				    "dbt reads vars only from dbt_project.yml "
				    "and --vars");
			continue;
		}
		hint = lint_did_you_mean(k->value, known);
		if (hint)
			lint_report(ctx, k, "dbt-duckdb ignores the unknown "
				    "key '%s'. Did you mean '%s'?", k->value,
				    hint);
		else
			lint_report(ctx, k, "dbt-duckdb ignores the unknown "
				    "key '%s'", k->value);
	}
}

void check_target_missing_output(struct lint_ctx *ctx,
				 const struct floe_node *key,
				 const struct floe_node *profile)
{
	/* the target as the model chose it, by dbt's rule (profiles.h) */
	const struct floe_profile *p = ctx->profile;
	const struct floe_node *outputs = p->outputs;
	const struct floe_node *target = p->target.node;

	(void)profile;
	if (!outputs && !target)
		return;	/* not a profile: an anchor holder, say; dbt only
			 * reads the profile dbt_project.yml names */
	if (!outputs || outputs->kind != FLOE_NODE_MAP || !outputs->nr) {
		lint_report(ctx, outputs ? outputs : key, "profile '%s' has "
			    "no outputs", key->value);
		return;
	}
	if (!target) {
		if (!floe_profile_output(p, "default"))
			lint_report(ctx, key, "profile '%s' has no 'target' "
				    "and no output named 'default'",
				    key->value);
		return;
	}
	if (p->selected_from == FLOE_TARGET_NOT_STR &&
	    target->kind != FLOE_NODE_SCALAR) {
		lint_report(ctx, target, "profile '%s' has %s as 'target', "
			    "not an output's name. dbt cannot look an output "
			    "up by it and fails; write the name", key->value,
			    floe_node_describe(target));
		return;
	}
	if (p->selected_from == FLOE_TARGET_NOT_STR) {
		/* dbt-core's Profile.render_profile leaves a non-string as
		 * PyYAML typed it and looks it up with `in outputs` */
		lint_report(ctx, target, "profile '%s' has 'target: %s', %s, "
			    "not a string. dbt looks the output up by that "
			    "value: an output named '%s' is not it, and a key "
			    "equal to it leaves a target name dbt's schema "
			    "refuses (\"... is not of type 'string'\"); quote "
			    "the target and the output's name", key->value,
			    target->value, floe_node_describe(target),
			    target->value);
		return;
	}
	if (!p->own_target) {
		if (target->kind == FLOE_NODE_SCALAR &&
		    target->type == FLOE_TYPE_NULL)
			lint_report(ctx, target, "profile '%s' has a null "
				    "'target', so dbt looks for an output named "
				    "None. Delete the key to use 'default'",
				    key->value);
		return;		/* else rendered only at run time */
	}
	if (!floe_profile_output(p, p->own_target))
		lint_report(ctx, target, "profile '%s' has no output named "
			    "'%s'", key->value, p->own_target);
}
