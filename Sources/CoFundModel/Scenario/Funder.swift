/// A payer of program costs: a level of government, a zone's finance bureau or a co-funding bank.
public struct Funder: Sendable, Hashable {
    /// The identifier used in `share`, `budget` and `loss_shares` (e.g. `province`).
    public var id: String
    /// The name shown in reports (e.g. 山东省财政).
    public var name: String
    public var level: Level

    public init(id: String, name: String, level: Level) {
        self.id = id
        self.name = name
        self.level = level
    }

    /// The tier of the funder, which orders reports from the top of the fiscal hierarchy down.
    public enum Level: String, Sendable, CaseIterable, Hashable {
        case national, province, city, district, zone, bank, other
    }
}
