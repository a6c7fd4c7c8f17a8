/// Byte-level edits of encoded records, for tests of damaged and renamed fields.
package enum RecordBytes {
    /// `bytes` with the first occurrence of `old` replaced by `new` (same length), or nil
    /// when `old` does not occur or the lengths differ.
    package static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8]? {
        guard old.count == new.count, bytes.count >= old.count else { return nil }
        for start in 0...(bytes.count - old.count) where bytes[start..<(start + old.count)].elementsEqual(old) {
            var copy = bytes
            copy.replaceSubrange(start..<(start + old.count), with: new)
            return copy
        }
        return nil
    }
}
