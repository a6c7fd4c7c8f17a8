extension SegmentQuery: CustomStringConvertible {
    /// The query's canonical text: keywords in upper case, attribute names in lower case,
    /// single spaces, parentheses only where needed. Parsing it gives back an equal query.
    public var description: String {
        switch self {
        case .predicate(let predicate):
            return predicate.description
        case .not(let operand):
            switch operand {
            case .predicate, .not: return "NOT \(operand)"
            case .and, .or: return "NOT (\(operand))"
            }
        case .and(let lhs, let rhs):
            let left = lhs.isOr ? "(\(lhs))" : lhs.description
            let right = rhs.isOr || rhs.isAnd ? "(\(rhs))" : rhs.description
            return "\(left) AND \(right)"
        case .or(let lhs, let rhs):
            let right = rhs.isOr ? "(\(rhs))" : rhs.description
            return "\(lhs) OR \(right)"
        }
    }

    private var isOr: Bool {
        if case .or = self { return true }
        return false
    }

    private var isAnd: Bool {
        if case .and = self { return true }
        return false
    }
}
