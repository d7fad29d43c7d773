#!/usr/bin/env python3
"""Import loops between the files of each Rust crate of the workspace.

For every `src/**/*.rs` of every crate it lists the files each file reaches through
`use crate::…`, `use super::…`, `use self::…` and inline `crate::…`/`super::…` paths (test
modules included), resolving names re-exported by `pub use` to the file that defines them.
`mod x;` declarations are not imports, nor is a module's `pub use` of its own submodules (its
public face; `--facades` counts those too). It then prints each set of files that import each other
in a cycle (a strongly connected component of two files or more) and exits 1 when there is one.

    tests/tools/import-cycles.py            # every crate under src-tauri
    tests/tools/import-cycles.py --edges    # also every file's edges

No dependency beyond Python 3.9. A light lexer drops comments, strings and char literals first,
so paths in docs and messages are not counted.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def strip_code(text: str) -> str:
    """The code without comments and with string/char literals emptied (braces kept balanced)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif re.match(r'b?r#*"', text[i : i + 260]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:])
            if m is None:  # b"…": an ordinary byte string
                out.append(c)
                i += 1
                continue
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            i = n if j < 0 else j + len(end)
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        elif c == "'":
            # A char literal ('x', '\n', '\u{..}', '{') or a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            if m:
                out.append("' '")
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand_use(tree: str) -> list[list[str]]:
    """`a::{b, c::{d, self}}` → [[a,b], [a,c,d], [a,c]] (aliases and globs kept as the path)."""
    tree = re.sub(r"\s+", "", re.sub(r"\s+as\s+\w+", "", tree))

    def parse(s: str, prefix: list[str]) -> list[list[str]]:
        paths: list[list[str]] = []
        for part in split_top(s):
            if not part:
                continue
            if "{" in part:
                head, inner = part.split("{", 1)
                inner = inner[: inner.rfind("}")]
                head_path = [p for p in head.split("::") if p]
                paths += parse(inner, prefix + head_path)
            else:
                segs = [p for p in part.split("::") if p]
                if segs == ["self"]:
                    paths.append(prefix)
                elif segs == ["*"]:
                    paths.append(prefix + ["*"])
                else:
                    paths.append(prefix + segs)
        return paths

    return parse(tree, [])


def split_top(s: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


ITEM = re.compile(
    r"\b(?:pub(?:\([\w:\s]+\))?\s+)?(?:async\s+|const\s+|unsafe\s+)*"
    r"(fn|struct|enum|trait|type|const|static|macro_rules!|union)\s+(\w+)"
)
USE = re.compile(r"\b(pub(?:\([\w:\s]+\))?\s+)?use\s+([^;]+);")
INLINE = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::(?:super|\w+))+)")
MOD_DECL = re.compile(r"\bmod\s+(\w+)\s*;")
MOD_OPEN = re.compile(r"\bmod\s+(\w+)\s*\{")


class Crate:
    def __init__(self, name: str, src: Path):
        self.name, self.src = name, src
        self.files: dict[tuple[str, ...], Path] = {}
        for path in sorted(src.rglob("*.rs")):
            rel = path.relative_to(src).with_suffix("")
            parts = list(rel.parts)
            if parts in (["lib"], ["main"]):
                parts = []
            elif parts[-1] == "mod":
                parts = parts[:-1]
            # `bin/` targets and nested tests folders are left out (separate crates).
            if parts and parts[0] == "bin":
                continue
            self.files[tuple(parts)] = path
        self.code = {m: strip_code(p.read_text(encoding="utf-8")) for m, p in self.files.items()}
        self.items = {m: {name for _, name in ITEM.findall(c)} for m, c in self.code.items()}
        self.reexports: dict[tuple[str, ...], dict[str, list[str]]] = {}
        self.globs: dict[tuple[str, ...], list[list[str]]] = {}
        for m, c in self.code.items():
            names: dict[str, list[str]] = {}
            globs: list[list[str]] = []
            for vis, tree in USE.findall(c):
                if not vis:
                    continue
                for path in expand_use(tree):
                    full = self.absolute(m, path)
                    if full is None:
                        continue
                    if full[-1] == "*":
                        globs.append(full[:-1])
                    else:
                        names[full[-1]] = full
            self.reexports[m] = names
            self.globs[m] = globs

    def absolute(self, module: tuple[str, ...], path: list[str]) -> list[str] | None:
        """A `crate::`/`super::`/`self::` path from `module` as a path from the crate root."""
        if not path:
            return None
        base: list[str]
        if path[0] == "crate":
            base, rest = [], path[1:]
        elif path[0] in ("super", "self"):
            base, rest = list(module), path
            while rest and rest[0] in ("super", "self"):
                if rest[0] == "super":
                    base = base[:-1]
                rest = rest[1:]
        elif tuple(list(module) + [path[0]]) in self.files or path[0] in self.items.get(module, ()):
            # `use submodule::X;` inside a parent module (2018 paths relative to self).
            base, rest = list(module), path
        else:
            return None
        return base + rest

    def resolve(self, path: list[str], seen: frozenset = frozenset()) -> tuple[str, ...] | None:
        """The file that defines what `path` (from the crate root) names."""
        key = tuple(path)
        if key in seen:
            return None
        seen = seen | {key}
        # The longest prefix that is a file.
        k = len(path)
        while k > 0 and tuple(path[:k]) not in self.files:
            k -= 1
        module = tuple(path[:k])
        rest = path[k:]
        if not rest or rest == ["*"]:
            return module
        name = rest[0]
        if name in self.items[module]:
            return module
        target = self.reexports[module].get(name)
        if target is not None:
            return self.resolve(target + rest[1:], seen) or module
        for g in self.globs[module]:
            found = self.resolve(g + rest, seen)
            if found is not None and found != tuple(g):
                return found
        return module

    def edges(self, facades: bool = False) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
        out: dict[tuple[str, ...], set[tuple[str, ...]]] = {m: set() for m in self.files}
        for m, code in self.code.items():
            # Inline `mod x { … }` blocks shift what `super`/`self` mean.
            for scope, chunk in scopes(m, code):
                paths: list[list[str]] = []
                for vis, tree in USE.findall(chunk):
                    for p in expand_use(tree):
                        full = self.absolute(scope, p)
                        # A module's `pub use` of its own submodules is its public face, not
                        # an import (unless asked to count those too).
                        if vis and not facades and full and full[: len(scope)] == list(scope):
                            continue
                        paths.append(p)
                for p in INLINE.findall(re.sub(USE, "", chunk)):
                    paths.append(p.split("::"))
                for p in paths:
                    full = self.absolute(scope, p)
                    if full is None:
                        continue
                    target = self.resolve(full)
                    if target is not None and target != m:
                        out[m].add(target)
        return out


def scopes(module: tuple[str, ...], code: str):
    """Yields (module path, code) for the file and each inline `mod x { … }` in it."""
    spans: list[tuple[int, int, tuple[str, ...]]] = []

    def walk(start: int, end: int, mod: tuple[str, ...]):
        i = start
        while True:
            m = MOD_OPEN.search(code, i, end)
            if not m:
                break
            depth, j = 1, m.end()
            while j < end and depth:
                depth += {"{": 1, "}": -1}.get(code[j], 0)
                j += 1
            inner = mod + (m.group(1),)
            spans.append((m.end(), j - 1, inner))
            walk(m.end(), j - 1, inner)
            i = j

    walk(0, len(code), module)
    # The file's own code: everything outside inline modules.
    mask = list(code)
    for s, e, _ in spans:
        for k in range(s, e):
            mask[k] = " "
    yield module, "".join(mask)
    for s, e, mod in spans:
        inner = list(code[s:e])
        for s2, e2, _ in spans:
            if s < s2 and e2 <= e:
                for k in range(s2 - s, e2 - s):
                    inner[k] = " "
        yield mod, "".join(inner)


def cycles(edges: dict) -> list[list]:
    """Strongly connected components of two nodes or more (Tarjan)."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on: set = set()
    out: list[list] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def crates() -> list[Crate]:
    found = []
    for manifest in sorted((ROOT / "src-tauri").rglob("Cargo.toml")):
        if "target" in manifest.parts or "node_modules" in manifest.parts:
            continue
        src = manifest.parent / "src"
        name = re.search(r'^name\s*=\s*"([^"]+)"', manifest.read_text(), re.M)
        if src.is_dir() and name:
            found.append(Crate(name.group(1), src))
    return found


def show(crate: Crate, m: tuple[str, ...]) -> str:
    return str(crate.files[m].relative_to(crate.src))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edges", action="store_true", help="print every file's edges too")
    ap.add_argument(
        "--facades", action="store_true", help="count a module's `pub use` of its own children"
    )
    args = ap.parse_args()
    total = 0
    for crate in crates():
        edges = crate.edges(args.facades)
        loops = cycles(edges)
        total += len(loops)
        n_edges = sum(len(v) for v in edges.values())
        print(f"{crate.name}: {len(crate.files)} files, {n_edges} edges, {len(loops)} loop(s)")
        if args.edges:
            for m in sorted(edges):
                if edges[m]:
                    print(f"  {show(crate, m)} -> {', '.join(show(crate, t) for t in sorted(edges[m]))}")
        for comp in loops:
            members = set(comp)
            print(f"  loop of {len(comp)} files: {', '.join(show(crate, m) for m in comp)}")
            for m in comp:
                inside = sorted(t for t in edges[m] if t in members)
                print(f"    {show(crate, m)} -> {', '.join(show(crate, t) for t in inside)}")
    print(f"total: {total} loop(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
