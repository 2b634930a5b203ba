#!/bin/sh
# Make sure the Debian (bookworm) packages floe-profiles needs are there.
#
#   sh tests/deps.sh build   compiler, CMake, libyaml, libcyaml
#   sh tests/deps.sh test    the same, plus cmocka, PyYAML, jsonschema
#                            (SARIF validation), Jinja2 (FP004's calls),
#                            xmllint (junit and
#                            checkstyle) and pre-commit for the tests
#
# As root, missing packages are installed with apt-get.  Otherwise the
# exact apt-get line is printed and the script fails.
set -eu
need=""
want() { need="$need $1"; }

# the C library's headers, and its libc.a for the static floe-profiles
if command -v cc >/dev/null 2>&1; then
	[ "$(cc -print-file-name=libc.a)" != libc.a ] || want libc6-dev
else
	want "gcc libc6-dev"
fi
command -v make >/dev/null 2>&1 || want make
command -v cmake >/dev/null 2>&1 || want cmake
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists yaml-0.1 || want libyaml-dev
	pkg-config --exists libcyaml || want libcyaml-dev
	if [ "${1:-build}" = test ]; then
		pkg-config --exists cmocka || want libcmocka-dev
	fi
else
	want pkg-config
	want libyaml-dev
	want libcyaml-dev
	[ "${1:-build}" = test ] && want libcmocka-dev
fi
if [ "${1:-build}" = test ]; then
	/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 ||
		want "python3 python3-yaml"
	/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 ||
		want python3-jsonschema
	# Jinja2's parser, which FP004's reading of calls is held to
	/usr/bin/python3 -c 'import jinja2' >/dev/null 2>&1 ||
		want python3-jinja2
	# xmllint reads the junit and checkstyle reports in the tests
	command -v xmllint >/dev/null 2>&1 || want libxml2-utils
	# pre-commit runs the published hooks (cli/test_precommit_run)
	command -v pre-commit >/dev/null 2>&1 || want pre-commit
	# npm fetches the DuckDB library verify's tests run on
	command -v npm >/dev/null 2>&1 || want npm
fi

[ -z "$need" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >/dev/null
else
	echo "deps: missing packages; run as root:" >&2
	echo "  apt-get install -y$need" >&2
	exit 1
fi
