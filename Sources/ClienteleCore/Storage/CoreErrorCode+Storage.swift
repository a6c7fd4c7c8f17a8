/// The codes of the storage engine (``StateStore``).
extension CoreErrorCode {
    /// Another ``StateStore`` (in this process or another) has the store folder open.
    public static let storeAlreadyOpen = Self(rawValue: "core.storeAlreadyOpen")
    /// A store file is damaged: a bad record followed by good ones, a bad snapshot or header,
    /// or a record that no longer decodes. The context names the file and byte offset.
    public static let storeCorrupted = Self(rawValue: "core.storeCorrupted")
    /// A store file was written in a format version this build does not read.
    public static let storeFormatUnsupported = Self(rawValue: "core.storeFormatUnsupported")
    /// Reading, writing or syncing a store file failed; the context names the file.
    public static let storeIOFailed = Self(rawValue: "core.storeIOFailed")
    /// An earlier write or sync failed, so the store refuses further commits until reopened.
    public static let storeUnusable = Self(rawValue: "core.storeUnusable")
    /// The store was closed.
    public static let storeClosed = Self(rawValue: "core.storeClosed")
    /// A change or state could not be encoded for the journal (or is larger than 4 GiB).
    public static let storeEncodingFailed = Self(rawValue: "core.storeEncodingFailed")
}
