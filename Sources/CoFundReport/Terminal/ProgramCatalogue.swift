import CoFundModel

/// The table `cofund programs` prints: each program's id, name, kind, source, shares and caps.
public enum ProgramCatalogue {
    /// - Parameter wide: print names and sources in full instead of cutting them to fit a terminal.
    public static func render(_ s: Scenario, wide: Bool = false) -> String {
        var table = TextTable(header: ["id", "name", "kind", "source", "shares", "caps"])
        if !wide { table.maxWidths = [1: 36, 3: 44, 4: 44] }
        for p in s.programs {
            table.add([p.id, p.name, p.rule.kind, p.source, shares(p), caps(p)])
        }
        let notes = ScenarioHeading.forceNotes(s).map { $0 + "\n" }.joined()
        return TerminalText.escaped(
            "\(ScenarioHeading.line(s)) · amounts in \(s.unit.label)\n\(notes)\n" + table.rendered, keepingLineBreaks: true)
    }

    static func shares(_ p: Program) -> String {
        if case let .riskCompensation(r) = p.rule {
            let parts = r.lossShares.map { "\($0.funder) \(param($0.fraction, rate: true))" }
            let segs = r.segments.compactMap { seg in
                seg.lossShares.map { "[\(seg.id): " + $0.map { "\($0.funder) \(param($0.fraction, rate: true))" }.joined(separator: ", ") + "]" }
            }
            return (parts + ["rest \(r.residual)"] + segs).joined(separator: ", ")
        }
        return p.share.parts.map { "\($0.funder) \(Formatting.rate($0.fraction))" }.joined(separator: ", ")
    }

    /// The dates the program's text is in force and what happens after them: `2020-05-01 – 2022-12-31,
    /// stops after 2022` or `…, continued after expiry (assumption)`.
    static func force(_ p: Program, _ s: Scenario) -> String {
        guard let f = p.inForce else { return "not stated" }
        guard let last = f.lastYear, s.declaredClaimYears(of: p).upperBound > last else { return f.text }
        return f.text + (p.continuesAfterExpiry ? ", continued after expiry (assumption)" : ", no claims after \(last)")
    }

    static func caps(_ p: Program) -> String {
        switch p.rule {
        case let .rate(r) where !r.components.isEmpty:
            let parts = r.components.map { c in "\(c.id) \(param(c.rate, rate: true))" + (c.capPerClaim.map { " ≤\(param($0))" } ?? "") }
            return parts.joined(separator: r.combine == .sum ? " + " : " | ") + (r.capPerClaim.map { "; ≤\(param($0)) in all" } ?? "")
        case let .rate(r):
            let rate = r.brackets.isEmpty ? param(r.rate, rate: true) : "brackets"
            return [rate, r.capPerClaim.map { "≤\(param($0))" }, r.floor.map { "≥\(param($0))" }, r.minBase.map { "base ≥\(param($0))" }]
                .compactMap { $0 }.joined(separator: " ")
        case let .award(a):
            return a.tiers.isEmpty ? amount(a.amount) : a.tiers.map { amount($0.amount) }.joined(separator: "/")
        case let .matching(m):
            return "\(param(m.ratio)):1 of \(m.matches)" + (m.capPerClaim.map { " ≤\(param($0))" } ?? "")
        case let .riskCompensation(r):
            return r.capPerBorrower.map { "balance ≤\(param($0))" } ?? ""
        case let .interestSubsidy(r):
            return "\(param(r.fraction, rate: true)) of interest" + (r.capPerClaim.map { " ≤\(param($0))/yr" } ?? "")
        }
    }

    static func param(_ p: Parameter, rate: Bool = false) -> String {
        switch p {
        case let .value(v): rate ? Formatting.rate(v) : Formatting.amount(v)
        case let .uncertain(d): "~\(d.name)(mean \(rate ? Formatting.rate(d.mean) : Formatting.amount(d.mean)))"
        }
    }

    static func amount(_ d: Distribution) -> String {
        switch d {
        case let .fixed(v): Formatting.amount(v)
        case let .uniform(low, high): "\(Formatting.amount(low))–\(Formatting.amount(high))"
        case let .triangular(low, _, high): "\(Formatting.amount(low))–\(Formatting.amount(high))"
        default: "~\(d.name)"
        }
    }
}

extension ProgramCatalogue {
    /// The table `cofund programs --parameters` prints: each parameter's id, name and unit, one row
    /// per dated value (from, the last day in force, value, clause, the horizon years whose claims
    /// use it) and, one a row, the program fields reading it; one line when the scenario declares none.
    public static func renderParameters(_ s: Scenario, wide: Bool = false) -> String {
        let heading = "\(ScenarioHeading.line(s)) · amounts in \(s.unit.label)\n"
        let uses = ParameterUse.all(s)
        guard !uses.isEmpty else {
            return TerminalText.escaped(
                heading + "No parameters: the scenario declares none (`parameters:`), its numbers are written in its programs.",
                keepingLineBreaks: true)
        }
        var table = TextTable(header: ["id", "name", "unit", "from", "until", "value", "source", "used in", "read by"])
        if !wide { table.maxWidths = [1: 24, 6: 36] }
        for use in uses {
            let p = use.parameter
            let rows = max(use.values.count, use.readers.count, 1)
            for k in 0..<rows {
                let value: [String] =
                    k < use.values.count
                    ? {
                        let v = use.values[k]
                        let used = v.yearsUsed.isEmpty ? "none" : ParameterUse.years(v.yearsUsed)
                        return [v.from.description, v.until?.description ?? "open", ParameterUse.text(v.value), v.source, used]
                    }() : ["", "", "", "", ""]
                let reader = k < use.readers.count ? use.readers[k] : (k == 0 ? "no program" : "")
                table.add((k == 0 ? [p.id, p.name, p.unit.label] : ["", "", ""]) + value + [reader])
            }
        }
        let count = uses.count == 1 ? "1 parameter" : "\(uses.count) parameters"
        let note =
            "\(count), one row a dated value: until is its last day in force; used in, the years \(s.years.lowerBound)–\(s.years.upperBound) whose claims use it (a program's claims follow the value in force on its claim date); read by, the program fields reading it.\n"
        return TerminalText.escaped(heading + note + "\n" + table.rendered, keepingLineBreaks: true)
    }
}
