/*
 * .floe-profiles.yaml through libcyaml 1.3.1.
 *
 * libcyaml suits this fixed shape, and reads the file: it is the one parse
 * of a valid file (1.3.1 loads only from bytes, so our own front end
 * cannot hand it a tree).  Our front end reads the text again only when
 * an error must be positioned.  1.3.1 has traps we guard here:
 *  - an empty file loads as CYAML_OK with NULL data: an empty config;
 *  - CYAML_BOOL reads any string but false/no/off/0 as true, and integers
 *    are read with strtoll (`4abc` is 4): the schema has neither, only
 *    strings and a STRICT enum;
 *  - aliases are replayed into the structs: refused (CYAML_CFG_NO_ALIAS);
 *  - its own errors exist only as log text: a log function turns the
 *    first "(line: N, column: M)" of the backtrace into the position (an
 *    unknown key is then found in our tree), and a syntax error is
 *    reported by our front end instead, at the parser's real position.
 * Semantic checks (an unknown rule id) are positioned with our own YAML
 * tree, which libcyaml cannot give.
 */
#include <cyaml/cyaml.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "floe/config.h"
#include "engine/flavor.h"
#include "floe/attach_plan.h"
#include "floe/yaml.h"
#include "floe/lint.h"
#include "floe/versions.h"
#include "strbuf.h"

struct cfg_rule {
	char *id;
	int level;
};

struct cfg_generate {
	char *profile_name;
	char *target;
	char *alias;
};

struct cfg_lint {
	char **profiles;		/* file name globs for lint DIR */
	unsigned profiles_count;
	char *catalog_flavor;		/* a flavor name (engine/flavor.h) */
};

struct cfg_root {
	struct cfg_rule *rules;
	unsigned rules_count;
	struct cfg_generate *generate;
	struct cfg_lint *lint;
	char *duckdb_version;		/* "1.5.6" */
	char *dbt_duckdb_version;	/* "1.11.0" */
};

struct floe_config {
	struct cfg_root *root;		/* NULL for an empty file */
	enum floe_level *levels;
	unsigned duckdb_version, dbt_duckdb_version;	/* 0: not set */
};

static const cyaml_strval_t level_strings[] = {
	{ "off", FLOE_LEVEL_OFF },
	{ "info", FLOE_LEVEL_INFO },
	{ "warning", FLOE_LEVEL_WARNING },
	{ "error", FLOE_LEVEL_ERROR },
};

static const cyaml_schema_field_t rule_fields[] = {
	CYAML_FIELD_STRING_PTR("id", CYAML_FLAG_POINTER, struct cfg_rule, id,
			       1, 64),
	CYAML_FIELD_ENUM("level", CYAML_FLAG_STRICT, struct cfg_rule, level,
			 level_strings, CYAML_ARRAY_LEN(level_strings)),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t rule_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct cfg_rule, rule_fields),
};

static const cyaml_schema_field_t generate_fields[] = {
	CYAML_FIELD_STRING_PTR("profile_name",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_generate, profile_name, 1, 255),
	CYAML_FIELD_STRING_PTR("target",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_generate, target, 1, 255),
	CYAML_FIELD_STRING_PTR("alias",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_generate, alias, 1, 255),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t glob_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 255),
};

static const cyaml_schema_field_t lint_fields[] = {
	CYAML_FIELD_SEQUENCE("profiles",
			     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct cfg_lint, profiles, &glob_entry, 0, 64),
	CYAML_FIELD_STRING_PTR("catalog_flavor",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_lint, catalog_flavor, 1, 64),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t root_fields[] = {
	CYAML_FIELD_SEQUENCE("rules",
			     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct cfg_root, rules, &rule_entry, 0,
			     CYAML_UNLIMITED),
	CYAML_FIELD_MAPPING_PTR("generate",
				CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				struct cfg_root, generate, generate_fields),
	CYAML_FIELD_MAPPING_PTR("lint",
				CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				struct cfg_root, lint, lint_fields),
	CYAML_FIELD_STRING_PTR("duckdb_version",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_root, duckdb_version, 1, 32),
	CYAML_FIELD_STRING_PTR("dbt_duckdb_version",
			       CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cfg_root, dbt_duckdb_version, 1, 32),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t root_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct cfg_root, root_fields),
};

/* Collects libcyaml's log lines: the first message and first position. */
struct bridge {
	char msg[256];
	char line[512];
	size_t line_len;
	unsigned pos_line, pos_col;
	int have_msg, have_pos;
};

static void log_fn(cyaml_log_t level, void *ctx, const char *fmt,
		   va_list args) FLOE_PRINTF(3, 0);
static void log_fn(cyaml_log_t level, void *ctx, const char *fmt,
		   va_list args)
{
	struct bridge *b = ctx;
	char frag[512];
	int n;

	if (level < CYAML_LOG_ERROR)
		return;
	n = vsnprintf(frag, sizeof(frag), fmt, args);
	if (n < 0)
		return;
	for (const char *p = frag; *p; p++) {
		const char *text, *at;

		if (*p != '\n') {
			if (b->line_len + 1 < sizeof(b->line))
				b->line[b->line_len++] = *p;
			continue;
		}
		b->line[b->line_len] = '\0';
		b->line_len = 0;
		text = b->line;
		if (!strncmp(text, "Load: ", 6))
			text += 6;
		at = strstr(text, "(line: ");
		if (at && !b->have_pos &&
		    sscanf(at, "(line: %u, column: %u)", &b->pos_line,
			   &b->pos_col) == 2)
			b->have_pos = 1;
		if (!b->have_msg && strncmp(text, "Backtrace", 9) &&
		    strncmp(text, "  in ", 5) && *text) {
			size_t tl = strlen(text);

			if (tl >= sizeof(b->msg))
				tl = sizeof(b->msg) - 1;
			memcpy(b->msg, text, tl);
			b->msg[tl] = '\0';
			b->have_msg = 1;
		}
	}
}

static cyaml_config_t cyaml_config(struct bridge *b)
{
	cyaml_config_t cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.log_fn = log_fn;
	cfg.log_ctx = b;
	cfg.mem_fn = cyaml_mem;
	cfg.log_level = CYAML_LOG_ERROR;
	cfg.flags = CYAML_CFG_NO_ALIAS;
	return cfg;
}

static int add(struct floe_diags *d, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...) FLOE_PRINTF(5, 6);
static int add(struct floe_diags *d, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...)
{
	struct floe_loc loc = { file, { line, col }, { line, col } };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = floe_diags_vaddf(d, FLOE_SEV_ERROR, FLOE_RULE_NONE, loc, fmt, ap);
	va_end(ap);
	return r;
}

/*
 * libcyaml 1.3.1's messages, in our words.  Unknown ones pass through;
 * a golden test pins the ones we rely on.
 */
static void translate(const char *m, char *out, size_t size)
{
	static const struct {
		const char *prefix, *before, *after;
	} table[] = {
		{ "Invalid ENUM value: ", "level '",
		  "' is not one of off, info, warning, error" },
		{ "Unexpected key: ", "unknown key '", "'" },
		{ "Mapping field already seen: ", "'", "' is given twice" },
		{ "Missing required mapping field: ", "'", "' is required" },
		{ "Expecting SEQUENCE, got event: ", "expected a list, found ",
		  "" },
		{ "Expecting STRING, got event: ", "expected a string, found ",
		  "" },
		{ "Expecting MAPPING, got event: ", "expected a mapping, found ",
		  "" },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		size_t n = strlen(table[i].prefix);

		if (!strncmp(m, table[i].prefix, n)) {
			const char *arg = m + n;

			if (!strcmp(arg, "SCALAR"))
				arg = "a scalar";
			else if (!strcmp(arg, "SEQUENCE_START"))
				arg = "a list";
			else if (!strcmp(arg, "MAPPING_START"))
				arg = "a mapping";
			snprintf(out, size, "%s%s%s", table[i].before, arg,
				 table[i].after);
			return;
		}
	}
	if (!strncmp(m, "STRING length < ", 16))
		snprintf(out, size, "a value is empty");
	else if (strstr(m, "lias"))
		snprintf(out, size, "anchors and aliases are not allowed here");
	else
		snprintf(out, size, "%s", m);
}

static int pos_before(struct floe_pos a, struct floe_pos b)
{
	return a.line < b.line || (a.line == b.line && a.column < b.column);
}

/*
 * The first mapping key named `key` at or after `from` (depth-first,
 * which is document order): the same name may be a known key elsewhere.
 */
static const struct floe_node *find_key(const struct floe_node *n,
					const char *key, struct floe_pos from,
					unsigned depth)
{
	if (!n || n->kind == FLOE_NODE_SCALAR || depth > 16)
		return NULL;
	for (size_t i = 0; i < n->nr; i++) {
		const struct floe_node *hit;

		if (n->kind == FLOE_NODE_MAP) {
			if (floe_node_is_str(n->pairs[i].key) &&
			    !strcmp(n->pairs[i].key->value, key) &&
			    !pos_before(floe_node_start(n->pairs[i].key), from))
				return n->pairs[i].key;
			hit = find_key(n->pairs[i].value, key, from,
				       depth + 1);
		} else {
			hit = find_key(n->items[i], key, from, depth + 1);
		}
		if (hit)
			return hit;
	}
	return NULL;
}

/* Position of rules[i].id (or the entry) through our own tree. */
static struct floe_pos rule_pos(const struct floe_doc *doc, size_t i)
{
	const struct floe_node *rules = doc ? floe_map_get(doc->root, "rules")
					    : NULL;
	struct floe_pos p = { 1, 1 };
	const struct floe_node *n;

	if (!rules || rules->kind != FLOE_NODE_SEQ || i >= rules->nr)
		return p;
	n = floe_map_get(rules->items[i], "id");
	return n ? floe_node_start(n) : floe_node_start(rules->items[i]);
}

/*
 * Our own tree of the text, for positions, and whether our front end
 * refused it (its errors are then appended to diags).  Only the paths that
 * report an error call this: a valid file is parsed once, by libcyaml.
 */
static enum floe_err positions(const char *file, const char *buf, size_t len,
			       struct floe_doc **doc, struct floe_diags *diags,
			       int *refused)
{
	struct floe_diags pre = FLOE_DIAGS_INIT;
	enum floe_err err;

	*refused = 0;
	err = floe_yaml_parse(file, buf, len, NULL, doc, &pre);
	/* its warnings (duplicate keys) are libcyaml's errors already */
	for (size_t i = 0; i < pre.nr && err != FLOE_ERR_NOMEM; i++)
		if (pre.items[i].severity == FLOE_SEV_ERROR) {
			*refused = 1;
			if (floe_diags_addf(diags, FLOE_SEV_ERROR,
					    FLOE_RULE_NONE, pre.items[i].loc,
					    "%s", pre.items[i].message))
				err = FLOE_ERR_NOMEM;
		}
	floe_diags_release(&pre);
	if (err == FLOE_ERR_NOMEM || err == FLOE_ERR_TOO_BIG) {
		floe_doc_free(*doc);
		*doc = NULL;
		return err;
	}
	return FLOE_OK;
}

/*
 * libcyaml refused the file.  If our front end refuses it too (a syntax
 * error), its diagnostics say why, with the parser's real position;
 * otherwise libcyaml's message, in our words, at the position it logged
 * (an unknown key: at the key itself, found in our tree).
 */
static enum floe_err refused(const char *file, const char *buf, size_t len,
			     const struct bridge *b, cyaml_err_t cerr,
			     struct floe_diags *diags)
{
	struct floe_doc *doc = NULL;
	struct floe_pos at = { 1, 1 };
	char msg[320];
	int syntax;
	enum floe_err err = positions(file, buf, len, &doc, diags, &syntax);

	if (err != FLOE_OK || syntax)
		goto out;
	/*
	 * libyaml refused what the same libyaml, under our front end, reads:
	 * the text was fine, libyaml's memory ran out (its only other error).
	 */
	if (cerr == CYAML_ERR_LIBYAML_PARSER) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	translate(b->have_msg ? b->msg : cyaml_strerror(cerr), msg,
		  sizeof(msg));
	/*
	 * libcyaml 1.3.1 gives positions only as log text, and at the last
	 * event it handled: an unknown key is logged at the value before
	 * it, so the key itself is looked up in our tree from there.
	 */
	if (b->have_pos)
		at = (struct floe_pos){ b->pos_line, b->pos_col };
	if (doc && b->have_msg && !strncmp(b->msg, "Unexpected key: ", 16)) {
		const struct floe_node *k = find_key(doc->root, b->msg + 16,
						     b->have_pos ? at
						     : (struct floe_pos){ 0, 0 },
						     0);

		if (k)
			at = floe_node_start(k);
	}
	err = add(diags, file, at.line, at.column, "invalid configuration: "
		  "%s", msg) ? FLOE_ERR_NOMEM : FLOE_ERR_INPUT;
out:
	floe_doc_free(doc);
	return err == FLOE_OK ? FLOE_ERR_INPUT : err;
}

/* A problem found after binding, positioned with our tree (parsed once). */
static enum floe_err semantic(const char *file, const char *buf, size_t len,
			      struct floe_doc **doc, struct floe_diags *diags)
{
	int syntax;

	if (*doc)
		return FLOE_OK;
	return positions(file, buf, len, doc, diags, &syntax) ==
	       FLOE_ERR_NOMEM ? FLOE_ERR_NOMEM : FLOE_OK;	/* TOO_BIG: 1:1 */
}

/*
 * What libcyaml bound but floe-profiles refuses: each refusal is an error
 * at the value's position, with the document parsed once for all of them
 * (semantic()).  `err` is the load's result so far: INPUT after a
 * refusal, NOMEM (sticky) when memory ran out.
 */
struct refusals {
	const char *file, *buf;
	size_t len;
	struct floe_doc *doc;
	struct floe_diags *diags;
	enum floe_err err;
};

/* The document for positions, or NULL (out of memory: err says so). */
static const struct floe_doc *refusal_doc(struct refusals *r)
{
	if (r->err != FLOE_ERR_NOMEM &&
	    semantic(r->file, r->buf, r->len, &r->doc, r->diags))
		r->err = FLOE_ERR_NOMEM;
	return r->err == FLOE_ERR_NOMEM ? NULL : r->doc;
}

/* Where `section`.`key` (a top-level `key` for a NULL section) is, or 1:1. */
static struct floe_pos value_pos(struct refusals *r, const char *section,
				 const char *key)
{
	const struct floe_doc *doc = refusal_doc(r);
	const struct floe_node *n = doc ? doc->root : NULL;
	struct floe_pos p = { 1, 1 };

	if (section)
		n = floe_map_get(n, section);
	n = floe_map_get(n, key);
	return n ? floe_node_start(n) : p;
}

static void refuse(struct refusals *r, struct floe_pos p, const char *fmt,
		   ...) FLOE_PRINTF(3, 4);
static void refuse(struct refusals *r, struct floe_pos p, const char *fmt,
		   ...)
{
	struct floe_loc loc = { r->file, p, p };
	va_list ap;
	int failed;

	if (r->err == FLOE_ERR_NOMEM)
		return;
	va_start(ap, fmt);
	failed = floe_diags_vaddf(r->diags, FLOE_SEV_ERROR, FLOE_RULE_NONE,
				  loc, fmt, ap);
	va_end(ap);
	r->err = failed ? FLOE_ERR_NOMEM : FLOE_ERR_INPUT;
}

enum floe_err floe_config_load(const char *file, const char *buf, size_t len,
			       struct floe_config **out,
			       struct floe_diags *diags)
{
	struct bridge b;
	cyaml_config_t cfg;
	struct cfg_root *root = NULL;
	struct floe_config *c;
	struct refusals k = { file, buf, len, NULL, diags, FLOE_OK };
	cyaml_err_t cerr;
	enum floe_err err;

	/*
	 * The one parse: libcyaml 1.3.1 loads only from bytes (no event or
	 * document source), so it is the parser, and our own front end
	 * reads the text again only to position an error.
	 */
	memset(&b, 0, sizeof(b));
	cfg = cyaml_config(&b);
	cerr = len ? cyaml_load_data((const uint8_t *)buf, len, &cfg,
				     &root_schema, (cyaml_data_t **)&root,
				     NULL)
		   : CYAML_OK;
	/* libyaml's initialisations fail only when memory runs out */
	if (cerr == CYAML_ERR_OOM || cerr == CYAML_ERR_LIBYAML_PARSER_INIT ||
	    cerr == CYAML_ERR_LIBYAML_EVENT_INIT)
		return FLOE_ERR_NOMEM;
	if (cerr != CYAML_OK)
		return refused(file, buf, len, &b, cerr, diags);

	c = calloc(1, sizeof(*c));
	if (c)
		c->levels = calloc(floe_rule_count(), sizeof(*c->levels));
	if (!c || !c->levels) {
		free(c);
		cyaml_free(&cfg, &root_schema, root, 0);
		return FLOE_ERR_NOMEM;
	}
	c->root = root;	/* NULL for an empty file: libcyaml's trap */
	for (unsigned i = 0; root && i < root->rules_count; i++) {
		const struct floe_rule *r = floe_rule_find(root->rules[i].id);

		if (r) {
			c->levels[floe_rule_code(r) - 1] =
				(enum floe_level)root->rules[i].level;
			continue;
		}
		refuse(&k, rule_pos(refusal_doc(&k), i), "invalid "
		       "configuration: '%s' is not a rule id or name "
		       "(floe-profiles rules lists them)", root->rules[i].id);
	}
	if (root && root->generate && root->generate->alias &&
	    !floe_is_identifier(root->generate->alias))
		refuse(&k, value_pos(&k, "generate", "alias"), "invalid "
		       "configuration: generate.alias '%s' cannot follow "
		       "ATTACH ... AS unquoted (letters, digits and '_', not "
		       "a DuckDB keyword)", root->generate->alias);
	for (int dbt = 0; root && dbt < 2; dbt++) {
		const char *key = dbt ? "dbt_duckdb_version" : "duckdb_version";
		const char *v = dbt ? root->dbt_duckdb_version
				    : root->duckdb_version;
		unsigned *to = dbt ? &c->dbt_duckdb_version
				   : &c->duckdb_version;
		enum floe_version_fit f;
		char known[256];

		if (!v)
			continue;
		f = dbt ? floe_dbt_duckdb_version_parse(v, to)
			: floe_duckdb_version_parse(v, to);
		if (f == FLOE_VERSION_KNOWN || f == FLOE_VERSION_NEWER)
			continue;
		*to = 0;
		if (dbt)
			snprintf(known, sizeof(known), "1.9.0 to 1.11.x, "
				 "X.Y or X.Y.Z");
		else
			floe_duckdb_versions(known, sizeof(known));
		refuse(&k, value_pos(&k, NULL, key), "invalid configuration: "
		       "%s '%s' is not a %s release floe-profiles knows (%s)",
		       key, v, dbt ? "dbt-duckdb" : "DuckDB", known);
	}
	if (root && root->lint && root->lint->catalog_flavor &&
	    fe_flavor_by_name(root->lint->catalog_flavor) == FE_FLAVOR_UNKNOWN)
		refuse(&k, value_pos(&k, "lint", "catalog_flavor"), "invalid "
		       "configuration: lint.catalog_flavor '%s' is not a "
		       "catalog flavor (%s)", root->lint->catalog_flavor,
		       fe_flavor_list());
	err = k.err;
	floe_doc_free(k.doc);
	if (err != FLOE_OK) {
		floe_config_free(c);
		return err;
	}
	*out = c;
	return FLOE_OK;
}

void floe_config_free(struct floe_config *c)
{
	struct bridge b;
	cyaml_config_t cfg;

	if (!c)
		return;
	memset(&b, 0, sizeof(b));
	cfg = cyaml_config(&b);
	if (c->root)
		cyaml_free(&cfg, &root_schema, c->root, 0);
	free(c->levels);
	free(c);
}

const enum floe_level *floe_config_levels(const struct floe_config *c)
{
	return c ? c->levels : NULL;
}

const char *floe_config_profile_name(const struct floe_config *c)
{
	return c && c->root && c->root->generate ?
	       c->root->generate->profile_name : NULL;
}

const char *floe_config_target(const struct floe_config *c)
{
	return c && c->root && c->root->generate ?
	       c->root->generate->target : NULL;
}

const char *floe_config_alias(const struct floe_config *c)
{
	return c && c->root && c->root->generate ?
	       c->root->generate->alias : NULL;
}

unsigned floe_config_duckdb_version(const struct floe_config *c)
{
	return c ? c->duckdb_version : 0;
}

unsigned floe_config_dbt_duckdb_version(const struct floe_config *c)
{
	return c ? c->dbt_duckdb_version : 0;
}

const char *floe_config_catalog_flavor(const struct floe_config *c)
{
	return c && c->root && c->root->lint ?
	       c->root->lint->catalog_flavor : NULL;
}

const char *const *floe_config_profiles_globs(const struct floe_config *c,
					     size_t *nr)
{
	if (!c || !c->root || !c->root->lint || !c->root->lint->profiles) {
		*nr = 0;
		return NULL;
	}
	*nr = c->root->lint->profiles_count;
	return (const char *const *)c->root->lint->profiles;
}

/* `dir/name` exists; -1 when memory ran out. */
static int has_entry(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int ret;

	strbuf_adds(&sb, dir);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		strbuf_addch(&sb, '/');
	strbuf_adds(&sb, name);
	if (strbuf_error(&sb))
		ret = -1;
	else
		ret = !stat(sb.buf, &st);
	strbuf_release(&sb);
	return ret;
}

/* Cut `cur` to its parent folder; 0 when it already is /. */
static int up(char *cur)
{
	char *slash = strrchr(cur, '/');

	if (!slash || !slash[1])
		return 0;
	if (slash == cur)
		slash[1] = '\0';
	else
		*slash = '\0';
	return 1;
}

/*
 * Walk up from `dir`: the first folder that holds `name` (when given) is
 * returned as `dir/name`, and the walk stops after the folder holding .git
 * (returned itself when `name` is NULL) or at /.  NULL: none (errno 0),
 * or memory ran out (errno ENOMEM).
 */
static char *walk_up(const char *dir, const char *name)
{
	char *cur = realpath(dir, NULL);
	char *found = NULL;
	int nomem = !cur && errno == ENOMEM;

	while (cur) {
		int r = name ? has_entry(cur, name) : 0;

		if (r == 1) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_adds(&sb, cur);
			if (sb.len > 1)
				strbuf_addch(&sb, '/');
			strbuf_adds(&sb, name);
			found = strbuf_detach(&sb, NULL);
			nomem = !found;
			break;
		}
		if (r < 0 || (r = has_entry(cur, ".git")) < 0) {
			nomem = 1;
			break;
		}
		if (r) {
			if (!name) {
				found = cur;
				cur = NULL;
			}
			break;	/* the repository root */
		}
		if (!up(cur))
			break;	/* / */
	}
	free(cur);
	if (!found)
		errno = nomem ? ENOMEM : 0;
	return found;
}

char *floe_config_find(const char *dir)
{
	return walk_up(dir, FLOE_CONFIG_NAME);
}

char *floe_repo_root(const char *dir)
{
	return walk_up(dir, NULL);
}
