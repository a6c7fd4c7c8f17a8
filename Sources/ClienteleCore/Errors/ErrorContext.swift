/// Where an error applies: the input field, the position in a text, the file and byte
/// offset, the record concerned. Every part is optional; set what is known.
///
/// None of these may hold personal data: name a field (`"email"`), not its value.
public struct ErrorContext: Sendable, Hashable, CustomStringConvertible {
    /// The input field or attribute, such as `email`, `password` or `entries[3].value`.
    public var field: String?
    /// A zero-based character offset in a text the host passed in (a query, a price).
    public var position: Int?
    /// A file name or path inside a store folder.
    public var file: String?
    /// A byte offset in ``file``.
    public var offset: Int64?
    /// The identifier of the record concerned: a price-list id, a customer id,
    /// a conformance check. Identifiers are not personal data.
    public var item: String?

    /// Creates a context; every part is optional.
    public init(
        field: String? = nil,
        position: Int? = nil,
        file: String? = nil,
        offset: Int64? = nil,
        item: String? = nil
    ) {
        self.field = field
        self.position = position
        self.file = file
        self.offset = offset
        self.item = item
    }

    /// True when nothing is known about where the error applies.
    public var isEmpty: Bool {
        field == nil && position == nil && file == nil && offset == nil && item == nil
    }

    /// `field=…, position=…` with only the known parts.
    public var description: String {
        var parts: [String] = []
        if let item { parts.append("item=\(item)") }
        if let field { parts.append("field=\(field)") }
        if let position { parts.append("position=\(position)") }
        if let file { parts.append("file=\(file)") }
        if let offset { parts.append("offset=\(offset)") }
        return parts.joined(separator: ", ")
    }
}
