import CoFundModel

/// The reported quantities: every (program, funder, year) cell and every sum of them.
///
/// Programs and funders each have an "all" member, and years are the horizon's years, `after`
/// (payments falling after the last year) and `total` (the horizon's sum, without `after`). The
/// funder `government` (`Funder.governmentID`) is the sum of the fiscal funders, for each program
/// in which one pays and for all programs; its rows follow all the others. Every sum is taken path
/// by path, so correlation between programs and years is kept.
public struct SeriesLayout: Sendable {
    /// One reported quantity.
    public struct Series: Sendable, Hashable {
        /// nil means all programs.
        public var program: Int?
        /// nil means all funders; `Funder.governmentID` the fiscal funders.
        public var funder: String?
        public var year: YearSlot
        public var flow: Flow = .net
    }

    /// Which side of a payment a series counts. Every series is `net`; a funder of a program with
    /// recoveries (risk compensation) also has `gross` (paid before recoveries) and `recovered`
    /// (what came back, as a negative payment) series, with net = gross + recovered.
    public enum Flow: String, Sendable, Hashable, CaseIterable {
        case net, gross, recovered
    }

    public enum YearSlot: Sendable, Hashable {
        case year(Int)
        case after
        case total
    }

    public let series: [Series]
    public let years: Int
    /// Year slots per series group: Y years, after, total.
    public var slots: Int { years + 2 }
    /// Funders that pay in some program, in the scenario's order.
    public let funders: [String]
    /// Start of each program's block: funder f of program p, slot y is at
    /// `programBase[p] + f·slots + y`; the program's "all" row follows its funders.
    let programBase: [Int]
    let programFunderCount: [Int]
    /// Start of the funder totals: funder i at `funderBase + i·slots + y`; "all" after them.
    let funderBase: Int
    /// Scenario funder index of each program funder.
    let funderIndex: [[Int]]
    /// The government rows: program p's at `programGovernment[p]` (nil when no fiscal funder
    /// pays in it), all programs' at `governmentAll` (nil when none pays anywhere).
    let programGovernment: [Int?]
    let governmentAll: Int?
    /// Of each program funder, the start of its program's government rows, or -1 when the
    /// funder is not fiscal.
    let governmentRow: [[Int]]
    /// The gross and recovered series, after every net series.
    let flowRows: FlowRows

    /// `recovering[p]`: program p's payments have recoveries, so its funders get gross and
    /// recovered series.
    init(scenario: Scenario, programFunders: [[String]], recovering: [Bool] = []) {
        let yearCount = scenario.years.count
        years = yearCount
        let slots = yearCount + 2
        let funderIDs = scenario.funders.map(\.id).filter { f in programFunders.contains { $0.contains(f) } }
        funders = funderIDs
        var series: [Series] = []
        var bases: [Int] = []
        func yearSlot(_ y: Int) -> YearSlot { y < yearCount ? .year(y) : (y == yearCount ? .after : .total) }
        for (p, fs) in programFunders.enumerated() {
            bases.append(series.count)
            for f in fs + [nil] as [String?] {
                for y in 0..<slots { series.append(Series(program: p, funder: f, year: yearSlot(y))) }
            }
        }
        funderBase = series.count
        for f in funderIDs + [nil] as [String?] {
            for y in 0..<slots { series.append(Series(program: nil, funder: f, year: yearSlot(y))) }
        }
        let fiscal = Self.fiscalFunders(scenario)
        var government: [Int?] = []
        for (p, fs) in programFunders.enumerated() {
            guard fs.contains(where: fiscal.contains) else {
                government.append(nil)
                continue
            }
            government.append(series.count)
            for y in 0..<slots { series.append(Series(program: p, funder: Funder.governmentID, year: yearSlot(y))) }
        }
        if government.contains(where: { $0 != nil }) {
            governmentAll = series.count
            for y in 0..<slots { series.append(Series(program: nil, funder: Funder.governmentID, year: yearSlot(y))) }
        } else {
            governmentAll = nil
        }
        programGovernment = government
        governmentRow = programFunders.enumerated().map { p, fs in fs.map { fiscal.contains($0) ? government[p] ?? -1 : -1 } }
        flowRows = FlowRows(
            start: series.count, funders: funderIDs, programFunders: programFunders, recovering: recovering, slots: slots, into: &series)
        self.series = series
        programBase = bases
        programFunderCount = programFunders.map(\.count)
        funderIndex = programFunders.map { fs in fs.map { f in funderIDs.firstIndex(of: f) ?? 0 } }
    }

    /// Whether the layout has government rows: some fiscal funder pays in some program.
    public var hasGovernment: Bool { governmentAll != nil }

    /// The ids of the scenario's fiscal funders.
    static func fiscalFunders(_ scenario: Scenario) -> Set<String> {
        Set(scenario.funders.filter(\.fiscal).map(\.id))
    }

    /// The number of series the layout of `scenario` has, computed without building it.
    public static func count(scenario: Scenario, programFunders: [[String]], recovering: [Bool] = []) -> Int {
        let slots = scenario.years.count + 2
        let paying = Set(programFunders.joined())
        let funders = scenario.funders.filter { paying.contains($0.id) }.count
        let fiscal = fiscalFunders(scenario)
        let governed = programFunders.filter { $0.contains(where: fiscal.contains) }.count
        let government = governed == 0 ? 0 : (governed + 1) * slots
        return programFunders.reduce(0) { $0 + ($1.count + 1) * slots } + (funders + 1) * slots + government
            + FlowRows.count(programFunders: programFunders, recovering: recovering, slots: slots)
    }

    /// The index of a series, or nil when it is not reported (a funder that pays nothing in a program).
    public func index(program: Int?, funder: String?, year: YearSlot, flow: Flow = .net) -> Int? {
        if flow != .net {
            guard let funder else { return nil }
            return flowRows.index(program: program, funder: funder, year: year, flow: flow, years: years)
        }
        let y: Int
        switch year {
        case let .year(i): y = i
        case .after: y = years
        case .total: y = years + 1
        }
        if funder == Funder.governmentID {
            return (program.map { programGovernment[$0] } ?? governmentAll).map { $0 + y }
        }
        if let p = program {
            let fs = programFunderCount[p]
            let fi: Int
            if let funder {
                guard let i = funderIndex[p].firstIndex(where: { funders[$0] == funder }) else { return nil }
                fi = i
            } else {
                fi = fs
            }
            return programBase[p] + fi * slots + y
        }
        let fi: Int
        if let funder {
            guard let i = funders.firstIndex(of: funder) else { return nil }
            fi = i
        } else {
            fi = funders.count
        }
        return funderBase + fi * slots + y
    }

    /// Adds one path's amount of program p, program funder f, year t from the first year (t ≥ 0:
    /// the simulator drops payments before the horizon) into the path's series values, and into
    /// the government rows when the funder is fiscal.
    @inline(__always)
    func accumulate(_ v: Double, program p: Int, funder f: Int, eventYear t: Int, into values: UnsafeMutablePointer<Double>) {
        let slots = years + 2
        let y = min(t, years)
        let pb = programBase[p]
        let allRow = pb + programFunderCount[p] * slots
        let fb = funderBase + funderIndex[p][f] * slots
        let gb = funderBase + funders.count * slots
        values[pb + f * slots + y] += v
        values[allRow + y] += v
        values[fb + y] += v
        values[gb + y] += v
        if t < years {
            let tot = years + 1
            values[pb + f * slots + tot] += v
            values[allRow + tot] += v
            values[fb + tot] += v
            values[gb + tot] += v
        }
        let gov = governmentRow[p][f]
        if gov >= 0, let all = governmentAll {
            values[gov + y] += v
            values[all + y] += v
            if t < years {
                values[gov + years + 1] += v
                values[all + years + 1] += v
            }
        }
    }
}
