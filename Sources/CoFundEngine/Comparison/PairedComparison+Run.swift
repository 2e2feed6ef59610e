extension PairedComparison {
    /// Why a paired run stopped.
    public enum RunFailure: Error, Sendable, CustomStringConvertible {
        /// A value that cannot be computed, in either run.
        case numeric(NumericFailure)
        /// A run kept block summaries, not its paths.
        case blockSummaries
        /// The runs cannot be paired.
        case mismatch(Mismatch)

        public var description: String {
            switch self {
            case let .numeric(failure): failure.description
            case .blockSummaries: "a paired comparison needs every path's values, and this run kept block summaries"
            case let .mismatch(mismatch): mismatch.description
            }
        }
    }

    /// The most paths a paired comparison of `plans` keeps every path's values for, when `paths`
    /// is more than that for one of them; nil when `paths` fit. Checked before anything runs: the
    /// comparison differences the runs path by path, so it cannot fall back on block summaries.
    public static func pathLimit(_ plans: [SimulationPlan], paths: Int) -> Int? {
        for plan in plans where !SimulationLimits.keepsPathValues(plan, paths: paths) {
            return SimulationLimits.exactValueLimit / plan.valueCount
        }
        return nil
    }

    /// Runs `base` and `reform` on the same options (so on common random numbers), the reform
    /// without progress, and pairs them path by path.
    public static func run(base: SimulationPlan, reform: SimulationPlan, options: SimulationOptions) async throws(RunFailure) -> PairedComparison {
        var reformOptions = options
        reformOptions.progress = nil
        let b: SimulationResult, r: SimulationResult
        do {
            b = try await Simulation.run(base, options: options)
            r = try await Simulation.run(reform, options: reformOptions)
        } catch { throw .numeric(error) }
        guard let keptBase = b.keptPaths, let keptReform = r.keptPaths else { throw .blockSummaries }
        do { return try PairedComparison(base: keptBase, reform: keptReform) } catch { throw .mismatch(error) }
    }
}
