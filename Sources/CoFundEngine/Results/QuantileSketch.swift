import Foundation

/// A mergeable quantile sketch with relative value accuracy (DDSketch; Masson, Rim & Lee, VLDB 2019).
///
/// Positive values fall in logarithmic buckets: x goes to bucket i = ⌈ln x / ln γ⌉ with
/// γ = (1 + α)/(1 − α), and every value of bucket i is within a relative α of the bucket's
/// representative 2γⁱ/(γ + 1). Zeros are counted apart. Hence the q-quantile returned is within α
/// of the value of rank ⌈qN⌉ of the data, whatever their distribution, and the sketch's size grows
/// only with the range of the values (log(max/min)/α buckets), never with their number.
///
/// Two sketches merge by adding their bucket counts, which are integers: merging is exact,
/// associative and commutative, so shards merged in any order give the same sketch as one run.
///
/// - Complexity: O(1) per value; O(log(max/min)/α) memory.
public struct QuantileSketch: Sendable, Equatable {
    /// Relative value accuracy of every quantile.
    public static let alpha = 0.001
    static let gamma = (1 + alpha) / (1 - alpha)
    static let logGamma = log(gamma)
    /// Values below this magnitude are counted as zero (amounts are in 万元 or 元).
    static let minPositive = 1e-9

    public internal(set) var count: UInt64 = 0
    public internal(set) var zeros: UInt64 = 0
    /// Buckets of positive values, `positive[k]` counting bucket `offset + k`.
    var positive: [UInt64] = []
    var offset = 0
    /// Buckets of negative values by the bucket of |x|.
    var negative: [UInt64] = []
    var negativeOffset = 0
    public internal(set) var max = -Double.infinity
    public internal(set) var min = Double.infinity

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        max = Swift.max(max, x)
        min = Swift.min(min, x)
        if abs(x) < Self.minPositive { zeros += 1; return }
        let i = Int((log(abs(x)) / Self.logGamma).rounded(.up))
        if x > 0 { Self.increment(&positive, &offset, i, by: 1) } else { Self.increment(&negative, &negativeOffset, i, by: 1) }
    }

    public mutating func merge(_ other: QuantileSketch) {
        count += other.count
        zeros += other.zeros
        max = Swift.max(max, other.max)
        min = Swift.min(min, other.min)
        for (k, c) in other.positive.enumerated() where c > 0 { Self.increment(&positive, &offset, other.offset + k, by: c) }
        for (k, c) in other.negative.enumerated() where c > 0 { Self.increment(&negative, &negativeOffset, other.negativeOffset + k, by: c) }
    }

    private static func increment(_ buckets: inout [UInt64], _ offset: inout Int, _ i: Int, by c: UInt64) {
        if buckets.isEmpty {
            buckets = [c]
            offset = i
            return
        }
        if i < offset {
            buckets.insert(contentsOf: [UInt64](repeating: 0, count: offset - i), at: 0)
            offset = i
        } else if i >= offset + buckets.count {
            buckets.append(contentsOf: [UInt64](repeating: 0, count: i - offset - buckets.count + 1))
        }
        buckets[i - offset] += c
    }

    static func representative(_ i: Int) -> Double { 2 * pow(gamma, Double(i)) / (gamma + 1) }

    /// The values in ascending order as (representative value, count) runs.
    private var ascending: [(value: Double, count: UInt64)] {
        var out: [(Double, UInt64)] = []
        for (k, c) in negative.enumerated().reversed() where c > 0 { out.append((-Self.representative(negativeOffset + k), c)) }
        if zeros > 0 { out.append((0, zeros)) }
        for (k, c) in positive.enumerated() where c > 0 { out.append((Self.representative(offset + k), c)) }
        return out
    }

    /// The value of rank ⌈qN⌉ (at least 1), within a relative α, clamped to the observed range.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = Swift.max(1, UInt64((q * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (v, c) in ascending {
            seen += c
            if seen >= rank { return Swift.min(Swift.max(v, min), max) }
        }
        return max
    }

    /// The mean of the largest ⌈N(1 − level)⌉ values, each within a relative α.
    public func tailMean(_ level: Double) -> Double {
        guard count > 0 else { return 0 }
        let k = Swift.max(1, UInt64((Double(count) * (1 - level) - 1e-9).rounded(.up)))
        var left = k
        var sum = 0.0
        for (v, c) in ascending.reversed() {
            let take = Swift.min(c, left)
            sum += Swift.min(Swift.max(v, min), max) * Double(take)
            left -= take
            if left == 0 { break }
        }
        return sum / Double(k)
    }
}

extension QuantileSketch {
    /// Counts of the sketched values in `bins` equal-width bins over `range`, each bucket's count
    /// placed at its representative value (so within a relative α of where its values were).
    public func histogram(bins: Int, over range: ClosedRange<Double>) -> [UInt64] {
        var counts = [UInt64](repeating: 0, count: Swift.max(bins, 1))
        let width = (range.upperBound - range.lowerBound) / Double(counts.count)
        func bin(_ v: Double) -> Int {
            guard width > 0 else { return 0 }
            return Swift.min(Swift.max(Int(((v - range.lowerBound) / width).rounded(.down)), 0), counts.count - 1)
        }
        for (v, c) in ascending { counts[bin(Swift.min(Swift.max(v, min), max))] += c }
        return counts
    }
}
