import CoFundEngine
import CoFundModel

/// The words and paths a stress test's rows are shown with, the same in the terminal, the CSV
/// and the report: the program's name, what the row measures in words ("claims approved",
/// "approval rate") and its path (`programs.rd_post_subsidy.claims.approval`).
public enum StressLabels {
    /// The total's name: the funder's or the line's, with what it is.
    public static func totalName(_ t: StressTest, _ plan: SimulationPlan) -> String {
        let (name, detail) = totalParts(t, plan)
        return "\(name) \(detail)"
    }

    /// The total's name (from the scenario file) and, apart, what it is (ids and words).
    static func totalParts(_ t: StressTest, _ plan: SimulationPlan) -> (name: String, detail: String) {
        let s = plan.scenario
        switch t.series.scope {
        case .funder: return (s.reportedFunderName(t.series.id), "(\(t.series.id))")
        case .government: return (s.reportedFunderName(Funder.governmentID), "(\(Funder.governmentID): the fiscal funders)")
        case .line:
            let name = t.series.line.map { plan.lines[$0].name } ?? t.series.id
            return (name, "(budget line \(t.series.id), demand on \(t.series.funder))")
        }
    }

    /// A row's path: a parameter's field path, `programs.ID.MEASURE` for a count,
    /// `programs.ID.payment` for a payment, and the total's own.
    public static func path(_ row: StressTest.Row, _ t: StressTest, _ s: Scenario) -> String {
        switch row.kind {
        case .total:
            switch t.series.scope {
            case .funder: return "funders.\(t.series.id).total"
            case .government: return "\(Funder.governmentID).total"
            case .line: return "budget_lines.\(t.series.id).demand"
            }
        case .payment: return "programs.\(program(row, s)).payment"
        case .count: return "programs.\(program(row, s)).\(row.measure?.rawValue ?? "")"
        case .parameter: return row.parameter?.name ?? ""
        }
    }

    /// What a row measures, in words.
    public static func measure(_ row: StressTest.Row, _ t: StressTest, _ s: Scenario) -> String {
        switch row.kind {
        case .total: return t.series.scope == .line ? "demand over the horizon" : "total paid over the horizon"
        case .payment: return t.series.scope == .line ? "demand on the line" : "paid by \(s.reportedFunderName(t.series.funder))"
        case .count: return row.measure.map(words) ?? ""
        case .parameter:
            guard let p = row.parameter else { return "" }
            let prefix = "programs.\(program(row, s))."
            let f = p.name.hasPrefix(prefix) ? String(p.name.dropFirst(prefix.count)) : p.name
            if f == "fraction", let i = row.program {
                if case .matching = s.programs[i].rule { return "share of claims matched" }
                return "fraction of interest subsidised"
            }
            return field(f)
        }
    }

    /// The program's name, or "all programs" for the total.
    public static func programName(_ row: StressTest.Row, _ s: Scenario) -> String {
        row.program.map { s.programs[$0].name } ?? "all programs"
    }

    static func program(_ row: StressTest.Row, _ s: Scenario) -> String {
        row.program.map { s.programs[$0].id } ?? "all"
    }

    static func words(_ m: StressTest.Measure) -> String {
        switch m {
        case .claimsMade: "claims made"
        case .claimsApproved: "claims approved"
        case .claimsMatched: "claims matched"
        case .loansCovered: "loans covered"
        case .loansDefaulted: "loans defaulted"
        }
    }

    /// A parameter field (`claims.approval`, `segments[1].pd`, `components.lab.rate`) in words.
    static func field(_ f: String) -> String {
        if f.hasPrefix("segments["), let close = f.firstIndex(of: "]") {
            let j = f[f.index(f.startIndex, offsetBy: 9)..<close]
            let rest = f[f.index(after: close)...].drop { $0 == "." }
            return "segment \(j): " + field(String(rest))
        }
        if f.hasPrefix("components."), let dot = f.dropFirst(11).firstIndex(of: ".") {
            return "component \(f[f.index(f.startIndex, offsetBy: 11)..<dot]): " + field(String(f[f.index(after: dot)...]))
        }
        if f.hasPrefix("loss_shares.") { return "loss share of \(f.dropFirst(12))" }
        let known = [
            "claims.approval": "approval rate", "probability": "probability of use", "cap_per_claim": "cap per claim",
            "min_base": "minimum base", "floor": "floor per claim", "ratio": "match ratio",
            "rho": "asset correlation", "pd": "default probability", "cap_per_borrower": "cap per borrower",
            "interest_rate": "interest rate", "fee_rate": "fee rate", "rate": "rate",
        ]
        return known[f] ?? f.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ".", with: " ")
    }

    /// The tail mean over the overall mean ("" when the mean is 0).
    public static func ratio(_ row: StressTest.Row) -> Double? {
        row.allMean != 0 ? row.tailMean / row.allMean : nil
    }

    /// A payment's share of the total's tail mean.
    public static func shareOfTail(_ row: StressTest.Row, _ t: StressTest) -> Double? {
        row.kind == .payment || row.kind == .total ? (t.total.tailMean != 0 ? row.tailMean / t.total.tailMean : nil) : nil
    }
}
