/// A command's arguments, parsed by hand against the command's ``Arguments/Shape``:
/// positionals in order, options that take a value (`--at DATE` or `--at=DATE`), some of
/// them repeatable, and flags. `--help` (or `-h`) anywhere asks for the command's help.
struct Arguments: Sendable {
    /// What a command accepts.
    struct Shape: Sendable {
        /// The positionals' names, in order, as the usage line shows them (`DIR`, `EMAIL`).
        var positionals: [String] = []
        /// Options that take a value, with the value's name (`--at`: `DATE`).
        var options: [String: String] = [:]
        /// Options that may be given more than once (a subset of ``options``).
        var repeatable: Set<String> = []
        /// Options without a value (`--yes`).
        var flags: Set<String> = []
    }

    /// The positionals, in order.
    private(set) var positionals: [String] = []
    /// Each option's values, in the order given.
    private(set) var values: [String: [String]] = [:]
    /// The flags given.
    private(set) var flags: Set<String> = []
    /// True when `--help` or `-h` was given.
    private(set) var wantsHelp = false

    /// Parses `words` (the words after the command's name).
    ///
    /// - Throws: ``CommandFailure`` (usage) naming the argument: an unknown option, an option
    ///   without its value, a repeated option that takes one value, a missing or an extra positional.
    init(_ words: [String], shape: Shape) throws(CommandFailure) {
        if words.contains(where: { $0 == "--help" || $0 == "-h" }) {
            wantsHelp = true
            return
        }
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("--") || word == "-" {
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var name = word
            var inlineValue: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            if shape.flags.contains(name) {
                guard inlineValue == nil else { throw .usage("option '\(name)' takes no value") }
                flags.insert(name)
            } else if let valueName = shape.options[name] {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < words.count, !words[index].hasPrefix("--") else {
                        throw .usage("option '\(name)' needs a value (\(valueName))")
                    }
                    value = words[index]
                    index += 1
                }
                if values[name] != nil, !shape.repeatable.contains(name) {
                    throw .usage("option '\(name)' is given more than once")
                }
                values[name, default: []].append(value)
            } else {
                throw .usage("unknown option \(CommandFailure.quoted(name))")
            }
        }
        if positionals.count > shape.positionals.count {
            throw .usage("unexpected argument \(CommandFailure.quoted(positionals[shape.positionals.count]))")
        }
        if positionals.count < shape.positionals.count {
            throw .usage("missing \(shape.positionals[positionals.count])")
        }
    }

    /// The single value of `option`, or `nil` when it was not given.
    func value(_ option: String) -> String? { values[option]?.first }

    /// Every value of a repeatable `option`.
    func all(_ option: String) -> [String] { values[option] ?? [] }

    /// The value of a required `option`.
    ///
    /// - Throws: ``CommandFailure`` (usage) when it was not given.
    func required(_ option: String) throws(CommandFailure) -> String {
        guard let value = value(option) else { throw .usage("missing option '\(option)'") }
        return value
    }
}
