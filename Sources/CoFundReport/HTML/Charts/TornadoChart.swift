import CoFundModel

/// A tornado chart: one bar per driver from the exposure with the driver at its low end (hollow:
/// an uncertain parameter's p10, an assumption's −x) to the exposure at its high end (filled),
/// largest swing on top.
struct TornadoChart {
    struct Bar {
        /// The driver in words.
        var label: String
        /// The field's path and how it moves, for the tooltip.
        var path: String
        var setting: String
        var lowText: String
        var highText: String
        var atLow: Double
        var atHigh: Double
    }

    var title: String
    var bars: [Bar]
    var color: String
    var unit: String
    var xTitle: String
    var width = 1060.0
    var rowHeight = 28.0
    /// The room for the labels; the same for every tornado of a page so that they line up.
    var labelWidth: Double

    static func labelWidth(_ labels: [String]) -> Double {
        min(labels.map { TextMetrics.width(DisplayWidth.truncate($0, 60), size: 12) }.max() ?? 0, 360) + 14
    }

    var svg: String {
        let labels = bars.map { DisplayWidth.truncate($0.label, 60) }
        let values = bars.flatMap { [$0.atLow, $0.atHigh] }
        let scale = NiceScale(values.min() ?? 0, values.max() ?? 0, maxTicks: 7, includeZero: false)
        let height = 20 + Double(bars.count) * rowHeight + 44
        let plot = PlotArea(left: labelWidth, top: 20, right: width - 90, bottom: height - 44)
        let x = LinearAxis(scale: scale, from: plot.left, to: plot.right)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisX(&c, x, plot: plot, title: xTitle)
        for (i, b) in bars.enumerated() {
            let cy = plot.top + (Double(i) + 0.5) * rowHeight
            c.text(labels[i], x: plot.left - 10, y: cy + 4, anchor: .end, size: 12)
            let x0 = x.map(min(b.atLow, b.atHigh)), x1 = x.map(max(b.atLow, b.atHigh))
            let tip =
                "\(b.label) — \(b.path) (\(b.setting)): \(ReportNumber.amount(b.atLow)) at \(b.lowText), \(ReportNumber.amount(b.atHigh)) at \(b.highText) \(unit)"
            c.rect(x: x0, y: cy - 8, width: max(x1 - x0, 1), height: 16, fill: color, opacity: 0.45, tooltip: tip)
            c.circle(x.map(b.atLow), cy, r: 5, fill: "#FFFFFF", stroke: color)
            c.circle(x.map(b.atHigh), cy, r: 5, fill: color, stroke: color)
            c.text(ReportNumber.signed(b.atHigh - b.atLow), x: x1 + 10, y: cy + 4, size: 11, fill: Axes.grey)
        }
        return c.rendered
    }
}
