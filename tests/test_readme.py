"The Python example in README.md runs as written."
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / 'README.md'


def test_readme_python_example_runs():
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.S)
    assert blocks, 'README.md has no python example'
    ns = {}
    exec(compile(blocks[0], 'README.md', 'exec'), ns)
    learn = ns['learn']
    assert type(learn.ibgan).__name__ == 'IBGANCallback' and learn.ibgan.p_miss == 0.2
    assert type(learn.model).__name__ == 'InceptionTime'
