import ClienteleCore
/// The options after a command name: `--name value` pairs and bare `--flag`s.
///
/// ```swift
/// let arguments = try Arguments(options, values: ["--out", "--customers"], flags: ["--pricing"])
/// let out = try arguments.required("--out")
/// let customers = try arguments.int(for: "--customers", default: 100_000)
/// let pricing = arguments.flag("--pricing")
/// ```
///
/// An option that the command does not declare is an error, so a typo never runs a
/// different benchmark silently.
struct Arguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `options`.
    ///
    /// - Parameters:
    ///   - valueNames: Options that take a value (`--out DIR`).
    ///   - flagNames: Options that stand alone (`--pricing`).
    /// - Throws: `BenchError.usage` for an undeclared option or a missing value.
    init(_ options: [String], values valueNames: Set<String>, flags flagNames: Set<String> = []) throws(BenchError) {
        var index = options.startIndex
        while index < options.endIndex {
            let name = options[index]
            if flagNames.contains(name) {
                flags.insert(name)
                index += 1
            } else if valueNames.contains(name) {
                guard index + 1 < options.endIndex else {
                    throw BenchError(.usage, "option needs a value", context: .init(field: name))
                }
                values[name] = options[index + 1]
                index += 2
            } else {
                throw BenchError(.usage, "unknown option; try 'clientele-bench help'", context: .init(field: name))
            }
        }
    }

    /// The value given for `name`, or nil.
    func value(for name: String) -> String? {
        values[name]
    }

    /// The value given for `name`.
    ///
    /// - Throws: `BenchError.usage` when the option is missing.
    func required(_ name: String) throws(BenchError) -> String {
        guard let value = values[name] else {
            throw BenchError(.usage, "missing required option", context: .init(field: name))
        }
        return value
    }

    /// The value given for `name` as a non-negative integer (`_` separators allowed), or `defaultValue`.
    ///
    /// - Throws: `BenchError.usage` when the value is not a non-negative integer.
    func int(for name: String, default defaultValue: Int) throws(BenchError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let number = Int(text.replacing("_", with: "")), number >= 0 else {
            throw BenchError(.usage, "expected a non-negative integer", context: .init(field: name))
        }
        return number
    }

    /// Whether the flag `name` was given.
    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }
}
