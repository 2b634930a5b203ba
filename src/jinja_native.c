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
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n", "t", "f",
		"1", "0", "none", "null", "", NULL
	};

	for (size_t i = 0; words[i]; i++)
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
