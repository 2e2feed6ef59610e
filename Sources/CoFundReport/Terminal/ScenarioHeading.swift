import CoFundModel

/// The first line of a table: the scenario's title and id, and its years unless the title
/// already states them.
enum ScenarioHeading {
    static func line(_ s: Scenario) -> String {
        let years = "\(s.years.lowerBound)–\(s.years.upperBound)"
        return "\(s.title) (\(s.id))" + (s.title.contains(years) ? "" : " · \(years)")
    }
}
