import ClientelePricing
import Testing

@Suite struct PricingConfigurationTests {
    @Test func theDefaultsUseTheSharedConflictBound() throws {
        #expect(PricingConfiguration().maximumConflictAttempts == ConflictRetry.defaultMaximumAttempts)
        #expect(try PricingConfiguration() == PricingConfiguration(maximumConflictAttempts: ConflictRetry.defaultMaximumAttempts))
        #expect(try PricingConfiguration(maximumConflictAttempts: 1).maximumConflictAttempts == 1)
    }

    @Test(arguments: [0, -1, Int.min])
    func fewerThanOneConflictAttemptIsRefusedNamingTheField(_ attempts: Int) {
        #expect {
            _ = try PricingConfiguration(maximumConflictAttempts: attempts)
        } throws: { error in
            let error = error as? PricingError
            return error?.code == .invalidConfiguration && error?.context.field == "maximumConflictAttempts"
        }
    }
}
