import Foundation

/// A table of text cells aligned in columns; numeric columns are right-aligned.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned to the right.
    public var rightAligned: Set<Int>

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    /// Columns cut to at most this many terminal columns, ending in "…".
    public var maxWidths: [Int: Int] = [:]

    public mutating func add(_ row: [String]) {
        rows.append(row.enumerated().map { c, cell in maxWidths[c].map { DisplayWidth.truncate(cell, $0) } ?? cell })
    }

    public var rendered: String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? DisplayWidth.of($0[c]) : 0 }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            (0..<columns).map { c in
                DisplayWidth.pad(c < r.count ? r[c] : "", widths[c], right: rightAligned.contains(c))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
