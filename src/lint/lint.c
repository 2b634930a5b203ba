/*
 * The lint driver: parse, walk every profile and output, run the rules,
 * then apply inline suppressions and drop duplicates.
 *
 * A finding is reported where the offending text is written: a value that
 * reaches an output through an anchor or a `<<` merge keeps the position
 * of its definition, and the same finding reached through several outputs
 * is reported once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "ascii.h"
#include "hash.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "rules.h"
#include "secret.h"

/* ---- reporting ---- */

/*
 * The configured level of a rule: `levels` is indexed like floe_rule_at(),
 * and a rule whose level is fixed (FP001: nothing could be read) ignores
 * it.
 */
static enum floe_level level_of(const enum floe_level *levels,
				enum floe_rule_id id)
{
	const struct floe_rule *r = floe_rule_get(id);

	if (!r || !levels || r->level_fixed)
		return FLOE_LEVEL_DEFAULT;
	return levels[id - 1];
}

/*
 * The severity a finding of rule `id` gets at level `lvl`, starting from
 * `sev`; -1 when the rule is off (an opt-in rule is off by default).
 */
static int severity_at(enum floe_rule_id id, enum floe_level lvl,
		       enum floe_severity sev)
{
	const struct floe_rule *r = floe_rule_get(id);

	if (lvl == FLOE_LEVEL_OFF ||
	    (lvl == FLOE_LEVEL_DEFAULT && r && r->opt_in))
		return -1;
	if (lvl == FLOE_LEVEL_INFO)
		return FLOE_SEV_INFO;
	if (lvl == FLOE_LEVEL_WARNING)
		return FLOE_SEV_WARNING;
	if (lvl == FLOE_LEVEL_ERROR)
		return FLOE_SEV_ERROR;
	return (int)sev;
}

/* Distinct texts a message may hold that no message may show. */
#define SCRUB_MAX 256

static void scrub_add(struct lint_ctx *ctx, const char *t)
{
	if (!t || !*t)
		return;
	for (size_t i = 0; i < ctx->nr_scrub; i++)
		if (!strcmp(ctx->scrub[i], t))
			return;
	if (ctx->nr_scrub == SCRUB_MAX) {
		ctx->scrub_overflow = true;
		return;
	}
	if (ALLOC_GROW(ctx->scrub, ctx->nr_scrub + 1, ctx->alloc_scrub)) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	ctx->scrub[ctx->nr_scrub++] = t;
}

/* A value whose rendering reads a DBT_ENV_SECRET_ variable: a default
 * that is as secret as the variable. */
static bool reads_secret_env(struct lint_ctx *ctx, const struct floe_node *n)
{
	struct lint_jinja j;

	if (!floe_node_is_str(n) || !jinja_has_template(n))
		return false;
	lint_jinja_scan(ctx, n, &j);
	return j.nr_secret_env > 0;
}

/* The output's values that reads_secret_env(). */
static void scrub_walk(struct lint_ctx *ctx, const struct floe_node *n,
		       unsigned depth)
{
	if (!n || depth > FLOE_YAML_MAX_DEPTH || ctx->scrub_overflow)
		return;
	if (n->kind == FLOE_NODE_MAP) {
		for (size_t i = 0; i < n->nr; i++)
			scrub_walk(ctx, n->pairs[i].value, depth + 1);
	} else if (n->kind == FLOE_NODE_SEQ) {
		for (size_t i = 0; i < n->nr; i++)
			scrub_walk(ctx, n->items[i], depth + 1);
	} else if (reads_secret_env(ctx, n)) {
		scrub_add(ctx, lint_render(ctx, n));
	}
}

static void find_scrub(struct lint_ctx *ctx)
{
	const struct floe_profiles *m = ctx->model;

	ctx->scrub_known = true;
	for (size_t i = 0; m && i < m->nr_secret_nodes; i++)
		scrub_add(ctx, m->secret_nodes[i]->value);
	if (ctx->scrub_out)
		scrub_walk(ctx, ctx->scrub_out->map, 0);
}

/* The list itself; a finding after it (lint_finish_file()'s) makes
 * another, which that frees. */
static void scrub_release(struct lint_ctx *ctx)
{
	free(ctx->scrub);
	ctx->scrub = NULL;
	ctx->nr_scrub = ctx->alloc_scrub = 0;
	ctx->scrub_known = false;
}

/* Forget the output's texts (the file's are found again: few). */
static void scrub_forget(struct lint_ctx *ctx, const struct lint_output *out)
{
	ctx->scrub_out = out;
	ctx->scrub_known = ctx->scrub_overflow = false;
	ctx->nr_scrub = 0;
}

static void vreport(struct lint_ctx *ctx, enum floe_rule_id id,
		    const struct floe_node *at, const char *fmt, va_list ap)
	FLOE_PRINTF(4, 0);
static void vreport(struct lint_ctx *ctx, enum floe_rule_id id,
		    const struct floe_node *at, const char *fmt, va_list ap)
{
	const struct floe_rule *r = floe_rule_get(id);
	struct floe_loc loc = floe_node_loc(ctx->file, at);
	struct strbuf sb = STRBUF_INIT;
	char *msg;
	int sev;

	if (!r) {
		ctx->err = FLOE_ERR_INTERNAL;	/* no such rule: a bug */
		return;
	}
	sev = severity_at(id, level_of(ctx->opt->levels, id), r->severity);
	if (sev < 0)
		return;
	if (!at)
		loc.start.line = loc.start.column = loc.end.line =
			loc.end.column = 1;
	if (!ctx->scrub_known)
		find_scrub(ctx);
	if (!ctx->nr_scrub && !ctx->scrub_overflow) {
		if (floe_diags_vaddf(ctx->diags, (enum floe_severity)sev, id,
				     loc, fmt, ap))
			ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	/* a message may quote a value that is a secret elsewhere */
	if (ctx->scrub_overflow)
		strbuf_addf(&sb, "%s (the message is withheld: the output "
			    "holds too many secret values to mask in it)",
			    r->summary);
	else
		strbuf_vaddf(&sb, fmt, ap);
	msg = strbuf_detach(&sb, NULL);
	msg = msg ? floe_secret_scrub_texts(msg, ctx->scrub, ctx->nr_scrub)
		  : NULL;
	if (!msg || floe_diags_addf(ctx->diags, (enum floe_severity)sev, id,
				    loc, "%s", msg))
		ctx->err = FLOE_ERR_NOMEM;
	free(msg);
}

void lint_report(struct lint_ctx *ctx, const struct floe_node *at,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, ctx->rule_id, at, fmt, ap);
	va_end(ap);
}

void lint_report_id(struct lint_ctx *ctx, enum floe_rule_id id,
		    const struct floe_node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, id, at, fmt, ap);
	va_end(ap);
}

void lint_report_on(struct lint_ctx *ctx, const struct floe_node *item,
		    const char *topic, const struct floe_node *at,
		    const char *fmt, ...)
{
	size_t before = ctx->diags->nr;
	struct lint_subject *s;
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, ctx->rule_id, at, fmt, ap);
	va_end(ap);
	if (ctx->diags->nr == before)
		return;		/* off, or out of memory */
	if (ALLOC_GROW(ctx->subjects, ctx->nr_subjects + 1,
		       ctx->alloc_subjects)) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	s = &ctx->subjects[ctx->nr_subjects++];
	s->diag = before;
	s->rule = ctx->rule_id;
	s->item = item;
	s->topic = topic;
}

/* ---- the Jinja reader (src/jinja.c), as the rules see it ---- */

static inline bool has_template(struct lint_ctx *ctx,
				const struct floe_node *n);

/* jinja_read_ref() through the ctx's cache and readings' arena; false
 * (ctx->err set) when memory ran out. */
static bool jread_ref(struct lint_ctx *ctx, const struct floe_node *n,
		      struct jinja_read *tmp, const struct jinja_read **out)
{
	if (!lint_scratch(ctx) ||
	    jinja_read_ref(&ctx->jcache, ctx->scratch, n, &ctx->jopt, tmp,
			   out) != FLOE_OK) {
		ctx->err = FLOE_ERR_NOMEM;
		return false;
	}
	return true;
}

void lint_jinja_scan(struct lint_ctx *ctx, const struct floe_node *n,
		     struct lint_jinja *out)
{
	struct jinja_read tmp;
	const struct jinja_read *j;

	memset(out, 0, sizeof(*out));
	if (!jread_ref(ctx, n, &tmp, &j))
		return;
	out->has_jinja = j->has_jinja;
	out->malformed = j->malformed;
	out->problem = j->problem;
	out->nr_env = j->nr_env;
	out->nr_secret_env = j->nr_secret_env;
	out->nr_no_default = j->nr_no_default;
	out->has_filter = j->has_filter;
	out->has_other = j->has_other;
	out->has_text = j->has_text;
	out->first_env = j->first_env;
}

size_t lint_env_calls(struct lint_ctx *ctx, const struct floe_node *n,
		      struct lint_env_call *calls, size_t max)
{
	struct jinja_read tmp;
	const struct jinja_read *j;

	if (!jread_ref(ctx, n, &tmp, &j))
		return 0;
	return lint_env_calls_of(j, calls, max);
}

size_t lint_env_calls_of(const struct jinja_read *j,
			 struct lint_env_call *calls, size_t max)
{
	size_t nr = 0;

	if (j->malformed)
		return 0;
	for (size_t i = 0; i < j->nr_calls && nr < max; i++) {
		const struct jinja_call *c = &j->calls[i];
		struct lint_env_call *l = &calls[nr++];

		memset(l, 0, sizeof(*l));
		l->name = c->name;
		l->name_len = c->name_len > 80 ? 80 : (int)c->name_len;
		l->has_default = c->has_default;
		l->default_len = c->default_len;
		l->filtered = c->filtered;
		l->operated = c->operated;
		l->secret = c->secret;
	}
	return nr;
}

bool lint_native(struct lint_ctx *ctx, const struct floe_node *n,
		 struct jinja_native *out)
{
	struct jinja_read tmp;
	const struct jinja_read *j;

	/* literal text is no filtered {{ }} */
	if (!has_template(ctx, n) || !jread_ref(ctx, n, &tmp, &j) ||
	    !j->native.filters)
		return false;
	*out = j->native;
	return true;
}

const char *lint_path_database(struct lint_ctx *ctx, const char *path)
{
	const char *name, *db;
	size_t len;

	name = fe_dbt_path_database(path, ctx->dbt_duckdb_version, &len);
	if (!len)
		return NULL;
	db = arena_strndup(ctx->arena, name, len);
	if (!db)
		ctx->err = FLOE_ERR_NOMEM;
	return db;
}

const char *lint_open_refusal(struct lint_ctx *ctx,
			      const struct floe_node *map,
			      const struct floe_node *value)
{
	const struct floe_node *path = floe_map_get(map, "path");
	const char *p = NULL, *mode;

	if (path && !(path->kind == FLOE_NODE_SCALAR &&
		      path->type == FLOE_TYPE_NULL) &&
	    (!floe_node_is_str(path) || !(p = lint_render(ctx, path)) || !*p))
		return NULL;
	if (!value || !floe_node_is_str(value) ||
	    !(mode = lint_render(ctx, value)))
		return NULL;
	return fe_open_refusal(p, mode, ctx->duckdb_version);
}

/*
 * A value that is one filtered {{ }} (`| trim`, `| lower`, ...), as dbt's
 * native rendering gives it, when that is a string; NULL when it is not
 * known statically, or is a bool or a number (the rules that judge those
 * read them with lint_native()).
 */
static const char *native_text(struct lint_ctx *ctx,
			       const struct jinja_native *nv)
{
	struct strbuf sb = STRBUF_INIT;
	enum jinja_type type;
	const char *text = NULL;
	int rendered;

	if (!nv->filters)
		return NULL;
	rendered = jinja_native_render(nv, &sb, &type);
	if (strbuf_error(&sb))
		ctx->err = FLOE_ERR_NOMEM;
	else if (rendered && type == JINJA_STR &&
		 !(text = arena_strndup(ctx->scratch, sb.buf, sb.len)))
		ctx->err = FLOE_ERR_NOMEM;
	strbuf_release(&sb);
	return text;
}

const char *lint_render(struct lint_ctx *ctx, const struct floe_node *n)
{
	const struct jinja_read *j;
	struct jinja_read tmp;

	/* literal text, most values, renders as itself (jinja_read), but
	 * for the newlines Jinja's lexer changes (never in a plain one) */
	if (floe_node_is_str(n) && !has_template(ctx, n) &&
	    (n->style == FLOE_STYLE_PLAIN ||
	     !jinja_lexer_changes(n->value, n->len)))
		return n->value;
	if (!jread_ref(ctx, n, &tmp, &j) || j->malformed)
		return NULL;
	if (j->text)
		return j->text;
	return native_text(ctx, &j->native);
}

const char *lint_shown(struct lint_ctx *ctx, const struct floe_node *n,
		       const char *text)
{
	if (!text)
		return NULL;
	return floe_profiles_is_secret(ctx->model, n) ||
	       reads_secret_env(ctx, n) ? FLOE_SECRET_MASK : text;
}

void lint_report_unquoted(struct lint_ctx *ctx, const struct floe_node *n,
			  const char *s, enum fe_alias_refusal why,
			  const struct lint_unquoted *u, const char *fix)
{
	const char *shown = lint_shown(ctx, n, s);

	if (shown != s)
		fix = NULL;	/* nothing derived from a secret either */
	if (why == FE_ALIAS_KEYWORD) {
		lint_report(ctx, n, "the %s '%s' is a keyword DuckDB refuses "
			    "after %s. dbt-duckdb writes it unquoted, a "
			    "syntax error; choose another name, e.g. '%s%s'",
			    u->what, shown, u->before, shown, u->suffix);
		return;
	}
	lint_report(ctx, n, "the %s '%s' is not one SQL identifier. "
		    "dbt-duckdb writes it unquoted into '%s %s%s', which "
		    "does not parse; use letters, digits, '_' and '$', not "
		    "starting with a digit or '$'%s%s%s, or put the name in "
		    "double quotes inside the YAML string (%s: '\"...\"')",
		    u->what, shown, u->before, shown, u->after,
		    fix ? ", e.g. '" : "", fix ? fix : "", fix ? "'" : "",
		    u->key);
}

/* The node of an extension's name: the item, or its `name`. */
static const struct floe_node *extension_name_node(
	const struct floe_node *item)
{
	if (item && item->kind == FLOE_NODE_MAP)
		item = floe_map_get(item, "name");
	return floe_node_is_str(item) ? item : NULL;
}

static const void *canonical_extension(struct lint_ctx *ctx, const char *s,
				       struct arena *a)
{
	(void)a;
	return fe_extension_canonical(s, ctx->duckdb_version);
}

const char *lint_extension_canonical(struct lint_ctx *ctx,
				     const struct floe_node *item)
{
	const struct floe_node *n = extension_name_node(item);
	const char *s = n ? lint_render(ctx, n) : NULL;

	return s ? lint_text_answer(ctx, n, s, LINT_TA_EXTENSION,
				    canonical_extension) : NULL;
}

const char *lint_platform_at(struct lint_ctx *ctx, const struct floe_node *n)
{
	const struct floe_platform *p = ctx->platform ? ctx->platform
						      : ctx->opt->platform;
	const char *file = p && p->file ? p->file : "platform.yaml";
	struct floe_pos at = n ? floe_node_start(n) : (struct floe_pos){ 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct arena *a = lint_scratch(ctx);
	char *s = NULL;

	if (at.line)
		strbuf_addf(&sb, "%s:%u:%u", file, at.line, at.column);
	else
		strbuf_adds(&sb, file);
	if (a && !strbuf_error(&sb))
		s = arena_strndup(a, sb.buf, sb.len);
	if (!s)
		ctx->err = FLOE_ERR_NOMEM;
	strbuf_release(&sb);
	return s ? s : "platform.yaml";
}

/* url_parse() of s, in `a`; NULL when it has no host */
static const void *parsed_url(struct lint_ctx *ctx, const char *s,
			      struct arena *a)
{
	struct url u, *d;

	if (url_parse(s, &u))
		return NULL;
	d = arena_alloc_uninit(a, sizeof(*d));
	if (!d) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	*d = u;
	return d;
}

const char *lint_url(struct lint_ctx *ctx, const struct floe_node *n,
		     struct url *u)
{
	const size_t max = sizeof(ctx->urls) / sizeof(ctx->urls[0]);
	struct lint_url_memo *m;
	const struct url *p;
	const char *text;

	if (!n)
		return NULL;
	/* only while an output's rules run: nodes are not reused then */
	for (size_t i = 0; ctx->conns_of && i < ctx->nr_urls; i++)
		if (ctx->urls[i].node == n) {
			*u = ctx->urls[i].u;
			return ctx->urls[i].text;
		}
	text = lint_render(ctx, n);
	p = text ? lint_text_answer(ctx, n, text, LINT_TA_URL, parsed_url)
		 : NULL;
	if (p)
		*u = *p;
	else
		text = NULL;
	if (!ctx->conns_of || ctx->nr_urls == max)
		return text;
	m = &ctx->urls[ctx->nr_urls++];
	m->node = n;
	m->text = text;
	if (text)
		m->u = *u;
	return text;
}

bool lint_is_literal(const struct floe_node *n)
{
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type == FLOE_TYPE_NULL)
		return false;
	for (size_t i = 0; i + 1 < n->len; i++)
		if (n->value[i] == '{' && (n->value[i + 1] == '{' ||
					   n->value[i + 1] == '%'))
			return false;
	return true;
}

/* ---- helpers for the rules ---- */

int lint_setting_truth(struct lint_ctx *ctx, const struct floe_node *v)
{
	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_BOOL)
		return floe_node_true(v);
	if (v && v->kind == FLOE_NODE_SCALAR && v->type == FLOE_TYPE_INT)
		return strcmp(v->value, "0") != 0;
	return fe_duckdb_bool(lint_render(ctx, v));
}

const struct floe_pair *lint_get_ci(const struct floe_node *map,
				    const char *key)
{
	size_t len = strlen(key);

	if (!map || map->kind != FLOE_NODE_MAP)
		return NULL;
	for (size_t i = map->nr; i-- > 0;) {
		const struct floe_node *k = map->pairs[i].key;

		if (k->type == FLOE_TYPE_STR && k->len == len &&
		    (!len || ascii_same_ci_n(k->value, key, len)))
			return &map->pairs[i];
	}
	return NULL;
}

/* ---- engine rows of keys, once per output ---- */

enum { MEMO_SECRET_TYPE = 1 };

/*
 * The memo's slot for (k, aux, kind): found (*found), or claimed empty;
 * NULL when the probes find neither, and the caller answers itself.
 */
static struct lint_memo *memo_slot(struct lint_ctx *ctx, const void *k,
				   const void *aux, unsigned kind, bool *found)
{
	const size_t nr = sizeof(ctx->lazy.memo) / sizeof(ctx->lazy.memo[0]);
	/* Fibonacci hashing: the top 7 bits of the address's product */
	size_t h = (uint32_t)((uint32_t)((uintptr_t)k >> 3) * 0x9E3779B1u) >>
		   25;

	for (size_t probe = 0; probe < 8; probe++) {
		size_t i = (h + kind + probe) % nr;
		uint64_t bit = (uint64_t)1 << (i % 64);
		struct lint_memo *m = &ctx->lazy.memo[i];

		if (!(ctx->memo_used[i / 64] & bit)) {
			ctx->memo_used[i / 64] |= bit;
			m->key = k;
			m->aux = aux;
			m->kind = (unsigned char)kind;
			*found = false;
			return m;
		}
		if (m->key == k && m->aux == aux && m->kind == kind) {
			*found = true;
			return m;
		}
	}
	return NULL;
}

/* Forget the memo: with the readings (lint_drop_readings()), as a
 * secret's TYPE text it keeps lives in the scratch arena. */
static void memo_forget(struct lint_ctx *ctx)
{
	memset(ctx->memo_used, 0, sizeof(ctx->memo_used));
}

/* ---- what is known of a key, by its text, once per lint ---- */

/* the engine's rows a key is asked for: lint_key_facts.rows[] */
enum {
	KEY_SETTING, KEY_OPTION, KEY_ANY_OPTION, KEY_OUTPUT_KEY,
	KEY_ATTACH_FIELD, KEY__ROWS
};
#define KEY_SECRET_KNOWN (1u << KEY__ROWS)
#define KEY_INLINE_KNOWN (2u << KEY__ROWS)
#define KEY_INLINE (4u << KEY__ROWS)	/* an inline OAuth2 option */
#define KEY_CLASS_KNOWN (8u << KEY__ROWS)	/* lint_key_class() */
_Static_assert(KEY__ROWS == LINT_KEY_ROWS, "a row slot per row asked");

/* Past the longest, or once the table holds KEY_FACTS_MAX texts, a key
 * is answered each time it is asked, as before. */
#define KEY_TEXT_MAX 64
#define KEY_FACTS_MAX (LINT_KEY_SLOTS / 2)
/* a full table that keeps missing stops being asked (a wide mapping of
 * distinct keys would pay the hashing for nothing) */
#define KEY_MISSES_MAX 4096

static bool slot_used(const uint64_t *bits, size_t i)
{
	return bits[i / 64] & ((uint64_t)1 << (i % 64));
}

static void use_slot(uint64_t *bits, size_t i)
{
	bits[i / 64] |= (uint64_t)1 << (i % 64);
}

/* The facts of k's text in the table: found, or made empty; NULL when
 * not held (a long key, the table full). */
static struct lint_key_facts *find_key_facts(struct lint_ctx *ctx,
					     const struct floe_node *k)
{
	const size_t mask = LINT_KEY_SLOTS - 1;
	size_t h, i;
	struct lint_key_facts *f;

	if (k->len > KEY_TEXT_MAX || ctx->key_misses > KEY_MISSES_MAX)
		return NULL;
	h = floe_hash_text(k->value, k->len);
	for (i = h & mask; slot_used(ctx->key_used, i); i = (i + 1) & mask) {
		f = &ctx->lazy.keys[i];
		if (f->hash == h && f->len == k->len &&
		    !memcmp(f->text, k->value, k->len))
			return f;
	}
	if (ctx->nr_keys == KEY_FACTS_MAX) {
		ctx->key_misses++;
		return NULL;
	}
	use_slot(ctx->key_used, i);
	f = &ctx->lazy.keys[i];
	f->text = k->value;
	f->len = (uint32_t)k->len;
	f->hash = h;
	f->known = 0;
	ctx->nr_keys++;
	return f;
}

/*
 * What is known of the text of k, a string key: found, or made empty;
 * NULL when it is not held, and the caller answers itself -- nothing is
 * missed, it only costs more.  A profile writes the same keys in every
 * output, and what the engine says of a key depends only on its text
 * and on the releases linted for, which are the lint's.  Asked first by
 * the address of the text: the document holds a repeated short text once
 * (src/yaml_tree.c), so the keys of every output mostly share their
 * texts' addresses, and one address is one text while the document
 * lives.  That table is direct-mapped: a key whose slot another took is
 * found by its text.
 */
static struct lint_key_facts *key_facts_slow(struct lint_ctx *ctx,
					     const struct floe_node *k,
					     struct lint_key_at *at,
					     size_t slot)
{
	struct lint_key_facts *f = find_key_facts(ctx, k);

	if (f) {
		use_slot(ctx->key_at_used, slot);
		at->text = k->value;
		at->facts = f;
	}
	return f;
}

/* inline: some 75 keys of every output are asked, nearly all found at
 * their address */
static inline struct lint_key_facts *key_facts(struct lint_ctx *ctx,
					       const struct floe_node *k)
{
	/* the texts are the document's: forgotten with it, in
	 * lint_finish_file() */
	size_t slot = (uint32_t)((uint32_t)(uintptr_t)k->value *
				 0x9E3779B1u) >> (32 - LINT_KEY_AT_BITS);
	struct lint_key_at *at = &ctx->lazy.key_at[slot];

	if (slot_used(ctx->key_at_used, slot) && at->text == k->value &&
	    at->facts->len == k->len)
		return at->facts;
	return key_facts_slow(ctx, k, at, slot);
}

#define KEY_ROW(ctx, k, row, find) do { \
		struct lint_key_facts *f_; \
		if (!floe_node_is_str(k)) \
			return NULL; \
		f_ = key_facts(ctx, k); \
		if (!f_) \
			return find; \
		if (!(f_->known & (1u << (row)))) { \
			f_->rows[row] = find; \
			f_->known |= 1u << (row); \
		} \
		return f_->rows[row]; \
	} while (0)

const struct fe_setting *lint_setting_row(struct lint_ctx *ctx,
					  const struct floe_node *k)
{
	KEY_ROW(ctx, k, KEY_SETTING,
		fe_setting_find(k->value, ctx->duckdb_version));
}

const struct fe_iceberg_option *lint_option_row(struct lint_ctx *ctx,
						const struct floe_node *k)
{
	KEY_ROW(ctx, k, KEY_OPTION,
		fe_iceberg_option_find(k->value, ctx->duckdb_version));
}

const struct fe_iceberg_option *lint_any_option_row(struct lint_ctx *ctx,
						    const struct floe_node *k)
{
	KEY_ROW(ctx, k, KEY_ANY_OPTION,
		fe_iceberg_option_find(k->value, FE_ANY));
}

const struct fe_dbt_key *lint_output_key_row(struct lint_ctx *ctx,
					     const struct floe_node *k)
{
	KEY_ROW(ctx, k, KEY_OUTPUT_KEY,
		fe_dbt_output_key(k->value, ctx->dbt_duckdb_version));
}

const struct fe_dbt_key *lint_attach_field_row(struct lint_ctx *ctx,
					       const struct floe_node *k)
{
	KEY_ROW(ctx, k, KEY_ATTACH_FIELD,
		fe_dbt_attach_field(k->value, ctx->dbt_duckdb_version));
}

/* The slot of n's text in lazy.value_at, NULL when n is no string;
 * inline, as the rules ask it of most values of every output */
static inline struct lint_value_at *value_at(struct lint_ctx *ctx,
					     const struct floe_node *n)
{
	size_t slot;
	struct lint_value_at *at;

	if (!ctx->past_first_output || !floe_node_is_str(n))
		return NULL;
	slot = (uint32_t)((uint32_t)(uintptr_t)n->value * 0x9E3779B1u) >>
	       (32 - LINT_VALUE_AT_BITS);
	at = &ctx->lazy.value_at[slot];
	if (!slot_used(ctx->value_at_used, slot) || at->text != n->value ||
	    at->len != n->len) {
		use_slot(ctx->value_at_used, slot);
		at->text = n->value;
		at->len = n->len;
		at->known = at->facts = at->alias = at->answer_kind = 0;
	}
	return at;
}

/* lint_value_fact(), inline for lint_render() and lint_native() */
static inline int value_fact(struct lint_ctx *ctx, const struct floe_node *n,
			     unsigned fact)
{
	struct lint_value_at *at = value_at(ctx, n);

	if (!at || !(at->known & fact))
		return -1;
	return (at->facts & fact) != 0;
}

int lint_value_fact(struct lint_ctx *ctx, const struct floe_node *n,
		    unsigned fact)
{
	return value_fact(ctx, n, fact);
}

/* Record fact bit(s) `fact` as known, and whether they hold. */
static void fact_bits(unsigned short *known, unsigned short *facts,
		      unsigned fact, bool holds)
{
	*known |= (unsigned short)fact;
	if (holds)
		*facts |= (unsigned short)fact;
	else
		*facts &= (unsigned short)~fact;
}

static void fact_set(struct lint_value_at *at, unsigned fact, bool holds)
{
	if (at)
		fact_bits(&at->known, &at->facts, fact, holds);
}

void lint_value_fact_set(struct lint_ctx *ctx, const struct floe_node *n,
			 unsigned fact, bool holds)
{
	fact_set(value_at(ctx, n), fact, holds);
}

void lint_pair_fact_set(struct lint_ctx *ctx, const struct floe_node *a,
			const struct floe_node *b, unsigned fact, bool holds)
{
	size_t slot;
	struct lint_pair_at *at;
	uint32_t shape;

	if (!ctx->past_first_output || !a || a->kind != FLOE_NODE_SCALAR ||
	    !b || b->kind != FLOE_NODE_SCALAR)
		return;
	slot = lint_pair_slot(a, b);
	at = &ctx->lazy.pair_at[slot];
	shape = lint_pair_shape(a, b);
	if (!slot_used(ctx->pair_at_used, slot) || at->a != a->value ||
	    at->b != b->value || at->shape != shape) {
		use_slot(ctx->pair_at_used, slot);	/* another pair's */
		at->a = a->value;
		at->b = b->value;
		at->shape = shape;
		at->known = at->facts = 0;
	}
	fact_bits(&at->known, &at->facts, fact, holds);
}

/* The value_at slot of s when it is n's own text, else NULL. */
static struct lint_value_at *literal_at(struct lint_ctx *ctx,
					const struct floe_node *n,
					const char *s)
{
	return floe_node_is_str(n) && s == n->value ? value_at(ctx, n)
						    : NULL;
}

bool lint_text_fact(struct lint_ctx *ctx, const struct floe_node *n,
		    const char *s, unsigned fact,
		    bool (*holds)(struct lint_ctx *ctx, const char *s))
{
	struct lint_value_at *at = literal_at(ctx, n, s);
	bool h;

	if (at && (at->known & fact))
		return at->facts & fact;
	h = holds(ctx, s);
	/* again: holds() may have given the slot to another text */
	fact_set(literal_at(ctx, n, s), fact, h);
	return h;
}

/* Forget what value_at knows, and the answers derived for it. */
static void forget_answers(struct lint_ctx *ctx)
{
	memset(ctx->value_at_used, 0, sizeof(ctx->value_at_used));
	arena_reset(ctx->answers);
	ctx->nr_answers = 0;
}

const void *lint_text_answer(struct lint_ctx *ctx, const struct floe_node *n,
			     const char *s, unsigned kind,
			     lint_derive_fn *derive)
{
	struct lint_value_at *at = literal_at(ctx, n, s);
	struct arena *a = at ? ctx->answers : lint_scratch(ctx);
	const void *answer;

	if (at && at->answer_kind == kind)
		return at->answer;
	if (at && !a && !(a = ctx->answers = arena_new()))
		ctx->err = FLOE_ERR_NOMEM;
	if (!a)
		return NULL;	/* out of memory: ctx->err */
	ctx->nr_answers += at != NULL;
	answer = derive(ctx, s, a);
	at = literal_at(ctx, n, s);	/* derive() may have reused it */
	if (at && !ctx->err) {
		at->answer_kind = (unsigned char)kind;
		at->answer = answer;
	}
	return answer;
}

/* fe_alias_parse() of s, ending the statement or not, kept in the low
 * (not last) or high (last) half of the text's `alias`, + 1 */
static enum fe_alias_refusal alias_parse_kept(struct lint_ctx *ctx,
					      const struct floe_node *n,
					      const char *s, bool last)
{
	struct lint_value_at *at = literal_at(ctx, n, s);
	unsigned shift = last ? 4 : 0;
	enum fe_alias_refusal why;

	if (at && (at->alias >> shift & 15))
		return (enum fe_alias_refusal)((at->alias >> shift & 15) - 1);
	why = fe_alias_parse(s, last, ctx->duckdb_version);
	at = literal_at(ctx, n, s);
	if (at)
		at->alias = (unsigned char)((at->alias & (15u << (4 - shift))) |
					    (unsigned)(why + 1) << shift);
	return why;
}

enum fe_alias_refusal lint_alias_parse(struct lint_ctx *ctx,
				       const struct floe_node *n,
				       const char *s, int last)
{
	enum fe_alias_refusal mid, end;

	if (last >= 0)
		return alias_parse_kept(ctx, n, s, last);
	mid = alias_parse_kept(ctx, n, s, false);
	end = alias_parse_kept(ctx, n, s, true);
	return mid == end ? mid : FE_ALIAS_OK;
}

/* A rendered string that Python finds true: 1, 0, or -1 (not known). */
static int rendered_truthy(struct lint_ctx *ctx, const struct floe_node *n)
{
	const char *s;

	if (!n || (n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL))
		return 0;
	if (!floe_node_is_str(n) || !(s = lint_render(ctx, n)))
		return -1;
	return *s != '\0';
}

enum lint_py lint_py_value(struct lint_ctx *ctx, const struct floe_node *v)
{
	struct strbuf sb = STRBUF_INIT;
	struct jinja_native nv;
	enum jinja_type type;
	enum lint_py r;

	if (v->kind != FLOE_NODE_SCALAR)
		return LINT_PY_OTHER;
	if (v->type == FLOE_TYPE_NULL)
		return LINT_PY_NONE;
	if (v->type == FLOE_TYPE_BOOL)
		return floe_node_true(v) ? LINT_PY_TRUE : LINT_PY_FALSE;
	if (!floe_node_is_str(v))
		return LINT_PY_OTHER;
	if (!lint_native(ctx, v, &nv))		/* text: a str */
		return lint_render(ctx, v) ? LINT_PY_OTHER : LINT_PY_UNKNOWN;
	if (!jinja_native_render(&nv, &sb, &type))
		r = LINT_PY_UNKNOWN;
	else if (type != JINJA_BOOL)
		r = LINT_PY_OTHER;
	else
		r = strcmp(sb.buf, "True") ? LINT_PY_FALSE : LINT_PY_TRUE;
	if (strbuf_error(&sb)) {
		ctx->err = FLOE_ERR_NOMEM;
		r = LINT_PY_UNKNOWN;
	}
	strbuf_release(&sb);
	return r;
}

/*
 * Whether Attachment.to_sql() writes an option for `v`, the value of
 * options' key other than type, secret and read_only, as dbt renders it
 * (credentials.py 1.9.4 to 1.11.0: a bool only when True, None never,
 * anything else always): 1, 0, or -1 when known only at run time.
 */
static int option_written(struct lint_ctx *ctx, const struct floe_node *v)
{
	switch (lint_py_value(ctx, v)) {
	case LINT_PY_UNKNOWN:
		return -1;
	case LINT_PY_FALSE:
	case LINT_PY_NONE:
		return 0;
	default:
		return 1;
	}
}

/*
 * option_written() of options' `read_only`: a bool as written (True only),
 * None never; anything else is not modelled (-1).
 */
static int read_only_written(const struct floe_node *v)
{
	if (v->kind != FLOE_NODE_SCALAR)
		return -1;
	if (v->type == FLOE_TYPE_BOOL)
		return floe_node_true(v);
	return v->type == FLOE_TYPE_NULL ? 0 : -1;
}

/* Whether the options map `opts` makes to_sql() write an option. */
static int options_written(struct lint_ctx *ctx, const struct floe_node *opts)
{
	int r = 0;

	if (!opts || (opts->kind == FLOE_NODE_SCALAR &&
		      opts->type == FLOE_TYPE_NULL))
		return 0;
	if (opts->kind != FLOE_NODE_MAP)
		return -1;
	for (size_t i = 0; i < opts->nr; i++) {
		const struct floe_node *k = opts->pairs[i].key;
		const struct floe_node *v = opts->pairs[i].value;
		int w;

		if (!floe_node_is_str(k))
			return -1;	/* key.upper() fails: not modelled */
		if (!strcmp(k->value, "type") || !strcmp(k->value, "secret"))
			return 1;	/* TYPE / SECRET {value}, None too */
		w = !strcmp(k->value, "read_only") ? read_only_written(v)
						       : option_written(ctx, v);
		if (w > 0)
			return 1;
		if (w < 0)
			r = -1;
	}
	return r;
}

int lint_alias_last(struct lint_ctx *ctx, const struct floe_node *item)
{
	const struct floe_node *ro = floe_map_get(item, "read_only");
	const struct floe_node *opts = floe_map_get(item, "options");
	int type = rendered_truthy(ctx, floe_map_get(item, "type"));
	int secret = rendered_truthy(ctx, floe_map_get(item, "secret"));
	int o;

	/* TYPE and READ_ONLY are written at every release (1.9.0 on) */
	if (type > 0 || (ro && ro->kind == FLOE_NODE_SCALAR &&
			 ro->type == FLOE_TYPE_BOOL && floe_node_true(ro)))
		return 0;
	if (type < 0 || (ro && !(ro->kind == FLOE_NODE_SCALAR &&
				 (ro->type == FLOE_TYPE_NULL ||
				  ro->type == FLOE_TYPE_BOOL))))
		return -1;
	/* secret and options (1.9.4 on, when the release has the field:
	 * else the profile fails validation first, FP301's) */
	if (secret && !fe_dbt_attach_field("secret", ctx->dbt_duckdb_version))
		return -1;
	if (secret > 0)
		return 0;	/* SECRET */
	o = options_written(ctx, opts);
	if (o && !fe_dbt_attach_field("options", ctx->dbt_duckdb_version))
		return -1;
	if (o > 0)
		return 0;
	return secret < 0 || o < 0 ? -1 : 1;
}

/* jinja_has_template(), through lint_value_fact() */
static inline bool has_template(struct lint_ctx *ctx,
				const struct floe_node *n)
{
	int known;
	bool has;

	if (!ctx->past_first_output)
		return jinja_has_template(n);
	known = value_fact(ctx, n, LINT_VF_TEMPLATE);
	if (known >= 0)
		return known;
	has = jinja_has_template(n);
	lint_value_fact_set(ctx, n, LINT_VF_TEMPLATE, has);
	return has;
}

unsigned lint_secret_class(struct lint_ctx *ctx, const struct floe_node *k)
{
	struct lint_key_facts *f = key_facts(ctx, k);

	if (!f)
		return floe_secret_classify(k->value, strlen(k->value));
	if (!(f->known & KEY_SECRET_KNOWN)) {
		f->secret = (unsigned char)floe_secret_classify(
			k->value, strlen(k->value));
		f->known |= KEY_SECRET_KNOWN;
	}
	return f->secret;
}

unsigned lint_key_class(struct lint_ctx *ctx, const struct floe_node *k,
			lint_key_class_fn *classify)
{
	struct lint_key_facts *f;

	if (ctx->key_classify && ctx->key_classify != classify)
		return classify(ctx, k);
	f = floe_node_is_str(k) ? key_facts(ctx, k) : NULL;
	if (!f)
		return classify(ctx, k);
	ctx->key_classify = classify;
	if (!(f->known & KEY_CLASS_KNOWN)) {
		f->cls = (unsigned char)classify(ctx, k);
		f->known |= KEY_CLASS_KNOWN;
	}
	return f->cls;
}

static const struct floe_node *get_ci(const struct floe_node *map,
				      const char *key)
{
	const struct floe_pair *p = lint_get_ci(map, key);

	return p ? p->value : NULL;
}

/* ---- the one walk of an output's values ---- */

struct template_walk {
	struct lint_ctx *ctx;
	const struct lint_template_check *checks;
	size_t nr;
	bool hold;
	bool keep;	/* the checks of a duckdb output: their quiet
			 * verdicts are kept as value facts */
};

/* Whether a check found anything. */
static bool visit_template(struct template_walk *w, const struct floe_node *n,
			   bool in_password)
{
	struct lint_ctx *ctx = w->ctx;
	struct floe_diags *diags = ctx->diags;
	const struct floe_rule *rule = ctx->rule;
	enum floe_rule_id rule_id = ctx->rule_id;
	struct lint_template t;
	struct jinja_read tmp;
	bool found = false;

	if (!jread_ref(ctx, n, &tmp, &t.read))
		return true;
	t.node = n;
	t.in_password = in_password;
	for (size_t i = 0; i < w->nr; i++) {
		enum floe_rule_id id = w->checks[i].rule;
		size_t before;

		if (w->hold) {
			ctx->diags = &ctx->lazy.template_found[id];
			if (!ctx->template_used[id]) {
				memset(ctx->diags, 0, sizeof(*ctx->diags));
				ctx->template_used[id] = true;
			}
			ctx->diags->cap = diags->cap;
		}
		ctx->rule = &lint_rule_table[id].pub;
		ctx->rule_id = id;
		before = ctx->diags->nr + ctx->diags->dropped;
		w->checks[i].fn(ctx, &t);
		found |= ctx->diags->nr + ctx->diags->dropped != before;
	}
	ctx->diags = diags;
	ctx->rule = rule;
	ctx->rule_id = rule_id;
	return found;
}

static bool is_password_key(const struct floe_node *k)
{
	return k->kind == FLOE_NODE_SCALAR && k->type == FLOE_TYPE_STR &&
	       k->len == 8 && !memcmp(k->value, "password", 9);
}

static void walk_templates(struct template_walk *w, const struct floe_node *n,
			   bool in_password, unsigned depth)
{
	if (!n || depth > FLOE_YAML_MAX_DEPTH)
		return;
	if (n->kind == FLOE_NODE_SCALAR) {
		/* the checks judge a value's text alone (its reading) and
		 * whether it is under a password: a text they found nothing
		 * in, or no template, is not looked at again */
		unsigned quiet = in_password ? LINT_VF_WALK_QUIET_PW
					     : LINT_VF_WALK_QUIET;

		if (w->keep && value_fact(w->ctx, n, quiet) == 1)
			return;
		if ((!has_template(w->ctx, n) || !visit_template(w, n,
								  in_password)) &&
		    w->keep && !w->ctx->err)
			lint_value_fact_set(w->ctx, n, quiet, true);
	} else if (n->kind == FLOE_NODE_MAP) {
		for (size_t i = 0; i < n->nr; i++)
			walk_templates(w, n->pairs[i].value, in_password ||
				       is_password_key(n->pairs[i].key),
				       depth + 1);
	} else {
		for (size_t i = 0; i < n->nr; i++)
			walk_templates(w, n->items[i], in_password, depth + 1);
	}
}

void lint_walk_templates(struct lint_ctx *ctx, const struct floe_node *map,
			 const struct lint_template_check *checks, size_t nr,
			 bool hold)
{
	struct template_walk w = {
		ctx, checks, nr, hold, checks == ctx->lazy.template_checks[0]
	};

	if (nr)
		walk_templates(&w, map, false, 0);
}

/*
 * As lint_report() would have added them when the rule ran: up to the
 * cap, the rest counted as dropped.
 */
void lint_add_template_findings(struct lint_ctx *ctx, enum floe_rule_id id)
{
	struct floe_diags *from = &ctx->lazy.template_found[id], *d = ctx->diags;
	size_t cap = d->cap ? d->cap : FLOE_DIAGS_DEFAULT_CAP;

	if (!ctx->template_used[id] || (!from->nr && !from->dropped))
		return;
	for (size_t i = 0; i < from->nr; i++) {
		struct floe_diag *g = &from->items[i];

		if (d->nr < cap && !ALLOC_GROW(d->items, d->nr + 1, d->alloc)) {
			d->items[d->nr++] = *g;
			continue;
		}
		if (d->nr < cap)
			ctx->err = FLOE_ERR_NOMEM;
		else
			d->dropped++;
		free(g->message);
		floe_fix_free(g->fix);
	}
	d->nr_errors += from->nr_errors;
	d->nr_warnings += from->nr_warnings;
	d->nr_infos += from->nr_infos;
	d->dropped += from->dropped;
	free(from->items);
	memset(from, 0, sizeof(*from));
}

bool lint_attach_is_iceberg(const struct floe_node *item)
{
	const struct floe_node *t;

	if (!item || item->kind != FLOE_NODE_MAP)
		return false;
	t = floe_map_get(item, "type");
	if (!t)
		t = get_ci(floe_map_get(item, "options"), "type");
	return floe_node_is_str(t) && fe_attach_type_is(t->value, "iceberg");
}

bool lint_secret_type_is(struct lint_ctx *ctx, const struct floe_node *entry,
			 const char *type)
{
	const struct floe_node *t;
	const char *s;
	bool found;
	struct lint_memo *m = memo_slot(ctx, entry, type, MEMO_SECRET_TYPE,
					&found);

	if (m && found)
		return m->row != NULL;
	t = floe_map_get(entry, "type");
	s = floe_node_is_str(t) ? lint_render(ctx, t) : NULL;
	s = s && fe_secret_type_is(s, type) ? s : NULL;
	if (m)
		m->row = s;
	return s != NULL;
}

static const struct floe_node *either(const struct floe_node *a,
				      const struct floe_node *b)
{
	return a ? a : b;
}

/* A value dbt-duckdb passes on: present, not null and not false. */
static bool passed(const struct floe_node *n)
{
	return n && !(n->kind == FLOE_NODE_SCALAR &&
		      (n->type == FLOE_TYPE_NULL ||
		       (n->type == FLOE_TYPE_BOOL && !floe_node_true(n))));
}

/* fe_iceberg_option_inline_oauth2() of an option's key on the release
 * linted for, once per lint for each key text (key_facts()) */
static bool option_inline_oauth2(struct lint_ctx *ctx,
				 const struct floe_node *k)
{
	struct lint_key_facts *f;

	if (!floe_node_is_str(k))
		return false;
	f = key_facts(ctx, k);
	if (!f)
		return fe_iceberg_option_is_inline_oauth2(
			lint_option_row(ctx, k));
	if (!(f->known & KEY_INLINE_KNOWN)) {
		if (fe_iceberg_option_is_inline_oauth2(lint_option_row(ctx, k)))
			f->known |= KEY_INLINE;
		f->known |= KEY_INLINE_KNOWN;
	}
	return f->known & KEY_INLINE;
}

/*
 * The options of an attach item that find_conns() reads, found in one
 * pass over them, each as lint_get_ci() finds it (the last written, in
 * any case), and whether an inline OAuth2 option is given
 * (fe_iceberg_option_inline_oauth2()).
 */
enum {
	CO_ENDPOINT, CO_TOKEN_URI, CO_CLIENT_ID, CO_CLIENT_SECRET, CO_SCOPE,
	CO_TOKEN, CO_SECRET, CO_ENDPOINT_TYPE, CO_AUTHORIZATION_TYPE,
	CO__COUNT
};

static const char conn_option_names[CO__COUNT][20] = {
	"endpoint", "oauth2_server_uri", "client_id", "client_secret",
	"oauth2_scope", "token", "secret", "endpoint_type",
	"authorization_type"
};

struct conn_options {
	const struct floe_pair *opt[CO__COUNT];
	bool inline_oauth;
};

static void conn_options(struct lint_ctx *ctx, const struct floe_node *o,
			 struct conn_options *co)
{
	memset(co, 0, sizeof(*co));
	for (size_t i = 0; o && o->kind == FLOE_NODE_MAP && i < o->nr; i++) {
		const struct floe_pair *p = &o->pairs[i];
		const struct floe_node *k = p->key;

		if (!co->inline_oauth && passed(p->value) &&
		    option_inline_oauth2(ctx, k))
			co->inline_oauth = true;
		if (k->type != FLOE_TYPE_STR || !k->len ||
		    k->len >= sizeof(conn_option_names[0]))
			continue;
		for (size_t j = 0; j < CO__COUNT; j++) {
			const char *name = conn_option_names[j];

			/* a name of exactly k->len bytes, in any case */
			if (!name[k->len] && name[k->len - 1] &&
			    ascii_same_lower_n(k->value, name, k->len)) {
				co->opt[j] = p;
				break;
			}
		}
	}
}

static const struct floe_node *value_of(const struct floe_pair *p)
{
	return p ? p->value : NULL;
}

/*
 * The output's secrets as the secret manager keeps them
 * (lint_secret_registered()), read once by find_conns() for the lookups
 * of its iceberg attach items, in the scratch arena.
 */
struct kept_secret {
	const struct floe_node *node;
	const char *name;	/* lower-cased; NULL when no secret is known
				 * to have a name */
	signed char state;	/* lint_secret_registered() */
	signed char iceberg;	/* its type is iceberg: 1, 0, or -1 known
				 * only at run time */
	bool persistent;
	bool persistence_known;	/* lint_secret_persistent() knows */
	/* whether a later secret takes its place: dbt-duckdb writes a named
	 * secret CREATE OR REPLACE, and a storage keeps one secret of a
	 * name whatever its type (CatalogSetSecretStorage::StoreSecret()
	 * drops the old one on REPLACE_ON_CONFLICT, src/main/secret/
	 * secret_storage.cpp at v1.4.3).  1 replaced, 0 not, -1 not known
	 * (a later name, storage or persistence known only at run time) */
	signed char replaced;
};

/* a named secret's place in kept_secrets.v, sorted by name, then place */
struct kept_name {
	const char *name;
	size_t i;
};

struct kept_secrets {
	bool read;		/* read once per output */
	struct kept_secret *v;	/* NULL: none, or out of memory */
	size_t nr;
	struct kept_name *by_name;	/* the named ones: a lookup by name
					 * is a bisection, not a scan of all
					 * (an output may hold thousands) */
	size_t nr_named;
	bool default_found;	/* default_iceberg_secret() asked */
	const struct floe_node *dflt;
};

/* The place in ks->by_name just past the names equal to the one at `g`. */
static size_t name_group_end(const struct kept_secrets *ks, size_t g)
{
	size_t end = g;

	while (end < ks->nr_named &&
	       !strcmp(ks->by_name[end].name, ks->by_name[g].name))
		end++;
	return end;
}

static int cmp_kept_name(const void *a, const void *b)
{
	const struct kept_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/*
 * ks->by_name, and each secret's `replaced`, from the sorted names: a
 * secret is replaced by a later one of its name and its persistence
 * (whatever comes between), else not known when a later one of its name
 * may persist or not, or a later one is named only at run time.
 */
static void index_secrets(struct lint_ctx *ctx, struct arena *a,
			  struct kept_secrets *ks)
{
	size_t unnamed_after = 0;	/* 1 + the last place named at run
					 * time, 0 for none */

	ks->by_name = arena_alloc_uninit(a, (ks->nr ? ks->nr : 1) *
					    sizeof(*ks->by_name));
	if (!ks->by_name) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	for (size_t i = 0; i < ks->nr; i++) {
		if (ks->v[i].name)
			ks->by_name[ks->nr_named++] =
				(struct kept_name){ ks->v[i].name, i };
		else if (ks->v[i].state)
			unnamed_after = i + 1;
	}
	qsort(ks->by_name, ks->nr_named, sizeof(*ks->by_name), cmp_kept_name);
	for (size_t g = 0, end; g < ks->nr_named; g = end) {
		bool later_temporary = false, later_persistent = false;
		bool later_unknown = false;

		end = name_group_end(ks, g);
		for (size_t n = end; n-- > g;) {
			struct kept_secret *k = &ks->v[ks->by_name[n].i];

			k->replaced = (k->persistent ? later_persistent
						     : later_temporary) ? 1
				      : later_unknown ||
					ks->by_name[n].i + 1 < unnamed_after
				      ? -1 : 0;
			if (k->state < 0 || !k->persistence_known)
				later_unknown = true;
			else if (k->persistent)
				later_persistent = true;
			else
				later_temporary = true;
		}
	}
}

static struct kept_secrets *read_secrets(struct lint_ctx *ctx,
					 const struct floe_prof_output *m,
					 struct kept_secrets *ks)
{
	struct arena *a;

	if (ks->read)
		return ks;
	ks->read = true;
	if (!m->nr_secrets || !(a = lint_scratch(ctx)))
		return ks;
	ks->v = arena_alloc_uninit(a, m->nr_secrets * sizeof(*ks->v));
	if (!ks->v) {
		ctx->err = FLOE_ERR_NOMEM;
		return ks;
	}
	for (size_t i = 0; i < m->nr_secrets; i++) {
		struct kept_secret *k = &ks->v[ks->nr++];
		const struct floe_node *e = m->secret_items[i].node;
		const struct floe_node *t = m->secret_items[i].type.node;
		int pers = lint_secret_persistent(ctx, e);
		struct fe_secret_name sn;

		k->node = e;
		k->state = (signed char)lint_secret_registered(ctx, e, i, &sn);
		k->name = k->state && *sn.name
			  ? arena_strndup(a, sn.name, strlen(sn.name)) : NULL;
		if (k->state && *sn.name && !k->name)
			ctx->err = FLOE_ERR_NOMEM;
		k->persistent = sn.persistent;	/* IN local_file too */
		k->persistence_known = pers >= 0;
		k->iceberg = floe_node_is_str(t) && !lint_render(ctx, t)
			     ? -1 : lint_secret_type_is(ctx, e, "iceberg");
	}
	index_secrets(ctx, a, ks);
	return ks;
}

/*
 * The place in ks->by_name of the first secret named `s` (a rendered
 * ATTACH SECRET), looked up without case: DuckDB keeps secret names
 * lower-cased, quoted ones too (observed on 1.4.3 and 1.5.6).  *lo past
 * the names when there is none; false when out of memory.
 */
static bool first_of_name(struct lint_ctx *ctx, const struct kept_secrets *ks,
			  const char *s, size_t *lo)
{
	struct arena *a = lint_scratch(ctx);
	size_t hi = ks->nr_named, len = strlen(s);
	char *low;

	*lo = 0;
	if (!a)
		return false;
	if (!(low = arena_alloc_uninit(a, len + 1))) {
		ctx->err = FLOE_ERR_NOMEM;
		return false;
	}
	ascii_lower_copy(low, s, len);
	while (*lo < hi) {	/* the first of the name, in place order */
		size_t mid = *lo + (hi - *lo) / 2;

		if (strcmp(ks->by_name[mid].name, low) < 0)
			*lo = mid + 1;
		else
			hi = mid;
	}
	if (*lo < ks->nr_named && strcmp(ks->by_name[*lo].name, low))
		*lo = ks->nr_named;
	return true;
}

/*
 * The iceberg secret of the output an ATTACH's SECRET `name` names: the
 * one DuckDB keeps under that name (read by CREATE SECRET's grammar,
 * lint_secret_registered(): `pol IN memory` is pol), which it looks up
 * without case (first_of_name()).  Of several in one storage the last
 * wins (dbt-duckdb writes a named secret CREATE OR REPLACE); in two,
 * GetSecretByName() fails ("Ambiguity detected for secret name",
 * secret_manager.cpp at v1.4.3; FP417, held_secrets()): NULL then, and
 * when one of them may persist or not, or its storage is not known.  The
 * ATTACH's side is its rendered text.
 */
static const struct floe_node *iceberg_secret(struct lint_ctx *ctx,
					      const struct floe_prof_output *m,
					      struct kept_secrets *ks,
					      const struct floe_node *name)
{
	const struct kept_secret *found = NULL;
	const char *s;
	size_t lo;

	if (!floe_node_is_str(name) || !m->nr_secrets ||
	    !(s = lint_render(ctx, name)))
		return NULL;
	read_secrets(ctx, m, ks);
	if (!ks->by_name || !first_of_name(ctx, ks, s, &lo))
		return NULL;	/* out of memory */
	for (size_t i = lo, end = name_group_end(ks, lo); i < end; i++) {
		const struct kept_secret *k = &ks->v[ks->by_name[i].i];

		if (k->state < 0 || !k->persistence_known ||
		    (found && found->persistent != k->persistent))
			return NULL;
		found = k;
	}
	return found && found->iceberg == 1 ? found->node : NULL;
}

/*
 * The secrets of the output that hold the name an ATTACH's SECRET `name`
 * passes, held[0] in the temporary storage (memory) and held[1] in a
 * persistent one (PERSISTENT, or a name's `IN local_file`): the last of
 * each, as dbt-duckdb writes a named secret CREATE OR REPLACE and a
 * storage keeps one secret of a name.  DuckDB keeps both (duckdb_secrets()
 * lists local_file and memory: src/engine/data/duckdb-secret-ambiguity/,
 * 1.4.3 and 1.5.6), and a lookup by the name in every storage finds two,
 * whatever the case of either spelling (DROP SECRET's "Ambiguity found
 * for secret name" there; GetSecretByName()'s "Ambiguity detected",
 * secret_manager.cpp at v1.4.3 to v1.5.5, is the one the iceberg
 * extension meets).  Only when certain, else both NULL: the ATTACH's text
 * a bare name (fe_alias_check(): its quotes and comments are not
 * modelled), each of the two created under that name in that storage.
 * A secret whose name or storage is known only at run time takes none
 * away: a storage that holds the name goes on holding it; but one of the
 * name that may persist or not may be the one kept in either storage,
 * and the message could not say which two collide: not judged then.
 */
static void held_secrets(struct lint_ctx *ctx,
			 const struct floe_prof_output *m,
			 struct kept_secrets *ks, const struct floe_node *name,
			 const struct floe_node *held[2])
{
	enum fe_alias_refusal r;
	const char *s;
	size_t lo;

	held[0] = held[1] = NULL;
	if (!floe_node_is_str(name) || !m->nr_secrets ||
	    !(s = lint_render(ctx, name)))
		return;
	r = fe_alias_check(s, ctx->duckdb_version);
	if (r != FE_ALIAS_OK && r != FE_ALIAS_DATABASE)
		return;
	read_secrets(ctx, m, ks);
	if (!ks->by_name || !first_of_name(ctx, ks, s, &lo))
		return;	/* out of memory */
	for (size_t i = lo, end = name_group_end(ks, lo); i < end; i++) {
		const struct kept_secret *k = &ks->v[ks->by_name[i].i];

		if (k->state == 1 && !k->persistence_known) {
			held[0] = held[1] = NULL;
			return;
		}
		if (k->state == 1)
			held[k->persistent] = k->node;
	}
	if (!held[0] || !held[1])
		held[0] = held[1] = NULL;
}

/*
 * The iceberg secret an ATTACH that names none and gives no inline OAuth2
 * option reads: GetIcebergSecret(context, "") asks the secret manager
 * for any secret of type iceberg, LookupSecret(transaction, "",
 * "iceberg") (duckdb-iceberg src/storage/irc_catalog.cpp at 06ca288 to
 * 2f22946, src/storage/catalog/iceberg_catalog.cpp at 23c7cc5,
 * src/catalog/rest/iceberg_catalog.cpp from 11fea8e to 68623ff).  An
 * iceberg secret is made without a scope (CreateCatalogSecretFunction:
 * KeyValueSecret(prefix_paths = {}, ...)), so each matches with score
 * 0: a temporary one beats every persistent one (storage offsets 10 and
 * 20), and of several the lowest name wins (SecretStorage::
 * SelectBestMatch, duckdb v1.4.0 to v1.5.5 src/main/secret/
 * secret_storage.cpp; which_secret('', 'http') picks _dbt_secret_2 over
 * alpha and zeta on 1.4.3 and 1.5.6).  A secret persists with
 * `persistent: true` or a name's `IN local_file`; one whose name CREATE
 * SECRET refuses is not there.  NULL when the output's temporary
 * iceberg secrets do not decide it: none (a persistent one of an earlier
 * run may be picked), a type, name or persistence known only at run
 * time, two of one name, or a plugin (which may create secrets).
 */
static const struct floe_node *default_iceberg_secret(
	struct lint_ctx *ctx, const struct floe_prof_output *m,
	struct kept_secrets *ks)
{
	const struct kept_secret *best = NULL;

	if (m->plugins && m->plugins->kind == FLOE_NODE_SEQ && m->plugins->nr)
		return NULL;
	read_secrets(ctx, m, ks);
	if (m->nr_secrets && !ks->by_name)
		return NULL;	/* out of memory */
	for (size_t i = 0; i < ks->nr; i++) {
		const struct kept_secret *k = &ks->v[i];
		int cmp;

		if (k->iceberg < 0)
			return NULL;	/* could be iceberg */
		if (!k->iceberg || !k->state)
			continue;	/* not iceberg, or not created */
		if (k->state < 0 || !k->persistence_known || !k->name)
			return NULL;
		if (k->persistent)
			continue;	/* persistent: any temporary wins */
		switch (k->replaced) {
		case 1:
			continue;	/* no longer there */
		case -1:
			return NULL;
		}
		cmp = best ? strcmp(k->name, best->name) : -1;
		if (!cmp)
			return NULL;	/* replaced, or not: not modelled */
		if (cmp < 0)
			best = k;
	}
	return best ? best->node : NULL;
}

/* default_iceberg_secret(), found once per output by find_conns(). */
static const struct floe_node *default_secret(struct lint_ctx *ctx,
					      const struct floe_prof_output *m,
					      struct kept_secrets *ks)
{
	if (!ks->default_found) {
		ks->dflt = default_iceberg_secret(ctx, m, ks);
		ks->default_found = true;
	}
	return ks->dflt;
}

/*
 * The SECRET an attach item passes: dbt-duckdb writes the item's
 * `secret` when truthy, else the option's (credentials.py to_sql at
 * 1.11.0); NULL for none.
 */
static const struct floe_node *passed_secret(struct lint_ctx *ctx,
					     const struct floe_node *item,
					     const struct conn_options *co)
{
	const struct floe_node *n = floe_map_get(item, "secret");
	const char *s;

	if (!passed(n) || (floe_node_is_str(n) &&
			   (s = lint_render(ctx, n)) && !*s))
		n = value_of(co->opt[CO_SECRET]);
	return passed(n) ? n : NULL;
}

/*
 * The secret an ATTACH reads its token from: none when an inline OAuth2
 * option makes it build its own; the iceberg secret of the output that
 * the SECRET it passes, `n` (passed_secret()), names; the default one
 * without a SECRET.  NULL when not known.
 */
static const struct floe_node *auth_secret(struct lint_ctx *ctx,
					   const struct floe_prof_output *m,
					   const struct floe_node *n,
					   const struct conn_options *co,
					   struct kept_secrets *ks)
{
	const char *s = NULL;

	if (co->inline_oauth)
		return NULL;
	if (!n)
		return default_secret(ctx, m, ks);
	if (!floe_node_is_str(n) || !(s = lint_render(ctx, n)))
		return NULL;
	if (!*s)
		return default_secret(ctx, m, ks);
	return iceberg_secret(ctx, m, ks, n);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static size_t find_conns(struct lint_ctx *ctx, const struct lint_output *out,
			 struct lint_conn *conns)
{
	const struct floe_prof_output *m = out->model;
	const struct floe_node *plugins = m->plugins;
	size_t n = 0;
	struct kept_secrets ks = { 0 };

	for (size_t i = 0; i < m->nr_attach; i++) {
		const struct floe_prof_attach *a = &m->attach_items[i];
		const struct floe_node *o = a->options, *sec;
		struct lint_conn *c = &conns[n];
		struct conn_options co;

		if (!a->iceberg)
			continue;
		/* options that are no mapping: dbt's schema refuses the
		 * item (FP009), and its connection is not there to judge */
		if (!o && (o = floe_map_get(a->node, "options")) &&
		    !(o->kind == FLOE_NODE_SCALAR &&
		      o->type == FLOE_TYPE_NULL))
			continue;
		o = a->options;
		memset(c, 0, sizeof(*c));
		c->kind = LINT_CONN_ATTACH;
		c->item = a->node;
		c->options = o;
		conn_options(ctx, o, &co);
		c->endpoint = value_of(co.opt[CO_ENDPOINT]);
		c->token_uri = value_of(co.opt[CO_TOKEN_URI]);
		c->client_id = value_of(co.opt[CO_CLIENT_ID]);
		c->client_secret = value_of(co.opt[CO_CLIENT_SECRET]);
		c->scope = value_of(co.opt[CO_SCOPE]);
		c->token = value_of(co.opt[CO_TOKEN]);
		c->secret = a->secret.node;
		c->warehouse = a->path.node;
		c->alias = a->alias.node;
		/* a named iceberg secret supplies what is not inline */
		sec = iceberg_secret(ctx, m, &ks, c->secret);
		if (sec) {
			c->endpoint = either(c->endpoint,
					     get_ci(sec, "endpoint"));
			c->token_uri = either(c->token_uri,
					      get_ci(sec, "oauth2_server_uri"));
		}
		c->named_secret = sec;
		c->secret_passed = passed_secret(ctx, a->node, &co);
		c->auth_secret = auth_secret(ctx, m, c->secret_passed, &co,
					     &ks);
		held_secrets(ctx, m, &ks, c->secret_passed, c->held);
		c->endpoint_type = co.opt[CO_ENDPOINT_TYPE];
		c->authorization_type = co.opt[CO_AUTHORIZATION_TYPE];
		n++;
	}
	for (size_t i = 0; plugins && plugins->kind == FLOE_NODE_SEQ &&
			   i < plugins->nr; i++) {
		const struct floe_node *item = plugins->items[i];
		const struct floe_node *mod = floe_map_get(item, "module");
		const struct floe_node *cfg = floe_map_get(item, "config");
		struct lint_conn *c = &conns[n];

		if (!floe_node_is_str(mod) ||
		    !ends_with(mod->value, "plugins.polaris") ||
		    !cfg || cfg->kind != FLOE_NODE_MAP)
			continue;
		memset(c, 0, sizeof(*c));
		c->kind = LINT_CONN_PLUGIN;
		c->item = item;
		c->options = cfg;
		c->endpoint = floe_map_get(cfg, "catalog_uri");
		c->warehouse = floe_map_get(cfg, "warehouse");
		c->client_id = floe_map_get(cfg, "client_id");
		c->client_secret = floe_map_get(cfg, "client_secret");
		c->scope = floe_map_get(cfg, "scope");
		c->endpoint_type = lint_get_ci(cfg, "endpoint_type");
		c->authorization_type = lint_get_ci(cfg, "authorization_type");
		n++;
	}
	lint_conns_flavor(ctx, conns, n);
	return n;
}

/*
 * Most rules of an output start from its connections: while its rules
 * run, they are found once; outside them (check's project files), on
 * each call.  The array is the context's, in its arena: it only grows,
 * by doubling, so all of a file's outputs cost at most twice the most
 * any one of them needs.
 */
size_t lint_conns(struct lint_ctx *ctx, const struct lint_output *out,
		  const struct lint_conn **conns)
{
	const struct floe_prof_output *m = out->model;
	size_t most = m->nr_attach;

	*conns = NULL;
	if (ctx->conns_of == m && ctx->conns_found) {
		*conns = ctx->conns;
		return ctx->nr_conns;
	}
	if (m->plugins && m->plugins->kind == FLOE_NODE_SEQ)
		most += m->plugins->nr;
	if (!most)
		return 0;
	if (most > ctx->conns_alloc) {
		size_t want = ctx->conns_alloc ? ctx->conns_alloc : 8;
		struct lint_conn *v;

		while (want < most)
			want *= 2;
		/* find_conns() writes each connection whole */
		v = arena_alloc_uninit(ctx->arena, want * sizeof(*v));
		if (!v) {
			ctx->err = FLOE_ERR_NOMEM;
			return 0;
		}
		ctx->conns = v;
		ctx->conns_alloc = want;
	}
	ctx->nr_conns = find_conns(ctx, out, ctx->conns);
	ctx->conns_found = ctx->conns_of == m;
	*conns = ctx->conns;
	return ctx->nr_conns;
}

/* ---- walking ---- */

/* Is `rule` implied by `cause` (lint_implied[])? */
static bool implied_by(enum floe_rule_id rule, enum floe_rule_id cause)
{
	for (size_t i = 0; i < lint_implied_nr; i++)
		if (lint_implied[i].rule == rule &&
		    lint_implied[i].cause == cause)
			return true;
	return false;
}

/*
 * One root cause, one finding: drop the findings of this output that
 * follow from another one about the same topic of the same item.
 */
static void drop_implied(struct lint_ctx *ctx)
{
	/* from the last, so that the recorded indices stay valid */
	for (size_t i = ctx->nr_subjects; i-- > 0;) {
		const struct lint_subject *a = &ctx->subjects[i];

		for (size_t j = 0; j < ctx->nr_subjects; j++) {
			const struct lint_subject *b = &ctx->subjects[j];
			size_t nr, gone;

			if (j == i || a->item != b->item ||
			    strcasecmp(a->topic, b->topic) ||
			    !implied_by(a->rule, b->rule))
				continue;
			nr = ctx->diags->nr;
			floe_diags_remove(ctx->diags, a->diag);
			gone = nr - ctx->diags->nr;	/* with its notes */
			for (size_t k = 0; k < ctx->nr_subjects; k++)
				if (ctx->subjects[k].diag > a->diag)
					ctx->subjects[k].diag -= gone;
			break;
		}
	}
	ctx->nr_subjects = 0;
}

/*
 * Which output rules run: on other adapters' outputs only the YAML/Jinja
 * rules, and a rule that is off (an opt-in rule without a level) on
 * none: all it could say would be dropped (vreport()).  Asked of every
 * rule for every output, so answered from opt once.
 */
static void find_rules_on(struct lint_ctx *ctx)
{
	_Static_assert(FLOE_RULE__COUNT <= 256, "rule ids fit a byte");
	for (size_t i = 1; i < FLOE_RULE__COUNT; i++) {
		const struct lint_rule_impl *impl = &lint_rule_table[i];
		const struct floe_rule *r = &impl->pub;
		enum floe_rule_id id = (enum floe_rule_id)i;
		bool on = severity_at(id, level_of(ctx->opt->levels, id),
				      r->severity) >= 0;

		if (!on || !(impl->check_output || impl->check_template))
			continue;
		/* on a duckdb output; on another adapter's, only yaml's */
		for (int other = 0; other < 2; other++) {
			struct lint_template_check *c;

			if (other && strcmp(r->family, "yaml"))
				continue;
			ctx->lazy.rules_on[other][ctx->nr_rules_on[other]++] =
				(unsigned char)i;
			if (!impl->check_template)
				continue;
			c = &ctx->lazy.template_checks[other]
				[ctx->nr_template_checks[other]++];
			c->rule = id;
			c->fn = impl->check_template;
		}
	}
	ctx->rules_on_known = true;
}

/*
 * Whether the output is written as an earlier one nothing was reported
 * of, with the same platform to hold it to.  The rules read an output's
 * tree, the file's options and the platform, never its name or position
 * (beyond what they print) nor another output, and their caches keep
 * only what says nothing: so that output's rules would say nothing
 * either.  Its key is compared by kind, type and style, to be safe; its
 * text is the name.  test_lint_quiet and the fuzzers (recheck_quiet)
 * hold this to the rules.
 */
static bool quiet_before(struct lint_ctx *ctx, const struct lint_output *out)
{
	for (unsigned i = 0; i < ctx->nr_quiet; i++) {
		struct lint_quiet *q = &ctx->quiet[i];
		size_t budget = LINT_QUIET_NODES;

		if (q->platform == ctx->platform &&
		    q->catalog == ctx->catalog &&
		    q->key->kind == out->key->kind &&
		    q->key->type == out->key->type &&
		    q->key->style == out->key->style &&
		    floe_node_same(q->map, out->map, &budget)) {
			/* the later one's texts are likelier to be the
			 * document's interned ones: compared by address */
			q->map = out->map;
			return true;
		}
	}
	return false;
}

static void remember_quiet(struct lint_ctx *ctx,
			   const struct lint_output *out)
{
	struct lint_quiet *q = &ctx->quiet[ctx->next_quiet];

	q->map = out->map;
	q->key = out->key;
	q->platform = ctx->platform;
	q->catalog = ctx->catalog;
	ctx->next_quiet = (ctx->next_quiet + 1) % LINT_QUIET_SLOTS;
	if (ctx->nr_quiet < LINT_QUIET_SLOTS)
		ctx->nr_quiet++;
}

/* diags' counts, to tell whether an output's rules reported anything */
static size_t diags_said(const struct floe_diags *d)
{
	return d->nr + d->dropped + d->nr_errors + d->nr_warnings +
	       d->nr_infos;
}

static void run_output_rules(struct lint_ctx *ctx,
			     const struct lint_output *out)
{
	int other = !out->is_duckdb;
	size_t said = diags_said(ctx->diags);
	bool quiet = quiet_before(ctx, out);

	if (quiet && !ctx->opt->recheck_quiet)
		return;
	if (ctx->nr_answers >= LINT_ANSWERS_KEPT)
		forget_answers(ctx);
	if (!ctx->rules_on_known)
		find_rules_on(ctx);
	ctx->conns_of = out->model;
	ctx->conns_found = false;
	ctx->nr_urls = 0;
	ctx->secret_values_of = NULL;
	ctx->options_of = NULL;
	scrub_forget(ctx, out);
	/* the rules that check every value share one walk of the output;
	 * their findings wait for their turn below */
	lint_walk_templates(ctx, out->map, ctx->lazy.template_checks[other],
			    ctx->nr_template_checks[other], true);
	for (size_t k = 0; k < ctx->nr_rules_on[other]; k++) {
		size_t i = ctx->lazy.rules_on[other][k];
		const struct lint_rule_impl *r = &lint_rule_table[i];

		ctx->rule = &r->pub;
		ctx->rule_id = (enum floe_rule_id)i;
		if (r->check_output)
			r->check_output(ctx, out);
		if (r->check_template)
			lint_add_template_findings(ctx, ctx->rule_id);
	}
	ctx->conns_of = NULL;
	ctx->conns_found = false;
	ctx->nr_urls = 0;	/* they point into the readings */
	ctx->secret_values_of = NULL;
	ctx->options_of = NULL;
	scrub_forget(ctx, NULL);	/* the texts are readings too */
	drop_implied(ctx);
	lint_drop_readings(ctx);
	/* from the second output on, a template written in every output
	 * is read once per file, and what is known of a value's text is
	 * kept (one output would pay the tables for nothing) */
	ctx->jcache.keep = ctx->arena;
	ctx->past_first_output = true;
	if (diags_said(ctx->diags) != said) {
		if (quiet && ctx->err == FLOE_OK)
			ctx->err = FLOE_ERR_INTERNAL;	/* recheck_quiet */
	} else if (!quiet && ctx->err == FLOE_OK) {
		remember_quiet(ctx, out);
	}
}

static void run_profile_rules(struct lint_ctx *ctx,
			      const struct floe_node *key,
			      const struct floe_node *profile)
{
	for (size_t i = 1; i < FLOE_RULE__COUNT; i++) {
		const struct lint_rule_impl *r = &lint_rule_table[i];

		if (!r->check_profile)
			continue;
		ctx->rule = &r->pub;
		ctx->rule_id = (enum floe_rule_id)i;
		r->check_profile(ctx, key, profile);
	}
}

/* The platform and catalog the output is held against, if any. */
void lint_select_platform(struct lint_ctx *ctx, const char *output)
{
	const struct floe_lint_options *o = ctx->opt;
	const struct floe_platform *p = NULL;

	if (o->platform_for)
		p = o->platform_for(output, o->platform_arg);
	if (!p)
		p = o->platform;
	ctx->platform = p;
	ctx->catalog = NULL;
	if (!p)
		return;
	ctx->catalog = floe_platform_catalog(p, o->catalog ? o->catalog
							   : "default");
	if (!ctx->catalog && !o->catalog && p->nr_catalogs == 1)
		ctx->catalog = &p->catalogs[0];
}

struct lint_expected_cache {
	const struct floe_platform *platform;
	struct floe_gen_attach attach;
	enum floe_err err;
};

enum floe_err lint_resolve_versions(struct lint_ctx *ctx)
{
	unsigned d = ctx->opt->duckdb_version;
	unsigned t = ctx->opt->dbt_duckdb_version;
	enum fe_version_fit fd = FE_VERSION_KNOWN, ft = FE_VERSION_KNOWN;

	ctx->duckdb_version = FE_DUCKDB_DEFAULT;
	ctx->dbt_duckdb_version = FE_DBT_DUCKDB_DEFAULT;
	ctx->duckdb_newer = ctx->dbt_duckdb_newer = false;
	if (d)
		fd = fe_duckdb_version_fit(d, &ctx->duckdb_version);
	if (t)
		ft = fe_dbt_duckdb_version_fit(t, &ctx->dbt_duckdb_version);
	if (fd == FE_VERSION_UNKNOWN || ft == FE_VERSION_UNKNOWN) {
		ctx->duckdb_version = FE_DUCKDB_DEFAULT;
		ctx->dbt_duckdb_version = FE_DBT_DUCKDB_DEFAULT;
		return FLOE_ERR_USAGE;
	}
	ctx->duckdb_newer = fd == FE_VERSION_NEWER;
	ctx->dbt_duckdb_newer = ft == FE_VERSION_NEWER;
	return FLOE_OK;
}

/* FP105: once per file, the version asked for is linted as an older one. */
static void report_newer_versions(struct lint_ctx *ctx)
{
	char asked[FE_VERSION_BUF], used[FE_VERSION_BUF];

	if (ctx->duckdb_newer)
		lint_report_id(ctx, FLOE_FP105, NULL, "DuckDB %s is newer than "
			       "the releases floe-profiles knows; linted as "
			       "%s. What %s added is reported as unknown.",
			       fe_version_str(ctx->opt->duckdb_version, asked),
			       fe_version_str(ctx->duckdb_version, used),
			       asked);
	if (ctx->dbt_duckdb_newer)
		lint_report_id(ctx, FLOE_FP105, NULL, "dbt-duckdb %s is newer "
			       "than the releases floe-profiles knows; linted "
			       "as %s.", fe_version_str(
				       ctx->opt->dbt_duckdb_version, asked),
			       fe_version_str(ctx->dbt_duckdb_version, used));
}

void lint_release_ctx(struct lint_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nr_expected; i++)
		if (ctx->expected[i].err == FLOE_OK)
			floe_gen_attach_release(&ctx->expected[i].attach);
	free(ctx->expected);
	ctx->expected = NULL;
	ctx->nr_expected = ctx->alloc_expected = 0;
	free(ctx->subjects);
	ctx->subjects = NULL;
	ctx->nr_subjects = ctx->alloc_subjects = 0;
	for (size_t i = 0; i < FLOE_RULE__COUNT; i++)
		if (ctx->template_used[i] && ctx->lazy.template_found[i].items)
			floe_diags_release(&ctx->lazy.template_found[i]);
	jinja_cache_release(&ctx->jcache);
	scrub_release(ctx);
	arena_free(ctx->scratch);
	ctx->scratch = NULL;
	forget_answers(ctx);
	arena_free(ctx->answers);
	ctx->answers = NULL;
}

void lint_ctx_init(struct lint_ctx *ctx)
{
	memset(ctx, 0, offsetof(struct lint_ctx, lazy));
}

struct arena *lint_scratch(struct lint_ctx *ctx)
{
	if (!ctx->scratch && !(ctx->scratch = arena_new()))
		ctx->err = FLOE_ERR_NOMEM;
	return ctx->scratch;
}

void lint_drop_readings(struct lint_ctx *ctx)
{
	jinja_cache_clear(&ctx->jcache);
	arena_reset(ctx->scratch);
	memo_forget(ctx);
}


const struct floe_gen_attach *lint_expected(struct lint_ctx *ctx)
{
	struct lint_expected_cache *c;

	if (!ctx->platform || !ctx->catalog)
		return NULL;
	for (size_t i = 0; i < ctx->nr_expected; i++)
		if (ctx->expected[i].platform == ctx->platform)
			return ctx->expected[i].err == FLOE_OK
			       ? &ctx->expected[i].attach : NULL;
	if (ALLOC_GROW(ctx->expected, ctx->nr_expected + 1,
		       ctx->alloc_expected)) {
		ctx->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	c = &ctx->expected[ctx->nr_expected++];
	c->platform = ctx->platform;
	c->err = floe_gen_attach(ctx->platform, ctx->catalog->name,
				 &c->attach);
	if (c->err == FLOE_ERR_NOMEM)
		ctx->err = FLOE_ERR_NOMEM;
	return c->err == FLOE_OK ? &c->attach : NULL;
}

const char *lint_expected_alias(const struct lint_ctx *ctx)
{
	return ctx->opt->alias ? ctx->opt->alias : FLOE_GEN_DEFAULT_ALIAS;
}

const struct lint_conn *lint_platform_conn(struct lint_ctx *ctx,
					   const struct lint_conn *conns,
					   size_t n)
{
	const struct floe_gen_attach *e = lint_expected(ctx);
	const char *alias = lint_expected_alias(ctx);

	for (size_t i = 0; i < n; i++) {
		const char *a = conns[i].kind == LINT_CONN_PLUGIN
				? "polaris_catalog"
				: lint_render(ctx, conns[i].alias);

		if (a && !strcmp(a, alias))
			return &conns[i];
	}
	for (size_t i = 0; e && e->warehouse && i < n; i++) {
		const char *w = lint_render(ctx, conns[i].warehouse);

		if (w && !strcmp(w, e->warehouse))
			return &conns[i];
	}
	return n == 1 ? &conns[0] : NULL;
}

/* Returns the number of outputs linted. */
static size_t walk(struct lint_ctx *ctx, const struct floe_profiles *model)
{
	const struct floe_node *root = model->doc->root;
	const char *only = model->opt.target;
	size_t linted = 0;

	if (!root || (root->kind == FLOE_NODE_SCALAR &&
		      root->type == FLOE_TYPE_NULL)) {
		lint_report_id(ctx, FLOE_FP001, NULL, "the file is empty: dbt "
			       "finds no profile in it");
		return 0;
	}
	if (root->kind != FLOE_NODE_MAP) {
		lint_report_id(ctx, FLOE_FP001, root, "profiles.yml must be a "
			       "mapping of profile names to profiles, not %s",
			       floe_node_describe(root));
		return 0;
	}
	for (size_t i = 0; i < model->nr; i++) {
		const struct floe_profile *prof = &model->items[i];

		if (!prof->is_map) {
			lint_report_id(ctx, FLOE_FP001, prof->node, "profile '%s' "
				       "must be a mapping with 'target' and "
				       "'outputs', not %s", prof->name,
				       floe_node_describe(prof->node));
			continue;
		}
		ctx->profile = prof;
		run_profile_rules(ctx, prof->key, prof->node);
		for (size_t j = 0; j < prof->nr_outputs; j++) {
			const struct floe_prof_output *o =
				&prof->output_items[j];
			struct lint_output out;

			if (only && strcmp(o->name, only))
				continue;
			memset(&out, 0, sizeof(out));
			out.profile = prof->name;
			out.profile_key = prof->key;
			out.profile_map = prof->node;
			out.name = o->name;
			out.key = o->key;
			out.map = o->node;
			out.model = o;
			linted++;
			if (!o->is_map) {
				lint_report_id(ctx, FLOE_FP001, o->node,
					       "output '%s' must be a mapping, "
					       "not %s", o->name,
					       floe_node_describe(o->node));
				continue;
			}
			out.is_duckdb = o->is_duckdb;
			lint_select_platform(ctx, out.name);
			run_output_rules(ctx, &out);
		}
		ctx->profile = NULL;
	}
	return linted;
}

/* ---- suppression comments ---- */

#define MAX_SUPP_IDS 8

struct supp {
	unsigned line, column;	/* where the comment is */
	unsigned target;	/* the line it applies to, 0: the whole file */
	enum floe_rule_id ids[MAX_SUPP_IDS];
	bool used[MAX_SUPP_IDS];
	size_t nr;
};

/* Is a quote at buf[i] the start of a quoted scalar? */
static bool quote_starts_scalar(const char *line, size_t i)
{
	while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t'))
		i--;
	return i == 0 || strchr(":-[{,?", line[i - 1]);
}

/*
 * Find comments outside quoted scalars, line by line.  `quote` carries an
 * open quoted scalar across lines.  Returns the offset of '#' in the line,
 * or -1; `content` tells whether anything but blanks precedes it.
 */
static long find_comment(const char *line, size_t len, char *quote,
			 bool *content)
{
	*content = false;
	for (size_t i = 0; i < len; i++) {
		char c = line[i];

		if (*quote) {
			if (*quote == '"' && c == '\\') {
				i++;
			} else if (c == *quote) {
				if (*quote == '\'' && i + 1 < len &&
				    line[i + 1] == '\'')
					i++;
				else
					*quote = 0;
			}
			*content = true;
			continue;
		}
		if (c == '#' && (i == 0 || line[i - 1] == ' ' ||
				 line[i - 1] == '\t'))
			return (long)i;
		if ((c == '\'' || c == '"') && quote_starts_scalar(line, i))
			*quote = c;
		if (c != ' ' && c != '\t' && c != '\r')
			*content = true;
	}
	return -1;
}

static void parse_directive(struct lint_ctx *ctx, const char *text,
			    size_t len, unsigned line, unsigned col,
			    bool content, struct supp *out, int *valid)
{
	static const char tag[] = FLOE_DIRECTIVE_TAG;
	struct floe_node at;
	struct floe_pos room[2];
	size_t i = 0;
	int named;

	*valid = 0;
	memset(&at, 0, sizeof(at));
	floe_node_place(&at, (struct floe_pos){ line, col },
			(struct floe_pos){ line, (unsigned)(col + len) },
			room);
	while (i < len && (text[i] == '#' || text[i] == ' '))
		i++;
	if (len - i < sizeof(tag) - 1 || memcmp(text + i, tag, sizeof(tag) - 1))
		return;
	i += sizeof(tag) - 1;
	while (i < len && text[i] == ' ')
		i++;
	memset(out, 0, sizeof(*out));
	out->line = line;
	out->column = col;
	out->target = content ? line : line + 1;
	if (len - i >= 13 && !memcmp(text + i, "disable-file=", 13) &&
	    !content) {
		i += 13;
		out->target = 0;
	} else if (len - i >= 18 &&
		   !memcmp(text + i, "disable-next-line=", 18)) {
		i += 18;
		out->target = line + 1;
	} else if (len - i >= 8 && !memcmp(text + i, "disable=", 8)) {
		i += 8;
	} else {
		lint_report_id(ctx, FLOE_FP008, &at, "malformed suppression: "
			       "write '# floe-profiles: disable=FP012' with "
			       "one or more rule ids");
		return;
	}
	named = 0;
	while (i < len && text[i] != ' ' && text[i] != '\r') {
		char id[64];
		size_t j = 0;
		const struct floe_rule *r;

		while (i < len && text[i] != ',' && text[i] != ' ' &&
		       text[i] != '\r') {
			if (j + 1 < sizeof(id))
				id[j++] = text[i];
			i++;
		}
		id[j] = '\0';
		/* ids are separated by ',' (spaces around it allowed); text
		 * after an id that no ',' follows is free */
		while (i < len && text[i] == ' ')
			i++;
		if (i < len && text[i] == ',') {
			i++;
			while (i < len && text[i] == ' ')
				i++;
		} else {
			i = len;
		}
		if (!j)
			continue;
		named = 1;
		r = floe_rule_find(id);
		if (!r) {
			lint_report_id(ctx, FLOE_FP008, &at, "suppression names "
				       "'%s', which is not a rule id or name",
				       id);
			continue;
		}
		if (out->nr < MAX_SUPP_IDS)
			out->ids[out->nr++] = floe_rule_code(r);
	}
	if (!out->nr) {
		if (!named)
			lint_report_id(ctx, FLOE_FP008, &at, "suppression names "
				       "no rule; ids are required");
		return;
	}
	*valid = 1;
}

/* Collect the suppressions of the file (malloc'd array). */
static struct supp *scan_suppressions(struct lint_ctx *ctx, const char *buf,
				      size_t len, const unsigned char *inside,
				      size_t nr_lines, size_t *nr)
{
	struct supp *list = NULL;
	size_t alloc = 0;
	unsigned line = 1;
	char quote = 0;

	*nr = 0;
	for (size_t off = 0; off < len;) {
		const char *l = buf + off;
		const char *nl = memchr(l, '\n', len - off);
		size_t llen = nl ? (size_t)(nl - l) : len - off;
		bool content;
		long hash;

		/* inside a multi-line scalar a '#' is text */
		if (line < nr_lines && inside[line]) {
			quote = 0;
			off += llen + 1;
			line++;
			continue;
		}
		hash = find_comment(l, llen, &quote, &content);

		if (hash >= 0 && ascii_contains(l + hash, llen - (size_t)hash,
					  "floe-profiles:")) {
			struct supp s;
			int valid;
			unsigned col = 1;

			for (long k = 0; k < hash; k++)	/* code points */
				if (((unsigned char)l[k] & 0xC0) != 0x80)
					col++;
			parse_directive(ctx, l + hash, llen - (size_t)hash,
					line, col, content, &s, &valid);
			if (valid) {
				if (ALLOC_GROW(list, *nr + 1, alloc)) {
					ctx->err = FLOE_ERR_NOMEM;
					break;
				}
				list[(*nr)++] = s;
			}
		}
		off += llen + 1;
		line++;
	}
	return list;
}

static void apply_suppressions(struct lint_ctx *ctx, const char *buf,
			       size_t len, size_t base,
			       const unsigned char *inside, size_t nr_lines)
{
	size_t nr = 0;
	struct supp *list = NULL;

	/* only for a file with a directive (lint_finish_file) */
	list = scan_suppressions(ctx, buf, len, inside, nr_lines, &nr);

	for (size_t i = base; i < ctx->diags->nr;) {
		const struct floe_diag *g = &ctx->diags->items[i];
		const struct floe_rule *r = floe_rule_get(g->rule);
		bool hit = false;

		/* FP001 (nothing was read) and FP008 cannot be suppressed */
		if (r && !r->unsuppressible)
			for (size_t s = 0; s < nr; s++) {
				if (list[s].target &&
				    list[s].target != g->loc.start.line)
					continue;
				for (size_t k = 0; k < list[s].nr; k++)
					if (list[s].ids[k] == g->rule) {
						list[s].used[k] = true;
						hit = true;
					}
			}
		if (hit)
			floe_diags_remove(ctx->diags, i);
		else
			i++;
	}
	for (size_t s = 0; s < nr; s++)
		for (size_t k = 0; k < list[s].nr; k++) {
			struct floe_node at;
			struct floe_pos here = { list[s].line, list[s].column };
			struct floe_pos room[2];

			if (list[s].used[k])
				continue;
			memset(&at, 0, sizeof(at));
			floe_node_place(&at, here, here, room);
			if (!list[s].target)
				lint_report_id(ctx, FLOE_FP008, &at,
					       "the suppression of %s is not "
					       "used: nothing of it is "
					       "reported in the file",
					       floe_rule_get(list[s].ids[k])->id);
			else
				lint_report_id(ctx, FLOE_FP008, &at,
					       "the suppression of %s is not "
					       "used: nothing of it is "
					       "reported on line %u",
					       floe_rule_get(list[s].ids[k])->id,
					       list[s].target);
		}
	free(list);
}

/* Mark the lines after the first of every multi-line scalar. */
static void mark_scalar_lines(const struct floe_node *n, unsigned char *inside,
			      size_t nr_lines, unsigned depth, size_t *budget)
{
	if (!n || depth > FLOE_YAML_MAX_DEPTH + 1 || !*budget)
		return;
	(*budget)--;	/* the tree is a DAG: bound the walk */
	if (n->kind == FLOE_NODE_SCALAR) {
		unsigned last = floe_node_end(n).line;

		for (unsigned l = floe_node_start(n).line + 1;
		     l <= last && l < nr_lines; l++)
			inside[l] = 1;
		return;
	}
	for (size_t i = 0; i < n->nr; i++) {
		if (n->kind == FLOE_NODE_MAP) {
			mark_scalar_lines(n->pairs[i].key, inside, nr_lines,
					  depth + 1, budget);
			mark_scalar_lines(n->pairs[i].value, inside, nr_lines,
					  depth + 1, budget);
		} else {
			mark_scalar_lines(n->items[i], inside, nr_lines,
					  depth + 1, budget);
		}
	}
}

void lint_finish_file(struct lint_ctx *ctx, const struct floe_doc *doc,
		      const char *buf, size_t len, size_t base)
{
	size_t nr_lines = 2, budget = FLOE_YAML_MAX_EXPANDED;
	unsigned char *inside;

	jinja_cache_release(&ctx->jcache);	/* its document goes next */
	/* ... and its keys' texts */
	memset(ctx->key_used, 0, sizeof(ctx->key_used));
	memset(ctx->key_at_used, 0, sizeof(ctx->key_at_used));
	memset(ctx->value_at_used, 0, sizeof(ctx->value_at_used));
	memset(ctx->pair_at_used, 0, sizeof(ctx->pair_at_used));
	ctx->nr_keys = ctx->key_misses = 0;
	floe_diags_dedupe(ctx->diags, base);
	/* most files have no directive: no table of lines, no walk */
	if (!buf || !ascii_contains(buf, len, FLOE_DIRECTIVE_TAG))
		return;
	for (const char *p = buf, *end = buf + len;
	     len && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		nr_lines++;
	inside = calloc(nr_lines, 1);
	if (!inside) {
		ctx->err = FLOE_ERR_NOMEM;
		return;
	}
	if (doc)
		mark_scalar_lines(doc->root, inside, nr_lines, 0, &budget);
	apply_suppressions(ctx, buf, len, base, inside, nr_lines);
	free(inside);
	scrub_release(ctx);	/* FP008's findings may have made one */
}

void floe_lint_apply_levels(struct floe_diags *d, size_t base,
			    const enum floe_level *levels)
{
	for (size_t i = base; levels && i < d->nr;) {
		const struct floe_diag *g = &d->items[i];
		enum floe_level lvl = level_of(levels, g->rule);
		int sev;

		/* a note, or a finding no level applies to, stays as it is */
		if (g->rule == FLOE_RULE_NONE || lvl == FLOE_LEVEL_DEFAULT) {
			i++;
			continue;
		}
		sev = severity_at(g->rule, lvl, g->severity);
		if (sev < 0) {
			floe_diags_remove(d, i);
			continue;
		}
		floe_diags_set_severity(d, i, (enum floe_severity)sev);
		i++;
	}
}

enum floe_err floe_lint_profiles(const struct floe_profiles *model,
				const struct floe_lint_options *opt,
				struct floe_diags *diags)
{
	struct lint_ctx ctx;
	size_t base = diags->nr, linted = 0, len = model->len;
	const char *buf = model->buf;

	lint_ctx_init(&ctx);
	ctx.file = model->file;
	ctx.model = model;
	ctx.opt = opt;
	if (lint_resolve_versions(&ctx) != FLOE_OK)
		return FLOE_ERR_USAGE;
	ctx.jopt.use_env = model->opt.use_env;
	ctx.jopt.getenv_fn = model->opt.getenv_fn;
	ctx.diags = diags;
	ctx.arena = arena_new();
	if (!ctx.arena)
		return FLOE_ERR_NOMEM;
	if (floe_profiles_diags(model, diags)) {
		arena_free(ctx.arena);
		return FLOE_ERR_NOMEM;
	}
	floe_lint_apply_levels(diags, base, opt->levels);
	if (model->parse_err == FLOE_ERR_TOO_BIG) {
		arena_free(ctx.arena);
		return FLOE_ERR_TOO_BIG;
	}
	if (model->doc) {
		report_newer_versions(&ctx);
		linted = walk(&ctx, model);
	}
	if (opt->merge) {
		size_t from = diags->nr;

		if (floe_diags_move(diags, opt->merge))
			ctx.err = FLOE_ERR_NOMEM;
		else
			floe_lint_apply_levels(diags, from, opt->levels);
	}
	lint_release_ctx(&ctx);
	/* a text read in blocks is read again only for its directives */
	if (!buf && model->has_directive) {
		enum floe_err err = floe_profiles_text(model, &buf, &len);

		if (err != FLOE_OK)
			ctx.err = err;
	}
	lint_finish_file(&ctx, model->doc, buf, len, base);
	arena_free(ctx.arena);
	if (ctx.err != FLOE_OK)
		return ctx.err;
	if (model->doc && model->opt.target && !linted)
		return FLOE_ERR_USAGE;
	return FLOE_OK;
}

enum floe_err floe_lint(const char *file, const char *buf, size_t len,
			const struct floe_lint_options *opt,
			struct floe_diags *diags)
{
	struct floe_profiles *model = NULL;
	enum floe_err err;

	err = floe_profiles_load_with(file, buf, len, opt->target, opt->use_env,
				      opt->getenv_fn, opt->limits, &model);
	if (err != FLOE_OK)
		return err;
	err = floe_lint_profiles(model, opt, diags);
	floe_profiles_free(model);
	return err;
}
