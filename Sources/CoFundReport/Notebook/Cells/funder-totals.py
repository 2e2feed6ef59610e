columns = ["funder", "funder_name", "mean", "sd", "p05", "p50", "p95", "p99", "cvar95", "cvar99", "max"]
horizon_totals = summary[(summary.program == "all") & (summary.period == "total")][columns].set_index("funder_name")
horizon_totals
