#!/bin/sh
# Install the DuckDB shared library the tests pin (1.4.3, the version in
# the field) and print the absolute path of libduckdb.so on stdout.
#
#   sh tests/fetch-duckdb.sh [DIR [VERSION]]   (default: build/duckdb)
#
# VERSION is an npm version of the package (e.g. 1.5.6-r.1; default
# 1.4.3-r.3); give each version its own DIR.  tests/run.sh also installs
# the newest release of src/engine/data/duckdb-releases.tsv this way.
#
# The npm package @duckdb/node-bindings-linux-<arch> ships libduckdb.so;
# it is installed with npm into DIR (about 65 MB, a few seconds) and
# nothing else is downloaded.  A second run finds it there and does not
# touch the network.  npm's own output goes to stderr.
set -eu
version=${2:-1.4.3-r.3}
case $(uname -m) in
x86_64 | amd64) arch=x64 ;;
aarch64 | arm64) arch=arm64 ;;
*)
	echo "fetch-duckdb: no DuckDB npm package for $(uname -m)" >&2
	exit 1
	;;
esac
pkg=@duckdb/node-bindings-linux-$arch
dir=${1:-build/duckdb}
json=$dir/node_modules/$pkg/package.json
# some releases (1.4.0) ship it as libduckdb.so.MAJOR.MINOR only
lib() {
	ls "$dir/node_modules/$pkg"/libduckdb.so* 2>/dev/null | head -n1
}

if [ -z "$(lib)" ] || ! grep -q "\"version\": \"$version\"" "$json" 2>/dev/null
then
	if ! command -v npm >/dev/null 2>&1; then
		echo "fetch-duckdb: npm is missing (apt-get install npm)" >&2
		exit 1
	fi
	mkdir -p "$dir"
	npm install --no-save --ignore-scripts --no-audit --no-fund \
		--prefix "$dir" "$pkg@$version" >&2
fi
lib=$(lib)
if [ -z "$lib" ]; then
	echo "fetch-duckdb: npm did not install $dir/node_modules/$pkg/libduckdb.so" >&2
	exit 1
fi
echo "$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")"
