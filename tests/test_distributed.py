"Two CPU processes (gloo) train IB-GAN under fastai's distrib_ctx: G, D and C stay in sync, the resampler is sharded."
import os
import socket
import numpy as np
import torch
import torch.multiprocessing as mp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _train(world: int, rank: int, out: str, epochs: int = 8, bs: int = 16, seed: int = 0):
    "Train IB-GAN on imbalanced Epilepsy (every 4th step); save weights, draws and scores to `out/rank<r>.pt`."
    import warnings
    warnings.filterwarnings('ignore')
    torch.set_num_threads(1)
    from fastai.torch_core import set_seed
    import tsai_ibgan.samples as sm  # where the training set's balanced draw lives
    from tsai_ibgan.all import ibgan_learner, load_uea, make_imbalanced, make_dls, scores
    draws = []
    orig = sm.balanced_indices
    def recording(*a, **k):
        idx = orig(*a, **k)
        draws.append(idx.clone())
        return idx
    sm.balanced_indices = recording
    X, y, splits = make_imbalanced(*load_uea('Epilepsy'), seed=seed)
    X = np.ascontiguousarray(X[:, :, ::4])
    set_seed(seed, reproducible=True)
    dls = make_dls(X, y, splits, bs=bs)
    set_seed(seed, reproducible=True)
    learn = ibgan_learner(dls, 'FCN')
    with learn.no_bar(), learn.no_logging():
        if world > 1:
            with learn.distrib_ctx(sync_bn=False): learn.fit_one_cycle(epochs, 1e-3) # SyncBatchNorm needs GPUs
        else: learn.fit_one_cycle(epochs, 1e-3)
    with learn.no_bar(): probs, targets = learn.get_preds()
    flat = lambda m: torch.cat([p.detach().flatten() for p in m.parameters()])
    torch.save(dict(g=flat(learn.ibgan.generator), d=flat(learn.ibgan.discriminator), c=flat(learn.model),
                    draws=draws[1:], n_batches=len(draws) - 1, **scores(targets.numpy(), probs.numpy())), f'{out}/rank{rank}.pt')


def _worker(rank: int, world: int, port: int, out: str, seed: int = 0):
    import torch.distributed as dist
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port), WORLD_SIZE=str(world), RANK=str(rank),
                      LOCAL_RANK=str(rank), ACCELERATE_USE_CPU='true')
    dist.init_process_group('gloo', rank=rank, world_size=world)
    try: _train(world, rank, out, seed=seed)
    finally: dist.destroy_process_group()


def test_two_process_gloo(tmp_path):
    mp.start_processes(_worker, args=(2, _free_port(), str(tmp_path)), nprocs=2, start_method='spawn')
    _train(1, 'single', str(tmp_path), bs=32) # the same global batch (2 x 16) and number of steps
    r0, r1, single = (torch.load(tmp_path / f'rank{r}.pt') for r in (0, 1, 'single'))
    # G, D and the classifier end identical on both processes
    for k in ('g', 'd', 'c'): torch.testing.assert_close(r0[k], r1[k])
    # each process trains on its half of every batch, and resamples its own slice of a shared draw
    assert r0['n_batches'] == r1['n_batches'] == single['n_batches']
    assert all(not torch.equal(a, b) for a, b in zip(r0['draws'], r1['draws']))
    # in line with one process on the same data (4 classes: chance is 0.25)
    print({k: round(r['balanced_accuracy'], 3) for k, r in (('rank0', r0), ('rank1', r1), ('single', single))})
    for r in (r0, r1, single): assert r['balanced_accuracy'] > 0.5, r['balanced_accuracy']
    assert abs(r0['balanced_accuracy'] - single['balanced_accuracy']) < 0.25
