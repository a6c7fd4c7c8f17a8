/// Cryptographically secure random bytes, for salts, session tokens and one-time tokens.
///
/// Backed by `SystemRandomNumberGenerator`, which the Swift standard library documents as
/// cryptographically secure where available and implements with the operating system's CSPRNG:
/// `getrandom(2)` (falling back to `/dev/urandom`) on Linux and `arc4random_buf` (the kernel's
/// CSPRNG) on Apple platforms.
public enum SecureRandom {
    /// Returns `count` cryptographically secure random bytes.
    ///
    /// - Parameter count: How many bytes to return; zero or less gives an empty array.
    /// - Returns: The random bytes.
    /// - Complexity: O(`count`).
    public static func bytes(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < count {
                var word = generator.next()
                let chunk = min(8, count &- offset)
                withUnsafeBytes(of: &word) { wordBytes in
                    raw.baseAddress.unsafelyUnwrapped.advanced(by: offset)
                        .copyMemory(from: wordBytes.baseAddress.unsafelyUnwrapped, byteCount: chunk)
                }
                offset &+= chunk
            }
        }
        return bytes
    }
}
