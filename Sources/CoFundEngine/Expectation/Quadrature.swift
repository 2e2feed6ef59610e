import CGSL

/// Integrals for the closed-form means: GSL's adaptive QAGS for a payout over a base's quantiles,
/// and Gauss–Legendre nodes for the expectation over uncertain parameters.
enum Quadrature {
    /// The relative tolerance asked of QAGS; its error estimate must come back below it.
    static let relativeTolerance = 1e-10

    /// ∫₀¹ f(u) du by QAGS (which tolerates the endpoint singularities of a quantile), or nil when
    /// GSL reports that it did not reach the tolerance or the result is not finite.
    static func overUnitInterval(_ f: @escaping (Double) -> Double) -> Double? {
        GSL.configure()
        final class Box {
            let f: (Double) -> Double
            init(_ f: @escaping (Double) -> Double) { self.f = f }
        }
        let box = Box(f)
        let context = Unmanaged.passRetained(box)
        defer { context.release() }
        var function = gsl_function(
            function: { u, params in
                let box = Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue()
                return box.f(u)
            }, params: context.toOpaque())
        let limit = 1000
        guard let workspace = gsl_integration_workspace_alloc(limit) else { return nil }
        defer { gsl_integration_workspace_free(workspace) }
        var result = 0.0, error = 0.0
        let status = gsl_integration_qags(&function, 0, 1, 0, relativeTolerance, limit, workspace, &result, &error)
        guard status == GSL_SUCCESS, result.isFinite else { return nil }
        return result
    }

    /// The n-point Gauss–Legendre nodes and weights on (0, 1): exact for polynomials of degree
    /// 2n − 1, and never at the endpoints, where a quantile may be infinite.
    static func legendre(_ n: Int) -> [(node: Double, weight: Double)] {
        guard let table = gsl_integration_glfixed_table_alloc(n) else { return [] }
        defer { gsl_integration_glfixed_table_free(table) }
        return (0..<n).map { i in
            var x = 0.0, w = 0.0
            gsl_integration_glfixed_point(0, 1, i, &x, &w, table)
            return (x, w)
        }
    }
}
