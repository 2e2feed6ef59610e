/// Small inline scenarios: a few claims a year over three years, so that a run takes well under a second.
enum TestScenarios {
    /// Two programs over 2024–2026: a 2.5% rate capped at 250 split 50/25/25 (paid a year later, with
    /// a province budget) and an award split 60/40 and paid in two instalments. The title and a
    /// program name hold commas and double quotes, so that CSV quoting is exercised.
    static let tiny = """
        scenario:
          id: tiny-test
          title: 测试场景 "quoted", with comma
          unit: wan
          years: [2024, 2026]
          seed: 42
          paths: 500
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
        programs:
          - id: rd
            name: 研发补助（2.5%，"最高"250万元, 省市区）
            source: 济政字〔2020〕20号 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 20, growth: 0.1}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: 250
            share: {province: 0.5, city: 0.25, district: 0.25}
            budget: {province: 100}
            payment_lag: 1
          - id: award
            name: 奖励
            source: test
            kind: award
            claims: {count: {dist: poisson, mean: 5}}
            amount: {dist: uniform, low: 20, high: 30}
            share: {city: 0.6, district: 0.4}
            payment_schedule: [0.5, 0.5]

        """

    static let tinyFunders = ["province", "city", "district"]
    /// The funders of each program of `tiny` (those in its `share`).
    static let tinyProgramFunders = ["rd": ["province", "city", "district"], "award": ["city", "district"]]

    /// One program of each kind but `award`: a rate, a matching of the city's part of it, a risk
    /// compensation with a bank as residual, and an interest subsidy paid in two instalments.
    static let mixed = """
        scenario:
          id: mix-test
          title: 组合, "mixed" kinds
          unit: wan
          years: [2024, 2026]
          seed: 11
          paths: 500
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
          - {id: bank, name: 合作银行, level: bank}
        programs:
          - id: contracts
            name: 技术合同奖补（按成交额, "1%"）
            source: test
            kind: rate
            claims: {count: {dist: poisson, mean: 30}, approval: 0.8}
            base: {dist: lognormal, median: 200, p90: 2000}
            rate: 0.01
            cap_per_claim: 20
            share: {province: 0.3, city: 0.7}
          - id: contracts_match
            name: 区县配套
            source: test
            kind: matching
            matches: contracts
            of: city
            ratio: 1.0
            fraction: 0.4
            cap_per_claim: 10
            share: {district: 1.0}
            payment_lag: 1
          - id: riskcomp
            name: 风险补偿
            source: test
            kind: risk_compensation
            loans:
              count: {dist: poisson, mean: 40}
              principal: {dist: lognormal, median: 300, p90: 1500}
              term: 2
            cap_per_borrower: 1000
            pd: {dist: beta, mean: 0.05, sd: 0.02}
            rho: 0.15
            recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank
          - id: interest
            name: 贴息
            source: test
            kind: interest_subsidy
            loans: {count: 20, principal: {dist: lognormal, median: 500, p90: 1500}, term: 2}
            pd: 0.02
            rho: 0.15
            interest_rate: 0.04
            fee_rate: 0.01
            fraction: 0.5
            cap_per_claim: 50
            share: {province: 0.5, city: 0.5}
            payment_schedule: [0.6, 0.4]

        """

    /// Three planted mistakes, each on its own line: an unknown funder level (line 8, column 36),
    /// shares summing to 0.75 (line 17, column 12) and an approval of 1.5 (line 22, column 34).
    static let threeMistakes = """
        scenario:
          id: bad-test
          title: bad
          unit: wan
          years: [2024, 2026]
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: county}
        programs:
          - id: rd
            name: 研发补助
            source: test
            kind: rate
            claims: {count: 10, approval: 0.9}
            base: 100
            rate: 0.025
            share: {province: 0.5, city: 0.25}
          - id: award
            name: 奖励
            source: test
            kind: award
            claims: {count: 5, approval: 1.5}
            amount: 25
            share: {city: 1.0}

        """
}
