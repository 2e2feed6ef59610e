import CKernels

/// The claim kernels of `CKernels`: exp and the sum of capped lognormal payouts, each with a scalar
/// form and an AVX2 + FMA form whose results are bit-identical (the same fused operations in the
/// same order), chosen at run time by the CPU.
public enum ClaimKernel {
    /// Whether this CPU runs the AVX2 + FMA forms.
    public static var vectorAvailable: Bool { cofund_vector_available() == 1 }

    /// exp(x) within 2 ulp of the C library's for normal results; +∞ from 710, 0 from −746 down.
    @inlinable
    public static func exp(_ x: Double) -> Double { cofund_exp(x) }

    /// Σ min(rate · exp(mu + sigma · z), cap) over `normals`: one capped lognormal payout per claim.
    /// `vector` false forces the scalar form, which gives the same bits.
    public static func cappedLognormalSum(
        _ normals: UnsafeBufferPointer<Double>, mu: Double, sigma: Double, rate: Double, cap: Double, vector: Bool = true
    ) -> Double {
        guard let base = normals.baseAddress else { return 0 }
        return cofund_capped_lognormal_sum(base, normals.count, mu, sigma, rate, cap, vector ? 1 : 0)
    }
}
