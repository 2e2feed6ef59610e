import CoFundEngine
import CoFundModel

/// Section 4: the histogram of the grand total over the horizon, path by path, with the p95 and
/// the CVaR95 marked.
enum DistributionSection {
    static let id = "distribution"
    static let title = "Distribution of the grand total"
    static let bins = 40

    /// The histogram of a run's grand total (all programs, all funders, the horizon's years): exact
    /// when the run kept every path, from its quantile sketch otherwise.
    static func histogram(_ r: SimulationResult) -> (histogram: Histogram, exact: Bool)? {
        guard r.paths > 0, let i = r.plan.layout.index(program: nil, funder: nil, year: .total) else { return nil }
        let h = r.histogram(series: i, bins: bins)
        return (Histogram(range: h.range, counts: h.counts), r.keepsPathValues)
    }

    static func chart(_ r: SimulationResult, _ ctx: ReportContext) -> HistogramChart? {
        guard let i = r.plan.layout.index(program: nil, funder: nil, year: .total), let (h, _) = histogram(r) else { return nil }
        let st = r.statistics[i]
        return HistogramChart(
            title: "Distribution of the grand total over \(ctx.horizon), \(ctx.unit)",
            histogram: h,
            markers: [
                .init(name: "mean", value: st.mean, color: "#0072B2", dash: "2 3", labelLeft: true),
                .init(name: "p95", value: st.p95, color: "#D55E00", dash: nil, labelLeft: true),
                .init(name: "CVaR95", value: st.cvar95, color: "#000000", dash: "6 3"),
            ],
            color: "#8FB8D8", unit: ctx.unit, xTitle: "grand total over \(ctx.horizon), \(ctx.unit)")
    }

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        var body =
            "<p class=\"note\">Every path's total over all programs and funders for \(ctx.horizon) (payments after \(r.scenario.years.upperBound) left out), "
            + "in \(bins) bins, in \(ctx.unit). p95 is the 1-in-20 bad case; CVaR95 is the mean of the worst 5% of paths.</p>\n"
        if !r.keepsPathValues {
            body +=
                "<p class=\"note\">This run was too large to keep every path: the bars, the p95 and the CVaR95 come from its quantile sketch, "
                + "each value within \(Formatting.trimmed(QuantileSketch.alpha * 100))% of where it lies.</p>\n"
        }
        if let chart = chart(r, ctx) {
            body += Figure.html(
                chart.svg, caption: "Grand total, \(Formatting.amount(Double(r.paths))) paths, \(ctx.unit)",
                legend: chart.markers.map { ("\($0.name) \(ReportNumber.amount($0.value)) \(ctx.unit)", .stroke($0.color, dashed: $0.dash != nil)) })
        }
        return HTMLSection(id: id, title: title, body: body)
    }
}
