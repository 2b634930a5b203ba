/*
 * Helpers shared by the fuzz harnesses and tests/fuzz/replay.c: a fixed
 * environment (for use_env, a platform and a manifest to lint against,
 * every rule at error), and the UTF-8, JSON and SARIF checks the report
 * invariants use.  What does not depend on the input is built (and
 * checked) once per process: a fuzzer runs millions of inputs.
 */
#include <string.h>

#include "floe/diag.h"
#include "floe/lint.h"
#include "floe/platform.h"
#include "floe/report.h"
#include "fuzz.h"

int floe_fuzz_thorough;

static const char platform_yaml[] =
	"version: \"1.2.0\"\n"
	"storage:\n"
	"  default:\n"
	"    type: s3\n"
	"    endpoint: \"http://localstack:4566\"\n"
	"    region: us-east-1\n"
	"    bucket: iceberg-data\n"
	"    path_style_access: true\n"
	"    credentials:\n"
	"      mode: static\n"
	"      secret_ref: aws-credentials\n"
	"catalogs:\n"
	"  default:\n"
	"    type: polaris\n"
	"    uri: \"http://polaris:8181/api/catalog\"\n"
	"    warehouse: demo_catalog\n"
	"    namespace: default\n"
	"    credentials:\n"
	"      mode: oauth2\n"
	"      client_id:\n"
	"        secret_ref: polaris-client-id\n"
	"      client_secret:\n"
	"        secret_ref: polaris-client-secret\n"
	"      scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"\n"
	"    access_delegation: vended-credentials\n"
	"compute:\n"
	"  default:\n"
	"    type: duckdb\n"
	"    properties:\n"
	"      path: \"/tmp/floe.duckdb\"\n"
	"      threads: 4\n";

struct floe_platform *floe_fuzz_load_fixed(const char *name, const char *buf,
					   size_t len)
{
	struct floe_diags d = FLOE_DIAGS_INIT;
	struct floe_platform *p = NULL;

	FUZZ_CHECK(floe_platform_load(name, buf, len, NULL, &p, &d) ==
		   FLOE_OK);
	floe_diags_release(&d);
	return p;
}

struct floe_platform *floe_fuzz_fixed_platform(void)
{
	static struct floe_platform *p;

	if (!p)
		p = floe_fuzz_load_fixed("fuzz/platform.yaml", platform_yaml,
					 sizeof(platform_yaml) - 1);
	return p;
}

static const char manifest_yaml[] =
	"apiVersion: floe.dev/v1\n"
	"kind: Manifest\n"
	"plugins:\n"
	"  compute:\n"
	"    type: duckdb\n"
	"    config:\n"
	"      path: /data/prod.duckdb\n"
	"      threads: 2\n"
	"  catalog:\n"
	"    type: polaris\n"
	"    config:\n"
	"      uri: https://polaris.example.com/api/catalog\n"
	"      warehouse: prod_wh\n"
	"      oauth2:\n"
	"        client_id: {secret_ref: polaris-client-id}\n"
	"        client_secret: {secret_ref: polaris-client-secret}\n"
	"        scope: PRINCIPAL_ROLE:ALL\n"
	"  storage:\n"
	"    type: s3\n"
	"    config:\n"
	"      bucket: lake\n"
	"      region: eu-west-1\n";

struct floe_platform *floe_fuzz_fixed_manifest(void)
{
	static struct floe_platform *p;

	if (!p)
		p = floe_fuzz_load_fixed("fuzz/manifest.yaml", manifest_yaml,
					 sizeof(manifest_yaml) - 1);
	return p;
}

const struct floe_platform *floe_fuzz_platform_for(const char *output,
						   void *arg)
{
	(void)arg;
	FUZZ_CHECK(output != NULL);
	if (!strcmp(output, "prod"))
		return floe_fuzz_fixed_manifest();
	return NULL;
}

const enum floe_level *floe_fuzz_error_levels(void)
{
	static enum floe_level levels[FLOE_RULE__COUNT];
	static int done;
	size_t nr = floe_rule_count();

	if (!done) {
		FUZZ_CHECK(nr <= FLOE_RULE__COUNT);
		for (size_t i = 0; i < nr; i++)
			levels[i] = FLOE_LEVEL_ERROR;
		done = 1;
	}
	return levels;
}

void floe_fuzz_lint_env(struct floe_lint_options *opt)
{
	opt->use_env = true;
	opt->getenv_fn = floe_fuzz_getenv;
	opt->platform = floe_fuzz_fixed_platform();
}

const char *floe_fuzz_getenv(const char *name)
{
	static const char *const values[] = {
		NULL,
		"",
		"value",
		"http://localhost:8181/api/catalog",
		"{{ env_var('FUZZ') }}",
		"quote ' double \" back \\ colon: hash #",
		"line\nbreak\ttab",
		"PRINCIPAL_ROLE:ALL",
		"s3://bucket/path",
		"caf\xc3\xa9 \xe2\x82\xac",
	};
	unsigned h = 5381;

	if (!name)
		return NULL;
	if (!strcmp(name, "POLARIS_CLIENT_ID"))
		return "client";
	if (!strcmp(name, "POLARIS_CLIENT_SECRET"))
		return "s3cr3t";
	for (const char *p = name; *p; p++)
		h = h * 33u + (unsigned char)*p;
	return values[h % (sizeof(values) / sizeof(values[0]))];
}

int floe_fuzz_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* ---- a small recursive-descent JSON checker ---- */

struct json {
	const char *s;
	size_t len, i;
	unsigned depth;
	/* a value at skip_at, already checked, ends at skip_end (0: none) */
	size_t skip_at, skip_end;
};

static int json_value(struct json *j);

static void json_ws(struct json *j)
{
	while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) && j->s[j->i])
		j->i++;
}

static int json_lit(struct json *j, const char *lit)
{
	size_t n = strlen(lit);

	if (j->len - j->i < n || memcmp(j->s + j->i, lit, n))
		return 0;
	j->i += n;
	return 1;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static int json_string(struct json *j)
{
	if (j->i >= j->len || j->s[j->i] != '"')
		return 0;
	j->i++;
	while (j->i < j->len) {
		unsigned char c = (unsigned char)j->s[j->i++];

		if (c == '"')
			return 1;
		if (c < 0x20)
			return 0;
		if (c != '\\')
			continue;
		if (j->i >= j->len)
			return 0;
		c = (unsigned char)j->s[j->i++];
		if (c == 'u') {
			if (j->len - j->i < 4)
				return 0;
			for (int k = 0; k < 4; k++)
				if (!is_hex(j->s[j->i++]))
					return 0;
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return 0;
		}
	}
	return 0;
}

static int json_digits(struct json *j)
{
	size_t start = j->i;

	while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
		j->i++;
	return j->i > start;
}

static int json_number(struct json *j)
{
	if (j->i < j->len && j->s[j->i] == '-')
		j->i++;
	if (j->i < j->len && j->s[j->i] == '0')
		j->i++;
	else if (!json_digits(j))
		return 0;
	if (j->i < j->len && j->s[j->i] == '.') {
		j->i++;
		if (!json_digits(j))
			return 0;
	}
	if (j->i < j->len && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->len && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		if (!json_digits(j))
			return 0;
	}
	return 1;
}

static int json_members(struct json *j, char close, int object)
{
	json_ws(j);
	if (j->i < j->len && j->s[j->i] == close) {
		j->i++;
		return 1;
	}
	for (;;) {
		json_ws(j);
		if (object) {
			if (!json_string(j))
				return 0;
			json_ws(j);
			if (j->i >= j->len || j->s[j->i++] != ':')
				return 0;
		}
		if (!json_value(j))
			return 0;
		json_ws(j);
		if (j->i >= j->len)
			return 0;
		if (j->s[j->i] == close) {
			j->i++;
			return 1;
		}
		if (j->s[j->i++] != ',')
			return 0;
	}
}

static int json_value(struct json *j)
{
	int ok;

	json_ws(j);
	if (j->i >= j->len)
		return 0;
	if (j->skip_end && j->i == j->skip_at) {
		j->i = j->skip_end;
		return 1;
	}
	switch (j->s[j->i]) {
	case '{':
	case '[':
		if (++j->depth > 64)
			return 0;
		j->i++;
		ok = json_members(j, j->s[j->i - 1] == '{' ? '}' : ']',
				  j->s[j->i - 1] == '{');
		j->depth--;
		return ok;
	case '"':
		return json_string(j);
	case 't':
		return json_lit(j, "true");
	case 'f':
		return json_lit(j, "false");
	case 'n':
		return json_lit(j, "null");
	default:
		return json_number(j);
	}
}

static int json_doc(struct json *j)
{
	if (!json_value(j))
		return 0;
	json_ws(j);
	return j->i == j->len;
}

int floe_fuzz_json_valid(const char *s, size_t len)
{
	struct json j = { s, len, 0, 0, 0, 0 };

	return json_doc(&j);
}

/*
 * The start of the first SARIF report checked, up to the end of its rule
 * table: about 94 KB that do not depend on the findings.  A later report
 * that starts with the same bytes has them checked already.
 */
static struct {
	char *bytes;
	size_t len;	/* up to and with the table's ']' */
	size_t table;	/* offset of the table's '[' */
} sarif_head;

static void sarif_remember(const char *s, size_t len)
{
	static const char key[] = "\"rules\": [";
	const char *at = strstr(s, key);
	struct json j = { s, len, 0, 0, 0, 0 };

	if (!at)
		return;
	j.i = (size_t)(at - s) + sizeof(key) - 2;
	FUZZ_CHECK(json_value(&j));
	sarif_head.bytes = malloc(j.i);
	FUZZ_CHECK(sarif_head.bytes != NULL);
	memcpy(sarif_head.bytes, s, j.i);
	sarif_head.len = j.i;
	sarif_head.table = (size_t)(at - s) + sizeof(key) - 2;
}

void floe_fuzz_check_sarif(const char *s, size_t len)
{
	floe_fuzz_check_buf(s, len);
	if (sarif_head.bytes && len > sarif_head.len &&
	    !memcmp(s, sarif_head.bytes, sarif_head.len)) {
		/* the same parser over the same bytes reaches the table in
		 * the same state: skip it, check the rest as a whole */
		struct json j = { s, len, 0, 0, sarif_head.table,
				  sarif_head.len };

		FUZZ_CHECK(json_doc(&j));
		/* the head ends on ']', a character boundary */
		FUZZ_CHECK(floe_fuzz_utf8_valid(s + sarif_head.len,
						len - sarif_head.len));
		return;
	}
	FUZZ_CHECK(floe_fuzz_json_valid(s, len));
	FUZZ_CHECK(floe_fuzz_utf8_valid(s, len));
	if (!sarif_head.bytes)
		sarif_remember(s, len);
}

void floe_fuzz_check_buf(const char *buf, size_t len)
{
	FUZZ_CHECK(buf != NULL);
	FUZZ_CHECK(buf[len] == '\0');
	FUZZ_CHECK(strlen(buf) == len);
}

void floe_fuzz_check_diags(const struct floe_diags *d, size_t base, int utf8)
{
	for (size_t i = base; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		FUZZ_CHECK(g->message != NULL);
		FUZZ_CHECK(g->severity == FLOE_SEV_NOTE ||
			   g->severity == FLOE_SEV_INFO ||
			   g->severity == FLOE_SEV_WARNING ||
			   g->severity == FLOE_SEV_ERROR);
		if (g->rule != FLOE_RULE_NONE)
			FUZZ_CHECK(floe_rule_get(g->rule) != NULL);
		if (utf8)
			FUZZ_CHECK(floe_fuzz_utf8_valid(g->message,
							strlen(g->message)));
	}
}

static void check_github(const char *s)
{
	/* every line is one workflow command */
	while (*s) {
		const char *nl = strchr(s, '\n');

		FUZZ_CHECK(!strncmp(s, "::", 2));
		FUZZ_CHECK(nl != NULL);
		FUZZ_CHECK(!memchr(s, '\r', (size_t)(nl - s)));
		s = nl + 1;
	}
}

void floe_fuzz_check_report(enum floe_format fmt, const char *out,
			    size_t len)
{
	if (fmt == FLOE_FORMAT_SARIF) {
		floe_fuzz_check_sarif(out, len);
		return;
	}
	floe_fuzz_check_buf(out, len);
	if (fmt == FLOE_FORMAT_JSON || fmt == FLOE_FORMAT_GITLAB)
		FUZZ_CHECK(floe_fuzz_json_valid(out, len));
	/* every machine format is UTF-8, whatever the input holds */
	if (fmt != FLOE_FORMAT_TEXT && fmt != FLOE_FORMAT_GCC)
		FUZZ_CHECK(floe_fuzz_utf8_valid(out, len));
	if (fmt == FLOE_FORMAT_GITHUB)
		check_github(out);
}
