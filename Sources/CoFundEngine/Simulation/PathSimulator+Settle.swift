import CoFundModel

extension PathSimulator {
    /// Turns the path's raw claims and defaulted loans into each funder's payments by year:
    /// payment lags and schedules, cost shares or loss shares and recoveries, budgets and rationing.
    /// Programs are settled parents first, so a match follows what its parent actually paid after
    /// rationing.
    func settle(into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        for pi in plan.order {
            let p = plan.programs[pi]
            let schedule = p.program.paymentSchedule
            let lag = p.program.paymentLag
            let nf = p.funderIDs.count
            for f in 0..<nf { for t in 0..<e { amounts[pi][f][t] = 0 } }
            let raw = scratch.raw + pi * e
            if case let .risk(_, _, _, segmentShares) = p.slots, let bank = p.residual {
                settleCompensation(p, segmentShares, bank: bank)
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
            if let bank = p.residual, !p.budgets.isEmpty { followRationing(p, bank: bank) }
            for f in 0..<nf {
                for t in 0..<e where amounts[pi][f][t] != 0 {
                    plan.layout.accumulate(amounts[pi][f][t], program: pi, funder: f, eventYear: t, into: out)
                }
            }
            if p.residual != nil { accumulateCompensation(p, into: out) }
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
        for t in 0..<years where factor[t] < 1 {
            if let bank = p.residual {
                // The bank is not compensated for what the funders' budgets cannot pay.
                var cut = 0.0
                for f in 0..<nf where f != bank {
                    cut += amounts[pi][f][t] * (1 - factor[t])
                    amounts[pi][f][t] *= factor[t]
                }
                amounts[pi][bank][t] += cut
            } else {
                for f in 0..<nf { amounts[pi][f][t] *= factor[t] }
            }
            for c in p.children { scratch.raw[c * plan.span + t] *= factor[t] }
        }
    }
}
