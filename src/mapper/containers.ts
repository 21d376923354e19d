// Methods of Python's built-in types (list, str, dict, set): a JS method where it means the same thing,
// otherwise a runtime helper that takes the receiver first (`xs.pop()` → `pop(xs)`).

import { T, iterElement, join, type PyType } from "../analysis/types.js";
import { varargTypes, type ApiRow, type ArgTypes, type ModuleTable } from "./row.js";

const self = (a: ArgTypes) => a.get("self") ?? T.unknown;
const elt = (a: ArgTypes) => iterElement(self(a));
const none = () => T.none;
const int = () => T.int(-1, Number.MAX_SAFE_INTEGER);
const str = () => T.str;
const bool = () => T.bool;
const bytes = () => T.bytes;
const method = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "method", ts, params, result, ...extra });
const helper = (ts: string, params: string[], result: (a: ArgTypes) => PyType, extra: Partial<ApiRow> = {}): ApiRow => ({ kind: "helper", ts, params, result, ...extra });
const dictValue = (a: ArgTypes) => { const t = self(a); return t.k === "dict" ? t.value : T.unknown; };
/** The element type of the iterables passed as `*others`. */
const othersElt = (a: ArgTypes) => varargTypes(a, "*others").map(iterElement).reduce((x, y) => join(x, y), T.never);
const dictKey = (a: ArgTypes) => { const t = self(a); return t.k === "dict" ? t.key : T.unknown; };

export const containers: ModuleTable = {
  python: "builtins",
  runtime: "py2ts-mp/runtime",
  names: {},
  classes: {},
  members: {
    "list.append": method("push", ["object"], none, { addsElement: (a) => a.get("object") }),
    "list.extend": helper("extend", ["iterable"], none, { addsElement: (a) => iterElement(a.get("iterable") ?? T.unknown) }),
    "list.insert": helper("insert", ["index", "object"], none, { addsElement: (a) => a.get("object") }),
    "list.pop": helper("pop", ["index"], elt),
    "list.remove": helper("remove", ["value"], none),
    "list.index": helper("index", ["value", "start", "stop"], int),
    "list.count": helper("count", ["value"], int),
    "list.sort": helper("sortInPlace", ["*", "key", "reverse"], none, { positional: 0, flows: (a) => [["key", [elt(a)]]] }),
    "list.reverse": method("reverse", [], none),
    "list.clear": helper("clear", [], none),
    "list.copy": method("slice", [], self),

    "str.upper": method("toUpperCase", [], str),
    "str.lower": method("toLowerCase", [], str),
    "str.strip": helper("strip", ["chars"], str),
    "str.lstrip": helper("lstrip", ["chars"], str),
    "str.rstrip": helper("rstrip", ["chars"], str),
    "str.split": helper("split", ["sep", "maxsplit"], () => T.list(T.str)),
    "str.rsplit": helper("rsplit", ["sep", "maxsplit"], () => T.list(T.str)),
    "str.splitlines": helper("splitlines", ["keepends"], () => T.list(T.str)),
    "str.join": helper("join", ["iterable"], str),
    "str.replace": helper("replace", ["old", "new", "count"], str),
    "str.startswith": helper("startswith", ["prefix", "start", "end"], bool),
    "str.endswith": helper("endswith", ["suffix", "start", "end"], bool),
    "str.find": helper("find", ["sub", "start", "end"], int),
    "str.rfind": helper("rfind", ["sub", "start", "end"], int),
    "str.index": helper("strIndex", ["sub", "start", "end"], int),
    "str.count": helper("strCount", ["sub", "start", "end"], int),
    "str.format": helper("strFormat", ["*args", "**kwargs"], str, { boxesFloats: ["args"] }),
    "str.center": helper("center", ["width", "fillchar"], str),
    "str.ljust": helper("ljust", ["width", "fillchar"], str),
    "str.rjust": helper("rjust", ["width", "fillchar"], str),
    "str.zfill": helper("zfill", ["width"], str),
    "str.title": helper("title", [], str),
    "str.capitalize": helper("capitalize", [], str),
    "str.istitle": helper("istitle", [], bool),
    "str.swapcase": helper("swapcase", [], str),
    "str.partition": helper("partition", ["sep"], () => T.tuple([T.str, T.str, T.str])),
    "str.rpartition": helper("rpartition", ["sep"], () => T.tuple([T.str, T.str, T.str])),
    "str.expandtabs": helper("expandtabs", ["tabsize"], str),
    "str.isdecimal": helper("isdecimal", [], bool),
    "str.isdigit": helper("isdigit", [], bool),
    "str.isalpha": helper("isalpha", [], bool),
    "str.isspace": helper("isspace", [], bool),
    "str.isupper": helper("isupper", [], bool),
    "str.islower": helper("islower", [], bool),
    "str.isalnum": helper("isalnum", [], bool),

    "str.encode": helper("encode", ["encoding", "errors"], bytes),

    "bytes.decode": helper("decode", ["encoding", "errors"], str),
    "bytes.hex": helper("bytesHex", ["sep"], str),
    "bytes.split": helper("bytesSplit", ["sep", "maxsplit"], () => T.list(T.bytes)),
    "bytes.join": helper("bytesJoin", ["iterable_of_bytes"], bytes),
    "bytes.strip": helper("bytesStrip", ["bytes"], bytes),
    "bytes.lstrip": helper("bytesLstrip", ["bytes"], bytes),
    "bytes.rstrip": helper("bytesRstrip", ["bytes"], bytes),
    "bytes.upper": helper("bytesUpper", [], bytes),
    "bytes.lower": helper("bytesLower", [], bytes),
    "bytes.startswith": helper("bytesStartswith", ["prefix", "start", "end"], bool),
    "bytes.endswith": helper("bytesEndswith", ["suffix", "start", "end"], bool),
    "bytes.find": helper("bytesFind", ["sub", "start", "end"], int),
    "bytes.index": helper("bytesIndex", ["sub", "start", "end"], int),
    "bytes.count": helper("bytesCount", ["sub"], int),
    "bytes.replace": helper("bytesReplace", ["old", "new", "count"], bytes),

    "dict.get": helper("dictGet", ["key", "default"], (a) => join(dictValue(a), a.get("default") ?? T.none)),
    "dict.keys": helper("keys", [], (a) => T.list(dictKey(a))),
    "dict.values": helper("values", [], (a) => T.list(dictValue(a))),
    "dict.items": helper("items", [], (a) => T.list(T.tuple([dictKey(a), dictValue(a)]))),
    // Python 2 spellings: lists in Python 2, iterated the same way.
    "dict.iteritems": helper("items", [], (a) => T.list(T.tuple([dictKey(a), dictValue(a)]))),
    "dict.iterkeys": helper("keys", [], (a) => T.list(dictKey(a))),
    "dict.itervalues": helper("values", [], (a) => T.list(dictValue(a))),
    "dict.has_key": helper("hasKey", ["key"], () => T.bool),
    "dict.pop": helper("dictPop", ["key", "default"], dictValue),
    "dict.setdefault": helper("setdefault", ["key", "default"], dictValue),
    "dict.update": helper("update", ["other"], none),
    "dict.clear": method("clear", [], none),
    "dict.copy": helper("copy", [], self),

    "int.bit_length": helper("bitLength", [], int),
    "float.is_integer": helper("isInteger", [], bool),

    "tuple.count": helper("count", ["value"], int),
    "tuple.index": helper("index", ["value", "start", "stop"], int),

    "set.union": helper("setUnion", ["*others"], (a) => T.set(join(elt(a), othersElt(a)))),
    "set.intersection": helper("setIntersection", ["*others"], self),
    "set.difference": helper("setDifference", ["*others"], self),
    "set.symmetric_difference": helper("setSymmetricDifference", ["other"], (a) => T.set(join(elt(a), iterElement(a.get("other") ?? T.unknown)))),
    "set.issubset": helper("issubset", ["other"], bool),
    "set.issuperset": helper("issuperset", ["other"], bool),
    "set.isdisjoint": helper("isdisjoint", ["other"], bool),
    "set.add": method("add", ["elem"], none, { addsElement: (a) => a.get("elem"), byValue: "setAdd" }),
    "set.discard": method("delete", ["elem"], none, { byValue: "setDiscard" }),
    "set.remove": helper("setRemove", ["elem"], none),
    "set.clear": method("clear", [], none),
  },
};
