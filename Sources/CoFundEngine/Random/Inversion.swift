import CGSL

/// Inverse distribution functions of the beta and gamma distributions that always finish.
///
/// GSL's `gsl_cdf_beta_Pinv` returns NaN for about 0.1% of uniforms at shapes near (90, 800) and
/// never returns at shapes near 10⁶, and `gsl_cdf_gamma_Pinv` fails at large shapes. Both are
/// replaced by one safeguarded Newton iteration on the distribution function (`gsl_cdf_beta_P`,
/// `gsl_cdf_gamma_P`, which are accurate over the shapes validation admits):
///
/// - the root is kept in a bracket [lo, hi] with F(lo) < u ≤ F(hi), narrowed at every step;
/// - a Newton step x − (F(x) − u)/f(x) is taken when it falls inside the bracket, otherwise the
///   bracket is halved — in the ordering of the doubles' bit patterns, so that each halving fixes
///   one bit and 64 of them pin the root to adjacent doubles even across hundreds of binades;
/// - it starts from the normal approximation (mean + sd·Φ⁻¹(u)), which is within a few Newton steps
///   of the root for the shapes met in practice.
///
/// At most `maxSteps` evaluations are made (Newton converges in about five; the bit-halving bound is
/// 64 after the Newton allowance is spent; `Solution.steps` reports the count), so no input can make it
/// loop. A distribution function
/// that is not finite makes the result NaN, which the engine reports as an error; it never clamps.
enum Inversion {
    static let maxNewtonSteps = 40
    static let maxSteps = maxNewtonSteps + 70

    /// A quantile and the number of distribution-function evaluations it took.
    struct Solution {
        var value: Double
        var steps: Int
    }

    /// The u-quantile of Beta(a, b), u in (0, 1); `logBeta` is ln B(a, b), computed once by the
    /// caller that inverts many uniforms of one distribution.
    static func beta(_ u: Double, a: Double, b: Double, logBeta: Double) -> Double {
        betaSolution(u, a: a, b: b, logBeta: logBeta).value
    }

    /// The u-quantile of Gamma(shape, scale), u in (0, 1); `logGamma` is ln Γ(shape).
    static func gamma(_ u: Double, shape: Double, scale: Double, logGamma: Double) -> Double {
        gammaSolution(u, shape: shape, scale: scale, logGamma: logGamma).value
    }

    static func betaSolution(_ u: Double, a: Double, b: Double, logBeta: Double? = nil) -> Solution {
        let mean = a / (a + b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        let guess = mean + sd * gsl_cdf_ugaussian_Pinv(u)
        // The density's normalising constant once per distribution, not at every step.
        let logBeta = logBeta ?? gsl_sf_lnbeta(a, b)
        return solve(
            u, lo: 0, hi: 1, start: guess, cdf: { gsl_cdf_beta_P($0, a, b) },
            pdf: { x in exp((a - 1) * log(x) + (b - 1) * log1p(-x) - logBeta) })
    }

    /// Solved for Gamma(shape, 1) and scaled: x/scale in GSL's distribution function would overflow
    /// for a tiny scale (mean 1e-300) when the bracket is halved towards the largest double.
    static func gammaSolution(_ u: Double, shape: Double, scale: Double, logGamma: Double? = nil) -> Solution {
        let guess = shape + shape.squareRoot() * gsl_cdf_ugaussian_Pinv(u)
        let logNorm = logGamma ?? gsl_sf_lngamma(shape)
        var s = solve(
            u, lo: 0, hi: .greatestFiniteMagnitude, start: guess,
            cdf: { gsl_cdf_gamma_P($0, shape, 1) }, pdf: { y in exp((shape - 1) * log(y) - y - logNorm) })
        s.value *= scale
        return s
    }

    /// The smallest x in [lo, hi] (non-negative) with cdf(x) ≥ u, to within adjacent doubles.
    static func solve(
        _ u: Double, lo: Double, hi: Double, start: Double,
        cdf: (Double) -> Double, pdf: (Double) -> Double
    ) -> Solution {
        var lo = lo, hi = hi
        var x = start.isFinite && start > lo && start < hi ? start : midpoint(lo, hi)
        var steps = 0
        while steps < maxSteps {
            steps += 1
            let f = cdf(x)
            guard f.isFinite else { return Solution(value: .nan, steps: steps) }
            if f < u { lo = x } else { hi = x }
            if hi.bitPattern - lo.bitPattern <= 1 { return Solution(value: hi, steps: steps) }
            var next = midpoint(lo, hi)
            if steps <= maxNewtonSteps {
                let density = pdf(x)
                let newton = x - (f - u) / density
                if density > 0, newton.isFinite, newton > lo, newton < hi {
                    // Converged: the step no longer moves x by more than a few units in the last place.
                    if abs(newton - x) <= 4 * x.ulp { return Solution(value: newton, steps: steps) }
                    next = newton
                }
            }
            x = next
        }
        return Solution(value: hi, steps: steps)
    }

    /// The midpoint of [lo, hi] in the order of the bit patterns of non-negative doubles.
    static func midpoint(_ lo: Double, _ hi: Double) -> Double {
        let a = lo.bitPattern, b = hi.bitPattern
        return Double(bitPattern: a + (b - a) / 2)
    }
}
