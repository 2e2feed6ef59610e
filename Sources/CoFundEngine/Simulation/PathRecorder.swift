/// What one path drew and counted, for a stress test: each uncertain parameter's value and the
/// uniform it was drawn from, and each program's claims and defaults in the horizon's years.
public struct PathRecord: Sendable, Equatable {
    /// Per uncertain parameter, in the order of `SimulationPlan.uncertainParameters`: the value
    /// drawn on the path, and its quantile u in (0, 1) (the parameter's percentile / 100).
    public var parameters: [Double]
    public var quantiles: [Double]
    /// Per program, in the scenario's order, of the horizon's years: claims made (applications of
    /// a rate or award program, new covered loans of a loan program; 0 for a match), claims
    /// approved (for a match: the parent's claims it paid), and loans defaulted.
    public var made: [Int]
    public var approved: [Int]
    public var defaulted: [Int]
}

/// Collects a `PathRecord` while `PathSimulator` simulates a path; set only by the stress test's
/// second pass, so an ordinary run counts nothing. Claims are counted in the event year of the
/// claim (a loan's origination year), defaults in the year the loan defaults, both only within
/// the horizon (event years `horizon`).
final class PathRecorder {
    let horizon: Range<Int>
    /// The position in `record.parameters` of each uncertain parameter.
    let parameterIndex: [ParameterRef: Int]
    var record: PathRecord

    init(plan: SimulationPlan) {
        horizon = plan.history..<(plan.history + plan.years)
        let uncertain = plan.uncertainParameters
        var index: [ParameterRef: Int] = [:]
        for (i, u) in uncertain.enumerated() { index[u.ref] = i }
        parameterIndex = index
        let programs = plan.programs.count
        let zeros = [Int](repeating: 0, count: programs)
        record = PathRecord(
            parameters: [Double](repeating: 0, count: uncertain.count), quantiles: [Double](repeating: 0, count: uncertain.count),
            made: zeros, approved: zeros, defaulted: zeros)
    }

    /// Zeroes the counts before a path.
    func clear() {
        for i in record.made.indices {
            record.made[i] = 0
            record.approved[i] = 0
            record.defaulted[i] = 0
        }
    }

    /// The parameter of program `program`'s slot `slot` was drawn as `value` from uniform `u`.
    func drew(_ ref: ParameterRef, value: Double, u: Double) {
        guard let i = parameterIndex[ref] else { return }
        record.parameters[i] = value
        record.quantiles[i] = u
    }
}
