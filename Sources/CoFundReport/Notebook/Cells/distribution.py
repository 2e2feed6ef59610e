# The fiscal cost: the government total (the fiscal funders, path by path), else all funders.
whole = "government" if "government" in set(summary.funder) else "all"
g = summary[(summary.program == "all") & (summary.funder == whole) & (summary.period == "total")].iloc[0]
whole_name = "fiscal total (government)" if whole == "government" else "grand total"
bars = [("p05", "p05"), ("p50", "p50\nmedian"), ("p90", "p90"), ("p95", "p95\n1 in 20"), ("p99", "p99\n1 in 100"),
        ("mean", "mean"), ("cvar95", "CVaR95\nworst 5%"), ("cvar99", "CVaR99\nworst 1%")]
shade = {"mean": "#0072B2", "cvar95": "#D55E00", "cvar99": "#D55E00"}
fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [3, 2]})

drawn = left.bar([label for _, label in bars], [g[c] for c, _ in bars], color=[shade.get(c, "#8FB8D8") for c, _ in bars])
left.bar_label(drawn, labels=[f"{g[c]:,.0f}" for c, _ in bars], fontsize="small", padding=2)
left.set_ylabel(plain(unit))
left.set_ylim(0, max(1e-9, max(g[c] for c, _ in bars)) * 1.35)
left.yaxis.set_major_formatter(ticker.StrMethodFormatter("{x:,.0f}"))
left.set_title(plain(f"The {whole_name} over {horizon}: percentiles, mean and CVaR ({unit})"))
left.legend(handles=[Patch(color="#8FB8D8", label="percentile: the total stays below it in that share of paths"),
                     Patch(color="#0072B2", label="mean: the expected total"),
                     Patch(color="#D55E00", label="CVaR: the average of the worst 5% / 1% of paths")],
            loc="upper left", fontsize="small")

edges = [g.p05, g.p50, g.p90, g.p95, g.p99, g["max"]]
shares = [45, 40, 5, 4, 1]                   # % of paths between consecutive edges
span = edges[-1] - edges[0]
if span > 0:
    per = 10 ** math.floor(math.log10(span / 10))    # the histogram's unit of width
    for lo, hi, share in zip(edges, edges[1:], shares):
        if hi > lo:
            right.bar(lo, share / ((hi - lo) / per), width=hi - lo, align="edge", color="#8FB8D8", edgecolor="white")
            right.annotate(f"{share}%", ((lo + hi) / 2, share / ((hi - lo) / per)), ha="center", va="bottom", fontsize="small")
    for c, label, style in [("mean", "mean", ":"), ("cvar95", "CVaR95", "--"), ("cvar99", "CVaR99", "-.")]:
        right.axvline(g[c], color=shade[c], linestyle=style, label=f"{label} {g[c]:,.0f}")
    right.set_ylabel(plain(f"% of paths per {per:,g} {unit}"))
    right.legend(loc="upper right", fontsize="small")
else:
    right.text(0.5, 0.5, "Every path gives the same total:\nthere is no spread to draw.", ha="center", va="center",
               transform=right.transAxes)
right.set_xlabel(plain(f"{whole_name} over {horizon}, {unit}"))
right.xaxis.set_major_formatter(ticker.StrMethodFormatter("{x:,.0f}"))
right.set_title("Histogram between the percentiles (p05 to the worst path)")
fig.tight_layout()
plt.show()
