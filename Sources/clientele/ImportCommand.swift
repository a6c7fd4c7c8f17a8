import Clientele
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `clientele import DIR FILE [--batch N] [--demo-salt]`: customers from a CSV file in the
/// peers' schema into a store folder (`CustomerHub.importCustomers`, Docs/Import.md).
enum ImportCommand {
    static let command = Command(
        name: "import", summary: "import customers from a CSV file (guests, groups, order totals, newsletter consent)",
        usage: "import DIR FILE [--batch N] [--demo-salt]",
        details: """
            Reads FILE, a CSV file with the header
              id,email,created_at,country,birth_date,customer_group,newsletter,
              number_of_orders,amount_spent,first_order_at,last_order_at,last_visit_at
            and adds each row as a guest with its group, order totals and dates, birth date
            and newsletter consent (a ledger record with source 'import'). A row already in
            the store is left as it is, so running the same import again changes nothing.
            A bad row is reported with its line number and column, and nothing of it is
            stored; the other rows are imported (exit 1 when any row was rejected). An
            address on the suppression list is not imported: set CLIENTELE_DIGEST_SALT to the
            shop's digest salt (hex), or --demo-salt for a folder made by 'clientele demo'.
            Ends with a snapshot of every store, so the next open reads no long journal.

            Progress: one line that updates in place on a terminal, a plain line per
            100,000 rows otherwise.

            options:
              --batch N     rows written per batch, one sync per store (default 10000)
              --demo-salt   use the demo shop's digest salt
            """,
        shape: Arguments.Shape(positionals: ["DIR", "FILE"], options: ["--batch": "N"], flags: ["--demo-salt"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        let path = arguments.positionals[1]
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CommandFailure.usage("no file at \(CommandFailure.quoted(path))")
        }
        // The segment facts are not reloaded here: the shop's next `start()` loads them and
        // announces the entries, as after any change made while it was down.
        var options = CustomerImportOptions(refreshFacts: false)
        if let text = arguments.value("--batch") {
            guard let size = Int(text), (1...100_000).contains(size) else {
                throw CommandFailure.usage("option '--batch' needs a whole number from 1 to 100000, not \(CommandFailure.quoted(text))")
            }
            options.batchSize = size
        }
        let salt = try ShopConfiguration.digestSalt(demo: arguments.flags.contains("--demo-salt"))
        let terminal = isatty(STDOUT_FILENO) == 1
        let printer = ProgressPrinter(terminal: terminal)
        let summary = try await folder.withHub(digestSalt: salt) { hub in
            let summary = try await hub.importCustomers(from: URL(fileURLWithPath: path), options: options) { printer.print($0) }
            printer.finish()
            try await ReferenceStores(hub).compact()
            return summary
        }
        for rejection in summary.rejected {
            var standardError = StandardError()
            Swift.print("rejected \(rejection)", to: &standardError)
        }
        print(
            "imported \(Format.count(summary.imported, "customer")), \(summary.alreadyPresent) already present, "
                + "\(summary.rejected.count) rejected, of \(Format.count(summary.rows, "row"))")
        return summary.rejected.isEmpty ? 0 : 1
    }

    /// Prints the progress line: rewritten in place on a terminal, one plain line per
    /// 100,000 rows otherwise (a log file gets no carriage returns).
    final class ProgressPrinter: Sendable {
        let terminal: Bool
        private let printedRows = Mutex(0)

        init(terminal: Bool) { self.terminal = terminal }

        func print(_ progress: CustomerImportProgress) {
            let due = printedRows.withLock { printed -> Bool in
                guard terminal || progress.rows - printed >= 100_000 else { return false }
                printed = progress.rows
                return true
            }
            guard due else { return }
            var line = "\(progress.rows) rows, \(Int(progress.rowsPerSecond.rounded())) rows/s"
            if let remaining = progress.estimatedRemaining {
                line += ", about \(Int(remaining.components.seconds)) s left"
            }
            if terminal {
                FileHandle.standardOutput.write(Data("\r\u{1B}[K\(line)".utf8))
            } else {
                Swift.print(line)
            }
        }

        func finish() {
            if terminal, printedRows.withLock({ $0 }) > 0 { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
