import CoFundEngine
import CoFundModel
import XCTest
import Yams

/// Moving the literal assumptions of a scenario by ±20% on common random numbers: the ends of a
/// count, an approval and an award against their closed forms, and every assumption of the shipped
/// portfolio present in the ranking of every funder and budget line.
final class AssumptionSensitivityTests: XCTestCase {
    /// One award program: 10 per approved claim, Poisson(50) claims a year, approval 0.8, 3 years.
    /// E[total] = 10 · 50 · 0.8 · 3 = 1200, and each assumption scales it: ×0.8 at −20%, ×1.2 at +20%.
    func testEachEndOfACountAnApprovalAndAnAwardMatchesItsClosedForm() async throws {
        let source = try EngineTest.source(
            funders: ["city"], years: 3,
            programs:
                "  - {id: g, name: 奖励, source: t, kind: award, claims: {count: {dist: poisson, mean: 50}, approval: 0.8}, amount: 10, share: {city: 1}}"
        )
        let swings = try await SensitivityAnalysis.run(source, reforms: [], request: SimulationRequest(paths: 2000, seed: 7, threads: 2))
        let city = swings.filter { $0.scope == .funder && $0.id == "city" }
        XCTAssertEqual(Set(city.map(\.driver.path)), ["programs.g.claims.count", "programs.g.claims.approval", "programs.g.amount"])
        for w in city {
            let low = try XCTUnwrap(w.low), high = try XCTUnwrap(w.high)
            // Oracle: 1200 × 0.8 and 1200 × 1.2; tolerance 4 standard errors of each end's mean.
            XCTAssertEqual(low.mean, 960, accuracy: 4 * low.se, w.driver.path)
            XCTAssertEqual(high.mean, 1440, accuracy: 4 * high.se, w.driver.path)
            XCTAssertEqual(w.driver.setting, "−20% / +20%")
        }
        let count = try XCTUnwrap(city.first { $0.driver.path == "programs.g.claims.count" })
        XCTAssertEqual([count.driver.lowText, count.driver.highText], ["40", "60"])
        XCTAssertEqual(count.driver.field, "claims a year")
        // The amount is fixed: every claim pays exactly 8 or 12, so the ends are in the ratio 12/8 on
        // common random numbers (the same claims approved on every path), exactly.
        let amount = try XCTUnwrap(city.first { $0.driver.path == "programs.g.amount" })
        XCTAssertEqual(try XCTUnwrap(amount.high).mean / XCTUnwrap(amount.low).mean, 1.5, accuracy: 1e-12)
    }

    /// A probability moved past 1 stops at 1, and the driver says so by its value.
    func testAnApprovalMovedPastOneStopsAtOne() async throws {
        let source = try EngineTest.source(
            funders: ["city"], years: 1,
            programs:
                "  - {id: g, name: g, source: t, kind: award, claims: {count: {dist: poisson, mean: 50}, approval: 0.9}, amount: 10, share: {city: 1}}"
        )
        let swings = try await SensitivityAnalysis.run(source, reforms: [], request: SimulationRequest(paths: 200, seed: 7, threads: 2))
        let approval = try XCTUnwrap(swings.first { $0.driver.path == "programs.g.claims.approval" })
        XCTAssertEqual([approval.driver.lowText, approval.driver.highText], ["0.72", "1"])
        XCTAssertNil(approval.driver.note)
    }

    /// The test's own reading of which numbers are assumptions, from the YAML text: every number
    /// under a program or a budget line that no clause states (not `{param: …}`), that is not timing
    /// (lags, schedules, terms, dates), and that is not a lone payer's share of 1.
    static func literalNumbers(_ text: String) throws -> [String] {
        let timing: Set = ["payment_lag", "payment_schedule", "lag", "term", "in_force", "years", "claim_date", "revisions"]
        var out: [String] = []
        func walk(_ n: Node, _ path: String, _ key: String) {
            if timing.contains(key) { return }
            switch n {
            case let .mapping(m):
                if m.count == 1, m.first?.key.string == "param" { return }
                if key == "share", m.count == 1 { return }
                for (k, v) in m { walk(v, "\(path).\(k.string ?? "")", k.string ?? "") }
            case let .sequence(s):
                for (i, item) in s.enumerated() { walk(item, item["id"]?.string.map { "\(path).\($0)" } ?? "\(path)[\(i)]", key) }
            case let .scalar(s):
                if Double(s.string) != nil { out.append(path) }
            default:
                break
            }
        }
        let root = try XCTUnwrap(try Yams.compose(yaml: text))
        for p in root["programs"]?.sequence ?? [] { walk(p, "programs.\(p["id"]?.string ?? "")", "") }
        for l in root["budget_lines"]?.sequence ?? [] where l["source"] == nil {
            walk(try XCTUnwrap(l["amount"]), "budget_lines.\(l["id"]?.string ?? "").amount", "amount")
        }
        return out
    }

    /// Every assumption of the shipped portfolio appears in the sensitivity output of every funder
    /// and every budget line: each literal number is a driver's path or lies inside one (a count's
    /// mean inside `claims.count`, a lognormal's median inside `base`) or inside an uncertain
    /// parameter held at its p10 and p90.
    func testEveryAssumptionOfTheShippedPortfolioAppearsInTheSensitivityOutput() async throws {
        let source = try ScenarioSource.load(nil)
        let swings = try await SensitivityAnalysis.run(source, reforms: [], request: SimulationRequest(paths: 4, seed: 1, threads: 2))
        let plan = SimulationPlan(source.scenario)
        let numbers = try Self.literalNumbers(source.text)
        XCTAssertGreaterThan(numbers.count, 50)
        let drivers = Set(swings.map(\.driver.path))
        // An uncertain parameter's engine name (`segments[0].pd`) reads list items by position.
        let held = Set(plan.uncertainParameters.map(\.name))
        XCTAssertTrue(held.isSubset(of: drivers), "\(held.subtracting(drivers))")
        func covered(_ n: String) -> Bool {
            drivers.contains { n == $0 || n.hasPrefix($0 + ".") }
        }
        let missing = numbers.filter { !covered($0) }
        // What is left must be inside an uncertain parameter: a distribution drawn once per path.
        for n in missing {
            let field = n.split(separator: ".").dropLast().joined(separator: ".")
            XCTAssertTrue(
                held.contains { h in
                    let parts = h.split(separator: ".")
                    return field == h
                        || field.hasPrefix(parts.prefix(2).joined(separator: ".") + ".")
                            && field.hasSuffix("." + parts.suffix(2).joined(separator: "."))
                }, "\(n) is in no driver")
        }
        // Every funder, all funders, and every budget line rank every driver.
        let scopes = plan.layout.funders.map { "funder \($0)" } + ["funder all"] + plan.lines.indices.map { "line \($0)" }
        for scope in scopes {
            let mine = swings.filter { "\($0.scope.rawValue) \($0.scope == .line ? String($0.line!) : $0.id)" == scope }
            XCTAssertEqual(Set(mine.map(\.driver.path)), drivers, scope)
            XCTAssertEqual(mine.count, drivers.count, scope)
        }
        XCTAssertTrue(swings.allSatisfy { $0.driver.note == nil }, "\(swings.compactMap(\.driver.note))")
        XCTAssertTrue(swings.allSatisfy { !$0.driver.field.isEmpty && !$0.driver.field.contains("_") }, "fields in words")
    }
}
