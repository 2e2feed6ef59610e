import CoFundModel

/// Runs too large to finish are refused before they start, with the reason.
public enum SimulationLimits {
    public static let maxPaths = 100_000_000
    /// Claims, loans and loan-years made in one run: 5 × 10¹¹, within an hour on two cores (the engine
    /// gets through 1–3 × 10⁸ of them a second there, fewer when every claim feeds matches).
    public static let maxDraws = 5e11
    /// Per-path values kept for exact percentiles: past this many (paths × reported quantities),
    /// a run keeps block summaries and quantile sketches instead, and its memory stops growing.
    public static let exactValueLimit = 8_000_000

    /// Whether a run of `paths` paths keeps every path's values.
    public static func keepsPathValues(_ plan: SimulationPlan, paths: Int) -> Bool {
        keepsPathValues(values: plan.valueCount, paths: paths)
    }

    /// Whether a run of `paths` paths with `values` reported values per path keeps every path.
    static func keepsPathValues(values: Int, paths: Int) -> Bool {
        let (product, overflow) = paths.multipliedReportingOverflow(by: values)
        return !overflow && product <= exactValueLimit
    }

    /// Why a scenario is too large to plan at all, from its size alone (see
    /// `MemoryEstimate.init(scenario:paths:threads:)`): checked before the plan allocates anything.
    public static func sizeRefusal(
        _ scenario: Scenario, paths: Int, threads: Int = 1,
        maxMemory: Double = MemoryEstimate.defaultBound
    ) -> String? {
        let memory = MemoryEstimate(scenario: scenario, paths: paths, threads: threads)
        guard memory.bytes > maxMemory else { return nil }
        return memoryRefusal(
            memory, maxMemory,
            series: SeriesLayout.count(
                scenario: scenario, programFunders: scenario.programs.map(\.funderIDs), recovering: scenario.programs.map(\.hasRecoveries)))
    }

    static func memoryRefusal(_ memory: MemoryEstimate, _ maxMemory: Double, series: Int) -> String {
        "this run would need about \(MemoryEstimate.describe(memory.bytes)) of memory, more than the \(MemoryEstimate.describe(maxMemory)) allowed "
            + "(\(series) reported quantities: programs × funders × years). Use fewer paths, fewer years, programs or funders, "
            + "or raise the bound with --max-memory"
    }

    /// Why `paths` paths of `plan` cannot run, or nil when they can: too many draws to finish, or
    /// more memory than `maxMemory` bytes (see `MemoryEstimate`).
    public static func refusal(_ plan: SimulationPlan, paths: Int, threads: Int = 1, maxMemory: Double = MemoryEstimate.defaultBound) -> String? {
        let memory = MemoryEstimate(plan: plan, paths: paths, threads: threads)
        if memory.bytes > maxMemory { return memoryRefusal(memory, maxMemory, series: plan.layout.series.count) }
        let draws = Double(paths) * plan.expectedDrawsPerPath
        if draws > maxDraws {
            let fit = Int(maxDraws / max(plan.expectedDrawsPerPath, 1))
            return
                "\(paths) paths would draw about \(Int(draws / 1e9)) billion claims and loans, more than a run can finish in an hour; use at most \(fit) paths"
        }
        return nil
    }
}
