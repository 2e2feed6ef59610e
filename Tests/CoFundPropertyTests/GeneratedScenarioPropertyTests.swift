import CoFundEngine
import CoFundModel
import Foundation
import PropertyBased
import Testing

/// Properties of generated scenario files: valid-shaped YAML with 1–4 funders and 1–5 programs of
/// every kind and every distribution, numbers drawn from sensible and hostile ranges.
///
/// The generator is built from PropertyBased's generators (`Gen.int`, `Gen.double`, `Gen.bool`,
/// `Gen.element`) and run `caseCount` times from one fixed Xoshiro seed, so every run of the test
/// sees the same files. (`propertyCheck` seeds itself at random, and its `.fixedSeed` trait runs a
/// single case and always records an issue, so the cases are drawn here instead.)
///
/// No property measures time: "decoding terminates" holds when the test returns, and the generator
/// keeps files small (at most 5 programs, counts of at most a few dozen a year) so that a valid file
/// runs 50 paths quickly.
///
/// To reproduce a case with the command-line tool, set `COFUND_PROPERTY_DUMP=DIR`: each generated
/// file is written to `DIR/case-NNN.yaml` before it is decoded.
@Suite("Generated scenario files")
struct GeneratedScenarioPropertyTests {
    static let caseCount = 300
    static let paths = 50
    static let seed: (UInt64, UInt64, UInt64, UInt64) = (0x5EED_C0FD, 0x2025_1122, 0xF022_5CE7, 0xA11C_E5ED)

    /// The generated files, in order; the same on every run.
    static func cases() -> [GeneratedScenario] {
        var rng = Xoshiro(seed: seed)
        let generator = ScenarioGenerator.generator(enabled: HostileFamily.enabled)
        let files = (0..<caseCount).map { _ in generator.run(using: &rng) }
        if let dir = ProcessInfo.processInfo.environment["COFUND_PROPERTY_DUMP"], !dir.isEmpty {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (i, f) in files.enumerated() {
                try? ("# case \(i) \(f.familyList)\n" + f.text).write(
                    toFile: "\(dir)/case-\(String(format: "%03d", i)).yaml", atomically: true, encoding: .utf8)
            }
        }
        return files
    }

    @Test("decoding every generated file returns a scenario or a non-empty list of located issues")
    func decodingEveryGeneratedFileEndsInAScenarioOrLocatedIssues() {
        for (i, c) in Self.cases().enumerated() {
            do {
                _ = try ScenarioDecoder.decode(c.text, file: "case-\(i).yaml")
            } catch {
                #expect(!error.issues.isEmpty, "case \(i) \(c.familyList): refused with no issue\n\(c.text)")
                for issue in error.issues {
                    #expect(issue.line >= 1, "case \(i) \(c.familyList): an issue without a line: \(issue)\n\(c.text)")
                }
            }
        }
    }

    @Test("a valid generated file expects at most the validator's limit of claims or loans in every year, and runs 50 paths with every mean finite")
    func everyValidGeneratedFileRunsFiftyPathsWithFiniteMeans() async {
        var valid = 0
        for (i, c) in Self.cases().enumerated() {
            guard let scenario = try? ScenarioDecoder.decode(c.text, file: "case-\(i).yaml") else { continue }
            valid += 1
            // Validation promises at most `maxClaimsPerYear` expected claims or loans per program and
            // year; a file past it would not finish 50 paths, so it is reported and not run.
            let peaks = Self.yearlyPeaks(scenario)
            let over = peaks.filter { $0.peak > ScenarioValidator.maxClaimsPerYear }
            guard over.isEmpty else {
                Issue.record(
                    "case \(i) \(c.familyList): valid, yet expects \(over.map { "\(Int($0.peak)) a year in \($0.program)" }.joined(separator: ", ")), more than \(Int(ScenarioValidator.maxClaimsPerYear))\n\(c.text)"
                )
                continue
            }

            let plan = SimulationPlan(scenario)
            let result: SimulationResult
            do {
                result = try await Simulation.run(plan, options: SimulationOptions(paths: Self.paths, seed: 20251122, threads: 1))
            } catch {
                Issue.record("case \(i) \(c.familyList): a valid file stopped on a value it could not compute: \(error)\n\(c.text)")
                continue
            }
            #expect(result.paths == Self.paths, "case \(i) \(c.familyList): ran \(result.paths) paths\n\(c.text)")
            let bad = zip(plan.layout.series, result.statistics).filter { !$0.1.mean.isFinite }
            if let (series, statistics) = bad.first {
                Issue.record(
                    "case \(i) \(c.familyList): \(bad.count) of \(result.statistics.count) reported means are not finite, first \(Self.describe(series, scenario)) = \(statistics.mean)\n\(c.text)"
                )
            }
        }
        // The generator must keep producing valid files, or the second property tests nothing.
        #expect(valid >= Self.caseCount / 5, "only \(valid) of \(Self.caseCount) generated files are valid")
    }

    /// Each counted program's largest expected yearly count over the years it takes claims.
    static func yearlyPeaks(_ s: Scenario) -> [(program: String, peak: Double)] {
        s.programs.compactMap { p in
            let count: CountDistribution? =
                switch p.rule {
                case let .rate(r): r.claims.count
                case let .award(a): a.claims.count
                case let .riskCompensation(r): r.loans.count
                case let .interestSubsidy(r): r.loans.count
                case .matching: nil
                }
            guard let count else { return nil }
            let anchor = s.growthAnchor(of: p)
            return (p.id, (s.claimYears(of: p).map(Array.init) ?? []).map { count.mean(inProgramYear: $0 - anchor) }.max() ?? 0)
        }
    }

    static func describe(_ series: SeriesLayout.Series, _ s: Scenario) -> String {
        let year: String =
            switch series.year {
            case let .year(y): "\(s.years.lowerBound + y)"
            case .after: "after"
            case .total: "total"
            }
        return "\(series.program.map { s.programs[$0].id } ?? "all programs") / \(series.funder ?? "all funders") / \(year)"
    }
}

// MARK: - Hostile families

/// The kinds of hostile input the generator mixes into otherwise sensible files.
enum HostileFamily: String, CaseIterable, Sendable, Comparable {
    // Numbers outside most fields' allowed ranges: validation must refuse them there.
    /// -1, -0.5, -1e6 (allowed only in a uniform's or triangular's bounds and in a growth).
    case negative
    /// `.nan`, `.inf`, `-.inf`.
    case nonFinite
    /// 1e300 and 1e15 (past the 1e12 limit), and 1e12 and 9.9e11 (just inside it).
    case huge
    // Numbers inside the allowed range that the engine must survive.
    /// 0 in any field.
    case zero
    /// 1e-300, 5e-324 (the smallest subnormal) and 1e-12.
    case tiny
    /// Distributions at the edge of their parameter space: lognormal median 1e-300 with p90 1 or
    /// 1e12; gamma sd 1e-300, gamma mean 1e-300 with sd 1e12; beta mean 0.999999999 sd 1e-5;
    /// triangular on [0, 1e-300]; uniform on [0, 5e-324]; negative binomial dispersion 1e-300.
    case degenerateShape
    /// Beta distributions with a tiny sd or mean: sd 0.0003, 1e-9 or 1e-300 around 0.5, mean 1e-300.
    case narrowBeta
    /// A count that starts huge and falls fast: mean 5e8 with growth −0.99 over 3 or more years
    /// (only the last year is within the validator's yearly limit).
    case decliningVolume
    // Structure.
    /// Cost shares, tier probabilities, segment weights and installments that do not add up to 1;
    /// loss shares adding up to more than 1.
    case badSums
    /// Shares, budgets, loss shares, residuals and `of` naming undeclared funders.
    case unknownFunder
    /// Funder and program ids `all`, `total`, `after` and `government`, and duplicated ids.
    case reservedID
    /// `matches` naming a missing program, the program itself, a risk program, or a cycle of two.
    case brokenMatch
    /// A horizon of 50 years (the most allowed) or 10⁶ years, years out of order, program years
    /// outside the horizon.
    case longHorizon

    static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// Every family is generated: the beta and gamma quantiles are bounded (`Inversion`) and
    /// validation refuses the shapes they cannot handle.
    static var enabled: Set<HostileFamily> { Set(allCases) }
}

/// One generated file and the hostile families it uses.
struct GeneratedScenario: Sendable, CustomTestStringConvertible {
    var text: String
    var families: Set<HostileFamily>
    var familyList: String { "[\(families.sorted().map(\.rawValue).joined(separator: ", "))]" }
    var testDescription: String { "\(familyList)\n\(text)" }
}

// MARK: - YAML tree

/// A YAML value, written in block style where it nests and in flow style at the leaves.
indirect enum YAMLTree: Sendable {
    case scalar(String)
    case map([(String, YAMLTree)])
    case list([YAMLTree])

    var isFlowable: Bool {
        switch self {
        case .scalar: true
        case let .map(entries): entries.allSatisfy { if case .scalar = $0.1 { true } else { false } }
        case let .list(items): items.allSatisfy { if case .scalar = $0 { true } else { $0.isFlowable } }
        }
    }

    var flow: String {
        switch self {
        case let .scalar(s): s
        case let .map(entries): "{" + entries.map { "\($0.0): \($0.1.flow)" }.joined(separator: ", ") + "}"
        case let .list(items): "[" + items.map(\.flow).joined(separator: ", ") + "]"
        }
    }

    /// Block lines at `indent` spaces.
    func block(_ indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case let .scalar(s): return [pad + s]
        case let .map(entries):
            return entries.flatMap { key, value -> [String] in
                value.isFlowable ? ["\(pad)\(key): \(value.flow)"] : ["\(pad)\(key):"] + value.block(indent + 2)
            }
        case let .list(items):
            return items.flatMap { item -> [String] in
                if item.isFlowable { return ["\(pad)- \(item.flow)"] }
                var lines = item.block(indent + 2)
                lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
                return lines
            }
        }
    }
}

// MARK: - Generator

/// Draws scenario trees. Each draw decides how hostile the file is (a fifth are clean), then draws
/// the header, funders and programs, mixing hostile values in only from the enabled families.
struct ScenarioGenerator {
    static func generator(enabled: Set<HostileFamily>) -> Generator<GeneratedScenario, Shrink.None<GeneratedScenario>> {
        Generator { rng in
            var g = Draw(rng: rng, enabled: enabled)
            let file = g.scenario()
            rng = g.rng
            return file
        }
    }
}

/// The state of one draw: the random source, the enabled families, the rates of hostility chosen
/// for this file and the families used so far.
private struct Draw {
    var rng: any SeededRandomNumberGenerator
    let enabled: Set<HostileFamily>
    var numberHostility = 0.0
    var structureHostility = 0.0
    var used: Set<HostileFamily> = []
    var years = 1
    /// Whether the next count is the huge declining one (`decliningVolume`).
    var decliningPending = false

    init(rng: any SeededRandomNumberGenerator, enabled: Set<HostileFamily>) {
        self.rng = rng
        self.enabled = enabled
    }

    // Leaves drawn with PropertyBased's generators.
    mutating func int(_ r: ClosedRange<Int>) -> Int { Gen.int(in: r).run(using: &rng) }
    mutating func double(_ r: ClosedRange<Double>) -> Double { Gen.double(in: r).run(using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Gen.bool(Float(p)).run(using: &rng) }
    mutating func pick<T: Sendable>(_ xs: [T]) -> T { Gen<T?>.element(of: xs).run(using: &rng)! }

    /// Whether to use the structural `family` here: when enabled, at the file's rate.
    mutating func hostile(_ family: HostileFamily) -> Bool {
        guard enabled.contains(family), chance(structureHostility) else { return false }
        used.insert(family)
        return true
    }

    /// A number literal with up to 4 significant digits.
    func literal(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
        return String(format: "%.4g", v)
    }

    /// A sensible number from `range`, or a hostile one.
    mutating func number(_ range: ClosedRange<Double>, whole: Bool = false) -> YAMLTree {
        let families: [(HostileFamily, [String])] = [
            (.zero, ["0"]), (.negative, ["-1", "-0.5", "-1e6"]), (.tiny, ["1e-300", "5e-324", "1e-12"]),
            (.huge, ["1e300", "1e15", "1e12", "9.9e11"]), (.nonFinite, [".nan", ".inf", "-.inf"]),
        ].filter { enabled.contains($0.0) }
        if !families.isEmpty, chance(numberHostility) {
            let (family, values) = pick(families)
            used.insert(family)
            return .scalar(pick(values))
        }
        let v = double(range)
        return .scalar(literal(whole ? v.rounded() : v))
    }

    // MARK: Scenario

    mutating func scenario() -> GeneratedScenario {
        // A fifth of the files are clean; the rest mix hostile values in at different rates.
        if chance(0.8) {
            numberHostility = pick([0.02, 0.05, 0.1])
            structureHostility = pick([0.03, 0.06, 0.12])
        }
        years = int(1...4)
        if hostile(.decliningVolume) {
            years = max(years, 3)
            decliningPending = true
        }
        var yearsTree: YAMLTree = .list([.scalar("2025"), .scalar("\(2025 + years - 1)")])
        if hostile(.longHorizon) {
            switch int(0...2) {
            case 0: years = 50; yearsTree = .list([.scalar("2025"), .scalar("2074")])
            case 1: yearsTree = .list([.scalar("2025"), .scalar("1002024")])
            default: yearsTree = .list([.scalar("\(2025 + years - 1)"), .scalar("2025")])
            }
        }
        let programCount = int(1...5)
        // A matching program matches an earlier program that is neither a risk program nor paid in
        // installments (unless `brokenMatch` says otherwise); without one, it becomes a rate program.
        var kinds: [String] = []
        var parents: [Int?] = []
        for i in 0..<programCount {
            var kind = pick(["rate", "award", "matching", "risk_compensation", "interest_subsidy"])
            let candidates = (0..<i).filter { kinds[$0] != "risk_compensation" }
            var parent: Int?
            if kind == "matching" {
                if candidates.isEmpty { kind = "rate" } else { parent = pick(candidates) }
            }
            kinds.append(kind)
            parents.append(parent)
        }
        let matching = kinds.indices.filter { kinds[$0] == "matching" }
        if matching.count >= 2, hostile(.brokenMatch) {
            (parents[matching[0]], parents[matching[1]]) = (matching[1], matching[0])
        }
        // Funders: 1 to 4, at least 2 when a risk program needs a residual besides its payers.
        let least = kinds.contains("risk_compensation") ? 2 : 1
        var funderIDs = Array(["province", "city", "district", "zone", "bank"].shuffled(using: &rng).prefix(int(least...4)))
        if hostile(.reservedID) { funderIDs[int(0...(funderIDs.count - 1))] = pick(["all", "total", "after", "government", funderIDs[0]]) }
        let funders: [YAMLTree] = funderIDs.map { id in
            .map([
                ("id", .scalar(id)), ("name", .scalar("\"\(id) 财政\"")),
                ("level", .scalar(pick(["province", "city", "district", "zone", "bank", "other"]))),
            ])
        }
        var ids = (0..<programCount).map { "p\($0)" }
        if hostile(.reservedID) { ids[int(0...(programCount - 1))] = pick(["all", "total", "after", ids[0]]) }
        var programs: [YAMLTree] = []
        for i in 0..<programCount {
            programs.append(program(i, ids: ids, kinds: kinds, parents: parents, funders: funderIDs))
        }
        let root: YAMLTree = .map(
            [
                (
                    "scenario",
                    .map([
                        ("id", .scalar("generated")), ("title", .scalar("\"generated scenario\"")), ("unit", .scalar(pick(["wan", "yuan"]))),
                        ("years", yearsTree), ("seed", .scalar("1")), ("paths", .scalar("100")),
                    ])
                ),
                ("funders", .list(funders)),
                ("programs", .list(programs)),
            ] + budgetLines(ids: ids, funders: funderIDs))
        return GeneratedScenario(text: root.block(0).joined(separator: "\n") + "\n", families: used)
    }

    /// `budget_lines:` in two files of five: one or two lines over one or two programs, with a
    /// yearly amount or amounts by year, either rationing; the validator refuses the lines that
    /// cover a funder paying nothing there, a match beside its parent or a program twice.
    mutating func budgetLines(ids: [String], funders: [String]) -> [(String, YAMLTree)] {
        guard chance(0.4) else { return [] }
        var lines: [YAMLTree] = []
        for k in 0..<int(1...2) {
            let covered = Array(Set((0..<int(1...2)).map { _ in pick(ids) })).sorted()
            let amount: YAMLTree =
                chance(0.5)
                ? number(0...500)
                : .map([("2025", number(0...500))] + (1..<max(years, 1)).filter { _ in chance(0.7) }.map { ("\(2025 + $0)", number(0...500)) })
            lines.append(
                .map([
                    ("id", .scalar(hostile(.reservedID) ? pick(["all", "government", ids[0]]) : "line\(k)")),
                    ("funder", .scalar(funderRef(funders))), ("programs", .list(covered.map { .scalar($0) })), ("amount", amount),
                    ("rationing", .scalar(pick(["none", "pro_rata"]))),
                ]))
        }
        return [("budget_lines", .list(lines))]
    }

    /// A funder id: a declared one, or an undeclared one.
    mutating func funderRef(_ funders: [String]) -> String {
        hostile(.unknownFunder) ? pick(["ghost", "citty", "all", "total"]) : pick(funders)
    }

    /// `{funder: fraction}` summing to 1 (or not), over distinct funders.
    mutating func share(_ funders: [String]) -> YAMLTree {
        let splits: [[String]] = [
            ["1"], ["0.5", "0.5"], ["0.4", "0.6"], ["0.5", "0.25", "0.25"], ["0.2", "0.3", "0.5"], ["0.25", "0.25", "0.25", "0.25"],
        ]
        var fractions = pick(splits.filter { $0.count <= funders.count })
        if hostile(.badSums) {
            fractions = pick(
                [["0.9"], ["1.0000001"], ["0.5", "0.4"], ["0.7", "0.7"], ["0.3333", "0.3333", "0.3333"]].filter { $0.count <= funders.count })
        }
        var names = Array(funders.shuffled(using: &rng).prefix(fractions.count))
        if hostile(.unknownFunder) { names[0] = pick(["ghost", "citty", "all", "total"]) }
        return .map(zip(names, fractions).map { ($0, .scalar($1)) })
    }

    // MARK: Programs

    mutating func program(_ i: Int, ids: [String], kinds: [String], parents: [Int?], funders: [String]) -> YAMLTree {
        let kind = kinds[i]
        var m: [(String, YAMLTree)] = [
            ("id", .scalar(ids[i])), ("name", .scalar("\"program \(i)\"")), ("source", .scalar("\"generated clause \(i)\"")),
            ("kind", .scalar(kind)),
        ]
        if chance(0.3) { m.append(("assumption", .list([.scalar("\"generated\"")]))) }
        if chance(0.2) || hostile(.longHorizon) {
            let first = int(0...(years - 1))
            let last = hostile(.longHorizon) ? years + 3 : int(first...(years - 1))
            m.append(("years", .list([.scalar("\(2025 + first)"), .scalar("\(2025 + last)")])))
        }
        var programFunders: [String] = []
        if kind != "risk_compensation" {
            let s = share(funders)
            if case let .map(entries) = s { programFunders = entries.map(\.0) }
            m.append(("share", s))
        }
        switch kind {
        case "rate": m += rate()
        case "award": m += award()
        case "matching": m += matching(i, parent: parents[i]!, ids: ids, kinds: kinds, funders: funders)
        case "risk_compensation":
            let r = risk(funders)
            m += r.fields
            programFunders = r.funders
        default: m += interest()
        }
        if chance(0.2), !programFunders.isEmpty {
            m.append(("budget", .map([(hostile(.unknownFunder) ? funderRef(funders) : pick(programFunders), number(0...500))])))
            if chance(0.5) { m.append(("rationing", .scalar(pick(["none", "pro_rata"])))) }
        }
        if chance(0.3) { m.append(("payment_lag", number(0...2, whole: true))) }
        if chance(0.15), !parents.contains(i) || hostile(.brokenMatch) {
            m.append(
                (
                    "payment_schedule",
                    hostile(.badSums)
                        ? .list([.scalar("0.5"), .scalar("0.4")]) : .list(pick([["0.4", "0.3", "0.3"], ["0.5", "0.5"], ["1"]]).map { .scalar($0) })
                ))
        }
        return .map(m)
    }

    mutating func claims() -> YAMLTree {
        var c: [(String, YAMLTree)] = [("count", count())]
        if chance(0.6) { c.append(("approval", parameter(probability: true))) }
        return .map(c)
    }

    mutating func rate() -> [(String, YAMLTree)] {
        var m: [(String, YAMLTree)] = [("claims", claims())]
        if chance(0.2) {
            let n = int(1...3)
            m.append(
                (
                    "components",
                    .list(
                        (0..<n).map { j in
                            var c: [(String, YAMLTree)] = [
                                ("id", .scalar("c\(j)")), ("base", distribution(amount: true)),
                                ("rate", parameter(probability: false, scale: 0.001...0.5)),
                            ]
                            if chance(0.6) { c.append(("probability", parameter(probability: true))) }
                            if chance(0.4) { c.append(("cap_per_claim", parameter(probability: false))) }
                            if chance(0.2) { c.append(("min_base", number(0...50))) }
                            return .map(c)
                        })
                ))
            if chance(0.6) { m.append(("combine", .scalar(pick(["sum", "max"])))) }
        } else {
            m.append(("base", distribution(amount: true)))
            if chance(0.2) {
                m.append(
                    (
                        "brackets",
                        .list([
                            .map([("up_to", number(100...1000)), ("rate", number(0.01...0.1))]),
                            .map([("rate", number(0.001...0.05))]),
                        ])
                    ))
            } else {
                m.append(("rate", parameter(probability: false, scale: 0.001...0.5)))
            }
            if chance(0.2) { m.append(("min_base", number(0...50))) }
        }
        if chance(0.5) { m.append(("cap_per_claim", parameter(probability: false))) }
        if chance(0.2) { m.append(("floor", number(0...5))) }
        return m
    }

    mutating func award() -> [(String, YAMLTree)] {
        var m: [(String, YAMLTree)] = [("claims", claims())]
        if chance(0.3) {
            var probabilities = pick([["1"], ["0.2", "0.8"], ["0.01", "0.05", "0.14", "0.35", "0.45"]])
            if hostile(.badSums) { probabilities = ["0.5", "0.6"] }
            m.append(("tiers", .list(probabilities.map { .map([("amount", distribution(amount: true)), ("probability", .scalar($0))]) })))
        } else {
            m.append(("amount", distribution(amount: true)))
        }
        return m
    }

    mutating func matching(_ i: Int, parent index: Int, ids: [String], kinds: [String], funders: [String]) -> [(String, YAMLTree)] {
        var parent = ids[index]
        if hostile(.brokenMatch) {
            parent = pick(["nowhere", ids[i], ids[(i + 1) % ids.count], kinds.firstIndex(of: "risk_compensation").map { ids[$0] } ?? "nowhere"])
        }
        var m: [(String, YAMLTree)] = [("matches", .scalar(parent)), ("ratio", parameter(probability: false, scale: 0.1...2))]
        if chance(0.6) { m.append(("fraction", parameter(probability: true))) }
        if chance(0.3) { m.append(("cap_per_claim", parameter(probability: false))) }
        if chance(0.2) { m.append(("of", .scalar(funderRef(funders)))) }
        return m
    }

    mutating func loans() -> YAMLTree {
        var l: [(String, YAMLTree)] = [("count", count()), ("principal", distribution(amount: true))]
        if chance(0.5) { l.append(("term", chance(0.1) ? number(1...30, whole: true) : .scalar("\(int(1...3))"))) }
        return .map(l)
    }

    mutating func defaults() -> [(String, YAMLTree)] {
        var m: [(String, YAMLTree)] = [("pd", parameter(probability: true, scale: 0.001...0.2))]
        if chance(0.6) { m.append(("rho", number(0...0.5))) }
        if chance(0.3) { m.append(("factor", .scalar(pick(["shared", "own"])))) }
        return m
    }

    /// A risk program's fields and the funders it names.
    mutating func risk(_ funders: [String]) -> (fields: [(String, YAMLTree)], funders: [String]) {
        var m: [(String, YAMLTree)] = [("loans", loans())] + defaults()
        m.append(("recovery", .map([("rate", distribution(amount: false)), ("lag", .scalar(pick(["0", "1", "2"])))])))
        // Loss shares over all but the last funder, the residual being the last (with one funder,
        // the same funder is both, which validation refuses).
        let payers = funders.count > 1 ? Array(funders.dropLast()) : funders
        let residual = hostile(.unknownFunder) ? funderRef(funders) : funders.last!
        var fractions = pick([["0.35"], ["0.7"], ["0.35", "0.35"], ["0.5", "0.4"], ["0.2", "0.3", "0.1"]].filter { $0.count <= payers.count })
        if hostile(.badSums) { fractions = payers.count >= 2 ? ["0.8", "0.7"] : ["1.5"] }
        let names = Array(payers.shuffled(using: &rng).prefix(fractions.count))
        var shares: [(String, YAMLTree)] = []
        for (name, fraction) in zip(names, fractions) { shares.append((name, parameter(fixed: fraction))) }
        m.append(("loss_shares", .map(shares)))
        m.append(("residual", .scalar(residual)))
        if chance(0.3) { m.append(("cap_per_borrower", parameter(probability: false))) }
        if chance(0.25) {
            var weights = pick([["1"], ["0.8", "0.2"], ["0.5", "0.3", "0.2"]])
            if hostile(.badSums) { weights = ["0.8", "0.3"] }
            m.append(
                (
                    "segments",
                    .list(
                        weights.enumerated().map { j, w in
                            var s: [(String, YAMLTree)] = [("id", .scalar("s\(j)")), ("weight", .scalar(w))]
                            if chance(0.5) { s.append(("pd", parameter(probability: true, scale: 0.001...0.2))) }
                            if chance(0.3) { s.append(("loss_shares", .map([(payers[0], number(0...0.9))]))) }
                            return .map(s)
                        })
                ))
        }
        return (m, shares.map(\.0) + [residual])
    }

    mutating func interest() -> [(String, YAMLTree)] {
        var m: [(String, YAMLTree)] = [("loans", loans())] + defaults()
        m.append(("interest_rate", parameter(probability: false, scale: 0.01...0.08)))
        if chance(0.4) { m.append(("fee_rate", parameter(probability: false, scale: 0...0.02))) }
        m.append(("fraction", parameter(probability: true)))
        if chance(0.4) { m.append(("cap_per_claim", parameter(probability: false))) }
        return m
    }

    // MARK: Values

    /// A yearly count: a number, or `fixed`, `poisson` or `negative_binomial`, with or without growth
    /// (and a negative binomial with or without `mixing`).
    mutating func count() -> YAMLTree {
        if decliningPending {
            decliningPending = false
            let family = pick(["fixed", "poisson", "negative_binomial"])
            return .map(
                [("dist", .scalar(family)), (family == "fixed" ? "value" : "mean", .scalar("5e8")), ("growth", .scalar("-0.99"))]
                    + (family == "negative_binomial" ? [("dispersion", .scalar("10"))] : []))
        }
        let family = pick(["number", "fixed", "poisson", "negative_binomial"])
        if family == "number" { return number(0...30, whole: true) }
        var c: [(String, YAMLTree)] = [("dist", .scalar(family)), (family == "fixed" ? "value" : "mean", number(0...30, whole: family == "fixed"))]
        if family == "negative_binomial" {
            c.append(("dispersion", hostile(.degenerateShape) ? .scalar(pick(["1e-300", "5e-324"])) : number(0.5...50)))
            if chance(0.5) { c.append(("mixing", .scalar(pick(["per_path", "per_year"])))) }
        }
        if chance(0.4) { c.append(("growth", chance(0.2) ? .scalar(pick(["-0.99", "1", "0.999"])) : number(-0.2...0.3))) }
        return .map(c)
    }

    /// A loss share at most `value`: the number itself, or uncertain below it (loss shares whose
    /// largest values add up to more than 1 are refused).
    mutating func parameter(fixed value: String) -> YAMLTree {
        guard chance(0.3), let v = Double(value), v > 0, v <= 1 else { return .scalar(value) }
        if chance(0.5) { return .map([("dist", .scalar("uniform")), ("low", .scalar(literal(v / 2))), ("high", .scalar(value))]) }
        return .map([
            ("dist", .scalar("triangular")), ("low", .scalar(literal(v / 2))), ("mode", .scalar(literal(v * 0.9))), ("high", .scalar(value)),
        ])
    }

    /// A parameter: a number, or a distribution drawn once per path.
    mutating func parameter(probability: Bool, scale: ClosedRange<Double>? = nil) -> YAMLTree {
        if chance(0.5) { return number(scale ?? (probability ? 0.05...0.95 : 1...500)) }
        return distribution(amount: !probability, scale: scale)
    }

    /// A distribution of amounts (on 1…1000, or `scale`) or of fractions (on [0, 1]).
    mutating func distribution(amount: Bool, scale: ClosedRange<Double>? = nil) -> YAMLTree {
        if hostile(.narrowBeta) {
            return .map(pick(Self.narrowBetas).map { ($0.0, .scalar($0.1)) })
        }
        if hostile(.degenerateShape) {
            return .map(pick(Self.degenerate(fractions: !amount)).map { ($0.0, .scalar($0.1)) })
        }
        let r = scale ?? (amount ? 1...1000 : 0.05...0.95)
        let dist =
            amount
            ? pick(["number", "fixed", "uniform", "triangular", "lognormal", "gamma", "beta"])
            : pick(["number", "fixed", "uniform", "triangular", "beta"])
        switch dist {
        case "number": return number(r)
        case "fixed": return .map([("dist", .scalar("fixed")), ("value", number(r))])
        case "uniform":
            let low = double(r.lowerBound...((r.lowerBound + r.upperBound) / 2))
            return .map([("dist", .scalar("uniform")), ("low", number(low...low)), ("high", number((low + (r.upperBound - low) / 4)...r.upperBound))])
        case "triangular":
            let low = double(r.lowerBound...(r.lowerBound + (r.upperBound - r.lowerBound) / 3))
            let high = double((r.upperBound - (r.upperBound - r.lowerBound) / 3)...r.upperBound)
            return .map([("dist", .scalar("triangular")), ("low", number(low...low)), ("mode", number(low...high)), ("high", number(high...high))])
        case "lognormal":
            let median = double(max(r.lowerBound, 1e-3)...r.upperBound / 4)
            return .map([("dist", .scalar("lognormal")), ("median", number(median...median)), ("p90", number((median * 1.5)...(median * 10)))])
        case "gamma":
            let mean = double(r)
            return .map([("dist", .scalar("gamma")), ("mean", number(mean...mean)), ("sd", number((mean / 10)...(mean * 2)))])
        default:
            let mean = double(0.05...0.95)
            let most = (mean * (1 - mean)).squareRoot()
            return .map([("dist", .scalar("beta")), ("mean", number(mean...mean)), ("sd", number((most / 20)...(most * 0.7)))])
        }
    }

    /// Distributions at the edge of their parameter space; fractions only where the field is a
    /// probability.
    static func degenerate(fractions: Bool) -> [[(String, String)]] {
        let onUnit: [[(String, String)]] = [
            [("dist", "beta"), ("mean", "0.999999999"), ("sd", "1e-5")],
            [("dist", "triangular"), ("low", "0"), ("mode", "0"), ("high", "1e-300")],
            [("dist", "uniform"), ("low", "0"), ("high", "5e-324")],
        ]
        let amounts: [[(String, String)]] = [
            [("dist", "lognormal"), ("median", "1e-300"), ("p90", "1")],
            [("dist", "lognormal"), ("median", "1e-300"), ("p90", "1e12")],
            [("dist", "lognormal"), ("median", "1"), ("p90", "1e12")],
            [("dist", "gamma"), ("mean", "1"), ("sd", "1e-300")],
            [("dist", "gamma"), ("mean", "1e12"), ("sd", "1e-300")],
            [("dist", "gamma"), ("mean", "1e-300"), ("sd", "1e12")],
            [("dist", "gamma"), ("mean", "1e-300"), ("sd", "1e-300")],
        ]
        return fractions ? onUnit : onUnit + amounts
    }

    static let narrowBetas: [[(String, String)]] = [
        [("dist", "beta"), ("mean", "0.5"), ("sd", "0.0003")],
        [("dist", "beta"), ("mean", "0.5"), ("sd", "1e-9")],
        [("dist", "beta"), ("mean", "0.5"), ("sd", "1e-300")],
        [("dist", "beta"), ("mean", "1e-300"), ("sd", "1e-301")],
    ]
}
