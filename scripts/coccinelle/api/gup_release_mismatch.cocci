// SPDX-License-Identifier: GPL-2.0-only
///
/// Release each get_user_pages*() reference with the primitive that matches
/// how it was taken: pages from pin_user_pages*() (FOLL_PIN) go back with
/// unpin_user_page*(), pages from get_user_pages*() (FOLL_GET) with
/// put_user_page*() or put_page(). put_page() on a pinned small folio leaves
/// GUP_PIN_COUNTING_BIAS - 1 references behind; unpin_user_page() on a
/// FOLL_GET page takes away references it does not own.
///
/// Only releases in the function that took the references are seen.
///
// Confidence: Moderate
// Copyright: (C) 2026 Page Proxy Team.
// Options: --no-includes --include-headers
// Keywords: pin_user_pages, unpin_user_page, put_user_page, FOLL_PIN
//

virtual context
virtual patch
virtual org
virtual report

// FOLL_PIN references released as FOLL_GET ones.
@pin_put depends on !patch exists@
expression P, I, E, E1, E2, E3, E4, E5;
position pg, pr;
@@

(
pin_user_pages_fast@pg(E1, E2, E3, P)
|
pin_user_pages@pg(E1, E2, E3, P)
|
pin_user_pages_remote@pg(E1, E2, E3, E4, P, E5)
|
pin_user_pages_unlocked@pg(E1, E2, P, E3)
)
... when != P = E
(
put_page@pr(P[I])
|
put_user_page@pr(P[I])
|
put_user_pages@pr(P, ...)
|
put_user_pages_dirty_lock@pr(P, ...)
|
release_pages@pr(P, ...)
)

@pin_put1 depends on !patch exists@
expression Q, E, E1, E2, E3, E4, E5;
position pg, pr;
@@

(
pin_user_pages_fast@pg(E1, E2, E3, &Q)
|
pin_user_pages@pg(E1, E2, E3, &Q)
|
pin_user_pages_remote@pg(E1, E2, E3, E4, &Q, E5)
|
pin_user_pages_unlocked@pg(E1, E2, &Q, E3)
)
... when != Q = E
(
put_page@pr(Q)
|
put_user_page@pr(Q)
)

// FOLL_GET references released as FOLL_PIN ones.
@get_unpin depends on !patch exists@
expression P, I, E, E1, E2, E3, E4, E5;
position pg, pr;
@@

(
get_user_pages_fast@pg(E1, E2, E3, P)
|
get_user_pages@pg(E1, E2, E3, P)
|
get_user_pages_remote@pg(E1, E2, E3, E4, P, E5)
|
get_user_pages_unlocked@pg(E1, E2, P, E3)
)
... when != P = E
(
unpin_user_page@pr(P[I])
|
unpin_user_pages@pr(P, ...)
|
unpin_user_pages_dirty_lock@pr(P, ...)
)

@get_unpin1 depends on !patch exists@
expression Q, E, E1, E2, E3, E4, E5;
position pg, pr;
@@

(
get_user_pages_fast@pg(E1, E2, E3, &Q)
|
get_user_pages@pg(E1, E2, E3, &Q)
|
get_user_pages_remote@pg(E1, E2, E3, E4, &Q, E5)
|
get_user_pages_unlocked@pg(E1, E2, &Q, E3)
)
... when != Q = E
unpin_user_page@pr(Q)

@depends on context@
position p = {pin_put.pr, pin_put1.pr, get_unpin.pr, get_unpin1.pr};
identifier f;
@@

* f@p(...)

@depends on patch exists@
expression P, I, E, E1, E2, E3, E4, E5;
@@

(
pin_user_pages_fast(E1, E2, E3, P)
|
pin_user_pages(E1, E2, E3, P)
|
pin_user_pages_remote(E1, E2, E3, E4, P, E5)
|
pin_user_pages_unlocked(E1, E2, P, E3)
)
... when != P = E
(
- put_page(P[I])
+ unpin_user_page(P[I])
|
- put_user_page(P[I])
+ unpin_user_page(P[I])
|
- put_user_pages(P, E1)
+ unpin_user_pages(P, E1)
|
- put_user_pages_dirty_lock(P, E1, E2)
+ unpin_user_pages_dirty_lock(P, E1, E2)
|
- release_pages(P, E1)
+ unpin_user_pages(P, E1)
)

@depends on patch exists@
expression Q, E, E1, E2, E3, E4, E5;
@@

(
pin_user_pages_fast(E1, E2, E3, &Q)
|
pin_user_pages(E1, E2, E3, &Q)
|
pin_user_pages_remote(E1, E2, E3, E4, &Q, E5)
|
pin_user_pages_unlocked(E1, E2, &Q, E3)
)
... when != Q = E
(
- put_page(Q)
+ unpin_user_page(Q)
|
- put_user_page(Q)
+ unpin_user_page(Q)
)

@depends on patch exists@
expression P, I, E, E1, E2, E3, E4, E5;
@@

(
get_user_pages_fast(E1, E2, E3, P)
|
get_user_pages(E1, E2, E3, P)
|
get_user_pages_remote(E1, E2, E3, E4, P, E5)
|
get_user_pages_unlocked(E1, E2, P, E3)
)
... when != P = E
(
- unpin_user_page(P[I])
+ put_user_page(P[I])
|
- unpin_user_pages(P, E1)
+ put_user_pages(P, E1)
|
- unpin_user_pages_dirty_lock(P, E1, E2)
+ put_user_pages_dirty_lock(P, E1, E2)
)

@depends on patch exists@
expression Q, E, E1, E2, E3, E4, E5;
@@

(
get_user_pages_fast(E1, E2, E3, &Q)
|
get_user_pages(E1, E2, E3, &Q)
|
get_user_pages_remote(E1, E2, E3, E4, &Q, E5)
|
get_user_pages_unlocked(E1, E2, &Q, E3)
)
... when != Q = E
- unpin_user_page(Q)
+ put_user_page(Q)

@script:python depends on report@
pg << pin_put.pg;
pr << pin_put.pr;
@@

coccilib.report.print_report(pr[0],
	"ERROR: pages pinned on line %s (FOLL_PIN) released without unpin_user_page*()" % pg[0].line)

@script:python depends on report@
pg << pin_put1.pg;
pr << pin_put1.pr;
@@

coccilib.report.print_report(pr[0],
	"ERROR: page pinned on line %s (FOLL_PIN) released without unpin_user_page()" % pg[0].line)

@script:python depends on report@
pg << get_unpin.pg;
pr << get_unpin.pr;
@@

coccilib.report.print_report(pr[0],
	"ERROR: FOLL_GET pages from line %s released with unpin_user_page*()" % pg[0].line)

@script:python depends on report@
pg << get_unpin1.pg;
pr << get_unpin1.pr;
@@

coccilib.report.print_report(pr[0],
	"ERROR: FOLL_GET page from line %s released with unpin_user_page()" % pg[0].line)

@script:python depends on org@
pg << pin_put.pg;
pr << pin_put.pr;
@@

coccilib.org.print_todo(pr[0],
	"pages pinned on line %s released without unpin_user_page*()" % pg[0].line)

@script:python depends on org@
pg << pin_put1.pg;
pr << pin_put1.pr;
@@

coccilib.org.print_todo(pr[0],
	"page pinned on line %s released without unpin_user_page()" % pg[0].line)

@script:python depends on org@
pg << get_unpin.pg;
pr << get_unpin.pr;
@@

coccilib.org.print_todo(pr[0],
	"FOLL_GET pages from line %s released with unpin_user_page*()" % pg[0].line)

@script:python depends on org@
pg << get_unpin1.pg;
pr << get_unpin1.pr;
@@

coccilib.org.print_todo(pr[0],
	"FOLL_GET page from line %s released with unpin_user_page()" % pg[0].line)
