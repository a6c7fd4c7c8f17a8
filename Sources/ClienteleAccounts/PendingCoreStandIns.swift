// TEMPORARY: stand-ins with the contract signatures of ClienteleCore types that other helpers
// are still writing (Money). NOT secure, NOT for use. This file is
// deleted when `git merge main` brings the real ones.
import Foundation

/// Stand-in (deleted at merge).
public struct Currency: Sendable, Hashable, Codable {
    /// Stand-in.
    public var code: String
    /// Stand-in.
    public static let eur = Currency(code: "EUR")
}

/// Stand-in (deleted at merge).
public struct Money: Sendable, Hashable, Codable {
    /// Stand-in.
    public var minorUnits: Int64
    /// Stand-in.
    public var currency: Currency
    /// Stand-in.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }
}
