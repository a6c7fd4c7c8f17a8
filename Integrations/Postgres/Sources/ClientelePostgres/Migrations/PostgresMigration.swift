/// One named, versioned change of the PostgreSQL schema: SQL statements run in one
/// transaction and recorded in `clientele_migrations`.
///
/// Migrations are never edited once released; a schema change is a new migration with the
/// next version.
public struct PostgresMigration: Sendable, Hashable {
    /// The position in ``PostgresMigrations/all``, from 1, without gaps.
    public let version: Int
    /// A stable name, recorded beside the version (a database migrated by a build whose
    /// migration of that version has another name is refused).
    public let name: String
    /// The statements, run in order in one transaction.
    public let statements: [String]

    /// Creates a migration.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
