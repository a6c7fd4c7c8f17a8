/// The codes of the crypto primitives.
extension CoreErrorCode {
    /// A text is not unpadded base64url: a character outside `[A-Za-z0-9_-]`, a length that
    /// leaves a single dangling character, or non-zero unused bits in the last character.
    /// ``ErrorContext/position`` names the offending character.
    public static let invalidBase64 = Self(rawValue: "core.invalidBase64")

    /// PBKDF2 was asked for fewer than one iteration, or for a key length below one byte or
    /// above the standard's maximum; ``ErrorContext/field`` names the parameter.
    public static let invalidKeyDerivationParameters = Self(rawValue: "core.invalidKeyDerivationParameters")
}
