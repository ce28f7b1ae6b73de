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

/* A single page released with the array helper: proxy. */
static int set_bit_user(unsigned long addr, int bit)
{
	struct page *page;
	void *base;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1) /* expect: proxy */
		return -EFAULT;
	base = kmap_local_page(page);
	set_bit(bit, base);
	kunmap_local(base);
	unpin_user_pages_dirty_lock(&page, 1, true);
	return 0;
}

/*
 * The same through kmap_atomic(), which checkpatch flags on the line patch
 * mode would rewrite: manual.
 */
static int clear_bit_user(unsigned long addr, int bit)
{
	struct page *page;
	void *base;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1) /* expect: manual: through kmap_atomic() */
		return -EFAULT;
	base = kmap_atomic(page);
	clear_bit(bit, base);
	kunmap_atomic(base);
	unpin_user_pages_dirty_lock(&page, 1, true);
	return 0;
}

/* A GUP reference dropped by freeing the page: reported as a likely bug. */
static int freed(unsigned long addr)
{
	struct page *pages[2];

	if (get_user_pages_fast(addr, 2, 0, pages) != 2) /* expect: manual: BUG? */
		return -EFAULT;
	__free_page(pages[0]);
	put_page(pages[1]);
	return 0;
}

/* A member that gup_proxy_user.c uses too: manual. */
struct shared {
	struct page **pages;
	unsigned long nr;
};

static int shared_pin(struct shared *s, unsigned long addr)
{
	long got = pin_user_pages_fast(addr, s->nr, 0, s->pages); /* expect: manual: struct shared.pages is also used in */

	if (got != s->nr) {
		if (got > 0)
			unpin_user_pages(s->pages, got);
		return -EFAULT;
	}
	unpin_user_pages(s->pages, s->nr);
	return 0;
}

/* A member reached through an expression spatch cannot type: manual. */
struct opaque_ring {
	struct page **opages;
	unsigned long nr;
};

static int opaque_pin(struct opaque_ring *r, unsigned long addr)
{
	if (pin_user_pages_fast(addr, r->nr, 0, r->opages) != r->nr) /* expect: manual: cannot type */
		return -EFAULT;
	return 0;
}

static void opaque_unpin(struct opaque_ring *r)
{
	unpin_user_pages(r->opages, r->nr);
	kfree(ring_of(r)->opages);
}

/*
 * An array handed whole to static functions of this file, which read and
 * release it: proxy; their parameters are converted too.
 */
static void helper_release(struct page **pages, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		put_page(pages[i]);
}

static int helper_check(struct page **pages, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		if (PageHuge(pages[i]))
			return -EINVAL;
	return 0;
}

static int helpers(unsigned long addr, int nr)
{
	struct page **pages;
	int got, ret;

	pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = get_user_pages_fast(addr, nr, 0, pages); /* expect: proxy: and in helper_check(), helper_release() */
	if (got < 0) {
		kfree(pages);
		return got;
	}
	ret = helper_check(pages, got);
	helper_release(pages, got);
	kfree(pages);
	return ret;
}

/* A function other files can call gets the array: manual. */
void exported_release(struct page **pages, int nr)
{
	unpin_user_pages(pages, nr);
}

static int exported(unsigned long addr)
{
	struct page *pages[2];
	int got = pin_user_pages_fast(addr, 2, 0, pages); /* expect: manual: not static */

	if (got > 0)
		exported_release(pages, got);
	return got;
}

/* The call fills a parameter; the only caller owns the array: proxy. */
static int pin_into(unsigned long addr, int nr, struct page **pages)
{
	return pin_user_pages_fast(addr, nr, FOLL_WRITE, pages); /* expect: proxy: and in owner() */
}

static int owner(unsigned long addr)
{
	struct page *pages[4];
	int got = pin_into(addr, 4, pages);

	if (got <= 0)
		return got;
	unpin_user_pages_dirty_lock(pages, got, true);
	return 0;
}

/* A page handed to a static function that only reads it: proxy. */
static int page_is_huge(struct page *page)
{
	return PageHuge(page) && page_to_nid(page) == 0;
}

static int reader_callee(unsigned long addr)
{
	struct page *page;
	int ret;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: proxy */
		return -EFAULT;
	ret = page_is_huge(page);
	put_page(page);
	return ret;
}

/* ... and to one that keeps it: manual. */
static struct page *last_page;

static void keep_page(struct page *page)
{
	last_page = page;
}

static int keeper_callee(unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: passed to keep_page */
		return -EFAULT;
	keep_page(page);
	put_page(page);
	return 0;
}

/* FOLL_PROXY chosen per call, in a flags variable: already opted in. */
static int switched(unsigned long addr, bool proxy)
{
	struct page __proxy *page;
	unsigned int flags = FOLL_WRITE;

	if (proxy)
		flags |= FOLL_PROXY;
	if (pin_user_pages_fast(addr, 1, flags, &page) != 1) /* expect: done */
		return -EFAULT;
	put_user_page(page);
	return 0;
}

/*
 * A page moved from a local into a member of a struct only this file
 * uses, mapped and released through the member elsewhere: proxy.
 */
struct doorbell {
	struct page *page;
	void *addr;
};

static int doorbell_map(struct doorbell *db, unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE | FOLL_LONGTERM, &page) != 1) /* expect: proxy: struct doorbell.page */
		return -EFAULT;
	db->page = page;
	db->addr = page_address(db->page);
	return 0;
}

static void doorbell_unmap(struct doorbell *db)
{
	struct page *page = db->page;

	db->page = NULL;
	unpin_user_page(page);
}

/* ... and a member that also holds pages GUP did not return: manual. */
struct scratch {
	struct page *page;
};

static int scratch_pin(struct scratch *s, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: page escapes */
		return -EFAULT;
	s->page = page;
	return 0;
}

static int scratch_alloc(struct scratch *s)
{
	s->page = alloc_page(GFP_KERNEL);
	return s->page ? 0 : -ENOMEM;
}

static void scratch_put(struct scratch *s)
{
	put_page(s->page);
}

/* A page read that user_page_to_page() would push past 100 columns: manual. */
static int wide_checksum(unsigned long addr, unsigned long *phys_addr_of_the_page_just_pinned)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: past 100 columns */
		return -EFAULT;
	*phys_addr_of_the_page_just_pinned = page_to_phys(page) + offset_in_page(addr) + 0x1000;
	put_page(page);
	return 0;
}

/* A cursor over the array loads each page into a local that only reads it;
 * the array lives on the stack or in kmalloc memory: proxy. */
static int pvm_copy(struct page **pages, size_t len, struct iov_iter *iter)
{
	while (len) {
		struct page *page = *pages++;
		size_t copied;

		copied = copy_page_to_iter(page, 0, PAGE_SIZE, iter);
		len -= copied;
	}
	return 0;
}

static int pvm_one(unsigned long addr, struct page **process_pages,
		   struct iov_iter *iter)
{
	int n = pin_user_pages_fast(addr, 4, 0, process_pages); /* expect: proxy */

	if (n <= 0)
		return -EFAULT;
	pvm_copy(process_pages, n * PAGE_SIZE, iter);
	unpin_user_pages(process_pages, n);
	return 0;
}

static int pvm_core(unsigned long addr, struct iov_iter *iter, int nr)
{
	struct page *pp_stack[8];
	struct page **process_pages = pp_stack;
	int rc;

	if (nr > 8) {
		process_pages = kmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
		if (!process_pages)
			return -ENOMEM;
	}
	rc = pvm_one(addr, process_pages, iter);
	if (process_pages != pp_stack)
		kfree(process_pages);
	return rc;
}

/* An array parameter walked with a cursor, released by another function. */
static int lock_pages(unsigned long uptr, struct page *pages[], unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		int got = pin_user_pages_fast(uptr, 1, FOLL_WRITE, pages); /* expect: proxy */

		if (got <= 0)
			return -EFAULT;
		pages += got;
	}
	return 0;
}

static void unlock_pages(struct page *pages[], unsigned int nr)
{
	unpin_user_pages_dirty_lock(pages, nr, true);
}

static int dm_op(unsigned long uptr, unsigned int nr)
{
	struct page **pages;
	int rc;

	pages = kcalloc(nr, sizeof(pages[0]), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	rc = lock_pages(uptr, pages, nr);
	unlock_pages(pages, nr);
	kfree(pages);
	return rc;
}

/* A page stored into an array member of a struct of this file. */
struct copy_batch {
	unsigned int nr;
	struct page *pages[16];
};

static int batch_get_page(struct copy_batch *batch, unsigned long addr,
			  unsigned long *pfn)
{
	struct page *page;
	int ret;

	ret = pin_user_pages_fast(addr, 1, 0, &page); /* expect: proxy */
	if (ret < 0)
		return ret;
	batch->pages[batch->nr++] = page;
	*pfn = page_to_xen_pfn(page) + 1;
	return 0;
}

static void batch_put(struct copy_batch *batch)
{
	unpin_user_pages_dirty_lock(batch->pages, batch->nr, true);
	batch->nr = 0;
}

/* A member array handed whole to static functions of this file. */
struct pipe {
	struct page *pages[8];
};

static int pipe_pin(unsigned long addr, int n, struct page *pages[8])
{
	return pin_user_pages_fast(addr, n, 0, pages); /* expect: proxy */
}

static void pipe_fill(struct page **pages, int n, u64 *phys)
{
	int i;

	for (i = 0; i < n; i++)
		phys[i] = page_to_phys(pages[i]);
}

static int pipe_rw(struct pipe *pipe, unsigned long addr, int n, u64 *phys)
{
	int got = pipe_pin(addr, n, pipe->pages);

	if (got <= 0)
		return -EFAULT;
	pipe_fill(pipe->pages, got, phys);
	unpin_user_pages_dirty_lock(pipe->pages, got, true);
	return 0;
}

/* An alias into an array kept in a member: the member's consumer decides. */
struct tt {
	struct sg_table *sg;
	struct page **pages;
	unsigned int num_pages;
};

static int tt_pin(struct tt *ttm, unsigned long userptr)
{
	unsigned int pinned = 0;
	int r;

	do {
		struct page **pages = ttm->pages + pinned;

		r = get_user_pages(userptr, ttm->num_pages - pinned, 0, pages); /* expect: raw: sg_alloc_table_from_pages */
		if (r < 0)
			return r;
		pinned += r;
	} while (pinned < ttm->num_pages);
	return sg_alloc_table_from_pages(ttm->sg, ttm->pages, ttm->num_pages, 0,
					 ttm->num_pages << PAGE_SHIFT, GFP_KERNEL);
}

/* A raw consumer decides first, even where the callers are out of sight. */
int export_pin(unsigned long addr, struct page **pages, struct scatterlist *sg)
{
	int got = pin_user_pages_fast(addr, 1, 0, pages); /* expect: raw: sg_set_page */

	if (got == 1)
		sg_set_page(sg, pages[0], PAGE_SIZE, 0);
	return got;
}

/* An alias handed to a function that is not followed: manual. */
static int alias_escapes(unsigned long addr, int nr)
{
	struct page *pages[4];
	struct page **cur = pages + 1;

	if (get_user_pages_fast(addr, 3, 0, cur) != 3) /* expect: manual: passed whole to thing_add_pages */
		return -EFAULT;
	thing_add_pages(cur, 3);
	release_pages(pages + 1, 3);
	return 0;
}

/* One function defined twice (#ifdef): the rules cannot tell them apart. */
#ifdef CONFIG_MMU
static struct page *twice_get(unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: defined more than once */
		return NULL;
	put_page(page);
	return NULL;
}
#else
static struct page *twice_get(unsigned long addr)
{
	struct page *page = alloc_page(GFP_KERNEL);

	__free_page(page);
	return NULL;
}
#endif

/*
 * A page tied through a member to a function defined twice: manual, and
 * the reason names the function and the member.
 */
struct twin_bprm {
	struct page *page[4];
};

#ifdef CONFIG_MMU
static void twin_arg_get(struct twin_bprm *b, unsigned long pos)
{
	struct page *page;

	if (get_user_pages_fast(pos, 1, 0, &page) != 1) /* expect: manual: twin_arg_get() is defined more than once */
		return;
	flush_dcache_page(page);
	put_page(page);
}
#else
static void twin_arg_get(struct twin_bprm *b, unsigned long pos)
{
	struct page *page = b->page[pos / PAGE_SIZE];

	flush_dcache_page(page);
}
#endif

static void twin_dump(struct twin_bprm *b, unsigned long pos)
{
	struct page *page;

#ifdef CONFIG_MMU
	if (get_user_pages_fast(pos, 1, 0, &page) != 1) /* expect: manual: page in twin_dump() is tied through struct twin_bprm.page to twin_arg_get() */
		return;
#else
	page = b->page[pos / PAGE_SIZE];
#endif
	flush_dcache_page(page);
#ifdef CONFIG_MMU
	put_page(page);
#endif
}

/* An array kept in a file-scope variable, released and read elsewhere. */
static struct page **held_pages;
static unsigned long held_nr;

static void held_stop(void)
{
	if (held_pages) {
		unpin_user_pages(held_pages, held_nr);
		kvfree(held_pages);
		held_pages = NULL;
	}
}

static int held_start(unsigned long addr, long nr)
{
	struct page **pages;
	long got;

	if (held_pages)
		return -EBUSY;
	pages = kvcalloc(nr, sizeof(void *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	held_pages = pages;
	got = pin_user_pages_fast(addr, nr, FOLL_LONGTERM, pages); /* expect: proxy: file-scope held_pages */
	if (got < 0) {
		held_stop();
		return got;
	}
	held_nr = got;
	return 0;
}

static int held_read(char *buf)
{
	void *addr = kmap_local_page(held_pages[0]);

	memcpy(buf, addr, 16);
	kunmap_local(addr);
	return 0;
}

/* A global that other files may use: manual. */
struct page **exported_pages;

static int exported_start(unsigned long addr)
{
	struct page **pages;

	pages = kvcalloc(4, sizeof(void *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	exported_pages = pages;
	if (pin_user_pages_fast(addr, 4, 0, pages) != 4) /* expect: manual: other files may use */
		return -EFAULT;
	return 0;
}

static void exported_stop(void)
{
	unpin_user_pages(exported_pages, 4);
	kvfree(exported_pages);
}

/* A local stored in a file-scope array, then released through the local. */
static struct page **last_pages;

static int last_pin(unsigned long addr)
{
	struct page **pages;

	pages = kvcalloc(4, sizeof(void *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (pin_user_pages_fast(addr, 4, 0, pages) != 4) /* expect: manual: escapes into last_pages */
		return -EFAULT;
	last_pages = pages;
	unpin_user_pages(pages, 4);
	return 0;
}

static void last_free(void)
{
	kvfree(last_pages);
}

/*
 * A member array set to parts of a site's member array (orangefs), read
 * through both and through locals loaded from an element: proxy.
 */
struct slice {
	struct page **page_array;
	int count;
};

struct slab_map {
	struct page **page_array;
	struct slice *slices;
	int nr, nr_slices;
} *slab_maps;

static int slab_map_pin(struct slab_map *m, unsigned long addr)
{
	int i, ret;

	ret = pin_user_pages_fast(addr, m->nr, FOLL_WRITE, m->page_array); /* expect: proxy: struct slice.page_array */
	if (ret != m->nr) {
		for (i = 0; i < ret; i++)
			unpin_user_page(m->page_array[i]);
		return -ENOMEM;
	}
	for (i = 0; i < m->nr_slices; i++) {
		m->slices[i].page_array = &m->page_array[i * 2];
		m->slices[i].count = 2;
	}
	return 0;
}

static size_t slab_map_copy(struct slab_map *m, int n, struct iov_iter *iter)
{
	struct slice *s = &m->slices[n];
	char *kaddr;
	int i;

	for (i = 0; i < s->count; i++) {
		struct page *page = s->page_array[i];

		if (copy_page_from_iter(page, 0, PAGE_SIZE, iter) != PAGE_SIZE)
			return -EFAULT;
	}
	kaddr = kmap_local_page(s->page_array[0]);
	kaddr[0] = 0;
	kunmap_local(kaddr);
	return 0;
}

static void slab_map_unpin(struct slab_map *m)
{
	unpin_user_pages(m->page_array, m->nr);
}

/*
 * A pfn of a pinned page handed to a function that maps it (vhost-vdpa):
 * the pfn keeps the reference, even if an error path unpins the array.
 */
static int map_pfns(struct mapper *m, unsigned long addr, int nr)
{
	struct page **pages = m->scratch;
	unsigned long pfn;
	int got, i;

	got = pin_user_pages(addr, nr, FOLL_WRITE, pages); /* expect: raw: mapper_add */
	if (got != nr) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		pfn = page_to_pfn(pages[i]);
		if (mapper_add(m, PFN_PHYS(pfn)))
			goto out_unpin;
	}
	return 0;
out_unpin:
	unpin_user_pages(&pages[i], nr - i);
	return -EIO;
}

/* The address of a page kept through a pointer, the page not released. */
static int use_page(unsigned long addr, unsigned long *hpa)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE | FOLL_LONGTERM, &page) != 1) /* expect: raw: page_address */
		return -EFAULT;
	*hpa = __pa((unsigned long)page_address(page));
	return 0;
}

/*
 * A generic member set from a site's member array and from other pages,
 * which are freed: the two are not one array, and nothing is a bug.
 */
struct req_map {
	struct page **pages;
};

struct tape {
	struct page **mapped;
	struct page **reserved;
	int nr, order;
	bool dio;
};

static int tape_pin(struct tape *t, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, t->nr, 0, t->mapped); /* expect: manual: escapes */

	if (got != t->nr) {
		if (got > 0)
			unpin_user_pages(t->mapped, got);
		return -EFAULT;
	}
	return 0;
}

static int tape_reserve(struct tape *t)
{
	int i;

	for (i = 0; i < t->nr; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, t->order);

		if (!page)
			return -ENOMEM;
		t->reserved[i] = page;
	}
	return 0;
}

static void tape_setup(struct tape *t, struct req_map *rm)
{
	if (t->dio)
		rm->pages = t->mapped;
	else
		rm->pages = t->reserved;
}

static void tape_release(struct tape *t)
{
	int i;

	unpin_user_pages_dirty_lock(t->mapped, t->nr, true);
	for (i = 0; i < t->nr; i++)
		__free_pages(t->reserved[i], t->order);
}

/* An array returned to the callers of a static function: followed there. */
static struct page **pin_them(unsigned long addr, int nr)
{
	struct page **pages;
	int got;

	pages = kvmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return ERR_PTR(-ENOMEM);
	got = pin_user_pages_fast(addr, nr, FOLL_WRITE, pages); /* expect: proxy: and in pin_them_user() */
	if (got == nr)
		return pages;
	if (got > 0)
		unpin_user_pages(pages, got);
	kvfree(pages);
	return ERR_PTR(-EFAULT);
}

static int pin_them_user(unsigned long addr, int nr)
{
	struct page **pages;
	char *kaddr;

	pages = pin_them(addr, nr);
	if (IS_ERR(pages))
		return PTR_ERR(pages);
	kaddr = kmap_local_page(pages[0]);
	kaddr[0] = 1;
	kunmap_local(kaddr);
	unpin_user_pages_dirty_lock(pages, nr, true);
	kvfree(pages);
	return 0;
}

/* The same, with a caller in another file: manual. */
struct page **pin_them_all(unsigned long addr, int nr)
{
	struct page **pages;

	pages = kvmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return ERR_PTR(-ENOMEM);
	if (pin_user_pages_fast(addr, nr, 0, pages) == nr) /* expect: manual: returns pages */
		return pages;
	kvfree(pages);
	return ERR_PTR(-EFAULT);
}

/* Read through kmap(): the rewrite would add a line checkpatch flags. */
static int kmap_read(unsigned long addr, char *buf)
{
	struct page *page;
	char *kaddr;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: read through kmap() */
		return -EFAULT;
	kaddr = kmap(page);
	memcpy(buf, kaddr, 16);
	kunmap(page);
	put_page(page);
	return 0;
}

/*
 * One allocation for the page pointers and the DMA addresses after them
 * (genwqe), mapped by a static helper: the cast is not a page use. proxy.
 */
struct dma_map {
	struct page **page_list;
	dma_addr_t *dma_list;
	int nr;
	bool write;
};

static int dma_map_pages(struct device *dev, struct page **page_list, int nr,
			 dma_addr_t *dma_list)
{
	int i;

	for (i = 0; i < nr; i++) {
		dma_list[i] = dma_map_page(dev, page_list[i], 0, PAGE_SIZE,
					   DMA_BIDIRECTIONAL);
		if (dma_mapping_error(dev, dma_list[i]))
			return -EIO;
	}
	return 0;
}

static int dma_map_user(struct device *dev, struct dma_map *m, unsigned long addr)
{
	int rc;

	m->page_list = kcalloc(m->nr, sizeof(struct page *) + sizeof(dma_addr_t), GFP_KERNEL);
	if (!m->page_list)
		return -ENOMEM;
	m->dma_list = (dma_addr_t *)(m->page_list + m->nr);
	rc = pin_user_pages_fast(addr, m->nr, m->write ? FOLL_WRITE : 0, m->page_list); /* expect: proxy: struct dma_map.page_list */
	if (rc < m->nr) {
		if (rc > 0)
			unpin_user_pages_dirty_lock(m->page_list, rc, m->write);
		kfree(m->page_list);
		return -EFAULT;
	}
	return dma_map_pages(dev, m->page_list, m->nr, m->dma_list);
}

static void dma_unmap_user(struct dma_map *m)
{
	unpin_user_pages_dirty_lock(m->page_list, m->nr, m->write);
	kfree(m->page_list);
	m->page_list = NULL;
}

/* The same in a local array: proxy. */
static int dma_local(unsigned long addr, int nr, u64 *out)
{
	struct page **pages;
	u64 *phys;
	int i, got;

	pages = kcalloc(nr, sizeof(*pages) + sizeof(u64), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	phys = (u64 *)(pages + nr);
	got = pin_user_pages_fast(addr, nr, 0, pages); /* expect: proxy */
	for (i = 0; i < got; i++)
		phys[i] = page_to_phys(pages[i]);
	memcpy(out, phys, got * sizeof(u64));
	if (got > 0)
		unpin_user_pages(pages, got);
	kfree(pages);
	return got == nr ? 0 : -EFAULT;
}

/* The storage cast to a pointer type that can hold the pages: manual. */
struct odd_map {
	struct page **pages;
	void **tail;
	int nr;
};

static int odd_map_user(struct odd_map *m, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, m->nr, 0, m->pages); /* expect: manual: escapes */

	if (got != m->nr) {
		if (got > 0)
			unpin_user_pages(m->pages, got);
		return -EFAULT;
	}
	m->tail = (void **)(m->pages + m->nr);
	return 0;
}

static void odd_map_release(struct odd_map *m)
{
	unpin_user_pages(m->pages, m->nr);
}

/*
 * Pages handed to the block layer in a struct rq_map_data (st), which adds
 * them to bios: raw, from a member and from a local.
 */
struct rq_map_data {
	struct page **pages;
	unsigned long offset;
	int nr_entries;
};

struct tape_dio {
	struct page **mapped;
	int nr;
};

static int tape_dio_pin(struct tape_dio *t, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, t->nr, 0, t->mapped); /* expect: raw: stored in struct rq_map_data.pages */

	if (got != t->nr) {
		if (got > 0)
			unpin_user_pages(t->mapped, got);
		return -EFAULT;
	}
	return 0;
}

static void tape_dio_setup(struct tape_dio *t, struct rq_map_data *md)
{
	md->pages = t->mapped;
	md->nr_entries = t->nr;
}

static void tape_dio_release(struct tape_dio *t)
{
	unpin_user_pages_dirty_lock(t->mapped, t->nr, true);
}

static int map_user_local(unsigned long addr)
{
	struct page *pages[4];
	struct rq_map_data md = {};
	int ret;

	if (pin_user_pages_fast(addr, 4, 0, pages) != 4) /* expect: raw: stored in struct rq_map_data.pages */
		return -EFAULT;
	md.pages = pages;
	md.nr_entries = 4;
	ret = map_it(&md);
	unpin_user_pages(pages, 4);
	return ret;
}

/*
 * A comment after the flags, on a line FOLL_PROXY takes past 80 columns:
 * spatch would move the comment to a line of its own (genwqe). manual.
 * The same comment on a line that stays short: proxy.
 */
static int flags_comment(unsigned long addr, bool write, struct page **out)
{
	struct page *page;

	if (pin_user_pages_fast(addr, /* expect: manual: spatch would move its comment */
				1,
				write ? FOLL_WRITE : 0,	/* readable/writable */
				&page) != 1)
		return -EFAULT;
	flush_dcache_page(page);
	unpin_user_page(page);
	return 0;
}

static int flags_comment_short(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, /* expect: proxy */
				1,
				0,	/* read */
				&page) != 1)
		return -EFAULT;
	flush_dcache_page(page);
	unpin_user_page(page);
	return 0;
}

/*
 * An entry point that hands its callers a plain page returns the page its
 * own GUP call took: raw (get_user_page_vma_remote()). The same return in
 * any other function is an escape: manual.
 */
static struct page *get_user_page_vma_remote(struct mm_struct *mm,
					     unsigned long addr, int gup_flags,
					     struct vm_area_struct **vmap)
{
	struct page *page;
	int got;

	got = get_user_pages_remote(mm, addr, 1, gup_flags, &page, NULL); /* expect: raw: by get_user_page_vma_remote() */
	if (got < 0)
		return ERR_PTR(got);
	*vmap = vma_lookup(mm, addr);
	return page;
}

static struct page *hand_page_back(struct mm_struct *mm, unsigned long addr)
{
	struct page *back;
	int got;

	got = get_user_pages_remote(mm, addr, 1, 0, &back, NULL); /* expect: manual: back escapes */
	if (got < 0)
		return ERR_PTR(got);
	return back;
}

/*
 * Folios taken from the elements and released with folio_put() carry the
 * references away (make_device_exclusive_range()): raw, even though the
 * array is a parameter. Folios only read while the array is released:
 * proxy.
 */
int exclusive_range(struct mm_struct *mm, unsigned long start, long npages,
		    struct page **pages)
{
	long i;

	npages = get_user_pages_remote(mm, start, npages, FOLL_GET, pages, NULL); /* expect: raw: released with folio_put() */
	for (i = 0; i < npages; i++) {
		struct folio *folio = page_folio(pages[i]);

		if (!folio_trylock(folio)) {
			folio_put(folio);
			pages[i] = NULL;
		}
	}
	return npages;
}

static int dirty_folios(unsigned long addr)
{
	struct page *pages[4];
	int i, got;

	got = pin_user_pages_fast(addr, 4, FOLL_WRITE, pages); /* expect: proxy: pages in dirty_folios() */
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++) {
		struct folio *folio = page_folio(pages[i]);

		folio_mark_dirty(folio);
	}
	unpin_user_pages(pages, got);
	return 0;
}

/*
 * A member array handed from an offset on to a function of the file that
 * gives each page's pfn to a function keeping it (iommufd's
 * batch_from_pages()): raw. The member reached through a struct that is
 * itself a member (st->rd.held) is the same member.
 */
struct pfn_keeper;
bool keep_pfn(struct pfn_keeper *k, unsigned long pfn);

struct held_reader {
	struct page **held;
	unsigned long held_start;
};

struct held_state {
	struct held_reader rd;
	struct pfn_keeper *keeper;
};

static void keep_pfns(struct pfn_keeper *k, struct page **pages, size_t n)
{
	struct page **end = pages + n;

	for (; pages != end; pages++)
		if (!keep_pfn(k, page_to_pfn(*pages)))
			break;
}

static int held_fill(struct held_reader *rd, unsigned long addr, int n)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE, rd->held); /* expect: raw: page_to_pfn() handed to keep_pfn() */
}

static void held_keep(struct held_state *st, unsigned long index, size_t n)
{
	keep_pfns(st->keeper, st->rd.held + (index - st->rd.held_start), n);
}

/*
 * A pfn only printed is no consumer: the array is released, proxy.
 */
static void show_pfns(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		pr_debug("%lx\n", page_to_pfn(pages[i]));
}

static int pfns_shown(unsigned long addr)
{
	struct page *pages[2];
	int got;

	got = get_user_pages_fast(addr, 2, 0, pages); /* expect: proxy: and in show_pfns() */
	if (got <= 0)
		return got;
	show_pfns(pages, got);
	release_pages(pages, got);
	return 0;
}

/*
 * An element compared by address with a page from elsewhere: N proxies
 * may front one page, so the comparison needs the real page (iommufd's
 * selftest compares after put_page()). raw. A NULL test is no comparison:
 * proxy.
 */
static int same_pages(unsigned long addr, struct page **want, int n)
{
	for (; n; n--) {
		struct page *tmp[1];
		long rc;

		rc = get_user_pages_fast(addr, 1, 0, tmp); /* expect: raw: compared by address with *want */
		if (rc != 1)
			return -EFAULT;
		put_page(tmp[0]);
		if (tmp[0] != *want)
			return -EBADE;
		want++;
		addr += PAGE_SIZE;
	}
	return 0;
}

static int null_tested(unsigned long addr)
{
	struct page *tmp[1];

	if (get_user_pages_fast(addr, 1, 0, tmp) != 1) /* expect: proxy: tmp in null_tested() */
		return -EFAULT;
	if (tmp[0] == NULL)
		return -EFAULT;
	put_page(tmp[0]);
	return 0;
}

/*
 * A single page compared with the one a cache kept (tomoyo's dump->page):
 * raw.
 */
struct copy_cache {
	struct page *last;
	char *data;
};

static bool copy_if_new(struct copy_cache *c, struct mm_struct *mm,
			unsigned long pos)
{
	struct page *page;

	if (get_user_pages_remote(mm, pos, 1, FOLL_FORCE, &page, NULL) <= 0) /* expect: raw: compared by address with c->last */
		return false;
	if (page != c->last) {
		char *kaddr = kmap_local_page(page);

		c->last = page;
		memcpy(c->data, kaddr, PAGE_SIZE);
		kunmap_local(kaddr);
	}
	put_page(page);
	return true;
}

/*
 * A local array handed to a cursor on the stack (rds_info_getsockopt()),
 * read through it in another function, then released through the local:
 * the cursor dies with the frame, so proxy, the member annotated too. The
 * page printed stays as it is.
 */
struct info_cursor {
	struct page **pages;
	void *addr;
	unsigned long offset;
};

static void info_copy(struct info_cursor *c, void *data, unsigned long bytes)
{
	if (!c->addr)
		c->addr = kmap_local_page(*c->pages);
	pr_debug("page %p addr %p\n", *c->pages, c->addr);
	memcpy(c->addr + c->offset, data, bytes);
	kunmap_local(c->addr);
	c->addr = NULL;
	c->pages++;
}

static int info_get(unsigned long start, unsigned long nr, void *data)
{
	struct info_cursor cursor;
	struct page **pages;
	int ret;

	pages = kmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	ret = pin_user_pages_fast(start, nr, FOLL_WRITE, pages); /* expect: proxy: struct info_cursor.pages */
	if (ret != nr)
		goto out;
	cursor.pages = pages;
	cursor.addr = NULL;
	cursor.offset = 0;
	info_copy(&cursor, data, 8);
out:
	if (ret > 0)
		unpin_user_pages_dirty_lock(pages, ret, true);
	kfree(pages);
	return ret;
}

/*
 * The same cursor, but kept by the caller's struct: the member keeps a
 * stale pointer once the local is released.
 */
struct info_keeper {
	struct page **kept;
	unsigned long nr;
};

static int info_keep(struct info_keeper *k, unsigned long start)
{
	struct page **pages;
	int ret;

	pages = kmalloc_array(k->nr, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	ret = pin_user_pages_fast(start, k->nr, FOLL_WRITE, pages); /* expect: manual: escapes into struct info_keeper.kept */
	k->kept = pages;
	if (ret != k->nr) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		kfree(pages);
		return -EFAULT;
	}
	return 0;
}

static void info_unkeep(struct info_keeper *k)
{
	unpin_user_pages(k->kept, k->nr);
	kfree(k->kept);
}

/*
 * One page kept in a member that is then stepped on: the next struct page
 * in the memmap, which a proxy does not have. Not understood: manual.
 */
struct page_walk {
	struct page *at;
	void *addr;
};

static int walk_pin(struct page_walk *w, unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: manual: struct page_walk.at */
		return -EFAULT;
	w->at = page;
	w->addr = page_address(w->at);
	return 0;
}

static void walk_next(struct page_walk *w)
{
	unpin_user_page(w->at);
	w->at++;
}

/*
 * A local moved into a member, then cleared: the release through the
 * local on the way out is not of the member's pages (i915's userptr).
 * The member is in a struct nested in another one and loaded back into
 * a local elsewhere: followed, and raw for the scatterlist.
 */
struct user_range {
	struct page **pvec;
	int page_ref;
};

struct user_obj {
	struct user_range range;
	struct sg_table *st;
};

static int user_obj_pin(struct user_obj *obj, unsigned long addr, int nr)
{
	struct page **pvec;
	int ret;

	pvec = kvmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
	if (!pvec)
		return -ENOMEM;
	ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, pvec); /* expect: raw: sg_alloc_table_from_pages() */
	if (ret != nr)
		goto out;
	if (!obj->range.page_ref++) {
		obj->range.pvec = pvec;
		pvec = NULL;
	}
	ret = 0;
out:
	if (pvec) {
		if (ret > 0)
			unpin_user_pages(pvec, ret);
		kvfree(pvec);
	}
	return ret;
}

static int user_obj_table(struct user_obj *obj, int nr)
{
	struct page **pvec = obj->range.pvec;

	return sg_alloc_table_from_pages(obj->st, pvec, nr, 0, nr * PAGE_SIZE,
					 GFP_KERNEL);
}

static void user_obj_unpin(struct user_obj *obj, int nr)
{
	struct page **pvec = obj->range.pvec;

	obj->range.pvec = NULL;
	unpin_user_pages(pvec, nr);
	kvfree(pvec);
}
