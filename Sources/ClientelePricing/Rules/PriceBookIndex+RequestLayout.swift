import Foundation

extension PriceBookIndex {
    /// Where a `PriceRequest` keeps what ``begin(_:)`` reads in place, as byte offsets:
    /// its product id, its customer id, and the references to its category array and
    /// group set (those two only to prefetch them).
    struct RequestLayout: Sendable {
        var product: Int
        var customer: Int
        var categories: Int
        var groups: Int

        /// This platform's layout, confirmed on a sample request: nil when it cannot be
        /// (another string layout, offsets the compiler does not report), and then every
        /// request takes the general path, with the same results.
        static let current: RequestLayout? = {
            guard IdentifierKey.inlineFormIsReadable,
                let product = MemoryLayout<PriceRequest>.offset(of: \PriceRequest.item.product.rawValue),
                let customer = MemoryLayout<PriceRequest>.offset(of: \PriceRequest.customer.customer),
                let categories = MemoryLayout<PriceRequest>.offset(of: \PriceRequest.item.categories),
                let groups = MemoryLayout<PriceRequest>.offset(of: \PriceRequest.customer.groups),
                let productID = ProductID(rawValue: "P-1024"), let customerID = CustomerID(rawValue: "C-0755873")
            else { return nil }
            let layout = RequestLayout(product: product, customer: customer, categories: categories, groups: groups)
            let sample = PriceRequest(
                product: productID, basePrice: Money(minorUnits: 100, currency: .eur),
                customer: CustomerContext(customer: customerID), instant: Date(timeIntervalSinceReferenceDate: 0))
            let confirmed = withUnsafePointer(to: sample) { request in
                let raw = UnsafeRawPointer(request)
                return IdentifierKey(inlineStringAt: raw + layout.product) == IdentifierKey.of(productID.rawValue)
                    && IdentifierKey(inlineStringAt: raw + layout.customer) == IdentifierKey.of(customerID.rawValue)
            }
            return confirmed ? layout : nil
        }()
    }
}
