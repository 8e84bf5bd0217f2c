"""An engine drawing in a child process, started and finished in two steps, so that the build does
its own work while the engine draws.

`start` returns as soon as the child runs: nothing in this process waits on it, and no thread of
this process competes for the interpreter while the build goes on (a thread writing the engine's
sources used to be starved by the build's own work and started the engine a second late). The
child's output goes to files in the build's scratch folder, not pipes, so the child never blocks
on a full pipe that nobody reads yet."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

Drawn = tuple[dict[str, str], dict[str, str]]  # the frames' HTML by page address, by record folder


@dataclass
class Drawing:
    """A running engine. `finish` waits for it and returns what `after` reads from the built site
    (given the child's standard error); `stop` ends it early, after a failure elsewhere."""

    engine: str  # shown to the maintainer: MkDocs, Zensical
    process: subprocess.Popen[bytes]
    out: Path
    err: Path
    after: Callable[[str], Drawn]

    def finish(self) -> Drawn:
        code = self.process.wait()
        err = self.err.read_text(encoding="utf-8", errors="replace")
        if code != 0:
            out = self.out.read_text(encoding="utf-8", errors="replace")
            detail = (err or out).strip().splitlines()[-12:]
            raise BuildError(f"站点生成失败（{self.engine}）：\n" + "\n".join(detail))
        return self.after(err)

    def stop(self) -> None:
        """End the child if it still runs and wait for it: nothing may write into a site folder
        after the build has given up on it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def start_child(
    engine: str,
    command: list[str],
    *,
    scratch: Path,
    env: dict[str, str],
    after: Callable[[str], Drawn],
    cwd: Path | None = None,
) -> Drawing:
    out, err = scratch / "engine.out", scratch / "engine.err"
    with open(out, "wb") as out_file, open(err, "wb") as err_file:
        # the child holds its own copies of the two files; ours are closed once it runs
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file
        )
    return Drawing(engine, process, out, err, after)
