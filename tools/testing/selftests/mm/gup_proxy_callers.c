// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke tests of GUP callers that the tree-wide conversion
 * (scripts/coccinelle/api/gup_proxy.cocci) opted in to page proxies.
 * Each test drives one converted path from user space, checks the data it
 * moved, and checks in /sys/kernel/debug/page_proxy/stats that proxies
 * carried the pages: at least one allocated per page, none left live.
 *
 * process_vm_readv() and process_vm_writev() (mm/process_vm_access.c) pin
 * the pages of another process with pin_user_pages_remote(FOLL_PROXY),
 * into an array on the stack for up to 16 pages, into a kmalloc'd one
 * above that, and in several rounds above 1024 pages.
 *
 * /proc/pid/mem (mm/memory.c, __access_remote_vm()) reads and writes
 * another process' memory a page at a time, through a proxy from
 * get_user_pages_remote(FOLL_PROXY).
 *
 * execve() (fs/exec.c) copies its arguments into the new process' stack
 * through get_arg_page(), get_user_pages_remote(FOLL_PROXY), a page at a
 * time.
 *
 * A futex that is not process-private (kernel/futex/core.c,
 * get_futex_key()) is keyed by what backs its page, found through a proxy
 * from get_user_pages_fast(FOLL_PROXY): by mm and address for private
 * anonymous memory, by inode and page offset for shmem and memfd. A waker
 * finds its waiter only if both computed the same key.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"

#define PROXY_STATS	"/sys/kernel/debug/page_proxy/stats"
#define EXEC_CHILD	"--exec-child"
#define ARG_PAGES	4

/* One counter of PROXY_STATS ("name: value"), or -1 if it is not there. */
static long proxy_stat(const char *counter)
{
	size_t len = strlen(counter);
	char line[128];
	long val = -1;
	FILE *f;

	f = fopen(PROXY_STATS, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, counter, len) && line[len] == ':')
			val = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return val;
}

/* What the child's copy of byte i holds: not what the parent's holds. */
static char child_byte(size_t i)
{
	return (char)(i * 13 + 7);
}

static char parent_byte(size_t i)
{
	return (char)~child_byte(i);
}

FIXTURE(remote)
{
	size_t size;
	char *mem;	/* mapped before fork(): the child has its own copy */
	char *buf;	/* the parent's side of the transfer */
	pid_t child;
	int go[2];	/* the parent closes go[1]: the child checks and exits */
	long allocated;
	long live;
};

FIXTURE_VARIANT(remote)
{
	size_t pages;
};

/* The array on process_vm_rw_core()'s stack. */
FIXTURE_VARIANT_ADD(remote, one_page)
{
	.pages = 1,
};

/* A kmalloc'd array, one round of pins. */
FIXTURE_VARIANT_ADD(remote, pages_123)
{
	.pages = 123,
};

/* More pages than one round of pin_user_pages_remote() takes (1024). */
FIXTURE_VARIANT_ADD(remote, pages_1100)
{
	.pages = 1100,
};

FIXTURE_SETUP(remote)
{
	size_t i, untouched = 0, written = 0;
	int ready[2];
	char c;

	if (proxy_stat("live") < 0)
		SKIP(return, "no %s: page proxies or debugfs missing", PROXY_STATS);
	self->size = variant->pages * getpagesize();
	self->mem = mmap(NULL, self->size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(self->mem, MAP_FAILED);
	self->buf = malloc(self->size);
	ASSERT_NE(self->buf, NULL);
	for (i = 0; i < self->size; i++)
		self->mem[i] = parent_byte(i);
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(self->go), 0);
	self->child = fork();
	ASSERT_GE(self->child, 0);
	if (!self->child) {
		close(ready[0]);
		close(self->go[1]);
		for (i = 0; i < self->size; i++)
			self->mem[i] = child_byte(i);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		/* EOF on go: the parent is done with this process' memory. */
		while (read(self->go[0], &c, 1) > 0)
			;
		/* 3: untouched; 0: every byte is what the parent wrote. */
		for (i = 0; i < self->size; i++) {
			untouched += self->mem[i] == child_byte(i);
			written += self->mem[i] == (char)(child_byte(i) + 1);
		}
		_exit(untouched == self->size ? 3 : written == self->size ? 0 : 1);
	}
	close(ready[1]);
	close(self->go[0]);
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	close(ready[0]);
	self->allocated = proxy_stat("allocated");
	self->live = proxy_stat("live");
}

/* Closes go and returns the child's exit status, or -1. */
static int child_done(struct _test_data_remote *self)
{
	int status;

	if (self->child <= 0)
		return -1;
	close(self->go[1]);
	if (waitpid(self->child, &status, 0) != self->child)
		return -1;
	self->child = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FIXTURE_TEARDOWN(remote)
{
	child_done(self);
	free(self->buf);
	if (self->mem && self->mem != MAP_FAILED)
		munmap(self->mem, self->size);
}

/* Proxies carried every page of the call, and none is left. */
static void proxies_carried(struct __test_metadata *_metadata,
			    struct _test_data_remote *self, size_t pages)
{
	EXPECT_GE(proxy_stat("allocated") - self->allocated, (long)pages);
	EXPECT_EQ(proxy_stat("live"), self->live);
}

/*
 * After a read of the child's memory into buf: every byte is the child's,
 * proxies carried the pages, and the child's memory is as it left it
 * (exit status 3).
 */
static void read_back(struct __test_metadata *_metadata,
		      struct _test_data_remote *self, size_t pages)
{
	size_t i, bad = 0;

	for (i = 0; i < self->size; i++)
		bad += self->buf[i] != child_byte(i);
	EXPECT_EQ(bad, 0);
	proxies_carried(_metadata, self, pages);
	EXPECT_EQ(child_done(self), 3);
}

/* What the parent writes into the child's memory. */
static void write_payload(struct _test_data_remote *self)
{
	size_t i;

	for (i = 0; i < self->size; i++)
		self->buf[i] = (char)(child_byte(i) + 1);
}

/*
 * After that write: proxies carried the pages, the child sees every byte
 * the parent wrote (exit status 0), and the parent's copy is untouched.
 */
static void written(struct __test_metadata *_metadata,
		    struct _test_data_remote *self, size_t pages)
{
	size_t i;

	proxies_carried(_metadata, self, pages);
	EXPECT_EQ(child_done(self), 0);
	for (i = 0; i < self->size; i++)
		if (self->mem[i] != parent_byte(i))
			break;
	EXPECT_EQ(i, self->size);
}

TEST_F(remote, process_vm_readv)
{
	struct iovec local = { .iov_base = self->buf, .iov_len = self->size };
	struct iovec remote = { .iov_base = self->mem, .iov_len = self->size };

	ASSERT_EQ(process_vm_readv(self->child, &local, 1, &remote, 1, 0),
		  (ssize_t)self->size) {
		TH_LOG("process_vm_readv: %s", strerror(errno));
	}
	read_back(_metadata, self, variant->pages);
}

TEST_F(remote, process_vm_writev)
{
	struct iovec local = { .iov_base = self->buf, .iov_len = self->size };
	struct iovec remote = { .iov_base = self->mem, .iov_len = self->size };

	write_payload(self);
	ASSERT_EQ(process_vm_writev(self->child, &local, 1, &remote, 1, 0),
		  (ssize_t)self->size) {
		TH_LOG("process_vm_writev: %s", strerror(errno));
	}
	written(_metadata, self, variant->pages);
}

/* The child's memory through /proc/<pid>/mem, opened for @flags. */
static int child_mem(struct _test_data_remote *self, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/mem", self->child);
	return open(path, flags);
}

TEST_F(remote, proc_pid_mem_read)
{
	int fd;

	fd = child_mem(self, O_RDONLY);
	ASSERT_GE(fd, 0) {
		TH_LOG("open /proc/%d/mem: %s", self->child, strerror(errno));
	}
	ASSERT_EQ(pread(fd, self->buf, self->size, (off_t)(uintptr_t)self->mem),
		  (ssize_t)self->size) {
		TH_LOG("pread: %s", strerror(errno));
	}
	close(fd);
	read_back(_metadata, self, variant->pages);
}

TEST_F(remote, proc_pid_mem_write)
{
	int fd;

	write_payload(self);
	fd = child_mem(self, O_WRONLY);
	ASSERT_GE(fd, 0) {
		TH_LOG("open /proc/%d/mem: %s", self->child, strerror(errno));
	}
	ASSERT_EQ(pwrite(fd, self->buf, self->size, (off_t)(uintptr_t)self->mem),
		  (ssize_t)self->size) {
		TH_LOG("pwrite: %s", strerror(errno));
	}
	close(fd);
	written(_metadata, self, variant->pages);
}

static long futex(uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *timeout)
{
	return syscall(SYS_futex, uaddr, op, val, timeout, NULL, 0);
}

FIXTURE(shared_futex)
{
	uint32_t *word[2];	/* one on each of two pages */
	size_t size;
	long allocated;
	long live;
};

FIXTURE_VARIANT(shared_futex)
{
	int flags;	/* of mmap() */
	bool memfd;
};

/* Keyed by mm and address. */
FIXTURE_VARIANT_ADD(shared_futex, private_anon)
{
	.flags = MAP_PRIVATE | MAP_ANONYMOUS,
};

/* shmem: keyed by inode and page offset. */
FIXTURE_VARIANT_ADD(shared_futex, shared_anon)
{
	.flags = MAP_SHARED | MAP_ANONYMOUS,
};

/* Keyed by inode and page offset, 3 pages into the file. */
FIXTURE_VARIANT_ADD(shared_futex, memfd)
{
	.flags = MAP_SHARED,
	.memfd = true,
};

FIXTURE_SETUP(shared_futex)
{
	size_t page = getpagesize();
	off_t off = 0;
	char *mem;
	int fd = -1;

	if (proxy_stat("live") < 0)
		SKIP(return, "no %s: page proxies or debugfs missing", PROXY_STATS);
	self->size = 2 * page;
	if (variant->memfd) {
		off = 3 * page;
		fd = memfd_create("gup_proxy_futex", 0);
		ASSERT_GE(fd, 0);
		ASSERT_EQ(ftruncate(fd, off + self->size), 0);
	}
	mem = mmap(NULL, self->size, PROT_READ | PROT_WRITE, variant->flags,
		   fd, off);
	ASSERT_NE(mem, MAP_FAILED);
	if (fd >= 0)
		close(fd);
	self->word[0] = (uint32_t *)mem;
	self->word[1] = (uint32_t *)(mem + page);
	*self->word[0] = 0;
	*self->word[1] = 0;
	self->allocated = proxy_stat("allocated");
	self->live = proxy_stat("live");
}

FIXTURE_TEARDOWN(shared_futex)
{
	if (self->word[0])
		munmap(self->word[0], self->size);
}

/* No waiter: the key is computed, through a proxy, and nobody is woken. */
TEST_F(shared_futex, wake_nobody)
{
	EXPECT_EQ(futex(self->word[0], FUTEX_WAKE, 1, NULL), 0);
	EXPECT_GE(proxy_stat("allocated") - self->allocated, 1);
	EXPECT_EQ(proxy_stat("live"), self->live);
}

/* A value that differs: the key is computed, and the wait refused. */
TEST_F(shared_futex, wait_value_changed)
{
	*self->word[0] = 1;
	EXPECT_EQ(futex(self->word[0], FUTEX_WAIT, 0, NULL), -1);
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_GE(proxy_stat("allocated") - self->allocated, 1);
	EXPECT_EQ(proxy_stat("live"), self->live);
}

struct waiter {
	uint32_t *word;
	pid_t tid;
	int err;	/* 0: woken; else the wait's errno (ETIMEDOUT: never) */
};

static void *futex_waiter(void *arg)
{
	struct timespec timeout = { .tv_sec = 10 };
	struct waiter *w = arg;

	__atomic_store_n(&w->tid, gettid(), __ATOMIC_RELEASE);
	w->err = futex(w->word, FUTEX_WAIT, 0, &timeout) ? errno : 0;
	return NULL;
}

/* The one-letter state of thread @tid of this process, or 0. */
static char thread_state(pid_t tid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * A waiter sleeps on the futex of the second page. A wake of the first
 * page's futex must not find it, a wake of its own must: the keys that
 * get_futex_key() computed through proxies tell the two pages apart and
 * match the waiter's.
 */
TEST_F(shared_futex, wait_wake)
{
	struct waiter w = { .word = self->word[1] };
	pthread_t t;
	int tries;

	ASSERT_EQ(pthread_create(&t, NULL, futex_waiter, &w), 0);
	for (tries = 0; tries < 5000; tries++) {
		pid_t tid = __atomic_load_n(&w.tid, __ATOMIC_ACQUIRE);

		if (tid && thread_state(tid) == 'S')
			break;
		usleep(1000);
	}
	EXPECT_LT(tries, 5000);
	EXPECT_EQ(futex(self->word[0], FUTEX_WAKE, 1, NULL), 0);
	EXPECT_EQ(futex(self->word[1], FUTEX_WAKE, 1, NULL), 1);
	ASSERT_EQ(pthread_join(t, NULL), 0);
	EXPECT_EQ(w.err, 0) {
		TH_LOG("the waiter: %s", strerror(w.err));
	}
	/* The wait and the two wakes: a proxy each, at least. */
	EXPECT_GE(proxy_stat("allocated") - self->allocated, 3);
	EXPECT_EQ(proxy_stat("live"), self->live);
}

static char arg_byte(size_t i)
{
	return 'a' + i % 26;
}

/* The program run by execve_args: argv[2] must be what the parent passed. */
static int exec_child(int argc, char **argv)
{
	size_t i, len = ARG_PAGES * getpagesize();

	if (argc != 3 || strlen(argv[2]) != len)
		return 1;
	for (i = 0; i < len; i++)
		if (argv[2][i] != arg_byte(i))
			return 2;
	return 0;
}

TEST(execve_args)
{
	size_t i, len = ARG_PAGES * getpagesize();
	long allocated = proxy_stat("allocated");
	long live = proxy_stat("live");
	char *arg;
	int status;
	pid_t pid;

	if (live < 0)
		SKIP(return, "no %s: page proxies or debugfs missing", PROXY_STATS);
	arg = malloc(len + 1);
	ASSERT_NE(arg, NULL);
	for (i = 0; i < len; i++)
		arg[i] = arg_byte(i);
	arg[len] = '\0';
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		char *argv[4];

		argv[0] = "gup_proxy_callers";
		argv[1] = EXEC_CHILD;
		argv[2] = arg;
		argv[3] = NULL;
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	free(arg);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	/* A proxy for each page the argument covers, at least; none left. */
	EXPECT_GE(proxy_stat("allocated") - allocated, ARG_PAGES);
	EXPECT_EQ(proxy_stat("live"), live);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
		return exec_child(argc, argv);
	return test_harness_run(argc, argv);
}
