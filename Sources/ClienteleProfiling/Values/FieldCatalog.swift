/// Every profile field the shop knows, built and validated once, then handed to the rules
/// and the service.
///
/// Building fails with a typed error whose context names the field (`context.item`) and
/// the part of its definition (`context.field`).
///
/// ```swift
/// let catalog = try FieldCatalog([
///     FieldDefinition(key: "first-name", labelKey: "profile.firstName", type: .text, moments: [.registrationStep2]),
///     FieldDefinition(key: "has-pets", labelKey: "profile.hasPets", type: .boolean, moments: [.accountPage]),
///     FieldDefinition(key: "pet-kind", labelKey: "profile.petKind", type: .singleChoice,
///                     rules: FieldRules(choices: ["dog", "cat", "other"]),
///                     prerequisites: [.equals("has-pets", .boolean(true))], moments: [.accountPage]),
/// ])
/// ```
public struct FieldCatalog: Sendable, Hashable {
    /// The fields in the order given.
    public let fields: [FieldDefinition]
    /// Field positions by key.
    private let positions: [FieldKey: Int]
    /// Positions in asking order: priority descending, then key in byte order.
    let askingOrder: [Int]
    /// The decline cool-down of each field in milliseconds, by position.
    let coolDownMilliseconds: [Int64]
    /// Per moment, the fields the customer may be asked then, in asking order: what
    /// question selection walks, so it never looks at fields of other moments.
    let askable: [Moment: [AskingSlot]]

    /// The definitions, boxed once, so a ``Question`` shares its field's definition.
    let shared: [SharedDefinition]

    /// A definition in a box: handed to questions for the cost of one reference.
    final class SharedDefinition: Sendable, Hashable {
        let definition: FieldDefinition

        init(_ definition: FieldDefinition) { self.definition = definition }

        static func == (lhs: SharedDefinition, rhs: SharedDefinition) -> Bool { lhs.definition == rhs.definition }

        func hash(into hasher: inout Hasher) { hasher.combine(definition) }
    }

    /// A field as question selection reads it on every call: its position, key, purpose
    /// and cool-down, without copying the whole definition.
    struct AskingSlot: Sendable, Hashable {
        let position: Int
        let key: FieldKey
        let purpose: String?
        let coolDownMilliseconds: Int64
        let hasPrerequisites: Bool
    }

    /// The longest label key or purpose accepted, in characters.
    public static let maximumNameLength = 128

    /// Builds a catalog, checking every field and the prerequisites between them.
    ///
    /// - Throws: ``ProfilingErrorCode/invalidFieldKey``, ``ProfilingErrorCode/duplicateField``,
    ///   ``ProfilingErrorCode/invalidField``, ``ProfilingErrorCode/invalidChoiceDefault``,
    ///   ``ProfilingErrorCode/unknownPrerequisite`` or ``ProfilingErrorCode/prerequisiteCycle``,
    ///   with the field's key as `context.item`.
    /// - Complexity: O(n log n) in the number of fields plus their prerequisites.
    public init(_ fields: [FieldDefinition]) throws(ProfilingError) {
        var positions: [FieldKey: Int] = [:]
        for (index, field) in fields.enumerated() {
            guard field.key.isValid else {
                throw ProfilingError(
                    .invalidFieldKey, "A field key must be \(FieldKey.syntax).", context: ErrorContext(field: "key", item: "#\(index)"))
            }
            guard positions.updateValue(index, forKey: field.key) == nil else {
                throw ProfilingError(
                    .duplicateField, "Two fields share this key; every field needs its own.",
                    context: ErrorContext(field: "key", item: field.key.rawValue))
            }
            try Self.check(field)
        }
        for field in fields {
            for prerequisite in field.prerequisites {
                guard let position = positions[prerequisite.field] else {
                    throw ProfilingError(
                        .unknownPrerequisite, "A prerequisite names a field the catalog does not have.",
                        context: ErrorContext(field: "prerequisites", item: field.key.rawValue))
                }
                let other = fields[position]
                let values: [ProfileValue] =
                    switch prerequisite {
                    case .known: []
                    case .equals(_, let value): [value]
                    case .oneOf(_, let values): values
                    }
                if case .oneOf(_, let list) = prerequisite, list.isEmpty {
                    throw ProfilingError(
                        .invalidField, "A one-of prerequisite needs at least one value.",
                        context: ErrorContext(field: "prerequisites", item: field.key.rawValue))
                }
                guard values.allSatisfy({ $0.fits(other.type) }) else {
                    throw ProfilingError(
                        .invalidField, "A prerequisite compares with a value of another type than its field's.",
                        context: ErrorContext(field: "prerequisites", item: field.key.rawValue))
                }
            }
        }
        try Self.checkCycles(fields, positions)
        self.fields = fields
        self.positions = positions
        self.askingOrder = fields.indices.sorted { lhs, rhs in
            let (a, b) = (fields[lhs], fields[rhs])
            return a.priority != b.priority ? a.priority > b.priority : a.key < b.key
        }
        self.coolDownMilliseconds = fields.map { StoredInstant.milliseconds($0.declineCoolDown) }
        self.shared = fields.map(SharedDefinition.init)
        var askable: [Moment: [AskingSlot]] = [:]
        for position in askingOrder where fields[position].editableByCustomer {
            let field = fields[position]
            let slot = AskingSlot(
                position: position, key: field.key, purpose: field.purpose, coolDownMilliseconds: coolDownMilliseconds[position],
                hasPrerequisites: !field.prerequisites.isEmpty)
            for moment in field.moments { askable[moment, default: []].append(slot) }
        }
        self.askable = askable
    }

    /// An empty catalog.
    public init() {
        fields = []
        positions = [:]
        askingOrder = []
        coolDownMilliseconds = []
        askable = [:]
        shared = []
    }

    /// Two catalogs are equal when they hold the same fields in the same order (everything
    /// else is derived from them).
    public static func == (lhs: FieldCatalog, rhs: FieldCatalog) -> Bool { lhs.fields == rhs.fields }

    /// Hashes the fields.
    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

    /// The field with `key`, or `nil` when the catalog does not have it.
    public func field(_ key: FieldKey) -> FieldDefinition? {
        positions[key].map { fields[$0] }
    }

    /// The field with `key`.
    ///
    /// - Throws: ``ProfilingErrorCode/unknownField`` naming the key.
    public func require(_ key: FieldKey) throws(ProfilingError) -> FieldDefinition {
        guard let field = field(key) else {
            throw ProfilingError(.unknownField, "The field is not in the catalog.", context: ErrorContext(field: "field", item: key.rawValue))
        }
        return field
    }

    /// The keys of the fields that serve `purpose`, in the order given: what to purge when
    /// that consent ends.
    public func fields(servingPurpose purpose: String) -> [FieldKey] {
        fields.filter { $0.purpose == purpose }.map(\.key)
    }

    /// Every purpose some field serves, sorted.
    public var purposes: [String] {
        Set(fields.compactMap(\.purpose)).sorted()
    }

    /// The fields in asking order: priority descending, then key.
    public var fieldsInAskingOrder: [FieldDefinition] { askingOrder.map { fields[$0] } }

    private static let purposeSyntax = IdentifierSyntax.lettersAndDigits(plus: "._-", maximumLength: 64)

    private static func check(_ field: FieldDefinition) throws(ProfilingError) {
        func fail(_ part: String, _ message: String, _ code: ProfilingErrorCode = .invalidField) -> ProfilingError {
            ProfilingError(code, message, context: ErrorContext(field: part, item: field.key.rawValue))
        }
        let rules = field.rules
        guard !field.labelKey.isEmpty, field.labelKey.count <= maximumNameLength else {
            throw fail("labelKey", "A field needs a label key of 1–\(maximumNameLength) characters.")
        }
        if let purpose = field.purpose, !purposeSyntax.accepts(purpose) {
            throw fail("purpose", "A purpose must be a purpose ID: \(purposeSyntax).")
        }
        guard field.weight >= 0 else { throw fail("weight", "A weight cannot be negative.") }
        guard StoredInstant.milliseconds(field.declineCoolDown) >= 0 else {
            throw fail("declineCoolDown", "A decline cool-down cannot be negative.")
        }
        for moment in field.moments {
            switch moment {
            case .afterOrder(let n), .login(let n):
                guard n >= 1 else { throw fail("moments", "Order and login moments count from 1.") }
            default: break
            }
        }
        let isText = [FieldType.text, .email, .phone].contains(field.type)
        if rules.minimumLength != nil || rules.maximumLength != nil {
            guard isText else { throw fail("rules", "Length rules apply to text, e-mail and phone fields only.") }
            let minimum = rules.minimumLength ?? 0
            let maximum = rules.maximumLength ?? FieldRules.defaultMaximumLength
            guard minimum >= 0, maximum >= 1, minimum <= maximum else {
                throw fail("rules", "The length bounds must satisfy 0 ≤ minimum ≤ maximum, maximum ≥ 1.")
            }
        }
        if rules.minimum != nil || rules.maximum != nil || rules.wholeNumber {
            guard field.type == .number else { throw fail("rules", "Number rules apply to number fields only.") }
            let minimum = rules.minimum ?? -.greatestFiniteMagnitude
            let maximum = rules.maximum ?? .greatestFiniteMagnitude
            guard minimum.isFinite, maximum.isFinite, minimum <= maximum else {
                throw fail("rules", "The number bounds must be finite with minimum ≤ maximum.")
            }
        }
        let isChoice = field.type == .singleChoice || field.type == .multipleChoice
        if isChoice {
            guard !rules.choices.isEmpty else { throw fail("rules", "A choice field needs at least one choice.") }
            guard rules.choices.allSatisfy({ !$0.isEmpty }), Set(rules.choices).count == rules.choices.count else {
                throw fail("rules", "Choices must be non-empty and distinct.")
            }
        } else if !rules.choices.isEmpty || rules.maximumChoices != nil {
            throw fail("rules", "Choices apply to choice fields only.")
        }
        if let defaultChoice = rules.defaultChoice {
            guard field.type == .singleChoice else { throw fail("rules", "Only a single-choice field has a default choice.") }
            guard rules.choices.contains(defaultChoice) else {
                throw fail("rules", "The default choice is not one of the field's choices.", .invalidChoiceDefault)
            }
        }
        if let maximumChoices = rules.maximumChoices {
            guard field.type == .multipleChoice, maximumChoices >= 1 else {
                throw fail("rules", "A maximum number of choices applies to multiple-choice fields and is at least 1.")
            }
        }
        if rules.earliest != nil || rules.latest != nil || rules.minimumYearsBefore != nil {
            guard field.type == .date else { throw fail("rules", "Date rules apply to date fields only.") }
            guard rules.earliest?.isValid ?? true, rules.latest?.isValid ?? true else {
                throw fail("rules", "The date bounds must be days that exist.")
            }
            if let earliest = rules.earliest, let latest = rules.latest, latest < earliest {
                throw fail("rules", "The earliest date lies after the latest.")
            }
            guard (rules.minimumYearsBefore ?? 0) >= 0 else { throw fail("rules", "A minimum number of years cannot be negative.") }
        }
    }

    /// Depth-first search over the prerequisite graph; a back edge is a cycle, reported on
    /// the field where it was found.
    private static func checkCycles(_ fields: [FieldDefinition], _ positions: [FieldKey: Int]) throws(ProfilingError) {
        enum Mark { case unvisited, visiting, done }
        var marks = [Mark](repeating: .unvisited, count: fields.count)
        for start in fields.indices where marks[start] == .unvisited {
            // Iterative, so a long prerequisite chain cannot overflow the stack.
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            marks[start] = .visiting
            while let (node, next) = stack.last {
                let prerequisites = fields[node].prerequisites
                if next < prerequisites.count {
                    stack[stack.count - 1].next += 1
                    guard let target = positions[prerequisites[next].field] else { continue }
                    switch marks[target] {
                    case .visiting:
                        throw ProfilingError(
                            .prerequisiteCycle, "The field's prerequisites lead back to it; no order could ever ask it.",
                            context: ErrorContext(field: "prerequisites", item: fields[target].key.rawValue))
                    case .unvisited:
                        marks[target] = .visiting
                        stack.append((target, 0))
                    case .done: break
                    }
                } else {
                    marks[node] = .done
                    stack.removeLast()
                }
            }
        }
    }
}
