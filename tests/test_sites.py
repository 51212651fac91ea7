"""Across sites: PhysioNet 2019 stays read from their wide `.psv` layout with the stated early-prediction rule, two hospitals
stacked with their group, the bench training on one group and testing on another (the validation share from the training
group only), the preparations for an external test, and IB-GAN hiding whole channels, exported and predicting at the other site."""
import subprocess
import numpy as np
import pandas as pd
import pytest
import torch
from tsai_ibgan.bench.runner import read_results
from tsai_ibgan.records import concat_records, read_sepsis2019, sepsis_task
from tsai_ibgan.bench.data_files import group_splits, load_npz, scale_per_group, shared_channels

from conftest import EXE, SHARED_DATA
SEPSIS = SHARED_DATA / 'sepsis2019'


@pytest.fixture(scope='module')
def two_hospitals(tmp_path_factory):
    "The first 250 files of each hospital, read from their raw `.psv` files and saved with their group."
    if not SEPSIS.exists(): pytest.skip(f'{SEPSIS} not found')
    recs = concat_records({h: read_sepsis2019(SEPSIS / f'hospital_{h.lower()}', max_records=250, group=h) for h in 'AB'})
    return recs, recs.save(tmp_path_factory.mktemp('sepsis') / 'sepsis.npz')


def test_reader_follows_the_label_rule(two_hospitals):
    "Every stay read gets a prediction under the rule, its label is 'positive after hour 24', and hour 1 is the first bin."
    recs, _ = two_hospitals
    for h in 'AB':
        ids = [i for i, g in zip(recs.ids, recs.groups) if g == h]
        y = recs.y[recs.groups == h]
        for i, label in list(zip(ids, y))[:40]:
            d = pd.read_csv(SEPSIS / f'hospital_{h.lower()}' / f'{i}.psv', sep='|')
            assert d.ICULOS.max() > 24 and not d.SepsisLabel[d.ICULOS <= 24].any()
            assert label == int(d.SepsisLabel[d.ICULOS > 24].any())
    first = pd.read_csv(SEPSIS / 'hospital_a' / f'{recs.ids[0]}.psv', sep='|')
    row = first[first.ICULOS == first.ICULOS.min()].iloc[0]
    np.testing.assert_allclose(recs.X[0, recs.channels.index('HR'), int(row.ICULOS) - 1], row.HR)
    assert recs.X.shape[1:] == (34, 24) and 0 < recs.y.mean() < 0.2


def test_sepsis_task_and_reader_refuse_bad_input(tmp_path):
    stays = pd.DataFrame({'__id': ['a'] * 3 + ['b'] * 2, 'ICULOS': [1, 2, 3, 1, 2], 'SepsisLabel': [0, 0, 1, 0, 1]})
    y, keep = sepsis_task(stays, hours=2)
    assert y.to_dict() == {'a': 1, 'b': 0} and keep.to_dict() == {'a': True, 'b': False} # b: positive within the window
    with pytest.raises(ValueError, match='SepsisLabel'): sepsis_task(stays.drop(columns='SepsisLabel'))
    with pytest.raises(ValueError, match='no file'): read_sepsis2019(tmp_path)
    (tmp_path / 'p1.psv').write_text('HR|ICULOS|SepsisLabel\n80|1|0\n81|2|0\n')
    with pytest.raises(ValueError, match='no stay'): read_sepsis2019(tmp_path, hours=2) # ends within the window


def test_group_splits_and_preparations():
    g = np.array(['A'] * 6 + ['B'] * 4)
    assert group_splits(g, 'A') == ([6, 7, 8, 9], [0, 1, 2, 3, 4, 5])
    X = np.arange(10 * 2 * 3, dtype=np.float32).reshape(10, 2, 3); X[6:, 1] = np.nan
    assert shared_channels(X, g).tolist() == [0]
    Xs, _ = scale_per_group(X, g)
    assert abs(Xs[:6, 0].mean()) < 1e-5 and abs(Xs[6:, 0].mean()) < 1e-5 and np.isnan(Xs[6:, 1]).all()


@pytest.mark.skipif(EXE is None, reason='tsai-ibgan not installed')
def test_bench_tests_on_the_other_hospital(two_hospitals, tmp_path):
    "The issue's command on a slice, both directions: the test split is the other group's, the answer says the test is external."
    recs, path = two_hospitals
    args = ('bench', '--data', str(path), '--test-group', 'B,A', '--methods', 'gbdt,class_weights,ibgan', '--fill', 'mean',
            '--metric', 'roc_auc', '--valid-size', '0.2', '--epochs', '1', '--reps', '1', '--bs', '64', '--workers', '2', '--out', str(tmp_path))
    r = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    assert 'External test' in r.stdout
    df = read_results(tmp_path / 'bench.csv')
    assert df.error.isna().all(), df.error.dropna().tolist()
    assert set(df.dataset) == {'sepsis_test_A', 'sepsis_test_B'} and len(df) == 6 and df.roc_auc.between(0, 1).all()
    for g in 'AB':
        _, _, (tr, te) = load_npz(tmp_path / 'data' / f'sepsis_test_{g}.npz')
        assert set(recs.groups[te]) == {g} and set(recs.groups[tr]) == set('AB') - {g} # validation comes out of `tr` only


def test_bench_refuses_bad_group_arguments(two_hospitals, tmp_path):
    from tsai_ibgan.bench.cli import main
    recs, path = two_hospitals
    plain = tmp_path / 'plain.npz'
    np.savez(plain, X=recs.X, y=recs.y)
    for data, extra, msg in [(path, ('--test-group', 'C'), "test_group: 'C' is not a group"), (plain, ('--test-group', 'A'), 'has no groups'),
                             (path, ('--scale-per-group',), 'give test_group too')]:
        with pytest.raises(SystemExit, match=msg):
            main(['bench', '--data', str(data), '--methods', 'gbdt', '--reps', '1', '--out', str(tmp_path / 'out'), *extra])
        assert not (tmp_path / 'out' / 'bench.csv').exists()
    with pytest.raises(SystemExit, match='need a --data FILE'): main(['bench', '--datasets', 'Epilepsy', '--test-group', 'A', '--out', str(tmp_path / 'out')])


def test_hidden_channels_train_export_and_predict_at_the_other_site(two_hospitals, tmp_path):
    "IB-GAN hiding whole channels, trained at A with static channels and the real gaps; exported, it ranks B's stays from raw NaN."
    from tsai.inference import load_learner
    from tsai_ibgan.bench.baselines import make_dls, train_stats
    from tsai_ibgan.learner import ibgan_learner
    recs, _ = two_hospitals
    Xs = np.concatenate([recs.X, np.repeat(recs.static[:, :, None], recs.X.shape[-1], -1)], 1)
    c, k = recs.X.shape[1], len(recs.static_names)
    a, b = np.flatnonzero(recs.groups == 'A'), np.flatnonzero(recs.groups == 'B')
    splits = (a[:-40].tolist(), a[-40:].tolist())
    dls = make_dls(Xs, recs.y, splits, bs=64, stats=train_stats(Xs, splits[0]))
    learn = ibgan_learner(dls, 'FCN', p_miss=0.2, nan_as_missing=True, hide_channels=0.5, static_idxs=list(range(c, c + k)), seed=0)
    seen = []
    orig = learn.ibgan.gan.step
    def spy(x_src, *a, **kw): # the share of channels never measured, and of those hidden whole
        out = orig(x_src, *a, **kw)
        seen.append((torch.isnan(x_src[:, :c]).all(-1).float().mean().item(), out.mask[:, :c].amin(-1).mean().item()))
        return out
    learn.ibgan.gan.step = spy
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-3)
    natural, hidden = np.mean(seen, axis=0)
    assert hidden > natural + 0.35 * (1 - natural), (natural, hidden) # half of the others hidden on purpose (expected +0.5)
    learn.ibgan.gan.step = orig
    learn.export(tmp_path / 'site_a.pkl')
    probs, _, _ = load_learner(tmp_path / 'site_a.pkl').get_X_preds(Xs[b])
    probs = torch.as_tensor(np.asarray(probs))
    assert np.isnan(Xs[b]).mean() > 0.5 and probs.shape == (len(b), 2) and torch.isfinite(probs).all()
