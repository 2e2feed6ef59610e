import CoFundEngine
import Foundation

/// A series' quantile sketch read from a shard file (see `QuantileSketch.words`), checked before it
/// is built: merging sketches adds their counts (which must not overflow) and allocates every
/// bucket between their offsets (which must lie where the sketch's own min and max put them).
extension PartialFile {
    /// ln γ, with γ = (1 + α)/(1 − α) as `QuantileSketch` computes it from its α.
    static let sketchLogGamma = log((1 + QuantileSketch.alpha) / (1 - QuantileSketch.alpha))

    /// The bucket of a magnitude, as `QuantileSketch.add` computes it.
    static func sketchBucket(_ magnitude: Double) -> Int { Int((log(magnitude) / sketchLogGamma).rounded(.up)) }

    /// The buckets a finite nonzero magnitude can fall in (wider than needed at the low end: the
    /// sketch counts magnitudes below its threshold as zeros).
    static let sketchBuckets = sketchBucket(.leastNonzeroMagnitude)...sketchBucket(maxMagnitude)

    /// The sketch of series `s`: its length, then the words of a sketch of exactly `paths` values.
    static func readSketch(_ reader: inout WordReader, paths: Int, series s: Int) throws(Refusal) -> QuantileSketch {
        func refuse(_ why: String) -> Refusal { Refusal("the sketch of series \(s) \(why): the file was altered") }
        guard let length = reader.word() else { throw Refusal("the file is truncated before the sketch of series \(s)") }
        guard length >= 8, length <= UInt64(reader.wordsLeft), let w = reader.words(Int(length)) else {
            throw Refusal(
                "the sketch of series \(s) says it takes \(length) words but \(reader.wordsLeft) are left: the file is truncated or altered")
        }
        let (count, zeros, lo, hi) = (w[0], w[1], Double(bitPattern: w[2]), Double(bitPattern: w[3]))
        guard count == UInt64(paths) else { throw refuse("counts \(count) values, not the shard's \(paths) paths") }
        guard zeros <= count else { throw refuse("counts \(zeros) zeros among \(count) values") }
        if count == 0 {
            guard lo == .infinity, hi == -.infinity else { throw refuse("is empty but has a min or a max") }
        } else {
            guard abs(lo) <= maxMagnitude, abs(hi) <= maxMagnitude, lo <= hi else { throw refuse("has a min or a max that is not a finite amount") }
        }
        var i = 4
        var counted = zeros
        // Positive values go to the buckets of their magnitude, negative ones to those of |x|.
        for (largest, smallest) in [(hi, lo), (-lo, -hi)] {
            guard w.count - i >= 2 else { throw refuse("is cut short") }
            let offset = Int64(bitPattern: w[i]), n = w[i + 1]
            i += 2
            guard n <= UInt64(w.count - i) else { throw refuse("is cut short") }
            let buckets = w[i..<(i + Int(n))]
            i += Int(n)
            guard !buckets.isEmpty else { continue }
            guard largest > 0 else { throw refuse("has buckets of values beyond its min and max") }
            let upper = Swift.min(sketchBuckets.upperBound, sketchBucket(largest) + 1)
            let lower = smallest > 0 ? Swift.max(sketchBuckets.lowerBound, sketchBucket(smallest) - 1) : sketchBuckets.lowerBound
            guard offset >= Int64(lower), offset <= Int64(upper), Int64(n) - 1 <= Int64(upper) - offset else {
                throw refuse("has buckets \(offset) to \(offset &+ Int64(n) &- 1), beyond its min and max")
            }
            for c in buckets {
                guard c <= count - counted else { throw refuse("has buckets counting more values than its \(count)") }
                counted += c
            }
        }
        guard i == w.count else { throw refuse("has \(w.count - i) words after its buckets") }
        guard counted == count else { throw refuse("has zeros and buckets counting \(counted) values, not \(count)") }
        guard let sketch = QuantileSketch(words: w[...]) else { throw refuse("cannot be read") }
        return sketch
    }
}
