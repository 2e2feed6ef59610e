/// A reported quantity named by ids rather than by position, so that the series of two runs of
/// different scenarios (a baseline and its reform) can be paired.
public struct SeriesKey: Sendable, Hashable {
    /// nil means all programs.
    public var program: String?
    /// nil means all funders.
    public var funder: String?
    public var year: SeriesLayout.YearSlot
    public var flow: SeriesLayout.Flow

    public init(program: String?, funder: String?, year: SeriesLayout.YearSlot, flow: SeriesLayout.Flow = .net) {
        self.program = program
        self.funder = funder
        self.year = year
        self.flow = flow
    }
}

extension SimulationResult {
    /// The key of every series, in the layout's order.
    public var seriesKeys: [SeriesKey] {
        plan.layout.series.map { s in
            SeriesKey(program: s.program.map { scenario.programs[$0].id }, funder: s.funder, year: s.year, flow: s.flow)
        }
    }
}
