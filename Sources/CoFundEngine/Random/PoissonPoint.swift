import Foundation

/// P(N ≤ k) and P(N = k) of a Poisson(m) count, for the quantile search's start (`DiscreteQuantile`).
///
/// The probability is Loader's saddle-point form (Loader 2000, "Fast and accurate computation of
/// binomial probabilities", as R's `dpois` computes it): P(N = k) = exp(−δ(k) − D(k, m)) / √(2πk),
/// with δ the error of Stirling's formula for k! (its asymptotic series, whose first omitted term
/// is below 10⁻¹⁷ from k = 30) and D(k, m) = k ln(k/m) + m − k, summed as a series near k = m where
/// the logarithm would cancel. The distribution function adds the probabilities of the shorter tail
/// as multiples of P(N = k), by the recurrence P(N = j − 1) = P(N = j) · j/m downwards or
/// P(N = j + 1) = P(N = j) · m/(j + 1) upwards, until a term falls below 10⁻¹⁸ of the sum (the
/// terms fall ever faster, so the rest is smaller still): P(N ≤ k) = P(N = k) · Σ below the mean,
/// 1 − P(N = k) · Σ above it. Both match 40-digit values to a few units of 10⁻¹⁶, and GSL's
/// `gsl_ran_poisson_pdf` and `gsl_cdf_poisson_P` within GSL's own error, whose distribution function
/// is off by 10⁻¹² at a mean of 2,000 and 3·10⁻⁸ at 7·10⁴ (tested); the sum takes about 9√m terms at
/// the median.
struct PoissonPoint {
    var cdf: Double
    var pmf: Double

    /// The smallest count and the largest mean evaluated here; outside them GSL is used.
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
        let p = Foundation.exp(-Self.stirlingError(x) - Self.deviance(x, m)) / (2 * Double.pi * x).squareRoot()
        var sum = 1.0
        var term = 1.0
        if x < m {
            // Σ_{i ≥ 0} P(N = k − i)/P(N = k) = 1 + k/m + k(k − 1)/m² + …
            let inverse = 1 / m
            var j = k
            while j > 0 {
                term *= Double(j) * inverse
                sum += term
                if term < 1e-18 * sum { break }
                j -= 1
            }
            self.init(cdf: p * sum, pmf: p)
        } else {
            // Σ_{i ≥ 1} P(N = k + i)/P(N = k) = m/(k + 1) + m²/((k + 1)(k + 2)) + …
            sum = 0
            var j = k + 1
            while true {
                term *= m / Double(j)
                sum += term
                if term < 1e-18 * sum { break }
                j += 1
            }
            self.init(cdf: 1 - p * sum, pmf: p)
        }
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
