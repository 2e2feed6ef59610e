/// A whole scenario: the horizon, the funders and the programs, as read from one YAML file.
public struct Scenario: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var unit: Unit
    public var years: ClosedRange<Int>
    /// The first year in which claims are simulated, as written (`history_from`); nil for the
    /// default (see `claimsFrom`).
    public var historyFrom: Int?
    public var seed: UInt64
    public var paths: Int
    public var funders: [Funder]
    public var programs: [Program]
    /// Appropriations covering several programs (`budget_lines:`); see `allBudgetLines`.
    public var budgetLines: [BudgetLine]
    /// The numbers the texts set, dated and cited (`parameters:`), in the order written.
    public var parameters: [PolicyParameter]
    /// Where each field was written, for error messages about the scenario after decoding.
    public var locations: SourceLocations

    public init(
        id: String, title: String, description: String = "", unit: Unit, years: ClosedRange<Int>,
        seed: UInt64, paths: Int, funders: [Funder], programs: [Program], budgetLines: [BudgetLine] = [],
        historyFrom: Int? = nil, parameters: [PolicyParameter] = [], locations: SourceLocations = SourceLocations(file: "")
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.unit = unit
        self.years = years
        self.historyFrom = historyFrom
        self.seed = seed
        self.paths = paths
        self.funders = funders
        self.programs = programs
        self.budgetLines = budgetLines
        self.parameters = parameters
        self.locations = locations
    }

    /// The currency unit of every amount in the file and in its reports.
    public enum Unit: String, Sendable, CaseIterable {
        case wan, yuan
        /// How reports name the unit.
        public var label: String {
            switch self {
            case .wan: "万元"
            case .yuan: "元"
            }
        }
    }

    public func funder(_ id: String) -> Funder? { funders.first { $0.id == id } }
    public func program(_ id: String) -> Program? { programs.first { $0.id == id } }
}
