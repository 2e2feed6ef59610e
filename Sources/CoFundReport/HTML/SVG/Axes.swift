/// The rectangle of a chart inside its margins.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Axes, grid lines and tick labels.
enum Axes {
    static let tickSize = 11.0
    static let grey = "#555555"
    static let grid = "#E3E3E3"

    /// The width the tick labels of `scale` need.
    static func labelWidth(_ scale: NiceScale) -> Double {
        scale.ticks.map { TextMetrics.width(scale.label($0), size: tickSize) }.max() ?? 0
    }

    /// A vertical value axis: horizontal grid lines, labels on the left and the unit above them.
    static func valueAxisY(_ c: inout SVGCanvas, _ axis: LinearAxis, plot: PlotArea, unit: String) {
        for t in axis.scale.ticks {
            let y = axis.map(t)
            c.line(plot.left, y, plot.right, y, stroke: t == 0 ? "#888888" : grid)
            c.text(axis.scale.label(t), x: plot.left - 6, y: y + 4, anchor: .end, size: tickSize, fill: grey)
        }
        c.text(unit, x: plot.left - 6, y: plot.top - 10, anchor: .end, size: tickSize, bold: true, fill: grey, extra: [("class", "unit")])
    }

    /// A horizontal value axis: vertical grid lines, labels below and a title under them.
    static func valueAxisX(_ c: inout SVGCanvas, _ axis: LinearAxis, plot: PlotArea, title: String) {
        for t in axis.scale.ticks {
            let x = axis.map(t)
            c.line(x, plot.top, x, plot.bottom, stroke: t == 0 ? "#888888" : grid, width: t == 0 ? 1.5 : 1)
            c.text(axis.scale.label(t), x: x, y: plot.bottom + 15, anchor: .middle, size: tickSize, fill: grey)
        }
        c.text(
            title, x: (plot.left + plot.right) / 2, y: plot.bottom + 32, anchor: .middle, size: tickSize, bold: true, fill: grey,
            extra: [("class", "unit")])
    }

    /// The centers of `count` equal bands across the plot, and the band width.
    static func bands(_ count: Int, plot: PlotArea) -> (centers: [Double], width: Double) {
        let w = plot.width / Double(max(count, 1))
        return ((0..<count).map { plot.left + (Double($0) + 0.5) * w }, w)
    }

    /// Category labels under the plot, and the axis line.
    static func categoryAxisX(_ c: inout SVGCanvas, labels: [String], centers: [Double], plot: PlotArea) {
        c.line(plot.left, plot.bottom, plot.right, plot.bottom, stroke: "#888888")
        for (label, x) in zip(labels, centers) {
            c.text(label, x: x, y: plot.bottom + 15, anchor: .middle, size: tickSize, fill: grey)
        }
    }
}
