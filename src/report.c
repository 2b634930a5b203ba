#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"
#include "strbuf.h"

static const struct {
	char name[12];		/* held, not pointed at: src/pool.h */
	enum floe_format fmt;
} format_names[] = {
	{ "text", FLOE_FORMAT_TEXT }, { "gcc", FLOE_FORMAT_GCC },
	{ "json", FLOE_FORMAT_JSON }, { "sarif", FLOE_FORMAT_SARIF },
	{ "github", FLOE_FORMAT_GITHUB }, { "gitlab", FLOE_FORMAT_GITLAB },
	{ "junit", FLOE_FORMAT_JUNIT }, { "checkstyle", FLOE_FORMAT_CHECKSTYLE },
};

const char floe_format_names[] =
	"text, gcc, json, sarif, github, gitlab, junit, checkstyle";

int floe_format_parse(const char *s, enum floe_format *out)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]);
	     i++)
		if (!strcmp(s, format_names[i].name)) {
			*out = format_names[i].fmt;
			return 0;
		}
	return -1;
}

/*
 * The renderers append to one strbuf and read its sticky error once, at
 * the end of floe_report() (src/strbuf.h): put*() are short names only.
 */
struct out {
	struct strbuf sb;
	const struct floe_report_opts *opts;
	/* where the line of the last fingerprint was found */
	const struct floe_report_file *cur_file;
	unsigned cur_line;
	size_t cur_off;
};

static void put(struct out *o, const char *s)
{
	strbuf_adds(&o->sb, s);
}

static void putn(struct out *o, const char *s, size_t n)
{
	strbuf_add(&o->sb, s, n);
}

static void putf(struct out *o, const char *fmt, ...) FLOE_PRINTF(2, 3);
static void putf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&o->sb, fmt, ap);
	va_end(ap);
}

static void putc_(struct out *o, char c)
{
	strbuf_addch(&o->sb, c);
}

/* ---- the rule registry, through the options ---- */

static const struct floe_rule *rule_of(const struct out *o,
				       const struct floe_diag *g)
{
	const struct floe_report_rules *r = o->opts ? o->opts->rules : NULL;

	return r && r->get ? r->get(g->rule) : NULL;
}

/*
 * The id of a finding's rule ("FP101"), or NULL when it has none.  The
 * handle names the rule even when no registry came with the options (the
 * metadata, names and help, are then left out).
 */
static const char *rule_id(const struct out *o, const struct floe_diag *g)
{
	const struct floe_rule *r = rule_of(o, g);

	if (!r)
		r = floe_rule_get(g->rule);
	return r ? r->id : NULL;
}

static const char *rule_name(const struct out *o, const struct floe_diag *g)
{
	const struct floe_rule *r = rule_of(o, g);

	return r ? r->name : "";
}

static size_t rule_count(const struct out *o)
{
	const struct floe_report_rules *r = o->opts ? o->opts->rules : NULL;

	return r ? r->count() : 0;
}

static const struct floe_rule *rule_at(const struct out *o, size_t i)
{
	return o->opts->rules->at(i);
}

static size_t rule_index(const struct out *o, const struct floe_rule *r)
{
	for (size_t i = 0; i < rule_count(o); i++)
		if (rule_at(o, i) == r)
			return i;
	return 0;
}

static const char *file_of(const struct floe_diag *g)
{
	return g->loc.file ? g->loc.file : "floe-profiles";
}

/* The notes after items[i]: items[i + 1 .. i + n]. */
static size_t notes_of(const struct floe_diags *d, size_t i)
{
	size_t n = 0;

	while (i + 1 + n < d->nr &&
	       d->items[i + 1 + n].severity == FLOE_SEV_NOTE)
		n++;
	return n;
}

static const struct floe_diags *failures_of(const struct out *o)
{
	const struct floe_diags *f = o->opts ? o->opts->failures : NULL;

	return f && f->nr ? f : NULL;
}

/* ---- UTF-8 ---- */

/* The length of the valid UTF-8 sequence at s (1-4), or 0. */
static size_t utf8_len(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;	/* also stops at the NUL */
		v = v << 6 | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, past U+10FFFF */
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return n;
}

#define REPLACEMENT "\xEF\xBF\xBD"	/* U+FFFD in UTF-8 */

/* ---- text ---- */

static void text(struct out *o, const struct floe_diags *d, bool color)
{
	static const char *const sev_color[] = {
		"\033[36m", "\033[34m", "\033[33m", "\033[31m"
	};
	const char *cur = NULL;

	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		char pos[32];

		if (!cur || strcmp(cur, file_of(g))) {
			cur = file_of(g);
			if (i)
				putc_(o, '\n');
			put(o, color ? "\033[4m" : "");
			put(o, cur);
			put(o, color ? "\033[0m\n" : "\n");
		}
		snprintf(pos, sizeof(pos), "%u:%u", g->loc.start.line,
			 g->loc.start.column);
		putf(o, "  %-7s ", pos);
		put(o, color ? sev_color[g->severity] : "");
		putf(o, "%-7s", floe_severity_name(g->severity));
		put(o, color ? "\033[0m" : "");
		put(o, "  ");
		put(o, g->message);
		if (g->rule) {
			put(o, color ? "  \033[2m[" : "  [");
			put(o, rule_id(o, g));
			put(o, color ? "]\033[0m" : "]");
		}
		putc_(o, '\n');
	}
}

/* ---- gcc: the one printer of `file:line:col: severity: message` ---- */

static void gcc(struct out *o, const struct floe_diags *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		put(o, file_of(g));
		if (g->loc.start.line) {
			putf(o, ":%u", g->loc.start.line);
			if (g->loc.start.column)
				putf(o, ":%u", g->loc.start.column);
		}
		put(o, ": ");
		put(o, g->severity == FLOE_SEV_INFO ? "note"
			: floe_severity_name(g->severity));
		put(o, ": ");
		put(o, g->message);
		if (g->rule) {
			put(o, " [");
			put(o, rule_id(o, g));
			putc_(o, ']');
		}
		putc_(o, '\n');
	}
}

/* ---- JSON helpers ---- */

/*
 * The inside of a JSON string, from the first `len` bytes of str (up to a
 * NUL): escaped, invalid UTF-8 as U+FFFD.
 */
static void json_chars_n(struct out *o, const char *str, size_t len)
{
	/*
	 * 'x': a byte that goes in as it is (printable ASCII but '"' and
	 * '\\'), one test a byte; bytes from 0x80 start UTF-8, below.
	 */
	static const char plain[257] =
		"................" "................"	/* 0x00 - 0x1f */
		"xx.xxxxxxxxxxxxx" "xxxxxxxxxxxxxxxx"	/* 0x20 - 0x3f */
		"xxxxxxxxxxxxxxxx" "xxxxxxxxxxxx.xxx"	/* 0x40 - 0x5f */
		"xxxxxxxxxxxxxxxx" "xxxxxxxxxxxxxxx."	/* 0x60 - 0x7f */
		"................" "................"
		"................" "................"
		"................" "................"
		"................" "................";
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *end = s + len;

	while (s < end && *s) {
		const unsigned char *run = s;
		unsigned c, cp;
		size_t n;

		/* the common case, printable ASCII, goes in as one run */
		while (s < end && plain[*s] == 'x')
			s++;
		if (s > run)
			putn(o, (const char *)run, (size_t)(s - run));
		if (s == end || !*s)
			break;
		c = *s;
		if (c == '"' || c == '\\') {
			putc_(o, '\\');
			putc_(o, (char)c);
		} else if (c == '\n') {
			put(o, "\\n");
		} else if (c == '\t') {
			put(o, "\\t");
		} else if (c == '\r') {
			put(o, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			putf(o, "\\u%04x", c);
		} else if ((n = utf8_len(s, &cp)) && n <= (size_t)(end - s)) {
			/* C1 controls, U+FFFE and U+FFFF are valid JSON but
			 * not YAML, which reads a baseline back: escaped */
			if ((cp >= 0x80 && cp <= 0x9f) || cp == 0xfffe ||
			    cp == 0xffff)
				putf(o, "\\u%04x", cp);
			else
				putn(o, (const char *)s, n);
			s += n;
			continue;
		} else {
			put(o, "\\ufffd");
		}
		s++;
	}
}

static void json_chars(struct out *o, const char *s)
{
	json_chars_n(o, s, strlen(s));
}

static void json_str(struct out *o, const char *s)
{
	putc_(o, '"');
	json_chars(o, s);
	putc_(o, '"');
}

static unsigned end_line(const struct floe_diag *g)
{
	return g->loc.end.line ? g->loc.end.line : g->loc.start.line;
}

static unsigned end_col(const struct floe_diag *g)
{
	if (!g->loc.end.line ||
	    (g->loc.end.line == g->loc.start.line &&
	     g->loc.end.column <= g->loc.start.column))
		return g->loc.start.column + 1;
	return g->loc.end.column;
}

/* ---- fingerprints ---- */

/*
 * A finding's identity across unrelated edits: its rule, its file and
 * the text of the line it starts on (trimmed, runs of blanks as one), or
 * its message when that line is not known; then which occurrence of that
 * triple it is in the report.  Moving the line, or editing other lines,
 * keeps it; editing the line itself changes it.  FNV-1a, 64 bits.
 */
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const struct floe_report_file *source_of(const struct out *o,
					 const char *file)
{
	const struct floe_report_opts *op = o->opts;

	for (size_t i = 0; op && file && i < op->nr_files; i++)
		if (op->files[i].name && !strcmp(op->files[i].name, file))
			return &op->files[i];
	return NULL;
}

/* The text of line `line` (1-based) of t; NULL past its end. */
static const char *line_of(struct out *o, const struct floe_report_file *t,
			   unsigned line, size_t *len)
{
	size_t off;
	unsigned at;
	const char *nl;

	if (o->cur_file == t && o->cur_line && o->cur_line <= line) {
		at = o->cur_line;
		off = o->cur_off;
	} else {
		at = 1;
		off = 0;
	}
	while (at < line) {
		nl = off < t->len ? memchr(t->buf + off, '\n', t->len - off)
				  : NULL;
		if (!nl)
			return NULL;
		off = (size_t)(nl - t->buf) + 1;
		at++;
	}
	o->cur_file = t;
	o->cur_line = at;
	o->cur_off = off;
	nl = off < t->len ? memchr(t->buf + off, '\n', t->len - off) : NULL;
	*len = (nl ? (size_t)(nl - t->buf) : t->len) - off;
	return t->buf + off;
}

static uint64_t finding_hash(struct out *o, const struct floe_diag *g)
{
	const struct floe_report_file *t = source_of(o, g->loc.file);
	const char *line = NULL;
	size_t len = 0;
	uint64_t h = FNV_OFFSET;

	h = fnv(h, rule_id(o, g) ? rule_id(o, g) : "",
		rule_id(o, g) ? strlen(rule_id(o, g)) + 1 : 1);
	h = fnv(h, file_of(g), strlen(file_of(g)) + 1);
	if (t && g->loc.start.line)
		line = line_of(o, t, g->loc.start.line, &len);
	if (!line) {
		h = fnv(h, "m", 1);
		return fnv(h, g->message, strlen(g->message));
	}
	h = fnv(h, "l", 1);
	while (len && blank(line[0]))
		line++, len--;
	while (len && blank(line[len - 1]))
		len--;
	for (size_t i = 0; i < len; i++) {
		if (blank(line[i])) {
			while (i + 1 < len && blank(line[i + 1]))
				i++;
			h = fnv(h, " ", 1);
		} else {
			h = fnv(h, line + i, 1);
		}
	}
	return h;
}

/*
 * Fingerprints of d's findings (notes get 0), each with the occurrence
 * of its hash among the findings before it.  NULL when out of memory.
 */
struct fingerprint {
	uint64_t hash;
	size_t occurrence;	/* 1-based */
};

static struct fingerprint *fingerprints(struct out *o,
					const struct floe_diags *d)
{
	struct fingerprint *f = calloc(d->nr ? d->nr : 1, sizeof(*f));

	if (!f) {
		strbuf_fail(&o->sb);
		return NULL;
	}
	for (size_t i = 0; i < d->nr; i++) {
		if (d->items[i].severity == FLOE_SEV_NOTE)
			continue;
		f[i].hash = finding_hash(o, &d->items[i]);
		f[i].occurrence = 1;
		for (size_t j = i; j-- > 0;)
			if (f[j].occurrence && f[j].hash == f[i].hash) {
				f[i].occurrence = f[j].occurrence + 1;
				break;
			}
	}
	return f;
}

static void fingerprint_text(const struct fingerprint *f, char *buf,
			     size_t size)
{
	snprintf(buf, size, "%016llx:%zu", (unsigned long long)f->hash,
		 f->occurrence);
}

static void put_fingerprint(struct out *o, const struct fingerprint *f)
{
	char buf[FLOE_FINGERPRINT_SIZE];

	fingerprint_text(f, buf, sizeof(buf));
	putc_(o, '"');
	put(o, buf);
	putc_(o, '"');
}

enum floe_err floe_report_fingerprints(const struct floe_diags *d,
				       const struct floe_report_opts *opts,
				       struct floe_fingerprint **out)
{
	static const struct floe_report_opts none;
	struct out o = { STRBUF_INIT, opts ? opts : &none, NULL, 0, 0 };
	struct fingerprint *f = fingerprints(&o, d);
	struct floe_fingerprint *t;

	strbuf_release(&o.sb);	/* only its error was used */
	if (!f)
		return FLOE_ERR_NOMEM;
	t = calloc(d->nr ? d->nr : 1, sizeof(*t));
	if (!t) {
		free(f);
		return FLOE_ERR_NOMEM;
	}
	for (size_t i = 0; i < d->nr; i++)
		if (f[i].occurrence)
			fingerprint_text(&f[i], t[i].text, sizeof(t[i].text));
	free(f);
	*out = t;
	return FLOE_OK;
}

/* A failure's fingerprint: what failed, where. */
static void put_failure_fingerprint(struct out *o, const struct floe_diag *g)
{
	uint64_t h = fnv(FNV_OFFSET, "failure", 8);

	h = fnv(h, file_of(g), strlen(file_of(g)) + 1);
	h = fnv(h, g->message, strlen(g->message));
	putf(o, "\"%016llx:%u:%u\"", (unsigned long long)h, g->loc.start.line,
	     g->loc.start.column);
}

/* ---- json ---- */

static void json_position(struct out *o, const struct floe_diag *g)
{
	put(o, "\"file\": ");
	json_str(o, file_of(g));
	putf(o, ", \"line\": %u, \"column\": %u", g->loc.start.line,
	     g->loc.start.column);
	/* no position (a file that could not be read): all zero */
	putf(o, ", \"end_line\": %u, \"end_column\": %u", end_line(g),
	     g->loc.start.line ? end_col(g) : 0);
}

/* A fix that may be shown: one whose new text holds no secret. */
static const struct floe_fix *shown_fix(const struct floe_fix *f)
{
	return f && !f->secret && f->nr ? f : NULL;
}

static const char *fix_safety(const struct floe_fix *f)
{
	return f->safety == FLOE_FIX_SAFE ? "safe" : "unsafe";
}

/*
 * json's "fix", when the finding has one: what `lint --fix` would change for this finding
 * (docs/lint.md, "Fixes"): its safety, a message and the edits, each a
 * region of the file as read (lines and columns as for the finding,
 * and byte offsets) and the text that replaces it.
 */
static void json_fix(struct out *o, const struct floe_fix *f)
{
	f = shown_fix(f);
	if (!f)
		return;		/* no key: a finding without a fix */
	put(o, ", \"fix\": {\"applicability\": ");
	json_str(o, fix_safety(f));
	put(o, ", \"message\": ");
	json_str(o, f->message);
	put(o, ", \"edits\": [");
	for (size_t k = 0; k < f->nr; k++) {
		const struct floe_edit *e = &f->edits[k];

		putf(o, "%s{\"line\": %u, \"column\": %u, \"end_line\": %u, "
		     "\"end_column\": %u, \"offset\": %zu, \"end_offset\": "
		     "%zu, \"content\": ", k ? ", " : "", e->from.line,
		     e->from.column, e->to.line, e->to.column, e->start,
		     e->end);
		putc_(o, '"');
		json_chars_n(o, e->text, e->len);
		put(o, "\"}");
	}
	put(o, "]}");
}

static void json_entry(struct out *o, const struct floe_diags *d, size_t i,
		       const char *kind)
{
	const struct floe_diag *g = &d->items[i];
	size_t nn = strcmp(kind, "finding") ? 0 : notes_of(d, i);

	put(o, "{\"kind\": ");
	json_str(o, kind);
	put(o, ", ");
	json_position(o, g);
	put(o, ", \"severity\": ");
	json_str(o, floe_severity_name(g->severity));
	put(o, ", \"rule\": ");
	json_str(o, rule_id(o, g) ? rule_id(o, g) : "");
	put(o, ", \"name\": ");
	json_str(o, rule_name(o, g));
	put(o, ", \"message\": ");
	json_str(o, g->message);
	put(o, ", \"related\": [");
	for (size_t k = 1; k <= nn; k++) {
		const struct floe_diag *n = &d->items[i + k];

		put(o, k > 1 ? ", {" : "{");
		json_position(o, n);
		put(o, ", \"message\": ");
		json_str(o, n->message);
		put(o, "}");
	}
	put(o, "]");
	if (!strcmp(kind, "finding"))
		json_fix(o, g->fix);
	put(o, "}");
}

static void json(struct out *o, const struct floe_diags *d)
{
	const struct floe_diags *f = failures_of(o);
	size_t n = 0;

	put(o, "[");
	for (size_t i = 0; i < d->nr; i++) {
		if (d->items[i].severity == FLOE_SEV_NOTE)
			continue;
		put(o, n++ ? ",\n  " : "\n  ");
		json_entry(o, d, i, "finding");
	}
	for (size_t i = 0; f && i < f->nr; i++) {
		put(o, n++ ? ",\n  " : "\n  ");
		json_entry(o, f, i, "failure");
	}
	put(o, n ? "\n]\n" : "]\n");
}

/* ---- baseline ---- */

/*
 * A baseline (docs/lint.md#baseline): the fingerprint of each finding,
 * with its rule, file and message for the people who review it; no line,
 * so that an edit elsewhere leaves a rewritten baseline unchanged.
 */
enum floe_err floe_report_baseline(const struct floe_diags *d,
				   const struct floe_report_opts *opts,
				   char **out, size_t *len)
{
	static const struct floe_report_opts none;
	struct out o = { STRBUF_INIT, opts ? opts : &none, NULL, 0, 0 };
	struct fingerprint *fp = fingerprints(&o, d);
	size_t n = 0;

	if (!fp) {
		strbuf_release(&o.sb);
		return FLOE_ERR_NOMEM;
	}
	put(&o, "{\n  \"version\": 1,\n  \"tool\": \"floe-profiles\",\n"
		"  \"findings\": [");
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(&o, n++ ? ",\n    {" : "\n    {");
		put(&o, "\"fingerprint\": ");
		put_fingerprint(&o, &fp[i]);
		put(&o, ", \"rule\": ");
		json_str(&o, rule_id(&o, g) ? rule_id(&o, g) : "");
		put(&o, ", \"file\": ");
		json_str(&o, file_of(g));
		put(&o, ", \"message\": ");
		json_str(&o, g->message);
		put(&o, "}");
	}
	put(&o, n ? "\n  ]\n}\n" : "]\n}\n");
	free(fp);
	*out = strbuf_detach(&o.sb, len);
	return *out ? FLOE_OK : FLOE_ERR_NOMEM;
}

/* ---- SARIF 2.1.0 ---- */

static void uri(struct out *o, const char *path)
{
	/* percent-encode all but RFC 3986 unreserved characters and '/' */
	putc_(o, '"');
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			putc_(o, (char)c);
		else
			putf(o, "%%%02X", c);
	}
	putc_(o, '"');
}

static const char *sarif_level(enum floe_severity s)
{
	return s == FLOE_SEV_ERROR ? "error"
	       : s == FLOE_SEV_WARNING ? "warning" : "note";
}

/*
 * The first paragraph of a rule's help (why it breaks), as a JSON
 * string of at most 1000 bytes: GitHub shows fullDescription and caps it
 * at 1024.
 */
static void first_paragraph(struct out *o, const char *help)
{
	const char *end = strstr(help, "\n\n");
	size_t n = end ? (size_t)(end - help) : strlen(help);
	char buf[1001];

	if (n > 1000) {
		n = 997;
		while (n && ((unsigned char)help[n] & 0xC0) == 0x80)
			n--;	/* do not split a UTF-8 character */
		memcpy(buf, help, n);
		memcpy(buf + n, "...", 4);
	} else {
		memcpy(buf, help, n);
		buf[n] = '\0';
	}
	json_str(o, buf);
}

/*
 * A rule's help as markdown: paragraphs stay, runs of lines indented by
 * two spaces (the examples) become YAML code blocks, as in rules.md.
 */
static void help_markdown(struct out *o, const char *help)
{
	const char *p = help;
	int in_code = 0;

	putc_(o, '"');
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int example = len >= 2 && p[0] == ' ' && p[1] == ' ';

		if (example != in_code && len) {
			put(o, example ? "```yaml\\n" : "```\\n");
			in_code = example;
		}
		if (!(in_code && !len)) {
			json_chars_n(o, p, len);
			put(o, "\\n");
		}
		p += len + (nl ? 1 : 0);
	}
	if (in_code)
		put(o, "```\\n");
	putc_(o, '"');
}

static void sarif_rule(struct out *o, const struct floe_rule *r)
{
	const char *url = o->opts->rules_url;

	put(o, "\"id\": ");
	json_str(o, r->id);
	put(o, ", \"name\": ");
	json_str(o, r->name);
	put(o, ", \"shortDescription\": {\"text\": ");
	json_str(o, r->summary);
	put(o, "}, \"fullDescription\": {\"text\": ");
	first_paragraph(o, r->help);
	put(o, "}, \"help\": {\"text\": ");
	json_str(o, r->help);
	put(o, ", \"markdown\": ");
	help_markdown(o, r->help);
	put(o, "}");
	if (url && *url) {
		put(o, ", \"helpUri\": \"");
		json_chars(o, url);
		putc_(o, '#');
		for (const char *p = r->id; *p; p++)
			putc_(o, *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p);
		putc_(o, '"');
	}
	/* an opt-in rule is off until configured: SARIF's "none" is a
	 * result level, not a configuration level, so it is said with
	 * "enabled" */
	put(o, ", \"defaultConfiguration\": {");
	if (r->opt_in)
		put(o, "\"enabled\": false, ");
	put(o, "\"level\": ");
	json_str(o, sarif_level(r->severity));
	put(o, "}, \"properties\": {\"tags\": [");
	json_str(o, r->family);
	put(o, "]}");
}

static void sarif_location(struct out *o, const struct floe_diag *g)
{
	put(o, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	uri(o, file_of(g));
	put(o, "}");
	if (g->loc.start.line) {
		unsigned sc = g->loc.start.column ? g->loc.start.column : 1;
		unsigned ec = end_col(g);

		/* an unknown column is 1: end after it, as for others */
		if (end_line(g) == g->loc.start.line && ec <= sc)
			ec = sc + 1;
		putf(o, ", \"region\": {\"startLine\": %u, ",
		     g->loc.start.line);
		putf(o, "\"startColumn\": %u, ", sc);
		putf(o, "\"endLine\": %u, \"endColumn\": %u}", end_line(g), ec);
	}
	put(o, "}");
}

/*
 * A result's "fixes": one fix, an artifactChange of the finding's file
 * with a replacement per edit (the region by line and column, in the
 * run's code points, and by byte); its safety as a property.
 */
static void sarif_fixes(struct out *o, const struct floe_diag *g)
{
	const struct floe_fix *f = shown_fix(g->fix);

	if (!f)
		return;
	put(o, ", \"fixes\": [{\"description\": {\"text\": ");
	json_str(o, f->message);
	put(o, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
	uri(o, file_of(g));
	put(o, "}, \"replacements\": [");
	for (size_t k = 0; k < f->nr; k++) {
		const struct floe_edit *e = &f->edits[k];

		putf(o, "%s{\"deletedRegion\": {\"startLine\": %u, "
		     "\"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u, "
		     "\"byteOffset\": %zu, \"byteLength\": %zu}, "
		     "\"insertedContent\": {\"text\": ", k ? ", " : "",
		     e->from.line, e->from.column, e->to.line, e->to.column,
		     e->start, e->end - e->start);
		putc_(o, '"');
		json_chars_n(o, e->text, e->len);
		put(o, "\"}}");
	}
	put(o, "]}], \"properties\": {\"applicability\": ");
	json_str(o, fix_safety(f));
	put(o, "}}]");
}

static void sarif_invocation(struct out *o)
{
	const struct floe_diags *f = failures_of(o);

	put(o, "    \"invocations\": [{\"executionSuccessful\": ");
	put(o, f ? "false" : "true");
	if (f) {
		put(o, ", \"toolExecutionNotifications\": [");
		for (size_t i = 0; i < f->nr; i++) {
			const struct floe_diag *g = &f->items[i];

			put(o, i ? ",\n      {" : "\n      {");
			put(o, "\"level\": ");
			json_str(o, g->severity == FLOE_SEV_ERROR ? "error"
				 : g->severity == FLOE_SEV_WARNING ? "warning"
				 : "note");
			put(o, ", \"message\": {\"text\": ");
			json_str(o, g->message);
			put(o, "}");
			if (g->loc.file) {
				put(o, ", \"locations\": [{");
				sarif_location(o, g);
				put(o, "}]");
			}
			put(o, "}");
		}
		put(o, "\n    ]");
	}
	put(o, "}],\n");
}

static void sarif(struct out *o, const struct floe_diags *d)
{
	const struct floe_report_opts *opts = o->opts;
	struct fingerprint *fp = fingerprints(o, d);
	size_t nr = rule_count(o), n = 0;

	if (!fp)
		return;
	put(o, "{\n  \"$schema\": \"https://json.schemastore.org/"
	       "sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	       "  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
	       "      \"name\": \"floe-profiles\",\n      \"version\": ");
	json_str(o, opts->tool_version ? opts->tool_version : "0");
	put(o, ",\n      \"rules\": [");
	for (size_t i = 0; i < nr; i++) {
		put(o, i ? ",\n        {" : "\n        {");
		sarif_rule(o, rule_at(o, i));
		put(o, "}");
	}
	put(o, nr ? "\n      ]\n    }},\n" : "]\n    }},\n");
	sarif_invocation(o);
	put(o, "    \"columnKind\": \"unicodeCodePoints\",\n"
	       "    \"results\": [");
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		const struct floe_rule *r = rule_of(o, g);
		size_t nn = notes_of(d, i);

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, n++ ? ",\n      {" : "\n      {");
		if (r) {
			put(o, "\"ruleId\": ");
			json_str(o, r->id);
			putf(o, ", \"ruleIndex\": %zu, ", rule_index(o, r));
		} else if (rule_id(o, g)) {
			put(o, "\"ruleId\": ");
			json_str(o, rule_id(o, g));
			put(o, ", ");
		}
		put(o, "\"level\": ");
		json_str(o, sarif_level(g->severity));
		put(o, ", \"message\": {\"text\": ");
		json_str(o, g->message);
		put(o, "}, \"locations\": [{");
		sarif_location(o, g);
		put(o, "}]");
		if (nn) {
			put(o, ", \"relatedLocations\": [");
			for (size_t k = 1; k <= nn; k++) {
				const struct floe_diag *note = &d->items[i + k];

				putf(o, "%s{\"id\": %zu, ", k > 1 ? ", " : "",
				     k);
				sarif_location(o, note);
				put(o, ", \"message\": {\"text\": ");
				json_str(o, note->message);
				put(o, "}}");
			}
			put(o, "]");
		}
		sarif_fixes(o, g);
		put(o, ", \"partialFingerprints\": {\"floeFindingHash/v1\": ");
		put_fingerprint(o, &fp[i]);
		put(o, "}}");
	}
	put(o, n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
	free(fp);
}

/* ---- GitHub Actions workflow commands ---- */

static void gh_escape(struct out *o, const char *str, bool property)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		unsigned cp;
		size_t n;

		if (*s == '%')
			put(o, "%25");
		else if (*s == '\r')
			put(o, "%0D");
		else if (*s == '\n')
			put(o, "%0A");
		else if (property && *s == ':')
			put(o, "%3A");
		else if (property && *s == ',')
			put(o, "%2C");
		else if (*s < 0x80)
			putc_(o, (char)*s);
		else if ((n = utf8_len(s, &cp))) {
			putn(o, (const char *)s, n);
			s += n;
			continue;
		} else
			put(o, REPLACEMENT);
		s++;
	}
}

/* " file=...,line=..." as far as known; 1 when anything was written */
static int gh_position(struct out *o, const struct floe_diag *g)
{
	if (!g->loc.file && !g->loc.start.line)
		return 0;
	put(o, " file=");
	gh_escape(o, file_of(g), true);
	if (g->loc.start.line) {
		putf(o, ",line=%u,col=%u", g->loc.start.line,
		     g->loc.start.column);
		putf(o, ",endLine=%u,endColumn=%u", end_line(g), end_col(g));
	}
	return 1;
}

/*
 * "note at LINE:COL: message" (FILE:LINE:COL when the note is in another
 * file than its finding), for formats without a place for related places
 */
static void note_line(struct out *o, const struct floe_diag *parent,
		      const struct floe_diag *n,
		      void (*esc)(struct out *, const char *))
{
	char pos[48];

	esc(o, "note");
	if (strcmp(file_of(n), file_of(parent)) || n->loc.start.line)
		esc(o, " at ");
	if (strcmp(file_of(n), file_of(parent))) {
		esc(o, file_of(n));
		if (n->loc.start.line)
			esc(o, ":");
	}
	if (n->loc.start.line) {
		snprintf(pos, sizeof(pos), "%u:%u", n->loc.start.line,
			 n->loc.start.column);
		esc(o, pos);
	}
	esc(o, ": ");
	esc(o, n->message);
}

static void gh_data(struct out *o, const char *s)
{
	gh_escape(o, s, false);
}

static void github(struct out *o, const struct floe_diags *d)
{
	const struct floe_diags *f = failures_of(o);

	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		size_t nn = notes_of(d, i);
		int props;

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, g->severity == FLOE_SEV_ERROR ? "::error"
		       : g->severity == FLOE_SEV_WARNING ? "::warning"
							 : "::notice");
		props = gh_position(o, g);
		if (g->rule) {
			put(o, props ? ",title=" : " title=");
			gh_escape(o, rule_id(o, g), true);
			if (*rule_name(o, g)) {
				putc_(o, ' ');
				gh_escape(o, rule_name(o, g), true);
			}
		}
		put(o, "::");
		gh_escape(o, g->message, false);
		/* the notes: more lines of the same annotation */
		for (size_t k = 1; k <= nn; k++) {
			put(o, "%0A");
			note_line(o, g, &d->items[i + k], gh_data);
		}
		putc_(o, '\n');
	}
	for (size_t i = 0; f && i < f->nr; i++) {
		put(o, "::error");
		put(o, gh_position(o, &f->items[i]) ? "," : " ");
		put(o, "title=floe-profiles could not check this::");
		gh_escape(o, f->items[i].message, false);
		putc_(o, '\n');
	}
}

/* ---- GitLab code quality (a subset of the Code Climate spec) ---- */

static const char *gitlab_severity(enum floe_severity s)
{
	return s == FLOE_SEV_ERROR ? "major"
	       : s == FLOE_SEV_WARNING ? "minor" : "info";
}

static void gitlab_location(struct out *o, const struct floe_diag *g)
{
	put(o, "{\"path\": ");
	json_str(o, file_of(g));
	putf(o, ", \"lines\": {\"begin\": %u, \"end\": %u}}",
	     g->loc.start.line ? g->loc.start.line : 1,
	     g->loc.start.line ? end_line(g) : 1);
}

static void gitlab(struct out *o, const struct floe_diags *d)
{
	const struct floe_diags *f = failures_of(o);
	struct fingerprint *fp = fingerprints(o, d);
	size_t n = 0;

	if (!fp)
		return;
	put(o, "[");
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		size_t nn = notes_of(d, i);

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, n++ ? ",\n  {" : "\n  {");
		put(o, "\"type\": \"issue\", \"check_name\": ");
		json_str(o, rule_id(o, g) ? rule_id(o, g) : "floe-profiles");
		put(o, ", \"description\": ");
		json_str(o, g->message);
		put(o, ", \"categories\": [\"Bug Risk\"], \"severity\": ");
		json_str(o, gitlab_severity(g->severity));
		put(o, ", \"fingerprint\": ");
		put_fingerprint(o, &fp[i]);
		put(o, ", \"location\": ");
		gitlab_location(o, g);
		if (nn) {
			put(o, ", \"other_locations\": [");
			for (size_t k = 1; k <= nn; k++) {
				put(o, k > 1 ? ", " : "");
				gitlab_location(o, &d->items[i + k]);
			}
			put(o, "]");
		}
		put(o, "}");
	}
	/* what could not be checked blocks: it must not read as clean */
	for (size_t i = 0; f && i < f->nr; i++) {
		const struct floe_diag *g = &f->items[i];

		put(o, n++ ? ",\n  {" : "\n  {");
		put(o, "\"type\": \"issue\", \"check_name\": "
		       "\"floe-profiles-failure\", \"description\": ");
		json_str(o, g->message);
		put(o, ", \"categories\": [\"Bug Risk\"], \"severity\": "
		       "\"blocker\", \"fingerprint\": ");
		put_failure_fingerprint(o, g);
		put(o, ", \"location\": ");
		gitlab_location(o, g);
		put(o, "}");
	}
	put(o, n ? "\n]\n" : "]\n");
	free(fp);
}

/* ---- XML (junit, checkstyle) ---- */

/*
 * XML 1.0 text or attribute value: markup escaped, line breaks and tabs
 * as references (kept in attributes), characters XML cannot hold (C0
 * controls, U+FFFE, U+FFFF) and invalid UTF-8 as U+FFFD.
 */
static void xml_chars(struct out *o, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		unsigned cp;
		size_t n;

		switch (*s) {
		case '&':
			put(o, "&amp;");
			break;
		case '<':
			put(o, "&lt;");
			break;
		case '>':
			put(o, "&gt;");
			break;
		case '"':
			put(o, "&quot;");
			break;
		case '\'':
			put(o, "&apos;");
			break;
		case '\n':
			put(o, "&#10;");
			break;
		case '\r':
			put(o, "&#13;");
			break;
		case '\t':
			put(o, "&#9;");
			break;
		default:
			if (*s < 0x20) {
				put(o, REPLACEMENT);
			} else if (*s < 0x80) {
				putc_(o, (char)*s);
			} else if ((n = utf8_len(s, &cp)) && cp != 0xFFFE &&
				   cp != 0xFFFF) {
				putn(o, (const char *)s, n);
				s += n;
				continue;
			} else {
				put(o, REPLACEMENT);
				s += n ? n : 1;
				continue;
			}
		}
		s++;
	}
}

static void xml_attr(struct out *o, const char *name, const char *value)
{
	putc_(o, ' ');
	put(o, name);
	put(o, "=\"");
	xml_chars(o, value);
	putc_(o, '"');
}

/*
 * The files of a report, each once, in order: those read, then those
 * only findings or failures name.  NULL when out of memory.
 */
static const char **report_files(struct out *o, const struct floe_diags *d,
				 size_t *nr)
{
	const struct floe_diags *f = failures_of(o);
	size_t max = o->opts->nr_files + d->nr + (f ? f->nr : 0), n = 0;
	const char **names = calloc(max ? max : 1, sizeof(*names));

	if (!names) {
		strbuf_fail(&o->sb);
		return NULL;
	}
	for (size_t pass = 0; pass < 3; pass++) {
		size_t count = pass == 0 ? o->opts->nr_files
			       : pass == 1 ? d->nr : f ? f->nr : 0;

		for (size_t i = 0; i < count; i++) {
			const char *name = pass == 0 ? o->opts->files[i].name
					   : pass == 1 ? file_of(&d->items[i])
					   : file_of(&f->items[i]);
			size_t j;

			for (j = 0; j < n; j++)
				if (!strcmp(names[j], name))
					break;
			if (j == n)
				names[n++] = name;
		}
	}
	*nr = n;
	return names;
}

static size_t count_in(const struct floe_diags *d, const char *file)
{
	size_t n = 0;

	for (size_t i = 0; d && i < d->nr; i++)
		n += d->items[i].severity != FLOE_SEV_NOTE &&
		     !strcmp(file_of(&d->items[i]), file);
	return n;
}

static void xml_position(struct out *o, const struct floe_diag *g)
{
	if (g->loc.start.line) {
		putf(o, " line=\"%u\"", g->loc.start.line);
		if (g->loc.start.column)
			putf(o, " column=\"%u\"", g->loc.start.column);
	}
}

/* The body of a junit failure: the gcc line, then its notes. */
static void junit_body(struct out *o, const struct floe_diags *d, size_t i)
{
	struct floe_diags one = FLOE_DIAGS_INIT;
	struct out line = { STRBUF_INIT, o->opts, NULL, 0, 0 };

	one.items = (struct floe_diag *)&d->items[i];
	one.nr = 1 + notes_of(d, i);
	gcc(&line, &one);
	if (strbuf_error(&line.sb))
		strbuf_fail(&o->sb);
	else
		xml_chars(o, line.sb.buf);
	strbuf_release(&line.sb);
}

static void junit(struct out *o, const struct floe_diags *d)
{
	const struct floe_diags *f = failures_of(o);
	size_t nr_files = 0, findings = 0;
	const char **files = report_files(o, d, &nr_files);

	if (!files)
		return;
	for (size_t i = 0; i < d->nr; i++)
		findings += d->items[i].severity != FLOE_SEV_NOTE;
	put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<testsuites name=\"floe-profiles\"");
	/* a file without findings or failures is one passing test */
	{
		size_t tests = findings + (f ? f->nr : 0);

		for (size_t k = 0; k < nr_files; k++)
			tests += !count_in(d, files[k]) &&
				 !count_in(f, files[k]);
		putf(o, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
		     tests, findings, f ? f->nr : 0);
	}
	for (size_t k = 0; k < nr_files; k++) {
		const char *file = files[k];
		size_t nf = count_in(d, file), ne = count_in(f, file);

		put(o, "  <testsuite");
		xml_attr(o, "name", file);
		putf(o, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
		     nf + ne ? nf + ne : 1, nf, ne);
		if (!nf && !ne) {
			put(o, "    <testcase name=\"floe-profiles\"");
			xml_attr(o, "classname", file);
			xml_attr(o, "file", file);
			put(o, "/>\n");
		}
		for (size_t i = 0; i < d->nr; i++) {
			const struct floe_diag *g = &d->items[i];
			char name[160];

			if (g->severity == FLOE_SEV_NOTE ||
			    strcmp(file_of(g), file))
				continue;
			snprintf(name, sizeof(name), "%s%s%s at %u:%u",
				 rule_id(o, g) ? rule_id(o, g) : "floe-profiles",
				 *rule_name(o, g) ? " " : "", rule_name(o, g),
				 g->loc.start.line, g->loc.start.column);
			put(o, "    <testcase");
			xml_attr(o, "name", name);
			xml_attr(o, "classname", file);
			xml_attr(o, "file", file);
			if (g->loc.start.line)
				putf(o, " line=\"%u\"", g->loc.start.line);
			put(o, ">\n      <failure");
			xml_attr(o, "type", floe_severity_name(g->severity));
			xml_attr(o, "message", g->message);
			put(o, ">");
			junit_body(o, d, i);
			put(o, "</failure>\n    </testcase>\n");
		}
		for (size_t i = 0; f && i < f->nr; i++) {
			const struct floe_diag *g = &f->items[i];

			if (strcmp(file_of(g), file))
				continue;
			put(o, "    <testcase name=\"floe-profiles could not "
			       "check this\"");
			xml_attr(o, "classname", file);
			xml_attr(o, "file", file);
			put(o, ">\n      <error type=\"failure\"");
			xml_attr(o, "message", g->message);
			put(o, "/>\n    </testcase>\n");
		}
		put(o, "  </testsuite>\n");
	}
	put(o, "</testsuites>\n");
	free(files);
}

static void checkstyle(struct out *o, const struct floe_diags *d)
{
	const struct floe_diags *f = failures_of(o);
	size_t nr_files = 0;
	const char **files = report_files(o, d, &nr_files);

	if (!files)
		return;
	put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<checkstyle version=\"4.3\">\n");
	for (size_t k = 0; k < nr_files; k++) {
		put(o, "  <file");
		xml_attr(o, "name", files[k]);
		put(o, ">\n");
		for (size_t i = 0; i < d->nr; i++) {
			const struct floe_diag *g = &d->items[i];
			char source[64];

			if (g->severity == FLOE_SEV_NOTE ||
			    strcmp(file_of(g), files[k]))
				continue;
			put(o, "    <error");
			xml_position(o, g);
			xml_attr(o, "severity",
				 floe_severity_name(g->severity));
			xml_attr(o, "message", g->message);
			snprintf(source, sizeof(source), "floe-profiles.%s",
				 rule_id(o, g) ? rule_id(o, g) : "finding");
			xml_attr(o, "source", source);
			put(o, "/>\n");
		}
		for (size_t i = 0; f && i < f->nr; i++) {
			const struct floe_diag *g = &f->items[i];

			if (strcmp(file_of(g), files[k]))
				continue;
			put(o, "    <error");
			xml_position(o, g);
			xml_attr(o, "severity", "error");
			xml_attr(o, "message", g->message);
			xml_attr(o, "source", "floe-profiles.failure");
			put(o, "/>\n");
		}
		put(o, "  </file>\n");
	}
	put(o, "</checkstyle>\n");
	free(files);
}

enum floe_err floe_report(enum floe_format fmt, const struct floe_diags *d,
			  const struct floe_report_opts *opts, char **out,
			  size_t *len)
{
	static const struct floe_report_opts none;
	struct out o = { STRBUF_INIT, opts ? opts : &none, NULL, 0, 0 };

	switch (fmt) {
	case FLOE_FORMAT_TEXT:
		text(&o, d, o.opts->color);
		break;
	case FLOE_FORMAT_GCC:
		gcc(&o, d);
		break;
	case FLOE_FORMAT_JSON:
		json(&o, d);
		break;
	case FLOE_FORMAT_SARIF:
		sarif(&o, d);
		break;
	case FLOE_FORMAT_GITHUB:
		github(&o, d);
		break;
	case FLOE_FORMAT_GITLAB:
		gitlab(&o, d);
		break;
	case FLOE_FORMAT_JUNIT:
		junit(&o, d);
		break;
	case FLOE_FORMAT_CHECKSTYLE:
		checkstyle(&o, d);
		break;
	}
	*out = strbuf_detach(&o.sb, len);
	return *out ? FLOE_OK : FLOE_ERR_NOMEM;
}
