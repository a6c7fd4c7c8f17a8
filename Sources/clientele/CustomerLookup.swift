import Clientele

extension CustomerHub {
    /// The customer records under an e-mail address: the account first, then the guest
    /// checkouts, oldest first.
    ///
    /// - Throws: ``CommandFailure``: usage when `email` is not an address, failed when no
    ///   customer has it. Neither message repeats the address.
    func customers(email: String) async throws -> [CustomerID] {
        let address: EmailAddress
        do {
            address = try EmailAddress(parsing: email)
        } catch {
            throw CommandFailure.usage("the given e-mail address is not a valid address")
        }
        let found = try await customers(withEmail: address)
        guard !found.isEmpty else { throw CommandFailure.failed("no customer has the given e-mail address") }
        return found
    }
}
