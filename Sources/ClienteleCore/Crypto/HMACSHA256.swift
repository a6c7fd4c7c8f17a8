/// HMAC-SHA256 (RFC 2104, FIPS 198-1), streaming: create it with the key, feed the message with
/// ``update(_:)`` in any chunks, then ``finalize()``.
///
/// ```swift
/// var mac = HMACSHA256(key: key)
/// mac.update(message)
/// let tag = mac.finalize()   // 32 bytes
/// ```
///
/// Compare tags with ``ConstantTime/equals(_:_:)``, never with `==`. To check a tag truncated to
/// its first *n* bytes, compare it with the first *n* bytes of the full tag.
public struct HMACSHA256: Sendable {
    /// The length of an authentication code in bytes.
    public static let byteCount = SHA256.digestByteCount

    /// The hash of the inner key block (key ⊕ ipad) followed by the message so far.
    private var inner: SHA256
    /// The chaining value after the outer key block (key ⊕ opad).
    private let outerState: SHA256.State

    /// Creates an authenticator for `key`.
    ///
    /// - Parameter key: The secret key, of any length; keys longer than 64 bytes are hashed
    ///   first (RFC 2104), so use at most 64 random bytes (32 is plenty).
    public init(key: some Collection<UInt8>) {
        self.init(key: key, backend: .best)
    }

    /// Creates an authenticator for `key` whose hashes compress with `backend`.
    package init(key: some Collection<UInt8>, backend: SHA256.Backend) {
        let states = Self.keyStates(for: key, backend: backend)
        inner = SHA256(
            continuingFrom: states.inner, afterByteCount: UInt64(SHA256.blockByteCount), backend: backend)
        outerState = states.outer
    }

    /// The chaining values after compressing key ⊕ ipad and key ⊕ opad.
    ///
    /// PBKDF2 computes these once and reuses them for every iteration.
    static func keyStates(
        for key: some Collection<UInt8>, backend: SHA256.Backend
    ) -> (inner: SHA256.State, outer: SHA256.State) {
        // Built without allocating: the key is copied straight from its contiguous storage
        // (or byte by byte), and a long key's digest is stored from the hasher's state.
        var block = SIMD64<UInt8>()
        withUnsafeMutableBytes(of: &block) { raw in
            if key.count > SHA256.blockByteCount {
                var hasher = SHA256(backend: backend)
                hasher.update(key)
                hasher.finalState().store(into: raw)
            } else {
                let copied: Void? = key.withContiguousStorageIfAvailable { source in
                    if let base = source.baseAddress {
                        raw.baseAddress.unsafelyUnwrapped.copyMemory(from: base, byteCount: source.count)
                    }
                }
                if copied == nil {
                    var index = 0
                    for byte in key {
                        raw[index] = byte
                        index &+= 1
                    }
                }
            }
        }
        let innerBlock = block ^ SIMD64(repeating: 0x36)
        let outerBlock = block ^ SIMD64(repeating: 0x5c)
        var inner = SHA256.State.initial
        var outer = SHA256.State.initial
        withUnsafeBytes(of: innerBlock) { raw in
            SHA256.compress(&inner, blocks: raw.baseAddress.unsafelyUnwrapped, blockCount: 1, backend: backend)
        }
        withUnsafeBytes(of: outerBlock) { raw in
            SHA256.compress(&outer, blocks: raw.baseAddress.unsafelyUnwrapped, blockCount: 1, backend: backend)
        }
        return (inner, outer)
    }

    /// Adds `bytes` to the message.
    ///
    /// - Complexity: O(*n*) in the number of bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        inner.update(bytes)
    }

    /// Returns the authentication code of everything added so far; the authenticator is left
    /// as it was.
    ///
    /// - Returns: The 32-byte tag.
    public func finalize() -> [UInt8] {
        finalState().bytes
    }

    /// The outer hash's final chaining value: the tag as words.
    func finalState() -> SHA256.State {
        var outer = outerState
        SHA256.compressDigestAfterOneBlock(&outer, message: inner.finalState(), backend: inner.backend)
        return outer
    }

    /// Returns the HMAC-SHA256 authentication code of `message` under `key`.
    ///
    /// - Parameters:
    ///   - message: The bytes to authenticate.
    ///   - key: The secret key (see ``init(key:)``).
    /// - Returns: The 32-byte tag.
    public static func authenticationCode(
        for message: some Collection<UInt8>,
        key: some Collection<UInt8>
    ) -> [UInt8] {
        authenticationCode(for: message, key: key, backend: .best)
    }

    /// Returns the HMAC-SHA256 authentication code of `message` under `key`, compressed with
    /// `backend`.
    package static func authenticationCode(
        for message: some Collection<UInt8>,
        key: some Collection<UInt8>,
        backend: SHA256.Backend
    ) -> [UInt8] {
        var mac = HMACSHA256(key: key, backend: backend)
        mac.update(message)
        return mac.finalize()
    }
}
