import ClienteleCore
import Foundation

/// The command line of `clientele-pg-bench`, parsed and checked.
///
/// ```
/// clientele-pg-bench --store postgres|file [--writers 1] [--count 2000] [--warmup N]
///                    [--host H] [--port P] [--user U] [--database D] [--keep-database] [--smoke]
/// ```
///
/// The server options default to `CLIENTELE_PG_HOST`, `CLIENTELE_PG_PORT` (5432),
/// `CLIENTELE_PG_USER` and `CLIENTELE_PG_DATABASE` (`postgres`, the database the bench
/// connects to while it creates its own); the password is read from
/// `CLIENTELE_PG_PASSWORD` only, never from the command line.
struct Options: Sendable {
    /// Which stores the hub runs on.
    enum Store: String, Sendable {
        /// The five PostgreSQL stores, in a fresh database.
        case postgres
        /// The file-backed reference stores (`CustomerHub.open(at:)`), in a fresh temporary folder.
        case file
    }

    /// Which stores the hub runs on.
    var store: Store
    /// How many tasks register concurrently.
    var writers: Int
    /// How many registrations are timed.
    var count: Int
    /// How many untimed registrations run first (connections opened, code paths warm).
    var warmup: Int
    /// The PostgreSQL server (`--store postgres` only).
    var host: String?
    /// Its port.
    var port: Int
    /// The user, who may create databases.
    var user: String?
    /// The database to connect to while creating the bench's own.
    var maintenanceDatabase: String
    /// Keep the bench database instead of dropping it at the end.
    var keepDatabase: Bool
    /// Whether `--smoke` was given: 20 registrations, no warm-up, for CI.
    var smoke: Bool

    /// The options that take a value.
    static let valueNames: Set<String> = ["--store", "--writers", "--count", "--warmup", "--host", "--port", "--user", "--database"]
    /// The options that stand alone.
    static let flagNames: Set<String> = ["--keep-database", "--smoke", "--help", "-h"]

    /// Parses `arguments` (without the program name); `environment` supplies the server defaults.
    ///
    /// - Returns: `nil` when help was asked for.
    /// - Throws: `PGBenchError.usage` naming the option for an unknown option, a missing or
    ///   malformed value, or a missing `--store`.
    static func parse(_ arguments: [String], environment: [String: String]) throws(PGBenchError) -> Options? {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let name = arguments[index]
            if flagNames.contains(name) {
                flags.insert(name)
                index += 1
            } else if valueNames.contains(name) {
                guard index + 1 < arguments.endIndex else {
                    throw PGBenchError(.usage, "option needs a value", context: ErrorContext(field: name))
                }
                values[name] = arguments[index + 1]
                index += 2
            } else {
                throw PGBenchError(.usage, "unknown option; try 'clientele-pg-bench --help'", context: ErrorContext(field: name))
            }
        }
        if flags.contains("--help") || flags.contains("-h") { return nil }

        guard let storeName = values["--store"] else {
            throw PGBenchError(.usage, "missing required option (postgres or file)", context: ErrorContext(field: "--store"))
        }
        guard let store = Store(rawValue: storeName) else {
            throw PGBenchError(.usage, "expected 'postgres' or 'file'", context: ErrorContext(field: "--store", item: storeName))
        }
        let smoke = flags.contains("--smoke")
        let writers = try positive("--writers", values["--writers"], default: 1)
        let count = try positive("--count", values["--count"], default: smoke ? 20 : 2_000)
        let warmup = try nonNegative("--warmup", values["--warmup"], default: smoke ? 0 : max(50, 4 * writers))
        let portText = values["--port"] ?? environment["CLIENTELE_PG_PORT"] ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw PGBenchError(.usage, "expected a port number (1-65535)", context: ErrorContext(field: "--port", item: portText))
        }
        return Options(
            store: store, writers: writers, count: count, warmup: warmup,
            host: values["--host"] ?? environment["CLIENTELE_PG_HOST"].flatMap { $0.isEmpty ? nil : $0 },
            port: port,
            user: values["--user"] ?? environment["CLIENTELE_PG_USER"].flatMap { $0.isEmpty ? nil : $0 },
            maintenanceDatabase: values["--database"] ?? environment["CLIENTELE_PG_DATABASE"] ?? "postgres",
            keepDatabase: flags.contains("--keep-database"), smoke: smoke)
    }

    /// `text` as an integer of at least 1 (`_` separators allowed), or `defaultValue` when absent.
    private static func positive(_ name: String, _ text: String?, default defaultValue: Int) throws(PGBenchError) -> Int {
        let number = try nonNegative(name, text, default: defaultValue)
        guard number >= 1 else {
            throw PGBenchError(.usage, "expected a positive integer", context: ErrorContext(field: name, item: text))
        }
        return number
    }

    /// `text` as a non-negative integer (`_` separators allowed), or `defaultValue` when absent.
    private static func nonNegative(_ name: String, _ text: String?, default defaultValue: Int) throws(PGBenchError) -> Int {
        guard let text else { return defaultValue }
        guard let number = Int(text.replacing("_", with: "")), number >= 0 else {
            throw PGBenchError(.usage, "expected a non-negative integer", context: ErrorContext(field: name, item: text))
        }
        return number
    }

    /// The help text.
    static let usage = """
        clientele-pg-bench: registrations per second through CustomerHub.register(_:)

        usage: clientele-pg-bench --store postgres|file [options]

          --store postgres|file   the five PostgreSQL stores in a fresh database, or the
                                  file-backed stores (CustomerHub.open(at:)) in a fresh temp folder
          --writers N             concurrent registering tasks (default 1)
          --count N               timed registrations (default 2000; 20 with --smoke)
          --warmup N              untimed registrations first (default max(50, 4 x writers); 0 with --smoke)
          --host H, --port P      the PostgreSQL server (CLIENTELE_PG_HOST, CLIENTELE_PG_PORT, default 5432)
          --user U                a user that may create databases (CLIENTELE_PG_USER);
                                  the password comes from CLIENTELE_PG_PASSWORD only
          --database D            the database to connect to while creating the bench's own
                                  (CLIENTELE_PG_DATABASE, default postgres)
          --keep-database         do not drop the bench database at the end
          --smoke                 a quick check for CI: 20 registrations, no warm-up

        Each registration is a distinct address with the newsletter box ticked. Passwords are
        hashed with PBKDF2 at 1 iteration: the bench measures storage, not hashing.
        Prints one key=value line per figure. Exit code 2 for bad options, 1 for other failures.
        """
}
