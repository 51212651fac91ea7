"""Do the tests catch a wrong IB-GAN? Apply one deliberate break of the method at a time to a copy of the package and run the
tests against that copy; a break is caught when they fail. Run by hand from the repository root:
    .venv/bin/python experiments/mutations/mutate.py [pytest paths ...]   (default: tests/test_method_semantics.py tests/test_gan.py)
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
]


def run(tests: list[str], pkg: Path) -> bool:
    "True when the tests pass against the package at `pkg` (run from its folder, which holds a copy of the tests: the checkout's own package is never on the path)."
    env = {**os.environ, 'PYTHONPATH': str(pkg.parent)}
    r = subprocess.run([sys.executable, '-m', 'pytest', '-x', '-q', '-p', 'no:cacheprovider', *tests], cwd=pkg.parent, env=env, capture_output=True, text=True)
    return r.returncode == 0


def main():
    tests = sys.argv[1:] or ['tests/test_method_semantics.py', 'tests/test_gan.py']
    rows = []
    with tempfile.TemporaryDirectory() as d:
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
