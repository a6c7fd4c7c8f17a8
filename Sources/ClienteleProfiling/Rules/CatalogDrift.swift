/// Finds the stored values the catalog no longer explains after it changed: fields that
/// were removed, and fields whose type changed so the stored value no longer fits.
///
/// Orphaned values stay in the profile and stay readable (``CustomerProfile/entry(for:)``);
/// the rules ignore them (a field with an orphaned value of another type is not asked
/// again while the value is there; completeness counts it as missing). The shop decides
/// whether to migrate or purge them.
public enum CatalogDrift {
    /// The orphaned values of `profile` under `catalog`, sorted by field key.
    ///
    /// - Complexity: O(v) for v stored values.
    public static func orphans(in profile: CustomerProfile, catalog: FieldCatalog) -> [OrphanedValue] {
        profile.entries.compactMap { entry in
            guard let field = catalog.field(entry.field) else { return OrphanedValue(entry: entry, reason: .fieldRemoved) }
            return entry.value.fits(field.type) ? nil : OrphanedValue(entry: entry, reason: .typeChanged(field.type))
        }
    }
}
