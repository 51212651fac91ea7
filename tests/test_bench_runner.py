"The benchmark's runner as a new user meets it: unequal-length data, a run that fails among several, the step budget."
import numpy as np
import pandas as pd
import pytest
from tsai_ibgan.bench.runner import KEY_COLS, equal_steps, make_jobs, run_bench, run_jobs
from tsai_ibgan.bench.data import load_uea


def _write_unequal(root, name='Uneq', n_train=36, n_test=24, seed=0):
    "A small 3-class, 2-channel UEA folder whose series have 20 to 30 steps (read back NaN-padded, as tsai does)."
    rng = np.random.default_rng(seed)
    (root / name).mkdir(parents=True)
    for split, n in (('TRAIN', n_train), ('TEST', n_test)):
        lines = ['@problemName ' + name, '@univariate false', '@equalLength false', '@classLabel true a b c', '@data']
        for i in range(n):
            c, L = i % 3, int(rng.integers(20, 31))
            t = np.arange(L)
            chans = [np.sin(t * (0.3 + 0.3 * c)) + 0.1 * rng.standard_normal(L), np.cos(t * 0.2) * c + 0.1 * rng.standard_normal(L)]
            lines.append(':'.join(','.join(f'{v:.4f}' for v in ch) for ch in chans) + ':' + 'abc'[c])
        (root / name / f'{name}_{split}.ts').write_text('\n'.join(lines) + '\n')


def test_unequal_lengths_and_a_failing_run_lose_no_finished_work(tmp_path):
    _write_unequal(tmp_path / 'uea')
    X, _, _ = load_uea('Uneq', tmp_path / 'uea')
    assert np.isnan(X).any()  # NaN-padded
    jobs = make_jobs(['Uneq'], str(tmp_path / 'uea'), ['plain', 'smote', 'ibgan', 'class_weights'], ['FCN'], epochs=1, reps=2, bs=8)
    bad = {**jobs[0], 'dataset': 'Missing'}  # its data cannot be found: the run raises in its worker
    df = run_jobs(jobs + [bad], tmp_path / 'bench.csv', workers=2, progress=False)
    rows = pd.read_csv(tmp_path / 'bench.csv')
    assert len(rows) == len(jobs) + 1  # every run that finished is written, the failed one too
    failed = rows[rows.dataset == 'Missing']
    assert len(failed) == 1 and 'FileNotFoundError' in failed.error.iloc[0] and failed.balanced_accuracy.isna().all()
    ok = rows[rows.dataset == 'Uneq']
    assert ok.error.isna().all() and ok.balanced_accuracy.between(0, 1).all()  # NaN padding filled: every method ran
    assert (ok.steps > 0).all() and (ok.samples >= ok.steps).all()
    # resumed, nothing runs again
    again = run_jobs(jobs + [bad], tmp_path / 'bench.csv', workers=2, progress=False)
    assert len(pd.read_csv(tmp_path / 'bench.csv')) == len(jobs) + 1 and len(again) == len(df)


def test_step_budget_gives_every_method_smotes_steps(tmp_path):
    df = run_bench(methods=['plain', 'smote', 'ibgan', 'upsample_aug'], archs=['PaperCNN'], epochs=2, reps=1, out=tmp_path,
                   progress=False, budget='steps')
    assert (df.budget == 'steps').all() and df.error.isna().all()
    X, y, splits = load_uea('Epilepsy')
    from tsai_ibgan.bench.data import make_imbalanced
    _, yi, si = make_imbalanced(X, y, splits, seed=0)
    target = equal_steps(yi[si[0]], 2, 32)
    per_epoch = {'plain': len(si[0]) // 32, 'smote': len(np.unique(yi[si[0]])) * np.unique(yi[si[0]], return_counts=True)[1].max() // 32}
    for m, s in zip(df.method, df.steps):
        assert abs(s - target) <= max(per_epoch.values()), (m, s, target)  # equal within one epoch's rounding
    ib = df[df.method == 'ibgan'].iloc[0]
    assert ib.samples == 2 * 32 * ib.steps  # the classifier's loss saw the real and the synthetic half of every batch
    epochs_rows = run_bench(methods=['plain', 'smote'], archs=['PaperCNN'], epochs=2, reps=1, out=tmp_path, progress=False)
    assert set(epochs_rows.budget) == {'epochs'} and len(pd.read_csv(tmp_path / 'bench.csv')) == 6  # the budgets are separate rows
    s = dict(zip(epochs_rows.method, epochs_rows.steps))
    assert s['smote'] > s['plain']  # at equal epochs SMOTE's larger set takes more steps


def test_bad_budget_refused_before_anything_runs(tmp_path):
    with pytest.raises(ValueError, match=r"budget: must be one of \('epochs', 'steps', 'samples'\)"):
        run_bench(methods=['plain'], out=tmp_path, budget='time')
    assert not (tmp_path / 'bench.csv').exists()


def test_the_chart_survives_a_comparison_whose_runs_all_failed():
    "A worker that dies takes a whole comparison's runs with it: the chart draws the others instead of failing after the runs."
    import pandas as pd
    from tsai_ibgan.bench.verdict import ranked_chart
    rows = pd.DataFrame({'dataset': ['x_test_B'] * 2 + ['x_test_A'] * 2, 'arch': 'FCN', 'method': 'ibgan', 'seed': [0, 1, 0, 1],
                         'roc_auc': [0.6, 0.62, None, None], 'error': [None, None, 'BrokenProcessPool: ...', 'BrokenProcessPool: ...']})
    fig = ranked_chart(rows, 'roc_auc')
    assert len(fig.axes) == 1 and 'x_test_B' in fig.axes[0].get_title()
