import ClientelePricing
import ClienteleTestKit
import Foundation

typealias F = PricingFixtures

/// "Now" in every test: 2026-11-01T00:00:00Z.
let now = Date(timeIntervalSince1970: 1_793_491_200)
let day: TimeInterval = 86_400

func request(
    _ item: CatalogItem, quantity: Int = 1, customer: CustomerContext = .anonymous, at instant: Date = now
) -> PriceRequest {
    PriceRequest(item: item, quantity: quantity, customer: customer, instant: instant)
}

func eur(_ text: String) throws -> Money { try F.money(text) }

extension PriceBook {
    /// Resolves and checks that the explanation agrees, so every rule test also tests `explain`.
    func price(_ request: PriceRequest) throws -> PriceResolution {
        let resolution = try resolve(request)
        let explained = try explain(request).resolution
        guard explained == resolution else {
            throw AgreementFailure(resolved: resolution, explained: explained)
        }
        return resolution
    }
}

struct AgreementFailure: Error, CustomStringConvertible {
    var resolved: PriceResolution
    var explained: PriceResolution
    var description: String { "resolve gave \(resolved), explain gave \(explained)" }
}
