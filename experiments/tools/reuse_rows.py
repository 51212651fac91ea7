"""Start a bench CSV from rows other runs already hold (same code, same seeds, same rows: experiments/tools/same_seed.py), so a
screen or a confirmation runs only what is new. Does nothing when OUT exists and is not empty.

    .venv/bin/python experiments/tools/reuse_rows.py OUT SRC:QUERY [SRC:QUERY ...]    # QUERY: a pandas `DataFrame.query` string
"""
import sys
from pathlib import Path
import pandas as pd
from tsai_ibgan.bench.runner import read_results


def main(out: str, *sources: str):
    out = Path(out)
    if out.exists() and out.stat().st_size: return
    parts = []
    for spec in sources:
        src, query = spec.split(':', 1)
        rows = read_results(src).query(query)
        print(f'{out}: {len(rows)} rows from {src}')
        parts.append(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    pd.concat(parts).to_csv(out, index=False)


if __name__ == '__main__': main(*sys.argv[1:])
