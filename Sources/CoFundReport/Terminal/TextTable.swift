/// A table of text cells aligned in columns; numeric columns are right-aligned.
///
/// Cells are escaped for the terminal (`TerminalText`) and cut to their column's `maxWidths` when
/// the table is rendered, header included, so that a hostile or very long name can neither send
/// terminal commands nor widen every line of the table. Rendering is linear in the cells' length.
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
        rows.append(row)
    }

    public var rendered: String {
        let all = ([header] + rows).map { row in
            row.enumerated().map { c, cell in TerminalText.fit(cell.unicodeScalars, width: maxWidths[c]) }
        }
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? $0[c].width : 0 }.max() ?? 0 }
        let blank = TerminalText.Fitted(text: "", width: 0)
        func line(_ r: [TerminalText.Fitted]) -> String {
            var out = ""
            for c in 0..<columns {
                let cell = c < r.count ? r[c] : blank
                let gap = String(repeating: " ", count: widths[c] - cell.width)
                if c > 0 { out += "  " }
                out += rightAligned.contains(c) ? gap + cell.text : cell.text + gap
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(all[0]), rule] + all.dropFirst().map(line)).joined(separator: "\n")
    }
}
