/// The former name of the token digest Accounts stores instead of a session or one-time
/// token: it is ClienteleCore's ``Digest256`` now, with the same stored text (64 hex
/// digits, written in lower case).
@available(*, deprecated, renamed: "Digest256")
public typealias TokenDigest = Digest256
