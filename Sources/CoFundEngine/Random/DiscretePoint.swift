import Foundation

/// P(N ≤ k) and P(N = k) of a Poisson or binomial count, for the quantile search's start
/// (`DiscreteQuantile`).
///
/// The probability is Loader's saddle-point form (Loader 2000, "Fast and accurate computation of
/// binomial probabilities", as R's `dpois` and `dbinom` compute it): for Poisson(m),
/// P(N = k) = exp(−δ(k) − D(k, m)) / √(2πk); for Binomial(n, p),
/// P(N = k) = exp(δ(n) − δ(k) − δ(n − k) − D(k, np) − D(n − k, nq)) · √(n / (2πk(n − k))). δ is the error
/// of Stirling's formula for k! (its asymptotic series, whose first omitted term is below 10⁻¹⁷ from
/// k = 30) and D(x, μ) = x ln(x/μ) + μ − x, summed as a series near x = μ where the logarithm would
/// cancel. The distribution function adds the probabilities of the shorter tail as multiples of
/// P(N = k), by the ratio of neighbouring probabilities, until a term falls below 10⁻¹⁸ of the sum
/// (the terms fall ever faster, so the rest is smaller still): P(N ≤ k) = P(N = k) · Σ below the mean,
/// 1 − P(N = k) · Σ above it. Both match 40-digit values to a few units of 10⁻¹⁶, and GSL's
/// probabilities and distribution functions within GSL's own error, which for the Poisson is 10⁻¹² at
/// a mean of 2,000 and 3·10⁻⁸ at 7·10⁴ (tested); the sum takes about 9 standard deviations' worth of
/// terms at the median.
struct DiscretePoint {
    var cdf: Double
    var pmf: Double

    /// The smallest count (and, for the binomial, the fewest failures) and the largest mean
    /// evaluated here; outside them GSL is used.
    static let smallestCount = 30
    static let largestMean = 100_000.0

    init(cdf: Double, pmf: Double) {
        self.cdf = cdf
        self.pmf = pmf
    }

    /// The point k of Poisson(m); nil outside the counts and means evaluated here.
    init?(_ k: Int, mean m: Double) {
        guard k >= Self.smallestCount, m <= Self.largestMean, m > 0 else { return nil }
        let x = Double(k)
        let pmf = Foundation.exp(-Self.stirlingError(x) - Self.deviance(x, m)) / (2 * Double.pi * x).squareRoot()
        if x < m {
            // P(N = j − 1)/P(N = j) = j/m.
            let inverse = 1 / m
            self.init(cdf: pmf * Self.sum(1, from: k, by: -1, until: 0) { Double($0) * inverse }, pmf: pmf)
        } else {
            // P(N = j + 1)/P(N = j) = m/(j + 1).
            self.init(cdf: 1 - pmf * Self.sum(0, from: k, by: 1, until: Int.max) { m / Double($0 + 1) }, pmf: pmf)
        }
    }

    /// The point k of Binomial(n, p); nil outside the counts and means evaluated here.
    init?(_ k: Int, trials n: Int, probability p: Double) {
        guard k >= Self.smallestCount, n - k >= Self.smallestCount, p > 0, p < 1, Double(n) * p <= Self.largestMean else { return nil }
        let (x, t, q) = (Double(k), Double(n), 1 - p)
        let exponent =
            Self.stirlingError(t) - Self.stirlingError(x) - Self.stirlingError(t - x) - Self.deviance(x, t * p) - Self.deviance(t - x, t * q)
        let pmf = Foundation.exp(exponent) * (t / (2 * Double.pi * x * (t - x))).squareRoot()
        if x < t * p {
            // P(N = j − 1)/P(N = j) = j/(n − j + 1) · q/p.
            let odds = q / p
            self.init(cdf: pmf * Self.sum(1, from: k, by: -1, until: 0) { Double($0) / Double(n - $0 + 1) * odds }, pmf: pmf)
        } else {
            // P(N = j + 1)/P(N = j) = (n − j)/(j + 1) · p/q.
            let odds = p / q
            self.init(cdf: 1 - pmf * Self.sum(0, from: k, by: 1, until: n) { Double(n - $0) / Double($0 + 1) * odds }, pmf: pmf)
        }
    }

    /// `start` + r(k) + r(k)·r(k + s) + …, for j = k, k + s, … short of `end`, with r(j) the ratio of
    /// the probability of j + s to that of j: the tail beyond k in direction s as a multiple of
    /// P(N = k), with k itself when `start` is 1.
    @inline(__always)
    private static func sum(_ start: Double, from k: Int, by s: Int, until end: Int, ratio: (Int) -> Double) -> Double {
        var sum = start
        var term = 1.0
        var j = k
        while j != end {
            term *= ratio(j)
            sum += term
            if term < 1e-18 * sum { break }
            j += s
        }
        return sum
    }

    /// δ(n) = ln n! − ln(√(2πn) (n/e)ⁿ) = 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) − …,
    /// for n ≥ 30.
    static func stirlingError(_ n: Double) -> Double {
        let nn = n * n
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - (1.0 / 1188) / nn) / nn) / nn) / nn) / n
    }

    /// D(x, m) = x ln(x/m) + m − x ≥ 0; near x = m, with v = (x − m)/(x + m), the series
    /// (x − m)·v + 2x(v³/3 + v⁵/5 + …), which does not cancel.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        guard abs(x - m) < 0.1 * (x + m) else { return x * Foundation.log(x / m) + m - x }
        let v = (x - m) / (x + m)
        let v2 = v * v
        var s = (x - m) * v
        var e = 2 * x * v
        var j = 1
        while j < 1000 {
            e *= v2
            let next = s + e / Double(2 * j + 1)
            if next == s { break }
            s = next
            j += 1
        }
        return s
    }
}
