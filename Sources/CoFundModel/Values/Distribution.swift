import Foundation

/// A continuous distribution, written in the terms an analyst uses (median and p90, mean and sd).
///
/// Used for per-claim amounts (a firm's R&D spend, a loan's principal, a defaulted loan's LGD) and
/// for uncertain parameters drawn once per path. Sampling lives in the engine; this type holds the
/// parameters and the closed-form facts the model needs (mean, support).
public enum Distribution: Sendable, Hashable {
    case fixed(Double)
    case uniform(low: Double, high: Double)
    case triangular(low: Double, mode: Double, high: Double)
    /// Lognormal with the given median and 90th percentile: σ = ln(p90/median)/z₀.₉₀.
    case lognormal(median: Double, p90: Double)
    case gamma(mean: Double, sd: Double)
    /// Beta on [0, 1] with the given mean and standard deviation.
    case beta(mean: Double, sd: Double)

    /// Φ⁻¹(0.9), the standard normal 90th percentile.
    public static let z90 = 1.2815515655446004

    /// The dist name used in scenario files.
    public var name: String {
        switch self {
        case .fixed: "fixed"
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .lognormal: "lognormal"
        case .gamma: "gamma"
        case .beta: "beta"
        }
    }

    /// The expected value, in closed form.
    public var mean: Double {
        switch self {
        case let .fixed(v): v
        case let .uniform(low, high): (low + high) / 2
        case let .triangular(low, mode, high): (low + mode + high) / 3
        case let .lognormal(median, p90):
            median * exp(0.5 * Self.lognormalSigma(median: median, p90: p90).squared)
        case let .gamma(mean, _): mean
        case let .beta(mean, _): mean
        }
    }

    /// The smallest and largest values the distribution can take (infinite where unbounded).
    public var support: ClosedRange<Double> {
        switch self {
        case let .fixed(v): v...v
        case let .uniform(low, high): low...high
        case let .triangular(low, _, high): low...high
        case .lognormal, .gamma: 0...Double.infinity
        case .beta: 0...1
        }
    }

    /// Whether the distribution always gives the same value.
    public var isDegenerate: Bool {
        if case .fixed = self { return true }
        return support.lowerBound == support.upperBound
    }

    /// σ of the underlying normal of a lognormal given by its median and p90.
    public static func lognormalSigma(median: Double, p90: Double) -> Double {
        log(p90 / median) / z90
    }

    /// Shape α and β of a beta distribution given by its mean m and sd s:
    /// ν = m(1 − m)/s² − 1, α = mν, β = (1 − m)ν. Valid when s² < m(1 − m).
    public static func betaShapes(mean m: Double, sd s: Double) -> (alpha: Double, beta: Double) {
        let nu = m * (1 - m) / (s * s) - 1
        return (m * nu, (1 - m) * nu)
    }

    /// Shape k and scale θ of a gamma distribution given by its mean and sd: k = (m/s)², θ = s²/m.
    public static func gammaShapeScale(mean m: Double, sd s: Double) -> (shape: Double, scale: Double) {
        ((m / s) * (m / s), s * s / m)
    }
}

extension Double {
    @inlinable var squared: Double { self * self }
}
