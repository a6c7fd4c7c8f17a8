import ClienteleCore

// Every value that holds a secret or personal data redacts its description, its debug
// description and its mirror alike, so `print`, `String(reflecting:)`, `dump` and a
// debugger show the same safe fields (see Docs/Privacy.md). Equality is untouched.

extension CollectionContext: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CollectionContext(checkout, customer, form: checkout-v3)`: the raw IP address and
    /// user agent are personal data and never shown.
    public var description: String {
        "CollectionContext(\(source), \(actor.rawValue), form: \(formID ?? "nil"), ipAddress: \(Redacted.optional(ipAddress) ?? "nil"), userAgent: \(Redacted.optional(userAgent) ?? "nil"))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Source, actor and form; the IP address and user agent show as `<redacted>` (or `nil`).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "source": source, "actor": actor, "formID": formID as Any,
                "ipAddress": Redacted.optional(ipAddress) as Any, "userAgent": Redacted.optional(userAgent) as Any,
            ],
            displayStyle: .struct)
    }
}

extension TokenKey: CustomDebugStringConvertible, CustomReflectable {
    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The identifier; the secret shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id, "secret": Redacted.text], displayStyle: .struct)
    }
}

extension TokenKeyRing: CustomDebugStringConvertible, CustomReflectable {
    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The key identifiers; the keys redact their secrets on their own.
    public var customMirror: Mirror {
        Mirror(self, children: ["signingKey": signingKey, "keys": keys.keys.sorted()], displayStyle: .struct)
    }
}

extension GivenConsent: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `GivenConsent(record: <id>, confirmationToken: <redacted>)`.
    public var description: String {
        "GivenConsent(record: \(record.id), confirmationToken: \(Redacted.optional(confirmationToken) ?? "nil"))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The record; the confirmation token shows as `<redacted>` (or `nil`).
    public var customMirror: Mirror {
        Mirror(
            self, children: ["record": record, "confirmationToken": Redacted.optional(confirmationToken) as Any],
            displayStyle: .struct)
    }
}

extension ConsentConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key ring's identifiers and the policy; the digest salt is a secret and never shown.
    public var description: String {
        "ConsentConfiguration(tokenKeys: \(tokenKeys), digestSalt: \(Redacted.text), controller: \(controller.name))"
    }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Every field, with the digest salt as `<redacted>` and the keys redacting themselves.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "tokenKeys": tokenKeys, "digestSalt": Redacted.text, "policy": policy,
                "confirmationValidity": confirmationValidity, "unsubscribeValidity": unsubscribeValidity as Any,
                "controller": controller, "maximumConflictAttempts": maximumConflictAttempts,
            ],
            displayStyle: .struct)
    }
}
