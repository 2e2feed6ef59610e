import Foundation

/// What the engine's samplers can draw in double precision, checked when a scenario is read so that
/// a run never meets a value it cannot compute.
extension Distribution {
    /// The largest value any draw may reach: sums of millions of claims over decades and hundreds of
    /// programs must stay far from the overflow of a double (about 1.8 × 10³⁰⁸).
    public static let largestDrawAllowed = 1e250

    /// Standard normal draws stay below this in magnitude: GSL's ziggurat draws its tail as
    /// R − ln(U)/R with R ≈ 3.44 and U ≥ 2⁻³², below 9.9; inversion of a 32-bit uniform gives at most 6.3.
    public static let normalDrawBound = 10.0

    /// Beta shapes α and β the samplers handle: below 0.05 the gamma variates of `gsl_ran_beta`
    /// underflow to 0/0; above 10⁵ `gsl_cdf_beta_P` (behind the quantiles) loses convergence
    /// (it returns NaN for most arguments at 10⁶).
    public static let betaShapeRange = 0.05...1e5

    /// Gamma shapes k = (mean/sd)² the samplers handle: `gsl_cdf_gamma_P` is accurate from 10⁻³ to
    /// beyond 10¹⁰; a coefficient of variation below 10⁻⁵ is a fixed number in all but name.
    public static let gammaShapeRange = 1e-3...1e10

    /// Why the samplers cannot draw this distribution, with what to write instead; nil when they can.
    public var samplingProblem: (message: String, hint: String)? {
        switch self {
        case .fixed, .uniform, .triangular:
            return nil
        case let .lognormal(median, p90):
            // From the logarithms, since p90/median itself can overflow (median 1e-300, p90 1e12).
            let sigma = (log(p90) - log(median)) / Self.z90
            let logLargest = log(median) + Self.normalDrawBound * sigma
            guard logLargest > log(Self.largestDrawAllowed) else { return nil }
            let maxSigma = (log(Self.largestDrawAllowed) - log(median)) / Self.normalDrawBound
            let maxP90 = median * exp(Self.z90 * maxSigma)
            return (
                "a lognormal with median \(Self.format(median)) and p90 \(Self.format(p90)) draws values up to about 10^\(String(format: "%.0f", logLargest / log(10))), "
                    + "too large to add up in double precision",
                maxSigma > 0 ? "for this median, p90 at most \(Self.format(maxP90))" : "a median of at most \(Self.format(Self.largestDrawAllowed))"
            )
        case let .gamma(mean, sd):
            let (shape, _) = Self.gammaShapeScale(mean: mean, sd: sd)
            guard !Self.gammaShapeRange.contains(shape) else { return nil }
            let lowSD = mean / Self.gammaShapeRange.upperBound.squareRoot()
            let highSD = mean / Self.gammaShapeRange.lowerBound.squareRoot()
            return (
                "a gamma with mean \(Self.format(mean)) and sd \(Self.format(sd)) has shape (mean/sd)² = \(Self.format(shape)), "
                    + "outside the \(Self.format(Self.gammaShapeRange.lowerBound)) to \(Self.format(Self.gammaShapeRange.upperBound)) that can be sampled",
                "for this mean, sd from \(Self.format(lowSD)) to \(Self.format(highSD)); for a known value write the number itself"
            )
        case let .beta(mean, sd):
            let (a, b) = Self.betaShapes(mean: mean, sd: sd)
            guard !Self.betaShapeRange.contains(a) || !Self.betaShapeRange.contains(b) else { return nil }
            // ν = α + β = m(1 − m)/s² − 1 must keep both shapes in range.
            let spread = mean * (1 - mean)
            let nuLow = Self.betaShapeRange.lowerBound / min(mean, 1 - mean)
            let nuHigh = Self.betaShapeRange.upperBound / max(mean, 1 - mean)
            let lowSD = (spread / (1 + nuHigh)).squareRoot(), highSD = (spread / (1 + nuLow)).squareRoot()
            let range =
                nuLow < nuHigh
                ? "for this mean, sd from \(Self.format(lowSD)) to \(Self.format(highSD)); for a known value write the number itself"
                : "a mean further from 0 and 1, or the number itself"
            return (
                "a beta with mean \(Self.format(mean)) and sd \(Self.format(sd)) has shapes α = \(Self.format(a)), β = \(Self.format(b)), "
                    + "outside the \(Self.format(Self.betaShapeRange.lowerBound)) to \(Self.format(Self.betaShapeRange.upperBound)) that can be sampled",
                range
            )
        }
    }

    /// Up to four significant digits, in scientific notation when large or small.
    static func format(_ v: Double) -> String {
        let a = abs(v)
        if a != 0 && (a >= 1e6 || a < 1e-3) { return String(format: "%.3g", v) }
        var s = String(format: "%.4g", v)
        if s.contains("e") { return s }
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
        return s
    }
}
