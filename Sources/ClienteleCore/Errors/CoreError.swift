/// Failures raised by ``ClienteleCore``: parsing values, money arithmetic, storage.
public typealias CoreError = ClienteleError<CoreErrorCode>

/// The failure codes of ``ClienteleCore``. Each area adds its codes in an extension
/// beside its code (`CoreErrorCode+Email.swift`, `CoreErrorCode+Crypto.swift`, ...).
public struct CoreErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// A customer identifier is empty, too long or uses characters outside `[A-Za-z0-9_-]`.
    public static let invalidCustomerID = Self(rawValue: "core.invalidCustomerID")

    /// A customer group name is empty, longer than 64 characters or uses characters outside
    /// `[a-z0-9_-]`.
    public static let invalidCustomerGroup = Self(rawValue: "core.invalidCustomerGroup")
}
