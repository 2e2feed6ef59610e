import CoFundEngine
import CoFundModel
import CoFundTestSupport
import XCTest

/// `cofund explain` and the engine run the same payout functions, so with nothing random they agree
/// to the last digit: for every program of every shipped scenario, made deterministic (one claim or
/// loan in the first year, every parameter at the central value explain quotes, approval 1, a loan
/// that defaults for sure or never), each funder's amount in each payment year equals explain's: to
/// the bit for a single payment, within 4 units in the last place for installments (the engine
/// multiplies share × (installment × payout), explain's amounts are (share × payout) × installment).
/// A risk-compensation program's funders are compared net (payments at default plus the recovery
/// returned later, a negative payment), gross and recovered.
final class ExplainMatchesEngineTests: XCTestCase {
    static let scenarios = PackageRoot.scenarios

    func testEveryShippedProgramExplainedEqualsItsDeterministicRunToTheLastDigit() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.path)
            .filter { $0.hasSuffix(".yaml") && !$0.contains(".reform.") }.sorted()
        XCTAssertEqual(files.count, 8)
        var checked: [ProgramKind: Int] = [:]
        for name in files {
            let shipped = try ScenarioDecoder.load(path: Self.scenarios.appendingPathComponent(name).path)
            let s = Deterministic.scenario(shipped)
            let run = try await Simulation.run(SimulationPlan(s), options: SimulationOptions(paths: 1, seed: 1, threads: 1))
            for p in s.programs {
                let e = try Explainer(s).explain(program: p.id, ClaimInputs())
                var gross: [String: [SeriesLayout.YearSlot: Double]] = [:]
                var recovered: [String: [SeriesLayout.YearSlot: Double]] = [:]
                func slot(_ year: Int) -> SeriesLayout.YearSlot {
                    let index = year - s.years.lowerBound
                    return index < s.years.count ? .year(index) : .after
                }
                for (funder, amount) in e.amounts {
                    for payment in e.payments { gross[funder, default: [:]][slot(payment.year), default: 0] += amount * payment.fraction }
                }
                for (funder, amount) in e.recoveries {
                    for payment in e.recoveryPayments {
                        recovered[funder, default: [:]][slot(payment.year), default: 0] += amount * payment.fraction
                    }
                }
                let isRisk = p.rule.programKind == .riskCompensation
                XCTAssertEqual(isRisk, !e.recoveries.isEmpty, "\(name) \(p.id)")
                let tolerance = { (want: Double) in e.payments.count == 1 ? 0 : 4 * want.ulp }
                for funder in p.funderIDs {
                    for y in 0..<s.years.count {
                        let slot = SeriesLayout.YearSlot.year(y)
                        let g = gross[funder]?[slot] ?? 0
                        let r = recovered[funder]?[slot] ?? 0
                        let want = g + r
                        let what = "\(name): \(p.id), \(funder), year \(s.years.lowerBound + y)\n\(e.text)"
                        let stats = try XCTUnwrap(run.statistics(program: p.id, funder: funder, year: slot), what)
                        XCTAssertEqual(stats.mean, want, accuracy: tolerance(want), what)
                        guard isRisk else { continue }
                        let runGross = try XCTUnwrap(run.statistics(program: p.id, funder: funder, year: slot, flow: .gross), what)
                        let runRecovered = try XCTUnwrap(run.statistics(program: p.id, funder: funder, year: slot, flow: .recovered), what)
                        XCTAssertEqual(runGross.mean, g, accuracy: tolerance(g), "gross " + what)
                        XCTAssertEqual(runRecovered.mean, r, accuracy: tolerance(r), "recovered " + what)
                    }
                }
                checked[p.rule.programKind, default: 0] += 1
            }
        }
        XCTAssertEqual(Set(checked.keys), Set(ProgramKind.allCases), "a kind no shipped program has: \(checked)")
        // Every shipped risk-compensation and interest-subsidy program (three of each).
        XCTAssertGreaterThanOrEqual(checked[.riskCompensation] ?? 0, 3)
        XCTAssertGreaterThanOrEqual(checked[.interestSubsidy] ?? 0, 3)
    }
}

/// A scenario's deterministic twin: what `cofund explain` works by hand.
enum Deterministic {
    static func scenario(_ shipped: Scenario) -> Scenario {
        var s = shipped
        let first = s.years.lowerBound
        for i in s.programs.indices {
            s.programs[i].activeYears = first...first
            s.programs[i].budget = [:]
            s.programs[i].rule = rule(s.programs[i].rule)
        }
        return s
    }

    static func value(_ p: Parameter) -> Parameter { .value(p.central) }
    static func value(_ p: Parameter?) -> Parameter? { p.map(value) }
    static let one = CountDistribution(family: .fixed, mean: 1)

    /// The value explain takes for a per-claim amount: a lognormal's median, otherwise the mean.
    static func central(_ d: Distribution) -> Distribution {
        if case let .lognormal(median, _) = d { return .fixed(median) }
        return .fixed(d.mean)
    }

    static func rule(_ rule: ProgramRule) -> ProgramRule {
        switch rule {
        case var .rate(r):
            r.claims = ClaimArrivals(count: one, approval: .value(1))
            r.base = central(r.base)
            (r.rate, r.floor, r.capPerClaim, r.minBase) = (value(r.rate), value(r.floor), value(r.capPerClaim), value(r.minBase))
            r.components = r.components.map { c in
                RateRule.Component(
                    id: c.id, probability: .value(1), base: central(c.base), rate: value(c.rate),
                    capPerClaim: value(c.capPerClaim), minBase: value(c.minBase))
            }
            return .rate(r)
        case var .award(a):
            a.claims = ClaimArrivals(count: one, approval: .value(1))
            if let tier = a.tiers.first { a.tiers = [AwardRule.Tier(amount: central(tier.amount), probability: 1)] }
            a.amount = central(a.amount)
            return .award(a)
        case var .matching(m):
            (m.ratio, m.fraction, m.capPerClaim) = (value(m.ratio), .value(1), value(m.capPerClaim))
            return .matching(m)
        case var .riskCompensation(r):
            r.loans = loans(r.loans, pd: 1)
            r.capPerBorrower = value(r.capPerBorrower)
            r.recovery = Recovery(rate: .fixed(r.recovery.rate.mean), lag: r.recovery.lag)
            r.lossShares = r.lossShares.map { .init(funder: $0.funder, fraction: value($0.fraction)) }
            if let seg = r.segments.first {
                r.segments = [
                    .init(
                        id: seg.id, weight: 1, pd: .value(1),
                        lossShares: seg.lossShares?.map { .init(funder: $0.funder, fraction: value($0.fraction)) })
                ]
            }
            return .riskCompensation(r)
        case var .interestSubsidy(r):
            r.loans = loans(r.loans, pd: 0)
            (r.interestRate, r.feeRate, r.fraction, r.capPerClaim) = (
                value(r.interestRate), value(r.feeRate), value(r.fraction), value(r.capPerClaim)
            )
            return .interestSubsidy(r)
        }
    }

    static func loans(_ book: LoanBook, pd: Double) -> LoanBook {
        LoanBook(
            count: one, principal: central(book.principal), term: 1,
            defaults: DefaultModel(pd: .value(pd), rho: .value(0), factor: book.defaults.factor))
    }
}
