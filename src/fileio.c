#include "floe/fileio.h"

#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *floe_io_strerror(int errnum)
{
	switch (errnum) {
	case FLOE_IO_ENOWRITER:
		return "it is a FIFO that no process writes to (reading it "
		       "would wait forever)";
	case FLOE_IO_ENOREADER:
		return "it is a FIFO that no process reads (writing it would "
		       "wait forever)";
	case FLOE_IO_ENOTREG:
		return "it is not a regular file, a FIFO or a character device";
	case FLOE_IO_ECHANGED:
		return "it changed while it was being checked";
	}
	return strerror(errnum);
}

#define CHUNK 65536

/*
 * Make room for `want` more bytes and the NUL: exactly that much the
 * first time (a regular file's size), doubling after that.
 */
static int room(char **buf, size_t *alloc, size_t len, size_t want)
{
	size_t n;
	char *p;

	if (*alloc - len > want)
		return 0;
	if (want > SIZE_MAX - len - 1)
		return -1;
	n = len + want + 1;
	if (*alloc && n < *alloc * 2 && *alloc <= SIZE_MAX / 2)
		n = *alloc * 2;
	p = realloc(*buf, n);
	if (!p)
		return -1;
	*buf = p;
	*alloc = n;
	return 0;
}

/* open() returns 0 when standard input is closed: close it too */
static void close_input(const char *path, int fd)
{
	if (strcmp(path, "-"))
		close(fd);
}

static int clear_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -1;
	return flags & O_NONBLOCK ? fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
				  : 0;
}

/*
 * Open path ("-": standard input, fd 0) for reading and check what it is.
 * Opening never blocks: O_NONBLOCK, else opening a FIFO for reading would
 * wait, for ever, for a writer (`generate --check -o FIFO`); it is cleared
 * at once but for a FIFO, which read_all() probes once.
 */
static enum floe_err open_input(const char *path, int *fd, struct stat *st,
				int *errnum)
{
	int is_stdin = !strcmp(path, "-");

	*errnum = 0;
	*fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
				  O_NONBLOCK);
	if (*fd < 0) {
		*errnum = errno;
		return FLOE_ERR_IO;
	}
	if (fstat(*fd, st)) {
		*errnum = errno;
	} else if (S_ISDIR(st->st_mode)) {
		*errnum = EISDIR;
	} else if (!is_stdin && (S_ISSOCK(st->st_mode) ||
				 S_ISBLK(st->st_mode))) {
		*errnum = FLOE_IO_ENOTREG;
	} else if (!is_stdin && !S_ISFIFO(st->st_mode) &&
		   clear_nonblock(*fd)) {
		*errnum = errno;
	}
	if (*errnum) {
		close_input(path, *fd);
		return FLOE_ERR_IO;
	}
	return FLOE_OK;
}

/* A regular file's size against the cap (others are read to see it). */
static enum floe_err size_ok(const struct stat *st, size_t max)
{
	return S_ISREG(st->st_mode) && st->st_size >= 0 &&
	       (unsigned long long)st->st_size > max ? FLOE_ERR_TOO_BIG
						     : FLOE_OK;
}

/* Read what open_input() opened to its end or past `max`. */
static enum floe_err read_all(const char *path, int fd, const struct stat *st,
			      size_t max, char **out, size_t *len, int *errnum)
{
	enum floe_err err = FLOE_OK;
	char *buf = NULL;
	size_t alloc = 0, used = 0, want = CHUNK;
	/* a FIFO is read without blocking once: end of file then means
	 * that no process has it open for writing */
	int probe = strcmp(path, "-") && S_ISFIFO(st->st_mode);

	/* a regular file: one allocation of the right size, no copy, no
	 * slack */
	if (S_ISREG(st->st_mode) && st->st_size >= 0)
		want = (size_t)st->st_size + 1;
	for (;;) {
		ssize_t n;

		if (room(&buf, &alloc, used, want)) {
			err = FLOE_ERR_NOMEM;
			goto out;
		}
		/* a regular file read whole needs one byte to see its end,
		 * not a doubled buffer */
		want = S_ISREG(st->st_mode) ? 1 : CHUNK;
		n = read(fd, buf + used, alloc - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (probe) {
			probe = 0;
			if (!n) {
				*errnum = FLOE_IO_ENOWRITER;
				err = FLOE_ERR_IO;
				goto out;
			}
			if (n < 0 && errno == EAGAIN)
				n = 0;	/* a writer, nothing written yet */
			if (n >= 0 && clear_nonblock(fd))
				n = -1;
			if (!n)
				continue;
		}
		if (n < 0) {
			*errnum = errno;
			err = FLOE_ERR_IO;
			goto out;
		}
		if (!n)
			break;
		used += (size_t)n;
		if (used > max) {
			err = FLOE_ERR_TOO_BIG;
			goto out;
		}
	}
	if (!buf && room(&buf, &alloc, 0, 0)) {
		err = FLOE_ERR_NOMEM;
		goto out;
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	buf = NULL;
out:
	free(buf);
	return err;
}

enum floe_err floe_read_file(const char *path, size_t max, char **out,
			     size_t *len, int *errnum)
{
	struct stat st;
	int fd;
	enum floe_err err = open_input(path, &fd, &st, errnum);

	if (err != FLOE_OK)
		return err;
	err = size_ok(&st, max);
	if (err == FLOE_OK)
		err = read_all(path, fd, &st, max, out, len, errnum);
	close_input(path, fd);
	return err;
}

/* ---- a text read in blocks, and again if asked ---- */

/*
 * The hash of the bytes read, 8 at a time whatever the blocks, so that a
 * text read again whole hashes as it did in blocks.
 */
static void hash_word(struct floe_text *t, uint64_t w)
{
	t->hash = (t->hash ^ w) * 0xFF51AFD7ED558CCDu;
	t->hash ^= t->hash >> 32;
}

static void hash_more(struct floe_text *t, const char *p, size_t n)
{
	uint64_t w;

	while (n && t->nr_tail) {
		t->tail |= (uint64_t)(unsigned char)*p++ << (8 * t->nr_tail);
		n--;
		if (++t->nr_tail == 8) {
			hash_word(t, t->tail);
			t->tail = 0;
			t->nr_tail = 0;
		}
	}
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		hash_word(t, w);
	}
	for (; n; n--) {
		t->tail |= (uint64_t)(unsigned char)*p++ << (8 * t->nr_tail);
		t->nr_tail++;
	}
}

/* The hash of everything read; the state is left as it was. */
static uint64_t hash_end(const struct floe_text *t)
{
	struct floe_text c = *t;

	hash_word(&c, c.tail ^ (uint64_t)c.len << 3);
	return c.hash;
}

static void text_init(struct floe_text *t)
{
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->hash = FLOE_HASH_SEED;
}

enum floe_err floe_text_open(const char *path, size_t max,
			     struct floe_text **out, int *errnum)
{
	struct floe_text *t = malloc(sizeof(*t));
	struct stat st;
	size_t len = 0;
	int fd;
	enum floe_err err;

	if (!t)
		return FLOE_ERR_NOMEM;
	text_init(t);
	t->max = max;
	err = open_input(path, &fd, &st, errnum);
	if (err != FLOE_OK) {
		free(t);
		return err;
	}
	err = size_ok(&st, max);
	if (err == FLOE_OK && S_ISREG(st.st_mode) && strcmp(path, "-")) {
		t->path = strdup(path);
		if (!t->path) {
			err = FLOE_ERR_NOMEM;
		} else {
			t->fd = fd;	/* read as the parse asks */
			*out = t;
			return FLOE_OK;
		}
	} else if (err == FLOE_OK) {
		err = read_all(path, fd, &st, max, &t->owned, &len, errnum);
	}
	close_input(path, fd);
	if (err != FLOE_OK) {
		floe_text_free(t);
		return err;
	}
	t->buf = t->owned;
	t->len = len;
	t->done = true;
	*out = t;
	return FLOE_OK;
}

enum floe_err floe_text_read(struct floe_text *t, char *buf, size_t size,
			     size_t *got)
{
	ssize_t n;

	*got = 0;
	if (t->done || !size)	/* held, or read to its end */
		return FLOE_OK;
	do
		n = read(t->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		t->errnum = errno;
		return FLOE_ERR_IO;
	}
	if (!n) {
		t->done = true;
		close(t->fd);
		t->fd = -1;
		return FLOE_OK;
	}
	if ((size_t)n > t->max - t->len) {	/* grew as it was read */
		t->errnum = FLOE_IO_ECHANGED;
		return FLOE_ERR_IO;
	}
	hash_more(t, buf, (size_t)n);
	t->len += (size_t)n;
	*got = (size_t)n;
	return FLOE_OK;
}

enum floe_err floe_text_hold(struct floe_text *t)
{
	struct floe_text again;
	char *buf = NULL;
	size_t len;
	enum floe_err err;

	if (t->buf)
		return FLOE_OK;
	/* a parse that stopped early: the rest is read, for its hash */
	while (!t->done) {
		char rest[4096];

		err = floe_text_read(t, rest, sizeof(rest), &len);
		if (err != FLOE_OK)
			return err;
	}
	/* read it whole again, as at first, with room for what was read
	 * and one byte to see that nothing was added */
	err = floe_read_file(t->path, t->len, &buf, &len, &t->errnum);
	if (err == FLOE_ERR_TOO_BIG) {
		t->errnum = FLOE_IO_ECHANGED;
		return FLOE_ERR_IO;
	}
	if (err != FLOE_OK)
		return err;
	text_init(&again);
	hash_more(&again, buf, len);
	again.len = len;
	if (len != t->len || hash_end(&again) != hash_end(t)) {
		free(buf);
		t->errnum = FLOE_IO_ECHANGED;
		return FLOE_ERR_IO;
	}
	t->buf = t->owned = buf;
	return FLOE_OK;
}

void floe_text_free(struct floe_text *t)
{
	if (!t)
		return;
	if (t->fd >= 0)
		close(t->fd);
	free(t->path);
	free(t->owned);
	free(t);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A character device or a FIFO cannot be replaced by a rename (and
 * `-o /dev/stdout` means the stream, not a file): write it in place.
 * Returns 1 when `path` turned out to be a regular file or a folder after
 * all, for the caller's atomic path.
 */
static int write_special(const char *path, mode_t mode, const char *buf,
			 size_t len, int *errnum, enum floe_err *err)
{
	struct stat st;
	int fd;

	*err = FLOE_ERR_IO;
	if (!S_ISCHR(mode) && !S_ISFIFO(mode)) {
		*errnum = FLOE_IO_ENOTREG;
		return 0;
	}
	/* O_NONBLOCK: a FIFO no process reads fails with ENXIO at once */
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*errnum = errno == ENXIO && S_ISFIFO(mode) ? FLOE_IO_ENOREADER
							   : errno;
		return 0;
	}
	if (fstat(fd, &st) || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
		/* replaced since it was looked at */
		close(fd);
		return 1;
	}
	if (clear_nonblock(fd) || write_all(fd, buf, len)) {
		*errnum = errno;
		close(fd);
		return 0;
	}
	if (close(fd)) {
		*errnum = errno;
		return 0;
	}
	*err = FLOE_OK;
	return 0;
}

enum floe_err floe_write_atomic(const char *path, const char *buf,
				size_t len, int *errnum)
{
	char *target = NULL, *tmp = NULL, *dir = NULL;
	const char *base;
	struct stat st;
	mode_t mode = 0600;
	size_t tmp_size;
	int fd = -1, dfd;
	enum floe_err err = FLOE_ERR_IO;

	*errnum = 0;
	if (!stat(path, &st) && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) &&
	    !write_special(path, st.st_mode, buf, len, errnum, &err))
		return err;
	if (!lstat(path, &st) && S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (!target)
			goto fail;
	} else {
		target = strdup(path);
		if (!target) {
			err = FLOE_ERR_NOMEM;
			goto fail;
		}
	}
	if (!stat(target, &st)) {
		if (!S_ISREG(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
			goto fail;
		}
		mode = st.st_mode & 07777;
	} else if (errno != ENOENT) {
		goto fail;
	}

	base = strrchr(target, '/');
	dir = base ? strndup(target, (size_t)(base - target) + 1)
		   : strdup("./");
	base = base ? base + 1 : target;
	tmp_size = dir ? strlen(dir) + strlen(base) + 16 : 0;
	if (!dir || !(tmp = malloc(tmp_size))) {
		err = FLOE_ERR_NOMEM;
		goto fail;
	}
	snprintf(tmp, tmp_size, "%s.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, mode) || write_all(fd, buf, len) || fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target))
		goto fail;
	free(tmp);
	tmp = NULL;
	/* Make the rename itself durable. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(target);
	free(dir);
	return FLOE_OK;
fail:
	if (err == FLOE_ERR_IO && errno == ENOMEM)
		err = FLOE_ERR_NOMEM;	/* realpath() ran out, not the disk */
	if (err == FLOE_ERR_IO)
		*errnum = errno;
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(target);
	free(dir);
	return err;
}
