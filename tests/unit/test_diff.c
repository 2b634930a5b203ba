/*
 * Unit tests for floe_diff (src/diff.c): the unified diff behind
 * `generate --check`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "floe/diff.h"

static char *diff(const char *a, const char *b)
{
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(floe_diff("f", a, strlen(a), "f", b, strlen(b), &out,
				   &len), FLOE_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void test_diff_identical_texts_give_nothing(void **state)
{
	char *d = diff("a\nb\n", "a\nb\n");

	(void)state;
	assert_string_equal(d, "");
	free(d);
}

static void test_diff_changed_line_has_deletion_then_addition(void **state)
{
	char *d = diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
		       "1\n2\n3\n4\nfive\n6\n7\n8\n9\n");

	(void)state;
	assert_string_equal(d, "--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n"
			    "-5\n+five\n 6\n 7\n 8\n");
	free(d);
}

static void test_diff_far_apart_changes_make_two_hunks(void **state)
{
	char *d = diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
		       "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n");

	(void)state;
	assert_string_equal(d, "--- f\n+++ f\n@@ -1,4 +1,4 @@\n-1\n+one\n"
			    " 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n"
			    "-12\n+twelve\n");
	free(d);
}

static void test_diff_from_an_empty_file_adds_everything(void **state)
{
	char *d = diff("", "a\nb\n");

	(void)state;
	assert_string_equal(d, "--- f\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
	free(d);
}

static void test_diff_marks_a_missing_final_newline(void **state)
{
	char *d = diff("a\nb\n", "a\nb");

	(void)state;
	assert_string_equal(d, "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n"
			    "\\ No newline at end of file\n");
	free(d);
}

static void test_diff_of_huge_inputs_replaces_the_whole_file(void **state)
{
	size_t n = 3000, len = n * 2;
	char *a = malloc(len + 1), *b = malloc(len + 1), *out = NULL;
	size_t out_len;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (size_t i = 0; i < n; i++) {
		a[2 * i] = 'a';
		b[2 * i] = i == n / 2 ? 'b' : 'a';
		a[2 * i + 1] = b[2 * i + 1] = '\n';
	}
	a[len] = b[len] = '\0';
	/* 3001 x 3001 cells is past the cap: a correct, if long, diff */
	assert_int_equal(floe_diff("f", a, len, "f", b, len, &out, &out_len),
			 FLOE_OK);
	assert_non_null(strstr(out, "@@ -1,3000 +1,3000 @@\n"));
	free(out);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_identical_texts_give_nothing),
		cmocka_unit_test(
			test_diff_changed_line_has_deletion_then_addition),
		cmocka_unit_test(test_diff_far_apart_changes_make_two_hunks),
		cmocka_unit_test(test_diff_from_an_empty_file_adds_everything),
		cmocka_unit_test(test_diff_marks_a_missing_final_newline),
		cmocka_unit_test(
			test_diff_of_huge_inputs_replaces_the_whole_file),
	};

	return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
