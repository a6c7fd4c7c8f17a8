/// Comparisons whose running time does not depend on where secret bytes differ.
public enum ConstantTime {
    /// Returns whether `lhs` and `rhs` hold the same bytes, looking at every byte whatever the
    /// contents, so the time taken reveals nothing about where a guess went wrong.
    ///
    /// Lengths are not secret: sequences of different lengths return `false` at once. To check
    /// a tag truncated to *n* bytes, pass the first *n* bytes of the full tag.
    ///
    /// - Parameters:
    ///   - lhs: A secret or a value derived from one (a MAC, a password hash).
    ///   - rhs: The value to check against it.
    /// - Returns: `true` when both have the same length and the same bytes.
    /// - Complexity: O(*n*); always visits all *n* bytes when the lengths match.
    public static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return isZero(difference)
    }

    /// Whether `difference` is zero, without a data-dependent branch in the accumulation.
    @inline(never)
    private static func isZero(_ difference: UInt8) -> Bool {
        difference == 0
    }
}
