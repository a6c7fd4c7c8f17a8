import Foundation

/// Stops the fuzzer with `message` when `condition` is false: libFuzzer reports the
/// abort as a crash and saves the input that caused it.
///
/// A fuzz target states the properties it checks with this, so a finding says which
/// property failed, not only that something crashed.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard condition() else { fail(message()) }
}

/// Stops the fuzzer with `message` (see ``require(_:_:)``).
public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("\nFUZZ PROPERTY FAILED: \(message)\n".utf8))
    abort()
}

/// The fuzz input as text: the bytes as UTF-8, invalid sequences replaced by U+FFFD (so
/// every input reaches the parser; the parsers take `String`, never raw bytes).
public func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
}
