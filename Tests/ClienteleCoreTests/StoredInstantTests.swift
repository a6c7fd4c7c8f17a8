import ClienteleCore
import Foundation
import Testing

@Suite struct StoredInstantTests {
    private struct FixedClock: WallClock {
        let instant: Date
        func now() -> Date { instant }
    }

    @Test func anInstantIsRoundedToTheNearestMillisecond() {
        let base = 1_793_491_200.0
        #expect(StoredInstant.normalized(Date(timeIntervalSince1970: base + 0.123_4)) == Date(timeIntervalSince1970: base + 0.123))
        #expect(StoredInstant.normalized(Date(timeIntervalSince1970: base + 0.123_6)) == Date(timeIntervalSince1970: base + 0.124))
        #expect(StoredInstant.milliseconds(Date(timeIntervalSince1970: base + 0.123)) == 1_793_491_200_123)
        #expect(StoredInstant.isNormalized(Date(timeIntervalSince1970: base + 0.123)))
        #expect(!StoredInstant.isNormalized(Date(timeIntervalSince1970: base + 0.123_4)))
    }

    @Test func aMillisecondCountRoundTripsExactly() {
        for count: Int64 in [0, 1, -1, 1_793_491_200_123, 253_402_300_799_999, -62_135_596_800_000] {
            #expect(StoredInstant.milliseconds(StoredInstant.date(milliseconds: count)) == count)
        }
    }

    @Test func extremeDatesClampInsteadOfTrapping() {
        #expect(StoredInstant.milliseconds(Date(timeIntervalSince1970: .infinity)) == StoredInstant.limit)
        #expect(StoredInstant.milliseconds(Date(timeIntervalSince1970: -.infinity)) == Int64.min / 2)
        #expect(StoredInstant.milliseconds(Duration.seconds(Int64.max)) == StoredInstant.limit)
        #expect(StoredInstant.milliseconds(Duration.milliseconds(1_500)) == 1_500)
    }

    @Test func storedNowIsTheClockAtMillisecondPrecision() {
        let clock = FixedClock(instant: Date(timeIntervalSince1970: 1_793_491_200.123_456))
        #expect(clock.storedNow() == Date(timeIntervalSince1970: 1_793_491_200.123))
        #expect(StoredInstant.isNormalized(clock.storedNow()))
    }
}
