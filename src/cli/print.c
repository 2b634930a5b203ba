#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("floe-profiles: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void print_diags_gcc(const struct floe_diags *d, FILE *f)
{
	for (size_t i = 0; i < d->nr; i++) {
		const struct floe_diag *g = &d->items[i];

		fputs(g->loc.file ? g->loc.file : "floe-profiles", f);
		if (g->loc.start.line) {
			fprintf(f, ":%u", g->loc.start.line);
			if (g->loc.start.column)
				fprintf(f, ":%u", g->loc.start.column);
		}
		fprintf(f, ": %s: %s", floe_severity_name(g->severity),
			g->message);
		if (g->rule)
			fprintf(f, " [%s]", g->rule);
		fputc('\n', f);
	}
	if (d->dropped)
		fprintf(f, "floe-profiles: %zu more diagnostics not shown\n",
			d->dropped);
}

int cli_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v, mul = 1;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end == 'k' || *end == 'K')
		mul = 1024, end++;
	else if (*end == 'M')
		mul = 1024 * 1024, end++;
	else if (*end == 'G')
		mul = 1024 * 1024 * 1024, end++;
	if (*end || !v || v > SIZE_MAX / mul)
		return -1;
	*out = (size_t)(v * mul);
	return 0;
}
