import ClienteleCore

/// Consent's former name for Core's ``StoredInstant`` (same functions, same milliseconds,
/// so hashes are unchanged); kept while `ConsentRecord.swift` still spells it so.
typealias Instant = StoredInstant
