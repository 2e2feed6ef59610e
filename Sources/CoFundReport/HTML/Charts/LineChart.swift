/// Lines over a numeric or categorical x axis (the swept values): solid or dashed, with markers.
struct LineChart {
    enum XAxis {
        /// Numeric values, on a linear axis with round ticks.
        case numeric
        /// Labels spaced evenly; the points' x is the label's index.
        case categories([String])
    }

    enum MarkerShape: CaseIterable {
        case circle, square, triangle, diamond

        static func at(_ i: Int) -> MarkerShape { allCases[i % allCases.count] }
    }

    struct Line {
        var name: String
        var color: String
        var dash: String?
        var marker: MarkerShape
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var lines: [Line]
    var xAxis: XAxis
    var xTitle: String
    var unit: String
    var width = 460.0
    var height = 260.0

    var svg: String {
        let ys = lines.flatMap { $0.points.map(\.y) }
        let yScale = NiceScale(ys.min() ?? 0, ys.max() ?? 0, maxTicks: 5)
        let plot = PlotArea(left: Axes.labelWidth(yScale) + 16, top: 24, right: width - 16, bottom: height - 40)
        let y = LinearAxis(scale: yScale, from: plot.bottom, to: plot.top)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisY(&c, y, plot: plot, unit: unit)
        let mapX: (Double) -> Double
        switch xAxis {
        case .numeric:
            let xs = lines.flatMap { $0.points.map(\.x) }
            let x = LinearAxis(
                scale: NiceScale(xs.min() ?? 0, xs.max() ?? 0, maxTicks: 6, includeZero: false), from: plot.left + 8, to: plot.right - 8)
            mapX = x.map
            for t in x.scale.ticks {
                c.line(x.map(t), plot.bottom, x.map(t), plot.bottom + 4, stroke: "#888888")
                c.text(x.scale.label(t), x: x.map(t), y: plot.bottom + 16, anchor: .middle, size: Axes.tickSize, fill: Axes.grey)
            }
            c.line(plot.left, plot.bottom, plot.right, plot.bottom, stroke: "#888888")
        case let .categories(labels):
            let (centers, _) = Axes.bands(labels.count, plot: plot)
            mapX = { i in centers.isEmpty ? plot.left : centers[min(max(Int(i.rounded()), 0), centers.count - 1)] }
            Axes.categoryAxisX(&c, labels: labels.map { DisplayWidth.truncate($0, 18) }, centers: centers, plot: plot)
        }
        c.text(xTitle, x: (plot.left + plot.right) / 2, y: plot.bottom + 33, anchor: .middle, size: Axes.tickSize, bold: true, fill: Axes.grey)
        for l in lines {
            let pts = l.points.map { (mapX($0.x), y.map($0.y)) }
            if pts.count > 1 { c.polyline(pts, stroke: l.color, width: 2, dash: l.dash) }
            for (p, v) in zip(pts, l.points) {
                Self.marker(&c, l.marker, at: p, color: l.color, hollow: l.dash != nil, tooltip: "\(l.name): \(ReportNumber.amount(v.y)) \(unit)")
            }
        }
        return c.rendered
    }

    static func marker(_ c: inout SVGCanvas, _ shape: MarkerShape, at p: (Double, Double), color: String, hollow: Bool, tooltip: String) {
        let fill = hollow ? "#FFFFFF" : color
        let (x, y) = p
        switch shape {
        case .circle: c.circle(x, y, r: 3.5, fill: fill, stroke: color, tooltip: tooltip)
        case .square: c.rect(x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: fill, stroke: color, tooltip: tooltip)
        case .triangle: c.polygon([(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)], fill: fill, opacity: 1, tooltip: tooltip)
        case .diamond: c.polygon([(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)], fill: fill, opacity: 1, tooltip: tooltip)
        }
    }
}
