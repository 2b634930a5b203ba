#!/bin/sh
# Probe the casts of dbt-duckdb's setting values on every release of
# duckdb-releases.tsv (probe_casts.py), into duckdb-casts/VERSION.tsv.
# The libraries are the npm installs extract_all.sh caches.  Not part of
# the build.
#
#   sh src/engine/data/tools/probe_casts_all.sh [-c CACHE] [VERSION...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
cache=build/duckdb-all
if [ "${1:-}" = -c ]; then
	cache=$2
	shift 2
fi
case $(uname -m) in
x86_64 | amd64) arch=x64 ;;
aarch64 | arm64) arch=arm64 ;;
*)
	echo "probe_casts_all: no DuckDB npm package for $(uname -m)" >&2
	exit 1
	;;
esac
pkg=@duckdb/node-bindings-linux-$arch
want=" $* "
mkdir -p "$data/duckdb-casts"
grep -v '^#' "$data/duckdb-releases.tsv" | while IFS='	' read -r ver npm _pin; do
	[ "$npm" = - ] && continue
	if [ "$want" != "  " ]; then
		case $want in *" $ver "*) ;; *) continue ;; esac
	fi
	dir=$cache/$npm
	lib=$(ls "$dir/node_modules/$pkg"/libduckdb.so* 2>/dev/null | head -n1 || true)
	if [ -z "$lib" ]; then
		mkdir -p "$dir"
		npm install --no-save --ignore-scripts --no-audit --no-fund \
			--prefix "$dir" "$pkg@$npm" >&2
		lib=$(ls "$dir/node_modules/$pkg"/libduckdb.so* | head -n1)
	fi
	echo "probe_casts_all: $ver ($pkg@$npm)" >&2
	python3 "$here/probe_casts.py" "$lib" "$pkg@$npm" \
		"$data/duckdb-settings/$ver.tsv" -o "$data/duckdb-casts/$ver.tsv"
done
