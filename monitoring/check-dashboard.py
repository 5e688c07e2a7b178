#!/usr/bin/env python3
"""Checks monitoring/: the Grafana dashboard is valid JSON, every panel has a query, and every
metric name in a query exists in what the Flink Prometheus reporters export; prometheus.yml
files parse as YAML.

    monitoring/check-dashboard.py --scrape http://127.0.0.1:9249/metrics http://127.0.0.1:9250/metrics
        scrape live reporters (a cluster running the job that has verified proofs: the zkedge_*
        metrics appear once their operators run)
    monitoring/check-dashboard.py --scrape URL... --save monitoring/metric-names.txt
        also record the scraped names (committed, so the check runs offline)
    monitoring/check-dashboard.py
        check against monitoring/metric-names.txt
    monitoring/check-dashboard.py --prometheus http://127.0.0.1:9090
        also evaluate every query on a Prometheus that scrapes the cluster (each must return data)

Exit 0 when everything checks, 1 with one line per problem otherwise.
"""
import argparse
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

import yaml

HERE = pathlib.Path(__file__).resolve().parent
DASHBOARD = HERE / "grafana" / "zkedge-dashboard.json"
NAMES_FILE = HERE / "metric-names.txt"
# A metric name in PromQL: an identifier not followed by "(" (a function) and not a label, range
# or keyword. Every metric this dashboard reads starts with flink_.
METRIC = re.compile(r"\b(flink_[A-Za-z0-9_:]+)\b")
SAMPLE = re.compile(r"^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{|\s)")


def scraped_names(urls):
    names = set()
    for url in urls:
        with urllib.request.urlopen(url, timeout=10) as answer:
            for line in answer.read().decode("utf-8").splitlines():
                match = SAMPLE.match(line)
                if match and not line.startswith("#"):
                    names.add(match.group(1))
    return names


def dashboard_queries(dashboard):
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            yield panel["title"], target.get("expr", "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scrape", nargs="+", metavar="URL", help="Prometheus endpoints of the reporters")
    parser.add_argument("--save", metavar="FILE", help="write the scraped metric names to FILE")
    parser.add_argument("--prometheus", metavar="URL", help="a Prometheus to evaluate every query on")
    args = parser.parse_args()
    problems = []

    try:
        dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        print(f"{DASHBOARD}: not valid JSON: {e}")
        return 1
    for file in sorted(HERE.glob("prometheus*.yml")):
        try:
            config = yaml.safe_load(file.read_text(encoding="utf-8"))
            if not config.get("scrape_configs"):
                problems.append(f"{file.name}: no scrape_configs")
        except yaml.YAMLError as e:
            problems.append(f"{file.name}: not valid YAML: {e}")

    if args.scrape:
        names = scraped_names(args.scrape)
        zkedge = sorted(n for n in names if "_zkedge_" in n)
        if not zkedge:
            problems.append("no zkedge metrics in the scraped output: is the job running and fed?")
        if args.save:
            pathlib.Path(args.save).write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
            print(f"saved {len(names)} metric names ({len(zkedge)} zkedge) to {args.save}")
    else:
        names = set(NAMES_FILE.read_text(encoding="utf-8").split())

    ids = set()
    used = set()
    for panel in dashboard["panels"]:
        if panel["id"] in ids:
            problems.append(f"panel id {panel['id']} used twice")
        ids.add(panel["id"])
        if not panel.get("targets"):
            problems.append(f"panel '{panel['title']}' has no query")
    for title, expr in dashboard_queries(dashboard):
        found = METRIC.findall(expr)
        if not found:
            problems.append(f"panel '{title}': no metric in '{expr}'")
        for name in found:
            used.add(name)
            if name not in names:
                problems.append(f"panel '{title}': {name} is not exported by the reporters")

    if args.prometheus:
        for title, expr in dashboard_queries(dashboard):
            # The dashboard's $job variable: every job.
            query = expr.replace("$job", ".*")
            url = args.prometheus.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
            try:
                with urllib.request.urlopen(url, timeout=10) as answer:
                    result = json.load(answer)
            except Exception as e:  # an HTTP 400 is a PromQL syntax error
                problems.append(f"panel '{title}': Prometheus refused '{query}': {e}")
                continue
            if result.get("status") != "success":
                problems.append(f"panel '{title}': '{query}' failed: {result.get('error')}")
            elif not result["data"]["result"]:
                problems.append(f"panel '{title}': '{query}' returned no series")
            else:
                evaluated = len(result["data"]["result"])
                print(f"ok  {title}: {evaluated} series  <- {query}")

    for problem in problems:
        print(problem)
    if not problems:
        print(f"{DASHBOARD.name}: {len(dashboard['panels'])} panels, {len(used)} metric names, all exported")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
