/*
 * floe-profiles: reading inputs and writing outputs safely.
 */
#ifndef FLOE_FILEIO_H
#define FLOE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floe/error.h"

/*
 * Values of `errnum` that are not errno values: describe any `errnum`
 * with floe_io_strerror(), never with strerror().
 */
#define FLOE_IO_ENOWRITER (-1)	/* a FIFO that no process writes to */
#define FLOE_IO_ENOREADER (-2)	/* a FIFO that no process reads */
#define FLOE_IO_ENOTREG (-3)	/* a socket or block device */
#define FLOE_IO_ECHANGED (-4)	/* read again, not what was read first */

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

/*
 * A file's text for a parse that need not hold it whole (docs/DESIGN.md,
 * "Scale"): a regular file is read in blocks, as the parse asks for them
 * (floe_text_read()), and read again, whole, only when something asks for
 * its text after the parse (floe_text_hold()).  Standard input, a FIFO
 * and a character device cannot be read twice: they are read whole when
 * opened, as floe_read_file() reads them, and held.  What is read again
 * must be what was read first, its length and a hash of its bytes, else
 * FLOE_IO_ECHANGED: a finding is never shown against another text than
 * the one it was found in.
 */
struct floe_text {
	const char *buf;	/* the whole text while held, else NULL */
	size_t len;		/* bytes read so far; all of them once read */
	int errnum;		/* errno or FLOE_IO_ value of a failure */
	/* private */
	char *path;		/* to read it again */
	char *owned;		/* buf, when it is ours */
	int fd;			/* while read in blocks, else -1 */
	size_t max;
	uint64_t hash, tail;	/* of the bytes read: 8 at a time, */
	unsigned nr_tail;	/* and the <8 not yet hashed */
	bool done;		/* read to its end */
};

/**
 * Open `path` ("-" is standard input) as floe_read_file() opens it, with
 * its checks and its cap of `max` bytes (a regular file larger than `max`
 * is FLOE_ERR_TOO_BIG at once).  A regular file is not read yet.
 * \param[out] out     on FLOE_OK a text to free with floe_text_free().
 * \param[out] errnum  as floe_read_file()'s.
 * \return FLOE_OK, FLOE_ERR_IO, FLOE_ERR_TOO_BIG or FLOE_ERR_NOMEM.
 */
enum floe_err floe_text_open(const char *path, size_t max,
			     struct floe_text **out, int *errnum);

/**
 * The next bytes of a text being read: up to `size` into `buf`, `*got`
 * 0 at its end (and at once for a held text: parse its buf).
 * \return FLOE_OK or FLOE_ERR_IO (t->errnum says why: FLOE_IO_ECHANGED
 *         when the file grew past the cap as it was read).
 */
enum floe_err floe_text_read(struct floe_text *t, char *buf, size_t size,
			     size_t *got);

/**
 * Hold the whole text in t->buf (NUL-terminated; t->len excludes the
 * NUL): read again from its path if it was read in blocks.
 * \return FLOE_OK, FLOE_ERR_IO (t->errnum: FLOE_IO_ECHANGED when the
 *         file is no longer what was read, or the errno) or
 *         FLOE_ERR_NOMEM.
 */
enum floe_err floe_text_hold(struct floe_text *t);

/** Whether t was read in blocks (its text is read again when held). */
static inline bool floe_text_streamed(const struct floe_text *t)
{
	return t->path != NULL;
}

/** Close and free a text; NULL is fine. */
void floe_text_free(struct floe_text *t);

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
