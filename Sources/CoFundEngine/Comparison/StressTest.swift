import CoFundModel

/// A reverse stress test: what the worst share `tail` of paths of a horizon total (a funder's, the
/// government's or a budget line's demand) look like against all paths — the total itself, each
/// program's part of it, each program's claims and defaults, and each uncertain parameter's draw.
///
/// The tail is the ⌈N · tail⌉ paths of largest total, ties in path order
/// (`RiskContributions.worstFirst`): the paths whose mean is the reported CVaR at 1 − tail, so the
/// tail mean of the total is that CVaR and the programs' tail means add up to it. Counts and draws
/// are not kept by a run: a second pass simulates every path again (`Simulation.record`), and
/// `reproduced` says whether each path's total came out bit for bit as the run kept it.
public struct StressTest: Sendable {
    public enum Kind: String, Sendable {
        case total, payment, count, parameter
    }

    /// What a count row counts (see `PathRecord`).
    public enum Measure: String, Sendable, CaseIterable {
        case claimsMade = "claims_made"
        case claimsApproved = "claims_approved"
        case claimsMatched = "claims_matched"
        case loansCovered = "loans_covered"
        case loansDefaulted = "loans_defaulted"
    }

    public struct Row: Sendable {
        public var kind: Kind
        /// Index into the scenario's programs (nil for the total).
        public var program: Int?
        public var measure: Measure?
        public var parameter: UncertainParameter?
        /// The mean over the tail's paths and over all paths.
        public var tailMean: Double
        public var allMean: Double
        /// For a parameter: the mean of the tail's draws' percentiles (100 · u, 50 on average
        /// over all paths).
        public var tailPercentile: Double?
    }

    public var series: TotalSeriesID
    /// The fraction of paths in the tail, in (0, 0.5].
    public var tail: Double
    public var paths: Int
    /// The tail's paths, worst first.
    public var tailPaths: [Int]
    /// The total first, then program by program — the programs paying into the total and those
    /// they match, in the scenario's order — its payment into the total (when it pays into it),
    /// its counts, its uncertain parameters.
    public var rows: [Row]
    /// Whether the second pass reproduced every path's total exactly.
    public var reproduced: Bool

    /// The total's row.
    public var total: Row { rows[0] }

    /// Why `tail` cannot be a stress test's tail, or nil when it can.
    public static func refusal(tail: Double) -> String? {
        tail > 0 && tail <= 0.5 ? nil : "--tail must be a fraction of paths above 0 and at most 0.5, e.g. 0.05 for the worst 5%"
    }

    /// The stress tests of the totals named `id` in run `r` (several for a program's own budget,
    /// one line per funder): empty when `r` kept sketches or nothing has that id.
    public static func run(_ r: SimulationResult, id: String, tail: Double) async throws(NumericFailure) -> [StressTest] {
        guard case let .paths(values) = r.kept else { return [] }
        let series = TotalSeries.of(r, values, id: id)
        guard !series.isEmpty else { return [] }
        let pass = try await Simulation.record(r.plan, paths: 0..<r.paths, options: r.options, indices: series.map(\.valueIndex))
        return series.enumerated().map { k, s in
            var same = pass.values.count == s.total.count
            for i in pass.values.indices where same { same = pass.values[i][k] == s.total[i] }
            return make(r.plan, s, records: pass.records, tail: tail, reproduced: same)
        }
    }

    /// The stress test of `s` from every path's record.
    public static func make(_ plan: SimulationPlan, _ s: TotalSeries, records: [PathRecord], tail: Double, reproduced: Bool) -> StressTest {
        let n = s.total.count
        let alpha = 1 - tail
        let order = RiskContributions.worstFirst(s.total)
        let k = n == 0 ? 0 : RiskContributions.tailCount(n, alpha)
        let worst = Array(order.prefix(k))
        func means(_ x: (Int) -> Double) -> (tail: Double, all: Double) {
            var all = 0.0, inTail = 0.0
            for i in 0..<n { all += x(i) }
            for i in worst { inTail += x(i) }
            return (k > 0 ? inTail / Double(k) : 0, n > 0 ? all / Double(n) : 0)
        }
        let sorted = order.reversed().map { s.total[$0] }
        let totalAll = means { s.total[$0] }.all
        var rows = [
            Row(
                kind: .total, program: nil, measure: nil, parameter: nil, tailMean: n > 0 ? SeriesStatistics.tailMean(sorted, alpha) : 0,
                allMean: totalAll, tailPercentile: nil)
        ]
        let uncertain = plan.uncertainParameters
        // The programs paying into the total, and the programs they match (whose claims they follow).
        var shown = Set(s.programs)
        for p in s.programs {
            var up = plan.programs[p].parent
            while let q = up {
                shown.insert(q)
                up = plan.programs[q].parent
            }
        }
        for p in plan.programs.indices where shown.contains(p) {
            if let m = s.programs.firstIndex(of: p) {
                let part = s.parts[m]
                let (t, a) = means { part[$0] }
                rows.append(Row(kind: .payment, program: p, measure: nil, parameter: nil, tailMean: t, allMean: a, tailPercentile: nil))
            }
            if records.count == n {
                for measure in measures(plan.programs[p].program.rule) {
                    let (t, a) = means { Double(count(records[$0], measure, program: p)) }
                    rows.append(Row(kind: .count, program: p, measure: measure, parameter: nil, tailMean: t, allMean: a, tailPercentile: nil))
                }
                for (j, u) in uncertain.enumerated() where u.ref.program == p {
                    let (t, a) = means { records[$0].parameters[j] }
                    let (q, _) = means { records[$0].quantiles[j] }
                    rows.append(Row(kind: .parameter, program: p, measure: nil, parameter: u, tailMean: t, allMean: a, tailPercentile: 100 * q))
                }
            }
        }
        return StressTest(
            series: TotalSeriesID(scope: s.scope, id: s.id, funder: s.funder, line: s.line), tail: tail, paths: n, tailPaths: worst,
            rows: rows, reproduced: reproduced)
    }

    /// The counts a program of rule `rule` has.
    static func measures(_ rule: ProgramRule) -> [Measure] {
        switch rule {
        case .rate, .award: [.claimsMade, .claimsApproved]
        case .matching: [.claimsMatched]
        case .riskCompensation, .interestSubsidy: [.loansCovered, .loansDefaulted]
        }
    }

    static func count(_ r: PathRecord, _ m: Measure, program p: Int) -> Int {
        switch m {
        case .claimsMade, .loansCovered: r.made[p]
        case .claimsApproved, .claimsMatched: r.approved[p]
        case .loansDefaulted: r.defaulted[p]
        }
    }
}

/// Which total a stress test or a contribution split is of.
public struct TotalSeriesID: Sendable, Equatable {
    public var scope: RiskContributions.Scope
    public var id: String
    public var funder: String
    public var line: Int?
}
