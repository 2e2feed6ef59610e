import ArgumentParser
import CoFundModel
import CoFundReport

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work one claim of a program through its rule, step by step: who pays what, and when.",
        discussion: """
            Uncertain parameters take their mean and per-claim amounts their median (lognormal) or mean, \
            unless given: --base for a claim's base or an award, --principal, --recovery and --loan-year for a loan.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(name: .long, help: "The program id.")
    var program: String

    @Option(help: "The claim's base (R&D spend, contract value) or award amount, in the scenario's unit.")
    var base: Double?

    @Option(help: "The year the claim is made (default: the program's first year).")
    var year: Int?

    @Option(help: "A loan's principal (risk compensation and interest subsidies).")
    var principal: Double?

    @Option(help: "The recovered fraction of a defaulted loan's non-performing principal, from 0 to 1.")
    var recovery: Double?

    @Option(name: .customLong("loan-year"), help: "The loan year in which the loan defaults or is subsidised, from 0 (the year it is made).")
    var loanYear: Int?

    @Option(help: "The borrower segment of a risk-compensation program.")
    var segment: String?

    @Option(help: "The tier of a tiered award, from 1.")
    var tier: Int?

    func validate() throws {
        for (name, v) in [("--base", base), ("--principal", principal)] {
            if let v, !(v.isFinite && v >= 0 && v <= 1e12) { throw ValidationError("\(name) must be a number from 0 to 1e12") }
        }
        if let recovery, !(recovery >= 0 && recovery <= 1) { throw ValidationError("--recovery must be from 0 to 1") }
        if let loanYear, loanYear < 0 { throw ValidationError("--loan-year must be 0 or more") }
    }

    func run() throws {
        let input = try ScenarioInput.load(file)
        let inputs = ClaimInputs(
            base: base, year: year, principal: principal, recoveryRate: recovery, loanYear: loanYear, segment: segment, tier: tier)
        do {
            print(TerminalText.escaped(try Explainer(input.scenario).explain(program: program, inputs).text, keepingLineBreaks: true))
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
