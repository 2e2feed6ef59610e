/// One appropriation of one funder covering one or more programs: 济南市研发投入后补助 is a single
/// line of the city's budget whatever the number of programs that draw on it.
///
/// A program's own `budget:` is the shorthand for a line covering that program alone, under the
/// program's id and rationing. An appropriation is either cited (`source`, the clause that sets it)
/// or illustrative (no source: a figure the scenario's author chose), and the reports say which.
public struct BudgetLine: Sendable, Hashable {
    public var id: String
    public var name: String
    public var funder: String
    /// Ids of the programs whose payments by `funder` the line covers.
    public var programs: [String]
    /// The appropriation by fiscal year; a year without an amount has no appropriation.
    public var amounts: [Int: Double]
    public var rationing: Program.Rationing
    /// The clause that sets the amount; nil for an illustrative amount.
    public var source: String?
    public var assumptions: [String]

    public init(
        id: String, name: String, funder: String, programs: [String], amounts: [Int: Double],
        rationing: Program.Rationing = .none, source: String? = nil, assumptions: [String] = []
    ) {
        self.id = id
        self.name = name
        self.funder = funder
        self.programs = programs
        self.amounts = amounts
        self.rationing = rationing
        self.source = source
        self.assumptions = assumptions
    }

    /// Whether the amount is the scenario author's figure rather than one a text sets.
    public var isIllustrative: Bool { source == nil }
}

extension Scenario {
    /// Every appropriation: the declared lines, then one line per program funder with a `budget:`
    /// (in program order, the funders of each in the order the program lists them).
    public var allBudgetLines: [BudgetLine] {
        var lines = budgetLines
        for p in programs {
            for f in p.funderIDs {
                guard p.budget[f] != nil else { continue }
                let amounts = years.map { ($0, p.inYear($0).budget[f] ?? 0) }
                lines.append(
                    BudgetLine(
                        id: p.id, name: p.name, funder: f, programs: [p.id],
                        amounts: Dictionary(uniqueKeysWithValues: amounts), rationing: p.rationing))
            }
        }
        return lines
    }
}
