/// Failures raised by ``ClienteleProfiling``.
public typealias ProfilingError = ClienteleError<ProfilingErrorCode>

/// The failure codes of ``ClienteleProfiling``.
public struct ProfilingErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// The configuration cannot work (a history limit below 0, a prompt cap below 1, a
    /// period that is not positive, fewer than one conflict attempt); the context names the field.
    public static let invalidConfiguration = Self(rawValue: "profiling.invalidConfiguration")
    /// Another writer got there first: the profile's revision moved on. Read again and retry.
    public static let conflict = Self(rawValue: "profiling.conflict")
    /// A page size (a listing's `limit`) is below 1 or above the documented maximum.
    public static let invalidPageSize = Self(rawValue: "profiling.invalidPageSize")
    /// The store holds no profile for the customer.
    public static let customerNotFound = Self(rawValue: "profiling.customerNotFound")
    /// A field key is empty, too long or uses characters outside `[a-z0-9._-]`.
    public static let invalidFieldKey = Self(rawValue: "profiling.invalidFieldKey")
    /// The field is not in the catalog (answers for unknown fields are refused, never dropped).
    public static let unknownField = Self(rawValue: "profiling.unknownField")
    /// An answer breaks its field's rules; ``AnswerValidation`` lists every failing field.
    public static let invalidAnswer = Self(rawValue: "profiling.invalidAnswer")
    /// The customer may not edit this field (the shop sets it).
    public static let fieldNotEditable = Self(rawValue: "profiling.fieldNotEditable")
    /// A field definition is inconsistent with itself (rules that do not fit its type, a
    /// negative weight or cool-down, a choice field without choices, an invalid purpose).
    public static let invalidField = Self(rawValue: "profiling.invalidField")
    /// Two fields of a catalog share a key.
    public static let duplicateField = Self(rawValue: "profiling.duplicateField")
    /// A field's prerequisite names a field the catalog does not have.
    public static let unknownPrerequisite = Self(rawValue: "profiling.unknownPrerequisite")
    /// A field's prerequisites lead back to the field itself.
    public static let prerequisiteCycle = Self(rawValue: "profiling.prerequisiteCycle")
    /// A choice field's default is not one of its choices.
    public static let invalidChoiceDefault = Self(rawValue: "profiling.invalidChoiceDefault")
}
