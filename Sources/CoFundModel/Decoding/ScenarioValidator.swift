/// Checks that need the whole scenario: references between funders and programs, cycles, years
/// and sizes. Field-level rules are checked while decoding.
public enum ScenarioValidator {
    /// The most applications or new loans one program may expect in a year: past this a run
    /// cannot finish in reasonable time.
    public static let maxClaimsPerYear = 2_000_000.0

    public static func check(_ s: Scenario) -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        let loc = s.locations
        let funderIDs = s.funders.map(\.id)
        let declared = Set(funderIDs)
        let programIDs = s.programs.map(\.id)

        func requireFunder(_ id: String, _ field: String, _ role: String) {
            guard !declared.contains(id) else { return }
            let hint = DidYouMean.suggestion(for: id, among: funderIDs).map { "did you mean `\($0)`?" }
                ?? "declared funders: \(funderIDs.joined(separator: ", "))"
            issues.append(loc.issue(field, "\(role) names `\(id)`, which is not a declared funder", hint: hint))
        }

        for (i, p) in s.programs.enumerated() {
            let base = "programs[\(i)]"
            for part in p.share.parts { requireFunder(part.funder, "\(base).share.\(part.funder)", "the share") }
            for f in p.budget.keys.sorted() {
                requireFunder(f, "\(base).budget.\(f)", "the budget")
                if declared.contains(f), !p.funderIDs.contains(f) {
                    issues.append(loc.issue("\(base).budget.\(f)", "`\(f)` pays nothing in this program, so it has no budget here",
                                            hint: "budget one of: \(p.funderIDs.joined(separator: ", "))"))
                }
            }
            if let years = p.activeYears, !s.years.contains(years.lowerBound) || !s.years.contains(years.upperBound) {
                issues.append(loc.issue("\(base).years", "the years \(years.lowerBound)–\(years.upperBound) fall outside the scenario's \(s.years.lowerBound)–\(s.years.upperBound)"))
            }
            switch p.rule {
            case let .rate(r): checkVolume(r.claims.count, "\(base).claims.count", s, &issues)
            case let .award(a): checkVolume(a.claims.count, "\(base).claims.count", s, &issues)
            case let .interestSubsidy(r): checkVolume(r.loans.count, "\(base).loans.count", s, &issues)
            case let .riskCompensation(r):
                checkVolume(r.loans.count, "\(base).loans.count", s, &issues)
                for ls in r.lossShares { requireFunder(ls.funder, "\(base).loss_shares.\(ls.funder)", "the loss share") }
                requireFunder(r.residual, "\(base).residual", "the residual")
                for (j, seg) in r.segments.enumerated() {
                    for ls in seg.lossShares ?? [] {
                        requireFunder(ls.funder, "\(base).segments[\(j)].loss_shares.\(ls.funder)", "the loss share")
                    }
                }
                if r.lossShares.contains(where: { $0.funder == r.residual }) {
                    issues.append(loc.issue("\(base).residual", "`\(r.residual)` is both the residual and has a loss share",
                                            hint: "the residual bears whatever the loss shares leave"))
                }
            case let .matching(mr):
                if let parent = s.program(mr.matches) {
                    if let of = mr.of, !parent.funderIDs.contains(of) {
                        issues.append(loc.issue("\(base).of", "`\(of)` pays nothing in `\(mr.matches)`",
                                                hint: "match one of: \(parent.funderIDs.joined(separator: ", "))"))
                    }
                    if case .riskCompensation = parent.rule {
                        issues.append(loc.issue("\(base).matches", "`\(mr.matches)` is a risk_compensation program; a match follows paid claims of a rate, award, matching or interest_subsidy program"))
                    }
                    if parent.paymentSchedule.count > 1 {
                        issues.append(loc.issue("\(base).matches", "`\(mr.matches)` pays in installments; a match follows a single payment",
                                                hint: "give the parent a payment_lag instead of a payment_schedule"))
                    }
                } else {
                    let hint = DidYouMean.suggestion(for: mr.matches, among: programIDs).map { "did you mean `\($0)`?" }
                        ?? "programs: \(programIDs.joined(separator: ", "))"
                    issues.append(loc.issue("\(base).matches", "`\(mr.matches)` is not a program of this scenario", hint: hint))
                }
            }
        }
        issues += matchingCycles(s)
        return issues
    }

    private static func checkVolume(_ c: CountDistribution, _ field: String, _ s: Scenario, _ issues: inout [ScenarioIssue]) {
        let peak = c.mean(inYear: s.years.count - 1)
        guard peak <= maxClaimsPerYear else {
            issues.append(s.locations.issue(field, "a mean of \(YAMLReader.format(peak.rounded())) a year (in \(s.years.upperBound)) is too many to simulate",
                                            hint: "at most \(Int(maxClaimsPerYear)) per program per year"))
            return
        }
    }

    /// Programs whose `matches` chain returns to themselves.
    private static func matchingCycles(_ s: Scenario) -> [ScenarioIssue] {
        var parent: [String: String] = [:]
        for p in s.programs { if case let .matching(m) = p.rule { parent[p.id] = m.matches } }
        var issues: [ScenarioIssue] = []
        for (i, p) in s.programs.enumerated() where parent[p.id] != nil {
            var chain = [p.id]
            var cur = p.id
            while let next = parent[cur] {
                if next == p.id {
                    issues.append(s.locations.issue("programs[\(i)].matches", "matching forms a cycle: \((chain + [p.id]).joined(separator: " → "))",
                                                    hint: "a matching program must end at a program that is not a match"))
                    break
                }
                if chain.contains(next) { break }
                chain.append(next)
                cur = next
            }
        }
        return issues
    }

    /// The programs ordered so that every matched program comes before the programs matching it.
    public static func paymentOrder(_ programs: [Program]) -> [Int] {
        var order: [Int] = []
        var placed = Set<String>()
        var remaining = Array(programs.indices)
        while !remaining.isEmpty {
            let before = remaining.count
            remaining.removeAll { i in
                if case let .matching(m) = programs[i].rule, !placed.contains(m.matches) { return false }
                order.append(i)
                placed.insert(programs[i].id)
                return true
            }
            if remaining.count == before { order += remaining; break }
        }
        return order
    }
}
