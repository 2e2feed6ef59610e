import CGSL
import CoFundModel
import Foundation

/// A `Distribution` prepared for fast sampling: its derived parameters computed once.
public struct Sampler: Sendable {
    @usableFromInline enum Form: Sendable {
        case fixed(Double)
        case uniform(low: Double, width: Double)
        case triangular(low: Double, mode: Double, high: Double)
        case lognormal(mu: Double, sigma: Double)
        /// With ln Γ(shape) and ln B(a, b), the densities' constants for the quantiles.
        case gamma(shape: Double, scale: Double, logGamma: Double)
        case beta(a: Double, b: Double, logBeta: Double)
    }

    @usableFromInline let form: Form
    public let distribution: Distribution

    public init(_ d: Distribution) {
        distribution = d
        switch d {
        case let .fixed(v): form = .fixed(v)
        case let .uniform(low, high): form = .uniform(low: low, width: high - low)
        case let .triangular(low, mode, high): form = .triangular(low: low, mode: mode, high: high)
        case let .lognormal(median, p90):
            form = .lognormal(mu: log(median), sigma: Distribution.lognormalSigma(median: median, p90: p90))
        case let .gamma(mean, sd):
            let (k, theta) = Distribution.gammaShapeScale(mean: mean, sd: sd)
            form = .gamma(shape: k, scale: theta, logGamma: gsl_sf_lngamma(k))
        case let .beta(mean, sd):
            let (a, b) = Distribution.betaShapes(mean: mean, sd: sd)
            form = .beta(a: a, b: b, logBeta: gsl_sf_lnbeta(a, b))
        }
    }

    /// One draw, through GSL's samplers.
    @inlinable
    public func draw(_ r: RandomStream) -> Double {
        switch form {
        case let .fixed(v): return v
        case let .uniform(low, width): return low + width * r.uniform()
        case let .triangular(low, mode, high): return Self.triangularQuantile(r.uniform(), low, mode, high)
        case let .lognormal(mu, sigma): return exp(mu + sigma * r.gaussian())
        case let .gamma(shape, scale, _): return gsl_ran_gamma(r.rng, shape, scale)
        case let .beta(a, b, _): return gsl_ran_beta(r.rng, a, b)
        }
    }

    /// The u-quantile (inverse distribution function), for u in (0, 1); monotone in u, so that a
    /// larger uniform never gives a smaller value. NaN when it cannot be computed (never a clamp to
    /// the support's bound): the engine stops the run and names the parameter.
    ///
    /// Beta and gamma quantiles use `Inversion` (a bounded, safeguarded Newton iteration on GSL's
    /// distribution functions) instead of GSL's inverses, which fail or hang at some shapes.
    public func quantile(_ u: Double) -> Double {
        switch form {
        case let .fixed(v): return v
        case let .uniform(low, width): return low + width * u
        case let .triangular(low, mode, high): return Self.triangularQuantile(u, low, mode, high)
        case let .lognormal(mu, sigma): return exp(mu + sigma * gsl_cdf_ugaussian_Pinv(u))
        case let .gamma(shape, scale, logGamma): return Inversion.gamma(u, shape: shape, scale: scale, logGamma: logGamma)
        case let .beta(a, b, logBeta): return Inversion.beta(u, a: a, b: b, logBeta: logBeta)
        }
    }

    @inlinable
    static func triangularQuantile(_ u: Double, _ a: Double, _ c: Double, _ b: Double) -> Double {
        let fc = (c - a) / (b - a)
        return u < fc ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    }
}
