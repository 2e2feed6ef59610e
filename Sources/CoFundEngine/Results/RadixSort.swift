/// Sorting a series' path values for its percentiles: a least-significant-digit radix sort, linear in
/// the number of paths, which gives bit for bit the array the standard library's (stable, comparison)
/// `sorted()` gives.
///
/// Each value is mapped to an unsigned key whose order is the order of the doubles: a positive value's
/// bits with the sign bit set, a negative value's bits inverted. The keys are sorted a byte at a time
/// (eight stable counting passes; a byte that every key shares is skipped, as the high bytes of values
/// of one magnitude are) and mapped back. −0 and +0 compare equal, so both take +0's key, and the
/// sorted run of zeros is then filled with the input's zeros in their input order, as a stable sort
/// leaves them. A series holding a NaN (which a run refuses before its statistics) is left to the
/// standard library.
public enum RadixSort {
    /// Below this many values the standard library's sort is as fast.
    static let smallest = 64

    /// The values of `x` (a series, or a batch of its paths) in increasing order.
    public static func sorted<Values: Collection<Double>>(_ x: Values) -> [Double] {
        let n = x.count
        guard n >= smallest, !x.contains(where: \.isNaN) else { return x.sorted() }
        var keys = x.map(key)
        var spare = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for v in k {
                    for d in 0..<8 { c[d << 8 | Int(truncatingIfNeeded: (v >> UInt64(d << 3)) & 0xFF)] += 1 }
                }
            }
        }
        for d in 0..<8 {
            let histogram = counts[(d << 8)..<((d + 1) << 8)]
            if histogram.contains(n) { continue }  // every key has this byte
            var start = [Int](repeating: 0, count: 256)
            var sum = 0
            for (b, c) in histogram.enumerated() {
                start[b] = sum
                sum += c
            }
            let shift = UInt64(d << 3)
            keys.withUnsafeBufferPointer { from in
                spare.withUnsafeMutableBufferPointer { to in
                    start.withUnsafeMutableBufferPointer { s in
                        for v in from {
                            let b = Int(truncatingIfNeeded: (v >> shift) & 0xFF)
                            to[s[b]] = v
                            s[b] += 1
                        }
                    }
                }
            }
            swap(&keys, &spare)
        }
        var out = keys.map(value)
        // The zeros, −0 and +0 alike, in the order they came.
        if let first = out.firstIndex(of: 0) {
            var i = first
            for v in x where v == 0 {
                out[i] = v
                i += 1
            }
        }
        return out
    }

    /// The key of x: unsigned, in the order of the doubles; −0 takes +0's key.
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0).bitPattern  // −0 + 0 = +0
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    /// The double of a key.
    @inline(__always)
    static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k & signBit != 0 ? k & ~signBit : ~k)
    }

    private static let signBit: UInt64 = 1 << 63
}
