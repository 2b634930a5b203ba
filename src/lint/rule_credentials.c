/* rule_credentials.c: placeholder bodies, being written */
#include "rules.h"
void check_secret_and_inline(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_client_credentials_incomplete(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_no_credentials(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_literal_secret(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_scope_format(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_secret_env_prefix(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_several_secret_vars(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_secret_env_filtered(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_persistent_iceberg_secret(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_secret_missing_type(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
