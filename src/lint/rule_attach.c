/* rule_attach.c: placeholder bodies, being written */
#include "rules.h"
void check_options_outside_options(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_option_false(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_attach_option_conflict(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_option_duplicate_case(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_unknown_iceberg_option(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_option_value(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_warehouse_location(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_alias_identifier(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_extension_missing(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_attach_path_missing(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_iceberg_endpoint_missing(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_read_only_type(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
