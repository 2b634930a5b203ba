#!/bin/sh
# Re-extract the settings, the casts of setting values and of strings to
# INTERVAL, the extension aliases, what ATTACH ... AS does with keywords
# and database names, the memory parser of the settings that read an
# amount of memory, the settings refused once another is SET, and the
# paths taken for one database file, the secret types, names and
# storages CREATE SECRET takes, and the words of the settings that
# take one of a few words, for the DuckDB releases in duckdb-releases.tsv,
# from their real libduckdb.so (npm), into duckdb-settings/,
# duckdb-casts/, duckdb-intervals/, duckdb-extensions/, duckdb-names/,
# duckdb-memory/, duckdb-locks/, duckdb-files/, duckdb-secrets/ and
# duckdb-words/
# VERSION.tsv, then regenerate the .def tables.  Not
# part of the build.
#
#   sh src/engine/data/tools/extract_all.sh [-c CACHE] [--only WHAT] [VERSION...]
#
# CACHE (default: build/duckdb-all) keeps one npm install per release
# (about 70 MB each); only npm is contacted.  WHAT is `settings` (the
# probes: minutes per release), `casts` (probe_casts.py, which reads the
# release's settings TSV), `intervals` (probe_intervals.py),
# `extensions`, `names`, `memory` (probe_memory.py, which reads the
# settings TSV too), `locks` (probe_locks.py, the same), `files`
# (probe_files.py; seconds each), `secrets` (probe_secrets.py: the
# secret types, names and storages CREATE SECRET takes) or `words` (probe_words.py: the settings
# TSV, and the candidate words read from the release's tag in DUCKDB_GIT,
# a git directory of duckdb/duckdb; a release without a tag there is read
# at the newest tag before it, which the probe's head names); default all
# ten (words only with DUCKDB_GIT).  `secret_ambiguity`
# (probe_secret_ambiguity.py: a temporary and a persistent secret of one
# name; read by people, committed for 1.4.3 and the newest release) runs
# only when asked for.
# With no VERSION, every release in the table.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
cache=build/duckdb-all
if [ "${1:-}" = -c ]; then
	cache=$2
	shift 2
fi
only=
if [ "${1:-}" = --only ]; then
	only=$2
	shift 2
fi
case $(uname -m) in
x86_64 | amd64) arch=x64 ;;
aarch64 | arm64) arch=arm64 ;;
*)
	echo "extract_all: no DuckDB npm package for $(uname -m)" >&2
	exit 1
	;;
esac
pkg=@duckdb/node-bindings-linux-$arch
want=" $* "
srctag=
grep -v '^#' "$data/duckdb-releases.tsv" | while IFS='	' read -r ver npm _pin; do
	[ "$npm" = - ] && continue
	# the newest tag up to this release, of every release listed
	if [ -n "${DUCKDB_GIT:-}" ] &&
		git --git-dir "$DUCKDB_GIT" rev-parse -q --verify \
			"refs/tags/v$ver" >/dev/null; then
		srctag=v$ver
	fi
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
	echo "extract_all: $ver ($pkg@$npm)" >&2
	if [ "$only" = "" ] || [ "$only" = settings ]; then
		python3 "$here/extract_settings.py" "$lib" "$pkg@$npm" \
			--candidates "$data/duckdb-settings-candidates.tsv" \
			-o "$data/duckdb-settings/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = casts ]; then
		mkdir -p "$data/duckdb-casts"
		python3 "$here/probe_casts.py" "$lib" "$pkg@$npm" \
			"$data/duckdb-settings/$ver.tsv" \
			-o "$data/duckdb-casts/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = intervals ]; then
		mkdir -p "$data/duckdb-intervals"
		python3 "$here/probe_intervals.py" "$lib" "$pkg@$npm" \
			-o "$data/duckdb-intervals/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = extensions ]; then
		mkdir -p "$data/duckdb-extensions"
		python3 "$here/extract_extensions.py" "$lib" "$pkg@$npm" \
			--candidates "$data/duckdb-extension-alias-candidates.tsv" \
			-o "$data/duckdb-extensions/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = locks ]; then
		mkdir -p "$data/duckdb-locks"
		python3 "$here/probe_locks.py" "$lib" "$pkg@$npm" \
			"$data/duckdb-settings/$ver.tsv" \
			-o "$data/duckdb-locks/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = memory ]; then
		mkdir -p "$data/duckdb-memory"
		python3 "$here/probe_memory.py" "$lib" "$pkg@$npm" \
			"$data/duckdb-settings/$ver.tsv" \
			-o "$data/duckdb-memory/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = files ]; then
		mkdir -p "$data/duckdb-files"
		python3 "$here/probe_files.py" "$lib" "$pkg@$npm" \
			-o "$data/duckdb-files/$ver.tsv"
	fi
	if { [ "$only" = "" ] && [ -n "${DUCKDB_GIT:-}" ]; } ||
		[ "$only" = words ]; then
		mkdir -p "$data/duckdb-words"
		python3 "$here/probe_words.py" "$lib" "$pkg@$npm" \
			"$data/duckdb-settings/$ver.tsv" "${DUCKDB_GIT:?}" \
			"${srctag:?no tag of $ver or before in DUCKDB_GIT}" \
			-o "$data/duckdb-words/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = secrets ]; then
		mkdir -p "$data/duckdb-secrets"
		python3 "$here/probe_secrets.py" "$lib" "$pkg@$npm" \
			--candidates "$data/duckdb-secret-type-candidates.tsv" \
			-o "$data/duckdb-secrets/$ver.tsv"
	fi
	if [ "$only" = secret_ambiguity ]; then
		mkdir -p "$data/duckdb-secret-ambiguity"
		python3 "$here/probe_secret_ambiguity.py" "$lib" "$pkg@$npm" \
			-o "$data/duckdb-secret-ambiguity/$ver.tsv"
	fi
	if [ "$only" = "" ] || [ "$only" = names ]; then
		mkdir -p "$data/duckdb-names"
		python3 "$here/extract_names.py" "$lib" "$pkg@$npm" \
			-o "$data/duckdb-names/$ver.tsv"
	fi
done
python3 "$here/gen_defs.py" "$data"
python3 "$here/gen_names.py" "$data"
python3 "$here/gen_memory.py" "$data"
python3 "$here/gen_intervals.py" "$data"
python3 "$here/gen_locks.py" "$data"
python3 "$here/gen_files.py" "$data"
python3 "$here/gen_words.py" "$data"
python3 "$here/gen_secrets.py" "$data"
