#!/bin/sh
# Install what is missing, build, and generate the profile for the bundled
# local platform (examples/platform.yaml) on standard output.
#
#   sh examples/run.sh
set -eu
cd "$(dirname "$0")/.."
sh tests/deps.sh build
cmake -S . -B build -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
./build/floe-profiles generate examples/platform.yaml
