import CoFundModel
import Foundation

/// An axis range with round ticks: the smallest step of 1, 2, 2.5 or 5 times a power of ten that
/// covers the values in at most `maxTicks − 1` intervals; the ends are ticks.
struct NiceScale: Equatable {
    let lower: Double
    let upper: Double
    let step: Double

    /// A scale covering `low...high` with at most about `maxTicks` ticks; with `includeZero` the
    /// range is widened to take in 0.
    init(_ low: Double, _ high: Double, maxTicks: Int = 6, includeZero: Bool = true) {
        var lo = low.isFinite ? low : 0
        var hi = high.isFinite ? high : 0
        if includeZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
        if hi < lo { swap(&lo, &hi) }
        if hi == lo {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            if !includeZero || lo < 0 { lo -= pad }
            if !includeZero || hi >= 0 { hi += pad }
        }
        let intervals = Double(Swift.max(maxTicks - 1, 1))
        var e = (log10((hi - lo) / intervals)).rounded(.down) - 1
        var chosen: (step: Double, lower: Double, upper: Double)?
        while chosen == nil {
            for m in [1, 2, 2.5, 5] {
                let step = m * pow(10, e)
                let l = (lo / step + 1e-9).rounded(.down) * step
                let u = (hi / step - 1e-9).rounded(.up) * step
                if (u - l) / step <= intervals + 1e-9 { chosen = (step, l, u); break }
            }
            e += 1
        }
        step = chosen!.step
        lower = chosen!.lower
        upper = chosen!.upper
    }

    var ticks: [Double] {
        let n = Int(((upper - lower) / step).rounded())
        return (0...Swift.max(n, 0)).map { i in
            let v = lower + Double(i) * step
            let d = pow(10, Double(decimals))
            let r = (v * d).rounded() / d
            return r == 0 ? 0 : r
        }
    }

    /// Decimals needed to write every tick exactly (0 for 25,000; 2 for 0.25).
    var decimals: Int {
        var d = 0
        while d < 10, abs((step * pow(10, Double(d))).rounded() - step * pow(10, Double(d))) > 1e-6 * step * pow(10, Double(d)) { d += 1 }
        return d
    }

    /// A tick label: thousands grouped (12,000; 0.25).
    func label(_ v: Double) -> String { Formatting.amount(v, decimals: decimals) }
}

/// A linear map from a scale's values to pixels (`from` at `lower`, `to` at `upper`).
struct LinearAxis {
    let scale: NiceScale
    let from: Double
    let to: Double

    func map(_ v: Double) -> Double {
        let span = scale.upper - scale.lower
        guard span > 0 else { return (from + to) / 2 }
        return from + (v - scale.lower) / span * (to - from)
    }
}
