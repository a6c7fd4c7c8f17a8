import Clientele
import Foundation

/// `clientele erase DIR EMAIL [--yes]`: erases a customer everywhere (GDPR article 17).
enum EraseCommand {
    static let command = Command(
        name: "erase", summary: "erase a customer and every record under the same address (data-subject erasure)",
        usage: "erase DIR EMAIL [--yes] [--demo-salt]",
        details: """
            Suppresses the address, then erases the account and the guest checkouts under it
            from every module (CustomerHub erase). Asks for confirmation on standard input
            (type 'yes') unless --yes is given.

            The suppression entry is a salted digest of the address: set CLIENTELE_DIGEST_SALT
            to the shop's digest salt (hex, the bytes the shop passes as digestSalt), or the
            shop would not find the erased address on its suppression list.

            options:
              --yes         erase without asking
              --demo-salt   use the demo shop's salt (a folder made by 'clientele demo')
            """,
        shape: Arguments.Shape(positionals: ["DIR", "EMAIL"], flags: ["--yes", "--demo-salt"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        let salt = try ShopConfiguration.digestSalt(demo: arguments.flags.contains("--demo-salt"))
        try await folder.withHub(digestSalt: salt) { hub in
            let customers = try await hub.customers(email: arguments.positionals[1])
            if !arguments.flags.contains("--yes") {
                let prompt =
                    "Erase \(customers.count) customer record\(customers.count == 1 ? "" : "s") under the given e-mail address "
                        + "(\(customers.map(\.rawValue).joined(separator: ", "))) from every module? This cannot be undone. Type 'yes': "
                FileHandle.standardOutput.write(Data(prompt.utf8))
                let answer = readLine()
                if isatty(STDIN_FILENO) == 0 { print("") }  // the answer was not echoed: end the prompt's line
                guard answer?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    throw CommandFailure.failed("not confirmed; nothing was erased")
                }
            }
            let erasure = try await hub.erase(customer: customers[0])
            print("erased \(erasure.customers.count) customer record\(erasure.customers.count == 1 ? "" : "s") "
                  + "(\(erasure.customers.map(\.rawValue).joined(separator: ", "))); price lists changed: \(erasure.priceLists); "
                  + "the address is on the suppression list")
        }
        return 0
    }
}
