public import ClienteleCore

/// Failures raised by ClientelePostgres itself (the stores raise their modules' own errors,
/// such as `AccountError`, for everything their protocols name).
public typealias PostgresStoreError = ClienteleError<PostgresStoreErrorCode>

/// The failure codes of ClientelePostgres.
public struct PostgresStoreErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    private init(rawValue: String) { self.rawValue = rawValue }

    /// The database records a migration this code does not know (a newer release migrated
    /// it): the code refuses to touch a schema it cannot read. Deploy the newer release.
    public static let schemaTooNew = Self(rawValue: "postgres.schemaTooNew")

    /// The database records a migration under a version this code knows by another name: it
    /// was migrated by a different build. Nothing was changed.
    public static let schemaMismatch = Self(rawValue: "postgres.schemaMismatch")

    /// A migration version asked for (`migrate(upTo:)`) is not one of ``PostgresMigrations/all``.
    public static let unknownMigration = Self(rawValue: "postgres.unknownMigration")
}
