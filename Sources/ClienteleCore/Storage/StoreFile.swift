#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Thin POSIX file operations for the journal: every failure becomes a ``CoreError``
/// naming the file, never a crash. Files are created owner-only (0600).
package enum StoreFile {
    /// Owner read and write only: the files hold personal data.
    static let fileMode: mode_t = 0o600
    /// Owner only.
    static let folderMode: mode_t = 0o700

    static func ioError(_ action: String, _ path: String, errno code: Int32 = errno) -> CoreError {
        CoreError(
            .storeIOFailed,
            "Could not \(action) a store file; check the disk and the folder's permissions.",
            context: ErrorContext(file: (path as NSString).lastPathComponent),
            underlying: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
    }

    /// Opens `path` with `flags`, retrying on interruption.
    static func open(_ path: String, _ flags: Int32) throws -> Int32 {
        while true {
            let descriptor = path.withCString { posixOpen($0, flags | O_CLOEXEC, fileMode) }
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw ioError("open", path) }
        }
    }

    /// Writes all of `buffer` at `offset`.
    static func write(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        guard var pointer = buffer.baseAddress else { return }
        var remaining = buffer.count
        var position = offset
        while remaining > 0 {
            let written = pwrite(descriptor, pointer, remaining, off_t(position))
            if written < 0 {
                if errno == EINTR { continue }
                throw ioError("write", path)
            }
            pointer += written
            remaining -= written
            position += written
        }
    }

    /// Makes everything written to `descriptor` durable (`F_FULLFSYNC` on Apple platforms).
    static func sync(_ descriptor: Int32, path: String) throws {
        #if canImport(Darwin)
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        #endif
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw ioError("sync", path) }
        }
    }

    /// Makes the data written to `descriptor` durable when the file's size and blocks did
    /// not change since the last full sync (`fdatasync`; `F_FULLFSYNC` on Apple platforms).
    static func syncData(_ descriptor: Int32, path: String) throws {
        #if canImport(Darwin)
        try sync(descriptor, path: path)
        #else
        while fdatasync(descriptor) != 0 {
            if errno != EINTR { throw ioError("sync", path) }
        }
        #endif
    }

    /// Writes zeros over `start..<end`.
    static func writeZeros(_ descriptor: Int32, from start: Int, to end: Int, path: String) throws {
        let zeros = [UInt8](repeating: 0, count: min(end - start, 1 << 20))
        var offset = start
        while offset < end {
            let count = min(zeros.count, end - offset)
            try zeros.withUnsafeBytes { try write(descriptor, UnsafeRawBufferPointer(rebasing: $0[..<count]), at: offset, path: path) }
            offset += count
        }
    }

    /// Makes the folder's entries (created, renamed, removed files) durable.
    package static func syncFolder(_ path: String) throws {
        let descriptor = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Writes `bytes` to a new file at `path` via a temporary file: write, sync, rename, sync the folder.
    package static func writeDurably(_ bytes: UnsafeRawBufferPointer, to path: String, folder: String) throws {
        let temporary = path + ".tmp"
        let descriptor = try open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try write(descriptor, bytes, at: 0, path: temporary)
            try sync(descriptor, path: temporary)
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        try rename(temporary, to: path)
        try syncFolder(folder)
    }

    static func rename(_ from: String, to destination: String) throws {
        guard posixRename(from, destination) == 0 else { throw ioError("rename", from) }
    }

    package static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw ioError("remove", path) }
    }

    static func truncate(_ path: String, to size: Int) throws {
        let descriptor = try open(path, O_WRONLY)
        defer { close(descriptor) }
        try truncate(descriptor, to: size, path: path)
    }

    /// Cuts the open file back to `size` bytes and makes that durable. Shrinking a file
    /// needs no free space, so this works on a full disk too.
    static func truncate(_ descriptor: Int32, to size: Int, path: String) throws {
        while ftruncate(descriptor, off_t(size)) != 0 {
            if errno != EINTR { throw ioError("truncate", path) }
        }
        try sync(descriptor, path: path)
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Creates `path` owner-only if missing, and makes an existing folder owner-only.
    static func prepareFolder(_ path: String) throws {
        if mkdir(path, folderMode) != 0 {
            guard errno == EEXIST else {
                do {
                    try FileManager.default.createDirectory(
                        atPath: path, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: Int(folderMode)])
                } catch {
                    throw CoreError(
                        .storeIOFailed, "Could not create the store folder; check the path and its permissions.",
                        context: ErrorContext(file: (path as NSString).lastPathComponent), underlying: error)
                }
                return
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw ioError("inspect", path) }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw CoreError(
                .storeIOFailed, "The store path exists but is not a folder.",
                context: ErrorContext(file: (path as NSString).lastPathComponent))
        }
        if status.st_mode & 0o777 != folderMode {
            _ = chmod(path, folderMode)
        }
    }

    /// The names of the entries of the folder at `path`.
    static func names(in path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw CoreError(
                .storeIOFailed, "Could not list the store folder.",
                context: ErrorContext(file: (path as NSString).lastPathComponent), underlying: error)
        }
    }
}

// The C functions whose names the enum's own methods shadow.
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

private func posixRename(_ from: String, _ to: String) -> Int32 {
    rename(from, to)
}
