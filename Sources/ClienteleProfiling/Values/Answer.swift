/// A customer's answer to one field of a submission: a value, or a decline.
public enum Answer: Sendable, Hashable {
    /// The customer answered with this value.
    case value(ProfileValue)
    /// The customer chose not to answer; the field waits out its cool-down before it is asked again.
    case declined
}

/// What to store of a submission in which some answers fail.
public enum SubmissionMode: Sendable, Hashable {
    /// Nothing is stored when any answer fails (the default).
    case atomic
    /// The valid answers are stored; the failing ones are reported.
    case partial
}
