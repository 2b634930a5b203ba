/*
 * floe-profiles: the typed model of a dbt profiles.yml.
 *
 * floe_profiles_load() parses one profiles.yml once and binds it to a
 * model: its profiles, each profile's outputs, the output dbt selects,
 * and for each output the connection parts dbt-duckdb reads (type, path,
 * database, extensions, settings, config_options, secrets, attach items,
 * plugins, filesystems).  Every value keeps its YAML node, for positions,
 * and its Jinja reading (src/jinja.c): the text dbt renders when it is
 * known without running dbt.  lint, the dbt project check, sql, verify and
 * the command line all consume the model; none parses the file again.
 *
 * The model binds, it does not judge: a profile that is not a mapping, an
 * output without `type`, a section of the wrong kind are kept as written
 * (the `is_map` flags, the raw nodes) for lint and sql to report in their
 * own words.
 */
#ifndef FLOE_PROFILES_H
#define FLOE_PROFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "floe/diag.h"
#include "floe/error.h"
#include "floe/yaml.h"

struct floe_profiles_options {
	/* --target: the output every profile uses; NULL = each profile's */
	const char *target;
	bool use_env;		/* env_var() from the environment */
	const char *(*getenv_fn)(const char *name);	/* NULL: getenv */
	struct floe_yaml_limits limits;		/* zero: defaults */
};

/* A value as written, and as dbt reads it. */
struct floe_prof_value {
	const struct floe_node *node;	/* NULL when absent */
	/* the rendered text when it is known statically (literal text,
	 * env_var() defaults, or with use_env the environment); NULL when
	 * only dbt can tell, for null, and for mappings and lists.  Another
	 * non-string scalar is its text as written (4, true). */
	const char *text;
	bool jinja;		/* written as a template ({{ or {%) */
};

/* An `attach:` item. */
struct floe_prof_attach {
	const struct floe_node *node;	/* the item (may not be a mapping) */
	struct floe_prof_value path, alias;
	/* `type` and `secret`: on the item, else under `options` (any case,
	 * as dbt-duckdb upper-cases option names) */
	struct floe_prof_value type, secret;
	const struct floe_node *options;	/* a mapping, or NULL */
	bool iceberg;			/* TYPE iceberg */
};

/* A `secrets:` item. */
struct floe_prof_secret {
	const struct floe_node *node;
	struct floe_prof_value type, name;
};

/* A `plugins:` item. */
struct floe_prof_plugin {
	const struct floe_node *node;
	struct floe_prof_value module, alias;
	const struct floe_node *config;		/* a mapping, or NULL */
};

struct floe_profile;
struct floe_text;		/* floe/fileio.h */

/* What every suppression comment starts with (docs/rules.md, FP008). */
#define FLOE_DIRECTIVE_TAG "floe-profiles:"

/* One output (target) of a profile. */
struct floe_prof_output {
	const struct floe_profile *profile;
	/* the key's text, or "***" when the key is a secret value (a
	 * credential's anchor reused as the key: `*pw: ...`), so that no
	 * message prints it; such an output is not found by its name */
	const char *name;
	const struct floe_node *key, *node;
	bool is_map;			/* the output is a mapping */
	struct floe_prof_value type, path, database;
	bool is_duckdb;			/* type: duckdb (any case) */
	/* the sections as written (any kind), or NULL when absent */
	const struct floe_node *extensions, *settings, *config_options;
	const struct floe_node *secrets, *attach, *plugins, *filesystems;
	/* the items of the list sections that are lists */
	const struct floe_prof_attach *attach_items;
	size_t nr_attach;
	const struct floe_prof_secret *secret_items;
	size_t nr_secrets;
	const struct floe_prof_plugin *plugin_items;
	size_t nr_plugins;
	/*
	 * dbt-duckdb's motherduck plugin (credentials.py __post_init__):
	 * 1 when it runs (the path or an attach item's is md: or
	 * motherduck:, or `plugins` names the module motherduck), 0 when
	 * not, -1 when a path or module is known only when dbt runs.
	 */
	signed char motherduck_plugin;
	/*
	 * config_options' custom_user_agent as the plugin's config.get()
	 * reads it: 1 truthy, 0 falsy or absent, -1 known only when dbt
	 * runs.  With the plugin running and this 0, the plugin moves
	 * settings' custom_user_agent into duckdb.connect()'s config and
	 * runs no SET for it (dbt_render.def MD_USER_AGENT_TO_CONFIG).
	 */
	signed char config_user_agent;
};

/*
 * How dbt chose the output (dbt-core's Profile.render_profile): the
 * --target option, else the profile's `target:` rendered, else the output
 * named "default".  A `target:` that is null makes dbt look for an output
 * named None, which no profile has.  One that YAML types otherwise than as
 * a string (1, yes, 1.5, a date, a list) fails too: dbt looks it up as
 * that value, so an output named '1' does not match 1, and an output key
 * that does match (1:, or True == 1) leaves a target name that
 * ProfileConfig's schema refuses (target_name: str).
 */
enum floe_target_from {
	FLOE_TARGET_OPTION,	/* --target */
	FLOE_TARGET_KEY,	/* `target:` */
	FLOE_TARGET_DEFAULT,	/* no `target:`: "default" */
	FLOE_TARGET_NULL,	/* `target:` is null: dbt fails */
	FLOE_TARGET_NOT_STR,	/* `target:` is no string: dbt fails */
	FLOE_TARGET_RUNTIME	/* `target:` is known only at run time */
};

struct floe_profile {
	const char *name;		/* as an output's name ("***": secret) */
	const struct floe_node *key, *node;
	bool is_map;			/* the profile is a mapping */
	struct floe_prof_value target;	/* `target:` as written */
	const struct floe_node *outputs;	/* as written, or NULL */
	const struct floe_prof_output *output_items;	/* when a mapping */
	size_t nr_outputs;
	/* the file's own choice: `target:` rendered, else "default"; NULL
	 * for FLOE_TARGET_NULL, FLOE_TARGET_NOT_STR and FLOE_TARGET_RUNTIME */
	const char *own_target;
	/* dbt's choice: the option, else own_target */
	const char *selected;
	enum floe_target_from selected_from;
	const struct floe_prof_output *output;	/* `selected`, or NULL */
};

struct floe_profiles {
	const char *file;		/* borrowed */
	/* borrowed: the text (comments); NULL while a text read in blocks
	 * is not held: floe_profiles_text() */
	const char *buf;
	size_t len;
	struct floe_text *text;		/* borrowed: floe_profiles_load_text() */
	/* the text holds FLOE_DIRECTIVE_TAG (read in blocks: lint reads a
	 * text it did not hold only for its directives) */
	bool has_directive;
	struct floe_doc *doc;		/* owned; NULL when not YAML */
	/* FLOE_OK, or why doc is NULL: FLOE_ERR_INPUT (not YAML: diags
	 * says why) or FLOE_ERR_TOO_BIG (over limits.max_bytes) */
	enum floe_err parse_err;
	/* the YAML front end's findings (FP001-FP003): consumers copy
	 * them with floe_profiles_diags() */
	struct floe_diags diags;
	/* the profiles, in file order, without dbt's `config:` block; empty
	 * when the root is not a mapping */
	const struct floe_profile *items;
	size_t nr;
	const struct floe_node *config;	/* dbt's global `config:`, or NULL */
	struct floe_profiles_options opt;	/* a copy; strings borrowed */
	struct arena *arena;		/* private: everything above */
	/* private: the scalars that are a credential's value somewhere
	 * (floe_profiles_is_secret()), sorted by address; only a file with
	 * aliases has any, as only an alias writes a node twice */
	const struct floe_node **secret_nodes;
	size_t nr_secret_nodes;
};

/**
 * Whether `n` is the value of a credential key, or of a header map,
 * somewhere in the file: through an alias, a node a message would show
 * (a name, an alias, a type) can be a secret's value.
 */
bool floe_profiles_is_secret(const struct floe_profiles *p,
			     const struct floe_node *n);

/**
 * Parse a profiles.yml once and bind it.
 * \param[in]  file, buf  display name and text, both borrowed: they must
 *                        outlive the model (lint reads comments from buf).
 * \param[out] out  on FLOE_OK, the model, to free with
 *                  floe_profiles_free().  A text that is not YAML, or is
 *                  too big, still gives a model: doc is NULL, parse_err
 *                  and diags say why.
 * \return FLOE_OK or FLOE_ERR_NOMEM.
 */
enum floe_err floe_profiles_load(const char *file, const char *buf,
				 size_t len,
				 const struct floe_profiles_options *opt,
				 struct floe_profiles **out);

/**
 * floe_profiles_load() with the options spelled out, for the one-call
 * entry points (floe_lint(), floe_sql_plan(), floe_verify()) whose own
 * options carry the same four.
 */
enum floe_err floe_profiles_load_with(const char *file, const char *buf,
				      size_t len, const char *target,
				      bool use_env,
				      const char *(*getenv_fn)(const char *),
				      struct floe_yaml_limits limits,
				      struct floe_profiles **out);

/**
 * floe_profiles_load() of a text that may be read in blocks as it is
 * parsed (floe_text_open()), so that the text is not held while the tree
 * and the model are made: a large file's peak memory (docs/DESIGN.md,
 * "Scale").  The text is borrowed and must outlive the model; what needs
 * it after the parse asks floe_profiles_text().
 * \return FLOE_OK, FLOE_ERR_NOMEM, or FLOE_ERR_IO when reading failed
 *         (t->errnum says why).
 */
enum floe_err floe_profiles_load_text(const char *file, struct floe_text *t,
				      const struct floe_profiles_options *opt,
				      struct floe_profiles **out);

/**
 * The whole text of a model, read again if it was read in blocks
 * (floe_text_hold()).
 * \return FLOE_OK, FLOE_ERR_IO (the text's errnum says why: it changed,
 *         or cannot be read) or FLOE_ERR_NOMEM.
 */
enum floe_err floe_profiles_text(const struct floe_profiles *p,
				 const char **buf, size_t *len);

/** Free a model; NULL is fine. */
void floe_profiles_free(struct floe_profiles *p);

/** The profile named `name`, or NULL. */
const struct floe_profile *floe_profiles_find(const struct floe_profiles *p,
					      const char *name);

/** The output named `name` of a profile, or NULL. */
const struct floe_prof_output *floe_profile_output(
	const struct floe_profile *p, const char *name);

/** Does any profile of the model have an output named `name`? */
bool floe_profiles_has_output(const struct floe_profiles *p,
			      const char *name);

/**
 * Append copies of the front end's findings (p->diags) to d.
 * \return FLOE_OK or FLOE_ERR_NOMEM.
 */
enum floe_err floe_profiles_diags(const struct floe_profiles *p,
				  struct floe_diags *d);

#endif
