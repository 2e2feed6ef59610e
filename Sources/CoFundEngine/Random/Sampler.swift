import CGSL
import CKernels
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
        GSL.configure()
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

    /// One draw from the inline generator: a lognormal value is `Lognormal.value` of a ziggurat normal
    /// (the same bits as `fill`), a gamma or beta value is drawn by Marsaglia and Tsang's method.
    @inlinable
    public func draw(_ g: inout Xoshiro256) -> Double {
        switch form {
        case let .fixed(v): return v
        case let .uniform(low, width): return low + width * g.uniform()
        case let .triangular(low, mode, high): return Self.triangularQuantile(g.uniform(), low, mode, high)
        case let .lognormal(mu, sigma): return Lognormal.value(Ziggurat.normal(&g), mu: mu, sigma: sigma)
        case let .gamma(shape, scale, _): return scale * GammaVariate.standard(shape: shape, &g)
        case let .beta(a, b, _): return GammaVariate.beta(a, b, &g)
        }
    }

    /// Writes `n` draws to `out`, in the order `draw` would make them. A lognormal's normals are drawn
    /// first and exponentiated together by the claim kernel (`cofund_lognormal_batch`, AVX2 when the CPU
    /// has it, with the same bits either way); `normals` is room for n values.
    @inlinable
    public func fill(_ out: UnsafeMutablePointer<Double>, count n: Int, normals: UnsafeMutablePointer<Double>, _ g: inout Xoshiro256) {
        if case let .lognormal(mu, sigma) = form {
            Ziggurat.fill(normals, count: n, &g)
            cofund_lognormal_batch(normals, out, n, mu, sigma, 1)
            return
        }
        for i in 0..<n { out[i] = draw(&g) }
    }

    /// The (mu, sigma) of a lognormal, whose claims the rate kernel pays from their normals; nil for
    /// another distribution.
    @inlinable
    public var lognormal: (mu: Double, sigma: Double)? {
        if case let .lognormal(mu, sigma) = form { return (mu, sigma) }
        return nil
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

    /// Whether a quantile costs a root search (beta, gamma) rather than a formula, so that a sampler
    /// inverted once per defaulted loan is worth a `QuantileTable`.
    public var invertsByIteration: Bool {
        switch form {
        case .gamma, .beta: return true
        default: return false
        }
    }

    @inlinable
    static func triangularQuantile(_ u: Double, _ a: Double, _ c: Double, _ b: Double) -> Double {
        let fc = (c - a) / (b - a)
        return u < fc ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    }
}

/// exp(mu + sigma · z) as the claim kernels compute it: one fused multiply-add, then `cofund_exp`, so
/// that a value drawn alone and one drawn in a batch have the same bits.
public enum Lognormal {
    @inlinable
    public static func value(_ z: Double, mu: Double, sigma: Double) -> Double {
        cofund_lognormal(z, mu, sigma)
    }
}
