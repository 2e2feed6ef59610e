import CGSL

/// A value drawn once per path from one uniform or one normal: an uncertain parameter, a program's
/// uptake mixing variable, a year's systematic factor. Together they make most of a total's spread,
/// and importance sampling shifts their normal scores (`ImportanceSampling`).
public enum PathInput: Hashable, Sendable {
    case parameter(program: Int, slot: Int)
    case mixing(program: Int)
    /// The scenario's systematic factor of event year `year`.
    case sharedFactor(year: Int)
    case ownFactor(program: Int, year: Int)
}

extension PathSimulator {
    /// Input `key`'s uniform u after importance sampling's shift θ of its normal score: with
    /// x = Φ⁻¹(u) + θ, Φ(x) (u itself when nothing is shifted, so a run's draws are untouched), and
    /// the path's log likelihood ratio gains −θ·x + θ²/2. A replay of the path's matches reads the
    /// same value without counting it again.
    @inline(__always)
    func shifted(_ key: PathInput, uniform u: Double) -> Double {
        guard let inputShift else { return u }
        let theta = inputShift[key] ?? 0
        guard theta != 0 || scores != nil else { return u }
        let x = gsl_cdf_ugaussian_Pinv(u) + theta
        account(key, score: x, theta: theta)
        guard theta != 0 else { return u }
        // Inside (0, 1): a quantile at 0 or 1 may be infinite.
        return Swift.min(Swift.max(gsl_cdf_ugaussian_P(x), 0x1p-60), 1 - 0x1p-53)
    }

    /// A normal input z shifted to z + θ, with the same likelihood ratio.
    @inline(__always)
    func shifted(_ key: PathInput, normal z: Double) -> Double {
        guard let inputShift else { return z }
        let theta = inputShift[key] ?? 0
        account(key, score: z + theta, theta: theta)
        return z + theta
    }

    @inline(__always)
    private func account(_ key: PathInput, score x: Double, theta: Double) {
        guard !replaying else { return }
        if theta != 0 { logWeight += -theta * x + theta * theta / 2 }
        scores?.append((key, x))
    }
}
