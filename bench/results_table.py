"""The benchmark's results table, with the targets as ratios from the run."""

import statistics


def results_table(rows, throughput, page_bytes, seconds):
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
        f"Throughput under gunicorn, 2 workers, wrk -t2 -c16 -d5s, page of "
        f"{page_bytes:,} bytes (two alternated rounds)",
        "",
        "| target | requests/s | p50 | p99 |",
        "|---|---|---|---|",
    ]
    for name, runs in throughput.items():
        for rps, p50, p99 in runs:
            lines.append(f"| {name} | {rps:,.0f} | {p50} | {p99} |")
    article_rps = statistics.mean(r[0] for r in throughput[next(iter(throughput))])
    static_rps = statistics.mean(
        r[0] for r in throughput["static file, same size (whitenoise)"]
    )
    thousand = next(row for row in rows if row["size"] == 1000)
    lines += [
        "",
        "Targets (ratios from this run):",
        f"- queries on a cold cache at every size: "
        f"{sorted({row['queries'] for row in rows})} (target: fixed, at most 6)",
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
        f"- cached article throughput vs same-size static file: "
        f"{article_rps / static_rps:.2f} (target: at least 0.5)",
        "",
        f"Whole run: {seconds:.0f} s",
    ]
    return "\n".join(lines)
