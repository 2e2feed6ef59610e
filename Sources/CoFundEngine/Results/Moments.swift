/// Count, mean and sum of squared deviations of a set of values, mergeable (Chan, Golub & LeVeque
/// 1979): M₂ = M₂ᵃ + M₂ᵇ + δ²·nₐ·n_b/n with δ = mean_b − mean_a.
///
/// Merged in a fixed order (block by block), the result does not depend on how blocks were spread
/// over threads or shards.
public struct Moments: Sendable, Equatable {
    public internal(set) var count: Double = 0
    public internal(set) var mean: Double = 0
    public internal(set) var m2: Double = 0

    public init() {}

    /// Welford's update.
    public mutating func add(_ x: Double) {
        count += 1
        let d = x - mean
        mean += d / count
        m2 += d * (x - mean)
    }

    public mutating func merge(_ o: Moments) {
        guard o.count > 0 else { return }
        guard count > 0 else { self = o; return }
        let n = count + o.count
        let d = o.mean - mean
        mean += d * o.count / n
        m2 += o.m2 + d * d * count * o.count / n
        count = n
    }

    /// The sample standard deviation.
    public var sd: Double { count > 1 ? (Swift.max(m2, 0) / (count - 1)).squareRoot() : 0 }
}
