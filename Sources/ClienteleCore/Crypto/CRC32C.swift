internal import CClienteleCRC32C

/// The CRC-32C (Castagnoli) checksum, as used by iSCSI (RFC 3720), ext4 and the journal.
///
/// On the CPU's CRC instructions where it has them (SSE4.2 on x86-64, the CRC32 extension
/// on arm64: the C target CClienteleCRC32C, chosen at run time), else a pure-Swift table
/// implementation (slicing by eight); both give the same checksums. Use it to detect torn
/// or corrupted records, never as protection against tampering (use ``HMACSHA256`` for
/// that).
///
/// ```swift
/// CRC32C.checksum(Array("123456789".utf8)) // 0xE306_9283
/// var crc = CRC32C()
/// crc.update(header)
/// crc.update(payload)
/// let value = crc.finalize()
/// ```
public struct CRC32C: Sendable, Hashable {
    /// The running register, inverted (the algorithm's internal form).
    private var register: UInt32 = 0xFFFF_FFFF

    /// Creates a checksum of no bytes.
    public init() {}

    /// Adds `bytes` to the checksum.
    ///
    /// - Complexity: O(n); contiguous collections take the fast path.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            register = Self.advance(register, UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { register = Self.advance(register, $0) }
        }
    }

    /// Adds the bytes of `buffer` to the checksum.
    ///
    /// - Complexity: O(n).
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        register = Self.advance(register, buffer)
    }

    /// The checksum of every byte added so far. Does not reset the state.
    public func finalize() -> UInt32 {
        ~register
    }

    /// The checksum of `bytes`.
    ///
    /// - Complexity: O(n).
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc = CRC32C()
        crc.update(bytes)
        return crc.finalize()
    }

    /// The checksum of the bytes of `buffer`.
    ///
    /// - Complexity: O(n).
    public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        ~advance(0xFFFF_FFFF, buffer)
    }

    /// Eight 256-entry tables, flattened: table `k` holds the effect of a byte followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        let polynomial: UInt32 = 0x82F6_3B78  // Castagnoli, reflected
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var value = UInt32(byte)
            for _ in 0..<8 {
                value = (value & 1) != 0 ? (value >> 1) ^ polynomial : value >> 1
            }
            tables[byte] = value
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// Whether this CPU has the CRC-32C instructions (asked once).
    package static let hardware = clientele_crc32c_hardware_available() != 0

    private static func advance(_ start: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
        guard let pointer = buffer.baseAddress, buffer.count > 0 else { return start }
        return hardware ? clientele_crc32c_update(start, pointer, buffer.count) : advanceByTable(start, buffer)
    }

    /// The running register advanced over `buffer` with the tables: the implementation for
    /// CPUs without the instructions (tests compare the two).
    package static func advanceByTable(_ start: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
        guard var pointer = buffer.baseAddress, buffer.count > 0 else { return start }
        var remaining = buffer.count
        var crc = start
        tables.withUnsafeBufferPointer { table in
            // The table pointer is never nil: the array has 2048 elements.
            guard let t = table.baseAddress else { return }
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)) ^ UInt64(crc)
                crc = t[7 * 256 + Int(word & 0xFF)]
                    ^ t[6 * 256 + Int((word &>> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((word &>> 16) & 0xFF)]
                    ^ t[4 * 256 + Int((word &>> 24) & 0xFF)]
                    ^ t[3 * 256 + Int((word &>> 32) & 0xFF)]
                    ^ t[2 * 256 + Int((word &>> 40) & 0xFF)]
                    ^ t[1 * 256 + Int((word &>> 48) & 0xFF)]
                    ^ t[Int(word &>> 56)]
                pointer += 8
                remaining &-= 8
            }
            while remaining > 0 {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)]
                pointer += 1
                remaining &-= 1
            }
        }
        return crc
    }
}
