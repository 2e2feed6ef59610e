import CGSL

/// The per-path working storage of one worker, in flat buffers allocated once: parameter values,
/// and raw amounts by event year. Flat buffers keep the claim loop free of reference counting.
final class PathScratch {
    let span: Int
    /// Parameter values of the current path; program p's slot s is at `paramBase[p] + s`.
    let params: UnsafeMutablePointer<Double>
    let paramBase: [Int]
    /// Claims paid (risk programs: compensable loss of the first segment) by event year:
    /// program p's year t is at `p · span + t`.
    let raw: UnsafeMutablePointer<Double>
    /// Risk programs' total loss by event year, laid out as `raw`.
    let loss: UnsafeMutablePointer<Double>
    /// Compensable loss of segments after the first: program p's segment s ≥ 1, year t at
    /// `(segmentBase[p] + s − 1) · span + t`.
    let segments: UnsafeMutablePointer<Double>
    let segmentBase: [Int]
    /// The share of its payments program p actually pays in payment year t, after its budget
    /// lines' rationing (1 when nothing is rationed), at `p · span + t`: what a match follows.
    let paidFactor: UnsafeMutablePointer<Double>
    private let counts: (params: Int, raw: Int, segments: Int)

    init(plan: SimulationPlan) {
        span = plan.span
        var pb: [Int] = [], sb: [Int] = []
        var np = 0, ns = 0
        for p in plan.programs {
            pb.append(np)
            np += p.parameters.count
            sb.append(ns)
            ns += p.segmentCumulative.count - 1
        }
        paramBase = pb
        segmentBase = sb
        counts = (max(np, 1), max(plan.programs.count * span, 1), max(ns * span, 1))
        params = .allocate(capacity: counts.params)
        params.initialize(repeating: 0, count: counts.params)
        raw = .allocate(capacity: counts.raw)
        loss = .allocate(capacity: counts.raw)
        segments = .allocate(capacity: counts.segments)
        paidFactor = .allocate(capacity: counts.raw)
        clear()
    }

    deinit {
        params.deallocate()
        raw.deallocate()
        loss.deallocate()
        segments.deallocate()
        paidFactor.deallocate()
    }

    /// Zeroes the raw amounts before a path.
    func clear() {
        raw.update(repeating: 0, count: counts.raw)
        loss.update(repeating: 0, count: counts.raw)
        segments.update(repeating: 0, count: counts.segments)
        paidFactor.update(repeating: 1, count: counts.raw)
    }

    @inline(__always) func param(_ program: Int, _ slot: Int) -> Double { params[paramBase[program] + slot] }
}

/// A matching program as its parent's claim loop sees it: plain values only, so that following
/// a claim to its matches copies nothing that is reference counted.
struct MatchLink {
    var program: Int
    /// The program matched: the match follows what it actually paid.
    var parent: Int
    var paramBase: Int
    var ratio: Int
    var fraction: Int
    var cap: Int
    var ofFraction: Double
    var lag: Int
    /// This match's own matches, in `links`.
    var childStart: Int
    var childCount: Int
}
