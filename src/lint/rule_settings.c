/*
 * Rules about `settings:` and the secret manager (FP101-FP104).
 *
 * dbt-duckdb applies `settings` with SET on every cursor, after the
 * connection has loaded extensions, created secrets, run plugins and
 * ATTACHed (environments/__init__.py).  What DuckDB then refuses is the
 * engine's table (src/engine/duckdb_settings.def, fe_setting_refusal):
 * the refusal of some settings depends on the value (relaxing a safety
 * setting is refused, tightening it is not).
 */
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules.h"

/* true/false of a setting value; -1 when unknown (Jinja, odd text). */
static int truth(struct lint_ctx *ctx, const struct floe_node *v)
{
	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
		return lint_bool_true(v);
	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_INT)
		return strcmp(v->value, "0") != 0;
	return fe_duckdb_bool(lint_render(ctx, v));
}

/* Why DuckDB refuses `SET` of the pair's setting after start-up, or 0. */
static unsigned refusal(struct lint_ctx *ctx, const struct floe_pair *p)
{
	if (!floe_node_is_str(p->key))
		return 0;
	return fe_setting_refusal(p->key->value, truth(ctx, p->value),
				  FE_DUCKDB_DEFAULT);
}

static const struct floe_node *settings_of(const struct lint_output *out,
					   const char *key)
{
	const struct floe_node *s = floe_map_get(out->map, key);

	return s && s->kind == FLOE_NODE_MAP ? s : NULL;
}

void check_secret_manager_setting(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, "settings");

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;

		if (!(refusal(ctx, &s->pairs[i]) & FE_SET_SECRET_MANAGER))
			continue;
		lint_report(ctx, k, "'%s' under settings breaks every run: "
			    "dbt-duckdb runs SET after the ATTACH has used "
			    "the secret manager, and DuckDB refuses with "
			    "\"Changing Secret Manager settings after the "
			    "secret manager is used is not allowed!\"; delete "
			    "it (or move it to config_options)", k->value);
	}
}

void check_startup_only_setting(struct lint_ctx *ctx,
				const struct lint_output *out)
{
	const struct floe_node *s = settings_of(out, "settings");

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;
		unsigned why = refusal(ctx, &s->pairs[i]);
		const struct fe_setting *row;

		if (!(why & (FE_SET_STARTUP_ONLY | FE_SET_STARTUP_RELAX |
			     FE_SET_INIT_ONLY)))
			continue;
		row = fe_setting_find(k->value, FE_DUCKDB_DEFAULT);
		if (why & FE_SET_INIT_ONLY)
			lint_report(ctx, k, "DuckDB accepts '%s' only when the "
				    "database starts (\"setting '%s' can only "
				    "be set during initialization\"); move it "
				    "to config_options", k->value, row->name);
		else
			lint_report(ctx, k, "DuckDB accepts '%s' only when the "
				    "database starts (\"Cannot change %s "
				    "setting while database is running\"); "
				    "move it to config_options", k->value,
				    row->name);
	}
}

void check_default_secret_storage(struct lint_ctx *ctx,
				  const struct lint_output *out)
{
	const struct floe_pair *p = lint_get_ci(settings_of(out, "settings"),
						"default_secret_storage");

	if (p)
		lint_report(ctx, p->key, "'default_secret_storage' under "
			    "settings fails on DuckDB 0.10 and 1.0 once "
			    "secrets are in use, and affects only later "
			    "secrets on newer versions; set it in "
			    "config_options");
}

void check_redundant_persistent_secrets(struct lint_ctx *ctx,
					const struct lint_output *out)
{
	const struct floe_pair *p = lint_get_ci(
		settings_of(out, "config_options"), "allow_persistent_secrets");

	if (p && truth(ctx, p->value) == 1)
		lint_report(ctx, p->key, "'allow_persistent_secrets: true' "
			    "is DuckDB's default; the line can go");
}
