/// A calendar date as written in a scenario file (`2022-12-31`).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD` with a year from 1900 to 2200 and a day that exists in its month (Gregorian
    /// calendar); nil otherwise.
    public static func parse(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1900...2200).contains(y), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(mm)-\(dd)"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// The dates between which a program's text is in force (`in_force: {from, until}`), either end
/// open.
///
/// A year's claims count when the text is in force on at least one day of that calendar year (the
/// fiscal year): a measure in force for part of a budget year has to be budgeted in that year, and
/// its application round may fall in the part. A text in force from 2022-07-01 takes claims from
/// 2022; one in force until 2024-09-30 takes claims in 2024 and none from 2025.
public struct InForce: Sendable, Hashable {
    public var from: CalendarDate?
    public var until: CalendarDate?

    public init(from: CalendarDate? = nil, until: CalendarDate? = nil) {
        self.from = from
        self.until = until
    }

    /// The first year with a day in force, if the text has a start.
    public var firstYear: Int? { from?.year }
    /// The last year with a day in force, if the text has an end.
    public var lastYear: Int? { until?.year }

    /// Whether the text is in force on at least one day of `year`.
    public func covers(year: Int) -> Bool {
        (firstYear.map { year >= $0 } ?? true) && (lastYear.map { year <= $0 } ?? true)
    }

    /// `2020-05-01 – 2022-12-31`, with an open end written as `…`.
    public var text: String {
        "\(from?.description ?? "…") – \(until?.description ?? "…")"
    }
}

extension Program {
    /// The years in which the program may take claims by its text's force: from the year of
    /// `in_force.from` to the year of `in_force.until`, or on past it when `continue_after_expiry`
    /// is set. Nil ends are open.
    public var forceYears: (first: Int?, last: Int?) {
        (inForce?.firstYear, continuesAfterExpiry ? nil : inForce?.lastYear)
    }

    /// Whether the program's force lets it take claims in `year`.
    public func takesClaimsByForce(in year: Int) -> Bool {
        let (first, last) = forceYears
        return (first.map { year >= $0 } ?? true) && (last.map { year <= $0 } ?? true)
    }

    /// Words an assumption uses to say why a program runs past its text's expiry: one of them
    /// must appear (case-insensitive) in a note of a program with `continue_after_expiry: true`.
    public static let expiryAssumptionWords = ["expir", "continu", "renew", "有效期", "到期", "延续", "延期", "续期"]

    /// The assumption notes that speak of the text's expiry.
    public var expiryAssumptions: [String] { Self.expiryNotes(in: assumptions) }

    /// The notes of `assumptions` that speak of a text's expiry.
    public static func expiryNotes(in assumptions: [String]) -> [String] {
        assumptions.filter { a in
            let lower = a.lowercased()
            return Self.expiryAssumptionWords.contains { lower.contains($0) }
        }
    }
}
