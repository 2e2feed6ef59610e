/// Bars per category (year), each stacked from its series (funders), with the total on top.
struct StackedBarChart {
    struct Series {
        var name: String
        var color: String
        var values: [Double]
    }

    var title: String
    var categories: [String]
    var series: [Series]
    var unit: String
    var width = 1060.0
    var height = 340.0

    var totals: [Double] {
        categories.indices.map { i in series.reduce(0) { $0 + max($1.values[i], 0) } }
    }

    var svg: String {
        let totals = self.totals
        let scale = NiceScale(0, totals.max() ?? 0, maxTicks: 7)
        let plot = PlotArea(left: Axes.labelWidth(scale) + 16, top: 28, right: width - 12, bottom: height - 26)
        let y = LinearAxis(scale: scale, from: plot.bottom, to: plot.top)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisY(&c, y, plot: plot, unit: unit)
        let (centers, band) = Axes.bands(categories.count, plot: plot)
        let barWidth = min(band * 0.6, 90)
        for (i, category) in categories.enumerated() {
            var base = 0.0
            for s in series {
                let v = max(s.values[i], 0)
                guard v > 0 else { continue }
                let top = y.map(base + v), bottom = y.map(base)
                c.rect(
                    x: centers[i] - barWidth / 2, y: top, width: barWidth, height: bottom - top, fill: s.color, stroke: "#FFFFFF",
                    tooltip: "\(s.name), \(category): \(ReportNumber.amount(v)) \(unit)")
                base += v
            }
            c.text(ReportNumber.amount(totals[i]), x: centers[i], y: y.map(totals[i]) - 6, anchor: .middle, size: 11, bold: true)
        }
        Axes.categoryAxisX(&c, labels: categories, centers: centers, plot: plot)
        return c.rendered
    }
}
