budgets = summary[summary.budget.notna()]
if budgets.empty:
    print("No program of this scenario has an appropriation (budget) to compare with.")
else:
    at_risk = budgets.assign(**{"chance over budget (%)": budgets.p_over_budget * 100})
    display(at_risk.sort_values(["p_over_budget", "expected_overrun"], ascending=False)
            [["program_name", "funder_name", "year", "budget", "mean", "p95", "chance over budget (%)", "expected_overrun"]]
            .head(20).reset_index(drop=True))
