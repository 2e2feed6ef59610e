import CoFundEngine
import CoFundModel
import XCTest

/// Programs whose terms change from a year on (`Program.revisions`): every payment that follows
/// from a claim follows the terms of the claim's year, and the versions of a program share their
/// random numbers, so that a revision from year Y leaves every value of the claims before Y
/// bit-identical.
///
/// The oracles are exact identities between runs with the same seed (common random numbers), or
/// exact arithmetic on fixed counts and amounts.
final class ProgramRevisionTests: XCTestCase {
    private let seed: UInt64 = 20251122

    /// A rate program paying 2025–2029 without lag: 10% of a lognormal base, capped at 1000, the
    /// rate and the approval uncertain (drawn per path), split 0.5/0.25/0.25.
    private func rateScenario(lag: Int = 0) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["province", "city", "district"], years: 5,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 40}, approval: {dist: uniform, low: 0.6, high: 0.9}},
                     base: {dist: lognormal, median: 5000, p90: 20000}, rate: {dist: uniform, low: 0.08, high: 0.12}, cap_per_claim: 1000,
                     payment_lag: \(lag), share: {province: 0.5, city: 0.25, district: 0.25}}
                """)
    }

    private func revised(_ s: Scenario, program: Int = 0, from year: Int, rule: (inout ProgramRule) -> Void = { _ in }, share: CostShare? = nil)
        -> Scenario
    {
        var s = s
        var p = s.programs[program]
        var r = p.rule
        rule(&r)
        p.revisions = [ProgramRevision(fromYear: year, rule: r, share: share ?? p.share, budget: p.budget)]
        s.programs[program] = p
        return s
    }

    private func setCap(_ cap: Double) -> (inout ProgramRule) -> Void {
        { rule in
            guard case var .rate(r) = rule else { return XCTFail("not a rate program") }
            r.capPerClaim = .value(cap)
            rule = .rate(r)
        }
    }

    /// The series of `r` whose year slot is a horizon year in `years`, with their indices.
    private func series(_ r: SimulationResult, years: Range<Int>) -> [(index: Int, series: SeriesLayout.Series)] {
        r.plan.layout.series.enumerated().compactMap { k, s in
            if case let .year(y) = s.year, years.contains(y) { return (k, s) }
            return nil
        }
    }

    /// Cap 1000 → 250 from 2027. Oracle: common random numbers — the claims of 2025–2026 follow the
    /// old terms and draw the same numbers, so every value of 2025 and 2026 is bit-identical; from
    /// 2027 each claim pays min(x, 250) ≤ min(x, 1000), so every path pays no more, and the means
    /// are lower (the cap binds on a large share of claims: 10% of a base with median 5000 is 500).
    func testACapRevisedFrom2027LeavesTheEarlierYearsBitIdenticalAndLowersTheLaterOnes() async throws {
        let s = try rateScenario()
        let before = try await EngineTest.run(s, paths: 300, seed: seed)
        let after = try await EngineTest.run(revised(s, from: 2027, rule: setCap(250)), paths: 300, seed: seed)
        let a = before.keptValues, b = after.keptValues
        let early = series(before, years: 0..<2)
        XCTAssertFalse(early.isEmpty)
        for (k, _) in early { XCTAssertEqual(a.series[k], b.series[k], "series \(k)") }
        for (k, s) in series(before, years: 2..<5) {
            for i in 0..<a.paths { XCTAssertLessThanOrEqual(b.series[k][i], a.series[k][i], "series \(k) path \(i)") }
            let ma = a.series[k].reduce(0, +), mb = b.series[k].reduce(0, +)
            XCTAssertLessThan(mb, ma, "\(s)")
        }
    }

    /// A revision repeating the program's own terms. Oracle: exact identity — same draws, same
    /// arithmetic, so every value of every path is the same as without it.
    func testARevisionEqualToTheProgramsOwnTermsChangesNothing() async throws {
        let s = try rateScenario(lag: 1)
        let before = try await EngineTest.run(s, paths: 200, seed: seed)
        let after = try await EngineTest.run(revised(s, from: 2027), paths: 200, seed: seed)
        XCTAssertEqual(before.keptValues.series, after.keptValues.series)
    }

    /// Share 0.5/0.25/0.25 → 0.4/0.3/0.3 from 2027, paid a year late: fixed counts and bases, so
    /// every path pays the same. Oracle: exact arithmetic — the 2027 payment is of the 2026
    /// claims, at the old share (province 0.5 of the total); 2028 and 2029 at the new (0.4).
    func testAShareRevisionFollowsTheClaimYearNotThePaymentYear() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "district"], years: 5,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: 10}, base: 1000, rate: 0.1,
                     payment_lag: 1, share: {province: 0.5, city: 0.25, district: 0.25}}
                """)
        let share = CostShare([("province", 0.4), ("city", 0.3), ("district", 0.3)])
        let r = try await EngineTest.run(revised(s, from: 2027, share: share), paths: 20, seed: seed)
        let expected = [0.5, 0.5, 0.5, 0.4, 0.4]
        for (y, fraction) in expected.enumerated() {
            let province = try XCTUnwrap(r.pathValues(program: "rd", funder: "province", year: .year(y)))
            let total = try XCTUnwrap(r.pathValues(program: "rd", funder: nil, year: .year(y)))
            for (p, t) in zip(province, total) {
                XCTAssertEqual(t, 1000, accuracy: 1e-12 * 1000, "year \(2025 + y)")
                XCTAssertEqual(p / t, fraction, accuracy: 1e-12 * fraction, "year \(2025 + y)")
            }
        }
    }

    /// A risk pool with loans of term 3 (defaults from the origination year to two years on), the
    /// city's loss share 0.35 → 0.6 from 2026.
    private func poolScenario(originations: String) throws -> Scenario {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"], years: 4,
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation, years: \(originations),
                     loans: {count: {dist: poisson, mean: 200}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 3, repayment: linear},
                     cap_per_borrower: 800, pd: {dist: beta, mean: 0.05, sd: 0.02}, rho: 0.15,
                     recovery: {rate: {dist: uniform, low: 0.1, high: 0.6}, lag: 1},
                     loss_shares: {city: 0.35, province: 0.3}, residual: bank}
                """)
        return revised(s, from: 2026) { rule in
            guard case var .riskCompensation(r) = rule else { return XCTFail("not a risk program") }
            r.lossShares = r.lossShares.map { $0.funder == "city" ? .init(funder: "city", fraction: .value(0.6)) : $0 }
            rule = .riskCompensation(r)
        }
    }

    /// Loans originated in 2025 only, the loss share revised from 2026. Oracle: exact identity —
    /// every loan enters the pool under the 2025 terms, so its defaults in 2026 and 2027 and its
    /// recoveries are split at the old shares: every value is the same as without the revision.
    func testLoansKeepTheLossSharesOfTheirOriginationYear() async throws {
        let s = try poolScenario(originations: "[2025, 2025]")
        var unrevised = s
        unrevised.programs[0].revisions = []
        let a = try await EngineTest.run(unrevised, paths: 300, seed: seed)
        let b = try await EngineTest.run(s, paths: 300, seed: seed)
        XCTAssertEqual(a.keptValues.series, b.keptValues.series)
        // Defaults do fall after the revision: the city pays something in 2026 and 2027.
        for y in 1...2 {
            XCTAssertGreaterThan(try XCTUnwrap(a.pathValues(program: "pool", funder: "city", year: .year(y), flow: .gross)).reduce(0, +), 0)
        }
    }

    /// Loans originated 2025–2026, the city's share raised from 2026. Oracle: exact identity for
    /// 2025 (only 2025 loans default then, under the old terms, with the same draws), and
    /// monotonicity after: each 2026 loan's default is split at 0.6 instead of 0.35 of the same
    /// capped amount, so the city's gross payment is no lower on any path and higher in total.
    func testLoansOriginatedAfterTheRevisionFollowIt() async throws {
        let s = try poolScenario(originations: "[2025, 2026]")
        var unrevised = s
        unrevised.programs[0].revisions = []
        let a = try await EngineTest.run(unrevised, paths: 300, seed: seed)
        let b = try await EngineTest.run(s, paths: 300, seed: seed)
        for f in ["province", "city", "bank"] {
            for flow in SeriesLayout.Flow.allCases {
                XCTAssertEqual(
                    a.pathValues(program: "pool", funder: f, year: .year(0), flow: flow),
                    b.pathValues(program: "pool", funder: f, year: .year(0), flow: flow), "\(f) \(flow)")
            }
            // The province's share does not change: its payments are the same in every year.
            if f == "province" {
                for y in 0..<4 {
                    let pa = try XCTUnwrap(a.pathValues(program: "pool", funder: f, year: .year(y)))
                    let pb = try XCTUnwrap(b.pathValues(program: "pool", funder: f, year: .year(y)))
                    for (x, z) in zip(pa, pb) { XCTAssertEqual(x, z, accuracy: 1e-9 * max(1, abs(x))) }
                }
            }
        }
        for y in 1..<4 {
            let ca = try XCTUnwrap(a.pathValues(program: "pool", funder: "city", year: .year(y), flow: .gross))
            let cb = try XCTUnwrap(b.pathValues(program: "pool", funder: "city", year: .year(y), flow: .gross))
            for (x, z) in zip(ca, cb) { XCTAssertGreaterThanOrEqual(z, x - 1e-9 * max(1, x)) }
            XCTAssertGreaterThan(cb.reduce(0, +), ca.reduce(0, +), "year \(2025 + y)")
        }
    }

    /// An award of 10 × 100 a year paid a year late, and a district match of 60% of its claims at
    /// ratio 1, its ratio halved from 2027. Oracle: exact arithmetic on common random numbers — a
    /// match follows its terms of the parent's claim year, so the match paid in 2027 (of the 2026
    /// claims) is unchanged, and in 2028 and 2029 (2027 and 2028 claims) exactly half; scaling by
    /// 0.5 is exact in binary floating point.
    func testAMatchFollowsItsTermsOfTheRootClaimsYear() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"], years: 5,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: 10}, amount: 100, payment_lag: 1, share: {city: 1}}
                  - {id: m, name: m, source: t, kind: matching, matches: a, ratio: 1, fraction: 0.6, share: {district: 1}}
                """)
        let halved = revised(s, program: 1, from: 2027) { rule in
            guard case var .matching(m) = rule else { return XCTFail("not a match") }
            m.ratio = .value(0.5)
            rule = .matching(m)
        }
        let a = try await EngineTest.run(s, paths: 200, seed: seed)
        let b = try await EngineTest.run(halved, paths: 200, seed: seed)
        for y in 0..<3 {
            XCTAssertEqual(
                a.pathValues(program: "m", funder: "district", year: .year(y)), b.pathValues(program: "m", funder: "district", year: .year(y)))
        }
        for y in 3..<5 {
            let ma = try XCTUnwrap(a.pathValues(program: "m", funder: "district", year: .year(y)))
            let mb = try XCTUnwrap(b.pathValues(program: "m", funder: "district", year: .year(y)))
            XCTAssertGreaterThan(ma.reduce(0, +), 0)
            for (x, z) in zip(ma, mb) { XCTAssertEqual(z, x / 2, accuracy: 1e-12 * max(1, x)) }
        }
        // The parent is untouched.
        XCTAssertEqual(a.pathValues(program: "a", funder: "city", year: .total), b.pathValues(program: "a", funder: "city", year: .total))
    }

    /// An uncertain rate revised to another distribution from 2027, held at its median. Oracle:
    /// exact arithmetic — holding a slot holds it in every version; with fixed counts and bases,
    /// each year pays 10 × 1000 × the version's median rate.
    func testAHeldParameterIsHeldInEveryVersion() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 4,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: 10}, base: 1000, rate: {dist: uniform, low: 0.1, high: 0.2}, share: {city: 1}}
                """)
        let r2 = revised(s, from: 2027) { rule in
            guard case var .rate(r) = rule else { return XCTFail("not a rate program") }
            r.rate = .uncertain(.uniform(low: 0.2, high: 0.4))
            rule = .rate(r)
        }
        let plan = SimulationPlan(r2)
        let rate = try XCTUnwrap(plan.uncertainParameters.first { $0.name == "programs.rd.rate" })
        let res = try await EngineTest.run(r2, paths: 10, seed: seed, held: [rate.ref: 0.5])
        for (y, expected) in [1500.0, 1500, 3000, 3000].enumerated() {
            for x in try XCTUnwrap(res.pathValues(program: "rd", funder: "city", year: .year(y))) {
                XCTAssertEqual(x, expected, accuracy: 1e-9, "year \(2025 + y)")
            }
        }
    }

    /// A revision the engine cannot lay out with the program's slots (another kind of rule) is
    /// not used: its years take the program's own terms. Oracle: exact identity with the run
    /// without it.
    func testARevisionOfAnotherKindFallsBackToTheProgramsOwnTerms() async throws {
        let s = try rateScenario()
        let other = revised(s, from: 2027) { rule in
            rule = .award(AwardRule(claims: ClaimArrivals(count: CountDistribution(family: .fixed, mean: 1)), amount: .fixed(5)))
        }
        let a = try await EngineTest.run(s, paths: 100, seed: seed)
        let b = try await EngineTest.run(other, paths: 100, seed: seed)
        XCTAssertEqual(a.keptValues.series, b.keptValues.series)
    }
}
