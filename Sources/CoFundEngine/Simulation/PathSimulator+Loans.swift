import CoFundModel

extension PathSimulator {
    /// A loan follows the terms of its origination year's version throughout: its pd, rho and
    /// cap, its interest terms, and (kept apart by version in `PathScratch.flows`) its loss shares,
    /// even when it defaults or pays interest in a later year.
    func simulateLoans(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let params = scratch.params + scratch.paramBase[p.index]
        let span = plan.span
        // The year's systematic factor: the scenario's, or the program's own.
        if p.ownFactor {
            for t in 0..<span {
                var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.ownFactor(year: t - plan.history)))
                let z = Ziggurat.normal(&g)
                factorZ[t] = sampled(.ownFactor(program: p.index, year: t), normal: z)
            }
        } else {
            for t in 0..<span { factorZ[t] = sharedZ[t] }
        }
        // Conditional default probability per version, segment and year:
        // pds[(k · segments + s) · span + t].
        pds.removeAll(keepingCapacity: true)
        for k in p.versions.indices {
            let v = params + k * p.slotCount
            switch p.slots {
            case let .risk(rho, _, segmentPD, _):
                for slot in segmentPD { for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[slot], rho: v[rho], z: factorZ[t])) } }
            case let .interest(pd, rho, _, _, _, _):
                for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[pd], rho: v[rho], z: factorZ[t])) }
            default:
                return
            }
        }
        let mixing = uptakeMixing(p, path: path, seed: seed)
        // The horizon's event years, in which a default is counted for a stress test.
        let horizon = plan.history..<(plan.history + plan.years)
        for t in p.drawnYears {
            var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if linkCount[p.index] > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, &g, t, approval: 1, mixing: mixing, path: path).made
            // The terms of the loans originated in year t: its version, chosen once for the year.
            let k = p.versionOfYear[t]
            let v = params + k * p.slotCount
            let defaulted: Int
            switch p.slots {
            case let .risk(_, capSlot, _, _):
                let terms = CompensationTerms(cap: v[capSlot], term: p.loanTerm, repayment: p.repayment)
                defaulted = defaultedLoans(p, n: n, year: t, version: k, terms: terms, horizon: horizon, &g)
            case let .interest(_, _, rate, fee, fraction, capSlot):
                let terms = InterestSubsidyTerms(
                    interestRate: v[rate], feeRate: v[fee], fraction: v[fraction], cap: v[capSlot], term: p.loanTerm, repayment: p.repayment)
                defaulted = subsidisedLoans(p, n: n, year: t, version: k, terms: terms, horizon: horizon, &g)
            default:
                return
            }
            if let recorder, !replaying {
                if horizon.contains(t) { recorder.record.made[p.index] += n }
                recorder.record.defaulted[p.index] += defaulted
            }
        }
    }

    /// The loans of a risk program originated in year t that default, drawn alone. Given the path's
    /// factors, the n loans split between segments as a multinomial (a binomial per segment), and a
    /// segment's loans default within their term independently with probability
    /// q = 1 − Π (1 − pd_j) over the term's years; so the defaulted count is Binomial(n_s, q), drawn by
    /// inversion of one uniform (monotone in the pd under common random numbers), and each defaulted
    /// loan then draws its year of default (by inversion of the default year's distribution given a
    /// default), its principal and its recovery rate. The loans that do not default pay nothing and
    /// are not drawn. Returns the defaults in the horizon's years.
    private func defaultedLoans(
        _ p: ProgramPlan, n: Int, year t: Int, version k: Int, terms: CompensationTerms, horizon: Range<Int>, _ g: inout Xoshiro256
    ) -> Int {
        let version = p.versions[k]
        guard let principalSampler = version.amount, let recoverySampler = version.recoveryRate else { return 0 }
        let span = plan.span
        let segments = p.segmentCount
        let term = p.loanTerm
        let stride = CompensationRow.count * span
        let versionRows = scratch.flowRows(p.index) + k * segments * stride
        let cumulative = version.segmentCumulative
        var defaultedInHorizon = 0
        var left = n
        var below = 0.0
        for s in 0..<segments {
            // The segment's loans: the rest of the year's for the last segment.
            let weight = (s == segments - 1 ? 1 : cumulative[s]) - below
            let u = g.uniformOpen()
            let ns = s == segments - 1 ? left : DiscreteQuantile.binomial(u, trials: left, probability: min(1, weight / (1 - below)))
            below = s == segments - 1 ? 1 : cumulative[s]
            left -= ns
            // Cumulative default probabilities over the term, computed once for the segment's loans:
            // defaultBy[j] = 1 − Π_{i ≤ j} (1 − pd of year t + i); q = defaultBy[term − 1].
            let first = (k * segments + s) * span + t
            defaultBy.removeAll(keepingCapacity: true)
            var survival = 1.0
            for j in 0..<term {
                survival *= 1 - pds[first + j]
                defaultBy.append(1 - survival)
            }
            let q = 1 - survival
            let d = DiscreteQuantile.binomial(g.uniformOpen(), trials: ns, probability: q)
            guard !replaying else { continue }
            for _ in 0..<d {
                // The year of default: the first whose cumulative probability exceeds a uniform on (0, q).
                let w = g.uniformOpen() * q
                let j = defaultBy.firstIndex { $0 > w } ?? term - 1
                let defaultYear = t + j
                let principal = principalSampler.draw(&g)
                let uRecovery = g.uniformOpen()
                let recovery = version.recoveryTable?.quantile(uRecovery) ?? recoverySampler.quantile(uRecovery)
                if horizon.contains(defaultYear) { defaultedInHorizon += 1 }
                let loan = terms.work(principal: principal, loanYear: defaultYear - t, recoveryRate: recovery)
                CompensationRow.add(
                    loan.flows, to: versionRows + s * stride, span: span, defaultYear: defaultYear, recoveryYear: defaultYear + p.recoveryLag)
            }
        }
        return defaultedInHorizon
    }

    /// The loans of an interest-subsidy program originated in year t, one at a time: every loan is
    /// subsidised in each year of its term until it defaults, so every loan draws its principal,
    /// its segment and the uniform that fixes its year of default. Returns the defaults in the
    /// horizon's years.
    private func subsidisedLoans(
        _ p: ProgramPlan, n: Int, year t: Int, version k: Int, terms interest: InterestSubsidyTerms, horizon: Range<Int>,
        _ g: inout Xoshiro256
    ) -> Int {
        let version = p.versions[k]
        guard let principalSampler = version.amount else { return 0 }
        let span = plan.span
        let segments = p.segmentCount
        let raw = scratch.raw + p.index * span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let cumulative = version.segmentCumulative
        let versionPDs = k * segments * span
        var defaulted = 0
        for _ in 0..<n {
            let principal = principalSampler.draw(&g)
            var seg = 0
            if segments > 1 {
                let w = g.uniform()
                while seg < segments - 1, w >= cumulative[seg] { seg += 1 }
            }
            let uDefault = g.uniformOpen()
            // The loan defaults in the first year its cumulative default probability exceeds
            // uDefault: one uniform per loan, so a higher pd never delays a default.
            var survival = 1.0
            for j in 0..<p.loanTerm {
                let year = t + j
                survival *= 1 - pds[versionPDs + seg * span + year]
                if 1 - survival > uDefault {
                    if horizon.contains(year) { defaulted += 1 }
                    break
                }
                let x = interest.work(principal: principal, loanYear: j).payout
                if !replaying { raw[year] += x }
                if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: year + lag, claimYear: t) }
            }
        }
        return defaulted
    }
}
