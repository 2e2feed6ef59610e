import CoFundModel

/// The notebook of a run directory: it loads `summary.csv`, `totals.csv` and `assumptions.csv`
/// with pandas, tabulates each funder's exposure, charts it with matplotlib and lists the
/// assumptions, with a markdown cell before each step saying what it shows and how to read it.
///
/// Everything shown is computed from the CSV files when the notebook runs, so it also works when
/// `RUN_DIR` is changed to another run; only the title cell is written from the manifest.
public enum RunNotebook {
    /// - Parameters:
    ///   - manifest: the run's `manifest.json`.
    ///   - runDirectory: the run directory as the notebook's first code cell sets it: relative to the
    ///     notebook's folder, or absolute.
    public static func build(manifest m: Manifest, runDirectory: String) -> Notebook {
        Notebook(
            cells: [
                .init(.markdown, id: "title", title(m, runDirectory: runDirectory)),
                .init(.markdown, id: "run-dir-intro", runDirectoryIntro),
                .init(.code, id: "run-dir", "RUN_DIR = \(NotebookText.python(runDirectory))\n"),
                .init(.markdown, id: "setup-intro", setupIntro),
                .init(.code, id: "setup", setupCode),
                .init(.markdown, id: "load-intro", loadIntro),
                .init(.code, id: "load", loadCode(m)),
                .init(.markdown, id: "funder-totals-intro", funderTotalsIntro),
                .init(.code, id: "funder-totals", funderTotalsCode),
                .init(.markdown, id: "by-year-intro", byYearIntro),
                .init(.code, id: "by-year", byYearCode),
                .init(.markdown, id: "fan-charts-intro", fanChartsIntro),
                .init(.code, id: "fan-charts", fanChartsCode),
                .init(.markdown, id: "distribution-intro", distributionIntro),
                .init(.code, id: "distribution", distributionCode),
                .init(.markdown, id: "programs-intro", programsIntro),
                .init(.code, id: "programs", programsCode),
                .init(.markdown, id: "budgets-intro", budgetsIntro),
                .init(.code, id: "budgets", budgetsCode),
                .init(.markdown, id: "assumptions-intro", assumptionsIntro),
                .init(.code, id: "assumptions", assumptionsCode),
                .init(.markdown, id: "further", further),
            ],
            cofundMetadata: [
                "cofund_version": CofundVersion.current,
                "scenario_id": m.scenarioID,
                "scenario_sha256": m.scenarioSHA256,
            ])
    }

    /// A code cell's source from its file in `Cells/` (embedded by SwiftPM: `.embedInCode` in Package.swift).
    static func cell(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    static func unitLabel(_ unit: String) -> String {
        Scenario.Unit(rawValue: unit).map { $0 == .wan ? "万元 (10,000 yuan)" : "元 (yuan)" } ?? unit
    }

    static func title(_ m: Manifest, runDirectory: String) -> String {
        let md = NotebookText.markdown
        let horizon = "\(m.firstYear)–\(m.lastYear)"
        var rows: [(String, String)] = [
            ("Scenario", "\(md(m.scenarioID)) — \(md(m.scenarioTitle))"),
            ("Scenario file", md(m.scenarioFile)),
            ("Scenario SHA-256", md(m.scenarioSHA256)),
            ("Horizon", "\(horizon); payments falling after \(m.lastYear) are reported as “after”"),
            ("Monte Carlo paths", NotebookText.grouped(m.paths)),
            ("Seed", String(m.seed)),
            ("Unit", "\(unitLabel(m.unit)), “\(md(m.unit))” in the CSV files"),
            ("Reforms", m.reforms.isEmpty ? "none (the scenario as written)" : m.reforms.map(md).joined(separator: "; ")),
        ]
        if let target = m.targetRelativeSE {
            let met = m.converged.map { $0 ? "met" : "not met within the path limit" } ?? "unknown"
            rows.append(("Target relative standard error", "\(target): \(met)"))
        }
        rows.append(("Run directory", md(runDirectory) + (runDirectory.hasPrefix("/") ? "" : " (relative to this notebook’s folder)")))
        rows.append(("Exported by", "cofund \(md(m.cofundVersion)) from manifest.json"))
        let table = rows.map { "| \($0.0) | \($0.1) |" }.joined(separator: "\n")
        return """
            # \(md(m.scenarioTitle))

            What each funder of scenario **\(md(m.scenarioID))** can expect to pay over \(horizon), and how bad a \
            bad year can be, from a cofund Monte Carlo run of \(NotebookText.grouped(m.paths)) simulated paths \
            (possible futures of applications, claim sizes and defaults).

            | Run | |
            |---|---|
            \(table)

            Run every cell from the top (**Run ▸ Run All Cells**). The tables and charts are computed from the \
            run’s CSV files when the cells run; only this cell was written when the notebook was exported. \
            Amounts are in \(unitLabel(m.unit)).
            """
    }

    static let runDirectoryIntro = """
        ## 1. The run directory

        `RUN_DIR` is the folder a cofund run wrote (`cofund run --out DIR`): it holds `summary.csv`, \
        `totals.csv`, `assumptions.csv` and `manifest.json`. A relative path is read from the folder this \
        notebook is in — Jupyter starts Python there. To look at another run, put its folder here and run \
        all cells again.
        """

    static let setupIntro = """
        ## 2. Libraries, and a font for Chinese names

        pandas reads the CSV files into tables; matplotlib draws the charts. Funders and programs have \
        Chinese names, which need a CJK font: the cell uses Noto Sans CJK SC when it is installed (or \
        another common Chinese font), and otherwise keeps matplotlib’s default, in which Chinese characters \
        show as empty boxes (install the font: `fonts-noto-cjk` on Debian and Ubuntu, or Noto Sans CJK SC \
        from Google Fonts). Tables show amounts with thousands separators and one decimal. Names reach the \
        charts through `plain()`, so that a `$` in a name is drawn as a dollar sign rather than starting \
        matplotlib’s mathematical notation, and tables show them without MathJax for the same reason.
        """

    static let setupCode = cell(PackageResources.setup_py)

    static let loadIntro = """
        ## 3. Load the run

        - `summary` (`summary.csv`): one row per program × funder × year, with the mean, the standard \
        deviation (`sd`), the Monte Carlo standard error of the mean (`se`), the percentiles `p05` … `p99`, \
        `cvar95` and `cvar99` and the largest path (`max`). `all` in the program or funder column is the sum \
        over programs or funders. `period` says which span a row covers: `year` (the calendar year is in `year`), \
        `total` (the sum over the horizon’s years) or `after` (the payments that fall after the last year: a payment lag or a loan term reaching past the horizon); these two leave `year` empty. \
        Every sum is taken path by path before the statistics, so a sum’s percentiles are those of the sum. \
        These are the `net` rows of `summary.csv`; its `gross` and `recovered` rows (what the funders of a \
        risk-compensation program pay when loans default, and what comes back to them later, negative) are in `flows`.
        - `totals` (`totals.csv`): each funder’s mean, p95 and CVaR95 over all programs, one column per year — \
        the table to paste into a budget spreadsheet.
        - `budgets` (`budgets.csv`): every appropriation and the risk of exceeding it (section 9).
        - `assumptions` (`assumptions.csv`): every program’s source clause and the assumptions the numbers rest on.
        - `manifest` (`manifest.json`): what produced the run (scenario, seed, paths, cofund version).

        The files start with UTF-8’s byte-order mark, which Excel needs to show Chinese names; they are read \
        with `encoding="utf-8-sig"`, which drops it (and reads files written with `--no-bom` the same way). Only empty cells count as missing. A name that a \
        spreadsheet would take for a formula (starting with `=`, `+`, `-` or `@`) is stored behind a `'` \
        in the CSV files; `read_csv` below removes it.
        """

    static func loadCode(_ m: Manifest) -> String {
        let colors = Funder.Level.allCases.map { "\"\($0.rawValue)\": \"\(FunderPalette.color($0))\"" }.joined(separator: ", ")
        return #"""
            run = Path(RUN_DIR)
            manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))

            # A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR)
            # is written behind a "'"; unguard gives back the text as the scenario wrote it.
            FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

            def unguard(cell):
                if isinstance(cell, str) and cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
                    return cell[1:]
                return cell

            def read_csv(name, **options):
                frame = pd.read_csv(run / name, encoding="utf-8-sig", keep_default_na=False, na_values=[""], **options)
                for column in frame.select_dtypes(exclude="number").columns:
                    frame[column] = frame[column].map(unguard)
                return frame

            text = {c: str for c in ["scenario", "program", "program_name", "kind", "source", "assumption",
                                     "funder", "funder_name", "level", "period", "flow", "statistic", "unit"]}
            # `year` holds numbers only: the horizon's total and the payments after it are told apart by
            # `period` ("year", "total", "after") and have no year.
            summary = read_csv("summary.csv", dtype=text | {"year": "Int64"})
            flows = summary[summary.flow != "net"]     # risk compensation's gross and recovered rows
            summary = summary[summary.flow == "net"]
            totals = read_csv("totals.csv", dtype=text)
            assumptions = read_csv("assumptions.csv", dtype=text).fillna("")

            unit = {"wan": "万元", "yuan": "元"}.get(manifest["unit"], manifest["unit"])
            years = [str(y) for y in range(manifest["first_year"], manifest["last_year"] + 1)]
            horizon = f"{years[0]}–{years[-1]}"
            funder_order = list(dict.fromkeys(totals.funder))        # the funders, "government", "all"
            names = dict(zip(summary.funder, summary.funder_name))    # funder id → name
            program_names = dict(zip(summary.program, summary.program_name))
            # One color per level of government, as in the run's report.html (Okabe–Ito palette).
            LEVEL_COLORS = {\#(colors)}
            levels = dict(zip(totals.funder, totals.level.fillna("")))
            colors = {f: LEVEL_COLORS.get(levels.get(f, ""), "#333333") for f in funder_order}

            print(f"{manifest['scenario_title']} ({manifest['scenario_id']}): {manifest['paths']:,} paths, "
                  f"seed {manifest['seed']}, {horizon}, amounts in {unit}")
            print(f"summary.csv: {len(summary):,} rows · totals.csv: {len(totals)} rows · assumptions.csv: {len(assumptions)} rows")
            if manifest["scenario_sha256"] != \#(NotebookText.python(m.scenarioSHA256)):
                print("Note: RUN_DIR holds a run of another scenario than the one this notebook was exported from; "
                      "the title cell describes that one, the tables and charts below describe this run.")

            """#
    }

    static let funderTotalsIntro = """
        ## 4. Each funder’s exposure over the horizon

        The rows with program `all` and year `total`: what each funder pays over all programs and all the \
        horizon’s years. How to read the columns:

        - **mean** — the expected cost: the amount to budget on average. Means add up across funders, programs and years.
        - **sd** — how much the cost varies from one simulated future to another.
        - **p05**, **p50**, **p95**, **p99** — percentiles: the cost stays below p95 in 95% of the simulated paths, \
        so p95 is the “1 year in 20” bad case, p99 the “1 in 100”. p50 is the median.
        - **cvar95**, **cvar99** — the average of the worst 5% (1%) of paths: how bad a bad case is on average.
        - **max** — the worst simulated path.

        The row `government` is the fiscal funders’ total (every funder but banks, unless the scenario says \
        otherwise with `fiscal:`), summed path by path; `all` adds the funders that are not fiscal.

        Percentiles and CVaR do not add up: the funders’ p95 summed exceed the p95 of *all funders*, because \
        funders’ bad years do not all happen on the same path.
        """

    static let funderTotalsCode = cell(PackageResources.funder_totals_py)

    static let byYearIntro = """
        ## 5. Expected cost by year

        The mean of each funder by year, summed over programs (program `all`). `total` is the sum of the \
        horizon’s years; `after` is paid after the last year (lags and loan terms) and is not in `total`. \
        The second table, from `totals.csv`, gives the bad year by year: each year’s p95 and CVaR95.
        """

    static let byYearCode = cell(PackageResources.by_year_py)

    static let fanChartsIntro = """
        ## 6. Fan charts: how uncertain each year is

        One chart per funder, all programs together. The shaded band runs from p05 to p95: 90% of the \
        simulated paths fall inside it. The solid line is the median (p50), the dashed line the mean. A wide \
        band means the year’s cost is hard to predict; a mean well above the median means a few very costly \
        paths (many defaults in a loan risk pool, a surge of claims) pull the average up.
        """

    static let fanChartsCode = cell(PackageResources.fan_charts_py)

    static let distributionIntro = """
        ## 7. The distribution of the fiscal total

        The fiscal total is what the fiscal funders together pay over the horizon (program `all`, funder \
        `government`, year `total`; the bank’s share is not a fiscal outlay and is left out). A run without \
        fiscal funders draws the grand total of all funders instead. The run directory keeps each \
        quantity’s summary statistics, not every path’s value, so both charts are drawn from the percentiles:

        - **left** — the percentiles (light blue: the total stays below each bar in that share of paths), \
        the mean (blue) and the CVaR95 and CVaR99 (vermilion: the average of the worst 5% and 1% of paths);
        - **right** — a histogram with unequal bins between the percentiles: 45% of the paths lie between p05 \
        and p50, 40% between p50 and p90, 5% between p90 and p95, 4% between p95 and p99 and 1% above p99 (up \
        to the worst path). Each bar’s area is its share of paths, so tall narrow bars are where the totals \
        crowd. The 5% of paths below p05 are not drawn (the run does not report the smallest path).

        The run’s `report.html` draws the exact histogram of every path.
        """

    static let distributionCode = cell(PackageResources.distribution_py)

    static let programsIntro = """
        ## 8. Which programs cost each funder most

        The expected cost over the horizon (year `total`) of each program, by funder, largest first. Means \
        add up, so each column sums to the funder’s mean in section 4. A zero means the funder does not pay \
        for that program.
        """

    static let programsCode = cell(PackageResources.programs_py)

    static let budgetsIntro = """
        ## 9. Budgets at risk

        `budgets` (`budgets.csv`) holds every appropriation: each budget line (one funder’s appropriation, \
        covering one or more programs) in each year, and over the horizon (`period` `total`, with no year). For each: the demand \
        on it before rationing (mean and p95), the chance that demand exceeds it (`p_over`, shown here in %; \
        for `total`, in at least one year), the expected excess E[max(demand − budget, 0)] and, under pro-rata \
        rationing, what is expected to stay unpaid. `basis` says whether a cited text sets the amount or the \
        scenario chose it (`illustrative`). The 20 rows most likely to be exceeded come first.
        """

    static let budgetsCode = cell(PackageResources.budgets_py)

    static let assumptionsIntro = """
        ## 10. Sources and assumptions

        Every program cites the clause of the policy document it models. The documents give rules (rates, \
        caps, shares), not volumes: how many firms apply, how large their claims are and how many loans \
        default are assumptions, listed here program by program. Check them before quoting a number.
        """

    static let assumptionsCode = cell(PackageResources.assumptions_py)

    static let further = """
        ## Going further

        `summary` holds every program, funder and year; a few ways in:

        ```python
        summary[(summary.funder == "city") & (summary.period == "total")]         # the city's cost by program
        summary[(summary.program == "all") & (summary.funder == "all") & (summary.year == 2027)]  # the grand total in 2027
        budgets[(budgets.period == "total") & (budgets.p_over > 0.05)]             # lines exceeded in some year, 1 path in 20 or more
        ```

        The standard error `se` says how precise a mean is: rerun with more paths (`cofund run --paths N`) or \
        a target (`cofund run --target-se 0.005`) when it matters. `cofund compare` and `cofund sweep` test a \
        change of policy on the same random numbers, and `cofund explain` works one claim through step by step.
        """
}
