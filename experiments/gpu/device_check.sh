#!/usr/bin/env bash
# The GPU check, run by hand from the repository root; CI never has a GPU. One script, one process per step, a few
# minutes of GPU time: the GPU tests, `tsai-ibgan overhead --one-process` (eager and compiled step, bs 256 and 1024, kernel
# launches, kernels and busy share per batch), and 100 epochs of IB-GAN on 60,000 samples.
#
#   bash experiments/gpu/device_check.sh --fetch   # here, with network: the wheels a bare GPU machine lacks, into .whl/ (Python 3.12)
#   bash experiments/gpu/device_check.sh           # there (no network): installs .whl/ into /tmp/site, runs everything, copies logs to $OUT
#   DRY=1 bash experiments/gpu/device_check.sh     # a rehearsal on any machine with the project's .venv: tiny sizes, the CPU
#
# The machine this was written for (../shared/ENVIRONMENT.md, "Devices"): python3 3.12, torch 2.11 with CUDA, numpy 2.5,
# scikit-learn, pandas, matplotlib, numba and pytest preinstalled; tsai, fastai and their small dependencies travel as wheels.
set -uo pipefail
WHEELS="tsai==1.0.1 fastai==2.8.7 fastcore==1.14.5 fastprogress==1.1.6 fastdownload==0.0.8 fasttransform==0.0.2 plum-dispatch==2.10.1
beartype==0.23.1 pyts==0.13.0 imbalanced-learn==0.14.2 sklearn-compat==0.1.6 python-fasthtml==0.14.5 starlette==1.10.0
itsdangerous==2.2.0 python-multipart==0.0.34"

if [ "${1:-}" = "--fetch" ]; then
  mkdir -p .whl
  for w in $WHEELS; do
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux2014_x86_64 -d .whl "$w" || exit 1
  done
  ls .whl; du -sh .whl; exit 0
fi

OUT="${OUT:-experiments/gpu/results}"; mkdir -p "$OUT"
if [ -n "${DRY:-}" ]; then # the rehearsal: this project's environment, the CPU, sizes that take seconds
  PY=".venv/bin/python"; DEV=cpu; N1=1500; N2=3000; EP=2; ROUNDS=1; ARCHS=FCN
else
  PY=python3; DEV=cuda; N1=20000; N2=66667; EP=100; ROUNDS=3; ARCHS=FCN,InceptionTime
  SITE=/tmp/site; mkdir -p $SITE
  python3 -m pip install -q --no-index --no-deps --target $SITE .whl/*.whl || { echo "device_check: install from .whl/ failed"; exit 1; }
  # numpy 2: tsai indexes with the smallest integer dtype that fits, which can overflow (ENVIRONMENT.md); int64 everywhere
  printf 'import numpy as np\nimport tsai.data.core as c\nc.smallest_dtype = lambda *a, **k: np.int64\n' > $SITE/tsai_np2.py
  export PYTHONPATH="$SITE:$PWD${PYTHONPATH:+:$PYTHONPATH}"
fi
export KINETO_LOG_LEVEL=5 # the profiler's own chatter
PRE="import warnings; warnings.filterwarnings('ignore'); import numpy as np
if int(np.__version__.split('.')[0]) >= 2: import tsai_np2
from tsai_ibgan.bench.cli import main"
step() { echo; echo "== $1 ($(date +%T))"; }

step "environment"
$PY -c "import torch, numpy, sys; print('python', sys.version.split()[0], 'torch', torch.__version__, 'numpy', numpy.__version__,
      torch.cuda.get_device_name() if torch.cuda.is_available() else 'no GPU')" 2>&1 | tee "$OUT/env.txt"
git log -1 --format='commit %h %s' 2>/dev/null | tee -a "$OUT/env.txt"

step "GPU tests (sync-free per-batch path, mixed precision, compiled step = eager step)"
if [ -z "${DRY:-}" ]; then
  $PY -m pytest -q -p tsai_np2 -p no:cacheprovider tests/test_gpu.py tests/test_fast_step.py 2>&1 | tail -25 | tee "$OUT/tests.txt"
else
  $PY -m pytest -q -p no:cacheprovider tests/test_gpu.py -k mechanics 2>&1 | tail -3 | tee "$OUT/tests.txt"
fi

step "overhead, bs 256: eager step (ibgan) and compiled G and D (graphs), one process"
$PY -c "$PRE
main(['overhead', '--one-process', '--arch', '$ARCHS', '--n', '$N1', '--bs', '256', '--rounds', '$ROUNDS', '--device', '$DEV',
      '--variant', 'graphs: compile_gd=reduce-overhead'])" 2>&1 | grep -v USDT | tee "$OUT/overhead_bs256.txt"

step "overhead, bs 1024 on 60,000 training samples"
$PY -c "$PRE
main(['overhead', '--one-process', '--arch', '$ARCHS', '--n', '$N2', '--bs', '1024', '--rounds', '$ROUNDS', '--device', '$DEV',
      '--variant', 'graphs: compile_gd=reduce-overhead'])" 2>&1 | grep -v USDT | tee "$OUT/overhead_bs1024.txt"

step "$EP epochs of IB-GAN, FCN, bs 1024, 60,000 training samples (compiled G and D)"
$PY -c "$PRE
import time
from tsai_ibgan.bench.cost import epoch_cost
t = time.perf_counter()
r = epoch_cost('ibgan', 'FCN', n=$N2, bs=1024, epochs=$EP, device='$DEV', compile_gd='reduce-overhead')
print(r); print(f'{$EP} epochs: {time.perf_counter() - t:.1f} s in all (data, compilation and validation included), '
               f'median training epoch {r[\"seconds_per_epoch\"]:.3f} s')" 2>&1 | grep -v USDT | tee "$OUT/epochs100.txt"
step "done"
