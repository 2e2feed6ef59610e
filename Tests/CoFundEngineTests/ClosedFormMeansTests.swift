import CGSL
import CoFundEngine
import CoFundModel
import CoFundTestSupport
import XCTest

/// The closed-form means (`ClosedFormMeans`) against formulas written out here (VALIDATION.md), the
/// deterministic limit (an exact identity), and the simulation (within 4 standard errors), and the
/// control variate built on them (`SelfCheck`).
final class ClosedFormMeansTests: XCTestCase {
    /// The closed-form mean of one series.
    static func closedForm(
        _ r: SimulationResult, _ program: String?, _ funder: String?, _ year: SeriesLayout.YearSlot, flow: SeriesLayout.Flow = .net
    ) throws -> Double {
        let means = ClosedFormMeans(plan: r.plan)
        let p = program.flatMap { id in r.scenario.programs.firstIndex { $0.id == id } }
        let i = try XCTUnwrap(r.plan.layout.index(program: p, funder: funder, year: year, flow: flow))
        return try XCTUnwrap(means.values[i], "\(program ?? "all") \(funder ?? "all") has no closed form")
    }

    /// Oracle: a rate program's yearly mean λ·p·r·E[min(X, c/r)], with the lognormal's limited expected
    /// value e^(μ+σ²/2)·Φ((ln u − μ − σ²)/σ) + u·(1 − Φ((ln u − μ)/σ)) (Klugman, Panjer & Willmot); to
    /// 1e-12 relative. And the simulated mean within 4 standard errors of it.
    func testARateProgramsMeanIsTheLimitedExpectedValueFormula() async throws {
        let s = try EngineTest.scenario(
            years: 2,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 400}, approval: 0.85},
                     base: {dist: lognormal, median: 80, p90: 600}, rate: 0.025, cap_per_claim: 2, share: {province: 0.5, city: 0.5}}
                """)
        let r = try await EngineTest.run(s, paths: 4000)
        let mu = log(80.0), sigma = Distribution.lognormalSigma(median: 80, p90: 600), u = 2 / 0.025
        let lev =
            exp(mu + sigma * sigma / 2) * EngineTest.phi((log(u) - mu - sigma * sigma) / sigma) + u * (1 - EngineTest.phi((log(u) - mu) / sigma))
        let formula = 0.5 * 400 * 0.85 * 0.025 * lev
        let closed = try Self.closedForm(r, "rd", "province", .year(1))
        XCTAssertEqual(closed, formula, accuracy: 1e-12 * formula)
        let st = try XCTUnwrap(r.statistics(program: "rd", funder: "province", year: .year(1)))
        XCTAssertEqual(st.mean, closed, accuracy: 4 * st.se)
    }

    /// Oracle: a gamma base (mean kθ) capped at u has E[min(X, u)] = kθ·P(k + 1, u/θ) + u·Q(k, u/θ), with
    /// P and Q the regularised incomplete gamma functions; the closed form reaches it by quadrature
    /// over the base's quantiles, to 1e-8 relative.
    func testAGammaBaseIsIntegratedToTheIncompleteGammaFormula() async throws {
        let s = try EngineTest.scenario(
            programs: """
                  - {id: g, name: g, source: t, kind: rate, claims: {count: 10}, base: {dist: gamma, mean: 6, sd: 5},
                     rate: 5, cap_per_claim: 50, share: {city: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 10)
        let (k, theta) = Distribution.gammaShapeScale(mean: 6, sd: 5)
        let u = 50.0 / 5
        let lev = k * theta * gsl_sf_gamma_inc_P(k + 1, u / theta) + u * gsl_sf_gamma_inc_Q(k, u / theta)
        let closed = try Self.closedForm(r, "g", "city", .year(0))
        XCTAssertEqual(closed, 10 * 5 * lev, accuracy: 1e-8 * closed)
    }

    /// Oracle (VALIDATION.md, the fiscal rules): a pool of n one-year bullet loans, ρ = 0, pays a funder
    /// with loss share s the amount s·n·pd·E[min(P, cap)] in the default year and gets back
    /// s·n·pd·E[r]·E[min(P, cap)] `lag` years later; the bank bears n·pd·E[P] minus the funders' gross.
    /// To 1e-12 relative; the simulated means within 4 standard errors.
    func testAPoolsExpectedCompensationAndRecoveryAreTheTextsFormula() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"], years: 3,
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation,
                     loans: {count: {dist: poisson, mean: 500}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 1},
                     cap_per_borrower: 1000, pd: {dist: beta, mean: 0.03, sd: 0.01}, rho: 0.2,
                     recovery: {rate: {dist: beta, mean: 0.3, sd: 0.2}, lag: 2},
                     loss_shares: {city: 0.35, province: {dist: triangular, low: 0.2, mode: 0.35, high: 0.45}}, residual: bank}
                """)
        let r = try await EngineTest.run(s, paths: 4000)
        let mu = log(300.0), sigma = Distribution.lognormalSigma(median: 300, p90: 1500), u = 1000.0
        let lev =
            exp(mu + sigma * sigma / 2) * EngineTest.phi((log(u) - mu - sigma * sigma) / sigma) + u * (1 - EngineTest.phi((log(u) - mu) / sigma))
        let meanP = exp(mu + sigma * sigma / 2)
        let defaults = 500 * 0.03
        let province = (0.2 + 0.35 + 0.45) / 3
        let gross = try Self.closedForm(r, "pool", "city", .year(0), flow: .gross)
        XCTAssertEqual(gross, 0.35 * defaults * lev, accuracy: 1e-12 * gross)
        // Every year holds the year's defaults and the recoveries of the defaults two years before
        // (loans are simulated from before the horizon, so that year 0 has them too).
        let net2 = try Self.closedForm(r, "pool", "province", .year(2))
        XCTAssertEqual(net2, province * defaults * lev * (1 - 0.3), accuracy: 1e-12 * net2)
        let bank0 = try Self.closedForm(r, "pool", "bank", .year(0), flow: .gross)
        XCTAssertEqual(bank0, defaults * meanP - (0.35 + province) * defaults * lev, accuracy: 1e-9 * bank0)
        let bankRecovered = try Self.closedForm(r, "pool", "bank", .year(1), flow: .recovered)
        XCTAssertEqual(bankRecovered, -0.3 * (defaults * meanP - (0.35 + province) * defaults * lev), accuracy: 1e-9 * abs(bankRecovered))
        for (f, y) in [("city", 0), ("province", 2), ("bank", 0), ("bank", 2)] {
            let st = try XCTUnwrap(r.statistics(program: "pool", funder: f, year: .year(y)))
            XCTAssertEqual(st.mean, try Self.closedForm(r, "pool", f, .year(y)), accuracy: 4 * st.se, "\(f) \(y)")
        }
    }

    /// Exact identity: with nothing random every path is the closed form (1e-9), and so is the control
    /// variate's estimate, with no error.
    func testWithNothingRandomEveryPathIsTheClosedForm() async throws {
        let s = try EngineTest.scenario(
            years: 2,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: 7}, base: 20000, rate: 0.025, cap_per_claim: 250,
                     share: {province: 0.5, city: 0.25, district: 0.25}, payment_lag: 1}
                  - {id: m, name: m, source: t, kind: matching, matches: rd, of: city, ratio: 1, share: {district: 1}, payment_lag: 1}
                """)
        let r = try await EngineTest.run(s, paths: 20)
        for (p, f, y) in [("rd", "province", 1), ("rd", "city", 1), ("m", "district", 1), ("m", "district", 0)] as [(String, String, Int)] {
            let values = try XCTUnwrap(r.pathValues(program: p, funder: f, year: .year(y)))
            let closed = try Self.closedForm(r, p, f, .year(y))
            for v in values { XCTAssertEqual(v, closed, accuracy: 1e-9) }
        }
        // After the horizon: the match of the last two years' claims (a year's lag each for the claim
        // and the match).
        XCTAssertEqual(try Self.closedForm(r, "m", "district", .after), 2 * 7 * 250 * 0.25)
        let check = SelfCheck(r)
        XCTAssertTrue(check.missing.isEmpty)
        XCTAssertTrue(check.failures.isEmpty)
        let g = try XCTUnwrap(r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        let row = try XCTUnwrap(check.rows.first { $0.series == g })
        XCTAssertEqual(try XCTUnwrap(row.controlled).se, 0)
        XCTAssertEqual(try XCTUnwrap(row.controlled).mean, try XCTUnwrap(row.closedForm), accuracy: 1e-9)
    }

    /// A program without a closed form (components sharing a cap): the government total has none, and
    /// the control variate on the other programs estimates it with a smaller standard error than the
    /// plain mean, within 4 of its standard errors of the plain mean's value (both estimate one mean).
    func testTheControlVariateNarrowsTheTotalWhenOneProgramHasNoClosedForm() async throws {
        let s = try EngineTest.scenario(
            years: 2,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: negative_binomial, mean: 400, dispersion: 10}},
                     base: {dist: lognormal, median: 80, p90: 600}, rate: 0.025, cap_per_claim: 5, share: {province: 0.5, city: 0.5}}
                  - id: v
                    name: v
                    source: t
                    kind: rate
                    claims: {count: {dist: poisson, mean: 50}}
                    components:
                      - {id: a, probability: 0.6, base: {dist: lognormal, median: 3, p90: 25}, rate: 0.4, cap_per_claim: 10}
                      - {id: b, probability: 0.5, base: {dist: lognormal, median: 6, p90: 40}, rate: 0.3, cap_per_claim: 10}
                    cap_per_claim: 12
                    share: {city: 1}
                """)
        let r = try await EngineTest.run(s, paths: 2000)
        let check = SelfCheck(r)
        XCTAssertEqual(check.missing.map(\.program), ["v"])
        let g = try XCTUnwrap(r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        let row = try XCTUnwrap(check.rows.first { $0.series == g })
        XCTAssertNil(row.closedForm)
        let cv = try XCTUnwrap(row.controlled)
        XCTAssertLessThan(cv.se, row.se / 4)
        XCTAssertEqual(cv.mean, row.mean, accuracy: 4 * row.se)
    }

    /// Oracle: a line over one Poisson(100) program of fixed awards of 1 with an appropriation of 110 is
    /// exceeded with probability Q(110; 100) (GSL's Poisson upper tail) each year. The control-variate
    /// estimate (`BudgetControl`) is within 4 of its standard errors of it, and its standard error is
    /// under 0.8 of the plain binomial one: the demand mostly decides the overrun.
    func testTheControlledChanceOfAnOverrunIsThePoissonTail() async throws {
        let s = try EngineTest.scenario(
            years: 2,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 100}}, amount: 1, share: {city: 1}}
                """,
            lines: "  - {id: line, name: line, funder: city, programs: [a], amount: 110}")
        let r = try await EngineTest.run(s, paths: 4000)
        let exact = gsl_cdf_poisson_Q(110, 100)
        let controls = BudgetControl.all(r, ClosedFormMeans(plan: r.plan))
        for c in controls.cells {
            let controlled = try XCTUnwrap(c.controlled), se = try XCTUnwrap(c.controlledSE)
            XCTAssertEqual(controlled, exact, accuracy: 4 * se)
            XCTAssertLessThan(se, 0.8 * c.se)
        }
        // Over the horizon: an overrun in some year, 1 − (1 − Q)².
        let line = try XCTUnwrap(controls.lines.first)
        XCTAssertEqual(try XCTUnwrap(line.controlled), 1 - (1 - exact) * (1 - exact), accuracy: 4 * (try XCTUnwrap(line.controlledSE)))
    }

    /// Oracle: E[payout(X)] by direct quadrature of `RateTerms.payout` against the lognormal density
    /// (GSL's QAGS between its kinks and QAGIU past them), for progressive brackets with a floor, a cap and a minimum base; the
    /// closed form sums the lognormal's partial moments over the payout's pieces. To 1e-8 relative.
    func testBracketsFloorCapAndMinimumBaseMatchQuadratureOfThePayout() async throws {
        let s = try EngineTest.scenario(
            programs: """
                  - {id: b, name: b, source: t, kind: rate, claims: {count: 10}, base: {dist: lognormal, median: 500, p90: 3000},
                     brackets: [{up_to: 1000, rate: 0.05}, {up_to: 4000, rate: 0.03}, {rate: 0.01}], floor: 30, cap_per_claim: 120,
                     min_base: 300, share: {city: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 10)
        let closed = try Self.closedForm(r, "b", "city", .year(0))
        let terms = RateTerms(
            rate: 0, brackets: [.init(upTo: 1000, rate: 0.05), .init(upTo: 4000, rate: 0.03), .init(upTo: nil, rate: 0.01)], floor: 30, cap: 120,
            minBase: 300)
        let mu = log(500.0), sigma = Distribution.lognormalSigma(median: 500, p90: 3000)
        let integral = Self.integrate(at: [300, 600, 1000, 3000 + 1000.0 / 3, 4000]) { x in
            guard x > 0 else { return 0 }
            return terms.payout(base: x) * exp(-pow(log(x) - mu, 2) / (2 * sigma * sigma)) / (x * sigma * (2 * Double.pi).squareRoot())
        }
        XCTAssertEqual(closed, 10 * integral, accuracy: 1e-8 * closed)
    }

    /// ∫₀^∞ f(x) dx by GSL: QAGS between the given points (the payout's kinks), QAGIU past the last.
    static func integrate(at points: [Double], _ f: @escaping (Double) -> Double) -> Double {
        final class Box {
            let f: (Double) -> Double
            init(_ f: @escaping (Double) -> Double) { self.f = f }
        }
        let box = Unmanaged.passRetained(Box(f))
        defer { box.release() }
        var function = gsl_function(
            function: { x, p in Unmanaged<Box>.fromOpaque(p!).takeUnretainedValue().f(x) }, params: box.toOpaque())
        let w = gsl_integration_workspace_alloc(2000)
        defer { gsl_integration_workspace_free(w) }
        gsl_set_error_handler_off()
        var total = 0.0
        let knots = [0] + points
        for (a, b) in zip(knots, knots.dropFirst()) {
            var result = 0.0, error = 0.0
            XCTAssertEqual(gsl_integration_qags(&function, a, b, 0, 1e-12, 2000, w, &result, &error), Int32(GSL_SUCCESS))
            total += result
        }
        var result = 0.0, error = 0.0
        XCTAssertEqual(gsl_integration_qagiu(&function, knots.last!, 0, 1e-12, 2000, w, &result, &error), Int32(GSL_SUCCESS))
        return total + result
    }
}
