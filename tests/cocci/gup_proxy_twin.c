// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: a spatch group of its own, after the group of
 * gup_proxy_xf.c and gup_proxy_group.c (bin/cocci-test runs them with
 * --file-groups). Its names are theirs, its pages are raw: what the
 * other group decided must not convert anything here.
 */

struct crossed {
	struct page **pages;
	struct scatterlist *sg;
	int nr;
};

/* struct crossed.pages is proxy in gup_proxy_xf.c, raw here. */
static int crossed_pin(struct crossed *c, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, c->nr, FOLL_WRITE, c->pages); /* expect: raw: sg_set_page */

	if (got != c->nr) {
		if (got > 0)
			unpin_user_pages(c->pages, got);
		return -EFAULT;
	}
	sg_set_page(c->sg, c->pages[0], PAGE_SIZE, 0);
	return 0;
}

/* twin_pin()'s pages are proxy in gup_proxy_xf.c, raw here. */
static int twin_pin(unsigned long addr, struct scatterlist *sg)
{
	struct page **pages;
	int got;

	pages = kcalloc(4, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = pin_user_pages_fast(addr, 4, 0, pages); /* expect: raw: sg_set_page */
	if (got > 0)
		sg_set_page(sg, pages[0], PAGE_SIZE, 0);
	kfree(pages);
	return got;
}
