/*
 * The engine's facts as tables (the .def files, see engine.h), and their
 * lookups.  The tables are small: a linear scan is all a lookup needs
 * (with the first letter compared inline, ascii_same_ci()), but for the
 * settings, looked up most, which have an index by first letter.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "engine/engine.h"
#include "pool.h"

static bool holds(unsigned first, unsigned last, unsigned version)
{
	if (version == FE_ANY)
		return true;
	return first <= version && (last == FE_V_OPEN || version <= last);
}

#define NR(a) (sizeof(a) / sizeof((a)[0]))

/*
 * In a table of `nr` rows of `size` bytes whose first member is a name
 * (a char array: the rows hold their strings, src/pool.h),
 * sorted by name case-folded (gen_defs.py and gen_names.py write them
 * so; test_engine holds them), the first row whose name is not before
 * `name`, case-folded: where its rows start when it has any.
 */
static size_t bisect_ci(const void *table, size_t nr, size_t size,
			const char *name)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *row = (const char *)table + mid * size;

		if (ascii_cmp_ci(row, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * A NULL-terminated list of the names of a table's `n` rows, for the
 * did-you-mean readers: made in `list` (n + 1 long) on first use, as a
 * static list of pointers would be relocated at every start.  `state`
 * is 0, then 1 while one caller fills it, then 2.
 */
static const char *const *name_list(const char **list, atomic_int *state,
				    size_t n, const char *(*name_at)(size_t))
{
	int expected = 0;

	if (atomic_load_explicit(state, memory_order_acquire) == 2)
		return list;
	if (atomic_compare_exchange_strong(state, &expected, 1)) {
		for (size_t i = 0; i < n; i++)
			list[i] = name_at(i);
		list[n] = NULL;
		atomic_store_explicit(state, 2, memory_order_release);
	}
	while (atomic_load_explicit(state, memory_order_acquire) != 2)
		;		/* another thread is filling it */
	return list;
}

/* ---- releases ---- */

#define MEMBER_SIZE(type, member) sizeof(((type *)0)->member)

/* (the rows' strings held inline must fit their members: src/pool.h) */
#define DUCKDB_RELEASE(v, n, npm_text, pin, f) \
	FITS(MEMBER_SIZE(struct fe_release, name), n) \
	FITS(MEMBER_SIZE(struct fe_release, npm), npm_text) \
	FITS(MEMBER_SIZE(struct fe_release, iceberg_pin), pin)
#include "engine/data/duckdb_releases.def"
#undef DUCKDB_RELEASE

static const struct fe_release releases[] = {
#define DUCKDB_RELEASE(version, name, npm, pin, flags) \
	{ version, name, npm, pin, flags },
#include "engine/data/duckdb_releases.def"
#undef DUCKDB_RELEASE
};

size_t fe_release_count(void)
{
	return NR(releases);
}

const struct fe_release *fe_release_at(size_t i)
{
	return i < NR(releases) ? &releases[i] : NULL;
}

const struct fe_release *fe_release_find(unsigned version)
{
	for (size_t i = 0; i < NR(releases); i++)
		if (releases[i].version == version &&
		    !(releases[i].flags & FE_REL_UNRELEASED))
			return &releases[i];
	return NULL;
}

unsigned fe_duckdb_newest(void)
{
	unsigned v = 0;

	for (size_t i = 0; i < NR(releases); i++)
		if (!(releases[i].flags & FE_REL_UNRELEASED) &&
		    releases[i].version > v)
			v = releases[i].version;
	return v;
}

unsigned fe_duckdb_oldest(void)
{
	unsigned v = 0;

	for (size_t i = 0; i < NR(releases); i++)
		if (!(releases[i].flags & FE_REL_UNRELEASED) &&
		    (!v || releases[i].version < v))
			v = releases[i].version;
	return v;
}

static int number(const char **s, unsigned max, unsigned *out)
{
	unsigned long v = 0;
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > max)
			return -1;
		p++;
	}
	*out = (unsigned)v;
	*s = p;
	return 0;
}

unsigned fe_version_parse(const char *s, bool patch_optional)
{
	unsigned maj, min, pat = 0;

	if (!s)
		return 0;
	if (*s == 'v')
		s++;
	if (number(&s, 98, &maj) || *s++ != '.' || number(&s, 99, &min))
		return 0;
	if (*s == '.') {
		s++;
		if (number(&s, 99, &pat))
			return 0;
	} else if (!patch_optional) {
		return 0;
	}
	if (*s || (!maj && !min && !pat))
		return 0;
	return FE_V(maj, min, pat);
}

const char *fe_version_str(unsigned v, char buf[FE_VERSION_BUF])
{
	if (v == FE_V_MAIN) {
		memcpy(buf, "main", 5);
		return buf;
	}
	snprintf(buf, FE_VERSION_BUF, "%u.%u.%u", v / 10000u % 100u,
		 v / 100u % 100u, v % 100u);
	return buf;
}

enum fe_version_fit fe_duckdb_version_fit(unsigned version,
					  unsigned *use)
{
	if (fe_release_find(version)) {
		*use = version;
		return FE_VERSION_KNOWN;
	}
	if (version > fe_duckdb_newest() && version < FE_V_MAIN) {
		*use = fe_duckdb_newest();
		return FE_VERSION_NEWER;
	}
	*use = 0;
	return FE_VERSION_UNKNOWN;
}

enum fe_version_fit fe_dbt_duckdb_version_fit(unsigned version,
					      unsigned *use)
{
	if (version >= FE_DBT_DUCKDB_OLDEST &&
	    version <= FE_DBT_DUCKDB_DEFAULT) {
		*use = version;
		return FE_VERSION_KNOWN;
	}
	if (version > FE_DBT_DUCKDB_DEFAULT && version < FE_V_MAIN) {
		*use = FE_DBT_DUCKDB_DEFAULT;
		return FE_VERSION_NEWER;
	}
	*use = 0;
	return FE_VERSION_UNKNOWN;
}

size_t fe_release_names(char *buf, size_t size)
{
	size_t n = 0;

	if (size)
		*buf = '\0';
	for (size_t i = 0; i < NR(releases); i++) {
		int w;

		if (releases[i].flags & FE_REL_UNRELEASED)
			continue;
		w = snprintf(buf + (n < size ? n : size),
			     n < size ? size - n : 0, "%s%s", n ? ", " : "",
			     releases[i].name);
		if (w > 0)
			n += (size_t)w;
	}
	return n;
}

/* ---- DuckDB settings ---- */

#define DUCKDB_SETTING(name, first, last, flags, type) \
	FITS(FE_SETTING_NAME_SIZE, name)
#include "engine/data/duckdb_settings.def"
#undef DUCKDB_SETTING

static const struct fe_setting settings[] = {
#define DUCKDB_SETTING(name, first, last, flags, type) \
	{ name, first, last, flags, type },
#include "engine/data/duckdb_settings.def"
#undef DUCKDB_SETTING
};

/*
 * The table is sorted by name, case-folded (gen_defs.py writes it so;
 * test_engine holds it): a lookup is a binary search to the name's first
 * row, then the first of its rows, in table order, that holds in
 * `version`.  Nothing is built at start.
 */
const struct fe_setting *fe_setting_find(const char *name, unsigned version)
{
	size_t lo;

	if (!name)
		return NULL;
	lo = bisect_ci(settings, NR(settings), sizeof(settings[0]), name);
	for (; lo < NR(settings) && !ascii_cmp_ci(settings[lo].name, name); lo++)
		if (holds(settings[lo].first, settings[lo].last, version))
			return &settings[lo];
	return NULL;
}

const char *fe_open_refusal(const char *path, const char *access_mode,
			    unsigned version)
{
	(void)version;	/* the same on every release probed */
	if (!access_mode || strcasecmp(access_mode, "read_only"))
		return NULL;
	if (path && *path && strcmp(path, ":memory:"))
		return NULL;
	return "Catalog Error: Cannot launch in-memory database in "
	       "read-only mode!";
}

unsigned fe_setting_refusal(const char *name, int truth, unsigned version)
{
	return fe_setting_row_refusal(fe_setting_find(name, version), truth);
}

unsigned fe_setting_row_refusal(const struct fe_setting *s, int truth)
{
	unsigned always = FE_SET_SECRET_MANAGER | FE_SET_STARTUP_ONLY |
			  FE_SET_INIT_ONLY;

	if (!s)
		return 0;
	if (s->flags & always)
		return s->flags & always;
	if ((s->flags & FE_SET_STARTUP_RELAX) && truth == 1)
		return FE_SET_STARTUP_RELAX;
	return 0;
}

/*
 * DuckDB's casts of a VARCHAR to a setting's input type, as SET applies
 * them to dbt-duckdb's SET name = '<str(value)>'.  Probed on every
 * release's engine by tools/probe_casts.py (duckdb-casts/VERSION.tsv);
 * unit/test_engine_casts holds these functions to every probed row.
 */
static const char *const bool_true[] = { "true", "t", "yes", "y", "1", NULL };
static const char *const bool_false[] = { "false", "f", "no", "n", "0",
					  NULL };

int fe_duckdb_bool(const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; bool_true[i]; i++)
		if (!strcasecmp(s, bool_true[i]))
			return 1;
	for (size_t i = 0; bool_false[i]; i++)
		if (!strcasecmp(s, bool_false[i]))
			return 0;
	return -1;
}

/* StringUtil::CharacterIsSpace: what a number's cast trims */
static bool cast_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [*b, *e) without the blanks a number's cast trims */
static void cast_trim(const char **b, const char **e)
{
	while (*b < *e && cast_space(**b))
		(*b)++;
	while (*e > *b && cast_space((*e)[-1]))
		(*e)--;
}

/* Digits b..e (no sign) against a maximum written in digits. */
static bool digits_le(const char *b, const char *e, const char *max)
{
	size_t n, m = strlen(max);

	while (e - b > 1 && *b == '0')
		b++;
	n = (size_t)(e - b);
	return n < m || (n == m && memcmp(b, max, n) <= 0);
}

/*
 * An integer's cast of digits [i, ie) '.' digits [f, fe) 'e' exponent x,
 * the grammar checked (probed on every release, duckdb-casts/: the
 * exponent is read as a 16-bit number, '0e32768' and '1e-32769' fail;
 * the integer part alone must fit the type, as without an exponent;
 * the value is then exact, '9.223372036854775807e18' casts to BIGINT
 * and '...808e18' does not).  How the value is rounded ('5e-2' is 1:
 * the engine's rounding looks at the digit where it stops) only
 * matters within 1 of the bound, where the answer is UNKNOWN.
 */
static enum fe_cast cast_exponent(const char *i, const char *ie,
				  const char *f, const char *fe, long x,
				  const char *max)
{
	char whole[24];
	size_t n = 0, m = strlen(max);
	long shift;
	bool frac = false;
	int c;

	if (x > 32767 || x < -32768)
		return FE_CAST_FAILS;
	while (i < ie && *i == '0')
		i++;
	if (i < ie && !digits_le(i, ie, max))
		return FE_CAST_FAILS;	/* the integer part alone */
	/* the whole part of the value: the digits before the point,
	 * shifted by x (positive: digits of the fraction, then zeros) */
	shift = x;
	for (const char *p = i; p < ie; p++) {
		if (n >= sizeof(whole) - 1)
			return FE_CAST_FAILS;
		whole[n++] = *p;
	}
	if (shift < 0) {
		size_t drop = (size_t)-shift < n ? (size_t)-shift : n;

		for (size_t k = n - drop; k < n; k++)
			frac |= whole[k] != '0';
		n -= drop;
		for (const char *p = f; p < fe; p++)
			frac |= *p != '0';
	} else {
		for (const char *p = f; p < fe; p++) {
			if (shift > 0) {
				if (n || *p != '0') {
					if (n >= sizeof(whole) - 1)
						return FE_CAST_FAILS;
					whole[n++] = *p;
				}
				shift--;
			} else {
				frac |= *p != '0';
			}
		}
		if (n)
			for (; shift > 0; shift--) {
				if (n >= sizeof(whole) - 1)
					return FE_CAST_FAILS;
				whole[n++] = '0';
			}
	}
	if (n > m)
		return FE_CAST_FAILS;
	if (n < m)
		return FE_CAST_OK;
	c = memcmp(whole, max, m);
	if (c > 0)
		return FE_CAST_FAILS;
	return c < 0 || !frac ? FE_CAST_OK : FE_CAST_UNKNOWN;
}

static enum fe_cast cast_integer(const char *b, const char *e, bool is_unsigned)
{
	const char *p, *d;
	bool neg = false, digit = false, zero = true;

	cast_trim(&b, &e);
	for (p = b; p < e; p++) {
		/* nothing else appears in an integer DuckDB reads: sign,
		 * digits, '_', '.', an exponent, 0x / 0b and hex digits */
		if (!strchr("0123456789+-._eExXbBaAcCdDfF", *p) || !*p)
			return FE_CAST_FAILS;
		digit |= is_digit(*p);
	}
	if (!digit)
		return FE_CAST_FAILS;
	d = b;
	if (*d == '+' || *d == '-')
		neg = *d++ == '-';
	for (p = d; p < e && is_digit(*p); p++)
		zero &= *p == '0';
	if (!memchr(b, '_', (size_t)(e - b))) {
		/* [digits] [. [digits]] e [sign] digits */
		const char *ie = p, *f = p, *fe = p, *x;
		long xv = 0;
		bool xneg = false;

		if (f < e && *f == '.')
			for (fe = ++f; fe < e && is_digit(*fe); fe++)
				;
		x = fe;
		if (x < e && (*x == 'e' || *x == 'E') && (ie > d || fe > f)) {
			x++;
			if (x < e && (*x == '+' || *x == '-'))
				xneg = *x++ == '-';
			if (x == e)
				return FE_CAST_UNKNOWN;
			for (; x < e && is_digit(*x); x++)
				if (xv < 100000)
					xv = xv * 10 + (*x - '0');
			if (x != e)
				return FE_CAST_UNKNOWN;
			if (neg && is_unsigned)
				return FE_CAST_FAILS;	/* even -0e5 */
			return cast_exponent(d, ie, f, fe, xneg ? -xv : xv,
					     is_unsigned
					     ? "18446744073709551615"
					     : neg ? "9223372036854775808"
						   : "9223372036854775807");
		}
	}
	if (p < e && *p == '.') {
		/* a decimal is rounded half away from zero: 0.5 is 1 */
		const char *dot = p++;
		bool up = p < e && *p >= '5';

		while (p < e && is_digit(*p))
			p++;
		if (p != e || (dot == d && dot + 1 == e))
			return FE_CAST_UNKNOWN;
		if (neg && is_unsigned)
			return zero && !up ? FE_CAST_OK : FE_CAST_FAILS;
		return dot - d <= 18 ? FE_CAST_OK : FE_CAST_UNKNOWN;
	}
	if (p != e || d == e)
		return FE_CAST_UNKNOWN;
	if (is_unsigned) {
		if (neg)
			return zero ? FE_CAST_OK : FE_CAST_FAILS;
		return digits_le(d, e, "18446744073709551615") ? FE_CAST_OK
							      : FE_CAST_FAILS;
	}
	return digits_le(d, e, neg ? "9223372036854775808"
				   : "9223372036854775807") ? FE_CAST_OK
							    : FE_CAST_FAILS;
}

static enum fe_cast cast_double(const char *b, const char *e)
{
	static const char *const words[] = { "inf", "infinity", "nan", NULL };
	const char *p = b, *r;
	bool digit = false;
	size_t signs = 0;

	cast_trim(&b, &e);
	for (r = b; r < e && (*r == '+' || *r == '-'); r++)
		signs++;
	for (size_t i = 0; words[i]; i++)
		if ((size_t)(e - r) == strlen(words[i]) &&
		    !strncasecmp(r, words[i], (size_t)(e - r)))
			return signs <= 1 ? FE_CAST_OK : FE_CAST_UNKNOWN;
	for (p = b; p < e; p++) {
		if (!strchr("0123456789+-._eE", *p) || !*p)
			return FE_CAST_FAILS;
		digit |= is_digit(*p);
	}
	if (!digit)
		return FE_CAST_FAILS;
	/* [sign] digits [. digits] | [sign] . digits, then [e [sign] digits] */
	p = b + (signs == 1);
	if (signs > 1)
		return FE_CAST_UNKNOWN;
	digit = false;
	while (p < e && is_digit(*p))
		p++, digit = true;
	if (p < e && *p == '.')
		for (p++; p < e && is_digit(*p); p++)
			digit = true;
	if (!digit)
		return FE_CAST_UNKNOWN;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p == e || !is_digit(*p))
			return FE_CAST_UNKNOWN;
		while (p < e && is_digit(*p))
			p++;
	}
	return p == e ? FE_CAST_OK : FE_CAST_UNKNOWN;
}

static enum fe_cast cast_list(const char *b, const char *e)
{
	cast_trim(&b, &e);
	if (b == e || *b != '[')
		return FE_CAST_FAILS;
	if (e - b < 2 || e[-1] != ']')
		return FE_CAST_UNKNOWN;
	for (const char *p = b + 1; p < e - 1; p++)
		if (strchr("[]{}'\"\\", *p))
			return FE_CAST_UNKNOWN;
	return FE_CAST_OK;
}

enum fe_cast fe_setting_cast(enum fe_setting_type type, const char *text)
{
	const char *e;

	if (!text)
		return FE_CAST_UNKNOWN;
	e = text + strlen(text);
	switch (type) {
	case FE_TYPE_BOOLEAN:
		return fe_duckdb_bool(text) < 0 ? FE_CAST_FAILS : FE_CAST_OK;
	case FE_TYPE_UBIGINT:
		return cast_integer(text, e, true);
	case FE_TYPE_BIGINT:
		return cast_integer(text, e, false);
	case FE_TYPE_DOUBLE:
		return cast_double(text, e);
	case FE_TYPE_VARCHAR:
		return FE_CAST_OK;
	case FE_TYPE_VARCHAR_LIST:
		return cast_list(text, e);
	case FE_TYPE_UNKNOWN:
		break;
	}
	return FE_CAST_UNKNOWN;
}

const char *fe_setting_type_name(enum fe_setting_type type)
{
	switch (type) {
	case FE_TYPE_BOOLEAN:
		return "BOOLEAN";
	case FE_TYPE_UBIGINT:
		return "UBIGINT";
	case FE_TYPE_BIGINT:
		return "BIGINT";
	case FE_TYPE_DOUBLE:
		return "DOUBLE";
	case FE_TYPE_VARCHAR:
		return "VARCHAR";
	case FE_TYPE_VARCHAR_LIST:
		return "VARCHAR[]";
	case FE_TYPE_UNKNOWN:
		break;
	}
	return "?";
}

void fe_setting_cast_words(enum fe_setting_type type, const char **before,
			   const char **after)
{
	*before = "Invalid Input Error: Failed to cast value: Could not "
		  "convert string '";
	switch (type) {
	case FE_TYPE_BOOLEAN:
		*after = "' to BOOL";
		return;
	case FE_TYPE_UBIGINT:
		*after = "' to UINT64";
		return;
	case FE_TYPE_BIGINT:
		*after = "' to INT64";
		return;
	case FE_TYPE_DOUBLE:
		*after = "' to DOUBLE";
		return;
	case FE_TYPE_VARCHAR_LIST:
		*before = "Invalid Input Error: Failed to cast value: Type "
			  "VARCHAR with value '";
		*after = "' can't be cast to the destination type VARCHAR[]";
		return;
	case FE_TYPE_VARCHAR:
	case FE_TYPE_UNKNOWN:
		break;
	}
	*after = "'";
}

size_t fe_setting_count(void)
{
	return NR(settings);
}

const struct fe_setting *fe_setting_at(size_t i)
{
	return i < NR(settings) ? &settings[i] : NULL;
}

static const char *setting_name_at(size_t i)
{
	return settings[i].name;
}

const char *const *fe_setting_names(void)
{
	static const char *list[NR(settings) + 1];
	static atomic_int state;

	return name_list(list, &state, NR(settings), setting_name_at);
}

static const struct {
	char name[FE_SETTING_NAME_SIZE], extension[24];
	unsigned first, last;
} extension_settings[] = {
#define DUCKDB_EXTENSION_SETTING(name, extension, first, last) \
	{ name, extension, first, last },
#include "engine/data/duckdb_extension_settings.def"
#undef DUCKDB_EXTENSION_SETTING
};

#define DUCKDB_EXTENSION_SETTING(n, ext, first, last) \
	FITS_IN(extension_settings, name, n) \
	FITS_IN(extension_settings, extension, ext)
#include "engine/data/duckdb_extension_settings.def"
#undef DUCKDB_EXTENSION_SETTING

/* One row a name: a binary search, as for the settings (lint asks for
 * every setting of every output). */
const char *fe_setting_extension(const char *name, unsigned version)
{
	size_t i;

	if (!name)
		return NULL;
	i = bisect_ci(extension_settings, NR(extension_settings),
		      sizeof(extension_settings[0]), name);
	if (i < NR(extension_settings) &&
	    !ascii_cmp_ci(extension_settings[i].name, name) &&
	    holds(extension_settings[i].first, extension_settings[i].last,
		  version))
		return extension_settings[i].extension;
	return NULL;
}

bool fe_extension_known(const char *name)
{
	for (size_t i = 0; name && i < NR(extension_settings); i++)
		if (ascii_same_ci(extension_settings[i].extension, name))
			return true;
	return false;
}

/* The union of the rows' ranges: [first, last] over every release. */
static void span(unsigned first, unsigned last, unsigned *lo, unsigned *hi,
		 bool *found)
{
	if (!*found || first < *lo)
		*lo = first;
	if (!*found || last == FE_V_OPEN || (*hi != FE_V_OPEN && last > *hi))
		*hi = last;
	*found = true;
}

bool fe_setting_span(const char *name, unsigned *first, unsigned *last)
{
	bool found = false;

	for (size_t i = 0; name && i < NR(settings); i++)
		if (ascii_same_ci(settings[i].name, name))
			span(settings[i].first, settings[i].last, first, last,
			     &found);
	return found;
}

/* ---- the iceberg extension ---- */

#define ICEBERG_ATTACH_OPTION(n, first, last, auths, kind) \
	FITS(MEMBER_SIZE(struct fe_iceberg_option, name), n)
#include "engine/data/iceberg_attach.def"
#undef ICEBERG_ATTACH_OPTION

static const struct fe_iceberg_option options[] = {
#define ICEBERG_ATTACH_OPTION(name, first, last, auths, kind) \
	{ name, first, last, auths, kind },
#include "engine/data/iceberg_attach.def"
#undef ICEBERG_ATTACH_OPTION
};

const struct fe_iceberg_option *fe_iceberg_option_find(const char *name,
						       unsigned version)
{
	for (size_t i = 0; name && i < NR(options); i++)
		if (ascii_same_ci(options[i].name, name) &&
		    holds(options[i].first, options[i].last, version))
			return &options[i];
	return NULL;
}

bool fe_iceberg_option_span(const char *name, unsigned *first,
			    unsigned *last)
{
	bool found = false;

	for (size_t i = 0; name && i < NR(options); i++)
		if (ascii_same_ci(options[i].name, name))
			span(options[i].first, options[i].last, first, last,
			     &found);
	return found;
}

/*
 * Options the extension renamed without keeping the old name: the ATTACH
 * with the old name fails from `since` on.  support_stage_create became
 * stage_create_tables at 1.5.4's pin (duckdb-iceberg 05f37a974; both
 * rows of data/iceberg_attach.def cite the pins they were read at).
 */
static const struct fe_option_rename renames[] = {
	{ "support_stage_create", "stage_create_tables", FE_V(1, 5, 4), false },
	/* main reads `endpoint` as `uri`, a deprecated spelling kept
	 * (NormalizeIcebergAttachOptions, 68623ff99 src/iceberg_attach.cpp) */
	{ "endpoint", "uri", FE_V_MAIN, true },
};

const struct fe_option_rename *fe_iceberg_option_renamed(const char *name,
							 unsigned version)
{
	for (size_t i = 0; name && i < NR(renames); i++)
		if (ascii_same_ci(renames[i].from, name) && !renames[i].kept &&
		    (version == FE_ANY || version >= renames[i].since))
			return &renames[i];
	return NULL;
}

const struct fe_option_rename *fe_iceberg_option_former(const char *name,
							unsigned version)
{
	for (size_t i = 0; name && i < NR(renames); i++)
		if (ascii_same_ci(renames[i].to, name) &&
		    version < renames[i].since)
			return &renames[i];
	return NULL;
}

const struct fe_iceberg_option *fe_iceberg_option_at(size_t i)
{
	return i < NR(options) ? &options[i] : NULL;
}

static const char *option_name_at(size_t i)
{
	return options[i].name;
}

const char *const *fe_iceberg_option_names(void)
{
	static const char *list[NR(options) + 1];
	static atomic_int state;

	return name_list(list, &state, NR(options), option_name_at);
}

/*
 * The values of the ENUM options (lower case), per the extension's
 * parsers: access_delegation_mode (irc_catalog.cpp "Unrecognized access
 * mode"), authorization_type (irc_authorization.cpp L8-25),
 * oauth2_grant_type (oauth2.cpp L236-246), endpoint_type
 * (EndpointTypeFromString); dbt-duckdb-iceberg-polaris.md section 4.2.
 */
static const char *const delegation_values[] = { "vended_credentials",
						 "none", NULL };
static const char *const authorization_values[] = { "oauth2", "sigv4",
						    "none", NULL };
static const char *const grant_values[] = { "client_credentials", NULL };
static const char *const endpoint_type_values[] = { "glue", "s3_tables",
						    NULL };

/*
 * empty_unset: an empty value is read as if the option were not given.
 * The attach reads endpoint_type, authorization_type and
 * access_delegation_mode into strings and acts on each only under
 * `if (!..._string.empty())`, at every pin of duckdb_releases.def
 * (1.4.0's 06ca288 src/storage/irc_catalog.cpp L477, L498; 1.4.3's
 * 1c0c4c6 L475, L496, L502; 1.5.5's 45163a2
 * src/catalog/rest/iceberg_catalog.cpp L588, L609, L615; main's 68623ff
 * src/iceberg_attach.cpp L271, L292, L298).  oauth2_grant_type is
 * compared with client_credentials whatever it holds (oauth2.cpp
 * "Unsupported option ('')"), so an empty one fails.
 */
static const struct {
	char option[24];
	const char *const *values;
	bool empty_unset;
} enum_values[] = {
	{ "access_delegation_mode", delegation_values, true },
	{ "authorization_type", authorization_values, true },
	{ "oauth2_grant_type", grant_values, false },
	{ "endpoint_type", endpoint_type_values, true },
};

/*
 * The extension reads every ENUM option without regard to case: the
 * attach lower-cases endpoint_type, authorization_type and
 * access_delegation_mode (`access_mode_string =
 * StringUtil::Lower(entry.second.ToString())`) before comparing, at
 * every pin of duckdb_releases.def that has the option (4f3c549 (1.4.1)
 * src/storage/irc_catalog.cpp L459, db7c01e and 1c0c4c6 (1.4.3) L452,
 * 1095c1f and 2f22946 L479, 23c7cc5 (1.5.0)
 * src/storage/catalog/iceberg_catalog.cpp L590, effe9de L585, 11fea8e
 * src/catalog/rest/iceberg_catalog.cpp L593, 4008894 L544, e6fe0a4,
 * 45163a2 and 6561bfc L546, 68623ff src/iceberg_attach.cpp L226);
 * oauth2_grant_type is compared with
 * StringUtil::CIEquals (oauth2.cpp).  06ca288 (1.4.0) has no
 * access_delegation_mode.
 */
bool fe_iceberg_option_value_is(const char *name, unsigned version,
				const char *written, const char *value)
{
	(void)name;
	(void)version;
	return written && value && ascii_same_ci(written, value);
}

const char *const *fe_iceberg_option_values(const char *name,
					    unsigned version)
{
	const struct fe_iceberg_option *o = fe_iceberg_option_find(name,
								   version);

	if (!o)
		return NULL;
	for (size_t i = 0; i < NR(enum_values); i++)
		if (!strcmp(enum_values[i].option, o->name))
			return enum_values[i].values;
	return NULL;
}

bool fe_iceberg_option_empty_unset(const char *name, unsigned version)
{
	const struct fe_iceberg_option *o = fe_iceberg_option_find(name,
								   version);

	for (size_t i = 0; o && i < NR(enum_values); i++)
		if (!strcmp(enum_values[i].option, o->name))
			return enum_values[i].empty_unset;
	return false;
}

/*
 * The defaults of the BOOL options, per release and per kind of catalog:
 * IcebergAttachOptions' initialisers, and SetAWSCatalogOptions(), which
 * the attach calls for an endpoint_type (glue, s3_tables) and which
 * changes a default the ATTACH did not set.
 *
 * - 1.4.0 to 1.5.3: supports_stage_create = true, purge_requested =
 *   false, support_nested_namespaces = false (06ca288
 *   src/include/storage/irc_authorization.hpp L20-25; the same at
 *   1c0c4c6 and at 4008894 src/include/catalog/rest/storage/
 *   iceberg_authorization.hpp L24-28).  SetAWSCatalogOptions sets
 *   purge_requested to true, and support_stage_create to false unless the
 *   set of given
 *   options holds "support_stage_create" -- which it never does: the
 *   attach records "supports_stage_create" (06ca288
 *   src/storage/irc_catalog.cpp L420-429 and L463; 1c0c4c6 L412-421 and
 *   L459; 4008894 src/catalog/rest/iceberg_catalog.cpp L508-517 and L551).
 * - 1.5.4 on: stage_create_tables = true, remove_files_on_delete = true,
 *   disable_multi_table_commit, skip_create_table_metadata_updates,
 *   support_nested_namespaces and purge_requested false (e6fe0a4
 *   src/include/catalog/rest/storage/iceberg_authorization.hpp L24-34);
 *   SetAWSCatalogOptions makes remove_files_on_delete and
 *   stage_create_tables false and purge_requested true when not given
 *   (e6fe0a4 and 45163a2 src/catalog/rest/iceberg_catalog.cpp L508-519;
 *   main's 68623ff src/iceberg_attach.cpp L164-174).
 */
static const struct {
	char name[40];
	unsigned first, last;
	char rest[20], aws[20];	/* without an endpoint_type; with one */
} option_defaults[] = {
	{ "support_stage_create", FE_V(1, 4, 0), FE_V(1, 5, 3), "true",
	  "false" },
	{ "stage_create_tables", FE_V(1, 5, 4), FE_V_OPEN, "true", "false" },
	{ "remove_files_on_delete", FE_V(1, 5, 4), FE_V_OPEN, "true",
	  "false" },
	{ "purge_requested", FE_V(1, 4, 0), FE_V_OPEN, "false", "true" },
	{ "support_nested_namespaces", FE_V(1, 4, 0), FE_V_OPEN, "false",
	  "false" },
	{ "disable_multi_table_commit", FE_V(1, 5, 4), FE_V_OPEN, "false",
	  "false" },
	{ "skip_create_table_metadata_updates", FE_V(1, 5, 4), FE_V_OPEN,
	  "false", "false" },
	/*
	 * Not BOOL: IcebergAttachOptions' access_mode = VENDED_CREDENTIALS
	 * (4f3c549 and 1c0c4c6 src/include/storage/irc_authorization.hpp
	 * L28, 45163a2 src/include/catalog/rest/storage/
	 * iceberg_authorization.hpp L35, 68623ff src/include/
	 * iceberg_attach.hpp L35); 06ca288 (1.4.0) has no option and always
	 * asks for vended credentials (src/common/api_utils.cpp L42
	 * X-Iceberg-Access-Delegation: vended-credentials).
	 */
	{ "access_delegation_mode", FE_V(1, 4, 0), FE_V_OPEN,
	  "vended_credentials", "vended_credentials" },
	/*
	 * The scope of a client_credentials token request when none is
	 * given: "Default to default Polaris role" (06ca288
	 * src/storage/authorization/oauth2.cpp L270, 4f3c549 and db7c01e
	 * L250, 1c0c4c6, 1095c1f and 2f22946 L252, 23c7cc5 and effe9de
	 * L462, 11fea8e to 6561bfc src/catalog/rest/storage/authorization/
	 * oauth2.cpp L465, 68623ff L496).  From 23c7cc5 (1.5.0) a secret
	 * with a refresh_token sends no scope instead; an ATTACH has no
	 * refresh_token option, so an inline one always gets the default.
	 */
	{ "oauth2_scope", FE_V(1, 4, 0), FE_V_OPEN, "PRINCIPAL_ROLE:ALL",
	  "PRINCIPAL_ROLE:ALL" },
};

const char *fe_iceberg_option_default(const char *name, unsigned version,
				      enum fe_catalog_kind kind)
{
	for (size_t i = 0; name && i < NR(option_defaults); i++)
		if (ascii_same_ci(option_defaults[i].name, name) &&
		    holds(option_defaults[i].first, option_defaults[i].last,
			  version))
			return kind == FE_CATALOG_AWS ? option_defaults[i].aws
			       : option_defaults[i].rest;
	return NULL;
}

bool fe_iceberg_option_is_inline_oauth2(const struct fe_iceberg_option *o)
{
	/*
	 * oauth2.cpp FromAttachOptions: these make the extension build its
	 * own secret (v1.4-andium L105-183); extra_http_headers joined them
	 * with 1.5.0 (HEAD L245-384).
	 */
	static const char inline_names[][20] = {
		"client_id", "client_secret", "token", "oauth2_server_uri",
		"oauth2_scope", "oauth2_grant_type", "extra_http_headers",
		""
	};

	if (!o)
		return false;
	for (size_t i = 0; inline_names[i][0]; i++)
		if (!strcmp(inline_names[i], o->name))
			return true;
	return false;
}

bool fe_iceberg_option_inline_oauth2(const char *name, unsigned version)
{
	return fe_iceberg_option_is_inline_oauth2(
		fe_iceberg_option_find(name, version));
}

#define ICEBERG_SECRET_PARAM(n, first, last) \
	FITS(MEMBER_SIZE(struct fe_iceberg_secret_param, name), n)
#include "engine/data/iceberg_secret.def"
#undef ICEBERG_SECRET_PARAM

static const struct fe_iceberg_secret_param secret_params[] = {
#define ICEBERG_SECRET_PARAM(name, first, last) { name, first, last },
#include "engine/data/iceberg_secret.def"
#undef ICEBERG_SECRET_PARAM
};

const struct fe_iceberg_secret_param *fe_iceberg_secret_param_find(
	const char *name, unsigned version)
{
	for (size_t i = 0; name && i < NR(secret_params); i++)
		if (ascii_same_ci(secret_params[i].name, name) &&
		    holds(secret_params[i].first, secret_params[i].last,
			  version))
			return &secret_params[i];
	return NULL;
}

bool fe_iceberg_secret_param_span(const char *name, unsigned *first,
				  unsigned *last)
{
	bool found = false;

	for (size_t i = 0; name && i < NR(secret_params); i++)
		if (ascii_same_ci(secret_params[i].name, name))
			span(secret_params[i].first, secret_params[i].last,
			     first, last, &found);
	return found;
}

/* ---- behaviours: a name that holds over a span of releases ---- */

/*
 * DuckDB's and the iceberg extension's behaviours are the same kind of
 * row; one lookup serves both tables.
 */
struct behavior {
	char name[32];
	unsigned first, last;
};

#define DUCKDB_BEHAVIOR(n, first, last) \
	FITS(MEMBER_SIZE(struct behavior, name), n)
#define ICEBERG_BEHAVIOR(n, first, last) \
	FITS(MEMBER_SIZE(struct behavior, name), n)
#include "engine/duckdb_behavior.def"
#include "engine/iceberg_behavior.def"
#undef DUCKDB_BEHAVIOR
#undef ICEBERG_BEHAVIOR

static bool behavior_holds(const struct behavior *rows, size_t n,
			   const char *name, unsigned version)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(rows[i].name, name) &&
		    holds(rows[i].first, rows[i].last, version))
			return true;
	return false;
}

static bool behavior_span(const struct behavior *rows, size_t n,
			  const char *name, unsigned *first, unsigned *last)
{
	bool found = false;

	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(rows[i].name, name))
			span(rows[i].first, rows[i].last, first, last, &found);
	return found;
}

static const struct behavior duckdb_behaviors[] = {
#define DUCKDB_BEHAVIOR(name, first, last) { name, first, last },
#include "engine/duckdb_behavior.def"
#undef DUCKDB_BEHAVIOR
};

bool fe_duckdb_behavior(const char *name, unsigned version)
{
	return behavior_holds(duckdb_behaviors, NR(duckdb_behaviors), name,
			      version);
}

/*
 * DuckDB's cast of a string to INTERVAL, Interval::FromCString
 * (duckdb/duckdb src/common/types/interval.cpp, the same grammar at
 * v1.4.0 ... v1.5.5; Time::TryConvertInterval in src/common/types/
 * time.cpp for a time): what it reads, and the arithmetic that can
 * overflow, step by step, so that a value is refused exactly when the
 * release refuses it.  Which unit names the parser knows, and what part
 * each adds, is duckdb_intervals.def (probed); what changed between
 * releases is duckdb_behavior.def (interval_number_at_end,
 * interval_ago_min_refused).  Held to every probe of every release
 * (tests/unit/test_engine_casts.c).
 */
enum fe_interval_part {
	FE_IPART_MILLENNIUM, FE_IPART_CENTURY, FE_IPART_DECADE, FE_IPART_YEAR,
	FE_IPART_QUARTER, FE_IPART_MONTH, FE_IPART_WEEK, FE_IPART_DAY,
	FE_IPART_HOUR, FE_IPART_MINUTE, FE_IPART_SECOND,
	FE_IPART_MILLISECOND, FE_IPART_MICROSECOND
};

static const struct interval_unit {
	char name[16];
	unsigned first, last;
	enum fe_interval_part part;
} interval_units[] = {
#define DUCKDB_INTERVAL_UNIT(name, first, last, part) \
	{ name, first, last, part },
#include "engine/duckdb_intervals.def"
#undef DUCKDB_INTERVAL_UNIT
};

#define DUCKDB_INTERVAL_UNIT(n, first, last, part) \
	FITS_IN(interval_units, name, n)
#include "engine/duckdb_intervals.def"
#undef DUCKDB_INTERVAL_UNIT

#define IV_MICROS_PER_SEC INT64_C(1000000)
#define IV_MICROS_PER_DAY (INT64_C(86400) * IV_MICROS_PER_SEC)

/* the interval being read: interval_t */
struct iv {
	int32_t months, days;
	int64_t micros;
};

/* FromCString's blanks (StringUtil::CharacterIsSpace is the time's) */
static bool iv_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static bool iv_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* signed arithmetic the engine leaves unchecked wraps (two's complement) */
static int64_t iv_wrap_add(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t iv_wrap_neg64(int64_t a)
{
	return (int64_t)(0u - (uint64_t)a);
}

/* TryMultiplyOperator / TryAddOperator on int64_t: false on overflow */
static bool iv_mul64(int64_t a, int64_t b, int64_t *r)
{
	if (a > 0 ? (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a)
		  : (b > 0 ? a < INT64_MIN / b : a != 0 && b < INT64_MAX / a))
		return false;
	*r = a * b;
	return true;
}

static bool iv_add64(int64_t a, int64_t b, int64_t *r)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return false;
	*r = a + b;
	return true;
}

/*
 * IntervalTryAddition<T>(target, input, multiplier, fraction): false
 * where it throws (or, from 1.5.5, reports) an error.  `wide` is T =
 * int64_t (micros), else int32_t.
 */
static bool iv_add(void *target, bool wide, int64_t input, int64_t mult,
		   int64_t fraction)
{
	int64_t add, sum;

	if (!iv_mul64(input, mult, &add))
		return false;	/* "interval value is out of range" */
	for (int step = 0; step < 2; step++) {
		if (wide) {
			if (!iv_add64(*(int64_t *)target, add, &sum))
				return false;
			*(int64_t *)target = sum;
		} else {
			if (add < INT32_MIN || add > INT32_MAX)
				return false;	/* INT64 -> INT32 cast */
			sum = (int64_t)*(int32_t *)target + add;
			if (sum < INT32_MIN || sum > INT32_MAX)
				return false;
			*(int32_t *)target = (int32_t)sum;
		}
		if (step || !fraction)
			break;
		/* "This is always in range": |fraction| < 10^6 */
		add = fraction * mult / IV_MICROS_PER_SEC;
	}
	return true;
}

static const struct interval_unit *iv_unit(const char *b, size_t n,
					   unsigned version)
{
	for (size_t i = 0; i < NR(interval_units); i++)
		if (strlen(interval_units[i].name) == n &&
		    !strncasecmp(interval_units[i].name, b, n) &&
		    holds(interval_units[i].first, interval_units[i].last,
			  version))
			return &interval_units[i];
	return NULL;
}

/* one number, then its unit, added: the switch of FromCString */
static bool iv_part(struct iv *r, enum fe_interval_part part, int64_t n,
		    int64_t f)
{
	static const int64_t months[] = { 12000, 1200, 120, 12, 3 };

	switch (part) {
	case FE_IPART_MILLENNIUM:
	case FE_IPART_CENTURY:
	case FE_IPART_DECADE:
	case FE_IPART_YEAR:
		return iv_add(&r->months, false, n, months[part], f);
	case FE_IPART_QUARTER:
		if (!iv_add(&r->months, false, n, 3, f))
			return false;
		f = f * 3 % IV_MICROS_PER_SEC;
		return iv_add(&r->days, false, 0, 30, f);
	case FE_IPART_MONTH:
		return iv_add(&r->months, false, n, 1, 0) &&
		       iv_add(&r->days, false, 0, 30, f);
	case FE_IPART_DAY:
		return iv_add(&r->days, false, n, 1, 0) &&
		       iv_add(&r->micros, true, 0, IV_MICROS_PER_DAY, f);
	case FE_IPART_WEEK:
		if (!iv_add(&r->days, false, n, 7, f))
			return false;
		f = f * 7 % IV_MICROS_PER_SEC;
		return iv_add(&r->micros, true, 0, IV_MICROS_PER_DAY, f);
	case FE_IPART_MICROSECOND:
		/* number += (fraction * 2) / MICROS_PER_SEC, unchecked */
		n = iv_wrap_add(n, f * 2 / IV_MICROS_PER_SEC);
		return iv_add(&r->micros, true, n, 1, 0);
	case FE_IPART_MILLISECOND:
		return iv_add(&r->micros, true, n, 1000, f);
	case FE_IPART_SECOND:
		return iv_add(&r->micros, true, n, IV_MICROS_PER_SEC, f);
	case FE_IPART_MINUTE:
		return iv_add(&r->micros, true, n, 60 * IV_MICROS_PER_SEC, f);
	case FE_IPART_HOUR:
		return iv_add(&r->micros, true, n, 3600 * IV_MICROS_PER_SEC,
			      f);
	}
	return false;
}

/* Date::ParseDoubleDigit: one or two digits */
static bool iv_two_digits(const char **p, int *out)
{
	if (!is_digit(**p))
		return false;
	*out = *(*p)++ - '0';
	if (is_digit(**p))
		*out = *out * 10 + (*(*p)++ - '0');
	return true;
}

/*
 * Time::TryConvertInterval(buf, ..., strict = false): hours (up to nine
 * digits), ':', minutes, optionally ':' seconds and '.' digits; what
 * follows is not looked at.  The text starts with a digit or ':'.
 */
static bool iv_time(const char *p, int64_t *micros)
{
	int64_t hour = 0, frac = 0, mult = 100000;
	int min = 0, sec = 0, digits = 9;

	if (!is_digit(*p))
		return false;
	for (; is_digit(*p); p++) {
		if (digits-- <= 0)
			return false;
		hour = hour * 10 + (*p - '0');
	}
	if (*p++ != ':')
		return false;
	if (*p) {
		if (!iv_two_digits(&p, &min) || min >= 60)
			return false;
	}
	if (*p) {
		if (*p++ != ':')
			return false;
		if (*p && (!iv_two_digits(&p, &sec) || sec >= 60))
			return false;
	}
	if (*p == '.')
		for (p++; is_digit(*p); p++, mult /= 10)
			frac += (*p - '0') * mult;
	*micros = ((hour * 60 + min) * 60 + sec) * IV_MICROS_PER_SEC + frac;
	return true;
}

/* FromCString on one release: true when it casts */
static bool iv_cast(const char *p, unsigned version)
{
	bool at_end = fe_duckdb_behavior("interval_number_at_end", version);
	bool ago_min = fe_duckdb_behavior("interval_ago_min_refused", version);
	struct iv r = { 0, 0, 0 };
	bool found = false;

	if (!*p)
		return false;
	if (*p == '@')
		p++;
	else if (*p == 'P' || *p == 'p')
		return false;	/* posix_interval: ISO 8601 is not read */
	for (;;) {
		const struct interval_unit *u;
		const char *b;
		bool negative = false;
		int64_t n = 0, f = 0, mult = 100000;

		/* standard_interval */
		while (iv_blank(*p))
			p++;
		if (!*p)
			return found;
		if (*p == 'a' || *p == 'A') {
			/* 'ago', blanks, the end; the values negated */
			if ((p[1] != 'g' && p[1] != 'G') ||
			    (p[2] != 'o' && p[2] != 'O'))
				return false;
			for (p += 3; iv_blank(*p); p++)
				;
			if (*p)
				return false;
			if (ago_min && (r.months == INT32_MIN ||
					r.days == INT32_MIN))
				return false;	/* "AGO interval value is
						 * out of range" */
			return found;
		}
		if (*p == '-') {
			negative = true;
			p++;
		} else if (!is_digit(*p)) {
			return false;
		}
		/* interval_parse_number */
		for (b = p; is_digit(*p); p++)
			;
		if (*p == ':') {
			/* interval_parse_time: the rest is a time */
			int64_t t;

			if (!iv_time(b, &t))
				return false;
			r.micros = iv_wrap_add(r.micros, t);
			if (negative)
				r.micros = iv_wrap_neg64(r.micros);
			return true;
		}
		if (!*p && !at_end)
			return found;	/* the number is dropped */
		if (p == b)
			return false;
		for (const char *d = b; d < p; d++) {
			/* Cast<string_t, int64_t>: "to INT64" */
			if (!iv_mul64(n, 10, &n) ||
			    !iv_add64(n, *d - '0', &n))
				return false;
		}
		if (*p == '.')
			for (p++; is_digit(*p); p++, mult /= 10)
				f += (*p - '0') * mult;
		if (negative) {
			n = -n;
			f = -f;
		}
		/* interval_parse_identifier */
		while (iv_blank(*p))
			p++;
		for (b = p; iv_alpha(*p); p++)
			;
		if (p == b && !found) {
			/* the implied seconds: blanks only after them */
			if (!iv_add(&r.micros, true, n, IV_MICROS_PER_SEC, 0) ||
			    !iv_add(&r.micros, true, f, 1, 0))
				return false;
			while (iv_blank(*p))
				p++;
			return !*p;
		}
		u = iv_unit(b, (size_t)(p - b), version);
		if (!u || !iv_part(&r, u->part, n, f))
			return false;	/* "extract specifier ... not
					 * recognized", out of range */
		found = true;
	}
}

enum fe_cast fe_interval_cast(const char *text, unsigned version)
{
	size_t takes = 0, refuses = 0;

	if (!text)
		return FE_CAST_UNKNOWN;
	if (version != FE_ANY)
		return iv_cast(text, version) ? FE_CAST_OK : FE_CAST_FAILS;
	/* any release: an answer only when every release gives it */
	for (size_t i = 0; i < fe_release_count(); i++) {
		const struct fe_release *rel = fe_release_at(i);

		if (rel->flags & FE_REL_UNRELEASED)
			continue;
		if (iv_cast(text, rel->version))
			takes++;
		else
			refuses++;
	}
	return takes && refuses ? FE_CAST_UNKNOWN
	       : takes ? FE_CAST_OK : FE_CAST_FAILS;
}

/* ---- the iceberg extension's behaviours ---- */

static const struct behavior iceberg_behaviors[] = {
#define ICEBERG_BEHAVIOR(name, first, last) { name, first, last },
#include "engine/iceberg_behavior.def"
#undef ICEBERG_BEHAVIOR
};

bool fe_iceberg_behavior(const char *name, unsigned version)
{
	return behavior_holds(iceberg_behaviors, NR(iceberg_behaviors), name,
			      version);
}

bool fe_iceberg_behavior_span(const char *name, unsigned *first,
			      unsigned *last)
{
	return behavior_span(iceberg_behaviors, NR(iceberg_behaviors), name,
			     first, last);
}

/* ---- dbt-duckdb's schema ---- */

#define DBT_OUTPUT_KEY(n, first, last, type, flags) \
	FITS(MEMBER_SIZE(struct fe_dbt_key, name), n)
#define DBT_CORE_KEY(n, first, last, type, flags) \
	FITS(MEMBER_SIZE(struct fe_dbt_key, name), n)
#define DBT_ATTACH_FIELD(n, first, last, type, flags) \
	FITS(MEMBER_SIZE(struct fe_dbt_key, name), n)
#define DBT_NESTED_FIELD(p, n, first, last, type, flags) \
	FITS(MEMBER_SIZE(struct fe_dbt_nested, parent), p) \
	FITS(MEMBER_SIZE(struct fe_dbt_key, name), n)
#include "engine/dbt_duckdb.def"
#undef DBT_OUTPUT_KEY
#undef DBT_CORE_KEY
#undef DBT_ATTACH_FIELD
#undef DBT_NESTED_FIELD

static const struct fe_dbt_key output_keys[] = {
#define DBT_OUTPUT_KEY(name, first, last, type, flags) \
	{ name, first, last, type, flags },
#define DBT_CORE_KEY(name, first, last, type, flags) \
	{ name, first, last, type, (flags) | FE_FIELD_CORE },
#define DBT_ATTACH_FIELD(name, first, last, type, flags)
#define DBT_NESTED_FIELD(parent, name, first, last, type, flags)
#include "engine/dbt_duckdb.def"
#undef DBT_OUTPUT_KEY
#undef DBT_CORE_KEY
#undef DBT_ATTACH_FIELD
#undef DBT_NESTED_FIELD
};

static const struct fe_dbt_key attach_fields[] = {
#define DBT_OUTPUT_KEY(name, first, last, type, flags)
#define DBT_CORE_KEY(name, first, last, type, flags)
#define DBT_ATTACH_FIELD(name, first, last, type, flags) \
	{ name, first, last, type, flags },
#define DBT_NESTED_FIELD(parent, name, first, last, type, flags)
#include "engine/dbt_duckdb.def"
#undef DBT_OUTPUT_KEY
#undef DBT_CORE_KEY
#undef DBT_ATTACH_FIELD
#undef DBT_NESTED_FIELD
};

static const struct fe_dbt_nested nested_fields[] = {
#define DBT_OUTPUT_KEY(name, first, last, type, flags)
#define DBT_CORE_KEY(name, first, last, type, flags)
#define DBT_ATTACH_FIELD(name, first, last, type, flags)
#define DBT_NESTED_FIELD(parent, name, first, last, type, flags) \
	{ parent, { name, first, last, type, flags } },
#include "engine/dbt_duckdb.def"
#undef DBT_OUTPUT_KEY
#undef DBT_CORE_KEY
#undef DBT_ATTACH_FIELD
#undef DBT_NESTED_FIELD
};

static const char *output_key_name_at(size_t i)
{
	return output_keys[i].name;
}

static const char *attach_field_name_at(size_t i)
{
	return attach_fields[i].name;
}

const char *const *fe_dbt_output_key_names(void)
{
	static const char *list[NR(output_keys) + 1];
	static atomic_int state;

	return name_list(list, &state, NR(output_keys), output_key_name_at);
}

const char *const *fe_dbt_attach_field_names(void)
{
	static const char *list[NR(attach_fields) + 1];
	static atomic_int state;

	return name_list(list, &state, NR(attach_fields),
			 attach_field_name_at);
}

static const struct fe_dbt_key *key_find(const struct fe_dbt_key *t,
					 size_t n, const char *name,
					 unsigned version)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(t[i].name, name) &&
		    holds(t[i].first, t[i].last, version))
			return &t[i];
	return NULL;
}

const struct fe_dbt_key *fe_dbt_output_key(const char *name,
					   unsigned version)
{
	return key_find(output_keys, NR(output_keys), name, version);
}

const struct fe_dbt_key *fe_dbt_attach_field(const char *name,
					     unsigned version)
{
	return key_find(attach_fields, NR(attach_fields), name, version);
}

static unsigned key_first(const struct fe_dbt_key *t, size_t n,
			  const char *name)
{
	unsigned first = 0;

	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(t[i].name, name) && (!first || t[i].first < first))
			first = t[i].first;
	return first;
}

unsigned fe_dbt_attach_field_first(const char *name)
{
	return key_first(attach_fields, NR(attach_fields), name);
}

unsigned fe_dbt_output_key_first(const char *name)
{
	return key_first(output_keys, NR(output_keys), name);
}

const struct fe_dbt_key *fe_dbt_output_key_at(size_t i)
{
	return i < NR(output_keys) ? &output_keys[i] : NULL;
}

const struct fe_dbt_key *fe_dbt_attach_field_at(size_t i)
{
	return i < NR(attach_fields) ? &attach_fields[i] : NULL;
}

const struct fe_dbt_key *fe_dbt_nested_field(const char *parent,
					     const char *name,
					     unsigned version)
{
	for (size_t i = 0; parent && name && i < NR(nested_fields); i++) {
		const struct fe_dbt_key *f = &nested_fields[i].field;

		if (!strcmp(nested_fields[i].parent, parent) &&
		    !strcmp(f->name, name) && holds(f->first, f->last, version))
			return f;
	}
	return NULL;
}

const struct fe_dbt_nested *fe_dbt_nested_field_at(size_t i)
{
	return i < NR(nested_fields) ? &nested_fields[i] : NULL;
}

/* ---- names after ATTACH ... AS ---- */

/*
 * A keyword the grammar refuses where a name goes, and the releases that
 * refuse it: the rows of ATTACH ... AS and of CREATE SECRET ... IN, each
 * table sorted case-insensitively by its generator.
 */
struct keyword_row {
	char word[24];
	unsigned first, last;
};

/* Whether `word` (any case) is a row of table t that holds `version`. */
static bool keyword_in(const struct keyword_row *t, size_t nr,
		       const char *word, unsigned version)
{
	size_t i = bisect_ci(t, nr, sizeof(*t), word);

	for (; i < nr && !ascii_cmp_ci(t[i].word, word); i++)
		if (holds(t[i].first, t[i].last, version))
			return true;
	return false;
}

static const struct keyword_row keywords[] = {
#define DUCKDB_ALIAS_KEYWORD(word, first, last) { word, first, last },
#define DUCKDB_DATABASE_NAME(name, first, last, flags)
#define DUCKDB_STATEMENT_TRIM(first, last)
#define DUCKDB_ALIAS_FORM(form, options, cls, name, first, last)
#include "engine/duckdb_names.def"
#undef DUCKDB_ALIAS_KEYWORD
#undef DUCKDB_DATABASE_NAME
#undef DUCKDB_STATEMENT_TRIM
#undef DUCKDB_ALIAS_FORM
};

static const struct {
	char name[16];
	unsigned first, last;
	unsigned flags;
} db_names[] = {
#define DUCKDB_ALIAS_KEYWORD(word, first, last)
#define DUCKDB_DATABASE_NAME(name, first, last, flags) \
	{ name, first, last, flags },
#define DUCKDB_STATEMENT_TRIM(first, last)
#define DUCKDB_ALIAS_FORM(form, options, cls, name, first, last)
#include "engine/duckdb_names.def"
#undef DUCKDB_ALIAS_KEYWORD
#undef DUCKDB_DATABASE_NAME
#undef DUCKDB_STATEMENT_TRIM
#undef DUCKDB_ALIAS_FORM
};

/*
 * The releases whose parser trims a statement's trailing ASCII blanks,
 * \v included, before it lexes it (SplitQueries(): StringUtil::Trim,
 * src/parser/parser.cpp at v1.5.0), as the names probe's alias forms
 * show: `AS lake\v` ending the statement attaches lake there.
 */
static const struct {
	unsigned first, last;
} statement_trims[] = {
#define DUCKDB_ALIAS_KEYWORD(word, first, last)
#define DUCKDB_DATABASE_NAME(name, first, last, flags)
#define DUCKDB_STATEMENT_TRIM(first, last) { first, last },
#define DUCKDB_ALIAS_FORM(form, options, cls, name, first, last)
#include "engine/duckdb_names.def"
#undef DUCKDB_ALIAS_KEYWORD
#undef DUCKDB_DATABASE_NAME
#undef DUCKDB_STATEMENT_TRIM
#undef DUCKDB_ALIAS_FORM
};

#define DUCKDB_ALIAS_KEYWORD(w, first, last) FITS_IN(keywords, word, w)
#define DUCKDB_DATABASE_NAME(n, first, last, flags) \
	FITS_IN(db_names, name, n)
#define DUCKDB_STATEMENT_TRIM(first, last)
#define DUCKDB_ALIAS_FORM(form, options, cls, name, first, last)
#include "engine/duckdb_names.def"
#undef DUCKDB_ALIAS_KEYWORD
#undef DUCKDB_DATABASE_NAME
#undef DUCKDB_STATEMENT_TRIM
#undef DUCKDB_ALIAS_FORM

static bool statement_trimmed(unsigned version)
{
	for (size_t i = 0; i < NR(statement_trims); i++)
		if (holds(statement_trims[i].first, statement_trims[i].last,
			  version))
			return true;
	return false;
}

unsigned fe_database_name(const char *s, unsigned version)
{
	for (size_t i = 0; s && i < NR(db_names); i++)
		if (ascii_same_ci(db_names[i].name, s) &&
		    !(db_names[i].flags & FE_DB_OTHER_CASE) ==
		    !strcmp(db_names[i].name, s) &&
		    holds(db_names[i].first, db_names[i].last, version))
			return db_names[i].flags;
	return 0;
}

enum fe_alias_refusal fe_alias_check(const char *s, unsigned version)
{
	size_t i;

	if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z')))
		return FE_ALIAS_NOT_WORD;
	for (const char *p = s; *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return FE_ALIAS_NOT_WORD;
	/* sorted, one row a word: a binary search */
	i = bisect_ci(keywords, NR(keywords), sizeof(keywords[0]), s);
	if (i < NR(keywords) && !ascii_cmp_ci(keywords[i].word, s) &&
	    holds(keywords[i].first, keywords[i].last, version))
		return FE_ALIAS_KEYWORD;
	if (fe_database_name(s, version))
		return FE_ALIAS_DATABASE;
	return FE_ALIAS_OK;
}

/* ---- settings refused once another is SET ---- */

/* Three strings a row, the error long: in a pool (src/pool.h). */
static const struct locks_pool {
#define DUCKDB_LOCK(restrictor, truth, setting, first, last, error) \
	POOL_MEMBER(r, restrictor) POOL_MEMBER(s, setting) \
	POOL_MEMBER(e, error)
#include "engine/duckdb_locks.def"
#undef DUCKDB_LOCK
} locks_pool = {
#define DUCKDB_LOCK(restrictor, truth, setting, first, last, error) \
	restrictor, setting, error,
#include "engine/duckdb_locks.def"
#undef DUCKDB_LOCK
};

static const struct {
	uint32_t restrictor;	/* offsets in locks_pool */
	int truth;
	uint32_t setting;
	unsigned first, last;
	uint32_t error;
} locks[] = {
#define DUCKDB_LOCK(restrictor, truth, setting, first, last, error) \
	{ POOL_OFF(struct locks_pool, r), truth, \
	  POOL_OFF(struct locks_pool, s), first, last, \
	  POOL_OFF(struct locks_pool, e) },
#include "engine/duckdb_locks.def"
#undef DUCKDB_LOCK
};

#define LOCK(i, field) POOL_STR(locks_pool, locks[i].field)

const char *fe_setting_refused_after(const char *restrictor, int truth,
				     const char *setting, unsigned version)
{
	for (size_t i = 0; restrictor && setting && i < NR(locks); i++)
		if (locks[i].truth == truth &&
		    ascii_same_ci(LOCK(i, restrictor), restrictor) &&
		    ascii_same_ci(LOCK(i, setting), setting) &&
		    holds(locks[i].first, locks[i].last, version))
			return LOCK(i, error);
	return NULL;
}

bool fe_setting_restricts(const char *name, int truth, unsigned version)
{
	for (size_t i = 0; name && i < NR(locks); i++)
		if (locks[i].truth == truth &&
		    ascii_same_ci(LOCK(i, restrictor), name) &&
		    holds(locks[i].first, locks[i].last, version))
			return true;
	return false;
}

/* The multibyte ones of unicode_space(), p[0] at least 0xC2. */
static size_t multibyte_space(const unsigned char *p)
{
	if (p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x81 && (p[2] == 0x9F || p[2] == 0xA0))
		return 3;
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

/*
 * Parser::StripUnicodeSpaces: the length of the Unicode space at p, or
 * 0; asked of every byte of a name, which is mostly ASCII (no call then)
 */
static inline size_t unicode_space(const unsigned char *p)
{
	return p[0] < 0xC2 ? 0 : multibyte_space(p);
}

/*
 * scan.l's blanks (`space [ \t\n\r\f]`: no \v, which the engine refuses
 * inside and at either end of a name, 1.4.3 and 1.5.6), and the Unicode
 * spaces: the length at p, or 0
 */
static size_t lex_blank(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\f')
		return 1;
	return unicode_space(p);
}

/* scan.l: ident_start [A-Za-z\200-\377_], ident_cont adds [0-9$] */
static bool ident_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

static bool ident_cont(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/*
 * A quoted run at *pp, its opening quote there ("identifier" or
 * 'literal'; the quote doubled stands for itself): its text in
 * name[size], *n counting every byte, kept or not; *pp past the closing
 * quote.  False when it is not closed.
 */
static bool lex_quoted(const unsigned char **pp, char *name, size_t size,
		       size_t *n)
{
	const unsigned char *p = *pp;
	unsigned char q = *p;

	*n = 0;
	for (p++;; p++) {
		if (!*p)
			return false;
		if (*p == q && p[1] != q)
			break;
		if (*p == q)
			p++;
		if (*n < size)
			name[*n] = (char)*p;
		(*n)++;
	}
	*pp = p + 1;
	return true;
}

/* What sql_token() finds. */
enum sql_token {
	TOK_END,		/* the end of the text */
	TOK_BARE,		/* a bare identifier (or keyword), in name[] */
	TOK_QUOTED,		/* a "quoted identifier", in name[] */
	TOK_OTHER,		/* anything else: a stray character, "", an
				 * unterminated quote or comment */
	TOK_LINE_COMMENT	/* (comments) a -- comment running to the
				 * end: it eats what is written after it */
};

/*
 * Past the blanks at *pp and, with `comments`, the comments scan.l takes
 * as blanks: `--` to a line break (\n or \r), or a nested / * ... * /.
 * TOK_LINE_COMMENT when a -- comment reaches the end, TOK_OTHER when a
 * / * one is not closed, TOK_END otherwise.
 */
static enum sql_token skip_blanks(const unsigned char **pp, bool comments)
{
	const unsigned char *p = *pp;
	size_t k;

	for (;;) {
		while ((k = lex_blank(p)))
			p += k;
		if (comments && p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n' && *p != '\r')
				p++;
			if (!*p)
				return TOK_LINE_COMMENT;
		} else if (comments && p[0] == '/' && p[1] == '*') {
			unsigned depth = 1;

			for (p += 2; depth; p++) {
				if (!*p)
					return TOK_OTHER;
				if (p[0] == '/' && p[1] == '*')
					depth++, p++;
				else if (p[0] == '*' && p[1] == '/')
					depth--, p++;
			}
		} else {
			break;
		}
	}
	*pp = p;
	return TOK_END;
}

/*
 * The next token of scan.l at *pp (past blanks, and comments with
 * `comments`), *pp past it: an identifier's name (a quoted one's quotes
 * off, "" a quote) in name[size], *n its length, counted past size.
 */
static enum sql_token sql_token(const unsigned char **pp, bool comments,
				char *name, size_t size, size_t *n)
{
	enum sql_token t = skip_blanks(pp, comments);
	const unsigned char *p = *pp, *b = p;

	*n = 0;
	if (t != TOK_END || !*p)
		return t;
	if (*p == '"') {
		if (!lex_quoted(&p, name, size, n))
			return TOK_OTHER;	/* unterminated */
		*pp = p;
		/* zero-length delimited identifier */
		return p - b == 2 ? TOK_OTHER : TOK_QUOTED;
	}
	if (!ident_start(*p) || unicode_space(p))
		return TOK_OTHER;
	while (*p && ident_cont(*p) && !unicode_space(p))
		p++;
	*n = (size_t)(p - b);
	memcpy(name, b, *n < size ? *n : size);
	*pp = p;
	return TOK_BARE;
}

/* What alias_lex() makes of a string. */
enum alias_lexed {
	LEXED_NOT_WORD,		/* not one identifier */
	LEXED_BARE,		/* a bare identifier, in name[] */
	LEXED_QUOTED,		/* a "quoted identifier", in name[] */
	LEXED_LONG		/* an identifier longer than name[] */
};

/* StringUtil::Trim's blanks: ' ', \t, \n, \v, \f, \r */
static bool trimmed_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Lex `s` as DuckDB `version`'s parser reads it written after ATTACH ...
 * AS (scan.l): one identifier, blanks and comments around it, its name
 * (a quoted one's quotes off, "" a quote) in name[size].  `last`: nothing
 * follows in the statement (dbt-duckdb writes no options), so a release
 * that trims the statement (statement_trimmed()) drops its trailing
 * blanks first, \v included, and a -- comment may run to its end;
 * otherwise such a comment eats what follows (*eats).
 */
static enum alias_lexed lex_one(const char *s, bool comments, bool last,
				unsigned version, char *name, size_t size,
				bool *eats)
{
	const unsigned char *p = (const unsigned char *)s, *end;
	enum sql_token t, after;
	size_t n;

	*eats = false;
	if (!s)
		return LEXED_NOT_WORD;
	end = p + strlen(s);
	if (last && statement_trimmed(version))
		while (end > p && trimmed_blank(end[-1]))
			end--;
	t = sql_token(&p, comments, name, size, &n);
	if ((t != TOK_BARE && t != TOK_QUOTED) || p > end)
		return LEXED_NOT_WORD;
	after = skip_blanks(&p, comments);
	if (after == TOK_OTHER)
		return LEXED_NOT_WORD;	/* an unterminated / * comment */
	if (after == TOK_LINE_COMMENT)
		*eats = !last;		/* to the end of the alias */
	else if (p < end)
		return LEXED_NOT_WORD;	/* more than one word */
	if (n >= size)
		return LEXED_LONG;	/* no keyword or reserved name is */
	name[n] = '\0';
	return t == TOK_QUOTED ? LEXED_QUOTED : LEXED_BARE;
}

static enum alias_lexed alias_lex(const char *s, bool last, unsigned version,
				  char *name, size_t size, bool *eats)
{
	return lex_one(s, true, last, version, name, size, eats);
}

/* Whether bare `word` is a keyword the parser refuses as a ColId. */
static bool alias_keyword(const char *word, unsigned version)
{
	return keyword_in(keywords, NR(keywords), word, version);
}

enum fe_alias_refusal fe_alias_parse(const char *s, bool last,
				     unsigned version)
{
	char name[256];
	bool eats;
	enum alias_lexed l = alias_lex(s, last, version, name, sizeof(name),
				       &eats);

	switch (l) {
	case LEXED_NOT_WORD:
		return FE_ALIAS_NOT_WORD;
	case LEXED_LONG:
		break;
	case LEXED_BARE:
		if (alias_keyword(name, version))
			return FE_ALIAS_KEYWORD;
		break;
	case LEXED_QUOTED:
		break;		/* a quoted keyword is a name */
	}
	if (l != LEXED_LONG && fe_database_name(name, version))
		return FE_ALIAS_DATABASE;
	return eats ? FE_ALIAS_COMMENT : FE_ALIAS_OK;
}

const char *fe_alias_name(const char *s, bool last, unsigned version,
			  char *buf, size_t size)
{
	bool eats;
	enum alias_lexed l = alias_lex(s, last, version, buf, size, &eats);

	return l == LEXED_BARE || l == LEXED_QUOTED ? buf : NULL;
}

/* The one parse of a TYPE written raw (ATTACH's, CREATE SECRET's). */
static const char *type_name(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, k;

	if (!s)
		return NULL;
	while ((k = lex_blank(p)))
		p += k;
	if (*p != '\'') {
		/* a word, without comments: what follows is not modelled */
		bool eats;
		enum alias_lexed l = lex_one(s, false, false, FE_ANY, buf,
					     size, &eats);

		return l == LEXED_BARE || l == LEXED_QUOTED ? buf : NULL;
	}
	/* a string literal: '' is a quote */
	if (!lex_quoted(&p, buf, size, &n) || n >= size)
		return NULL;	/* unterminated, or too long */
	for (; (k = lex_blank(p)); p += k)
		;
	buf[n] = '\0';
	return *p ? NULL : buf;
}

bool fe_attach_type_is(const char *s, const char *type)
{
	char name[64];

	/* the usual spelling, a bare word, lexes to itself */
	if (s && *type && !strcasecmp(s, type))
		return true;
	return type_name(s, name, sizeof(name)) && !strcasecmp(name, type);
}

const char *fe_secret_type_name(const char *s, char *buf, size_t size)
{
	if (!type_name(s, buf, size))
		return NULL;
	return ascii_lower_str(buf);
}

/*
 * duckdb_secrets.def is read once for each table below: a reading defines
 * the rows it takes (SECRET_ROWS_*), the others expand to nothing.
 * DUCKDB_SECRET_NAME_FORM is the probe's answers, for the tests only.
 */
#define DUCKDB_SECRET_TYPE(type, extension, first, last) \
	SECRET_ROWS_TYPE(type, extension, first, last)
#define DUCKDB_SECRETLESS_EXTENSION(extension, first, last) \
	SECRET_ROWS_TYPE("", extension, first, last)
#define DUCKDB_SECRET_STORAGE(storage, persistent, first, last) \
	SECRET_ROWS_STORAGE(storage, persistent, first, last)
#define DUCKDB_SECRET_STORAGE_KEYWORD(word, first, last) \
	SECRET_ROWS_KEYWORD(word, first, last)
#define DUCKDB_SECRET_PERSISTENT_DISABLED(message, first, last) \
	SECRET_ROWS_DISABLED(message, first, last)
#define DUCKDB_SECRET_NAME_FORM(f, p, c, n, s, stored, first, last)
#define SECRET_ROWS_DISABLED(message, first, last)

/* A type of "" is a row of an extension that registers none. */
static const struct {
	char type[16];
	char extension[24];	/* "": the engine's own */
	unsigned first, last;
} secret_types[] = {
#define SECRET_ROWS_TYPE(type, extension, first, last) \
	{ type, extension, first, last },
#define SECRET_ROWS_STORAGE(storage, persistent, first, last)
#define SECRET_ROWS_KEYWORD(word, first, last)
#include "engine/duckdb_secrets.def"
#undef SECRET_ROWS_TYPE
#undef SECRET_ROWS_STORAGE
#undef SECRET_ROWS_KEYWORD
};

/* The storages of a fresh database. */
static const struct {
	char storage[16];
	bool persistent;
	unsigned first, last;
} secret_storages[] = {
#define SECRET_ROWS_TYPE(type, extension, first, last)
#define SECRET_ROWS_STORAGE(storage, persistent, first, last) \
	{ storage, persistent, first, last },
#define SECRET_ROWS_KEYWORD(word, first, last)
#include "engine/duckdb_secrets.def"
#undef SECRET_ROWS_TYPE
#undef SECRET_ROWS_STORAGE
#undef SECRET_ROWS_KEYWORD
};

/* The words IN refuses, sorted case-insensitively (gen_secrets.py). */
static const struct keyword_row storage_keywords[] = {
#define SECRET_ROWS_TYPE(type, extension, first, last)
#define SECRET_ROWS_STORAGE(storage, persistent, first, last)
#define SECRET_ROWS_KEYWORD(word, first, last) { word, first, last },
#include "engine/duckdb_secrets.def"
#undef SECRET_ROWS_TYPE
#undef SECRET_ROWS_STORAGE
#undef SECRET_ROWS_KEYWORD
};

/* The answer to a persistent secret once allow_persistent_secrets is off */
#undef SECRET_ROWS_DISABLED
static const struct {
	char message[192];
	unsigned first, last;
} persistent_disabled[] = {
#define SECRET_ROWS_TYPE(type, extension, first, last)
#define SECRET_ROWS_STORAGE(storage, persistent, first, last)
#define SECRET_ROWS_KEYWORD(word, first, last)
#define SECRET_ROWS_DISABLED(message, first, last) { message, first, last },
#include "engine/duckdb_secrets.def"
#undef SECRET_ROWS_TYPE
#undef SECRET_ROWS_STORAGE
#undef SECRET_ROWS_KEYWORD
#undef SECRET_ROWS_DISABLED
};

#define SECRET_ROWS_DISABLED(m, first, last) \
	FITS_IN(persistent_disabled, message, m)
#define SECRET_ROWS_TYPE(t, e, first, last) \
	FITS_IN(secret_types, type, t) FITS_IN(secret_types, extension, e)
#define SECRET_ROWS_STORAGE(st, p, first, last) \
	FITS_IN(secret_storages, storage, st)
#define SECRET_ROWS_KEYWORD(w, first, last) \
	FITS_IN(storage_keywords, word, w)
#include "engine/duckdb_secrets.def"
#undef SECRET_ROWS_TYPE
#undef SECRET_ROWS_STORAGE
#undef SECRET_ROWS_KEYWORD
#undef SECRET_ROWS_DISABLED
#undef DUCKDB_SECRET_TYPE
#undef DUCKDB_SECRETLESS_EXTENSION
#undef DUCKDB_SECRET_STORAGE
#undef DUCKDB_SECRET_STORAGE_KEYWORD
#undef DUCKDB_SECRET_PERSISTENT_DISABLED
#undef DUCKDB_SECRET_NAME_FORM

const char *fe_secret_persistent_disabled(unsigned version)
{
	for (size_t i = 0; i < NR(persistent_disabled); i++)
		if (holds(persistent_disabled[i].first,
			  persistent_disabled[i].last, version))
			return persistent_disabled[i].message;
	return NULL;
}

const char *fe_secret_type_extension(const char *type, unsigned version)
{
	for (size_t i = 0; type && *type && i < NR(secret_types); i++)
		if (!strcmp(secret_types[i].type, type) &&
		    holds(secret_types[i].first, secret_types[i].last,
			  version))
			return secret_types[i].extension;
	return NULL;
}

unsigned fe_secret_type_first(const char *type)
{
	unsigned first = 0;

	for (size_t i = 0; type && *type && i < NR(secret_types); i++)
		if (!strcmp(secret_types[i].type, type) &&
		    (!first || secret_types[i].first < first))
			first = secret_types[i].first;
	return first;
}

const char *fe_secret_type_at(size_t i, unsigned version)
{
	for (size_t j = 0; j < NR(secret_types); j++)
		if (*secret_types[j].type &&
		    holds(secret_types[j].first, secret_types[j].last,
			  version) && !i--)
			return secret_types[j].type;
	return NULL;
}

bool fe_extension_secret_types_known(const char *ext, unsigned version)
{
	for (size_t i = 0; ext && *ext && i < NR(secret_types); i++)
		if (!strcmp(secret_types[i].extension, ext) &&
		    holds(secret_types[i].first, secret_types[i].last,
			  version))
			return true;
	return false;
}

/* A token's text, lower-cased, in buf[size] (cut to fit). */
static void lower_token(char *buf, size_t size, const char *tok, size_t n)
{
	ascii_lower_copy(buf, tok, n < size ? n : size - 1);
}

static bool storage_keyword(const char *word, unsigned version)
{
	return keyword_in(storage_keywords, NR(storage_keywords), word,
			  version);
}

/* The end of a name: nothing more, or a -- comment that eats the " (". */
static enum fe_secret_name_refusal name_end(enum sql_token t)
{
	if (t == TOK_END)
		return FE_SECRET_NAME_OK;
	return t == TOK_LINE_COMMENT ? FE_SECRET_NAME_COMMENT
				     : FE_SECRET_NAME_NOT_WORD;
}

/* Bare `in` (IN_P, a reserved keyword: never a secret's name). */
static bool is_in(enum sql_token t, const char *tok, size_t n)
{
	return t == TOK_BARE && n == 2 && ascii_lower((unsigned char)tok[0]) ==
	       'i' && ascii_lower((unsigned char)tok[1]) == 'n';
}

const char *fe_secret_storage_at(size_t i, unsigned version)
{
	for (size_t j = 0; j < NR(secret_storages); j++)
		if (holds(secret_storages[j].first, secret_storages[j].last,
			  version) && !i--)
			return secret_storages[j].storage;
	return NULL;
}

bool fe_extension_in_fresh_database(const char *ext, unsigned version)
{
	/* a row of no type: loaded in a fresh database (probe_secrets.py
	 * `loaded`), and registering no type */
	for (size_t i = 0; ext && *ext && i < NR(secret_types); i++)
		if (!*secret_types[i].type &&
		    !strcmp(secret_types[i].extension, ext) &&
		    holds(secret_types[i].first, secret_types[i].last,
			  version))
			return true;
	return false;
}

enum fe_secret_name_refusal fe_secret_name_parse(const char *s,
						 bool persistent,
						 unsigned version,
						 struct fe_secret_name *out)
{
	const unsigned char *p = (const unsigned char *)s;
	enum fe_secret_name_refusal r;
	enum sql_token t;
	char tok[256];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->persistent = persistent;
	if (!s)
		return FE_SECRET_NAME_NOT_WORD;
	t = sql_token(&p, true, tok, sizeof(tok), &n);
	if ((t == TOK_BARE || t == TOK_QUOTED) && !is_in(t, tok, n)) {
		/* opt_secret_name: ColId */
		lower_token(out->name, sizeof(out->name), tok, n);
		if (t == TOK_BARE && n < sizeof(tok) &&
		    alias_keyword(out->name, version))
			return FE_SECRET_NAME_KEYWORD;
		t = sql_token(&p, true, tok, sizeof(tok), &n);
	}
	if (!is_in(t, tok, n))
		return name_end(t);
	/* opt_storage_specifier: IN_P IDENT */
	t = sql_token(&p, true, tok, sizeof(tok), &n);
	if (t == TOK_LINE_COMMENT)
		return FE_SECRET_NAME_COMMENT;
	if (t != TOK_BARE && t != TOK_QUOTED)
		return FE_SECRET_NAME_NOT_WORD;
	lower_token(out->storage, sizeof(out->storage), tok, n);
	if (t == TOK_BARE && n < sizeof(tok) &&
	    storage_keyword(out->storage, version))
		return FE_SECRET_NAME_STORAGE_KEYWORD;
	r = name_end(sql_token(&p, true, tok, sizeof(tok), &n));
	if (r != FE_SECRET_NAME_OK)
		return r;
	/* SecretManager::CreateSecret: a storage given, not memory, makes
	 * the secret persistent; a temporary storage refuses PERSISTENT */
	for (size_t i = 0; n < sizeof(out->storage) &&
			   i < NR(secret_storages); i++) {
		if (strcmp(secret_storages[i].storage, out->storage) ||
		    !holds(secret_storages[i].first, secret_storages[i].last,
			   version))
			continue;
		if (persistent && !secret_storages[i].persistent)
			return FE_SECRET_NAME_TEMPORARY_STORAGE;
		out->persistent = secret_storages[i].persistent;
		return FE_SECRET_NAME_OK;
	}
	out->persistent = true;
	return FE_SECRET_NAME_NO_STORAGE;
}

bool fe_secret_type_is(const char *s, const char *type)
{
	/* the same parse: a secret's TYPE and an ATTACH's are read alike */
	return fe_attach_type_is(s, type);
}

const char *fe_duckdb_path_database(const char *path, const char *type,
				    bool if_not_exists, unsigned version,
				    size_t *len)
{
	static const char reserved[][2][10] = {
		{ "main", "main_db" }, { "temp", "temp_db" },
		{ "system", "system_db" },
	};
	const char *base, *end;
	size_t n;
	enum fe_path_slash slash;

	if (!path)
		return NULL;
	if (type && *type && !fe_attach_type_is(type, "duckdb")) {
		/* sqlite: the name is checked before the extension loads
		 * only under IF NOT EXISTS */
		if (!fe_attach_type_is(type, "sqlite") || !if_not_exists)
			return NULL;
	}
	if (!*path || !strcmp(path, ":memory:")) {
		*len = 6;
		return "memory";
	}
	if (strchr(path, ':'))
		return NULL;	/* an extension prefix or a URL */
	/* a path ending in '/': named as without the slashes where the
	 * release attaches it so, or names it before it fails to open the
	 * file (IF NOT EXISTS on 1.4.x); plain ATTACH fails first there */
	n = strlen(path);
	if (path[n - 1] == '/') {
		slash = fe_path_slash(version);
		if ((type && *type && !fe_attach_type_is(type, "duckdb")) ||
		    slash == FE_SLASH_UNKNOWN ||
		    (slash == FE_SLASH_FAILS && !if_not_exists))
			return NULL;
		while (n && path[n - 1] == '/')
			n--;
	}
	base = path + n;
	while (base > path && base[-1] != '/')
		base--;
	while (base < path + n && *base == '.')
		base++;		/* Split() drops the empty pieces */
	if (base == path + n)
		return NULL;
	end = memchr(base, '.', (size_t)(path + n - base));
	*len = end ? (size_t)(end - base) : (size_t)(path + n - base);
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strlen(reserved[i][0]) == *len &&
		    !memcmp(reserved[i][0], base, *len)) {
			*len = strlen(reserved[i][1]);
			return reserved[i][1];
		}
	return base;
}

/* ---- one database file ---- */

static const struct {
	unsigned first, last;
	enum fe_file_identity identity;
} file_identities[] = {
#define DUCKDB_FILE_IDENTITY(first, last, identity) { first, last, identity },
#define DUCKDB_PATH_SLASH(first, last, behaviour)
#include "engine/duckdb_files.def"
#undef DUCKDB_FILE_IDENTITY
#undef DUCKDB_PATH_SLASH
};

static const struct {
	unsigned first, last;
	enum fe_path_slash behaviour;
} path_slashes[] = {
#define DUCKDB_FILE_IDENTITY(first, last, identity)
#define DUCKDB_PATH_SLASH(first, last, behaviour) { first, last, behaviour },
#include "engine/duckdb_files.def"
#undef DUCKDB_FILE_IDENTITY
#undef DUCKDB_PATH_SLASH
};

enum fe_path_slash fe_path_slash(unsigned version)
{
	if (version == FE_ANY)
		return FE_SLASH_UNKNOWN;	/* the releases differ */
	for (size_t i = 0; i < NR(path_slashes); i++)
		if (holds(path_slashes[i].first, path_slashes[i].last,
			  version))
			return path_slashes[i].behaviour;
	return FE_SLASH_UNKNOWN;
}

bool fe_path_names_folder(const char *path)
{
	size_t n = path ? strlen(path) : 0, b;

	if (!n)
		return false;
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 1 && path[0] == '/')
		return true;		/* the root */
	for (b = n; b > 0 && path[b - 1] != '/'; b--)
		;
	return (n - b == 1 && path[b] == '.') ||
	       (n - b == 2 && path[b] == '.' && path[b + 1] == '.');
}

enum fe_file_identity fe_file_identity(unsigned version)
{
	for (size_t i = 0; i < NR(file_identities); i++)
		if (holds(file_identities[i].first, file_identities[i].last,
			  version))
			return file_identities[i].identity;
	return FE_FILE_UNKNOWN;
}

size_t fe_database_file_key(const char *path, unsigned version, char *out)
{
	enum fe_file_identity id = fe_file_identity(version);
	size_t n = 0;

	if (!path || !*path || strchr(path, ':') || id == FE_FILE_UNKNOWN)
		return 0;
	if (id == FE_FILE_TEXT_CI)
		return ascii_lower_copy(out, path, strlen(path));
	/* FE_FILE_NORMALIZED: "." and empty segments dropped */
	if (*path == '/')
		out[n++] = '/';
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		if (len && !(len == 1 && *p == '.')) {
			if (n && out[n - 1] != '/')
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	out[n] = '\0';
	return n == 1 && *out == '/' ? 0 : n;
}

/* ---- settings that take one of a few words ---- */

/* The words are long: in a pool (src/pool.h). */
static const struct words_pool {
#define DUCKDB_WORDS(name, first, last, via, any_case, words) \
	POOL_MEMBER(w, words)
#include "engine/duckdb_words.def"
#undef DUCKDB_WORDS
} words_pool = {
#define DUCKDB_WORDS(name, first, last, via, any_case, words) words,
#include "engine/duckdb_words.def"
#undef DUCKDB_WORDS
};

#define DUCKDB_WORDS(name, first, last, via, any_case, words) \
	FITS(FE_SETTING_NAME_SIZE, name)
#include "engine/duckdb_words.def"
#undef DUCKDB_WORDS

static const struct {
	char name[FE_SETTING_NAME_SIZE];
	unsigned first, last;
	unsigned via;
	uint32_t words;		/* offset in words_pool */
	bool any_case;
} word_settings[] = {
#define DUCKDB_WORDS(name, first, last, via, any_case, words) \
	{ name, first, last, via, POOL_OFF(struct words_pool, w), any_case },
#include "engine/duckdb_words.def"
#undef DUCKDB_WORDS
};

bool fe_setting_words(const char *name, unsigned version,
		      enum fe_words_via via, struct fe_words *w)
{
	for (size_t i = 0; name && i < NR(word_settings); i++)
		if ((word_settings[i].via & (unsigned)via) &&
		    ascii_same_ci(word_settings[i].name, name) &&
		    holds(word_settings[i].first, word_settings[i].last,
			  version)) {
			w->words = POOL_STR(words_pool,
					    word_settings[i].words);
			w->any_case = word_settings[i].any_case;
			return true;
		}
	memset(w, 0, sizeof(*w));
	return false;
}

bool fe_words_take(const struct fe_words *w, const char *text)
{
	size_t len = strlen(text);

	for (const char *p = w->words; p && *p;) {
		const char *end = strchr(p, '|');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && n && (w->any_case ? ascii_same_ci_n(p, text, n)
					     : !memcmp(p, text, n)))
			return true;
		p += n + (end != NULL);
	}
	return false;
}

/* ---- the memory parser ---- */

static const struct {
	char name[FE_SETTING_NAME_SIZE];
	unsigned first, last;
	struct fe_mem_setting s;
} memory_settings[] = {
#define DUCKDB_MEMORY_SETTING(name, first, last, parser, own, config) \
	{ name, first, last, { parser, own, config, NULL } },
#define DUCKDB_MEMORY_WORDS(verdict, first, last, before, after)
#define DUCKDB_MEMORY_OWN_TEXT(name, first, last, text)
#include "engine/duckdb_memory.def"
#undef DUCKDB_MEMORY_SETTING
#undef DUCKDB_MEMORY_WORDS
#undef DUCKDB_MEMORY_OWN_TEXT
};

static const struct {
	enum fe_mem_verdict verdict;
	unsigned first, last;
	char before[80], after[96];
} memory_words[] = {
#define DUCKDB_MEMORY_SETTING(name, first, last, parser, own, config)
#define DUCKDB_MEMORY_WORDS(verdict, first, last, before, after) \
	{ verdict, first, last, before, after },
#define DUCKDB_MEMORY_OWN_TEXT(name, first, last, text)
#include "engine/duckdb_memory.def"
#undef DUCKDB_MEMORY_SETTING
#undef DUCKDB_MEMORY_WORDS
#undef DUCKDB_MEMORY_OWN_TEXT
};

/* The exact texts a memory setting takes itself, before the parser. */
static const struct {
	char name[FE_SETTING_NAME_SIZE];
	unsigned first, last;
	char text[32];
} memory_own_texts[] = {
#define DUCKDB_MEMORY_SETTING(name, first, last, parser, own, config)
#define DUCKDB_MEMORY_WORDS(verdict, first, last, before, after)
#define DUCKDB_MEMORY_OWN_TEXT(name, first, last, text) \
	{ name, first, last, text },
#include "engine/duckdb_memory.def"
#undef DUCKDB_MEMORY_SETTING
#undef DUCKDB_MEMORY_WORDS
#undef DUCKDB_MEMORY_OWN_TEXT
};

#define DUCKDB_MEMORY_SETTING(n, first, last, parser, own, config) \
	FITS_IN(memory_settings, name, n)
#define DUCKDB_MEMORY_WORDS(verdict, first, last, b, a) \
	FITS_IN(memory_words, before, b) FITS_IN(memory_words, after, a)
#define DUCKDB_MEMORY_OWN_TEXT(n, first, last, t) \
	FITS_IN(memory_own_texts, name, n) FITS_IN(memory_own_texts, text, t)
#include "engine/duckdb_memory.def"
#undef DUCKDB_MEMORY_SETTING
#undef DUCKDB_MEMORY_WORDS
#undef DUCKDB_MEMORY_OWN_TEXT

enum fe_mem_parser fe_memory_setting(const char *name, unsigned version,
				     struct fe_mem_setting *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; name && i < NR(memory_settings); i++)
		if (ascii_same_ci(memory_settings[i].name, name) &&
		    holds(memory_settings[i].first, memory_settings[i].last,
			  version)) {
			*s = memory_settings[i].s;
			break;
		}
	for (size_t i = 0; s->parser && i < NR(memory_own_texts); i++)
		if (ascii_same_ci(memory_own_texts[i].name, name) &&
		    holds(memory_own_texts[i].first, memory_own_texts[i].last,
			  version))
			s->own_text = memory_own_texts[i].text;
	return s->parser;
}

/* The release's words for a verdict; false when it is no error there. */
static bool mem_words(enum fe_mem_verdict v, unsigned version,
		      struct fe_mem_refusal *r)
{
	for (size_t i = 0; i < NR(memory_words); i++)
		if (memory_words[i].verdict == v &&
		    holds(memory_words[i].first, memory_words[i].last,
			  version)) {
			r->verdict = v;
			r->before = memory_words[i].before;
			r->after = memory_words[i].after;
			return true;
		}
	return false;
}

/* StringUtil::CharacterIsSpace */
static bool mem_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	       c == '\f' || c == '\r';
}

/* The characters the parser takes into the number. */
static bool mem_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' ||
	       c == '-';
}

/* Does DuckDB's cast to DOUBLE take s[0..n), made of number characters?
 * A sign, digits with at most one point (one digit at least), and an
 * exponent of e or E, a sign and digits (probed: 5., .5, 1.e3, 1e-3
 * cast; 1e, e3, 4-4, 1..5 do not). */
static bool mem_double(const char *s, size_t n)
{
	size_t i = 0, digits = 0, exp = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && s[i] == '-')
			i++;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			exp++;
		if (!exp)
			return false;
	}
	return i == n;
}

/* The unit's multiplier (the parser lower-cases it first), 0 if none. */
static double mem_unit(const char *u, size_t n)
{
	static const struct {
		char name[12];
		double mult;
	} units[] = {
		{ "b", 1 }, { "byte", 1 }, { "bytes", 1 },
		{ "k", 1e3 }, { "kb", 1e3 }, { "kilobyte", 1e3 },
		{ "kilobytes", 1e3 },
		{ "m", 1e6 }, { "mb", 1e6 }, { "megabyte", 1e6 },
		{ "megabytes", 1e6 },
		{ "g", 1e9 }, { "gb", 1e9 }, { "gigabyte", 1e9 },
		{ "gigabytes", 1e9 },
		{ "t", 1e12 }, { "tb", 1e12 }, { "terabyte", 1e12 },
		{ "terabytes", 1e12 },
		{ "kib", 1024.0 }, { "mib", 1048576.0 },
		{ "gib", 1073741824.0 }, { "tib", 1099511627776.0 },
	};

	for (size_t i = 0; i < NR(units); i++)
		if (strlen(units[i].name) == n &&
		    !strncasecmp(units[i].name, u, n))
			return units[i].mult;
	return 0;
}

/* s[0..n) into r->quoted, ASCII lower-cased when `lower`, cut at 60
 * bytes on a character boundary. */
static void mem_quote(struct fe_mem_refusal *r, const char *s, size_t n,
		      bool lower)
{
	size_t i;

	if (n > 60) {
		n = 60;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		r->quoted[i] = lower && s[i] >= 'A' && s[i] <= 'Z'
			       ? (char)(s[i] - 'A' + 'a') : s[i];
	r->quoted[i] = '\0';
}

/* What the parser read as no limit: taken, or refused by the setting. */
static enum fe_mem_verdict no_limit(const struct fe_mem_setting *s,
				    struct fe_mem_refusal *r)
{
	if (!(s->own & FE_MEM_NO_LIMIT_REFUSED))
		return FE_MEM_OK;
	r->verdict = FE_MEM_NO_LIMIT;
	r->before = r->after = "";
	return r->verdict;
}

enum fe_mem_verdict fe_memory_parse(const char *text,
				    const struct fe_mem_setting *s,
				    unsigned version, struct fe_mem_refusal *r)
{
	enum fe_mem_parser parser = s->parser;
	const char *p = text, *num, *unit;
	double limit, mult;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (parser == FE_MEM_NONE)
		return FE_MEM_OK;
	n = strlen(text);
	if (((s->own & FE_MEM_OWN_PERCENT) && n && text[n - 1] == '%') ||
	    ((s->own & FE_MEM_OWN_EMPTY) && !n) ||
	    (s->own_text && !strcmp(text, s->own_text)))
		return FE_MEM_OK;	/* read by the setting itself */
	if (parser != FE_MEM_BYTES && (text[0] == '-' ||
				       !strcmp(text, "null") ||
				       !strcmp(text, "none")))
		return no_limit(s, r);
	while (mem_space(*p))
		p++;
	for (num = p; mem_number_char(*p); p++)
		;
	n = (size_t)(p - num);
	if (!n)
		return mem_words(FE_MEM_NO_NUMBER, version, r) ? r->verdict
							       : FE_MEM_OK;
	if (!mem_double(num, n)) {
		if (!mem_words(FE_MEM_BAD_NUMBER, version, r))
			return FE_MEM_OK;
		mem_quote(r, num, n, false);
		return r->verdict;
	}
	/* strtod() reads the same number: the run is a whole number by
	 * the test above, and what follows it is no digit, point, e or
	 * sign (after "0x" strtod() reads on in hex, but then the unit is
	 * unknown whatever the value) */
	limit = strtod(num, NULL);
	while (mem_space(*p))
		p++;
	for (unit = p; *p && !mem_space(*p); p++)
		;
	if (limit < 0) {
		if (parser != FE_MEM_BYTES)
			return no_limit(s, r);
		return mem_words(FE_MEM_NEGATIVE, version, r) ? r->verdict
							      : FE_MEM_OK;
	}
	mult = mem_unit(unit, (size_t)(p - unit));
	if (!mult) {
		if (!mem_words(FE_MEM_UNKNOWN_UNIT, version, r))
			return FE_MEM_OK;
		mem_quote(r, unit, (size_t)(p - unit), true);
		return r->verdict;
	}
	if (limit > 18446744073709551615.0 / mult &&
	    mem_words(FE_MEM_TOO_LARGE, version, r))
		return r->verdict;
	return FE_MEM_OK;
}

size_t fe_alias_keyword_count(void)
{
	return NR(keywords);
}

const char *fe_alias_keyword_at(size_t i)
{
	return i < NR(keywords) ? keywords[i].word : NULL;
}

size_t fe_database_name_count(void)
{
	return NR(db_names);
}

const char *fe_database_name_at(size_t i)
{
	return i < NR(db_names) ? db_names[i].name : NULL;
}

/* ---- extensions ---- */

static const struct {
	char alias[24], name[24];
	unsigned first, last;
} ext_aliases[] = {
#define DUCKDB_EXTENSION_ALIAS(alias, name, first, last) \
	{ alias, name, first, last },
#include "engine/data/duckdb_extensions.def"
#undef DUCKDB_EXTENSION_ALIAS
};

#define DUCKDB_EXTENSION_ALIAS(a, n, first, last) \
	FITS_IN(ext_aliases, alias, a) FITS_IN(ext_aliases, name, n)
#include "engine/data/duckdb_extensions.def"
#undef DUCKDB_EXTENSION_ALIAS

const char *fe_extension_canonical(const char *name, unsigned version)
{
	for (size_t i = 0; name && i < NR(ext_aliases); i++)
		if (ascii_same_ci(ext_aliases[i].alias, name) &&
		    holds(ext_aliases[i].first, ext_aliases[i].last, version))
			return ext_aliases[i].name;
	return name;
}
