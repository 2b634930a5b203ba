/*
 * Unit tests for src/fileio.c: capped reads and atomic writes.
 *
 * Every test works in its own folder made by mkdtemp() under /tmp, removed
 * again by the teardown.  The tests run as root in CI, so a failure to
 * write is provoked without permissions: a missing folder, a directory in
 * the way, or a file size limit (RLIMIT_FSIZE) that stops the write half
 * way.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "floe/fileio.h"

struct ctx {
	char dir[64];
	char path[512];		/* scratch for path() */
	char *buf;
	size_t len;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	snprintf(c->dir, sizeof(c->dir), "%s", "/tmp/floe-test-fileio-XXXXXX");
	if (!mkdtemp(c->dir)) {
		free(c);
		return -1;
	}
	*state = c;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	int r = nftw(c->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);

	free(c->buf);
	free(c);
	return r;
}

/* `name` inside the test's folder. */
static const char *path(struct ctx *c, const char *name)
{
	snprintf(c->path, sizeof(c->path), "%s/%s", c->dir, name);
	return c->path;
}

static void put(const char *file, const char *data, size_t len)
{
	FILE *f = fopen(file, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The content of `file` must be exactly `data`. */
static void expect_content(const char *file, const char *data, size_t len)
{
	char buf[8192];
	FILE *f = fopen(file, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(n, len);
	assert_memory_equal(buf, data, len);
}

static mode_t mode_of(const char *file)
{
	struct stat st;

	assert_int_equal(stat(file, &st), 0);
	return st.st_mode & 07777;
}

/* The folder must hold exactly the names in `want` (NULL-terminated). */
static void expect_entries(const char *dir, const char *const *want)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t seen = 0, nr = 0;

	assert_non_null(d);
	while (want[nr])
		nr++;
	while ((e = readdir(d))) {
		size_t i;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		for (i = 0; i < nr; i++)
			if (!strcmp(e->d_name, want[i]))
				break;
		if (i == nr) {
			closedir(d);
			print_error("unexpected file %s/%s (a temporary file "
				    "left behind?)\n", dir, e->d_name);
			fail();
		}
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, nr);
}

/* ---- floe_read_file ---- */

static void test_fileio_read_returns_the_whole_file(void **state)
{
	struct ctx *c = *state;
	static const char data[] = "catalogs:\n  default: {}\n\0binary\xff";
	int errnum = -1;

	put(path(c, "p.yaml"), data, sizeof(data) - 1);
	assert_int_equal(floe_read_file(c->path, 1024, &c->buf, &c->len,
					&errnum),
			 FLOE_OK);
	assert_int_equal(errnum, 0);
	assert_int_equal(c->len, sizeof(data) - 1);
	assert_memory_equal(c->buf, data, sizeof(data) - 1);
	assert_int_equal(c->buf[c->len], '\0');
}

static void test_fileio_read_returns_an_empty_file(void **state)
{
	struct ctx *c = *state;
	int errnum = -1;

	put(path(c, "empty.yaml"), "", 0);
	assert_int_equal(floe_read_file(c->path, 0, &c->buf, &c->len,
					&errnum),
			 FLOE_OK);
	assert_int_equal(errnum, 0);
	assert_int_equal(c->len, 0);
	assert_non_null(c->buf);
	assert_int_equal(c->buf[0], '\0');
}

static void test_fileio_read_accepts_a_file_of_exactly_the_cap(void **state)
{
	struct ctx *c = *state;
	static char data[200000];
	int errnum;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	put(path(c, "p.yaml"), "0123456789", 10);
	assert_int_equal(floe_read_file(c->path, 10, &c->buf, &c->len,
					&errnum),
			 FLOE_OK);
	assert_int_equal(c->len, 10);
	free(c->buf);
	c->buf = NULL;

	/* larger than one read */
	put(path(c, "big.yaml"), data, sizeof(data));
	assert_int_equal(floe_read_file(c->path, sizeof(data), &c->buf,
					&c->len, &errnum),
			 FLOE_OK);
	assert_int_equal(c->len, sizeof(data));
	assert_memory_equal(c->buf, data, sizeof(data));
}

static void test_fileio_read_refuses_a_file_over_the_cap(void **state)
{
	struct ctx *c = *state;
	static char data[200000];
	char *out = NULL;
	size_t len = 12345;
	int errnum = -1;

	memset(data, 'x', sizeof(data));
	put(path(c, "p.yaml"), "0123456789", 10);
	assert_int_equal(floe_read_file(c->path, 9, &out, &len, &errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(out);		/* untouched */
	assert_int_equal(len, 12345);
	assert_int_equal(errnum, 0);

	assert_int_equal(floe_read_file(c->path, 0, &out, &len, &errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(out);

	put(path(c, "big.yaml"), data, sizeof(data));
	assert_int_equal(floe_read_file(c->path, sizeof(data) - 1, &out, &len,
					&errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(out);
	assert_int_equal(floe_read_file(c->path, 100000, &out, &len, &errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(out);
}

/* The cap stops reading: an endless stream is refused, not read. */
static void test_fileio_read_stops_at_the_cap_of_an_endless_stream(
	void **state)
{
	struct ctx *c = *state;
	int errnum;

	assert_int_equal(floe_read_file("/dev/zero", 1000, &c->buf, &c->len,
					&errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(c->buf);
}

static void test_fileio_read_reports_a_missing_file_with_enoent(void **state)
{
	struct ctx *c = *state;
	int errnum = 0;

	assert_int_equal(floe_read_file(path(c, "missing.yaml"), 1024,
					&c->buf, &c->len, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, ENOENT);
	assert_null(c->buf);

	assert_int_equal(floe_read_file(path(c, "no/such/dir.yaml"), 1024,
					&c->buf, &c->len, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, ENOENT);
}

static void test_fileio_read_refuses_a_directory(void **state)
{
	struct ctx *c = *state;
	int errnum = 0;

	assert_int_equal(floe_read_file(c->dir, 1024, &c->buf, &c->len,
					&errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, EISDIR);
	assert_null(c->buf);
}

/* Standard input read from `file` (put first); the saved one, for
 * stdin_back(). */
static int stdin_from(const char *file)
{
	int fd = open(file, O_RDONLY), saved;

	assert_true(fd >= 0);
	saved = dup(0);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	close(fd);
	return saved;
}

/* The standard input stdin_from() saved, back; it was not closed. */
static void stdin_back(int saved)
{
	assert_int_not_equal(fcntl(0, F_GETFD), -1);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
}

static void test_fileio_read_reads_standard_input_for_a_dash(void **state)
{
	struct ctx *c = *state;
	static const char data[] = "version: \"1.2.0\"\n";
	int saved, errnum;
	enum floe_err err;

	put(path(c, "stdin.yaml"), data, sizeof(data) - 1);
	saved = stdin_from(c->path);
	err = floe_read_file("-", 1024, &c->buf, &c->len, &errnum);
	stdin_back(saved);	/* not closed by the read */
	assert_int_equal(err, FLOE_OK);
	assert_int_equal(c->len, sizeof(data) - 1);
	assert_memory_equal(c->buf, data, sizeof(data) - 1);
}

/*
 * With standard input closed, open() hands out descriptor 0: the file
 * must still be closed after reading it.
 */
static void test_fileio_read_closes_a_file_opened_as_descriptor_zero(
	void **state)
{
	struct ctx *c = *state;
	int saved, errnum, open_after;
	enum floe_err err;

	put(path(c, "p.yaml"), "a: 1\n", 5);
	saved = dup(0);
	assert_true(saved >= 0);
	close(0);

	err = floe_read_file(c->path, 1024, &c->buf, &c->len, &errnum);
	open_after = fcntl(0, F_GETFD) != -1;

	if (open_after)
		close(0);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_int_equal(err, FLOE_OK);
	assert_int_equal(c->len, 5);
	assert_false(open_after);
}

/* ---- floe_write_atomic ---- */

static void test_fileio_write_creates_a_new_file_with_mode_0600(void **state)
{
	struct ctx *c = *state;
	static const char data[] = "floe:\n  target: dev\n";
	static const char *const names[] = { "profiles.yml", NULL };
	mode_t old = umask(0);
	int errnum = -1;
	enum floe_err err;

	/* whatever the umask says */
	err = floe_write_atomic(path(c, "profiles.yml"), data,
				sizeof(data) - 1, &errnum);
	umask(old);
	assert_int_equal(err, FLOE_OK);
	assert_int_equal(errnum, 0);
	assert_int_equal(mode_of(c->path), 0600);
	expect_content(c->path, data, sizeof(data) - 1);
	expect_entries(c->dir, names);

	old = umask(077);
	err = floe_write_atomic(path(c, "profiles.yml"), data,
				sizeof(data) - 1, &errnum);
	umask(old);
	assert_int_equal(err, FLOE_OK);
	assert_int_equal(mode_of(c->path), 0600);
}

static void test_fileio_write_keeps_the_mode_of_an_existing_file(
	void **state)
{
	struct ctx *c = *state;
	static const mode_t modes[] = { 0644, 0640, 0755, 0400, 0600 };
	int errnum;

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		put(path(c, "profiles.yml"), "old\n", 4);
		assert_int_equal(chmod(c->path, modes[i]), 0);
		assert_int_equal(floe_write_atomic(c->path, "new\n", 4,
						   &errnum),
				 FLOE_OK);
		assert_int_equal(mode_of(c->path), modes[i]);
		expect_content(c->path, "new\n", 4);
	}
}

static void test_fileio_write_replaces_the_content(void **state)
{
	struct ctx *c = *state;
	static char big[5000];
	static const char *const names[] = { "profiles.yml", NULL };
	struct stat before, after;
	int errnum;

	memset(big, 'y', sizeof(big));
	put(path(c, "profiles.yml"), big, sizeof(big));
	assert_int_equal(stat(c->path, &before), 0);

	/* shorter: nothing of the old content remains */
	assert_int_equal(floe_write_atomic(c->path, "short\n", 6, &errnum),
			 FLOE_OK);
	expect_content(c->path, "short\n", 6);
	/* a new file was renamed over the old one */
	assert_int_equal(stat(c->path, &after), 0);
	assert_true(before.st_ino != after.st_ino);

	/* longer, binary, and empty */
	assert_int_equal(floe_write_atomic(c->path, big, sizeof(big),
					   &errnum),
			 FLOE_OK);
	expect_content(c->path, big, sizeof(big));
	assert_int_equal(floe_write_atomic(c->path, "a\0b", 3, &errnum),
			 FLOE_OK);
	expect_content(c->path, "a\0b", 3);
	assert_int_equal(floe_write_atomic(c->path, "", 0, &errnum), FLOE_OK);
	expect_content(c->path, "", 0);
	expect_entries(c->dir, names);
}

static void test_fileio_write_leaves_no_temporary_file(void **state)
{
	struct ctx *c = *state;
	static const char *const names[] = { "a.yml", "b.yml", NULL };
	int errnum;

	for (int i = 0; i < 20; i++) {
		assert_int_equal(floe_write_atomic(path(c, "a.yml"), "x", 1,
						   &errnum),
				 FLOE_OK);
		assert_int_equal(floe_write_atomic(path(c, "b.yml"), "y", 1,
						   &errnum),
				 FLOE_OK);
	}
	expect_entries(c->dir, names);
}

static void test_fileio_write_to_a_bare_file_name_uses_the_current_folder(
	void **state)
{
	struct ctx *c = *state;
	static const char *const names[] = { "profiles.yml", NULL };
	char cwd[4096];
	enum floe_err err;
	int errnum;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(c->dir), 0);
	err = floe_write_atomic("profiles.yml", "bare\n", 5, &errnum);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(err, FLOE_OK);
	expect_content(path(c, "profiles.yml"), "bare\n", 5);
	expect_entries(c->dir, names);
}

static void test_fileio_write_follows_a_symbolic_link(void **state)
{
	struct ctx *c = *state;
	static const char *const top[] = { "real", "link.yml", "rel.yml",
					   NULL };
	static const char *const real[] = { "profiles.yml", NULL };
	char target[512], real_dir[512];
	struct stat st;
	int errnum;

	snprintf(real_dir, sizeof(real_dir), "%s", path(c, "real"));
	assert_int_equal(mkdir(real_dir, 0700), 0);
	snprintf(target, sizeof(target), "%s", path(c, "real/profiles.yml"));
	put(target, "old\n", 4);
	assert_int_equal(chmod(target, 0644), 0);

	/* an absolute link */
	assert_int_equal(symlink(target, path(c, "link.yml")), 0);
	assert_int_equal(floe_write_atomic(c->path, "via link\n", 9, &errnum),
			 FLOE_OK);
	assert_int_equal(lstat(c->path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	expect_content(target, "via link\n", 9);
	expect_content(c->path, "via link\n", 9);
	assert_int_equal(mode_of(target), 0644);

	/* a relative one */
	assert_int_equal(symlink("real/profiles.yml", path(c, "rel.yml")), 0);
	assert_int_equal(floe_write_atomic(c->path, "via rel\n", 8, &errnum),
			 FLOE_OK);
	assert_int_equal(lstat(c->path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	expect_content(target, "via rel\n", 8);

	/* the temporary file was made beside the target, and is gone */
	expect_entries(c->dir, top);
	expect_entries(real_dir, real);
}

static void test_fileio_write_into_a_missing_folder_fails_with_enoent(
	void **state)
{
	struct ctx *c = *state;
	static const char *const none[] = { NULL };
	int errnum = 0;

	assert_int_equal(floe_write_atomic(path(c, "missing/profiles.yml"),
					   "x", 1, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, ENOENT);
	expect_entries(c->dir, none);
}

static void test_fileio_write_over_a_directory_fails_and_leaves_it_alone(
	void **state)
{
	struct ctx *c = *state;
	static const char *const top[] = { "profiles.yml", NULL };
	static const char *const inside[] = { "keep", NULL };
	char dir[512];
	struct stat st;
	int errnum = 0;

	snprintf(dir, sizeof(dir), "%s", path(c, "profiles.yml"));
	assert_int_equal(mkdir(dir, 0700), 0);
	put(path(c, "profiles.yml/keep"), "kept", 4);

	assert_int_equal(floe_write_atomic(dir, "x", 1, &errnum), FLOE_ERR_IO);
	assert_int_equal(errnum, EISDIR);
	assert_int_equal(lstat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	expect_content(path(c, "profiles.yml/keep"), "kept", 4);
	expect_entries(c->dir, top);
	expect_entries(dir, inside);

	/* a path below a regular file: the file is left as it was */
	put(path(c, "file"), "data", 4);
	assert_int_equal(floe_write_atomic(path(c, "file/profiles.yml"), "x",
					   1, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, ENOTDIR);
	expect_content(path(c, "file"), "data", 4);
}

/*
 * A write that fails half way (the file size limit is hit after the
 * temporary file was made) leaves the existing file untouched and removes
 * the temporary file.
 */
static void test_fileio_write_failure_leaves_the_existing_file_untouched(
	void **state)
{
	struct ctx *c = *state;
	static const char *const names[] = { "profiles.yml", NULL };
	static char data[4096];
	struct rlimit old, small;
	void (*old_handler)(int);
	enum floe_err err;
	int errnum = 0;

	memset(data, 'z', sizeof(data));
	put(path(c, "profiles.yml"), "old content\n", 12);
	assert_int_equal(chmod(c->path, 0640), 0);

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 100;
	old_handler = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	err = floe_write_atomic(c->path, data, sizeof(data), &errnum);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);

	assert_int_equal(err, FLOE_ERR_IO);
	assert_int_equal(errnum, EFBIG);
	expect_content(c->path, "old content\n", 12);
	assert_int_equal(mode_of(c->path), 0640);
	expect_entries(c->dir, names);
}

/* ---- FIFOs and devices (never block, never replace) ---- */

/* Opening a FIFO nobody writes to would block for ever: refused. */
static void test_fileio_read_refuses_a_fifo_with_no_writer(void **state)
{
	struct ctx *c = *state;
	int errnum = 0;

	assert_int_equal(mkfifo(path(c, "fifo"), 0600), 0);
	assert_int_equal(floe_read_file(c->path, 1024, &c->buf, &c->len,
					&errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, FLOE_IO_ENOWRITER);
	assert_null(c->buf);
	assert_non_null(strstr(floe_io_strerror(errnum), "FIFO"));
}

/* With a writer, a FIFO is read to its end, even a slow one. */
static void test_fileio_read_reads_a_fifo_that_has_a_writer(void **state)
{
	struct ctx *c = *state;
	int errnum = -1, rfd, wfd, status;
	enum floe_err err;
	pid_t pid;

	assert_int_equal(mkfifo(path(c, "fifo"), 0600), 0);
	rfd = open(c->path, O_RDONLY | O_NONBLOCK);	/* lets wfd open */
	assert_true(rfd >= 0);
	wfd = open(c->path, O_WRONLY);
	assert_true(wfd >= 0);
	assert_int_equal(write(wfd, "a: 1\n", 5), 5);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
		_exit(write(wfd, "b: 2\n", 5) == 5 ? 0 : 1);
	}
	close(wfd);
	err = floe_read_file(c->path, 1024, &c->buf, &c->len, &errnum);
	close(rfd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(err, FLOE_OK);
	assert_int_equal(errnum, 0);
	assert_int_equal(c->len, 10);
	assert_memory_equal(c->buf, "a: 1\nb: 2\n", 10);
}

static void test_fileio_write_to_a_fifo_with_no_reader_fails_at_once(
	void **state)
{
	struct ctx *c = *state;
	struct stat st;
	int errnum = 0;

	assert_int_equal(mkfifo(path(c, "fifo"), 0600), 0);
	assert_int_equal(floe_write_atomic(c->path, "x", 1, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, FLOE_IO_ENOREADER);
	assert_int_equal(stat(c->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));	/* not replaced */
	expect_entries(c->dir, (const char *[]){ "fifo", NULL });
}

static void test_fileio_write_to_a_fifo_with_a_reader_writes_it(
	void **state)
{
	struct ctx *c = *state;
	char got[16];
	int errnum = -1, rfd;

	assert_int_equal(mkfifo(path(c, "fifo"), 0600), 0);
	rfd = open(c->path, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	assert_int_equal(floe_write_atomic(c->path, "hello", 5, &errnum),
			 FLOE_OK);
	assert_int_equal(errnum, 0);
	assert_int_equal(read(rfd, got, sizeof(got)), 5);
	assert_memory_equal(got, "hello", 5);
	close(rfd);
}

/* A character device is written in place: /dev/null stays a device. */
static void test_fileio_write_to_a_character_device_writes_in_place(
	void **state)
{
	struct stat st;
	int errnum = -1;

	(void)state;
	assert_int_equal(floe_write_atomic("/dev/null", "x", 1, &errnum),
			 FLOE_OK);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	if (!stat("/dev/full", &st)) {
		assert_int_equal(floe_write_atomic("/dev/full", "x", 1,
						   &errnum),
				 FLOE_ERR_IO);
		assert_int_equal(errnum, ENOSPC);
	}
}

/* ---- floe_text: read in blocks, and again whole when asked ---- */

/* All of t read in blocks of `block` bytes; what was read. */
static char *read_blocks(struct floe_text *t, size_t block, size_t *len)
{
	char *all = NULL;
	size_t n = 0, got;

	for (;;) {
		char *p = realloc(all, n + block + 1);

		assert_non_null(p);
		all = p;
		assert_int_equal(floe_text_read(t, all + n, block, &got),
				 FLOE_OK);
		if (!got)
			break;
		n += got;
	}
	*len = n;
	return all;
}

static void fill(char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		data[i] = (char)(i * 7 + i / 251);
}

/*
 * A regular file is not read when opened, then read as asked in blocks
 * of any size, then held whole when asked: the same bytes, NUL-terminated
 * (the hash read in blocks is that of the whole text, whatever the
 * blocks).
 */
static void test_fileio_text_reads_a_file_in_blocks_then_whole(void **state)
{
	struct ctx *c = *state;
	static char data[70001];
	static const size_t blocks[] = { 1, 7, 8, 9, 4096, 65536, 100000 };

	fill(data, sizeof(data));
	put(path(c, "p.yml"), data, sizeof(data));
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		struct floe_text *t = NULL;
		int errnum = -1;
		size_t len;
		char *got;

		assert_int_equal(floe_text_open(c->path, sizeof(data), &t,
						&errnum),
				 FLOE_OK);
		assert_int_equal(errnum, 0);
		assert_true(floe_text_streamed(t));
		assert_null(t->buf);
		got = read_blocks(t, blocks[i], &len);
		assert_int_equal(len, sizeof(data));
		assert_memory_equal(got, data, len);
		assert_int_equal(t->len, sizeof(data));
		assert_null(t->buf);
		assert_int_equal(floe_text_hold(t), FLOE_OK);
		assert_non_null(t->buf);
		assert_int_equal(t->len, sizeof(data));
		assert_memory_equal(t->buf, data, sizeof(data));
		assert_int_equal(t->buf[t->len], '\0');
		/* held: reading gives nothing more, holding is free */
		assert_int_equal(floe_text_read(t, got, 10, &len), FLOE_OK);
		assert_int_equal(len, 0);
		assert_int_equal(floe_text_hold(t), FLOE_OK);
		free(got);
		floe_text_free(t);
	}
}

/* Read in blocks, the file then written as `then`, then held: refused. */
static void expect_changed(struct ctx *c, const char *data, size_t len,
			   const char *then, size_t then_len)
{
	struct floe_text *t = NULL;
	int errnum;
	size_t n;
	char *got;

	put(path(c, "p.yml"), data, len);
	assert_int_equal(floe_text_open(c->path, 1 << 20, &t, &errnum),
			 FLOE_OK);
	got = read_blocks(t, 3, &n);
	free(got);
	put(c->path, then, then_len);
	assert_int_equal(floe_text_hold(t), FLOE_ERR_IO);
	assert_int_equal(t->errnum, FLOE_IO_ECHANGED);
	assert_null(t->buf);
	assert_non_null(strstr(floe_io_strerror(t->errnum), "changed"));
	floe_text_free(t);
}

/*
 * What is read again must be what was read: a byte changed, a byte
 * added or taken away, the file emptied, are refused with
 * FLOE_IO_ECHANGED (a finding is never shown against another text); the
 * same bytes written again are the same text.
 */
static void test_fileio_text_refuses_a_file_changed_after_reading(
	void **state)
{
	struct ctx *c = *state;
	static const char data[] = "floe:\n  outputs:\n    dev: {type: duckdb}\n";
	char other[sizeof(data)];
	struct floe_text *t = NULL;
	int errnum;
	size_t n;
	char *got;

	memcpy(other, data, sizeof(data));
	other[20] ^= 1;
	expect_changed(c, data, sizeof(data) - 1, other, sizeof(data) - 1);
	other[20] ^= 1;
	other[sizeof(data) - 2] ^= 1;	/* in the last word, the tail */
	expect_changed(c, data, sizeof(data) - 1, other, sizeof(data) - 1);
	expect_changed(c, data, sizeof(data) - 1, data, sizeof(data) - 2);
	expect_changed(c, data, sizeof(data) - 2, data, sizeof(data) - 1);
	expect_changed(c, data, sizeof(data) - 1, "", 0);
	/* rewritten alike: the same text */
	put(path(c, "p.yml"), data, sizeof(data) - 1);
	assert_int_equal(floe_text_open(c->path, 1 << 20, &t, &errnum),
			 FLOE_OK);
	got = read_blocks(t, 5, &n);
	free(got);
	put(c->path, data, sizeof(data) - 1);
	assert_int_equal(floe_text_hold(t), FLOE_OK);
	assert_memory_equal(t->buf, data, sizeof(data) - 1);
	floe_text_free(t);
}

/*
 * The cap holds as the file is read: a file within it when opened that
 * grows past it as it is read is refused (it changed), and one over it
 * when opened is FLOE_ERR_TOO_BIG at once; a text held before it was
 * read to its end (a parse stopped by an error) is read to its end first.
 */
static void test_fileio_text_holds_the_cap_as_it_reads(void **state)
{
	struct ctx *c = *state;
	static char data[300];
	struct floe_text *t = NULL;
	int errnum, fd;
	size_t got;
	char buf[512];

	fill(data, sizeof(data));
	put(path(c, "p.yml"), data, 100);
	/* held before it was read to its end: the rest is read first */
	assert_int_equal(floe_text_open(c->path, 200, &t, &errnum), FLOE_OK);
	assert_int_equal(floe_text_read(t, buf, 10, &got), FLOE_OK);
	assert_int_equal(got, 10);
	assert_int_equal(floe_text_hold(t), FLOE_OK);
	assert_int_equal(t->len, 100);
	assert_memory_equal(t->buf, data, 100);
	floe_text_free(t);
	assert_int_equal(floe_text_open(c->path, 200, &t, &errnum), FLOE_OK);
	fd = open(c->path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data + 100, 200), 200);
	close(fd);
	assert_int_equal(floe_text_read(t, buf, sizeof(buf), &got),
			 FLOE_ERR_IO);
	assert_int_equal(t->errnum, FLOE_IO_ECHANGED);
	floe_text_free(t);

	t = NULL;
	assert_int_equal(floe_text_open(c->path, 299, &t, &errnum),
			 FLOE_ERR_TOO_BIG);
	assert_null(t);
	assert_int_equal(floe_text_open(path(c, "none.yml"), 299, &t,
					&errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, ENOENT);
	assert_int_equal(floe_text_open(c->dir, 299, &t, &errnum),
			 FLOE_ERR_IO);
	assert_int_equal(errnum, EISDIR);
}

/* Standard input cannot be read twice: it is read whole when opened,
 * held, and not closed. */
static void test_fileio_text_holds_standard_input_whole(void **state)
{
	struct ctx *c = *state;
	static const char data[] = "a: 1\n";
	struct floe_text *t = NULL;
	int saved, errnum;
	enum floe_err err;
	size_t got;
	char buf[8];

	put(path(c, "stdin.yaml"), data, sizeof(data) - 1);
	saved = stdin_from(c->path);
	err = floe_text_open("-", 1024, &t, &errnum);
	stdin_back(saved);
	assert_int_equal(err, FLOE_OK);
	assert_false(floe_text_streamed(t));
	assert_non_null(t->buf);
	assert_int_equal(t->len, sizeof(data) - 1);
	assert_memory_equal(t->buf, data, sizeof(data) - 1);
	assert_int_equal(floe_text_read(t, buf, sizeof(buf), &got), FLOE_OK);
	assert_int_equal(got, 0);
	assert_int_equal(floe_text_hold(t), FLOE_OK);
	floe_text_free(t);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fileio_read_returns_the_whole_file),
		T(test_fileio_read_returns_an_empty_file),
		T(test_fileio_read_accepts_a_file_of_exactly_the_cap),
		T(test_fileio_read_refuses_a_file_over_the_cap),
		T(test_fileio_read_stops_at_the_cap_of_an_endless_stream),
		T(test_fileio_read_reports_a_missing_file_with_enoent),
		T(test_fileio_read_refuses_a_directory),
		T(test_fileio_read_reads_standard_input_for_a_dash),
		T(test_fileio_read_closes_a_file_opened_as_descriptor_zero),
		T(test_fileio_write_creates_a_new_file_with_mode_0600),
		T(test_fileio_write_keeps_the_mode_of_an_existing_file),
		T(test_fileio_write_replaces_the_content),
		T(test_fileio_write_leaves_no_temporary_file),
		T(test_fileio_write_to_a_bare_file_name_uses_the_current_folder),
		T(test_fileio_write_follows_a_symbolic_link),
		T(test_fileio_write_into_a_missing_folder_fails_with_enoent),
		T(test_fileio_write_over_a_directory_fails_and_leaves_it_alone),
		T(test_fileio_write_failure_leaves_the_existing_file_untouched),
		T(test_fileio_read_refuses_a_fifo_with_no_writer),
		T(test_fileio_read_reads_a_fifo_that_has_a_writer),
		T(test_fileio_write_to_a_fifo_with_no_reader_fails_at_once),
		T(test_fileio_write_to_a_fifo_with_a_reader_writes_it),
		T(test_fileio_write_to_a_character_device_writes_in_place),
		T(test_fileio_text_reads_a_file_in_blocks_then_whole),
		T(test_fileio_text_refuses_a_file_changed_after_reading),
		T(test_fileio_text_holds_the_cap_as_it_reads),
		T(test_fileio_text_holds_standard_input_whole),
	};

	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
