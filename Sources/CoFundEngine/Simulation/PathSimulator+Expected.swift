import CoFundModel

extension PathSimulator {
    /// Settles given amounts instead of drawn ones: each program's claims by event year or its
    /// defaulted-loan flows (nil: nothing), with every parameter at its mean, through the same
    /// payment lags, schedules, shares and loss shares as a path (`settle`). Settlement is linear
    /// in the amounts and, given independent parameters, in each share, so settling expected amounts
    /// gives every series' expected value — when nothing is rationed pro rata, which the callers
    /// ensure by leaving such programs out. Returns the path's values (`SimulationPlan.valueCount`: the
    /// series, then the budget rows, whose demands are expected values too).
    func settle(expected: [ProgramExpectation?]) -> [Double] {
        scratch.clear()
        for p in plan.programs {
            let base = scratch.paramBase[p.index]
            for (k, version) in p.versions.enumerated() {
                for (slot, parameter) in version.parameters.enumerated() {
                    scratch.params[base + k * p.slotCount + slot] = parameter.central
                }
            }
        }
        let span = plan.span
        for (pi, e) in expected.enumerated() {
            switch e {
            case let .claims(raw):
                for t in 0..<Swift.min(span, raw.count) { scratch.raw[pi * span + t] = raw[t] }
            case let .flows(rows):
                let target = scratch.flowRows(pi)
                for i in rows.indices { target[i] = rows[i] }
            case nil:
                break
            }
        }
        var out = [Double](repeating: 0, count: plan.valueCount)
        out.withUnsafeMutableBufferPointer { buffer in
            settle(into: buffer.baseAddress!)
            plan.layout.completeFlows(buffer.baseAddress!)
        }
        return out
    }
}
