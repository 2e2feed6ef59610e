import CoFundModel

/// Which dated value of each parameter the scenario's programs use, and in which years: what
/// `cofund programs --parameters`, `parameters.csv` and the report's Parameters section show, so
/// that a drafter sees which clause's value each year's claims follow.
public struct ParameterUse: Sendable, Equatable {
    /// One dated value of a parameter.
    public struct Value: Sendable, Equatable {
        public var from: CalendarDate
        /// The last day in force: the entry's `until`, or the day before the next entry; nil when open.
        public var until: CalendarDate?
        public var value: Parameter
        public var source: String
        /// The horizon years whose claims use this value, by some program reading the parameter.
        public var yearsUsed: [Int]
    }

    public var parameter: PolicyParameter
    /// The program fields reading the parameter, as `program.field`, in scenario order.
    public var readers: [String]
    /// The ids of the programs reading the parameter, in scenario order.
    public var programs: [String]
    public var values: [Value]

    /// The use of every parameter `s` declares, in the order declared.
    public static func all(_ s: Scenario) -> [ParameterUse] {
        s.parameters.map { ParameterUse($0, in: s) }
    }

    public init(_ p: PolicyParameter, in s: Scenario) {
        parameter = p
        let reading = s.programs(reading: p.id)
        programs = reading.map(\.id)
        readers = reading.flatMap { program in
            program.bindings.filter { $0.parameter == p.id }.map { "\(program.id).\($0.field)" }
        }
        var years = Array(repeating: Set<Int>(), count: p.values.count)
        for program in reading {
            guard let claims = s.claimYears(of: program) else { continue }
            for y in claims where s.years.contains(y) {
                if let i = p.entry(forYear: y, on: program.claimDate) { years[i].insert(y) }
            }
        }
        values = p.values.indices.map { i in
            let e = p.values[i]
            return Value(from: e.from, until: p.lastDay(of: i), value: e.value, source: e.source, yearsUsed: years[i].sorted())
        }
    }

    /// Years as runs of consecutive years (`2025–2026`, `2028`), joined by `separator`; `dash`
    /// between the ends of a run.
    public static func years(_ years: [Int], dash: String = "–", separator: String = ", ") -> String {
        var runs: [(Int, Int)] = []
        for y in years.sorted() {
            if let last = runs.last, y == last.1 + 1 { runs[runs.count - 1].1 = y } else { runs.append((y, y)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)\(dash)\($0.1)" }.joined(separator: separator)
    }

    /// The value as a number: the number itself, or an uncertain value's mean.
    public static func number(_ v: Parameter) -> String { ScenarioDiff.number(v.central) }

    /// The distribution of an uncertain value as one line of YAML; "" for a number.
    public static func distribution(_ v: Parameter) -> String {
        if case .uncertain = v { return ScenarioDiff.parameter(v) }
        return ""
    }

    /// The value for reading: the number, or `≈mean {dist: …}` for an uncertain one.
    public static func text(_ v: Parameter) -> String {
        if case .uncertain = v { return "≈\(number(v)) \(ScenarioDiff.parameter(v))" }
        return number(v)
    }

    /// The ids of the programs reading parameter `id` in `base` or in `reform`: the base's in its
    /// order, then those only the reform has.
    public static func programs(reading id: String, base: Scenario, reform: Scenario) -> [String] {
        var ids = base.programs(reading: id).map(\.id)
        for p in reform.programs(reading: id) where !ids.contains(p.id) { ids.append(p.id) }
        return ids
    }

    /// The parameter id an override path names (`parameters.rd_cap`, `parameters.rd_cap.values.2027-01-01`),
    /// nil for any other path.
    public static func parameterID(inPath path: String) -> String? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "parameters", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    /// One line per parameter the overrides at `paths` set: `programs reading rd_cap: a, b`
    /// (`none` when no program reads it), in the order first set.
    public static func readerLines(paths: [String], base: Scenario, reform: Scenario) -> [String] {
        var ids: [String] = []
        for path in paths {
            if let id = parameterID(inPath: path), !ids.contains(id) { ids.append(id) }
        }
        return ids.map { id in
            let programs = Self.programs(reading: id, base: base, reform: reform)
            return "programs reading \(id): " + (programs.isEmpty ? "none" : programs.joined(separator: ", "))
        }
    }
}
