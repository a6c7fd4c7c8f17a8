import ClienteleCore
enum JournalCommand {
    static func run(_ options: [String]) async throws {
        throw BenchError(.usage, "not yet available")
    }
}
