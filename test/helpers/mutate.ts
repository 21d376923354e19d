// Seeded source mutations for the converter's fuzz test: delete, duplicate and swap tokens and lines.

/** mulberry32: a small seeded PRNG, so a failing case is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"[^"\n]*"|'[^'\n]*'|\s+|./gs;

export function mutate(source: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  if (random() < 0.4) {
    const lines = source.split("\n");
    const i = pick(lines.length);
    const j = pick(lines.length);
    switch (pick(3)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[j]!);
        break;
      default:
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join("\n");
  }
  const tokens = source.match(TOKEN) ?? [];
  const i = pick(tokens.length);
  const j = pick(tokens.length);
  switch (pick(3)) {
    case 0:
      tokens.splice(i, 1);
      break;
    case 1:
      tokens.splice(i, 0, tokens[j]!);
      break;
    default:
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
  }
  return tokens.join("");
}
