/*
 * PyYAML's implicit resolvers (yaml/resolver.py), as POSIX extended
 * regular expressions.  Only plain scalars are resolved; PyYAML treats
 * every quoted or block scalar as a str.  The patterns are PyYAML 6.0's,
 * with (?:...) written as (...); PyYAML's float needs a '.', so `1e3` is
 * a string there, and so it is here.
 */
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "floe/yaml.h"

static const struct {
	enum floe_type type;
	const char *pattern;
} resolvers[] = {
	{ FLOE_TYPE_BOOL,
	  "^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE"
	  "|on|On|ON|off|Off|OFF)$" },
	{ FLOE_TYPE_FLOAT,
	  "^([-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?"
	  "|\\.[0-9][0-9_]*([eE][-+][0-9]+)?"
	  "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
	  "|[-+]?\\.(inf|Inf|INF)"
	  "|\\.(nan|NaN|NAN))$" },
	{ FLOE_TYPE_INT,
	  "^([-+]?0b[0-1_]+"
	  "|[-+]?0[0-7_]+"
	  "|[-+]?(0|[1-9][0-9_]*)"
	  "|[-+]?0x[0-9a-fA-F_]+"
	  "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$" },
	{ FLOE_TYPE_MERGE, "^<<$" },
	{ FLOE_TYPE_NULL, "^(~|null|Null|NULL|)$" },
	{ FLOE_TYPE_TIMESTAMP,
	  "^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
	  "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
	  "([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
	  "([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)$" },
};

#define NR_RESOLVERS (sizeof(resolvers) / sizeof(resolvers[0]))

static regex_t compiled[NR_RESOLVERS];
static int compiled_ok;
static once_flag compile_once = ONCE_FLAG_INIT;

static void compile_resolvers(void)
{
	for (size_t i = 0; i < NR_RESOLVERS; i++)
		if (regcomp(&compiled[i], resolvers[i].pattern,
			    REG_EXTENDED | REG_NOSUB))
			return;	/* leaves compiled_ok at 0 */
	compiled_ok = 1;
}

enum floe_type floe_yaml_resolve(const char *s, size_t len)
{
	enum floe_type type = FLOE_TYPE_STR;
	char small[64], *copy = small;

	call_once(&compile_once, compile_resolvers);
	if (!compiled_ok || memchr(s, '\0', len))
		return FLOE_TYPE_STR;
	/* `s` need not be NUL-terminated; regexec() wants a C string */
	if (len >= sizeof(small)) {
		copy = malloc(len + 1);
		if (!copy)
			return FLOE_TYPE_STR;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	for (size_t i = 0; i < NR_RESOLVERS; i++) {
		if (!regexec(&compiled[i], copy, 0, NULL, 0)) {
			type = resolvers[i].type;
			break;
		}
	}
	if (copy != small)
		free(copy);
	return type;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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
		d = digit_value(*s);
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
