import CoFundEngine
import CoFundModel

extension TerminalJSON {
    /// The run's `self_check`: `SelfCheck` summed up, as the terminal says it.
    struct SelfCheckDocument: Encodable {
        struct Missing: Encodable {
            var program: String
            var reason: String
        }

        struct Total: Encodable {
            var closedForm: Double?
            var mean: Double
            var se: Double
            var controlledMean: Double?
            var controlledSE: Double?

            enum CodingKeys: String, CodingKey {
                case mean, se
                case closedForm = "closed_form"
                case controlledMean = "controlled_mean"
                case controlledSE = "controlled_se"
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(closedForm, forKey: .closedForm)
                try c.encode(mean, forKey: .mean)
                try c.encode(se, forKey: .se)
                try c.encode(controlledMean, forKey: .controlledMean)
                try c.encode(controlledSE, forKey: .controlledSE)
            }
        }

        var programs: Int
        var closedFormPrograms: Int
        var seriesCompared: Int
        var maxAbsZ: Double?
        var beyondTolerance: Int
        var withoutClosedForm: [Missing]
        /// The government's total over the horizon (null when no fiscal funder pays).
        var governmentTotal: Total?

        enum CodingKeys: String, CodingKey {
            case programs
            case closedFormPrograms = "closed_form_programs"
            case seriesCompared = "series_compared"
            case maxAbsZ = "max_abs_z"
            case beyondTolerance = "beyond_tolerance"
            case withoutClosedForm = "without_closed_form"
            case governmentTotal = "government_total"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(programs, forKey: .programs)
            try c.encode(closedFormPrograms, forKey: .closedFormPrograms)
            try c.encode(seriesCompared, forKey: .seriesCompared)
            try c.encode(maxAbsZ, forKey: .maxAbsZ)
            try c.encode(beyondTolerance, forKey: .beyondTolerance)
            try c.encode(withoutClosedForm, forKey: .withoutClosedForm)
            try c.encode(governmentTotal, forKey: .governmentTotal)
        }

        init(_ r: SimulationResult, _ check: SelfCheck) {
            programs = check.programs
            closedFormPrograms = check.programs - check.missing.count
            seriesCompared = check.rows.filter { $0.z != nil }.count
            maxAbsZ = check.worst?.z.map { abs($0) }.map { $0.isFinite ? $0 : .greatestFiniteMagnitude }
            beyondTolerance = check.failures.count
            withoutClosedForm = check.missing.map { Missing(program: $0.program, reason: $0.reason) }
            let g = r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total)
            governmentTotal = g.flatMap { i in check.rows.first { $0.series == i } }.map { row in
                Total(
                    closedForm: row.closedForm, mean: row.mean, se: row.se, controlledMean: row.controlled?.mean,
                    controlledSE: row.controlled?.se)
            }
        }
    }
}
