// swift-tools-version: 6.1
import PackageDescription

/// Every target: Swift 6 language mode (the package default) plus the upcoming
/// features we hold ourselves to. Strictness beyond that (warnings as errors) is
/// passed by `.ci/run`, never through `unsafeFlags`, so the package stays usable
/// as a dependency.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let domainModules = [
    "ClienteleAccounts",
    "ClienteleProfiling",
    "ClienteleConsent",
    "ClientelePricing",
    "ClienteleSegmentation",
]

/// The test kit, split so that a host testing one module's adapter builds only that module:
/// a shared base (`ClienteleTestKitCore`: manual clock, conformance base, temporary folders,
/// redaction and encoding checks), one testing module per domain module (its conformance
/// suite and fixtures, over the base and that module alone), and the `ClienteleTestKit`
/// umbrella that re-exports them all.
let testingModules: [(testing: String, module: String)] = [
    ("ClienteleAccountsTesting", "ClienteleAccounts"),
    ("ClienteleConsentTesting", "ClienteleConsent"),
    ("ClientelePricingTesting", "ClientelePricing"),
    ("ClienteleProfilingTesting", "ClienteleProfiling"),
    ("ClienteleSegmentationTesting", "ClienteleSegmentation"),
]

/// The modules with a test target `Tests/<Module>Tests`, and whether it ships fixture files
/// (`Tests/<Module>Tests/Fixtures`, copied as resources).
let testedModules: [(module: String, hasFixtures: Bool)] = [
    ("ClienteleCore", true),
    ("ClienteleAccounts", true),
    ("ClienteleConsent", true),
    ("ClientelePricing", false),
    ("ClienteleProfiling", false),
    ("ClienteleSegmentation", true),
    ("ClienteleTestKit", false),
    ("Clientele", false),
]

let package = Package(
    name: "Clientele",
    platforms: [
        // `Mutex` (Synchronization) needs these minimums on Apple platforms.
        .macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2),
    ],
    products: [
        .library(name: "Clientele", targets: ["Clientele"]),
        .library(name: "ClienteleCore", targets: ["ClienteleCore"]),
    ] + domainModules.map { .library(name: $0, targets: [$0]) } + [
        .library(name: "ClienteleTestKitCore", targets: ["ClienteleTestKitCore"]),
    ] + testingModules.map { .library(name: $0.testing, targets: [$0.testing]) } + [
        .library(name: "ClienteleTestKit", targets: ["ClienteleTestKit"]),
        .executable(name: "clientele", targets: ["clientele"]),
    ],
    targets: [
        .target(name: "ClienteleCore", dependencies: ["CClienteleSHA256", "CClienteleCRC32C"], swiftSettings: strict),
        // SHA-256 compression on the CPU's SHA instructions (x86-64 SHA-NI, ARMv8 SHA2), chosen
        // at run time; enabled per function with target attributes, so no compiler flags.
        .target(name: "CClienteleSHA256"),
        // CRC-32C on the CPU's CRC instructions (x86-64 SSE4.2, ARMv8 CRC32), chosen at run
        // time; enabled per function with target attributes, as the SHA-256 target.
        .target(name: "CClienteleCRC32C"),
        // One inline C function: a memory prefetch hint, which Swift cannot express.
        .target(name: "CClientelePrefetch"),
    ] + domainModules.map {
        .target(
            name: $0,
            dependencies: ["ClienteleCore"] + ($0 == "ClientelePricing" ? ["CClientelePrefetch"] : []),
            swiftSettings: strict)
    } + [
        .target(
            name: "Clientele",
            dependencies: ["ClienteleCore"] + domainModules.map { .target(name: $0) },
            swiftSettings: strict),
        .target(name: "ClienteleTestKitCore", dependencies: ["ClienteleCore"], swiftSettings: strict),
    ] + testingModules.map {
        .target(
            name: $0.testing,
            dependencies: ["ClienteleTestKitCore", .target(name: $0.module)],
            swiftSettings: strict)
    } + [
        .target(
            name: "ClienteleTestKit",
            dependencies: ["ClienteleCore", "ClienteleTestKitCore"] + testingModules.map { .target(name: $0.testing) },
            swiftSettings: strict),
        .executableTarget(
            name: "clientele",
            dependencies: ["Clientele"],
            swiftSettings: strict),
        // Test support, in no product: the stores under attack (crash loops, corruption
        // trials) and the writer process the crash loops kill with SIGKILL.
        .target(
            name: "ClienteleStoreAttacks",
            dependencies: ["ClienteleCore", "ClienteleAccounts", "ClienteleConsent", "ClienteleProfiling", "ClienteleSegmentation"],
            path: "Tests/Support/StoreAttacks",
            swiftSettings: strict),
        .executableTarget(
            name: "clientele-crash-writer",
            dependencies: ["ClienteleStoreAttacks"],
            path: "Tests/Support/CrashWriter",
            swiftSettings: strict),
        // The `clientele` command end to end: runs the built executable as a subprocess on
        // store folders the tests make (the dependency makes SwiftPM build it first).
        .testTarget(
            name: "ClienteleCommandTests",
            dependencies: ["clientele", "Clientele", "ClienteleTestKit"],
            swiftSettings: strict),
        .testTarget(
            name: "ClienteleStoreAttackTests",
            dependencies: ["ClienteleStoreAttacks", "ClienteleCore"],
            swiftSettings: strict),
    ] + testedModules.map { tested in
        .testTarget(
            name: "\(tested.module)Tests",
            dependencies: (Set([tested.module, "ClienteleTestKit"]).sorted().map { .target(name: $0) })
                + (tested.module == "ClienteleCore" ? [.target(name: "ClienteleStoreAttacks")] : []),
            resources: tested.hasFixtures ? [.copy("Fixtures")] : [],
            swiftSettings: strict)
    },
    swiftLanguageModes: [.v6]
)
