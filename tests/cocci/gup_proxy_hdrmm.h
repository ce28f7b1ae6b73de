/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Not part of the series: a header that includes <linux/mm.h>, which
 * includes <linux/page_proxy.h>: its annotated member needs no include.
 */
#ifndef GUP_PROXY_HDRMM_H
#define GUP_PROXY_HDRMM_H

#include <linux/mm.h>

struct hdr_ring {
	struct page **ring;
	int nr;
};

#endif
