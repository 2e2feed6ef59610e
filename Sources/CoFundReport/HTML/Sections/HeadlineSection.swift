import CoFundEngine
import CoFundModel

/// Section 1: each funder's expected exposure over the horizon (± its standard error) and its bad
/// cases, p95 and CVaR95, as big numbers: the fiscal funders, the government total, the funders that
/// are not fiscal, then all funders.
enum HeadlineSection {
    static let id = "headline"
    static let title = "Exposure by funder"

    /// One card's numbers, formatted.
    struct Figures: Equatable {
        var funder: String?
        var mean: String
        var se: String
        var p95: String
        var cvar95: String
    }

    static func figures(_ r: SimulationResult) -> [Figures] {
        let layout = r.plan.layout
        let fiscal = layout.funders.filter { r.scenario.funder($0)?.fiscal ?? true }
        let apart = layout.funders.filter { !fiscal.contains($0) }
        let rows: [String?] = fiscal + (layout.hasGovernment ? [Funder.governmentID] : []) + apart + [nil]
        return rows.compactMap { f in
            r.statistics(program: nil, funder: f, year: .total).map {
                Figures(
                    funder: f, mean: ReportNumber.amount($0.mean), se: ReportNumber.amount($0.se),
                    p95: ReportNumber.amount($0.p95), cvar95: ReportNumber.amount($0.cvar95))
            }
        }
    }

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let s = r.scenario
        var body =
            "<p class=\"note\">Each funder's expected payments over \(ctx.horizon) (the sum of the years, ± the Monte Carlo standard error), "
            + "the 1-in-20 bad case (p95) and the mean of the worst 5% of paths (CVaR95), in \(ctx.unit), from \(Formatting.amount(Double(r.paths))) paths.</p>\n"
        body += "<div class=\"cards\">\n"
        for fig in figures(r) {
            let funder = fig.funder.flatMap { s.funder($0) }
            let after = r.statistics(program: nil, funder: fig.funder, year: .after)?.mean ?? 0
            body +=
                "<div class=\"card\(fig.funder == nil || fig.funder == Funder.governmentID ? " total" : "")\" data-funder=\"\(HTML.escape(fig.funder ?? "all"))\" style=\"border-top-color:\(ctx.color(fig.funder))\">"
            body += "<div class=\"name\" lang=\"zh-Hans\">\(HTML.escape(ctx.funderName(fig.funder)))</div>"
            body +=
                "<div class=\"id\">\(HTML.escape(funder.map { $0.id == $0.level.rawValue ? $0.id : "\($0.id) · \($0.level.rawValue)" } ?? (fig.funder == nil ? "sum over funders" : "sum over fiscal funders")))</div>"
            body += "<div class=\"label\">expected, \(ctx.horizon)</div>"
            body += "<div class=\"big\"><span class=\"mean\">\(fig.mean)</span> <span class=\"unit\">\(ctx.unit)</span></div>"
            body += "<div class=\"line\">± <span class=\"se\">\(fig.se)</span> standard error</div>"
            body += "<dl class=\"kv\"><dt>p95</dt><dd class=\"p95\">\(fig.p95)</dd><dt>CVaR95</dt><dd class=\"cvar95\">\(fig.cvar95)</dd>"
            if after > 0 {
                body += "<dt>after \(s.years.upperBound)</dt><dd>+\(ReportNumber.amount(after))</dd>"
            }
            body += "</dl>"
            body += "</div>\n"
        }
        body += "</div>"
        return HTMLSection(id: id, title: title, body: body)
    }
}
