/*
 * floe-profiles: error codes.
 *
 * A floe_err says whether an operation could run at all.  What is wrong
 * with the *input* is reported separately, as diagnostics (diag.h): a
 * function that finds errors in a file still returns FLOE_OK when it was
 * able to look at the whole file.
 *
 * Values are API: append only, never renumber.
 */
#ifndef FLOE_ERROR_H
#define FLOE_ERROR_H

enum floe_err {
	FLOE_OK = 0,		/* 0: success */
	FLOE_ERR_NOMEM,		/* 1: out of memory */
	FLOE_ERR_IO,		/* 2: a file could not be read or written */
	FLOE_ERR_INPUT,		/* 3: the input has errors (see the diags) */
	FLOE_ERR_TOO_BIG,	/* 4: the input is larger than the size cap */
	FLOE_ERR_USAGE,		/* 5: a caller passed an invalid argument */
	FLOE_ERR_INTERNAL,	/* 6: a library (libyaml) failed unexpectedly */
	FLOE_ERR__COUNT		/* keep last; never use */
};

/**
 * A short description of an error code.
 * \return a static string; never NULL.
 */
const char *floe_strerror(enum floe_err err);

#endif
