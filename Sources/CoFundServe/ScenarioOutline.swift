import CoFundModel
import Foundation

/// `GET /api/scenario`: what the drafting page shows and lets the drafter edit — the funders, the
/// programs with their clauses, and every policy parameter with its dated values and sources.
public enum ScenarioOutline {
    struct Document: Encodable {
        var id: String
        var title: String
        var file: String
        var unit: String
        var unitLabel: String
        var years: [Int]
        var seed: UInt64
        var paths: Int
        var maxPaths: Int
        var funders: [FunderEntry]
        var programs: [ProgramEntry]
        var parameters: [ParameterEntry]

        enum CodingKeys: String, CodingKey {
            case id, title, file, unit, years, seed, paths, funders, programs, parameters
            case maxPaths = "max_paths"
            case unitLabel = "unit_label"
        }
    }

    struct FunderEntry: Encodable {
        var id: String
        var name: String
        var level: String
    }

    struct ProgramEntry: Encodable {
        var id: String
        var name: String
        var source: String
        var parameters: [String]
    }

    /// One editable number: `path` is the override the page sends (`parameters.ID`), `value` the
    /// text's value (the latest dated entry's), `source` the clause that sets it.
    struct ParameterEntry: Encodable {
        var id: String
        var path: String
        var name: String
        var unit: String
        var unitLabel: String
        var description: String
        var value: String
        var source: String
        var periods: [Period]

        enum CodingKeys: String, CodingKey {
            case id, path, name, unit, description, value, source, periods
            case unitLabel = "unit_label"
        }
    }

    struct Period: Encodable {
        var from: String
        var until: String?
        var value: String
        var source: String
    }

    /// The outline of `source` as JSON; `paths` is the page's default number of paths.
    public static func json(_ source: ScenarioSource, paths: Int, maxPaths: Int) -> String {
        let s = source.scenario
        let parameters = s.parameters.map { p in
            let periods = p.values.indices.map { i in
                Period(
                    from: p.values[i].from.description, until: p.lastDay(of: i)?.description, value: text(p.values[i].value),
                    source: p.values[i].source)
            }
            return ParameterEntry(
                id: p.id, path: "parameters.\(p.id)", name: p.name, unit: p.unit.rawValue, unitLabel: p.unit.label,
                description: p.description, value: periods.last?.value ?? "", source: periods.last?.source ?? "", periods: periods)
        }
        let document = Document(
            id: s.id, title: s.title, file: source.file, unit: s.unit.rawValue, unitLabel: s.unit.label, years: Array(s.years), seed: s.seed,
            paths: paths,
            maxPaths: maxPaths,
            funders: s.funders.map { FunderEntry(id: $0.id, name: $0.name, level: "\($0.level)") },
            programs: s.programs.map { ProgramEntry(id: $0.id, name: $0.name, source: $0.source, parameters: $0.parameterIDs) },
            parameters: parameters)
        return ServeJSON.text(document)
    }

    /// A parameter's value as a drafter would write it in a reform: `250`, `0.025`; an uncertain
    /// one as its mean.
    static func text(_ p: Parameter) -> String {
        let v = p.central
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

/// JSON of the API's own documents: sorted keys, unescaped slashes, UTF-8.
enum ServeJSON {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
