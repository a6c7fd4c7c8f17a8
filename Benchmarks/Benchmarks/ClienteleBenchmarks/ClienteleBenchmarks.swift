import Benchmark
import ClienteleCore

let benchmarks: @Sendable () -> Void = {
    Benchmark("placeholder") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CustomerID(rawValue: "C0000001"))
        }
    }
}
