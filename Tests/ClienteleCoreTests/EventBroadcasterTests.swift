import ClienteleCore
import Foundation
import Testing

@Suite struct EventBroadcasterTests {
    let at = Date(timeIntervalSince1970: 1_793_491_200)

    @Test func everySubscriberReceivesEveryEventInOrder() async {
        let events = EventBroadcaster()
        let first = events.subscribe()
        let second = events.subscribe()
        #expect(events.subscriberCount == 2)
        for index in 0..<3 {
            events.emit(ClienteleEvent(name: "test.\(index)", at: at))
        }
        events.finish()
        var firstNames: [String] = []
        for await event in first { firstNames.append(event.name) }
        var secondNames: [String] = []
        for await event in second { secondNames.append(event.name) }
        #expect(firstNames == ["test.0", "test.1", "test.2"])
        #expect(secondNames == firstNames)
    }

    @Test func aSlowSubscriberLosesTheOldestEventsInsteadOfBlockingTheEmitter() async {
        let events = EventBroadcaster(bufferSize: 2)
        let stream = events.subscribe()
        for index in 0..<5 {
            events.emit(ClienteleEvent(name: "test.\(index)", at: at))
        }
        events.finish()
        var names: [String] = []
        for await event in stream { names.append(event.name) }
        #expect(names == ["test.3", "test.4"])
    }

    @Test func emittingWithoutSubscribersDoesNothing() {
        let events = EventBroadcaster()
        events.emit(ClienteleEvent(name: "test.lost", at: at))
        #expect(events.subscriberCount == 0)
    }
}
