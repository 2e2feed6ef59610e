/// Latin hypercube sampling of the per-path inputs (`PathInput`) within each batch of a stratified
/// run (`cofund run --stratify`).
///
/// The run's paths are cut into the batches of the batch-means intervals (`BatchMeans.batch`).
/// In a batch of m paths, each input's uniform u of the path at position j is replaced by
/// (π(j) + u) / m, π a permutation of 0..<m drawn for that batch and input alone: the m paths fall
/// one in each of the input's m strata, for every input at once (McKay, Beckman & Conover 1979). A
/// path's input is still exactly uniform — π(j) is uniform on 0..<m whatever j — so every estimate
/// stays unbiased, and the part of a total that is a sum of functions of single inputs (a year's
/// factor, an uncertain rate) loses its sampling variance as m grows (Stein 1987; Owen 1997 bounds
/// the variance by m/(m − 1) times plain sampling's, whatever the function). The batches are drawn
/// independently of each other, so their estimates stay independent and the batch-means intervals
/// hold as they stand.
///
/// A permutation is drawn (Fisher–Yates) from the stream of the input's own key with the batch in
/// place of the path, under a seed of its own, so a path's inputs depend on the seed, the number of
/// paths and the path alone: the same on any number of threads.
struct LatinHypercube {
    /// Mixed into the run's seed for the permutations' streams.
    static let stream: UInt64 = 0x4C48_5320_5354_5241
    let seed: UInt64
    let paths: Int
    private var batch = -1
    private var start = 0
    private var size = 0
    private var permutations: [PathInput: [Int32]] = [:]

    init(seed: UInt64, paths: Int) {
        self.seed = SplitMix64.mix(seed ^ Self.stream)
        self.paths = paths
    }

    /// The batch of `path`: the k with ⌊kN/B⌋ ≤ path < ⌊(k + 1)N/B⌋.
    static func batch(of path: Int, paths: Int) -> Int {
        var k = Swift.min(path * BatchMeans.batches / Swift.max(paths, 1), BatchMeans.batches - 1)
        while k > 0, path < BatchMeans.batch(k, of: paths).lowerBound { k -= 1 }
        while k < BatchMeans.batches - 1, path >= BatchMeans.batch(k, of: paths).upperBound { k += 1 }
        return k
    }

    /// Input `input`'s stratified uniform on path `path` from its own uniform u in (0, 1); `key` is
    /// the input's stream as (program, slot).
    mutating func stratified(_ input: PathInput, key: (program: UInt64, slot: UInt64), uniform u: Double, path: Int) -> Double {
        // The path's batch is found once: its inputs, and the next paths', fall in the same one.
        if batch < 0 || !(start..<start + size).contains(path) {
            let k = Self.batch(of: path, paths: paths)
            let range = BatchMeans.batch(k, of: paths)
            (batch, start, size) = (k, range.lowerBound, range.count)
            permutations.removeAll(keepingCapacity: true)
        }
        let j = path - start
        guard size > 1, (0..<size).contains(j) else { return u }
        let pi: [Int32]
        if let known = permutations[input] {
            pi = known
        } else {
            pi = Self.permutation(size, StreamKey(seed: seed, path: UInt64(batch), program: key.program, slot: key.slot))
            permutations[input] = pi
        }
        return (Double(pi[j]) + u) / Double(size)
    }

    /// A uniformly random permutation of 0..<m (Fisher–Yates), each index by the high word of a
    /// 64 × 64-bit product (a bias below m/2⁶⁴).
    static func permutation(_ m: Int, _ key: StreamKey) -> [Int32] {
        var g = Xoshiro256(key)
        var pi = (0..<Int32(m)).map { $0 }
        var i = m - 1
        while i > 0 {
            let j = Int(g.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            pi.swapAt(i, j)
            i -= 1
        }
        return pi
    }
}
