/*
 * The rule registry (internal): one row per rule, and the checks.
 */
#ifndef FLOE_LINT_RULES_H
#define FLOE_LINT_RULES_H

#include "lint_int.h"

typedef void lint_output_fn(struct lint_ctx *ctx,
			    const struct lint_output *out);
typedef void lint_profile_fn(struct lint_ctx *ctx,
			     const struct floe_node *profile_key,
			     const struct floe_node *profile);

struct lint_rule_impl {
	struct floe_rule pub;
	lint_output_fn *check_output;	/* run on each output, or NULL */
	lint_profile_fn *check_profile;	/* run on each profile, or NULL */
	/* run on each templated value of each output by the output's one
	 * walk (lint_walk_templates), or NULL; its findings are reported
	 * after check_output's, as if it walked the output in its turn */
	lint_template_fn *check_template;
};

/* Indexed by enum floe_rule_id; row 0 (FLOE_RULE_NONE) is empty. */
extern const struct lint_rule_impl lint_rule_table[FLOE_RULE__COUNT];

/*
 * One root cause, one finding: a finding of `rule` about a topic of an
 * item is not reported when a finding of `cause` about the same topic of
 * the same item is (both reported with lint_report_on).  Example: an
 * iceberg `endpoint` written on the attach item is FP301; that the
 * ATTACH then has no endpoint (FP311) follows from it.
 */
struct lint_implication {
	enum floe_rule_id rule, cause;
};

extern const struct lint_implication lint_implied[];
extern const size_t lint_implied_nr;

/* yaml & jinja: rule_yaml.c (FP001-FP003 come from the YAML front end,
 * FP008 from the suppression pass in lint.c) */
lint_output_fn check_env_var_unfiltered_number, check_unknown_output_key;
lint_output_fn check_schema_type;
lint_template_fn check_env_var_syntax, check_native_filter_value;
lint_profile_fn check_target_missing_output;

/* settings: rule_settings.c */
lint_output_fn check_secret_manager_setting, check_startup_only_setting,
	check_default_secret_storage, check_redundant_persistent_secrets,
	check_unknown_setting, check_extension_setting,
	check_deprecated_setting, check_iceberg_secret_param_release,
	check_setting_value_type, check_setting_memory_value,
	check_setting_refused_later;

/* endpoint and OAuth2: rule_endpoint.c */
lint_output_fn check_token_uri_mismatch, check_external_idp,
	check_endpoint_rest_route, check_endpoint_trailing_slash,
	check_url_missing_scheme, check_plain_http_remote,
	check_polaris_base_path, check_polaris_management_port,
	check_token_uri_missing, check_endpoint_uppercase,
	check_platform_endpoint, check_platform_warehouse,
	check_platform_scope, check_sigv4_endpoint_scheme, check_url_port;

/* platform drift: rule_drift.c (FP211-FP213 are in rule_endpoint.c) */
lint_output_fn check_platform_token_uri, check_platform_access_delegation,
	check_platform_alias, check_platform_credential_env,
	check_platform_catalog_attached;

/* attach shape: rule_attach.c */
lint_output_fn check_options_outside_options, check_option_false,
	check_attach_option_conflict, check_option_duplicate_case,
	check_unknown_iceberg_option, check_option_value,
	check_warehouse_location, check_alias_identifier,
	check_extension_missing, check_attach_path_missing,
	check_iceberg_endpoint_missing, check_read_only_type,
	check_option_auth_type, check_endpoint_type_with_auth,
	check_staleness_interval, check_encode_prefix_value,
	check_both_stage_options, check_alias_existing_database,
	check_database_mismatch, check_vended_region,
	check_threads_iceberg_write, check_attach_map_option,
	check_attach_file_twice;

/* catalog flavors: rule_flavor.c */
lint_output_fn check_flavor_base_path, check_nessie_branch,
	check_flavor_token_uri, check_aws_warehouse, check_glue_region,
	check_r2_token;

/* credentials: rule_credentials.c */
lint_output_fn check_secret_and_inline, check_client_credentials_incomplete,
	check_no_credentials, check_literal_secret, check_scope_format,
	check_secret_env_prefix, check_persistent_iceberg_secret,
	check_secret_missing_type, check_iceberg_secret_params,
	check_empty_client_id, check_credential_provider,
	check_secret_type_unknown, check_secret_name,
	check_secret_persistent_disabled, check_secret_name_ambiguous;
lint_template_fn check_secret_var_default, check_several_secret_vars,
	check_secret_env_filtered;

#endif
