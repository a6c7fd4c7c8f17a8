/// Runs `body` on each element in order and collects each outcome, an error included, so
/// that one failure does not stop the rest: the default of the stores' batch requirements
/// (`insert(contentsOf:)`, `save(contentsOf:)`, `append(contentsOf:)`) for an adapter that
/// has no batch write of its own.
///
/// - Returns: One result per element, in order.
package func resultsOneByOne<Element, Value>(
    _ elements: [Element], _ body: (Element) async throws -> Value
) async -> [Result<Value, any Error>] {
    var results: [Result<Value, any Error>] = []
    results.reserveCapacity(elements.count)
    for element in elements {
        do {
            results.append(.success(try await body(element)))
        } catch {
            results.append(.failure(error))
        }
    }
    return results
}
