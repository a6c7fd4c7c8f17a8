public import Foundation

/// Failures raised by ``ClienteleAccounts``.
public typealias AccountError = ClienteleError<AccountErrorCode>

/// The failure codes of ``ClienteleAccounts``.
public struct AccountErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// The text given as an e-mail address is not a deliverable mailbox address.
    public static let invalidEmail = Self(rawValue: "accounts.invalidEmail")
    /// An account with this e-mail address (compared by its uniqueness key) already exists.
    public static let emailTaken = Self(rawValue: "accounts.emailTaken")
    /// No customer with this identifier exists.
    public static let customerNotFound = Self(rawValue: "accounts.customerNotFound")
    /// A customer with this identifier already exists.
    public static let duplicateCustomer = Self(rawValue: "accounts.duplicateCustomer")
    /// The record changed since it was read (optimistic concurrency); read it again and retry.
    public static let conflict = Self(rawValue: "accounts.conflict")
    /// Login failed. Deliberately the same for an unknown address, a wrong password and an
    /// account that may not log in, so that the answer reveals nothing.
    public static let invalidCredentials = Self(rawValue: "accounts.invalidCredentials")
    /// Too many failed logins for this address; ``ClienteleError/retryAfter`` says when to try again.
    public static let loginThrottled = Self(rawValue: "accounts.loginThrottled")
    /// The password is shorter than the policy's minimum.
    public static let passwordTooShort = Self(rawValue: "accounts.passwordTooShort")
    /// The password is longer than the policy's cap (1,024 characters by default).
    public static let passwordTooLong = Self(rawValue: "accounts.passwordTooLong")
    /// The password is on the rejection list (a common or breached password).
    public static let passwordTooCommon = Self(rawValue: "accounts.passwordTooCommon")
    /// The current password given to confirm a change is wrong.
    public static let wrongPassword = Self(rawValue: "accounts.wrongPassword")
    /// A stored password hash is not a well-formed PHC string this hasher understands.
    public static let malformedPasswordHash = Self(rawValue: "accounts.malformedPasswordHash")
    /// A stored password hash is a well-formed PHC string, but one of its parameters lies
    /// outside the bounds the hasher verifies (for ``PBKDF2PasswordHasher``: the iteration
    /// count, salt length, output length or the string's length; see
    /// ``PBKDF2PasswordHasher/iterationBounds``). The hash is refused before any work is
    /// done, so a doctored store cannot make one login run for seconds. The message and
    /// ``ErrorContext/field`` (such as `passwordHash.iterations`) name the parameter, never
    /// the hash.
    public static let passwordHashOutOfBounds = Self(rawValue: "accounts.passwordHashOutOfBounds")
    /// A one-time or session token is unknown, expired, already used, meant for another
    /// purpose or for another customer. Deliberately one code for all of these.
    public static let invalidToken = Self(rawValue: "accounts.invalidToken")
    /// The requested status change is not allowed from the account's current status.
    public static let forbiddenTransition = Self(rawValue: "accounts.forbiddenTransition")
    /// The shop's activation policy does not allow customers to create accounts themselves.
    public static let selfRegistrationClosed = Self(rawValue: "accounts.selfRegistrationClosed")
    /// A requirement of the shop (such as a KvK number) was not given.
    public static let requirementMissing = Self(rawValue: "accounts.requirementMissing")
    /// A requirement of the shop was given but is not valid.
    public static let requirementInvalid = Self(rawValue: "accounts.requirementInvalid")
    /// The operation needs a guest (a customer without credentials), but the customer has an account.
    public static let notAGuest = Self(rawValue: "accounts.notAGuest")
    /// The operation needs an account, but the customer is a guest.
    public static let notAnAccount = Self(rawValue: "accounts.notAnAccount")
    /// An address is incomplete or a field is too long.
    public static let invalidAddress = Self(rawValue: "accounts.invalidAddress")
    /// No address with this identifier belongs to the customer.
    public static let addressNotFound = Self(rawValue: "accounts.addressNotFound")
    /// A customer-group name is empty, too long or uses characters outside `[a-z0-9_-]`.
    /// No longer thrown: `CustomerGroup` lives in ClienteleCore and throws
    /// `CoreErrorCode.invalidCustomerGroup`.
    @available(*, deprecated, renamed: "CoreErrorCode.invalidCustomerGroup")
    public static let invalidGroup = Self(rawValue: "accounts.invalidGroup")
    /// An order reference is invalid (empty id, bad status name, negative page size).
    public static let invalidOrder = Self(rawValue: "accounts.invalidOrder")
    /// A rejection (or another status change that needs one) was given without a reason.
    public static let reasonRequired = Self(rawValue: "accounts.reasonRequired")
    /// A configuration value is out of its allowed range; `context.field` names it.
    public static let invalidConfiguration = Self(rawValue: "accounts.invalidConfiguration")
    /// A store was asked for a page of fewer than one item (`context.field` is `limit`).
    public static let invalidPageSize = Self(rawValue: "accounts.invalidPageSize")
}

/// Carried as ``ClienteleError/underlying`` of a ``AccountErrorCode/loginThrottled`` error:
/// the instant from which a new login attempt will be considered.
public struct LoginRetryAfter: Error, Sendable, Hashable {
    /// The earliest instant at which a new attempt is considered.
    public var instant: Date

    /// Creates the value.
    public init(instant: Date) { self.instant = instant }
}

extension ClienteleError where Code == AccountErrorCode {
    /// For ``AccountErrorCode/loginThrottled``: when the host may let the customer try again.
    /// `nil` for every other error.
    public var retryAfter: Date? {
        (underlying as? LoginRetryAfter)?.instant
    }
}
