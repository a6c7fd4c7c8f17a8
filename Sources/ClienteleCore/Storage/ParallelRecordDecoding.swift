import Dispatch
import Foundation
import Synchronization

/// Decodes the elements of a large collection (typically a store's main dictionary in a
/// snapshot, or a window of journal records) on every core: one cheap pass finds where each
/// element starts, then chunks are decoded concurrently, each with its own cursor over the
/// same read-only bytes, and handed over **in order** to the caller's serial work (inserting
/// into a dictionary, applying changes) while later chunks are still being decoded.
///
/// Elements are moved, never copied: each is written once into one buffer by its decoder and
/// moved out once by the consumer, so no element is retained or released on the way.
enum ParallelRecordDecoding {
    /// Collections smaller than this decode on the calling thread.
    static let minimumCount = 1 << 14

    /// Elements per chunk: small enough that the serial consumer starts early and the cores
    /// stay balanced, large enough that claiming a chunk costs nothing.
    static let chunkSize = 1 << 12

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

    /// Decodes the element at each offset with `element` (given a cursor at the offset and the
    /// element's index) in parallel chunks, and calls `consume` with each chunk, in order, on
    /// one thread at a time, as soon as the chunk is ready.
    ///
    /// `consume` receives the chunk's initialized elements and must move **every** one of them
    /// out (or deinitialize it), even when it throws. After the first error (from `element` or
    /// `consume`) nothing more is consumed, the remaining decoded elements are destroyed, and
    /// the error is rethrown once every worker has stopped. The error is the one sequential
    /// decoding would have met first.
    static func decode<Element>(
        _ core: RecordDecoderCore,
        offsets: [Int],
        element: (RecordDecoderCore, Int) throws -> Element,
        consume: (UnsafeMutableBufferPointer<Element>) throws -> Void
    ) throws {
        let total = offsets.count
        guard total > 0 else { return }
        let chunks = (total + chunkSize - 1) / chunkSize
        // One buffer per chunk, freed as soon as it is consumed: memory the allocator hands
        // out again for later chunks, instead of one large block of fresh pages.
        let storage = UnsafeMutablePointer<UnsafeMutablePointer<Element>?>.allocate(capacity: chunks)
        storage.initialize(repeating: nil, count: chunks)
        defer { storage.deallocate() }
        let board = Board(chunks: chunks)
        var failure: (any Error)?
        withoutActuallyEscaping(element) { element in
            withoutActuallyEscaping(consume) { consume in
                let job = Job(
                    base: core.base, count: core.count, offsets: offsets, total: total, chunks: chunks,
                    storage: storage, board: board, element: element, consume: consume)
                let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), chunks)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    if worker == 0 { job.consumeInOrder() } else { job.decodeClaimedChunks() }
                }
                failure = job.failure
            }
        }
        if let failure { throw failure }
    }

    /// The chunks' state shared by the workers: which chunk is next to claim, and a signal per
    /// chunk when it is decoded (or failed, or skipped).
    private final class Board: @unchecked Sendable {
        /// The next chunk nobody has claimed yet.
        let next = Atomic<Int>(0)
        /// The lowest chunk known to have failed (`Int.max` while none has): workers skip the
        /// chunks after it, but still decode every chunk before it, so the error reported is
        /// always the first one in order, as if decoding had been sequential.
        let firstFailure = Atomic<Int>(Int.max)

        /// Records that `chunk` failed (or that nothing after it is needed).
        func fail(at chunk: Int) {
            var current = firstFailure.load(ordering: .relaxed)
            while chunk < current {
                let (exchanged, original) = firstFailure.compareExchange(expected: current, desired: chunk, ordering: .relaxed)
                if exchanged { return }
                current = original
            }
        }
        /// Signalled once per chunk claimed by a worker other than the consumer.
        let ready: [DispatchSemaphore]
        /// Per chunk, written before its signal: whether its elements are initialized, and its
        /// error. Plain memory, each slot written by one worker only.
        let decoded: UnsafeMutablePointer<Bool>
        let errors: UnsafeMutablePointer<(any Error)?>
        let chunks: Int

        init(chunks: Int) {
            self.chunks = chunks
            ready = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
            decoded = .allocate(capacity: chunks)
            decoded.initialize(repeating: false, count: chunks)
            errors = .allocate(capacity: chunks)
            errors.initialize(repeating: nil, count: chunks)
        }

        deinit {
            decoded.deallocate()
            errors.deinitialize(count: chunks)
            errors.deallocate()
        }
    }

    private final class Job<Element>: @unchecked Sendable {
        let base: UnsafeRawPointer
        let count: Int
        let offsets: [Int]
        let total: Int
        let chunks: Int
        /// Each chunk's buffer while it holds decoded elements.
        let storage: UnsafeMutablePointer<UnsafeMutablePointer<Element>?>
        let board: Board
        let element: (RecordDecoderCore, Int) throws -> Element
        let consume: (UnsafeMutableBufferPointer<Element>) throws -> Void
        /// The first error; read by the calling thread after every worker has returned.
        var failure: (any Error)?

        init(
            base: UnsafeRawPointer, count: Int, offsets: [Int], total: Int, chunks: Int,
            storage: UnsafeMutablePointer<UnsafeMutablePointer<Element>?>, board: Board,
            element: @escaping (RecordDecoderCore, Int) throws -> Element,
            consume: @escaping (UnsafeMutableBufferPointer<Element>) throws -> Void
        ) {
            self.base = base
            self.count = count
            self.offsets = offsets
            self.total = total
            self.chunks = chunks
            self.storage = storage
            self.board = board
            self.element = element
            self.consume = consume
        }

        func range(of chunk: Int) -> Range<Int> {
            (chunk * ParallelRecordDecoding.chunkSize)..<min(total, (chunk + 1) * ParallelRecordDecoding.chunkSize)
        }

        /// Decodes `chunk` into a new buffer; on failure leaves no buffer behind.
        func decodeChunk(_ chunk: Int, with cursor: RecordDecoderCore) {
            let range = range(of: chunk)
            guard chunk < board.firstFailure.load(ordering: .relaxed) else { return }
            let buffer = UnsafeMutablePointer<Element>.allocate(capacity: range.count)
            var decoded = 0
            do {
                while decoded < range.count {
                    let index = range.lowerBound + decoded
                    cursor.position = offsets[index]
                    (buffer + decoded).initialize(to: try element(cursor, index))
                    decoded += 1
                }
                storage[chunk] = buffer
                board.decoded[chunk] = true
            } catch {
                buffer.deinitialize(count: decoded)
                buffer.deallocate()
                board.errors[chunk] = error
                board.fail(at: chunk)
            }
        }

        /// Destroys whatever `chunk`'s buffer still holds and frees it.
        func discard(_ chunk: Int, consumed: Bool) {
            guard let buffer = storage[chunk] else { return }
            if !consumed { buffer.deinitialize(count: range(of: chunk).count) }
            buffer.deallocate()
            storage[chunk] = nil
        }

        /// A helper worker: claims chunks in order and decodes them until none is left.
        func decodeClaimedChunks() {
            let cursor = RecordDecoderCore(base: base, count: count)
            while true {
                let chunk = board.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                decodeChunk(chunk, with: cursor)
                board.ready[chunk].signal()
            }
        }

        /// The consuming worker: takes the chunks in order, decoding a chunk itself when no
        /// helper has claimed it yet (so it never waits for a chunk nobody is working on),
        /// then cleans up whatever an error left unconsumed.
        func consumeInOrder() {
            let cursor = RecordDecoderCore(base: base, count: count)
            var chunk = 0
            // Chunks before this one are settled: decoded here, or their signal was taken.
            var settled = 0
            while chunk < chunks {
                if board.next.compareExchange(expected: chunk, desired: chunk + 1, ordering: .relaxed).exchanged {
                    decodeChunk(chunk, with: cursor)
                } else {
                    board.ready[chunk].wait()
                }
                settled = chunk + 1
                if let error = board.errors[chunk] {
                    failure = error
                    break
                }
                guard board.decoded[chunk], let buffer = storage[chunk] else { break }
                let count = range(of: chunk).count
                defer { discard(chunk - 1, consumed: true) }
                chunk += 1
                do {
                    try consume(UnsafeMutableBufferPointer(start: buffer, count: count))
                } catch {
                    failure = error
                    break
                }
            }
            guard chunk < chunks else { return }
            // Stop the helpers, wait for the chunks they hold, destroy what they decoded.
            board.fail(at: chunk)
            let claimed = min(board.next.exchange(chunks, ordering: .relaxed), chunks)
            for pending in chunk..<max(chunk, claimed) {
                if pending >= settled { board.ready[pending].wait() }
                if failure == nil, let error = board.errors[pending] { failure = error }
                if board.decoded[pending] { discard(pending, consumed: false) }
            }
            if failure == nil {
                failure = RecordDecoderCore.corrupted(at: offsets[range(of: chunk).lowerBound], "Decoding stopped early.")
            }
        }
    }
}
