import ClienteleCore

// Every value that holds a secret or personal data redacts its description, its debug
// description and its mirror alike, so `print`, `String(reflecting:)`, `dump` and a
// debugger show the same safe fields (see Docs/Privacy.md). Codable and equality are
// untouched: the store still writes every field.

extension OneTimeToken: CustomDebugStringConvertible, CustomReflectable {
    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Purpose, customer and expiry; the secret shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["value": Redacted.text, "purpose": purpose, "customer": customer, "expiresAt": expiresAt],
            displayStyle: .struct)
    }
}

extension LoginSession: CustomDebugStringConvertible, CustomReflectable {
    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The session (which holds only the token's digest), the customer (redacted on its
    /// own) and the expiry; the token shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["token": Redacted.text, "session": session, "customer": customer, "absoluteExpiry": absoluteExpiry],
            displayStyle: .struct)
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Credentials(passwordHash: <redacted>, changedAt: …)`: a password hash lets an
    /// attacker guess offline, so it is never shown.
    public var description: String {
        "Credentials(passwordHash: \(Redacted.optional(passwordHash) ?? "nil"), changedAt: \(changedAt))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The hash shows as `<redacted>` (or `nil` when there is none).
    public var customMirror: Mirror {
        Mirror(
            self, children: ["passwordHash": Redacted.optional(passwordHash) as Any, "changedAt": changedAt],
            displayStyle: .struct)
    }
}

extension Address: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Address(<id>, country: NL)`: the recipient, company, street, postal code, city,
    /// region and phone are personal data and never shown.
    public var description: String { "Address(\(id.rawValue), country: \(countryCode))" }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The identifier and country; every other field shows as `<redacted>` (or `nil`).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "recipient": Redacted.text, "company": Redacted.optional(company) as Any,
                "lines": "<\(lines.count) redacted>", "postalCode": Redacted.text, "city": Redacted.text,
                "region": Redacted.optional(region) as Any, "countryCode": countryCode,
                "phone": Redacted.optional(phone) as Any,
            ],
            displayStyle: .struct)
    }
}

extension Customer: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Customer(<id>, account, active, j***@example.nl)`: the address as redacted as
    /// ``EmailAddress/description``.
    public var description: String { "Customer(\(id), \(kind.rawValue), \(status.rawValue), \(email))" }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Every field, with the e-mail address and the addresses redacting themselves and
    /// the requirement values (a sole trader's VAT number can identify a person) shown as
    /// `<redacted>` under their names.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "kind": kind, "email": email, "emailVerifiedAt": emailVerifiedAt as Any, "status": status,
                "statusLog": statusLog,
                "requirements": requirements.keys.sorted().map { "\($0): \(Redacted.text)" },
                "groups": groups, "addresses": addresses, "defaultAddresses": defaultAddresses, "createdAt": createdAt,
            ],
            displayStyle: .struct)
    }
}

extension LoginThrottleKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `LoginThrottleKey(<redacted>)`: the key is an e-mail address's uniqueness key.
    public var description: String { "LoginThrottleKey(\(Redacted.text))" }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The key shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["rawValue": Redacted.text], displayStyle: .struct)
    }
}

extension LoginThrottleRecord: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `LoginThrottleRecord(failures: 3, …)`: the key is an e-mail address's uniqueness
    /// key and never shown.
    public var description: String {
        "LoginThrottleRecord(key: \(Redacted.text), failures: \(failures), lastFailureAt: \(lastFailureAt))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Every field but the key, which shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "key": Redacted.text, "failures": failures, "firstFailureAt": firstFailureAt,
                "lastFailureAt": lastFailureAt, "revision": revision,
            ],
            displayStyle: .struct)
    }
}
