// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: cases for gup_proxy.cocci -D wrappers, with
 * GUP_PROXY_WRAPPERS naming wrap_pin_pages(), a function of another file
 * that fills its array parameter with pinned pages (hfi1's
 * hfi1_acquire_user_pages()). Its calls are decided like GUP calls, in
 * the format of gup_proxy.c; make conversion-report decides the
 * wrapper's own site from them. A wrapper's pages never become proxies:
 * that would change the wrapper's prototype in another file.
 */

/* Pages whose pfns program a device: raw. */
static int wrap_pfns(unsigned long addr, int n, u64 *pfns)
{
	struct page **pages;
	int i, got;

	pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	got = wrap_pin_pages(current->mm, addr, n, true, pages); /* expect: raw: page_to_pfn */
	if (got <= 0) {
		kfree(pages);
		return got;
	}
	for (i = 0; i < got; i++)
		pfns[i] = page_to_pfn(pages[i]);
	return got;
}

/* A page only read and released: every use understood, still manual. */
static int wrap_read(unsigned long addr, char *buf)
{
	struct page *page;
	char *kaddr;

	if (wrap_pin_pages(current->mm, addr, 1, false, &page) != 1) /* expect: manual: not converted across files */
		return -EFAULT;
	kaddr = kmap_local_page(page);
	memcpy(buf, kaddr, 16);
	kunmap_local(kaddr);
	unpin_user_page(page);
	return 0;
}

/* An array handed to a function the rules do not know: manual. */
static int wrap_unknown(unsigned long addr, int n, struct wrap_dev *dev)
{
	struct page *pages[4];
	int got;

	got = wrap_pin_pages(current->mm, addr, n, false, pages); /* expect: manual: passed whole to wrap_dev_add() */
	if (got == n)
		wrap_dev_add(dev, pages, got);
	return got;
}

/* A GUP call beside them is decided as without -D wrappers. */
static int wrap_plain(unsigned long addr, char *buf)
{
	struct page *page;
	char *kaddr;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1) /* expect: proxy */
		return -EFAULT;
	kaddr = kmap_local_page(page);
	memcpy(buf, kaddr, 16);
	kunmap_local(kaddr);
	put_page(page);
	return 0;
}
