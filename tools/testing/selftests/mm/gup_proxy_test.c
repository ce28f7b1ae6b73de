// SPDX-License-Identifier: GPL-2.0
/*
 * GUP with page proxies (FOLL_PROXY), driven from user space through
 * /sys/kernel/debug/gup_test: get and pin, GUP-fast and the slow path,
 * long-term pins held across fork(), on private and shared anonymous
 * memory and on a memfd, with and without THP, for 1, 512 and 123 pages
 * (123 straddle a PMD boundary), read-only and with FOLL_WRITE: the idea
 * of run_gup_matrix in run_vmtests.sh, with proxies.
 *
 * Every proxy is counted in /sys/kernel/debug/page_proxy/stats: each run
 * must allocate one per page (none without GUP_TEST_FLAG_PROXY), free them
 * all and report no misuse.
 */
#define _GNU_SOURCE
#define __SANE_USERSPACE_TYPES__ /* u64 as unsigned long long */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mm/gup_test.h>

#include "../kselftest_harness.h"
#include "vm_util.h"

/* From include/linux/mm_types.h: gup_test passes gup_flags through. */
#define FOLL_WRITE	0x01

#define GUP_TEST_FILE	"/sys/kernel/debug/gup_test"
#define PROXY_STATS	"/sys/kernel/debug/page_proxy/stats"
#define SHMEM_THP	"/sys/kernel/mm/transparent_hugepage/shmem_enabled"

enum gup_proxy_mem {
	MEM_PRIVATE,	/* MAP_PRIVATE | MAP_ANONYMOUS */
	MEM_SHARED,	/* MAP_SHARED | MAP_ANONYMOUS: shmem */
	MEM_MEMFD,	/* MAP_SHARED of a memfd: shmem */
};

struct proxy_stats {
	long allocated;
	long freed;
	long misuse;
	long live;
};

/* Reads the proxy counters; false if page proxies or debugfs are missing. */
static bool read_proxy_stats(struct proxy_stats *st)
{
	char name[32];
	long val;
	int found = 0;
	FILE *f;

	f = fopen(PROXY_STATS, "r");
	if (!f)
		return false;
	while (fscanf(f, "%31[^:]: %ld\n", name, &val) == 2) {
		if (!strcmp(name, "allocated"))
			st->allocated = val, found++;
		else if (!strcmp(name, "freed"))
			st->freed = val, found++;
		else if (!strcmp(name, "misuse"))
			st->misuse = val, found++;
		else if (!strcmp(name, "live"))
			st->live = val, found++;
	}
	fclose(f);
	return found == 4;
}

/* shmem THP needs shmem_enabled to honour MADV_HUGEPAGE. */
static bool shmem_thp_advisable(void)
{
	char buf[128] = "";
	FILE *f = fopen(SHMEM_THP, "r");

	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strstr(buf, "[advise]") || strstr(buf, "[always]") ||
	       strstr(buf, "[within_size]") || strstr(buf, "[force]");
}

/* What the helpers below need: the fixture's state and the variant's. */
struct gup_range {
	int gup_fd;
	size_t page_size;
	size_t pmd_size;
	char *area;		/* two PMD sizes at a PMD-aligned address */
	size_t area_size;
	char *mem;		/* the variant's nr_pages, inside area */
	size_t size;
	unsigned int nr_pages;
	bool write;
	struct proxy_stats before;
};

FIXTURE(gup_proxy)
{
	struct gup_range r;
};

FIXTURE_VARIANT(gup_proxy)
{
	enum gup_proxy_mem mem;
	bool thp;
	unsigned int nr_pages;
	bool write;
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_1_read)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_1_write)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_512_read)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_512_write)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_123_read)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_thp_123_write)
{
	.mem = MEM_PRIVATE, .thp = true, .nr_pages = 123, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_1_read)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_1_write)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_512_read)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_512_write)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_123_read)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, private_nothp_123_write)
{
	.mem = MEM_PRIVATE, .thp = false, .nr_pages = 123, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_1_read)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_1_write)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_512_read)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_512_write)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_123_read)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_thp_123_write)
{
	.mem = MEM_SHARED, .thp = true, .nr_pages = 123, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_1_read)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_1_write)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_512_read)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_512_write)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_123_read)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, shared_nothp_123_write)
{
	.mem = MEM_SHARED, .thp = false, .nr_pages = 123, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_1_read)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_1_write)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_512_read)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_512_write)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_123_read)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_thp_123_write)
{
	.mem = MEM_MEMFD, .thp = true, .nr_pages = 123, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_1_read)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 1, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_1_write)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 1, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_512_read)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 512, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_512_write)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 512, .write = true,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_123_read)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 123, .write = false,
};

FIXTURE_VARIANT_ADD(gup_proxy, memfd_nothp_123_write)
{
	.mem = MEM_MEMFD, .thp = false, .nr_pages = 123, .write = true,
};

/* Every byte of page i of the tested range holds fill(seed, i). */
static unsigned char fill(unsigned char seed, size_t i)
{
	return seed + i * 7;
}

static void write_pattern(struct gup_range *r, char *to, unsigned char seed)
{
	size_t i;

	for (i = 0; i < r->nr_pages; i++)
		memset(to + i * r->page_size, fill(seed, i), r->page_size);
}

/* The offset of the first byte that differs from the pattern, or -1. */
static long check_pattern(struct gup_range *r, const char *mem,
			  unsigned char seed)
{
	size_t i, j;

	for (i = 0; i < r->nr_pages; i++)
		for (j = 0; j < r->page_size; j++)
			if ((unsigned char)mem[i * r->page_size + j] !=
			    fill(seed, i))
				return i * r->page_size + j;
	return -1;
}

FIXTURE_SETUP(gup_proxy)
{
	bool shmem = variant->mem != MEM_PRIVATE;
	struct gup_range *r = &self->r;
	char *reserve, *area;
	size_t first;
	int fd;

	r->gup_fd = -1;
	r->area = MAP_FAILED;
	r->nr_pages = variant->nr_pages;
	r->write = variant->write;
	r->page_size = getpagesize();
	r->pmd_size = read_pmd_pagesize();
	if (!r->pmd_size)
		SKIP(return, "no THP (hpage_pmd_size unreadable)");
	if (variant->thp && shmem && !shmem_thp_advisable())
		SKIP(return, "shmem THP off: write advise to %s", SHMEM_THP);
	if (!read_proxy_stats(&r->before))
		SKIP(return, "no %s (CONFIG_PAGE_PROXY, debugfs)", PROXY_STATS);
	r->gup_fd = open(GUP_TEST_FILE, O_RDWR);
	if (r->gup_fd < 0)
		SKIP(return, "no %s (CONFIG_GUP_TEST, debugfs, root)",
		     GUP_TEST_FILE);

	/* Two PMDs at a PMD-aligned address, so that THPs can map them. */
	r->area_size = 2 * r->pmd_size;
	reserve = mmap(NULL, r->area_size + r->pmd_size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(reserve, MAP_FAILED);
	area = (char *)(((unsigned long)reserve + r->pmd_size - 1) &
			~(r->pmd_size - 1));
	if (area > reserve)
		ASSERT_EQ(munmap(reserve, area - reserve), 0);
	ASSERT_EQ(munmap(area + r->area_size, reserve + r->pmd_size - area), 0);

	switch (variant->mem) {
	case MEM_PRIVATE:
		area = mmap(area, r->area_size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case MEM_SHARED:
		area = mmap(area, r->area_size, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case MEM_MEMFD:
		fd = memfd_create("gup_proxy_test", 0);
		ASSERT_GE(fd, 0);
		ASSERT_EQ(ftruncate(fd, r->area_size), 0);
		area = mmap(area, r->area_size, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_FIXED, fd, 0);
		close(fd);
		break;
	}
	ASSERT_NE(area, MAP_FAILED);
	r->area = area;
	ASSERT_EQ(madvise(area, r->area_size,
			  variant->thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE), 0);

	/* The range starts nr_pages / 2 pages below the PMD boundary. */
	first = r->pmd_size / r->page_size - r->nr_pages / 2;
	r->mem = area + first * r->page_size;
	r->size = r->nr_pages * r->page_size;
	memset(area, 0xff, r->area_size);
	write_pattern(r, r->mem, 1);

	/* The variant tests what it says: THP-mapped or not at all. */
	if (shmem) {
		ASSERT_TRUE(check_huge_shmem(area, variant->thp ? 2 : 0,
					     r->pmd_size));
	} else {
		ASSERT_TRUE(check_huge_anon(area, variant->thp ? 2 : 0,
					    r->pmd_size));
	}
}

FIXTURE_TEARDOWN(gup_proxy)
{
	struct gup_range *r = &self->r;
	struct proxy_stats now;

	if (r->area != MAP_FAILED)
		munmap(r->area, r->area_size);
	if (r->gup_fd < 0)
		return;
	close(r->gup_fd);
	/* Closing gup_test stops a long-term pin: nothing may stay live. */
	ASSERT_TRUE(read_proxy_stats(&now));
	EXPECT_EQ(now.live, r->before.live);
	EXPECT_EQ(now.misuse, r->before.misuse);
}

/* One gup_test command over the range; -errno on failure. */
static int gup_run(struct gup_range *r, unsigned long cmd, bool proxy,
		   struct gup_test *gup)
{
	memset(gup, 0, sizeof(*gup));
	gup->addr = (unsigned long)r->mem;
	gup->size = r->size;
	gup->nr_pages_per_call = r->nr_pages;
	gup->gup_flags = r->write ? FOLL_WRITE : 0;
	gup->test_flags = proxy ? GUP_TEST_FLAG_PROXY : 0;
	return ioctl(r->gup_fd, cmd, gup) ? -errno : 0;
}

/*
 * Runs @cmd without proxies, then with: both take every page; the first
 * allocates no proxy, the second one per page, and frees them all.
 */
static void gup_both_ways(struct __test_metadata *_metadata,
			  struct gup_range *r, unsigned long cmd)
{
	struct proxy_stats st0, st1, st2;
	struct gup_test gup;

	ASSERT_TRUE(read_proxy_stats(&st0));
	ASSERT_EQ(gup_run(r, cmd, false, &gup), 0);
	ASSERT_EQ(gup.size, r->size);
	ASSERT_TRUE(read_proxy_stats(&st1));
	EXPECT_EQ(st1.allocated, st0.allocated);
	EXPECT_EQ(st1.live, st0.live);

	ASSERT_EQ(gup_run(r, cmd, true, &gup), 0);
	ASSERT_EQ(gup.size, r->size);
	ASSERT_TRUE(read_proxy_stats(&st2));
	EXPECT_EQ(st2.allocated - st1.allocated, r->nr_pages);
	EXPECT_EQ(st2.freed - st1.freed, r->nr_pages);
	EXPECT_EQ(st2.live, st0.live);
	EXPECT_EQ(st2.misuse, st0.misuse);

	/* GUP took the pages the process maps: its data is still there. */
	EXPECT_EQ(check_pattern(r, r->mem, 1), -1);
}

TEST_F(gup_proxy, get_basic)
{
	gup_both_ways(_metadata, &self->r, GUP_BASIC_TEST);
}

TEST_F(gup_proxy, pin_basic)
{
	gup_both_ways(_metadata, &self->r, PIN_BASIC_TEST);
}

TEST_F(gup_proxy, get_fast)
{
	gup_both_ways(_metadata, &self->r, GUP_FAST_BENCHMARK);
}

TEST_F(gup_proxy, pin_fast)
{
	gup_both_ways(_metadata, &self->r, PIN_FAST_BENCHMARK);
}

TEST_F(gup_proxy, pin_longterm)
{
	gup_both_ways(_metadata, &self->r, PIN_LONGTERM_BENCHMARK);
}

/*
 * get_user_pages_fast_only() hands out no proxies: gup_test refuses
 * GUP_TEST_FLAG_PROXY for it with -EINVAL, without calling it (which
 * would report a misuse). Without proxies it takes the resident pages.
 */
TEST_F(gup_proxy, fast_only)
{
	struct gup_range *r = &self->r;
	struct proxy_stats st0, st1;
	struct gup_test gup;

	ASSERT_TRUE(read_proxy_stats(&st0));
	ASSERT_EQ(gup_run(r, GUP_FAST_ONLY_BENCHMARK, false, &gup), 0);
	/* Faulted in and mapped writable above: GUP-fast takes them all. */
	EXPECT_EQ(gup.size, r->size);
	ASSERT_EQ(gup_run(r, GUP_FAST_ONLY_BENCHMARK, true, &gup), -EINVAL);
	ASSERT_TRUE(read_proxy_stats(&st1));
	EXPECT_EQ(st1.allocated, st0.allocated);
	EXPECT_EQ(st1.misuse, st0.misuse);
}

/* Long-term pin through proxies, held while user space looks. */
static void pin_start(struct __test_metadata *_metadata, struct gup_range *r)
{
	struct pin_longterm_test args = {
		.addr = (unsigned long)r->mem,
		.size = r->size,
		.flags = PIN_LONGTERM_TEST_FLAG_USE_PROXY |
			 (r->write ? PIN_LONGTERM_TEST_FLAG_USE_WRITE : 0),
	};
	struct proxy_stats st;

	ASSERT_EQ(ioctl(r->gup_fd, PIN_LONGTERM_TEST_START, &args), 0);
	ASSERT_TRUE(read_proxy_stats(&st));
	/* One live proxy per pinned page, also for THP subpages. */
	ASSERT_EQ(st.live, r->before.live + r->nr_pages);
}

/* The content of the pinned pages, as the kernel reads it through them. */
/* check_pattern() of what the pinned pages hold (PIN_LONGTERM_TEST_READ). */
static long check_pinned(struct __test_metadata *_metadata,
			 struct gup_range *r, int pattern)
{
	char *buf = malloc(r->size);
	__u64 to = (unsigned long)buf;
	long ret;

	ASSERT_NE(buf, NULL);
	memset(buf, 0, r->size);
	ASSERT_EQ(ioctl(r->gup_fd, PIN_LONGTERM_TEST_READ, &to), 0);
	ret = check_pattern(r, buf, pattern);
	free(buf);
	return ret;
}

static void pin_stop(struct __test_metadata *_metadata, struct gup_range *r)
{
	struct proxy_stats st;

	ASSERT_EQ(ioctl(r->gup_fd, PIN_LONGTERM_TEST_STOP), 0);
	ASSERT_TRUE(read_proxy_stats(&st));
	EXPECT_EQ(st.live, r->before.live);
	EXPECT_EQ(st.misuse, r->before.misuse);
}

/* The pinned pages are the ones mapped: they see what the process writes. */
TEST_F(gup_proxy, pinned_pages_mapped)
{
	struct gup_range *r = &self->r;

	pin_start(_metadata, r);
	EXPECT_EQ(check_pinned(_metadata, r, 1), -1);

	write_pattern(r, r->mem, 2);
	EXPECT_EQ(check_pinned(_metadata, r, 2), -1);
	pin_stop(_metadata, r);
}

/*
 * fork() while pages are pinned through proxies. Private anonymous memory:
 * fork copies pinned pages for the child, so the pinned pages stay the
 * parent's: the child's writes do not reach them, the parent's still do.
 * Shared memory has no COW: the child writes to the pinned pages.
 */
TEST_F(gup_proxy, fork_while_pinned)
{
	bool private = variant->mem == MEM_PRIVATE;
	struct gup_range *r = &self->r;
	int status;
	pid_t pid;

	pin_start(_metadata, r);

	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		write_pattern(r, r->mem, 3);
		_exit(check_pattern(r, r->mem, 3) == -1 ? 0 : 1);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(WEXITSTATUS(status), 0);

	/* What the parent maps, and what the pinned pages hold. */
	EXPECT_EQ(check_pattern(r, r->mem, private ? 1 : 3), -1);
	EXPECT_EQ(check_pinned(_metadata, r, private ? 1 : 3), -1);

	/* The parent still maps the pinned pages: no COW moved it away. */
	write_pattern(r, r->mem, 4);
	EXPECT_EQ(check_pinned(_metadata, r, 4), -1);

	pin_stop(_metadata, r);
}

TEST_HARNESS_MAIN
