/// A module's stored state, as a value that changes only by applying ``Change``s.
///
/// This is the whole contract between a module and the storage engine: the module says
/// how a change applies; ``StateStore`` keeps the state in memory (the in-memory
/// reference store) or also journals every change durably (the file-backed one), so
/// the two cannot behave differently.
///
/// `apply` must be deterministic (no clock reads, no randomness: put instants and
/// identifiers in the change) and all-or-nothing: it either succeeds or throws and
/// leaves `self` exactly as it was. Validate first, mutate last.
public protocol JournaledState: Sendable, Codable {
    /// One atomic mutation of the state, such as "register this account".
    associatedtype Change: Sendable, Codable

    /// The empty state of a new store.
    init()

    /// Applies `change`, or throws (the module's own error) and changes nothing.
    mutating func apply(_ change: Change) throws
}
