import Foundation
import Yams

/// Turns the text of a scenario file into a `Scenario`, or into the list of every problem in it.
///
/// Decoding reads the YAML node tree itself (not `Codable`) so that each problem carries the line
/// and column where it was written and the field path (`programs[2].share.county`).
public struct ScenarioDecoder {
    let reader: YAMLReader
    let names = DeclaredNames()

    /// Decodes and validates a scenario.
    ///
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the name used in messages.
    /// - Throws: `ScenarioIssues` listing every problem found.
    public static func decode(_ text: String, file: String) throws(ScenarioIssues) -> Scenario {
        let decoder = ScenarioDecoder(reader: YAMLReader(file: file))
        guard let root = decoder.reader.compose(text) else { throw ScenarioIssues(decoder.reader.issues) }
        return try decoder.decode(root: root)
    }

    /// Decodes as `decode` does and also returns the number of YAML nodes read: the decoder's work,
    /// which `YAMLReader.maxNodes` bounds whatever the file (tests bound work, not time).
    static func decodeCountingNodes(_ text: String, file: String) -> (Result<Scenario, ScenarioIssues>, nodes: Int) {
        let decoder = ScenarioDecoder(reader: YAMLReader(file: file))
        guard let root = decoder.reader.compose(text) else { return (.failure(ScenarioIssues(decoder.reader.issues)), 0) }
        let result = Result { () throws(ScenarioIssues) in try decoder.decode(root: root) }
        return (result, decoder.reader.nodesRead)
    }

    /// Reads a scenario file from disk.
    public static func load(path: String) throws(ScenarioIssues) -> Scenario {
        try decode(try ScenarioFile.read(path).text, file: path)
    }

    /// Decodes every section and checks every rule in one pass: the problems of all fields and all
    /// references between funders and programs, sorted by line.
    func decode(root: Node) throws(ScenarioIssues) -> Scenario {
        guard let top = reader.mapping(root, "") else { throw ScenarioIssues(reader.issues) }
        names.scan(root)
        top.rejectUnknownKeys(allowed: ["scenario", "parameters", "funders", "programs", "budget_lines"])
        var header = Header()
        var headerIsValid = false
        if let n = top.required("scenario", hint: "a `scenario:` section with id, title, unit and years") {
            let before = reader.issues.count
            header = decodeHeader(n) ?? header
            headerIsValid = reader.issues.count == before
        }
        var parameters: [String: DeclaredParameter] = [:]
        if let n = top["parameters"] { parameters = decodeParameters(n) }
        var funders: [Funder] = []
        if let n = top.required("funders", hint: "a list of `{id, name, level}`") {
            funders = decodeFunders(n)
        }
        var programs: [Program] = []
        var bound: [BoundProgram] = []
        if let n = top.required("programs", hint: "a list of programs") {
            (programs, bound) = decodePrograms(n, parameters: parameters, header: header)
        }
        var lines: [BudgetLine] = []
        if let n = top["budget_lines"] {
            lines = decodeBudgetLines(n, horizon: headerIsValid ? header.years : nil, parameters: parameters, money: header.unit)
        }
        // The checks across programs run on the programs that decoded; the names scanned from the
        // raw tree stand in for the others, so that nothing is reported twice or too late.
        var scenario = Scenario(
            id: header.id, title: header.title, description: header.description, unit: header.unit,
            years: header.years, seed: header.seed, paths: header.paths, funders: funders, programs: programs,
            budgetLines: lines, historyFrom: header.historyFrom, parameters: order(parameters, top["parameters"]),
            locations: reader.locations)
        if headerIsValid {
            let provisional = scenario
            for b in bound {
                if let p = resolveRevisions(b, in: provisional, parameters: parameters) { scenario.programs[b.index] = p }
            }
        }
        interpolateParameters(in: &scenario)
        scenario.locations = reader.locations
        let problems = reader.issues + ScenarioValidator.check(scenario, declared: names, horizonIsKnown: headerIsValid)
        guard problems.isEmpty else { throw ScenarioIssues(ScenarioIssues.inFileOrder(problems)) }
        return scenario
    }

    struct Header {
        var id = "scenario", title = "", description = ""
        var unit = Scenario.Unit.wan
        var years = 2025...2025
        var seed: UInt64 = 1
        var paths = 10_000
        var historyFrom: Int?
    }

    static let maxPaths = 100_000_000

    /// The keys allowed in each section (also what a reform may set there).
    static let headerKeys = ["id", "title", "unit", "years", "history_from", "seed", "paths", "description"]
    static let funderKeys = ["id", "name", "level", "fiscal"]
    static let claimsKeys = ["count", "approval"]
    static let loansKeys = ["count", "principal", "term", "repayment"]

    private func decodeHeader(_ node: Node) -> Header? {
        guard let m = reader.mapping(node, "scenario") else { return nil }
        m.rejectUnknownKeys(allowed: Self.headerKeys)
        var h = Header()
        if let n = m.required("id"), let id = identifier(n, m.path("id")) { h.id = id }
        if let n = m.required("title"), let t = reader.string(n, m.path("title")) { h.title = t }
        if let n = m["description"], let t = reader.string(n, m.path("description")) { h.description = t }
        if let n = m.required("unit", hint: "wan (万元) or yuan"), let u = reader.string(n, m.path("unit")) {
            if let unit = Scenario.Unit(rawValue: u) {
                h.unit = unit
            } else {
                reader.fail(m.path("unit"), n, "unknown unit `\(u)`", hint: "wan (万元) or yuan")
            }
        }
        var yearsDecoded = false
        if let n = m.required("years", hint: "[first, last], e.g. [2025, 2029]"), let y = years(n, m.path("years")) {
            h.years = y
            yearsDecoded = true
        }
        if let n = m["history_from"], let y = reader.integer(n, m.path("history_from"), in: 1900...2200), yearsDecoded {
            let earliest = h.years.upperBound - Scenario.maxSimulatedYears + 1
            if y > h.years.lowerBound || y < earliest {
                reader.fail(
                    m.path("history_from"), n,
                    y > h.years.lowerBound
                        ? "claims cannot start being simulated in \(y), after the first year \(h.years.lowerBound)"
                        : "simulating claims from \(y) to \(h.years.upperBound) spans \(h.years.upperBound - y + 1) years, more than \(Scenario.maxSimulatedYears)",
                    hint: "a year from \(earliest) to \(h.years.lowerBound)")
            } else {
                h.historyFrom = y
            }
        }
        if let n = m["seed"], let s = reader.string(n, m.path("seed")) {
            if let v = UInt64(s.replacingOccurrences(of: "_", with: "")) {
                h.seed = v
            } else {
                reader.fail(m.path("seed"), n, "expected a whole number from 0 to \(UInt64.max), found `\(s)`")
            }
        }
        if let n = m["paths"], let p = reader.integer(n, m.path("paths"), in: 1...Self.maxPaths) { h.paths = p }
        return h
    }

    /// `[first, last]` fiscal years, first ≤ last.
    func years(_ node: Node, _ field: String) -> ClosedRange<Int>? {
        guard let items = reader.sequence(node, field) else { return nil }
        guard items.count == 2 else {
            reader.fail(field, node, "expected [first, last], found \(items.count) values")
            return nil
        }
        guard let a = reader.integer(items[0].node, items[0].field, in: 1900...2200),
            let b = reader.integer(items[1].node, items[1].field, in: 1900...2200)
        else { return nil }
        guard a <= b else {
            reader.fail(field, node, "the years are out of order: the first, \(a), is after the last, \(b)", hint: "write [\(b), \(a)]")
            return nil
        }
        guard b - a < 50 else {
            reader.fail(field, node, "a horizon of \(b - a + 1) years is too long to simulate", hint: "at most 50 years")
            return nil
        }
        return a...b
    }

    /// An id: a letter or `_`, then letters, digits, `_` or `-`.
    func identifier(_ node: Node, _ field: String) -> String? {
        guard let s = reader.string(node, field) else { return nil }
        let ok =
            !s.isEmpty && s.count <= 64 && s.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        guard ok else {
            reader.fail(field, node, "`\(s)` is not a valid id", hint: "use ASCII letters, digits, `_` and `-`, starting with a letter")
            return nil
        }
        return s
    }

    private func decodeFunders(_ node: Node) -> [Funder] {
        guard let items = reader.sequence(node, "funders") else { return [] }
        var funders: [Funder] = []
        var seen: Set<String> = []
        for (n, field) in items {
            guard let m = reader.mapping(n, field) else { continue }
            m.rejectUnknownKeys(allowed: Self.funderKeys)
            guard let idNode = m.required("id"), let id = identifier(idNode, m.path("id")), refuseReserved(id, idNode, m.path("id")) else { continue }
            let name = m["name"].flatMap { reader.string($0, m.path("name")) } ?? id
            var level = Funder.Level.other
            if let ln = m.required("level", hint: Funder.Level.allCases.map(\.rawValue).joined(separator: ", ")),
                let l = reader.string(ln, m.path("level"))
            {
                if let lv = Funder.Level(rawValue: l) {
                    level = lv
                } else {
                    let all = Funder.Level.allCases.map(\.rawValue)
                    reader.fail(
                        m.path("level"), ln, "unknown level `\(l)`",
                        hint: DidYouMean.suggestion(for: l, among: all).map { "did you mean `\($0)`?" } ?? "one of \(all.joined(separator: ", "))")
                }
            }
            let fiscal = m["fiscal"].flatMap { reader.boolean($0, m.path("fiscal")) }
            if !seen.insert(id).inserted {
                reader.fail(m.path("id"), idNode, "the funder id `\(id)` is declared twice", hint: "give each funder its own id")
                continue
            }
            funders.append(Funder(id: id, name: name, level: level, fiscal: fiscal))
        }
        if funders.isEmpty, !items.isEmpty || reader.issues.isEmpty {
            reader.fail("funders", node, "no funders are declared", hint: "at least one `{id, name, level}`")
        }
        return funders
    }

    /// The declared parameters in the order written.
    private func order(_ parameters: [String: DeclaredParameter], _ node: Node?) -> [PolicyParameter] {
        guard case let .mapping(m)? = node else { return [] }
        return m.compactMap { $0.key.scalar.flatMap { parameters[$0.string]?.parameter } }
    }

    /// The programs, those reading parameters decoded with provisional values and listed in
    /// `bound` for `resolveRevisions`.
    private func decodePrograms(_ node: Node, parameters: [String: DeclaredParameter], header: Header) -> ([Program], [BoundProgram]) {
        guard let items = reader.sequence(node, "programs") else { return ([], []) }
        if items.isEmpty { reader.fail("programs", node, "no programs are declared", hint: "at least one program") }
        var programs: [Program] = []
        var bound: [BoundProgram] = []
        var seen: Set<String> = []
        for (n, field) in items {
            let refs = ParameterReference.all(in: n)
            var decoded: Program?
            if refs.isEmpty {
                decoded = decodeProgram(n, field)
            } else if checkReferences(refs, at: field, parameters: parameters, money: header.unit) {
                let ids = uniqueIDs(refs)
                decoded = decodeBound(
                    n, field, ids: ids, entries: provisionalEntries(ids, n, parameters, horizon: header.years), parameters: parameters)
                decoded?.bindings = refs.map { ParameterBinding(field: $0.field, parameter: $0.parameter) }
            }
            guard let p = decoded else { continue }
            if !seen.insert(p.id).inserted {
                reader.fail("\(field).id", nil, "the program id `\(p.id)` is used twice", hint: "give each program its own id")
                continue
            }
            if !refs.isEmpty { bound.append(BoundProgram(index: programs.count, node: n, field: field, references: refs)) }
            programs.append(p)
        }
        return (programs, bound)
    }
}
