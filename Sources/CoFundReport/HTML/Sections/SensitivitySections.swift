import CoFundEngine
import CoFundModel

/// The sections of the sensitivity page.
extension SensitivityPage {
    static func funderID(_ f: String) -> String? { f == "all" ? nil : f }

    static func bars(_ rows: [SensitivityAnalysis.Swing], _ s: Scenario) -> [TornadoChart.Bar] {
        rows.prefix(maxBars).map { w in
            .init(
                label: SensitivityWords.label(w.driver, s), path: w.driver.path, setting: w.driver.setting, lowText: w.driver.lowText,
                highText: w.driver.highText, atLow: w.low?.mean ?? 0, atHigh: w.high?.mean ?? 0)
        }
    }

    static func charts(_ groups: [[SensitivityAnalysis.Swing]], _ ctx: ReportContext, fraction: Double) -> HTMLSection {
        let percent = Formatting.trimmed(fraction * 100)
        var body =
            "<p class=\"note\">For each funder, its expected payments over \(ctx.horizon), in \(ctx.unit), with one driver at its low end "
            + "(hollow: an uncertain parameter at its p10, an assumption at −\(percent)%) and then at its high end (filled: p90, +\(percent)%) "
            + "while everything else stays as the scenario has it; the largest swing on top, the swing written at the right. "
            + "Hover over a bar for the field's path.</p>\n"
        guard !groups.isEmpty else {
            return HTMLSection(
                id: "tornado", title: chartTitle, body: body + "<p class=\"note\">Nothing in the scenario moves any funder's exposure.</p>")
        }
        let labelWidth = TornadoChart.labelWidth(groups.flatMap { bars($0, ctx.scenario).map(\.label) })
        body += Figure.legendHTML([
            ("driver at its low end", .dot("#555555", hollow: true)), ("driver at its high end", .dot("#555555", hollow: false)),
        ])
        for rows in groups {
            let f = rows[0].id
            let name = ctx.funderName(funderID(f))
            let chart = TornadoChart(
                title: "\(name): expected \(ctx.horizon) total by driver, \(ctx.unit)", bars: bars(rows, ctx.scenario), color: ctx.color(funderID(f)),
                unit: ctx.unit, xTitle: "expected total over \(ctx.horizon), \(ctx.unit)", labelWidth: labelWidth)
            body += Figure.html(chart.svg, caption: name + (rows.count > maxBars ? " (the \(maxBars) largest of \(rows.count))" : "")) + "\n"
        }
        return HTMLSection(id: "tornado", title: chartTitle, body: body)
    }

    static func lineCharts(_ groups: [[SensitivityAnalysis.Swing]], _ ctx: ReportContext) -> HTMLSection {
        guard !groups.isEmpty else {
            return HTMLSection(id: "lines", title: lineTitle, body: "<p class=\"note\">The scenario has no budget line, or nothing moves one.</p>")
        }
        var table = HTMLTable(
            caption:
                "Each budget line's chance of being exceeded in some year, and its expected demand over \(ctx.horizon) (\(ctx.unit)), at each end of its largest drivers",
            header: [
                [
                    .text("budget line"), .number("#"), .text("driver"), .text("moved"), .number("low → high"), .number("chance over at low"),
                    .number("at high"), .number("demand swing"),
                ]
            ])
        for rows in groups {
            for (i, w) in rows.prefix(maxBars).enumerated() {
                table.add([
                    .text(SensitivityWords.scopeName(w, ctx.scenario), lang: "zh-Hans"), .number(String(i + 1)), label(w, ctx),
                    .text(w.driver.setting), .number("\(w.driver.lowText) → \(w.driver.highText)"),
                    .number((w.lowOver ?? 0).formatted(.probability)), .number((w.highOver ?? 0).formatted(.probability)),
                    .number(ReportNumber.signed(w.meanSwing)),
                ])
            }
        }
        return HTMLSection(id: "lines", title: lineTitle, body: table.rendered)
    }

    static func splitSection(_ split: [VarianceSplit.Part], _ ctx: ReportContext) -> HTMLSection {
        guard !split.isEmpty else {
            return HTMLSection(
                id: "split", title: splitTitle,
                body: "<p class=\"note\">Not computed: a split needs at least \(VarianceSplit.minimumPaths) paths.</p>")
        }
        let body =
            "<p class=\"note\">Var T = Var E[T | parameters] + E[Var(T | parameters)]: the first part is the spread that knowing the uncertain "
            + "parameters exactly would remove, the second the spread of chance (how many claim, their sizes, which loans default). "
            + "Estimated from groups of paths sharing one draw of every parameter; ± is a 95% interval (jackknife over the groups).</p>\n"
        var table = HTMLTable(
            caption: "The share of each total's variance the uncertain parameters explain (\(ctx.unit))",
            header: [[.text("total"), .number("sd"), .number("parameters' share"), .number("± (95%)")]])
        for p in split {
            let total = p.parameters + p.chance
            table.add([
                .text(SensitivityWords.scopeName(p.scope, p.id, p.line, ctx.scenario), lang: "zh-Hans"),
                .number(ReportNumber.amount(total > 0 ? total.squareRoot() : 0)),
                .number(p.share.map { min(max($0, 0), 1).formatted(.probability) } ?? "—"),
                .number(p.shareSE.map { ($0 * 1.96).formatted(.probability) } ?? "—"),
            ])
        }
        return HTMLSection(id: "split", title: splitTitle, body: body + table.rendered)
    }

    /// The driver in words, its path in a tooltip.
    static func label(_ w: SensitivityAnalysis.Swing, _ ctx: ReportContext) -> HTMLTable.Cell {
        HTMLTable.Cell(
            html:
                "<span title=\"\(HTML.escape(w.driver.path))\" lang=\"zh-Hans\">\(HTML.escape(SensitivityWords.label(w.driver, ctx.scenario)))</span>"
        )
    }

    static func table(_ groups: [[SensitivityAnalysis.Swing]], _ ctx: ReportContext) -> HTMLSection {
        var table = HTMLTable(
            caption: "Each funder's \(ctx.horizon) total and each budget line's demand with one driver at each end, \(ctx.unit)",
            header: [
                [
                    .text("total"), .number("#"), .text("driver"), .text("moved"), .number("low → high"), .number("mean at low"),
                    .number("mean at high"), .number("swing"), .number("p95 swing"),
                ]
            ])
        for rows in groups {
            for (i, w) in rows.enumerated() {
                table.add([
                    .text(SensitivityWords.scopeName(w, ctx.scenario), lang: "zh-Hans"), .number(String(i + 1)), label(w, ctx),
                    .text(w.driver.setting), .number("\(w.driver.lowText) → \(w.driver.highText)"),
                    .number(ReportNumber.amount(w.low?.mean ?? 0)), .number(ReportNumber.amount(w.high?.mean ?? 0)),
                    .number(ReportNumber.signed(w.meanSwing)), .number(ReportNumber.signed(w.p95Swing)),
                ])
            }
        }
        return HTMLSection(id: "ranking", title: tableTitle, body: table.rows.isEmpty ? "<p class=\"note\">Nothing to rank.</p>" : table.rendered)
    }
}
