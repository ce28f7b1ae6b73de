# Page proxy objects for get_user_pages(): build, boot, test and export the
# kernel patch series. Every target is one job, done by the script in bin/ of
# the same name; each script assembles what it needs first (bin/tree).

.PHONY: all demo test deps base tree refresh series check-export checkpatch \
	kernel-doc kunit sparse coccicheck guest boot bisect mutation-check \
	cocci-test conversion-report conversion-check conversion-patches bench clean

all: demo

demo:			## build, boot the guest, print the report
	bin/demo

test:			## every check; ends with "N passed, N failed"
	bin/test

deps:			## install the Debian packages the build needs (root)
	bin/deps

base:			## verified pristine base tree in build/linux, tagged
	bin/base

tree:			## assemble base + series: one commit per patch
	bin/tree

refresh:		## write commits made in build/linux back to patches/
	bin/refresh

series:			## export out/series (format-patch --cover-letter --base)
	bin/export

check-export:		## git am out/series on the base; same tree as assembled
	bin/check-export

checkpatch:		## checkpatch.pl --strict on every exported patch
	bin/checkpatch

kernel-doc:		## no new kernel-doc -Wall warnings
	bin/kerneldoc

kunit:			## KUnit suites under UML (kunit.py run)
	bin/kunit

sparse:			## make C=2 on the files the series touches, vs the base
	bin/sparse

coccicheck:		## the series' semantic patches, report mode
	bin/coccicheck

guest:			## x86_64 guest kernel + initramfs
	bin/guest

boot:			## boot the guest under QEMU TCG once
	bin/boot

bisect:			## every patch builds
	bin/bisect

mutation-check:		## every mutant in mutants/ is caught
	bin/mutation-check

cocci-test:		## gup_proxy.cocci against tests/cocci (decisions, patch, idempotence)
	bin/cocci-test

conversion-report:	## decide every GUP call site of the base: out/conversion/report.txt
	bin/conversion

conversion-check:	## generate the conversion on the series; prove it builds, is idempotent
	bin/conversion-check

conversion-patches:	## write the generated conversion into patches/ and series
	WRITE=1 bin/conversion-check

bench:			## the cost of proxies: one table, measured side by side (out/bench)
	bin/bench

clean:			## remove build/ and out/ (the base is extracted again)
	rm -rf build out
