// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: deliberately wrong uses of page proxies, for
 * bin/sparse. Sparse must report every line marked "sparse:" with the
 * message given there; a line that draws nothing fails `make test`.
 */
#include <linux/mm.h>
#include <linux/page_proxy.h>

void page_proxy_sparse_misuse(unsigned long addr);

void page_proxy_sparse_misuse(unsigned long addr)
{
	struct page __proxy *proxies[2];
	struct page *page;

	if (pin_user_pages_fast(addr, 2, FOLL_PROXY, proxies) != 2)
		return;
	put_page(proxies[0]);		/* sparse: different address spaces */
	page = proxies[1];		/* sparse: different address spaces */
	if (proxies[1]->flags)		/* sparse: dereference of noderef expression */
		get_page(page);
	get_user_pages_fast_only(addr, 2, 0, proxies); /* sparse: different address spaces */
	unpin_user_pages(proxies, 2);
}
