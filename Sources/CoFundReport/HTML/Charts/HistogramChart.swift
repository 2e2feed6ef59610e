/// A histogram of per-path values with labelled vertical markers (p95, CVaR95, the mean).
struct HistogramChart {
    struct Marker {
        var name: String
        var value: Double
        var color: String
        var dash: String?
        /// Whether the label goes left of the line (when it fits).
        var labelLeft = false
    }

    let title: String
    let histogram: Histogram
    let markers: [Marker]
    let color: String
    let unit: String
    let xTitle: String
    let width: Double
    let height: Double
    let plot: PlotArea
    let x: LinearAxis
    let y: LinearAxis

    init(
        title: String, histogram: Histogram, markers: [Marker], color: String, unit: String, xTitle: String,
        width: Double = 1060, height: Double = 330
    ) {
        self.title = title
        self.histogram = histogram
        self.markers = markers
        self.color = color
        self.unit = unit
        self.xTitle = xTitle
        self.width = width
        self.height = height
        let yScale = NiceScale(0, Double(histogram.counts.max() ?? 0) * 1.1, maxTicks: 5)
        let xScale = NiceScale(histogram.lower, histogram.upper, maxTicks: 8, includeZero: false)
        let lastLabel = TextMetrics.width(xScale.label(xScale.upper), size: Axes.tickSize)
        let plot = PlotArea(left: Axes.labelWidth(yScale) + 16, top: 52, right: width - max(lastLabel / 2 + 6, 16), bottom: height - 42)
        self.plot = plot
        x = LinearAxis(scale: xScale, from: plot.left, to: plot.right)
        y = LinearAxis(scale: yScale, from: plot.bottom, to: plot.top)
    }

    /// Where a marker's line is drawn.
    func markerX(_ name: String) -> Double? {
        markers.first { $0.name == name }.map { x.map($0.value) }
    }

    var svg: String {
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisY(&c, y, plot: plot, unit: "paths")
        for (i, n) in histogram.counts.enumerated() where n > 0 {
            let lo = histogram.lower + Double(i) * histogram.binWidth
            let x0 = x.map(lo), x1 = x.map(lo + histogram.binWidth)
            c.rect(
                x: x0, y: y.map(Double(n)), width: max(x1 - x0 - 0.5, 0.5), height: y.map(0) - y.map(Double(n)), fill: color, opacity: 0.75,
                tooltip: "\(ReportNumber.amount(lo))–\(ReportNumber.amount(lo + histogram.binWidth)) \(unit): \(n) paths")
        }
        Axes.valueAxisX(&c, x, plot: plot, title: xTitle)
        // Labels go in rows above the plot, each in the first row where it overlaps no other.
        var rows: [[ClosedRange<Double>]] = []
        for m in markers {
            let px = x.map(m.value)
            c.line(px, plot.top - 4, px, plot.bottom, stroke: m.color, width: 2, dash: m.dash, extra: [("data-marker", m.name)])
            let label = "\(m.name) \(ReportNumber.amount(m.value))"
            let w = TextMetrics.width(label, size: 12) + 4
            let fitsLeft = px - w >= plot.left, fitsRight = px + w <= width
            let anchor: SVGCanvas.Anchor = (m.labelLeft && fitsLeft) || !fitsRight ? .end : .start
            let span = anchor == .start ? px...(px + w) : (px - w)...px
            let row = rows.firstIndex { $0.allSatisfy { !$0.overlaps(span) } } ?? rows.count
            if row == rows.count { rows.append([]) }
            rows[row].append(span)
            let ty = plot.top - 8 - Double(row) * 15
            c.text(label, x: anchor == .start ? px + 3 : px - 3, y: ty, anchor: anchor, size: 12, bold: true, fill: m.color)
        }
        return c.rendered
    }
}
