extension PathSimulator {
    /// Records a parameter that is not finite; the first one found is kept.
    func checkParameter(_ value: Double, program: ProgramPlan, slot: Int, path: UInt64) {
        guard !value.isFinite, failure == nil else { return }
        failure = NumericFailure(program: program.program.id, field: program.parameterNames[slot], path: Int(path), value: value)
    }

    /// Records the first series value of a path that is not finite, naming its program.
    func checkRow(_ row: UnsafePointer<Double>, path: Int) {
        guard failure == nil else { return }
        let layout = plan.layout
        for k in 0..<layout.series.count where !row[k].isFinite {
            let program = layout.series[k].program.map { plan.programs[$0].program.id } ?? "all"
            failure = NumericFailure(program: program, field: nil, path: path, value: row[k])
            return
        }
    }
}

extension ProgramPlan {
    /// The field of the program's yearly count, for messages.
    var countField: String { program.rule.countField + ".count" }
}
