// swift-tools-version: 6.1
import PackageDescription

/// The same upcoming features the library holds itself to.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Clientele's performance package, kept apart from the library so the library stays
/// free of package dependencies.
///
/// - `Benchmarks/ClienteleBenchmarks`: micro-benchmarks of hot paths (package-benchmark),
///   run with `swift package benchmark`; their thresholds live in `Thresholds/`.
/// - `clientele-bench`: the workloads compared with the peers (`compare.sh`), printing
///   `key=value` lines.
let package = Package(
    name: "ClienteleBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Clientele", path: "../"),
        .package(
            url: "https://github.com/ordo-one/benchmark",
            from: "1.38.1",
            traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "ClienteleBenchSupport",
            dependencies: [
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClienteleProfiling", package: "Clientele"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "ClienteleBenchmarks",
            dependencies: [
                "ClienteleBenchSupport",
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClientelePricing", package: "Clientele"),
                .product(name: "ClienteleProfiling", package: "Clientele"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ClienteleBenchmarks",
            swiftSettings: strict,
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]),
        .executableTarget(
            name: "clientele-bench",
            dependencies: [
                "ClienteleBenchSupport",
                .product(name: "Clientele", package: "Clientele"),
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClientelePricing", package: "Clientele"),
                .product(name: "ClienteleAccounts", package: "Clientele"),
                .product(name: "ClienteleConsent", package: "Clientele"),
                .product(name: "ClienteleSegmentation", package: "Clientele"),
                .product(name: "ClienteleProfiling", package: "Clientele"),
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
