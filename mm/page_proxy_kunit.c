// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for page proxies (FOLL_PROXY).
 *
 * Every case works on real user memory from kunit_vm_mmap(). The init takes
 * a plain FOLL_GET "observer" reference on each test page, which keeps the
 * folios alive and measurable, and records their reference counts and the
 * number of live proxies; each case checks that both come back exactly.
 * Reference counts are read with every CPU's LRU batches drained (pp_refs()).
 *
 * Where each case means something: all run under UML and in the x86_64
 * guest. The THP and GUP-fast cases need CONFIG_TRANSPARENT_HUGEPAGE and
 * CONFIG_HAVE_GUP_FAST and skip under UML, which has neither; the
 * concurrency case only races for real on the SMP guest. The misuse cases
 * exist only with CONFIG_DEBUG_VM, which enables the checks they provoke.
 */

#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/page_proxy.h>
#include <linux/pagemap.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/uaccess.h>

#include "page_proxy.h"

#define PP_PAGES	8

struct pp_priv {
	unsigned long addr;			/* PP_PAGES faulted-in anon pages */
	unsigned long hole;			/* nothing mapped at this address */
	struct page *observer[PP_PAGES];
	int start_refs[PP_PAGES];		/* with the observer held */
	long start_live;
	/* allocation stub state */
	int allow_singles;			/* single allocations to let through */
	gfp_t last_gfp;
	/* misuse counter, a named resource */
	int misuse;
	struct kunit_resource misuse_res;
};

/*
 * @folio's reference count, once no per-CPU LRU batch holds a reference on
 * it: faulting a page in and FOLL_TOUCH (folio_mark_accessed()) queue the
 * folio in batches that take a reference each and drop it whenever they
 * drain, on any CPU, at any time.
 */
static int pp_refs(struct folio *folio)
{
	lru_add_drain_all();
	return folio_ref_count(folio);
}

typedef long (*pp_gup_fn)(unsigned long addr, unsigned long nr,
			  unsigned int gup_flags, struct page __proxy **pages);

struct pp_variant {
	const char *name;
	pp_gup_fn gup;
	bool pin;
};

static long pp_get_fast(unsigned long addr, unsigned long nr,
			unsigned int gup_flags, struct page __proxy **pages)
{
	return get_user_pages_fast(addr, nr, gup_flags, pages);
}

static long pp_pin_fast(unsigned long addr, unsigned long nr,
			unsigned int gup_flags, struct page __proxy **pages)
{
	return pin_user_pages_fast(addr, nr, gup_flags, pages);
}

static long pp_get(unsigned long addr, unsigned long nr,
		   unsigned int gup_flags, struct page __proxy **pages)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = get_user_pages(addr, nr, gup_flags, pages);
	mmap_read_unlock(current->mm);
	return ret;
}

static long pp_pin(unsigned long addr, unsigned long nr,
		   unsigned int gup_flags, struct page __proxy **pages)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = pin_user_pages(addr, nr, gup_flags, pages);
	mmap_read_unlock(current->mm);
	return ret;
}

static long pp_get_unlocked(unsigned long addr, unsigned long nr,
			    unsigned int gup_flags, struct page __proxy **pages)
{
	return get_user_pages_unlocked(addr, nr, pages, gup_flags);
}

static long pp_pin_unlocked(unsigned long addr, unsigned long nr,
			    unsigned int gup_flags, struct page __proxy **pages)
{
	return pin_user_pages_unlocked(addr, nr, pages, gup_flags);
}

static long pp_get_remote(unsigned long addr, unsigned long nr,
			  unsigned int gup_flags, struct page __proxy **pages)
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

static long pp_pin_remote(unsigned long addr, unsigned long nr,
			  unsigned int gup_flags, struct page __proxy **pages)
{
	int locked = 1;
	long ret;

	mmap_read_lock(current->mm);
	ret = pin_user_pages_remote(current->mm, addr, nr, gup_flags, pages,
				    &locked);
	if (locked)
		mmap_read_unlock(current->mm);
	return ret;
}

static const struct pp_variant pp_variants[] = {
	{ "get_user_pages_fast",	pp_get_fast,		false },
	{ "pin_user_pages_fast",	pp_pin_fast,		true },
	{ "get_user_pages",		pp_get,			false },
	{ "pin_user_pages",		pp_pin,			true },
	{ "get_user_pages_unlocked",	pp_get_unlocked,	false },
	{ "pin_user_pages_unlocked",	pp_pin_unlocked,	true },
	{ "get_user_pages_remote",	pp_get_remote,		false },
	{ "pin_user_pages_remote",	pp_pin_remote,		true },
};

KUNIT_ARRAY_PARAM_DESC(pp_variant, pp_variants, name);

static void pp_put_observers(void *data)
{
	struct pp_priv *priv = data;
	int i;

	for (i = 0; i < PP_PAGES; i++)
		if (priv->observer[i])
			put_page(priv->observer[i]);
}

static int pp_init(struct kunit *test)
{
	unsigned long len = (PP_PAGES + 1) * PAGE_SIZE;
	struct pp_priv *priv;
	long ret;
	int i;

	priv = kunit_kzalloc(test, sizeof(*priv), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, priv);
	test->priv = priv;

	/* PP_PAGES pages, then one unmapped: the hole. */
	priv->addr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
				   MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR_VALUE(priv->addr) || !priv->addr,
			       "kunit_vm_mmap() failed: %ld", (long)priv->addr);
	priv->hole = priv->addr + PP_PAGES * PAGE_SIZE;
	KUNIT_ASSERT_EQ(test, vm_munmap(priv->hole, PAGE_SIZE), 0);

	ret = get_user_pages_fast(priv->addr, PP_PAGES, FOLL_WRITE,
				  priv->observer);
	KUNIT_ASSERT_EQ(test, ret, PP_PAGES);
	ret = kunit_add_action_or_reset(test, pp_put_observers, priv);
	KUNIT_ASSERT_EQ(test, ret, 0);

	for (i = 0; i < PP_PAGES; i++)
		priv->start_refs[i] = pp_refs(page_folio(priv->observer[i]));
	priv->start_live = page_proxy_live();
	return 0;
}

/* Every page reference and every proxy taken by the case is gone. */
static void pp_expect_clean(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	int i, refs;

	for (i = 0; i < PP_PAGES; i++) {
		refs = pp_refs(page_folio(priv->observer[i]));
		KUNIT_EXPECT_EQ_MSG(test, refs, priv->start_refs[i], "page %d", i);
	}
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live);
}

/* What one GUP reference adds to a folio's reference count. */
static int pp_ref_delta(struct folio *folio, bool pin)
{
	return pin && !folio_test_large(folio) ? GUP_PIN_COUNTING_BIAS : 1;
}

/* Count misuse reports in priv->misuse instead of warning. */
static void pp_count_misuse(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	int ret;

	ret = kunit_add_named_resource(test, NULL, NULL, &priv->misuse_res,
				       PAGE_PROXY_KUNIT_RESOURCE, &priv->misuse);
	KUNIT_ASSERT_EQ(test, ret, 0);
}

static void page_proxy_test_layout(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;
	struct page_aux *aux;

	KUNIT_EXPECT_EQ(test, sizeof(struct page_aux), 64);
	KUNIT_EXPECT_EQ(test, PAGE_PROXY_TAG, 1UL);

	KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_TRUE(test, page_is_proxy(proxy));
	aux = page_proxy_aux(proxy);
	KUNIT_ASSERT_NOT_NULL(test, aux);
	KUNIT_EXPECT_EQ(test, (unsigned long)aux & (PAGE_AUX_SIZE - 1), 0UL);
	KUNIT_EXPECT_EQ(test, (unsigned long)(void __force *)proxy,
			(unsigned long)aux | PAGE_PROXY_TAG);
	KUNIT_EXPECT_PTR_EQ(test, __proxy_to_aux(__aux_to_proxy(aux)), aux);
	KUNIT_EXPECT_PTR_EQ(test, aux->page, priv->observer[0]);
	put_user_page(proxy);
	pp_expect_clean(test);
}

static const int pp_errnos[] = { 1, 2, 3, 5, 14, 22, 4094, 4095 };

static void pp_errno_desc(const int *e, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ERR_PTR(-%d)", *e);
}

KUNIT_ARRAY_PARAM(pp_errno, pp_errnos, pp_errno_desc);

/* An ERR_PTR() is never a proxy, odd errno (bit 0 set) or not. */
static void page_proxy_test_err_ptr_not_proxy(struct kunit *test)
{
	const int *e = test->param_value;
	struct page *p = ERR_PTR(-*e);

	KUNIT_EXPECT_FALSE(test, page_is_proxy(p));
	KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(p), p);
}

static void page_proxy_test_real_pages_not_proxy(struct kunit *test)
{
	struct pp_priv *priv = test->priv;

	KUNIT_EXPECT_FALSE(test, page_is_proxy((struct page *)NULL));
	KUNIT_EXPECT_FALSE(test, page_is_proxy(ZERO_PAGE(0)));
	KUNIT_EXPECT_FALSE(test, page_is_proxy(priv->observer[0]));
	KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(priv->observer[0]),
			    priv->observer[0]);
	KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(ZERO_PAGE(0)), ZERO_PAGE(0));
	KUNIT_EXPECT_NULL(test, user_page_to_page((struct page *)NULL));
}

/*
 * Each entry point returns one proxy per page, for exactly the page a plain
 * walk finds, holding exactly one reference of the right kind.
 */
static void page_proxy_test_entry_points(struct kunit *test)
{
	const struct pp_variant *v = test->param_value;
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	struct folio *folio;
	int i, refs;
	long ret;

	ret = v->gup(priv->addr, PP_PAGES, FOLL_WRITE | FOLL_PROXY, proxies);
	KUNIT_ASSERT_EQ(test, ret, PP_PAGES);
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live + PP_PAGES);
	for (i = 0; i < PP_PAGES; i++) {
		KUNIT_EXPECT_TRUE(test, page_is_proxy(proxies[i]));
		KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxies[i]),
				    priv->observer[i]);
		folio = page_folio(priv->observer[i]);
		refs = pp_refs(folio);
		KUNIT_EXPECT_EQ_MSG(test, refs, priv->start_refs[i] +
				    pp_ref_delta(folio, v->pin), "page %d", i);
		KUNIT_EXPECT_EQ(test, folio_maybe_dma_pinned(folio), v->pin);
	}
	if (v->pin)
		unpin_user_pages(proxies, PP_PAGES);
	else
		put_user_pages(proxies, PP_PAGES);
	pp_expect_clean(test);
}

/* Data written through the real page of a proxy reaches user space, and back. */
static void page_proxy_test_data_roundtrip(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	void __user *uaddr = (void __user *)priv->addr;
	struct page __proxy *proxy;
	char *buf, *kaddr;

	buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	KUNIT_ASSERT_EQ(test, pp_pin(priv->addr, 1, FOLL_WRITE | FOLL_PROXY,
				     &proxy), 1);
	kaddr = kmap_local_page(user_page_to_page(proxy));
	memset(kaddr, 0x3c, PAGE_SIZE);
	kunmap_local(kaddr);
	KUNIT_ASSERT_EQ(test, copy_from_user(buf, uaddr, PAGE_SIZE), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0x3c, PAGE_SIZE));

	memset(buf, 0xc3, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, copy_to_user(uaddr, buf, PAGE_SIZE), 0);
	kaddr = kmap_local_page(user_page_to_page(proxy));
	KUNIT_EXPECT_NULL(test, memchr_inv(kaddr, 0xc3, PAGE_SIZE));
	kunmap_local(kaddr);

	unpin_user_page(proxy);
	pp_expect_clean(test);
}

/* The real folio reports the pin while a FOLL_PIN proxy lives, not after. */
static void page_proxy_test_pin_state(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct folio *folio = page_folio(priv->observer[1]);
	struct page __proxy *proxy;

	KUNIT_ASSERT_FALSE(test, folio_maybe_dma_pinned(folio));
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr + PAGE_SIZE, 1,
					  FOLL_WRITE | FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_TRUE(test, folio_maybe_dma_pinned(folio));
	KUNIT_EXPECT_TRUE(test, test_bit(MMF_HAS_PINNED, &current->mm->flags));
	put_user_page(proxy);
	KUNIT_EXPECT_FALSE(test, folio_maybe_dma_pinned(folio));
	pp_expect_clean(test);
}

/* A FOLL_GET proxy is a plain reference: the folio does not look pinned. */
static void page_proxy_test_get_not_pinned(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct folio *folio = page_folio(priv->observer[0]);
	struct page __proxy *proxy;

	KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_FALSE(test, folio_maybe_dma_pinned(folio));
	KUNIT_EXPECT_EQ(test, pp_refs(folio), priv->start_refs[0] + 1);
	put_user_page(proxy);
	pp_expect_clean(test);
}

static const int pp_nrefs[] = { 1, 3, 64 };

static void pp_nrefs_desc(const int *n, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d refs", *n);
}

KUNIT_ARRAY_PARAM(pp_nrefs, pp_nrefs, pp_nrefs_desc);

/*
 * N x ref_user_page() + (N + 1) x put_user_page() release the page exactly
 * once, at the last put; the references count in the proxy only.
 */
static void page_proxy_test_ref_put(struct kunit *test)
{
	const int *n = test->param_value;
	struct pp_priv *priv = test->priv;
	struct folio *folio = page_folio(priv->observer[2]);
	struct page __proxy *proxy;
	int i, pinned_refs;

	KUNIT_ASSERT_EQ(test, pp_pin(priv->addr + 2 * PAGE_SIZE, 1, FOLL_PROXY,
				     &proxy), 1);
	pinned_refs = pp_refs(folio);
	for (i = 0; i < *n; i++)
		ref_user_page(proxy);
	KUNIT_EXPECT_EQ(test, pp_refs(folio), pinned_refs);
	KUNIT_EXPECT_EQ(test, refcount_read(&page_proxy_aux(proxy)->refs), *n + 1);
	for (i = 0; i < *n; i++)
		put_user_page(proxy);
	KUNIT_EXPECT_EQ(test, pp_refs(folio), pinned_refs);
	KUNIT_EXPECT_TRUE(test, folio_maybe_dma_pinned(folio));
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live + 1);
	put_user_page(proxy);
	pp_expect_clean(test);
}

static const bool pp_dirty_params[] = { false, true };

static void pp_dirty_desc(const bool *make_dirty, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "make_dirty=%d", *make_dirty);
}

KUNIT_ARRAY_PARAM(pp_dirty, pp_dirty_params, pp_dirty_desc);

/* The dirty_lock releases dirty the real folios, only when asked. */
static void pp_check_dirty_release(struct kunit *test, bool pin)
{
	const bool *make_dirty = test->param_value;
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	pp_gup_fn gup = pin ? pp_pin : pp_get;
	bool dirty;
	long ret;
	int i;

	for (i = 0; i < PP_PAGES; i++)
		KUNIT_ASSERT_FALSE(test, folio_test_dirty(page_folio(priv->observer[i])));
	ret = gup(priv->addr, PP_PAGES, FOLL_WRITE | FOLL_PROXY, proxies);
	KUNIT_ASSERT_EQ(test, ret, PP_PAGES);
	if (pin)
		unpin_user_pages_dirty_lock(proxies, PP_PAGES, *make_dirty);
	else
		put_user_pages_dirty_lock(proxies, PP_PAGES, *make_dirty);
	for (i = 0; i < PP_PAGES; i++) {
		dirty = folio_test_dirty(page_folio(priv->observer[i]));
		KUNIT_EXPECT_EQ_MSG(test, dirty, *make_dirty, "page %d", i);
	}
	pp_expect_clean(test);
}

static void page_proxy_test_put_dirty_lock(struct kunit *test)
{
	pp_check_dirty_release(test, false);
}

static void page_proxy_test_unpin_dirty_lock(struct kunit *test)
{
	pp_check_dirty_release(test, true);
}

/*
 * Several proxies front one page, each with its own mapping and index (DAX
 * reflink); the real page does not change.
 */
static void page_proxy_test_overrides(struct kunit *test)
{
	static struct address_space fake_mappings[3];
	struct pp_priv *priv = test->priv;
	struct page *page = priv->observer[3];
	struct page __proxy *proxies[3];
	int i, ret;

	for (i = 0; i < 3; i++) {
		KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr + 3 * PAGE_SIZE, 1,
						  FOLL_PROXY, &proxies[i]), 1);
		ret = page_proxy_set_mapping(proxies[i], &fake_mappings[i],
					     100 + i);
		KUNIT_EXPECT_EQ(test, ret, 0);
	}
	KUNIT_EXPECT_PTR_NE(test, page_proxy_aux(proxies[0]),
			    page_proxy_aux(proxies[1]));
	KUNIT_EXPECT_PTR_NE(test, page_proxy_aux(proxies[1]),
			    page_proxy_aux(proxies[2]));
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxies[i]), page);
		KUNIT_EXPECT_PTR_EQ(test, page_user_mapping(proxies[i]),
				    &fake_mappings[i]);
		KUNIT_EXPECT_EQ(test, page_user_index(proxies[i]), 100UL + i);
	}
	KUNIT_EXPECT_PTR_EQ(test, page_user_mapping(page),
			    folio_mapping(page_folio(page)));
	KUNIT_EXPECT_EQ(test, page_user_index(page), page_to_pgoff(page));
	KUNIT_EXPECT_EQ(test, pp_refs(page_folio(page)),
			priv->start_refs[3] + 3);
	put_user_pages(proxies, 3);
	pp_expect_clean(test);
}

/* Without an override, the accessors answer what the real page says. */
static void page_proxy_test_override_fallback(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page *page = priv->observer[4];
	struct page __proxy *proxy;

	KUNIT_ASSERT_EQ(test, pp_get(priv->addr + 4 * PAGE_SIZE, 1, FOLL_PROXY,
				     &proxy), 1);
	KUNIT_EXPECT_PTR_EQ(test, page_user_mapping(proxy),
			    folio_mapping(page_folio(page)));
	KUNIT_EXPECT_EQ(test, page_user_index(proxy), page_to_pgoff(page));
	KUNIT_EXPECT_NULL(test, page_user_pgmap(proxy));
	KUNIT_EXPECT_NULL(test, page_user_pgmap(page));
	put_user_page(proxy);
	pp_expect_clean(test);
}

static void page_proxy_test_device_data(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;
	int cookie;

	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_NULL(test, page_user_device_data(proxy));
	KUNIT_EXPECT_EQ(test, page_proxy_set_device_data(proxy, &cookie), 0);
	KUNIT_EXPECT_PTR_EQ(test, page_user_device_data(proxy), (void *)&cookie);
	KUNIT_EXPECT_NULL(test, page_user_device_data(priv->observer[0]));
	unpin_user_page(proxy);
	pp_expect_clean(test);
}

/* Nothing mapped: -EFAULT, and no proxy or reference left behind. */
static void page_proxy_test_efault(struct kunit *test)
{
	const struct pp_variant *v = test->param_value;
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[2];

	KUNIT_EXPECT_EQ(test, v->gup(priv->hole, 2, FOLL_PROXY, proxies),
			-EFAULT);
	pp_expect_clean(test);
}

/* A range that runs into the hole gives a short count of proxies. */
static void page_proxy_test_short_count(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[3];
	long ret;

	ret = pp_pin(priv->hole - 2 * PAGE_SIZE, 3, FOLL_PROXY, proxies);
	KUNIT_ASSERT_EQ(test, ret, 2);
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live + 2);
	KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxies[1]),
			    priv->observer[PP_PAGES - 1]);
	unpin_user_pages(proxies, ret);
	pp_expect_clean(test);
}

/* The allocation stub: bulk calls fail; allow_singles single ones succeed. */
static int pp_alloc_stub(gfp_t gfp, size_t nr, void **objs)
{
	struct pp_priv *priv = kunit_get_current_test()->priv;

	priv->last_gfp = gfp;
	if (nr != 1 || priv->allow_singles <= 0)
		return 0;
	priv->allow_singles--;
	return __page_proxy_alloc_bulk(gfp, nr, objs);
}

/*
 * No memory for any proxy: -ENOMEM, every reference GUP took is dropped,
 * nothing stays pinned.
 */
static void page_proxy_test_alloc_fail(struct kunit *test)
{
	const struct pp_variant *v = test->param_value;
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	unsigned long failed = page_proxy_stat(PAGE_PROXY_ALLOC_FAILED);
	int i;

	kunit_activate_static_stub(test, page_proxy_alloc_bulk, pp_alloc_stub);
	KUNIT_EXPECT_EQ(test, v->gup(priv->addr, PP_PAGES, FOLL_PROXY, proxies),
			-ENOMEM);
	kunit_deactivate_static_stub(test, page_proxy_alloc_bulk);
	for (i = 0; i < PP_PAGES; i++)
		KUNIT_EXPECT_FALSE(test, folio_maybe_dma_pinned(page_folio(priv->observer[i])));
	KUNIT_EXPECT_EQ(test, page_proxy_stat(PAGE_PROXY_ALLOC_FAILED), failed + 1);
	pp_expect_clean(test);
}

/* Memory for three proxies: a short count of three, the rest released. */
static void page_proxy_test_alloc_partial(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	struct folio *folio;
	int i;

	priv->allow_singles = 3;
	kunit_activate_static_stub(test, page_proxy_alloc_bulk, pp_alloc_stub);
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, PP_PAGES, FOLL_PROXY,
					  proxies), 3);
	kunit_deactivate_static_stub(test, page_proxy_alloc_bulk);
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live + 3);
	for (i = 0; i < PP_PAGES; i++) {
		folio = page_folio(priv->observer[i]);
		KUNIT_EXPECT_EQ_MSG(test, folio_maybe_dma_pinned(folio), i < 3,
				    "page %d", i);
		if (i < 3)
			KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxies[i]),
					    priv->observer[i]);
	}
	unpin_user_pages(proxies, 3);
	pp_expect_clean(test);
}

/* FOLL_NOWAIT must not sleep for a proxy; the default may. */
static void page_proxy_test_gfp(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;

	priv->allow_singles = 2;
	kunit_activate_static_stub(test, page_proxy_alloc_bulk, pp_alloc_stub);
	KUNIT_ASSERT_EQ(test, pp_get_unlocked(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_TRUE(test, gfpflags_allow_blocking(priv->last_gfp));
	put_user_page(proxy);
	KUNIT_ASSERT_EQ(test, pp_get_unlocked(priv->addr, 1,
					      FOLL_PROXY | FOLL_NOWAIT, &proxy), 1);
	KUNIT_EXPECT_FALSE(test, gfpflags_allow_blocking(priv->last_gfp));
	put_user_page(proxy);
	kunit_deactivate_static_stub(test, page_proxy_alloc_bulk);
	pp_expect_clean(test);
}

/* put_user_pages() takes plain FOLL_GET pages, proxies and NULLs together. */
static void page_proxy_test_mixed_put(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *arr[5];
	struct page *raw[2];

	/* Plain FOLL_GET pages, as a caller without FOLL_PROXY gets them. */
	KUNIT_ASSERT_EQ(test, get_user_pages_fast(priv->addr, 2, 0, raw), 2);
	arr[0] = (struct page __force __proxy *)raw[0];
	KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr, 2, FOLL_PROXY, &arr[1]), 2);
	arr[3] = NULL;
	arr[4] = (struct page __force __proxy *)raw[1];
	KUNIT_EXPECT_FALSE(test, page_is_proxy(arr[0]));
	KUNIT_EXPECT_TRUE(test, page_is_proxy(arr[1]));
	put_user_pages(arr, ARRAY_SIZE(arr));
	pp_expect_clean(test);
}

/* unpin_user_pages() takes FOLL_PIN proxies among plain pinned pages. */
static void page_proxy_test_mixed_unpin(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page *raw[2];
	struct page __proxy *arr[5];

	KUNIT_ASSERT_EQ(test, pin_user_pages_fast(priv->addr, 2, 0, raw), 2);
	arr[0] = (struct page __force __proxy *)raw[0];
	arr[2] = (struct page __force __proxy *)raw[1];
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, 1, FOLL_PROXY, &arr[1]), 1);
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr + PAGE_SIZE, 1, FOLL_PROXY,
					  &arr[3]), 1);
	arr[4] = NULL;
	unpin_user_pages(arr, ARRAY_SIZE(arr));
	pp_expect_clean(test);
}

/* The counters move by exactly what a call hands out and takes back. */
static void page_proxy_test_stats(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	unsigned long alloc = page_proxy_stat(PAGE_PROXY_ALLOCATED);
	unsigned long freed = page_proxy_stat(PAGE_PROXY_FREED);
	struct page __proxy *proxies[PP_PAGES];

	KUNIT_ASSERT_EQ(test, pp_get(priv->addr, 5, FOLL_PROXY, proxies), 5);
	KUNIT_EXPECT_EQ(test, page_proxy_stat(PAGE_PROXY_ALLOCATED), alloc + 5);
	KUNIT_EXPECT_EQ(test, page_proxy_stat(PAGE_PROXY_FREED), freed);
	put_user_pages(proxies, 2);
	KUNIT_EXPECT_EQ(test, page_proxy_stat(PAGE_PROXY_FREED), freed + 2);
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live + 3);
	put_user_pages(proxies + 2, 3);
	KUNIT_EXPECT_EQ(test, page_proxy_stat(PAGE_PROXY_FREED), freed + 5);
	pp_expect_clean(test);
}

/*
 * A read pin of never-written anonymous memory finds the shared zero page,
 * which GUP does not pin; its proxy releases nothing on it either.
 */
static void page_proxy_test_zero_page(struct kunit *test)
{
	struct page __proxy *proxy;
	unsigned long addr;
	int zero_refs;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr) || !addr);
	zero_refs = page_ref_count(ZERO_PAGE(0));
	KUNIT_ASSERT_EQ(test, pp_pin(addr, 1, FOLL_PROXY, &proxy), 1);
	KUNIT_EXPECT_TRUE(test, is_zero_page(user_page_to_page(proxy)));
	KUNIT_EXPECT_EQ(test, page_ref_count(ZERO_PAGE(0)), zero_refs);
	unpin_user_page(proxy);
	KUNIT_EXPECT_EQ(test, page_ref_count(ZERO_PAGE(0)), zero_refs);
	pp_expect_clean(test);
}

/* FOLL_LONGTERM: proxies come after the migration pass, for the final pages. */
static void page_proxy_test_longterm(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	struct page *page;
	long ret;
	int i;

	ret = pp_pin(priv->addr, PP_PAGES, FOLL_WRITE | FOLL_LONGTERM | FOLL_PROXY,
		     proxies);
	KUNIT_ASSERT_EQ(test, ret, PP_PAGES);
	for (i = 0; i < PP_PAGES; i++) {
		page = user_page_to_page(proxies[i]);
		KUNIT_EXPECT_TRUE(test, folio_maybe_dma_pinned(page_folio(page)));
		KUNIT_EXPECT_TRUE(test, folio_is_longterm_pinnable(page_folio(page)));
	}
	unpin_user_pages(proxies, PP_PAGES);
	KUNIT_EXPECT_EQ(test, page_proxy_live(), priv->start_live);
}

/*
 * THP (x86_64 guest): each proxy of a PMD-mapped folio gives back its exact
 * subpage, and the folio's pin count follows the proxies.
 */
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
static void page_proxy_test_thp_subpages(struct kunit *test)
{
	unsigned long len = 2 * HPAGE_PMD_SIZE, addr, start;
	struct page __proxy **proxies;
	struct folio *folio;
	int i, n = HPAGE_PMD_NR;

	proxies = kunit_kcalloc(test, n, sizeof(*proxies), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, proxies);
	addr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr) || !addr);
	start = ALIGN(addr, HPAGE_PMD_SIZE);

	KUNIT_ASSERT_EQ(test, pp_pin_fast(start, n, FOLL_WRITE | FOLL_PROXY,
					  proxies), n);
	folio = page_folio(user_page_to_page(proxies[0]));
	KUNIT_ASSERT_TRUE_MSG(test, folio_test_pmd_mappable(folio),
			      "no THP: boot with transparent_hugepage=always");
	KUNIT_EXPECT_EQ(test, folio_maybe_dma_pinned(folio), true);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_pincount), n);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_PTR_EQ_MSG(test, user_page_to_page(proxies[i]),
					folio_page(folio, i), "subpage %d", i);
	unpin_user_pages(proxies, n);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_pincount), 0);
	KUNIT_EXPECT_FALSE(test, folio_maybe_dma_pinned(folio));
}
#else
static void page_proxy_test_thp_subpages(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_TRANSPARENT_HUGEPAGE (x86_64 guest)");
}
#endif

/*
 * GUP-fast (x86_64 guest): pages the lockless walk can take come back as
 * proxies of the same pages; get_user_pages_fast_only() stays raw.
 */
static void page_proxy_test_gup_fast(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxies[PP_PAGES];
	struct page *raw[PP_PAGES];
	int i;

	if (!IS_ENABLED(CONFIG_HAVE_GUP_FAST))
		kunit_skip(test, "needs CONFIG_HAVE_GUP_FAST (x86_64 guest)");

	KUNIT_ASSERT_EQ(test, get_user_pages_fast_only(priv->addr, PP_PAGES, 0,
						       raw), PP_PAGES);
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, PP_PAGES, FOLL_PROXY,
					  proxies), PP_PAGES);
	for (i = 0; i < PP_PAGES; i++) {
		KUNIT_EXPECT_FALSE(test, page_is_proxy(raw[i]));
		KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxies[i]), raw[i]);
	}
	put_user_pages(raw, PP_PAGES);
	unpin_user_pages(proxies, PP_PAGES);
	pp_expect_clean(test);
}

#define PP_THREADS	4
#define PP_ROUNDS	20000

struct pp_thread {
	struct page __proxy *proxy;
	struct completion done;
};

static int pp_ref_put_thread(void *data)
{
	struct pp_thread *t = data;
	int i;

	for (i = 0; i < PP_ROUNDS; i++) {
		ref_user_page(t->proxy);
		if (i & 1)
			cond_resched();
		put_user_page(t->proxy);
	}
	complete(&t->done);
	return 0;
}

/*
 * ref/put from several threads at once (truly parallel on the SMP guest):
 * the proxy survives them all, and the last put releases exactly once.
 */
static void page_proxy_test_concurrent(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct pp_thread t[PP_THREADS];
	struct task_struct *task;
	struct page __proxy *proxy;
	int i;

	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	for (i = 0; i < PP_THREADS; i++) {
		t[i].proxy = proxy;
		init_completion(&t[i].done);
		task = kthread_run(pp_ref_put_thread, &t[i], "pp_test/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	}
	for (i = 0; i < PP_THREADS; i++)
		wait_for_completion(&t[i].done);
	KUNIT_EXPECT_EQ(test, refcount_read(&page_proxy_aux(proxy)->refs), 1);
	KUNIT_EXPECT_TRUE(test, folio_maybe_dma_pinned(page_folio(priv->observer[0])));
	unpin_user_page(proxy);
	pp_expect_clean(test);
}

/* API misuse the core rejects, with a report (counted here, not warned). */
static void page_proxy_test_reject_bad_calls(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page *raw;

	pp_count_misuse(test);
	KUNIT_EXPECT_EQ(test, get_user_pages_fast_only(priv->addr, 1, FOLL_PROXY,
						       &raw), -EINVAL);
	KUNIT_EXPECT_EQ(test, priv->misuse, 1);
	mmap_read_lock(current->mm);
	KUNIT_EXPECT_EQ(test, get_user_pages(priv->addr, 1, FOLL_PROXY, NULL),
			-EINVAL);
	mmap_read_unlock(current->mm);
	KUNIT_EXPECT_EQ(test, priv->misuse, 2);
	KUNIT_EXPECT_EQ(test, page_proxy_set_mapping((struct page __force __proxy *)
						     priv->observer[0], NULL, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, priv->misuse, 3);
	pp_expect_clean(test);
}

/* unpin_user_page_range_dirty_lock() walks by address: it refuses a proxy. */
static void page_proxy_test_reject_range_unpin(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;

	pp_count_misuse(test);
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	unpin_user_page_range_dirty_lock((struct page __force *)proxy, 1, true);
	KUNIT_EXPECT_EQ(test, priv->misuse, 1);
	KUNIT_EXPECT_TRUE(test, folio_maybe_dma_pinned(page_folio(priv->observer[0])));
	unpin_user_page(proxy);
	pp_expect_clean(test);
}

#ifdef CONFIG_DEBUG_VM
/* put_page() and get_page() on a proxy are reported and do nothing. */
static void page_proxy_test_misuse_put_get_page(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;
	struct page *bad;

	pp_count_misuse(test);
	KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	bad = (struct page __force *)proxy;
	put_page(bad);
	get_page(bad);
	KUNIT_EXPECT_EQ(test, priv->misuse, 2);
	KUNIT_EXPECT_EQ(test, pp_refs(page_folio(priv->observer[0])),
			priv->start_refs[0] + 1);
	KUNIT_EXPECT_EQ(test, refcount_read(&page_proxy_aux(proxy)->refs), 1);
	put_user_page(proxy);
	pp_expect_clean(test);
}

/*
 * One put too many, after the last: the proxy is dead (quarantined), the
 * put is reported, and nothing is released twice.
 */
static void page_proxy_test_misuse_extra_put(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy, *other;

	pp_count_misuse(test);
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	ref_user_page(proxy);
	put_user_page(proxy);
	put_user_page(proxy);
	pp_expect_clean(test);
	KUNIT_EXPECT_EQ(test, priv->misuse, 0);
	/* The allocator would hand the freed proxy out again at once. */
	KUNIT_ASSERT_EQ(test, pp_pin_fast(priv->addr + PAGE_SIZE, 1, FOLL_PROXY,
					  &other), 1);
	KUNIT_EXPECT_PTR_NE(test, __proxy_to_aux(other), __proxy_to_aux(proxy));
	put_user_page(proxy);
	ref_user_page(proxy);
	KUNIT_EXPECT_PTR_EQ(test, user_page_to_page(proxy), priv->observer[0]);
	KUNIT_EXPECT_EQ(test, priv->misuse, 3);
	unpin_user_page(other);
	pp_expect_clean(test);
}

/* unpin_user_page() on a FOLL_GET proxy: reported, released correctly. */
static void page_proxy_test_misuse_unpin_get(struct kunit *test)
{
	struct pp_priv *priv = test->priv;
	struct page __proxy *proxy;

	pp_count_misuse(test);
	KUNIT_ASSERT_EQ(test, pp_get_fast(priv->addr, 1, FOLL_PROXY, &proxy), 1);
	unpin_user_page(proxy);
	KUNIT_EXPECT_EQ(test, priv->misuse, 1);
	pp_expect_clean(test);
}
#endif /* CONFIG_DEBUG_VM */

static struct kunit_case page_proxy_test_cases[] = {
	KUNIT_CASE(page_proxy_test_layout),
	KUNIT_CASE_PARAM(page_proxy_test_err_ptr_not_proxy, pp_errno_gen_params),
	KUNIT_CASE(page_proxy_test_real_pages_not_proxy),
	KUNIT_CASE_PARAM(page_proxy_test_entry_points, pp_variant_gen_params),
	KUNIT_CASE(page_proxy_test_data_roundtrip),
	KUNIT_CASE(page_proxy_test_pin_state),
	KUNIT_CASE(page_proxy_test_get_not_pinned),
	KUNIT_CASE_PARAM(page_proxy_test_ref_put, pp_nrefs_gen_params),
	KUNIT_CASE_PARAM(page_proxy_test_put_dirty_lock, pp_dirty_gen_params),
	KUNIT_CASE_PARAM(page_proxy_test_unpin_dirty_lock, pp_dirty_gen_params),
	KUNIT_CASE(page_proxy_test_overrides),
	KUNIT_CASE(page_proxy_test_override_fallback),
	KUNIT_CASE(page_proxy_test_device_data),
	KUNIT_CASE_PARAM(page_proxy_test_efault, pp_variant_gen_params),
	KUNIT_CASE(page_proxy_test_short_count),
	KUNIT_CASE_PARAM(page_proxy_test_alloc_fail, pp_variant_gen_params),
	KUNIT_CASE(page_proxy_test_alloc_partial),
	KUNIT_CASE(page_proxy_test_gfp),
	KUNIT_CASE(page_proxy_test_mixed_put),
	KUNIT_CASE(page_proxy_test_mixed_unpin),
	KUNIT_CASE(page_proxy_test_stats),
	KUNIT_CASE(page_proxy_test_zero_page),
	KUNIT_CASE(page_proxy_test_longterm),
	KUNIT_CASE(page_proxy_test_thp_subpages),
	KUNIT_CASE(page_proxy_test_gup_fast),
	KUNIT_CASE(page_proxy_test_concurrent),
	KUNIT_CASE(page_proxy_test_reject_bad_calls),
	KUNIT_CASE(page_proxy_test_reject_range_unpin),
#ifdef CONFIG_DEBUG_VM
	KUNIT_CASE(page_proxy_test_misuse_put_get_page),
	KUNIT_CASE(page_proxy_test_misuse_extra_put),
	KUNIT_CASE(page_proxy_test_misuse_unpin_get),
#endif
	{}
};

static struct kunit_suite page_proxy_test_suite = {
	.name = "page_proxy",
	.init = pp_init,
	.test_cases = page_proxy_test_cases,
};

kunit_test_suite(page_proxy_test_suite);

MODULE_DESCRIPTION("KUnit tests for page proxies (FOLL_PROXY)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
