/*
 * dbt's native rendering of `| as_bool` and `| as_number`: what
 * Python's ast.literal_eval makes of a value, and the finding when dbt
 * refuses it (see jinja.h, and docs/sql-verify.md "Native rendering"
 * for the sources).  The reader (jinja.c) records what the filters get;
 * lint (FP240) and sql (FP702) ask here.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "jinja.h"
#include "strbuf.h"


/* digit (['_'] digit)* from `set`; false when there is no digit. */
static bool digit_run(const char **pp, const char *end, const char *set)
{
	const char *p = *pp;

	if (p >= end || !*p || !strchr(set, *p))
		return false;
	while (p < end) {
		if (*p && strchr(set, *p))
			p++;
		else if (*p == '_' && p + 1 < end && p[1] && strchr(set, p[1]))
			p += 2;
		else
			break;
	}
	*pp = p;
	return true;
}

/*
 * Does literal_eval read [p, end) as an int or a float?  One sign, then
 * a Python int (decimal without leading zeros, 0x, 0o, 0b, '_' between
 * digits) or float ("1.", ".5", "1e-3"); a 'j' makes a complex, which is
 * not a number to dbt.
 */
static bool python_number(const char *p, const char *end)
{
	static const char dec[] = "0123456789";
	const char *start;
	bool intpart, frac = false, exp = false;

	if (p < end && (*p == '+' || *p == '-'))
		for (p++; p < end && (*p == ' ' || *p == '\t');)
			p++;
	if (end - p > 2 && p[0] == '0' && strchr("xXoObB", p[1])) {
		char k = (char)(p[1] | 0x20);

		p += 2;
		if (*p == '_')
			p++;
		return digit_run(&p, end, k == 'x' ? "0123456789abcdefABCDEF"
					  : k == 'o' ? "01234567" : "01") &&
		       p == end;
	}
	start = p;
	intpart = digit_run(&p, end, dec);
	if (p < end && *p == '.') {
		p++;
		if (!digit_run(&p, end, dec) && !intpart)
			return false;
		frac = true;
	} else if (!intpart) {
		return false;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!digit_run(&p, end, dec))
			return false;
		exp = true;
	}
	if (p != end)
		return false;
	if (!frac && !exp && *start == '0')	/* "00" yes, "01" no */
		for (const char *q = start; q < end; q++)
			if (*q != '0' && *q != '_')
				return false;
	return true;
}

enum jinja_verdict jinja_native_verdict(const char *filter, const char *v,
					size_t len)
{
	const char *p, *end;
	bool number;

	if (!filter || !v)
		return JINJA_UNKNOWN;
	p = v;
	end = v + len;
	if (!strcmp(filter, "as_bool"))
		number = false;
	else if (!strcmp(filter, "as_number"))
		number = true;
	else
		return JINJA_UNKNOWN;	/* as_native, as_text: never refused */
	/*
	 * Leave alone what literal_eval could read in ways not modelled
	 * here: "(True)", "1 # x", line continuations, non-ASCII.
	 */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c >= 0x7f || c == '(' || c == '#' || c == '\\' ||
		    (c < 0x20 && !strchr("\t\n\f\r", c)))
			return JINJA_UNKNOWN;
	}
	/*
	 * Python >= 3.10 strips leading blanks (3.9 refuses them: taken as
	 * accepted); trailing white space ends the expression.
	 */
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && strchr("\n\f\r", *p))
		return JINJA_UNKNOWN;
	while (end > p && strchr(" \t\n\f\r", end[-1]))
		end--;
	if (number)
		return python_number(p, end) ? JINJA_ACCEPTED : JINJA_REFUSED;
	if ((end - p == 4 && !memcmp(p, "True", 4)) ||
	    (end - p == 5 && !memcmp(p, "False", 5)))
		return JINJA_ACCEPTED;
	return JINJA_REFUSED;
}

/* A value shown in a message only when it cannot be a secret. */
static bool harmless(const char *v, size_t len)
{
	static const char words[][6] = {	/* no pointers: src/pool.h */
		"true", "false", "yes", "no", "on", "off", "y", "n", "t", "f",
		"1", "0", "none", "null", ""
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == len && !strncasecmp(v, words[i], len))
			return true;
	return false;
}

int jinja_native_refusal(const struct jinja_native *nv, struct strbuf *msg)
{
	const char *f = nv->filters;
	bool number;

	if (!f || (strcmp(f, "as_bool") && strcmp(f, "as_number")))
		return 0;	/* only a lone marker filter is modelled */
	number = !strcmp(f, "as_number");
	if (nv->placeholder) {
		strbuf_addf(msg, "'| %s' gets dbt's placeholder for '%s', not "
			    "its value: dbt refuses the profile. dbt renders a "
			    "DBT_ENV_SECRET_ variable as a placeholder and "
			    "swaps the secret in only after rendering; drop "
			    "the filter, or use a variable without the prefix",
			    f, nv->var);
		return 1;
	}
	if (jinja_native_verdict(f, nv->value, nv->len) != JINJA_REFUSED)
		return 0;
	if (harmless(nv->value, nv->len))
		strbuf_addf(msg, "'| %s' gets '%.*s', which is not %s: dbt "
			    "refuses the profile.", f, (int)nv->len, nv->value,
			    number ? "a number" : "True or False");
	else
		strbuf_addf(msg, "'| %s' gets a value that is not %s: dbt "
			    "refuses the profile.", f,
			    number ? "a number" : "True or False");
	if (!nv->var)
		strbuf_adds(msg, " It is the literal written here.");
	else if (nv->from_env)
		strbuf_addf(msg, " It is the value of env var '%s' (--env).",
			    nv->var);
	else
		strbuf_addf(msg, " It is the default of env_var('%s').",
			    nv->var);
	strbuf_addf(msg, " dbt's native rendering reads it with Python's "
		    "literal_eval and stops with \"Could not convert value "
		    "... into type '%s'\"; %s", number ? "number" : "bool",
		    number ? "give a number such as 4 or 0.5"
			   : "give True or False, as Python spells them "
			     "('true', 'yes' and '1' are refused)");
	return 1;
}

/* Python's str.strip() on ASCII text: white space and \x1c-\x1f. */
static const char py_space[] = " \t\n\r\v\f\x1c\x1d\x1e\x1f";

/*
 * An int literal_eval reads as itself, so that str() of the int is the
 * text: an optional '-', then 0 or a digit run without a leading zero,
 * at most 18 digits (no '_', no base prefix, no '+').
 */
static bool canonical_int(const char *p, size_t len)
{
	size_t i = 0;

	if (len && p[0] == '-')
		i++;
	if (i == len || len - i > 18 || (p[i] == '0' && len - i > 1))
		return false;
	for (; i < len; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return !(len == 2 && p[0] == '-' && p[1] == '0');	/* -0 is 0 */
}

/*
 * A float literal_eval reads as itself, so that Python's repr() of the
 * float is the text: [-]D.D without a leading zero before the point
 * (but "0.5"), a last fractional digit that is not 0, at most 15
 * significant digits, and at least 1e-4 (repr is then the shortest text
 * that reads back, without an exponent).
 */
static bool canonical_float(const char *p, size_t len)
{
	const char *end = p + len, *dot, *q;
	size_t digits = 0, zeros = 0;

	if (p < end && *p == '-')
		p++;
	dot = memchr(p, '.', (size_t)(end - p));
	if (!dot || dot == p || dot + 1 == end || end[-1] == '0' ||
	    (*p == '0' && dot - p > 1))
		return false;
	for (q = p; q < end; q++)
		if (q != dot && (*q < '0' || *q > '9'))
			return false;
	if (*p == '0') {		/* 0.000D...: leading zeros are not
					 * significant */
		for (q = dot + 1; q < end && *q == '0'; q++)
			zeros++;
		if (zeros > 3)
			return false;	/* below 1e-4: repr has an exponent */
		digits = (size_t)(end - dot - 1) - zeros;
	} else {
		digits = (size_t)(end - p) - 1;
	}
	return digits <= 15;
}

static bool ascii_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

int jinja_native_render(const struct jinja_native *nv, struct strbuf *out,
			enum jinja_type *type)
{
	struct strbuf v = STRBUF_INIT;
	const char *f, *last = NULL;
	size_t last_len = 0;
	int ok = 0;

	*type = JINJA_STR;
	if (!nv->filters || !nv->value || nv->placeholder || nv->args ||
	    !ascii_text(nv->value, nv->len))
		return 0;
	/* a number literal's str() is its text only when canonical */
	if (nv->number && !canonical_int(nv->value, nv->len))
		return 0;
	if (strbuf_add(&v, nv->value, nv->len))
		goto nomem;
	for (f = nv->filters; *f;) {
		size_t n = strcspn(f, "|");

		/* Jinja's string filter is soft_str(): a str, a marker too,
		 * goes through as it is, so the marker before it still
		 * decides ("| as_bool | string" is True; Jinja2 3.1.6) */
		if (!last || !(n == 6 && !memcmp(f, "string", 6))) {
			last = f;
			last_len = n;
		}
		if (n == 5 && !memcmp(f, "lower", 5)) {
			for (size_t i = 0; i < v.len; i++)
				if (v.buf[i] >= 'A' && v.buf[i] <= 'Z')
					v.buf[i] = (char)(v.buf[i] + 32);
		} else if (n == 5 && !memcmp(f, "upper", 5)) {
			for (size_t i = 0; i < v.len; i++)
				if (v.buf[i] >= 'a' && v.buf[i] <= 'z')
					v.buf[i] = (char)(v.buf[i] - 32);
		} else if (n == 4 && !memcmp(f, "trim", 4)) {
			struct strbuf t = STRBUF_INIT;
			size_t a = 0, b = v.len;

			while (a < b && strchr(py_space, v.buf[a]) && v.buf[a])
				a++;
			while (b > a && strchr(py_space, v.buf[b - 1]) &&
			       v.buf[b - 1])
				b--;
			if (strbuf_add(&t, v.buf + a, b - a)) {
				strbuf_release(&t);
				goto nomem;
			}
			strbuf_release(&v);
			v = t;
		} else if (!((n == 6 && !memcmp(f, "string", 6)) ||
			     (n == 7 && !memcmp(f, "as_text", 7)) ||
			     (n == 7 && !memcmp(f, "as_bool", 7)) ||
			     (n == 9 && !memcmp(f, "as_number", 9)) ||
			     (n == 9 && !memcmp(f, "as_native", 9)))) {
			goto out;	/* a filter not modelled */
		}
		/* a marker mid-chain is a str: the next filter reads it */
		f += n;
		if (*f == '|')
			f++;
	}
	if (!last)
		goto out;
#define LAST_IS(w) (last_len == sizeof(w) - 1 && !memcmp(last, w, last_len))
	if (LAST_IS("as_bool") || LAST_IS("as_number") || LAST_IS("as_native")) {
		/* quoted_native_concat(): literal_eval of the marker's text,
		 * leading blanks stripped, trailing white space allowed */
		const char *p = v.buf, *end = v.buf + v.len;
		bool as_bool = LAST_IS("as_bool");
		bool as_number = LAST_IS("as_number");
#undef LAST_IS

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && end[-1] && strchr(" \t\n\f\r", end[-1]))
			end--;
		if ((end - p == 4 && !memcmp(p, "True", 4)) ||
		    (end - p == 5 && !memcmp(p, "False", 5)))
			*type = JINJA_BOOL;
		else if (canonical_int(p, (size_t)(end - p)))
			*type = JINJA_INT;
		else if (canonical_float(p, (size_t)(end - p)))
			*type = JINJA_FLOAT;
		else
			goto out;	/* 1_000, 0x1F, 1e3, text: not modelled */
		if ((as_bool && *type != JINJA_BOOL) ||
		    (as_number && *type == JINJA_BOOL))
			goto out;	/* dbt refuses it (FP240) */
		strbuf_add(out, p, (size_t)(end - p));
	} else {
		strbuf_addbuf(out, &v);
	}
	ok = 1;
	goto out;
nomem:
	strbuf_fail(out);	/* the caller sees it: not an unknown value */
out:
	strbuf_release(&v);
	if (!ok)
		*type = JINJA_STR;
	return ok;
}
