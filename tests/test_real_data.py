"""Real data end to end: PhysioNet 2012 records read from their long format, their own gaps read by IB-GAN and gbdt and filled for the
baselines, static features reaching every method, AUROC/AUPRC, a validation share choosing each method's epoch, and an exported
Learner predicting on records with NaN."""
import subprocess
import warnings
import numpy as np
import pandas as pd
import pytest
import torch
from tsai_ibgan.bench.runner import read_results, run_replicate, validation_split
from tsai_ibgan.bench.baselines import train_stats
from tsai_ibgan.bench.gaps import apply_fill, channel_means
from tsai_ibgan.metrics import scores
from tsai_ibgan.records import read_physionet2012

from conftest import EXE, SHARED_DATA
PHYSIONET = SHARED_DATA / 'physionet2012'


@pytest.fixture(scope='module')
def physionet_slice(tmp_path_factory):
    "The first 300 stays of set A, read from their raw files and saved as the bench reads them."
    if not PHYSIONET.exists(): pytest.skip(f'{PHYSIONET} not found')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        recs = read_physionet2012(PHYSIONET / 'set-a', PHYSIONET / 'Outcomes-a.txt', max_records=300)
    return recs, recs.save(tmp_path_factory.mktemp('pn') / 'physionet.npz')


def gappy_static_data(n=240, seed=0):
    "Series of noise with 60% NaN; the class is in the first static feature only (with a tenth of it unknown)."
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 4 == 0).astype(int) # 25% positive
    X = rng.standard_normal((n, 3, 24)).astype(np.float32)
    X[rng.random(X.shape) < 0.6] = np.nan
    S = np.stack([y + 0.3 * rng.standard_normal(n), rng.standard_normal(n)], 1).astype(np.float32)
    S[rng.random(n) < 0.1, 0] = np.nan
    idx = rng.permutation(n)
    return X, y, (sorted(idx[:160].tolist()), sorted(idx[160:].tolist())), S


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_on_physionet_records(physionet_slice, tmp_path):
    "The issue's command on a slice: every method runs on the data's own gaps and static features, ranked by AUROC with a validation share."
    recs, path = physionet_slice
    args = ('bench', '--data', str(path), '--methods', 'gbdt,class_weights,logit_adjust,ldam_drw,ibgan', '--fill', 'interp,mean',
            '--metric', 'roc_auc', '--valid-size', '0.2', '--epochs', '1', '--reps', '1', '--bs', '64', '--workers', '2', '--out', str(tmp_path))
    r = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    assert 'roc auc' in r.stdout and 'the best method is' in r.stdout
    df = read_results(tmp_path / 'bench.csv')
    assert df.error.isna().all(), df.error.dropna().tolist()
    assert (df.gaps == 'own').all() and (df.static == len(recs.static_names)).all() and (df.select == 'roc_auc').all()
    fills = df.groupby('method').fill.apply(set).to_dict()
    assert fills == {'gbdt': {'native'}, 'ibgan': {'generator'}, 'class_weights': {'interp', 'mean'},
                     'logit_adjust': {'interp', 'mean'}, 'ldam_drw': {'interp', 'mean'}}
    assert df.roc_auc.between(0, 1).all() and df.pr_auc.between(0, 1).all()
    assert (tmp_path / 'bench.md').read_text().startswith('## IB-GAN beside the best baseline (roc auc')


def test_static_features_reach_every_kind_of_method():
    "The class is in a static feature only: with it every kind of method ranks well above chance, without it none does."
    X, y, splits, S = gappy_static_data()
    for method, kw in [('gbdt', {}), ('class_weights', dict(gap_fill='mean')), ('ibgan', dict(p_miss=0.2))]:
        run = lambda static: run_replicate(X, y, splits, method, 'FCN', epochs=4, bs=32, seed=0, frac_drop=0., gaps='own',
                                           static=static, **kw)['roc_auc']
        with_s, without = run(S), run(None)
        assert with_s > 0.85, (method, with_s)
        assert without < 0.75, (method, without)


def test_gaps_are_read_or_filled_never_nan_in_a_loss():
    "IB-GAN and gbdt read NaN, the baselines' data is filled; a channel no training sample observed is left out with a warning."
    X, y, splits, S = gappy_static_data()
    X[:, 2] = np.nan # never observed
    for method in ('ibgan', 'class_weights', 'gbdt'):
        with pytest.warns(UserWarning, match=r'channel\(s\) \[2\] are never observed'):
            row = run_replicate(X, y, splits, method, 'FCN', epochs=1, bs=32, seed=0, frac_drop=0., gaps='own', gap_fill='interp',
                                **(dict(p_miss=0.2) if method == 'ibgan' else {}))
        assert np.isfinite(row['roc_auc'])


def test_mean_fill_and_standardisation_come_from_the_training_split():
    X = np.array([[[1., np.nan]], [[3., np.nan]], [[np.nan, np.nan]], [[100., 100.]]], dtype=np.float32) # sample 3: test
    train = [0, 1, 2]
    np.testing.assert_allclose(channel_means(X, train), [2.])
    filled = apply_fill(X, 'mean', train_idx=train)
    np.testing.assert_allclose(filled[:3, 0], [[1, 2], [3, 2], [2, 2]]) # the test sample's 100s never reach a training fill
    np.testing.assert_allclose(apply_fill(X, 'interp', train_idx=train)[2, 0], [2, 2]) # never observed: the training mean, not 0
    mean, std = train_stats(X, train)
    np.testing.assert_allclose(mean[0, 0, 0], 2.); np.testing.assert_allclose(std[0, 0, 0], np.sqrt(2.))


def test_validation_split_is_stratified_and_the_same_for_every_method():
    y = np.array([0] * 80 + [1] * 20)
    tr, va = validation_split(y, np.arange(100), 0.2, seed=3)
    assert len(va) == 20 and (y[va] == 1).sum() == 4 and not set(tr) & set(va) and len(tr) + len(va) == 100
    assert validation_split(y, np.arange(100), 0.2, seed=3) == (tr, va)
    with pytest.raises(ValueError, match='valid_size'): validation_split(y, np.arange(100), 1.)


def test_selected_epoch_is_recorded_and_scored():
    X, y, splits, S = gappy_static_data()
    row = run_replicate(X, y, splits, 'class_weights', 'FCN', epochs=4, bs=32, seed=0, frac_drop=0., gaps='own', static=S,
                        gap_fill='mean', valid_size=0.25, metric='roc_auc')
    assert 0 <= row['best_epoch'] < 4 and 0 <= row['roc_auc'] <= 1


def test_scores_rank_the_minority_class():
    y = np.array([0, 0, 0, 0, 1, 1]); p1 = np.array([.1, .2, .3, .7, .9, .6])
    s = scores(y, np.stack([1 - p1, p1], 1))
    assert s['roc_auc'] == pytest.approx(7 / 8) and s['pr_auc'] == pytest.approx(5 / 6)


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_refuses_bad_real_data_arguments(physionet_slice, tmp_path):
    _, path = physionet_slice
    for extra, msg in [(('--valid-size', '1'), 'valid_size'), (('--missing', '0.3'), 'own NaN'), (('--fill', 'median'), 'gap_fill')]:
        r = subprocess.run([EXE, 'bench', '--data', str(path), '--methods', 'gbdt', '--reps', '1', '--out', str(tmp_path), *extra],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode != 0 and msg in r.stderr, (extra, r.stderr[-500:])
        assert not (tmp_path / 'bench.csv').exists()


def test_exported_learner_predicts_on_records_with_nan(physionet_slice, tmp_path):
    "IB-GAN on the real gaps with static channels; exported, loaded, it predicts on raw records with NaN."
    from tsai.inference import load_learner  # tsai's, with get_X_preds
    from tsai_ibgan.bench.baselines import make_dls
    from tsai_ibgan.learner import ibgan_learner
    recs, _ = physionet_slice
    Xs = np.concatenate([recs.X, np.repeat(recs.static[:, :, None], recs.X.shape[-1], -1)], 1) # static features as constant channels
    k, c = len(recs.static_names), recs.X.shape[1]
    splits = (list(range(240)), list(range(240, 300)))
    dls = make_dls(Xs, recs.y, splits, bs=64, stats=train_stats(Xs, splits[0]))
    learn = ibgan_learner(dls, 'FCN', p_miss=0.2, nan_as_missing=True, static_idxs=list(range(c, c + k)), seed=0)
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-3)
    learn.export(tmp_path / 'physionet.pkl')
    inf = load_learner(tmp_path / 'physionet.pkl')
    assert np.isnan(Xs[splits[1]]).mean() > 0.5
    probs, _, _ = inf.get_X_preds(Xs[splits[1]])
    probs = torch.as_tensor(np.asarray(probs))
    assert probs.shape == (60, 2) and torch.isfinite(probs).all()
