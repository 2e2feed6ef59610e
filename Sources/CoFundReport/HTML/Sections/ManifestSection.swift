import CoFundModel
import Foundation

/// Section 8: what produced the report, so that anyone can reproduce it (as manifest.json).
enum ManifestSection {
    static let id = "manifest"
    static let title = "Run manifest"

    static func render(_ m: Manifest) -> HTMLSection {
        var items: [(String, String)] = [
            ("cofund version", HTML.escape(m.cofundVersion)),
            ("scenario", "<code>\(HTML.escape(m.scenarioID))</code> <span lang=\"zh-Hans\">\(HTML.escape(m.scenarioTitle))</span>"),
            ("scenario file", "<code>\(HTML.escape(m.scenarioFile))</code>"),
            ("scenario SHA-256", "<code>\(HTML.escape(m.scenarioSHA256))</code>"),
        ]
        if let file = m.comparedFile {
            items.append(("compared with the scenario file", "<code>\(HTML.escape(file))</code>"))
            items.append(("its SHA-256", "<code>\(HTML.escape(m.comparedSHA256 ?? ""))</code>"))
        }
        items += [
            ("horizon", "\(m.firstYear)–\(m.lastYear), amounts in \(HTML.escape(Scenario.Unit(rawValue: m.unit)?.label ?? m.unit))"),
            (
                "claims simulated from",
                m.historyFrom.map { "\($0)" + ($0 < m.firstYear ? " (payments before \(m.firstYear) are not reported)" : "") } ?? "not recorded"
            ),
            ("seed", String(m.seed)),
            ("paths", Formatting.amount(Double(m.paths))),
            ("threads", String(m.threads)),
            ("block size", String(m.blockSize)),
            ("wall time", String(format: "%.3f s", m.wallSeconds)),
        ]
        if let t = m.targetRelativeSE {
            items.append(("target relative se", Formatting.trimmed(t) + (m.converged.map { $0 ? " (met)" : " (not met within --max-paths)" } ?? "")))
        }
        for f in m.reformFiles ?? [] {
            items.append(
                (
                    "reform file",
                    "<code>\(HTML.escape(f.file))</code>" + (f.title.map { " — <span lang=\"zh-Hans\">\(HTML.escape($0))</span>" } ?? "")
                        + (f.source.map { " — source: <span lang=\"zh-Hans\">\(HTML.escape($0))</span>" } ?? "")
                ))
        }
        items.append(
            (
                m.comparedFile == nil ? "reforms applied" : "differences between the two files",
                m.reforms.isEmpty
                    ? "none" : "<ul class=\"changes\">" + m.reforms.map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>"
            ))
        let body = "<dl class=\"manifest\">" + items.map { "<dt>\(HTML.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
        return HTMLSection(id: id, title: title, body: body)
    }
}
