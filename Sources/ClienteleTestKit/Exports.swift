// The umbrella test kit: the shared base and every module's conformance suite and
// fixtures. A host testing one module's adapter can import only that module's testing
// product (`ClienteleAccountsTesting`, `ClienteleConsentTesting`, `ClientelePricingTesting`,
// `ClienteleProfilingTesting`, `ClienteleSegmentationTesting`)
// and build nothing of the other modules.
@_exported public import ClienteleAccountsTesting
@_exported public import ClienteleConsentTesting
@_exported public import ClienteleCore
@_exported public import ClientelePricingTesting
@_exported public import ClienteleProfilingTesting
@_exported public import ClienteleSegmentationTesting
@_exported public import ClienteleTestKitCore
