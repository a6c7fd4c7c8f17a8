// swift-tools-version: 6.1
import PackageDescription

/// Clientele's libFuzzer targets, kept apart from the library (like `Benchmarks/`) so the
/// library's manifest carries no sanitizer flags. Build and run them with `run.sh`, which
/// passes `-sanitize=fuzzer,address`; see Docs/Fuzzing.md.
///
/// Each `fuzz-*` target is one executable that hands its `LLVMFuzzerTestOneInput` to
/// libFuzzer. `fuzz-seeds` writes the valid seed inputs of the committed corpus with the
/// library itself; it is built without the fuzzer flags.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The fuzz targets, each with its folder `Sources/<name>` and corpus `Corpus/<name>`.
let fuzzTargets: [(name: String, products: [String])] = [
    ("fuzz-email", ["ClienteleCore"]),
    ("fuzz-money", ["ClienteleCore"]),
    ("fuzz-identifiers", ["ClienteleCore", "ClienteleAccounts", "ClienteleConsent", "ClientelePricing"]),
    ("fuzz-phc", ["ClienteleCore", "ClienteleAccounts"]),
    ("fuzz-record", ["ClienteleCore"]),
    ("fuzz-journal", ["ClienteleCore"]),
    ("fuzz-segments", ["ClienteleCore", "ClienteleSegmentation"]),
    ("fuzz-packed", ["ClienteleCore", "ClienteleAccounts", "ClienteleConsent", "ClienteleProfiling"]),
]

let package = Package(
    name: "ClienteleFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Clientele", path: "../.."),
    ],
    targets: [
        // Declares libFuzzer's `LLVMFuzzerRunDriver`, which Swift cannot declare with C linkage.
        .target(name: "CFuzzerDriver"),
        // Hands a target's callback to libFuzzer; only the fuzz targets link it.
        .target(name: "FuzzDriver", dependencies: ["CFuzzerDriver"], swiftSettings: strict),
        // What the targets and the seed generator share: checks, a small journaled state,
        // store files. No libFuzzer symbols, so `fuzz-seeds` links without the fuzzer flags.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "ClienteleCore", package: "Clientele")],
            swiftSettings: strict),
        .executableTarget(
            name: "fuzz-seeds",
            dependencies: [
                "FuzzSupport",
                .product(name: "ClienteleCore", package: "Clientele"),
                .product(name: "ClienteleAccounts", package: "Clientele"),
                .product(name: "ClienteleAccountsTesting", package: "Clientele"),
                .product(name: "ClienteleConsentTesting", package: "Clientele"),
                .product(name: "ClienteleProfilingTesting", package: "Clientele"),
            ],
            swiftSettings: strict),
    ] + fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["FuzzDriver", "FuzzSupport"] + target.products.map { .product(name: $0, package: "Clientele") },
            swiftSettings: strict)
    },
    swiftLanguageModes: [.v6]
)
