import ClienteleTestKit
import Foundation
import Testing

@Suite struct ManualClockTests {
    @Test func standsStillUntilAdvanced() {
        let clock = ManualClock()
        #expect(clock.now() == ManualClock.defaultStart)
        #expect(clock.now() == clock.now())
        clock.advance(by: .seconds(90))
        #expect(clock.now() == ManualClock.defaultStart.addingTimeInterval(90))
        clock.advance(by: .milliseconds(-500))
        #expect(clock.now() == ManualClock.defaultStart.addingTimeInterval(89.5))
    }

    @Test func canBeSetToAnInstant() {
        let clock = ManualClock(Date(timeIntervalSince1970: 0))
        clock.set(to: Date(timeIntervalSince1970: 1_000))
        #expect(clock.now().timeIntervalSince1970 == 1_000)
    }
}
