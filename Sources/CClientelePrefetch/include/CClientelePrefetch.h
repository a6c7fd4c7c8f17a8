// A hint that memory will be read soon, for Swift code that knows addresses several
// steps before it reads them. Swift has no prefetch of its own; this inlines to one
// instruction (`prefetcht0` on x86-64, `prfm pldl1keep` on arm64) and never faults.
#ifndef CCLIENTELE_PREFETCH_H
#define CCLIENTELE_PREFETCH_H

static inline __attribute__((always_inline)) void clientele_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
