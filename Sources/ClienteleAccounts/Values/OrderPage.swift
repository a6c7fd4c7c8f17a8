/// One page of a customer's orders, newest first.
public struct OrderPage: Sendable, Hashable {
    /// The orders on this page.
    public var orders: [OrderReference]
    /// Pass to ``AccountService/orders(of:after:limit:)`` for the next page; `nil` on the last page.
    public var next: OrderCursor?

    /// Creates a page.
    public init(orders: [OrderReference], next: OrderCursor?) {
        self.orders = orders
        self.next = next
    }
}
