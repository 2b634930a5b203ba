#include "floe/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

enum floe_err floe_read_file(const char *path, size_t max, char **out,
			     size_t *len, int *errnum)
{
	struct strbuf sb = STRBUF_INIT;
	int is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	enum floe_err err = FLOE_OK;
	struct stat st;

	*errnum = 0;
	if (fd < 0) {
		*errnum = errno;
		return FLOE_ERR_IO;
	}
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		*errnum = EISDIR;
		err = FLOE_ERR_IO;
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (strbuf_grow(&sb, 65536)) {
			err = FLOE_ERR_NOMEM;
			goto out;
		}
		n = read(fd, sb.buf + sb.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*errnum = errno;
			err = FLOE_ERR_IO;
			goto out;
		}
		if (!n)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > max) {
			err = FLOE_ERR_TOO_BIG;
			goto out;
		}
	}
	*out = strbuf_detach(&sb, len);
	if (!*out)
		err = FLOE_ERR_NOMEM;
out:
	/* open() returns 0 when standard input is closed: close it too */
	if (!is_stdin)
		close(fd);
	strbuf_release(&sb);
	return err;
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
