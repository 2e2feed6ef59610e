by_program = summary[(summary.program != "all") & ~summary.funder.isin(["all", "government"]) & (summary.period == "total")]
program_costs = by_program.pivot_table(index="program", columns="funder", values="mean", aggfunc="sum", sort=False).fillna(0)
program_costs = program_costs.reindex(columns=[f for f in funder_order if f in program_costs.columns])
program_costs["all"] = program_costs.sum(axis=1)
program_costs.index = [program_names[p] for p in program_costs.index]
program_costs.columns = [names[f] for f in program_costs.columns]
program_costs.sort_values(names["all"], ascending=False)
