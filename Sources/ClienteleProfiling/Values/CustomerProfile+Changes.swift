public import Foundation

// Changes to a profile, as pure value operations: the service decides, calls one of these
// on the profile it read, and hands the result to the store with the revision it read.

extension CustomerProfile {
    /// Sets `field` to `value`, records the change in the history (keeping the newest
    /// `historyLimit` entries) and clears a decline of the field.
    ///
    /// Setting the value the field already has only updates its provenance (a verification,
    /// a newer collection) and records no history.
    ///
    /// - Returns: True when the value changed.
    @discardableResult
    public mutating func set(_ value: ProfileValue, for field: FieldKey, provenance: Provenance, historyLimit: Int) -> Bool {
        let position = Self.insertionPoint(of: field, in: entries)
        let old: ProfileValue?
        if position < entries.count, entries[position].field == field {
            old = entries[position].value
            entries[position] = ProfileEntry(field: field, value: value, provenance: provenance)
        } else {
            old = nil
            entries.insert(ProfileEntry(field: field, value: value, provenance: provenance), at: position)
        }
        if let decline = Self.index(of: field, in: declines) { declines.remove(at: decline) }
        guard old != value else { return false }
        appendHistory(ProfileChange(field: field, oldValue: old, newValue: value, provenance: provenance), limit: historyLimit)
        return true
    }

    /// Removes the value of `field`, recording the removal in the history.
    ///
    /// - Returns: True when there was a value.
    @discardableResult
    public mutating func removeValue(for field: FieldKey, provenance: Provenance, historyLimit: Int) -> Bool {
        guard let position = Self.index(of: field, in: entries) else { return false }
        let old = entries.remove(at: position).value
        appendHistory(ProfileChange(field: field, oldValue: old, newValue: nil, provenance: provenance), limit: historyLimit)
        return true
    }

    /// Records that the customer declined `field` at `instant` (replacing an earlier decline).
    public mutating func decline(_ field: FieldKey, at instant: Date) {
        let position = Self.insertionPoint(of: field, in: declines)
        if position < declines.count, declines[position].field == field {
            declines[position].at = instant
        } else {
            declines.insert(FieldDecline(field: field, at: instant), at: position)
        }
    }

    /// Records a prompt at `instant` for the prompt cap, dropping prompts that no longer
    /// count: those a full `cap.period` or more before `instant`, and all but the newest
    /// `cap.maximumPrompts`. The log therefore never grows beyond the cap.
    public mutating func recordPrompt(at instant: Date, cap: PromptCap) {
        let position = prompts.firstIndex { $0 > instant } ?? prompts.count
        prompts.insert(instant, at: position)
        let periodMilliseconds = StoredInstant.milliseconds(cap.period)
        let now = StoredInstant.milliseconds(instant)
        prompts.removeAll { now - StoredInstant.milliseconds($0) >= periodMilliseconds }
        if prompts.count > cap.maximumPrompts { prompts.removeFirst(prompts.count - cap.maximumPrompts) }
    }

    /// Deletes every trace of `fields`: their values, their history entries and their
    /// declines (for a purpose whose consent ended, see ``FieldCatalog/fields(servingPurpose:)``).
    ///
    /// - Returns: True when anything was deleted.
    @discardableResult
    public mutating func purge(fields: some Sequence<FieldKey>) -> Bool {
        let doomed = Set(fields)
        let before = (entries.count, history.count, declines.count)
        entries.removeAll { doomed.contains($0.field) }
        history.removeAll { doomed.contains($0.field) }
        declines.removeAll { doomed.contains($0.field) }
        return before != (entries.count, history.count, declines.count)
    }

    /// Deletes history entries recorded before `instant` (a retention rule); values stay.
    ///
    /// - Returns: How many entries were deleted.
    @discardableResult
    public mutating func purgeHistory(before instant: Date) -> Int {
        let before = history.count
        history.removeAll { $0.provenance.at < instant }
        return before - history.count
    }

    private mutating func appendHistory(_ change: ProfileChange, limit: Int) {
        guard limit > 0 else {
            history.removeAll()
            return
        }
        history.append(change)
        if history.count > limit { history.removeFirst(history.count - limit) }
    }
}
