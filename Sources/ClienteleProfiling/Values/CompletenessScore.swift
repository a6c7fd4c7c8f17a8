/// How complete a set of fields is: the weight of the known fields over the weight of all
/// that apply, and which are missing.
public struct CompletenessScore: Sendable, Hashable {
    /// The summed weight of the fields with a value.
    public let knownWeight: Int
    /// The summed weight of the fields that apply.
    public let totalWeight: Int
    /// The fields that apply and have no value, in asking order.
    public let missing: [FieldKey]

    /// Creates a score.
    public init(knownWeight: Int, totalWeight: Int, missing: [FieldKey]) {
        self.knownWeight = knownWeight
        self.totalWeight = totalWeight
        self.missing = missing
    }

    /// The known share, 0–1; 1 when nothing applies (nothing is missing).
    public var fraction: Double {
        totalWeight == 0 ? 1 : Double(knownWeight) / Double(totalWeight)
    }

    /// The known share in whole percent, rounded down (so 100 only when nothing weighted is missing).
    public var percent: Int {
        totalWeight == 0 ? 100 : knownWeight * 100 / totalWeight
    }
}

/// A profile's completeness: overall and per consent purpose.
public struct ProfileCompleteness: Sendable, Hashable {
    /// Over the fields without a purpose and those whose purpose the customer holds.
    public let overall: CompletenessScore
    /// Per purpose some field serves: over that purpose's fields, whether the consent is held or not.
    public let byPurpose: [String: CompletenessScore]

    /// Creates a completeness.
    public init(overall: CompletenessScore, byPurpose: [String: CompletenessScore]) {
        self.overall = overall
        self.byPurpose = byPurpose
    }
}
