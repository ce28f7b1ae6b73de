/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of mm/page_proxy.c shared with its KUnit suite.
 */
#ifndef _MM_PAGE_PROXY_H
#define _MM_PAGE_PROXY_H

#include <linux/gfp_types.h>
#include <linux/types.h>

enum page_proxy_stat {
	PAGE_PROXY_ALLOCATED,		/* proxies handed out */
	PAGE_PROXY_FREED,		/* proxies whose last reference was put */
	PAGE_PROXY_ALLOC_FAILED,	/* GUP calls cut short for lack of memory */
	PAGE_PROXY_MISUSE,		/* reports by page_proxy_report() */
	PAGE_PROXY_STAT_COUNT,
};

/* The named KUnit resource (an int) that counts misuse reports. */
#define PAGE_PROXY_KUNIT_RESOURCE	"page_proxy_misuse"

unsigned long page_proxy_stat(enum page_proxy_stat item);
long page_proxy_live(void);

#if IS_ENABLED(CONFIG_KUNIT)
int __page_proxy_alloc_bulk(gfp_t gfp, size_t nr, void **objs);
int page_proxy_alloc_bulk(gfp_t gfp, size_t nr, void **objs);
#endif

#endif /* _MM_PAGE_PROXY_H */
