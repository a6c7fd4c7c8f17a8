import ClienteleAccounts
import ClienteleCore

/// `common-passwords [--checks 100000]`: the built-in common-password list of Accounts.
///
/// Prints:
/// - `common_passwords_entries=`: the number of built-in entries;
/// - `common_passwords_first_use_seconds=`: the first use in this process, which loads the
///   list and builds its set (run the command several times and take the smallest);
/// - `common_passwords_check_ns=`: one `rejects` call afterwards, averaged over `--checks`.
enum CommonPasswordsCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--checks"])
        let checks = max(try arguments.int(for: "--checks", default: 100_000), 1)
        let clock = ContinuousClock()
        let list = CommonPasswords()
        let common = Password("password1")
        let start = clock.now
        let firstRejected = list.rejects(common)
        let firstUse = clock.now - start
        let candidates = [common, Password("correct horse battery staple"), Password("Sunshine1")]
        var rejected = 0
        let checkStart = clock.now
        for index in 0..<checks where list.rejects(candidates[index % candidates.count]) {
            rejected += 1
        }
        let perCheck = (clock.now - checkStart) / checks
        guard firstRejected, rejected > 0 else {
            throw BenchError(.usage, "the built-in list does not reject a common password", context: .init(field: "list"))
        }
        print("common_passwords_entries=\(CommonPasswords.count)")
        print("common_passwords_first_use_seconds=\(Seconds(firstUse))")
        print("common_passwords_check_ns=\(Int((Seconds(perCheck).value * 1e9).rounded()))")
    }
}
