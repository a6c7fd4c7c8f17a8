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
/// Errors are ``AccountError``s; a failed call changes nothing.
public protocol AccountStore: AccountRecordStore, OrderStore, LoginThrottleStore {}
