// A name the register expands is an OR of many phrases, most of them starting with the same word:
//   'kim' <-> 'jong' <-> 'un' | 'kim' <-> 'jongun' | 'kim' <-> 'dzong' <-> 'un' | ... (23 spellings of Kim Jong Un)
// PostgreSQL checks such a query against an article's vector branch by branch, finding 'kim' and its positions
// again in each: on an article without the name (most articles a date walk reads) every branch runs. Written with
// the shared words factored out,
//   'kim' <-> ('jong' <-> 'un' | 'jongun' | 'dzong' <-> 'un' | ...) | ...
// it matches exactly the same articles (PostgreSQL aligns the alternatives of an OR inside a phrase at their ends,
// so alternatives of different lengths keep their own starts: TS_phrase_execute), and checks 'kim' once. Matching
// 20,000 stored vectors against Kim Jong Un's 23 spellings took 42 ms instead of 67; on the 1M bench's date walk,
// where reading each row costs more than matching it, the walk gains 1-3 ms of its 16.
//
// Only what PostgreSQL prints for the search's own tsqueries is rewritten: ORs, ANDs, phrases and parentheses of
// lexemes. Anything else (a negation, an unexpected character) leaves the text as it was.

type Node =
  | { kind: "atom"; text: string }
  | { kind: "or" | "and"; children: Node[] }
  | { kind: "phrase"; left: Node; op: string; right: Node };

class Unsupported extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " ") {
      i++;
    } else if (c === "'") {
      // A lexeme: '' is a quote inside it, a backslash escapes the next character; then an optional :suffix.
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Unsupported();
        if (text[j] === "\\") j += 2;
        else if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      j++;
      if (text[j] === ":") {
        j++;
        while (j < text.length && /[*A-D]/.test(text[j])) j++;
      }
      tokens.push(text.slice(i, j));
      i = j;
    } else if (c === "|" || c === "&" || c === "(" || c === ")") {
      tokens.push(c);
      i++;
    } else if (c === "<") {
      const end = text.indexOf(">", i);
      const op = end === -1 ? "" : text.slice(i, end + 1);
      if (!/^<(-|\d+)>$/.test(op)) throw new Unsupported();
      tokens.push(op === "<1>" ? "<->" : op);
      i = end + 1;
    } else {
      throw new Unsupported();
    }
  }
  return tokens;
}

function parse(tokens: string[]): Node {
  let at = 0;
  const peek = () => tokens[at];
  const list = (kind: "or" | "and", separator: string, next: () => Node): Node => {
    const children = [next()];
    while (peek() === separator) {
      at++;
      children.push(next());
    }
    return children.length === 1 ? children[0] : { kind, children };
  };
  const primary = (): Node => {
    const token = tokens[at++];
    if (token === "(") {
      const inner = or();
      if (tokens[at++] !== ")") throw new Unsupported();
      return inner;
    }
    if (token?.startsWith("'")) return { kind: "atom", text: token };
    throw new Unsupported();
  };
  // Phrase operators bind tighter than & and |, and associate to the left.
  const phrase = (): Node => {
    let left = primary();
    while (peek()?.startsWith("<")) {
      const op = tokens[at++];
      left = { kind: "phrase", left, op, right: primary() };
    }
    return left;
  };
  const and = () => list("and", "&", phrase);
  const or = (): Node => list("or", "|", and);
  const tree = or();
  if (at !== tokens.length) throw new Unsupported();
  return tree;
}

/** A phrase of lexemes only, as its words and the operators between them; null for anything else. */
function chainOf(node: Node): { atoms: string[]; ops: string[] } | null {
  if (node.kind === "atom") return { atoms: [node.text], ops: [] };
  if (node.kind !== "phrase") return null;
  const left = chainOf(node.left);
  const right = chainOf(node.right);
  if (!left || !right) return null;
  return { atoms: [...left.atoms, ...right.atoms], ops: [...left.ops, node.op, ...right.ops] };
}

type Chain = { atoms: string[]; ops: string[] };

/** Chains with their shared first words taken out, as text. */
function factorChains(chains: Chain[]): string[] {
  const byFirst = new Map<string, Chain[]>();
  for (const chain of chains) {
    const group = byFirst.get(chain.atoms[0]);
    if (group) group.push(chain);
    else byFirst.set(chain.atoms[0], [chain]);
  }
  const out: string[] = [];
  for (const [first, group] of byFirst) {
    // The word alone matches wherever any phrase starting with it does.
    if (group.some((chain) => chain.atoms.length === 1)) {
      out.push(first);
      continue;
    }
    const byOp = new Map<string, Chain[]>();
    for (const chain of group) {
      const rest = { atoms: chain.atoms.slice(1), ops: chain.ops.slice(1) };
      const same = byOp.get(chain.ops[0]);
      if (same) same.push(rest);
      else byOp.set(chain.ops[0], [rest]);
    }
    for (const [op, rests] of byOp) {
      const alternatives = factorChains(rests);
      const right =
        alternatives.length === 1 && !/[ |]/.test(alternatives[0])
          ? alternatives[0]
          : `( ${alternatives.join(" | ")} )`;
      out.push(`${first} ${op} ${right}`);
    }
  }
  return out;
}

function print(node: Node): string {
  switch (node.kind) {
    case "atom":
      return node.text;
    case "phrase": {
      const chain = chainOf(node);
      if (chain) return chain.atoms.map((atom, i) => (i ? `${chain.ops[i - 1]} ${atom}` : atom)).join(" ");
      const side = (child: Node) => (child.kind === "atom" ? print(child) : `( ${print(child)} )`);
      return `${side(node.left)} ${node.op} ${side(node.right)}`;
    }
    case "and":
      return node.children.map((child) => (child.kind === "or" ? `( ${print(child)} )` : print(child))).join(" & ");
    case "or": {
      const chains: Chain[] = [];
      const others: string[] = [];
      for (const child of node.children) {
        const chain = chainOf(child);
        if (chain) chains.push(chain);
        else others.push(print(child));
      }
      return [...factorChains(chains), ...others].join(" | ");
    }
  }
}

/** `text` (a tsquery as PostgreSQL prints it) with the words its phrases share factored out; as it was otherwise. */
export function factorTsquery(text: string): string {
  if (!text.includes("|")) return text;
  try {
    return print(parse(tokenize(text)));
  } catch (error) {
    if (error instanceof Unsupported) return text;
    throw error;
  }
}
