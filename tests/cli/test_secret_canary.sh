#!/bin/sh
# The canary matrix: a secret written in ~40 places of a profile (literal
# credentials, connection strings, header maps, config_options, plugin
# config, unknown keys, DBT_ENV_SECRET_ variables rendered into non-secret
# fields with --env) never reaches any output of lint, check, sql, verify
# or generate --check, in any format and any --dbt-duckdb-version, with and
# without --env.  `sql --show-secrets` shows them, on purpose.
#
# test_secret_canary.sh BINARY   (run from the project root; verify runs
# when FLOE_DUCKDB_LIB names a libduckdb.so)
set -u
bin=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
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
      extensions: [httpfs]
      password: CANARY-q7zx
      token: CANARY-q7zx
      settings:
        s3_secret_access_key: CANARY-q7zx
        s3_session_token: CANARY-q7zx
        s3_endpoint: "{{ env_var('DBT_ENV_SECRET_EP', 'localhost:9000') }}"
        azure_storage_connection_string: "AccountName=a;AccountKey=CANARY-q7zx"
        extra_http_headers: {Authorization: "Bearer CANARY-q7zx"}
        custom_headers: {Authorization: "Bearer CANARY-q7zx"}
      config_options:
        motherduck_token: CANARY-q7zx
        my_api_secret: CANARY-q7zx
        unknown_setting: "{{ env_var('DBT_ENV_SECRET_U', 'plain') }}"
        http_headers: {Authorization: "Bearer CANARY-q7zx"}
      secrets:
        - type: s3
          key_id: AKIAIOSFODNN7EXAMPLE
          secret: CANARY-q7zx
          session_token: CANARY-q7zx
          endpoint: "{{ env_var('DBT_ENV_SECRET_EP', 'localhost:9000') }}"
        - type: gcs
          key_id: GOOG1EXAMPLE
          secret: CANARY-q7zx
        - type: r2
          account_id: acc
          key_id: k
          secret: CANARY-q7zx
        - type: azure
          connection_string: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=CANARY-q7zx"
        - type: azure
          provider: service_principal
          tenant_id: t
          client_id: c
          client_secret: CANARY-q7zx
          account_name: a
        - type: huggingface
          token: CANARY-q7zx
        - type: http
          bearer_token: CANARY-q7zx
          extra_http_headers:
            Authorization: "Bearer CANARY-q7zx"
            X-Api-Key: CANARY-q7zx
        - type: postgres
          host: h
          password: CANARY-q7zx
        - type: iceberg
          name: polaris_secret
          client_id: floe-service
          client_secret: CANARY-q7zx
          oauth2_scope: "{{ env_var('DBT_ENV_SECRET_SCOPE', 'ALL') }}"
      attach:
        - path: "postgres:dbname=x host=h user=u password=CANARY-q7zx"
          alias: pg
          type: postgres
        - path: "postgresql://u:CANARY-q7zx@h:5432/db"
          alias: pg2
          type: postgres
        - path: "host=h port=3306 user=u passwd=CANARY-q7zx"
          alias: my
          type: mysql
        - path: userinfo_catalog
          alias: ui_catalog
          type: iceberg
          options:
            endpoint: "http://u:CANARY-q7zx@polaris:8181/api/catalog"
            oauth2_server_uri: "http://u:CANARY-q7zx@polaris:8181/api/catalog/v1/oauth/tokens"
        - path: "{{ env_var('DBT_ENV_SECRET_PATH', 'x.duckdb') }}"
          alias: envpath
        - path: demo_catalog
          alias: polaris_catalog
          type: iceberg
          options:
            endpoint: "{{ env_var('DBT_ENV_SECRET_EP', 'http://polaris:8181/api/catalog') }}"
            client_id: floe-service
            client_secret: CANARY-q7zx
            some_unknown_key: "{{ env_var('DBT_ENV_SECRET_U', 'plain') }}"
            extra_http_headers:
              Authorization: "Bearer CANARY-q7zx"
              X-Realm: CANARY-q7zx
      plugins:
        - module: floe_dbt.plugins.polaris
          config:
            client_secret: CANARY-q7zx
            s3_secret_access_key: CANARY-q7zx
            password: CANARY-q7zx
            catalog_uri: "{{ env_var('DBT_ENV_SECRET_EP', 'http://x') }}"
      remote:
        host: localhost
        password: CANARY-q7zx
      filesystems:
        - fs: s3
          key: AKIAIOSFODNN7EXAMPLE
          secret: CANARY-q7zx
EOF

envrun() {
	DBT_ENV_SECRET_EP=$canary DBT_ENV_SECRET_U=$canary \
	DBT_ENV_SECRET_SCOPE=$canary DBT_ENV_SECRET_PATH=$canary "$@"
}

# lint and check: every format, with and without --env.
for fmt in text gcc json sarif github gitlab junit checkstyle; do
	for env in "" --env; do
		envrun "$bin" lint --no-config $env --format "$fmt" \
			"$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
		check "lint $fmt $env: no canary" clean
	done
done

# check (lint with the platform's drift checks): same, every format.
plat=../shared/fixtures/real/floe-runtime__demo-local__99ef49e.platform.yaml
if [ -f "$plat" ]; then
	for fmt in text gcc json sarif github gitlab junit checkstyle; do
		for env in "" --env; do
			envrun "$bin" check --no-config $env --platform "$plat" \
				--format "$fmt" "$tmp/profiles.yml" \
				> "$tmp/out" 2> "$tmp/err"
			check "check $fmt $env: printed" "[ -s '$tmp/out' ]"
			check "check $fmt $env: no canary" clean
		done
	done
fi

# Every dbt-duckdb release sql models (each renders header maps, and
# secrets, its own way: src/engine/dbt_render.def).
releases="1.9.0 1.9.1 1.9.2 1.9.3 1.9.4 1.9.5 1.9.6 1.10.0 1.10.1 1.11.0"

# sql: every release's rendering, with and without --env.
for v in $releases; do
	for env in "" --env; do
		envrun "$bin" sql $env --dbt-duckdb-version "$v" \
			"$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
		check "sql $v $env: printed" "[ -s '$tmp/out' ]"
		check "sql $v $env: no canary" clean
	done
done

# --show-secrets shows them on purpose, the env's too.
envrun "$bin" sql --env --show-secrets "$tmp/profiles.yml" \
	> "$tmp/out" 2> "$tmp/err"
check "sql --show-secrets: the password of a connection string" \
	"grep -q 'password=$canary' '$tmp/out'"
check "sql --show-secrets: header values" \
	"grep -q \"'X-Api-Key': '$canary'\" '$tmp/out'"
check "sql --show-secrets: attach header values" \
	"grep -q \"EXTRA_HTTP_HEADERS {'Authorization': 'Bearer $canary'\" '$tmp/out'"
check "sql --show-secrets: DBT_ENV_SECRET_ in an endpoint" \
	"grep -q \"ENDPOINT '$canary'\" '$tmp/out'"

# verify: its step log and findings, every format (offline, hermetic).
if [ -n "${FLOE_DUCKDB_LIB:-}" ] && [ -f "$FLOE_DUCKDB_LIB" ]; then
	for v in $releases; do
		# every release in text; the other formats on three of them
		fmts=text
		case $v in 1.9.0 | 1.9.4 | 1.11.0) fmts="text json sarif" ;; esac
		for fmt in $fmts; do
			for env in "" --env; do
				envrun "$bin" verify --offline $env --format "$fmt" \
					--dbt-duckdb-version "$v" \
					"$tmp/profiles.yml" > "$tmp/out" 2> "$tmp/err"
				check "verify $v $fmt $env: no canary" clean
			done
		done
	done
fi

# generate --check: the existing file's secrets in the diff.
plat=../shared/fixtures/real/floe-runtime__demo-local__99ef49e.platform.yaml
if [ -f "$plat" ]; then
	"$bin" generate "$plat" > "$tmp/gen.yml"
	sed -e "s/client_secret: .*/client_secret: $canary/" \
	    -e "s/^\( *\)secret: .*/\1secret: $canary\n\1token: $canary/" \
	    "$tmp/gen.yml" > "$tmp/old.yml"
	cat >> "$tmp/old.yml" <<'EOF'
      password: CANARY-q7zx
      config_options:
        motherduck_token: CANARY-q7zx
      plugins:
        - module: m
          config: {client_secret: CANARY-q7zx, password: CANARY-q7zx}
      remote:
        password: "CANARY-q7zx"
      headers_secret:
        - type: http
          extra_http_headers:
            X-Api-Key: CANARY-q7zx
            Authorization: >
              Bearer CANARY-q7zx
        - type: azure
          connection_string: "AccountName=a;AccountKey=CANARY-q7zx"
        - type: gcs
          secret_access_key: 'CANARY-q7zx'
      attach_more:
        - path: "postgres:host=h password='CANARY-q7zx x'"
        - path: "postgres://u:CANARY-q7zx@h/db"
EOF
	"$bin" generate --check -o "$tmp/old.yml" "$plat" \
		> "$tmp/out" 2> "$tmp/err"
	check "generate --check: exit 1" "[ $? -eq 1 ]"
	check "generate --check: a diff" "grep -q '^-.*client_secret: \\*\\*\\*' '$tmp/out'"
	check "generate --check: the new side keeps env_var" \
		"grep -q \"^+.*client_secret: \\\"{{ env_var('POLARIS_CLIENT_SECRET') }}\\\"\" '$tmp/out'"
	check "generate --check: no canary" clean
fi

# A YAML syntax error near an anchor does not quote the secret.
printf 'floe:\n  outputs:\n    dev:\n      password: &p CANARY-q7zx\n      x: *p\n     y: [\n' \
	> "$tmp/bad.yml"
printf 'floe:\n  outputs:\n    dev:\n      password: &p "CANARY-q7zx\n' \
	> "$tmp/bad2.yml"
# a password typed unquoted that YAML reads as an alias or a tag
printf 'floe:\n  outputs:\n    dev:\n      password: *CANARY-q7zx\n' \
	> "$tmp/bad3.yml"
printf 'floe:\n  outputs:\n    dev:\n      token: !CANARY-q7zx x\n' \
	> "$tmp/bad4.yml"
for f in bad bad2 bad3 bad4; do
	for fmt in text json sarif; do
		"$bin" lint --no-config --format "$fmt" "$tmp/$f.yml" \
			> "$tmp/out" 2> "$tmp/err"
		check "$f lint $fmt: no canary" clean
	done
	"$bin" sql "$tmp/$f.yml" > "$tmp/out" 2> "$tmp/err"
	check "$f sql: no canary" clean
done

# A secret's anchor reused as a mapping key: the profile or output it
# names is called '***' in every message (FP001 "must be a mapping",
# sql's and verify's "profile P, target T").
printf 'floe:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      password: &pw CANARY-q7zx\n    *pw : 3\n' \
	> "$tmp/key.yml"
printf 'floe:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      password: &pw CANARY-q7zx\n*pw : 3\n' \
	> "$tmp/key2.yml"
printf 'floe:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      extra_http_headers: {X-Api-Key: &k CANARY-q7zx}\n    *k : {type: duckdb, path: ":memory:"}\n' \
	> "$tmp/key3.yml"
for f in key key2 key3; do
	for fmt in text json sarif; do
		"$bin" lint --no-config --format "$fmt" "$tmp/$f.yml" \
			> "$tmp/out" 2> "$tmp/err"
		check "$f lint $fmt: no canary" clean
	done
	"$bin" sql "$tmp/$f.yml" > "$tmp/out" 2> "$tmp/err"
	check "$f sql: no canary" clean
done
"$bin" lint --no-config "$tmp/key.yml" > "$tmp/out" 2> "$tmp/err"
check "key lint: the output is named '***'" \
	"grep -q \"output '\\*\\*\\*' must be a mapping\" '$tmp/out'"

# A secret's anchor reused where a rule quotes the value (a secret's name
# and type, an attach alias), and a DBT_ENV_SECRET_ variable's default
# as a type or an alias: FP308, FP414 and FP415 say '***' (a type that
# reads as a word, as the type DuckDB looks up lower-cased: canaryq7zx).
cat > "$tmp/quoted.yml" <<'EOF2'
floe:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
      secrets:
        - type: s3
          secret: &k CANARY-q7zx
          name: *k
        - type: s3
          secret: &t CANARYq7zx
        - type: *t
        - type: "{{ env_var('DBT_ENV_SECRET_T', 'CANARYq7zx') }}"
      attach:
        - path: a.duckdb
          alias: *k
        - path: b.duckdb
          alias: "{{ env_var('DBT_ENV_SECRET_A', 'CANARY-q7zx') }}"
EOF2
# ... and every other rule that quotes a value or a key: a credential's
# anchor reused as settings and config_options values, a key of the
# output, of remote and of an attach item, use_credential_provider,
# read_only; a DBT_ENV_SECRET_ default as an alias (found by the review)
cat > "$tmp/reused.yml" <<'EOF2'
_c: {password: &pw "CANARY-q7zx x", token: &tk CANARYq7zx}
p:
  target: o
  outputs:
    o:
      type: duckdb
      path: cat.duckdb
      use_credential_provider: *tk
      settings: {memory_limit: *pw, threads: *tk}
      config_options: {access_mode: *tk}
      remote: {host: h, port: 1, user: u, *tk : 1}
      *pw : 1
      attach:
        - {path: x.duckdb, alias: *tk, read_only: *pw}
        - path: w.duckdb
          alias: "{{ env_var('DBT_ENV_SECRET_AL', 'CANARYq7zx') }}"
EOF2
for f in quoted reused; do
	for fmt in text json sarif; do
		"$bin" lint --no-config --format "$fmt" "$tmp/$f.yml" \
			> "$tmp/out" 2> "$tmp/err"
		check "$f lint $fmt: no canary" clean
	done
done
"$bin" lint --no-config --format gcc "$tmp/reused.yml" > "$tmp/out" \
	2> "$tmp/err"
check "reused lint: the rules report, masked" \
	"[ \$(grep -c \"'\\*\\*\\*'\" '$tmp/out') -ge 6 ]"
"$bin" lint --no-config --format gcc "$tmp/quoted.yml" > "$tmp/out" \
	2> "$tmp/err"
for r in FP308 FP414 FP415; do
	check "quoted lint: $r reports, masked" \
		"grep \"\\[$r\\]\" '$tmp/out' | grep -q \"'\\*\\*\\*'\""
done

# --diff and --fix on a profile whose fixes move the canary's lines.
canary_fix_checks

# lint --diff and --fix on the matrix itself, with and without --env.
for env in "" --env; do
	cp "$tmp/profiles.yml" "$tmp/copy.yml"
	envrun "$bin" lint --no-config $env --diff --unsafe-fixes \
		"$tmp/copy.yml" > "$tmp/out" 2> "$tmp/err"
	check "lint --diff $env: no canary" clean
	envrun "$bin" lint --no-config $env --fix --unsafe-fixes \
		--format sarif "$tmp/copy.yml" > "$tmp/out" 2> "$tmp/err"
	check "lint --fix $env: no canary" clean
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
