/// The error of a customer import (``CustomerHub/importCustomers(from:options:progress:)``).
public typealias ImportError = ClienteleError<ImportErrorCode>

/// Why an import, or one row of it, failed.
///
/// A row's error carries the line number in ``ErrorContext/position`` (the header is line
/// 1), the column in ``ErrorContext/field``, the file in ``ErrorContext/file`` and the
/// row's customer id in ``ErrorContext/item`` when it has a valid one. Messages never
/// contain the e-mail address or any other value of the row.
public struct ImportErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// The header line is missing, or lacks a required column.
    public static let invalidHeader = Self(rawValue: "import.invalidHeader")
    /// A row does not have the header's number of fields, or has a quote left open.
    public static let malformedRow = Self(rawValue: "import.malformedRow")
    /// A field of a row is not valid (the context names the column).
    public static let invalidField = Self(rawValue: "import.invalidField")
    /// The row's customer id is already used by a customer with another e-mail address
    /// (in the store or earlier in the file).
    public static let conflictingCustomer = Self(rawValue: "import.conflictingCustomer")
    /// The row's e-mail address is on the suppression list (its person was erased, or asked
    /// never to be contacted): a new customer under it is not imported, so an old system's
    /// export cannot bring an erased person back.
    public static let suppressedAddress = Self(rawValue: "import.suppressedAddress")
    /// A store refused the row's records (another writer changed the customer meanwhile);
    /// what it wrote before is kept, and running the import again completes it.
    public static let rowRefused = Self(rawValue: "import.rowRefused")
    /// A store failed (a write or sync, a closed store): the import stopped. Every row
    /// before it is imported; running the import again completes the rest.
    public static let storeFailed = Self(rawValue: "import.storeFailed")
    /// The file could not be opened or read.
    public static let unreadableFile = Self(rawValue: "import.unreadableFile")
    /// An option is out of its documented range, or the newsletter purpose cannot be recorded.
    public static let invalidOptions = Self(rawValue: "import.invalidOptions")
}
