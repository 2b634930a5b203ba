#!/bin/sh
# floe's manifest.yaml as the platform file, end to end:
#  1. the real demo manifest and its platform.yaml equivalent give the
#     same profile, byte for byte;
#  2. generate -> check passes; an edited manifest drifts (check and
#     generate --check both fail);
#  3. a literal secret in a manifest never reaches any output of any
#     command, in any format, nor the profile: the canary below.
#
# test_manifest.sh BINARY   (run from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

shared=${FLOE_SHARED_DIR:-../shared}
demo=$shared/fixtures/successor/floe__demo__02e2a7e.manifest.yaml
equiv=tests/data/manifest/demo-equivalent.platform.yaml

# 1. the same profile from either file (standard input, so the header's
#    file name is the same too)
"$bin" generate --no-config --set product_slug=demo - < "$demo" \
	> "$tmp/from-manifest.yml" 2> "$tmp/err"
check "manifest: exit 0" "[ $? -eq 0 ]"
"$bin" generate --no-config - < "$equiv" > "$tmp/from-platform.yml"
check "platform.yaml: exit 0" "[ $? -eq 0 ]"
check "byte-identical profiles" \
	"cmp -s '$tmp/from-manifest.yml' '$tmp/from-platform.yml'"
check "the committed profile is that profile" \
	"[ \"\$(tail -n +2 '$tmp/from-manifest.yml')\" = \
	   \"\$(tail -n +2 tests/data/manifest/demo.profiles.yml)\" ]"

# 2. generate, check, edit, drift
cp "$demo" "$tmp/manifest.yaml"
"$bin" generate --no-config --set product_slug=demo -o "$tmp/profiles.yml" \
	"$tmp/manifest.yaml" 2> /dev/null
check "generate -o: exit 0" "[ $? -eq 0 ]"
"$bin" check --no-config --set product_slug=demo --platform \
	"$tmp/manifest.yaml" "$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
check "check of the generated profile: exit 0" "[ $? -eq 0 ]"
"$bin" generate --no-config --check --set product_slug=demo \
	-o "$tmp/profiles.yml" "$tmp/manifest.yaml" > "$tmp/out" 2> /dev/null
check "generate --check before the edit: exit 0" "[ $? -eq 0 ]"
sed 's/^      warehouse: floe-demo$/      warehouse: floe-demo-v2/' \
	"$demo" > "$tmp/manifest.yaml"
"$bin" check --no-config --format gcc --set product_slug=demo --platform \
	"$tmp/manifest.yaml" "$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
check "check after the edit: exit 1" "[ $? -eq 1 ]"
check "check after the edit: the warehouse drifted (FP212)" \
	"grep -q 'floe-demo-v2.*\\[FP212\\]' '$tmp/out'"
"$bin" generate --no-config --check --set product_slug=demo \
	-o "$tmp/profiles.yml" "$tmp/manifest.yaml" > "$tmp/out" 2> /dev/null
check "generate --check after the edit: exit 1" "[ $? -eq 1 ]"
check "generate --check after the edit: the diff" \
	"grep -q '^+      - path: floe-demo-v2' '$tmp/out'"
"$bin" generate --no-config --set product_slug=other \
	-o "$tmp/other.yml" "$demo" 2> /dev/null
check "--set fills the path" \
	"grep -q '^      path: /tmp/floe/other.duckdb$' '$tmp/other.yml'"

# 3. the canary: literal secrets in every secret field of a manifest
canary=CANARY-m4n1
pieces="CANARY-m4n1 CANARY m4n1"
cat > "$tmp/secret.yaml" <<'EOF'
apiVersion: floe.dev/v1
kind: Manifest
metadata: {name: canary, version: 1.0.0, owner: a@b.c}
plugins:
  compute:
    type: duckdb
    config:
      path: /tmp/{slug}.duckdb
      threads: 2
  catalog:
    type: polaris
    config:
      uri: http://polaris:8181/api/catalog
      warehouse: demo
      oauth2:
        client_id: demo
        client_secret: CANARY-m4n1
        scope: PRINCIPAL_ROLE:ALL
        token_url: http://polaris:8181/api/catalog/v1/oauth/tokens
      credential_vending_enabled: false
  storage:
    type: s3
    config:
      endpoint: http://minio:9000
      bucket: floe-data
      access_key_id: CANARY-m4n1
      secret_access_key: "CANARY-m4n1"
EOF
# the same secrets in values of the wrong type and a second broken copy
sed -e 's/client_secret: CANARY-m4n1/client_secret: [CANARY-m4n1]/' \
    -e 's/access_key_id: CANARY-m4n1/access_key_id: {k: CANARY-m4n1}/' \
    -e 's/secret_access_key: "CANARY-m4n1"/secret_access_key: !!str CANARY-m4n1/' \
	"$tmp/secret.yaml" > "$tmp/broken.yaml"

clean() {
	for p in $pieces; do
		if grep -q -- "$p" "$tmp/out" "$tmp/err"; then
			return 1
		fi
	done
	return 0
}

for m in secret broken; do
	f=$tmp/$m.yaml
	"$bin" generate --no-config --set slug=x "$f" > "$tmp/out" 2> "$tmp/err"
	check "$m: generate: no canary" clean
	check "$m: generate: a warning or error was printed" "[ -s '$tmp/err' ]"
	"$bin" generate --no-config "$f" > "$tmp/out" 2> "$tmp/err"
	check "$m: generate, unfilled placeholder: no canary" clean
	"$bin" generate --no-config --set slug=x -o "$tmp/p.yml" "$f" \
		> "$tmp/out" 2> "$tmp/err"
	check "$m: generate -o: no canary" clean
	if [ -f "$tmp/p.yml" ]; then
		cp "$tmp/p.yml" "$tmp/out"
		check "$m: the written profile: no canary" clean
	fi
	"$bin" generate --no-config --check --set slug=x \
		-o "$tmp/examples.yml" "$f" > "$tmp/out" 2> "$tmp/err"
	check "$m: generate --check: no canary" clean
	for fmt in text gcc json sarif github gitlab junit checkstyle; do
		for cmd in lint check; do
			"$bin" $cmd --no-config --format $fmt --set slug=x \
				--platform "$f" tests/data/manifest/demo.profiles.yml \
				> "$tmp/out" 2> "$tmp/err"
			check "$m: $cmd --format $fmt: no canary" clean
		done
	done
done
"$bin" generate --no-config --set slug=x "$tmp/secret.yaml" \
	> "$tmp/out" 2> "$tmp/err"
check "secret: three literal secrets reported" \
	"[ \$(grep -c 'a literal secret (its value is not shown)' '$tmp/err') -eq 3 ]"
check "secret: the warning names POLARIS_CLIENT_SECRET" \
	"grep -q '17:24: warning: .*environment variable POLARIS_CLIENT_SECRET' '$tmp/err'"
check "secret: the profile reads POLARIS_CLIENT_SECRET" \
	"grep -q \"client_secret: \\\"{{ env_var('POLARIS_CLIENT_SECRET') }}\\\"\" '$tmp/out'"
check "secret: the S3 secret reads AWS_SECRET_ACCESS_KEY" \
	"grep -q \"secret: \\\"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\\\"\" '$tmp/out'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
