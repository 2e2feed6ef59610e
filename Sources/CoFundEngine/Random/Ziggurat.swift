import Foundation

/// Standard normal draws by the ziggurat method with 256 layers (Marsaglia & Tsang 2000, in the
/// form Doornik 2005 gives, which takes the layer from bits the uniform does not use).
///
/// The density f(x) = exp(−x²/2) is covered by 255 rectangles of equal area V and a base layer of
/// the same area holding the tail beyond R. A draw takes one 64-bit word: its low 8 bits pick a
/// layer i, its top 53 bits a uniform u on (−1, 1); x = u · X[i] is accepted at once when |u| lies
/// inside the rectangle below the curve (about 99% of draws); otherwise the wedge is tested against
/// the curve, or, in the base layer, a tail value is drawn by Marsaglia's exponential method. The
/// result is exactly N(0, 1) up to the 53-bit resolution of u.
public enum Ziggurat {
    /// The layers: 256 of them, the base one holding the tail.
    public static let layers = 256
    /// Where the tail starts, and the common area of the layers, for 256 layers.
    static let r = 3.6541528853610088
    static let v = 4.92867323399e-3

    /// X[i]: the right edge of layer i (X[0] = V / f(R) for the base layer, X[1] = R, X[256] = 0).
    @usableFromInline static let x: [Double] = {
        var x = [Double](repeating: 0, count: layers + 1)
        x[0] = v / exp(-0.5 * r * r)
        x[1] = r
        for i in 2..<layers { x[i] = (-2 * log(v / x[i - 1] + exp(-0.5 * x[i - 1] * x[i - 1]))).squareRoot() }
        x[layers] = 0
        return x
    }()

    /// The layers' right edges, for checks.
    public static var edges: [Double] { x }
    /// The common area of the layers.
    public static var layerArea: Double { v }

    /// X[i + 1] / X[i]: the part of layer i that lies wholly under the curve.
    @usableFromInline static let ratio: [Double] = (0..<layers).map { x[$0 + 1] / x[$0] }

    /// (ratio[i], X[i]) side by side, read by the fast path without bounds checks: built once, never
    /// written after, never freed (a table for the life of the process).
    @usableFromInline nonisolated(unsafe) static let table: UnsafePointer<Double> = {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: 2 * layers)
        for i in 0..<layers {
            p[2 * i] = ratio[i]
            p[2 * i + 1] = x[i]
        }
        return UnsafePointer(p)
    }()

    /// A standard normal draw from `g`.
    @inlinable
    public static func normal(_ g: inout Xoshiro256) -> Double {
        let t = table
        while true {
            let bits = g.next()
            let i = Int(truncatingIfNeeded: bits & 0xFF)
            let u = Double(bits >> 11) * 0x1.0p-52 - 1  // on [−1, 1) in steps of 2⁻⁵²
            if abs(u) < t[2 * i] { return u * t[2 * i + 1] }
            if let drawn = edge(i, u, &g) { return drawn }
        }
    }

    /// n standard normal draws from `g` into `out`, the values `normal` would give one by one, with
    /// the table read once. The generator's state is a local copy that goes to `edge` and back by
    /// value, so that the fast path keeps it in registers (an inout state would live in memory).
    @inlinable
    public static func fill(_ out: UnsafeMutablePointer<Double>, count n: Int, _ g: inout Xoshiro256) {
        let t = table
        var s = g
        var k = 0
        while k < n {
            let bits = s.next()
            let i = Int(truncatingIfNeeded: bits & 0xFF)
            let u = Double(bits >> 11) * 0x1.0p-52 - 1
            if abs(u) < t[2 * i] {
                out[k] = u * t[2 * i + 1]
                k += 1
                continue
            }
            let (drawn, after) = edge(i, u, state: s)
            s = after
            if let drawn {
                out[k] = drawn
                k += 1
            }
        }
        g = s
    }

    /// `edge` from the generator state `state`: the draw and the state after it.
    @usableFromInline
    static func edge(_ i: Int, _ u: Double, state: Xoshiro256) -> (Double?, Xoshiro256) {
        var g = state
        let drawn = edge(i, u, &g)
        return (drawn, g)
    }

    /// The rare draws outside the rectangles: the tail (layer 0) or a wedge; nil when rejected.
    @usableFromInline
    static func edge(_ i: Int, _ u: Double, _ g: inout Xoshiro256) -> Double? {
        if i == 0 {
            // Marsaglia's tail: x = −ln(U₁)/R, accepted when −2 ln(U₂) > x².
            while true {
                let t = -log(g.uniformOpen()) / r
                let y = -log(g.uniformOpen())
                if 2 * y > t * t { return u < 0 ? -(r + t) : r + t }
            }
        }
        let value = u * x[i]
        let f0 = exp(-0.5 * (x[i] * x[i] - value * value))
        let f1 = exp(-0.5 * (x[i + 1] * x[i + 1] - value * value))
        return f1 + g.uniform() * (f0 - f1) < 1 ? value : nil
    }
}
