/// Writes CSV as RFC 4180 says: fields holding a comma, a double quote, CR or LF are quoted, and
/// quotes inside them doubled; records end with CRLF.
public struct CSVWriter {
    public private(set) var text = ""

    public init(byteOrderMark: Bool = false) {
        if byteOrderMark { text = "\u{FEFF}" }
    }

    public mutating func row(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\r\n"
    }

    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
