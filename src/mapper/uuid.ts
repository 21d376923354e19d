// uuid → py2ts-mp/runtime/uuid: UUID values, uuid4, the name-based uuid3/uuid5 and the standard namespaces.

import { T } from "../analysis/types.js";
import type { ApiRow, ModuleTable } from "./row.js";

const uuid = () => T.object("UUID");
const namespace = (ts: string): ApiRow => ({ kind: "attr", ts, params: [], result: uuid });
const attr = (ts: string, result: ApiRow["result"]): ApiRow => ({ kind: "attr", ts, params: [], result });

export const uuidTable: ModuleTable = {
  python: "uuid",
  runtime: "py2ts-mp/runtime/uuid",
  names: {
    UUID: { kind: "new", ts: "UUID", params: ["hex", "*", "bytes"], positional: 0, result: uuid },
    uuid4: { kind: "call", ts: "uuid4", params: [], result: uuid },
    uuid3: { kind: "call", ts: "uuid3", params: ["namespace", "name"], result: uuid },
    uuid5: { kind: "call", ts: "uuid5", params: ["namespace", "name"], result: uuid },
    NAMESPACE_DNS: namespace("NAMESPACE_DNS"),
    NAMESPACE_URL: namespace("NAMESPACE_URL"),
    NAMESPACE_OID: namespace("NAMESPACE_OID"),
    NAMESPACE_X500: namespace("NAMESPACE_X500"),
  },
  classes: { UUID: { ts: "UUID" } },
  members: {
    "UUID.hex": attr("hex", () => T.str),
    "UUID.int": attr("int", () => T.int()),
    "UUID.bytes": attr("bytes", () => T.bytes),
    "UUID.version": attr("version", () => ({ k: "union", types: [T.int(1, 15), T.none] })),
    "UUID.urn": attr("urn", () => T.str),
  },
};
