import Clientele
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A store folder made by `CustomerHub.open(at:)`: one subfolder per module's store
/// (Docs/Storage.md). The commands refuse any other folder rather than create a store in it.
///
/// The journal engine has no read-only open: opening takes each store's folder lock and may
/// cut a torn tail or rewrite `MANIFEST`. So a command first looks at the locks without
/// taking them (``checkNotLocked()``) and stops with one line when another process holds
/// one; ``withHub(start:_:)`` reports the same when a process takes the lock in between.
struct StoreFolder: Sendable {
    /// The module subfolders, in the order the commands report them.
    static let modules = ["accounts", "consent", "pricing", "profiles", "segments"]

    /// One file of a module's folder.
    struct File: Sendable {
        var name: String
        var size: Int64
        var modified: Date?
    }

    /// The folder.
    let url: URL

    /// Checks that `path` is a store folder: a folder with the five module subfolders.
    ///
    /// - Throws: ``CommandFailure`` (failed) naming the path or the missing subfolders.
    init(_ path: String) throws(CommandFailure) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .failed("no folder at \(CommandFailure.quoted(path))")
        }
        guard isFolder.boolValue else { throw .failed("\(CommandFailure.quoted(path)) is not a folder") }
        let url = URL(fileURLWithPath: path, isDirectory: true)
        let missing = Self.modules.filter { module in
            var isModuleFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.appending(path: module).path, isDirectory: &isModuleFolder)
            return !(exists && isModuleFolder.boolValue)
        }
        guard missing.isEmpty else {
            throw .failed(
                "\(CommandFailure.quoted(path)) is not a Clientele store folder (missing \(missing.map { "\($0)/" }.joined(separator: ", ")))")
        }
        self.url = url
    }

    /// The folder of one module's store.
    func folder(_ module: String) -> URL { url.appending(path: module) }

    /// Stops when another process holds a store's lock, without taking any lock.
    ///
    /// - Throws: ``CommandFailure`` (failed) naming the module whose lock is held.
    func checkNotLocked() throws(CommandFailure) {
        for module in Self.modules where Self.isLockedElsewhere(folder(module).appending(path: "LOCK").path) {
            throw Self.lockedFailure(module)
        }
    }

    /// Opens the hub over the folder with the command's configuration (``ShopConfiguration``).
    ///
    /// - Throws: ``CommandFailure`` when another process holds a lock; the store's error otherwise.
    private func openHub(digestSalt: [UInt8]) async throws -> CustomerHub {
        try checkNotLocked()
        do {
            return try await CustomerHub.open(at: url, configuration: try ShopConfiguration.make(digestSalt: digestSalt))
        } catch let error as CoreError where error.code == .storeAlreadyOpen {
            throw Self.lockedFailure(nil)
        }
    }

    /// Opens the hub with ``ShopConfiguration``, runs `body` on it, and closes it, also when `body` throws.
    ///
    /// - Parameters:
    ///   - start: Runs `CustomerHub.start()` first (the price book and every customer's
    ///     segmentation facts).
    ///   - digestSalt: The suppression digest salt (``ShopConfiguration/digestSalt(environment:demo:)``);
    ///     the demo shop's for the commands that neither suppress nor look up an address.
    func withHub<Result>(
        start: Bool = false, digestSalt: [UInt8] = ShopConfiguration.demoDigestSalt, _ body: (CustomerHub) async throws -> Result
    ) async throws -> Result {
        let hub = try await openHub(digestSalt: digestSalt)
        do {
            if start { try await hub.start() }
            let result = try await body(hub)
            try await hub.close()
            return result
        } catch {
            try? await hub.close()
            throw error
        }
    }

    /// The files of one module's folder, by name.
    func files(of module: String) throws -> [File] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        return try FileManager.default.contentsOfDirectory(at: folder(module), includingPropertiesForKeys: keys)
            .compactMap { file -> File? in
                let values = try file.resourceValues(forKeys: Set(keys))
                guard values.isRegularFile == true else { return nil }
                return File(name: file.lastPathComponent, size: Int64(values.fileSize ?? 0), modified: values.contentModificationDate)
            }
            .sorted { $0.name < $1.name }
    }

    /// The bytes of every file of one module's folder.
    func size(of module: String) throws -> Int64 {
        try files(of: module).reduce(0) { $0 + $1.size }
    }

    private static func lockedFailure(_ module: String?) -> CommandFailure {
        .failed(
            "another process holds the lock on this store\(module.map { " (\($0)/LOCK)" } ?? ""): it is open elsewhere; "
                + "close it there and run the command again")
    }

    /// True when another process holds the `flock` on `path` (a missing file is not locked).
    private static func isLockedElsewhere(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }
}

/// Byte counts and ages as the commands print them.
enum Format {
    /// `512 B`, `4.0 KiB`, `1.3 MiB`, `2.10 GiB`.
    static func bytes(_ count: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard count >= 1_024 else { return "\(count) B" }
        var value = Double(count) / 1_024
        var unit = 0
        while value >= 1_024, unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    /// `1 customer`, `3 customers`: a count with its noun, plural by appending `s` unless `plural` says otherwise.
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// How long ago `date` was, in the largest whole unit: `45 s`, `12 min`, `3 h`, `2 d`.
    static func age(of date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7_200: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3_600) h"
        default: return "\(seconds / 86_400) d"
        }
    }
}
