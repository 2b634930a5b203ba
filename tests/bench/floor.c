/*
 * The floor the benchmarks compare with: read a file and parse it with
 * libyaml's event API, doing nothing with the events (tests/bench/run.sh
 * builds it with the same compiler and flags as the project).
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *f;
	char *buf;
	long len;
	int done = 0;

	if (argc != 2 || !(f = fopen(argv[1], "rb")))
		return 2;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(buf = malloc((size_t)len + 1)) ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len)
		return 2;
	fclose(f);
	if (!yaml_parser_initialize(&p))
		return 3;
	yaml_parser_set_input_string(&p, (unsigned char *)buf, (size_t)len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			return 1;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(buf);
	return 0;
}
