// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: cases for scripts/coccinelle/api/gup_proxy.cocci
 * run as one spatch group with gup_proxy_group.c (GUP_PROXY_GROUPS lists
 * both): members that the other file of the group uses are followed there.
 * Each GUP call ends its line with the decision the script must print, as
 * in gup_proxy.c.
 */

struct crossed {
	struct page **pages;
	int nr;
};

/* Read and released in gup_proxy_group.c: proxy, converted there too. */
static int crossed_pin(struct crossed *c, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, c->nr, FOLL_WRITE, c->pages); /* expect: proxy: also in gup_proxy_group.c */

	if (got == c->nr)
		return 0;
	if (got > 0)
		unpin_user_pages(c->pages, got);
	return -EFAULT;
}

struct monitor {
	struct page *page;
};

/* Pinned here, released with put_page() in gup_proxy_group.c: a bug. */
static int monitor_pin(struct monitor *m, unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE | FOLL_LONGTERM, &page) != 1) /* expect: manual: BUG? a FOLL_PIN reference released with put_page() at gup_proxy_group.c */
		return -EFAULT;
	m->page = page;
	return 0;
}

struct udma {
	struct page **map;
	struct scatterlist *sg;
	int nr;
};

/* Put in a scatterlist in gup_proxy_group.c: raw. */
static int udma_pin(struct udma *u, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, u->nr, 0, u->map); /* expect: raw: sg_set_page() at gup_proxy_group.c */

	if (got != u->nr) {
		if (got > 0)
			unpin_user_pages(u->map, got);
		return -EFAULT;
	}
	return 0;
}

/*
 * Proxy here; gup_proxy_twin.c, a group of its own, has a function of the
 * same name with a variable of the same name, which stays raw there.
 */
static int twin_pin(unsigned long addr, char *buf)
{
	struct page **pages;
	char *kaddr;
	int got;

	pages = kcalloc(4, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = pin_user_pages_fast(addr, 4, 0, pages); /* expect: proxy */
	if (got > 0) {
		kaddr = kmap_local_page(pages[0]);
		memcpy(buf, kaddr, 16);
		kunmap_local(kaddr);
		unpin_user_pages(pages, got);
	}
	kfree(pages);
	return got;
}
