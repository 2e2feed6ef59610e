import CoFundModel

/// Section 6: the programs as `cofund programs` lists them — id, name, kind, source clause, shares
/// and caps — each followed by the assumptions its results depend on.
enum ProgramSection {
    static let id = "programs"
    static let title = "Programs and assumptions"

    static func render(_ s: Scenario, _ ctx: ReportContext) -> HTMLSection {
        var body =
            "<p class=\"note\">Every program with the clause it comes from. Shares split each payout between funders "
            + "(for risk compensation, the shares of a defaulted loan's compensable loss, the rest borne by the residual funder); "
            + "caps and amounts are in \(ctx.unit). Under each program, the assumptions: every number that is not in the source text.</p>\n"
        var table = HTMLTable(
            caption: "Programs; amounts in \(ctx.unit)",
            header: [
                ["id", "name", "kind", "source", "shares", "caps (\(ctx.unit))", "years", "text in force", "budget a year (\(ctx.unit))"].map {
                    HTMLTable.Cell.text($0)
                }
            ])
        table.rowsPerGroup = 2
        for p in s.programs {
            let years = s.claimYears(of: p).map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none"
            let timing =
                years + (p.paymentLag > 0 ? ", paid \(p.paymentLag) yr later" : "")
                + (p.paymentSchedule.count > 1 ? " in \(p.paymentSchedule.count) parts" : "")
            let budget = p.funderIDs.compactMap { f in p.budget[f].map { "\(f) \(ReportNumber.amount($0))" } }.joined(separator: ", ")
            table.add([
                HTMLTable.Cell(html: "<code>\(HTML.escape(p.id))</code>", className: "key"), .text(p.name, lang: "zh-Hans", className: "name"),
                .text(p.rule.kind),
                .text(p.source, lang: "zh-Hans"), .text(ProgramCatalogue.shares(p)), .text(ProgramCatalogue.caps(p)),
                .text(timing, className: "when"), .text(ProgramCatalogue.force(p, s), className: "when"), .text(budget),
            ])
            let notes =
                p.assumptions.isEmpty
                ? "<em>No assumption noted.</em>"
                : "<ul lang=\"zh-Hans\">" + p.assumptions.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            table.add([HTMLTable.Cell(html: "assumptions"), HTMLTable.Cell(html: notes, colspan: 8)], className: "assumptions")
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }
}
