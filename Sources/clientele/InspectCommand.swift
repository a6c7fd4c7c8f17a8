import Clientele
import Foundation

/// `clientele inspect DIR`: per module the counts, the files and their sizes, the journal
/// length and the snapshot's age.
enum InspectCommand {
    static let command = Command(
        name: "inspect", summary: "counts, file sizes, journal length and snapshot age per module",
        usage: "inspect DIR", details: "", shape: Arguments.Shape(positionals: ["DIR"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        let now = Date()
        var lines: [String] = []
        try await folder.withHub { hub in
            let stores = try ReferenceStores(hub)
            let accounts = stores.accounts.state.read { state in (customers: state.customerCount, guests: state.guestCount) }
            let consent = stores.consent.state.read { state in
                (records: state.recordCount, ledgers: state.ledgerCount,
                 suppressed: state.suppressions.count, sends: state.sendLogs.values.reduce(0) { $0 + $1.count })
            }
            let priceLists = stores.priceLists.state.read { $0.lists.count }
            let profiles = stores.profiles.state.read { $0.count }
            let segments = stores.segments.state.read { state in
                (definitions: state.definitions.count,
                 memberships: state.definitions.keys.reduce(0) { $0 + (state.members(of: $1, after: nil, limit: .max)?.count ?? 0) })
            }
            let counts = [
                "accounts": "\(Format.count(accounts.customers, "customer")) (\(Format.count(accounts.customers - accounts.guests, "account")), "
                    + "\(Format.count(accounts.guests, "guest")))",
                "consent": "\(Format.count(consent.records, "consent record")) in \(Format.count(consent.ledgers, "ledger")), "
                    + "\(Format.count(consent.sends, "send")), \(Format.count(consent.suppressed, "suppressed address", plural: "suppressed addresses"))",
                "pricing": Format.count(priceLists, "price list"),
                "profiles": Format.count(profiles, "profile"),
                "segments": "\(Format.count(segments.definitions, "segment")), \(Format.count(segments.memberships, "membership"))",
            ]
            let reports = stores.recoveryReports
            lines.append("store \(folder.url.path)")
            for module in StoreFolder.modules {
                let files = try folder.files(of: module)
                let report = reports[module]
                lines.append("\(module): \(counts[module] ?? "")")
                let snapshot = report?.snapshot.flatMap { name in files.first { $0.name == name } }
                let age = snapshot?.modified.map { "\(Format.age(of: $0, now: now)) old" } ?? "none"
                lines.append(
                    "  journal: \(Format.count(report?.replayedRecords ?? 0, "change")) since the snapshot, \(report?.sequence ?? 0) in all; "
                        + "snapshot: \(age)")
                let total = files.reduce(Int64(0)) { $0 + $1.size }
                lines.append(
                    "  files: \(Format.bytes(total)) (\(files.map { "\($0.name) \(Format.bytes($0.size))" }.joined(separator: ", ")))")
            }
        }
        print(lines.joined(separator: "\n"))
        return 0
    }
}
