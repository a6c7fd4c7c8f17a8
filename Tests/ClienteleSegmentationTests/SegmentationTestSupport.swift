import ClienteleSegmentation
import ClienteleSegmentationTesting
import Foundation
import Testing

/// "Now" of the peers' dataset: 2026-11-01T00:00:00Z.
let peersNow = Date(timeIntervalSince1970: 1_793_491_200)

/// The schema the tests parse with: EUR, a few typed profile fields.
func testSchema() throws -> SegmentSchema {
    try SegmentSchema(
        currency: .eur,
        profileFields: [
            "shoe_size": .number, "favourite_colour": .text, "interests": .list, "vegetarian": .boolean,
            "wedding_day": .date,
        ])
}

/// A customer with nothing known but an id and a creation instant.
func blankFacts(_ id: String = "C1", createdAt: Date = peersNow) throws -> CustomerFacts {
    CustomerFacts(customer: try CustomerID(validating: id), createdAt: createdAt)
}

/// A UTC day from its parts, for tests.
func day(_ year: Int, _ month: Int, _ day: Int) throws -> UTCDay {
    try UTCDay(year: year, month: month, day: day)
}

/// The instant `seconds` after the start of a UTC day.
func instant(_ day: UTCDay, plus seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 + seconds)
}

/// Evaluates query text on facts at an instant.
func evaluate(_ text: String, _ facts: CustomerFacts, at date: Date = peersNow) throws -> TruthValue {
    try SegmentEvaluator(text, schema: try testSchema()).evaluate(facts, at: date)
}

/// The seeded generator (SplitMix64) of the segmentation test kit.
typealias SeededGenerator = SegmentFixtures.SeededGenerator
