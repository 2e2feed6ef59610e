/// A payer of program costs: a level of government, a zone's finance bureau or a co-funding bank.
public struct Funder: Sendable, Hashable {
    /// The identifier used in `share`, `budget` and `loss_shares` (e.g. `province`).
    public var id: String
    /// The name shown in reports (e.g. 山东省财政).
    public var name: String
    public var level: Level
    /// Whether the funder's payments are fiscal outlays, summed into the `government` total.
    public var fiscal: Bool

    /// A funder; `fiscal` defaults to `Funder.isFiscal(level)` (every level but `bank`).
    public init(id: String, name: String, level: Level, fiscal: Bool? = nil) {
        self.id = id
        self.name = name
        self.level = level
        self.fiscal = fiscal ?? Self.isFiscal(level)
    }

    /// Whether a funder of `level` is fiscal when its file does not say: a bank's payments are not
    /// fiscal outlays, every other level's are.
    public static func isFiscal(_ level: Level) -> Bool { level != .bank }

    /// The id of the government total in the reports: the path-by-path sum of the fiscal funders.
    public static let governmentID = "government"
    /// The name of the government total in the reports.
    public static let governmentName = "government (fiscal funders)"

    /// The tier of the funder, which orders reports from the top of the fiscal hierarchy down.
    public enum Level: String, Sendable, CaseIterable, Hashable {
        case national, province, city, district, zone, bank, other
    }
}
