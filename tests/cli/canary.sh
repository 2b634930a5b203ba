# Sourced by the canary scripts (test_lint_canary.sh, test_secret_canary.sh):
# the canary, the test that no piece of it was printed, and the --diff and
# --fix checks both run.  Needs $bin, $tmp and check() from the script.

canary=CANARY-q7zx
# the canary and any piece of it that could betray a partial print
# (not hex: a piece such as "8d1e" turns up in fingerprint hashes by chance)
pieces="CANARY-q7zx CANARY q7zx"

# No piece of the canary on stdout or stderr ($tmp/out, $tmp/err); the
# lines that hold one are shown.
clean() {
	for p in $pieces; do
		if grep -q -- "$p" "$tmp/out" "$tmp/err"; then
			grep -h -- "$p" "$tmp/out" "$tmp/err" | head -3 | \
				sed 's/^/     /'
			return 1
		fi
	done
	return 0
}

# --diff and --fix: the fixes move, rename and quote lines that hold the
# canary (a secret moved under options, a setting moved to
# config_options, an unquoted '{{ }}' with a secret default); the diff
# masks them, json and SARIF leave such a fix out.
canary_fix_checks() {
	cat > "$tmp/fixable.yml" <<'EOF'
floe:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
      extensions: [httpfs, iceberg]
      settings:
        motherduck_token: CANARY-q7zx
        secret_directory: /tmp/secrets
      attach:
        - path: demo_catalog
          alias: polaris_catalog
          type: iceberg
          client_secret: CANARY-q7zx
          options:
            endpoint: http://polaris:8181/api/catalog/v1
            oauth2_server_uri: http://polaris:8181/v1/oauth/tokens
            client_id: floe-service
            oauth2_scope: PRINCIPAL_ROLE:ALL
            endpont_type: GLUE
    prod:
      type: duckdb
      path: ":memory:"
      config_options:
        motherduck_token: {{ env_var('MOTHERDUCK_TOKEN', 'CANARY-q7zx') }}
EOF
	cp "$tmp/fixable.yml" "$tmp/fixable.orig"
	for unsafe in "" --unsafe-fixes; do
		"$bin" lint --no-config --diff $unsafe "$tmp/fixable.yml" \
			> "$tmp/out" 2> "$tmp/err"
		check "--diff $unsafe: exit 1" "[ $? -eq 1 ]"
		check "--diff $unsafe: a diff was printed" \
			"grep -q '^+++ ' '$tmp/out'"
		check "--diff $unsafe: no canary" clean
	done
	for fmt in text json sarif; do
		"$bin" lint --no-config --format "$fmt" "$tmp/fixable.yml" \
			> "$tmp/out" 2> "$tmp/err"
		check "fixable $fmt: no canary" clean
	done
	"$bin" lint --no-config --fix --unsafe-fixes --format json \
		"$tmp/fixable.yml" > "$tmp/out" 2> "$tmp/err"
	check "--fix: no canary" clean
	check "--fix: the file was rewritten" \
		"! cmp -s '$tmp/fixable.yml' '$tmp/fixable.orig'"
	check "--fix: the secret moved with its line" \
		"grep -q '^            client_secret: CANARY-q7zx\$' '$tmp/fixable.yml'"
	check "--fix: the unquoted template is quoted" \
		"grep -q \"motherduck_token: \\\"{{ env_var('MOTHERDUCK_TOKEN', 'CANARY-q7zx') }}\\\"\" '$tmp/fixable.yml'"
}
