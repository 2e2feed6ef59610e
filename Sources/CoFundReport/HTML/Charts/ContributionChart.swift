import CoFundModel

/// Horizontal bars, two per program: its mean contribution (light) and its contribution to the
/// total's CVaR95 (solid), largest CVaR contribution on top, so that the programs that swell in
/// the bad years stand out against their average.
struct ContributionChart {
    struct Bar {
        var label: String
        var mean: Double
        var cvar95: Double
        var share: Double?
    }

    var title: String
    var bars: [Bar]
    var color: String
    var unit: String
    var width = 1060.0
    var rowHeight = 34.0
    /// What the solid bar is, in its tooltip and after its share ("of CVaR95").
    var tailName = "CVaR95 contribution"
    var tailTotal = "CVaR95"

    static let labelLimit = 44

    var svg: String {
        let labels = bars.map { DisplayWidth.truncate($0.label, Self.labelLimit) }
        let labelWidth = min(labels.map { TextMetrics.width($0, size: 12) }.max() ?? 0, 340) + 14
        let values = bars.flatMap { [$0.mean, $0.cvar95] }
        let scale = NiceScale(values.min() ?? 0, values.max() ?? 0, maxTicks: 7)
        let height = 12 + Double(bars.count) * rowHeight + 44
        let plot = PlotArea(left: labelWidth, top: 12, right: width - 110, bottom: height - 44)
        let x = LinearAxis(scale: scale, from: plot.left, to: plot.right)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisX(&c, x, plot: plot, title: unit)
        let light = FunderPalette.shade(color, 0.55)
        for (i, b) in bars.enumerated() {
            let top = plot.top + Double(i) * rowHeight
            c.text(labels[i], x: plot.left - 10, y: top + rowHeight / 2 + 4, anchor: .end, size: 12, extra: [("lang", "zh-Hans")])
            let zero = x.map(0)
            let share = b.share.map { " (\(ReportNumber.percent($0)) of \(tailTotal))" } ?? ""
            for (k, v) in [b.mean, b.cvar95].enumerated() {
                let x0 = min(zero, x.map(v)), x1 = max(zero, x.map(v))
                let tip =
                    k == 0
                    ? "\(b.label): mean \(ReportNumber.amount(v)) \(unit)"
                    : "\(b.label): \(tailName) \(ReportNumber.amount(v)) \(unit)\(share)"
                c.rect(x: x0, y: top + 4 + Double(k) * 13, width: max(x1 - x0, 1), height: 12, fill: k == 0 ? light : color, tooltip: tip)
            }
            let ratio = b.mean != 0 ? " · \(Formatting.trimmed((b.cvar95 / b.mean * 100).rounded() / 100))×" : ""
            c.text(
                "\(b.share.map(ReportNumber.percent) ?? "")\(ratio)", x: x.map(max(b.mean, b.cvar95, 0)) + 8, y: top + 4 + 13 + 10, size: 11,
                fill: Axes.grey)
        }
        return c.rendered
    }
}
