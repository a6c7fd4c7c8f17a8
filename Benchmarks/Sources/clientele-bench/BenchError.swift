import ClienteleCore

/// Failures of `clientele-bench`: bad arguments and unusable output folders.
typealias BenchError = ClienteleError<BenchErrorCode>

/// The failure codes of `clientele-bench`.
struct BenchErrorCode: ErrorCode {
    let rawValue: String

    init(rawValue: String) { self.rawValue = rawValue }

    /// An unknown command or option, a missing or malformed value.
    static let usage = Self(rawValue: "bench.usage")
    /// A file or folder could not be created or written.
    static let output = Self(rawValue: "bench.output")
}
