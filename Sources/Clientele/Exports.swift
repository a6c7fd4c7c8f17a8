// The umbrella: `import Clientele` brings every module. Hosts that need only one
// capability import that module alone (`import ClienteleConsent`).
@_exported public import ClienteleAccounts
@_exported public import ClienteleConsent
@_exported public import ClienteleCore
@_exported public import ClientelePricing
@_exported public import ClienteleProfiling
@_exported public import ClienteleSegmentation
