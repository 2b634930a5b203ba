/*
 * For tests/resolve/check_resolver.py: read one hex-encoded scalar per
 * line from stdin and print how floe_yaml_resolve() types it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/yaml.h"

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static const char *name(enum floe_type t)
{
	switch (t) {
	case FLOE_TYPE_STR:
		return "str";
	case FLOE_TYPE_NULL:
		return "null";
	case FLOE_TYPE_BOOL:
		return "bool";
	case FLOE_TYPE_INT:
		return "int";
	case FLOE_TYPE_FLOAT:
		return "float";
	case FLOE_TYPE_TIMESTAMP:
		return "timestamp";
	case FLOE_TYPE_MERGE:
		return "merge";
	}
	return "?";
}

int main(void)
{
	static char line[8192], buf[4096];

	while (fgets(line, sizeof(line), stdin)) {
		size_t n = strcspn(line, "\n"), len = 0;

		for (size_t i = 0; i + 1 < n && len < sizeof(buf); i += 2) {
			int hi = hex(line[i]), lo = hex(line[i + 1]);

			if (hi < 0 || lo < 0)
				return 2;
			buf[len++] = (char)(hi * 16 + lo);
		}
		printf("%s\n", name(floe_yaml_resolve(buf, len)));
	}
	return ferror(stdin) || fflush(stdout) ? 2 : 0;
}
