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

    /// A column of the schema.
    enum Column: String, CaseIterable, Sendable {
        case id, email
        case createdAt = "created_at"
        case country
        case birthDate = "birth_date"
        case customerGroup = "customer_group"
        case newsletter
        case numberOfOrders = "number_of_orders"
        case amountSpent = "amount_spent"
        case firstOrderAt = "first_order_at"
        case lastOrderAt = "last_order_at"
        case lastVisitAt = "last_visit_at"

        static let required: [Column] = [.id, .email, .createdAt]
    }

    /// Where each column of the schema is in a record, as the header gives it; other
    /// columns are ignored.
    struct Columns: Sendable {
        var count: Int
        /// By ``Column``'s position in `allCases`.
        private var positions: [Int?]

        /// Reads the header line (names are matched without case and surrounding spaces).
        ///
        /// - Throws: ``ImportErrorCode/invalidHeader`` naming a missing required column.
        init(header: [String], line: Int, file: String?) throws(ImportError) {
            count = header.count
            var index: [String: Int] = [:]
            for (position, name) in header.enumerated() {
                var name = name.trimmingCharacters(in: .whitespaces).lowercased()
                if position == 0 && name.hasPrefix("\u{FEFF}") { name.removeFirst() }
                if index[name] == nil { index[name] = position }
            }
            positions = Column.allCases.map { index[$0.rawValue] }
            for column in Column.required where index[column.rawValue] == nil {
                throw ImportError(
                    .invalidHeader, "The header has no '\(column.rawValue)' column; the first line must name the columns.",
                    context: ErrorContext(field: column.rawValue, position: line, file: file))
            }
        }

        /// Where `column` is, if the header has it.
        func position(of column: Column) -> Int? {
            positions[Column.allCases.firstIndex(of: column) ?? 0]
        }
    }

    /// `text` without leading and trailing spaces and tabs; the same string, not a copy,
    /// when there are none (nearly always).
    static func trimmed(_ text: String) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, isBlank(first) || isBlank(last) else { return text }
        guard let start = bytes.firstIndex(where: { !isBlank($0) }), let end = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[start...end])
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
        func text(_ column: Column) -> String {
            columns.position(of: column).map { Self.trimmed(fields[$0]) } ?? ""
        }
        var item: String?
        func invalid(_ column: Column, _ message: String, _ underlying: (any Error & Sendable)? = nil) -> ImportError {
            ImportError(
                .invalidField, message, context: ErrorContext(field: column.rawValue, position: line, file: file, item: item),
                underlying: underlying)
        }
        func instant(_ column: Column, required: Bool = false) throws(ImportError) -> Date? {
            let value = text(column)
            if value.isEmpty {
                if required { throw invalid(column, "The \(column.rawValue) column is required: Unix seconds.") }
                return nil
            }
            guard let seconds = Int64(value), (0...253_402_300_799).contains(seconds) else {
                throw invalid(column, "The \(column.rawValue) column must be Unix seconds (a whole number from 0 up to the year 9999).")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        func count(_ column: Column) throws(ImportError) -> Int64 {
            let value = text(column)
            if value.isEmpty { return 0 }
            guard let number = Int64(value), number >= 0 else {
                throw invalid(column, "The \(column.rawValue) column must be a whole number, 0 or more.")
            }
            return number
        }

        self.line = line
        guard let id = CustomerID(rawValue: text(.id)) else {
            throw invalid(.id, "The id is not a valid customer ID (\(CustomerID.syntax)).")
        }
        self.id = id
        item = id.rawValue
        do {
            email = try EmailAddress(parsing: text(.email))
        } catch {
            throw invalid(.email, "The e-mail address is not valid (\(error.code.rawValue)).", error)
        }
        guard let created = try instant(.createdAt, required: true) else { throw invalid(.createdAt, "The created_at column is required.") }
        createdAt = created
        let groupText = text(.customerGroup)
        if groupText.isEmpty {
            group = nil
        } else if let group = CustomerGroup(rawValue: groupText) {
            self.group = group
        } else {
            throw invalid(.customerGroup, "The customer group is not a valid group name (\(CustomerGroup.syntax)).")
        }
        let birthText = text(.birthDate)
        if birthText.isEmpty {
            birthDate = nil
        } else if let date = CalendarDate(iso8601: birthText) {
            birthDate = date
        } else {
            throw invalid(.birthDate, "The birth date must be a valid date written YYYY-MM-DD.")
        }
        switch text(.newsletter).lowercased() {
        case "", "none", "false", "no", "0": newsletter = nil
        case "granted", "true", "yes", "1": newsletter = .given
        case "withdrawn": newsletter = .withdrawn
        default: throw invalid(.newsletter, "The newsletter column must be granted, withdrawn or none (or true, false, empty).")
        }
        let country = text(.country).uppercased()
        if !country.isEmpty && (country.utf8.count != 2 || !country.utf8.allSatisfy({ (0x41...0x5A).contains($0) })) {
            throw invalid(.country, "The country must be an ISO 3166-1 alpha-2 code such as NL.")
        }
        let orders = try count(.numberOfOrders)
        guard orders <= Int64(Int32.max) else { throw invalid(.numberOfOrders, "The number of orders is too large.") }
        let spent = try count(.amountSpent)
        let first = try instant(.firstOrderAt)
        let last = try instant(.lastOrderAt)
        if let first, let last, first > last {
            throw invalid(.firstOrderAt, "The first order is after the last order.")
        }
        if orders == 0 && (first != nil || last != nil) {
            throw invalid(.numberOfOrders, "Order dates are given but the number of orders is 0.")
        }
        history = ImportedHistory(
            numberOfOrders: Int(orders), amountSpent: Money(minorUnits: spent, currency: currency), firstOrderAt: first,
            lastOrderAt: last, lastVisitAt: try instant(.lastVisitAt), country: country.isEmpty ? nil : country)
    }
}
