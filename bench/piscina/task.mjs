// piscina's task for bench/piscina.js: the same trivial function as the runtime's side.
export default function double(x) {
  return x * 2;
}
