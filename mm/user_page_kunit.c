// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the get_user_pages*() reference API: put_user_page(),
 * put_user_pages(), put_user_pages_dirty_lock() and ref_user_page().
 *
 * Every case works on real user memory from kunit_vm_mmap(), takes FOLL_GET
 * references through the get_user_pages*() entry points and checks that each
 * folio's reference count comes back exactly to where it started. An
 * "observer" reference, taken first and dropped by a deferred action, keeps
 * the folios alive and measurable whatever a case does to them. Counts are
 * read with every CPU's LRU batches drained: see user_page_refs().
 */

#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/uaccess.h>

#define USER_PAGE_TEST_PAGES	4

struct user_page_test_priv {
	unsigned long addr;			/* USER_PAGE_TEST_PAGES anonymous pages */
	struct page *observer[USER_PAGE_TEST_PAGES];
	int start_refs[USER_PAGE_TEST_PAGES];	/* with the observer held */
};

/*
 * The reference count of @page's folio, once no per-CPU LRU batch holds a
 * reference on it: the fault that brought the page in and FOLL_TOUCH
 * (folio_mark_accessed()) queue the folio in batches that take a reference
 * each and drop it whenever they drain, on any CPU, at any time.
 */
static int user_page_refs(struct page *page)
{
	lru_add_drain_all();
	return folio_ref_count(page_folio(page));
}

typedef long (*user_page_gup_fn)(unsigned long addr, unsigned long nr,
				 unsigned int gup_flags, struct page **pages);

struct user_page_gup_variant {
	const char *name;
	user_page_gup_fn gup;
};

static long user_page_gup_fast(unsigned long addr, unsigned long nr,
			       unsigned int gup_flags, struct page **pages)
{
	return get_user_pages_fast(addr, nr, gup_flags, pages);
}

static long user_page_gup(unsigned long addr, unsigned long nr,
			  unsigned int gup_flags, struct page **pages)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = get_user_pages(addr, nr, gup_flags, pages);
	mmap_read_unlock(current->mm);
	return ret;
}

static long user_page_gup_unlocked(unsigned long addr, unsigned long nr,
				   unsigned int gup_flags, struct page **pages)
{
	return get_user_pages_unlocked(addr, nr, pages, gup_flags);
}

static long user_page_gup_remote(unsigned long addr, unsigned long nr,
				 unsigned int gup_flags, struct page **pages)
{
	int locked = 1;
	long ret;

	mmap_read_lock(current->mm);
	ret = get_user_pages_remote(current->mm, addr, nr, gup_flags, pages,
				    &locked);
	if (locked)
		mmap_read_unlock(current->mm);
	return ret;
}

static const struct user_page_gup_variant user_page_gup_variants[] = {
	{ "get_user_pages_fast",	user_page_gup_fast },
	{ "get_user_pages",		user_page_gup },
	{ "get_user_pages_unlocked",	user_page_gup_unlocked },
	{ "get_user_pages_remote",	user_page_gup_remote },
};

KUNIT_ARRAY_PARAM_DESC(user_page_gup, user_page_gup_variants, name);

static void user_page_put_observers(void *data)
{
	struct user_page_test_priv *priv = data;
	int i;

	for (i = 0; i < USER_PAGE_TEST_PAGES; i++)
		if (priv->observer[i])
			put_page(priv->observer[i]);
}

/* Map and fault in fresh anonymous memory, and take the observer references. */
static int user_page_test_init(struct kunit *test)
{
	struct user_page_test_priv *priv;
	unsigned long len = USER_PAGE_TEST_PAGES * PAGE_SIZE;
	long ret;
	int i;

	priv = kunit_kzalloc(test, sizeof(*priv), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, priv);
	test->priv = priv;

	priv->addr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
				   MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR_VALUE(priv->addr) || !priv->addr,
			       "kunit_vm_mmap() failed: %ld", (long)priv->addr);

	ret = get_user_pages_fast(priv->addr, USER_PAGE_TEST_PAGES, FOLL_WRITE,
				  priv->observer);
	KUNIT_ASSERT_EQ(test, ret, USER_PAGE_TEST_PAGES);
	ret = kunit_add_action_or_reset(test, user_page_put_observers, priv);
	KUNIT_ASSERT_EQ(test, ret, 0);

	for (i = 0; i < USER_PAGE_TEST_PAGES; i++)
		priv->start_refs[i] = user_page_refs(priv->observer[i]);
	return 0;
}

static void user_page_expect_refs(struct kunit *test, int delta)
{
	struct user_page_test_priv *priv = test->priv;
	int i, refs;

	for (i = 0; i < USER_PAGE_TEST_PAGES; i++) {
		refs = user_page_refs(priv->observer[i]);
		KUNIT_EXPECT_EQ_MSG(test, refs, priv->start_refs[i] + delta,
				    "page %d", i);
	}
}

/* Each entry point returns the pages the observers hold, one reference each. */
static void user_page_test_put_restores_refcount(struct kunit *test)
{
	const struct user_page_gup_variant *v = test->param_value;
	struct user_page_test_priv *priv = test->priv;
	struct page *pages[USER_PAGE_TEST_PAGES];
	long ret;
	int i;

	ret = v->gup(priv->addr, USER_PAGE_TEST_PAGES, FOLL_WRITE, pages);
	KUNIT_ASSERT_EQ(test, ret, USER_PAGE_TEST_PAGES);
	for (i = 0; i < USER_PAGE_TEST_PAGES; i++)
		KUNIT_EXPECT_PTR_EQ(test, pages[i], priv->observer[i]);
	user_page_expect_refs(test, 1);

	put_user_pages(pages, USER_PAGE_TEST_PAGES);
	user_page_expect_refs(test, 0);
}

/* What the kernel writes through a GUP page is what user space reads. */
static void user_page_test_kernel_write_user_read(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	char *buf, *kaddr;
	struct page *page;
	long ret;

	buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	ret = user_page_gup(priv->addr, 1, FOLL_WRITE, &page);
	KUNIT_ASSERT_EQ(test, ret, 1);
	kaddr = kmap_local_page(page);
	memset(kaddr, 0x5a, PAGE_SIZE);
	kunmap_local(kaddr);
	put_user_page(page);
	user_page_expect_refs(test, 0);

	KUNIT_ASSERT_EQ(test, copy_from_user(buf, (void __user *)priv->addr,
					     PAGE_SIZE), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0x5a, PAGE_SIZE));
}

/* ...and what user space writes is what the kernel reads through it. */
static void user_page_test_user_write_kernel_read(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	void __user *uaddr = (void __user *)(priv->addr + PAGE_SIZE);
	char *buf, *kaddr;
	struct page *page;
	long ret;

	buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 0xa5, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, copy_to_user(uaddr, buf, PAGE_SIZE), 0);

	ret = user_page_gup_fast((unsigned long)uaddr, 1, 0, &page);
	KUNIT_ASSERT_EQ(test, ret, 1);
	kaddr = kmap_local_page(page);
	KUNIT_EXPECT_NULL(test, memchr_inv(kaddr, 0xa5, PAGE_SIZE));
	kunmap_local(kaddr);
	put_user_page(page);
	user_page_expect_refs(test, 0);
}

/* N extra references taken with ref_user_page() need N + 1 puts. */
static void user_page_test_ref_then_put(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	struct page *page;
	int i;

	KUNIT_ASSERT_EQ(test, user_page_gup_fast(priv->addr, 1, 0, &page), 1);
	for (i = 0; i < 3; i++)
		ref_user_page(page);
	/* Stop here if the references were not taken: the puts would underflow. */
	KUNIT_ASSERT_EQ(test, user_page_refs(page), priv->start_refs[0] + 4);
	for (i = 0; i < 4; i++)
		put_user_page(page);
	user_page_expect_refs(test, 0);
}

/* Consecutive entries of one folio are released together, each counted. */
static void user_page_test_put_batches_one_folio(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	struct page *pages[3];

	KUNIT_ASSERT_EQ(test, user_page_gup_fast(priv->addr, 1, 0, &pages[0]), 1);
	KUNIT_ASSERT_EQ(test, user_page_gup(priv->addr, 1, 0, &pages[1]), 1);
	KUNIT_ASSERT_EQ(test, user_page_gup(priv->addr, 1, 0, &pages[2]), 1);
	KUNIT_EXPECT_EQ(test, user_page_refs(pages[0]), priv->start_refs[0] + 3);

	put_user_pages(pages, ARRAY_SIZE(pages));
	user_page_expect_refs(test, 0);
}

/* NULL entries, as left by a caller that released some pages early, are skipped. */
static void user_page_test_put_skips_null(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	struct page *pages[USER_PAGE_TEST_PAGES];

	KUNIT_ASSERT_EQ(test, user_page_gup_fast(priv->addr, USER_PAGE_TEST_PAGES,
						 0, pages), USER_PAGE_TEST_PAGES);
	put_user_page(pages[1]);
	pages[1] = NULL;
	put_user_page(pages[3]);
	pages[3] = NULL;

	put_user_pages(pages, USER_PAGE_TEST_PAGES);
	user_page_expect_refs(test, 0);
}

/* unpin_user_pages() skips NULL entries too, wherever they are. */
static void user_page_test_unpin_skips_null(struct kunit *test)
{
	struct user_page_test_priv *priv = test->priv;
	struct page *pages[USER_PAGE_TEST_PAGES];

	KUNIT_ASSERT_EQ(test, pin_user_pages_fast(priv->addr, USER_PAGE_TEST_PAGES,
						  0, pages), USER_PAGE_TEST_PAGES);
	unpin_user_page(pages[2]);
	pages[2] = NULL;

	unpin_user_pages(pages, USER_PAGE_TEST_PAGES);
	user_page_expect_refs(test, 0);
}

static const bool user_page_dirty_params[] = { false, true };

static void user_page_dirty_desc(const bool *make_dirty, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "make_dirty=%d", *make_dirty);
}

KUNIT_ARRAY_PARAM(user_page_dirty, user_page_dirty_params, user_page_dirty_desc);

/*
 * put_user_pages_dirty_lock() dirties the folios only when asked. A freshly
 * faulted anonymous folio is clean: its dirtiness lives in the PTE.
 */
static void user_page_test_put_dirty_lock(struct kunit *test)
{
	const bool *make_dirty = test->param_value;
	struct user_page_test_priv *priv = test->priv;
	struct page *pages[USER_PAGE_TEST_PAGES];
	bool dirty;
	int i;

	for (i = 0; i < USER_PAGE_TEST_PAGES; i++)
		KUNIT_ASSERT_FALSE(test, folio_test_dirty(page_folio(priv->observer[i])));

	KUNIT_ASSERT_EQ(test, user_page_gup(priv->addr, USER_PAGE_TEST_PAGES,
					    FOLL_WRITE, pages), USER_PAGE_TEST_PAGES);
	put_user_pages_dirty_lock(pages, USER_PAGE_TEST_PAGES, *make_dirty);

	for (i = 0; i < USER_PAGE_TEST_PAGES; i++) {
		dirty = folio_test_dirty(page_folio(priv->observer[i]));
		KUNIT_EXPECT_EQ_MSG(test, dirty, *make_dirty, "page %d", i);
	}
	user_page_expect_refs(test, 0);
}

static struct kunit_case user_page_test_cases[] = {
	KUNIT_CASE_PARAM(user_page_test_put_restores_refcount, user_page_gup_gen_params),
	KUNIT_CASE(user_page_test_kernel_write_user_read),
	KUNIT_CASE(user_page_test_user_write_kernel_read),
	KUNIT_CASE(user_page_test_ref_then_put),
	KUNIT_CASE(user_page_test_put_batches_one_folio),
	KUNIT_CASE(user_page_test_put_skips_null),
	KUNIT_CASE(user_page_test_unpin_skips_null),
	KUNIT_CASE_PARAM(user_page_test_put_dirty_lock, user_page_dirty_gen_params),
	{}
};

static struct kunit_suite user_page_test_suite = {
	.name = "user_page",
	.init = user_page_test_init,
	.test_cases = user_page_test_cases,
};

kunit_test_suite(user_page_test_suite);

MODULE_DESCRIPTION("KUnit tests for put_user_page() and ref_user_page()");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
