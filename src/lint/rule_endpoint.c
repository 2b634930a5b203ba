/* rule_endpoint.c: placeholder bodies, being written */
#include "rules.h"
void check_token_uri_mismatch(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_external_idp(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_endpoint_rest_route(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_endpoint_trailing_slash(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_url_missing_scheme(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_plain_http_remote(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_polaris_base_path(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_polaris_management_port(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_token_uri_missing(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_endpoint_uppercase(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_platform_endpoint(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_platform_warehouse(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
void check_platform_scope(struct lint_ctx *ctx, const struct lint_output *out)
{
	(void)ctx;
	(void)out;
}
