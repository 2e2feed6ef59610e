fan = summary[(summary.program == "all") & (summary.period == "year")].assign(y=lambda d: d.year.astype(int))
shown = [f for f in funder_order if f != "all"]
ncols = 2 if len(shown) > 1 else 1
nrows = -(-len(shown) // ncols)
fig, axes = plt.subplots(nrows, ncols, figsize=(6.5 * ncols, 3.6 * nrows), squeeze=False)
for ax, f in zip(axes.flat, shown):
    d = fan[fan.funder == f].sort_values("y")
    ax.fill_between(d.y, d.p05, d.p95, color=colors[f], alpha=0.25, linewidth=0, label="p05–p95 (90% of paths)")
    ax.plot(d.y, d.p50, color=colors[f], linewidth=2, marker="o", markersize=3, label="median (p50)")
    ax.plot(d.y, d["mean"], color="black", linewidth=1.2, linestyle="--", label="mean")
    ax.set_title(plain(f"{names[f]} ({f})"))
    ax.set_xticks(d.y)
    ax.set_ylabel(plain(unit))
    ax.set_ylim(bottom=min(0, d.p05.min()))
    ax.yaxis.set_major_formatter(ticker.StrMethodFormatter("{x:,.0f}"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize="small")
for ax in list(axes.flat)[len(shown):]:
    ax.set_visible(False)
fig.suptitle(plain(f"Each funder's exposure by year, all programs ({unit}): median, mean and the 90% band"))
fig.tight_layout()
plt.show()
