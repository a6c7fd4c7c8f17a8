public import Foundation

/// Where accounts live: the adapter seam a host implements with its own database.
///
/// Contract (checked by `AccountStoreConformance` in ClienteleTestKit):
/// - every call is atomic on its own;
/// - records carry a revision: ``insert(_:)`` stores revision 1, ``update(_:expectedRevision:)``
///   succeeds only when the stored revision equals the expected one and stores it + 1,
///   otherwise it fails with ``AccountErrorCode/conflict``;
/// - at most one record per e-mail uniqueness key holds an account
///   (``AccountRecord/accountEmailKey``): an insert or update that would make a second one
///   fails with ``AccountErrorCode/emailTaken``, even when two run at the same time;
/// - lookups by session and token digest find the record that holds that digest;
/// - "my orders" come newest first (placement instant, then order id, both descending);
///   a page `limit` below 1 fails with ``AccountErrorCode/invalidPageSize``;
///
/// Errors are ``AccountError``s; a failed call changes nothing.
public protocol AccountStore: Sendable {
    /// Stores a new record with revision 1 and returns it as stored.
    ///
    /// - Throws: ``AccountErrorCode/duplicateCustomer`` or ``AccountErrorCode/emailTaken``.
    func insert(_ record: AccountRecord) async throws -> AccountRecord

    /// Replaces a record if its stored revision is `expectedRevision`; returns it as stored
    /// (revision `expectedRevision + 1`).
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound``, ``AccountErrorCode/conflict`` or
    ///   ``AccountErrorCode/emailTaken``.
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord

    /// The record of a customer, or `nil`.
    func record(_ id: CustomerID) async throws -> AccountRecord?

    /// The record holding the account for an e-mail uniqueness key, or `nil`.
    func account(emailKey: String) async throws -> AccountRecord?

    /// The guest records with an e-mail uniqueness key, oldest first.
    func guests(emailKey: String) async throws -> [AccountRecord]

    /// The record holding a session with this digest, or `nil`.
    func record(sessionDigest: Digest256) async throws -> AccountRecord?

    /// The record holding a one-time token with this digest, or `nil`.
    func record(tokenDigest: Digest256) async throws -> AccountRecord?

    /// Records an order or replaces the order with the same id (the host is the source of
    /// truth for orders; the latest report wins).
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when the order's customer does not exist.
    func recordOrder(_ order: OrderReference) async throws

    /// Up to `limit` orders of a customer, newest first, after `cursor` when given.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` (field `limit`) when `limit` is below 1.
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference]

    /// Moves every order of `guests` to `customer`, atomically.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when `customer` does not exist.
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws

    /// The failed-login record of a login name, or `nil`.
    func loginThrottle(key: String) async throws -> LoginThrottleRecord?

    /// Saves a failed-login record if its stored revision is `expectedRevision` (0: none
    /// stored yet); returns it as stored.
    ///
    /// - Throws: ``AccountErrorCode/conflict``.
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord

    /// Forgets the failed logins of a login name.
    func removeLoginThrottle(key: String) async throws

    /// Forgets every failed-login record whose latest failure is before `instant`.
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws
}
