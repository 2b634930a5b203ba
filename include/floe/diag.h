/*
 * floe-profiles: diagnostics.
 *
 * The library never prints.  Everything it has to say about an input file
 * is appended to a struct floe_diags, which the caller (the CLI, a test)
 * prints or inspects.  Positions are 1-based lines and columns counted in
 * Unicode code points; 0 means "unknown".
 *
 * Invariants: items[0..nr) are valid; each message is owned by the list;
 * file names are borrowed and must outlive the list.
 */
#ifndef FLOE_DIAG_H
#define FLOE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "floe/rule_ids.h"

#if defined(__GNUC__)
#define FLOE_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FLOE_PRINTF(fmt, args)
#endif

enum floe_severity {
	FLOE_SEV_NOTE = 0,	/* context for the diagnostic before it */
	FLOE_SEV_INFO,
	FLOE_SEV_WARNING,
	FLOE_SEV_ERROR
};

struct floe_pos {
	unsigned line;		/* 1-based; 0 = unknown */
	unsigned column;	/* 1-based, in code points; 0 = unknown */
};

struct floe_loc {
	const char *file;	/* borrowed */
	struct floe_pos start;
	struct floe_pos end;	/* the position just after the region */
};

/*
 * A fix: edits of the finding's file that remove the finding (see
 * include/floe/fix.h).  Each edit replaces the bytes [start, end) of the
 * file as it was read with `text`; the same region is given as lines and
 * columns (code points; `to` is just after it).  Edits are sorted and
 * do not overlap; an insertion has start == end.
 */
struct floe_edit {
	size_t start, end;
	struct floe_pos from, to;
	char *text;		/* owned, NUL-terminated */
	size_t len;
};

enum floe_fix_safety {
	FLOE_FIX_SAFE = 0,	/* keeps what the user meant: --fix */
	FLOE_FIX_UNSAFE		/* may change it: --fix --unsafe-fixes */
};

struct floe_fix {
	enum floe_fix_safety safety;
	char *message;		/* owned: "move 'x' to config_options" */
	struct floe_edit *edits;	/* owned */
	size_t nr, alloc;
	bool secret;		/* the new text holds a secret value: never
				 * shown (json and sarif leave the fix out) */
};

struct floe_diag {
	enum floe_severity severity;
	enum floe_rule_id rule;	/* FLOE_FP012, or FLOE_RULE_NONE; its id and
				 * name: floe_rule_get() (floe/lint.h) */
	struct floe_loc loc;
	char *message;		/* owned */
	struct floe_fix *fix;	/* owned; NULL: no fix (floe_fix_compute) */
};

struct floe_diags {
	struct floe_diag *items;
	size_t nr, alloc;
	size_t nr_errors, nr_warnings, nr_infos;
	size_t cap;		/* stop storing after this many; 0 = default */
	size_t dropped;		/* diagnostics not stored because of the cap */
};

#define FLOE_DIAGS_INIT { NULL, 0, 0, 0, 0, 0, 0, 0 }
#define FLOE_DIAGS_DEFAULT_CAP 10000

/**
 * Append a diagnostic.
 * \return 0, or -1 when memory ran out (the list is left unchanged).
 * A diagnostic beyond the cap is counted in `dropped` and returns 0.
 */
int floe_diags_addf(struct floe_diags *d, enum floe_severity sev,
		    enum floe_rule_id rule, struct floe_loc loc,
		    const char *fmt, ...) FLOE_PRINTF(5, 6);

/** floe_diags_addf() with a va_list. */
int floe_diags_vaddf(struct floe_diags *d, enum floe_severity sev,
		     enum floe_rule_id rule, struct floe_loc loc,
		     const char *fmt, va_list ap) FLOE_PRINTF(5, 0);

/**
 * Remove item `i` and the notes that follow it (they belong to it), and
 * keep the counts true.
 */
void floe_diags_remove(struct floe_diags *d, size_t i);

/** Change item `i`'s severity, and keep the counts true. */
void floe_diags_set_severity(struct floe_diags *d, size_t i,
			     enum floe_severity sev);

/** Remove every item from `nr` on (a run's findings that do not count). */
void floe_diags_truncate(struct floe_diags *d, size_t nr);

/** Items[i] and [j] say the same: rule, severity, start and message. */
bool floe_diags_same(const struct floe_diag *a, const struct floe_diag *b);

/**
 * Remove the findings of d->items[base..] that repeat an earlier one of
 * that range (floe_diags_same(); a node reached through anchors or merges
 * from several outputs), with their notes; a note is not compared on its
 * own: it stays or goes with the finding before it.  The first of equal
 * findings is kept, and the order of what is kept does not change.
 * Linear in the number of items.
 */
void floe_diags_dedupe(struct floe_diags *d, size_t base);

/**
 * Move every diagnostic of `src` to the end of `dst` (ownership of the
 * messages moves too); `src` is left empty.
 * \return 0, or -1 when memory ran out (both lists unchanged).
 */
int floe_diags_move(struct floe_diags *dst, struct floe_diags *src);

/** Free a fix and everything in it; NULL is fine. */
void floe_fix_free(struct floe_fix *fix);

/** Free every message and the array; the list is empty and reusable. */
void floe_diags_release(struct floe_diags *d);

/** Sort by file order of appearance, then line, column (stable), in
 * O(n log n); it cannot fail (without memory for that, it sorts in
 * place, in quadratic time). */
void floe_diags_sort(struct floe_diags *d);

/** "error", "warning", "info" or "note". */
const char *floe_severity_name(enum floe_severity sev);

#endif
