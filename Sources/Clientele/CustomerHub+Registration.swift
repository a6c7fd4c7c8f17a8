import Foundation

/// Registration step 1 as a shop's form submits it: the login, and the consents ticked on
/// the form, with the request's identity so that a retry finishes the same registration.
public struct RegistrationRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The identity of this submission: a random UUID the shop makes when it renders the
    /// form (a hidden field) and sends again on a retry. The customer id is derived from it.
    public var requestID: UUID
    /// The login name.
    public var email: String
    /// The chosen password.
    public var password: String
    /// Values for the shop's requirement validators.
    public var requirements: [String: String]
    /// The purposes the customer ticked (a newsletter box), given on the e-mail channel.
    public var consents: [PurposeID]
    /// Where and how the consents were collected: the evidence.
    public var context: CollectionContext

    /// A request.
    public init(
        requestID: UUID, email: String, password: String, requirements: [String: String] = [:], consents: [PurposeID] = [],
        context: CollectionContext
    ) {
        self.requestID = requestID
        self.email = email
        self.password = password
        self.requirements = requirements
        self.consents = consents
        self.context = context
    }

    /// The request id and the consents; never the address or the password.
    public var description: String {
        "RegistrationRequest(\(requestID), consents: \(consents.map(\.rawValue)))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The request id and consents; the address and the password show as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "requestID": requestID, "email": Redacted.text, "password": Redacted.text, "consents": consents.map(\.rawValue),
        ])
    }

    /// The customer id a request registers: `r-` and the request id in lower case.
    public var customerID: CustomerID {
        CustomerID(rawValue: "r-" + requestID.uuidString.lowercased()) ?? CustomerID(using: .incrementing(from: 1))
    }
}

/// What a registration did.
public struct RegistrationOutcome: Sendable {
    /// The account.
    public var customer: Customer
    /// The token to mail for e-mail verification, when the activation policy asks for it
    /// and the address is not verified yet (a fresh one on a resumed registration).
    public var verificationToken: OneTimeToken?
    /// The consents given now (a pending one carries the token of its confirmation mail);
    /// a consent already granted by an earlier attempt is not given again.
    public var consents: [GivenConsent]
    /// Whether an earlier attempt of the same request had created the account.
    public var resumed: Bool
}

extension CustomerHub {
    /// Registration step 1: the account, then the consents ticked on the form, then the
    /// customer's segment facts. Step 2 is `profiling.submit(_:for:at: .registrationStep2)`.
    ///
    /// **Safe to repeat.** The writes happen in a safe order (the account before its
    /// consents: a consent never exists for a customer that does not) and the request is
    /// idempotent: the customer id is derived from ``RegistrationRequest/requestID``, so when
    /// an attempt died after the account was written, repeating the request finds that
    /// account (with the same address), skips creating it, and gives the consents that are
    /// not granted yet. A consent still pending from the earlier attempt is given again, so
    /// the customer gets a confirmation mail. Until the retry, the account simply has no
    /// consent: nothing is sent that the customer did not agree to.
    ///
    /// - Throws: What `AccountService.register` throws (nothing is written then);
    ///   ``AccountErrorCode/duplicateCustomer`` when the request id was used for another
    ///   address; the consent module's errors (the account exists then: repeat the request).
    public func register(_ request: RegistrationRequest) async throws -> RegistrationOutcome {
        let id = request.customerID
        var customer: Customer
        var token: OneTimeToken?
        var resumed = false
        if let existing = try await stores.accounts.record(id) {
            let address = try? EmailAddress(parsing: request.email)
            guard existing.customer.email.uniquenessKey == address?.uniquenessKey else {
                throw AccountError(
                    .duplicateCustomer, "This registration request was already used for another address.",
                    context: ErrorContext(item: id.rawValue))
            }
            customer = existing.customer
            resumed = true
            if configuration.accounts.activation == .verifyEmail, customer.emailVerifiedAt == nil {
                token = try await accounts.requestEmailVerification(for: id)
            }
        } else {
            let registration = try await accounts.register(
                email: request.email, password: request.password, requirements: request.requirements, id: id)
            customer = registration.customer
            token = registration.verificationToken
        }
        var given: [GivenConsent] = []
        for purpose in request.consents {
            let standing = try await consent.standing(of: id, purpose: purpose, channel: .email)
            if standing.status.isGranted { continue }
            given.append(try await consent.give(purpose, channel: .email, for: id, context: request.context))
        }
        try await refreshFacts(of: id)
        return RegistrationOutcome(customer: customer, verificationToken: token, consents: given, resumed: resumed)
    }
}

extension CustomerHub {
    /// Turns a guest into an account at the end of checkout (`AccountService.convertGuest`)
    /// and rebuilds its segment facts (it now has an account status, so the welcome trigger
    /// comes due).
    ///
    /// - Throws: What `AccountService.convertGuest` throws (nothing changed then), or a
    ///   segmentation store error after the conversion (`refreshFacts(of:)` finishes it).
    public func convertGuest(_ guest: CustomerID, password: String, requirements: [String: String] = [:]) async throws -> Registration {
        let registration = try await accounts.convertGuest(guest, password: password, requirements: requirements)
        try await refreshFacts(of: guest)
        return registration
    }

    /// Claims the orders of earlier guest checkouts with the customer's address, after the
    /// mailbox proof (`AccountService.claimGuestOrders`), and rebuilds the segment facts of
    /// the customer and of the guests whose orders moved.
    ///
    /// - Returns: How many orders moved.
    public func claimGuestOrders(for customer: CustomerID, token: String) async throws -> Int {
        let email = try await stores.accounts.record(customer)?.customer.email.uniquenessKey
        var guests: [CustomerID] = []
        if let email { guests = try await stores.accounts.guests(emailKey: email).map(\.customer.id) }
        let moved = try await accounts.claimGuestOrders(for: customer, token: token)
        for id in guests + [customer] { try await refreshFacts(of: id) }
        return moved
    }
}
