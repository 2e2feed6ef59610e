/// Text from a scenario made safe to print on a terminal, and cut to fit a column.
///
/// Names, titles and sources come from a scenario file that anyone may have written. Printed raw,
/// an ESC starts a terminal command (OSC 52 writes the clipboard, SGR 8 hides text, cursor moves
/// overwrite what was printed), other C0 and C1 controls move the cursor or are taken as ESC, and
/// bidi overrides reorder what the reader sees (the Trojan Source attack). Each such character is
/// printed as `\u{HEX}`: one notation for all of them (caret notation such as `^[` has no form for
/// C1 or bidi controls), plain ASCII of a known width, and the way Swift and the scenario's YAML
/// (`"\u001B"`) spell it, so the reader can find the character in the file.
public enum TerminalText {
    /// Display columns given to a name in a table or a line, "…" included when it is cut.
    static let nameWidth = 40

    /// C0 controls (TAB, LF and CR included: they break a table's alignment), DEL, C1 controls, and
    /// the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u{1B}` for ESC.
    static func escape(_ u: Unicode.Scalar) -> String {
        "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
    }

    /// `text` with every control character escaped but, when `keepingLineBreaks`, LF: for whole
    /// outputs whose lines the renderer broke itself. Returns `text` itself when nothing needs escaping.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func escapes(_ u: Unicode.Scalar) -> Bool { isControl(u) && !(keepingLineBreaks && u == "\n") }
        guard text.unicodeScalars.contains(where: escapes) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if escapes(u) { out.append(contentsOf: escape(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// A name for a line of text: escaped and cut to `nameWidth` columns.
    static func name(_ s: String) -> String {
        fit(s.unicodeScalars, width: nameWidth).text
    }

    /// Text escaped and cut to fit a column, with its width in terminal columns.
    struct Fitted: Equatable {
        var text: String
        var width: Int
    }

    /// `scalars` escaped and, when `width` is given, cut to at most `width` columns ending in "…".
    ///
    /// One pass that stops as soon as the text is known not to fit, so cutting a name costs its
    /// column's width, not its length: at most `width` + 1 scalars of positive width are read, plus
    /// the zero-width ones among them, which are capped at `4 × width` scalars in all (a run of
    /// combining marks has no width but still costs the terminal). An escape is kept or cut whole.
    static func fit(_ scalars: some Sequence<Unicode.Scalar>, width limit: Int? = nil) -> Fitted {
        var out = String.UnicodeScalarView()
        var count = 0
        var width = 0
        // The text and width up to the last place where "…" still fits after it.
        var cut = (count: 0, width: 0)
        for u in scalars {
            let piece = isControl(u) ? escape(u) : nil
            let w = piece.map(\.unicodeScalars.count) ?? DisplayWidth.width(u)
            let n = piece.map(\.unicodeScalars.count) ?? 1
            if let limit {
                if width + w > limit || count + n > 4 * limit {
                    return Fitted(text: String(out.prefix(cut.count)) + "…", width: cut.width + 1)
                }
                if width + w <= limit - 1 { cut = (count + n, width + w) }
            }
            if let piece { out.append(contentsOf: piece.unicodeScalars) } else { out.append(u) }
            count += n
            width += w
        }
        return Fitted(text: String(out), width: width)
    }
}
