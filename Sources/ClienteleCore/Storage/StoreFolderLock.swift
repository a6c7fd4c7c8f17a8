#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Exclusive ownership of a store folder: an entry in this process's registry of open
/// folders plus an advisory `flock` on the folder's `LOCK` file (against other processes).
final class StoreFolderLock: Sendable {
    /// Canonical paths of the folders open in this process.
    private static let openFolders = Locked<Set<String>>([])

    let path: String
    private let descriptor: Locked<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Locked(descriptor)
    }

    /// Takes the folder at `path` (an existing folder).
    ///
    /// - Throws: ``CoreErrorCode/storeAlreadyOpen`` when this or another process has it open.
    static func acquire(_ folder: String) throws -> StoreFolderLock {
        let canonical = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let inserted = openFolders.withLock { $0.insert(canonical).inserted }
        guard inserted else { throw alreadyOpen(canonical, elsewhere: false) }
        let lockPath = canonical + "/" + JournalFormat.lockFileName
        do {
            let descriptor = try StoreFile.open(lockPath, O_RDWR | O_CREAT)
            while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK { throw alreadyOpen(canonical, elsewhere: true) }
                throw StoreFile.ioError("lock", lockPath, errno: code)
            }
            return StoreFolderLock(path: canonical, descriptor: descriptor)
        } catch {
            _ = openFolders.withLock { $0.remove(canonical) }
            throw error
        }
    }

    private static func alreadyOpen(_ path: String, elsewhere: Bool) -> CoreError {
        CoreError(
            .storeAlreadyOpen,
            elsewhere
                ? "Another process has this store folder open; only one process may use a store at a time."
                : "This process already has this store folder open; share that store instead of opening it twice.",
            context: ErrorContext(file: (path as NSString).lastPathComponent))
    }

    /// Gives the folder up. Safe to call more than once.
    func release() {
        let released = descriptor.withLock { current -> Int32? in
            defer { current = nil }
            return current
        }
        guard let released else { return }
        flock(released, LOCK_UN)
        close(released)
        _ = Self.openFolders.withLock { $0.remove(path) }
    }

    deinit { release() }
}
