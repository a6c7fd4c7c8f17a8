// The module's API is written in terms of ClienteleCore's values (CustomerID, Money,
// EmailAddress, errors, clock), so importing this module brings them along.
@_exported public import ClienteleCore
