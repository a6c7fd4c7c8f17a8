internal import CClienteleSHA256

// Two implementations of the compression function: the pure-Swift one in
// SHA256+Compression.swift, which runs everywhere, and the CPU's SHA instructions through the
// C target CClienteleSHA256 (x86-64 SHA extensions with SSSE3 and SSE4.1; ARMv8 SHA2 on
// Apple silicon and on aarch64 Linux when the kernel reports it). The CPU is asked once per
// process (`Backend.best`); hashers remember their backend, so the hot paths only branch on
// a stored value. Both backends run the same test vectors (see the Crypto test suites).

extension SHA256 {
    /// Which implementation of the SHA-256 compression function runs.
    package enum Backend: Sendable, Hashable, CustomStringConvertible {
        /// The pure-Swift compression, for every CPU.
        case portable
        /// The CPU's SHA-256 instructions. Use only when ``available`` lists it.
        case hardware

        /// The fastest backend this CPU runs, detected once per process.
        package static let best: Backend = clientele_sha256_hardware_available() != 0 ? .hardware : .portable

        /// Every backend this CPU runs: ``portable``, then ``hardware`` when the CPU has it.
        package static var available: [Backend] {
            best == .hardware ? [.portable, .hardware] : [.portable]
        }

        /// `portable` or `hardware`.
        package var description: String {
            switch self {
            case .portable: "portable"
            case .hardware: "hardware"
            }
        }
    }

    /// Compresses `blockCount` consecutive 64-byte blocks starting at `blocks` into `state`
    /// with `backend`.
    @inline(__always)
    static func compress(_ state: inout State, blocks: UnsafeRawPointer, blockCount: Int, backend: Backend) {
        switch backend {
        case .hardware:
            withUnsafeMutableBytes(of: &state) { raw in
                clientele_sha256_compress_blocks(raw.baseAddress, blocks, blockCount)
            }
        case .portable:
            compress(&state, blocks: blocks, blockCount: blockCount)
        }
    }

    /// ``compressDigestAfterOneBlock(_:message:)`` with `backend`: the whole work of one
    /// HMAC-SHA256 half over a digest, twice per PBKDF2 iteration.
    @inline(__always)
    static func compressDigestAfterOneBlock(_ state: inout State, message: State, backend: Backend) {
        switch backend {
        case .hardware:
            var message = message
            withUnsafeMutableBytes(of: &state) { stateBytes in
                withUnsafeBytes(of: &message) { messageBytes in
                    clientele_sha256_compress_digest_after_one_block(stateBytes.baseAddress, messageBytes.baseAddress)
                }
            }
        case .portable:
            compressDigestAfterOneBlock(&state, message: message)
        }
    }

    /// Compresses `blocks` (a whole number of 64-byte blocks) into the chaining value
    /// `words` (H0…H7) with `backend` and returns the new chaining value; for tests that
    /// compare the backends on arbitrary states. Returns `nil` unless there are eight words
    /// and whole blocks.
    package static func compressed(_ words: [UInt32], blocks: [UInt8], backend: Backend) -> [UInt32]? {
        guard words.count == 8, blocks.count % blockByteCount == 0 else { return nil }
        var state = State(
            h0: words[0], h1: words[1], h2: words[2], h3: words[3],
            h4: words[4], h5: words[5], h6: words[6], h7: words[7])
        blocks.withUnsafeBytes { raw in
            if let base = raw.baseAddress {
                compress(&state, blocks: base, blockCount: raw.count / blockByteCount, backend: backend)
            }
        }
        return [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7]
    }

    /// The chaining value after compressing the final block of one 64-byte block followed by
    /// the digest `message` (eight words), with `backend`; for tests of the PBKDF2 path.
    /// Returns `nil` unless both arrays hold eight words.
    package static func compressedDigestAfterOneBlock(
        _ words: [UInt32], message: [UInt32], backend: Backend
    ) -> [UInt32]? {
        guard words.count == 8, message.count == 8 else { return nil }
        var state = State(
            h0: words[0], h1: words[1], h2: words[2], h3: words[3],
            h4: words[4], h5: words[5], h6: words[6], h7: words[7])
        let digest = State(
            h0: message[0], h1: message[1], h2: message[2], h3: message[3],
            h4: message[4], h5: message[5], h6: message[6], h7: message[7])
        compressDigestAfterOneBlock(&state, message: digest, backend: backend)
        return [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7]
    }
}
