public import Foundation

/// What lets an account log in: the password hash, as a PHC string.
public struct Credentials: Sendable, Codable, Hashable {
    /// The PHC string of the password hash (`$pbkdf2-sha256$i=600000$…$…`); `nil` for an
    /// account the shop created that has not chosen a password yet.
    public var passwordHash: String?
    /// When the password last changed.
    public var changedAt: Date

    /// Creates credentials.
    public init(passwordHash: String?, changedAt: Date) {
        self.passwordHash = passwordHash
        self.changedAt = changedAt
    }
}
