import Yams

/// Decoding of numbers, distributions, parameters and counts.
extension ScenarioDecoder {
    static let distributionKeys: [String: [String]] = [
        "fixed": ["value"],
        "uniform": ["low", "high"],
        "triangular": ["low", "mode", "high"],
        "lognormal": ["median", "p90"],
        "gamma": ["mean", "sd"],
        "beta": ["mean", "sd"],
    ]
    static let countKeys: [String: [String]] = [
        "fixed": ["value", "growth"],
        "poisson": ["mean", "growth"],
        "negative_binomial": ["mean", "dispersion", "growth", "mixing"],
    ]
    /// The count distributions that have a mixing variable, and so take `mixing`.
    static let mixedCounts = ["negative_binomial"]

    /// A number that must satisfy `rule`.
    func number(_ node: Node, _ field: String, _ rule: ValueRule) -> Double? {
        guard let v = reader.number(node, field) else { return nil }
        guard rule.allows(v) else {
            reader.fail(field, node, "\(YAMLReader.format(v)) is not allowed", hint: "expected \(rule.allowed)")
            return nil
        }
        return v
    }

    /// A per-claim distribution (or a plain number, meaning that fixed value) whose every value
    /// satisfies `rule`.
    func distribution(_ node: Node, _ field: String, _ rule: ValueRule) -> Distribution? {
        if case .scalar = node {
            return number(node, field, rule).map(Distribution.fixed)
        }
        guard let m = reader.mapping(node, field) else { return nil }
        guard let distNode = m.required("dist", hint: "one of \(Self.distributionKeys.keys.sorted().joined(separator: ", "))"),
            let name = reader.string(distNode, m.path("dist"))
        else { return nil }
        guard let keys = Self.distributionKeys[name] else {
            let counts = Self.countKeys[name] != nil ? " (\(name) is for counts of claims or loans)" : ""
            let hint =
                DidYouMean.suggestion(for: name, among: Array(Self.distributionKeys.keys)).map { "did you mean `\($0)`?" }
                ?? "allowed: \(Self.distributionKeys.keys.sorted().joined(separator: ", "))"
            reader.fail(m.path("dist"), distNode, "unknown dist `\(name)`\(counts)", hint: hint)
            return nil
        }
        m.rejectUnknownKeys(allowed: ["dist"] + keys)
        var values: [Double] = []
        for k in keys {
            guard let n = m.required(k, hint: "`\(name)` takes \(keys.joined(separator: ", "))"),
                let v = number(n, m.path(k), .any)
            else { return nil }
            values.append(v)
        }
        let d: Distribution
        switch name {
        case "fixed":
            d = .fixed(values[0])
        case "uniform":
            guard values[0] <= values[1] else { return bad(m, "low \(f(values[0])) is above high \(f(values[1]))", "write low ≤ high") }
            d = .uniform(low: values[0], high: values[1])
        case "triangular":
            guard values[0] <= values[1], values[1] <= values[2], values[0] < values[2] else {
                return bad(m, "needs low ≤ mode ≤ high with low < high, found \(f(values[0])), \(f(values[1])), \(f(values[2]))", nil)
            }
            d = .triangular(low: values[0], mode: values[1], high: values[2])
        case "lognormal":
            guard values[0] > 0 else { return bad(m, "median \(f(values[0])) must be more than 0", nil) }
            guard values[1] > values[0] else {
                return bad(m, "p90 \(f(values[1])) must be above the median \(f(values[0]))", "for a fixed value write the number itself")
            }
            d = .lognormal(median: values[0], p90: values[1])
        case "gamma":
            guard values[0] > 0, values[1] > 0 else { return bad(m, "mean and sd must be more than 0", nil) }
            d = .gamma(mean: values[0], sd: values[1])
        default:  // beta
            let (mean, sd) = (values[0], values[1])
            guard mean > 0, mean < 1 else { return bad(m, "a beta mean must be between 0 and 1, found \(f(mean))", nil) }
            guard sd > 0, sd * sd < mean * (1 - mean) else {
                let maxSD = (mean * (1 - mean)).squareRoot()
                return bad(
                    m, "no beta distribution has mean \(f(mean)) and sd \(f(sd))", "sd must be above 0 and below √(mean(1−mean)) = \(f(maxSD))")
            }
            d = .beta(mean: mean, sd: sd)
        }
        if let problem = d.samplingProblem { return bad(m, problem.message, problem.hint) }
        guard rule.allows(d.support) else {
            let s = d.support
            reader.fail(
                m.field, node, "a \(name) distribution takes values from \(f(s.lowerBound)) to \(f(s.upperBound))",
                hint: "this field must be \(rule.allowed)\(rule == .probability ? "; use beta, uniform or triangular" : "")")
            return nil
        }
        return d
    }

    /// A number, or an uncertain parameter drawn once per path.
    func parameter(_ node: Node, _ field: String, _ rule: ValueRule) -> Parameter? {
        guard let d = distribution(node, field, rule) else { return nil }
        if case let .fixed(v) = d { return .value(v) }
        return .uncertain(d)
    }

    /// A yearly count of claims or new loans. Its yearly limit depends on the years in which the
    /// program takes claims, which the whole scenario decides: `ScenarioValidator` checks it.
    func count(_ node: Node, _ field: String) -> CountDistribution? {
        countDistribution(node, field)
    }

    private func countDistribution(_ node: Node, _ field: String) -> CountDistribution? {
        if case .scalar = node {
            return number(node, field, .nonNegative).map { CountDistribution(family: .fixed, mean: $0) }
        }
        guard let m = reader.mapping(node, field) else { return nil }
        guard let distNode = m.required("dist", hint: "one of fixed, poisson, negative_binomial"),
            let name = reader.string(distNode, m.path("dist"))
        else { return nil }
        guard let keys = Self.countKeys[name] else {
            let hint =
                DidYouMean.suggestion(for: name, among: Array(Self.countKeys.keys)).map { "did you mean `\($0)`?" }
                ?? "a count is fixed, poisson or negative_binomial"
            reader.fail(m.path("dist"), distNode, "unknown count dist `\(name)`", hint: hint)
            return nil
        }
        if !Self.mixedCounts.contains(name), let mixingNode = m["mixing"] {
            reader.fail(
                m.path("mixing"), mixingNode, "a \(name) count has no mixing variable, so it takes no `mixing`",
                hint:
                    "`mixing: per_path | per_year` belongs to a negative_binomial count; remove it, or write {dist: negative_binomial, mean: …, dispersion: …, mixing: …}"
            )
        }
        m.rejectUnknownKeys(allowed: ["dist", "mixing"] + keys)
        let meanKey = name == "fixed" ? "value" : "mean"
        guard let meanNode = m.required(meanKey), let mean = number(meanNode, m.path(meanKey), .nonNegative) else { return nil }
        var growth = 0.0
        if let g = m["growth"] {
            guard let v = number(g, m.path("growth"), .any) else { return nil }
            guard v > -1, v <= 1 else {
                reader.fail(
                    m.path("growth"), g, "growth \(f(v)) per year is not allowed", hint: "expected a yearly rate above -1 and at most 1 (100%)")
                return nil
            }
            growth = v
        }
        switch name {
        case "poisson":
            return CountDistribution(family: .poisson, mean: mean, growth: growth)
        case "negative_binomial":
            guard let dn = m.required("dispersion"), let k = number(dn, m.path("dispersion"), .positive) else { return nil }
            guard Distribution.gammaShapeRange.contains(k) else {
                reader.fail(
                    m.path("dispersion"), dn, "a dispersion of \(f(k)) cannot be sampled (the mixing gamma's shape)",
                    hint:
                        "from \(f(Distribution.gammaShapeRange.lowerBound)) to \(f(Distribution.gammaShapeRange.upperBound)); a large dispersion is close to poisson"
                )
                return nil
            }
            var mixing = CountDistribution.Mixing.perPath
            if let mn = m["mixing"] {
                guard let text = reader.string(mn, m.path("mixing")) else { return nil }
                guard let v = CountDistribution.Mixing(rawValue: text) else {
                    let names = CountDistribution.Mixing.allCases.map(\.rawValue)
                    reader.fail(
                        m.path("mixing"), mn, "unknown mixing `\(text)`",
                        hint: DidYouMean.suggestion(for: text, among: names).map { "did you mean `\($0)`?" }
                            ?? "per_path (one popularity per path, the default) or per_year (redrawn every year)")
                    return nil
                }
                mixing = v
            }
            return CountDistribution(family: .negativeBinomial(dispersion: k, mixing: mixing), mean: mean, growth: growth)
        default:
            guard mean == mean.rounded() || growth != 0 else {
                reader.fail(m.path("value"), meanNode, "a fixed count must be a whole number, found \(f(mean))")
                return nil
            }
            return CountDistribution(family: .fixed, mean: mean, growth: growth)
        }
    }

    private func bad<T>(_ m: MappingCursor, _ message: String, _ hint: String?) -> T? {
        reader.fail(m.field, m.node, message, hint: hint)
        return nil
    }

    func f(_ v: Double) -> String { YAMLReader.format(v) }
}
