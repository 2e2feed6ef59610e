import CGSL
import CoFundModel
import Foundation
import XCTest

@testable import CoFundEngine

/// `SolveAnalysis`: the budget that a single Poisson program's line needs for a 10% chance of being
/// exceeded, against the exact Poisson quantile; the search in the other direction; and the refusals
/// when the target is met at neither or at both ends of the range.
final class SolveTests: XCTestCase {
    static let award = 10.0
    static let lambda = 5.0

    /// One year; one program paying a fixed award of 10 per claim to the city, N ~ Poisson(5) claims,
    /// paid the year claimed; a city line covering it, whose amount is the lever.
    private static let text = """
        scenario: {id: solve-test, title: solve test, unit: wan, years: [2025, 2025], seed: 1, paths: 100}
        funders:
          - {id: city, name: city, level: city}
        programs:
          - {id: grant, name: grant, source: t, kind: award, claims: {count: {dist: poisson, mean: 5}}, amount: 10, share: {city: 1}}
        budget_lines:
          - {id: grant_line, name: grant line, funder: city, programs: [grant], amount: 100}

        """

    private func source() throws -> ScenarioSource {
        ScenarioSource(
            scenario: try ScenarioDecoder.decode(Self.text, file: "solve.yaml"), file: "solve.yaml", text: Self.text,
            sha256: SHA256.hex(Array(Self.text.utf8)))
    }

    static let lever = "budget_lines.grant_line.amount"
    /// 64 awards: every midpoint of the halvings of [0, 640] is a multiple of a power of two, so the
    /// lattice values 10·k are among them once the bracket is narrower than one award.
    static let range = 0.0...640.0
    static let paths = 4000

    /// The smallest k with P(N ≤ k) ≥ q for N ~ Poisson(λ), by GSL's `gsl_cdf_poisson_P`.
    static func poissonQuantile(_ q: Double, mean: Double) -> Int {
        var k = 0
        while gsl_cdf_poisson_P(UInt32(k), mean) < q { k += 1 }
        return k
    }

    /// Oracle: the demand on the line is 10·N, N ~ Poisson(5), so P(demand > B) ≤ 0.10 first holds at
    /// B = 10·k*, k* the Poisson 0.90-quantile (the smallest k with P(N ≤ k) ≥ 0.9): k* = 8, with
    /// P(N ≤ 7) = 0.8666 and P(N ≤ 8) = 0.9319 (GSL's `gsl_cdf_poisson_P`).
    ///
    /// The simulated demand lies on the lattice 10·k, so the empirical exceedance is a step function
    /// of B that steps only at multiples of 10, and bisection on common random numbers ends on the
    /// lattice value where the empirical exceedance first falls to 0.10: 10·k̂, k̂ the empirical
    /// 0.90-quantile of the 4,000 paths' counts. k̂ = k* unless the empirical P(N ≤ 7) reaches 0.9 or
    /// the empirical P(N ≤ 8) falls below it; with 4,000 paths the binomial standard error of each is
    /// √(0.9·0.1/4000) = 0.0047, and 0.9 is 7.0 standard errors from 0.8666 and 6.7 from 0.9319 — far
    /// beyond the 4 SE of the project's rule — so the exact answer 80 is asserted, on a fixed seed.
    func testASinglePoissonProgramsLineGetsExactlyTheAwardTimesThePoissonQuantile() async throws {
        let k = Self.poissonQuantile(0.9, mean: Self.lambda)
        XCTAssertEqual(k, 8)
        let target = try SolveTarget.parse("lines.grant_line.p_over<=0.10")
        let s = try await SolveAnalysis.run(
            try source(), reforms: [], lever: Self.lever, range: Self.range, target: target,
            request: SimulationRequest(paths: Self.paths, seed: 20251122, threads: 2))
        XCTAssertEqual(s.answerEvaluation.value, Self.award * Double(k), "the budget is exactly award × the 0.90-quantile")
        XCTAssertTrue(s.converged)
        XCTAssertLessThanOrEqual(s.bracket.upperBound - s.bracket.lowerBound, 0.64, "default tolerance: 0.001 of the range")
        XCTAssertEqual(s.evaluations.prefix(2).map(\.value), [0, 640], "both ends first")
        // No budget: every path with a claim exceeds it, P(N > 0) = 1 − e⁻⁵ = 0.9933, within 4 binomial SE.
        let anyClaim = 1 - gsl_cdf_poisson_P(0, Self.lambda)
        XCTAssertEqual(
            try XCTUnwrap(s.evaluations.first).figure.value, anyClaim, accuracy: 4 * (anyClaim * (1 - anyClaim) / Double(Self.paths)).squareRoot())
        // The figure at the answer: P(N > 8) = 1 − 0.9319 = 0.0681 exactly; the estimate within 4
        // binomial standard errors √(p(1 − p)/N) of it, and its reported interval ± 1.96 of those.
        let exact = 1 - gsl_cdf_poisson_P(UInt32(k), Self.lambda)
        let se = (exact * (1 - exact) / Double(Self.paths)).squareRoot()
        let f = s.answerEvaluation.figure
        XCTAssertEqual(f.value, exact, accuracy: 4 * se)
        let interval = try XCTUnwrap(f.interval)
        let seHat = (f.value * (1 - f.value) / Double(Self.paths)).squareRoot()
        XCTAssertEqual(interval.lowerBound, f.value - 1.96 * seHat, accuracy: 1e-12)
        XCTAssertEqual(interval.upperBound, f.value + 1.96 * seHat, accuracy: 1e-12)
        // Every evaluation agrees with the step function: meets exactly when B ≥ 80.
        for e in s.evaluations { XCTAssertEqual(e.meets, e.value >= 80, "at \(e.value)") }
        // The result kept is the answer's run: its line has the answer as its budget.
        XCTAssertEqual(s.result.lineBudgets[0].budget, 80)
    }

    /// The direction comes from the ends: `>=` is met at the low end, so the answer is the largest
    /// budget still exceeded with chance at least 0.10 — just under 80 (P(N > 7) = 0.133 on [70, 80)),
    /// within the tolerance.
    func testAnAtLeastTargetIsSearchedFromTheLowEnd() async throws {
        let target = try SolveTarget.parse("lines.grant_line.p_over >= 0.1")
        let s = try await SolveAnalysis.run(
            try source(), reforms: [], lever: Self.lever, range: Self.range, target: target,
            request: SimulationRequest(paths: Self.paths, seed: 20251122, threads: 2))
        let answer = s.answerEvaluation.value
        XCTAssertLessThan(answer, 80)
        XCTAssertGreaterThanOrEqual(answer, 80 - s.tolerance)
        XCTAssertTrue(s.answerEvaluation.meets)
    }

    /// With a step of 3 every midpoint is a multiple of 3, and the answer the smallest multiple of 3
    /// at or above the crossing 80 of the oracle above: 81 (the figure is the same step function).
    func testAStepKeepsEveryMidpointOnItsMultiples() async throws {
        let target = try SolveTarget.parse("lines.grant_line.p_over<=0.10")
        let s = try await SolveAnalysis.run(
            try source(), reforms: [], lever: Self.lever, range: Self.range, target: target, step: 3,
            request: SimulationRequest(paths: Self.paths, seed: 20251122, threads: 2))
        XCTAssertEqual(s.answerEvaluation.value, 81)
        XCTAssertEqual(s.bracket, 78...81)
        XCTAssertTrue(s.converged)
        for e in s.evaluations.dropFirst(2) { XCTAssertEqual(e.value.truncatingRemainder(dividingBy: 3), 0, "\(e.value)") }
    }

    func testMidpointsStayStrictlyInsideTheBracket() {
        XCTAssertEqual(SolveAnalysis.midpoint(0, 640, step: nil), 320)
        XCTAssertEqual(SolveAnalysis.midpoint(640, 0, step: 3), 321)
        XCTAssertEqual(SolveAnalysis.midpoint(78, 81, step: 3), nil)
        XCTAssertEqual(SolveAnalysis.midpoint(78, 80, step: 1), 79)
        XCTAssertEqual(SolveAnalysis.midpoint(1, 1.0000000000000002, step: nil), nil)
    }

    func testATargetMetAtNeitherEndIsRefusedWithBothFigures() async throws {
        let target = try SolveTarget.parse("lines.grant_line.p_over<=0.10")
        do {
            _ = try await SolveAnalysis.run(
                try source(), reforms: [], lever: Self.lever, range: 0...40, target: target,
                request: SimulationRequest(paths: 500, seed: 3, threads: 2))
            XCTFail("solved an unreachable target")
        } catch {
            guard let failure = error as? SolveAnalysis.Failure, case let .unreachable(_, _, low, high) = failure else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual([low.value, high.value], [0, 40])
            XCTAssertTrue(failure.description.hasPrefix("unreachable: "), failure.description)
            XCTAssertTrue(
                failure.description.contains("at 0 lines.grant_line.p_over is \(SolveTarget.display(low.figure.value)), at 40 it is "),
                failure.description)
            XCTAssertTrue(low.figure.value > 0.1 && high.figure.value > 0.1)
        }
        do {
            _ = try await SolveAnalysis.run(
                try source(), reforms: [], lever: Self.lever, range: 200...300, target: target,
                request: SimulationRequest(paths: 500, seed: 3, threads: 2))
            XCTFail("solved a target met throughout")
        } catch {
            guard let failure = error as? SolveAnalysis.Failure, case .metThroughout = failure else { return XCTFail("\(error)") }
        }
    }

    // MARK: - The target's grammar

    func testTargetsParse() throws {
        let a = try SolveTarget.parse("government.p95[2027]<=150000")
        XCTAssertEqual(a, SolveTarget(scope: .funder("government"), statistic: .p95, year: 2027, comparison: .atMost, bound: 150000))
        XCTAssertEqual(a.description, "government.p95[2027] <= 150000")
        let b = try SolveTarget.parse(" lines.rd.city.p_over ≥ 0.05 ")
        XCTAssertEqual(b, SolveTarget(scope: .line(id: "rd", funder: "city"), statistic: .pOver, year: nil, comparison: .atLeast, bound: 0.05))
        XCTAssertEqual(b.figure, "lines.rd.city.p_over")
    }

    func testMalformedTargetsSayWhatIsAllowed() {
        let cases: [(String, String)] = [
            ("government.p95", "no comparison"),
            ("government.p95<150000", "< and > are not taken"),
            ("government.p97<=1", "the statistics are mean, p05, p50, p90, p95, p99, cvar95, cvar99, p_over"),
            ("government.p95<=lots", "not a finite number"),
            ("government.p95<=nan", "not a finite number"),
            ("government.p95[20x]<=1", "a year is written [YYYY]"),
            ("city.p_over<=0.1", "a funder has no appropriation of its own"),
            ("p95<=1", "is not SCOPE.STAT"),
            ("a.b.p95<=1", "the scope is a funder's id"),
        ]
        for (text, expected) in cases {
            do {
                _ = try SolveTarget.parse(text)
                XCTFail("parsed \(text)")
            } catch {
                XCTAssertTrue(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
    }

    func testATargetIsLocatedOrRefusedWithTheAllowedNames() throws {
        let plan = SimulationPlan(try source().scenario)
        XCTAssertEqual(try SolveTarget.parse("lines.grant_line.p_over[2025]<=0.1").locate(in: plan), .lineYear(0, 0))
        XCTAssertEqual(try SolveTarget.parse("lines.grant_line.p95<=10").locate(in: plan), .line(0))
        let problems: [(String, String)] = [
            ("cty.mean<=1", "did you mean `city`?"),
            ("lines.grant_lin.p_over<=0.1", "did you mean `grant_line`?"),
            ("city.mean[2030]<=1", "2030 is outside the horizon; a year from 2025 to 2025"),
        ]
        for (text, expected) in problems {
            XCTAssertThrowsError(try SolveTarget.parse(text).locate(in: plan), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }
}
