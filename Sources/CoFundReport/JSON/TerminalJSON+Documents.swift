import CoFundEngine
import CoFundModel
import Foundation

/// The documents `--format json` prints, as Codable values written by `JSONStyle`.
extension TerminalJSON {
    /// The scenario and run keys at the top of `run` and `compare`.
    struct Header: Encodable {
        var scenario: String
        var title: String
        var unit: String
        var firstYear: Int
        var lastYear: Int
        var paths: Int
        var seed: UInt64
        /// Whether the per-path inputs were drawn by Latin hypercube (`cofund run --stratify`).
        var stratified: Bool

        enum CodingKeys: String, CodingKey {
            case scenario, title, unit
            case firstYear = "first_year"
            case lastYear = "last_year"
            case paths, seed, stratified
        }

        init(_ s: Scenario, paths: Int, seed: UInt64, stratified: Bool = false) {
            scenario = s.id
            title = s.title
            unit = s.unit.rawValue
            firstYear = s.years.lowerBound
            lastYear = s.years.upperBound
            self.paths = paths
            self.seed = seed
            self.stratified = stratified
        }
    }

    /// One series' statistics.
    struct Statistics: Encodable {
        var mean, sd, se, p05, p50, p90, p95, p99, cvar95, cvar99, max: Double

        init(_ s: SeriesStatistics) {
            mean = s.mean
            sd = s.sd
            se = s.se
            p05 = s.p05
            p50 = s.p50
            p90 = s.p90
            p95 = s.p95
            p99 = s.p99
            cvar95 = s.cvar95
            cvar99 = s.cvar99
            max = s.max
        }
    }

    /// A series' statistics, or `{}` when the run has no such series.
    struct StatisticsOrEmpty: Encodable {
        var statistics: Statistics?

        init(_ s: SeriesStatistics?) { statistics = s.map(Statistics.init) }

        func encode(to encoder: Encoder) throws {
            if let statistics {
                try statistics.encode(to: encoder)
            } else {
                try [String: Double]().encode(to: encoder)
            }
        }
    }

    /// `cofund run`: the header, the reforms, each funder's exposure and the budgets at risk.
    struct RunDocument: Encodable {
        struct Funder: Encodable {
            var id: String
            var name: String
            var years: [String: Statistics]
            var total: StatisticsOrEmpty
            var after: StatisticsOrEmpty
        }

        /// A budget line's appropriation in one year.
        struct Budget: Encodable {
            var line: String
            var programs: [String]
            var illustrative: Bool
            var funder: String
            var year: Int
            var budget: Double
            var pOverBudget: Double
            var expectedExcess: Double
            var expectedUnpaid: Double

            enum CodingKeys: String, CodingKey {
                case line, programs, illustrative, funder, year, budget
                case pOverBudget = "p_over_budget"
                case expectedExcess = "expected_excess"
                case expectedUnpaid = "expected_unpaid"
            }
        }

        var header: Header
        var reforms: [String]
        /// Each reform file's title and source, as in `manifest.json`.
        var reformFiles: [ReformCitation]
        var funders: [Funder]
        var budgets: [Budget]
        var selfCheck: SelfCheckDocument
        /// `--importance`'s estimates; left out without it.
        var importance: ImportanceDocument?

        enum CodingKeys: String, CodingKey {
            case reforms, funders, budgets, importance
            case reformFiles = "reform_files"
            case selfCheck = "self_check"
        }

        func encode(to encoder: Encoder) throws {
            try header.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reforms, forKey: .reforms)
            try c.encode(reformFiles, forKey: .reformFiles)
            try c.encode(funders, forKey: .funders)
            try c.encode(budgets, forKey: .budgets)
            try c.encode(selfCheck, forKey: .selfCheck)
            try c.encodeIfPresent(importance, forKey: .importance)
        }
    }

    /// One series' change from the base to the reform.
    struct Delta: Encodable {
        var baseMean: Double
        var reformMean: Double
        var deltaMean: Double
        var deltaSE: Double
        var deltaCI95: [Double]
        /// Null when the runs have no variance.
        var varianceRatio: Double?
        var baseP95: Double
        var reformP95: Double
        var deltaP95: Double
        /// The batch-means interval; null with too few paths.
        var deltaP95CI95: [Double]?

        enum CodingKeys: String, CodingKey {
            case baseMean = "base_mean"
            case reformMean = "reform_mean"
            case deltaMean = "delta_mean"
            case deltaSE = "delta_se"
            case deltaCI95 = "delta_ci95"
            case varianceRatio = "variance_ratio"
            case baseP95 = "base_p95"
            case reformP95 = "reform_p95"
            case deltaP95 = "delta_p95"
            case deltaP95CI95 = "delta_p95_ci95"
        }

        init(_ row: PairedComparison.Row) {
            baseMean = row.base.mean
            reformMean = row.reform.mean
            deltaMean = row.delta.mean
            deltaSE = row.delta.se
            deltaCI95 = [row.interval95.lowerBound, row.interval95.upperBound]
            varianceRatio = row.varianceRatio
            baseP95 = row.base.p95
            reformP95 = row.reform.p95
            deltaP95 = row.p95Delta
            deltaP95CI95 = row.p95Interval95.map { [$0.lowerBound, $0.upperBound] }
        }

        /// Writes every key, an absent variance ratio or p95 interval as null.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(baseMean, forKey: .baseMean)
            try c.encode(reformMean, forKey: .reformMean)
            try c.encode(deltaMean, forKey: .deltaMean)
            try c.encode(deltaSE, forKey: .deltaSE)
            try c.encode(deltaCI95, forKey: .deltaCI95)
            try c.encode(varianceRatio, forKey: .varianceRatio)
            try c.encode(baseP95, forKey: .baseP95)
            try c.encode(reformP95, forKey: .reformP95)
            try c.encode(deltaP95, forKey: .deltaP95)
            try c.encode(deltaP95CI95, forKey: .deltaP95CI95)
        }
    }

    /// `cofund compare`: the header, the reforms and each funder's change.
    struct CompareDocument: Encodable {
        struct Funder: Encodable {
            var id: String
            var total: Delta
            var years: [String: Delta]
        }

        /// One budget line's change in one year or over the horizon (`total`, as `delta-budgets.csv`'s `total` rows).
        struct Line: Encodable {
            var line: String
            var funder: String
            var year: String
            var present: String
            var baseProbabilityOver: Double?
            var reformProbabilityOver: Double?
            var deltaProbabilityOver: Double?
            var deltaSE: Double?
            var deltaCI95: [Double]?

            enum CodingKeys: String, CodingKey {
                case line, funder, year, present
                case baseProbabilityOver = "base_p_over"
                case reformProbabilityOver = "reform_p_over"
                case deltaProbabilityOver = "delta_p_over"
                case deltaSE = "delta_p_over_se"
                case deltaCI95 = "delta_p_over_ci95"
            }

            init(_ row: PairedComparison.LineRow, _ s: Scenario) {
                line = row.line
                funder = row.funder
                year = row.year.map { String(s.years.lowerBound + $0) } ?? "total"
                present = row.base == nil ? "reform" : (row.reform == nil ? "base" : "both")
                baseProbabilityOver = row.base?.probabilityOver
                reformProbabilityOver = row.reform?.probabilityOver
                deltaProbabilityOver = row.deltaOver?.mean
                deltaSE = row.deltaOver?.se
                deltaCI95 = row.deltaOver.map { [$0.interval95.lowerBound, $0.interval95.upperBound] }
            }

            /// Writes every key, a side without the line and the change it then lacks as null.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(line, forKey: .line)
                try c.encode(funder, forKey: .funder)
                try c.encode(year, forKey: .year)
                try c.encode(present, forKey: .present)
                try c.encode(baseProbabilityOver, forKey: .baseProbabilityOver)
                try c.encode(reformProbabilityOver, forKey: .reformProbabilityOver)
                try c.encode(deltaProbabilityOver, forKey: .deltaProbabilityOver)
                try c.encode(deltaSE, forKey: .deltaSE)
                try c.encode(deltaCI95, forKey: .deltaCI95)
            }
        }

        /// What differs between the two files of `compare A.yaml B.yaml` (null for a reform).
        struct Differences: Encodable {
            var parametersAdded: [String]
            var parametersRemoved: [String]
            var parametersChanged: [String]
            /// Each added, removed or changed parameter with the programs reading it in either scenario.
            var parameterReaders: [Readers]
            var programsAdded: [String]
            var programsRemoved: [String]
            var programsChanged: [String]
            var fundersAdded: [String]
            var fundersRemoved: [String]
            var budgetLinesAdded: [String]
            var budgetLinesRemoved: [String]
            var budgetLinesChanged: [String]
            var fields: [Field]

            struct Field: Encodable {
                var path: String
                var base: String
                var reform: String
            }

            struct Readers: Encodable {
                var parameter: String
                var programs: [String]
            }

            enum CodingKeys: String, CodingKey {
                case parametersAdded = "parameters_added"
                case parametersRemoved = "parameters_removed"
                case parametersChanged = "parameters_changed"
                case parameterReaders = "parameter_readers"
                case programsAdded = "programs_added"
                case programsRemoved = "programs_removed"
                case programsChanged = "programs_changed"
                case fundersAdded = "funders_added"
                case fundersRemoved = "funders_removed"
                case budgetLinesAdded = "budget_lines_added"
                case budgetLinesRemoved = "budget_lines_removed"
                case budgetLinesChanged = "budget_lines_changed"
                case fields
            }

            init(_ d: ScenarioDiff) {
                parametersAdded = d.parametersAdded
                parametersRemoved = d.parametersRemoved
                parametersChanged = d.parametersChanged
                parameterReaders = (d.parametersAdded + d.parametersRemoved + d.parametersChanged).map {
                    Readers(parameter: $0, programs: d.parameterReaders[$0] ?? [])
                }
                programsAdded = d.programsAdded
                programsRemoved = d.programsRemoved
                programsChanged = d.programsChanged
                fundersAdded = d.fundersAdded
                fundersRemoved = d.fundersRemoved
                budgetLinesAdded = d.budgetLinesAdded
                budgetLinesRemoved = d.budgetLinesRemoved
                budgetLinesChanged = d.budgetLinesChanged
                fields = d.fields.map { Field(path: $0.path, base: $0.base, reform: $0.reform) }
            }
        }

        var header: Header
        var reforms: [String]
        /// Each reform file's title and source, as in `manifest.json`.
        var reformFiles: [ReformCitation]
        var differences: Differences?
        var funders: [Funder]
        var lines: [Line]

        enum CodingKeys: String, CodingKey {
            case reforms, funders, lines
            case reformFiles = "reform_files"
            case differences = "scenario_diff"
        }

        func encode(to encoder: Encoder) throws {
            try header.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reforms, forKey: .reforms)
            try c.encode(reformFiles, forKey: .reformFiles)
            try c.encode(differences, forKey: .differences)
            try c.encode(funders, forKey: .funders)
            try c.encode(lines, forKey: .lines)
        }
    }

    /// One point of `cofund sweep`: the values set, as written, and each funder's total.
    struct SweepPoint: Encodable {
        struct Funder: Encodable {
            var id: String
            var total: StatisticsOrEmpty
        }

        var values: [String: String]
        var funders: [Funder]
    }

    /// One swing of `cofund sensitivity`.
    struct Swing: Encodable {
        var scope: String
        var id: String
        var program: String?
        var field: String
        var path: String
        var setting: String
        var valueLow: String
        var valueHigh: String
        var meanAtLow: Double?
        var meanAtHigh: Double?
        var meanSwing: Double?
        var p95Swing: Double?
        var pOverAtLow: Double?
        var pOverAtHigh: Double?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case scope, id, program, field, path, setting, note
            case valueLow = "value_low"
            case valueHigh = "value_high"
            case meanAtLow = "mean_at_low"
            case meanAtHigh = "mean_at_high"
            case meanSwing = "mean_swing"
            case p95Swing = "p95_swing"
            case pOverAtLow = "p_over_at_low"
            case pOverAtHigh = "p_over_at_high"
        }

        init(_ w: SensitivityAnalysis.Swing) {
            scope = w.scope.rawValue
            id = w.id
            program = w.driver.program ?? w.driver.line
            field = w.driver.field
            path = w.driver.path
            setting = w.driver.setting
            valueLow = w.driver.lowText
            valueHigh = w.driver.highText
            meanAtLow = w.low?.mean
            meanAtHigh = w.high?.mean
            meanSwing = w.ran ? w.meanSwing : nil
            p95Swing = w.ran ? w.p95Swing : nil
            pOverAtLow = w.lowOver
            pOverAtHigh = w.highOver
            note = w.driver.note
        }
    }
}
