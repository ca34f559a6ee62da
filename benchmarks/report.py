"""``make bench``'s tables: the results as Markdown, medians in ms unless said."""

from __future__ import annotations

import json


def print_table(results: dict) -> None:
    """The results as Markdown tables (medians in ms unless said)."""
    if results.get("reader"):
        from benchmarks.reader import print_table as reader_table
        reader_table(results["reader"])
        print()
    def median(measure):
        return "-" if not measure or measure.get("median_ms") is None else measure["median_ms"]

    head = ["dataset", "persons", "load+validate", "graph_at", "layout", "network fig", "year cb (miss)",
            "year cb (hit)", "cb KB", "all years KB (gzip)", "recipe", "x faster", "cytoscape", "first start s",
            "second start s", "peak MB"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results["datasets"]:
        frames = f"{r['frames_kb']} ({r['frames_gzip_kb']})" if r.get("frames_kb") else "not sent"
        cells = [r["dataset"], r["persons"], median(r["load_validate"]), median(r["graph_at"]),
                 median(r["layout_once"]), median(r["figures"]["network"]), median(r["year_callback_miss"]),
                 median(r["year_callback_hit"]), round(r["callback_bytes"] / 1024), frames,
                 median(r["recipe_callback"]), r["ratio_recipe"], median(r["cytoscape_payload"]),
                 r.get("first_start_s", "-"), r["cold_start_s"], r["server_peak_mb"]]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print("\nIn headless Chromium:\n")
    print("| dataset | years in browser | opened s (first start) | opened s (second start) | slider→paint ms (IQR) "
          "| fps while playing | longest frame ms |")
    print("|---|---|---|---|---|---|---|")
    for r in results["datasets"]:
        if "slider_to_paint" in r:
            paint = r["slider_to_paint"]
            refused = " (WebGL refused)" if r["webgl_refused"] else ""
            print(f"| {r['dataset']} | {r['years_in_browser']}{refused} | {r['server_start_to_network_painted_s']} | "
                  f"{r.get('second_start_to_network_painted_s')} | {paint['median_ms']} ({paint['iqr_ms']}) | "
                  f"{r['play_fps']} | {r['play_longest_frame_ms']} |")
    draw = results.get("draw")
    if draw:
        print(f"\nPlotly redraw of one year in Chromium (bare page): ours {draw['draw_ours']['median_ms']} ms, "
              f"markers and lines only {draw['draw_floor']['median_ms']} ms, recipe "
              f"{draw['draw_recipe']['median_ms']} ms ({draw['ratio_draw_recipe']}x). Slider to paint in the "
              f"dashboard / this redraw: {draw.get('ratio_paint_to_draw')}x (goal 1.3x).")
    if results.get("readability"):
        from benchmarks.readability import TARGETS, print_rows
        print("\nReadability of the network (shipped data, measured from the rendered SVG):\n")
        print_rows(results["readability"]["rows"])
        print(f"\nSummary: {json.dumps(results['readability']['summary'])}; targets: {json.dumps(TARGETS)}")
    if results.get("readability_opened"):
        from benchmarks.readability import print_opened
        print("\nAn opened faction of the 50,000 persons (its members laid out for themselves):\n")
        print_opened(results["readability_opened"])
    png = results["png"]
    print(f"PNG export: first {png['png_first']['median_ms']} ms, warm {png['png_warm']['median_ms']} ms, "
          f"batch of 20 {png['png_batch_20']['median_ms']} ms. Machine: {results['machine']}.")
    if results.get("video"):
        from benchmarks.video import print_video
        print_video(results["video"])
