"The callback leaves the Learner as it found it: after fit, after a cancelled fit, after an interrupted one."
import pytest
import torch
from fastai.callback.core import Callback, CancelFitException, CancelEpochException
from fastai.metrics import accuracy
from tsai_ibgan.callback import IBGANCallback
from tsai_ibgan.learner import ibgan_learner


class StopAt(Callback):
    "Raise `exc` after training batch `n` of the first epoch (mid-epoch: the loss is still IB-GAN's then)."
    def __init__(self, exc, n=1): self.exc, self.n, self.fired = exc, n, False
    def after_batch(self):
        if self.training and self.iter == self.n and not self.fired:
            assert self.learn.loss_func != self.learn.ibgan._old_lf  # IB-GAN's loss is in place
            self.fired = True
            raise self.exc('stopped by test')


def _fit(learn, epochs=1, cbs=None):
    with learn.no_bar(), learn.no_logging(): learn.fit(epochs, 1e-3, cbs=cbs)


@pytest.mark.parametrize('exc', [CancelFitException, CancelEpochException])
def test_cancelled_fit_restores_learner(small_dls, exc):
    learn = ibgan_learner(small_dls, 'FCN', metrics=accuracy, seed=0)
    lf, mets, stop = learn.loss_func, learn.metrics, StopAt(exc)
    _fit(learn, cbs=stop)
    assert stop.fired
    assert learn.loss_func is lf and learn.metrics is mets
    assert learn.ibgan.trainset is None and learn.ibgan.batch is None
    _fit(learn)  # and it trains again
    assert learn.loss_func is lf and torch.isfinite(torch.tensor(learn.recorder.values[-1][:-1])).all()


@pytest.mark.parametrize('exc', [KeyboardInterrupt, RuntimeError])
def test_interrupted_fit_heals(small_dls, exc):
    "fastai does not catch these; the wrapped loss still acts as the Learner's own, and the next fit restores everything."
    learn = ibgan_learner(small_dls, 'FCN', metrics=accuracy, seed=0)
    lf, mets, stop = learn.loss_func, learn.metrics, StopAt(exc)
    with pytest.raises(exc): _fit(learn, cbs=stop)
    assert stop.fired and learn.loss_func is not lf  # left behind: fastai ran no after_fit
    with learn.no_bar(): probs, targs, losses = learn.get_preds(with_loss=True)
    assert torch.isfinite(losses).all() and losses.shape == targs.shape
    assert torch.allclose(probs.sum(1), torch.ones(len(probs)))  # the wrapped loss's activation (softmax) still applies
    assert probs.shape == (len(small_dls.valid.dataset), small_dls.c)
    _fit(learn)
    assert learn.loss_func is lf and list(learn.metrics) == list(mets)


def test_validate_and_get_preds_do_not_start_ibgan(small_dls):
    "fastai sends before_fit/after_fit around validate and get_preds too: nothing of IB-GAN may run there."
    learn = ibgan_learner(small_dls, 'FCN', metrics=accuracy, seed=0)
    _fit(learn)
    with learn.no_bar():
        assert len(learn.validate()) == 2  # valid loss and accuracy only
        learn.get_preds()
    assert learn.ibgan.trainset is None and learn.metrics.attrgot('name') == ['accuracy']


def test_learner_state_after_fit(small_dls):
    learn = ibgan_learner(small_dls, 'FCN', metrics=accuracy, seed=0)
    lf, mets = learn.loss_func, learn.metrics
    _fit(learn, 2)
    assert learn.loss_func is lf and learn.metrics is mets
    assert list(learn.recorder.metric_names) == ['epoch', 'train_loss', 'valid_loss', 'accuracy', 'g_loss', 'd_loss', 'w_mean', 'time']
    # the generator and discriminator optimizers persist, so a second fit continues their training
    g_opt = learn.ibgan.gan.g_opt
    _fit(learn)
    assert learn.ibgan.gan.g_opt is g_opt and len(g_opt.state) > 0


def test_inference_sees_the_classifier_alone(small_dls, epilepsy):
    "tsai's get_X_preds (its predict) and fastai's get_preds give the classifier's own outputs on real data only."
    import numpy as np
    import tsai.inference  # noqa: F401  (patches Learner.get_X_preds)
    learn = ibgan_learner(small_dls, 'FCN', seed=0)
    _fit(learn)
    X, y, splits = epilepsy
    X_valid = np.ascontiguousarray(X[splits[1]][:, :, ::4])
    with learn.no_bar():
        probs, targets = learn.get_preds()
        x_probs, _, x_preds = learn.get_X_preds(X_valid)
    assert probs.shape == (len(splits[1]), small_dls.c)
    assert torch.allclose(x_probs, probs, atol=1e-5)
    xb = small_dls.valid.one_batch()[0]
    learn.model.eval()
    with torch.no_grad(): direct = torch.softmax(learn.model(xb), -1)
    assert torch.allclose(direct.cpu(), probs[:len(xb)], atol=1e-5)
