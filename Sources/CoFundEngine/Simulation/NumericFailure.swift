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
