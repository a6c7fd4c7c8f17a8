/// An immutable copy of an array in memory that its owner frees explicitly.
///
/// The price book's hot path reads its index through these instead of `Array`s: reading
/// an array stored in a class costs a reference-count round trip (an atomic operation)
/// per access, which at a few hundred nanoseconds per resolution is a large share.
/// The owning ``PriceBookIndex`` is immutable and frees every buffer in its `deinit`.
struct FrozenBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>

    init(_ array: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = memory.initialize(from: array)
        base = UnsafeMutableBufferPointer(rebasing: memory[0..<array.count])
    }

    var count: Int { base.count }

    @inline(__always)
    subscript(index: Int) -> Element { base[index] }

    func free() {
        base.deinitialize()
        base.deallocate()
    }
}
