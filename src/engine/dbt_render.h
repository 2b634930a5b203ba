/*
 * dbt-duckdb's rendering per release (internal): the rows of
 * dbt_render.def, asked by sql (and anything else that needs to know
 * what a given dbt-duckdb release does with a profile).
 */
#ifndef FLOE_ENGINE_DBT_RENDER_H
#define FLOE_ENGINE_DBT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"

enum fe_dbt_render {
#define DBT_RENDER(id, first, last, source) FE_DBT_##id,
#include "engine/dbt_render.def"
#undef DBT_RENDER
	FE_DBT_RENDER_NR
};

/* (strings held in the row, not pointed at: src/pool.h) */
struct fe_dbt_render_row {
	char id[32];		/* "ESCAPE_QUOTES" */
	unsigned first, last;
	char source[80];	/* the commit and the tag that has it */
};

/* Does dbt-duckdb `version` (FE_V form) behave as row `id` says? */
bool fe_dbt_renders(enum fe_dbt_render id, unsigned version);

/* Row `id`, for messages and tests. */
const struct fe_dbt_render_row *fe_dbt_render_row(enum fe_dbt_render id);

/*
 * The database dbt-duckdb names after `path` (credentials.py
 * path_derived_database_name(); __pre_deserialize__ in 1.9.0-1.9.4):
 * "memory" for no path or ":memory:", else the file name of
 * urlparse(path).path without its extension, "my_db" for a MotherDuck
 * path without one.  Returns the name (static, or a slice of path) and
 * its length in *len; *len is 0 when dbt cannot tell ("Unable to
 * determine target database name from 'path' field in profile"): a path
 * with no file name (/tmp/, data/, #frag).  __pre_deserialize__ raises
 * that on every release 1.9.0 to HEAD 25573c2, whatever `database` and
 * `remote` say (read at each tag), so it is no DBT_RENDER row.
 */
const char *fe_dbt_path_database(const char *path, unsigned version,
				 size_t *len);

/* True when `path`'s URL scheme is md: or motherduck: (its database is
 * MotherDuck's, not a local file's). */
bool fe_dbt_path_is_motherduck(const char *path);

#endif
