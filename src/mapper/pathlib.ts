// pathlib → py2ts-mp/runtime/pathlib: Path (PosixPath) with `/`, its properties and file methods.

import { T, type PyType } from "../analysis/types.js";
import type { ApiRow, ArgTypes, ModuleTable } from "./row.js";
import { fileType } from "./io.js";

const PATH = T.object("Path");
const path = () => PATH;
const str = () => T.str;
const bool = () => T.bool;
const none = () => T.none;
const paths = () => T.object("Iterator", undefined, PATH);
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "method", ts, params, result, ...extra });
const attr = (ts: string, result: () => PyType): ApiRow => ({ kind: "attr", ts, params: [], result });
/** `Path / "x"` and `Path / Path` make a Path; anything else is CPython's TypeError. */
const joinable = (r: PyType) => (r.k === "str" || (r.k === "object" && r.cls === "Path") ? PATH : undefined);

const constructor: ApiRow = { kind: "new", ts: "Path", params: ["*pathsegments"], result: path };

const members: Record<string, ApiRow> = {
  name: attr("name", str),
  stem: attr("stem", str),
  suffix: attr("suffix", str),
  suffixes: attr("suffixes", () => T.list(T.str)),
  parent: attr("parent", path),
  parents: attr("parents", () => T.list(PATH)),
  parts: attr("parts", () => T.unknown),
  anchor: attr("anchor", str),
  as_posix: method("as_posix", [], str),
  joinpath: method("joinpath", ["*other"], path),
  with_name: method("with_name", ["name"], path),
  with_stem: method("with_stem", ["stem"], path),
  with_suffix: method("with_suffix", ["suffix"], path),
  is_absolute: method("is_absolute", [], bool),
  relative_to: method("relative_to", ["*other"], path),
  absolute: method("absolute", [], path),
  resolve: method("resolve", [], path),
  expanduser: method("expanduser", [], path),
  exists: method("exists", [], bool),
  is_file: method("is_file", [], bool),
  is_dir: method("is_dir", [], bool),
  is_symlink: method("is_symlink", [], bool),
  stat: method("stat", [], () => T.object("stat_result")),
  mkdir: method("mkdir", ["mode", "parents", "exist_ok"], none),
  rmdir: method("rmdir", [], none),
  unlink: method("unlink", ["missing_ok"], none),
  rename: method("rename", ["target"], path),
  replace: method("replace", ["target"], path),
  touch: method("touch", ["mode", "exist_ok"], none),
  open: method("open", ["mode", "buffering", "encoding", "errors", "newline"], (a) => fileType(a.literal("mode")), {
    positional: 1,
    check: (a) => (a.get("mode") && typeof a.literal("mode") !== "string" ? { param: "mode", message: "the mode must be a string literal (it decides whether the file reads str or bytes)", regex: false } : undefined),
  }),
  read_text: method("read_text", ["encoding", "errors"], str),
  write_text: method("write_text", ["data", "encoding", "errors", "newline"], () => T.int(0, Number.MAX_SAFE_INTEGER)),
  read_bytes: method("read_bytes", [], () => T.bytes),
  write_bytes: method("write_bytes", ["data"], () => T.int(0, Number.MAX_SAFE_INTEGER)),
  iterdir: method("iterdir", [], paths),
  glob: method("glob", ["pattern"], paths),
  rglob: method("rglob", ["pattern"], paths),
};

export const pathlib: ModuleTable = {
  python: "pathlib",
  runtime: "py2ts-mp/runtime/pathlib",
  names: {
    Path: constructor,
    PosixPath: constructor,
    PurePath: constructor,
    PurePosixPath: constructor,
  },
  classes: { Path: { ts: "Path", operators: { "/": joinable } } },
  members: Object.fromEntries(Object.entries(members).map(([k, v]) => [`Path.${k}`, v])),
};
