// The suite and fixtures are written in terms of the test kit's base (ConformanceSuite,
// ManualClock, ConformanceFailure), so importing this module brings it along.
@_exported public import ClienteleTestKitCore
