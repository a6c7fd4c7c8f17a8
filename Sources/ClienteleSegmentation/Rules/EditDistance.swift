/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    /// The edits (insert, delete, substitute one character) between two strings.
    static func between(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name`, when it is close enough to be a likely typo (at
    /// most a third of the name's length, and at least 2, edits away); ties go to the
    /// earlier candidate.
    static func closest(to name: String, among candidates: [String]) -> String? {
        guard name.count <= 200 else { return nil }
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = between(name, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }
}
