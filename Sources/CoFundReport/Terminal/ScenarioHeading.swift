import CoFundModel

/// The first line of a table: the scenario's title and id, the year from which claims are
/// simulated and the years whose payments are reported.
enum ScenarioHeading {
    static func line(_ s: Scenario) -> String {
        let years = "\(s.years.lowerBound)–\(s.years.upperBound)"
        return "\(s.title) (\(s.id)) · claims simulated from \(s.claimsFrom); payments reported \(years)"
    }

    /// The lines under the heading naming the programs that run past their texts' expiry
    /// (`continue_after_expiry`) and those that stop at it, grouped by the date their text ends, one
    /// line a date; none when no text expires within the simulated years.
    static func forceNotes(_ s: Scenario) -> [String] {
        func grouped(_ ps: [Program]) -> [String] {
            var dates: [String] = []
            var ids: [String: [String]] = [:]
            for p in ps {
                let until = p.inForce?.until?.description ?? "…"
                if ids[until] == nil { dates.append(until) }
                ids[until, default: []].append(p.id)
            }
            return dates.sorted().map { "  text until \($0): \(ids[$0]!.joined(separator: ", "))" }
        }
        var out: [String] = []
        let past = s.programsPastExpiry
        if !past.isEmpty {
            out.append("Run past their texts' expiry (continue_after_expiry, on a stated assumption; see assumptions.csv):")
            out += grouped(past)
        }
        let stopped = s.programsStoppedAtExpiry
        if !stopped.isEmpty {
            out.append("Stop when their texts expire (no claims after that year):")
            out += grouped(stopped)
        }
        return out
    }
}
