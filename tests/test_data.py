"Data files as a new user has them: dataset folders behind symbolic links, and `.ts` files with a bad line."
import gzip
import shutil
import subprocess
import sys
from pathlib import Path
import numpy as np
import pytest
from tsai_ibgan.bench.data import BUNDLED_DIR, available_datasets, load_uea, read_ts


def _epilepsy_folder(where):
    "An uncompressed copy of the bundled Epilepsy in `where/Epilepsy/`."
    folder = where / 'Epilepsy'
    folder.mkdir(parents=True)
    for split in ('TRAIN', 'TEST'):
        with gzip.open(BUNDLED_DIR / f'Epilepsy_{split}.ts.gz', 'rb') as src, open(folder / f'Epilepsy_{split}.ts', 'wb') as dst:
            shutil.copyfileobj(src, dst)
    return folder


def test_dataset_folder_behind_a_symbolic_link(tmp_path):
    real = _epilepsy_folder(tmp_path / 'elsewhere')
    data_dir = tmp_path / 'uea'
    data_dir.mkdir()
    (data_dir / 'Epilepsy').symlink_to(real, target_is_directory=True)  # `ln -s /elsewhere/Epilepsy uea/Epilepsy`
    assert available_datasets(data_dir) == ['Epilepsy']
    X, y, splits = load_uea('Epilepsy', data_dir)
    X0, y0, splits0 = load_uea('Epilepsy')
    np.testing.assert_array_equal(X, X0); np.testing.assert_array_equal(y, y0)
    # the whole data folder behind a link works too
    (tmp_path / 'linked_uea').symlink_to(data_dir, target_is_directory=True)
    assert available_datasets(tmp_path / 'linked_uea') == ['Epilepsy']


def test_bench_finds_a_linked_dataset(tmp_path):
    "The command line, as a new user runs it: `--data-dir` holding a linked dataset folder is accepted (checked before training)."
    real = _epilepsy_folder(tmp_path / 'elsewhere')
    data_dir = tmp_path / 'uea'
    data_dir.mkdir()
    (data_dir / 'Epilepsy').symlink_to(real, target_is_directory=True)
    exe = shutil.which('tsai-ibgan', path=str(Path(sys.executable).parent)) or shutil.which('tsai-ibgan')
    r = subprocess.run([exe, 'bench', '--datasets', 'Epilepsy,Nope', '--data-dir', str(data_dir), '--out', str(tmp_path / 'out')],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "datasets: ['Nope'] not found" in r.stderr and "available: ['Epilepsy']" in r.stderr, r.stderr


def test_malformed_ts_line_names_the_file_and_line(tmp_path):
    p = tmp_path / 'Bad_TRAIN.ts'
    p.write_text('@problemName Bad\n@data\n0.1,0.2,0.3:a\n0.4,0.82746abc,0.6:b\n')
    with pytest.raises(ValueError, match=r"Bad_TRAIN.ts, line 4: a value is not a number \(could not convert string to float: '0.82746abc'\)"):
        read_ts(p)
    X, y = read_ts(_good(tmp_path))  # '?' is a missing value, not an error
    assert X.shape == (2, 1, 3) and list(y) == ['a', 'b'] and np.isnan(X[1, 0, 1])


def _good(tmp_path):
    p = tmp_path / 'Ok_TRAIN.ts'
    p.write_text('@data\n0.1,0.2,0.3:a\n0.4,?,0.6:b\n')
    return p
