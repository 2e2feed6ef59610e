import CoFundModel

extension SeriesLayout {
    /// Where the gross and recovered series are: after every net series, first each recovering
    /// program's funders (funder f of the program, flow k = 0 gross, 1 recovered, slot y at
    /// `programBase[p] + (2f + k)·slots + y`), then the totals over all programs of each funder of a
    /// recovering program (at `funderBase + (2i + k)·slots + y`).
    ///
    /// A funder's gross total is its net total minus its recovered total, path by path: what it
    /// pays before recoveries, in every program.
    struct FlowRows: Sendable {
        let programBase: [Int?]
        let funderBase: Int
        /// The funders with flow totals, and each one's index in the layout's funders.
        let funders: [String]
        let layoutFunder: [Int]
        let programFunders: [[String]]
        /// Index in `funders` of each program funder (0 for programs without recoveries).
        let totalIndex: [[Int]]
        let slots: Int

        init(start: Int, funders all: [String], programFunders: [[String]], recovering: [Bool], slots: Int, into series: inout [Series]) {
            func yearSlot(_ y: Int) -> YearSlot { y < slots - 2 ? .year(y) : (y == slots - 2 ? .after : .total) }
            var bases: [Int?] = []
            var withFlows: Set<String> = []
            for (p, fs) in programFunders.enumerated() {
                guard p < recovering.count, recovering[p] else {
                    bases.append(nil)
                    continue
                }
                bases.append(series.count)
                for f in fs {
                    withFlows.insert(f)
                    for flow in [Flow.gross, .recovered] {
                        for y in 0..<slots { series.append(Series(program: p, funder: f, year: yearSlot(y), flow: flow)) }
                    }
                }
            }
            funderBase = series.count
            funders = all.filter { withFlows.contains($0) }
            for f in funders {
                for flow in [Flow.gross, .recovered] {
                    for y in 0..<slots { series.append(Series(program: nil, funder: f, year: yearSlot(y), flow: flow)) }
                }
            }
            layoutFunder = funders.map { all.firstIndex(of: $0) ?? 0 }
            let withTotals = funders
            totalIndex = programFunders.map { fs in fs.map { withTotals.firstIndex(of: $0) ?? 0 } }
            programBase = bases
            self.programFunders = programFunders
            self.slots = slots
        }

        static func count(programFunders: [[String]], recovering: [Bool], slots: Int) -> Int {
            var funders: Set<String> = []
            var n = 0
            for (p, fs) in programFunders.enumerated() where p < recovering.count && recovering[p] {
                n += 2 * fs.count * slots
                funders.formUnion(fs)
            }
            return n + 2 * funders.count * slots
        }

        func index(program: Int?, funder: String, year: YearSlot, flow: Flow, years: Int) -> Int? {
            let y: Int
            switch year {
            case let .year(i): y = i
            case .after: y = years
            case .total: y = years + 1
            }
            let k = flow == .gross ? 0 : 1
            if let p = program {
                guard let base = programBase[p], let f = programFunders[p].firstIndex(of: funder) else { return nil }
                return base + (2 * f + k) * slots + y
            }
            guard let i = funders.firstIndex(of: funder) else { return nil }
            return funderBase + (2 * i + k) * slots + y
        }
    }

    /// Adds one path's gross and recovered amounts of program p (which has recoveries), program
    /// funder f, event year t (0..<span) into the path's series values.
    @inline(__always)
    func accumulateFlows(_ x: FunderFlows, program p: Int, funder f: Int, eventYear t: Int, into values: UnsafeMutablePointer<Double>) {
        guard let base = flowRows.programBase[p] else { return }
        let y = min(t, years)
        let gross = base + 2 * f * slots
        let recovered = gross + slots
        let total = flowRows.funderBase + 2 * flowRows.totalIndex[p][f] * slots + slots
        values[gross + y] += x.gross
        values[recovered + y] += x.recovered
        values[total + y] += x.recovered
        if t < years {
            values[gross + years + 1] += x.gross
            values[recovered + years + 1] += x.recovered
            values[total + years + 1] += x.recovered
        }
    }

    /// Completes one path's flow totals once every program is accumulated: each funder's gross
    /// total is its net total minus its recovered total.
    func completeFlows(_ values: UnsafeMutablePointer<Double>) {
        for (i, lf) in flowRows.layoutFunder.enumerated() {
            let gross = flowRows.funderBase + 2 * i * slots
            let net = funderBase + lf * slots
            for y in 0..<slots { values[gross + y] = values[net + y] - values[gross + slots + y] }
        }
    }
}

extension Program {
    /// Whether part of what this program pays comes back later (a risk-compensation program's
    /// recoveries), so that its funders are reported gross, recovered and net.
    public var hasRecoveries: Bool {
        if case .riskCompensation = rule { return true }
        return false
    }
}
