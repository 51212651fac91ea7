"IB-GAN trains with any tsai classifier, a user's own nn.Module, and a plain fastai Learner."
import pytest
import torch
from torch import nn
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from tsai.learner import ts_learner
from tsai.models.FCN import FCN
from tsai.models.ResNet import ResNet
from tsai.models.InceptionTime import InceptionTime
from tsai.models.XceptionTime import XceptionTime
from tsai.models.RNN import LSTM
from tsai.models.RNN_FCN import LSTM_FCN
from tsai.models.TST import TST
from tsai_ibgan.callback import IBGANCallback
from tsai_ibgan.learner import ibgan_learner


class TinyConvNet(nn.Module):
    "A user's own classifier: conv, batch norm, global pooling, linear."
    def __init__(self, c_in, c_out):
        super().__init__()
        self.body = nn.Sequential(nn.Conv1d(c_in, 16, 5, padding=2), nn.BatchNorm1d(16), nn.ReLU(), nn.AdaptiveAvgPool1d(1))
        self.head = nn.Linear(16, c_out)

    def forward(self, x):  # [bs, c_in, seq_len] -> [bs, c_out]
        return self.head(self.body(x).squeeze(-1))


def _params(m): return [p.detach().cpu().clone() for p in m.parameters()]


def _check_trained(learn, lf_before, g_before):
    "G, D and the classifier trained; the Learner has its own loss back; predictions come from the classifier alone."
    assert learn.loss_func is lf_before
    names = list(learn.recorder.metric_names)
    assert {'g_loss', 'd_loss', 'w_mean'} <= set(names)
    vals = torch.tensor([v for v in learn.recorder.values[-1]])
    assert torch.isfinite(vals).all()
    assert any((a != b).any() for a, b in zip(g_before, _params(learn.ibgan.generator)))
    probs, targets = learn.get_preds()
    assert probs.shape == (len(learn.dls.valid.dataset), learn.dls.c)


@pytest.mark.parametrize('arch', [FCN, ResNet, InceptionTime, XceptionTime, LSTM, LSTM_FCN, TST], ids=lambda a: a.__name__)
def test_tsai_archs_with_callback(small_dls, arch):
    learn = ts_learner(small_dls, arch, cbs=IBGANCallback(p_miss=0.2), seed=0)
    lf, g0 = learn.loss_func, _params(learn.ibgan.generator)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    _check_trained(learn, lf, g0)


@pytest.mark.parametrize('arch', ['FCN', 'LSTM_FCN'])
def test_tsai_archs_by_name_with_factory(small_dls, arch):
    learn = ibgan_learner(small_dls, arch, p_miss=0.1, seed=0)
    lf, g0 = learn.loss_func, _params(learn.ibgan.generator)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    _check_trained(learn, lf, g0)


def test_users_own_module(small_dls):
    learn = ibgan_learner(small_dls, TinyConvNet(small_dls.vars, small_dls.c), seed=0)
    lf, g0 = learn.loss_func, _params(learn.ibgan.generator)
    with learn.no_bar(), learn.no_logging(): learn.fit(2, 1e-3)
    _check_trained(learn, lf, g0)


def test_plain_fastai_learner(small_dls):
    "Not only tsai: a bare fastai Learner with the callback; G and D are built at the first fit."
    learn = Learner(small_dls, TinyConvNet(small_dls.vars, small_dls.c), loss_func=CrossEntropyLossFlat(), cbs=IBGANCallback(gan='info'))
    assert learn.ibgan.generator is not None  # built from the shapes dls reports
    lf, g0 = learn.loss_func, _params(learn.ibgan.generator)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    _check_trained(learn, lf, g0)
