/*
 * pystr: what dbt's Python makes of a YAML scalar: the value PyYAML's
 * SafeLoader constructs, then str() or repr() of it.  dbt-duckdb writes
 * str(value) between the quotes of SET name = '...' and of ATTACH
 * options, so sql renders with it and lint asks it what DuckDB is given.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "pystr.h"

void py_float_repr(struct strbuf *sb, double x)
{
	char buf[64], digits[32];
	int exp10 = 0, nd = 0, decpt;

	if (isnan(x)) {
		strbuf_adds(sb, "nan");
		return;
	}
	if (isinf(x)) {
		strbuf_adds(sb, x < 0 ? "-inf" : "inf");
		return;
	}
	if (x == 0) {
		strbuf_adds(sb, signbit(x) ? "-0.0" : "0.0");
		return;
	}
	/* the shortest %e that reads back as the same double */
	for (int p = 0; p < 17; p++) {
		snprintf(buf, sizeof(buf), "%.*e", p, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	{
		const char *p = buf;
		char *e;

		if (*p == '-') {
			strbuf_addch(sb, '-');
			p++;
		}
		for (; *p && *p != 'e'; p++)
			if (*p >= '0' && *p <= '9' && nd < 30)
				digits[nd++] = *p;
		digits[nd] = '\0';
		if (*p == 'e')
			exp10 = (int)strtol(p + 1, &e, 10);
	}
	while (nd > 1 && digits[nd - 1] == '0')
		digits[--nd] = '\0';
	decpt = exp10 + 1;	/* value = 0.DIGITS x 10^decpt */
	if (decpt > 16 || decpt < -3) {
		strbuf_addch(sb, digits[0]);
		if (nd > 1) {
			strbuf_addch(sb, '.');
			strbuf_adds(sb, digits + 1);
		}
		strbuf_addf(sb, "e%c%02d", exp10 < 0 ? '-' : '+',
			    exp10 < 0 ? -exp10 : exp10);
	} else if (decpt <= 0) {
		strbuf_adds(sb, "0.");
		for (int i = 0; i < -decpt; i++)
			strbuf_addch(sb, '0');
		strbuf_adds(sb, digits);
	} else {
		for (int i = 0; i < decpt; i++)
			strbuf_addch(sb, i < nd ? digits[i] : '0');
		strbuf_addch(sb, '.');
		strbuf_adds(sb, nd > decpt ? digits + decpt : "0");
	}
}

static bool digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (*(*p)++ - '0');
		n++;
	}
	*out = v;
	return n >= min;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/*
 * A YAML timestamp as PyYAML constructs it (construct_yaml_timestamp():
 * a datetime.date, or a datetime.datetime with the fraction cut to
 * microseconds and a fixed-offset timezone) and as Python prints it:
 * str() is isoformat(' '), repr() the constructor call.  False when the
 * text is not one PyYAML would accept.
 */
bool py_timestamp(struct strbuf *sb, const struct floe_node *n, bool repr)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				     31, 30, 31 };
	const char *p = n->value, *end = n->value + n->len;
	int y, mo, d, h = 0, mi = 0, se = 0, us = 0, tzh = 0, tzm = 0;
	bool time = false, tz = false, neg = false;
	long off;

	if (!digits(&p, 4, 4, &y) || *p++ != '-' ||
	    !digits(&p, 1, 2, &mo) || *p++ != '-' || !digits(&p, 1, 2, &d))
		return false;
	if (p < end && !(p + 1 == end && *p == '\n')) {
		if (*p == 'T' || *p == 't')
			p++;
		else if (blank(*p))
			while (blank(*p))
				p++;
		else
			return false;
		if (!digits(&p, 1, 2, &h) || *p++ != ':' ||
		    !digits(&p, 2, 2, &mi) || *p++ != ':' ||
		    !digits(&p, 2, 2, &se))
			return false;
		time = true;
		if (*p == '.') {
			int k = 0;

			for (p++; *p >= '0' && *p <= '9'; p++)
				if (k++ < 6)
					us = us * 10 + (*p - '0');
			for (; k < 6; k++)
				us *= 10;
		}
		{
			const char *b = p;

			while (blank(*p))
				p++;
			/* `[ \t]*` belongs to the zone: no zone, no blanks */
			if (*p != 'Z' && *p != '+' && *p != '-')
				p = b;
		}
		if (*p == 'Z') {
			tz = true;
			p++;
		} else if (*p == '+' || *p == '-') {
			tz = true;
			neg = *p++ == '-';
			if (!digits(&p, 1, 2, &tzh))
				return false;
			if (*p == ':' && (p++, !digits(&p, 2, 2, &tzm)))
				return false;
		}
	}
	/* the pattern ends in `$`, which Python's re takes before a
	 * final newline too */
	if (p + 1 == end && *p == '\n')
		p++;
	if (p != end || y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || h > 23 || mi > 59 || se > 59 ||
	    (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return false;
	off = (long)tzh * 60 + tzm;	/* minutes; timezone() needs < 24h */
	if (off >= 24 * 60)
		return false;
	if (neg)
		off = -off;
	if (!sb)
		return true;	/* py_constructs(): only asked whether */
	if (!time) {
		strbuf_addf(sb, repr ? "datetime.date(%d, %d, %d)"
				     : "%04d-%02d-%02d", y, mo, d);
		return true;
	}
	if (!repr) {
		strbuf_addf(sb, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h,
			    mi, se);
		if (us)
			strbuf_addf(sb, ".%06d", us);
		if (tz)
			strbuf_addf(sb, "%c%02ld:%02ld", off < 0 ? '-' : '+',
				    (off < 0 ? -off : off) / 60,
				    (off < 0 ? -off : off) % 60);
		return true;
	}
	strbuf_addf(sb, "datetime.datetime(%d, %d, %d, %d, %d", y, mo, d, h,
		    mi);
	if (se || us)
		strbuf_addf(sb, ", %d", se);
	if (us)
		strbuf_addf(sb, ", %d", us);
	if (tz && !off) {
		strbuf_adds(sb, ", tzinfo=datetime.timezone.utc");
	} else if (tz) {
		long secs = off * 60, days = secs < 0 ? -1 : 0;

		strbuf_adds(sb, ", tzinfo=datetime.timezone(datetime.timedelta(");
		if (days)
			strbuf_addf(sb, "days=%ld, ", days);
		strbuf_addf(sb, "seconds=%ld))", secs - days * 86400);
	}
	strbuf_addch(sb, ')');
	return true;
}

/* what Python's int() strips around a number (str.isspace() in ASCII) */
static bool py_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') ||
	       (c >= '\x1c' && c <= '\x1f');
}

/*
 * Python's int(s[p..end), base) succeeds: blanks around, a sign, the
 * base's own prefix (int('0x1f', 16) is 31), then at least one digit of
 * the base.  '_' is already gone (PyYAML drops it first).
 */
static bool py_int_ok(const char *p, const char *end, int base)
{
	static const char prefix[17] = { [2] = 'b', [8] = 'o', [16] = 'x' };

	while (p < end && py_space(*p))
		p++;
	while (end > p && py_space(end[-1]))
		end--;
	if (p < end && (*p == '+' || *p == '-'))
		p++;
	if (prefix[base] && end - p > 2 && p[0] == '0' &&
	    (p[1] | 0x20) == prefix[base])
		p += 2;
	if (p == end)
		return false;
	for (; p < end; p++) {
		int d = ascii_hex_value(*p);

		if (d < 0 || d >= base)
			return false;
	}
	return true;
}

/*
 * PyYAML's construct_yaml_int() of the text: '_' dropped, a sign, then
 * 0, 0b…, 0x…, 0… (octal), base 60 parts, or decimal, each through
 * int(), which raises ValueError on an empty or foreign digit (and
 * value[0] an IndexError on nothing).  A value too long for the room
 * here is taken: no profile holds one.
 */
static bool int_constructs(const struct floe_node *n)
{
	char buf[256];
	size_t len = 0;
	const char *p, *end, *q;

	for (size_t i = 0; i < n->len; i++) {
		if ((unsigned char)n->value[i] >= 0x80)
			return true;	/* int() takes other scripts' digits */
		if (n->value[i] == '_')
			continue;
		if (len == sizeof(buf))
			return true;
		buf[len++] = n->value[i];
	}
	p = buf;
	end = buf + len;
	if (p < end && (*p == '+' || *p == '-'))
		p++;
	if (p == end)
		return false;
	if (end - p == 1 && *p == '0')
		return true;
	if (end - p >= 2 && p[0] == '0' && (p[1] == 'b' || p[1] == 'x'))
		return py_int_ok(p + 2, end, p[1] == 'b' ? 2 : 16);
	if (*p == '0')
		return py_int_ok(p, end, 8);
	if (!memchr(p, ':', (size_t)(end - p)))
		return py_int_ok(p, end, 10);
	for (; ; p = q + 1) {
		q = memchr(p, ':', (size_t)(end - p));
		if (!py_int_ok(p, q ? q : end, 10))
			return false;
		if (!q)
			return true;
	}
}

bool py_constructs(const struct floe_node *n)
{
	static const char *const bools[] = { "yes", "no", "true", "false",
					     "on", "off" };
	double f;

	switch (n->type) {
	case FLOE_TYPE_BOOL:	/* bool_values[value.lower()] */
		for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
			if (n->len == strlen(bools[i]) &&
			    !strncasecmp(n->value, bools[i], n->len))
				return true;
		return false;
	case FLOE_TYPE_INT:
		return int_constructs(n);
	case FLOE_TYPE_FLOAT:	/* float()'s room is 128 bytes: see above */
		return n->len > 100 || !floe_node_float(n, &f);
	case FLOE_TYPE_TIMESTAMP:
		return py_timestamp(NULL, n, false);
	case FLOE_TYPE_NULL:	/* construct_yaml_null(): None, whatever */
	case FLOE_TYPE_STR:
	case FLOE_TYPE_MERGE:
		break;
	}
	return true;
}

void py_scalar_str(const struct floe_node *n, struct strbuf *sb)
{
	long long i;
	double f;

	switch (n->type) {
	case FLOE_TYPE_NULL:
		strbuf_adds(sb, "None");
		return;
	case FLOE_TYPE_BOOL:
		strbuf_adds(sb, floe_node_true(n) ? "True" : "False");
		return;
	case FLOE_TYPE_INT:
		if (!floe_node_int(n, &i)) {
			strbuf_addf(sb, "%lld", i);
			return;
		}
		break;
	case FLOE_TYPE_FLOAT:
		if (!floe_node_float(n, &f)) {
			py_float_repr(sb, f);
			return;
		}
		break;
	case FLOE_TYPE_TIMESTAMP:
		if (py_timestamp(sb, n, false))
			return;
		break;
	case FLOE_TYPE_STR:
	case FLOE_TYPE_MERGE:
		break;
	}
	strbuf_add(sb, n->value, n->len);
}

int py_truth(const struct floe_node *n)
{
	long long i;
	double d;

	if (n->kind != FLOE_NODE_SCALAR)
		return n->nr != 0;
	switch (n->type) {
	case FLOE_TYPE_NULL:
		return 0;
	case FLOE_TYPE_BOOL:
		return floe_node_true(n);
	case FLOE_TYPE_INT:	/* past long long: not 0 */
		return floe_node_int(n, &i) || i != 0;
	case FLOE_TYPE_FLOAT:	/* NaN != 0.0: true, as in Python */
		return floe_node_float(n, &d) || d != 0.0;
	case FLOE_TYPE_STR:
		return -1;
	default:		/* a date, a datetime */
		return 1;
	}
}
