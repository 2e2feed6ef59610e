/// A chart in its figure: a caption above, the SVG, and an HTML legend below.
enum Figure {
    enum Key {
        /// A filled square (bars, dots).
        case swatch(String)
        /// A line, solid or dashed.
        case stroke(String, dashed: Bool)
        /// A translucent band.
        case band(String)
        /// A marker shape of a line chart, in grey.
        case shape(LineChart.MarkerShape)
        /// A round dot, filled or hollow.
        case dot(String, hollow: Bool)
    }

    static func html(_ svg: String, caption: String? = nil, legend: [(String, Key)] = [], className: String? = nil) -> String {
        var out = "<figure\(className.map { " class=\"\($0)\"" } ?? "")>"
        if let caption { out += "<figcaption lang=\"zh-Hans\">\(HTML.escape(caption))</figcaption>" }
        out += svg
        if !legend.isEmpty { out += legendHTML(legend) }
        return out + "</figure>"
    }

    static func legendHTML(_ items: [(String, Key)]) -> String {
        "<ul class=\"legend\">" + items.map { label, key in "<li>\(keyHTML(key))<span lang=\"zh-Hans\">\(HTML.escape(label))</span></li>" }.joined()
            + "</ul>"
    }

    static func keyHTML(_ key: Key) -> String {
        switch key {
        case let .swatch(c): "<span class=\"swatch\" style=\"border-color:\(HTML.escape(c))\"></span>"
        case let .stroke(c, dashed): "<span class=\"stroke\(dashed ? " dashed" : "")\" style=\"border-color:\(HTML.escape(c))\"></span>"
        case let .band(c): "<span class=\"band\" style=\"border-color:\(HTML.escape(c))\"></span>"
        case let .dot(c, hollow): "<span class=\"dot\(hollow ? " hollow" : "")\" style=\"border-color:\(HTML.escape(c))\"></span>"
        case let .shape(s):
            switch s {
            case .circle: "<span class=\"shape\">●</span>"
            case .square: "<span class=\"shape\">■</span>"
            case .triangle: "<span class=\"shape\">▲</span>"
            case .diamond: "<span class=\"shape\">◆</span>"
            }
        }
    }
}
