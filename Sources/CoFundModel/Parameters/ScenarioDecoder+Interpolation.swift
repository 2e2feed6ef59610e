import Foundation

/// Names and notes that quote parameters (`name: 企业研发投入后补助（最高{rd_cap}万元）`), so that a
/// reform's reports show the reformed values.
///
/// `{id}` is the value as written, `{id%}` a fraction as a percentage. A program's text quotes the
/// values its claims in the horizon use, joined by → where they change (`最高250→500万元`); other
/// text quotes the values in force on the first day of each horizon year.
extension ScenarioDecoder {
    func interpolateParameters(in scenario: inout Scenario) {
        let parameters = Dictionary(scenario.parameters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let horizon = Array(scenario.years)
        func render(_ text: String, _ field: String, years: [Int], day: MonthDay) -> String {
            ParameterText.interpolate(text, parameters: parameters, years: years, day: day) { id in
                // A declared parameter with mistakes of its own is reported there.
                guard !names.parameters.contains(id) else { return }
                let ids = parameters.keys.sorted()
                reader.fail(
                    field, nil, "`{\(id)}` names no parameter",
                    hint: DidYouMean.suggestion(for: id, among: ids).map { "did you mean `{\($0)}`?" }
                        ?? (ids.isEmpty
                            ? "declare it under `parameters:`, or write the number" : "declared parameters: \(ids.joined(separator: ", "))"))
            }
        }
        scenario.title = render(scenario.title, "scenario.title", years: horizon, day: .januaryFirst)
        scenario.description = render(scenario.description, "scenario.description", years: horizon, day: .januaryFirst)
        for k in scenario.programs.indices {
            let p = scenario.programs[k]
            let field = "programs[\(names.programIndex[p.id] ?? k)]"
            let claimYears = scenario.claimYears(of: p).map { Array($0).filter(scenario.years.contains) } ?? []
            let years = claimYears.isEmpty ? horizon : claimYears
            scenario.programs[k].name = render(p.name, "\(field).name", years: years, day: p.claimDate)
            scenario.programs[k].assumptions = p.assumptions.enumerated().map { i, a in
                render(a, "\(field).assumption\(p.assumptions.count > 1 ? "[\(i)]" : "")", years: years, day: p.claimDate)
            }
        }
        for k in scenario.budgetLines.indices {
            let line = scenario.budgetLines[k]
            let field = "budget_lines[\(names.lineIndex[line.id] ?? k)]"
            scenario.budgetLines[k].name = render(line.name, "\(field).name", years: horizon, day: .januaryFirst)
            scenario.budgetLines[k].assumptions = line.assumptions.map { render($0, "\(field).assumption", years: horizon, day: .januaryFirst) }
        }
    }
}

/// The rendering of `{id}` and `{id%}` in text.
public enum ParameterText {
    /// `text` with each `{id}` or `{id%}` replaced by the values of parameter `id` in force on
    /// `day` of `years` (distinct values in order, joined by →); `unknown` is called for an id
    /// that names no parameter, which is left as written.
    public static func interpolate(
        _ text: String, parameters: [String: PolicyParameter], years: [Int], day: MonthDay, unknown: (String) -> Void
    ) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            var token = String(after[..<close])
            let percent = token.hasSuffix("%")
            if percent { token.removeLast() }
            guard isIdentifier(token) else {
                out += rest[open...close]
                rest = after[after.index(after: close)...]
                continue
            }
            if let p = parameters[token] {
                out += values(p, years: years, day: day, percent: percent)
            } else {
                unknown(token)
                out += rest[open...close]
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// The values of `p` in force on `day` of `years`, distinct in order, joined by →.
    public static func values(_ p: PolicyParameter, years: [Int], day: MonthDay, percent: Bool) -> String {
        var entries: [Int] = []
        for y in years {
            guard let i = p.entry(forYear: y, on: day) else { continue }
            if entries.last != i { entries.append(i) }
        }
        var texts: [String] = []
        for i in entries {
            let t = format(p.values[i].value, percent: percent)
            if texts.last != t { texts.append(t) }
        }
        return texts.isEmpty ? "–" : texts.joined(separator: "→")
    }

    static func format(_ value: Parameter, percent: Bool) -> String {
        let v = percent ? value.central * 100 : value.central
        let s = YAMLReader.format((v * 1e9).rounded() / 1e9) + (percent ? "%" : "")
        return value.isUncertain ? "≈" + s : s
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
