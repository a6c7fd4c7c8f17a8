import Foundation

/// One valid row of a customer CSV (`Docs/Import.md`): what it says, checked.
struct ImportedCustomerRow: Sendable {
    /// The row's line number (the header is line 1).
    var line: Int
    var id: CustomerID
    var email: EmailAddress
    var createdAt: Date
    var group: CustomerGroup?
    var birthDate: CalendarDate?
    var newsletter: ConsentAction?
    var history: ImportedHistory

    /// The columns, by name, as the header gives them.
    struct Columns: Sendable {
        static let required = ["id", "email", "created_at"]
        static let known = required + [
            "country", "birth_date", "customer_group", "newsletter", "number_of_orders", "amount_spent", "first_order_at",
            "last_order_at", "last_visit_at",
        ]
        var count: Int
        var index: [String: Int]

        /// Reads the header line.
        ///
        /// - Throws: ``ImportErrorCode/invalidHeader`` naming a missing required column.
        init(header: [String], line: Int, file: String?) throws(ImportError) {
            count = header.count
            index = [:]
            for (position, name) in header.enumerated() {
                let name = name.trimmingCharacters(in: .whitespaces).lowercased()
                let trimmed = position == 0 && name.hasPrefix("\u{FEFF}") ? String(name.dropFirst()) : name
                if index[trimmed] == nil { index[trimmed] = position }
            }
            for name in Self.required where index[name] == nil {
                throw ImportError(
                    .invalidHeader, "The header has no '\(name)' column; the first line must name the columns.",
                    context: ErrorContext(field: name, position: line, file: file))
            }
        }
    }

    /// Checks a record against the columns.
    ///
    /// - Throws: ``ImportErrorCode/malformedRow`` for a wrong number of fields,
    ///   ``ImportErrorCode/invalidField`` naming the first invalid column.
    init(
        line: Int, fields: [String], columns: Columns, currency: Currency, file: String?
    ) throws(ImportError) {
        guard fields.count == columns.count else {
            throw ImportError(
                .malformedRow, "The row has \(fields.count) fields; the header has \(columns.count).",
                context: ErrorContext(position: line, file: file))
        }
        func text(_ column: String) -> String {
            columns.index[column].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        var item: String?
        func invalid(_ column: String, _ message: String, _ underlying: (any Error & Sendable)? = nil) -> ImportError {
            ImportError(.invalidField, message, context: ErrorContext(field: column, position: line, file: file, item: item), underlying: underlying)
        }
        func instant(_ column: String, required: Bool = false) throws(ImportError) -> Date? {
            let value = text(column)
            if value.isEmpty {
                if required { throw invalid(column, "The \(column) column is required: Unix seconds.") }
                return nil
            }
            guard let seconds = Int64(value), (0...253_402_300_799).contains(seconds) else {
                throw invalid(column, "The \(column) column must be Unix seconds (a whole number from 0 up to the year 9999).")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        func count(_ column: String) throws(ImportError) -> Int64 {
            let value = text(column)
            if value.isEmpty { return 0 }
            guard let number = Int64(value), number >= 0 else {
                throw invalid(column, "The \(column) column must be a whole number, 0 or more.")
            }
            return number
        }

        self.line = line
        guard let id = CustomerID(rawValue: text("id")) else {
            throw invalid("id", "The id is not a valid customer ID (\(CustomerID.syntax)).")
        }
        self.id = id
        item = id.rawValue
        do {
            email = try EmailAddress(parsing: text("email"))
        } catch {
            throw invalid("email", "The e-mail address is not valid (\(error.code.rawValue)).", error)
        }
        guard let created = try instant("created_at", required: true) else { throw invalid("created_at", "The created_at column is required.") }
        createdAt = created
        let groupText = text("customer_group")
        if groupText.isEmpty {
            group = nil
        } else if let group = CustomerGroup(rawValue: groupText) {
            self.group = group
        } else {
            throw invalid("customer_group", "The customer group is not a valid group name (\(CustomerGroup.syntax)).")
        }
        let birthText = text("birth_date")
        if birthText.isEmpty {
            birthDate = nil
        } else if let date = CalendarDate(iso8601: birthText) {
            birthDate = date
        } else {
            throw invalid("birth_date", "The birth date must be a valid date written YYYY-MM-DD.")
        }
        switch text("newsletter").lowercased() {
        case "", "none", "false", "no", "0": newsletter = nil
        case "granted", "true", "yes", "1": newsletter = .given
        case "withdrawn": newsletter = .withdrawn
        default: throw invalid("newsletter", "The newsletter column must be granted, withdrawn or none (or true, false, empty).")
        }
        let country = text("country").uppercased()
        if !country.isEmpty && (country.utf8.count != 2 || !country.utf8.allSatisfy({ (0x41...0x5A).contains($0) })) {
            throw invalid("country", "The country must be an ISO 3166-1 alpha-2 code such as NL.")
        }
        let orders = try count("number_of_orders")
        guard orders <= Int64(Int32.max) else { throw invalid("number_of_orders", "The number of orders is too large.") }
        let spent = try count("amount_spent")
        let first = try instant("first_order_at")
        let last = try instant("last_order_at")
        if let first, let last, first > last {
            throw invalid("first_order_at", "The first order is after the last order.")
        }
        if orders == 0 && (first != nil || last != nil) {
            throw invalid("number_of_orders", "Order dates are given but the number of orders is 0.")
        }
        history = ImportedHistory(
            numberOfOrders: Int(orders), amountSpent: Money(minorUnits: spent, currency: currency), firstOrderAt: first,
            lastOrderAt: last, lastVisitAt: try instant("last_visit_at"), country: country.isEmpty ? nil : country)
    }
}
