/*
 * Internal interface between the lint driver and the rules.
 *
 * Adding a rule (git's builtin.h checklist, shortened):
 *  1. add `X(FPnnn)` to FLOE_RULE_LIST in include/floe/rule_ids.h, in id
 *     order -- ids are never renumbered or reused;
 *  2. write `void check_<name>(struct lint_ctx *, const struct lint_output *)`
 *     in the family's rule_<family>.c; it only reads and calls lint_report.
 *     A rule that looks at every templated value of an output writes
 *     `void check_<name>(struct lint_ctx *, const struct lint_template *)`
 *     instead: the output's one walk calls it on each such value (never
 *     walk an output yourself);
 *  3. declare it in rules.h;
 *  4. add its row to the table in rules.c, `[FLOE_FPnnn] = { .pub = { .id,
 *     .name, .severity, .family, .summary, .help }, .check_output }`
 *     (or `.check_template`; unit/test_rules fails when an id of the
 *     list has no row);
 *  5. add tests/golden/lint/FPnnn-<name>-hit and -near-miss cases
 *     (cli/test_hit_near_miss checks that the hit reports FPnnn and the
 *     near miss does not).
 * docs/rules.md is generated from the table (floe-profiles rules --markdown).
 */
#ifndef FLOE_LINT_INT_H
#define FLOE_LINT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "engine/engine.h"
#include "engine/flavor.h"
#include "floe/attach_plan.h"
#include "floe/lint.h"
#include "floe/profiles.h"
#include "jinja.h"
#include "url.h"

struct lint_rule_impl;
struct lint_template;

/* The key texts a lint holds what it knows of (lint.c's key_facts()):
 * slots, the rows asked of each, and the bits of the address table. */
#define LINT_KEY_SLOTS 256
#define LINT_KEY_ROWS 5
#define LINT_KEY_AT_BITS 8
/* ... and the value texts it holds facts of (lint_value_fact()) */
#define LINT_VALUE_AT_BITS 9
/* facts of two texts: a direct-mapped table of 2^LINT_PAIR_AT_BITS */
#define LINT_PAIR_AT_BITS 10
/* quiet outputs remembered, and the nodes compared with each at most */
#define LINT_QUIET_SLOTS 4
#define LINT_QUIET_NODES 4096

/* One output (target) of one profile. */
struct lint_output {
	const char *profile;
	const struct floe_node *profile_key, *profile_map;
	const char *name;
	const struct floe_node *key, *map;
	bool is_duckdb;		/* type: duckdb */
	const struct floe_prof_output *model;	/* the output in the model */
};

/*
 * A catalog connection described by the profile: an iceberg attach item
 * or the floe Polaris plugin.  Every field is the value node, or NULL.
 */
enum lint_conn_kind { LINT_CONN_ATTACH, LINT_CONN_PLUGIN };

struct lint_conn {
	enum lint_conn_kind kind;
	const struct floe_node *item;		/* attach item / plugin item */
	const struct floe_node *options;	/* attach options / plugin config */
	const struct floe_node *endpoint;	/* endpoint / catalog_uri */
	const struct floe_node *token_uri;	/* oauth2_server_uri; NULL for
						 * the plugin (derived) */
	const struct floe_node *client_id, *client_secret, *scope, *token;
	const struct floe_node *secret;		/* attach `secret` (field or
						 * option) */
	/* the iceberg secret of the output that `secret` names, as
	 * DuckDB keeps their names (lint.c, iceberg_secret()); NULL when
	 * it names none, or not one known statically */
	const struct floe_node *named_secret;
	/* the iceberg secret of the output whose token the ATTACH uses:
	 * the one its SECRET names, or without one the one the secret
	 * manager picks (lint.c, default_iceberg_secret()); NULL with
	 * inline OAuth2 options (the extension builds its own), for the
	 * plugin, or when not known statically */
	const struct floe_node *auth_secret;
	/* the SECRET the ATTACH passes (the item's `secret` when truthy,
	 * else the option's), and the two secrets of the output that hold
	 * its name, [0] in the temporary storage and [1] in a persistent
	 * one: DuckDB keeps both, and a lookup by that name fails (lint.c,
	 * held_secrets(); FP417).  Both NULL unless that is certain */
	const struct floe_node *secret_passed;
	const struct floe_node *held[2];
	const struct floe_node *warehouse;	/* attach path / plugin warehouse */
	/* the options `endpoint_type` and `authorization_type` (any case),
	 * as pairs, found once for the rules that ask which way the
	 * catalog is reached */
	const struct floe_pair *endpoint_type, *authorization_type;
	const struct floe_node *alias;
	/* the catalog server it talks to (lint_conns_flavor) and why it is
	 * taken for it (static text; NULL for FE_FLAVOR_UNKNOWN) */
	enum fe_flavor flavor;
	const char *flavor_why;
};

struct lint_ctx;
/* a classification of a key text, kept by lint_key_class() */
typedef unsigned lint_key_class_fn(struct lint_ctx *ctx,
				   const struct floe_node *k);

struct lint_ctx {
	const char *file;
	const struct floe_doc *doc;
	const struct floe_profiles *model;	/* NULL outside floe_lint */
	const struct floe_lint_options *opt;
	struct floe_diags *diags;
	struct arena *arena;		/* freed when floe_lint returns */
	struct jinja_opts jopt;		/* how values are read (src/jinja.c) */
	/* each templated value read once, its reading in `scratch`; both
	 * emptied after each output (lint_drop_readings()), so that a
	 * file's readings are not all held at once */
	struct jinja_cache jcache;
	struct arena *scratch;
	/* what lint_text_answer() derived for a value_at slot: a slot given
	 * to another text leaves its answer behind, so the arena is emptied,
	 * and value_at forgotten, between outputs once LINT_ANSWERS_KEPT
	 * have been derived (a file of outputs that all differ would keep
	 * every one: "Scale") */
	struct arena *answers;
	size_t nr_answers;
	const struct floe_profile *profile;	/* the profile being linted */
	const struct floe_rule *rule;	/* the rule being run */
	enum floe_rule_id rule_id;	/* ... and its handle */
	enum floe_err err;
	/* the DuckDB and dbt-duckdb releases the rules answer for (FE_V
	 * encoding), resolved once from opt by lint_resolve_versions():
	 * never 0; *_newer when the version asked for is newer than the
	 * tables (linted as the newest: FP105) */
	unsigned duckdb_version, dbt_duckdb_version;
	bool duckdb_newer, dbt_duckdb_newer;
	/* the platform and catalog of the output being linted, or NULL */
	const struct floe_platform *platform;
	const struct floe_catalog *catalog;
	/* what generate writes for that catalog (lint_expected); cached */
	struct lint_expected_cache *expected;
	size_t nr_expected, alloc_expected;
	/* the findings of the current output reported with a subject
	 * (lint_report_on), for "one root cause, one finding" */
	struct lint_subject *subjects;
	size_t nr_subjects, alloc_subjects;
	/* lint_conns() of the output whose rules run (run_output_rules):
	 * found once, not once per rule (conns_of NULL outside the rules);
	 * conns has room for conns_alloc, in the arena, grown by doubling */
	const struct floe_prof_output *conns_of;
	bool conns_found;
	struct lint_conn *conns;
	size_t nr_conns, conns_alloc;
	/* lint_url() of the output whose rules run: each URL value
	 * rendered and parsed once, not once per rule (the first
	 * LINT_URLS_CACHED of them; emptied per output) */
	struct lint_url_memo {
		const struct floe_node *node;
		const char *text;	/* NULL: no URL (see lint_url) */
		struct url u;
	} urls[8];
	size_t nr_urls;
	/* the values of the output whose rules run that hold a secret
	 * (rule_credentials.c), found once for the rules that look at
	 * them all; valid when secret_values_of is that output, and
	 * complete unless it has more than fit) */
	const struct floe_prof_output *secret_values_of;
	struct lint_secret_value {
		const struct floe_node *key, *value;
		unsigned char kind;	/* rule_credentials.c's kinds */
	} secret_values[32];
	size_t nr_secret_values;
	bool secret_values_complete;
	/* the options of the iceberg attach items of the output whose
	 * rules run, each with the class that says which option rules
	 * look at it (rule_attach.c), in lazy.options: valid when
	 * options_of is that output, and complete unless more than fit */
	const struct floe_prof_output *options_of;
	size_t nr_options;
	bool options_complete;
	/* the one classifier whose answers lint_key_class() keeps */
	lint_key_class_fn *key_classify;
	/* which slots of lazy.keys and lazy.key_at are in use (lint.c's
	 * key_facts()), the texts held, and the asks the full table
	 * missed */
	uint64_t key_used[LINT_KEY_SLOTS / 64];
	uint64_t key_at_used[(1 << LINT_KEY_AT_BITS) / 64];
	size_t nr_keys, key_misses;
	/* which slots of lazy.value_at are in use (lint_value_fact()),
	 * asked from the second output on (one would pay for nothing) */
	uint64_t value_at_used[(1 << LINT_VALUE_AT_BITS) / 64];
	/* ... and of lazy.pair_at (lint_pair_fact()) */
	uint64_t pair_at_used[(1 << LINT_PAIR_AT_BITS) / 64];
	bool past_first_output;
	/*
	 * The last outputs nothing was reported of, with what else their
	 * rules read: an output written as one of them is as quiet
	 * (run_output_rules(); docs/DESIGN.md "Scale").
	 */
	struct lint_quiet {
		const struct floe_node *map, *key;
		const struct floe_platform *platform;
		const struct floe_catalog *catalog;
	} quiet[LINT_QUIET_SLOTS];
	unsigned nr_quiet, next_quiet;
	/* the texts no message may show (vreport()): the file's credential
	 * values that an alias reuses elsewhere (floe_profiles_is_secret())
	 * and the rendered values of the output being linted that read a
	 * DBT_ENV_SECRET_ variable; found at the output's first finding */
	const struct lint_output *scrub_out;
	bool scrub_known, scrub_overflow;
	const char **scrub;
	size_t nr_scrub, alloc_scrub;
	/* which slots of lazy.memo hold an answer (lint_secret_type_is()),
	 * emptied with each output's readings */
	uint64_t memo_used[2];
	/* which of lazy.template_found are initialised */
	bool template_used[FLOE_RULE__COUNT];
	/* which output rules run (lint.c's find_rules_on()): found from
	 * opt once, when the first output's rules run, as lists in
	 * lazy.rules_on ([0] on a duckdb output, [1] on another adapter's) */
	bool rules_on_known;
	unsigned char nr_rules_on[2], nr_template_checks[2];
	/*
	 * Last, and not zeroed by lint_ctx_init() (10 KB that most runs
	 * never read): each part is valid only where a flag above says so.
	 */
	struct {
		/* what is known of each key text, found once per lint
		 * (key_used): the engine's rows (lint_setting_row() ...)
		 * and lint_secret_class(); open addressing */
		struct lint_key_facts {
			const char *text;	/* the document's */
			size_t hash;
			uint32_t len;
			uint16_t known;		/* which answers are */
			unsigned char secret;	/* floe_secret_classify() */
			unsigned char cls;	/* lint_key_class() */
			const void *rows[LINT_KEY_ROWS];
		} keys[LINT_KEY_SLOTS];
		/* ... and by the address of a key node's text, direct-
		 * mapped (key_at_used; forgotten with the document) */
		struct lint_key_at {
			const char *text;
			struct lint_key_facts *facts;
		} key_at[1 << LINT_KEY_AT_BITS];
		/* facts of value texts, by address, direct-mapped
		 * (value_at_used; forgotten with the document) */
		struct lint_value_at {
			const char *text;
			uint32_t len;
			unsigned short known, facts;	/* LINT_VF_* bits */
			unsigned char alias;	/* fe_alias_parse() + 1,
						 * 0 when not known: not
						 * last in bits 0-3, last
						 * in 4-7 */
			unsigned char answer_kind;	/* LINT_TA_*, 0 */
			const void *answer;	/* lint_text_answer() */
		} value_at[1 << LINT_VALUE_AT_BITS];
		/* facts of two texts, by their addresses, direct-mapped
		 * (pair_at_used; forgotten with the document) */
		struct lint_pair_at {
			const char *a, *b;
			uint32_t shape;		/* lint_pair_shape() */
			unsigned short known, facts;	/* LINT_PF_* bits */
		} pair_at[1 << LINT_PAIR_AT_BITS];
		/* a secret's TYPE, asked by several rules: each entry looked
		 * up once per output (memo_used) */
		struct lint_memo {
			const struct floe_node *key;
			const void *aux;	/* a second key, or NULL */
			const void *row;
			unsigned char kind;
		} memo[128];
		/* the findings of each rule's check_template on the current
		 * output (lint_walk_templates), held until the rule's turn
		 * comes, so that they are reported in the order of
		 * rule-by-rule walks (template_used) */
		struct floe_diags template_found[FLOE_RULE__COUNT];
		/* the rules with a check_output or a check_template that
		 * run on an output, in id order, and the template checks
		 * among them (rules_on_known) */
		unsigned char rules_on[2][FLOE_RULE__COUNT];
		struct lint_template_check {
			enum floe_rule_id rule;
			void (*fn)(struct lint_ctx *ctx,
				   const struct lint_template *t);
		} template_checks[2][FLOE_RULE__COUNT];
		/* the options of options_of (above) */
		struct lint_option {
			const struct floe_node *item;	/* the attach item */
			const struct floe_pair *pair;
			unsigned cls;
		} options[32];
	} lazy;
};

/* Zero a context but for ctx->lazy (what its flags say is not there). */
void lint_ctx_init(struct lint_ctx *ctx);

/*
 * One templated value, as the output's one walk (lint_walk_templates)
 * gives it to every rule that checks values: a string scalar holding
 * "{{", "{%" or "{#" (literal text renders as itself: there is nothing
 * in it for these rules), with its Jinja read once.
 */
struct lint_template {
	const struct floe_node *node;
	const struct jinja_read *read;	/* valid while the rules run */
	bool in_password;	/* under a key 'password' (dbt's
				 * SecretRenderer keeps such values as
				 * written when it cannot render them) */
};

typedef void lint_template_fn(struct lint_ctx *ctx,
			      const struct lint_template *t);

/* A check of the walk (struct lint_template_check, in struct lint_ctx):
 * its rule and function. */

/*
 * Walk every value under `map` once (keys are not templates, and depth
 * is bounded like the tree's) and call each of `checks`, in order, on
 * every templated value, reading its Jinja once for all of them.  With
 * `hold`, a check's findings go to ctx->lazy.template_found[rule] instead of
 * the report (lint_add_template_findings adds them at the rule's turn).
 */
void lint_walk_templates(struct lint_ctx *ctx, const struct floe_node *map,
			 const struct lint_template_check *checks, size_t nr,
			 bool hold);

/* Report the held findings of rule `id` (see lint_walk_templates). */
void lint_add_template_findings(struct lint_ctx *ctx, enum floe_rule_id id);

/* A finding about one fact (`topic`) of one item, by lint_report_on. */
struct lint_subject {
	size_t diag;			/* index in ctx->diags */
	enum floe_rule_id rule;
	const struct floe_node *item;
	const char *topic;		/* compared case-insensitively */
};

/*
 * What generate would write for the current platform catalog, or NULL
 * when there is no platform or generate would refuse the catalog.
 */
const struct floe_gen_attach *lint_expected(struct lint_ctx *ctx);

/*
 * The engine's row for a key node, looked up once per lint for each key
 * text however many outputs write it and rules ask (ctx->keys): the
 * DuckDB setting named `k` on the release linted for, the iceberg option
 * so named on that release and on any (FE_ANY), the dbt-duckdb output key
 * and attach field.  NULL when `k` is not a string or names none.
 */
const struct fe_setting *lint_setting_row(struct lint_ctx *ctx,
					  const struct floe_node *k);
const struct fe_iceberg_option *lint_option_row(struct lint_ctx *ctx,
						const struct floe_node *k);
const struct fe_iceberg_option *lint_any_option_row(struct lint_ctx *ctx,
						    const struct floe_node *k);
const struct fe_dbt_key *lint_output_key_row(struct lint_ctx *ctx,
					     const struct floe_node *k);
const struct fe_dbt_key *lint_attach_field_row(struct lint_ctx *ctx,
					       const struct floe_node *k);

/* floe_secret_classify() of a string key, the same way once per lint
 * for each key text (ctx->keys). */
unsigned lint_secret_class(struct lint_ctx *ctx, const struct floe_node *k);

/*
 * classify(ctx, k) of a string key, a byte that depends only on the
 * key's text and the releases linted for, kept once per lint for each
 * key text as the engine's rows are.  One classifier's answers are kept
 * (the first asked: the iceberg options' of rule_attach.c); another is
 * asked each time.
 */
unsigned lint_key_class(struct lint_ctx *ctx, const struct floe_node *k,
			lint_key_class_fn *classify);

/*
 * What is known of the text of a string node, kept once per lint for
 * each text address (the document holds a repeated short text once, so
 * every output's copy of a value shares it): LINT_VF_TEMPLATE, a
 * template to read (jinja_has_template(), as lint_render(),
 * lint_native() and the walk of templates ask it); LINT_VF_CONN_CLEAN, no
 * credential written in it as in a connection string (FP404's
 * literal_in_conn()).  lint_value_fact() is 1 or 0 when known, -1 when
 * not; lint_value_fact_set() records one (each is a function of the
 * text alone).  A slot another text takes is forgotten; nothing is kept
 * in the first output (a file of one would pay the table for nothing).
 */
enum {
	LINT_VF_TEMPLATE = 1, LINT_VF_CONN_CLEAN = 2,
	LINT_VF_PATH_NAMES_DB = 4, LINT_VF_TYPE_DUCKDB = 8,
	/* the walk of templates on a duckdb output: no template, or one
	 * its checks find nothing in (under a 'password' key: _PW) */
	LINT_VF_WALK_QUIET = 16, LINT_VF_WALK_QUIET_PW = 32,
	/* a template dbt's native rendering makes False (FP302) */
	LINT_VF_NATIVE_FALSE = 64,
	/* a secret TYPE an extension of the release has (FP414) */
	LINT_VF_SECRET_TYPE_HAD = 128,
	/* FP206: no plain http to a remote host */
	LINT_VF_NO_PLAIN_HTTP = 256
};
int lint_value_fact(struct lint_ctx *ctx, const struct floe_node *n,
		    unsigned fact);
void lint_value_fact_set(struct lint_ctx *ctx, const struct floe_node *n,
			 unsigned fact, bool holds);

/*
 * What is known of two scalars together (a key and its value, or two
 * values), kept once per lint for each pair of texts, by their
 * addresses, with each scalar's type and style (a quoted '4' shares the
 * text of a plain 4), as lint_value_fact() keeps one text's: from the
 * second output on, a slot another pair takes is forgotten.  Each
 * LINT_PF_* bit is a rule's "nothing to report" about the two, set once
 * it ran and found nothing, when its verdict depends on nothing else of
 * the nodes (not their positions) but on the releases linted for.  -1
 * when not known, or when a node is no scalar.
 */
enum {
	LINT_PF_OPTION_VALUE = 1,	/* FP306: the value is accepted */
	/* each_setting_value()'s rules, in `settings` (<< 1 in
	 * `config_options`) */
	LINT_PF_SETTING_TYPE = 2,	/* FP110: the value casts */
	LINT_PF_SETTING_WORD = 8,	/* FP110: a word it takes */
	LINT_PF_SETTING_MEMORY = 32,	/* FP111: the size parses */
	/* FP404 of a key and its value, by how the secret walk reads
	 * them (<< rule_credentials.c's secret_value_kind: 3 bits) */
	LINT_PF_SECRET = 128,
	/* an endpoint and its token URI, once both render */
	LINT_PF_TOKEN_URI = 1024,	/* FP201: they agree */
	LINT_PF_TOKEN_HOST = 2048,	/* FP202: one host */
	/* FP009: an output key's value, an attach field's */
	LINT_PF_SCHEMA = 4096, LINT_PF_SCHEMA_ATTACH = 8192,
	/* FP112: a setting whose value restricts no later SET */
	LINT_PF_RESTRICTS_NOTHING = 16384
};
static inline uint32_t lint_pair_shape(const struct floe_node *a,
				       const struct floe_node *b)
{
	return (uint32_t)a->type | (uint32_t)b->type << 8 |
	       (uint32_t)a->style << 16 | (uint32_t)b->style << 24;
}

static inline size_t lint_pair_slot(const struct floe_node *a,
				    const struct floe_node *b)
{
	return (uint32_t)(((uint32_t)(uintptr_t)a->value ^
			   ((uint32_t)(uintptr_t)b->value * 0x85EBCA6Bu)) *
			  0x9E3779B1u) >> (32 - LINT_PAIR_AT_BITS);
}

/* inline: the rules ask it of some 40 pairs of every output, nearly all
 * known */
static inline int lint_pair_fact(const struct lint_ctx *ctx,
				 const struct floe_node *a,
				 const struct floe_node *b, unsigned fact)
{
	const struct lint_pair_at *at;
	size_t slot;

	if (!ctx->past_first_output || !a || a->kind != FLOE_NODE_SCALAR ||
	    !b || b->kind != FLOE_NODE_SCALAR)
		return -1;
	slot = lint_pair_slot(a, b);
	at = &ctx->lazy.pair_at[slot];
	if (!(ctx->pair_at_used[slot / 64] >> (slot % 64) & 1) ||
	    at->a != a->value || at->b != b->value ||
	    at->shape != lint_pair_shape(a, b) || !(at->known & fact))
		return -1;
	return (at->facts & fact) != 0;
}
void lint_pair_fact_set(struct lint_ctx *ctx, const struct floe_node *a,
			const struct floe_node *b, unsigned fact, bool holds);

/*
 * holds(ctx, s) for `s`, the rendered text of n (lint_render()), kept as
 * value fact `fact` of n's text when s is that text (a literal value):
 * LINT_VF_PATH_NAMES_DB, dbt-duckdb names a database after the path
 * (FP319); LINT_VF_TYPE_DUCKDB, an attach TYPE that is duckdb.
 */
bool lint_text_fact(struct lint_ctx *ctx, const struct floe_node *n,
		    const char *s, unsigned fact,
		    bool (*holds)(struct lint_ctx *ctx, const char *s));

/*
 * derive(ctx, s, a) in the same way, kept as n's text's answer of kind
 * `kind` (one kind at a time: another asked of the same text replaces
 * it), not when ctx->err is set.  A kept answer must outlive the output:
 * in `a` (then ctx->arena; the scratch arena when it is not kept), the
 * lint arena, a static table or the document's text.
 */
enum {
	LINT_TA_EXTENSION = 1, LINT_TA_MAIN_CATALOG, LINT_TA_URL,
	LINT_TA_ALIAS_NAME,	/* the database an attach alias names,
				 * options after it */
	LINT_TA_ALIAS_NAME_LAST	/* the same, ending the statement */
};
typedef const void *lint_derive_fn(struct lint_ctx *ctx, const char *s,
				   struct arena *a);
const void *lint_text_answer(struct lint_ctx *ctx, const struct floe_node *n,
			     const char *s, unsigned kind,
			     lint_derive_fn *derive);

/*
 * fe_alias_parse() of `s`, the rendered text of n (lint_render()), for
 * the DuckDB release linted for; kept with the facts of n's text when s
 * is that text (a literal value).  `last` (lint_alias_last()): 1 when
 * nothing follows the alias in the statement, 0 when options do, -1 when
 * not known: then the answer both give, else FE_ALIAS_OK.
 */
enum fe_alias_refusal lint_alias_parse(struct lint_ctx *ctx,
				       const struct floe_node *n,
				       const char *s, int last);

/*
 * Whether dbt-duckdb writes the alias of attach item `item` last in its
 * ATTACH (credentials.py Attachment.to_sql(), 1.9.0 to 1.11.0: the
 * options, " (...)", follow it when there are any): 1 when it writes no
 * option (no type, secret, read_only or options), 0 when it writes TYPE
 * or READ_ONLY, which every release does, -1 when not known statically.
 */
int lint_alias_last(struct lint_ctx *ctx, const struct floe_node *item);

/* The expected attach alias (--alias, the config, or the default). */
const char *lint_expected_alias(const struct lint_ctx *ctx);

/*
 * The connection of an output that is meant for the platform catalog:
 * the one whose alias, else warehouse, matches what generate writes, else
 * the only one.  NULL when none can be told apart.
 */
const struct lint_conn *lint_platform_conn(struct lint_ctx *ctx,
					   const struct lint_conn *conns,
					   size_t n);

/* Report a finding of the running rule at a node (NULL: 1:1). */
void lint_report(struct lint_ctx *ctx, const struct floe_node *at,
		 const char *fmt, ...) FLOE_PRINTF(3, 4);
/*
 * Report a finding of the running rule about `topic` (an option name, a
 * field) of `item` (an attach item, a plugin entry).  A finding that only
 * follows from another one about the same topic of the same item -- the
 * registry's implication table, lint_implied[] in rules.c, says which
 * rule follows from which -- is dropped once the output's rules have run:
 * one root cause, one finding.
 */
void lint_report_on(struct lint_ctx *ctx, const struct floe_node *item,
		    const char *topic, const struct floe_node *at,
		    const char *fmt, ...) FLOE_PRINTF(5, 6);
/*
 * Report a finding of rule `id` (FLOE_FP008, ...): for the driver's own
 * findings (FP001, FP008), the project check's (FP60x) and a check that
 * reports for another rule.  Levels apply as for lint_report().
 */
void lint_report_id(struct lint_ctx *ctx, enum floe_rule_id id,
		    const struct floe_node *at, const char *fmt, ...)
	FLOE_PRINTF(4, 5);

/* Hold the output `output` against its platform (ctx->platform/catalog). */
void lint_select_platform(struct lint_ctx *ctx, const char *output);

/*
 * Set ctx->duckdb_version and ->dbt_duckdb_version from ctx->opt (0: the
 * defaults); FLOE_ERR_USAGE (and the defaults) when a version is neither
 * a known release nor newer than every one.
 */
enum floe_err lint_resolve_versions(struct lint_ctx *ctx);

/* Free what a ctx caches (not its arena). */
void lint_release_ctx(struct lint_ctx *ctx);

#define LINT_ANSWERS_KEPT 4096

/*
 * The arena of the readings cached in ctx->jcache, made on first use; NULL
 * (ctx->err set) when memory ran out.  lint_drop_readings() empties both
 * once an output's rules are done: what a rule keeps past its output it
 * copies into ctx->arena.  Only run_output_rules() drops them: check
 * --project (project.c) keeps rendered names of every model file in its
 * own context, which is never dropped.
 */
struct arena *lint_scratch(struct lint_ctx *ctx);
void lint_drop_readings(struct lint_ctx *ctx);

/*
 * Suppressions and de-duplication for the findings of one file.  `doc`
 * (NULL when the file did not parse) tells which lines lie inside
 * multi-line scalars, where a '#' is text, not a comment.
 */
void lint_finish_file(struct lint_ctx *ctx, const struct floe_doc *doc,
		      const char *buf, size_t len, size_t base);

/* ---- helpers for rules ---- */

/* true (1) or false (0) of a setting's value as DuckDB casts it to a
 * BOOLEAN; -1 when unknown (Jinja, odd text). */
int lint_setting_truth(struct lint_ctx *ctx, const struct floe_node *v);

/* Case-insensitive key lookup in a mapping: the pair, or NULL. */
const struct floe_pair *lint_get_ci(const struct floe_node *map,
				    const char *key);

/*
 * All the connections of an output (attach items of TYPE iceberg, then
 * Polaris plugins), each with its flavor: *conns points to the context's
 * array, valid until lint_conns() is asked of another output.  Found
 * once per output while its rules run.  0 (and *conns NULL) when there
 * are none or memory ran out (ctx->err).
 */
size_t lint_conns(struct lint_ctx *ctx, const struct lint_output *out,
		  const struct lint_conn **conns);

/*
 * Decide the catalog flavor of each connection (src/lint/rule_flavor.c;
 * engine/flavor.h says in which order); lint_conns calls it.
 */
void lint_conns_flavor(struct lint_ctx *ctx, struct lint_conn *conns,
		       size_t n);

/*
 * " (catalog flavor: Lakekeeper, because its host names lakekeeper)":
 * the note that ends a finding which depends on the flavor (arena).
 */
const char *lint_flavor_note(struct lint_ctx *ctx, const struct lint_conn *c);

/* Does a Polaris fact hold for the connection: taken for Polaris, or
 * unknown (floe's default)?  `flag` is the fe_flavor_flag asked. */
bool lint_flavor_has(const struct lint_conn *c, unsigned flag);

/* True if the attach item is TYPE iceberg (field or option). */
bool lint_attach_is_iceberg(const struct floe_node *item);

/*
 * True if the secrets: entry's `type`, rendered, is the secret type
 * `type` as DuckDB reads it (fe_secret_type_is(): 'iceberg', " ICEBERG"
 * and "iceberg" are all iceberg).  Every rule that asks a secret's type
 * asks here.
 */
bool lint_secret_type_is(struct lint_ctx *ctx, const struct floe_node *entry,
			 const char *type);

/*
 * What Python value dbt-duckdb is handed for scalar or collection `v`,
 * as far as a rule asks it of a flag: after dbt-core's native rendering
 * (a template whose last filter is a marker gives its literal_eval()).
 */
enum lint_py {
	LINT_PY_UNKNOWN,	/* known only when dbt runs */
	LINT_PY_TRUE,		/* the bool True */
	LINT_PY_FALSE,		/* the bool False */
	LINT_PY_NONE,		/* None */
	LINT_PY_OTHER		/* a str, a number, a dict, a list */
};

enum lint_py lint_py_value(struct lint_ctx *ctx, const struct floe_node *v);

/*
 * Whether secrets: entry `e` is written PERSISTENT: `persistent:` as
 * dbt-duckdb takes it (`is True`) after dbt-core's native rendering.
 * 1 persistent, 0 not, -1 known only when dbt runs.  rule_credentials.c.
 */
int lint_secret_persistent(struct lint_ctx *ctx, const struct floe_node *e);

/*
 * The secret DuckDB keeps for `e`, the i-th entry of an output's
 * secrets: list, as dbt-duckdb writes its CREATE SECRET: *sn holds its
 * name as the secret manager keeps it (lower-cased; _dbt_secret_<i+1>
 * when `name` is absent, __default_<type> when Python finds it false),
 * read by CREATE SECRET's grammar (fe_secret_name_parse(): a storage
 * clause and comments are not part of it), and whether it persists.
 * 1 when the secret is created under that name; 0 when CREATE SECRET
 * refuses the name (FP415), so no secret has it; -1 when not known
 * statically (a name or type rendered only at run time; a storage an
 * extension may register, sn->name then filled).  rule_credentials.c.
 */
int lint_secret_registered(struct lint_ctx *ctx, const struct floe_node *e,
			   size_t i, struct fe_secret_name *sn);

/*
 * The statically rendered value of a scalar (dbt renders every string in
 * profiles.yml as Jinja): literal text, and {{ env_var('X', 'default') }}
 * with its default (or the environment when opt->use_env), and one such
 * {{ }} under the string filters dbt's native rendering leaves a string
 * (trim, lower, upper, string, as_text: jinja_native_render()).  Returns
 * NULL when the value cannot be rendered statically (another expression
 * or filter, an env var with neither default nor value) or renders to a
 * bool or a number (lint_native() reads those): rules must then stay
 * silent.  The string is the node's own text, or lives in
 * ctx->scratch: valid until the output's rules are done
 * (lint_drop_readings()); copy what is kept longer into ctx->arena.
 */
const char *lint_render(struct lint_ctx *ctx, const struct floe_node *n);

/*
 * The extension an `extensions:` item names (a name, or {name: ...}),
 * rendered as lint_render() does, as DuckDB's aliases make it (https and
 * s3 are httpfs: fe_extension_canonical(), for the release linted for);
 * NULL when unknown.
 */
const char *lint_extension_canonical(struct lint_ctx *ctx,
				     const struct floe_node *item);

/*
 * `text`, what a message would show of the value `n` (its rendering),
 * or FLOE_SECRET_MASK when that is a secret: `n` is a credential's value
 * elsewhere (an alias: floe_profiles_is_secret()), or its Jinja reads a
 * DBT_ENV_SECRET_ variable (whose default is as secret).  For the rules
 * that quote a value whose own key is no credential's: a name, an alias,
 * a type.
 */
const char *lint_shown(struct lint_ctx *ctx, const struct floe_node *n,
		       const char *text);

/* Where dbt-duckdb writes a name unquoted (an ATTACH alias, a secret's). */
struct lint_unquoted {
	const char *what;	/* "attach alias" */
	const char *before;	/* "ATTACH ... AS": the SQL before it */
	const char *after;	/* "" or " (": the SQL after it */
	const char *key;	/* "alias": the YAML key, for the fix */
	const char *suffix;	/* "_catalog": to make a keyword a name */
};

/*
 * Report the name `s` of value `n`, which fe_alias_parse() gave `why`
 * (FE_ALIAS_KEYWORD or FE_ALIAS_NOT_WORD), as DuckDB's parser refuses it
 * where `u` says it is written; `fix`, when given, is a name to suggest.
 * The name is shown through lint_shown().
 */
void lint_report_unquoted(struct lint_ctx *ctx, const struct floe_node *n,
			  const char *s, enum fe_alias_refusal why,
			  const struct lint_unquoted *u, const char *fix);

/*
 * The database a rendered `path` opens, named as dbt-duckdb names it
 * (fe_dbt_path_database()), in the ctx arena; NULL when dbt cannot tell
 * (or out of memory: ctx->err says which).
 */
const char *lint_path_database(struct lint_ctx *ctx, const char *path);

/*
 * Why DuckDB refuses to open the database of the output `map` with
 * access_mode `value` (fe_open_refusal(): read_only when path is absent,
 * null or ':memory:'); NULL when it opens, or when lint cannot tell (a
 * path or value known only at run time, an empty path: FP319's).
 */
const char *lint_open_refusal(struct lint_ctx *ctx,
			      const struct floe_node *map,
			      const struct floe_node *value);

/*
 * "FILE:LINE:COLUMN" of node n of the platform file the output is held
 * against (FILE alone when n is NULL or has no place; "platform.yaml"
 * when there is no file), for a message: in the scratch arena, valid
 * while the output's rules run.
 */
const char *lint_platform_at(struct lint_ctx *ctx, const struct floe_node *n);

/*
 * A URL value: its text as lint_render() gives it, split by url_parse()
 * into *u; NULL when absent, not rendered statically, or without a
 * host.  The text may hold user:password@ (callers that print it check).
 */
const char *lint_url(struct lint_ctx *ctx, const struct floe_node *n,
		     struct url *u);

/*
 * A string value that is one filtered {{ }} (dbt's native rendering): what
 * its filters receive (jinja.h, struct jinja_native).  False otherwise.
 */
bool lint_native(struct lint_ctx *ctx, const struct floe_node *n,
		 struct jinja_native *out);

/* What a scalar's Jinja contains. */
struct lint_jinja {
	bool has_jinja;		/* a {{ or {% anywhere */
	bool malformed;		/* an env_var call that does not parse */
	const char *problem;	/* why, when malformed (static text) */
	unsigned nr_env;	/* env_var() calls */
	unsigned nr_secret_env;	/* ... of DBT_ENV_SECRET_ variables */
	unsigned nr_no_default;	/* ... without a default */
	bool has_filter;	/* a `|` filter after a call */
	bool has_other;		/* expressions other than env_var calls */
	bool has_text;		/* literal text outside {{ }} */
	const char *first_env;	/* name of the first env var (scratch:
				 * valid while the output's rules run) */
};

void lint_jinja_scan(struct lint_ctx *ctx, const struct floe_node *n,
		     struct lint_jinja *out);

/* One env_var() call of a value, as lint_env_calls() reports it. */
struct lint_env_call {
	const char *name;	/* the variable (scratch, as lint_render();
				 * NUL-terminated) */
	int name_len;		/* at most 80, for messages */
	bool has_default;
	size_t default_len;	/* the default is never kept, only its size */
	bool filtered;		/* a `|` filter follows the call */
	bool operated;		/* another operator or method follows it */
	bool secret;		/* a DBT_ENV_SECRET_ variable */
};

/*
 * The env_var() calls of a string value, in order (at most `max`); 0
 * when the value has none or its Jinja is malformed.
 */
size_t lint_env_calls(struct lint_ctx *ctx, const struct floe_node *n,
		      struct lint_env_call *calls, size_t max);

/* lint_env_calls() of a reading (0 when it is malformed). */
size_t lint_env_calls_of(const struct jinja_read *j,
			 struct lint_env_call *calls, size_t max);

/* The closest of `known` (NULL-terminated) within two edits, or NULL. */
const char *lint_did_you_mean(const char *word, const char *const *known);


/* True if the scalar is written as a non-Jinja literal. */
bool lint_is_literal(const struct floe_node *n);

#endif
