/// A numeric parameter of a program: a number, or an uncertain parameter drawn once per path.
///
/// "We are not sure of the default rate" is written `pd: {dist: beta, mean: 0.03, sd: 0.01}`:
/// each Monte Carlo path draws one pd and uses it for every loan of that path.
public enum Parameter: Sendable, Hashable {
    case value(Double)
    case uncertain(Distribution)

    /// The value used where one number is needed without simulation (`cofund explain`):
    /// the number itself, or the mean of an uncertain parameter.
    public var central: Double {
        switch self {
        case let .value(v): v
        case let .uncertain(d): d.mean
        }
    }

    /// The values the parameter can take.
    public var support: ClosedRange<Double> {
        switch self {
        case let .value(v): v...v
        case let .uncertain(d): d.support
        }
    }

    public var isUncertain: Bool {
        if case let .uncertain(d) = self { return !d.isDegenerate }
        return false
    }
}
