"Shared fixtures: small imbalanced datasets from the bundled Epilepsy copy and, where present, ../shared/data/uea."
import shutil
import sys
import warnings
from pathlib import Path
import numpy as np
import pytest
import torch

warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated')
torch.set_num_threads(2)

SHARED_DATA = Path(__file__).resolve().parents[2] / 'shared' / 'data' # ../shared/data beside the checkout
SHARED_UEA = SHARED_DATA / 'uea'
_BESIDE = Path(sys.executable).parent / 'tsai-ibgan'
EXE = str(_BESIDE) if _BESIDE.exists() else shutil.which('tsai-ibgan') # the installed command, `None` where it is not


@pytest.fixture(scope='session')
def epilepsy():
    "Bundled Epilepsy, imbalanced with the paper's protocol (seed 0): X, y, splits."
    from tsai_ibgan.bench.data import load_uea, make_imbalanced
    return make_imbalanced(*load_uea('Epilepsy'), seed=0)


@pytest.fixture(scope='session')
def small_dls(epilepsy):
    "Imbalanced Epilepsy, every 4th time step (length 52): quick to train with any architecture."
    from tsai_ibgan.bench.runner import make_dls
    X, y, splits = epilepsy
    return make_dls(np.ascontiguousarray(X[:, :, ::4]), y, splits, bs=32)


def shared_dataset(name):
    "A UEA dataset from ../shared/data/uea, or skip where that folder is absent (outside this project's machines)."
    from tsai_ibgan.bench.data import load_uea
    if not (SHARED_UEA / name).exists(): pytest.skip(f'{SHARED_UEA / name} not found')
    return load_uea(name, SHARED_UEA)
