import CoFundModel

/// Section 7: the parameters as `cofund programs --parameters` lists them (and `parameters.csv`
/// holds them): each dated value with the clause that sets it, the last day it is in force, the
/// horizon years whose claims use it and the program fields reading it.
enum ParameterSection {
    static let id = "parameters"
    static let title = "Parameters"

    static func render(_ s: Scenario, _ ctx: ReportContext) -> HTMLSection {
        let uses = ParameterUse.all(s)
        guard !uses.isEmpty else {
            return HTMLSection(
                id: id, title: title,
                body:
                    "<p class=\"note\">The scenario declares no parameters (<code>parameters:</code>): its numbers are written in its programs.</p>\n"
            )
        }
        var body =
            "<p class=\"note\">Every number a policy text sets that the scenario names once (<code>parameters:</code>), "
            + "one row a dated value with the clause that sets it. <em>until</em> is the value's last day in force; "
            + "<em>used in</em>, the years \(s.years.lowerBound)–\(s.years.upperBound) whose claims use it "
            + "(a program's claims follow the value in force on its claim date); <em>read by</em>, the program fields that move with it.</p>\n"
        var table = HTMLTable(
            caption: "Parameters; amounts in the parameter's unit",
            header: [["id", "name", "unit", "from", "until", "value", "source", "used in", "read by"].map { HTMLTable.Cell.text($0) }])
        for use in uses {
            let p = use.parameter
            let rows = max(use.values.count, 1)
            let readers =
                use.readers.isEmpty
                ? "<em>no program</em>" : use.readers.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: "<br>")
            for (k, v) in use.values.enumerated() {
                var row: [HTMLTable.Cell] = []
                if k == 0 {
                    row += [
                        HTMLTable.Cell(html: "<code>\(HTML.escape(p.id))</code>", rowspan: rows, className: "key"),
                        HTMLTable.Cell(html: "<span lang=\"zh-Hans\">\(HTML.escape(p.name))</span>", rowspan: rows, className: "name"),
                        HTMLTable.Cell(html: HTML.escape(p.unit.label), rowspan: rows),
                    ]
                }
                row += [
                    .text(v.from.description, className: "when"), .text(v.until?.description ?? "open", className: "when"),
                    .number(ParameterUse.text(v.value)), .text(v.source, lang: "zh-Hans"),
                    .text(v.yearsUsed.isEmpty ? "none" : ParameterUse.years(v.yearsUsed), className: "when"),
                ]
                if k == 0 { row.append(HTMLTable.Cell(html: readers, rowspan: rows)) }
                table.add(row)
            }
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }
}
