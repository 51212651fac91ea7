"The step options: masks with structure, denoising, G from the interpolation, class-normalised weights, interpolated sources, a long-tailed imbalance, and the diagnostics."
import numpy as np
import pandas as pd
import pytest
import torch
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.masking import block_mask, interpolate_missing
from tsai_ibgan.losses import class_normalized
from tsai_ibgan.bench.data import load_uea, make_imbalanced
from tsai_ibgan.samples import same_class_neighbours

C_IN, SEQ_LEN, N_CLASSES, N = 3, 40, 4, 32


def _batch(seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(N, C_IN, SEQ_LEN, generator=g), torch.randint(0, N_CLASSES, (N,), generator=g)


def test_defaults_are_the_benchmarked_step():
    "The defaults are the step README's benchmark confirmed: p_miss 0.3, segments, denoising, G from the line; the same draws as spelling it out."
    x, y = _batch()
    outs = []
    for kw in ({}, dict(p_miss=0.3, masks='block', block_len=5, fill='interp', denoise=0.2, w_norm=False, gd_every=1)):
        torch.manual_seed(0)
        g = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, **kw)
        outs.append(g.step(x, y))
    for a, b in zip(outs[0].__dict__.values(), outs[1].__dict__.values()):
        if isinstance(a, torch.Tensor): assert torch.equal(a, b)
    from tsai_ibgan.bench.runner import PAPER_STEP, ib_config
    assert ib_config({}, 0.3) == "denoise=0.2 fill='interp' gd_bf16=None gd_every=2 masks='block'" and ib_config(PAPER_STEP, 0.1) == ''


def test_block_masks_are_runs_of_the_right_share():
    torch.manual_seed(0)
    m = block_mask((128, 2, 100), 0.3, 6)
    assert abs(float(m.mean()) - 0.3) < 0.01
    runs = (m[..., 1:] - m[..., :-1] == 1).sum() + m[..., 0].sum()
    assert float(m.sum() / runs) >= 6  # segments, not single values
    mcar = (torch.rand(128, 2, 100) < 0.3).float()
    assert float(mcar.sum() / ((mcar[..., 1:] - mcar[..., :-1] == 1).sum() + mcar[..., 0].sum())) < 2


def test_denoise_hides_observed_values_from_g_only():
    "With denoise, G sees fewer values than it keeps: its loss reconstructs the hidden ones, x_syn keeps them real."
    x, y = _batch()
    torch.manual_seed(0)
    g = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.2, denoise=0.5)
    seen = []
    g.generator.register_forward_pre_hook(lambda m, args: seen.append(args[1].clone()))
    out = g.step(x, y)
    g_mask = seen[0]
    assert float(g_mask.mean()) > float(out.mask.mean()) + 0.25  # ~0.2 + 0.8 * 0.5 hidden from G
    assert torch.equal(out.x_syn[out.mask == 0], x[out.mask == 0])


def test_fill_interp_starts_g_at_the_line():
    "fill='interp': G adds a correction to the linear interpolation; with a G that outputs 0 the imputation is the line."
    x, y = _batch()
    class Zero(torch.nn.Module):
        def __init__(self): super().__init__(); self.p = torch.nn.Parameter(torch.zeros(1))
        def forward(self, x_in, mask, y, code=None): return x_in * 0 + self.p
    g = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.3, fill='interp', generator=Zero())
    xs, m = g.synthesize(x, y)
    assert torch.allclose(xs, interpolate_missing(x, m))
    g2 = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.3, fill='noise', generator=Zero())
    xs2, m2 = g2.synthesize(x, y)
    assert torch.equal(xs2[m2 == 1], torch.zeros_like(xs2[m2 == 1]))  # the paper's G from noise: its own values


def test_class_normalised_weights():
    x, y = _batch()
    torch.manual_seed(0)
    out = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.2, w_norm=True).step(x, y)
    for c in y.unique(): assert abs(float(out.w[y == c].mean()) - 1) < 1e-5
    w = torch.tensor([2., 2., 0.5]); assert torch.allclose(class_normalized(w, torch.tensor([0, 0, 1]), 2), torch.ones(3))


def test_interpolated_sources_stay_in_their_class_segment(small_dls):
    "source='interp': every drawn sample lies on the segment between a training sample and a same-class neighbour."
    from tsai_ibgan.samples import TrainingSet
    ts = TrainingSet(small_dls, source='interp')
    y = ts.y.as_subclass(torch.Tensor)
    assert ts.nbrs.shape == (len(ts.x), 5) and bool((y[ts.nbrs] == y[:, None]).all())
    torch.manual_seed(0)
    x, yd = ts.draw(64)
    torch.manual_seed(0)
    copies = TrainingSet(small_dls).draw(64)[0]
    assert not torch.equal(x, copies) and x.shape == copies.shape


def test_same_class_neighbours_in_chunks_match_one_pass():
    torch.manual_seed(0)
    x, y = torch.randn(50, 2, 7), torch.randint(0, 3, (50,))
    assert torch.equal(same_class_neighbours(x, y, 3, chunk=7), same_class_neighbours(x, y, 3))


def test_longtail_profile():
    X, y, splits = load_uea('Epilepsy')
    Xl, yl, sl = make_imbalanced(X, y, splits, seed=0, profile='longtail', ratio=20)
    counts = np.sort(np.unique(yl[sl[0]], return_counts=True)[1])
    full = np.unique(y[splits[0]], return_counts=True)[1]
    assert len(counts) == len(full) and counts.min() >= 2 and counts.max() in full  # the first class keeps all it had
    assert counts.min() <= max(2, round(full.max() / 20))  # the last keeps about 1/20 of its samples
    assert counts.max() / counts.min() > 10
    # the paper's profile is unchanged by the new argument
    a, b = make_imbalanced(X, y, splits, seed=3), make_imbalanced(X, y, splits, seed=3, profile='step')
    assert np.array_equal(a[1], b[1])
    with pytest.raises(ValueError, match="profile: must be one of"): make_imbalanced(X, y, splits, profile='zipf')


def test_bench_profile_column_and_older_csv(tmp_path):
    "A long-tail row is its own configuration; a CSV written before the column existed is read and extended, not refused."
    from tsai_ibgan.bench.runner import run_bench, read_results, KEY_COLS, RESULT_COLS
    old = pd.DataFrame([{**{k: v for k, v in dict(dataset='Epilepsy', arch='PaperCNN', method='plain', seed=0, epochs=1, bs=32, lr=1e-3,
                                                      p_miss=0.1, frac_drop=0.75, train_frac=1., ib='', budget='epochs').items()},
                         'balanced_accuracy': 0.5}])
    old.to_csv(tmp_path / 'bench.csv', index=False)
    assert read_results(tmp_path / 'bench.csv').profile.tolist() == ['step']
    df = run_bench(methods=['plain'], archs=['PaperCNN'], epochs=1, reps=1, out=tmp_path, progress=False)
    assert len(df) == 1 and df.balanced_accuracy.iloc[0] == 0.5  # the old row counts: nothing ran
    df2 = run_bench(methods=['plain'], archs=['PaperCNN'], epochs=1, reps=1, out=tmp_path, progress=False, profile='longtail')
    rows = read_results(tmp_path / 'bench.csv')
    assert len(rows) == 2 and list(rows.columns) == list(KEY_COLS + RESULT_COLS) and set(rows.profile) == {'step', 'longtail'}
    assert df2.error.isna().all()


def test_diagnose_measures_and_leaves_training_alone(small_dls):
    from tsai_ibgan.learner import ibgan_learner
    from tsai_ibgan.diagnostics import IBGANDiagnostics
    torch.manual_seed(0)
    diag = IBGANDiagnostics()
    learn = ibgan_learner(small_dls, 'FCN', cbs=diag)
    with learn.no_bar(), learn.no_logging(): learn.fit(1)
    row = diag.frame.iloc[0]
    assert row.real_to_real > 0 and row.syn_to_src > 0 and 0 < row.novelty < 2 and row.interp_rmse > 0
    assert row.syn_to_real <= row.syn_to_src + 1e-4  # its source is a real sample of its class
    assert 0 <= row.src_nearest <= 1
    again = learn.ibgan.diagnose()
    assert again['g_rmse'] == pytest.approx(learn.ibgan.diagnose()['g_rmse'])  # its own random stream: repeatable
    with pytest.raises(ValueError, match='every: must be an integer >= 1'): IBGANDiagnostics(every=0)


def test_gd_every_trains_g_and_d_on_every_kth_step_only():
    "gd_every=3: steps 1, 4, 7 ... train G and D; the others impute with the current G, weigh with D, and change neither."
    x, y = _batch()
    torch.manual_seed(0)
    g = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.2, gd_every=3, feedback='separate', lambda_cls=0.)
    snap = lambda: [p.detach().clone() for p in list(g.generator.parameters()) + list(g.discriminator.parameters())]
    changed = []
    for _ in range(6):
        before = snap(); out = g.step(x, y)
        changed.append(any(not torch.equal(a, b) for a, b in zip(before, snap())))
        assert torch.equal(out.x_syn[out.mask == 0], x[out.mask == 0]) and out.w.shape == (N,) and not out.joint
    assert changed == [True, False, False, True, False, False]
    # gd_every=1 is the step as before: the same draws, the same result
    torch.manual_seed(0); a = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.2).step(x, y)
    torch.manual_seed(0); b = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0.2, gd_every=1).step(x, y)
    assert torch.equal(a.x_syn, b.x_syn) and torch.equal(a.w, b.w)
    with pytest.raises(ValueError, match='gd_every: must be an integer >= 1'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, gd_every=0)
