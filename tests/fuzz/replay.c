/*
 * Replay fuzz inputs without libFuzzer: every file named on the command
 * line goes through the code paths of every harness (fuzz_yaml.c,
 * fuzz_lint.c, fuzz_platform.c, fuzz_sql.c, fuzz_manifest.c, fuzz_check.c,
 * fuzz_config.c, fuzz_fix.c), which are compiled in with FLOE_FUZZ_NO_MAIN.  A broken invariant aborts; under the sanitizer
 * build, so does any memory error, leak or undefined behaviour.
 *
 * usage: replay FILE...    exit 0 when every file went through.
 */
#include <errno.h>
#include <string.h>

#include "fuzz.h"

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *p;
	size_t alloc = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 4096;
			p = realloc(buf, alloc);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, alloc - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	floe_fuzz_thorough = 1;	/* every report format on every file */
	for (int i = 1; i < argc; i++) {
		size_t len = 0;
		uint8_t *buf = read_all(argv[i], &len);

		if (!buf) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		floe_fuzz_yaml(buf, len);
		floe_fuzz_lint(buf, len);
		floe_fuzz_platform(buf, len);
		floe_fuzz_sql(buf, len);
		floe_fuzz_manifest(buf, len);
		floe_fuzz_check(buf, len);
		floe_fuzz_config(buf, len);
		floe_fuzz_fix(buf, len);
		free(buf);
		printf("ok %s\n", argv[i]);
	}
	return failed;
}
