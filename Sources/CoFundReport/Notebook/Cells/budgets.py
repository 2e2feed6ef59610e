budgets = read_csv("budgets.csv", dtype=text | {"year": "Int64", "line": str, "line_name": str, "programs": str, "rationing": str, "basis": str})
if budgets.empty:
    print("This scenario sets no appropriation (no budget line and no program budget) to compare with.")
else:
    at_risk = budgets.assign(**{"chance over budget (%)": budgets.p_over * 100})
    display(at_risk.sort_values(["p_over", "expected_excess"], ascending=False)
            [["line_name", "funder_name", "basis", "period", "year", "budget", "demand_mean", "demand_p95",
              "chance over budget (%)", "expected_excess", "expected_unpaid"]]
            .head(20).reset_index(drop=True))
