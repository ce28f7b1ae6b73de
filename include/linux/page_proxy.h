/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page proxies: tagged struct page pointers from get_user_pages*()
 *
 * A proxy is a struct page pointer with bit 0 set. Stripped of the tag it
 * points at a struct page_aux, a slab object that holds exactly one
 * get_user_pages*() reference (FOLL_GET or FOLL_PIN) on a real page, counts
 * the references to the proxy itself, and carries what the holder of the
 * reference knows about the page and struct page has no room for: the
 * dev_pagemap, device data, and a mapping/index that may differ from the
 * page's own. Several proxies can front one page, each with its own mapping
 * and index (one pmem page shared by reflinked files at different offsets).
 *
 * Why: whether a page is pinned for DMA is a property of a reference, not of
 * the page. A plain struct page pointer cannot say which kind of reference it
 * stands for, so it cannot be released safely by code that did not take it;
 * a proxy can. The real page keeps the reference GUP took, unchanged, so
 * folio_maybe_dma_pinned(), MMF_HAS_PINNED, FOLL_LONGTERM migration,
 * fork/COW, KSM, THP split, reclaim and writeback see exactly what they see
 * without proxies.
 *
 * Who sees proxies: only a caller that passes FOLL_PROXY to one of the
 * get_user_pages*() or pin_user_pages*() entry points, and declares its array
 * as ``struct page __proxy **``. Everything else sees real pages. Without
 * CONFIG_PAGE_PROXY, FOLL_PROXY is accepted and real pages are returned: a
 * caller that follows the rules below works with both.
 *
 * Rules for a holder of proxies:
 *
 *  - Never dereference one. ``__proxy`` is a sparse address space with
 *    noderef: sparse reports a dereference, and a proxy passed where a plain
 *    struct page pointer is expected.
 *  - Release FOLL_GET proxies with put_user_page(), put_user_pages() or
 *    put_user_pages_dirty_lock(). FOLL_PIN proxies may go either way, but
 *    code that pins keeps unpin_user_page*(): without CONFIG_PAGE_PROXY its
 *    pages are real, and put_user_page*() on a real page drops a FOLL_GET
 *    reference, not a pin. Never put_page(), folio_put() or
 *    unpin_user_page_range_dirty_lock() (which does pointer arithmetic on
 *    its argument).
 *  - Take another reference with ref_user_page(): it counts in the proxy,
 *    the real page is not touched. The last put releases the one reference
 *    GUP took and frees the proxy.
 *  - Hand a real page to code that wants one with user_page_to_page(): the
 *    exact subpage GUP found. Raw consumers include sg_set_page() (which
 *    BUG()s on low bits), bio_add_page() and bvecs, page_to_netmem()
 *    (NET_IOV is bit 0 too: a proxy would read as a net_iov), xarray value
 *    entries (bit 0 marks a value), page_to_pfn(), kmap*() and page_folio().
 *
 * Typing: union user_page_arg and union user_pages_arg are transparent
 * unions, so the same entry points take plain and __proxy pointers without
 * casts at call sites, while sparse still checks each caller's own
 * declarations (the model is release_pages_arg).
 *
 * The overrides (mapping, index, device data) are recorded and returned by
 * the accessors below; nothing in the tree reads them yet.
 */
#ifndef _LINUX_PAGE_PROXY_H
#define _LINUX_PAGE_PROXY_H

#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/refcount.h>
#include <linux/types.h>

#ifdef __CHECKER__
# define __proxy	__attribute__((noderef, address_space(__proxy)))
#else
# define __proxy
#endif

/**
 * union user_page_arg - a page from get_user_pages*(): real or proxy
 * @page: a real page, or the same bits seen without the sparse annotation
 * @proxy: a proxy
 *
 * A transparent union: a function that takes one accepts either a
 * ``struct page *`` or a ``struct page __proxy *`` argument.
 */
union user_page_arg {
	struct page *page;
	struct page __proxy *proxy;
} __attribute__((__transparent_union__));

/**
 * union user_pages_arg - an array of pages from get_user_pages*()
 * @pages: an array of real pages (or the same bits seen without annotation)
 * @proxies: an array that may hold proxies
 */
union user_pages_arg {
	struct page **pages;
	struct page __proxy **proxies;
} __attribute__((__transparent_union__));

/* The tag: bit 0 of a struct page pointer, free because both it and a
 * struct page_aux are at least 2-byte aligned.
 */
#define PAGE_PROXY_TAG		0x1UL

/* Size and alignment of a struct page_aux: one cache line on common CPUs. */
#define PAGE_AUX_SIZE		64

enum page_aux_flags {
	PAGE_AUX_PIN		= 1U << 0,	/* holds a FOLL_PIN reference, else FOLL_GET */
	PAGE_AUX_MAPPING	= 1U << 1,	/* @mapping and @index override the page's */
};

/* page_aux.magic, checked under CONFIG_DEBUG_VM */
#define PAGE_AUX_LIVE		0x70726f78UL	/* "prox" */
#define PAGE_AUX_DEAD		0x64656164UL	/* "dead" */

/**
 * struct page_aux - what a proxy points at
 * @page: the real page, exactly the subpage GUP found; never changes
 * @refs: references to the proxy: one from GUP, one per ref_user_page()
 * @flags: PAGE_AUX_*; written by the holder, see page_proxy_set_mapping()
 * @pgmap: the page's dev_pagemap, borrowed: valid while the GUP reference is
 *         held (no percpu_ref of its own); NULL for ordinary pages
 * @device_data: the holder's data for the page, as zone_device_data
 * @mapping: the mapping the holder sees the page in, if PAGE_AUX_MAPPING
 * @index: the page's index in @mapping, if PAGE_AUX_MAPPING
 * @magic: PAGE_AUX_LIVE while referenced, PAGE_AUX_DEAD once released
 */
struct page_aux {
	struct page *page;
	refcount_t refs;
	unsigned int flags;
	struct dev_pagemap *pgmap;
	void *device_data;
	struct address_space *mapping;
	pgoff_t index;
	unsigned long magic;
} __aligned(PAGE_AUX_SIZE);

static_assert(sizeof(struct page_aux) == PAGE_AUX_SIZE);
static_assert(__alignof__(struct page_aux) > PAGE_PROXY_TAG);
static_assert(__alignof__(struct page) > PAGE_PROXY_TAG);

/**
 * page_is_proxy() - is this a proxy?
 * @p: a pointer from get_user_pages*(), NULL or an ERR_PTR()
 *
 * ERR_PTR() values with an odd errno have bit 0 set too; they are not
 * proxies, and neither is anything without CONFIG_PAGE_PROXY.
 *
 * Context: Any context.
 * Return: true if @p is a proxy.
 */
static inline bool page_is_proxy(union user_page_arg p)
{
	unsigned long v = (unsigned long)p.page;

	return IS_ENABLED(CONFIG_PAGE_PROXY) && (v & PAGE_PROXY_TAG) &&
	       !IS_ERR_VALUE(v);
}

/**
 * __proxy_to_aux() - the struct page_aux behind a proxy, unchecked
 * @p: a proxy
 *
 * The fast version of page_proxy_aux(): @p must be a proxy.
 *
 * Context: Any context.
 * Return: the struct page_aux @p points at.
 */
static inline struct page_aux *__proxy_to_aux(union user_page_arg p)
{
	return (struct page_aux *)((unsigned long)p.page & ~PAGE_PROXY_TAG);
}

/**
 * __aux_to_proxy() - the proxy for a struct page_aux
 * @aux: a live struct page_aux
 *
 * Context: Any context.
 * Return: @aux, tagged.
 */
static inline struct page __proxy *__aux_to_proxy(struct page_aux *aux)
{
	return (struct page __force __proxy *)((unsigned long)aux | PAGE_PROXY_TAG);
}

#ifdef CONFIG_PAGE_PROXY
struct page_aux *page_proxy_aux(union user_page_arg p);
struct page *__page_proxy_page(struct page_aux *aux);
bool __page_proxy_misused(const struct page *page, const char *what);
bool page_proxy_report(const char *what, union user_page_arg p);
long page_proxy_wrap(struct page **pages, long nr, unsigned int gup_flags);
void page_proxy_put(struct page_aux *aux, unsigned int gup_flags);
void page_proxy_ref(struct page_aux *aux);
int page_proxy_set_mapping(struct page __proxy *proxy,
			   struct address_space *mapping, pgoff_t index);
int page_proxy_set_device_data(struct page __proxy *proxy, void *data);
void page_proxy_dump(union user_page_arg p, const char *reason);
#else
static inline struct page_aux *page_proxy_aux(union user_page_arg p)
{
	return NULL;
}

static inline struct page *__page_proxy_page(struct page_aux *aux)
{
	return aux->page;
}

static inline bool __page_proxy_misused(const struct page *page,
					const char *what)
{
	return false;
}

static inline bool page_proxy_report(const char *what, union user_page_arg p)
{
	WARN_ONCE(1, "page_proxy: %s\n", what);
	return true;
}

static inline long page_proxy_wrap(struct page **pages, long nr,
				   unsigned int gup_flags)
{
	return nr;
}

static inline void page_proxy_put(struct page_aux *aux, unsigned int gup_flags)
{
}

static inline void page_proxy_ref(struct page_aux *aux)
{
}

static inline int page_proxy_set_mapping(struct page __proxy *proxy,
					 struct address_space *mapping,
					 pgoff_t index)
{
	return -EOPNOTSUPP;
}

static inline int page_proxy_set_device_data(struct page __proxy *proxy,
					     void *data)
{
	return -EOPNOTSUPP;
}

static inline void page_proxy_dump(union user_page_arg p, const char *reason)
{
	dump_page(p.page, reason);
}
#endif /* CONFIG_PAGE_PROXY */

/**
 * user_page_to_page() - the real page behind a get_user_pages*() result
 * @p: a real page or a proxy
 *
 * For a proxy, the exact (sub)page GUP found; a real page is returned as
 * it is. Under CONFIG_DEBUG_VM, a released proxy is reported.
 *
 * Context: Any context; the caller holds the reference @p stands for.
 * Return: the real page.
 */
static inline struct page *user_page_to_page(union user_page_arg p)
{
	if (!page_is_proxy(p))
		return p.page;
	if (IS_ENABLED(CONFIG_DEBUG_VM))
		return __page_proxy_page(__proxy_to_aux(p));
	return __proxy_to_aux(p)->page;
}

/**
 * page_proxy_misused() - catch a proxy handed to a raw-page primitive
 * @page: what get_page() or put_page() was given
 * @what: the primitive, for the report
 *
 * Under CONFIG_DEBUG_VM, get_page() and put_page() call this first: a proxy
 * there is reported and the operation skipped, rather than corrupting
 * whatever the untagged pointer happens to point at. Compiles to false
 * otherwise.
 *
 * Context: Any context.
 * Return: true if @page is a proxy and the caller must not touch it.
 */
static inline bool page_proxy_misused(const struct page *page, const char *what)
{
	if (!IS_ENABLED(CONFIG_DEBUG_VM) || !IS_ENABLED(CONFIG_PAGE_PROXY))
		return false;
	if (likely(!((unsigned long)page & PAGE_PROXY_TAG)) ||
	    IS_ERR_VALUE((unsigned long)page))
		return false;
	return __page_proxy_misused(page, what);
}

struct address_space *page_user_mapping(union user_page_arg p);
pgoff_t page_user_index(union user_page_arg p);
struct dev_pagemap *page_user_pgmap(union user_page_arg p);
void *page_user_device_data(union user_page_arg p);

#endif /* _LINUX_PAGE_PROXY_H */
