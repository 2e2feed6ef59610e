import CGSL
import CoFundModel
import Foundation

/// The run checked against mathematics: every series with a closed-form mean (`ClosedFormMeans`)
/// beside its simulated mean, and each funder's totals estimated again with the closed forms as a
/// control variate (`ControlVariate`).
public struct SelfCheck: Sendable {
    public struct Row: Sendable {
        /// Index into `SeriesLayout.series`.
        public var series: Int
        /// nil where the series has none.
        public var closedForm: Double?
        public var mean: Double
        public var se: Double
        /// (mean − closed form) / se; 0 when both agree to rounding with se 0, infinite when they
        /// differ with se 0; nil without a closed form.
        public var z: Double?
        /// A funder's total (over all programs): its control-variate estimate; nil for the others and
        /// when the paths' values were not kept.
        public var controlled: ControlVariate?
    }

    public let rows: [Row]
    /// The programs without a closed-form mean, with the reason.
    public let missing: [(program: String, reason: String)]
    public let programs: Int
    /// The closed forms behind the rows, for the other estimates that use them (`BudgetControl`).
    public let means: ClosedFormMeans

    /// The standard errors within which a simulated mean must lie of its closed form
    /// (VALIDATION.md: a false alarm about once in 16,000 series).
    public static let tolerance = 4.0
    /// The same false-alarm rate for a stratified run, whose standard errors come from its batches:
    /// z is then Student's t with B − 1 degrees of freedom, and the bound its quantile at the normal's
    /// two-sided 6.3·10⁻⁵ (5.1 for 20 batches).
    public static let stratifiedTolerance = gsl_cdf_tdist_Qinv(gsl_cdf_ugaussian_Q(tolerance), Double(BatchMeans.batches - 1))
    /// This run's bound: `tolerance`, or `stratifiedTolerance` for a stratified run.
    public let tolerance: Double

    public init(_ r: SimulationResult) {
        tolerance = r.options.stratified ? Self.stratifiedTolerance : Self.tolerance
        let means = ClosedFormMeans(plan: r.plan)
        let layout = r.plan.layout
        var rows: [Row] = []
        for (i, s) in layout.series.enumerated() {
            let total = s.program == nil
            guard means.values[i] != nil || total else { continue }
            let stats = r.statistics[i]
            var row = Row(series: i, closedForm: means.values[i], mean: stats.mean, se: stats.se, z: nil, controlled: nil)
            if let c = means.values[i] {
                let gap = stats.mean - c
                let rounding = 1e-9 * Swift.max(1, abs(c))
                row.z = abs(gap) <= rounding ? 0 : gap / stats.se
            }
            if total, case let .paths(values) = r.kept {
                row.controlled = ControlVariate(series: i, values: values, layout: layout, means: means.values)
            }
            rows.append(row)
        }
        self.rows = rows
        missing = means.missing
        programs = r.plan.programs.count
        self.means = means
    }

    /// The row whose mean is furthest from its closed form, in standard errors.
    public var worst: Row? {
        rows.filter { $0.z != nil }.max { abs($0.z!) < abs($1.z!) }
    }

    /// Series whose simulated mean lies more than `tolerance` standard errors from its closed form.
    public var failures: [Row] { rows.filter { ($0.z.map(abs) ?? 0) > tolerance } }
}

/// A funder's total over all programs Y, estimated with the control C = the same funder's amounts
/// in the programs that have a closed-form mean μ_C, summed path by path: Ȳ − β(C̄ − μ_C) with β the
/// regression slope of Y on C. Its standard error is that of the regression's residuals; when every
/// program has a closed form, C = Y, β = 1 and the estimate is the closed form with no error.
public struct ControlVariate: Sendable {
    public var mean: Double
    public var se: Double
    /// The programs in the control.
    public var controls: Int

    init?(series i: Int, values: PathValues, layout: SeriesLayout, means: [Double?]) {
        let s = layout.series[i]
        var members: [(values: [Double], mean: Double)] = []
        for p in 0..<layout.programBase.count {
            guard let j = layout.index(program: p, funder: s.funder, year: s.year, flow: s.flow), let m = means[j] else { continue }
            members.append((values.series[j], m))
        }
        let y = values.series[i]
        let n = y.count
        guard n > 2, !members.isEmpty else { return nil }
        var c = [Double](repeating: 0, count: n)
        var mu = 0.0
        for m in members {
            mu += m.mean
            for k in 0..<n { c[k] += m.values[k] }
        }
        let (value, error) = ControlRegression(y: y, x: c).estimate(controlMean: mu)
        mean = value
        // Residuals of Y − C at rounding's size are none: the control is the series itself.
        se = error <= 1e-9 * Swift.max(1, abs(value)) ? 0 : error
        controls = members.count
    }
}
