/// Passwords a shop refuses whatever their length: common, breached or shop-specific ones.
///
/// Plug in a larger list (or a breached-password service behind a local cache) by
/// conforming to this protocol; the built-in ``CommonPasswords`` is the default.
public protocol PasswordRejectionList: Sendable {
    /// True when `password` (NFKC-normalized) must be refused.
    func rejects(_ password: Password) -> Bool
}
