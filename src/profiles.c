/*
 * The typed model of a dbt profiles.yml: see include/floe/profiles.h.
 *
 * One parse per file per run: lint, the project check, sql, verify and
 * the command line all read this model, so they cannot disagree on which
 * output dbt selects or on what a value renders to.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "arena.h"
#include "ascii.h"
#include "engine/dbt_render.h"
#include "engine/engine.h"
#include "floe/profiles.h"

#include "floe/fileio.h"
#include "jinja.h"
#include "pystr.h"
#include "secret.h"

struct binder {
	struct floe_profiles *p;
	struct jinja_opts jopt;
	enum floe_err err;
	/* the scalars that are secret values, sorted by address */
	const struct floe_node **secrets;
	size_t nr_secrets, alloc_secrets;
};

static bool is_null(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_NULL;
}

static const char *render(struct binder *b, const struct floe_node *n,
			  bool *jinja)
{
	struct jinja_read j;

	*jinja = false;
	if (!n || n->kind != FLOE_NODE_SCALAR || n->type == FLOE_TYPE_NULL)
		return NULL;
	if (n->type != FLOE_TYPE_STR)
		return n->value;	/* as written: 4, true, ~ */
	if (jinja_read(b->p->arena, n, &b->jopt, &j) != FLOE_OK) {
		b->err = FLOE_ERR_NOMEM;
		return NULL;
	}
	*jinja = j.has_jinja;
	return j.malformed ? NULL : j.text;
}

static struct floe_prof_value value(struct binder *b,
				    const struct floe_node *n)
{
	struct floe_prof_value v;

	v.node = n;
	v.text = render(b, n, &v.jinja);
	return v;
}

/* Case-insensitive lookup: dbt-duckdb upper-cases attach option names. */
static const struct floe_node *get_ci(const struct floe_node *map,
				      const char *key)
{
	size_t len = strlen(key);

	if (!map || map->kind != FLOE_NODE_MAP)
		return NULL;
	for (size_t i = map->nr; i-- > 0;) {
		const struct floe_node *k = map->pairs[i].key;

		if (k->type == FLOE_TYPE_STR && k->len == len &&
		    !strncasecmp(k->value, key, len))
			return map->pairs[i].value;
	}
	return NULL;
}

static const struct floe_node *either(const struct floe_node *a,
				      const struct floe_node *b)
{
	return a ? a : b;
}

static const struct floe_node *as_map(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_MAP ? n : NULL;
}

static size_t seq_len(const struct floe_node *n)
{
	return n && n->kind == FLOE_NODE_SEQ ? n->nr : 0;
}

static void *alloc_items(struct binder *b, size_t nr, size_t size)
{
	void *v;

	if (!nr)
		return NULL;
	v = arena_alloc(b->p->arena, nr * size);	/* zeroed */
	if (!v)
		b->err = FLOE_ERR_NOMEM;
	return v;
}

static void bind_attach(struct binder *b, struct floe_prof_output *o)
{
	size_t nr = seq_len(o->attach);
	struct floe_prof_attach *v = alloc_items(b, nr, sizeof(*v));

	if (!v)
		return;
	for (size_t i = 0; i < nr; i++) {
		const struct floe_node *it = o->attach->items[i];
		const struct floe_node *opts = as_map(floe_map_get(it,
								   "options"));
		struct floe_prof_attach *a = &v[i];

		a->node = it;
		a->options = opts;
		a->path = value(b, floe_map_get(it, "path"));
		a->alias = value(b, floe_map_get(it, "alias"));
		a->type = value(b, either(floe_map_get(it, "type"),
					  get_ci(opts, "type")));
		a->secret = value(b, either(floe_map_get(it, "secret"),
					    get_ci(opts, "secret")));
		a->iceberg = floe_node_is_str(a->type.node) &&
			     fe_attach_type_is(a->type.node->value, "iceberg");
	}
	o->attach_items = v;
	o->nr_attach = nr;
}

static void bind_secrets(struct binder *b, struct floe_prof_output *o)
{
	size_t nr = seq_len(o->secrets);
	struct floe_prof_secret *v = alloc_items(b, nr, sizeof(*v));

	if (!v)
		return;
	for (size_t i = 0; i < nr; i++) {
		const struct floe_node *it = o->secrets->items[i];

		v[i].node = it;
		v[i].type = value(b, floe_map_get(it, "type"));
		v[i].name = value(b, floe_map_get(it, "name"));
	}
	o->secret_items = v;
	o->nr_secrets = nr;
}

static void bind_plugins(struct binder *b, struct floe_prof_output *o)
{
	size_t nr = seq_len(o->plugins);
	struct floe_prof_plugin *v = alloc_items(b, nr, sizeof(*v));

	if (!v)
		return;
	for (size_t i = 0; i < nr; i++) {
		const struct floe_node *it = o->plugins->items[i];

		v[i].node = it;
		v[i].module = value(b, floe_map_get(it, "module"));
		v[i].alias = value(b, floe_map_get(it, "alias"));
		v[i].config = as_map(floe_map_get(it, "config"));
	}
	o->plugin_items = v;
	o->nr_plugins = nr;
}

/* ---- dbt-duckdb's motherduck plugin ---- */

/* 1 when a path value is MotherDuck's, 0 when not, -1 when unknown. */
static int md_path(const struct floe_prof_value *v)
{
	if (!v->node || is_null(v->node))
		return 0;
	if (!floe_node_is_str(v->node) || !v->text)
		return -1;
	return fe_dbt_path_is_motherduck(v->text);
}

/* Python's bool() of a value as PyYAML and dbt give it: 1, 0, -1. */
static int py_truthy(const struct floe_prof_value *v)
{
	int t;

	if (!v->node)
		return 0;
	t = py_truth(v->node);
	if (t >= 0)
		return t;
	return v->text ? *v->text != '\0' : -1;
}

static void bind_motherduck(struct binder *b, struct floe_prof_output *o)
{
	struct floe_prof_value ua;
	int md = md_path(&o->path);

	for (size_t i = 0; md != 1 && i < o->nr_attach; i++) {
		int m = md_path(&o->attach_items[i].path);

		md = m == 1 ? 1 : m < 0 ? -1 : md;
	}
	for (size_t i = 0; md != 1 && i < o->nr_plugins; i++) {
		const struct floe_prof_value *m = &o->plugin_items[i].module;

		if (!m->node || !floe_node_is_str(m->node) || !m->text)
			md = -1;
		else if (!strcmp(m->text, "motherduck"))
			md = 1;
	}
	o->motherduck_plugin = (signed char)md;
	ua = value(b, floe_map_get(as_map(o->config_options),
				   "custom_user_agent"));
	o->config_user_agent = (signed char)py_truthy(&ua);
}

/* ---- names that are secret values ---- */

static void add_secret(struct binder *b, const struct floe_node *n)
{
	if (!n || n->kind != FLOE_NODE_SCALAR || b->err != FLOE_OK)
		return;
	if (ALLOC_GROW(b->secrets, b->nr_secrets + 1, b->alloc_secrets)) {
		b->err = FLOE_ERR_NOMEM;
		return;
	}
	b->secrets[b->nr_secrets++] = n;
}

/*
 * Every value of a credential key or of a header map, anywhere.  One
 * node can be both a value and, through an alias, a key (`*pw: ...`):
 * the walk covers what aliases add, which the parser's alias limits
 * bound.
 */
static void find_secrets(struct binder *b, const struct floe_node *n)
{
	if (!n || b->err != FLOE_OK)
		return;
	if (n->kind == FLOE_NODE_SEQ)
		for (size_t i = 0; i < n->nr; i++)
			find_secrets(b, n->items[i]);
	if (n->kind != FLOE_NODE_MAP)
		return;
	for (size_t i = 0; i < n->nr; i++) {
		const struct floe_node *k = n->pairs[i].key;
		const struct floe_node *v = n->pairs[i].value;

		if (k->kind != FLOE_NODE_SCALAR || k->type != FLOE_TYPE_STR)
			;	/* a key that is not a string names nothing */
		else if (floe_secret_key(k->value))
			add_secret(b, v);
		else if (v->kind == FLOE_NODE_MAP &&
			 floe_secret_header_map(k->value))
			for (size_t j = 0; j < v->nr; j++)
				add_secret(b, v->pairs[j].value);
		if (v->kind != FLOE_NODE_SCALAR)
			find_secrets(b, v);
	}
}

static int cmp_node(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const struct floe_node *const *)a;
	uintptr_t y = (uintptr_t)*(const struct floe_node *const *)b;

	return x < y ? -1 : x > y;
}

/* A profile's or output's name, masked when its key is a secret value. */
static const char *name_of(const struct binder *b, const struct floe_node *key)
{
	return floe_profiles_is_secret(b->p, key) ? FLOE_SECRET_MASK
						  : key->value;
}

static void bind_output(struct binder *b, const struct floe_profile *prof,
			const struct floe_pair *pair,
			struct floe_prof_output *o)
{
	const struct floe_node *m = pair->value;

	o->profile = prof;
	o->name = name_of(b, pair->key);
	o->key = pair->key;
	o->node = m;
	o->is_map = m->kind == FLOE_NODE_MAP;
	if (!o->is_map)
		return;
	o->type = value(b, floe_map_get(m, "type"));
	o->is_duckdb = floe_node_is_str(o->type.node) &&
		       !strcasecmp(o->type.node->value, "duckdb");
	o->path = value(b, floe_map_get(m, "path"));
	o->database = value(b, floe_map_get(m, "database"));
	o->extensions = floe_map_get(m, "extensions");
	o->settings = floe_map_get(m, "settings");
	o->config_options = floe_map_get(m, "config_options");
	o->secrets = floe_map_get(m, "secrets");
	o->attach = floe_map_get(m, "attach");
	o->plugins = floe_map_get(m, "plugins");
	o->filesystems = floe_map_get(m, "filesystems");
	bind_attach(b, o);
	bind_secrets(b, o);
	bind_plugins(b, o);
	bind_motherduck(b, o);
}

/* dbt's choice of the output (dbt-core's Profile.render_profile). */
static void select_target(struct binder *b, struct floe_profile *prof)
{
	const struct floe_node *t = prof->target.node;

	if (!t) {
		prof->own_target = "default";
		prof->selected_from = FLOE_TARGET_DEFAULT;
	} else if (is_null(t)) {
		prof->selected_from = FLOE_TARGET_NULL;
	} else if (!floe_node_is_str(t)) {
		/* dbt-core renders only strings (BaseRenderer.render_value) */
		prof->selected_from = FLOE_TARGET_NOT_STR;
	} else if (prof->target.text) {
		prof->own_target = prof->target.text;
		prof->selected_from = FLOE_TARGET_KEY;
	} else {
		prof->selected_from = FLOE_TARGET_RUNTIME;
	}
	prof->selected = prof->own_target;
	if (b->p->opt.target) {
		prof->selected = b->p->opt.target;
		prof->selected_from = FLOE_TARGET_OPTION;
	}
	if (prof->selected)
		prof->output = floe_profile_output(prof, prof->selected);
}

static void bind_profile(struct binder *b, const struct floe_pair *pair,
			 struct floe_profile *prof)
{
	const struct floe_node *m = pair->value;
	const struct floe_node *outs;

	prof->name = name_of(b, pair->key);
	prof->key = pair->key;
	prof->node = m;
	prof->is_map = m->kind == FLOE_NODE_MAP;
	if (!prof->is_map)
		return;
	prof->target = value(b, floe_map_get(m, "target"));
	outs = floe_map_get(m, "outputs");
	prof->outputs = outs;
	if (outs && outs->kind == FLOE_NODE_MAP) {
		struct floe_prof_output *v = alloc_items(b, outs->nr,
							 sizeof(*v));

		for (size_t i = 0; v && i < outs->nr; i++)
			bind_output(b, prof, &outs->pairs[i], &v[i]);
		prof->output_items = v;
		prof->nr_outputs = v ? outs->nr : 0;
	}
	select_target(b, prof);
}

static void bind(struct binder *b)
{
	const struct floe_node *root = b->p->doc->root;
	struct floe_profile *v;
	size_t nr = 0;

	if (!root || root->kind != FLOE_NODE_MAP)
		return;
	/* only an alias can make a key a secret value (name_of()) */
	if (b->p->doc->nr_aliases)
		find_secrets(b, root);
	if (b->err != FLOE_OK)
		return;
	if (b->nr_secrets)
		qsort(b->secrets, b->nr_secrets, sizeof(*b->secrets), cmp_node);
	b->p->secret_nodes = b->secrets;	/* for name_of() */
	b->p->nr_secret_nodes = b->nr_secrets;
	v = alloc_items(b, root->nr, sizeof(*v));
	for (size_t i = 0; v && i < root->nr; i++) {
		const struct floe_pair *pair = &root->pairs[i];

		if (floe_node_is_str(pair->key) &&
		    !strcmp(pair->key->value, "config")) {
			b->p->config = pair->value;	/* dbt's global config */
			continue;
		}
		bind_profile(b, pair, &v[nr++]);
	}
	b->p->items = v;
	b->p->nr = nr;
}

/*
 * What floe_profiles_load_text() reads the text through: its blocks, and
 * whether FLOE_DIRECTIVE_TAG is in them (across two blocks too).
 */
struct text_reader {
	struct floe_text *t;
	bool found;
	size_t nr_carry;
	char carry[2 * (sizeof(FLOE_DIRECTIVE_TAG) - 1)];
};

static enum floe_err read_block(void *arg, char *buf, size_t size,
				size_t *got)
{
	struct text_reader *r = arg;
	const size_t keep = sizeof(FLOE_DIRECTIVE_TAG) - 2;
	enum floe_err err = floe_text_read(r->t, buf, size, got);
	size_t n = *got, head = n < keep ? n : keep;

	if (err != FLOE_OK || r->found || !n)
		return err;
	/* the tag across the end of the last block and this one */
	memcpy(r->carry + r->nr_carry, buf, head);
	r->found = ascii_contains(r->carry, r->nr_carry + head,
				  FLOE_DIRECTIVE_TAG) ||
		   ascii_contains(buf, n, FLOE_DIRECTIVE_TAG);
	/* the last bytes (at most keep) of what was read, for the next */
	if (n >= keep) {
		memcpy(r->carry, buf + n - keep, keep);
		r->nr_carry = keep;
	} else {
		size_t all = r->nr_carry + n, drop = all > keep ? all - keep
							   : 0;

		memmove(r->carry, r->carry + drop, all - drop);
		r->nr_carry = all - drop;
	}
	return FLOE_OK;
}

/* The whole text, for a reader error's position: the rest is read by
 * floe_text_hold(), not by read_block(), so it is searched here. */
static const char *whole_text(void *arg, size_t *len)
{
	struct text_reader *r = arg;

	if (floe_text_hold(r->t) != FLOE_OK)
		return NULL;
	r->found = r->found || ascii_contains(r->t->buf, r->t->len,
					       FLOE_DIRECTIVE_TAG);
	*len = r->t->len;
	return r->t->buf;
}

/* floe_profiles_load() of buf, or of t read in blocks when buf is NULL */
static enum floe_err load(const char *file, const char *buf, size_t len,
			  struct floe_text *t,
			  const struct floe_profiles_options *opt,
			  struct floe_profiles **out)
{
	struct floe_yaml_limits lim = opt->limits;
	struct floe_profiles *p;
	struct binder b;
	enum floe_err err;

	if (!lim.max_bytes)
		lim = floe_yaml_default_limits();
	p = calloc(1, sizeof(*p));
	if (!p)
		return FLOE_ERR_NOMEM;
	p->file = file;
	p->buf = buf;
	p->len = len;
	p->text = t;
	p->opt = *opt;
	p->opt.limits = lim;
	p->arena = arena_new();
	if (!p->arena) {
		free(p);
		return FLOE_ERR_NOMEM;
	}
	if (buf) {
		err = floe_yaml_parse(file, buf, len, &lim, &p->doc,
				      &p->diags);
	} else {
		struct text_reader r = { .t = t };
		struct floe_yaml_reader in = { read_block, whole_text, &r };

		err = floe_yaml_parse_from(file, &in, &lim, &p->doc,
					   &p->diags);
		/* a parse that stopped at an error: the rest, for lint's
		 * directives (FP008 of those after the error) */
		while (err == FLOE_ERR_INPUT && !t->done) {
			char rest[4096];
			size_t got;

			if (read_block(&r, rest, sizeof(rest), &got) !=
			    FLOE_OK)
				break;	/* said again by floe_text_hold() */
		}
		p->has_directive = r.found;
		p->len = t->len;
	}
	if (err == FLOE_ERR_INPUT || err == FLOE_ERR_TOO_BIG) {
		p->parse_err = err;
		*out = p;	/* the findings say why */
		return FLOE_OK;
	}
	if (err != FLOE_OK) {
		floe_profiles_free(p);
		return err;
	}
	memset(&b, 0, sizeof(b));
	b.p = p;
	b.jopt.use_env = opt->use_env;
	b.jopt.getenv_fn = opt->getenv_fn;
	bind(&b);
	p->secret_nodes = b.secrets;	/* owned by the model now */
	p->nr_secret_nodes = b.nr_secrets;
	if (b.err != FLOE_OK) {
		floe_profiles_free(p);
		return b.err;
	}
	*out = p;
	return FLOE_OK;
}

enum floe_err floe_profiles_load(const char *file, const char *buf,
				 size_t len,
				 const struct floe_profiles_options *opt,
				 struct floe_profiles **out)
{
	return load(file, buf ? buf : "", len, NULL, opt, out);
}

enum floe_err floe_profiles_load_text(const char *file, struct floe_text *t,
				      const struct floe_profiles_options *opt,
				      struct floe_profiles **out)
{
	return load(file, t->buf, t->len, t, opt, out);
}

enum floe_err floe_profiles_text(const struct floe_profiles *p,
				 const char **buf, size_t *len)
{
	enum floe_err err;

	if (p->buf) {
		*buf = p->buf;
		*len = p->len;
		return FLOE_OK;
	}
	err = p->text ? floe_text_hold(p->text) : FLOE_ERR_IO;
	if (err != FLOE_OK)
		return err;
	*buf = p->text->buf;
	*len = p->text->len;
	return FLOE_OK;
}

enum floe_err floe_profiles_load_with(const char *file, const char *buf,
				      size_t len, const char *target,
				      bool use_env,
				      const char *(*getenv_fn)(const char *),
				      struct floe_yaml_limits limits,
				      struct floe_profiles **out)
{
	struct floe_profiles_options po;

	memset(&po, 0, sizeof(po));
	po.target = target;
	po.use_env = use_env;
	po.getenv_fn = getenv_fn;
	po.limits = limits;
	return floe_profiles_load(file, buf, len, &po, out);
}

void floe_profiles_free(struct floe_profiles *p)
{
	if (!p)
		return;
	floe_doc_free(p->doc);
	floe_diags_release(&p->diags);
	arena_free(p->arena);
	free(p->secret_nodes);
	free(p);
}

bool floe_profiles_is_secret(const struct floe_profiles *p,
			     const struct floe_node *n)
{
	return p && n && p->nr_secret_nodes &&
	       bsearch(&n, p->secret_nodes, p->nr_secret_nodes,
		       sizeof(*p->secret_nodes), cmp_node);
}

const struct floe_profile *floe_profiles_find(const struct floe_profiles *p,
					      const char *name)
{
	for (size_t i = 0; p && i < p->nr; i++)
		if (floe_node_is_str(p->items[i].key) &&
		    !strcmp(p->items[i].name, name))
			return &p->items[i];
	return NULL;
}

const struct floe_prof_output *floe_profile_output(
	const struct floe_profile *p, const char *name)
{
	for (size_t i = 0; p && i < p->nr_outputs; i++)
		if (floe_node_is_str(p->output_items[i].key) &&
		    !strcmp(p->output_items[i].name, name))
			return &p->output_items[i];
	return NULL;
}

bool floe_profiles_has_output(const struct floe_profiles *p,
			      const char *name)
{
	for (size_t i = 0; p && i < p->nr; i++)
		if (floe_profile_output(&p->items[i], name))
			return true;
	return false;
}

enum floe_err floe_profiles_diags(const struct floe_profiles *p,
				  struct floe_diags *d)
{
	for (size_t i = 0; i < p->diags.nr; i++) {
		const struct floe_diag *g = &p->diags.items[i];

		if (floe_diags_addf(d, g->severity, g->rule, g->loc, "%s",
				    g->message))
			return FLOE_ERR_NOMEM;
	}
	return FLOE_OK;
}
