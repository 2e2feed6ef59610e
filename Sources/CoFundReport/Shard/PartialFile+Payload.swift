import CoFundEngine

/// The payload read after the header has been validated (so that its counts fit the file), each
/// value checked as it is read: the merge sums and converts them, and a NaN, an infinity or a
/// count larger than its block would make the merged report wrong or stop the process.
extension PartialFile {
    /// No amount (in 元 or 万元) comes near this; values past it would overflow the moments'
    /// squares and the report's binning.
    static let maxMagnitude = 1e18

    static func readPayload(_ reader: inout WordReader, _ header: Header) throws(Refusal) -> KeptValues {
        header.mode == "paths" ? .paths(try readPaths(&reader, header)) : .sketches(try readAggregate(&reader, header))
    }

    /// Throws unless every value is a finite amount; `name(i)` names the value at `i`.
    static func checkAmounts(_ values: [Double], _ name: (Int) -> String) throws(Refusal) {
        guard let bad = values.firstIndex(where: { !(abs($0) <= maxMagnitude) }) else { return }
        let why = values[bad].isFinite ? "beyond any amount" : "not a finite number"
        throw Refusal("\(name(bad)) is \(values[bad]), \(why): the file was altered")
    }

    private static func readPaths(_ reader: inout WordReader, _ header: Header) throws(Refusal) -> PathValues {
        let n = header.shardPaths
        func row(_ what: String) throws(Refusal) -> [Double] {
            guard let values = reader.doubles(n) else { throw Refusal("the file is truncated within the \(what)") }
            try checkAmounts(values) { "the \(what) on path \(header.firstPath + $0)" }
            return values
        }
        var series: [[Double]] = []
        for s in 0..<header.series { series.append(try row("value of series \(s)")) }
        return PathValues(series: series)
    }

    private static func readAggregate(_ reader: inout WordReader, _ header: Header) throws(Refusal) -> Aggregate {
        var a = Aggregate(series: header.series)
        a.blocks.reserveCapacity(header.blocks)
        for k in 0..<header.blocks { a.blocks.append(try readBlock(&reader, header, k)) }
        for s in 0..<header.series { a.sketches[s] = try readSketch(&reader, paths: header.shardPaths, series: s) }
        return a
    }

    /// Block `k`: its moments must count exactly its paths, and its budget counts at most them.
    private static func readBlock(_ reader: inout WordReader, _ header: Header, _ k: Int) throws(Refusal) -> Aggregate.Block {
        let paths = header.pathsInBlock(k)
        guard let m = reader.doubles(3 * header.series), let over = reader.words(header.budgetCells), let excess = reader.doubles(header.budgetCells),
            let anyOver = reader.words(header.budgetGroups), let anyExcess = reader.doubles(header.budgetGroups)
        else { throw Refusal("the file is truncated within block \(k)") }
        var moments: [Moments] = []
        moments.reserveCapacity(header.series)
        for s in 0..<header.series {
            let (count, mean, m2) = (m[3 * s], m[3 * s + 1], m[3 * s + 2])
            guard count == Double(paths) else {
                throw Refusal("block \(k) counts \(count) paths of series \(s) instead of its \(paths): the file was altered")
            }
            guard abs(mean) <= maxMagnitude, m2.isFinite else {
                throw Refusal("block \(k) holds a mean or spread of series \(s) that is not a finite amount: the file was altered")
            }
            moments.append(Moments(count: count, mean: mean, m2: m2))
        }
        for (what, counts) in [("budget cell", over), ("budget group", anyOver)] {
            if let c = counts.firstIndex(where: { $0 > UInt64(paths) }) {
                throw Refusal(
                    "block \(k) counts \(counts[c]) paths over the budget of \(what) \(c), more than its \(paths) paths: the file was altered")
            }
        }
        try checkAmounts(excess) { "the excess over budget cell \($0) in block \(k)" }
        try checkAmounts(anyExcess) { "the excess over budget group \($0) in block \(k)" }
        return Aggregate.Block(moments: moments, over: over, excess: excess, anyOver: anyOver, anyExcess: anyExcess)
    }
}
