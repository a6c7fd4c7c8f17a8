import Dispatch
import Foundation

/// Decodes the elements of a large collection (typically a store's main dictionary in a
/// snapshot) on every core: one cheap pass finds where each element starts, then chunks
/// are decoded concurrently, each with its own cursor over the same read-only bytes.
enum ParallelRecordDecoding {
    /// Collections smaller than this decode on the calling thread.
    static let minimumCount = 1 << 14

    /// Where each of `count` elements starts; an element is an optional key and `values` values.
    static func offsets(
        _ core: RecordDecoderCore, first: Int, end: Int, count: Int, keyed: Bool, values: Int
    ) throws -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        var offset = first
        for _ in 0..<count {
            offsets.append(offset)
            if keyed { offset = try core.end(ofKeyAt: offset) }
            for _ in 0..<values { offset = try core.end(ofValueAt: offset) }
        }
        guard offset == end else {
            throw RecordDecoderCore.corrupted(at: first, "A collection's size does not match its elements.")
        }
        return offsets
    }

    /// Decodes the element at each offset with `element` (given a cursor at the offset and
    /// the element's index), in parallel chunks; returns the chunks in order.
    static func decode<Element>(
        _ core: RecordDecoderCore, offsets: [Int], element: (RecordDecoderCore, Int) throws -> Element
    ) throws -> [[Element]] {
        let chunks = min(max(ProcessInfo.processInfo.activeProcessorCount, 1) * 4, offsets.count)
        var parts = [[Element]](repeating: [], count: chunks)
        var failures = [(any Error)?](repeating: nil, count: chunks)
        withoutActuallyEscaping(element) { element in
            parts.withUnsafeMutableBufferPointer { parts in
                failures.withUnsafeMutableBufferPointer { failures in
                    // Each chunk writes only its own slot of `parts` and `failures`, reads the
                    // shared bytes only, and its values are new; the calling thread takes them
                    // over after every chunk has finished.
                    let job = Job(
                        base: core.base, count: core.count, offsets: offsets, chunks: chunks,
                        element: element, parts: parts, failures: failures)
                    DispatchQueue.concurrentPerform(iterations: chunks) { job.run($0) }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return parts
    }

    private struct Job<Element>: @unchecked Sendable {
        let base: UnsafeRawPointer
        let count: Int
        let offsets: [Int]
        let chunks: Int
        let element: (RecordDecoderCore, Int) throws -> Element
        let parts: UnsafeMutableBufferPointer<[Element]>
        let failures: UnsafeMutableBufferPointer<(any Error)?>

        func run(_ chunk: Int) {
            let range = (chunk * offsets.count / chunks)..<((chunk + 1) * offsets.count / chunks)
            let cursor = RecordDecoderCore(base: base, count: count)
            var decoded: [Element] = []
            decoded.reserveCapacity(range.count)
            do {
                for index in range {
                    cursor.position = offsets[index]
                    decoded.append(try element(cursor, index))
                }
                parts[chunk] = decoded
            } catch {
                failures[chunk] = error
            }
        }
    }
}
