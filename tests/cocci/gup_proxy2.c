// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: more cases for gup_proxy.cocci, in the format
 * of gup_proxy.c (part 2 of 3). The cases are split in three files so
 * that bin/mutation-check can judge a mutant of the script on the file
 * whose case must catch it.
 */

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
