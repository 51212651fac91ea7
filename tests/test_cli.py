"The console command a new user runs, as installed by pip."
import subprocess
import pytest

# the script pip installed beside this Python (a virtual environment need not be activated), else the one on PATH
from conftest import EXE


def run(*args, timeout=600):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout)


def test_console_script_installed():
    assert EXE is not None, 'tsai-ibgan is not on PATH: install the package (pip install -e .)'


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_demo_short_run():
    r = run('demo', '--epochs', '1', '--reps', '1')
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert 'Epilepsy (bundled' in out
    assert '| FCN alone |' in out and '| FCN + IB-GAN |' in out
    assert 'paired by seed' in out


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_demo_refuses_bad_arguments_before_training():
    r = run('demo', '--p-miss', '1.5', timeout=120)
    assert r.returncode != 0 and 'p_miss: must be a number in [0, 1]' in r.stderr
    assert 'replicate' not in r.stdout  # nothing trained


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_help():
    r = run(timeout=120)
    assert r.returncode == 0 and 'demo' in r.stdout


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_smoke_every_method(tmp_path):
    "CI's smoke run of `tsai-ibgan bench`: one dataset, every method, one epoch; a rerun resumes and trains nothing."
    import pandas as pd
    args = ('bench', '--datasets', 'Epilepsy', '--methods', 'all', '--arch', 'PaperCNN', '--epochs', '1', '--reps', '1',
            '--out', str(tmp_path))
    r = run(*args)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(tmp_path / 'bench.csv')
    from tsai_ibgan.bench.runner import METHODS
    assert sorted(df.method) == sorted(METHODS) and df.balanced_accuracy.between(0, 1).all()
    assert '| Epilepsy | PaperCNN | ' in r.stdout and 'best baseline' in r.stdout
    md = (tmp_path / 'bench.md').read_text()
    assert '## PaperCNN: balanced accuracy' in md and (tmp_path / 'bench.png').stat().st_size > 10_000
    again = run(*args)
    assert again.returncode == 0 and f'0 runs to do, {len(METHODS)} rows already' in again.stdout
    assert len(pd.read_csv(tmp_path / 'bench.csv')) == len(METHODS)
    assert df.error.isna().all() and (df.steps > 0).all()  # every method ran, its optimizer steps recorded
    bad = run('bench', '--datasets', 'Epilepsy', '--methods', 'plain,smoke', '--out', str(tmp_path / 'b'))
    assert bad.returncode != 0 and "methods: unknown ['smoke']" in bad.stderr
    bad = run('bench', '--datasets', 'Epilepsy', '--budget', 'time', '--out', str(tmp_path / 'b'))
    assert bad.returncode != 0 and "invalid choice: 'time'" in bad.stderr and not (tmp_path / 'b').exists()


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_refuses_bad_arguments_before_training(tmp_path):
    r = run('bench', '--datasets', 'Nope', '--out', str(tmp_path), timeout=120)
    assert r.returncode != 0 and "datasets: ['Nope'] not found" in r.stderr
    assert not (tmp_path / 'bench.csv').exists()


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_overhead_prints_ratio_last(tmp_path):
    "`tsai-ibgan overhead` on tiny product-shaped data: a table, then `ratio=<x>` as the last line (the larger time ratio)."
    r = run('overhead', '--arch', 'PaperCNN,FCN', '--n', '600', '--bs', '64', '--epochs', '2', '--device', 'cpu')
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith('ratio='), last
    ratio = float(last.split('=', 1)[1])
    rows = [l for l in r.stdout.splitlines() if l.startswith('| PaperCNN') or l.startswith('| FCN')]
    assert len(rows) == 2
    ratios = [float(l.split('|')[5]) for l in rows]  # the time_ratio column (floor_ratio follows it)
    assert ratio == pytest.approx(max(ratios), abs=0.01) and ratio > 1  # IB-GAN does at least the classifier's work


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_overhead_and_ablation_refuse_bad_arguments():
    r = run('overhead', '--arch', 'FNC', timeout=120)
    assert r.returncode != 0 and "arch: 'FNC'" in r.stderr
    r = run('ablation', '--setting', 'p_miss', '--values', '0.1,2', timeout=120)
    assert r.returncode != 0 and 'p_miss: must be a number in [0, 1]' in r.stderr


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_ablation_smoke(tmp_path):
    "A two-value p_miss sweep, one seed, one epoch: CSV rows for IB-GAN at each value, the baseline once, the chart."
    import pandas as pd
    r = run('ablation', '--setting', 'p_miss', '--values', '0,0.5', '--datasets', 'Epilepsy', '--arch', 'PaperCNN',
            '--epochs', '1', '--reps', '1', '--baselines', 'plain', '--out', str(tmp_path))
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(tmp_path / 'bench.csv')
    assert sorted(df[df.method == 'ibgan'].p_miss) == [0, 0.5] and (df.method == 'plain').sum() == 1
    assert (tmp_path / 'p_miss.png').stat().st_size > 10_000 and 'p_miss=0.5' in r.stdout
