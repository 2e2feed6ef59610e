/// One funder's yearly exposure: the p05–p95 band, the median line and the mean line.
struct FanChart {
    struct Point {
        var p05: Double
        var p50: Double
        var p95: Double
        var mean: Double
    }

    var title: String
    var categories: [String]
    var points: [Point]
    var color: String
    var unit: String
    var width = 340.0
    var height = 220.0

    static let meanColor = "#222222"
    static let meanDash = "5 3"

    var svg: String {
        let low = points.map(\.p05).min() ?? 0
        let high = max(points.map(\.p95).max() ?? 0, points.map(\.mean).max() ?? 0)
        let scale = NiceScale(low, high, maxTicks: 5)
        let plot = PlotArea(left: Axes.labelWidth(scale) + 14, top: 24, right: width - 10, bottom: height - 24)
        let y = LinearAxis(scale: scale, from: plot.bottom, to: plot.top)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisY(&c, y, plot: plot, unit: unit)
        let (xs, band) = Axes.bands(points.count, plot: plot)
        if points.count == 1, let p = points.first, let x = xs.first {
            let w = min(band * 0.4, 40)
            c.rect(x: x - w / 2, y: y.map(p.p95), width: w, height: y.map(p.p05) - y.map(p.p95), fill: color, opacity: 0.3)
            c.line(x - w / 2, y.map(p.p50), x + w / 2, y.map(p.p50), stroke: color, width: 2.5)
            c.line(x - w / 2, y.map(p.mean), x + w / 2, y.map(p.mean), stroke: Self.meanColor, width: 1.5, dash: Self.meanDash)
        } else {
            let upper = zip(xs, points).map { ($0, y.map($1.p95)) }
            let lower = zip(xs, points).map { ($0, y.map($1.p05)) }.reversed()
            c.polygon(upper + lower, fill: color, opacity: 0.3)
            c.polyline(zip(xs, points).map { ($0, y.map($1.p50)) }, stroke: color, width: 2.5)
            c.polyline(zip(xs, points).map { ($0, y.map($1.mean)) }, stroke: Self.meanColor, width: 1.5, dash: Self.meanDash)
        }
        for (i, p) in points.enumerated() {
            c.circle(
                xs[i], y.map(p.p50), r: 3, fill: color,
                tooltip:
                    "\(categories[i]): mean \(ReportNumber.amount(p.mean)), median \(ReportNumber.amount(p.p50)), p05–p95 \(ReportNumber.amount(p.p05))–\(ReportNumber.amount(p.p95)) \(unit)"
            )
        }
        Axes.categoryAxisX(&c, labels: categories, centers: xs, plot: plot)
        return c.rendered
    }
}
