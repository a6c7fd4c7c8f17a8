extension SegmentationErrorCode {
    /// A ``LifecyclePolicy`` or ``TriggerPolicy`` value is out of range or contradicts
    /// another; `context.field` names the field.
    public static let invalidConfiguration = Self(rawValue: "segmentation.invalidConfiguration")
}
