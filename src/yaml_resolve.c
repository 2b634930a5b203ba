/*
 * PyYAML's implicit resolvers (yaml/resolver.py, 6.0), hand-written.
 * Only plain scalars are resolved; PyYAML treats every quoted or block
 * scalar as a str.  Each matcher below is one of PyYAML's regular
 * expressions, alternative by alternative, in the order PyYAML tries
 * them (bool, float, int, merge, null, timestamp); PyYAML's float needs
 * a '.', so `1e3` is a string there, and so it is here.  No alternative
 * needs backtracking: every repetition is followed by a character it
 * cannot match.  tests/cli/check_resolver.py holds them to PyYAML on a
 * generated corpus.  (They were POSIX regexes, compiled at the first
 * scalar: a fifth of a typical run, and a failed regcomp() retyped every
 * boolean as a string.)
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "floe/yaml.h"

struct cur {
	const char *s;
	size_t i, n;
};

static bool at_end(const struct cur *c)
{
	return c->i == c->n;
}

static bool peek(const struct cur *c, char ch)
{
	return c->i < c->n && c->s[c->i] == ch;
}

static bool eat(struct cur *c, char ch)
{
	if (!peek(c, ch))
		return false;
	c->i++;
	return true;
}

static bool is_dig(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Skip characters of a class; how many were skipped. */
static size_t skip(struct cur *c, bool (*in)(char))
{
	size_t from = c->i;

	while (c->i < c->n && in(c->s[c->i]))
		c->i++;
	return c->i - from;
}

static bool is_dig_(char ch)
{
	return is_dig(ch) || ch == '_';
}

static bool is_bin_(char ch)
{
	return ch == '0' || ch == '1' || ch == '_';
}

static bool is_oct_(char ch)
{
	return (ch >= '0' && ch <= '7') || ch == '_';
}

static bool is_hex_(char ch)
{
	return is_dig_(ch) || (ch >= 'a' && ch <= 'f') ||
	       (ch >= 'A' && ch <= 'F');
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static void sign(struct cur *c)
{
	if (!eat(c, '-'))
		eat(c, '+');
}

/* [0-9][0-9]? or, with `two`, [0-9][0-9] */
static bool digits12(struct cur *c, bool two)
{
	size_t k = skip(c, is_dig);

	return two ? k == 2 : k == 1 || k == 2;
}

/* (:[0-5]?[0-9])+ : the base-60 parts */
static bool sexagesimal(struct cur *c)
{
	size_t groups = 0;

	while (eat(c, ':')) {
		size_t from = c->i, k = skip(c, is_dig);

		if (k != 1 && !(k == 2 && c->s[from] <= '5'))
			return false;
		groups++;
	}
	return groups > 0;
}

/* ([eE][-+][0-9]+)?$ */
static bool exponent_end(struct cur *c)
{
	if (at_end(c))
		return true;
	if (!eat(c, 'e') && !eat(c, 'E'))
		return false;
	if (!eat(c, '-') && !eat(c, '+'))
		return false;
	return skip(c, is_dig) > 0 && at_end(c);
}

static bool one_of(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && !memcmp(s, *words, n))
			return true;
	return false;
}

/*
 * `word` (lower case), `Word` or `WORD`: PyYAML's bool and null
 * alternatives come in these three spellings only (`yEs` is a str).
 */
static bool spelled(const char *s, size_t n, const char *word)
{
	bool capital, lower = true, upper = true;

	if (strlen(word) != n)
		return false;
	capital = s[0] == word[0] - 'a' + 'A';
	if (!capital && s[0] != word[0])
		return false;
	for (size_t i = 1; i < n; i++) {
		lower = lower && s[i] == word[i];
		upper = upper && s[i] == word[i] - 'a' + 'A';
	}
	return lower || (capital && upper);
}

static bool match_bool(const char *s, size_t n)
{
	switch (n) {
	case 2:
		return spelled(s, n, "no") || spelled(s, n, "on");
	case 3:
		return spelled(s, n, "yes") || spelled(s, n, "off");
	case 4:
		return spelled(s, n, "true");
	case 5:
		return spelled(s, n, "false");
	}
	return false;
}

static bool match_float(const char *s, size_t n)
{
	struct cur c = { s, 0, n };

	/* [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? */
	sign(&c);
	if (c.i < n && is_dig(s[c.i])) {
		size_t after_sign = c.i;

		skip(&c, is_dig_);
		if (eat(&c, '.')) {
			skip(&c, is_dig_);
			if (exponent_end(&c))
				return true;
		}
		/* [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
		c.i = after_sign;
		skip(&c, is_dig_);
		if (!sexagesimal(&c) || !eat(&c, '.'))
			return false;
		skip(&c, is_dig_);
		return at_end(&c);
	}
	/* [-+]?\.(inf|Inf|INF) */
	if (n - c.i == 4 && s[c.i] == '.') {
		static const char *const inf[] = { "inf", "Inf", "INF", NULL };

		if (one_of(s + c.i + 1, 3, inf))
			return true;
	}
	/* \.(nan|NaN|NAN) */
	if (n == 4 && s[0] == '.') {
		static const char *const nan[] = { "nan", "NaN", "NAN", NULL };

		if (one_of(s + 1, 3, nan))
			return true;
	}
	/* \.[0-9][0-9_]*([eE][-+][0-9]+)? */
	c.i = 0;
	if (!eat(&c, '.') || !(c.i < n && is_dig(s[c.i])))
		return false;
	skip(&c, is_dig_);
	return exponent_end(&c);
}

static bool match_int(const char *s, size_t n)
{
	struct cur c = { s, 0, n };
	size_t start;

	sign(&c);
	start = c.i;
	if (n - start >= 2 && s[start] == '0' &&
	    (s[start + 1] == 'b' || s[start + 1] == 'x')) {
		/* [-+]?0b[0-1_]+ and [-+]?0x[0-9a-fA-F_]+ */
		c.i += 2;
		return skip(&c, s[start + 1] == 'b' ? is_bin_ : is_hex_) > 0 &&
		       at_end(&c);
	}
	if (peek(&c, '0')) {
		/* [-+]?0 and [-+]?0[0-7_]+ */
		c.i++;
		skip(&c, is_oct_);
		return at_end(&c);
	}
	if (c.i == n || s[c.i] < '1' || s[c.i] > '9')
		return false;
	/* [-+]?[1-9][0-9_]* and [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+ */
	skip(&c, is_dig_);
	if (at_end(&c))
		return true;
	return sexagesimal(&c) && at_end(&c);
}

static bool match_null(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') || spelled(s, n, "null");
}

static bool match_timestamp(const char *s, size_t n)
{
	struct cur c = { s, 0, n };

	/* [0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]? */
	if (skip(&c, is_dig) != 4 || !eat(&c, '-') || !digits12(&c, false) ||
	    !eat(&c, '-') || !digits12(&c, false))
		return false;
	/* the date alone needs two-digit month and day */
	if (at_end(&c))
		return n == 10;
	/* ([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9] */
	if (!eat(&c, 'T') && !eat(&c, 't') && !skip(&c, is_blank))
		return false;
	if (!digits12(&c, false) || !eat(&c, ':') || !digits12(&c, true) ||
	    !eat(&c, ':') || !digits12(&c, true))
		return false;
	/* (\.[0-9]*)? */
	if (eat(&c, '.'))
		skip(&c, is_dig);
	if (at_end(&c))
		return true;
	/* ([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))? */
	skip(&c, is_blank);
	if (eat(&c, 'Z'))
		return at_end(&c);
	if (!eat(&c, '-') && !eat(&c, '+'))
		return false;
	if (!digits12(&c, false))
		return false;
	if (eat(&c, ':') && !digits12(&c, true))
		return false;
	return at_end(&c);
}

enum floe_type floe_yaml_resolve(const char *s, size_t len)
{
	/*
	 * Python's `$` also matches before a final newline, which only a
	 * quoted scalar tagged `!` can end with: `! "yes\n"` is True.  A
	 * lone "\n" has no resolver (PyYAML picks them by the first
	 * character), so it stays a str rather than becoming null.
	 */
	if (len > 1 && s[len - 1] == '\n')
		len--;
	else if (len == 1 && s[0] == '\n')
		return FLOE_TYPE_STR;
	/*
	 * PyYAML tries only the resolvers listed for the first character,
	 * in the order they were added (bool, float, int, merge, null,
	 * timestamp); no other character starts a match: most keys and
	 * words are a str at once.
	 */
	switch (len ? s[0] : '\0') {
	case 'y': case 'Y': case 't': case 'T': case 'f': case 'F':
	case 'o': case 'O':
		return match_bool(s, len) ? FLOE_TYPE_BOOL : FLOE_TYPE_STR;
	case 'n': case 'N':
		if (match_bool(s, len))
			return FLOE_TYPE_BOOL;
		return match_null(s, len) ? FLOE_TYPE_NULL : FLOE_TYPE_STR;
	case '\0': case '~':
		return match_null(s, len) ? FLOE_TYPE_NULL : FLOE_TYPE_STR;
	case '<':
		return len == 2 && s[1] == '<' ? FLOE_TYPE_MERGE : FLOE_TYPE_STR;
	case '+': case '-': case '.':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		if (match_float(s, len))
			return FLOE_TYPE_FLOAT;
		if (match_int(s, len))
			return FLOE_TYPE_INT;
		return match_timestamp(s, len) ? FLOE_TYPE_TIMESTAMP :
						 FLOE_TYPE_STR;
	}
	return FLOE_TYPE_STR;
}

/* Accumulate digits of `base`, skipping '_'; -1 on overflow or junk. */
static int parse_digits(const char *s, const char *end, int base,
			long long *out)
{
	long long v = 0;

	for (; s < end; s++) {
		int d;

		if (*s == '_')
			continue;
		d = ascii_hex_value(*s);
		if (d < 0 || d >= base)
			return -1;
		if (v > (LLONG_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int floe_node_int(const struct floe_node *n, long long *out)
{
	const char *s, *end;
	long long v = 0;
	int neg = 0;

	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_INT)
		return -1;
	s = n->value;
	end = s + n->len;
	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if (end - s > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'x')) {
		if (parse_digits(s + 2, end, s[1] == 'b' ? 2 : 16, &v))
			return -1;
	} else if (memchr(s, ':', (size_t)(end - s))) {
		/* base 60, as PyYAML's construct_yaml_int */
		const char *p = s;

		while (p < end) {
			const char *q = memchr(p, ':', (size_t)(end - p));
			long long part;

			if (!q)
				q = end;
			if (parse_digits(p, q, 10, &part) ||
			    v > (LLONG_MAX - part) / 60)
				return -1;
			v = v * 60 + part;
			p = q < end ? q + 1 : end;
		}
	} else if (end - s > 1 && s[0] == '0') {
		if (parse_digits(s + 1, end, 8, &v))
			return -1;
	} else if (parse_digits(s, end, 10, &v)) {
		return -1;
	}
	*out = neg ? -v : v;
	return 0;
}

bool floe_node_true(const struct floe_node *n)
{
	/* the resolver typed it bool: y, yes, true, on (any case) */
	return n && n->kind == FLOE_NODE_SCALAR && n->type == FLOE_TYPE_BOOL &&
	       (strchr("yYtT", n->value[0]) ||
		(n->len == 2 && (n->value[0] == 'o' || n->value[0] == 'O')));
}

/* what Python's int() and float() strip around a number (str.isspace()
 * in ASCII: \x1c-\x1f too) */
static bool py_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') ||
	       (c >= '\x1c' && c <= '\x1f');
}

/* Python's float() of s[0..n), '_' dropped first (PyYAML's): blanks
 * around a decimal number; -1 where float() raises (PyYAML then fails
 * to load the file), or past the room (no such float in a profile). */
static int part_float(const char *s, size_t n, double *out)
{
	char tmp[128], *start, *end;
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_')
			continue;
		if (j + 1 >= sizeof(tmp) || !s[i])	/* float() refuses NUL */
			return -1;
		tmp[j++] = s[i];
	}
	tmp[j] = '\0';
	/*
	 * float()'s words, which only an explicit !!float reaches (the
	 * resolver lets through digits, '.', e, signs and blanks only);
	 * strtod() would also take hex and "nan(...)", which float()
	 * refuses
	 */
	{
		const char *w = tmp, *we = tmp + j;
		double sgn = 1;

		while (w < we && py_blank(*w))
			w++;
		while (we > w && py_blank(we[-1]))
			we--;
		if (w < we && (*w == '+' || *w == '-'))
			sgn = *w++ == '-' ? -1 : 1;
		if ((we - w == 3 && !strncasecmp(w, "inf", 3)) ||
		    (we - w == 8 && !strncasecmp(w, "infinity", 8))) {
			*out = sgn * HUGE_VAL;
			return 0;
		}
		if (we - w == 3 && !strncasecmp(w, "nan", 3)) {
			*out = NAN;
			return 0;
		}
	}
	if (strpbrk(tmp, "xXiInNpP"))
		return -1;
	for (start = tmp; py_blank(*start); start++)
		;
	*out = strtod(start, &end);
	if (end == start)
		return -1;
	while (py_blank(*end))
		end++;
	return *end ? -1 : 0;
}

int floe_node_float(const struct floe_node *n, double *out)
{
	char buf[128];
	const char *s, *end;
	double sign = 1;
	size_t len = 0;

	if (!n || n->kind != FLOE_NODE_SCALAR || n->type != FLOE_TYPE_FLOAT)
		return -1;
	/* construct_yaml_float(): value.replace('_', '').lower() first */
	for (size_t i = 0; i < n->len; i++) {
		if (n->value[i] == '_')
			continue;
		if (len + 1 >= sizeof(buf))
			return -1;
		buf[len++] = (char)ascii_lower((unsigned char)n->value[i]);
	}
	s = buf;
	end = buf + len;
	if (s == end)
		return -1;	/* value[0]: IndexError */
	if (s < end && (*s == '-' || *s == '+'))
		sign = *s++ == '-' ? -1 : 1;
	if (end - s == 4 && !strncasecmp(s, ".inf", 4)) {
		*out = sign * HUGE_VAL;
	} else if (end - s == 4 && !strncasecmp(s, ".nan", 4)) {
		*out = NAN;
	} else if (memchr(s, ':', (size_t)(end - s))) {
		/* base 60, as construct_yaml_float: the parts as floats,
		 * summed from the last one up, each times 60^i */
		double value = 0, base = 1, part;
		const char *q = end;

		for (;;) {	/* every part, an empty one too (float('')) */
			const char *p = q;

			while (p > s && p[-1] != ':')
				p--;
			if (part_float(p, (size_t)(q - p), &part))
				return -1;
			value += part * base;
			base *= 60;
			if (p == s)
				break;
			q = p - 1;	/* the ':' */
		}
		*out = sign * value;
	} else {
		double v;

		if (part_float(s, (size_t)(end - s), &v))
			return -1;
		*out = sign * v;
	}
	return 0;
}
