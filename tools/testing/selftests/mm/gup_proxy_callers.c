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
 * execve() (fs/exec.c) copies its arguments into the new process' stack
 * through get_arg_page(), get_user_pages_remote(FOLL_PROXY), a page at a
 * time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

TEST_F(remote, process_vm_readv)
{
	struct iovec local = { .iov_base = self->buf, .iov_len = self->size };
	struct iovec remote = { .iov_base = self->mem, .iov_len = self->size };
	size_t i, bad = 0;

	ASSERT_EQ(process_vm_readv(self->child, &local, 1, &remote, 1, 0),
		  (ssize_t)self->size) {
		TH_LOG("process_vm_readv: %s", strerror(errno));
	}
	for (i = 0; i < self->size; i++)
		bad += self->buf[i] != child_byte(i);
	EXPECT_EQ(bad, 0);
	proxies_carried(_metadata, self, variant->pages);
	/* The child's memory is as it left it: exit status 3. */
	EXPECT_EQ(child_done(self), 3);
}

TEST_F(remote, process_vm_writev)
{
	struct iovec local = { .iov_base = self->buf, .iov_len = self->size };
	struct iovec remote = { .iov_base = self->mem, .iov_len = self->size };
	size_t i;

	for (i = 0; i < self->size; i++)
		self->buf[i] = (char)(child_byte(i) + 1);
	ASSERT_EQ(process_vm_writev(self->child, &local, 1, &remote, 1, 0),
		  (ssize_t)self->size) {
		TH_LOG("process_vm_writev: %s", strerror(errno));
	}
	proxies_carried(_metadata, self, variant->pages);
	/* The child sees every byte the parent wrote; this copy is untouched. */
	EXPECT_EQ(child_done(self), 0);
	for (i = 0; i < self->size; i++)
		if (self->mem[i] != parent_byte(i))
			break;
	EXPECT_EQ(i, self->size);
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
