#!/bin/sh
# Benchmarks (not part of the test suite: tests never assert on time).
#
#   sh tests/bench/run.sh [BINARY]
#
# Generates inputs of realistic and of stress size, then reports wall
# time over repeated runs and, when valgrind is installed, the exact
# instruction count of one run (callgrind), which is repeatable whatever
# else the machine is doing.
set -eu
bin=${1:-build/floe-profiles}
runs=${RUNS:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# a profile with 300 outputs, each a full Polaris attach
"$bin" generate examples/platform.yaml > "$tmp/one.yml"
awk 'NR > 2' "$tmp/one.yml" | sed -n '/^    dev:/,$p' > "$tmp/output.yml"
{
	printf 'floe:\n  target: t0\n  outputs:\n'
	i=0
	while [ $i -lt 300 ]; do
		sed "s/^    dev:/    t$i:/" "$tmp/output.yml"
		i=$((i + 1))
	done
} > "$tmp/big.yml"

bench() {
	label=$1
	shift
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$runs" ]; do
		"$@" > /dev/null 2>&1 || true
		i=$((i + 1))
	done
	end=$(date +%s%N)
	printf '%-40s %8.3f ms/run' "$label" \
		"$(echo "($end - $start) / $runs / 1000000" | bc -l)"
	if command -v valgrind > /dev/null 2>&1; then
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" \
			> /dev/null 2> "$tmp/vg" || true
		printf '  %s instructions' \
			"$(grep -o 'Collected : [0-9]*' "$tmp/vg" | awk '{print $3}')"
	fi
	printf '\n'
}

bench "generate examples/platform.yaml" "$bin" generate examples/platform.yaml
bench "lint one profile" "$bin" lint --no-config "$tmp/one.yml"
bench "lint 300 outputs ($(wc -c < "$tmp/big.yml") bytes)" \
	"$bin" lint --no-config "$tmp/big.yml"
bench "check 300 outputs against a platform" "$bin" check --no-config \
	--platform examples/platform.yaml "$tmp/big.yml"
bench "lint --format sarif 300 outputs" "$bin" lint --no-config \
	--format sarif "$tmp/big.yml"
