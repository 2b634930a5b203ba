#!/bin/sh
# Build the libFuzzer harnesses (clang 14, libclang-rt-14-dev) in
# build-fuzz/: the library with coverage, ASan and UBSan, then one binary
# per tests/fuzz/fuzz_*.c.  tests/fuzz/README.md says how to run them.
#
# usage: tests/fuzz/build.sh [HARNESS...]     (default: all of them)
set -eu
CC=${CC:-clang-14}
B=${B:-build-fuzz}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

# FLOE_WERROR stays off: clang's -Wsign-conversion is stricter than gcc's
# on enum returns, and a warning must not keep the fuzzers from building.
cmake -S . -B "$B" -DCMAKE_C_COMPILER="$CC" -DFLOE_WERROR=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Debug \
	-DCMAKE_C_FLAGS="-g -O1 -fsanitize=fuzzer-no-link $SAN" >/dev/null
cmake --build "$B" -j2 --target floe

CF="-g -O1 $SAN -Iinclude -D_XOPEN_SOURCE=700"
LIBS="$B/libfloe.a $(pkg-config --libs yaml-0.1 libcyaml) -ldl -lm"
# fuzz_util.c without coverage: the JSON checker would dominate the signal
$CC $CF -c tests/fuzz/fuzz_util.c -o "$B/fuzz_util.o"
# fuzz_manifest reuses fuzz_platform.c's checks of a loaded platform
$CC $CF -fsanitize=fuzzer-no-link -DFLOE_FUZZ_NO_MAIN \
	-c tests/fuzz/fuzz_platform.c -o "$B/fuzz_platform_use.o"

if [ $# -eq 0 ]; then
	set -- $(ls tests/fuzz/fuzz_*.c | sed -n 's|.*/fuzz_\(.*\)\.c$|\1|p' |
		grep -v '^util$')
fi
for h in "$@"; do
	extra=
	[ "$h" = manifest ] && extra="$B/fuzz_platform_use.o"
	$CC $CF -fsanitize=fuzzer "tests/fuzz/fuzz_$h.c" $extra \
		"$B/fuzz_util.o" $LIBS -o "$B/fuzz_$h"
	echo "built $B/fuzz_$h"
done
