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
        if case let .negativeBinomial(k, _) = count.family { logGamma = gsl_sf_lngamma(k) } else { logGamma = 0 }
    }

    /// Whether the count draws one mixing variable per path (`pathMixing`) rather than one a year.
    public var mixesPerPath: Bool { count.mixing == .perPath }

    /// The mixing variable G ~ Gamma(k, 1/k), of mean 1, by inversion of the uniform `u` on (0, 1):
    /// a path's popularity of the program, which multiplies every year's mean. 1 for a count
    /// without mixing; not finite when it cannot be computed.
    public func pathMixing(_ u: Double) -> Double {
        guard case let .negativeBinomial(k, _) = count.family else { return 1 }
        return Inversion.gamma(u, shape: k, scale: 1 / k, logGamma: logGamma)
    }

    /// The count of one year with mean `mean`; `u1` and `u2` are uniforms on (0, 1). A negative
    /// binomial mixed per path takes the path's mixing variable `pathMixing` and leaves `u2`
    /// unused (it is still drawn, so that the draws after it keep their places); mixed per year,
    /// it draws its mixing variable from `u2`. Nil when the mixing variable cannot be computed.
    public func draw(mean: Double, u1: Double, u2: Double, pathMixing: Double = 1) -> Int? {
        guard mean > 0 else { return 0 }
        switch count.family {
        case .fixed:
            return Int(mean.rounded())
        case .poisson:
            return Self.poissonQuantile(u1, mean: mean)
        case let .negativeBinomial(k, mixing):
            // Gamma–Poisson: λ = G·m with G ~ Gamma(k, 1/k) (per path), or λ ~ Gamma(k, m/k)
            // (per year); N ~ Poisson(λ); each by inversion.
            let lambda =
                mixing == .perPath ? pathMixing * mean : Inversion.gamma(u2, shape: k, scale: mean / k, logGamma: logGamma)
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
