"""The package's two parts: the plugin a tsai user imports (`tsai_ibgan`'s top-level modules) never loads the benchmark
(`tsai_ibgan.bench`), and every module stays small enough to read."""
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / 'tsai_ibgan'
PLUGIN = sorted(p.stem for p in PKG.glob('*.py') if p.stem not in ('__init__', '_modidx', 'all')) # `all` is the one surface of both


def test_the_plugin_imports_without_the_benchmark():
    code = (f"import sys; import {', '.join(f'tsai_ibgan.{m}' for m in PLUGIN)}; "
            "loaded = sorted(m for m in sys.modules if m.startswith('tsai_ibgan.bench')); print(loaded); assert not loaded, loaded")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, cwd=PKG.parent)
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
    assert {'callback', 'learner', 'gan', 'sampler', 'masking', 'samples', 'losses'} <= set(PLUGIN)


def test_no_plugin_module_names_the_benchmark():
    for m in PLUGIN:
        src = (PKG / f'{m}.py').read_text()
        assert 'from .bench' not in src and 'tsai_ibgan.bench' not in src, m


def test_every_module_is_under_400_lines():
    long = {str(p.relative_to(PKG)): n for p in PKG.rglob('*.py') if p.name != '_modidx.py' and (n := len(p.read_text().splitlines())) >= 400}
    assert not long, long
