import CoFundEngine
import CoFundModel
import XCTest

/// Each program's contribution to a funder's, the government's and a budget line's mean, sd, p95
/// and CVaR over the horizon.
final class RiskContributionTests: XCTestCase {
    /// Oracle: the exact additivity identities. The contributions to the mean, the sd (Euler), the
    /// rescaled p95 and the CVaRs (the same worst paths as the total's CVaR) add to the total's
    /// reported figures; the totals are sums of the parts path by path in another order, so the
    /// tolerance is 1e-9 relative (summation error is below 1e-13 for these few terms per path).
    func testContributionsAddToTheTotalsOnTheShippedPortfolio() async throws {
        let s = try ScenarioDecoder.decode(BuiltinScenario.jinanPortfolio, file: "builtin")
        let r = try await EngineTest.run(s, paths: 400, seed: 7)
        try checkAdditivity(r, scopes: [.funder, .government, .line])
    }

    /// The same identities with a pro-rata budget that rations its program, a match of the rationed
    /// program and a risk pool with recoveries: a line's contributions add to its demand before
    /// rationing.
    func testContributionsAddToTheTotalsUnderRationing() async throws {
        let s = try EngineTest.scenario(years: 3, programs: InvariantTests.mixed)
        let r = try await EngineTest.run(s, paths: 500, seed: 11)
        XCTAssertGreaterThan(r.lineBudgets[0].expectedUnpaid, 0, "the budget rations on some paths")
        try checkAdditivity(r, scopes: [.funder, .government, .line])
    }

    func checkAdditivity(_ r: SimulationResult, scopes: Set<RiskContributions.Scope>, file: StaticString = #filePath, line: UInt = #line) throws {
        let all = RiskContributions.all(r)
        XCTAssertEqual(Set(all.map(\.scope)), scopes, file: file, line: line)
        for c in all {
            let reported: SeriesStatistics
            switch c.scope {
            case .funder, .government:
                reported = try XCTUnwrap(r.statistics(program: nil, funder: c.id, year: .total), file: file, line: line)
            case .line:
                reported = r.lineBudgets[try XCTUnwrap(c.line)].demand
            }
            XCTAssertEqual(c.total.mean, reported.mean, "\(c.id)", file: file, line: line)
            XCTAssertEqual(c.total.sd, reported.sd, "\(c.id)", file: file, line: line)
            XCTAssertEqual(c.total.p95, reported.p95, "\(c.id)", file: file, line: line)
            XCTAssertEqual(c.total.cvar95, reported.cvar95, "\(c.id)", file: file, line: line)
            XCTAssertEqual(c.total.cvar99, reported.cvar99, "\(c.id)", file: file, line: line)
            func sum(_ k: KeyPath<RiskFigures, Double>) -> Double { c.parts.reduce(0) { $0 + $1.figures[keyPath: k] } }
            for (name, k) in [("mean", \RiskFigures.mean), ("sd", \.sd), ("p95", \.p95), ("cvar95", \.cvar95), ("cvar99", \.cvar99)] {
                let total = c.total[keyPath: k]
                XCTAssertEqual(sum(k), total, accuracy: 1e-9 * max(abs(total), 1e-9), "\(c.scope) \(c.id) \(name)", file: file, line: line)
            }
            // The mean contributions are the programs' own reported means.
            if c.scope != .line {
                for p in c.parts {
                    let own = try XCTUnwrap(r.statistics(program: r.scenario.programs[p.program].id, funder: c.id, year: .total))
                    XCTAssertEqual(p.figures.mean, own.mean, file: file, line: line)
                }
            }
            XCTAssertGreaterThanOrEqual(c.bandwidth, 0)
        }
    }

    /// Two independent award programs paid by one funder, Poisson counts (means 30 and 5) with
    /// fixed amounts (10 and 100): each program's horizon total is compound Poisson, with mean λa
    /// and variance λa², and Cov(X_p, T) = Var(X_p) since the programs are independent.
    ///
    /// Oracles: the mean contributions equal λa within 4 standard errors of the sample mean
    /// (se = √(λa²/N)); the sd contributions equal Var(X_p)/sd(T) = λa²/√(Σλa²) within 4 standard
    /// errors of the sample covariance over the sd, se ≈ √(Var(X_p)·Var(T)/N)/sd(T) — the
    /// covariance's delta-method standard error for independent sums, with the sd's own sampling
    /// error (relative √(κ/(4N)), small at 20 000 paths) inside the 4 standard errors.
    func testIndependentPoissonProgramsMatchTheirClosedForms() async throws {
        let s = try EngineTest.scenario(
            programs: """
                  - {id: small, name: 小额奖励, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}}, amount: 10, share: {city: 1}}
                  - {id: large, name: 大额奖励, source: t, kind: award, claims: {count: {dist: poisson, mean: 5}}, amount: 100, share: {city: 1}}
                """)
        let n = 20_000
        let r = try await EngineTest.run(s, paths: n, seed: 3)
        let c = try XCTUnwrap(RiskContributions.of(r, id: "city").first)
        XCTAssertEqual(c.parts.map(\.program), [0, 1])
        let lambda = [30.0, 5.0], amount = [10.0, 100.0]
        let variance = zip(lambda, amount).map { $0 * $1 * $1 }
        let sdT = variance.reduce(0, +).squareRoot()
        for p in 0..<2 {
            let mean = lambda[p] * amount[p]
            let seMean = (variance[p] / Double(n)).squareRoot()
            XCTAssertEqual(c.parts[p].figures.mean, mean, accuracy: 4 * seMean, "program \(p) mean")
            let sdContribution = variance[p] / sdT
            let seSD = (variance[p] * sdT * sdT / Double(n)).squareRoot() / sdT
            XCTAssertEqual(c.parts[p].figures.sd, sdContribution, accuracy: 4 * seSD, "program \(p) sd contribution")
        }
        // The larger awards dominate the tail although they have the smaller mean.
        XCTAssertGreaterThan(c.parts[1].figures.cvar95 / c.parts[1].figures.mean, c.parts[0].figures.cvar95 / c.parts[0].figures.mean)
    }

    /// A run that kept sketches has no contributions, and says why.
    func testASketchRunHasNoContributions() async throws {
        let s = try EngineTest.scenario(programs: InvariantTests.mixed)
        let plan = SimulationPlan(s)
        let options = SimulationOptions(paths: 300, seed: 1)
        let a = try await Simulation.aggregate(plan, paths: 0..<300, options: options)
        let r = SimulationResult(plan: plan, options: options, aggregate: a, converged: nil, wallSeconds: 0)
        XCTAssertTrue(RiskContributions.all(r).isEmpty)
        XCTAssertNotNil(RiskContributions.unavailableReason(r))
    }
}
