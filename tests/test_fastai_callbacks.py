"IB-GAN beside fastai's usual callbacks and tsai's batch transforms."
import math
import numpy as np
import torch
from fastai.callback.progress import ShowGraphCallback
from fastai.callback.tracker import EarlyStoppingCallback, SaveModelCallback
from fastai.torch_core import set_seed
from tsai.data.preprocessing import TSStandardize
from tsai.data.transforms import TSMagScale
from tsai_ibgan.bench.baselines import make_dls
from tsai_ibgan.learner import ibgan_learner
from tsai.data.core import get_ts_dls
from tsai.data.transforms import TSClassification


def _quiet_fit(learn, epochs, lr=1e-3):
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(epochs, lr)


def test_save_model_callback_keeps_the_best_triplet(small_dls, tmp_path):
    set_seed(0)
    learn = ibgan_learner(small_dls, 'FCN', path=tmp_path, cbs=SaveModelCallback(monitor='valid_loss', fname='best'))
    _quiet_fit(learn, 3)
    assert (tmp_path / 'models' / 'best.pth').exists() and (tmp_path / 'models' / 'best.ibgan.pth').exists()
    saved = torch.load(tmp_path / 'models' / 'best.ibgan.pth', weights_only=True)
    # at the end SaveModelCallback reloads the best epoch: the generator is the one saved with it
    for k, v in learn.ibgan.generator.state_dict().items(): assert torch.equal(v.cpu(), saved['generator'][k].cpu())
    assert learn.loss_func.__class__.__name__ != 'IBGANLoss'


def test_early_stopping(small_dls):
    set_seed(0)
    learn = ibgan_learner(small_dls, 'FCN', cbs=EarlyStoppingCallback(monitor='valid_loss', min_delta=10., patience=1))
    _quiet_fit(learn, 6)
    assert len(learn.recorder.values) == 2 # stopped after the patience ran out
    assert learn.loss_func.__class__.__name__ != 'IBGANLoss' and not learn.ibgan._active
    _quiet_fit(learn, 1) # and trains again


def test_show_graph(small_dls):
    set_seed(0)
    learn = ibgan_learner(small_dls, 'FCN', cbs=ShowGraphCallback())
    learn.fit(2, 1e-3) # with the progress bar, which ShowGraphCallback draws on
    assert all(math.isfinite(v) for v in learn.recorder.values[-1])


def test_tsai_batch_transforms_apply_to_the_resampled_batch(epilepsy):
    "The synthetic batch is drawn through the same batch transforms as the real one (here a random magnitude scaling)."
    X, y, splits = epilepsy
    X = np.ascontiguousarray(X[:, :, ::4])
    set_seed(0)
    dls = get_ts_dls(X, y, splits=splits, tfms=[None, TSClassification()],
                     batch_tfms=[TSStandardize(by_var=True), TSMagScale(magnitude=0.5, ex=None)], bs=32)
    learn = ibgan_learner(dls, 'FCN', p_miss=0.)
    _quiet_fit(learn, 1)
    cb = learn.ibgan
    cb.prepare()
    torch.manual_seed(0)
    a, _ = cb.trainset.draw(64)
    torch.manual_seed(0)
    idx = torch.multinomial(cb.trainset.probs, 64, replacement=True)
    standardize = next(t for t in dls.train.after_batch.fs if isinstance(t, TSStandardize))
    plain = standardize((cb.trainset.x[idx],))[0] # TSStandardize alone
    assert not torch.allclose(a, plain.as_subclass(torch.Tensor)) # the magnitude scaling was applied too
    cb._restore()


def test_tsstandardize_statistics_shared(small_dls):
    "The resampled batch is standardised with the real batches' statistics (not its own)."
    set_seed(0)
    learn = ibgan_learner(small_dls, 'FCN')
    learn.ibgan.prepare()
    x_src, _ = learn.ibgan.trainset.draw(512)
    tfm = next(t for t in small_dls.train.after_batch.fs if isinstance(t, TSStandardize))
    raw = learn.ibgan.trainset.x
    expected = (raw - tfm.mean) / tfm.std
    # a balanced draw of standardised training samples: its values come from `expected`, not from a re-standardisation
    assert torch.isin(x_src[:, 0, 0], expected[:, 0, 0]).all()
    learn.ibgan._restore()
