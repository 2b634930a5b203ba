/*
 * floe-profiles: reading inputs and writing outputs safely.
 */
#ifndef FLOE_FILEIO_H
#define FLOE_FILEIO_H

#include <stddef.h>

#include "floe/error.h"

/*
 * Values of `errnum` that are not errno values: describe any `errnum`
 * with floe_io_strerror(), never with strerror().
 */
#define FLOE_IO_ENOWRITER (-1)	/* a FIFO that no process writes to */
#define FLOE_IO_ENOREADER (-2)	/* a FIFO that no process reads */
#define FLOE_IO_ENOTREG (-3)	/* a socket or block device */

/** "No such file or directory", or the text of a FLOE_IO_ value. */
const char *floe_io_strerror(int errnum);

/**
 * Read a whole file ("-" is standard input), refusing more than `max`
 * bytes without reading the rest.  Opening never blocks: a FIFO is read
 * only when a process holds it open for writing (else FLOE_IO_ENOWRITER),
 * and then, like standard input and a character device, until its end or
 * the cap.  A socket or block device is refused (FLOE_IO_ENOTREG), a
 * folder with EISDIR.
 * \param[out] out, len  on FLOE_OK a malloc'd buffer (NUL-terminated for
 *                       convenience; `len` excludes the NUL).
 * \param[out] errnum    the errno or FLOE_IO_ value of a failure, else 0.
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
 *
 * A character device or a FIFO (`/dev/stdout`, `/dev/null`, a pipe)
 * cannot be replaced: it is written directly, without blocking on a FIFO
 * that no process reads (FLOE_IO_ENOREADER).  A socket or block device is
 * refused (FLOE_IO_ENOTREG).
 * \param[out] errnum  the errno or FLOE_IO_ value of a failure, else 0.
 * \return FLOE_OK, FLOE_ERR_IO or FLOE_ERR_NOMEM.
 */
enum floe_err floe_write_atomic(const char *path, const char *buf,
				size_t len, int *errnum);

#endif
