#!/usr/bin/env bash
# The GPU checks of this project, run by hand on a machine with an NVIDIA GPU (CI never has one).
# On a machine without tsai/fastai installed, put their pure-Python packages in .devdeps/ first (see README, "GPU").
set -u
export PYTHONPATH="$PWD/.devdeps:$PWD${PYTHONPATH:+:$PYTHONPATH}"
python3 -c "import torch, numpy; print('torch', torch.__version__, 'numpy', numpy.__version__, torch.cuda.get_device_name())"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 -m pytest -p no:cacheprovider -v tests/test_gpu.py tests/test_lifecycle.py tests/test_archs.py tests/test_errors.py tests/test_precision.py 2>&1 | grep -E "PASSED|FAILED|SKIPPED|ERROR|passed|failed" | sed "s/ *\[ *[0-9]*%\]//"
python3 -c "from tsai_ibgan.cli import main; main(['scale', '--n', '90000', '--arch', 'FCN,InceptionTime', '--bs', '256', '--epochs', '3', '--device', 'cuda'])"
