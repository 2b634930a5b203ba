/*
 * For tests/resolve/check_resolver.py: read one hex-encoded scalar per
 * line from stdin and print how floe_yaml_resolve() types it; for a
 * float, then a blank and Python's str() of the value PyYAML constructs
 * (floe_node_float(), py_float_repr()), or "?" where PyYAML cannot
 * construct it; for an int, a bool or a timestamp, " ?" where it cannot
 * (py_constructs()).
 *
 * With an argument (str, null, bool, int, float, timestamp): the scalar
 * carries that explicit tag; print "ok" where PyYAML's constructor for
 * it takes the text, "?" where it raises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floe/yaml.h"
#include "pystr.h"

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

int main(int argc, char **argv)
{
	static char line[8192], buf[4096];
	int tag = -1;

	if (argc > 1) {
		for (int t = FLOE_TYPE_STR; t <= FLOE_TYPE_TIMESTAMP; t++)
			if (!strcmp(argv[1], name((enum floe_type)t)))
				tag = t;
		if (tag < 0)
			return 2;
	}

	while (fgets(line, sizeof(line), stdin)) {
		size_t nl = strcspn(line, "\n"), len = 0;

		for (size_t i = 0; i + 1 < nl && len < sizeof(buf); i += 2) {
			int hi = hex(line[i]), lo = hex(line[i + 1]);

			if (hi < 0 || lo < 0)
				return 2;
			buf[len++] = (char)(hi * 16 + lo);
		}
		enum floe_type t = floe_yaml_resolve(buf, len);
		struct floe_node c;

		if (len >= sizeof(buf))
			return 2;
		buf[len] = '\0';
		memset(&c, 0, sizeof(c));
		c.kind = FLOE_NODE_SCALAR;
		c.type = (unsigned char)(tag >= 0 ? tag : (int)t);
		c.value = buf;
		c.len = (uint32_t)len;
		if (tag >= 0) {
			puts(py_constructs(&c) ? "ok" : "?");
			continue;
		}
		printf("%s", name(t));
		if ((t == FLOE_TYPE_INT || t == FLOE_TYPE_BOOL ||
		     t == FLOE_TYPE_TIMESTAMP) && !py_constructs(&c))
			printf(" ?");
		if (t == FLOE_TYPE_FLOAT) {
			struct floe_node n;
			struct strbuf sb = STRBUF_INIT;
			double f;

			memset(&n, 0, sizeof(n));
			n.kind = FLOE_NODE_SCALAR;
			n.type = t;
			n.value = buf;
			if (len >= sizeof(buf))
				return 2;
			n.len = (uint32_t)len;
			buf[len] = '\0';
			if (floe_node_float(&n, &f))
				strbuf_adds(&sb, "?");	/* PyYAML raises */
			else
				py_float_repr(&sb, f);
			if (strbuf_error(&sb))
				return 2;
			printf(" %s", sb.buf);
			strbuf_release(&sb);
		}
		putchar('\n');
	}
	return ferror(stdin) || fflush(stdout) ? 2 : 0;
}
