"""How long SAITS (the bench's small fixed model, `gaps.SAITS_ARGS`) takes to fit on each dev set's training split with
30% block gaps, and its imputation error at the values hidden from the test set beside linear interpolation (seed 0,
one thread). Needs the saits extra. Writes experiments/gaps/saits_time.md.

    PYTHONIOENCODING=utf-8 .venv/bin/python experiments/gaps/saits_time.py
"""
import time
import warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np
import torch
from tsai_ibgan.bench.data import available_datasets, fill_gaps, load_uea, make_imbalanced
from tsai_ibgan.bench.gaps import SAITS_ARGS, apply_fill, remove_values, saits_fill

torch.set_num_threads(1)
lines = ['# SAITS on the dev sets: fit time and imputation error (30% block gaps, seed 0, one thread)', '',
         '`PYTHONIOENCODING=utf-8 .venv/bin/python experiments/gaps/saits_time.py`; SAITS: ' + ', '.join(f'{k}={v}' for k, v in SAITS_ARGS.items()), '',
         '| dataset | training series | fit and fill, s | SAITS RMSE | interp RMSE |', '|---|---|---|---|---|']
for name in available_datasets('../shared/data/uea'):
    X, y, splits = make_imbalanced(fill_gaps(load_uea(name, '../shared/data/uea')[0]), *load_uea(name, '../shared/data/uea')[1:], seed=0)
    Xg = remove_values(X, 0.3, 'block', seed=0)
    t = time.perf_counter()
    filled = saits_fill(Xg, splits[0], seed=0)
    s = time.perf_counter() - t
    te = np.asarray(splits[1]); hid = np.isnan(Xg[te])
    rmse = lambda F: float(np.sqrt(((F[te] - X[te])[hid] ** 2).mean()))
    lines.append(f'| {name} | {len(splits[0])} | {s:.0f} | {rmse(filled):.3f} | {rmse(apply_fill(Xg, "interp")):.3f} |')
    print(lines[-1], flush=True)
Path('experiments/gaps/saits_time.md').write_text('\n'.join(lines) + '\n')
