/*
 * failmalloc: an LD_PRELOAD allocator that counts allocations and fails
 * the Nth one, for tests/oom/walk.py (see tests/oom/README.md).
 *
 * It replaces malloc, calloc, realloc, reallocarray, strdup, strndup,
 * posix_memalign, aligned_alloc, memalign, valloc and pvalloc.  glibc's
 * own functions (getline, regcomp, fopen, dlopen, ...), libyaml and
 * libcyaml call malloc through the same symbols, so their allocations
 * count too.  Each counted call gets a number from 1; the one numbered
 * $FLOE_OOM_FAIL fails (returns NULL, errno ENOMEM), once: every other
 * call is served, so code that swallows a failure and carries on is seen
 * carrying on.
 *
 * The real allocator is glibc's (__libc_malloc, ...), or, in a process
 * built with AddressSanitizer, ASan's (__interceptor_malloc, ...), found
 * through weak references, so ASan and LeakSanitizer keep tracking every
 * block (run it with ASAN_OPTIONS=verify_asan_link_order=0).
 *
 * Not counted (served, never failed):
 *  - calls from other threads than the main one (DuckDB's workers);
 *  - calls whose caller lies in a shared object whose path contains one
 *    of the ':'-separated words of $FLOE_OOM_SKIP (libduckdb, libstdc++);
 *  - calls the shim makes itself (backtrace()).
 *
 * $FLOE_OOM_REPORT names a file that gets, at exit, "count N" (the
 * number of counted calls) and, when the Nth failed, "failed N" and the
 * return addresses of its stack as "frame OBJECT+0xOFFSET" lines (under
 * ASan only its caller's).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* glibc's allocator */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

/* AddressSanitizer's, when the process has it */
extern void *__interceptor_malloc(size_t) __attribute__((weak));
extern void *__interceptor_calloc(size_t, size_t) __attribute__((weak));
extern void *__interceptor_realloc(void *, size_t) __attribute__((weak));
extern int __interceptor_posix_memalign(void **, size_t, size_t)
	__attribute__((weak));

#define TLS __thread __attribute__((tls_model("initial-exec")))

static unsigned long fail_at;		/* 0: fail nothing */
static unsigned long counted;
static int ready;
static pid_t main_tid;
static TLS int is_main, in_shim;
static char report_path[4096];

#define MAX_FRAMES 24
static void *frames[MAX_FRAMES];
static int nr_frames;

/* the shared objects whose calls are not counted, as address ranges */
#define MAX_SKIP_WORDS 8
#define MAX_RANGES 64
static char skip_words[MAX_SKIP_WORDS][64];
static int nr_skip_words;
static struct range { uintptr_t lo, hi; int skip; } ranges[MAX_RANGES];
static int nr_ranges;

static void *real_malloc(size_t n)
{
	return __interceptor_malloc ? __interceptor_malloc(n)
				    : __libc_malloc(n);
}

static void *real_calloc(size_t n, size_t m)
{
	return __interceptor_calloc ? __interceptor_calloc(n, m)
				    : __libc_calloc(n, m);
}

static void *real_realloc(void *p, size_t n)
{
	return __interceptor_realloc ? __interceptor_realloc(p, n)
				     : __libc_realloc(p, n);
}

static int real_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (__interceptor_posix_memalign)
		return __interceptor_posix_memalign(out, align, n);
	p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

static int add_range(struct dl_phdr_info *info, size_t size, void *data)
{
	int skip = 0;

	(void)size;
	(void)data;
	for (int i = 0; i < nr_skip_words; i++)
		if (info->dlpi_name && strstr(info->dlpi_name, skip_words[i]))
			skip = 1;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || nr_ranges == MAX_RANGES)
			continue;
		ranges[nr_ranges].lo = info->dlpi_addr + ph->p_vaddr;
		ranges[nr_ranges].hi = ranges[nr_ranges].lo + ph->p_memsz;
		ranges[nr_ranges].skip = skip;
		nr_ranges++;
	}
	return 0;
}

/* Is the caller at `ra` in a skipped object?  New objects: look again. */
static int skipped(void *ra)
{
	uintptr_t a = (uintptr_t)ra;

	if (!nr_skip_words)
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < nr_ranges; i++)
			if (a >= ranges[i].lo && a < ranges[i].hi)
				return ranges[i].skip;
		nr_ranges = 0;
		dl_iterate_phdr(add_range, NULL);
	}
	return 0;
}

/* 1: this call fails. */
static int should_fail(void *ra)
{
	unsigned long n;

	if (!ready || !is_main || in_shim || skipped(ra))
		return 0;
	n = ++counted;
	if (n != fail_at)
		return 0;
	frames[0] = ra;
	nr_frames = 1;
	/*
	 * The whole stack, but not under ASan: backtrace() dlopen()s
	 * libgcc_s, whose loader list LeakSanitizer reports as a leak.
	 */
	if (!__interceptor_malloc) {
		in_shim = 1;
		nr_frames = backtrace(frames, MAX_FRAMES);
		in_shim = 0;
	}
	errno = ENOMEM;
	return 1;
}

#define RA __builtin_return_address(0)

void *malloc(size_t n)
{
	if (should_fail(RA))
		return NULL;
	return real_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (should_fail(RA))
		return NULL;
	return real_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (n && should_fail(RA))
		return NULL;
	return real_realloc(p, n);
}

void *reallocarray(void *p, size_t n, size_t m)
{
	if (m && n > SIZE_MAX / m) {
		errno = ENOMEM;
		return NULL;
	}
	if (n && m && should_fail(RA))
		return NULL;
	return real_realloc(p, n * m);
}

char *strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p;

	if (should_fail(RA))
		return NULL;
	p = real_malloc(len);
	if (p)
		memcpy(p, s, len);
	return p;
}

char *strndup(const char *s, size_t max)
{
	size_t len = strnlen(s, max);
	char *p;

	if (should_fail(RA))
		return NULL;
	p = real_malloc(len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (should_fail(RA))
		return ENOMEM;
	return real_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p;

	if (should_fail(RA))
		return NULL;
	if (real_memalign(&p, align, n)) {
		errno = ENOMEM;
		return NULL;
	}
	return p;
}

void *memalign(size_t align, size_t n)
{
	void *p;

	if (should_fail(RA))
		return NULL;
	if (real_memalign(&p, align, n)) {
		errno = ENOMEM;
		return NULL;
	}
	return p;
}

void *valloc(size_t n)
{
	void *p;

	if (should_fail(RA))
		return NULL;
	if (real_memalign(&p, (size_t)sysconf(_SC_PAGESIZE), n)) {
		errno = ENOMEM;
		return NULL;
	}
	return p;
}

void *pvalloc(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *p;

	if (should_fail(RA))
		return NULL;
	n = (n + page - 1) & ~(page - 1);
	if (real_memalign(&p, page, n ? n : page)) {
		errno = ENOMEM;
		return NULL;
	}
	return p;
}

/* free() is the real one: glibc's, or ASan's (it comes before glibc) */

static void put(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len) {
		ssize_t w = write(fd, s, len);

		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

__attribute__((constructor)) static void start(void)
{
	const char *s = getenv("FLOE_OOM_FAIL");
	const char *skip = getenv("FLOE_OOM_SKIP");
	const char *report = getenv("FLOE_OOM_REPORT");

	if (s)
		fail_at = strtoul(s, NULL, 10);
	while (skip && *skip && nr_skip_words < MAX_SKIP_WORDS) {
		size_t len = strcspn(skip, ":");

		if (len && len < sizeof(skip_words[0])) {
			memcpy(skip_words[nr_skip_words], skip, len);
			skip_words[nr_skip_words++][len] = '\0';
		}
		skip += len;
		if (*skip == ':')
			skip++;
	}
	if (report && strlen(report) < sizeof(report_path))
		memcpy(report_path, report, strlen(report) + 1);
	main_tid = (pid_t)syscall(SYS_gettid);
	is_main = 1;
	ready = 1;
}

__attribute__((destructor)) static void finish(void)
{
	char line[512];
	int fd;

	if (!report_path[0] || (pid_t)syscall(SYS_gettid) != main_tid)
		return;
	ready = 0;
	fd = open(report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	snprintf(line, sizeof(line), "count %lu\n", counted);
	put(fd, line);
	if (fail_at && fail_at <= counted) {
		snprintf(line, sizeof(line), "failed %lu\n", fail_at);
		put(fd, line);
		for (int i = 0; i < nr_frames; i++) {
			Dl_info info;

			if (!dladdr(frames[i], &info) || !info.dli_fname)
				continue;
			snprintf(line, sizeof(line), "frame %s+0x%lx\n",
				 info.dli_fname,
				 (unsigned long)((uintptr_t)frames[i] -
						 (uintptr_t)info.dli_fbase));
			put(fd, line);
		}
	}
	close(fd);
}
