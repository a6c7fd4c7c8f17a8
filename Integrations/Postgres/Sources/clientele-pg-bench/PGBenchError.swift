import ClienteleCore

/// Failures of `clientele-pg-bench`: bad arguments, an unusable server or folder, a
/// registration that did not land.
typealias PGBenchError = ClienteleError<PGBenchErrorCode>

/// The failure codes of `clientele-pg-bench`.
struct PGBenchErrorCode: ErrorCode {
    let rawValue: String

    init(rawValue: String) { self.rawValue = rawValue }

    /// An unknown option, a missing or malformed value (exit code 2).
    static let usage = Self(rawValue: "bench.usage")
    /// The PostgreSQL server is not configured or the bench database cannot be made.
    static let server = Self(rawValue: "bench.server")
    /// The file store's temporary folder cannot be made.
    static let output = Self(rawValue: "bench.output")
    /// A registration the run made is not in the store afterwards.
    static let verification = Self(rawValue: "bench.verification")
}
