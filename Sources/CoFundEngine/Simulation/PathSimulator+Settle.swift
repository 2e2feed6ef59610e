import CoFundModel

extension PathSimulator {
    /// Turns the path's raw claims and defaulted loans into each funder's payments by year:
    /// payment lags and schedules, cost shares or loss shares and recoveries, budget lines and
    /// rationing.
    ///
    /// Programs are settled group by group (`SimulationPlan.settlementGroups`), parents' groups
    /// first. When a line rations a program that has matches, the matches are drawn again from the
    /// same streams with what the parent actually paid (`replayMatches`), so that a match pays
    /// min(ratio × what its parent paid, cap) at any depth.
    func settle(into out: UnsafeMutablePointer<Double>) {
        for group in plan.settlementGroups {
            for pi in group { computeAmounts(pi) }
            let lines = plan.linesOfProgram[group[0]]
            var rationedParents: [Int] = []
            for l in lines { settleLine(l, into: out) }
            for pi in group where !plan.programRationingCells[pi].isEmpty {
                if applyRationing(pi), !plan.programs[pi].children.isEmpty { rationedParents.append(pi) }
            }
            for l in lines { recordPaid(l, into: out) }
            for pi in group { accumulate(pi, into: out) }
            if !rationedParents.isEmpty { replayMatches(of: rationedParents) }
        }
    }

    /// Each funder's payments of program `pi` by year before rationing. An installment follows
    /// the cost shares of its claims' year (`ProgramPlan.versionOfYear`): a payment year's
    /// installments are summed per version, then split with each version's shares.
    private func computeAmounts(_ pi: Int) {
        let e = plan.span
        let p = plan.programs[pi]
        let schedule = p.program.paymentSchedule
        let lag = p.program.paymentLag
        let nf = p.funderIDs.count
        for f in 0..<nf { for t in 0..<e { amounts[pi][f][t] = 0 } }
        if case let .risk(_, _, _, segmentShares) = p.slots, let bank = p.residual {
            settleCompensation(p, segmentShares, bank: bank)
            return
        }
        let raw = scratch.raw + pi * e
        if p.versions.count == 1 {
            let fractions = p.versions[0].shareFractions
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
            return
        }
        let nv = p.versions.count
        for t in 0..<e {
            for k in 0..<nv { versionPay[k] = 0 }
            var any = false
            for (k, w) in schedule.enumerated() {
                let src = t - lag - k
                guard src >= 0 else { break }
                guard raw[src] != 0 else { continue }
                versionPay[p.versionOfYear[src]] += w * raw[src]
                any = true
            }
            guard any else { continue }
            for k in 0..<nv where versionPay[k] != 0 {
                let fractions = p.versions[k].shareFractions
                for f in 0..<nf { amounts[pi][f][t] += fractions[f] * versionPay[k] }
            }
        }
    }

    /// Records line `l`'s demand in each year with an appropriation and, under pro-rata
    /// rationing, the factor that fits the year's payments into it.
    private func settleLine(_ l: Int, into out: UnsafeMutablePointer<Double>) {
        let rows = plan.budgetRows
        let members = plan.lineMembers[l]
        let proRata = plan.lines[l].rationing == .proRata
        var total = 0.0
        for c in plan.budgetGroups[l] {
            let cell = plan.budgetCells[c]
            let t = plan.history + cell.year
            var d = 0.0
            for m in members { d += amounts[m.program][m.funder][t] }
            out[rows.demand(cell: c)] = d
            total += d
            lineFactor[c] = proRata && d > cell.amount ? cell.amount / d : 1
        }
        out[rows.demand(line: l)] = total
    }

    /// Scales program `pi`'s payments in each horizon year by the tightest factor of the pro-rata
    /// lines covering it (appropriations are for horizon years only); returns whether some year
    /// was cut.
    private func applyRationing(_ pi: Int) -> Bool {
        let p = plan.programs[pi]
        let nf = p.funderIDs.count
        let factor = scratch.paidFactor + pi * plan.span
        var cut = false
        let h = plan.history
        for c in plan.programRationingCells[pi] {
            let t = h + plan.budgetCells[c].year
            factor[t] = Swift.min(factor[t], lineFactor[c])
        }
        for t in h..<(h + plan.years) where factor[t] < 1 {
            cut = true
            if let bank = p.residual {
                // The bank is not compensated for what the funders' budgets cannot pay.
                var unpaid = 0.0
                for f in 0..<nf where f != bank {
                    unpaid += amounts[pi][f][t] * (1 - factor[t])
                    amounts[pi][f][t] *= factor[t]
                }
                amounts[pi][bank][t] += unpaid
            } else {
                for f in 0..<nf { amounts[pi][f][t] *= factor[t] }
            }
        }
        if cut, let bank = p.residual { followRationing(p, bank: bank) }
        return cut
    }

    /// Records line `l`'s unpaid demand: its demand minus what the covered programs paid its funder.
    private func recordPaid(_ l: Int, into out: UnsafeMutablePointer<Double>) {
        let rows = plan.budgetRows
        var total = 0.0
        for c in plan.budgetGroups[l] {
            let t = plan.history + plan.budgetCells[c].year
            var paid = 0.0
            for m in plan.lineMembers[l] { paid += amounts[m.program][m.funder][t] }
            let unpaid = out[rows.demand(cell: c)] - paid
            out[rows.unpaid(cell: c)] = unpaid
            total += unpaid
        }
        out[rows.unpaid(line: l)] = total
    }

    /// Adds program `pi`'s payments into the path's series: payment years before the horizon
    /// are dropped, the horizon's are reported by year, the later ones as "after".
    private func accumulate(_ pi: Int, into out: UnsafeMutablePointer<Double>) {
        let p = plan.programs[pi]
        let h = plan.history
        for f in 0..<p.funderIDs.count {
            for t in h..<plan.span where amounts[pi][f][t] != 0 {
                plan.layout.accumulate(amounts[pi][f][t], program: pi, funder: f, eventYear: t - h, into: out)
            }
        }
        if p.residual != nil { accumulateCompensation(p, into: out) }
    }
}
