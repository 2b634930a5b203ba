#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "floe/lint.h"
#include "floe/report.h"
#include "strbuf.h"

int floe_format_parse(const char *s, enum floe_format *out)
{
	static const struct {
		const char *name;
		enum floe_format fmt;
	} names[] = {
		{ "text", FLOE_FORMAT_TEXT }, { "gcc", FLOE_FORMAT_GCC },
		{ "json", FLOE_FORMAT_JSON }, { "sarif", FLOE_FORMAT_SARIF },
		{ "github", FLOE_FORMAT_GITHUB },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].fmt;
			return 0;
		}
	return -1;
}

/* Sticky-error wrapper so the renderers read as plain sequences. */
struct out {
	struct strbuf sb;
	int failed;
};

static void put(struct out *o, const char *s)
{
	if (!o->failed && strbuf_adds(&o->sb, s))
		o->failed = 1;
}

static void putf(struct out *o, const char *fmt, ...) FLOE_PRINTF(2, 3);
static void putf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char buf[64];
	int n;

	if (o->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf) || strbuf_adds(&o->sb, buf))
		o->failed = 1;
}

static void putc_(struct out *o, char c)
{
	if (!o->failed && strbuf_addch(&o->sb, c))
		o->failed = 1;
}

static const char *rule_name(const char *id)
{
	const struct floe_rule *r = id ? floe_rule_find(id) : NULL;

	return r ? r->name : "";
}

static const char *file_of(const struct floe_diag *g)
{
	return g->loc.file ? g->loc.file : "floe-profiles";
}

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
			put(o, g->rule);
			put(o, color ? "]\033[0m" : "]");
		}
		putc_(o, '\n');
	}
}

/* ---- gcc ---- */

static void gcc(struct out *o, const struct floe_diags *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		put(o, file_of(g));
		if (g->loc.start.line)
			putf(o, ":%u:%u", g->loc.start.line,
			     g->loc.start.column);
		put(o, ": ");
		put(o, g->severity == FLOE_SEV_INFO ? "note"
			: floe_severity_name(g->severity));
		put(o, ": ");
		put(o, g->message);
		if (g->rule) {
			put(o, " [");
			put(o, g->rule);
			putc_(o, ']');
		}
		putc_(o, '\n');
	}
}

/* ---- JSON helpers ---- */

static void json_str(struct out *o, const char *s)
{
	putc_(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

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
		} else {
			putc_(o, (char)c);
		}
	}
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

static void json(struct out *o, const struct floe_diags *d)
{
	size_t n = 0;

	put(o, "[");
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, n++ ? ",\n  {" : "\n  {");
		put(o, "\"file\": ");
		json_str(o, file_of(g));
		putf(o, ", \"line\": %u, \"column\": %u", g->loc.start.line,
		     g->loc.start.column);
		putf(o, ", \"end_line\": %u, \"end_column\": %u", end_line(g),
		     end_col(g));
		put(o, ", \"severity\": ");
		json_str(o, floe_severity_name(g->severity));
		put(o, ", \"rule\": ");
		json_str(o, g->rule ? g->rule : "");
		put(o, ", \"name\": ");
		json_str(o, rule_name(g->rule));
		put(o, ", \"message\": ");
		json_str(o, g->message);
		put(o, "}");
	}
	put(o, n ? "\n]\n" : "]\n");
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

static size_t rule_index(const struct floe_rule *r)
{
	for (size_t i = 0; i < floe_rule_count(); i++)
		if (floe_rule_at(i) == r)
			return i;
	return 0;
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

static void sarif(struct out *o, const struct floe_diags *d,
		  const struct floe_report_opts *opts)
{
	size_t nr = floe_rule_count(), n = 0;

	put(o, "{\n  \"$schema\": \"https://json.schemastore.org/"
	       "sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	       "  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
	       "      \"name\": \"floe-profiles\",\n      \"version\": ");
	json_str(o, opts && opts->tool_version ? opts->tool_version : "0");
	put(o, ",\n      \"rules\": [");
	for (size_t i = 0; i < nr; i++) {
		const struct floe_rule *r = floe_rule_at(i);

		put(o, i ? ",\n        {" : "\n        {");
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
		put(o, "}, \"defaultConfiguration\": {\"level\": ");
		json_str(o, r->opt_in ? "none" : sarif_level(r->severity));
		put(o, "}, \"properties\": {\"tags\": [");
		json_str(o, r->family);
		put(o, "]}}");
	}
	put(o, "\n      ]\n    }},\n    \"columnKind\": "
	       "\"unicodeCodePoints\",\n    \"results\": [");
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		const struct floe_rule *r = g->rule ? floe_rule_find(g->rule)
						    : NULL;

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, n++ ? ",\n      {" : "\n      {");
		if (r) {
			put(o, "\"ruleId\": ");
			json_str(o, r->id);
			putf(o, ", \"ruleIndex\": %zu, ", rule_index(r));
		}
		put(o, "\"level\": ");
		json_str(o, sarif_level(g->severity));
		put(o, ", \"message\": {\"text\": ");
		json_str(o, g->message);
		put(o, "}, \"locations\": [{\"physicalLocation\": {"
		       "\"artifactLocation\": {\"uri\": ");
		uri(o, file_of(g));
		put(o, "}");
		if (g->loc.start.line) {
			unsigned sc = g->loc.start.column ?
				      g->loc.start.column : 1;
			unsigned ec = end_col(g);

			/* an unknown column is 1: end after it, as for others */
			if (end_line(g) == g->loc.start.line && ec <= sc)
				ec = sc + 1;
			/* one putf each: ten-digit numbers overflow its buffer */
			putf(o, ", \"region\": {\"startLine\": %u, ",
			     g->loc.start.line);
			putf(o, "\"startColumn\": %u, ", sc);
			putf(o, "\"endLine\": %u, \"endColumn\": %u}",
			     end_line(g), ec);
		}
		put(o, "}}]}");
	}
	put(o, n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
}

/* ---- GitHub Actions workflow commands ---- */

static void gh_escape(struct out *o, const char *s, bool property)
{
	for (; *s; s++) {
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
		else
			putc_(o, *s);
	}
}

static void github(struct out *o, const struct floe_diags *d)
{
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];
		char title[96];

		if (g->severity == FLOE_SEV_NOTE)
			continue;
		put(o, g->severity == FLOE_SEV_ERROR ? "::error"
		       : g->severity == FLOE_SEV_WARNING ? "::warning"
							 : "::notice");
		put(o, " file=");
		gh_escape(o, file_of(g), true);
		if (g->loc.start.line) {
			putf(o, ",line=%u,col=%u", g->loc.start.line,
			     g->loc.start.column);
			putf(o, ",endLine=%u,endColumn=%u", end_line(g),
			     end_col(g));
		}
		if (g->rule) {
			snprintf(title, sizeof(title), "%s %s", g->rule,
				 rule_name(g->rule));
			put(o, ",title=");
			gh_escape(o, title, true);
		}
		put(o, "::");
		gh_escape(o, g->message, false);
		putc_(o, '\n');
	}
}

enum floe_err floe_report(enum floe_format fmt, const struct floe_diags *d,
			  const struct floe_report_opts *opts, char **out,
			  size_t *len)
{
	struct out o = { STRBUF_INIT, 0 };

	switch (fmt) {
	case FLOE_FORMAT_TEXT:
		text(&o, d, opts && opts->color);
		break;
	case FLOE_FORMAT_GCC:
		gcc(&o, d);
		break;
	case FLOE_FORMAT_JSON:
		json(&o, d);
		break;
	case FLOE_FORMAT_SARIF:
		sarif(&o, d, opts);
		break;
	case FLOE_FORMAT_GITHUB:
		github(&o, d);
		break;
	}
	if (o.failed) {
		strbuf_release(&o.sb);
		return FLOE_ERR_NOMEM;
	}
	*out = strbuf_detach(&o.sb, len);
	return *out ? FLOE_OK : FLOE_ERR_NOMEM;
}
