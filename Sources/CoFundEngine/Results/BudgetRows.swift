/// Where each path's budget values sit, after the layout's series in the path's value vector, so
/// that they get their moments, sketches, kept paths and shards the way every series does.
///
/// For budget cell c (a line's year): its demand (what the covered programs ask of the line's funder
/// before rationing) and its unpaid demand (demand minus what was paid). For line l: the same two
/// summed over the line's cells — the horizon's demand and unpaid demand, path by path.
public struct BudgetRows: Sendable, Equatable {
    public let base: Int
    public let cells: Int
    public let lines: Int

    public func demand(cell c: Int) -> Int { base + 2 * c }
    public func unpaid(cell c: Int) -> Int { base + 2 * c + 1 }
    public func demand(line l: Int) -> Int { base + 2 * cells + 2 * l }
    public func unpaid(line l: Int) -> Int { base + 2 * cells + 2 * l + 1 }
    /// One past the last row.
    public var end: Int { base + 2 * (cells + lines) }
}
