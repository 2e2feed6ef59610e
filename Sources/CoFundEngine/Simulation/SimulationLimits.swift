/// Runs too large to finish are refused before they start, with the reason.
public enum SimulationLimits {
    public static let maxPaths = 100_000_000
    /// Claims, loans and loan-years drawn in one run: about an hour on two cores.
    public static let maxDraws = 1e11
    /// Memory for the per-path values kept for exact percentiles.
    public static let maxValueBytes = 12.0 * Double(1 << 30)

    /// Why `paths` paths of `plan` cannot run, or nil when they can.
    public static func refusal(_ plan: SimulationPlan, paths: Int) -> String? {
        let draws = Double(paths) * plan.expectedDrawsPerPath
        if draws > maxDraws {
            let fit = Int(maxDraws / max(plan.expectedDrawsPerPath, 1))
            return "\(paths) paths would draw about \(Int(draws / 1e9)) billion claims and loans, more than a run can finish in an hour; use at most \(fit) paths"
        }
        let series = Double(plan.layout.series.count + plan.budgetCells.count)
        let bytes = Double(paths) * series * 8 * 2
        if bytes > maxValueBytes {
            let fit = Int(maxValueBytes / (series * 16))
            return "\(paths) paths × \(Int(series)) reported quantities need \(Int(bytes / Double(1 << 30))) GiB to keep exact percentiles; use at most \(fit) paths"
        }
        return nil
    }
}
