// SPDX-License-Identifier: GPL-2.0
/*
 * Page proxy objects for get_user_pages*(): allocation after the page-table
 * walk, release, statistics and misuse reports.
 *
 * See include/linux/page_proxy.h for the design and the rules, and
 * Documentation/core-api/page_proxy.rst.
 */

#define pr_fmt(fmt) "page_proxy: " fmt

#include <kunit/static_stub.h>
#include <kunit/test-bug.h>
#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/memcontrol.h>
#include <linux/memremap.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/page_proxy.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "internal.h"
#include "page_proxy.h"

/*
 * Charged to the memcg of the task that calls get_user_pages*(), also for
 * the _remote variants: the proxies are that caller's kernel memory, held
 * as long as it holds the references, like the array it passes in.
 */
static struct kmem_cache *page_aux_cache __ro_after_init;

/* Proxies allocated per kmem_cache_alloc_bulk() call. */
#define PAGE_PROXY_BATCH	16

static const char *const page_proxy_stat_names[] = {
	[PAGE_PROXY_ALLOCATED]		= "allocated",
	[PAGE_PROXY_FREED]		= "freed",
	[PAGE_PROXY_ALLOC_FAILED]	= "alloc_failed",
	[PAGE_PROXY_MISUSE]		= "misuse",
};

static_assert(ARRAY_SIZE(page_proxy_stat_names) == PAGE_PROXY_STAT_COUNT);

static DEFINE_PER_CPU(unsigned long, page_proxy_stats[PAGE_PROXY_STAT_COUNT]);

static void page_proxy_count(enum page_proxy_stat item, unsigned long n)
{
	this_cpu_add(page_proxy_stats[item], n);
}

/**
 * page_proxy_stat() - read one of the proxy counters
 * @item: which counter
 *
 * Context: Any context. The sum over CPUs is not a snapshot.
 * Return: the counter summed over all CPUs.
 */
unsigned long page_proxy_stat(enum page_proxy_stat item)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(page_proxy_stats[item], cpu);
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(page_proxy_stat);

/**
 * page_proxy_live() - how many proxies are live
 *
 * Every live proxy holds exactly one get_user_pages*() reference, so this is
 * also the number of GUP references held through proxies.
 *
 * Context: Any context. Racy against concurrent GUP, exact when quiet.
 * Return: proxies allocated minus proxies released.
 */
long page_proxy_live(void)
{
	return page_proxy_stat(PAGE_PROXY_ALLOCATED) -
	       page_proxy_stat(PAGE_PROXY_FREED);
}
EXPORT_SYMBOL_IF_KUNIT(page_proxy_live);

/*
 * Misuse is counted, like lib/slub_kunit.c counts slab errors: a KUnit test
 * that provokes it on purpose adds a named resource, and finds the count
 * there instead of a splat in the log.
 */
static bool page_proxy_kunit_count(void)
{
#if IS_ENABLED(CONFIG_KUNIT)
	struct kunit_resource *resource;
	struct kunit *test = kunit_get_current_test();

	if (!test)
		return false;
	resource = kunit_find_named_resource(test, PAGE_PROXY_KUNIT_RESOURCE);
	if (!resource)
		return false;
	(*(int *)resource->data)++;
	kunit_put_resource(resource);
	return true;
#else
	return false;
#endif
}

/**
 * page_proxy_report() - report a misuse of the proxy API
 * @what: what went wrong
 * @p: the pointer involved, or NULL
 *
 * Counts the misuse, and warns unless a KUnit test is counting it.
 *
 * Context: Any context.
 * Return: true, so that a caller can write ``if (bad && page_proxy_report())``.
 */
bool page_proxy_report(const char *what, union user_page_arg p)
{
	page_proxy_count(PAGE_PROXY_MISUSE, 1);
	if (!page_proxy_kunit_count())
		WARN(1, "page_proxy: %s (%p)\n", what, p.page);
	return true;
}
EXPORT_SYMBOL(page_proxy_report);

/*
 * Under CONFIG_DEBUG_VM a released proxy is not freed at once: it is marked
 * dead and waits here, so that a put, ref or lookup through a stale proxy
 * finds PAGE_AUX_DEAD and is reported instead of reading reused memory.
 */
#define PAGE_PROXY_QUARANTINE	256
static struct page_aux *page_proxy_quarantine[PAGE_PROXY_QUARANTINE];
static unsigned int page_proxy_quarantine_next;	/* protected by the lock */
static DEFINE_SPINLOCK(page_proxy_quarantine_lock);

static void page_proxy_free(struct page_aux *aux)
{
	unsigned long flags;
	struct page_aux *old;

	page_proxy_count(PAGE_PROXY_FREED, 1);
	if (!IS_ENABLED(CONFIG_DEBUG_VM)) {
		kmem_cache_free(page_aux_cache, aux);
		return;
	}
	WRITE_ONCE(aux->magic, PAGE_AUX_DEAD);
	spin_lock_irqsave(&page_proxy_quarantine_lock, flags);
	old = page_proxy_quarantine[page_proxy_quarantine_next];
	page_proxy_quarantine[page_proxy_quarantine_next] = aux;
	page_proxy_quarantine_next = (page_proxy_quarantine_next + 1) %
				     PAGE_PROXY_QUARANTINE;
	spin_unlock_irqrestore(&page_proxy_quarantine_lock, flags);
	if (old)
		kmem_cache_free(page_aux_cache, old);
}

/* Under CONFIG_DEBUG_VM: is @aux live? Reports it if not. */
static bool page_proxy_dead(struct page_aux *aux, const char *what)
{
	if (!IS_ENABLED(CONFIG_DEBUG_VM) ||
	    likely(READ_ONCE(aux->magic) == PAGE_AUX_LIVE))
		return false;
	return page_proxy_report(what, __aux_to_proxy(aux));
}

/**
 * page_proxy_aux() - the struct page_aux behind a proxy, checked
 * @p: a pointer from get_user_pages*()
 *
 * Context: Any context.
 * Return: the struct page_aux, or NULL (reported) if @p is not a live proxy.
 */
struct page_aux *page_proxy_aux(union user_page_arg p)
{
	struct page_aux *aux;

	if (!page_is_proxy(p)) {
		page_proxy_report("not a proxy", p.page);
		return NULL;
	}
	aux = __proxy_to_aux(p);
	return page_proxy_dead(aux, "released proxy used") ? NULL : aux;
}
EXPORT_SYMBOL(page_proxy_aux);

/**
 * __page_proxy_page() - the real page of a proxy, for user_page_to_page()
 * @aux: the struct page_aux of a proxy
 *
 * The CONFIG_DEBUG_VM path of user_page_to_page(): a released proxy is
 * reported, and its page still returned.
 *
 * Context: Any context.
 * Return: the real page.
 */
struct page *__page_proxy_page(struct page_aux *aux)
{
	page_proxy_dead(aux, "user_page_to_page() on a released proxy");
	return aux->page;
}
EXPORT_SYMBOL(__page_proxy_page);

/**
 * __page_proxy_misused() - report a proxy given to get_page() or put_page()
 * @page: the proxy
 * @what: the primitive it was given to
 *
 * Context: Any context.
 * Return: true.
 */
bool __page_proxy_misused(const struct page *page, const char *what)
{
	return page_proxy_report(what, (struct page *)page);
}
EXPORT_SYMBOL(__page_proxy_misused);

VISIBLE_IF_KUNIT int __page_proxy_alloc_bulk(gfp_t gfp, size_t nr, void **objs)
{
	return kmem_cache_alloc_bulk(page_aux_cache, gfp, nr, objs);
}
EXPORT_SYMBOL_IF_KUNIT(__page_proxy_alloc_bulk);

/* The allocation every proxy comes from: a KUnit test can make it fail. */
VISIBLE_IF_KUNIT noinline
int page_proxy_alloc_bulk(gfp_t gfp, size_t nr, void **objs)
{
	KUNIT_STATIC_STUB_REDIRECT(page_proxy_alloc_bulk, gfp, nr, objs);
	return __page_proxy_alloc_bulk(gfp, nr, objs);
}
EXPORT_SYMBOL_IF_KUNIT(page_proxy_alloc_bulk);

static void page_proxy_init_aux(struct page_aux *aux, struct page *page,
				unsigned int gup_flags)
{
	aux->page = page;
	refcount_set(&aux->refs, 1);
	aux->flags = (gup_flags & FOLL_PIN) ? PAGE_AUX_PIN : 0;
	aux->pgmap = is_zone_device_page(page) ? page->pgmap : NULL;
	aux->device_data = NULL;
	aux->mapping = NULL;
	aux->index = 0;
	aux->magic = PAGE_AUX_LIVE;
}

/**
 * page_proxy_wrap() - replace the pages GUP returned with proxies
 * @pages: the @nr pages a get_user_pages*() walk just returned
 * @nr: how many, at least 1
 * @gup_flags: the caller's flags: FOLL_PIN says which reference each holds,
 *             FOLL_NOWAIT and FOLL_NOFAULT forbid sleeping for memory
 *
 * Runs after the page-table walk, with interrupts enabled, so that GUP-fast,
 * migration and the seqcount retries only ever see real pages. Each proxy
 * takes over the reference GUP took on its page. If memory runs out, the
 * leading entries that got a proxy are kept and the references of the rest
 * are dropped, as the get_user_pages*() contract for a short count requires.
 *
 * Context: Process context; sleeps unless @gup_flags has FOLL_NOWAIT or
 * FOLL_NOFAULT.
 * Return: the number of leading entries now holding proxies, or -ENOMEM if
 * none could be allocated (then no reference is left held).
 */
long page_proxy_wrap(struct page **pages, long nr, unsigned int gup_flags)
{
	gfp_t gfp = (gup_flags & (FOLL_NOWAIT | FOLL_NOFAULT)) ?
		    GFP_NOWAIT | __GFP_NOWARN : GFP_KERNEL;
	void *objs[PAGE_PROXY_BATCH];
	long done = 0;
	int want, got, i;

	while (done < nr) {
		want = min_t(long, nr - done, PAGE_PROXY_BATCH);
		got = page_proxy_alloc_bulk(gfp, want, objs);
		/* The bulk call is all or nothing; one at a time gets a short count. */
		if (!got)
			while (got < want &&
			       page_proxy_alloc_bulk(gfp, 1, &objs[got]) == 1)
				got++;
		for (i = 0; i < got; i++, done++) {
			page_proxy_init_aux(objs[i], pages[done], gup_flags);
			pages[done] = (struct page __force *)__aux_to_proxy(objs[i]);
		}
		if (got < want)
			break;
	}
	page_proxy_count(PAGE_PROXY_ALLOCATED, done);
	if (done == nr)
		return nr;

	page_proxy_count(PAGE_PROXY_ALLOC_FAILED, 1);
	if (gup_flags & FOLL_PIN)
		unpin_user_pages(pages + done, nr - done);
	else
		put_user_pages(pages + done, nr - done);
	return done ?: -ENOMEM;
}

/**
 * page_proxy_put() - drop a reference to a proxy
 * @aux: the struct page_aux of the proxy
 * @gup_flags: FOLL_PIN when called from unpin_user_page*(), else 0
 *
 * The last put releases the reference GUP took on the real page and frees
 * the proxy. unpin_user_page*() on a FOLL_GET proxy is a misuse, reported
 * under CONFIG_DEBUG_VM; the reference the proxy holds is released correctly
 * either way.
 *
 * Context: Any context in which unpin_user_page() may be called.
 */
void page_proxy_put(struct page_aux *aux, unsigned int gup_flags)
{
	struct page *page;
	bool pin;

	if (page_proxy_dead(aux, "put of a released proxy"))
		return;
	if (IS_ENABLED(CONFIG_DEBUG_VM) && (gup_flags & FOLL_PIN) &&
	    !(aux->flags & PAGE_AUX_PIN))
		page_proxy_report("unpin_user_page() on a FOLL_GET proxy",
				  __aux_to_proxy(aux));
	if (!refcount_dec_and_test(&aux->refs))
		return;

	page = aux->page;
	pin = aux->flags & PAGE_AUX_PIN;
	page_proxy_free(aux);
	if (pin)
		unpin_user_page(page);
	else
		put_user_page(page);
}

/**
 * page_proxy_ref() - take another reference to a proxy
 * @aux: the struct page_aux of a live proxy
 *
 * Context: Any context; the caller holds a reference to the proxy.
 */
void page_proxy_ref(struct page_aux *aux)
{
	if (page_proxy_dead(aux, "ref of a released proxy"))
		return;
	refcount_inc(&aux->refs);
}

/**
 * page_proxy_set_mapping() - record the mapping and index a holder sees
 * @proxy: a proxy the caller holds a reference to
 * @mapping: the address_space the holder sees the page in
 * @index: the page's index in @mapping
 *
 * For the owner of that information (a filesystem, a driver): several
 * proxies of one page may each carry their own. page_user_mapping() and
 * page_user_index() return them; the real page is not changed. Not
 * serialized against readers: set it before sharing the proxy.
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if @proxy is not a live proxy.
 */
int page_proxy_set_mapping(struct page __proxy *proxy,
			   struct address_space *mapping, pgoff_t index)
{
	struct page_aux *aux = page_proxy_aux(proxy);

	if (!aux)
		return -EINVAL;
	aux->mapping = mapping;
	aux->index = index;
	aux->flags |= PAGE_AUX_MAPPING;
	return 0;
}
EXPORT_SYMBOL(page_proxy_set_mapping);

/**
 * page_proxy_set_device_data() - record the holder's data for the page
 * @proxy: a proxy the caller holds a reference to
 * @data: returned by page_user_device_data() from now on
 *
 * Context: Any context; not serialized against readers.
 * Return: 0, or -EINVAL if @proxy is not a live proxy.
 */
int page_proxy_set_device_data(struct page __proxy *proxy, void *data)
{
	struct page_aux *aux = page_proxy_aux(proxy);

	if (!aux)
		return -EINVAL;
	aux->device_data = data;
	return 0;
}
EXPORT_SYMBOL(page_proxy_set_device_data);

/**
 * page_proxy_dump() - dump_page() for a get_user_pages*() result
 * @p: a real page or a proxy
 * @reason: why, as for dump_page()
 *
 * For a proxy, prints the proxy's own state, then dumps the real page.
 *
 * Context: Any context.
 */
void page_proxy_dump(union user_page_arg p, const char *reason)
{
	struct page_aux *aux;

	if (page_is_proxy(p)) {
		aux = __proxy_to_aux(p);
		pr_info("proxy %p: page %p refs %u %s%s pgmap %p device_data %p magic %s\n",
			p.page, aux->page, refcount_read(&aux->refs),
			aux->flags & PAGE_AUX_PIN ? "FOLL_PIN" : "FOLL_GET",
			aux->flags & PAGE_AUX_MAPPING ? " mapping-override" : "",
			aux->pgmap, aux->device_data,
			aux->magic == PAGE_AUX_LIVE ? "live" :
			aux->magic == PAGE_AUX_DEAD ? "dead" : "corrupt");
		if (aux->flags & PAGE_AUX_MAPPING)
			pr_info("proxy %p: mapping %p index %#lx\n", p.page,
				aux->mapping, aux->index);
	}
	dump_page(user_page_to_page(p), reason);
}
EXPORT_SYMBOL(page_proxy_dump);

static int page_proxy_stats_show(struct seq_file *seq, void *v)
{
	int i;

	for (i = 0; i < PAGE_PROXY_STAT_COUNT; i++)
		seq_printf(seq, "%s: %lu\n", page_proxy_stat_names[i],
			   page_proxy_stat(i));
	seq_printf(seq, "live: %ld\n", page_proxy_live());
	seq_printf(seq, "object_size: %u\n", kmem_cache_size(page_aux_cache));
	/*
	 * What accounting adds to each proxy charged to a memory cgroup: the
	 * slab's per-object vector entry. Tasks in the root cgroup are not
	 * charged.
	 */
	seq_printf(seq, "memcg_bytes: %zu\n",
		   IS_ENABLED(CONFIG_MEMCG) ? sizeof(struct slabobj_ext) : 0);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(page_proxy_stats);

static int __init page_proxy_init(void)
{
	page_aux_cache = KMEM_CACHE(page_aux, SLAB_PANIC | SLAB_ACCOUNT);
	return 0;
}
core_initcall(page_proxy_init);

static int __init page_proxy_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("page_proxy", NULL);

	debugfs_create_file("stats", 0444, dir, NULL, &page_proxy_stats_fops);
	return 0;
}
late_initcall(page_proxy_debugfs_init);
