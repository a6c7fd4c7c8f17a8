import ClienteleCore
import Foundation

/// A CSV file without quoted fields, split into rows of fields (header skipped).
struct DatasetTable {
    var rows: [[String]] = []

    init(_ folder: URL, _ name: String, limit: Int = .max) throws {
        let url = folder.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchError(.usage, "cannot read the dataset file; make it with 'clientele-bench dataset --pricing'", context: .init(file: url.path))
        }
        var fields: [String] = []
        var fieldStart = 0
        var isHeader = true
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var i = 0
            let count = bytes.count
            func field(_ end: Int) -> String {
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[fieldStart..<end]), as: UTF8.self)
            }
            while i < count && rows.count < limit {
                let byte = bytes[i]
                if byte == 0x2C {
                    fields.append(field(i))
                    fieldStart = i + 1
                } else if byte == 0x0A {
                    let end = i > fieldStart && bytes[i - 1] == 0x0D ? i - 1 : i
                    fields.append(field(end))
                    if isHeader { isHeader = false } else { rows.append(fields) }
                    fields.removeAll(keepingCapacity: true)
                    fieldStart = i + 1
                }
                i += 1
            }
        }
    }
}
