import CoFundModel

/// The lines under a page's title.
enum PageIntro {
    static func meta(_ s: Scenario, paths: Int, seed: UInt64) -> String {
        "\(s.id) · \(s.years.lowerBound)–\(s.years.upperBound) · \(count(s.funders.count, "funder")), \(count(s.programs.count, "program")) · "
            + "\(Formatting.amount(Double(paths))) paths · seed \(seed) · amounts in \(s.unit.label)"
    }

    /// "1 program", "3 programs".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func description(_ s: Scenario) -> String {
        s.description.isEmpty ? "" : "<p class=\"description\" lang=\"zh-Hans\">\(HTML.escape(s.description))</p>\n"
    }

    /// Each reform file's title and source, with its path: what policy the page prices.
    static func reformFiles(_ m: Manifest) -> String {
        (m.reformFiles ?? []).map { f in
            let title = f.title.map { "<strong lang=\"zh-Hans\">\(HTML.escape($0))</strong>" }
            let source = f.source.map { "<span lang=\"zh-Hans\">\(HTML.escape($0))</span>" }
            let named = [title, source].compactMap { $0 }.joined(separator: " — ")
            return "<p class=\"meta reform\">Reform: \(named.isEmpty ? "" : named + " ")(<code>\(HTML.escape(f.file))</code>)</p>\n"
        }.joined()
    }

    static func changes(_ changes: [String], title: String) -> String {
        guard !changes.isEmpty else { return "" }
        return "<p class=\"meta\">\(HTML.escape(title))</p><ul class=\"changes\">"
            + changes.map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>\n"
    }
}
