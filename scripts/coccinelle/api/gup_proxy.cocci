// SPDX-License-Identifier: GPL-2.0-only
/// Opt get_user_pages*() callers in to page proxies (FOLL_PROXY).
///
/// Every get/pin_user_pages*() call site gets one decision:
///
///  proxy  - the pages live in a local variable of the caller and every use
///           of it is understood: the call gets FOLL_PROXY, the variable
///           becomes struct page __proxy *, FOLL_GET releases (put_page(),
///           folio_put(page_folio()), release_pages()) become
///           put_user_page*(), get_page() becomes ref_user_page(), and the
///           page readers (kmap*(), page_to_phys(), set_page_dirty*(), ...)
///           get user_page_to_page(). unpin_user_page*() stays as it is: it
///           takes FOLL_PIN proxies, and where CONFIG_PAGE_PROXY=n hands
///           back real pages it still drops the pin, which put_user_page*()
///           (a FOLL_GET release for a real page) would leak. An array
///           handed whole to a static function of the same file, or filled
///           through the parameter of one, is followed there when every
///           caller of that function is seen (its parameter is converted
///           too); a page handed to a static function that only reads it
///           is a page read; pages moved from a local into a struct member
///           (x->m = page) are followed there, unless the local releases
///           them on a path after the store (the member would keep a freed
///           proxy; a struct variable local to the function dies with it),
///           and into the other C files of a cross-file group (see
///           Comments); an array member may be stepped on (it->pages++)
///           and its pages printed;
///  raw    - the pages go with their reference into a consumer that needs
///           real pages and releases them its own way (scatterlists, bvecs,
///           bios, skb frags, xarrays, vmap(), a folio or pfn kept for
///           release, element folios released with folio_put(), a pfn
///           handed to a function), the page is compared by address with
///           another page (N proxies may front one page), the page is what
///           an entry point that returns plain pages returns, or the API
///           has no proxy form: the call stays;
///  manual - the rules cannot follow the pages (stored elsewhere, aliased,
///           handed to a function that is not a known page reader, a
///           parameter whose callers the rules cannot all see, never
///           released, kept in a struct member other files use, read
///           through kmap() or kmap_atomic(), which checkpatch flags on a
///           new line), or
///           the base looks wrong ("BUG?": a GUP reference freed, or a
///           pin released with put_page());
///  done   - the call passes FOLL_PROXY already, or a flags variable the
///           caller sets FOLL_PROXY in;
///  iter/none - iov_iter_*() calls carry no gup_flags, and calls without a
///           pages array only fault in: reported apart.
///
/// Report and org modes print one line per call site: the API, the
/// decision and its reason. Context mode marks the sites decided proxy.
/// Any use of the variable that no rule recognises makes the site manual:
/// a wrong rewrite is worse than a site left for a human.
//
// Confidence: High
// Copyright: (C) 2026 Page Proxy Team.
// Comments: The references GUP returns must be released through the same
//  variable, a struct member of this file or a static function of this
//  file for a site to be decided proxy. A struct member is followed into
//  the other C files of the spatch group when GUP_PROXY_GROUPS names a
//  file that lists the groups (a path a line, a blank line between
//  groups): make conversion-report gives a site's group every file that
//  uses its member. Without it, a member another file uses is manual.
//  With -D wrappers, the functions GUP_PROXY_WRAPPERS names (a function
//  of another file that fills an array parameter with GUP references)
//  are decided at their calls like GUP calls, never proxy: report mode
//  only, for make conversion-report's decision on the wrapper's site.
// Options: --local-includes --include-headers-for-types --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual decisions
virtual wrappers

@initialize:python@
@@
import os, re

# With -D wrappers, the functions GUP_PROXY_WRAPPERS names (separated by
# spaces) are GUP entry points too: functions of another file that fill
# an array parameter with GUP references (hfi1_acquire_user_pages()).
# make conversion-report decides a wrapper's own site from what its
# callers' calls are decided here.
WRAPPERS = frozenset(os.environ.get("GUP_PROXY_WRAPPERS", "").split())

def is_wrapper(f):
	return f in WRAPPERS

# The file groups of a cross-file run (GUP_PROXY_GROUPS names a file of
# groups, one path per line, a blank line between groups): the struct
# members of a group's C files are followed across them. Without it, each
# file is a group of its own, and so is each header (a group's headers are
# there to be converted with it; several groups may hold one).
group_file = {}
if os.environ.get("GUP_PROXY_GROUPS"):
	with open(os.environ["GUP_PROXY_GROUPS"]) as g:
		for block in g.read().split("\n\n"):
			grp = frozenset(l.strip() for l in block.split("\n")
					if l.strip().endswith(".c"))
			for f in grp:
				group_file[f] = grp

def group_of(f):
	return group_file.get(f, frozenset([f]))

uses = {}	# (file, function, variable) -> {(line, column): kind}
why_any = {}	# (file, function, variable) -> {(line, column): reason}
raws = {}	# (file, function, variable) -> [(line, consumer)]
derived = {}	# (file, function, variable) -> [(line, consumer)]
params = set()	# (file, function, variable) that are parameters
sitepos = {}	# (file, line, column) of a call -> (file, function, variable)
done = set()	# (file, line, column) of calls that already pass FOLL_PROXY
flagged = set()	# (file, function, variable): gup_flags variables that get FOLL_PROXY

# Arrays passed whole to a function of the same file, and page arguments.
defs = {}	# (file, function) -> {argument index: struct page ** parameter}
defs1 = {}	# (file, function) -> {argument index: struct page * parameter}
edges_from = {}	# (file, caller, variable) -> [(callee, index, at)]
edges_to = {}	# (file, callee, index) -> [((file, caller, variable), at)]
edge_at = {}	# (file, line, column) of a whole-array argument -> (callee, index)
elem_at = {}	# (file, line, column) of a page argument -> (callee, index)
sites_n = set()	# (file, function, variable) of array sites
sites_1 = set()	# (file, function, variable) of single-page sites
sites_f = set()	# (file, struct, member) of member sites
single_members = set()	# (struct, member) declared struct page *member
cast_members = set()	# (struct, member) of another type, cast to struct page ** at a site
member_names = set()	# names of the members of sites and stores, any file
moved = {}	# local <-> struct member it is stored in (x->m = local)
moved_at = {}	# (file, line, column) of either side of such a store -> the other
stale = set()	# (file, line, column) of a local stored, then released through the local
frame_stores = set()	# (file, line, column) of a local stored in a local struct
msets = {}	# (file, struct, member) -> what is stored in it
pfns = {}	# (file, function, local) -> the pages it holds a pfn of
rets = {}	# (file, function) -> [(local it returns, position)]
calls_ret = {}	# (file, function) -> [(caller, local)] that keep what it returns
folios = {}	# (file, function, page) -> locals set to page_folio(page)
folio_uses = {}	# (file, function, folio local) -> {(line, column): use}
folio_elts = {}	# (file, function, folio local) -> [(array, position)] it is taken from
proxy_structs = set()	# names of the structs whose members patch mode annotates
header_structs = {}	# header -> names of the structs it declares

# File-scope arrays: their uses in each function are one node set.
gvars = {}	# (file, name) -> set of (file, function, name)

def file_static(file, name):
	decl = re.compile(r"^static\s[^;=(){}]*\b%s\s*(\[[^];]*\]\s*)?[;=]" % re.escape(name), re.M)
	return decl.search(code_of(file)) is not None

def is_global(k):
	return k in gvars.get((k[0], k[2]), ())

def global_links(k):
	return sorted(gvars[(k[0], k[2])] - {k}) if is_global(k) else []

# Two nodes decided together: a at position pa, b at pb (a store, an alias).
def link(a, pa, b, pb):
	moved.setdefault(a, set()).add(b)
	moved.setdefault(b, set()).add(a)
	moved_at[where(pa)] = b
	moved_at[where(pb)] = a

def alias(q, lhs, qv, rhs, T, fld):
	if fld:
		if not (T.startswith("struct ") and len(T.split()) == 2):
			return
		other = (qv[0].file, T, fld)
		member_names.add(fld)
	else:
		other = key(qv, qv[0].current_element, rhs)
	local = key(q, q[0].current_element, lhs)
	if local != other:
		link(local, q, other, qv)

# The most specific kind of a use wins.
RANK = {"any": 0, "other": 1, "reader": 1, "null": 2, "mem": 2, "derived": 2,
	"ref": 3, "release": 3, "gup": 4, "raw": 5}

ITER = ("iov_iter_extract_pages", "iov_iter_get_pages2",
	"iov_iter_get_pages_alloc2")
FAST_ONLY = ("get_user_page_fast_only", "get_user_pages_fast_only")

# One allocation may hold the page pointers and other data after them
# (genwqe keeps its DMA addresses there): the array moved on and cast to
# a pointer to one of these types uses the storage, not a page. A cast to
# anything else (void *, char *, another struct) is not understood.
SCALAR = re.compile(r"^(?:dma_addr_t|phys_addr_t|resource_size_t|size_t|"
		    r"(?:__)?[us](?:8|16|32|64)|(?:unsigned )?(?:int|long|long long))$")

def scalar(c):
	return bool(SCALAR.match(re.sub(r"\s+", " ", str(c)).strip()))

# Struct members that raw-page consumers read the pages from: a store into
# one of them is a raw consumer, named by the member.
RAW_MEMBERS = ("struct rq_map_data.pages",)

# GUP entry points that are themselves built on GUP and hand their callers
# a plain page (the census decides their callers raw): the page they
# return must stay one.
PLAIN_RETURN = ("get_user_page_vma_remote",)

# An expression as spatch prints it, spaced as in the source: *p, x->m.
def tidy(e):
	e = re.sub(r"\s*(->|\.)\s*", r"\1", str(e).strip())
	return re.sub(r"^([*&])\s+", r"\1", e)

# A function a pfn is handed to keeps it, and with it the reference, unless
# it only converts, compares, bounds or prints it.
PFN_PASSING = ("PFN_PHYS", "PHYS_PFN", "pfn_to_page", "pfn_valid", "page_to_pfn",
	       "pfn_to_virt", "__pfn_to_phys", "pfn_to_nid", "is_zero_pfn", "min", "max",
	       "min_t", "max_t", "clamp", "ALIGN", "IS_ALIGNED", "likely", "unlikely",
	       "WARN", "WARN_ON", "WARN_ON_ONCE", "BUG_ON", "pr_debug", "pr_info",
	       "pr_warn", "pr_err", "dev_dbg", "dev_info", "dev_warn", "dev_err")

# A header that declares a struct whose member patch mode annotates needs
# __proxy, which include/linux/page_proxy.h defines and <linux/mm.h>
# includes: without either, a file that includes the header before
# <linux/mm.h> does not compile (acrn's ioeventfd.c and acrn_drv.h).
# Patch mode adds the include after the header's last #include <...>.
PROXY_INCLUDES = ("linux/mm.h", "linux/page_proxy.h")

def proxy_include_at(p):
	f = p[0].file
	if not header_structs.get(f, set()) & proxy_structs:
		return False
	incs = [(n, m.group(1)) for n, l in enumerate(source(f).split("\n"), 1)
		for m in [re.match(r"\s*#\s*include\s*<([^>]+)>", l)] if m]
	if not incs or any(h in PROXY_INCLUDES for _, h in incs):
		return False
	return int(p[0].line) == incs[-1][0]

def keeps_pfn(g):
	return g not in PFN_PASSING

def where(p):
	return (p[0].file, int(p[0].line), int(p[0].column))

def key(p, fn, var):
	return (p[0].file, fn, var)

suspects = {}	# (file, function, variable) -> [(line, what)]

# Releasing a GUP reference by freeing the page is a bug in the caller.
FREES = ("__free_page", "__free_pages", "free_page", "free_pages")

def note(kind, ps, fn, var, what=None):
	# A position bound inside <... ...> holds every match.
	for p in ps:
		k = (p.file, fn, var)
		u = uses.setdefault(k, {})
		at = (int(p.line), int(p.column))
		if RANK[kind] >= RANK[u.get(at, "any")]:
			u[at] = kind
		if kind == "any" and what:
			why_any.setdefault(k, {})[at] = what
			callee = what.split()[-1].rstrip("()")
			if what.startswith("is passed to ") and callee in FREES:
				suspects.setdefault(k, []).append((int(p.line), callee))
		if kind == "raw":
			raws.setdefault(k, []).append((int(p.line), what))
		if kind == "derived":
			derived.setdefault(k, []).append((int(p.line), what))

# Struct members: the key is (file, "struct T", member). The members of a
# struct that other files also use cannot be followed from this file.
def is_member(k):
	return k[1].startswith("struct ")

outside = {}	# (file, struct, member) -> another file using it, or None

def used_elsewhere(k):
	if k in outside:
		return outside[k]
	import subprocess
	name = k[1].split()[1]
	found = None
	try:
		files = subprocess.run(["grep", "-rlw", "--include=*.c", "--include=*.h",
					"-e", "struct " + name, "."], capture_output=True,
				       text=True, timeout=300).stdout.split()
	except Exception:
		files = None
	if files is None:
		found = "(the tree could not be searched)"
	else:
		here = set(os.path.normpath(g) for g in group_of(k[0]))
		use = re.compile(r"(->|\.)\s*%s\b" % re.escape(k[2]))
		for f in sorted(files):
			f = os.path.normpath(f)
			if f in here:
				continue
			try:
				text = open(f, errors="replace").read()
			except OSError:
				continue
			if use.search(text) and re.search(r"\bstruct\s+%s\s*\{" % re.escape(name), text) is None:
				found = f
				break
	outside[k] = found
	return found

# A function whose every caller the rules see: static, defined once in the
# file, and named nowhere else than in the calls that pass an array at
# argument idx (no prototype, no function pointer, no other caller).
sources = {}	# file -> its text, read once
texts = {}	# file -> its text without comments

def source(f):
	if f not in sources:
		try:
			sources[f] = open(f, errors="replace").read()
		except OSError:
			sources[f] = ""
	return sources[f]

# A member declared struct page **fld in the struct T that a file of f's
# group declares: stepping it moves to the next entry, not the next page.
def page_array_member(f, T, fld):
	body = re.compile(r"\b%s\s*\{([^{}]*)\}" % re.escape(T))
	decl = re.compile(r"\bstruct\s+page\s*\*\s*\*\s*%s\s*;" % re.escape(fld))
	return any(decl.search(b) for g in sorted(group_of(f))
		   for b in body.findall(code_of(g)))

def code_of(f):
	if f not in texts:
		t = re.sub(r"/\*.*?\*/", " ", source(f), flags=re.S)
		texts[f] = re.sub(r"//[^\n]*", " ", t)
	return texts[f]

def closed(file, fn, idx):
	callers = edges_to.get((file, fn, idx), [])
	if not callers:
		return False
	t = code_of(file)
	name = re.escape(fn)
	if not re.search(r"\bstatic\b[^;{}()]*\b%s\s*\(" % name, t):
		return False
	return len(re.findall(r"\b%s\b" % name, t)) == 1 + len(callers)

# A function whose return value every caller keeps in a local the rules
# follow: static, and named only in its definition and those calls.
def closed_ret(file, fn):
	callers = calls_ret.get((file, fn), [])
	if not callers:
		return False
	t = code_of(file)
	name = re.escape(fn)
	if not re.search(r"\bstatic\b[^;{}()]*\b%s\s*\(" % name, t):
		return False
	return len(re.findall(r"\b%s\b" % name, t)) == 1 + len(callers)

# Functions defined twice in one file (#ifdef variants) share their keys.
def defined_twice(file, fn):
	body = re.compile(r"^(?:[A-Za-z_][\w \t*]*[ \t*])?%s\s*\([^;{}]*\)\s*\{" % re.escape(fn), re.M)
	return len(body.findall(code_of(file))) > 1

def param_index(k):
	for idx, prm in defs.get((k[0], k[1]), {}).items():
		if prm == k[2]:
			return idx
	return None

def bridged(k):
	idx = param_index(k)
	return idx is not None and closed(k[0], k[1], idx)

# The arrays of a file linked by whole-array calls to its own functions:
# the variable passed and the parameter that receives it are one node set.
comps = {}	# file -> {(file, function, variable): component id}

def components(file):
	if file in comps:
		return comps[file]
	grp = group_of(file)
	comp = {}
	for seed in sorted(k for k in sites_n | sites_1 | sites_f if k[0] in grp):
		if seed in comp:
			continue
		comp[seed] = seed
		work = [seed]
		while work:
			k = work.pop()
			kf = k[0]
			linked = [(kf, f, defs[(kf, f)][n])
				  for f, n, at in edges_from.get(k, [])
				  if n in defs.get((kf, f), {})]
			idx = None if is_member(k) else param_index(k)
			if idx is not None:
				linked += [c for c, at in edges_to.get((kf, k[1], idx), [])]
			linked += sorted(moved.get(k, ()))
			linked += global_links(k)
			# A member is the same member in every file of the group.
			if is_member(k):
				linked += [(g, k[1], k[2]) for g in sorted(grp) if g != kf]
			for o in linked:
				if o not in comp:
					comp[o] = seed
					work.append(o)
	for f in grp | {file}:
		comps[f] = comp
	return comp

def component(k):
	comp = components(k[0])
	if k not in comp:
		return [k]
	return sorted(o for o, c in comp.items() if c == comp[k])

# A member handed to function f of the file at argument n.
def member_edge(f, T, fld, n, q):
	if T.startswith("struct ") and len(T.split()) == 2 and \
	   int(n) in defs.get((q[0].file, f), {}):
		k = (q[0].file, T, fld)
		edges_from.setdefault(k, []).append((f, int(n), where(q)))
		edges_to.setdefault((k[0], f, int(n)), []).append((k, where(q)))
		edge_at[where(q)] = (f, int(n))
		member_names.add(fld)

def is_member_name(name):
	return name in member_names

def member_followed(p):
	f = p[0].file
	name = token_at(p)
	found = [k for k in components(f) if is_member(k) and k[2] == name]
	for k in found:
		files.setdefault(k[1:], set()).add(f)
	return bool(found)

# The single pages followed: those of the components, and the parameters
# of the functions they are handed to. A parameter that only reads its page
# makes the call a page read, converted at the call site with
# user_page_to_page().
extra1 = {}	# file -> set of (file, function, variable)

def wanted_1(file):
	if file not in extra1:
		extra1[file] = set(k for k in components(file) if not is_member(k))
		for at, (g, n) in elem_at.items():
			if at[0] == file and n in defs1.get((file, g), {}):
				extra1[file].add((file, g, defs1[(file, g)][n]))
	return extra1[file]

def reader_only(k):
	u = uses.get(k, {})
	return bool(u) and k not in suspects and k not in raws and \
		k not in derived and set(u.values()) <= {"reader", "null"}

# A script that drops every match of a file also stops the rules after it
# there: the variables followed are chosen by a position constraint, and
# the patch scripts below name NONE instead of dropping a match.
NONE = "gup_proxy_no_such_name"

lines = {}	# file -> its lines

def file_lines(f):
	if f not in lines:
		lines[f] = source(f).split("\n")
	return lines[f]

def line_text(f, line):
	ls = file_lines(f)
	return ls[line - 1] if 0 < line <= len(ls) else ""

# The word at (file, line, column): a GUP call's function, a variable.
def word_at(f, line, col):
	m = re.match(r"\w+", line_text(f, line)[col:])
	return m.group(0) if m else ""

def token_at(p):
	return word_at(*where(p))

def followed(p, wanted):
	f = p[0].file
	k = (f, p[0].current_element, token_at(p))
	if k in wanted(f):
		files.setdefault(k[1:], set()).add(f)
		return True
	return False

files = {}	# (function, variable) followed -> files
group_singles = {}	# (function, variable) -> files, of this group's single pages

# Patch mode names the single pages it converts by a position on them: a
# script constraint (identifiers that a script rule made for each page
# would multiply with those made for the arrays: 40 s more on the test
# file). Once spatch has changed a function, a position there names a
# file of its own: the function and the variable say which page it is.
def proxy_1(p, id):
	fn = p[0].current_element
	return any(node_proxy((x, fn, id)) for x in group_singles.get((fn, id), ()))

# The page a folio local stands for, if it is released and the page is
# converted; None otherwise.
def folio_page(p, l):
	fn = p[0].current_element
	for (f, i), xs in sorted(group_singles.items()):
		if f == fn and any(node_proxy((x, f, i)) and l in folio_releases((x, f, i))
				   for x in xs):
			return i
	return None

def understood(at, nodes):
	# A use that the uses of another node account for.
	if at in edge_at:
		g, n = edge_at[at]
		prm = defs.get((at[0], g), {}).get(n)
		return prm is not None and (at[0], g, prm) in nodes
	if at in moved_at:
		return moved_at[at] in nodes
	if at in elem_at:
		g, n = elem_at[at]
		prm = defs1.get((at[0], g), {}).get(n)
		return prm is not None and reader_only((at[0], g, prm))
	return False

def named(o):
	if is_member(o):
		return "%s.%s" % (o[1], o[2])
	if is_global(o):
		return "file-scope %s" % o[2]
	return "%s()" % o[1]

# Coccinelle does not wrap inside an argument, and a line it wraps keeps the
# indentation of the call: a page use that user_page_to_page() would push
# past 100 columns makes the site manual, so that the generated patches
# stay checkpatch clean. The estimate is the line as it is, grown by the
# wrapper once per rewritten use on it.
WRAPPED = len("user_page_to_page()")
MAX_WIDTH = 100

def rewritten(nodes):
	for o in nodes:
		for at, kind in uses.get(o, {}).items():
			where_at = (o[0],) + at
			if where_at in edge_at or where_at in moved_at:
				continue
			if kind in ("reader", "derived") or \
			   (kind == "any" and where_at in elem_at):
				yield where_at

def too_long(nodes):
	grown = {}
	for f, line, col in rewritten(nodes):
		grown[(f, line)] = grown.get((f, line), 0) + WRAPPED
	for (f, line), n in sorted(grown.items()):
		text = line_text(f, line)
		if len(text.expandtabs(8)) + n > MAX_WIDTH:
			return (f, line)
	return None

# checkpatch flags kmap(), kunmap(), kmap_atomic() and kunmap_atomic() on
# an added line, and a mapping kept past the function (what kmap() is
# still for) has no kmap_local_page() form: a page read rewritten inside
# one is left to a human. (kmap_atomic() can become kmap_local_page()
# before the conversion, as the series does for vhost, uprobes, orangefs
# and rds.)
DEPRECATED = ("kmap", "kunmap", "kmap_atomic", "kunmap_atomic")

# The printk()s and their wrappers a page may be printed with.
PRINTER = re.compile(r"^(printk|pr_(debug|info|notice|warn|err)|dev_(dbg|info|notice|warn|err)|[a-z0-9]+debug)$")

def printer(f):
	return PRINTER.match(f) is not None

# A function whose page argument patch mode rewrites with user_page_to_page().
def page_reader_arg(f):
	return f not in ("put_user_page", "ref_user_page", "user_page_to_page",
			 "unpin_user_page") and not printer(f)

def enclosing_call(text, col):
	depth = 0
	for i in range(min(col, len(text)) - 1, -1, -1):
		if text[i] == ")":
			depth += 1
		elif text[i] == "(":
			if depth == 0:
				m = re.search(r"(\w+)\s*$", text[:i])
				return m.group(1) if m else ""
			depth -= 1
	return ""

def deprecated(nodes):
	for f, line, col in sorted(rewritten(nodes)):
		call = enclosing_call(line_text(f, line), col)
		if call in DEPRECATED:
			return (call, f, line)
	return None

# Patch mode reprints the flags it extends with FOLL_PROXY. Where the
# grown line passes 80 columns spatch wraps it, and a comment after the
# flags lands on a line of its own, indented with a space before a tab
# (genwqe's "readable/writable"): checkpatch rejects that, so such a site
# is left to a human. The flags argument of each entry point:
FLAGS_ARG = {"get_user_pages": 2, "get_user_pages_fast": 2, "pin_user_pages": 2,
	     "pin_user_pages_fast": 2, "get_user_pages_unlocked": 3,
	     "pin_user_pages_unlocked": 3, "get_user_pages_remote": 3,
	     "pin_user_pages_remote": 3}
WRAP_AT = 80
# Flags that patch mode puts in parentheses before it adds " | FOLL_PROXY":
# a conditional (spatch does that for precedence) and a comparison (the
# rules do, or gcc's -Wparentheses warns about "x == y | FOLL_PROXY").
PARENTHESIZED = re.compile(r"\?|[=!<>]=|(?<![-<>])[<>](?![<>])")

def call_args(text, at):
	"""The arguments of the call whose name starts at offset at, as
	(start, end) offsets, end at the comma or parenthesis after each."""
	i = text.find("(", at)
	if i < 0:
		return []
	args, depth, start, j = [], 0, i + 1, i + 1
	while j < len(text):
		c = text[j]
		if text.startswith("/\x2a", j):
			j = text.find("\x2a/", j) + 2
			if j < 2:
				break
			continue
		if text.startswith("/\x2f", j):
			j = text.find("\n", j)
			if j < 0:
				break
			continue
		if c in (chr(34), chr(39)):
			j += 1
			while j < len(text) and text[j] != c:
				j += 2 if text[j] == chr(92) else 1
		elif c in "([{":
			depth += 1
		elif c in ")]}":
			if depth == 0:
				args.append((start, j))
				return args
			depth -= 1
		elif c == "," and depth == 0:
			args.append((start, j))
			start = j + 1
		j += 1
	return []

def comment_moved(nodes):
	for (f, line, col), site in sorted(sitepos.items()):
		if site not in nodes:
			continue
		n = FLAGS_ARG.get(word_at(f, line, col))
		lns = file_lines(f)
		if n is None or not 0 < line <= len(lns):
			continue
		text = source(f)
		args = call_args(text, sum(len(x) + 1 for x in lns[:line - 1]) + col)
		if len(args) <= n:
			continue
		a, e = args[n]
		flags = text[a:e].strip()
		eol = text.find("\n", e)
		if not re.match(r",[ \t]*/[\x2a/]", text[e:eol]):
			continue
		grow = len("FOLL_PROXY") - 1 if flags == "0" else \
		       len(" | FOLL_PROXY") + (2 if PARENTHESIZED.search(flags) else 0)
		bol = text.rfind("\n", 0, e) + 1
		if len(text[bol:eol].expandtabs(8)) + grow > WRAP_AT:
			return (f, text.count("\n", 0, e) + 1)
	return None

# A site's decision, once every rule that collects has run on its group of
# files: the patch rules ask for it once per variable and member they
# might convert.
decided = {}

def decide(k):
	if k not in decided:
		d = decide_site(k)
		w = wrapped(k)
		if d[0] == "proxy" and w:
			d = ("manual", "%s, but the pages come from %s() of another file: not converted across files" %
			     (d[1], w))
		cast = sorted(o for o in component(k) if is_member(o) and o[1:] in cast_members)
		if d[0] == "proxy" and cast:
			d = ("manual", "%s, but %s.%s holds them through a cast: its declaration cannot be annotated" %
			     ((d[1],) + cast[0][1:]))
		decided[k] = d
	return decided[k]

# The wrapper (-D wrappers) a site's pages come from, if any.
def wrapped(k):
	nodes = component(k)
	for at, site in sorted(sitepos.items()):
		if site in nodes and is_wrapper(word_at(*at)):
			return word_at(*at)
	return None

def decide_site(k):
	if any(at in done for at, site in sitepos.items() if site == k):
		return ("done", "already opts in with FOLL_PROXY")
	nodes = component(k)
	for o in nodes:
		if not is_member(o) and defined_twice(o[0], o[1]):
			if (o[0], o[1]) == (k[0], k[1]):
				return ("manual", "%s() is defined more than once in %s: the rules cannot tell the definitions apart" %
					(o[1], o[0]))
			via = sorted(set(named(m) for m in nodes if is_member(m) or is_global(m)))
			return ("manual", "%s in %s is tied%s to %s() in %s, which is defined more than once there" %
				(k[2], named(k), " through " + ", ".join(via) if via else "", o[1], o[0]))
	for o in nodes:
		if o in suspects:
			line, what = sorted(suspects[o])[0]
			return ("manual", "BUG? a GUP reference freed with %s() at %s:%d" % (what, o[0], line))
	bad = pin_put(nodes)
	if bad:
		return ("manual", "BUG? a FOLL_PIN reference released with %s() at %s:%d" % bad)
	# A raw consumer anywhere the pages go decides: the call stays as it
	# is, whoever else holds the pages.
	for o in nodes:
		if o in raws:
			line, what = sorted(raws[o])[0]
			if what in RAW_MEMBERS:
				return ("raw", "stored in %s at %s:%d" % (what, o[0], line))
			if "{at}" in what:
				return ("raw", what.replace("{at}", "%s:%d" % (o[0], line)))
			return ("raw", "%s() at %s:%d" % (what, o[0], line))
	for o in nodes:
		if is_global(o) and not file_static(o[0], o[2]):
			return ("manual", "%s is a global that other files may use" % o[2])
	for o in nodes:
		if is_member(o):
			other = used_elsewhere(o)
			if other:
				return ("manual", "%s.%s is also used in %s" % (o[1], o[2], other))
	for o in nodes:
		if not is_member(o) and any(v == o[2] for v, x in rets.get((o[0], o[1]), ())) and \
		   not closed_ret(o[0], o[1]):
			return ("manual", "%s() returns %s, and callers the rules cannot see may keep it" %
				(o[1], o[2]))
	for o in nodes:
		if o in params and not bridged(o):
			if o == k or o in sites_n or o in sites_1:
				return ("manual", "%s is a parameter of %s(): its callers hold the references" %
					(o[2], o[1]))
			return ("manual", "%s() gets the pages whole, but is not static or has callers the rules cannot see" %
				o[1])
	released = any("release" in uses.get(o, {}).values() or folio_releases(o)
		       for o in nodes)
	# A local moved into a member hands its reference over: released
	# through the local on a path after the store, the member keeps a
	# stale pointer, which would be a freed proxy.
	for o in nodes:
		if is_member(o):
			continue
		for a in sorted(a for a in stale - frame_stores
				  if a[0] == o[0] and (a[1], a[2]) in uses.get(o, {})):
			m = moved_at.get(a)
			if m in nodes and (is_member(m) or is_global(m)):
				return ("manual", "%s escapes into %s at %s:%d and is released after that" %
					(o[2], "%s.%s" % (m[1], m[2]) if is_member(m) else m[2], o[0], a[1]))
	for o in nodes:
		if o in derived and not released:
			line, what = sorted(derived[o])[0]
			return ("raw", "%s() at %s:%d keeps the reference" % (what, o[0], line))
	for o in [k] + [o for o in nodes if o != k]:
		u = uses.get(o, {})
		if o != k and not u:
			# The copy of a member in a file of the group that does
			# not use it.
			if is_member(o) and any(x[1:] == o[1:] and used(x) for x in nodes):
				continue
			return ("manual", "%s in %s is not followed" % (o[2], named(o)))
		odd = sorted(at for at, kind in u.items() if kind == "any" and
			     not understood((o[0],) + at, nodes))
		if odd:
			reason = why_any.get(o, {}).get(odd[0], "escapes")
			what = "%s.%s" % (o[1], o[2]) if is_member(o) and o != k else o[2]
			return ("manual", "%s %s at %s:%d" % (what, reason, o[0], odd[0][0]))
	others = sorted(set(named(o) for o in nodes if named(o) != named(k)))
	if not released:
		if is_member(k) and not others:
			return ("manual", "%s.%s is not released in %s" % (k[1], k[2], k[0]))
		return ("manual", "%s is not released in %s" % (k[2], named(k)))
	wide = too_long(nodes)
	if wide:
		return ("manual", "user_page_to_page() would take %s:%d past %d columns" %
			(wide[0], wide[1], MAX_WIDTH))
	old_api = deprecated(nodes)
	if old_api:
		return ("manual", "the page is read through %s() at %s:%d, which checkpatch flags on a new line" %
			old_api)
	moved = comment_moved(nodes)
	if moved:
		return ("manual", "FOLL_PROXY would take %s:%d past %d columns, and spatch would move its comment to a line of its own" %
			(moved[0], moved[1], WRAP_AT))
	elsewhere = sorted(set(o[0] for o in nodes if o[0] != k[0] and used(o)))
	also = " (also in %s)" % ", ".join(elsewhere) if elsewhere else ""
	if is_member(k) and not others:
		return ("proxy", "every use of %s.%s in %s converted%s" % (k[1], k[2], k[0], also))
	if others:
		return ("proxy", "every use of %s converted, and in %s%s" %
			(named(k) if is_member(k) else "%s in %s" % (k[2], named(k)),
			 ", ".join(others), also))
	return ("proxy", "every use of %s in %s converted%s" % (k[2], named(k), also))

# A node with a use of its own (not another struct's member of that name).
def used(o):
	return any(kind != "other" for kind in uses.get(o, {}).values())

# The function a released variable is an argument of: the last call opened
# before it on its line (folio_put(page_folio(x)) is folio_put()).
def released_by(f, line, col):
	text = line_text(f, line)[:col]
	calls = re.findall(r"(\w+)\s*\(", text)
	if calls[-2:-1] == ["folio_put"] and calls[-1:] == ["page_folio"]:
		return "folio_put"
	return calls[-1] if calls else ""

# Pages that only pin_user_pages*() took, released by a FOLL_GET release
# somewhere: the pin's bias stays on the page (the release in another file
# of the group is what gup_release_mismatch.cocci cannot see).
def pin_put(nodes):
	apis = set(word_at(*at) for at, site in sitepos.items() if site in nodes)
	if not apis or not all(a.startswith("pin_user_pages") for a in apis):
		return None
	for o in sorted(nodes):
		for (line, col), kind in sorted(uses.get(o, {}).items()):
			if kind == "release":
				by = released_by(o[0], line, col)
				if by in ("put_page", "folio_put", "release_pages"):
					return (by, o[0], line)
	return None

# The folio locals that only stand for the page k: set from page_folio(k)
# and nothing else, otherwise read, and released with folio_put().
def folio_releases(k):
	out = []
	for l in sorted(folios.get(k, ())):
		u = folio_uses.get((k[0], k[1], l), {})
		sets = [v for v in u.values() if isinstance(v, tuple)]
		if None in u.values() or not sets or \
		   any(v[1].replace(" ", "") != "page_folio(%s)" % k[2] for v in sets):
			continue
		if "put" in u.values():
			out.append(l)
	return out

# A pfn local handed to a function: a raw consumer of the pages it was
# taken from.
def pfn_call(q, fn, l, g):
	for x in q:
		if x.current_element != fn:
			continue
		for id in pfns.get((x.file, fn, l), ()):
			raws.setdefault((x.file, fn, id), []).append((int(x.line), g))

def node_proxy(k):
	return any(decide(s)[0] == "proxy" for s in component(k)
		   if s in sites_n or s in sites_1 or s in sites_f)

# Report mode prints what needs a human or a patch; with -D decisions it
# prints every site (the conversion report).
show_all = {}

# The GUP calls of the group, by position, in the order found.
calls = {}

def call_seen(p, gf, pages):
	calls.setdefault(where(p), (p, str(gf), str(pages)))
	return True

def shown(d):
	return show_all or d[0] in ("proxy", "manual", "undecided")

def classify(p, gf, pages):
	if where(p) in done:
		return ("done", "already opts in with FOLL_PROXY")
	if where(p) in sitepos:
		return decide(sitepos[where(p)])
	if is_wrapper(gf):
		return ("manual", "the pages %s() fills are not a local page or array" % gf)
	if gf in ITER or p[0].file.endswith("lib/iov_iter.c"):
		return ("iter", "iov_iter pages carry no gup_flags: raw by construction")
	if gf in FAST_ONLY:
		return ("raw", "%s() runs in atomic and NMI context and rejects FOLL_PROXY" % gf)
	if gf in PLAIN_RETURN:
		return ("raw", "%s() returns one plain struct page" % gf)
	if pages == "NULL":
		return ("none", "no pages asked for: the call only faults in")
	bare = re.sub(r"^\(\s*struct\s+page\s*\*\s*\*\s*\)", "", pages.strip())
	m = re.search(r"(->|\.)\s*(\w+)\s*\)?\s*(\[.*\])?\s*(\+.*)?$",
		      bare.lstrip("&( "))
	if m:
		return ("manual", "pages kept in struct member %s: not followed across functions" %
			m.group(2))
	return ("undecided", "no rule decides pages=%s" % pages)

//
// Sites: a GUP call on a local single page (&page) or a local array.
//

// Each group of files starts afresh: what a group follows is keyed by
// function and variable, which another group's files may also name.
@script:python@
@@
files.clear()
group_singles.clear()
proxy_structs.clear()
header_structs.clear()

// A gup_flags variable that may carry FOLL_PROXY: the caller chose.
@flag@
identifier F;
position p;
@@
F@p |= FOLL_PROXY

@script:python@
F << flag.F;
p << flag.p;
@@
flagged.add((p[0].file, p[0].current_element, F))

@already@
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
expression list[n] es;
expression F;
position p;
@@
gf@p(es, F, ...)

@script:python@
p << already.p;
F << already.F;
@@
if re.search(r"\bFOLL_PROXY\b", F) or \
   any((p[0].file, p[0].current_element, v) in flagged for v in re.findall(r"\w+", F)):
	done.add(where(p))

@site1@
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
local idexpression struct page *pg;
position p;
@@
gf@p(..., &pg, ...)

@script:python@
p << site1.p;
pg << site1.pg;
@@
k = key(p, p[0].current_element, pg)
sitepos[where(p)] = k
sites_1.add(k)

@siten@
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
local idexpression struct page **pg;
local idexpression struct page *[] pa;
idexpression pp;
expression E;
position p;
@@
(
gf@p(..., pg@pp, ...)
|
gf@p(..., pg@pp + E, ...)
|
gf@p(..., &pg@pp[E], ...)
|
gf@p(..., pa@pp, ...)
|
gf@p(..., pa@pp + E, ...)
|
gf@p(..., &pa@pp[E], ...)
)

@script:python@
p << siten.p;
pp << siten.pp;
@@
k = key(p, p[0].current_element, pp)
sitepos[where(p)] = k
sites_n.add(k)

// The calls of a wrapper (-D wrappers) on a local page or array.
@wsite1 depends on wrappers@
identifier gf : script:python() { is_wrapper(gf) };
local idexpression struct page *pg;
position p;
@@
gf@p(..., &pg, ...)

@script:python@
p << wsite1.p;
pg << wsite1.pg;
@@
k = key(p, p[0].current_element, pg)
sitepos[where(p)] = k
sites_1.add(k)

@wsiten depends on wrappers@
identifier gf : script:python() { is_wrapper(gf) };
local idexpression struct page **pg;
local idexpression struct page *[] pa;
idexpression pp;
expression E;
position p;
@@
(
gf@p(..., pg@pp, ...)
|
gf@p(..., pg@pp + E, ...)
|
gf@p(..., &pg@pp[E], ...)
|
gf@p(..., pa@pp, ...)
|
gf@p(..., pa@pp + E, ...)
|
gf@p(..., &pa@pp[E], ...)
)

@script:python@
p << wsiten.p;
pp << wsiten.pp;
@@
k = key(p, p[0].current_element, pp)
sitepos[where(p)] = k
sites_n.add(k)

//
// Struct members: pages kept in x->member (an array or a single page),
// used and released anywhere in this file, and in no other file.
//

@sitef@
identifier g4 = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast};
identifier gu = {get_user_pages_unlocked, pin_user_pages_unlocked};
identifier gr = {get_user_pages_remote, pin_user_pages_remote};
identifier fld;
type T;
T *x;
expression S, N, F, M, L, E;
position p;
@@
(
g4@p(S, N, F, \(x->fld\|x->fld + E\|&x->fld[E]\))
|
gu@p(S, N, \(x->fld\|x->fld + E\|&x->fld[E]\), F)
|
gr@p(M, S, N, F, \(x->fld\|x->fld + E\|&x->fld[E]\), L)
)

@script:python@
p << sitef.p;
T << sitef.T;
fld << sitef.fld;
@@
if T.startswith("struct ") and len(T.split()) == 2:
	sitepos[where(p)] = (p[0].file, T, fld)
	sites_f.add((p[0].file, T, fld))
	member_names.add(fld)

// An array member of another type, cast at the call (frame_vector's
// void *ptrs[]): followed like one declared struct page **, where it is
// cast back; patch mode cannot annotate its declaration, so its pages are
// never proxies.
@sitefc@
identifier g4 = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast};
identifier gu = {get_user_pages_unlocked, pin_user_pages_unlocked};
identifier gr = {get_user_pages_remote, pin_user_pages_remote};
identifier fld;
type T;
T *x;
expression S, N, F, M, L;
position p;
@@
(
g4@p(S, N, F, \((struct page **)x->fld\|(struct page **)(x->fld)\))
|
gu@p(S, N, \((struct page **)x->fld\|(struct page **)(x->fld)\), F)
|
gr@p(M, S, N, F, \((struct page **)x->fld\|(struct page **)(x->fld)\), L)
)

@script:python@
p << sitefc.p;
T << sitefc.T;
fld << sitefc.fld;
@@
if T.startswith("struct ") and len(T.split()) == 2:
	sitepos[where(p)] = (p[0].file, T, fld)
	sites_f.add((p[0].file, T, fld))
	cast_members.add((T, fld))
	member_names.add(fld)

// Pages moved from a local into a struct member (x->m = page): the local
// and the member are decided together.
// A page stored into an element of a member array (x->m[i] = page) too.
@asgf@
identifier fld;
type T;
T *x;
T y;
local idexpression struct page *p1;
local idexpression struct page **pn;
idexpression v;
expression E;
position q, qv;
@@
(
x->fld@q = p1@v@qv
|
x->fld@q = pn@v@qv
|
y.fld@q = p1@v@qv
|
y.fld@q = pn@v@qv
|
x->fld@q[E] = p1@v@qv
|
y.fld@q[E] = p1@v@qv
)

@script:python@
T << asgf.T;
fld << asgf.fld;
v << asgf.v;
q << asgf.q;
qv << asgf.qv;
@@
if T.startswith("struct ") and len(T.split()) == 2:
	link(key(qv, qv[0].current_element, v), qv, (q[0].file, T, fld), q)
	member_names.add(fld)

// An array returned by a function of the file, and the local its callers
// keep it in (pages = pin_them(...)): the two are decided together.
@retn@
local idexpression struct page **pn;
position q;
@@
return pn@q;

@script:python@
pn << retn.pn;
q << retn.q;
@@
for x in q:
	rets.setdefault((x.file, x.current_element), []).append((pn, x))

@callretn@
identifier g;
local idexpression struct page **L;
expression list es;
position q;
@@
L@q = g(es)

@script:python@
g << callretn.g;
L << callretn.L;
q << callretn.q;
@@
calls_ret.setdefault((q[0].file, g), []).append((q[0].current_element, L))
for pn, x in rets.get((q[0].file, g), ()):
	link(key(q, q[0].current_element, L), q, (x.file, g, pn), [x])

// Aliases: a local array pointer set from an array or a member array
// (a = b, a = b + i, a = &b[i], a = x->m + i), and a local page loaded from
// an element (page = b[i], page = *b, page = *b++). The two sides are
// decided together: what one holds, the other holds.
@aliasn@
idexpression struct page **ln;
local idexpression struct page **pn;
local idexpression struct page *[] pa;
idexpression w, v;
identifier fld;
type T;
T *x;
T y;
expression E;
position q, qv;
@@
(
ln@w@q = \(pn@v@qv\|pa@v@qv\|pn@v@qv + E\|pa@v@qv + E\|&pn@v@qv[E]\|&pa@v@qv[E]\)
|
ln@w@q = \(x->fld@qv\|x->fld@qv + E\|&x->fld@qv[E]\)
|
ln@w@q = \(y.fld@qv\|y.fld@qv + E\|&y.fld@qv[E]\)
|
ln@w@q = \((struct page **)x->fld@qv\|(struct page **)(x->fld@qv)\)
)

@script:python@
w << aliasn.w;
v << aliasn.v = "";
T << aliasn.T = "";
fld << aliasn.fld = "";
q << aliasn.q;
qv << aliasn.qv;
@@
alias(q, w, qv, v, T, fld)

// A file-scope array (static struct page **g): its uses in the functions
// of the file are linked.
@guse@
global idexpression struct page **gn;
position q;
@@
gn@q

@script:python@
gn << guse.gn;
q << guse.q;
@@
for x in q:
	if x.current_element and x.current_element != "something_else":
		gvars.setdefault((x.file, gn), set()).add((x.file, x.current_element, gn))

@aliasdn@
identifier I, fld;
local idexpression struct page **pn;
local idexpression struct page *[] pa;
idexpression v;
type T;
T *x;
expression E;
position q, qv;
@@
(
struct page **I@q = \(pn@v@qv\|pa@v@qv\|pn@v@qv + E\|pa@v@qv + E\|&pn@v@qv[E]\|&pa@v@qv[E]\);
|
struct page **I@q = \(x->fld@qv\|x->fld@qv + E\|&x->fld@qv[E]\);
|
struct page **I@q = \((struct page **)x->fld@qv\|(struct page **)(x->fld@qv)\);
)

@script:python@
I << aliasdn.I;
v << aliasdn.v = "";
T << aliasdn.T = "";
fld << aliasdn.fld = "";
q << aliasdn.q;
qv << aliasdn.qv;
@@
alias(q, I, qv, v, T, fld)

@alias1@
local idexpression struct page *l1;
local idexpression struct page **pn;
local idexpression struct page *[] pa;
idexpression w, v;
identifier fld;
type T;
T *x;
expression E;
position q, qv;
@@
(
l1@w@q = \(*pn@v@qv\|*pn@v@qv++\|pn@v@qv[E]\|pa@v@qv[E]\)
|
l1@w@q = \(x->fld@qv[E]\|x->fld@qv\)
)

@script:python@
w << alias1.w;
v << alias1.v = "";
T << alias1.T = "";
fld << alias1.fld = "";
q << alias1.q;
qv << alias1.qv;
@@
alias(q, w, qv, v, T, fld)

@aliasd1@
identifier I, fld;
local idexpression struct page **pn;
local idexpression struct page *[] pa;
idexpression v;
type T;
T *x;
expression E;
position q, qv;
@@
(
struct page *I@q = \(*pn@v@qv\|*pn@v@qv++\|pn@v@qv[E]\|pa@v@qv[E]\);
|
struct page *I@q = \(x->fld@qv[E]\|x->fld@qv\);
)

@script:python@
I << aliasd1.I;
v << aliasd1.v = "";
T << aliasd1.T = "";
fld << aliasd1.fld = "";
q << aliasd1.q;
qv << aliasd1.qv;
@@
alias(q, I, qv, v, T, fld)

// A member array set to (a part of) the member array of a site or of a
// store (desc->pages = &map->pages[offset]): the two members are decided
// together, when nothing but NULL is ever stored in the first one.
@mset@
identifier f1;
type T1;
T1 *x;
T1 y;
expression E;
position q;
@@
(
x->f1@q = E
|
y.f1@q = E
)

@script:python@
T1 << mset.T1;
f1 << mset.f1;
E << mset.E;
q << mset.q;
@@
msets.setdefault((q[0].file, T1, f1), set()).add(E.replace(" ", ""))

@asgff@
identifier f1, f2;
type T1, T2;
T1 *x;
T1 y;
T2 *x2;
expression E;
position q, qv;
@@
(
x->f1@q = \(x2->f2@qv\|x2->f2@qv + E\|&x2->f2@qv[E]\)
|
y.f1@q = \(x2->f2@qv\|x2->f2@qv + E\|&x2->f2@qv[E]\)
)

@script:python@
T1 << asgff.T1;
T2 << asgff.T2;
f1 << asgff.f1;
f2 << asgff.f2;
q << asgff.q;
qv << asgff.qv;
@@
simple = lambda T: T.startswith("struct ") and len(T.split()) == 2
src = (qv[0].file, T2, f2)
dst = (q[0].file, T1, f1)
others = msets.get(dst, set()) - {"NULL"}
if simple(T1) and simple(T2) and (T1, f1) != (T2, f2) and \
   (src in sites_f or src in moved) and \
   all(re.search(r"(->|\.)%s\b" % re.escape(f2), o) for o in others):
	link((q[0].file, T1, f1), q, src, qv)
	member_names.add(f1)

//
// Arrays handed whole to a function of the same file, pages handed to one,
// and the parameters that receive them.
//

@defn@
identifier f, prm;
parameter list[n] ps;
position p;
@@
f@p(ps, struct page **prm, ...) { ... }

@script:python@
f << defn.f;
prm << defn.prm;
n << defn.n;
p << defn.p;
@@
defs.setdefault((p[0].file, f), {})[int(n)] = prm

@defna@
identifier f, prm;
parameter list[n] ps;
position p;
@@
f@p(ps, struct page *prm[], ...) { ... }

@script:python@
f << defna.f;
prm << defna.prm;
n << defna.n;
p << defna.p;
@@
defs.setdefault((p[0].file, f), {})[int(n)] = prm

@defnb@
identifier f, prm;
parameter list[n] ps;
expression E;
position p;
@@
f@p(ps, struct page *prm[E], ...) { ... }

@script:python@
f << defnb.f;
prm << defnb.prm;
n << defnb.n;
p << defnb.p;
@@
defs.setdefault((p[0].file, f), {})[int(n)] = prm

@def1@
identifier f, prm;
parameter list[n] ps;
position p;
@@
f@p(ps, struct page *prm, ...) { ... }

@script:python@
f << def1.f;
prm << def1.prm;
n << def1.n;
p << def1.p;
@@
defs1.setdefault((p[0].file, f), {})[int(n)] = prm

@edgen@
identifier f;
local idexpression struct page **pg;
local idexpression struct page *[] pa;
idexpression pp;
expression list[n] es;
position q;
@@
(
f(es, pg@pp@q, ...)
|
f(es, pa@pp@q, ...)
)

@script:python@
f << edgen.f;
pp << edgen.pp;
n << edgen.n;
q << edgen.q;
@@
k = key(q, q[0].current_element, pp)
edges_from.setdefault(k, []).append((f, int(n), where(q)))
edges_to.setdefault((k[0], f, int(n)), []).append((k, where(q)))
edge_at[where(q)] = (f, int(n))

// A member array handed whole to a function of this file that takes
// struct page **, or from an offset on (x->m + i, also y.m + i where y is
// itself a member, st->rd.m + i): the member and the parameter are one
// node set. spatch binds one argument list per call and pattern, the
// first that matches (f(x->a, x->m) gives x->a only): an argument missed
// that way stays a use not understood, which makes the site manual.
@edgef@
identifier f, fld;
type T;
T *x;
expression list[n] es;
position q;
@@
f(es, x->fld@q, ...)

@script:python@
f << edgef.f;
fld << edgef.fld;
T << edgef.T;
n << edgef.n;
q << edgef.q;
@@
member_edge(f, T, fld, n, q)

@edgefo@
identifier f, fld;
type T;
T y;
expression E;
expression list[n] es;
position q;
@@
f(es, y.fld@q + E, ...)

@script:python@
f << edgefo.f;
fld << edgefo.fld;
T << edgefo.T;
n << edgefo.n;
q << edgefo.q;
@@
member_edge(f, T, fld, n, q)

@edge1@
identifier f;
local idexpression struct page **pg;
local idexpression struct page *[] pa;
local idexpression struct page *p1;
identifier fld : script:python() { is_member_name(fld) };
expression list[n] es;
expression E, X;
position q;
@@
(
f(es, pg@q[E], ...)
|
f(es, pa@q[E], ...)
|
f(es, p1@q, ...)
|
f(es, X->fld@q[E], ...)
|
f(es, X->fld@q, ...)
)

@script:python@
f << edge1.f;
n << edge1.n;
q << edge1.q;
@@
elem_at[where(q)] = (f, int(n))

//
// The variables followed: the arrays and pages of the sites, the
// parameters and variables linked to them by whole-array calls, and the
// parameters of page readers they call.
//

@seedn@
idexpression struct page **pg;
local idexpression struct page *[] pa;
idexpression pp;
position p : script:python() { followed(p, components) };
@@
(
pg@pp@p
|
pa@pp@p
)

@script:python sn@
pp << seedn.pp;
p << seedn.p;
fn;
id;
@@
coccinelle.fn = cocci.make_ident(p[0].current_element)
coccinelle.id = cocci.make_ident(pp)

@seed1@
local idexpression struct page *pg;
position p : script:python() { followed(p, wanted_1) };
@@
pg@p

@script:python s1@
pg << seed1.pg;
p << seed1.p;
fn;
id;
@@
group_singles.setdefault((p[0].current_element, pg), set()).add(p[0].file)
coccinelle.fn = cocci.make_ident(p[0].current_element)
coccinelle.id = cocci.make_ident(pg)

@param1@
identifier s1.fn, s1.id;
position pp;
@@
fn@pp(..., struct page *id, ...) { ... }

@script:python@
fn << s1.fn;
id << s1.id;
pp << param1.pp;
@@
params.add(key(pp, fn, id))

@paramn@
identifier sn.fn, sn.id;
position pp;
@@
fn@pp(..., struct page **id, ...) { ... }

@script:python@
fn << sn.fn;
id << sn.id;
pp << paramn.pp;
@@
params.add(key(pp, fn, id))

@paramna@
identifier sn.fn, sn.id;
position pp;
@@
fn@pp(..., struct page *id[], ...) { ... }

@script:python@
fn << sn.fn;
id << sn.id;
pp << paramna.pp;
@@
params.add(key(pp, fn, id))

@paramnb@
identifier sn.fn, sn.id;
expression E;
position pp;
@@
fn@pp(..., struct page *id[E], ...) { ... }

@script:python@
fn << sn.fn;
id << sn.id;
pp << paramnb.pp;
@@
params.add(key(pp, fn, id))

//
// Uses of the variable, by kind. A use no rule recognises stays "any".
//

@any1@
identifier s1.fn, s1.id;
position q;
@@
fn(...) { <... id@q ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << any1.q;
@@
note("any", q, fn, id)

@anyn@
identifier sn.fn, sn.id;
position q;
@@
fn(...) { <... id@q ...> }

@script:python@
fn << sn.fn;
id << sn.id;
q << anyn.q;
@@
note("any", q, fn, id)

// Calls that take the page and are not known page readers: say which.
@call1@
identifier s1.fn, s1.id;
identifier f;
position q;
@@
fn(...) { <... f(..., id@q, ...) ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << call1.q;
f << call1.f;
@@
note("any", q, fn, id, "is passed to %s()" % f)

@calln@
identifier sn.fn, sn.id;
identifier f;
expression E;
position q;
@@
fn(...) { <... f(..., id@q[E], ...) ...> }

@script:python@
fn << sn.fn;
id << sn.id;
q << calln.q;
f << calln.f;
@@
note("any", q, fn, id, "is passed to %s()" % f)

@callan@
identifier sn.fn, sn.id;
identifier f;
expression E;
position q;
@@
fn(...) {
<...
(
f(..., id@q, ...)
|
f(..., id@q + E, ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << callan.q;
f << callan.f;
@@
note("any", q, fn, id, "is passed whole to %s()" % f)

// The GUP calls themselves, including other calls on the same variable.
@gup1@
identifier s1.fn, s1.id;
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
position q;
@@
fn(...) { <... gf(..., &id@q, ...) ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << gup1.q;
@@
note("gup", q, fn, id)

@gupn@
identifier sn.fn, sn.id;
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
expression E;
position q;
@@
fn(...) {
<...
(
gf(..., id@q, ...)
|
gf(..., id@q + E, ...)
|
gf(..., &id@q[E], ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << gupn.q;
@@
note("gup", q, fn, id)

@wgup1 depends on wrappers@
identifier s1.fn, s1.id;
identifier gf : script:python() { is_wrapper(gf) };
position q;
@@
fn(...) { <... gf(..., &id@q, ...) ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << wgup1.q;
@@
note("gup", q, fn, id)

@wgupn depends on wrappers@
identifier sn.fn, sn.id;
identifier gf : script:python() { is_wrapper(gf) };
expression E;
position q;
@@
fn(...) {
<...
(
gf(..., id@q, ...)
|
gf(..., id@q + E, ...)
|
gf(..., &id@q[E], ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << wgupn.q;
@@
note("gup", q, fn, id)

// Releases and extra references.
@rel1@
identifier s1.fn, s1.id;
expression N, D;
position q;
@@
fn(...) {
<...
(
put_page(id@q)
|
unpin_user_page(id@q)
|
folio_put(page_folio(id@q))
|
unpin_user_pages(&id@q, N)
|
unpin_user_pages_dirty_lock(&id@q, N, D)
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << rel1.q;
@@
note("release", q, fn, id)

@reln@
identifier sn.fn, sn.id;
expression E, N, D;
position q;
@@
fn(...) {
<...
(
put_page(id@q[E])
|
unpin_user_page(id@q[E])
|
folio_put(page_folio(id@q[E]))
|
unpin_user_pages(id@q, N)
|
unpin_user_pages(id@q + E, N)
|
unpin_user_pages_dirty_lock(id@q, N, D)
|
unpin_user_pages_dirty_lock(id@q + E, N, D)
|
release_pages(id@q, N)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << reln.q;
@@
note("release", q, fn, id)

@ref1@
identifier s1.fn, s1.id;
position q;
@@
fn(...) { <... get_page(id@q) ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << ref1.q;
@@
note("ref", q, fn, id)

@refn@
identifier sn.fn, sn.id;
expression E;
position q;
@@
fn(...) { <... get_page(id@q[E]) ...> }

@script:python@
fn << sn.fn;
id << sn.id;
q << refn.q;
@@
note("ref", q, fn, id)

// A local stored somewhere (x->m = page) and released through the local
// on a path after the store: the store keeps a stale pointer.
@stale1 exists@
identifier s1.fn, s1.id;
expression X, E;
position q;
@@
fn(...) {
... when any
X = id@q
... when any
    when != id = E
(
put_page(id)
|
unpin_user_page(id)
|
folio_put(page_folio(id))
|
unpin_user_pages(&id, ...)
|
unpin_user_pages_dirty_lock(&id, ...)
)
... when any
}

@script:python@
q << stale1.q;
@@
stale.add(where(q))

@stalen exists@
identifier sn.fn, sn.id;
expression X, E, E2;
position q;
@@
fn(...) {
... when any
X = id@q
... when any
    when != id = E2
(
put_page(id[E])
|
unpin_user_page(id[E])
|
folio_put(page_folio(id[E]))
|
unpin_user_pages(id, ...)
|
unpin_user_pages_dirty_lock(id, ...)
|
release_pages(id, ...)
)
... when any
}

@script:python@
q << stalen.q;
@@
stale.add(where(q))

// A store into a member of a local struct variable (iter.pages = pages)
// dies with the function's frame: nothing reads it after the release.
// Only a file with a stale store needs to know.
@framestore depends on stale1 || stalen disable fld_to_ptr@
local idexpression L;
identifier m;
expression E;
position q;
@@
L.m = E@q

@script:python@
L << framestore.L;
q << framestore.q;
@@
if not re.search(r"\bstatic\b[^;{}()]*\b%s\b" % re.escape(L), code_of(q[0].file)):
	frame_stores.add(where(q))

// NULL tests and assignments, and the array's own memory.
@null1@
identifier s1.fn, s1.id;
position q;
@@
fn(...) {
<...
(
id@q == NULL
|
id@q != NULL
|
id@q = NULL
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << null1.q;
@@
note("null", q, fn, id)

@nulln@
identifier sn.fn, sn.id;
expression E;
position q;
@@
fn(...) {
<...
(
id@q == NULL
|
id@q != NULL
|
id@q = NULL
|
id@q[E] == NULL
|
id@q[E] != NULL
|
id@q[E] = NULL
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << nulln.q;
@@
note("null", q, fn, id)

// A page compared by address with a page from elsewhere
// (tmp_pages[0] != *pages): N proxies may front one page, so only a real
// page has an address to compare.
@cmp1@
identifier s1.fn, s1.id;
expression F;
position q;
@@
fn(...) {
<...
(
id@q == F
|
id@q != F
|
F == id@q
|
F != id@q
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << cmp1.q;
F << cmp1.F;
@@
if F.strip() not in ("NULL", "0"):
	note("raw", q, fn, id, "compared by address with %s at {at}" % tidy(F))

@cmpn@
identifier sn.fn, sn.id;
expression E, F;
position q;
@@
fn(...) {
<...
(
id@q[E] == F
|
id@q[E] != F
|
F == id@q[E]
|
F != id@q[E]
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << cmpn.q;
F << cmpn.F;
@@
if F.strip() not in ("NULL", "0"):
	note("raw", q, fn, id, "compared by address with %s at {at}" % tidy(F))

// The array pointer moved on as a cursor, compared with another pointer
// or tested for an ERR_PTR(): the elements stay where they are.
@curn@
identifier sn.fn, sn.id;
expression E;
position q;
@@
fn(...) {
<...
(
IS_ERR(id@q)
|
IS_ERR_OR_NULL(id@q)
|
PTR_ERR(id@q)
|
id@q += E
|
id@q++
|
id@q == E
|
id@q != E
|
E == id@q
|
E != id@q
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << curn.q;
@@
note("null", q, fn, id)

@memn@
identifier sn.fn, sn.id;
identifier alloc = {kmalloc, kzalloc, kcalloc, kmalloc_array, kvmalloc,
		    kvzalloc, kvcalloc, kvmalloc_array, vmalloc, vzalloc,
		    __vmalloc};
identifier alloc_c = {__get_free_page, __get_free_pages, get_zeroed_page};
identifier free = {kfree, kvfree, vfree};
identifier free_c = {free_page, free_pages};
type C;
expression list es;
position q;
@@
fn(...) {
<...
(
id@q = alloc(es)
|
id@q = (C)alloc_c(es)
|
free(id@q)
|
free_c((unsigned long)id@q, ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << memn.q;
@@
note("mem", q, fn, id)

// Separate from the rule above, which does not look inside what it matched.
@sizen@
identifier sn.fn, sn.id;
expression E;
position q;
@@
fn(...) {
<...
(
sizeof(*id@q)
|
sizeof(id@q[E])
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << sizen.q;
@@
note("mem", q, fn, id)

@storen@
identifier sn.fn, sn.id;
type C;
expression E;
position q;
@@
fn(...) { <... (C *)(id@q + E) ...> }

@script:python@
fn << sn.fn;
id << sn.id;
C << storen.C;
q << storen.q;
@@
if scalar(C):
	note("mem", q, fn, id)

// Page readers: they use the page while the caller holds the reference and
// keep nothing. These uses get user_page_to_page().
@read1@
identifier s1.fn, s1.id;
identifier f = {kmap, kunmap, kmap_atomic, kmap_local_page, page_address,
		lowmem_page_address, page_to_phys, page_to_pfn, page_to_nid,
		dump_page,
		page_zone, page_folio, page_size, compound_head,
		PageCompound, PageHuge, PageAnon, PageHighMem, PageReserved,
		PageTransHuge, is_zone_device_page, page_ref_count,
		page_count, page_mapcount, set_page_dirty,
		set_page_dirty_lock, SetPageDirty, flush_dcache_page,
		copy_from_page, copy_to_page, memcpy_from_page,
		memcpy_to_page, memcpy_page, memzero_page, clear_highpage,
		copy_highpage, dma_map_page, dma_map_page_attrs,
		ib_dma_map_page, copy_page_to_iter, copy_page_from_iter,
		page_to_xen_pfn, folio_page_idx};
identifier fld;
position q;
@@
fn(...) {
<...
(
f(..., id@q, ...)
|
id@q->fld
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << read1.q;
@@
note("reader", q, fn, id)

@readn@
identifier sn.fn, sn.id;
identifier f = {kmap, kunmap, kmap_atomic, kmap_local_page, page_address,
		lowmem_page_address, page_to_phys, page_to_pfn, page_to_nid,
		dump_page,
		page_zone, page_folio, page_size, compound_head,
		PageCompound, PageHuge, PageAnon, PageHighMem, PageReserved,
		PageTransHuge, is_zone_device_page, page_ref_count,
		page_count, page_mapcount, set_page_dirty,
		set_page_dirty_lock, SetPageDirty, flush_dcache_page,
		copy_from_page, copy_to_page, memcpy_from_page,
		memcpy_to_page, memcpy_page, memzero_page, clear_highpage,
		copy_highpage, dma_map_page, dma_map_page_attrs,
		ib_dma_map_page, copy_page_to_iter, copy_page_from_iter,
		page_to_xen_pfn, folio_page_idx};
identifier fld;
expression E;
position q;
@@
fn(...) {
<...
(
f(..., id@q[E], ...)
|
id@q[E]->fld
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << readn.q;
@@
note("reader", q, fn, id)

// A folio or pfn taken from the page: a plain use while the variable is
// what gets released, the release itself when it is not, and always raw
// when kept anywhere but in a local variable.
@der1@
identifier s1.fn, s1.id;
identifier c = {page_folio, page_to_pfn};
local idexpression L;
expression E;
position q;
@@
fn(...) {
<...
(
L = c(id@q)
|
E = c(id@q)
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << der1.q;
c << der1.c;
L << der1.L = "";
@@
note("derived" if L else "raw", q, fn, id, c)

@dern@
identifier sn.fn, sn.id;
identifier c = {page_folio, page_to_pfn};
local idexpression L;
expression E, I;
position q;
@@
fn(...) {
<...
(
L = c(id@q[I])
|
E = c(id@q[I])
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << dern.q;
c << dern.c;
L << dern.L = "";
@@
note("derived" if L else "raw", q, fn, id, c)

// An address taken from the page and kept in memory other than a local
// (*hpa = __pa(page_address(page))): if the page is not released through
// the variable, the address is what keeps the reference.
@derx1@
identifier s1.fn, s1.id;
identifier c = {page_address, page_to_phys, page_to_pfn};
local idexpression L;
expression E;
position q;
@@
fn(...) {
<...
(
L = <+... c(id@q) ...+>
|
E = <+... c(id@q) ...+>
)
...>
}

@script:python@
fn << s1.fn;
id << s1.id;
q << derx1.q;
c << derx1.c;
L << derx1.L = "";
@@
if not L:
	note("derived", q, fn, id, c)

@derxn@
identifier sn.fn, sn.id;
identifier c = {page_address, page_to_phys, page_to_pfn};
local idexpression L;
expression E, I;
position q;
@@
fn(...) {
<...
(
L = <+... c(id@q[I]) ...+>
|
E = <+... c(id@q[I]) ...+>
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << derxn.q;
c << derxn.c;
L << derxn.L = "";
@@
if not L:
	note("derived", q, fn, id, c)

// The page that an entry point of PLAIN_RETURN returns: its callers
// take a plain page.
@retp@
identifier s1.fn, s1.id;
position q;
@@
fn(...) { <... return id@q; ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << retp.q;
@@
if fn in PLAIN_RETURN:
	note("raw", q, fn, id,
	     "returned at {at} by %s(), whose callers take a plain page" % fn)

// A pfn taken from an element and handed straight to a function
// (batch_add_pfn(batch, page_to_pfn(*pages))): the function keeps the
// pfn, and with it the reference.
@pfnargn@
identifier sn.fn, sn.id;
identifier g : script:python() { keeps_pfn(g) };
expression I;
position q;
@@
fn(...) {
<...
(
g(..., page_to_pfn(id@q[I]), ...)
|
g(..., page_to_pfn(*id@q), ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
g << pfnargn.g;
q << pfnargn.q;
@@
note("raw", q, fn, id, "page_to_pfn() handed to %s() at {at}" % g)

// A folio taken from an element into a local and released with
// folio_put() (make_device_exclusive_range()): the references leave as
// folios, element by element, which no rule here converts.
@folelt@
identifier sn.fn, sn.id;
identifier L;
expression I;
position q;
@@
fn(...) {
<...
(
struct folio *L = page_folio(id@q[I]);
|
L = page_folio(id@q[I])
)
...>
}

@script:python sfolelt@
fn << sn.fn;
id << sn.id;
L << folelt.L;
q << folelt.q;
f;
l;
@@
folio_elts.setdefault((q[0].file, fn, L), []).append((id, q))
coccinelle.f = cocci.make_ident(fn)
coccinelle.l = cocci.make_ident(L)

@foleltput@
identifier sfolelt.f, sfolelt.l;
position r;
@@
f(...) { <... folio_put@r(l) ...> }

@script:python@
f << sfolelt.f;
l << sfolelt.l;
r << foleltput.r;
@@
for id, q in folio_elts.get((r[0].file, f, l), ()):
	note("raw", q, f, id, "page_folio() at {at}, released with folio_put() at %s:%s" %
	     (r[0].file, r[0].line))

// A pfn taken from the page into a local and handed to a function that
// keeps it (vhost_vdpa_map(..., PFN_PHYS(pfn), ...)): the pfn goes with
// the reference, whoever else releases the pages.
@script:python spf1@
fn << s1.fn;
id << s1.id;
c << der1.c;
L << der1.L = "";
q << der1.q;
f;
l;
@@
ok = c == "page_to_pfn" and L
if ok:
	pfns.setdefault((q[0].file, fn, L), set()).add(id)
coccinelle.f = cocci.make_ident(fn if ok else NONE)
coccinelle.l = cocci.make_ident(L if ok else NONE)

@script:python spfn@
fn << sn.fn;
id << sn.id;
c << dern.c;
L << dern.L = "";
q << dern.q;
f;
l;
@@
ok = c == "page_to_pfn" and L
if ok:
	pfns.setdefault((q[0].file, fn, L), set()).add(id)
coccinelle.f = cocci.make_ident(fn if ok else NONE)
coccinelle.l = cocci.make_ident(L if ok else NONE)

@pcall1@
identifier spf1.l;
identifier g : script:python() { keeps_pfn(g) };
position q;
@@
g@q(..., <+... l ...+>, ...)

@script:python@
f << spf1.f;
l << spf1.l;
g << pcall1.g;
q << pcall1.q;
@@
pfn_call(q, f, l, g)

@pcalln@
identifier spfn.l;
identifier g : script:python() { keeps_pfn(g) };
position q;
@@
g@q(..., <+... l ...+>, ...)

@script:python@
f << spfn.f;
l << spfn.l;
g << pcalln.g;
q << pcalln.q;
@@
pfn_call(q, f, l, g)

// A folio taken from a single page into a local and released as a folio
// (folio = page_folio(page); ... folio_put(folio)) drops the page's GUP
// reference. When the local is set from that page only and otherwise only
// read, the release is the page's: folio_put(folio) becomes
// put_user_page(page), and page_folio() gets user_page_to_page().
@fol1@
identifier s1.fn, s1.id;
local idexpression struct folio *L;
position q;
@@
fn(...) { <... L@q = page_folio(id) ...> }

@script:python sfol@
fn << s1.fn;
id << s1.id;
L << fol1.L;
q << fol1.q;
f;
l;
@@
folios.setdefault(key(q, fn, id), set()).add(L)
coccinelle.f = cocci.make_ident(fn)
coccinelle.l = cocci.make_ident(L)

@folany@
identifier sfol.l;
position q;
@@
l@q

@script:python@
f << sfol.f;
l << sfol.l;
q << folany.q;
@@
for x in q:
	if x.current_element == f:
		folio_uses.setdefault((x.file, f, l), {})[(int(x.line), int(x.column))] = None

@folknown@
identifier sfol.l;
identifier r = {folio_lock, folio_unlock, folio_trylock, folio_test_anon,
		folio_test_swapcache, folio_test_large, folio_test_lru,
		folio_test_dirty, folio_test_uptodate, folio_test_hugetlb,
		folio_page_idx, folio_mapping, folio_index, folio_pos,
		folio_size, folio_nr_pages, folio_order, folio_pfn,
		folio_address, folio_mark_dirty, folio_mark_accessed};
identifier fld;
expression E;
position q;
@@
(
l@q = E
|
r(..., l@q, ...)
|
l@q->fld
|
folio_put(l@q)
)

@script:python@
f << sfol.f;
l << sfol.l;
E << folknown.E = "";
q << folknown.q;
@@
for x in q:
	if x.current_element == f:
		u = folio_uses.setdefault((x.file, f, l), {})
		u[(int(x.line), int(x.column))] = ("set", E) if E else "read"

@folput@
identifier sfol.l;
position q;
@@
folio_put(l@q)

@script:python@
f << sfol.f;
l << sfol.l;
q << folput.q;
@@
for x in q:
	if x.current_element == f:
		folio_uses.setdefault((x.file, f, l), {})[(int(x.line), int(x.column))] = "put"

// Raw consumers that keep the page, and with it the reference.
@raw1@
identifier s1.fn, s1.id;
identifier c = {sg_set_page, bvec_set_page, bio_add_page, __bio_add_page,
		skb_fill_page_desc, __skb_fill_page_desc, skb_add_rx_frag,
		xa_store, __xa_store};
position q;
@@
fn(...) { <... c(..., id@q, ...) ...> }

@script:python@
fn << s1.fn;
id << s1.id;
q << raw1.q;
c << raw1.c;
@@
note("raw", q, fn, id, c)

@rawn@
identifier sn.fn, sn.id;
identifier c = {sg_set_page, bvec_set_page, bio_add_page, __bio_add_page,
		skb_fill_page_desc, __skb_fill_page_desc, skb_add_rx_frag,
		xa_store, __xa_store};
identifier ca = {sg_alloc_table_from_pages, sg_alloc_table_from_pages_segment,
		 __sg_alloc_table_from_pages, sg_alloc_append_table_from_pages,
		 vmap, vm_map_ram, drm_prime_pages_to_sg};
expression I;
position q;
@@
fn(...) {
<...
(
c(..., id@q[I], ...)
|
ca(..., id@q, ...)
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << rawn.q;
c << rawn.c = "";
ca << rawn.ca = "";
@@
note("raw", q, fn, id, c or ca)

// The block layer adds the pages of a struct rq_map_data to bios.
@rawmn@
identifier sn.fn, sn.id;
struct rq_map_data *md;
struct rq_map_data mv;
position q;
@@
fn(...) {
<...
(
md->pages = id@q
|
mv.pages = id@q
)
...>
}

@script:python@
fn << sn.fn;
id << sn.id;
q << rawmn.q;
@@
note("raw", q, fn, id, "struct rq_map_data.pages")

// The members followed: those of the sites and those pages are moved to.
@seedf@
identifier fld : script:python() { is_member_name(fld) };
type T;
T *x;
T y;
position p : script:python() { member_followed(p) };
@@
(
x->fld@p
|
y.fld@p
)

@script:python mf@
t0 << seedf.T;
f0 << seedf.fld;
p << seedf.p;
T;
fld;
@@
ok = (p[0].file, t0, f0) in components(p[0].file)
coccinelle.T = cocci.make_type(t0 if ok else "struct " + NONE)
coccinelle.fld = cocci.make_ident(f0 if ok else NONE)

@anyf@
identifier mf.fld;
type mf.T;
T *x;
T y;
position q;
@@
(
x->fld@q
|
y.fld@q
)

@script:python@
T << mf.T;
fld << mf.fld;
q << anyf.q;
@@
note("any", q, T, fld)

// The same member name reached through an expression whose type spatch
// does not know might be this struct: such a use is not understood. The
// member of another struct type is not this one.
@anyfu@
identifier mf.fld;
expression E;
position q;
@@
(
E->fld@q
|
E.fld@q
)

@script:python@
T << mf.T;
fld << mf.fld;
q << anyfu.q;
@@
k = (q[0].file, T, fld)
fresh = [x for x in q if (int(x.line), int(x.column)) not in uses.get(k, {})]
note("any", fresh, T, fld, "(a use of a .%s spatch cannot type)" % fld)

@otherf@
identifier mf.fld;
type T2;
T2 *x;
T2 y;
position q;
@@
(
x->fld@q
|
y.fld@q
)

@script:python@
T << mf.T;
T2 << otherf.T2;
fld << mf.fld;
q << otherf.q;
@@
if T2 != T:
	note("other", q, T, fld)

@callf@
identifier mf.fld;
type mf.T;
T *x;
identifier f;
expression E;
position q;
@@
f(..., x->fld@q[E], ...)

@script:python@
T << mf.T;
fld << mf.fld;
q << callf.q;
f << callf.f;
@@
note("any", q, T, fld, "is passed to %s()" % f)

@callaf@
identifier mf.fld;
type mf.T;
T *x;
identifier f;
expression E;
position q;
@@
(
f(..., x->fld@q, ...)
|
f(..., x->fld@q + E, ...)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << callaf.q;
f << callaf.f;
@@
note("any", q, T, fld, "is passed whole to %s()" % f)

@gupf@
identifier mf.fld;
type mf.T;
T *x;
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
expression E;
position q;
@@
(
gf(..., x->fld@q, ...)
|
gf(..., x->fld@q + E, ...)
|
gf(..., &x->fld@q[E], ...)
|
gf(..., \((struct page **)x->fld@q\|(struct page **)(x->fld@q)\), ...)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << gupf.q;
@@
note("gup", q, T, fld)

@relf@
identifier mf.fld;
type mf.T;
T *x;
expression E, N, D;
position q;
@@
(
put_page(x->fld@q[E])
|
unpin_user_page(x->fld@q[E])
|
folio_put(page_folio(x->fld@q[E]))
|
put_page(x->fld@q)
|
unpin_user_page(x->fld@q)
|
folio_put(page_folio(x->fld@q))
|
unpin_user_pages(&x->fld@q, N)
|
unpin_user_pages_dirty_lock(&x->fld@q, N, D)
|
unpin_user_pages(x->fld@q, N)
|
unpin_user_pages(x->fld@q + E, N)
|
unpin_user_pages_dirty_lock(x->fld@q, N, D)
|
unpin_user_pages_dirty_lock(x->fld@q + E, N, D)
|
release_pages(x->fld@q, N)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << relf.q;
@@
note("release", q, T, fld)

@reff@
identifier mf.fld;
type mf.T;
T *x;
expression E;
position q;
@@
(
get_page(x->fld@q[E])
|
get_page(x->fld@q)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << reff.q;
@@
note("ref", q, T, fld)

@nullf@
identifier mf.fld;
type mf.T;
T *x;
expression E;
position q;
@@
(
x->fld@q == NULL
|
x->fld@q != NULL
|
x->fld@q = NULL
|
x->fld@q[E] == NULL
|
x->fld@q[E] != NULL
|
x->fld@q[E] = NULL
)

@script:python@
T << mf.T;
fld << mf.fld;
q << nullf.q;
@@
note("null", q, T, fld)

@memf@
identifier mf.fld;
type mf.T;
T *x;
identifier alloc = {kmalloc, kzalloc, kcalloc, kmalloc_array, kvmalloc,
		    kvzalloc, kvcalloc, kvmalloc_array, vmalloc, vzalloc,
		    __vmalloc};
identifier alloc_c = {__get_free_page, __get_free_pages, get_zeroed_page};
identifier free = {kfree, kvfree, vfree};
identifier free_c = {free_page, free_pages};
type C;
expression list es;
position q;
@@
(
x->fld@q = alloc(es)
|
x->fld@q = (C)alloc_c(es)
|
free(x->fld@q)
|
free_c((unsigned long)x->fld@q, ...)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << memf.q;
@@
note("mem", q, T, fld)

@sizef@
identifier mf.fld;
type mf.T;
T *x;
expression E;
position q;
@@
(
sizeof(*x->fld@q)
|
sizeof(x->fld@q[E])
)

@script:python@
T << mf.T;
fld << mf.fld;
q << sizef.q;
@@
note("mem", q, T, fld)

@storef@
identifier mf.fld;
type mf.T;
T *x;
type C;
expression E;
position q;
@@
 (C *)(x->fld@q + E)

@script:python@
T << mf.T;
fld << mf.fld;
C << storef.C;
q << storef.q;
@@
if scalar(C):
	note("mem", q, T, fld)

@readf@
identifier mf.fld;
type mf.T;
T *x;
identifier f = {kmap, kunmap, kmap_atomic, kmap_local_page, page_address,
		lowmem_page_address, page_to_phys, page_to_pfn, page_to_nid,
		dump_page,
		page_zone, page_folio, page_size, compound_head,
		PageCompound, PageHuge, PageAnon, PageHighMem, PageReserved,
		PageTransHuge, is_zone_device_page, page_ref_count,
		page_count, page_mapcount, set_page_dirty,
		set_page_dirty_lock, SetPageDirty, flush_dcache_page,
		copy_from_page, copy_to_page, memcpy_from_page,
		memcpy_to_page, memcpy_page, memzero_page, clear_highpage,
		copy_highpage, dma_map_page, dma_map_page_attrs,
		ib_dma_map_page, copy_page_to_iter, copy_page_from_iter,
		page_to_xen_pfn, folio_page_idx};
identifier m;
expression E;
position q;
@@
(
f(..., x->fld@q[E], ...)
|
f(..., *x->fld@q, ...)
|
x->fld@q[E]->m
|
f(..., x->fld@q, ...)
|
x->fld@q->m
)

@script:python@
T << mf.T;
fld << mf.fld;
q << readf.q;
@@
note("reader", q, T, fld)

// A page printed with %p keeps nothing: patch mode leaves it (a proxy's
// address is as good a handle in a debug line, and rewriting the argument
// would re-add a continued format string, which checkpatch flags).
@printf@
identifier mf.fld;
type mf.T;
T *x;
identifier f : script:python() { printer(f) };
expression E;
position q;
@@
(
f(..., x->fld@q[E], ...)
|
f(..., *x->fld@q, ...)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << printf.q;
@@
note("null", q, T, fld)

// An array member stepped on to its next entry (iter->pages++).
@stepf@
identifier mf.fld;
type mf.T;
T *x;
T y;
expression E;
position q;
@@
(
x->fld@q++
|
x->fld@q += E
|
y.fld@q++
|
y.fld@q += E
)

@script:python@
T << mf.T;
fld << mf.fld;
q << stepf.q;
@@
if page_array_member(q[0].file, T, fld):
	note("null", q, T, fld)

@derf@
identifier mf.fld;
type mf.T;
T *x;
identifier c = {page_folio, page_to_pfn};
local idexpression L;
expression E, I;
position q;
@@
(
L = c(x->fld@q[I])
|
E = c(x->fld@q[I])
|
L = c(x->fld@q)
|
E = c(x->fld@q)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << derf.q;
c << derf.c;
L << derf.L = "";
@@
note("derived" if L else "raw", q, T, fld, c)

@rawf@
identifier mf.fld;
type mf.T;
T *x;
identifier c = {sg_set_page, bvec_set_page, bio_add_page, __bio_add_page,
		skb_fill_page_desc, __skb_fill_page_desc, skb_add_rx_frag,
		xa_store, __xa_store};
identifier ca = {sg_alloc_table_from_pages, sg_alloc_table_from_pages_segment,
		 __sg_alloc_table_from_pages, sg_alloc_append_table_from_pages,
		 vmap, vm_map_ram, drm_prime_pages_to_sg};
expression I;
position q;
@@
(
c(..., x->fld@q[I], ...)
|
c(..., x->fld@q, ...)
|
ca(..., x->fld@q, ...)
)

@script:python@
T << mf.T;
fld << mf.fld;
q << rawf.q;
c << rawf.c = "";
ca << rawf.ca = "";
@@
note("raw", q, T, fld, c or ca)

@rawmf@
identifier mf.fld;
type mf.T;
T *x;
struct rq_map_data *md;
struct rq_map_data mv;
position q;
@@
(
md->pages = x->fld@q
|
mv.pages = x->fld@q
)

@script:python@
T << mf.T;
fld << mf.fld;
q << rawmf.q;
@@
note("raw", q, T, fld, "struct rq_map_data.pages")

//
// Decisions: one line per call site, in report and org modes.
//

// Every rule above has run on this group of files: decide() may keep what
// it decides until the next group.
@script:python@
@@
decided.clear()

@script:python depends on decisions@
@@
show_all["yes"] = True

// The calls are collected by their position constraints and reported
// by one script rule: a script rule that inherits them would run once per
// call, each time at the cost of the environments every rule above has
// left (0.4 s a call on tests/cocci/gup_proxy.c, two thirds of the run).
@call_g4 depends on report || org@
identifier gf = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast, get_user_pages_fast_only};
expression S, N, F, P;
position p;
position q : script:python(p, gf, P) { call_seen(p, gf, P) };
@@
gf@p(S, N, F, P@q)

@call_gu depends on report || org@
identifier gf = {get_user_pages_unlocked, pin_user_pages_unlocked};
expression S, N, F, P;
position p;
position q : script:python(p, gf, P) { call_seen(p, gf, P) };
@@
gf@p(S, N, P, F@q)

@call_gr depends on report || org@
identifier gf = {get_user_pages_remote, pin_user_pages_remote};
expression M, S, N, F, P, L;
position p;
position q : script:python(p, gf, P) { call_seen(p, gf, P) };
@@
gf@p(M, S, N, F, P, L@q)

// A wrapper's calls: the pages argument is the one a site rule found.
@call_w depends on wrappers && (report || org)@
identifier gf : script:python() { is_wrapper(gf) };
position p : script:python(gf) { call_seen(p, gf, "") };
@@
gf@p(...)

@call_gi depends on report || org@
identifier gf = {iov_iter_extract_pages, iov_iter_get_pages2,
		 iov_iter_get_pages_alloc2, get_user_page_vma_remote,
		 get_user_page_fast_only};
position p : script:python(gf) { call_seen(p, gf, "") };
@@
gf@p(...)

@script:python depends on report@
@@
for p, gf, P in calls.values():
	d = classify(p, gf, P)
	if shown(d):
		coccilib.report.print_report(p[0], "%s: %s: %s" % ((gf,) + d))
calls.clear()

@script:python depends on org@
@@
for p, gf, P in calls.values():
	d = classify(p, gf, P)
	if shown(d):
		coccilib.org.print_todo(p[0], "%s: %s: %s" % ((gf,) + d))
calls.clear()

@depends on context@
identifier gf;
position p : script:python() { where(p) in sitepos and decide(sitepos[where(p)])[0] == "proxy" };
@@
* gf@p(...)

//
// Patch mode: convert the sites decided proxy.
//

@script:python dn depends on patch@
f << sn.fn;
i << sn.id;
fn;
id;
@@
ok = any(node_proxy((x, f, i)) for x in files.get((f, i), ()))
coccinelle.fn = cocci.make_ident(f if ok else NONE)
coccinelle.id = cocci.make_ident(i if ok else NONE)

@depends on patch@
identifier fn, id;
position p : script:python(id) { proxy_1(p, id) };
attribute name __proxy;
expression E;
@@
fn(...) {
<...
(
- struct page *id@p;
+ struct page __proxy *id;
|
- struct page *id@p = E;
+ struct page __proxy *id = E;
)
...>
}

@depends on patch@
identifier dn.fn, dn.id;
attribute name __proxy;
expression E;
@@
fn(...) {
<...
(
- struct page **id;
+ struct page __proxy **id;
|
- struct page **id = E;
+ struct page __proxy **id = E;
|
- struct page *id[E];
+ struct page __proxy *id[E];
)
...>
}

@depends on patch@
identifier dn.fn, dn.id;
attribute name __proxy;
@@
fn(...,
- struct page **id
+ struct page __proxy **id
  , ...) { ... }

// A function that returns the pages it followed returns proxies.
@script:python dret depends on patch@
f << sn.fn;
i << sn.id;
fn;
@@
ok = any(node_proxy((x, f, i)) and any(v == i for v, y in rets.get((x, f), ()))
	 for x in files.get((f, i), ()))
coccinelle.fn = cocci.make_ident(f if ok else NONE)

@depends on patch@
identifier dret.fn;
attribute name __proxy;
@@
- struct page **
+ struct page __proxy **
  fn(...) { ... }

@script:python dg depends on patch@
f << sn.fn;
i << sn.id;
id;
@@
ok = any(node_proxy((x, f, i)) for x in files.get((f, i), ())) and \
     any((x, i) in gvars for x in files.get((f, i), ()))
coccinelle.id = cocci.make_ident(i if ok else NONE)

@depends on patch@
identifier dg.id;
attribute name __proxy;
@@
(
- static struct page **id;
+ static struct page __proxy **id;
|
- struct page **id;
+ struct page __proxy **id;
)

@depends on patch@
identifier dn.fn, dn.id;
attribute name __proxy;
@@
fn(...,
- struct page *id[]
+ struct page __proxy *id[]
  , ...) { ... }

@depends on patch@
identifier dn.fn, dn.id;
attribute name __proxy;
expression E;
@@
fn(...,
- struct page *id[E]
+ struct page __proxy *id[E]
  , ...) { ... }

// The calls of the single pages converted: a constraint cannot be
// evaluated inside the flags' disjunction.
@gup1p depends on patch@
identifier id;
position p : script:python(id) { proxy_1(p, id) };
identifier g = {get_user_pages, get_user_pages_fast, pin_user_pages,
		pin_user_pages_fast, get_user_pages_unlocked,
		pin_user_pages_unlocked, get_user_pages_remote,
		pin_user_pages_remote};
position c;
@@
g@c(..., &id@p, ...)

@depends on patch@
identifier fn, id;
position gup1p.c;
identifier g4 = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast};
identifier gu = {get_user_pages_unlocked, pin_user_pages_unlocked};
identifier gr = {get_user_pages_remote, pin_user_pages_remote};
expression S, N, F, M, L, F1, F2;
binary operator rel = {==, !=, <, >, <=, >=};
@@
fn(...) {
<...
(
g4@c(S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , &id)
|
gu@c(S, N, &id,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  )
|
gr@c(M, S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , &id, L)
)
...>
}

@depends on patch@
identifier dn.fn, dn.id;
identifier g4 = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast};
identifier gu = {get_user_pages_unlocked, pin_user_pages_unlocked};
identifier gr = {get_user_pages_remote, pin_user_pages_remote};
expression S, N, F, M, L, E, F1, F2;
binary operator rel = {==, !=, <, >, <=, >=};
@@
fn(...) {
<...
(
g4(S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , \(id\|id + E\|&id[E]\))
|
gu(S, N, \(id\|id + E\|&id[E]\),
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  )
|
gr(M, S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , \(id\|id + E\|&id[E]\), L)
)
...>
}

// Every use of the single pages converted, for the rules whose
// disjunctions a constraint cannot see into.
@use1p depends on patch@
local idexpression id;
position p : script:python(id) { proxy_1(p, id) };
@@
id@p

@depends on patch@
identifier fn, id;
position use1p.p;
expression N, D;
@@
fn(...) {
<...
(
- put_page(id@p)
+ put_user_page(id)
|
- folio_put(page_folio(id@p))
+ put_user_page(id)
|
- get_page(id@p)
+ ref_user_page(id)
)
...>
}

@depends on patch@
identifier fn, l;
position p : script:python(l) { folio_page(p, l) is not None };
fresh identifier id = script:python(p, l) { folio_page(p, l) };
@@
fn(...) {
<...
- folio_put(l@p)
+ put_user_page(id)
...>
}

@depends on patch@
identifier dn.fn, dn.id;
expression E, N, D;
@@
fn(...) {
<...
(
- put_page(id[E])
+ put_user_page(id[E])
|
- folio_put(page_folio(id[E]))
+ put_user_page(id[E])
|
- release_pages(id, N)
+ put_user_pages(id, N)
|
- get_page(id[E])
+ ref_user_page(id[E])
)
...>
}

// Again: positions are not inherited over the rules that changed the code.
@use1r depends on patch@
local idexpression id;
position p : script:python(id) { proxy_1(p, id) };
@@
id@p

@depends on patch@
identifier fn, id;
position use1r.p;
identifier f != {put_user_page, ref_user_page, user_page_to_page,
		 unpin_user_page, get_user_pages, get_user_pages_fast,
		 pin_user_pages, pin_user_pages_fast, get_user_pages_remote,
		 pin_user_pages_remote, get_user_pages_unlocked,
		 pin_user_pages_unlocked};
identifier fld;
@@
fn(...) {
<...
(
  f(...,
- id@p
+ user_page_to_page(id)
  ,...)
|
- id@p->fld
+ user_page_to_page(id)->fld
)
...>
}

@depends on patch@
identifier dn.fn, dn.id;
identifier f != {put_user_page, ref_user_page, user_page_to_page,
		 unpin_user_page};
identifier fld;
expression E;
@@
fn(...) {
<...
(
  f(...,
- id[E]
+ user_page_to_page(id[E])
  ,...)
|
- id[E]->fld
+ user_page_to_page(id[E])->fld
)
...>
}

@mdecl1 depends on patch@
identifier sname, fld;
@@
struct sname { ... struct page *fld; ... };

@script:python depends on patch@
sname << mdecl1.sname;
fld << mdecl1.fld;
@@
single_members.add(("struct " + sname, fld))

// The structs each header of the group declares, before a rule below
// rewrites one (a position in a rewritten struct names a temporary file).
@sdecl depends on patch@
identifier sname;
position p;
@@
struct sname@p { ... };

@script:python depends on patch@
sname << sdecl.sname;
p << sdecl.p;
@@
if p[0].file.endswith(".h"):
	header_structs.setdefault(p[0].file, set()).add(sname)

@script:python dfm depends on patch@
T << mf.T;
f << mf.fld;
fld;
sname;
@@
ok = any(node_proxy((x, T, f)) for x in files.get((T, f), ())) and \
     (T, f) not in single_members
if ok:
	proxy_structs.add(T.split()[1])
coccinelle.fld = cocci.make_ident(f if ok else NONE)
coccinelle.sname = cocci.make_ident(T.split()[1] if ok else NONE)

@depends on patch@
identifier dfm.sname, dfm.fld;
identifier V;
attribute name __proxy;
@@
(
struct sname {
  ...
- struct page **fld;
+ struct page __proxy **fld;
  ...
};
|
struct sname {
  ...
- struct page **fld;
+ struct page __proxy **fld;
  ...
} *V;
|
struct sname {
  ...
- struct page **fld;
+ struct page __proxy **fld;
  ...
} V;
)

@depends on patch@
identifier dfm.sname, dfm.fld;
identifier V;
attribute name __proxy;
expression E;
@@
(
struct sname {
  ...
- struct page *fld[E];
+ struct page __proxy *fld[E];
  ...
};
|
struct sname {
  ...
- struct page *fld[E];
+ struct page __proxy *fld[E];
  ...
} *V;
|
struct sname {
  ...
- struct page *fld[E];
+ struct page __proxy *fld[E];
  ...
} V;
)

@depends on patch@
identifier dfm.fld;
type mf.T;
T *x;
identifier g4 = {get_user_pages, get_user_pages_fast, pin_user_pages,
		 pin_user_pages_fast};
identifier gu = {get_user_pages_unlocked, pin_user_pages_unlocked};
identifier gr = {get_user_pages_remote, pin_user_pages_remote};
expression S, N, F, M, L, E, F1, F2;
binary operator rel = {==, !=, <, >, <=, >=};
@@
(
g4(S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , \(x->fld\|x->fld + E\|&x->fld[E]\))
|
gu(S, N, \(x->fld\|x->fld + E\|&x->fld[E]\),
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  )
|
gr(M, S, N,
(
- 0
+ FOLL_PROXY
|
- F1 rel F2
+ (F1 rel F2) | FOLL_PROXY
|
- F
+ F | FOLL_PROXY
)
  , \(x->fld\|x->fld + E\|&x->fld[E]\), L)
)

@depends on patch@
identifier dfm.fld;
type mf.T;
T *x;
expression E, N, D;
@@
(
- put_page(x->fld[E])
+ put_user_page(x->fld[E])
|
- folio_put(page_folio(x->fld[E]))
+ put_user_page(x->fld[E])
|
- release_pages(x->fld, N)
+ put_user_pages(x->fld, N)
|
- get_page(x->fld[E])
+ ref_user_page(x->fld[E])
)

@depends on patch@
identifier dfm.fld;
type mf.T;
T *x;
identifier f : script:python() { page_reader_arg(f) };
identifier m;
expression E;
@@
(
  f(...,
- x->fld[E]
+ user_page_to_page(x->fld[E])
  ,...)
|
  f(...,
- *x->fld
+ user_page_to_page(*x->fld)
  ,...)
|
- x->fld[E]->m
+ user_page_to_page(x->fld[E])->m
)

// A single page kept in a member.
@script:python dfm1 depends on patch@
T << mf.T;
f << mf.fld;
fld;
sname;
@@
ok = any(node_proxy((x, T, f)) for x in files.get((T, f), ())) and \
     (T, f) in single_members
if ok:
	proxy_structs.add(T.split()[1])
coccinelle.fld = cocci.make_ident(f if ok else NONE)
coccinelle.sname = cocci.make_ident(T.split()[1] if ok else NONE)

@depends on patch@
identifier dfm1.sname, dfm1.fld;
identifier V;
attribute name __proxy;
@@
(
struct sname {
  ...
- struct page *fld;
+ struct page __proxy *fld;
  ...
};
|
struct sname {
  ...
- struct page *fld;
+ struct page __proxy *fld;
  ...
} *V;
|
struct sname {
  ...
- struct page *fld;
+ struct page __proxy *fld;
  ...
} V;
)

@depends on patch@
identifier dfm1.fld;
type mf.T;
T *x;
expression N, D;
@@
(
- put_page(x->fld)
+ put_user_page(x->fld)
|
- folio_put(page_folio(x->fld))
+ put_user_page(x->fld)
|
- get_page(x->fld)
+ ref_user_page(x->fld)
)

@depends on patch@
identifier dfm1.fld;
type mf.T;
T *x;
identifier f != {put_user_page, put_user_pages, put_user_pages_dirty_lock,
		 unpin_user_page, ref_user_page, user_page_to_page};
identifier m;
@@
(
  f(...,
- x->fld
+ user_page_to_page(x->fld)
  ,...)
|
- x->fld->m
+ user_page_to_page(x->fld)->m
)

// Casts of what is assigned to a converted array or member keep sparse's
// view of the address space.
@depends on patch@
identifier dn.fn, dn.id;
attribute name __proxy;
expression E;
@@
fn(...) {
<...
  id = (
- struct page **
+ struct page __proxy **
  )E
...>
}

@depends on patch@
identifier dfm.fld;
type mf.T;
T *x;
attribute name __proxy;
expression E;
@@
  x->fld = (
- struct page **
+ struct page __proxy **
  )E

// The headers that declare an annotated struct get <linux/page_proxy.h>
// (proxy_include_at()).
@pinc depends on patch@
position p;
@@
#include <...>@p

@depends on patch@
position pinc.p : script:python() { proxy_include_at(p) };
@@
#include <...>@p
+#include <linux/page_proxy.h>
