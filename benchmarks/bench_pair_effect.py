"""Coverage of the pair-effect interval over simulations with a planted effect and with none.

    python benchmarks/bench_pair_effect.py [--runs 200]

Prints, per scenario, how often the 95 % interval covers the true effect (the issue asks for at
least 90 % of 200 simulations each), the mean estimate, the mean interval width, how often the
placebo passes, and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.monitoring_settings import MonitoringSettings
from analysis.pair_effect import pair_effect, simulate_pair_data


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    settings = MonitoringSettings()
    ok = True
    for effect in (0.3, 0.0):
        start = time.perf_counter()
        runs = [
            pair_effect(*simulate_pair_data(effect, seed), settings=settings)
            for seed in range(args.runs)
        ]
        cover = float(np.mean([r.ci_low <= effect <= r.ci_high for r in runs]))
        est = float(np.mean([r.estimate for r in runs]))
        width = float(np.mean([r.ci_high - r.ci_low for r in runs]))
        placebo = float(np.mean([r.placebo_ok for r in runs]))
        matched = float(np.mean([r.n_matched for r in runs]))
        print(
            f"effect {effect:+.1f}: coverage {cover:.3f} over {args.runs} runs, mean estimate "
            f"{est:+.3f}, mean width {width:.3f}, placebo passes {placebo:.3f}, "
            f"matched {matched:.1f} schools, {time.perf_counter() - start:.1f} s"
        )
        ok &= cover >= 0.9
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
