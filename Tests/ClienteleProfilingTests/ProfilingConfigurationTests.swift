import ClienteleProfiling
import Foundation
import Testing

/// The configuration refuses values out of range, naming the field, and adjusts nothing.
@Suite struct ProfilingConfigurationTests {
    @Test func theDefaultsCapPromptsOnceAWeekOutsideRegistrationAndCheckout() throws {
        let configuration = ProfilingConfiguration()
        #expect(configuration.historyLimit == 50)
        #expect(configuration.maximumConflictAttempts == ConflictRetry.defaultMaximumAttempts)
        let cap = try #require(configuration.promptCap)
        #expect(cap.maximumPrompts == 1)
        #expect(cap.period == .seconds(7 * 86_400))
        #expect(cap.exemptMoments == [.registrationStep1, .registrationStep2, .checkout])
        #expect(!cap.applies(to: .checkout))
        #expect(cap.applies(to: .accountPage))
        #expect(try ProfilingConfiguration(historyLimit: 50) == configuration)
    }

    static let invalid: [(field: String, make: @Sendable () throws(ProfilingError) -> ProfilingConfiguration)] = [
        ("historyLimit", { () throws(ProfilingError) in try ProfilingConfiguration(historyLimit: -1) }),
        ("historyLimit", { () throws(ProfilingError) in try ProfilingConfiguration(historyLimit: 10_001) }),
        ("promptCap.maximumPrompts", { () throws(ProfilingError) in try ProfilingConfiguration(promptCap: PromptCap(maximumPrompts: 0)) }),
        ("promptCap.period", { () throws(ProfilingError) in try ProfilingConfiguration(promptCap: PromptCap(period: .zero)) }),
        ("promptCap.period", { () throws(ProfilingError) in try ProfilingConfiguration(promptCap: PromptCap(period: .seconds(-5))) }),
        ("maximumConflictAttempts", { () throws(ProfilingError) in try ProfilingConfiguration(maximumConflictAttempts: 0) }),
    ]

    @Test(arguments: invalid.indices)
    func anOutOfRangeValueIsRefusedNamingItsField(index: Int) {
        let (field, make) = Self.invalid[index]
        #expect {
            try make()
        } throws: { error in
            guard let error = error as? ProfilingError else { return false }
            return error.code == .invalidConfiguration && error.context.field == field
        }
    }

    @Test func theBoundsThemselvesAreAccepted() throws {
        #expect(try ProfilingConfiguration(historyLimit: 0).historyLimit == 0)
        #expect(try ProfilingConfiguration(historyLimit: 10_000).historyLimit == 10_000)
        #expect(try ProfilingConfiguration(promptCap: nil).promptCap == nil)
        #expect(try ProfilingConfiguration(maximumConflictAttempts: 1).maximumConflictAttempts == 1)
    }
}
