"""Gazetteer benchmark: cold build, warm load, lookups (exact and loose) and sentences per
second, peak RSS.

    python bench/bench_gazetteer.py            # uses a fresh temporary cache directory

Each phase runs in its own subprocess so that "warm load" measures what `coder suggest` pays
at start-up (import + reading the cache), and peak RSS is that process's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap

_PHASE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    from coder.engine.gazetteer import load_gazetteer
    from coder.engine.places import find_places
    gaz = load_gazetteer(Path(sys.argv[1]))
    load = time.perf_counter() - t0
    names = ["Rukha", "Kabul", "Maiduguri", "Tripoli", "Springfield", "Qxzqxz", "al-Bab", "Borno"]
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 1.0:
        for name in names:
            gaz.lookup(name, "Afghanistan")
        n += len(names)
    lookups = n / (time.perf_counter() - t0)
    variants = [("Jisr Shughour", "Syria", "Idleb"), ("Tel Abyad", "Syria", None),
                ("Qxzqxz", "Somalia", None), ("Mayadeen", "Syria", "Deir-ez-Zor"),
                ("Novoselivka", "Ukraine", "Donetsk"), ("Shangaa", "China", None)]
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 1.0:
        for name, country, admin1 in variants:
            gaz.lookup_loose(name, country, admin1)
        n += len(variants)
    loose = n / (time.perf_counter() - t0)
    sentences = [
        "Clashes erupted in Rukha, Panjshir province, on Sunday, local officials said.",
        "Taliban fighters said they had captured the Panjshir valley after heavy fighting.",
        "Boko Haram militants attacked a military base near Maiduguri in Borno state.",
        "Al Shabaab fighters attacked Mogadishu's Hodan district and a base outside Afgooye.",
        "The President of the United States spoke with Afghan leaders in Kabul on Monday.",
    ]
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 1.0:
        for s in sentences:
            find_places(s, gaz, None)
        n += len(sentences)
    per_s = n / (time.perf_counter() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load_s": load, "lookups_per_s": lookups, "loose_per_s": loose,
                      "sentences_per_s": per_s,
                      "places": len(gaz), "peak_rss_mb": rss}))
    """
)


def _run(cache_dir: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PHASE, cache_dir], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as cache_dir:
        cold = _run(cache_dir)
        warm = _run(cache_dir)
    print(f"places indexed        {cold['places']:>10,.0f}")
    print(f"cold build + load {cold['load_s']:>10.2f} s, peak RSS {cold['peak_rss_mb']:.0f} MB")
    print(f"warm load (cache) {warm['load_s']:>10.2f} s, peak RSS {warm['peak_rss_mb']:.0f} MB")
    print(f"lookups               {warm['lookups_per_s']:>10,.0f} /s")
    print(f"loose lookups         {warm['loose_per_s']:>10,.0f} /s")
    print(f"find_places sentences {warm['sentences_per_s']:>10,.0f} /s")


if __name__ == "__main__":
    main()
