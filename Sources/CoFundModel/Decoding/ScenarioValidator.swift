/// Checks that need the decoded programs together: a budget of a funder that pays nothing, the
/// kind and payments of a matched program, matching cycles, years and sizes. References to
/// undeclared funders and programs are checked while decoding (`DeclaredNames`).
public enum ScenarioValidator {
    /// The most applications or new loans one program may expect in a year: past this a run
    /// cannot finish in reasonable time.
    public static let maxClaimsPerYear = 2_000_000.0

    /// - Parameters:
    ///   - s: the scenario with the programs that decoded.
    ///   - declared: the ids of every funder and program written in the file.
    ///   - horizonIsKnown: whether the scenario's years decoded, so that the checks against the
    ///     horizon mean something.
    static func check(_ s: Scenario, declared: DeclaredNames, horizonIsKnown: Bool) -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        let loc = s.locations
        for (i, p) in s.programs.enumerated() {
            let base = "programs[\(declared.programIndex[p.id] ?? i)]"
            for f in p.budget.keys.sorted() where declared.funders.contains(f) && !p.funderIDs.contains(f) {
                issues.append(
                    loc.issue(
                        "\(base).budget.\(f)", "`\(f)` pays nothing in this program, so it has no budget here",
                        hint: "budget one of: \(p.funderIDs.joined(separator: ", "))"))
            }
            if horizonIsKnown {
                issues += yearIssues(p, base: base, s)
            }
            if case let .riskCompensation(r) = p.rule, r.lossShares.contains(where: { $0.funder == r.residual }) {
                issues.append(
                    loc.issue(
                        "\(base).residual", "`\(r.residual)` is both the residual and has a loss share",
                        hint: "the residual bears whatever the loss shares leave"))
            }
            if case let .matching(mr) = p.rule, let parent = s.program(mr.matches) {
                if let of = mr.of, !parent.funderIDs.contains(of) {
                    issues.append(
                        loc.issue(
                            "\(base).of", "`\(of)` pays nothing in `\(mr.matches)`",
                            hint: "match one of: \(parent.funderIDs.joined(separator: ", "))"))
                }
                if case .riskCompensation = parent.rule {
                    issues.append(
                        loc.issue(
                            "\(base).matches",
                            "`\(mr.matches)` is a risk_compensation program; a match follows paid claims of a rate, award, matching or interest_subsidy program"
                        ))
                }
                if parent.paymentSchedule.count > 1 {
                    issues.append(
                        loc.issue(
                            "\(base).matches", "`\(mr.matches)` pays in installments; a match follows a single payment",
                            hint: "give the parent a payment_lag instead of a payment_schedule"))
                }
            }
        }
        issues += matchingCycles(declared, s.locations)
        issues += budgetLineIssues(s, declared: declared)
        return issues
    }

    /// A program's `years:` must lie from the first year in which claims are simulated to the
    /// last year, and its count's mean within the yearly limit in every year it takes claims.
    private static func yearIssues(_ p: Program, base: String, _ s: Scenario) -> [ScenarioIssue] {
        let from = s.claimsFrom
        if let years = p.activeYears, years.lowerBound < from || years.upperBound > s.years.upperBound {
            let hint: String
            if years.upperBound > s.years.upperBound {
                hint = "end them by the scenario's last year, \(s.years.upperBound)"
            } else if years.lowerBound < s.earliestClaimsFrom {
                hint = "start them in \(s.earliestClaimsFrom) or later: at most \(Scenario.maxSimulatedYears) years are simulated"
            } else {
                hint = "start them in \(from) or later, or set scenario.history_from to \(years.lowerBound) or earlier"
            }
            return [
                s.locations.issue(
                    "\(base).years",
                    "the years \(years.lowerBound)–\(years.upperBound) fall outside \(from)–\(s.years.upperBound), the years in which claims are simulated",
                    hint: hint)
            ]
        }
        guard let c = p.rule.count else { return [] }
        // The mean is geometric in the year: its largest value is in the first or the last year
        // in which the program takes claims.
        guard let years = s.claimYears(of: p) else { return [] }
        let anchor = s.growthAnchor(of: p)
        let first = c.mean(inProgramYear: years.lowerBound - anchor)
        let last = c.mean(inProgramYear: years.upperBound - anchor)
        let (peak, year) = first >= last ? (first, years.lowerBound) : (last, years.upperBound)
        guard peak <= maxClaimsPerYear else {
            return [
                s.locations.issue(
                    "\(base).\(p.rule.countField).count",
                    "a mean of \(YAMLReader.format(peak.rounded())) a year (in \(year)) is too many to simulate",
                    hint: "at most \(Int(maxClaimsPerYear)) per program per year")
            ]
        }
        return []
    }

    /// Programs whose `matches` chain returns to themselves, from the ids written in the file.
    private static func matchingCycles(_ declared: DeclaredNames, _ locations: SourceLocations) -> [ScenarioIssue] {
        var parent: [String: String] = [:]
        for m in declared.matches where parent[m.program] == nil { parent[m.program] = m.matches }
        var issues: [ScenarioIssue] = []
        for m in declared.matches {
            var chain = [m.program]
            var cur = m.program
            while let next = parent[cur] {
                if next == m.program {
                    issues.append(
                        locations.issue(
                            "programs[\(m.index)].matches", "matching forms a cycle: \((chain + [m.program]).joined(separator: " → "))",
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
