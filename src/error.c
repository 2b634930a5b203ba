#include "floe/error.h"

const char *floe_strerror(enum floe_err err)
{
	/* No default: -Wswitch flags a new code that has no message. */
	switch (err) {
	case FLOE_OK:
		return "success";
	case FLOE_ERR_NOMEM:
		return "out of memory";
	case FLOE_ERR_IO:
		return "input/output error";
	case FLOE_ERR_INPUT:
		return "the input has errors";
	case FLOE_ERR_TOO_BIG:
		return "the input is larger than the size limit";
	case FLOE_ERR_USAGE:
		return "invalid argument";
	case FLOE_ERR_INTERNAL:
		return "internal error";
	case FLOE_ERR__COUNT:
		break;
	}
	return "unknown error";
}
