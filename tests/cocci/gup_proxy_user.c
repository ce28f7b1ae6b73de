// SPDX-License-Identifier: GPL-2.0
/* Not part of the series: another file that uses struct shared's pages. */
void shared_touch(struct shared *s)
{
	flush_dcache_page(s->pages[0]);
}
