// The command line's contract: exit codes (0 ok, 1 input errors, 2 usage), located errors without stack
// traces, and no output file written (or clobbered) when conversion fails.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve(__dirname, "../../bin/py2ts-mp.js");

function cli(args: string[], cwd = process.cwd(), env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "py2ts-mp-cli-"));
}

describe("py2ts-mp command line", () => {
  it("prints its version and help and exits 0", () => {
    expect(cli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("convert");
    expect(help.stdout).toContain("run");
  });

  it("exits 2 on wrong usage", () => {
    expect(cli(["frobnicate"]).code).toBe(2);
    expect(cli(["convert"]).code).toBe(2);
  });

  it("reports a missing file with its path and exits 1", () => {
    const r = cli(["convert", "no/such/file.py"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no/such/file.py:1:1 - error PM1003: cannot read file: no such file");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a syntax error at its line and column and writes nothing", () => {
    const dir = tmpdir();
    const py = path.join(dir, "bad.py");
    fs.writeFileSync(py, "x = 1\ndef f(:\n    pass\n");
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.py:2:\d+ - error PM100\d/);
    expect(fs.existsSync(path.join(dir, "bad.ts"))).toBe(false);
  });

  it("never clobbers an existing output when conversion fails", () => {
    const dir = tmpdir();
    const py = path.join(dir, "job.py");
    const out = path.join(dir, "job.ts");
    fs.writeFileSync(out, "// kept\n");
    fs.writeFileSync(py, "import ctypes\n");
    const r = cli(["convert", py, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("job.py:1:8 - error PM2002: module 'ctypes' is not supported by py2ts-mp");
    expect(fs.readFileSync(out, "utf8")).toBe("// kept\n");
  });

  it("reports a regex literal JavaScript cannot express at the literal, and accepts one it can", () => {
    const dir = tmpdir();
    const py = path.join(dir, "rx.py");
    fs.writeFileSync(py, 'import re\nok = re.compile(r"(?P<w>\\w+)")\nprint(re.findall(r"a++b", "aab"))\n');
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("rx.py:3:18 - error PM2008: this regular expression cannot be translated faithfully: a possessive quantifier at position 2 has no JavaScript equivalent");
    expect(r.stderr).not.toContain("rx.py:2:");
  });

  it("reports values and operations with no faithful TypeScript form where they are written", () => {
    const dir = tmpdir();
    const py = path.join(dir, "vals.py");
    fs.writeFileSync(py, 'xs = [1, 2, 3]\n*init, last = xs\nprint("12".isnumeric(), xs.foo())\n');
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("vals.py:2:1 - error PM2005: a starred target before the last one cannot be translated faithfully");
    expect(r.stderr).toContain("vals.py:3:7 - error PM2003: 'str.isnumeric' is not supported by py2ts-mp");
    expect(r.stderr).toContain("vals.py:3:25 - error PM2003: 'list.foo' is not supported by py2ts-mp");
  });

  it("reports a log format naming the Python source position, which the converted program cannot know", () => {
    const dir = tmpdir();
    const py = path.join(dir, "lg.py");
    fs.writeFileSync(py, 'import logging\nlogging.basicConfig(format="%(levelname)s %(message)s")\nf = logging.Formatter("%(funcName)s: %(message)s")\n');
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("lg.py:3:23 - error PM2009: this argument cannot be translated faithfully: the converted program does not know the Python source's %(funcName) of a log record");
    expect(r.stderr).not.toContain("lg.py:2:");
  });

  it("reports a method called on a value of several types, and one no builtin type has", () => {
    const dir = tmpdir();
    const py = path.join(dir, "un.py");
    fs.writeFileSync(
      py,
      "import sys\ndef get(flag):\n    return 'a' if flag else b'b'\n" +
        "v = get(len(sys.argv) > 2)\nprint(v.upper())\nif isinstance(v, str):\n    print(v.upper())\nn = len(sys.argv) or None\nprint(n.as_integer_ratio())\n",
    );
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("un.py:5:7 - error PM2005: calling .upper() on a value of type str | bytes cannot be translated faithfully");
    expect(r.stderr).not.toContain("un.py:7:");
    expect(r.stderr).toContain("un.py:9:7 - error PM2003: 'int.as_integer_ratio' is not supported by py2ts-mp");
  });

  it("reports isinstance(x, int) on a value that may be an int or a float, and a text mode not written out", () => {
    const dir = tmpdir();
    const py = path.join(dir, "num.py");
    fs.writeFileSync(
      py,
      "import subprocess, sys\nx = 1 if len(sys.argv) > 2 else 1.5\nprint(isinstance(x, int), isinstance(x, str))\n" +
        "r = subprocess.run(['true'], capture_output=True, text=len(sys.argv) > 2)\n",
    );
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("num.py:3:7 - error PM2005: isinstance() with int or float on a value that may be either cannot be translated faithfully");
    expect(r.stderr).not.toContain("num.py:3:28");
    expect(r.stderr).toContain("num.py:4:56 - error PM2009: this argument cannot be translated faithfully: text= must be True, False or None written out");
  });

  it("warns that a signal handler runs only for signals the program sends itself", () => {
    const dir = tmpdir();
    const py = path.join(dir, "sig.py");
    fs.writeFileSync(py, "import signal\ndef h(signum, frame):\n    print(signum)\nsignal.signal(signal.SIGTERM, h)\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n");
    const r = cli(["convert", py]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("sig.py:4:31 - warning PM3003: this handler runs for signals the program sends itself");
    expect(r.stderr).not.toContain("sig.py:5:");
  });

  it("converts a script to FILE.ts beside it by default", () => {
    const dir = tmpdir();
    const py = path.join(dir, "hello.py");
    fs.writeFileSync(py, "print('hello')\n");
    const r = cli(["convert", py]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "hello.ts"), "utf8")).toContain('print("hello")');
  });

  it("runs a script with its arguments and exit code", () => {
    const dir = tmpdir();
    const py = path.join(dir, "exit.py");
    fs.writeFileSync(py, "import sys\nprint(sys.argv[1:])\nsys.exit(3)\n");
    const r = cli(["run", py, "a", "--flag"]);
    expect(r.stdout).toBe("['a', '--flag']\n");
    expect(r.code).toBe(3);
  });

  it("runs a cached conversion as it ran the first time, and leaves a pool backend after FILE to the run", () => {
    const dir = tmpdir();
    const cache = { PY2TS_MP_CACHE: path.join(dir, "cache") };
    const py = path.join(dir, "exit.py");
    fs.writeFileSync(py, "import sys\nprint(sys.argv[1:])\nsys.exit(3)\n");
    for (const run of ["converts", "cached"]) {
      const r = cli(["run", py, "--", "a", "--flag"], undefined, cache);
      expect(r.stdout, run).toBe("['a', '--flag']\n");
      expect(r.code, run).toBe(3);
    }
    // One converted program (v8/ holds the TypeScript compiler's code cache).
    expect(fs.readdirSync(cache.PY2TS_MP_CACHE).filter((e) => e !== "v8")).toHaveLength(1);
    // Still an option of the run, not of the script: the backend is checked (nothing listens on port 1).
    const backend = cli(["run", py, "--pool-backend", "redis://127.0.0.1:1", "a"], undefined, cache);
    expect(backend.stdout).toBe("");
    expect(backend.stderr).toContain("cannot reach Redis at redis://127.0.0.1:1");
    expect(backend.code).toBe(1);
  });

  it("writes the TypeScript compiler's code cache once and reuses it in later conversions", () => {
    const dir = tmpdir();
    const cache = { PY2TS_MP_CACHE: path.join(dir, "cache") };
    fs.writeFileSync(path.join(dir, "a.py"), "print(1)\n");
    fs.writeFileSync(path.join(dir, "b.py"), "print(2)\n");
    expect(cli(["convert", path.join(dir, "a.py"), "-o", path.join(dir, "a.ts")], undefined, cache).code).toBe(0);
    const v8 = path.join(cache.PY2TS_MP_CACHE, "v8");
    const [file] = fs.readdirSync(v8);
    expect(file).toMatch(/^typescript-[\d.]+-\d+\.bin$/);
    const written = fs.statSync(path.join(v8, file!)).mtimeMs;
    expect(cli(["convert", path.join(dir, "b.py"), "-o", path.join(dir, "b.ts")], undefined, cache).code).toBe(0);
    // V8 accepted it: not rewritten, no second file.
    expect(fs.readdirSync(v8)).toEqual([file]);
    expect(fs.statSync(path.join(v8, file!)).mtimeMs).toBe(written);
    expect(fs.readFileSync(path.join(dir, "b.ts"), "utf8")).toContain("print(2)");
  });

  it("warns at a global that cannot cross into a worker, and the worker's error names it", () => {
    const dir = tmpdir();
    const py = path.join(dir, "gen.py");
    fs.writeFileSync(
      py,
      "import multiprocessing as mp\n\nnumbers = (i * i for i in range(3))\n\n\ndef consume():\n    print(sum(numbers))\n\n\n" +
        "if __name__ == '__main__':\n    p = mp.Process(target=consume)\n    p.start()\n    p.join()\n    print('exit code', p.exitcode)\n",
    );
    const r = cli(["run", py]);
    expect(r.stderr).toContain("gen.py:3:1 - warning PM3002: global 'numbers' holds a generator or iterator");
    expect(r.stderr).toContain("RuntimeError: global 'numbers' cannot be used in a worker process");
    expect(r.stdout).toBe("exit code 1\n");
    expect(r.code).toBe(0);
  });

  it("refuses ThreadPoolExecutor tasks that could not reach their thread as CPython's do", () => {
    const dir = tmpdir();
    const py = path.join(dir, "tasks.py");
    fs.writeFileSync(
      py,
      "from concurrent.futures import ThreadPoolExecutor\n\nseen = []\n\n\ndef note(x):\n    seen.append(x)\n\n\n" +
        "if __name__ == '__main__':\n    with ThreadPoolExecutor(2) as ex:\n        ex.submit(lambda x: x + 1, 4)\n" +
        "        ex.submit(note, 1)\n        list(ex.map(len, [[1], [2, 3]]))\n",
    );
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tasks.py:12:9 - error PM2005: this ThreadPoolExecutor task cannot be translated faithfully: its function is not a module-level def");
    expect(r.stderr).toContain("tasks.py:13:9 - error PM2005: this ThreadPoolExecutor task cannot be translated faithfully: its target uses the mutable global 'seen'");
    expect(r.stderr).toContain("tasks.py:14:14 - error PM2005: this ThreadPoolExecutor task cannot be translated faithfully: an argument is a mutable container");
  });

  it("refuses library base classes other than Process, and a Process subclass that skips super().__init__()", () => {
    const dir = tmpdir();
    const py = path.join(dir, "bases.py");
    fs.writeFileSync(
      py,
      "import threading\nfrom multiprocessing import Process\n\n\nclass T(threading.Thread):\n    pass\n\n\n" +
        "class P(Process):\n    def __init__(self):\n        self.y = 1\n",
    );
    const r = cli(["convert", py]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bases.py:5:9 - error PM2005: a subclass of threading.Thread cannot be translated faithfully");
    expect(r.stderr).toContain("bases.py:10:5 - error PM2005: an __init__ that does not start by calling the base class's __init__ cannot be translated faithfully");
  });

  it("--start-method spawn makes children run the module's top level as __mp_main__", () => {
    const r = cli(["run", "--start-method", "spawn", path.resolve(__dirname, "../../fixtures/fork/module_print_fork.py")]);
    expect(r.stdout).toBe("module level __main__\nmodule level __mp_main__\nin child\n");
  });

  describe("input files", () => {
    const convert = (name: string, bytes: Buffer | string) => {
      const dir = tmpdir();
      const py = path.join(dir, name);
      fs.writeFileSync(py, bytes);
      const r = cli(["convert", py]);
      const out = path.join(dir, name.replace(/\.py$/, ".ts"));
      return { ...r, written: fs.existsSync(out) ? fs.readFileSync(out, "utf8") : null };
    };

    it("converts a file with a UTF-8 BOM", () => {
      const r = convert("bom.py", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("print('hi')\n")]));
      expect(r.code).toBe(0);
      expect(r.written).toContain('print("hi")');
    });

    it("converts CRLF line endings", () => {
      const r = convert("crlf.py", "x = 1\r\nif x:\r\n    print(x)\r\n");
      expect(r.code).toBe(0);
      expect(r.written).toContain("print(x)");
    });

    it("converts tab indentation", () => {
      const r = convert("tabs.py", "for i in range(2):\n\tprint(i)\n");
      expect(r.code).toBe(0);
      expect(r.written).toContain("print(i)");
    });

    it("converts an empty file to a module that does nothing", () => {
      const r = convert("empty.py", "");
      expect(r.code).toBe(0);
      expect(r.written).toContain("runModule");
    });

    it("rejects bytes that are not UTF-8 without a coding declaration, at their position", () => {
      const r = convert("latin.py", Buffer.concat([Buffer.from("x = 1\ns = '"), Buffer.from([0xe9]), Buffer.from("'\n")]));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("latin.py:2:6 - error PM1004: file is not valid UTF-8 and has no coding declaration");
      expect(r.written).toBeNull();
    });

    it("decodes a file with a coding declaration", () => {
      const r = convert("declared.py", Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\ns = '"), Buffer.from([0xe9]), Buffer.from("'\nprint(s)\n")]));
      expect(r.code).toBe(0);
      expect(r.written).toContain('"\u00e9"'.replace("\\u00e9", "é"));
    });

    it("rejects binary data", () => {
      const r = convert("binary.py", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("binary.py:1:1 - error PM1005");
    });

    it("asks for an output directory when converting a directory", () => {
      const r = cli(["convert", tmpdir()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("py2ts-mp: converting a directory needs -o OUTDIR");
    });

    it("reports every syntax error of a file in one run", () => {
      const r = convert("many.py", "def f(:\n    pass\n\nx = (1,\ny = ]\n");
      expect(r.code).toBe(1);
      expect(r.stderr.match(/error PM100\d/g)?.length).toBeGreaterThanOrEqual(2);
    });

    it("prints diagnostics as JSON with --json", () => {
      const dir = tmpdir();
      const py = path.join(dir, "j.py");
      fs.writeFileSync(py, "import ctypes\n");
      const r = cli(["check", "--json", py]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual([
        expect.objectContaining({ line: 1, column: 8, code: "PM2002", severity: "error", message: "module 'ctypes' is not supported by py2ts-mp" }),
      ]);
    });
  });
  describe("unsupported Python", () => {
    function check(name: string, text: string) {
      const dir = tmpdir();
      fs.writeFileSync(path.join(dir, name), text);
      const r = cli(["convert", name], dir);
      return { ...r, written: fs.existsSync(path.join(dir, name.replace(/\.py$/, ".ts"))) };
    }

    it("names exec and eval where they are called, and writes nothing", () => {
      const r = check("dyn.py", 'x = 1\nexec("print(1)")\ny = eval("1+2")\n');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("dyn.py:2:1 - error PM2003: 'exec' is not supported by py2ts-mp");
      expect(r.stderr).toContain("dyn.py:3:5 - error PM2003: 'eval' is not supported by py2ts-mp");
      expect(r.written).toBe(false);
    });

    it("names an unmapped function of a mapped module", () => {
      const r = check("fork.py", "import os\nos.fork()\n");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("fork.py:2:1 - error PM2003: 'os.fork' is not supported by py2ts-mp");
      expect(r.written).toBe(false);
    });

    it("names an attribute of a builtin type it does not map", () => {
      const r = check("types.py", 'd = dict.fromkeys([1, 2], 0)\nn = int.from_bytes(b"ab", "little")\nprint(sorted(["b", "A"], key=str.lower), int.__name__)\n');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("types.py:1:5 - error PM2003: 'dict.fromkeys' is not supported by py2ts-mp");
      expect(r.stderr).toContain("types.py:2:5 - error PM2003: 'int.from_bytes' is not supported by py2ts-mp");
      expect(r.stderr).not.toContain("types.py:3:");
      expect(r.written).toBe(false);
    });

    it("names the file and path calls it cannot translate faithfully", () => {
      const r = check(
        "files.py",
        'import csv, os\nfrom datetime import datetime\nfrom pathlib import Path\nmode = "r"\nf = open("x", mode)\nPath("x").chmod(0o644)\ncsv.reader(f, quoting=csv.QUOTE_NONNUMERIC)\ndatetime(2024, 1, 1, tzinfo=None)\nos.symlink("a", "b")\n',
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("files.py:5:15 - error PM2004: unsupported use of open(): the mode must be a string literal");
      expect(r.stderr).toContain("files.py:6:1 - error PM2003: 'Path.chmod' is not supported by py2ts-mp");
      expect(r.stderr).toContain("files.py:7:23 - error PM2004: unsupported use of csv.reader(): reading with quoting=csv.QUOTE_NONNUMERIC");
      expect(r.stderr).toContain("files.py:8:29 - error PM2004: unsupported use of datetime.datetime(): time zones (tzinfo) are not supported");
      expect(r.stderr).toContain("files.py:9:1 - error PM2003: 'os.symlink' is not supported by py2ts-mp");
      expect(r.written).toBe(false);
    });

    it("names the function and class constructs whose Python semantics TypeScript would change", () => {
      const r = check(
        "sem.py",
        [
          "import functools",
          "from collections import namedtuple",
          "def repeat(fn):",
          "    def wrapper(*args):",
          "        return [fn(*args), fn(*args)]",
          "    return wrapper",
          "@repeat",
          "def twice(x):",
          "    return x",
          "class Cart:",
          "    def __init__(self, items=[]):",
          "        self.items = items",
          "class Guard:",
          "    def __enter__(self):",
          "        return self",
          "    def __exit__(self, exc_type, exc, tb):",
          "        return False",
          'names = "x y"',
          'Pair = namedtuple("Pair", names)',
          "adders = [lambda x, seen=[]: seen]",
          'with Guard(), open("f.txt", "w") as f:',
          "    pass",
          "print(twice(1), Cart(), adders, functools.partial(twice, x=1))",
          "",
        ].join("\n"),
      );
      expect(r.code).toBe(1);
      // A wrapper that does not hand back fn's result is not the pass-through shape the converter types as F.
      expect(r.stderr).toContain("sem.py:7:2 - error PM2001: unsupported Python syntax: this decorator (supported: functools.lru_cache/cache, atexit.register, and decorators that return a wrapper calling fn(*args, **kwargs))");
      expect(r.stderr).toContain("sem.py:11:30 - error PM2005: a method default that is not a constant cannot be translated faithfully: Python evaluates it once for all calls, TypeScript at each call");
      expect(r.stderr).toContain("sem.py:19:8 - error PM2004: unsupported use of collections.namedtuple(): the field names must be string literals");
      expect(r.stderr).toContain("sem.py:20:26 - error PM2005: a lambda default that is not a constant cannot be translated faithfully");
      expect(r.stderr).toContain("sem.py:21:6 - error PM2005: a with statement combining the script's own context manager with others cannot be translated faithfully");
      // functools.partial takes keywords (it pickles them too): not an error.
      expect(r.stderr).not.toContain("sem.py:23:");
      expect(r.written).toBe(false);
    });

    it("names an attribute the object may lack (Python's AttributeError), where a JS object would give undefined", () => {
      const r = check(
        "attr.py",
        "class Base:\n    def __init__(self):\n        self.a = 1\nclass Child(Base):\n    def __init__(self):\n        super().__init__()\n        self.b = 2\ndef show(x):\n    print(x.a, x.b, x.c)\nshow(Base())\n",
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("attr.py:9:16 - error PM2005: the attribute Base.b cannot be translated faithfully: only Child instances have it, and this value may be any Base");
      expect(r.stderr).toContain("attr.py:9:21 - error PM2005: the attribute Base.c cannot be translated faithfully: no Base (or base class) code sets it");
      expect(r.stderr).not.toContain("Base.a");
    });

    it("warns, with CPython's wording, when a lambda is sent to a Pool, and still converts", () => {
      const r = check("lam.py", 'from multiprocessing import Pool\nif __name__ == "__main__":\n    with Pool(2) as p:\n        print(p.map(lambda x: x * 2, [1, 2]))\n');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("lam.py:4:21 - warning PM3001: Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed");
      expect(r.written).toBe(true);
    });

    it("warns when a nested function is sent to a Pool", () => {
      const r = check("nested.py", "from multiprocessing import Pool\ndef f():\n    def g(x):\n        return x\n    with Pool(2) as p:\n        p.map(g, [1])\nf()\n");
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("nested.py:6:15 - warning PM3001: Can't pickle local object 'f.<locals>.g'");
    });
  });
});
