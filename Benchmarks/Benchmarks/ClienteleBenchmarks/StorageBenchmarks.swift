import Benchmark
import ClienteleBenchSupport
import ClienteleCore

/// `StateStore` in memory: the cost of a commit, the floor under every store write; and
/// the checksum every journal record carries.
func storageBenchmarks() {
    let bytes4K = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }

    // Every journal record is checksummed when written and when read back.
    Benchmark("CRC32C.4KiB.x100") { benchmark in
        for _ in 0..<100 {
            blackHole(CRC32C.checksum(bytes4K))
        }
    }

    // One sample = 1,000 upserts of ~300-byte customer records into a fresh store (the
    // first 1,000 insert, so the count includes the dictionary growing).
    Benchmark("StateStore.commit.inMemory.x1000") { benchmark in
        let store = StateStore<CustomerRecordState>.inMemory()
        let records = (1...1000).map { CustomerRecord(number: $0) }
        benchmark.startMeasurement()
        for record in records {
            try await store.commit(.upsert(record))
        }
        benchmark.stopMeasurement()
        blackHole(store.read { $0.records.count })
    }
}
