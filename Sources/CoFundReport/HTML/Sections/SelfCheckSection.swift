import CoFundEngine
import CoFundModel

/// The run checked against mathematics (`SelfCheck`, `checks.csv`): how many programs have a
/// closed-form mean, how far the simulated means stray from theirs, and each funder's total over the
/// horizon beside its closed form or its control-variate estimate.
enum SelfCheckSection {
    static let id = "self-check"
    static let title = "Self-check"

    static func render(_ r: SimulationResult, _ check: SelfCheck, importance: ImportanceSampling? = nil, _ ctx: ReportContext) -> HTMLSection {
        let s = r.scenario
        let compared = check.rows.filter { $0.z != nil }
        let covered = check.programs - check.missing.count
        var body = "<p class=\"note\">\(covered) of \(check.programs) programs have a closed-form mean: expected claims × the expected payout "
        body +=
            "(the limited expected value of the base under the rate, floor and cap), the pools' expected defaults × the expected compensation base, "
        body += "settled through the same shares, lags and schedules as every path. "
        if let worst = check.worst?.z {
            body +=
                "The simulated means of their \(compared.count) series lie within \(HTML.escape(Formatting.amount(abs(worst), decimals: 1))) standard errors of it "
            body +=
                "(a run of a correct engine stays within \(HTML.escape(SelfCheckText.tolerance(check))) but about once in 16,000 series). "
        }
        body += "Every series is in <code>checks.csv</code>.</p>\n"
        let failures = check.failures
        if !failures.isEmpty {
            body +=
                "<p class=\"warning\">\(failures.count) series lie more than \(HTML.escape(SelfCheckText.tolerance(check))) standard errors from their closed form: "
            body += failures.prefix(5).map { HTML.escape(SelfCheckText.label($0, r.plan.layout, s)) }.joined(separator: "; ") + ".</p>\n"
        }
        if !check.missing.isEmpty {
            body += "<p class=\"note\">Without one: "
            body += check.missing.map { "<code>\(HTML.escape($0.program))</code> (\(HTML.escape($0.reason)))" }.joined(separator: "; ")
            body +=
                ". A funder's total then has a control-variate estimate instead: its simulated mean corrected by the programs that have one.</p>\n"
        }
        var table = HTMLTable(
            caption: "Each funder's total \(s.years.lowerBound)–\(s.years.upperBound), in \(s.unit.label)",
            header: [["funder", "closed form", "simulated mean", "± se", "z", "with control variate", "± se"].map { HTMLTable.Cell.text($0) }])
        let layout = r.plan.layout
        let funders: [String?] = layout.funders + (layout.hasGovernment ? [Funder.governmentID] : []) + [nil]
        for f in funders {
            guard let i = layout.index(program: nil, funder: f, year: .total), let row = check.rows.first(where: { $0.series == i }) else {
                continue
            }
            let number = { (v: Double?) in HTMLTable.Cell.number(v.map { Formatting.amount($0, decimals: 0) } ?? "") }
            table.add([
                .text(s.reportedFunderName(f), lang: "zh-Hans"), number(row.closedForm), number(row.mean), number(row.se),
                .number(row.z.map { $0.isFinite ? Formatting.amount($0, decimals: 2) : "∞" } ?? ""), number(row.controlled?.mean),
                number(row.controlled?.se),
            ])
        }
        body += table.rendered
        if r.converged == true, let target = r.options.targetRelativeSE {
            body += "<p class=\"note\">The target standard error (\(HTML.escape(Formatting.trimmed(target * 100)))% of every reported mean) "
            body += "needed \(HTML.escape(Formatting.amount(Double(r.paths), decimals: 0))) paths.</p>\n"
        }
        if let importance { body += Self.importance(r, importance) }
        _ = ctx
        return HTMLSection(id: id, title: title, body: body)
    }

    /// `--importance`'s estimates beside the plain run's (`importance.csv`).
    static func importance(_ r: SimulationResult, _ i: ImportanceSampling) -> String {
        let s = r.scenario
        let name = i.target == "all" ? "all funders" : s.reportedFunderName(i.target)
        var body = "<p class=\"note\">Importance sampling of \(HTML.escape(name))'s total: \(i.shiftedInputs) of \(i.inputs) per-path inputs "
        body += "shifted by \(HTML.escape(Formatting.amount(i.shiftLength, decimals: 2))) standard deviations along the pilot's regression "
        body += "(R² \(HTML.escape(Formatting.amount(i.rSquared, decimals: 2)))); effective sample size "
        body +=
            "\(HTML.escape(Formatting.amount(i.effectiveSampleSize, decimals: 0))) of \(HTML.escape(Formatting.amount(Double(i.paths), decimals: 0))) paths; "
        body +=
            "mean weight \(HTML.escape(Formatting.amount(i.meanWeight.value, decimals: 3))) ± \(HTML.escape(Formatting.amount(i.meanWeight.se, decimals: 3))).</p>\n"
        var table = HTMLTable(
            caption: "The total's tail \(s.years.lowerBound)–\(s.years.upperBound), in \(s.unit.label): weighted and plain, with 95% intervals",
            header: [
                ["statistic", "weighted", "95% interval", "plain", "95% interval", "plain paths for the same interval"].map {
                    HTMLTable.Cell.text($0)
                }
            ])
        for e in i.estimates {
            table.add([
                .text(e.statistic), .number(Formatting.amount(e.value, decimals: 0)), .number(ImportanceText.interval(e.interval)),
                .number(Formatting.amount(e.plainValue, decimals: 0)), .number(ImportanceText.interval(e.plainInterval)),
                .number(e.pathsRatio.map { "× \(Formatting.amount($0, decimals: 1))" } ?? ""),
            ])
        }
        return body + table.rendered
    }
}
