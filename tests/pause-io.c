/* pause-io.c - an LD_PRELOAD helper for the share tests (tests/netdrive-
 * journal.sh): it holds a program still just before its Nth write to one
 * file, so that the test can take the network drive away at that very
 * moment, under a save in progress.
 *
 * Built by the test itself: gcc -shared -fPIC -o pause-io.so pause-io.c -ldl
 *
 * Environment (all needed, else it does nothing):
 *   YC_PAUSE_ARM   a file: while it exists the helper is armed; it is removed
 *                  when the pause comes, so there is one pause per arming
 *   YC_PAUSE_FILE  the end of the written file's path, e.g. "/hall.db"
 *   YC_PAUSE_NTH   pause before the Nth write to that file since arming
 *   YC_PAUSE_FLAG  a file created when the pause begins; the program goes on
 *                  (the write is then made) when the test removes it, or
 *                  after 60 s */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int writes;

static void maybe_pause(int fd)
{
	const char *arm = getenv("YC_PAUSE_ARM"), *suffix = getenv("YC_PAUSE_FILE");
	const char *nth = getenv("YC_PAUSE_NTH"), *flag = getenv("YC_PAUSE_FLAG");
	char link[64], path[4096];
	size_t len;
	ssize_t n;
	int i, f;

	if (!arm || !suffix || !nth || !flag || access(arm, F_OK) != 0)
		return;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return;
	path[n] = '\0';
	len = strlen(suffix);
	if ((size_t)n < len || strcmp(path + n - len, suffix) != 0)
		return;
	if (++writes < atoi(nth))
		return;
	writes = 0;
	unlink(arm);
	f = open(flag, O_WRONLY | O_CREAT, 0644);
	if (f >= 0)
		close(f);
	for (i = 0; i < 1200 && access(flag, F_OK) == 0; i++)
		usleep(50000);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t at)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
	maybe_pause(fd);
	return real(fd, buf, n, at);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t at)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	maybe_pause(fd);
	return real(fd, buf, n, at);
}
