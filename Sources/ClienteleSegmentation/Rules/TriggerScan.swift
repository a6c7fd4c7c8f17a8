public import Foundation

/// Finds the trigger occurrences that are due for a customer and not yet fired.
///
/// Pure and synchronous: the facts, the instant and the keys already fired go in, the
/// occurrences come out; nothing is read from a clock or a store. Exactly once across
/// restarts is then the store's part: record each ``TriggerOccurrence/key`` when the
/// message is handed over, and pass the recorded keys back on the next scan.
///
/// ```swift
/// let scan = TriggerScan(policy: TriggerPolicy())
/// let fired = try await firedKeys(of: facts.customer)    // the host's record of fired keys
/// for occurrence in scan.due(for: facts, at: now, firedKeys: fired) {
///     try await hand(occurrence)                         // through a contact decision when marketing
///     try await recordFired(occurrence.key, of: facts.customer)
/// }
/// ```
///
/// Days are UTC days, as in segment queries. The rules, with the key each one makes:
///
/// - **welcome** (`welcome`, service): a customer with an `accountStatus` (a registered
///   account, not a guest), due at `createdAt`.
/// - **milestone** (`milestone:<n>`, marketing): the highest milestone `n` with
///   `numberOfOrders ≥ n`, due at `lastOrderDate` (the reaching order when the count is
///   exactly `n`). Lower milestones passed over are never reported: a customer who goes
///   from 9 to 11 orders between two scans gets `milestone:10` only.
/// - **anniversary** (`anniversary:<year>`, marketing): the latest day that is a whole
///   number of years (at least one) after the UTC day of `createdAt`, due at its start;
///   a customer created on 29 February has it on 28 February in common years.
/// - **birthday** (`birthday:<year>`, marketing): the next birthday on or after today (29
///   February on 28 February in common years), due at the start of the day
///   ``TriggerPolicy/birthdayDaysBefore`` days before it, until the birthday itself; the
///   key names the birthday's year, so a 2 January birthday announced on 26 December is
///   `birthday:<next year>`. No birthday in or before a known year of birth.
/// - **inactivity** (`inactivity:<YYYY-MM-DD>`, marketing): the last activity is the
///   latest of `lastVisitDate`, `lastOrderDate` and `createdAt`; when today is
///   ``TriggerPolicy/inactivityWeeks`` weeks or more after its day, the spell that began
///   that day is due (at the start of the day the weeks end). The key names the day of
///   the last activity, so the spell fires once, and a visit or an order re-arms the
///   trigger with a new key.
/// - **re-permission** (`repermission:<YYYY-MM-DD>:<purpose>`, marketing): for each
///   purpose in `consentGivenAt` whose state in the facts is ``ConsentFact/granted``, due
///   at the start of the day ``TriggerPolicy/rePermissionMonths`` calendar months after
///   the UTC day consent was given (clamped to the month end). Renewed consent has a new
///   day, hence a new key.
///
/// Welcome, milestone, anniversary and birthday stay due for
/// ``TriggerPolicy/lateDays`` days after their day and are skipped after that; inactivity
/// and re-permission stay due while they hold.
public struct TriggerScan: Sendable, Hashable {
    /// The triggers and their thresholds.
    public var policy: TriggerPolicy

    /// Creates a scan applying `policy`.
    public init(policy: TriggerPolicy = TriggerPolicy()) { self.policy = policy }

    /// The occurrences due for `facts` at `instant` whose keys are not in `firedKeys`,
    /// ordered by due instant, then by ``TriggerKind`` in declaration order, then by key.
    ///
    /// - Parameters:
    ///   - facts: The customer's facts.
    ///   - instant: Now.
    ///   - firedKeys: The keys already fired for this customer.
    ///   - consentGivenAt: When consent was given, per purpose key, for re-permission;
    ///     empty (the default) when the host does not use it.
    /// - Complexity: O(m + p log p) for m milestones and p purposes.
    public func due(
        for facts: CustomerFacts, at instant: Date, firedKeys: Set<String>, consentGivenAt: [String: Date] = [:]
    ) -> [TriggerOccurrence] {
        let today = UTCDay(utcDayOf: instant)
        var found: [TriggerOccurrence] = []
        func add(_ kind: TriggerKind, _ key: String, _ due: Date) {
            guard !firedKeys.contains(key) else { return }
            found.append(
                TriggerOccurrence(
                    customer: facts.customer, kind: kind, key: key, due: due,
                    category: kind == .welcome ? .service : .marketing))
        }
        func inTime(_ day: UTCDay) -> Bool {
            day <= today && today.daysSinceEpoch - day.daysSinceEpoch <= policy.lateDays
        }

        if policy.welcome, facts.accountStatus != nil, facts.createdAt <= instant,
            inTime(UTCDay(utcDayOf: facts.createdAt))
        {
            add(.welcome, "welcome", facts.createdAt)
        }

        if let milestone = policy.orderMilestones.last(where: { $0 <= facts.numberOfOrders }) {
            let due = facts.lastOrderDate ?? facts.createdAt
            if due <= instant, inTime(UTCDay(utcDayOf: due)) { add(.milestone, "milestone:\(milestone)", due) }
        }

        if policy.anniversary {
            let created = UTCDay(utcDayOf: facts.createdAt)
            var years = today.parts.year - created.parts.year
            if years > 0, created.adding(years: years) > today { years -= 1 }
            if years >= 1 {
                let day = created.adding(years: years)
                if inTime(day) { add(.anniversary, "anniversary:\(day.parts.year)", day.start) }
            }
        }

        if let daysBefore = policy.birthdayDaysBefore, let birth = facts.birthDate {
            var year = today.parts.year
            var birthday = birth.occurrence(in: year)
            if birthday < today {
                year += 1
                birthday = birth.occurrence(in: year)
            }
            let day = birthday.adding(days: -daysBefore)
            if inTime(day), birth.year.map({ $0 < year }) ?? true { add(.birthday, "birthday:\(year)", day.start) }
        }

        if let weeks = policy.inactivityWeeks {
            let last = [facts.lastVisitDate, facts.lastOrderDate].reduce(facts.createdAt) { latest, date in
                date.map { max(latest, $0) } ?? latest
            }
            let began = UTCDay(utcDayOf: last)
            let day = began.adding(days: weeks * 7)
            if day <= today { add(.inactivity, "inactivity:\(began)", day.start) }
        }

        if let months = policy.rePermissionMonths, !consentGivenAt.isEmpty {
            for (purpose, givenAt) in consentGivenAt.sorted(by: { $0.key < $1.key })
            where facts.consent(purpose) == .granted {
                let given = UTCDay(utcDayOf: givenAt)
                let day = given.adding(months: months)
                if day <= today { add(.rePermission, "repermission:\(given):\(purpose)", day.start) }
            }
        }

        return found.sorted { lhs, rhs in
            if lhs.due != rhs.due { return lhs.due < rhs.due }
            let left = TriggerKind.allCases.firstIndex(of: lhs.kind) ?? 0
            let right = TriggerKind.allCases.firstIndex(of: rhs.kind) ?? 0
            if left != right { return left < right }
            return lhs.key < rhs.key
        }
    }
}
