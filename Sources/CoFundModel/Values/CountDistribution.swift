import Foundation

/// How many applications (or new loans) arrive in a year.
///
/// The mean grows geometrically: mean × (1 + growth)^(year − first year).
public struct CountDistribution: Sendable, Hashable {
    public enum Family: Sendable, Hashable {
        case fixed
        case poisson
        /// Gamma–Poisson with the given dispersion k: Var[N] = m + m²/k.
        case negativeBinomial(dispersion: Double)
    }

    public var family: Family
    public var mean: Double
    public var growth: Double

    public init(family: Family, mean: Double, growth: Double = 0) {
        self.family = family
        self.mean = mean
        self.growth = growth
    }

    /// The mean count in the year `yearIndex` years after the first.
    public func mean(inYear yearIndex: Int) -> Double {
        growth == 0 ? mean : mean * pow(1 + growth, Double(yearIndex))
    }

    /// The variance of the count in a year with mean m.
    public func variance(mean m: Double) -> Double {
        switch family {
        case .fixed: 0
        case .poisson: m
        case let .negativeBinomial(k): m + m * m / k
        }
    }

    public var name: String {
        switch family {
        case .fixed: "fixed"
        case .poisson: "poisson"
        case .negativeBinomial: "negative_binomial"
        }
    }
}
