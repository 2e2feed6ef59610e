import CoFundModel

/// The first line of a table: the scenario's title and id, the year from which claims are
/// simulated and the years whose payments are reported.
enum ScenarioHeading {
    static func line(_ s: Scenario) -> String {
        let years = "\(s.years.lowerBound)–\(s.years.upperBound)"
        return "\(s.title) (\(s.id)) · claims simulated from \(s.claimsFrom); payments reported \(years)"
    }
}
