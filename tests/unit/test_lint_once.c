/*
 * Unit tests for what lint finds once per output and keeps while the
 * output's rules run (src/lint/lint.c, rule_credentials.c): the parsed
 * URL values (lint_url) and the values that hold a secret.  Each keeps
 * a fixed number of them; an output with more is searched again by each
 * rule, so every rule still reports on every value, in the order of the
 * file, with as many values as the room holds or more.  The
 * connections (lint_conns) are found once too, all of them: no rule
 * stops at a number of connections.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/lint.h"
#include "lint/lint_int.h"
#include "strbuf.h"

/* An output with `n` iceberg attach items, each with a literal
 * password, an env_var() token and a plain http endpoint, and a path
 * `wh` followed by the item's number. */
static char *attach_items(size_t n, const char *wh)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "p:\n  target: dev\n  outputs:\n    dev:\n"
		    "      type: duckdb\n      attach:\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "      - path: %s%zu\n"
			    "        alias: a%zu\n"
			    "        type: iceberg\n"
			    "        password: literal%zu\n"
			    "        options:\n"
			    "          endpoint: http://cat%zu.example.com/api\n"
			    "          token: \"{{ env_var('T%zu') }}\"\n",
			    wh, i, i, i, i, i);
	assert_false(strbuf_error(&sb));
	return strbuf_detach(&sb, NULL);
}

/* The findings of rule `id`: their number, and their lines ascending. */
static size_t count(const struct floe_diags *d, const char *id)
{
	size_t nr = 0;
	unsigned line = 0;

	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_rule *r = floe_rule_get(d->items[i].rule);

		if (!r || strcmp(r->id, id))
			continue;
		assert_true(d->items[i].loc.start.line > line);
		line = d->items[i].loc.start.line;
		nr++;
	}
	return nr;
}

/* Lint `len` bytes as profiles.yml into a fresh d, FP406 (opt-in) on
 * when asked. */
static void lint_text(const char *text, size_t len, bool fp406,
		      struct floe_diags *d)
{
	enum floe_level levels[FLOE_RULE__COUNT] = { FLOE_LEVEL_DEFAULT };
	struct floe_lint_options opt;

	memset(&opt, 0, sizeof(opt));
	levels[FLOE_FP406 - 1] = fp406 ? FLOE_LEVEL_WARNING
				       : FLOE_LEVEL_DEFAULT;
	opt.levels = levels;
	*d = (struct floe_diags)FLOE_DIAGS_INIT;
	assert_int_equal(floe_lint("profiles.yml", text, len, &opt, d),
			 FLOE_OK);
}

static void lint_items_at(size_t n, const char *wh)
{
	struct floe_diags d;
	char *yaml = attach_items(n, wh);

	lint_text(yaml, strlen(yaml), true, &d);
	assert_int_equal(count(&d, "FP404"), n);	/* literal secret */
	assert_int_equal(count(&d, "FP406"), n);	/* not DBT_ENV_SECRET_ */
	assert_int_equal(count(&d, "FP206"), n);	/* plain http */
	/* a storage location as the warehouse (rule_attach.c) */
	assert_int_equal(count(&d, "FP307"), strcmp(wh, "w") ? n : 0);
	floe_diags_release(&d);
	free(yaml);
}

static void lint_items(size_t n)
{
	lint_items_at(n, "w");
}

static void test_once_values_that_fit(void **state)
{
	(void)state;
	lint_items(1);
	lint_items(4);
}

static void test_once_more_values_than_kept(void **state)
{
	(void)state;
	lint_items(20);		/* 40 secret values, 20 URLs */
	lint_items(30);
}

/* The endpoint and flavor rules stopped at 32 connections of an output,
 * the attach rules at 16: the 33rd item's plain http went unsaid. */
static void test_once_every_connection(void **state)
{
	(void)state;
	lint_items(40);
	lint_items_at(17, "s3://lake/w");
	lint_items_at(70, "s3://lake/w");
}

/*
 * An output's Jinja readings are dropped once its rules are done, so a
 * file's readings are not all held at once (issue 12, peak memory).  An
 * alias makes later outputs read the very nodes an earlier output read
 * and dropped: each output must read them again, not find a stale
 * reading.  Under ASan (CI's second build) the block the readings'
 * arena keeps is poisoned when it is emptied (src/arena.c), so a stale
 * reading is a reported use of poisoned memory.  The findings sit on the
 * shared nodes, so each rule reports each of them once.
 */
static void test_once_readings_dropped_between_outputs(void **state)
{
	struct floe_diags d;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n");
	for (int i = 0; i < 40; i++) {
		strbuf_addf(&sb, "    o%d:\n      type: duckdb\n"
			    "      path: o%d.duckdb\n", i, i);
		if (i)
			strbuf_addf(&sb, "      attach: *a\n");
		else
			strbuf_addf(&sb, "      attach: &a\n"
				    "      - path: w\n"
				    "        alias: cat\n"
				    "        type: iceberg\n"
				    "        options:\n"
				    "          endpoint: \"http://{{ env_var("
				    "'HOST', 'c.example.com') }}/api\"\n"
				    "          token: \"{{ env_var('T') }}\"\n");
	}
	assert_false(strbuf_error(&sb));
	lint_text(sb.buf, sb.len, true, &d);
	assert_int_equal(count(&d, "FP406"), 1);	/* not DBT_ENV_SECRET_ */
	assert_int_equal(count(&d, "FP206"), 1);	/* plain http, rendered */
	floe_diags_release(&d);
	strbuf_release(&sb);
}

/*
 * The engine rows of an output's keys are asked once per output (a memo
 * of 128 slots, src/lint/lint.c): an output with more keys than fit is
 * answered by direct lookups past the memo, a key is never answered for
 * another, and a settings mapping that two outputs share (an alias) is
 * judged in each of them alike.
 */
static void test_once_memo_overflow_and_shared_keys(void **state)
{
	struct floe_diags d;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n"
		    "    o0:\n      type: duckdb\n      settings: &s\n");
	/* 300 unknown settings, then one the secret manager refuses */
	for (int i = 0; i < 300; i++)
		strbuf_addf(&sb, "        no_such_setting_%d: 1\n", i);
	strbuf_adds(&sb, "        allow_persistent_secrets: false\n"
		    "    o1:\n      type: duckdb\n      settings: *s\n");
	assert_false(strbuf_error(&sb));
	lint_text(sb.buf, sb.len, false, &d);
	/* each finding sits on the shared node: reported once */
	assert_int_equal(count(&d, "FP106"), 300);	/* unknown setting */
	assert_int_equal(count(&d, "FP101"), 1);	/* secret manager */
	floe_diags_release(&d);
	strbuf_release(&sb);
}

/*
 * What the engine says of a key text, and whether a key is a secret's,
 * is found once per lint (ctx->lazy.keys, src/lint/lint.c): past the
 * texts the table holds, past its long keys, and once a full table has
 * missed often enough to be given up, keys are answered each time they
 * are asked, and every output is judged alike.
 */
static void test_once_key_texts_across_outputs(void **state)
{
	enum { OUTPUTS = 60, KEYS = 90 };
	struct floe_diags d;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n");
	for (int o = 0; o < OUTPUTS; o++) {
		strbuf_addf(&sb, "    o%d:\n      type: duckdb\n"
			    "      password: literal%d\n"
			    "      settings:\n"
			    "        allow_persistent_secrets: false\n"
			    "        a_setting_name_longer_than_the_sixty_four_"
			    "bytes_a_key_text_is_held_to: 1\n", o, o);
		for (int i = 0; i < KEYS; i++)
			strbuf_addf(&sb, "        no_such_setting_%d_%d: 1\n",
				    o, i);
	}
	assert_false(strbuf_error(&sb));
	lint_text(sb.buf, sb.len, false, &d);
	assert_int_equal(count(&d, "FP106"), OUTPUTS * (KEYS + 1));
	assert_int_equal(count(&d, "FP101"), OUTPUTS);
	assert_int_equal(count(&d, "FP404"), OUTPUTS);
	floe_diags_release(&d);
	strbuf_release(&sb);
}

/*
 * What is known of a value's text is kept by its address from the
 * second output on (lint_value_fact()): a text found clean is clean in
 * every output, and a text that holds a credential is judged, and
 * reported, in each of them.
 */
static void test_once_value_texts_across_outputs(void **state)
{
	enum { OUTPUTS = 300 };
	struct floe_diags d;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n");
	for (int o = 0; o < OUTPUTS; o++)
		strbuf_addf(&sb, "    o%d:\n      type: duckdb\n"
			    "      path: /tmp/clean.duckdb\n"
			    "      attach:\n"
			    "      - path: postgres://u:pw@h/db\n"
			    "        alias: pg%d\n"
			    "        type: postgres\n", o, o);
	assert_false(strbuf_error(&sb));
	lint_text(sb.buf, sb.len, false, &d);
	assert_int_equal(count(&d, "FP404"), OUTPUTS);
	floe_diags_release(&d);
	strbuf_release(&sb);
}

/*
 * A rule's quiet verdict on a key and its value is kept by the pair of
 * texts (lint_pair_fact()): the same key with another value, or the
 * same text in another style, is judged again, and a pair with a
 * finding is reported in every output.
 */
static void test_once_pair_texts_across_outputs(void **state)
{
	enum { OUTPUTS = 300 };
	struct floe_diags d;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n");
	for (int o = 0; o < OUTPUTS; o++)
		strbuf_addf(&sb, "    o%d:\n      type: duckdb\n"
			    "      path: /tmp/clean.duckdb\n"
			    "      extensions: [iceberg]\n"
			    "      settings:\n"
			    "        memory_limit: %s\n"
			    "        threads: %s\n"
			    "      attach:\n"
			    "      - path: wh\n"
			    "        alias: cat%d\n"
			    "        type: iceberg\n"
			    "        options:\n"
			    "          endpoint: http://localhost:8181/api/catalog\n"
			    "          access_delegation_mode: %s\n",
			    o, o % 2 ? "4XB" : "4GB",
			    o % 3 ? "'4'" : "four", o,
			    o % 2 ? "none" : "vended-credentials");
	assert_false(strbuf_error(&sb));
	lint_text(sb.buf, sb.len, false, &d);
	assert_int_equal(count(&d, "FP111"), OUTPUTS / 2);
	assert_int_equal(count(&d, "FP306"), OUTPUTS / 2);
	assert_int_equal(count(&d, "FP110"), OUTPUTS / 3);
	floe_diags_release(&d);
	strbuf_release(&sb);
}

/*
 * The default iceberg secret, read once per output: a name written
 * without a ColId ("IN memory", a comment) makes an unnamed secret,
 * __default_iceberg (it sorts before zzz), and a later secret of
 * another type and the same name replaces an iceberg one.  Both once
 * crashed or chose a secret DuckDB no longer has.
 */
static void test_once_default_secret_names(void **state)
{
	static const char text[] =
		"p:\n  target: dev\n  outputs:\n    dev:\n"
		"      type: duckdb\n      secrets:\n"
		"        - type: iceberg\n          name: \"IN memory\"\n"
		"          token: \"{{ env_var('T') }}\"\n"
		"        - type: iceberg\n          name: \"/* c */\"\n"
		"          token: \"{{ env_var('T') }}\"\n"
		"        - type: iceberg\n          name: aaa\n"
		"          token: \"{{ env_var('T') }}\"\n"
		"        - type: s3\n          name: aaa\n"
		"        - type: iceberg\n          name: zzz\n"
		"          token: \"{{ env_var('T') }}\"\n"
		"      attach:\n      - path: wh\n        alias: a\n"
		"        type: iceberg\n        options:\n"
		"          endpoint: http://cat.example.com/api\n";
	struct floe_diags d;

	(void)state;
	lint_text(text, sizeof(text) - 1, false, &d);
	floe_diags_release(&d);
}

/*
 * What is derived from a value's text (a parsed URL, an extension's
 * name) is kept for its memo slot in an arena that is emptied, and the
 * slots forgotten, between outputs once LINT_ANSWERS_KEPT answers were
 * derived, so that a file of outputs that all differ does not keep one
 * per output.  Past several such rounds, each output's findings are
 * still its own: a token URI that is not its endpoint's, named in the
 * message by its own host (a stale answer would name another's).
 */
static void test_once_answers_forgotten_between_outputs(void **state)
{
	/* 3 answers an output: 3 rounds */
	enum { OUTPUTS = LINT_ANSWERS_KEPT + 7 };
	struct floe_lint_options opt;
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t seen = 0;

	(void)state;
	strbuf_adds(&sb, "p:\n  target: o0\n  outputs:\n");
	for (int o = 0; o < OUTPUTS; o++)
		strbuf_addf(&sb, "    o%d:\n      type: duckdb\n"
			    "      extensions: [iceberg]\n"
			    "      attach:\n"
			    "      - path: cat%d\n"
			    "        alias: lake%d\n"
			    "        type: iceberg\n"
			    "        options:\n"
			    "          endpoint: https://h%d.example.com/api/catalog\n"
			    "          oauth2_server_uri: "
			    "https://h%d.example.com/other/v1/oauth/tokens\n"
			    "          client_id: \"{{ env_var('ID') }}\"\n"
			    "          client_secret: "
			    "\"{{ env_var('DBT_ENV_SECRET_S') }}\"\n",
			    o, o, o, o, o);
	assert_false(strbuf_error(&sb));
	memset(&opt, 0, sizeof(opt));
	opt.limits = floe_yaml_default_limits();
	opt.limits.max_bytes = 16 << 20;
	assert_int_equal(floe_lint("profiles.yml", sb.buf, sb.len, &opt, &d),
			 FLOE_OK);
	for (size_t i = 0; i < d.nr; i++) {
		const struct floe_rule *r = floe_rule_get(d.items[i].rule);
		char host[64];
		unsigned line = d.items[i].loc.start.line;

		if (!r || strcmp(r->id, "FP201"))
			continue;
		/* output o is lines 4 + 12 o to 15 + 12 o */
		snprintf(host, sizeof(host), "h%u.example.com",
			 (line - 4) / 12);
		if (!strstr(d.items[i].message, host))
			fail_msg("line %u: %s", line, d.items[i].message);
		seen++;
	}
	assert_int_equal(seen, OUTPUTS);
	floe_diags_release(&d);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_values_that_fit),
		cmocka_unit_test(test_once_more_values_than_kept),
		cmocka_unit_test(test_once_every_connection),
		cmocka_unit_test(test_once_readings_dropped_between_outputs),
		cmocka_unit_test(test_once_memo_overflow_and_shared_keys),
		cmocka_unit_test(test_once_key_texts_across_outputs),
		cmocka_unit_test(test_once_value_texts_across_outputs),
		cmocka_unit_test(test_once_answers_forgotten_between_outputs),
		cmocka_unit_test(test_once_pair_texts_across_outputs),
		cmocka_unit_test(test_once_default_secret_names),
	};

	return cmocka_run_group_tests_name("lint_once", tests, NULL, NULL);
}
