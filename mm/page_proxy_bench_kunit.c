// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit benchmark for page proxies: what FOLL_PROXY costs next to the same
 * get_user_pages_fast() and pin_user_pages_fast() calls without it.
 *
 * Not a test of behaviour, and not a timed test: a case fails only if GUP
 * does not return every page or a proxy is left live; the figures go to
 * the log, one "bench:" line per case. Raw and proxy passes alternate, and
 * which of the two runs first alternates too, so that a drift of the
 * machine's speed shows in both. Under UML this times the slow GUP path at
 * the host's native speed (UML has neither GUP-fast nor THP); in a kernel
 * with GUP-fast it times that.
 */

#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/page_proxy.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "page_proxy.h"

#define PPB_BYTES	(64UL << 20)		/* as gup_test -m 64 */
#define PPB_PAGES	(PPB_BYTES >> PAGE_SHIFT)
#define PPB_CALL	512			/* pages per GUP call, as gup_test -n 512 */
#define PPB_PASSES	8			/* passes per timed sample */
#define PPB_REPS	7

/* One GUP call and its release, each in a function of its own. */
struct ppb_variant {
	const char *name;
	int (*gup)(unsigned long addr, int nr, unsigned int flags,
		   struct page __proxy **pages);
	void (*put)(struct page __proxy **pages, unsigned long nr);
};

static int ppb_get(unsigned long addr, int nr, unsigned int flags,
		   struct page __proxy **pages)
{
	return get_user_pages_fast(addr, nr, flags, pages);
}

static void ppb_put(struct page __proxy **pages, unsigned long nr)
{
	put_user_pages(pages, nr);
}

static int ppb_pin(unsigned long addr, int nr, unsigned int flags,
		   struct page __proxy **pages)
{
	return pin_user_pages_fast(addr, nr, flags, pages);
}

static void ppb_unpin(struct page __proxy **pages, unsigned long nr)
{
	unpin_user_pages(pages, nr);
}

static const struct ppb_variant ppb_variants[] = {
	{ "get_user_pages_fast+put_user_pages", ppb_get, ppb_put },
	{ "pin_user_pages_fast+unpin_user_pages", ppb_pin, ppb_unpin },
};

static void ppb_variant_desc(const struct ppb_variant *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ppb_variant, ppb_variants, ppb_variant_desc);

/*
 * PPB_PASSES passes over the whole mapping, PPB_CALL pages per call.
 * Return: the time per pass in ns, or 0 if a call came back short
 * (reported).
 */
static u64 ppb_pass(struct kunit *test, const struct ppb_variant *v,
		    unsigned long addr, struct page __proxy **pages,
		    unsigned int flags)
{
	unsigned long off;
	u64 start = ktime_get_ns();
	int ret;

	for (off = 0; off < PPB_PASSES * PPB_BYTES; off += PPB_CALL * PAGE_SIZE) {
		unsigned long at = addr + off % PPB_BYTES;

		ret = v->gup(at, PPB_CALL, flags, pages);
		if (ret != PPB_CALL) {
			KUNIT_FAIL(test, "GUP at %#lx returned %d of %d", at, ret, PPB_CALL);
			if (ret > 0)
				v->put(pages, ret);
			return 0;
		}
		v->put(pages, PPB_CALL);
	}
	return div_u64(ktime_get_ns() - start, PPB_PASSES);
}

static int ppb_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Sorts @v in place. */
static u64 ppb_median(u64 *v, int n)
{
	sort(v, n, sizeof(*v), ppb_cmp_u64, NULL);
	return v[n / 2];
}

static void page_proxy_bench_gup(struct kunit *test)
{
	const struct ppb_variant *v = test->param_value;
	u64 raw[PPB_REPS], proxy[PPB_REPS], ratio[PPB_REPS];
	struct page __proxy **pages;
	unsigned long addr;
	u32 raw_ns, proxy_ns, lo, mid, hi;
	long live;
	int rep;

	addr = kunit_vm_mmap(test, NULL, 0, PPB_BYTES, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE | MAP_POPULATE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR_VALUE(addr) || !addr,
			       "kunit_vm_mmap() failed: %ld", (long)addr);
	pages = kunit_kmalloc_array(test, PPB_CALL, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	live = page_proxy_live();

	/* Warm up: the first pass breaks COW and fills the page tables. */
	KUNIT_ASSERT_NE(test, ppb_pass(test, v, addr, pages, FOLL_WRITE), 0);
	KUNIT_ASSERT_NE(test, ppb_pass(test, v, addr, pages,
				       FOLL_WRITE | FOLL_PROXY), 0);

	for (rep = 0; rep < PPB_REPS; rep++) {
		bool raw_first = !(rep & 1);

		if (raw_first)
			raw[rep] = ppb_pass(test, v, addr, pages, FOLL_WRITE);
		proxy[rep] = ppb_pass(test, v, addr, pages,
				      FOLL_WRITE | FOLL_PROXY);
		if (!raw_first)
			raw[rep] = ppb_pass(test, v, addr, pages, FOLL_WRITE);
		KUNIT_ASSERT_NE(test, raw[rep], 0);
		KUNIT_ASSERT_NE(test, proxy[rep], 0);
		ratio[rep] = div64_u64(proxy[rep] * 1000, raw[rep]);
	}
	KUNIT_EXPECT_EQ_MSG(test, page_proxy_live(), live,
			    "proxies left live after the benchmark");

	/* Tenths of a ns per page, and ratios in thousandths: they fit 32 bits. */
	raw_ns = div_u64(ppb_median(raw, PPB_REPS) * 10, PPB_PAGES);
	proxy_ns = div_u64(ppb_median(proxy, PPB_REPS) * 10, PPB_PAGES);
	ppb_median(ratio, PPB_REPS);
	lo = ratio[0];
	mid = ratio[PPB_REPS / 2];
	hi = ratio[PPB_REPS - 1];
	kunit_info(test,
		   "bench: %s 4k: raw %u.%u ns/page, proxy %u.%u ns/page (medians of %d); proxy/raw min %u.%03u median %u.%03u max %u.%03u\n",
		   v->name, raw_ns / 10, raw_ns % 10, proxy_ns / 10, proxy_ns % 10,
		   PPB_REPS, lo / 1000, lo % 1000, mid / 1000, mid % 1000,
		   hi / 1000, hi % 1000);
}

static struct kunit_case page_proxy_bench_cases[] = {
	KUNIT_CASE_PARAM_ATTR(page_proxy_bench_gup, ppb_variant_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite page_proxy_bench_suite = {
	.name = "page_proxy_bench",
	.test_cases = page_proxy_bench_cases,
};

kunit_test_suite(page_proxy_bench_suite);

MODULE_DESCRIPTION("KUnit benchmark of page proxies (FOLL_PROXY)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
