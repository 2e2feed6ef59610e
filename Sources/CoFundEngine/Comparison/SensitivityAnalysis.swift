import CoFundModel

/// Which uncertain parameter drives each funder's exposure: each is held at its own p10 and then
/// at its p90 while everything else varies as usual, on common random numbers (tornado data).
public enum SensitivityAnalysis {
    /// The swing of one funder's horizon total when one parameter moves from its p10 to its p90.
    public struct Swing: Sendable {
        public var parameter: UncertainParameter
        /// The parameter's value at its p10 and at its p90.
        public var lowValue: Double
        public var highValue: Double
        public var funder: String
        public var low: SeriesStatistics
        public var high: SeriesStatistics
        public var meanSwing: Double { high.mean - low.mean }
        public var p95Swing: Double { high.p95 - low.p95 }
    }

    public static let lowQuantile = 0.1
    public static let highQuantile = 0.9

    /// Two runs per uncertain parameter; swings for every funder (and `all` funders, funder "all"),
    /// ranked within each funder by the size of the mean swing.
    public static func run(
        _ plan: SimulationPlan, options: SimulationOptions,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(NumericFailure) -> [Swing] {
        let parameters = plan.uncertainParameters
        var swings: [Swing] = []
        for (k, parameter) in parameters.enumerated() {
            var results: [SimulationResult] = []
            for q in [lowQuantile, highQuantile] {
                var o = options
                o.heldParameters[parameter.ref] = q
                o.targetRelativeSE = nil
                o.progress = nil
                results.append(try await Simulation.run(plan, options: o))
            }
            progress?(k + 1, parameters.count)
            let sampler = Sampler(parameter.distribution)
            for funder in plan.layout.funders + [nil] as [String?] {
                guard let low = results[0].statistics(program: nil, funder: funder, year: .total),
                    let high = results[1].statistics(program: nil, funder: funder, year: .total)
                else { continue }
                swings.append(
                    Swing(
                        parameter: parameter, lowValue: sampler.quantile(lowQuantile), highValue: sampler.quantile(highQuantile),
                        funder: funder ?? "all", low: low, high: high))
            }
        }
        let funderOrder = plan.layout.funders + ["all"]
        return swings.sorted { a, b in
            let fa = funderOrder.firstIndex(of: a.funder) ?? 0, fb = funderOrder.firstIndex(of: b.funder) ?? 0
            return fa != fb ? fa < fb : abs(a.meanSwing) > abs(b.meanSwing)
        }
    }
}
