import Clientele
import ClienteleCore
import Foundation

/// `clientele verify DIR`: the files' checksums, every consent chain, and the references
/// between modules. Reports each problem on a line and exits 1 when there is any.
///
/// The files are read first, without opening the stores: a damaged journal or snapshot is
/// reported with its file and byte offset, and a store with damaged files is not opened
/// (opening would refuse it, or cut a damaged last record as a torn write). Only when every
/// file is intact is the hub opened for the consent chains and the cross-module checks.
enum VerifyCommand {
    static let command = Command(
        name: "verify", summary: "check journal and snapshot checksums, consent chains and cross-module references",
        usage: "verify DIR",
        details: """
            Reads every journal and snapshot first and names the file and byte offset of any
            damage; a store with damaged files is not opened. Then opens the store and checks
            every consent ledger's hash chain, that every consent ledger, profile and segment
            membership belongs to a customer that exists. Exit 1 when any problem is found.
            """,
        shape: Arguments.Shape(positionals: ["DIR"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        try folder.checkNotLocked()
        var problems: [String] = []
        var checkedFiles = 0
        for module in StoreFolder.modules {
            for file in try folder.files(of: module) {
                let path = folder.folder(module).appending(path: file.name).path
                let name = "\(module)/\(file.name)"
                if file.name.hasPrefix("journal-"), file.name.hasSuffix(".log") {
                    checkedFiles += 1
                    if let problem = journalProblem(at: path) { problems.append("\(name): \(problem)") }
                } else if file.name.hasPrefix("snapshot-"), file.name.hasSuffix(".snap") {
                    checkedFiles += 1
                    do {
                        _ = try RecordDump.snapshotState(at: path)
                    } catch {
                        problems.append("\(name): \(describe(error))")
                    }
                }
            }
        }
        print("files: \(checkedFiles) journals and snapshots read, \(problems.count) damaged")
        guard problems.isEmpty else { return report(problems) }

        do {
            problems += try await folder.withHub { hub in try await check(hub) }
        } catch let error as CoreError where error.code == .storeCorrupted || error.code == .storeFormatUnsupported {
            return report(["the store does not open: \(describe(error))"])
        }
        return report(problems)
    }

    /// The consent chains and the references between modules.
    private static func check(_ hub: CustomerHub) async throws -> [String] {
        let stores = try ReferenceStores(hub)
        var problems: [String] = []
        for (module, report) in stores.recoveryReports.sorted(by: { $0.key < $1.key }) {
            for truncation in report.truncations {
                problems.append("\(module)/\(truncation.file): \(truncation.reason.rawValue) at byte offset \(truncation.offset), cut at open")
            }
        }
        let customers = Set(stores.accounts.state.read { $0.customers(after: nil, limit: .max) })
        let ledgers = stores.consent.state.read { $0.customers(after: nil, limit: .max) }
        var chains = 0
        for customer in ledgers {
            chains += 1
            let verification = try await hub.consent.verifyChain(of: customer)
            if let problem = verification.problem {
                problems.append(
                    "consent ledger of customer \(customer): \(problem.kind.rawValue) at record \(problem.position): \(problem.explanation)")
            }
            if !customers.contains(customer) {
                problems.append("consent ledger of customer \(customer), who does not exist in accounts/")
            }
        }
        let profiles = stores.profiles.state.read { $0.customers(after: nil, limit: .max) }
        for customer in profiles where !customers.contains(customer) {
            problems.append("profile of customer \(customer), who does not exist in accounts/")
        }
        let memberships = stores.segments.state.read { state in
            state.definitions.keys.sorted().map { ($0, state.members(of: $0, after: nil, limit: .max) ?? []) }
        }
        for (segment, members) in memberships {
            for customer in members where !customers.contains(customer) {
                problems.append("segment \(segment) lists customer \(customer), who does not exist in accounts/ (erased?)")
            }
        }
        let fired = stores.segments.state.read { $0.fired.keys.sorted { $0.rawValue < $1.rawValue } }
        for customer in fired where !customers.contains(customer) {
            problems.append("fired triggers of customer \(customer), who does not exist in accounts/")
        }
        print("consent chains: \(chains) verified; references checked: \(Format.count(customers.count, "customer")), "
              + "\(Format.count(profiles.count, "profile")), \(Format.count(memberships.reduce(0) { $0 + $1.1.count }, "segment membership"))")
        return problems
    }

    /// What is wrong with the journal at `path`, or `nil` when every byte after its last
    /// intact record is zero (its clean end).
    private static func journalProblem(at path: String) -> String? {
        let records: [RecordDump.Record]
        do {
            records = try RecordDump.journalRecords(at: path)
        } catch {
            return describe(error)
        }
        let end = records.last?.end ?? JournalFormat.headerSize
        guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot be read" }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(end))
            var offset = end
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if let nonzero = chunk.firstIndex(where: { $0 != 0 }) {
                    let at = offset + (nonzero - chunk.startIndex)
                    return at == end
                        ? "the record at byte offset \(end) is damaged (it is cut short or fails its checksum)"
                        : "non-zero bytes at byte offset \(at), after the last intact record (which ends at byte offset \(end))"
                }
                offset += chunk.count
            }
        } catch {
            return "cannot be read: \(error.localizedDescription)"
        }
        return nil
    }

    /// One line for a storage error: its message and, when it has one, its byte offset.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? CoreError else { return "\(error)" }
        var text = "\(error.code.rawValue): \(error.message)"
        if let offset = error.context.offset { text += " (byte offset \(offset))" }
        return text
    }

    private static func report(_ problems: [String]) -> Int32 {
        guard !problems.isEmpty else {
            print("verified: no problems")
            return 0
        }
        for problem in problems { print("problem: \(problem)") }
        print("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
        return 1
    }
}
