import ClienteleProfiling
import Foundation
import Testing

/// Completeness (weighted, overall and per purpose) and catalog drift.
@Suite struct CompletenessTests {
    @Test func anEmptyProfileMissesEveryApplicableField() throws {
        let completeness = Completeness.measure(Fixture.profile(), catalog: try Fixture.catalog(), holding: [])
        // Ungated fields whose prerequisites hold: email, first-name (weight 2), last-name,
        // phone, has-pets, household-size, delivery-address, customer-tier (weight 0).
        #expect(completeness.overall.totalWeight == 8)
        #expect(completeness.overall.knownWeight == 0)
        #expect(
            completeness.overall.missing
                == ["email", "first-name", "last-name", "delivery-address", "phone", "has-pets", "household-size"])
        #expect(completeness.overall.percent == 0)
        #expect(completeness.byPurpose["personalisation"]?.totalWeight == 2)
        #expect(completeness.byPurpose["health"]?.missing == ["health-notes"])
    }

    @Test func knownFieldsCountByWeightAndFollowUpsJoinWhenTheyApply() throws {
        let catalog = try Fixture.catalog()
        let profile = Fixture.profile(["email": .text("a@b.nl"), "first-name": .text("Ann"), "has-pets": .boolean(true)])
        let completeness = Completeness.measure(profile, catalog: catalog, holding: [])
        #expect(completeness.overall.knownWeight == 4)
        #expect(completeness.overall.totalWeight == 9)
        #expect(completeness.overall.missing.contains("pet-kind"))
        #expect(completeness.overall.fraction == 4.0 / 9.0)
        #expect(completeness.overall.percent == 44)
    }

    @Test func heldConsentBringsItsFieldsIntoTheOverallScore() throws {
        let catalog = try Fixture.catalog()
        let profile = Fixture.profile(["birth-date": .date(CalendarDate(year: 1990, month: 5, day: 17))])
        let without = Completeness.measure(profile, catalog: catalog, holding: [])
        let with = Completeness.measure(profile, catalog: catalog, holding: ["personalisation"])
        #expect(without.overall.totalWeight == 8)
        #expect(with.overall.totalWeight == 10)
        #expect(with.overall.knownWeight == 1)
        #expect(with.byPurpose["personalisation"] == without.byPurpose["personalisation"])
        #expect(with.byPurpose["personalisation"]?.missing == ["interests"])
        #expect(with.byPurpose["personalisation"]?.percent == 50)
    }

    @Test func aFullPurposeIsAHundredPercentAndNothingApplicableIsComplete() throws {
        let catalog = try Fixture.catalog()
        let profile = Fixture.profile(["health-notes": .text("none")])
        #expect(Completeness.measure(profile, catalog: catalog, holding: []).byPurpose["health"]?.percent == 100)
        let empty = Completeness.measure(profile, catalog: FieldCatalog(), holding: [])
        #expect(empty.overall.fraction == 1)
        #expect(empty.byPurpose.isEmpty)
    }

    @Test func aValueOfAChangedTypeCountsAsMissingAndIsReportedAsAnOrphan() throws {
        let catalog = try Fixture.catalog()
        let profile = Fixture.profile(["first-name": .number(7), "shoe-size": .number(42), "email": .text("a@b.nl")])
        let completeness = Completeness.measure(profile, catalog: catalog, holding: [])
        #expect(completeness.overall.knownWeight == 1)
        #expect(completeness.overall.missing.contains("first-name"))
        let orphans = CatalogDrift.orphans(in: profile, catalog: catalog)
        #expect(orphans.map(\.field) == ["first-name", "shoe-size"])
        #expect(orphans.map(\.reason) == [.typeChanged(.text), .fieldRemoved])
        // Orphans stay readable.
        #expect(profile.value(for: "shoe-size") == .number(42))
        #expect(CatalogDrift.orphans(in: Fixture.profile(["email": .text("a@b.nl")]), catalog: catalog).isEmpty)
    }
}
