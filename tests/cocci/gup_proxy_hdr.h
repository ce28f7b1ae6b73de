/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Not part of the series: a header that declares the structs of
 * gup_proxy_hdr.c. It includes neither <linux/mm.h> nor
 * <linux/page_proxy.h>: patch mode adds the latter after its last
 * #include <...>, for the members it annotates.
 */
#ifndef GUP_PROXY_HDR_H
#define GUP_PROXY_HDR_H

#include <linux/types.h>
#include <linux/dma-mapping.h>

#include "gup_proxy_hdrmm.h"

struct hdr_buf {
	struct page **pages;
	int nr;
};

struct hdr_mon {
	struct page *page;
};

#endif
