import Yams

/// The ids a scenario declares, read from the raw tree before anything is decoded, so that every
/// reference (a funder in a share, the program a match follows) is checked in the same pass as the
/// fields — even where the funder or program it names has mistakes of its own.
final class DeclaredNames {
    /// Funder ids, in order (as written, valid or not).
    private(set) var funders: [String] = []
    /// Program ids, in order.
    private(set) var programs: [String] = []
    /// The position of each program id in the file's `programs` list (its first, if written twice).
    private(set) var programIndex: [String: Int] = [:]
    /// The program each matching program follows: program id → `matches`.
    private(set) var matches: [(program: String, index: Int, matches: String)] = []

    /// Parameter ids (as written, valid or not).
    private(set) var parameters: Set<String> = []

    /// The position of each budget line id in the file's `budget_lines` list.
    private(set) var lineIndex: [String: Int] = [:]

    /// Ids that name the sums in the reports: a funder or program may not take them.
    static let reserved: Set<String> = ["all", "total", "after", Funder.governmentID]

    init() {}

    func scan(_ root: Node) {
        guard case let .mapping(top) = root else { return }
        for (k, _) in top["parameters"]?.mapping ?? [:] {
            if let id = k.scalar?.string { parameters.insert(id) }
        }
        for item in top["funders"]?.sequence ?? [] {
            if let id = item.mapping?["id"]?.scalar?.string { funders.append(id) }
        }
        for (i, item) in (top["programs"]?.sequence ?? []).enumerated() {
            guard let m = item.mapping, let id = m["id"]?.scalar?.string else { continue }
            programs.append(id)
            if programIndex[id] == nil { programIndex[id] = i }
            if let parent = m["matches"]?.scalar?.string { matches.append((id, i, parent)) }
        }
        for (i, item) in (top["budget_lines"]?.sequence ?? []).enumerated() {
            if let id = item.mapping?["id"]?.scalar?.string, lineIndex[id] == nil { lineIndex[id] = i }
        }
    }
}

extension ScenarioDecoder {
    /// Reports `id` at `node` when it is not a declared funder.
    func requireFunder(_ id: String, _ node: Node?, _ field: String, _ role: String) {
        guard !names.funders.contains(id) else { return }
        let hint =
            DidYouMean.suggestion(for: id, among: names.funders).map { "did you mean `\($0)`?" }
            ?? "declared funders: \(names.funders.joined(separator: ", "))"
        reader.fail(field, node, "\(role) names `\(id)`, which is not a declared funder", hint: hint)
    }

    /// Reports `id` at `node` when no program of the file has it.
    func requireProgram(_ id: String, _ node: Node, _ field: String) -> Bool {
        guard !names.programs.contains(id) else { return true }
        let hint =
            DidYouMean.suggestion(for: id, among: names.programs).map { "did you mean `\($0)`?" }
            ?? "programs: \(names.programs.joined(separator: ", "))"
        reader.fail(field, node, "`\(id)` is not a program of this scenario", hint: hint)
        return false
    }

    /// Reports an id that the reports use for their sums.
    func refuseReserved(_ id: String, _ node: Node, _ field: String) -> Bool {
        guard DeclaredNames.reserved.contains(id) else { return true }
        reader.fail(
            field, node, "`\(id)` is reserved: the reports use it for a sum",
            hint: "choose another id; reserved are \(DeclaredNames.reserved.sorted().joined(separator: ", "))")
        return false
    }
}
