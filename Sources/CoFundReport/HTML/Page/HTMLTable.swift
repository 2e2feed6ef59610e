/// An HTML table; cells hold text (escaped) or prepared HTML.
struct HTMLTable {
    struct Cell {
        var html: String
        var numeric = false
        var colspan = 1
        var rowspan = 1
        var className: String?

        static func text(_ s: String, lang: String? = nil, className: String? = nil) -> Cell {
            Cell(html: lang.map { "<span lang=\"\($0)\">\(HTML.escape(s))</span>" } ?? HTML.escape(s), className: className)
        }

        static func number(_ s: String, className: String? = nil) -> Cell {
            Cell(html: HTML.escape(s), numeric: true, className: className)
        }

        static func group(_ s: String, colspan: Int) -> Cell {
            Cell(html: HTML.escape(s), colspan: colspan, className: "group")
        }

        static func spanning(_ s: String, rows: Int, numeric: Bool = false) -> Cell {
            Cell(html: HTML.escape(s), numeric: numeric, rowspan: rows)
        }
    }

    /// Plain text above the table; carries the unit.
    var caption: String
    var header: [[Cell]]
    var rows: [[Cell]] = []
    /// Row classes, by row index.
    var rowClasses: [Int: String] = [:]
    /// "compact" for wide tables of numbers.
    var className: String?
    /// Rows kept together, each group in its own `<tbody>` that a printed page does not split.
    var rowsPerGroup: Int?

    init(caption: String, header: [[Cell]]) {
        self.caption = caption
        self.header = header
    }

    mutating func add(_ row: [Cell], className: String? = nil) {
        if let className { rowClasses[rows.count] = className }
        rows.append(row)
    }

    private static func cell(_ tag: String, _ c: Cell) -> String {
        var classes: [String] = []
        if c.numeric { classes.append("num") }
        if let k = c.className { classes.append(k) }
        let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        let span = (c.colspan > 1 ? " colspan=\"\(c.colspan)\"" : "") + (c.rowspan > 1 ? " rowspan=\"\(c.rowspan)\"" : "")
        return "<\(tag)\(cls)\(span)>\(c.html)</\(tag)>"
    }

    var rendered: String {
        var out =
            "<div class=\"table-wrap\"><table\(className.map { " class=\"\($0)\"" } ?? "")>\n<caption>\(HTML.escape(caption))</caption>\n<thead>\n"
        for r in header { out += "<tr>" + r.map { Self.cell("th", $0) }.joined() + "</tr>\n" }
        out += "</thead>\n"
        let group = max(rowsPerGroup ?? rows.count, 1)
        for (i, r) in rows.enumerated() {
            if i % group == 0 { out += rowsPerGroup == nil ? "<tbody>\n" : "<tbody class=\"keep\">\n" }
            let cls = rowClasses[i].map { " class=\"\($0)\"" } ?? ""
            out += "<tr\(cls)>" + r.map { Self.cell("td", $0) }.joined() + "</tr>\n"
            if i % group == group - 1 || i == rows.count - 1 { out += "</tbody>\n" }
        }
        return out + "</table></div>"
    }
}
