import CGSL
import CoFundModel

/// The per-path working storage of one worker, in flat buffers allocated once: parameter values,
/// and raw amounts by event year. Flat buffers keep the claim loop free of reference counting.
final class PathScratch {
    let span: Int
    /// Parameter values of the current path; program p's slot s of version k is at
    /// `paramBase[p] + k · slotCount + s` (`ProgramPlan.slotCount`).
    let params: UnsafeMutablePointer<Double>
    let paramBase: [Int]
    /// Claims paid by event year (not used by risk programs): program p's year t is at
    /// `p · span + t`.
    let raw: UnsafeMutablePointer<Double>
    /// Risk programs' defaulted loans folded into `CompensationFlows` by event year: the
    /// non-performing principal and compensation base of the loans defaulting in year t, and the
    /// recoveries falling in year t, kept apart by the version of the loans' origination year so
    /// that each is split with its version's loss shares. Program p's version v, segment s, field
    /// k (`CompensationRow`), year t is at `((flowBase[p] + v · segments + s) · 4 + k) · span + t`.
    let flows: UnsafeMutablePointer<Double>
    let flowBase: [Int]
    /// The share of its payments program p actually pays in payment year t, after its budget
    /// lines' rationing (1 when nothing is rationed), at `p · span + t`: what a match follows.
    let paidFactor: UnsafeMutablePointer<Double>
    private let counts: (params: Int, raw: Int, flows: Int)

    init(plan: SimulationPlan) {
        span = plan.span
        var pb: [Int] = [], fb: [Int] = []
        var np = 0, ns = 0
        for p in plan.programs {
            pb.append(np)
            np += p.slotCount * p.versions.count
            fb.append(ns)
            if p.residual != nil { ns += p.segmentCount * p.versions.count }
        }
        paramBase = pb
        flowBase = fb
        counts = (max(np, 1), max(plan.programs.count * span, 1), max(ns * CompensationRow.count * span, 1))
        params = .allocate(capacity: counts.params)
        params.initialize(repeating: 0, count: counts.params)
        raw = .allocate(capacity: counts.raw)
        flows = .allocate(capacity: counts.flows)
        paidFactor = .allocate(capacity: counts.raw)
        clear()
    }

    deinit {
        params.deallocate()
        raw.deallocate()
        flows.deallocate()
        paidFactor.deallocate()
    }

    /// Zeroes the raw amounts before a path.
    func clear() {
        raw.update(repeating: 0, count: counts.raw)
        flows.update(repeating: 0, count: counts.flows)
        paidFactor.update(repeating: 1, count: counts.raw)
    }

    /// The rows of risk program `program`'s version 0, segment 0; version v's segment s starts
    /// `CompensationRow.count · (v · segments + s) · span` further on.
    @inline(__always) func flowRows(_ program: Int) -> UnsafeMutablePointer<Double> {
        flows + flowBase[program] * CompensationRow.count * span
    }
}

/// The fields of `CompensationFlows` as rows of `PathScratch.flows`.
enum CompensationRow {
    static let outstanding = 0, base = 1, recovered = 2, recoveredBase = 3
    static let count = 4

    /// Adds a defaulted loan of segment row block `rows` (span years a row): its non-performing
    /// principal and base in the default year, its recoveries in the recovery year.
    @inline(__always)
    static func add(_ f: CompensationFlows, to rows: UnsafeMutablePointer<Double>, span: Int, defaultYear t: Int, recoveryYear r: Int) {
        rows[outstanding * span + t] += f.outstanding
        rows[base * span + t] += f.base
        rows[recovered * span + r] += f.recovered
        rows[recoveredBase * span + r] += f.recoveredBase
    }

    /// The flows of year t in segment row block `rows`.
    @inline(__always)
    static func read(_ rows: UnsafeMutablePointer<Double>, span: Int, year t: Int) -> CompensationFlows {
        CompensationFlows(
            outstanding: rows[outstanding * span + t], base: rows[base * span + t], recovered: rows[recovered * span + t],
            recoveredBase: rows[recoveredBase * span + t])
    }
}

/// A matching program as its parent's claim loop sees it: plain values only, so that following
/// a claim to its matches copies nothing that is reference counted. Its terms in the root claim's
/// year are in `MatchYear`.
struct MatchLink {
    var program: Int
    /// The program matched: the match follows what it actually paid.
    var parent: Int
    var ratio: Int
    var fraction: Int
    var cap: Int
    var lag: Int
    /// The event years (of the parent's payment) in which the match's text is in force.
    var forceFirst: Int
    var forceLast: Int
    /// This match's own matches, in `links`.
    var childStart: Int
    var childCount: Int
}

/// A match's terms for the claims of one root event year: where its version's parameters start in
/// `PathScratch.params`, and the fraction of the parent's payout it is based on (1, or the `of`
/// funder's share in the parent's version of that year).
struct MatchYear {
    var paramBase: Int
    var ofFraction: Double
}
