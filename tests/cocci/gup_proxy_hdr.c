// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: members declared in a header of the group
 * (gup_proxy_hdr.h), which must then see __proxy.
 */
#include <linux/mm.h>

#include "gup_proxy_hdr.h"

static int hdr_pin(struct hdr_buf *b, unsigned long addr)
{
	int got;

	got = pin_user_pages_fast(addr, b->nr, FOLL_WRITE, b->pages); /* expect: proxy: struct hdr_buf.pages */
	if (got < b->nr) {
		if (got > 0)
			unpin_user_pages(b->pages, got);
		return -EFAULT;
	}
	return 0;
}

static void hdr_unpin(struct hdr_buf *b)
{
	unpin_user_pages_dirty_lock(b->pages, b->nr, true);
}

static int hdr_monitor(struct hdr_mon *m, unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1) /* expect: proxy */
		return -EFAULT;
	if (m->page)
		unpin_user_page(m->page);
	m->page = page;
	return 0;
}

static void hdr_monitor_stop(struct hdr_mon *m)
{
	if (m->page) {
		unpin_user_page(m->page);
		m->page = NULL;
	}
}

static int hdr_ring_fill(struct hdr_ring *r, unsigned long addr)
{
	int got;

	got = get_user_pages_fast(addr, r->nr, 0, r->ring); /* expect: proxy: struct hdr_ring.ring */
	if (got < r->nr) {
		if (got > 0)
			release_pages(r->ring, got);
		return -EFAULT;
	}
	return 0;
}

static void hdr_ring_empty(struct hdr_ring *r)
{
	release_pages(r->ring, r->nr);
}
