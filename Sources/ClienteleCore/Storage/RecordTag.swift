/// The first byte of every value in the record encoding, saying what follows.
///
/// The encoding is self-describing (a tag per value, the field names of keyed values),
/// so any stored record can be dumped as JSON without the module's types
/// (``RecordDump``), and a decoder can skip fields it does not know.
///
/// | tag | value | followed by |
/// |---|---|---|
/// | 0 | nil | nothing |
/// | 1, 2 | false, true | nothing |
/// | 3 | signed integer | zig-zag LEB128 varint |
/// | 4 | unsigned integer | LEB128 varint |
/// | 5 | Double | 8 bytes, IEEE 754 little-endian |
/// | 6 | Float | 4 bytes, IEEE 754 little-endian |
/// | 7 | string | varint byte count, UTF-8 |
/// | 8 | bytes (`Data`, `[UInt8]`) | varint byte count, bytes |
/// | 9 | array | UInt32 byte length, UInt32 element count, elements |
/// | 10 | keyed (struct, enum, string-keyed dictionary) | UInt32 byte length, UInt32 entry count, entries: key (varint byte count, UTF-8) + value |
/// | 11 | empty (the type encoded nothing) | nothing |
///
/// Byte lengths count the bytes after the nine-byte container header.
package enum RecordTag: UInt8, Sendable {
    case null = 0
    case `false` = 1
    case `true` = 2
    case signed = 3
    case unsigned = 4
    case double = 5
    case float = 6
    case string = 7
    case bytes = 8
    case array = 9
    case keyed = 10
    case empty = 11

    /// Size of an array or keyed container header: tag, byte length, element count.
    package static let containerHeaderSize = 9
}
