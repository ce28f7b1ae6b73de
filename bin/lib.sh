# Not part of the series: settings and helpers shared by the project's scripts.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Debian's tools first: its python3 has the ply and git modules that
# scripts/spdxcheck.py (run by checkpatch) needs.
export PATH=/usr/bin:/bin:$PATH
BUILD=${BUILD:-$ROOT/build}
OUT=${OUT:-$ROOT/out}
LINUX=$BUILD/linux		# the assembled tree: base commit + one commit per patch
BRANCH=series
JOBS=${JOBS:-$(nproc)}
# Who posts the series (the cover letter's From:).
TEAM_NAME="Page Proxy Team"
TEAM_EMAIL="page-proxy@example.org"
# shellcheck source=../config/base
. "$ROOT/config/base"

# ccache keys on paths relative to $BUILD, so worktrees under it share hits.
export CCACHE_BASEDIR=$BUILD
export CCACHE_NOHASHDIR=1
if command -v ccache >/dev/null; then CC="ccache gcc"; else CC=gcc; fi

# spatch options for gup_proxy.cocci (its "Options:" line says the same):
# the headers a C file includes with quotes give spatch the types of its
# struct members, and the headers of a file group are converted with it.
GUP_SPATCH_OPTS=(--local-includes --include-headers-for-types --include-headers)

# groups_with_in GROUPS FILES: the groups of the file GROUPS (a path a
# line, a blank line between groups) that hold one of FILES (a path a
# line), in the same format.
groups_with_in() {
	awk -v files="$2" '
	BEGIN { n = split(files, a, "\n"); for (i = 1; i <= n; i++) f[a[i]] = 1 }
	/^$/ { if (hit) { for (i = 1; i <= m; i++) print g[i]; print "" } m = hit = 0; next }
	{ g[++m] = $0; if (f[$0]) hit = 1 }
	END { if (hit) for (i = 1; i <= m; i++) print g[i] }' "$1"
}

# Where bin/tree reads series, patches/ and the new files from (the pipeline
# self-test points it at a broken copy).
SRC=${SERIES_SRC:-$ROOT}

PROG=${0##*/}
msg() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

# Seconds since the epoch, for per-stage timings.
now() { date +%s; }

# git in the assembled tree
lgit() { git -C "$LINUX" "$@"; }

# The series manifest: prints "patch<TAB>newfile newfile..." per patch.
# A line starting with a name is a patch; an indented line lists more new
# files for the patch above it; '#' starts a comment.
series_entries() {
	awk '
	{ sub(/#.*/, "") }
	/^[ \t]*$/ { next }
	/^[^ \t]/ { if (p != "") print p "\t" f; p = $1; f = ""
		    for (i = 2; i <= NF; i++) f = f (f == "" ? "" : " ") $i; next }
	{ if (p == "") { print "series:" NR ": files before any patch" > "/dev/stderr"; exit 1 }
	  for (i = 1; i <= NF; i++) f = f (f == "" ? "" : " ") $i }
	END { if (p != "") print p "\t" f }
	' "$SRC/series"
}

# Kernel C files the series adds or changes (user-space selftests and
# scripts are built elsewhere).
KERNEL_C=('*.c' ':!tools/' ':!scripts/' ':!Documentation/' ':!usr/')
series_kernel_c() {
	lgit diff --name-only --diff-filter=AM "$BASE_TAG" "$BRANCH" -- "${KERNEL_C[@]}"
}

# Check out <rev> (detached, forced) in the worktree build/bisect/linux, which
# shares build/linux's objects. Its UML build directory is build/bisect/uml:
# the same layout as build/linux + build/uml, so ccache hits carry over.
WORK=$BUILD/bisect/linux
WORK_UML=$BUILD/bisect/uml
worktree_at() {
	if [ ! -e "$WORK/.git" ]; then
		mkdir -p "$BUILD/bisect"
		lgit worktree prune
		lgit worktree add -q --detach "$WORK" "$1"
	fi
	git -C "$WORK" am --abort >/dev/null 2>&1 || true
	git -C "$WORK" checkout -q --detach -f "$1"
}

# The UML configuration KUnit uses, copied into another build directory.
uml_config_to() {
	[ -f "$BUILD/uml/.config" ] || "$ROOT/bin/kunit" config >/dev/null
	mkdir -p "$1"
	cmp -s "$BUILD/uml/.config" "$1/.config" || cp "$BUILD/uml/.config" "$1/.config"
}

# findings <log> <dir>...: the compiler and sparse diagnostics of a build log
# as "path: warning|error: text", sorted, with the <dir>s stripped from the
# paths and no line numbers, so that logs of two trees compare.
findings() {
	local log=$1 dirs
	shift
	dirs=$(printf '%s\\|' "$@")
	sed -nE -e "s|^(${dirs%\\|})/||" \
		-e 's/^([^ :]+):[0-9]+:[0-9]+: (warning|error): /\1: \2: /p' "$log" | sort
}

# checkpatch_clean <tree> <patch> [<checkpatch option>...]: checkpatch.pl
# --strict from <tree>; prints its output on stderr and fails on any error,
# warning or check.
checkpatch_clean() {
	local tree=$1 patch=$2 out
	shift 2
	out=$(cd "$tree" && perl scripts/checkpatch.pl --strict "$@" "$patch" 2>&1 || true)
	case "$(printf '%s\n' "$out" | grep -m1 '^total:' || true)" in
	"total: 0 errors, 0 warnings, 0 checks,"*) return 0 ;;
	esac
	printf '%s\n%s\n\n' "== ${patch##*/}" "$out" >&2
	return 1
}

# The objects the UML KUnit kernel links (paths relative to the tree): what
# the UML checks can build. Drivers and architecture code outside it build
# under x86_64 allmodconfig instead (allmod_at below).
uml_linked() {
	[ -f "$BUILD/uml/vmlinux.a" ] || "$ROOT/bin/kunit" build >&2 ||
		die "the UML kernel does not build"
	ar t "$BUILD/uml/vmlinux.a" | sed "s|^$BUILD/uml/||"
}

# The x86_64 allmodconfig build: worktree build/conversion/conv of
# build/linux, objects in build/conversion/allmod. bin/sparse, bin/bisect
# and bin/conversion-check take turns on it.
ALLMOD_TREE=$BUILD/conversion/conv
ALLMOD=$BUILD/conversion/allmod
amake() { make -s -C "$ALLMOD_TREE" O="$ALLMOD" CC="$CC" -j"$JOBS" "$@"; }

# allmod_at <rev>: check <rev> out there (forced, clean), configured and
# prepared. allmodconfig runs at every checkout: a .config carried over from
# another revision would give the symbols that revision lacks their
# defaults (kbuild then rebuilds only what a changed symbol reaches). The
# log goes to $OUT/allmod.log.
allmod_at() {
	if [ ! -e "$ALLMOD_TREE/.git" ]; then
		rm -rf "$ALLMOD_TREE"
		lgit worktree prune
		lgit worktree add -q --detach "$ALLMOD_TREE" "$1"
	fi
	git -C "$ALLMOD_TREE" checkout -q --detach -f "$1"
	git -C "$ALLMOD_TREE" clean -qfdx
	mkdir -p "$ALLMOD" "$OUT"
	amake allmodconfig > "$OUT/allmod.log" 2>&1 ||
		die "allmodconfig failed: $(tail -3 "$OUT/allmod.log")"
	amake prepare >> "$OUT/allmod.log" 2>&1 ||
		die "allmodconfig prepare failed: $(tail -3 "$OUT/allmod.log")"
}

# allmod_build <log> <object>...: gcc and sparse (C=2) on each object in the
# allmodconfig tree as it is checked out, going on past failures; an object
# that was not built is named in the log as "BUILD FAILED: <object>".
allmod_build() {
	local log=$1 o
	shift
	for o in "$@"; do rm -f "$ALLMOD/$o"; done
	amake -k C=2 "$@" > "$log" 2>&1 || true
	for o in "$@"; do
		[ -f "$ALLMOD/$o" ] || echo "BUILD FAILED: $o" >> "$log"
	done
}

# allmod_findings <log>: findings() of an allmod_build log, with the
# objects it did not build.
allmod_findings() {
	{ findings "$1" "$ALLMOD_TREE" ../conv; grep '^BUILD FAILED: ' "$1" || true; } | sort
}
