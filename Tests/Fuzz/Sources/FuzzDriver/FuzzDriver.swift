import CFuzzerDriver
import Foundation

/// Runs libFuzzer with this process's arguments on `callback` and exits with its status.
///
/// Call it from a fuzz target's top-level code with the target's
/// `LLVMFuzzerTestOneInput` function. (SwiftPM renames an executable's `main`, so
/// libFuzzer's own `main` is not linked; this is its documented replacement.)
public func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}
