#!/usr/bin/env python3
"""Smaller rooms: no source file over 600 lines and no function over 60 lines
in core/, kiosk/ and sync/; no file over 600 lines in tests/ and bench/ either
(docs/architecture.md, "Conventions").

A function is a brace block opened at namespace or class level after a line
with a closing parenthesis (a definition, not a type or a namespace); its
length is the lines between its braces. Raw strings, comments, string and
character literals are skipped. Prints each offender with file and line and
exits 1 if there is any; scripts/test.sh runs it.
"""
import pathlib
import re
import sys

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60
ROOTS = ("core", "kiosk", "sync")
FILE_ONLY_ROOTS = ("tests", "bench")  # test bodies may run long; their files may not


def code_of(line, state):
    """The line without comments and literals; state tracks raw strings and block comments."""
    out = []
    i = 0
    while i < len(line):
        if state["raw"]:
            end = line.find(state["raw"], i)
            if end < 0:
                return "".join(out)
            i = end + len(state["raw"])
            state["raw"] = None
            out.append('""')
            continue
        if state["comment"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            i = end + 2
            state["comment"] = False
            continue
        rest = line[i:]
        raw = re.match(r'R"([^(\s]*)\(', rest)
        if raw:
            state["raw"] = ")" + raw.group(1) + '"'
            i += raw.end()
            continue
        if rest.startswith("//"):
            break
        if rest.startswith("/*"):
            state["comment"] = True
            i += 2
            continue
        literal = re.match(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', rest)
        if literal:
            out.append('""')
            i += literal.end()
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def long_functions(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    state = {"raw": None, "comment": False}
    stack = []  # (kind, line index)
    previous = ""
    for index, line in enumerate(lines):
        code = code_of(line, state)
        for ch in code:
            if ch == "{":
                head = code.strip()
                kind = "block"
                if re.match(r"^(namespace|extern)\b", head):
                    kind = "scope"
                elif re.search(r"\b(class|struct|union|enum)\b[^()]*\{", code):
                    kind = "scope"
                elif (")" in code or ")" in previous) and all(k == "scope" for k, _ in stack):
                    kind = "function"
                stack.append((kind, index))
            elif ch == "}" and stack:
                kind, start = stack.pop()
                body = index - start - 1
                if kind == "function" and body > MAX_FUNCTION_LINES:
                    yield start + 1, body
        if code.strip():
            previous = code
    return


def main():
    problems = []
    for root in ROOTS + FILE_ONLY_ROOTS:
        for path in sorted(pathlib.Path(root).rglob("*")):
            if path.suffix not in (".cpp", ".hpp") or not path.is_file():
                continue
            count = path.read_text(encoding="utf-8").count("\n")
            if count > MAX_FILE_LINES:
                problems.append(f"{path}: {count} lines (at most {MAX_FILE_LINES}): split it")
            if root in FILE_ONLY_ROOTS:
                continue
            for line, body in long_functions(path):
                problems.append(
                    f"{path}:{line}: a function of {body} lines (at most {MAX_FUNCTION_LINES}): "
                    "break it into named steps")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
