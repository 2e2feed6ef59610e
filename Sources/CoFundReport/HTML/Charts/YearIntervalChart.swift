/// Changes by year: for each year a group of dots with 95% whiskers, one per series (funder).
struct YearIntervalChart {
    struct Series {
        var name: String
        var color: String
        /// Per year: the change and its interval.
        var values: [(value: Double, low: Double, high: Double)]
    }

    var title: String
    var categories: [String]
    var series: [Series]
    var unit: String
    var width = 1060.0
    var height = 320.0

    var svg: String {
        let all = series.flatMap(\.values)
        let scale = NiceScale(all.map(\.low).min() ?? 0, all.map(\.high).max() ?? 0, maxTicks: 6)
        let plot = PlotArea(left: Axes.labelWidth(scale) + 16, top: 28, right: width - 12, bottom: height - 26)
        let y = LinearAxis(scale: scale, from: plot.bottom, to: plot.top)
        var c = SVGCanvas(width: width, height: height, title: title)
        Axes.valueAxisY(&c, y, plot: plot, unit: unit)
        let (centers, band) = Axes.bands(categories.count, plot: plot)
        let step = band * 0.7 / Double(max(series.count, 1))
        for (k, s) in series.enumerated() {
            let offset = (Double(k) - Double(series.count - 1) / 2) * step
            for (i, v) in s.values.enumerated() where i < centers.count {
                let cx = centers[i] + offset
                c.line(cx, y.map(v.low), cx, y.map(v.high), stroke: s.color, width: 2)
                c.line(cx - 4, y.map(v.low), cx + 4, y.map(v.low), stroke: s.color, width: 2)
                c.line(cx - 4, y.map(v.high), cx + 4, y.map(v.high), stroke: s.color, width: 2)
                c.circle(
                    cx, y.map(v.value), r: 4, fill: s.color, stroke: "#FFFFFF",
                    tooltip:
                        "\(s.name), \(categories[i]): \(ReportNumber.signed(v.value)) \(unit) [\(ReportNumber.signed(v.low)), \(ReportNumber.signed(v.high))]"
                )
            }
        }
        Axes.categoryAxisX(&c, labels: categories, centers: centers, plot: plot)
        return c.rendered
    }
}
