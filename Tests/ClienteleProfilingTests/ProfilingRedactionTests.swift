import ClienteleProfiling
import Foundation
import Testing

/// Profile values are personal data: descriptions, debug descriptions and dumps never show them.
@Suite struct ProfilingRedactionTests {
    static let secret = "Zwanenburgwal 99"

    @Test func aProfileNeverShowsItsValues() {
        var profile = CustomerProfile(customer: Fixture.alice)
        profile.set(.text(Self.secret), for: "first-name", provenance: Fixture.provenance, historyLimit: 10)
        profile.set(
            .address(PostalAddress(line1: Self.secret, postalCode: "1011 AB", city: "Amsterdam", country: "NL")), for: "delivery-address",
            provenance: Fixture.provenance, historyLimit: 10)
        profile.set(.choices([Self.secret]), for: "interests", provenance: Fixture.provenance, historyLimit: 10)
        var dumped = ""
        dump(profile, to: &dumped)
        for text in [String(describing: profile), String(reflecting: profile), dumped] {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains("1011 AB"))
        }
        #expect(String(describing: ProfileValue.text(Self.secret)) == "ProfileValue.text(<redacted>)")
        #expect(String(describing: profile).contains("first-name"))
    }
}
