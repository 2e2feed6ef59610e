import CGSL
import CoFundModel
import Foundation

/// Draws a year's number of claims by inversion of its distribution function.
///
/// Inversion uses one uniform per draw and is monotone in the mean: under common random numbers a
/// reform that raises uptake raises every path's count, and the claims drawn after the count keep
/// their places in the stream.
public struct CountSampler: Sendable {
    public let count: CountDistribution
    /// ln Γ(dispersion) of a negative binomial's mixing gamma, computed once for all its draws.
    private let logGamma: Double

    public init(_ count: CountDistribution) {
        self.count = count
        if case let .negativeBinomial(k) = count.family { logGamma = gsl_sf_lngamma(k) } else { logGamma = 0 }
    }

    /// The count of one year with mean `mean`; `u1` and `u2` are uniforms on (0, 1). Nil when the
    /// mixing variable of a negative binomial cannot be computed.
    public func draw(mean: Double, u1: Double, u2: Double) -> Int? {
        guard mean > 0 else { return 0 }
        switch count.family {
        case .fixed:
            return Int(mean.rounded())
        case .poisson:
            return Self.poissonQuantile(u1, mean: mean)
        case let .negativeBinomial(k):
            // Gamma–Poisson: λ ~ Gamma(k, m/k), N ~ Poisson(λ), both by inversion.
            let lambda = Inversion.gamma(u2, shape: k, scale: mean / k, logGamma: logGamma)
            guard lambda.isFinite else { return nil }
            guard lambda > 0 else { return 0 }
            return Self.poissonQuantile(u1, mean: min(lambda, ScenarioValidator.maxClaimsPerYear * 50))
        }
    }

    /// The smallest k with P(N ≤ k) ≥ u for N ~ Poisson(mean).
    ///
    /// Below a mean of 30 by sequential search over the probabilities; above, from the
    /// Cornish–Fisher guess k₀ = m + √m·z + (z² − 1)/6, corrected by stepping with the exact
    /// distribution function (`gsl_cdf_poisson_P`), which takes one or two steps.
    public static func poissonQuantile(_ u: Double, mean m: Double) -> Int {
        if m < 30 {
            var k = 0
            var p = exp(-m)
            var cdf = p
            while cdf < u, k < 10_000 {
                k += 1
                p *= m / Double(k)
                cdf += p
                if p == 0 { break }
            }
            return k
        }
        let z = gsl_cdf_ugaussian_Pinv(u)
        var k = max(0, Int((m + m.squareRoot() * z + (z * z - 1) / 6).rounded(.down)))
        // P(N ≤ k) < u: step up; P(N ≤ k − 1) ≥ u: step down.
        var steps = 0
        if cdf(k, m) < u {
            repeat { k += 1; steps += 1 } while cdf(k, m) < u && steps < 100_000
        } else {
            while k > 0, cdf(k - 1, m) >= u, steps < 100_000 { k -= 1; steps += 1 }
        }
        return k
    }

    @inline(__always)
    private static func cdf(_ k: Int, _ m: Double) -> Double {
        gsl_cdf_poisson_P(UInt32(clamping: k), m)
    }
}
