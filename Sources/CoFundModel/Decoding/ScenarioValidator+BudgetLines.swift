/// The checks that tie each appropriation to the programs it covers.
extension ScenarioValidator {
    static func budgetLineIssues(_ s: Scenario, declared: DeclaredNames) -> [ScenarioIssue] {
        let loc = s.locations
        var issues: [ScenarioIssue] = []
        /// Where each (program, funder) was first given an appropriation.
        var coveredBy: [String: String] = [:]
        for (i, p) in s.programs.enumerated() {
            let base = "programs[\(declared.programIndex[p.id] ?? i)]"
            for f in p.funderIDs where p.budget[f] != nil {
                coveredBy["\(p.id)\u{0}\(f)"] = "its own `budget:`"
                if case let .riskCompensation(r) = p.rule, r.residual == f {
                    issues.append(
                        loc.issue(
                            "\(base).budget.\(f)",
                            "`\(f)` is the residual of this program: it bears what the loss shares leave and has no appropriation",
                            hint: "budget one of: \(r.lossShares.map(\.funder).joined(separator: ", "))"))
                }
            }
        }
        for (i, line) in s.budgetLines.enumerated() {
            let base = "budget_lines[\(declared.lineIndex[line.id] ?? i)]"
            for (j, id) in line.programs.enumerated() {
                guard let p = s.program(id) else { continue }
                let field = "\(base).programs[\(j)]"
                guard p.funderIDs.contains(line.funder) else {
                    issues.append(
                        loc.issue(
                            field, "`\(line.funder)` pays nothing in `\(id)`, so the line cannot cover it",
                            hint: "cover programs that `\(line.funder)` pays in, or pay from another funder's line"))
                    continue
                }
                if case let .riskCompensation(r) = p.rule, r.residual == line.funder {
                    issues.append(
                        loc.issue(
                            field, "`\(line.funder)` is the residual of `\(id)`: it bears what the loss shares leave and has no appropriation"))
                    continue
                }
                let key = "\(id)\u{0}\(line.funder)"
                if let other = coveredBy[key] {
                    issues.append(
                        loc.issue(
                            field, "`\(line.funder)`'s payments in `\(id)` are already covered by \(other)",
                            hint: "each program's payments by one funder draw on one appropriation"))
                } else {
                    coveredBy[key] = "budget line `\(line.id)`"
                }
            }
        }
        guard issues.isEmpty else { return issues }
        switch SettlementGroups.of(s) {
        case .success: break
        case let .failure(.matchBesideParent(line, match, ancestor)):
            let field = declared.lineIndex[line].map { "budget_lines[\($0)].programs" } ?? "programs[\(declared.programIndex[line] ?? 0)].budget"
            issues.append(
                loc.issue(
                    field,
                    "`\(match)` matches what `\(ancestor)` pays, but both draw on appropriations settled together (through `\(line)`): the match's demand depends on the line's rationing",
                    hint: "cover the match and its parent by separate lines"))
        case let .failure(.cycle(lines)):
            let first = lines.first ?? ""
            let field = declared.lineIndex[first].map { "budget_lines[\($0)].programs" } ?? "budget_lines"
            issues.append(
                loc.issue(
                    field, "the lines \(lines.map { "`\($0)`" }.joined(separator: ", ")) each cover a match of a program another of them covers",
                    hint: "cover each match by a line of its own, or group parents and matches so that parents settle first"))
        }
        return issues
    }
}
