/*
 * libFuzzer harness: the connection plan (floe-profiles sql).
 *
 * floe_sql_plan() and floe_sql_render() on the input three times: with
 * the defaults; rendering env_var() from a fixed environment with the
 * secrets shown, a missing variable an error and dbt-duckdb 1.9.0; and
 * with missing variables left silent for dbt-duckdb 1.10.
 */
#include <string.h>

#include "floe/sql.h"
#include "fuzz.h"

static void check_plan(const struct floe_sql_plan *plan)
{
	for (size_t i = 0; i < plan->nr; i++) {
		const struct floe_sql_conn *c = &plan->conns[i];

		FUZZ_CHECK(c->profile != NULL && c->target != NULL);
		FUZZ_CHECK(c->nr == 0 || c->stmts != NULL);
		for (size_t k = 0; k < c->nr; k++) {
			const struct floe_sql_stmt *s = &c->stmts[k];
			int python = s->kind == FLOE_SQL_CONFIG ||
				     s->kind == FLOE_SQL_FILESYSTEM ||
				     s->kind == FLOE_SQL_PLUGIN;

			FUZZ_CHECK(s->shown != NULL && s->label != NULL);
			FUZZ_CHECK(s->origin != NULL);
			FUZZ_CHECK(python ? s->sql == NULL : s->sql != NULL);
			if (plan->show_secrets && s->sql)
				FUZZ_CHECK(!strcmp(s->sql, s->shown));
		}
		for (size_t k = 0; k < c->nr_secrets; k++)
			FUZZ_CHECK(c->secrets[k] != NULL);
		for (size_t k = 0; k < c->nr_missing_env; k++)
			FUZZ_CHECK(c->missing_env[k] != NULL);
	}
}

static void plan_once(const uint8_t *data, size_t size,
		      const struct floe_sql_options *opt)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_sql_plan *plan = NULL;
	enum floe_err err;

	err = floe_sql_plan("fuzz/profiles.yml", (const char *)data, size,
			    opt, &plan, &d);
	if (err == FLOE_OK) {
		char *out = NULL;
		size_t len = 0;

		FUZZ_CHECK(plan != NULL);
		check_plan(plan);
		FUZZ_CHECK(floe_sql_render(plan, &out, &len) == FLOE_OK);
		floe_fuzz_check_buf(out, len);
		free(out);
		floe_sql_plan_free(plan);
	} else {
		FUZZ_CHECK(err == FLOE_ERR_INPUT || err == FLOE_ERR_USAGE);
		FUZZ_CHECK(d.nr_errors > 0);
	}
	for (size_t i = 0; i < d.nr; i++)
		FUZZ_CHECK(d.items[i].message != NULL);
	floe_diags_release(&d);
}

void floe_fuzz_sql(const uint8_t *data, size_t size)
{
	struct floe_sql_options opt;

	memset(&opt, 0, sizeof(opt));
	plan_once(data, size, &opt);

	opt.use_env = true;
	opt.getenv_fn = floe_fuzz_getenv;
	opt.show_secrets = true;
	opt.missing_env = 1;
	FUZZ_CHECK(floe_dbt_version_parse("1.9.0", &opt.dbt_version) == 0);
	plan_once(data, size, &opt);

	memset(&opt, 0, sizeof(opt));
	opt.missing_env = -1;
	FUZZ_CHECK(floe_dbt_version_parse("1.10", &opt.dbt_version) == 0);
	plan_once(data, size, &opt);
}

#ifndef FLOE_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	floe_fuzz_sql(data, size);
	return 0;
}
#endif
