/*
 * floe-profiles: error codes, and the contract of every public entry point.
 *
 * The return value says whether the call produced its result; what is
 * wrong with the input is in the diagnostics (diag.h):
 *  - FLOE_OK: the result was produced, and every out-parameter is set.
 *    The input's problems, errors included, are in the diagnostics: a
 *    call whose result is a diagnosis (floe_lint, floe_project_check,
 *    floe_verify) or a model that carries its findings
 *    (floe_profiles_load) returns FLOE_OK on a file full of errors.
 *  - FLOE_ERR_INPUT: errors in the input kept the call from producing
 *    its result (not YAML, a platform that cannot be bound, a profile
 *    generate refuses, a configuration that cannot be used); at least one
 *    error-level diagnostic says why; the out-parameters are untouched.
 *  - any other code: the call could not run; out-parameters untouched.
 *    FLOE_ERR_NOMEM wins over FLOE_ERR_INPUT.
 * So "did I get a result?" is the return value, and "is the input
 * clean?" is diags->nr_errors.  tests/unit/test_contract.c holds every
 * entry point to it; docs/DESIGN.md says why this contract.
 *
 * Values are API: append only, never renumber.
 */
#ifndef FLOE_ERROR_H
#define FLOE_ERROR_H

enum floe_err {
	FLOE_OK = 0,		/* 0: success */
	FLOE_ERR_NOMEM,		/* 1: out of memory */
	FLOE_ERR_IO,		/* 2: a file could not be read or written */
	FLOE_ERR_INPUT,		/* 3: the input's errors (in the diags) kept
				 * the call from producing its result */
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
