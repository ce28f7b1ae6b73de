// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: cases for scripts/coccinelle/api/gup_proxy.cocci.
 * Each GUP call ends its line with the decision the script must print,
 * as "expect: <decision>[: <text the reason must contain>]". bin/cocci-test
 * checks report mode against these, patch mode against gup_proxy.res, and
 * that patch mode changes nothing in gup_proxy.res.
 */

/* A single page, read through kmap and released: proxy. */
static int single_read(unsigned long addr, char *buf)
{
	struct page *page;
	char *kaddr;
	int ret;

	ret = get_user_pages_fast(addr, 1, 0, &page); /* expect: proxy */
	if (ret != 1)
		return -EFAULT;
	kaddr = kmap_local_page(page);
	memcpy(buf, kaddr, 16);
	kunmap_local(kaddr);
	put_page(page);
	return 0;
}

/* A conditional flag expression keeps its precedence. */
static int single_write(struct mm_struct *mm, unsigned long addr, bool write)
{
	struct page *page = NULL;
	int ret;

	ret = pin_user_pages_remote(mm, addr, 1, write ? FOLL_WRITE : 0, &page, NULL); /* expect: proxy */
	if (ret <= 0)
		return ret;
	set_page_dirty_lock(page);
	unpin_user_page(page);
	return 0;
}

/* A comparison as the flags is put in parentheses (gcc's -Wparentheses). */
static int single_cmp(unsigned long addr, int dir, char *buf)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, dir == 2, &page) != 1) /* expect: proxy */
		return -EFAULT;
	memcpy_from_page(buf, page, 0, 16);
	put_page(page);
	return 0;
}

/* An extra reference and the folio_put(page_folio()) release idiom. */
static int single_ref(unsigned long addr)
{
	struct page *page;

	if (get_user_pages_unlocked(addr, 1, &page, FOLL_WRITE) != 1) /* expect: proxy */
		return -EFAULT;
	get_page(page);
	put_page(page);
	folio_put(page_folio(page));
	return 0;
}

/* A local array, released in one call: proxy, also with an offset. */
static int array_dirty(unsigned long addr, int nr)
{
	struct page **pages;
	int i, got;

	pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = pin_user_pages_fast(addr, nr, FOLL_WRITE | FOLL_LONGTERM, pages); /* expect: proxy */
	if (got > 0 && got < nr)
		got += pin_user_pages_fast(addr, nr - got, FOLL_WRITE, pages + got); /* expect: proxy */
	for (i = 0; i < got; i++)
		flush_dcache_page(pages[i]);
	unpin_user_pages_dirty_lock(pages, got, true);
	kvfree(pages);
	return 0;
}

/* An on-stack array, element releases. */
static int stack_array(unsigned long addr)
{
	struct page *pages[4];
	int i, got;

	got = get_user_pages(addr, 4, FOLL_FORCE, pages); /* expect: proxy */
	for (i = 0; i < got; i++) {
		if (PageCompound(pages[i]))
			pr_info("compound\n");
		put_page(pages[i]);
	}
	return got;
}

/*
 * A folio taken from the page, only read, and released as a folio (the
 * futex key): the folio's release is the page's, proxy.
 */
static int folio_read(unsigned long addr, pgoff_t *pgoff, bool ro)
{
	struct address_space *mapping;
	struct page *page;
	struct folio *folio;
	int err;

again:
	err = get_user_pages_fast(addr, 1, FOLL_WRITE, &page); /* expect: proxy */
	if (err == -EFAULT && ro)
		err = get_user_pages_fast(addr, 1, 0, &page); /* expect: proxy */
	if (err < 0)
		return err;
	folio = page_folio(page);
	mapping = READ_ONCE(folio->mapping);
	if (!mapping) {
		folio_lock(folio);
		err = folio_test_swapcache(folio) || folio->mapping;
		folio_unlock(folio);
		folio_put(folio);
		if (err)
			goto again;
		return -EFAULT;
	}
	*pgoff = folio->index + folio_page_idx(folio, page);
	folio_put(folio);
	return 0;
}

/* A folio kept in a local and handed on with the reference: raw. */
static int folio_kept(unsigned long addr)
{
	struct page *page;
	struct folio *folio;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: raw: page_folio */
		return -EFAULT;
	folio = page_folio(page);
	return stash_folio(folio);
}

/* A folio released as a folio, but also set from elsewhere: raw. */
static int folio_mixed(unsigned long addr, struct folio *spare)
{
	struct page *page;
	struct folio *folio;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: raw: page_folio */
		return -EFAULT;
	folio = page_folio(page);
	if (folio_test_large(folio))
		folio = spare;
	folio_put(folio);
	return 0;
}

/* A pfn taken while the page itself is released: a plain use, proxy. */
static unsigned long pfn_read(unsigned long addr)
{
	struct page *page;
	unsigned long pfn;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: proxy */
		return 0;
	pfn = page_to_pfn(page);
	put_page(page);
	return pfn;
}

/* A pfn handed back with the reference: raw. */
static int pfn_out(unsigned long addr, unsigned long *pfn)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1) /* expect: raw: page_to_pfn */
		return -EFAULT;
	*pfn = page_to_pfn(page);
	return 0;
}

/* The page goes into a scatterlist, even if an error path releases it. */
static int into_sg(struct scatterlist *sg, unsigned long addr)
{
	struct page *pages[1];

	if (pin_user_pages_fast(addr, 1, FOLL_LONGTERM, pages) != 1) /* expect: raw: sg_set_page */
		return -EFAULT;
	sg_set_page(sg, pages[0], PAGE_SIZE, 0);
	if (sg_dma_len(sg) == 0) {
		unpin_user_page(pages[0]);
		return -EIO;
	}
	return 0;
}

/* A whole array to a raw array consumer: raw. */
static void *mapped(unsigned long addr, int nr)
{
	struct page **pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
	void *v;

	if (pin_user_pages_fast(addr, nr, 0, pages) != nr) /* expect: raw: vmap */
		return NULL;
	v = vmap(pages, nr, VM_MAP, PAGE_KERNEL);
	unpin_user_pages(pages, nr);
	kfree(pages);
	return v;
}

/* Appended to an sg_append_table, as ib_umem_get() does: raw. */
static int appended(struct sg_append_table *sgt, unsigned long addr, int nr)
{
	struct page **list = kcalloc(nr, sizeof(*list), GFP_KERNEL);
	int ret;

	ret = pin_user_pages_fast(addr, nr, FOLL_LONGTERM, list); /* expect: raw: sg_alloc_append_table_from_pages */
	if (ret > 0)
		ret = sg_alloc_append_table_from_pages(sgt, list, ret, 0,
						       ret << PAGE_SHIFT, UINT_MAX,
						       0, GFP_KERNEL);
	kfree(list);
	return ret;
}

/* Stored in a struct member: manual. */
static int stored(struct thing *t, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: escapes */
		return -EFAULT;
	t->page = page;
	put_page(page);
	return 0;
}

/* Handed to a function that is not a known page reader: manual. */
static int handed(struct thing *t, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: passed to thing_add_page */
		return -EFAULT;
	thing_add_page(t, page);
	put_page(page);
	return 0;
}

/* Reassigned from elsewhere: manual. */
static int reassigned(unsigned long addr, struct page *other)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: escapes */
		return -EFAULT;
	put_page(page);
	page = other;
	return page_to_nid(page);
}

/* Never released here: manual. */
static int kept(unsigned long addr)
{
	struct page *page;

	return get_user_pages_fast(addr, 1, 0, &page); /* expect: manual: not released */
}

/* The callers own the array: manual. */
static int wrapper(unsigned long addr, int nr, struct page **pages)
{
	int got = pin_user_pages_fast(addr, nr, 0, pages); /* expect: manual: parameter */

	if (got < nr && got > 0)
		unpin_user_pages(pages, got);
	return got;
}

/* Kept in a struct member: manual. */
static int member(struct thing *t, unsigned long addr)
{
	return pin_user_pages_fast(addr, t->nr, 0, t->pages); /* expect: manual: struct thing.pages is not released */
}

/* Atomic context, fault-in only, iov_iter: never proxies. */
static int others(unsigned long addr, struct iov_iter *iter, struct page **pages)
{
	struct page *page;
	size_t off;

	if (get_user_page_fast_only(addr, 0, &page)) /* expect: raw: atomic */
		put_page(page);
	get_user_pages(addr, 1, 0, NULL); /* expect: none */
	return iov_iter_get_pages2(iter, pages, PAGE_SIZE, 1, &off); /* expect: iter */
}

/* Pages kept in a member of a struct this file defines, used and released
 * in other functions of the file: proxy, the member annotated too.
 */
struct ring {
	struct page **pages;
	unsigned long nr;
};

static int ring_pin(struct ring *r, unsigned long addr)
{
	long got;

	r->pages = (struct page **)__get_free_page(GFP_KERNEL);
	if (!r->pages)
		return -ENOMEM;
	got = pin_user_pages_fast(addr, r->nr, FOLL_WRITE | FOLL_LONGTERM, r->pages); /* expect: proxy */
	if (got != r->nr) {
		if (got > 0)
			unpin_user_pages(r->pages, got);
		free_page((unsigned long)r->pages);
		return -EFAULT;
	}
	return 0;
}

static void *ring_map(struct ring *r, unsigned long i)
{
	return page_address(r->pages[i]);
}

static void ring_unpin(struct ring *r)
{
	unpin_user_pages_dirty_lock(r->pages, r->nr, true);
	free_page((unsigned long)r->pages);
}
