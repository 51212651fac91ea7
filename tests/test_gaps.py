"Data with gaps: the benchmark removes values, fills them for the baselines, and lets IB-GAN impute them; prediction never reads labels."
import subprocess
import numpy as np
import pandas as pd
import pytest
import torch
from tsai_ibgan.bench.runner import KEY_COLS, make_jobs, make_dls, read_results, run_jobs
from tsai_ibgan.bench.data import load_uea, make_imbalanced
from tsai_ibgan.bench.gaps import remove_values
from tsai_ibgan.learner import ibgan_learner
from tsai_ibgan.bench.methods import BASELINE_METHODS, IB_METHODS, METHODS, NAN_METHODS

# the script pip installed beside this Python (a virtual environment need not be activated), else the one on PATH
from conftest import EXE


def run(*args, timeout=900):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_with_block_gaps_runs_every_method_at_each_fill(tmp_path):
    "`tsai-ibgan bench --missing 0.3 --gaps block --fill interp,indicator`: every baseline at both fills, IB-GAN with its generator."
    args = ('bench', '--datasets', 'Epilepsy', '--methods', 'all', '--arch', 'PaperCNN', '--epochs', '1', '--reps', '1',
            '--train-frac', '0.4', '--missing', '0.3', '--gaps', 'block', '--fill', 'interp,indicator', '--workers', '2', '--out', str(tmp_path))
    r = run(*args)
    assert r.returncode == 0, r.stderr
    df = read_results(tmp_path / 'bench.csv')
    assert df.error.isna().all() and df.balanced_accuracy.between(0, 1).all()
    assert (df.missing == 0.3).all() and (df.gaps == 'block').all()
    filled = [m for m in BASELINE_METHODS if m not in NAN_METHODS] # gbdt reads the NaN itself
    base, ib, native = df[df.method.isin(filled)], df[df.method.isin(IB_METHODS)], df[df.method.isin(NAN_METHODS)]
    assert sorted(set(df.method)) == sorted(METHODS)
    assert len(base) == 2 * len(filled) and set(base.fill) == {'interp', 'indicator'}
    assert len(native) == len(NAN_METHODS) and set(native.fill) == {'native'}
    assert len(ib) == len(IB_METHODS) and set(ib.fill) == {'generator'}
    # IB-GAN's rows carry the imputation error at the hidden test values and the accuracy with each label-free fill
    assert (ib.rmse_interp > 0).all() and (ib.rmse_guess > 0).all() and ib.ba_free.between(0, 1).all()
    assert base.rmse_interp.isna().all()
    md = (tmp_path / 'bench.md').read_text()
    assert 'The baselines at each fill' in md and 'Filling the gaps' in md and 'best baseline' in r.stdout
    again = run(*args)
    assert again.returncode == 0 and f'0 runs to do, {len(df)} rows already' in again.stdout


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_refuses_bad_gap_arguments_before_training(tmp_path):
    for extra, msg in [(('--missing', '1.0'), 'missing: must be a number in [0, 1)'),
                       (('--missing', '0.3', '--fill', 'interp,median'), "gap_fill: must be one of"),
                       (('--missing', '0.3', '--methods', 'plain,ibgan', '--p-miss', '0'), 'p_miss: IB-GAN fills gaps with its generator')]:
        r = run('bench', '--datasets', 'Epilepsy', *extra, '--out', str(tmp_path / 'b'), timeout=120)
        assert r.returncode != 0 and msg in r.stderr, r.stderr
        assert not (tmp_path / 'b' / 'bench.csv').exists()


def test_csv_written_before_gaps_resumes(tmp_path):
    "Rows of a CSV without the missing/gaps/fill columns are complete-data rows: resuming runs nothing again."
    jobs = make_jobs(['Epilepsy'], None, ['plain'], ['PaperCNN'], epochs=1, reps=1)
    old = pd.DataFrame([{**{k: j[k] for k in KEY_COLS if k not in ('missing', 'gaps', 'fill')}, 'balanced_accuracy': 0.5} for j in jobs])
    old.to_csv(tmp_path / 'bench.csv', index=False)
    df = run_jobs(jobs, tmp_path / 'bench.csv', progress=False)
    assert len(df) == 1 and df.balanced_accuracy.iloc[0] == 0.5 and df.missing.iloc[0] == 0 and df.fill.iloc[0] == ''


def test_prediction_never_conditions_the_generator_on_labels(epilepsy):
    "Validation and get_preds hold the true labels; the generator must not read them (it would leak the answer)."
    X, y, splits = epilepsy
    Xg = remove_values(np.ascontiguousarray(X[:, :, ::4]), 0.3, 'block', seed=0)
    learn = ibgan_learner(make_dls(Xg, y, splits, bs=32), 'FCN', nan_as_missing=True, p_miss=0.3)
    seen = []
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    fill = learn.ibgan.gan.fill_missing
    learn.ibgan.gan.fill_missing = lambda x, y=None, *a, **kw: (seen.append((learn.training, y is None)), fill(x, y, *a, **kw))[1]
    with learn.no_bar(): probs, _ = learn.get_preds()
    assert seen and all(no_label for training, no_label in seen if not training)
    assert not torch.isnan(probs).any()
