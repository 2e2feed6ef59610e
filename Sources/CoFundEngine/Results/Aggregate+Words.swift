/// Exact serialisation of sketches and moments as 64-bit words, for shard files.
extension QuantileSketch {
    /// count, zeros, min, max, then each bucket store as (offset, length, counts…).
    public var words: [UInt64] {
        var w: [UInt64] = [count, zeros, min.bitPattern, max.bitPattern]
        for (offset, buckets) in [(self.offset, positive), (negativeOffset, negative)] {
            w.append(UInt64(bitPattern: Int64(offset)))
            w.append(UInt64(buckets.count))
            w += buckets
        }
        return w
    }

    /// The sketch written by `words`, or nil when the words are not one.
    public init?(words w: ArraySlice<UInt64>) {
        var i = w.startIndex
        func next() -> UInt64? {
            guard i < w.endIndex else { return nil }
            defer { i += 1 }
            return w[i]
        }
        guard let count = next(), let zeros = next(), let minBits = next(), let maxBits = next() else { return nil }
        self.init()
        self.count = count
        self.zeros = zeros
        min = Double(bitPattern: minBits)
        max = Double(bitPattern: maxBits)
        for negativeStore in [false, true] {
            guard let o = next(), let n = next(), n <= UInt64(w.endIndex - i) else { return nil }
            let buckets = Array(w[i..<(i + Int(n))])
            i += Int(n)
            if negativeStore {
                negativeOffset = Int(Int64(bitPattern: o)); negative = buckets
            } else {
                offset = Int(Int64(bitPattern: o)); positive = buckets
            }
        }
    }
}

extension Moments {
    public init(count: Double, mean: Double, m2: Double) {
        self.init()
        self.count = count
        self.mean = mean
        self.m2 = m2
    }
}
