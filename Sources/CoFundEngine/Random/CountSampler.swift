import CGSL
import CoFundModel
import Foundation

/// Draws a year's numbers of claims made and approved.
///
/// Approval thins the count: each claim is approved independently with probability a, so the
/// approved claims of a Poisson(λ) count are Poisson(λa) and the refused ones an independent
/// Poisson(λ(1 − a)) (a negative binomial likewise, given its mixing variable; a fixed count n gives
/// Binomial(n, a) approvals). Each is drawn by inversion of one uniform, so only the approved claims
/// are drawn after it, and under common random numbers a reform that raises uptake or approval
/// raises every path's approved count.
public struct CountSampler: Sendable {
    public let count: CountDistribution
    /// ln Γ(dispersion) of a negative binomial's mixing gamma, computed once for all its draws.
    private let logGamma: Double

    public init(_ count: CountDistribution) {
        self.count = count
        if case let .negativeBinomial(k, _) = count.family { logGamma = gsl_sf_lngamma(k) } else { logGamma = 0 }
    }

    /// A year's claims: made, and approved among them.
    public struct YearCount: Sendable, Equatable {
        public var made: Int
        public var approved: Int
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

    /// The claims of one year with mean `mean`, of which each is approved with probability
    /// `approval`. Draws two uniforms (approved, refused), then, for a negative binomial mixed per
    /// year, its mixing variable G ~ Gamma(k, 1/k) (Marsaglia–Tsang: the draw does not depend on the
    /// mean, which scales it). A negative binomial mixed per path takes the path's `pathMixing`.
    /// The refused claims are counted only when `countRefused` (their uniform is drawn either way, so
    /// the draws after it keep their places); otherwise `made` is the approved count. Nil when the
    /// mixing variable is not finite.
    public func draw(
        mean: Double, approval a: Double, pathMixing: Double = 1, countRefused: Bool = true, _ g: inout Xoshiro256
    ) -> YearCount? {
        let u1 = g.uniformOpen()
        let u2 = g.uniformOpen()
        guard mean > 0 else { return YearCount(made: 0, approved: 0) }
        let lambda: Double
        switch count.family {
        case .fixed:
            let n = Int(mean.rounded())
            return YearCount(made: n, approved: DiscreteQuantile.binomial(u1, trials: n, probability: a))
        case .poisson:
            lambda = mean
        case let .negativeBinomial(k, mixing):
            // Gamma–Poisson: λ = G·m with G ~ Gamma(k, 1/k), per path or per year.
            lambda = mixing == .perPath ? pathMixing * mean : mean * GammaVariate.standard(shape: k, &g) / k
        }
        guard lambda.isFinite else { return nil }
        guard lambda > 0 else { return YearCount(made: 0, approved: 0) }
        let l = min(lambda, ScenarioValidator.maxClaimsPerYear * 50)
        let approved = DiscreteQuantile.poisson(u1, mean: l * a)
        let refused = countRefused && a < 1 ? DiscreteQuantile.poisson(u2, mean: l * (1 - a)) : 0
        return YearCount(made: approved + refused, approved: approved)
    }
}
