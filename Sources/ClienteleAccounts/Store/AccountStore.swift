/// Where accounts live: the adapter seam a host implements with its own database. It is
/// three smaller seams, one per concern: ``AccountRecordStore`` (customers with their
/// credentials, sessions and tokens), ``OrderStore`` (order references) and
/// ``LoginThrottleStore`` (failed logins per ``LoginThrottleKey``).
///
/// Contract (checked by `AccountStoreConformance` in ClienteleTestKit):
/// - every call is atomic on its own;
/// - records carry a revision: ``AccountRecordStore/insert(_:)`` stores revision 1,
///   ``AccountRecordStore/update(_:expectedRevision:)`` succeeds only when the stored
///   revision equals the expected one and stores it + 1, otherwise it fails with
///   ``AccountErrorCode/conflict`` (throttle records likewise, 0 standing for none stored);
/// - at most one record per e-mail uniqueness key holds an account
///   (``AccountRecord/accountEmailKey``): an insert or update that would make a second one
///   fails with ``AccountErrorCode/emailTaken``, even when two run at the same time;
/// - lookups by session and token digest find the record that holds that digest;
/// - "my orders" come newest first (placement instant, then order id, both descending);
///   a page `limit` below 1 fails with ``AccountErrorCode/invalidPageSize``.
///
/// - ``erase(customer:)`` removes everything keyed by the customer, at once, and leaves
///   nothing any lookup can find (see its contract).
///
/// Errors are ``AccountError``s; a failed call changes nothing.
public protocol AccountStore: AccountRecordStore, OrderStore, LoginThrottleStore {
    /// Erases a customer, atomically: the record (so its sessions and tokens stop working),
    /// every order of the customer, and the failed-login records whose key is the record's
    /// e-mail address or the new address of one of its pending e-mail-change tokens.
    ///
    /// Afterwards no call finds any of it: not by id, e-mail key (as account or guest),
    /// session or token digest, in the customer's orders, or by login-throttle key. The
    /// erased customer's order ids are free, so a later ``recordOrder(_:)`` for another
    /// customer stores them afresh. Erasing an unknown or already erased customer
    /// succeeds and changes nothing, so an interrupted erasure can simply be repeated.
    ///
    /// A store that keeps history (a journal, a write-ahead log, row versions) must not
    /// keep the erased values readable there either; say in your adapter's documentation
    /// what a database's own backups and vacuuming keep (see Docs/StoreAdapters.md).
    func erase(customer: CustomerID) async throws
}
