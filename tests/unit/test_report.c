/*
 * Unit tests for the report formats (src/report.c): text, gcc, json,
 * sarif, github, gitlab, junit and checkstyle, each on a hand-built list
 * of diagnostics.  The JSON formats are read back with a small JSON
 * reader (below) and checked by value, never by their whitespace.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"

/* Messages are `char *` (owned by a real list): keep them writable. */
static char msg_idp[] = "the token URI is on another host";
static char msg_note[] = "the catalog endpoint is here";
static char msg_slash[] = "the endpoint ends with '/'";
static char msg_syntax[] = "cannot read the file";

static struct floe_diag diag(enum floe_severity sev, enum floe_rule_id rule,
			     const char *file, unsigned line, unsigned col,
			     unsigned end_line, unsigned end_col, char *msg)
{
	struct floe_diag g;

	memset(&g, 0, sizeof(g));
	g.severity = sev;
	g.rule = rule;
	g.loc.file = file;
	g.loc.start.line = line;
	g.loc.start.column = col;
	g.loc.end.line = end_line;
	g.loc.end.column = end_col;
	g.message = msg;
	return g;
}

static struct floe_diags list(struct floe_diag *items, size_t nr)
{
	struct floe_diags d = FLOE_DIAGS_INIT;

	d.items = items;
	d.nr = d.alloc = nr;
	for (size_t i = 0; i < nr; i++) {
		if (items[i].severity == FLOE_SEV_ERROR)
			d.nr_errors++;
		else if (items[i].severity == FLOE_SEV_WARNING)
			d.nr_warnings++;
		else if (items[i].severity == FLOE_SEV_INFO)
			d.nr_infos++;
	}
	return d;
}

/* Render and check the length; the caller frees. */
static char *render(enum floe_format fmt, const struct floe_diags *d,
		    bool color)
{
	struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts opts;

	memset(&opts, 0, sizeof(opts));
	opts.color = color;
	opts.tool_version = "9.9.9";
	opts.rules = &rules;
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(floe_report(fmt, d, &opts, &out, &len), FLOE_OK);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

/* Three findings in two files: warning + its note, info, then error. */
static struct floe_diag sample[4];

static struct floe_diags sample_list(void)
{
	sample[0] = diag(FLOE_SEV_WARNING, FLOE_FP202, "profiles.yml", 12, 18,
			 12, 60, msg_idp);
	sample[1] = diag(FLOE_SEV_NOTE, FLOE_RULE_NONE, "profiles.yml", 9, 17, 9, 50,
			 msg_note);
	sample[2] = diag(FLOE_SEV_INFO, FLOE_FP204, "profiles.yml", 9, 17, 9,
			 50, msg_slash);
	sample[3] = diag(FLOE_SEV_ERROR, FLOE_FP001, "other/profiles.yml", 3, 1,
			 3, 1, msg_syntax);
	return list(sample, 4);
}

static size_t index_of(const char *id)
{
	for (size_t i = 0; i < floe_rule_count(); i++)
		if (!strcmp(floe_rule_at(i)->id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

/* ---- a small JSON reader, for checking the JSON formats by value ---- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype t;
	double num;
	char *str;		/* J_STR: UTF-8, NUL-terminated */
	size_t n;		/* J_ARR, J_OBJ: members */
	struct jv *items;
	char **keys;		/* J_OBJ */
};

struct jp {
	const char *s;
	int bad;
};

static void jskip(struct jp *p)
{
	while (*p->s == ' ' || *p->s == '\n' || *p->s == '\t' ||
	       *p->s == '\r')
		p->s++;
}

static void jput_utf8(char **o, unsigned cp)
{
	unsigned char *u = (unsigned char *)*o;

	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | cp >> 6);
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | cp >> 12);
		*u++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | cp >> 18);
		*u++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

static char *jstring(struct jp *p)
{
	char *out = malloc(strlen(p->s) * 2 + 1), *o = out;

	assert_non_null(out);
	p->s++;			/* the opening quote */
	while (*p->s && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;

		if (c < 0x20)
			p->bad = 1;	/* a raw control character */
		if (c != '\\') {
			*o++ = *p->s++;
			continue;
		}
		p->s++;
		switch (*p->s) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case '"': case '\\': case '/': *o++ = *p->s; break;
		case 'u': {
			unsigned cp = 0;

			for (int i = 1; i <= 4; i++) {
				char h = p->s[i];

				cp = cp * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10
						 : h >= 'A' ? h - 'A' + 10
						 : h - '0');
			}
			p->s += 4;
			if (cp >= 0xD800 && cp <= 0xDFFF)
				p->bad = 1;	/* no surrogates expected */
			jput_utf8(&o, cp);
			break;
		}
		default:
			p->bad = 1;
		}
		p->s++;
	}
	if (*p->s != '"')
		p->bad = 1;
	else
		p->s++;
	*o = '\0';
	return out;
}

static void jvalue(struct jp *p, struct jv *v)
{
	memset(v, 0, sizeof(*v));
	jskip(p);
	if (*p->s == '{' || *p->s == '[') {
		int obj = *p->s == '{';
		char close = obj ? '}' : ']';

		v->t = obj ? J_OBJ : J_ARR;
		p->s++;
		jskip(p);
		while (!p->bad && *p->s && *p->s != close) {
			v->items = realloc(v->items, (v->n + 1) *
					   sizeof(*v->items));
			v->keys = realloc(v->keys, (v->n + 1) * sizeof(*v->keys));
			assert_non_null(v->items);
			assert_non_null(v->keys);
			v->keys[v->n] = NULL;
			if (obj) {
				jskip(p);
				if (*p->s != '"') {
					p->bad = 1;
					break;
				}
				v->keys[v->n] = jstring(p);
				jskip(p);
				if (*p->s++ != ':')
					p->bad = 1;
			}
			jvalue(p, &v->items[v->n++]);
			jskip(p);
			if (*p->s == ',')
				p->s++;
			else if (*p->s != close)
				p->bad = 1;
		}
		if (*p->s == close)
			p->s++;
		else
			p->bad = 1;
	} else if (*p->s == '"') {
		v->t = J_STR;
		v->str = jstring(p);
	} else if (!strncmp(p->s, "true", 4) || !strncmp(p->s, "false", 5)) {
		v->t = J_BOOL;
		v->num = *p->s == 't';
		p->s += *p->s == 't' ? 4 : 5;
	} else if (!strncmp(p->s, "null", 4)) {
		p->s += 4;
	} else {
		char *end;

		v->t = J_NUM;
		v->num = strtod(p->s, &end);
		if (end == p->s)
			p->bad = 1;
		p->s = end;
	}
}

static void jfree(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jfree(&v->items[i]);
		free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

/* Parse all of s; fails the test unless it is one JSON value. */
static struct jv jparse(const char *s)
{
	struct jp p = { s, 0 };
	struct jv v;

	jvalue(&p, &v);
	jskip(&p);
	if (p.bad || *p.s)
		fail_msg("not JSON at: %.40s", p.s);
	return v;
}

/* Member `key` of an object; fails the test when missing. */
static const struct jv *jget(const struct jv *o, const char *key)
{
	assert_int_equal(o->t, J_OBJ);
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return &o->items[i];
	fail_msg("no key '%s'", key);
	return NULL;
}

static int jhas(const struct jv *o, const char *key)
{
	for (size_t i = 0; o->t == J_OBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return 1;
	return 0;
}

static const struct jv *jat(const struct jv *a, size_t i)
{
	assert_int_equal(a->t, J_ARR);
	assert_true(i < a->n);
	return &a->items[i];
}

static const char *jstr(const struct jv *v)
{
	assert_int_equal(v->t, J_STR);
	return v->str;
}

static long jnum(const struct jv *v)
{
	assert_int_equal(v->t, J_NUM);
	return (long)v->num;
}

/* Render with the given options; the caller frees. */
static char *render_with(enum floe_format fmt, const struct floe_diags *d,
			 const struct floe_report_opts *opts)
{
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(floe_report(fmt, d, opts, &out, &len), FLOE_OK);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

static struct jv render_json(enum floe_format fmt, const struct floe_diags *d)
{
	char *out = render(fmt, d, false);
	struct jv v = jparse(out);

	free(out);
	return v;
}

/* The only run of a SARIF log. */
static const struct jv *sarif_run(const struct jv *log)
{
	assert_string_equal(jstr(jget(log, "version")), "2.1.0");
	assert_int_equal(jget(log, "runs")->n, 1);
	return jat(jget(log, "runs"), 0);
}

static const struct jv *sarif_region(const struct jv *result)
{
	return jget(jget(jat(jget(result, "locations"), 0),
			 "physicalLocation"), "region");
}

static void test_report_format_names_parse(void **state)
{
	enum floe_format f = FLOE_FORMAT_TEXT;

	(void)state;
	assert_int_equal(floe_format_parse("text", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_TEXT);
	assert_int_equal(floe_format_parse("gcc", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_GCC);
	assert_int_equal(floe_format_parse("json", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_JSON);
	assert_int_equal(floe_format_parse("sarif", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_SARIF);
	assert_int_equal(floe_format_parse("github", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_GITHUB);
	assert_int_equal(floe_format_parse("gitlab", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_GITLAB);
	assert_int_equal(floe_format_parse("junit", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_JUNIT);
	assert_int_equal(floe_format_parse("checkstyle", &f), 0);
	assert_int_equal(f, FLOE_FORMAT_CHECKSTYLE);
}

static void test_report_unknown_format_name_is_refused(void **state)
{
	enum floe_format f = FLOE_FORMAT_GCC;

	(void)state;
	assert_int_equal(floe_format_parse("TEXT", &f), -1);
	assert_int_equal(floe_format_parse("", &f), -1);
	assert_int_equal(floe_format_parse("sarif2", &f), -1);
	assert_int_equal(floe_format_parse("jso", &f), -1);
	assert_int_equal(f, FLOE_FORMAT_GCC);
}

static void test_report_text_groups_by_file(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_TEXT, &d, false);

	(void)state;
	assert_string_equal(out,
		"profiles.yml\n"
		"  12:18   warning  the token URI is on another host  [FP202]\n"
		"  9:17    note     the catalog endpoint is here\n"
		"  9:17    info     the endpoint ends with '/'  [FP204]\n"
		"\n"
		"other/profiles.yml\n"
		"  3:1     error    cannot read the file  [FP001]\n");
	free(out);
}

static void test_report_text_has_colour_only_when_asked(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_TEXT, &d, false);

	(void)state;
	assert_null(strchr(out, '\033'));
	free(out);
	d.nr = 1;
	out = render(FLOE_FORMAT_TEXT, &d, true);
	assert_string_equal(out,
		"\033[4mprofiles.yml\033[0m\n"
		"  12:18   \033[33mwarning\033[0m  the token URI is on "
		"another host  \033[2m[FP202]\033[0m\n");
	free(out);
}

static void test_report_colour_is_for_text_only(void **state)
{
	static const enum floe_format others[] = {
		FLOE_FORMAT_GCC, FLOE_FORMAT_JSON, FLOE_FORMAT_SARIF,
		FLOE_FORMAT_GITHUB, FLOE_FORMAT_GITLAB, FLOE_FORMAT_JUNIT,
		FLOE_FORMAT_CHECKSTYLE,
	};
	struct floe_diags d = sample_list();

	(void)state;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		char *out = render(others[i], &d, true);

		assert_null(strchr(out, '\033'));
		free(out);
	}
}

static void test_report_gcc_lines_with_info_as_note(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_GCC, &d, false);

	(void)state;
	assert_string_equal(out,
		"profiles.yml:12:18: warning: the token URI is on another "
		"host [FP202]\n"
		"profiles.yml:9:17: note: the catalog endpoint is here\n"
		"profiles.yml:9:17: note: the endpoint ends with '/' [FP204]\n"
		"other/profiles.yml:3:1: error: cannot read the file "
		"[FP001]\n");
	free(out);
}

static void test_report_gcc_without_position_or_file(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, NULL, 0, 0, 0, 0, msg_syntax),
		diag(FLOE_SEV_WARNING, FLOE_FP202, "p.yml", 0, 0, 0, 0, msg_idp),
		/* a line without a column: no ":0" */
		diag(FLOE_SEV_WARNING, FLOE_RULE_NONE, "q.yml", 7, 0, 0, 0, msg_idp),
	};
	struct floe_diags d = list(items, 3);
	char *out = render(FLOE_FORMAT_GCC, &d, false);

	(void)state;
	assert_string_equal(out,
		"floe-profiles: error: cannot read the file\n"
		"p.yml: warning: the token URI is on another host [FP202]\n"
		"q.yml:7: warning: the token URI is on another host\n");
	free(out);
}

static void test_report_json_of_nothing_is_an_empty_array(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out = render(FLOE_FORMAT_JSON, &d, false);

	(void)state;
	assert_string_equal(out, "[]\n");
	free(out);
}

static void test_report_github_commands(void **state)
{
	struct floe_diags d = sample_list();
	char *out = render(FLOE_FORMAT_GITHUB, &d, false);

	(void)state;
	assert_string_equal(out,
		"::warning file=profiles.yml,line=12,col=18,endLine=12,"
		"endColumn=60,title=FP202 oauth2-external-idp::the token URI "
		"is on another host%0Anote at 9:17: the catalog endpoint is "
		"here\n"
		"::notice file=profiles.yml,line=9,col=17,endLine=9,"
		"endColumn=50,title=FP204 endpoint-trailing-slash::the "
		"endpoint ends with '/'\n"
		"::error file=other/profiles.yml,line=3,col=1,endLine=3,"
		"endColumn=2,title=FP001 yaml-syntax::cannot read the file\n");
	free(out);
}

static void test_report_github_escapes_data_and_properties(void **state)
{
	static char msg[] = "100% sure:\r\nline two, a:b";
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "c:/50%,x\ny.yml", 0, 0, 0, 0, msg),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_GITHUB, &d, false);

	(void)state;
	/* data: % CR LF; properties also ':' and ',' */
	assert_string_equal(out,
		"::error file=c%3A/50%25%2Cx%0Ay.yml::100%25 sure:%0D%0Aline "
		"two, a:b\n");
	free(out);
}

static void test_report_every_format_of_nothing(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	char *out;

	(void)state;
	out = render(FLOE_FORMAT_TEXT, &d, true);
	assert_string_equal(out, "");
	free(out);
	out = render(FLOE_FORMAT_GCC, &d, false);
	assert_string_equal(out, "");
	free(out);
	out = render(FLOE_FORMAT_GITHUB, &d, false);
	assert_string_equal(out, "");
	free(out);
}

static const char *const entry_keys[] = {
	"kind", "file", "line", "column", "end_line", "end_column",
	"severity", "rule", "name", "message", "related",
};

static void assert_entry_keys(const struct jv *e)
{
	size_t nk = sizeof(entry_keys) / sizeof(entry_keys[0]);

	assert_int_equal(e->n, nk);
	for (size_t k = 0; k < nk; k++)
		assert_true(jhas(e, entry_keys[k]));
}

static void test_report_json_entries_carry_their_notes(void **state)
{
	struct floe_diags d = sample_list();
	struct jv v = render_json(FLOE_FORMAT_JSON, &d);
	const struct jv *e, *rel;

	(void)state;
	assert_int_equal(v.t, J_ARR);
	assert_int_equal(v.n, 3);	/* the note is not an entry */
	for (size_t i = 0; i < v.n; i++) {
		assert_entry_keys(jat(&v, i));
		assert_string_equal(jstr(jget(jat(&v, i), "kind")), "finding");
	}
	e = jat(&v, 0);
	assert_string_equal(jstr(jget(e, "file")), "profiles.yml");
	assert_int_equal(jnum(jget(e, "line")), 12);
	assert_int_equal(jnum(jget(e, "column")), 18);
	assert_int_equal(jnum(jget(e, "end_line")), 12);
	assert_int_equal(jnum(jget(e, "end_column")), 60);
	assert_string_equal(jstr(jget(e, "severity")), "warning");
	assert_string_equal(jstr(jget(e, "rule")), "FP202");
	assert_string_equal(jstr(jget(e, "name")), "oauth2-external-idp");
	assert_string_equal(jstr(jget(e, "message")), msg_idp);
	rel = jget(e, "related");
	assert_int_equal(rel->n, 1);
	assert_string_equal(jstr(jget(jat(rel, 0), "message")), msg_note);
	assert_int_equal(jnum(jget(jat(rel, 0), "line")), 9);
	assert_int_equal(jnum(jget(jat(rel, 0), "column")), 17);
	assert_string_equal(jstr(jget(jat(rel, 0), "file")), "profiles.yml");
	assert_int_equal(jget(jat(&v, 1), "related")->n, 0);
	assert_string_equal(jstr(jget(jat(&v, 1), "severity")), "info");
	/* a region with no width ends one column after its start */
	assert_int_equal(jnum(jget(jat(&v, 2), "end_column")), 2);
	jfree(&v);
}

static void test_report_json_escapes_strings(void **state)
{
	/* quote, backslash, \n \t \r, 0x01, 0x1f, DEL, then UTF-8 "é☕" */
	static char msg[] = "say \"hi\" C:\\dir\n\t\r\x01\x1f\x7f"
			    "caf\xc3\xa9 \xe2\x98\x95";
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "dir \"q\"\\p.yml", 1, 2, 1, 5, msg),
	};
	struct floe_diags d = list(items, 1);
	struct jv v = render_json(FLOE_FORMAT_JSON, &d);

	(void)state;
	assert_string_equal(jstr(jget(jat(&v, 0), "file")), "dir \"q\"\\p.yml");
	assert_string_equal(jstr(jget(jat(&v, 0), "message")), msg);
	assert_string_equal(jstr(jget(jat(&v, 0), "rule")), "");
	jfree(&v);
}

/*
 * Bytes that are not UTF-8 (a lone 0xff, a cut sequence, an encoded
 * surrogate, an overlong '/', past U+10FFFF) become U+FFFD in every
 * machine format; valid characters stay.
 */
static char bad_file[] = "bad\xff name.yml";
static char bad_msg[] = "a\xc3(b \xed\xa0\x80 c\xc0\xaf d\xf4\x90\x80\x80 "
			"caf\xc3\xa9";
#define R "\xef\xbf\xbd"

static void test_report_invalid_utf8_becomes_replacement(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_FP101, bad_file, 1, 1, 1, 3, bad_msg),
		diag(FLOE_SEV_NOTE, FLOE_RULE_NONE, bad_file, 2, 1, 2, 3, bad_msg),
	};
	struct floe_diags d = list(items, 2);
	const char *want_msg = "a" R "(b " R R R " c" R R " d" R R R R
			       " caf\xc3\xa9";
	struct jv v = render_json(FLOE_FORMAT_JSON, &d);
	const struct jv *res;
	char *out;

	(void)state;
	assert_string_equal(jstr(jget(jat(&v, 0), "file")),
			    "bad" R " name.yml");
	assert_string_equal(jstr(jget(jat(&v, 0), "message")), want_msg);
	assert_string_equal(jstr(jget(jat(jget(jat(&v, 0), "related"), 0),
				      "message")), want_msg);
	jfree(&v);

	v = render_json(FLOE_FORMAT_SARIF, &d);
	res = jat(jget(sarif_run(&v), "results"), 0);
	assert_string_equal(jstr(jget(jget(res, "message"), "text")),
			    want_msg);
	/* the URI is percent-encoded: the byte survives as %FF */
	assert_string_equal(jstr(jget(jget(jget(jat(jget(res, "locations"),
							  0),
						   "physicalLocation"),
					  "artifactLocation"), "uri")),
			    "bad%FF%20name.yml");
	jfree(&v);

	v = render_json(FLOE_FORMAT_GITLAB, &d);
	assert_string_equal(jstr(jget(jat(&v, 0), "description")), want_msg);
	assert_string_equal(jstr(jget(jget(jat(&v, 0), "location"), "path")),
			    "bad" R " name.yml");
	jfree(&v);

	out = render(FLOE_FORMAT_JUNIT, &d, false);
	assert_null(strstr(out, "\xff"));
	assert_non_null(strstr(out, "name=\"bad" R " name.yml\""));
	assert_non_null(strstr(out, want_msg));
	free(out);
	out = render(FLOE_FORMAT_CHECKSTYLE, &d, false);
	assert_null(strstr(out, "\xff"));
	assert_non_null(strstr(out, "message=\"" ));
	assert_non_null(strstr(out, want_msg));
	free(out);
	out = render(FLOE_FORMAT_GITHUB, &d, false);
	assert_null(strstr(out, "\xff"));
	free(out);
}

static void test_report_xml_escapes_markup_and_controls(void **state)
{
	static char msg[] = "a<b & \"c\" 'd'>\n\x01\x1f\ttab";
	struct floe_diag items[] = {
		diag(FLOE_SEV_WARNING, FLOE_FP202, "x&y.yml", 3, 4, 3, 9, msg),
	};
	struct floe_diags d = list(items, 1);
	char *out = render(FLOE_FORMAT_CHECKSTYLE, &d, false);

	(void)state;
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<checkstyle version=\"4.3\">\n"
		"  <file name=\"x&amp;y.yml\">\n"
		"    <error line=\"3\" column=\"4\" severity=\"warning\" "
		"message=\"a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;"
		R R "&#9;tab\" source=\"floe-profiles.FP202\"/>\n"
		"  </file>\n"
		"</checkstyle>\n");
	free(out);
}

static void test_report_sarif_when_clean(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct jv v = render_json(FLOE_FORMAT_SARIF, &d);
	const struct jv *run = sarif_run(&v), *driver;

	(void)state;
	driver = jget(jget(run, "tool"), "driver");
	assert_string_equal(jstr(jget(driver, "name")), "floe-profiles");
	assert_string_equal(jstr(jget(driver, "version")), "9.9.9");
	assert_string_equal(jstr(jget(run, "columnKind")),
			    "unicodeCodePoints");
	assert_int_equal(jget(run, "results")->t, J_ARR);
	assert_int_equal(jget(run, "results")->n, 0);
	assert_int_equal(jget(jat(jget(run, "invocations"), 0),
			      "executionSuccessful")->t, J_BOOL);
	assert_true(jget(jat(jget(run, "invocations"), 0),
			 "executionSuccessful")->num == 1);
	assert_false(jhas(jat(jget(run, "invocations"), 0),
			  "toolExecutionNotifications"));
	jfree(&v);
}

static const char *sarif_level_of(const struct floe_rule *r)
{
	return r->severity == FLOE_SEV_ERROR ? "error"
	       : r->severity == FLOE_SEV_WARNING ? "warning" : "note";
}

static void test_report_sarif_rules_have_help_and_levels(void **state)
{
	struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts opts;
	struct floe_diags d = FLOE_DIAGS_INIT;
	const struct jv *list_;
	struct jv v;
	char *out;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.rules = &rules;
	opts.rules_url = "https://example.test/docs/rules.md";
	out = render_with(FLOE_FORMAT_SARIF, &d, &opts);
	v = jparse(out);
	free(out);
	list_ = jget(jget(jget(sarif_run(&v), "tool"), "driver"), "rules");
	assert_int_equal(list_->n, floe_rule_count());
	for (size_t i = 0; i < list_->n; i++) {
		const struct floe_rule *r = floe_rule_at(i);
		const struct jv *e = jat(list_, i), *dc;
		char uri[128], lower[16];
		size_t k;

		assert_string_equal(jstr(jget(e, "id")), r->id);
		assert_string_equal(jstr(jget(e, "name")), r->name);
		assert_string_equal(jstr(jget(jget(e, "shortDescription"),
					      "text")), r->summary);
		assert_true(strlen(jstr(jget(jget(e, "fullDescription"),
					     "text"))) <= 1000);
		assert_string_equal(jstr(jget(jget(e, "help"), "text")),
				    r->help);
		assert_true(strlen(jstr(jget(jget(e, "help"), "markdown"))) >=
			    strlen(r->summary));
		for (k = 0; r->id[k] && k < sizeof(lower) - 1; k++)
			lower[k] = (char)(r->id[k] >= 'A' && r->id[k] <= 'Z'
					  ? r->id[k] + 32 : r->id[k]);
		lower[k] = '\0';
		snprintf(uri, sizeof(uri),
			 "https://example.test/docs/rules.md#%s", lower);
		assert_string_equal(jstr(jget(e, "helpUri")), uri);
		dc = jget(e, "defaultConfiguration");
		/* only note, warning or error; an opt-in rule is disabled */
		assert_string_equal(jstr(jget(dc, "level")), sarif_level_of(r));
		if (r->opt_in)
			assert_true(jget(dc, "enabled")->num == 0);
		else
			assert_false(jhas(dc, "enabled"));
		assert_string_equal(jstr(jat(jget(jget(e, "properties"),
						  "tags"), 0)), r->family);
	}
	jfree(&v);

	/* without a base URL, no helpUri */
	v = render_json(FLOE_FORMAT_SARIF, &d);
	list_ = jget(jget(jget(sarif_run(&v), "tool"), "driver"), "rules");
	assert_false(jhas(jat(list_, 0), "helpUri"));
	jfree(&v);
}

static void test_report_sarif_help_markdown_fences_examples(void **state)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct jv v = render_json(FLOE_FORMAT_SARIF, &d);
	const struct jv *rules = jget(jget(jget(sarif_run(&v), "tool"),
					   "driver"), "rules");
	size_t i = index_of("FP101");
	const char *md = jstr(jget(jget(jat(rules, i), "help"), "markdown"));

	(void)state;
	/* FP101's help has indented examples: they become YAML blocks */
	assert_non_null(strstr(md, "```yaml\n  settings:\n"));
	assert_non_null(strstr(md, "\n```\n"));
	assert_int_equal(strncmp(md, floe_rule_at(i)->help, 20), 0);
	jfree(&v);
}

static void test_report_sarif_results_and_related_locations(void **state)
{
	struct floe_diags d = sample_list();
	struct jv v = render_json(FLOE_FORMAT_SARIF, &d);
	const struct jv *run = sarif_run(&v), *results, *r, *rel, *reg;
	const struct jv *rules;

	(void)state;
	rules = jget(jget(jget(run, "tool"), "driver"), "rules");
	results = jget(run, "results");
	assert_int_equal(results->n, 3);	/* the note is not a result */
	for (size_t i = 0; i < results->n; i++) {
		r = jat(results, i);
		assert_string_equal(jstr(jget(r, "ruleId")),
				    jstr(jget(jat(rules, (size_t)jnum(
					jget(r, "ruleIndex"))), "id")));
		assert_true(strlen(jstr(jget(jget(r, "partialFingerprints"),
					     "floeFindingHash/v1"))) > 16);
	}
	r = jat(results, 0);
	assert_string_equal(jstr(jget(r, "ruleId")), "FP202");
	assert_int_equal(jnum(jget(r, "ruleIndex")), (long)index_of("FP202"));
	assert_string_equal(jstr(jget(r, "level")), "warning");
	assert_string_equal(jstr(jget(jget(r, "message"), "text")), msg_idp);
	reg = sarif_region(r);
	assert_int_equal(jnum(jget(reg, "startLine")), 12);
	assert_int_equal(jnum(jget(reg, "startColumn")), 18);
	assert_int_equal(jnum(jget(reg, "endLine")), 12);
	assert_int_equal(jnum(jget(reg, "endColumn")), 60);
	rel = jget(r, "relatedLocations");
	assert_int_equal(rel->n, 1);
	assert_int_equal(jnum(jget(jat(rel, 0), "id")), 1);
	assert_string_equal(jstr(jget(jget(jat(rel, 0), "message"), "text")),
			    msg_note);
	assert_int_equal(jnum(jget(jget(jget(jat(rel, 0), "physicalLocation"),
					"region"), "startLine")), 9);
	assert_false(jhas(jat(results, 1), "relatedLocations"));
	assert_string_equal(jstr(jget(jat(results, 1), "level")), "note");
	assert_string_equal(jstr(jget(jat(results, 2), "level")), "error");
	assert_int_equal(jnum(jget(jat(results, 2), "ruleIndex")), 0);
	jfree(&v);
}

static void test_report_sarif_regions(void **state)
{
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "a.yml", 3, 5, 3, 5, msg_syntax),
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "b.yml", 4, 7, 0, 0, msg_syntax),
		/* an unknown column is column 1 */
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "c.yml", 6, 0, 0, 0, msg_syntax),
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "d.yml", 7, 0, 7, 1, msg_syntax),
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "e.yml", 4294967295u, 4294967294u,
		     4294967295u, 4294967295u, msg_syntax),
		/* no line: no region */
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, NULL, 0, 0, 0, 0, msg_syntax),
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "my dir/a%b#c/caf\xc3\xa9 x.yml", 1,
		     1, 1, 2, msg_syntax),
	};
	static const long want[][4] = {
		{ 3, 5, 3, 6 }, { 4, 7, 4, 8 }, { 6, 1, 6, 2 }, { 7, 1, 7, 2 },
		{ 4294967295, 4294967294, 4294967295, 4294967295 },
	};
	struct floe_diags d = list(items, 7);
	struct jv v = render_json(FLOE_FORMAT_SARIF, &d);
	const struct jv *results = jget(sarif_run(&v), "results"), *pl;

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		const struct jv *reg = sarif_region(jat(results, i));

		assert_int_equal(jnum(jget(reg, "startLine")), want[i][0]);
		assert_int_equal(jnum(jget(reg, "startColumn")), want[i][1]);
		assert_int_equal(jnum(jget(reg, "endLine")), want[i][2]);
		assert_int_equal(jnum(jget(reg, "endColumn")), want[i][3]);
		assert_false(jhas(jat(results, i), "ruleId"));
	}
	pl = jget(jat(jget(jat(results, 5), "locations"), 0),
		  "physicalLocation");
	assert_false(jhas(pl, "region"));
	assert_string_equal(jstr(jget(jget(pl, "artifactLocation"), "uri")),
			    "floe-profiles");
	pl = jget(jat(jget(jat(results, 6), "locations"), 0),
		  "physicalLocation");
	assert_string_equal(jstr(jget(jget(pl, "artifactLocation"), "uri")),
			    "my%20dir/a%25b%23c/caf%C3%A9%20x.yml");
	jfree(&v);
}

/* A profile, and the same profile with lines added above the finding. */
static const char fp_before[] =
	"floe:\n"
	"  outputs:\n"
	"    dev:\n"
	"      settings:\n"
	"        allow_persistent_secrets: 'true'\n"
	"        allow_persistent_secrets: 'true'\n";
static const char fp_after[] =
	"# a comment\n"
	"floe:\n"
	"  target: dev\n"
	"  outputs:\n"
	"    dev:\n"
	"      threads: 4\n"
	"      settings:\n"
	"          allow_persistent_secrets:   'true'\n"
	"        allow_persistent_secrets: 'true'\n";

static char *fingerprint_of(const char *buf, unsigned line, unsigned nth)
{
	static char msg[] = "a setting";
	struct floe_report_file t = { "profiles.yml", buf, strlen(buf) };
	struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts opts;
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_FP101, "profiles.yml", line, 9, line, 33,
		     msg),
		diag(FLOE_SEV_ERROR, FLOE_FP101, "profiles.yml", line + 1, 9,
		     line + 1, 33, msg),
	};
	struct floe_diags d = list(items, 2);
	char *out, *fp;
	struct jv v;

	memset(&opts, 0, sizeof(opts));
	opts.rules = &rules;
	opts.files = &t;
	opts.nr_files = 1;
	out = render_with(FLOE_FORMAT_SARIF, &d, &opts);
	v = jparse(out);
	free(out);
	fp = strdup(jstr(jget(jget(jat(jget(sarif_run(&v), "results"), nth),
				   "partialFingerprints"),
			      "floeFindingHash/v1")));
	jfree(&v);
	return fp;
}

static void test_report_fingerprints_survive_unrelated_edits(void **state)
{
	char *a0 = fingerprint_of(fp_before, 5, 0);
	char *a1 = fingerprint_of(fp_before, 5, 1);
	char *b0 = fingerprint_of(fp_after, 8, 0);
	char *b1 = fingerprint_of(fp_after, 8, 1);
	char *c0 = fingerprint_of(fp_before, 4, 0);

	(void)state;
	/* moved down three lines, re-indented: the same findings */
	assert_string_equal(a0, b0);
	assert_string_equal(a1, b1);
	/* the same text twice: told apart by occurrence */
	assert_string_not_equal(a0, a1);
	/* another line's text: another finding */
	assert_string_not_equal(a0, c0);
	free(a0);
	free(a1);
	free(b0);
	free(b1);
	free(c0);
}

static void test_report_sarif_failures_are_notifications(void **state)
{
	static char why[] = "cannot read 'missing.yml': No such file";
	static char why2[] = "no profile has an output named 'x'";
	struct floe_diag fitems[] = {
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, "missing.yml", 0, 0, 0, 0, why),
		diag(FLOE_SEV_ERROR, FLOE_RULE_NONE, NULL, 0, 0, 0, 0, why2),
	};
	struct floe_diags failures = list(fitems, 2);
	struct floe_diags d = sample_list();
	struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts opts;
	const struct jv *inv, *notes;
	struct jv v;
	char *out;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.rules = &rules;
	opts.failures = &failures;
	out = render_with(FLOE_FORMAT_SARIF, &d, &opts);
	v = jparse(out);
	free(out);
	inv = jat(jget(sarif_run(&v), "invocations"), 0);
	assert_true(jget(inv, "executionSuccessful")->num == 0);
	notes = jget(inv, "toolExecutionNotifications");
	assert_int_equal(notes->n, 2);
	assert_string_equal(jstr(jget(jat(notes, 0), "level")), "error");
	assert_string_equal(jstr(jget(jget(jat(notes, 0), "message"), "text")),
			    why);
	assert_string_equal(jstr(jget(jget(jget(jat(jget(jat(notes, 0),
							 "locations"), 0),
						"physicalLocation"),
					"artifactLocation"), "uri")),
			    "missing.yml");
	assert_false(jhas(jat(notes, 1), "locations"));
	/* the findings of what was read are all there */
	assert_int_equal(jget(sarif_run(&v), "results")->n, 3);
	jfree(&v);

	/* json: an entry of its own kind, after the findings */
	out = render_with(FLOE_FORMAT_JSON, &d, &opts);
	v = jparse(out);
	free(out);
	assert_int_equal(v.n, 5);
	assert_entry_keys(jat(&v, 3));
	assert_string_equal(jstr(jget(jat(&v, 3), "kind")), "failure");
	assert_string_equal(jstr(jget(jat(&v, 3), "file")), "missing.yml");
	assert_string_equal(jstr(jget(jat(&v, 3), "message")), why);
	assert_string_equal(jstr(jget(jat(&v, 3), "severity")), "error");
	assert_int_equal(jnum(jget(jat(&v, 3), "line")), 0);
	assert_int_equal(jnum(jget(jat(&v, 3), "end_column")), 0);
	jfree(&v);

	/* gitlab: a blocker */
	out = render_with(FLOE_FORMAT_GITLAB, &d, &opts);
	v = jparse(out);
	free(out);
	assert_int_equal(v.n, 5);
	assert_string_equal(jstr(jget(jat(&v, 3), "severity")), "blocker");
	assert_string_equal(jstr(jget(jat(&v, 3), "check_name")),
			    "floe-profiles-failure");
	jfree(&v);

	/* github: an error annotation; junit: an <error>; checkstyle too */
	out = render_with(FLOE_FORMAT_GITHUB, &d, &opts);
	assert_non_null(strstr(out, "::error file=missing.yml,title=floe-"
				    "profiles could not check this::cannot "
				    "read 'missing.yml': No such file\n"));
	free(out);
	out = render_with(FLOE_FORMAT_GITHUB, &d, &opts);
	assert_non_null(strstr(out, "\n::error title=floe-profiles could not "
				    "check this::no profile has an output "
				    "named 'x'\n"));
	free(out);
	out = render_with(FLOE_FORMAT_JUNIT, &d, &opts);
	assert_non_null(strstr(out, "<error type=\"failure\" message=\"cannot "
				    "read &apos;missing.yml&apos;: No such "
				    "file\"/>"));
	assert_non_null(strstr(out, "errors=\"2\""));
	free(out);
	out = render_with(FLOE_FORMAT_CHECKSTYLE, &d, &opts);
	assert_non_null(strstr(out, "<file name=\"missing.yml\">\n    <error "
				    "severity=\"error\" message=\"cannot read "
				    "&apos;missing.yml&apos;: No such file\" "
				    "source=\"floe-profiles.failure\"/>"));
	free(out);
}

static void test_report_reads_the_registry_from_its_options(void **state)
{
	struct floe_diags d = sample_list();
	struct floe_report_opts opts;
	struct jv v;
	char *out;

	(void)state;
	/* no registry: no names, no rule metadata, ruleId kept */
	memset(&opts, 0, sizeof(opts));
	out = render_with(FLOE_FORMAT_JSON, &d, &opts);
	v = jparse(out);
	free(out);
	assert_string_equal(jstr(jget(jat(&v, 0), "rule")), "FP202");
	assert_string_equal(jstr(jget(jat(&v, 0), "name")), "");
	jfree(&v);
	out = render_with(FLOE_FORMAT_SARIF, &d, &opts);
	v = jparse(out);
	free(out);
	assert_int_equal(jget(jget(jget(sarif_run(&v), "tool"), "driver"),
			      "rules")->n, 0);
	assert_string_equal(jstr(jget(jat(jget(sarif_run(&v), "results"), 0),
				      "ruleId")), "FP202");
	assert_false(jhas(jat(jget(sarif_run(&v), "results"), 0),
			  "ruleIndex"));
	jfree(&v);
}

/*
 * A registry of one rule, given through the options: it answers for the
 * handle FLOE_FP101, under another id, so what the report shows can only
 * come from it.
 */
static struct floe_rule fake_rule = {
	.id = "FP900", .name = "fake-rule", .severity = FLOE_SEV_INFO,
	.family = "fake", .summary = "a fake rule",
};

static size_t fake_count(void)
{
	return 1;
}

static const struct floe_rule *fake_at(size_t i)
{
	return i == 0 ? &fake_rule : NULL;
}

static const struct floe_rule *fake_find(const char *id)
{
	return !strcmp(id, "FP900") ? &fake_rule : NULL;
}

static const struct floe_rule *fake_get(enum floe_rule_id id)
{
	return id == FLOE_FP101 ? &fake_rule : NULL;
}

static void test_report_uses_the_registry_it_is_given(void **state)
{
	struct floe_report_rules rules = {
		.count = fake_count, .at = fake_at, .find = fake_find,
		.get = fake_get,
	};
	struct floe_report_opts opts;
	static char msg[] = "fake";
	struct floe_diag items[] = {
		diag(FLOE_SEV_INFO, FLOE_FP101, "p.yml", 1, 1, 1, 2, msg),
	};
	struct floe_diags d = list(items, 1);
	char help[2048], *p = help, *out;
	const struct jv *rule;
	struct jv v;

	(void)state;
	/* a 700-byte line of "é", then an example */
	for (int i = 0; i < 350; i++) {
		memcpy(p, "\xc3\xa9", 2);
		p += 2;
	}
	memcpy(p, "\n\nBad:\n  x: 1\n", sizeof("\n\nBad:\n  x: 1\n"));
	fake_rule.help = help;
	memset(&opts, 0, sizeof(opts));
	opts.rules = &rules;
	out = render_with(FLOE_FORMAT_SARIF, &d, &opts);
	v = jparse(out);
	free(out);
	rule = jat(jget(jget(jget(sarif_run(&v), "tool"), "driver"), "rules"),
		   0);
	assert_int_equal(jget(jget(jget(sarif_run(&v), "tool"), "driver"),
			      "rules")->n, 1);
	assert_string_equal(jstr(jget(rule, "id")), "FP900");
	/* info is "note" as a default level */
	assert_string_equal(jstr(jget(jget(rule, "defaultConfiguration"),
				      "level")), "note");
	/* a long line of non-ASCII text is not cut into U+FFFD */
	assert_null(strstr(jstr(jget(jget(rule, "help"), "markdown")),
			   "\xef\xbf\xbd"));
	assert_non_null(strstr(jstr(jget(jget(rule, "help"), "markdown")),
			       "\xc3\xa9\n\nBad:\n```yaml\n  x: 1\n```\n"));
	assert_int_equal(jnum(jget(jat(jget(sarif_run(&v), "results"), 0),
				   "ruleIndex")), 0);
	jfree(&v);
	out = render_with(FLOE_FORMAT_JSON, &d, &opts);
	v = jparse(out);
	free(out);
	assert_string_equal(jstr(jget(jat(&v, 0), "name")), "fake-rule");
	jfree(&v);
}

static void test_report_github_notes_travel_in_the_message(void **state)
{
	static char other_note[] = "defined here";
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_FP101, "p.yml", 12, 9, 12, 33, msg_idp),
		diag(FLOE_SEV_NOTE, FLOE_RULE_NONE, "p.yml", 14, 9, 14, 20, msg_note),
		diag(FLOE_SEV_NOTE, FLOE_RULE_NONE, "platform.yaml", 3, 1, 3, 4,
		     other_note),
	};
	struct floe_diags d = list(items, 3);
	char *out = render(FLOE_FORMAT_GITHUB, &d, false);

	(void)state;
	assert_string_equal(out,
		"::error file=p.yml,line=12,col=9,endLine=12,endColumn=33,"
		"title=FP101 secret-manager-setting::the token URI is on "
		"another host%0Anote at 14:9: the catalog endpoint is here"
		"%0Anote at platform.yaml:3:1: defined here\n");
	free(out);
}

static void test_report_gitlab_code_quality(void **state)
{
	struct floe_diags d = sample_list();
	struct jv v = render_json(FLOE_FORMAT_GITLAB, &d);
	const struct jv *e;

	(void)state;
	assert_int_equal(v.n, 3);
	for (size_t i = 0; i < v.n; i++) {
		e = jat(&v, i);
		assert_true(strlen(jstr(jget(e, "fingerprint"))) > 16);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(jstr(jget(e, "fingerprint")),
				jstr(jget(jat(&v, j), "fingerprint")));
	}
	e = jat(&v, 0);
	assert_string_equal(jstr(jget(e, "check_name")), "FP202");
	assert_string_equal(jstr(jget(e, "description")), msg_idp);
	assert_string_equal(jstr(jget(e, "severity")), "minor");
	assert_string_equal(jstr(jget(jget(e, "location"), "path")),
			    "profiles.yml");
	assert_int_equal(jnum(jget(jget(jget(e, "location"), "lines"),
				   "begin")), 12);
	assert_int_equal(jnum(jget(jget(jat(jget(e, "other_locations"), 0),
					"lines"), "begin")), 9);
	assert_string_equal(jstr(jget(jat(&v, 1), "severity")), "info");
	assert_string_equal(jstr(jget(jat(&v, 2), "severity")), "major");
	jfree(&v);
	v = render_json(FLOE_FORMAT_GITLAB, &(struct floe_diags)FLOE_DIAGS_INIT);
	assert_int_equal(v.n, 0);
	jfree(&v);
}

static void test_report_junit_suites_per_file(void **state)
{
	struct floe_report_file files[] = {
		{ "clean.yml", "a: 1\n", 5 },
		{ "profiles.yml", "", 0 },
	};
	struct floe_report_rules rules = FLOE_REPORT_RULES;
	struct floe_report_opts opts;
	struct floe_diags d = sample_list();
	char *out;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.rules = &rules;
	opts.files = files;
	opts.nr_files = 2;
	out = render_with(FLOE_FORMAT_JUNIT, &d, &opts);
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"floe-profiles\" tests=\"4\" failures=\"3\" "
		"errors=\"0\">\n"
		"  <testsuite name=\"clean.yml\" tests=\"1\" failures=\"0\" "
		"errors=\"0\">\n"
		"    <testcase name=\"floe-profiles\" classname=\"clean.yml\" "
		"file=\"clean.yml\"/>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"profiles.yml\" tests=\"2\" failures=\"2\" "
		"errors=\"0\">\n"
		"    <testcase name=\"FP202 oauth2-external-idp at 12:18\" "
		"classname=\"profiles.yml\" file=\"profiles.yml\" "
		"line=\"12\">\n"
		"      <failure type=\"warning\" message=\"the token URI is on "
		"another host\">profiles.yml:12:18: warning: the token URI is "
		"on another host [FP202]&#10;profiles.yml:9:17: note: the "
		"catalog endpoint is here&#10;</failure>\n"
		"    </testcase>\n"
		"    <testcase name=\"FP204 endpoint-trailing-slash at 9:17\" "
		"classname=\"profiles.yml\" file=\"profiles.yml\" "
		"line=\"9\">\n"
		"      <failure type=\"info\" message=\"the endpoint ends with "
		"&apos;/&apos;\">profiles.yml:9:17: note: the endpoint ends "
		"with &apos;/&apos; [FP204]&#10;</failure>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"other/profiles.yml\" tests=\"1\" "
		"failures=\"1\" errors=\"0\">\n"
		"    <testcase name=\"FP001 yaml-syntax at 3:1\" "
		"classname=\"other/profiles.yml\" file=\"other/profiles.yml\" "
		"line=\"3\">\n"
		"      <failure type=\"error\" message=\"cannot read the "
		"file\">other/profiles.yml:3:1: error: cannot read the file "
		"[FP001]&#10;</failure>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"</testsuites>\n");
	free(out);
}

static void test_report_checkstyle_lists_every_file(void **state)
{
	struct floe_report_file files[] = { { "clean.yml", "", 0 } };
	struct floe_report_opts opts;
	struct floe_diags d = sample_list();
	char *out;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.files = files;
	opts.nr_files = 1;
	out = render_with(FLOE_FORMAT_CHECKSTYLE, &d, &opts);
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<checkstyle version=\"4.3\">\n"
		"  <file name=\"clean.yml\">\n"
		"  </file>\n"
		"  <file name=\"profiles.yml\">\n"
		"    <error line=\"12\" column=\"18\" severity=\"warning\" "
		"message=\"the token URI is on another host\" "
		"source=\"floe-profiles.FP202\"/>\n"
		"    <error line=\"9\" column=\"17\" severity=\"info\" "
		"message=\"the endpoint ends with &apos;/&apos;\" "
		"source=\"floe-profiles.FP204\"/>\n"
		"  </file>\n"
		"  <file name=\"other/profiles.yml\">\n"
		"    <error line=\"3\" column=\"1\" severity=\"error\" "
		"message=\"cannot read the file\" "
		"source=\"floe-profiles.FP001\"/>\n"
		"  </file>\n"
		"</checkstyle>\n");
	free(out);
}

static void test_report_huge_positions_in_every_format(void **state)
{
	static const enum floe_format all[] = {
		FLOE_FORMAT_TEXT, FLOE_FORMAT_GCC, FLOE_FORMAT_JSON,
		FLOE_FORMAT_SARIF, FLOE_FORMAT_GITHUB, FLOE_FORMAT_GITLAB,
		FLOE_FORMAT_JUNIT, FLOE_FORMAT_CHECKSTYLE,
	};
	struct floe_diag items[] = {
		diag(FLOE_SEV_ERROR, FLOE_FP101, "a.yml", 4294967295u, 4294967294u,
		     4294967295u, 4294967295u, msg_syntax),
		diag(FLOE_SEV_NOTE, FLOE_RULE_NONE, "a.yml", 4294967295u, 4294967295u,
		     4294967295u, 4294967295u, msg_note),
	};
	struct floe_diags d = list(items, 2);

	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		char *out = render(all[i], &d, false);

		assert_non_null(strstr(out, "4294967295"));
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_format_names_parse),
		cmocka_unit_test(test_report_unknown_format_name_is_refused),
		cmocka_unit_test(test_report_text_groups_by_file),
		cmocka_unit_test(test_report_text_has_colour_only_when_asked),
		cmocka_unit_test(test_report_colour_is_for_text_only),
		cmocka_unit_test(test_report_gcc_lines_with_info_as_note),
		cmocka_unit_test(test_report_gcc_without_position_or_file),
		cmocka_unit_test(test_report_json_entries_carry_their_notes),
		cmocka_unit_test(test_report_json_of_nothing_is_an_empty_array),
		cmocka_unit_test(test_report_json_escapes_strings),
		cmocka_unit_test(test_report_invalid_utf8_becomes_replacement),
		cmocka_unit_test(test_report_xml_escapes_markup_and_controls),
		cmocka_unit_test(test_report_sarif_when_clean),
		cmocka_unit_test(test_report_sarif_rules_have_help_and_levels),
		cmocka_unit_test(test_report_sarif_help_markdown_fences_examples),
		cmocka_unit_test(test_report_sarif_results_and_related_locations),
		cmocka_unit_test(test_report_sarif_regions),
		cmocka_unit_test(test_report_fingerprints_survive_unrelated_edits),
		cmocka_unit_test(test_report_sarif_failures_are_notifications),
		cmocka_unit_test(test_report_reads_the_registry_from_its_options),
		cmocka_unit_test(test_report_uses_the_registry_it_is_given),
		cmocka_unit_test(test_report_github_commands),
		cmocka_unit_test(test_report_github_escapes_data_and_properties),
		cmocka_unit_test(test_report_github_notes_travel_in_the_message),
		cmocka_unit_test(test_report_gitlab_code_quality),
		cmocka_unit_test(test_report_junit_suites_per_file),
		cmocka_unit_test(test_report_checkstyle_lists_every_file),
		cmocka_unit_test(test_report_huge_positions_in_every_format),
		cmocka_unit_test(test_report_every_format_of_nothing),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
