/*
 * floe-profiles: reading inputs and writing outputs safely.
 */
#ifndef FLOE_FILEIO_H
#define FLOE_FILEIO_H

#include <stddef.h>

#include "floe/error.h"

/**
 * Read a whole file ("-" is standard input), refusing more than `max`
 * bytes without reading the rest.
 * \param[out] out, len  on FLOE_OK a malloc'd buffer (NUL-terminated for
 *                       convenience; `len` excludes the NUL).
 * \param[out] errnum    the errno of a failure, else 0.
 * \return FLOE_OK, FLOE_ERR_IO, FLOE_ERR_TOO_BIG or FLOE_ERR_NOMEM.
 */
enum floe_err floe_read_file(const char *path, size_t max, char **out,
			     size_t *len, int *errnum);

/**
 * Replace `path` with `buf` atomically: a temporary file in the same
 * folder is written, fsync'd and renamed over it, then the folder is
 * fsync'd.  On any failure the temporary file is removed and an existing
 * `path` is untouched.  A new file gets mode 0600; an existing file keeps
 * its mode.  A symbolic link is followed, so the link stays a link.
 * \param[out] errnum  the errno of a failure, else 0.
 * \return FLOE_OK, FLOE_ERR_IO or FLOE_ERR_NOMEM.
 */
enum floe_err floe_write_atomic(const char *path, const char *buf,
				size_t len, int *errnum);

#endif
