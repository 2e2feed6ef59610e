/// The order in which a path's programs are settled when appropriations cover several programs.
///
/// Programs that draw on a common budget line (directly, or through a chain of lines sharing
/// programs) are settled together: a line's rationing factor needs the demand of every program it
/// covers. A match is settled after its parent, because it pays a share of what the parent actually
/// paid. Groups are therefore ordered parents first; the order exists unless a group holds a program
/// and one of its matches, or two groups each wait for the other — both refused when decoding.
public struct SettlementGroups: Sendable, Equatable {
    /// Program indices by group, groups in settlement order, each group's programs in `paymentOrder`.
    public var groups: [[Int]]

    /// A line arrangement the engine cannot settle.
    public enum Conflict: Error, Sendable, Equatable {
        /// Line `line` covers program `match`, which matches (directly or through other matches)
        /// `ancestor`, settled in the same group.
        case matchBesideParent(line: String, match: String, ancestor: String)
        /// The groups of these lines each wait for another's payments.
        case cycle(lines: [String])
    }

    /// The groups of `scenario`, or the first conflict found.
    public static func of(_ scenario: Scenario) -> Result<SettlementGroups, Conflict> {
        let programs = scenario.programs
        let index = Dictionary(programs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var root = Array(programs.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while root[i] != i {
                root[i] = root[root[i]]
                i = root[i]
            }
            return i
        }
        let lines = scenario.allBudgetLines
        var lineOfGroup: [Int: String] = [:]
        for line in lines {
            let members = line.programs.compactMap { index[$0] }
            guard let first = members.first else { continue }
            for m in members.dropFirst() { root[find(m)] = find(first) }
        }
        for line in lines { if let first = line.programs.first.flatMap({ index[$0] }) { lineOfGroup[find(first)] = line.id } }
        let parent: [Int?] = programs.map { p in
            if case let .matching(m) = p.rule { return index[m.matches] }
            return nil
        }
        // A match in its ancestor's group.
        for (i, p) in programs.enumerated() {
            var a = parent[i]
            var seen: Set<Int> = [i]
            while let ancestor = a, seen.insert(ancestor).inserted {
                if find(ancestor) == find(i) {
                    let line = lines.first { l in l.programs.contains { index[$0].map(find) == find(i) } }?.id ?? p.id
                    return .failure(.matchBesideParent(line: line, match: p.id, ancestor: programs[ancestor].id))
                }
                a = parent[ancestor]
            }
        }
        // Groups ordered so that each parent's group comes first (Kahn's algorithm, ties by the
        // first program's payment order).
        let order = ScenarioValidator.paymentOrder(programs)
        var groupIDs: [Int] = []
        var members: [Int: [Int]] = [:]
        for i in order {
            let g = find(i)
            if members[g] == nil { groupIDs.append(g) }
            members[g, default: []].append(i)
        }
        var waitsFor: [Int: Set<Int>] = [:]
        for (i, p) in parent.enumerated() {
            guard let p, find(p) != find(i) else { continue }
            waitsFor[find(i), default: []].insert(find(p))
        }
        var done: Set<Int> = []
        var groups: [[Int]] = []
        while groups.count < groupIDs.count {
            guard let next = groupIDs.first(where: { !done.contains($0) && (waitsFor[$0] ?? []).isSubset(of: done) }) else {
                let stuck = groupIDs.filter { !done.contains($0) }.compactMap { lineOfGroup[$0] }
                return .failure(.cycle(lines: stuck))
            }
            done.insert(next)
            groups.append(members[next] ?? [])
        }
        return .success(SettlementGroups(groups: groups))
    }
}
