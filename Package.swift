// swift-tools-version: 6.1
import Foundation
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

/// One test target per module that has a `Tests/<Module>Tests` folder.
let testedModules = (["ClienteleCore"] + domainModules + ["Clientele", "ClienteleTestKit"])
    .filter { hasFolder("Tests/\($0)Tests") }

func hasFolder(_ relativePath: String) -> Bool {
    var isDirectory: ObjCBool = false
    let path = Context.packageDirectory + "/" + relativePath
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}

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
        .library(name: "ClienteleTestKit", targets: ["ClienteleTestKit"]),
        .executable(name: "clientele", targets: ["clientele"]),
    ],
    targets: [
        .target(name: "ClienteleCore", swiftSettings: strict),
    ] + domainModules.map {
        .target(name: $0, dependencies: ["ClienteleCore"], swiftSettings: strict)
    } + [
        .target(
            name: "Clientele",
            dependencies: ["ClienteleCore"] + domainModules.map { .target(name: $0) },
            swiftSettings: strict),
        .target(
            name: "ClienteleTestKit",
            dependencies: ["ClienteleCore"] + domainModules.map { .target(name: $0) },
            swiftSettings: strict),
        .executableTarget(
            name: "clientele",
            dependencies: ["Clientele"],
            swiftSettings: strict),
    ] + testedModules.map { module in
        .testTarget(
            name: "\(module)Tests",
            dependencies: Set([module, "ClienteleTestKit"]).sorted().map { .target(name: $0) },
            resources: hasFolder("Tests/\(module)Tests/Fixtures") ? [.copy("Fixtures")] : [],
            swiftSettings: strict)
    },
    swiftLanguageModes: [.v6]
)
