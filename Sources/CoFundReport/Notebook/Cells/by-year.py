yearly = summary[(summary.program == "all") & summary.year.isin(years + ["total", "after"])]
yearly_means = (yearly.pivot(index="funder", columns="year", values="mean")
                .reindex(index=funder_order, columns=years + ["total", "after"]))
yearly_means.index = [names[f] for f in yearly_means.index]
yearly_means.columns.name = None
display(yearly_means)

bad_years = totals[totals.statistic.isin(["p95", "cvar95"])].set_index(["funder_name", "statistic"])[years + ["total", "after"]]
display(bad_years)
