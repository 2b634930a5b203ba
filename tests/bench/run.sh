#!/bin/sh
# Benchmarks (not part of the test suite: tests never assert on time).
#
#   sh tests/bench/run.sh [BINARY]
#
# Generates inputs of realistic and of stress size, then reports wall
# time over repeated runs and, when valgrind is installed, the exact
# instruction count of one run (callgrind), which is repeatable whatever
# else the machine is doing.
#
# Scale (SCALE=0 skips it): lint and check on 1, 10 and 50 MB profiles,
# and on adversarial shapes, side by side with the floor: a bare libyaml
# event parse of the same file (tests/bench/floor.c, built here with the
# same compiler), as whole processes.  Ratios are wall time and peak RSS
# against the floor and the input.  Results and dates go in README.md.
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

# the floor: libyaml's event parse alone, in a process of its own
${CC:-cc} -O2 -o "$tmp/floor" tests/bench/floor.c \
	$(pkg-config --cflags --libs yaml-0.1)

bench "/bin/true" /bin/true
bench "floor: libyaml parse of one profile" "$tmp/floor" "$tmp/one.yml"
bench "generate examples/platform.yaml" "$bin" generate examples/platform.yaml
bench "lint one profile" "$bin" lint --no-config "$tmp/one.yml"
bench "lint 300 outputs ($(wc -c < "$tmp/big.yml") bytes)" \
	"$bin" lint --no-config "$tmp/big.yml"
bench "check 300 outputs against a platform" "$bin" check --no-config \
	--platform examples/platform.yaml "$tmp/big.yml"
bench "lint --format sarif 300 outputs" "$bin" lint --no-config \
	--format sarif "$tmp/big.yml"

[ "${SCALE:-1}" = 0 ] && exit 0

# one run: "seconds peak-KB"
measure() {
	/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" > /dev/null 2>&1 || true
	tail -n 1 "$tmp/t"	# after 'Command exited with ...'
}

# profiles of about N MB: outputs repeated
profile_mb() {
	n=$(($1 * 1024 * 1024 / $(wc -c < "$tmp/output.yml")))
	{
		printf 'floe:\n  target: t0\n  outputs:\n'
		awk -v n="$n" 'NR == FNR { a[++m] = $0; next }
			END { for (i = 0; i < n; i++) for (j = 1; j <= m; j++)
				print (j == 1 ? "    t" i ":" : a[j]) }' \
			"$tmp/output.yml" "$tmp/output.yml"
	}
}

# ... the same, but no two outputs alike: each output's hosts, catalog,
# alias and file numbered (lint cannot take one for an earlier one)
varied_mb() {
	profile_mb "$1" | awk '/^    t[0-9]+:$/ { i = substr($1, 2) + 0 }
		{ gsub(/polaris:/, "polaris" i ":")
		  gsub(/localstack:/, "localstack" i ":")
		  gsub(/demo_catalog/, "cat" i); gsub(/polaris_catalog/, "lake" i)
		  gsub(/floe\.duckdb/, "floe" i ".duckdb"); print }'
}

# adversarial shapes of about N MB
long_quoted() {	# few nodes, long double-quoted scalars
	awk -v n="$1" 'BEGIN { s = sprintf("%*s", 4000, ""); gsub(/ /, "x", s)
		print "floe:\n  target: t0\n  outputs:\n    t0:\n      type: duckdb\n      settings:"
		for (i = 0; i < n * 256; i++) printf "        k%d: \"%s\"\n", i, s }'
}
flat_seq() {	# a flow sequence of tiny scalars: the most nodes per byte
	awk -v n="$1" 'BEGIN { printf "x: ["; for (i = 0; i < n * 349525; i++)
		printf "1, "; print "1]" }'
}
wide_map() {	# one mapping with many keys (duplicate-key checks)
	awk -v n="$1" 'BEGIN { for (i = 0; i < n * 80000; i++)
		printf "key_%d: v\n", i }'
}
deep_nest() {	# flow mappings 60 levels deep, one after another
	awk -v n="$1" 'BEGIN { o = ""; c = ""
		for (d = 0; d < 60; d++) { o = o "{a: "; c = c "}" }
		print "x:"; for (i = 0; i < n * 3450; i++)
			printf "- %s1%s\n", o, c }'
}
many_profiles() {	# one small profile after another
	awk -v n="$1" 'BEGIN { for (i = 0; i < n * 12000; i++)
		printf "p%d:\n  target: dev\n  outputs:\n    dev:\n" \
		       "      type: duckdb\n      path: p%d.duckdb\n", i, i }'
}
many_attach() {	# one output with many attach items
	awk -v n="$1" 'BEGIN { print "floe:\n  target: dev\n  outputs:\n" \
		"    dev:\n      type: duckdb\n      attach:"
		for (i = 0; i < n * 21200; i++)
			printf "      - path: db%d.duckdb\n        alias: a%d\n", i, i }'
}

printf '\n%-34s %8s %8s %7s %9s %6s\n' "input" "MB" "floor s" "ratio" "RSS MB" "xin"
row() {	# label file command...
	label=$1 file=$2
	shift 2
	size=$(echo "$(wc -c < "$file") / 1048576" | bc -l)
	set -- $(measure "$tmp/floor" "$file") "$@"
	fs=$1
	shift 2
	set -- $(measure "$@") "$@"
	s=$1 kb=$2
	printf '%-34s %8.1f %8.2f %7.2f %9.1f %6.2f\n' "$label" "$size" "$fs" \
		"$(echo "$s / ($fs + 0.001)" | bc -l)" \
		"$(echo "$kb / 1024" | bc -l)" \
		"$(echo "$kb / 1024 / $size" | bc -l)"
}
for mb in 1 10 50; do
	profile_mb $mb > "$tmp/p$mb.yml"
	row "lint ${mb} MB profile" "$tmp/p$mb.yml" \
		"$bin" lint --no-config --max-size 256M "$tmp/p$mb.yml"
	row "check ${mb} MB profile" "$tmp/p$mb.yml" \
		"$bin" check --no-config --max-size 256M \
		--platform examples/platform.yaml "$tmp/p$mb.yml"
	rm -f "$tmp/p$mb.yml"
done
varied_mb 10 > "$tmp/v10.yml"
row "lint 10 MB varied outputs" "$tmp/v10.yml" \
	"$bin" lint --no-config --max-size 256M "$tmp/v10.yml"
rm -f "$tmp/v10.yml"
for mb in 10 20; do
	for shape in deep_nest many_profiles many_attach; do
		$shape $mb > "$tmp/q.yml"
		row "lint ${mb} MB $shape" "$tmp/q.yml" \
			"$bin" lint --no-config --max-size 256M "$tmp/q.yml"
	done
	long_quoted $mb > "$tmp/q.yml"
	row "check ${mb} MB long quoted scalars" "$tmp/q.yml" \
		"$bin" check --no-config --max-size 256M \
		--platform examples/platform.yaml "$tmp/q.yml"
	flat_seq $mb > "$tmp/q.yml"
	row "lint ${mb} MB flat sequence" "$tmp/q.yml" \
		"$bin" lint --no-config --max-size 256M "$tmp/q.yml"
	wide_map $mb > "$tmp/q.yml"
	row "lint ${mb} MB wide mapping" "$tmp/q.yml" \
		"$bin" lint --no-config --max-size 256M "$tmp/q.yml"
done
# Instruction counts per shape at two sizes (CG_MB, default "1 2"): the
# ratio to the floor on the same file, and how the count grows when the
# input doubles (2.00 is linear).
cg() {	# command... -> instructions
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" \
		> /dev/null 2> "$tmp/vg" || true
	grep -o 'Collected : [0-9]*' "$tmp/vg" | awk '{print $3}'
}
if command -v valgrind > /dev/null 2>&1; then
	set -- ${CG_MB:-1 2}
	small=$1 large=$2
	printf '\n%-16s %5s %14s %14s %14s %6s %6s %6s %6s\n' shape MB floor \
		lint check "" "lint/f" "chk/f" "lint x" "chk x"
	for shape in profile_mb varied_mb long_quoted flat_seq wide_map \
		     deep_nest many_profiles many_attach; do
		pl=0 pc=0
		for mb in $small $large; do
			$shape $mb > "$tmp/c.yml"
			f=$(cg "$tmp/floor" "$tmp/c.yml")
			l=$(cg "$bin" lint --no-config --max-size 256M \
				"$tmp/c.yml")
			c=$(cg "$bin" check --no-config --max-size 256M \
				--platform examples/platform.yaml "$tmp/c.yml")
			printf '%-16s %5s %14s %14s %14s %6s %6.2f %6.2f' \
				$shape $mb $f $l $c "" \
				"$(echo "$l / $f" | bc -l)" \
				"$(echo "$c / $f" | bc -l)"
			if [ $pl != 0 ]; then
				printf ' %6.2f %6.2f' \
					"$(echo "$l / $pl" | bc -l)" \
					"$(echo "$c / $pc" | bc -l)"
			fi
			printf '\n'
			pl=$l pc=$c
		done
	done
	profile_mb 10 > "$tmp/p10.yml"
	for cmd in floor lint; do
		if [ $cmd = floor ]; then set -- "$tmp/floor" "$tmp/p10.yml"
		else set -- "$bin" lint --no-config --max-size 256M "$tmp/p10.yml"; fi
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" \
			> /dev/null 2> "$tmp/vg" || true
		printf 'callgrind, 10 MB profile, %-5s %s instructions\n' $cmd \
			"$(grep -o 'Collected : [0-9]*' "$tmp/vg" | awk '{print $3}')"
	done
fi
