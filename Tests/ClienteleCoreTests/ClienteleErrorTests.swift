import ClienteleCore
import Testing

@Suite struct ClienteleErrorTests {
    @Test func descriptionNamesCodeMessageAndKnownContextOnly() {
        let error = CoreError(
            .invalidCustomerID, "Bad identifier.",
            context: ErrorContext(field: "customerID", position: 3))
        #expect(error.description == "core.invalidCustomerID: Bad identifier. (field=customerID, position=3)")
        #expect(error.source.fileID == "ClienteleCoreTests/ClienteleErrorTests.swift")
        #expect(ErrorContext().isEmpty)
        #expect(CoreError(.invalidCustomerID, "x").description == "core.invalidCustomerID: x")
    }

    @Test func describesItsUnderlyingCause() {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
        let error = CoreError(
            .invalidCustomerID, "Could not store.", context: ErrorContext(file: "journal", offset: 512),
            underlying: DiskFull())
        #expect(error.description.hasSuffix("(file=journal, offset=512) [caused by: disk full]"))
    }
}
