/// What a new password must satisfy: a length range and a rejection list. No composition
/// rules (no "one digit, one capital"), no truncation, per NIST SP 800-63B.
public struct PasswordPolicy: Sendable {
    /// The shortest accepted password, in Unicode scalars after NFKC: 8 by default
    /// (15 is recommended when the shop has no second factor). Never below 8.
    public let minimumLength: Int
    /// The longest accepted password: 1,024 scalars by default and at most (at least 64,
    /// and never below the minimum). The cap stops hashing abuse with megabyte-long
    /// "passwords". Raw input over ``Password/maximumInputByteCount`` (4,096 UTF-8 bytes,
    /// four per scalar of the highest cap) is refused before it is normalized, whatever this value.
    public let maximumLength: Int
    /// Passwords refused whatever their length.
    public let rejectionList: any PasswordRejectionList

    /// The smallest minimum the policy accepts.
    public static let lowestMinimumLength = 8
    /// The smallest maximum the policy accepts.
    public static let lowestMaximumLength = 64
    /// The cap's default and its highest value.
    public static let defaultMaximumLength = 1_024

    /// Creates a policy with the default lengths (8 to 1,024) and `rejectionList`.
    public init(rejectionList: any PasswordRejectionList = CommonPasswords()) {
        self.minimumLength = Self.lowestMinimumLength
        self.maximumLength = Self.defaultMaximumLength
        self.rejectionList = rejectionList
    }

    /// Creates a policy, checking the lengths against their documented ranges.
    ///
    /// - Throws: ``AccountErrorCode/invalidConfiguration`` with `context.field`
    ///   `minimumLength` (below 8 or above 1,024) or `maximumLength` (below 64, below the
    ///   minimum or above 1,024). Nothing is adjusted.
    public init(
        minimumLength: Int = PasswordPolicy.lowestMinimumLength,
        maximumLength: Int = PasswordPolicy.defaultMaximumLength,
        rejectionList: any PasswordRejectionList = CommonPasswords()
    ) throws(AccountError) {
        guard minimumLength >= Self.lowestMinimumLength, minimumLength <= Self.defaultMaximumLength else {
            throw AccountError.invalidConfiguration(
                "minimumLength", "The minimum password length must be between 8 and 1,024 characters.")
        }
        guard maximumLength >= max(Self.lowestMaximumLength, minimumLength), maximumLength <= Self.defaultMaximumLength
        else {
            throw AccountError.invalidConfiguration(
                "maximumLength", "The maximum password length must be between 64 (and the minimum) and 1,024 characters.")
        }
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.rejectionList = rejectionList
    }

    /// Checks a new password.
    ///
    /// - Throws: ``AccountErrorCode/passwordTooShort``, ``AccountErrorCode/passwordTooLong``
    ///   or ``AccountErrorCode/passwordTooCommon``; the field is `password`. A password
    ///   whose raw input exceeded ``Password/maximumInputByteCount`` is too long.
    /// - Complexity: O(length of the password), at most ``Password/maximumInputByteCount``.
    public func check(_ password: Password) throws(AccountError) {
        let context = ErrorContext(field: "password")
        if password.exceedsInputLimit {
            throw AccountError(.passwordTooLong, "Passwords are limited to \(maximumLength) characters.", context: context)
        }
        let length = password.length
        if length < minimumLength {
            throw AccountError(.passwordTooShort, "Choose a password of at least \(minimumLength) characters.", context: context)
        }
        if length > maximumLength {
            throw AccountError(.passwordTooLong, "Passwords are limited to \(maximumLength) characters.", context: context)
        }
        if rejectionList.rejects(password) {
            throw AccountError(
                .passwordTooCommon, "This password is too common; choose another (a few unrelated words work well).",
                context: context)
        }
    }
}
