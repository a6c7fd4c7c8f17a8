/// Up to 16 dense ids (a request's groups, segments, categories and contract matches)
/// kept on the stack, so that looking them up needs no allocation and no closure that
/// would copy the request.
struct InlineIDs {
    /// How many ids fit; a request with more takes the general path.
    static let capacity = 16

    private var storage: (
        Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32,
        Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// The number of ids appended.
    private(set) var count = 0

    /// Appends `id`; the caller keeps `count` below ``capacity``.
    @inline(__always)
    mutating func append(_ id: Int32) {
        let index = count
        withUnsafeMutablePointer(to: &storage) { tuple in
            tuple.withMemoryRebound(to: Int32.self, capacity: Self.capacity) { $0[index] = id }
        }
        count = index + 1
    }

    /// Runs `body` with the ids as one buffer.
    @inline(__always)
    mutating func withBuffer<R>(_ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        let count = count
        return withUnsafeMutablePointer(to: &storage) { tuple in
            tuple.withMemoryRebound(to: Int32.self, capacity: Self.capacity) {
                body(UnsafeBufferPointer(start: $0, count: count))
            }
        }
    }
}

extension InlineIDs {
    /// Appends the ids `table` gives the members of `names`, skipping names it does not
    /// hold; returns false, appending nothing, when they might not all fit.
    ///
    /// Only for requests read in place (``PriceBookIndex/RequestLayout``), whose
    /// platform reads inline strings (``IdentifierKey/inlineFormIsReadable``).
    @inline(__always)
    mutating func append(_ names: Set<String>, in table: IdentifierTable) -> Bool {
        append(names, in: table) { $0 }
    }

    /// ``append(_:in:)-(Set<String>,_)`` for a request's groups, read by their text.
    @inline(__always)
    mutating func append(_ groups: Set<CustomerGroup>, in table: IdentifierTable) -> Bool {
        append(groups, in: table) { $0.rawValue }
    }

    /// The loop of both: `text` gives an element's string, which is read in place when
    /// inline. Inlined into each caller, so no closure is made at run time.
    @inline(__always)
    private mutating func append<Name>(_ names: Set<Name>, in table: IdentifierTable, text: (Name) -> String) -> Bool {
        let size = names.count
        if size == 0 { return true }
        guard count + size <= Self.capacity else { return false }
        for element in names {
            let name = text(element)
            let inline = withUnsafePointer(to: name) { IdentifierKey(inlineStringAt: UnsafeRawPointer($0)) }
            let id = inline.map { table.slot($0).id } ?? table.id(of: name)
            if id >= 0 { append(id) }
        }
        return true
    }
}
