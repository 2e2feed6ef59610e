import CGSL
import Foundation

/// Quantiles of the Poisson and binomial distributions: the smallest k with P(N ≤ k) ≥ u, for u in
/// (0, 1). Exact up to the rounding of the distribution function; one uniform per draw and monotone in
/// the mean, so that under common random numbers a larger mean never gives a smaller count.
///
/// A small mean (below 30) is searched from 0 with the probabilities' recurrence. A larger one starts
/// from the Cornish–Fisher guess, evaluates the distribution function and the probability there once,
/// and steps with the recurrence, which takes one or two steps. That evaluation (`DiscretePoint`) is
/// Loader's saddle-point probability and the shorter tail's sum, a few times cheaper than GSL's
/// incomplete gamma and beta functions, which it falls back on outside its range (a count, or a
/// binomial's failures, below 30; a mean above 10⁵).
public enum DiscreteQuantile {
    /// The most steps a search takes; the Cornish–Fisher guess is within a few of the answer.
    static let maxSteps = 100_000

    /// The u-quantile of Poisson(mean).
    public static func poisson(_ u: Double, mean m: Double) -> Int {
        guard m > 0 else { return 0 }
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
        let k0 = max(0, Int((m + m.squareRoot() * z + (z * z - 1) / 6).rounded(.down)))
        let kk = UInt32(clamping: k0)
        let at = DiscretePoint(Int(kk), mean: m) ?? DiscretePoint(cdf: gsl_cdf_poisson_P(kk, m), pmf: gsl_ran_poisson_pdf(kk, m))
        return search(u, start: Int(kk), cdf: at.cdf, pmf: at.pmf, upper: Int.max) { k, p, up in
            // p(k + 1) = p(k) · m / (k + 1); p(k − 1) = p(k) · k / m.
            up ? p * m / Double(k + 1) : p * Double(k) / m
        }
    }

    /// The u-quantile of Binomial(n, p).
    public static func binomial(_ u: Double, trials n: Int, probability p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p < 1 else { return n }
        let mean = Double(n) * p
        let q = 1 - p
        if mean < 30 {
            var pk = Foundation.exp(Double(n) * Foundation.log1p(-p))
            if pk > 0 {
                var k = 0
                var cdf = pk
                while cdf < u, k < n {
                    pk *= Double(n - k) / Double(k + 1) * (p / q)
                    k += 1
                    cdf += pk
                    if pk == 0 { break }
                }
                return k
            }
        }
        let z = gsl_cdf_ugaussian_Pinv(u)
        let sd = (mean * q).squareRoot()
        let guess = mean + sd * z + (z * z - 1) * (q - p) / 6
        let k0 = min(n, max(0, Int(guess.rounded(.down))))
        let kk = UInt32(clamping: k0)
        let nn = UInt32(clamping: n)
        let at =
            DiscretePoint(Int(kk), trials: n, probability: p)
            ?? DiscretePoint(cdf: gsl_cdf_binomial_P(kk, p, nn), pmf: gsl_ran_binomial_pdf(kk, p, nn))
        return search(u, start: Int(kk), cdf: at.cdf, pmf: at.pmf, upper: n) { k, pk, up in
            // p(k + 1) = p(k) · (n − k)/(k + 1) · p/q; p(k − 1) = p(k) · k/(n − k + 1) · q/p.
            up ? pk * Double(n - k) / Double(k + 1) * (p / q) : pk * Double(k) / Double(n - k + 1) * (q / p)
        }
    }

    /// Steps from k with F(k) = `cdf` and P(N = k) = `pmf` to the smallest k with F(k) ≥ u.
    @inline(__always)
    private static func search(
        _ u: Double, start: Int, cdf: Double, pmf: Double, upper: Int, next: (Int, Double, Bool) -> Double
    ) -> Int {
        var k = start
        var f = cdf
        var p = pmf
        var steps = 0
        if f < u {
            // F(k) < u: step up until F(k) ≥ u.
            while f < u, k < upper, steps < maxSteps {
                p = next(k, p, true)
                k += 1
                f += p
                steps += 1
                if p == 0 { break }
            }
        } else {
            // F(k − 1) = F(k) − p(k) ≥ u: step down.
            while k > 0, f - p >= u, steps < maxSteps {
                f -= p
                p = next(k, p, false)
                k -= 1
                steps += 1
            }
        }
        return k
    }
}
