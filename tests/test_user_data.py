"The benchmark on a user's own data: an .npz in, the rows and the answer out; bad data refused first; a Dask cluster that loses nothing."
import os
from pathlib import Path
import numpy as np
import pandas as pd
import pytest
from tsai_ibgan.bench.runner import KEY_COLS, make_jobs, run_jobs
from tsai_ibgan.bench.cli import main
from tsai_ibgan.bench.data import load_uea

pytest.importorskip('distributed')


def _write_npz(path, with_split=False):
    "Bundled Epilepsy cut to a natural imbalance (class shares 100/50/25/12%), every 4th step, 3% of values NaN."
    X, y, _ = load_uea('Epilepsy')
    rng = np.random.default_rng(0)
    keep = np.concatenate([np.flatnonzero(y == c)[:max(6, int((y == c).sum() * s))] for c, s in zip(np.unique(y), (1, .5, .25, .12))])
    X, y = X[keep][:, :, ::4].copy(), y[keep]
    X[rng.random(X.shape) < 0.03] = np.nan
    extra = {}
    if with_split: extra = dict(train_idx=np.arange(0, len(y), 2), test_idx=np.arange(1, len(y), 2))
    np.savez(path, X=X, y=y, **extra)
    return X, y


def test_bench_data_npz_gives_rows_and_an_answer(tmp_path, capsys):
    X, y = _write_npz(tmp_path / 'mine.npz')
    counts = np.unique(y, return_counts=True)[1]
    assert counts.max() / counts.min() > 4 and np.isnan(X).any()
    out = tmp_path / 'res'
    main(['bench', '--data', str(tmp_path / 'mine.npz'), '--methods', 'plain,class_weights,ibgan', '--arch', 'PaperCNN',
          '--epochs', '1', '--reps', '2', '--out', str(out)])
    text = capsys.readouterr().out
    rows = pd.read_csv(out / 'bench.csv')
    assert len(rows) == 6 and rows.error.isna().all() and set(rows.method) == {'plain', 'class_weights', 'ibgan'}
    assert (rows.dataset == 'mine').all() and (rows.frac_drop == 0).all()  # the data's own imbalance: nothing dropped
    assert (rows.budget == 'steps').all()  # a --data file: equal optimizer steps by default
    line = [l for l in text.splitlines() if l.startswith('On mine with PaperCNN, at equal optimizer steps, the best method is')]
    assert len(line) == 1, text
    best = rows.groupby('method').balanced_accuracy.mean().idxmax()
    assert f'the best method is {best} (' in line[0]
    assert (out / 'answer.png').exists() and (out / 'data' / 'mine.npz').exists()
    with np.load(out / 'data' / 'mine.npz') as f:  # the stratified split: every class in both splits, 25% held out
        tr, te = f['train_idx'], f['test_idx']
        assert set(y[tr]) == set(y[te]) == set(y) and abs(len(te) - 0.25 * len(y)) <= len(set(y))


@pytest.mark.parametrize('problem, message', [
    ('one_class', 'at least 2 classes'),
    ('lengths', 'labels for'),
    ('absent', 'in the test split but not in training'),
    ('shape', 'expected a 3-D array'),
])
def test_bad_data_is_refused_before_anything_runs(tmp_path, problem, message):
    X, y = _write_npz(tmp_path / 'ok.npz', with_split=True)
    kw = dict(X=X, y=y, train_idx=np.arange(0, len(y), 2), test_idx=np.arange(1, len(y), 2))
    if problem == 'one_class': kw.update(y=np.full(len(y), 'a'))
    if problem == 'lengths': kw.update(y=y[:-3])
    if problem == 'absent':
        rare = np.unique(y)[-1]
        kw.update(train_idx=np.flatnonzero(y != rare), test_idx=np.flatnonzero(y == rare))
    if problem == 'shape': kw.update(X=X[:, 0])
    np.savez(tmp_path / 'bad.npz', **kw)
    with pytest.raises(SystemExit, match=message):
        main(['bench', '--data', str(tmp_path / 'bad.npz'), '--methods', 'plain', '--epochs', '1', '--reps', '1', '--out', str(tmp_path / 'res')])
    assert not (tmp_path / 'res' / 'bench.csv').exists()


def test_local_cluster_writes_every_row_and_the_failed_one_with_its_error(tmp_path):
    jobs = make_jobs(['Epilepsy'], None, ['plain', 'class_weights'], ['PaperCNN'], epochs=1, reps=2, bs=32)
    bad = {**jobs[0], 'dataset': 'Missing'}  # no such data: its run fails on its worker
    df = run_jobs(jobs + [bad], tmp_path / 'bench.csv', workers=2, progress=False, scheduler='local')
    rows = pd.read_csv(tmp_path / 'bench.csv')
    assert len(rows) == len(jobs) + 1
    failed = rows[rows.dataset == 'Missing']
    assert len(failed) == 1 and 'FileNotFoundError' in failed.error.iloc[0]
    assert rows[rows.dataset == 'Epilepsy'].error.isna().all() and len(df) == len(jobs) + 1
    # the same rows as the process pool gives: the run is the same wherever it runs
    pool = run_jobs(jobs, tmp_path / 'pool.csv', workers=2, progress=False)
    a = rows[rows.dataset == 'Epilepsy'].sort_values(['method', 'seed']).balanced_accuracy.values
    assert np.allclose(a, pool.sort_values(['method', 'seed']).balanced_accuracy.values)
    again = run_jobs(jobs + [bad], tmp_path / 'bench.csv', workers=2, progress=False, scheduler='local')  # resumed: nothing reruns
    assert len(pd.read_csv(tmp_path / 'bench.csv')) == len(jobs) + 1 and len(again) == len(df)


def test_a_lost_worker_is_an_error_not_a_silent_gap():
    import dask
    from tsai_ibgan.bench.cluster import DaskRunner

    def run(x):  # defined here so that Dask ships it by value to its workers
        if x == 2: os._exit(1)  # the worker process dies, as on a lost machine
        return x * 10

    with dask.config.set({'distributed.scheduler.allowed-failures': 1}):
        with DaskRunner('local', workers=2) as runner:
            got = dict(runner.as_completed(run, [(x,) for x in range(4)]))
    assert sorted(got) == [0, 1, 2, 3]
    assert {i: got[i] for i in (0, 1, 3)} == {0: 0, 1: 10, 3: 30}  # the others finish, rescheduled if they were on the lost worker
    assert type(got[2]).__name__ == 'KilledWorker'


def test_a_ts_pair_and_a_folder_are_read_as_data(tmp_path):
    from tsai_ibgan.bench.data_files import read_data
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from test_bench_runner import _write_unequal
    _write_unequal(tmp_path / 'uea')
    name, X, y, splits = read_data(tmp_path / 'uea' / 'Uneq' / 'Uneq_TRAIN.ts')  # the _TEST.ts beside it is read too
    assert name == 'Uneq' and X.ndim == 3 and len(splits[0]) == 36 and len(splits[1]) == 24 and len(y) == 60
    with pytest.raises(ValueError, match='expected an .npz file'):
        read_data(tmp_path / 'uea' / 'Uneq' / 'Uneq_TEST.ts')


def test_the_readme_scheduler_and_worker_on_127_0_0_1(tmp_path):
    "The README's 'more than one machine' commands: `dask scheduler`, `dask worker` (separate processes on 127.0.0.1) and the bench pointed at them."
    import socket
    import subprocess
    import sys
    from distributed import Client
    dask_exe = Path(sys.executable).parent / 'dask'
    exe = Path(sys.executable).parent / 'tsai-ibgan'
    if not dask_exe.exists() or not exe.exists(): pytest.skip('the dask and tsai-ibgan commands are not installed beside this Python')
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    address = f'tcp://127.0.0.1:{port}'
    _write_npz(tmp_path / 'my_data.npz')
    procs = [subprocess.Popen([str(dask_exe), 'scheduler', '--host', '127.0.0.1', '--port', str(port), '--no-dashboard'],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        procs.append(subprocess.Popen([str(dask_exe), 'worker', address, '--nworkers', '1', '--nthreads', '1', '--no-dashboard'],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with Client(address, timeout='60s') as c: c.wait_for_workers(1, timeout=120)
        args = ['bench', '--data', str(tmp_path / 'my_data.npz'), '--methods', 'plain,class_weights', '--epochs', '1', '--reps', '1',
                '--arch', 'PaperCNN']
        r = subprocess.run([str(exe), *args, '--scheduler', address, '--out', str(tmp_path / 'dask')], capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr[-2000:]
    finally:
        for p in reversed(procs): p.terminate()
        for p in procs: p.wait(timeout=60)
    rows = pd.read_csv(tmp_path / 'dask' / 'bench.csv')
    assert len(rows) == 2 and rows.error.isna().all() and rows.balanced_accuracy.between(0, 1).all()
    assert "On my_data" in r.stdout and "the best method is" in r.stdout # the answer came back (that a Dask run equals a pool's: test_local_cluster_writes_every_row...)
