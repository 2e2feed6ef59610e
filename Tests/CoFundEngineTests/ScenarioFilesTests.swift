import CoFundEngine
import CoFundModel
import CoFundTestSupport
import XCTest

/// The scenarios shipped in Scenarios/: each validates and runs, and the built-in portfolio is the
/// file of that name, reproduced by a hand calculation.
final class ScenarioFilesTests: XCTestCase {
    static let folder = PackageRoot.scenarios

    static func scenarioFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" && !$0.lastPathComponent.contains(".reform.") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testEveryScenarioFileValidatesRunsAThousandPathsAndAgreesWithItsClosedForms() async throws {
        let files = try Self.scenarioFiles()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        for url in files {
            let s = try ScenarioDecoder.load(path: url.path)
            let r = try await EngineTest.run(s, paths: 1000)
            XCTAssertEqual(r.paths, 1000)
            let grand = try XCTUnwrap(r.statistics(program: nil, funder: nil, year: .total), url.lastPathComponent)
            XCTAssertTrue(grand.mean.isFinite && grand.mean > 0, "\(url.lastPathComponent): grand total \(grand.mean)")
            for p in s.programs {
                let st = try XCTUnwrap(r.statistics(program: p.id, funder: nil, year: .total))
                XCTAssertTrue(st.mean.isFinite && st.p99.isFinite && st.mean >= 0, "\(url.lastPathComponent) \(p.id)")
                XCTAssertFalse(p.source.isEmpty, "\(url.lastPathComponent) \(p.id) cites no clause")
                XCTAssertFalse(p.assumptions.isEmpty, "\(url.lastPathComponent) \(p.id) marks no assumption: its volumes are not in any document")
            }
            // Oracle: the closed-form means (`ClosedFormMeans`); tolerance 4 standard errors. Most
            // programs have one, and every series that has one agrees with the simulation.
            let check = SelfCheck(r)
            XCTAssertLessThanOrEqual(check.missing.count, 1, "\(url.lastPathComponent): \(check.missing)")
            XCTAssertGreaterThan(check.rows.filter { $0.z != nil }.count, 100, url.lastPathComponent)
            for row in check.failures { XCTFail("\(url.lastPathComponent): series \(r.plan.layout.series[row.series]) z = \(row.z ?? 0)") }
        }
    }

    func testTheBuiltInScenarioIsTheShippedPortfolioFile() throws {
        let shipped = try Data(contentsOf: Self.folder.appendingPathComponent("jinan-portfolio.yaml"))
        let embedded = try Data(contentsOf: Self.folder.appendingPathComponent("../Sources/CoFundModel/Builtin/jinan-portfolio.yaml").standardized)
        let fix = "copy Scenarios/jinan-portfolio.yaml to Sources/CoFundModel/Builtin/ after editing it"
        XCTAssertTrue(shipped == embedded, "Sources/CoFundModel/Builtin/jinan-portfolio.yaml differs from Scenarios/jinan-portfolio.yaml: \(fix)")
        XCTAssertEqual(Array(BuiltinScenario.jinanPortfolio.utf8), Array(shipped), fix)
    }

    /// The built-in portfolio's expected province cost of the R&D post-subsidy in 2026 (the claims
    /// of 2025, paid a year later), by hand: 50% × E[N] × E[approval] × r × E[min(X, c/r)] with
    /// E[N] = 4,000, E[approval] = 0.85 (independent of N), r = 2.5%, c = 250 and X lognormal with
    /// median 80 and p90 600, whose limited expected value is
    /// e^(μ+σ²/2)·Φ((ln u − μ − σ²)/σ) + u·(1 − Φ((ln u − μ)/σ)) (Klugman, Panjer & Willmot).
    /// The simulated mean is within 4 standard errors. Because every program draws from its own
    /// streams, this program's values are the same whether it runs alone or in the portfolio.
    func testPortfolioRAndDProvinceCostMatchesTheClosedForm() async throws {
        let portfolio = try ScenarioDecoder.decode(BuiltinScenario.jinanPortfolio, file: "builtin")
        let program = try XCTUnwrap(portfolio.program("rd_post_subsidy"))
        guard case let .rate(rule) = program.rule, case let .lognormal(median, p90) = rule.base else {
            return XCTFail("rd_post_subsidy is a rate program on a lognormal base")
        }
        XCTAssertEqual(rule.claims.count.mean, 4000)
        XCTAssertEqual(rule.claims.approval.central, 0.85, accuracy: 1e-12)
        XCTAssertEqual(program.paymentLag, 1)
        let (r, c, share) = (rule.rate.central, try XCTUnwrap(rule.capPerClaim?.central), program.share.fraction(of: "province"))
        let mu = log(median), sigma = Distribution.lognormalSigma(median: median, p90: p90), u = c / r
        let lev =
            exp(mu + sigma * sigma / 2) * EngineTest.phi((log(u) - mu - sigma * sigma) / sigma) + u * (1 - EngineTest.phi((log(u) - mu) / sigma))
        let expected = share * 4000 * 0.85 * r * lev

        var alone = portfolio
        alone.programs = [program]
        alone.budgetLines = []  // the R&D lines also cover rd_post_subsidy_large; a line with no rationing moves no payment
        let result = try await EngineTest.run(alone, paths: 4000)
        let st = try XCTUnwrap(result.statistics(program: "rd_post_subsidy", funder: "province", year: .year(1)))
        XCTAssertEqual(st.mean, expected, accuracy: 4 * st.se)

        let full = try await EngineTest.run(portfolio, paths: 300)
        let inFull = try XCTUnwrap(full.pathValues(program: "rd_post_subsidy", funder: "province", year: .year(1)))
        let aloneFirst = try XCTUnwrap(result.pathValues(program: "rd_post_subsidy", funder: "province", year: .year(1)))
        XCTAssertEqual(inFull, Array(aloneFirst.prefix(300)))
    }
}
