internal import CClientelePrefetch

/// Tells the processor that memory will be read soon, so that the cache misses of
/// several lookups overlap instead of following one another.
///
/// A hint only: it never faults, whatever the address, and changes no result.
enum MemoryHint {
    @inline(__always)
    static func prefetch<Element>(_ buffer: FrozenBuffer<Element>, at index: Int) {
        if let base = buffer.base.baseAddress { clientele_prefetch(base + index) }
    }

    /// Prefetches the heap storage of the array or set whose reference is stored at
    /// `address`, without touching (retaining) it: the reference's bits are read as a
    /// plain word. Only a hint: if the word is not a plain object address (a bridged
    /// collection on Apple platforms), the prefetch of that address is harmless and does
    /// nothing useful.
    @inline(__always)
    static func prefetch(storageAt address: UnsafeRawPointer) {
        if let object = UnsafeRawPointer(bitPattern: address.load(as: UInt.self)) {
            clientele_prefetch(object)
            clientele_prefetch(object + 32)
        }
    }
}
