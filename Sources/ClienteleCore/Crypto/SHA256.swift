/// SHA-256 (FIPS 180-4), streaming: feed bytes with ``update(_:)`` in any chunks, then
/// ``finalize()``.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("abc".utf8))
/// let digest = hasher.finalize()   // 32 bytes
/// ```
///
/// Compresses with the CPU's SHA-256 instructions where it has them (x86-64 SHA extensions,
/// ARMv8 SHA2), otherwise in pure Swift. Hashing never allocates per block: whole blocks are compressed straight from
/// the caller's contiguous storage and only a partial block is buffered inline.
public struct SHA256: Sendable {
    /// The length of a digest in bytes.
    public static let digestByteCount = 32
    /// The length of a compression block in bytes.
    public static let blockByteCount = 64

    /// The chaining value after every complete block seen so far.
    var state: State
    /// The compression function this hasher uses.
    let backend: Backend
    /// The bytes of the current, incomplete block (the first `bufferedCount` are used).
    private var buffer = SIMD64<UInt8>()
    /// How many bytes of ``buffer`` hold data.
    private var bufferedCount = 0
    /// How many bytes were hashed in total, including the buffered ones.
    private var totalByteCount: UInt64

    /// Creates a hasher with nothing hashed yet.
    public init() {
        self.init(backend: .best)
    }

    /// Creates a hasher with nothing hashed yet that compresses with `backend`.
    package init(backend: Backend) {
        state = .initial
        totalByteCount = 0
        self.backend = backend
    }

    /// Creates a hasher that continues from `state` after `byteCount` bytes (a multiple of 64)
    /// were hashed. HMAC uses this to start from its precomputed key block.
    init(continuingFrom state: State, afterByteCount byteCount: UInt64, backend: Backend) {
        self.state = state
        self.totalByteCount = byteCount
        self.backend = backend
    }

    /// Adds `bytes` to the message.
    ///
    /// - Complexity: O(*n*) in the number of bytes; no allocation when `bytes` has contiguous
    ///   storage (such as `[UInt8]`, `ArraySlice<UInt8>` or `String.UTF8View` of a native string).
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            absorb(UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { absorb($0) }
        }
    }

    /// Adds the bytes in `input` to the message.
    mutating func absorb(_ input: UnsafeRawBufferPointer) {
        guard var remaining = input.baseAddress, !input.isEmpty else { return }
        var remainingCount = input.count
        totalByteCount &+= UInt64(remainingCount)

        if bufferedCount > 0 {
            let taken = min(Self.blockByteCount &- bufferedCount, remainingCount)
            let offset = bufferedCount
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress.unsafelyUnwrapped.advanced(by: offset)
                    .copyMemory(from: remaining, byteCount: taken)
            }
            bufferedCount &+= taken
            remaining += taken
            remainingCount &-= taken
            guard bufferedCount == Self.blockByteCount else { return }
            withUnsafeBytes(of: buffer) { block in
                Self.compress(&state, blocks: block.baseAddress.unsafelyUnwrapped, blockCount: 1, backend: backend)
            }
            bufferedCount = 0
        }

        let wholeBlocks = remainingCount / Self.blockByteCount
        if wholeBlocks > 0 {
            Self.compress(&state, blocks: remaining, blockCount: wholeBlocks, backend: backend)
            remaining += wholeBlocks &* Self.blockByteCount
            remainingCount &-= wholeBlocks &* Self.blockByteCount
        }

        if remainingCount > 0 {
            let count = remainingCount
            let source = remaining
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress.unsafelyUnwrapped.copyMemory(from: source, byteCount: count)
            }
            bufferedCount = count
        }
    }

    /// Returns the digest of everything added so far. The hasher itself is left as it was, so
    /// more bytes can still be added to compute the digest of a longer message.
    ///
    /// - Returns: The 32-byte digest.
    public func finalize() -> [UInt8] {
        finalState().bytes
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the final chaining value.
    func finalState() -> State {
        var state = self.state
        var block = buffer
        let used = bufferedCount
        let bitLength = totalByteCount &<< 3
        withUnsafeMutableBytes(of: &block) { raw in
            raw[used] = 0x80
            for index in (used &+ 1)..<Self.blockByteCount { raw[index] = 0 }
            if used >= Self.blockByteCount &- 8 {
                Self.compress(
                    &state, blocks: UnsafeRawPointer(raw.baseAddress.unsafelyUnwrapped), blockCount: 1, backend: backend)
                for index in 0..<Self.blockByteCount { raw[index] = 0 }
            }
            raw.storeBytes(of: bitLength.bigEndian, toByteOffset: Self.blockByteCount &- 8, as: UInt64.self)
            Self.compress(
                    &state, blocks: UnsafeRawPointer(raw.baseAddress.unsafelyUnwrapped), blockCount: 1, backend: backend)
        }
        return state
    }

    /// Returns the SHA-256 digest of `bytes`.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The 32-byte digest.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        hash(bytes, backend: .best)
    }

    /// Returns the SHA-256 digest of `bytes`, compressed with `backend`.
    package static func hash(_ bytes: some Collection<UInt8>, backend: Backend) -> [UInt8] {
        var hasher = SHA256(backend: backend)
        hasher.update(bytes)
        return hasher.finalize()
    }
}
