#!/bin/sh
# A secret written in a profile never reaches lint's output: the literal
# secrets below (and the environment's, with --env) are "CANARY-q7zx",
# and no output format may show the canary, not even in part.
#
# test_lint_canary.sh BINARY   (run from the project root)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# $canary, $pieces, clean(), canary_fix_checks()
. "$(dirname "$0")/canary.sh"

cat > "$tmp/profiles.yml" <<'EOF'
floe:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
      extensions: [httpfs, iceberg]
      settings:
        s3_secret_access_key: "{{ env_var('AWS_SECRET_ACCESS_KEY', 'CANARY-q7zx') }}"
      config_options:
        motherduck_token: CANARY-q7zx
      secrets:
        - type: s3
          key_id: AKIAIOSFODNN7EXAMPLE
          secret: CANARY-q7zx
          region: us-east-1
        - type: iceberg
          name: polaris_secret
          persistent: true
          client_id: floe-service
          client_secret: CANARY-q7zx
          oauth2_scope: ALL
        - key_id: AKIAIOSFODNN7EXAMPLE
          secret: CANARY-q7zx
      attach:
        - path: demo_catalog
          alias: polaris_catalog
          type: iceberg
          options:
            endpoint: http://polaris:8181/api/catalog
            oauth2_server_uri: http://polaris:8181/api/catalog/v1/oauth/tokens
            client_id: "{{ env_var('DBT_ENV_SECRET_ID', 'CANARY-q7zx') }}"
            client_secret: CANARY-q7zx
            oauth2_scope: PRINCIPAL_ROLE:data_engineer
        - path: other_catalog
          alias: other_catalog
          type: iceberg
          options:
            endpoint: http://polaris:8181/api/catalog
            oauth2_server_uri: http://polaris:8181/api/catalog/v1/oauth/tokens
            client_id: floe-service
            client_secret: "{{ env_var('DBT_ENV_SECRET_X', 'CANARY-q7zx') | trim }}"
            token: "${CANARY_q7zx}"
        - path: third_catalog
          alias: third_catalog
          type: iceberg
          options:
            endpoint: http://polaris:8181/api/catalog
            oauth2_server_uri: http://polaris:8181/api/catalog/v1/oauth/tokens
            client_id: "{{ env_var('POLARIS_CLIENT_ID') }}"
            client_secret: "{{ env_var('POLARIS_CLIENT_SECRET') }}"
            oauth2_scope: PRINCIPAL_ROLE:data_engineer
      plugins:
        - module: floe_dbt.plugins.polaris
          config:
            catalog_uri: http://polaris:8181/api/catalog
            warehouse: demo_catalog
            client_secret: CANARY-q7zx
            s3_secret_access_key: CANARY-q7zx
      remote:
        host: localhost
        port: 5433
        user: floe
        password: CANARY-q7zx
      filesystems:
        - fs: s3
          key: AKIAIOSFODNN7EXAMPLE
          secret: CANARY-q7zx
EOF

for fmt in text gcc json sarif github; do
	"$bin" lint --no-config --format "$fmt" "$tmp/profiles.yml" \
		> "$tmp/out" 2> "$tmp/err"
	check "$fmt: exit 1" "[ $? -eq 1 ]"
	check "$fmt: findings were printed" "[ -s '$tmp/out' ]"
	check "$fmt: no canary" clean
done

# The findings are there: every literal secret and committed default.
"$bin" lint --no-config --format gcc "$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
check "gcc: thirteen literal secrets reported (FP404)" \
	"[ \$(grep -c '\\[FP404\\]' '$tmp/out') -eq 13 ]"
check "gcc: the persistent iceberg secret (FP409)" \
	"grep -q '\\[FP409\\]' '$tmp/out'"
check "gcc: the filtered secret variable (FP408)" \
	"grep -q '\\[FP408\\]' '$tmp/out'"

# Opt-in FP406 and every rule at its level: still no canary.
printf 'rules:\n  - id: FP406\n    level: info\n' > "$tmp/cfg.yaml"
"$bin" lint --config "$tmp/cfg.yaml" --format json "$tmp/profiles.yml" \
	> "$tmp/out" 2> "$tmp/err"
check "FP406 enabled: reported" "grep -q 'FP406' '$tmp/out'"
check "FP406 enabled: no canary" clean

# Standard input, with a display name.
"$bin" lint --no-config --format sarif --stdin-filename p.yml - \
	< "$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
check "stdin: no canary" clean

# --env: values come from the environment, which holds the canary too.
POLARIS_CLIENT_SECRET=$canary POLARIS_CLIENT_ID=$canary \
AWS_SECRET_ACCESS_KEY=$canary DBT_ENV_SECRET_X=$canary \
DBT_ENV_SECRET_ID=$canary \
	"$bin" lint --no-config --env --format text "$tmp/profiles.yml" \
	> "$tmp/out" 2> "$tmp/err"
check "--env: exit 1" "[ $? -eq 1 ]"
check "--env: no canary" clean

# --diff and --fix on a profile whose fixes move the canary's lines.
canary_fix_checks

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
