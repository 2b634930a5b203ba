/*
 * Rules about `settings:` and the secret manager (FP101-FP104).
 *
 * dbt-duckdb applies `settings` with SET on every cursor, after the
 * connection has loaded extensions, created secrets, run plugins and
 * ATTACHed (environments/__init__.py).  What DuckDB 1.4.3 then refuses
 * was observed on the engine (docs/rules.md, "Sources"); the refusal of
 * some settings depends on the value: relaxing a safety setting is
 * refused, tightening it is not.
 */
#include <string.h>
#include <strings.h>

#include "rules.h"

/* true/false of a setting value; -1 when unknown (Jinja, odd text). */
static int truth(struct lint_ctx *ctx, const struct floe_node *v)
{
	static const char *const yes[] = { "true", "t", "1", "yes", "y", "on",
					   NULL };
	static const char *const no[] = { "false", "f", "0", "no", "n",
					  "off", NULL };
	const char *s;

	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
		return lint_bool_true(v);
	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_INT)
		return strcmp(v->value, "0") != 0;
	s = lint_render(ctx, v);
	if (!s)
		return -1;
	for (size_t i = 0; yes[i]; i++)
		if (!strcasecmp(s, yes[i]))
			return 1;
	for (size_t i = 0; no[i]; i++)
		if (!strcasecmp(s, no[i]))
			return 0;
	return -1;
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

		if (!floe_node_is_str(k) ||
		    (strcasecmp(k->value, "allow_persistent_secrets") &&
		     strcasecmp(k->value, "secret_directory")))
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
	/* refused: -1 for any value, 1 only when relaxed (set to true) */
	static const struct {
		const char *name;
		int refused_when;
	} startup[] = {
		{ "access_mode", -1 },
		{ "custom_user_agent", -1 },
		{ "duckdb_api", -1 },
		{ "allow_unsigned_extensions", 1 },
		{ "allow_unredacted_secrets", 1 },
		{ "enable_external_access", 1 },
		{ "disable_database_invalidation", 1 },
	};
	const struct floe_node *s = settings_of(out, "settings");

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct floe_node *k = s->pairs[i].key;

		if (!floe_node_is_str(k))
			continue;
		for (size_t j = 0; j < sizeof(startup) / sizeof(startup[0]);
		     j++) {
			int t;

			if (strcasecmp(k->value, startup[j].name))
				continue;
			t = truth(ctx, s->pairs[i].value);
			if (startup[j].refused_when == 1 && t != 1)
				continue;	/* tightening is accepted */
			lint_report(ctx, k, "DuckDB accepts '%s' only when "
				    "the database starts (\"Cannot change %s "
				    "setting while database is running\"); "
				    "move it to config_options", k->value,
				    startup[j].name);
		}
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
