import Foundation

/// How many applications (or new loans) arrive in a year.
///
/// The mean grows geometrically from the program's anchor year (its declared first year, or the
/// scenario's first year): mean × (1 + growth)^n in the year n years after the anchor, n < 0 in
/// the years simulated before it.
public struct CountDistribution: Sendable, Hashable {
    public enum Family: Sendable, Hashable {
        case fixed
        case poisson
        /// Gamma–Poisson with the given dispersion k: Var[N] = m + m²/k in every year. `mixing`
        /// says how often the gamma mixing variable is drawn.
        case negativeBinomial(dispersion: Double, mixing: Mixing = .perPath)
    }

    /// When the gamma mixing variable of a negative binomial is drawn.
    public enum Mixing: String, Sendable, Hashable, CaseIterable {
        /// Once per path and program: G ~ Gamma(k, 1/k), each year's count Poisson(G × that
        /// year's mean). How popular a measure turns out to be persists across its years, so
        /// the years' counts are correlated (Cov = m_s·m_t/k) and a multi-year total has
        /// variance Σm_t + (Σm_t)²/k.
        case perPath = "per_path"
        /// Afresh every year: the years' counts are independent, and a T-year total with a
        /// constant mean m has variance T·(m + m²/k).
        case perYear = "per_year"
    }

    public var family: Family
    public var mean: Double
    public var growth: Double

    public init(family: Family, mean: Double, growth: Double = 0) {
        self.family = family
        self.mean = mean
        self.growth = growth
    }

    /// The mean count in the program's year `programYear`, counted from its anchor year (0 for
    /// that year, negative before it).
    public func mean(inProgramYear programYear: Int) -> Double {
        growth == 0 ? mean : mean * pow(1 + growth, Double(programYear))
    }

    /// The variance of the count in a year with mean m.
    public func variance(mean m: Double) -> Double {
        switch family {
        case .fixed: 0
        case .poisson: m
        case let .negativeBinomial(k, _): m + m * m / k
        }
    }

    /// The mixing of a negative binomial; nil for counts without a mixing variable.
    public var mixing: Mixing? {
        if case let .negativeBinomial(_, mixing) = family { return mixing }
        return nil
    }

    public var name: String {
        switch family {
        case .fixed: "fixed"
        case .poisson: "poisson"
        case .negativeBinomial: "negative_binomial"
        }
    }
}
