/// Writes CSV as RFC 4180 says — fields holding a comma, a double quote, CR or LF are quoted, and
/// quotes inside them doubled; records end with CRLF — and safe to open in a spreadsheet.
///
/// RFC 4180 quoting does not stop Excel or LibreOffice from running a cell that starts with `=`, `+`,
/// `-` or `@` as a formula (and TAB or CR can hide such a start), so a funder named `=HYPERLINK(…)`
/// would run when the file is opened. Following OWASP's rule on CSV injection, a text cell starting
/// with one of those characters is written with a leading `'`, which makes it text. Numbers must
/// stay numbers (a negative change is `-12.5`), so every cell says which it is: see `Cell`.
public struct CSVWriter {
    /// A field of a record: the writer guards text, and writes numbers as they are.
    public enum Cell: Equatable, Sendable {
        /// Free text (names, sources, ids, labels): guarded against formula evaluation.
        case text(String)
        /// A decimal number as written (`-12.5`, `0`, `1e-3`), or "" for none. A string that is not
        /// a number is written as text, so that this case can never carry a formula.
        case number(String)

        /// No value: an empty numeric field.
        public static let empty = Cell.number("")
    }

    public private(set) var text = ""
    /// The records as written, header first, each cell still saying whether it is text or a number:
    /// what `report.xlsx` puts in a table's sheet.
    public private(set) var records: [[Cell]] = []

    public init(byteOrderMark: Bool = true) {
        if byteOrderMark { text = "\u{FEFF}" }
    }

    public mutating func row(_ cells: [Cell]) {
        records.append(cells)
        text += cells.map(Self.field).joined(separator: ",")
        text += "\r\n"
    }

    /// A header row: the column names, as text.
    public mutating func header(_ names: [String]) {
        row(names.map(Cell.text))
    }

    /// The cell as it is written in the file: guarded, then quoted.
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case let .number(s) where s.isEmpty || isNumber(s): s
        case let .number(s), let .text(s): escape(guarded(s))
        }
    }

    /// The characters that make a spreadsheet read a cell as a formula (OWASP's list).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `s` with a `'` in front when a spreadsheet would evaluate it: when it starts with a formula
    /// character, or with `'`s followed by one. The second case keeps the rule reversible — a reader
    /// drops one leading `'` exactly when the rest starts with `'`s and then a formula character.
    public static func guarded(_ s: String) -> String {
        guard let first = s.unicodeScalars.first(where: { $0 != "'" }), formulaStarts.contains(first) else { return s }
        return "'" + s
    }

    /// RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is quoted.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A decimal number a spreadsheet reads as a number and a formula cannot hide in: an optional
    /// `-`, digits, an optional fraction and an optional exponent.
    static func isNumber(_ s: String) -> Bool {
        var scalars = Substring(s).unicodeScalars[...]
        func digits() -> Int {
            let n = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(n)
            return n
        }
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
