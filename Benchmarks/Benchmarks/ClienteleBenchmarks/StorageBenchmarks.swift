import Benchmark
import ClienteleBenchSupport
import ClienteleCore

/// `StateStore` in memory: the cost of a commit, the floor under every store write.
func storageBenchmarks() {
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
