/// Measures how complete a profile is, overall and per consent purpose, weighted by each
/// field's ``FieldDefinition/weight``: a pure, synchronous rule.
///
/// A field counts when it applies: its prerequisites hold (a follow-up question on pets
/// does not count for a customer without pets). Overall counts the fields without a
/// purpose and those whose purpose the customer holds (fields of other purposes are not
/// kept, so they cannot be missing); per purpose counts that purpose's fields whether the
/// consent is held or not. A stored value that no longer fits its field's type (see
/// ``CatalogDrift``) counts as missing.
public enum Completeness {
    /// The profile's completeness.
    ///
    /// - Parameters:
    ///   - profile: The customer's profile.
    ///   - catalog: The field catalog.
    ///   - purposes: The consent purposes the customer holds.
    /// - Complexity: O(f log v) for f catalog fields and v known values.
    public static func measure(_ profile: CustomerProfile, catalog: FieldCatalog, holding purposes: Set<String>) -> ProfileCompleteness {
        var overall = Tally()
        var byPurpose: [String: Tally] = [:]
        for field in catalog.fieldsInAskingOrder {
            guard field.prerequisites.allSatisfy({ $0.isMet(by: profile.value(for: $0.field)) }) else { continue }
            let known = profile.value(for: field.key)?.fits(field.type) ?? false
            if let purpose = field.purpose {
                byPurpose[purpose, default: Tally()].add(field, known: known)
                if purposes.contains(purpose) { overall.add(field, known: known) }
            } else {
                overall.add(field, known: known)
            }
        }
        for purpose in catalog.purposes where byPurpose[purpose] == nil { byPurpose[purpose] = Tally() }
        return ProfileCompleteness(overall: overall.score, byPurpose: byPurpose.mapValues(\.score))
    }

    private struct Tally {
        var known = 0
        var total = 0
        var missing: [FieldKey] = []

        mutating func add(_ field: FieldDefinition, known isKnown: Bool) {
            total += field.weight
            if isKnown { known += field.weight } else if field.weight > 0 { missing.append(field.key) }
        }

        var score: CompletenessScore { CompletenessScore(knownWeight: known, totalWeight: total, missing: missing) }
    }
}
