/// Failures raised by ``ClienteleConsent``.
public typealias ConsentError = ClienteleError<ConsentErrorCode>

/// The failure codes of ``ClienteleConsent``.
public struct ConsentErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// A purpose identifier is empty, too long or uses characters outside `[A-Za-z0-9._-]`.
    public static let invalidPurposeID = Self(rawValue: "consent.invalidPurposeID")
    /// A purpose catalog is inconsistent (duplicate or non-ascending versions, no channels).
    public static let invalidPurpose = Self(rawValue: "consent.invalidPurpose")
    /// The purpose (or the purpose version) is not in the service's catalog.
    public static let unknownPurpose = Self(rawValue: "consent.unknownPurpose")
    /// The channel is not one the purpose covers.
    public static let channelNotCovered = Self(rawValue: "consent.channelNotCovered")
    /// The request is not valid for this purpose (consent for a contract purpose,
    /// soft opt-in for a purpose that does not allow it, an empty field).
    public static let invalidRequest = Self(rawValue: "consent.invalidRequest")
    /// Another writer got there first: the ledger or send log moved on. Read again and retry.
    public static let conflict = Self(rawValue: "consent.conflict")
    /// A record handed to a store is not properly sealed: its hash does not match its
    /// content. (A wrong link to the previous record is a ``conflict``.)
    public static let invalidRecord = Self(rawValue: "consent.invalidRecord")
    /// A token is not in the token format at all.
    public static let malformedToken = Self(rawValue: "consent.malformedToken")
    /// A token's signature does not match its content: it was altered or forged.
    public static let tamperedToken = Self(rawValue: "consent.tamperedToken")
    /// A token's validity has ended.
    public static let expiredToken = Self(rawValue: "consent.expiredToken")
    /// A token names a signing key the service no longer (or never) had.
    public static let unknownTokenKey = Self(rawValue: "consent.unknownTokenKey")
    /// A double opt-in confirmation refers to consent that is no longer pending.
    public static let notPending = Self(rawValue: "consent.notPending")
    /// Only an allowed decision can be recorded as a send.
    public static let decisionDenied = Self(rawValue: "consent.decisionDenied")
    /// The send asked for is not in the customer's send log.
    public static let unknownSend = Self(rawValue: "consent.unknownSend")
    /// The service configuration cannot work (no signing key, an empty salt, a bad cap).
    public static let invalidConfiguration = Self(rawValue: "consent.invalidConfiguration")
    /// A page size (a listing's `limit`) is below 1.
    public static let invalidPageSize = Self(rawValue: "consent.invalidPageSize")
}
