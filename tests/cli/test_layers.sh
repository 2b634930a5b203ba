#!/bin/sh
# The layers of issue 8, held by reading the code: the command line never
# walks YAML (it hands loaded models to the library), and a profiles.yml
# is parsed only by the profiles model (src/profiles.c).  The other
# parsers read other files: the platform and manifest binders, the
# configuration, the dbt project's own files (src/lint/project.c) and a
# baseline (src/baseline.c).
# tests/unit/test_profiles.c counts the parses of a check run.
set -u
cd "$(dirname "$0")/../.." || exit 1
fail=0

# code only: drop /* */ and // comments before looking
code() {
	sed -e 's://.*$::' "$1" | awk '
		{ line = $0; out = "" }
		{ while (line != "") {
			if (inc) { i = index(line, "*/");
				if (!i) { line = ""; break }
				line = substr(line, i + 2); inc = 0 }
			else { i = index(line, "/*");
				if (!i) { out = out line; line = ""; break }
				out = out substr(line, 1, i - 1)
				line = substr(line, i + 2); inc = 1 } } }
		{ print out }'
}

for f in src/cli/*.c src/cli/*.h; do
	if code "$f" | grep -nE '\<floe_(yaml_parse|map_get|map_pair|node_[a-z_]+)\>|->root\>|FLOE_NODE_' \
		>/dev/null; then
		echo "FAIL: $f walks YAML; load a model (floe_profiles_load) instead:" >&2
		code "$f" | grep -nE '\<floe_(yaml_parse|map_get|map_pair|node_[a-z_]+)\>|->root\>|FLOE_NODE_' >&2
		fail=1
	fi
done

for f in $(grep -lE '\<floe_yaml_parse\(' src/*.c src/*/*.c); do
	case $f in
	src/yaml_tree.c|src/profiles.c|src/platform.c|src/manifest.c|\
	src/config.c|src/lint/project.c|src/baseline.c) ;;
	*)
		if code "$f" | grep -qE '\<floe_yaml_parse\('; then
			echo "FAIL: $f parses YAML itself; a profiles.yml is" \
			     "read through floe_profiles_load()" >&2
			fail=1
		fi ;;
	esac
done
exit $fail
