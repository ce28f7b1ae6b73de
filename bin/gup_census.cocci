// Not part of the series: the census of get_user_pages*() call sites that
// bin/conversion checks gup_proxy.cocci's decisions against. It knows
// nothing about decisions: every call of a GUP entry point, one line each.

virtual report

@r@
identifier fn = {get_user_pages, get_user_pages_fast, get_user_pages_remote,
		 get_user_pages_unlocked, pin_user_pages, pin_user_pages_fast,
		 pin_user_pages_remote, pin_user_pages_unlocked,
		 get_user_page_fast_only, get_user_pages_fast_only,
		 get_user_page_vma_remote, iov_iter_extract_pages,
		 iov_iter_get_pages2, iov_iter_get_pages_alloc2};
position p;
@@
fn@p(...)

@script:python@
p << r.p;
fn << r.fn;
@@
coccilib.report.print_report(p[0], fn)
