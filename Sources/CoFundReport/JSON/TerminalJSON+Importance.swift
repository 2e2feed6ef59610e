import CoFundEngine

extension TerminalJSON {
    /// `--importance`'s result, as importance.csv gives it.
    struct ImportanceDocument: Encodable {
        struct Estimate: Encodable {
            var statistic: String
            var estimate: Double
            var ci95: [Double]?
            var plainEstimate: Double
            var plainCI95: [Double]?
            var pathsRatio: Double?

            enum CodingKeys: String, CodingKey {
                case statistic, estimate
                case ci95 = "ci95"
                case plainEstimate = "plain_estimate"
                case plainCI95 = "plain_ci95"
                case pathsRatio = "paths_ratio"
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(statistic, forKey: .statistic)
                try c.encode(estimate, forKey: .estimate)
                try c.encode(ci95, forKey: .ci95)
                try c.encode(plainEstimate, forKey: .plainEstimate)
                try c.encode(plainCI95, forKey: .plainCI95)
                try c.encode(pathsRatio, forKey: .pathsRatio)
            }
        }

        var target: String
        var paths: Int
        var effectiveSampleSize: Double
        var pilotPaths: Int
        var rSquared: Double
        var shift: Double
        var estimates: [Estimate]

        enum CodingKeys: String, CodingKey {
            case target, paths, shift, estimates
            case effectiveSampleSize = "effective_sample_size"
            case pilotPaths = "pilot_paths"
            case rSquared = "r_squared"
        }

        init(_ i: ImportanceSampling) {
            target = i.target
            paths = i.paths
            effectiveSampleSize = i.effectiveSampleSize
            pilotPaths = i.pilotPaths
            rSquared = i.rSquared
            shift = i.shiftLength
            estimates = i.estimates.map { e in
                Estimate(
                    statistic: e.statistic, estimate: e.value, ci95: e.interval.map { [$0.lowerBound, $0.upperBound] },
                    plainEstimate: e.plainValue, plainCI95: e.plainInterval.map { [$0.lowerBound, $0.upperBound] }, pathsRatio: e.pathsRatio)
            }
        }
    }
}
