/// Literals for a notebook's cells: Python strings and markdown text built from a run's data.
enum NotebookText {
    /// `s` as a double-quoted Python 3 string literal (UTF-8 source): backslashes, quotes and
    /// invisible or line-breaking characters escaped, everything else as is.
    static func python(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                switch u.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    out += u.value <= 0xFFFF ? "\\u" + hex(u.value, 4) : "\\U" + hex(u.value, 8)
                default:
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// `s` as literal markdown text: the characters markdown, tables and Jupyter's math ($) would
    /// interpret are backslash-escaped, and line breaks become spaces.
    static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "$", "!":
                out += "\\"
                out.unicodeScalars.append(u)
            case "\n", "\r", "\t":
                out += " "
            default:
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// 10000 → "10,000".
    static func grouped(_ n: some BinaryInteger) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
