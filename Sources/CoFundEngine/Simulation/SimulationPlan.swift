import CoFundModel

/// A scenario laid out for simulation: indices instead of ids, samplers prepared, the order in
/// which programs are settled, and the shape of the per-path results.
public struct SimulationPlan: Sendable {
    public let scenario: Scenario
    /// Horizon years Y. Event years run over `span` = H + Y + the longest reach: the H years
    /// before the horizon in which claims are simulated (`history`), then the horizon, then the
    /// years in which late payments and defaults of loans still alive at the end fall ("after").
    /// Event year t is the calendar year `Scenario.claimsFrom` + t, horizon year y event year H + y.
    public let years: Int
    public let history: Int
    public let span: Int
    let programs: [ProgramPlan]
    public let layout: SeriesLayout
    /// Whether some program uses the shared systematic factor.
    let usesSharedFactor: Bool
    /// Every appropriation: the declared budget lines, then the programs' own budgets.
    public let lines: [BudgetLine]
    /// The (program, program funder index) pairs each line covers.
    let lineMembers: [[(program: Int, funder: Int)]]
    /// Programs settled together because lines join them, parents' groups first.
    let settlementGroups: [[Int]]
    /// The lines settled with each program's group (the same list for every program of a group).
    let linesOfProgram: [[Int]]
    /// The budget cells of the pro-rata lines covering each program.
    let programRationingCells: [[Int]]
    /// Each program's first ancestor that is not a match (itself for a program that is not one).
    let rootOfProgram: [Int]
    /// Every match of each program, at any depth.
    let descendants: [[Int]]
    /// Every (line, year) with an appropriation, line by line.
    public let budgetCells: [BudgetCell]
    /// The budget cells of each line, in the order of `budgetCells`.
    public let budgetGroups: [[Int]]
    /// The values reported per path: the layout's series, then the budget rows
    /// (`BudgetRows`).
    public let budgetRows: BudgetRows
    public var valueCount: Int { budgetRows.end }

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        years = scenario.years.count
        let ids = scenario.programs.map(\.id)
        var plans: [ProgramPlan] = []
        // The latest event year: a claim's year, plus loan terms and recovery lags, plus payment
        // lags along matching chains (`Scenario.programReach`), after the years simulated before
        // the horizon.
        let history = scenario.years.lowerBound - scenario.claimsFrom
        let span = history + years + (scenario.programReach.max() ?? 0)
        self.history = history
        self.span = span
        let reach = scenario.claimReach
        for (i, p) in scenario.programs.enumerated() {
            plans.append(ProgramPlan(index: i, program: p, scenario: scenario, span: span, reach: reach[i]))
        }
        for i in plans.indices {
            if case let .matching(m) = plans[i].program.rule, let parent = ids.firstIndex(of: m.matches) {
                plans[i].parent = parent
                plans[parent].children.append(i)
            }
        }
        let order = ScenarioValidator.paymentOrder(scenario.programs)
        programs = plans
        usesSharedFactor = plans.contains { $0.usesSharedFactor }
        layout = SeriesLayout(scenario: scenario, programFunders: plans.map(\.funderIDs), recovering: plans.map(\.program.hasRecoveries))
        let lines = scenario.allBudgetLines
        self.lines = lines
        lineMembers = lines.map { line in
            line.programs.compactMap { id in
                guard let p = ids.firstIndex(of: id), let f = plans[p].funderIDs.firstIndex(of: line.funder) else { return nil }
                return (p, f)
            }
        }
        settlementGroups = (try? SettlementGroups.of(scenario).get())?.groups ?? order.map { [$0] }
        var cells: [BudgetCell] = []
        var groups: [[Int]] = []
        for (l, line) in lines.enumerated() {
            var members: [Int] = []
            for (y, year) in scenario.years.enumerated() {
                guard let amount = line.amounts[year] else { continue }
                members.append(cells.count)
                cells.append(BudgetCell(line: l, funder: line.funder, year: y, amount: amount))
            }
            groups.append(members)
        }
        budgetCells = cells
        budgetGroups = groups
        var groupOf = [Int](repeating: 0, count: plans.count)
        for (g, members) in settlementGroups.enumerated() { for p in members { groupOf[p] = g } }
        var linesOfGroup = [[Int]](repeating: [], count: settlementGroups.count)
        var rationingCells = [[Int]](repeating: [], count: plans.count)
        for (l, members) in lineMembers.enumerated() {
            guard let first = members.first else { continue }
            linesOfGroup[groupOf[first.program]].append(l)
            guard lines[l].rationing == .proRata else { continue }
            for m in members { rationingCells[m.program] += groups[l] }
        }
        linesOfProgram = plans.map { linesOfGroup[groupOf[$0.index]] }
        programRationingCells = rationingCells
        rootOfProgram = plans.map { p in
            var r = p.index
            while let up = plans[r].parent { r = up }
            return r
        }
        descendants = plans.map { p in
            var all: [Int] = []
            var stack = p.children
            while let c = stack.popLast() {
                all.append(c)
                stack += plans[c].children
            }
            return all
        }
        budgetRows = BudgetRows(base: layout.series.count, cells: cells.count, lines: lines.count)
    }

    /// The lowest and highest yearly amount of line `l`.
    public func amountRange(line l: Int) -> ClosedRange<Double> {
        let amounts = budgetGroups[l].map { budgetCells[$0].amount }
        return (amounts.min() ?? 0)...(amounts.max() ?? 0)
    }

    /// Random numbers drawn per path, for the refusal of runs too large to finish.
    public var expectedDrawsPerPath: Double {
        programs.reduce(0) { $0 + $1.expectedEvents() }
    }
}

/// One program ready for the engine: what is fixed for the whole program, and its terms in each
/// version (`versions`), the program's own and one per revision (`Program.revisions`).
///
/// Every payment that follows from a claim follows the terms of the claim's event year t
/// (`versionOfYear[t]`): a rate or award claim its rate, caps, floors, approval, amounts and cost
/// shares; a loan (risk compensation, interest subsidy) those of its origination year even when it
/// defaults or pays interest later; a match those of its own version of the root claim's year.
///
/// What must be equal across versions — count, loan term, repayment, recovery lag, residual,
/// systematic factor, payment lag and schedule — is always the program's own, whatever a revision
/// says (the decoder refuses revisions that differ there). A revision whose parameter slots or
/// funders differ from the program's cannot be laid out with them: its version takes the
/// program's own terms (the decoder refuses such revisions too).
struct ProgramPlan: Sendable {
    let index: Int
    let program: Program
    let key: UInt64
    let funderIDs: [String]
    /// The event years whose claims are drawn and expected: of the years in which claims are made
    /// (`Scenario.claimYears`; none when the text is in force in none), those whose claims lead to
    /// a payment in the horizon or after it, through the program or its matches
    /// (`Scenario.claimReach`). An earlier year's claims would be paid before the horizon and
    /// dropped, and each year has its own stream, so leaving them out changes no other draw.
    let drawnYears: Range<Int>
    /// Event years in which a match takes its parent's payments: those of its text's force
    /// (`Program.forceYears`), open ends as far as the event years go.
    let forceFirst: Int
    let forceLast: Int
    /// The event year in which the count has its stated mean (`Scenario.growthAnchor`).
    let growthAnchor: Int
    var parent: Int?
    var children: [Int] = []
    /// The parameter slots, the same in every version: version k's value of slot s is at
    /// `k · slotCount + s` from the program's `PathScratch.paramBase`.
    let slots: RuleSlots
    let slotCount: Int
    let parameterNames: [String]
    /// The program's terms: its own (version 0), then each revision's.
    let versions: [ProgramTerms]
    /// The version of each event year's claims, for event years 0 ..< span.
    let versionOfYear: [Int]
    /// The funder (index into `funderIDs`) bearing what the others do not pay (risk programs).
    let residual: Int?
    let count: CountSampler?
    /// Years from a default to its recovery (risk programs; 0 otherwise).
    let recoveryLag: Int
    let loanTerm: Int
    let repayment: Repayment
    let ownFactor: Bool
    let usesSharedFactor: Bool
    /// Number of segments (risk programs: rows of `PathScratch.flows` per version; 1 otherwise).
    let segmentCount: Int

    init(index: Int, program p: Program, scenario s: Scenario, span: Int, reach: Int) {
        self.index = index
        program = p
        key = SplitMix64.hash(p.id)
        funderIDs = p.funderIDs
        let first = s.claimsFrom
        let active = s.claimYears(of: p).map { ($0.lowerBound - first)..<($0.upperBound - first + 1) } ?? 0..<0
        let reported = s.years.lowerBound - reach - first
        drawnYears = Swift.max(active.lowerBound, Swift.min(reported, active.upperBound))..<active.upperBound
        let force = p.forceYears
        forceFirst = force.first.map { $0 - first } ?? Int.min
        forceLast = force.last.map { $0 - first } ?? Int.max
        growthAnchor = s.growthAnchor(of: p) - first
        var slotTable = ParameterSlots()
        slots = RuleSlots.make(p.rule, funders: p.funderIDs, slots: &slotTable)
        slotCount = slotTable.parameters.count
        parameterNames = slotTable.names
        let own = ProgramTerms(rule: p.rule, share: p.share, shareFractions: p.share.parts.map(\.fraction), slots: slotTable)
        var versions = [own]
        for r in p.revisions {
            var table = ParameterSlots()
            let layout = RuleSlots.make(r.rule, funders: p.funderIDs, slots: &table)
            var revised = p
            revised.rule = r.rule
            revised.share = r.share
            let sameFunders = revised.funderIDs == p.funderIDs
            if layout == slots, table.names == parameterNames, sameFunders {
                versions.append(
                    ProgramTerms(
                        rule: r.rule, share: r.share, shareFractions: p.funderIDs.map { r.share.fraction(of: $0) },
                        slots: table))
            } else {
                versions.append(own)
            }
        }
        self.versions = versions
        versionOfYear = (0..<span).map { t in
            let year = first + t
            return p.revisions.lastIndex { $0.fromYear <= year }.map { $0 + 1 } ?? 0
        }
        var count: CountSampler?
        var recoveryLag = 0, residual: Int?, repayment = Repayment.bullet
        var term = 1, ownFactor = false, shared = false, segments = 1
        switch p.rule {
        case let .rate(r):
            count = CountSampler(r.claims.count)
        case let .award(a):
            count = CountSampler(a.claims.count)
        case .matching:
            break
        case let .riskCompensation(r):
            count = CountSampler(r.loans.count)
            term = r.loans.term
            repayment = r.loans.repayment
            recoveryLag = r.recovery.lag
            residual = p.funderIDs.firstIndex(of: r.residual)
            ownFactor = r.loans.defaults.factor == .own
            shared = !ownFactor
            segments = r.effectiveSegments.count
        case let .interestSubsidy(r):
            count = CountSampler(r.loans.count)
            term = r.loans.term
            repayment = r.loans.repayment
            ownFactor = r.loans.defaults.factor == .own
            shared = !ownFactor
        }
        self.recoveryLag = recoveryLag
        self.residual = residual
        self.repayment = repayment
        self.count = count
        loanTerm = term
        self.ownFactor = ownFactor
        usesSharedFactor = shared
        segmentCount = segments
    }

    /// Expected claims or loan-years drawn per path.
    func expectedEvents() -> Double {
        guard let count else { return 0 }
        return drawnYears.reduce(0) { $0 + count.count.mean(inProgramYear: $1 - growthAnchor) } * Double(loanTerm)
    }
}

/// A program's terms in one version: its parameters (one per slot of `ProgramPlan.slots`) and the
/// samplers and numbers its rule and cost share give.
struct ProgramTerms: Sendable {
    let parameters: [Parameter]
    let parameterSamplers: [Sampler?]
    /// Per-claim samplers: base or principal, award amount.
    let amount: Sampler?
    /// Per-claim samplers of a rate program's components.
    let componentBases: [Sampler]
    let tiers: [(cumulative: Double, sampler: Sampler)]
    /// A defaulted loan's recovery rate (risk programs).
    let recoveryRate: Sampler?
    /// The recovery rate's quantiles from a table, when a quantile would cost a root search and the
    /// table could be built (`QuantileTable`).
    let recoveryTable: QuantileTable?
    let brackets: [RateRule.Bracket]
    /// Cumulative segment weights (risk programs).
    let segmentCumulative: [Double]
    /// Components combine by their highest amount rather than their sum.
    let combineMax: Bool
    /// The cost share of each funder in `ProgramPlan.funderIDs` (empty for risk programs).
    let shareFractions: [Double]
    let share: CostShare

    init(rule: ProgramRule, share: CostShare, shareFractions: [Double], slots: ParameterSlots) {
        parameters = slots.parameters
        parameterSamplers = slots.samplers
        self.shareFractions = shareFractions
        self.share = share
        var amount: Sampler?, recoveryRate: Sampler?
        var componentBases: [Sampler] = []
        var tiers: [(Double, Sampler)] = []
        var brackets: [RateRule.Bracket] = []
        var segments: [Double] = [1]
        var combineMax = false
        switch rule {
        case let .rate(r):
            amount = Sampler(r.base)
            brackets = r.brackets
            componentBases = r.components.map { Sampler($0.base) }
            combineMax = r.combine == .max
        case let .award(a):
            if a.tiers.isEmpty {
                amount = Sampler(a.amount)
            } else {
                var c = 0.0
                tiers = a.tiers.map {
                    c += $0.probability; return (c, Sampler($0.amount))
                }
            }
        case .matching:
            break
        case let .riskCompensation(r):
            amount = Sampler(r.loans.principal)
            recoveryRate = Sampler(r.recovery.rate)
            var c = 0.0
            segments = r.effectiveSegments.map {
                c += $0.weight; return c
            }
        case let .interestSubsidy(r):
            amount = Sampler(r.loans.principal)
        }
        self.amount = amount
        self.componentBases = componentBases
        self.tiers = tiers
        self.recoveryRate = recoveryRate
        if let recoveryRate, recoveryRate.invertsByIteration {
            let table = QuantileTable(recoveryRate)
            recoveryTable = table.errorBound.isFinite ? table : nil
        } else {
            recoveryTable = nil
        }
        self.brackets = brackets
        segmentCumulative = segments
        self.combineMax = combineMax
    }
}

/// A budget line's appropriation in one year.
public struct BudgetCell: Sendable, Hashable {
    /// Index into `SimulationPlan.lines`.
    public var line: Int
    public var funder: String
    /// Horizon year index from the first year (event year `SimulationPlan.history` + year).
    public var year: Int
    public var amount: Double
}
