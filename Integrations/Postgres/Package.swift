// swift-tools-version: 6.1
import PackageDescription

/// The same upcoming features the library holds itself to. Warnings as errors are passed
/// by `ci.sh`, never through `unsafeFlags`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Clientele's PostgreSQL adapter, kept apart from the library so the library stays free
/// of package dependencies. See `Docs/Postgres.md`.
let package = Package(
    name: "ClientelePostgres",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ClientelePostgres", targets: ["ClientelePostgres"]),
    ],
    dependencies: [
        .package(name: "Clientele", path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // postgres-nio's own logging dependency, named because its connection API takes a `Logger`.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
    ],
    targets: [
        .target(
            name: "ClientelePostgres",
            dependencies: [
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClienteleAccounts", package: "Clientele"),
                .product(name: "ClienteleConsent", package: "Clientele"),
                .product(name: "ClienteleProfiling", package: "Clientele"),
                .product(name: "ClientelePricing", package: "Clientele"),
                .product(name: "ClienteleSegmentation", package: "Clientele"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Registrations per second on these stores and on the file store; `bench.sh` runs it
        // beside pgbench. See Docs/Benchmarks.md.
        .executableTarget(
            name: "clientele-pg-bench",
            dependencies: [
                "ClientelePostgres",
                .product(name: "Clientele", package: "Clientele"),
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ClientelePostgresTests",
            dependencies: [
                "ClientelePostgres",
                .product(name: "Clientele", package: "Clientele"),
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClienteleAccounts", package: "Clientele"),
                .product(name: "ClienteleConsent", package: "Clientele"),
                .product(name: "ClienteleAccountsTesting", package: "Clientele"),
                .product(name: "ClienteleConsentTesting", package: "Clientele"),
                .product(name: "ClienteleProfiling", package: "Clientele"),
                .product(name: "ClienteleProfilingTesting", package: "Clientele"),
                .product(name: "ClientelePricing", package: "Clientele"),
                .product(name: "ClientelePricingTesting", package: "Clientele"),
                .product(name: "ClienteleSegmentation", package: "Clientele"),
                .product(name: "ClienteleSegmentationTesting", package: "Clientele"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
