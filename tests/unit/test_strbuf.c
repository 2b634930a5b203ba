/*
 * Unit tests for the growable buffer (src/strbuf.c) and the bump
 * allocator (src/arena.c) that the rest of the library builds on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "strbuf.h"

/* ---- strbuf ---- */

static void test_strbuf_starts_empty_and_terminated(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf sb2;

	(void)state;
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	strbuf_init(&sb2);
	assert_ptr_equal(sb2.buf, strbuf_empty);
	assert_int_equal(sb2.len, 0);
	assert_int_equal(sb2.alloc, 0);
	/* releasing what was never allocated is fine */
	strbuf_release(&sb);
	assert_string_equal(sb.buf, "");
}

static void test_strbuf_appends_bytes_strings_and_chars(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_add(&sb, "abcXYZ", 3), 0);
	assert_int_equal(strbuf_adds(&sb, "-def"), 0);
	assert_int_equal(strbuf_addch(&sb, '!'), 0);
	assert_int_equal(strbuf_add(&sb, NULL, 0), 0);
	assert_int_equal(strbuf_adds(&sb, ""), 0);
	assert_string_equal(sb.buf, "abc-def!");
	assert_int_equal(sb.len, 8);
	assert_true(sb.alloc > sb.len);
	strbuf_release(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
}

static void test_strbuf_keeps_embedded_nuls(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_add(&sb, "a\0b", 3), 0);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "a\0b\0", 4);
	strbuf_release(&sb);
}

static void test_strbuf_grows_by_doubling_from_64(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_addch(&sb, 'x'), 0);
	assert_int_equal(sb.alloc, 64);
	/* 63 bytes and the NUL fill 64 exactly */
	for (size_t i = 1; i < 63; i++)
		assert_int_equal(strbuf_addch(&sb, 'x'), 0);
	assert_int_equal(sb.len, 63);
	assert_int_equal(sb.alloc, 64);
	assert_int_equal(strbuf_addch(&sb, 'y'), 0);
	assert_int_equal(sb.alloc, 128);
	assert_int_equal(sb.len, 64);
	assert_int_equal(sb.buf[63], 'y');
	assert_int_equal(sb.buf[64], '\0');
	/* one big append goes straight to the next power of two */
	assert_int_equal(strbuf_grow(&sb, 1000), 0);
	assert_int_equal(sb.alloc, 2048);
	assert_int_equal(sb.len, 64);
	/* growing within what is there changes nothing */
	assert_int_equal(strbuf_grow(&sb, 10), 0);
	assert_int_equal(sb.alloc, 2048);
	strbuf_release(&sb);
}

static void test_strbuf_large_appends_stay_intact(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[1000];

	(void)state;
	for (size_t i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)('a' + i % 26);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(strbuf_add(&sb, chunk, sizeof(chunk)), 0);
	assert_int_equal(sb.len, 100000);
	assert_int_equal(strlen(sb.buf), 100000);
	for (size_t i = 0; i < 100; i++)
		assert_memory_equal(sb.buf + i * sizeof(chunk), chunk,
				    sizeof(chunk));
	strbuf_release(&sb);
}

static void test_strbuf_refuses_a_growth_that_overflows(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_adds(&sb, "keep"), 0);
	assert_int_equal(strbuf_grow(&sb, SIZE_MAX), -1);
	assert_int_equal(strbuf_grow(&sb, SIZE_MAX - 4), -1);
	/* the contents are as they were */
	assert_string_equal(sb.buf, "keep");
	assert_int_equal(sb.len, 4);
	strbuf_release(&sb);
}

static void test_strbuf_error_is_sticky_until_release(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	assert_int_equal(strbuf_adds(&sb, "keep"), 0);
	assert_int_equal(strbuf_error(&sb), 0);
	/* an append that cannot fit fails, and so does every later one */
	assert_int_equal(strbuf_grow(&sb, SIZE_MAX), -1);
	assert_int_equal(strbuf_error(&sb), -1);
	assert_int_equal(strbuf_adds(&sb, "more"), -1);
	assert_int_equal(strbuf_addch(&sb, 'x'), -1);
	assert_int_equal(strbuf_addf(&sb, "%d", 42), -1);
	assert_int_equal(strbuf_grow(&sb, 1), -1);
	/* nothing was appended after the failure */
	assert_string_equal(sb.buf, "keep");
	assert_int_equal(sb.len, 4);
	/* reset empties but keeps the error: the result is still unusable */
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_error(&sb), -1);
	/* detach reports the error once, at the end, and frees */
	s = strbuf_detach(&sb, NULL);
	assert_null(s);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(strbuf_error(&sb), 0);
	assert_int_equal(strbuf_adds(&sb, "again"), 0);
	assert_string_equal(sb.buf, "again");
	strbuf_release(&sb);
}

static void test_strbuf_addbuf_passes_the_error_on(void **state)
{
	struct strbuf part = STRBUF_INIT, whole = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_adds(&part, "ab"), 0);
	assert_int_equal(strbuf_addbuf(&whole, &part), 0);
	assert_string_equal(whole.buf, "ab");
	/* a part with a hole makes the whole unusable */
	assert_int_equal(strbuf_fail(&part), -1);
	assert_int_equal(strbuf_error(&part), -1);
	assert_int_equal(strbuf_addbuf(&whole, &part), -1);
	assert_int_equal(strbuf_error(&whole), -1);
	assert_string_equal(whole.buf, "ab");
	assert_null(strbuf_detach(&whole, NULL));
	strbuf_release(&part);
}

static void test_strbuf_reset_keeps_the_memory(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc;

	(void)state;
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_adds(&sb, "abc"), 0);
	alloc = sb.alloc;
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, alloc);
	strbuf_release(&sb);
}

/* ---- ALLOC_GROW ---- */

static void test_alloc_grow_doubles_from_8_and_keeps_items(void **state)
{
	int *v = NULL;
	size_t nr = 0, alloc = 0;

	(void)state;
	for (int i = 0; i < 100; i++) {
		assert_int_equal(ALLOC_GROW(v, nr + 1, alloc), 0);
		v[nr++] = i;
		if (nr == 1)
			assert_int_equal(alloc, 8);
	}
	assert_int_equal(alloc, 128);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	/* room already there: nothing moves */
	assert_int_equal(ALLOC_GROW(v, 50, alloc), 0);
	assert_int_equal(alloc, 128);
	/* a jump past double is taken at once */
	assert_int_equal(ALLOC_GROW(v, 1000, alloc), 0);
	assert_true(alloc >= 1000);
	free(v);
}

static void test_alloc_grow_refuses_an_overflow_and_keeps_the_array(
	void **state)
{
	struct big { char b[64]; } *v = NULL;
	size_t alloc = 0;

	(void)state;
	assert_int_equal(ALLOC_GROW(v, 1, alloc), 0);
	memcpy(v[0].b, "kept", 5);
	/* SIZE_MAX / 2 items of 64 bytes do not fit in a size_t */
	assert_int_equal(ALLOC_GROW(v, SIZE_MAX / 2, alloc), -1);
	assert_int_equal(ALLOC_GROW(v, SIZE_MAX, alloc), -1);
	assert_int_equal(alloc, 8);
	assert_string_equal(v[0].b, "kept");
	free(v);
}

static void test_strbuf_addf_formats_and_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[300];

	(void)state;
	assert_int_equal(strbuf_addf(&sb, "%s=%d", "threads", 4), 0);
	assert_int_equal(strbuf_addf(&sb, ", %05.1f|%-4s|%zu", 3.14159, "ab",
				     (size_t)42), 0);
	assert_string_equal(sb.buf, "threads=4, 003.1|ab  |42");
	assert_int_equal(sb.len, strlen("threads=4, 003.1|ab  |42"));
	assert_int_equal(strbuf_addf(&sb, "%s", ""), 0);
	assert_int_equal(sb.len, strlen("threads=4, 003.1|ab  |42"));
	strbuf_release(&sb);
	/* longer than the first allocation */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(strbuf_addf(&sb, "<%s>", big), 0);
	assert_int_equal(sb.len, 301);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[300], '>');
	assert_int_equal(sb.buf[301], '\0');
	strbuf_release(&sb);
}

static void test_strbuf_detach_hands_over_and_leaves_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 0;
	char *s;

	(void)state;
	assert_int_equal(strbuf_adds(&sb, "hello"), 0);
	s = strbuf_detach(&sb, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_ptr_equal(sb.buf, strbuf_empty);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	/* the buffer is usable again, and independent of `s` */
	assert_int_equal(strbuf_adds(&sb, "x"), 0);
	assert_string_equal(sb.buf, "x");
	assert_string_equal(s, "hello");
	free(s);
	strbuf_release(&sb);
}

static void test_strbuf_detach_of_nothing_is_a_freeable_string(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *s = strbuf_detach(&sb, &len);

	(void)state;
	assert_non_null(s);
	assert_ptr_not_equal(s, strbuf_empty);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	/* without a length */
	assert_int_equal(strbuf_adds(&sb, "ab"), 0);
	s = strbuf_detach(&sb, NULL);
	assert_string_equal(s, "ab");
	free(s);
}

/* ---- arena ---- */

static int is_aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_arena_aligns_every_allocation(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_non_null(a);
	for (size_t size = 0; size < 200; size++) {
		unsigned char *p = arena_alloc(a, size);

		assert_non_null(p);
		if (!is_aligned(p))
			fail_msg("allocation of %zu bytes at %p", size,
				 (void *)p);
		assert_true(all_zero(p, size));
		/* write all of it: ASan catches a write past the block */
		memset(p, 0xAB, size);
	}
	arena_free(a);
}

static void test_arena_allocations_do_not_overlap(void **state)
{
	struct arena *a = arena_new();
	unsigned char *p[64];

	(void)state;
	assert_non_null(a);
	for (size_t i = 0; i < 64; i++) {
		p[i] = arena_alloc(a, 1 + i * 37);
		assert_non_null(p[i]);
		memset(p[i], (int)i, 1 + i * 37);
	}
	for (size_t i = 0; i < 64; i++)
		for (size_t k = 0; k < 1 + i * 37; k++)
			assert_int_equal(p[i][k], i);
	arena_free(a);
}

static void test_arena_strndup_copies_and_terminates(void **state)
{
	struct arena *a = arena_new();
	char *s;

	(void)state;
	assert_non_null(a);
	s = arena_strndup(a, "polaris_catalog", 7);
	assert_string_equal(s, "polaris");
	assert_true(is_aligned(s));
	s = arena_strndup(a, "", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	/* a length past an embedded NUL copies the bytes as they are */
	s = arena_strndup(a, "a\0b", 3);
	assert_memory_equal(s, "a\0b\0", 4);
	arena_free(a);
}

/*
 * Text is packed (a YAML tree holds millions of short scalars) apart from
 * aligned memory: a node between two strings neither pads nor splits them.
 */
static void test_arena_packs_text_apart_from_aligned_memory(void **state)
{
	struct arena *a = arena_new();
	char *s1, *s2, *s3;
	void *p;

	(void)state;
	assert_non_null(a);
	s1 = arena_strndup(a, "abc", 3);
	s2 = arena_strndup(a, "de", 2);
	assert_non_null(s1);
	assert_ptr_equal(s2, s1 + 4);
	assert_string_equal(s1, "abc");
	assert_string_equal(s2, "de");
	p = arena_alloc(a, 8);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
	s3 = arena_strndup(a, "f", 1);
	assert_ptr_equal(s3, s2 + 3);
	assert_string_equal(s2, "de");
	assert_string_equal(s3, "f");
	/* a string longer than the next block gets one of its own, behind:
	 * the text after it still packs after s3 */
	{
		char big[5000];
		char *l, *s4;

		memset(big, 'b', sizeof(big));
		l = arena_strndup(a, big, sizeof(big));
		assert_non_null(l);
		assert_int_equal(l[sizeof(big)], '\0');
		s4 = arena_strndup(a, "g", 1);
		assert_ptr_equal(s4, s3 + 2);
		assert_memory_equal(l, big, sizeof(big));
	}
	/* text that fills the block to its last byte, then an allocation */
	for (size_t i = 0; i < 20000; i++)
		assert_non_null(arena_strndup(a, "xyzzy", i % 7));
	p = arena_alloc(a, 24);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
	arena_free(a);
}

static void test_arena_allocation_beyond_the_block_size(void **state)
{
	struct arena *a = arena_new();
	unsigned char *small, *big, *after;
	size_t n = 100000;

	(void)state;
	assert_non_null(a);
	small = arena_alloc(a, 16);
	assert_non_null(small);
	memset(small, 1, 16);
	big = arena_alloc(a, n);
	assert_non_null(big);
	assert_true(is_aligned(big));
	assert_true(all_zero(big, n));
	memset(big, 2, n);
	after = arena_alloc(a, 16);
	assert_non_null(after);
	/* the big one had a block of its own: the first block's room is
	 * still used */
	assert_ptr_equal(after, small + 16);
	assert_true(is_aligned(after));
	assert_true(all_zero(after, 16));
	memset(after, 3, 16);
	/* nothing was overwritten */
	for (size_t i = 0; i < 16; i++)
		assert_int_equal(small[i], 1);
	for (size_t i = 0; i < n; i++)
		if (big[i] != 2)
			fail_msg("big[%zu] is %d", i, big[i]);
	arena_free(a);
}

/* lint empties its readings' arena after each output (LSan checks that
 * the blocks are freed) and fills it again */
static void test_arena_reset_frees_and_keeps_the_arena(void **state)
{
	struct arena *a = arena_new();
	unsigned char *p;
	char *s;

	(void)state;
	assert_non_null(a);
	arena_reset(NULL);
	arena_reset(a);		/* empty: nothing to free */
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < 100; i++) {
			assert_non_null(arena_alloc(a, 1000));
			assert_non_null(arena_strndup(a, "text", 4));
		}
		assert_non_null(arena_alloc(a, 100000));
		arena_reset(a);
	}
	p = arena_alloc(a, 32);
	s = arena_strndup(a, "after", 5);
	assert_non_null(p);
	assert_true(is_aligned(p));
	assert_true(all_zero(p, 32));
	assert_string_equal(s, "after");
	/* a block of each chain is kept: the same room is used again */
	memset(p, 0xAB, 32);
	arena_reset(a);
	assert_ptr_equal(arena_alloc(a, 32), p);
	assert_true(all_zero(p, 32));
	assert_ptr_equal(arena_strndup(a, "again", 5), s);
	assert_string_equal(s, "again");
	arena_free(a);
}

/* A chain's blocks grow from 1 KB to 16 KB: a small file touches little
 * memory.  Within the first block, allocations are adjacent; the one that
 * does not fit starts the next. */
static void test_arena_first_blocks_are_small(void **state)
{
	struct arena *a = arena_new();
	unsigned char *first, *p;
	size_t n = 1;

	(void)state;
	assert_non_null(a);
	first = arena_alloc(a, 16);
	assert_non_null(first);
	while ((p = arena_alloc(a, 16)) == first + 16 * n)
		n++;
	/* the first block holds 1 KB: 64 allocations of 16 bytes */
	assert_int_equal(n, 1024 / 16);
	arena_free(a);
}

static void test_arena_many_blocks_are_all_freed(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_non_null(a);
	/* about 60 blocks; LeakSanitizer checks they are all freed */
	for (size_t i = 0; i < 1000; i++)
		assert_non_null(arena_alloc(a, 1000));
	arena_free(a);
}

static void test_arena_refuses_an_absurd_size(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_non_null(a);
	assert_null(arena_alloc(a, SIZE_MAX));
	assert_null(arena_alloc(a, SIZE_MAX / 2 + 1));
	/* and still works */
	assert_non_null(arena_alloc(a, 8));
	arena_free(a);
}

static void test_arena_free_of_null_is_fine(void **state)
{
	(void)state;
	arena_free(NULL);
	arena_free(arena_new());	/* an arena with no block */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf_starts_empty_and_terminated),
		cmocka_unit_test(test_strbuf_appends_bytes_strings_and_chars),
		cmocka_unit_test(test_strbuf_keeps_embedded_nuls),
		cmocka_unit_test(test_strbuf_grows_by_doubling_from_64),
		cmocka_unit_test(test_strbuf_large_appends_stay_intact),
		cmocka_unit_test(test_strbuf_refuses_a_growth_that_overflows),
		cmocka_unit_test(test_strbuf_error_is_sticky_until_release),
		cmocka_unit_test(test_strbuf_addbuf_passes_the_error_on),
		cmocka_unit_test(test_strbuf_reset_keeps_the_memory),
		cmocka_unit_test(test_alloc_grow_doubles_from_8_and_keeps_items),
		cmocka_unit_test(
			test_alloc_grow_refuses_an_overflow_and_keeps_the_array),
		cmocka_unit_test(test_strbuf_addf_formats_and_appends),
		cmocka_unit_test(
			test_strbuf_detach_hands_over_and_leaves_empty),
		cmocka_unit_test(
			test_strbuf_detach_of_nothing_is_a_freeable_string),
		cmocka_unit_test(test_arena_aligns_every_allocation),
		cmocka_unit_test(test_arena_allocations_do_not_overlap),
		cmocka_unit_test(test_arena_strndup_copies_and_terminates),
		cmocka_unit_test(test_arena_packs_text_apart_from_aligned_memory),
		cmocka_unit_test(test_arena_reset_frees_and_keeps_the_arena),
		cmocka_unit_test(test_arena_first_blocks_are_small),
		cmocka_unit_test(test_arena_allocation_beyond_the_block_size),
		cmocka_unit_test(test_arena_many_blocks_are_all_freed),
		cmocka_unit_test(test_arena_refuses_an_absurd_size),
		cmocka_unit_test(test_arena_free_of_null_is_fine),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
