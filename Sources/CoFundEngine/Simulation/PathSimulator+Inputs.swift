import CGSL

/// A value drawn once per path from one uniform or one normal: an uncertain parameter, a program's
/// uptake mixing variable, a year's systematic factor. Together they make most of a total's spread;
/// importance sampling shifts their normal scores (`ImportanceSampling`), and a stratified run draws
/// them by Latin hypercube within each batch of its paths (`LatinHypercube`).
public enum PathInput: Hashable, Sendable {
    case parameter(program: Int, slot: Int)
    case mixing(program: Int)
    /// The scenario's systematic factor of event year `year`.
    case sharedFactor(year: Int)
    case ownFactor(program: Int, year: Int)
}

extension PathSimulator {
    /// Input `key`'s uniform u as the run samples it: stratified within its batch in a stratified
    /// run, then moved by importance sampling's shift θ of its normal score: with x = Φ⁻¹(u) + θ,
    /// Φ(x), and the path's log likelihood ratio gains −θ·x + θ²/2 (u itself in a plain run, so its
    /// draws are untouched). A replay of the path's matches reads the same value without counting
    /// it again.
    @inline(__always)
    func sampled(_ key: PathInput, uniform u: Double) -> Double {
        if inputShift == nil, stratification == nil { return u }
        let u = stratified(key, uniform: u)
        guard let inputShift else { return u }
        let theta = inputShift[key] ?? 0
        guard theta != 0 || scores != nil else { return u }
        let x = gsl_cdf_ugaussian_Pinv(u) + theta
        account(key, score: x, theta: theta)
        guard theta != 0 else { return u }
        // Inside (0, 1): a quantile at 0 or 1 may be infinite.
        return Swift.min(Swift.max(gsl_cdf_ugaussian_P(x), 0x1p-60), 1 - 0x1p-53)
    }

    /// A normal input z as the run samples it: Φ⁻¹ of Φ(z) stratified within its batch in a
    /// stratified run, then shifted to z + θ, with the same likelihood ratio.
    @inline(__always)
    func sampled(_ key: PathInput, normal z: Double) -> Double {
        if inputShift == nil, stratification == nil { return z }
        var z = z
        if stratification != nil {
            // Φ(z) inside (0, 1): far in the tail it rounds to 0 or 1, whose quantile is infinite.
            let u = Swift.min(Swift.max(gsl_cdf_ugaussian_P(z), 0x1p-60), 1 - 0x1p-53)
            z = gsl_cdf_ugaussian_Pinv(stratified(key, uniform: u))
        }
        guard let inputShift else { return z }
        let theta = inputShift[key] ?? 0
        account(key, score: z + theta, theta: theta)
        return z + theta
    }

    /// u stratified within the path's batch (`LatinHypercube`), or u itself.
    private func stratified(_ key: PathInput, uniform u: Double) -> Double {
        guard stratification != nil else { return u }
        return stratification!.stratified(key, key: streamSlot(key), uniform: u, path: Int(pathSeed.path))
    }

    /// The (program, slot) of the stream input `key` is drawn from.
    private func streamSlot(_ key: PathInput) -> (program: UInt64, slot: UInt64) {
        switch key {
        case let .parameter(p, slot): (plan.programs[p].key, StreamKey.parameterSlotBase + UInt64(slot))
        case let .mixing(p): (plan.programs[p].key, StreamKey.uptakeMixingSlot)
        case let .sharedFactor(t): (StreamKey.sharedFactor, StreamKey.year(t - plan.history))
        case let .ownFactor(p, t): (plan.programs[p].key, StreamKey.ownFactor(year: t - plan.history))
        }
    }

    @inline(__always)
    private func account(_ key: PathInput, score x: Double, theta: Double) {
        guard !replaying else { return }
        if theta != 0 { logWeight += -theta * x + theta * theta / 2 }
        scores?.append((key, x))
    }
}
