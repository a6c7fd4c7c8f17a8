import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ConsentFixturesTests {
    @Test func aFixtureLedgerIsAGapFreeValidChain() {
        let customer = ConsentFixtures.customerID("fixture-alice")
        let ledger = ConsentFixtures.ledger(of: customer, count: 6)
        #expect(ledger.map(\.sequence) == Array(0..<6))
        #expect(LedgerChain.verify(ledger, of: customer).isIntact)
    }

    @Test func fixturesAreTheSameEveryTime() {
        #expect(ConsentFixtures.entry(300) == ConsentFixtures.entry(300))
        #expect(ConsentFixtures.entry(300).id != ConsentFixtures.entry(301).id)
        #expect(ConsentFixtures.entry(2).at == ConsentFixtures.start.addingTimeInterval(2))
        #expect(ConsentFixtures.digest(7).hex == String(repeating: "07", count: 32))
        let customer = ConsentFixtures.customerID("fixture-bob")
        #expect(ConsentFixtures.send(for: customer, sequence: 3, minutes: 10) == ConsentFixtures.send(for: customer, sequence: 3, minutes: 10))
    }
}
