internal import CClientelePrefetch

/// Tells the processor that memory will be read soon, so that the cache misses of
/// several lookups overlap instead of following one another.
///
/// A hint only: it never faults, whatever the address, and changes no result.
enum MemoryHint {
    @inline(__always)
    static func prefetch(_ address: UnsafeRawPointer) {
        clientele_prefetch(address)
    }

    @inline(__always)
    static func prefetch<Element>(_ buffer: FrozenBuffer<Element>, at index: Int) {
        if let base = buffer.base.baseAddress { clientele_prefetch(base + index) }
    }
}
