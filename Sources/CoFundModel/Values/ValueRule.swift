/// The values a numeric field may take, with the words used to tell a user what is allowed.
public enum ValueRule: Sendable {
    /// Any finite number.
    case any
    /// 0 or more: amounts, rates, caps, counts.
    case nonNegative
    /// More than 0.
    case positive
    /// A probability or fraction in [0, 1].
    case probability
    /// An asset correlation in [0, 1).
    case correlation

    func allows(_ v: Double) -> Bool {
        switch self {
        case .any: true
        case .nonNegative: v >= 0
        case .positive: v > 0
        case .probability: v >= 0 && v <= 1
        case .correlation: v >= 0 && v < 1
        }
    }

    /// Whether every value of `range` is allowed.
    func allows(_ range: ClosedRange<Double>) -> Bool {
        allows(range.lowerBound) && (range.upperBound == range.lowerBound || allows(range.upperBound))
            && !(self == .probability && range.upperBound.isInfinite)
    }

    var allowed: String {
        switch self {
        case .any: "any number"
        case .nonNegative: "0 or more"
        case .positive: "more than 0"
        case .probability: "a probability from 0 to 1"
        case .correlation: "a correlation from 0 up to (not including) 1"
        }
    }
}

extension ValueRule: Equatable {}
