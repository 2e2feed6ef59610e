/// A value that is not a finite number, found during a run: the run stops and nothing is written.
///
/// Validation keeps every distribution within what the samplers can draw in double precision, so
/// this is the guard behind it: an inverse distribution function that did not converge, or a sum
/// that overflowed. The message names the program, the parameter where it is known, and the path.
public struct NumericFailure: Error, Sendable, CustomStringConvertible, Equatable {
    public var program: String
    /// The parameter's field (`rate`, `pd`), or nil when the value came from the program's claims or loans.
    public var field: String?
    public var path: Int
    public var value: Double

    public var description: String {
        let what = field.map { "its parameter `\($0)` was drawn as \(value)" } ?? "its claims or loans summed to \(value)"
        return "program `\(program)`: \(what) on path \(path), which cannot be computed in double precision; "
            + "the run was stopped and nothing was written. Narrow that distribution (a smaller sd or p90), or write a fixed number"
    }

    /// The failure of the earliest path, so that the message does not depend on the thread count.
    static func first(_ failures: [NumericFailure?]) -> NumericFailure? {
        failures.compactMap { $0 }.min { $0.path < $1.path }
    }
}

extension PathSimulator {
    /// Records a parameter that is not finite; the first one found is kept.
    func checkParameter(_ value: Double, program: ProgramPlan, slot: Int, path: UInt64) {
        guard !value.isFinite, failure == nil else { return }
        failure = NumericFailure(program: program.program.id, field: program.parameterNames[slot], path: Int(path), value: value)
    }

    /// Records the first series value of a path that is not finite, naming its program.
    func checkRow(_ row: UnsafePointer<Double>, path: Int) {
        guard failure == nil else { return }
        let layout = plan.layout
        for k in 0..<layout.series.count where !row[k].isFinite {
            let program = layout.series[k].program.map { plan.programs[$0].program.id } ?? "all"
            failure = NumericFailure(program: program, field: nil, path: path, value: row[k])
            return
        }
    }
}

extension ProgramPlan {
    /// The field of the program's yearly count, for messages.
    var countField: String { program.rule.countField + ".count" }
}
