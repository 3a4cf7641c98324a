#!/usr/bin/python3
"""`make bench-start`: how long the release app takes from launch to a usable Today screen on a
generated five-year shop, against an empty Tauri 2 window built beside it (empty-window/), timed
the same way: each program is launched on a virtual screen (Xvfb, 1280x800) with a fresh HOME and
data folder, and the screen is read every 25 ms from the moment of launch.

What is timed, from launch, for both programs alike:

- first paint: the first screen with more than two colours. The bare screen is one colour (Xvfb's
  black root), an empty window or a page's background adds one more; any text or drawing brings
  anti-aliased edges and so many colours.
- usable: the first screen that then stays the same for 2 s *and* shows a card of
  Farmstall's Today screen: a vertical bar of the app's green (#2e7a4b, `--primary`) exactly five
  pixels wide and at least 120 tall, the left edge of the Today screen's sales card (always in the
  "good" tone; a green button is wider, the demo banner's edge shorter). The Today screen draws
  its cards only once its data is there: while loading it shows a line of text, the start screen
  a spinner (which never stands still), so neither passes. The empty window's page is one such
  card, so the same test applies to it. A screen that keeps changing, or settles without the
  card, is waited for up to 60 s and then reported as a failure with its last screenshot, never
  counted. "The same" allows one thing to change: strips at most SCROLLBAR columns wide, each,
  which is WebKitGTK's overlay scrollbars (3-6 px at the right edge of the sidebar and of the
  main pane) showing when the page is laid out and then fading out over a few seconds; without
  this, the fade, not the screen, would be timed. A spinner (18 px), a line of text or a card
  changes wider columns and so starts the 2 s again.

Each program is started once untimed first (the binary and its libraries into the page cache, as
on a PC where the app ran before), then five timed starts each, alternating, so that the shared
machine's load falls on both alike; the medians are printed, with `/proc/loadavg`.

The shop: the benchmarks' generated five-year shop (`bench-shops/shop-5y-100000.db` in Cargo's
output folder, written once by `cargo bench -p farmstall-app --bench reports` or `--bench speed`
and shared by the benchmarks; while one writes it, it is `….db.partial`, and this waits for it).
It is copied into each fresh data folder as `farmstall.db` (the cached file is never opened by
the app) and the copy is linked as today's daily backup in `backups/`, so the start is an
ordinary one: the day's first start would also copy and verify the whole 2.8 GB shop on a thread
of its own. The log must say the shop opened without a migration: a shop written by another
schema version would time a migration, not a start.

Screenshots of each program's last timed run (first paint and usable) and each run's output go
to --out.
"""

from __future__ import annotations

import argparse
import json
import mmap
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

try:
    from PIL import Image, ImageChops
except ImportError:
    sys.exit("bench-start: Python's PIL is missing: install the Debian package python3-pil")

REPO = Path(__file__).resolve().parents[2]
EMPTY_WINDOW = REPO / "tests/bench-start/empty-window"
SCREEN = (1280, 800)
INTERVAL = 0.025
SETTLE = 2.0
TIMEOUT = 60.0
GREEN = (0x2E, 0x7A, 0x4B)
CARD_EDGE_HEIGHT = 120
CARD_EDGE_WIDTH = 5
# Changes no wider than this (each run of changed columns) leave a screen "the same": scrollbars.
SCROLLBAR = 8
DB_FILE = "farmstall.db"
DATA_DIR_ENV = "FARMSTALL_DATA_DIR"
# Where the benchmarks keep it: Cargo's output folder (`CARGO_TARGET_DIR` when moved) / bench-shops.
DEFAULT_SHOP = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "bench-shops/shop-5y-100000.db"


def fail(message: str) -> NoReturn:
    sys.exit(f"bench-start: {message}")


def check_alike() -> None:
    """The comparison is fair only while the empty window is built and configured like the app."""
    app_conf = json.loads((REPO / "src-tauri/tauri.conf.json").read_text())
    empty_conf = json.loads((EMPTY_WINDOW / "tauri.conf.json").read_text())
    if app_conf["app"]["security"] != empty_conf["app"]["security"]:
        fail("the CSP/security of empty-window/tauri.conf.json differs from src-tauri's: copy it over")
    app_profile = tomllib.loads((REPO / "Cargo.toml").read_text()).get("profile", {}).get("release")
    empty_profile = tomllib.loads((EMPTY_WINDOW / "Cargo.toml").read_text()).get("profile", {}).get("release")
    if app_profile != empty_profile:
        fail(f"[profile.release] of empty-window/Cargo.toml ({empty_profile}) differs from the workspace's ({app_profile})")


def shop_file(shop: Path, generate: bool) -> Path:
    """The cached five-year shop: waited for while another run writes it, else generated once."""
    partial = shop.with_name(shop.name + ".partial")
    if not shop.exists() and partial.exists():
        print(f"bench-start: {partial} is being written by another run; waiting for it", flush=True)
        while not shop.exists():
            if not partial.exists() and not shop.exists():
                fail(f"{partial} went away without becoming {shop}: run again to generate it")
            time.sleep(30)
    if not shop.exists():
        if not generate:
            fail(f"no shop at {shop}; generate it with `cargo bench -p farmstall-app --bench reports`")
        print(f"bench-start: generating {shop} (once; many minutes)", flush=True)
        subprocess.run(["cargo", "bench", "-p", "farmstall-app", "--bench", "reports"], cwd=REPO, check=True)
        if not shop.exists():
            fail(f"the reports benchmark did not write {shop}")
    return shop


class Screen:
    """A virtual screen (Xvfb) whose frame buffer is read straight from memory: Xvfb keeps it in
    an XWD file under `-fbdir`, so a grab is a 4 MB copy (a few ms) instead of an X round trip
    (XGetImage took 100-300 ms on the loaded 2-core machine, too slow for 25 ms steps)."""

    def __init__(self, work: Path):
        number = 80
        while Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
            number += 1
        self.display = f":{number}"
        fbdir = work / "fb"
        fbdir.mkdir()
        self.xvfb = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp", "-br",
             "-fbdir", str(fbdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while subprocess.run(["xdpyinfo", "-display", self.display], capture_output=True).returncode != 0:
            if self.xvfb.poll() is not None or time.monotonic() > deadline:
                self.close()
                fail(f"Xvfb could not start on {self.display}")
            time.sleep(0.1)
        self.file = open(fbdir / "Xvfb_screen0", "rb")
        self.memory = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        # The XWD header: 25 big-endian words, then the colour map, then the pixels.
        header = struct.unpack(">25I", self.memory[:100])
        size, width, height, byte_order, bits, line, ncolors = (header[i] for i in (0, 4, 5, 7, 11, 12, 19))
        if (width, height, byte_order, bits, line) != (*SCREEN, 0, 32, SCREEN[0] * 4):
            self.close()
            fail(f"unexpected frame buffer layout {header}")
        self.start = size + ncolors * 12
        self.end = self.start + line * height

    def grab(self) -> bytes:
        return self.memory[self.start:self.end]

    def close(self) -> None:
        if getattr(self, "memory", None) is not None:
            self.memory.close()
            self.file.close()
        self.xvfb.terminate()
        self.xvfb.wait()


def image(pixels: bytes) -> Image.Image:
    return Image.frombuffer("RGB", SCREEN, pixels, "raw", "BGRX", 0, 1)


def is_blank(frame: Image.Image) -> bool:
    return frame.getcolors(2) is not None


def shows_card(frame: Image.Image) -> bool:
    """A vertical bar of the app's green exactly CARD_EDGE_WIDTH columns wide, each column with at
    least CARD_EDGE_HEIGHT green pixels: a Today card's left edge. Wider green (a primary button,
    the sidebar's current entry) or shorter (the demo banner's edge, icons) is not one."""
    channels = [c.point([255 if v == want else 0 for v in range(256)]) for c, want in zip(frame.split(), GREEN)]
    mask = ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])
    # Each column's share of green pixels, 0..255.
    columns = list(mask.reduce((1, mask.height)).getdata())
    need = 255 * CARD_EDGE_HEIGHT / mask.height - 0.5
    run = 0
    for share in columns + [0]:
        if share >= need:
            run += 1
        elif run == CARD_EDGE_WIDTH:
            return True
        else:
            run = 0
    return False


def same_but_scrollbars(a: Image.Image, b: Image.Image) -> bool:
    """Whether two screens differ only in strips at most SCROLLBAR columns wide each (an overlay
    scrollbar showing or fading out), or not at all."""
    changed = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    columns = list(changed.reduce((1, changed.height)).getdata())
    run = 0
    for share in columns:
        run = run + 1 if share else 0
        if run > SCROLLBAR:
            return False
    return True


def wait_blank(screen: Screen) -> None:
    deadline = time.monotonic() + 10
    while not is_blank(image(screen.grab())):
        if time.monotonic() > deadline:
            fail("the screen did not clear after the last run (a window is still open)")
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    """Ends the program and the WebKit processes it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class Run:
    """One start: seconds from launch to the first paint and to usable, and those two screens."""

    first_paint: float
    usable: float
    first_frame: Image.Image
    usable_frame: Image.Image
    # When the screen changed, but for scrollbars (seconds from launch), for --verbose.
    changes: list[float]


def prepare_home(work: Path, shop: Path | None) -> tuple[Path, Path]:
    home = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    data = home / "data"
    (data / "backups").mkdir(parents=True)
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    if shop is not None:
        db = data / DB_FILE
        # Copy-on-write where the file system can; else a plain copy. The cache stays untouched.
        # A benchmark that has it open may hold pages in its write-ahead log: those go too.
        subprocess.run(["cp", "--reflink=auto", str(shop), str(db)], check=True)
        wal = shop.with_name(shop.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            subprocess.run(["cp", "--reflink=auto", str(wal), str(db) + "-wal"], check=True)
        # Today's daily backup is taken (see the module's note): a link to the same bytes.
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        os.link(db, data / "backups" / f"farmstall-{stamp}-daily.db")
        # The copy is written out now, not during the start being timed.
        with open(db, "rb") as f:
            os.fsync(f.fileno())
    return home, data


def check_log(data: Path, log: Path) -> None:
    """The app opened the shop as it was: no error, no migration."""
    lines = [line for f in sorted((data / "logs").glob("farmstall.*.log")) for line in f.read_text().splitlines()]
    opened = [line for line in lines if "shop opened" in line]
    if not opened:
        fail("the app did not open the shop; its log ends:\n" + "\n".join(lines[-20:]) + f"\n(its output: {log})")
    if "migrated=false" not in opened[0]:
        fail(f"the app migrated the shop on opening, so a migration was timed, not a start: {opened[0]}\n"
             "  remove the shop to have it generated by this tree's code, and run again")


def run_once(binary: Path, screen: Screen, work: Path, out: Path, shop: Path | None, name: str) -> Run:
    home, data = prepare_home(work, shop)
    env = {
        "HOME": str(home),
        "USER": "farmer",
        "LOGNAME": "farmer",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "DISPLAY": screen.display,
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8",
        DATA_DIR_ENV: str(data),
    }
    log = out / f"{name}.log"
    wait_blank(screen)
    with open(log, "wb") as output:
        start = time.monotonic()
        process = subprocess.Popen([str(binary)], env=env, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=output, start_new_session=True)
    try:
        first_paint, first_frame = None, None
        # The last grab; the screen that has stayed the same (but for scrollbars) since when, and
        # whether it was checked for the card.
        previous, settled, since, checked = None, None, 0.0, False
        changes = []
        k = 0
        while True:
            k += 1
            delay = start + k * INTERVAL - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            at = time.monotonic() - start
            pixels = screen.grab()
            if pixels != previous:
                previous = pixels
                frame = image(pixels).copy()
                if settled is None or not same_but_scrollbars(settled, frame):
                    settled, since, checked = frame, at, False
                    changes.append(at)
                if first_paint is None and not is_blank(frame):
                    first_paint, first_frame = at, frame
            if first_paint is not None and not checked and at - since >= SETTLE:
                # Settled: usable if this is the screen with the card, else wait for the next one.
                checked = True
                if shows_card(settled):
                    break
            if process.poll() is not None:
                fail(f"{binary.name} exited with {process.returncode} after {at:.1f} s; its output: {log}")
            if at > TIMEOUT:
                stuck = out / f"{name}-stuck.png"
                image(pixels).save(stuck)
                fail(f"{binary.name} did not settle on a screen with the Today card in {TIMEOUT:.0f} s; "
                     f"the last screen: {stuck}, its output: {log}")
    finally:
        stop(process)
    if shop is not None:
        check_log(data, log)
    shutil.rmtree(home)
    return Run(first_paint, since, first_frame, settled, changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, required=True, help="the release build of farmstall-desktop")
    parser.add_argument("--empty", type=Path, required=True, help="the release build of empty-window")
    parser.add_argument("--shop", type=Path, default=DEFAULT_SHOP)
    parser.add_argument("--out", type=Path, default=REPO / "target/bench-start")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verbose", action="store_true",
                        help="print when each run's screen changed (but for scrollbars)")
    args = parser.parse_args()

    check_alike()
    shop = shop_file(args.shop, generate=args.shop == DEFAULT_SHOP)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=args.out))
    screen = None
    try:
        # Private copies: a build in the shared target folder cannot swap a binary during the runs.
        programs = {}
        for key, binary in (("empty", args.empty), ("app", args.app)):
            if not binary.is_file():
                fail(f"no program at {binary}")
            programs[key] = work / binary.name
            shutil.copy2(binary, programs[key])
        screen = Screen(work)
        print(f"bench-start: Xvfb {screen.display} {SCREEN[0]}x{SCREEN[1]}, a grab every {INTERVAL * 1000:.0f} ms; "
              f"shop {shop} ({shop.stat().st_size / 1e9:.1f} GB)", flush=True)
        print(f"load before: {Path('/proc/loadavg').read_text().strip()}", flush=True)
        runs: dict[str, list[Run]] = {"empty": [], "app": []}
        for i in range(args.runs + 1):
            for key in ("empty", "app"):
                run = run_once(programs[key], screen, work, args.out, shop if key == "app" else None, f"{key}-{i}")
                label = "warm-up" if i == 0 else f"run {i}"
                print(f"  {key:5} {label:7}: first paint {run.first_paint * 1000:5.0f} ms, "
                      f"usable {run.usable * 1000:5.0f} ms", flush=True)
                if args.verbose:
                    print("    screen changed at (ms): " + " ".join(f"{t * 1000:.0f}" for t in run.changes), flush=True)
                if i > 0:
                    runs[key].append(run)
        for key, kept in runs.items():
            kept[-1].first_frame.save(args.out / f"{key}-first-paint.png")
            kept[-1].usable_frame.save(args.out / f"{key}-usable.png")
        load_after = Path("/proc/loadavg").read_text().strip()
    finally:
        if screen is not None:
            screen.close()
        shutil.rmtree(work, ignore_errors=True)

    def median(key: str, what: str) -> float:
        return statistics.median(getattr(r, what) for r in runs[key]) * 1000

    print()
    print(f"start to usable, medians of {args.runs} (ms)   first paint   usable")
    print(f"  empty Tauri 2 window                 {median('empty', 'first_paint'):11.0f}  {median('empty', 'usable'):7.0f}")
    print(f"  Farmstall on the five-year shop      {median('app', 'first_paint'):11.0f}  {median('app', 'usable'):7.0f}")
    print(f"  usable, Farmstall / empty (goal <= 1.5)  {median('app', 'usable') / median('empty', 'usable'):16.2f}")
    print(f"load after: {load_after}")
    print(f"screenshots and output: {args.out}")


if __name__ == "__main__":
    main()
