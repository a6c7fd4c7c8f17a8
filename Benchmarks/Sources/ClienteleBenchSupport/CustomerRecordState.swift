import ClienteleCore

/// The journaled state the storage benchmarks commit to: customer id → record.
///
/// Small on purpose: it measures the storage engine, not a module's rules.
public struct CustomerRecordState: JournaledState {
    /// One change: insert or replace a customer's record.
    public enum Change: Sendable, Codable {
        case upsert(CustomerRecord)
    }

    /// Every stored record by customer id.
    public private(set) var records: [String: CustomerRecord] = [:]

    /// An empty state.
    public init() {}

    /// Inserts or replaces the record.
    public mutating func apply(_ change: Change) {
        switch change {
        case .upsert(let record):
            records[record.id] = record
        }
    }
}
