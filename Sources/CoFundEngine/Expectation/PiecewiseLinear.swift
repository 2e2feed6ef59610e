import CGSL
import CoFundModel
import Foundation

/// A payout that is linear between knots in the claim's base x ≥ 0: α + β·x on each piece
/// [lower, upper). A claim's payout under a flat or progressive rate, a floor, a cap and a minimum
/// base is one, and so is its expectation: a sum of the base's partial moments over the pieces.
struct PiecewiseLinear: Sendable {
    struct Piece: Sendable {
        var lower: Double
        var upper: Double
        var intercept: Double
        var slope: Double
    }

    var pieces: [Piece]

    /// The payout of one approved claim under `terms` (`RateTerms.payout`) as pieces: knots at the
    /// minimum base, at the brackets' limits and where the gross amount reaches the floor and the
    /// cap. Each piece's line is read from the payout itself at two inner points, so the pieces and
    /// `RateTerms.payout` are one formula. Nil for a negative rate (a payout that is not monotone).
    init?(rate terms: RateTerms) {
        let rates = terms.brackets.isEmpty ? [terms.rate] : terms.brackets.map(\.rate)
        guard rates.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        var knots: Set<Double> = [0, terms.minBase]
        for b in terms.brackets {
            guard let up = b.upTo else { break }
            knots.insert(up)
        }
        for level in [terms.limits.floor, terms.limits.cap] where level.isFinite && level > 0 {
            if let x = Self.reach(level, terms) { knots.insert(x) }
        }
        let sorted = knots.filter { $0.isFinite && $0 >= 0 }.sorted()
        var pieces: [Piece] = []
        for (i, a) in sorted.enumerated() {
            let b = i + 1 < sorted.count ? sorted[i + 1] : Double.infinity
            // Two inner points of the piece; the last piece is read a unit and two beyond its start.
            let width = b.isFinite ? b - a : Swift.max(1, a)
            let x1 = a + width / 4, x2 = a + width * 3 / 4
            let y1 = terms.payout(base: x1), y2 = terms.payout(base: x2)
            let slope = (y2 - y1) / (x2 - x1)
            // A piece that is flat is exactly flat: no rounding in its slope.
            let flat = y1 == y2
            pieces.append(Piece(lower: a, upper: b, intercept: flat ? y1 : y1 - slope * x1, slope: flat ? 0 : slope))
        }
        self.pieces = pieces
    }

    /// The base at which the gross amount (`RateTerms.gross`, increasing) reaches `level`; nil when
    /// it never does.
    static func reach(_ level: Double, _ terms: RateTerms) -> Double? {
        if terms.brackets.isEmpty { return terms.rate > 0 ? level / terms.rate : nil }
        var lower = 0.0
        var reached = 0.0
        for b in terms.brackets {
            let upper = b.upTo ?? .infinity
            let gain = b.rate * (upper - lower)
            if reached + gain >= level, b.rate > 0 { return lower + (level - reached) / b.rate }
            reached += gain
            lower = upper
        }
        return nil
    }

    /// E[payout(X)] for X drawn by `base`: in closed form for a fixed or lognormal base (the
    /// lognormal's partial moments, Klugman–Panjer–Willmot), by adaptive quadrature of
    /// payout(Q(u)) over u ∈ (0, 1) otherwise. Nil when the quadrature does not converge.
    func expectation(under base: Sampler) -> Double? {
        switch base.form {
        case let .fixed(v):
            return value(at: v)
        case let .lognormal(mu, sigma):
            return pieces.reduce(0) { sum, p in
                sum + p.intercept * Self.lognormalProbability(p.lower, p.upper, mu, sigma)
                    + (p.slope == 0 ? 0 : p.slope * Self.lognormalPartialMean(p.lower, p.upper, mu, sigma))
            }
        default:
            return Quadrature.overUnitInterval { u in self.value(at: base.quantile(u)) }
        }
    }

    /// The payout at base x.
    func value(at x: Double) -> Double {
        for p in pieces.reversed() where x >= p.lower { return p.intercept + p.slope * x }
        return 0
    }

    /// P(a ≤ X < b) for ln X ~ N(μ, σ²).
    static func lognormalProbability(_ a: Double, _ b: Double, _ mu: Double, _ sigma: Double) -> Double {
        normalBetween(standardised(a, mu, sigma), standardised(b, mu, sigma))
    }

    /// E[X · 1{a ≤ X < b}] = e^(μ + σ²/2) · P(a ≤ Y < b) with ln Y ~ N(μ + σ², σ²).
    static func lognormalPartialMean(_ a: Double, _ b: Double, _ mu: Double, _ sigma: Double) -> Double {
        let shifted = mu + sigma * sigma
        return exp(mu + sigma * sigma / 2) * normalBetween(standardised(a, shifted, sigma), standardised(b, shifted, sigma))
    }

    private static func standardised(_ x: Double, _ mu: Double, _ sigma: Double) -> Double {
        if x <= 0 { return -.infinity }
        if !x.isFinite { return .infinity }
        return (log(x) - mu) / sigma
    }

    /// Φ(z₂) − Φ(z₁), from the upper tails when both are above the median (no cancellation).
    private static func normalBetween(_ z1: Double, _ z2: Double) -> Double {
        guard z2 > z1 else { return 0 }
        if z1 > 0 { return upper(z1) - upper(z2) }
        return lower(z2) - lower(z1)
    }

    private static func lower(_ z: Double) -> Double {
        z == -.infinity ? 0 : (z == .infinity ? 1 : gsl_cdf_ugaussian_P(z))
    }

    private static func upper(_ z: Double) -> Double {
        z == .infinity ? 0 : (z == -.infinity ? 1 : gsl_cdf_ugaussian_Q(z))
    }
}
