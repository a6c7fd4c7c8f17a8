import Clientele
import Foundation

/// `clientele export DIR EMAIL`: the data-subject export (GDPR article 15) as JSON on stdout.
enum ExportCommand {
    static let command = Command(
        name: "export", summary: "print everything stored about a customer as JSON (data-subject access)",
        usage: "export DIR EMAIL",
        details: """
            Prints the export document of the customer with that e-mail address (CustomerHub
            export, schema 1). When the address has more than one customer record (an account
            and guest checkouts), prints a JSON array with one document per record, the
            account first. This is the one command that prints personal data.
            """,
        shape: Arguments.Shape(positionals: ["DIR", "EMAIL"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        let documents = try await folder.withHub { hub in
            var exported: [Data] = []
            for customer in try await hub.customers(email: arguments.positionals[1]) {
                exported.append(try await hub.export(customer: customer).jsonData())
            }
            return exported
        }
        var output = Data()
        if documents.count == 1 {
            output = documents[0]
        } else {
            output.append(Data("[\n".utf8))
            output.append(Data(documents.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",\n").utf8))
            output.append(Data("\n]".utf8))
        }
        output.append(Data("\n".utf8))
        FileHandle.standardOutput.write(output)
        return 0
    }
}
