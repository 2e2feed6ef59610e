import Yams

/// Writes a node on one line in YAML flow style (`{dist: beta, mean: 0.04, sd: 0.01}`), for the
/// before and after of an applied change.
enum CompactYAML {
    /// The one-line YAML text of `node`.
    static func render(_ node: Node) -> String {
        switch node {
        case let .scalar(s): scalar(s)
        case let .sequence(items): "[" + items.map(render).joined(separator: ", ") + "]"
        case let .mapping(m): "{" + m.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
        case let .alias(a): "*\(a.anchor.rawValue)"
        }
    }

    /// A scalar as written: plain when that reads back as the same text, else double-quoted.
    private static func scalar(_ s: Node.Scalar) -> String {
        let text = s.string
        let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
        return quoted || needsQuotes(text) ? doubleQuoted(text) : text
    }

    private static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if first.isWhitespace || last.isWhitespace { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == "-" && text.dropFirst().first?.isNumber == true) { return true }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return true }
        return text.contains { "\n\r\t,[]{}".contains($0) }
    }

    private static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
