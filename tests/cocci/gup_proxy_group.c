// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the series: a file of the same spatch group as gup_proxy_xf.c
 * (GUP_PROXY_GROUPS), which uses members of structs gup_proxy_xf.c defines.
 */
static void crossed_touch(struct crossed *c)
{
	char *kaddr = kmap_local_page(c->pages[0]);

	kaddr[0] = 0;
	kunmap_local(kaddr);
}

static void crossed_unpin(struct crossed *c)
{
	unpin_user_pages_dirty_lock(c->pages, c->nr, true);
}

static void monitor_release(struct monitor *m)
{
	put_page(m->page);
	m->page = NULL;
}

static void udma_fill(struct udma *u)
{
	int i;

	for (i = 0; i < u->nr; i++)
		sg_set_page(&u->sg[i], u->map[i], PAGE_SIZE, 0);
}
