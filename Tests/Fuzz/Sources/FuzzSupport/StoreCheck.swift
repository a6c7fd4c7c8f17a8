import ClienteleCore
import Foundation

/// The property both storage fuzzers check on a folder of store files.
public enum StoreCheck {
    private enum Opening: Sendable {
        case opened(FuzzState, RecoveryReport)
        case refused(any Error)
    }

    /// Opens `folder` as a `StateStore<FuzzState>` and checks that it either opens or
    /// throws a ``CoreError`` (`storeCorrupted` or `storeFormatUnsupported`) that names a
    /// file. When it opens: the state is written back as a snapshot (`compact()`: every
    /// decoded value re-encodes), the store closes, and opening it again gives the same
    /// state and sequence with nothing left to repair.
    public static func openTwice(_ folder: URL, options: JournalOptions) {
        let first = open(folder, options: options, compact: true)
        if verbose { report(first) }
        switch first {
        case .refused(let error):
            guard let error = error as? CoreError else {
                fail("open threw \(type(of: error)), not CoreError: \(error)")
            }
            require(
                error.code == .storeCorrupted || error.code == .storeFormatUnsupported,
                "open threw an unexpected code: \(error)")
            require(error.context.file?.isEmpty == false, "open's error names no file: \(error)")
        case .opened(let state, let report):
            switch open(folder, options: JournalOptions(), compact: false) {
            case .refused(let error):
                fail("a store that opened (\(report)) does not open again after compact and close: \(error)")
            case .opened(let again, let reopenedReport):
                require(again == state, "the reopened state differs from the state first loaded (\(report))")
                require(
                    reopenedReport.sequence == report.sequence,
                    "sequence \(report.sequence) became \(reopenedReport.sequence) on reopening")
                require(reopenedReport.isClean, "reopening still repairs: \(reopenedReport)")
            }
        }
    }

    /// Set `CLIENTELE_FUZZ_VERBOSE=1` to print what each input did (to check seeds).
    private static let verbose = ProcessInfo.processInfo.environment["CLIENTELE_FUZZ_VERBOSE"] != nil

    private static func report(_ opening: Opening) {
        let line: String
        switch opening {
        case .opened(let state, let report):
            line = "opened: sequence \(report.sequence), \(state.customers.count) customers, \(state.notes.count) notes, clean \(report.isClean)"
        case .refused(let error):
            line = "refused: \(error)"
        }
        FileHandle.standardError.write(Data("CLIENTELE_FUZZ: \(line)\n".utf8))
    }

    private static func open(_ folder: URL, options: JournalOptions, compact: Bool) -> Opening {
        let outcome = blocking { () async throws -> Opening in
            let store: StateStore<FuzzState>
            do {
                store = try await StateStore<FuzzState>.open(folder: folder, options: options)
            } catch {
                return .refused(error)
            }
            let state = store.read { copy $0 }
            let report = store.recoveryReport
            if compact { try await store.compact() }
            try await store.close()
            return .opened(state, report)
        }
        switch outcome {
        case .success(let opening): return opening
        case .failure(let error): fail("an opened store failed to \(compact ? "compact or " : "")close: \(error)")
        }
    }
}
