#!/bin/sh
# pre-commit's entry for the local hooks: runs `build.py <arguments>` with the project's own
# Python environment, so a commit works without activating anything (and whatever `python` on
# PATH is). Looks for .venv (Linux/macOS, then Windows' Git Bash), then a python3 that can already
# import the project; otherwise says in Chinese how to create the environment.
cd "$(dirname "$0")/.." || exit 1
for candidate in .venv/bin/python .venv/Scripts/python.exe venv/bin/python venv/Scripts/python.exe; do
  if [ -x "$candidate" ]; then
    exec "$candidate" build.py "$@"
  fi
done
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c "import kejiao.cli" >/dev/null 2>&1; then
    exec "$candidate" build.py "$@"
  fi
done
echo "提交前检查需要本项目的 Python 环境，但没有找到 .venv。请在仓库目录运行一次：" >&2
echo "  python3 -m venv .venv && .venv/bin/pip install -e ." >&2
echo "（Windows：py -m venv .venv && .venv\\Scripts\\pip install -e .）然后重新提交。" >&2
exit 1
