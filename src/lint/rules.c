/*
 * THE rule registry.  One row per rule; ids are never renumbered or
 * reused (append new rules in their family's range).  `floe-profiles
 * rules`, `explain`, SARIF's rules[] and docs/rules.md all come from here.
 *
 * Help texts: why it breaks at run time (with the source of the fact),
 * a bad and a good example, and the fix.  Sources are detailed in
 * docs/rules.md.
 */
#include <ctype.h>
#include <string.h>

#include "rules.h"

#define E FLOE_SEV_ERROR
#define W FLOE_SEV_WARNING
#define I FLOE_SEV_INFO

const struct lint_rule_impl lint_rule_table[] = {
/* ---- YAML and Jinja ---- */
{ { "FP001", "yaml-syntax", E, "yaml",
    "the file is not one valid YAML document",
    "dbt reads profiles.yml with PyYAML and stops at the first syntax "
    "error, before any connection is tried; the same goes for a second "
    "document in the file, anchors that loop, or a file nested or "
    "expanded beyond reason.\n\n"
    "Bad:\n  outputs:\n    dev:\n      path: \"/tmp/x.duckdb\n\n"
    "Good:\n  outputs:\n    dev:\n      path: \"/tmp/x.duckdb\"\n\n"
    "Fix: correct the YAML at the position shown; the message names "
    "where the broken construct starts.", false }, NULL, NULL },
{ { "FP002", "duplicate-key", W, "yaml",
    "a key appears twice in the same mapping",
    "PyYAML keeps the last value without a word, so the first one is "
    "silently ignored -- usually a merge or copy-paste accident.\n\n"
    "Bad:\n  dev:\n    threads: 4\n    threads: 8\n\n"
    "Good:\n  dev:\n    threads: 8\n\n"
    "Fix: delete the key you did not mean.", false }, NULL, NULL },
{ { "FP003", "jinja-unquoted", E, "yaml",
    "a '{{ ... }}' value is not quoted",
    "YAML reads an unquoted '{{' as the start of a flow mapping, so dbt "
    "never sees the template: PyYAML fails with an unhashable key "
    "(dbt docs: \"make sure to quote the entire Jinja string\").\n\n"
    "Bad:\n  client_secret: {{ env_var('POLARIS_CLIENT_SECRET') }}\n\n"
    "Good:\n  client_secret: \"{{ env_var('POLARIS_CLIENT_SECRET') }}\"\n\n"
    "Fix: put the whole value in quotes.", false }, NULL, NULL },
{ { "FP004", "env-var-syntax", E, "yaml",
    "a '{{ env_var(...) }}' call that dbt cannot render",
    "dbt renders every string in profiles.yml as Jinja; a malformed "
    "env_var() call (unquoted name, missing parenthesis, unclosed '{{') "
    "fails with \"Could not render\" before any connection.\n\n"
    "Bad:\n  endpoint: \"{{ env_var(POLARIS_URI) }}\"\n\n"
    "Good:\n  endpoint: \"{{ env_var('POLARIS_URI', "
    "'http://polaris:8181/api/catalog') }}\"\n\n"
    "Fix: env_var('NAME') or env_var('NAME', 'default') with quoted "
    "arguments.", false }, check_env_var_syntax, NULL },
{ { "FP005", "target-missing-output", E, "yaml",
    "'target' names an output that does not exist",
    "dbt picks the output named by 'target' (or --target); when there is "
    "none it stops with \"The profile ... does not have a target named "
    "...\".\n\n"
    "Bad:\n  floe:\n    target: prod\n    outputs:\n      dev: {...}\n\n"
    "Good:\n  floe:\n    target: dev\n    outputs:\n      dev: {...}\n\n"
    "Fix: name an existing output, or add the output.", false },
  NULL, check_target_missing_output },
{ { "FP006", "env-var-unfiltered-number", W, "yaml",
    "a number or boolean field comes from env_var() without a filter",
    "dbt renders env_var() to a string; without '| int' or "
    "'| as_number' / '| as_bool' a field such as threads or read_only "
    "keeps the str and fails dbt's type check (dbt env_var docs).\n\n"
    "Bad:\n  threads: \"{{ env_var('DBT_THREADS', '4') }}\"\n\n"
    "Good:\n  threads: \"{{ env_var('DBT_THREADS', '4') | as_number }}\"\n\n"
    "Fix: add the filter, or write the number itself.", false },
  check_env_var_unfiltered_number, NULL },
{ { "FP007", "unknown-output-key", W, "yaml",
    "an output key that dbt-duckdb does not know is silently ignored",
    "dbt-duckdb's credentials accept unknown keys without complaint, so a "
    "typo such as 'setting:' or 'attatch:' -- or a 'vars:' block, which "
    "dbt reads only from dbt_project.yml and --vars -- has no effect at "
    "all.\n\n"
    "Bad:\n  dev:\n    type: duckdb\n    attatch: [...]\n\n"
    "Good:\n  dev:\n    type: duckdb\n    attach: [...]\n\n"
    "Fix: correct the key (a suggestion is given when one is close), or "
    "move vars to dbt_project.yml.", false },
  check_unknown_output_key, NULL },
{ { "FP008", "unused-suppression", W, "yaml",
    "a '# floe-profiles: disable=' comment that suppresses nothing",
    "A suppression that no longer matches a finding hides nothing today "
    "but will hide a real problem later; one without rule ids, or with "
    "an unknown id, is a mistake.\n\n"
    "Bad:\n  path: \":memory:\"  # floe-profiles: disable=FP101\n\n"
    "Good:\n  (no comment where nothing is reported)\n\n"
    "Fix: delete the comment, or name the rule that fires on that line.",
    false }, NULL, NULL },

/* ---- settings and the secret manager ---- */
{ { "FP101", "secret-manager-setting", E, "settings",
    "'allow_persistent_secrets' or 'secret_directory' under settings",
    "dbt-duckdb runs each 'settings' entry as SET on every cursor, after "
    "the connection has created secrets and ATTACHed the catalog -- which "
    "uses DuckDB's secret manager. DuckDB then refuses any change to "
    "these two settings, whatever the value (observed on DuckDB 1.4.3): "
    "\"Invalid Input Error: Changing Secret Manager settings after the "
    "secret manager is used is not allowed!\". Every dbt run dies.\n\n"
    "Bad:\n  settings:\n    allow_persistent_secrets: 'true'\n\n"
    "Good:\n  (no such setting: true is already the default)\n\n"
    "Fix: delete it. If you really need it, set it in config_options, "
    "which DuckDB applies when the database opens.", false },
  check_secret_manager_setting, NULL },
{ { "FP102", "startup-only-setting", E, "settings",
    "a setting DuckDB accepts only when the database starts",
    "These settings cannot be relaxed while the database runs; dbt-duckdb "
    "applies 'settings' with SET after connecting, so DuckDB answers "
    "\"Cannot change <x> setting while database is running\". Observed "
    "on DuckDB 1.4.3: access_mode, custom_user_agent, duckdb_api and "
    "disable_database_invalidation=true are refused; "
    "allow_unsigned_extensions, allow_unredacted_secrets and "
    "enable_external_access are refused when set to true (tightening "
    "them is accepted).\n\n"
    "Bad:\n  settings:\n    access_mode: read_only\n\n"
    "Good:\n  config_options:\n    access_mode: read_only\n\n"
    "Fix: move the setting to config_options.", false },
  check_startup_only_setting, NULL },
{ { "FP103", "default-secret-storage-setting", W, "settings",
    "'default_secret_storage' under settings",
    "DuckDB 0.10 and 1.0 refuse it once the secret manager is in use (the "
    "same error as FP101); from 1.1 it is accepted but only affects "
    "secrets created afterwards, which is rarely what was meant.\n\n"
    "Bad:\n  settings:\n    default_secret_storage: local_file\n\n"
    "Good:\n  config_options:\n    default_secret_storage: local_file\n\n"
    "Fix: move it to config_options, or delete it.", false },
  check_default_secret_storage, NULL },
{ { "FP104", "redundant-allow-persistent-secrets", I, "settings",
    "'allow_persistent_secrets: true' is already DuckDB's default",
    "The setting defaults to true; writing it only invites someone to "
    "move it into 'settings', where it breaks every run (FP101).\n\n"
    "Bad:\n  config_options:\n    allow_persistent_secrets: true\n\n"
    "Good:\n  (nothing)\n\n"
    "Fix: delete it.", false },
  check_redundant_persistent_secrets, NULL },

/* ---- endpoint and OAuth2 ---- */
{ { "FP201", "oauth2-server-uri-mismatch", E, "endpoint",
    "the token URI is not the catalog endpoint + /v1/oauth/tokens",
    "Polaris issues tokens at <endpoint>/v1/oauth/tokens. A token URI "
    "with another scheme, port or path (same host) asks the wrong "
    "server or route: \"Could not get token from ...: 404\" or 401, and "
    "the ATTACH fails. The message says which part differs.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog\n"
    "  oauth2_server_uri: http://polaris:8181/v1/oauth/tokens\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n"
    "  oauth2_server_uri: "
    "http://polaris:8181/api/catalog/v1/oauth/tokens\n\n"
    "Fix: derive the token URI from the endpoint.", false },
  check_token_uri_mismatch, NULL },
{ { "FP202", "oauth2-external-idp", W, "endpoint",
    "the token URI is on another host than the catalog",
    "Legitimate when Polaris uses an external identity provider "
    "(polaris.authentication.type=external), a mistake otherwise. Shown "
    "as a warning so it is seen once; suppress it where intended.\n\n"
    "Bad (unless intended):\n  endpoint: https://polaris.acme.example/"
    "api/catalog\n  oauth2_server_uri: https://login.acme.example/oauth2/"
    "token\n\n"
    "Good:\n  oauth2_server_uri: https://polaris.acme.example/api/catalog/"
    "v1/oauth/tokens\n\n"
    "Fix: use the catalog's token endpoint, or suppress with "
    "'# floe-profiles: disable=FP202' when the IdP is intended.", false },
  check_external_idp, NULL },
{ { "FP203", "endpoint-rest-route", E, "endpoint",
    "the endpoint ends in /v1, /v1/config or /oauth/tokens",
    "The iceberg extension appends /v1 to the endpoint itself, so an "
    "endpoint ending in /v1 requests .../v1/v1/config and gets 404; a "
    "route such as /v1/config or /oauth/tokens is not a base URL at "
    "all.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog/v1\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: remove the suffix.", false }, check_endpoint_rest_route, NULL },
{ { "FP204", "endpoint-trailing-slash", I, "endpoint",
    "the endpoint ends with '/'",
    "DuckDB trims it, so it works, but the token URI derived from it (and "
    "any comparison with the platform) gets a double slash.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog/\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: remove the trailing '/'.", false },
  check_endpoint_trailing_slash, NULL },
{ { "FP205", "url-missing-scheme", W, "endpoint",
    "a catalog or token URL without http:// or https://",
    "The iceberg extension silently prepends http://, so a production "
    "endpoint without a scheme sends the client id and secret in clear "
    "text (Basic authentication header).\n\n"
    "Bad:\n  endpoint: polaris.acme.example/api/catalog\n\n"
    "Good:\n  endpoint: https://polaris.acme.example/api/catalog\n\n"
    "Fix: write the scheme.", false }, check_url_missing_scheme, NULL },
{ { "FP206", "plain-http-remote", W, "endpoint",
    "http:// to a host that is not local",
    "The token request carries the client id and secret in a Basic "
    "header; over http they cross the network in clear text. Loopback, "
    "single-label service names and *.local / *.svc / *.internal hosts "
    "are treated as local.\n\n"
    "Bad:\n  endpoint: http://polaris.acme.com/api/catalog\n\n"
    "Good:\n  endpoint: https://polaris.acme.com/api/catalog\n\n"
    "Fix: use https.", false }, check_plain_http_remote, NULL },
{ { "FP207", "polaris-base-path", W, "endpoint",
    "a Polaris endpoint whose path is not .../api/catalog",
    "Polaris serves the Iceberg REST API under /api/catalog (and the "
    "management API under /api/management/v1). A bare host or another "
    "path makes the token and config requests answer 404.\n\n"
    "Bad:\n  endpoint: http://polaris:8181\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: append /api/catalog. (An endpoint is taken for Polaris when "
    "its host names polaris, or --platform says the catalog is of type "
    "polaris; port 8181 alone is not enough: other Iceberg REST servers "
    "listen there at the root.)",
    false }, check_polaris_base_path, NULL },
{ { "FP208", "polaris-management-port", E, "endpoint",
    "an endpoint or token URI on port 8182",
    "8182 is Polaris' Quarkus management port (health, metrics), not the "
    "catalog; the REST API and the token endpoint are on 8181.\n\n"
    "Bad:\n  endpoint: http://polaris:8182/api/catalog\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: use port 8181 (or your service's catalog port).", false },
  check_polaris_management_port, NULL },
{ { "FP209", "oauth2-server-uri-missing", W, "endpoint",
    "no oauth2_server_uri: the deprecated fallback is used",
    "Without it the extension falls back to <endpoint>/v1/oauth/tokens, "
    "which the Iceberg REST spec deprecates for removal and which "
    "DuckDB logs as deprecated; on DuckDB <= 1.4 it also uses the "
    "lower-cased endpoint.\n\n"
    "Bad:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n\n"
    "Good:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n"
    "    oauth2_server_uri: http://polaris:8181/api/catalog/v1/oauth/"
    "tokens\n\n"
    "Fix: set it explicitly.", false }, check_token_uri_missing, NULL },
{ { "FP210", "endpoint-uppercase", W, "endpoint",
    "upper-case letters in the endpoint's path",
    "DuckDB's iceberg extension lower-cases the endpoint up to DuckDB "
    "1.5.3, so a mixed-case path asks for another URL (404 or 401). Host "
    "names are case-insensitive and are not reported.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/API/Catalog\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: use lower case, or DuckDB >= 1.5.4.", false },
  check_endpoint_uppercase, NULL },
{ { "FP211", "platform-endpoint-mismatch", E, "platform",
    "the endpoint is not the platform catalog's uri (--platform)",
    "The profile connects somewhere else than the platform describes.\n\n"
    "Bad:\n  platform: uri: https://polaris.prod/api/catalog\n"
    "  profile:  endpoint: https://polaris.staging/api/catalog\n\n"
    "Good: the same URL in both. A trailing '/' or '/v1' does not "
    "matter (generate removes them); for a uri given as a secret_ref the "
    "profile must read the variable floe sets for it.\n\n"
    "Fix: regenerate the profile with floe-profiles generate.", false },
  check_platform_endpoint, NULL },
{ { "FP212", "platform-warehouse-mismatch", E, "platform",
    "the attach path / warehouse is not the platform catalog's warehouse",
    "The ATTACH path is the Polaris catalog (warehouse) name; another "
    "name answers 404 \"Unable to find warehouse\" or, worse, reaches "
    "another catalog.\n\n"
    "Bad:\n  platform: warehouse: demo_catalog\n  profile:  path: demo\n\n"
    "Good: the same name in both.\n\n"
    "Fix: regenerate the profile.", false }, check_platform_warehouse, NULL },
{ { "FP213", "platform-scope-mismatch", E, "platform",
    "the OAuth2 scope is not the platform catalog's scope",
    "The token would carry other principal roles than the platform "
    "grants, so the run sees other data or is refused.\n\n"
    "Bad:\n  platform: scope: PRINCIPAL_ROLE:DATA_ENGINEER\n"
    "  profile:  oauth2_scope: PRINCIPAL_ROLE:ALL\n\n"
    "Good: the same scope in both.\n\n"
    "Fix: regenerate the profile.", false }, check_platform_scope, NULL },
{ { "FP214", "platform-token-uri-mismatch", E, "platform",
    "the token URI is not the one generate derives from the platform",
    "generate writes <uri>/v1/oauth/tokens, or the catalog's "
    "oauth2-server-uri property for an external identity provider; a "
    "profile with another token URI asks another server for tokens.\n\n"
    "Bad:\n  platform: properties: {oauth2-server-uri: https://idp/token}\n"
    "  profile:  oauth2_server_uri: https://polaris/api/catalog/v1/oauth/"
    "tokens\n\n"
    "Good: what generate writes.\n\n"
    "Fix: regenerate the profile.", false }, check_platform_token_uri,
  NULL },
{ { "FP215", "platform-access-delegation-mismatch", E, "platform",
    "access_delegation_mode differs from the platform's access_delegation",
    "DuckDB defaults to vended_credentials while floe defaults to none. A "
    "profile that asks Polaris for vended credentials where the platform "
    "says none fails on storage without STS (floe's BUG #10: 422 from "
    "AssumeRole on LocalStack); the reverse leaves DuckDB without S3 "
    "credentials.\n\n"
    "Bad:\n  platform: access_delegation: none\n"
    "  profile:  (no access_delegation_mode)\n\n"
    "Good:\n  profile:  access_delegation_mode: none\n\n"
    "Fix: regenerate the profile.", false },
  check_platform_access_delegation, NULL },
{ { "FP216", "platform-alias-mismatch", E, "platform",
    "the attach alias is not the one generate writes",
    "dbt sources and models name the catalog by its alias; a profile "
    "with another alias than the project expects (generate's --alias, "
    "the configuration, or polaris_catalog) leaves them pointing at "
    "nothing.\n\n"
    "Bad:\n  alias: lakehouse      # sources say polaris_catalog\n\n"
    "Good:\n  alias: polaris_catalog\n\n"
    "Fix: regenerate the profile, or pass the alias you use with "
    "--alias.", false }, check_platform_alias, NULL },
{ { "FP217", "platform-credential-env-mismatch", E, "platform",
    "client_id / client_secret come from other variables than the "
    "platform's secret_ref",
    "floe sets the environment variable named by each secret_ref "
    "(upper-cased, '-' as '_'); a profile reading another variable finds "
    "it unset (\"Env var required but not provided\") or, worse, reads "
    "another principal's secret. A DBT_ENV_SECRET_ prefix on the same "
    "name is not a difference.\n\n"
    "Bad:\n  platform: client_secret: {secret_ref: polaris-client-secret}\n"
    "  profile:  client_secret: \"{{ env_var('POLARIS_SECRET') }}\"\n\n"
    "Good:\n  profile:  client_secret: \"{{ env_var('POLARIS_CLIENT_"
    "SECRET') }}\"\n\n"
    "Fix: regenerate the profile.", false }, check_platform_credential_env,
  NULL },
{ { "FP218", "platform-catalog-not-attached", E, "platform",
    "no attach item connects to the platform's catalog",
    "The output attaches no iceberg catalog (and runs no floe Polaris "
    "plugin) that can be told to be the platform's: models and sources "
    "meant for the catalog will not find it.\n\n"
    "Bad:\n  attach: []\n\n"
    "Good:\n  attach:\n    - path: demo_catalog\n      alias: "
    "polaris_catalog\n      type: iceberg\n      options: {...}\n\n"
    "Fix: regenerate the profile.", false },
  check_platform_catalog_attached, NULL },

/* ---- attach shape ---- */
{ { "FP301", "iceberg-options-outside-options", E, "attach",
    "iceberg options written on the attach item instead of under options",
    "dbt-duckdb's attach items are strict: keys other than path, type, "
    "alias, secret, read_only, options and is_ducklake fail the profile "
    "(\"Additional properties are not allowed ('endpoint' was "
    "unexpected)\").\n\n"
    "Bad:\n  attach:\n    - path: demo\n      type: iceberg\n"
    "      endpoint: http://polaris:8181/api/catalog\n\n"
    "Good:\n  attach:\n    - path: demo\n      type: iceberg\n"
    "      options:\n        endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: move the key under options (dbt-duckdb >= 1.9.4).", false },
  check_options_outside_options, NULL },
{ { "FP302", "option-false-dropped", E, "attach",
    "a YAML false in attach options is dropped by dbt-duckdb",
    "dbt-duckdb renders a true option as a bare KEY and drops a false "
    "one entirely, so 'support_stage_create: false' leaves the default "
    "(true) in force. read_only is a real boolean field and "
    "encode_entire_prefix is switched on by its mere presence, so both "
    "are exempt.\n\n"
    "Bad:\n  options:\n    support_stage_create: false\n\n"
    "Good:\n  options:\n    support_stage_create: 'false'\n\n"
    "Fix: quote the value.", false }, check_option_false, NULL },
{ { "FP303", "attach-option-conflict", E, "attach",
    "type, secret or read_only given both on the item and in options",
    "dbt-duckdb raises \"Attachment option(s) [...] specified in both "
    "direct fields and options dict\" when it builds the ATTACH.\n\n"
    "Bad:\n  - path: demo\n    type: iceberg\n    options:\n"
    "      type: iceberg\n\n"
    "Good:\n  - path: demo\n    type: iceberg\n\n"
    "Fix: keep one of the two.", false }, check_attach_option_conflict, NULL },
{ { "FP304", "option-duplicate-case", W, "attach",
    "two attach options equal but for case",
    "dbt-duckdb upper-cases option names and DuckDB keeps the last one, "
    "so one of the two values is silently ignored.\n\n"
    "Bad:\n  options:\n    endpoint: http://a/api/catalog\n"
    "    ENDPOINT: http://b/api/catalog\n\n"
    "Good:\n  options:\n    endpoint: http://a/api/catalog\n\n"
    "Fix: keep one.", false }, check_option_duplicate_case, NULL },
{ { "FP305", "unknown-iceberg-option", E, "attach",
    "an attach option the iceberg extension does not know",
    "ATTACH ... (TYPE iceberg, ...) fails with \"Unhandled options "
    "found: <name>\" for any option outside the extension's list (DuckDB "
    "1.4.x: endpoint, endpoint_type, authorization_type, "
    "access_delegation_mode, support_nested_namespaces, "
    "support_stage_create, purge_requested, default_schema, secret, "
    "default_region, client_id, client_secret, oauth2_server_uri, "
    "oauth2_scope, oauth2_grant_type, token; 1.5 adds "
    "extra_http_headers, max_table_staleness, encode_entire_prefix; "
    "1.5.4 adds stage_create_tables, disable_multi_table_commit, "
    "skip_create_table_metadata_updates, remove_files_on_delete and drops "
    "support_stage_create).\n\n"
    "Bad:\n  options:\n    oauth_scope: PRINCIPAL_ROLE:ALL\n\n"
    "Good:\n  options:\n    oauth2_scope: PRINCIPAL_ROLE:ALL\n\n"
    "Fix: correct the name (a suggestion is given when one is close).",
    false }, check_unknown_iceberg_option, NULL },
{ { "FP306", "option-value", E, "attach",
    "an attach option value outside its allowed set",
    "access_delegation_mode takes vended_credentials or none; "
    "authorization_type oauth2, sigv4 or none; oauth2_grant_type only "
    "client_credentials. Anything else fails the ATTACH (\"Unrecognized "
    "access mode\", \"... is not supported\").\n\n"
    "Bad:\n  access_delegation_mode: vended-credentials\n\n"
    "Good:\n  access_delegation_mode: vended_credentials\n\n"
    "Fix: use one of the listed values (note the underscore).", false },
  check_option_value, NULL },
{ { "FP307", "warehouse-looks-like-location", E, "attach",
    "the attach path (warehouse) is a storage location",
    "For an Iceberg REST catalog the ATTACH path is the warehouse, which "
    "Polaris reads as the catalog name; an s3:// location or an empty "
    "path answers 404 \"Unable to find warehouse\" or 400.\n\n"
    "Bad:\n  path: s3://acme-lake/warehouse\n\n"
    "Good:\n  path: prod_catalog\n\n"
    "Fix: use the Polaris catalog name.", false },
  check_warehouse_location, NULL },
{ { "FP308", "alias-not-identifier", E, "attach",
    "the attach alias is not a bare identifier",
    "dbt-duckdb writes the alias unquoted into 'ATTACH ... AS <alias>', "
    "so a dash, a dot or a space is a SQL syntax error.\n\n"
    "Bad:\n  alias: polaris-catalog\n\n"
    "Good:\n  alias: polaris_catalog\n\n"
    "Fix: letters, digits and '_', not starting with a digit.", false },
  check_alias_identifier, NULL },
{ { "FP309", "extension-missing", E, "attach",
    "an iceberg catalog is attached (or floe's Polaris plugin runs) but "
    "httpfs or iceberg is not loaded",
    "The ATTACH needs the iceberg extension, and its HTTP calls need "
    "httpfs (\"'https' scheme is not supported\" without it); offline "
    "images with auto-loading off fail at connect time.\n\n"
    "Bad:\n  extensions: [iceberg]\n\n"
    "Good:\n  extensions: [httpfs, iceberg]\n\n"
    "Fix: list both.", false }, check_extension_missing, NULL },
{ { "FP310", "attach-path-missing", E, "attach",
    "an attach item without 'path'",
    "path is the one required field of dbt-duckdb's attachment; without "
    "it the profile fails validation (floe's generator hit exactly this "
    "in commit a61e466).\n\n"
    "Bad:\n  attach:\n    - alias: polaris_catalog\n      type: iceberg\n\n"
    "Good:\n  attach:\n    - path: demo_catalog\n      alias: "
    "polaris_catalog\n      type: iceberg\n\n"
    "Fix: add path (for iceberg: the warehouse name).", false },
  check_attach_path_missing, NULL },
{ { "FP311", "iceberg-endpoint-missing", E, "attach",
    "an iceberg attach without an endpoint",
    "Without endpoint (and without an iceberg secret that has one, or "
    "endpoint_type) the extension fails: \"Missing 'endpoint' option for "
    "Iceberg attach\", or with a named secret \"No 'endpoint' was given "
    "to attach, and no 'endpoint' could be retrieved from the ICEBERG "
    "secret!\".\n\n"
    "Bad:\n  options:\n    client_id: x\n\n"
    "Good:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: add endpoint.", false }, check_iceberg_endpoint_missing, NULL },
{ { "FP312", "read-only-not-bool", E, "attach",
    "attach 'read_only' is not a YAML boolean",
    "read_only is a bool in dbt-duckdb's attachment schema; the string "
    "'true', or null, fails validation. is_ducklake (Optional[bool]) is "
    "held to the same type, but may be null.\n\n"
    "Bad:\n  read_only: 'true'\n\n"
    "Good:\n  read_only: true\n\n"
    "Fix: write true or false unquoted (or render it with '| as_bool')."
    , false }, check_read_only_type,
  NULL },

/* ---- credentials ---- */
{ { "FP401", "secret-and-inline-credentials", E, "credentials",
    "a named secret together with inline OAuth2 options",
    "The iceberg extension refuses: \"Both 'secret' and the following "
    "oauth2 option(s) were given: ... These are mutually exclusive\".\n\n"
    "Bad:\n  secret: polaris_secret\n  options:\n    client_id: x\n\n"
    "Good:\n  options:\n    client_id: x\n    client_secret: ...\n\n"
    "Fix: use one method; floe uses inline credentials.", false },
  check_secret_and_inline, NULL },
{ { "FP402", "client-credentials-incomplete", E, "credentials",
    "client_id without client_secret, or the reverse",
    "The extension needs both: \"Missing required parameter "
    "'client_secret' for authorization_type 'oauth2'\".\n\n"
    "Bad:\n  client_id: x\n\n"
    "Good:\n  client_id: x\n  client_secret: \"{{ env_var('...') }}\"\n\n"
    "Fix: give both.", false }, check_client_credentials_incomplete, NULL },
{ { "FP403", "no-credentials", E, "credentials",
    "an iceberg catalog with no credentials at all",
    "With OAuth2 (the default) and neither client credentials, a token "
    "nor a secret, the ATTACH fails (\"... yet no 'secret' was provided, "
    "and no client_id+client_secret were provided\"), or silently picks "
    "up any stale iceberg secret.\n\n"
    "Bad:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n\n"
    "Good:\n  options:\n    endpoint: ...\n    client_id: ...\n"
    "    client_secret: ...\n\n"
    "Also reported: the floe Polaris plugin without client_id and "
    "client_secret, and a type: iceberg entry under secrets: with no "
    "credentials at all.\n\n"
    "Fix: add credentials, or authorization_type: none for an open "
    "catalog.", false }, check_no_credentials, NULL },
{ { "FP404", "literal-secret", E, "credentials",
    "a client secret, token or password written in the file",
    "A secret committed to profiles.yml leaks with the repository. "
    "Checked: client_secret, token, password and secret_access_key on "
    "attach items, in secrets: entries (and their secret key for s3, "
    "gcs, r2 and azure), plugin configs (s3_secret_access_key too), "
    "settings/config_options (s3_secret_access_key, motherduck_token), "
    "remote.password and filesystems; also a non-empty env_var() default "
    "in those places, and any DBT_ENV_SECRET_ variable's default. The "
    "value is never repeated in floe-profiles' output.\n\n"
    "Bad:\n  client_secret: s3cr3t\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_POLARIS') }}\"\n\n"
    "Fix: read it from the environment and rotate the leaked one.",
    false }, check_literal_secret, NULL },
{ { "FP405", "scope-format", E, "credentials",
    "an OAuth2 scope that is not PRINCIPAL_ROLE:<role>",
    "Polaris checks every space-separated scope: it must start with "
    "PRINCIPAL_ROLE: and name a role, otherwise the token request fails "
    "with invalid_scope.\n\n"
    "Bad:\n  oauth2_scope: ALL\n\n"
    "Good:\n  oauth2_scope: PRINCIPAL_ROLE:ALL\n\n"
    "Fix: PRINCIPAL_ROLE:<role>, several separated by spaces. (Snowflake "
    "Open Catalog's session:role: scopes are reported too: this is "
    "Polaris' rule. With --platform naming a catalog of type rest, the "
    "connection to it is not held to Polaris' format.)", false },
  check_scope_format, NULL },
{ { "FP406", "secret-env-not-prefixed", I, "credentials",
    "a secret read from an env var without the DBT_ENV_SECRET_ prefix",
    "dbt scrubs only DBT_ENV_SECRET_* values from its logs and error "
    "messages. Off by default: floe's own naming rule (POLARIS_CLIENT_"
    "SECRET) is what generate writes and what floe's pods set; enable it "
    "in .floe-profiles.yaml where you control the variable names.\n\n"
    "Bad:\n  client_secret: \"{{ env_var('POLARIS_CLIENT_SECRET') }}\"\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_POLARIS_"
    "CLIENT_SECRET') }}\"\n\n"
    "Fix: rename the variable.", true }, check_secret_env_prefix, NULL },
{ { "FP407", "several-secret-vars-in-scalar", E, "credentials",
    "two DBT_ENV_SECRET_ variables in one value",
    "dbt substitutes secret variables with one greedy regular expression "
    "per value; with two, the lookup spans both names and fails or "
    "leaves the value wrong.\n\n"
    "Bad:\n  token: \"{{ env_var('DBT_ENV_SECRET_A') }}"
    "{{ env_var('DBT_ENV_SECRET_B') }}\"\n\n"
    "Good: one secret variable per value.\n\n"
    "Fix: combine the secret outside dbt.", false },
  check_several_secret_vars, NULL },
{ { "FP408", "secret-env-filtered", W, "credentials",
    "a filter or expression on a DBT_ENV_SECRET_ variable, or text "
    "around it",
    "dbt renders secret variables to a placeholder and substitutes the "
    "value after rendering, so a filter or expression acts on the "
    "placeholder, not on the secret. Text around the call survives the "
    "substitution, but becomes part of the secret (a stray newline from a "
    "block scalar, say), which is rarely meant.\n\n"
    "Bad:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_X') | trim }}\"\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_X') }}\"\n\n"
    "Fix: prepare the value before dbt runs.", false },
  check_secret_env_filtered, NULL },
{ { "FP409", "persistent-iceberg-secret", W, "credentials",
    "an iceberg secret with persistent: true",
    "DuckDB writes a persistent secret -- client secret and bearer token "
    "-- to ~/.duckdb/stored_secrets, and later runs pick it up even after "
    "the profile changed.\n\n"
    "Bad:\n  secrets:\n    - type: iceberg\n      persistent: true\n\n"
    "Good:\n  (inline credentials in the attach options)\n\n"
    "Fix: drop persistent, or use inline credentials.", false },
  check_persistent_iceberg_secret, NULL },
{ { "FP410", "secret-missing-type", E, "credentials",
    "a secrets entry without 'type'",
    "dbt-duckdb pops 'type' from each secret and fails without it.\n\n"
    "Bad:\n  secrets:\n    - key_id: x\n\n"
    "Good:\n  secrets:\n    - type: s3\n      key_id: x\n\n"
    "Fix: add the type.", false }, check_secret_missing_type, NULL },

/* ---- the dbt project (check --project); reported by project.c ---- */
{ { "FP601", "project-profile-missing", E, "project",
    "dbt_project.yml names a profile that profiles.yml does not have",
    "dbt looks up the 'profile:' of dbt_project.yml in profiles.yml and "
    "stops with \"Could not find profile named ...\" when it is not "
    "there (floe's generator once wrote 'floe_demo' for a project that "
    "said 'floe-demo').\n\n"
    "Bad:\n  dbt_project.yml: profile: floe-demo\n  profiles.yml:    "
    "floe_demo: {...}\n\n"
    "Good: the same name in both.\n\n"
    "Fix: rename one of them (generate --profile-name).", false },
  NULL, NULL },
{ { "FP602", "source-database-not-attached", E, "project",
    "a source's database is not attached by the profile",
    "dbt resolves a source as <database>.<schema>.<table>; a database the "
    "profile neither opens nor attaches fails with \"Catalog ... does "
    "not exist\".\n\n"
    "Bad:\n  sources:\n    - name: bronze\n      database: lakehouse\n\n"
    "Good:\n  sources:\n    - name: bronze\n      database: "
    "polaris_catalog\n\n"
    "Fix: use the attach alias.", false }, NULL, NULL },
{ { "FP603", "source-database-is-warehouse", E, "project",
    "a source names the catalog's warehouse instead of its attach alias",
    "Inside DuckDB the attached catalog is known by its alias; the "
    "warehouse name is only sent to Polaris. A source with database: "
    "<warehouse> points at a database that does not exist.\n\n"
    "Bad:\n  database: demo_catalog\n\n"
    "Good:\n  database: polaris_catalog\n\n"
    "Fix: use the alias.", false }, NULL, NULL },
{ { "FP604", "source-schema-not-declared", E, "project",
    "a catalog source's schema is not a namespace the platform declares",
    "The schema of a source in the catalog is an Iceberg namespace. The "
    "platform declares its layers' namespaces (Polaris drops a "
    "'<warehouse>.' prefix) and the catalog's namespace; a source in "
    "another namespace finds no tables -- the floe demo's sources said "
    "schema 'demo' while the bronze layer wrote to 'bronze'.\n\n"
    "Bad:\n  database: polaris_catalog\n  schema: demo\n\n"
    "Good:\n  database: polaris_catalog\n  schema: bronze\n\n"
    "Fix: use a layer's namespace, or declare the namespace in the "
    "platform.", false }, NULL, NULL },

/* ---- the real engine (verify, check --verify); reported by verify.c
 * and sql.c ---- */
{ { "FP701", "duckdb-refused", E, "engine",
    "DuckDB refused a statement of the connection sequence",
    "verify runs, on a real DuckDB, the statements dbt-duckdb runs when "
    "it connects with this profile (see floe-profiles sql), and DuckDB "
    "refused this one: the message is DuckDB's own. The engine is the "
    "final judge: it catches what static rules describe (\"Changing "
    "Secret Manager settings after the secret manager is used is not "
    "allowed!\", \"Cannot change ... while database is running\", a "
    "Parser Error) and what they do not know yet.\n\n"
    "Bad:\n  settings:\n    allow_persistent_secrets: 'true'\n\n"
    "Good:\n  (what DuckDB accepts; the message says why it refused)\n\n"
    "Fix: as DuckDB's message says; the static rule for the same "
    "problem, if there is one, explains it.", false }, NULL, NULL },
{ { "FP702", "connection-sequence", E, "engine",
    "dbt-duckdb cannot build a statement of the connection from this "
    "profile",
    "sql and verify render the statements as dbt-duckdb does. A value "
    "dbt-duckdb would stop on (a secret without type, an extension "
    "mapping without name and repo, a plugin without module) is an "
    "error; a value that cannot be rendered statically, or an env var "
    "with no default, is a warning: the statement is shown with the "
    "value as written or a ${NAME} placeholder.\n\n"
    "Bad:\n  secrets:\n    - key_id: x\n\n"
    "Good:\n  secrets:\n    - type: s3\n      key_id: x\n\n"
    "Fix: as the message says.", false }, NULL, NULL },
};

const size_t lint_rule_table_nr =
	sizeof(lint_rule_table) / sizeof(lint_rule_table[0]);

/*
 * Which finding follows from which (rules.h, lint_report_on): the rule
 * on the left is not reported about a topic of an item when the rule on
 * the right is.  tests/unit/test_lint_attach.c holds each row.
 */
const struct lint_implication lint_implied[] = {
	/* endpoint written beside path: dbt refuses the key (FP301); that
	 * the ATTACH then has no endpoint is the same line's consequence */
	{ "FP311", "FP301" },
	/* oauth2_server_uri written beside path: the same, for the token
	 * URI the extension would derive (FP209) */
	{ "FP209", "FP301" },
	/* read_only: "{{ env_var('RO') }}": FP312 says the schema refuses
	 * the string and how to fix it; FP006's warning says less */
	{ "FP006", "FP312" },
};

const size_t lint_implied_nr = sizeof(lint_implied) / sizeof(lint_implied[0]);

size_t floe_rule_count(void)
{
	return lint_rule_table_nr;
}

const struct floe_rule *floe_rule_at(size_t i)
{
	return i < lint_rule_table_nr ? &lint_rule_table[i].pub : NULL;
}

size_t lint_rule_index(const char *id)
{
	for (size_t i = 0; i < lint_rule_table_nr; i++)
		if (!strcmp(lint_rule_table[i].pub.id, id))
			return i;
	return (size_t)-1;
}

const struct floe_rule *floe_rule_find(const char *id_or_name)
{
	char up[16];
	size_t n = strlen(id_or_name);

	if (n < sizeof(up)) {
		for (size_t i = 0; i <= n; i++)
			up[i] = (char)toupper((unsigned char)id_or_name[i]);
		for (size_t i = 0; i < lint_rule_table_nr; i++)
			if (!strcmp(lint_rule_table[i].pub.id, up))
				return &lint_rule_table[i].pub;
	}
	for (size_t i = 0; i < lint_rule_table_nr; i++)
		if (!strcmp(lint_rule_table[i].pub.name, id_or_name))
			return &lint_rule_table[i].pub;
	return NULL;
}
