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
        /// The p95's 95% interval and the CVaR95's standard error, as hover text.
        var p95Interval: String
        var cvar95SE: String
    }

    /// The hover text of a p95: its interval, by order statistics from the paths or the sketch's
    /// accuracy bounds from a sketch.
    static func intervalText(_ i: ClosedRange<Double>, sketched: Bool) -> String {
        "\(sketched ? "sketch accuracy bounds" : "95% interval") \(ReportNumber.amount(i.lowerBound)) – \(ReportNumber.amount(i.upperBound))"
    }

    /// The hover text of a CVaR95: ± its standard error, or that a sketch gives none.
    static func seText(_ se: Double?) -> String {
        se.map { "± \(ReportNumber.amount($0)) standard error" } ?? "no standard error from a sketch"
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
                    p95: ReportNumber.amount($0.p95), cvar95: ReportNumber.amount($0.cvar95),
                    p95Interval: intervalText($0.intervals.p95, sketched: !r.keepsPathValues), cvar95SE: seText($0.intervals.cvar95SE))
            }
        }
    }

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let s = r.scenario
        var body =
            "<p class=\"note\">Each funder's expected payments over \(ctx.horizon) (the sum of the years, ± the Monte Carlo standard error), "
            + "the 1-in-20 bad case (p95) and the mean of the worst 5% of paths (CVaR95), in \(ctx.unit), from \(Formatting.amount(Double(r.paths))) paths; "
            + "hover over a p95 for its 95% interval, over a CVaR95 for its standard error.</p>\n"
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
            body +=
                "<dl class=\"kv\"><dt>p95</dt><dd class=\"p95\" title=\"\(HTML.escape(fig.p95Interval))\">\(fig.p95)</dd>"
                + "<dt>CVaR95</dt><dd class=\"cvar95\" title=\"\(HTML.escape(fig.cvar95SE))\">\(fig.cvar95)</dd>"
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
