/// A number a policy text sets, named once and read by every program field the clause governs
/// (`parameters:`): its values change on dated entries, each citing its clause, so that a reform
/// changes the parameter and every program reading it moves.
public struct PolicyParameter: Sendable, Hashable {
    public var id: String
    public var name: String
    public var unit: ParameterUnit
    public var description: String
    /// The dated values, in order of `from`, not overlapping.
    public var values: [Entry]

    public init(id: String, name: String, unit: ParameterUnit, description: String = "", values: [Entry]) {
        self.id = id
        self.name = name
        self.unit = unit
        self.description = description
        self.values = values
    }

    /// One value and the dates between which it is in force. An entry without `until` lasts until
    /// the day before the next entry's `from` (the last one, indefinitely).
    public struct Entry: Sendable, Hashable {
        public var from: CalendarDate
        public var until: CalendarDate?
        public var value: Parameter
        /// The document number (文号) and clause that set the value.
        public var source: String

        public init(from: CalendarDate, until: CalendarDate? = nil, value: Parameter, source: String) {
            self.from = from
            self.until = until
            self.value = value
            self.source = source
        }
    }

    /// The last day entry `i` is in force: its `until`, or the day before the next entry's `from`;
    /// nil when it has no end.
    public func lastDay(of i: Int) -> CalendarDate? {
        if let u = values[i].until { return u }
        return i + 1 < values.count ? values[i + 1].from.dayBefore : nil
    }

    /// The entry in force on `date`, if any. Entries are in order and do not overlap, so only the
    /// last one starting on or before `date` can be in force on it (found by bisection).
    public func entry(on date: CalendarDate) -> Int? {
        guard let i = lastStarting(onOrBefore: date) else { return nil }
        return (lastDay(of: i).map { date <= $0 } ?? true) ? i : nil
    }

    /// The last entry whose `from` is on or before `date`.
    private func lastStarting(onOrBefore date: CalendarDate) -> Int? {
        var lo = 0, hi = values.count  // the answer is lo − 1 once lo == hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid].from <= date { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    /// The entry a year's claims use: the one in force on the claim date `day` of `year`. When no
    /// entry is in force on that day but one is on another day of the year (the text came into
    /// force or expired during it), the entry in force on the nearest such day; nil when no entry
    /// is in force on any day of the year.
    public func entry(forYear year: Int, on day: MonthDay) -> Int? {
        let date = day.date(in: year)
        if let i = entry(on: date) { return i }
        let first = CalendarDate(year: year, month: 1, day: 1)
        let last = CalendarDate(year: year, month: 12, day: 31)
        var best: (distance: Int, index: Int)?
        // The entries that can be in force during the year: from the one in force on its first
        // day (if any) to the last starting in it, at most one per day.
        guard let lastIndex = lastStarting(onOrBefore: last) else { return nil }
        let firstIndex = lastStarting(onOrBefore: first) ?? 0
        for i in firstIndex...lastIndex {
            let start = max(values[i].from, first)
            let end = min(lastDay(of: i) ?? last, last)
            guard start <= end else { continue }
            let d = date < start ? start.dayNumber - date.dayNumber : date.dayNumber - end.dayNumber
            if best == nil || d < best!.distance { best = (d, i) }
        }
        return best?.index
    }
}

/// What a parameter measures, which decides the fields it may be bound to.
public enum ParameterUnit: String, Sendable, Hashable, CaseIterable {
    /// An amount in 万元.
    case wan
    /// An amount in yuan.
    case yuan
    /// A fraction from 0 to 1: a share, a rate, a probability.
    case fraction
    /// A ratio of 0 or more: a match's yuan per yuan of its parent.
    case ratio
    /// A whole number of years.
    case years

    /// How the unit reads in messages and tables.
    public var label: String {
        switch self {
        case .wan: "万元"
        case .yuan: "元"
        case .fraction: "fraction"
        case .ratio: "ratio"
        case .years: "years"
        }
    }
}

/// A day of the year (`claim_date: 12-31`), in any year.
public struct MonthDay: Sendable, Hashable, CustomStringConvertible {
    public var month: Int
    public var day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    public static let januaryFirst = MonthDay(month: 1, day: 1)

    /// `MM-DD`, a day that exists in some year (02-29 allowed); nil otherwise.
    public static func parse(_ text: String) -> MonthDay? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: 2000)
        else { return nil }
        return MonthDay(month: m, day: d)
    }

    /// The day in `year` (29 February is the 28th in a common year).
    public func date(in year: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))
    }

    public var description: String {
        (month < 10 ? "0\(month)" : "\(month)") + "-" + (day < 10 ? "0\(day)" : "\(day)")
    }
}

extension CalendarDate {
    /// Days since 1 March of year 0 (proleptic Gregorian), for distances between dates.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }

    /// The previous day.
    var dayBefore: CalendarDate {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) }
        if month > 1 { return CalendarDate(year: year, month: month - 1, day: CalendarDate.daysIn(month: month - 1, year: year)) }
        return CalendarDate(year: year - 1, month: 12, day: 31)
    }
}

extension Scenario {
    /// The parameter `id`, if declared.
    public func parameter(_ id: String) -> PolicyParameter? { parameters.first { $0.id == id } }

    /// The programs reading parameter `id`, in scenario order.
    public func programs(reading id: String) -> [Program] { programs.filter { $0.parameterIDs.contains(id) } }
}
