import ClienteleCore
enum PBKDF2Command {
    static func run(_ options: [String]) async throws {
        throw BenchError(.usage, "not yet available")
    }
}
