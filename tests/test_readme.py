"The Python example in README.md runs as written."
import re
from pathlib import Path
import torch

README = Path(__file__).resolve().parents[1] / 'README.md'


def test_readme_python_examples_run(tmp_path, monkeypatch):
    "Both examples, in order, in one namespace: train, then inspect, generate, export, load, save."
    import matplotlib
    matplotlib.use('Agg')
    monkeypatch.chdir(tmp_path) # the export and saves land here
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.S)
    assert len(blocks) >= 2, 'README.md lacks its python examples'
    ns = {}
    exec(compile(blocks[0], 'README.md', 'exec'), ns)
    learn_it = ns['learn_it']
    assert type(learn_it.ibgan).__name__ == 'IBGANCallback' and learn_it.ibgan.p_miss == 0.2
    assert type(learn_it.model).__name__ == 'InceptionTime'
    exec(compile(blocks[1], 'README.md', 'exec'), ns)
    assert ns['X_new'].shape[0] == 50 and set(ns['y_new']) == {'SAWING'}
    assert 0 < ns['diag']['novelty'] and ns['diag']['real_to_real'] > 0
    counts = {c: (ns['y_bal'] == c).sum() for c in set(ns['y_bal'])}
    assert len(set(counts.values())) == 1
    assert (tmp_path / 'model.pkl').exists() and (tmp_path / 'models' / 'stage1.ibgan.pth').exists()
    assert ns['learn_inf'].ibgan.generator is None # the loaded export carries no generator
    assert ns['learn'].ibgan.generator is not None


def test_readme_plain_pytorch_loop_runs():
    "The third example: ImputationGAN in a plain PyTorch training loop, no fastai."
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.S)
    ns = {}
    exec(compile(blocks[2], 'README.md', 'exec'), ns)
    out, gan = ns['out'], ns['gan']
    assert out.x_syn.shape == (16, 3, 50) and out.w.shape == (16,) and torch.isfinite(ns['loss'])
    assert all(len(opt.state) > 0 for opt in (gan.g_opt, gan.d_opt, ns['opt']))  # G, D and the classifier all stepped


def test_readme_gaps_example_runs(tmp_path, monkeypatch):
    "The fourth example: train on series with gaps, predict on series with NaN (no label read), export and load."
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.S)
    ns = {}
    exec(compile(blocks[3], 'README.md', 'exec'), ns)
    import numpy as np
    assert np.isnan(ns['X_gaps']).mean() > 0.25 and torch.isfinite(ns['probs']).all()
    assert ns['learn_gaps'].ibgan.nan_as_missing and ns['deployed'].ibgan.generator is not None
