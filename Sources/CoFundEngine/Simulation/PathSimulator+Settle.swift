import CoFundModel

extension PathSimulator {
    /// Turns the path's raw claims and losses into each funder's payments by year: payment lags
    /// and schedules, cost shares or loss shares, budgets and rationing. Programs are settled
    /// parents first, so a match follows what its parent actually paid after rationing.
    func settle(into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        for pi in plan.order {
            let p = plan.programs[pi]
            let schedule = p.program.paymentSchedule
            let lag = p.program.paymentLag
            let nf = p.funderIDs.count
            for f in 0..<nf { for t in 0..<e { amounts[pi][f][t] = 0 } }
            let v = scratch.params + scratch.paramBase[pi]
            let raw = scratch.raw + pi * e
            let loss = scratch.loss + pi * e
            let segmentRaw = scratch.segments + scratch.segmentBase[pi] * e
            if case let .risk(_, _, _, segmentShares) = p.slots {
                for t in 0..<e {
                    for (k, w) in schedule.enumerated() {
                        let src = t - lag - k
                        guard src >= 0 else { break }
                        amounts[pi][nf - 1][t] += w * loss[src]
                        for (s, shares) in segmentShares.enumerated() {
                            let c = w * (s == 0 ? raw[src] : segmentRaw[(s - 1) * e + src])
                            guard c != 0 else { continue }
                            for f in 0..<(nf - 1) where shares[f] >= 0 { amounts[pi][f][t] += v[shares[f]] * c }
                        }
                    }
                    var paid = 0.0
                    for f in 0..<(nf - 1) { paid += amounts[pi][f][t] }
                    amounts[pi][nf - 1][t] -= paid
                }
            } else {
                let fractions = p.shareFractions
                for t in 0..<e {
                    var pay = 0.0
                    for (k, w) in schedule.enumerated() {
                        let src = t - lag - k
                        guard src >= 0 else { break }
                        pay += w * raw[src]
                    }
                    guard pay != 0 else { continue }
                    for f in 0..<nf { amounts[pi][f][t] = fractions[f] * pay }
                }
            }
            if !p.budgets.isEmpty { applyBudgets(p, factor: &rationing) }
            for f in 0..<nf {
                for t in 0..<e where amounts[pi][f][t] != 0 {
                    plan.layout.accumulate(amounts[pi][f][t], program: pi, funder: f, eventYear: t, into: out)
                }
            }
        }
    }

    /// Records each budgeted funder's demand and, with pro-rata rationing, scales the year's
    /// payments (and the matches that follow them) to fit the tightest appropriation.
    private func applyBudgets(_ p: ProgramPlan, factor: inout [Double]) {
        let pi = p.index
        let years = plan.years
        for t in 0..<years { factor[t] = 1 }
        var cell = plan.budgetBase[pi]
        for (f, budget) in p.budgets {
            for t in 0..<years {
                let d = amounts[pi][f][t]
                demand[cell] = d
                cell += 1
                if d > budget { factor[t] = min(factor[t], budget / d) }
            }
        }
        guard p.program.rationing == .proRata else { return }
        let nf = p.funderIDs.count
        let isRisk: Bool
        if case .risk = p.slots { isRisk = true } else { isRisk = false }
        for t in 0..<years where factor[t] < 1 {
            if isRisk {
                // The bank is not compensated for what the funders' budgets cannot pay.
                var cut = 0.0
                for f in 0..<(nf - 1) {
                    cut += amounts[pi][f][t] * (1 - factor[t])
                    amounts[pi][f][t] *= factor[t]
                }
                amounts[pi][nf - 1][t] += cut
            } else {
                for f in 0..<nf { amounts[pi][f][t] *= factor[t] }
            }
            for c in p.children { scratch.raw[c * plan.span + t] *= factor[t] }
        }
    }
}
