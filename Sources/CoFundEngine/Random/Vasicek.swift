import CGSL

/// The one-factor Gaussian copula of Vasicek (2002).
public enum Vasicek {
    /// The probability that a loan with unconditional default probability `pd` and asset
    /// correlation `rho` defaults in a year whose systematic factor is `z`:
    /// Φ((Φ⁻¹(pd) − √ρ·z)/√(1 − ρ)).
    public static func conditionalPD(pd: Double, rho: Double, z: Double) -> Double {
        if pd <= 0 { return 0 }
        if pd >= 1 { return 1 }
        if rho <= 0 { return pd }
        return gsl_cdf_ugaussian_P((gsl_cdf_ugaussian_Pinv(pd) - rho.squareRoot() * z) / (1 - rho).squareRoot())
    }

    /// The q-quantile of the default fraction of a large homogeneous pool:
    /// Φ((Φ⁻¹(pd) + √ρ·Φ⁻¹(q))/√(1 − ρ)).
    public static func largePoolQuantile(pd: Double, rho: Double, q: Double) -> Double {
        gsl_cdf_ugaussian_P((gsl_cdf_ugaussian_Pinv(pd) + rho.squareRoot() * gsl_cdf_ugaussian_Pinv(q)) / (1 - rho).squareRoot())
    }
}
