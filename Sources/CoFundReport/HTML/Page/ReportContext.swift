import CoFundEngine
import CoFundModel

/// What every section of a page needs to know of its scenario: names, colors, years, the unit.
struct ReportContext {
    let scenario: Scenario
    let colors: [String: String]

    init(_ s: Scenario) {
        scenario = s
        colors = FunderPalette.colors(s.funders)
    }

    var unit: String { scenario.unit.label }
    var yearLabels: [String] { scenario.years.map(String.init) }
    var yearSlots: [SeriesLayout.YearSlot] { (0..<scenario.years.count).map { .year($0) } }
    /// "2025–2029".
    var horizon: String { "\(scenario.years.lowerBound)–\(scenario.years.upperBound)" }

    func funderName(_ id: String?) -> String {
        scenario.reportedFunderName(id)
    }

    func color(_ id: String?) -> String {
        id.flatMap { colors[$0] } ?? FunderPalette.total
    }
}
