import Foundation

/// Gamma and beta variates from the inline generator, by Marsaglia and Tsang's method (2000): for
/// shape a ≥ 1, d = a − ⅓, c = 1/√(9d); draw a normal x and v = (1 + cx)³, accept dv when
/// ln U < x²/2 + d − dv + d ln v (with the squeeze U < 1 − 0.0331x⁴ taking about 98% of draws
/// without a logarithm). Shape a < 1 uses Gamma(a + 1) · U^(1/a). Exact in distribution; a beta
/// value is X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). Tests check both against GSL's distribution
/// functions.
public enum GammaVariate {
    /// A Gamma(shape, 1) value.
    @inlinable
    public static func standard(shape a: Double, _ g: inout Xoshiro256) -> Double {
        if a < 1 {
            let boost = Foundation.pow(g.uniformOpen(), 1 / a)
            return standard(shape: a + 1, &g) * boost
        }
        let d = a - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = Ziggurat.normal(&g)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = g.uniformOpen()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if Foundation.log(u) < 0.5 * x2 + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// A Beta(a, b) value.
    @inlinable
    public static func beta(_ a: Double, _ b: Double, _ g: inout Xoshiro256) -> Double {
        let x = standard(shape: a, &g)
        let y = standard(shape: b, &g)
        return x / (x + y)
    }
}
