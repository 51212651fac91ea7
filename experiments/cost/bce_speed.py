"""The discriminator's element-wise BCE two ways, side by side on this machine: torch's `binary_cross_entropy_with_logits`
and the softplus form `masked_bce` uses (`softplus(l) - t * l`), forward and backward, one thread.

.venv/bin/python experiments/cost/bce_speed.py
"""
import time
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
logits = torch.randn(512, 23, 21, requires_grad=True) # a D batch (2 x 256) on product-shaped data
target = (torch.rand(512, 23, 21) > 0.1).float()

def bce(): return F.binary_cross_entropy_with_logits(logits, target, reduction='none')
def softplus(): return F.softplus(logits) - target * logits

def ms(f, n=50):
    for _ in range(5): f().sum().backward()
    start = time.perf_counter()
    for _ in range(n): f().sum().backward()
    return (time.perf_counter() - start) / n * 1000

a, b = ms(bce), ms(softplus)
print(f"binary_cross_entropy_with_logits {a:.2f} ms, softplus form {b:.2f} ms, ratio {a / b:.2f}; "
      f"max difference {float((bce() - softplus()).detach().abs().max()):.1e}")
