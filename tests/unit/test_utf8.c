/*
 * Unit tests for src/utf8.c: text cut for messages stays valid UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ascii.h"
#include "utf8.h"

/* ascii.h: ASCII letters folded, every other byte (UTF-8 too) kept */
static void test_ascii_lower_folds_ascii_letters_only(void **state)
{
	char s[] = "S3-HttpFS_\xc3\x89t\xc3\xa9 Z@[`{";
	char d[8];

	(void)state;
	assert_string_equal(ascii_lower_str(s),
			    "s3-httpfs_\xc3\x89t\xc3\xa9 z@[`{");
	assert_int_equal(ascii_lower_copy(d, "ICEberg!", 4), 4);
	assert_string_equal(d, "iceb");
	assert_int_equal(ascii_lower_copy(d, "X", 0), 0);
	assert_string_equal(d, "");
}

static void test_utf8_cut_keeps_text_that_fits(void **state)
{
	(void)state;
	assert_int_equal(utf8_cut("abc", 3, 3), 3);
	assert_int_equal(utf8_cut("abc", 3, 64), 3);
	assert_int_equal(utf8_cut("", 0, 0), 0);
}

static void test_utf8_cut_cuts_ascii_at_the_limit(void **state)
{
	(void)state;
	assert_int_equal(utf8_cut("abcdef", 6, 4), 4);
	assert_int_equal(utf8_cut("abcdef", 6, 0), 0);
}

/* '€' is 3 bytes: a cut inside it drops the whole character */
static void test_utf8_cut_never_splits_a_character(void **state)
{
	static const char euros[] = "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC";
	static const char mixed[] = "a\xC3\xA9\xF0\x9F\x98\x80z";

	(void)state;
	assert_int_equal(utf8_cut(euros, 9, 8), 6);
	assert_int_equal(utf8_cut(euros, 9, 7), 6);
	assert_int_equal(utf8_cut(euros, 9, 6), 6);
	assert_int_equal(utf8_cut(euros, 9, 5), 3);
	assert_int_equal(utf8_cut(euros, 9, 2), 0);
	/* a 2-byte and a 4-byte character */
	assert_int_equal(utf8_cut(mixed, 8, 2), 1);
	assert_int_equal(utf8_cut(mixed, 8, 3), 3);
	assert_int_equal(utf8_cut(mixed, 8, 4), 3);
	assert_int_equal(utf8_cut(mixed, 8, 6), 3);
	assert_int_equal(utf8_cut(mixed, 8, 7), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_lower_folds_ascii_letters_only),
		cmocka_unit_test(test_utf8_cut_keeps_text_that_fits),
		cmocka_unit_test(test_utf8_cut_cuts_ascii_at_the_limit),
		cmocka_unit_test(test_utf8_cut_never_splits_a_character),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
