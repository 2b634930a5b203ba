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

const struct lint_rule_impl lint_rule_table[FLOE_RULE__COUNT] = {
/* ---- YAML and Jinja ---- */
[FLOE_FP001] = { .pub = {
	.id = "FP001", .name = "yaml-syntax",
	.severity = E, .family = "yaml",
	.level_fixed = true, .unsuppressible = true,
	.summary = "the file is not one valid YAML document",
	.help =
    "dbt reads profiles.yml with PyYAML and stops at the first syntax "
    "error, before any connection is tried; the same goes for a second "
    "document in the file, anchors that loop, or a file nested or "
    "expanded beyond reason. So it does for a value PyYAML types but "
    "cannot construct (threads: 0b_, which its integer pattern takes and "
    "int('', 2) refuses; a date with no such day, 2023-02-30), and for an "
    "explicit tag whose constructor refuses the text (!!int 1e3). Not "
    "reported: what the constructors take, though the implicit resolver "
    "would type it otherwise (!!float 3 is 3.0, !!null anything is None, "
    "!!bool TRUE, !!int \" 12 \").\n\n"
    "Bad:\n  outputs:\n    dev:\n      path: \"/tmp/x.duckdb\n\n"
    "Good:\n  outputs:\n    dev:\n      path: \"/tmp/x.duckdb\"\n\n"
    "Fix: correct the YAML at the position shown; the message names "
    "where the broken construct starts.",
} },
[FLOE_FP002] = { .pub = {
	.id = "FP002", .name = "duplicate-key",
	.severity = W, .family = "yaml",
	.summary = "a key appears twice in the same mapping",
	.help =
    "PyYAML keeps the last value without a word, so the first one is "
    "silently ignored -- usually a merge or copy-paste accident.\n\n"
    "Bad:\n  dev:\n    threads: 4\n    threads: 8\n\n"
    "Good:\n  dev:\n    threads: 8\n\n"
    "Fix: delete the key you did not mean.",
} },
[FLOE_FP003] = { .pub = {
	.id = "FP003", .name = "jinja-unquoted",
	.severity = E, .family = "yaml",
	.summary = "a '{{ ... }}' value is not quoted",
	.help =
    "YAML reads an unquoted '{{' as the start of a flow mapping, so dbt "
    "never sees the template: PyYAML fails with an unhashable key "
    "(dbt docs: \"make sure to quote the entire Jinja string\").\n\n"
    "Bad:\n  client_secret: {{ env_var('POLARIS_CLIENT_SECRET') }}\n\n"
    "Good:\n  client_secret: \"{{ env_var('POLARIS_CLIENT_SECRET') }}\"\n\n"
    "Fix: put the whole value in quotes.",
} },
[FLOE_FP004] = { .pub = {
	.id = "FP004", .name = "env-var-syntax",
	.severity = E, .family = "yaml",
	.summary = "a '{{ env_var(...) }}' call that dbt cannot render",
	.help =
    "dbt renders every string in profiles.yml as Jinja; a malformed "
    "env_var() call (unquoted name, missing parenthesis, unclosed '{{') "
    "fails with \"Could not render\" before any connection.\n\n"
    "Not reported: what dbt's env_var(self, var, default=None) takes as a "
    "Python call -- the name and the default by keyword, in either order "
    "(env_var(var='NAME', default='d'), env_var(default='d', "
    "var='NAME')), and none or None as the default, which is the same as "
    "no default; a trailing comma after the last argument, which Jinja "
    "allows; and an argument the reader does not compute ('A' ~ 'B', "
    "('NAME'), a filter, a conditional, a variable as the default): dbt "
    "computes it, so the value is unknown, not malformed.\n\n"
    "Reported, because Jinja or Python refuses the call whatever the "
    "environment holds: a bare name as the variable (env_var(NAME) reads "
    "Jinja's undefined NAME), a third positional argument, the variable "
    "or the default given twice, a keyword other than var and default, "
    "a positional argument after a keyword one, an empty argument, "
    "two values side by side with no comma, and an argument Jinja's "
    "parser refuses (an operator with nothing after it such as 'a' if, "
    "an '=' out of place, x . 1.5): the reader checks the order of an "
    "expression's "
    "tokens as Jinja's grammar allows them (tests/jinja/check_calls.py "
    "holds it to Jinja2's parser on 11,000 calls; `not` after an "
    "operator is a name there, and so two values).\n\n"
    "Bad:\n  endpoint: \"{{ env_var(POLARIS_URI) }}\"\n\n"
    "Good:\n  endpoint: \"{{ env_var('POLARIS_URI', "
    "'http://polaris:8181/api/catalog') }}\"\n\n"
    "Fix: env_var('NAME') or env_var('NAME', 'default') with quoted "
    "arguments.",
}, .check_template = check_env_var_syntax },
[FLOE_FP005] = { .pub = {
	.id = "FP005", .name = "target-missing-output",
	.severity = E, .family = "yaml",
	.summary = "'target' names an output that does not exist",
	.help =
    "dbt picks the output named by 'target' (or --target), and without "
    "a 'target' key the output named 'default'; when there is none it "
    "stops with \"The profile ... does not have a target named ...\". "
    "A profile without outputs is reported too.\n\n"
    "A null 'target' (the key with no value, or ~) is not a missing "
    "one: dbt looks for an output named None and fails the same way, "
    "even when an output named 'default' exists.\n\n"
    "A 'target' that YAML reads as another type than a string (target: "
    "1, target: yes, target: 1.5) fails too: dbt-core renders only "
    "strings, so it looks the output up by the int or bool. An output "
    "named '1' is not 1; an output key that equals it (1:, or 1: for "
    "yes, since True == 1) is found, but the target name is then "
    "refused by dbt's schema (ProfileConfig.target_name is a str).\n\n"
    "Bad:\n  floe:\n    target: prod\n    outputs:\n      dev: {...}\n\n"
    "Good:\n  floe:\n    target: dev\n    outputs:\n      dev: {...}\n\n"
    "Fix: name an existing output, or add the output; for a null "
    "'target', name one or delete the key to use 'default'; quote a "
    "'target' such as 1 or yes, and the output's name.",
}, .check_profile = check_target_missing_output },
[FLOE_FP006] = { .pub = {
	.id = "FP006", .name = "env-var-unfiltered-number",
	.severity = W, .family = "yaml",
	.summary =
    "a number or boolean field comes from env_var() without a filter",
	.help =
    "dbt renders env_var() to a string; without '| int' or "
    "'| as_number' / '| as_bool' a field such as threads or read_only "
    "keeps the str and fails dbt's type check (dbt env_var docs). The "
    "fields are dbt-duckdb's numbers and booleans: the output's, an "
    "attach item's, and those of retries and remote (remote.port is an "
    "int in credentials.py's Remote, 1.9.0-1.11.0).\n\n"
    "Bad:\n  threads: \"{{ env_var('DBT_THREADS', '4') }}\"\n\n"
    "Good:\n  threads: \"{{ env_var('DBT_THREADS', '4') | as_number }}\"\n\n"
    "Fix: add the filter, or write the number itself.",
}, .check_output = check_env_var_unfiltered_number },
[FLOE_FP007] = { .pub = {
	.id = "FP007", .name = "unknown-output-key",
	.severity = W, .family = "yaml",
	.summary =
    "an output key that dbt-duckdb does not know is silently ignored",
	.help =
    "dbt-duckdb's credentials accept unknown keys without complaint, so a "
    "typo such as 'setting:' or 'attatch:' -- or a 'vars:' block, which "
    "dbt reads only from dbt_project.yml and --vars -- has no effect at "
    "all. The keys are those of the dbt-duckdb release linted for "
    "(src/engine/dbt_duckdb.def): a key of a later release is reported "
    "with the release that brought it (is_ducklake arrived in 1.9.5, "
    "commit cdf74da; 1.9.0-1.9.4 ignore it).\n\n"
    "Bad:\n  dev:\n    type: duckdb\n    attatch: [...]\n\n"
    "Good:\n  dev:\n    type: duckdb\n    attach: [...]\n\n"
    "Fix: correct the key (a suggestion is given when one is close), or "
    "move vars to dbt_project.yml.",
}, .check_output = check_unknown_output_key },
[FLOE_FP008] = { .pub = {
	.id = "FP008", .name = "unused-suppression",
	.severity = W, .family = "yaml",
	.unsuppressible = true,
	.summary =
    "a '# floe-profiles: disable=' comment that suppresses nothing",
	.help =
    "A suppression that no longer matches a finding hides nothing today "
    "but will hide a real problem later; one without rule ids, or with "
    "an unknown id, is a mistake. disable-next-line= is checked against "
    "the next line, disable-file= against the whole file.\n\n"
    "Bad:\n  path: \":memory:\"  # floe-profiles: disable=FP101\n\n"
    "Good:\n  (no comment where nothing is reported)\n\n"
    "Fix: delete the comment, or name the rule that fires on that line.",
} },

/* ---- settings and the secret manager ---- */
[FLOE_FP009] = { .pub = {
	.id = "FP009", .name = "schema-type",
	.severity = E, .family = "yaml",
	.summary =
    "a duckdb output field of a YAML type dbt's profile or credentials schema "
    "refuses",
	.help =
    "dbt-core checks the rendered output against the JSON schema of "
    "dbt-duckdb's credentials before dbt-duckdb runs "
    "(Profile._credentials_from_profile calls cls.validate(data)), and "
    "stops with \"Credentials in profile ... invalid: ... is not valid "
    "under any of the given schemas\" or \"123 is not of type "
    "'string'\". This rule holds the collections and the text fields to "
    "their declared types (credentials.py, 1.9.0-1.11.0): attach, "
    "secrets, extensions, filesystems, plugins and module_paths are "
    "lists, settings, config_options, remote and retries mappings, "
    "path, database, schema and external_root strings, keep_open, "
    "disable_transactions and is_ducklake booleans (\"true\" quoted is a "
    "string), and of those only the collections and is_ducklake take "
    "null (Optional); an attach item's "
    "type, alias and secret are strings and its options a mapping. "
    "Under remote, host and user are strings and port an integer, none "
    "of them null, and password a string or null; under retries, "
    "connect_attempts is an integer, query_attempts an integer or null, "
    "and retryable_exceptions a list of strings; both refuse a key they "
    "do not have, and remote one without host, port or user (strict "
    "dataclasses: additionalProperties is false). An integer is what "
    "JSON Schema's Draft 7 takes: 5 or 5.0, not \"5\", 5.5 or true. "
    "threads is dbt-core's: it pops it from the output and checks it "
    "against its own profile schema (threads: int, so null is refused "
    "too; --threads on the command line replaces it). "
    "Null is not reported for the output's other keys (most of them are "
    "Optional), nor is a string dbt "
    "renders with Jinja, which may give a list, a mapping or a number. "
    "An attach item that is not a mapping, and its path, are FP310's; "
    "its booleans are FP312's, a number or boolean read from env_var() "
    "FP006's, and use_credential_provider FP413's.\n\n"
    "Without the schema the values would fail later anyway: DuckDB "
    "refuses ATTACH ... AS 123 with a syntax error "
    "(1.4.3 and 1.5.6), and TYPE 7 looks for an extension named 7.\n\n"
    "Bad:\n  attach:\n    path: lake.duckdb\n    alias: 123\n\n"
    "Good:\n  attach:\n    - path: lake.duckdb\n      alias: lake\n\n"
    "Fix: write the value in the type the field takes.",
}, .check_output = check_schema_type },
[FLOE_FP101] = { .pub = {
	.id = "FP101", .name = "secret-manager-setting",
	.severity = E, .family = "settings",
	.summary =
    "'allow_persistent_secrets' or 'secret_directory' under settings",
	.help =
    "dbt-duckdb runs each 'settings' entry as SET on every cursor, after "
    "the connection has created secrets and ATTACHed the catalog -- which "
    "uses DuckDB's secret manager. DuckDB then refuses any change to "
    "these two settings, whatever the value (observed on DuckDB 1.4.3): "
    "\"Invalid Input Error: Changing Secret Manager settings after the "
    "secret manager is used is not allowed!\". Every dbt run dies.\n\n"
    "Bad:\n  settings:\n    allow_persistent_secrets: 'true'\n\n"
    "Good:\n  (no such setting: true is already the default)\n\n"
    "Fix: delete it. If you really need it, set it in config_options, "
    "which DuckDB applies when the database opens.",
}, .check_output = check_secret_manager_setting },
[FLOE_FP102] = { .pub = {
	.id = "FP102", .name = "startup-only-setting",
	.severity = E, .family = "settings",
	.summary = "a setting DuckDB accepts only when the database starts",
	.help =
    "These settings cannot be relaxed while the database runs; dbt-duckdb "
    "applies 'settings' with SET after connecting, so DuckDB answers "
    "\"Cannot change <x> setting while database is running\". Observed "
    "on DuckDB 1.4.3: access_mode, custom_user_agent, duckdb_api and "
    "disable_database_invalidation=true are refused; "
    "allow_unsigned_extensions, allow_unredacted_secrets and "
    "enable_external_access are refused when set to true (tightening "
    "them is accepted). motherduck_token \"can only be set during "
    "initialization\" (dbt-duckdb#589). The list is the engine's table "
    "for the release linted for (src/engine/data/duckdb_settings.def, "
    "extracted from each release's libduckdb.so): from 1.5.0, "
    "disable_database_invalidation is refused for any value and "
    "allow_community_extensions=true is refused too. A value that does "
    "not cast to the setting's type fails before this check, with the "
    "cast's error (FP110: vacuum_rebuild_indexes: true on 1.5.6), so "
    "FP102 reports only values that cast. On a MotherDuck connection "
    "(path or an attach item's path md: or motherduck:, or plugins "
    "naming the module motherduck) dbt-duckdb's motherduck plugin pops "
    "custom_user_agent out of settings into duckdb.connect()'s config "
    "before connecting (plugins/motherduck.py update_connection_config, "
    "1.9.0 to 1.11.0; src/engine/dbt_render.def "
    "MD_USER_AGENT_TO_CONFIG), so no SET runs and FP102 is silent -- "
    "unless config_options has a custom_user_agent of its own, which "
    "the plugin takes first, leaving the settings entry to be SET.\n\n"
    "access_mode: read_only needs a database file even under "
    "config_options: with no path, or ':memory:', the database is in "
    "memory and duckdb.connect() fails with \"Catalog Error: Cannot "
    "launch in-memory database in read-only mode!\" (duckdb_open_ext "
    "with a config, the same text on 1.4.3 and 1.5.6; "
    "fe_open_refusal()). dbt-duckdb connects with read_only=False and "
    "the config, whose access_mode wins (environments/__init__.py, "
    "1.11.0). That is reported too, and under settings the message "
    "says so instead of offering the move. A file that does not exist "
    "is refused read-only as well, but that is the run's to know.\n\n"
    "Bad:\n  settings:\n    access_mode: read_only\n\n"
    "Good:\n  path: /data/warehouse.duckdb\n  config_options:\n"
    "    access_mode: read_only\n\n"
    "Fix: move the setting to config_options (read_only: with a path to "
    "a database file).",
}, .check_output = check_startup_only_setting },
[FLOE_FP103] = { .pub = {
	.id = "FP103", .name = "default-secret-storage-setting",
	.severity = W, .family = "settings",
	.summary = "'default_secret_storage' under settings",
	.help =
    "DuckDB 0.10 and 1.0 refuse it once the secret manager is in use (the "
    "same error as FP101); from 1.1 it is accepted but only affects "
    "secrets created afterwards, which is rarely what was meant.\n\n"
    "Bad:\n  settings:\n    default_secret_storage: local_file\n\n"
    "Good:\n  config_options:\n    default_secret_storage: local_file\n\n"
    "Fix: move it to config_options, or delete it.",
}, .check_output = check_default_secret_storage },
[FLOE_FP104] = { .pub = {
	.id = "FP104", .name = "redundant-allow-persistent-secrets",
	.severity = I, .family = "settings",
	.summary =
    "'allow_persistent_secrets: true' is already DuckDB's default",
	.help =
    "The setting defaults to true; writing it only invites someone to "
    "move it into 'settings', where it breaks every run (FP101).\n\n"
    "Bad:\n  config_options:\n    allow_persistent_secrets: true\n\n"
    "Good:\n  (nothing)\n\n"
    "Fix: delete it.",
}, .check_output = check_redundant_persistent_secrets },
[FLOE_FP105] = { .pub = {
	.id = "FP105", .name = "version-newer-than-known",
	.severity = I, .family = "settings",
	.summary =
    "the DuckDB or dbt-duckdb version asked for is newer than the tables",
	.help =
    "floe-profiles knows what each DuckDB release (1.4.0 to the newest in "
    "src/engine/data/duckdb_releases.def) and each dbt-duckdb release "
    "(1.9.0 to 1.11.0) accepts. A newer version given with "
    "--duckdb-version, --dbt-duckdb-version or the configuration is "
    "linted as the newest one known; this finding says so once per file, "
    "because a setting or option that release added is then reported as "
    "unknown.\n\n"
    "Bad:\n  floe-profiles lint --duckdb-version 1.9.0 profiles.yml\n\n"
    "Good:\n  floe-profiles lint --duckdb-version 1.5.6 profiles.yml\n\n"
    "Fix: lint for a release floe-profiles knows, or upgrade "
    "floe-profiles.",
} },
[FLOE_FP106] = { .pub = {
	.id = "FP106", .name = "unknown-setting",
	.severity = E, .family = "settings",
	.summary =
    "a name under settings or config_options that the DuckDB release "
    "does not have",
	.help =
    "dbt-duckdb runs every 'settings' entry as SET; a name the engine does "
    "not know stops the run: \"Catalog Error: unrecognized configuration "
    "parameter \"memory_limt\"\" (observed on 1.4.3 and 1.5.6). The "
    "names are each release's duckdb_settings(), extracted from its "
    "libduckdb.so, with the settings of the extensions DuckDB knows "
    "(src/engine/data/duckdb_settings.def). A name of another release "
    "says which one has it. When 'extensions' lists an extension the "
    "tables know no settings of, the rule stays silent: it may define "
    "the name. dbt runs on DuckDB's Python client, which registers "
    "settings of its own before it connects (pandas_analyze_sample, "
    "python_enable_replacements, python_scan_all_frames: "
    "DuckDBPyConnection::Connect in duckdb/duckdb-python, at every tag "
    "v1.4.0 to v1.5.5); no libduckdb.so has them, so they come from the "
    "client's source (src/engine/data/python-client-settings.tsv, flag "
    "FE_SET_CLIENT) and are known names here; verify, which runs on a "
    "bare libduckdb.so, lists them as not checked. Under config_options "
    "an unknown name fails duckdb.connect() before the database opens: "
    "\"Invalid Input Error: The following options were not recognized: "
    "memory_limt\" (duckdb_open_ext with a config, 1.4.3 and 1.5.6); "
    "'extensions' are loaded only after the connection, so they exempt "
    "nothing there, and a path that loads an extension of its own (md:, "
    "which may take names of its own) makes the rule silent for "
    "config_options.\n\n"
    "Bad:\n  settings:\n    memory_limt: 4GB\n\n"
    "Good:\n  settings:\n    memory_limit: 4GB\n\n"
    "Fix: correct the name (the message suggests the closest one) or "
    "remove it.",
}, .check_output = check_unknown_setting },
[FLOE_FP107] = { .pub = {
	.id = "FP107", .name = "extension-setting-not-loaded",
	.severity = W, .family = "settings",
	.summary =
    "a setting of an extension (s3_*, http_*: httpfs) that 'extensions' "
    "does not list",
	.help =
    "s3_region, http_timeout and the like belong to the httpfs extension "
    "(azure_*, iceberg_* to theirs). When 'extensions' does not list it, "
    "DuckDB auto-installs and loads it at the SET, which needs the "
    "network: offline images and locked-down runners fail with "
    "\"Extension Autoloading Error\" (observed: SET s3_region with "
    "auto-loading off answers \"Setting with name \"s3_region\" is "
    "not in the catalog, but it exists in the httpfs extension\"). Which "
    "extension defines a setting is the engine's answer per release "
    "(src/engine/data/duckdb_extension_settings.def), and so is which "
    "extension an alias in 'extensions' loads (https and s3 load httpfs "
    "from 1.4.0 on: src/engine/data/duckdb_extensions.def). Under "
    "config_options the extension is needed earlier, when "
    "duckdb.connect() opens the database, before dbt-duckdb loads "
    "'extensions': DuckDB auto-loads it then, downloading it unless it "
    "is installed, and fails without either: \"To set the s3_region "
    "setting, the httpfs extension needs to be loaded. But it could not "
    "be autoloaded.\" (duckdb_open_ext with a config, 1.4.3 and 1.5.6). "
    "Listing it in 'extensions' installs it for that, so the rule asks "
    "the same there (motherduck_token, whose row is hand-written, and a "
    "path that loads an extension of its own are left out).\n\n"
    "Bad:\n  extensions: [iceberg]\n  settings:\n    s3_region: eu-west-1\n\n"
    "Good:\n  extensions: [httpfs, iceberg]\n  settings:\n"
    "    s3_region: eu-west-1\n\n"
    "Fix: add the extension to 'extensions'.",
}, .check_output = check_extension_setting },
[FLOE_FP108] = { .pub = {
	.id = "FP108", .name = "deprecated-setting",
	.severity = E, .family = "settings",
	.summary = "a setting DuckDB refuses for every value: it is deprecated",
	.help =
    "Some settings are still listed by duckdb_settings() but every SET "
    "fails: \"Not implemented Error: This setting is deprecated and can no "
    "longer be used\" (http_logging_output on every release from 1.4.0, "
    "probed on the real engine; src/engine/data/duckdb-settings/). Under "
    "config_options duckdb.connect() refuses it the same way, before "
    "the database opens (duckdb_set_config refuses it on 1.4.3 and "
    "1.5.6).\n\n"
    "Bad:\n  settings:\n    http_logging_output: /tmp/http.log\n\n"
    "Good:\n  (no such setting)\n\n"
    "Fix: remove it.",
}, .check_output = check_deprecated_setting },
[FLOE_FP109] = { .pub = {
	.id = "FP109", .name = "iceberg-secret-param-release",
	.severity = E, .family = "credentials",
	.summary =
    "an iceberg secret parameter the DuckDB release does not have yet",
	.help =
    "CREATE SECRET (TYPE iceberg) takes the parameters of the extension "
    "the DuckDB release pins; any other is \"Binder Error: Unknown "
    "parameter '<name>' for secret type 'iceberg'\". refresh_token, "
    "expires_in and extra_http_headers arrived with DuckDB 1.5.0 (read in "
    "IcebergSecretOptions() at each release's pin: "
    "src/engine/data/iceberg_secret.def), so a profile that uses them "
    "fails on 1.4.x, and unreleased main's uri fails on every release. "
    "A name of no release at all (not even main's) is not this "
    "rule's.\n\n"
    "Bad (DuckDB 1.4.3):\n  secrets:\n    - type: iceberg\n"
    "      refresh_token: \"{{ env_var('DBT_ENV_SECRET_REFRESH') }}\"\n\n"
    "Good:\n  (DuckDB 1.5.0 or later, or no refresh_token)\n\n"
    "Fix: remove the parameter, or run a release that has it "
    "(--duckdb-version says which one lint answers for).",
}, .check_output = check_iceberg_secret_param_release },
[FLOE_FP110] = { .pub = {
	.id = "FP110", .name = "setting-value-type",
	.severity = E, .family = "settings",
	.summary =
    "a value under settings or config_options that DuckDB cannot cast to "
    "the setting's type, or that is none of the words the setting takes",
	.help =
    "dbt-duckdb runs each 'settings' entry as SET name = '<value>', with "
    "Python's str() of the YAML value between the quotes: a YAML true "
    "becomes 'True', an empty value 'None'. It passes 'config_options' to "
    "duckdb.connect(config=...), whose Python client sets each option to "
    "the same str() of its value. DuckDB casts that text to "
    "the setting's input type (duckdb_settings().input_type, per "
    "release: src/engine/data/duckdb_settings.def) before the setting "
    "sees it, and a text that does not cast stops the run: \"Invalid "
    "Input Error: Failed to cast value: Could not convert string 'True' "
    "to UINT64\". What casts was probed on every release's engine "
    "(src/engine/data/duckdb-casts/, tools/probe_casts.py): BOOLEAN takes "
    "true/false, t/f, yes/no, y/n and 1/0 in any case, but not on/off; "
    "UBIGINT and BIGINT take whole numbers (and decimals, rounded, and "
    "exponents, read exactly: threads: '1e20' or '9.3e18' is past "
    "BIGINT's bound and fails), not 'True'; DOUBLE takes numbers, inf and nan; VARCHAR[] takes a "
    "'[...]' list; VARCHAR takes anything. The Python client's own "
    "settings have the types its source registers them with "
    "(pandas_analyze_sample UBIGINT, the python_* ones BOOLEAN), cast the "
    "same way. A YAML float or date is "
    "checked as Python prints it (1.50 is '1.5', 1e16 written 1.0e+16 "
    "is '1e+16'); a value known only when dbt runs (Jinja) is not.\n\n"
    "The cast comes first: the engine refuses such a value with the "
    "cast's error even for a setting it would also refuse after "
    "start-up (probed for every setting), so for a value that does not "
    "cast this rule reports and FP101, FP102 and FP108 do not. It is "
    "its own rule, not part of FP102, because it holds for every "
    "typed setting (threads: four fails the same way), and the fix is "
    "the value, not the place. Under config_options the cast fails the "
    "same way, with the same error, before the database opens (verify "
    "shows it at connect).\n\n"
    "A setting that takes one of a few words (default_order, "
    "default_null_order, pin_threads, explain_output, profiling_mode, "
    "access_mode under config_options, ...) refuses any other text after "
    "the cast: default_order: upward fails with \"Unrecognized parameter "
    "for option DEFAULT_ORDER \"upward\". Expected ASC or DESC.\", and "
    "pin_threads: on is 'True', none of AUTO, ON, OFF. The engine's "
    "message does not name every word (default_order also takes "
    "ascending and descending), so the words of each release were read "
    "from its source and confirmed on its engine, with SET and with "
    "duckdb_set_config(), case variants and other texts "
    "(src/engine/data/duckdb-words/, tools/probe_words.py, "
    "duckdb_words.def); the message lists them. A setting is judged only "
    "where its words are a closed set the engine confirmed, and only the "
    "way it takes them (access_mode under config_options: after start-up "
    "SET refuses it whatever its value, FP102's). Other checks of a "
    "setting's own after the cast are for verify.\n\n"
    "Bad:\n  settings:\n    vacuum_rebuild_indexes: true\n\n"
    "Good:\n  config_options:\n    vacuum_rebuild_indexes: 1000000\n\n"
    "Bad:\n  settings:\n    default_order: upward\n\n"
    "Good:\n  settings:\n    default_order: descending\n\n"
    "Fix: write a value of the setting's type, or one of its words (the "
    "message names them).",
}, .check_output = check_setting_value_type },
[FLOE_FP111] = { .pub = {
	.id = "FP111", .name = "setting-memory-value",
	.severity = E, .family = "settings",
	.summary =
    "a memory setting's value (memory_limit: 4) that DuckDB's memory "
    "parser refuses",
	.help =
    "memory_limit, max_memory, max_temp_directory_size, "
    "checkpoint_threshold and a few other settings read their text as an "
    "amount of memory: blanks, a number, blanks, a unit (B, KB, MB, GB, "
    "TB for 1000^i; KiB, MiB, GiB, TiB for 1024^i; any case), the rest "
    "ignored; a text starting with '-', and exactly null or none, means "
    "no limit. A number without a unit is refused: memory_limit: 4 "
    "becomes SET memory_limit = '4', and DuckDB fails with \"Parser "
    "Error: Unknown unit for memory: ''\" on every run. An empty value "
    "('None'), true ('True') or 80% fail too. Under config_options "
    "duckdb.connect() fails the same way before the database opens. "
    "Which settings parse memory, and the parser's words, were probed on "
    "every release's engine (src/engine/data/duckdb-memory/, "
    "tools/probe_memory.py): the words changed in 1.5.0, and from 1.5.0 "
    "a size of 16 EiB or more is refused. Where a setting refuses what "
    "the parser reads as no limit (write_buffer_row_group_memory_limit: "
    "-1 is an internal error on 1.5.3 to 1.5.6; block_allocator_memory "
    "above the machine's memory), -1 is reported under settings. Other "
    "checks of a setting after the parser (a size above the machine's "
    "memory) are for verify; a value ending in '%' for "
    "block_allocator_memory is not checked. A YAML float has no unit "
    "(memory_limit: 4.5 is '4.5'), unless it is negative (no "
    "limit).\n\n"
    "Bad:\n  settings:\n    memory_limit: 4\n\n"
    "Good:\n  settings:\n    memory_limit: 4GB\n\n"
    "Fix: write a number and a unit.",
}, .check_output = check_setting_memory_value },
[FLOE_FP112] = { .pub = {
	.id = "FP112", .name = "setting-refuses-later-set",
	.severity = E, .family = "settings",
	.summary =
    "a setting after which DuckDB refuses a SET dbt-duckdb runs later "
    "(lock_configuration: true)",
	.help =
    "dbt-duckdb runs every settings entry again on each new cursor, in "
    "the order written; config_options are set once, when the database "
    "opens. Some settings, once applied, make DuckDB refuse later SETs: "
    "with lock_configuration on, every SET but schema and search_path is "
    "refused (\"Cannot change configuration option ... the configuration "
    "has been locked\"), its own included, so even lock_configuration: "
    "true alone fails on the second cursor; with enable_external_access "
    "off, allowed_directories, allowed_paths and temp_directory are "
    "refused, before or after it in settings. Which setting refuses "
    "which was probed on every release's engine "
    "(src/engine/data/duckdb-locks/, tools/probe_locks.py). A profile "
    "that sets allowed_configs (which lifts the lock for what it lists) "
    "is not judged.\n\n"
    "Bad:\n  settings:\n    allowed_directories: ['/data']\n"
    "    enable_external_access: false\n\n"
    "Good:\n  config_options:\n    enable_external_access: false\n"
    "  settings:\n    threads: 4\n\n"
    "Fix: set the restriction under config_options, with nothing it "
    "refuses under settings, or leave it out.",
}, .check_output = check_setting_refused_later },

/* ---- endpoint and OAuth2 ---- */
[FLOE_FP201] = { .pub = {
	.id = "FP201", .name = "oauth2-server-uri-mismatch",
	.severity = E, .family = "endpoint",
	.summary =
    "the token URI is not the catalog endpoint + /v1/oauth/tokens",
	.help =
    "Polaris issues tokens at <endpoint>/v1/oauth/tokens. A token URI "
    "with another scheme, port or path (same host) asks the wrong "
    "server or route: \"Could not get token from ...: 404\" or 401, and "
    "the ATTACH fails. The message says which part differs.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog\n"
    "  oauth2_server_uri: http://polaris:8181/v1/oauth/tokens\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n"
    "  oauth2_server_uri: "
    "http://polaris:8181/api/catalog/v1/oauth/tokens\n\n"
    "Fix: derive the token URI from the endpoint.",
}, .check_output = check_token_uri_mismatch },
[FLOE_FP202] = { .pub = {
	.id = "FP202", .name = "oauth2-external-idp",
	.severity = W, .family = "endpoint",
	.summary = "the token URI is on another host than the catalog",
	.help =
    "Legitimate when Polaris uses an external identity provider "
    "(polaris.authentication.type=external), a mistake otherwise. Shown "
    "as a warning so it is seen once; suppress it where intended.\n\n"
    "Bad (unless intended):\n  endpoint: https://polaris.acme.example/"
    "api/catalog\n  oauth2_server_uri: https://login.acme.example/oauth2/"
    "token\n\n"
    "Good:\n  oauth2_server_uri: https://polaris.acme.example/api/catalog/"
    "v1/oauth/tokens\n\n"
    "Fix: use the catalog's token endpoint, or suppress with "
    "'# floe-profiles: disable=FP202' when the IdP is intended.",
}, .check_output = check_external_idp },
[FLOE_FP203] = { .pub = {
	.id = "FP203", .name = "endpoint-rest-route",
	.severity = E, .family = "endpoint",
	.summary = "the endpoint ends in /v1, /v1/config or /oauth/tokens",
	.help =
    "The iceberg extension appends /v1 to the endpoint itself, so an "
    "endpoint ending in /v1 requests .../v1/v1/config and gets 404; a "
    "route such as /v1/config or /oauth/tokens is not a base URL at "
    "all.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog/v1\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: remove the suffix.",
}, .check_output = check_endpoint_rest_route },
[FLOE_FP204] = { .pub = {
	.id = "FP204", .name = "endpoint-trailing-slash",
	.severity = I, .family = "endpoint",
	.summary = "the endpoint ends with '/'",
	.help =
    "DuckDB trims it from the ATTACH option, so it works, but the token "
    "URI derived from it (and any comparison with the platform) gets a "
    "double slash. An iceberg secret's endpoint is used as written "
    "(oauth2.cpp at 1c0c4c6 and 4008894: no trim), and the extension "
    "appends /v1 to it, so every request gets a double slash "
    "(.../api/catalog//v1/config), which some servers refuse.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/api/catalog/\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: remove the trailing '/'.",
}, .check_output = check_endpoint_trailing_slash },
[FLOE_FP205] = { .pub = {
	.id = "FP205", .name = "url-missing-scheme",
	.severity = W, .family = "endpoint",
	.summary = "a catalog or token URL without http:// or https://",
	.help =
    "The iceberg extension silently prepends http://, so a production "
    "endpoint without a scheme sends the client id and secret in clear "
    "text (Basic authentication header). A scheme other than http or "
    "https is reported too. Not under SigV4 (authorization_type "
    "sigv4), which never prepends http:// and is https without a scheme "
    "(a scheme there is FP225's on DuckDB <= 1.5.2), nor with an "
    "endpoint_type, which builds its own endpoint.\n\n"
    "Bad:\n  endpoint: polaris.acme.example/api/catalog\n\n"
    "Good:\n  endpoint: https://polaris.acme.example/api/catalog\n\n"
    "Fix: write the scheme.",
}, .check_output = check_url_missing_scheme },
[FLOE_FP206] = { .pub = {
	.id = "FP206", .name = "plain-http-remote",
	.severity = W, .family = "endpoint",
	.summary = "http:// to a host that is not local",
	.help =
    "The token request carries the client id and secret in a Basic "
    "header; over http they cross the network in clear text. Loopback, "
    "private addresses (10/8, 172.16/12, 192.168/16, link-local, IPv6 "
    "fc00::/7 and fe80::/10), single-label service names and *.local / "
    "*.svc / *.internal hosts are treated as local: like a service name, "
    "they stay inside their network. Under SigV4 the requests are signed, but "
    "they and the answers (and an AWS session token) still travel in "
    "clear text; up to DuckDB 1.5.2 a scheme on a SigV4 endpoint fails "
    "instead (FP225).\n\n"
    "Bad:\n  endpoint: http://polaris.acme.com/api/catalog\n\n"
    "Good:\n  endpoint: https://polaris.acme.com/api/catalog\n\n"
    "Fix: use https.",
}, .check_output = check_plain_http_remote },
[FLOE_FP207] = { .pub = {
	.id = "FP207", .name = "polaris-base-path",
	.severity = W, .family = "endpoint",
	.summary = "a Polaris endpoint whose path is not .../api/catalog",
	.help =
    "Polaris serves the Iceberg REST API under /api/catalog (and the "
    "management API under /api/management/v1). A bare host or another "
    "path makes the token and config requests answer 404.\n\n"
    "Bad:\n  endpoint: http://polaris:8181\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: append /api/catalog. (An endpoint is taken for Polaris when "
    "its host names polaris, or --platform says the catalog is of type "
    "polaris; port 8181 alone is not enough: other Iceberg REST servers "
    "listen there at the root.)",
}, .check_output = check_polaris_base_path },
[FLOE_FP208] = { .pub = {
	.id = "FP208", .name = "polaris-management-port",
	.severity = E, .family = "endpoint",
	.summary = "an endpoint or token URI on port 8182",
	.help =
    "8182 is Polaris' Quarkus management port (health, metrics), not the "
    "catalog; the REST API and the token endpoint are on 8181.\n\n"
    "Bad:\n  endpoint: http://polaris:8182/api/catalog\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: use port 8181 (or your service's catalog port).",
}, .check_output = check_polaris_management_port },
[FLOE_FP209] = { .pub = {
	.id = "FP209", .name = "oauth2-server-uri-missing",
	.severity = W, .family = "endpoint",
	.summary = "no oauth2_server_uri: the deprecated fallback is used",
	.help =
    "Without it the extension falls back to <endpoint>/v1/oauth/tokens, "
    "which the Iceberg REST spec deprecates for removal and which "
    "DuckDB logs as deprecated; on DuckDB <= 1.5.3 it also uses the "
    "lower-cased endpoint.\n\n"
    "Bad:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n\n"
    "Good:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n"
    "    oauth2_server_uri: http://polaris:8181/api/catalog/v1/oauth/"
    "tokens\n\n"
    "Fix: set it explicitly.",
}, .check_output = check_token_uri_missing },
[FLOE_FP210] = { .pub = {
	.id = "FP210", .name = "endpoint-uppercase",
	.severity = W, .family = "endpoint",
	.summary = "upper-case letters in the endpoint's path",
	.help =
    "DuckDB's iceberg extension lower-cases the ATTACH option endpoint "
    "up to DuckDB 1.5.3, so a mixed-case path asks for another URL (404 "
    "or 401); 1.5.4 keeps its case (duckdb-iceberg 1352a5622), so the "
    "rule is silent for the releases after 1.5.3 (--duckdb-version, "
    "src/engine/iceberg_behavior.def). Host names are case-insensitive, "
    "and so are the hex digits of a percent-encoding (%7C is %7c), and "
    "are not reported; nor is an endpoint taken from an ICEBERG secret, "
    "which is used as written.\n\n"
    "Bad:\n  endpoint: http://polaris:8181/API/Catalog\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: use lower case, or DuckDB >= 1.5.4.",
}, .check_output = check_endpoint_uppercase },
[FLOE_FP211] = { .pub = {
	.id = "FP211", .name = "platform-endpoint-mismatch",
	.severity = E, .family = "platform",
	.summary =
    "the endpoint is not the platform catalog's uri (--platform)",
	.help =
    "The profile connects somewhere else than the platform describes.\n\n"
    "Bad:\n  platform: uri: https://polaris.prod/api/catalog\n"
    "  profile:  endpoint: https://polaris.staging/api/catalog\n\n"
    "Good: the same URL in both. A trailing '/' or '/v1' does not "
    "matter (generate removes them); for a uri given as a secret_ref the "
    "profile must read the variable floe sets for it.\n\n"
    "Fix: regenerate the profile with floe-profiles generate.",
}, .check_output = check_platform_endpoint },
[FLOE_FP212] = { .pub = {
	.id = "FP212", .name = "platform-warehouse-mismatch",
	.severity = E, .family = "platform",
	.summary =
    "the attach path / warehouse is not the platform catalog's warehouse",
	.help =
    "The ATTACH path is the Polaris catalog (warehouse) name; another "
    "name answers 404 \"Unable to find warehouse\" or, worse, reaches "
    "another catalog.\n\n"
    "Bad:\n  platform: warehouse: demo_catalog\n  profile:  path: demo\n\n"
    "Good: the same name in both.\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_warehouse },
[FLOE_FP213] = { .pub = {
	.id = "FP213", .name = "platform-scope-mismatch",
	.severity = E, .family = "platform",
	.summary = "the OAuth2 scope is not the platform catalog's scope",
	.help =
    "The token would carry other principal roles than the platform "
    "grants, so the run sees other data or is refused. Without "
    "oauth2_scope an ATTACH with inline client credentials asks for the "
    "iceberg extension's default, PRINCIPAL_ROLE:ALL (every pin; "
    "src/engine/engine.c), which is compared instead. With no inline "
    "OAuth2 option the token is an iceberg secret's, as the extension "
    "reads it: the secret the ATTACH names, else the one DuckDB's secret "
    "manager picks (a temporary one before a persistent one, then the "
    "lowest name); its oauth2_scope, or the default when left out, is "
    "compared, and the finding is on the secret. A fixed token, a "
    "refresh_token without a scope or SigV4 requests no scope of the "
    "profile's; a secret that cannot be told statically (a name read "
    "from env_var(), a persistent one of an earlier run, a plugin's) "
    "is not judged.\n\n"
    "Bad:\n  platform: scope: PRINCIPAL_ROLE:DATA_ENGINEER\n"
    "  profile:  oauth2_scope: PRINCIPAL_ROLE:ALL   (or none at all)\n\n"
    "Good: the same scope in both; the order of space-separated roles "
    "does not matter.\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_scope },
[FLOE_FP214] = { .pub = {
	.id = "FP214", .name = "platform-token-uri-mismatch",
	.severity = E, .family = "platform",
	.summary =
    "the token URI is not the one generate derives from the platform",
	.help =
    "generate writes <uri>/v1/oauth/tokens, or the catalog's "
    "oauth2-server-uri property for an external identity provider; a "
    "profile with another token URI asks another server for tokens. The "
    "same URL written otherwise is no drift: scheme and host in any case, "
    "the scheme's default port written or not, empty path parts ('//', a "
    "trailing '/'), which the extension drops; the path's case counts. "
    "FP201 compares the same way.\n\n"
    "Bad:\n  platform: properties: {oauth2-server-uri: https://idp/token}\n"
    "  profile:  oauth2_server_uri: https://polaris/api/catalog/v1/oauth/"
    "tokens\n\n"
    "Good: what generate writes.\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_token_uri },
[FLOE_FP215] = { .pub = {
	.id = "FP215", .name = "platform-access-delegation-mismatch",
	.severity = E, .family = "platform",
	.summary =
    "access_delegation_mode differs from the platform's access_delegation",
	.help =
    "DuckDB defaults to vended_credentials while floe defaults to none. A "
    "profile that asks Polaris for vended credentials where the platform "
    "says none fails on storage without STS (floe's BUG #10: 422 from "
    "AssumeRole on LocalStack); the reverse leaves DuckDB without S3 "
    "credentials. The value is compared as the extension reads it: "
    "lower-cased (NONE is none), and an empty one is left out; one it "
    "refuses is FP306's.\n\n"
    "Bad:\n  platform: access_delegation: none\n"
    "  profile:  (no access_delegation_mode)\n\n"
    "Good:\n  profile:  access_delegation_mode: none   (or NONE)\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_access_delegation },
[FLOE_FP216] = { .pub = {
	.id = "FP216", .name = "platform-alias-mismatch",
	.severity = E, .family = "platform",
	.summary = "the attach alias is not the one generate writes",
	.help =
    "dbt sources and models name the catalog by its alias; a profile "
    "with another alias than the project expects (generate's --alias, "
    "the configuration, or polaris_catalog) leaves them pointing at "
    "nothing.\n\n"
    "Bad:\n  alias: lakehouse      # sources say polaris_catalog\n\n"
    "Good:\n  alias: polaris_catalog\n\n"
    "Fix: regenerate the profile, or pass the alias you use with "
    "--alias.",
}, .check_output = check_platform_alias },
[FLOE_FP217] = { .pub = {
	.id = "FP217", .name = "platform-credential-env-mismatch",
	.severity = E, .family = "platform",
	.summary =
    "client_id / client_secret come from other variables than the "
    "platform's secret_ref",
	.help =
    "floe sets the environment variable named by each secret_ref "
    "(upper-cased, '-' as '_'); a profile reading another variable finds "
    "it unset (\"Env var required but not provided\") or, worse, reads "
    "another principal's secret. A DBT_ENV_SECRET_ prefix on the same "
    "name is not a difference.\n\n"
    "Bad:\n  platform: client_secret: {secret_ref: polaris-client-secret}\n"
    "  profile:  client_secret: \"{{ env_var('POLARIS_SECRET') }}\"\n\n"
    "Good:\n  profile:  client_secret: \"{{ env_var('POLARIS_CLIENT_"
    "SECRET') }}\"\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_credential_env },
[FLOE_FP218] = { .pub = {
	.id = "FP218", .name = "platform-catalog-not-attached",
	.severity = E, .family = "platform",
	.summary = "no attach item connects to the platform's catalog",
	.help =
    "The output attaches no iceberg catalog (and runs no floe Polaris "
    "plugin) that can be told to be the platform's: models and sources "
    "meant for the catalog will not find it.\n\n"
    "Bad:\n  attach: []\n\n"
    "Good:\n  attach:\n    - path: demo_catalog\n      alias: "
    "polaris_catalog\n      type: iceberg\n      options: {...}\n\n"
    "Fix: regenerate the profile.",
}, .check_output = check_platform_catalog_attached },

/* ---- dbt's native rendering ---- */
[FLOE_FP240] = { .pub = {
	.id = "FP240", .name = "native-filter-value",
	.severity = E, .family = "yaml",
	.summary =
    "'| as_bool' or '| as_number' on a value dbt cannot convert",
	.help =
    "dbt renders profiles.yml natively: a value that is one '{{ ... }}' "
    "ending in '| as_bool' or '| as_number' is read with Python's "
    "ast.literal_eval, and dbt refuses the profile unless that gives a "
    "bool (only True and False) or an int or float (dbt-common "
    "quoted_native_concat): \"Could not convert value 'yes' into type "
    "'bool'\". 'true', 'yes', '1', 'on' are not bools; 'True' is not a "
    "number. Checked on the env var's default, its --env value, or a "
    "literal; a value with text around the braces is a plain string "
    "and is not checked.\n\n"
    "Bad:\n  read_only: \"{{ env_var('RO', 'true') | as_bool }}\"\n\n"
    "Good:\n  read_only: \"{{ env_var('RO', 'True') | as_bool }}\"\n\n"
    "Fix: give True or False, or a number such as 4; or set the env "
    "var to one.",
}, .check_template = check_native_filter_value },

[FLOE_FP219] = { .pub = {
	.id = "FP219", .name = "flavor-base-path",
	.severity = W, .family = "endpoint",
	.summary =
    "the endpoint lacks the base path of its catalog server (not Polaris)",
	.help =
    "Each Iceberg REST server serves the API under its own path: "
    "Lakekeeper under /catalog (without it: \"CatalogConfig required "
    "property 'defaults' is missing\", duckdb-iceberg#286), Nessie and "
    "Gravitino under /iceberg. Polaris' /api/catalog is FP207's. Checked "
    "only where the server is told by the host, the platform or "
    "--catalog-flavor (docs/lint.md, \"Catalog flavors\").\n\n"
    "Bad:\n  endpoint: http://lakekeeper:8181\n\n"
    "Good:\n  endpoint: http://lakekeeper:8181/catalog\n\n"
    "Fix: append the server's base path.",
}, .check_output = check_flavor_base_path },
[FLOE_FP220] = { .pub = {
	.id = "FP220", .name = "nessie-branch-endpoint",
	.severity = E, .family = "endpoint",
	.summary = "a Nessie endpoint that names a branch after /iceberg",
	.help =
    "Nessie returns the branch as the catalog prefix; the iceberg "
    "extension adds that prefix to an endpoint that already has it, so "
    "every request goes to a doubled path: 404, or a catalog that looks "
    "empty (duckdb-iceberg#1145, #375).\n\n"
    "Bad:\n  endpoint: http://nessie:19120/iceberg/main\n\n"
    "Good:\n  endpoint: http://nessie:19120/iceberg\n\n"
    "Fix: end the endpoint in /iceberg; Nessie serves its default branch, "
    "or the branch named as the warehouse.",
}, .check_output = check_nessie_branch },
[FLOE_FP221] = { .pub = {
	.id = "FP221", .name = "flavor-token-uri",
	.severity = E, .family = "endpoint",
	.summary =
    "a Lakekeeper or Nessie token URI at /v1/oauth/tokens, which they "
    "do not serve",
	.help =
    "Lakekeeper and Nessie take tokens from an OpenID provider (the "
    "extension's own tests use Keycloak: .../realms/iceberg/protocol/"
    "openid-connect/token) and issue none themselves, so a token request "
    "to <endpoint>/v1/oauth/tokens answers 404.\n\n"
    "Bad:\n  oauth2_server_uri: http://lakekeeper:8181/catalog/v1/oauth/"
    "tokens\n\n"
    "Good:\n  oauth2_server_uri: http://keycloak:8080/realms/iceberg/"
    "protocol/openid-connect/token\n\n"
    "Fix: use the identity provider's token URL.",
}, .check_output = check_flavor_token_uri },
[FLOE_FP222] = { .pub = {
	.id = "FP222", .name = "aws-warehouse-format",
	.severity = E, .family = "endpoint",
	.summary =
    "a Glue or S3 Tables attach whose path is not a Glue catalog or "
    "table bucket ARN",
	.help =
    "With endpoint_type glue the attach path must be ':', a 12-digit "
    "account id, '<account>:<catalog>', '<catalog1>/<catalog2>' or "
    "'<account>:<catalog1>/<catalog2>' (\"Invalid Glue Catalog Format\"); "
    "with s3_tables the table bucket's ARN, from which the region is "
    "taken (\"Could not parse S3 Tables ARN warehouse value\"). Source: "
    "duckdb-iceberg iceberg_catalog.cpp, SanityCheckGlueWarehouse and "
    "S3TablesAttach.\n\n"
    "Bad:\n  path: my_glue_catalog\n  options: {endpoint_type: glue}\n\n"
    "Good:\n  path: '840140254803:s3tablescatalog/my-bucket'\n\n"
    "Fix: write the catalog in one of those forms.",
}, .check_output = check_aws_warehouse },
[FLOE_FP223] = { .pub = {
	.id = "FP223", .name = "glue-secret-region",
	.severity = E, .family = "endpoint",
	.summary = "a Glue attach whose S3 secrets have no region",
	.help =
    "For endpoint_type glue the extension builds the endpoint "
    "(glue.<region>.amazonaws.com/iceberg) from the region of the S3 "
    "secret it uses, and fails without one: \"Assumed catalog secret ... "
    "does not have a region\" (duckdb-iceberg#265). "
    "use_credential_provider: aws adds a secret without a region.\n\n"
    "Bad:\n  secrets:\n    - type: s3\n      provider: credential_chain\n\n"
    "Good:\n  secrets:\n    - type: s3\n      provider: credential_chain\n"
    "      region: us-east-1\n\n"
    "Fix: add region to the S3 secret.",
}, .check_output = check_glue_region },
[FLOE_FP224] = { .pub = {
	.id = "FP224", .name = "r2-token",
	.severity = E, .family = "endpoint",
	.summary = "an R2 Data Catalog attach with client credentials",
	.help =
    "Cloudflare R2 Data Catalog authenticates with an R2 API token "
    "(TOKEN), not with client credentials: with client_id and "
    "client_secret the extension asks <endpoint>/v1/oauth/tokens, which "
    "R2 does not serve (duckdb-iceberg test/sql/cloud/r2_catalog).\n\n"
    "Bad:\n  client_id: ...\n  client_secret: ...\n\n"
    "Good:\n  token: \"{{ env_var('DBT_ENV_SECRET_R2_TOKEN') }}\"\n\n"
    "Fix: use token.",
}, .check_output = check_r2_token },
[FLOE_FP225] = { .pub = {
	.id = "FP225", .name = "sigv4-endpoint-scheme",
	.severity = E, .family = "endpoint",
	.summary = "a SigV4 endpoint with a scheme, on DuckDB <= 1.5.2",
	.help =
    "Under authorization_type sigv4 the iceberg extension of DuckDB "
    "1.4.0-1.5.2 takes the endpoint as a bare host and always uses "
    "https: the service and region it signs for are the endpoint's first "
    "labels and the host it connects to everything before the first "
    "'/'. With a scheme it signs for 'https://glue' and connects to "
    "'https:', so the ATTACH fails (duckdb-iceberg sigv4.cpp "
    "GetAwsService/DecomposeHost, aws.cpp BuildURI at the 1.4.0-1.5.2 "
    "pins). DuckDB 1.5.3 and later strip an http:// or https:// "
    "(duckdb-iceberg 8d7684967); without a scheme SigV4 is https on "
    "every release. An endpoint_type (glue, s3_tables) builds its own "
    "endpoint and is not concerned.\n\n"
    "Bad:\n  authorization_type: sigv4\n"
    "  endpoint: https://glue.us-east-1.amazonaws.com/iceberg\n\n"
    "Good:\n  authorization_type: sigv4\n"
    "  endpoint: glue.us-east-1.amazonaws.com/iceberg\n\n"
    "Fix: remove the scheme, or use DuckDB >= 1.5.3.",
}, .check_output = check_sigv4_endpoint_scheme },
[FLOE_FP226] = { .pub = {
	.id = "FP226", .name = "url-bad-port",
	.severity = E, .family = "endpoint",
	.summary = "an endpoint or token URI whose port is not 1 to 65535",
	.help =
    "A TCP port is a number from 1 to 65535. Port 0, a larger number or "
    "one with other characters (8181a) reaches no server the URL means: "
    "the connection fails, or goes to another port. An empty port "
    "(http://polaris:/api/catalog) is the scheme's own, and is fine.\n\n"
    "Bad:\n  endpoint: http://polaris:81810/api/catalog\n\n"
    "Good:\n  endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: write the catalog's port.",
}, .check_output = check_url_port },
/* ---- attach shape ---- */
[FLOE_FP301] = { .pub = {
	.id = "FP301", .name = "iceberg-options-outside-options",
	.severity = E, .family = "attach",
	.summary =
    "iceberg options written on the attach item instead of under options",
	.help =
    "dbt-duckdb's attach items are strict: keys other than path, type, "
    "alias, secret, read_only, options and is_ducklake fail the profile "
    "(\"Additional properties are not allowed ('endpoint' was "
    "unexpected)\").\n\n"
    "Bad:\n  attach:\n    - path: demo\n      type: iceberg\n"
    "      endpoint: http://polaris:8181/api/catalog\n\n"
    "Good:\n  attach:\n    - path: demo\n      type: iceberg\n"
    "      options:\n        endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: move the key under options (dbt-duckdb >= 1.9.4).",
}, .check_output = check_options_outside_options },
[FLOE_FP302] = { .pub = {
	.id = "FP302", .name = "option-false-dropped",
	.severity = E, .family = "attach",
	.summary = "a YAML false in attach options is dropped by dbt-duckdb",
	.help =
    "dbt-duckdb renders a true option as a bare KEY and drops a false "
    "one entirely, so 'stage_create_tables: false' leaves the default "
    "(true) in force. Reported only where the default that then applies "
    "is true: it depends on the release and on the catalog, as an "
    "endpoint_type (glue, s3_tables) turns purge_requested on and "
    "stage_create_tables, support_stage_create and "
    "remove_files_on_delete off (SetAWSCatalogOptions; the table and "
    "its commits: src/engine/engine.c, option_defaults). Not reported: "
    "a false equal to the default (purge_requested or "
    "support_nested_namespaces on a REST catalog), an option the "
    "release does not have (dropping it changes nothing), and, when "
    "the endpoint_type is known only at run time, an option whose two "
    "defaults differ. read_only is a real boolean field and "
    "encode_entire_prefix is switched on by its mere presence, so both "
    "are exempt.\n\n"
    "Bad:\n  options:\n    stage_create_tables: false\n\n"
    "Good:\n  options:\n    stage_create_tables: 'false'\n\n"
    "A value dbt renders natively to False (\"{{ env_var('X', 'False') | "
    "as_bool }}\", read as FP240 reads it) is a Python False and is "
    "dropped the same way: drop the filter, and dbt-duckdb passes the "
    "string quoted.\n\n"
    "Fix: quote the value.",
}, .check_output = check_option_false },
[FLOE_FP303] = { .pub = {
	.id = "FP303", .name = "attach-option-conflict",
	.severity = E, .family = "attach",
	.summary =
    "type, secret or read_only given both on the item and in options",
	.help =
    "dbt-duckdb raises \"Attachment option(s) [...] specified in both "
    "direct fields and options dict\" when it builds the ATTACH.\n\n"
    "Bad:\n  - path: demo\n    type: iceberg\n    options:\n"
    "      type: iceberg\n\n"
    "Good:\n  - path: demo\n    type: iceberg\n\n"
    "Fix: keep one of the two.",
}, .check_output = check_attach_option_conflict },
[FLOE_FP304] = { .pub = {
	.id = "FP304", .name = "option-duplicate-case",
	.severity = W, .family = "attach",
	.summary = "two attach options equal but for case",
	.help =
    "dbt-duckdb upper-cases option names and DuckDB keeps the last one, "
    "so one of the two values is silently ignored.\n\n"
    "Bad:\n  options:\n    endpoint: http://a/api/catalog\n"
    "    ENDPOINT: http://b/api/catalog\n\n"
    "Good:\n  options:\n    endpoint: http://a/api/catalog\n\n"
    "Fix: keep one.",
}, .check_output = check_option_duplicate_case },
[FLOE_FP305] = { .pub = {
	.id = "FP305", .name = "unknown-iceberg-option",
	.severity = E, .family = "attach",
	.summary = "an attach option the iceberg extension does not know",
	.help =
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
}, .check_output = check_unknown_iceberg_option },
[FLOE_FP306] = { .pub = {
	.id = "FP306", .name = "option-value",
	.severity = E, .family = "attach",
	.summary = "an attach option value outside its allowed set",
	.help =
    "access_delegation_mode takes vended_credentials or none; "
    "authorization_type oauth2, sigv4 or none; oauth2_grant_type only "
    "client_credentials. Anything else fails the ATTACH (\"Unrecognized "
    "access mode\", \"... is not supported\"). An empty "
    "access_delegation_mode, authorization_type or endpoint_type is "
    "skipped as if not given (every release: the attach acts on each "
    "only when it is not empty), so '' is not reported; an empty "
    "oauth2_grant_type is refused. A value known only at run time is "
    "not judged.\n\n"
    "Bad:\n  access_delegation_mode: vended-credentials\n\n"
    "Good:\n  access_delegation_mode: vended_credentials\n\n"
    "Fix: use one of the listed values (note the underscore).",
}, .check_output = check_option_value },
[FLOE_FP307] = { .pub = {
	.id = "FP307", .name = "warehouse-looks-like-location",
	.severity = E, .family = "attach",
	.summary = "the attach path (warehouse) is a storage location",
	.help =
    "For an Iceberg REST catalog the ATTACH path is the warehouse, which "
    "Polaris reads as the catalog name; an s3:// location or an empty "
    "path answers 404 \"Unable to find warehouse\" or 400.\n\n"
    "Bad:\n  path: s3://acme-lake/warehouse\n\n"
    "Good:\n  path: prod_catalog\n\n"
    "Fix: use the Polaris catalog name.",
}, .check_output = check_warehouse_location },
[FLOE_FP308] = { .pub = {
	.id = "FP308", .name = "alias-not-identifier",
	.severity = E, .family = "attach",
	.summary = "the attach alias is not a bare identifier",
	.help =
    "dbt-duckdb writes the alias unquoted into 'ATTACH ... AS <alias>' "
    "(Attachment.to_sql(), every release from 1.9.0), so it must be one "
    "identifier to DuckDB's lexer (libpg_query scan.l): a bare name of "
    "letters, '_', non-ASCII characters, digits and '$' (not starting "
    "with a digit or '$': an accented name and lake$1 attach), or a "
    "name in double quotes (\"my-cat\"), which may be a keyword; a quoted "
    "name "
    "cannot be empty. A dash, a dot or a space in a bare name, a leading "
    "digit or '$', or a keyword DuckDB reserves there is a syntax error "
    "(observed on 1.4.3 and 1.5.6). Comments are blanks to the lexer "
    "('lake /* main */' is lake), but a -- comment that runs to the end "
    "of the alias swallows the options dbt-duckdb writes after it on the "
    "same line: the ATTACH runs without them, TYPE and SECRET among "
    "them. A \\v is no "
    "blank: 1.5.x takes one only at the end of an alias that ends the "
    "statement (an item without options), which it trims (every release "
    "probed, src/engine/data/duckdb-names/).\n\n"
    "Bad:\n  alias: polaris-catalog\n\n"
    "Good:\n  alias: polaris_catalog\n\n"
    "Fix: letters, digits, '_' and '$', not starting with a digit or '$'; "
    "or the name in double quotes inside the YAML string: "
    "alias: '\"polaris-catalog\"'.",
}, .check_output = check_alias_identifier },
[FLOE_FP309] = { .pub = {
	.id = "FP309", .name = "extension-missing",
	.severity = E, .family = "attach",
	.summary =
    "an iceberg catalog is attached (or floe's Polaris plugin runs) but "
    "httpfs or iceberg is not loaded",
	.help =
    "The ATTACH needs the iceberg extension, and its HTTP calls need "
    "httpfs (\"'https' scheme is not supported\" without it); offline "
    "images with auto-loading off fail at connect time. DuckDB's aliases "
    "count as the release linted for resolves them (http, https and s3 "
    "load httpfs: src/engine/data/duckdb_extensions.def, read from each "
    "release's engine).\n\n"
    "Bad:\n  extensions: [iceberg]\n\n"
    "Good:\n  extensions: [httpfs, iceberg]\n\n"
    "Fix: list both.",
}, .check_output = check_extension_missing },
[FLOE_FP310] = { .pub = {
	.id = "FP310", .name = "attach-path-missing",
	.severity = E, .family = "attach",
	.summary = "an attach item without 'path'",
	.help =
    "path is the one required field of dbt-duckdb's attachment; without "
    "it the profile fails validation (floe's generator hit exactly this "
    "in commit a61e466).\n\n"
    "Bad:\n  attach:\n    - alias: polaris_catalog\n      type: iceberg\n\n"
    "Good:\n  attach:\n    - path: demo_catalog\n      alias: "
    "polaris_catalog\n      type: iceberg\n\n"
    "Fix: add path (for iceberg: the warehouse name).",
}, .check_output = check_attach_path_missing },
[FLOE_FP311] = { .pub = {
	.id = "FP311", .name = "iceberg-endpoint-missing",
	.severity = E, .family = "attach",
	.summary = "an iceberg attach without an endpoint",
	.help =
    "Without endpoint (and without an iceberg secret that has one, or "
    "endpoint_type) the extension fails: \"Missing 'endpoint' option for "
    "Iceberg attach\", or with a named secret \"No 'endpoint' was given "
    "to attach, and no 'endpoint' could be retrieved from the ICEBERG "
    "secret!\".\n\n"
    "Bad:\n  options:\n    client_id: x\n\n"
    "Good:\n  options:\n    endpoint: http://polaris:8181/api/catalog\n\n"
    "Fix: add endpoint.",
}, .check_output = check_iceberg_endpoint_missing },
[FLOE_FP312] = { .pub = {
	.id = "FP312", .name = "read-only-not-bool",
	.severity = E, .family = "attach",
	.summary = "attach 'read_only' is not a YAML boolean",
	.help =
    "read_only is a bool in dbt-duckdb's attachment schema; the string "
    "'true', or null, fails validation. is_ducklake (Optional[bool]) is "
    "held to the same type, but may be null.\n\n"
    "Bad:\n  read_only: 'true'\n\n"
    "Good:\n  read_only: true\n\n"
    "Fix: write true or false unquoted (or render it with '| as_bool').",
}, .check_output = check_read_only_type },

[FLOE_FP313] = { .pub = {
	.id = "FP313", .name = "option-not-for-auth-type",
	.severity = E, .family = "attach",
	.summary = "an attach option its authorization type does not take",
	.help =
    "The iceberg extension hands the options left after its own to the "
    "authorization type's reader, and refuses what that does not take: "
    "\"Unhandled options found: ...\". oauth2 (the default) takes "
    "client_id, client_secret, oauth2_server_uri, oauth2_scope, "
    "oauth2_grant_type, token, default_region and secret; sigv4 (and an "
    "endpoint_type, which means sigv4) takes secret, sigv4_region and "
    "sigv4_service; none takes only extra_http_headers (duckdb-iceberg "
    "oauth2.cpp, sigv4.cpp, none.cpp FromAttachOptions). The table is "
    "the engine's (src/engine/data/iceberg_attach.def, `auths`).\n\n"
    "Bad:\n  authorization_type: none\n  default_region: us-east-1\n\n"
    "Good:\n  authorization_type: none\n\n"
    "Fix: remove the option, or use the authorization type it belongs "
    "to.",
}, .check_output = check_option_auth_type },
[FLOE_FP314] = { .pub = {
	.id = "FP314", .name = "endpoint-type-with-authorization-type",
	.severity = E, .family = "attach",
	.summary = "endpoint_type and authorization_type together",
	.help =
    "An endpoint_type (glue, s3_tables) sets the authorization to SigV4 "
    "itself; with authorization_type as well the ATTACH fails: "
    "\"'authorization_type' can not be combined with 'endpoint_type'\" "
    "(duckdb-iceberg iceberg_catalog.cpp). Not reported when either is "
    "empty (the extension skips an empty one), known only at run time "
    "(it may be empty), or when endpoint_type is not glue or s3_tables "
    "(the ATTACH fails on it first: FP306).\n\n"
    "Bad:\n  endpoint_type: glue\n  authorization_type: sigv4\n\n"
    "Good:\n  endpoint_type: glue\n\n"
    "Fix: remove authorization_type.",
}, .check_output = check_endpoint_type_with_auth },
[FLOE_FP315] = { .pub = {
	.id = "FP315", .name = "max-table-staleness-not-interval",
	.severity = E, .family = "attach",
	.summary = "max_table_staleness that DuckDB cannot cast to INTERVAL",
	.help =
    "The extension (DuckDB >= 1.5.0; on older releases the name itself is "
    "refused, FP305) casts the value to INTERVAL. dbt-duckdb writes a "
    "YAML number, or what '| as_number' / '| as_bool' renders (a Python "
    "number or bool, read as FP240 reads it), unquoted, and DuckDB has no "
    "INTEGER, DECIMAL or BOOLEAN -> INTERVAL cast (\"Conversion Error: "
    "Unimplemented type for cast (INTEGER -> INTERVAL)\"). A string is "
    "cast as the release linted for casts it (--duckdb-version), probed "
    "on every release (src/engine/data/duckdb-intervals/): ISO 8601's "
    "PT10M and words without a number are refused everywhere (\"Could not "
    "convert string 'PT10M' to INTERVAL\"); a bare number is seconds "
    "from 1.5.3 (duckdb/duckdb PR #22534) and refused up to 1.5.2, while "
    "'10 ' (a blank after it) is seconds on every release. The whole "
    "of DuckDB's reading is followed: the unit names each release takes "
    "(read from the engine: '10 fortnights' is refused, '10 mins' and "
    "'2 dayofmonth' are taken), times (00:10:00 and 999999999:59:59 are "
    "taken, 00:90:00 and '10:00 ' with a blank after are not), several "
    "parts, 'ago', and the count too large for its part ('2147483648 "
    "days': the days are an INT32).\n\n"
    "Bad:\n  max_table_staleness: 10\n\n"
    "Good:\n  max_table_staleness: '10 minutes'\n\n"
    "Fix: a quoted interval with its unit.",
}, .check_output = check_staleness_interval },
[FLOE_FP316] = { .pub = {
	.id = "FP316", .name = "encode-entire-prefix-value",
	.severity = W, .family = "attach",
	.summary = "encode_entire_prefix given a false value, which turns it on",
	.help =
    "The extension switches encode_entire_prefix on when the option is "
    "present, whatever its value (duckdb-iceberg >= 1.5.0: "
    "attach_options.encode_entire_prefix = true), so 'false' turns it "
    "on. A YAML false is dropped by dbt-duckdb and leaves it off.\n\n"
    "Bad:\n  encode_entire_prefix: 'false'\n\n"
    "Good:\n  (no encode_entire_prefix line)\n\n"
    "Fix: remove the line to keep it off.",
}, .check_output = check_encode_prefix_value },
[FLOE_FP317] = { .pub = {
	.id = "FP317", .name = "both-stage-options",
	.severity = E, .family = "attach",
	.summary = "support_stage_create and stage_create_tables together",
	.help =
    "DuckDB 1.5.4 renamed support_stage_create to stage_create_tables "
    "without keeping the old name (duckdb-iceberg 05f37a9): up to 1.5.3 "
    "only the first is an option, from 1.5.4 only the second, so a "
    "profile with both fails on every release with \"Unhandled options "
    "found\".\n\n"
    "Bad:\n  support_stage_create: 'false'\n  stage_create_tables: "
    "'false'\n\n"
    "Good (DuckDB >= 1.5.4):\n  stage_create_tables: 'false'\n\n"
    "The finding is on the name the release linted for refuses "
    "(--duckdb-version), and takes the place of FP305's \"renamed\" "
    "finding there, whose edit would write the other name twice.\n\n"
    "Fix: remove the line of the name your DuckDB release does not know.",
}, .check_output = check_both_stage_options },
[FLOE_FP318] = { .pub = {
	.id = "FP318", .name = "alias-names-existing-database",
	.severity = E, .family = "attach",
	.summary = "an attach alias that names a database that already exists",
	.help =
    "dbt-duckdb attaches with ATTACH IF NOT EXISTS (from 1.9.5): when the "
    "alias is already a database -- memory for an in-memory path, the "
    "file stem of path, system (and temp on DuckDB 1.4.0), or an earlier "
    "item's alias -- the statement does nothing, no error is raised, and "
    "models meant for the catalog are written to the local database. "
    "main, and temp from 1.4.1, are refused outright: \"Attached database "
    "name \"main\" cannot be used because it is a reserved name\". Before "
    "1.9.5 dbt-duckdb writes plain ATTACH, which fails on every taken "
    "name instead (\"... database with name \"x\" already exists\"; "
    "system and temp are reserved). These names are compared without "
    "case, as DuckDB finds databases, except for the reserved check, "
    "which is exact: MAIN or Temp attach beside main and temp. Temp (any "
    "case but temp) then makes the first query of the databases fail "
    "with an INTERNAL Error that invalidates the database, on every "
    "release; MAIN (any case but main) makes every query of "
    "system.information_schema.tables, which dbt-duckdb lists relations "
    "from, fail as an \"Ambiguous reference to catalog or schema "
    "\"main\"\" on 1.4.x. On 1.5.x MAIN is not reported: nothing "
    "dbt-duckdb runs breaks, only a hand-written two-part name such as "
    "main.orders becomes ambiguous. SYSTEM under plain ATTACH fails with "
    "that INTERNAL Error. A quoted alias ('\"temp\"') is the same name to "
    "DuckDB as the bare one, and is judged as it. Each release's "
    "behaviour is read from the real engine "
    "(src/engine/data/duckdb-names/, which probes every name quoted "
    "too).\n\n"
    "An item without an alias is attached under the name DuckDB gives "
    "its file: the file name up to its first dot (x.tar.duckdb is x; "
    "main, temp and system get _db appended), memory for :memory:; that "
    "name is held against the main database's, which DuckDB derives the "
    "same way, and the earlier items' names, and judged as the same alias "
    "would be: Temp.duckdb is Temp, SYSTEM.db is SYSTEM (the names probe "
    "attaches each spelling as a file too). A path ending in / is named "
    "as the path without its slashes (data/lake.duckdb/ is lake) where "
    "the release gives it that name: on 1.5.x, which attaches it so, "
    "and on 1.4.x under ATTACH IF NOT EXISTS, which names it before it "
    "fails to open it (FP319's); plain ATTACH on 1.4.x fails first. "
    "There 1.4.x reads a name (the alias too) before it opens the file "
    "only to find it taken or reserved: Temp or MAIN on such a path is "
    "FP319's \"Is a directory\", not this rule's. "
    "This is judged for duckdb "
    "files, and for sqlite ones under ATTACH IF NOT EXISTS; a path with "
    "a prefix or a scheme (md:, s3://) or another TYPE is named by its "
    "extension and is not judged.\n\n"
    "Bad:\n  path: \":memory:\"\n  attach:\n    - path: demo\n"
    "      alias: memory\n\n"
    "Good:\n      alias: polaris_catalog\n\n"
    "Fix: choose another alias, or give the item one.",
}, .check_output = check_alias_existing_database },
[FLOE_FP319] = { .pub = {
	.id = "FP319", .name = "database-not-path-or-alias",
	.severity = E, .family = "attach",
	.summary =
    "database is neither the stem of path nor an attach alias, or path "
    "names no file",
	.help =
    "dbt-duckdb derives the database from path (its file stem; memory "
    "for :memory:) and refuses any other 'database' that is not an "
    "attach alias: \"Inconsistency detected between 'path' and "
    "'database' fields in profile\" (credentials.py __pre_deserialize__; "
    "the alias is accepted from 1.9.4). With remote set it is not "
    "checked.\n\n"
    "A path with no file name (/data/warehouse/, data/, #frag: the base "
    "name of its URL path is empty) names no database, and dbt-duckdb "
    "refuses the profile with \"Unable to determine target database "
    "name from 'path' field in profile\" -- on every release from 1.9.0 "
    "to 1.11.0, with or without database (the check does not read it) "
    "and with remote too. That is reported on path. An md: path "
    "without a database is MotherDuck's my_db, and is not.\n\n"
    "An attach item's duckdb path ending in / (data/lake.duckdb/) names "
    "no file to DuckDB 1.4.x either: the ATTACH fails with \"IO Error: "
    "Cannot open file ...: Is a directory\", alias or not, and dbt's "
    "connection with it. That is reported on the item's path, except "
    "where DuckDB reads the name first: ATTACH IF NOT EXISTS finds the "
    "name (the alias, or the path without its slashes, lake) taken and "
    "does nothing, or the name is reserved (temp) and refused; both are "
    "FP318's. DuckDB 1.5.x drops the slashes and attaches "
    "data/lake.duckdb, named lake, and nothing is reported here (probed "
    "on every release, src/engine/data/duckdb-files/).\n\n"
    "Bad:\n  path: /data/warehouse.duckdb\n  database: analytics\n\n"
    "Good:\n  path: /data/warehouse.duckdb\n  database: warehouse\n\n"
    "Fix: set database to the stem of path or to an attach alias, or "
    "remove it; end path (and an attach item's path) with a file name.",
}, .check_output = check_database_mismatch },
[FLOE_FP320] = { .pub = {
	.id = "FP320", .name = "vended-credentials-no-region",
	.severity = W, .family = "attach",
	.summary = "vended credentials with no region DuckDB can find",
	.help =
    "From DuckDB 1.5.2 the iceberg extension needs a region for the S3 "
    "credentials a catalog vends (access_delegation_mode "
    "vended_credentials, the default). When the catalog's answer names "
    "none (s3.region, region, client.region), it takes the ATTACH's "
    "default_region (OAuth2), else AWS_REGION, else AWS_DEFAULT_REGION "
    "(the first one set, even empty), else the s3_region setting; with "
    "none of them, reading or writing an S3 table fails: \"No region was "
    "provided via the vended credentials, and no region could be found "
    "via environment variables. Please provide a default_region for the "
    "Iceberg Catalog when attaching\" (duckdb-iceberg PR #794; "
    "iceberg_table_information.cpp ParseConfigOptions and RetrieveRegion "
    "at the 1.5.2-1.5.6 pins, src/engine/iceberg_behavior.def). Up to "
    "1.5.1 the vended secret was made without a region, with no error "
    "there. An s3 secret of `secrets:` is not read for it, and SigV4 attaches "
    "(authorization_type sigv4, an endpoint_type) take the region of "
    "their S3 secret, so they are not checked. Reported only with --env, "
    "which reads AWS_REGION and AWS_DEFAULT_REGION as the run would "
    "(without it the run's environment is unknown, and a pod that sets "
    "AWS_REGION works); a warning, since a catalog that vends a region "
    "works anyway.\n\n"
    "Bad:\n  options:\n    endpoint: https://polaris.example/api/catalog\n"
    "    access_delegation_mode: vended_credentials\n\n"
    "Good:\n  options:\n    endpoint: https://polaris.example/api/catalog\n"
    "    access_delegation_mode: vended_credentials\n"
    "    default_region: eu-west-1\n\n"
    "Fix: add default_region (under authorization_type none, which takes "
    "no default_region: s3_region in config_options).",
}, .check_output = check_vended_region },
[FLOE_FP321] = { .pub = {
	.id = "FP321", .name = "threads-writing-iceberg",
	.severity = W, .family = "attach",
	.summary = "threads > 1 with every model written into an iceberg catalog",
	.help =
    "dbt runs `threads` models at once on one DuckDB. When the output's "
    "database is the alias of an iceberg attach that is not read_only, "
    "every model is written into that catalog, and concurrent writers "
    "collide: two models creating their schema fail with "
    "\"TransactionContext Error: Catalog write-write conflict on "
    "create\" (duckdb/dbt-duckdb#691), and two commits to a table with a "
    "409 conflict, since the extension guards a commit with one "
    "assert-ref-snapshot-id and no DuckDB release retries a 409 (the "
    "retries of PR #1115 are on unreleased main only; "
    "duckdb-iceberg#1162). A warning, because a run whose models never "
    "meet in the catalog works. Models configured into the catalog "
    "from dbt_project.yml (+database) are not read.\n\n"
    "Bad:\n  threads: 4\n  database: lake\n  attach:\n    - path: wh\n"
    "      alias: lake\n      type: iceberg\n\n"
    "Good:\n  threads: 1\n  database: lake\n\n"
    "Fix: threads: 1; or keep threads for local models and build the "
    "catalog's models in a run of their own (dbt run --threads 1 "
    "--select ...).",
}, .check_output = check_threads_iceberg_write },
[FLOE_FP322] = { .pub = {
	.id = "FP322", .name = "extra-http-headers-not-sent",
	.severity = E, .family = "attach",
	.summary = "extra_http_headers in the attach options, which are never sent",
	.help =
    "The iceberg extension (DuckDB >= 1.5.0) reads the ATTACH option "
    "EXTRA_HTTP_HEADERS only when its value is a MAP and silently ignores "
    "anything else (duckdb-iceberg IcebergAuthorization::"
    "ParseExtraHttpHeaders, at every 1.5 pin). dbt-duckdb's "
    "Attachment.to_sql() writes a string quoted, even \"MAP {...}\" (a "
    "VARCHAR), and a mapping with Python's str() (a STRUCT literal): "
    "never a MAP, so the headers (a Polaris-Realm, say) are never sent "
    "and the catalog answers as if they were not there. Only CREATE "
    "SECRET casts the parameter to its MAP type: under OAuth2, put the "
    "headers in an iceberg entry of secrets: with the client "
    "credentials, and name it in the attach item's secret. Under "
    "authorization_type none or SigV4 the extension reads the headers "
    "only from the ATTACH options, so a profile cannot send them. On "
    "DuckDB 1.4 the option does not exist (FP305). The value is never "
    "printed.\n\n"
    "Bad:\n  options:\n    extra_http_headers: {Polaris-Realm: r1}\n\n"
    "Good:\n  secrets:\n    - type: iceberg\n      name: polaris\n"
    "      client_id: ...\n      client_secret: ...\n"
    "      extra_http_headers: {Polaris-Realm: r1}\n"
    "  attach:\n    - path: demo_catalog\n      type: iceberg\n"
    "      secret: polaris\n\n"
    "Fix: move the headers (and the credentials) into an iceberg secret.",
}, .check_output = check_attach_map_option },
[FLOE_FP323] = { .pub = {
	.id = "FP323", .name = "attach-file-twice",
	.severity = E, .family = "attach",
	.summary = "two attach items, or an item and path, that open one database file",
	.help =
    "DuckDB attaches a database file once. A second ATTACH of a file "
    "already attached under another name fails, plain or IF NOT EXISTS: "
    "\"Unique file handle conflict: Cannot attach \"b\" - the database "
    "file \"x.duckdb\" is already attached by database \"a\"\". "
    "dbt-duckdb opens path with duckdb.connect() and then attaches every "
    "item, so two items that name one file, or an item that names the "
    "file path opens under another alias, break every connection. What "
    "is one file depends on the release, as each release's engine showed "
    "(src/engine/data/duckdb-files/): DuckDB 1.4.x compares the path as "
    "written, without case (A.duckdb is a.duckdb, even on a file system "
    "where they are two files; ./a.duckdb is another), and 1.5.x the path "
    "made absolute and normalised, with case (./a.duckdb, x/../a.duckdb "
    "and .//a.duckdb are a.duckdb). Judged for items of TYPE duckdb (or "
    "none) whose rendered path has no prefix or scheme; a relative path "
    "against an absolute one, and a path with \"..\" on 1.5.x, are not "
    "judged (the working folder and symbolic links decide). Two items "
    "under the same name are FP318's: IF NOT EXISTS then does nothing.\n\n"
    "Bad:\n  path: dev.duckdb\n  attach:\n    - path: ./dev.duckdb\n"
    "      alias: archive\n\n"
    "Good:\n  attach:\n    - path: archive.duckdb\n      alias: archive\n\n"
    "Fix: attach each file once, and use the name it has.",
}, .check_output = check_attach_file_twice },
/* ---- credentials ---- */
[FLOE_FP401] = { .pub = {
	.id = "FP401", .name = "secret-and-inline-credentials",
	.severity = E, .family = "credentials",
	.summary = "a named secret together with inline OAuth2 options",
	.help =
    "The iceberg extension refuses: \"Both 'secret' and the following "
    "oauth2 option(s) were given: ... These are mutually exclusive\".\n\n"
    "Bad:\n  secret: polaris_secret\n  options:\n    client_id: x\n\n"
    "Good:\n  options:\n    client_id: x\n    client_secret: ...\n\n"
    "Fix: use one method; floe uses inline credentials.",
}, .check_output = check_secret_and_inline },
[FLOE_FP402] = { .pub = {
	.id = "FP402", .name = "client-credentials-incomplete",
	.severity = E, .family = "credentials",
	.summary = "client_id without client_secret, or the reverse",
	.help =
    "The extension needs both: \"Missing required parameter "
    "'client_secret' for authorization_type 'oauth2'\".\n\n"
    "Bad:\n  client_id: x\n\n"
    "Good:\n  client_id: x\n  client_secret: \"{{ env_var('...') }}\"\n\n"
    "The other half written on the attach item beside path is FP301's "
    "finding, and FP402 is not said beside it.\n\n"
    "Fix: give both.",
}, .check_output = check_client_credentials_incomplete },
[FLOE_FP403] = { .pub = {
	.id = "FP403", .name = "no-credentials",
	.severity = E, .family = "credentials",
	.summary = "an iceberg catalog with no credentials at all",
	.help =
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
    "Credentials written on the attach item beside path are FP301's "
    "finding: dbt-duckdb refuses the profile before any ATTACH, so "
    "FP403 is not said beside it; with FP301 off it says that the "
    "credentials are on the item, not that there are none.\n\n"
    "Fix: add credentials, or authorization_type: none for an open "
    "catalog.",
}, .check_output = check_no_credentials },
[FLOE_FP404] = { .pub = {
	.id = "FP404", .name = "literal-secret",
	.severity = E, .family = "credentials",
	.summary = "a client secret, token or password written in the file",
	.help =
    "A secret committed to profiles.yml leaks with the repository. "
    "Checked: every value that sql and verify mask as a credential "
    "(src/secret.c, one definition: docs/sql-verify.md, Masking), "
    "anywhere in the output -- client_secret, token, *_token "
    "(session_token, bearer_token, refresh_token, s3_session_token, "
    "motherduck_token), *secret, *password*, secret_access_key, "
    "account_key, private_key, api_key, ...; in secrets: entries the "
    "secret key of s3, gcs, r2 and azure (an attach item's 'secret', and "
    "its option's, names a secret); settings and config_options by the "
    "same names; a header map's (extra_http_headers) credential headers "
    "(Authorization, Proxy-Authorization, Cookie, X-API-Key, "
    "X-Auth-Token, ...; not X-Iceberg-Access-Delegation), also in a "
    "header map written as one string (\"map {'Authorization': "
    "'Bearer ...'}\", which dbt-duckdb writes into CREATE SECRET as "
    "SQL); and inside a "
    "connection string (an Azure connection_string, the output's or an "
    "attach item's path) its credential parameters (AccountKey, "
    "SharedAccessSignature, sig, password, motherduck_token, ...) and a "
    "URI's user:password@ -- a connection string without one is not "
    "reported; a URI's user:password@ in any other value too (an "
    "endpoint, an oauth2_server_uri). Also a non-empty env_var() default in those places, and "
    "any DBT_ENV_SECRET_ variable's default. Empty values, values read "
    "with env_var() and booleans are not literal secrets. The value is "
    "never repeated in floe-profiles' output: a finding names the key, "
    "the header or the connection-string parameter. No fix is offered: "
    "only you can move the value to the environment.\n\n"
    "Bad:\n  client_secret: s3cr3t\n"
    "  path: \"md:mydb?motherduck_token=eyJhbGciOi...\"\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_POLARIS') }}\"\n\n"
    "Fix: read it from the environment and rotate the leaked one.",
}, .check_output = check_literal_secret,
    .check_template = check_secret_var_default },
[FLOE_FP405] = { .pub = {
	.id = "FP405", .name = "scope-format",
	.severity = E, .family = "credentials",
	.summary = "an OAuth2 scope that is not PRINCIPAL_ROLE:<role>",
	.help =
    "Polaris checks every space-separated scope: it must start with "
    "PRINCIPAL_ROLE: and name a role, otherwise the token request fails "
    "with invalid_scope.\n\n"
    "Bad:\n  oauth2_scope: ALL\n\n"
    "Good:\n  oauth2_scope: PRINCIPAL_ROLE:ALL\n\n"
    "Fix: PRINCIPAL_ROLE:<role>, several separated by spaces. (Snowflake "
    "Open Catalog's session:role: scopes are reported too: this is "
    "Polaris' rule. With --platform naming a catalog of type rest, the "
    "connection to it is not held to Polaris' format.)",
}, .check_output = check_scope_format },
[FLOE_FP406] = { .pub = {
	.id = "FP406", .name = "secret-env-not-prefixed",
	.severity = I, .family = "credentials", .opt_in = true,
	.summary =
    "a secret read from an env var without the DBT_ENV_SECRET_ prefix",
	.help =
    "dbt scrubs only DBT_ENV_SECRET_* values from its logs and error "
    "messages. Off by default: floe's own naming rule (POLARIS_CLIENT_"
    "SECRET) is what generate writes and what floe's pods set; enable it "
    "in .floe-profiles.yaml where you control the variable names.\n\n"
    "Bad:\n  client_secret: \"{{ env_var('POLARIS_CLIENT_SECRET') }}\"\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_POLARIS_"
    "CLIENT_SECRET') }}\"\n\n"
    "Fix: rename the variable.",
}, .check_output = check_secret_env_prefix },
[FLOE_FP407] = { .pub = {
	.id = "FP407", .name = "several-secret-vars-in-scalar",
	.severity = E, .family = "credentials",
	.summary = "two DBT_ENV_SECRET_ variables in one value",
	.help =
    "dbt substitutes secret variables with one greedy regular expression "
    "per value; with two, the lookup spans both names and fails or "
    "leaves the value wrong.\n\n"
    "Bad:\n  token: \"{{ env_var('DBT_ENV_SECRET_A') }}"
    "{{ env_var('DBT_ENV_SECRET_B') }}\"\n\n"
    "Good: one secret variable per value.\n\n"
    "Fix: combine the secret outside dbt.",
}, .check_template = check_several_secret_vars },
[FLOE_FP408] = { .pub = {
	.id = "FP408", .name = "secret-env-filtered",
	.severity = W, .family = "credentials",
	.summary =
    "a filter or expression on a DBT_ENV_SECRET_ variable, or text "
    "around it",
	.help =
    "dbt renders secret variables to a placeholder and substitutes the "
    "value after rendering, so a filter or expression acts on the "
    "placeholder, not on the secret. Text around the call survives the "
    "substitution, but becomes part of the secret (a stray newline from a "
    "block scalar, say), which is rarely meant.\n\n"
    "Bad:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_X') | trim }}\"\n\n"
    "Good:\n  client_secret: \"{{ env_var('DBT_ENV_SECRET_X') }}\"\n\n"
    "Fix: prepare the value before dbt runs.",
}, .check_template = check_secret_env_filtered },
[FLOE_FP409] = { .pub = {
	.id = "FP409", .name = "persistent-iceberg-secret",
	.severity = W, .family = "credentials",
	.summary = "an iceberg secret with persistent: true, or named IN local_file",
	.help =
    "DuckDB writes a persistent secret -- client secret and bearer token "
    "-- to ~/.duckdb/stored_secrets, and later runs pick it up even after "
    "the profile changed. A secret is persistent with persistent: true "
    "(dbt-duckdb writes PERSISTENT only for Python's True: a YAML bool, "
    "or a template dbt's native rendering makes True, such as \"{{ "
    "env_var('P', 'True') | as_bool }}\"; 'true' is a string, and a "
    "value known only at run time is not judged), or when "
    "its name puts it in a persistent storage: 'name: x IN local_file' "
    "is CREATE OR REPLACE SECRET x IN local_file, which DuckDB writes to "
    "disk without PERSISTENT (probed on every release: src/engine/data/"
    "duckdb-secrets/, the nameform rows).\n\n"
    "Bad:\n  secrets:\n    - type: iceberg\n      persistent: true\n\n"
    "Good:\n  (inline credentials in the attach options)\n\n"
    "Fix: drop persistent (or IN local_file), or use inline credentials.",
}, .check_output = check_persistent_iceberg_secret },
[FLOE_FP410] = { .pub = {
	.id = "FP410", .name = "secret-missing-type",
	.severity = E, .family = "credentials",
	.summary = "a secrets entry without 'type'",
	.help =
    "dbt-duckdb pops 'type' from each secret and fails without it. "
    "An empty type is reported too, and so is type: \"''\": dbt-duckdb "
    "writes the type unquoted, and DuckDB reads the empty literal "
    "(\"Secret type '' not found\").\n\n"
    "Bad:\n  secrets:\n    - key_id: x\n\n"
    "Good:\n  secrets:\n    - type: s3\n      key_id: x\n\n"
    "Fix: add the type.",
}, .check_output = check_secret_missing_type },

[FLOE_FP411] = { .pub = {
	.id = "FP411", .name = "iceberg-secret-unknown-parameter",
	.severity = E, .family = "credentials",
	.summary = "a type: iceberg secret with a parameter it does not take",
	.help =
    "CREATE SECRET (TYPE iceberg) takes client_id, client_secret, "
    "endpoint, token, oauth2_scope, oauth2_server_uri and "
    "oauth2_grant_type, and from DuckDB 1.5 refresh_token, expires_in and "
    "extra_http_headers (duckdb-iceberg IcebergSecretOptions()); ATTACH "
    "options such as default_region or access_delegation_mode are "
    "refused: \"Binder Error: Unknown parameter 'default_region' for "
    "secret type ...\". The table is src/engine/data/"
    "iceberg_secret.def.\n\n"
    "Bad:\n  secrets:\n    - type: iceberg\n      default_region: "
    "us-east-1\n\n"
    "Good:\n  attach:\n    - options:\n        default_region: us-east-1\n\n"
    "Fix: move ATTACH options to the attach item's options.",
}, .check_output = check_iceberg_secret_params },
[FLOE_FP412] = { .pub = {
	.id = "FP412", .name = "empty-client-id",
	.severity = E, .family = "credentials",
	.summary = "an empty client_id",
	.help =
    "An empty client id is still sent: the token request authenticates "
    "as nobody and the catalog answers invalid_client; DuckDB 1.5 "
    "refreshes a token only with a client id, so a run that got one "
    "otherwise dies when it expires (duckdb-iceberg#1378, PR #705). Not "
    "reported beside a token (in the attach options, or in the iceberg "
    "secret): the extension then makes no token request and reads no "
    "client id (CreateCatalogSecretFunction returns as soon as 'token' is "
    "given, at every release), and an empty client id turns off 1.5's "
    "refresh just as a missing one does.\n\n"
    "Bad:\n  client_id: ''\n\n"
    "Good:\n  client_id: \"{{ env_var('POLARIS_CLIENT_ID') }}\"\n\n"
    "Fix: set the client id.",
}, .check_output = check_empty_client_id },
[FLOE_FP413] = { .pub = {
	.id = "FP413", .name = "use-credential-provider-value",
	.severity = E, .family = "credentials",
	.summary = "use_credential_provider other than aws",
	.help =
    "dbt-duckdb takes only \"aws\" (it adds an S3 secret with the "
    "credential_chain provider) and raises ValueError \"Unsupported "
    "value for use_credential_provider\" for anything else "
    "(credentials.py __post_init__). sql reports it too (FP702).\n\n"
    "Bad:\n  use_credential_provider: gcp\n\n"
    "Good:\n  secrets:\n    - type: gcs\n      provider: credential_chain\n\n"
    "Fix: write aws, or a secrets: entry.",
}, .check_output = check_credential_provider },
[FLOE_FP414] = { .pub = {
	.id = "FP414", .name = "secret-type-unknown",
	.severity = E, .family = "credentials",
	.summary = "a secret type the DuckDB release does not have",
	.help =
    "dbt-duckdb writes a secret's type unquoted into CREATE SECRET, and "
    "DuckDB looks it up lower-cased among its own types (http) and those "
    "of the extensions its table names (s3, r2, gcs, huggingface and aws "
    "from httpfs; azure, iceberg, postgres, mysql, ducklake; from 1.5.3 "
    "rds, uc, unity_catalog and quack). Any other type fails with "
    "\"Secret type 'x' not found\" (probed on every release: "
    "src/engine/data/duckdb-secrets/). The table says what a release "
    "autoloads an extension for, not what an extension registers, so "
    "the rule is silent when the output loads an extension the tables do "
    "not know or from another repository than core (it may register the "
    "type), lists the extension of a type a later release autoloads, "
    "runs a plugin, opens MotherDuck, or sets remote (dbt-duckdb then "
    "creates no secret itself). A type that is a secret's value is "
    "shown as ***.\n\n"
    "Bad:\n  secrets:\n    - type: s4\n\n"
    "Good:\n  secrets:\n    - type: s3\n\n"
    "Fix: correct the type, or load the extension that provides it.",
}, .check_output = check_secret_type_unknown },
[FLOE_FP415] = { .pub = {
	.id = "FP415", .name = "secret-name-not-identifier",
	.severity = E, .family = "credentials",
	.summary = "a secret name CREATE SECRET does not take",
	.help =
    "dbt-duckdb writes a secret's name unquoted, with ' (' after it on "
    "the same line: CREATE OR REPLACE[ PERSISTENT] SECRET <name> (...). "
    "DuckDB reads it as [name] [IN storage] (create_secret.y), skipping "
    "comments. A name with a space or a dash, one starting with a digit, "
    "or a reserved keyword (default, select, ...) is a syntax error; so "
    "is a -- comment, which swallows the ' (', and a keyword after IN. "
    "The storage must be one the release has (memory, local_file): any "
    "other fails with \"Secret storage 's' not found!\", and IN memory "
    "with persistent: true (or a template rendered to True, as for "
    "FP409) with \"Cannot create persistent secrets in a "
    "temporary secret storage!\". Probed on every release as dbt-duckdb "
    "writes it (src/engine/data/duckdb-secrets/, the nameform rows); the "
    "keywords refused as a name are those of ATTACH ... AS (FP308). An "
    "unknown storage is judged only when no extension can register one: "
    "no plugin, no MotherDuck, extensions: only those a fresh database "
    "loads, every secret of type http. Not judged with remote (dbt-duckdb "
    "creates no secret then); a name that is a secret's value is shown "
    "as ***.\n\n"
    "Bad:\n  secrets:\n    - type: s3\n      name: my secret\n\n"
    "Good:\n  secrets:\n    - type: s3\n      name: my_secret\n\n"
    "Fix: use letters, digits, '_' and '$', or double quotes inside "
    "the YAML string; after IN, memory or local_file.",
}, .check_output = check_secret_name },
[FLOE_FP416] = { .pub = {
	.id = "FP416", .name = "secret-persistent-disabled",
	.severity = E, .family = "credentials",
	.summary = "a persistent secret while config_options turns "
		   "allow_persistent_secrets off",
	.help =
    "dbt-duckdb passes config_options to duckdb.connect(), before it "
    "creates the secrets; with allow_persistent_secrets off there, "
    "DuckDB refuses every persistent secret -- persistent: true (or a "
    "template rendered to True, as for FP409), or a "
    "name whose IN clause picks a persistent storage (local_file) -- "
    "with \"Persistent secrets are disabled\", and dbt cannot connect. "
    "Probed on every release with the text dbt-duckdb writes "
    "(src/engine/data/duckdb-secrets/, the disabled rows). Not judged "
    "with remote (dbt-duckdb creates no secret then).\n\n"
    "Bad:\n  config_options:\n    allow_persistent_secrets: false\n"
    "  secrets:\n    - type: s3\n      persistent: true\n\n"
    "Good:\n  config_options:\n    allow_persistent_secrets: false\n"
    "  secrets:\n    - type: s3\n\n"
    "Fix: drop persistent (a temporary secret is made on each "
    "connection), or the setting.",
}, .check_output = check_secret_persistent_disabled },
[FLOE_FP417] = { .pub = {
	.id = "FP417", .name = "secret-name-ambiguous",
	.severity = E, .family = "credentials",
	.summary = "an ATTACH's SECRET names a secret that a temporary and "
		   "a persistent secret of the output both hold",
	.help =
    "dbt-duckdb creates every secrets: entry with CREATE OR REPLACE, a "
    "temporary one in memory and a persistent one (persistent: true, or "
    "a name ending in IN local_file) in local_file. Two entries of one "
    "name (compared without case), one of each, make two secrets: "
    "DuckDB keeps both (probed on 1.4.3 and 1.5.6: "
    "src/engine/data/duckdb-secret-ambiguity/). The iceberg extension "
    "looks the ATTACH's SECRET up by name in every storage, and finds "
    "two: \"Ambiguity detected for secret name 'x', secret occurs in "
    "multiple storage backends.\" (GetSecretByName, secret_manager.cpp "
    "at v1.4.3 to v1.5.5), so the ATTACH fails. The default secret of an "
    "ATTACH without SECRET is not looked up by name: the temporary one is "
    "picked (which_secret()), and the rule does not judge it. Judged "
    "when the ATTACH looks its SECRET up through OAuth2 (no "
    "authorization_type, or oauth2, and no inline OAuth2 option: with "
    "one, FP401's refusal comes first), the SECRET is a bare name and "
    "both secrets are certain (a name or a persistence known only at "
    "run time is not judged); not with sigv4 or an endpoint_type, "
    "not with remote, or with "
    "allow_persistent_secrets off (FP416). A persistent secret also "
    "outlives the run: a later profile with only the temporary one "
    "meets it on disk, which lint cannot see.\n\n"
    "Bad:\n  secrets:\n    - type: iceberg\n      name: pol\n"
    "    - type: s3\n      name: pol\n      persistent: true\n"
    "  attach:\n    - path: wh\n      type: iceberg\n      secret: pol\n\n"
    "Good:\n  secrets:\n    - type: iceberg\n      name: pol\n"
    "    - type: s3\n      name: pol_s3\n      persistent: true\n"
    "  attach:\n    - path: wh\n      type: iceberg\n      secret: pol\n\n"
    "Fix: give the two secrets different names, or make both temporary.",
}, .check_output = check_secret_name_ambiguous },
/* ---- the dbt project (check --project); reported by project.c ---- */
[FLOE_FP601] = { .pub = {
	.id = "FP601", .name = "project-profile-missing",
	.severity = E, .family = "project",
	.summary =
    "dbt_project.yml names a profile that profiles.yml does not have",
	.help =
    "dbt looks up the 'profile:' of dbt_project.yml in profiles.yml and "
    "stops with \"Could not find profile named ...\" when it is not "
    "there (floe's generator once wrote 'floe_demo' for a project that "
    "said 'floe-demo').\n\n"
    "Bad:\n  dbt_project.yml: profile: floe-demo\n  profiles.yml:    "
    "floe_demo: {...}\n\n"
    "Good: the same name in both.\n\n"
    "Fix: rename one of them (generate --profile-name).",
} },
[FLOE_FP602] = { .pub = {
	.id = "FP602", .name = "source-database-not-attached",
	.severity = E, .family = "project",
	.summary = "a source's database is not attached by the profile",
	.help =
    "dbt resolves a source as <database>.<schema>.<table>; a database the "
    "profile neither opens nor attaches fails with \"Catalog ... does "
    "not exist\". Every attach item counts, whatever its type, and names "
    "are compared without case, as DuckDB does. An attach item without "
    "an alias is named by DuckDB from its path, which is not modelled: "
    "the rule is then silent for the output.\n\n"
    "Bad:\n  sources:\n    - name: bronze\n      database: lakehouse\n\n"
    "Good:\n  sources:\n    - name: bronze\n      database: "
    "polaris_catalog\n\n"
    "Fix: use the attach alias.",
} },
[FLOE_FP603] = { .pub = {
	.id = "FP603", .name = "source-database-is-warehouse",
	.severity = E, .family = "project",
	.summary =
    "a source names the catalog's warehouse instead of its attach alias",
	.help =
    "Inside DuckDB the attached catalog is known by its alias; the "
    "warehouse name is only sent to Polaris. A source with database: "
    "<warehouse> points at a database that does not exist.\n\n"
    "Bad:\n  database: demo_catalog\n\n"
    "Good:\n  database: polaris_catalog\n\n"
    "Fix: use the alias.",
} },
[FLOE_FP604] = { .pub = {
	.id = "FP604", .name = "source-schema-not-declared",
	.severity = E, .family = "project",
	.summary =
    "a catalog source's schema is not a namespace the platform declares",
	.help =
    "The schema of a source in the catalog is an Iceberg namespace. The "
    "platform declares its layers' namespaces (Polaris drops a "
    "'<warehouse>.' prefix) and the catalog's namespace; a source in "
    "another namespace finds no tables -- the floe demo's sources said "
    "schema 'demo' while the bronze layer wrote to 'bronze'.\n\n"
    "Bad:\n  database: polaris_catalog\n  schema: demo\n\n"
    "Good:\n  database: polaris_catalog\n  schema: bronze\n\n"
    "Fix: use a layer's namespace, or declare the namespace in the "
    "platform.",
} },

[FLOE_FP605] = { .pub = {
	.id = "FP605", .name = "source-nested-namespace-unquoted",
	.severity = E, .family = "project",
	.summary =
    "a catalog source in a nested namespace whose schema is not quoted",
	.help =
    "A source whose schema is a nested Iceberg namespace ('a.b') in an "
    "attached catalog works when dbt quotes it (its default): the "
    "iceberg extension splits \"a.b\" into namespace levels on every "
    "release from 1.4.0, with or without support_nested_namespaces, "
    "which only makes the listing of namespaces recurse "
    "(src/engine/iceberg_behavior.def). With `quoting: {schema: false}` "
    "(on the table, the source, or dbt_project.yml) dbt renders "
    "lake.a.b.orders, a name of four parts, and DuckDB's parser refuses "
    "it: \"Parser Error: NameListToString NOT IMPLEMENTED\" "
    "(duckdb-iceberg#348).\n\n"
    "Bad:\n  sources:\n    - name: raw\n      database: lake\n"
    "      schema: sales.raw\n      quoting:\n        schema: false\n\n"
    "Good:\n  sources:\n    - name: raw\n      database: lake\n"
    "      schema: sales.raw\n\n"
    "Fix: remove schema: false, so that dbt quotes the schema.",
} },

/* ---- the real engine (verify, check --verify); reported by verify.c
 * and sql.c ---- */
[FLOE_FP701] = { .pub = {
	.id = "FP701", .name = "duckdb-refused",
	.severity = E, .family = "engine",
	.summary = "DuckDB refused a statement of the connection sequence",
	.help =
    "verify runs, on a real DuckDB, the statements dbt-duckdb runs when "
    "it connects with this profile (see floe-profiles sql), and DuckDB "
    "refused this one: the message is DuckDB's own. The engine is the "
    "final judge: it catches what static rules describe (\"Changing "
    "Secret Manager settings after the secret manager is used is not "
    "allowed!\", \"Cannot change ... while database is running\", a "
    "Parser Error) and what they do not know yet. dbt opens more than "
    "one cursor and runs 'settings' (in dbt-duckdb 1.9.0 the secrets "
    "too) on each: verify runs them again on a second cursor, and a "
    "statement that fails only there (after lock_configuration, after "
    "the secret manager was used) is reported as failing on every "
    "later cursor.\n\n"
    "Bad:\n  settings:\n    allow_persistent_secrets: 'true'\n\n"
    "Good:\n  (what DuckDB accepts; the message says why it refused)\n\n"
    "Fix: as DuckDB's message says; the static rule for the same "
    "problem, if there is one, explains it.",
} },
[FLOE_FP702] = { .pub = {
	.id = "FP702", .name = "connection-sequence",
	.severity = E, .family = "engine",
	.summary =
    "dbt-duckdb cannot build a statement of the connection from this "
    "profile",
	.help =
    "sql and verify render the statements as dbt-duckdb does. A value "
    "dbt-duckdb would stop on (a secret without type, an extension "
    "mapping without name and repo, a plugin without module) is an "
    "error; a value that cannot be rendered statically, or an env var "
    "with no default, is a warning: the statement is shown with the "
    "value as written or a ${NAME} placeholder, and verify leaves it "
    "not checked (it never runs template text as a value).\n\n"
    "Bad:\n  secrets:\n    - key_id: x\n\n"
    "Good:\n  secrets:\n    - type: s3\n      key_id: x\n\n"
    "Fix: as the message says.",
} },
[FLOE_FP703] = { .pub = {
	.id = "FP703", .name = "attach-name-taken",
	.severity = E, .family = "engine",
	.summary =
    "an attach's database name is taken: DuckDB attaches nothing, or fails",
	.help =
    "verify runs each ATTACH on a real DuckDB that opened the database "
    "dbt-duckdb opens for 'path' (a new file of the same name, or memory). "
    "When the attach's alias (or, without one, the name DuckDB takes from "
    "its path) is already a database -- 'memory' without a path, the stem "
    "of 'path', an earlier attach, DuckDB's own 'system' -- ATTACH IF NOT "
    "EXISTS (dbt-duckdb 1.9.5 on) succeeds and attaches nothing: no "
    "error, and what dbt writes to that name lands in the other database. "
    "Plain ATTACH, and the reserved names 'temp' and 'main', fail; the "
    "message has DuckDB's words. lint's static rule for the same names "
    "is FP318.\n\n"
    "Bad:\n  path: dev.duckdb\n  attach:\n    - path: other.duckdb\n"
    "      alias: dev\n\n"
    "Good:\n  path: dev.duckdb\n  attach:\n    - path: other.duckdb\n"
    "      alias: other\n\n"
    "Fix: choose an alias that names no other database.",
} },
};

/*
 * Which finding follows from which (rules.h, lint_report_on): the rule
 * on the left is not reported about a topic of an item when the rule on
 * the right is.  tests/unit/test_lint_attach.c holds each row.
 */
const struct lint_implication lint_implied[] = {
	/* endpoint written beside path: dbt refuses the key (FP301); that
	 * the ATTACH then has no endpoint is the same line's consequence */
	{ FLOE_FP311, FLOE_FP301 },
	/* oauth2_server_uri written beside path: the same, for the token
	 * URI the extension would derive (FP209) */
	{ FLOE_FP209, FLOE_FP301 },
	/* client_id / client_secret / token written beside path: FP301;
	 * that the ATTACH has no credentials (FP403) is its consequence */
	{ FLOE_FP403, FLOE_FP301 },
	/* one of the pair under options, the other beside path: FP301;
	 * "client_id without client_secret" (FP402) is its consequence */
	{ FLOE_FP402, FLOE_FP301 },
	/* read_only: "{{ env_var('RO') }}": FP312 says the schema refuses
	 * the string and how to fix it; FP006's warning says less */
	{ FLOE_FP006, FLOE_FP312 },
	/* support_stage_create beside stage_create_tables: FP305's "renamed,
	 * write stage_create_tables" would make a duplicate; FP317 says to
	 * remove the line */
	{ FLOE_FP305, FLOE_FP317 },
};

const size_t lint_implied_nr = sizeof(lint_implied) / sizeof(lint_implied[0]);

size_t floe_rule_count(void)
{
	return FLOE_RULE__COUNT - 1;
}

const struct floe_rule *floe_rule_get(enum floe_rule_id id)
{
	if (id <= FLOE_RULE_NONE || id >= FLOE_RULE__COUNT ||
	    !lint_rule_table[id].pub.id)
		return NULL;
	return &lint_rule_table[id].pub;
}

const struct floe_rule *floe_rule_at(size_t i)
{
	return i < floe_rule_count() ? floe_rule_get((enum floe_rule_id)(i + 1))
				     : NULL;
}

enum floe_rule_id floe_rule_code(const struct floe_rule *r)
{
	/* pub is the first member of a row */
	const struct lint_rule_impl *row = (const struct lint_rule_impl *)r;

	if (!r || row <= lint_rule_table ||
	    row >= lint_rule_table + FLOE_RULE__COUNT)
		return FLOE_RULE_NONE;
	return (enum floe_rule_id)(row - lint_rule_table);
}

const struct floe_rule *floe_rule_find(const char *id_or_name)
{
	char up[16];
	size_t n = strlen(id_or_name);

	if (n < sizeof(up)) {
		for (size_t i = 0; i <= n; i++)
			up[i] = (char)toupper((unsigned char)id_or_name[i]);
		for (size_t i = 1; i < FLOE_RULE__COUNT; i++)
			if (lint_rule_table[i].pub.id &&
			    !strcmp(lint_rule_table[i].pub.id, up))
				return &lint_rule_table[i].pub;
	}
	for (size_t i = 1; i < FLOE_RULE__COUNT; i++)
		if (lint_rule_table[i].pub.name &&
		    !strcmp(lint_rule_table[i].pub.name, id_or_name))
			return &lint_rule_table[i].pub;
	return NULL;
}
