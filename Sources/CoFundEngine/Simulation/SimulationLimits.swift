/// Runs too large to finish are refused before they start, with the reason.
public enum SimulationLimits {
    public static let maxPaths = 100_000_000
    /// Claims, loans and loan-years drawn in one run: about an hour on two cores.
    public static let maxDraws = 1e11
    /// Per-path values kept for exact percentiles: past this many (paths × reported quantities),
    /// a run keeps block summaries and quantile sketches instead, and its memory stops growing.
    public static let exactValueLimit = 8_000_000

    /// Whether a run of `paths` paths keeps every path's values.
    public static func keepsPathValues(_ plan: SimulationPlan, paths: Int) -> Bool {
        paths * (plan.layout.series.count + plan.budgetCells.count) <= exactValueLimit
    }

    /// Why `paths` paths of `plan` cannot run, or nil when they can.
    public static func refusal(_ plan: SimulationPlan, paths: Int) -> String? {
        let draws = Double(paths) * plan.expectedDrawsPerPath
        if draws > maxDraws {
            let fit = Int(maxDraws / max(plan.expectedDrawsPerPath, 1))
            return "\(paths) paths would draw about \(Int(draws / 1e9)) billion claims and loans, more than a run can finish in an hour; use at most \(fit) paths"
        }
        return nil
    }
}
