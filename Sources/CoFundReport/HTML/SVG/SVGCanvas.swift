/// An SVG drawing built shape by shape; every text and attribute value is escaped.
struct SVGCanvas {
    let width: Double
    let height: Double
    /// The accessible name of the chart (its `<title>`).
    let title: String
    private(set) var elements: [String] = []

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    typealias Attributes = [(String, String)]

    private static func c(_ v: Double) -> String { ReportNumber.coordinate(v) }

    private static func attributes(_ a: Attributes) -> String {
        a.map { " \($0.0)=\"\(HTML.escape($0.1))\"" }.joined()
    }

    /// A shape with an optional hover tooltip.
    private mutating func add(_ tag: String, _ a: Attributes, tooltip: String?) {
        if let tooltip {
            elements.append("<\(tag)\(Self.attributes(a))><title>\(HTML.escape(tooltip))</title></\(tag)>")
        } else {
            elements.append("<\(tag)\(Self.attributes(a))/>")
        }
    }

    mutating func rect(
        x: Double, y: Double, width w: Double, height h: Double, fill: String, opacity: Double? = nil,
        stroke: String? = nil, tooltip: String? = nil, extra: Attributes = []
    ) {
        var a: Attributes = [
            ("x", Self.c(x)), ("y", Self.c(y)), ("width", Self.c(Swift.max(w, 0))), ("height", Self.c(Swift.max(h, 0))), ("fill", fill),
        ]
        if let opacity { a.append(("fill-opacity", String(opacity))) }
        if let stroke { a += [("stroke", stroke), ("stroke-width", "1")] }
        add("rect", a + extra, tooltip: tooltip)
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil, extra: Attributes = []
    ) {
        var a: Attributes = [
            ("x1", Self.c(x1)), ("y1", Self.c(y1)), ("x2", Self.c(x2)), ("y2", Self.c(y2)),
            ("stroke", stroke), ("stroke-width", Self.c(width)),
        ]
        if let dash { a.append(("stroke-dasharray", dash)) }
        add("line", a + extra, tooltip: nil)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil, tooltip: String? = nil) {
        var a: Attributes = [
            ("points", Self.points(points)), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.c(width)),
            ("stroke-linejoin", "round"),
        ]
        if let dash { a.append(("stroke-dasharray", dash)) }
        add("polyline", a, tooltip: tooltip)
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, tooltip: String? = nil) {
        add("polygon", [("points", Self.points(points)), ("fill", fill), ("fill-opacity", String(opacity))], tooltip: tooltip)
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        var a: Attributes = [("cx", Self.c(x)), ("cy", Self.c(y)), ("r", Self.c(r)), ("fill", fill)]
        if let stroke { a += [("stroke", stroke), ("stroke-width", "1.5")] }
        add("circle", a, tooltip: tooltip)
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ s: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, bold: Bool = false,
        fill: String = "#222222", extra: Attributes = []
    ) {
        var a: Attributes = [("x", Self.c(x)), ("y", Self.c(y)), ("font-size", Self.c(size))]
        if anchor != .start { a.append(("text-anchor", anchor.rawValue)) }
        if bold { a.append(("font-weight", "bold")) }
        if fill != "#222222" { a.append(("fill", fill)) }
        elements.append("<text\(Self.attributes(a + extra))>\(HTML.escape(s))</text>")
    }

    static func points(_ p: [(Double, Double)]) -> String {
        p.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    }

    var rendered: String {
        "<svg viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" width=\"\(Self.c(width))\" height=\"\(Self.c(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
            + "<title>\(HTML.escape(title))</title>" + elements.joined() + "</svg>"
    }
}
