/*
 * Internal interface of the attach planner (attach_plan.c), shared by
 * generate.c: the planning context and its helpers, and the catalog's
 * attach entry.  The public side is include/floe/attach_plan.h.
 */
#ifndef FLOE_ATTACH_PLAN_INT_H
#define FLOE_ATTACH_PLAN_INT_H

#include "arena.h"
#include "floe/attach_plan.h"
#include "floe/diag.h"

/* Where a plan reports, and what it allocates from. */
struct plan_ctx {
	struct floe_diags *diags;
	struct arena *arena;
	const char *file;		/* the platform file being planned */
	enum floe_err err;		/* FLOE_ERR_INPUT after an error */
};

/* The values of the attach entry of one catalog; strings in the arena. */
struct attach_entry {
	const char *warehouse;
	const char *endpoint;
	const char *token_uri;
	const char *client_id;
	const char *client_secret;
	const char *scope;
	const char *delegation;
};

/* A diagnostic at a platform node; an error sets err to FLOE_ERR_INPUT. */
void plan_report(struct plan_ctx *g, enum floe_severity sev,
		 const struct floe_node *at, const char *fmt, ...)
	FLOE_PRINTF(4, 5);

/*
 * A literal value generate copies from the platform into profiles.yml:
 * it must not hold what lint's FP404 reads as a credential (a URI's
 * user:password@, a key=value whose key names one: the file would
 * commit it), and must not open a Jinja tag (dbt renders every string
 * in profiles.yml).  0 after an error, which never quotes a credential.
 */
int plan_literal_ok(struct plan_ctx *g, const struct floe_node *at,
		    const char *section, const char *name, const char *field,
		    const char *s);

/* Arena strings; "" (and err set) when out of memory. */
const char *plan_fmt(struct plan_ctx *g, const char *f, ...)
	FLOE_PRINTF(2, 3);
const char *plan_dupn(struct plan_ctx *g, const char *s, size_t n);

/* "{{ env_var('NAME') }}" for a secret_ref, by floe's naming rule. */
const char *plan_env_ref(struct plan_ctx *g, const char *ref);

/* Check the catalog and fill `pl` with what the attach entry holds. */
void plan_catalog(struct plan_ctx *g, const struct floe_catalog *c,
		  struct attach_entry *pl);

#endif
