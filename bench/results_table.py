"""The benchmark's results table, with the targets as ratios from the run."""

import statistics


def results_table(rows, throughput, page_bytes, seconds, answers=()):
    lines = [
        "Article page, in-process, DEBUG off, SQLite (ms: median / 90th percentile)",
        "",
        "| comments | shown | queries (stock) | HTML bytes (stock) | bytes per"
        " comment (stock) | of which markup (stock) | cold | warm | stock xtd"
        " | cold vs stock |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        per_comment = row["per_comment"]
        stock_per_comment = row["stock_per_comment"]["full"]
        cold, warm, stock = row["cold"], row["warm"], row["stock"]
        lines.append(
            f"| {row['size']:,} | {row['shown']:,} | {row['queries']} "
            f"({row['stock_queries']}) | {row['bytes']:,} ({row['stock_bytes']:,}) | "
            f"{per_comment:,.0f} ({stock_per_comment:,.0f}) | "
            f"{row['markup']:,.0f} ({row['stock_markup']:,.0f}) | "
            f"{cold[0]:.1f} / {cold[1]:.1f} | {warm[0]:.2f} / {warm[1]:.2f} | "
            f"{stock[0]:.1f} / {stock[1]:.1f} | {stock[0] / cold[0]:.0f}× faster |"
        )
    lines += [
        "",
        "The summary's answer counts, answer_counts(article), SQLite "
        "(ms: median / 90th percentile)",
        "",
        "| answers | queries | time |",
        "|---|---|---|",
        *(
            f"| {row['size']:,} | {row['queries']} | "
            f"{row['median']:.1f} / {row['p90']:.1f} |"
            for row in answers
        ),
    ]
    lines += [
        "",
        f"Throughput under gunicorn, 2 workers, wrk -t2 -c16, page of "
        f"{page_bytes:,} bytes (rounds of 4 s, each target in turn)",
        "",
        "| target | requests/s | p50 | p99 | errors |",
        "|---|---|---|---|---|",
    ]
    for name, runs in throughput.items():
        for rps, p50, p99, errors in runs:
            lines.append(f"| {name} | {rps:,.0f} | {p50} | {p99} | {errors} |")
    article_runs = throughput[next(iter(throughput))]
    static_runs = throughput["static file, same size (whitenoise)"]
    mixed_runs = next(runs for name, runs in throughput.items() if "mixed" in name)
    varnish_runs = next(runs for name, runs in throughput.items() if "Varnish" in name)
    mixed_errors = sum(run[3] for run in mixed_runs)
    thousand = next(row for row in rows if row["size"] == 1000)
    lines += [
        "",
        "Targets (ratios from this run):",
        f"- queries on a cold cache at every size: "
        f"{sorted({row['queries'] for row in rows})} (target: fixed, at most 10)",
        f"- cold render with 1,000 comments vs stock: "
        f"{thousand['stock'][0] / thousand['cold'][0]:.0f}× faster (target: 20×)",
        "- HTML bytes per comment vs stock (the same comments), at each size:",
        *(
            f"  - {label}: "
            + ", ".join(
                f"{row['per_comment'] / row['stock_per_comment'][features]:.2f}"
                for row in rows
            )
            + (" (target: at most 0.5)" if features == "full" else "")
            for features, label in [
                ("full", "stock as the issue measured it (Reply, flag, like links)"),
                ("flag", "stock with Insight's links only (Reply, flag)"),
                ("plain", "stock with Reply links only"),
            ]
        ),
        "- markup bytes per comment (the commenters' text, identical on both sides,"
        " left out) vs stock: "
        + ", ".join(f"{row['markup'] / row['stock_markup']:.2f}" for row in rows),
        "- cached article throughput vs same-size static file, the median of the"
        f" rounds' ratios: {median_ratio(article_runs, static_runs)}"
        " (target: at least 0.8)",
        "- the article through Varnish vs gunicorn's cached article, the median of"
        f" the rounds' ratios: {median_ratio(varnish_runs, article_runs)}"
        " (target: at least 5)",
        "- mixed readers' traffic vs cached article, the median of the rounds'"
        f" ratios: {median_ratio(mixed_runs, article_runs)} (target: at least 0.5),"
        f" with {mixed_errors} errors (target: 0)",
        "",
        f"Whole run: {seconds:.0f} s",
    ]
    return "\n".join(lines)


def median_ratio(runs, baseline_runs):
    """The median of each round's ratio, and the rounds' own, "0.81 (0.79–0.84)"."""
    ratios = sorted(
        run[0] / baseline[0] for run, baseline in zip(runs, baseline_runs, strict=True)
    )
    return f"{statistics.median(ratios):.2f} ({ratios[0]:.2f}–{ratios[-1]:.2f})"
