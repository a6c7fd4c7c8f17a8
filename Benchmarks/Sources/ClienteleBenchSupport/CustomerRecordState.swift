import ClienteleCore

/// The journaled state the storage benchmarks commit to: customer id → record.
///
/// Small on purpose: it measures the storage engine, not a module's rules.
public struct CustomerRecordState: JournaledState {
    /// One change: insert or replace customer records.
    public enum Change: Sendable, Codable {
        /// Insert or replace one record.
        case upsert(CustomerRecord)
        /// Insert or replace many records at once (a bulk load).
        case upsertMany([CustomerRecord])
    }

    /// Every stored record by customer id.
    public private(set) var records: [String: CustomerRecord] = [:]

    /// An empty state.
    public init() {}

    /// Inserts or replaces the records.
    public mutating func apply(_ change: Change) {
        switch change {
        case .upsert(let record):
            records[record.id] = record
        case .upsertMany(let batch):
            for record in batch { records[record.id] = record }
        }
    }
}
