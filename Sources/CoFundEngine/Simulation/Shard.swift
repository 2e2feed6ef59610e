/// One shard of a run spread over several processes or machines.
public struct Shard: Sendable, Equatable {
    /// 0-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The paths of this shard: a contiguous run of whole blocks, so that merging the shards in
    /// order reproduces the blocks of a single run.
    public func paths(of total: Int, blockSize: Int) -> Range<Int> {
        let blocks = (total + blockSize - 1) / blockSize
        let first = index * blocks / count, last = (index + 1) * blocks / count
        return Swift.min(first * blockSize, total)..<Swift.min(last * blockSize, total)
    }
}
