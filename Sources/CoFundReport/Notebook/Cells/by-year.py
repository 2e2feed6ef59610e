# One column per year, then the horizon's total and what is paid after it (period "total", "after").
yearly = summary[summary.program == "all"].assign(
    column=lambda d: d.year.astype("string").where(d.period == "year", d.period))
yearly_means = (yearly.pivot(index="funder", columns="column", values="mean")
                .reindex(index=funder_order, columns=years + ["total", "after"]))
yearly_means.index = [names[f] for f in yearly_means.index]
yearly_means.columns.name = None
display(yearly_means)

bad_years = totals[totals.statistic.isin(["p95", "cvar95"])].set_index(["funder_name", "statistic"])[years + ["total", "after"]]
display(bad_years)
