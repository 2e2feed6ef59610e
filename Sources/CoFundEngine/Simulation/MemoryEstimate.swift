import CoFundModel
import Foundation

/// The memory a run will need, estimated from its plan before anything is allocated, so that a run
/// too large for the machine is refused with the figure instead of exhausting it.
///
/// The estimate counts what grows with the scenario and the paths:
/// - per worker thread: one path's reported values and the per-program payment buffers;
/// - with every path kept (exact percentiles): the kept values, and one sorted copy of a series
///   at a time while statistics are computed;
/// - with block summaries: three moments per series per block, and a quantile sketch per series per
///   worker and for the merged result (a sketch is counted at `sketchBytes`, the size of one whose
///   values span a factor of about 150 — wider spreads take more, narrower less);
/// - the statistics and the text of the CSV files and the report: a few hundred bytes a series.
public struct MemoryEstimate: Sendable, Equatable {
    public var bytes: Double

    static let sketchBytes = 20_000.0
    static let bytesPerSeriesOfOutput = 600.0
    /// The executable, the libraries and the scenario.
    static let baseBytes = 40e6

    /// The estimate for a plan.
    public init(plan: SimulationPlan, paths: Int, threads: Int, blockSize: Int = 256) {
        self.init(
            series: plan.valueCount, budgetCells: plan.budgetCells.count,
            programFunderYears: plan.programs.reduce(0) { $0 + $1.funderIDs.count } * plan.span,
            paths: paths, threads: threads, blockSize: blockSize)
    }

    /// The estimate from the scenario alone, before a plan allocates its layout: the event years
    /// are taken as the horizon's (a lower bound, since lags and loan terms add a few).
    public init(scenario s: Scenario, paths: Int, threads: Int, blockSize: Int = 256) {
        let years = s.years.count
        let lines = s.allBudgetLines
        let cells = lines.reduce(0) { $0 + $1.amounts.count }
        self.init(
            series: SeriesLayout.count(scenario: s, programFunders: s.programs.map(\.funderIDs), recovering: s.programs.map(\.hasRecoveries))
                + 2 * (cells + lines.count),
            budgetCells: cells,
            programFunderYears: s.programs.reduce(0) { $0 + $1.funderIDs.count } * years,
            paths: paths, threads: threads, blockSize: blockSize)
    }

    init(series seriesCount: Int, budgetCells: Int, programFunderYears pfy: Int, paths: Int, threads: Int, blockSize: Int) {
        let series = Double(seriesCount)
        let cells = Double(budgetCells)
        let programFunderYears = Double(pfy)
        let workers = Double(max(1, threads))
        var b = Self.baseBytes
        b += workers * 8 * (series + cells + 4 * programFunderYears)
        let n = Double(paths)
        if SimulationLimits.keepsPathValues(values: seriesCount, paths: paths) {
            b += 8 * n * series + 8 * n
        } else {
            let blocks = (n / Double(max(1, blockSize))).rounded(.up)
            b += blocks * (24 * series + 24 * cells)
            b += (workers + 1) * series * Self.sketchBytes
        }
        b += series * Self.bytesPerSeriesOfOutput
        bytes = b
    }

    /// The default bound: half the machine's memory.
    public static var defaultBound: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// `1.5 GB`, `820 MB`.
    public static func describe(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", max(1, bytes / 1e6))
    }

    /// Reads `512M`, `8G`, `2.5G`, `1T` or a plain number of bytes.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "B", with: "")
        let units: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        var number = Substring(t)
        var scale = 1.0
        if let last = t.last, let u = units[last] { scale = u; number = t.dropLast() }
        guard let v = Double(number), v.isFinite, v > 0 else { return nil }
        return v * scale
    }
}
