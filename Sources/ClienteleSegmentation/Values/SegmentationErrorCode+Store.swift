extension SegmentationErrorCode {
    /// Another writer got there first: a definition's revision moved on, a membership
    /// change no longer matches what is stored, or a trigger key is already fired. Read
    /// again and retry.
    public static let conflict = Self(rawValue: "segmentation.conflict")
    /// No segment of that name is defined.
    public static let unknownSegment = Self(rawValue: "segmentation.unknownSegment")
    /// A segment name is not 1–64 characters from `[a-z0-9_.-]`.
    public static let invalidSegmentName = Self(rawValue: "segmentation.invalidSegmentName")
    /// A trigger key is empty or longer than ``SegmentStoreLimits/maximumTriggerKeyLength``.
    public static let invalidTriggerKey = Self(rawValue: "segmentation.invalidTriggerKey")
    /// A page size (a listing's `limit`) is below 1.
    public static let invalidPageSize = Self(rawValue: "segmentation.invalidPageSize")
}
