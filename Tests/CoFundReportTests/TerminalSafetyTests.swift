import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// What the terminal tables print from hostile or huge names: cut to their column ("…" within
/// `TerminalText.nameWidth` display columns, CJK counted double), with every control character
/// written as `\u{…}`, and aligned. The work is bounded by counting what is read, never by a clock.
final class TerminalSafetyTests: XCTestCase {
    static let osc52 = "\u{1B}]52;c;SGVsbG8=\u{07}"
    static let hostile = osc52 + "\u{1B}[8mhidden\u{1B}[0m \u{202E}txt.exe\u{202C} \u{9B}31m\u{7F}\u{2066}x\u{2069}"

    /// The report test's scenario with the province and a program renamed.
    static func scenario(province: String, program: String = "量子项目配套", title: String? = nil) throws -> Scenario {
        var s = try ReportTest.scenario()
        s.funders[s.funders.firstIndex { $0.id == "province" }!].name = province
        s.programs[s.programs.firstIndex { $0.id == "quantum" }!].name = program
        if let title { s.title = title }
        return s
    }

    // MARK: - Long names

    /// A reader that counts the scalars `TerminalText.fit` takes from a name.
    final class Counted: Sequence {
        let base: String.UnicodeScalarView
        var read = 0
        init(_ s: String) { base = s.unicodeScalars }
        func makeIterator() -> AnyIterator<Unicode.Scalar> {
            var inner = base.makeIterator()
            return AnyIterator {
                let next = inner.next()
                if next != nil { self.read += 1 }
                return next
            }
        }
    }

    func testCuttingA30000CharacterNameReadsOnlyAsMuchAsItsColumnHolds() {
        for (name, kept) in [
            (String(repeating: "a", count: 30_000), String(repeating: "a", count: 39)),
            (String(repeating: "山东", count: 15_000), String(repeating: "山东", count: 9) + "山"),
        ] {
            let counted = Counted(name)
            let fitted = TerminalText.fit(counted, width: 40)
            XCTAssertEqual(fitted.text, kept + "…")
            XCTAssertEqual(fitted.width, DisplayWidth.of(fitted.text))
            XCTAssertLessThanOrEqual(fitted.width, 40)
            XCTAssertLessThanOrEqual(counted.read, 41, "read past the column: \(counted.read) scalars of \(name.unicodeScalars.count)")
        }
    }

    func testA30000CharacterNamePrintsCutToFortyColumnsInEveryTable() async throws {
        for long in [String(repeating: "a", count: 30_000), String(repeating: "山东", count: 15_000)] {
            let r = try await ReportTest.run(try Self.scenario(province: long, program: long), paths: 100)
            let exposure = ExposureTable.render(r)
            let catalogue = ProgramCatalogue.render(r.scenario)
            for (table, text) in [("exposure", exposure), ("programs", catalogue)] {
                let widest = text.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
                XCTAssertLessThan(widest, 400, "\(table): a line \(widest) columns wide")
            }
            let cut = TerminalText.fit(long.unicodeScalars, width: TerminalText.nameWidth).text
            XCTAssertTrue(exposure.contains("\(cut) province"), "the name cut to 40 columns, its id whole")
            XCTAssertTrue(catalogue.contains(TerminalText.fit(long.unicodeScalars, width: 36).text))
            // --wide prints the name whole and pads the other rows to it: each line holds at most the
            // name's width and the other columns.
            let wide = ProgramCatalogue.render(r.scenario, wide: true)
            XCTAssertTrue(wide.contains(long))
            let lines = wide.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertLessThan(wide.unicodeScalars.count, lines.count * (DisplayWidth.of(long) + 400))
        }
    }

    // MARK: - Control characters

    func testControlCharactersAreEscapedAndNoESCByteIsPrinted() async throws {
        let base = try await ReportTest.run(
            try Self.scenario(province: Self.hostile, program: "tab\there\nnewline " + Self.hostile, title: "标题\u{1B}[2J"), paths: 100)
        var reformed = base.scenario
        reformed.programs[0].name = "\u{1B}]8;;http://x\u{07}link"
        let reform = try await ReportTest.run(reformed, paths: 100)
        let swings = try await SensitivityAnalysis.run(SimulationPlan(base.scenario), options: SimulationOptions(paths: 100, seed: 1, threads: 2))
        let stress = try await StressTest.run(base, id: "province", tail: 0.05)
        let outputs = [
            "exposure": ExposureTable.render(base),
            "programs": ProgramCatalogue.render(base.scenario),
            "programs --wide": ProgramCatalogue.render(base.scenario, wide: true),
            "compare": ComparisonTable.render(
                try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths)),
                changes: ["programs.rd.name: \u{1B}[31mred"]),
            "sensitivity": SensitivityTable.render(swings, scenario: base.scenario, paths: 100),
            "stress": StressTable.render(stress, plan: base.plan),
            "sweep": SweepTable.render(parameters: ["programs.rd.name"], points: [.init(values: ["\u{1B}[5m"], result: base)]),
        ]
        for (name, text) in outputs {
            XCTAssertFalse(text.utf8.contains(0x1B), "\(name) prints an ESC byte")
            let raw = text.unicodeScalars.filter { TerminalText.isControl($0) && $0 != "\n" }
            XCTAssertTrue(raw.isEmpty, "\(name) prints \(raw.map { String($0.value, radix: 16) })")
        }
        XCTAssertTrue(outputs["exposure"]!.contains(#"\u{1B}]52;c;SGVsbG8=\u{7}\u{1B}[8mhidde…"#), outputs["exposure"]!)
        XCTAssertTrue(outputs["exposure"]!.contains(#"标题\u{1B}[2J"#))
        XCTAssertTrue(outputs["programs --wide"]!.contains(#"\u{202E}txt.exe\u{202C} \u{9B}31m\u{7F}\u{2066}x\u{2069}"#))
        XCTAssertTrue(outputs["programs --wide"]!.contains(#"tab\u{9}here\u{A}newline"#))
        XCTAssertTrue(outputs["compare"]!.contains(#"programs.rd.name: \u{1B}[31mred"#))
        XCTAssertTrue(outputs["sweep"]!.contains(#"\u{1B}[5m"#))
        XCTAssertTrue(outputs["stress"]!.contains(#"The bad years of \u{1B}]52;c;SGVsbG8=\u{7}\u{1B}[8mhidde… (province)"#), outputs["stress"]!)
    }

    func testAnEscapeIsKeptOrCutWhole() {
        // "ab\u{1B}cd" is 10 columns wide once escaped.
        XCTAssertEqual(TerminalText.fit("ab\u{1B}cd".unicodeScalars, width: 10), .init(text: "ab\\u{1B}cd", width: 10))
        XCTAssertEqual(TerminalText.fit("ab\u{1B}cd".unicodeScalars, width: 9), .init(text: "ab\\u{1B}…", width: 9))
        XCTAssertEqual(TerminalText.fit("ab\u{1B}cd".unicodeScalars, width: 8), .init(text: "ab…", width: 3))
        XCTAssertEqual(TerminalText.fit("abcde".unicodeScalars, width: 5), .init(text: "abcde", width: 5))
        XCTAssertEqual(TerminalText.fit("山东省财政局".unicodeScalars, width: 5), .init(text: "山东…", width: 5))
        XCTAssertEqual(TerminalText.escaped("a\nb\u{1B}", keepingLineBreaks: true), "a\nb\\u{1B}")
        XCTAssertEqual(TerminalText.escaped("a\nb"), "a\\u{A}b")
    }

    // MARK: - Alignment

    /// Each row's label (`mean`, `± se`, `p95`) starts at the same display column whatever the
    /// width of the names before it: Chinese (two columns a character), ASCII, escaped and cut.
    func testCJKAndASCIINamesAlignInDisplayColumns() async throws {
        for province in ["Shandong Province Finance", "山东省财政", String(repeating: "山", count: 100), Self.hostile] {
            let r = try await ReportTest.run(try Self.scenario(province: province), paths: 100)
            let lines = ExposureTable.render(r).split(separator: "\n").map(String.init)
            var columns = Set<Int>()
            for line in lines {
                for label in ["  mean  ", "  ± se  ", "  p95  "] {
                    if let range = line.range(of: label) {
                        columns.insert(DisplayWidth.of(String(line[..<range.lowerBound])))
                    }
                }
            }
            XCTAssertEqual(columns.count, 1, "labels start at columns \(columns.sorted()) for \(province.prefix(20))")
            let header = try XCTUnwrap(lines.first { $0.hasPrefix("funder") })
            let rule = try XCTUnwrap(lines.first { $0.hasPrefix("─") })
            XCTAssertEqual(DisplayWidth.of(header), DisplayWidth.of(rule), "the header is as wide as its rule")
        }
    }
}
