/// Horizontal dot-and-whisker rows: a change with its 95% interval per row, and the zero line.
struct IntervalChart {
    struct Row {
        var label: String
        var color: String
        var value: Double
        var low: Double
        var high: Double
    }

    var title: String
    var rows: [Row]
    var unit: String
    var xTitle: String
    var width = 1060.0
    var rowHeight = 34.0

    var svg: String {
        let labelWidth = min(rows.map { TextMetrics.width($0.label, size: 12) }.max() ?? 0, 300) + 12
        let valueWidth = 220.0
        let scale = NiceScale(rows.map(\.low).min() ?? 0, rows.map(\.high).max() ?? 0, maxTicks: 7)
        let height = 20 + Double(rows.count) * rowHeight + 44
        let plot = PlotArea(left: labelWidth, top: 20, right: width - valueWidth, bottom: height - 44)
        let x = LinearAxis(scale: scale, from: plot.left, to: plot.right)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisX(&c, x, plot: plot, title: xTitle)
        for (i, r) in rows.enumerated() {
            let cy = plot.top + (Double(i) + 0.5) * rowHeight
            c.text(DisplayWidth.truncate(r.label, 52), x: plot.left - 10, y: cy + 4, anchor: .end, size: 12)
            let tip =
                "\(r.label): \(ReportNumber.signed(r.value)) \(unit), 95% interval \(ReportNumber.signed(r.low)) to \(ReportNumber.signed(r.high))"
            c.line(x.map(r.low), cy, x.map(r.high), cy, stroke: r.color, width: 2)
            c.line(x.map(r.low), cy - 6, x.map(r.low), cy + 6, stroke: r.color, width: 2)
            c.line(x.map(r.high), cy - 6, x.map(r.high), cy + 6, stroke: r.color, width: 2)
            c.circle(x.map(r.value), cy, r: 5, fill: r.color, stroke: "#FFFFFF", tooltip: tip)
            c.text(
                "\(ReportNumber.signed(r.value))  [\(ReportNumber.signed(r.low)), \(ReportNumber.signed(r.high))]",
                x: plot.right + 10, y: cy + 4, size: 12)
        }
        return c.rendered
    }
}
