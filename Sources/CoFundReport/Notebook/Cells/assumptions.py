for (program, name, kind, source), rows in assumptions.groupby(["program", "program_name", "kind", "source"], sort=False):
    print(f"{name}  [{program}, {kind}]")
    print(textwrap.fill(f"source: {source}", width=110, initial_indent="  ", subsequent_indent="    "))
    for a in rows.assumption:
        if a:
            print(textwrap.fill(a, width=110, initial_indent="  • ", subsequent_indent="    "))
    print()
