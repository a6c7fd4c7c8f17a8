import ClienteleCore
import Foundation

/// The store folders the commands build and measure.
enum Folder {
    /// Removes `url` if it exists and creates it empty.
    ///
    /// - Throws: `BenchError.output` when the folder cannot be removed or created.
    static func fresh(_ url: URL) throws(BenchError) {
        do {
            if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw BenchError(.output, "cannot prepare the store folder", context: .init(file: url.path), underlying: error)
        }
    }

    /// The total size of the files directly in `folder`, in bytes.
    ///
    /// - Throws: `BenchError.output` when the folder cannot be read.
    static func size(of folder: URL) throws(BenchError) -> Int {
        do {
            var total = 0
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let attributes = try FileManager.default.attributesOfItem(atPath: folder.appending(path: name).path)
                total += (attributes[.size] as? Int) ?? 0
            }
            return total
        } catch {
            throw BenchError(.output, "cannot read the store folder", context: .init(file: folder.path), underlying: error)
        }
    }
}
