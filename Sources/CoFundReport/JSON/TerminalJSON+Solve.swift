import CoFundEngine

extension TerminalJSON {
    /// `cofund solve --format json`: the lever, the target, every run in the order run and the answer.
    public static func solve(_ s: SolveAnalysis.Solution) -> String {
        JSONStyle.text(SolveDocument(s))
    }

    struct SolveDocument: Encodable {
        struct Run: Encodable {
            var value: Double
            var estimate: Double?
            var ci95Low: Double?
            var ci95High: Double?
            var meetsTarget: Bool

            enum CodingKeys: String, CodingKey {
                case value, estimate
                case ci95Low = "ci95_low"
                case ci95High = "ci95_high"
                case meetsTarget = "meets_target"
            }

            init(_ e: SolveAnalysis.Evaluation) {
                value = e.value
                estimate = e.figure.value.isFinite ? e.figure.value : nil
                ci95Low = e.figure.interval?.lowerBound
                ci95High = e.figure.interval?.upperBound
                meetsTarget = e.meets
            }
        }

        var lever: String
        var target: String
        var figure: String
        var runs: [Run]
        var answer: Run
        var bracket: [Double]
        var converged: Bool
        var paths: Int
        var seed: UInt64

        init(_ s: SolveAnalysis.Solution) {
            lever = s.lever
            target = s.target.description
            figure = s.target.figure
            runs = s.evaluations.map(Run.init)
            answer = Run(s.answerEvaluation)
            bracket = [s.bracket.lowerBound, s.bracket.upperBound]
            converged = s.converged
            paths = s.result.paths
            seed = s.result.options.seed
        }
    }
}
