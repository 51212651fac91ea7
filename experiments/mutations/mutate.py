"""Do the tests catch a wrong IB-GAN? Apply one deliberate break of the method at a time to a copy of the package and run the
tests against that copy; a break is caught when they fail. Run by hand from the repository root:
    .venv/bin/python experiments/mutations/mutate.py [pytest paths ...]   (default: tests/test_method_semantics.py tests/test_gan.py tests/test_feedback.py tests/test_sites.py::test_hidden_channels_...)
Writes experiments/mutations/result.md."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BREAKS = [ # (name, module, the text, what it becomes)
    ('D trained with flipped targets', 'gan.py', 'd_loss = masked_bce(logits, 1 - m_d, unknown)', 'd_loss = masked_bce(logits, m_d, unknown)'),
    ('synthetic labels shuffled against their series', 'samples.py', "        return x.as_subclass(Tensor), y.as_subclass(Tensor)",
     "        y = y[torch.randperm(len(y), device=y.device)]\n        return x.as_subclass(Tensor), y.as_subclass(Tensor)"),
    ('weight without the prior correction', 'losses.py', "if weight == 'corrected': ratio = ratio * (p_miss / (2 - p_miss))", "pass"),
    ('weight from 1 - d (real and fake swapped)', 'losses.py', 'ratio = d / (1 - d)', 'ratio = (1 - d) / d'),
    ('alpha on the synthetic half instead of the real one', 'callback.py',
     'return self.alpha * real_loss + (1 - self.alpha) * (b.out.w * syn).mean()', 'return (1 - self.alpha) * real_loss + self.alpha * (b.out.w * syn).mean()'),
    ('synthetic losses unweighted', 'callback.py', '(b.out.w * syn).mean()', 'syn.mean()'),
    ('observed values overwritten by G', 'gan.py', 'x_syn = impute(x_src, x_hat, mask) # [n, c_in, seq_len]: hidden values are real again', 'x_syn = x_hat'),
    ('missing values not forced into the mask', 'gan.py', '    if miss is not None: mask = torch.maximum(mask, miss)\n', ''),
    ('the draw not class-balanced', 'masking.py', 'return torch.multinomial(weights, n * world_size', 'return torch.multinomial(torch.ones_like(weights), n * world_size'),
    ('real half not class-weighted', 'callback.py', 'real_loss = (cw * real).sum() / cw.sum()', 'real_loss = real.mean()'),
    ('draw probabilities by class count, not its inverse', 'masking.py', 'w = 1. / counts[y] # [n]', 'w = counts[y] # [n]'),
    ('weight from D over every value, not the imputed ones', 'losses.py',
     'd = ((prob_real * mask).sum((1, 2)) / n_imp.clamp_min(1)).clamp(1e-6, 1 - 1e-6)', 'd = prob_real.mean((1, 2)).clamp(1e-6, 1 - 1e-6)'),
    ('G pushes its values towards fake', 'gan.py', 'g_loss = masked_bce(logits, torch.ones_like(mask), mask * unknown)',
     'g_loss = masked_bce(logits, torch.zeros_like(mask), mask * unknown)'),
    ('G reconstructs the hidden values instead of the observed ones', 'gan.py',
     'g_loss = g_loss + self.lambda_rec * masked_mean((x_hat - x_src) ** 2, 1 - mask)', 'g_loss = g_loss + self.lambda_rec * masked_mean((x_hat - x_src) ** 2, mask)'),
    ("the classifier's feedback to G reversed", 'gan_runtime.py', 'return x_det + (x_syn - x_det) * scale', 'return x_det - (x_syn - x_det) * scale'),
    ('the hint reveals the whole mask to D', 'masking.py', 'hint = revealed * (1. - mask) + (1. - revealed) * 0.5', 'hint = 1. - mask'),
    ('whole channels never hidden (hide_channels ignored)', 'gan.py',
     "    if getattr(self, 'hide_channels', 0) > 0: mask = torch.maximum(mask, channel_mask(x_src.shape, self.hide_channels, dev)) # whole channels too\n", ''),
    ('static channels masked value by value', 'masking.py', 'def shape_mask(self, mask:Tensor) -> Tensor: # [bs, c_in, seq_len]\n',
     'def shape_mask(self, mask:Tensor) -> Tensor: # [bs, c_in, seq_len]\n        return mask\n'),
]


def run(tests: list[str], pkg: Path) -> bool:
    "True when the tests pass against the package at `pkg` (run from its folder, which holds a copy of the tests: the checkout's own package is never on the path)."
    env = {**os.environ, 'PYTHONPATH': str(pkg.parent)}
    r = subprocess.run([sys.executable, '-m', 'pytest', '-x', '-q', '-p', 'no:cacheprovider', *tests], cwd=pkg.parent, env=env, capture_output=True, text=True)
    return r.returncode == 0


def main():
    tests = sys.argv[1:] or ['tests/test_method_semantics.py', 'tests/test_gan.py', 'tests/test_feedback.py', 'tests/test_sites.py::test_hidden_channels_train_export_and_predict_at_the_other_site']
    rows = []
    with tempfile.TemporaryDirectory(dir=ROOT.parent) as d: # beside the checkout: the tests find ../shared from there
        pkg = Path(d) / 'tsai_ibgan'
        shutil.copytree(ROOT / 'tsai_ibgan', pkg)
        shutil.copytree(ROOT / 'tests', Path(d) / 'tests'); shutil.copy(ROOT / 'pytest.ini', d)
        probe = subprocess.run([sys.executable, '-c', 'import tsai_ibgan; print(tsai_ibgan.__file__)'], cwd=d, capture_output=True, text=True,
                               env={**os.environ, 'PYTHONPATH': d})
        assert probe.stdout.strip().startswith(d), f'the copy is not the package the tests import: {probe.stdout}'
        assert run(tests, pkg), 'the tests fail on the unbroken package'
        for name, mod, old, new in BREAKS:
            src = (ROOT / 'tsai_ibgan' / mod).read_text()
            assert src.count(old) == 1, f'{name}: the text to break is not in {mod} exactly once'
            (pkg / mod).write_text(src.replace(old, new))
            caught = not run(tests, pkg)
            (pkg / mod).write_text(src)
            rows.append((name, mod, caught)); print(f"{'caught' if caught else 'MISSED'}: {name}", flush=True)
    out = ['# Deliberate breaks of the method against the tests\n', f"Command: `.venv/bin/python experiments/mutations/mutate.py {' '.join(tests)}`\n",
           f"{sum(c for *_, c in rows)} of {len(rows)} breaks caught.\n", '| break | module | caught |', '|---|---|---|']
    out += [f'| {n} | `{m}` | {"yes" if c else "**no**"} |' for n, m, c in rows]
    (Path(__file__).parent / 'result.md').write_text('\n'.join(out) + '\n')
    print('\n'.join(out))


if __name__ == '__main__': main()
