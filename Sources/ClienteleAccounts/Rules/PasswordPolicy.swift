/// What a new password must satisfy: a length range and a rejection list. No composition
/// rules (no "one digit, one capital"), no truncation, per NIST SP 800-63B.
public struct PasswordPolicy: Sendable {
    /// The shortest accepted password, in Unicode scalars after NFKC: 8 by default
    /// (15 is recommended when the shop has no second factor). Never below 8.
    public var minimumLength: Int
    /// The longest accepted password: 1,024 scalars (at least 64 are always accepted).
    /// The cap stops hashing abuse with megabyte-long "passwords". Raw input over
    /// ``Password/maximumInputByteCount`` (4,096 UTF-8 bytes, four per scalar of the
    /// highest cap) is refused before it is normalized, whatever this value.
    public var maximumLength: Int
    /// Passwords refused whatever their length.
    public var rejectionList: any PasswordRejectionList

    /// The smallest minimum the policy accepts.
    public static let lowestMinimumLength = 8
    /// The cap's default and its highest value.
    public static let defaultMaximumLength = 1_024

    /// Creates a policy. Values out of range are brought into range: the minimum to at
    /// least 8, the maximum to 64…1,024 and never below the minimum.
    public init(
        minimumLength: Int = 8,
        maximumLength: Int = PasswordPolicy.defaultMaximumLength,
        rejectionList: any PasswordRejectionList = CommonPasswords()
    ) {
        let minimum = min(max(minimumLength, Self.lowestMinimumLength), Self.defaultMaximumLength)
        self.minimumLength = minimum
        self.maximumLength = max(min(maximumLength, Self.defaultMaximumLength), 64, minimum)
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
