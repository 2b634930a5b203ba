/*
 * Unit tests for the YAML front end (src/yaml_tree.c, src/yaml_resolve.c).
 *
 * Positions are 1-based, columns count Unicode code points.  Where the
 * expected result is PyYAML's (dbt reads profiles with its SafeLoader),
 * the comment shows what
 *   /usr/bin/python3 -c 'import yaml; print(yaml.safe_load(open("f")))'
 * printed for the same input (python3-yaml 6.0 on Debian bookworm).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "floe/yaml.h"

#define FILE_NAME "t.yml"

struct fx {
	struct floe_doc *doc;
	struct floe_diags diags;
	enum floe_err err;
	char *input;		/* a heap input, freed by teardown */
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

	floe_doc_free(f->doc);
	floe_diags_release(&f->diags);
	free(f->input);
	free(f);
	return 0;
}

/* Parse `len` bytes; any previous document and diagnostics are dropped. */
static enum floe_err parse_buf(struct fx *f, const char *buf, size_t len,
			       const struct floe_yaml_limits *lim)
{
	floe_doc_free(f->doc);
	f->doc = NULL;
	floe_diags_release(&f->diags);
	f->err = floe_yaml_parse(FILE_NAME, buf, len, lim, &f->doc, &f->diags);
	return f->err;
}

static enum floe_err parse(struct fx *f, const char *text)
{
	return parse_buf(f, text, strlen(text), NULL);
}

/* Parse text that must be read without errors; returns the root. */
static const struct floe_node *parse_ok(struct fx *f, const char *text)
{
	assert_int_equal(parse(f, text), FLOE_OK);
	assert_non_null(f->doc);
	assert_int_equal(f->diags.nr_errors, 0);
	return f->doc->root;
}

/* The first error diagnostic (there must be one). */
static const struct floe_diag *first_error(const struct fx *f)
{
	for (size_t i = 0; i < f->diags.nr; i++)
		if (f->diags.items[i].severity == FLOE_SEV_ERROR)
			return &f->diags.items[i];
	fail_msg("no error diagnostic among %zu", f->diags.nr);
	return NULL;
}

#define assert_pos(p, l, c)                                         \
	do {                                                        \
		assert_int_equal((p).line, (l));                    \
		assert_int_equal((p).column, (c));                  \
	} while (0)

/* A node's span: start (l1, c1), end just after it (l2, c2). */
#define assert_span(n, l1, c1, l2, c2)                              \
	do {                                                        \
		assert_non_null(n);                                 \
		assert_pos(floe_node_start(n), l1, c1);             \
		assert_pos(floe_node_end(n), l2, c2);               \
	} while (0)

#define assert_scalar(n, text, typ)                                 \
	do {                                                        \
		const struct floe_node *n_ = (n);                   \
		assert_non_null(n_);                                \
		assert_int_equal(n_->kind, FLOE_NODE_SCALAR);       \
		assert_int_equal(n_->len, strlen(text));            \
		assert_memory_equal(n_->value, text, n_->len);      \
		assert_int_equal(n_->value[n_->len], '\0');         \
		assert_int_equal(n_->type, (typ));                  \
	} while (0)

/*
 * parse() failed with FLOE_ERR_INPUT, left no document, and its first
 * error is at (line, col) and mentions `text`.
 */
#define assert_input_error(f, line, col, text)                      \
	do {                                                        \
		const struct floe_diag *e_;                         \
		assert_int_equal((f)->err, FLOE_ERR_INPUT);         \
		assert_null((f)->doc);                              \
		e_ = first_error(f);                                \
		assert_string_equal(e_->loc.file, FILE_NAME);       \
		assert_pos(e_->loc.start, line, col);               \
		if (!strstr(e_->message, text))                     \
			fail_msg("'%s' not in '%s'", text,          \
				 e_->message);                      \
	} while (0)

static long long int_of(const struct floe_node *n)
{
	long long v = 0;

	assert_int_equal(floe_node_int(n, &v), 0);
	return v;
}

/* ---- positions ---- */

static void test_yaml_keys_and_values_have_one_based_positions(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *nested, *list;
	const struct floe_pair *p;

	root = parse_ok(f, "name: floe\n"
			   "port: 8181\n"
			   "nested:\n"
			   "  child: [a, bc]\n");
	assert_int_equal(root->kind, FLOE_NODE_MAP);
	assert_int_equal(root->nr, 3);
	assert_span(root, 1, 1, 5, 1);

	p = floe_map_pair(root, "name");
	assert_non_null(p);
	assert_false(floe_pair_merged(root, p));
	assert_span(p->key, 1, 1, 1, 5);
	assert_span(p->value, 1, 7, 1, 11);
	assert_scalar(p->value, "floe", FLOE_TYPE_STR);

	p = floe_map_pair(root, "port");
	assert_span(p->key, 2, 1, 2, 5);
	assert_span(p->value, 2, 7, 2, 11);
	assert_int_equal(int_of(p->value), 8181);

	nested = floe_map_get(root, "nested");
	assert_int_equal(nested->kind, FLOE_NODE_MAP);
	assert_span(nested, 4, 3, 5, 1);
	assert_span(nested->pairs[0].key, 4, 3, 4, 8);
	list = floe_map_get(nested, "child");
	assert_int_equal(list->kind, FLOE_NODE_SEQ);
	assert_int_equal(list->nr, 2);
	assert_span(list, 4, 10, 4, 17);
	assert_span(list->items[0], 4, 11, 4, 12);
	assert_span(list->items[1], 4, 14, 4, 16);
	assert_scalar(list->items[1], "bc", FLOE_TYPE_STR);
}

static void test_yaml_columns_count_code_points_after_multibyte_utf8(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;
	const struct floe_pair *p;

	/* é is 2 bytes, ✓ 3 bytes, 😀 4 bytes */
	root = parse_ok(f, "k\xC3\xA9y: v\xC3\xA9\n"
			   "\xE2\x9C\x93\xE2\x9C\x93: x\n"
			   "\xF0\x9F\x98\x80: [\"\xC3\xA9\", z]\n");
	p = &root->pairs[0];
	assert_scalar(p->key, "k\xC3\xA9y", FLOE_TYPE_STR);
	assert_span(p->key, 1, 1, 1, 4);
	assert_scalar(p->value, "v\xC3\xA9", FLOE_TYPE_STR);
	assert_span(p->value, 1, 6, 1, 8);

	p = &root->pairs[1];
	assert_span(p->key, 2, 1, 2, 3);
	assert_span(p->value, 2, 5, 2, 6);

	p = &root->pairs[2];
	assert_span(p->key, 3, 1, 3, 2);
	assert_span(p->value, 3, 4, 3, 12);
	assert_span(p->value->items[0], 3, 5, 3, 8);
	assert_scalar(p->value->items[0], "\xC3\xA9", FLOE_TYPE_STR);
	assert_span(p->value->items[1], 3, 10, 3, 11);
}

static void test_yaml_crlf_line_endings_are_one_line_break(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *b;

	root = parse_ok(f, "a: 1\r\n"
			   "b:\r\n"
			   "  c: two\r\n"
			   "d: \"x\r\n"
			   "  y\"\r\n");
	assert_span(root->pairs[0].value, 1, 4, 1, 5);
	b = floe_map_get(root, "b");
	assert_span(b->pairs[0].key, 3, 3, 3, 4);
	assert_scalar(b->pairs[0].value, "two", FLOE_TYPE_STR);
	assert_span(b->pairs[0].value, 3, 6, 3, 9);
	assert_scalar(floe_map_get(root, "d"), "x y", FLOE_TYPE_STR);
	assert_span(floe_map_get(root, "d"), 4, 4, 5, 5);
}

static void test_yaml_lone_cr_and_unicode_line_breaks_start_lines(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* YAML 1.1 (and PyYAML) also break lines at CR, NEL, LS and PS */
	root = parse_ok(f, "a: 1\rb: 2\xC2\x85" "c: 3\xE2\x80\xA8" "d: 4\n");
	assert_int_equal(root->nr, 4);
	assert_span(floe_map_pair(root, "b")->key, 2, 1, 2, 2);
	assert_span(floe_map_pair(root, "c")->key, 3, 1, 3, 2);
	assert_span(floe_map_get(root, "d"), 4, 4, 4, 5);
}

static void test_yaml_utf8_bom_is_skipped_and_not_a_column(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	root = parse_ok(f, "\xEF\xBB\xBF" "a: 1\nb: x\n");
	assert_scalar(root->pairs[0].key, "a", FLOE_TYPE_STR);
	assert_span(root->pairs[0].key, 1, 1, 1, 2);
	assert_span(root->pairs[0].value, 1, 4, 1, 5);
	assert_span(root->pairs[1].value, 2, 4, 2, 5);

	assert_int_equal(parse(f, "\xEF\xBB\xBF"), FLOE_OK);
	assert_null(f->doc->root);
}

/* ---- typing of plain scalars (PyYAML's implicit resolvers) ---- */

static void test_yaml_resolve_types_booleans_like_yaml_1_1(void **state)
{
	static const char *const bools[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
		"false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
	};
	static const char *const strs[] = {
		"y", "n", "Y", "yES", "oN", "tRUE", "fALSE", "nULL", "OfF",
		"enabled", "yes please",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		assert_int_equal(floe_yaml_resolve(bools[i], strlen(bools[i])),
				 FLOE_TYPE_BOOL);
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		assert_int_equal(floe_yaml_resolve(strs[i], strlen(strs[i])),
				 FLOE_TYPE_STR);
}

static void test_yaml_plain_scalars_are_typed_as_pyyaml_does(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/*
	 * {'a': True, 'b': False, 'c': True, 'd': False, 'e': 16, 'f': 8,
	 *  'g': 1000, 'h': 90, 'i': 1.5, 'j': inf, 'k': '1e3', 'l': None,
	 *  'm': None, 'n': None, 'o': datetime.date(2001, 12, 14),
	 *  'p': '4', 'q': 5, 'r': '4', 's': 'y'}
	 */
	root = parse_ok(f, "a: yes\nb: No\nc: on\nd: OFF\n"
			   "e: 0x10\nf: 010\ng: 1_000\nh: 1:30\n"
			   "i: 1.5\nj: .inf\nk: 1e3\n"
			   "l: ~\nm: null\nn:\n"
			   "o: 2001-12-14\n"
			   "p: \"4\"\nq: !!int \"5\"\nr: !!str 4\ns: y\n");
	assert_int_equal(root->nr, 19);
	assert_scalar(floe_map_get(root, "a"), "yes", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "b"), "No", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "c"), "on", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "d"), "OFF", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "e"), "0x10", FLOE_TYPE_INT);
	assert_int_equal(int_of(floe_map_get(root, "e")), 16);
	assert_scalar(floe_map_get(root, "f"), "010", FLOE_TYPE_INT);
	assert_int_equal(int_of(floe_map_get(root, "f")), 8);
	assert_scalar(floe_map_get(root, "g"), "1_000", FLOE_TYPE_INT);
	assert_int_equal(int_of(floe_map_get(root, "g")), 1000);
	assert_scalar(floe_map_get(root, "h"), "1:30", FLOE_TYPE_INT);
	assert_int_equal(int_of(floe_map_get(root, "h")), 90);
	assert_scalar(floe_map_get(root, "i"), "1.5", FLOE_TYPE_FLOAT);
	assert_scalar(floe_map_get(root, "j"), ".inf", FLOE_TYPE_FLOAT);
	assert_scalar(floe_map_get(root, "k"), "1e3", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "l"), "~", FLOE_TYPE_NULL);
	assert_scalar(floe_map_get(root, "m"), "null", FLOE_TYPE_NULL);
	assert_scalar(floe_map_get(root, "n"), "", FLOE_TYPE_NULL);
	assert_span(floe_map_get(root, "n"), 14, 3, 14, 3);
	assert_scalar(floe_map_get(root, "o"), "2001-12-14",
		      FLOE_TYPE_TIMESTAMP);
	assert_scalar(floe_map_get(root, "p"), "4", FLOE_TYPE_STR);
	assert_int_equal(floe_map_get(root, "p")->style, FLOE_STYLE_DOUBLE);
	assert_scalar(floe_map_get(root, "q"), "5", FLOE_TYPE_INT);
	assert_int_equal(int_of(floe_map_get(root, "q")), 5);
	assert_scalar(floe_map_get(root, "r"), "4", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "s"), "y", FLOE_TYPE_STR);
}

static void test_yaml_resolve_types_numbers_like_pyyaml(void **state)
{
	static const struct {
		const char *text;
		enum floe_type type;
	} cases[] = {
		{ "0", FLOE_TYPE_INT }, { "-17", FLOE_TYPE_INT },
		{ "+7", FLOE_TYPE_INT }, { "0b1010", FLOE_TYPE_INT },
		{ "0x_1F", FLOE_TYPE_INT }, { "0o17", FLOE_TYPE_STR },
		{ "08", FLOE_TYPE_STR }, { "0xG", FLOE_TYPE_STR },
		{ "190:20:30", FLOE_TYPE_INT }, { "1:60", FLOE_TYPE_STR },
		{ "1.", FLOE_TYPE_FLOAT }, { ".5", FLOE_TYPE_FLOAT },
		{ "-1_0.5", FLOE_TYPE_FLOAT }, { "1.0e+3", FLOE_TYPE_FLOAT },
		{ "1.5e3", FLOE_TYPE_STR }, { "1e+3", FLOE_TYPE_STR },
		{ "1:30.5", FLOE_TYPE_FLOAT }, { "-.Inf", FLOE_TYPE_FLOAT },
		{ ".NaN", FLOE_TYPE_FLOAT }, { "-.nan", FLOE_TYPE_STR },
		{ "inf", FLOE_TYPE_STR }, { "1,000", FLOE_TYPE_STR },
		{ "~", FLOE_TYPE_NULL }, { "Null", FLOE_TYPE_NULL },
		{ "NULL", FLOE_TYPE_NULL }, { "", FLOE_TYPE_NULL },
		{ "nUll", FLOE_TYPE_STR }, { "<<", FLOE_TYPE_MERGE },
		{ "2001-12-14t21:59:43.10-05:00", FLOE_TYPE_TIMESTAMP },
		{ "2001-12-14 21:59:43.10 -5", FLOE_TYPE_TIMESTAMP },
		{ "2001-1-1", FLOE_TYPE_STR }, { "2001-1-1 1:02:03Z",
						 FLOE_TYPE_TIMESTAMP },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum floe_type t = floe_yaml_resolve(cases[i].text,
						     strlen(cases[i].text));

		if (t != cases[i].type)
			fail_msg("'%s': type %d, expected %d", cases[i].text,
				 (int)t, (int)cases[i].type);
	}
}

static void test_yaml_resolve_reads_only_len_bytes(void **state)
{
	char big[101];

	(void)state;
	/* not NUL-terminated at len */
	assert_int_equal(floe_yaml_resolve("yesterday", 3), FLOE_TYPE_BOOL);
	assert_int_equal(floe_yaml_resolve("12345abc", 5), FLOE_TYPE_INT);
	assert_int_equal(floe_yaml_resolve("null pointer", 4),
			 FLOE_TYPE_NULL);
	assert_int_equal(floe_yaml_resolve("x", 0), FLOE_TYPE_NULL);
	/* an embedded NUL is never a number */
	assert_int_equal(floe_yaml_resolve("1\0" "2", 3), FLOE_TYPE_STR);
	/* longer than any internal buffer */
	memset(big, '1', sizeof(big));
	assert_int_equal(floe_yaml_resolve(big, 100), FLOE_TYPE_INT);
	big[50] = '.';
	assert_int_equal(floe_yaml_resolve(big, 100), FLOE_TYPE_FLOAT);
	big[50] = 'x';
	assert_int_equal(floe_yaml_resolve(big, 100), FLOE_TYPE_STR);
}

static void test_yaml_node_int_reads_every_int_form(void **state)
{
	struct fx *f = *state;
	const struct floe_node *items;
	static const long long want[] = {
		0, 8, -8, 5, 31, -31, 1000, 3723, -60, 7, 0,
		9223372036854775807LL,
	};
	long long v = 42;

	/* [0, 8, -8, 5, 31, -31, 1000, 3723, -60, 7, 0, 9223372036854775807] */
	items = parse_ok(f, "[0, 010, -0_10, 0b101, 0x1F, -0x1f, +1_000, "
			    "1:02:03, -1:00, 0_7, 0_, 9223372036854775807]");
	assert_int_equal(items->nr, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < items->nr; i++) {
		assert_int_equal(items->items[i]->type, FLOE_TYPE_INT);
		assert_int_equal(int_of(items->items[i]), want[i]);
	}

	/* not an int, or does not fit: -1 and *out untouched */
	items = parse_ok(f, "[\"5\", 1.5, yes, ~, 9223372036854775808, "
			 "0x10000000000000000, [1]]");
	for (size_t i = 0; i < items->nr; i++)
		assert_int_equal(floe_node_int(items->items[i], &v), -1);
	assert_int_equal(v, 42);
	assert_int_equal(floe_node_int(NULL, &v), -1);
	assert_int_equal(items->items[4]->type, FLOE_TYPE_INT);
}

static void test_yaml_quoted_and_block_scalars_are_strings(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {'a': '4', 'b': 'yes', 'c': '~', 'd': '4\n', 'e': 'yes\n'} */
	root = parse_ok(f, "a: \"4\"\nb: 'yes'\nc: '~'\n"
			   "d: |\n  4\ne: >\n  yes\n");
	assert_scalar(floe_map_get(root, "a"), "4", FLOE_TYPE_STR);
	assert_int_equal(floe_map_get(root, "a")->style, FLOE_STYLE_DOUBLE);
	assert_scalar(floe_map_get(root, "b"), "yes", FLOE_TYPE_STR);
	assert_int_equal(floe_map_get(root, "b")->style, FLOE_STYLE_SINGLE);
	assert_scalar(floe_map_get(root, "c"), "~", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "d"), "4\n", FLOE_TYPE_STR);
	assert_int_equal(floe_map_get(root, "d")->style, FLOE_STYLE_LITERAL);
	assert_span(floe_map_get(root, "d"), 4, 4, 6, 1);
	assert_scalar(floe_map_get(root, "e"), "yes\n", FLOE_TYPE_STR);
	assert_int_equal(floe_map_get(root, "e")->style, FLOE_STYLE_FOLDED);
	assert_true(floe_node_is_str(floe_map_get(root, "e")));
}

static void test_yaml_explicit_standard_tags_type_the_scalar(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {'a': 5, 'b': '4', 'c': True, 'd': None, 'e': 1.5, 'f': 'x'} */
	root = parse_ok(f, "a: !!int \"5\"\nb: !!str 4\nc: !!bool 'yes'\n"
			   "d: !!null ''\ne: !!float \"1.5\"\n"
			   "f: !<tag:yaml.org,2002:str> x\n");
	assert_scalar(floe_map_get(root, "a"), "5", FLOE_TYPE_INT);
	assert_int_equal(floe_map_get(root, "a")->style, FLOE_STYLE_DOUBLE);
	assert_span(floe_map_get(root, "a"), 1, 4, 1, 13);
	assert_scalar(floe_map_get(root, "b"), "4", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "c"), "yes", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "d"), "", FLOE_TYPE_NULL);
	assert_scalar(floe_map_get(root, "e"), "1.5", FLOE_TYPE_FLOAT);
	assert_scalar(floe_map_get(root, "f"), "x", FLOE_TYPE_STR);
}

static void test_yaml_non_specific_tag_resolves_even_quoted(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* PyYAML: {'a': 4, 'b': 4, 'c': True, 'd': 'x'} */
	root = parse_ok(f, "a: ! 4\nb: ! \"4\"\nc: ! 'yes'\nd: ! x\n");
	assert_scalar(floe_map_get(root, "a"), "4", FLOE_TYPE_INT);
	assert_scalar(floe_map_get(root, "b"), "4", FLOE_TYPE_INT);
	assert_scalar(floe_map_get(root, "c"), "yes", FLOE_TYPE_BOOL);
	assert_scalar(floe_map_get(root, "d"), "x", FLOE_TYPE_STR);
}

static void test_yaml_unknown_tag_is_an_error(void **state)
{
	struct fx *f = *state;

	/* could not determine a constructor for the tag '!foo' */
	parse(f, "a: 1\nb: !foo x\n");
	assert_input_error(f, 2, 4, "unsupported tag '!foo'");
	assert_pos(first_error(f)->loc.end, 2, 10);

	parse(f, "a: !!python/object:os.system x\n");
	assert_input_error(f, 1, 4, "tag:yaml.org,2002:python/object");

	parse(f, "a: !!set {x}\n");
	assert_input_error(f, 1, 4, "unsupported tag");

	parse(f, "a: !!map [x]\n");
	assert_input_error(f, 1, 4, "unsupported tag");
}

static void test_yaml_tagged_value_that_does_not_fit_is_an_error(
	void **state)
{
	struct fx *f = *state;

	/* ValueError: invalid literal for int() with base 10: 'abc' */
	parse(f, "port: !!int \"abc\"\n");
	assert_input_error(f, 1, 7, "does not fit its tag");

	parse(f, "on: !!bool \"maybe\"\n");
	assert_input_error(f, 1, 5, "does not fit its tag");
}

static void test_yaml_plain_merge_and_value_keys_are_keys_only(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {'=': 1, 'b': '=', 'c': '<<'} */
	root = parse_ok(f, "=: 1\nb: \"=\"\nc: '<<'\n");
	assert_scalar(root->pairs[0].key, "=", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "b"), "=", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "c"), "<<", FLOE_TYPE_STR);

	/* could not determine a constructor for the tag ...:value */
	parse(f, "a: 1\nb: =\n");
	assert_input_error(f, 2, 4, "plain '='");

	/* could not determine a constructor for the tag ...:merge */
	parse(f, "a: [1, <<]\n");
	assert_input_error(f, 1, 8, "plain '<<'");

	parse(f, "<<\n");
	assert_input_error(f, 1, 1, "merge key");
}

/* ---- multi-line scalars ---- */

static void test_yaml_multi_line_double_quoted_scalars_fold(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *list;

	/*
	 * {'a': 'one two', 'b': 'one\ntwo', 'c': 'onetwo', 'd': ['p q', 'r'],
	 *  'e': {'k': 'v w'}}
	 */
	root = parse_ok(f, "a: \"one\n   two\"\n"
			   "b: \"one\n\n  two\"\n"
			   "c: \"one\\\n  two\"\n"
			   "d: [\"p\n  q\", \"r\"]\n"
			   "e: {k: \"v\n    w\"}\n");
	assert_scalar(floe_map_get(root, "a"), "one two", FLOE_TYPE_STR);
	assert_span(floe_map_get(root, "a"), 1, 4, 2, 8);
	assert_scalar(floe_map_get(root, "b"), "one\ntwo", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "c"), "onetwo", FLOE_TYPE_STR);
	list = floe_map_get(root, "d");
	assert_scalar(list->items[0], "p q", FLOE_TYPE_STR);
	assert_span(list->items[0], 8, 5, 9, 5);
	assert_span(list->items[1], 9, 7, 9, 10);
	assert_scalar(floe_map_get(floe_map_get(root, "e"), "k"), "v w",
		      FLOE_TYPE_STR);
}

static void test_yaml_multi_line_single_quoted_scalars_fold(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {'a': 'x y z', 'b': "it's a b", 'c': ['p q'], 'd': 'l1\nl2'} */
	root = parse_ok(f, "a: 'x\n   y  \n z'\n"
			   "b: 'it''s\n  a b'\n"
			   "c: ['p\n q']\n"
			   "d: 'l1\n\n  l2'\n");
	assert_scalar(floe_map_get(root, "a"), "x y z", FLOE_TYPE_STR);
	assert_span(floe_map_get(root, "a"), 1, 4, 3, 4);
	assert_scalar(floe_map_get(root, "b"), "it's a b", FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "c")->items[0], "p q",
		      FLOE_TYPE_STR);
	assert_scalar(floe_map_get(root, "d"), "l1\nl2", FLOE_TYPE_STR);
}

static void test_yaml_multi_line_plain_scalars_fold(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {'a': 'plain text 4', 'b': 1} */
	root = parse_ok(f, "a: plain\n  text\n  4\nb: 1\n");
	assert_scalar(floe_map_get(root, "a"), "plain text 4", FLOE_TYPE_STR);
	assert_span(floe_map_get(root, "a"), 1, 4, 3, 4);
}

/* ---- anchors, aliases and merge keys ---- */

static void test_yaml_aliases_share_the_anchored_node(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *base, *list;

	root = parse_ok(f, "base: &b {x: 1}\n"
			   "copy: *b\n"
			   "list: [&s str, *s, *b]\n");
	base = floe_map_get(root, "base");
	assert_ptr_equal(floe_map_get(root, "copy"), base);
	list = floe_map_get(root, "list");
	assert_ptr_equal(list->items[1], list->items[0]);
	assert_ptr_equal(list->items[2], base);
	/* an alias keeps the anchored node's position */
	assert_span(floe_map_get(root, "copy"), 1, 7, 1, 16);
	assert_span(list->items[1], 3, 8, 3, 14);
}

/* floe_node_same(): written alike, wherever, positions aside */
/*
 * A node's two positions are packed in one of two layouts (one line;
 * several lines), or kept apart when neither holds them: each comes back
 * as it was put, at the edges of each layout, and the node's other flags
 * are kept.
 */
static void test_yaml_positions_pack_at_their_limits(void **state)
{
	enum { ONE = FLOE_NODE_ONE_LINE, FAR = FLOE_NODE_FAR };
	static const struct {
		struct floe_pos s, e;
		unsigned layout;
	} cases[] = {
		{ { 1, 1 }, { 1, 1 }, ONE },
		{ { 0, 0 }, { 0, 0 }, ONE },	/* unknown */
		{ { (1u << 24) - 1, (1u << 28) - 1 },
		  { (1u << 24) - 1, (1u << 28) - 1 + 4095 }, ONE },
		{ { 1, 1 }, { 1, 4097 }, 0 },	/* 4,096 columns wide */
		{ { (1u << 22) - 1, 65535 }, { (1u << 22) - 1 + 1023, 65535 },
		  0 },
		{ { 1u << 22, 1 }, { (1u << 22) + 1, 1 }, FAR },
		{ { 1, 1 }, { 1025, 1 }, FAR },	/* 1,024 lines further */
		{ { 1, 1u << 16 }, { 2, 1 }, FAR },
		{ { 1, 1 }, { 2, 1u << 16 }, FAR },
		{ { 1u << 24, 1 }, { 1u << 24, 2 }, FAR },
		{ { 1, 1u << 28 }, { 1, 1u << 28 }, FAR },
		{ { 1, 1 }, { 1, 65536 }, FAR },	/* wide, far right */
		{ { UINT32_MAX, UINT32_MAX }, { UINT32_MAX, UINT32_MAX },
		  FAR },
		{ { 5, 9 }, { 4, 1 }, FAR },	/* ends before it starts */
		{ { 5, 9 }, { 5, 8 }, 0 },	/* the other layout */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct floe_node n;
		struct floe_pos room[2] = { { 7, 7 }, { 7, 7 } };
		struct floe_pos got;

		memset(&n, 0, sizeof(n));
		n.flags = FLOE_NODE_MERGED | 1u;
		floe_node_place(&n, cases[i].s, cases[i].e, room);
		assert_int_equal(n.flags & (FLOE_NODE_FAR | FLOE_NODE_ONE_LINE),
				 cases[i].layout);
		assert_int_equal(n.flags & (FLOE_NODE_MERGED | 1u),
				 FLOE_NODE_MERGED | 1u);
		got = floe_node_start(&n);
		assert_int_equal(got.line, cases[i].s.line);
		assert_int_equal(got.column, cases[i].s.column);
		got = floe_node_end(&n);
		assert_int_equal(got.line, cases[i].e.line);
		assert_int_equal(got.column, cases[i].e.column);
		/* placed again where they pack, the room is not read */
		floe_node_place(&n, (struct floe_pos){ 3, 4 },
				(struct floe_pos){ 9, 2 }, room);
		assert_int_equal(n.flags & (FLOE_NODE_FAR | FLOE_NODE_ONE_LINE),
				 0);
		memset(room, 0, sizeof(room));
		assert_int_equal(floe_node_start(&n).line, 3);
		assert_int_equal(floe_node_end(&n).column, 2);
	}
}

/*
 * What a parse places far: a flow sequence wider than 65,535 columns on
 * a line of its own, and a mapping of more than 1,023 lines; their
 * children, and a node written alike elsewhere, are read as usual.
 */
static void test_yaml_positions_of_wide_and_long_nodes(void **state)
{
	struct fx *f = *state;
	enum { ITEMS = 25000, KEYS = 1100 };
	size_t cap = 64 + ITEMS * 3 + KEYS * 16, len = 0;
	char *t = malloc(cap);
	const struct floe_node *r, *seq, *map, *tail;
	size_t budget = 10 * ITEMS;

	assert_non_null(t);
	f->input = t;
	len += (size_t)snprintf(t + len, cap - len, "s: [");
	for (int i = 0; i < ITEMS; i++)
		len += (size_t)snprintf(t + len, cap - len, "%s1",
					i ? ", " : "");
	len += (size_t)snprintf(t + len, cap - len, "]\nm:\n");
	for (int i = 0; i < KEYS; i++)
		len += (size_t)snprintf(t + len, cap - len, "  k%d: v\n", i);
	len += (size_t)snprintf(t + len, cap - len, "t: [1]\n");
	assert_true(len < cap);
	assert_int_equal(parse_buf(f, t, len, NULL), FLOE_OK);
	r = f->doc->root;
	seq = floe_map_get(r, "s");
	map = floe_map_get(r, "m");
	tail = floe_map_get(r, "t");
	assert_true(seq->flags & FLOE_NODE_FAR);
	assert_span(seq, 1, 4, 1, 4 + 1 + (ITEMS - 1) * 3 + 1 + 1);
	assert_span(seq->items[ITEMS - 1], 1, 4 + 1 + (ITEMS - 1) * 3, 1,
		    4 + 1 + (ITEMS - 1) * 3 + 1);
	assert_true(map->flags & FLOE_NODE_FAR);
	assert_span(map, 3, 3, 3 + KEYS, 1);
	assert_span(map->pairs[KEYS - 1].value, 2 + KEYS, 10, 2 + KEYS, 11);
	assert_false(tail->flags & FLOE_NODE_FAR);
	assert_span(tail, 3 + KEYS, 4, 3 + KEYS, 7);
	/* the same sequence, packed, is the same as written */
	assert_false(floe_node_same(seq, tail, &budget));
	assert_true(floe_node_same(seq->items[0], tail->items[0], &budget));
}

static void test_yaml_node_same_compares_as_written(void **state)
{
	struct fx *f = *state;
	const struct floe_node *r;
	size_t budget = 100;

#define SAME(a, b) (budget = 100, floe_node_same(floe_map_get(r, a),	\
						  floe_map_get(r, b), &budget))
	r = parse_ok(f, "a: {k: v, n: [1, x]}\n"
			"b:\n  k: v\n  n:\n  - 1\n  - x\n"
			"style: {k: 'v', n: [1, x]}\n"
			"type: {k: v, n: ['1', x]}\n"
			"text: {k: w, n: [1, x]}\n"
			"order: {n: [1, x], k: v}\n"
			"more: {k: v, n: [1, x, y]}\n"
			"list: [k, v]\n"
			"base: &d {k: v}\n"
			"merged: {<<: *d, n: [1, x]}\n"
			"written: {k: v, n: [1, x]}\n");
	assert_true(SAME("a", "b"));	/* flow or block alike */
	assert_true(SAME("a", "a"));
	assert_false(SAME("a", "style"));
	assert_false(SAME("a", "type"));
	assert_false(SAME("a", "text"));
	assert_false(SAME("a", "order"));
	assert_false(SAME("a", "more"));
	assert_false(SAME("a", "list"));
	/* a pair a merge brought in is not one written there */
	assert_false(SAME("merged", "written"));
	assert_true(SAME("a", "written"));
	/* a budget too small says no; the nodes counted are spent */
	budget = 3;
	assert_false(floe_node_same(floe_map_get(r, "a"),
				    floe_map_get(r, "b"), &budget));
	assert_int_equal(budget, 0);
	budget = 0;	/* one node shared is the same at no cost */
	assert_true(floe_node_same(r, r, &budget));
	assert_false(floe_node_same(r, NULL, &budget));
#undef SAME
}

static void test_yaml_merge_explicit_keys_override_merged_ones(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *dev;
	const struct floe_pair *p;

	/*
	 * {'defaults': {'threads': 4, 'type': 'duckdb'},
	 *  'dev': {'threads': 8, 'type': 'duckdb', 'path': 'dev.duckdb'}}
	 */
	root = parse_ok(f, "defaults: &d\n"
			   "  threads: 4\n"
			   "  type: duckdb\n"
			   "dev:\n"
			   "  <<: *d\n"
			   "  path: dev.duckdb\n"
			   "  threads: 8\n");
	assert_int_equal(f->diags.nr, 0);	/* an override is no duplicate */
	dev = floe_map_get(root, "dev");
	assert_int_equal(dev->nr, 3);

	p = &dev->pairs[0];
	assert_scalar(p->key, "threads", FLOE_TYPE_STR);
	assert_false(floe_pair_merged(dev, p));
	assert_int_equal(int_of(p->value), 8);
	assert_span(p->key, 7, 3, 7, 10);
	assert_span(p->value, 7, 12, 7, 13);

	p = &dev->pairs[1];
	assert_scalar(p->key, "type", FLOE_TYPE_STR);
	assert_true(floe_pair_merged(dev, p));
	assert_scalar(p->value, "duckdb", FLOE_TYPE_STR);
	/* a merged pair keeps the position where it is written */
	assert_span(p->key, 3, 3, 3, 7);
	assert_span(p->value, 3, 9, 3, 15);
	assert_ptr_equal(p->value, floe_map_get(floe_map_get(root, "defaults"),
						"type"));

	p = &dev->pairs[2];
	assert_scalar(p->key, "path", FLOE_TYPE_STR);
	assert_false(floe_pair_merged(dev, p));
	assert_span(p->key, 6, 3, 6, 7);
}

static void test_yaml_merge_list_first_mapping_wins(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *c, *d;
	static const char *const keys[] = { "y", "z", "x", "w" };
	static const int values[] = { 1, 3, 1, 0 };
	static const int merged[] = { 1, 0, 1, 0 };

	/*
	 * 'c': {'y': 1, 'z': 3, 'x': 1, 'w': 0}: PyYAML merges the list in
	 * reverse (b, then a), so a's values win and b's keys come first.
	 */
	root = parse_ok(f, "a: &a {x: 1, y: 1}\n"
			   "b: &b {y: 2, z: 2, x: 2}\n"
			   "c:\n"
			   "  w: 0\n"
			   "  <<: [*a, *b]\n"
			   "  z: 3\n"
			   "d: {<<: *a, <<: *b}\n");
	c = floe_map_get(root, "c");
	assert_int_equal(c->nr, 4);
	for (size_t i = 0; i < c->nr; i++) {
		assert_scalar(c->pairs[i].key, keys[i], FLOE_TYPE_STR);
		assert_int_equal(int_of(c->pairs[i].value), values[i]);
		assert_int_equal(floe_pair_merged(c, &c->pairs[i]),
				 merged[i]);
	}
	/* y and x come from a, on line 1 */
	assert_span(c->pairs[0].value, 1, 17, 1, 18);
	assert_span(c->pairs[2].value, 1, 11, 1, 12);
	assert_span(c->pairs[1].key, 6, 3, 6, 4);

	/*
	 * Two `<<` keys are merged in order, so the later one wins:
	 * 'd': {'x': 2, 'y': 2, 'z': 2}
	 */
	d = floe_map_get(root, "d");
	assert_int_equal(d->nr, 3);
	assert_scalar(d->pairs[0].key, "x", FLOE_TYPE_STR);
	assert_scalar(d->pairs[1].key, "y", FLOE_TYPE_STR);
	assert_scalar(d->pairs[2].key, "z", FLOE_TYPE_STR);
	for (size_t i = 0; i < d->nr; i++) {
		assert_true(floe_pair_merged(d, &d->pairs[i]));
		assert_int_equal(int_of(d->pairs[i].value), 2);
		assert_int_equal(floe_node_start(d->pairs[i].value).line, 2);
	}
	assert_int_equal(f->diags.nr, 0);
}

/*
 * Whether a pair was merged is a bit after the mapping's pairs: past the
 * first byte of bits, and with merged keys overridden (fewer pairs kept
 * than were gathered, so the bits move up behind the pairs kept).
 */
static void test_yaml_merge_bits_past_a_byte(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *m;
	char doc[512], key[4];
	size_t n = 0;

	n += (size_t)snprintf(doc + n, sizeof(doc) - n, "a: &a {");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "%sk%d: %d",
				      i ? ", " : "", i, i);
	n += (size_t)snprintf(doc + n, sizeof(doc) - n, "}\nm:\n  <<: *a\n");
	/* k1, k5 and k9 overridden; e0..e4 the mapping's own */
	n += (size_t)snprintf(doc + n, sizeof(doc) - n,
			      "  k1: 10\n  k5: 50\n  k9: 90\n");
	for (int i = 0; i < 5; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n,
				      "  e%d: %d\n", i, i);
	root = parse_ok(f, doc);
	m = floe_map_get(root, "m");
	assert_int_equal(m->nr, 17);
	for (size_t i = 0; i < m->nr; i++) {
		const struct floe_pair *p = &m->pairs[i];
		bool own = p->key->value[0] == 'e' ||
			   !strcmp(p->key->value, "k1") ||
			   !strcmp(p->key->value, "k5") ||
			   !strcmp(p->key->value, "k9");

		if (floe_pair_merged(m, p) == own)
			fail_msg("pair %zu (%s): merged is %d", i,
				 p->key->value, !own);
	}
	snprintf(key, sizeof(key), "k%d", 11);
	assert_true(floe_pair_merged(m, floe_map_pair(m, key)));
	assert_int_equal(int_of(floe_map_get(m, "k9")), 90);
	/* a mapping without `<<` has no bits */
	assert_false(floe_map_get(root, "a")->flags & FLOE_NODE_MERGED);
}

static void test_yaml_merge_of_a_mapping_that_merges(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *c;

	/*
	 * {'a': {'x': 1, 'y': 1}, 'b': {'x': 1, 'y': 2, 'z': 2},
	 *  'c': {'p': 4, 'x': 3, 'y': 2, 'z': 2}}
	 */
	root = parse_ok(f, "a: &a {x: 1, y: 1}\n"
			   "b: &b {<<: *a, y: 2, z: 2}\n"
			   "c: {<<: [*b, {p: 4}], x: 3}\n");
	c = floe_map_get(root, "c");
	assert_int_equal(c->nr, 4);
	assert_scalar(c->pairs[0].key, "p", FLOE_TYPE_STR);
	assert_int_equal(int_of(c->pairs[0].value), 4);
	assert_true(floe_pair_merged(c, &c->pairs[0]));
	assert_span(c->pairs[0].key, 3, 15, 3, 16);
	assert_int_equal(int_of(floe_map_get(c, "x")), 3);
	assert_false(floe_pair_merged(c, floe_map_pair(c, "x")));
	assert_int_equal(int_of(floe_map_get(c, "y")), 2);
	assert_int_equal(int_of(floe_map_get(c, "z")), 2);
	assert_true(floe_pair_merged(c, floe_map_pair(c, "z")));
	assert_span(floe_map_pair(c, "z")->key, 2, 22, 2, 23);
}

static void test_yaml_merge_of_a_non_mapping_is_an_error(void **state)
{
	struct fx *f = *state;

	/* expected a mapping or list of mappings for merging, but found scalar */
	parse(f, "a:\n  <<: 1\n");
	assert_input_error(f, 2, 7, "found an integer");

	/* expected a mapping for merging, but found scalar */
	parse(f, "m: &m {x: 1}\na: {<<: [*m, str]}\n");
	assert_input_error(f, 2, 14, "found a string");
}

/* ---- duplicate keys: dict semantics ---- */

static void test_yaml_duplicate_key_warns_and_the_last_value_wins(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;
	const struct floe_diag *w;

	/* {'a': 3, 'b': 2} */
	root = parse_ok(f, "a: 1\nb: 2\na: 3\n");
	assert_int_equal(root->nr, 2);
	assert_scalar(root->pairs[0].key, "a", FLOE_TYPE_STR);
	assert_int_equal(int_of(root->pairs[0].value), 3);
	assert_span(root->pairs[0].value, 3, 4, 3, 5);
	assert_scalar(root->pairs[1].key, "b", FLOE_TYPE_STR);

	assert_int_equal(f->diags.nr, 1);
	assert_int_equal(f->diags.nr_warnings, 1);
	w = &f->diags.items[0];
	assert_int_equal(w->severity, FLOE_SEV_WARNING);
	assert_string_equal(w->loc.file, FILE_NAME);
	assert_pos(w->loc.start, 3, 1);
	assert_pos(w->loc.end, 3, 2);
	assert_non_null(strstr(w->message, "duplicate key 'a'"));
	assert_non_null(strstr(w->message, "first defined at 1:1"));
	assert_int_equal(w->rule, FLOE_RULE_DUPLICATE_KEY);
}

static void test_yaml_duplicate_keys_compare_values_not_spelling(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *m;

	/*
	 * {'a': 'q', 'n': {True: 'c', False: 'e', None: 'g', 60: 'i',
	 *  nan: 'k', '1': 'l'}}
	 */
	root = parse_ok(f, "a: p\n\"a\": q\n"
			   "n:\n"
			   "  yes: a\n  1: b\n  0x1: c\n"
			   "  off: d\n  -0.0: e\n"
			   "  ~: f\n  null: g\n"
			   "  1:00: h\n  60.0: i\n"
			   "  .nan: j\n  .NaN: k\n"
			   "  \"1\": l\n");
	assert_int_equal(root->nr, 2);
	assert_scalar(floe_map_get(root, "a"), "q", FLOE_TYPE_STR);
	m = floe_map_get(root, "n");
	assert_int_equal(m->nr, 6);
	assert_scalar(m->pairs[0].value, "c", FLOE_TYPE_STR);
	assert_scalar(m->pairs[1].value, "e", FLOE_TYPE_STR);
	assert_scalar(m->pairs[2].value, "g", FLOE_TYPE_STR);
	assert_scalar(m->pairs[3].value, "i", FLOE_TYPE_STR);
	assert_scalar(m->pairs[4].value, "k", FLOE_TYPE_STR);
	assert_scalar(m->pairs[5].key, "1", FLOE_TYPE_STR);
	assert_scalar(m->pairs[5].value, "l", FLOE_TYPE_STR);
	/* n closes first, so its warnings come before the one for a */
	assert_int_equal(f->diags.nr_warnings, 7);
	assert_pos(f->diags.items[0].loc.start, 5, 3);
	assert_non_null(strstr(f->diags.items[0].message,
			       "first defined at 4:3"));
	assert_pos(f->diags.items[1].loc.start, 6, 3);
	assert_non_null(strstr(f->diags.items[1].message,
			       "first defined at 4:3"));
	assert_pos(f->diags.items[2].loc.start, 8, 3);
	assert_non_null(strstr(f->diags.items[2].message,
			       "first defined at 7:3"));
	assert_pos(f->diags.items[6].loc.start, 2, 1);
	assert_non_null(strstr(f->diags.items[6].message,
			       "duplicate key 'a' (first defined at 1:1)"));
}

/*
 * Small mappings compare their keys pairwise, larger ones through a hash
 * set: on either side of the line, the same warnings at the same places.
 */
static void test_yaml_duplicate_keys_small_and_large_maps(void **state)
{
	struct fx *f = *state;

	for (unsigned n = 2; n <= 12; n++) {
		char text[512];
		size_t len = 0;
		const struct floe_node *root;

		/* 0x0, k1, ..., k(n-2), then 0 again (equal as ints) */
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"0x0: first\n");
		for (unsigned i = 1; i + 1 < n; i++)
			len += (size_t)snprintf(text + len, sizeof(text) - len,
						"k%u: v\n", i);
		snprintf(text + len, sizeof(text) - len, "0: last\n");
		floe_diags_release(&f->diags);
		root = parse_ok(f, text);
		assert_int_equal(root->nr, n - 1);
		assert_scalar(root->pairs[0].value, "last", FLOE_TYPE_STR);
		assert_int_equal(f->diags.nr_warnings, 1);
		assert_pos(f->diags.items[0].loc.start, n, 1);
		assert_non_null(strstr(f->diags.items[0].message,
				       "duplicate key '0' (first defined at "
				       "1:1)"));
	}
}

/* The builder types a plain decimal itself: as the resolver would. */
static void test_yaml_plain_decimals_are_ints_as_resolved(void **state)
{
	static const char *const ints[] = {
		"1", "7", "10", "42", "8181", "1000000",
		"123456789012345678901234567890",
	};
	static const char *const not_decimal[] = {
		"0", "01", "09", "1_000", "1.0", "1e3", "+1", "-1", "1:30",
		"2024-01-01", "12a", "0x1F",
	};
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		const struct floe_node *root;

		assert_int_equal(floe_yaml_resolve(ints[i], strlen(ints[i])),
				 FLOE_TYPE_INT);
		root = parse_ok(f, ints[i]);
		assert_scalar(root, ints[i], FLOE_TYPE_INT);
	}
	/* the rest still goes through the resolver */
	for (size_t i = 0; i < sizeof(not_decimal) / sizeof(not_decimal[0]);
	     i++) {
		const struct floe_node *root = parse_ok(f, not_decimal[i]);

		assert_int_equal(root->type,
				 floe_yaml_resolve(not_decimal[i],
						   strlen(not_decimal[i])));
	}
	/* quoted, it is a string; tagged '!', resolved again */
	assert_scalar(parse_ok(f, "\"42\""), "42", FLOE_TYPE_STR);
	assert_scalar(parse_ok(f, "! \"42\""), "42", FLOE_TYPE_INT);
}

static void test_yaml_distinct_float_keys_stay_distinct(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	/* {1.5: 'a', 15.0: 'b', 0.15: 'c', inf: 'd', -inf: 'e', 1: 'f'} */
	root = parse_ok(f, "1.5: a\n1.5e+1: b\n0.15: c\n.inf: d\n-.inf: e\n"
			   "1.0: f\n");
	assert_int_equal(root->nr, 6);
	assert_int_equal(f->diags.nr, 0);

	/* {0.15: 'c', 1.5: 'f', inf: 'e'} */
	root = parse_ok(f, "0.150: a\n1.5: b\n.15e+0: c\n.Inf: d\n+.inf: e\n"
			   "15.0e-1: f\n");
	assert_int_equal(root->nr, 3);
	assert_int_equal(f->diags.nr_warnings, 3);
	assert_scalar(root->pairs[0].value, "c", FLOE_TYPE_STR);
	assert_scalar(root->pairs[1].value, "f", FLOE_TYPE_STR);
	assert_scalar(root->pairs[2].value, "e", FLOE_TYPE_STR);
}

static void test_yaml_duplicate_keys_in_flow_and_nested_mappings(
	void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *out;

	root = parse_ok(f, "outputs:\n"
			   "  dev: {threads: 1, path: x, threads: 2}\n"
			   "  dev: {threads: 3}\n");
	out = floe_map_get(root, "outputs");
	assert_int_equal(out->nr, 1);
	assert_int_equal(int_of(floe_map_get(floe_map_get(out, "dev"),
					     "threads")), 3);
	assert_int_equal(f->diags.nr_warnings, 2);
	/* the inner mapping closes first */
	assert_pos(f->diags.items[0].loc.start, 2, 30);
	assert_non_null(strstr(f->diags.items[0].message,
			       "first defined at 2:9"));
	assert_pos(f->diags.items[1].loc.start, 3, 3);
	assert_non_null(strstr(f->diags.items[1].message,
			       "first defined at 2:3"));
}

/* ---- errors ---- */

static void test_yaml_syntax_error_is_positioned_at_the_problem(
	void **state)
{
	struct fx *f = *state;
	const struct floe_diag *e;

	/* expected ',' or ']', but got ':' in line 3, column 2 */
	parse(f, "a: 1\nb: [1, 2\nc: 3\n");
	assert_input_error(f, 3, 2, "did not find expected ',' or ']'");
	e = first_error(f);
	assert_non_null(strstr(e->message,
			       "while parsing a flow sequence that starts "
			       "at 2:4"));

	/* expected <block end>, but found '<block mapping start>' (3:2) */
	parse(f, "a:\n  b: 1\n c: 2\n");
	assert_input_error(f, 3, 2, "did not find expected key");

	/* found character that cannot start any token (1:4) */
	parse(f, "a: `x`\n");
	assert_input_error(f, 1, 4, "cannot start any token");

	/* a tab in indentation */
	parse(f, "a:\n\tb: 1\n");
	assert_int_equal(f->err, FLOE_ERR_INPUT);
	assert_pos(first_error(f)->loc.start, 2, 1);
}

static void test_yaml_unterminated_quote_is_reported_at_the_quote(
	void **state)
{
	struct fx *f = *state;
	const struct floe_diag *e;

	/* while scanning a quoted scalar (2:4) found unexpected end of stream */
	parse(f, "a: 1\nb: \"abc\nc: 2\n");
	assert_input_error(f, 2, 4, "while scanning a quoted scalar");
	e = first_error(f);
	assert_pos(e->loc.end, 4, 1);
	assert_non_null(strstr(e->message, "unexpected end of stream"));

	parse(f, "a: [x, 'abc]\n");
	assert_input_error(f, 1, 8, "while scanning a quoted scalar");
}

static void test_yaml_second_document_is_an_error(void **state)
{
	struct fx *f = *state;
	const struct floe_diag *e;

	/* expected a single document in the stream; but found another */
	parse(f, "a: 1\n---\nb: 2\n");
	assert_input_error(f, 2, 1, "a second YAML document");
	e = first_error(f);
	assert_pos(e->loc.end, 2, 4);

	parse(f, "---\na: 1\n---\n");
	assert_input_error(f, 3, 1, "a second YAML document");

	/* an explicit end of the only document is fine */
	parse_ok(f, "---\na: 1\n...\n");
}

static void test_yaml_non_scalar_key_is_an_error(void **state)
{
	struct fx *f = *state;
	const struct floe_diag *e;

	/* found unhashable key in line 1, column 3 */
	parse(f, "? [a, b]\n: 1\n");
	assert_input_error(f, 1, 3, "a mapping key must be a scalar, not a "
			   "list");
	e = first_error(f);
	assert_pos(e->loc.end, 1, 9);

	parse(f, "a: 1\n{x: y}: 2\n");
	assert_input_error(f, 2, 1, "not a mapping");

	/* an alias is reported where it is written */
	parse(f, "m: &m {x: 1}\n? *m\n: 2\n");
	assert_input_error(f, 2, 3, "not a mapping");
}

static void test_yaml_unquoted_jinja_is_a_mapping_key_error(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;
	const struct floe_diag *e;

	/* found unhashable key in line 2, column 13 */
	parse(f, "user: me\npassword: {{ env_var('X') }}\n");
	assert_input_error(f, 2, 12, "a mapping key must be a scalar, not "
			   "a mapping");
	e = first_error(f);
	assert_pos(e->loc.end, 2, 28);
	assert_non_null(strstr(e->message, "quote"));
	assert_int_equal(e->rule, FLOE_RULE_JINJA_UNQUOTED);

	/* a list key is a plain structure error, with no Jinja hint */
	parse(f, "? [a, b]\n: 1\n");
	e = first_error(f);
	assert_int_equal(e->rule, FLOE_RULE_YAML_SYNTAX);
	assert_null(strstr(e->message, "{{"));

	root = parse_ok(f, "password: \"{{ env_var('X') }}\"\n");
	assert_scalar(floe_map_get(root, "password"), "{{ env_var('X') }}",
		      FLOE_TYPE_STR);
}

static void test_yaml_nesting_deeper_than_max_depth_is_refused(
	void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	const size_t depth = 10000;

	f->input = malloc(2 * depth);
	assert_non_null(f->input);
	memset(f->input, '[', depth);
	memset(f->input + depth, ']', depth);

	/* the 65th '[' is one too many */
	parse_buf(f, f->input, 2 * depth, NULL);
	assert_input_error(f, 1, 65, "nesting is deeper than 64 levels");
	assert_int_equal(f->diags.nr, 1);

	/* exactly max_depth levels are fine */
	lim.max_depth = 3;
	assert_int_equal(parse_buf(f, "[[[x]]]", 7, &lim), FLOE_OK);
	assert_scalar(f->doc->root->items[0]->items[0]->items[0], "x",
		      FLOE_TYPE_STR);
	parse_buf(f, "a: [[{b: 1}]]", 13, &lim);
	assert_input_error(f, 1, 6, "deeper than 3 levels");
}

static void test_yaml_deep_block_mapping_is_refused(void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	const size_t depth = 10000;
	size_t len = 0;

	/* "k:\n k:\n  k:\n..." is about 50 MB: lift the size cap */
	f->input = malloc(depth * (depth + 5) / 2 + 3 * depth);
	assert_non_null(f->input);
	for (size_t i = 0; i < depth; i++) {
		memset(f->input + len, ' ', i);
		len += i;
		memcpy(f->input + len, "k:\n", 3);
		len += 3;
	}
	lim.max_bytes = len;
	parse_buf(f, f->input, len, &lim);
	/* the mapping at depth d starts at line d, column d */
	assert_input_error(f, 65, 65, "nesting is deeper than 64 levels");
}

static void test_yaml_billion_laughs_is_refused(void **state)
{
	struct fx *f = *state;
	static const char bomb[] =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
		"\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

	/* level e is 10^4 nodes: its aliases pass 10^5 at the 9th */
	parse(f, bomb);
	assert_input_error(f, 5, 29, "aliases expand the document by more "
			   "than 100000 nodes");
}

static void test_yaml_max_expanded_counts_nodes_through_aliases(
	void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();

	/* what is written is not counted: only what aliases add */
	lim.max_expanded = 5;
	assert_int_equal(parse_buf(f, "[1, 2, 3, 4, 5, 6, 7]", 21, &lim),
			 FLOE_OK);
	/* an alias adds the nodes it stands for: 3 + 3 > 5 */
	parse_buf(f, "[&a [1, 2], *a, *a]", 19, &lim);
	assert_input_error(f, 1, 17, "aliases expand the document by more "
			   "than 5 nodes");
	lim.max_expanded = 6;
	assert_int_equal(parse_buf(f, "[&a [1, 2], *a, *a]", 19, &lim),
			 FLOE_OK);
}

/* A big document without aliases is read whatever its node count. */
static void test_yaml_max_expanded_does_not_limit_written_nodes(
	void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	size_t n = 150000, len = 0;
	char *buf = malloc(n * 3 + 2);

	assert_non_null(buf);
	buf[len++] = '[';
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + len, "1, ", 3);
		len += 3;
	}
	buf[len++] = ']';
	lim.max_bytes = len;
	assert_int_equal(parse_buf(f, buf, len, &lim), FLOE_OK);
	assert_int_equal(f->doc->root->nr, n);
	free(buf);
}

/*
 * Bytes too: a long scalar aliased many times is few nodes but much
 * text for every walker; refused at the alias that passes the limit.
 */
static void test_yaml_max_expanded_bytes_counts_scalar_bytes(void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	static const char doc[] = "a: &a 0123456789\nb: [*a, *a, *a]\n";

	lim.max_expanded_bytes = 30;
	assert_int_equal(parse_buf(f, doc, sizeof(doc) - 1, &lim), FLOE_OK);
	lim.max_expanded_bytes = 29;
	parse_buf(f, doc, sizeof(doc) - 1, &lim);
	assert_input_error(f, 2, 13, "aliases expand the document by more "
			   "than 29 bytes");
	/* keys count, through an aliased mapping */
	lim.max_expanded_bytes = 5;
	parse_buf(f, "a: &a {key: v}\nb: *a\nc: *a\n", 27, &lim);
	assert_input_error(f, 3, 4, "more than 5 bytes");
}

/* The default: 10^4 aliases of a 150-byte scalar are refused. */
static void test_yaml_max_expanded_bytes_default_stops_repeated_text(
	void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	size_t n = 10000, len = 0;
	char *buf = malloc(200 + n * 4);

	assert_int_equal(lim.max_expanded_bytes, FLOE_YAML_MAX_EXPANDED_BYTES);
	assert_non_null(buf);
	len += (size_t)snprintf(buf, 200, "a: &a %0150d\nb: [", 0);
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + len, "*a, ", 4);
		len += 4;
	}
	buf[len++] = ']';
	parse_buf(f, buf, len, &lim);
	free(buf);
	assert_int_equal(f->err, FLOE_ERR_INPUT);
	assert_input_error(f, 2, 5 + 4 * (1048576 / 150), "more than 1048576 "
			   "bytes");
}

static void test_yaml_alias_cycle_is_refused(void **state)
{
	struct fx *f = *state;
	const struct floe_diag *e;

	/* PyYAML builds {'a': [1, [...]]}; floe refuses it */
	parse(f, "a: &a [1, *a]\n");
	assert_input_error(f, 1, 11, "alias '*a' refers to a node that "
			   "contains it");
	e = first_error(f);
	assert_pos(e->loc.end, 1, 13);

	parse(f, "m: &m\n  x:\n    y: *m\n");
	assert_input_error(f, 3, 8, "alias cycle");
}

static void test_yaml_undefined_alias_is_an_error(void **state)
{
	struct fx *f = *state;

	/* found undefined alias 'nope' */
	parse(f, "a: 1\nb: *nope\n");
	assert_input_error(f, 2, 4, "undefined alias '*nope'");

	/* an alias before its anchor */
	parse(f, "a: *x\nb: &x 1\n");
	assert_input_error(f, 1, 4, "undefined alias '*x'");
}

static void test_yaml_duplicate_anchor_is_an_error(void **state)
{
	struct fx *f = *state;

	/* found duplicate anchor 'x'; ... second occurrence (2:4) */
	parse(f, "a: &x 1\nb: &x 2\n");
	assert_input_error(f, 2, 4, "duplicate anchor '&x'");

	parse(f, "a: &x [1]\nb: {c: &x {}}\n");
	assert_input_error(f, 2, 8, "duplicate anchor '&x'");
}

static void test_yaml_many_anchors_are_all_found(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root, *refs;
	char *p, *end;

/* append to p, failing the test when it would pass end */
#define PUT(...)							\
	do {								\
		int w_ = snprintf(p, (size_t)(end - p), __VA_ARGS__);	\
		assert_true(w_ >= 0 && w_ < end - p);			\
		p += w_;						\
	} while (0)

	/* enough anchors to grow the anchor table several times */
	f->input = malloc(64 * 1024);
	assert_non_null(f->input);
	p = f->input;
	end = p + 64 * 1024;
	PUT("defs: [");
	for (int i = 0; i < 500; i++)
		PUT("&a%d v%d, ", i, i);
	PUT("]\nrefs: [");
	for (int i = 499; i >= 0; i--)
		PUT("*a%d, ", i);
	PUT("]\n");
#undef PUT

	root = parse_ok(f, f->input);
	refs = floe_map_get(root, "refs");
	assert_int_equal(refs->nr, 500);
	for (size_t i = 0; i < 500; i++)
		assert_ptr_equal(refs->items[i],
				 floe_map_get(root, "defs")->items[499 - i]);
}

static void test_yaml_input_above_max_bytes_is_too_big(void **state)
{
	struct fx *f = *state;
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	const struct floe_diag *e;

	lim.max_bytes = 10;
	assert_int_equal(parse_buf(f, "a: 1234567", 10, &lim), FLOE_OK);
	assert_int_equal(int_of(floe_map_get(f->doc->root, "a")), 1234567);

	assert_int_equal(parse_buf(f, "a: 12345678", 11, &lim),
			 FLOE_ERR_TOO_BIG);
	assert_null(f->doc);
	assert_int_equal(f->diags.nr, 1);
	e = &f->diags.items[0];
	assert_int_equal(e->severity, FLOE_SEV_ERROR);
	assert_string_equal(e->loc.file, FILE_NAME);
	assert_non_null(strstr(e->message, "11 bytes"));
	assert_non_null(strstr(e->message, "limit of 10"));
}

static void test_yaml_empty_input_has_no_root(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_buf(f, "", 0, NULL), FLOE_OK);
	assert_non_null(f->doc);
	assert_null(f->doc->root);
	assert_string_equal(f->doc->file, FILE_NAME);
	assert_int_equal(f->diags.nr, 0);

	assert_int_equal(parse_buf(f, NULL, 0, NULL), FLOE_OK);
	assert_null(f->doc->root);

	assert_null(parse_ok(f, "# only a comment\n\n   \n"));

	/* an empty document is a null root, as yaml.safe_load("---") */
	assert_scalar(parse_ok(f, "---\n"), "", FLOE_TYPE_NULL);
}

static void test_yaml_nul_byte_is_a_positioned_error(void **state)
{
	struct fx *f = *state;
	static const char text[] = "a: b\nc: x\0y\n";
	static const char elf[] = "\x7F" "ELF\x02\x01\x01\0\0\0";
	const struct floe_diag *e;

	/* unacceptable character #x0000: special characters are not allowed */
	parse_buf(f, text, sizeof(text) - 1, NULL);
	assert_input_error(f, 2, 5, "control characters are not allowed");
	e = first_error(f);
	assert_non_null(strstr(e->message, "#x00 at offset 9"));

	parse_buf(f, elf, sizeof(elf) - 1, NULL);
	assert_input_error(f, 1, 1, "#x7F at offset 0");
}

static void test_yaml_invalid_utf8_is_a_positioned_error(void **state)
{
	struct fx *f = *state;

	/* not a UTF-16 byte order mark: dbt decodes the file as UTF-8 */
	parse_buf(f, "\xFF\xFE", 2, NULL);
	assert_input_error(f, 1, 1, "invalid leading UTF-8 octet");
	assert_non_null(strstr(first_error(f)->message, "#xFF at offset 0"));

	parse_buf(f, "\xFE\xFF\0a", 4, NULL);
	assert_input_error(f, 1, 1, "#xFE at offset 0");

	/* columns count code points before the bad byte */
	parse(f, "x: 1\nn\xC3\xA9: caf\xC3\xA9 \xFF\n");
	assert_input_error(f, 2, 10, "#xFF at offset 16");

	parse(f, "a: caf\xC3");
	assert_int_equal(f->err, FLOE_ERR_INPUT);
	assert_pos(first_error(f)->loc.start, 1, 7);

	/* a lone CR is a line break for the position too */
	parse(f, "a: 1\rb: \x80\n");
	assert_input_error(f, 2, 4, "#x80 at offset 8");
}

static void test_yaml_reader_error_after_bom_is_not_shifted(void **state)
{
	struct fx *f = *state;

	/* offsets count the BOM's bytes, columns don't */
	parse(f, "\xEF\xBB\xBF" "a: b\xFF\n");
	assert_input_error(f, 1, 5, "#xFF at offset 7");
}

/* Read, or refused with positioned errors only: never anything else. */
static void assert_read_or_refused(struct fx *f, const char *buf, size_t len)
{
	enum floe_err err = parse_buf(f, buf, len, NULL);

	if (err == FLOE_OK) {
		assert_non_null(f->doc);
		assert_int_equal(f->diags.nr_errors, 0);
		return;
	}
	assert_int_equal(err, FLOE_ERR_INPUT);
	assert_null(f->doc);
	assert_true(f->diags.nr_errors > 0);
	for (size_t i = 0; i < f->diags.nr; i++) {
		assert_true(f->diags.items[i].loc.start.line > 0);
		assert_true(f->diags.items[i].loc.start.column > 0);
	}
}

static void test_yaml_truncated_or_corrupted_input_is_refused_cleanly(
	void **state)
{
	struct fx *f = *state;
	static const char doc[] =
		"\xEF\xBB\xBF# profile\n"
		"base: &b {threads: 4, \"type\": duckdb, t: !!int \"5\"}\n"
		"p:\n"
		"  target: dev\n"
		"  outputs:\n"
		"    dev:\n"
		"      <<: [*b, {x: 'it''s'}]\n"
		"      path: \"caf\xC3\xA9\\n\r\n  \\u00e9\"\n"
		"      ? complex\n"
		"      : |\n"
		"        line\n"
		"      list:\n"
		"        - ~\n"
		"        - [1:30, 0x1F, .inf, yes]\n"
		"      threads: 8\n";
	static const char bytes[] = { '\0', '\xFF', '[', '{', ':', '&', '*',
				      '"', '\'', '\n', '\t', '-', '?', '!',
				      '|', '#' };
	char buf[sizeof(doc)];
	const size_t len = sizeof(doc) - 1;

	/* the whole document reads */
	assert_read_or_refused(f, doc, len);
	assert_int_equal(f->err, FLOE_OK);
	assert_int_equal(f->diags.nr, 0);

	for (size_t n = 0; n < len; n++)
		assert_read_or_refused(f, doc, n);
	for (size_t i = 0; i < len; i++) {
		for (size_t k = 0; k < sizeof(bytes); k++) {
			memcpy(buf, doc, len);
			buf[i] = bytes[k];
			assert_read_or_refused(f, buf, len);
		}
	}
}

/* ---- small API ---- */

static void test_yaml_map_get_finds_string_keys_only(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	root = parse_ok(f, "yes: bool key\n\"no\": str key\n1: int key\n"
			   "x: [1]\n");
	assert_null(floe_map_get(root, "yes"));
	assert_scalar(floe_map_get(root, "no"), "str key", FLOE_TYPE_STR);
	assert_null(floe_map_get(root, "1"));
	assert_null(floe_map_get(root, "missing"));
	assert_null(floe_map_get(root, ""));
	assert_null(floe_map_get(NULL, "x"));
	assert_null(floe_map_pair(floe_map_get(root, "x"), "x"));
	assert_null(floe_map_get(floe_map_get(root, "no"), "x"));
	assert_ptr_equal(floe_map_pair(root, "x")->value,
			 floe_map_get(root, "x"));
}

static void test_yaml_keys_may_hold_nul_bytes(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;

	root = parse_ok(f, "\"a\\0b\": 1\na: 2\n");
	assert_int_equal(root->nr, 2);
	assert_int_equal(root->pairs[0].key->len, 3);
	assert_memory_equal(root->pairs[0].key->value, "a\0b", 4);
	assert_int_equal(int_of(floe_map_get(root, "a")), 2);
	assert_int_equal(f->diags.nr, 0);
}

static void test_yaml_node_describe_names_every_kind(void **state)
{
	struct fx *f = *state;
	const struct floe_node *l;

	l = parse_ok(f, "[s, ~, yes, 1, 1.5, 2001-12-14, {a: 1}, [], \"1\"]");
	assert_string_equal(floe_node_describe(l), "a list");
	assert_string_equal(floe_node_describe(l->items[0]), "a string");
	assert_string_equal(floe_node_describe(l->items[1]), "null");
	assert_string_equal(floe_node_describe(l->items[2]), "a boolean");
	assert_string_equal(floe_node_describe(l->items[3]), "an integer");
	assert_string_equal(floe_node_describe(l->items[4]), "a float");
	assert_string_equal(floe_node_describe(l->items[5]), "a timestamp");
	assert_string_equal(floe_node_describe(l->items[6]), "a mapping");
	assert_string_equal(floe_node_describe(l->items[7]), "a list");
	assert_string_equal(floe_node_describe(l->items[8]), "a string");
	assert_string_equal(floe_node_describe(NULL), "nothing");
	assert_true(floe_node_is_str(l->items[8]));
	assert_false(floe_node_is_str(l->items[3]));
	assert_false(floe_node_is_str(l));
	assert_false(floe_node_is_str(NULL));
	assert_int_equal(l->items[7]->nr, 0);
	assert_span(l->items[7], 1, 41, 1, 43);
}

static void test_yaml_node_loc_is_the_node_span(void **state)
{
	struct fx *f = *state;
	const struct floe_node *root;
	struct floe_loc loc;

	root = parse_ok(f, "a:\n  b: hello\n");
	loc = floe_node_loc("other.yml", floe_map_get(floe_map_get(root, "a"),
						      "b"));
	assert_string_equal(loc.file, "other.yml");
	assert_pos(loc.start, 2, 6);
	assert_pos(loc.end, 2, 11);

	loc = floe_node_loc("x.yml", NULL);
	assert_string_equal(loc.file, "x.yml");
	assert_pos(loc.start, 0, 0);
	assert_pos(loc.end, 0, 0);
}

static void test_yaml_default_limits_are_the_documented_ones(void **state)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();

	(void)state;
	assert_int_equal(lim.max_bytes, FLOE_YAML_MAX_BYTES);
	assert_int_equal(lim.max_depth, FLOE_YAML_MAX_DEPTH);
	assert_int_equal(lim.max_expanded, FLOE_YAML_MAX_EXPANDED);
}

static void test_yaml_errors_leave_out_untouched_and_append(void **state)
{
	struct fx *f = *state;
	struct floe_doc *sentinel = (struct floe_doc *)&f->err;
	struct floe_doc *out = sentinel;

	floe_diags_release(&f->diags);
	assert_int_equal(floe_diags_addf(&f->diags, FLOE_SEV_NOTE, FLOE_RULE_NONE,
					 floe_node_loc("x", NULL), "earlier"),
			 0);
	assert_int_equal(floe_yaml_parse(FILE_NAME, "a: [", 4, NULL, &out,
					 &f->diags),
			 FLOE_ERR_INPUT);
	assert_ptr_equal(out, sentinel);
	assert_int_equal(f->diags.nr, 2);
	assert_string_equal(f->diags.items[0].message, "earlier");
	assert_int_equal(f->diags.items[1].severity, FLOE_SEV_ERROR);
}

static void test_yaml_shared_fixtures_parse_without_errors(void **state)
{
	struct fx *f = *state;
	static const char *const dirs[] = {
		FLOE_SHARED_DIR "/fixtures/real",
		FLOE_SHARED_DIR "/fixtures/reconstructed",
	};
	int files = 0;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *de;

		if (!d)
			continue;
		while ((de = readdir(d))) {
			char path[4096];
			size_t len = strlen(de->d_name);
			FILE *fp;
			long size;

			if (len < 5 || (strcmp(de->d_name + len - 4, ".yml") &&
					strcmp(de->d_name + len - 5, ".yaml")))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[i],
				 de->d_name);
			fp = fopen(path, "rb");
			assert_non_null(fp);
			assert_int_equal(fseek(fp, 0, SEEK_END), 0);
			size = ftell(fp);
			assert_true(size >= 0);
			rewind(fp);
			free(f->input);
			f->input = malloc((size_t)size + 1);
			assert_non_null(f->input);
			assert_int_equal(fread(f->input, 1, (size_t)size, fp),
					 (size_t)size);
			fclose(fp);
			if (parse_buf(f, f->input, (size_t)size, NULL) !=
			    FLOE_OK || f->diags.nr_errors)
				fail_msg("%s: %s", path, f->diags.nr ?
					 f->diags.items[0].message : "failed");
			assert_non_null(f->doc->root);
			files++;
		}
		closedir(d);
	}
	if (!files)
		skip();
}

/* ---- floe_yaml_parse_from(): the input read in blocks ---- */

/* A reader of a buffer in blocks of `block` bytes (0: 1, 2, 3, ... in
 * turn), failing with `fail` once `fail_at` bytes are read. */
struct mem_reader {
	const char *buf;
	size_t len, at, block, turn, fail_at;
	enum floe_err fail;
	int texts;		/* calls of text() */
};

static enum floe_err mem_read(void *arg, char *buf, size_t size,
			      size_t *got)
{
	struct mem_reader *r = arg;
	size_t n = r->block ? r->block : 1 + r->turn++ % 13;

	if (r->fail != FLOE_OK && r->at >= r->fail_at)
		return r->fail;
	if (n > size)
		n = size;
	if (n > r->len - r->at)
		n = r->len - r->at;
	memcpy(buf, r->buf + r->at, n);
	r->at += n;
	*got = n;
	return FLOE_OK;
}

static const char *mem_text(void *arg, size_t *len)
{
	struct mem_reader *r = arg;

	r->texts++;
	*len = r->len;
	return r->buf;
}

/* Two trees alike, positions included; `budget` bounds a DAG's walk. */
static void expect_same_places(const struct floe_node *a,
			       const struct floe_node *b, size_t *budget)
{
	struct floe_pos as, ae, bs, be;

	size_t same = 4096;

	if (!*budget)
		return;
	--*budget;
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->nr, b->nr);	/* len of a scalar */
	if (a->kind == FLOE_NODE_SCALAR)
		assert_true(floe_node_same(a, b, &same));
	floe_node_span(a, &as, &ae);
	floe_node_span(b, &bs, &be);
	assert_int_equal(as.line, bs.line);
	assert_int_equal(as.column, bs.column);
	assert_int_equal(ae.line, be.line);
	assert_int_equal(ae.column, be.column);
	if (a->kind == FLOE_NODE_MAP) {
		for (uint32_t i = 0; i < a->nr; i++) {
			expect_same_places(a->pairs[i].key, b->pairs[i].key,
					   budget);
			expect_same_places(a->pairs[i].value,
					   b->pairs[i].value, budget);
		}
	} else if (a->kind == FLOE_NODE_SEQ) {
		for (uint32_t i = 0; i < a->nr; i++)
			expect_same_places(a->items[i], b->items[i], budget);
	}
}

/*
 * `buf` parsed whole and read in blocks of `block` bytes: the same
 * result, findings (rule, severity, place, message) and tree.
 */
static void expect_same_from_blocks(const char *name, const char *buf,
				    size_t len, size_t block)
{
	struct mem_reader r = { buf, len, 0, block, 0, 0, FLOE_OK, 0 };
	struct floe_yaml_reader in = { mem_read, mem_text, &r };
	struct floe_diags da = { 0 }, db = { 0 };
	struct floe_doc *a = NULL, *b = NULL;
	enum floe_err ea, eb;
	size_t budget = 200000;

	ea = floe_yaml_parse(name, buf, len, NULL, &a, &da);
	eb = floe_yaml_parse_from(name, &in, NULL, &b, &db);
	if (ea != eb)
		fail_msg("%s, blocks of %zu: %d, not %d", name, block,
			 (int)eb, (int)ea);
	assert_int_equal(da.nr, db.nr);
	for (size_t i = 0; i < da.nr; i++) {
		const struct floe_diag *x = &da.items[i], *y = &db.items[i];

		assert_int_equal(x->rule, y->rule);
		assert_int_equal(x->severity, y->severity);
		assert_string_equal(x->message, y->message);
		assert_int_equal(x->loc.start.line, y->loc.start.line);
		assert_int_equal(x->loc.start.column, y->loc.start.column);
		assert_int_equal(x->loc.end.line, y->loc.end.line);
		assert_int_equal(x->loc.end.column, y->loc.end.column);
	}
	assert_int_equal(!a, !b);
	if (a) {
		assert_int_equal(!a->root, !b->root);
		assert_int_equal(a->nr_aliases, b->nr_aliases);
		if (a->root)
			expect_same_places(a->root, b->root, &budget);
	}
	floe_doc_free(a);
	floe_doc_free(b);
	floe_diags_release(&da);
	floe_diags_release(&db);
}

/* Every file under dir (recursively), through expect_same_from_blocks() */
static size_t same_from_blocks_in(const char *dir, size_t block)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t files = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		FILE *fp;
		char *buf;
		long size;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			files += same_from_blocks_in(path, block);
			continue;
		}
		fp = fopen(path, "rb");
		if (!fp)
			continue;
		assert_int_equal(fseek(fp, 0, SEEK_END), 0);
		size = ftell(fp);
		assert_true(size >= 0);
		rewind(fp);
		buf = malloc((size_t)size + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)size, fp),
				 (size_t)size);
		fclose(fp);
		expect_same_from_blocks(path, buf, (size_t)size, block);
		free(buf);
		files++;
	}
	closedir(d);
	return files;
}

/*
 * A text read in blocks as the parse asks (floe_profiles_load_text(): a
 * large file is not held while its tree is made) gives what the whole
 * text gives: over the fuzzers' YAML corpus (invalid UTF-8, byte order
 * marks, every error), the golden inputs and the shared fixtures, in
 * blocks of 1 byte, of 1 to 13 in turn, and of 4 KiB.
 */
static void test_yaml_parse_from_blocks_is_the_whole_parse(void **state)
{
	static const char *const dirs[] = {
		FLOE_SOURCE_DIR "/tests/fuzz/corpus/yaml",
		FLOE_SOURCE_DIR "/tests/golden",
		FLOE_SHARED_DIR "/fixtures",
	};
	static const size_t blocks[] = { 1, 0, 4096 };
	size_t files = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		for (size_t j = 0; j < sizeof(blocks) / sizeof(blocks[0]);
		     j++)
			files += same_from_blocks_in(dirs[i], blocks[j]);
	assert_true(files > 3000);
}

/* The cases the corpus may not hold, one by one. */
static void test_yaml_parse_from_edges(void **state)
{
	static const char *const texts[] = {
		"",
		"\xEF\xBB\xBF",
		"\xEF\xBB\xBF" "a: 1\n",
		"\xEF\xBB",
		"a: \xEF\xBB\xBF\n",
		"a: b\n\xFF\n",
		"a:\n  - x\n  - \xC3\n",
		"\xEF\xBB\xBF" "a: \xC3(\n",
		"a: 'unterminated\n",
		"a: 1\n---\nb: 2\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (size_t block = 0; block < 5; block++)
			expect_same_from_blocks("t.yml", texts[i],
						strlen(texts[i]), block);
}

/*
 * A reader's failure ends the parse with it; more than max_bytes read
 * is FP001 and FLOE_ERR_TOO_BIG, as for a whole text; the whole text is
 * asked for only for the position of a byte that is not UTF-8.
 */
static void test_yaml_parse_from_failures(void **state)
{
	static const char text[] = "a: 1\nb: [1, 2, 3]\nc: x\n";
	struct mem_reader r = { text, sizeof(text) - 1, 0, 4, 0, 9,
				FLOE_ERR_IO, 0 };
	struct floe_yaml_reader in = { mem_read, mem_text, &r };
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_diags d = { 0 };
	struct floe_doc *doc = NULL;

	(void)state;
	assert_int_equal(floe_yaml_parse_from("t.yml", &in, NULL, &doc, &d),
			 FLOE_ERR_IO);
	assert_null(doc);
	assert_int_equal(d.nr, 0);
	assert_int_equal(r.texts, 0);

	r = (struct mem_reader){ text, sizeof(text) - 1, 0, 4, 0, 0,
				 FLOE_OK, 0 };
	lim.max_bytes = sizeof(text) - 2;
	assert_int_equal(floe_yaml_parse_from("t.yml", &in, &lim, &doc, &d),
			 FLOE_ERR_TOO_BIG);
	assert_null(doc);
	assert_int_equal(d.nr, 1);
	assert_int_equal(d.items[0].rule, FLOE_RULE_YAML_SYNTAX);
	assert_non_null(strstr(d.items[0].message, "more than the limit"));
	floe_diags_release(&d);

	/* exactly the limit is read */
	r = (struct mem_reader){ text, sizeof(text) - 1, 0, 4, 0, 0,
				 FLOE_OK, 0 };
	lim.max_bytes = sizeof(text) - 1;
	assert_int_equal(floe_yaml_parse_from("t.yml", &in, &lim, &doc, &d),
			 FLOE_OK);
	assert_int_equal(d.nr, 0);
	assert_int_equal(r.texts, 0);
	floe_doc_free(doc);

	/* a byte order mark past a limit under its 3 bytes */
	r = (struct mem_reader){ "\xEF\xBB\xBF", 3, 0, 4, 0, 0, FLOE_OK,
				 0 };
	lim.max_bytes = 2;
	assert_int_equal(floe_yaml_parse_from("t.yml", &in, &lim, &doc, &d),
			 FLOE_ERR_TOO_BIG);
	floe_diags_release(&d);

	/* not UTF-8: the text is asked for once, for the position */
	r = (struct mem_reader){ "a: b\n\xFF\n", 7, 0, 4, 0, 0, FLOE_OK, 0 };
	assert_int_equal(floe_yaml_parse_from("t.yml", &in, NULL, &doc, &d),
			 FLOE_ERR_INPUT);
	assert_int_equal(r.texts, 1);
	assert_int_equal(d.items[0].loc.start.line, 2);
	assert_int_equal(d.items[0].loc.start.column, 1);
	floe_diags_release(&d);
}

/*
 * A tree holds one node per scalar and collection, so the node's size is
 * most of a document's memory (issue 12: 96 bytes made a profile cost 12
 * times its size, 64 bytes 8.6 times).  The builder's own bookkeeping
 * stays out of it.
 */
static void test_yaml_node_is_24_bytes(void **state)
{
	(void)state;
	assert_true(sizeof(struct floe_node) <= 24);
}

/*
 * A limit past 4 GiB (a node's len is 32 bits) is held to the ceiling,
 * not refused: a small file still parses, and an input of 4 GiB is too
 * big whatever the limit (the size is checked before a byte is read, so
 * the buffer need not hold it).
 */
static void test_yaml_max_bytes_past_the_ceiling_is_held_to_it(void **state)
{
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	struct floe_diags d = { 0 };
	struct floe_doc *doc = NULL;

	(void)state;
	lim.max_bytes = (size_t)-1;
	assert_int_equal(floe_yaml_parse("t.yml", "a: 1\n", 5, &lim, &doc, &d),
			 FLOE_OK);
	assert_non_null(doc);
	assert_int_equal(floe_map_get(doc->root, "a")->len, 1);
	floe_doc_free(doc);
	doc = NULL;
	assert_int_equal(floe_yaml_parse("t.yml", "a: 1\n",
					 (size_t)UINT32_MAX + 1, &lim, &doc,
					 &d), FLOE_ERR_TOO_BIG);
	assert_null(doc);
	assert_int_equal(d.nr, 1);
	assert_non_null(strstr(d.items[0].message, "limit of 4294967295"));
	floe_diags_release(&d);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/*
 * A scalar's text is held once per distinct text in a large file
 * (yaml_tree.c, scalar_text()): repeated short texts share one copy,
 * texts that differ only past a NUL byte or in length stay apart, long
 * texts are copied each time, and past the table's last entry every
 * text still reads as written.
 */
static void test_yaml_repeated_texts_are_held_once(void **state)
{
	struct fx *f = *state;
	const size_t nr = 12000;	/* past the 256 read first and the
					 * table's 8,192 entries */
	const size_t each = 160;	/* bytes a line takes, at most */
	char *buf = malloc(nr * each + 256);
	struct floe_yaml_limits lim = floe_yaml_default_limits();
	const struct floe_node *root, *a, *b;
	size_t n = 0;
	char longer[80];

	assert_non_null(buf);
	f->input = buf;
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	for (size_t i = 0; i < nr; i++)
		n += (size_t)snprintf(buf + n, each, "- [k%zu, same, "
				      "\"a\\0b\", \"a\\0c\", %s]\n", i,
				      longer);
	lim.max_bytes = 4 << 20;	/* 1.4 MB */
	assert_int_equal(parse_buf(f, buf, n, &lim), FLOE_OK);
	assert_int_equal(f->diags.nr_errors, 0);
	root = f->doc->root;
	assert_int_equal(root->nr, nr);
	for (size_t i = 0; i < nr; i += 997) {
		char want[32];

		snprintf(want, sizeof(want), "k%zu", i);
		assert_string_equal(root->items[i]->items[0]->value, want);
		assert_int_equal(root->items[i]->items[2]->len, 3);
		assert_memory_equal(root->items[i]->items[2]->value, "a\0b", 4);
		assert_memory_equal(root->items[i]->items[3]->value, "a\0c", 4);
		assert_string_equal(root->items[i]->items[4]->value, longer);
	}
	/* past the first scalars, a repeated short text is one copy */
	a = root->items[100]->items[1];
	b = root->items[nr - 1]->items[1];
	assert_string_equal(b->value, "same");
	assert_ptr_equal(a->value, b->value);
	assert_ptr_equal(root->items[100]->items[2]->value,
			 root->items[nr - 1]->items[2]->value);
	assert_ptr_not_equal(root->items[100]->items[2]->value,
			     root->items[100]->items[3]->value);
	/* a text longer than 64 bytes is its own copy */
	assert_ptr_not_equal(root->items[100]->items[4]->value,
			     root->items[101]->items[4]->value);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_yaml_keys_and_values_have_one_based_positions),
		T(test_yaml_node_is_24_bytes),
		T(test_yaml_parse_from_blocks_is_the_whole_parse),
		T(test_yaml_parse_from_edges),
		T(test_yaml_parse_from_failures),
		T(test_yaml_max_bytes_past_the_ceiling_is_held_to_it),
		T(test_yaml_columns_count_code_points_after_multibyte_utf8),
		T(test_yaml_crlf_line_endings_are_one_line_break),
		T(test_yaml_repeated_texts_are_held_once),
		T(test_yaml_lone_cr_and_unicode_line_breaks_start_lines),
		T(test_yaml_utf8_bom_is_skipped_and_not_a_column),
		T(test_yaml_resolve_types_booleans_like_yaml_1_1),
		T(test_yaml_plain_scalars_are_typed_as_pyyaml_does),
		T(test_yaml_resolve_types_numbers_like_pyyaml),
		T(test_yaml_resolve_reads_only_len_bytes),
		T(test_yaml_node_int_reads_every_int_form),
		T(test_yaml_quoted_and_block_scalars_are_strings),
		T(test_yaml_explicit_standard_tags_type_the_scalar),
		T(test_yaml_non_specific_tag_resolves_even_quoted),
		T(test_yaml_unknown_tag_is_an_error),
		T(test_yaml_tagged_value_that_does_not_fit_is_an_error),
		T(test_yaml_plain_merge_and_value_keys_are_keys_only),
		T(test_yaml_multi_line_double_quoted_scalars_fold),
		T(test_yaml_multi_line_single_quoted_scalars_fold),
		T(test_yaml_multi_line_plain_scalars_fold),
		T(test_yaml_aliases_share_the_anchored_node),
		T(test_yaml_positions_pack_at_their_limits),
		T(test_yaml_positions_of_wide_and_long_nodes),
		T(test_yaml_node_same_compares_as_written),
		T(test_yaml_merge_explicit_keys_override_merged_ones),
		T(test_yaml_merge_list_first_mapping_wins),
		T(test_yaml_merge_of_a_mapping_that_merges),
		T(test_yaml_merge_bits_past_a_byte),
		T(test_yaml_merge_of_a_non_mapping_is_an_error),
		T(test_yaml_duplicate_key_warns_and_the_last_value_wins),
		T(test_yaml_duplicate_keys_compare_values_not_spelling),
		T(test_yaml_duplicate_keys_small_and_large_maps),
		T(test_yaml_plain_decimals_are_ints_as_resolved),
		T(test_yaml_distinct_float_keys_stay_distinct),
		T(test_yaml_duplicate_keys_in_flow_and_nested_mappings),
		T(test_yaml_syntax_error_is_positioned_at_the_problem),
		T(test_yaml_unterminated_quote_is_reported_at_the_quote),
		T(test_yaml_second_document_is_an_error),
		T(test_yaml_non_scalar_key_is_an_error),
		T(test_yaml_unquoted_jinja_is_a_mapping_key_error),
		T(test_yaml_nesting_deeper_than_max_depth_is_refused),
		T(test_yaml_deep_block_mapping_is_refused),
		T(test_yaml_billion_laughs_is_refused),
		T(test_yaml_max_expanded_counts_nodes_through_aliases),
		T(test_yaml_max_expanded_does_not_limit_written_nodes),
		T(test_yaml_max_expanded_bytes_counts_scalar_bytes),
		T(test_yaml_max_expanded_bytes_default_stops_repeated_text),
		T(test_yaml_alias_cycle_is_refused),
		T(test_yaml_undefined_alias_is_an_error),
		T(test_yaml_duplicate_anchor_is_an_error),
		T(test_yaml_many_anchors_are_all_found),
		T(test_yaml_input_above_max_bytes_is_too_big),
		T(test_yaml_empty_input_has_no_root),
		T(test_yaml_nul_byte_is_a_positioned_error),
		T(test_yaml_invalid_utf8_is_a_positioned_error),
		T(test_yaml_reader_error_after_bom_is_not_shifted),
		T(test_yaml_truncated_or_corrupted_input_is_refused_cleanly),
		T(test_yaml_map_get_finds_string_keys_only),
		T(test_yaml_keys_may_hold_nul_bytes),
		T(test_yaml_node_describe_names_every_kind),
		T(test_yaml_node_loc_is_the_node_span),
		T(test_yaml_default_limits_are_the_documented_ones),
		T(test_yaml_errors_leave_out_untouched_and_append),
		T(test_yaml_shared_fixtures_parse_without_errors),
	};

	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
