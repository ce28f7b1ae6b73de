// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: more cases for gup_proxy.cocci, in the format
 * of gup_proxy.c (part 3 of 3). The cases are split in three files so
 * that bin/mutation-check can judge a mutant of the script on the file
 * whose case must catch it.
 */

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

/*
 * Pages kept in a void * member through a cast and turned into pfns in
 * place (frame_vector's ptrs): page_to_pfn() keeps the reference, raw.
 */
struct fvec {
	unsigned int nr_frames;
	bool is_pfns;
	void *ptrs[];
};

static int fvec_get(unsigned long start, unsigned int nr, struct fvec *vec)
{
	int ret;

	ret = pin_user_pages_fast(start, nr, FOLL_LONGTERM, /* expect: raw: page_to_pfn() at */
				  (struct page **)(vec->ptrs));
	vec->is_pfns = false;
	vec->nr_frames = ret;
	return ret;
}

static int fvec_to_pfns(struct fvec *vec)
{
	unsigned long *nums;
	struct page **pages;
	int i;

	if (vec->is_pfns)
		return 0;
	pages = (struct page **)(vec->ptrs);
	nums = (unsigned long *)pages;
	for (i = 0; i < vec->nr_frames; i++)
		nums[i] = page_to_pfn(pages[i]);
	vec->is_pfns = true;
	return 0;
}

/*
 * The same cast with every use understood: patch mode cannot annotate a
 * void * member, so manual.
 */
struct cvec {
	unsigned int nr;
	void *ptrs[];
};

static int cvec_get(unsigned long start, struct cvec *vec)
{
	return pin_user_pages_fast(start, vec->nr, 0, (struct page **)vec->ptrs); /* expect: manual: holds them through a cast */
}

static void cvec_read(struct cvec *vec, char *buf)
{
	struct page **pages = (struct page **)vec->ptrs;
	char *kaddr = kmap_local_page(pages[0]);

	memcpy(buf, kaddr, 16);
	kunmap_local(kaddr);
}

static void cvec_put(struct cvec *vec)
{
	struct page **pages = (struct page **)(vec->ptrs);

	unpin_user_pages(pages, vec->nr);
}

/*
 * A local stored in a member, then set to NULL: the release through the
 * local after the store never sees the stored pages, so the store is not
 * stale and the member keeps them: proxy.
 */
struct keep_range {
	struct page **pvec;
	int nr;
};

static int keep_range_pin(struct keep_range *r, unsigned long addr, int nr)
{
	struct page **pvec;
	int ret;

	pvec = kvmalloc_array(nr, sizeof(struct page *), GFP_KERNEL);
	if (!pvec)
		return -ENOMEM;
	ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, pvec); /* expect: proxy */
	if (ret == nr) {
		r->pvec = pvec;
		r->nr = nr;
		pvec = NULL;
	}
	if (pvec) {
		if (ret > 0)
			unpin_user_pages(pvec, ret);
		kvfree(pvec);
		return -EFAULT;
	}
	return 0;
}

static void keep_range_unpin(struct keep_range *r)
{
	unpin_user_pages(r->pvec, r->nr);
	kvfree(r->pvec);
	r->pvec = NULL;
}
