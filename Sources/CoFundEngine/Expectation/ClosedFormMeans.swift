import CoFundModel

/// The expected value of every reported series that has one in closed form: each program's
/// expected amounts (`ProgramExpectation`) settled like a path (`PathSimulator.settle(expected:)`).
/// A series has one when no program feeding it lacks one — programs rationed pro rata, interest
/// subsidies, matches with a cap per claim or of a match, and rate programs whose components share a
/// cap have none.
public struct ClosedFormMeans: Sendable {
    /// Per series, in `SeriesLayout` order: the closed-form mean, or nil.
    public let values: [Double?]
    /// Per budget cell (`SimulationPlan.budgetCells`): the expected demand, or nil.
    public let demands: [Double?]
    /// The programs without one, in scenario order, with the reason.
    public let missing: [(program: String, reason: String)]

    public init(plan: SimulationPlan) {
        let expectations = ProgramExpectation.all(plan)
        let simulator = PathSimulator(plan: plan)
        let expected = simulator.settle(expected: expectations.map { try? $0.get() })
        // Which series the programs without a closed form reach: settle a marker of 1 in every
        // year for them alone (defaults and recoveries apart, so that no sum of them cancels).
        var missing: [(String, String)] = []
        var markers: [ProgramExpectation?] = Array(repeating: nil, count: plan.programs.count)
        var recoveries = markers
        for (pi, e) in expectations.enumerated() {
            guard case let .failure(m) = e else { continue }
            let p = plan.programs[pi]
            missing.append((p.program.id, m.reason))
            if p.residual != nil {
                let stride = CompensationRow.count * plan.span
                var defaults = [Double](repeating: 0, count: p.versions.count * p.segmentCount * stride)
                var recovered = defaults
                for block in 0..<(p.versions.count * p.segmentCount) {
                    for t in 0..<plan.span {
                        defaults[block * stride + CompensationRow.outstanding * plan.span + t] = 1
                        defaults[block * stride + CompensationRow.base * plan.span + t] = 1
                        recovered[block * stride + CompensationRow.recovered * plan.span + t] = 1
                        recovered[block * stride + CompensationRow.recoveredBase * plan.span + t] = 1
                    }
                }
                markers[pi] = .flows(defaults)
                recoveries[pi] = .flows(recovered)
            } else {
                markers[pi] = .claims([Double](repeating: 1, count: plan.span))
            }
        }
        let reached = missing.isEmpty ? nil : simulator.settle(expected: markers)
        let reachedByRecoveries = missing.isEmpty ? nil : simulator.settle(expected: recoveries)
        func mean(_ i: Int) -> Double? {
            if let reached, reached[i] != 0 { return nil }
            if let reachedByRecoveries, reachedByRecoveries[i] != 0 { return nil }
            return expected[i]
        }
        values = plan.layout.series.indices.map(mean)
        demands = plan.budgetCells.indices.map { mean(plan.budgetRows.demand(cell: $0)) }
        self.missing = missing
    }
}
