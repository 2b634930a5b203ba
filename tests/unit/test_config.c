/*
 * Unit tests for .floe-profiles.yaml (src/config.c), bound with libcyaml
 * 1.3.1, whose traps the module guards: an empty file, non-strict enums
 * and integers, aliases, errors that exist only as log text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floe/config.h"
#include "floe/lint.h"

#define FILE_NAME "cfg.yaml"

struct fx {
	struct floe_config *cfg;
	struct floe_diags diags;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	floe_config_free(f->cfg);
	floe_diags_release(&f->diags);
	free(f);
	return 0;
}

static enum floe_err load(struct fx *f, const char *text)
{
	floe_config_free(f->cfg);
	f->cfg = NULL;
	floe_diags_release(&f->diags);
	return floe_config_load(FILE_NAME, text, strlen(text), &f->cfg,
				&f->diags);
}

static void load_ok(struct fx *f, const char *text)
{
	assert_int_equal(load(f, text), FLOE_OK);
	assert_non_null(f->cfg);
	assert_int_equal(f->diags.nr, 0);
}

/* The text must be refused with exactly one error, here, saying this. */
static void assert_refused(struct fx *f, const char *text, unsigned line,
			   unsigned column, const char *message)
{
	const struct floe_diag *g;

	assert_int_equal(load(f, text), FLOE_ERR_INPUT);
	assert_null(f->cfg);
	assert_int_equal(f->diags.nr, 1);
	assert_int_equal(f->diags.nr_errors, 1);
	g = &f->diags.items[0];
	assert_int_equal(g->severity, FLOE_SEV_ERROR);
	assert_string_equal(g->loc.file, FILE_NAME);
	assert_string_equal(g->message, message);
	assert_int_equal(g->loc.start.line, line);
	assert_int_equal(g->loc.start.column, column);
}

static size_t index_of(const char *id)
{
	for (size_t i = 0; i < floe_rule_count(); i++)
		if (!strcmp(floe_rule_at(i)->id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

/* Every level is the default but those given as (index, level) pairs. */
static void assert_levels(const struct floe_config *c, size_t nr,
			  const size_t *idx, const enum floe_level *want)
{
	const enum floe_level *lv = floe_config_levels(c);

	assert_non_null(lv);
	for (size_t i = 0; i < floe_rule_count(); i++) {
		enum floe_level w = FLOE_LEVEL_DEFAULT;

		for (size_t k = 0; k < nr; k++)
			if (idx[k] == i)
				w = want[k];
		if (lv[i] != w)
			fail_msg("rule %s: level %d, want %d",
				 floe_rule_at(i)->id, (int)lv[i], (int)w);
	}
}

static void test_config_empty_file_is_an_empty_config(void **state)
{
	struct fx *f = *state;

	load_ok(f, "");
	assert_levels(f->cfg, 0, NULL, NULL);
	assert_null(floe_config_profile_name(f->cfg));
	assert_null(floe_config_target(f->cfg));
	assert_null(floe_config_alias(f->cfg));
}

static void test_config_comment_only_file_is_an_empty_config(void **state)
{
	struct fx *f = *state;

	load_ok(f, "# nothing configured yet\n\n");
	assert_levels(f->cfg, 0, NULL, NULL);
	assert_null(floe_config_alias(f->cfg));
}

static void test_config_rule_levels_land_at_the_rule_index(void **state)
{
	struct fx *f = *state;
	const size_t idx[] = { index_of("FP202"), index_of("FP104"),
			       index_of("FP205"), index_of("FP001") };
	const enum floe_level want[] = { FLOE_LEVEL_OFF, FLOE_LEVEL_ERROR,
					 FLOE_LEVEL_INFO, FLOE_LEVEL_WARNING };

	load_ok(f, "rules:\n"
		   "  - id: FP202\n    level: off\n"
		   "  - id: FP104\n    level: error\n"
		   "  - id: FP205\n    level: info\n"
		   "  - {id: FP001, level: warning}\n");
	assert_levels(f->cfg, 4, idx, want);
	assert_int_equal(floe_config_levels(f->cfg)[idx[0]], FLOE_LEVEL_OFF);
}

static void test_config_rule_by_name_or_any_case_id(void **state)
{
	struct fx *f = *state;
	const size_t idx[] = { index_of("FP202"), index_of("FP204"),
			       index_of("FP206") };
	const enum floe_level want[] = { FLOE_LEVEL_ERROR, FLOE_LEVEL_OFF,
					 FLOE_LEVEL_INFO };

	load_ok(f, "rules:\n"
		   "  - id: fp202\n    level: error\n"
		   "  - id: endpoint-trailing-slash\n    level: off\n"
		   "  - id: Fp206\n    level: info\n");
	assert_levels(f->cfg, 3, idx, want);
}

static void test_config_later_entry_for_a_rule_wins(void **state)
{
	struct fx *f = *state;
	const size_t idx[] = { index_of("FP202") };
	const enum floe_level want[] = { FLOE_LEVEL_INFO };

	load_ok(f, "rules:\n"
		   "  - {id: FP202, level: off}\n"
		   "  - {id: oauth2-external-idp, level: info}\n");
	assert_levels(f->cfg, 1, idx, want);
}

static void test_config_rule_name_is_case_sensitive(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - id: Endpoint-Trailing-Slash\n"
			  "    level: off\n", 2, 9,
		       "invalid configuration: 'Endpoint-Trailing-Slash' is "
		       "not a rule id or name (floe-profiles rules lists "
		       "them)");
}

static void test_config_unknown_rule_is_refused_at_its_id(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - {id: FP202, level: off}\n"
			  "  - level: off\n    id: FP999\n", 4, 9,
		       "invalid configuration: 'FP999' is not a rule id or "
		       "name (floe-profiles rules lists them)");
}

static void test_config_level_maybe_is_refused(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - id: FP101\n    level: maybe\n", 3,
		       12, "invalid configuration: level 'maybe' is not one "
			   "of off, info, warning, error");
}

static void test_config_level_as_a_number_is_refused(void **state)
{
	struct fx *f = *state;

	/* a STRICT enum: no index, no boolean reading of `1` */
	assert_refused(f, "rules:\n  - id: FP101\n    level: 1\n", 3, 12,
		       "invalid configuration: level '1' is not one of off, "
		       "info, warning, error");
}

static void test_config_rules_as_a_scalar_is_refused(void **state)
{
	struct fx *f = *state;

	/* libcyaml would read `4abc` as 4 where an integer were expected */
	assert_refused(f, "rules: 4abc\n", 1, 8,
		       "invalid configuration: expected a list, found a "
		       "scalar");
}

static void test_config_aliases_are_refused(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - &a {id: FP101, level: off}\n"
			  "  - *a\n", 2, 5,
		       "invalid configuration: anchors and aliases are not "
		       "allowed here");
}

static void test_config_alias_in_generate_is_refused(void **state)
{
	struct fx *f = *state;

	/* libcyaml's position: the key whose value is the alias */
	assert_refused(f, "generate:\n  target: &t dev\n"
			  "  profile_name: *t\n", 3, 3,
		       "invalid configuration: anchors and aliases are not "
		       "allowed here");
}

static void test_config_unknown_top_key_is_refused_at_the_key(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rule:\n  - id: FP101\n    level: off\n", 1, 1,
		       "invalid configuration: unknown key 'rule'");
}

static void test_config_unknown_nested_key_is_refused_at_the_key(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - id: FP101\n    level: off\n"
			  "    comment: legacy\n", 4, 5,
		       "invalid configuration: unknown key 'comment'");
	assert_refused(f, "generate:\n  target: dev\n  profile: p\n", 3, 3,
		       "invalid configuration: unknown key 'profile'");
}

static void test_config_unknown_key_named_like_another_key(void **state)
{
	struct fx *f = *state;

	/* `target` is known under generate, unknown in a rule entry */
	assert_refused(f, "generate:\n  target: dev\n"
			  "rules:\n  - id: FP101\n    level: off\n"
			  "    target: dev\n", 6, 5,
		       "invalid configuration: unknown key 'target'");
	/* `id` is known in a rule entry, unknown under generate */
	assert_refused(f, "rules:\n  - id: FP101\n    level: off\n"
			  "generate:\n  id: x\n", 5, 3,
		       "invalid configuration: unknown key 'id'");
}

static void test_config_duplicate_keys_are_refused(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "rules:\n  - id: FP101\n    level: off\n"
				 "    level: error\n"), FLOE_ERR_INPUT);
	assert_null(f->cfg);
	assert_int_equal(f->diags.nr, 1);
	assert_string_equal(f->diags.items[0].message,
			    "invalid configuration: 'level' is given twice");
	assert_int_equal(load(f, "generate:\n  target: a\n"
				 "generate:\n  target: b\n"), FLOE_ERR_INPUT);
	assert_int_equal(f->diags.nr, 1);
	assert_string_equal(f->diags.items[0].message,
			    "invalid configuration: 'generate' is given "
			    "twice");
}

static void test_config_missing_level_is_refused(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "rules:\n  - id: FP101\n"), FLOE_ERR_INPUT);
	assert_int_equal(f->diags.nr, 1);
	assert_string_equal(f->diags.items[0].message,
			    "invalid configuration: 'level' is required");
}

static void test_config_empty_id_is_refused(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - id: \"\"\n    level: off\n", 2, 9,
		       "invalid configuration: a value is empty");
}

static void test_config_syntax_error_keeps_the_parser_position(void **state)
{
	struct fx *f = *state;

	assert_refused(f, "rules:\n  - id: \"FP101\n", 2, 9,
		       "while scanning a quoted scalar: found unexpected end "
		       "of stream at 3:1");
}

static void test_config_generate_defaults_are_read(void **state)
{
	struct fx *f = *state;

	load_ok(f, "generate:\n  profile_name: floe_demo\n  target: ci\n"
		   "  alias: polaris_catalog\n");
	assert_string_equal(floe_config_profile_name(f->cfg), "floe_demo");
	assert_string_equal(floe_config_target(f->cfg), "ci");
	assert_string_equal(floe_config_alias(f->cfg), "polaris_catalog");
	assert_levels(f->cfg, 0, NULL, NULL);
}

static void test_config_generate_defaults_are_each_optional(void **state)
{
	struct fx *f = *state;

	load_ok(f, "generate:\n  target: \"123\"\n");
	assert_null(floe_config_profile_name(f->cfg));
	assert_string_equal(floe_config_target(f->cfg), "123");
	assert_null(floe_config_alias(f->cfg));
}

static void test_config_bad_generate_alias_is_refused(void **state)
{
	struct fx *f = *state;
	static const char *const why = "' cannot follow ATTACH ... AS "
		"unquoted (letters, digits and '_', not a DuckDB keyword)";
	char want[256];

	snprintf(want, sizeof(want), "invalid configuration: generate.alias "
		 "'bad-alias%s", why);
	assert_refused(f, "generate:\n  alias: bad-alias\n", 2, 10, want);
	snprintf(want, sizeof(want), "invalid configuration: generate.alias "
		 "'select%s", why);
	assert_refused(f, "generate:\n  target: dev\n  alias: select\n", 3,
		       10, want);
}

static void test_config_null_config_has_no_levels(void **state)
{
	(void)state;
	assert_null(floe_config_levels(NULL));
	assert_null(floe_config_profile_name(NULL));
	assert_null(floe_config_target(NULL));
	assert_null(floe_config_alias(NULL));
	floe_config_free(NULL);
}

/* ---- floe_config_find ---- */

struct tree {
	char root[64];		/* the mkdtemp folder */
};

static void make_dir(const char *root, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void make_file(const char *root, const char *rel)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("rules: []\n", fp);
	assert_int_equal(fclose(fp), 0);
}

static int remove_path(const char *root, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return remove(path);
}

static char *path_in(const char *root, const char *rel)
{
	char path[512], *real;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	real = realpath(path, NULL);
	assert_non_null(real);
	return real;
}

/*
 *   <tmp>/.floe-profiles.yaml        above the repository
 *   <tmp>/repo/.git/
 *   <tmp>/repo/.floe-profiles.yaml   (only in some tests)
 *   <tmp>/repo/a/b/c/
 */
static int tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "/tmp/floe-config-XXXXXX");
	if (!mkdtemp(t->root)) {
		free(t);
		return -1;
	}
	*state = t;
	make_file(t->root, FLOE_CONFIG_NAME);
	make_dir(t->root, "repo");
	make_dir(t->root, "repo/.git");
	make_dir(t->root, "repo/a");
	make_dir(t->root, "repo/a/b");
	make_dir(t->root, "repo/a/b/c");
	return 0;
}

static int tree_teardown(void **state)
{
	struct tree *t = *state;
	static const char *const paths[] = {
		"repo/a/b/c/" FLOE_CONFIG_NAME, "repo/a/b/c", "repo/a/b",
		"repo/a/" FLOE_CONFIG_NAME, "repo/a", "repo/.git",
		"repo/" FLOE_CONFIG_NAME, "repo", FLOE_CONFIG_NAME, "",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		(void)remove_path(t->root, paths[i]);
	free(t);
	return 0;
}

static char *find_from(const struct tree *t, const char *rel)
{
	char dir[512];

	snprintf(dir, sizeof(dir), "%s/%s", t->root, rel);
	return floe_config_find(dir);
}

static void test_config_find_walks_up_to_the_repository_root(void **state)
{
	struct tree *t = *state;
	char *got, *want;

	make_file(t->root, "repo/" FLOE_CONFIG_NAME);
	got = find_from(t, "repo/a/b/c");
	want = path_in(t->root, "repo/" FLOE_CONFIG_NAME);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	/* from the root itself, and through a relative-looking path */
	got = find_from(t, "repo/a/b/../..");
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_config_find_takes_the_nearest_file(void **state)
{
	struct tree *t = *state;
	char *got, *want;

	make_file(t->root, "repo/" FLOE_CONFIG_NAME);
	make_file(t->root, "repo/a/" FLOE_CONFIG_NAME);
	got = find_from(t, "repo/a/b/c");
	want = path_in(t->root, "repo/a/" FLOE_CONFIG_NAME);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	got = find_from(t, "repo/a");
	want = path_in(t->root, "repo/a/" FLOE_CONFIG_NAME);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_config_find_stops_at_the_folder_holding_git(void **state)
{
	struct tree *t = *state;

	/* <tmp>/.floe-profiles.yaml is above the repository: not used */
	assert_null(find_from(t, "repo/a/b/c"));
	assert_null(find_from(t, "repo"));
}

static void test_config_find_stops_at_a_git_file_too(void **state)
{
	struct tree *t = *state;

	/* a worktree or submodule: .git is a file */
	assert_int_equal(remove_path(t->root, "repo/.git"), 0);
	make_file(t->root, "repo/.git");
	assert_null(find_from(t, "repo/a/b"));
	assert_int_equal(remove_path(t->root, "repo/.git"), 0);
	make_dir(t->root, "repo/.git");
}

static void test_config_find_goes_past_folders_without_git(void **state)
{
	struct tree *t = *state;
	char *got, *want;

	/* without .git the walk reaches <tmp>, which has the file */
	assert_int_equal(remove_path(t->root, "repo/.git"), 0);
	got = find_from(t, "repo/a/b/c");
	want = path_in(t->root, FLOE_CONFIG_NAME);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	make_dir(t->root, "repo/.git");
}

static void test_config_repo_root_is_the_folder_holding_git(void **state)
{
	struct tree *t = *state;
	char dir[512], *got, *want = path_in(t->root, "repo");

	snprintf(dir, sizeof(dir), "%s/repo/a/b/c", t->root);
	got = floe_repo_root(dir);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	snprintf(dir, sizeof(dir), "%s/repo", t->root);
	got = floe_repo_root(dir);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	/* a worktree's .git file marks the root too */
	assert_int_equal(remove_path(t->root, "repo/.git"), 0);
	make_file(t->root, "repo/.git");
	snprintf(dir, sizeof(dir), "%s/repo/a", t->root);
	got = floe_repo_root(dir);
	want = path_in(t->root, "repo");
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	assert_int_equal(remove_path(t->root, "repo/.git"), 0);
	make_dir(t->root, "repo/.git");
	/* above the repository there is none (the mkdtemp folder is in /tmp) */
	if (access("/tmp/.git", F_OK) && access("/.git", F_OK))
		assert_null(floe_repo_root(t->root));
	assert_null(floe_repo_root("/nonexistent/floe/folder"));
}

static void test_config_find_of_a_missing_folder_is_null(void **state)
{
	struct tree *t = *state;

	assert_null(find_from(t, "repo/nope"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_config_empty_file_is_an_empty_config, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_comment_only_file_is_an_empty_config,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_rule_levels_land_at_the_rule_index, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_rule_by_name_or_any_case_id, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_later_entry_for_a_rule_wins, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_rule_name_is_case_sensitive, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_unknown_rule_is_refused_at_its_id, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_level_maybe_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_level_as_a_number_is_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_rules_as_a_scalar_is_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_aliases_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_alias_in_generate_is_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_unknown_top_key_is_refused_at_the_key,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_unknown_nested_key_is_refused_at_the_key,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_unknown_key_named_like_another_key, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_duplicate_keys_are_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_missing_level_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_empty_id_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_syntax_error_keeps_the_parser_position,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_config_generate_defaults_are_read, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_generate_defaults_are_each_optional, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_config_bad_generate_alias_is_refused, setup,
			teardown),
		cmocka_unit_test(test_config_null_config_has_no_levels),
		cmocka_unit_test_setup_teardown(
			test_config_find_walks_up_to_the_repository_root,
			tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_find_takes_the_nearest_file, tree_setup,
			tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_find_stops_at_the_folder_holding_git,
			tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_find_stops_at_a_git_file_too, tree_setup,
			tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_find_goes_past_folders_without_git,
			tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_repo_root_is_the_folder_holding_git,
			tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(
			test_config_find_of_a_missing_folder_is_null,
			tree_setup, tree_teardown),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
